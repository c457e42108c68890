//! Partnership calls and applications on both databases: a call saved and read back with its
//! rules and criteria; each field problem at its field; phases that only move forward, each
//! change refused after its phase; applications checked against the registry with reasons in
//! words; confirmations and submissions that happen exactly once, racing or not; the one
//! application per hromada rule; admin overrides, audited; the pages as the server renders them.

mod common;

use app::accounts::types::Role;
use app::audit::{Actor, AuditFilter};
use app::db::Db;
use app::i18n::Lang;
use app::partnerships::api::{AdvanceCall, ConfirmApplication};
use app::partnerships::storage::{self as calls, PartnershipError};
use app::partnerships::types::*;
use app::ui::editor::Problem;
use axum::http::StatusCode;
use common::{app, form, get, request, signed_in, with_registry};
use leptos::server_fn::ServerFn;

const BUCHA: &str = "UA32080070000050759"; // urban, Kyiv Oblast
const DMYTRIVSKA: &str = "UA32080130000056481"; // rural, Kyiv Oblast
const BYSHIVSKA: &str = "UA32140010000049369"; // rural, Kyiv Oblast
const DAVYDIVSKA: &str = "UA46060090000017373"; // rural, Lviv Oblast
const ZHYTOMYRSKA: &str = "UA18040190000029215"; // urban, Zhytomyr Oblast (borders Kyiv Oblast)

async fn registry(db: &Db) -> std::sync::Arc<app::hromadas::index::RegistryIndex> {
    app::hromadas::cache::RegistryCache::default()
        .get(db)
        .await
        .unwrap()
}

fn call_form() -> CallForm {
    let now = app::audit::now();
    CallForm {
        title_uk: "Конкурс партнерств".into(),
        description_uk: "Опис <script>alert(1)</script> **важливого**.".into(),
        sectors: vec!["communal-services".into()],
        opens_at: app::clock::kyiv_local_string(now - 3600),
        closes_at: app::clock::kyiv_local_string(now + 30 * 24 * 3600),
        budget: "10 000 000".into(),
        max_grant: "2000000".into(),
        min_cofinancing: "10".into(),
        winners: "3".into(),
        rules: vec![RULE_MIXED_KINDS.into(), RULE_ONE_APPLICATION.into()],
        geography: "neighbouring".into(),
        members_min: "2".into(),
        members_max: "3".into(),
        criteria: vec![
            CriterionForm {
                name_uk: "Потреба".into(),
                weight: "3".into(),
                max_score: "10".into(),
                threshold: "4,5".into(),
                ..CriterionForm::default()
            },
            CriterionForm {
                name_uk: "Партнерство".into(),
                weight: "2".into(),
                max_score: "10".into(),
                ..CriterionForm::default()
            },
        ],
        ..CallForm::default()
    }
}

/// An open call taking applications.
async fn open_call(db: &Db) -> i64 {
    let id = calls::save_call(db, &Actor::Shell, None, &call_form())
        .await
        .unwrap();
    calls::advance_phase(db, &Actor::Shell, id, Phase::Draft)
        .await
        .unwrap();
    id
}

fn application(call: i64, partners: &str) -> ApplicationForm {
    ApplicationForm {
        call,
        title: "Спільний ЦНАП".into(),
        summary: "Послуги ближче до сіл.".into(),
        partners: partners.into(),
        sectors: vec!["communal-services".into()],
        problem: "Дві години дороги.".into(),
        activities: "Закупівля, навчання.".into(),
        budget: vec![BudgetLineForm {
            item: "Обладнання".into(),
            amount: "1 000 000".into(),
            cofinancing: "150000".into(),
            cofinanced_by: "Бучанська".into(),
        }],
        results: vec![ResultForm {
            result: "Послуга доступна".into(),
            indicator: "Час дороги".into(),
            target: "30 хв".into(),
        }],
        needs: String::new(),
    }
}

fn fields(error: PartnershipError) -> Vec<(String, Problem)> {
    match error {
        PartnershipError::Invalid(problems) => {
            problems.into_iter().map(|p| (p.field, p.problem)).collect()
        }
        other => panic!("expected field problems, got {other:?}"),
    }
}

