//! Hromadas' needs, sector by sector: recorded by analysts (at or after a sectoral dialogue, or
//! from a survey) and by a hromada's representative for their own hromada; the overview is a
//! heat table oblast × sector and the most named needs of each sector.

use super::types::Choice;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ui::editor::EditError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NeedStatus {
    Identified,
    Addressed,
    Met,
}

impl NeedStatus {
    pub const ALL: [NeedStatus; 3] = [
        NeedStatus::Identified,
        NeedStatus::Addressed,
        NeedStatus::Met,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NeedStatus::Identified => "identified",
            NeedStatus::Addressed => "addressed",
            NeedStatus::Met => "met",
        }
    }

    pub fn parse(value: &str) -> Option<NeedStatus> {
        NeedStatus::ALL.into_iter().find(|s| s.as_str() == value)
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Uk, NeedStatus::Identified) => "Виявлено",
            (Lang::Uk, NeedStatus::Addressed) => "Розв’язується",
            (Lang::Uk, NeedStatus::Met) => "Задоволено",
            (Lang::En, NeedStatus::Identified) => "Identified",
            (Lang::En, NeedStatus::Addressed) => "Being addressed",
            (Lang::En, NeedStatus::Met) => "Met",
        }
    }
}

/// A need as its form holds it. `source` is `dialogue:{id}`, `survey:{id}` or empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedForm {
    pub hromada: String,
    pub sector: String,
    pub title: String,
    pub description: String,
    pub priority: String,
    pub status: String,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeedCard {
    pub id: i64,
    pub hromada: String,
    pub hromada_name: String,
    pub oblast_name: String,
    pub sector: String,
    pub title: String,
    pub description: String,
    pub priority: i64,
    pub status: NeedStatus,
    pub source: Option<NeedSource>,
    pub updated_at: String,
}

/// The dialogue or survey a need was named at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedSource {
    pub title: String,
    /// Its page, without the language's prefix.
    pub path: String,
}

/// The overview's filter, from the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NeedsQuery {
    pub kind: String,
    pub status: String,
    pub hromada: String,
}

