//! What every request handler and server function can reach on the server.

use crate::db::Db;
use crate::error::AppError;
use axum::extract::FromRef;
use leptos::prelude::*;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    pub leptos_options: LeptosOptions,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The database, from the request's context (provided by the router for every request).
pub fn db() -> Result<Db, AppError> {
    use_context::<AppState>()
        .map(|state| state.db)
        .ok_or_else(|| AppError::internal("AppState missing from the request context"))
}
