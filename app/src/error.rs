//! The error that server functions return to the browser.
//!
//! Internal failures are logged on the server with an id; the browser only ever sees the id.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// Something failed on the server; the id points at the log entry.
    #[error("internal error {0}")]
    Internal(String),
    /// The request did not reach the server function or its answer did not come back.
    #[error("transport error")]
    Transport,
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        tracing::warn!(error = %value, "server function call failed");
        #[cfg(not(feature = "ssr"))]
        let _ = value;
        AppError::Transport
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// Logs an internal error under a fresh id and returns what the browser may see.
    pub fn internal(error: impl std::fmt::Display) -> Self {
        let id = uuid::Uuid::new_v4().simple().to_string()[..12].to_string();
        tracing::error!(error_id = %id, %error, "internal error");
        AppError::Internal(id)
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::RowNotFound => AppError::NotFound,
            other => AppError::internal(other),
        }
    }
}

/// For plain axum handlers (exports, feeds): the same rule, the id and never the cause.
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        use axum::http::StatusCode;
        match self {
            AppError::NotFound => (StatusCode::NOT_FOUND, "Not found").into_response(),
            AppError::Internal(id) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("Internal error, id {id}"),
            )
                .into_response(),
            AppError::Transport => StatusCode::BAD_REQUEST.into_response(),
        }
    }
}
