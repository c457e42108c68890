//! The session cookie and the signed-in account of the current request.

use super::storage;
use super::types::Account;
use crate::error::AppError;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue};
use cookie::{Cookie, SameSite};
use leptos::prelude::*;

pub const COOKIE: &str = "spilno_session";

fn secret_from(headers: &HeaderMap) -> Option<String> {
    headers
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
    use_context::<Parts>().and_then(|parts| secret_from(&parts.headers))
}

/// Who is signed in for this request.
pub async fn current_account() -> Result<Option<Account>, AppError> {
    let Some(secret) = request_secret() else {
        return Ok(None);
    };
    let state = crate::state::app_state()?;
    Ok(storage::session_account(&state.db, &secret).await?)
}

/// Who is signed in, for a plain axum route (one without the Leptos context): the account of
/// the session cookie among `headers`.
pub async fn account_from_headers(
    state: &crate::state::AppState,
    headers: &HeaderMap,
) -> Result<Option<Account>, sqlx::Error> {
    match secret_from(headers) {
        Some(secret) => storage::session_account(&state.db, &secret).await,
        None => Ok(None),
    }
}

/// The client's address, for rate limits and logs: the peer, or, when the peer is a trusted
/// proxy, the nearest address in `X-Forwarded-For` that is not a trusted proxy itself.
pub fn client_address() -> String {
    let Some(parts) = use_context::<Parts>() else {
        return "unknown".to_string();
    };
    let trusted = use_context::<crate::state::AppState>()
        .map(|state| state.trusted_proxies)
        .unwrap_or_default();
    address_of(&parts, &trusted)
}

/// [`client_address`] of a request's `parts`, for plain axum routes.
pub fn address_of(parts: &Parts, trusted: &[std::net::IpAddr]) -> String {
    let peer = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip());
    match peer {
        Some(peer) => client_behind(peer, &parts.headers, trusted).to_string(),
        None => "unknown".to_string(),
    }
}

fn client_behind(
    peer: std::net::IpAddr,
    headers: &axum::http::HeaderMap,
    trusted: &[std::net::IpAddr],
) -> std::net::IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let forwarded: Vec<std::net::IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse().ok())
        .collect();
    forwarded
        .into_iter()
        .rev()
        .find(|a| !trusted.contains(a))
        .unwrap_or(peer)
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

#[cfg(test)]
mod tests {
    use super::client_behind;
    use axum::http::HeaderMap;

    #[test]
    fn forwarded_addresses_count_only_behind_trusted_proxies() {
        let proxy = "10.0.0.1".parse().unwrap();
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "1.1.1.1, 203.0.113.7, 10.0.0.1".parse().unwrap(),
        );
        let client: std::net::IpAddr = "203.0.113.7".parse().unwrap();
        assert_eq!(
            client_behind(proxy, &headers, &[proxy]),
            client,
            "the nearest untrusted hop"
        );
        let stranger = "198.51.100.1".parse().unwrap();
        assert_eq!(
            client_behind(stranger, &headers, &[proxy]),
            stranger,
            "a direct client cannot forge it"
        );
        assert_eq!(client_behind(proxy, &HeaderMap::new(), &[proxy]), proxy);
    }
}
