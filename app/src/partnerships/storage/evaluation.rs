//! The evaluation of a call's applications in the database: evaluators' oblasts, assignments
//! (by an admin or balanced), conflict-of-interest declarations, scores, the ranking and the
//! confirmed, published selection. Every change is checked against the call's phase in the
//! statement that makes it, so racing requests change things exactly once.

use super::*;
use crate::common::show_number;
use crate::partnerships::ranking::{self, Candidate, CriterionSpec, Outcome, Ranked, Selection};
use std::collections::HashMap;

const COMMENT_MAX: usize = 3000;

/// A call's evaluator: id, name, and their oblast once stated (empty: none).
type Evaluator = (i64, String, Option<String>);

async fn call_evaluators(db: &Db, call: i64) -> std::result::Result<Vec<Evaluator>, sqlx::Error> {
    on_db!(db, read, |pool| sqlx::query_as(
        "SELECT a.id, a.display_name, p.oblast_katottg FROM call_evaluators e \
         JOIN accounts a ON a.id = e.account_id \
         LEFT JOIN evaluator_profiles p ON p.account_id = a.id \
         WHERE e.call_id = $1 AND NOT a.disabled AND EXISTS \
         (SELECT 1 FROM account_roles r WHERE r.account_id = a.id AND r.role = 'evaluator') \
         ORDER BY a.display_name, a.id"
    )
    .bind(call)
    .fetch_all(pool)
    .await)
}

#[derive(sqlx::FromRow)]
struct Assignment {
    application_id: i64,
    evaluator_id: i64,
    assigned_by: Option<i64>,
    declaration: Option<String>,
    submitted_at: Option<i64>,
}

impl Assignment {
    fn state(&self) -> AssignmentState {
        AssignmentState::of(self.declaration.as_deref(), self.submitted_at.is_some())
    }

    /// Counts toward the application's evaluators (not withdrawn by a conflict).
    fn active(&self) -> bool {
        self.state() != AssignmentState::Conflict
    }
}

async fn assignments_in_call(
    db: &Db,
    call: i64,
) -> std::result::Result<Vec<Assignment>, sqlx::Error> {
    on_db!(db, read, |pool| sqlx::query_as(
        "SELECT e.application_id, e.evaluator_id, e.assigned_by, e.declaration, e.submitted_at \
         FROM evaluation_assignments e JOIN applications a ON a.id = e.application_id \
         WHERE a.call_id = $1 ORDER BY e.application_id, e.assigned_at, e.evaluator_id"
    )
    .bind(call)
    .fetch_all(pool)
    .await)
}

/// The call's submitted applications: those every rule admits, and the others.
async fn submitted_applications(
    db: &Db,
    registry: &RegistryIndex,
    call: &CallRow,
) -> Result<(Vec<LoadedApplication>, Vec<LoadedApplication>)> {
    let ids: Vec<i64> = on_db!(db, read, |pool| sqlx::query_scalar(
        "SELECT id FROM applications WHERE call_id = $1 AND status = 'submitted' ORDER BY id"
    )
    .bind(call.id)
    .fetch_all(pool)
    .await)?;
    let (mut admitted, mut refused) = (Vec::new(), Vec::new());
    for id in ids {
        let Some(loaded) = load_application(db, id).await? else {
            continue;
        };
        let holds = check_loaded(db, registry, call, &loaded, Lang::Uk)
            .await?
            .iter()
            .all(RuleResult::holds);
        if holds {
            admitted.push(loaded);
        } else {
            refused.push(loaded);
        }
    }
    Ok((admitted, refused))
}

/// The oblasts of the application's hromadas.
fn member_oblasts(registry: &RegistryIndex, application: &LoadedApplication) -> Vec<String> {
    application
        .members
        .iter()
        .filter_map(|(code, _)| registry.hromada(code))
        .map(|h| h.oblast_katottg.clone())
        .collect()
}

/// Whether `evaluator` may be assigned to the application whose hromadas are in `oblasts`.
fn assignable(
    evaluator: &Evaluator,
    oblasts: &[String],
    application: i64,
    assignments: &[Assignment],
) -> std::result::Result<(), Refusal> {
    let (id, _, oblast) = evaluator;
    match oblast.as_deref() {
        None => return Err(Refusal::OblastNotStated),
        Some(oblast) if !oblast.is_empty() && oblasts.iter().any(|o| o == oblast) => {
            return Err(Refusal::FromApplicantOblast)
        }
        Some(_) => {}
    }
    match assignments
        .iter()
        .find(|a| a.application_id == application && a.evaluator_id == *id)
    {
        Some(a) if !a.active() => Err(Refusal::DeclaredConflict),
        Some(_) => Err(Refusal::AlreadyAssigned),
        None => Ok(()),
    }
}

