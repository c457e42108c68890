//! What admins do with accounts: list and search, invite, change roles, disable, issue reset
//! links. Every function here requires [`Capability::ManageAccounts`].

use super::api::AuthError;
use super::types::{AccountListPage, AccountSummary, IssuedLink};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// The list's filters, as the URL carries them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccountQuery {
    pub q: String,
    /// A role name, or empty for all.
    pub role: String,
    /// "active", "disabled", "invited", or empty for all.
    pub status: String,
    pub page: u32,
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::accounts::storage::StoredAccount;
    use crate::accounts::types::{AccountProblem, Role, ACCOUNTS_PAGE_SIZE};
    use crate::hromadas::index::RegistryIndex;
    use crate::hromadas::text::search_form;

    pub fn summary(stored: StoredAccount, registry: &RegistryIndex) -> AccountSummary {
        let account = stored.account;
        AccountSummary {
            hromada_name: account
                .hromada_katottg
                .as_deref()
                .and_then(|code| registry.hromada(code))
                .map(|h| h.name_uk.clone()),
            id: account.id,
            email: account.email,
            display_name: account.display_name,
            roles: account.roles,
            hromada_katottg: account.hromada_katottg,
            disabled: stored.disabled,
            has_password: stored.password_hash.is_some(),
            last_seen: stored.last_seen_at.map(crate::clock::kyiv_minutes),
        }
    }

    pub fn matches(summary: &AccountSummary, query: &AccountQuery) -> bool {
        let words = search_form(&query.q);
        let haystack = search_form(&format!(
            "{} {} {}",
            summary.email,
            summary.display_name,
            summary.hromada_name.as_deref().unwrap_or_default()
        ));
        let role_ok = Role::parse(&query.role).is_none_or(|role| summary.roles.contains(&role));
        let status_ok = match query.status.as_str() {
            "active" => !summary.disabled && summary.has_password,
            "disabled" => summary.disabled,
            "invited" => !summary.disabled && !summary.has_password,
            _ => true,
        };
        role_ok && status_ok && words.split(' ').all(|w| haystack.contains(w))
    }

    pub fn page(all: Vec<AccountSummary>, page: u32) -> AccountListPage {
        let total = all.len();
        let pages = total.div_ceil(ACCOUNTS_PAGE_SIZE).max(1) as u32;
        let page = page.clamp(1, pages);
        let accounts = all
            .into_iter()
            .skip((page as usize - 1) * ACCOUNTS_PAGE_SIZE)
            .take(ACCOUNTS_PAGE_SIZE)
            .collect();
        AccountListPage {
            accounts,
            total,
            page,
            pages,
        }
    }

    /// Roles from the form's checkboxes; an unknown name is a tampered form.
    pub fn roles(names: Option<Vec<String>>) -> Result<Vec<Role>, AuthError> {
        names
            .unwrap_or_default()
            .iter()
            .map(|n| Role::parse(n).ok_or(AuthError::App(AppError::Transport)))
            .collect()
    }

    /// The hromada field: empty, a KATOTTG code, or a name that only one hromada has.
    pub fn hromada(text: &str, registry: &RegistryIndex) -> Result<Option<String>, AuthError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        if let Some(h) = registry.hromada(text) {
            return Ok(Some(h.katottg.clone()));
        }
        let name = text
            .trim_end_matches("громада")
            .trim_end_matches("територіальна")
            .trim();
        match registry.named(name).as_slice() {
            [one] => Ok(Some(one.katottg.clone())),
            [] => Err(AuthError::Invalid(AccountProblem::UnknownHromada)),
            _ => Err(AuthError::Invalid(AccountProblem::AmbiguousHromada)),
        }
    }
}

