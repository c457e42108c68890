//! A call's published results, and for those who manage calls its evaluation ranking, as CSV and
//! JSON: `/partnerships/calls/{id}/results.csv|json` (anyone, once the results are published) and
//! `/edit/calls/{id}/ranking.csv|json` (admins, at any phase, with the live page's figures).

use super::storage::evaluation;
use super::types::{CallEvaluation, Criterion, ResultRow};
use crate::accounts::session::account_from_headers;
use crate::accounts::types::Capability;
use crate::common::show_number;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/partnerships/calls/{id}/results.csv", get(results_csv))
        .route("/partnerships/calls/{id}/results.json", get(results_json))
        .route("/edit/calls/{id}/ranking.csv", get(ranking_csv))
        .route("/edit/calls/{id}/ranking.json", get(ranking_json))
}

fn attachment(name: String) -> (header::HeaderName, String) {
    (
        header::CONTENT_DISPOSITION,
        format!("attachment; filename=\"{name}\""),
    )
}

fn csv_download(
    name: String,
    rows: impl IntoIterator<Item = Vec<String>>,
) -> Result<Response, AppError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    rows.into_iter()
        .try_for_each(|row| writer.write_record(&row))
        .map_err(AppError::internal)?;
    let body = writer.into_inner().map_err(AppError::internal)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            attachment(name),
        ],
        body,
    )
        .into_response())
}

fn score(value: f64) -> String {
    show_number(value, false)
}

fn members(row: &[crate::common::HromadaLink]) -> String {
    row.iter()
        .map(|m| format!("{} ({})", m.name, m.katottg))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The call's criteria and published results, as a visitor reads them on its page; a call
/// without results is not found.
async fn published(
    state: &AppState,
    id: i64,
) -> Result<(Vec<Criterion>, Vec<ResultRow>), AppError> {
    let registry = state.registry().await?;
    let page = super::storage::call_page(&state.db, &registry, id, Lang::Uk, None, false)
        .await?
        .filter(|page| !page.results.is_empty())
        .ok_or(AppError::NotFound)?;
    Ok((page.criteria, page.results))
}

async fn results_json(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (_, rows) = published(&state, id).await?;
    Ok(([attachment(format!("call-{id}-results.json"))], Json(rows)).into_response())
}

/// One row per application by place, a column per criterion's mean.
async fn results_csv(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (criteria, rows) = published(&state, id).await?;
    let header: Vec<String> = ["place", "application", "title", "hromadas", "score"]
        .into_iter()
        .map(String::from)
        .chain(criteria.iter().map(|c| c.name.clone()))
        .chain(["grant_uah", "outcome", "reason"].map(String::from))
        .collect();
    let lines = rows.iter().map(|r| {
        [
            r.place.to_string(),
            r.application.to_string(),
            r.title.clone(),
            members(&r.members),
            score(r.total),
        ]
        .into_iter()
        .chain(r.means.iter().map(|m| score(*m)))
        .chain([
            r.grant.to_string(),
            r.outcome.as_str().to_string(),
            r.reason.clone(),
        ])
        .collect::<Vec<String>>()
    });
    csv_download(
        format!("call-{id}-results.csv"),
        std::iter::once(header).chain(lines),
    )
}

/// The evaluation as the admin's page shows it; others are refused as the page refuses them.
async fn visible_ranking(
    state: &AppState,
    headers: &HeaderMap,
    id: i64,
) -> Result<CallEvaluation, AppError> {
    match account_from_headers(state, headers).await? {
        None => return Err(AppError::SignInRequired),
        Some(a) if !Capability::ManageCalls.granted_to(&a.roles) => {
            return Err(AppError::Forbidden)
        }
        Some(_) => {}
    }
    let registry = state.registry().await?;
    evaluation::call_evaluation(&state.db, &registry, id, Lang::Uk)
        .await?
        .ok_or(AppError::NotFound)
}

async fn ranking_json(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let evaluation = visible_ranking(&state, &headers, id).await?;
    Ok((
        [attachment(format!("call-{id}-ranking.json"))],
        Json(evaluation),
    )
        .into_response())
}

/// One row per application in the ranking's order, a column per criterion's mean.
async fn ranking_csv(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let evaluation = visible_ranking(&state, &headers, id).await?;
    let header: Vec<String> = ["place", "application", "title", "hromadas", "score"]
        .into_iter()
        .map(String::from)
        .chain(evaluation.criteria.iter().map(|c| c.name.clone()))
        .chain(
            [
                "evaluations",
                "pending",
                "grant_uah",
                "below_threshold",
                "below_pass_mark",
                "spread",
                "proposal",
            ]
            .map(String::from),
        )
        .collect();
    let named = |positions: &[usize]| {
        positions
            .iter()
            .filter_map(|p| evaluation.criteria.get(*p).map(|c| c.name.clone()))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let lines = evaluation.applications.iter().map(|a| {
        let r = &a.ranked;
        [
            r.place.map(|p| p.to_string()).unwrap_or_default(),
            a.id.to_string(),
            a.title.clone(),
            members(&a.members),
            score(r.total),
        ]
        .into_iter()
        .chain(r.means.iter().map(|m| score(*m)))
        .chain([
            r.evaluations.to_string(),
            r.pending.to_string(),
            r.grant.to_string(),
            named(&r.below_criteria),
            r.below_total.to_string(),
            named(&r.spread),
            if r.complete {
                r.proposal.as_str().to_string()
            } else {
                String::new()
            },
        ])
        .collect::<Vec<String>>()
    });
    csv_download(
        format!("call-{id}-ranking.csv"),
        std::iter::once(header).chain(lines),
    )
}