/// Evaluators are assigned once applications are in: while the call is closed or in evaluation.
fn assigning(call: &CallRow) -> Result<()> {
    match call.phase(crate::audit::now()) {
        Phase::Closed | Phase::Evaluation => Ok(()),
        _ => Err(PartnershipError::Refused(Refusal::WrongPhase)),
    }
}

/// States the oblast an evaluator of `call` is from (`oblast` empty: from none).
pub async fn set_evaluator_oblast(
    db: &Db,
    registry: &RegistryIndex,
    actor: &Actor,
    call: i64,
    evaluator: i64,
    oblast: &str,
) -> Result<()> {
    if !oblast.is_empty() && registry.oblast(oblast).is_none() {
        return Err(PartnershipError::Invalid(vec![FieldProblem::new(
            "oblast",
            Problem::Unknown(oblast.to_string()),
        )]));
    }
    if !call_evaluators(db, call)
        .await?
        .iter()
        .any(|(id, _, _)| *id == evaluator)
    {
        return Err(PartnershipError::Refused(Refusal::NotCallEvaluator));
    }
    let now = crate::audit::now();
    on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO evaluator_profiles (account_id, oblast_katottg, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (account_id) DO UPDATE SET oblast_katottg = excluded.oblast_katottg, \
             updated_at = excluded.updated_at",
        )
        .bind(evaluator)
        .bind(oblast)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        audit!(
            &mut *tx,
            actor,
            "account",
            evaluator,
            "evaluator-oblast",
            if oblast.is_empty() { "—" } else { oblast }
        )?;
        tx.commit().await?;
        Ok(())
    })
}

/// An admin assigns `evaluator` to `application`; gives the application's call.
pub async fn assign(
    db: &Db,
    registry: &RegistryIndex,
    actor: &Actor,
    application: i64,
    evaluator: i64,
) -> Result<i64> {
    let loaded = load_application(db, application)
        .await?
        .ok_or(PartnershipError::NotFound)?;
    let call = read_call(db, loaded.call_id)
        .await?
        .ok_or(PartnershipError::NotFound)?;
    assigning(&call)?;
    let (admitted, _) = submitted_applications(db, registry, &call).await?;
    if !admitted.iter().any(|a| a.id == application) {
        return Err(PartnershipError::Refused(Refusal::NotAdmitted));
    }
    let evaluators = call_evaluators(db, call.id).await?;
    let chosen = evaluators
        .iter()
        .find(|(id, _, _)| *id == evaluator)
        .ok_or(PartnershipError::Refused(Refusal::NotCallEvaluator))?;
    let assignments = assignments_in_call(db, call.id).await?;
    assignable(
        chosen,
        &member_oblasts(registry, &loaded),
        application,
        &assignments,
    )
    .map_err(PartnershipError::Refused)?;
    insert_assignments(db, actor, &[(application, evaluator)], true).await?;
    Ok(call.id)
}

/// Records the assignments, each once (a racing request that assigned it first wins); `manual`
/// ones are the admin's, the others balanced.
async fn insert_assignments(
    db: &Db,
    actor: &Actor,
    pairs: &[(i64, i64)],
    manual: bool,
) -> Result<usize> {
    if pairs.is_empty() {
        return Ok(0);
    }
    let by = if manual { actor.id() } else { None };
    let now = crate::audit::now();
    on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        let mut inserted = 0;
        for (application, evaluator) in pairs {
            let done = sqlx::query(
                "INSERT INTO evaluation_assignments (application_id, evaluator_id, assigned_by, assigned_at) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (application_id, evaluator_id) DO NOTHING",
            )
            .bind(application)
            .bind(evaluator)
            .bind(by)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 1 {
                inserted += 1;
                audit!(
                    &mut *tx,
                    actor,
                    "application",
                    application,
                    "assign",
                    format!("evaluator {evaluator}")
                )?;
            }
        }
        if manual && inserted == 0 {
            return Err(PartnershipError::Refused(Refusal::AlreadyAssigned));
        }
        tx.commit().await?;
        Ok(inserted)
    })
}

/// What balancing did: how many assignments it made, and the applications still short of
/// [`ranking::MIN_EVALUATIONS`] evaluators for want of allowed ones.
#[derive(Debug, PartialEq, Eq)]
pub struct Balanced {
    pub assigned: usize,
    pub short: Vec<i64>,
}

