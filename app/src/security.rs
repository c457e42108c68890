//! The Content-Security-Policy of every page, with this response's script nonce.

use leptos::prelude::*;

/// Only the app's own files and the nonce'd inline scripts Leptos writes for hydration run;
/// wasm may be compiled; nothing may frame the site.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         manifest-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; \
         frame-ancestors 'none'"
    )
}

/// Sets the policy on the page being rendered (called from the shell, on the server).
pub fn send_content_security_policy() {
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    if let Ok(value) = content_security_policy(&nonce.to_string()).parse() {
        response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
    }
}
