//! Calls and applications in the database. What each role may change follows the call's phase,
//! checked here in the same transaction as the change.

use super::eligibility::{self, Members};
use super::types::*;
use crate::accounts::types::Account;
use crate::audit::Actor;
use crate::common::{parse_number, pick, Choice, HromadaLink};
use crate::db::Db;
use crate::hromadas::index::RegistryIndex;
use crate::i18n::Lang;
use crate::ui::editor::{check_text, hromada_codes, EditError, FieldProblem, Problem};
use crate::{audit, on_db};

#[derive(Debug, thiserror::Error)]
pub enum PartnershipError {
    #[error("invalid fields")]
    Invalid(Vec<FieldProblem>),
    #[error("refused: {0:?}")]
    Refused(Refusal),
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl From<PartnershipError> for EditError {
    fn from(error: PartnershipError) -> Self {
        match error {
            PartnershipError::Invalid(problems) => EditError::Invalid(problems),
            PartnershipError::Refused(refusal) => EditError::Refused {
                uk: refusal.text(Lang::Uk).into(),
                en: refusal.text(Lang::En).into(),
            },
            PartnershipError::NotFound => EditError::App(crate::error::AppError::NotFound),
            PartnershipError::Database(error) => EditError::App(error.into()),
        }
    }
}

/// For pages that load: loading validates and refuses nothing, so only a missing item or the
/// database can fail it.
impl From<PartnershipError> for crate::error::AppError {
    fn from(error: PartnershipError) -> Self {
        match error {
            PartnershipError::NotFound => crate::error::AppError::NotFound,
            PartnershipError::Database(error) => error.into(),
            other => crate::error::AppError::internal(format!("{other:?}")),
        }
    }
}

type Result<T> = std::result::Result<T, PartnershipError>;

const TITLE_MAX: usize = 300;
const SUMMARY_MAX: usize = 3000;
const TEXT_MAX: usize = 20_000;
const DESCRIPTION_MAX: usize = 100_000;
const CRITERIA_MAX: usize = 20;
const LINES_MAX: usize = 100;
const PARTNERS_MAX: usize = 30;
/// Amounts in whole hryvnias up to a trillion: larger is a typing error.
const AMOUNT_MAX: i64 = 1_000_000_000_000;

/// A whole number typed in `value`, within `min..=max`, else its problem at `field`.
fn whole(
    problems: &mut Vec<FieldProblem>,
    field: &str,
    value: &str,
    min: i64,
    max: i64,
    required: bool,
) -> Option<i64> {
    if value.trim().is_empty() {
        if required {
            problems.push(FieldProblem::new(field, Problem::Required));
        }
        return None;
    }
    match parse_number(value) {
        Some(n) if n.fract() != 0.0 => {
            problems.push(FieldProblem::new(field, Problem::NotANumber));
            None
        }
        Some(n) if n < min as f64 => {
            problems.push(FieldProblem::new(field, Problem::Below(min.to_string())));
            None
        }
        Some(n) if n > max as f64 => {
            problems.push(FieldProblem::new(field, Problem::Above(max.to_string())));
            None
        }
        Some(n) => Some(n as i64),
        None => {
            problems.push(FieldProblem::new(field, Problem::NotANumber));
            None
        }
    }
}

/// A number typed in `value` within `0..=max`, else its problem at `field`; empty is none.
fn decimal(problems: &mut Vec<FieldProblem>, field: &str, value: &str, max: f64) -> Option<f64> {
    if value.trim().is_empty() {
        return None;
    }
    let problem = match parse_number(value) {
        None => Problem::NotANumber,
        Some(n) if n < 0.0 => Problem::Below("0".into()),
        Some(n) if n > max => Problem::Above(crate::common::show_number(max, true)),
        Some(n) => return Some(n),
    };
    problems.push(FieldProblem::new(field, problem));
    None
}

/// What a valid call form gives, by id.
struct CheckedCall {
    opens_at: i64,
    closes_at: i64,
    budget: i64,
    max_grant: i64,
    min_cofinancing: i64,
    winners: i64,
    rules: Rules,
    initiative: Option<i64>,
    sectors: Vec<i64>,
    criteria: Vec<(i64, i64, Option<f64>)>,
    evaluators: Vec<i64>,
    pass_total: Option<f64>,
}

async fn check_call(db: &Db, form: &CallForm) -> Result<CheckedCall> {
    let mut problems = Vec::new();
    check_text(&mut problems, "title_uk", &form.title_uk, true, TITLE_MAX);
    check_text(&mut problems, "title_en", &form.title_en, false, TITLE_MAX);
    check_text(
        &mut problems,
        "description_uk",
        &form.description_uk,
        true,
        DESCRIPTION_MAX,
    );
    check_text(
        &mut problems,
        "description_en",
        &form.description_en,
        false,
        DESCRIPTION_MAX,
    );
    let time = |problems: &mut Vec<FieldProblem>, field: &str, value: &str| {
        if value.trim().is_empty() {
            problems.push(FieldProblem::new(field, Problem::Required));
            None
        } else {
            let parsed = crate::clock::kyiv_local_time(value);
            if parsed.is_none() {
                problems.push(FieldProblem::new(field, Problem::NotATime));
            }
            parsed
        }
    };
    let opens_at = time(&mut problems, "opens_at", &form.opens_at);
    let closes_at = time(&mut problems, "closes_at", &form.closes_at);
    if let (Some(opens), Some(closes)) = (opens_at, closes_at) {
        if closes <= opens {
            problems.push(FieldProblem::new("closes_at", Problem::EndsBeforeStart));
        }
    }
    let budget = whole(&mut problems, "budget", &form.budget, 1, AMOUNT_MAX, true);
    let max_grant = whole(
        &mut problems,
        "max_grant",
        &form.max_grant,
        1,
        AMOUNT_MAX,
        true,
    );
    if let (Some(budget), Some(grant)) = (budget, max_grant) {
        if grant > budget {
            problems.push(FieldProblem::new(
                "max_grant",
                Problem::Above(budget.to_string()),
            ));
        }
    }
    let min_cofinancing = whole(
        &mut problems,
        "min_cofinancing",
        &form.min_cofinancing,
        0,
        99,
        true,
    );
    let winners = whole(&mut problems, "winners", &form.winners, 1, 1000, true);
    let geography = Geography::parse(&form.geography);
    if geography.is_none() {
        problems.push(FieldProblem::new("geography", Problem::Required));
    }
    let members_min = whole(&mut problems, "members_min", &form.members_min, 2, 50, true);
    let members_max = whole(&mut problems, "members_max", &form.members_max, 2, 50, true);
    if let (Some(min), Some(max)) = (members_min, members_max) {
        if max < min {
            problems.push(FieldProblem::new(
                "members_max",
                Problem::Below(min.to_string()),
            ));
        }
    }
    let population_min = whole(
        &mut problems,
        "population_min",
        &form.population_min,
        0,
        10_000_000,
        false,
    );
    let population_max = whole(
        &mut problems,
        "population_max",
        &form.population_max,
        1,
        10_000_000,
        false,
    );
    if let (Some(min), Some(max)) = (population_min, population_max) {
        if max < min {
            problems.push(FieldProblem::new(
                "population_max",
                Problem::Below(min.to_string()),
            ));
        }
    }
    let pass_total = decimal(&mut problems, "pass_total", &form.pass_total, 100.0);
    if form.criteria.is_empty() {
        problems.push(FieldProblem::new("criteria", Problem::Required));
    }
    if form.criteria.len() > CRITERIA_MAX {
        problems.push(FieldProblem::new(
            "criteria",
            Problem::Above(CRITERIA_MAX.to_string()),
        ));
    }
    let mut criteria = Vec::new();
    for (i, criterion) in form.criteria.iter().enumerate().take(CRITERIA_MAX) {
        let field = |name: &str| format!("criteria.{i}.{name}");
        check_text(
            &mut problems,
            &field("name_uk"),
            &criterion.name_uk,
            true,
            TITLE_MAX,
        );
        check_text(
            &mut problems,
            &field("name_en"),
            &criterion.name_en,
            false,
            TITLE_MAX,
        );
        check_text(
            &mut problems,
            &field("description_uk"),
            &criterion.description_uk,
            false,
            SUMMARY_MAX,
        );
        let weight = whole(
            &mut problems,
            &field("weight"),
            &criterion.weight,
            1,
            100,
            true,
        );
        let max_score = whole(
            &mut problems,
            &field("max_score"),
            &criterion.max_score,
            1,
            100,
            true,
        );
        let threshold = decimal(
            &mut problems,
            &field("threshold"),
            &criterion.threshold,
            max_score.unwrap_or(100) as f64,
        );
        if let (Some(weight), Some(max_score)) = (weight, max_score) {
            criteria.push((weight, max_score, threshold));
        }
    }
    let sector_ids = sector_ids(db, &form.sectors, &mut problems).await?;
    let initiative = if form.initiative.trim().is_empty() {
        None
    } else {
        let id: Option<i64> = on_db!(db, read, |pool| sqlx::query_scalar(
            "SELECT id FROM initiatives WHERE slug = $1 AND published"
        )
        .bind(form.initiative.trim())
        .fetch_optional(pool)
        .await)?;
        if id.is_none() {
            problems.push(FieldProblem::new(
                "initiative",
                Problem::Unknown(form.initiative.clone()),
            ));
        }
        id
    };
    let known_evaluators = evaluator_accounts(db).await?;
    let mut evaluators = Vec::new();
    for value in &form.evaluators {
        match value
            .parse::<i64>()
            .ok()
            .filter(|id| known_evaluators.iter().any(|(e, _)| e == id))
        {
            Some(id) if !evaluators.contains(&id) => evaluators.push(id),
            Some(_) => {}
            None => problems.push(FieldProblem::new(
                "evaluators",
                Problem::Unknown(value.clone()),
            )),
        }
    }
    if !problems.is_empty() {
        return Err(PartnershipError::Invalid(problems));
    }
    let flag = |name: &str| form.rules.iter().any(|r| r == name);
    Ok(CheckedCall {
        opens_at: opens_at.unwrap_or_default(),
        closes_at: closes_at.unwrap_or_default(),
        budget: budget.unwrap_or_default(),
        max_grant: max_grant.unwrap_or_default(),
        min_cofinancing: min_cofinancing.unwrap_or_default(),
        winners: winners.unwrap_or_default(),
        rules: Rules {
            mixed_kinds: flag(RULE_MIXED_KINDS),
            geography: geography.unwrap_or(Geography::Anywhere),
            members_min: members_min.unwrap_or_default(),
            members_max: members_max.unwrap_or_default(),
            population_min,
            population_max,
            one_application: flag(RULE_ONE_APPLICATION),
        },
        initiative,
        sectors: sector_ids,
        criteria,
        evaluators,
        pass_total,
    })
}

/// Accounts holding the evaluator role, by name.
async fn evaluator_accounts(db: &Db) -> std::result::Result<Vec<(i64, String)>, sqlx::Error> {
    on_db!(db, read, |pool| sqlx::query_as(
        "SELECT a.id, a.display_name FROM accounts a JOIN account_roles r ON r.account_id = a.id \
         WHERE r.role = 'evaluator' AND NOT a.disabled ORDER BY a.display_name, a.id"
    )
    .fetch_all(pool)
    .await)
}

#[derive(sqlx::FromRow)]
struct CallRow {
    id: i64,
    title_uk: String,
    title_en: String,
    description_uk: String,
    description_en: String,
    description_html_uk: String,
    description_html_en: String,
    initiative_id: Option<i64>,
    opens_at: i64,
    closes_at: i64,
    budget_uah: i64,
    max_grant_uah: i64,
    min_cofinancing_percent: i64,
    winners: i64,
    phase: String,
    rule_mixed_kinds: bool,
    rule_geography: String,
    members_min: i64,
    members_max: i64,
    population_min: Option<i64>,
    population_max: Option<i64>,
    rule_one_application: bool,
    pass_total: Option<f64>,
}

impl CallRow {
    /// The phase as it reads now: an open call past its closing time is closed.
    fn phase(&self, now: i64) -> Phase {
        match Phase::parse(&self.phase).unwrap_or(Phase::Draft) {
            Phase::Open if now >= self.closes_at => Phase::Closed,
            phase => phase,
        }
    }

