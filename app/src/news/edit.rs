//! The news editor: write, preview, save as a draft, publish, schedule, unpublish; images; what
//! is typed is kept in the browser until saved.

use super::api::{list_editable_news, load_news_editor, save_news};
use super::types::*;
use crate::accounts::pages::Guarded;
use crate::accounts::types::Capability;
use crate::bind;
use crate::i18n::{use_lang, Lang};
use crate::media::pages::{ImageUpload, Picture};
use crate::media::types::ImageRef;
use crate::ui::editor::{
    Checkboxes, Editor, EditorNav, EditorPage, EditorSetup, MarkdownField, TextField,
};
use crate::ui::{await_view, PageMeta, Pagination};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

pub fn state_name(lang: Lang, state: NewsState) -> &'static str {
    match (lang, state) {
        (Lang::Uk, NewsState::Draft) => "Чернетка",
        (Lang::Uk, NewsState::Scheduled) => "Заплановано",
        (Lang::Uk, NewsState::Published) => "Опубліковано",
        (Lang::En, NewsState::Draft) => "Draft",
        (Lang::En, NewsState::Scheduled) => "Scheduled",
        (Lang::En, NewsState::Published) => "Published",
    }
}

struct EditTexts {
    list_title: &'static str,
    new_item: &'static str,
    edit_title: &'static str,
    new_title: &'static str,
    title_uk: &'static str,
    title_en: &'static str,
    lead_uk: &'static str,
    lead_en: &'static str,
    body_uk: &'static str,
    body_en: &'static str,
    publish_at: &'static str,
    publish_at_hint: &'static str,
    tags: &'static str,
    tags_hint: &'static str,
    source_name: &'static str,
    source_url: &'static str,
    initiative: &'static str,
    no_initiative: &'static str,
    sectors: &'static str,
    oblasts: &'static str,
    hromadas: &'static str,
    hromadas_hint: &'static str,
    cover: &'static str,
    remove: &'static str,
    gallery: &'static str,
    add_image: &'static str,
    save_draft: &'static str,
    publish: &'static str,
    schedule: &'static str,
    unpublish: &'static str,
    state: &'static str,
    view: &'static str,
    title_column: &'static str,
    updated: &'static str,
    published_at: &'static str,
    english: &'static str,
}

fn edit_texts(lang: Lang) -> &'static EditTexts {
    match lang {
        Lang::Uk => &EditTexts {
            list_title: "Редагування новин",
            new_item: "Нова новина",
            edit_title: "Редагування новини",
            new_title: "Нова новина",
            title_uk: "Заголовок",
            title_en: "Заголовок англійською",
            lead_uk: "Лід (короткий виклад)",
            lead_en: "Лід англійською",
            body_uk: "Текст",
            body_en: "Текст англійською",
            publish_at: "Час публікації (Київ)",
            publish_at_hint:
                "Порожньо — зараз. Час у майбутньому — новина з’явиться сама в цей час.",
            tags: "Теги",
            tags_hint: "Через кому, наприклад: децентралізація, освіта",
            source_name: "Джерело",
            source_url: "Посилання на джерело",
            initiative: "Ініціатива",
            no_initiative: "Без ініціативи",
            sectors: "Сектори",
            oblasts: "Області",
            hromadas: "Громади",
            hromadas_hint: "Код КАТОТТГ або назва громади; кілька — через кому або з нового рядка.",
            cover: "Обкладинка",
            remove: "Прибрати",
            gallery: "Приєднані зображення",
            add_image: "Додати зображення",
            save_draft: "Зберегти чернетку",
            publish: "Опублікувати",
            schedule: "Запланувати",
            unpublish: "Зняти з публікації",
            state: "Стан",
            view: "Переглянути на сайті",
            title_column: "Заголовок",
            updated: "Змінено",
            published_at: "Публікація",
            english: "Англійська версія (необов’язково)",
        },
        Lang::En => &EditTexts {
            list_title: "Editing news",
            new_item: "New item",
            edit_title: "Editing a news item",
            new_title: "New news item",
            title_uk: "Title (Ukrainian)",
            title_en: "Title in English",
            lead_uk: "Lead (Ukrainian)",
            lead_en: "Lead in English",
            body_uk: "Text (Ukrainian)",
            body_en: "Text in English",
            publish_at: "Publication time (Kyiv)",
            publish_at_hint: "Empty means now. A future time makes the item appear by itself then.",
            tags: "Tags",
            tags_hint: "Separated by commas, e.g. decentralisation, education",
            source_name: "Source",
            source_url: "Source link",
            initiative: "Initiative",
            no_initiative: "No initiative",
            sectors: "Sectors",
            oblasts: "Oblasts",
            hromadas: "Hromadas",
            hromadas_hint:
                "A KATOTTG code or a hromada's name; several separated by commas or lines.",
            cover: "Cover image",
            remove: "Remove",
            gallery: "Attached images",
            add_image: "Add an image",
            save_draft: "Save as draft",
            publish: "Publish",
            schedule: "Schedule",
            unpublish: "Unpublish",
            state: "State",
            view: "View on the site",
            title_column: "Title",
            updated: "Changed",
            published_at: "Publication",
            english: "English version (optional)",
        },
    }
}

