//! What the editing forms of every area share: field problems and the error of saving, fields
//! bound to a form's signal, a Markdown field with a preview, autosave to the browser, and a
//! guard against leaving with unsaved changes.

use crate::error::AppError;
use crate::i18n::{use_lang, Lang};
use leptos::prelude::*;
use leptos::server_fn::codec::{Json, JsonEncoding};
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// What is wrong with one field's value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooLong(usize),
    NotADate,
    NotATime,
    EndsBeforeStart,
    NotAUrl,
    /// A name or code that matches nothing (a hromada, an oblast, a sector, an initiative).
    Unknown(String),
    /// A hromada name that several hromadas share: the code is needed.
    Ambiguous(String),
    /// Scheduling needs a time that has not come yet.
    NotInFuture,
    NotANumber,
    /// Less than the least allowed (given as it is shown).
    Below(String),
    /// More than the most allowed.
    Above(String),
    /// A choice question needs at least two options.
    TooFewOptions,
    /// Answers exist: the questions keep their kind and options.
    Locked,
    /// A survey that has closed takes no answers.
    Closed,
    /// A survey that has not opened yet takes no answers.
    NotOpen,
    /// Another item has this value (a slug).
    Taken,
    /// Lowercase Latin letters, digits and hyphens only.
    NotASlug,
    /// A score: a whole number or a half.
    NotAScore,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    /// The field's name in the form, e.g. `title_uk`, `directions.1.title_uk`.
    pub field: String,
    pub problem: Problem,
}

impl FieldProblem {
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        FieldProblem {
            field: field.into(),
            problem,
        }
    }
}

/// Why saving an edited item failed: its fields, each with its problem, or the request itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum EditError {
    #[error("invalid fields")]
    Invalid(Vec<FieldProblem>),
    /// The item may not change now (its phase is over, it is locked): why, in both languages.
    #[error("refused")]
    Refused { uk: String, en: String },
    #[error(transparent)]
    App(#[from] AppError),
}

impl FromServerFnError for EditError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        EditError::App(AppError::from_server_fn_error(value))
    }
}

#[cfg(feature = "ssr")]
impl EditError {
    /// The answer with the status its error deserves: 422 for fields, the app error's otherwise.
    pub fn reply<T>(result: Result<T, EditError>) -> Result<T, EditError> {
        match &result {
            Err(EditError::Invalid(_)) => {
                crate::error::set_reply_status(axum::http::StatusCode::UNPROCESSABLE_ENTITY)
            }
            Err(EditError::Refused { .. }) => {
                crate::error::set_reply_status(axum::http::StatusCode::CONFLICT)
            }
            Err(EditError::App(error)) => crate::error::set_reply_status(error.status()),
            Ok(_) => {}
        }
        result
    }
}

/// Checks shared by every form: required Ukrainian text and length limits.
pub fn check_text(
    problems: &mut Vec<FieldProblem>,
    field: &str,
    value: &str,
    required: bool,
    max_chars: usize,
) {
    if required && value.trim().is_empty() {
        problems.push(FieldProblem::new(field, Problem::Required));
    } else if value.chars().count() > max_chars {
        problems.push(FieldProblem::new(field, Problem::TooLong(max_chars)));
    }
}

/// An empty value, or an absolute http(s) address.
pub fn check_url(problems: &mut Vec<FieldProblem>, field: &str, value: &str) {
    let value = value.trim();
    let fine = value.is_empty()
        || ((value.starts_with("https://") || value.starts_with("http://"))
            && value.len() > "https://".len()
            && !value.contains(char::is_whitespace)
            && value.len() <= 2000);
    if !fine {
        problems.push(FieldProblem::new(field, Problem::NotAUrl));
    }
}

