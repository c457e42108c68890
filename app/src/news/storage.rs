//! News in either database. Visible means published, or scheduled with its time come: a scheduled
//! item needs no job to appear. Search is the one place the dialects differ (FTS5 / tsvector).

use super::text::{highlight, search_stems, slugify};
use super::types::*;
use crate::audit::{now, Actor};
use crate::common::{day_of, pick, Choice, HromadaLink};
use crate::db::Db;
use crate::hromadas::index::RegistryIndex;
use crate::i18n::Lang;
use crate::markdown::to_safe_html;
use crate::sectors::Sector;
use crate::ui::editor::{
    check_text, check_url, hromada_codes, oblast_codes, FieldProblem, Problem,
};
use crate::{audit, on_db};

/// What an editor writes; Ukrainian required, English optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewsDraft {
    pub title_uk: String,
    pub title_en: String,
    pub lead_uk: String,
    pub lead_en: String,
    pub body_uk: String,
    pub body_en: String,
    pub state: Option<NewsState>,
    pub publish_at: i64,
    pub source_name: String,
    pub source_url: String,
    /// Ukrainian tag names; new ones are created.
    pub tags: Vec<String>,
    pub hromadas: Vec<String>,
    pub oblasts: Vec<String>,
    pub initiative_id: Option<i64>,
    /// Sector slugs.
    pub sectors: Vec<String>,
    pub cover_image_id: Option<i64>,
    /// Attached images, in order.
    pub gallery: Vec<i64>,
}

#[derive(Debug, thiserror::Error)]
pub enum NewsError {
    #[error("invalid fields: {0:?}")]
    Invalid(Vec<FieldProblem>),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

const TITLE_MAX: usize = 300;
const LEAD_MAX: usize = 1000;
const BODY_MAX: usize = 100_000;

impl NewsDraft {
    fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        for (field, value, required, max) in [
            ("title_uk", &self.title_uk, true, TITLE_MAX),
            ("title_en", &self.title_en, false, TITLE_MAX),
            ("lead_uk", &self.lead_uk, true, LEAD_MAX),
            ("lead_en", &self.lead_en, false, LEAD_MAX),
            ("body_uk", &self.body_uk, true, BODY_MAX),
            ("body_en", &self.body_en, false, BODY_MAX),
            ("source_name", &self.source_name, false, TITLE_MAX),
        ] {
            check_text(&mut problems, field, value, required, max);
        }
        check_url(&mut problems, "source_url", &self.source_url);
        problems
    }
}

/// The draft an editor's form describes, with `publishing` applied as of `at`; or what is wrong
/// with the form, field by field.
pub async fn draft_from_form(
    db: &Db,
    registry: &RegistryIndex,
    form: &NewsForm,
    publishing: Publishing,
    at: i64,
) -> Result<NewsDraft, NewsError> {
    let mut problems = Vec::new();
    let time = form.publish_at.trim();
    let publish_at = if time.is_empty() {
        None
    } else {
        let parsed = crate::clock::kyiv_local_time(time);
        if parsed.is_none() {
            problems.push(FieldProblem::new("publish_at", Problem::NotATime));
        }
        parsed
    };
    let (state, publish_at) = match (publishing, publish_at) {
        (Publishing::Draft, time) => (NewsState::Draft, time.unwrap_or(at)),
        (Publishing::Publish, Some(time)) if time > at => (NewsState::Scheduled, time),
        (Publishing::Publish, time) => (NewsState::Published, time.unwrap_or(at)),
        (Publishing::Schedule, Some(time)) if time > at => (NewsState::Scheduled, time),
        (Publishing::Schedule, _) => {
            problems.push(FieldProblem::new("publish_at", Problem::NotInFuture));
            (NewsState::Scheduled, at)
        }
    };
    let initiative_id = match form.initiative.trim() {
        "" => None,
        slug => {
            let id = crate::initiatives::storage::id_of(db, slug).await?;
            if id.is_none() {
                problems.push(FieldProblem::new(
                    "initiative",
                    Problem::Unknown(slug.into()),
                ));
            }
            id
        }
    };
    let known = crate::sectors::storage::all_with_ids(db).await?;
    let (_, unknown) = crate::sectors::storage::ids(&known, &form.sectors);
    problems.extend(
        unknown
            .into_iter()
            .map(|slug| FieldProblem::new("sectors", Problem::Unknown(slug))),
    );
    let oblasts = oblast_codes(registry, &form.oblasts, "oblasts", &mut problems);
    let hromadas = hromada_codes(registry, &form.hromadas, "hromadas", &mut problems);
    let draft = NewsDraft {
        title_uk: form.title_uk.clone(),
        title_en: form.title_en.clone(),
        lead_uk: form.lead_uk.clone(),
        lead_en: form.lead_en.clone(),
        body_uk: form.body_uk.clone(),
        body_en: form.body_en.clone(),
        state: Some(state),
        publish_at,
        source_name: form.source_name.clone(),
        source_url: form.source_url.clone(),
        tags: form
            .tags
            .split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        hromadas,
        oblasts,
        initiative_id,
        sectors: form.sectors.clone(),
        cover_image_id: form.cover.as_ref().map(|c| c.id),
        gallery: form.gallery.iter().map(|g| g.id).collect(),
    };
    problems.extend(draft.problems());
    if problems.is_empty() {
        Ok(draft)
    } else {
        Err(NewsError::Invalid(problems))
    }
}

