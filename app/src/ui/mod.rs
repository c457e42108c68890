//! UI pieces shared by every area.

pub mod charts;
#[cfg(feature = "hydrate")]
mod delegate;
#[cfg(feature = "hydrate")]
pub use delegate::on_matching;
pub mod editor;
mod filters;
mod layout;
mod live_parts;
mod pagination;
mod status;

pub use filters::{FilterSelect, SelectsApplyAtOnce};
pub use layout::{Layout, PageMeta};
pub use live_parts::{refresh_parts_after, LiveParts, SubmitInPlace};
pub use pagination::Pagination;
pub use status::{await_view, ErrorView, Loading, NotFound};