pub fn problem_text(lang: Lang, problem: &Problem) -> String {
    let uk = lang == Lang::Uk;
    match problem {
        Problem::Required if uk => "Заповніть це поле українською.".into(),
        Problem::Required => "Fill in this field in Ukrainian.".into(),
        Problem::TooLong(n) if uk => format!("Не довше за {n} символів."),
        Problem::TooLong(n) => format!("At most {n} characters."),
        Problem::NotADate if uk => "Введіть дату у форматі РРРР-ММ-ДД.".into(),
        Problem::NotADate => "Enter a date as YYYY-MM-DD.".into(),
        Problem::NotATime if uk => "Введіть дату й час.".into(),
        Problem::NotATime => "Enter a date and time.".into(),
        Problem::EndsBeforeStart if uk => "Кінець не може бути раніше за початок.".into(),
        Problem::EndsBeforeStart => "The end cannot come before the start.".into(),
        Problem::NotAUrl if uk => "Введіть повну адресу, що починається з https://".into(),
        Problem::NotAUrl => "Enter a full address starting with https://".into(),
        Problem::Unknown(what) if uk => format!("Не знайдено: «{what}»."),
        Problem::Unknown(what) => format!("Not found: “{what}”."),
        Problem::Ambiguous(what) if uk => {
            format!("«{what}» — так називаються кілька громад; вкажіть код КАТОТТГ.")
        }
        Problem::Ambiguous(what) => {
            format!("Several hromadas are called “{what}”; give the KATOTTG code.")
        }
        Problem::NotInFuture if uk => "Для планування вкажіть час у майбутньому.".into(),
        Problem::NotInFuture => "To schedule, give a time in the future.".into(),
        Problem::NotANumber if uk => "Введіть число, наприклад 12 або 3,5.".into(),
        Problem::NotANumber => "Enter a number, such as 12 or 3.5.".into(),
        Problem::Below(min) if uk => format!("Не менше за {min}."),
        Problem::Below(min) => format!("At least {min}."),
        Problem::Above(max) if uk => format!("Не більше за {max}."),
        Problem::Above(max) => format!("At most {max}."),
        Problem::TooFewOptions if uk => "Дайте щонайменше два варіанти, кожен з нового рядка.".into(),
        Problem::TooFewOptions => "Give at least two options, one per line.".into(),
        Problem::Locked if uk => {
            "На опитування вже відповідають: питання не можна додавати, прибирати чи міняти їхній тип і варіанти — лише тексти.".into()
        }
        Problem::Locked => {
            "Answers have arrived: questions cannot be added, removed or change their kind and options; only their texts can change.".into()
        }
        Problem::Closed if uk => {
            "Опитування закрите: відповіді більше не приймаються. Збережене раніше залишається.".into()
        }
        Problem::Closed => {
            "The survey has closed and takes no more answers. What was saved before is kept.".into()
        }
        Problem::NotOpen if uk => "Опитування ще не відкрите для відповідей.".into(),
        Problem::NotOpen => "The survey is not open for answers yet.".into(),
        Problem::Taken if uk => "Це значення вже зайняте.".into(),
        Problem::Taken => "This value is already taken.".into(),
        Problem::NotASlug if uk => "Лише малі латинські літери, цифри й дефіси, наприклад health-care.".into(),
        Problem::NotASlug => "Lowercase Latin letters, digits and hyphens only, such as health-care.".into(),
        Problem::NotAScore if uk => "Поставте оцінку: ціле число або з половиною, наприклад 7 або 7,5.".into(),
        Problem::NotAScore => "Give a score: a whole number or a half, such as 7 or 7.5.".into(),
    }
}

/// The message for a failed save that is not about one field.
pub fn failure_text(lang: Lang, error: &EditError) -> String {
    let t = lang.t();
    match error {
        EditError::Invalid(problems) if lang == Lang::Uk => {
            format!(
                "Не збережено: виправте поля з позначками ({}).",
                problems.len()
            )
        }
        EditError::Invalid(problems) => {
            format!("Not saved: correct the marked fields ({}).", problems.len())
        }
        EditError::Refused { uk, .. } if lang == Lang::Uk => uk.clone(),
        EditError::Refused { en, .. } => en.clone(),
        EditError::App(AppError::Internal(id)) => format!("{} {}: {id}", t.error_body, t.error_id),
        EditError::App(AppError::SignInRequired) => t.sign_in_required_body.into(),
        EditError::App(AppError::Forbidden) => t.forbidden_body.into(),
        EditError::App(_) => t.error_network.into(),
    }
}

pub type Problems = Signal<Vec<FieldProblem>>;

/// A form value's getter and setter, so one field component serves every form.
#[derive(Clone, Copy)]
pub struct Bound {
    pub value: Signal<String>,
    pub set: Callback<String>,
}

impl Bound {
    pub fn new(
        get: impl Fn() -> String + Send + Sync + 'static,
        set: impl Fn(String) + Send + Sync + 'static,
    ) -> Self {
        Bound {
            value: Signal::derive(get),
            set: Callback::new(set),
        }
    }
}

