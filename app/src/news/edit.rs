//! The news editor: write, preview, save as a draft, publish, schedule, unpublish; images; what
//! is typed is kept in the browser until saved.

use super::api::{list_editable_news, load_news_editor, SaveNews};
use super::types::*;
use crate::accounts::pages::Guarded;
use crate::accounts::types::Capability;
use crate::bind;
use crate::i18n::{use_lang, Lang};
use crate::media::pages::{ImageUpload, Picture};
use crate::media::types::ImageRef;
use crate::ui::editor::{
    autosave_key, edited_id, forget_autosave, save_outcome, texts as editor_texts, Autosave,
    Checkboxes, EditorNav, EditorState, MarkdownField, TextField,
};
use crate::ui::{await_view, PageMeta, Pagination};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

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
    let id = edited_id();
    let data = Resource::new(move || id.get(), move |id| load_news_editor(id, lang));
    view! {
        <PageMeta title=if id.get_untracked().is_some() { et.edit_title } else { et.new_title } description=""/>
        <div class="page editor">
            <Guarded capability=Capability::EditContent>
                {await_view(data, move |editor| view! { <NewsEditorForm editor lang/> })}
            </Guarded>
        </div>
    }
}

#[component]
fn NewsEditorForm(editor: NewsEditor, lang: Lang) -> impl IntoView {
    let et = edit_texts(lang);
    let ed = editor_texts(lang);
    let editing = EditorState::new(editor.form);
    let (form, saved) = (editing.form, editing.saved);
    let state = RwSignal::new(editor.state);
    let slug = RwSignal::new(editor.slug);
    let id = editor.id;
    let save = ServerAction::<SaveNews>::new();
    let (problems, failure) = save_outcome(save.value(), lang);
    let sent = StoredValue::new(None::<NewsForm>);
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(done)) = save.value().get() {
            // The action forgets its input once done: the form as sent is kept apart.
            let Some(mut now_saved) = sent.get_value() else {
                return;
            };
            now_saved.publish_at = done.publish_at.clone();
            form.update(|f| f.publish_at = done.publish_at.clone());
            saved.set(now_saved);
            state.set(done.state);
            slug.set(done.slug.clone());
            if id.is_none() {
                forget_autosave(&autosave_key("news", None));
                navigate(
                    &lang.href(&format!("/edit/news/{}", done.id)),
                    NavigateOptions {
                        replace: true,
                        ..NavigateOptions::default()
                    },
                );
            }
        }
    });
    let submit = move |publishing: Publishing| {
        sent.set_value(Some(form.get_untracked()));
        save.dispatch(SaveNews {
            id,
            form: form.get_untracked(),
            publishing,
        });
    };
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
            {move || if save.pending().get() { ed.saving } else if editing.dirty.get() { ed.unsaved } else { ed.saved }}
        </p>
        <Autosave key=autosave_key("news", id) snapshot=editing.snapshot dirty=editing.dirty restore=editing.restore/>
        <form class="editor-form" on:submit=move |ev| { ev.prevent_default(); submit(Publishing::Draft) }>
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
                selected=Signal::derive(move || form.with(|f| f.sectors.clone())) toggle=editing.toggler(|f| &mut f.sectors) problems/>
            <details class="editor-places">
                <summary>{et.oblasts}" / "{et.hromadas}</summary>
                <Checkboxes name="oblasts" legend=et.oblasts options=oblast_options
                    selected=Signal::derive(move || form.with(|f| f.oblasts.clone())) toggle=editing.toggler(|f| &mut f.oblasts) problems/>
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
            {move || failure.get().map(|m| view! { <p class="form-notice" role="alert">{m}</p> })}
            <div class="editor-actions">
                <button type="submit" class="button secondary" disabled=move || save.pending().get()>
                    {move || if state.get() == NewsState::Draft { et.save_draft } else { et.unpublish }}
                </button>
                <button type="button" class="button" disabled=move || save.pending().get() on:click=move |_| submit(Publishing::Publish)>{et.publish}</button>
                <button type="button" class="button" disabled=move || save.pending().get() on:click=move |_| submit(Publishing::Schedule)>{et.schedule}</button>
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
