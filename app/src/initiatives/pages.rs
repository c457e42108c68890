//! The initiative pages: the list (search and filters) and an initiative with its directions,
//! partners, timeline, places and news.

use super::api::{load_initiative, load_initiative_list};
use super::texts::{role_name, status_name, texts};
use super::types::*;
use crate::i18n::{use_lang, Lang};
use crate::media::pages::Picture;
use crate::news::pages::{Card, Share};
use crate::news::texts::format_day;
use crate::ui::{await_view, FilterSelect, PageMeta};
use leptos::prelude::*;
use leptos_meta::{Link, Meta};
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};

fn initiative_href(lang: Lang, slug: &str) -> String {
    lang.href(&format!("/initiatives/{slug}"))
}

#[component]
fn StatusBadge(status: InitiativeStatus, lang: Lang) -> impl IntoView {
    view! { <span class=format!("status-badge status-{}", status.as_str())>{status_name(lang, status)}</span> }
}

fn period(lang: Lang, card: &InitiativeCard) -> String {
    let it = texts(lang);
    let start = card
        .starts_on
        .map(|d| format_day(lang, d))
        .unwrap_or_default();
    match card.ends_on {
        Some(end) => format!("{start} — {}", format_day(lang, end)),
        None => format!("{start} — {}", it.open_ended),
    }
}

#[component]
fn InitiativeCardView(card: InitiativeCard, lang: Lang) -> impl IntoView {
    let period = period(lang, &card);
    let with_cover = card.cover.is_some();
    view! {
        <article class="initiative-card" class:with-cover=with_cover>
            {card.cover.map(|image| view! { <Picture image sizes="(max-width: 40rem) 100vw, 20rem"/> })}
            <p class="initiative-meta"><StatusBadge status=card.status lang/>" "<span>{period}</span></p>
            <h2><a href=initiative_href(lang, &card.slug)>{card.title}</a></h2>
            <p>{card.summary}</p>
            {(!card.partners.is_empty()).then(|| view! {
                <p class="initiative-partners">
                    {card.partners.iter().map(|p| p.name.clone()).collect::<Vec<_>>().join(" · ")}
                </p>
            })}
        </article>
    }
}

/// `/initiatives`: active first, then planned, then completed.
#[component]
pub fn InitiativeListPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let it = texts(lang);
    let search = use_query_map();
    let query = Memo::new(move |_| {
        let q = search.read();
        InitiativeQuery {
            q: q.get("q").unwrap_or_default(),
            status: q.get("status").unwrap_or_default(),
            sector: q.get("sector").unwrap_or_default(),
            partner: q.get("partner").unwrap_or_default(),
            oblast: q.get("oblast").unwrap_or_default(),
        }
    });
    let data = Resource::new(
        move || query.get(),
        move |query| load_initiative_list(query, lang),
    );
    view! {
        <PageMeta title=it.title description=it.description/>
        <div class="page initiative-list">
            <h1>{it.title}</h1>
            {await_view(data, move |page| view! { <ListBody page query=query.get_untracked() lang/> })}
        </div>
    }
}

#[component]
fn ListBody(page: InitiativeListPage, query: InitiativeQuery, lang: Lang) -> impl IntoView {
    let it = texts(lang);
    let t = lang.t();
    let invalid = |field: &str| page.invalid.iter().any(|f| f == field);
    let select = |name: &'static str,
                  label: &'static str,
                  any: &'static str,
                  options: Vec<Choice>,
                  current: String| {
        view! {
            <FilterSelect prefix="initiative" name label any options current
                invalid=invalid(name) message=it.unknown_choice/>
        }
    };
    let statuses = InitiativeStatus::ALL
        .iter()
        .map(|s| Choice {
            value: s.as_str().to_string(),
            name: status_name(lang, *s).to_string(),
        })
        .collect();
    let filtering = [
        &query.q,
        &query.status,
        &query.sector,
        &query.partner,
        &query.oblast,
    ]
    .iter()
    .any(|v| !v.is_empty());
    let count = page.items.len();
    view! {
        <form method="get" action=lang.href("/initiatives") class="filters" role="search" aria-label=t.filters>
            <div class="field">
                <label for="initiative-q">{it.search_label}</label>
                <input id="initiative-q" type="search" name="q" value=query.q.clone()/>
            </div>
            {select("status", it.status, it.any_status, statuses, query.status.clone())}
            {select("sector", it.sector, it.any_sector, page.sectors.clone(), query.sector.clone())}
            {select("partner", it.partner, it.any_partner, page.partners.clone(), query.partner.clone())}
            {select("oblast", t.field_oblast, t.any_oblast, page.oblasts.clone(), query.oblast.clone())}
            <button type="submit" class="button">{it.search}</button>
        </form>
        {filtering.then(|| view! { <p class="summary-count" aria-live="polite">{(it.found)(count)}</p> })}
        {if page.items.is_empty() {
            view! { <p class="empty">{it.none}</p> }.into_any()
        } else {
            view! {
                <div class="initiative-cards">
                    {page.items.into_iter().map(|card| view! { <InitiativeCardView card lang/> }).collect_view()}
                </div>
            }
            .into_any()
        }}
    }
}

