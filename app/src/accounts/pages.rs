//! Signing in, setting a password through a one-time link, asking for a reset link, one's own
//! account, and the account menu in the header.

use super::api::{
    who_am_i, AcceptLink, AuthError, ChangePassword, RequestPasswordReset, SignIn, SignOut,
    SignOutEverywhere, UpdateProfile,
};
use super::texts::texts;
use super::types::{AccountView, Capability, Role};
use crate::i18n::{use_lang, Lang};
use crate::ui::{await_view, PageMeta, SubmitInPlace};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Which field an error belongs to, and its message.
pub(crate) fn placed(error: &AuthError, lang: Lang) -> (&'static str, String) {
    let t = lang.t();
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
        AuthError::WrongCurrentPassword => (
            "current_password",
            texts(lang).wrong_current_password.into(),
        ),
        AuthError::Invalid(problem) => (problem.field(), (texts(lang).problem)(*problem).into()),
        AuthError::App(crate::error::AppError::Internal(id)) => {
            ("form", format!("{} {}: {id}", t.error_body, t.error_id))
        }
        AuthError::App(crate::error::AppError::SignInRequired) => {
            ("form", t.sign_in_required_body.into())
        }
        AuthError::App(crate::error::AppError::Forbidden) => ("form", t.forbidden_body.into()),
        AuthError::App(_) => ("form", t.error_network.into()),
    }
}

pub(crate) type Placed = Signal<Option<(&'static str, String)>>;

/// The last submission's error, placed at its field.
pub(crate) fn submission_error<T: Clone + Send + Sync + 'static>(
    value: impl Get<Value = Option<Result<T, AuthError>>> + Send + Sync + 'static,
    lang: Lang,
) -> Placed {
    Signal::derive(move || value.get().and_then(|r| r.err()).map(|e| placed(&e, lang)))
}

/// Whether the last submission succeeded.
pub(crate) fn succeeded<T: Clone + Send + Sync + 'static>(
    value: impl Get<Value = Option<Result<T, AuthError>>> + Send + Sync + 'static,
) -> Signal<bool> {
    Signal::derive(move || matches!(value.get(), Some(Ok(_))))
}

/// A labelled input whose error, when the last submission failed on it, is shown beneath.
#[component]
pub(crate) fn Field(
    name: &'static str,
    label: &'static str,
    kind: &'static str,
    autocomplete: &'static str,
    error: Placed,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(default = true)] required: bool,
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
                value=value
                required=required
                aria-invalid=move || message().map(|_| "true")
                aria-describedby=described
            />
            {hint.map(|h| view! { <p class="hint" id=format!("f-{name}-hint")>{h}</p> })}
            {move || message().map(|m| view! { <p class="field-error" id=error_id.clone()>{m}</p> })}
        </div>
    }
}

/// The error of a field that is not an input (a group of checkboxes), or of the whole form.
#[component]
pub(crate) fn FormError(
    error: Placed,
    #[prop(default = "form")] field: &'static str,
) -> impl IntoView {
    move || {
        error
            .get()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| view! { <p class="form-notice" role="alert" id=format!("f-{field}-error")>{m}</p> })
    }
}

/// A success message, announced to screen readers.
#[component]
pub(crate) fn Done(shown: Signal<bool>, message: &'static str) -> impl IntoView {
    move || {
        shown
            .get()
            .then(|| view! { <p class="form-success" role="status">{message}</p> })
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let t = lang.t();
    view! {
        <PageMeta title=t.sign_in_title description=t.sign_in_title/>
        <div class="page narrow">
            <h1>{t.sign_in_title}</h1>
            <SubmitInPlace part="sign-in"><SignInForm/></SubmitInPlace>
            <p><a href=lang.href("/account/reset")>{texts(lang).forgot_password}</a></p>
        </div>
    }
}

/// The sign-in form, rendered by the server only: the page again with the error next to its
/// field (from the redirect's address), or the signed-in home.
#[component]
fn SignInForm() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let t = lang.t();
    let action = ServerAction::<SignIn>::new();
    let error = submission_error(action.value(), lang);
    view! {
        <ActionForm action attr:class="stacked-form">
            <Field name="email" label=t.field_email kind="email" autocomplete="username" error/>
            <Field name="password" label=t.field_password kind="password" autocomplete="current-password" error/>
            <FormError error/>
            <button type="submit" class="button primary" disabled=move || action.pending().get()>{t.sign_in}</button>
        </ActionForm>
    }
}

