//! Server functions of the registry: read-only, open to everyone. Arguments travel as JSON so
//! that an empty filter is still a well-formed call.

use super::types::*;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(input = Json)]
pub async fn load_hromada_list(query: HromadaQuery) -> Result<HromadaListPage, AppError> {
    AppError::reply(
        crate::state::registry()
            .await
            .map(|index| index.list_page(&query)),
    )
}

/// A hromada with its neighbours, similar hromadas and contacts, and whether the viewer may
/// edit those contacts.
#[server(input = Json)]
pub async fn load_hromada_profile(katottg: String) -> Result<HromadaProfile, AppError> {
    AppError::reply(
        async {
            let state = crate::state::app_state()?;
            let index = state.registry().await?;
            let mut profile = index.profile(&katottg).ok_or(AppError::NotFound)?;
            profile.contacts = super::contacts::load(&state.db, &katottg).await?;
            profile.represented_by_viewer = crate::accounts::session::current_account()
                .await?
                .is_some_and(|account| account.represents(&katottg));
            Ok(profile)
        }
        .await,
    )
}

#[server(input = Json)]
pub async fn load_oblast_overview(katottg: String) -> Result<OblastOverview, AppError> {
    AppError::reply(
        crate::state::registry()
            .await
            .and_then(|index| index.oblast_overview(&katottg).ok_or(AppError::NotFound)),
    )
}