/// Gives every admitted application of `call` (or only `only`) at least three evaluators, each
/// time the allowed one with the fewest applications in this call.
pub async fn balance(
    db: &Db,
    registry: &RegistryIndex,
    actor: &Actor,
    call: i64,
    only: Option<i64>,
) -> Result<Balanced> {
    let call = read_call(db, call)
        .await?
        .ok_or(PartnershipError::NotFound)?;
    assigning(&call)?;
    let (admitted, _) = submitted_applications(db, registry, &call).await?;
    let evaluators = call_evaluators(db, call.id).await?;
    let assignments = assignments_in_call(db, call.id).await?;
    let mut load: HashMap<i64, usize> = HashMap::new();
    for a in assignments.iter().filter(|a| a.active()) {
        *load.entry(a.evaluator_id).or_default() += 1;
    }
    let (mut pairs, mut short) = (Vec::new(), Vec::new());
    for application in admitted.iter().filter(|a| only.is_none_or(|o| o == a.id)) {
        let active = assignments
            .iter()
            .filter(|a| a.application_id == application.id && a.active())
            .count();
        let oblasts = member_oblasts(registry, application);
        let mut allowed: Vec<&Evaluator> = evaluators
            .iter()
            .filter(|e| assignable(e, &oblasts, application.id, &assignments).is_ok())
            .collect();
        allowed.sort_by_key(|(id, _, _)| (load.get(id).copied().unwrap_or(0), *id));
        let needed = ranking::MIN_EVALUATIONS.saturating_sub(active);
        for (id, _, _) in allowed.iter().take(needed) {
            pairs.push((application.id, *id));
            *load.entry(*id).or_default() += 1;
        }
        if allowed.len() < needed {
            short.push(application.id);
        }
    }
    let assigned = insert_assignments(db, actor, &pairs, false).await?;
    Ok(Balanced { assigned, short })
}

/// The evaluator declares, before the application opens to them, that they have no conflict of
/// interest with it, or that they have one (with a note), which hands it to another evaluator.
/// Gives the application's call.
pub async fn declare(
    db: &Db,
    registry: &RegistryIndex,
    actor: &Actor,
    evaluator: i64,
    application: i64,
    conflict: bool,
    note: &str,
) -> Result<i64> {
    let mut problems = Vec::new();
    check_text(&mut problems, "note", note, conflict, COMMENT_MAX);
    if !problems.is_empty() {
        return Err(PartnershipError::Invalid(problems));
    }
    let loaded = load_application(db, application)
        .await?
        .ok_or(PartnershipError::NotFound)?;
    let call = read_call(db, loaded.call_id)
        .await?
        .ok_or(PartnershipError::NotFound)?;
    if !matches!(
        call.phase(crate::audit::now()),
        Phase::Closed | Phase::Evaluation
    ) {
        return Err(PartnershipError::Refused(Refusal::NotInEvaluation));
    }
    let declaration = if conflict { "conflict" } else { "no_conflict" };
    let now = crate::audit::now();
    on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        let done = sqlx::query(
            "UPDATE evaluation_assignments SET declaration = $1, declared_at = $2, conflict_note = $3 \
             WHERE application_id = $4 AND evaluator_id = $5 AND declaration IS NULL",
        )
        .bind(declaration)
        .bind(now)
        .bind(note.trim())
        .bind(application)
        .bind(evaluator)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            let assigned: Option<i64> = sqlx::query_scalar(
                "SELECT evaluator_id FROM evaluation_assignments WHERE application_id = $1 AND evaluator_id = $2",
            )
            .bind(application)
            .bind(evaluator)
            .fetch_optional(&mut *tx)
            .await?;
            return Err(match assigned {
                Some(_) => PartnershipError::Refused(Refusal::AlreadyDeclared),
                None => PartnershipError::NotFound,
            });
        }
        let summary = if conflict {
            format!("conflict: {}", note.trim())
        } else {
            "no conflict".to_string()
        };
        audit!(
            &mut *tx,
            actor,
            "application",
            application,
            "declare",
            summary
        )?;
        tx.commit().await?;
        Ok::<_, PartnershipError>(())
    })?;
    if conflict {
        balance(db, registry, actor, call.id, Some(application)).await?;
    }
    Ok(call.id)
}

