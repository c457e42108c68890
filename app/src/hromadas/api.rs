//! Server functions of the registry: read-only, open to everyone.

use super::types::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server]
pub async fn load_hromada_list(query: HromadaQuery) -> Result<HromadaListPage, AppError> {
    let db = crate::state::db()?;
    Ok(super::storage::list_page(&db, &query).await?)
}

#[server]
pub async fn load_hromada_profile(katottg: String) -> Result<HromadaProfile, AppError> {
    if !is_katottg(&katottg) {
        return Err(AppError::NotFound);
    }
    let db = crate::state::db()?;
    super::storage::profile(&db, &katottg)
        .await?
        .ok_or(AppError::NotFound)
}

#[server]
pub async fn load_oblast_overview(katottg: String) -> Result<OblastOverview, AppError> {
    if !is_katottg(&katottg) {
        return Err(AppError::NotFound);
    }
    let db = crate::state::db()?;
    super::storage::oblast_overview(&db, &katottg)
        .await?
        .ok_or(AppError::NotFound)
}
