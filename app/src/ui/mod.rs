//! UI pieces shared by every area.

pub mod charts;
pub mod editor;
mod filters;
mod layout;
mod pagination;
mod status;

pub use filters::{FilterSelect, SelectsApplyAtOnce};
pub use layout::{Layout, PageMeta};
pub use pagination::Pagination;
pub use status::{await_view, ErrorView, Loading, NotFound};
