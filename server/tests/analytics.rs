//! The analytical centre on both databases: building a survey (every question kind, field
//! problems, questions locked once answered), targeting, answering (progress, submission,
//! required questions and bounds, a closed survey), dashboards whose figures equal a direct
//! count, the needs overview, exports, sectors, and the live event stream.

mod common;

use app::analytics::dashboard::dashboard;
use app::analytics::needs::{storage as needs, NeedForm, NeedsQuery};
use app::analytics::storage::{self as surveys, SurveyError};
use app::analytics::types::*;
use app::audit::{now, Actor};
use app::i18n::Lang;
use app::ui::editor::{FieldProblem, Problem};
use common::{app, get, with_registry};

const BUCHA: &str = "UA32080070000050759";
const LVIV: &str = "UA46060250000025047";
const DAVYDIV: &str = "UA46060090000017373";
const CRIMEA: &str = "UA01020010000048857";
const LVIV_OBLAST: &str = "UA46000000000026241";
const HOUR: i64 = 3600;

async fn registry(db: &app::db::Db) -> std::sync::Arc<app::hromadas::index::RegistryIndex> {
    app::hromadas::cache::RegistryCache::default()
        .get(db)
        .await
        .unwrap()
}

fn question(kind: QuestionKind, required: bool, text: &str, options: &str) -> QuestionForm {
    QuestionForm {
        kind,
        required,
        text_uk: text.into(),
        options_uk: options.into(),
        ..QuestionForm::default()
    }
}

/// A survey open from an hour ago for a day, with one question of every kind.
fn survey_form() -> SurveyForm {
    let mut number = question(QuestionKind::Number, false, "Скільки ВПО?", "");
    number.min = "0".into();
    number.max = "1000".into();
    number.unit_uk = "осіб".into();
    SurveyForm {
        title_uk: "Потреби освіти".into(),
        opens_at: app::clock::kyiv_local_string(now() - HOUR),
        closes_at: app::clock::kyiv_local_string(now() + 24 * HOUR),
        sector: "education".into(),
        public_results: true,
        questions: vec![
            question(QuestionKind::Single, true, "Чи є стратегія?", "Так\nНі"),
            question(
                QuestionKind::Multiple,
                false,
                "Що потрібно?",
                "Школи\nУкриття\nАвтобуси",
            ),
            question(QuestionKind::Scale, true, "Кадри?", ""),
            number,
            question(QuestionKind::ShortText, false, "Одним реченням", ""),
            question(QuestionKind::LongText, false, "Докладно", ""),
        ],
        ..SurveyForm::default()
    }
}

fn fields(error: SurveyError) -> Vec<(String, Problem)> {
    match error {
        SurveyError::Invalid(problems) => {
            problems.into_iter().map(|p| (p.field, p.problem)).collect()
        }
        other => panic!("expected field problems, got {other:?}"),
    }
}

/// Answers by position: option indexes for choices, the value otherwise.
fn answers(questions: &[Question], given: &[(usize, &[usize], &str)]) -> AnswerForm {
    AnswerForm {
        answers: given
            .iter()
            .map(|(q, options, value)| AnswerInput {
                question: questions[*q].id,
                choices: options
                    .iter()
                    .map(|o| questions[*q].options[*o].id)
                    .collect(),
                value: value.to_string(),
            })
            .collect(),
    }
}

fn rep() -> Actor {
    Actor::Shell
}