fn refusal(error: PartnershipError) -> Refusal {
    match error {
        PartnershipError::Refused(refusal) => refusal,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// The refusal of the one of two racing attempts that lost; the other must have succeeded.
fn one_refused<T: std::fmt::Debug>(
    a: Result<T, PartnershipError>,
    b: Result<T, PartnershipError>,
) -> Refusal {
    match (a, b) {
        (Ok(_), Err(lost)) | (Err(lost), Ok(_)) => refusal(lost),
        other => panic!("expected one success and one refusal, got {other:?}"),
    }
}

on_both_databases! {
    async fn a_call_is_saved_read_back_and_sanitized(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let id = calls::save_call(&db, &Actor::Shell, None, &call_form()).await.unwrap();
        let (form, phase) = calls::call_form(&db, id).await.unwrap().unwrap();
        assert_eq!(phase, Phase::Draft);
        assert_eq!(form.budget, "10000000");
        assert_eq!(form.criteria.len(), 2);
        assert_eq!(form.criteria[0].threshold, "4.5");
        assert_eq!(form.rules, vec![RULE_MIXED_KINDS.to_string(), RULE_ONE_APPLICATION.to_string()]);
        assert_eq!(form.geography, "neighbouring");
        assert_eq!(form.sectors, vec!["communal-services".to_string()]);

        // A draft is the staff's only.
        assert!(calls::call_page(&db, &registry, id, Lang::Uk, None, false).await.unwrap().is_none());
        assert!(calls::list_calls(&db, Lang::Uk, false).await.unwrap().is_empty());
        let page = calls::call_page(&db, &registry, id, Lang::Uk, None, true).await.unwrap().unwrap();
        assert!(!page.description_html.contains("<script"), "{}", page.description_html);
        assert!(page.description_html.contains("<strong>важливого</strong>"));
        assert_eq!(page.criteria[0].threshold, Some(4.5));
        assert!(!page.accepting);

        calls::advance_phase(&db, &Actor::Shell, id, Phase::Draft).await.unwrap();
        let listed = calls::list_calls(&db, Lang::Uk, false).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].phase, Phase::Open);
        let page = calls::call_page(&db, &registry, id, Lang::Uk, None, false).await.unwrap().unwrap();
        assert!(page.accepting);
        assert_eq!(page.rules.members_max, 3);
    }
}

on_both_databases! {
    async fn every_call_field_problem_is_at_its_field(db: Db) {
        with_registry(&db).await;
        let mut bad = call_form();
        bad.title_uk = " ".into();
        bad.closes_at = bad.opens_at.clone();
        bad.budget = "сто".into();
        bad.max_grant = "20000000".into();
        bad.min_cofinancing = "120".into();
        bad.geography = "moon".into();
        bad.members_min = "3".into();
        bad.members_max = "2".into();
        bad.criteria[1].max_score = "2.5".into();
        bad.criteria[0].threshold = "11".into();
        bad.sectors.push("astrology".into());
        bad.initiative = "no-such-initiative".into();
        let problems = fields(calls::save_call(&db, &Actor::Shell, None, &bad).await.unwrap_err());
        for (field, problem) in [
            ("title_uk", Problem::Required),
            ("closes_at", Problem::EndsBeforeStart),
            ("budget", Problem::NotANumber),
            ("min_cofinancing", Problem::Above("99".into())),
            ("geography", Problem::Required),
            ("members_max", Problem::Below("3".into())),
            ("criteria.1.max_score", Problem::NotANumber),
            ("criteria.0.threshold", Problem::Above("10".into())),
            ("sectors", Problem::Unknown("astrology".into())),
            ("initiative", Problem::Unknown("no-such-initiative".into())),
        ] {
            assert!(
                problems.contains(&(field.to_string(), problem.clone())),
                "{field}: {problem:?} not in {problems:?}"
            );
        }
        let mut no_criteria = call_form();
        no_criteria.criteria.clear();
        let problems = fields(calls::save_call(&db, &Actor::Shell, None, &no_criteria).await.unwrap_err());
        assert_eq!(problems, vec![("criteria".to_string(), Problem::Required)]);
        assert!(calls::list_calls(&db, Lang::Uk, true).await.unwrap().is_empty(), "nothing saved");
    }
}

on_both_databases! {
    async fn phases_move_forward_once_and_a_change_after_its_phase_is_refused(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let id = open_call(&db).await;
        // Two admins pressing "next" from the same page: one wins.
        assert_eq!(refusal(calls::advance_phase(&db, &Actor::Shell, id, Phase::Draft).await.unwrap_err()), Refusal::WrongPhase);
        let app_id = calls::save_application(&db, &registry, &Actor::Shell, BUCHA, None, &application(id, DMYTRIVSKA)).await.unwrap();
        assert_eq!(calls::advance_phase(&db, &Actor::Shell, id, Phase::Open).await.unwrap(), Phase::Closed);
        // Closed: no more saving, confirming or submitting, and the call keeps its rules.
        let refused = calls::save_application(&db, &registry, &Actor::Shell, BUCHA, Some(app_id), &application(id, DMYTRIVSKA)).await.unwrap_err();
        assert_eq!(refusal(refused), Refusal::NotAccepting);
        assert_eq!(refusal(calls::confirm(&db, &Actor::Shell, app_id, DMYTRIVSKA).await.unwrap_err()), Refusal::NotAccepting);
        assert_eq!(refusal(calls::submit(&db, &registry, &Actor::Shell, app_id, BUCHA).await.unwrap_err()), Refusal::NotAccepting);
        assert_eq!(refusal(calls::save_call(&db, &Actor::Shell, Some(id), &call_form()).await.unwrap_err()), Refusal::WrongPhase);
        assert_eq!(calls::advance_phase(&db, &Actor::Shell, id, Phase::Closed).await.unwrap(), Phase::Evaluation);
        // Results are published only by confirming the selection (see the evaluation tests).
        assert_eq!(refusal(calls::advance_phase(&db, &Actor::Shell, id, Phase::Evaluation).await.unwrap_err()), Refusal::ConfirmSelection);
        assert_eq!(refusal(calls::advance_phase(&db, &Actor::Shell, id, Phase::Published).await.unwrap_err()), Refusal::WrongPhase);
        let audit = app::audit::search(&db, &AuditFilter { entity: "call".into(), action: "phase".into(), ..AuditFilter::default() }).await.unwrap();
        assert_eq!(audit.total, 3);
    }
}

