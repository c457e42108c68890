//! Showing a stored image ([`Picture`]) and uploading one ([`ImageUpload`]); uploading a PDF
//! ([`DocumentUpload`]).

use super::texts::texts;
use super::types::{
    check_alt, check_document_title, DocumentRef, ImageRef, UploadProblem, UploadRejection,
    MAX_ALT_CHARS, MAX_DOCUMENT_TITLE_CHARS,
};
use crate::i18n::{use_lang, Lang};
use leptos::prelude::*;

/// A stored image at the width the layout needs: the browser picks a variant from `srcset` by
/// `sizes`; `width` and `height` keep its room while it loads. Lazy unless `eager` (for the
/// image at the top of a page, which is then also fetched first).
#[component]
pub fn Picture(
    image: ImageRef,
    sizes: &'static str,
    #[prop(optional)] eager: bool,
) -> impl IntoView {
    let lang = use_lang();
    let (width, height) = image.display_size();
    let src = image.default_src();
    let srcset = image.srcset();
    view! {
        <img
            class="picture"
            src=src
            srcset=srcset
            sizes=sizes
            width=width
            height=height
            loading=if eager { "eager" } else { "lazy" }
            fetchpriority=eager.then_some("high")
            decoding="async"
            alt=move || image.alt(lang.get()).to_string()
        />
    }
}

/// The field a message concerns, and the message.
type Placed = Option<(String, String)>;

/// Element ids and messages of one upload form's fields.
#[derive(Clone, Copy)]
struct Fields {
    prefix: StoredValue<String>,
    error: RwSignal<Placed>,
}

impl Fields {
    fn id(self, field: &str) -> String {
        format!("{}-{field}", self.prefix.get_value())
    }

    fn message(self, field: &str) -> Option<String> {
        self.error
            .get()
            .filter(|(f, _)| f == field)
            .map(|(_, message)| message)
    }

