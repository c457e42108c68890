//! Initiatives in either database. There are tens of them, not thousands: lists load the
//! published ones whole and filter in memory, which keeps every filter exact and cheap.

use super::types::*;
use crate::audit::{now, Actor};
use crate::common::{pick, HromadaLink};
use crate::db::Db;
use crate::hromadas::index::RegistryIndex;
use crate::i18n::Lang;
use crate::markdown::to_safe_html;
use crate::news::text::{search_stems, slugify};
use crate::news::types::NewsQuery;
use crate::sectors::Sector;
use crate::ui::editor::{
    check_text, check_url, hromada_codes, oblast_codes, FieldProblem, Problem,
};
use crate::{audit, on_db};

#[derive(Debug, thiserror::Error)]
pub enum InitiativeError {
    #[error("invalid fields: {0:?}")]
    Invalid(Vec<FieldProblem>),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

const TITLE_MAX: usize = 200;
const SUMMARY_MAX: usize = 1000;
const BODY_MAX: usize = 50_000;

/// The form's problems, and the places it names as codes (oblasts, hromadas).
fn check(
    form: &InitiativeForm,
    registry: &RegistryIndex,
    sectors: &[Sector],
) -> (Vec<FieldProblem>, Vec<String>, Vec<String>) {
    let mut problems = Vec::new();
    check_text(&mut problems, "title_uk", &form.title_uk, true, TITLE_MAX);
    check_text(&mut problems, "title_en", &form.title_en, false, TITLE_MAX);
    check_text(
        &mut problems,
        "summary_uk",
        &form.summary_uk,
        true,
        SUMMARY_MAX,
    );
    check_text(
        &mut problems,
        "summary_en",
        &form.summary_en,
        false,
        SUMMARY_MAX,
    );
    for (field, value) in [
        ("body_uk", &form.body_uk),
        ("body_en", &form.body_en),
        ("goals_uk", &form.goals_uk),
        ("goals_en", &form.goals_en),
    ] {
        check_text(&mut problems, field, value, false, BODY_MAX);
    }
    let starts = crate::clock::kyiv_day_start(&form.starts_on);
    if form.starts_on.trim().is_empty() {
        problems.push(FieldProblem::new("starts_on", Problem::Required));
    } else if starts.is_none() {
        problems.push(FieldProblem::new("starts_on", Problem::NotADate));
    }
    if !form.ends_on.trim().is_empty() {
        match crate::clock::kyiv_day_start(&form.ends_on) {
            None => problems.push(FieldProblem::new("ends_on", Problem::NotADate)),
            Some(ends) if starts.is_some_and(|s| ends < s) => {
                problems.push(FieldProblem::new("ends_on", Problem::EndsBeforeStart))
            }
            Some(_) => {}
        }
    }
    if !form.status_override.is_empty() && InitiativeStatus::parse(&form.status_override).is_none()
    {
        problems.push(FieldProblem::new(
            "status_override",
            Problem::Unknown(form.status_override.clone()),
        ));
    }
    let check_sectors = |problems: &mut Vec<FieldProblem>, field: &str, chosen: &[String]| {
        for slug in chosen {
            if !sectors.iter().any(|s| &s.slug == slug) {
                problems.push(FieldProblem::new(field, Problem::Unknown(slug.clone())));
            }
        }
    };
    check_sectors(&mut problems, "sectors", &form.sectors);
    for (i, d) in form.directions.iter().enumerate() {
        let field = |name: &str| format!("directions.{i}.{name}");
        check_text(
            &mut problems,
            &field("title_uk"),
            &d.title_uk,
            true,
            TITLE_MAX,
        );
        check_text(
            &mut problems,
            &field("title_en"),
            &d.title_en,
            false,
            TITLE_MAX,
        );
        check_text(
            &mut problems,
            &field("description_uk"),
            &d.description_uk,
            false,
            BODY_MAX,
        );
        check_text(
            &mut problems,
            &field("description_en"),
            &d.description_en,
            false,
            BODY_MAX,
        );
        check_sectors(&mut problems, &field("sectors"), &d.sectors);
    }
    for (i, p) in form.partners.iter().enumerate() {
        check_text(
            &mut problems,
            &format!("partners.{i}.name_uk"),
            &p.name_uk,
            true,
            TITLE_MAX,
        );
        check_text(
            &mut problems,
            &format!("partners.{i}.name_en"),
            &p.name_en,
            false,
            TITLE_MAX,
        );
        check_url(&mut problems, &format!("partners.{i}.url"), &p.url);
    }
    for (i, l) in form.links.iter().enumerate() {
        check_text(
            &mut problems,
            &format!("links.{i}.title"),
            &l.title,
            true,
            TITLE_MAX,
        );
        check_url(&mut problems, &format!("links.{i}.url"), &l.url);
        if l.url.trim().is_empty() {
            problems.push(FieldProblem::new(
                format!("links.{i}.url"),
                Problem::Required,
            ));
        }
    }
    let oblasts = oblast_codes(registry, &form.oblasts, "oblasts", &mut problems);
    let hromadas = hromada_codes(registry, &form.hromadas, "hromadas", &mut problems);
    (problems, oblasts, hromadas)
}

fn html_or_empty(markdown: &str) -> String {
    if markdown.trim().is_empty() {
        String::new()
    } else {
        to_safe_html(markdown)
    }
}

/// Creates (`id` None) or updates an initiative, checked whole first. A changed title gives a
/// new address; the old one keeps leading to the initiative.
pub async fn save(
    db: &Db,
    registry: &RegistryIndex,
    actor: &Actor,
    id: Option<i64>,
    form: &InitiativeForm,
) -> Result<SavedInitiative, InitiativeError> {
    let known = crate::sectors::storage::all_with_ids(db).await?;
    let sectors: Vec<Sector> = known.iter().map(|(_, s)| s.clone()).collect();
    let (problems, oblasts, hromadas) = check(form, registry, &sectors);
    if !problems.is_empty() {
        return Err(InitiativeError::Invalid(problems));
    }
    let (sector_ids, _) = crate::sectors::storage::ids(&known, &form.sectors);
    let mut direction_sector_ids = Vec::new();
    for d in &form.directions {
        direction_sector_ids.push(crate::sectors::storage::ids(&known, &d.sectors).0);
    }
    let at = now();
    let base_slug = slugify(&form.title_uk);
    let override_status = form.status_override.trim();
    let saved = on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        let slug = crate::free_slug!(tx, "initiative_slugs", "initiative_id", &base_slug, id);
        macro_rules! with_fields {
            ($query:expr) => {
                $query
                    .bind(&slug)
                    .bind(form.published)
                    .bind(form.starts_on.trim())
                    .bind(form.ends_on.trim())
                    .bind(override_status)
                    .bind(form.cover.as_ref().map(|c| c.id))
                    .bind(at)
                    .bind(form.title_uk.trim())
                    .bind(form.title_en.trim())
                    .bind(form.summary_uk.trim())
                    .bind(form.summary_en.trim())
                    .bind(&form.goals_uk)
                    .bind(&form.goals_en)
                    .bind(&form.body_uk)
                    .bind(&form.body_en)
                    .bind(html_or_empty(&form.body_uk))
                    .bind(html_or_empty(&form.body_en))
            };
        }
        let id: i64 = match id {
            None => with_fields!(sqlx::query_scalar(
                "INSERT INTO initiatives (slug, published, starts_on, ends_on, status_override, \
                 cover_image_id, created_at, updated_at, title_uk, title_en, summary_uk, summary_en, \
                 goals_uk, goals_en, body_uk, body_en, body_html_uk, body_html_en, author_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) \
                 RETURNING id"
            ))
            .bind(actor.id())
            .fetch_one(&mut *tx)
            .await?,
            Some(id) => {
                let updated = with_fields!(sqlx::query(
                    "UPDATE initiatives SET slug = $1, published = $2, starts_on = $3, ends_on = $4, \
                     status_override = $5, cover_image_id = $6, updated_at = $7, title_uk = $8, \
                     title_en = $9, summary_uk = $10, summary_en = $11, goals_uk = $12, goals_en = $13, \
                     body_uk = $14, body_en = $15, body_html_uk = $16, body_html_en = $17 WHERE id = $18"
                ))
                .bind(id)
                .execute(&mut *tx)
                .await?;
                if updated.rows_affected() == 0 {
                    return Err(InitiativeError::Database(sqlx::Error::RowNotFound));
                }
                for table in [
                    "initiative_direction_sectors",
                    "initiative_directions",
                    "initiative_partners",
                    "initiative_sectors",
                    "initiative_oblasts",
                    "initiative_hromadas",
                    "initiative_links",
                ] {
                    sqlx::query(&format!("DELETE FROM {table} WHERE initiative_id = $1"))
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
                id
            }
        };
        sqlx::query(
            "INSERT INTO initiative_slugs (slug, initiative_id) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING",
        )
        .bind(&slug)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        for (position, (d, sector_ids)) in form
            .directions
            .iter()
            .zip(&direction_sector_ids)
            .enumerate()
        {
            sqlx::query(
                "INSERT INTO initiative_directions (initiative_id, position, title_uk, title_en, \
                 description_uk, description_en, description_html_uk, description_html_en) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(id)
            .bind(position as i32)
            .bind(d.title_uk.trim())
            .bind(d.title_en.trim())
            .bind(&d.description_uk)
            .bind(&d.description_en)
            .bind(html_or_empty(&d.description_uk))
            .bind(html_or_empty(&d.description_en))
            .execute(&mut *tx)
            .await?;
            for sector_id in sector_ids {
                sqlx::query(
                    "INSERT INTO initiative_direction_sectors (initiative_id, position, sector_id) VALUES ($1, $2, $3)",
                )
                .bind(id)
                .bind(position as i32)
                .bind(sector_id)
                .execute(&mut *tx)
                .await?;
            }
        }
        for (position, p) in form.partners.iter().enumerate() {
            let name = p.name_uk.trim();
            // Organisations are shared between initiatives, found by the slug of their name.
            let organisation: i64 = sqlx::query_scalar(
                "INSERT INTO organisations (slug, name_uk, name_en, url) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (slug) DO UPDATE SET name_en = CASE WHEN excluded.name_en = '' \
                 THEN organisations.name_en ELSE excluded.name_en END, url = CASE WHEN excluded.url = '' \
                 THEN organisations.url ELSE excluded.url END RETURNING id",
            )
            .bind(slugify(name))
            .bind(name)
            .bind(p.name_en.trim())
            .bind(p.url.trim())
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO initiative_partners (initiative_id, organisation_id, role, position) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(organisation)
            .bind(p.role.as_str())
            .bind(position as i32)
            .execute(&mut *tx)
            .await?;
        }
        for (position, l) in form.links.iter().enumerate() {
            sqlx::query(
                "INSERT INTO initiative_links (initiative_id, position, title, url) VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(position as i32)
            .bind(l.title.trim())
            .bind(l.url.trim())
            .execute(&mut *tx)
            .await?;
        }
        for sector_id in &sector_ids {
            sqlx::query(
                "INSERT INTO initiative_sectors (initiative_id, sector_id) VALUES ($1, $2)",
            )
            .bind(id)
            .bind(sector_id)
            .execute(&mut *tx)
            .await?;
        }
        for (table, column, codes) in [
            ("initiative_oblasts", "oblast_katottg", &oblasts),
            ("initiative_hromadas", "katottg", &hromadas),
        ] {
            for code in codes {
                sqlx::query(&format!(
                    "INSERT INTO {table} (initiative_id, {column}) VALUES ($1, $2)"
                ))
                .bind(id)
                .bind(code)
                .execute(&mut *tx)
                .await?;
            }
        }
        let summary = format!(
            "{slug} ({}): {}",
            if form.published { "published" } else { "draft" },
            form.title_uk.trim()
        );
        audit!(&mut *tx, actor, "initiative", id, "save", summary)?;
        tx.commit().await?;
        Ok::<_, InitiativeError>(SavedInitiative { id, slug })
    })?;
    Ok(saved)
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    slug: String,
    published: bool,
    starts_on: String,
    ends_on: String,
    status_override: String,
    cover_image_id: Option<i64>,
    updated_at: i64,
    title_uk: String,
    title_en: String,
    summary_uk: String,
    summary_en: String,
    goals_uk: String,
    goals_en: String,
}

const COLUMNS: &str = "i.id, i.slug, i.published, i.starts_on, i.ends_on, i.status_override, \
     i.cover_image_id, i.updated_at, i.title_uk, i.title_en, i.summary_uk, i.summary_en, i.goals_uk, i.goals_en";

impl Row {
    fn status(&self, today: &str) -> InitiativeStatus {
        InitiativeStatus::parse(&self.status_override)
            .unwrap_or_else(|| InitiativeStatus::from_dates(today, &self.starts_on, &self.ends_on))
    }
}

fn day(value: &str) -> Option<crate::common::Day> {
    crate::clock::kyiv_day_start(value).map(crate::common::day_of)
}

/// What lists need of each initiative beyond its row: sectors, partners, oblasts, hromadas.
struct Related {
    sectors: Vec<(i64, Sector)>,
    partners: Vec<(i64, Partner, String, String)>,
    oblasts: Vec<(i64, String)>,
    hromadas: Vec<(i64, String)>,
}

async fn related(db: &Db, only: Option<i64>) -> Result<Related, sqlx::Error> {
    // `$1` = 0 selects every initiative's.
    let only = only.unwrap_or(0);
    on_db!(db, read, |pool| {
        let sectors: Vec<(i64, String, String, String)> = sqlx::query_as(
            "SELECT x.initiative_id, s.slug, s.name_uk, s.name_en FROM initiative_sectors x \
             JOIN sectors s ON s.id = x.sector_id WHERE ($1 = 0 OR x.initiative_id = $1) ORDER BY s.position",
        )
        .bind(only)
        .fetch_all(pool)
        .await?;
        let partners: Vec<(i64, String, String, String, String, String)> = sqlx::query_as(
            "SELECT p.initiative_id, o.slug, o.name_uk, o.name_en, o.url, p.role FROM initiative_partners p \
             JOIN organisations o ON o.id = p.organisation_id WHERE ($1 = 0 OR p.initiative_id = $1) ORDER BY p.position",
        )
        .bind(only)
        .fetch_all(pool)
        .await?;
        let oblasts = sqlx::query_as(
            "SELECT initiative_id, oblast_katottg FROM initiative_oblasts WHERE ($1 = 0 OR initiative_id = $1)",
        )
        .bind(only)
        .fetch_all(pool)
        .await?;
        let hromadas = sqlx::query_as(
            "SELECT initiative_id, katottg FROM initiative_hromadas WHERE ($1 = 0 OR initiative_id = $1)",
        )
        .bind(only)
        .fetch_all(pool)
        .await?;
        Ok(Related {
            sectors: sectors
                .into_iter()
                .map(|(id, slug, name_uk, name_en)| {
                    (
                        id,
                        Sector {
                            slug,
                            name_uk,
                            name_en,
                        },
                    )
                })
                .collect(),
            partners: partners
                .into_iter()
                .map(|(id, slug, name_uk, name_en, url, role)| {
                    let partner = Partner {
                        slug,
                        name: String::new(),
                        url,
                        role: PartnerRole::parse(&role).unwrap_or(PartnerRole::Partner),
                    };
                    (id, partner, name_uk, name_en)
                })
                .collect(),
            oblasts,
            hromadas,
        })
    })
}

impl Related {
    fn card(
        &self,
        row: &Row,
        lang: Lang,
        today: &str,
        covers: &[crate::media::types::ImageRef],
    ) -> InitiativeCard {
        InitiativeCard {
            slug: row.slug.clone(),
            title: pick(lang, &row.title_uk, &row.title_en),
            summary: pick(lang, &row.summary_uk, &row.summary_en),
            status: row.status(today),
            starts_on: day(&row.starts_on),
            ends_on: day(&row.ends_on),
            sectors: self
                .sectors
                .iter()
                .filter(|(id, _)| *id == row.id)
                .map(|(_, s)| s.clone())
                .collect(),
            partners: self
                .partners
                .iter()
                .filter(|(id, ..)| *id == row.id)
                .map(|(_, p, uk, en)| Partner {
                    name: pick(lang, uk, en),
                    ..p.clone()
                })
                .collect(),
            cover: row
                .cover_image_id
                .and_then(|id| covers.iter().find(|c| c.id == id).cloned()),
        }
    }

    /// The oblasts an initiative works in: named ones, and those of its hromadas.
    fn oblasts_of(&self, id: i64, registry: &RegistryIndex) -> Vec<String> {
        let mut codes: Vec<String> = self
            .oblasts
            .iter()
            .filter(|(i, _)| *i == id)
            .map(|(_, c)| c.clone())
            .collect();
        for (_, code) in self.hromadas.iter().filter(|(i, _)| *i == id) {
            if let Some(h) = registry.hromada(code) {
                if !codes.contains(&h.oblast_katottg) {
                    codes.push(h.oblast_katottg.clone());
                }
            }
        }
        codes
    }
}

async fn covers(db: &Db, rows: &[Row]) -> Result<Vec<crate::media::types::ImageRef>, sqlx::Error> {
    let ids: Vec<i64> = rows.iter().filter_map(|r| r.cover_image_id).collect();
    crate::media::storage::by_ids(db, &ids).await
}

fn oblast_choices(registry: &RegistryIndex, lang: Lang) -> Vec<Choice> {
    registry
        .oblasts()
        .iter()
        .map(|o| Choice {
            value: o.katottg.clone(),
            name: o.name(lang).to_string(),
        })
        .collect()
}

fn sector_choices(sectors: &[Sector], lang: Lang) -> Vec<Choice> {
    sectors
        .iter()
        .map(|s| Choice {
            value: s.slug.clone(),
            name: s.name(lang).to_string(),
        })
        .collect()
}

/// Published initiatives matching the query: active first, then planned, then completed; within
/// each the latest start first.
pub async fn list(
    db: &Db,
    registry: &RegistryIndex,
    query: &InitiativeQuery,
    lang: Lang,
    today: &str,
) -> Result<InitiativeListPage, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM initiatives i WHERE i.published");
    let rows: Vec<Row> = on_db!(db, read, |pool| sqlx::query_as(&sql).fetch_all(pool).await)?;
    let related = related(db, None).await?;
    let covers = covers(db, &rows).await?;
    let sectors = crate::sectors::storage::all(db).await?;
    let mut partners: Vec<Choice> = Vec::new();
    for (_, p, uk, en) in &related.partners {
        if !partners.iter().any(|c| c.value == p.slug) {
            partners.push(Choice {
                value: p.slug.clone(),
                name: pick(lang, uk, en),
            });
        }
    }
    partners.sort_by(|a, b| a.name.cmp(&b.name));
    let mut invalid = Vec::new();
    let mut known = |field: &str, value: &str, ok: bool| -> bool {
        if value.is_empty() {
            return false;
        }
        if !ok {
            invalid.push(field.to_string());
        }
        ok
    };
    let status = InitiativeStatus::parse(&query.status);
    let by_status = known("status", &query.status, status.is_some());
    let by_sector = known(
        "sector",
        &query.sector,
        sectors.iter().any(|s| s.slug == query.sector),
    );
    let by_partner = known(
        "partner",
        &query.partner,
        partners.iter().any(|p| p.value == query.partner),
    );
    let by_oblast = known(
        "oblast",
        &query.oblast,
        registry.oblast(&query.oblast).is_some(),
    );
    let stems = search_stems(&query.q);
    let mut items: Vec<(InitiativeCard, String)> = rows
        .iter()
        .filter(|row| {
            let searchable = format!(
                "{} {} {} {} {} {}",
                row.title_uk,
                row.title_en,
                row.summary_uk,
                row.summary_en,
                row.goals_uk,
                row.goals_en
            )
            .to_lowercase();
            let words: Vec<&str> = searchable
                .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
                .collect();
            stems
                .iter()
                .all(|stem| words.iter().any(|w| w.starts_with(stem.as_str())))
        })
        .map(|row| (related.card(row, lang, today, &covers), row))
        .filter(|(card, row)| {
            (!by_status || Some(card.status) == status)
                && (!by_sector || card.sectors.iter().any(|s| s.slug == query.sector))
                && (!by_partner || card.partners.iter().any(|p| p.slug == query.partner))
                && (!by_oblast || related.oblasts_of(row.id, registry).contains(&query.oblast))
        })
        .map(|(card, row)| (card, row.starts_on.clone()))
        .collect();
    let rank = |s: InitiativeStatus| match s {
        InitiativeStatus::Active => 0,
        InitiativeStatus::Planned => 1,
        InitiativeStatus::Completed => 2,
    };
    items.sort_by(|(a, a_start), (b, b_start)| {
        rank(a.status)
            .cmp(&rank(b.status))
            .then_with(|| b_start.cmp(a_start))
    });
    Ok(InitiativeListPage {
        items: items.into_iter().map(|(card, _)| card).collect(),
        sectors: sector_choices(&sectors, lang),
        partners,
        oblasts: oblast_choices(registry, lang),
        invalid,
    })
}

#[derive(sqlx::FromRow)]
struct DirectionRow {
    position: i32,
    title_uk: String,
    title_en: String,
    description_uk: String,
    description_en: String,
    description_html_uk: String,
    description_html_en: String,
}

/// An initiative's directions (with their sectors, by position) and links, in order.
struct Parts {
    directions: Vec<DirectionRow>,
    sectors: Vec<(i32, Sector)>,
    links: Vec<(String, String)>,
}

async fn parts(db: &Db, id: i64) -> Result<Parts, sqlx::Error> {
    type Raw = (
        Vec<DirectionRow>,
        Vec<(i32, String, String, String)>,
        Vec<(String, String)>,
    );
    let (directions, sectors, links): Raw = on_db!(db, read, |pool| {
        let directions = sqlx::query_as(
            "SELECT position, title_uk, title_en, description_uk, description_en, \
             description_html_uk, description_html_en \
             FROM initiative_directions WHERE initiative_id = $1 ORDER BY position",
        )
        .bind(id)
        .fetch_all(pool)
        .await?;
        let sectors = sqlx::query_as(
            "SELECT d.position, s.slug, s.name_uk, s.name_en FROM initiative_direction_sectors d \
             JOIN sectors s ON s.id = d.sector_id WHERE d.initiative_id = $1 ORDER BY s.position",
        )
        .bind(id)
        .fetch_all(pool)
        .await?;
        let links = sqlx::query_as(
            "SELECT title, url FROM initiative_links WHERE initiative_id = $1 ORDER BY position",
        )
        .bind(id)
        .fetch_all(pool)
        .await?;
        Ok::<_, sqlx::Error>((directions, sectors, links))
    })?;
    let sectors = sectors
        .into_iter()
        .map(|(position, slug, name_uk, name_en)| {
            let sector = Sector {
                slug,
                name_uk,
                name_en,
            };
            (position, sector)
        })
        .collect();
    Ok(Parts {
        directions,
        sectors,
        links,
    })
}

/// How many of the initiative's news its page shows.
const PAGE_NEWS: usize = 6;

/// The published initiative at `slug`, or where an old slug of it now points.
pub async fn page(
    db: &Db,
    registry: &RegistryIndex,
    slug: &str,
    lang: Lang,
    at: i64,
) -> Result<Option<InitiativeLookup>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS}, i.body_html_uk, i.body_html_en FROM initiative_slugs s \
         JOIN initiatives i ON i.id = s.initiative_id WHERE i.published AND s.slug = $1"
    );
    #[derive(sqlx::FromRow)]
    struct PageRow {
        #[sqlx(flatten)]
        row: Row,
        body_html_uk: String,
        body_html_en: String,
    }
    let found: Option<PageRow> = on_db!(db, read, |pool| sqlx::query_as(&sql)
        .bind(slug)
        .fetch_optional(pool)
        .await)?;
    let Some(PageRow {
        row,
        body_html_uk: html_uk,
        body_html_en: html_en,
    }) = found
    else {
        return Ok(None);
    };
    if row.slug != slug {
        return Ok(Some(InitiativeLookup::MovedTo(row.slug)));
    }
    let today = crate::clock::kyiv_day(at);
    let related = related(db, Some(row.id)).await?;
    let covers = covers(db, std::slice::from_ref(&row)).await?;
    let card = related.card(&row, lang, &today, &covers);
    let id = row.id;
    let Parts {
        directions,
        sectors: direction_sectors,
        links,
    } = parts(db, id).await?;
    let english_missing = lang == Lang::En && row.title_en.trim().is_empty();
    let directions = directions
        .into_iter()
        .map(|d| Direction {
            title: pick(lang, &d.title_uk, &d.title_en),
            description_html: pick(lang, &d.description_html_uk, &d.description_html_en),
            sectors: direction_sectors
                .iter()
                .filter(|(p, _)| *p == d.position)
                .map(|(_, sector)| sector.clone())
                .collect(),
        })
        .collect();
    let goals = pick(lang, &row.goals_uk, &row.goals_en)
        .lines()
        .map(|l| {
            l.trim()
                .trim_start_matches(['-', '•', '*'])
                .trim()
                .to_string()
        })
        .filter(|l| !l.is_empty())
        .collect();
    let oblasts = related
        .oblasts
        .iter()
        .filter_map(|(_, code)| registry.oblast(code))
        .map(|o| HromadaLink {
            katottg: o.katottg.clone(),
            name: o.name(lang).to_string(),
        })
        .collect();
    let hromadas = related
        .hromadas
        .iter()
        .filter_map(|(_, code)| registry.hromada(code))
        .map(|h| HromadaLink {
            katottg: h.katottg.clone(),
            name: h.name_uk.clone(),
        })
        .collect();
    let news = crate::news::storage::list(
        db,
        registry,
        &NewsQuery {
            initiative: row.slug.clone(),
            ..NewsQuery::default()
        },
        lang,
        at,
    )
    .await?;
    Ok(Some(InitiativeLookup::Found(Box::new(InitiativePage {
        card,
        url: String::new(),
        body_html: pick(lang, &html_uk, &html_en),
        goals,
        directions,
        oblasts,
        hromadas,
        links: links
            .into_iter()
            .map(|(title, url)| InitiativeLink { title, url })
            .collect(),
        news_total: news.total,
        news: news.items.into_iter().take(PAGE_NEWS).collect(),
        english_missing,
    }))))
}

