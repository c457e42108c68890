//! Reading the registry from either database. The registry is small reference data that only
//! an import changes, so it is read whole into a [`RegistryIndex`] and served from memory.

use super::index::{IndexedHromada, RegistryIndex};
use super::types::*;
use crate::db::Db;
use crate::on_db;

#[derive(sqlx::FromRow)]
struct HromadaRow {
    #[sqlx(flatten)]
    hromada: Hromada,
    search_name: String,
    sort_key: String,
}

#[derive(sqlx::FromRow)]
struct RaionRow {
    oblast_katottg: String,
    #[sqlx(flatten)]
    raion: Raion,
}

/// Bumped by every import, in the same transaction, so caches know when to reload.
pub async fn version(db: &Db) -> Result<i64, sqlx::Error> {
    on_db!(db, read, |pool| sqlx::query_scalar(
        "SELECT COALESCE(MAX(version), 0) FROM registry_version"
    )
    .fetch_one(pool)
    .await)
}

pub async fn load(db: &Db) -> Result<RegistryIndex, sqlx::Error> {
    on_db!(db, read, |pool| {
        // One snapshot: the version read and the rows it describes come from one transaction.
        let mut tx = pool.begin().await?;
        let version: i64 =
            sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM registry_version")
                .fetch_one(&mut *tx)
                .await?;
        let oblasts: Vec<Oblast> =
            sqlx::query_as("SELECT katottg, name_uk, name_en FROM oblasts ORDER BY sort_key")
                .fetch_all(&mut *tx)
                .await?;
        let raions: Vec<RaionRow> = sqlx::query_as(
            "SELECT oblast_katottg, katottg, name_uk FROM raions ORDER BY oblast_katottg, sort_key",
        )
        .fetch_all(&mut *tx)
        .await?;
        let hromadas: Vec<HromadaRow> = sqlx::query_as(
            "SELECT h.katottg, h.name_uk, h.kind, h.center_katottg, h.center_name_uk, \
             h.raion_katottg, r.name_uk AS raion_uk, h.oblast_katottg, o.name_uk AS oblast_uk, \
             o.name_en AS oblast_en, h.population, h.area_km2, h.search_name, h.sort_key \
             FROM hromadas h \
             JOIN oblasts o ON o.katottg = h.oblast_katottg \
             LEFT JOIN raions r ON r.katottg = h.raion_katottg \
             ORDER BY h.sort_key, h.katottg",
        )
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(RegistryIndex::new(
            version,
            oblasts,
            raions
                .into_iter()
                .map(|r| (r.oblast_katottg, r.raion))
                .collect(),
            hromadas
                .into_iter()
                .map(|h| IndexedHromada {
                    hromada: h.hromada,
                    search_name: h.search_name,
                    sort_key: h.sort_key,
                })
                .collect(),
        ))
    })
}