/// `/initiatives/:slug`; an old slug redirects to the current one.
#[component]
pub fn InitiativePageView() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let data = Resource::new(move || slug.get(), move |slug| load_initiative(slug, lang));
    view! {
        <div class="page initiative">
            {await_view(data, move |found| match found {
                InitiativeLookup::Found(page) => view! { <Initiative page=*page lang/> }.into_any(),
                InitiativeLookup::MovedTo(slug) => view! { <Redirect path=initiative_href(lang, &slug)/> }.into_any(),
            })}
        </div>
    }
}

#[component]
fn Initiative(page: InitiativePage, lang: Lang) -> impl IntoView {
    let it = texts(lang);
    let card = page.card;
    let period = period(lang, &card);
    let places: Vec<(String, String)> = page
        .oblasts
        .iter()
        .map(|o| {
            (
                lang.href(&format!("/oblasts/{}", o.katottg)),
                o.name.clone(),
            )
        })
        .chain(page.hromadas.iter().map(|h| {
            (
                lang.href(&format!("/hromadas/{}", h.katottg)),
                h.name.clone(),
            )
        }))
        .collect();
    let news_href = format!("{}?initiative={}", lang.href("/news"), card.slug);
    view! {
        <PageMeta title=card.title.clone() description=card.summary.clone()/>
        <Meta property="og:url" content=page.url.clone()/>
        <Link rel="canonical" href=page.url.clone()/>
        <nav class="breadcrumbs" aria-label=lang.t().breadcrumbs>
            <ol><li><a href=lang.href("/initiatives")>{it.all}</a></li></ol>
        </nav>
        <article>
            <header>
                <p class="initiative-meta"><StatusBadge status=card.status lang/></p>
                <h1>{card.title.clone()}</h1>
                {page.english_missing.then(|| view! { <p class="notice" lang="en">{it.english_missing}</p> })}
                <p class="news-lead">{card.summary.clone()}</p>
                {card.cover.clone().map(|image| view! { <Picture image sizes="(max-width: 48rem) 100vw, 48rem" eager=true/> })}
            </header>
            <section aria-labelledby="timeline-title" class="initiative-facts">
                <h2 id="timeline-title">{it.timeline}</h2>
                <dl>
                    <dt>{it.timeline}</dt><dd>{period}</dd>
                    {(!card.sectors.is_empty()).then(|| view! {
                        <dt>{it.sectors}</dt>
                        <dd>{card.sectors.iter().map(|s| s.name(lang).to_string()).collect::<Vec<_>>().join(", ")}</dd>
                    })}
                    {(!places.is_empty()).then(|| view! {
                        <dt>{it.territories}</dt>
                        <dd>{places.into_iter().enumerate().map(|(i, (href, name))| view! {
                            {(i > 0).then_some(", ")}<a href=href>{name}</a>
                        }).collect_view()}</dd>
                    })}
                </dl>
            </section>
            {(!page.goals.is_empty()).then(|| view! {
                <section aria-labelledby="goals-title">
                    <h2 id="goals-title">{it.goals}</h2>
                    <ul class="goals">{page.goals.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}</ul>
                </section>
            })}
            {(!page.body_html.is_empty()).then(|| view! {
                <div class="news-body" lang=if page.english_missing { "uk" } else { lang.code() } inner_html=page.body_html.clone()></div>
            })}
            {(!page.directions.is_empty()).then(|| view! {
                <section aria-labelledby="directions-title">
                    <h2 id="directions-title">{it.directions}</h2>
                    <ol class="directions">
                        {page.directions.into_iter().map(|d| view! {
                            <li>
                                <h3>{d.title}</h3>
                                {(!d.sectors.is_empty()).then(|| view! {
                                    <p class="direction-sectors">{it.sectors}": "
                                        {d.sectors.iter().map(|s| s.name(lang).to_string()).collect::<Vec<_>>().join(", ")}
                                    </p>
                                })}
                                <div class="news-body" inner_html=d.description_html></div>
                            </li>
                        }).collect_view()}
                    </ol>
                </section>
            })}
            {(!card.partners.is_empty()).then(|| view! {
                <section aria-labelledby="partners-title">
                    <h2 id="partners-title">{it.partners}</h2>
                    <ul class="partners">
                        {card.partners.into_iter().map(|p| view! {
                            <li>
                                {if p.url.is_empty() {
                                    view! { <strong>{p.name}</strong> }.into_any()
                                } else {
                                    view! { <a href=p.url rel="noopener"><strong>{p.name}</strong></a> }.into_any()
                                }}
                                " — "{role_name(lang, p.role)}
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {(!page.links.is_empty()).then(|| view! {
                <section aria-labelledby="links-title">
                    <h2 id="links-title">{it.links}</h2>
                    <ul>{page.links.into_iter().map(|l| view! { <li><a href=l.url rel="noopener nofollow">{l.title}</a></li> }).collect_view()}</ul>
                </section>
            })}
            <Share url=page.url.clone() title=card.title.clone() lang/>
        </article>
        <section aria-labelledby="initiative-news-title">
            <h2 id="initiative-news-title">{it.news}</h2>
            {if page.news.is_empty() {
                view! { <p class="empty">{it.no_news}</p> }.into_any()
            } else {
                view! {
                    <div class="news-cards">
                        {page.news.into_iter().map(|card| view! { <Card card lang subheading=true/> }).collect_view()}
                    </div>
                    <p><a href=news_href>{(it.all_news)(page.news_total)}" →"</a></p>
                }
                .into_any()
            }}
        </section>
    }
}
