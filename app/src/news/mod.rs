//! News: items with lead, Markdown body, tags, source and the hromadas they concern; lists,
//! tag pages, full-text search in Ukrainian, feeds.

pub mod api;
pub mod edit;
pub mod pages;
pub mod texts;
pub mod types;

#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod feed;
#[cfg(feature = "ssr")]
pub mod storage;
#[cfg(feature = "ssr")]
pub mod text;