on_both_databases! {
    async fn an_application_is_checked_against_the_registry_with_reasons(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let call = open_call(&db).await;
        // Бучанська (urban, Kyiv Oblast) with Давидівська (rural, Lviv Oblast): not neighbours.
        let id = calls::save_application(&db, &registry, &Actor::Shell, BUCHA, None, &application(call, "Давидівська")).await.unwrap();
        let loaded = calls::load_application(&db, id).await.unwrap().unwrap();
        let page = calls::application_page(&db, &registry, &loaded, Some(BUCHA), false, Lang::En).await.unwrap();
        let geography = page.eligibility.iter().find(|r| r.rule == Rule::Geography).unwrap();
        assert!(!geography.passed);
        assert_eq!(
            geography.reason,
            "Давидівська is in Lviv Oblast, not a neighbour of Kyiv Oblast, the lead hromada Бучанська’s oblast."
        );
        assert!(page.eligibility.iter().find(|r| r.rule == Rule::MixedKinds).unwrap().passed);
        assert!(page.blockers.iter().any(|b| b.contains("Давидівська: a representative has yet to confirm")), "{:?}", page.blockers);
        assert!(page.editable);

        // With Житомирська instead (a neighbouring oblast) the pair has no rural hromada.
        calls::save_application(&db, &registry, &Actor::Shell, BUCHA, Some(id), &application(call, ZHYTOMYRSKA)).await.unwrap();
        let loaded = calls::load_application(&db, id).await.unwrap().unwrap();
        assert_eq!(loaded.members.len(), 2, "the partner replaced, not added");
        let page = calls::application_page(&db, &registry, &loaded, Some(BUCHA), false, Lang::Uk).await.unwrap();
        assert!(page.eligibility.iter().find(|r| r.rule == Rule::Geography).unwrap().passed);
        let kinds = page.eligibility.iter().find(|r| r.rule == Rule::MixedKinds).unwrap();
        assert!(!kinds.passed);
        assert_eq!(kinds.reason, "Немає жодної сільської громади: Бучанська, Житомирська — міські чи селищні.");

        // An admin overrides it with a reason: audited, and it decides.
        let problems = fields(calls::override_rule(&db, &Actor::Shell, id, Rule::MixedKinds, Some(true), " ").await.unwrap_err());
        assert_eq!(problems, vec![("reason".to_string(), Problem::Required)]);
        calls::override_rule(&db, &Actor::Shell, id, Rule::MixedKinds, Some(true), "Село Гута входить до Житомирської громади").await.unwrap();
        let page = calls::application_page(&db, &registry, &loaded, None, true, Lang::Uk).await.unwrap();
        let kinds = page.eligibility.iter().find(|r| r.rule == Rule::MixedKinds).unwrap();
        assert!(!kinds.passed && kinds.holds());
        assert_eq!(kinds.overridden.as_ref().unwrap().reason, "Село Гута входить до Житомирської громади");
        let audit = app::audit::search(&db, &AuditFilter { entity: "application".into(), action: "override".into(), ..AuditFilter::default() }).await.unwrap();
        assert_eq!(audit.total, 1);
    }
}

on_both_databases! {
    async fn bad_application_input_is_refused_at_its_field_and_loses_nothing(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let call = open_call(&db).await;
        let id = calls::save_application(&db, &registry, &Actor::Shell, BUCHA, None, &application(call, DMYTRIVSKA)).await.unwrap();
        let mut bad = application(call, "Неіснуюча, Городоцька");
        bad.title = String::new();
        bad.budget[0].amount = "багато".into();
        bad.budget.push(BudgetLineForm { item: "Ще".into(), amount: "100".into(), cofinancing: "200".into(), ..BudgetLineForm::default() });
        bad.results[0].result = " ".into();
        bad.needs = "99999".into();
        let problems = fields(calls::save_application(&db, &registry, &Actor::Shell, BUCHA, Some(id), &bad).await.unwrap_err());
        for (field, problem) in [
            ("title", Problem::Required),
            ("partners", Problem::Unknown("Неіснуюча".into())),
            ("partners", Problem::Ambiguous("Городоцька".into())),
            ("budget.0.amount", Problem::NotANumber),
            ("budget.1.cofinancing", Problem::Above("100".into())),
            ("results.0.result", Problem::Required),
            ("needs", Problem::Unknown("99999".into())),
        ] {
            assert!(problems.contains(&(field.to_string(), problem.clone())), "{field}: {problem:?} not in {problems:?}");
        }
        let kept = calls::load_application(&db, id).await.unwrap().unwrap();
        assert_eq!(kept.title, "Спільний ЦНАП");
        assert_eq!(kept.budget[0].amount, 1_000_000);
        // Another hromada's representative cannot edit it: it does not exist for them.
        assert!(matches!(
            calls::save_application(&db, &registry, &Actor::Shell, DAVYDIVSKA, Some(id), &application(call, BUCHA)).await,
            Err(PartnershipError::NotFound)
        ));
    }
}

