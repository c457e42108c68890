//! What every request handler and server function can reach on the server.

use crate::accounts::limits::Limits;
use crate::db::Db;
use crate::error::AppError;
use crate::hromadas::cache::RegistryCache;
use crate::hromadas::index::RegistryIndex;
use crate::mail::Mailer;
use axum::extract::FromRef;
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    pub leptos_options: LeptosOptions,
    pub registry: Arc<RegistryCache>,
    pub limits: Arc<Limits>,
    /// Behind TLS: cookies get `Secure`, responses HSTS.
    pub secure_cookies: bool,
    /// Where people reach the site, for the links it hands out (no trailing slash).
    pub public_url: String,
    /// Sends invitations and reset links; without it they are shown to the admin and logged.
    pub mailer: Option<Arc<Mailer>>,
    /// Reverse proxies whose `X-Forwarded-For` names the real client (for rate limits and logs).
    pub trusted_proxies: Arc<Vec<std::net::IpAddr>>,
    /// Tells open dashboards what changed.
    pub live: Arc<crate::live::LiveHub>,
    pub dashboards: Arc<crate::live::TopicCache<crate::analytics::types::Dashboard>>,
    pub needs_overviews: Arc<crate::live::TopicCache<crate::analytics::needs::NeedsOverview>>,
}

impl AppState {
    pub fn new(db: Db, leptos_options: LeptosOptions) -> Self {
        AppState {
            db,
            public_url: format!("http://{}", leptos_options.site_addr),
            leptos_options,
            registry: Arc::default(),
            limits: Arc::default(),
            secure_cookies: false,
            mailer: None,
            trusted_proxies: Arc::default(),
            live: Arc::default(),
            dashboards: Arc::default(),
            needs_overviews: Arc::default(),
        }
    }

    pub async fn registry(&self) -> Result<Arc<RegistryIndex>, AppError> {
        Ok(self.registry.get(&self.db).await?)
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The application state, from the request's context (the router provides it to every request).
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>()
        .ok_or_else(|| AppError::internal("AppState missing from the request context"))
}

/// The in-memory registry, for server functions.
pub async fn registry() -> Result<Arc<RegistryIndex>, AppError> {
    app_state()?.registry().await
}
