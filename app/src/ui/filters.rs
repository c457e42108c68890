//! A list's filter: a labelled select whose value, when it names nothing, is marked with the
//! page's message and left out of the filter.

use crate::common::Choice;
use leptos::prelude::*;

/// `prefix` keeps ids apart between pages (`{prefix}-{name}`); `any` is the first option, the
/// empty value, when given.
#[component]
pub fn FilterSelect(
    prefix: &'static str,
    name: &'static str,
    label: &'static str,
    #[prop(optional)] any: Option<&'static str>,
    options: Vec<Choice>,
    current: String,
    invalid: bool,
    message: &'static str,
) -> impl IntoView {
    let id = format!("{prefix}-{name}");
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id.clone()>{label}</label>
            <select id=id name=name aria-invalid=invalid.then_some("true")
                aria-describedby=invalid.then(|| error_id.clone())>
                {any.map(|any| view! { <option value="">{any}</option> })}
                {options.into_iter().map(|c| {
                    let selected = c.value == current;
                    view! { <option value=c.value selected=selected>{c.name}</option> }
                }).collect_view()}
            </select>
            {invalid.then(|| view! { <p class="field-error" id=error_id>{message}</p> })}
        </div>
    }
}

/// A GET filter form (class `filters`) whose lists apply at once when chosen: the page opens
/// with the form's non-empty values (as the button would send them, without the empty ones). A
/// list with `data-clears="a b"` empties the lists named `a` and `b` first (a new oblast clears
/// the raion). Without JavaScript the button applies. Rendered by the server; [`ApplyOnChange`]
/// does the rest.
#[component]
pub fn SelectsApplyAtOnce(
    action: String,
    label: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <form method="get" action=action class="filters" aria-label=label data-apply-at-once="">
            {children()}
        </form>
        <ApplyOnChange/>
    }
}

/// Opens a `data-apply-at-once` form's address when one of its lists changes. No props and no
/// reactive view: it is on every list page, so it is part of the code every page loads.
#[island]
fn ApplyOnChange() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        // The lists show what the address says (their server-rendered choice): a page the
        // browser brings back from its history would otherwise show the choice that left it.
        let show_address = || {
            use wasm_bindgen::JsCast;
            let Ok(lists) = document().query_selector_all("form[data-apply-at-once] select") else {
                return;
            };
            for i in 0..lists.length() {
                let Some(list) = lists
                    .item(i)
                    .and_then(|l| l.dyn_into::<web_sys::HtmlSelectElement>().ok())
                else {
                    continue;
                };
                match list.query_selector("option[selected]").ok().flatten() {
                    Some(chosen) => {
                        list.set_value(&chosen.get_attribute("value").unwrap_or_default())
                    }
                    None => list.set_selected_index(0),
                }
            }
        };
        show_address();
        let _ = window_event_listener_untyped("pageshow", move |_| show_address());
        super::delegate::on_matching(
            leptos::ev::change,
            "form[data-apply-at-once] select",
            |select, _| {
                use wasm_bindgen::JsCast;
                let Ok(select) = select.dyn_into::<web_sys::HtmlSelectElement>() else {
                    return;
                };
                let Some(form) = select.form() else {
                    return;
                };
                let (Ok(query), Some(target)) = (
                    web_sys::UrlSearchParams::new(),
                    form.get_attribute("action"),
                ) else {
                    return;
                };
                let clears = select.get_attribute("data-clears").unwrap_or_default();
                let controls = form.elements();
                for i in 0..controls.length() {
                    let Some(control) = controls.item(i) else {
                        continue;
                    };
                    let (name, value, disabled) =
                        if let Some(input) = control.dyn_ref::<web_sys::HtmlInputElement>() {
                            (input.name(), input.value(), input.disabled())
                        } else if let Some(list) = control.dyn_ref::<web_sys::HtmlSelectElement>() {
                            (list.name(), list.value(), list.disabled())
                        } else {
                            continue;
                        };
                    let cleared = clears.split_whitespace().any(|c| c == name);
                    if !name.is_empty() && !value.is_empty() && !disabled && !cleared {
                        query.append(&name, &value);
                    }
                }
                let query = String::from(query.to_string());
                let href = if query.is_empty() {
                    target
                } else {
                    format!("{target}?{query}")
                };
                let _ = window().location().assign(&href);
            },
        );
    });
}
