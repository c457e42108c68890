//! RSS for all news (`/news.rss`) and per tag (`/news/tag/{tag}/feed.rss`); `sitemap.xml` and
//! `robots.txt`, which need the site's public address.

use super::storage;
use crate::audit::now;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use rss::{ChannelBuilder, GuidBuilder, ItemBuilder};

pub const FEED_LENGTH: i64 = 50;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/news.rss", get(all_news))
        .route("/news/tag/{tag}/feed.rss", get(tag_news))
        .route("/sitemap.xml", get(sitemap))
        .route("/robots.txt", get(robots))
}

async fn all_news(State(state): State<AppState>) -> Result<Response, AppError> {
    feed(&state, None, "Спільно — новини".to_string()).await
}

async fn tag_news(
    State(state): State<AppState>,
    Path(tag): Path<String>,
) -> Result<Response, AppError> {
    let found = storage::tag(&state.db, &tag)
        .await?
        .ok_or(AppError::NotFound)?;
    feed(
        &state,
        Some(&found.slug),
        format!("Спільно — {}", found.name_uk),
    )
    .await
}

fn rfc2822(unix_seconds: i64) -> String {
    jiff::Timestamp::from_second(unix_seconds)
        .map(|t| {
            jiff::fmt::rfc2822::to_string(&t.to_zoned_datetime(jiff::tz::TimeZone::UTC))
                .unwrap_or_default()
        })
        .unwrap_or_default()
}

async fn feed(state: &AppState, tag: Option<&str>, title: String) -> Result<Response, AppError> {
    let base = &state.public_url;
    let items = storage::latest(&state.db, tag, FEED_LENGTH, now())
        .await?
        .into_iter()
        .map(|(slug, title, lead, published)| {
            let link = format!("{base}/news/{slug}");
            ItemBuilder::default()
                .title(Some(title))
                .link(Some(link.clone()))
                .description(Some(lead))
                .pub_date(Some(rfc2822(published)))
                .guid(Some(
                    GuidBuilder::default().value(link).permalink(true).build(),
                ))
                .build()
        })
        .collect::<Vec<_>>();
    let channel = ChannelBuilder::default()
        .title(title)
        .link(match tag {
            Some(tag) => format!("{base}/news/tag/{tag}"),
            None => format!("{base}/news"),
        })
        .description("Розвиток громад через аналітику, діалог та співпрацю".to_string())
        .language(Some("uk".to_string()))
        .items(items)
        .build();
    Ok((
        [(header::CONTENT_TYPE, "application/rss+xml; charset=utf-8")],
        channel.to_string(),
    )
        .into_response())
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

async fn sitemap(State(state): State<AppState>) -> Result<Response, AppError> {
    let base = xml_escape(&state.public_url);
    let registry = state.registry().await?;
    let mut urls: Vec<(String, Option<String>)> = [
        "",
        "/news",
        "/initiatives",
        "/analytics",
        "/partnerships",
        "/dialogue",
        "/hromadas",
    ]
    .iter()
    .map(|path| (format!("{base}{path}"), None))
    .collect();
    for (slug, updated) in storage::sitemap_entries(&state.db, now()).await? {
        let day = crate::clock::kyiv_minutes(updated)[..10].to_string();
        urls.push((format!("{base}/news/{slug}"), Some(day)));
    }
    for (slug, updated) in crate::initiatives::storage::sitemap_entries(&state.db).await? {
        let day = crate::clock::kyiv_minutes(updated)[..10].to_string();
        urls.push((format!("{base}/initiatives/{slug}"), Some(day)));
    }
    for (id, updated) in crate::publications::storage::sitemap_entries(&state.db).await? {
        let day = crate::clock::kyiv_minutes(updated)[..10].to_string();
        urls.push((format!("{base}/analytics/publications/{id}"), Some(day)));
    }
    urls.extend(
        registry
            .codes()
            .map(|code| (format!("{base}/hromadas/{code}"), None)),
    );
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (loc, modified) in urls {
        xml.push_str("<url><loc>");
        xml.push_str(&loc);
        xml.push_str("</loc>");
        if let Some(day) = modified {
            xml.push_str("<lastmod>");
            xml.push_str(&day);
            xml.push_str("</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    Ok((
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        xml,
    )
        .into_response())
}

async fn robots(State(state): State<AppState>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!(
            "User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /admin/\nDisallow: /edit/\nDisallow: /account\n\nSitemap: {}/sitemap.xml\n",
            state.public_url
        ),
    )
        .into_response()
}
