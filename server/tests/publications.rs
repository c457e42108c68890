//! Publications on both databases: saved and read back with their evidence, documents and
//! initiative; every field problem at its field; the list's filters and full-text search; a
//! recommendation's dated follow-up; PDF attachments checked by content through the whole app;
//! the pages as the server renders them.

mod common;

use app::accounts::types::Role;
use app::analytics::dialogues::storage as dialogues;
use app::analytics::dialogues::DialogueForm;
use app::analytics::needs::{storage as needs, NeedForm};
use app::audit::{Actor, AuditFilter};
use app::db::Db;
use app::i18n::Lang;
use app::initiatives::storage as initiatives;
use app::initiatives::types::InitiativeForm;
use app::media::testing::pdf;
use app::media::types::{DocumentRef, UploadProblem, UploadRejection, DOCUMENT_UPLOAD_PATH};
use app::publications::storage::{self as publications, PublicationError};
use app::publications::types::*;
use app::ui::editor::Problem;
use axum::http::StatusCode;
use common::{app, get, multipart, request, signed_in, with_registry};

const BUCHA: &str = "UA32080070000050759";
const KYIV_OBLAST: &str = "UA32000000000030281";

async fn registry(db: &Db) -> std::sync::Arc<app::hromadas::index::RegistryIndex> {
    app::hromadas::cache::RegistryCache::default()
        .get(db)
        .await
        .unwrap()
}

fn note(title: &str) -> PublicationForm {
    PublicationForm {
        kind: "note".into(),
        published_on: "2026-03-20".into(),
        title_uk: title.into(),
        authors: "Олена Петренко\nІван Коваль".into(),
        abstract_uk: "Що показало опитування шкіл громад.".into(),
        body_uk: "Укриття є у **половині** шкіл.\n\n<script>alert(1)</script>".into(),
        sectors: vec!["education".into()],
        ..PublicationForm::default()
    }
}

fn fields(error: PublicationError) -> Vec<(String, Problem)> {
    match error {
        PublicationError::Invalid(problems) => {
            problems.into_iter().map(|p| (p.field, p.problem)).collect()
        }
        other => panic!("expected field problems, got {other:?}"),
    }
}

/// A dialogue with a need recorded at it, and a published initiative: what evidence links to.
async fn evidence(db: &Db) -> (i64, i64, String) {
    let registry = registry(db).await;
    let dialogue = dialogues::save(
        db,
        &registry,
        &Actor::Shell,
        None,
        &DialogueForm {
            sector: "education".into(),
            oblast: KYIV_OBLAST.into(),
            held_on: "2026-03-12".into(),
            place: "Буча".into(),
            title_uk: "Освіта Київщини".into(),
            ..DialogueForm::default()
        },
    )
    .await
    .unwrap();
    let need = needs::save(
        db,
        &registry,
        &Actor::Shell,
        None,
        &NeedForm {
            hromada: BUCHA.into(),
            sector: "education".into(),
            title: "Укриття в школі".into(),
            priority: "5".into(),
            status: "identified".into(),
            source: format!("dialogue:{dialogue}"),
            ..NeedForm::default()
        },
    )
    .await
    .unwrap();
    let initiative = initiatives::save(
        db,
        &registry,
        &Actor::Shell,
        None,
        &InitiativeForm {
            title_uk: "Спільні школи".into(),
            summary_uk: "Опис.".into(),
            starts_on: "2024-01-01".into(),
            published: true,
            ..InitiativeForm::default()
        },
    )
    .await
    .unwrap();
    (dialogue, need, initiative.slug)
}

async fn stored_pdf(db: &Db, title: &str, pages: usize) -> DocumentRef {
    let bytes = pdf(pages, "");
    let counted = app::media::documents::check_pdf(&bytes).unwrap();
    app::media::documents::save(db, &Actor::Shell, &bytes, counted, title)
        .await
        .unwrap()
}