on_both_databases! {
    async fn a_survey_is_built_and_its_problems_are_shown_at_their_fields(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let mut bad = survey_form();
        bad.title_uk = " ".into();
        bad.closes_at = app::clock::kyiv_local_string(now() - 2 * HOUR);
        bad.sector = "astronomy".into();
        bad.kinds = vec!["metropolis".into()];
        bad.questions[0].options_uk = "Лише один".into();
        bad.questions[1].options_en = "Schools\nShelters\nBuses\nBoats".into();
        bad.questions[3].min = "десять".into();
        bad.questions[2].text_uk = String::new();
        let problems = fields(surveys::save(&db, &registry, &Actor::Shell, None, &bad).await.unwrap_err());
        assert_eq!(problems, vec![
            ("title_uk".into(), Problem::Required),
            ("sector".into(), Problem::Unknown("astronomy".into())),
            ("closes_at".into(), Problem::EndsBeforeStart),
            ("kinds".into(), Problem::Unknown("metropolis".into())),
            ("questions.0.options_uk".into(), Problem::TooFewOptions),
            ("questions.1.options_en".into(), Problem::Unknown("Boats".into())),
            ("questions.2.text_uk".into(), Problem::Required),
            ("questions.3.min".into(), Problem::NotANumber),
        ]);
        let mut no_questions = survey_form();
        no_questions.questions.clear();
        no_questions.questions.push(question(QuestionKind::Number, false, "Межі", ""));
        no_questions.questions[0].min = "10".into();
        no_questions.questions[0].max = "5".into();
        assert_eq!(
            fields(surveys::save(&db, &registry, &Actor::Shell, None, &no_questions).await.unwrap_err()),
            vec![("questions.0.max".into(), Problem::Below("10".into()))]
        );

        let form = survey_form();
        let id = surveys::save(&db, &registry, &Actor::Shell, None, &form).await.unwrap();
        let (saved, locked) = surveys::form(&db, id).await.unwrap().unwrap();
        assert!(!locked);
        assert_eq!(saved, form, "the builder's form comes back as it was saved");
        let questions = surveys::questions(&db, id, Lang::Uk).await.unwrap();
        assert_eq!(questions.iter().map(|q| q.kind).collect::<Vec<_>>(), QuestionKind::ALL.to_vec());
        assert_eq!(questions[1].options.iter().map(|o| o.label.as_str()).collect::<Vec<_>>(), ["Школи", "Укриття", "Автобуси"]);
        assert_eq!((questions[3].min, questions[3].max), (Some(0.0), Some(1000.0)));

        // Once a hromada has answered, questions keep their kind and options; texts may change.
        surveys::save_answers(&db, &registry, &rep(), id, BUCHA, &answers(&questions, &[(0, &[0], "")]), false, Lang::Uk, now()).await.unwrap();
        let (_, locked) = surveys::form(&db, id).await.unwrap().unwrap();
        assert!(locked);
        let mut restructured = form.clone();
        restructured.questions[2].kind = QuestionKind::Number;
        assert_eq!(
            fields(surveys::save(&db, &registry, &Actor::Shell, Some(id), &restructured).await.unwrap_err()),
            vec![("questions".into(), Problem::Locked)]
        );
        let mut reworded = form.clone();
        reworded.questions[1].options_uk = "Школи\nУкриття\nШкільні автобуси".into();
        reworded.questions[0].text_uk = "Чи є чинна стратегія?".into();
        surveys::save(&db, &registry, &Actor::Shell, Some(id), &reworded).await.unwrap();
        let after = surveys::questions(&db, id, Lang::Uk).await.unwrap();
        assert_eq!(after[0].id, questions[0].id, "the same questions, reworded");
        assert_eq!(after[0].text, "Чи є чинна стратегія?");
        assert_eq!(after[1].options[2].label, "Шкільні автобуси");
        let sheet = surveys::sheet(&db, &registry, id, BUCHA, Lang::Uk, now()).await.unwrap().unwrap();
        assert_eq!(sheet.saved.answers[0].choices, vec![questions[0].options[0].id], "the answer survives rewording");
    }
}

