//! News storage on both databases: visibility and scheduling, slugs that stay valid, search in
//! Ukrainian word forms with ranking and highlighting, tags, related items, feeds.

mod common;

use app::audit::{now, Actor};
use app::i18n::Lang;
use app::news::storage::*;
use app::news::types::*;
use common::{app, get, with_registry};

const DAY: i64 = 24 * 3600;

fn draft(title: &str, body: &str, publish_at: i64, tags: &[&str]) -> NewsDraft {
    NewsDraft {
        title_uk: title.into(),
        lead_uk: format!("Коротко: {title}"),
        body_uk: body.into(),
        state: Some(NewsState::Published),
        publish_at,
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..NewsDraft::default()
    }
}

fn titles(page: &NewsListPage) -> Vec<String> {
    page.items.iter().map(NewsCard::title_text).collect()
}

fn query(q: &str, tag: &str) -> NewsQuery {
    NewsQuery {
        q: q.into(),
        tag: tag.into(),
        page: 1,
        ..NewsQuery::default()
    }
}

async fn registry(db: &app::db::Db) -> std::sync::Arc<app::hromadas::index::RegistryIndex> {
    app::hromadas::cache::RegistryCache::default()
        .get(db)
        .await
        .unwrap()
}

on_both_databases! {
    async fn drafts_stay_hidden_and_scheduled_items_appear_on_time(db: Db) {
        with_registry(&db).await;
        let at = now();
        save(&db, &Actor::Shell, None, &draft("Старша новина", "Текст.", at - 2 * DAY, &[])).await.unwrap();
        save(&db, &Actor::Shell, None, &draft("Новіша новина", "Текст.", at - DAY, &[])).await.unwrap();
        save(&db, &Actor::Shell, None, &NewsDraft { state: Some(NewsState::Draft), ..draft("Чернетка", "Текст.", at - DAY, &[]) }).await.unwrap();
        save(&db, &Actor::Shell, None, &NewsDraft { state: Some(NewsState::Scheduled), ..draft("Запланована", "Текст.", at + DAY, &[]) }).await.unwrap();

        let today = list(&db, &*registry(&db).await, &NewsQuery::default(), Lang::Uk, at).await.unwrap();
        assert_eq!(titles(&today), vec!["Новіша новина", "Старша новина"], "newest first; no draft, nothing scheduled yet");
        let tomorrow = list(&db, &*registry(&db).await, &NewsQuery::default(), Lang::Uk, at + DAY + 1).await.unwrap();
        assert_eq!(titles(&tomorrow)[0], "Запланована", "a scheduled item publishes itself at its time");
        assert_eq!(tomorrow.total, 3);

        let fields = |r: Result<i64, NewsError>| match r {
            Err(NewsError::Invalid(problems)) => problems.into_iter().map(|p| p.field).collect::<Vec<_>>(),
            other => panic!("expected field problems: {other:?}"),
        };
        assert_eq!(fields(save(&db, &Actor::Shell, None, &draft(" ", "Текст.", at, &[])).await), vec!["title_uk"]);
        assert_eq!(fields(save(&db, &Actor::Shell, None, &draft("Назва", "", at, &[])).await), vec!["body_uk"]);
    }
}

on_both_databases! {
    async fn a_renamed_item_keeps_its_old_address(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let at = now();
        let id = save(&db, &Actor::Shell, None, &draft("Перша назва", "Текст.", at - DAY, &[])).await.unwrap();
        let twin = save(&db, &Actor::Shell, None, &draft("Перша назва", "Інший текст.", at - DAY, &[])).await.unwrap();
        assert_ne!(id, twin);
        save(&db, &Actor::Shell, Some(id), &draft("Нова назва", "Текст.", at - DAY, &[])).await.unwrap();
        match article(&db, &registry, "persha-nazva", Lang::Uk, at).await.unwrap() {
            Some(NewsLookup::MovedTo(slug)) => assert_eq!(slug, "nova-nazva"),
            other => panic!("the old slug should point to the new one: {other:?}"),
        }
        match article(&db, &registry, "persha-nazva-2", Lang::Uk, at).await.unwrap() {
            Some(NewsLookup::Found(a)) => assert_eq!(a.title, "Перша назва", "a clashing title gets a numbered slug"),
            other => panic!("{other:?}"),
        }
        assert!(article(&db, &registry, "nemaie", Lang::Uk, at).await.unwrap().is_none());
    }
}

