//! The admin's pages: accounts (search, invite, roles, disable, links) and the audit log.
//! The server refuses everyone else; the header only links here for admins.

use super::admin::{
    list_accounts, load_account_detail, AccountDetail, AccountQuery, ChangeAccess, InviteAccount,
    IssueAccountLink, SetAccountDisabled,
};
use super::api::AuthError;
use super::pages::{role_list, submission_error, Done, Field, FormError, Guarded, Placed};
use super::texts::{texts, AccountTexts};
use super::types::{AccountListPage, AccountSummary, Capability, IssuedLink, Role};
use crate::audit::api::search_audit_log;
use crate::audit::{AuditEntry, AuditFilter, AuditPage};
use crate::i18n::{use_lang, Lang};
use crate::ui::{await_view, refresh_parts_after, PageMeta, Pagination, SubmitInPlace};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn AdminNav(lang: Lang, current: &'static str) -> impl IntoView {
    let at = texts(lang);
    let item = move |path: &'static str, label: &'static str| {
        view! { <li><a href=lang.href(path) aria-current=(current == path).then_some("page")>{label}</a></li> }
    };
    view! {
        <nav class="sub-nav" aria-label=at.admin_nav>
            <ul>
                {item("/admin/accounts", at.accounts_title)}
                {item("/admin/audit", at.audit_title)}
                {item("/admin/sectors", crate::sectors::admin::title(lang))}
            </ul>
        </nav>
    }
}

fn status_label(account: &AccountSummary, at: &AccountTexts) -> &'static str {
    if account.disabled {
        at.status_disabled
    } else if account.has_password {
        at.status_active
    } else {
        at.status_invited
    }
}

/// A search query from the URL's parameters.
fn param(map: &leptos_router::params::ParamsMap, key: &str) -> String {
    map.get(key).unwrap_or_default()
}

fn page_param(map: &leptos_router::params::ParamsMap) -> u32 {
    map.get("page").and_then(|p| p.parse().ok()).unwrap_or(1)
}

/// A URL with the given query parameters, empty ones left out.
fn with_query(path: String, pairs: &[(&str, String)]) -> String {
    let query = serde_urlencoded::to_string(
        pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .collect::<Vec<_>>(),
    )
    .unwrap_or_default();
    if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    }
}

/// The role checkboxes, `checked` ticked; errors about roles shown beneath.
#[component]
fn RoleChoice(lang: Lang, checked: Vec<Role>, error: Placed) -> impl IntoView {
    let at = texts(lang);
    view! {
        <fieldset class="field checkboxes" aria-describedby="f-roles-error">
            <legend>{at.field_roles}</legend>
            {Role::ALL
                .into_iter()
                .map(|role| view! {
                    <label>
                        <input type="checkbox" name="roles[]" value=role.as_str() checked=checked.contains(&role)/>
                        {(at.role_names)(role)}
                    </label>
                })
                .collect_view()}
            <FormError error field="roles"/>
        </fieldset>
    }
}

/// What issuing a link produced: "mailed to …", or the link to pass on by hand.
#[component]
fn IssuedLinkNotice(issued: IssuedLink, lang: Lang) -> impl IntoView {
    let at = texts(lang);
    match issued.link {
        Some(link) => view! {
            <div class="form-success issued-link" role="status">
                <label for="issued-link">{(at.link_to_pass_on)(&issued.email)}</label>
                <input id="issued-link" type="text" readonly value=link data-testid="issued-link"/>
            </div>
        }
        .into_any(),
        None => {
            view! { <p class="form-success" role="status">{(at.link_mailed)(&issued.email)}</p> }
                .into_any()
        }
    }
}

fn issued_notice(
    value: impl Get<Value = Option<Result<IssuedLink, AuthError>>> + Send + Sync + 'static,
    lang: Lang,
) -> impl IntoView {
    move || {
        value
            .get()
            .and_then(Result::ok)
            .map(|issued| view! { <IssuedLinkNotice issued lang/> })
    }
}

