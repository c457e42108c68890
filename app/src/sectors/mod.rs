//! Sectors of local government (education, social protection…): what initiatives, news and the
//! analytical centre's work are sorted by. The starting set comes with the schema.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Sector {
    pub slug: String,
    pub name_uk: String,
    pub name_en: String,
}

impl Sector {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.name_en.is_empty() => &self.name_en,
            _ => &self.name_uk,
        }
    }
}

#[cfg(feature = "ssr")]
pub mod storage {
    use super::Sector;
    use crate::db::Db;
    use crate::on_db;

    /// Every sector with its id, in their set order.
    pub async fn all_with_ids(db: &Db) -> Result<Vec<(i64, Sector)>, sqlx::Error> {
        let rows: Vec<(i64, String, String, String)> = on_db!(db, read, |pool| sqlx::query_as(
            "SELECT id, slug, name_uk, name_en FROM sectors ORDER BY position, id"
        )
        .fetch_all(pool)
        .await)?;
        Ok(rows
            .into_iter()
            .map(|(id, slug, name_uk, name_en)| {
                let sector = Sector {
                    slug,
                    name_uk,
                    name_en,
                };
                (id, sector)
            })
            .collect())
    }

    /// Every sector, in their set order.
    pub async fn all(db: &Db) -> Result<Vec<Sector>, sqlx::Error> {
        Ok(all_with_ids(db)
            .await?
            .into_iter()
            .map(|(_, s)| s)
            .collect())
    }

    /// The ids of the sectors with these slugs among `known`, in the order given; the unknown
    /// slugs apart.
    pub fn ids(known: &[(i64, Sector)], slugs: &[String]) -> (Vec<i64>, Vec<String>) {
        let mut ids = Vec::new();
        let mut unknown = Vec::new();
        for slug in slugs {
            match known.iter().find(|(_, s)| &s.slug == slug) {
                Some((id, _)) if !ids.contains(id) => ids.push(*id),
                Some(_) => {}
                None => unknown.push(slug.clone()),
            }
        }
        (ids, unknown)
    }
}
