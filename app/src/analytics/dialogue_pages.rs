//! The sectoral dialogues: their list, a dialogue with the needs named at it, and its editor.

use super::dialogues::*;
use super::needs_pages::NeedItem;
use super::types::Choice;
use crate::accounts::types::{AccountView, Capability};
use crate::bind;
use crate::common::Day;
use crate::error::AppError;
use crate::i18n::{use_lang, Lang};
use crate::news::texts::format_day;
use crate::ui::editor::{
    texts as editor_texts, ChoiceField, Editor, EditorPage, EditorSetup, MarkdownField, TextField,
};
use crate::ui::{await_view, FilterSelect, PageMeta};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

struct DialogueTexts {
    title: &'static str,
    description: &'static str,
    new_item: &'static str,
    sector: &'static str,
    any_sector: &'static str,
    show: &'static str,
    unknown_choice: &'static str,
    none: &'static str,
    held_on: &'static str,
    place: &'static str,
    place_hint: &'static str,
    online_url: &'static str,
    online: &'static str,
    moderator: &'static str,
    agenda: &'static str,
    agenda_en: &'static str,
    lines_hint: &'static str,
    hromadas: &'static str,
    hromadas_hint: &'static str,
    participants: &'static str,
    participants_hint: &'static str,
    summary: &'static str,
    summary_uk: &'static str,
    summary_en: &'static str,
    needs: &'static str,
    no_needs: &'static str,
    edit: &'static str,
    add_need: &'static str,
    english_missing: &'static str,
    new_title: &'static str,
    edit_title: &'static str,
    title_uk: &'static str,
    title_en: &'static str,
    choose: &'static str,
    english: &'static str,
    save: &'static str,
    view: &'static str,
}

fn texts(lang: Lang) -> &'static DialogueTexts {
    match lang {
        Lang::Uk => &DialogueTexts {
            title: "Секторальні діалоги",
            description: "Зустрічі громад області щодо одного сектору: порядок денний, учасники, підсумки й названі потреби.",
            new_item: "Новий діалог",
            sector: "Сектор",
            any_sector: "Усі сектори",
            show: "Показати",
            unknown_choice: "Такого значення немає; показано без цього фільтра.",
            none: "Діалогів за цими умовами немає.",
            held_on: "Дата",
            place: "Місце",
            place_hint: "Адреса чи назва приміщення. Для онлайн-зустрічі можна лишити порожнім і дати посилання.",
            online_url: "Посилання на онлайн-зустріч",
            online: "Онлайн",
            moderator: "Модератор",
            agenda: "Порядок денний",
            agenda_en: "Порядок денний англійською",
            lines_hint: "Кожен пункт — з нового рядка.",
            hromadas: "Громади-учасниці",
            hromadas_hint: "Код КАТОТТГ або назва громади; кілька — через кому або з нового рядка.",
            participants: "Учасники",
            participants_hint: "Кожен учасник — з нового рядка: ім’я, посада, організація.",
            summary: "Підсумки",
            summary_uk: "Підсумки й протокол",
            summary_en: "Підсумки англійською",
            needs: "Потреби, названі на діалозі",
            no_needs: "Потреб ще не записано.",
            edit: "Редагувати",
            add_need: "Записати потребу",
            english_missing: "Англійської версії немає.",
            new_title: "Новий діалог",
            edit_title: "Редагування діалогу",
            title_uk: "Назва",
            title_en: "Назва англійською",
            choose: "Виберіть…",
            english: "Англійська версія (необов’язково)",
            save: "Зберегти",
            view: "Переглянути на сайті",
        },
        Lang::En => &DialogueTexts {
            title: "Sectoral dialogues",
            description: "Meetings of an oblast's hromadas on one sector: the agenda, participants, summary and the needs they named.",
            new_item: "New dialogue",
            sector: "Sector",
            any_sector: "All sectors",
            show: "Show",
            unknown_choice: "No such value; shown without this filter.",
            none: "No dialogues within this filter.",
            held_on: "Date",
            place: "Place",
            place_hint: "An address or venue. For an online meeting it may stay empty, with the link given.",
            online_url: "Online meeting link",
            online: "Online",
            moderator: "Moderator",
            agenda: "Agenda",
            agenda_en: "Agenda in English",
            lines_hint: "One item per line.",
            hromadas: "Participating hromadas",
            hromadas_hint:
                "A KATOTTG code or a hromada's name; several separated by commas or lines.",
            participants: "Participants",
            participants_hint: "One participant per line: name, position, organisation.",
            summary: "Summary",
            summary_uk: "Summary and minutes (Ukrainian)",
            summary_en: "Summary in English",
            needs: "Needs named at the dialogue",
            no_needs: "No needs recorded yet.",
            edit: "Edit",
            add_need: "Record a need",
            english_missing: "This dialogue has no English version; it is shown in Ukrainian.",
            new_title: "New dialogue",
            edit_title: "Editing a dialogue",
            title_uk: "Title (Ukrainian)",
            title_en: "Title in English",
            choose: "Choose…",
            english: "English version (optional)",
            save: "Save",
            view: "View on the site",
        },
    }
}

