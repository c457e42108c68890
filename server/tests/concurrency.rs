//! Many renders at once. In a test binary of its own: Leptos keeps process-wide state, and two
//! tokio runtimes of parallel tests in one process can stall each other's renders, which says
//! nothing about the server (one runtime).

mod common;

use axum::http::StatusCode;
use common::{app, get, with_registry, TestDb};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_page_renders_all_complete() {
    let test = TestDb::sqlite().await;
    with_registry(&test.db).await;
    let app = app(test.db.clone());
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..96 {
        let app = app.clone();
        let uri = [
            "/hromadas",
            "/hromadas/UA46060250000025047",
            "/oblasts/UA46000000000026241",
        ][i % 3];
        tasks.spawn(async move { (uri, get(&app, uri).await) });
    }
    while let Some(done) = tasks.join_next().await {
        let (uri, page) = done.expect("a render must not panic");
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        assert!(page.body.contains("</html>"), "{uri}");
    }
}
