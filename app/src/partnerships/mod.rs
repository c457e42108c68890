//! Partnerships: competitive calls for rural–urban partnerships of hromadas. An admin writes a
//! call (criteria, eligibility rules, evaluators) and moves it through its phases; the lead
//! hromada's representative applies with partner hromadas from the registry, each partner
//! confirms, and the application is checked against the registry (every rule passed or failed
//! with its reason in words) before it may be submitted.

pub mod api;
pub mod edit;
pub mod pages;
pub mod texts;
pub mod types;

#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod eligibility;
#[cfg(feature = "ssr")]
pub mod storage;