/// `/edit/news`: every item in any state, newest change first.
#[component]
pub fn NewsEditListPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let et = edit_texts(lang);
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse().ok())
            .unwrap_or(1u32)
    });
    let data = Resource::new(move || page.get(), list_editable_news);
    view! {
        <PageMeta title=et.list_title description=""/>
        <div class="page editor-list">
            <Guarded capability=Capability::EditContent>
                <EditorNav/>
                <h1>{et.list_title}</h1>
                <p><a class="button" href=lang.href("/edit/news/new")>{et.new_item}</a></p>
                {await_view(data, move |list| {
                    let href = move |n: u32| format!("{}?page={n}", lang.href("/edit/news"));
                    view! {
                        <div class="table-scroll">
                            <table>
                                <thead><tr>
                                    <th scope="col">{et.title_column}</th>
                                    <th scope="col">{et.state}</th>
                                    <th scope="col">{et.published_at}</th>
                                    <th scope="col">{et.updated}</th>
                                </tr></thead>
                                <tbody>
                                    {list.items.into_iter().map(|item| view! {
                                        <tr>
                                            <td><a href=lang.href(&format!("/edit/news/{}", item.id))>{item.title}</a></td>
                                            <td><span class=format!("state-badge state-{}", item.state.as_str())>{state_name(lang, item.state)}</span></td>
                                            <td>{item.publish_at}</td>
                                            <td>{item.updated_at}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <Pagination lang page=list.page pages=list.pages href/>
                    }
                })}
            </Guarded>
        </div>
    }
}

/// `/edit/news/new` and `/edit/news/:id`.
#[component]
pub fn NewsEditPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let et = edit_texts(lang);
    view! {
        <EditorPage capability=Capability::EditContent new_title=et.new_title edit_title=et.edit_title
            load=move |id| load_news_editor(id, lang)
            form=move |editor| view! { <NewsEditorForm editor lang/> }/>
    }
}

#[island(lazy)]
fn NewsEditorForm(editor: NewsEditor, lang: Lang) -> impl IntoView {
    let et = edit_texts(lang);
    let id = editor.id;
    let ed = Editor::new(
        EditorSetup {
            kind: "news",
            id,
            edit_path: "/edit/news",
            lang,
        },
        editor.form,
        move |form, publishing| save_news(id, form, publishing),
        |done: &SavedNews| done.id,
        |form: &mut NewsForm, done: &SavedNews| form.publish_at = done.publish_at.clone(),
    );
    let (form, problems, pending) = (ed.form, ed.problems, ed.pending());
    let state = RwSignal::new(editor.state);
    let slug = RwSignal::new(editor.slug);
    Effect::new(move |_| {
        if let Some(done) = ed.saved().get() {
            state.set(done.state);
            slug.set(done.slug);
        }
    });
    let sector_options: Vec<(String, String)> = editor
        .sectors
        .iter()
        .map(|s| (s.slug.clone(), s.name(lang).to_string()))
        .collect();
    let oblast_options: Vec<(String, String)> = editor
        .oblasts
        .iter()
        .map(|o| (o.katottg.clone(), o.name.clone()))
        .collect();
    let initiatives = editor.initiatives;
    view! {
        <h1>{if id.is_some() { et.edit_title } else { et.new_title }}</h1>
        <p class="editor-status" aria-live="polite">
            {et.state}": "<strong>{move || state_name(lang, state.get())}</strong>
            {move || (state.get() != NewsState::Draft && !slug.get().is_empty()).then(|| view! {
                " · "<a href=lang.href(&format!("/news/{}", slug.get()))>{et.view}</a>
            })}
            " · "
            {ed.status()}
        </p>
        {ed.autosave()}
        <form class="editor-form" on:submit=move |ev| { ev.prevent_default(); ed.submit(Publishing::Draft) }>
            <TextField name="title_uk" label=et.title_uk bound=bind!(form, title_uk) problems required=true/>
            <TextField name="lead_uk" label=et.lead_uk bound=bind!(form, lead_uk) problems rows=3 required=true/>
            <MarkdownField name="body_uk" label=et.body_uk bound=bind!(form, body_uk) problems required=true/>
            <TextField name="publish_at" label=et.publish_at bound=bind!(form, publish_at) problems kind="datetime-local" hint=et.publish_at_hint/>
            <TextField name="tags" label=et.tags bound=bind!(form, tags) problems hint=et.tags_hint/>
            <div class="field">
                <label for="e-initiative">{et.initiative}</label>
                <select id="e-initiative" name="initiative" on:change=move |ev| form.update(|f| f.initiative = event_target_value(&ev))>
                    <option value="" selected=move || form.with(|f| f.initiative.is_empty())>{et.no_initiative}</option>
                    {initiatives.into_iter().map(|c| {
                        let value = c.value.clone();
                        view! { <option value=c.value selected=move || form.with(|f| f.initiative == value)>{c.name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <Checkboxes name="sectors" legend=et.sectors options=sector_options
                selected=Signal::derive(move || form.with(|f| f.sectors.clone())) toggle=ed.state.toggler(|f| &mut f.sectors) problems/>
            <details class="editor-places">
                <summary>{et.oblasts}" / "{et.hromadas}</summary>
                <Checkboxes name="oblasts" legend=et.oblasts options=oblast_options
                    selected=Signal::derive(move || form.with(|f| f.oblasts.clone())) toggle=ed.state.toggler(|f| &mut f.oblasts) problems/>
                <TextField name="hromadas" label=et.hromadas bound=bind!(form, hromadas) problems rows=3 hint=et.hromadas_hint/>
            </details>
            <TextField name="source_name" label=et.source_name bound=bind!(form, source_name) problems/>
            <TextField name="source_url" label=et.source_url bound=bind!(form, source_url) problems kind="url"/>
            <ImageFields form lang/>
            <details class="editor-english">
                <summary>{et.english}</summary>
                <TextField name="title_en" label=et.title_en bound=bind!(form, title_en) problems lang_attr="en"/>
                <TextField name="lead_en" label=et.lead_en bound=bind!(form, lead_en) problems rows=3 lang_attr="en"/>
                <MarkdownField name="body_en" label=et.body_en bound=bind!(form, body_en) problems/>
            </details>
            {ed.failure_notice()}
            <div class="editor-actions">
                <button type="submit" class="button secondary" disabled=pending>
                    {move || if state.get() == NewsState::Draft { et.save_draft } else { et.unpublish }}
                </button>
                <button type="button" class="button" disabled=pending on:click=move |_| ed.submit(Publishing::Publish)>{et.publish}</button>
                <button type="button" class="button" disabled=pending on:click=move |_| ed.submit(Publishing::Schedule)>{et.schedule}</button>
            </div>
        </form>
    }
}

/// The cover and the gallery: each image uploaded with its alt text, removable.
#[component]
fn ImageFields(form: RwSignal<NewsForm>, lang: Lang) -> impl IntoView {
    let et = edit_texts(lang);
    let thumbnail = move |image: ImageRef, remove: Callback<()>| {
        view! {
            <figure class="editor-image">
                <Picture image sizes="10rem"/>
                <button type="button" class="button secondary" on:click=move |_| remove.run(())>{et.remove}</button>
            </figure>
        }
    };
    view! {
        <fieldset class="editor-images">
            <legend>{et.cover}</legend>
            {move || form.with(|f| f.cover.clone()).map(|image| {
                thumbnail(image, Callback::new(move |()| form.update(|f| f.cover = None)))
            })}
            <ImageUpload label=et.cover id="cover-upload" on_uploaded=Callback::new(move |image| form.update(|f| f.cover = Some(image)))/>
        </fieldset>
        <fieldset class="editor-images">
            <legend>{et.gallery}</legend>
            <div class="editor-gallery">
                {move || form.with(|f| f.gallery.clone()).into_iter().map(|image| {
                    let id = image.id;
                    thumbnail(image, Callback::new(move |()| form.update(|f| f.gallery.retain(|g| g.id != id))))
                }).collect_view()}
            </div>
            <ImageUpload label=et.add_image id="gallery-upload" on_uploaded=Callback::new(move |image| form.update(|f| f.gallery.push(image)))/>
        </fieldset>
    }
}
