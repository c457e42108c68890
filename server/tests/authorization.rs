//! Who may call what. Every server function the app registers is either public (listed with
//! the reason) or guarded: a row of the table below with a request and the callers it admits.
//! Each guarded function is called by a visitor and by every role; those not admitted must be
//! refused (401 for visitors, 403 for accounts) without writing anything, and a representative
//! can act only for their own hromada.

mod common;

use app::accounts::storage::{create, open_session, NewAccount};
use app::accounts::types::Role;
use app::audit::{self, Actor, AuditFilter};
use app::db::Db;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::{app, request, with_registry};
use leptos::server_fn::ServerFn;

const BUCHA: &str = "UA32080070000050759";
const LVIV: &str = "UA46060250000025047";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Caller {
    Visitor,
    Admin,
    Editor,
    Analyst,
    Evaluator,
    /// Represents Bucha.
    BuchaRepresentative,
    /// Represents Lviv.
    LvivRepresentative,
}

use Caller::*;

const CALLERS: [Caller; 7] = [
    Visitor,
    Admin,
    Editor,
    Analyst,
    Evaluator,
    BuchaRepresentative,
    LvivRepresentative,
];
const SIGNED_IN: &[Caller] = &[
    Admin,
    Editor,
    Analyst,
    Evaluator,
    BuchaRepresentative,
    LvivRepresentative,
];

enum Encoding {
    Form,
    Json,
}

struct Guarded {
    path: &'static str,
    encoding: Encoding,
    body: String,
    admits: &'static [Caller],
}

fn row(
    path: &'static str,
    encoding: Encoding,
    body: impl Into<String>,
    admits: &'static [Caller],
) -> Guarded {
    Guarded {
        path,
        encoding,
        body: body.into(),
        admits,
    }
}

/// Server functions anyone may call, and why that is safe.
fn public() -> Vec<(&'static str, &'static str)> {
    use app::accounts::api::*;
    use app::hromadas::api::*;
    use app::initiatives::api::*;
    use app::news::api::*;
    vec![
        (
            WhoAmI::PATH,
            "tells a visitor only that they are not signed in",
        ),
        (SignIn::PATH, "rate-limited; checks the password"),
        (SignOut::PATH, "ends only the caller's own session"),
        (AcceptLink::PATH, "rate-limited; needs the one-time secret"),
        (
            RequestPasswordReset::PATH,
            "rate-limited; answers alike for every address",
        ),
        (LoadHromadaList::PATH, "public registry"),
        (LoadHromadaProfile::PATH, "public registry"),
        (LoadOblastOverview::PATH, "public registry"),
        (LoadNewsList::PATH, "visible news only"),
        (LoadNewsArticle::PATH, "visible news only"),
        (LoadNewestNews::PATH, "visible news only"),
        (LoadInitiativeList::PATH, "published initiatives only"),
        (LoadInitiative::PATH, "published initiatives only"),
        (LoadInitiativeChoices::PATH, "published initiatives only"),
        (
            app::analytics::api::LoadSurveys::PATH,
            "open surveys; upcoming ones only for analysts",
        ),
        (
            app::analytics::api::LoadDashboard::PATH,
            "public dashboards; private ones refused inside, texts for analysts only",
        ),
        (
            app::analytics::needs::LoadNeedsOverview::PATH,
            "public overview",
        ),
        (
            app::analytics::dialogues::LoadDialogues::PATH,
            "dialogues are public records",
        ),
        (
            app::analytics::dialogues::LoadDialogue::PATH,
            "dialogues are public records",
        ),
        (
            app::sectors::admin::ListSectors::PATH,
            "public sector names",
        ),
        (
            app::publications::api::LoadPublications::PATH,
            "publications are public",
        ),
        (
            app::publications::api::LoadPublication::PATH,
            "publications are public",
        ),
        (
            app::partnerships::api::LoadCalls::PATH,
            "announced calls; drafts only for admins",
        ),
        (
            app::partnerships::api::LoadCall::PATH,
            "announced calls; drafts only for admins",
        ),
        (
            app::partnerships::api::LoadApplication::PATH,
            "refused inside: its hromadas' representatives and admins only, others find nothing",
        ),
    ]
}

