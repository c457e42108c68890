//! The news pages: the list (with search and tag filter) and an item with its share buttons,
//! social-preview meta, related items and neighbours.

use super::api::{load_newest_news, load_news_article, load_news_list};
use super::texts::{format_day, texts};
use super::types::*;
use crate::i18n::{use_lang, Lang};
use crate::media::pages::Picture;
use crate::ui::{await_view, PageMeta, Pagination};
use leptos::prelude::*;
use leptos_meta::{Link, Meta};
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};

fn news_href(lang: Lang, slug: &str) -> String {
    lang.href(&format!("/news/{slug}"))
}

fn tag_href(lang: Lang, slug: &str) -> String {
    lang.href(&format!("/news/tag/{slug}"))
}

/// Text with the searched words in `<mark>`.
fn marked(segments: Vec<Segment>) -> impl IntoView {
    segments
        .into_iter()
        .map(|s| {
            if s.marked {
                view! { <mark>{s.text}</mark> }.into_any()
            } else {
                s.text.into_any()
            }
        })
        .collect_view()
}

#[component]
pub fn Tags(tags: Vec<Tag>, lang: Lang) -> impl IntoView {
    (!tags.is_empty()).then(|| {
        view! {
            <ul class="tags" aria-label=texts(lang).tags>
                {tags.into_iter().map(|t| view! { <li><a href=tag_href(lang, &t.slug)>{t.name(lang).to_string()}</a></li> }).collect_view()}
            </ul>
        }
    })
}

/// The newest items with a link to all news: for the home page.
#[component]
pub fn NewestNews(lang: Lang) -> impl IntoView {
    let nt = texts(lang);
    let data = Resource::new(|| (), move |_| load_newest_news(lang));
    view! {
        <section class="newest-news" aria-labelledby="newest-news-title">
            <h2 id="newest-news-title">{nt.title}</h2>
            {await_view(data, move |cards| view! {
                <div class="news-cards">
                    {cards.into_iter().map(|card| view! { <Card card lang subheading=true/> }).collect_view()}
                </div>
            })}
            <p><a href=lang.href("/news")>{nt.all_news}" →"</a></p>
        </section>
    }
}

/// An item in a list; `subheading` when the list sits under a section heading of its own.
#[component]
pub fn Card(card: NewsCard, lang: Lang, #[prop(optional)] subheading: bool) -> impl IntoView {
    let with_cover = card.cover.is_some();
    let link = view! { <a href=news_href(lang, &card.slug)>{marked(card.title)}</a> };
    view! {
        <article class="news-card" class:with-cover=with_cover>
            {card.cover.map(|image| view! { <Picture image sizes="(max-width: 40rem) 100vw, 20rem"/> })}
            <p class="news-date"><time>{format_day(lang, card.day)}</time></p>
            {if subheading {
                view! { <h3>{link}</h3> }.into_any()
            } else {
                view! { <h2>{link}</h2> }.into_any()
            }}
            <p class="news-lead">{marked(card.lead)}</p>
            <Tags tags=card.tags lang/>
        </article>
    }
}

/// `/news` and `/news/tag/:tag`: newest first, or best match first for a search.
#[component]
pub fn NewsListPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let nt = texts(lang);
    let params = use_params_map();
    let search = use_query_map();
    let query = Memo::new(move |_| NewsQuery {
        q: search.read().get("q").unwrap_or_default(),
        tag: params.read().get("tag").unwrap_or_default(),
        oblast: search.read().get("oblast").unwrap_or_default(),
        from: search.read().get("from").unwrap_or_default(),
        to: search.read().get("to").unwrap_or_default(),
        initiative: search.read().get("initiative").unwrap_or_default(),
        sector: search.read().get("sector").unwrap_or_default(),
        page: search
            .read()
            .get("page")
            .and_then(|p| p.parse().ok())
            .unwrap_or(1),
    });
    let data = Resource::new(
        move || query.get(),
        move |query| load_news_list(query, lang),
    );
    let current = query.get_untracked();
    let feed = if current.tag.is_empty() {
        "/news.rss".to_string()
    } else {
        format!("/news/tag/{}/feed.rss", current.tag)
    };
    let action = if current.tag.is_empty() {
        lang.href("/news")
    } else {
        tag_href(lang, &current.tag)
    };
    view! {
        <PageMeta title=nt.title description=nt.description/>
        <Link rel="alternate" type_="application/rss+xml" href=feed.clone() title=nt.feed/>
        <div class="page news-list">
            {await_view(data, move |page| view! { <ListBody page query=query.get_untracked() action=action.clone() lang/> })}
            <p class="feed-link"><a href=feed>{nt.feed}</a></p>
        </div>
    }
}

