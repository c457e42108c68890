//! The hromada registry: oblasts, raions and the 1,774 hromadas everything else points at.

pub mod api;
pub mod contacts;
pub mod pages;
pub mod types;

#[cfg(feature = "ssr")]
pub mod cache;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod import;
#[cfg(feature = "ssr")]
pub mod index;
#[cfg(feature = "ssr")]
pub mod neighbours;
#[cfg(feature = "ssr")]
pub mod storage;
#[cfg(feature = "ssr")]
pub mod text;