    /// The hint, and the error when there is one.
    fn described(self, field: &'static str) -> impl Fn() -> String + Send + Sync + 'static {
        move || {
            let hint = format!("{}-hint", self.id(field));
            match self.message(field) {
                Some(_) => format!("{hint} {}-error", self.id(field)),
                None => hint,
            }
        }
    }

    fn invalid(self, field: &'static str) -> impl Fn() -> Option<&'static str> + Send + Sync {
        move || self.message(field).map(|_| "true")
    }

    fn show(self, rejection: &UploadRejection, lang: Lang) {
        self.error.set(Some((
            rejection.field.clone(),
            rejection.message(lang).to_string(),
        )));
    }
}

/// A label, the input (`children`), a hint and the field's error.
#[component]
fn UploadField(
    fields: Fields,
    field: &'static str,
    label: &'static str,
    hint: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field" class:invalid=move || fields.message(field).is_some()>
            <label for=fields.id(field)>{label}</label>
            {children()}
            <p class="hint" id=format!("{}-hint", fields.id(field))>{hint}</p>
            {move || fields.message(field).map(|message| view! {
                <p class="field-error" role="alert" id=format!("{}-error", fields.id(field))>{message}</p>
            })}
        </div>
    }
}

const ACCEPTED: &str = "image/jpeg,image/png,image/webp";

/// The alt text in `language`: Ukrainian required (checked before sending), English optional.
fn alt_input(fields: Fields, language: Lang, value: RwSignal<String>) -> impl IntoView {
    let field = match language {
        Lang::Uk => "alt_uk",
        Lang::En => "alt_en",
    };
    view! {
        <input
            id=fields.id(field)
            type="text"
            lang=language.code()
            // Not `required`: that would stop the form around this from being sent.
            aria-required=(language == Lang::Uk).then_some("true")
            maxlength=MAX_ALT_CHARS
            bind:value=value
            aria-invalid=fields.invalid(field)
            aria-describedby=fields.described(field)
        />
    }
}

/// Uploads one image with its alt texts and hands the stored image to `on_uploaded`. Progress
/// shows while the file is sent; a refusal is shown at the field it concerns. The common
/// refusals (no file, too large, no alt text) are found before sending. Needs JavaScript; the
/// inputs carry no `name`, so a form around this sends none of them. `id` prefixes the element
/// ids, for a page with more than one.
#[component]
pub fn ImageUpload(
    #[prop(into)] label: String,
    on_uploaded: Callback<ImageRef>,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let mt = texts(lang);
    let fields = Fields {
        prefix: StoredValue::new(id.unwrap_or_else(|| "image-upload".to_string())),
        error: RwSignal::new(None),
    };
    let file_input = NodeRef::<leptos::html::Input>::new();
    let alt_uk = RwSignal::new(String::new());
    let alt_en = RwSignal::new(String::new());
    // Percent sent, while an upload is under way.
    let progress = RwSignal::new(None::<u32>);
    let done = RwSignal::new(false);

    let start = move |_| {
        fields.error.set(None);
        done.set(false);
        let refuse = |problem: UploadProblem| fields.show(&UploadRejection::new(problem), lang);
        let (uk, en) = match check_alt(&alt_uk.get_untracked(), &alt_en.get_untracked()) {
            Ok(alt) => alt,
            Err(problem) => return refuse(problem),
        };
        #[cfg(feature = "hydrate")]
        browser::start(
            fields,
            file_input,
            super::types::UPLOAD_PATH,
            super::types::MAX_UPLOAD_BYTES,
            vec![("alt_uk", uk), ("alt_en", en)],
            progress,
            lang,
            move |image: ImageRef| {
                alt_uk.set(String::new());
                alt_en.set(String::new());
                done.set(true);
                on_uploaded.run(image);
            },
        );
        #[cfg(not(feature = "hydrate"))]
        let _ = (uk, en, file_input, on_uploaded);
    };

    view! {
        <fieldset class="image-upload" aria-busy=move || progress.get().map(|_| "true")>
            <legend>{label}</legend>
            <UploadField fields field="file" label=mt.field_file hint=mt.file_hint>
                <input
                    id=fields.id("file")
                    type="file"
                    accept=ACCEPTED
                    node_ref=file_input
                    aria-invalid=fields.invalid("file")
                    aria-describedby=fields.described("file")
                />
            </UploadField>
            <UploadField fields field="alt_uk" label=mt.field_alt_uk hint=mt.alt_uk_hint>
                {alt_input(fields, Lang::Uk, alt_uk)}
            </UploadField>
            <UploadField fields field="alt_en" label=mt.field_alt_en hint=mt.alt_en_hint>
                {alt_input(fields, Lang::En, alt_en)}
            </UploadField>
            {move || fields.message("form").map(|message| view! { <p class="form-notice" role="alert">{message}</p> })}
            <div class="upload-actions">
                <button
                    type="button"
                    class="button primary"
                    on:click=start
                    disabled=move || progress.get().is_some()
                >
                    {mt.upload}
                </button>
                <UploadStatus fields progress words=mt.processing/>
            </div>
            {move || done.get().then(|| view! { <p class="form-success" role="status">{mt.uploaded}</p> })}
        </fieldset>
    }
}

/// The share of the file sent, then `words` while the server works on it.
#[component]
fn UploadStatus(
    fields: Fields,
    progress: RwSignal<Option<u32>>,
    words: &'static str,
) -> impl IntoView {
    let mt = texts(use_lang().get_untracked());
    move || {
        progress.get().map(|percent| {
            let words = if percent >= 100 {
                words.to_string()
            } else {
                format!("{} {percent} %", mt.uploading)
            };
            view! {
                <span class="upload-progress">
                    <progress max="100" value=percent aria-labelledby=fields.id("status")></progress>
                    <span id=fields.id("status") role="status">{words}</span>
                </span>
            }
        })
    }
}

/// Uploads one PDF with its title and hands the stored document to `on_uploaded`; refusals
/// (not a PDF, encrypted, with scripts, too large, no title) are shown at their field.
#[component]
pub fn DocumentUpload(
    #[prop(into)] label: String,
    on_uploaded: Callback<DocumentRef>,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let mt = texts(lang);
    let fields = Fields {
        prefix: StoredValue::new("document-upload".to_string()),
        error: RwSignal::new(None),
    };
    let file_input = NodeRef::<leptos::html::Input>::new();
    let title = RwSignal::new(String::new());
    let progress = RwSignal::new(None::<u32>);
    let done = RwSignal::new(false);
    let start = move |_| {
        fields.error.set(None);
        done.set(false);
        let title_text = match check_document_title(&title.get_untracked()) {
            Ok(title) => title,
            Err(problem) => return fields.show(&UploadRejection::new(problem), lang),
        };
        #[cfg(feature = "hydrate")]
        browser::start(
            fields,
            file_input,
            super::types::DOCUMENT_UPLOAD_PATH,
            super::types::MAX_DOCUMENT_BYTES,
            vec![("title", title_text)],
            progress,
            lang,
            move |document: DocumentRef| {
                title.set(String::new());
                done.set(true);
                on_uploaded.run(document);
            },
        );
        #[cfg(not(feature = "hydrate"))]
        let _ = (title_text, file_input, on_uploaded);
    };
    view! {
        <fieldset class="image-upload" aria-busy=move || progress.get().map(|_| "true")>
            <legend>{label}</legend>
            <UploadField fields field="file" label=mt.document_file hint=mt.document_hint>
                <input
                    id=fields.id("file")
                    type="file"
                    accept="application/pdf,.pdf"
                    node_ref=file_input
                    aria-invalid=fields.invalid("file")
                    aria-describedby=fields.described("file")
                />
            </UploadField>
            <UploadField fields field="title" label=mt.document_title hint=mt.document_title_hint>
                <input
                    id=fields.id("title")
                    type="text"
                    aria-required="true"
                    maxlength=MAX_DOCUMENT_TITLE_CHARS
                    bind:value=title
                    aria-invalid=fields.invalid("title")
                    aria-describedby=fields.described("title")
                />
            </UploadField>
            {move || fields.message("form").map(|message| view! { <p class="form-notice" role="alert">{message}</p> })}
            <div class="upload-actions">
                <button type="button" class="button primary" on:click=start disabled=move || progress.get().is_some()>
                    {mt.document_upload}
                </button>
                <UploadStatus fields progress words=mt.document_processing/>
            </div>
            {move || done.get().then(|| view! { <p class="form-success" role="status">{mt.document_uploaded}</p> })}
        </fieldset>
    }
}

/// The upload itself, in the browser: `XMLHttpRequest`, because `fetch` reports no upload
/// progress. Same-origin, so the browser adds `Sec-Fetch-Site` and the session cookie.
#[cfg(feature = "hydrate")]
mod browser {
    use super::{Fields, UploadProblem, UploadRejection};
    use crate::i18n::Lang;
    use leptos::prelude::*;
    use serde::de::DeserializeOwned;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{File, FormData, ProgressEvent, XmlHttpRequest};

