//! The registry's storage on both databases: import, filters, totals, order, profiles.

mod common;

use app::db::Db;
use app::hromadas::import::{import, Registry};
use app::hromadas::storage;
use app::hromadas::text::sort_key;
use app::hromadas::types::*;
use common::{registry, with_registry};

const LVIV_OBLAST: &str = "UA46000000000026241";
const LVIV: &str = "UA46060250000025047";

fn query(pairs: &[(&str, &str)]) -> HromadaQuery {
    let qs = serde_urlencoded::to_string(pairs).unwrap();
    serde_urlencoded::from_str(&qs).unwrap()
}

async fn counts(db: &Db) -> (i64, i64, i64) {
    let count = |table: &'static str| {
        let db = db.clone();
        async move {
            let sql = format!("SELECT COUNT(*) FROM {table}");
            app::on_db!(&db, read, |pool| sqlx::query_scalar::<_, i64>(&sql)
                .fetch_one(pool)
                .await)
            .unwrap()
        }
    };
    (
        count("oblasts").await,
        count("raions").await,
        count("hromadas").await,
    )
}

on_both_databases! {
    async fn import_is_idempotent_and_updates_in_place(db: Db) {
        with_registry(&db).await;
        assert_eq!(counts(&db).await, (27, 136, 1774));
        let mut changed = registry().clone();
        let lviv = changed.hromadas.iter_mut().find(|h| h.katottg == LVIV).unwrap();
        lviv.population = Some(800_000);
        import(&db, &changed).await.unwrap();
        import(&db, &changed).await.unwrap();
        assert_eq!(counts(&db).await, (27, 136, 1774));
        let lviv = storage::load(&db).await.unwrap().hromada(LVIV).cloned().unwrap();
        assert_eq!(lviv.population, Some(800_000));
    }
}

on_both_databases! {
    async fn a_failing_import_leaves_the_database_unchanged(db: Db) {
        with_registry(&db).await;
        let mut bad: Registry = registry().clone();
        bad.hromadas[0].population = Some(1);
        // The last row points at an oblast that does not exist: the database refuses it, late.
        let last = bad.hromadas.len() - 1;
        bad.hromadas[last].oblast_katottg = "UA99000000000000000".into();
        assert!(import(&db, &bad).await.is_err());
        assert_eq!(counts(&db).await, (27, 136, 1774));
        let first = storage::load(&db).await.unwrap().hromada(&registry().hromadas[0].katottg).cloned().unwrap();
        assert_eq!(first.population, registry().hromadas[0].population, "the first row was rolled back");
    }
}

on_both_databases! {
    async fn filters_narrow_and_totals_match_a_direct_sum(db: Db) {
        with_registry(&db).await;
        let page = storage::load(&db).await.unwrap().list_page(&query(&[("oblast", LVIV_OBLAST)]));
        assert!(page.issues.is_empty());
        assert_eq!(page.totals.count, 73);
        assert!(!page.raions.is_empty());
        let expected: i64 = registry().hromadas.iter().filter(|h| h.oblast_katottg == LVIV_OBLAST).filter_map(|h| h.population).sum();
        assert_eq!(page.totals.population, Some(expected));
        let expected_area: f64 = registry().hromadas.iter().filter(|h| h.oblast_katottg == LVIV_OBLAST).filter_map(|h| h.area_km2).sum();
        assert!((page.totals.area_km2.unwrap() - expected_area).abs() < 0.01);

        let urban = storage::load(&db).await.unwrap().list_page(&query(&[("oblast", LVIV_OBLAST), ("kind", "urban")]));
        assert_eq!(urban.totals.count, 39);
        assert!(urban.rows.iter().all(|h| h.kind == Kind::Urban && h.oblast_katottg == LVIV_OBLAST));

        let raion = page.raions[0].katottg.clone();
        let in_raion = storage::load(&db).await.unwrap().list_page(&query(&[("oblast", LVIV_OBLAST), ("raion", &raion)]));
        let expected = registry().hromadas.iter().filter(|h| h.raion_katottg.as_deref() == Some(raion.as_str())).count();
        assert_eq!(in_raion.totals.count as usize, expected);

        let sized = storage::load(&db).await.unwrap().list_page(&query(&[("pop_min", "10000"), ("pop_max", "20000"), ("kind", "rural")]));
        let expected = registry().hromadas.iter().filter(|h| h.kind == Kind::Rural && h.population.is_some_and(|p| (10_000..=20_000).contains(&p))).count();
        assert_eq!(sized.totals.count as usize, expected);
        assert!(expected > 50, "the sample is big enough to page");
        assert_eq!(sized.rows.len(), 50);
    }
}

on_both_databases! {
    async fn name_search_ignores_case_and_apostrophe_variants(db: Db) {
        with_registry(&db).await;
        let expected = registry().hromadas.iter().filter(|h| h.name_uk.to_lowercase().replace('’', "'").contains("кам'ян")).count();
        assert!(expected >= 2);
        for q in ["кам'ян", "КАМ’ЯН", "Камʼян", "кам`ян"] {
            let page = storage::load(&db).await.unwrap().list_page(&query(&[("q", q)]));
            assert_eq!(page.totals.count as usize, expected, "{q}");
        }
        let page = storage::load(&db).await.unwrap().list_page(&query(&[("q", "львівська")]));
        assert!(page.rows.iter().any(|h| h.katottg == LVIV));
        let page = storage::load(&db).await.unwrap().list_page(&query(&[("q", "%")]));
        assert_eq!(page.totals.count, 0, "wildcards are literal");
    }
}

