use crate::error::AppError;
use crate::i18n::{use_lang, Lang};
use crate::ui::PageMeta;
use leptos::prelude::*;

/// Sets the HTTP status of the page being rendered on the server; a no-op in the browser.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let Ok(status) = axum::http::StatusCode::from_u16(code) {
        crate::error::set_response_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

#[component]
pub fn NotFound() -> impl IntoView {
    let lang = use_lang().get_untracked();
    view! { <NotFoundIn lang/> }
}

/// The 404 page in a known language (usable where router hooks are not).
#[component]
fn NotFoundIn(lang: Lang) -> impl IntoView {
    set_status(404);
    let t = lang.t();
    view! {
        <PageMeta title=t.not_found_title description=t.not_found_body/>
        <section class="status-page" aria-labelledby="status-title">
            <h1 id="status-title">{t.not_found_title}</h1>
            <p>{t.not_found_body}</p>
            <p><a href=lang.href("/")>{t.go_home}</a></p>
        </section>
    }
}

/// What a failed server call shows: 404 for a missing thing, a message with the log id otherwise.
#[component]
pub fn ErrorView(error: AppError, lang: Lang) -> impl IntoView {
    match error {
        AppError::NotFound => view! { <NotFoundIn lang/> }.into_any(),
        AppError::Internal(id) => {
            set_status(500);
            let t = lang.t();
            view! {
                <section class="status-page" role="alert">
                    <h2>{t.error_title}</h2>
                    <p>{t.error_body}</p>
                    <p>{t.error_id}": " <code class="error-id">{id}</code></p>
                </section>
            }
            .into_any()
        }
        AppError::SignInRequired => {
            set_status(401);
            let t = lang.t();
            view! {
                <section class="status-page" role="alert">
                    <h1>{t.sign_in_required_title}</h1>
                    <p>{t.sign_in_required_body}</p>
                    <p><a class="button primary" href=lang.href("/signin")>{t.sign_in}</a></p>
                </section>
            }
            .into_any()
        }
        AppError::Forbidden => {
            set_status(403);
            let t = lang.t();
            view! {
                <section class="status-page" role="alert">
                    <h1>{t.forbidden_title}</h1>
                    <p>{t.forbidden_body}</p>
                    <p><a href=lang.href("/")>{t.go_home}</a></p>
                </section>
            }
            .into_any()
        }
        AppError::Transport => {
            let t = lang.t();
            view! {
                <section class="status-page" role="alert">
                    <h2>{t.error_title}</h2>
                    <p>{t.error_network}</p>
                </section>
            }
            .into_any()
        }
    }
}

#[component]
pub fn Loading() -> impl IntoView {
    let lang = use_lang();
    view! { <p class="loading" role="status">{move || lang.get().t().loading}</p> }
}

/// Shows what `resource` loads, rendered by `render`, or the error it failed with. The previous
/// content stays on screen while a new value loads.
pub fn await_view<T, V>(
    resource: Resource<Result<T, AppError>>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    let lang = use_lang().get_untracked();
    view! {
        <Transition fallback=Loading>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => render(value).into_any(),
                        Err(error) => view! { <ErrorView error lang/> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}
