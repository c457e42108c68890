//! Accounts, roles, sessions and one-time links (invitations, password resets).

pub mod types;

#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod secrets;
#[cfg(feature = "ssr")]
pub mod storage;
