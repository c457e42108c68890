//! Sectoral dialogues on both databases: a dialogue saved and read back (form, page, sanitized
//! summary, audit), every field problem at its field, the list's filters, the needs recorded at
//! a dialogue, and the pages as the server renders them.

mod common;

use app::analytics::dialogues::storage::{self as dialogues, DialogueError};
use app::analytics::dialogues::{DialogueForm, DialogueQuery};
use app::analytics::needs::{storage as needs, NeedForm, NeedsQuery};
use app::audit::{Actor, AuditFilter};
use app::i18n::Lang;
use app::ui::editor::Problem;
use axum::body::Body;
use axum::http::{header, Request};
use common::{app, get, with_registry};

const BUCHA: &str = "UA32080070000050759";
const LVIV: &str = "UA46060250000025047";
const KYIV_OBLAST: &str = "UA32000000000030281";
const LVIV_OBLAST: &str = "UA46000000000026241";

async fn registry(db: &app::db::Db) -> std::sync::Arc<app::hromadas::index::RegistryIndex> {
    app::hromadas::cache::RegistryCache::default()
        .get(db)
        .await
        .unwrap()
}

fn dialogue_form() -> DialogueForm {
    DialogueForm {
        sector: "education".into(),
        oblast: KYIV_OBLAST.into(),
        held_on: "2026-03-12".into(),
        place: "Буча, міська рада, вул. Енергетиків, 12".into(),
        online_url: "https://meet.example.org/osvita".into(),
        moderator: "Олена Петренко".into(),
        title_uk: "Освіта Київщини: укриття й підвезення".into(),
        title_en: "Education in Kyiv Oblast: shelters and school transport".into(),
        agenda_uk: "Укриття в школах\nШкільні автобуси".into(),
        agenda_en: "Shelters in schools\nSchool buses".into(),
        // Codes in the order the form gives them back.
        hromadas: format!("{BUCHA}\n{LVIV}"),
        participants: "Іван Коваль, Бучанська міська рада\nМарія Шевчук, ГО «Освіта»".into(),
        summary_uk: "Домовилися про **три** кроки.\n\n<script>alert(1)</script>".into(),
        summary_en: String::new(),
    }
}

fn fields(error: DialogueError) -> Vec<(String, Problem)> {
    match error {
        DialogueError::Invalid(problems) => {
            problems.into_iter().map(|p| (p.field, p.problem)).collect()
        }
        other => panic!("expected field problems, got {other:?}"),
    }
}

on_both_databases! {
    async fn a_dialogue_is_saved_and_read_back(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let form = dialogue_form();
        let id = dialogues::save(&db, &registry, &Actor::Shell, None, &form).await.unwrap();
        assert_eq!(dialogues::form(&db, id).await.unwrap().unwrap(), form, "the form comes back as it was saved");

        let page = dialogues::page(&db, &registry, id, Lang::Uk).await.unwrap().unwrap();
        assert_eq!(page.card.title, form.title_uk);
        assert_eq!(app::analytics::dialogues::iso_day(page.card.held_on), "2026-03-12");
        assert_eq!((page.card.oblast.name.as_str(), page.card.sector.as_str()), ("Київська область", "Освіта"));
        assert_eq!(
            page.hromadas.iter().map(|h| (h.katottg.as_str(), h.name.as_str())).collect::<Vec<_>>(),
            [(BUCHA, "Бучанська"), (LVIV, "Львівська")]
        );
        assert_eq!(page.agenda, ["Укриття в школах", "Шкільні автобуси"]);
        assert_eq!(page.participants.len(), 2);
        assert!(page.summary_html.contains("<strong>три</strong>"), "{}", page.summary_html);
        assert!(!page.summary_html.contains("script"), "the summary is sanitized: {}", page.summary_html);
        assert!(page.needs.is_empty());
        assert!(!page.english_missing);

        // In English, with the Ukrainian summary for want of an English one.
        let english = dialogues::page(&db, &registry, id, Lang::En).await.unwrap().unwrap();
        assert_eq!((english.card.title.as_str(), english.card.sector.as_str()), (form.title_en.as_str(), "Education"));
        assert_eq!(english.agenda, ["Shelters in schools", "School buses"]);
        assert_eq!(english.summary_html, page.summary_html);

        // Hromadas by name; an update replaces them; only the link is needed without a place.
        let changed = DialogueForm {
            hromadas: "Львівська".into(),
            place: String::new(),
            title_en: String::new(),
            ..form.clone()
        };
        assert_eq!(dialogues::save(&db, &registry, &Actor::Shell, Some(id), &changed).await.unwrap(), id);
        let saved = dialogues::form(&db, id).await.unwrap().unwrap();
        assert_eq!((saved.hromadas.as_str(), saved.place.as_str()), (LVIV, ""));
        assert!(dialogues::page(&db, &registry, id, Lang::En).await.unwrap().unwrap().english_missing);
        assert!(dialogues::page(&db, &registry, id + 1, Lang::Uk).await.unwrap().is_none());
        assert!(matches!(
            dialogues::save(&db, &registry, &Actor::Shell, Some(id + 1), &form).await,
            Err(DialogueError::Database(sqlx::Error::RowNotFound))
        ));

        let audit = app::audit::search(&db, &AuditFilter { entity: "dialogue".into(), ..AuditFilter::default() }).await.unwrap();
        assert_eq!(audit.total, 2, "every save is audited");
        assert_eq!(audit.entries[0].entity_id, id.to_string());
    }
}

