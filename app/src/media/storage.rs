//! Images in the database (so backups hold them): one row per image with its alt texts, one
//! per variant with its bytes. The same file uploaded again is the same image: its variants are
//! kept, and its alt texts become the new ones.

use super::process::Processed;
use super::types::{check_alt, ImageRef, UploadProblem};
use crate::audit::{now, Actor};
use crate::db::Db;
use crate::{audit, on_db};

#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    #[error(transparent)]
    Invalid(#[from] UploadProblem),
    #[error("no such image")]
    NotFound,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Stores an accepted image with its alt texts (checked here too), in one transaction with its
/// audit entry. The same file again (by its SHA-256) is the image stored before, given these
/// alt texts through [`set_alt`].
pub async fn save(
    db: &Db,
    actor: &Actor,
    processed: &Processed,
    alt_uk: &str,
    alt_en: &str,
) -> Result<ImageRef, MediaError> {
    let (alt_uk, alt_en) = check_alt(alt_uk, alt_en)?;
    if processed.variants.is_empty() {
        return Err(UploadProblem::Corrupt.into());
    }
    let inserted = on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO images (sha256, width, height, alt_uk, alt_en, uploaded_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (sha256) DO NOTHING RETURNING id",
        )
        .bind(&processed.sha256)
        .bind(i64::from(processed.width))
        .bind(i64::from(processed.height))
        .bind(&alt_uk)
        .bind(&alt_en)
        .bind(actor.id())
        .bind(now())
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(id) = inserted {
            for variant in &processed.variants {
                sqlx::query(
                    "INSERT INTO image_variants (image_id, width, height, content_type, bytes) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(id)
                .bind(i64::from(variant.width))
                .bind(i64::from(variant.height))
                .bind(variant.content_type)
                .bind(&variant.bytes)
                .execute(&mut *tx)
                .await?;
            }
            let widths: Vec<String> = processed
                .variants
                .iter()
                .map(|v| v.width.to_string())
                .collect();
            let summary = format!(
                "{}×{} px, widths {}; alt «{alt_uk}» / «{alt_en}»",
                processed.width,
                processed.height,
                widths.join(", ")
            );
            audit!(&mut *tx, actor, "image", id, "upload", summary)?;
            tx.commit().await?;
        }
        Ok::<_, sqlx::Error>(inserted)
    })?;
    match inserted {
        Some(id) => by_id(db, id).await,
        None => {
            let id: i64 = on_db!(db, read, |pool| sqlx::query_scalar(
                "SELECT id FROM images WHERE sha256 = $1"
            )
            .bind(&processed.sha256)
            .fetch_one(pool)
            .await)?;
            set_alt(db, actor, id, &alt_uk, &alt_en).await
        }
    }
}

/// Replaces an image's alt texts (checked); audited when they change.
pub async fn set_alt(
    db: &Db,
    actor: &Actor,
    id: i64,
    alt_uk: &str,
    alt_en: &str,
) -> Result<ImageRef, MediaError> {
    let (alt_uk, alt_en) = check_alt(alt_uk, alt_en)?;
    let found = on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        let old: Option<(String, String)> =
            sqlx::query_as("SELECT alt_uk, alt_en FROM images WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        match &old {
            Some((old_uk, old_en)) if (old_uk, old_en) != (&alt_uk, &alt_en) => {
                sqlx::query("UPDATE images SET alt_uk = $1, alt_en = $2 WHERE id = $3")
                    .bind(&alt_uk)
                    .bind(&alt_en)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                let summary = format!("alt «{old_uk}» / «{old_en}» -> «{alt_uk}» / «{alt_en}»");
                audit!(&mut *tx, actor, "image", id, "set-alt", summary)?;
                tx.commit().await?;
            }
            _ => {}
        }
        Ok::<_, sqlx::Error>(old.is_some())
    })?;
    if !found {
        return Err(MediaError::NotFound);
    }
    by_id(db, id).await
}

async fn by_id(db: &Db, id: i64) -> Result<ImageRef, MediaError> {
    by_ids(db, &[id]).await?.pop().ok_or(MediaError::NotFound)
}

/// The file extension of a variant's content type, as its address carries it.
pub fn extension(content_type: &str) -> &'static str {
    match content_type {
        "image/png" => "png",
        _ => "jpg",
    }
}

/// At most this many ids per query (SQLite allows 32 766 parameters, PostgreSQL 65 535).
const IDS_PER_QUERY: usize = 500;

/// The images with these ids, in the order given; unknown ids are left out.
pub async fn by_ids(db: &Db, ids: &[i64]) -> Result<Vec<ImageRef>, sqlx::Error> {
    let mut unique = ids.to_vec();
    unique.sort_unstable();
    unique.dedup();
    let mut found: Vec<ImageRef> = Vec::with_capacity(unique.len());
    for chunk in unique.chunks(IDS_PER_QUERY) {
        let sql = format!(
            "SELECT i.id, i.width, i.height, i.alt_uk, i.alt_en, v.width, v.content_type \
             FROM images i JOIN image_variants v ON v.image_id = i.id \
             WHERE i.id IN ({}) ORDER BY i.id, v.width",
            crate::db::placeholders(chunk.len())
        );
        type Row = (i64, i64, i64, String, String, i64, String);
        let rows: Vec<Row> = on_db!(db, read, |pool| {
            let mut query = sqlx::query_as(&sql);
            for id in chunk {
                query = query.bind(id);
            }
            query.fetch_all(pool).await
        })?;
        for (id, width, height, alt_uk, alt_en, variant_width, content_type) in rows {
            match found.last_mut() {
                Some(image) if image.id == id => image.widths.push(variant_width as u32),
                _ => found.push(ImageRef {
                    id,
                    width: width as u32,
                    height: height as u32,
                    alt_uk,
                    alt_en,
                    widths: vec![variant_width as u32],
                    ext: extension(&content_type).to_string(),
                }),
            }
        }
    }
    // `found` is sorted by id.
    Ok(ids
        .iter()
        .filter_map(|id| {
            found
                .binary_search_by_key(id, |image| image.id)
                .ok()
                .map(|i| found[i].clone())
        })
        .collect())
}

/// One variant's content type and bytes.
pub async fn variant(
    db: &Db,
    id: i64,
    width: u32,
) -> Result<Option<(String, Vec<u8>)>, sqlx::Error> {
    on_db!(db, read, |pool| sqlx::query_as(
        "SELECT content_type, bytes FROM image_variants WHERE image_id = $1 AND width = $2"
    )
    .bind(id)
    .bind(i64::from(width))
    .fetch_optional(pool)
    .await)
}