/// Binds a `String` field of the form in an `RwSignal`: `bind!(form, title_uk)`, or of an item
/// in one of its lists: `bind!(form, directions[i].title_uk)` (empty once the item is gone).
#[macro_export]
macro_rules! bind {
    ($form:expr, $list:ident [$index:expr] . $field:ident) => {{
        let (form, index) = ($form, $index);
        $crate::ui::editor::Bound::new(
            move || form.with(|f| f.$list.get(index).map(|x| x.$field.clone()).unwrap_or_default()),
            move |value: String| {
                form.update(|f| {
                    if let Some(x) = f.$list.get_mut(index) {
                        x.$field = value;
                    }
                })
            },
        )
    }};
    ($form:expr, $($field:tt)+) => {{
        let form = $form;
        $crate::ui::editor::Bound::new(
            move || form.with(|f| f.$($field)+.clone()),
            move |value: String| form.update(|f| f.$($field)+ = value),
        )
    }};
}

fn message_of(problems: Problems, name: &str, lang: Lang) -> Option<String> {
    problems.with(|all| {
        all.iter()
            .find(|p| p.field == name)
            .map(|p| problem_text(lang, &p.problem))
    })
}

/// A text area's initial content as the server writes it. Leptos writes a `<textarea>`'s
/// children as they are (raw text), so a saved `</textarea><script>` would end the element and
/// run: it is escaped here. The browser sets the value itself.
fn textarea_text(value: String) -> String {
    #[cfg(feature = "ssr")]
    return html_escape::encode_text(&value).into_owned();
    #[cfg(not(feature = "ssr"))]
    value
}