on_both_databases! {
    async fn every_field_problem_is_shown_at_its_field(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let empty = DialogueForm::default();
        assert_eq!(
            fields(dialogues::save(&db, &registry, &Actor::Shell, None, &empty).await.unwrap_err()),
            vec![
                ("title_uk".into(), Problem::Required),
                ("sector".into(), Problem::Required),
                ("oblast".into(), Problem::Required),
                ("held_on".into(), Problem::Required),
                ("place".into(), Problem::Required),
            ]
        );
        let wrong = DialogueForm {
            sector: "astronomy".into(),
            oblast: "UA00".into(),
            held_on: "12.03.2026".into(),
            online_url: "meet.example.org".into(),
            hromadas: format!("{BUCHA}, Нісенітницька"),
            title_uk: "x".repeat(201),
            ..dialogue_form()
        };
        assert_eq!(
            fields(dialogues::save(&db, &registry, &Actor::Shell, None, &wrong).await.unwrap_err()),
            vec![
                ("title_uk".into(), Problem::TooLong(200)),
                ("sector".into(), Problem::Unknown("astronomy".into())),
                ("oblast".into(), Problem::Unknown("UA00".into())),
                ("held_on".into(), Problem::NotADate),
                ("online_url".into(), Problem::NotAUrl),
                ("hromadas".into(), Problem::Unknown("Нісенітницька".into())),
            ]
        );
        let list = dialogues::list(&db, &registry, &DialogueQuery::default(), Lang::Uk).await.unwrap();
        assert!(list.items.is_empty(), "nothing was saved");
        let audit = app::audit::search(&db, &AuditFilter { entity: "dialogue".into(), ..AuditFilter::default() }).await.unwrap();
        assert_eq!(audit.total, 0);
    }
}