on_both_databases! {
    async fn search_finds_word_forms_ranks_titles_first_and_marks_words(db: Db) {
        with_registry(&db).await;
        let at = now();
        save(&db, &Actor::Shell, None, &draft("Звіт про бюджет", "Кошти отримали сільські громадами керовані ради.", at - 3 * DAY, &[])).await.unwrap();
        save(&db, &Actor::Shell, None, &draft("Громади Полісся домовились", "Про співпрацю.", at - 2 * DAY, &[])).await.unwrap();
        save(&db, &Actor::Shell, None, &draft("Погода", "Без дощу.", at - DAY, &[])).await.unwrap();

        let found = list(&db, &*registry(&db).await, &query("громада", ""), Lang::Uk, at).await.unwrap();
        assert_eq!(found.total, 2, "«громада» finds «громади» and «громадами»");
        assert_eq!(titles(&found), vec!["Громади Полісся домовились", "Звіт про бюджет"], "a title match ranks first");
        let marked: Vec<&str> = found.items[0].title.iter().filter(|s| s.marked).map(|s| s.text.as_str()).collect();
        assert_eq!(marked, vec!["Громади"]);

        let both = list(&db, &*registry(&db).await, &query("громади співпраця", ""), Lang::Uk, at).await.unwrap();
        assert_eq!(titles(&both), vec!["Громади Полісся домовились"], "every word must match");
        let nothing = list(&db, &*registry(&db).await, &query("\"' OR 1=1 --", ""), Lang::Uk, at).await.unwrap();
        assert_eq!(nothing.total, 0, "query syntax is never passed through");
    }
}

on_both_databases! {
    async fn tags_related_items_and_neighbours(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        let at = now();
        save(&db, &Actor::Shell, None, &draft("Перша", "Текст.", at - 4 * DAY, &["АМУ", "освіта"])).await.unwrap();
        save(&db, &Actor::Shell, None, &draft("Друга", "Текст.", at - 3 * DAY, &["освіта"])).await.unwrap();
        save(&db, &Actor::Shell, None, &draft("Третя", "Текст.", at - 2 * DAY, &[])).await.unwrap();
        save(&db, &Actor::Shell, None, &draft("Четверта", "Текст.", at - DAY, &["АМУ", "освіта"])).await.unwrap();

        let tagged = list(&db, &registry, &query("", "osvita"), Lang::Uk, at).await.unwrap();
        assert_eq!(titles(&tagged), vec!["Четверта", "Друга", "Перша"]);
        assert_eq!(tagged.tag.unwrap().name_uk, "освіта");

        let Some(NewsLookup::Found(item)) = article(&db, &registry, "persha", Lang::Uk, at).await.unwrap() else { panic!() };
        let related: Vec<String> = item.related.iter().map(NewsCard::title_text).collect();
        assert_eq!(related, vec!["Четверта", "Друга", "Третя"], "most shared tags first, then the newest");
        assert_eq!(item.tags.iter().map(|t| t.slug.as_str()).collect::<Vec<_>>(), vec!["amu", "osvita"]);
        assert!(item.previous.is_none());
        assert_eq!(item.next.unwrap().title_text(), "Друга");
    }
}

