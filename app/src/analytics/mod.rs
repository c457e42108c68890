//! The analytical centre: needs surveys (built by analysts, answered by hromadas' representatives)
//! with live dashboards, sectoral dialogues, and hromadas' needs by oblast and sector.

pub mod api;
pub mod dialogue_pages;
pub mod dialogues;
pub mod edit;
pub mod needs;
pub mod needs_pages;
pub mod pages;
pub mod texts;
pub mod types;
pub mod validate;

#[cfg(feature = "ssr")]
pub mod dashboard;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod storage;