on_both_databases! {
    async fn the_list_is_newest_first_and_filtered_by_sector_and_oblast(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let dialogue = |title: &str, sector: &str, oblast: &str, held_on: &str| DialogueForm {
            title_uk: title.into(),
            sector: sector.into(),
            oblast: oblast.into(),
            held_on: held_on.into(),
            hromadas: String::new(),
            ..dialogue_form()
        };
        for form in [
            dialogue("Освіта, Київщина", "education", KYIV_OBLAST, "2026-01-20"),
            dialogue("Освіта, Львівщина", "education", LVIV_OBLAST, "2026-03-05"),
            dialogue("Вода, Львівщина", "communal-services", LVIV_OBLAST, "2026-02-11"),
        ] {
            dialogues::save(&db, &registry, &Actor::Shell, None, &form).await.unwrap();
        }
        let titles = |query: DialogueQuery| {
            let (db, registry) = (db.clone(), registry.clone());
            async move {
                let list = dialogues::list(&db, &registry, &query, Lang::Uk).await.unwrap();
                (list.items.into_iter().map(|d| d.title).collect::<Vec<_>>(), list.invalid)
            }
        };
        let query = |sector: &str, oblast: &str| DialogueQuery { sector: sector.into(), oblast: oblast.into() };
        assert_eq!(titles(query("", "")).await.0, ["Освіта, Львівщина", "Вода, Львівщина", "Освіта, Київщина"]);
        assert_eq!(titles(query("education", "")).await.0, ["Освіта, Львівщина", "Освіта, Київщина"]);
        assert_eq!(titles(query("", LVIV_OBLAST)).await.0, ["Освіта, Львівщина", "Вода, Львівщина"]);
        assert_eq!(titles(query("communal-services", LVIV_OBLAST)).await.0, ["Вода, Львівщина"]);
        assert_eq!(titles(query("communal-services", KYIV_OBLAST)).await.0, Vec::<String>::new());
        let (all, invalid) = titles(query("astronomy", "UA00")).await;
        assert_eq!((all.len(), invalid), (3, vec!["sector".to_string(), "oblast".to_string()]), "unknown filters are named, not applied");
    }
}

on_both_databases! {
    async fn needs_recorded_at_a_dialogue_show_on_its_page(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let id = dialogues::save(&db, &registry, &Actor::Shell, None, &dialogue_form()).await.unwrap();
        let need = |title: &str, priority: &str, source: String| NeedForm {
            hromada: BUCHA.into(),
            sector: "education".into(),
            title: title.into(),
            priority: priority.into(),
            status: "identified".into(),
            source,
            ..NeedForm::default()
        };
        let shelter = needs::save(&db, &registry, &Actor::Shell, None, &need("Укриття", "5", format!("dialogue:{id}"))).await.unwrap();
        needs::save(&db, &registry, &Actor::Shell, None, &need("Автобус", "3", format!("dialogue:{id}"))).await.unwrap();
        needs::save(&db, &registry, &Actor::Shell, None, &need("Без джерела", "2", String::new())).await.unwrap();
        assert_eq!(needs::form(&db, shelter).await.unwrap().unwrap().source, format!("dialogue:{id}"));
        for unknown in [format!("dialogue:{}", id + 1), "dialogue:x".into(), "survey:1".into(), "podcast:1".into()] {
            let problems = match needs::save(&db, &registry, &Actor::Shell, None, &need("Х", "1", unknown.clone())).await.unwrap_err() {
                needs::NeedError::Invalid(p) => p,
                other => panic!("{other:?}"),
            };
            assert_eq!(problems, vec![app::ui::editor::FieldProblem::new("source", Problem::Unknown(unknown))]);
        }

        let page = dialogues::page(&db, &registry, id, Lang::Uk).await.unwrap().unwrap();
        assert_eq!(page.needs.iter().map(|n| n.title.as_str()).collect::<Vec<_>>(), ["Укриття", "Автобус"], "the most pressing first");
        let overview = needs::overview(&db, &registry, &NeedsQuery::default(), Lang::Uk).await.unwrap();
        let sourced = overview.newest.iter().find(|n| n.id == shelter).unwrap().source.clone().unwrap();
        assert_eq!((sourced.title.as_str(), sourced.path), (dialogue_form().title_uk.as_str(), format!("/analytics/dialogues/{id}")));
        assert!(overview.newest.iter().find(|n| n.title == "Без джерела").unwrap().source.is_none());

        // Moved to no source, the need leaves the dialogue's page.
        needs::save(&db, &registry, &Actor::Shell, Some(shelter), &need("Укриття", "5", String::new())).await.unwrap();
        let page = dialogues::page(&db, &registry, id, Lang::Uk).await.unwrap().unwrap();
        assert_eq!(page.needs.len(), 1);
    }
}

