//! UI pieces shared by every area.

pub mod editor;
mod layout;
mod pagination;
mod status;

pub use layout::{Layout, PageMeta};
pub use pagination::Pagination;
pub use status::{await_view, ErrorView, Loading, NotFound};