/// The list's filters: the oblast (`$4`, directly or through its hromadas), the days
/// (`$5` ≤ publish_at < `$6`), the initiative (`$7`) and the sector (`$8`); 0 or '' for none.
const FILTERS: &str = "AND ($4 = '' OR EXISTS (SELECT 1 FROM news_oblasts o WHERE o.news_id = n.id \
     AND o.oblast_katottg = $4) OR EXISTS (SELECT 1 FROM news_hromadas h JOIN hromadas g ON g.katottg = h.katottg \
     WHERE h.news_id = n.id AND g.oblast_katottg = $4)) AND n.publish_at >= $5 AND n.publish_at < $6 \
     AND ($7 = 0 OR n.initiative_id = $7) \
     AND ($8 = 0 OR EXISTS (SELECT 1 FROM news_sectors ns WHERE ns.news_id = n.id AND ns.sector_id = $8))";

/// A visible item as of `$1`.
const VISIBLE: &str = "n.state <> 'draft' AND n.publish_at <= $1";

#[derive(sqlx::FromRow)]
struct CardRow {
    id: i64,
    slug: String,
    title_uk: String,
    title_en: String,
    lead_uk: String,
    lead_en: String,
    publish_at: i64,
    cover_image_id: Option<i64>,
}

const CARD_COLUMNS: &str =
    "n.id, n.slug, n.title_uk, n.title_en, n.lead_uk, n.lead_en, n.publish_at, n.cover_image_id";

