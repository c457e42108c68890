//! The initiative editor: text, dates and status, sectors and places, ordered directions,
//! partners with their roles, links and a cover; kept in the browser until saved.

use super::api::{list_editable_initiatives, load_initiative_editor, save_initiative};
use super::texts::{role_name, status_name};
use super::types::*;
use crate::accounts::pages::Guarded;
use crate::accounts::types::Capability;
use crate::bind;
use crate::i18n::{use_lang, Lang};
use crate::media::pages::{ImageUpload, Picture};
use crate::ui::editor::{
    list_item_buttons, Checkboxes, Editor, EditorNav, EditorPage, EditorSetup, ListOps,
    MarkdownField, TextField,
};
use crate::ui::{await_view, PageMeta};
use leptos::prelude::*;

struct EditTexts {
    list_title: &'static str,
    new_item: &'static str,
    edit_title: &'static str,
    new_title: &'static str,
    title_uk: &'static str,
    title_en: &'static str,
    summary_uk: &'static str,
    summary_en: &'static str,
    goals_uk: &'static str,
    goals_en: &'static str,
    goals_hint: &'static str,
    body_uk: &'static str,
    body_en: &'static str,
    starts_on: &'static str,
    ends_on: &'static str,
    ends_hint: &'static str,
    status: &'static str,
    status_from_dates: &'static str,
    sectors: &'static str,
    oblasts: &'static str,
    hromadas: &'static str,
    hromadas_hint: &'static str,
    directions: &'static str,
    direction: fn(usize) -> String,
    description: &'static str,
    add_direction: &'static str,
    partners: &'static str,
    partner: fn(usize) -> String,
    name_uk: &'static str,
    name_en: &'static str,
    url: &'static str,
    role: &'static str,
    add_partner: &'static str,
    links: &'static str,
    link: fn(usize) -> String,
    link_title: &'static str,
    add_link: &'static str,
    remove: &'static str,
    move_up: &'static str,
    cover: &'static str,
    english: &'static str,
    save_draft: &'static str,
    publish: &'static str,
    unpublish: &'static str,
    published: &'static str,
    draft: &'static str,
    view: &'static str,
    title_column: &'static str,
    state: &'static str,
    updated: &'static str,
}

fn edit_texts(lang: Lang) -> &'static EditTexts {
    match lang {
        Lang::Uk => &EditTexts {
            list_title: "Редагування ініціатив",
            new_item: "Нова ініціатива",
            edit_title: "Редагування ініціативи",
            new_title: "Нова ініціатива",
            title_uk: "Назва",
            title_en: "Назва англійською",
            summary_uk: "Короткий опис",
            summary_en: "Короткий опис англійською",
            goals_uk: "Мета і завдання",
            goals_en: "Мета англійською",
            goals_hint: "Кожна мета — з нового рядка.",
            body_uk: "Докладний опис",
            body_en: "Докладний опис англійською",
            starts_on: "Початок",
            ends_on: "Завершення",
            ends_hint: "Порожньо — без кінцевої дати.",
            status: "Стан",
            status_from_dates: "За датами",
            sectors: "Сектори",
            oblasts: "Області",
            hromadas: "Громади",
            hromadas_hint: "Код КАТОТТГ або назва громади; кілька — через кому або з нового рядка.",
            directions: "Напрями",
            direction: |n| format!("Напрям {n}"),
            description: "Опис",
            add_direction: "Додати напрям",
            partners: "Партнери",
            partner: |n| format!("Партнер {n}"),
            name_uk: "Назва організації",
            name_en: "Назва англійською",
            url: "Сайт",
            role: "Роль",
            add_partner: "Додати партнера",
            links: "Посилання",
            link: |n| format!("Посилання {n}"),
            link_title: "Текст посилання",
            add_link: "Додати посилання",
            remove: "Прибрати",
            move_up: "Вище",
            cover: "Обкладинка",
            english: "Англійська версія (необов’язково)",
            save_draft: "Зберегти чернетку",
            publish: "Опублікувати",
            unpublish: "Зняти з публікації",
            published: "Опубліковано",
            draft: "Чернетка",
            view: "Переглянути на сайті",
            title_column: "Назва",
            state: "Стан",
            updated: "Змінено",
        },
        Lang::En => &EditTexts {
            list_title: "Editing initiatives",
            new_item: "New initiative",
            edit_title: "Editing an initiative",
            new_title: "New initiative",
            title_uk: "Title (Ukrainian)",
            title_en: "Title in English",
            summary_uk: "Summary (Ukrainian)",
            summary_en: "Summary in English",
            goals_uk: "Goals (Ukrainian)",
            goals_en: "Goals in English",
            goals_hint: "One goal per line.",
            body_uk: "Description (Ukrainian)",
            body_en: "Description in English",
            starts_on: "Starts",
            ends_on: "Ends",
            ends_hint: "Empty means no end date.",
            status: "Status",
            status_from_dates: "From the dates",
            sectors: "Sectors",
            oblasts: "Oblasts",
            hromadas: "Hromadas",
            hromadas_hint:
                "A KATOTTG code or a hromada's name; several separated by commas or lines.",
            directions: "Directions",
            direction: |n| format!("Direction {n}"),
            description: "Description",
            add_direction: "Add a direction",
            partners: "Partners",
            partner: |n| format!("Partner {n}"),
            name_uk: "Organisation (Ukrainian)",
            name_en: "Organisation in English",
            url: "Website",
            role: "Role",
            add_partner: "Add a partner",
            links: "Links",
            link: |n| format!("Link {n}"),
            link_title: "Link text",
            add_link: "Add a link",
            remove: "Remove",
            move_up: "Move up",
            cover: "Cover image",
            english: "English version (optional)",
            save_draft: "Save as draft",
            publish: "Publish",
            unpublish: "Unpublish",
            published: "Published",
            draft: "Draft",
            view: "View on the site",
            title_column: "Title",
            state: "State",
            updated: "Changed",
        },
    }
}

