//! The home page and the areas that are not built yet.

use crate::i18n::{use_lang, Texts};
use crate::ui::PageMeta;
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    News,
    Initiatives,
    Analytics,
    Partnerships,
    Dialogue,
}

impl Area {
    const ALL: [Area; 5] = [
        Area::News,
        Area::Initiatives,
        Area::Analytics,
        Area::Partnerships,
        Area::Dialogue,
    ];

    fn path(self) -> &'static str {
        match self {
            Area::News => "/news",
            Area::Initiatives => "/initiatives",
            Area::Analytics => "/analytics",
            Area::Partnerships => "/partnerships",
            Area::Dialogue => "/dialogue",
        }
    }

    fn name(self, t: &Texts) -> &'static str {
        match self {
            Area::News => t.nav_news,
            Area::Initiatives => t.nav_initiatives,
            Area::Analytics => t.nav_analytics,
            Area::Partnerships => t.nav_partnerships,
            Area::Dialogue => t.nav_dialogue,
        }
    }

    fn about(self, t: &Texts) -> &'static str {
        match self {
            Area::News => t.area_news_about,
            Area::Initiatives => t.area_initiatives_about,
            Area::Analytics => t.area_analytics_about,
            Area::Partnerships => t.area_partnerships_about,
            Area::Dialogue => t.area_dialogue_about,
        }
    }
}

#[component]
pub fn Home() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let t_now = lang.get_untracked().t();
    view! {
        <PageMeta
            title=t_now.home_title
            description=t_now.home_description
        />
        <div class="page home">
            <section class="hero">
                <h1>{move || t().site_tagline}</h1>
                <p class="lead">{move || t().home_lead}</p>
                <p><a class="button primary" href=move || lang.get().href("/hromadas")>{move || t().home_registry_cta}</a></p>
            </section>
            <crate::news::pages::NewestNews lang=lang.get_untracked()/>
            <ul class="area-cards">
                {move || {
                    Area::ALL
                        .into_iter()
                        .map(|area| {
                            view! {
                                <li>
                                    <a href=lang.get().href(area.path())>
                                        <h2>{area.name(t())}</h2>
                                        <p>{area.about(t())}</p>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

/// An area of the navigation that is not built yet says so, instead of showing made-up content.
#[component]
pub fn Upcoming(area: Area) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let t_now = lang.get_untracked().t();
    view! {
        <PageMeta
            title=area.name(t_now)
            description=area.about(t_now)
        />
        <div class="page upcoming">
            <h1>{move || area.name(t())}</h1>
            <p class="lead">{move || area.about(t())}</p>
            <p class="notice" role="status">{move || t().area_not_built}</p>
        </div>
    }
}