/// Creates (`id` None) or updates an item. A changed title gives a new slug; the old one keeps
/// leading to the item.
pub async fn save(
    db: &Db,
    actor: &Actor,
    id: Option<i64>,
    draft: &NewsDraft,
) -> Result<i64, NewsError> {
    let problems = draft.problems();
    if !problems.is_empty() {
        return Err(NewsError::Invalid(problems));
    }
    let known = crate::sectors::storage::all_with_ids(db).await?;
    let (sector_ids, _) = crate::sectors::storage::ids(&known, &draft.sectors);
    let at = now();
    let state = draft.state.unwrap_or(NewsState::Draft);
    let html_uk = to_safe_html(&draft.body_uk);
    let html_en = if draft.body_en.trim().is_empty() {
        String::new()
    } else {
        to_safe_html(&draft.body_en)
    };
    let base_slug = slugify(&draft.title_uk);
    let sqlite = matches!(db, Db::Sqlite { .. });
    on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        let slug = crate::free_slug!(tx, "news_slugs", "news_id", &base_slug, id);
        // $1 to $16 are the same in both statements: the item's fields, then the time.
        macro_rules! with_fields {
            ($query:expr) => {
                $query
                    .bind(&slug)
                    .bind(draft.title_uk.trim())
                    .bind(draft.title_en.trim())
                    .bind(draft.lead_uk.trim())
                    .bind(draft.lead_en.trim())
                    .bind(&draft.body_uk)
                    .bind(&draft.body_en)
                    .bind(&html_uk)
                    .bind(&html_en)
                    .bind(state.as_str())
                    .bind(draft.publish_at)
                    .bind(draft.source_name.trim())
                    .bind(draft.source_url.trim())
                    .bind(at)
                    .bind(draft.initiative_id)
                    .bind(draft.cover_image_id)
            };
        }
        let id: i64 = match id {
            None => {
                with_fields!(sqlx::query_scalar(
                    "INSERT INTO news (slug, title_uk, title_en, lead_uk, lead_en, body_uk, body_en, \
                     body_html_uk, body_html_en, state, publish_at, source_name, source_url, \
                     created_at, updated_at, initiative_id, cover_image_id, author_id) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15, $16, $17) RETURNING id",
                ))
                .bind(actor.id())
                .fetch_one(&mut *tx)
                .await?
            }
            Some(id) => {
                let updated = with_fields!(sqlx::query(
                    "UPDATE news SET slug = $1, title_uk = $2, title_en = $3, lead_uk = $4, lead_en = $5, \
                     body_uk = $6, body_en = $7, body_html_uk = $8, body_html_en = $9, state = $10, \
                     publish_at = $11, source_name = $12, source_url = $13, updated_at = $14, \
                     initiative_id = $15, cover_image_id = $16 WHERE id = $17",
                ))
                .bind(id)
                .execute(&mut *tx)
                .await?;
                if updated.rows_affected() == 0 {
                    return Err(NewsError::Database(sqlx::Error::RowNotFound));
                }
                for table in [
                    "news_tags",
                    "news_hromadas",
                    "news_oblasts",
                    "news_sectors",
                    "news_images",
                ] {
                    sqlx::query(&format!("DELETE FROM {table} WHERE news_id = $1"))
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
                id
            }
        };
        sqlx::query(
            "INSERT INTO news_slugs (slug, news_id) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING",
        )
        .bind(&slug)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        for name in draft
            .tags
            .iter()
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
        {
            let tag_id: i64 = sqlx::query_scalar(
                "INSERT INTO tags (slug, name_uk) VALUES ($1, $2) \
                 ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug RETURNING id",
            )
            .bind(slugify(name))
            .bind(name)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO news_tags (news_id, tag_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(tag_id)
            .execute(&mut *tx)
            .await?;
        }
        for (table, column, codes) in [
            ("news_hromadas", "katottg", &draft.hromadas),
            ("news_oblasts", "oblast_katottg", &draft.oblasts),
        ] {
            for code in codes {
                sqlx::query(&format!(
                    "INSERT INTO {table} (news_id, {column}) VALUES ($1, $2) ON CONFLICT DO NOTHING"
                ))
                .bind(id)
                .bind(code)
                .execute(&mut *tx)
                .await?;
            }
        }
        for sector_id in &sector_ids {
            sqlx::query("INSERT INTO news_sectors (news_id, sector_id) VALUES ($1, $2)")
                .bind(id)
                .bind(sector_id)
                .execute(&mut *tx)
                .await?;
        }
        for (position, image_id) in draft.gallery.iter().enumerate() {
            sqlx::query(
                "INSERT INTO news_images (news_id, position, image_id) VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(position as i32)
            .bind(image_id)
            .execute(&mut *tx)
            .await?;
        }
        if sqlite {
            sqlx::query("DELETE FROM news_fts WHERE rowid = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO news_fts (rowid, title, lead, body) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(format!("{} {}", draft.title_uk, draft.title_en))
                .bind(format!("{} {}", draft.lead_uk, draft.lead_en))
                .bind(format!("{} {}", draft.body_uk, draft.body_en))
                .execute(&mut *tx)
                .await?;
        }
        let summary = format!("{} ({}): {}", slug, state.as_str(), draft.title_uk.trim());
        audit!(&mut *tx, actor, "news", id, "save", summary)?;
        tx.commit().await?;
        Ok(id)
    })
}

/// The search condition and rank of each dialect; `$2` is the query in that dialect's syntax.
fn search_sql(db: &Db) -> (&'static str, &'static str, &'static str) {
    match db {
        Db::Sqlite { .. } => (
            "JOIN (SELECT rowid, bm25(news_fts, 10.0, 4.0, 1.0) AS rank FROM news_fts WHERE news_fts MATCH $2) f ON f.rowid = n.id",
            "",
            "f.rank, n.publish_at DESC",
        ),
        Db::Postgres(_) => (
            "",
            "AND n.search @@ to_tsquery('simple', $2)",
            "ts_rank(n.search, to_tsquery('simple', $2)) DESC, n.publish_at DESC",
        ),
    }
}

/// The stems as a query: every stem must match, as a word prefix.
pub fn match_expression(db: &Db, stems: &[String]) -> String {
    match db {
        // Stems hold only letters, digits and apostrophes; quotes are doubled for FTS5 all the same.
        Db::Sqlite { .. } => stems
            .iter()
            .map(|s| format!("\"{}\"*", s.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" AND "),
        Db::Postgres(_) => stems
            .iter()
            .map(|s| format!("'{}':*", s.replace('\'', "''")))
            .collect::<Vec<_>>()
            .join(" & "),
    }
}

async fn tags_of(db: &Db, ids: &[i64]) -> Result<Vec<(i64, Tag)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // Ids are integers from the database: safe to write into the statement.
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let sql = format!(
        "SELECT nt.news_id, t.slug, t.name_uk, t.name_en FROM news_tags nt JOIN tags t ON t.id = nt.tag_id \
         WHERE nt.news_id IN ({list}) ORDER BY t.name_uk"
    );
    let rows: Vec<(i64, String, String, String)> =
        on_db!(db, read, |pool| sqlx::query_as(&sql).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|(id, slug, name_uk, name_en)| {
            (
                id,
                Tag {
                    slug,
                    name_uk,
                    name_en,
                },
            )
        })
        .collect())
}

async fn cards(
    db: &Db,
    rows: Vec<CardRow>,
    lang: Lang,
    stems: &[String],
) -> Result<Vec<NewsCard>, sqlx::Error> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let tags = tags_of(db, &ids).await?;
    let cover_ids: Vec<i64> = rows.iter().filter_map(|r| r.cover_image_id).collect();
    let covers = if cover_ids.is_empty() {
        Vec::new()
    } else {
        crate::media::storage::by_ids(db, &cover_ids).await?
    };
    Ok(rows
        .into_iter()
        .map(|row| NewsCard {
            title: highlight(&pick(lang, &row.title_uk, &row.title_en), stems),
            lead: highlight(&pick(lang, &row.lead_uk, &row.lead_en), stems),
            day: day_of(row.publish_at),
            tags: tags
                .iter()
                .filter(|(id, _)| *id == row.id)
                .map(|(_, t)| t.clone())
                .collect(),
            cover: row
                .cover_image_id
                .and_then(|id| covers.iter().find(|c| c.id == id).cloned()),
            slug: row.slug,
        })
        .collect())
}