on_both_databases! {
    async fn answers_are_checked_saved_as_progress_and_refused_once_closed(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let id = surveys::save(&db, &registry, &Actor::Shell, None, &survey_form()).await.unwrap();
        let questions = surveys::questions(&db, id, Lang::Uk).await.unwrap();
        let at = now();

        // Progress: the required questions may wait; wrong values may not.
        let partial = answers(&questions, &[(3, &[], "12")]);
        let saved = surveys::save_answers(&db, &registry, &rep(), id, BUCHA, &partial, false, Lang::Uk, at).await.unwrap();
        assert!(!saved.submitted);
        let wrong = answers(&questions, &[(3, &[], "1001"), (2, &[], "7")]);
        let problems = fields(surveys::save_answers(&db, &registry, &rep(), id, BUCHA, &wrong, false, Lang::Uk, at).await.unwrap_err());
        assert_eq!(problems, vec![
            (format!("q{}", questions[2].id), Problem::Above("5".into())),
            (format!("q{}", questions[3].id), Problem::Above("1000".into())),
        ]);
        let sheet = surveys::sheet(&db, &registry, id, BUCHA, Lang::Uk, at).await.unwrap().unwrap();
        assert_eq!(sheet.saved.get(questions[3].id).unwrap().value, "12", "a refused save loses nothing saved before");
        assert!(sheet.submitted_at.is_none());

        // Submission needs every required question.
        let problems = fields(surveys::save_answers(&db, &registry, &rep(), id, BUCHA, &partial, true, Lang::Uk, at).await.unwrap_err());
        assert_eq!(problems, vec![
            (format!("q{}", questions[0].id), Problem::Required),
            (format!("q{}", questions[2].id), Problem::Required),
        ]);
        let whole = answers(&questions, &[(0, &[1], ""), (2, &[], "4"), (3, &[], "12"), (4, &[], "Укриття для школи")]);
        assert!(surveys::save_answers(&db, &registry, &rep(), id, BUCHA, &whole, true, Lang::Uk, at).await.unwrap().submitted);
        // After submission every change is live, so required answers cannot be emptied.
        let emptied = answers(&questions, &[(3, &[], "12")]);
        let problems = fields(surveys::save_answers(&db, &registry, &rep(), id, BUCHA, &emptied, false, Lang::Uk, at).await.unwrap_err());
        assert_eq!(problems.len(), 2);

        // Only targeted hromadas answer; occupied Crimea is never targeted.
        assert!(surveys::sheet(&db, &registry, id, CRIMEA, Lang::Uk, at).await.unwrap().is_none());
        assert!(matches!(
            surveys::save_answers(&db, &registry, &rep(), id, CRIMEA, &whole, true, Lang::Uk, at).await,
            Err(SurveyError::Database(sqlx::Error::RowNotFound))
        ));

        // Closed: refused with its reason, and the saved answers stay.
        let after_close = at + 25 * HOUR;
        let problems = fields(surveys::save_answers(&db, &registry, &rep(), id, BUCHA, &whole, true, Lang::Uk, after_close).await.unwrap_err());
        assert_eq!(problems, vec![("form".into(), Problem::Closed)]);
        let before_open = at - 2 * HOUR;
        let problems = fields(surveys::save_answers(&db, &registry, &rep(), id, LVIV, &whole, true, Lang::Uk, before_open).await.unwrap_err());
        assert_eq!(problems, vec![("form".into(), Problem::NotOpen)]);
        let sheet = surveys::sheet(&db, &registry, id, BUCHA, Lang::Uk, after_close).await.unwrap().unwrap();
        assert_eq!(sheet.survey.state, SurveyState::Closed);
        assert!(sheet.submitted_at.is_some());
        assert_eq!(sheet.saved.get(questions[4].id).unwrap().value, "Укриття для школи");
    }
}