/// Scores in half points, checked against the criteria; every score and comment is required
/// when the evaluator submits.
fn check_scores(
    criteria: &[CriterionRow],
    forms: &[ScoreForm],
    submit: bool,
) -> Result<Vec<(Option<i64>, String)>> {
    let mut problems = Vec::new();
    let mut checked = Vec::with_capacity(criteria.len());
    for (position, (_, _, _, _, max_score, _)) in criteria.iter().enumerate() {
        let empty = ScoreForm::default();
        let form = forms.get(position).unwrap_or(&empty);
        let field = format!("score-{position}");
        let halves = if form.score.trim().is_empty() {
            if submit {
                problems.push(FieldProblem::new(&field, Problem::NotAScore));
            }
            None
        } else {
            match parse_number(&form.score) {
                Some(n) if n < 0.0 => {
                    problems.push(FieldProblem::new(&field, Problem::Below("0".into())));
                    None
                }
                Some(n) if n > *max_score as f64 => {
                    problems.push(FieldProblem::new(
                        &field,
                        Problem::Above(max_score.to_string()),
                    ));
                    None
                }
                Some(n) if (n * 2.0).fract() == 0.0 => Some((n * 2.0) as i64),
                _ => {
                    problems.push(FieldProblem::new(&field, Problem::NotAScore));
                    None
                }
            }
        };
        check_text(
            &mut problems,
            &format!("comment-{position}"),
            &form.comment,
            submit,
            COMMENT_MAX,
        );
        checked.push((halves, form.comment.trim().to_string()));
    }
    if problems.is_empty() {
        Ok(checked)
    } else {
        Err(PartnershipError::Invalid(problems))
    }
}

/// The evaluator saves their scores, or (`submit`) submits them, after which they are locked and
/// the others' scores open to them. Only while the call is in evaluation, only after declaring
/// no conflict, and a submission happens once. Gives the application's call.
pub async fn save_scores(
    db: &Db,
    actor: &Actor,
    evaluator: i64,
    application: i64,
    forms: &[ScoreForm],
    submit: bool,
) -> Result<i64> {
    let loaded = load_application(db, application)
        .await?
        .ok_or(PartnershipError::NotFound)?;
    let criteria = criteria_of(db, loaded.call_id).await?;
    let checked = check_scores(&criteria, forms, submit)?;
    let now = crate::audit::now();
    on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        // One statement decides: the phase, the declaration and an earlier submission are all
        // read with the row it changes, so a racing save or a closed phase is refused here.
        let done = sqlx::query(
            "UPDATE evaluation_assignments SET saved_at = $1, \
             submitted_at = CASE WHEN $2 THEN $1 ELSE NULL END \
             WHERE application_id = $3 AND evaluator_id = $4 AND submitted_at IS NULL \
             AND declaration = 'no_conflict' AND EXISTS \
             (SELECT 1 FROM calls c WHERE c.id = $5 AND c.phase = 'evaluation')",
        )
        .bind(now)
        .bind(submit)
        .bind(application)
        .bind(evaluator)
        .bind(loaded.call_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            let row: Option<(Option<String>, Option<i64>)> = sqlx::query_as(
                "SELECT declaration, submitted_at FROM evaluation_assignments \
                 WHERE application_id = $1 AND evaluator_id = $2",
            )
            .bind(application)
            .bind(evaluator)
            .fetch_optional(&mut *tx)
            .await?;
            let refusal = match row {
                None => return Err(PartnershipError::NotFound),
                Some((Some(declared), _)) if declared == "conflict" => {
                    return Err(PartnershipError::NotFound)
                }
                Some((_, Some(_))) => Refusal::ScoresSubmitted,
                Some((None, _)) => Refusal::NotDeclared,
                Some(_) => Refusal::NotInEvaluation,
            };
            return Err(PartnershipError::Refused(refusal));
        }
        for (position, (halves, comment)) in checked.iter().enumerate() {
            sqlx::query(
                "INSERT INTO evaluation_scores (application_id, evaluator_id, position, halves, comment) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (application_id, evaluator_id, position) \
                 DO UPDATE SET halves = excluded.halves, comment = excluded.comment",
            )
            .bind(application)
            .bind(evaluator)
            .bind(position as i64)
            .bind(halves)
            .bind(comment)
            .execute(&mut *tx)
            .await?;
        }
        let scores: Vec<String> = checked
            .iter()
            .map(|(h, _)| h.map_or("—".into(), |h| show_number(h as f64 / 2.0, true)))
            .collect();
        audit!(
            &mut *tx,
            actor,
            "application",
            application,
            if submit {
                "submit-scores"
            } else {
                "save-scores"
            },
            scores.join(" / ")
        )?;
        tx.commit().await?;
        Ok::<_, PartnershipError>(())
    })?;
    Ok(loaded.call_id)
}

/// One evaluator's submitted scores of an application by criterion, with the comments.
#[derive(Clone)]
struct Evaluated {
    evaluator: i64,
    scores: Vec<Option<f64>>,
    comments: Vec<String>,
}

/// Submitted evaluations of the call's applications, by application, earliest first.
struct Submitted {
    scores: HashMap<i64, Vec<Evaluated>>,
}

