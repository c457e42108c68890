//! The partnerships' server functions: calls are public once announced; admins write them and
//! move them through their phases; a hromada's representatives apply, confirm and submit, each
//! for their own hromada only.

use super::types::*;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ui::editor::EditError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
mod access {
    use crate::accounts::authz::{require, require_for_hromada};
    use crate::accounts::session::current_account;
    use crate::accounts::types::{Account, Capability};
    use crate::error::AppError;

    /// The signed-in representative and the hromada they act for.
    pub async fn representative() -> Result<(Account, String), AppError> {
        let own = current_account()
            .await?
            .and_then(|a| a.hromada_katottg)
            .unwrap_or_default();
        let account = require_for_hromada(Capability::ApplyForHromada, &own).await?;
        Ok((account, own))
    }

    pub async fn manager() -> Result<Account, AppError> {
        require(Capability::ManageCalls).await
    }

    /// Whether the signed-in person (if any) manages calls; no refusal is logged.
    pub async fn manages() -> Result<(Option<Account>, bool), AppError> {
        let me = current_account().await?;
        let manages = me
            .as_ref()
            .is_some_and(|a| Capability::ManageCalls.granted_to(&a.roles));
        Ok((me, manages))
    }
}

#[server(input = Json)]
pub async fn load_calls(lang: Lang) -> Result<Vec<CallCard>, AppError> {
    AppError::reply(
        async {
            let state = crate::state::app_state()?;
            let (_, manages) = access::manages().await?;
            Ok(super::storage::list_calls(&state.db, lang, manages).await?)
        }
        .await,
    )
}

#[server(input = Json)]
pub async fn load_call(id: i64, lang: Lang) -> Result<CallPage, AppError> {
    AppError::reply(
        async {
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let (me, manages) = access::manages().await?;
            super::storage::call_page(&state.db, &registry, id, lang, me.as_ref(), manages)
                .await?
                .ok_or(AppError::NotFound)
        }
        .await,
    )
}

/// The call editor: an empty form for a new call (`id` None), else the saved one.
#[server(input = Json)]
pub async fn load_call_editor(id: Option<i64>, lang: Lang) -> Result<CallEditor, AppError> {
    AppError::reply(
        async {
            access::manager().await?;
            let state = crate::state::app_state()?;
            let (form, phase) = match id {
                None => (new_call_form(), Phase::Draft),
                Some(id) => super::storage::call_form(&state.db, id)
                    .await?
                    .ok_or(AppError::NotFound)?,
            };
            Ok(super::storage::call_editor(&state.db, id, form, phase, lang).await?)
        }
        .await,
    )
}

/// A new call's form: a month of applications from tomorrow, the usual rules and criteria left
/// for the admin.
#[cfg(feature = "ssr")]
fn new_call_form() -> CallForm {
    let now = crate::audit::now();
    let day = 24 * 3600;
    let at_noon = |t: i64| {
        let text = crate::clock::kyiv_local_string(t);
        format!("{}T12:00", &text[..10.min(text.len())])
    };
    CallForm {
        opens_at: at_noon(now + day),
        closes_at: at_noon(now + 31 * day),
        min_cofinancing: "10".into(),
        winners: "5".into(),
        rules: vec![RULE_MIXED_KINDS.into(), RULE_ONE_APPLICATION.into()],
        geography: Geography::Neighbouring.as_str().into(),
        members_min: "2".into(),
        members_max: "4".into(),
        criteria: vec![CriterionForm {
            weight: "1".into(),
            max_score: "10".into(),
            ..CriterionForm::default()
        }],
        ..CallForm::default()
    }
}

#[server(input = Json)]
pub async fn save_call(id: Option<i64>, form: CallForm) -> Result<i64, EditError> {
    EditError::reply(
        async {
            let account = access::manager().await?;
            let state = crate::state::app_state()?;
            Ok(super::storage::save_call(&state.db, &account.actor(), id, &form).await?)
        }
        .await,
    )
}

