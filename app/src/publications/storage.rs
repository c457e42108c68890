//! Publications in the database. Search is the one place the dialects differ (FTS5 / tsvector),
//! as for news.

use super::types::*;
use crate::audit::Actor;
use crate::common::{day_of_text, pick, Choice};
use crate::db::Db;
use crate::hromadas::index::RegistryIndex;
use crate::i18n::Lang;
use crate::media::types::DocumentRef;
use crate::news::storage::match_expression;
use crate::news::text::search_stems;
use crate::sectors::Sector;
use crate::ui::editor::{check_day, check_text, EditError, FieldProblem, Problem};
use crate::{audit, on_db};

#[derive(Debug, thiserror::Error)]
pub enum PublicationError {
    #[error("invalid fields")]
    Invalid(Vec<FieldProblem>),
    #[error("no such publication")]
    NotFound,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl From<PublicationError> for EditError {
    fn from(error: PublicationError) -> Self {
        match error {
            PublicationError::Invalid(problems) => EditError::Invalid(problems),
            PublicationError::NotFound => EditError::App(crate::error::AppError::NotFound),
            PublicationError::Database(error) => EditError::App(error.into()),
        }
    }
}

const TITLE_MAX: usize = 300;
const AUTHORS_MAX: usize = 1000;
const ABSTRACT_MAX: usize = 3000;
const BODY_MAX: usize = 200_000;
const ADDRESSEE_MAX: usize = 300;
const NOTE_MAX: usize = 2000;
/// More links than this is a bibliography, not evidence.
const LINKS_MAX: usize = 50;

/// What a valid form names, by id.
struct Checked {
    kind: PublicationKind,
    published_on: String,
    sectors: Vec<i64>,
    initiative: Option<i64>,
    surveys: Vec<i64>,
    dialogues: Vec<i64>,
    needs: Vec<i64>,
}

/// Of `ids`, those `table` has, in the order given.
async fn existing(db: &Db, table: &'static str, ids: &[i64]) -> Result<Vec<i64>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id FROM {table} WHERE id IN ({})",
        crate::db::placeholders(ids.len())
    );
    let found: Vec<i64> = on_db!(db, read, |pool| {
        let mut query = sqlx::query_scalar(&sql);
        for id in ids {
            query = query.bind(id);
        }
        query.fetch_all(pool).await
    })?;
    Ok(ids
        .iter()
        .copied()
        .filter(|id| found.contains(id))
        .collect())
}

/// Ids picked from checkboxes that name a row of `table`; a problem at `field` for the rest.
async fn linked(
    db: &Db,
    table: &'static str,
    field: &str,
    picked: &[String],
    problems: &mut Vec<FieldProblem>,
) -> Result<Vec<i64>, sqlx::Error> {
    let mut ids = Vec::new();
    for value in picked {
        match value.trim().parse::<i64>() {
            Ok(id) if !ids.contains(&id) => ids.push(id),
            Ok(_) => {}
            Err(_) => problems.push(FieldProblem::new(field, Problem::Unknown(value.clone()))),
        }
    }
    report_missing(db, table, field, ids, problems).await
}

async fn report_missing(
    db: &Db,
    table: &'static str,
    field: &str,
    ids: Vec<i64>,
    problems: &mut Vec<FieldProblem>,
) -> Result<Vec<i64>, sqlx::Error> {
    // One problem per field: an unreadable entry already named is enough.
    if problems.iter().any(|p| p.field == field) {
        return Ok(Vec::new());
    }
    if ids.len() > LINKS_MAX {
        problems.push(FieldProblem::new(
            field,
            Problem::Above(LINKS_MAX.to_string()),
        ));
        return Ok(Vec::new());
    }
    let found = existing(db, table, &ids).await?;
    if let Some(missing) = ids.iter().find(|id| !found.contains(id)) {
        problems.push(FieldProblem::new(
            field,
            Problem::Unknown(missing.to_string()),
        ));
    }
    Ok(found)
}

