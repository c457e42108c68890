//! `POST /media/images` takes an upload (multipart: `file`, `alt_uk`, `alt_en`) from an editor or
//! admin; `GET /media/{id}/{width}.{ext}` serves a variant, cacheable for good (an address never
//! changes its bytes).
//!
//! Every refusal is JSON ([`UploadRejection`]) with the field it concerns and the reason in both
//! languages: 401/403 for who may not upload, 413 for a file over the limit, 422 for a file or
//! alt text that is not acceptable, 500 with an error id (and nothing else) for our failures.

use super::process::{check_format, process, ProcessError};
use super::storage::{self, MediaError};
use super::types::{check_alt, UploadProblem, UploadRejection, MAX_UPLOAD_BYTES, UPLOAD_PATH};
use crate::accounts::authz;
use crate::accounts::types::Capability;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use axum::extract::multipart::MultipartError;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use tokio::sync::Semaphore;

/// The largest request body an upload may have: the file and room for the form around it.
pub const MAX_UPLOAD_BODY_BYTES: usize = MAX_UPLOAD_BYTES as usize + 64 * 1024;

/// One image is processed at a time: decoding a 40-megapixel photo takes hundreds of
/// megabytes, and uploads are few (editors only), so a queue costs little.
static PROCESSING: Semaphore = Semaphore::const_new(1);

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            UPLOAD_PATH,
            post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_BODY_BYTES)),
        )
        .route("/media/{id}/{file}", get(serve))
}

fn too_large() -> UploadProblem {
    UploadProblem::TooLarge {
        limit_bytes: MAX_UPLOAD_BYTES,
    }
}

fn rejected(problem: UploadProblem) -> Response {
    let status = match problem {
        UploadProblem::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    (status, Json(UploadRejection::new(problem))).into_response()
}

/// A refusal or failure of the whole request, in JSON like the rest.
fn refused(error: AppError) -> Response {
    let words = |lang: Lang| {
        let t = lang.t();
        match &error {
            AppError::SignInRequired => t.sign_in_required_body.to_string(),
            AppError::Forbidden => t.forbidden_body.to_string(),
            AppError::Internal(id) => format!("{} {}: {id}", t.error_body, t.error_id),
            AppError::NotFound | AppError::Transport => t.error_network.to_string(),
        }
    };
    (error.status(), Json(UploadRejection::form(words))).into_response()
}

fn internal(error: impl std::fmt::Display) -> Response {
    refused(AppError::internal(error))
}

async fn upload(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    // Who is asking comes first: nothing of a refused request is read.
    let account = match authz::require_in_route(&state, &parts, Capability::EditContent).await {
        Ok(account) => account,
        Err(error) => return refused(error),
    };
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > MAX_UPLOAD_BODY_BYTES as u64) {
        return rejected(too_large());
    }
    let Ok(multipart) = Multipart::from_request(Request::from_parts(parts, body), &state).await
    else {
        return rejected(UploadProblem::Unreadable);
    };
    let form = match read_form(multipart).await {
        Ok(form) => form,
        Err(problem) => return rejected(problem),
    };
    // The cheap checks before the costly one: the format by its first bytes, the alt texts.
    if let Err(problem) = check_format(&form.file) {
        return rejected(problem);
    }
    let (alt_uk, alt_en) = match check_alt(&form.alt_uk, &form.alt_en) {
        Ok(alt) => alt,
        Err(problem) => return rejected(problem),
    };
    let processed = {
        let Ok(_turn) = PROCESSING.acquire().await else {
            return internal("the image processing queue is closed");
        };
        let file = form.file;
        tokio::task::spawn_blocking(move || process(&file)).await
    };
    let processed = match processed {
        Ok(Ok(processed)) => processed,
        Ok(Err(ProcessError::Rejected(problem))) => return rejected(problem),
        Ok(Err(error @ ProcessError::Internal(_))) => return internal(error),
        Err(panicked) => return internal(panicked),
    };
    match storage::save(&state.db, &account.actor(), &processed, &alt_uk, &alt_en).await {
        Ok(image) => {
            tracing::info!(account = account.id, image = image.id, "image uploaded");
            (StatusCode::CREATED, Json(image)).into_response()
        }
        Err(MediaError::Invalid(problem)) => rejected(problem),
        Err(error) => internal(error),
    }
}

#[derive(Default)]
struct UploadForm {
    file: Vec<u8>,
    alt_uk: String,
    alt_en: String,
}

fn unreadable(error: MultipartError) -> UploadProblem {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large()
    } else {
        UploadProblem::Unreadable
    }
}

/// The form's fields; the file no larger than the limit, read as it arrives. Other fields are
/// skipped; of several files, the first counts.
async fn read_form(mut multipart: Multipart) -> Result<UploadForm, UploadProblem> {
    let mut form = UploadForm::default();
    let mut file_seen = false;
    while let Some(mut field) = multipart.next_field().await.map_err(unreadable)? {
        match field.name() {
            Some("file") if !file_seen => {
                file_seen = true;
                while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
                    if (form.file.len() + chunk.len()) as u64 > MAX_UPLOAD_BYTES {
                        return Err(too_large());
                    }
                    form.file.extend_from_slice(&chunk);
                }
            }
            Some("alt_uk") => form.alt_uk = field.text().await.map_err(unreadable)?,
            Some("alt_en") => form.alt_en = field.text().await.map_err(unreadable)?,
            _ => {}
        }
    }
    Ok(form)
}

/// `/media/{id}/{width}.{ext}`: anything else is not found.
async fn serve(
    State(state): State<AppState>,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (width, ext) = file.split_once('.').ok_or(AppError::NotFound)?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let width: u32 = width.parse().map_err(|_| AppError::NotFound)?;
    let (content_type, bytes) = storage::variant(&state.db, id, width)
        .await?
        .ok_or(AppError::NotFound)?;
    if storage::extension(&content_type) != ext {
        return Err(AppError::NotFound);
    }
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (
                header::CACHE_CONTROL,
                "public, max-age=31536000, immutable".to_string(),
            ),
        ],
        bytes,
    )
        .into_response())
}