on_both_databases! {
    async fn a_publication_is_saved_and_read_back(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let (dialogue, need, initiative) = evidence(&db).await;
        let full = stored_pdf(&db, "Повний текст", 3).await;
        let annex = stored_pdf(&db, "Додаток 1", 1).await;
        let form = PublicationForm {
            kind: "recommendation".into(),
            addressee: "Міністерство освіти і науки України".into(),
            title_en: "Shelters in schools".into(),
            sectors: vec!["social-protection".into(), "education".into()],
            initiative: initiative.clone(),
            dialogues: vec![dialogue.to_string()],
            needs: need.to_string(),
            documents: vec![full.id, annex.id],
            ..note("Укриття в школах громад")
        };
        let id = publications::save(&db, &Actor::Shell, None, &form).await.unwrap();
        let back = publications::form(&db, id).await.unwrap().unwrap();
        assert_eq!(
            back,
            PublicationForm { sectors: vec!["education".into(), "social-protection".into()], ..form.clone() },
            "the form comes back as saved, the sectors in their set order"
        );

        let page = publications::page(&db, &registry, id, Lang::Uk).await.unwrap().unwrap();
        assert_eq!(page.card.kind, PublicationKind::Recommendation);
        assert_eq!(page.card.authors, ["Олена Петренко", "Іван Коваль"]);
        assert_eq!(page.card.sectors, ["Освіта", "Соціальний захист та соціальні послуги"]);
        assert_eq!(page.card.follow_up, Some(FollowUpStatus::Proposed));
        assert_eq!(page.addressee, form.addressee);
        assert!(page.body_html.contains("<strong>половині</strong>"), "{}", page.body_html);
        assert!(!page.body_html.contains("script"), "the body is sanitized: {}", page.body_html);
        assert_eq!(page.documents.iter().map(|d| (d.title.as_str(), d.pages)).collect::<Vec<_>>(), [("Повний текст", 3), ("Додаток 1", 1)]);
        assert_eq!(page.documents[0].href(), format!("/media/documents/{}/povnyi-tekst.pdf", full.id));
        assert_eq!(
            page.evidence.iter().map(|e| (e.kind, e.title.as_str(), e.href.as_str())).collect::<Vec<_>>(),
            [
                (EvidenceKind::Dialogue, "Освіта Київщини", format!("/analytics/dialogues/{dialogue}").as_str()),
                (EvidenceKind::Need, "Укриття в школі — Бучанська", format!("/analytics/needs?hromada={BUCHA}").as_str()),
            ]
        );
        assert_eq!(page.initiative.as_ref().map(|i| (i.value.as_str(), i.name.as_str())), Some((initiative.as_str(), "Спільні школи")));
        assert!(!page.english_missing);
        let english = publications::page(&db, &registry, id, Lang::En).await.unwrap().unwrap();
        assert_eq!((english.card.title.as_str(), english.card.sectors[0].as_str()), ("Shelters in schools", "Education"));

        // An update replaces the links; a note keeps no addressee.
        let changed = PublicationForm {
            kind: "note".into(),
            documents: vec![annex.id],
            dialogues: vec![],
            needs: String::new(),
            ..form.clone()
        };
        assert_eq!(publications::save(&db, &Actor::Shell, Some(id), &changed).await.unwrap(), id);
        let page = publications::page(&db, &registry, id, Lang::Uk).await.unwrap().unwrap();
        assert_eq!((page.documents.len(), page.evidence.len(), page.addressee.as_str(), page.card.follow_up), (1, 0, "", None));
        assert!(matches!(publications::save(&db, &Actor::Shell, Some(id + 1), &form).await, Err(PublicationError::NotFound)));
        assert!(publications::page(&db, &registry, id + 1, Lang::Uk).await.unwrap().is_none());

        let audit = app::audit::search(&db, &AuditFilter { entity: "publication".into(), ..AuditFilter::default() }).await.unwrap();
        assert_eq!(audit.total, 2, "every save is audited");
    }
}