/// A labelled text input (or, with `rows`, a text area) whose problem is shown beneath it.
#[component]
pub fn TextField(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    bound: Bound,
    problems: Problems,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] rows: Option<u32>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional, into)] lang_attr: Option<&'static str>,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let id = format!("e-{}", name.replace('.', "-"));
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let message = {
        let name = name.clone();
        Memo::new(move |_| message_of(problems, &name, lang))
    };
    let described = {
        let (error_id, hint_id, has_hint) = (error_id.clone(), hint_id.clone(), hint.is_some());
        move || {
            let mut ids = Vec::new();
            if message.get().is_some() {
                ids.push(error_id.clone());
            }
            if has_hint {
                ids.push(hint_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let on_input = move |ev| bound.set.run(event_target_value(&ev));
    let control = match rows {
        Some(rows) => view! {
            <textarea id=id.clone() name=name.clone() rows=rows required=required lang=lang_attr
                aria-invalid=move || message.get().map(|_| "true")
                aria-describedby=described.clone()
                prop:value=move || bound.value.get()
                on:input=on_input>{textarea_text(bound.value.get_untracked())}</textarea>
        }
        .into_any(),
        None => view! {
            <input id=id.clone() name=name.clone() type=kind required=required lang=lang_attr
                aria-invalid=move || message.get().map(|_| "true")
                aria-describedby=described.clone()
                prop:value=move || bound.value.get()
                value=bound.value.get_untracked()
                on:input=on_input/>
        }
        .into_any(),
    };
    view! {
        <div class="field" class:invalid=move || message.get().is_some()>
            <label for=id.clone()>{label}{required.then_some(" *")}</label>
            {control}
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {move || message.get().map(|m| view! { <p class="field-error" id=error_id.clone()>{m}</p> })}
        </div>
    }
}

/// A labelled choice bound to a form's value (the empty value first), its problem beneath it.
#[component]
pub fn ChoiceField(
    name: &'static str,
    label: &'static str,
    bound: Bound,
    options: Vec<crate::common::Choice>,
    first: &'static str,
    problems: Problems,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let message = Memo::new(move |_| message_of(problems, name, lang));
    let invalid = move || message.with(Option::is_some);
    view! {
        <div class="field" class:invalid=invalid>
            <label for=format!("e-{name}")>{label}{required.then_some(" *")}</label>
            <select id=format!("e-{name}") aria-invalid=move || invalid().then_some("true")
                aria-describedby=move || invalid().then(|| format!("e-{name}-error"))
                on:change=move |ev| bound.set.run(event_target_value(&ev))>
                <option value="" selected=move || bound.value.with(String::is_empty)>{first}</option>
                {options.into_iter().map(|c| {
                    let value = c.value.clone();
                    view! { <option value=c.value selected=move || bound.value.with(|v| *v == value)>{c.name}</option> }
                }).collect_view()}
            </select>
            {move || message.get().map(|m| view! { <p class="field-error" id=format!("e-{name}-error")>{m}</p> })}
        </div>
    }
}

/// A set of checkboxes (sectors, oblasts) bound to a list of values.
#[component]
pub fn Checkboxes(
    #[prop(into)] name: String,
    #[prop(into)] legend: String,
    options: Vec<(String, String)>,
    selected: Signal<Vec<String>>,
    toggle: Callback<(String, bool)>,
    problems: Problems,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let message = {
        let name = name.clone();
        Memo::new(move |_| message_of(problems, &name, lang))
    };
    view! {
        <fieldset class="checkboxes" class:invalid=move || message.get().is_some()>
            <legend>{legend}</legend>
            {options.into_iter().map(|(value, text)| {
                let id = format!("e-{name}-{value}");
                let checked = {
                    let value = value.clone();
                    move || selected.with(|s| s.contains(&value))
                };
                let on_change = {
                    let value = value.clone();
                    move |ev| toggle.run((value.clone(), event_target_checked(&ev)))
                };
                let input_id = id.clone();
                view! {
                    <label for=id class="check">
                        <input type="checkbox" id=input_id name=name.clone() value=value prop:checked=checked on:change=on_change/>
                        {text}
                    </label>
                }
            }).collect_view()}
            {move || message.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </fieldset>
    }
}

/// Sanitized HTML of Markdown, exactly as a saved page will show it.
#[server(input = Json)]
pub async fn preview_markdown(text: String) -> Result<String, AppError> {
    AppError::reply(
        async {
            use crate::accounts::types::Capability;
            // Content editors and analysts write Markdown.
            crate::accounts::authz::require_any(&[
                Capability::EditContent,
                Capability::RunAnalytics,
            ])
            .await?;
            Ok(crate::markdown::to_safe_html(&text))
        }
        .await,
    )
}

/// A Markdown text area with a preview rendered by the server's own sanitizer.
#[component]
pub fn MarkdownField(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    bound: Bound,
    problems: Problems,
    #[prop(optional)] required: bool,
    #[prop(default = 10)] rows: u32,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let et = texts(lang);
    let preview = Action::new(|text: &String| preview_markdown(text.clone()));
    let shown = RwSignal::new(false);
    let toggle = move |_| {
        if !shown.get_untracked() {
            preview.dispatch(bound.value.get_untracked());
        }
        shown.update(|s| *s = !*s);
    };
    view! {
        <div class="markdown-field">
            <TextField name=name label=label bound problems rows required hint=et.markdown_hint/>
            <button type="button" class="button secondary" aria-expanded=move || shown.get().to_string() on:click=toggle>
                {move || if shown.get() { et.hide_preview } else { et.show_preview }}
            </button>
            {move || shown.get().then(|| view! {
                <div class="preview news-body" aria-live="polite">
                    {move || match preview.value().get() {
                        None => view! { <p class="loading">{lang.t().loading}</p> }.into_any(),
                        Some(Ok(html)) => view! { <div inner_html=html></div> }.into_any(),
                        Some(Err(error)) => view! { <p class="field-error">{failure_text(lang, &EditError::App(error))}</p> }.into_any(),
                    }}
                </div>
            })}
        </div>
    }
}

/// Keeps what is typed in the browser's storage under `key` until it is saved, and offers it
/// back when the form is opened again with it unsaved (after a crash, a closed tab or a
/// navigation away). While `dirty`, the browser asks before the page is left.
#[component]
pub fn Autosave(
    #[prop(into)] key: String,
    snapshot: Signal<String>,
    dirty: Signal<bool>,
    restore: Callback<String>,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let et = texts(lang);
    let offered = RwSignal::new(None::<String>);
    #[cfg(feature = "hydrate")]
    {
        let storage = || window().local_storage().ok().flatten();
        // Once hydrated (the server could not know what this browser keeps).
        let key_for_offer = key.clone();
        Effect::new(move |_| {
            let stored = storage().and_then(|s| s.get_item(&key_for_offer).ok().flatten());
            if let Some(stored) = stored.filter(|s| *s != snapshot.get_untracked()) {
                offered.set(Some(stored));
            }
        });
        let key_for_effect = key.clone();
        Effect::new(move |_| {
            let snapshot = snapshot.get();
            // While an older copy is offered, it is kept until the editor decides.
            if dirty.get() && offered.get().is_none() {
                if let Some(s) = storage() {
                    let _ = s.set_item(&key_for_effect, &snapshot);
                }
            }
        });
        // Saved: the browser's copy is no longer needed.
        let key_for_clean = key.clone();
        Effect::new(move |was_dirty: Option<bool>| {
            let now_dirty = dirty.get();
            if was_dirty == Some(true) && !now_dirty {
                forget_autosave(&key_for_clean);
            }
            now_dirty
        });
        let guard = window_event_listener(leptos::ev::beforeunload, move |ev| {
            if dirty.get_untracked() && !leave_guard::confirmed() {
                ev.prevent_default();
                ev.set_return_value("unsaved");
            }
        });
        leave_guard::watch(
            move || dirty.try_get_untracked().unwrap_or(false),
            et.leave_question,
        );
        on_cleanup(move || {
            guard.remove();
            leave_guard::unwatch();
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (snapshot, dirty);
    let take = move |_| {
        if let Some(stored) = offered.get_untracked() {
            restore.run(stored);
        }
        offered.set(None);
    };
    let key = StoredValue::new(key);
    let discard = move |_| {
        key.with_value(|key| forget_autosave(key));
        offered.set(None);
    };
    move || {
        offered.get().map(|_| {
            view! {
                <div class="notice autosave" role="alert">
                    <p>{et.unsaved_found}</p>
                    <button type="button" class="button" on:click=take>{et.restore}</button>
                    " "
                    <button type="button" class="button secondary" on:click=discard>{et.discard}</button>
                </div>
            }
        })
    }
}

/// Asks before a link leaves a form with unsaved changes, in the page's own words (a browser's
/// `beforeunload` question is generic): one click listener, in the capture phase, asks the form
/// that is open, if any. Once the person has said yes, `beforeunload` does not ask again.
#[cfg(feature = "hydrate")]
mod leave_guard {
    use leptos::prelude::{document, window};
    use std::cell::{Cell, RefCell};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    type Unsaved = Box<dyn Fn() -> bool>;

    thread_local! {
        static OPEN_FORM: RefCell<Option<(Unsaved, &'static str)>> = RefCell::new(None);
        static LISTENING: Cell<bool> = const { Cell::new(false) };
        static CONFIRMED: Cell<bool> = const { Cell::new(false) };
    }

    pub fn confirmed() -> bool {
        CONFIRMED.with(Cell::get)
    }

    pub fn watch(unsaved: impl Fn() -> bool + 'static, question: &'static str) {
        OPEN_FORM.with(|open| *open.borrow_mut() = Some((Box::new(unsaved), question)));
        if LISTENING.with(|l| l.replace(true)) {
            return;
        }
        let on_click = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
            let question = OPEN_FORM.with(|open| {
                open.borrow()
                    .as_ref()
                    .filter(|(unsaved, _)| unsaved())
                    .map(|(_, question)| *question)
            });
            let Some(question) = question else { return };
            let on_link = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.closest("a[href]").ok().flatten())
                .is_some();
            if !on_link {
                return;
            }
            if window().confirm_with_message(question).unwrap_or(true) {
                CONFIRMED.with(|c| c.set(true));
            } else {
                ev.prevent_default();
                ev.stop_propagation();
            }
        });
        let _ = document().add_event_listener_with_callback_and_bool(
            "click",
            on_click.as_ref().unchecked_ref(),
            true,
        );
        // One listener for the page's life.
        on_click.forget();
    }

    pub fn unwatch() {
        OPEN_FORM.with(|open| *open.borrow_mut() = None);
    }
}

/// An editing form's state: what is typed, what was last saved, and the copy kept in the browser.
pub struct EditorState<F: Send + Sync + 'static> {
    pub form: RwSignal<F>,
    pub saved: RwSignal<F>,
    pub dirty: Signal<bool>,
    /// The form as JSON, for the browser's copy.
    pub snapshot: Signal<String>,
    /// Puts a copy from the browser back into the form.
    pub restore: Callback<String>,
}

impl<F: Send + Sync + 'static> Clone for EditorState<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F: Send + Sync + 'static> Copy for EditorState<F> {}

impl<F> EditorState<F>
where
    F: Clone + PartialEq + Serialize + serde::de::DeserializeOwned + Send + Sync + 'static,
{
    pub fn new(initial: F) -> Self {
        let form = RwSignal::new(initial.clone());
        let saved = RwSignal::new(initial);
        EditorState {
            form,
            saved,
            dirty: Signal::derive(move || form.with(|f| saved.with(|s| f != s))),
            snapshot: Signal::derive(move || {
                form.with(|f| serde_json::to_string(f).unwrap_or_default())
            }),
            restore: Callback::new(move |stored: String| {
                if let Ok(restored) = serde_json::from_str::<F>(&stored) {
                    form.set(restored);
                }
            }),
        }
    }

    /// Adds or removes a value of one of the form's lists (a checkbox's change).
    pub fn toggler(&self, pick: fn(&mut F) -> &mut Vec<String>) -> Callback<(String, bool)> {
        let form = self.form;
        Callback::new(move |(value, on): (String, bool)| {
            form.update(|f| {
                let list = pick(f);
                list.retain(|v| v != &value);
                if on {
                    list.push(value);
                }
            })
        })
    }
}

/// One editing form's life, the same in every area: what is typed ([`EditorState`]), kept in
/// the browser until saved ([`Autosave`]), sent by `save` with the area's extra choice `P` (how
/// to publish, or `()`), its problems placed at their fields. A new item, once saved, opens as
/// itself at `{edit_path}/{id}`.
pub struct Editor<F: Send + Sync + 'static, P: Send + Sync + 'static, T: Send + Sync + 'static> {
    pub state: EditorState<F>,
    pub form: RwSignal<F>,
    save: Action<(F, P), Result<T, EditError>>,
    sent: StoredValue<Option<F>>,
    pub problems: Problems,
    pub failure: Signal<Option<String>>,
    key: StoredValue<String>,
    lang: Lang,
}

impl<F: Send + Sync, P: Send + Sync, T: Send + Sync> Clone for Editor<F, P, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F: Send + Sync, P: Send + Sync, T: Send + Sync> Copy for Editor<F, P, T> {}

/// What an area tells [`Editor::new`] about its items.
pub struct EditorSetup {
    /// Names the browser's copy (`news`, `survey`, …).
    pub kind: &'static str,
    /// The edited item; `None` for a new one.
    pub id: Option<i64>,
    /// The editor's address without the id (`/edit/news`).
    pub edit_path: &'static str,
    pub lang: Lang,
}

impl<F, P, T> Editor<F, P, T>
where
    F: Clone + PartialEq + Serialize + serde::de::DeserializeOwned + Send + Sync + 'static,
    P: Clone + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    /// `saved_id` names the item a save created or kept; `settle` puts into the form what the
    /// server decided on saving (a publication time given as "now", say).
    pub fn new<Fut>(
        setup: EditorSetup,
        initial: F,
        save: impl Fn(F, P) -> Fut + 'static,
        saved_id: impl Fn(&T) -> i64 + 'static,
        settle: impl Fn(&mut F, &T) + 'static,
    ) -> Self
    where
        Fut: std::future::Future<Output = Result<T, EditError>> + 'static,
    {
        let EditorSetup {
            kind,
            id,
            edit_path,
            lang,
        } = setup;
        let state = EditorState::new(initial);
        let action =
            Action::new_unsync(move |(form, extra): &(F, P)| save(form.clone(), extra.clone()));
        let (problems, failure) = save_outcome(action.value(), lang);
        let sent = StoredValue::new(None::<F>);
        let key = StoredValue::new(autosave_key(kind, id));
        Effect::new(move |_| {
            if let Some(Ok(done)) = action.value().get() {
                // The action forgets its input once done: the form as sent is kept apart.
                if let Some(mut now_saved) = sent.get_value() {
                    settle(&mut now_saved, &done);
                    state.form.update(|f| settle(f, &done));
                    state.saved.set(now_saved);
                }
                if id.is_none() {
                    forget_autosave(&autosave_key(kind, None));
                    replace_page(&lang.href(&format!("{edit_path}/{}", saved_id(&done))));
                }
            }
        });
        Editor {
            state,
            form: state.form,
            save: action,
            sent,
            problems,
            failure,
            key,
            lang,
        }
    }

    /// Sends the form as it is now.
    pub fn submit(&self, extra: P) {
        let form = self.form.get_untracked();
        self.sent.set_value(Some(form.clone()));
        self.save.dispatch((form, extra));
    }

    pub fn pending(&self) -> Signal<bool> {
        self.save.pending().into()
    }

    /// What the last successful save answered.
    pub fn saved(&self) -> Signal<Option<T>> {
        let value = self.save.value();
        Signal::derive(move || value.get().and_then(Result::ok))
    }

    /// "Saving…", "Unsaved changes" or "Saved".
    pub fn status(&self) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        let (pending, dirty, ed) = (self.save.pending(), self.state.dirty, texts(self.lang));
        move || {
            if pending.get() {
                ed.saving
            } else if dirty.get() {
                ed.unsaved
            } else {
                ed.saved
            }
        }
    }

    /// The browser's copy of this form, offered back when it was left unsaved.
    pub fn autosave(&self) -> impl IntoView {
        let state = self.state;
        view! { <Autosave key=self.key.get_value() snapshot=state.snapshot dirty=state.dirty restore=state.restore/> }
    }

    /// The message of a failed save, for the whole form.
    pub fn failure_notice(&self) -> impl IntoView {
        let failure = self.failure;
        move || {
            failure
                .get()
                .map(|m| view! { <p class="form-notice" role="alert">{m}</p> })
        }
    }
}

/// `/edit/{area}/new` and `/edit/{area}/:id`, rendered on the server: for those holding
/// `capability`, what `load` gives for the route's item, shown by `form` (the area's island).
#[component]
pub fn EditorPage<L, Fut, D, R, V>(
    capability: crate::accounts::types::Capability,
    new_title: &'static str,
    edit_title: &'static str,
    load: L,
    form: R,
) -> impl IntoView
where
    L: Fn(Option<i64>) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<D, AppError>> + Send + 'static,
    D: Clone + Send + Sync + Serialize + serde::de::DeserializeOwned + 'static,
    R: Fn(D) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let id = edited_id().get_untracked();
    let data = Resource::new(|| (), move |_| load(id));
    view! {
        <crate::ui::PageMeta title=if id.is_some() { edit_title } else { new_title } description=""/>
        <div class="page editor">
            <crate::accounts::pages::Guarded capability>
                {crate::ui::await_view(data, form.clone())}
            </crate::accounts::pages::Guarded>
        </div>
    }
}

