//! Uploads. Images: uploaded by editors (JPEG, PNG and WebP, told by content; size- and
//! pixel-limited; EXIF removed, orientation applied), stored in the database at a few widths and
//! served with `srcset`; alt text required in Ukrainian, optional in English. PDF documents:
//! attached to publications by analysts, accepted only when whole, unencrypted and inert.

pub mod pages;
pub mod texts;
pub mod types;

#[cfg(feature = "ssr")]
pub mod documents;
#[cfg(feature = "ssr")]
pub mod process;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod storage;
#[doc(hidden)]
#[cfg(feature = "ssr")]
pub mod testing;
