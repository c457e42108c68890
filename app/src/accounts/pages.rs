//! Sign-in, setting a password through a one-time link, and the account menu in the header.

use super::api::{who_am_i, AcceptLink, AuthError, SignIn, SignOut};
use crate::i18n::{use_lang, Texts};
use crate::ui::PageMeta;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

/// Which field an error belongs to, and its message.
fn placed(error: &AuthError, t: &Texts) -> (&'static str, String) {
    match error {
        AuthError::WrongCredentials => ("password", t.wrong_credentials.into()),
        AuthError::TryAgainIn(seconds) => ("form", (t.try_again_in)(*seconds)),
        AuthError::PasswordTooShort => ("password", t.password_too_short.into()),
        AuthError::PasswordTooLong => ("password", t.password_too_long.into()),
        AuthError::PasswordTooCommon => ("password", t.password_too_common.into()),
        AuthError::PasswordContainsEmail => ("password", t.password_contains_email.into()),
        AuthError::PasswordsDiffer => ("password_again", t.passwords_differ.into()),
        AuthError::LinkUnknown => ("form", t.link_unknown.into()),
        AuthError::LinkUsed => ("form", t.link_used.into()),
        AuthError::LinkExpired => ("form", t.link_expired.into()),
        AuthError::App(crate::error::AppError::Internal(id)) => {
            ("form", format!("{} {}: {id}", t.error_body, t.error_id))
        }
        AuthError::App(_) => ("form", t.error_network.into()),
    }
}

/// The last submission's error, placed at its field.
fn submission_error(
    value: impl Get<Value = Option<Result<(), AuthError>>> + Send + Sync + 'static,
    t: &'static Texts,
) -> Signal<Option<(&'static str, String)>> {
    Signal::derive(move || value.get().and_then(|r| r.err()).map(|e| placed(&e, t)))
}

/// A labelled input whose error, when the last submission failed on it, is shown beneath.
#[component]
fn Field(
    name: &'static str,
    label: &'static str,
    kind: &'static str,
    autocomplete: &'static str,
    error: Signal<Option<(&'static str, String)>>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let id = format!("f-{name}");
    let error_id = format!("{id}-error");
    let message = move || {
        error
            .get()
            .filter(|(field, _)| *field == name)
            .map(|(_, m)| m)
    };
    let described = {
        let error_id = error_id.clone();
        move || {
            message()
                .map(|_| error_id.clone())
                .or(hint.map(|_| format!("f-{name}-hint")))
        }
    };
    view! {
        <div class="field" class:invalid=move || message().is_some()>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                required
                aria-invalid=move || message().map(|_| "true")
                aria-describedby=described
            />
            {hint.map(|h| view! { <p class="hint" id=format!("f-{name}-hint")>{h}</p> })}
            {move || message().map(|m| view! { <p class="field-error" id=error_id.clone()>{m}</p> })}
        </div>
    }
}

#[component]
fn FormError(error: Signal<Option<(&'static str, String)>>) -> impl IntoView {
    move || {
        error
            .get()
            .filter(|(field, _)| *field == "form")
            .map(|(_, m)| view! { <p class="form-notice" role="alert">{m}</p> })
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let t = use_lang().get_untracked().t();
    let action = ServerAction::<SignIn>::new();
    let error = submission_error(action.value(), t);
    view! {
        <PageMeta title=t.sign_in_title description=t.sign_in_title/>
        <div class="page narrow">
            <h1>{t.sign_in_title}</h1>
            <ActionForm action attr:class="stacked-form">
                <Field name="email" label=t.field_email kind="email" autocomplete="username" error/>
                <Field name="password" label=t.field_password kind="password" autocomplete="current-password" error/>
                <FormError error/>
                <button type="submit" class="button primary" disabled=move || action.pending().get()>{t.sign_in}</button>
            </ActionForm>
        </div>
    }
}

/// `/account/password?token=…&purpose=invitation|reset`: the page a one-time link opens.
#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let t = use_lang().get_untracked().t();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let purpose = move || {
        query
            .read()
            .get("purpose")
            .unwrap_or_else(|| "invitation".into())
    };
    let action = ServerAction::<AcceptLink>::new();
    let error = submission_error(action.value(), t);
    view! {
        <PageMeta title=t.set_password_title description=t.set_password_title/>
        <div class="page narrow">
            <h1>{t.set_password_title}</h1>
            <ActionForm action attr:class="stacked-form">
                <input type="hidden" name="token" value=token/>
                <input type="hidden" name="purpose" value=purpose/>
                <Field name="password" label=t.field_password kind="password" autocomplete="new-password" error hint=t.new_password_hint/>
                <Field name="password_again" label=t.field_password_again kind="password" autocomplete="new-password" error/>
                <FormError error/>
                <button type="submit" class="button primary" disabled=move || action.pending().get()>{t.set_password}</button>
            </ActionForm>
        </div>
    }
}

/// "Sign in", or who is signed in and "Sign out", in the header.
#[component]
pub fn AccountMenu() -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    let sign_out = ServerAction::<SignOut>::new();
    // Asked again after every navigation (signing in ends in one) and every sign-out.
    let me = Resource::new(
        move || (location.pathname.get(), sign_out.version().get()),
        |_| who_am_i(),
    );
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let t = lang.get_untracked().t();
                match me.await {
                    Ok(Some(account)) => view! {
                        <div class="account-menu">
                            <span class="account-name" title=account.email.clone()>
                                <span class="visually-hidden">{t.signed_in_as}" "</span>
                                {account.display_name.clone()}
                            </span>
                            <ActionForm action=sign_out>
                                <button type="submit" class="link-button">{t.sign_out}</button>
                            </ActionForm>
                        </div>
                    }
                    .into_any(),
                    _ => view! { <a class="account-link" href=lang.get_untracked().href("/signin")>{t.sign_in}</a> }.into_any(),
                }
            })}
        </Transition>
    }
}