async fn check(
    db: &Db,
    form: &PublicationForm,
    sectors: &[(i64, Sector)],
) -> Result<Result<Checked, Vec<FieldProblem>>, sqlx::Error> {
    let mut problems = Vec::new();
    let kind = PublicationKind::parse(&form.kind);
    if form.kind.is_empty() {
        problems.push(FieldProblem::new("kind", Problem::Required));
    } else if kind.is_none() {
        problems.push(FieldProblem::new(
            "kind",
            Problem::Unknown(form.kind.clone()),
        ));
    }
    let published_on = check_day(&mut problems, "published_on", &form.published_on);
    check_text(&mut problems, "title_uk", &form.title_uk, true, TITLE_MAX);
    check_text(&mut problems, "authors", &form.authors, true, AUTHORS_MAX);
    check_text(
        &mut problems,
        "abstract_uk",
        &form.abstract_uk,
        true,
        ABSTRACT_MAX,
    );
    check_text(&mut problems, "body_uk", &form.body_uk, false, BODY_MAX);
    check_text(&mut problems, "title_en", &form.title_en, false, TITLE_MAX);
    check_text(
        &mut problems,
        "abstract_en",
        &form.abstract_en,
        false,
        ABSTRACT_MAX,
    );
    check_text(&mut problems, "body_en", &form.body_en, false, BODY_MAX);
    let recommendation = kind == Some(PublicationKind::Recommendation);
    check_text(
        &mut problems,
        "addressee",
        &form.addressee,
        recommendation,
        ADDRESSEE_MAX,
    );
    let (sector_ids, unknown) = crate::sectors::storage::ids(sectors, &form.sectors);
    if let Some(slug) = unknown.into_iter().next() {
        problems.push(FieldProblem::new("sectors", Problem::Unknown(slug)));
    } else if sector_ids.is_empty() {
        problems.push(FieldProblem::new("sectors", Problem::Required));
    }
    let initiative = match form.initiative.trim() {
        "" => None,
        slug => {
            let found: Option<i64> = on_db!(db, read, |pool| sqlx::query_scalar(
                "SELECT id FROM initiatives WHERE slug = $1 AND published"
            )
            .bind(slug)
            .fetch_optional(pool)
            .await)?;
            if found.is_none() {
                problems.push(FieldProblem::new(
                    "initiative",
                    Problem::Unknown(slug.into()),
                ));
            }
            found
        }
    };
    let surveys = linked(db, "surveys", "surveys", &form.surveys, &mut problems).await?;
    let dialogues = linked(db, "dialogues", "dialogues", &form.dialogues, &mut problems).await?;
    let (need_ids, unreadable) = need_numbers(&form.needs);
    if let Some(token) = unreadable.into_iter().next() {
        problems.push(FieldProblem::new("needs", Problem::Unknown(token)));
    }
    let needs = report_missing(db, "needs", "needs", need_ids, &mut problems).await?;
    let documents = existing(db, "documents", &form.documents).await?;
    if documents.len() != form.documents.len() {
        problems.push(FieldProblem::new(
            "documents",
            Problem::Unknown(String::new()),
        ));
    }
    Ok(match (kind, published_on) {
        (Some(kind), Some(published_on)) if problems.is_empty() => Ok(Checked {
            kind,
            published_on,
            sectors: sector_ids,
            initiative,
            surveys,
            dialogues,
            needs,
        }),
        _ => Err(problems),
    })
}