#[component]
fn ListBody(page: NewsListPage, query: NewsQuery, action: String, lang: Lang) -> impl IntoView {
    let nt = texts(lang);
    let heading = match &page.tag {
        Some(tag) => (nt.tagged)(tag.name(lang)),
        None => nt.title.to_string(),
    };
    let filtering = [
        &query.q,
        &query.oblast,
        &query.from,
        &query.to,
        &query.initiative,
        &query.sector,
    ]
    .iter()
    .any(|v| !v.is_empty());
    let invalid = |field: &str| page.invalid.iter().any(|f| f == field);
    let t = lang.t();
    let day = |name: &'static str, label: &'static str, value: String, bad: bool| {
        view! {
            <div class="field" class:invalid=bad>
                <label for=format!("news-{name}")>{label}</label>
                <input id=format!("news-{name}") type="date" name=name value=value
                    aria-invalid=bad.then_some("true")
                    aria-describedby=bad.then(|| format!("news-{name}-error"))/>
                {bad.then(|| view! { <p class="field-error" id=format!("news-{name}-error")>{nt.not_a_date}</p> })}
            </div>
        }
    };
    let select = |name: &'static str,
                  label: &'static str,
                  any: &'static str,
                  options: Vec<(String, String)>,
                  current: String| {
        let bad = invalid(name);
        view! {
            <div class="field" class:invalid=bad>
                <label for=format!("news-{name}")>{label}</label>
                <select id=format!("news-{name}") name=name
                    aria-invalid=bad.then_some("true")
                    aria-describedby=bad.then(|| format!("news-{name}-error"))>
                    <option value="">{any}</option>
                    {options.into_iter().map(|(value, text)| {
                        let selected = value == current;
                        view! { <option value=value selected=selected>{text}</option> }
                    }).collect_view()}
                </select>
                {bad.then(|| view! { <p class="field-error" id=format!("news-{name}-error")>{nt.unknown_choice}</p> })}
            </div>
        }
    };
    let form = view! {
        <form method="get" action=action class="filters news-filters" role="search" aria-label=t.filters>
            <div class="field">
                <label for="news-q">{nt.search_label}</label>
                <input id="news-q" type="search" name="q" value=query.q.clone()/>
            </div>
            {select("oblast", t.field_oblast, t.any_oblast, page.oblasts.iter().map(|o| (o.katottg.clone(), o.name.clone())).collect(), query.oblast.clone())}
            {select("initiative", nt.initiative, nt.any_initiative, page.initiatives.iter().map(|c| (c.value.clone(), c.name.clone())).collect(), query.initiative.clone())}
            {select("sector", nt.sector, nt.any_sector, page.sectors.iter().map(|s| (s.slug.clone(), s.name(lang).to_string())).collect(), query.sector.clone())}
            {day("from", nt.from, query.from.clone(), invalid("from"))}
            {day("to", nt.to, query.to.clone(), invalid("to"))}
            <button type="submit" class="button">{nt.search}</button>
        </form>
    };
    let href = move |n: u32| {
        let base = if query.tag.is_empty() {
            lang.href("/news")
        } else {
            tag_href(lang, &query.tag)
        };
        let pairs: Vec<(&str, String)> = [
            ("q", query.q.clone()),
            ("oblast", query.oblast.clone()),
            ("from", query.from.clone()),
            ("to", query.to.clone()),
            ("initiative", query.initiative.clone()),
            ("sector", query.sector.clone()),
            ("page", n.to_string()),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect();
        format!(
            "{base}?{}",
            serde_urlencoded::to_string(pairs).unwrap_or_default()
        )
    };
    view! {
        <h1>{heading}</h1>
        {form}
        {filtering.then(|| view! { <p class="summary-count" aria-live="polite">{(nt.found)(page.total)}</p> })}
        {if page.items.is_empty() {
            view! { <p class="empty">{nt.none}</p> }.into_any()
        } else {
            view! {
                <div class="news-cards">
                    {page.items.into_iter().map(|card| view! { <Card card lang/> }).collect_view()}
                </div>
            }
            .into_any()
        }}
        <Pagination lang page=page.page pages=page.pages href/>
    }
}

/// `/news/:slug`: the item; an old slug redirects to the current one.
#[component]
pub fn NewsArticlePage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let data = Resource::new(
        move || slug.get(),
        move |slug| load_news_article(slug, lang),
    );
    view! {
        <div class="page news-article">
            {await_view(data, move |found| match found {
                NewsLookup::Found(article) => view! { <Article article=*article lang/> }.into_any(),
                NewsLookup::MovedTo(slug) => view! { <Redirect path=news_href(lang, &slug)/> }.into_any(),
            })}
        </div>
    }
}