on_both_databases! {
    async fn confirmation_and_submission_happen_exactly_once(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let call = open_call(&db).await;
        let id = calls::save_application(&db, &registry, &Actor::Shell, BUCHA, None, &application(call, DMYTRIVSKA)).await.unwrap();
        // Not ready: the partner has not confirmed.
        assert_eq!(refusal(calls::submit(&db, &registry, &Actor::Shell, id, BUCHA).await.unwrap_err()), Refusal::NotReady);
        // Only members confirm; a second confirmation, racing or not, is refused.
        assert_eq!(refusal(calls::confirm(&db, &Actor::Shell, id, DAVYDIVSKA).await.unwrap_err()), Refusal::NotAMember);
        let (a, b) = tokio::join!(
            calls::confirm(&db, &Actor::Shell, id, DMYTRIVSKA),
            calls::confirm(&db, &Actor::Shell, id, DMYTRIVSKA)
        );
        assert_eq!(one_refused(a, b), Refusal::AlreadyConfirmed);
        // Two submissions at once: one is recorded, the other is told it is submitted.
        let (a, b) = tokio::join!(
            calls::submit(&db, &registry, &Actor::Shell, id, BUCHA),
            calls::submit(&db, &registry, &Actor::Shell, id, BUCHA)
        );
        assert_eq!(one_refused(a, b), Refusal::Submitted);
        // Locked once submitted.
        let refused = calls::save_application(&db, &registry, &Actor::Shell, BUCHA, Some(id), &application(call, DMYTRIVSKA)).await.unwrap_err();
        assert_eq!(refusal(refused), Refusal::Submitted);
        let audit = app::audit::search(&db, &AuditFilter { entity: "application".into(), action: "submit".into(), ..AuditFilter::default() }).await.unwrap();
        assert_eq!(audit.total, 1);
        let listed = calls::list_calls(&db, Lang::Uk, false).await.unwrap();
        assert_eq!(listed[0].applications, 1);
    }
}

on_both_databases! {
    async fn a_hromada_takes_part_in_one_application_per_call(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let call = open_call(&db).await;
        let first = calls::save_application(&db, &registry, &Actor::Shell, BUCHA, None, &application(call, DMYTRIVSKA)).await.unwrap();
        let second = calls::save_application(&db, &registry, &Actor::Shell, ZHYTOMYRSKA, None, &application(call, &format!("{DMYTRIVSKA}, {BYSHIVSKA}"))).await.unwrap();
        calls::confirm(&db, &Actor::Shell, first, DMYTRIVSKA).await.unwrap();
        // Дмитрівська has confirmed the first: it cannot confirm the second.
        assert_eq!(refusal(calls::confirm(&db, &Actor::Shell, second, DMYTRIVSKA).await.unwrap_err()), Refusal::InAnotherApplication);
        calls::confirm(&db, &Actor::Shell, second, BYSHIVSKA).await.unwrap();
        let loaded = calls::load_application(&db, second).await.unwrap().unwrap();
        let page = calls::application_page(&db, &registry, &loaded, None, true, Lang::Uk).await.unwrap();
        let one = page.eligibility.iter().find(|r| r.rule == Rule::OneApplication).unwrap();
        assert!(!one.passed);
        assert_eq!(one.reason, format!("Дмитрівська уже бере участь у заявці № {first}."));
        // The lead of the first cannot lead a second application.
        assert_eq!(
            refusal(calls::save_application(&db, &registry, &Actor::Shell, BUCHA, None, &application(call, BYSHIVSKA)).await.unwrap_err()),
            Refusal::InAnotherApplication
        );
    }
}

