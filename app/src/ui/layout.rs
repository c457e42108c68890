use crate::i18n::{use_lang, Lang};
use leptos::prelude::*;
use leptos_meta::{Html, Link, Meta, Title};
use leptos_router::hooks::use_location;

/// Title, description and their social-preview twins for one page. Owned strings, not signals:
/// the server reads the head after the page has rendered, when the signals of a finished
/// subtree (a resolved `Suspend`) may already be disposed. A page in the other language is a new
/// page, so nothing here needs to react.
#[component]
pub fn PageMeta(#[prop(into)] title: String, #[prop(into)] description: String) -> impl IntoView {
    view! {
        <Title text=title.clone()/>
        <Meta name="description" content=description.clone()/>
        <Meta property="og:title" content=title/>
        <Meta property="og:description" content=description/>
    }
}

/// The five areas of the navigation and the registry, with their paths.
fn areas(t: &crate::i18n::Texts) -> [(&'static str, &'static str); 6] {
    [
        ("/news", t.nav_news),
        ("/initiatives", t.nav_initiatives),
        ("/analytics", t.nav_analytics),
        ("/partnerships", t.nav_partnerships),
        ("/dialogue", t.nav_dialogue),
        ("/hromadas", t.nav_hromadas),
    ]
}

/// The site's public address (`https://host`): alternates must be absolute addresses.
fn site_origin() -> String {
    #[cfg(feature = "ssr")]
    return crate::state::app_state()
        .map(|state| state.public_url)
        .unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    String::new()
}

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let location = use_location();
    let switch_href = move || {
        let search = location.search.get();
        let path = Lang::switched(&location.pathname.get());
        if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        }
    };
    let current = move |path: &str| {
        let here = location.pathname.get();
        let base = match lang.get() {
            Lang::En => here.strip_prefix("/en").unwrap_or(&here).to_string(),
            Lang::Uk => here,
        };
        base == path
            || base.starts_with(&format!("{path}/"))
            || (path == "/hromadas" && base.starts_with("/oblasts/"))
    };

    view! {
        <Html {..} lang=move || lang.get().code()/>
        {move || {
            let other = lang.get().other().code();
            view! { <Link rel="alternate" hreflang=other href=format!("{}{}", site_origin(), switch_href())/> }
        }}
        <a class="skip-link" href="#main">{move || t().skip_to_content}</a>
        <header class="site-header">
            <div class="header-inner">
                <a class="brand" href=move || lang.get().href("/")>
                    <span class="brand-mark" aria-hidden="true">"◆"</span>
                    <span class="brand-name">{move || t().site_name}</span>
                </a>
                <PhoneMenu menu_label=t().menu nav_label=t().nav_label>
                    <ul>
                        {move || {
                            areas(t())
                                .into_iter()
                                .map(|(path, label)| {
                                    view! {
                                        <li>
                                            <a
                                                href=lang.get().href(path)
                                                aria-current=move || current(path).then_some("page")
                                            >
                                                {label}
                                            </a>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                    <crate::accounts::pages::AccountMenu/>
                    <a
                        class="lang-switch"
                        href=switch_href
                        hreflang=move || lang.get().other().code()
                        lang=move || lang.get().other().code()
                        aria-label=move || t().switch_language_label
                    >
                        {move || t().switch_language}
                    </a>
                </PhoneMenu>
            </div>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <div class="footer-inner">
                <p>{move || t().footer_about}</p>
                <p class="footer-source">{move || t().footer_registry_source}</p>
            </div>
            <Hydrated/>
        </footer>
    }
}

/// The navigation, with a toggle on phones. Until hydration the menu is a plain list (usable
/// without JavaScript); after it, phones get the button. Rendered by the server; the island
/// [`MenuToggle`] only toggles it.
#[component]
fn PhoneMenu(
    menu_label: &'static str,
    nav_label: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <button type="button" class="menu-toggle" hidden aria-expanded="false" aria-controls="site-nav">
            {menu_label}
        </button>
        <nav id="site-nav" class="site-nav" aria-label=nav_label>
            {children()}
        </nav>
        <MenuToggle/>
    }
}

/// Shows the menu's button and collapses the navigation behind it (on phones, by the style
/// sheet). No props and no reactive view, so the code every page loads stays small.
#[island]
fn MenuToggle() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let (Ok(Some(toggle)), Some(nav)) = (
            document().query_selector(".menu-toggle"),
            document().get_element_by_id("site-nav"),
        ) else {
            return;
        };
        let _ = nav.class_list().add_1("collapsible");
        let _ = toggle.remove_attribute("hidden");
        super::delegate::on_matching(leptos::ev::click, ".menu-toggle", move |_, _| {
            let open = nav.class_list().toggle("open").unwrap_or(false);
            let _ = toggle.set_attribute("aria-expanded", if open { "true" } else { "false" });
        });
    });
}

/// Marks the page as live (`<html data-hydrated>`). Islands hydrate one after another in
/// document order, lazy ones included, so this last one runs when every island above is live.
#[island]
fn Hydrated() -> impl IntoView {
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "");
        }
    });
}