impl NeedsQuery {
    pub fn to_query_string(&self) -> String {
        let pairs = [
            ("kind", &self.kind),
            ("status", &self.status),
            ("hromada", &self.hromada),
        ];
        let set: Vec<(&str, &String)> = pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        serde_urlencoded::to_string(set).unwrap_or_default()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeatCell {
    pub count: i64,
    pub mean_priority: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeatRow {
    pub oblast: String,
    pub name: String,
    /// In the order of the overview's sectors.
    pub cells: Vec<HeatCell>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopNeed {
    pub title: String,
    /// Hromadas' needs with this title.
    pub count: i64,
    pub mean_priority: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeedsOverview {
    pub query: NeedsQuery,
    pub invalid: Vec<String>,
    pub sectors: Vec<Choice>,
    pub heat: Vec<HeatRow>,
    /// Per sector (same order), the needs named most often.
    pub top: Vec<Vec<TopNeed>>,
    pub total: i64,
    /// The newest needs within the filter.
    pub newest: Vec<NeedCard>,
}

/// The need form with what it chooses from; `hromada_fixed` for a representative.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeedEditor {
    pub id: Option<i64>,
    pub form: NeedForm,
    pub hromada_fixed: bool,
    pub hromada_name: String,
    pub sectors: Vec<Choice>,
    /// Dialogues, then surveys, by the form's `source` values.
    pub sources: Vec<Choice>,
}

pub const NEWEST: i64 = 30;

#[cfg(feature = "ssr")]
pub mod storage {
    use super::*;
    use crate::audit::Actor;
    use crate::common::pick;
    use crate::db::Db;
    use crate::hromadas::index::RegistryIndex;
    use crate::hromadas::types::Kind;
    use crate::sectors::Sector;
    use crate::ui::editor::{check_text, FieldProblem, Problem};
    use crate::{audit, on_db};
    use std::collections::HashMap;

    #[derive(Debug, thiserror::Error)]
    pub enum NeedError {
        #[error("invalid fields")]
        Invalid(Vec<FieldProblem>),
        #[error(transparent)]
        Database(#[from] sqlx::Error),
    }

    impl From<NeedError> for EditError {
        fn from(error: NeedError) -> Self {
            match error {
                NeedError::Invalid(problems) => EditError::Invalid(problems),
                NeedError::Database(error) => EditError::App(error.into()),
            }
        }
    }

    /// The hromada a saved need belongs to.
    pub async fn hromada_of(db: &Db, id: i64) -> Result<Option<String>, sqlx::Error> {
        on_db!(db, read, |pool| sqlx::query_scalar(
            "SELECT hromada_katottg FROM needs WHERE id = $1"
        )
        .bind(id)
        .fetch_optional(pool)
        .await)
    }

    type FormRow = (
        String,
        String,
        String,
        String,
        i64,
        String,
        Option<i64>,
        Option<i64>,
    );

    pub async fn form(db: &Db, id: i64) -> Result<Option<NeedForm>, sqlx::Error> {
        let row: Option<FormRow> = on_db!(db, read, |pool| {
            sqlx::query_as(
                "SELECT n.hromada_katottg, s.slug, n.title, n.description, n.priority, n.status, \
                 n.dialogue_id, n.survey_id FROM needs n JOIN sectors s ON s.id = n.sector_id WHERE n.id = $1",
            )
            .bind(id)
            .fetch_optional(pool)
            .await
        })?;
        Ok(row.map(
            |(hromada, sector, title, description, priority, status, dialogue, survey)| NeedForm {
                hromada,
                sector,
                title,
                description,
                priority: priority.to_string(),
                status,
                source: source_value(dialogue, survey),
            },
        ))
    }

    fn source_value(dialogue: Option<i64>, survey: Option<i64>) -> String {
        match (dialogue, survey) {
            (Some(id), _) => format!("dialogue:{id}"),
            (None, Some(id)) => format!("survey:{id}"),
            (None, None) => String::new(),
        }
    }

    /// The dialogue and the survey (one at most) a form's `source` names, if it exists.
    async fn source_ids(
        db: &Db,
        source: &str,
    ) -> Result<Option<(Option<i64>, Option<i64>)>, sqlx::Error> {
        let found = match source.split_once(':').map(|(kind, id)| (kind, id.parse())) {
            Some(("dialogue", Ok(id))) => crate::analytics::dialogues::storage::exists(db, id)
                .await?
                .then_some((Some(id), None)),
            // Only whether it exists: not its head, which counts its targets and answers.
            Some(("survey", Ok(id))) => crate::analytics::storage::survey_row(db, id)
                .await?
                .map(|_| (None, Some(id))),
            _ => None,
        };
        Ok(found)
    }

    /// Creates (`id` None) or updates a need. The caller has checked who may act for its hromada.
    pub async fn save(
        db: &Db,
        registry: &RegistryIndex,
        actor: &Actor,
        id: Option<i64>,
        form: &NeedForm,
    ) -> Result<i64, NeedError> {
        let mut problems = Vec::new();
        let hromada = registry.hromada(form.hromada.trim());
        if hromada.is_none() {
            let problem = if form.hromada.trim().is_empty() {
                Problem::Required
            } else {
                Problem::Unknown(form.hromada.clone())
            };
            problems.push(FieldProblem::new("hromada", problem));
        }
        let sectors = crate::sectors::storage::all_with_ids(db).await?;
        let (sector_ids, unknown) =
            crate::sectors::storage::ids(&sectors, std::slice::from_ref(&form.sector));
        if form.sector.is_empty() {
            problems.push(FieldProblem::new("sector", Problem::Required));
        } else if let Some(slug) = unknown.into_iter().next() {
            problems.push(FieldProblem::new("sector", Problem::Unknown(slug)));
        }
        check_text(&mut problems, "title", &form.title, true, 200);
        check_text(&mut problems, "description", &form.description, false, 3000);
        let priority = form.priority.trim().parse::<i64>().ok();
        match priority {
            None => problems.push(FieldProblem::new("priority", Problem::Required)),
            Some(p) if p < 1 => {
                problems.push(FieldProblem::new("priority", Problem::Below("1".into())))
            }
            Some(p) if p > 5 => {
                problems.push(FieldProblem::new("priority", Problem::Above("5".into())))
            }
            Some(_) => {}
        }
        let status = if form.status.is_empty() {
            Some(NeedStatus::Identified)
        } else {
            NeedStatus::parse(&form.status)
        };
        if status.is_none() {
            problems.push(FieldProblem::new(
                "status",
                Problem::Unknown(form.status.clone()),
            ));
        }
        let (dialogue, survey) = if form.source.is_empty() {
            (None, None)
        } else if let Some(ids) = source_ids(db, &form.source).await? {
            ids
        } else {
            problems.push(FieldProblem::new(
                "source",
                Problem::Unknown(form.source.clone()),
            ));
            (None, None)
        };
        let (Some(hromada), Some(sector), Some(priority), Some(status), true) = (
            hromada,
            sector_ids.first(),
            priority,
            status,
            problems.is_empty(),
        ) else {
            return Err(NeedError::Invalid(problems));
        };
        let now = crate::audit::now();
        on_db!(db, write, |pool| {
            let mut tx = pool.begin().await?;
            let (sql, last) = match id {
                None => (
                    "INSERT INTO needs (hromada_katottg, oblast_katottg, kind, sector_id, title, description, \
                     priority, status, dialogue_id, survey_id, updated_at, created_at, author_id) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12) RETURNING id",
                    actor.id(),
                ),
                Some(id) => (
                    "UPDATE needs SET hromada_katottg = $1, oblast_katottg = $2, kind = $3, sector_id = $4, \
                     title = $5, description = $6, priority = $7, status = $8, dialogue_id = $9, survey_id = $10, \
                     updated_at = $11 WHERE id = $12 RETURNING id",
                    Some(id),
                ),
            };
            let id: i64 = sqlx::query_scalar(sql)
                .bind(&hromada.katottg)
                .bind(&hromada.oblast_katottg)
                .bind(hromada.kind.as_str())
                .bind(sector)
                .bind(form.title.trim())
                .bind(form.description.trim())
                .bind(priority)
                .bind(status.as_str())
                .bind(dialogue)
                .bind(survey)
                .bind(now)
                .bind(last)
                .fetch_one(&mut *tx)
                .await?;
            let summary = format!(
                "{}: {} ({}, priority {priority})",
                hromada.katottg,
                form.title.trim(),
                status.as_str()
            );
            audit!(&mut *tx, actor, "need", id, "save", summary)?;
            tx.commit().await?;
            Ok(id)
        })
    }

    struct Filter {
        kind: String,
        status: String,
        hromada: String,
    }

    #[derive(sqlx::FromRow)]
    struct CardRow {
        id: i64,
        hromada_katottg: String,
        sector_id: i64,
        title: String,
        description: String,
        priority: i64,
        status: String,
        dialogue_id: Option<i64>,
        survey_id: Option<i64>,
        source_uk: Option<String>,
        source_en: Option<String>,
        updated_at: i64,
    }

    /// Needs as cards, with the title of the dialogue or survey they come from.
    const CARDS: &str =
        "SELECT n.id, n.hromada_katottg, n.sector_id, n.title, n.description, n.priority, \
         n.status, n.dialogue_id, n.survey_id, COALESCE(d.title_uk, s.title_uk) AS source_uk, \
         COALESCE(d.title_en, s.title_en) AS source_en, n.updated_at FROM needs n \
         LEFT JOIN dialogues d ON d.id = n.dialogue_id LEFT JOIN surveys s ON s.id = n.survey_id";

    fn card(
        row: CardRow,
        registry: &RegistryIndex,
        sectors: &[(i64, Sector)],
        lang: Lang,
    ) -> NeedCard {
        let found = registry.hromada(&row.hromada_katottg);
        let path = match (row.dialogue_id, row.survey_id) {
            (Some(id), _) => Some(format!("/analytics/dialogues/{id}")),
            (None, Some(id)) => Some(format!("/analytics/surveys/{id}")),
            (None, None) => None,
        };
        NeedCard {
            id: row.id,
            hromada_name: found.map(|h| h.name_uk.clone()).unwrap_or_default(),
            oblast_name: found
                .map(|h| h.oblast_name(lang).to_string())
                .unwrap_or_default(),
            hromada: row.hromada_katottg,
            sector: sectors
                .iter()
                .find(|(id, _)| *id == row.sector_id)
                .map(|(_, s)| s.name(lang).to_string())
                .unwrap_or_default(),
            title: row.title,
            description: row.description,
            priority: row.priority,
            status: NeedStatus::parse(&row.status).unwrap_or(NeedStatus::Identified),
            source: path.map(|path| NeedSource {
                title: pick(
                    lang,
                    row.source_uk.as_deref().unwrap_or_default(),
                    row.source_en.as_deref().unwrap_or_default(),
                ),
                path,
            }),
            updated_at: crate::clock::kyiv_minutes(row.updated_at),
        }
    }

    /// The needs recorded at a dialogue, the most pressing first.
    pub async fn of_dialogue(
        db: &Db,
        registry: &RegistryIndex,
        sectors: &[(i64, Sector)],
        dialogue: i64,
        lang: Lang,
    ) -> Result<Vec<NeedCard>, sqlx::Error> {
        let sql = format!("{CARDS} WHERE n.dialogue_id = $1 ORDER BY n.priority DESC, n.id");
        let rows: Vec<CardRow> = on_db!(db, read, |pool| sqlx::query_as(&sql)
            .bind(dialogue)
            .fetch_all(pool)
            .await)?;
        Ok(rows
            .into_iter()
            .map(|row| card(row, registry, sectors, lang))
            .collect())
    }

    /// The overview within `query`; unknown filter values are dropped and named in `invalid`.
    pub async fn overview(
        db: &Db,
        registry: &RegistryIndex,
        query: &NeedsQuery,
        lang: Lang,
    ) -> Result<NeedsOverview, sqlx::Error> {
        let mut invalid = Vec::new();
        let mut keep = |field: &str, value: &str, ok: bool| {
            if ok {
                value.to_string()
            } else {
                invalid.push(field.to_string());
                String::new()
            }
        };
        let filter = Filter {
            kind: keep(
                "kind",
                &query.kind,
                query.kind.is_empty() || Kind::parse(&query.kind).is_some(),
            ),
            status: keep(
                "status",
                &query.status,
                query.status.is_empty() || NeedStatus::parse(&query.status).is_some(),
            ),
            hromada: keep(
                "hromada",
                &query.hromada,
                query.hromada.is_empty() || registry.hromada(&query.hromada).is_some(),
            ),
        };
        let sectors = crate::sectors::storage::all_with_ids(db).await?;
        const WHERE: &str = "($1 = '' OR kind = $1) AND ($2 = '' OR status = $2) AND ($3 = '' OR hromada_katottg = $3)";
        let heat_sql = format!(
            "SELECT oblast_katottg, sector_id, COUNT(*), AVG(CAST(priority AS DOUBLE PRECISION)) FROM needs WHERE {WHERE} \
             GROUP BY oblast_katottg, sector_id"
        );
        let top_sql = format!(
            "SELECT sector_id, title, COUNT(*) AS n, AVG(CAST(priority AS DOUBLE PRECISION)) FROM needs WHERE {WHERE} \
             GROUP BY sector_id, title ORDER BY n DESC, title LIMIT 2000"
        );
        let newest_sql =
            format!("{CARDS} WHERE {WHERE} ORDER BY n.updated_at DESC, n.id DESC LIMIT $4");
        // (oblast, sector, count, mean priority) and (sector, title, count, mean priority).
        type Cell = (String, i64, i64, Option<f64>);
        type Top = (i64, String, i64, Option<f64>);
        let (cells, top, newest): (Vec<Cell>, Vec<Top>, Vec<CardRow>) = on_db!(db, read, |pool| {
            let cells = sqlx::query_as(&heat_sql)
                .bind(&filter.kind)
                .bind(&filter.status)
                .bind(&filter.hromada)
                .fetch_all(pool)
                .await?;
            let top = sqlx::query_as(&top_sql)
                .bind(&filter.kind)
                .bind(&filter.status)
                .bind(&filter.hromada)
                .fetch_all(pool)
                .await?;
            let newest = sqlx::query_as(&newest_sql)
                .bind(&filter.kind)
                .bind(&filter.status)
                .bind(&filter.hromada)
                .bind(NEWEST)
                .fetch_all(pool)
                .await?;
            Ok::<_, sqlx::Error>((cells, top, newest))
        })?;
        let column: HashMap<i64, usize> = sectors
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i))
            .collect();
        let mut by_oblast: HashMap<String, Vec<HeatCell>> = HashMap::new();
        let mut total = 0;
        for (oblast, sector, count, mean) in cells {
            let Some(&c) = column.get(&sector) else {
                continue;
            };
            total += count;
            by_oblast.entry(oblast).or_insert_with(|| {
                vec![
                    HeatCell {
                        count: 0,
                        mean_priority: None
                    };
                    sectors.len()
                ]
            })[c] = HeatCell {
                count,
                mean_priority: mean,
            };
        }
        let heat = registry
            .oblasts()
            .iter()
            .filter_map(|o| {
                by_oblast.remove(&o.katottg).map(|cells| HeatRow {
                    oblast: o.katottg.clone(),
                    name: o.name(lang).to_string(),
                    cells,
                })
            })
            .collect();
        let mut tops: Vec<Vec<TopNeed>> = vec![Vec::new(); sectors.len()];
        for (sector, title, count, mean) in top {
            if let Some(list) = column.get(&sector).map(|&c| &mut tops[c]) {
                if list.len() < 5 {
                    list.push(TopNeed {
                        title,
                        count,
                        mean_priority: mean.unwrap_or_default(),
                    });
                }
            }
        }
        let newest = newest
            .into_iter()
            .map(|row| card(row, registry, &sectors, lang))
            .collect();
        Ok(NeedsOverview {
            query: query.clone(),
            invalid,
            sectors: sectors
                .iter()
                .map(|(_, s)| Choice {
                    value: s.slug.clone(),
                    name: s.name(lang).to_string(),
                })
                .collect(),
            heat,
            top: tops,
            total,
            newest,
        })
    }
}

/// The overview, public; shared between viewers until needs change.
#[server(input = Json)]
pub async fn load_needs_overview(query: NeedsQuery, lang: Lang) -> Result<NeedsOverview, AppError> {
    AppError::reply(
        async {
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let key = format!("{}|{lang:?}", query.to_query_string());
            let compute = async {
                Ok::<_, AppError>(storage::overview(&state.db, &registry, &query, lang).await?)
            };
            let overview = state
                .needs_overviews
                .get(&state.live, crate::live::NEEDS_TOPIC, key, compute)
                .await?;
            Ok((*overview).clone())
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
mod access {
    use crate::accounts::types::{Account, Capability};
    use crate::error::AppError;

    /// An analyst acts for any hromada; a representative only for their own.
    pub async fn for_hromada(hromada: &str) -> Result<(Account, bool), AppError> {
        let account = crate::accounts::session::current_account().await?;
        if let Some(account) = account.filter(|a| Capability::RunAnalytics.granted_to(&a.roles)) {
            return Ok((account, true));
        }
        let account =
            crate::accounts::authz::require_for_hromada(Capability::AnswerForHromada, hromada)
                .await?;
        Ok((account, false))
    }
}

/// The need form: a new need (`id` None) or a saved one, for whoever may keep it.
#[server(input = Json)]
pub async fn load_need_editor(id: Option<i64>, lang: Lang) -> Result<NeedEditor, AppError> {
    AppError::reply(
        async {
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let me = crate::accounts::session::current_account().await?;
            let own = me
                .as_ref()
                .and_then(|a| a.hromada_katottg.clone())
                .unwrap_or_default();
            let form = match id {
                Some(id) => storage::form(&state.db, id)
                    .await?
                    .ok_or(AppError::NotFound)?,
                None => NeedForm {
                    hromada: own,
                    priority: "3".into(),
                    status: NeedStatus::Identified.as_str().into(),
                    ..NeedForm::default()
                },
            };
            let (_, analyst) = access::for_hromada(&form.hromada).await?;
            let sectors = crate::sectors::storage::all(&state.db)
                .await?
                .into_iter()
                .map(|s| Choice {
                    name: s.name(lang).to_string(),
                    value: s.slug,
                })
                .collect();
            let dialogues = super::dialogues::storage::list(
                &state.db,
                &registry,
                &super::dialogues::DialogueQuery::default(),
                lang,
            )
            .await?
            .items
            .into_iter()
            .map(|c| Choice {
                value: format!("dialogue:{}", c.id),
                name: format!(
                    "{} — {}, {}",
                    c.title,
                    c.oblast.name,
                    crate::news::texts::format_day(lang, c.held_on)
                ),
            });
            let now = crate::audit::now();
            let surveys = super::storage::list(&state.db, &registry, lang, now, true)
                .await?
                .into_iter()
                .map(|c| Choice {
                    value: format!("survey:{}", c.head.id),
                    name: c.head.title,
                });
            let sources = dialogues.chain(surveys).collect();
            Ok(NeedEditor {
                id,
                hromada_name: registry
                    .hromada(&form.hromada)
                    .map(|h| h.name_uk.clone())
                    .unwrap_or_default(),
                form,
                hromada_fixed: !analyst,
                sectors,
                sources,
            })
        }
        .await,
    )
}

#[server(input = Json)]
pub async fn save_need(id: Option<i64>, form: NeedForm) -> Result<i64, EditError> {
    EditError::reply(
        async {
            let state = crate::state::app_state()?;
            // Both the need's hromada and the one it is given must be the caller's to keep.
            if let Some(id) = id {
                let saved = storage::hromada_of(&state.db, id)
                    .await
                    .map_err(AppError::from)?
                    .ok_or(AppError::NotFound)?;
                access::for_hromada(&saved).await?;
            }
            let (account, _) = access::for_hromada(form.hromada.trim()).await?;
            let registry = state.registry().await?;
            let saved = storage::save(&state.db, &registry, &account.actor(), id, &form).await?;
            state.live.publish(crate::live::NEEDS_TOPIC);
            Ok(saved)
        }
        .await,
    )
}