/// The newest `limit` visible items, for the home page.
pub async fn newest(
    db: &Db,
    lang: Lang,
    at: i64,
    limit: i64,
) -> Result<Vec<NewsCard>, sqlx::Error> {
    let sql = format!("SELECT {CARD_COLUMNS} FROM news n WHERE {VISIBLE} ORDER BY n.publish_at DESC, n.id DESC LIMIT $2");
    let rows: Vec<CardRow> = on_db!(db, read, |pool| sqlx::query_as(&sql)
        .bind(at)
        .bind(limit)
        .fetch_all(pool)
        .await)?;
    cards(db, rows, lang, &[]).await
}

pub async fn tag(db: &Db, slug: &str) -> Result<Option<Tag>, sqlx::Error> {
    Ok(tag_with_id(db, slug).await?.map(|(_, tag)| tag))
}

async fn tag_with_id(db: &Db, slug: &str) -> Result<Option<(i64, Tag)>, sqlx::Error> {
    let row: Option<(i64, String, String, String)> = on_db!(db, read, |pool| sqlx::query_as(
        "SELECT id, slug, name_uk, name_en FROM tags WHERE slug = $1"
    )
    .bind(slug)
    .fetch_optional(pool)
    .await)?;
    Ok(row.map(|(id, slug, name_uk, name_en)| {
        (
            id,
            Tag {
                slug,
                name_uk,
                name_en,
            },
        )
    }))
}

#[derive(sqlx::FromRow)]
struct CountedCardRow {
    #[sqlx(flatten)]
    card: CardRow,
    total: i64,
}

