//! Sectors of local government (education, social protection…): what initiatives, news and the
//! analytical centre's work are sorted by. The starting set comes with the schema; admins add
//! more.

pub mod admin;

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
    use crate::audit::Actor;
    use crate::db::Db;
    use crate::ui::editor::{check_text, FieldProblem, Problem};
    use crate::{audit, on_db};

    #[derive(Debug, thiserror::Error)]
    pub enum SectorError {
        #[error("invalid fields")]
        Invalid(Vec<FieldProblem>),
        #[error(transparent)]
        Database(#[from] sqlx::Error),
    }

    fn is_slug(value: &str) -> bool {
        (2..=40).contains(&value.len())
            && value
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !value.starts_with('-')
            && !value.ends_with('-')
    }

    /// Adds a sector (`new`, last in order) or renames the one with `sector.slug`.
    pub async fn save(
        db: &Db,
        actor: &Actor,
        sector: &Sector,
        new: bool,
    ) -> Result<(), SectorError> {
        let mut problems = Vec::new();
        let slug = sector.slug.trim();
        let known = all(db).await?;
        if new {
            if slug.is_empty() {
                problems.push(FieldProblem::new("slug", Problem::Required));
            } else if !is_slug(slug) {
                problems.push(FieldProblem::new("slug", Problem::NotASlug));
            } else if known.iter().any(|s| s.slug == slug) {
                problems.push(FieldProblem::new("slug", Problem::Taken));
            }
        } else if !known.iter().any(|s| s.slug == slug) {
            return Err(SectorError::Database(sqlx::Error::RowNotFound));
        }
        check_text(&mut problems, "name_uk", &sector.name_uk, true, 120);
        check_text(&mut problems, "name_en", &sector.name_en, false, 120);
        if !problems.is_empty() {
            return Err(SectorError::Invalid(problems));
        }
        let (name_uk, name_en) = (sector.name_uk.trim(), sector.name_en.trim());
        on_db!(db, write, |pool| {
            let mut tx = pool.begin().await?;
            let sql = if new {
                "INSERT INTO sectors (slug, position, name_uk, name_en) \
                 SELECT $1, COALESCE(MAX(position), 0) + 1, $2, $3 FROM sectors"
            } else {
                "UPDATE sectors SET name_uk = $2, name_en = $3 WHERE slug = $1"
            };
            let written = sqlx::query(sql)
                .bind(slug)
                .bind(name_uk)
                .bind(name_en)
                .execute(&mut *tx)
                .await;
            if let Err(sqlx::Error::Database(e)) = &written {
                if e.is_unique_violation() {
                    return Err(SectorError::Invalid(vec![FieldProblem::new(
                        "slug",
                        Problem::Taken,
                    )]));
                }
            }
            written?;
            let action = if new { "create" } else { "rename" };
            audit!(
                &mut *tx,
                actor,
                "sector",
                slug,
                action,
                format!("{name_uk} / {name_en}")
            )?;
            tx.commit().await?;
            Ok(())
        })
    }

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

    /// The sectors as a form's or a filter's choices (slug, name in `lang`).
    pub fn choices(
        sectors: &[(i64, Sector)],
        lang: crate::i18n::Lang,
    ) -> Vec<crate::common::Choice> {
        sectors
            .iter()
            .map(|(_, s)| crate::common::Choice {
                value: s.slug.clone(),
                name: s.name(lang).to_string(),
            })
            .collect()
    }

    /// The name in `lang` of the sector with this id among `known`; empty if none.
    pub fn name_of(known: &[(i64, Sector)], id: i64, lang: crate::i18n::Lang) -> String {
        known
            .iter()
            .find(|(known_id, _)| *known_id == id)
            .map(|(_, s)| s.name(lang).to_string())
            .unwrap_or_default()
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
