//! The needs overview (live) and the need form.

use super::needs::*;
use super::types::Choice;
use crate::accounts::types::Capability;
use crate::bind;
use crate::hromadas::types::Kind;
use crate::i18n::{use_lang, Lang};
use crate::ui::editor::{edited_id, replace_page, save_outcome, ChoiceField, TextField};
use crate::ui::{await_view, FilterSelect, LiveParts, PageMeta};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

struct NeedsTexts {
    title: &'static str,
    description: &'static str,
    heat: &'static str,
    heat_note: &'static str,
    oblast: &'static str,
    top: &'static str,
    none: &'static str,
    newest: &'static str,
    add: &'static str,
    mine: &'static str,
    status: &'static str,
    any_status: &'static str,
    show: &'static str,
    unknown_choice: &'static str,
    total: fn(i64) -> String,
    cell: fn(i64, &str) -> String,
    named: fn(i64, &str) -> String,
    priority: &'static str,
    edit: &'static str,
    new_title: &'static str,
    edit_title: &'static str,
    hromada: &'static str,
    hromada_hint: &'static str,
    sector: &'static str,
    choose: &'static str,
    need_title: &'static str,
    need_description: &'static str,
    priority_hint: &'static str,
    source: &'static str,
    no_source: &'static str,
    dialogue: &'static str,
    survey: &'static str,
    save: &'static str,
    saved: &'static str,
    export: &'static str,
    hromada_filter: &'static str,
}

fn needs_texts(lang: Lang) -> &'static NeedsTexts {
    match lang {
        Lang::Uk => &NeedsTexts {
            title: "Потреби громад",
            description: "Потреби, які громади назвали на секторальних діалогах і в опитуваннях: за областями й секторами.",
            heat: "Потреби за областями й секторами",
            heat_note: "У клітинці — кількість потреб і в дужках їхній середній пріоритет (1–5). Темніше — більше потреб.",
            oblast: "Область",
            top: "Найчастіші потреби за секторами",
            none: "Потреб за цими умовами немає.",
            newest: "Нещодавно записані",
            add: "Записати потребу",
            mine: "Потреби моєї громади",
            status: "Стан",
            any_status: "Будь-який стан",
            show: "Показати",
            unknown_choice: "Такого значення немає; показано без цього фільтра.",
            total: |n| format!("Усього потреб: {n}"),
            cell: |n, mean| format!("{n} ({mean})"),
            named: |n, mean| format!("громад: {n}, середній пріоритет {mean}"),
            priority: "Пріоритет",
            edit: "Змінити",
            new_title: "Нова потреба",
            edit_title: "Потреба громади",
            hromada: "Громада (код КАТОТТГ)",
            hromada_hint: "Наприклад, UA32080070000050759.",
            sector: "Сектор",
            choose: "Виберіть…",
            need_title: "Коротка назва",
            need_description: "Опис",
            priority_hint: "1 — найнижчий, 5 — найвищий.",
            source: "Джерело",
            no_source: "Не вказано",
            dialogue: "Діалог",
            survey: "Опитування",
            save: "Зберегти",
            saved: "Збережено.",
            export: "Завантажити дані",
            hromada_filter: "Громада",
        },
        Lang::En => &NeedsTexts {
            title: "Hromadas' needs",
            description: "Needs that hromadas named at sectoral dialogues and in surveys, by oblast and sector.",
            heat: "Needs by oblast and sector",
            heat_note: "Each cell: the number of needs and, in brackets, their mean priority (1–5). Darker means more needs.",
            oblast: "Oblast",
            top: "The needs named most often, by sector",
            none: "No needs within this filter.",
            newest: "Recently recorded",
            add: "Record a need",
            mine: "My hromada's needs",
            status: "Status",
            any_status: "Any status",
            show: "Show",
            unknown_choice: "No such value; shown without this filter.",
            total: |n| format!("Needs in all: {n}"),
            cell: |n, mean| format!("{n} ({mean})"),
            named: |n, mean| format!("hromadas: {n}, mean priority {mean}"),
            priority: "Priority",
            edit: "Change",
            new_title: "New need",
            edit_title: "A hromada's need",
            hromada: "Hromada (KATOTTG code)",
            hromada_hint: "For example, UA32080070000050759.",
            sector: "Sector",
            choose: "Choose…",
            need_title: "Short title",
            need_description: "Description",
            priority_hint: "1 is the lowest, 5 the highest.",
            source: "Source",
            no_source: "Not given",
            dialogue: "Dialogue",
            survey: "Survey",
            save: "Save",
            saved: "Saved.",
            export: "Download the data",
            hromada_filter: "Hromada",
        },
    }
}