    /// Sends the chosen file with `texts` to `path`, showing progress; a 201's body goes to
    /// `uploaded`, a refusal to its field. No file, or one over `limit_bytes`, is refused here.
    #[allow(clippy::too_many_arguments)]
    pub fn start<T: DeserializeOwned + 'static>(
        fields: Fields,
        file_input: NodeRef<leptos::html::Input>,
        path: &'static str,
        limit_bytes: u64,
        texts: Vec<(&'static str, String)>,
        progress: RwSignal<Option<u32>>,
        lang: Lang,
        uploaded: impl FnOnce(T) + 'static,
    ) {
        let refuse = |problem: UploadProblem| fields.show(&UploadRejection::new(problem), lang);
        let Some(input) = file_input.get_untracked() else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return refuse(UploadProblem::MissingFile);
        };
        if file.size() > limit_bytes as f64 {
            return refuse(UploadProblem::TooLarge { limit_bytes });
        }
        progress.set(Some(0));
        let finish = move |status: u16, body: String| {
            progress.set(None);
            let stored = (status == 201)
                .then(|| serde_json::from_str::<T>(&body).ok())
                .flatten();
            if let Some(stored) = stored {
                input.set_value("");
                uploaded(stored);
                return;
            }
            let rejection = serde_json::from_str::<UploadRejection>(&body)
                .ok()
                .or_else(|| {
                    (status == 413)
                        .then(|| UploadRejection::new(UploadProblem::TooLarge { limit_bytes }))
                })
                .unwrap_or_else(|| UploadRejection::form(|l| l.t().error_network.to_string()));
            fields.show(&rejection, lang);
        };
        if send(
            path,
            &file,
            &texts,
            move |percent| progress.set(Some(percent)),
            finish,
        )
        .is_err()
        {
            progress.set(None);
            fields.show(
                &UploadRejection::form(|l| l.t().error_network.to_string()),
                lang,
            );
        }
    }