on_both_databases! {
    async fn a_survey_not_yet_open_is_not_named_on_the_public_page(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let now = app::audit::now();
        let survey = |form| {
            let (db, registry) = (db.clone(), registry.clone());
            async move { app::analytics::storage::save(&db, &registry, &Actor::Shell, None, &form).await.unwrap() }
        };
        let open = survey(app::analytics::demo::form(now)).await;
        let upcoming = survey(app::analytics::types::SurveyForm {
            title_uk: "Опитування, що ще не почалося".into(),
            ..app::analytics::demo::form(now + 3 * 86_400)
        }).await;
        let form = PublicationForm { surveys: vec![open.to_string(), upcoming.to_string()], ..note("Записка") };
        let id = publications::save(&db, &Actor::Shell, None, &form).await.unwrap();
        let page = publications::page(&db, &registry, id, Lang::Uk).await.unwrap().unwrap();
        assert_eq!(
            page.evidence.iter().map(|e| (e.title.as_str(), e.href.as_str())).collect::<Vec<_>>(),
            [(app::analytics::demo::TITLE, format!("/analytics/surveys/{open}").as_str())]
        );
        assert_eq!(publications::form(&db, id).await.unwrap().unwrap().surveys, form.surveys, "the editor keeps both");
    }
}

on_both_databases! {
    async fn every_field_problem_is_shown_at_its_field(db: Db) {
        with_registry(&db).await;
        assert_eq!(
            fields(publications::save(&db, &Actor::Shell, None, &PublicationForm::default()).await.unwrap_err()),
            vec![
                ("kind".into(), Problem::Required),
                ("published_on".into(), Problem::Required),
                ("title_uk".into(), Problem::Required),
                ("authors".into(), Problem::Required),
                ("abstract_uk".into(), Problem::Required),
                ("sectors".into(), Problem::Required),
            ]
        );
        let wrong = PublicationForm {
            kind: "recommendation".into(),
            published_on: "20.03.2026".into(),
            title_uk: "x".repeat(301),
            sectors: vec!["astronomy".into()],
            initiative: "nema-takoi".into(),
            surveys: vec!["999".into()],
            dialogues: vec!["x".into()],
            needs: "12, abc".into(),
            documents: vec![999],
            ..note("")
        };
        assert_eq!(
            fields(publications::save(&db, &Actor::Shell, None, &wrong).await.unwrap_err()),
            vec![
                ("published_on".into(), Problem::NotADate),
                ("title_uk".into(), Problem::TooLong(300)),
                ("addressee".into(), Problem::Required),
                ("sectors".into(), Problem::Unknown("astronomy".into())),
                ("initiative".into(), Problem::Unknown("nema-takoi".into())),
                ("surveys".into(), Problem::Unknown("999".into())),
                ("dialogues".into(), Problem::Unknown("x".into())),
                ("needs".into(), Problem::Unknown("abc".into())),
                ("documents".into(), Problem::Unknown(String::new())),
            ]
        );
        let list = publications::list(&db, &PublicationQuery::default(), Lang::Uk).await.unwrap();
        assert_eq!(list.total, 0, "nothing was saved");
    }
}

on_both_databases! {
    async fn the_list_filters_by_type_sector_and_year_and_searches_the_text(db: Db) {
        with_registry(&db).await;
        for form in [
            note("Школи громад після 2022 року"),
            PublicationForm {
                kind: "method".into(),
                published_on: "2025-11-02".into(),
                sectors: vec!["communal-services".into()],
                body_uk: "Як рахувати витрати на водопостачання.".into(),
                ..note("Методика оцінки водопостачання")
            },
            PublicationForm {
                kind: "recommendation".into(),
                addressee: "Уряд".into(),
                published_on: "2026-01-15".into(),
                authors: "Марія Шевчук".into(),
                ..note("Підвезення учнів")
            },
        ] {
            publications::save(&db, &Actor::Shell, None, &form).await.unwrap();
        }
        let titles = |query: PublicationQuery| {
            let db = db.clone();
            async move {
                let list = publications::list(&db, &query, Lang::Uk).await.unwrap();
                (list.items.into_iter().map(|c| c.title).collect::<Vec<_>>(), list.invalid, list.total)
            }
        };
        let q = |kind: &str, sector: &str, year: &str, q: &str| PublicationQuery {
            kind: kind.into(), sector: sector.into(), year: year.into(), q: q.into(), page: 1,
        };
        assert_eq!(titles(q("", "", "", "")).await.0, ["Школи громад після 2022 року", "Підвезення учнів", "Методика оцінки водопостачання"], "newest first");
        assert_eq!(titles(q("method", "", "", "")).await.0, ["Методика оцінки водопостачання"]);
        assert_eq!(titles(q("", "education", "", "")).await.0, ["Школи громад після 2022 року", "Підвезення учнів"]);
        assert_eq!(titles(q("", "", "2025", "")).await.0, ["Методика оцінки водопостачання"]);
        assert_eq!(titles(q("recommendation", "education", "2026", "")).await.0, ["Підвезення учнів"]);
        // Words in any form, by prefix, in the title, the body or the authors.
        assert_eq!(titles(q("", "", "", "школа")).await.0, ["Школи громад після 2022 року"]);
        assert_eq!(titles(q("", "", "", "водопостачанням")).await.0, ["Методика оцінки водопостачання"]);
        assert_eq!(titles(q("", "", "", "Шевчук")).await.0, ["Підвезення учнів"]);
        let mut sheltered = titles(q("", "", "", "укриття")).await.0;
        sheltered.sort();
        assert_eq!(sheltered, ["Підвезення учнів", "Школи громад після 2022 року"], "the body is searched");
        assert_eq!(titles(q("note", "", "", "укриття")).await.0, ["Школи громад після 2022 року"]);
        let (all, invalid, total) = titles(q("essay", "astronomy", "1999", "")).await;
        assert_eq!((all.len(), invalid, total), (3, vec!["kind".to_string(), "sector".to_string(), "year".to_string()], 3), "unknown filters are named, not applied");
        let list = publications::list(&db, &PublicationQuery::default(), Lang::Uk).await.unwrap();
        assert_eq!(list.years.iter().map(|y| y.value.as_str()).collect::<Vec<_>>(), ["2026", "2025"]);
    }
}