on_both_databases! {
    async fn dashboard_figures_equal_a_direct_count(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let id = surveys::save(&db, &registry, &Actor::Shell, None, &survey_form()).await.unwrap();
        let q = surveys::questions(&db, id, Lang::Uk).await.unwrap();
        let at = now();
        let given: [(&str, AnswerForm, bool); 4] = [
            (BUCHA, answers(&q, &[(0, &[0], ""), (1, &[0, 1], ""), (2, &[], "5"), (3, &[], "100"), (4, &[], "Школа")]), true),
            (LVIV, answers(&q, &[(0, &[0], ""), (1, &[1], ""), (2, &[], "3"), (3, &[], "900")]), true),
            (DAVYDIV, answers(&q, &[(0, &[1], ""), (1, &[1, 2], ""), (2, &[], "1"), (3, &[], "0")]), true),
            // Progress only: not counted until submitted.
            ("UA46020050000037271", answers(&q, &[(0, &[1], "")]), false),
        ];
        for (hromada, form, submit) in &given {
            surveys::save_answers(&db, &registry, &rep(), id, hromada, form, *submit, Lang::Uk, at).await.unwrap();
        }
        let all = dashboard(&db, &registry, id, &DashboardQuery::default(), Lang::Uk, at, false).await.unwrap().unwrap();
        assert_eq!((all.answered, all.targeted), (3, 1470));
        assert_eq!((all.survey.answered, all.survey.targeted), (3, 1470));
        let lviv_rate = all.by_oblast.iter().find(|o| o.katottg == LVIV_OBLAST).unwrap();
        let lviv_targeted = registry.all().filter(|h| h.oblast_katottg == LVIV_OBLAST).count() as i64;
        assert_eq!((lviv_rate.answered, lviv_rate.targeted), (2, lviv_targeted));
        let counts = |d: &Dashboard, qi: usize| d.questions[qi].rows.iter().map(|r| r.counts.clone()).collect::<Vec<_>>();
        assert_eq!(counts(&all, 0), vec![vec![2], vec![1]]);
        assert_eq!(counts(&all, 1), vec![vec![1], vec![3], vec![1]], "a multiple choice counts each option");
        assert_eq!(all.questions[1].answered, vec![3], "and each hromada once");
        assert_eq!(counts(&all, 2), vec![vec![1], vec![0], vec![1], vec![0], vec![1]]);
        assert_eq!(all.questions[2].means, vec![Some(3.0)]);
        assert_eq!(all.questions[3].means, vec![Some(1000.0 / 3.0)]);
        let binned: i64 = all.questions[3].rows.iter().map(|r| r.counts[0]).sum();
        assert_eq!(binned, 3);
        assert_eq!(all.questions[4].answered, vec![1]);
        assert!(all.questions[4].texts.is_empty(), "texts are for analysts only");
        let analyst = dashboard(&db, &registry, id, &DashboardQuery::default(), Lang::Uk, at, true).await.unwrap().unwrap();
        assert_eq!(analyst.questions[4].texts, vec![TextAnswer { hromada: "Бучанська".into(), text: "Школа".into() }]);

        // Filters and comparison.
        let lviv = DashboardQuery { oblast: LVIV_OBLAST.into(), ..DashboardQuery::default() };
        let d = dashboard(&db, &registry, id, &lviv, Lang::Uk, at, false).await.unwrap().unwrap();
        assert_eq!((d.answered, d.targeted), (2, lviv_targeted));
        assert_eq!(counts(&d, 0), vec![vec![1], vec![1]]);
        let rural = DashboardQuery { kind: "rural".into(), ..DashboardQuery::default() };
        let d = dashboard(&db, &registry, id, &rural, Lang::Uk, at, false).await.unwrap().unwrap();
        assert_eq!(d.answered, 1);
        assert_eq!(d.targeted, registry.all().filter(|h| h.kind == app::hromadas::types::Kind::Rural && !h.oblast_katottg.starts_with("UA01") && !h.oblast_katottg.starts_with("UA85")).count() as i64);
        let by_kind = DashboardQuery { compare: "kind".into(), ..DashboardQuery::default() };
        let d = dashboard(&db, &registry, id, &by_kind, Lang::Uk, at, false).await.unwrap().unwrap();
        assert_eq!(d.groups, vec!["Міські громади", "Селищні громади", "Сільські громади"]);
        assert_eq!(counts(&d, 0), vec![vec![2, 0, 0], vec![0, 0, 1]]);
        assert_eq!(d.questions[2].means, vec![Some(4.0), None, Some(1.0)]);
        let by_band = DashboardQuery { compare: "band".into(), band: "over-100k".into(), ..DashboardQuery::default() };
        let d = dashboard(&db, &registry, id, &by_band, Lang::Uk, at, false).await.unwrap().unwrap();
        assert_eq!(d.answered, 1, "only Lviv has over 100,000 people");
        assert_eq!(counts(&d, 0)[0], vec![0, 0, 0, 0, 1]);
        let unknown = DashboardQuery { oblast: "UA99".into(), compare: "colour".into(), ..DashboardQuery::default() };
        let d = dashboard(&db, &registry, id, &unknown, Lang::Uk, at, false).await.unwrap().unwrap();
        assert_eq!(d.invalid, vec!["oblast", "compare"]);
        assert_eq!(d.answered, 3, "an unknown filter is dropped, not applied");
    }
}