/// `/account/reset`: asks for a password-reset link.
#[component]
pub fn ResetRequestPage() -> impl IntoView {
    let at = texts(use_lang().get_untracked());
    view! {
        <PageMeta title=at.reset_title description=at.reset_lead/>
        <div class="page narrow">
            <h1>{at.reset_title}</h1>
            <p>{at.reset_lead}</p>
            <ResetRequestForm/>
        </div>
    }
}

#[island(lazy)]
fn ResetRequestForm() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let (t, at) = (lang.t(), texts(lang));
    let action = ServerAction::<RequestPasswordReset>::new();
    let error = submission_error(action.value(), lang);
    view! {
        <ActionForm action attr:class="stacked-form">
            <Field name="email" label=t.field_email kind="email" autocomplete="username" error/>
            <FormError error/>
            <Done shown=succeeded(action.value()) message=at.reset_sent/>
            <button type="submit" class="button primary" disabled=move || action.pending().get()>{at.reset_send}</button>
        </ActionForm>
    }
}

/// `/account/password?token=…&purpose=invitation|reset`: the page a one-time link opens.
#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let t = lang.t();
    let query = use_query_map();
    let token = query.read_untracked().get("token").unwrap_or_default();
    let purpose = query
        .read_untracked()
        .get("purpose")
        .unwrap_or_else(|| "invitation".into());
    view! {
        <PageMeta title=t.set_password_title description=t.set_password_title/>
        <div class="page narrow">
            <h1>{t.set_password_title}</h1>
            <SetPasswordForm token purpose/>
        </div>
    }
}

#[island(lazy)]
fn SetPasswordForm(token: String, purpose: String) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let t = lang.t();
    let action = ServerAction::<AcceptLink>::new();
    let error = submission_error(action.value(), lang);
    view! {
            <ActionForm action attr:class="stacked-form">
                <input type="hidden" name="token" value=token/>
                <input type="hidden" name="purpose" value=purpose/>
                <Field name="password" label=t.field_password kind="password" autocomplete="new-password" error hint=t.new_password_hint/>
                <Field name="password_again" label=t.field_password_again kind="password" autocomplete="new-password" error/>
                <FormError error/>
                <button type="submit" class="button primary" disabled=move || action.pending().get()>{t.set_password}</button>
            </ActionForm>
    }
}

/// The roles as words, in the page's language.
pub(crate) fn role_list(roles: &[Role], lang: Lang) -> String {
    roles
        .iter()
        .map(|r| (texts(lang).role_names)(*r))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `/account`: who one is, one's name, password and sessions.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let at = texts(use_lang().get_untracked());
    let account = Resource::new(
        || (),
        |_| async {
            who_am_i()
                .await?
                .ok_or(crate::error::AppError::SignInRequired)
        },
    );
    view! {
        <PageMeta title=at.profile_title description=at.profile_title/>
        <div class="page narrow">
            {await_view(account, move |account| view! { <ProfileBody account/> })}
        </div>
    }
}

