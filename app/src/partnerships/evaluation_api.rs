//! The evaluation's server functions: admins state evaluators' oblasts, assign or balance them,
//! follow the progress and ranking, and confirm the selection; an evaluator declares their
//! (absence of) conflict of interest and scores the applications they are assigned to, and only
//! those.

use super::types::*;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ui::editor::EditError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
mod access {
    use crate::accounts::authz::require;
    use crate::accounts::types::{Account, Capability};
    use crate::error::AppError;

    pub async fn manager() -> Result<Account, AppError> {
        require(Capability::ManageCalls).await
    }

    pub async fn evaluator() -> Result<Account, AppError> {
        require(Capability::EvaluateApplications).await
    }

    /// Tells the admins' open evaluation pages of `call` that it changed.
    pub fn publish(state: &crate::state::AppState, call: i64) {
        state.live.publish(&super::evaluation_topic(call));
    }
}

#[cfg(feature = "ssr")]
use super::storage::evaluation as storage;

/// A call's evaluation: evaluators and their progress, assignments, the ranking.
#[server(input = Json)]
pub async fn load_call_evaluation(call: i64, lang: Lang) -> Result<CallEvaluation, AppError> {
    AppError::reply(
        async {
            access::manager().await?;
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            storage::call_evaluation(&state.db, &registry, call, lang)
                .await?
                .ok_or(AppError::NotFound)
        }
        .await,
    )
}

/// Which oblast an evaluator of `call` is from; `oblast` empty: from none.
#[server]
pub async fn set_evaluator_oblast(
    call: i64,
    evaluator: i64,
    oblast: String,
) -> Result<(), EditError> {
    EditError::reply(
        async {
            let account = access::manager().await?;
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            storage::set_evaluator_oblast(
                &state.db,
                &registry,
                &account.actor(),
                call,
                evaluator,
                oblast.trim(),
            )
            .await?;
            access::publish(&state, call);
            Ok(())
        }
        .await,
    )
}

#[server]
pub async fn assign_evaluator(application: i64, evaluator: i64) -> Result<(), EditError> {
    EditError::reply(
        async {
            let account = access::manager().await?;
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let call = storage::assign(
                &state.db,
                &registry,
                &account.actor(),
                application,
                evaluator,
            )
            .await?;
            access::publish(&state, call);
            Ok(())
        }
        .await,
    )
}

/// Gives every admitted application of the call at least three allowed evaluators.
#[server]
pub async fn balance_evaluators(call: i64) -> Result<(), EditError> {
    EditError::reply(
        async {
            let account = access::manager().await?;
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            storage::balance(&state.db, &registry, &account.actor(), call, None).await?;
            access::publish(&state, call);
            Ok(())
        }
        .await,
    )
}

/// Confirms the selection and publishes the results.
#[server]
pub async fn confirm_results(
    call: i64,
    decisions: Option<Vec<DecisionForm>>,
) -> Result<(), EditError> {
    EditError::reply(
        async {
            let account = access::manager().await?;
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            storage::confirm_results(
                &state.db,
                &registry,
                &account.actor(),
                call,
                &decisions.unwrap_or_default(),
            )
            .await?;
            access::publish(&state, call);
            Ok(())
        }
        .await,
    )
}

/// The applications the signed-in evaluator is assigned to.
#[server(input = Json)]
pub async fn load_my_assignments(lang: Lang) -> Result<Vec<AssignmentCard>, AppError> {
    AppError::reply(
        async {
            let account = access::evaluator().await?;
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            Ok(storage::assignments_of(&state.db, &registry, account.id, lang).await?)
        }
        .await,
    )
}

/// One application as its evaluator sees it; others are told it does not exist.
#[server(input = Json)]
pub async fn load_evaluation_sheet(
    application: i64,
    lang: Lang,
) -> Result<EvaluationSheet, AppError> {
    AppError::reply(
        async {
            let account = access::evaluator().await?;
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            storage::sheet(&state.db, &registry, account.id, application, lang)
                .await?
                .ok_or(AppError::NotFound)
        }
        .await,
    )
}

/// `conflict` is `no` (the application opens) or `yes` (with a note: another evaluator takes it).
#[server]
pub async fn declare_interest(
    application: i64,
    conflict: String,
    note: Option<String>,
) -> Result<(), EditError> {
    EditError::reply(
        async {
            let account = access::evaluator().await?;
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let call = storage::declare(
                &state.db,
                &registry,
                &account.actor(),
                account.id,
                application,
                conflict == "yes",
                note.as_deref().unwrap_or_default(),
            )
            .await?;
            access::publish(&state, call);
            Ok(())
        }
        .await,
    )
}

/// Saves the evaluator's scores; `intent` `submit` submits them, once.
#[server]
pub async fn save_scores(
    application: i64,
    scores: Option<Vec<ScoreForm>>,
    intent: Option<String>,
) -> Result<(), EditError> {
    EditError::reply(
        async {
            let account = access::evaluator().await?;
            let state = crate::state::app_state()?;
            let submit = intent.as_deref() == Some("submit");
            let call = storage::save_scores(
                &state.db,
                &account.actor(),
                account.id,
                application,
                &scores.unwrap_or_default(),
                submit,
            )
            .await?;
            if submit {
                access::publish(&state, call);
            }
            Ok(())
        }
        .await,
    )
}
