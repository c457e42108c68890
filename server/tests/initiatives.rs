//! Initiatives and the editing of news on both databases: the demo initiative from the seed,
//! its page with directions, partners and news; list filters and search; field problems from
//! the editors' forms; publishing, scheduling and unpublishing; news filtered by initiative and
//! sector.

mod common;

use app::audit::{now, Actor};
use app::i18n::Lang;
use app::initiatives::storage as initiatives;
use app::initiatives::types::*;
use app::news::storage as news;
use app::news::types::*;
use app::ui::editor::Problem;
use common::{app, get, with_registry};

const DAY: i64 = 24 * 3600;
const BUCHA: &str = "UA32080070000050759";

async fn registry(db: &app::db::Db) -> std::sync::Arc<app::hromadas::index::RegistryIndex> {
    app::hromadas::cache::RegistryCache::default()
        .get(db)
        .await
        .unwrap()
}

fn news_form(title: &str) -> NewsForm {
    NewsForm {
        title_uk: title.into(),
        lead_uk: format!("Коротко: {title}"),
        body_uk: "Текст **новини**.".into(),
        ..NewsForm::default()
    }
}

on_both_databases! {
    async fn the_demo_initiative_has_its_directions_partners_and_news(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let id = app::initiatives::demo::load(&db, &registry).await.unwrap();
        assert_eq!(app::initiatives::demo::load(&db, &registry).await.unwrap(), id, "loading twice adds nothing");
        app::news::demo::load(&db, Some(id)).await.unwrap();
        let at = now();
        let slug = "spryiannia-vsebichnomu-rozvytku-hromad-cherez-analityku-dialoh-ta-spivpratsiu";
        let Some(InitiativeLookup::Found(page)) = initiatives::page(&db, &registry, slug, Lang::Uk, at).await.unwrap() else {
            panic!("the demo initiative is published at its slug");
        };
        assert_eq!(page.directions.len(), 3);
        assert_eq!(page.directions[2].title, "День Діалогу");
        assert_eq!(page.directions[0].sectors.len(), 4, "the analytical centre works in the four sectors");
        let partners: Vec<(&str, PartnerRole)> = page.card.partners.iter().map(|p| (p.name.as_str(), p.role)).collect();
        assert_eq!(partners, vec![("Асоціація міст України", PartnerRole::Implementer), ("Програма «U-LEAD з Європою»", PartnerRole::Donor)]);
        assert_eq!(page.card.status, InitiativeStatus::Completed, "it ran until July 2022");
        assert_eq!(page.news_total, 1, "the seed item belongs to it");
        assert!(page.news[0].title_text().starts_with("«Сприяння всебічному розвитку громад"));
        assert!(page.goals[0].starts_with("Розвиток спроможності громад"));

        let Some(InitiativeLookup::Found(en)) = initiatives::page(&db, &registry, slug, Lang::En, at).await.unwrap() else { panic!() };
        assert_eq!(en.card.partners[1].name, "U-LEAD with Europe");
        assert_eq!(en.directions[2].title, "Dialogue Day");

        let html = get(&app(db.clone()), &format!("/initiatives/{slug}")).await;
        assert_eq!(html.status, 200);
        assert!(html.body.contains("День Діалогу") && html.body.contains("Виконавець"), "the page is rendered on the server");
        let list = get(&app(db.clone()), "/initiatives?status=completed&partner=asotsiatsiia-mist-ukrainy").await;
        assert!(list.body.contains("Сприяння всебічному розвитку громад"));
        let sitemap = get(&app(db.clone()), "/sitemap.xml").await;
        assert!(sitemap.body.contains(&format!("/initiatives/{slug}</loc>")), "the initiative is in the sitemap");
    }
}

