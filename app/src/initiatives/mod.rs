//! Initiatives: the programmes and projects the platform serves, with their directions,
//! partners, places and news.

pub mod api;
pub mod edit;
pub mod pages;
pub mod texts;
pub mod types;

#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod storage;