/// The initiative's id by any slug it has had, published or not.
pub async fn id_of(db: &Db, slug: &str) -> Result<Option<i64>, sqlx::Error> {
    on_db!(db, read, |pool| sqlx::query_scalar(
        "SELECT initiative_id FROM initiative_slugs WHERE slug = $1"
    )
    .bind(slug)
    .fetch_optional(pool)
    .await)
}

/// Published initiatives as choices (slug, title), for news forms and filters.
pub async fn choices(db: &Db, lang: Lang) -> Result<Vec<Choice>, sqlx::Error> {
    let rows: Vec<(String, String, String)> = on_db!(db, read, |pool| {
        sqlx::query_as(
        "SELECT slug, title_uk, title_en FROM initiatives WHERE published ORDER BY starts_on DESC, id DESC"
    )
    .fetch_all(pool)
    .await
    })?;
    Ok(rows
        .into_iter()
        .map(|(slug, uk, en)| Choice {
            value: slug,
            name: pick(lang, &uk, &en),
        })
        .collect())
}

/// Every initiative, published or not, newest change first: the editors' list.
pub async fn editable(db: &Db, at: i64) -> Result<Vec<EditableInitiative>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM initiatives i ORDER BY i.updated_at DESC, i.id DESC");
    let rows: Vec<Row> = on_db!(db, read, |pool| sqlx::query_as(&sql).fetch_all(pool).await)?;
    let today = crate::clock::kyiv_day(at);
    Ok(rows
        .iter()
        .map(|row| EditableInitiative {
            id: row.id,
            slug: row.slug.clone(),
            title: row.title_uk.clone(),
            published: row.published,
            status: row.status(&today),
            updated_at: crate::clock::kyiv_minutes(row.updated_at),
        })
        .collect())
}

