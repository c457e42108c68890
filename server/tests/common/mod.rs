//! A fresh, migrated database per test, on SQLite or PostgreSQL, and the app around it.
#![allow(dead_code)]

use app::db::Db;
use app::hromadas::import::{import, parse_registry, Registry, BUNDLED_HROMADAS, BUNDLED_OBLASTS};
use app::state::AppState;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use std::sync::OnceLock;
use tower::ServiceExt;

/// The server every PostgreSQL test creates its own database on.
pub fn postgres_admin_url() -> String {
    std::env::var("SPILNO_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string())
}

pub struct TestDb {
    pub db: Db,
    _sqlite_dir: Option<tempfile::TempDir>,
    postgres_name: Option<String>,
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        let db = spilno::open_database(&url).await.expect("open sqlite");
        TestDb {
            db,
            _sqlite_dir: Some(dir),
            postgres_name: None,
        }
    }

    /// Fails loudly when PostgreSQL is not reachable: these tests are never skipped.
    pub async fn postgres() -> TestDb {
        use sqlx::Connection;
        let admin = postgres_admin_url();
        let name = format!("spilno_test_{}", uuid::Uuid::new_v4().simple());
        let mut conn = sqlx::PgConnection::connect(&admin)
            .await
            .unwrap_or_else(|e| panic!("PostgreSQL is required for these tests ({admin}): {e}"));
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .await
            .expect("create database");
        conn.close().await.ok();
        let url = match admin.rfind('/') {
            Some(i) => format!("{}/{name}", &admin[..i]),
            None => panic!("bad SPILNO_TEST_POSTGRES {admin}"),
        };
        let db = spilno::open_database(&url).await.expect("open postgres");
        TestDb {
            db,
            _sqlite_dir: None,
            postgres_name: Some(name),
        }
    }
}

impl Drop for TestDb {
    /// Runs on success and on panic alike, so no test database is left behind.
    fn drop(&mut self) {
        let Some(name) = self.postgres_name.take() else {
            return;
        };
        let db = self.db.clone();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                use sqlx::Connection;
                db.close().await;
                if let Ok(mut conn) = sqlx::PgConnection::connect(&postgres_admin_url()).await {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .execute(&mut conn)
                        .await;
                }
            });
        })
        .join()
        .ok();
    }
}

/// One test body at a time per test binary: Leptos renders in two tokio runtimes of one process
/// at once were seen to stall (a CI run hung in `http.rs`), so the runtimes take turns.
pub static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Runs the test body once on SQLite and once on PostgreSQL, each on a fresh database.
#[macro_export]
macro_rules! on_both_databases {
    ($(#[$meta:meta])* async fn $name:ident($db:ident: Db) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            async fn body($db: app::db::Db) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let _serial = $crate::common::SERIAL.lock().await;
                let test = $crate::common::TestDb::sqlite().await;
                body(test.db.clone()).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let _serial = $crate::common::SERIAL.lock().await;
                let test = $crate::common::TestDb::postgres().await;
                body(test.db.clone()).await;
            }
        }
    };
}

pub fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        parse_registry(BUNDLED_OBLASTS, BUNDLED_HROMADAS).expect("bundled registry")
    })
}

pub async fn with_registry(db: &Db) {
    import(db, registry()).await.expect("import registry");
}

pub fn app(db: Db) -> Router {
    let options = spilno::leptos_options(
        "127.0.0.1:0".parse().unwrap(),
        std::path::Path::new("target/site"),
    );
    spilno::router(AppState::new(db, options))
}

pub struct Page {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
    /// The body as it came, for what is not text (images).
    pub bytes: Vec<u8>,
}

pub async fn get(app: &Router, uri: &str) -> Page {
    request(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

pub async fn request(app: &Router, request: Request<Body>) -> Page {
    let response = app.clone().oneshot(request).await.expect("response");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    Page {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes: bytes.to_vec(),
    }
}

/// A form POST as the browser sends it to a server function, from this site, with an optional
/// `Cookie` header.
pub fn form(path: &str, body: &str, cookie: Option<&str>) -> Request<Body> {
    use axum::http::header;
    let mut r = Request::post(path)
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json");
    if let Some(cookie) = cookie {
        r = r.header(header::COOKIE, cookie);
    }
    r.body(Body::from(body.to_string())).unwrap()
}

/// A signed-in account with `role` (a representative of Бучанська), as its id and the `Cookie`
/// header its browser sends.
pub async fn signed_in(db: &Db, role: app::accounts::types::Role) -> (i64, String) {
    use app::accounts::storage::{create, open_session, NewAccount};
    use app::accounts::types::Role;
    let new = NewAccount {
        email: format!("{}@hromada.ua", role.as_str()),
        display_name: "Олена".into(),
        roles: vec![role],
        hromada_katottg: (role == Role::Representative).then(|| "UA32080070000050759".to_string()),
    };
    let id = create(db, &app::audit::Actor::Shell, &new).await.unwrap();
    let secret = open_session(db, id).await.unwrap();
    (id, format!("spilno_session={secret}"))
}

/// A same-origin multipart upload to `path`: the file (name, content type, bytes) if chosen,
/// and the text fields.
pub fn multipart(
    path: &str,
    cookie: Option<&str>,
    file: Option<(&str, &str, &[u8])>,
    texts: &[(&str, &str)],
) -> Request<Body> {
    const BOUNDARY: &str = "spilno-test-boundary-5d1c";
    let mut body = Vec::new();
    let mut part = |disposition: String, content: &[u8]| {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; {disposition}\r\n\r\n")
                .as_bytes(),
        );
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    };
    if let Some((name, content_type, bytes)) = file {
        part(
            format!("name=\"file\"; filename=\"{name}\"\r\nContent-Type: {content_type}"),
            bytes,
        );
    }
    for (name, value) in texts {
        part(format!("name=\"{name}\""), value.as_bytes());
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    let mut r = Request::post(path)
        .header("sec-fetch-site", "same-origin")
        .header(header::ACCEPT, "application/json")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        );
    if let Some(cookie) = cookie {
        r = r.header(header::COOKIE, cookie);
    }
    r.body(Body::from(body)).unwrap()
}