fn dialogue_href(lang: Lang, id: i64) -> String {
    lang.href(&format!("/analytics/dialogues/{id}"))
}

#[component]
fn HeldOn(day: Day, lang: Lang) -> impl IntoView {
    view! { <time datetime=iso_day(day)>{format_day(lang, day)}</time> }
}

/// `/analytics/dialogues`: the dialogues, the latest first, by sector and oblast.
#[component]
pub fn DialoguesPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let dt = texts(lang);
    let search = use_query_map();
    let query = Memo::new(move |_| {
        let q = search.read();
        DialogueQuery {
            sector: q.get("sector").unwrap_or_default(),
            oblast: q.get("oblast").unwrap_or_default(),
        }
    });
    let data = Resource::new(
        move || query.get(),
        move |query| load_dialogues(query, lang),
    );
    let me = Resource::new(|| (), |_| crate::accounts::api::who_am_i());
    view! {
        <PageMeta title=dt.title description=dt.description/>
        <div class="page dialogues">
            <nav class="breadcrumbs" aria-label=lang.t().breadcrumbs>
                <ol><li><a href=lang.href("/analytics")>{lang.t().nav_analytics}</a></li></ol>
            </nav>
            <h1>{dt.title}</h1>
            <p class="lead">{dt.description}</p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let can = me.await.ok().flatten().is_some_and(|a| a.can(Capability::RunAnalytics));
                    can.then(|| view! {
                        <p class="survey-actions"><a class="button" href=lang.href("/edit/dialogues/new")>{dt.new_item}</a></p>
                    })
                })}
            </Transition>
            {await_view(data, move |list| view! { <DialogueListView list lang/> })}
        </div>
    }
}