    fn accepting(&self, now: i64) -> bool {
        self.phase(now) == Phase::Open && now >= self.opens_at
    }

    fn rules(&self) -> Rules {
        Rules {
            mixed_kinds: self.rule_mixed_kinds,
            geography: Geography::parse(&self.rule_geography).unwrap_or(Geography::Anywhere),
            members_min: self.members_min,
            members_max: self.members_max,
            population_min: self.population_min,
            population_max: self.population_max,
            one_application: self.rule_one_application,
        }
    }
}

const CALL_COLUMNS: &str = "id, title_uk, title_en, description_uk, description_en, \
    description_html_uk, description_html_en, initiative_id, opens_at, closes_at, budget_uah, \
    max_grant_uah, min_cofinancing_percent, winners, phase, rule_mixed_kinds, rule_geography, \
    members_min, members_max, population_min, population_max, rule_one_application, pass_total";

/// The call `$id` read through `$executor` (a pool or a transaction), in either dialect.
macro_rules! call_row {
    ($executor:expr, $id:expr) => {
        sqlx::query_as::<_, CallRow>(&format!("SELECT {CALL_COLUMNS} FROM calls WHERE id = $1"))
            .bind($id)
            .fetch_optional($executor)
            .await
    };
}

/// Takes `$hromada`'s one place in the call `$call` for `$application` within the transaction
/// `$tx`, or refuses when another application holds it: the primary key decides between racing
/// confirmations.
macro_rules! take_part {
    ($tx:expr, $call:expr, $hromada:expr, $application:expr) => {{
        let taken = sqlx::query(
            "INSERT INTO call_participations (call_id, katottg, application_id) VALUES ($1, $2, $3) \
             ON CONFLICT (call_id, katottg) DO NOTHING",
        )
        .bind($call)
        .bind($hromada)
        .bind($application)
        .execute(&mut *$tx)
        .await?;
        if taken.rows_affected() == 0 {
            let holder: Option<i64> = sqlx::query_scalar(
                "SELECT application_id FROM call_participations WHERE call_id = $1 AND katottg = $2",
            )
            .bind($call)
            .bind($hromada)
            .fetch_optional(&mut *$tx)
            .await?;
            if holder != Some($application) {
                return Err(PartnershipError::Refused(Refusal::InAnotherApplication));
            }
        }
    }};
}

/// A call's criteria in order: names (uk, en), description, weight, top score, threshold.
type CriterionRow = (String, String, String, i64, i64, Option<f64>);

async fn criteria_of(db: &Db, call: i64) -> std::result::Result<Vec<CriterionRow>, sqlx::Error> {
    on_db!(db, read, |pool| sqlx::query_as(
        "SELECT name_uk, name_en, description_uk, weight, max_score, threshold FROM call_criteria \
         WHERE call_id = $1 ORDER BY position"
    )
    .bind(call)
    .fetch_all(pool)
    .await)
}

/// A call's sectors in their order: slug and names (uk, en).
async fn sectors_of(
    db: &Db,
    call: i64,
) -> std::result::Result<Vec<(String, String, String)>, sqlx::Error> {
    on_db!(db, read, |pool| {
        sqlx::query_as(
        "SELECT s.slug, s.name_uk, s.name_en FROM call_sectors c JOIN sectors s ON s.id = c.sector_id \
         WHERE c.call_id = $1 ORDER BY s.position, s.id"
    )
    .bind(call)
    .fetch_all(pool)
    .await
    })
}

/// The ids of the sectors `slugs` name, each once; an unknown one is reported at `sectors`.
async fn sector_ids(
    db: &Db,
    slugs: &[String],
    problems: &mut Vec<FieldProblem>,
) -> std::result::Result<Vec<i64>, sqlx::Error> {
    let sectors = crate::sectors::storage::all_with_ids(db).await?;
    let mut ids = Vec::new();
    for slug in slugs {
        match sectors.iter().find(|(_, s)| &s.slug == slug) {
            Some((id, _)) if !ids.contains(id) => ids.push(*id),
            Some(_) => {}
            None => problems.push(FieldProblem::new("sectors", Problem::Unknown(slug.clone()))),
        }
    }
    Ok(ids)
}

async fn read_call(db: &Db, id: i64) -> std::result::Result<Option<CallRow>, sqlx::Error> {
    on_db!(db, read, |pool| call_row!(pool, id))
}

/// Saves a call (a new one with `id` None). Calls change while they are drafts or open; their
/// rules are what applications are checked against.
pub async fn save_call(db: &Db, actor: &Actor, id: Option<i64>, form: &CallForm) -> Result<i64> {
    let checked = check_call(db, form).await?;
    let now = crate::audit::now();
    if let Some(id) = id {
        let row = read_call(db, id).await?.ok_or(PartnershipError::NotFound)?;
        if !matches!(row.phase(now), Phase::Draft | Phase::Open) {
            return Err(PartnershipError::Refused(Refusal::WrongPhase));
        }
    }
    let saved = on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        let (sql, last) = match id {
            None => (
                "INSERT INTO calls (title_uk, title_en, description_uk, description_en, \
                 description_html_uk, description_html_en, initiative_id, opens_at, closes_at, \
                 budget_uah, max_grant_uah, min_cofinancing_percent, winners, rule_mixed_kinds, \
                 rule_geography, members_min, members_max, population_min, population_max, \
                 rule_one_application, updated_at, created_at, author_id, pass_total) VALUES ($1, $2, \
                 $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, \
                 $21, $21, $22, $23) RETURNING id",
                actor.id(),
            ),
            Some(id) => (
                "UPDATE calls SET title_uk = $1, title_en = $2, description_uk = $3, \
                 description_en = $4, description_html_uk = $5, description_html_en = $6, \
                 initiative_id = $7, opens_at = $8, closes_at = $9, budget_uah = $10, \
                 max_grant_uah = $11, min_cofinancing_percent = $12, winners = $13, \
                 rule_mixed_kinds = $14, rule_geography = $15, members_min = $16, members_max = $17, \
                 population_min = $18, population_max = $19, rule_one_application = $20, \
                 updated_at = $21, pass_total = $23 WHERE id = $22 RETURNING id",
                Some(id),
            ),
        };
        let id: i64 = sqlx::query_scalar(sql)
            .bind(form.title_uk.trim())
            .bind(form.title_en.trim())
            .bind(&form.description_uk)
            .bind(&form.description_en)
            .bind(crate::markdown::to_safe_html(&form.description_uk))
            .bind(crate::markdown::to_safe_html(&form.description_en))
            .bind(checked.initiative)
            .bind(checked.opens_at)
            .bind(checked.closes_at)
            .bind(checked.budget)
            .bind(checked.max_grant)
            .bind(checked.min_cofinancing)
            .bind(checked.winners)
            .bind(checked.rules.mixed_kinds)
            .bind(checked.rules.geography.as_str())
            .bind(checked.rules.members_min)
            .bind(checked.rules.members_max)
            .bind(checked.rules.population_min)
            .bind(checked.rules.population_max)
            .bind(checked.rules.one_application)
            .bind(now)
            .bind(last)
            .bind(checked.pass_total)
            .fetch_one(&mut *tx)
            .await?;
        for table in ["call_sectors", "call_criteria", "call_evaluators"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE call_id = $1"))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        for sector in &checked.sectors {
            sqlx::query("INSERT INTO call_sectors (call_id, sector_id) VALUES ($1, $2)")
                .bind(id)
                .bind(sector)
                .execute(&mut *tx)
                .await?;
        }
        for (position, (criterion, (weight, max_score, threshold))) in
            form.criteria.iter().zip(&checked.criteria).enumerate()
        {
            sqlx::query(
                "INSERT INTO call_criteria (call_id, position, name_uk, name_en, description_uk, \
                 weight, max_score, threshold) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(id)
            .bind(position as i64)
            .bind(criterion.name_uk.trim())
            .bind(criterion.name_en.trim())
            .bind(criterion.description_uk.trim())
            .bind(weight)
            .bind(max_score)
            .bind(threshold)
            .execute(&mut *tx)
            .await?;
        }
        for evaluator in &checked.evaluators {
            sqlx::query("INSERT INTO call_evaluators (call_id, account_id) VALUES ($1, $2)")
                .bind(id)
                .bind(evaluator)
                .execute(&mut *tx)
                .await?;
        }
        audit!(
            &mut *tx,
            actor,
            "call",
            id,
            "save",
            form.title_uk.trim().to_string()
        )?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(id)
    })?;
    Ok(saved)
}

