//! PDF attachments: accepted only when they parse as a whole, unencrypted PDF with pages and no
//! active content (scripts, launch actions, embedded files, XFA forms), and kept in the database
//! like images. The same file again is the same document, under the newest title.

use super::types::{check_document_title, DocumentRef, UploadProblem, MAX_DOCUMENT_BYTES};
use crate::audit::{now, Actor};
use crate::db::Db;
use crate::{audit, on_db};
use lopdf::{Document, Object};
use sha2::{Digest, Sha256};

/// Keys whose presence anywhere makes a PDF run something or carry another file.
const ACTIVE_KEYS: [&[u8]; 6] = [
    b"JS",
    b"JavaScript",
    b"EmbeddedFiles",
    b"EmbeddedFile",
    b"XFA",
    b"RichMediaContent",
];
/// Action types (`/S`) that do the same.
const ACTIVE_ACTIONS: [&[u8]; 5] = [
    b"JavaScript",
    b"Launch",
    b"ImportData",
    b"RichMediaExecute",
    b"GoToE",
];

/// Whether `object`, or anything written inside it (an inline `/OpenAction << … >>`, say),
/// runs something or carries another file.
fn is_active(object: &Object) -> bool {
    let dictionary = match object {
        Object::Dictionary(dictionary) => dictionary,
        Object::Stream(stream) => &stream.dict,
        Object::Array(items) => return items.iter().any(is_active),
        _ => return false,
    };
    let name_is = |key: &[u8], names: &[&[u8]]| {
        dictionary
            .get(key)
            .and_then(Object::as_name)
            .is_ok_and(|name| names.contains(&name))
    };
    ACTIVE_KEYS.iter().any(|key| dictionary.has(key))
        || name_is(b"S", &ACTIVE_ACTIONS)
        || name_is(b"Type", &[b"EmbeddedFile", b"Filespec"])
        || dictionary.iter().any(|(_, value)| is_active(value))
}

/// The number of pages of an acceptable PDF, or why it is not acceptable.
pub fn check_pdf(bytes: &[u8]) -> Result<u32, UploadProblem> {
    if bytes.is_empty() {
        return Err(UploadProblem::MissingFile);
    }
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(UploadProblem::TooLarge {
            limit_bytes: MAX_DOCUMENT_BYTES,
        });
    }
    // The header may follow a little junk (readers allow 1 KB), never be absent.
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(UploadProblem::NotAPdf);
    }
    // A whole file ends with its end-of-file marker (a little trailing junk is tolerated).
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(UploadProblem::Corrupt);
    }
    let raw_encrypted = bytes.windows(8).any(|w| w == b"/Encrypt");
    let document = match Document::load_mem(bytes) {
        Ok(document) => document,
        Err(_) if raw_encrypted => return Err(UploadProblem::Encrypted),
        Err(_) => return Err(UploadProblem::Corrupt),
    };
    if document.is_encrypted() || document.was_encrypted() {
        return Err(UploadProblem::Encrypted);
    }
    if document.objects.values().any(is_active) {
        return Err(UploadProblem::ActiveContent);
    }
    let pages = document.get_pages();
    // Every page the tree names must be there: a damaged file can name pages it lost.
    let whole = pages
        .values()
        .all(|&page| document.get_object(page).and_then(Object::as_dict).is_ok());
    if pages.is_empty() || !whole {
        return Err(UploadProblem::Corrupt);
    }
    Ok(u32::try_from(pages.len()).unwrap_or(u32::MAX))
}

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error(transparent)]
    Invalid(#[from] UploadProblem),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

type Row = (i64, String, i64, i64);

fn reference((id, title, size_bytes, pages): Row) -> DocumentRef {
    DocumentRef {
        file_name: crate::news::text::slugify(&title),
        id,
        title,
        size_bytes: size_bytes.max(0) as u64,
        pages: pages.clamp(0, i64::from(u32::MAX)) as u32,
    }
}

/// Stores a checked PDF (`pages` from [`check_pdf`]) under `title`, with its audit entry.
pub async fn save(
    db: &Db,
    actor: &Actor,
    bytes: &[u8],
    pages: u32,
    title: &str,
) -> Result<DocumentRef, DocumentError> {
    let title = check_document_title(title)?;
    let sha256 = format!("{:x}", Sha256::digest(bytes));
    let row: Row = on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        let row: Row = sqlx::query_as(
            "INSERT INTO documents (sha256, title, size_bytes, pages, bytes, uploaded_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (sha256) DO UPDATE SET title = excluded.title \
             RETURNING id, title, size_bytes, pages",
        )
        .bind(&sha256)
        .bind(&title)
        .bind(bytes.len() as i64)
        .bind(i64::from(pages))
        .bind(bytes)
        .bind(actor.id())
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        let summary = format!("«{title}», {pages} pages, {} bytes", bytes.len());
        audit!(&mut *tx, actor, "document", row.0, "upload", summary)?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(row)
    })?;
    Ok(reference(row))
}

/// The documents with these ids, in the order given; unknown ids are left out.
pub async fn by_ids(db: &Db, ids: &[i64]) -> Result<Vec<DocumentRef>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id, title, size_bytes, pages FROM documents WHERE id IN ({})",
        crate::db::placeholders(ids.len())
    );
    let rows: Vec<Row> = on_db!(db, read, |pool| {
        let mut query = sqlx::query_as(&sql);
        for id in ids {
            query = query.bind(id);
        }
        query.fetch_all(pool).await
    })?;
    Ok(ids
        .iter()
        .filter_map(|id| rows.iter().find(|row| row.0 == *id).cloned())
        .map(reference)
        .collect())
}

/// A document's file name and bytes.
pub async fn file(db: &Db, id: i64) -> Result<Option<(String, Vec<u8>)>, sqlx::Error> {
    let found: Option<(String, Vec<u8>)> = on_db!(db, read, |pool| sqlx::query_as(
        "SELECT title, bytes FROM documents WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(pool)
    .await)?;
    Ok(found.map(|(title, bytes)| (crate::news::text::slugify(&title), bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::testing::pdf;

    #[test]
    fn a_plain_pdf_is_accepted_with_its_pages() {
        assert_eq!(check_pdf(&pdf(3, "")), Ok(3));
    }

    #[test]
    fn what_is_not_a_whole_plain_pdf_is_refused() {
        assert_eq!(check_pdf(b""), Err(UploadProblem::MissingFile));
        assert_eq!(
            check_pdf(b"\x89PNG\r\n\x1a\n...."),
            Err(UploadProblem::NotAPdf)
        );
        let whole = pdf(1, "");
        for cut in [whole.len() / 3, whole.len() - 8] {
            assert_eq!(check_pdf(&whole[..cut]), Err(UploadProblem::Corrupt));
        }
        let script = pdf(1, "/OpenAction << /S /JavaScript /JS (app.alert(1)) >>");
        assert_eq!(check_pdf(&script), Err(UploadProblem::ActiveContent));
        let launch = pdf(1, "/OpenAction << /S /Launch /F (calc.exe) >>");
        assert_eq!(check_pdf(&launch), Err(UploadProblem::ActiveContent));
        let deep = pdf(
            1,
            "/Names << /Tree [ << /Kids [ << /S /JavaScript >> ] >> ] >>",
        );
        assert_eq!(check_pdf(&deep), Err(UploadProblem::ActiveContent));
        let mut large = whole.clone();
        large.resize(MAX_DOCUMENT_BYTES as usize + 1, b' ');
        assert!(matches!(
            check_pdf(&large),
            Err(UploadProblem::TooLarge { .. })
        ));
    }
}