/// The initiative as its form shows it, with its current slug.
pub async fn form(db: &Db, id: i64) -> Result<Option<(String, InitiativeForm)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct FormRow {
        #[sqlx(flatten)]
        row: Row,
        body_uk: String,
        body_en: String,
    }
    let sql = format!("SELECT {COLUMNS}, i.body_uk, i.body_en FROM initiatives i WHERE i.id = $1");
    let found: Option<FormRow> = on_db!(db, read, |pool| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await)?;
    let Some(FormRow {
        row,
        body_uk,
        body_en,
    }) = found
    else {
        return Ok(None);
    };
    let related = related(db, Some(id)).await?;
    let Parts {
        directions,
        sectors: direction_sectors,
        links,
    } = parts(db, id).await?;
    let covers = covers(db, std::slice::from_ref(&row)).await?;
    let form = InitiativeForm {
        title_uk: row.title_uk.clone(),
        title_en: row.title_en.clone(),
        summary_uk: row.summary_uk.clone(),
        summary_en: row.summary_en.clone(),
        body_uk,
        body_en,
        goals_uk: row.goals_uk.clone(),
        goals_en: row.goals_en.clone(),
        starts_on: row.starts_on.clone(),
        ends_on: row.ends_on.clone(),
        status_override: row.status_override.clone(),
        sectors: related
            .sectors
            .iter()
            .map(|(_, s)| s.slug.clone())
            .collect(),
        oblasts: related.oblasts.iter().map(|(_, c)| c.clone()).collect(),
        hromadas: related
            .hromadas
            .iter()
            .map(|(_, c)| c.clone())
            .collect::<Vec<_>>()
            .join("\n"),
        directions: directions
            .into_iter()
            .map(|d| DirectionForm {
                sectors: direction_sectors
                    .iter()
                    .filter(|(p, _)| *p == d.position)
                    .map(|(_, s)| s.slug.clone())
                    .collect(),
                title_uk: d.title_uk,
                title_en: d.title_en,
                description_uk: d.description_uk,
                description_en: d.description_en,
            })
            .collect(),
        partners: related
            .partners
            .iter()
            .map(|(_, p, uk, en)| PartnerForm {
                name_uk: uk.clone(),
                name_en: en.clone(),
                url: p.url.clone(),
                role: p.role,
            })
            .collect(),
        links: links
            .into_iter()
            .map(|(title, url)| LinkForm { title, url })
            .collect(),
        cover: covers.into_iter().next(),
        published: row.published,
    };
    Ok(Some((row.slug, form)))
}

/// Sector and oblast choices for the editor.
pub async fn editor_choices(
    db: &Db,
    registry: &RegistryIndex,
    lang: Lang,
) -> Result<(Vec<Choice>, Vec<Choice>), sqlx::Error> {
    let sectors = crate::sectors::storage::all(db).await?;
    Ok((
        sector_choices(&sectors, lang),
        oblast_choices(registry, lang),
    ))
}

/// Every published initiative's slug and last change, for the sitemap.
pub async fn sitemap_entries(db: &Db) -> Result<Vec<(String, i64)>, sqlx::Error> {
    on_db!(db, read, |pool| sqlx::query_as(
        "SELECT slug, updated_at FROM initiatives WHERE published ORDER BY starts_on DESC"
    )
    .fetch_all(pool)
    .await)
}