on_both_databases! {
    async fn sorting_follows_the_alphabet_and_population(db: Db) {
        with_registry(&db).await;
        let mut by_name: Vec<_> = registry().hromadas.iter().map(|h| (sort_key(&h.name_uk), h.katottg.clone())).collect();
        by_name.sort();
        let page = storage::load(&db).await.unwrap().list_page(&query(&[]));
        let got: Vec<_> = page.rows.iter().map(|h| h.katottg.clone()).collect();
        let want: Vec<_> = by_name.iter().take(50).map(|(_, k)| k.clone()).collect();
        assert_eq!(got, want);

        let page = storage::load(&db).await.unwrap().list_page(&query(&[("sort", "population_desc")]));
        assert_eq!(page.rows[0].name_uk, "Київ");
        assert!(page.rows.windows(2).all(|w| w[0].population >= w[1].population));
        let last = storage::load(&db).await.unwrap().list_page(&query(&[("sort", "population_desc"), ("page", "36")]));
        assert!(last.rows.iter().rev().take(5).all(|h| h.population.is_none()), "unknown population sorts last");
    }
}

on_both_databases! {
    async fn pages_and_bad_input_are_reported_not_failed(db: Db) {
        with_registry(&db).await;
        let last = storage::load(&db).await.unwrap().list_page(&query(&[("page", "36")]));
        assert_eq!((last.page, last.pages, last.rows.len()), (36, 36, 1774 - 35 * 50));
        let beyond = storage::load(&db).await.unwrap().list_page(&query(&[("page", "37")]));
        assert_eq!(beyond.page, 1);
        assert_eq!(beyond.issues, vec![FilterIssue { field: FilterField::Page, problem: Problem::PageOutOfRange(36) }]);
        let unknown = storage::load(&db).await.unwrap().list_page(&query(&[("oblast", "UA99000000000000000"), ("raion", "x")]));
        assert_eq!(unknown.totals.count, 1774);
        assert_eq!(unknown.issues[0].field, FilterField::Oblast);
        let bad_raion = storage::load(&db).await.unwrap().list_page(&query(&[("oblast", LVIV_OBLAST), ("raion", "UA05020000000026686")]));
        assert_eq!(bad_raion.totals.count, 73, "a raion of another oblast is refused");
        assert_eq!(bad_raion.issues[0].field, FilterField::Raion);
    }
}

on_both_databases! {
    async fn a_profile_has_neighbours_and_similar_hromadas(db: Db) {
        with_registry(&db).await;
        let profile = storage::load(&db).await.unwrap().profile(LVIV).unwrap();
        assert_eq!(profile.hromada.center_name_uk, "Львів");
        assert_eq!(profile.hromada.raion_uk.as_deref(), Some("Львівський район"));
        let raion = profile.hromada.raion_katottg.clone();
        assert!(!profile.neighbours.is_empty());
        assert!(profile.neighbours.iter().all(|h| h.raion_katottg == raion && h.katottg != LVIV));
        assert_eq!(profile.similar.len(), 6);
        assert!(profile.similar.iter().all(|h| h.kind == Kind::Urban && h.katottg != LVIV));
        // The closest urban hromadas by population, computed directly.
        let mut urban: Vec<_> = registry().hromadas.iter()
            .filter(|h| h.kind == Kind::Urban && h.katottg != LVIV && h.population.is_some())
            .map(|h| ((h.population.unwrap() - 777_234).abs(), h.katottg.clone()))
            .collect();
        urban.sort();
        assert_eq!(profile.similar[0].katottg, urban[0].1);
        assert!(storage::load(&db).await.unwrap().profile("UA00000000000000000").is_none());
    }
}

on_both_databases! {
    async fn an_oblast_overview_groups_by_kind(db: Db) {
        with_registry(&db).await;
        let overview = storage::load(&db).await.unwrap().oblast_overview(LVIV_OBLAST).unwrap();
        let counts: Vec<_> = overview.groups.iter().map(|g| (g.kind, g.totals.count)).collect();
        assert_eq!(counts, vec![(Kind::Urban, 39), (Kind::Settlement, 16), (Kind::Rural, 18)]);
        assert_eq!(overview.totals.count, 73);
        assert!(storage::load(&db).await.unwrap().oblast_overview("UA99000000000000000").is_none());
    }
}

on_both_databases! {
    async fn the_in_memory_registry_reloads_after_an_import_elsewhere(db: Db) {
        use app::hromadas::cache::{RegistryCache, RECHECK};
        with_registry(&db).await;
        let cache = RegistryCache::default();
        let before = cache.get(&db).await.unwrap();
        assert_eq!(before.hromada(LVIV).unwrap().population, Some(777_234));
        // Another process imports a change; this cache is not told.
        let mut changed = registry().clone();
        changed.hromadas.iter_mut().find(|h| h.katottg == LVIV).unwrap().population = Some(1);
        import(&db, &changed).await.unwrap();
        assert!(storage::version(&db).await.unwrap() > before.version());
        tokio::time::sleep(RECHECK + std::time::Duration::from_millis(100)).await;
        let after = cache.get(&db).await.unwrap();
        assert_eq!(after.hromada(LVIV).unwrap().population, Some(1));
    }
}
