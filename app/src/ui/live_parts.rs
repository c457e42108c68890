//! Server-rendered parts of a page, brought up to date in place: a page marks them
//! `data-live="name"`, and the new rendering of the page gives each its new content. So the whole
//! view (charts, tables, counts, a form's errors) stays rendered by the server, in both languages,
//! and no chart, text table or form code reaches the browser.
//!
//! - [`LiveParts`]: when the page's topic changes, the page's own address is asked again.
//! - [`SubmitInPlace`]: a form inside it is sent as without JavaScript (the server answers with
//!   the page again, its errors in place, or sends one on); the form takes the new rendering and
//!   keeps what was typed, so the page never reloads for a mistake.
//! - [`refresh_parts_after`]: an island whose action changed what the server shows beside it
//!   (a list it adds to, a history) has the page's parts brought up to date.

use leptos::prelude::*;

/// Follows `topic` (see the module): the topic goes in the page, the island reads it there, so
/// the island has no props to decode and its code stays small.
#[component]
pub fn LiveParts(topic: String) -> impl IntoView {
    view! {
        <span hidden data-live-topic=topic></span>
        <FollowTopic/>
    }
}

/// Parts keep their element (an `aria-live` one still announces), and their tables that were
/// open stay open.
#[island(lazy)]
fn FollowTopic() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    browser::follow_topic();
}

/// Sends the forms inside it in place (see the module); `part` names the element
/// (`data-live`) that takes the new rendering. Without JavaScript the forms post by themselves.
#[component]
pub fn SubmitInPlace(part: &'static str, children: Children) -> impl IntoView {
    view! {
        <div data-live=part data-submit-in-place="">{children()}</div>
        <SendInPlace/>
    }
}

/// Brings every `data-live` part of the page up to date each time `version` moves on (an
/// action of the calling island completed).
pub fn refresh_parts_after(version: impl Get<Value = usize> + 'static) {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if version.get() > 0 {
            leptos::task::spawn_local(browser::refresh());
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = version;
}

