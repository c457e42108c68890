//! A dashboard's data as CSV and JSON: `/analytics/surveys/{id}/dashboard.csv?…` and `.json`
//! take the dashboard's own query string and show exactly its figures, to the same people.

use super::needs::{NeedsOverview, NeedsQuery};
use super::types::*;
use crate::accounts::session::account_from_headers;
use crate::accounts::types::Capability;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/analytics/surveys/{id}/dashboard.csv", get(dashboard_csv))
        .route(
            "/analytics/surveys/{id}/dashboard.json",
            get(dashboard_json),
        )
        .route("/analytics/needs.csv", get(needs_csv))
        .route("/analytics/needs.json", get(needs_json))
}

/// The dashboard as its page shows it to this caller, or the page's refusal.
async fn visible_dashboard(
    state: &AppState,
    headers: &HeaderMap,
    id: i64,
    query: &DashboardQuery,
) -> Result<Dashboard, AppError> {
    let account = account_from_headers(state, headers).await?;
    let analyst = account
        .as_ref()
        .is_some_and(|a| Capability::RunAnalytics.granted_to(&a.roles));
    let registry = state.registry().await?;
    let now = crate::audit::now();
    let dashboard =
        super::dashboard::dashboard(&state.db, &registry, id, query, Lang::Uk, now, analyst)
            .await?
            .ok_or(AppError::NotFound)?;
    if !analyst && dashboard.survey.state == SurveyState::Upcoming {
        return Err(AppError::NotFound);
    }
    if !analyst && !dashboard.survey.public_results {
        return Err(if account.is_some() {
            AppError::Forbidden
        } else {
            AppError::SignInRequired
        });
    }
    Ok(dashboard)
}

fn attachment(id: i64, ext: &str) -> String {
    format!("attachment; filename=\"survey-{id}-dashboard.{ext}\"")
}

async fn dashboard_json(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(query): Query<DashboardQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let dashboard = visible_dashboard(&state, &headers, id, &query).await?;
    Ok((
        [(header::CONTENT_DISPOSITION, attachment(id, "json"))],
        Json(dashboard),
    )
        .into_response())
}

/// One row per figure: `section` (rate, answer, mean, text), the question (empty for rates),
/// the row's label, the group, the count and what it is a share of.
async fn dashboard_csv(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(query): Query<DashboardQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let d = visible_dashboard(&state, &headers, id, &query).await?;
    let mut rows: Vec<[String; 8]> = Vec::new();
    for o in &d.by_oblast {
        rows.push([
            "rate".into(),
            String::new(),
            String::new(),
            o.name.clone(),
            String::new(),
            o.answered.to_string(),
            o.targeted.to_string(),
            percent(o.answered, o.targeted).to_string(),
        ]);
    }
    for q in &d.questions {
        let number = (q.position + 1).to_string();
        for row in &q.rows {
            for (g, group) in d.groups.iter().enumerate() {
                rows.push([
                    "answer".into(),
                    number.clone(),
                    q.text.clone(),
                    row.label.clone(),
                    group.clone(),
                    row.counts[g].to_string(),
                    q.answered[g].to_string(),
                    percent(row.counts[g], q.answered[g]).to_string(),
                ]);
            }
        }
        for (g, group) in d.groups.iter().enumerate() {
            if let Some(mean) = q.means[g] {
                rows.push([
                    "mean".into(),
                    number.clone(),
                    q.text.clone(),
                    format!("{mean:.2}"),
                    group.clone(),
                    String::new(),
                    q.answered[g].to_string(),
                    String::new(),
                ]);
            }
        }
        for answer in &q.texts {
            rows.push([
                "text".into(),
                number.clone(),
                q.text.clone(),
                answer.text.clone(),
                answer.hromada.clone(),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
    }
    let mut writer = csv::Writer::from_writer(Vec::with_capacity(rows.len() * 80));
    let header = [
        "section",
        "question",
        "question_text",
        "label",
        "group",
        "count",
        "of",
        "percent",
    ];
    let written = std::iter::once(header.map(String::from))
        .chain(rows)
        .try_for_each(|row| writer.write_record(&row));
    let body = written
        .map_err(AppError::internal)
        .and_then(|()| writer.into_inner().map_err(AppError::internal))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, attachment(id, "csv")),
        ],
        body,
    )
        .into_response())
}

async fn needs_overview(state: &AppState, query: &NeedsQuery) -> Result<NeedsOverview, AppError> {
    let registry = state.registry().await?;
    Ok(super::needs::storage::overview(&state.db, &registry, query, Lang::Uk).await?)
}

async fn needs_json(
    State(state): State<AppState>,
    Query(query): Query<NeedsQuery>,
) -> Result<Response, AppError> {
    let overview = needs_overview(&state, &query).await?;
    Ok((
        [(
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"needs.json\"",
        )],
        Json(overview),
    )
        .into_response())
}

/// The heat table, one row per oblast and sector: count and mean priority.
async fn needs_csv(
    State(state): State<AppState>,
    Query(query): Query<NeedsQuery>,
) -> Result<Response, AppError> {
    let overview = needs_overview(&state, &query).await?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut written = writer.write_record([
        "oblast_katottg",
        "oblast",
        "sector",
        "needs",
        "mean_priority",
    ]);
    for row in &overview.heat {
        for (sector, cell) in overview.sectors.iter().zip(&row.cells) {
            if written.is_ok() && cell.count > 0 {
                written = writer.write_record([
                    row.oblast.clone(),
                    row.name.clone(),
                    sector.value.clone(),
                    cell.count.to_string(),
                    cell.mean_priority
                        .map(|m| format!("{m:.2}"))
                        .unwrap_or_default(),
                ]);
            }
        }
    }
    let body = written
        .map_err(AppError::internal)
        .and_then(|()| writer.into_inner().map_err(AppError::internal))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"needs.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}