fn mean_text(mean: Option<f64>, lang: Lang) -> String {
    mean.map(|m| super::validate::show_number((m * 10.0).round() / 10.0, lang == Lang::Uk))
        .unwrap_or_default()
}

/// `/analytics/needs`: the heat table, the most named needs and the newest, live.
#[component]
pub fn NeedsPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let nt = needs_texts(lang);
    let query = use_query_map().with_untracked(|q| NeedsQuery {
        kind: q.get("kind").unwrap_or_default(),
        status: q.get("status").unwrap_or_default(),
        hromada: q.get("hromada").unwrap_or_default(),
    });
    let data = Resource::new(|| (), move |_| load_needs_overview(query.clone(), lang));
    let me = Resource::new(|| (), |_| crate::accounts::api::who_am_i());
    view! {
        <PageMeta title=nt.title description=nt.description/>
        <div class="page needs">
            <h1>{nt.title}</h1>
            <p class="lead">{nt.description}</p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let me = me.await.ok().flatten();
                    let can_add = me.as_ref().is_some_and(|a| a.can(Capability::RunAnalytics) || (a.can(Capability::AnswerForHromada) && a.hromada_katottg.is_some()));
                    let own = me.and_then(|a| a.hromada_katottg);
                    can_add.then(|| view! {
                        <p class="survey-actions">
                            <a class="button" href=lang.href("/analytics/needs/edit/new")>{nt.add}</a>
                            {own.map(|code| view! { " "<a class="button secondary" href=lang.href(&format!("/analytics/needs?hromada={code}"))>{nt.mine}</a> })}
                        </p>
                    })
                })}
            </Transition>
            {await_view(data, move |overview| view! { <Overview overview lang/> })}
            <LiveParts topic=crate::live::NEEDS_TOPIC.to_string()/>
        </div>
    }
}

