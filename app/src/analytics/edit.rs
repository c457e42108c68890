//! The survey builder: texts, timing, whom it asks, and its questions of six kinds, in order;
//! kept in the browser until saved.

use super::api::{load_survey_editor, save_survey};
use super::types::*;
use crate::accounts::types::Capability;
use crate::bind;
use crate::hromadas::types::Kind;
use crate::i18n::{use_lang, Lang};
use crate::ui::editor::{problem_text, Checkboxes, Editor, EditorPage, EditorSetup, TextField};
use leptos::prelude::*;

struct BuilderTexts {
    new_title: &'static str,
    edit_title: &'static str,
    title_uk: &'static str,
    title_en: &'static str,
    intro_uk: &'static str,
    intro_en: &'static str,
    sector: &'static str,
    no_sector: &'static str,
    opens_at: &'static str,
    closes_at: &'static str,
    oblasts: &'static str,
    kinds: &'static str,
    targeting_hint: &'static str,
    public_results: &'static str,
    questions: &'static str,
    question: fn(usize) -> String,
    kind: &'static str,
    kind_names: [&'static str; 6],
    required: &'static str,
    text_uk: &'static str,
    text_en: &'static str,
    help_uk: &'static str,
    help_en: &'static str,
    options_uk: &'static str,
    options_en: &'static str,
    options_hint: &'static str,
    unit_uk: &'static str,
    unit_en: &'static str,
    min: &'static str,
    max: &'static str,
    add_question: &'static str,
    remove: &'static str,
    move_up: &'static str,
    english: &'static str,
    save: &'static str,
    locked: &'static str,
    view: &'static str,
}

fn builder_texts(lang: Lang) -> &'static BuilderTexts {
    match lang {
        Lang::Uk => &BuilderTexts {
            new_title: "Нове опитування",
            edit_title: "Редагування опитування",
            title_uk: "Назва",
            title_en: "Назва англійською",
            intro_uk: "Вступ для громад",
            intro_en: "Вступ англійською",
            sector: "Сектор",
            no_sector: "Кілька секторів",
            opens_at: "Відкривається (за київським часом)",
            closes_at: "Закривається",
            oblasts: "Області",
            kinds: "Типи громад",
            targeting_hint: "Нічого не вибрано — опитуються всі громади (крім тимчасово окупованих Криму й Севастополя).",
            public_results: "Результати відкриті для всіх",
            questions: "Питання",
            question: |n| format!("Питання {n}"),
            kind: "Тип питання",
            kind_names: ["Один варіант", "Кілька варіантів", "Шкала 1–5", "Число", "Короткий текст", "Довгий текст"],
            required: "Обов’язкове",
            text_uk: "Текст питання",
            text_en: "Текст англійською",
            help_uk: "Пояснення",
            help_en: "Пояснення англійською",
            options_uk: "Варіанти",
            options_en: "Варіанти англійською",
            options_hint: "Кожен варіант — з нового рядка; англійські — у тому самому порядку.",
            unit_uk: "Одиниця виміру",
            unit_en: "Одиниця англійською",
            min: "Найменше значення",
            max: "Найбільше значення",
            add_question: "Додати питання",
            remove: "Прибрати",
            move_up: "Вище",
            english: "Англійська версія (необов’язково)",
            save: "Зберегти",
            locked: "На опитування вже відповідають: можна змінювати тексти, час і адресатів, але не склад, типи й варіанти питань.",
            view: "Переглянути на сайті",
        },
        Lang::En => &BuilderTexts {
            new_title: "New survey",
            edit_title: "Editing a survey",
            title_uk: "Title (Ukrainian)",
            title_en: "Title in English",
            intro_uk: "Introduction (Ukrainian)",
            intro_en: "Introduction in English",
            sector: "Sector",
            no_sector: "Several sectors",
            opens_at: "Opens (Kyiv time)",
            closes_at: "Closes",
            oblasts: "Oblasts",
            kinds: "Kinds of hromada",
            targeting_hint: "None chosen: every hromada is asked (except those of occupied Crimea and Sevastopol).",
            public_results: "Results open to everyone",
            questions: "Questions",
            question: |n| format!("Question {n}"),
            kind: "Kind of question",
            kind_names: ["One option", "Several options", "Scale 1–5", "Number", "Short text", "Long text"],
            required: "Required",
            text_uk: "Question (Ukrainian)",
            text_en: "Question in English",
            help_uk: "Help (Ukrainian)",
            help_en: "Help in English",
            options_uk: "Options (Ukrainian)",
            options_en: "Options in English",
            options_hint: "One option per line; English ones in the same order.",
            unit_uk: "Unit (Ukrainian)",
            unit_en: "Unit in English",
            min: "Least value",
            max: "Greatest value",
            add_question: "Add a question",
            remove: "Remove",
            move_up: "Move up",
            english: "English version (optional)",
            save: "Save",
            locked: "Answers have arrived: texts, times and audience can change, but not the questions' number, kinds or options.",
            view: "View on the site",
        },
    }
}

