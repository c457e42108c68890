//! The session cookie and the signed-in account of the current request.

use super::storage;
use super::types::Account;
use crate::error::AppError;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue};
use cookie::{Cookie, SameSite};
use leptos::prelude::*;

pub const COOKIE: &str = "spilno_session";

fn secret_from(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == COOKIE)
        .map(|c| c.value().to_string())
}

/// The session id the browser sent, if any.
pub fn request_secret() -> Option<String> {
    use_context::<Parts>().and_then(|parts| secret_from(&parts))
}

/// Who is signed in for this request.
pub async fn current_account() -> Result<Option<Account>, AppError> {
    let Some(secret) = request_secret() else {
        return Ok(None);
    };
    let state = crate::state::app_state()?;
    Ok(storage::session_account(&state.db, &secret).await?)
}

/// The client's address, for rate limits and logs.
pub fn client_address() -> String {
    use_context::<Parts>()
        .and_then(|parts| {
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|info| info.0.ip().to_string())
        })
        .unwrap_or_else(|| "unknown".to_string())
}

/// HttpOnly, SameSite=Lax, Secure behind TLS; lives as long as a session may.
fn set_cookie(value: String, max_age_seconds: i64, secure: bool) {
    let cookie = Cookie::build((COOKIE, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(cookie::time::Duration::seconds(max_age_seconds))
        .build();
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(&cookie.to_string()),
    ) {
        response.append_header(header::SET_COOKIE, value);
    }
}

pub fn send_session_cookie(secret: &str, secure: bool) {
    set_cookie(
        secret.to_string(),
        storage::SESSION_ABSOLUTE_SECONDS,
        secure,
    );
}

pub fn clear_session_cookie(secure: bool) {
    set_cookie(String::new(), 0, secure);
}