/// `/edit/initiatives`: every initiative, published or not.
#[component]
pub fn InitiativeEditListPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let et = edit_texts(lang);
    let data = Resource::new(|| (), |_| list_editable_initiatives());
    view! {
        <PageMeta title=et.list_title description=""/>
        <div class="page editor-list">
            <Guarded capability=Capability::EditContent>
                <EditorNav/>
                <h1>{et.list_title}</h1>
                <p><a class="button" href=lang.href("/edit/initiatives/new")>{et.new_item}</a></p>
                {await_view(data, move |items| view! {
                    <div class="table-scroll">
                        <table>
                            <thead><tr>
                                <th scope="col">{et.title_column}</th>
                                <th scope="col">{et.state}</th>
                                <th scope="col">{et.status}</th>
                                <th scope="col">{et.updated}</th>
                            </tr></thead>
                            <tbody>
                                {items.into_iter().map(|item| view! {
                                    <tr>
                                        <td><a href=lang.href(&format!("/edit/initiatives/{}", item.id))>{item.title}</a></td>
                                        <td>{if item.published { et.published } else { et.draft }}</td>
                                        <td>{status_name(lang, item.status)}</td>
                                        <td>{item.updated_at}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                })}
            </Guarded>
        </div>
    }
}

/// `/edit/initiatives/new` and `/edit/initiatives/:id`.
#[component]
pub fn InitiativeEditPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let et = edit_texts(lang);
    view! {
        <EditorPage capability=Capability::EditContent new_title=et.new_title edit_title=et.edit_title
            load=move |id| load_initiative_editor(id, lang)
            form=move |editor| view! { <InitiativeEditorForm editor lang/> }/>
    }
}

#[island(lazy)]
fn InitiativeEditorForm(editor: InitiativeEditor, lang: Lang) -> impl IntoView {
    let et = edit_texts(lang);
    let id = editor.id;
    let ed = Editor::new(
        EditorSetup {
            kind: "initiative",
            id,
            edit_path: "/edit/initiatives",
            lang,
        },
        editor.form,
        move |form, ()| save_initiative(id, form),
        |done: &SavedInitiative| done.id,
        |_, _| {},
    );
    let (form, saved, problems, pending) = (ed.form, ed.state.saved, ed.problems, ed.pending());
    let slug = RwSignal::new(editor.slug);
    Effect::new(move |_| {
        if let Some(done) = ed.saved().get() {
            slug.set(done.slug);
        }
    });
    let submit = move |published: bool| {
        form.update(|f| f.published = published);
        ed.submit(());
    };
    let sector_options: Vec<(String, String)> = editor
        .sectors
        .iter()
        .map(|c| (c.value.clone(), c.name.clone()))
        .collect();
    let oblast_options: Vec<(String, String)> = editor
        .oblasts
        .iter()
        .map(|c| (c.value.clone(), c.name.clone()))
        .collect();
    let published = move || saved.with(|s| s.published);
    let directions = Memo::new(move |_| form.with(|f| f.directions.len()));
    let partners = Memo::new(move |_| form.with(|f| f.partners.len()));
    let links = Memo::new(move |_| form.with(|f| f.links.len()));
    // Remove and move-up buttons for the item at `i` of one list.
    let item_buttons = move |i: usize, list: fn(&mut InitiativeForm) -> &mut dyn ListOps| {
        list_item_buttons(form, i, list, et.move_up, et.remove)
    };
    let sector_options_for_directions = sector_options.clone();
    view! {
        <h1>{if id.is_some() { et.edit_title } else { et.new_title }}</h1>
        <p class="editor-status" aria-live="polite">
            {et.state}": "<strong>{move || if published() { et.published } else { et.draft }}</strong>
            {move || (published() && !slug.get().is_empty()).then(|| view! {
                " · "<a href=lang.href(&format!("/initiatives/{}", slug.get()))>{et.view}</a>
            })}
            " · "
            {ed.status()}
        </p>
        {ed.autosave()}
        <form class="editor-form" on:submit=move |ev| { ev.prevent_default(); submit(false) }>
            <TextField name="title_uk" label=et.title_uk bound=bind!(form, title_uk) problems required=true/>
            <TextField name="summary_uk" label=et.summary_uk bound=bind!(form, summary_uk) problems rows=3 required=true/>
            <TextField name="goals_uk" label=et.goals_uk bound=bind!(form, goals_uk) problems rows=4 hint=et.goals_hint/>
            <MarkdownField name="body_uk" label=et.body_uk bound=bind!(form, body_uk) problems rows=8/>
            <div class="field-row">
                <TextField name="starts_on" label=et.starts_on bound=bind!(form, starts_on) problems kind="date" required=true/>
                <TextField name="ends_on" label=et.ends_on bound=bind!(form, ends_on) problems kind="date" hint=et.ends_hint/>
                <div class="field">
                    <label for="e-status_override">{et.status}</label>
                    <select id="e-status_override" name="status_override" on:change=move |ev| form.update(|f| f.status_override = event_target_value(&ev))>
                        <option value="" selected=move || form.with(|f| f.status_override.is_empty())>{et.status_from_dates}</option>
                        {InitiativeStatus::ALL.into_iter().map(|s| view! {
                            <option value=s.as_str() selected=move || form.with(|f| f.status_override == s.as_str())>{status_name(lang, s)}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <Checkboxes name="sectors" legend=et.sectors options=sector_options
                selected=Signal::derive(move || form.with(|f| f.sectors.clone())) toggle=ed.state.toggler(|f| &mut f.sectors) problems/>
            <details class="editor-places">
                <summary>{et.oblasts}" / "{et.hromadas}</summary>
                <Checkboxes name="oblasts" legend=et.oblasts options=oblast_options
                    selected=Signal::derive(move || form.with(|f| f.oblasts.clone())) toggle=ed.state.toggler(|f| &mut f.oblasts) problems/>
                <TextField name="hromadas" label=et.hromadas bound=bind!(form, hromadas) problems rows=3 hint=et.hromadas_hint/>
            </details>
            <fieldset class="editor-list-items">
                <legend>{et.directions}</legend>
                {move || (0..directions.get()).map(|i| {
                    let options = sector_options_for_directions.clone();
                    let selected = Signal::derive(move || form.with(|f| f.directions.get(i).map(|d| d.sectors.clone()).unwrap_or_default()));
                    let toggle = Callback::new(move |(value, on): (String, bool)| form.update(|f| {
                        if let Some(d) = f.directions.get_mut(i) {
                            d.sectors.retain(|v| v != &value);
                            if on { d.sectors.push(value); }
                        }
                    }));
                    view! {
                        <fieldset class="list-item">
                            <legend>{(et.direction)(i + 1)}</legend>
                            <TextField name=format!("directions.{i}.title_uk") label=et.title_uk bound=bind!(form, directions[i].title_uk) problems required=true/>
                            <MarkdownField name=format!("directions.{i}.description_uk") label=et.description bound=bind!(form, directions[i].description_uk) problems rows=4/>
                            <TextField name=format!("directions.{i}.title_en") label=et.title_en bound=bind!(form, directions[i].title_en) problems lang_attr="en"/>
                            <TextField name=format!("directions.{i}.description_en") label=et.body_en bound=bind!(form, directions[i].description_en) problems rows=3 lang_attr="en"/>
                            <Checkboxes name=format!("directions.{i}.sectors") legend=et.sectors options selected toggle problems/>
                            {item_buttons(i, |f| &mut f.directions)}
                        </fieldset>
                    }
                }).collect_view()}
                <button type="button" class="button secondary" on:click=move |_| form.update(|f| f.directions.push(DirectionForm::default()))>{et.add_direction}</button>
            </fieldset>
            <fieldset class="editor-list-items">
                <legend>{et.partners}</legend>
                {move || (0..partners.get()).map(|i| view! {
                    <fieldset class="list-item">
                        <legend>{(et.partner)(i + 1)}</legend>
                        <TextField name=format!("partners.{i}.name_uk") label=et.name_uk bound=bind!(form, partners[i].name_uk) problems required=true/>
                        <TextField name=format!("partners.{i}.name_en") label=et.name_en bound=bind!(form, partners[i].name_en) problems lang_attr="en"/>
                        <TextField name=format!("partners.{i}.url") label=et.url bound=bind!(form, partners[i].url) problems kind="url"/>
                        <div class="field">
                            <label for=format!("e-partners-{i}-role")>{et.role}</label>
                            <select id=format!("e-partners-{i}-role") on:change=move |ev| {
                                let role = PartnerRole::parse(&event_target_value(&ev)).unwrap_or(PartnerRole::Partner);
                                form.update(|f| if let Some(p) = f.partners.get_mut(i) { p.role = role; });
                            }>
                                {PartnerRole::ALL.into_iter().map(|r| view! {
                                    <option value=r.as_str() selected=move || form.with(|f| f.partners.get(i).is_some_and(|p| p.role == r))>{role_name(lang, r)}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        {item_buttons(i, |f| &mut f.partners)}
                    </fieldset>
                }).collect_view()}
                <button type="button" class="button secondary" on:click=move |_| form.update(|f| f.partners.push(PartnerForm::default()))>{et.add_partner}</button>
            </fieldset>
            <fieldset class="editor-list-items">
                <legend>{et.links}</legend>
                {move || (0..links.get()).map(|i| view! {
                    <fieldset class="list-item">
                        <legend>{(et.link)(i + 1)}</legend>
                        <TextField name=format!("links.{i}.title") label=et.link_title bound=bind!(form, links[i].title) problems required=true/>
                        <TextField name=format!("links.{i}.url") label=et.url bound=bind!(form, links[i].url) problems kind="url" required=true/>
                        {item_buttons(i, |f| &mut f.links)}
                    </fieldset>
                }).collect_view()}
                <button type="button" class="button secondary" on:click=move |_| form.update(|f| f.links.push(LinkForm::default()))>{et.add_link}</button>
            </fieldset>
            <fieldset class="editor-images">
                <legend>{et.cover}</legend>
                {move || form.with(|f| f.cover.clone()).map(|image| view! {
                    <figure class="editor-image">
                        <Picture image sizes="10rem"/>
                        <button type="button" class="button secondary" on:click=move |_| form.update(|f| f.cover = None)>{et.remove}</button>
                    </figure>
                })}
                <ImageUpload label=et.cover id="cover-upload" on_uploaded=Callback::new(move |image| form.update(|f| f.cover = Some(image)))/>
            </fieldset>
            <details class="editor-english">
                <summary>{et.english}</summary>
                <TextField name="title_en" label=et.title_en bound=bind!(form, title_en) problems lang_attr="en"/>
                <TextField name="summary_en" label=et.summary_en bound=bind!(form, summary_en) problems rows=3 lang_attr="en"/>
                <TextField name="goals_en" label=et.goals_en bound=bind!(form, goals_en) problems rows=4 lang_attr="en"/>
                <MarkdownField name="body_en" label=et.body_en bound=bind!(form, body_en) problems rows=8/>
            </details>
            {ed.failure_notice()}
            <div class="editor-actions">
                <button type="submit" class="button secondary" disabled=pending>
                    {move || if published() { et.unpublish } else { et.save_draft }}
                </button>
                <button type="button" class="button" disabled=pending on:click=move |_| submit(true)>{et.publish}</button>
            </div>
        </form>
    }
}
