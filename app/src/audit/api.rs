//! Reading the audit log: admins only. Nothing here or anywhere else edits it.

use super::{AuditFilter, AuditPage};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(input = Json)]
pub async fn search_audit_log(filter: AuditFilter) -> Result<AuditPage, AppError> {
    AppError::reply(
        async {
            use crate::accounts::{authz, types::Capability};
            authz::require(Capability::ReadAuditLog).await?;
            let state = crate::state::app_state()?;
            Ok(super::search(&state.db, &filter).await?)
        }
        .await,
    )
}