/// Moves a call from the phase `from` (as the admin saw it) to the one after it. Closing early
/// ends the application time now.
pub async fn advance_phase(db: &Db, actor: &Actor, id: i64, from: Phase) -> Result<Phase> {
    let now = crate::audit::now();
    let to = from
        .next()
        .ok_or(PartnershipError::Refused(Refusal::WrongPhase))?;
    if to == Phase::Published {
        return Err(PartnershipError::Refused(Refusal::ConfirmSelection));
    }
    on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        let row = call_row!(&mut *tx, id)?.ok_or(PartnershipError::NotFound)?;
        if row.phase(now) != from {
            return Err(PartnershipError::Refused(Refusal::WrongPhase));
        }
        let closes_at = if to == Phase::Closed {
            row.closes_at.min(now)
        } else {
            row.closes_at
        };
        sqlx::query("UPDATE calls SET phase = $1, closes_at = $2, updated_at = $3 WHERE id = $4")
            .bind(to.as_str())
            .bind(closes_at)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        audit!(
            &mut *tx,
            actor,
            "call",
            id,
            "phase",
            format!("{} → {}", from.as_str(), to.as_str())
        )?;
        tx.commit().await?;
        Ok(to)
    })
}

/// Calls, newest opening first; drafts only for those who manage calls.
pub async fn list_calls(db: &Db, lang: Lang, drafts: bool) -> Result<Vec<CallCard>> {
    let rows: Vec<CallRow> = on_db!(db, read, |pool| {
        sqlx::query_as(&format!(
        "SELECT {CALL_COLUMNS} FROM calls WHERE phase <> 'draft' OR $1 ORDER BY opens_at DESC, id DESC"
    ))
    .bind(drafts)
    .fetch_all(pool)
    .await
    })?;
    let counts: Vec<(i64, i64)> = on_db!(db, read, |pool| {
        sqlx::query_as(
        "SELECT call_id, COUNT(*) FROM applications WHERE status = 'submitted' GROUP BY call_id"
    )
    .fetch_all(pool)
    .await
    })?;
    let now = crate::audit::now();
    Ok(rows
        .iter()
        .map(|row| CallCard {
            id: row.id,
            title: pick(lang, &row.title_uk, &row.title_en),
            phase: row.phase(now),
            opens_at: crate::clock::kyiv_minutes(row.opens_at),
            closes_at: crate::clock::kyiv_minutes(row.closes_at),
            budget: row.budget_uah,
            winners: row.winners,
            applications: counts
                .iter()
                .find(|(c, _)| *c == row.id)
                .map_or(0, |(_, n)| *n),
        })
        .collect())
}