#[component]
fn Overview(overview: NeedsOverview, lang: Lang) -> impl IntoView {
    let nt = needs_texts(lang);
    let t = lang.t();
    let query = overview.query.clone();
    let invalid = |field: &str| overview.invalid.iter().any(|f| f == field);
    let select = |name: &'static str,
                  label: &'static str,
                  options: Vec<(String, String)>,
                  current: String| {
        let options = options
            .into_iter()
            .map(|(value, name)| Choice { value, name })
            .collect();
        view! {
            <FilterSelect prefix="needs" name label options current invalid=invalid(name) message=nt.unknown_choice/>
        }
    };
    let kinds = std::iter::once((String::new(), t.any_kind.to_string()))
        .chain(
            Kind::ALL
                .iter()
                .map(|k| (k.as_str().to_string(), k.plural_label(t).to_string())),
        )
        .collect();
    let statuses = std::iter::once((String::new(), nt.any_status.to_string()))
        .chain(
            NeedStatus::ALL
                .iter()
                .map(|s| (s.as_str().to_string(), s.name(lang).to_string())),
        )
        .collect();
    let largest = overview
        .heat
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| c.count))
        .max()
        .unwrap_or(0)
        .max(1);
    let level = move |count: i64| {
        if count == 0 {
            0
        } else {
            1 + (count * 4 / largest).min(4)
        }
    };
    let query_string = query.to_query_string();
    let export = |ext: &str| {
        if query_string.is_empty() {
            format!("/analytics/needs.{ext}")
        } else {
            format!("/analytics/needs.{ext}?{query_string}")
        }
    };
    let sectors = overview.sectors.clone();
    view! {
        <form method="get" action=lang.href("/analytics/needs") class="filters" role="search" aria-label=t.filters>
            {select("kind", t.field_kind, kinds, query.kind.clone())}
            {select("status", nt.status, statuses, query.status.clone())}
            {(!query.hromada.is_empty()).then(|| view! {
                <div class="field" class:invalid=invalid("hromada")>
                    <label for="needs-hromada">{nt.hromada_filter}</label>
                    <input id="needs-hromada" name="hromada" value=query.hromada.clone()/>
                </div>
            })}
            <button type="submit" class="button">{nt.show}</button>
        </form>
        <p class="dashboard-total" aria-live="polite" data-live="needs-total">{(nt.total)(overview.total)}</p>
        <p class="exports">{nt.export}": "<a href=export("csv") download>"CSV"</a>" · "<a href=export("json") download>"JSON"</a></p>
        <div data-live="needs-overview">
            <h2>{nt.heat}</h2>
            <p class="chart-note">{nt.heat_note}</p>
            {if overview.heat.is_empty() {
                view! { <p>{nt.none}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="heat-table">
                            <caption class="visually-hidden">{nt.heat}</caption>
                            <thead><tr>
                                <th scope="col">{nt.oblast}</th>
                                {sectors.iter().map(|s| view! { <th scope="col">{s.name.clone()}</th> }).collect_view()}
                            </tr></thead>
                            <tbody>
                                {overview.heat.iter().map(|row| view! {
                                    <tr>
                                        <th scope="row">{row.name.clone()}</th>
                                        {row.cells.iter().map(|c| view! {
                                            <td class=format!("heat-{}", level(c.count))>
                                                {(c.count > 0).then(|| (nt.cell)(c.count, &mean_text(c.mean_priority, lang)))}
                                            </td>
                                        }).collect_view()}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <h2>{nt.top}</h2>
            <div class="top-needs">
                {sectors.iter().zip(&overview.top).map(|(sector, top)| view! {
                    <section>
                        <h3>{sector.name.clone()}</h3>
                        {if top.is_empty() {
                            view! { <p>{nt.none}</p> }.into_any()
                        } else {
                            view! {
                                <ol>
                                    {top.iter().map(|n| view! {
                                        <li>{n.title.clone()}" — "<span class="muted">{(nt.named)(n.count, &mean_text(Some(n.mean_priority), lang))}</span></li>
                                    }).collect_view()}
                                </ol>
                            }.into_any()
                        }}
                    </section>
                }).collect_view()}
            </div>
            <h2>{nt.newest}</h2>
            <ul class="need-list">
                {overview.newest.into_iter().map(|need| view! { <NeedItem need lang/> }).collect_view()}
            </ul>
        </div>
    }
}

/// A need in a list; `hide_source` where the list is its source's own.
#[component]
pub(super) fn NeedItem(
    need: NeedCard,
    lang: Lang,
    #[prop(optional)] hide_source: bool,
) -> impl IntoView {
    let nt = needs_texts(lang);
    view! {
        <li class="need-card">
            <h3>{need.title}</h3>
            <p class="muted">
                <a href=lang.href(&format!("/hromadas/{}", need.hromada))>{need.hromada_name}</a>
                {format!(" · {} · {} · {}: {} · {} · {}", need.oblast_name, need.sector, nt.priority, need.priority, need.status.name(lang), need.updated_at)}
            </p>
            {need.source.filter(|_| !hide_source).map(|s| view! {
                <p class="muted">{nt.source}": "<a href=lang.href(&s.path)>{s.title}</a></p>
            })}
            {(!need.description.is_empty()).then(|| view! { <p>{need.description}</p> })}
            <a href=lang.href(&format!("/analytics/needs/edit/{}", need.id))>{nt.edit}</a>
        </li>
    }
}

/// `/analytics/needs/edit/new` and `/analytics/needs/edit/:id`; a new need from a dialogue's
/// page comes with `?dialogue={id}`.
#[component]
pub fn NeedEditPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let nt = needs_texts(lang);
    let id = edited_id();
    let search = use_query_map();
    let dialogue = Memo::new(move |_| search.read().get("dialogue"));
    let data = Resource::new(move || id.get(), move |id| load_need_editor(id, lang));
    view! {
        <PageMeta title=if id.get_untracked().is_some() { nt.edit_title } else { nt.new_title } description=""/>
        <div class="page editor">
            {await_view(data, move |editor| view! { <NeedFormView editor dialogue=dialogue.get_untracked() lang/> })}
        </div>
    }
}

#[island(lazy)]
fn NeedFormView(editor: NeedEditor, dialogue: Option<String>, lang: Lang) -> impl IntoView {
    let nt = needs_texts(lang);
    let id = editor.id;
    let mut initial = editor.form.clone();
    if let Some(source) = dialogue
        .map(|d| format!("dialogue:{d}"))
        .filter(|s| id.is_none() && editor.sources.iter().any(|c| &c.value == s))
    {
        initial.source = source;
    }
    let form = RwSignal::new(initial);
    let save = ServerAction::<SaveNeed>::new();
    let (problems, failure) = save_outcome(save.value(), lang);
    Effect::new(move |_| {
        if let Some(Ok(saved)) = save.value().get() {
            if id.is_none() {
                replace_page(&lang.href(&format!("/analytics/needs/edit/{saved}")));
            }
        }
    });
    let statuses: Vec<Choice> = NeedStatus::ALL
        .iter()
        .map(|s| Choice {
            value: s.as_str().into(),
            name: s.name(lang).into(),
        })
        .collect();
    let priorities: Vec<Choice> = (1..=5)
        .map(|p| Choice {
            value: p.to_string(),
            name: p.to_string(),
        })
        .collect();
    // Which kind each source is, beside its name.
    let sources: Vec<Choice> = editor
        .sources
        .iter()
        .map(|c| {
            let kind = if c.value.starts_with("dialogue:") {
                nt.dialogue
            } else {
                nt.survey
            };
            Choice {
                value: c.value.clone(),
                name: format!("{kind}: {}", c.name),
            }
        })
        .collect();
    view! {
        <h1>{if id.is_some() { nt.edit_title } else { nt.new_title }}</h1>
        <form class="editor-form" novalidate on:submit=move |ev| {
            ev.prevent_default();
            save.dispatch(SaveNeed { id, form: form.get_untracked() });
        }>
            {if editor.hromada_fixed {
                view! { <p class="answer-for">{nt.hromada_filter}": "<strong>{editor.hromada_name.clone()}</strong></p> }.into_any()
            } else {
                view! { <TextField name="hromada" label=nt.hromada bound=bind!(form, hromada) problems required=true hint=nt.hromada_hint/> }.into_any()
            }}
            <ChoiceField name="sector" label=nt.sector bound=bind!(form, sector) options=editor.sectors.clone() first=nt.choose problems/>
            <TextField name="title" label=nt.need_title bound=bind!(form, title) problems required=true/>
            <TextField name="description" label=nt.need_description bound=bind!(form, description) problems rows=4/>
            <div class="field-row">
                <ChoiceField name="priority" label=nt.priority bound=bind!(form, priority) options=priorities first=nt.choose problems/>
                <ChoiceField name="status" label=nt.status bound=bind!(form, status) options=statuses first=nt.choose problems/>
            </div>
            <p class="field-hint">{nt.priority_hint}</p>
            <ChoiceField name="source" label=nt.source bound=bind!(form, source) options=sources first=nt.no_source problems/>
            {move || failure.get().map(|m| view! { <p class="form-notice" role="alert">{m}</p> })}
            {move || matches!(save.value().get(), Some(Ok(_))).then(|| view! { <p class="form-notice success" role="status">{nt.saved}</p> })}
            <div class="editor-actions">
                <button type="submit" class="button" disabled=move || save.pending().get()>{nt.save}</button>
                <a class="button secondary" href=lang.href("/analytics/needs")>{nt.title}</a>
            </div>
        </form>
    }
}
