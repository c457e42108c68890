//! CSV and JSON export of the filtered registry: `/hromadas.csv?…` and `/hromadas.json?…`
//! take the same query string as the list page.

use super::import::HROMADA_COLUMNS;
use super::types::{Hromada, HromadaQuery};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/hromadas.csv", get(export_csv))
        .route("/hromadas.json", get(export_json))
}

/// Invalid parts of the query are dropped, as on the list page.
async fn filtered(state: &AppState, query: &HromadaQuery) -> Result<Vec<Hromada>, AppError> {
    Ok(state.registry().await?.filtered(query))
}

async fn export_csv(
    State(state): State<AppState>,
    Query(query): Query<HromadaQuery>,
) -> Result<Response, AppError> {
    let rows = filtered(&state, &query).await?;
    let mut writer = csv::Writer::from_writer(Vec::with_capacity(rows.len() * 200));
    let header = HROMADA_COLUMNS.iter().copied().chain(["oblast_en"]);
    let mut result = writer.write_record(header);
    for h in &rows {
        if result.is_err() {
            break;
        }
        result = writer.write_record([
            h.katottg.as_str(),
            &h.name_uk,
            h.kind.as_str(),
            &h.center_katottg,
            &h.center_name_uk,
            h.raion_katottg.as_deref().unwrap_or_default(),
            h.raion_uk.as_deref().unwrap_or_default(),
            &h.oblast_katottg,
            &h.oblast_uk,
            &h.population.map(|p| p.to_string()).unwrap_or_default(),
            &h.area_km2.map(|a| a.to_string()).unwrap_or_default(),
            &h.oblast_en,
        ]);
    }
    result.map_err(AppError::internal)?;
    let body = writer.into_inner().map_err(AppError::internal)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"hromadas.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}

async fn export_json(
    State(state): State<AppState>,
    Query(query): Query<HromadaQuery>,
) -> Result<Response, AppError> {
    let rows = filtered(&state, &query).await?;
    Ok((
        [(
            header::CONTENT_DISPOSITION,
            "inline; filename=\"hromadas.json\"",
        )],
        axum::Json(rows),
    )
        .into_response())
}
