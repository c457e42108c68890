//! Signing in and out, one-time links, and one's own account (profile, password, sessions).

use super::types::{AccountProblem, AccountView};
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
    #[error("current password wrong")]
    WrongCurrentPassword,
    #[error(transparent)]
    Invalid(AccountProblem),
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
    pub(crate) fn reply<T>(result: Result<T, AuthError>) -> Result<T, AuthError> {
        use axum::http::StatusCode;
        if let Err(error) = &result {
            crate::error::set_reply_status(match error {
                AuthError::WrongCredentials => StatusCode::UNAUTHORIZED,
                AuthError::TryAgainIn(_) => StatusCode::TOO_MANY_REQUESTS,
                AuthError::App(app) => app.status(),
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            });
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

#[cfg(feature = "ssr")]
impl From<super::storage::AccountError> for AuthError {
    fn from(error: super::storage::AccountError) -> Self {
        use super::storage::AccountError;
        match error {
            AccountError::Problem(problem) => AuthError::Invalid(problem),
            AccountError::Database(e) => AuthError::App(e.into()),
            AccountError::Hashing(e) => AuthError::App(AppError::internal(e)),
        }
    }
}

/// Checks a new password against the policy and its repetition; returns its hash.
#[cfg(feature = "ssr")]
fn new_password_hash(password: &str, again: &str, email: &str) -> Result<String, AuthError> {
    use super::password::{self as pw, PasswordProblem};
    if password != again {
        return Err(AuthError::PasswordsDiffer);
    }
    pw::check(password, email).map_err(|problem| match problem {
        PasswordProblem::TooShort => AuthError::PasswordTooShort,
        PasswordProblem::TooLong => AuthError::PasswordTooLong,
        PasswordProblem::TooCommon => AuthError::PasswordTooCommon,
        PasswordProblem::ContainsEmail => AuthError::PasswordContainsEmail,
    })?;
    Ok(pw::hash(password).map_err(AppError::internal)?)
}

/// Counts an attempt at a secret; refuses with the wait when over the limit.
#[cfg(feature = "ssr")]
fn count_attempt(state: &crate::state::AppState, key: &str) -> Result<(), AuthError> {
    let address = super::session::client_address();
    state.limits.attempt(&address, key).map_err(|wait| {
        tracing::warn!(%address, "rate limited");
        AuthError::TryAgainIn(wait)
    })
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
    count_attempt(&state, &email.trim().to_lowercase())?;
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
    use super::storage::{self, TokenError, TokenPurpose};
    use super::{secrets, session};
    let state = crate::state::app_state()?;
    count_attempt(&state, &secrets::secret_hash(&token))?;
    let email = storage::token_email(&state.db, &token)
        .await?
        .unwrap_or_default();
    let hash = new_password_hash(&password, &password_again, &email)?;
    let purpose = TokenPurpose::from_query(&purpose);
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

/// Sends a one-time link to the account's address when mail is configured; otherwise logs it
/// and returns it, so an admin can pass it on.
#[cfg(feature = "ssr")]
pub(crate) async fn issue_link(
    state: &crate::state::AppState,
    actor: &crate::audit::Actor,
    account_id: i64,
    email: &str,
    purpose: super::storage::TokenPurpose,
) -> Result<super::types::IssuedLink, AppError> {
    use super::storage::{self, TokenPurpose};
    let secret = storage::issue_token(&state.db, actor, account_id, purpose).await?;
    let link = purpose.link(&state.public_url, &secret);
    let hours = purpose.lifetime() / 3600;
    let (subject, body) = match purpose {
        TokenPurpose::Invitation => (
            "Запрошення до «Спільно» / Invitation to Spilno",
            format!(
                "Вас запрошено до платформи «Спільно». Щоб встановити пароль, відкрийте посилання \
                 протягом {hours} год:\n{link}\n\nYou are invited to Spilno. To set your password, \
                 open this link within {hours} hours:\n{link}\n"
            ),
        ),
        TokenPurpose::PasswordReset => (
            "Новий пароль для «Спільно» / A new Spilno password",
            format!(
                "Щоб встановити новий пароль, відкрийте посилання протягом {hours} год:\n{link}\n\
                 Якщо ви не просили про це, нічого не робіть.\n\nTo set a new password, open this \
                 link within {hours} hours:\n{link}\nIf you did not ask for it, do nothing.\n"
            ),
        ),
    };
    let mailed = match &state.mailer {
        Some(mailer) => match mailer.send(email, subject, body).await {
            Ok(()) => true,
            Err(error) => {
                tracing::error!(%error, account = account_id, "could not mail a one-time link");
                false
            }
        },
        None => false,
    };
    if !mailed {
        tracing::info!(account = account_id, %email, %link, "one-time link (not mailed)");
    }
    Ok(super::types::IssuedLink {
        account_id,
        email: email.to_string(),
        link: (!mailed).then_some(link),
        mailed,
    })
}

/// Asks for a password-reset link. The answer is the same whether or not the address has an
/// account, so the form tells nobody who has one.
#[server]
pub async fn request_password_reset(email: String) -> Result<(), AuthError> {
    AuthError::reply(request_password_reset_checked(email).await)
}

#[cfg(feature = "ssr")]
async fn request_password_reset_checked(email: String) -> Result<(), AuthError> {
    use super::storage::{self, normalize_email, TokenPurpose};
    let state = crate::state::app_state()?;
    let email = normalize_email(&email).map_err(AuthError::Invalid)?;
    count_attempt(&state, &format!("reset:{email}"))?;
    match storage::by_email(&state.db, &email).await? {
        Some(found) if !found.disabled => {
            // Issued and mailed after the answer, so that its time (an SMTP round trip) does not
            // tell who has an account.
            let state = state.clone();
            tokio::spawn(async move {
                let actor = found.account.actor();
                let purpose = TokenPurpose::PasswordReset;
                let id = found.account.id;
                // Failures are logged with an id inside; nobody is waiting for the result.
                let _ = issue_link(&state, &actor, id, &email, purpose).await;
            });
        }
        _ => {
            tracing::info!(%email, "password reset asked for an address without an enabled account")
        }
    }
    Ok(())
}

#[server]
pub async fn update_profile(display_name: String) -> Result<(), AuthError> {
    AuthError::reply(update_profile_checked(display_name).await)
}

#[cfg(feature = "ssr")]
async fn update_profile_checked(display_name: String) -> Result<(), AuthError> {
    use super::{authz, storage, types::Capability};
    let account = authz::require(Capability::OwnAccount).await?;
    let state = crate::state::app_state()?;
    storage::rename(&state.db, &account.actor(), account.id, &display_name).await?;
    Ok(())
}

/// Changes one's password, checking the current one; every other session ends.
#[server]
pub async fn change_password(
    current_password: String,
    password: String,
    password_again: String,
) -> Result<(), AuthError> {
    AuthError::reply(change_password_checked(current_password, password, password_again).await)
}

#[cfg(feature = "ssr")]
async fn change_password_checked(
    current_password: String,
    password: String,
    password_again: String,
) -> Result<(), AuthError> {
    use super::{authz, password as pw, session, storage, types::Capability};
    let account = authz::require(Capability::OwnAccount).await?;
    let state = crate::state::app_state()?;
    count_attempt(&state, &account.email)?;
    let stored = storage::by_id(&state.db, account.id)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let current_ok = stored
        .password_hash
        .as_deref()
        .is_some_and(|hash| pw::verify(&current_password, hash));
    if !current_ok {
        tracing::warn!(account = account.id, "wrong current password");
        return Err(AuthError::WrongCurrentPassword);
    }
    let hash = new_password_hash(&password, &password_again, &account.email)?;
    storage::change_password(&state.db, &account.actor(), account.id, &hash).await?;
    let secret = storage::open_session(&state.db, account.id).await?;
    session::send_session_cookie(&secret, state.secure_cookies);
    Ok(())
}

/// Ends every session of the signed-in account, this one included.
#[server]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    AppError::reply(sign_out_everywhere_checked().await)
}

#[cfg(feature = "ssr")]
async fn sign_out_everywhere_checked() -> Result<(), AppError> {
    use super::{authz, session, storage, types::Capability};
    let account = authz::require(Capability::OwnAccount).await?;
    let state = crate::state::app_state()?;
    storage::close_all_sessions(&state.db, &account.actor(), account.id).await?;
    session::clear_session_cookie(state.secure_cookies);
    leptos_axum::redirect("/signin");
    Ok(())
}
