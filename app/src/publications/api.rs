//! The publications' server functions: reads are public, writes are analysts'.

use super::types::*;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ui::editor::EditError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(input = Json)]
pub async fn load_publications(
    query: PublicationQuery,
    lang: Lang,
) -> Result<PublicationList, AppError> {
    AppError::reply(
        async {
            let state = crate::state::app_state()?;
            Ok(super::storage::list(&state.db, &query, lang).await?)
        }
        .await,
    )
}

#[server(input = Json)]
pub async fn load_publication(id: i64, lang: Lang) -> Result<PublicationPage, AppError> {
    AppError::reply(
        async {
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            super::storage::page(&state.db, &registry, id, lang)
                .await?
                .ok_or(AppError::NotFound)
        }
        .await,
    )
}

/// The editor: an empty form for a new publication (`id` None), else the saved one.
#[server(input = Json)]
pub async fn load_publication_editor(
    id: Option<i64>,
    lang: Lang,
) -> Result<PublicationEditor, AppError> {
    AppError::reply(
        async {
            crate::accounts::authz::require(crate::accounts::types::Capability::RunAnalytics)
                .await?;
            let state = crate::state::app_state()?;
            let form = match id {
                None => PublicationForm {
                    kind: PublicationKind::Note.as_str().to_string(),
                    published_on: crate::clock::kyiv_day(crate::audit::now()),
                    ..PublicationForm::default()
                },
                Some(id) => super::storage::form(&state.db, id)
                    .await?
                    .ok_or(AppError::NotFound)?,
            };
            Ok(super::storage::editor(&state.db, id, form, lang).await?)
        }
        .await,
    )
}

#[server(input = Json)]
pub async fn save_publication(id: Option<i64>, form: PublicationForm) -> Result<i64, EditError> {
    EditError::reply(
        async {
            let account =
                crate::accounts::authz::require(crate::accounts::types::Capability::RunAnalytics)
                    .await?;
            let state = crate::state::app_state()?;
            Ok(super::storage::save(&state.db, &account.actor(), id, &form).await?)
        }
        .await,
    )
}

/// Records a dated step of a recommendation's follow-up.
#[server(input = Json)]
pub async fn add_follow_up(id: i64, form: FollowUpForm) -> Result<(), EditError> {
    EditError::reply(
        async {
            let account =
                crate::accounts::authz::require(crate::accounts::types::Capability::RunAnalytics)
                    .await?;
            let state = crate::state::app_state()?;
            Ok(super::storage::add_follow_up(&state.db, &account.actor(), id, &form).await?)
        }
        .await,
    )
}
