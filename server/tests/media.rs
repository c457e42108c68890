//! Image upload through the whole app, on both databases: who may upload, what is refused and
//! why, and what is served afterwards (variants without EXIF, cacheable for good).

mod common;

use app::accounts::types::Role;
use app::audit::{self, AuditFilter};
use app::db::Db;
use app::media::testing;
use app::media::types::{ImageRef, UploadProblem, UploadRejection, MAX_UPLOAD_BYTES, UPLOAD_PATH};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{app, get, request, signed_in, with_registry};

/// What the upload form sends: the file (its name, bytes) if chosen, and the alt texts.
fn upload(
    cookie: Option<&str>,
    file: Option<(&str, &[u8])>,
    alt_uk: &str,
    alt_en: &str,
) -> Request<Body> {
    common::multipart(
        UPLOAD_PATH,
        cookie,
        file.map(|(name, bytes)| (name, "image/jpeg", bytes)),
        &[("alt_uk", alt_uk), ("alt_en", alt_en)],
    )
}

fn rejection(page: &common::Page) -> UploadRejection {
    serde_json::from_str(&page.body)
        .unwrap_or_else(|e| panic!("a JSON reason ({e}): {} {}", page.status, page.body))
}

async fn image_audit(db: &Db) -> Vec<audit::AuditEntry> {
    let filter = AuditFilter {
        entity: "image".into(),
        ..AuditFilter::default()
    };
    audit::search(db, &filter).await.unwrap().entries
}