on_both_databases! {
    async fn the_needs_overview_counts_by_oblast_and_sector(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let need = |hromada: &str, sector: &str, title: &str, priority: &str, status: &str| NeedForm {
            hromada: hromada.into(),
            sector: sector.into(),
            title: title.into(),
            priority: priority.into(),
            status: status.into(),
            ..NeedForm::default()
        };
        for form in [
            need(BUCHA, "education", "Укриття в школах", "5", "identified"),
            need(LVIV, "education", "Укриття в школах", "4", "addressed"),
            need(DAVYDIV, "education", "Шкільний автобус", "3", "identified"),
            need(DAVYDIV, "communal-services", "Водогін", "2", "met"),
        ] {
            needs::save(&db, &registry, &Actor::Shell, None, &form).await.unwrap();
        }
        let bad = need("UA00", "astronomy", "", "9", "lost");
        let problems = match needs::save(&db, &registry, &Actor::Shell, None, &bad).await.unwrap_err() {
            needs::NeedError::Invalid(p) => p,
            other => panic!("{other:?}"),
        };
        assert_eq!(problems, vec![
            FieldProblem::new("hromada", Problem::Unknown("UA00".into())),
            FieldProblem::new("sector", Problem::Unknown("astronomy".into())),
            FieldProblem::new("title", Problem::Required),
            FieldProblem::new("priority", Problem::Above("5".into())),
            FieldProblem::new("status", Problem::Unknown("lost".into())),
        ]);
        let all = needs::overview(&db, &registry, &NeedsQuery::default(), Lang::Uk).await.unwrap();
        assert_eq!(all.total, 4);
        let lviv = all.heat.iter().find(|r| r.oblast == LVIV_OBLAST).unwrap();
        let education = all.sectors.iter().position(|s| s.value == "education").unwrap();
        let communal = all.sectors.iter().position(|s| s.value == "communal-services").unwrap();
        assert_eq!(lviv.cells[education].count, 2);
        assert_eq!(lviv.cells[education].mean_priority, Some(3.5));
        assert_eq!(lviv.cells[communal].count, 1);
        assert_eq!(all.top[education][0].title, "Укриття в школах");
        assert_eq!((all.top[education][0].count, all.top[education][0].mean_priority), (2, 4.5));
        assert_eq!(all.newest.len(), 4);
        let rural = needs::overview(&db, &registry, &NeedsQuery { kind: "rural".into(), ..NeedsQuery::default() }, Lang::Uk).await.unwrap();
        assert_eq!(rural.total, 2);
        let open = needs::overview(&db, &registry, &NeedsQuery { status: "identified".into(), ..NeedsQuery::default() }, Lang::Uk).await.unwrap();
        assert_eq!(open.total, 2);
        let mine = needs::overview(&db, &registry, &NeedsQuery { hromada: DAVYDIV.into(), ..NeedsQuery::default() }, Lang::Uk).await.unwrap();
        assert_eq!(mine.newest.iter().map(|n| n.title.as_str()).collect::<Vec<_>>().len(), 2);
        let unknown = needs::overview(&db, &registry, &NeedsQuery { status: "lost".into(), ..NeedsQuery::default() }, Lang::Uk).await.unwrap();
        assert_eq!((unknown.invalid.clone(), unknown.total), (vec!["status".to_string()], 4));
    }
}