on_both_databases! {
    async fn a_recommendation_is_followed_up_by_dated_steps(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let id = publications::save(&db, &Actor::Shell, None, &PublicationForm {
            kind: "recommendation".into(),
            addressee: "Міністерство освіти".into(),
            ..note("Підвезення учнів")
        }).await.unwrap();
        let step = |day: &str, status: &str, note: &str| FollowUpForm { happened_on: day.into(), status: status.into(), note: note.into() };
        publications::add_follow_up(&db, &Actor::Shell, id, &step("2026-04-10", "accepted", "Розглянуто на колегії.")).await.unwrap();
        // Recorded late, but earlier: the status stays with the newest date.
        publications::add_follow_up(&db, &Actor::Shell, id, &step("2026-03-25", "sent", "Лист № 12.")).await.unwrap();
        let page = publications::page(&db, &registry, id, Lang::Uk).await.unwrap().unwrap();
        assert_eq!(page.card.follow_up, Some(FollowUpStatus::Accepted));
        assert_eq!(
            page.follow_ups.iter().map(|f| (app::analytics::dialogues::iso_day(f.happened_on), f.status, f.note.as_str())).collect::<Vec<_>>(),
            [("2026-03-25".to_string(), FollowUpStatus::Sent, "Лист № 12."), ("2026-04-10".to_string(), FollowUpStatus::Accepted, "Розглянуто на колегії.")]
        );
        let list = publications::list(&db, &PublicationQuery::default(), Lang::Uk).await.unwrap();
        assert_eq!(list.items[0].follow_up, Some(FollowUpStatus::Accepted));

        assert_eq!(
            fields(publications::add_follow_up(&db, &Actor::Shell, id, &step("", "done", "")).await.unwrap_err()),
            vec![("happened_on".into(), Problem::Required), ("status".into(), Problem::Unknown("done".into()))]
        );
        let future = fields(publications::add_follow_up(&db, &Actor::Shell, id, &step("2999-01-01", "implemented", "")).await.unwrap_err());
        assert_eq!(future.len(), 1);
        assert!(matches!(future[0], (ref field, Problem::Above(_)) if field == "happened_on"), "{future:?}");
        let other = publications::save(&db, &Actor::Shell, None, &note("Записка")).await.unwrap();
        assert!(matches!(
            publications::add_follow_up(&db, &Actor::Shell, other, &step("2026-04-10", "accepted", "")).await,
            Err(PublicationError::NotFound)
        ), "only recommendations are followed up");
        let audit = app::audit::search(&db, &AuditFilter { entity: "publication".into(), action: "follow-up".into(), ..AuditFilter::default() }).await.unwrap();
        assert_eq!(audit.total, 2);
    }
}

