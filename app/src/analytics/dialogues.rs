//! Sectoral dialogues: meetings of hromadas on one sector in one oblast, with their agenda,
//! participants and summary. Analysts keep them; the needs named at a dialogue link to it.

use super::needs::NeedCard;
use super::types::Choice;
use crate::common::{Day, HromadaLink};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ui::editor::EditError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// A dialogue as its form holds it. `hromadas` are codes or unique names, separated by commas
/// or lines; `participants` one per line; the summaries are Markdown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct DialogueForm {
    /// A sector's slug.
    pub sector: String,
    /// An oblast's KATOTTG code.
    pub oblast: String,
    /// `YYYY-MM-DD`.
    pub held_on: String,
    pub place: String,
    pub online_url: String,
    pub moderator: String,
    pub title_uk: String,
    pub title_en: String,
    pub agenda_uk: String,
    pub agenda_en: String,
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub hromadas: String,
    pub participants: String,
    pub summary_uk: String,
    pub summary_en: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DialogueCard {
    pub id: i64,
    pub title: String,
    pub held_on: Day,
    pub oblast: HromadaLink,
    pub sector: String,
    pub moderator: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DialoguePage {
    pub card: DialogueCard,
    pub place: String,
    pub online_url: String,
    /// One item per line of the agenda.
    pub agenda: Vec<String>,
    pub hromadas: Vec<HromadaLink>,
    pub participants: Vec<String>,
    /// Sanitized when saved.
    pub summary_html: String,
    /// The needs recorded at this dialogue.
    pub needs: Vec<NeedCard>,
    /// English was asked for and the dialogue has none: shown in Ukrainian with a note.
    pub english_missing: bool,
}

/// The list's filter, from the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DialogueQuery {
    pub sector: String,
    pub oblast: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DialogueList {
    pub query: DialogueQuery,
    /// Filter fields whose value matches nothing; they were not applied.
    pub invalid: Vec<String>,
    pub sectors: Vec<Choice>,
    pub oblasts: Vec<Choice>,
    /// Newest first.
    pub items: Vec<DialogueCard>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DialogueEditor {
    pub id: Option<i64>,
    pub form: DialogueForm,
    pub sectors: Vec<Choice>,
    pub oblasts: Vec<Choice>,
}

/// `2026-03-12`, as a `<time>` element's `datetime` gives a day.
pub fn iso_day(day: Day) -> String {
    format!("{:04}-{:02}-{:02}", day.year, day.month, day.day)
}

#[cfg(feature = "ssr")]
pub mod storage {
    use super::*;
    use crate::audit::Actor;
    use crate::common::pick;
    use crate::db::Db;
    use crate::hromadas::index::RegistryIndex;
    use crate::sectors::Sector;
    use crate::ui::editor::{
        check_day, check_text, check_url, hromada_codes, FieldProblem, Problem,
    };
    use crate::{audit, on_db};

    #[derive(Debug, thiserror::Error)]
    pub enum DialogueError {
        #[error("invalid fields")]
        Invalid(Vec<FieldProblem>),
        #[error(transparent)]
        Database(#[from] sqlx::Error),
    }

    impl From<DialogueError> for EditError {
        fn from(error: DialogueError) -> Self {
            match error {
                DialogueError::Invalid(problems) => EditError::Invalid(problems),
                DialogueError::Database(error) => EditError::App(error.into()),
            }
        }
    }

    const TITLE_MAX: usize = 200;
    const LINE_MAX: usize = 300;
    const TEXT_MAX: usize = 5000;
    const SUMMARY_MAX: usize = 50_000;

    /// What a valid form names: the sector's id, the day as stored and the hromadas' codes.
    struct Checked {
        sector: i64,
        held_on: String,
        hromadas: Vec<String>,
    }

    fn check(
        form: &DialogueForm,
        registry: &RegistryIndex,
        sectors: &[(i64, Sector)],
    ) -> Result<Checked, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        check_text(&mut problems, "title_uk", &form.title_uk, true, TITLE_MAX);
        let (sector_ids, unknown) =
            crate::sectors::storage::ids(sectors, std::slice::from_ref(&form.sector));
        if form.sector.is_empty() {
            problems.push(FieldProblem::new("sector", Problem::Required));
        } else if let Some(slug) = unknown.into_iter().next() {
            problems.push(FieldProblem::new("sector", Problem::Unknown(slug)));
        }
        let oblast = form.oblast.trim();
        if oblast.is_empty() {
            problems.push(FieldProblem::new("oblast", Problem::Required));
        } else if registry.oblast(oblast).is_none() {
            problems.push(FieldProblem::new("oblast", Problem::Unknown(oblast.into())));
        }
        // Stored as the clock writes it, so that the text sorts as the days do.
        let held_on = check_day(&mut problems, "held_on", &form.held_on);
        // A dialogue meets somewhere: in a room, online, or both.
        if form.place.trim().is_empty() && form.online_url.trim().is_empty() {
            problems.push(FieldProblem::new("place", Problem::Required));
        }
        check_text(&mut problems, "place", &form.place, false, LINE_MAX);
        check_url(&mut problems, "online_url", &form.online_url);
        check_text(&mut problems, "moderator", &form.moderator, false, LINE_MAX);
        check_text(&mut problems, "agenda_uk", &form.agenda_uk, false, TEXT_MAX);
        let hromadas = hromada_codes(registry, &form.hromadas, "hromadas", &mut problems);
        check_text(
            &mut problems,
            "participants",
            &form.participants,
            false,
            TEXT_MAX,
        );
        check_text(
            &mut problems,
            "summary_uk",
            &form.summary_uk,
            false,
            SUMMARY_MAX,
        );
        check_text(&mut problems, "title_en", &form.title_en, false, TITLE_MAX);
        check_text(&mut problems, "agenda_en", &form.agenda_en, false, TEXT_MAX);
        check_text(
            &mut problems,
            "summary_en",
            &form.summary_en,
            false,
            SUMMARY_MAX,
        );
        match (sector_ids.first(), held_on) {
            (Some(&sector), Some(held_on)) if problems.is_empty() => Ok(Checked {
                sector,
                held_on,
                hromadas,
            }),
            _ => Err(problems),
        }
    }

    /// Creates (`id` None) or updates a dialogue, checked whole first.
    pub async fn save(
        db: &Db,
        registry: &RegistryIndex,
        actor: &Actor,
        id: Option<i64>,
        form: &DialogueForm,
    ) -> Result<i64, DialogueError> {
        let sectors = crate::sectors::storage::all_with_ids(db).await?;
        let checked = check(form, registry, &sectors).map_err(DialogueError::Invalid)?;
        let now = crate::audit::now();
        on_db!(db, write, |pool| {
            let mut tx = pool.begin().await?;
            let (sql, last) = match id {
                None => (
                    "INSERT INTO dialogues (sector_id, oblast_katottg, held_on, place, online_url, moderator, \
                     title_uk, title_en, agenda_uk, agenda_en, participants, summary_uk, summary_en, \
                     summary_html_uk, summary_html_en, updated_at, created_at, author_id) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17) \
                     RETURNING id",
                    actor.id(),
                ),
                Some(id) => (
                    "UPDATE dialogues SET sector_id = $1, oblast_katottg = $2, held_on = $3, place = $4, \
                     online_url = $5, moderator = $6, title_uk = $7, title_en = $8, agenda_uk = $9, \
                     agenda_en = $10, participants = $11, summary_uk = $12, summary_en = $13, \
                     summary_html_uk = $14, summary_html_en = $15, updated_at = $16 WHERE id = $17 RETURNING id",
                    Some(id),
                ),
            };
            let id: i64 = sqlx::query_scalar(sql)
                .bind(checked.sector)
                .bind(form.oblast.trim())
                .bind(&checked.held_on)
                .bind(form.place.trim())
                .bind(form.online_url.trim())
                .bind(form.moderator.trim())
                .bind(form.title_uk.trim())
                .bind(form.title_en.trim())
                .bind(&form.agenda_uk)
                .bind(&form.agenda_en)
                .bind(&form.participants)
                .bind(&form.summary_uk)
                .bind(&form.summary_en)
                .bind(crate::markdown::to_safe_html(&form.summary_uk))
                .bind(crate::markdown::to_safe_html(&form.summary_en))
                .bind(now)
                .bind(last)
                .fetch_one(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM dialogue_hromadas WHERE dialogue_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            for code in &checked.hromadas {
                sqlx::query("INSERT INTO dialogue_hromadas (dialogue_id, katottg) VALUES ($1, $2)")
                    .bind(id)
                    .bind(code)
                    .execute(&mut *tx)
                    .await?;
            }
            let summary = format!(
                "{} {}: {}",
                checked.held_on,
                form.oblast.trim(),
                form.title_uk.trim()
            );
            audit!(&mut *tx, actor, "dialogue", id, "save", summary)?;
            tx.commit().await?;
            Ok(id)
        })
    }

    pub async fn exists(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
        let found: Option<i64> = on_db!(db, read, |pool| sqlx::query_scalar(
            "SELECT id FROM dialogues WHERE id = $1"
        )
        .bind(id)
        .fetch_optional(pool)
        .await)?;
        Ok(found.is_some())
    }

    async fn hromadas_of(db: &Db, id: i64) -> Result<Vec<String>, sqlx::Error> {
        on_db!(db, read, |pool| sqlx::query_scalar(
            "SELECT katottg FROM dialogue_hromadas WHERE dialogue_id = $1 ORDER BY katottg"
        )
        .bind(id)
        .fetch_all(pool)
        .await)
    }

    /// The dialogue as its form shows it; hromadas by code, one per line.
    pub async fn form(db: &Db, id: i64) -> Result<Option<DialogueForm>, sqlx::Error> {
        let found: Option<DialogueForm> = on_db!(db, read, |pool| {
            sqlx::query_as(
            "SELECT s.slug AS sector, d.oblast_katottg AS oblast, d.held_on, d.place, d.online_url, \
             d.moderator, d.title_uk, d.title_en, d.agenda_uk, d.agenda_en, d.participants, \
             d.summary_uk, d.summary_en FROM dialogues d JOIN sectors s ON s.id = d.sector_id WHERE d.id = $1"
        )
        .bind(id)
        .fetch_optional(pool)
        .await
        })?;
        let Some(mut form) = found else {
            return Ok(None);
        };
        form.hromadas = hromadas_of(db, id).await?.join("\n");
        Ok(Some(form))
    }

    #[derive(sqlx::FromRow)]
    struct CardRow {
        id: i64,
        sector_id: i64,
        oblast_katottg: String,
        held_on: String,
        moderator: String,
        title_uk: String,
        title_en: String,
    }

    const CARD_COLUMNS: &str =
        "id, sector_id, oblast_katottg, held_on, moderator, title_uk, title_en";

    fn card(
        row: &CardRow,
        registry: &RegistryIndex,
        sectors: &[(i64, Sector)],
        lang: Lang,
    ) -> DialogueCard {
        DialogueCard {
            id: row.id,
            title: pick(lang, &row.title_uk, &row.title_en),
            // Checked when saved.
            held_on: crate::common::day_of_text(&row.held_on),
            oblast: HromadaLink {
                katottg: row.oblast_katottg.clone(),
                name: registry
                    .oblast(&row.oblast_katottg)
                    .map(|o| o.name(lang).to_string())
                    .unwrap_or_default(),
            },
            sector: crate::sectors::storage::name_of(sectors, row.sector_id, lang),
            moderator: row.moderator.clone(),
        }
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

    /// Dialogues within `query`, the latest held first; unknown filter values are dropped and
    /// named in `invalid`.
    pub async fn list(
        db: &Db,
        registry: &RegistryIndex,
        query: &DialogueQuery,
        lang: Lang,
    ) -> Result<DialogueList, sqlx::Error> {
        let sectors = crate::sectors::storage::all_with_ids(db).await?;
        let mut invalid = Vec::new();
        let (sector_ids, _) =
            crate::sectors::storage::ids(&sectors, std::slice::from_ref(&query.sector));
        // 0 is no sector's id: any sector.
        let sector = sector_ids.first().copied().unwrap_or(0);
        if !query.sector.is_empty() && sector == 0 {
            invalid.push("sector".to_string());
        }
        let oblast = if query.oblast.is_empty() || registry.oblast(&query.oblast).is_some() {
            query.oblast.as_str()
        } else {
            invalid.push("oblast".to_string());
            ""
        };
        let sql = format!(
            "SELECT {CARD_COLUMNS} FROM dialogues WHERE ($1 = 0 OR sector_id = $1) \
             AND ($2 = '' OR oblast_katottg = $2) ORDER BY held_on DESC, id DESC"
        );
        let rows: Vec<CardRow> = on_db!(db, read, |pool| sqlx::query_as(&sql)
            .bind(sector)
            .bind(oblast)
            .fetch_all(pool)
            .await)?;
        Ok(DialogueList {
            query: query.clone(),
            invalid,
            items: rows
                .iter()
                .map(|row| card(row, registry, &sectors, lang))
                .collect(),
            sectors: crate::sectors::storage::choices(&sectors, lang),
            oblasts: oblast_choices(registry, lang),
        })
    }

    /// The non-empty lines of a list written one item per line, without their bullets.
    fn lines(text: &str) -> Vec<String> {
        text.lines()
            .map(|l| l.trim().trim_start_matches(['-', '•', '*']).trim())
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    pub async fn page(
        db: &Db,
        registry: &RegistryIndex,
        id: i64,
        lang: Lang,
    ) -> Result<Option<DialoguePage>, sqlx::Error> {
        #[derive(sqlx::FromRow)]
        struct PageRow {
            #[sqlx(flatten)]
            card: CardRow,
            place: String,
            online_url: String,
            agenda_uk: String,
            agenda_en: String,
            participants: String,
            summary_html_uk: String,
            summary_html_en: String,
        }
        let sql = format!(
            "SELECT {CARD_COLUMNS}, place, online_url, agenda_uk, agenda_en, participants, \
             summary_html_uk, summary_html_en FROM dialogues WHERE id = $1"
        );
        let found: Option<PageRow> = on_db!(db, read, |pool| sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await)?;
        let Some(row) = found else {
            return Ok(None);
        };
        let sectors = crate::sectors::storage::all_with_ids(db).await?;
        let codes = hromadas_of(db, id).await?;
        let hromadas = registry
            .all()
            .filter(|h| codes.contains(&h.katottg))
            .map(|h| HromadaLink {
                katottg: h.katottg.clone(),
                name: h.name_uk.clone(),
            })
            .collect();
        let needs =
            super::super::needs::storage::of_dialogue(db, registry, &sectors, id, lang).await?;
        Ok(Some(DialoguePage {
            english_missing: lang == Lang::En && row.card.title_en.trim().is_empty(),
            card: card(&row.card, registry, &sectors, lang),
            place: row.place,
            online_url: row.online_url,
            agenda: lines(&pick(lang, &row.agenda_uk, &row.agenda_en)),
            hromadas,
            participants: lines(&row.participants),
            summary_html: pick(lang, &row.summary_html_uk, &row.summary_html_en),
            needs,
        }))
    }

    /// The editor's choices: sectors and oblasts.
    pub async fn editor_choices(
        db: &Db,
        registry: &RegistryIndex,
        lang: Lang,
    ) -> Result<(Vec<Choice>, Vec<Choice>), sqlx::Error> {
        let sectors = crate::sectors::storage::all_with_ids(db).await?;
        Ok((
            crate::sectors::storage::choices(&sectors, lang),
            oblast_choices(registry, lang),
        ))
    }
}

/// The dialogues, public.
#[server(input = Json)]
pub async fn load_dialogues(query: DialogueQuery, lang: Lang) -> Result<DialogueList, AppError> {
    AppError::reply(
        async {
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            Ok(storage::list(&state.db, &registry, &query, lang).await?)
        }
        .await,
    )
}

/// A dialogue with its hromadas and needs, public.
#[server(input = Json)]
pub async fn load_dialogue(id: i64, lang: Lang) -> Result<DialoguePage, AppError> {
    AppError::reply(
        async {
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            storage::page(&state.db, &registry, id, lang)
                .await?
                .ok_or(AppError::NotFound)
        }
        .await,
    )
}

/// The editor's form: empty for a new dialogue (`id` None), else the saved one.
#[server(input = Json)]
pub async fn load_dialogue_editor(id: Option<i64>, lang: Lang) -> Result<DialogueEditor, AppError> {
    AppError::reply(
        async {
            crate::accounts::authz::require(crate::accounts::types::Capability::RunAnalytics)
                .await?;
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let form = match id {
                None => DialogueForm::default(),
                Some(id) => storage::form(&state.db, id)
                    .await?
                    .ok_or(AppError::NotFound)?,
            };
            let (sectors, oblasts) = storage::editor_choices(&state.db, &registry, lang).await?;
            Ok(DialogueEditor {
                id,
                form,
                sectors,
                oblasts,
            })
        }
        .await,
    )
}

#[server(input = Json)]
pub async fn save_dialogue(id: Option<i64>, form: DialogueForm) -> Result<i64, EditError> {
    EditError::reply(
        async {
            let account =
                crate::accounts::authz::require(crate::accounts::types::Capability::RunAnalytics)
                    .await?;
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let saved = storage::save(&state.db, &registry, &account.actor(), id, &form).await?;
            // The needs overview names the dialogue its needs come from.
            state.live.publish(crate::live::NEEDS_TOPIC);
            Ok(saved)
        }
        .await,
    )
}