on_both_databases! {
    async fn lists_filter_by_oblast_and_kyiv_days(db: Db) {
        with_registry(&db).await;
        let registry = registry(&db).await;
        const LVIV_OBLAST: &str = "UA46000000000026241";
        const LVIV_HROMADA: &str = "UA46060250000025047";
        let day = |d: &str| app::clock::kyiv_day_start(d).unwrap();
        save(&db, &Actor::Shell, None, &NewsDraft { oblasts: vec![LVIV_OBLAST.into()], ..draft("Про область", "Текст.", day("2026-03-01") + 3600, &[]) }).await.unwrap();
        save(&db, &Actor::Shell, None, &NewsDraft { hromadas: vec![LVIV_HROMADA.into()], ..draft("Про громаду", "Текст.", day("2026-03-02") + 23 * 3600, &[]) }).await.unwrap();
        save(&db, &Actor::Shell, None, &draft("Про Київ", "Текст.", day("2026-03-03"), &[])).await.unwrap();
        let at = now();
        let filtered = |oblast: &str, from: &str, to: &str| NewsQuery { oblast: oblast.into(), from: from.into(), to: to.into(), ..NewsQuery::default() };

        let lviv = list(&db, &registry, &filtered(LVIV_OBLAST, "", ""), Lang::Uk, at).await.unwrap();
        assert_eq!(titles(&lviv), vec!["Про громаду", "Про область"], "the oblast itself and its hromadas");
        let days = list(&db, &registry, &filtered("", "2026-03-02", "2026-03-02"), Lang::Uk, at).await.unwrap();
        assert_eq!(titles(&days), vec!["Про громаду"], "both ends of the range are whole Kyiv days");
        let bad = list(&db, &registry, &filtered("UA00", "вчора", ""), Lang::Uk, at).await.unwrap();
        assert_eq!(bad.invalid, vec!["oblast", "from"]);
        assert_eq!(bad.total, 3, "unreadable filters filter nothing");
        assert_eq!(bad.oblasts.len(), 27);
    }
}

on_both_databases! {
    async fn demo_news_feeds_and_sitemap(db: Db) {
        with_registry(&db).await;
        assert_eq!(app::news::demo::load(&db, None).await.unwrap(), 5);
        assert_eq!(app::news::demo::load(&db, None).await.unwrap(), 0, "a second load adds nothing");
        let app = app(db);

        let feed = get(&app, "/news.rss").await;
        assert!(feed.headers["content-type"].to_str().unwrap().starts_with("application/rss+xml"));
        assert_eq!(feed.body.matches("<item>").count(), 5);
        assert!(feed.body.contains("Сприяння всебічному розвитку громад"));
        let tagged = get(&app, "/news/tag/amu/feed.rss").await;
        assert_eq!(tagged.body.matches("<item>").count(), 1);
        assert_eq!(get(&app, "/news/tag/nemaie/feed.rss").await.status, 404);

        let sitemap = get(&app, "/sitemap.xml").await;
        assert!(sitemap.body.contains("/news/spryiannia-vsebichnomu-rozvytku-hromad"), "{}", &sitemap.body[..600]);
        assert_eq!(sitemap.body.matches("/hromadas/UA").count(), 1774);
        let robots = get(&app, "/robots.txt").await;
        assert!(robots.body.contains("Sitemap: http://127.0.0.1:0/sitemap.xml"), "{}", robots.body);

        let list = get(&app, "/news").await;
        assert_eq!(list.status, 200);
        assert!(list.body.contains("Акселераційна програма Clusters4Regions"));
        let start = sitemap.body.find("/news/spryiannia").unwrap();
        let path = &sitemap.body[start..start + sitemap.body[start..].find('<').unwrap()];
        let item = get(&app, path).await;
        assert_eq!(item.status, 200, "{path}");
        assert!(item.body.contains("property=\"og:title\""));
        assert!(item.body.contains("<li>підтримка роботи Аналітичного центру АМУ"));
        let english = get(&app, &format!("/en{path}")).await;
        assert!(english.body.contains("no English version yet"));
    }
}