/// The call's page for `viewer`: `None` for a draft the viewer may not see.
pub async fn call_page(
    db: &Db,
    registry: &RegistryIndex,
    id: i64,
    lang: Lang,
    viewer: Option<&Account>,
    manages: bool,
) -> Result<Option<CallPage>> {
    let Some(row) = read_call(db, id).await? else {
        return Ok(None);
    };
    let now = crate::audit::now();
    let phase = row.phase(now);
    if phase == Phase::Draft && !manages {
        return Ok(None);
    }
    let initiative: Option<(String, String, String)> = match row.initiative_id {
        None => None,
        Some(initiative) => on_db!(db, read, |pool| sqlx::query_as(
            "SELECT slug, title_uk, title_en FROM initiatives WHERE id = $1 AND published"
        )
        .bind(initiative)
        .fetch_optional(pool)
        .await)?,
    };
    let sectors = sectors_of(db, id).await?;
    let criteria = criteria_of(db, id).await?;
    let representative = viewer.and_then(|v| {
        v.roles
            .contains(&crate::accounts::types::Role::Representative)
            .then_some(v.hromada_katottg.as_deref())
            .flatten()
    });
    let applications = if manages {
        applications_of(db, registry, &row, None, lang).await?
    } else if let Some(hromada) = representative {
        applications_of(db, registry, &row, Some(hromada), lang).await?
    } else {
        Vec::new()
    };
    let choice = |(value, uk, en): &(String, String, String)| Choice {
        value: value.clone(),
        name: pick(lang, uk, en),
    };
    Ok(Some(CallPage {
        id,
        title: pick(lang, &row.title_uk, &row.title_en),
        description_html: pick(lang, &row.description_html_uk, &row.description_html_en),
        phase,
        accepting: row.accepting(now),
        opens_at: crate::clock::kyiv_minutes(row.opens_at),
        closes_at: crate::clock::kyiv_minutes(row.closes_at),
        budget: row.budget_uah,
        max_grant: row.max_grant_uah,
        min_cofinancing: row.min_cofinancing_percent,
        winners: row.winners,
        rules: row.rules(),
        initiative: initiative.as_ref().map(choice),
        sectors: sectors.iter().map(choice).collect(),
        criteria: criteria
            .into_iter()
            .map(
                |(uk, en, description, weight, max_score, threshold)| Criterion {
                    name: pick(lang, &uk, &en),
                    description,
                    weight,
                    max_score,
                    threshold,
                },
            )
            .collect(),
        may_apply: representative.is_some() && row.accepting(now),
        applications,
        manages,
        pass_total: row.pass_total,
        results: if phase == Phase::Published {
            evaluation::results(db, registry, id).await?
        } else {
            Vec::new()
        },
    }))
}

/// The call's applications: every one, or those `hromada` is a member of.
async fn applications_of(
    db: &Db,
    registry: &RegistryIndex,
    call: &CallRow,
    hromada: Option<&str>,
    lang: Lang,
) -> Result<Vec<ApplicationCard>> {
    let ids: Vec<i64> = on_db!(db, read, |pool| sqlx::query_scalar(
        "SELECT a.id FROM applications a WHERE a.call_id = $1 AND ($2 IS NULL OR EXISTS \
         (SELECT 1 FROM application_members m WHERE m.application_id = a.id AND m.katottg = $2)) \
         ORDER BY a.id"
    )
    .bind(call.id)
    .bind(hromada)
    .fetch_all(pool)
    .await)?;
    let mut cards = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(loaded) = load_application(db, id).await? {
            let eligible = check_loaded(db, registry, call, &loaded, lang)
                .await?
                .iter()
                .all(RuleResult::holds);
            cards.push(ApplicationCard {
                id,
                title: loaded.title.clone(),
                lead: link(registry, &loaded.lead),
                members: loaded.members.len() as i64,
                status: Status::parse(&loaded.status).unwrap_or(Status::Draft),
                eligible,
            });
        }
    }
    Ok(cards)
}

fn link(registry: &RegistryIndex, katottg: &str) -> HromadaLink {
    HromadaLink {
        katottg: katottg.to_string(),
        name: registry
            .hromada(katottg)
            .map_or_else(|| katottg.to_string(), |h| h.name_uk.clone()),
    }
}

/// The call form of a saved call, with its phase.
pub async fn call_form(db: &Db, id: i64) -> Result<Option<(CallForm, Phase)>> {
    let Some(row) = read_call(db, id).await? else {
        return Ok(None);
    };
    let sectors: Vec<String> = sectors_of(db, id)
        .await?
        .into_iter()
        .map(|(slug, _, _)| slug)
        .collect();
    let criteria = criteria_of(db, id).await?;
    let evaluators: Vec<i64> = on_db!(db, read, |pool| sqlx::query_scalar(
        "SELECT account_id FROM call_evaluators WHERE call_id = $1 ORDER BY account_id"
    )
    .bind(id)
    .fetch_all(pool)
    .await)?;
    let initiative: Option<String> = match row.initiative_id {
        None => None,
        Some(initiative) => on_db!(db, read, |pool| sqlx::query_scalar(
            "SELECT slug FROM initiatives WHERE id = $1"
        )
        .bind(initiative)
        .fetch_optional(pool)
        .await)?,
    };
    let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    let rules = row.rules();
    let mut flags = Vec::new();
    if rules.mixed_kinds {
        flags.push(RULE_MIXED_KINDS.to_string());
    }
    if rules.one_application {
        flags.push(RULE_ONE_APPLICATION.to_string());
    }
    let phase = row.phase(crate::audit::now());
    Ok(Some((
        CallForm {
            title_uk: row.title_uk,
            title_en: row.title_en,
            description_uk: row.description_uk,
            description_en: row.description_en,
            initiative: initiative.unwrap_or_default(),
            sectors,
            opens_at: crate::clock::kyiv_local_string(row.opens_at),
            closes_at: crate::clock::kyiv_local_string(row.closes_at),
            budget: row.budget_uah.to_string(),
            max_grant: row.max_grant_uah.to_string(),
            min_cofinancing: row.min_cofinancing_percent.to_string(),
            winners: row.winners.to_string(),
            rules: flags,
            geography: rules.geography.as_str().to_string(),
            members_min: rules.members_min.to_string(),
            members_max: rules.members_max.to_string(),
            population_min: number(rules.population_min),
            population_max: number(rules.population_max),
            criteria: criteria
                .into_iter()
                .map(
                    |(name_uk, name_en, description_uk, weight, max_score, threshold)| {
                        CriterionForm {
                            name_uk,
                            name_en,
                            description_uk,
                            weight: weight.to_string(),
                            max_score: max_score.to_string(),
                            threshold: threshold
                                .map(|t| crate::common::show_number(t, false))
                                .unwrap_or_default(),
                        }
                    },
                )
                .collect(),
            evaluators: evaluators.iter().map(i64::to_string).collect(),
            pass_total: row
                .pass_total
                .map(|t| crate::common::show_number(t, false))
                .unwrap_or_default(),
        },
        phase,
    )))
}