fn rejection(page: &common::Page) -> UploadRejection {
    serde_json::from_str(&page.body)
        .unwrap_or_else(|e| panic!("a JSON reason ({e}): {} {}", page.status, page.body))
}

on_both_databases! {
    async fn pdfs_are_checked_by_content_and_served(db: Db) {
        with_registry(&db).await;
        let app = app(db.clone());
        let (_, analyst) = signed_in(&db, Role::Analyst).await;
        let (_, editor) = signed_in(&db, Role::Editor).await;
        let plain = pdf(2, "");
        let send = |cookie: Option<&str>, name: &str, bytes: &[u8], title: &str| {
            multipart(DOCUMENT_UPLOAD_PATH, cookie, Some((name, "application/pdf", bytes)), &[("title", title)])
        };
        assert_eq!(request(&app, send(None, "a.pdf", &plain, "Звіт")).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(request(&app, send(Some(&editor), "a.pdf", &plain, "Звіт")).await.status, StatusCode::FORBIDDEN);

        for (bytes, title, field, problem) in [
            (app::media::testing::jpeg(40, 30), "Фото", "file", UploadProblem::NotAPdf),
            (pdf(1, "/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"), "Звіт", "file", UploadProblem::ActiveContent),
            (plain[..plain.len() / 3].to_vec(), "Звіт", "file", UploadProblem::Corrupt),
            (plain.clone(), " ", "title", UploadProblem::TitleRequired),
        ] {
            let page = request(&app, send(Some(&analyst), "report.pdf", &bytes, title)).await;
            let reason = rejection(&page);
            assert_eq!((page.status, reason.field.as_str(), reason.problem), (StatusCode::UNPROCESSABLE_ENTITY, field, Some(problem)));
            assert!(!reason.message_uk.is_empty() && !reason.message_en.is_empty());
        }

        let page = request(&app, send(Some(&analyst), "report.pdf", &plain, "Повний текст записки")).await;
        assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
        let document: DocumentRef = serde_json::from_str(&page.body).unwrap();
        assert_eq!((document.pages, document.size_bytes), (2, plain.len() as u64));
        let served = get(&app, &document.href()).await;
        assert_eq!(served.status, StatusCode::OK);
        assert_eq!(served.bytes, plain, "the file is served as uploaded");
        assert_eq!(served.headers["content-type"], "application/pdf");
        assert_eq!(get(&app, &format!("/media/documents/{}/inshyi.pdf", document.id)).await.status, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, &format!("/media/documents/{}/x.pdf", document.id + 1)).await.status, StatusCode::NOT_FOUND);
        let audit = app::audit::search(&db, &AuditFilter { entity: "document".into(), ..AuditFilter::default() }).await.unwrap();
        assert_eq!(audit.total, 1, "the upload is audited, the refusals wrote nothing");
    }
}

on_both_databases! {
    async fn the_pages_render_on_the_server(db: Db) {
        with_registry(&db).await;
        let document = stored_pdf(&db, "Повний текст", 2).await;
        let id = publications::save(&db, &Actor::Shell, None, &PublicationForm {
            documents: vec![document.id],
            ..note("Школи громад після 2022 року")
        }).await.unwrap();
        let app = app(db.clone());
        let page = get(&app, &format!("/analytics/publications/{id}")).await;
        assert_eq!(page.status, 200);
        for part in ["Школи громад після 2022 року", "Аналітична записка", "Олена Петренко, Іван Коваль", "<strong>половині</strong>", &document.href(), "PDF, 1 КБ, 2 с."] {
            assert!(page.body.contains(part), "{part} in the page");
        }
        assert!(!page.body.contains("<script>alert"), "the body is sanitized");
        let list = get(&app, "/analytics/publications?q=%D1%88%D0%BA%D0%BE%D0%BB%D0%B0&kind=note").await;
        assert_eq!(list.status, 200);
        assert!(list.body.contains("Школи громад після 2022 року") && list.body.contains("Знайдено: 1"));
        assert_eq!(get(&app, &format!("/analytics/publications/{}", id + 1)).await.status, 404);
        let sitemap = get(&app, "/sitemap.xml").await;
        assert!(sitemap.body.contains(&format!("/analytics/publications/{id}</loc>")));
    }
}