/// One page of visible items: newest first, or best match first when searching. A tag's items
/// are found through its index, not by testing every item.
pub async fn list(
    db: &Db,
    registry: &RegistryIndex,
    query: &NewsQuery,
    lang: Lang,
    at: i64,
) -> Result<NewsListPage, sqlx::Error> {
    let oblasts: Vec<HromadaLink> = registry
        .oblasts()
        .iter()
        .map(|o| HromadaLink {
            katottg: o.katottg.clone(),
            name: o.name(lang).to_string(),
        })
        .collect();
    let mut invalid = Vec::new();
    let oblast = query.oblast.trim();
    let oblast = if oblast.is_empty() || registry.oblast(oblast).is_some() {
        oblast
    } else {
        invalid.push("oblast".to_string());
        ""
    };
    let (since, until) = crate::clock::kyiv_days(&query.from, &query.to, &mut invalid);
    let initiatives = crate::initiatives::storage::choices(db, lang).await?;
    let known_sectors = crate::sectors::storage::all_with_ids(db).await?;
    let initiative_id = match query.initiative.trim() {
        "" => 0,
        slug => match crate::initiatives::storage::id_of(db, slug).await? {
            Some(id) => id,
            None => {
                invalid.push("initiative".to_string());
                0
            }
        },
    };
    let sector_id = match query.sector.trim() {
        "" => 0,
        slug => match crate::sectors::storage::ids(&known_sectors, &[slug.to_string()]).0[..] {
            [id] => id,
            _ => {
                invalid.push("sector".to_string());
                0
            }
        },
    };
    let sectors: Vec<Sector> = known_sectors.into_iter().map(|(_, s)| s).collect();
    let tag = match query.tag.trim() {
        "" => None,
        slug => match tag_with_id(db, slug).await? {
            Some(found) => Some(found),
            None => {
                return Ok(NewsListPage {
                    items: Vec::new(),
                    total: 0,
                    page: 1,
                    pages: 1,
                    tag: None,
                    oblasts,
                    initiatives,
                    sectors,
                    invalid,
                });
            }
        },
    };
    let stems = search_stems(&query.q);
    let searching = !stems.is_empty();
    let (search_join, search_condition, order) = if searching {
        search_sql(db)
    } else {
        ("", "AND $2 = ''", "n.publish_at DESC, n.id DESC")
    };
    // A tag's or a sector's items are found through its index, not by testing every item.
    let (from, tag_condition) = if tag.is_some() {
        (
            "news_tags nt JOIN news n ON n.id = nt.news_id",
            "AND nt.tag_id = $3",
        )
    } else if sector_id != 0 {
        (
            "news_sectors ns0 JOIN news n ON n.id = ns0.news_id",
            "AND $3 = 0 AND ns0.sector_id = $8",
        )
    } else {
        ("news n", "AND $3 = 0")
    };
    let expression = if searching {
        match_expression(db, &stems)
    } else {
        String::new()
    };
    let tag_id = tag.as_ref().map_or(0, |(id, _)| *id);
    let page_of = |page: u32| {
        format!(
            "SELECT {CARD_COLUMNS}, count(*) OVER () AS total FROM {from} {search_join} \
             WHERE {VISIBLE} {search_condition} {tag_condition} {FILTERS} ORDER BY {order} LIMIT {NEWS_PAGE_SIZE} OFFSET {}",
            (page.max(1) as usize - 1) * NEWS_PAGE_SIZE
        )
    };
    let fetch = |sql: String| {
        let expression = expression.clone();
        async move {
            let rows: Vec<CountedCardRow> = on_db!(db, read, |pool| sqlx::query_as(&sql)
                .bind(at)
                .bind(&expression)
                .bind(tag_id)
                .bind(oblast)
                .bind(since)
                .bind(until)
                .bind(initiative_id)
                .bind(sector_id)
                .fetch_all(pool)
                .await)?;
            Ok::<_, sqlx::Error>(rows)
        }
    };
    let mut page = query.page.max(1);
    let mut rows = fetch(page_of(page)).await?;
    if rows.is_empty() && page > 1 {
        // Past the last page (an old link): show the first.
        page = 1;
        rows = fetch(page_of(page)).await?;
    }
    let total = rows.first().map_or(0, |r| r.total);
    let pages = (total.max(1) as u32).div_ceil(NEWS_PAGE_SIZE as u32);
    Ok(NewsListPage {
        items: cards(db, rows.into_iter().map(|r| r.card).collect(), lang, &stems).await?,
        total,
        page,
        pages,
        tag: tag.map(|(_, t)| t),
        oblasts,
        initiatives,
        sectors,
        invalid,
    })
}

#[derive(sqlx::FromRow)]
struct ArticleRow {
    #[sqlx(flatten)]
    card: CardRow,
    initiative_id: Option<i64>,
    author: Option<String>,
    body_html_uk: String,
    body_html_en: String,
    source_name: String,
    source_url: String,
}