/// Where the browser keeps an unsaved form: per kind and item (`new` for one not saved yet).
pub fn autosave_key(kind: &str, id: Option<i64>) -> String {
    match id {
        Some(id) => format!("spilno:{kind}:{id}"),
        None => format!("spilno:{kind}:new"),
    }
}

/// Opens `href` as a new page, in place of this one in the history (a saved new item becomes
/// its own editor's address).
pub fn replace_page(href: &str) {
    #[cfg(feature = "hydrate")]
    let _ = window().location().replace(href);
    #[cfg(not(feature = "hydrate"))]
    let _ = href;
}

/// The edited item's id from the route (`/edit/…/:id`); `None` for `new`.
pub fn edited_id() -> Memo<Option<i64>> {
    let params = leptos_router::hooks::use_params_map();
    Memo::new(move |_| params.read().get("id").and_then(|id| id.parse().ok()))
}

/// The field problems of the last save, and the message for the whole form when it failed.
pub fn save_outcome<T, V>(value: V, lang: Lang) -> (Problems, Signal<Option<String>>)
where
    V: Get<Value = Option<Result<T, EditError>>> + Clone + Send + Sync + 'static,
{
    let last = value.clone();
    let problems = Signal::derive(move || match last.get() {
        Some(Err(EditError::Invalid(problems))) => problems,
        _ => Vec::new(),
    });
    let failure = Signal::derive(move || {
        value
            .get()
            .and_then(|r| r.err())
            .map(|e| failure_text(lang, &e))
    });
    (problems, failure)
}