on_both_databases! {
    async fn initiative_lists_filter_and_search(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let today = app::clock::kyiv_day(now());
        let base = InitiativeForm {
            summary_uk: "Опис.".into(),
            starts_on: "2020-01-01".into(),
            published: true,
            ..InitiativeForm::default()
        };
        let save = |form: InitiativeForm| {
            let db = db.clone();
            let registry = registry.clone();
            async move { initiatives::save(&db, &registry, &Actor::Shell, None, &form).await.unwrap() }
        };
        save(InitiativeForm {
            title_uk: "Школи громад".into(),
            goals_uk: "Оновити шкільні автобуси".into(),
            sectors: vec!["education".into()],
            hromadas: BUCHA.into(),
            partners: vec![PartnerForm { name_uk: "Фонд освіти".into(), role: PartnerRole::Donor, ..PartnerForm::default() }],
            ..base.clone()
        }).await;
        save(InitiativeForm {
            title_uk: "Вода для сіл".into(),
            ends_on: "2021-01-01".into(),
            sectors: vec!["communal-services".into()],
            ..base.clone()
        }).await;
        save(InitiativeForm { title_uk: "Чернетка".into(), published: false, ..base.clone() }).await;
        save(InitiativeForm { title_uk: "Майбутнє".into(), starts_on: "2999-01-01".into(), ..base.clone() }).await;

        let titles = |q: InitiativeQuery| {
            let (db, registry, today) = (db.clone(), registry.clone(), today.clone());
            async move {
                let page = initiatives::list(&db, &registry, &q, Lang::Uk, &today).await.unwrap();
                (page.items.into_iter().map(|c| c.title).collect::<Vec<_>>(), page.invalid)
            }
        };
        assert_eq!(titles(InitiativeQuery::default()).await.0, vec!["Школи громад", "Майбутнє", "Вода для сіл"], "active, planned, completed; no draft");
        assert_eq!(titles(InitiativeQuery { status: "completed".into(), ..Default::default() }).await.0, vec!["Вода для сіл"]);
        assert_eq!(titles(InitiativeQuery { sector: "education".into(), ..Default::default() }).await.0, vec!["Школи громад"]);
        assert_eq!(titles(InitiativeQuery { partner: "fond-osvity".into(), ..Default::default() }).await.0, vec!["Школи громад"]);
        assert_eq!(titles(InitiativeQuery { oblast: "UA32000000000030281".into(), ..Default::default() }).await.0, vec!["Школи громад"], "Bucha lies in Kyiv oblast");
        assert_eq!(titles(InitiativeQuery { q: "автобусами".into(), ..Default::default() }).await.0, vec!["Школи громад"], "word forms match the goals");
        let (all, invalid) = titles(InitiativeQuery { sector: "no-such".into(), ..Default::default() }).await;
        assert_eq!((all.len(), invalid), (3, vec!["sector".to_string()]), "an unknown choice is reported and ignored");
    }
}

on_both_databases! {
    async fn initiative_forms_report_every_problem_at_its_field(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let form = InitiativeForm {
            title_uk: " ".into(),
            summary_uk: "Опис.".into(),
            starts_on: "2026-05-01".into(),
            ends_on: "2026-04-01".into(),
            hromadas: "Немає такої громади".into(),
            directions: vec![DirectionForm { sectors: vec!["education".into()], ..DirectionForm::default() }],
            partners: vec![PartnerForm { name_uk: "АМУ".into(), url: "javascript:alert(1)".into(), ..PartnerForm::default() }],
            ..InitiativeForm::default()
        };
        let Err(initiatives::InitiativeError::Invalid(problems)) = initiatives::save(&db, &registry, &Actor::Shell, None, &form).await else {
            panic!("the form must be refused");
        };
        let found: Vec<(&str, &Problem)> = problems.iter().map(|p| (p.field.as_str(), &p.problem)).collect();
        assert!(found.contains(&("title_uk", &Problem::Required)), "{found:?}");
        assert!(found.contains(&("ends_on", &Problem::EndsBeforeStart)), "{found:?}");
        assert!(found.contains(&("directions.0.title_uk", &Problem::Required)), "{found:?}");
        assert!(found.contains(&("partners.0.url", &Problem::NotAUrl)), "{found:?}");
        assert!(found.contains(&("hromadas", &Problem::Unknown("Немає такої громади".into()))), "{found:?}");
        assert!(initiatives::editable(&db, now()).await.unwrap().is_empty(), "nothing is saved");
    }
}

