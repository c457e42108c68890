//! The whole axum app in-process, on both databases: pages, status codes, exports, layers.

mod common;

#[allow(unused_imports)]
use app::db::Db;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{app, get, request, with_registry};

const NBSP: char = '\u{a0}';

on_both_databases! {
    async fn the_registry_list_renders_on_the_server(db: Db) {
        with_registry(&db).await;
        let app = app(db);
        let page = get(&app, "/hromadas").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(&format!("Знайдено 1{NBSP}774 громади")), "{}", &page.body[..page.body.len().min(3000)]);
        assert!(page.body.contains("<html lang=\"uk\""));
        assert!(page.body.contains("<title>Громади — Spilno / Спільно</title>"));
        assert!(page.body.contains("name=\"description\""));
        assert_eq!(page.body.matches("<tr>").count(), 51, "a header row and 50 rows");

        let filtered = get(&app, "/hromadas?oblast=UA46000000000026241&kind=urban").await;
        assert!(filtered.body.contains("Знайдено 39 громад"));

        let english = get(&app, "/en/hromadas?kind=rural").await;
        assert_eq!(english.status, StatusCode::OK);
        assert!(english.body.contains("<html lang=\"en\""));
        assert!(english.body.contains("858 hromadas found"));
        assert!(english.body.contains("All oblasts"));
    }
}

on_both_databases! {
    async fn bad_input_in_the_url_is_a_message_or_a_404_never_a_500(db: Db) {
        with_registry(&db).await;
        let app = app(db);
        let page = get(&app, "/hromadas?pop_min=abc&page=-1").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Введіть ціле число"));
        assert!(page.body.contains("value=\"abc\""), "what the user typed is kept");
        assert!(page.body.contains(&format!("Знайдено 1{NBSP}774 громади")));

        for uri in ["/hromadas?page=99999999999999999999", "/hromadas?oblast=%00%27%22", "/hromadas?pop_min=1e9999&sort=%3Cscript%3E", "/hromadas?q=%25%27%20OR%201%3D1--"] {
            let page = get(&app, uri).await;
            assert_eq!(page.status, StatusCode::OK, "{uri}");
            assert!(!page.body.contains("<script>"), "{uri}");
        }
        for uri in ["/hromadas/UA00000000000000000", "/hromadas/abc", "/oblasts/UA99000000000000000", "/no-such-page", "/en/no-such-page"] {
            let page = get(&app, uri).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{uri}");
        }
        let missing = get(&app, "/no-such-page").await;
        assert!(missing.body.contains("Сторінку не знайдено"));
        let missing = get(&app, "/en/no-such-page").await;
        assert!(missing.body.contains("Page not found"));
    }
}

on_both_databases! {
    async fn profile_and_oblast_pages(db: Db) {
        with_registry(&db).await;
        let app = app(db);
        let page = get(&app, "/hromadas/UA46060250000025047").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Львівська міська громада"));
        assert!(page.body.contains(&format!("777{NBSP}234")));
        assert!(page.body.contains("Інші громади району"));
        let page = get(&app, "/en/hromadas/UA46060250000025047").await;
        assert!(page.body.contains("Lviv Oblast"));
        let page = get(&app, "/oblasts/UA46000000000026241").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Міські громади"));
        assert!(page.body.contains("Сільські громади"));
    }
}

on_both_databases! {
    async fn exports_follow_the_filter(db: Db) {
        with_registry(&db).await;
        let app = app(db);
        let csv = get(&app, "/hromadas.csv?kind=urban").await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/csv"));
        assert_eq!(csv.body.lines().count(), 431);
        assert!(csv.body.starts_with("katottg,name_uk,kind"));
        let again = app::hromadas::import::parse_registry(app::hromadas::import::BUNDLED_OBLASTS, &csv.body).unwrap();
        assert_eq!(again.hromadas.len(), 430, "an export can be imported again");
        let json = get(&app, "/hromadas.json?oblast=UA46000000000026241&pop_min=abc").await;
        let rows: Vec<serde_json::Value> = serde_json::from_str(&json.body).unwrap();
        assert_eq!(rows.len(), 73);
        assert!(rows.iter().all(|r| r["oblast_katottg"] == "UA46000000000026241"));
    }
}