/// The visible item at `slug`, or where an old slug of it now points.
pub async fn article(
    db: &Db,
    registry: &RegistryIndex,
    slug: &str,
    lang: Lang,
    at: i64,
) -> Result<Option<NewsLookup>, sqlx::Error> {
    let sql = format!(
        "SELECT {CARD_COLUMNS}, n.initiative_id, \
         (SELECT a.display_name FROM accounts a WHERE a.id = n.author_id) AS author, \
         n.body_html_uk, n.body_html_en, n.source_name, n.source_url \
         FROM news_slugs s JOIN news n ON n.id = s.news_id WHERE {VISIBLE} AND s.slug = $2"
    );
    let row: Option<ArticleRow> = on_db!(db, read, |pool| sqlx::query_as(&sql)
        .bind(at)
        .bind(slug)
        .fetch_optional(pool)
        .await)?;
    let Some(row) = row else { return Ok(None) };
    if row.card.slug != slug {
        return Ok(Some(NewsLookup::MovedTo(row.card.slug)));
    }
    type Extras = (
        Vec<String>,
        Vec<String>,
        Vec<Sector>,
        Vec<i64>,
        Option<(String, String, String)>,
    );
    let (hromada_codes, oblast_codes, sectors, gallery_ids, initiative): Extras = on_db!(
        db,
        read,
        |pool| {
            let hromadas =
                sqlx::query_scalar("SELECT katottg FROM news_hromadas WHERE news_id = $1")
                    .bind(row.card.id)
                    .fetch_all(pool)
                    .await?;
            let oblasts =
                sqlx::query_scalar("SELECT oblast_katottg FROM news_oblasts WHERE news_id = $1")
                    .bind(row.card.id)
                    .fetch_all(pool)
                    .await?;
            let sectors = sqlx::query_as(
            "SELECT s.slug, s.name_uk, s.name_en FROM news_sectors x JOIN sectors s ON s.id = x.sector_id \
             WHERE x.news_id = $1 ORDER BY s.position",
        )
        .bind(row.card.id)
        .fetch_all(pool)
        .await?;
            let gallery = sqlx::query_scalar(
                "SELECT image_id FROM news_images WHERE news_id = $1 ORDER BY position",
            )
            .bind(row.card.id)
            .fetch_all(pool)
            .await?;
            let initiative = sqlx::query_as(
                "SELECT slug, title_uk, title_en FROM initiatives WHERE id = $1 AND published",
            )
            .bind(row.initiative_id.unwrap_or(0))
            .fetch_optional(pool)
            .await?;
            Ok::<_, sqlx::Error>((hromadas, oblasts, sectors, gallery, initiative))
        }
    )?;
    let image_ids: Vec<i64> = gallery_ids
        .iter()
        .copied()
        .chain(row.card.cover_image_id)
        .collect();
    let images = if image_ids.is_empty() {
        Vec::new()
    } else {
        crate::media::storage::by_ids(db, &image_ids).await?
    };
    let image = |id: i64| images.iter().find(|i| i.id == id).cloned();
    let cover = row.card.cover_image_id.and_then(image);
    let gallery = gallery_ids.iter().filter_map(|id| image(*id)).collect();
    let hromadas = hromada_codes
        .iter()
        .filter_map(|code| registry.hromada(code))
        .map(|h| HromadaLink {
            katottg: h.katottg.clone(),
            name: h.name_uk.clone(),
        })
        .collect();
    let oblasts = oblast_codes
        .iter()
        .filter_map(|code| registry.oblast(code))
        .map(|o| HromadaLink {
            katottg: o.katottg.clone(),
            name: o.name(lang).to_string(),
        })
        .collect();
    let english_missing =
        lang == Lang::En && (row.card.title_en.is_empty() || row.body_html_en.is_empty());
    let neighbour = |newer: bool| {
        let (op, order) = if newer { (">", "ASC") } else { ("<", "DESC") };
        format!(
            "SELECT {CARD_COLUMNS} FROM news n WHERE {VISIBLE} \
             AND (n.publish_at {op} $2 OR (n.publish_at = $2 AND n.id {op} $3)) \
             ORDER BY n.publish_at {order}, n.id {order} LIMIT 1"
        )
    };
    let mut around = Vec::new();
    for newer in [false, true] {
        let found: Option<CardRow> = on_db!(db, read, |pool| sqlx::query_as(&neighbour(newer))
            .bind(at)
            .bind(row.card.publish_at)
            .bind(row.card.id)
            .fetch_optional(pool)
            .await)?;
        around.push(match found {
            Some(found) => cards(db, vec![found], lang, &[]).await?.pop(),
            None => None,
        });
    }
    let next = around.pop().flatten();
    let previous = around.pop().flatten();
    let id = row.card.id;
    let tags = tags_of(db, &[id])
        .await?
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    Ok(Some(NewsLookup::Found(Box::new(NewsArticle {
        title: pick(lang, &row.card.title_uk, &row.card.title_en),
        lead: pick(lang, &row.card.lead_uk, &row.card.lead_en),
        body_html: pick(lang, &row.body_html_uk, &row.body_html_en),
        day: day_of(row.card.publish_at),
        published_at: row.card.publish_at,
        tags,
        author: row.author.unwrap_or_default(),
        source_name: row.source_name,
        source_url: row.source_url,
        hromadas,
        oblasts,
        english_missing,
        related: related(db, id, row.initiative_id, lang, at).await?,
        sectors,
        initiative: initiative.map(|(slug, uk, en)| Choice {
            value: slug,
            name: pick(lang, &uk, &en),
        }),
        cover,
        gallery,
        url: String::new(),
        previous,
        next,
        slug: row.card.slug,
    }))))
}

