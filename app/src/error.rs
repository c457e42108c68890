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
    /// The request needs a signed-in person and came without a live session.
    #[error("sign in required")]
    SignInRequired,
    /// The signed-in person may not do this.
    #[error("forbidden")]
    Forbidden,
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
        {
            // On the server this is a request the function could not decode: the caller's fault.
            tracing::warn!(error = %value, "server function call failed");
            AppError::Transport.reply_status();
        }
        #[cfg(not(feature = "ssr"))]
        let _ = value;
        AppError::Transport
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    pub fn status(&self) -> axum::http::StatusCode {
        use axum::http::StatusCode;
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::SignInRequired => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Transport => StatusCode::BAD_REQUEST,
        }
    }

    /// Server functions answer every error with 500 unless told otherwise: tell them.
    fn reply_status(&self) {
        set_reply_status(self.status());
    }

    /// A server function's result, with the HTTP status its error deserves.
    pub fn reply<T>(result: Result<T, AppError>) -> Result<T, AppError> {
        if let Err(error) = &result {
            error.reply_status();
        }
        result
    }

    /// Logs an internal error under a fresh id and returns what the browser may see.
    pub fn internal(error: impl std::fmt::Display) -> Self {
        let id = uuid::Uuid::new_v4().simple().to_string()[..12].to_string();
        tracing::error!(error_id = %id, %error, "internal error");
        AppError::Internal(id)
    }
}

/// Sets the status of the response being produced (a server function's or a page's).
#[cfg(feature = "ssr")]
pub fn set_response_status(status: axum::http::StatusCode) {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
}

/// Sets the status of a server function's error reply. A plain HTML form's post (one that
/// accepts `text/html`: without JavaScript, or sent in place) is answered by a redirect back to
/// the form's page with the error in its address, which a status of its own would undo.
#[cfg(feature = "ssr")]
pub fn set_reply_status(status: axum::http::StatusCode) {
    let form_post =
        leptos::prelude::use_context::<axum::http::request::Parts>().is_some_and(|parts| {
            parts
                .headers
                .get(axum::http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
        });
    if !form_post {
        set_response_status(status);
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
            AppError::SignInRequired => {
                (StatusCode::UNAUTHORIZED, "Sign in required").into_response()
            }
            AppError::Forbidden => (StatusCode::FORBIDDEN, "Forbidden").into_response(),
            AppError::Internal(id) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("Internal error, id {id}"),
            )
                .into_response(),
            AppError::Transport => StatusCode::BAD_REQUEST.into_response(),
        }
    }
}
