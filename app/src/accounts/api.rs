//! Signing in and out, and accepting a one-time link.

use super::types::AccountView;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// What a sign-in or password form can be told, each shown next to its field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AuthError {
    #[error("wrong email or password")]
    WrongCredentials,
    #[error("try again in {0} s")]
    TryAgainIn(u64),
    #[error("password too short")]
    PasswordTooShort,
    #[error("password too long")]
    PasswordTooLong,
    #[error("password too common")]
    PasswordTooCommon,
    #[error("password contains the email")]
    PasswordContainsEmail,
    #[error("passwords differ")]
    PasswordsDiffer,
    #[error("link unknown")]
    LinkUnknown,
    #[error("link used")]
    LinkUsed,
    #[error("link expired")]
    LinkExpired,
    #[error(transparent)]
    App(AppError),
}

impl FromServerFnError for AuthError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AuthError::App(AppError::from_server_fn_error(value))
    }
}

impl From<AppError> for AuthError {
    fn from(error: AppError) -> Self {
        AuthError::App(error)
    }
}

#[cfg(feature = "ssr")]
impl AuthError {
    /// The form's answer with the HTTP status its error deserves.
    fn reply<T>(result: Result<T, AuthError>) -> Result<T, AuthError> {
        use axum::http::StatusCode;
        if let Err(error) = &result {
            let status = match error {
                AuthError::WrongCredentials => StatusCode::UNAUTHORIZED,
                AuthError::TryAgainIn(_) => StatusCode::TOO_MANY_REQUESTS,
                AuthError::App(app) => app.status(),
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                response.set_status(status);
            }
        }
        result
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AuthError {
    fn from(error: sqlx::Error) -> Self {
        AuthError::App(error.into())
    }
}

#[server]
pub async fn who_am_i() -> Result<Option<AccountView>, AppError> {
    Ok(super::session::current_account()
        .await?
        .map(|a| AccountView::from(&a)))
}

#[server]
pub async fn sign_in(email: String, password: String) -> Result<(), AuthError> {
    AuthError::reply(sign_in_checked(email, password).await)
}

#[cfg(feature = "ssr")]
async fn sign_in_checked(email: String, password: String) -> Result<(), AuthError> {
    use super::{password as pw, session, storage};
    let state = crate::state::app_state()?;
    let address = session::client_address();
    if let Err(wait) = state.limits.attempt(&address, &email.trim().to_lowercase()) {
        tracing::warn!(%address, "sign-in rate limited");
        return Err(AuthError::TryAgainIn(wait));
    }
    let found = storage::by_email(&state.db, &email).await?;
    // Verify against a decoy when there is no usable account, so timing tells nothing.
    let hash = found.as_ref().and_then(|c| c.password_hash.clone());
    let matches = pw::verify(&password, hash.as_deref().unwrap_or(pw::decoy_hash()));
    let account = match found {
        Some(c) if matches && hash.is_some() && !c.disabled => c.account,
        _ => {
            tracing::warn!(%address, "failed sign-in");
            return Err(AuthError::WrongCredentials);
        }
    };
    let secret = storage::open_session(&state.db, account.id).await?;
    session::send_session_cookie(&secret, state.secure_cookies);
    tracing::info!(account = account.id, "signed in");
    leptos_axum::redirect("/");
    Ok(())
}

#[server]
pub async fn sign_out() -> Result<(), AppError> {
    use super::{session, storage};
    let state = crate::state::app_state()?;
    if let Some(secret) = session::request_secret() {
        storage::close_session(&state.db, &secret).await?;
    }
    session::clear_session_cookie(state.secure_cookies);
    leptos_axum::redirect("/");
    Ok(())
}

/// Sets a password through an invitation (`purpose` "invitation") or a reset link, then signs in.
#[server]
pub async fn accept_link(
    token: String,
    purpose: String,
    password: String,
    password_again: String,
) -> Result<(), AuthError> {
    AuthError::reply(accept_link_checked(token, purpose, password, password_again).await)
}

#[cfg(feature = "ssr")]
async fn accept_link_checked(
    token: String,
    purpose: String,
    password: String,
    password_again: String,
) -> Result<(), AuthError> {
    use super::password::{self as pw, PasswordProblem};
    use super::storage::{self, TokenError, TokenPurpose};
    use super::{secrets, session};
    let state = crate::state::app_state()?;
    let purpose = match purpose.as_str() {
        "reset" => TokenPurpose::PasswordReset,
        _ => TokenPurpose::Invitation,
    };
    let address = session::client_address();
    if let Err(wait) = state
        .limits
        .attempt(&address, &secrets::secret_hash(&token))
    {
        return Err(AuthError::TryAgainIn(wait));
    }
    if password != password_again {
        return Err(AuthError::PasswordsDiffer);
    }
    let email = storage::token_email(&state.db, &token)
        .await?
        .unwrap_or_default();
    pw::check(&password, &email).map_err(|problem| match problem {
        PasswordProblem::TooShort => AuthError::PasswordTooShort,
        PasswordProblem::TooLong => AuthError::PasswordTooLong,
        PasswordProblem::TooCommon => AuthError::PasswordTooCommon,
        PasswordProblem::ContainsEmail => AuthError::PasswordContainsEmail,
    })?;
    let hash = pw::hash(&password).map_err(AppError::internal)?;
    let account = storage::set_password_with_token(&state.db, &token, purpose, &hash)
        .await?
        .map_err(|e| match e {
            TokenError::Unknown => AuthError::LinkUnknown,
            TokenError::Used => AuthError::LinkUsed,
            TokenError::Expired => AuthError::LinkExpired,
        })?;
    let secret = storage::open_session(&state.db, account).await?;
    session::send_session_cookie(&secret, state.secure_cookies);
    leptos_axum::redirect("/");
    Ok(())
}