/// Sends a form inside `[data-submit-in-place]` in place when it is submitted.
#[island(lazy)]
fn SendInPlace() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        super::delegate::on_matching(
            leptos::ev::submit,
            "[data-submit-in-place] form",
            |form, ev| {
                use wasm_bindgen::JsCast;
                // Each of a page's parts brings this island: the first one sends the form.
                if ev.default_prevented() {
                    return;
                }
                let Ok(form) = form.dyn_into::<web_sys::HtmlFormElement>() else {
                    return;
                };
                ev.prevent_default();
                let submitter = ev.submitter();
                leptos::task::spawn_local(browser::submit(form, submitter));
            },
        );
    });
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{DomParser, Element, HtmlFormElement, RequestInit, Response, SupportedType};

    pub fn follow_topic() {
        let topic = document()
            .query_selector("[data-live-topic]")
            .ok()
            .flatten()
            .and_then(|t| t.get_attribute("data-live-topic"))
            .unwrap_or_default();
        let changes = crate::live::watch(Signal::derive(move || topic.clone()));
        // Answers can overtake each other: only the latest request is shown.
        let latest = StoredValue::new(0u64);
        Effect::new(move |_| {
            let tick = changes.get();
            if tick == 0 {
                return;
            }
            latest.set_value(tick);
            leptos::task::spawn_local(async move {
                if let Some(fresh) = this_page_again().await {
                    if latest.get_value() == tick {
                        replace_parts(&fresh);
                    }
                }
            });
        });
    }

    /// This page as the server renders it now, never from a cache.
    async fn this_page_again() -> Option<web_sys::Document> {
        let href = window().location().href().ok()?;
        let init = RequestInit::new();
        init.set_cache(web_sys::RequestCache::NoStore);
        let (_, fresh) = fetch_page(&href, &init).await.ok()??;
        Some(fresh)
    }

    pub async fn refresh() {
        if let Some(fresh) = this_page_again().await {
            replace_parts(&fresh);
        }
    }

    /// The page the request answers with (after redirects) and its address; `None` when the
    /// server answered with an error, which leaves the page as it is.
    pub async fn fetch_page(
        href: &str,
        init: &RequestInit,
    ) -> Result<Option<(String, web_sys::Document)>, JsValue> {
        let response: Response = JsFuture::from(window().fetch_with_str_and_init(href, init))
            .await?
            .dyn_into()?;
        if !response.ok() {
            return Ok(None);
        }
        let html = JsFuture::from(response.text()?).await?.as_string();
        let parsed = DomParser::new()?
            .parse_from_string(&html.unwrap_or_default(), SupportedType::TextHtml)?;
        Ok(Some((response.url(), parsed)))
    }

    fn elements(list: web_sys::NodeList) -> impl Iterator<Item = Element> {
        (0..list.length()).filter_map(move |i| list.item(i)?.dyn_into::<Element>().ok())
    }

    /// Gives every `[data-live]` part of the page the content of its namesake in `fresh`.
    fn replace_parts(fresh: &web_sys::Document) {
        if let Ok(parts) = document().query_selector_all("[data-live]") {
            for part in elements(parts) {
                replace_part(&part, fresh);
            }
        }
    }

    /// Tables that were open stay open.
    fn replace_part(part: &Element, fresh: &web_sys::Document) {
        let name = part.get_attribute("data-live").unwrap_or_default();
        let selector = format!("[data-live=\"{name}\"]");
        let Ok(Some(new)) = fresh.query_selector(&selector) else {
            return;
        };
        let open: Vec<String> = part
            .query_selector_all("details[open][id]")
            .map(|l| elements(l).map(|d| d.id()).collect())
            .unwrap_or_default();
        part.set_inner_html(&new.inner_html());
        for id in open {
            if let Some(details) = document().get_element_by_id(&id) {
                let _ = details.set_attribute("open", "");
            }
        }
    }

    /// What was typed into a form's fields, by id.
    fn typed(form: &HtmlFormElement) -> Vec<(String, String)> {
        form.query_selector_all("input[id]:not([type=hidden]), textarea[id], select[id]")
            .map(|l| {
                elements(l)
                    .filter_map(|e| {
                        let value = value_of(&e)?;
                        Some((e.id(), value))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn value_of(element: &Element) -> Option<String> {
        if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
            return Some(input.value());
        }
        if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            return Some(area.value());
        }
        element
            .dyn_ref::<web_sys::HtmlSelectElement>()
            .map(|s| s.value())
    }

    fn set_value(element: &Element, value: &str) {
        if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
            input.set_value(value);
        } else if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            area.set_value(value);
        } else if let Some(select) = element.dyn_ref::<web_sys::HtmlSelectElement>() {
            select.set_value(value);
        }
    }

    /// Posts the form as the browser would, without JavaScript. An answer at another address
    /// (signed in, say) is opened; an answer at this page's address is its new rendering with
    /// the errors: every part takes it (what the form changed may show elsewhere on the page),
    /// the form's fields keep what was typed, the first invalid one takes the focus.
    pub async fn submit(form: HtmlFormElement, submitter: Option<web_sys::HtmlElement>) {
        let buttons = form.query_selector_all("button[type=submit]").ok();
        let set_busy = |busy: bool| {
            for button in buttons.clone().map(elements).into_iter().flatten() {
                let _ = button.toggle_attribute_with_force("disabled", busy);
            }
        };
        set_busy(true);
        let sent = async {
            let form_data = web_sys::FormData::new_with_form(&form)?;
            // The button pressed says what to do (save or submit), as it would without us.
            if let Some(button) = submitter {
                if let Some(name) = button.get_attribute("name") {
                    let value = button.get_attribute("value").unwrap_or_default();
                    form_data.append_with_str(&name, &value)?;
                }
            }
            let body = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&form_data)?;
            let headers = web_sys::Headers::new()?;
            headers.set("Accept", "text/html")?;
            headers.set("Content-Type", "application/x-www-form-urlencoded")?;
            let init = RequestInit::new();
            init.set_method("POST");
            init.set_headers(&headers);
            init.set_body(&body);
            fetch_page(&form.action(), &init).await
        };
        let Ok(Some((url, fresh))) = sent.await else {
            // Not sent (offline, the server down): the form stays as it is, to send again.
            set_busy(false);
            return;
        };
        let here = window().location().pathname().unwrap_or_default();
        let answered_at = web_sys::Url::new(&url)
            .map(|u| u.pathname())
            .unwrap_or_default();
        if answered_at != here {
            let _ = window().location().assign(&url);
            return;
        }
        let Ok(Some(part)) = form.closest("[data-live]") else {
            return;
        };
        let kept = typed(&form);
        replace_parts(&fresh);
        for (id, value) in kept {
            if let Some(field) = document().get_element_by_id(&id) {
                set_value(&field, &value);
            }
        }
        if let Ok(Some(invalid)) = part.query_selector("[aria-invalid=true]") {
            if let Some(field) = invalid.dyn_ref::<web_sys::HtmlElement>() {
                let _ = field.focus();
            }
        }
    }
}
