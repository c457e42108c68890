//! The one authorization gate. Every server function and route that reads private data or
//! changes anything starts with [`require`] or [`require_for_hromada`]; the policy itself is
//! [`Capability::granted_to`]. Refusals are logged with who, what and from where.

use super::session::{account_from_headers, address_of, client_address, current_account};
use super::types::{Account, Capability};
use crate::error::AppError;
use crate::state::AppState;
use axum::http::request::Parts;

/// The signed-in account, if it holds `capability`; otherwise the refusal (401 for visitors,
/// 403 for accounts without it).
pub async fn require(capability: Capability) -> Result<Account, AppError> {
    let account = current_account().await?;
    check(account.as_ref(), capability, None)?;
    Ok(account.expect("checked above"))
}

/// As [`require`], for what any one of `capabilities` allows (none per hromada).
pub async fn require_any(capabilities: &[Capability]) -> Result<Account, AppError> {
    let account = current_account().await?;
    let granted = capabilities
        .iter()
        .any(|&capability| decide(account.as_ref(), capability, None).is_ok());
    if !granted {
        // Refused and logged as the first of them.
        let first = capabilities
            .first()
            .copied()
            .unwrap_or(Capability::ManageAccounts);
        check(account.as_ref(), first, None)?;
    }
    account.ok_or(AppError::SignInRequired)
}

/// As [`require`], and the account must represent `hromada` (no acting for another hromada).
pub async fn require_for_hromada(
    capability: Capability,
    hromada: &str,
) -> Result<Account, AppError> {
    let account = current_account().await?;
    check(account.as_ref(), capability, Some(hromada))?;
    Ok(account.expect("checked above"))
}

/// As [`require`], for a plain axum route (an upload, say), which has no Leptos context: the
/// account of the request's session cookie, refused and logged alike. Not for per-hromada
/// capabilities.
pub async fn require_in_route(
    state: &AppState,
    parts: &Parts,
    capability: Capability,
) -> Result<Account, AppError> {
    let account = account_from_headers(state, &parts.headers).await?;
    let decision = decide(account.as_ref(), capability, None);
    if decision.is_err() {
        log_refusal(
            account.as_ref(),
            capability,
            None,
            &address_of(parts, &state.trusted_proxies),
        );
    }
    decision.map(|()| account.expect("decided above"))
}

/// The decision, separate from the request so it can be tested on its own.
pub fn decide(
    account: Option<&Account>,
    capability: Capability,
    hromada: Option<&str>,
) -> Result<(), AppError> {
    let Some(account) = account else {
        return Err(AppError::SignInRequired);
    };
    let granted = capability.granted_to(&account.roles)
        && match (capability.is_per_hromada(), hromada) {
            (true, Some(hromada)) => account.represents(hromada),
            // A per-hromada capability asked without its hromada is a programming error: refuse.
            (true, None) => false,
            (false, _) => true,
        };
    if granted {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn check(
    account: Option<&Account>,
    capability: Capability,
    hromada: Option<&str>,
) -> Result<(), AppError> {
    // With the refusal's status, whatever the calling function returns it in.
    let decision = AppError::reply(decide(account, capability, hromada));
    if decision.is_err() {
        log_refusal(account, capability, hromada, &client_address());
    }
    decision
}

fn log_refusal(
    account: Option<&Account>,
    capability: Capability,
    hromada: Option<&str>,
    address: &str,
) {
    tracing::warn!(
        account = account.map(|a| a.id),
        ?capability,
        hromada,
        address,
        "authorization refused"
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::types::Role;

    fn account(roles: &[Role], hromada: Option<&str>) -> Account {
        Account {
            id: 1,
            email: "a@b.ua".into(),
            display_name: "A".into(),
            roles: roles.to_vec(),
            hromada_katottg: hromada.map(str::to_string),
        }
    }

    #[test]
    fn visitors_must_sign_in_and_roles_decide() {
        for capability in Capability::ALL {
            assert_eq!(
                decide(None, capability, Some("UA1")),
                Err(AppError::SignInRequired)
            );
        }
        let editor = account(&[Role::Editor], None);
        assert_eq!(
            decide(Some(&editor), Capability::ManageAccounts, None),
            Err(AppError::Forbidden)
        );
        assert_eq!(decide(Some(&editor), Capability::OwnAccount, None), Ok(()));
        let admin = account(&[Role::Admin], None);
        assert_eq!(decide(Some(&admin), Capability::ReadAuditLog, None), Ok(()));
        for (roles, granted) in [
            (&[Role::Editor][..], true),
            (&[Role::Admin], true),
            (&[Role::Analyst, Role::Evaluator], false),
            (&[Role::Representative], false),
        ] {
            let expected = if granted {
                Ok(())
            } else {
                Err(AppError::Forbidden)
            };
            assert_eq!(
                decide(
                    Some(&account(roles, Some("UA1"))),
                    Capability::EditContent,
                    None
                ),
                expected,
                "{roles:?}"
            );
        }
    }

    #[test]
    fn a_representative_acts_only_for_their_own_hromada() {
        let rep = account(&[Role::Representative], Some("UA1"));
        let cap = Capability::KeepHromadaContacts;
        assert_eq!(decide(Some(&rep), cap, Some("UA1")), Ok(()));
        assert_eq!(
            decide(Some(&rep), cap, Some("UA2")),
            Err(AppError::Forbidden)
        );
        assert_eq!(decide(Some(&rep), cap, None), Err(AppError::Forbidden));
        let admin = account(&Role::ALL, None);
        assert_eq!(
            decide(Some(&admin), cap, Some("UA1")),
            Err(AppError::Forbidden)
        );
    }
}