on_both_databases! {
    async fn dashboards_render_export_and_respect_privacy(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let id = surveys::save(&db, &registry, &Actor::Shell, None, &survey_form()).await.unwrap();
        let q = surveys::questions(&db, id, Lang::Uk).await.unwrap();
        let form = answers(&q, &[(0, &[0], ""), (2, &[], "4")]);
        surveys::save_answers(&db, &registry, &rep(), id, BUCHA, &form, true, Lang::Uk, now()).await.unwrap();
        let app = app(db.clone());
        let page = get(&app, &format!("/analytics/surveys/{id}")).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("Потреби освіти"));
        assert!(page.body.contains("<svg"), "charts are drawn on the server");
        assert!(page.body.contains("1 / 1470"), "the response rate");
        assert!(page.body.contains("<caption>1. Чи є стратегія?</caption>"), "each chart has its table");
        let csv = get(&app, &format!("/analytics/surveys/{id}/dashboard.csv")).await;
        assert_eq!(csv.status, 200);
        assert!(csv.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
        assert!(csv.body.contains("answer,1,Чи є стратегія?,Так,,1,1,100"), "{}", csv.body);
        let json = get(&app, &format!("/analytics/surveys/{id}/dashboard.json?compare=kind")).await;
        let parsed: Dashboard = serde_json::from_str(&json.body).unwrap();
        assert_eq!(parsed.questions[0].rows[0].counts, vec![1, 0, 0]);
        assert!(get(&app, "/analytics").await.body.contains("Потреби освіти"));
        let needs = get(&app, "/analytics/needs.csv").await;
        assert_eq!(needs.status, 200);

        let mut private = survey_form();
        private.title_uk = "Закрите опитування".into();
        private.public_results = false;
        let hidden = surveys::save(&db, &registry, &Actor::Shell, None, &private).await.unwrap();
        assert_eq!(get(&app, &format!("/analytics/surveys/{hidden}/dashboard.json")).await.status, 401);
        assert_eq!(get(&app, &format!("/analytics/surveys/{hidden}")).await.status, 401);
        let mut upcoming = survey_form();
        upcoming.title_uk = "Ще не відкрите".into();
        upcoming.opens_at = app::clock::kyiv_local_string(now() + 2 * HOUR);
        let later = surveys::save(&db, &registry, &Actor::Shell, None, &upcoming).await.unwrap();
        assert_eq!(get(&app, &format!("/analytics/surveys/{later}/dashboard.csv")).await.status, 404);
        assert!(!get(&app, "/analytics").await.body.contains("Ще не відкрите"), "visitors see surveys once open");
    }
}