on_both_databases! {
    async fn editors_publish_schedule_and_unpublish_news(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let at = now();
        let editor = app::accounts::storage::create(&db, &Actor::Shell, &app::accounts::storage::NewAccount {
            email: "olena@hromada.ua".into(),
            display_name: "Олена Редакторка".into(),
            roles: vec![app::accounts::types::Role::Editor],
            hromada_katottg: None,
        }).await.unwrap();
        let actor = Actor::Account { id: editor, email: "olena@hromada.ua".into() };
        let draft = news::draft_from_form(&db, &registry, &news_form("Чернетка редактора"), Publishing::Draft, at).await.unwrap();
        let id = news::save(&db, &actor, None, &draft).await.unwrap();
        let visible = |q: NewsQuery, when: i64| {
            let (db, registry) = (db.clone(), registry.clone());
            async move { news::list(&db, &registry, &q, Lang::Uk, when).await.unwrap().items.into_iter().map(|c| c.title_text()).collect::<Vec<_>>() }
        };
        assert!(visible(NewsQuery::default(), at).await.is_empty(), "a draft is hidden");

        let published = news::draft_from_form(&db, &registry, &news_form("Чернетка редактора"), Publishing::Publish, at).await.unwrap();
        assert_eq!(published.state, Some(NewsState::Published));
        news::save(&db, &actor, Some(id), &published).await.unwrap();
        assert_eq!(visible(NewsQuery::default(), at).await, vec!["Чернетка редактора"]);
        let Some(NewsLookup::Found(article)) = news::article(&db, &registry, "chernetka-redaktora", Lang::Uk, at).await.unwrap() else { panic!() };
        assert_eq!(article.author, "Олена Редакторка", "the item names who wrote it");
        let (_, state, form) = news::form(&db, id).await.unwrap().unwrap();
        assert_eq!(state, NewsState::Published);
        assert_eq!(form.body_uk, "Текст **новини**.", "the form gets the Markdown back");

        news::save(&db, &actor, Some(id), &news::draft_from_form(&db, &registry, &form, Publishing::Draft, at).await.unwrap()).await.unwrap();
        assert!(visible(NewsQuery::default(), at).await.is_empty(), "unpublished");

        let past = NewsForm { publish_at: app::clock::kyiv_local_string(at - DAY), ..news_form("Запізно") };
        let Err(news::NewsError::Invalid(problems)) = news::draft_from_form(&db, &registry, &past, Publishing::Schedule, at).await else { panic!() };
        assert_eq!(problems[0].field, "publish_at");
        assert_eq!(problems[0].problem, Problem::NotInFuture);
        let later = NewsForm { publish_at: app::clock::kyiv_local_string(at + 2 * DAY), ..news_form("Завтрашня") };
        let scheduled = news::draft_from_form(&db, &registry, &later, Publishing::Schedule, at).await.unwrap();
        assert_eq!(scheduled.state, Some(NewsState::Scheduled));
        news::save(&db, &actor, None, &scheduled).await.unwrap();
        assert!(visible(NewsQuery::default(), at).await.is_empty());
        assert_eq!(visible(NewsQuery::default(), at + 3 * DAY).await, vec!["Завтрашня"], "it publishes itself");

        let bad = NewsForm {
            title_uk: String::new(),
            source_url: "ftp://x".into(),
            initiative: "no-such".into(),
            sectors: vec!["no-such".into()],
            hromadas: "Нікуди".into(),
            publish_at: "вчора".into(),
            ..news_form("")
        };
        let Err(news::NewsError::Invalid(problems)) = news::draft_from_form(&db, &registry, &bad, Publishing::Publish, at).await else { panic!() };
        let mut fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        fields.sort();
        assert_eq!(fields, vec!["hromadas", "initiative", "publish_at", "sectors", "source_url", "title_uk"]);
    }
}

on_both_databases! {
    async fn news_filter_by_initiative_and_sector(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let at = now();
        let initiative = initiatives::save(&db, &registry, &Actor::Shell, None, &InitiativeForm {
            title_uk: "Спільні школи".into(),
            summary_uk: "Опис.".into(),
            starts_on: "2024-01-01".into(),
            published: true,
            ..InitiativeForm::default()
        }).await.unwrap();
        let form = |title: &str, with_initiative: bool, sector: &str| NewsForm {
            initiative: if with_initiative { initiative.slug.clone() } else { String::new() },
            sectors: vec![sector.to_string()],
            publish_at: app::clock::kyiv_local_string(at - DAY),
            ..news_form(title)
        };
        for (title, with, sector) in [("Про школи", true, "education"), ("Про воду", false, "communal-services"), ("Про садки", true, "social-protection")] {
            let draft = news::draft_from_form(&db, &registry, &form(title, with, sector), Publishing::Publish, at).await.unwrap();
            news::save(&db, &Actor::Shell, None, &draft).await.unwrap();
        }
        let titles = |q: NewsQuery| {
            let (db, registry) = (db.clone(), registry.clone());
            async move {
                let mut t: Vec<String> = news::list(&db, &registry, &q, Lang::Uk, at).await.unwrap().items.into_iter().map(|c| c.title_text()).collect();
                t.sort();
                t
            }
        };
        assert_eq!(titles(NewsQuery { initiative: initiative.slug.clone(), ..Default::default() }).await, vec!["Про садки", "Про школи"]);
        assert_eq!(titles(NewsQuery { sector: "communal-services".into(), ..Default::default() }).await, vec!["Про воду"]);
        assert_eq!(titles(NewsQuery { initiative: initiative.slug.clone(), sector: "education".into(), ..Default::default() }).await, vec!["Про школи"]);
        let page = news::list(&db, &registry, &NewsQuery { sector: "nothing".into(), ..Default::default() }, Lang::Uk, at).await.unwrap();
        assert_eq!((page.total, page.invalid), (3, vec!["sector".to_string()]));
        let Some(NewsLookup::Found(article)) = news::article(&db, &registry, "pro-shkoly", Lang::Uk, at).await.unwrap() else { panic!() };
        assert_eq!(article.initiative.map(|i| i.name), Some("Спільні школи".to_string()));
        assert_eq!(article.related[0].title_text(), "Про садки", "the same initiative comes first among related items");
    }
}