pub async fn call_editor(
    db: &Db,
    id: Option<i64>,
    form: CallForm,
    phase: Phase,
    lang: Lang,
) -> Result<CallEditor> {
    let sectors = crate::sectors::storage::all_with_ids(db).await?;
    Ok(CallEditor {
        id,
        form,
        phase,
        initiatives: crate::initiatives::storage::choices(db, lang).await?,
        sectors: crate::sectors::storage::choices(&sectors, lang),
        evaluators: evaluator_accounts(db)
            .await?
            .into_iter()
            .map(|(id, name)| Choice {
                value: id.to_string(),
                name,
            })
            .collect(),
    })
}

/// An application as stored.
pub struct LoadedApplication {
    pub id: i64,
    pub call_id: i64,
    pub lead: String,
    pub title: String,
    pub summary: String,
    pub problem: String,
    pub activities: String,
    pub status: String,
    pub submitted_at: Option<i64>,
    /// Partners in order, with the time each confirmed; the lead first.
    pub members: Vec<(String, Option<i64>)>,
    pub sectors: Vec<(String, String, String)>,
    pub needs: Vec<(i64, String, String)>,
    pub budget: Vec<BudgetLine>,
    pub results: Vec<ExpectedResult>,
}

pub async fn load_application(db: &Db, id: i64) -> Result<Option<LoadedApplication>> {
    type Head = (
        i64,
        i64,
        String,
        String,
        String,
        String,
        String,
        String,
        Option<i64>,
    );
    let head: Option<Head> = on_db!(db, read, |pool| {
        sqlx::query_as(
        "SELECT id, call_id, lead_katottg, title, summary, problem, activities, status, submitted_at \
         FROM applications WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(pool)
    .await
    })?;
    let Some((id, call_id, lead, title, summary, problem, activities, status, submitted_at)) = head
    else {
        return Ok(None);
    };
    let members: Vec<(String, Option<i64>)> = on_db!(db, read, |pool| {
        sqlx::query_as(
        "SELECT katottg, confirmed_at FROM application_members WHERE application_id = $1 ORDER BY position"
    )
    .bind(id)
    .fetch_all(pool)
    .await
    })?;
    let sectors: Vec<(String, String, String)> = on_db!(db, read, |pool| {
        sqlx::query_as(
        "SELECT s.slug, s.name_uk, s.name_en FROM application_sectors a JOIN sectors s ON s.id = a.sector_id \
         WHERE a.application_id = $1 ORDER BY s.position, s.id"
    )
    .bind(id)
    .fetch_all(pool)
    .await
    })?;
    let needs: Vec<(i64, String, String)> = on_db!(db, read, |pool| {
        sqlx::query_as(
        "SELECT n.id, n.title, n.hromada_katottg FROM application_needs a JOIN needs n ON n.id = a.need_id \
         WHERE a.application_id = $1 ORDER BY n.id"
    )
    .bind(id)
    .fetch_all(pool)
    .await
    })?;
    let budget: Vec<(String, i64, i64, String)> = on_db!(db, read, |pool| sqlx::query_as(
        "SELECT item, amount_uah, cofinancing_uah, cofinanced_by FROM application_budget \
         WHERE application_id = $1 ORDER BY position"
    )
    .bind(id)
    .fetch_all(pool)
    .await)?;
    let results: Vec<(String, String, String)> = on_db!(db, read, |pool| {
        sqlx::query_as(
        "SELECT result, indicator, target FROM application_results WHERE application_id = $1 ORDER BY position"
    )
    .bind(id)
    .fetch_all(pool)
    .await
    })?;
    Ok(Some(LoadedApplication {
        id,
        call_id,
        lead,
        title,
        summary,
        problem,
        activities,
        status,
        submitted_at,
        members,
        sectors,
        needs,
        budget: budget
            .into_iter()
            .map(|(item, amount, cofinancing, cofinanced_by)| BudgetLine {
                item,
                amount,
                cofinancing,
                cofinanced_by,
            })
            .collect(),
        results: results
            .into_iter()
            .map(|(result, indicator, target)| ExpectedResult {
                result,
                indicator,
                target,
            })
            .collect(),
    }))
}

/// The rules of `call` checked for `application` against the registry, with the admin's
/// overrides.
async fn check_loaded(
    db: &Db,
    registry: &RegistryIndex,
    call: &CallRow,
    application: &LoadedApplication,
    lang: Lang,
) -> Result<Vec<RuleResult>> {
    let hromadas: Vec<_> = application
        .members
        .iter()
        .filter_map(|(code, _)| registry.hromada(code))
        .collect();
    let Some((&lead, partners)) = hromadas.split_first() else {
        return Ok(Vec::new());
    };
    let elsewhere: Vec<(String, i64)> = on_db!(db, read, |pool| sqlx::query_as(
        "SELECT p.katottg, p.application_id FROM call_participations p \
         JOIN application_members m ON m.katottg = p.katottg AND m.application_id = $2 \
         WHERE p.call_id = $1 AND p.application_id <> $2 ORDER BY p.application_id"
    )
    .bind(call.id)
    .bind(application.id)
    .fetch_all(pool)
    .await)?;
    let elsewhere: Vec<(String, i64)> = elsewhere
        .into_iter()
        .map(|(code, other)| (link(registry, &code).name, other))
        .collect();
    let members = Members {
        lead,
        partners: partners.to_vec(),
    };
    let mut results = eligibility::check(&call.rules(), &members, &elsewhere, lang);
    let overrides: Vec<(String, bool, String, Option<String>, i64)> =
        on_db!(db, read, |pool| sqlx::query_as(
            "SELECT o.rule, o.passed, o.reason, a.display_name, o.at FROM eligibility_overrides o \
             LEFT JOIN accounts a ON a.id = o.account_id WHERE o.application_id = $1"
        )
        .bind(application.id)
        .fetch_all(pool)
        .await)?;
    for (rule, passed, reason, by, at) in overrides {
        if let Some(result) = results.iter_mut().find(|r| r.rule.as_str() == rule) {
            result.overridden = Some(Override {
                passed,
                reason,
                by: by.unwrap_or_default(),
                at: crate::clock::kyiv_minutes(at),
            });
        }
    }
    Ok(results)
}

/// The form of a saved application.
pub fn application_form(registry: &RegistryIndex, loaded: &LoadedApplication) -> ApplicationForm {
    ApplicationForm {
        call: loaded.call_id,
        title: loaded.title.clone(),
        summary: loaded.summary.clone(),
        partners: loaded
            .members
            .iter()
            .skip(1)
            .map(|(code, _)| link(registry, code).name)
            .collect::<Vec<_>>()
            .join(", "),
        sectors: loaded
            .sectors
            .iter()
            .map(|(slug, _, _)| slug.clone())
            .collect(),
        problem: loaded.problem.clone(),
        needs: loaded
            .needs
            .iter()
            .map(|(id, _, _)| id.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        activities: loaded.activities.clone(),
        budget: loaded
            .budget
            .iter()
            .map(|line| BudgetLineForm {
                item: line.item.clone(),
                amount: line.amount.to_string(),
                cofinancing: line.cofinancing.to_string(),
                cofinanced_by: line.cofinanced_by.clone(),
            })
            .collect(),
        results: loaded
            .results
            .iter()
            .map(|r| ResultForm {
                result: r.result.clone(),
                indicator: r.indicator.clone(),
                target: r.target.clone(),
            })
            .collect(),
    }
}

pub async fn application_editor(
    db: &Db,
    registry: &RegistryIndex,
    id: Option<i64>,
    form: ApplicationForm,
    lead: &str,
    lang: Lang,
) -> Result<Option<ApplicationEditor>> {
    let Some(call) = read_call(db, form.call).await? else {
        return Ok(None);
    };
    let eligibility = match id {
        Some(id) => match load_application(db, id).await? {
            Some(loaded) => check_loaded(db, registry, &call, &loaded, lang).await?,
            None => return Ok(None),
        },
        None => Vec::new(),
    };
    let sectors = crate::sectors::storage::all_with_ids(db).await?;
    Ok(Some(ApplicationEditor {
        id,
        call_title: pick(lang, &call.title_uk, &call.title_en),
        lead: link(registry, lead),
        sectors: crate::sectors::storage::choices(&sectors, lang),
        eligibility,
        form,
    }))
}

/// What a valid application form names, by id and code.
struct CheckedApplication {
    partners: Vec<String>,
    sectors: Vec<i64>,
    needs: Vec<i64>,
    budget: Vec<BudgetLine>,
    results: Vec<ExpectedResult>,
}

async fn check_application(
    db: &Db,
    registry: &RegistryIndex,
    lead: &str,
    form: &ApplicationForm,
) -> Result<CheckedApplication> {
    let mut problems = Vec::new();
    check_text(&mut problems, "title", &form.title, true, TITLE_MAX);
    check_text(&mut problems, "summary", &form.summary, false, SUMMARY_MAX);
    check_text(&mut problems, "problem", &form.problem, false, TEXT_MAX);
    check_text(
        &mut problems,
        "activities",
        &form.activities,
        false,
        TEXT_MAX,
    );
    let partners: Vec<String> = hromada_codes(registry, &form.partners, "partners", &mut problems)
        .into_iter()
        .filter(|code| code != lead)
        .collect();
    if partners.len() > PARTNERS_MAX {
        problems.push(FieldProblem::new(
            "partners",
            Problem::Above(PARTNERS_MAX.to_string()),
        ));
    }
    let sector_ids = sector_ids(db, &form.sectors, &mut problems).await?;
    // Needs are those the application's own hromadas recorded.
    let mut needs = Vec::new();
    for entry in form
        .needs
        .split([',', ';', ' ', '\n'])
        .map(|e| e.trim().trim_start_matches('#').trim_start_matches('№'))
        .filter(|e| !e.is_empty())
    {
        let owner: Option<String> = match entry.parse::<i64>() {
            Ok(id) => on_db!(db, read, |pool| sqlx::query_scalar(
                "SELECT hromada_katottg FROM needs WHERE id = $1"
            )
            .bind(id)
            .fetch_optional(pool)
            .await)?,
            Err(_) => None,
        };
        match (entry.parse::<i64>(), owner) {
            (Ok(id), Some(owner)) if owner == lead || partners.contains(&owner) => {
                if !needs.contains(&id) {
                    needs.push(id);
                }
            }
            _ => problems.push(FieldProblem::new(
                "needs",
                Problem::Unknown(entry.to_string()),
            )),
        }
    }
    if form.budget.len() > LINES_MAX {
        problems.push(FieldProblem::new(
            "budget",
            Problem::Above(LINES_MAX.to_string()),
        ));
    }
    let mut budget = Vec::new();
    for (i, line) in form.budget.iter().enumerate().take(LINES_MAX) {
        let field = |name: &str| format!("budget.{i}.{name}");
        check_text(&mut problems, &field("item"), &line.item, true, TITLE_MAX);
        check_text(
            &mut problems,
            &field("cofinanced_by"),
            &line.cofinanced_by,
            false,
            TITLE_MAX,
        );
        let amount = whole(
            &mut problems,
            &field("amount"),
            &line.amount,
            1,
            AMOUNT_MAX,
            true,
        );
        let cofinancing = whole(
            &mut problems,
            &field("cofinancing"),
            &line.cofinancing,
            0,
            AMOUNT_MAX,
            false,
        );
        if let (Some(amount), Some(cofinancing)) = (amount, cofinancing) {
            if cofinancing > amount {
                problems.push(FieldProblem::new(
                    field("cofinancing"),
                    Problem::Above(amount.to_string()),
                ));
            }
        }
        if let Some(amount) = amount {
            budget.push(BudgetLine {
                item: line.item.trim().to_string(),
                amount,
                cofinancing: cofinancing.unwrap_or_default(),
                cofinanced_by: line.cofinanced_by.trim().to_string(),
            });
        }
    }
    if form.results.len() > LINES_MAX {
        problems.push(FieldProblem::new(
            "results",
            Problem::Above(LINES_MAX.to_string()),
        ));
    }
    let mut results = Vec::new();
    for (i, line) in form.results.iter().enumerate().take(LINES_MAX) {
        let field = |name: &str| format!("results.{i}.{name}");
        check_text(
            &mut problems,
            &field("result"),
            &line.result,
            true,
            SUMMARY_MAX,
        );
        check_text(
            &mut problems,
            &field("indicator"),
            &line.indicator,
            false,
            TITLE_MAX,
        );
        check_text(
            &mut problems,
            &field("target"),
            &line.target,
            false,
            TITLE_MAX,
        );
        results.push(ExpectedResult {
            result: line.result.trim().to_string(),
            indicator: line.indicator.trim().to_string(),
            target: line.target.trim().to_string(),
        });
    }
    if !problems.is_empty() {
        return Err(PartnershipError::Invalid(problems));
    }
    Ok(CheckedApplication {
        partners,
        sectors: sector_ids,
        needs,
        budget,
        results,
    })
}

/// Saves the lead hromada `lead`'s application (a new one to `form.call` with `id` None) while
/// the call takes applications and the application is a draft. Partners who stay keep their
/// confirmation; a partner added confirms anew.
pub async fn save_application(
    db: &Db,
    registry: &RegistryIndex,
    actor: &Actor,
    lead: &str,
    id: Option<i64>,
    form: &ApplicationForm,
) -> Result<i64> {
    let checked = check_application(db, registry, lead, form).await?;
    let now = crate::audit::now();
    on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        let call_id = match id {
            None => form.call,
            Some(id) => {
                let stored: Option<(i64, String, String)> = sqlx::query_as(
                    "SELECT call_id, lead_katottg, status FROM applications WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
                let (call_id, stored_lead, status) = stored.ok_or(PartnershipError::NotFound)?;
                // Only the lead's representatives edit; others are told it does not exist.
                if stored_lead != lead {
                    return Err(PartnershipError::NotFound);
                }
                if status != Status::Draft.as_str() {
                    return Err(PartnershipError::Refused(Refusal::Submitted));
                }
                call_id
            }
        };
        let call = call_row!(&mut *tx, call_id)?.ok_or(PartnershipError::NotFound)?;
        if call.phase(now) == Phase::Draft {
            return Err(PartnershipError::NotFound);
        }
        if !call.accepting(now) {
            return Err(PartnershipError::Refused(Refusal::NotAccepting));
        }
        let id: i64 = match id {
            None => {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO applications (call_id, lead_katottg, title, summary, problem, activities, \
                     created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
                )
                .bind(call_id)
                .bind(lead)
                .bind(form.title.trim())
                .bind(form.summary.trim())
                .bind(form.problem.trim())
                .bind(form.activities.trim())
                .bind(actor.id())
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO application_members (application_id, katottg, position, confirmed_at, confirmed_by) \
                     VALUES ($1, $2, 0, $3, $4)",
                )
                .bind(id)
                .bind(lead)
                .bind(now)
                .bind(actor.id())
                .execute(&mut *tx)
                .await?;
                if call.rule_one_application {
                    take_part!(tx, call_id, lead, id);
                }
                id
            }
            Some(id) => {
                sqlx::query(
                    "UPDATE applications SET title = $1, summary = $2, problem = $3, activities = $4, \
                     updated_at = $5 WHERE id = $6",
                )
                .bind(form.title.trim())
                .bind(form.summary.trim())
                .bind(form.problem.trim())
                .bind(form.activities.trim())
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                id
            }
        };
        // Partners: those gone leave (with their place in the call), the rest keep their order.
        let current: Vec<String> = sqlx::query_scalar(
            "SELECT katottg FROM application_members WHERE application_id = $1 AND position > 0",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        for gone in current.iter().filter(|c| !checked.partners.contains(c)) {
            for sql in [
                "DELETE FROM application_members WHERE application_id = $1 AND katottg = $2",
                "DELETE FROM call_participations WHERE application_id = $1 AND katottg = $2",
            ] {
                sqlx::query(sql)
                    .bind(id)
                    .bind(gone)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        for (position, partner) in checked.partners.iter().enumerate() {
            sqlx::query(
                "INSERT INTO application_members (application_id, katottg, position) VALUES ($1, $2, $3) \
                 ON CONFLICT (application_id, katottg) DO UPDATE SET position = excluded.position",
            )
            .bind(id)
            .bind(partner)
            .bind(position as i64 + 1)
            .execute(&mut *tx)
            .await?;
        }
        for table in [
            "application_sectors",
            "application_needs",
            "application_budget",
            "application_results",
        ] {
            sqlx::query(&format!("DELETE FROM {table} WHERE application_id = $1"))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        for sector in &checked.sectors {
            sqlx::query(
                "INSERT INTO application_sectors (application_id, sector_id) VALUES ($1, $2)",
            )
            .bind(id)
            .bind(sector)
            .execute(&mut *tx)
            .await?;
        }
        for need in &checked.needs {
            sqlx::query("INSERT INTO application_needs (application_id, need_id) VALUES ($1, $2)")
                .bind(id)
                .bind(need)
                .execute(&mut *tx)
                .await?;
        }
        for (position, line) in checked.budget.iter().enumerate() {
            sqlx::query(
                "INSERT INTO application_budget (application_id, position, item, amount_uah, cofinancing_uah, \
                 cofinanced_by) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id)
            .bind(position as i64)
            .bind(&line.item)
            .bind(line.amount)
            .bind(line.cofinancing)
            .bind(&line.cofinanced_by)
            .execute(&mut *tx)
            .await?;
        }
        for (position, line) in checked.results.iter().enumerate() {
            sqlx::query(
                "INSERT INTO application_results (application_id, position, result, indicator, target) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(position as i64)
            .bind(&line.result)
            .bind(&line.indicator)
            .bind(&line.target)
            .execute(&mut *tx)
            .await?;
        }
        audit!(
            &mut *tx,
            actor,
            "application",
            id,
            "save",
            form.title.trim().to_string()
        )?;
        tx.commit().await?;
        Ok(id)
    })
}

/// What still stands between `application` and its submission, in words.
fn blockers(
    registry: &RegistryIndex,
    call: &CallRow,
    application: &LoadedApplication,
    eligibility: &[RuleResult],
    lang: Lang,
) -> Vec<String> {
    let uk = lang == Lang::Uk;
    let mut left = Vec::new();
    if !call.accepting(crate::audit::now()) {
        left.push(Refusal::NotAccepting.text(lang).to_string());
    }
    for (code, confirmed) in &application.members {
        if confirmed.is_none() {
            let name = link(registry, code).name;
            left.push(if uk {
                format!("{name}: участь ще не підтвердив представник громади.")
            } else {
                format!("{name}: a representative has yet to confirm taking part.")
            });
        }
    }
    for result in eligibility.iter().filter(|r| !r.holds()) {
        left.push(format!("{}: {}", result.rule.name(lang), result.reason));
    }
    let required = [
        (
            &application.summary,
            if uk {
                "Стислий опис"
            } else {
                "Summary"
            },
        ),
        (
            &application.problem,
            if uk { "Проблема" } else { "Problem" },
        ),
        (
            &application.activities,
            if uk { "Заходи" } else { "Activities" },
        ),
    ];
    for (value, name) in required {
        if value.trim().is_empty() {
            left.push(if uk {
                format!("{name}: не заповнено.")
            } else {
                format!("{name}: not filled in.")
            });
        }
    }
    if application.budget.is_empty() {
        left.push(
            if uk {
                "Бюджет: немає жодного рядка."
            } else {
                "Budget: no lines yet."
            }
            .into(),
        );
    }
    if application.results.is_empty() {
        left.push(
            if uk {
                "Очікувані результати: не вказано."
            } else {
                "Expected results: none given."
            }
            .into(),
        );
    }
    let total: i64 = application.budget.iter().map(|l| l.amount).sum();
    let cofinancing: i64 = application.budget.iter().map(|l| l.cofinancing).sum();
    let grant = total - cofinancing;
    if grant > call.max_grant_uah {
        left.push(if uk {
            format!(
                "Запитаний грант {} грн більший за найбільший можливий, {} грн.",
                lang.int(grant),
                lang.int(call.max_grant_uah)
            )
        } else {
            format!(
                "The grant asked, UAH {}, is above the most a call grants, UAH {}.",
                lang.int(grant),
                lang.int(call.max_grant_uah)
            )
        });
    }
    if total > 0 && cofinancing * 100 < call.min_cofinancing_percent * total {
        left.push(if uk {
            format!(
                "Співфінансування {} % від бюджету, потрібно щонайменше {} %.",
                cofinancing * 100 / total,
                call.min_cofinancing_percent
            )
        } else {
            format!(
                "Co-financing is {} % of the budget; the call asks for at least {} %.",
                cofinancing * 100 / total,
                call.min_cofinancing_percent
            )
        });
    }
    left
}

/// Which of the application's hromadas the viewer represents, if any.
pub fn viewer_hromada<'a>(viewer: &'a Account, application: &LoadedApplication) -> Option<&'a str> {
    let hromada = viewer.hromada_katottg.as_deref()?;
    application
        .members
        .iter()
        .any(|(code, _)| code == hromada)
        .then_some(hromada)
}

/// The application's page for a member's representative or the staff (`manages`); the caller
/// decides who may see it.
pub async fn application_page(
    db: &Db,
    registry: &RegistryIndex,
    application: &LoadedApplication,
    viewer_hromada: Option<&str>,
    manages: bool,
    lang: Lang,
) -> Result<ApplicationPage> {
    let call = read_call(db, application.call_id)
        .await?
        .ok_or(PartnershipError::NotFound)?;
    let eligibility = check_loaded(db, registry, &call, application, lang).await?;
    let status = Status::parse(&application.status).unwrap_or(Status::Draft);
    let is_lead = viewer_hromada == Some(application.lead.as_str());
    let blockers = if status == Status::Draft {
        blockers(registry, &call, application, &eligibility, lang)
    } else {
        Vec::new()
    };
    let needs_names: Vec<Choice> = application
        .needs
        .iter()
        .map(|(id, title, hromada)| Choice {
            value: id.to_string(),
            name: format!("№ {id} · {} · {title}", link(registry, hromada).name),
        })
        .collect();
    Ok(ApplicationPage {
        id: application.id,
        call: Choice {
            value: call.id.to_string(),
            name: pick(lang, &call.title_uk, &call.title_en),
        },
        title: application.title.clone(),
        summary: application.summary.clone(),
        status,
        submitted_at: application.submitted_at.map(crate::clock::kyiv_minutes),
        members: application
            .members
            .iter()
            .enumerate()
            .map(|(i, (code, confirmed))| Member {
                hromada: link(registry, code),
                lead: i == 0,
                confirmed_at: confirmed.map(crate::clock::kyiv_minutes),
                viewer_confirms: confirmed.is_none()
                    && viewer_hromada == Some(code.as_str())
                    && status == Status::Draft,
            })
            .collect(),
        sectors: application
            .sectors
            .iter()
            .map(|(slug, uk, en)| Choice {
                value: slug.clone(),
                name: pick(lang, uk, en),
            })
            .collect(),
        problem: application.problem.clone(),
        needs: needs_names,
        activities: application.activities.clone(),
        budget_total: application.budget.iter().map(|l| l.amount).sum(),
        cofinancing_total: application.budget.iter().map(|l| l.cofinancing).sum(),
        budget: application.budget.clone(),
        results: application.results.clone(),
        eligibility,
        editable: is_lead && status == Status::Draft && call.accepting(crate::audit::now()),
        blockers,
        manages,
        review: if call.phase(crate::audit::now()) == Phase::Published
            && (viewer_hromada.is_some() || manages)
        {
            evaluation::review(db, call.id, application.id, lang).await?
        } else {
            None
        },
    })
}

/// The representative of `hromada` confirms that it takes part in `application`: once, while the
/// call takes applications and the application is a draft.
pub async fn confirm(db: &Db, actor: &Actor, application: i64, hromada: &str) -> Result<()> {
    let now = crate::audit::now();
    on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        let stored: Option<(i64, String)> =
            sqlx::query_as("SELECT call_id, status FROM applications WHERE id = $1")
                .bind(application)
                .fetch_optional(&mut *tx)
                .await?;
        let (call_id, status) = stored.ok_or(PartnershipError::NotFound)?;
        let member: Option<Option<i64>> = sqlx::query_scalar(
            "SELECT confirmed_at FROM application_members WHERE application_id = $1 AND katottg = $2",
        )
        .bind(application)
        .bind(hromada)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(confirmed) = member else {
            return Err(PartnershipError::Refused(Refusal::NotAMember));
        };
        if status != Status::Draft.as_str() {
            return Err(PartnershipError::Refused(Refusal::Submitted));
        }
        let call = call_row!(&mut *tx, call_id)?.ok_or(PartnershipError::NotFound)?;
        if !call.accepting(now) {
            return Err(PartnershipError::Refused(Refusal::NotAccepting));
        }
        if confirmed.is_some() {
            return Err(PartnershipError::Refused(Refusal::AlreadyConfirmed));
        }
        // Only one confirmation turns the row: a second, racing one finds it confirmed.
        let done = sqlx::query(
            "UPDATE application_members SET confirmed_at = $1, confirmed_by = $2 \
             WHERE application_id = $3 AND katottg = $4 AND confirmed_at IS NULL",
        )
        .bind(now)
        .bind(actor.id())
        .bind(application)
        .bind(hromada)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(PartnershipError::Refused(Refusal::AlreadyConfirmed));
        }
        if call.rule_one_application {
            take_part!(tx, call_id, hromada, application);
        }
        audit!(
            &mut *tx,
            actor,
            "application",
            application,
            "confirm",
            hromada.to_string()
        )?;
        tx.commit().await?;
        Ok(())
    })
}

/// The lead's representative submits the application: once, when nothing blocks it (every
/// partner confirmed, every rule holding, the call taking applications). Then it is locked.
pub async fn submit(
    db: &Db,
    registry: &RegistryIndex,
    actor: &Actor,
    application: i64,
    lead: &str,
) -> Result<()> {
    let loaded = load_application(db, application)
        .await?
        .filter(|a| a.lead == lead)
        .ok_or(PartnershipError::NotFound)?;
    if loaded.status != Status::Draft.as_str() {
        return Err(PartnershipError::Refused(Refusal::Submitted));
    }
    let call = read_call(db, loaded.call_id)
        .await?
        .ok_or(PartnershipError::NotFound)?;
    let eligibility = check_loaded(db, registry, &call, &loaded, Lang::Uk).await?;
    if !call.accepting(crate::audit::now()) {
        return Err(PartnershipError::Refused(Refusal::NotAccepting));
    }
    if !blockers(registry, &call, &loaded, &eligibility, Lang::Uk).is_empty() {
        return Err(PartnershipError::Refused(Refusal::NotReady));
    }
    let now = crate::audit::now();
    on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        // The status guards against a second submission, the confirmations against a partner
        // added since the checks above.
        let done = sqlx::query(
            "UPDATE applications SET status = 'submitted', submitted_at = $1 WHERE id = $2 \
             AND status = 'draft' AND NOT EXISTS (SELECT 1 FROM application_members \
             WHERE application_id = $2 AND confirmed_at IS NULL)",
        )
        .bind(now)
        .bind(application)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(PartnershipError::Refused(Refusal::Submitted));
        }
        audit!(
            &mut *tx,
            actor,
            "application",
            application,
            "submit",
            loaded.title.clone()
        )?;
        tx.commit().await?;
        Ok(())
    })
}