on_both_databases! {
    async fn the_pages_and_server_functions_follow_roles_and_phases(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let call = open_call(&db).await;
        let app_id = calls::save_application(&db, &registry, &Actor::Shell, BUCHA, None, &application(call, DMYTRIVSKA)).await.unwrap();
        let router = app(db.clone());
        let page = get(&router, &format!("/partnerships/calls/{call}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Конкурс партнерств"));
        assert!(page.body.contains("Потреба"));
        let list = get(&router, "/en/partnerships").await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains("Конкурс партнерств"), "no English title: the Ukrainian one");
        // An application is private: a visitor must sign in, an outsider finds nothing.
        let private = get(&router, &format!("/partnerships/applications/{app_id}")).await;
        assert_eq!(private.status, StatusCode::UNAUTHORIZED);
        assert!(!private.body.contains("Спільний ЦНАП"));
        let (_, editor) = signed_in(&db, Role::Editor).await;
        let outsider = request(&router, axum::http::Request::get(format!("/partnerships/applications/{app_id}"))
            .header("cookie", &editor).body(axum::body::Body::empty()).unwrap()).await;
        assert_eq!(outsider.status, StatusCode::NOT_FOUND);
        assert!(!outsider.body.contains("Спільний ЦНАП"));
        // The lead's representative sees it, with what is left to do.
        let (_, rep) = signed_in(&db, Role::Representative).await;
        let own = request(&router, axum::http::Request::get(format!("/partnerships/applications/{app_id}"))
            .header("cookie", &rep).body(axum::body::Body::empty()).unwrap()).await;
        assert_eq!(own.status, StatusCode::OK);
        assert!(own.body.contains("Спільний ЦНАП"));
        assert!(own.body.contains("участь ще не підтвердив"));
        // The lead's representative cannot confirm for the partner: their hromada is the lead.
        let confirm = request(&router, form(ConfirmApplication::PATH, &format!("id={app_id}"), Some(&rep))).await;
        assert_eq!(confirm.status, StatusCode::CONFLICT, "{}", confirm.body);
        // Phases are the admin's: a representative is refused.
        let advance = request(&router, form(AdvanceCall::PATH, &format!("id={call}&from=open"), Some(&rep))).await;
        assert_eq!(advance.status, StatusCode::FORBIDDEN);
        let (_, admin) = signed_in(&db, Role::Admin).await;
        let advance = request(&router, form(AdvanceCall::PATH, &format!("id={call}&from=open"), Some(&admin))).await;
        assert!(advance.status.is_success() || advance.status.is_redirection(), "{}", advance.status);
        let again = request(&router, form(AdvanceCall::PATH, &format!("id={call}&from=open"), Some(&admin))).await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        assert!(!again.body.contains("SELECT"));
    }
}

// ---- Evaluation ----

use app::partnerships::ranking::Outcome;
use app::partnerships::storage::evaluation as review;

/// Five evaluators, two submitted applications (Бучанська + Дмитрівська, Kyiv Oblast;
/// Житомирська + Бишівська, Zhytomyr and Kyiv Oblasts) and the call closed.
struct Evaluation {
    call: i64,
    kyiv_pair: i64,
    zhytomyr_pair: i64,
    evaluators: Vec<i64>,
}

async fn closed_call_with_evaluators(db: &Db) -> Evaluation {
    use app::accounts::storage::{create, NewAccount};
    let registry = registry(db).await;
    let mut evaluators = Vec::new();
    for n in 1..=5 {
        let new = NewAccount {
            email: format!("evaluator{n}@spilno.test"),
            display_name: format!("Оцінювач Тест {n}"),
            roles: vec![Role::Evaluator],
            hromada_katottg: None,
        };
        evaluators.push(create(db, &Actor::Shell, &new).await.unwrap());
    }
    let mut form = call_form();
    form.evaluators = evaluators.iter().map(i64::to_string).collect();
    let call = calls::save_call(db, &Actor::Shell, None, &form)
        .await
        .unwrap();
    calls::advance_phase(db, &Actor::Shell, call, Phase::Draft)
        .await
        .unwrap();
    let kyiv_pair = calls::save_application(
        db,
        &registry,
        &Actor::Shell,
        BUCHA,
        None,
        &application(call, DMYTRIVSKA),
    )
    .await
    .unwrap();
    calls::confirm(db, &Actor::Shell, kyiv_pair, DMYTRIVSKA)
        .await
        .unwrap();
    calls::submit(db, &registry, &Actor::Shell, kyiv_pair, BUCHA)
        .await
        .unwrap();
    let zhytomyr_pair = calls::save_application(
        db,
        &registry,
        &Actor::Shell,
        ZHYTOMYRSKA,
        None,
        &application(call, BYSHIVSKA),
    )
    .await
    .unwrap();
    calls::confirm(db, &Actor::Shell, zhytomyr_pair, BYSHIVSKA)
        .await
        .unwrap();
    calls::submit(db, &registry, &Actor::Shell, zhytomyr_pair, ZHYTOMYRSKA)
        .await
        .unwrap();
    calls::advance_phase(db, &Actor::Shell, call, Phase::Open)
        .await
        .unwrap();
    Evaluation {
        call,
        kyiv_pair,
        zhytomyr_pair,
        evaluators,
    }
}

fn oblast_of(registry: &app::hromadas::index::RegistryIndex, hromada: &str) -> String {
    registry.hromada(hromada).unwrap().oblast_katottg.clone()
}

/// Oblasts: the first evaluator from Kyiv Oblast, the second and fourth from Lviv Oblast, the
/// third from none, the fifth from Zhytomyr Oblast.
async fn state_oblasts(db: &Db, e: &Evaluation) {
    let registry = registry(db).await;
    let (kyiv, lviv, zhytomyr) = (
        oblast_of(&registry, BUCHA),
        oblast_of(&registry, DAVYDIVSKA),
        oblast_of(&registry, ZHYTOMYRSKA),
    );
    for (evaluator, oblast) in
        e.evaluators
            .iter()
            .zip([&kyiv, &lviv, &String::new(), &lviv, &zhytomyr])
    {
        review::set_evaluator_oblast(db, &registry, &Actor::Shell, e.call, *evaluator, oblast)
            .await
            .unwrap();
    }
}

fn scores(values: &[(&str, &str)]) -> Vec<ScoreForm> {
    values
        .iter()
        .map(|(score, comment)| ScoreForm {
            score: score.to_string(),
            comment: comment.to_string(),
        })
        .collect()
}