#[component]
fn DialogueListView(list: DialogueList, lang: Lang) -> impl IntoView {
    let dt = texts(lang);
    let t = lang.t();
    let invalid = |field: &str| list.invalid.iter().any(|f| f == field);
    let select = |name: &'static str,
                  label: &'static str,
                  any: &'static str,
                  options: Vec<Choice>,
                  current: String| {
        view! {
            <FilterSelect prefix="dialogues" name label any options current
                invalid=invalid(name) message=dt.unknown_choice/>
        }
    };
    view! {
        <form method="get" action=lang.href("/analytics/dialogues") class="filters" role="search" aria-label=t.filters>
            {select("sector", dt.sector, dt.any_sector, list.sectors.clone(), list.query.sector.clone())}
            {select("oblast", t.field_oblast, t.any_oblast, list.oblasts.clone(), list.query.oblast.clone())}
            <button type="submit" class="button">{dt.show}</button>
        </form>
        {if list.items.is_empty() {
            view! { <p class="empty">{dt.none}</p> }.into_any()
        } else {
            view! {
                <ul class="survey-list">
                    {list.items.into_iter().map(|d| view! {
                        <li class="survey-card">
                            <h2><a href=dialogue_href(lang, d.id)>{d.title}</a></h2>
                            <p class="survey-meta">
                                <HeldOn day=d.held_on lang/>{format!(" · {} · {}", d.oblast.name, d.sector)}
                            </p>
                            {(!d.moderator.is_empty()).then(|| view! { <p class="muted">{dt.moderator}": "{d.moderator}</p> })}
                        </li>
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}

/// `/analytics/dialogues/:id`.
#[component]
pub fn DialoguePageView() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    });
    let data = Resource::new(move || id.get(), move |id| load_dialogue(id, lang));
    let me = Resource::new(|| (), |_| crate::accounts::api::who_am_i());
    view! {
        <div class="page dialogue">
            {await_view(data, move |page| view! { <Dialogue page me lang/> })}
        </div>
    }
}

#[component]
fn Dialogue(
    page: DialoguePage,
    me: Resource<Result<Option<AccountView>, AppError>>,
    lang: Lang,
) -> impl IntoView {
    let dt = texts(lang);
    let card = page.card;
    let id = card.id;
    // English asked for and missing: the texts shown are Ukrainian.
    let content_lang = page.english_missing.then_some("uk");
    view! {
        <PageMeta title=card.title.clone() description=dt.description/>
        <nav class="breadcrumbs" aria-label=lang.t().breadcrumbs>
            <ol>
                <li><a href=lang.href("/analytics")>{lang.t().nav_analytics}</a></li>
                <li><a href=lang.href("/analytics/dialogues")>{dt.title}</a></li>
            </ol>
        </nav>
        <article>
            <header>
                <h1 lang=content_lang>{card.title.clone()}</h1>
                {page.english_missing.then(|| view! { <p class="notice">{dt.english_missing}</p> })}
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let can = me.await.ok().flatten().is_some_and(|a| a.can(Capability::RunAnalytics));
                        can.then(|| view! {
                            <p class="survey-actions">
                                <a class="button" href=lang.href(&format!("/edit/dialogues/{id}"))>{dt.edit}</a>
                                <a class="button secondary" href=lang.href(&format!("/analytics/needs/edit/new?dialogue={id}"))>{dt.add_need}</a>
                            </p>
                        })
                    })}
                </Transition>
            </header>
            <div class="initiative-facts">
                <dl>
                    <dt>{dt.held_on}</dt><dd><HeldOn day=card.held_on lang/></dd>
                    <dt>{lang.t().field_oblast}</dt>
                    <dd><a href=lang.href(&format!("/oblasts/{}", card.oblast.katottg))>{card.oblast.name}</a></dd>
                    <dt>{dt.sector}</dt><dd>{card.sector}</dd>
                    {(!page.place.is_empty()).then(|| view! { <dt>{dt.place}</dt><dd>{page.place}</dd> })}
                    {(!page.online_url.is_empty()).then(|| {
                        let url = page.online_url.clone();
                        view! { <dt>{dt.online}</dt><dd><a href=url rel="noopener nofollow">{page.online_url}</a></dd> }
                    })}
                    {(!card.moderator.is_empty()).then(|| view! { <dt>{dt.moderator}</dt><dd>{card.moderator}</dd> })}
                </dl>
            </div>
            {(!page.agenda.is_empty()).then(|| view! {
                <section aria-labelledby="dialogue-agenda">
                    <h2 id="dialogue-agenda">{dt.agenda}</h2>
                    <ol lang=content_lang>{page.agenda.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}</ol>
                </section>
            })}
            {(!page.hromadas.is_empty()).then(|| view! {
                <section aria-labelledby="dialogue-hromadas">
                    <h2 id="dialogue-hromadas">{dt.hromadas}</h2>
                    <ul>
                        {page.hromadas.into_iter().map(|h| view! {
                            <li><a href=lang.href(&format!("/hromadas/{}", h.katottg))>{h.name}</a></li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {(!page.participants.is_empty()).then(|| view! {
                <section aria-labelledby="dialogue-participants">
                    <h2 id="dialogue-participants">{dt.participants}</h2>
                    <ul>{page.participants.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </section>
            })}
            {(!page.summary_html.is_empty()).then(|| view! {
                <section aria-labelledby="dialogue-summary">
                    <h2 id="dialogue-summary">{dt.summary}</h2>
                    <div class="news-body" lang=content_lang inner_html=page.summary_html></div>
                </section>
            })}
        </article>
        <section aria-labelledby="dialogue-needs">
            <h2 id="dialogue-needs">{dt.needs}</h2>
            {if page.needs.is_empty() {
                view! { <p class="empty">{dt.no_needs}</p> }.into_any()
            } else {
                view! {
                    <ul class="need-list">
                        {page.needs.into_iter().map(|need| view! { <NeedItem need lang hide_source=true/> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

/// `/edit/dialogues/new` and `/edit/dialogues/:id`.
#[component]
pub fn DialogueEditPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let dt = texts(lang);
    view! {
        <EditorPage capability=Capability::RunAnalytics new_title=dt.new_title edit_title=dt.edit_title
            load=move |id| load_dialogue_editor(id, lang)
            form=move |editor| view! { <DialogueEditorForm editor lang/> }/>
    }
}

#[island(lazy)]
fn DialogueEditorForm(editor: DialogueEditor, lang: Lang) -> impl IntoView {
    let dt = texts(lang);
    let id = editor.id;
    let ed = Editor::new(
        EditorSetup {
            kind: "dialogue",
            id,
            edit_path: "/edit/dialogues",
            lang,
        },
        editor.form,
        move |form, ()| save_dialogue(id, form),
        |saved_id: &i64| *saved_id,
        |_, _| {},
    );
    let (form, problems) = (ed.form, ed.problems);
    view! {
        <h1>{if id.is_some() { dt.edit_title } else { dt.new_title }}</h1>
        <p class="editor-status" aria-live="polite">
            {id.map(|id| view! { <a href=dialogue_href(lang, id)>{dt.view}</a>" · " })}
            {ed.status()}
        </p>
        {ed.autosave()}
        <form class="editor-form" novalidate on:submit=move |ev| { ev.prevent_default(); ed.submit(()) }>
            <TextField name="title_uk" label=dt.title_uk bound=bind!(form, title_uk) problems required=true/>
            <div class="field-row">
                <ChoiceField name="sector" label=dt.sector bound=bind!(form, sector) options=editor.sectors first=dt.choose problems required=true/>
                <ChoiceField name="oblast" label=lang.t().field_oblast bound=bind!(form, oblast) options=editor.oblasts first=dt.choose problems required=true/>
                <TextField name="held_on" label=dt.held_on bound=bind!(form, held_on) problems kind="date" required=true/>
            </div>
            <div class="field-row">
                <TextField name="place" label=dt.place bound=bind!(form, place) problems hint=dt.place_hint/>
                <TextField name="online_url" label=dt.online_url bound=bind!(form, online_url) problems kind="url"/>
            </div>
            <TextField name="moderator" label=dt.moderator bound=bind!(form, moderator) problems/>
            <TextField name="agenda_uk" label=dt.agenda bound=bind!(form, agenda_uk) problems rows=5 hint=dt.lines_hint/>
            <TextField name="hromadas" label=dt.hromadas bound=bind!(form, hromadas) problems rows=3 hint=dt.hromadas_hint/>
            <TextField name="participants" label=dt.participants bound=bind!(form, participants) problems rows=5 hint=dt.participants_hint/>
            <MarkdownField name="summary_uk" label=dt.summary_uk bound=bind!(form, summary_uk) problems/>
            <details class="editor-english">
                <summary>{dt.english}</summary>
                <TextField name="title_en" label=dt.title_en bound=bind!(form, title_en) problems lang_attr="en"/>
                <TextField name="agenda_en" label=dt.agenda_en bound=bind!(form, agenda_en) problems rows=5 lang_attr="en" hint=dt.lines_hint/>
                <TextField name="summary_en" label=dt.summary_en bound=bind!(form, summary_en) problems rows=10 lang_attr="en" hint=editor_texts(lang).markdown_hint/>
            </details>
            {ed.failure_notice()}
            <div class="editor-actions">
                <button type="submit" class="button" disabled=ed.pending()>{dt.save}</button>
                <a class="button secondary" href=lang.href("/analytics/dialogues")>{dt.title}</a>
            </div>
        </form>
    }
}