/// Up to four other items: those sharing most tags, or the initiative, first (found through
/// their indexes), then the newest.
async fn related(
    db: &Db,
    id: i64,
    initiative: Option<i64>,
    lang: Lang,
    at: i64,
) -> Result<Vec<NewsCard>, sqlx::Error> {
    // A shared initiative weighs as much as two shared tags.
    let sharing = format!(
        "SELECT {CARD_COLUMNS} FROM (SELECT news_id, sum(weight) AS shared FROM ( \
         SELECT b.news_id, 1 AS weight FROM news_tags a JOIN news_tags b ON b.tag_id = a.tag_id \
         WHERE a.news_id = $2 AND b.news_id <> $2 \
         UNION ALL SELECT m.id, 2 FROM news m WHERE m.initiative_id = $3 AND m.id <> $2) w \
         GROUP BY news_id) r JOIN news n ON n.id = r.news_id WHERE {VISIBLE} \
         ORDER BY r.shared DESC, n.publish_at DESC, n.id DESC LIMIT 4"
    );
    let mut rows: Vec<CardRow> = on_db!(db, read, |pool| sqlx::query_as(&sharing)
        .bind(at)
        .bind(id)
        .bind(initiative.unwrap_or(0))
        .fetch_all(pool)
        .await)?;
    if rows.len() < 4 {
        let newest = format!(
            "SELECT {CARD_COLUMNS} FROM news n WHERE {VISIBLE} AND n.id <> $2 \
             ORDER BY n.publish_at DESC, n.id DESC LIMIT 8"
        );
        let more: Vec<CardRow> = on_db!(db, read, |pool| sqlx::query_as(&newest)
            .bind(at)
            .bind(id)
            .fetch_all(pool)
            .await)?;
        for row in more {
            if rows.len() == 4 {
                break;
            }
            if rows.iter().all(|r| r.id != row.id) {
                rows.push(row);
            }
        }
    }
    cards(db, rows, lang, &[]).await
}

/// The newest visible items (for feeds), optionally of one tag: (slug, title, lead, time).
pub async fn latest(
    db: &Db,
    tag: Option<&str>,
    limit: i64,
    at: i64,
) -> Result<Vec<(String, String, String, i64)>, sqlx::Error> {
    let sql = format!(
        "SELECT n.slug, n.title_uk, n.lead_uk, n.publish_at FROM news n WHERE {VISIBLE} \
         AND ($2 = '' OR EXISTS (SELECT 1 FROM news_tags nt JOIN tags t ON t.id = nt.tag_id \
         WHERE nt.news_id = n.id AND t.slug = $2)) ORDER BY n.publish_at DESC, n.id DESC LIMIT $3"
    );
    on_db!(db, read, |pool| sqlx::query_as(&sql)
        .bind(at)
        .bind(tag.unwrap_or_default())
        .bind(limit)
        .fetch_all(pool)
        .await)
}

/// Every visible item's slug and last change, for the sitemap.
pub async fn sitemap_entries(db: &Db, at: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let sql = format!(
        "SELECT n.slug, n.updated_at FROM news n WHERE {VISIBLE} ORDER BY n.publish_at DESC"
    );
    on_db!(db, read, |pool| sqlx::query_as(&sql)
        .bind(at)
        .fetch_all(pool)
        .await)
}