/// Shows one's new name in the server-rendered header, which no island owns.
fn show_own_name(name: &str) {
    #[cfg(feature = "hydrate")]
    if let Ok(Some(shown)) = document().query_selector("[data-own-name]") {
        shown.set_text_content(Some(name));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = name;
}

#[island(lazy)]
fn ProfileBody(account: AccountView) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let (t, at) = (lang.t(), texts(lang));
    let rename = ServerAction::<UpdateProfile>::new();
    let change = ServerAction::<ChangePassword>::new();
    let everywhere = ServerAction::<SignOutEverywhere>::new();
    let typed_name = StoredValue::new(account.display_name.clone());
    Effect::new(move |_| {
        if let Some(input) = rename.input().get() {
            typed_name.set_value(input.display_name);
        }
    });
    Effect::new(move |_| {
        if matches!(rename.value().get(), Some(Ok(()))) {
            show_own_name(typed_name.get_value().trim());
        }
    });
    let rename_error = submission_error(rename.value(), lang);
    let change_error = submission_error(change.value(), lang);
    view! {
        <h1>{at.profile_title}</h1>
        <dl class="facts">
            <div><dt>{t.field_email}</dt><dd data-testid="profile-email">{account.email.clone()}</dd></div>
            <div><dt>{at.field_roles}</dt><dd data-testid="profile-roles">{role_list(&account.roles, lang)}</dd></div>
            {account.hromada_katottg.clone().map(|code| view! {
                <div><dt>{at.field_hromada}</dt><dd><a href=lang.href(&format!("/hromadas/{code}"))>{code.clone()}</a></dd></div>
            })}
        </dl>
        <ActionForm action=rename attr:class="stacked-form">
            <Field name="display_name" label=at.field_name kind="text" autocomplete="name" error=rename_error value=account.display_name.clone()/>
            <FormError error=rename_error/>
            <Done shown=succeeded(rename.value()) message=at.saved/>
            <button type="submit" class="button" disabled=move || rename.pending().get()>{at.save}</button>
        </ActionForm>
        <h2>{at.change_password_title}</h2>
        <ActionForm action=change attr:class="stacked-form">
            <input type="hidden" name="username" autocomplete="username" value=account.email.clone()/>
            <Field name="current_password" label=at.field_current_password kind="password" autocomplete="current-password" error=change_error/>
            <Field name="password" label=t.field_password kind="password" autocomplete="new-password" error=change_error hint=t.new_password_hint/>
            <Field name="password_again" label=t.field_password_again kind="password" autocomplete="new-password" error=change_error/>
            <FormError error=change_error/>
            <Done shown=succeeded(change.value()) message=at.password_changed/>
            <button type="submit" class="button" disabled=move || change.pending().get()>{at.change_password_title}</button>
        </ActionForm>
        <h2>{at.sessions_title}</h2>
        <p>{at.sessions_lead}</p>
        <ActionForm action=everywhere>
            <button type="submit" class="button danger">{at.sign_out_everywhere}</button>
        </ActionForm>
    }
}

/// Renders `children` only for a signed-in person holding `capability`; others get the sign-in
/// or no-access page (401 / 403). The server functions behind the page refuse them as well.
#[component]
pub fn Guarded(capability: Capability, children: ChildrenFn) -> impl IntoView {
    use crate::error::AppError;
    let allowed = Resource::new(
        || (),
        move |_| async move {
            match who_am_i().await? {
                Some(account) if account.can(capability) => Ok(()),
                Some(_) => Err(AppError::Forbidden),
                None => Err(AppError::SignInRequired),
            }
        },
    );
    await_view(allowed, move |()| children())
}

/// "Sign in", or who is signed in, what they may open, and "Sign out", in the header.
#[component]
pub fn AccountMenu() -> impl IntoView {
    let lang = use_lang();
    // Rendered on the server with every page: signing in or out ends in a new page.
    let sign_out = ServerAction::<SignOut>::new();
    let me = Resource::new(|| (), |_| who_am_i());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let lang = lang.get_untracked();
                let (t, at) = (lang.t(), texts(lang));
                match me.await {
                    Ok(Some(account)) => view! {
                        <div class="account-menu">
                            {account.can(Capability::ManageAccounts).then(|| view! {
                                <a class="admin-link" href=lang.href("/admin/accounts")>{at.admin_nav}</a>
                            })}
                            {account.can(Capability::EditContent).then(|| view! {
                                <a class="admin-link" href=lang.href("/edit/news")>{at.edit_nav}</a>
                            })}
                            {account.can(Capability::EvaluateApplications).then(|| view! {
                                <a class="admin-link" href=lang.href(crate::partnerships::evaluation_pages::EVALUATION_PATH)>
                                    {crate::partnerships::evaluation_texts::texts(lang).nav}
                                </a>
                            })}
                            <a class="account-name" href=lang.href("/account") title=account.email.clone()>
                                <span class="visually-hidden">{t.signed_in_as}" "</span>
                                <span data-own-name>{account.display_name.clone()}</span>
                            </a>
                            <ActionForm action=sign_out>
                                <button type="submit" class="link-button">{t.sign_out}</button>
                            </ActionForm>
                        </div>
                    }
                    .into_any(),
                    _ => view! { <a class="account-link" href=lang.href("/signin")>{t.sign_in}</a> }.into_any(),
                }
            })}
        </Transition>
    }
}
