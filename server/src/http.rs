//! The HTTP side: pages, server functions, exports, static files and the layers around them.

use app::state::AppState;
use app::{shell, App};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{file_and_error_handler_with_context, generate_route_list, LeptosRoutes};
use std::net::SocketAddr;
use std::path::Path;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Leptos settings for a built site at `site_root`. File names carry content hashes when
/// cargo-leptos left its hash file beside the binary (release builds).
pub fn leptos_options(addr: SocketAddr, site_root: &Path) -> LeptosOptions {
    let hash_files = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")))
        .is_some_and(|file| file.exists());
    LeptosOptions::builder()
        .output_name("spilno")
        .site_root(site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .env(leptos::config::Env::PROD)
        .hash_files(hash_files)
        .build()
}

pub fn router(state: AppState) -> Router {
    let options = state.leptos_options.clone();
    let secure = state.secure_cookies;
    let routes = generate_route_list(App);
    let pkg_dir = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    // Built assets are immutable when their names carry hashes; they are pre-compressed by the
    // build (`make`), so brotli costs nothing per request.
    let pkg_cache = if options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let pkg = Router::new()
        .fallback_service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static(pkg_cache),
        ));

    // Rendering is CPU-bound: more renders at once than cores only add memory and latency
    // spread, so the rest wait their turn (long-lived requests must stay outside this limit).
    let rendering = std::thread::available_parallelism().map_or(2, |n| n.get()) * 2;
    let pages = Router::new()
        .leptos_routes(&state, routes, {
            let options = options.clone();
            move || shell(options.clone())
        })
        // The not-found page renders the header too, whose account menu reads the state.
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            {
                let state = state.clone();
                move || provide_context(state.clone())
            },
            shell,
        ))
        .layer(GlobalConcurrencyLimitLayer::new(rendering));

    // Request bodies are limited to 1 MB, except uploads, which set their own limit and answer
    // a body over it with the reason (`app::media::routes`).
    let limited = Router::new()
        .route("/healthz", get(healthz))
        .route("/live", get(app::live::live_events))
        .merge(app::hromadas::export::routes())
        .merge(app::analytics::export::routes())
        .merge(app::partnerships::export::routes())
        .merge(app::news::feed::routes())
        .merge(pages)
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES));

    Router::new()
        .merge(app::media::routes::routes())
        .merge(limited)
        .with_state(state)
        .nest("/pkg", pkg)
        .layer(middleware::from_fn(cache_policy))
        // Pages are compressed per response with gzip at a fast level. Not brotli: its encoder
        // holds megabytes per response in flight (RSS tripled under load), and its default
        // quality costs more than rendering the page. Built assets are pre-compressed with
        // brotli at build time and served as they are.
        .layer(
            CompressionLayer::new()
                .no_br()
                .no_deflate()
                .no_zstd()
                .quality(CompressionLevel::Precise(4)),
        )
        .layer(middleware::from_fn(
            crate::security::refuse_cross_site_writes,
        ))
        .layer(middleware::from_fn(move |request, next| {
            crate::security::security_headers(secure, request, next)
        }))
        .layer(TraceLayer::new_for_http())
}

async fn healthz(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(error) => {
            tracing::error!(%error, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// Pages are always revalidated; the build's fingerprinted files (`/pkg/`, their content's hash
/// in their name) never change, so they are kept a year; other static files for a day. Pages and data
/// answered to a request that carries a session cookie may name who is signed in: `private`
/// keeps them out of shared caches and out of the service worker's offline copies
/// (`public/sw.js`). The service worker and its registration script are always revalidated, so
/// that a release reaches browsers on their next visit.
async fn cache_policy(request: Request<Body>, next: Next) -> Response {
    let path = request.uri().path();
    let revalidate_always = path == "/sw.js" || path == "/sw-register.js";
    let fingerprinted = is_fingerprinted(path);
    let build_file = path.starts_with("/pkg/");
    let signed_in = has_session_cookie(request.headers());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CACHE_CONTROL) {
        let is_dynamic = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.starts_with("text/html")
                    || v.starts_with("application/json")
                    || v.starts_with("text/csv")
            });
        let policy = match (is_dynamic, signed_in) {
            (true, true) => "private, no-cache",
            (true, false) => "no-cache",
            (false, _) if revalidate_always => "no-cache",
            (false, _) if fingerprinted => "public, max-age=31536000, immutable",
            (false, _) if build_file => "no-cache",
            (false, _) => "public, max-age=86400",
        };
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

/// A build file named by its content: cargo-leptos puts the MD5 of each file in `/pkg/`, in
/// unpadded URL-safe base64 (22 characters), into its name (`spilno.<hash>.wasm`, `<hash>.wasm`).
fn is_fingerprinted(path: &str) -> bool {
    let Some(name) = path.strip_prefix("/pkg/") else {
        return false;
    };
    !name.contains('/')
        && name.split('.').any(|part| {
            part.len() == 22
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// Whether the request carries a (non-empty) session cookie, valid or not.
fn has_session_cookie(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .any(|(name, value)| name == app::accounts::session::COOKIE && !value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::{has_session_cookie, is_fingerprinted};
    use axum::http::{header, HeaderMap, HeaderValue};

    fn cookies(values: &[&'static str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(header::COOKIE, HeaderValue::from_static(value));
        }
        headers
    }

    #[test]
    fn a_session_cookie_is_found_among_others() {
        assert!(has_session_cookie(&cookies(&["spilno_session=abc"])));
        assert!(has_session_cookie(&cookies(&[
            "a=1; spilno_session=abc; b=2"
        ])));
        assert!(has_session_cookie(&cookies(&["a=1", "spilno_session=abc"])));
        assert!(!has_session_cookie(&cookies(&[])));
        assert!(!has_session_cookie(&cookies(&["spilno_session="])));
        assert!(!has_session_cookie(&cookies(&["other_spilno_session=abc"])));
    }

    #[test]
    fn only_the_builds_hashed_files_are_kept_for_a_year() {
        assert!(is_fingerprinted("/pkg/spilno.q2Dc1JqHjyVpOAHs0G3vSA.wasm"));
        assert!(is_fingerprinted(
            "/pkg/__wasm_split.q2Dc1JqHjyVpOAHs0G3vSA.js"
        ));
        assert!(is_fingerprinted("/pkg/q2Dc1JqHjyVpOAHs0G3v-A.wasm"));
        assert!(!is_fingerprinted("/pkg/spilno.wasm"));
        assert!(!is_fingerprinted(
            "/pkg/snippets/x/q2Dc1JqHjyVpOAHs0G3vSA.js"
        ));
        assert!(!is_fingerprinted("/icons/q2Dc1JqHjyVpOAHs0G3vSA.png"));
        assert!(!is_fingerprinted("/pkg/spilno.q2Dc1JqHjyVpOAHs0G3vS.wasm"));
    }
}