on_both_databases! {
    async fn the_pages_render_on_the_server(db: Db) {
        use app::accounts::storage::{create, open_session, NewAccount};
        use app::accounts::types::Role;
        with_registry(&db).await;
        let registry = registry(&db).await;
        let form = dialogue_form();
        let id = dialogues::save(&db, &registry, &Actor::Shell, None, &form).await.unwrap();
        needs::save(&db, &registry, &Actor::Shell, None, &NeedForm {
            hromada: LVIV.into(),
            sector: "education".into(),
            title: "Шкільний автобус".into(),
            priority: "4".into(),
            status: "identified".into(),
            source: format!("dialogue:{id}"),
            ..NeedForm::default()
        }).await.unwrap();
        let app = app(db.clone());

        let list = get(&app, "/analytics/dialogues").await;

        assert_eq!(list.status, 200);
        assert!(list.body.contains(&format!(r#"href="/analytics/dialogues/{id}""#)), "{}", list.body);
        assert!(list.body.contains("Олена Петренко"));
        let filtered = get(&app, &format!("/analytics/dialogues?sector=communal-services&oblast={KYIV_OBLAST}")).await;
        assert_eq!(filtered.status, 200);
        assert!(!filtered.body.contains(&format!("/analytics/dialogues/{id}\"")));

        let page = get(&app, &format!("/analytics/dialogues/{id}")).await;
        assert_eq!(page.status, 200);
        for expected in [
            form.title_uk.as_str(),
            &format!(r#"href="/hromadas/{BUCHA}""#),
            "Бучанська",
            "<strong>три</strong>",
            "Марія Шевчук, ГО «Освіта»",
            "Шкільний автобус",
            r#"datetime="2026-03-12""#,
        ] {
            assert!(page.body.contains(expected), "{expected} in {}", page.body);
        }
        assert!(!page.body.contains("alert(1)"), "no script survives");
        assert!(!page.body.contains("/edit/dialogues/"), "visitors get no editing links");
        let english = get(&app, &format!("/en/analytics/dialogues/{id}")).await;
        assert!(english.body.contains(&form.title_en), "{}", english.body);
        assert_eq!(get(&app, &format!("/analytics/dialogues/{}", id + 1)).await.status, 404);
        assert_eq!(get(&app, "/edit/dialogues/new").await.status, 401);
        assert!(get(&app, "/analytics").await.body.contains(r#"href="/analytics/dialogues""#));

        // An analyst sees the links, the editor, and a new need's form naming the dialogue.
        let analyst = create(&db, &Actor::Shell, &NewAccount {
            email: "analyst@hromada.ua".into(),
            display_name: "Analyst".into(),
            roles: vec![Role::Analyst],
            hromada_katottg: None,
        }).await.unwrap();
        let cookie = format!("spilno_session={}", open_session(&db, analyst).await.unwrap());
        let signed_in = |uri: String| Request::get(uri).header(header::COOKIE, cookie.clone()).body(Body::empty()).unwrap();
        let page = common::request(&app, signed_in(format!("/analytics/dialogues/{id}"))).await;
        assert!(page.body.contains(&format!(r#"href="/edit/dialogues/{id}""#)), "{}", page.body);
        assert!(page.body.contains(&format!(r#"href="/analytics/needs/edit/new?dialogue={id}""#)));
        let editor = common::request(&app, signed_in(format!("/edit/dialogues/{id}"))).await;
        assert_eq!(editor.status, 200);
        assert!(editor.body.contains(r#"id="e-title_uk""#) && editor.body.contains(&form.moderator), "{}", editor.body);
        let new_need = common::request(&app, signed_in(format!("/analytics/needs/edit/new?dialogue={id}"))).await;
        assert_eq!(new_need.status, 200);
        let option = new_need.body.split("<option").find(|o| o.contains(&format!(r#"value="dialogue:{id}""#))).unwrap_or_default();
        assert!(option.contains("selected"), "the dialogue is the new need's source: {option}");
    }
}
