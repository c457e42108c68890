//! Surveys in the database: the builder's form, targeting, answer sheets and their saving.
//! Dashboards are computed in `dashboard.rs`.

use super::types::*;
use super::validate::{check_answers, parse_number, show_number};
use crate::audit::Actor;
use crate::common::pick;
use crate::db::Db;
use crate::hromadas::index::RegistryIndex;
use crate::hromadas::types::{Hromada, Kind};
use crate::i18n::Lang;
use crate::ui::editor::{check_text, oblast_codes, FieldProblem, Problem};
use crate::{audit, on_db};
use std::collections::HashMap;

#[derive(Debug, thiserror::Error)]
pub enum SurveyError {
    #[error("invalid fields")]
    Invalid(Vec<FieldProblem>),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Temporarily occupied (Crimea, Sevastopol): no survey can reach their hromadas.
const UNREACHABLE: [&str; 2] = ["UA01000000000013043", "UA85000000000065278"];

/// Whom a survey asks: the hromadas of these oblasts and these kinds (empty: any).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Targeting {
    pub oblasts: Vec<String>,
    pub kinds: Vec<Kind>,
}

impl Targeting {
    pub fn includes(&self, hromada: &Hromada) -> bool {
        !UNREACHABLE.contains(&hromada.oblast_katottg.as_str())
            && (self.oblasts.is_empty() || self.oblasts.contains(&hromada.oblast_katottg))
            && (self.kinds.is_empty() || self.kinds.contains(&hromada.kind))
    }