async fn submitted_scores(db: &Db, call: i64, criteria: usize) -> Result<Submitted> {
    let rows: Vec<(i64, i64, i64, Option<i64>, String)> = on_db!(db, read, |pool| {
        sqlx::query_as(
            "SELECT s.application_id, s.evaluator_id, s.position, s.halves, s.comment \
             FROM evaluation_scores s JOIN evaluation_assignments e \
             ON e.application_id = s.application_id AND e.evaluator_id = s.evaluator_id \
             JOIN applications a ON a.id = s.application_id \
             WHERE a.call_id = $1 AND e.submitted_at IS NOT NULL \
             ORDER BY s.application_id, e.submitted_at, s.evaluator_id, s.position",
        )
        .bind(call)
        .fetch_all(pool)
        .await
    })?;
    let mut scores: HashMap<i64, Vec<Evaluated>> = HashMap::new();
    for (application, evaluator, position, halves, comment) in rows {
        let of_application = scores.entry(application).or_default();
        if of_application
            .last()
            .is_none_or(|e| e.evaluator != evaluator)
        {
            of_application.push(Evaluated {
                evaluator,
                scores: vec![None; criteria],
                comments: vec![String::new(); criteria],
            });
        }
        if let Some(evaluated) = of_application.last_mut() {
            let position = position as usize;
            if position < criteria {
                evaluated.scores[position] = halves.map(|h| h as f64 / 2.0);
                evaluated.comments[position] = comment;
            }
        }
    }
    Ok(Submitted { scores })
}

fn grant_of(application: &LoadedApplication) -> i64 {
    application
        .budget
        .iter()
        .map(|l| l.amount - l.cofinancing)
        .sum()
}

fn specs(criteria: &[CriterionRow]) -> Vec<CriterionSpec> {
    criteria
        .iter()
        .map(|(_, _, _, weight, max_score, threshold)| CriterionSpec {
            weight: *weight,
            max_score: *max_score,
            threshold: *threshold,
        })
        .collect()
}

/// Everything the evaluation of a call stands on, read once.
struct Standing {
    call: CallRow,
    criteria: Vec<CriterionRow>,
    admitted: Vec<LoadedApplication>,
    not_admitted: Vec<LoadedApplication>,
    evaluators: Vec<Evaluator>,
    assignments: Vec<Assignment>,
    ranked: Vec<Ranked>,
}

async fn standing(db: &Db, registry: &RegistryIndex, call: i64) -> Result<Option<Standing>> {
    let Some(call) = read_call(db, call).await? else {
        return Ok(None);
    };
    let criteria = criteria_of(db, call.id).await?;
    let (admitted, not_admitted) = submitted_applications(db, registry, &call).await?;
    let evaluators = call_evaluators(db, call.id).await?;
    let assignments = assignments_in_call(db, call.id).await?;
    let submitted = submitted_scores(db, call.id, criteria.len()).await?;
    let candidates: Vec<Candidate> = admitted
        .iter()
        .map(|a| Candidate {
            application: a.id,
            submitted_at: a.submitted_at.unwrap_or_default(),
            grant: grant_of(a),
            evaluations: submitted
                .scores
                .get(&a.id)
                .map(|evaluations| {
                    evaluations
                        .iter()
                        .map(|e| e.scores.iter().map(|s| s.unwrap_or(0.0)).collect())
                        .collect()
                })
                .unwrap_or_default(),
            pending: assignments
                .iter()
                .filter(|s| s.application_id == a.id && s.active() && s.submitted_at.is_none())
                .count(),
        })
        .collect();
    let selection = Selection {
        winners: call.winners,
        envelope: call.budget_uah,
        pass_total: call.pass_total,
    };
    let ranked = ranking::rank(&specs(&criteria), &selection, &candidates);
    Ok(Some(Standing {
        call,
        criteria,
        admitted,
        not_admitted,
        evaluators,
        assignments,
        ranked,
    }))
}

fn criteria_shown(criteria: &[CriterionRow], lang: Lang) -> Vec<Criterion> {
    criteria
        .iter()
        .map(
            |(uk, en, description, weight, max_score, threshold)| Criterion {
                name: pick(lang, uk, en),
                description: description.clone(),
                weight: *weight,
                max_score: *max_score,
                threshold: *threshold,
            },
        )
        .collect()
}

fn members_of(registry: &RegistryIndex, application: &LoadedApplication) -> Vec<HromadaLink> {
    application
        .members
        .iter()
        .map(|(code, _)| link(registry, code))
        .collect()
}