/// `/admin/accounts`: search, filter, invite. The list is the server's; the invitation form is
/// the page's one island, and an invited account joins the list at once.
#[component]
pub fn AccountsPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let (t, at) = (lang.t(), texts(lang));
    let params = use_query_map();
    let query = Memo::new(move |_| {
        let map = params.read();
        AccountQuery {
            q: param(&map, "q"),
            role: param(&map, "role"),
            status: param(&map, "status"),
            page: page_param(&map),
        }
    });
    let current = query.get_untracked();
    view! {
        <PageMeta title=at.accounts_title description=at.accounts_title/>
        <div class="page admin">
            <Guarded capability=Capability::ManageAccounts>
            <AdminNav lang current="/admin/accounts"/>
            <h1>{at.accounts_title}</h1>
            <form method="get" action=lang.href("/admin/accounts") class="filters" role="search">
                <div class="field">
                    <label for="f-q">{at.search_accounts}</label>
                    <input id="f-q" type="search" name="q" value=current.q.clone()/>
                </div>
                <div class="field">
                    <label for="f-role">{at.field_roles}</label>
                    <select id="f-role" name="role">
                        <option value="">{at.any_role}</option>
                        {Role::ALL.into_iter().map(|r| view! {
                            <option value=r.as_str() selected=current.role == r.as_str()>{(at.role_names)(r)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-status">{at.col_status}</label>
                    <select id="f-status" name="status">
                        <option value="">{at.any_status}</option>
                        {[("active", at.status_active), ("invited", at.status_invited), ("disabled", at.status_disabled)]
                            .into_iter()
                            .map(|(value, label)| view! { <option value=value selected=current.status == value>{label}</option> })
                            .collect_view()}
                    </select>
                </div>
                <button type="submit" class="button">{t.apply}</button>
            </form>
            <AccountsFound query=current.clone() lang/>
            <InvitationForm lang/>
            </Guarded>
        </div>
    }
}

#[component]
fn AccountsFound(query: AccountQuery, lang: Lang) -> impl IntoView {
    let listed = query.clone();
    let data = Resource::new(|| (), move |_| list_accounts(listed.clone()));
    view! {
        <div data-live="accounts">
            {await_view(data, move |page| view! { <AccountTable page query=query.clone() lang/> })}
        </div>
    }
}

#[island(lazy)]
fn InvitationForm(lang: Lang) -> impl IntoView {
    let (t, at) = (lang.t(), texts(lang));
    let invite = ServerAction::<InviteAccount>::new();
    let invite_error = submission_error(invite.value(), lang);
    refresh_parts_after(invite.version());
    view! {
        <section class="panel" aria-labelledby="invite-title">
            <h2 id="invite-title">{at.invite_title}</h2>
            <ActionForm action=invite attr:class="stacked-form">
                <Field name="email" label=t.field_email kind="email" autocomplete="off" error=invite_error/>
                <Field name="display_name" label=at.field_name kind="text" autocomplete="off" error=invite_error/>
                <RoleChoice lang checked=vec![] error=invite_error/>
                <Field name="hromada" label=at.field_hromada kind="text" autocomplete="off" error=invite_error hint=at.hromada_hint required=false/>
                <FormError error=invite_error/>
                {issued_notice(invite.value(), lang)}
                <button type="submit" class="button primary" disabled=move || invite.pending().get()>{at.invite}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn AccountTable(page: AccountListPage, query: AccountQuery, lang: Lang) -> impl IntoView {
    let at = texts(lang);
    let href = move |n: u32| {
        with_query(
            lang.href("/admin/accounts"),
            &[
                ("q", query.q.clone()),
                ("role", query.role.clone()),
                ("status", query.status.clone()),
                ("page", n.to_string()),
            ],
        )
    };
    view! {
        <p class="summary-count" aria-live="polite">{(at.accounts_found)(page.total)}</p>
        <div class="table-wrap">
            <table class="data-table accounts-table">
                <thead>
                    <tr>
                        <th scope="col">{at.col_account}</th>
                        <th scope="col">{at.col_roles}</th>
                        <th scope="col">{at.col_hromada}</th>
                        <th scope="col">{at.col_status}</th>
                        <th scope="col">{at.col_last_seen}</th>
                    </tr>
                </thead>
                <tbody>
                    {page.accounts.into_iter().map(|a| view! {
                        <tr>
                            <th scope="row" data-label=at.col_account>
                                <a href=lang.href(&format!("/admin/accounts/{}", a.id))>{a.display_name.clone()}</a>
                                <br/><span class="muted">{a.email.clone()}</span>
                            </th>
                            <td data-label=at.col_roles>{role_list(&a.roles, lang)}</td>
                            <td data-label=at.col_hromada>{a.hromada_name.clone().unwrap_or_else(|| at.never.into())}</td>
                            <td data-label=at.col_status>{status_label(&a, at)}</td>
                            <td data-label=at.col_last_seen>{a.last_seen.clone().unwrap_or_else(|| at.never.into())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pagination lang page=page.page pages=page.pages href/>
    }
}

/// `/admin/accounts/:id`: roles and hromada, disable or enable, a new link, the history. The
/// account is the server's; the forms whose answers show here (saved, a link) are islands.
#[component]
pub fn AccountPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let at = texts(lang);
    let params = use_params_map();
    let id = params
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok());
    view! {
        <PageMeta title=at.accounts_title description=at.accounts_title/>
        <div class="page admin">
            <Guarded capability=Capability::ManageAccounts>
                <AdminNav lang current=""/>
                <p><a href=lang.href("/admin/accounts")>{at.back_to_accounts}</a></p>
                <AccountView id lang/>
            </Guarded>
        </div>
    }
}

#[component]
fn AccountView(id: Option<i64>, lang: Lang) -> impl IntoView {
    let data = Resource::new(
        || (),
        move |_| async move {
            match id {
                Some(id) => load_account_detail(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    await_view(data, move |detail| view! { <AccountBody detail lang/> })
}

#[component]
fn AccountBody(detail: AccountDetail, lang: Lang) -> impl IntoView {
    let at = texts(lang);
    let account = detail.account;
    let id = account.id;
    let status = status_label(&account, at);
    let (email, disabled) = (account.email.clone(), account.disabled);
    let last_seen = account.last_seen.clone().unwrap_or_else(|| at.never.into());
    view! {
        <h1>{account.display_name.clone()}</h1>
        <SubmitInPlace part="account-state">
            <dl class="facts">
                <div><dt>{lang.t().field_email}</dt><dd>{email}</dd></div>
                <div><dt>{at.col_status}</dt><dd data-testid="account-status">{status}</dd></div>
                <div><dt>{at.col_last_seen}</dt><dd>{last_seen}</dd></div>
            </dl>
            {disabled.then(|| view! { <p class="form-notice">{at.disabled_notice}</p> })}
            <DisableForm id disabled lang/>
        </SubmitInPlace>
        <AccessForm id roles=account.roles hromada=account.hromada_katottg.unwrap_or_default() lang/>
        <IssueLinkForm id lang/>
        <section aria-labelledby="history-title" data-live="account-history">
            <h2 id="history-title">{at.history_title}</h2>
            <AuditTable entries=detail.history lang/>
        </section>
    }
}

/// Disabling or enabling: sent in place, and the account's state above shows the result.
#[component]
fn DisableForm(id: i64, disabled: bool, lang: Lang) -> impl IntoView {
    let at = texts(lang);
    let disable = ServerAction::<SetAccountDisabled>::new();
    let disable_error = submission_error(disable.value(), lang);
    view! {
        <ActionForm action=disable attr:class="inline-form">
            <input type="hidden" name="id" value=id.to_string()/>
            <input type="hidden" name="disabled" value=(!disabled).to_string()/>
            <button type="submit" class="button danger">
                {if disabled { at.enable } else { at.disable }}
            </button>
        </ActionForm>
        <FormError error=disable_error/>
    }
}

#[island(lazy)]
fn AccessForm(id: i64, roles: Vec<Role>, hromada: String, lang: Lang) -> impl IntoView {
    let at = texts(lang);
    let access = ServerAction::<ChangeAccess>::new();
    let access_error = submission_error(access.value(), lang);
    refresh_parts_after(access.version());
    view! {
        <section class="panel" aria-labelledby="access-title">
            <h2 id="access-title">{at.access_title}</h2>
            <ActionForm action=access attr:class="stacked-form">
                <input type="hidden" name="id" value=id.to_string()/>
                <RoleChoice lang checked=roles error=access_error/>
                <Field name="hromada" label=at.field_hromada kind="text" autocomplete="off" error=access_error hint=at.hromada_hint required=false value=hromada/>
                <FormError error=access_error/>
                <Done shown=crate::accounts::pages::succeeded(access.value()) message=at.saved/>
                <button type="submit" class="button primary">{at.save}</button>
            </ActionForm>
        </section>
    }
}

/// A new one-time link: an island, because the link is shown here and never put in an address.
#[island(lazy)]
fn IssueLinkForm(id: i64, lang: Lang) -> impl IntoView {
    let at = texts(lang);
    let link = ServerAction::<IssueAccountLink>::new();
    let link_error = submission_error(link.value(), lang);
    refresh_parts_after(link.version());
    view! {
        <section class="panel actions">
            <ActionForm action=link>
                <input type="hidden" name="id" value=id.to_string()/>
                <button type="submit" class="button">{at.issue_link}</button>
            </ActionForm>
            <FormError error=link_error/>
            {issued_notice(link.value(), lang)}
        </section>
    }
}

#[component]
fn AuditTable(entries: Vec<AuditEntry>, lang: Lang) -> impl IntoView {
    let at = texts(lang);
    view! {
        <div class="table-wrap">
            <table class="data-table audit-table">
                <thead>
                    <tr>
                        <th scope="col">{at.col_when}</th>
                        <th scope="col">{at.col_who}</th>
                        <th scope="col">{at.col_what}</th>
                        <th scope="col">{at.col_summary}</th>
                    </tr>
                </thead>
                <tbody>
                    {entries.into_iter().map(|e| view! {
                        <tr>
                            <td data-label=at.col_when><time datetime=e.at.to_string()>{e.at_local.clone()}</time></td>
                            <td data-label=at.col_who>{e.actor_label.clone()}</td>
                            <td data-label=at.col_what>{format!("{} #{} · {}", e.entity, e.entity_id, e.action)}</td>
                            <td data-label=at.col_summary>{e.summary.clone()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// `/admin/audit`: every write, newest first, filtered by kind, action, actor and days.
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let at = texts(lang);
    let params = use_query_map();
    let filter = Memo::new(move |_| {
        let map = params.read();
        AuditFilter {
            entity: param(&map, "entity"),
            entity_id: param(&map, "entity_id"),
            action: param(&map, "action"),
            actor: param(&map, "actor"),
            from: param(&map, "from"),
            to: param(&map, "to"),
            page: page_param(&map),
        }
    });
    let data = Resource::new(move || filter.get(), search_audit_log);
    view! {
        <PageMeta title=at.audit_title description=at.audit_title/>
        <div class="page admin">
            <Guarded capability=Capability::ReadAuditLog>
                <AdminNav lang current="/admin/audit"/>
                <h1>{at.audit_title}</h1>
                <p class="note">{at.audit_readonly}</p>
                {await_view(data, move |page| view! { <AuditBody page filter=filter.get_untracked() lang/> })}
            </Guarded>
        </div>
    }
}

#[component]
fn AuditBody(page: AuditPage, filter: AuditFilter, lang: Lang) -> impl IntoView {
    let (t, at) = (lang.t(), texts(lang));
    let invalid = |field: &str| page.invalid.iter().any(|f| f == field);
    let choice = |name: &'static str,
                  label: &'static str,
                  options: Vec<String>,
                  selected: String| {
        view! {
            <div class="field">
                <label for=format!("f-{name}")>{label}</label>
                <select id=format!("f-{name}") name=name>
                    <option value="">{at.any}</option>
                    {options.into_iter().map(|o| view! { <option selected=o == selected value=o.clone()>{o.clone()}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    let day = |name: &'static str, label: &'static str, value: String, bad: bool| {
        view! {
            <div class="field" class:invalid=bad>
                <label for=format!("f-{name}")>{label}</label>
                <input id=format!("f-{name}") type="date" name=name value=value
                    aria-invalid=bad.then_some("true")
                    aria-describedby=bad.then(|| format!("f-{name}-error"))/>
                {bad.then(|| view! { <p class="field-error" id=format!("f-{name}-error")>{at.not_a_date}</p> })}
            </div>
        }
    };
    let href = {
        let filter = filter.clone();
        move |n: u32| {
            with_query(
                lang.href("/admin/audit"),
                &[
                    ("entity", filter.entity.clone()),
                    ("entity_id", filter.entity_id.clone()),
                    ("action", filter.action.clone()),
                    ("actor", filter.actor.clone()),
                    ("from", filter.from.clone()),
                    ("to", filter.to.clone()),
                    ("page", n.to_string()),
                ],
            )
        }
    };
    view! {
        <form method="get" action=lang.href("/admin/audit") class="filters" role="search">
            {choice("entity", at.field_entity, page.entities.clone(), filter.entity.clone())}
            {choice("action", at.field_action, page.actions.clone(), filter.action.clone())}
            <div class="field">
                <label for="f-actor">{at.field_actor}</label>
                <input id="f-actor" type="search" name="actor" value=filter.actor.clone()/>
            </div>
            {day("from", at.field_from, filter.from.clone(), invalid("from"))}
            {day("to", at.field_to, filter.to.clone(), invalid("to"))}
            {(!filter.entity_id.is_empty()).then(|| view! { <input type="hidden" name="entity_id" value=filter.entity_id.clone()/> })}
            <button type="submit" class="button">{t.apply}</button>
        </form>
        <p class="summary-count" aria-live="polite">{(at.audit_found)(page.total)}</p>
        <AuditTable entries=page.entries lang/>
        <Pagination lang page=page.page pages=page.pages href/>
    }
}
