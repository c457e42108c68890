//! Publications of the analytical centre: analytical notes, methodological materials and
//! recommendations, with their evidence (surveys, dialogues, needs), PDF attachments and, for
//! recommendations, the dated follow-up of what became of them. Analysts write them; everyone
//! reads them, filters them by type, sector and year, and searches their text.

pub mod api;
#[cfg(feature = "ssr")]
pub mod demo;
pub mod pages;
pub mod texts;
pub mod types;

#[cfg(feature = "ssr")]
pub mod storage;
