//! Surveys: dashboards are public unless the survey says otherwise; answering needs
//! `AnswerForHromada` for one's own hromada; building needs `RunAnalytics`.

use super::types::*;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ui::editor::EditError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::accounts::types::{Account, Capability};

    /// Whether the caller may see everything the analytical centre holds (without refusing).
    pub async fn is_analyst() -> Result<bool, AppError> {
        Ok(crate::accounts::session::current_account()
            .await?
            .is_some_and(|a| Capability::RunAnalytics.granted_to(&a.roles)))
    }

    /// The signed-in representative, for their own hromada only.
    pub async fn representative() -> Result<(Account, String), AppError> {
        let account = crate::accounts::session::current_account().await?;
        let hromada = account
            .as_ref()
            .and_then(|a| a.hromada_katottg.clone())
            .unwrap_or_default();
        let account =
            crate::accounts::authz::require_for_hromada(Capability::AnswerForHromada, &hromada)
                .await?;
        Ok((account, hromada))
    }

    impl From<crate::analytics::storage::SurveyError> for EditError {
        fn from(error: crate::analytics::storage::SurveyError) -> Self {
            use crate::analytics::storage::SurveyError;
            match error {
                SurveyError::Invalid(problems) => EditError::Invalid(problems),
                SurveyError::Database(error) => EditError::App(error.into()),
            }
        }
    }
}

/// Surveys that have opened (analysts also see those still being prepared).
#[server(input = Json)]
pub async fn load_surveys(lang: Lang) -> Result<Vec<SurveyCard>, AppError> {
    AppError::reply(
        async {
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let analyst = server::is_analyst().await?;
            let now = crate::audit::now();
            Ok(super::storage::list(&state.db, &registry, lang, now, analyst).await?)
        }
        .await,
    )
}

#[server(input = Json)]
pub async fn load_dashboard(
    id: i64,
    query: DashboardQuery,
    lang: Lang,
) -> Result<Dashboard, AppError> {
    AppError::reply(
        async {
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let analyst = server::is_analyst().await?;
            let now = crate::audit::now();
            let key = format!("{}|{lang:?}|{analyst}", query.to_query_string());
            let topic = crate::live::survey_topic(id);
            let compute = async {
                super::dashboard::dashboard(&state.db, &registry, id, &query, lang, now, analyst)
                    .await?
                    .ok_or(AppError::NotFound)
            };
            let dashboard = (*state
                .dashboards
                .get(&state.live, &topic, key, compute)
                .await?)
                .clone();
            if analyst {
                return Ok(dashboard);
            }
            if dashboard.survey.state == SurveyState::Upcoming {
                return Err(AppError::NotFound);
            }
            if !dashboard.survey.public_results {
                crate::accounts::authz::require(crate::accounts::types::Capability::RunAnalytics)
                    .await?;
            }
            Ok(dashboard)
        }
        .await,
    )
}

/// The signed-in representative's answer sheet for their hromada.
#[server(input = Json)]
pub async fn load_answer_sheet(id: i64, lang: Lang) -> Result<AnswerSheet, AppError> {
    AppError::reply(
        async {
            let (_, hromada) = server::representative().await?;
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let now = crate::audit::now();
            super::storage::sheet(&state.db, &registry, id, &hromada, lang, now)
                .await?
                .ok_or(AppError::NotFound)
        }
        .await,
    )
}

/// Saves the representative's answers, as progress or (`submit`) as the hromada's response.
/// At a fixed address, for the benchmark's client.
#[server(input = Json, endpoint = "save_survey_answers")]
pub async fn save_survey_answers(
    id: i64,
    form: AnswerForm,
    submit: bool,
    lang: Lang,
) -> Result<SavedAnswers, EditError> {
    EditError::reply(
        async {
            let (account, hromada) = server::representative().await?;
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let now = crate::audit::now();
            let saved = super::storage::save_answers(
                &state.db,
                &registry,
                &account.actor(),
                id,
                &hromada,
                &form,
                submit,
                lang,
                now,
            )
            .await?;
            if saved.submitted {
                state.live.publish(&crate::live::survey_topic(id));
            }
            Ok(saved)
        }
        .await,
    )
}

#[server(input = Json)]
pub async fn load_survey_editor(id: Option<i64>, lang: Lang) -> Result<SurveyEditor, AppError> {
    AppError::reply(
        async {
            crate::accounts::authz::require(crate::accounts::types::Capability::RunAnalytics)
                .await?;
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let (form, locked) = match id {
                None => (
                    SurveyForm {
                        public_results: true,
                        questions: vec![QuestionForm::default()],
                        ..SurveyForm::default()
                    },
                    false,
                ),
                Some(id) => super::storage::form(&state.db, id)
                    .await?
                    .ok_or(AppError::NotFound)?,
            };
            let sectors = crate::sectors::storage::all(&state.db)
                .await?
                .into_iter()
                .map(|s| Choice {
                    name: s.name(lang).to_string(),
                    value: s.slug,
                })
                .collect();
            let oblasts = registry
                .oblasts()
                .iter()
                .map(|o| Choice {
                    value: o.katottg.clone(),
                    name: o.name(lang).to_string(),
                })
                .collect();
            Ok(SurveyEditor {
                id,
                form,
                locked,
                sectors,
                oblasts,
            })
        }
        .await,
    )
}

#[server(input = Json)]
pub async fn save_survey(id: Option<i64>, form: SurveyForm) -> Result<i64, EditError> {
    EditError::reply(
        async {
            let account =
                crate::accounts::authz::require(crate::accounts::types::Capability::RunAnalytics)
                    .await?;
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let saved =
                super::storage::save(&state.db, &registry, &account.actor(), id, &form).await?;
            state.live.publish(&crate::live::survey_topic(saved));
            Ok(saved)
        }
        .await,
    )
}