async fn active_evaluators(db: &Db, call: i64, application: i64) -> Vec<String> {
    let registry = registry(db).await;
    let evaluation = review::call_evaluation(db, &registry, call, Lang::Uk)
        .await
        .unwrap()
        .unwrap();
    let mut names: Vec<String> = evaluation
        .applications
        .iter()
        .find(|a| a.id == application)
        .unwrap()
        .assignments
        .iter()
        .filter(|a| a.state != AssignmentState::Conflict)
        .map(|a| a.evaluator.clone())
        .collect();
    names.sort();
    names
}

on_both_databases! {
    async fn evaluators_are_never_from_an_applicants_oblast_and_a_conflict_reassigns(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let e = closed_call_with_evaluators(&db).await;
        let [kyivan, lviv_a, international, lviv_b, zhytomyrian] = e.evaluators[..] else { unreachable!() };
        // Before anyone's oblast is stated, no one can be assigned.
        assert_eq!(refusal(review::assign(&db, &registry, &Actor::Shell, e.kyiv_pair, lviv_a).await.unwrap_err()), Refusal::OblastNotStated);
        let unknown = review::set_evaluator_oblast(&db, &registry, &Actor::Shell, e.call, lviv_a, "UA99").await.unwrap_err();
        assert_eq!(fields(unknown), vec![("oblast".to_string(), Problem::Unknown("UA99".into()))]);
        state_oblasts(&db, &e).await;
        assert_eq!(refusal(review::assign(&db, &registry, &Actor::Shell, e.kyiv_pair, kyivan).await.unwrap_err()), Refusal::FromApplicantOblast);
        assert_eq!(refusal(review::assign(&db, &registry, &Actor::Shell, e.zhytomyr_pair, zhytomyrian).await.unwrap_err()), Refusal::FromApplicantOblast);
        review::assign(&db, &registry, &Actor::Shell, e.kyiv_pair, lviv_a).await.unwrap();
        assert_eq!(refusal(review::assign(&db, &registry, &Actor::Shell, e.kyiv_pair, lviv_a).await.unwrap_err()), Refusal::AlreadyAssigned);

        // Balancing fills each application to three, the least loaded first, no one twice.
        let balanced = review::balance(&db, &registry, &Actor::Shell, e.call, None).await.unwrap();
        assert_eq!(balanced, review::Balanced { assigned: 5, short: vec![] });
        assert_eq!(active_evaluators(&db, e.call, e.kyiv_pair).await, ["Оцінювач Тест 2", "Оцінювач Тест 3", "Оцінювач Тест 4"]);
        assert_eq!(active_evaluators(&db, e.call, e.zhytomyr_pair).await, ["Оцінювач Тест 2", "Оцінювач Тест 3", "Оцінювач Тест 4"]);
        assert_eq!(review::balance(&db, &registry, &Actor::Shell, e.call, None).await.unwrap().assigned, 0);

        // The application opens only after the declaration; a conflict needs a note and hands
        // the application to the one allowed evaluator left.
        let sheet = review::sheet(&db, &registry, international, e.kyiv_pair, Lang::Uk).await.unwrap().unwrap();
        assert_eq!(sheet.state, AssignmentState::ToDeclare);
        assert!(sheet.content.is_none(), "nothing of the application before the declaration");
        let blank = review::declare(&db, &registry, &Actor::Shell, international, e.kyiv_pair, true, " ").await.unwrap_err();
        assert_eq!(fields(blank), vec![("note".to_string(), Problem::Required)]);
        review::declare(&db, &registry, &Actor::Shell, international, e.kyiv_pair, true, "Консультував Бучанську громаду").await.unwrap();
        assert_eq!(refusal(review::declare(&db, &registry, &Actor::Shell, international, e.kyiv_pair, false, "").await.unwrap_err()), Refusal::AlreadyDeclared);
        assert_eq!(active_evaluators(&db, e.call, e.kyiv_pair).await, ["Оцінювач Тест 2", "Оцінювач Тест 4", "Оцінювач Тест 5"]);
        assert_eq!(refusal(review::assign(&db, &registry, &Actor::Shell, e.kyiv_pair, international).await.unwrap_err()), Refusal::DeclaredConflict);
        // No evaluator outside the applicants' oblasts is left for a second conflict.
        review::declare(&db, &registry, &Actor::Shell, lviv_b, e.kyiv_pair, true, "Родич у Дмитрівській громаді").await.unwrap();
        let short = review::balance(&db, &registry, &Actor::Shell, e.call, None).await.unwrap();
        assert_eq!(short, review::Balanced { assigned: 0, short: vec![e.kyiv_pair] });

        // Someone not assigned sees nothing; a score before the evaluation starts is refused.
        assert!(review::sheet(&db, &registry, kyivan, e.kyiv_pair, Lang::Uk).await.unwrap().is_none());
        review::declare(&db, &registry, &Actor::Shell, lviv_a, e.kyiv_pair, false, "").await.unwrap();
        let early = review::save_scores(&db, &Actor::Shell, lviv_a, e.kyiv_pair, &scores(&[("8", "Добре"), ("7", "Добре")]), false).await.unwrap_err();
        assert_eq!(refusal(early), Refusal::NotInEvaluation);
        let audit = app::audit::search(&db, &AuditFilter { entity: "application".into(), action: "declare".into(), ..AuditFilter::default() }).await.unwrap();
        assert_eq!(audit.total, 3);
    }
}