#[component]
fn Article(article: NewsArticle, lang: Lang) -> impl IntoView {
    let nt = texts(lang);
    let places: Vec<(String, String)> = article
        .oblasts
        .iter()
        .map(|o| {
            (
                lang.href(&format!("/oblasts/{}", o.katottg)),
                o.name.clone(),
            )
        })
        .chain(article.hromadas.iter().map(|h| {
            (
                lang.href(&format!("/hromadas/{}", h.katottg)),
                h.name.clone(),
            )
        }))
        .collect();
    view! {
        <PageMeta title=article.title.clone() description=article.lead.clone()/>
        <Meta property="og:type" content="article"/>
        <Meta property="og:url" content=article.url.clone()/>
        <Meta name="twitter:card" content=if article.cover.is_some() { "summary_large_image" } else { "summary" }/>
        {article.cover.as_ref().map(|image| {
            let src = format!("{}{}", origin_of(&article.url), image.largest_src());
            view! {
                <Meta property="og:image" content=src.clone()/>
                <Meta property="og:image:alt" content=image.alt(lang).to_string()/>
                <Meta name="twitter:image" content=src/>
            }
        })}
        <Meta name="twitter:title" content=article.title.clone()/>
        <Meta name="twitter:description" content=article.lead.clone()/>
        <Link rel="canonical" href=article.url.clone()/>
        <nav class="breadcrumbs" aria-label=lang.t().breadcrumbs>
            <ol><li><a href=lang.href("/news")>{nt.all_news}</a></li></ol>
        </nav>
        <article>
            <header>
                <p class="news-date">
                    <time datetime=article.published_at.to_string()>{format_day(lang, article.day)}</time>
                    {(!article.author.is_empty()).then(|| view! { " · "<span class="news-author">{article.author.clone()}</span> })}
                </p>
                <h1>{article.title.clone()}</h1>
                {article.english_missing.then(|| view! { <p class="notice" lang="en">{nt.english_missing}</p> })}
                <p class="news-lead">{article.lead.clone()}</p>
                {article.initiative.clone().map(|i| view! {
                    <p class="news-initiative">{nt.initiative}": "<a href=lang.href(&format!("/initiatives/{}", i.value))>{i.name}</a></p>
                })}
                {article.cover.clone().map(|image| view! { <Picture image sizes="(max-width: 48rem) 100vw, 48rem" eager=true/> })}
            </header>
            <div class="news-body" lang=if article.english_missing { "uk" } else { lang.code() } inner_html=article.body_html.clone()></div>
            {(!article.gallery.is_empty()).then(|| view! {
                <section class="gallery" aria-labelledby="gallery-title">
                    <h2 id="gallery-title" class="meta-title">{nt.gallery}</h2>
                    <ul>
                        {article.gallery.clone().into_iter().map(|image| view! {
                            <li><a href=image.largest_src()><Picture image=image.clone() sizes="(max-width: 40rem) 50vw, 16rem"/></a></li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            <footer class="news-meta">
                {(!article.tags.is_empty()).then(|| view! { <h2 class="meta-title">{nt.tags}</h2> })}
                <Tags tags=article.tags.clone() lang/>
                {(!article.sectors.is_empty()).then(|| view! {
                    <p class="news-sectors">{nt.sectors}": "
                        {article.sectors.iter().enumerate().map(|(i, sector)| view! {
                            {(i > 0).then_some(", ")}
                            <a href=format!("{}?sector={}", lang.href("/news"), sector.slug)>{sector.name(lang).to_string()}</a>
                        }).collect_view()}
                    </p>
                })}
                {(!article.source_name.is_empty()).then(|| {
                    let name = article.source_name.clone();
                    let url = article.source_url.clone();
                    view! {
                        <p class="news-source">{nt.source}": "
                            {if url.is_empty() {
                                name.into_any()
                            } else {
                                view! { <a href=url rel="nofollow noopener">{name}</a> }.into_any()
                            }}
                        </p>
                    }
                })}
                {(!places.is_empty()).then(|| view! {
                    <p class="news-places">{nt.concerns}": "
                        {places.into_iter().enumerate().map(|(i, (href, name))| view! {
                            {(i > 0).then_some(", ")}<a href=href>{name}</a>
                        }).collect_view()}
                    </p>
                })}
                <Share url=article.url.clone() title=article.title.clone() lang/>
            </footer>
        </article>
        <nav class="news-neighbours" aria-label=nt.all_news>
            {article.previous.map(|c| view! { <a rel="prev" href=news_href(lang, &c.slug)>"← "{nt.previous}": "{c.title_text()}</a> })}
            {article.next.map(|c| view! { <a rel="next" href=news_href(lang, &c.slug)>{nt.next}": "{c.title_text()}" →"</a> })}
        </nav>
        {(!article.related.is_empty()).then(|| view! {
            <section aria-labelledby="related-title">
                <h2 id="related-title">{nt.related}</h2>
                <div class="news-cards">
                    {article.related.into_iter().map(|card| view! { <Card card lang subheading=true/> }).collect_view()}
                </div>
            </section>
        })}
    }
}

/// Share links that work without JavaScript, and a copy-link button once the page is live.
#[component]
pub fn Share(url: String, title: String, lang: Lang) -> impl IntoView {
    let nt = texts(lang);
    let encoded =
        |s: &str| serde_urlencoded::to_string([("", s)]).unwrap_or_default()[1..].to_string();
    let (u, t) = (encoded(&url), encoded(&title));
    view! {
        <div class="share">
            <h2 class="meta-title">{nt.share}</h2>
            <ul>
                <li><CopyLink url copy=nt.copy_link copied=nt.link_copied/></li>
                <li><a class="button" href=format!("https://www.facebook.com/sharer/sharer.php?u={u}") rel="noopener" target="_blank">"Facebook"</a></li>
                <li><a class="button" href=format!("https://t.me/share/url?url={u}&text={t}") rel="noopener" target="_blank">"Telegram"</a></li>
                <li><a class="button" href=format!("https://x.com/intent/post?url={u}&text={t}") rel="noopener" target="_blank">"X"</a></li>
                <li><a class="button" href=format!("mailto:?subject={t}&body={u}")>"Email"</a></li>
            </ul>
        </div>
    }
}

/// A button that copies the page's address; it works once the page is live ([`CopyOnClick`]).
#[component]
fn CopyLink(url: String, copy: &'static str, copied: &'static str) -> impl IntoView {
    view! {
        <button type="button" class="button" data-copy-url=url data-copied=copied>{copy}</button>
        <span class="visually-hidden" role="status"></span>
        <CopyOnClick/>
    }
}

/// Copies a `data-copy-url` button's address when it is pressed, and says so on the button and
/// to screen readers. No props and no reactive view: it is on every news item, so it is part of
/// the code every page loads, and stays small.
#[island]
fn CopyOnClick() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        crate::ui::on_matching(leptos::ev::click, "[data-copy-url]", |button, _| {
            let url = button.get_attribute("data-copy-url").unwrap_or_default();
            let _ = window().navigator().clipboard().write_text(&url);
            let copied = button.get_attribute("data-copied");
            button.set_text_content(copied.as_deref());
            if let Some(status) = button.next_element_sibling() {
                status.set_text_content(copied.as_deref());
            }
        });
    });
}

/// `https://host` of an absolute address.
fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    url[after_scheme..]
        .find('/')
        .map_or(url, |i| &url[..after_scheme + i])
}