/// Links between the editors' lists.
#[component]
pub fn EditorNav() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let (news, initiatives) = match lang {
        Lang::Uk => ("Новини", "Ініціативи"),
        Lang::En => ("News", "Initiatives"),
    };
    view! {
        <nav class="editor-nav" aria-label=texts(lang).editing>
            <a href=lang.href("/edit/news")>{news}</a>
            <a href=lang.href("/edit/initiatives")>{initiatives}</a>
        </nav>
    }
}

/// Drops what the browser keeps under `key` (once it is saved elsewhere, e.g. as a new item).
pub fn forget_autosave(key: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(storage) = window().local_storage().ok().flatten() {
        let _ = storage.remove_item(key);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = key;
}

pub struct EditorTexts {
    pub markdown_hint: &'static str,
    pub show_preview: &'static str,
    pub hide_preview: &'static str,
    pub unsaved_found: &'static str,
    pub restore: &'static str,
    pub discard: &'static str,
    pub unsaved: &'static str,
    pub saving: &'static str,
    pub saved: &'static str,
    pub editing: &'static str,
    pub leave_question: &'static str,
}

pub fn texts(lang: Lang) -> &'static EditorTexts {
    match lang {
        Lang::Uk => &EditorTexts {
            markdown_hint: "Markdown: **жирний**, *курсив*, [посилання](https://…), «- » для списку, порожній рядок між абзацами.",
            show_preview: "Попередній перегляд",
            hide_preview: "Сховати перегляд",
            unsaved_found: "Є незбережені зміни з попереднього редагування в цьому браузері.",
            restore: "Відновити їх",
            discard: "Відкинути",
            unsaved: "Є незбережені зміни",
            saving: "Збереження…",
            saved: "Збережено",
            editing: "Редагування",
            leave_question: "Є незбережені зміни. Піти зі сторінки? Вони залишаться в цьому браузері.",
        },
        Lang::En => &EditorTexts {
            markdown_hint: "Markdown: **bold**, *italic*, [link](https://…), “- ” for a list, a blank line between paragraphs.",
            show_preview: "Preview",
            hide_preview: "Hide preview",
            unsaved_found: "This browser holds unsaved changes from an earlier edit.",
            restore: "Restore them",
            discard: "Discard",
            unsaved: "Unsaved changes",
            saving: "Saving…",
            saved: "Saved",
            editing: "Editing",
            leave_question: "There are unsaved changes. Leave the page? They stay in this browser.",
        },
    }
}

