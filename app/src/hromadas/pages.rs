//! The registry's pages: the filtered list, a hromada's profile, an oblast's overview.

use super::api::{load_hromada_list, load_hromada_profile, load_oblast_overview};
use super::contacts::{ContactsError, HromadaContacts, SaveHromadaContacts};
use super::types::*;
use crate::error::AppError;
use crate::i18n::{use_lang, Lang, Texts};
use crate::ui::{await_view, PageMeta, Pagination, SelectsApplyAtOnce};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

const LIST_PATH: &str = "/hromadas";

fn population(lang: Lang, value: Option<i64>) -> String {
    value.map_or_else(|| lang.t().unknown_value.to_string(), |p| lang.int(p))
}

fn area(lang: Lang, value: Option<f64>) -> String {
    value.map_or_else(|| lang.t().unknown_value.to_string(), |a| lang.decimal(a))
}

fn profile_href(lang: Lang, katottg: &str) -> String {
    lang.href(&format!("/hromadas/{katottg}"))
}

fn oblast_href(lang: Lang, katottg: &str) -> String {
    lang.href(&format!("/oblasts/{katottg}"))
}

fn list_href(lang: Lang, query: &HromadaQuery) -> String {
    let qs = query.to_query_string();
    let path = lang.href(LIST_PATH);
    if qs.is_empty() {
        path
    } else {
        format!("{path}?{qs}")
    }
}

/// "Львівська міська громада"; Kyiv and Sevastopol are cities, named as such.
fn full_name(h: &Hromada, lang: Lang) -> String {
    if h.raion_katottg.is_none() {
        return h.name_uk.clone();
    }
    let t = lang.t();
    format!("{} {} {}", h.name_uk, h.kind.label(t), t.hromada_suffix)
}

#[component]
pub fn HromadaListPage() -> impl IntoView {
    let lang = use_lang();
    // Router hooks are called here, not inside the `Suspend`: its content may render where the
    // router's context cannot be found.
    let params = use_query_map();
    let query = Memo::new(move |_| HromadaQuery::from_params(&params.read()));
    let data = Resource::new(move || query.get(), load_hromada_list);
    view! {
        <PageMeta
            title=lang.get_untracked().t().hromadas_title
            description=lang.get_untracked().t().hromadas_description
        />
        <div class="page hromada-list">
            <h1>{move || lang.get().t().hromadas_title}</h1>
            {await_view(data, move |page| view! { <ListBody page query=query.get_untracked() lang=lang.get_untracked()/> })}
        </div>
    }
}

#[component]
fn ListBody(page: HromadaListPage, query: HromadaQuery, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let export_query = query.with_page(1).to_query_string();
    let export_suffix = if export_query.is_empty() {
        String::new()
    } else {
        format!("?{export_query}")
    };
    let totals = &page.totals;
    let pagination_query = query.clone();
    view! {
        <FilterForm page=page.clone() query lang/>
        <section class="results" aria-labelledby="results-summary">
            <div class="summary">
                <p id="results-summary" class="summary-count" aria-live="polite">{(t.found)(totals.count)}</p>
                <dl class="summary-totals">
                    <div>
                        <dt>{t.total_population}</dt>
                        <dd data-testid="total-population">{population(lang, totals.population)}</dd>
                    </div>
                    <div>
                        <dt>{t.total_area}</dt>
                        <dd data-testid="total-area">{area(lang, totals.area_km2)}" "{t.km2}</dd>
                    </div>
                </dl>
                <p class="export">
                    {t.export}": "
                    <a href=format!("/hromadas.csv{export_suffix}") download="hromadas.csv" rel="nofollow">"CSV"</a>
                    " · "
                    <a href=format!("/hromadas.json{export_suffix}") rel="nofollow">"JSON"</a>
                </p>
            </div>
            {if page.rows.is_empty() {
                view! { <p class="empty">{t.no_results}</p> }.into_any()
            } else {
                view! { <HromadaTable rows=page.rows.clone() show_oblast=true lang/> }.into_any()
            }}
            <Pagination
                lang
                page=page.page
                pages=page.pages
                href=move |n| list_href(lang, &pagination_query.with_page(n))
            />
            <p class="note">{t.population_note}" "{t.name_note}</p>
        </section>
    }
}