/// Creates (`id` None) or updates a publication, checked whole first.
pub async fn save(
    db: &Db,
    actor: &Actor,
    id: Option<i64>,
    form: &PublicationForm,
) -> Result<i64, PublicationError> {
    let sectors = crate::sectors::storage::all_with_ids(db).await?;
    let checked = check(db, form, &sectors)
        .await?
        .map_err(PublicationError::Invalid)?;
    if let Some(id) = id {
        if existing(db, "publications", &[id]).await?.is_empty() {
            return Err(PublicationError::NotFound);
        }
    }
    let published_on = &checked.published_on;
    let addressee = if checked.kind == PublicationKind::Recommendation {
        form.addressee.trim()
    } else {
        ""
    };
    let sqlite = matches!(db, Db::Sqlite { .. });
    let now = crate::audit::now();
    let saved = on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        let (sql, last) = match id {
            None => (
                "INSERT INTO publications (kind, published_on, title_uk, title_en, authors, abstract_uk, \
                 abstract_en, body_uk, body_en, body_html_uk, body_html_en, initiative_id, addressee, \
                 updated_at, created_at, author_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15) RETURNING id",
                actor.id(),
            ),
            Some(id) => (
                "UPDATE publications SET kind = $1, published_on = $2, title_uk = $3, title_en = $4, \
                 authors = $5, abstract_uk = $6, abstract_en = $7, body_uk = $8, body_en = $9, \
                 body_html_uk = $10, body_html_en = $11, initiative_id = $12, addressee = $13, \
                 updated_at = $14 WHERE id = $15 RETURNING id",
                Some(id),
            ),
        };
        let id: i64 = sqlx::query_scalar(sql)
            .bind(checked.kind.as_str())
            .bind(published_on)
            .bind(form.title_uk.trim())
            .bind(form.title_en.trim())
            .bind(form.authors.trim())
            .bind(form.abstract_uk.trim())
            .bind(form.abstract_en.trim())
            .bind(&form.body_uk)
            .bind(&form.body_en)
            .bind(crate::markdown::to_safe_html(&form.body_uk))
            .bind(crate::markdown::to_safe_html(&form.body_en))
            .bind(checked.initiative)
            .bind(addressee)
            .bind(now)
            .bind(last)
            .fetch_one(&mut *tx)
            .await?;
        for table in [
            "publication_sectors",
            "publication_evidence",
            "publication_documents",
        ] {
            sqlx::query(&format!("DELETE FROM {table} WHERE publication_id = $1"))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        for sector in &checked.sectors {
            sqlx::query(
                "INSERT INTO publication_sectors (publication_id, sector_id) VALUES ($1, $2)",
            )
            .bind(id)
            .bind(sector)
            .execute(&mut *tx)
            .await?;
        }
        let evidence = checked
            .surveys
            .iter()
            .map(|&s| (Some(s), None, None))
            .chain(checked.dialogues.iter().map(|&d| (None, Some(d), None)))
            .chain(checked.needs.iter().map(|&n| (None, None, Some(n))));
        for (position, (survey, dialogue, need)) in evidence.enumerate() {
            sqlx::query(
                "INSERT INTO publication_evidence (publication_id, position, survey_id, dialogue_id, need_id) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(position as i64)
            .bind(survey)
            .bind(dialogue)
            .bind(need)
            .execute(&mut *tx)
            .await?;
        }
        for (position, document) in form.documents.iter().enumerate() {
            sqlx::query(
                "INSERT INTO publication_documents (publication_id, position, document_id) VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(position as i64)
            .bind(document)
            .execute(&mut *tx)
            .await?;
        }
        if sqlite {
            sqlx::query("DELETE FROM publications_fts WHERE rowid = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO publications_fts (rowid, title, abstract, body, authors) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(format!("{} {}", form.title_uk, form.title_en))
            .bind(format!("{} {}", form.abstract_uk, form.abstract_en))
            .bind(format!("{} {}", form.body_uk, form.body_en))
            .bind(&form.authors)
            .execute(&mut *tx)
            .await?;
        }
        let summary = format!(
            "{} {published_on}: {}",
            checked.kind.as_str(),
            form.title_uk.trim()
        );
        audit!(&mut *tx, actor, "publication", id, "save", summary)?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(id)
    })?;
    Ok(saved)
}

/// Adds a dated step to a recommendation's follow-up; the newest step by date is its status.
pub async fn add_follow_up(
    db: &Db,
    actor: &Actor,
    id: i64,
    form: &FollowUpForm,
) -> Result<(), PublicationError> {
    let kind: Option<String> = on_db!(db, read, |pool| sqlx::query_scalar(
        "SELECT kind FROM publications WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(pool)
    .await)?;
    if kind.as_deref() != Some(PublicationKind::Recommendation.as_str()) {
        return Err(PublicationError::NotFound);
    }
    let mut problems = Vec::new();
    let happened_on = check_day(&mut problems, "happened_on", &form.happened_on);
    let today = crate::clock::kyiv_day(crate::audit::now());
    // A follow-up records what happened, not what is planned (the days sort as their text).
    if happened_on.as_ref().is_some_and(|day| *day > today) {
        problems.push(FieldProblem::new("happened_on", Problem::Above(today)));
    }
    let status = FollowUpStatus::parse(&form.status);
    if form.status.is_empty() {
        problems.push(FieldProblem::new("status", Problem::Required));
    } else if status.is_none() {
        problems.push(FieldProblem::new(
            "status",
            Problem::Unknown(form.status.clone()),
        ));
    }
    check_text(&mut problems, "note", &form.note, false, NOTE_MAX);
    let (Some(happened_on), Some(status), true) = (happened_on, status, problems.is_empty()) else {
        return Err(PublicationError::Invalid(problems));
    };
    on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO publication_follow_ups (publication_id, happened_on, status, note, author_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(&happened_on)
        .bind(status.as_str())
        .bind(form.note.trim())
        .bind(actor.id())
        .bind(crate::audit::now())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE publications SET follow_up = (SELECT status FROM publication_follow_ups \
             WHERE publication_id = $1 ORDER BY happened_on DESC, id DESC LIMIT 1) WHERE id = $1",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let summary = format!("{happened_on}: {}", status.as_str());
        audit!(&mut *tx, actor, "publication", id, "follow-up", summary)?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(())
}

/// The publication as its form shows it.
pub async fn form(db: &Db, id: i64) -> Result<Option<PublicationForm>, sqlx::Error> {
    type Row = (
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        String,
    );
    let found: Option<Row> = on_db!(db, read, |pool| sqlx::query_as(
        "SELECT p.kind, p.published_on, p.title_uk, p.title_en, p.authors, p.abstract_uk, \
         p.abstract_en, p.body_uk, p.body_en, i.slug, p.addressee FROM publications p \
         LEFT JOIN initiatives i ON i.id = p.initiative_id WHERE p.id = $1"
    )
    .bind(id)
    .fetch_optional(pool)
    .await)?;
    let Some((
        kind,
        published_on,
        title_uk,
        title_en,
        authors,
        abstract_uk,
        abstract_en,
        body_uk,
        body_en,
        initiative,
        addressee,
    )) = found
    else {
        return Ok(None);
    };
    let sectors: Vec<String> = on_db!(db, read, |pool| sqlx::query_scalar(
        "SELECT s.slug FROM publication_sectors ps JOIN sectors s ON s.id = ps.sector_id \
         WHERE ps.publication_id = $1 ORDER BY s.position, s.id"
    )
    .bind(id)
    .fetch_all(pool)
    .await)?;
    let links: Vec<(Option<i64>, Option<i64>, Option<i64>)> = on_db!(db, read, |pool| {
        sqlx::query_as(
        "SELECT survey_id, dialogue_id, need_id FROM publication_evidence WHERE publication_id = $1 ORDER BY position"
    )
    .bind(id)
    .fetch_all(pool)
    .await
    })?;
    Ok(Some(PublicationForm {
        kind,
        published_on,
        title_uk,
        title_en,
        authors,
        abstract_uk,
        abstract_en,
        body_uk,
        body_en,
        sectors,
        initiative: initiative.unwrap_or_default(),
        surveys: links
            .iter()
            .filter_map(|l| l.0)
            .map(|s| s.to_string())
            .collect(),
        dialogues: links
            .iter()
            .filter_map(|l| l.1)
            .map(|d| d.to_string())
            .collect(),
        needs: links
            .iter()
            .filter_map(|l| l.2)
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        documents: document_ids(db, id).await?,
        addressee,
    }))
}

async fn document_ids(db: &Db, id: i64) -> Result<Vec<i64>, sqlx::Error> {
    on_db!(db, read, |pool| sqlx::query_scalar(
        "SELECT document_id FROM publication_documents WHERE publication_id = $1 ORDER BY position"
    )
    .bind(id)
    .fetch_all(pool)
    .await)
}

#[derive(sqlx::FromRow)]
struct CardRow {
    id: i64,
    kind: String,
    published_on: String,
    title_uk: String,
    title_en: String,
    authors: String,
    abstract_uk: String,
    abstract_en: String,
    follow_up: String,
}

const CARD_COLUMNS: &str = "p.id, p.kind, p.published_on, p.title_uk, p.title_en, p.authors, \
     p.abstract_uk, p.abstract_en, p.follow_up";

/// The sector ids of these publications.
async fn sectors_of(db: &Db, ids: &[i64]) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT publication_id, sector_id FROM publication_sectors WHERE publication_id IN ({})",
        crate::db::placeholders(ids.len())
    );
    on_db!(db, read, |pool| {
        let mut query = sqlx::query_as(&sql);
        for id in ids {
            query = query.bind(id);
        }
        query.fetch_all(pool).await
    })
}

fn cards(
    rows: &[CardRow],
    links: &[(i64, i64)],
    sectors: &[(i64, Sector)],
    lang: Lang,
) -> Vec<PublicationCard> {
    rows.iter()
        .map(|row| {
            // Checked when saved.
            let kind = PublicationKind::parse(&row.kind).unwrap_or(PublicationKind::Note);
            PublicationCard {
                id: row.id,
                kind,
                title: pick(lang, &row.title_uk, &row.title_en),
                published_on: day_of_text(&row.published_on),
                authors: lines(&row.authors),
                summary: pick(lang, &row.abstract_uk, &row.abstract_en),
                // In the sectors' set order.
                sectors: sectors
                    .iter()
                    .filter(|(sector, _)| links.contains(&(row.id, *sector)))
                    .map(|(_, s)| s.name(lang).to_string())
                    .collect(),
                follow_up: (kind == PublicationKind::Recommendation)
                    .then(|| FollowUpStatus::parse(&row.follow_up))
                    .flatten(),
            }
        })
        .collect()
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// One page of publications within `query`: the newest first, or the best match first when
/// searching. Unknown filter values are dropped and named in `invalid`.
pub async fn list(
    db: &Db,
    query: &PublicationQuery,
    lang: Lang,
) -> Result<PublicationList, sqlx::Error> {
    let sectors = crate::sectors::storage::all_with_ids(db).await?;
    let mut invalid = Vec::new();
    let kind = if query.kind.is_empty() || PublicationKind::parse(&query.kind).is_some() {
        query.kind.as_str()
    } else {
        invalid.push("kind".to_string());
        ""
    };
    let (sector_ids, _) =
        crate::sectors::storage::ids(&sectors, std::slice::from_ref(&query.sector));
    // 0 is no sector's id: any sector.
    let sector = sector_ids.first().copied().unwrap_or(0);
    if !query.sector.is_empty() && sector == 0 {
        invalid.push("sector".to_string());
    }
    let years: Vec<String> = on_db!(db, read, |pool| {
        sqlx::query_scalar(
        "SELECT DISTINCT substr(published_on, 1, 4) AS year FROM publications ORDER BY year DESC"
    )
    .fetch_all(pool)
    .await
    })?;
    let year = if query.year.is_empty() || years.contains(&query.year) {
        query.year.as_str()
    } else {
        invalid.push("year".to_string());
        ""
    };
    let stems = search_stems(&query.q);
    let (join, condition, order) = match (stems.is_empty(), db) {
        (true, _) => ("", "AND $4 = ''", "p.published_on DESC, p.id DESC"),
        (false, Db::Sqlite { .. }) => (
            "JOIN (SELECT rowid, bm25(publications_fts, 10.0, 4.0, 1.0, 4.0) AS rank \
             FROM publications_fts WHERE publications_fts MATCH $4) f ON f.rowid = p.id",
            "",
            "f.rank, p.published_on DESC, p.id DESC",
        ),
        (false, Db::Postgres(_)) => (
            "",
            "AND p.search @@ to_tsquery('simple', $4)",
            "ts_rank(p.search, to_tsquery('simple', $4)) DESC, p.published_on DESC, p.id DESC",
        ),
    };
    let expression = if stems.is_empty() {
        String::new()
    } else {
        match_expression(db, &stems)
    };
    let page = query.page.max(1);
    let sql = format!(
        "SELECT {CARD_COLUMNS}, count(*) OVER () AS total FROM publications p {join} \
         WHERE ($1 = '' OR p.kind = $1) \
         AND ($2 = 0 OR EXISTS (SELECT 1 FROM publication_sectors ps WHERE ps.publication_id = p.id AND ps.sector_id = $2)) \
         AND ($3 = '' OR substr(p.published_on, 1, 4) = $3) {condition} \
         ORDER BY {order} LIMIT {PUBLICATIONS_PAGE_SIZE} OFFSET {}",
        (page as usize - 1) * PUBLICATIONS_PAGE_SIZE
    );
    #[derive(sqlx::FromRow)]
    struct CountedRow {
        #[sqlx(flatten)]
        card: CardRow,
        total: i64,
    }
    let rows: Vec<CountedRow> = on_db!(db, read, |pool| sqlx::query_as(&sql)
        .bind(kind)
        .bind(sector)
        .bind(year)
        .bind(&expression)
        .fetch_all(pool)
        .await)?;
    let total = rows.first().map_or(0, |row| row.total.max(0) as u64);
    let rows: Vec<CardRow> = rows.into_iter().map(|row| row.card).collect();
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let links = sectors_of(db, &ids).await?;
    Ok(PublicationList {
        query: query.clone(),
        invalid,
        items: cards(&rows, &links, &sectors, lang),
        total,
        page,
        pages: total.div_ceil(PUBLICATIONS_PAGE_SIZE as u64).max(1) as u32,
        sectors: crate::sectors::storage::choices(&sectors, lang),
        years: years
            .into_iter()
            .map(|year| Choice {
                value: year.clone(),
                name: year,
            })
            .collect(),
    })
}

pub async fn page(
    db: &Db,
    registry: &RegistryIndex,
    id: i64,
    lang: Lang,
) -> Result<Option<PublicationPage>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct PageRow {
        #[sqlx(flatten)]
        card: CardRow,
        body_html_uk: String,
        body_html_en: String,
        addressee: String,
        initiative_slug: Option<String>,
        initiative_uk: Option<String>,
        initiative_en: Option<String>,
    }
    let sql = format!(
        "SELECT {CARD_COLUMNS}, p.body_html_uk, p.body_html_en, p.addressee, i.slug AS initiative_slug, \
         i.title_uk AS initiative_uk, i.title_en AS initiative_en FROM publications p \
         LEFT JOIN initiatives i ON i.id = p.initiative_id AND i.published WHERE p.id = $1"
    );
    let found: Option<PageRow> = on_db!(db, read, |pool| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await)?;
    let Some(row) = found else {
        return Ok(None);
    };
    let sectors = crate::sectors::storage::all_with_ids(db).await?;
    let links = sectors_of(db, &[id]).await?;
    type EvidenceRow = (
        Option<i64>,
        Option<i64>,
        Option<i64>,
        String,
        String,
        String,
    );
    let evidence: Vec<EvidenceRow> = on_db!(db, read, |pool| {
        sqlx::query_as(
        "SELECT s.id, e.dialogue_id, e.need_id, COALESCE(s.title_uk, d.title_uk, n.title, ''), \
         COALESCE(s.title_en, d.title_en, ''), COALESCE(n.hromada_katottg, '') \
         FROM publication_evidence e LEFT JOIN surveys s ON s.id = e.survey_id AND s.opens_at <= $2 \
         LEFT JOIN dialogues d ON d.id = e.dialogue_id LEFT JOIN needs n ON n.id = e.need_id \
         WHERE e.publication_id = $1 ORDER BY e.position"
    )
    .bind(id)
    .bind(crate::audit::now())
    .fetch_all(pool)
    .await
    })?;
    let evidence = evidence
        .into_iter()
        .filter_map(|(survey, dialogue, need, title_uk, title_en, hromada)| {
            let title = pick(lang, &title_uk, &title_en);
            let (kind, href, title) = match (survey, dialogue, need) {
                (Some(survey), _, _) => (
                    EvidenceKind::Survey,
                    format!("/analytics/surveys/{survey}"),
                    title,
                ),
                (_, Some(dialogue), _) => (
                    EvidenceKind::Dialogue,
                    format!("/analytics/dialogues/{dialogue}"),
                    title,
                ),
                (_, _, Some(_)) => {
                    // Hromadas' names are Ukrainian only in the registry.
                    let name = registry
                        .hromada(&hromada)
                        .map(|h| h.name_uk.clone())
                        .unwrap_or_default();
                    (
                        EvidenceKind::Need,
                        format!("/analytics/needs?hromada={hromada}"),
                        format!("{title} — {name}"),
                    )
                }
                _ => return None,
            };
            Some(Evidence {
                kind,
                title,
                href: lang.href(&href),
            })
        })
        .collect();
    let follow_ups: Vec<(String, String, String)> = on_db!(db, read, |pool| {
        sqlx::query_as(
        "SELECT happened_on, status, note FROM publication_follow_ups WHERE publication_id = $1 \
         ORDER BY happened_on, id"
    )
    .bind(id)
    .fetch_all(pool)
    .await
    })?;
    let documents: Vec<DocumentRef> =
        crate::media::documents::by_ids(db, &document_ids(db, id).await?).await?;
    let card = cards(std::slice::from_ref(&row.card), &links, &sectors, lang)
        .pop()
        .expect("one row, one card");
    Ok(Some(PublicationPage {
        english_missing: lang == Lang::En && row.card.title_en.trim().is_empty(),
        body_html: pick(lang, &row.body_html_uk, &row.body_html_en),
        addressee: row.addressee,
        documents,
        evidence,
        initiative: row.initiative_slug.map(|slug| Choice {
            name: pick(
                lang,
                row.initiative_uk.as_deref().unwrap_or_default(),
                row.initiative_en.as_deref().unwrap_or_default(),
            ),
            value: slug,
        }),
        follow_ups: follow_ups
            .into_iter()
            .filter_map(|(day, status, note)| {
                Some(FollowUp {
                    happened_on: day_of_text(&day),
                    status: FollowUpStatus::parse(&status)?,
                    note,
                })
            })
            .collect(),
        card,
    }))
}

/// What the editor offers: sectors, published initiatives, surveys and dialogues.
pub async fn editor(
    db: &Db,
    id: Option<i64>,
    form: PublicationForm,
    lang: Lang,
) -> Result<PublicationEditor, sqlx::Error> {
    let sectors = crate::sectors::storage::all_with_ids(db).await?;
    let titled = |rows: Vec<(i64, String, String)>| {
        rows.into_iter()
            .map(|(id, uk, en)| Choice {
                value: id.to_string(),
                name: pick(lang, &uk, &en),
            })
            .collect::<Vec<_>>()
    };
    let surveys: Vec<(i64, String, String)> = on_db!(db, read, |pool| sqlx::query_as(
        "SELECT id, title_uk, title_en FROM surveys ORDER BY opens_at DESC, id DESC"
    )
    .fetch_all(pool)
    .await)?;
    let dialogues: Vec<(i64, String, String)> = on_db!(db, read, |pool| sqlx::query_as(
        "SELECT id, held_on || ' · ' || title_uk, held_on || ' · ' || title_en FROM dialogues \
         ORDER BY held_on DESC, id DESC"
    )
    .fetch_all(pool)
    .await)?;
    let documents = crate::media::documents::by_ids(db, &form.documents).await?;
    Ok(PublicationEditor {
        id,
        sectors: crate::sectors::storage::choices(&sectors, lang),
        initiatives: crate::initiatives::storage::choices(db, lang).await?,
        surveys: titled(surveys),
        dialogues: titled(dialogues),
        documents,
        form,
    })
}

/// Every publication's id and last change, for the sitemap.
pub async fn sitemap_entries(db: &Db) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    on_db!(db, read, |pool| sqlx::query_as(
        "SELECT id, updated_at FROM publications ORDER BY published_on DESC"
    )
    .fetch_all(pool)
    .await)
}