/// The accounts page: filtered, newest rules first by email.
#[server(input = Json)]
pub async fn list_accounts(query: AccountQuery) -> Result<AccountListPage, AppError> {
    AppError::reply(
        async {
            use crate::accounts::{authz, storage, types::Capability};
            authz::require(Capability::ManageAccounts).await?;
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let all = storage::all(&state.db)
                .await?
                .into_iter()
                .map(|stored| server::summary(stored, &registry))
                .filter(|s| server::matches(s, &query))
                .collect();
            Ok(server::page(all, query.page))
        }
        .await,
    )
}

/// One account with its audit trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountDetail {
    pub account: AccountSummary,
    pub history: Vec<crate::audit::AuditEntry>,
}

#[server(input = Json)]
pub async fn load_account_detail(id: i64) -> Result<AccountDetail, AppError> {
    AppError::reply(
        async {
            use crate::accounts::{authz, storage, types::Capability};
            use crate::audit::{self, AuditFilter};
            authz::require(Capability::ManageAccounts).await?;
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let stored = storage::by_id(&state.db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            let filter = AuditFilter {
                entity: "account".into(),
                entity_id: id.to_string(),
                ..AuditFilter::default()
            };
            let history = audit::search(&state.db, &filter).await?.entries;
            Ok(AccountDetail {
                account: server::summary(stored, &registry),
                history,
            })
        }
        .await,
    )
}

/// Creates an account and issues its invitation link (mailed, or returned to show the admin).
#[server]
pub async fn invite_account(
    email: String,
    display_name: String,
    roles: Option<Vec<String>>,
    hromada: String,
) -> Result<IssuedLink, AuthError> {
    AuthError::reply(
        async {
            use crate::accounts::storage::{self, NewAccount, TokenPurpose};
            use crate::accounts::{api::issue_link, authz, types::Capability};
            let admin = authz::require(Capability::ManageAccounts).await?;
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let new = NewAccount {
                email,
                display_name,
                roles: server::roles(roles)?,
                hromada_katottg: server::hromada(&hromada, &registry)?,
            };
            let actor = admin.actor();
            let id = storage::create(&state.db, &actor, &new)
                .await
                .map_err(AuthError::from)?;
            let email = storage::normalize_email(&new.email).map_err(AuthError::Invalid)?;
            Ok(issue_link(&state, &actor, id, &email, TokenPurpose::Invitation).await?)
        }
        .await,
    )
}

#[server]
pub async fn change_access(
    id: i64,
    roles: Option<Vec<String>>,
    hromada: String,
) -> Result<(), AuthError> {
    AuthError::reply(
        async {
            use crate::accounts::{authz, storage, types::Capability};
            let admin = authz::require(Capability::ManageAccounts).await?;
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let roles = server::roles(roles)?;
            let hromada = server::hromada(&hromada, &registry)?;
            storage::update_access(&state.db, &admin.actor(), id, &roles, &hromada)
                .await
                .map_err(AuthError::from)
        }
        .await,
    )
}

#[server]
pub async fn set_account_disabled(id: i64, disabled: bool) -> Result<(), AuthError> {
    AuthError::reply(
        async {
            use crate::accounts::{authz, storage, types::Capability};
            let admin = authz::require(Capability::ManageAccounts).await?;
            let state = crate::state::app_state()?;
            storage::set_disabled(&state.db, &admin.actor(), id, disabled)
                .await
                .map_err(AuthError::from)
        }
        .await,
    )
}

/// A fresh invitation (before a password is set) or reset link for the account.
#[server]
pub async fn issue_account_link(id: i64) -> Result<IssuedLink, AuthError> {
    AuthError::reply(
        async {
            use crate::accounts::storage::{self, TokenPurpose};
            use crate::accounts::{api::issue_link, authz, types::Capability};
            let admin = authz::require(Capability::ManageAccounts).await?;
            let state = crate::state::app_state()?;
            let stored = storage::by_id(&state.db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            let purpose = if stored.password_hash.is_some() {
                TokenPurpose::PasswordReset
            } else {
                TokenPurpose::Invitation
            };
            let email = stored.account.email;
            Ok(issue_link(&state, &admin.actor(), id, &email, purpose).await?)
        }
        .await,
    )
}