/// A required day (`YYYY-MM-DD`, Kyiv) as stored, or its problem at `field`.
#[cfg(feature = "ssr")]
pub fn check_day(problems: &mut Vec<FieldProblem>, field: &str, value: &str) -> Option<String> {
    let day = crate::clock::kyiv_day_start(value).map(crate::clock::kyiv_day);
    if value.trim().is_empty() {
        problems.push(FieldProblem::new(field, Problem::Required));
    } else if day.is_none() {
        problems.push(FieldProblem::new(field, Problem::NotADate));
    }
    day
}

/// The hromadas a form names (by KATOTTG code or unique name, separated by commas, semicolons
/// or lines), as codes; each entry that names none or several is reported at `field`.
#[cfg(feature = "ssr")]
pub fn hromada_codes(
    registry: &crate::hromadas::index::RegistryIndex,
    text: &str,
    field: &str,
    problems: &mut Vec<FieldProblem>,
) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for entry in text
        .split([',', ';', '\n'])
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        let code = match registry.hromada(entry) {
            Some(h) => Some(h.katottg.clone()),
            None => match registry.named(entry).as_slice() {
                [one] => Some(one.katottg.clone()),
                [] => {
                    problems.push(FieldProblem::new(field, Problem::Unknown(entry.into())));
                    None
                }
                _ => {
                    problems.push(FieldProblem::new(field, Problem::Ambiguous(entry.into())));
                    None
                }
            },
        };
        if let Some(code) = code.filter(|c| !codes.contains(c)) {
            codes.push(code);
        }
    }
    codes
}