on_both_databases! {
    async fn admins_add_and_rename_sectors(db: Db) {
        use app::sectors::{storage as sectors, Sector};
        let health = Sector { slug: "health".into(), name_uk: "Охорона здоров’я".into(), name_en: "Health".into() };
        sectors::save(&db, &Actor::Shell, &health, true).await.unwrap();
        let all = sectors::all(&db).await.unwrap();
        assert_eq!(all.len(), 5);
        assert_eq!(all.last().unwrap(), &health, "a new sector comes last");
        let problems = |result: Result<(), sectors::SectorError>| match result.unwrap_err() {
            sectors::SectorError::Invalid(p) => p.into_iter().map(|p| (p.field, p.problem)).collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        assert_eq!(problems(sectors::save(&db, &Actor::Shell, &health, true).await), vec![("slug".into(), Problem::Taken)]);
        let bad = Sector { slug: "Охорона".into(), name_uk: String::new(), name_en: String::new() };
        assert_eq!(problems(sectors::save(&db, &Actor::Shell, &bad, true).await), vec![
            ("slug".into(), Problem::NotASlug),
            ("name_uk".into(), Problem::Required),
        ]);
        let renamed = Sector { name_uk: "Охорона здоров’я і медицина".into(), ..health.clone() };
        sectors::save(&db, &Actor::Shell, &renamed, false).await.unwrap();
        assert_eq!(sectors::all(&db).await.unwrap()[4].name_uk, "Охорона здоров’я і медицина");
    }
}

/// The live stream: a tab receives what is published, and one reconnecting with the id of the
/// last event it saw is sent what it missed.
#[tokio::test]
async fn the_event_stream_delivers_and_catches_up() {
    use axum::body::Body;
    use axum::http::Request;
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let _serial = common::SERIAL.lock().await;
    let test = common::TestDb::sqlite().await;
    let options = spilno::leptos_options(
        "127.0.0.1:0".parse().unwrap(),
        std::path::Path::new("target/site"),
    );
    let state = app::state::AppState::new(test.db.clone(), options);
    let hub = state.live.clone();
    let router = spilno::router(state);
    let response = router
        .clone()
        .oneshot(Request::get("/live").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    let mut body = response.into_body();
    hub.publish("survey:7");
    let frame = tokio::time::timeout(std::time::Duration::from_secs(5), body.frame())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    let text = String::from_utf8(frame.into_data().unwrap().to_vec()).unwrap();
    assert!(
        text.contains("event: change") && text.contains("data: survey:7"),
        "{text}"
    );
    let id = text
        .lines()
        .find_map(|l| l.strip_prefix("id: "))
        .unwrap()
        .to_string();
    hub.publish("needs");
    hub.publish("survey:8");
    let again = router
        .oneshot(
            Request::get("/live")
                .header("last-event-id", &id)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let mut body = again.into_body();
    let mut seen = String::new();
    while !seen.contains("survey:8") {
        let frame = tokio::time::timeout(std::time::Duration::from_secs(5), body.frame())
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        seen.push_str(std::str::from_utf8(&frame.into_data().unwrap()).unwrap());
    }
    assert!(
        seen.find("data: needs").unwrap() < seen.find("data: survey:8").unwrap(),
        "{seen}"
    );
}

on_both_databases! {
    async fn a_representative_keeps_only_their_own_hromadas_needs(db: Db) {
        use app::accounts::storage::{create, open_session, NewAccount};
        use app::accounts::types::Role;
        use axum::body::Body;
        use axum::http::{header, Request};
        use leptos::server_fn::ServerFn;
        with_registry(&db).await;
        let registry = registry(&db).await;
        let bucha_need = NeedForm {
            hromada: BUCHA.into(),
            sector: "education".into(),
            title: "Укриття".into(),
            priority: "5".into(),
            status: "identified".into(),
            ..NeedForm::default()
        };
        let id = needs::save(&db, &registry, &Actor::Shell, None, &bucha_need).await.unwrap();
        let lviv_rep = create(&db, &Actor::Shell, &NewAccount {
            email: "rep@lviv.ua".into(),
            display_name: "Lviv".into(),
            roles: vec![Role::Representative],
            hromada_katottg: Some(LVIV.into()),
        }).await.unwrap();
        let cookie = format!("spilno_session={}", open_session(&db, lviv_rep).await.unwrap());
        let app = app(db.clone());
        let save = |body: String| Request::post(app::analytics::needs::SaveNeed::PATH)
            .header("sec-fetch-site", "same-origin")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT, "application/json")
            .header(header::COOKIE, cookie.clone())
            .body(Body::from(body))
            .unwrap();
        let form = |hromada: &str| serde_json::to_string(&NeedForm { hromada: hromada.into(), title: "Чуже".into(), ..bucha_need.clone() }).unwrap();
        // Another hromada's need, whether it stays Bucha's or is moved to Lviv: refused.
        for hromada in [BUCHA, LVIV] {
            let answer = common::request(&app, save(format!(r#"{{"id":{id},"form":{}}}"#, form(hromada)))).await;
            assert_eq!(answer.status, 403, "{hromada}: {}", answer.body);
        }
        assert_eq!(needs::form(&db, id).await.unwrap().unwrap().title, "Укриття", "nothing changed");
        // Their own: saved, and the overview sees it.
        let answer = common::request(&app, save(format!(r#"{{"id":null,"form":{}}}"#, form(LVIV)))).await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        let overview = needs::overview(&db, &registry, &NeedsQuery { hromada: LVIV.into(), ..NeedsQuery::default() }, Lang::Uk).await.unwrap();
        assert_eq!(overview.newest[0].title, "Чуже");

        // Text typed into a form comes back into its text area as text, never as markup.
        let hostile = NeedForm { description: "</textarea><script>alert(1)</script>".into(), hromada: LVIV.into(), ..bucha_need.clone() };
        let id = needs::save(&db, &registry, &Actor::Shell, None, &hostile).await.unwrap();
        let page = common::request(&app, Request::get(format!("/analytics/needs/edit/{id}")).header(header::COOKIE, cookie.clone()).body(Body::empty()).unwrap()).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("&lt;/textarea>&lt;script>alert(1)&lt;/script>") || page.body.contains("&lt;/textarea&gt;&lt;script&gt;"), "escaped in the text area");
        assert!(!page.body.contains("<script>alert(1)"), "no script from a saved value");
    }
}