on_both_databases! {
    async fn health_compression_and_headers(db: Db) {
        with_registry(&db).await;
        let app = app(db.clone());
        let health = get(&app, "/healthz").await;
        assert_eq!((health.status, health.body.as_str()), (StatusCode::OK, "ok"));

        let request = |encoding: &str| Request::get("/hromadas").header(header::ACCEPT_ENCODING, encoding).body(Body::empty()).unwrap();
        let gzip = common::request(&app, request("gzip, deflate, br, zstd")).await;
        assert_eq!(gzip.headers[header::CONTENT_ENCODING], "gzip", "pages are gzipped, never brotli'd per request");
        let plain = common::request(&app, request("br")).await;
        assert!(!plain.headers.contains_key(header::CONTENT_ENCODING));
        assert_eq!(gzip.headers[header::CACHE_CONTROL], "no-cache");
        assert_eq!(gzip.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        // A page answered to a session may name who is signed in: never kept by shared caches
        // or the service worker's offline copies, even when the session turns out invalid.
        let with_session = Request::get("/hromadas").header(header::COOKIE, "lang=uk; spilno_session=not-a-session").body(Body::empty()).unwrap();
        let with_session = common::request(&app, with_session).await;
        assert_eq!(with_session.status, StatusCode::OK);
        assert_eq!(with_session.headers[header::CACHE_CONTROL], "private, no-cache");

        db.close().await;
        let down = get(&app, "/healthz").await;
        assert_eq!(down.status, StatusCode::SERVICE_UNAVAILABLE);
    }
}

on_both_databases! {
    async fn oversized_request_bodies_are_refused(db: Db) {
        let app = app(db);
        let body = vec![b'a'; 2 * 1024 * 1024];
        let response = request(&app, Request::post("/api/anything").header("sec-fetch-site", "same-origin").header(header::CONTENT_LENGTH, body.len()).body(Body::from(body)).unwrap()).await;
        assert_eq!(response.status, StatusCode::PAYLOAD_TOO_LARGE);
    }
}

on_both_databases! {
    async fn server_functions_answer_json_and_refuse_bad_calls_with_4xx(db: Db) {
        use app::hromadas::api::{LoadHromadaList, LoadHromadaProfile};
        use leptos::server_fn::ServerFn;
        with_registry(&db).await;
        let app = app(db);
        let call = |path: &str, body: &str| {
            Request::post(path)
                .header("sec-fetch-site", "same-origin")
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::ACCEPT, "application/json")
                .body(Body::from(body.to_string()))
                .unwrap()
        };
        let list = request(&app, call(LoadHromadaList::PATH, r#"{"query":{}}"#)).await;
        assert_eq!(list.status, StatusCode::OK, "{}", list.body);
        let page: app::hromadas::types::HromadaListPage = serde_json::from_str(&list.body).unwrap();
        assert_eq!(page.totals.count, 1774);
        let garbage = request(&app, call(LoadHromadaList::PATH, "{not json")).await;
        assert_eq!(garbage.status, StatusCode::BAD_REQUEST);
        let missing = request(&app, call(LoadHromadaProfile::PATH, r#"{"katottg":"UA00000000000000000"}"#)).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
    }
}

on_both_databases! {
    async fn cross_site_writes_are_refused_and_pages_carry_security_headers(db: Db) {
        use app::hromadas::api::LoadHromadaList;
        use leptos::server_fn::ServerFn;
        with_registry(&db).await;
        let app = app(db);
        let call = |headers: &[(&str, &str)]| {
            let mut request = Request::post(LoadHromadaList::PATH)
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::HOST, "spilno.example");
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            request.body(Body::from(r#"{"query":{}}"#)).unwrap()
        };
        for refused in [
            vec![],
            vec![("origin", "https://evil.example")],
            vec![("sec-fetch-site", "cross-site"), ("origin", "https://spilno.example")],
            vec![("sec-fetch-site", "same-site")],
        ] {
            let response = request(&app, call(&refused)).await;
            assert_eq!(response.status, StatusCode::FORBIDDEN, "{refused:?}");
        }
        for allowed in [vec![("sec-fetch-site", "same-origin")], vec![("origin", "https://spilno.example")]] {
            let response = request(&app, call(&allowed)).await;
            assert_eq!(response.status, StatusCode::OK, "{allowed:?}");
        }

        let page = get(&app, "/hromadas").await;
        let csp = page.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_string();
        assert!(csp.contains("frame-ancestors 'none'") && csp.contains("'wasm-unsafe-eval'"));
        let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap();
        // Scripts loaded from the site's own files (`src=`) are allowed by `'self'`.
        let scripts = page.body.matches("<script").count() - page.body.matches("<script src=").count();
        assert!(scripts > 0);
        assert_eq!(page.body.matches(&format!("nonce=\"{nonce}\"")).count(), scripts, "every inline script carries the nonce");
        assert_eq!(page.headers[header::X_FRAME_OPTIONS], "DENY");
        assert_eq!(page.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(page.headers[header::REFERRER_POLICY], "strict-origin-when-cross-origin");
        let missing = get(&app, "/no-such-page").await;
        assert!(missing.headers.contains_key(header::CONTENT_SECURITY_POLICY), "error pages too");
    }
}