/// The oblast codes the registry knows; an unknown one is reported at `field`.
#[cfg(feature = "ssr")]
pub fn oblast_codes(
    registry: &crate::hromadas::index::RegistryIndex,
    chosen: &[String],
    field: &str,
    problems: &mut Vec<FieldProblem>,
) -> Vec<String> {
    let mut codes = Vec::new();
    for code in chosen {
        if registry.oblast(code).is_none() {
            problems.push(FieldProblem::new(field, Problem::Unknown(code.clone())));
        } else if !codes.contains(code) {
            codes.push(code.clone());
        }
    }
    codes
}

/// What the move and remove buttons of a form's list items do to their list.
pub trait ListOps {
    fn remove_at(&mut self, index: usize);
    fn swap_up(&mut self, index: usize);
}

impl<T> ListOps for Vec<T> {
    fn remove_at(&mut self, index: usize) {
        if index < self.len() {
            self.remove(index);
        }
    }

    fn swap_up(&mut self, index: usize) {
        if index > 0 && index < self.len() {
            self.swap(index - 1, index);
        }
    }
}

/// "Move up" (but for the first) and "Remove" for item `index` of the list `list` picks out of
/// the form.
pub fn list_item_buttons<F: Send + Sync + 'static>(
    form: RwSignal<F>,
    index: usize,
    list: fn(&mut F) -> &mut dyn ListOps,
    move_up: &'static str,
    remove: &'static str,
) -> impl IntoView {
    view! {
        <div class="item-actions">
            {(index > 0).then(|| view! {
                <button type="button" class="button secondary" on:click=move |_| form.update(|f| list(f).swap_up(index))>{move_up}</button>
            })}
            <button type="button" class="button secondary" on:click=move |_| form.update(|f| list(f).remove_at(index))>{remove}</button>
        </div>
    }
}
