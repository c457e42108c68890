#![recursion_limit = "256"]
//! Spilno: the web platform for developing Ukraine's hromadas through analytics, dialogue and
//! cooperation. One crate for both sides: `ssr` builds the server's half, `hydrate` the wasm.

pub mod accounts;
pub mod analytics;
pub mod audit;
pub mod common;
pub mod error;
pub mod hromadas;
pub mod i18n;
pub mod initiatives;
pub mod live;
pub mod media;
pub mod news;
mod pages;
pub mod partnerships;
pub mod publications;
pub mod sectors;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod clock;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod markdown;
#[cfg(feature = "ssr")]
pub mod security;
#[cfg(feature = "ssr")]
pub mod state;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Meta, MetaTags, Title};
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};
use leptos_router::{path, MatchNestedRoutes, SsrMode};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    security::send_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#0b4f8a"/>
                <link rel="icon" href="/favicon.ico" sizes="any"/>
                <link rel="icon" href="/icon.svg" type="image/svg+xml"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options islands=true/>
                <script src="/sw-register.js" defer></script>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title formatter=|title: String| {
            if title.is_empty() { "Спільно".to_string() } else { format!("{title} — Spilno / Спільно") }
        }/>
        <Meta property="og:site_name" content="Спільно"/>
        <Meta property="og:type" content="website"/>
        <Router>
            <ui::Layout>
                <Routes fallback=|| view! { <ui::NotFound/> }>
                    <ParentRoute path=path!("/en") view=Outlet>
                        <SiteRoutes/>
                    </ParentRoute>
                    <SiteRoutes/>
                </Routes>
            </ui::Layout>
        </Router>
    }
}

/// Every page, mounted at `/` (Ukrainian) and at `/en` (English). Pages are rendered whole on
/// the server (`SsrMode::Async`), so they read the same with JavaScript off.
#[component(transparent)]
fn SiteRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("") view=pages::Home ssr=SsrMode::Async/>
        <Route path=path!("/hromadas") view=hromadas::pages::HromadaListPage ssr=SsrMode::Async/>
        <Route path=path!("/hromadas/:katottg") view=hromadas::pages::HromadaProfilePage ssr=SsrMode::Async/>
        <Route path=path!("/oblasts/:katottg") view=hromadas::pages::OblastPage ssr=SsrMode::Async/>
        <Route path=path!("/signin") view=accounts::pages::SignInPage ssr=SsrMode::Async/>
        <Route path=path!("/account/password") view=accounts::pages::SetPasswordPage ssr=SsrMode::Async/>
        <Route path=path!("/account/reset") view=accounts::pages::ResetRequestPage ssr=SsrMode::Async/>
        <Route path=path!("/account") view=accounts::pages::ProfilePage ssr=SsrMode::Async/>
        <Route path=path!("/admin/accounts") view=accounts::admin_pages::AccountsPage ssr=SsrMode::Async/>
        <Route path=path!("/admin/accounts/:id") view=accounts::admin_pages::AccountPage ssr=SsrMode::Async/>
        <Route path=path!("/admin/sectors") view=sectors::admin::SectorsPage ssr=SsrMode::Async/>
        <Route path=path!("/admin/audit") view=accounts::admin_pages::AuditLogPage ssr=SsrMode::Async/>
        <Route path=path!("/news") view=news::pages::NewsListPage ssr=SsrMode::Async/>
        <Route path=path!("/news/tag/:tag") view=news::pages::NewsListPage ssr=SsrMode::Async/>
        <Route path=path!("/news/:slug") view=news::pages::NewsArticlePage ssr=SsrMode::Async/>
        <Route path=path!("/initiatives") view=initiatives::pages::InitiativeListPage ssr=SsrMode::Async/>
        <Route path=path!("/initiatives/:slug") view=initiatives::pages::InitiativePageView ssr=SsrMode::Async/>
        <Route path=path!("/edit/news") view=news::edit::NewsEditListPage ssr=SsrMode::Async/>
        <Route path=path!("/edit/news/:id") view=news::edit::NewsEditPage ssr=SsrMode::Async/>
        <Route path=path!("/edit/initiatives") view=initiatives::edit::InitiativeEditListPage ssr=SsrMode::Async/>
        <Route path=path!("/edit/initiatives/:id") view=initiatives::edit::InitiativeEditPage ssr=SsrMode::Async/>
        <Route path=path!("/analytics") view=analytics::pages::AnalyticsPage ssr=SsrMode::Async/>
        <Route path=path!("/analytics/surveys/:id") view=analytics::pages::SurveyPage ssr=SsrMode::Async/>
        <Route path=path!("/analytics/surveys/:id/answer") view=analytics::pages::AnswerPage ssr=SsrMode::Async/>
        <Route path=path!("/analytics/needs") view=analytics::needs_pages::NeedsPage ssr=SsrMode::Async/>
        <Route path=path!("/analytics/needs/edit/:id") view=analytics::needs_pages::NeedEditPage ssr=SsrMode::Async/>
        <Route path=path!("/analytics/dialogues") view=analytics::dialogue_pages::DialoguesPage ssr=SsrMode::Async/>
        <Route path=path!("/analytics/dialogues/:id") view=analytics::dialogue_pages::DialoguePageView ssr=SsrMode::Async/>
        <Route path=path!("/edit/dialogues/:id") view=analytics::dialogue_pages::DialogueEditPage ssr=SsrMode::Async/>
        <Route path=path!("/analytics/publications") view=publications::pages::PublicationsPage ssr=SsrMode::Async/>
        <Route path=path!("/analytics/publications/:id") view=publications::pages::PublicationView ssr=SsrMode::Async/>
        <Route path=path!("/edit/publications/:id") view=publications::pages::PublicationEditPage ssr=SsrMode::Async/>
        <Route path=path!("/edit/surveys/:id") view=analytics::edit::SurveyEditPage ssr=SsrMode::Async/>
        <Route path=path!("/partnerships") view=partnerships::pages::PartnershipsPage ssr=SsrMode::Async/>
        <Route path=path!("/partnerships/calls/:id") view=partnerships::pages::CallPageView ssr=SsrMode::Async/>
        <Route path=path!("/partnerships/applications/:id") view=partnerships::pages::ApplicationPageView ssr=SsrMode::Async/>
        <Route path=path!("/edit/calls/:id") view=partnerships::edit::CallEditPage ssr=SsrMode::Async/>
        <Route path=path!("/edit/calls/:id/evaluation") view=partnerships::evaluation_pages::CallEvaluationPage ssr=SsrMode::Async/>
        <Route path=path!("/evaluation") view=partnerships::evaluation_pages::EvaluatorPage ssr=SsrMode::Async/>
        <Route path=path!("/evaluation/:id") view=partnerships::evaluation_pages::EvaluationSheetPage ssr=SsrMode::Async/>
        <Route path=path!("/edit/applications/:id") view=partnerships::edit::ApplicationEditPage ssr=SsrMode::Async/>
        <Route path=path!("/dialogue") view=|| view! { <pages::Upcoming area=pages::Area::Dialogue/> } ssr=SsrMode::Async/>
    }
    .into_inner()
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