on_both_databases! {
    async fn scores_are_checked_submitted_once_ranked_and_published_with_reasons(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let e = closed_call_with_evaluators(&db).await;
        let [_, lviv_a, international, lviv_b, zhytomyrian] = e.evaluators[..] else { unreachable!() };
        state_oblasts(&db, &e).await;
        review::balance(&db, &registry, &Actor::Shell, e.call, None).await.unwrap();
        review::declare(&db, &registry, &Actor::Shell, international, e.kyiv_pair, true, "Консультував громаду").await.unwrap();
        calls::advance_phase(&db, &Actor::Shell, e.call, Phase::Closed).await.unwrap();

        // Scores need the declaration first, then are checked at their fields.
        let undeclared = review::save_scores(&db, &Actor::Shell, lviv_b, e.kyiv_pair, &scores(&[("8", "a"), ("7", "b")]), false).await.unwrap_err();
        assert_eq!(refusal(undeclared), Refusal::NotDeclared);
        for (evaluator, application) in [(lviv_a, e.kyiv_pair), (lviv_b, e.kyiv_pair), (zhytomyrian, e.kyiv_pair), (lviv_a, e.zhytomyr_pair), (international, e.zhytomyr_pair), (lviv_b, e.zhytomyr_pair)] {
            review::declare(&db, &registry, &Actor::Shell, evaluator, application, false, "").await.unwrap();
        }
        let bad = review::save_scores(&db, &Actor::Shell, lviv_a, e.kyiv_pair, &scores(&[("11", "Забагато"), ("7,3", "")]), true).await.unwrap_err();
        assert_eq!(fields(bad), vec![
            ("score-0".to_string(), Problem::Above("10".into())),
            ("score-1".to_string(), Problem::NotAScore),
            ("comment-1".to_string(), Problem::Required),
        ]);
        // A draft keeps what is given; an empty score waits.
        review::save_scores(&db, &Actor::Shell, lviv_a, e.kyiv_pair, &scores(&[("7,5", "Чернетка"), ("", "")]), false).await.unwrap();
        let sheet = review::sheet(&db, &registry, lviv_a, e.kyiv_pair, Lang::Uk).await.unwrap().unwrap();
        assert_eq!((sheet.scores[0].score.as_str(), sheet.scores[1].score.as_str()), ("7,5", ""));
        assert!(sheet.editable && sheet.content.is_some());

        // Two evaluators submitting at once both count; one evaluator submitting twice counts once.
        let (first, second) = (scores(&[("8", "Потреба доведена"), ("7", "Партнерство нове")]), scores(&[("9", "Сильна заявка"), ("8", "Є досвід")]));
        let (a, b) = tokio::join!(
            review::save_scores(&db, &Actor::Shell, lviv_a, e.kyiv_pair, &first, true),
            review::save_scores(&db, &Actor::Shell, lviv_b, e.kyiv_pair, &second, true)
        );
        a.unwrap();
        b.unwrap();
        let peers_before = review::sheet(&db, &registry, zhytomyrian, e.kyiv_pair, Lang::Uk).await.unwrap().unwrap();
        assert!(peers_before.peers.is_empty(), "others' scores stay hidden until one's own are in");
        let twice = scores(&[("7", "Помірно"), ("6", "Слабке")]);
        let (a, b) = tokio::join!(
            review::save_scores(&db, &Actor::Shell, zhytomyrian, e.kyiv_pair, &twice, true),
            review::save_scores(&db, &Actor::Shell, zhytomyrian, e.kyiv_pair, &twice, true)
        );
        assert_eq!(one_refused(a, b), Refusal::ScoresSubmitted);
        let after = review::sheet(&db, &registry, zhytomyrian, e.kyiv_pair, Lang::Uk).await.unwrap().unwrap();
        assert_eq!(after.state, AssignmentState::Submitted);
        assert_eq!(after.peers.len(), 2);
        assert_eq!(after.peers[0].number, 1);
        assert!(!format!("{:?}", after.peers).contains("Оцінювач Тест"), "peers are never named");

        // The incomplete one is not ranked yet, and the selection cannot be confirmed.
        assert_eq!(refusal(review::confirm_results(&db, &registry, &Actor::Shell, e.call, &[]).await.unwrap_err()), Refusal::EvaluationIncomplete);
        for (evaluator, values) in [(lviv_a, [("5", "Так"), ("9", "Так")]), (international, [("4", "Слабко"), ("9", "Так")]), (lviv_b, [("3,5", "Ні"), ("8", "Так")])] {
            review::save_scores(&db, &Actor::Shell, evaluator, e.zhytomyr_pair, &scores(&values), true).await.unwrap();
        }
        let evaluation = review::call_evaluation(&db, &registry, e.call, Lang::Uk).await.unwrap().unwrap();
        assert!(evaluation.ready);
        let ranked: Vec<_> = evaluation.applications.iter().map(|a| (a.id, a.ranked.place, a.ranked.proposal)).collect();
        assert_eq!(ranked, vec![(e.kyiv_pair, Some(1), Outcome::Winner), (e.zhytomyr_pair, Some(2), Outcome::NotSelected)]);
        let first = &evaluation.applications[0].ranked;
        assert_eq!(first.means, vec![8.0, 7.0]);
        assert!((first.total - 76.0).abs() < 1e-9, "{}", first.total);
        assert_eq!(evaluation.applications[1].ranked.below_criteria, vec![0], "a mean of 4.17 under 4.5");
        assert_eq!(refusal(calls::advance_phase(&db, &Actor::Shell, e.call, Phase::Evaluation).await.unwrap_err()), Refusal::ConfirmSelection);

        // The ranking as data, to admins only; the results only once published.
        let router = app(db.clone());
        assert_eq!(get(&router, &format!("/partnerships/calls/{}/results.csv", e.call)).await.status, StatusCode::NOT_FOUND);
        assert_eq!(get(&router, &format!("/edit/calls/{}/ranking.csv", e.call)).await.status, StatusCode::UNAUTHORIZED);
        let (_, admin) = signed_in(&db, Role::Admin).await;
        let ranking = request(&router, axum::http::Request::get(format!("/edit/calls/{}/ranking.csv", e.call))
            .header("cookie", &admin).body(axum::body::Body::empty()).unwrap()).await;
        assert_eq!(ranking.status, StatusCode::OK);
        let mut lines = ranking.body.lines();
        assert_eq!(lines.next(), Some("place,application,title,hromadas,score,Потреба,Партнерство,evaluations,pending,grant_uah,below_threshold,below_pass_mark,spread,proposal"));
        assert_eq!(lines.next().map(|l| l.starts_with(&format!("1,{},", e.kyiv_pair))), Some(true));
        assert!(lines.next().is_some_and(|l| l.contains(",Потреба,false,,not_selected")), "{}", ranking.body);

        // A departure from the proposal needs its reason; then the results are published once.
        let mut decisions = vec![
            DecisionForm { application: e.kyiv_pair, outcome: "winner".into(), reason: String::new() },
            DecisionForm { application: e.zhytomyr_pair, outcome: "reserve".into(), reason: " ".into() },
        ];
        let unexplained = review::confirm_results(&db, &registry, &Actor::Shell, e.call, &decisions).await.unwrap_err();
        assert_eq!(fields(unexplained), vec![(format!("reason-{}", e.zhytomyr_pair), Problem::Required)]);
        decisions[1].reason = "Єдина заявка з Житомирщини".into();
        review::confirm_results(&db, &registry, &Actor::Shell, e.call, &decisions).await.unwrap();
        assert_eq!(refusal(review::confirm_results(&db, &registry, &Actor::Shell, e.call, &decisions).await.unwrap_err()), Refusal::WrongPhase);
        let page = calls::call_page(&db, &registry, e.call, Lang::Uk, None, false).await.unwrap().unwrap();
        assert_eq!(page.phase, Phase::Published);
        let results: Vec<_> = page.results.iter().map(|r| (r.application, r.place, r.outcome, r.reason.as_str())).collect();
        assert_eq!(results, vec![(e.kyiv_pair, 1, Outcome::Winner, ""), (e.zhytomyr_pair, 2, Outcome::Reserve, "Єдина заявка з Житомирщини")]);

        let csv = get(&router, &format!("/partnerships/calls/{}/results.csv", e.call)).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.body.contains(",reserve,Єдина заявка з Житомирщини"), "{}", csv.body);
        let json = get(&router, &format!("/partnerships/calls/{}/results.json", e.call)).await;
        let rows: serde_json::Value = serde_json::from_str(&json.body).unwrap();
        assert_eq!(rows.as_array().map(Vec::len), Some(2));
        assert!(!json.body.contains("evaluator"), "no evaluator in the public data");

        // The applicants see their scores and the comments, without names.
        let loaded = calls::load_application(&db, e.kyiv_pair).await.unwrap().unwrap();
        let own = calls::application_page(&db, &registry, &loaded, Some(BUCHA), false, Lang::Uk).await.unwrap();
        let seen = own.review.expect("a review once published");
        assert_eq!(seen.outcome, Outcome::Winner);
        assert_eq!(seen.criteria[0].mean, 8.0);
        assert_eq!(seen.criteria[0].comments.len(), 3);
        assert!(seen.criteria[0].comments.contains(&"Сильна заявка".to_string()));
        let audit = app::audit::search(&db, &AuditFilter { entity: "call".into(), action: "publish-results".into(), ..AuditFilter::default() }).await.unwrap();
        assert_eq!(audit.total, 1);
        // A score after the evaluation is over is refused.
        let late = review::save_scores(&db, &Actor::Shell, lviv_a, e.kyiv_pair, &scores(&[("1", "x"), ("1", "x")]), false).await.unwrap_err();
        assert_eq!(refusal(late), Refusal::ScoresSubmitted);
    }
}