fn card(registry: &RegistryIndex, application: &LoadedApplication) -> ApplicationCard {
    ApplicationCard {
        id: application.id,
        title: application.title.clone(),
        lead: link(registry, &application.lead),
        members: application.members.len() as i64,
        status: Status::Submitted,
        eligible: false,
    }
}

/// A call's evaluation for the admin.
pub async fn call_evaluation(
    db: &Db,
    registry: &RegistryIndex,
    call: i64,
    lang: Lang,
) -> Result<Option<CallEvaluation>> {
    let Some(s) = standing(db, registry, call).await? else {
        return Ok(None);
    };
    let name_of = |id: i64| {
        s.evaluators
            .iter()
            .find(|(e, _, _)| *e == id)
            .map_or_else(|| format!("#{id}"), |(_, name, _)| name.clone())
    };
    let applications = s
        .ranked
        .iter()
        .filter_map(|ranked| {
            let application = s.admitted.iter().find(|a| a.id == ranked.application)?;
            let oblasts = member_oblasts(registry, application);
            Some(EvaluatedApplication {
                id: application.id,
                title: application.title.clone(),
                members: members_of(registry, application),
                assignments: s
                    .assignments
                    .iter()
                    .filter(|a| a.application_id == application.id)
                    .map(|a| AssignmentRow {
                        evaluator: name_of(a.evaluator_id),
                        state: a.state(),
                        by_admin: a.assigned_by.is_some(),
                    })
                    .collect(),
                assignable: s
                    .evaluators
                    .iter()
                    .filter(|e| assignable(e, &oblasts, application.id, &s.assignments).is_ok())
                    .map(|(id, name, _)| Choice {
                        value: id.to_string(),
                        name: name.clone(),
                    })
                    .collect(),
                ranked: ranked.clone(),
            })
        })
        .collect();
    let count = |id: i64, state: fn(&Assignment) -> bool| {
        s.assignments
            .iter()
            .filter(|a| a.evaluator_id == id && state(a))
            .count()
    };
    let phase = s.call.phase(crate::audit::now());
    Ok(Some(CallEvaluation {
        call: Choice {
            value: s.call.id.to_string(),
            name: pick(lang, &s.call.title_uk, &s.call.title_en),
        },
        phase,
        winners: s.call.winners,
        budget: s.call.budget_uah,
        pass_total: s.call.pass_total,
        criteria: criteria_shown(&s.criteria, lang),
        evaluators: s
            .evaluators
            .iter()
            .map(|(id, name, oblast)| EvaluatorProgress {
                id: *id,
                name: name.clone(),
                oblast: oblast.clone(),
                assigned: count(*id, Assignment::active),
                declared: count(*id, |a| a.declaration.as_deref() == Some("no_conflict")),
                submitted: count(*id, |a| a.submitted_at.is_some()),
                conflicts: count(*id, |a| !a.active()),
            })
            .collect(),
        oblasts: registry
            .oblasts()
            .iter()
            .map(|o| Choice {
                value: o.katottg.clone(),
                name: o.name(lang).to_string(),
            })
            .collect(),
        ready: phase == Phase::Evaluation
            && !s.ranked.is_empty()
            && s.ranked.iter().all(|r| r.complete),
        applications,
        not_admitted: s.not_admitted.iter().map(|a| card(registry, a)).collect(),
    }))
}

