//! Initiatives: reading is open to everyone; writing needs `EditContent`. Arguments travel as
//! JSON.

use super::types::*;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ui::editor::EditError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(input = Json)]
pub async fn load_initiative_list(
    query: InitiativeQuery,
    lang: Lang,
) -> Result<InitiativeListPage, AppError> {
    AppError::reply(
        async {
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let today = crate::clock::kyiv_day(crate::audit::now());
            Ok(super::storage::list(&state.db, &registry, &query, lang, &today).await?)
        }
        .await,
    )
}

#[server(input = Json)]
pub async fn load_initiative(slug: String, lang: Lang) -> Result<InitiativeLookup, AppError> {
    AppError::reply(
        async {
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let found =
                super::storage::page(&state.db, &registry, &slug, lang, crate::audit::now())
                    .await?
                    .ok_or(AppError::NotFound)?;
            Ok(match found {
                InitiativeLookup::Found(mut page) => {
                    page.url = format!(
                        "{}{}",
                        state.public_url,
                        lang.href(&format!("/initiatives/{}", page.card.slug))
                    );
                    InitiativeLookup::Found(page)
                }
                moved => moved,
            })
        }
        .await,
    )
}

/// Published initiatives as choices, for the news filters and forms.
#[server(input = Json)]
pub async fn load_initiative_choices(lang: Lang) -> Result<Vec<Choice>, AppError> {
    AppError::reply(
        async {
            let state = crate::state::app_state()?;
            Ok(super::storage::choices(&state.db, lang).await?)
        }
        .await,
    )
}

#[server(input = Json)]
pub async fn list_editable_initiatives() -> Result<Vec<EditableInitiative>, AppError> {
    AppError::reply(
        async {
            crate::accounts::authz::require(crate::accounts::types::Capability::EditContent)
                .await?;
            let state = crate::state::app_state()?;
            Ok(super::storage::editable(&state.db, crate::audit::now()).await?)
        }
        .await,
    )
}

/// The editor's form: empty for a new initiative (`id` None), else the saved one.
#[server(input = Json)]
pub async fn load_initiative_editor(
    id: Option<i64>,
    lang: Lang,
) -> Result<InitiativeEditor, AppError> {
    AppError::reply(
        async {
            crate::accounts::authz::require(crate::accounts::types::Capability::EditContent)
                .await?;
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let (sectors, oblasts) =
                super::storage::editor_choices(&state.db, &registry, lang).await?;
            let (slug, form) = match id {
                None => (String::new(), InitiativeForm::default()),
                Some(id) => super::storage::form(&state.db, id)
                    .await?
                    .ok_or(AppError::NotFound)?,
            };
            Ok(InitiativeEditor {
                id,
                slug,
                form,
                sectors,
                oblasts,
            })
        }
        .await,
    )
}

#[server(input = Json)]
pub async fn save_initiative(
    id: Option<i64>,
    form: InitiativeForm,
) -> Result<SavedInitiative, EditError> {
    EditError::reply(
        async {
            let account =
                crate::accounts::authz::require(crate::accounts::types::Capability::EditContent)
                    .await?;
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            super::storage::save(&state.db, &registry, &account.actor(), id, &form)
                .await
                .map_err(|error| match error {
                    super::storage::InitiativeError::Invalid(problems) => {
                        EditError::Invalid(problems)
                    }
                    super::storage::InitiativeError::Database(error) => {
                        EditError::App(error.into())
                    }
                })
        }
        .await,
    )
}