/// Every item in any state, newest change first, a page at a time: the editors' list.
pub async fn editable(db: &Db, page: u32) -> Result<EditableNewsPage, sqlx::Error> {
    const PAGE: u32 = 30;
    let page = page.max(1);
    type Row = (i64, String, String, String, i64, i64);
    let (rows, total): (Vec<Row>, i64) = on_db!(db, read, |pool| {
        let rows = sqlx::query_as(
            "SELECT id, slug, title_uk, state, publish_at, updated_at FROM news \
                 ORDER BY updated_at DESC, id DESC LIMIT $1 OFFSET $2",
        )
        .bind(PAGE as i64)
        .bind(((page - 1) * PAGE) as i64)
        .fetch_all(pool)
        .await?;
        let total = sqlx::query_scalar("SELECT count(*) FROM news")
            .fetch_one(pool)
            .await?;
        Ok::<_, sqlx::Error>((rows, total))
    })?;
    Ok(EditableNewsPage {
        items: rows
            .into_iter()
            .map(
                |(id, slug, title, state, publish_at, updated_at)| EditableNews {
                    id,
                    slug,
                    title,
                    state: NewsState::parse(&state),
                    publish_at: crate::clock::kyiv_minutes(publish_at),
                    updated_at: crate::clock::kyiv_minutes(updated_at),
                },
            )
            .collect(),
        page,
        pages: (total.max(1) as u32).div_ceil(PAGE),
    })
}

/// The item as its form shows it, with its slug and state.
pub async fn form(db: &Db, id: i64) -> Result<Option<(String, NewsState, NewsForm)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct FormRow {
        slug: String,
        state: String,
        publish_at: i64,
        title_uk: String,
        title_en: String,
        lead_uk: String,
        lead_en: String,
        source_name: String,
        source_url: String,
        initiative: Option<String>,
        cover_image_id: Option<i64>,
        body_uk: String,
        body_en: String,
    }
    type Lists = (Vec<String>, Vec<String>, Vec<String>, Vec<String>, Vec<i64>);
    let found: Option<(FormRow, Lists)> = on_db!(db, read, |pool| {
        let row: Option<FormRow> = sqlx::query_as(
            "SELECT n.slug, n.state, n.publish_at, n.title_uk, n.title_en, n.lead_uk, n.lead_en, \
             n.source_name, n.source_url, i.slug AS initiative, n.cover_image_id, n.body_uk, n.body_en \
             FROM news n LEFT JOIN initiatives i ON i.id = n.initiative_id WHERE n.id = $1",
        )
        .bind(id)
        .fetch_optional(pool)
        .await?;
        let Some(row) = row else {
            return Ok::<_, sqlx::Error>(None);
        };
        let of = |sql: &'static str| sqlx::query_scalar(sql).bind(id).fetch_all(pool);
        let tags = of(
            "SELECT t.name_uk FROM news_tags x JOIN tags t ON t.id = x.tag_id \
             WHERE x.news_id = $1 ORDER BY t.name_uk",
        )
        .await?;
        let oblasts = of("SELECT oblast_katottg FROM news_oblasts WHERE news_id = $1").await?;
        let hromadas = of("SELECT katottg FROM news_hromadas WHERE news_id = $1").await?;
        let sectors = of(
            "SELECT s.slug FROM news_sectors x JOIN sectors s ON s.id = x.sector_id \
             WHERE x.news_id = $1 ORDER BY s.position",
        )
        .await?;
        let gallery = sqlx::query_scalar(
            "SELECT image_id FROM news_images WHERE news_id = $1 ORDER BY position",
        )
        .bind(id)
        .fetch_all(pool)
        .await?;
        Ok::<_, sqlx::Error>(Some((row, (tags, oblasts, hromadas, sectors, gallery))))
    })?;
    let Some((row, (tags, oblasts, hromadas, sectors, gallery_ids))) = found else {
        return Ok(None);
    };
    let image_ids: Vec<i64> = gallery_ids
        .iter()
        .copied()
        .chain(row.cover_image_id)
        .collect();
    let images = crate::media::storage::by_ids(db, &image_ids).await?;
    let image = |id: i64| images.iter().find(|i| i.id == id).cloned();
    let state = NewsState::parse(&row.state);
    let form = NewsForm {
        title_uk: row.title_uk,
        title_en: row.title_en,
        lead_uk: row.lead_uk,
        lead_en: row.lead_en,
        body_uk: row.body_uk,
        body_en: row.body_en,
        publish_at: crate::clock::kyiv_local_string(row.publish_at),
        tags: tags.join(", "),
        source_name: row.source_name,
        source_url: row.source_url,
        oblasts,
        hromadas: hromadas.join("\n"),
        initiative: row.initiative.unwrap_or_default(),
        sectors,
        cover: row.cover_image_id.and_then(image),
        gallery: gallery_ids.iter().filter_map(|id| image(*id)).collect(),
    };
    Ok(Some((row.slug, state, form)))
}
