//! Partnerships: competitive calls for rural–urban partnerships of hromadas. An admin writes a
//! call (criteria, eligibility rules, evaluators) and moves it through its phases; the lead
//! hromada's representative applies with partner hromadas from the registry, each partner
//! confirms, and the application is checked against the registry (every rule passed or failed
//! with its reason in words) before it may be submitted. Evaluators, never from an applicant's
//! oblast and each declaring no conflict of interest, score the admitted applications; the
//! ranking (`ranking.rs`) proposes the selection, which the admin confirms and publishes.

pub mod api;
pub mod edit;
pub mod evaluation_api;
pub mod evaluation_pages;
pub mod evaluation_texts;
pub mod pages;
pub mod ranking;
pub mod texts;
pub mod types;

#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod eligibility;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod storage;