on_both_databases! {
    async fn uploads_are_refused_with_a_reason(db: Db) {
        with_registry(&db).await;
        let app = app(db.clone());
        let photo = testing::jpeg(800, 600);
        let (_, editor) = signed_in(&db, Role::Editor).await;
        let (_, representative) = signed_in(&db, Role::Representative).await;

        let visitor = request(&app, upload(None, Some(("photo.jpg", &photo)), "Фото", "")).await;
        assert_eq!(visitor.status, StatusCode::UNAUTHORIZED);
        assert_eq!(rejection(&visitor).field, "form");
        let refused = request(&app, upload(Some(&representative), Some(("photo.jpg", &photo)), "Фото", "")).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
        assert!(rejection(&refused).message_en.contains("role"));

        let fake = request(&app, upload(Some(&editor), Some(("photo.jpg", b"Not a photo at all, only its name is.\n")), "Фото", "")).await;
        assert_eq!(fake.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", fake.body);
        let reason = rejection(&fake);
        assert_eq!(reason.field, "file");
        assert_eq!(reason.problem, Some(UploadProblem::NotAnImage { looks_like: Some("TXT".into()) }));
        assert!(reason.message_uk.starts_with("Це не зображення JPEG, PNG чи WebP"), "{}", reason.message_uk);

        let gif = request(&app, upload(Some(&editor), Some(("photo.jpg", b"GIF89a\x01\x00\x01\x00\x80\x00\x00")), "Фото", "")).await;
        assert!(rejection(&gif).message_en.contains("looks like GIF"), "{}", gif.body);
        let damaged = request(&app, upload(Some(&editor), Some(("photo.jpg", &photo[..photo.len() / 3])), "Фото", "")).await;
        assert_eq!((damaged.status, rejection(&damaged).problem), (StatusCode::UNPROCESSABLE_ENTITY, Some(UploadProblem::Corrupt)));

        // Over the limit by one byte: read up to the limit and refused.
        let mut oversized = photo.clone();
        oversized.resize(MAX_UPLOAD_BYTES as usize + 1, 0);
        let too_large = request(&app, upload(Some(&editor), Some(("big.jpg", &oversized)), "Фото", "")).await;
        assert_eq!(too_large.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", too_large.body);
        let reason = rejection(&too_large);
        assert_eq!((reason.field.as_str(), reason.problem), ("file", Some(UploadProblem::TooLarge { limit_bytes: MAX_UPLOAD_BYTES })));
        assert!(reason.message_uk.contains("10 МБ") && reason.message_en.contains("10 MB"));
        // Far over it, as the request's length says: refused before it is read.
        oversized.resize(12 * 1024 * 1024, 0);
        let mut declared = upload(Some(&editor), Some(("big.jpg", &oversized)), "Фото", "");
        let length = oversized.len() + 400;
        declared.headers_mut().insert(header::CONTENT_LENGTH, length.into());
        let early = request(&app, declared).await;
        assert_eq!((early.status, rejection(&early).field.as_str()), (StatusCode::PAYLOAD_TOO_LARGE, "file"));

        let no_alt = request(&app, upload(Some(&editor), Some(("photo.jpg", &photo)), "  ", "A photo")).await;
        assert_eq!((no_alt.status, rejection(&no_alt).field.as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "alt_uk"));
        let no_file = request(&app, upload(Some(&editor), None, "Фото", "")).await;
        assert_eq!(rejection(&no_file).problem, Some(UploadProblem::MissingFile));
        let not_multipart = request(&app, common::form(UPLOAD_PATH, "alt_uk=x", Some(&editor))).await;
        assert_eq!((not_multipart.status, rejection(&not_multipart).field.as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "file"));

        let mut cross_site = upload(Some(&editor), Some(("photo.jpg", &photo)), "Фото", "");
        cross_site.headers_mut().remove("sec-fetch-site");
        assert_eq!(request(&app, cross_site).await.status, StatusCode::FORBIDDEN);

        assert!(image_audit(&db).await.is_empty(), "nothing refused was stored");
        let other = request(&app, Request::post("/api/anything").header("sec-fetch-site", "same-origin").header(header::CONTENT_LENGTH, 2 * 1024 * 1024).body(Body::from(vec![b'a'; 2 * 1024 * 1024])).unwrap()).await;
        assert_eq!(other.status, StatusCode::PAYLOAD_TOO_LARGE, "every other request keeps the 1 MB limit");
    }
}

on_both_databases! {
    async fn an_editor_uploads_a_photo_and_its_variants_are_served(db: Db) {
        with_registry(&db).await;
        let app = app(db.clone());
        let (editor_id, editor) = signed_in(&db, Role::Editor).await;
        // 2000 × 1000 with EXIF (GPS, orientation 6): stored upright, 1000 × 2000.
        let photo = testing::with_exif(&testing::jpeg(2000, 1000), 6);

        let created = request(&app, upload(Some(&editor), Some(("IMG_0001.JPG", &photo)), " Засідання ради громади ", "")).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let image: ImageRef = serde_json::from_str(&created.body).unwrap();
        assert_eq!((image.width, image.height, image.widths.clone(), image.ext.as_str()), (1000, 2000, vec![480, 960, 1000], "jpg"));
        assert_eq!(image.alt_uk, "Засідання ради громади");

        for width in &image.widths {
            let src = image.src(*width);
            assert!(image.srcset().contains(&format!("{src} {width}w")));
            let variant = get(&app, &src).await;
            assert_eq!(variant.status, StatusCode::OK, "{src}");
            assert_eq!(variant.headers[header::CONTENT_TYPE], "image/jpeg");
            assert_eq!(variant.headers[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
            assert_eq!(variant.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
            assert!(variant.bytes.starts_with(&[0xFF, 0xD8, 0xFF]));
            assert!(!variant.bytes.windows(4).any(|w| w == b"Exif"), "{src} carries no EXIF");
        }

        let entries = image_audit(&db).await;
        assert_eq!(entries.len(), 1);
        assert_eq!((entries[0].action.as_str(), entries[0].actor_id, entries[0].entity_id.clone()), ("upload", Some(editor_id), image.id.to_string()));

        // The same file again is the same image, with the new description.
        let again = request(&app, upload(Some(&editor), Some(("copy.jpg", &photo)), "Сесія ради", "Council session")).await;
        assert_eq!(again.status, StatusCode::CREATED);
        let same: ImageRef = serde_json::from_str(&again.body).unwrap();
        assert_eq!((same.id, same.alt_uk.as_str(), same.alt_en.as_str()), (image.id, "Сесія ради", "Council session"));
        let actions: Vec<String> = image_audit(&db).await.into_iter().map(|e| e.action).collect();
        assert_eq!(actions, vec!["set-alt", "upload"]);
        let unchanged = request(&app, upload(Some(&editor), Some(("copy.jpg", &photo)), "Сесія ради", "Council session")).await;
        assert_eq!(unchanged.status, StatusCode::CREATED);
        assert_eq!(image_audit(&db).await.len(), 2, "nothing changed, nothing recorded");

        // A file over the 1 MB limit of other requests (and axum's default 2 MB) but within 10 MB.
        let mut padded = testing::jpeg(640, 480);
        padded.resize(3 * 1024 * 1024, 0);
        let large = request(&app, upload(Some(&editor), Some(("large.jpg", &padded)), "Велике фото", "")).await;
        assert_eq!(large.status, StatusCode::CREATED, "{}", large.body);

        // An admin's PNG with transparency stays PNG.
        let (_, admin) = signed_in(&db, Role::Admin).await;
        let logo = request(&app, upload(Some(&admin), Some(("logo.png", &testing::png_with_transparency(300, 120))), "Логотип", "")).await;
        assert_eq!(logo.status, StatusCode::CREATED, "{}", logo.body);
        let logo: ImageRef = serde_json::from_str(&logo.body).unwrap();
        assert_eq!((logo.ext.as_str(), logo.widths.clone()), ("png", vec![300]));
        assert_eq!(get(&app, &logo.largest_src()).await.headers[header::CONTENT_TYPE], "image/png");

        let listed = app::media::storage::by_ids(&db, &[logo.id, 999_999, image.id]).await.unwrap();
        assert_eq!(listed.iter().map(|i| i.id).collect::<Vec<_>>(), vec![logo.id, image.id], "in the order asked; unknown ids left out");
        assert_eq!(listed[1], same);

        for missing in [
            "/media/999999/480.jpg".to_string(),
            format!("/media/{}/480.png", image.id),
            format!("/media/{}/1600.jpg", image.id),
            format!("/media/{}/480", image.id),
            "/media/abc/480.jpg".to_string(),
        ] {
            assert_eq!(get(&app, &missing).await.status, StatusCode::NOT_FOUND, "{missing}");
        }
    }
}
