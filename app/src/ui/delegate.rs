//! Event delegation for the small islands every page loads: the server-rendered markup opts in
//! by its attributes, and one listener on the window serves every element that matches.

use leptos::prelude::window_event_listener;
use wasm_bindgen::JsCast;

/// Calls `handler` with the element matching `selector` that an `event` came from (the target
/// itself or its nearest ancestor that matches), for as long as the page lives.
pub fn on_matching<E>(
    event: E,
    selector: &'static str,
    handler: impl Fn(web_sys::Element, E::EventType) + 'static,
) where
    E: leptos::ev::EventDescriptor + 'static,
    E::EventType: JsCast + AsRef<web_sys::Event>,
{
    let listener = window_event_listener(event, move |ev: E::EventType| {
        let matched = AsRef::<web_sys::Event>::as_ref(&ev)
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest(selector).ok().flatten());
        if let Some(element) = matched {
            handler(element, ev);
        }
    });
    // Pages are left by full loads: the listener is never removed.
    std::mem::forget(listener);
}