/// Every guarded server function, with a well-formed request that `target` (an editor's
/// account) is the object of.
fn guarded(target: i64) -> Vec<Guarded> {
    use app::accounts::admin::*;
    use app::accounts::api::*;
    use app::audit::api::*;
    use app::hromadas::contacts::*;
    use app::initiatives::api::*;
    use app::news::api::*;
    use app::ui::editor::*;
    use Encoding::*;
    const EDITORS: &[Caller] = &[Admin, Editor];
    const ANALYSTS: &[Caller] = &[Admin, Analyst];
    use app::analytics::api::*;
    use app::analytics::dialogues::*;
    use app::analytics::needs::*;
    let survey_form = r#"{"title_uk":"","title_en":"","intro_uk":"","intro_en":"","sector":"","opens_at":"","closes_at":"","oblasts":[],"kinds":[],"public_results":true,"questions":[]}"#;
    let dialogue_form = r#"{"sector":"","oblast":"","held_on":"","place":"","online_url":"","moderator":"","title_uk":"","title_en":"","agenda_uk":"","agenda_en":"","hromadas":"","participants":"","summary_uk":"","summary_en":""}"#;
    let need = |hromada: &str| {
        format!(
            r#"{{"id":null,"form":{{"hromada":"{hromada}","sector":"education","title":"Укриття","description":"","priority":"4","status":"identified","source":""}}}}"#
        )
    };
    use app::partnerships::api::*;
    const REPRESENTATIVES: &[Caller] = &[BuchaRepresentative, LvivRepresentative];
    let call_form = r#"{"title_uk":"","title_en":"","description_uk":"","description_en":"","initiative":"","sectors":[],"opens_at":"","closes_at":"","budget":"","max_grant":"","min_cofinancing":"","winners":"","rules":[],"geography":"","members_min":"","members_max":"","population_min":"","population_max":"","criteria":[],"evaluators":[]}"#;
    let application_form = r#"{"call":999999,"title":"","summary":"","partners":"","sectors":[],"problem":"","needs":"","activities":"","budget":[],"results":[]}"#;
    vec![
        row(
            LoadCallEditor::PATH,
            Json,
            r#"{"id":null,"lang":"Uk"}"#,
            &[Admin],
        ),
        row(
            SaveCall::PATH,
            Json,
            format!(r#"{{"id":null,"form":{call_form}}}"#),
            &[Admin],
        ),
        row(AdvanceCall::PATH, Form, "id=999999&from=draft", &[Admin]),
        row(
            OverrideEligibility::PATH,
            Form,
            "id=999999&rule=members&decision=pass&reason=x",
            &[Admin],
        ),
        row(
            LoadApplicationEditor::PATH,
            Json,
            r#"{"id":null,"call":999999,"lang":"Uk"}"#,
            REPRESENTATIVES,
        ),
        row(
            SaveApplication::PATH,
            Json,
            format!(r#"{{"id":null,"form":{application_form}}}"#),
            REPRESENTATIVES,
        ),
        row(ConfirmApplication::PATH, Form, "id=999999", REPRESENTATIVES),
        row(SubmitApplication::PATH, Form, "id=999999", REPRESENTATIVES),
        row(
            app::partnerships::evaluation_api::LoadCallEvaluation::PATH,
            Json,
            r#"{"call":999999,"lang":"Uk"}"#,
            &[Admin],
        ),
        row(
            app::partnerships::evaluation_api::SetEvaluatorOblast::PATH,
            Form,
            "call=999999&evaluator=1&oblast=",
            &[Admin],
        ),
        row(
            app::partnerships::evaluation_api::AssignEvaluator::PATH,
            Form,
            "application=999999&evaluator=1",
            &[Admin],
        ),
        row(
            app::partnerships::evaluation_api::BalanceEvaluators::PATH,
            Form,
            "call=999999",
            &[Admin],
        ),
        row(
            app::partnerships::evaluation_api::ConfirmResults::PATH,
            Form,
            "call=999999&decisions[0][application]=1&decisions[0][outcome]=winner&decisions[0][reason]=x",
            &[Admin],
        ),
        row(
            app::partnerships::evaluation_api::LoadMyAssignments::PATH,
            Json,
            r#"{"lang":"Uk"}"#,
            &[Evaluator],
        ),
        row(
            app::partnerships::evaluation_api::LoadEvaluationSheet::PATH,
            Json,
            r#"{"application":999999,"lang":"Uk"}"#,
            &[Evaluator],
        ),
        row(
            app::partnerships::evaluation_api::DeclareInterest::PATH,
            Form,
            "application=999999&conflict=yes&note=x",
            &[Evaluator],
        ),
        row(
            app::partnerships::evaluation_api::SaveScores::PATH,
            Form,
            "application=999999&scores[0][score]=5&scores[0][comment]=x&intent=submit",
            &[Evaluator],
        ),
        row(
            LoadSurveyEditor::PATH,
            Json,
            r#"{"id":null,"lang":"Uk"}"#,
            ANALYSTS,
        ),
        row(
            SaveSurvey::PATH,
            Json,
            format!(r#"{{"id":null,"form":{survey_form}}}"#),
            ANALYSTS,
        ),
        row(
            LoadAnswerSheet::PATH,
            Json,
            r#"{"id":1,"lang":"Uk"}"#,
            &[BuchaRepresentative, LvivRepresentative],
        ),
        row(
            SaveSurveyAnswers::PATH,
            Json,
            r#"{"id":1,"form":{"answers":[]},"submit":false,"lang":"Uk"}"#,
            &[BuchaRepresentative, LvivRepresentative],
        ),
        row(
            LoadNeedEditor::PATH,
            Json,
            r#"{"id":null,"lang":"Uk"}"#,
            &[Admin, Analyst, BuchaRepresentative, LvivRepresentative],
        ),
        row(
            LoadDialogueEditor::PATH,
            Json,
            r#"{"id":null,"lang":"Uk"}"#,
            ANALYSTS,
        ),
        row(
            SaveDialogue::PATH,
            Json,
            format!(r#"{{"id":null,"form":{dialogue_form}}}"#),
            ANALYSTS,
        ),
        // A representative records needs for their own hromada only.
        row(
            SaveNeed::PATH,
            Json,
            need(BUCHA),
            &[Admin, Analyst, BuchaRepresentative],
        ),
        row(
            app::sectors::admin::SaveSector::PATH,
            Json,
            r#"{"sector":{"slug":"health","name_uk":"Охорона здоров’я","name_en":"Health"},"new":true}"#,
            &[Admin],
        ),
        row(
            app::publications::api::LoadPublicationEditor::PATH,
            Json,
            r#"{"id":null,"lang":"Uk"}"#,
            ANALYSTS,
        ),
        row(
            app::publications::api::SavePublication::PATH,
            Json,
            r#"{"id":null,"form":{"kind":"","published_on":"","title_uk":"","title_en":"","authors":"","abstract_uk":"","abstract_en":"","body_uk":"","body_en":"","sectors":[],"initiative":"","surveys":[],"dialogues":[],"needs":"","documents":[],"addressee":""}}"#,
            ANALYSTS,
        ),
        row(
            app::publications::api::AddFollowUp::PATH,
            Json,
            r#"{"id":1,"form":{"happened_on":"","status":"","note":""}}"#,
            ANALYSTS,
        ),
        // Content editors and analysts both write Markdown.
        row(
            PreviewMarkdown::PATH,
            Json,
            r#"{"text":"**a**"}"#,
            &[Admin, Editor, Analyst],
        ),
        row(ListEditableNews::PATH, Json, r#"{"page":1}"#, EDITORS),
        row(
            LoadNewsEditor::PATH,
            Json,
            r#"{"id":null,"lang":"Uk"}"#,
            EDITORS,
        ),
        row(
            SaveNews::PATH,
            Json,
            r#"{"id":null,"form":{"title_uk":"Т","lead_uk":"Л","body_uk":"Б"},"publishing":"draft"}"#,
            EDITORS,
        ),
        row(ListEditableInitiatives::PATH, Json, "{}", EDITORS),
        row(
            LoadInitiativeEditor::PATH,
            Json,
            r#"{"id":null,"lang":"Uk"}"#,
            EDITORS,
        ),
        row(
            SaveInitiative::PATH,
            Json,
            r#"{"id":null,"form":{"title_uk":"Т","summary_uk":"С","starts_on":"2026-01-01"}}"#,
            EDITORS,
        ),
        row(ListAccounts::PATH, Json, r#"{"query":{}}"#, &[Admin]),
        row(
            LoadAccountDetail::PATH,
            Json,
            format!(r#"{{"id":{target}}}"#),
            &[Admin],
        ),
        row(
            InviteAccount::PATH,
            Form,
            "email=new%40hromada.ua&display_name=New&roles[]=analyst&hromada=",
            &[Admin],
        ),
        row(
            ChangeAccess::PATH,
            Form,
            format!("id={target}&roles[]=editor&roles[]=analyst&hromada="),
            &[Admin],
        ),
        row(
            SetAccountDisabled::PATH,
            Form,
            format!("id={target}&disabled=false"),
            &[Admin],
        ),
        row(
            IssueAccountLink::PATH,
            Form,
            format!("id={target}"),
            &[Admin],
        ),
        row(SearchAuditLog::PATH, Json, r#"{"filter":{}}"#, &[Admin]),
        row(UpdateProfile::PATH, Form, "display_name=Olena", SIGNED_IN),
        row(
            ChangePassword::PATH,
            Form,
            "current_password=not-it-at-all&password=x&password_again=x",
            SIGNED_IN,
        ),
        row(SignOutEverywhere::PATH, Form, "", SIGNED_IN),
        row(
            SaveHromadaContacts::PATH,
            Form,
            format!("katottg={BUCHA}&website=https%3A%2F%2Fbucha-rada.gov.ua&email=&phone="),
            &[BuchaRepresentative],
        ),
        row(
            SaveHromadaContacts::PATH,
            Form,
            format!("katottg={LVIV}&website=&email=rada%40lviv.ua&phone="),
            &[LvivRepresentative],
        ),
    ]
}

#[test]
fn every_server_function_is_public_or_guarded_and_none_answers_get() {
    let listed: Vec<&str> = public()
        .into_iter()
        .map(|(path, _)| path)
        .chain(guarded(0).into_iter().map(|g| g.path))
        .collect();
    let registered: Vec<(&str, Method)> = leptos::server_fn::axum::server_fn_paths().collect();
    assert!(
        registered.len() >= 8,
        "the app's server functions are registered: {registered:?}"
    );
    for (path, method) in registered {
        assert!(
            listed.contains(&path),
            "{path} is neither public nor in the authorization table"
        );
        assert_eq!(method, Method::POST, "{path}: no state change through GET");
    }
}

async fn account_for(db: &Db, caller: Caller) -> Option<i64> {
    let (role, hromada) = match caller {
        Visitor => return None,
        Admin => (Role::Admin, None),
        Editor => (Role::Editor, None),
        Analyst => (Role::Analyst, None),
        Evaluator => (Role::Evaluator, None),
        BuchaRepresentative => (Role::Representative, Some(BUCHA)),
        LvivRepresentative => (Role::Representative, Some(LVIV)),
    };
    let new = NewAccount {
        email: format!("{caller:?}@hromada.ua").to_lowercase(),
        display_name: format!("{caller:?}"),
        roles: vec![role],
        hromada_katottg: hromada.map(str::to_string),
    };
    Some(create(db, &Actor::Shell, &new).await.unwrap())
}

async fn audit_total(db: &Db) -> i64 {
    audit::search(db, &AuditFilter::default())
        .await
        .unwrap()
        .total
}

on_both_databases! {
    async fn every_guarded_function_refuses_whom_it_must(db: Db) {
        with_registry(&db).await;
        let mut accounts = Vec::new();
        for caller in CALLERS {
            accounts.push((caller, account_for(&db, caller).await));
        }
        let target = create(&db, &Actor::Shell, &NewAccount {
            email: "target@hromada.ua".into(),
            display_name: "Target".into(),
            roles: vec![Role::Editor],
            hromada_katottg: None,
        }).await.unwrap();
        let app = app(db.clone());
        for guarded in guarded(target) {
            for &(caller, account) in &accounts {
                let mut builder = Request::post(guarded.path)
                    .header("sec-fetch-site", "same-origin")
                    .header(header::ACCEPT, "application/json")
                    .header(header::CONTENT_TYPE, match guarded.encoding {
                        Encoding::Form => "application/x-www-form-urlencoded",
                        Encoding::Json => "application/json",
                    });
                if let Some(id) = account {
                    // A fresh session per call: some calls end every session of their caller.
                    let secret = open_session(&db, id).await.unwrap();
                    builder = builder.header(header::COOKIE, format!("spilno_session={secret}"));
                }
                let before = audit_total(&db).await;
                let answer = request(&app, builder.body(Body::from(guarded.body.clone())).unwrap()).await;
                let what = format!("{} by {caller:?}: {} {}", guarded.path, answer.status, answer.body);
                if guarded.admits.contains(&caller) {
                    assert!(
                        ![StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN, StatusCode::BAD_REQUEST, StatusCode::INTERNAL_SERVER_ERROR].contains(&answer.status),
                        "admitted, so the request must get past authorization: {what}"
                    );
                } else {
                    let expected = if caller == Visitor { StatusCode::UNAUTHORIZED } else { StatusCode::FORBIDDEN };
                    assert_eq!(answer.status, expected, "{what}");
                    assert_eq!(audit_total(&db).await, before, "a refused call writes nothing: {what}");
                }
            }
        }
        let contacts = app::hromadas::contacts::load(&db, BUCHA).await.unwrap().unwrap();
        assert_eq!(contacts.website, "https://bucha-rada.gov.ua", "Bucha's representative saved Bucha's contacts");
        let lviv = app::hromadas::contacts::load(&db, LVIV).await.unwrap().unwrap();
        assert_eq!((lviv.website.as_str(), lviv.email.as_str()), ("", "rada@lviv.ua"), "and no one else changed Lviv's");
    }
}