/// `/edit/surveys/new` and `/edit/surveys/:id`.
#[component]
pub fn SurveyEditPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let bt = builder_texts(lang);
    view! {
        <EditorPage capability=Capability::RunAnalytics new_title=bt.new_title edit_title=bt.edit_title
            load=move |id| load_survey_editor(id, lang)
            form=move |editor| view! { <SurveyBuilder editor lang/> }/>
    }
}

#[island(lazy)]
fn SurveyBuilder(editor: SurveyEditor, lang: Lang) -> impl IntoView {
    let bt = builder_texts(lang);
    let id = editor.id;
    let locked = editor.locked;
    let ed = Editor::new(
        EditorSetup {
            kind: "survey",
            id,
            edit_path: "/edit/surveys",
            lang,
        },
        editor.form,
        move |form, ()| save_survey(id, form),
        |saved_id: &i64| *saved_id,
        |_, _| {},
    );
    let (form, problems) = (ed.form, ed.problems);
    let oblast_options: Vec<(String, String)> = editor
        .oblasts
        .iter()
        .map(|c| (c.value.clone(), c.name.clone()))
        .collect();
    let t = lang.t();
    let kind_options: Vec<(String, String)> = Kind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), k.plural_label(t).to_string()))
        .collect();
    let count = Memo::new(move |_| form.with(|f| f.questions.len()));
    let questions_problem = move || {
        problems.with(|p| {
            p.iter()
                .find(|p| p.field == "questions")
                .map(|p| problem_text(lang, &p.problem))
        })
    };
    let sectors = editor.sectors.clone();
    view! {
        <h1>{if id.is_some() { bt.edit_title } else { bt.new_title }}</h1>
        <p class="editor-status" aria-live="polite">
            {id.map(|id| view! { <a href=super::pages::survey_href(lang, id)>{bt.view}</a>" · " })}
            {ed.status()}
        </p>
        {locked.then(|| view! { <p class="form-notice" role="status">{bt.locked}</p> })}
        {ed.autosave()}
        <form class="editor-form" novalidate on:submit=move |ev| { ev.prevent_default(); ed.submit(()) }>
            <TextField name="title_uk" label=bt.title_uk bound=bind!(form, title_uk) problems required=true/>
            <TextField name="intro_uk" label=bt.intro_uk bound=bind!(form, intro_uk) problems rows=4/>
            <div class="field">
                <label for="e-sector">{bt.sector}</label>
                <select id="e-sector" on:change=move |ev| form.update(|f| f.sector = event_target_value(&ev))>
                    <option value="" selected=move || form.with(|f| f.sector.is_empty())>{bt.no_sector}</option>
                    {sectors.into_iter().map(|c| {
                        let value = c.value.clone();
                        view! { <option value=c.value selected=move || form.with(|f| f.sector == value)>{c.name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field-row">
                <TextField name="opens_at" label=bt.opens_at bound=bind!(form, opens_at) problems kind="datetime-local" required=true/>
                <TextField name="closes_at" label=bt.closes_at bound=bind!(form, closes_at) problems kind="datetime-local" required=true/>
            </div>
            <fieldset class="editor-targeting">
                <legend>{bt.targeting_hint}</legend>
                <Checkboxes name="kinds" legend=bt.kinds options=kind_options
                    selected=Signal::derive(move || form.with(|f| f.kinds.clone())) toggle=ed.state.toggler(|f| &mut f.kinds) problems/>
                <details>
                    <summary>{bt.oblasts}</summary>
                    <Checkboxes name="oblasts" legend=bt.oblasts options=oblast_options
                        selected=Signal::derive(move || form.with(|f| f.oblasts.clone())) toggle=ed.state.toggler(|f| &mut f.oblasts) problems/>
                </details>
            </fieldset>
            <div class="field checkbox-field">
                <label>
                    <input type="checkbox" prop:checked=move || form.with(|f| f.public_results)
                        on:change=move |ev| form.update(|f| f.public_results = event_target_checked(&ev))/>
                    " "{bt.public_results}
                </label>
            </div>
            <fieldset class="editor-list-items" id="e-questions" aria-describedby="e-questions-error">
                <legend>{bt.questions}</legend>
                {move || questions_problem().map(|m| view! { <p class="field-error" id="e-questions-error" role="alert">{m}</p> })}
                {move || (0..count.get()).map(|i| view! { <QuestionEditor i form problems lang locked/> }).collect_view()}
                {(!locked).then(|| view! {
                    <button type="button" class="button secondary" on:click=move |_| form.update(|f| f.questions.push(QuestionForm::default()))>{bt.add_question}</button>
                })}
            </fieldset>
            <details class="editor-english">
                <summary>{bt.english}</summary>
                <TextField name="title_en" label=bt.title_en bound=bind!(form, title_en) problems lang_attr="en"/>
                <TextField name="intro_en" label=bt.intro_en bound=bind!(form, intro_en) problems rows=4 lang_attr="en"/>
            </details>
            {ed.failure_notice()}
            <div class="editor-actions">
                <button type="submit" class="button" disabled=ed.pending()>{bt.save}</button>
            </div>
        </form>
    }
}

#[component]
fn QuestionEditor(
    i: usize,
    form: RwSignal<SurveyForm>,
    problems: Signal<Vec<crate::ui::editor::FieldProblem>>,
    lang: Lang,
    locked: bool,
) -> impl IntoView {
    let bt = builder_texts(lang);
    let kind =
        Memo::new(move |_| form.with(|f| f.questions.get(i).map(|q| q.kind).unwrap_or_default()));
    let name = move |field: &str| format!("questions.{i}.{field}");
    view! {
        <fieldset class="list-item question-editor">
            <legend>{(bt.question)(i + 1)}</legend>
            <div class="field-row">
                <div class="field">
                    <label for=format!("e-questions-{i}-kind")>{bt.kind}</label>
                    <select id=format!("e-questions-{i}-kind") disabled=locked on:change=move |ev| {
                        let kind = QuestionKind::parse(&event_target_value(&ev)).unwrap_or_default();
                        form.update(|f| if let Some(q) = f.questions.get_mut(i) { q.kind = kind; });
                    }>
                        {QuestionKind::ALL.into_iter().enumerate().map(|(n, k)| view! {
                            <option value=k.as_str() selected=move || kind.get() == k>{bt.kind_names[n]}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field checkbox-field">
                    <label>
                        <input type="checkbox" prop:checked=move || form.with(|f| f.questions.get(i).is_some_and(|q| q.required))
                            on:change=move |ev| form.update(|f| if let Some(q) = f.questions.get_mut(i) { q.required = event_target_checked(&ev); })/>
                        " "{bt.required}
                    </label>
                </div>
            </div>
            <TextField name=name("text_uk") label=bt.text_uk bound=bind!(form, questions[i].text_uk) problems required=true/>
            <TextField name=name("help_uk") label=bt.help_uk bound=bind!(form, questions[i].help_uk) problems/>
            {move || kind.get().has_options().then(|| view! {
                <TextField name=name("options_uk") label=bt.options_uk bound=bind!(form, questions[i].options_uk) problems rows=4 hint=bt.options_hint required=true/>
                <TextField name=name("options_en") label=bt.options_en bound=bind!(form, questions[i].options_en) problems rows=4 lang_attr="en"/>
            })}
            {move || (kind.get() == QuestionKind::Number).then(|| view! {
                <div class="field-row">
                    <TextField name=name("unit_uk") label=bt.unit_uk bound=bind!(form, questions[i].unit_uk) problems/>
                    <TextField name=name("min") label=bt.min bound=bind!(form, questions[i].min) problems/>
                    <TextField name=name("max") label=bt.max bound=bind!(form, questions[i].max) problems/>
                </div>
                <TextField name=name("unit_en") label=bt.unit_en bound=bind!(form, questions[i].unit_en) problems lang_attr="en"/>
            })}
            <TextField name=name("text_en") label=bt.text_en bound=bind!(form, questions[i].text_en) problems lang_attr="en"/>
            <TextField name=name("help_en") label=bt.help_en bound=bind!(form, questions[i].help_en) problems lang_attr="en"/>
            {(!locked).then(|| view! {
                <div class="item-actions">
                    {(i > 0).then(|| view! {
                        <button type="button" class="button secondary" on:click=move |_| form.update(|f| f.questions.swap(i - 1, i))>{bt.move_up}</button>
                    })}
                    <button type="button" class="button secondary" on:click=move |_| form.update(|f| { if i < f.questions.len() { f.questions.remove(i); } })>{bt.remove}</button>
                </div>
            })}
        </fieldset>
    }
}
