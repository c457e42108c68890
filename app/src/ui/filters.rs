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
