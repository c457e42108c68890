//! `POST /media/images` takes an upload (multipart: `file`, `alt_uk`, `alt_en`) from an editor or
//! admin; `GET /media/{id}/{width}.{ext}` serves a variant, cacheable for good (an address never
//! changes its bytes). `POST /media/documents` takes a PDF (multipart: `file`, `title`) from an
//! analyst or admin; `GET /media/documents/{id}/{name}.pdf` serves it.
//!
//! Every refusal is JSON ([`UploadRejection`]) with the field it concerns and the reason in both
//! languages: 401/403 for who may not upload, 413 for a file over the limit, 422 for a file or
//! alt text that is not acceptable, 500 with an error id (and nothing else) for our failures.

use super::documents::{self, DocumentError};
use super::process::{check_format, process, ProcessError};
use super::storage::{self, MediaError};
use super::types::{
    check_alt, check_document_title, UploadProblem, UploadRejection, DOCUMENT_UPLOAD_PATH,
    MAX_DOCUMENT_BYTES, MAX_UPLOAD_BYTES, UPLOAD_PATH,
};
use crate::accounts::authz;
use crate::accounts::types::{Account, Capability};
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

/// The largest request body an upload of a file up to `file_bytes` may have: the file and room
/// for the form around it.
const fn body_limit(file_bytes: u64) -> usize {
    file_bytes as usize + 64 * 1024
}

/// One image is processed at a time: decoding a 40-megapixel photo takes hundreds of
/// megabytes, and uploads are few (editors only), so a queue costs little.
static PROCESSING: Semaphore = Semaphore::const_new(1);

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            UPLOAD_PATH,
            post(upload).layer(DefaultBodyLimit::max(body_limit(MAX_UPLOAD_BYTES))),
        )
        .route("/media/{id}/{file}", get(serve))
        .route(
            DOCUMENT_UPLOAD_PATH,
            post(upload_document).layer(DefaultBodyLimit::max(body_limit(MAX_DOCUMENT_BYTES))),
        )
        .route("/media/documents/{id}/{file}", get(serve_document))
}

fn too_large(limit_bytes: u64) -> UploadProblem {
    UploadProblem::TooLarge { limit_bytes }
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

/// What every upload does first: who is asking (nothing of a refused request is read), then
/// the declared and the real size, then the form's fields.
async fn receive(
    state: &AppState,
    request: Request,
    capability: Capability,
    limit_bytes: u64,
) -> Result<(Account, UploadForm), Response> {
    let (parts, body) = request.into_parts();
    let account = authz::require_in_route(state, &parts, capability)
        .await
        .map_err(refused)?;
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > body_limit(limit_bytes) as u64) {
        return Err(rejected(too_large(limit_bytes)));
    }
    let Ok(multipart) = Multipart::from_request(Request::from_parts(parts, body), state).await
    else {
        return Err(rejected(UploadProblem::Unreadable));
    };
    let form = read_form(multipart, limit_bytes).await.map_err(rejected)?;
    Ok((account, form))
}

async fn upload(State(state): State<AppState>, request: Request) -> Response {
    let (account, form) =
        match receive(&state, request, Capability::EditContent, MAX_UPLOAD_BYTES).await {
            Ok(received) => received,
            Err(response) => return response,
        };
    // The cheap checks before the costly one: the format by its first bytes, the alt texts.
    if let Err(problem) = check_format(&form.file) {
        return rejected(problem);
    }
    let (alt_uk, alt_en) = match check_alt(form.text("alt_uk"), form.text("alt_en")) {
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

/// The text fields every upload form may carry; others are skipped.
const TEXT_FIELDS: [&str; 3] = ["alt_uk", "alt_en", "title"];
/// A text field longer than this is not one of ours.
const MAX_TEXT_FIELD_BYTES: usize = 8 * 1024;

#[derive(Default)]
struct UploadForm {
    file: Vec<u8>,
    texts: Vec<(&'static str, String)>,
}

impl UploadForm {
    /// A text field's value; empty when it was not sent.
    fn text(&self, name: &str) -> &str {
        self.texts
            .iter()
            .find(|(field, _)| *field == name)
            .map_or("", |(_, value)| value)
    }
}

fn unreadable(limit_bytes: u64) -> impl Fn(MultipartError) -> UploadProblem {
    move |error| {
        if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large(limit_bytes)
        } else {
            UploadProblem::Unreadable
        }
    }
}

/// The form's fields; the file no larger than `limit_bytes`, read as it arrives. Unknown fields
/// are skipped; of several files, the first counts.
async fn read_form(
    mut multipart: Multipart,
    limit_bytes: u64,
) -> Result<UploadForm, UploadProblem> {
    let mut form = UploadForm::default();
    let mut file_seen = false;
    let unreadable = unreadable(limit_bytes);
    while let Some(mut field) = multipart.next_field().await.map_err(&unreadable)? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" && !file_seen {
            file_seen = true;
            while let Some(chunk) = field.chunk().await.map_err(&unreadable)? {
                if (form.file.len() + chunk.len()) as u64 > limit_bytes {
                    return Err(too_large(limit_bytes));
                }
                form.file.extend_from_slice(&chunk);
            }
        } else if let Some(known) = TEXT_FIELDS.iter().find(|known| **known == name) {
            let value = field.text().await.map_err(&unreadable)?;
            if value.len() > MAX_TEXT_FIELD_BYTES {
                return Err(UploadProblem::Unreadable);
            }
            form.texts.push((known, value));
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

/// Checks a PDF (parsing it, one at a time like images) and stores it under its title.
async fn upload_document(State(state): State<AppState>, request: Request) -> Response {
    let (account, form) = match receive(
        &state,
        request,
        Capability::RunAnalytics,
        MAX_DOCUMENT_BYTES,
    )
    .await
    {
        Ok(received) => received,
        Err(response) => return response,
    };
    let title = match check_document_title(form.text("title")) {
        Ok(title) => title,
        Err(problem) => return rejected(problem),
    };
    let checked = {
        let Ok(_turn) = PROCESSING.acquire().await else {
            return internal("the processing queue is closed");
        };
        let file = form.file;
        tokio::task::spawn_blocking(move || documents::check_pdf(&file).map(|pages| (file, pages)))
            .await
    };
    let (file, pages) = match checked {
        Ok(Ok(checked)) => checked,
        Ok(Err(problem)) => return rejected(problem),
        Err(panicked) => return internal(panicked),
    };
    match documents::save(&state.db, &account.actor(), &file, pages, &title).await {
        Ok(document) => {
            tracing::info!(
                account = account.id,
                document = document.id,
                "document uploaded"
            );
            (StatusCode::CREATED, Json(document)).into_response()
        }
        Err(DocumentError::Invalid(problem)) => rejected(problem),
        Err(error) => internal(error),
    }
}

/// `/media/documents/{id}/{name}.pdf`, shown in the browser's own viewer; the name is checked
/// so that an address names one file only.
async fn serve_document(
    State(state): State<AppState>,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let (name, bytes) = documents::file(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if file != format!("{name}.pdf") {
        return Err(AppError::NotFound);
    }
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{name}.pdf\""),
            ),
            (
                header::CACHE_CONTROL,
                "public, max-age=31536000, immutable".to_string(),
            ),
        ],
        bytes,
    )
        .into_response())
}