/// The admin confirms the selection and publishes the results: every application complete,
/// winners within their number and the envelope, each departure from the proposal with its
/// reason. Happens once: the phase changes in the same transaction.
pub async fn confirm_results(
    db: &Db,
    registry: &RegistryIndex,
    actor: &Actor,
    call: i64,
    decisions: &[DecisionForm],
) -> Result<()> {
    let s = standing(db, registry, call)
        .await?
        .ok_or(PartnershipError::NotFound)?;
    if s.call.phase(crate::audit::now()) != Phase::Evaluation {
        return Err(PartnershipError::Refused(Refusal::WrongPhase));
    }
    if s.ranked.is_empty() || s.ranked.iter().any(|r| !r.complete) {
        return Err(PartnershipError::Refused(Refusal::EvaluationIncomplete));
    }
    let mut problems = Vec::new();
    let mut chosen = Vec::with_capacity(s.ranked.len());
    for ranked in &s.ranked {
        let decision = decisions
            .iter()
            .find(|d| d.application == ranked.application);
        let outcome = decision
            .and_then(|d| Outcome::parse(&d.outcome))
            .unwrap_or(ranked.proposal);
        let reason = decision.map_or("", |d| d.reason.trim());
        let field = format!("reason-{}", ranked.application);
        check_text(
            &mut problems,
            &field,
            reason,
            outcome != ranked.proposal,
            COMMENT_MAX,
        );
        chosen.push((ranked, outcome, reason.to_string()));
    }
    let winners: Vec<_> = chosen
        .iter()
        .filter(|(_, o, _)| *o == Outcome::Winner)
        .collect();
    if winners.len() as i64 > s.call.winners {
        problems.push(FieldProblem::new(
            "decisions",
            Problem::Above(s.call.winners.to_string()),
        ));
    }
    let granted: i64 = winners.iter().map(|(r, _, _)| r.grant).sum();
    if granted > s.call.budget_uah {
        problems.push(FieldProblem::new(
            "grants",
            Problem::Above(s.call.budget_uah.to_string()),
        ));
    }
    if !problems.is_empty() {
        return Err(PartnershipError::Invalid(problems));
    }
    let now = crate::audit::now();
    on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        let done = sqlx::query(
            "UPDATE calls SET phase = 'published', updated_at = $1 WHERE id = $2 AND phase = 'evaluation'",
        )
        .bind(now)
        .bind(call)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(PartnershipError::Refused(Refusal::WrongPhase));
        }
        for (ranked, outcome, reason) in &chosen {
            sqlx::query(
                "INSERT INTO call_outcomes (application_id, call_id, place, total, outcome, proposal, \
                 reason, confirmed_by, confirmed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(ranked.application)
            .bind(call)
            .bind(ranked.place.unwrap_or_default() as i64)
            .bind(ranked.total)
            .bind(outcome.as_str())
            .bind(ranked.proposal.as_str())
            .bind(reason)
            .bind(actor.id())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        let departures = chosen.iter().filter(|(r, o, _)| *o != r.proposal).count();
        audit!(
            &mut *tx,
            actor,
            "call",
            call,
            "publish-results",
            format!(
                "{} winners, {departures} departures from the ranking",
                winners.len()
            )
        )?;
        tx.commit().await?;
        Ok(())
    })
}

/// The published results of a call, by place.
pub async fn results(db: &Db, registry: &RegistryIndex, call: i64) -> Result<Vec<ResultRow>> {
    let outcomes: Vec<(i64, i64, f64, String, String)> = on_db!(db, read, |pool| {
        sqlx::query_as(
            "SELECT application_id, place, total, outcome, reason FROM call_outcomes \
             WHERE call_id = $1 ORDER BY place, application_id",
        )
        .bind(call)
        .fetch_all(pool)
        .await
    })?;
    if outcomes.is_empty() {
        return Ok(Vec::new());
    }
    let Some(s) = standing(db, registry, call).await? else {
        return Ok(Vec::new());
    };
    Ok(outcomes
        .into_iter()
        .filter_map(|(application, place, total, outcome, reason)| {
            let loaded = s.admitted.iter().find(|a| a.id == application)?;
            let ranked = s.ranked.iter().find(|r| r.application == application)?;
            Some(ResultRow {
                application,
                title: loaded.title.clone(),
                members: members_of(registry, loaded),
                place,
                total,
                means: ranked.means.clone(),
                grant: ranked.grant,
                outcome: Outcome::parse(&outcome).unwrap_or(Outcome::NotSelected),
                reason,
            })
        })
        .collect())
}

/// The application's evaluation as its hromadas see it once the results are published:
/// `None` before.
pub async fn review(db: &Db, call: i64, application: i64, lang: Lang) -> Result<Option<Review>> {
    let outcome: Option<(i64, f64, String, String)> = on_db!(db, read, |pool| {
        sqlx::query_as(
            "SELECT place, total, outcome, reason FROM call_outcomes WHERE application_id = $1",
        )
        .bind(application)
        .fetch_optional(pool)
        .await
    })?;
    let Some((place, total, outcome, reason)) = outcome else {
        return Ok(None);
    };
    let criteria = criteria_of(db, call).await?;
    let submitted = submitted_scores(db, call, criteria.len()).await?;
    let evaluations = submitted
        .scores
        .get(&application)
        .cloned()
        .unwrap_or_default();
    Ok(Some(Review {
        outcome: Outcome::parse(&outcome).unwrap_or(Outcome::NotSelected),
        place,
        total,
        reason,
        criteria: criteria_shown(&criteria, lang)
            .into_iter()
            .enumerate()
            .map(|(position, criterion)| {
                let scores: Vec<f64> = evaluations
                    .iter()
                    .filter_map(|e| e.scores[position])
                    .collect();
                ReviewedCriterion {
                    mean: if scores.is_empty() {
                        0.0
                    } else {
                        scores.iter().sum::<f64>() / scores.len() as f64
                    },
                    comments: evaluations
                        .iter()
                        .map(|e| e.comments[position].clone())
                        .filter(|c| !c.is_empty())
                        .collect(),
                    name: criterion.name,
                    max_score: criterion.max_score,
                }
            })
            .collect(),
    }))
}