    /// `XMLHttpRequest`, because `fetch` reports no upload progress. Same-origin, so the
    /// browser adds `Sec-Fetch-Site` and the session cookie. `progress` gets the percent sent,
    /// `finish` the status (0 when the request failed) and the body.
    fn send(
        path: &str,
        file: &File,
        texts: &[(&'static str, String)],
        progress: impl Fn(u32) + 'static,
        finish: impl FnOnce(u16, String) + 'static,
    ) -> Result<(), JsValue> {
        let form = FormData::new()?;
        form.append_with_blob_and_filename("file", file, &file.name())?;
        for (name, value) in texts {
            form.append_with_str(name, value)?;
        }
        let request = XmlHttpRequest::new()?;
        request.open("POST", path)?;
        request.set_request_header("Accept", "application/json")?;
        let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |event: ProgressEvent| {
            if event.length_computable() && event.total() > 0.0 {
                progress((event.loaded() / event.total() * 100.0).floor() as u32);
            }
        });
        let upload = request.upload()?;
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        let answered = request.clone();
        // Runs once, on success and failure alike; frees itself and the progress handler.
        let on_end = Closure::once_into_js(move || {
            upload.set_onprogress(None);
            drop(on_progress);
            let status = answered.status().unwrap_or(0);
            let body = answered.response_text().ok().flatten().unwrap_or_default();
            finish(status, body);
        });
        request.set_onloadend(Some(on_end.unchecked_ref()));
        request.send_with_opt_form_data(Some(&form))
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use leptos_router::components::Router;
    use leptos_router::location::RequestUrl;

    /// The HTML `view` renders to on the page at `path`.
    fn rendered<V: IntoView + 'static>(
        path: &str,
        view: impl FnOnce() -> V + Send + 'static,
    ) -> String {
        let owner = Owner::new();
        owner.set();
        provide_context(RequestUrl::new(path));
        view! { <Router>{view()}</Router> }.to_html()
    }

    fn image() -> ImageRef {
        ImageRef {
            id: 3,
            width: 3000,
            height: 2000,
            alt_uk: "Учасники Дня Діалогу".into(),
            alt_en: "Dialogue Day participants".into(),
            widths: vec![480, 960, 1600],
            ext: "jpg".into(),
        }
    }

    #[test]
    fn a_picture_offers_every_width_keeps_its_room_and_loads_lazily() {
        let html = rendered(
            "/en/news",
            || view! { <Picture image=image() sizes="100vw"/> },
        );
        for part in [
            r#"src="/media/3/960.jpg""#,
            r#"srcset="/media/3/480.jpg 480w, /media/3/960.jpg 960w, /media/3/1600.jpg 1600w""#,
            r#"sizes="100vw""#,
            r#"width="1600""#,
            r#"height="1067""#,
            r#"loading="lazy""#,
            r#"decoding="async""#,
            r#"alt="Dialogue Day participants""#,
        ] {
            assert!(html.contains(part), "{part} in {html}");
        }
        assert!(!html.contains("fetchpriority"));
        let top = rendered(
            "/news",
            || view! { <Picture image=image() sizes="100vw" eager=true/> },
        );
        assert!(top.contains(r#"loading="eager""#) && top.contains(r#"fetchpriority="high""#));
        assert!(top.contains(r#"alt="Учасники Дня Діалогу""#));
    }

    #[test]
    fn the_upload_form_labels_every_input_and_names_none() {
        let html = rendered("/edit/news", || {
            view! { <ImageUpload label="Обкладинка" on_uploaded=Callback::new(|_| ()) id="cover"/> }
        });
        for part in [
            "<legend>Обкладинка</legend>",
            r#"for="cover-file""#,
            r#"id="cover-file""#,
            r#"accept="image/jpeg,image/png,image/webp""#,
            r#"aria-describedby="cover-file-hint""#,
            r#"for="cover-alt_uk""#,
            r#"for="cover-alt_en""#,
            "Опис зображення українською",
        ] {
            assert!(html.contains(part), "{part} in {html}");
        }
        assert!(
            !html.contains("name="),
            "a form around it sends none of its inputs"
        );
    }
}