/// A table of hromadas; on phones each row is shown as a card (see `style/main.css`).
#[component]
fn HromadaTable(rows: Vec<Hromada>, show_oblast: bool, lang: Lang) -> impl IntoView {
    let t = lang.t();
    view! {
        <div class="table-wrap">
            <table class="hromada-table">
                <thead>
                    <tr>
                        <th scope="col">{t.col_name}</th>
                        <th scope="col">{t.col_kind}</th>
                        <th scope="col">{t.col_center}</th>
                        <th scope="col">{t.col_raion}</th>
                        {show_oblast.then(|| view! { <th scope="col">{t.col_oblast}</th> })}
                        <th scope="col" class="num">{t.col_population}</th>
                        <th scope="col" class="num">{t.col_area}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|h| {
                            let oblast = show_oblast.then(|| view! {
                                <td data-label=t.col_oblast>
                                    <a href=oblast_href(lang, &h.oblast_katottg)>{h.oblast_name(lang).to_string()}</a>
                                </td>
                            });
                            view! {
                                <tr>
                                    <th scope="row" data-label=t.col_name>
                                        <a href=profile_href(lang, &h.katottg)>{h.name_uk.clone()}</a>
                                    </th>
                                    <td data-label=t.col_kind>{h.kind.label(t)}</td>
                                    <td data-label=t.col_center>{h.center_name_uk.clone()}</td>
                                    <td data-label=t.col_raion>{h.raion_uk.clone().unwrap_or_else(|| "—".into())}</td>
                                    {oblast}
                                    <td data-label=t.col_population class="num">{population(lang, h.population)}</td>
                                    <td data-label=t.col_area class="num">{area(lang, h.area_km2)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn field_error(issues: &[FilterIssue], field: FilterField, t: &Texts) -> Option<String> {
    issues
        .iter()
        .find(|i| i.field == field)
        .map(|i| i.problem.message(t))
}

/// The filters, as a GET form: it reloads the page with the new query (from the first page);
/// with JavaScript, choosing from a list applies it at once, and a new oblast clears the raion.
#[component]
fn FilterForm(page: HromadaListPage, query: HromadaQuery, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let selected_oblast = query.oblast.clone().unwrap_or_default();
    let selected_raion = query.raion.clone().unwrap_or_default();
    let selected_kind = query.kind.clone().unwrap_or_default();
    let selected_sort = query.sort.clone().unwrap_or_default();
    let no_raions = page.raions.is_empty();
    let error = |field| field_error(&page.issues, field, t);
    let [oblast_error, raion_error, kind_error, sort_error] = [
        FilterField::Oblast,
        FilterField::Raion,
        FilterField::Kind,
        FilterField::Sort,
    ]
    .map(error);
    let (pop_min_error, pop_max_error, page_error) = (
        error(FilterField::PopMin),
        error(FilterField::PopMax),
        error(FilterField::Page),
    );

    view! {
        <SelectsApplyAtOnce action=lang.href(LIST_PATH) label=t.filters>
            <div class="field" class:invalid=oblast_error.is_some()>
                <label for="f-oblast">{t.field_oblast}</label>
                <select
                    id="f-oblast"
                    name="oblast"
                    data-clears="raion"
                    aria-describedby=oblast_error.is_some().then_some("f-oblast-error")
                    aria-invalid=oblast_error.is_some().then_some("true")
                >
                    <option value="" selected=selected_oblast.is_empty()>{t.any_oblast}</option>
                    {page
                        .oblasts
                        .iter()
                        .map(|o| {
                            view! {
                                <option value=o.katottg.clone() selected=o.katottg == selected_oblast>
                                    {o.name(lang).to_string()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <FieldError id="f-oblast-error" message=oblast_error.clone()/>
            </div>
            <div class="field" class:invalid=raion_error.is_some()>
                <label for="f-raion">{t.field_raion}</label>
                <select
                    id="f-raion"
                    name="raion"
                    disabled=no_raions
                    aria-describedby=raion_error.is_some().then_some("f-raion-error")
                    aria-invalid=raion_error.is_some().then_some("true")
                >
                    <option value="" selected=selected_raion.is_empty()>
                        {if no_raions { t.choose_oblast_first } else { t.any_raion }}
                    </option>
                    {page
                        .raions
                        .iter()
                        .map(|r| {
                            view! {
                                <option value=r.katottg.clone() selected=r.katottg == selected_raion>
                                    {r.name_uk.clone()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <FieldError id="f-raion-error" message=raion_error.clone()/>
            </div>
            <div class="field" class:invalid=kind_error.is_some()>
                <label for="f-kind">{t.field_kind}</label>
                <select
                    id="f-kind"
                    name="kind"
                    aria-describedby=kind_error.is_some().then_some("f-kind-error")
                    aria-invalid=kind_error.is_some().then_some("true")
                >
                    <option value="" selected=selected_kind.is_empty()>{t.any_kind}</option>
                    {Kind::ALL
                        .into_iter()
                        .map(|k| view! { <option value=k.as_str() selected=k.as_str() == selected_kind>{k.label(t)}</option> })
                        .collect_view()}
                </select>
                <FieldError id="f-kind-error" message=kind_error.clone()/>
            </div>
            <TextField name="pop_min" label=t.field_population_min value=query.pop_min.clone() error=pop_min_error input_mode="numeric"/>
            <TextField name="pop_max" label=t.field_population_max value=query.pop_max.clone() error=pop_max_error input_mode="numeric"/>
            <TextField name="q" label=t.field_search value=query.q.clone() error=None input_mode="search" hint=t.field_search_hint/>
            <div class="field" class:invalid=sort_error.is_some()>
                <label for="f-sort">{t.field_sort}</label>
                <select
                    id="f-sort"
                    name="sort"
                    aria-describedby=sort_error.is_some().then_some("f-sort-error")
                    aria-invalid=sort_error.is_some().then_some("true")
                >
                    {Sort::ALL
                        .into_iter()
                        .map(|s| {
                            let selected = s.as_str() == selected_sort || (selected_sort.is_empty() && s == Sort::Name);
                            view! { <option value=s.as_str() selected=selected>{s.label(t)}</option> }
                        })
                        .collect_view()}
                </select>
                <FieldError id="f-sort-error" message=sort_error.clone()/>
            </div>
            <div class="actions">
                <button type="submit" class="button primary">{t.apply}</button>
                <a class="button" href=lang.href(LIST_PATH)>{t.reset}</a>
            </div>
            {page_error.map(|m| view! { <p class="form-notice" role="status">{m}</p> })}
        </SelectsApplyAtOnce>
    }
}

#[component]
fn FieldError(#[prop(into)] id: String, message: Option<String>) -> impl IntoView {
    message.map(|m| view! { <p class="field-error" id=id>{m}</p> })
}

/// A labelled text input that keeps what was typed and shows its error (or hint) below it.
#[component]
fn TextField(
    name: &'static str,
    label: &'static str,
    value: Option<String>,
    error: Option<String>,
    input_mode: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let id = format!("f-{name}");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = match (&error, hint) {
        (Some(_), _) => Some(error_id.clone()),
        (None, Some(_)) => Some(hint_id.clone()),
        _ => None,
    };
    let invalid = error.is_some();
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=name
                type="text"
                inputmode=input_mode
                value=value.unwrap_or_default()
                aria-invalid=invalid.then_some("true")
                aria-describedby=described
            />
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            <FieldError id=error_id message=error/>
        </div>
    }
}

#[component]
pub fn HromadaProfilePage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let params = use_params_map();
    let code = Memo::new(move |_| params.read().get("katottg").unwrap_or_default());
    let data = Resource::new(move || code.get(), load_hromada_profile);
    view! {
        <div class="page hromada-profile">
            {await_view(data, move |profile| view! { <Profile profile lang/> })}
        </div>
    }
}

#[component]
fn Profile(profile: HromadaProfile, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let h = profile.hromada;
    let name = full_name(&h, lang);
    let description = format!(
        "{name}: {} {}, {}. {}: {}.",
        h.raion_uk.clone().unwrap_or_default(),
        h.oblast_name(lang),
        h.kind.label(t),
        t.col_population,
        population(lang, h.population)
    );
    let density = match (h.population, h.area_km2) {
        (Some(p), Some(a)) if a > 0.0 => Some(lang.decimal(p as f64 / a)),
        _ => None,
    };
    let raion_link = h.raion_katottg.clone().map(|raion| {
        let query = HromadaQuery {
            oblast: Some(h.oblast_katottg.clone()),
            raion: Some(raion),
            ..Default::default()
        };
        (
            list_href(lang, &query),
            h.raion_uk.clone().unwrap_or_default(),
        )
    });
    view! {
        <PageMeta title=name.clone() description/>
        <nav class="breadcrumbs" aria-label=t.breadcrumbs>
            <ol>
                <li><a href=lang.href(LIST_PATH)>{t.hromadas_title}</a></li>
                <li><a href=oblast_href(lang, &h.oblast_katottg)>{h.oblast_name(lang).to_string()}</a></li>
                {raion_link.clone().map(|(href, name)| view! { <li><a href=href>{name}</a></li> })}
            </ol>
        </nav>
        <h1>{name}</h1>
        <dl class="facts">
            <div><dt>{t.profile_kind}</dt><dd>{h.kind.label(t)}</dd></div>
            <div><dt>{t.profile_center}</dt><dd>{h.center_name_uk.clone()}</dd></div>
            {raion_link.map(|(href, name)| view! { <div><dt>{t.col_raion}</dt><dd><a href=href>{name}</a></dd></div> })}
            <div><dt>{t.col_oblast}</dt><dd><a href=oblast_href(lang, &h.oblast_katottg)>{h.oblast_name(lang).to_string()}</a></dd></div>
            <div><dt>{t.col_population}</dt><dd data-testid="profile-population">{population(lang, h.population)}</dd></div>
            <div><dt>{t.col_area}</dt><dd>{area(lang, h.area_km2)}</dd></div>
            {density.map(|d| view! { <div><dt>{t.profile_density}</dt><dd>{d}" "{t.profile_density_unit}</dd></div> })}
            <div><dt>{t.profile_code}</dt><dd><code>{h.katottg.clone()}</code></dd></div>
        </dl>
        <Contacts katottg=h.katottg.clone() contacts=profile.contacts editable=profile.represented_by_viewer lang/>
        <div class="related">
            <section aria-labelledby="neighbours-title">
                <h2 id="neighbours-title">{t.neighbours}</h2>
                <HromadaLinks hromadas=profile.neighbours empty=t.neighbours_none lang/>
            </section>
            <section aria-labelledby="similar-title">
                <h2 id="similar-title">{t.similar}</h2>
                <p class="hint">{t.similar_about}</p>
                <HromadaLinks hromadas=profile.similar empty=t.similar_none lang/>
            </section>
        </div>
        <p class="note">{t.population_note}</p>
    }
}

/// The hromada's contacts; for its own representative, the form that keeps them.
#[component]
fn Contacts(
    katottg: String,
    contacts: Option<HromadaContacts>,
    editable: bool,
    lang: Lang,
) -> impl IntoView {
    let t = lang.t();
    let shown = contacts.clone().map(|c| {
        view! {
            <dl class="facts contacts">
                {(!c.website.is_empty()).then(|| view! {
                    <div><dt>{t.field_website}</dt><dd><a href=c.website.clone() rel="nofollow noopener">{c.website.clone()}</a></dd></div>
                })}
                {(!c.email.is_empty()).then(|| view! {
                    <div><dt>{t.field_contact_email}</dt><dd><a href=format!("mailto:{}", c.email)>{c.email.clone()}</a></dd></div>
                })}
                {(!c.phone.is_empty()).then(|| view! {
                    <div><dt>{t.field_phone}</dt><dd><a href=format!("tel:{}", c.phone.replace(' ', ""))>{c.phone.clone()}</a></dd></div>
                })}
                <div><dt>{t.contacts_updated}</dt><dd>{c.updated.clone()}</dd></div>
            </dl>
        }
        .into_any()
    });
    view! {
        <section class="panel" aria-labelledby="contacts-title" data-testid="contacts">
            <h2 id="contacts-title">{t.contacts_title}</h2>
            {shown.unwrap_or_else(|| view! { <p class="empty">{t.contacts_none}</p> }.into_any())}
            {editable.then(|| view! { <ContactsForm katottg contacts=contacts.unwrap_or_default() lang/> })}
        </section>
    }
}

/// Only a representative's page carries this island.
#[island(lazy)]
fn ContactsForm(katottg: String, contacts: HromadaContacts, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let action = ServerAction::<SaveHromadaContacts>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let message = move |field: &'static str| {
        move || {
            error.get().filter(|e| e.field() == field).map(|e| {
                let text = match e {
                    ContactsError::Website => t.website_invalid,
                    ContactsError::Email => t.contact_email_invalid,
                    ContactsError::Phone => t.phone_invalid,
                    ContactsError::App(AppError::Forbidden) => t.forbidden_body,
                    ContactsError::App(_) => t.error_network,
                };
                view! { <p class="field-error" id=format!("c-{field}-error") role="alert">{text}</p> }
            })
        }
    };
    let input = move |field: &'static str,
                      label: &'static str,
                      kind: &'static str,
                      value: String| {
        view! {
            <div class="field">
                <label for=format!("c-{field}")>{label}</label>
                <input id=format!("c-{field}") name=field type=kind value=value
                    aria-describedby=format!("c-{field}-error")
                    aria-invalid=move || error.get().filter(|e| e.field() == field).map(|_| "true")/>
                {message(field)}
            </div>
        }
    };
    view! {
        // The server checks each field and says what is wrong next to it, in the page's language.
        <ActionForm action attr:class="stacked-form" attr:novalidate=true>
            <p class="hint">{t.contacts_edit_hint}</p>
            <input type="hidden" name="katottg" value=katottg/>
            {input("website", t.field_website, "url", contacts.website)}
            {input("email", t.field_contact_email, "email", contacts.email)}
            {input("phone", t.field_phone, "tel", contacts.phone)}
            {message("form")}
            {move || matches!(action.value().get(), Some(Ok(()))).then(|| view! { <p class="form-success" role="status">{t.contacts_saved}</p> })}
            <button type="submit" class="button primary" disabled=move || action.pending().get()>{t.contacts_save}</button>
        </ActionForm>
    }
}

#[component]
fn HromadaLinks(hromadas: Vec<Hromada>, empty: &'static str, lang: Lang) -> impl IntoView {
    let t = lang.t();
    if hromadas.is_empty() {
        return view! { <p class="empty">{empty}</p> }.into_any();
    }
    view! {
        <ul class="hromada-links">
            {hromadas
                .into_iter()
                .map(|h| view! {
                    <li>
                        <a href=profile_href(lang, &h.katottg)>{h.name_uk.clone()}</a>
                        <span class="meta">{h.kind.label(t)}", "{population(lang, h.population)}" "{t.people}</span>
                    </li>
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn OblastPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let params = use_params_map();
    let code = Memo::new(move |_| params.read().get("katottg").unwrap_or_default());
    let data = Resource::new(move || code.get(), load_oblast_overview);
    view! {
        <div class="page oblast-page">
            {await_view(data, move |overview| view! { <Oblast overview lang/> })}
        </div>
    }
}

#[component]
fn Oblast(overview: OblastOverview, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let name = overview.oblast.name(lang).to_string();
    let totals = overview.totals;
    let description = format!(
        "{name}: {}. {}: {}.",
        (t.found)(totals.count),
        t.col_population,
        population(lang, totals.population)
    );
    let filter = HromadaQuery {
        oblast: Some(overview.oblast.katottg.clone()),
        ..Default::default()
    };
    view! {
        <PageMeta title=name.clone() description/>
        <nav class="breadcrumbs" aria-label=t.breadcrumbs>
            <ol><li><a href=lang.href(LIST_PATH)>{t.hromadas_title}</a></li></ol>
        </nav>
        <h1>{name}</h1>
        <dl class="summary-totals">
            <div><dt>{t.hromadas_title}</dt><dd>{lang.int(totals.count)}</dd></div>
            <div><dt>{t.total_population}</dt><dd>{population(lang, totals.population)}</dd></div>
            <div><dt>{t.total_area}</dt><dd>{area(lang, totals.area_km2)}" "{t.km2}</dd></div>
        </dl>
        <p><a href=list_href(lang, &filter)>{t.all_of_oblast}" →"</a></p>
        <h2>{t.oblast_hromadas_by_kind}</h2>
        {overview
            .groups
            .into_iter()
            .map(|group| {
                let heading_id = format!("kind-{}", group.kind.as_str());
                let labelled_by = heading_id.clone();
                view! {
                    <section class="kind-group" aria-labelledby=labelled_by>
                        <h3 id=heading_id>
                            {group.kind.plural_label(t)}
                            <span class="count">" ("{lang.int(group.totals.count)}")"</span>
                        </h3>
                        <p class="meta">
                            {t.total_population}": "{population(lang, group.totals.population)}
                            " · "{t.total_area}": "{area(lang, group.totals.area_km2)}" "{t.km2}
                        </p>
                        <HromadaTable rows=group.hromadas show_oblast=false lang/>
                    </section>
                }
            })
            .collect_view()}
        <p class="note">{t.population_note}</p>
    }
}