/// The evaluator's applications, the call's newest first.
pub async fn assignments_of(
    db: &Db,
    registry: &RegistryIndex,
    evaluator: i64,
    lang: Lang,
) -> Result<Vec<AssignmentCard>> {
    type Row = (
        i64,
        Option<String>,
        Option<i64>,
        String,
        String,
        i64,
        String,
        String,
    );
    let rows: Vec<Row> = on_db!(db, read, |pool| {
        sqlx::query_as(
            "SELECT e.application_id, e.declaration, e.submitted_at, a.title, a.lead_katottg, \
             c.id, c.title_uk, c.title_en FROM evaluation_assignments e \
             JOIN applications a ON a.id = e.application_id JOIN calls c ON c.id = a.call_id \
             WHERE e.evaluator_id = $1 ORDER BY c.id DESC, a.id",
        )
        .bind(evaluator)
        .fetch_all(pool)
        .await
    })?;
    Ok(rows
        .into_iter()
        .map(
            |(application, declaration, submitted, title, lead, call, uk, en)| AssignmentCard {
                application,
                call: Choice {
                    value: call.to_string(),
                    name: pick(lang, &uk, &en),
                },
                title,
                lead: link(registry, &lead),
                state: AssignmentState::of(declaration.as_deref(), submitted.is_some()),
            },
        )
        .collect())
}

/// What `evaluator` sees of `application`: `None` when they are not assigned to it.
pub async fn sheet(
    db: &Db,
    registry: &RegistryIndex,
    evaluator: i64,
    application: i64,
    lang: Lang,
) -> Result<Option<EvaluationSheet>> {
    let assignment: Option<(Option<String>, Option<i64>)> = on_db!(db, read, |pool| {
        sqlx::query_as(
            "SELECT declaration, submitted_at FROM evaluation_assignments \
             WHERE application_id = $1 AND evaluator_id = $2",
        )
        .bind(application)
        .bind(evaluator)
        .fetch_optional(pool)
        .await
    })?;
    let Some((declaration, submitted_at)) = assignment else {
        return Ok(None);
    };
    let state = AssignmentState::of(declaration.as_deref(), submitted_at.is_some());
    let loaded = load_application(db, application)
        .await?
        .ok_or(PartnershipError::NotFound)?;
    let call = read_call(db, loaded.call_id)
        .await?
        .ok_or(PartnershipError::NotFound)?;
    let criteria = criteria_of(db, call.id).await?;
    let opened = matches!(state, AssignmentState::Scoring | AssignmentState::Submitted);
    let content = if opened {
        Some(application_page(db, registry, &loaded, None, false, lang).await?)
    } else {
        None
    };
    let own: Vec<(i64, Option<i64>, String)> = on_db!(db, read, |pool| {
        sqlx::query_as(
            "SELECT position, halves, comment FROM evaluation_scores \
             WHERE application_id = $1 AND evaluator_id = $2 ORDER BY position",
        )
        .bind(application)
        .bind(evaluator)
        .fetch_all(pool)
        .await
    })?;
    let uk = lang == Lang::Uk;
    let scores = (0..criteria.len())
        .map(|position| {
            own.iter()
                .find(|(p, _, _)| *p == position as i64)
                .map(|(_, halves, comment)| ScoreForm {
                    score: halves.map_or_else(String::new, |h| show_number(h as f64 / 2.0, uk)),
                    comment: comment.clone(),
                })
                .unwrap_or_default()
        })
        .collect();
    let peers = if state == AssignmentState::Submitted {
        submitted_scores(db, call.id, criteria.len())
            .await?
            .scores
            .remove(&application)
            .unwrap_or_default()
            .into_iter()
            .filter(|e| e.evaluator != evaluator)
            .enumerate()
            .map(|(i, e)| PeerScores {
                number: i + 1,
                scores: e.scores,
                comments: e.comments,
            })
            .collect()
    } else {
        Vec::new()
    };
    let phase = call.phase(crate::audit::now());
    Ok(Some(EvaluationSheet {
        application,
        call: Choice {
            value: call.id.to_string(),
            name: pick(lang, &call.title_uk, &call.title_en),
        },
        title: loaded.title.clone(),
        phase,
        state,
        content,
        criteria: criteria_shown(&criteria, lang),
        scores,
        peers,
        editable: state == AssignmentState::Scoring && phase == Phase::Evaluation,
    }))
}