/// An admin decides one rule of one application, with a written reason, or (`passed` None)
/// withdraws the decision.
pub async fn override_rule(
    db: &Db,
    actor: &Actor,
    application: i64,
    rule: Rule,
    passed: Option<bool>,
    reason: &str,
) -> Result<()> {
    let mut problems = Vec::new();
    if passed.is_some() {
        check_text(&mut problems, "reason", reason, true, SUMMARY_MAX);
    }
    if !problems.is_empty() {
        return Err(PartnershipError::Invalid(problems));
    }
    if load_application(db, application).await?.is_none() {
        return Err(PartnershipError::NotFound);
    }
    let now = crate::audit::now();
    on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        sqlx::query("DELETE FROM eligibility_overrides WHERE application_id = $1 AND rule = $2")
            .bind(application)
            .bind(rule.as_str())
            .execute(&mut *tx)
            .await?;
        let summary = match passed {
            Some(passed) => {
                sqlx::query(
                    "INSERT INTO eligibility_overrides (application_id, rule, passed, reason, account_id, at) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(application)
                .bind(rule.as_str())
                .bind(passed)
                .bind(reason.trim())
                .bind(actor.id())
                .bind(now)
                .execute(&mut *tx)
                .await?;
                format!("{} = {passed}: {}", rule.as_str(), reason.trim())
            }
            None => format!("{} withdrawn", rule.as_str()),
        };
        audit!(
            &mut *tx,
            actor,
            "application",
            application,
            "override",
            summary
        )?;
        tx.commit().await?;
        Ok(())
    })
}

pub mod evaluation;