    pub fn hromadas<'a>(
        &'a self,
        registry: &'a RegistryIndex,
    ) -> impl Iterator<Item = &'a Hromada> {
        registry.all().filter(|h| self.includes(h))
    }

    fn audience(&self, registry: &RegistryIndex, lang: Lang) -> String {
        let t = lang.t();
        let kinds = if self.kinds.is_empty() {
            if lang == Lang::Uk {
                "Усі громади"
            } else {
                "All hromadas"
            }
            .to_string()
        } else {
            self.kinds
                .iter()
                .map(|k| k.plural_label(t))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if self.oblasts.is_empty() {
            return kinds;
        }
        let oblasts = self
            .oblasts
            .iter()
            .filter_map(|code| registry.oblast(code).map(|o| o.name(lang).to_string()))
            .collect::<Vec<_>>()
            .join(", ");
        format!("{kinds} · {oblasts}")
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct SurveyRow {
    pub id: i64,
    title_uk: String,
    title_en: String,
    intro_uk: String,
    intro_en: String,
    sector_id: Option<i64>,
    pub opens_at: i64,
    pub closes_at: i64,
    pub public_results: bool,
}

const SURVEY_COLUMNS: &str =
    "id, title_uk, title_en, intro_uk, intro_en, sector_id, opens_at, closes_at, public_results";

pub(super) async fn survey_row(db: &Db, id: i64) -> Result<Option<SurveyRow>, sqlx::Error> {
    let sql = format!("SELECT {SURVEY_COLUMNS} FROM surveys WHERE id = $1");
    on_db!(db, read, |pool| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await)
}

/// The targeting of every survey (`survey` 0), or of one.
async fn targetings(db: &Db, survey: i64) -> Result<HashMap<i64, Targeting>, sqlx::Error> {
    // (survey, oblast) and (survey, kind) rows.
    type Rows = Vec<(i64, String)>;
    let (oblasts, kinds): (Rows, Rows) = on_db!(db, read, |pool| {
        let oblasts = sqlx::query_as(
            "SELECT survey_id, oblast_katottg FROM survey_target_oblasts \
             WHERE $1 = 0 OR survey_id = $1 ORDER BY oblast_katottg",
        )
        .bind(survey)
        .fetch_all(pool)
        .await?;
        let kinds = sqlx::query_as(
            "SELECT survey_id, kind FROM survey_target_kinds WHERE $1 = 0 OR survey_id = $1",
        )
        .bind(survey)
        .fetch_all(pool)
        .await?;
        Ok::<_, sqlx::Error>((oblasts, kinds))
    })?;
    let mut all: HashMap<i64, Targeting> = HashMap::new();
    for (id, oblast) in oblasts {
        all.entry(id).or_default().oblasts.push(oblast);
    }
    for (id, kind) in kinds {
        if let Some(kind) = Kind::parse(&kind) {
            all.entry(id).or_default().kinds.push(kind);
        }
    }
    for targeting in all.values_mut() {
        targeting.kinds.sort_by_key(|k| *k as u8);
    }
    Ok(all)
}

pub(super) async fn targeting(db: &Db, id: i64) -> Result<Targeting, sqlx::Error> {
    Ok(targetings(db, id).await?.remove(&id).unwrap_or_default())
}

/// Submitted responses per survey (`survey` 0: every survey).
async fn answered_counts(db: &Db, survey: i64) -> Result<HashMap<i64, i64>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = on_db!(db, read, |pool| sqlx::query_as(
        "SELECT survey_id, COUNT(*) FROM survey_responses \
         WHERE ($1 = 0 OR survey_id = $1) AND submitted_at IS NOT NULL GROUP BY survey_id"
    )
    .bind(survey)
    .fetch_all(pool)
    .await)?;
    Ok(rows.into_iter().collect())
}

/// What a survey's head is made of, read once for one survey or for all.
pub(super) struct HeadFacts {
    targetings: HashMap<i64, Targeting>,
    answered: HashMap<i64, i64>,
    sectors: Vec<(i64, crate::sectors::Sector)>,
}

impl HeadFacts {
    /// Of every survey (`survey` 0), or of one.
    pub(super) async fn read(db: &Db, survey: i64) -> Result<Self, sqlx::Error> {
        Ok(HeadFacts {
            targetings: targetings(db, survey).await?,
            answered: answered_counts(db, survey).await?,
            sectors: crate::sectors::storage::all_with_ids(db).await?,
        })
    }

    pub(super) fn targeting(&self, survey: i64) -> Targeting {
        self.targetings.get(&survey).cloned().unwrap_or_default()
    }

    /// The head of a survey, with its response rate.
    pub(super) fn head(
        &self,
        registry: &RegistryIndex,
        row: SurveyRow,
        lang: Lang,
        now: i64,
    ) -> SurveyHead {
        let targeting = self.targeting(row.id);
        SurveyHead {
            id: row.id,
            sector: row
                .sector_id
                .map(|id| crate::sectors::storage::name_of(&self.sectors, id, lang)),
            title: pick(lang, &row.title_uk, &row.title_en),
            intro: pick(lang, &row.intro_uk, &row.intro_en),
            opens_at: crate::clock::kyiv_minutes(row.opens_at),
            closes_at: crate::clock::kyiv_minutes(row.closes_at),
            state: SurveyState::at(row.opens_at, row.closes_at, now),
            public_results: row.public_results,
            targeted: targeting.hromadas(registry).count() as i64,
            answered: self.answered.get(&row.id).copied().unwrap_or(0),
            audience: targeting.audience(registry, lang),
        }
    }
}

pub async fn head(
    db: &Db,
    registry: &RegistryIndex,
    id: i64,
    lang: Lang,
    now: i64,
) -> Result<Option<SurveyHead>, sqlx::Error> {
    match survey_row(db, id).await? {
        Some(row) => Ok(Some(
            HeadFacts::read(db, id)
                .await?
                .head(registry, row, lang, now),
        )),
        None => Ok(None),
    }
}

/// Surveys, newest opening first; upcoming ones only for analysts (`with_upcoming`).
pub async fn list(
    db: &Db,
    registry: &RegistryIndex,
    lang: Lang,
    now: i64,
    with_upcoming: bool,
) -> Result<Vec<SurveyCard>, sqlx::Error> {
    let sql = format!(
        "SELECT {SURVEY_COLUMNS} FROM surveys WHERE $1 OR opens_at <= $2 ORDER BY opens_at DESC, id DESC"
    );
    let rows: Vec<SurveyRow> = on_db!(db, read, |pool| sqlx::query_as(&sql)
        .bind(with_upcoming)
        .bind(now)
        .fetch_all(pool)
        .await)?;
    let counts: Vec<(i64, i64)> = on_db!(db, read, |pool| sqlx::query_as(
        "SELECT survey_id, COUNT(*) FROM survey_questions GROUP BY survey_id"
    )
    .fetch_all(pool)
    .await)?;
    // Every survey's targeting, answers and sector read at once, not once per survey.
    let facts = HeadFacts::read(db, 0).await?;
    Ok(rows
        .into_iter()
        .map(|row| SurveyCard {
            questions: counts
                .iter()
                .find(|(id, _)| *id == row.id)
                .map_or(0, |(_, n)| *n),
            head: facts.head(registry, row, lang, now),
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct QuestionRow {
    id: i64,
    position: i64,
    kind: String,
    required: bool,
    text_uk: String,
    text_en: String,
    help_uk: String,
    help_en: String,
    unit_uk: String,
    unit_en: String,
    min_value: Option<f64>,
    max_value: Option<f64>,
}

#[derive(sqlx::FromRow)]
struct OptionRow {
    id: i64,
    question_id: i64,
    label_uk: String,
    label_en: String,
}

async fn question_rows(
    db: &Db,
    survey: i64,
) -> Result<(Vec<QuestionRow>, Vec<OptionRow>), sqlx::Error> {
    on_db!(db, read, |pool| {
        let questions = sqlx::query_as(
            "SELECT id, position, kind, required, text_uk, text_en, help_uk, help_en, unit_uk, \
             unit_en, min_value, max_value FROM survey_questions WHERE survey_id = $1 ORDER BY position",
        )
        .bind(survey)
        .fetch_all(pool)
        .await?;
        let options = sqlx::query_as(
            "SELECT o.id, o.question_id, o.label_uk, o.label_en FROM survey_options o \
             JOIN survey_questions q ON q.id = o.question_id WHERE q.survey_id = $1 \
             ORDER BY o.question_id, o.position",
        )
        .bind(survey)
        .fetch_all(pool)
        .await?;
        Ok((questions, options))
    })
}

/// A survey's questions, in order, in one language.
pub async fn questions(db: &Db, survey: i64, lang: Lang) -> Result<Vec<Question>, sqlx::Error> {
    let (rows, options) = question_rows(db, survey).await?;
    Ok(rows
        .into_iter()
        .map(|q| Question {
            id: q.id,
            position: q.position,
            kind: QuestionKind::parse(&q.kind).unwrap_or_default(),
            required: q.required,
            text: pick(lang, &q.text_uk, &q.text_en),
            help: pick(lang, &q.help_uk, &q.help_en),
            unit: pick(lang, &q.unit_uk, &q.unit_en),
            min: q.min_value,
            max: q.max_value,
            options: options
                .iter()
                .filter(|o| o.question_id == q.id)
                .map(|o| QuestionOption {
                    id: o.id,
                    label: pick(lang, &o.label_uk, &o.label_en),
                })
                .collect(),
        })
        .collect())
}

async fn has_responses(db: &Db, survey: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = on_db!(db, read, |pool| sqlx::query_scalar(
        "SELECT id FROM survey_responses WHERE survey_id = $1 LIMIT 1"
    )
    .bind(survey)
    .fetch_optional(pool)
    .await)?;
    Ok(found.is_some())
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Lines in their places (an empty line is an option without its English name), without the
/// empty ones at the end.
fn aligned_lines(text: &str) -> Vec<String> {
    let mut all: Vec<String> = text.lines().map(|l| l.trim().to_string()).collect();
    while all.last().is_some_and(String::is_empty) {
        all.pop();
    }
    all
}

/// The builder's form of a saved survey, and whether its questions are locked by answers.
pub async fn form(db: &Db, id: i64) -> Result<Option<(SurveyForm, bool)>, sqlx::Error> {
    let Some(row) = survey_row(db, id).await? else {
        return Ok(None);
    };
    let targeting = targeting(db, id).await?;
    let sectors = crate::sectors::storage::all_with_ids(db).await?;
    let (questions, options) = question_rows(db, id).await?;
    let show = |v: Option<f64>| v.map(|n| show_number(n, false)).unwrap_or_default();
    let form = SurveyForm {
        title_uk: row.title_uk,
        title_en: row.title_en,
        intro_uk: row.intro_uk,
        intro_en: row.intro_en,
        sector: sectors
            .into_iter()
            .find(|(sid, _)| Some(*sid) == row.sector_id)
            .map(|(_, s)| s.slug)
            .unwrap_or_default(),
        opens_at: crate::clock::kyiv_local_string(row.opens_at),
        closes_at: crate::clock::kyiv_local_string(row.closes_at),
        oblasts: targeting.oblasts,
        kinds: targeting
            .kinds
            .iter()
            .map(|k| k.as_str().to_string())
            .collect(),
        public_results: row.public_results,
        questions: questions
            .into_iter()
            .map(|q| {
                let own: Vec<&OptionRow> =
                    options.iter().filter(|o| o.question_id == q.id).collect();
                QuestionForm {
                    kind: QuestionKind::parse(&q.kind).unwrap_or_default(),
                    required: q.required,
                    text_uk: q.text_uk,
                    text_en: q.text_en,
                    help_uk: q.help_uk,
                    help_en: q.help_en,
                    options_uk: own
                        .iter()
                        .map(|o| o.label_uk.as_str())
                        .collect::<Vec<_>>()
                        .join("\n"),
                    options_en: own
                        .iter()
                        .map(|o| o.label_en.as_str())
                        .collect::<Vec<_>>()
                        .join("\n")
                        .trim_end_matches('\n')
                        .to_string(),
                    unit_uk: q.unit_uk,
                    unit_en: q.unit_en,
                    min: show(q.min_value),
                    max: show(q.max_value),
                }
            })
            .collect(),
    };
    Ok(Some((form, has_responses(db, id).await?)))
}

/// A question as it is written: its options (Ukrainian, English) and bounds.
struct CheckedQuestion<'a> {
    form: &'a QuestionForm,
    options: Vec<(String, String)>,
    min: Option<f64>,
    max: Option<f64>,
}

struct CheckedSurvey<'a> {
    sector_id: Option<i64>,
    opens_at: i64,
    closes_at: i64,
    oblasts: Vec<String>,
    kinds: Vec<Kind>,
    questions: Vec<CheckedQuestion<'a>>,
}

fn check_survey<'a>(
    form: &'a SurveyForm,
    registry: &RegistryIndex,
    sectors: &[(i64, crate::sectors::Sector)],
) -> Result<CheckedSurvey<'a>, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    check_text(&mut problems, "title_uk", &form.title_uk, true, 200);
    check_text(&mut problems, "title_en", &form.title_en, false, 200);
    check_text(&mut problems, "intro_uk", &form.intro_uk, false, 3000);
    check_text(&mut problems, "intro_en", &form.intro_en, false, 3000);
    let sector_id = if form.sector.is_empty() {
        None
    } else {
        let (ids, unknown) =
            crate::sectors::storage::ids(sectors, std::slice::from_ref(&form.sector));
        for slug in unknown {
            problems.push(FieldProblem::new("sector", Problem::Unknown(slug)));
        }
        ids.first().copied()
    };
    let mut time = |field: &str, value: &str| {
        let parsed = crate::clock::kyiv_local_time(value);
        if parsed.is_none() {
            problems.push(FieldProblem::new(field, Problem::NotATime));
        }
        parsed.unwrap_or_default()
    };
    let opens_at = time("opens_at", &form.opens_at);
    let closes_at = time("closes_at", &form.closes_at);
    if opens_at > 0 && closes_at > 0 && closes_at <= opens_at {
        problems.push(FieldProblem::new("closes_at", Problem::EndsBeforeStart));
    }
    let oblasts = oblast_codes(registry, &form.oblasts, "oblasts", &mut problems);
    let mut kinds = Vec::new();
    for kind in &form.kinds {
        match Kind::parse(kind) {
            Some(k) if !kinds.contains(&k) => kinds.push(k),
            Some(_) => {}
            None => problems.push(FieldProblem::new("kinds", Problem::Unknown(kind.clone()))),
        }
    }
    if form.questions.is_empty() {
        problems.push(FieldProblem::new("questions", Problem::Required));
    }
    let mut questions = Vec::new();
    for (i, q) in form.questions.iter().enumerate() {
        let field = |name: &str| format!("questions.{i}.{name}");
        check_text(&mut problems, &field("text_uk"), &q.text_uk, true, 500);
        check_text(&mut problems, &field("text_en"), &q.text_en, false, 500);
        check_text(&mut problems, &field("help_uk"), &q.help_uk, false, 1000);
        check_text(&mut problems, &field("help_en"), &q.help_en, false, 1000);
        let mut options = Vec::new();
        if q.kind.has_options() {
            let uk = lines(&q.options_uk);
            let en = aligned_lines(&q.options_en);
            if uk.len() < 2 {
                problems.push(FieldProblem::new(
                    field("options_uk"),
                    Problem::TooFewOptions,
                ));
            }
            if let Some(long) = uk.iter().chain(&en).find(|o| o.chars().count() > 200) {
                let _ = long;
                problems.push(FieldProblem::new(
                    field("options_uk"),
                    Problem::TooLong(200),
                ));
            }
            if let Some(extra) = en.get(uk.len()) {
                problems.push(FieldProblem::new(
                    field("options_en"),
                    Problem::Unknown(extra.clone()),
                ));
            }
            options = uk
                .into_iter()
                .enumerate()
                .map(|(n, label)| (label, en.get(n).cloned().unwrap_or_default()))
                .collect();
        }
        let (mut min, mut max) = (None, None);
        if q.kind == QuestionKind::Number {
            check_text(&mut problems, &field("unit_uk"), &q.unit_uk, false, 40);
            check_text(&mut problems, &field("unit_en"), &q.unit_en, false, 40);
            let mut bound = |name: &str, value: &str| {
                if value.trim().is_empty() {
                    return None;
                }
                let n = parse_number(value);
                if n.is_none() {
                    problems.push(FieldProblem::new(field(name), Problem::NotANumber));
                }
                n
            };
            min = bound("min", &q.min);
            max = bound("max", &q.max);
            if let (Some(low), Some(high)) = (min, max) {
                if high < low {
                    problems.push(FieldProblem::new(
                        field("max"),
                        Problem::Below(show_number(low, true)),
                    ));
                }
            }
        }
        questions.push(CheckedQuestion {
            form: q,
            options,
            min,
            max,
        });
    }
    if problems.is_empty() {
        Ok(CheckedSurvey {
            sector_id,
            opens_at,
            closes_at,
            oblasts,
            kinds,
            questions,
        })
    } else {
        Err(problems)
    }
}

/// Creates (`id` None) or updates a survey. Once answers exist its questions keep their kind,
/// options and number; their texts may still change.
pub async fn save(
    db: &Db,
    registry: &RegistryIndex,
    actor: &Actor,
    id: Option<i64>,
    form: &SurveyForm,
) -> Result<i64, SurveyError> {
    let sectors = crate::sectors::storage::all_with_ids(db).await?;
    let checked = check_survey(form, registry, &sectors).map_err(SurveyError::Invalid)?;
    let locked = match id {
        Some(id) => {
            if survey_row(db, id).await?.is_none() {
                return Err(SurveyError::Database(sqlx::Error::RowNotFound));
            }
            if has_responses(db, id).await? {
                let (saved, options) = question_rows(db, id).await?;
                let same = saved.len() == checked.questions.len()
                    && saved.iter().zip(&checked.questions).all(|(s, c)| {
                        s.kind == c.form.kind.as_str()
                            && options.iter().filter(|o| o.question_id == s.id).count()
                                == c.options.len()
                    });
                if !same {
                    return Err(SurveyError::Invalid(vec![FieldProblem::new(
                        "questions",
                        Problem::Locked,
                    )]));
                }
                Some(saved)
            } else {
                None
            }
        }
        None => None,
    };
    let now = crate::audit::now();
    on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        // The ninth parameter is the author of a new survey, or the id of the one updated.
        let (sql, ninth) = match id {
            None => (
                "INSERT INTO surveys (title_uk, title_en, intro_uk, intro_en, sector_id, opens_at, \
                 closes_at, public_results, author_id, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
                actor.id(),
            ),
            Some(id) => (
                "UPDATE surveys SET title_uk = $1, title_en = $2, intro_uk = $3, intro_en = $4, \
                 sector_id = $5, opens_at = $6, closes_at = $7, public_results = $8, updated_at = $10 \
                 WHERE id = $9 RETURNING id",
                Some(id),
            ),
        };
        let id: i64 = sqlx::query_scalar(sql)
            .bind(form.title_uk.trim())
            .bind(form.title_en.trim())
            .bind(form.intro_uk.trim())
            .bind(form.intro_en.trim())
            .bind(checked.sector_id)
            .bind(checked.opens_at)
            .bind(checked.closes_at)
            .bind(form.public_results)
            .bind(ninth)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM survey_target_oblasts WHERE survey_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM survey_target_kinds WHERE survey_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for oblast in &checked.oblasts {
            sqlx::query(
                "INSERT INTO survey_target_oblasts (survey_id, oblast_katottg) VALUES ($1, $2)",
            )
            .bind(id)
            .bind(oblast)
            .execute(&mut *tx)
            .await?;
        }
        for kind in &checked.kinds {
            sqlx::query("INSERT INTO survey_target_kinds (survey_id, kind) VALUES ($1, $2)")
                .bind(id)
                .bind(kind.as_str())
                .execute(&mut *tx)
                .await?;
        }
        if locked.is_none() {
            sqlx::query("DELETE FROM survey_questions WHERE survey_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        for (position, q) in checked.questions.iter().enumerate() {
            let f = q.form;
            let question_id: i64 = match &locked {
                None => sqlx::query_scalar(
                    "INSERT INTO survey_questions (survey_id, position, kind, required, text_uk, \
                     text_en, help_uk, help_en, unit_uk, unit_en, min_value, max_value) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
                ),
                Some(_) => sqlx::query_scalar(
                    "UPDATE survey_questions SET required = $4, text_uk = $5, text_en = $6, \
                     help_uk = $7, help_en = $8, unit_uk = $9, unit_en = $10, min_value = $11, \
                     max_value = $12 WHERE survey_id = $1 AND position = $2 AND kind = $3 RETURNING id",
                ),
            }
            .bind(id)
            .bind(position as i64)
            .bind(f.kind.as_str())
            .bind(f.required)
            .bind(f.text_uk.trim())
            .bind(f.text_en.trim())
            .bind(f.help_uk.trim())
            .bind(f.help_en.trim())
            .bind(f.unit_uk.trim())
            .bind(f.unit_en.trim())
            .bind(q.min)
            .bind(q.max)
            .fetch_one(&mut *tx)
            .await?;
            for (n, (uk, en)) in q.options.iter().enumerate() {
                let sql = if locked.is_none() {
                    "INSERT INTO survey_options (question_id, position, label_uk, label_en) VALUES ($1, $2, $3, $4)"
                } else {
                    "UPDATE survey_options SET label_uk = $3, label_en = $4 WHERE question_id = $1 AND position = $2"
                };
                sqlx::query(sql)
                    .bind(question_id)
                    .bind(n as i64)
                    .bind(uk)
                    .bind(en)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        let summary = format!(
            "{} ({} questions)",
            form.title_uk.trim(),
            checked.questions.len()
        );
        audit!(&mut *tx, actor, "survey", id, "save", summary)?;
        tx.commit().await?;
        Ok(id)
    })
}

/// A stored answer: question, option, number, text.
type AnswerRow = (i64, Option<i64>, Option<f64>, Option<String>);

/// The hromada's answer sheet, or None when the survey does not exist or does not ask it.
pub async fn sheet(
    db: &Db,
    registry: &RegistryIndex,
    survey: i64,
    hromada: &str,
    lang: Lang,
    now: i64,
) -> Result<Option<AnswerSheet>, sqlx::Error> {
    let Some(row) = survey_row(db, survey).await? else {
        return Ok(None);
    };
    let Some(found) = registry.hromada(hromada) else {
        return Ok(None);
    };
    let facts = HeadFacts::read(db, survey).await?;
    if !facts.targeting(survey).includes(found) {
        return Ok(None);
    }
    let hromada_name = found.name_uk.clone();
    let head = facts.head(registry, row, lang, now);
    let questions = questions(db, survey, lang).await?;
    let response: Option<(i64, Option<i64>, i64)> = on_db!(db, read, |pool| {
        sqlx::query_as(
        "SELECT id, submitted_at, updated_at FROM survey_responses WHERE survey_id = $1 AND hromada_katottg = $2"
    )
    .bind(survey)
    .bind(hromada)
    .fetch_optional(pool)
    .await
    })?;
    let mut saved = AnswerForm::default();
    if let Some((response, _, _)) = response {
        let rows: Vec<AnswerRow> = on_db!(db, read, |pool| {
            sqlx::query_as(
            "SELECT question_id, option_id, number_value, text_value FROM survey_answers WHERE response_id = $1"
        )
        .bind(response)
        .fetch_all(pool)
        .await
        })?;
        for (question, option, number, text) in rows {
            let entry = saved.entry(question);
            if let Some(option) = option {
                entry.choices.push(option);
            }
            if let Some(number) = number {
                entry.value = show_number(number, lang == Lang::Uk);
            }
            if let Some(text) = text {
                entry.value = text;
            }
        }
    }
    Ok(Some(AnswerSheet {
        survey: head,
        hromada: hromada.to_string(),
        hromada_name,
        questions,
        saved,
        submitted_at: response
            .and_then(|(_, s, _)| s)
            .map(crate::clock::kyiv_minutes),
        saved_at: response.map(|(_, _, u)| crate::clock::kyiv_minutes(u)),
    }))
}

/// Saves a hromada's answers: as progress, or as its submission (`submit`), after which every
/// change must keep the required answers. A survey that has not opened or has closed refuses,
/// and what was saved before stays. Whether dashboards change is in `submitted`.
#[allow(clippy::too_many_arguments)]
pub async fn save_answers(
    db: &Db,
    registry: &RegistryIndex,
    actor: &Actor,
    survey: i64,
    hromada: &str,
    form: &AnswerForm,
    submit: bool,
    lang: Lang,
    now: i64,
) -> Result<SavedAnswers, SurveyError> {
    let row = survey_row(db, survey)
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    let found = registry.hromada(hromada).ok_or(sqlx::Error::RowNotFound)?;
    if !targeting(db, survey).await?.includes(found) {
        return Err(SurveyError::Database(sqlx::Error::RowNotFound));
    }
    match SurveyState::at(row.opens_at, row.closes_at, now) {
        SurveyState::Upcoming => {
            return Err(SurveyError::Invalid(vec![FieldProblem::new(
                "form",
                Problem::NotOpen,
            )]))
        }
        SurveyState::Closed => {
            return Err(SurveyError::Invalid(vec![FieldProblem::new(
                "form",
                Problem::Closed,
            )]))
        }
        SurveyState::Open => {}
    }
    let was_submitted: Option<Option<i64>> = on_db!(db, read, |pool| {
        sqlx::query_scalar(
        "SELECT submitted_at FROM survey_responses WHERE survey_id = $1 AND hromada_katottg = $2"
    )
    .bind(survey)
    .bind(hromada)
    .fetch_optional(pool)
    .await
    })?;
    let submitting = submit || was_submitted.flatten().is_some();
    let questions = questions(db, survey, lang).await?;
    let stored = check_answers(&questions, form, submitting, lang == Lang::Uk)
        .map_err(SurveyError::Invalid)?;
    let submitted_at = submitting.then_some(now);
    on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        // One response per hromada: concurrent saves for it meet in this row.
        let response: i64 = sqlx::query_scalar(
            "INSERT INTO survey_responses (survey_id, hromada_katottg, oblast_katottg, kind, population, \
             submitted_at, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (survey_id, hromada_katottg) DO UPDATE SET updated_at = excluded.updated_at, \
             updated_by = excluded.updated_by, \
             submitted_at = COALESCE(survey_responses.submitted_at, excluded.submitted_at) RETURNING id",
        )
        .bind(survey)
        .bind(hromada)
        .bind(&found.oblast_katottg)
        .bind(found.kind.as_str())
        .bind(found.population)
        .bind(submitted_at)
        .bind(now)
        .bind(actor.id())
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM survey_answers WHERE response_id = $1")
            .bind(response)
            .execute(&mut *tx)
            .await?;
        for answer in &stored {
            sqlx::query(
                "INSERT INTO survey_answers (survey_id, response_id, question_id, option_id, number_value, text_value) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(survey)
            .bind(response)
            .bind(answer.question)
            .bind(answer.option)
            .bind(answer.number)
            .bind(answer.text.as_deref())
            .execute(&mut *tx)
            .await?;
        }
        let action = if submitting {
            "submit"
        } else {
            "save_progress"
        };
        let summary = format!(
            "survey {survey}, hromada {hromada}, {} answers",
            stored.len()
        );
        audit!(
            &mut *tx,
            actor,
            "survey_response",
            response,
            action,
            summary
        )?;
        tx.commit().await?;
        Ok::<_, SurveyError>(())
    })?;
    Ok(SavedAnswers {
        submitted: submitting,
        saved_at: crate::clock::kyiv_minutes(now),
    })
}
