//! A list's filter: a labelled select whose value, when it names nothing, is marked with the
//! page's message and left out of the filter.

use crate::news::types::Choice;
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
/// the raion). Without JavaScript the button applies.
#[island(lazy)]
pub fn SelectsApplyAtOnce(action: String, label: String, children: Children) -> impl IntoView {
    let target = action.clone();
    let on_change = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(select) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            else {
                return;
            };
            let Some(form) = select.form() else { return };
            let clears = select.get_attribute("data-clears").unwrap_or_default();
            let controls = form.elements();
            let mut pairs = Vec::new();
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
                    pairs.push((name, value));
                }
            }
            let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
            let href = if query.is_empty() {
                target.clone()
            } else {
                format!("{target}?{query}")
            };
            let _ = window().location().assign(&href);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, &target);
    };
    view! {
        <form method="get" action=action class="filters" aria-label=label on:change=on_change>
            {children()}
        </form>
    }
}
