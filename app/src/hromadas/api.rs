//! Server functions of the registry: read-only, open to everyone. Arguments travel as JSON so
//! that an empty filter is still a well-formed call.

use super::types::*;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(input = Json)]
pub async fn load_hromada_list(query: HromadaQuery) -> Result<HromadaListPage, AppError> {
    AppError::reply(
        async {
            let db = crate::state::db()?;
            Ok(super::storage::list_page(&db, &query).await?)
        }
        .await,
    )
}

#[server(input = Json)]
pub async fn load_hromada_profile(katottg: String) -> Result<HromadaProfile, AppError> {
    AppError::reply(
        async {
            if !is_katottg(&katottg) {
                return Err(AppError::NotFound);
            }
            let db = crate::state::db()?;
            super::storage::profile(&db, &katottg)
                .await?
                .ok_or(AppError::NotFound)
        }
        .await,
    )
}

#[server(input = Json)]
pub async fn load_oblast_overview(katottg: String) -> Result<OblastOverview, AppError> {
    AppError::reply(
        async {
            if !is_katottg(&katottg) {
                return Err(AppError::NotFound);
            }
            let db = crate::state::db()?;
            super::storage::oblast_overview(&db, &katottg)
                .await?
                .ok_or(AppError::NotFound)
        }
        .await,
    )
}