/// Moves the call from the phase `from` (as the admin's page showed it) to the next one.
#[server]
pub async fn advance_call(id: i64, from: String) -> Result<(), EditError> {
    EditError::reply(
        async {
            let account = access::manager().await?;
            let state = crate::state::app_state()?;
            let from = Phase::parse(&from).ok_or(AppError::NotFound)?;
            super::storage::advance_phase(&state.db, &account.actor(), id, from).await?;
            Ok(())
        }
        .await,
    )
}

/// An application's page: for its hromadas' representatives and those who manage calls.
#[server(input = Json)]
pub async fn load_application(id: i64, lang: Lang) -> Result<ApplicationPage, AppError> {
    AppError::reply(
        async {
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let (me, manages) = access::manages().await?;
            let loaded = super::storage::load_application(&state.db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            let member = me
                .as_ref()
                .and_then(|me| super::storage::viewer_hromada(me, &loaded));
            if !manages {
                // Who is not a member's representative is told nothing exists here, and refused.
                match member {
                    Some(hromada) => {
                        crate::accounts::authz::require_for_hromada(
                            crate::accounts::types::Capability::ApplyForHromada,
                            hromada,
                        )
                        .await?;
                    }
                    None if me.is_none() => return Err(AppError::SignInRequired),
                    None => return Err(AppError::NotFound),
                }
            }
            Ok(super::storage::application_page(
                &state.db, &registry, &loaded, member, manages, lang,
            )
            .await?)
        }
        .await,
    )
}

/// The application editor for the lead hromada's representative: a new application to `call`
/// (`id` None), else the saved one.
#[server(input = Json)]
pub async fn load_application_editor(
    id: Option<i64>,
    call: i64,
    lang: Lang,
) -> Result<ApplicationEditor, AppError> {
    AppError::reply(
        async {
            let (_, own) = access::representative().await?;
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let form = match id {
                None => ApplicationForm {
                    call,
                    ..ApplicationForm::default()
                },
                Some(id) => {
                    let loaded = super::storage::load_application(&state.db, id)
                        .await?
                        .filter(|a| a.lead == own)
                        .ok_or(AppError::NotFound)?;
                    super::storage::application_form(&registry, &loaded)
                }
            };
            super::storage::application_editor(&state.db, &registry, id, form, &own, lang)
                .await?
                .ok_or(AppError::NotFound)
        }
        .await,
    )
}

#[server(input = Json)]
pub async fn save_application(id: Option<i64>, form: ApplicationForm) -> Result<i64, EditError> {
    EditError::reply(
        async {
            let (account, own) = access::representative().await?;
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            Ok(super::storage::save_application(
                &state.db,
                &registry,
                &account.actor(),
                &own,
                id,
                &form,
            )
            .await?)
        }
        .await,
    )
}

/// A partner hromada's representative confirms that it takes part.
#[server]
pub async fn confirm_application(id: i64) -> Result<(), EditError> {
    EditError::reply(
        async {
            let (account, own) = access::representative().await?;
            let state = crate::state::app_state()?;
            Ok(super::storage::confirm(&state.db, &account.actor(), id, &own).await?)
        }
        .await,
    )
}

#[server]
pub async fn submit_application(id: i64) -> Result<(), EditError> {
    EditError::reply(
        async {
            let (account, own) = access::representative().await?;
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            Ok(super::storage::submit(&state.db, &registry, &account.actor(), id, &own).await?)
        }
        .await,
    )
}

/// An admin's decision on one rule: `decision` is `pass`, `fail` or `clear` (back to what the
/// registry says); the reason is required for the first two.
#[server]
pub async fn override_eligibility(
    id: i64,
    rule: String,
    decision: String,
    reason: String,
) -> Result<(), EditError> {
    EditError::reply(
        async {
            let account = access::manager().await?;
            let state = crate::state::app_state()?;
            let rule = Rule::parse(&rule).ok_or(AppError::NotFound)?;
            let passed = match decision.as_str() {
                "pass" => Some(true),
                "fail" => Some(false),
                "clear" => None,
                _ => return Err(AppError::NotFound.into()),
            };
            Ok(super::storage::override_rule(
                &state.db,
                &account.actor(),
                id,
                rule,
                passed,
                &reason,
            )
            .await?)
        }
        .await,
    )
}
