//! The publications: their list (filters and search), a publication with its evidence,
//! documents and follow-up, and its editor.

use super::api::*;
use super::texts::texts;
use super::types::*;
use crate::accounts::types::{AccountView, Capability};
use crate::analytics::dialogues::iso_day;
use crate::bind;
use crate::common::{Choice, Day};
use crate::error::AppError;
use crate::i18n::{use_lang, Lang};
use crate::media::pages::DocumentUpload;
use crate::media::types::DocumentRef;
use crate::news::texts::format_day;
use crate::ui::editor::{
    save_outcome, Checkboxes, ChoiceField, Editor, EditorPage, EditorSetup, MarkdownField,
    TextField,
};
use crate::ui::{await_view, FilterSelect, PageMeta, Pagination};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

fn publication_href(lang: Lang, id: i64) -> String {
    lang.href(&format!("{PUBLICATIONS_PATH}/{id}"))
}

#[component]
fn DayOf(day: Day, lang: Lang) -> impl IntoView {
    view! { <time datetime=iso_day(day)>{format_day(lang, day)}</time> }
}

fn kind_choices(lang: Lang) -> Vec<Choice> {
    PublicationKind::ALL
        .into_iter()
        .map(|kind| Choice {
            value: kind.as_str().to_string(),
            name: kind.name(lang).to_string(),
        })
        .collect()
}

fn can_write(me: Option<Result<Option<AccountView>, AppError>>) -> bool {
    me.and_then(Result::ok)
        .flatten()
        .is_some_and(|a| a.can(Capability::RunAnalytics))
}

/// `/analytics/publications`: newest first, or best match first for a search.
#[component]
pub fn PublicationsPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let pt = texts(lang);
    let search = use_query_map();
    let query = Memo::new(move |_| {
        let q = search.read();
        PublicationQuery {
            kind: q.get("kind").unwrap_or_default(),
            sector: q.get("sector").unwrap_or_default(),
            year: q.get("year").unwrap_or_default(),
            q: q.get("q").unwrap_or_default(),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        }
    });
    let data = Resource::new(
        move || query.get(),
        move |query| load_publications(query, lang),
    );
    let me = Resource::new(|| (), |_| crate::accounts::api::who_am_i());
    view! {
        <PageMeta title=pt.title description=pt.description/>
        <div class="page publications">
            <nav class="breadcrumbs" aria-label=lang.t().breadcrumbs>
                <ol><li><a href=lang.href("/analytics")>{lang.t().nav_analytics}</a></li></ol>
            </nav>
            <h1>{pt.title}</h1>
            <p class="lead">{pt.description}</p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    can_write(Some(me.await)).then(|| view! {
                        <p class="survey-actions"><a class="button" href=lang.href("/edit/publications/new")>{pt.new_item}</a></p>
                    })
                })}
            </Transition>
            {await_view(data, move |list| view! { <PublicationListView list lang/> })}
        </div>
    }
}

#[component]
fn PublicationListView(list: PublicationList, lang: Lang) -> impl IntoView {
    let pt = texts(lang);
    let t = lang.t();
    let invalid = |field: &str| list.invalid.iter().any(|f| f == field);
    let select = |name: &'static str,
                  label: &'static str,
                  any: &'static str,
                  options: Vec<Choice>,
                  current: String| {
        view! {
            <FilterSelect prefix="publications" name label any options current
                invalid=invalid(name) message=pt.unknown_choice/>
        }
    };
    let query = list.query.clone();
    view! {
        <form method="get" action=lang.href(PUBLICATIONS_PATH) class="filters" role="search" aria-label=t.filters>
            <div class="field">
                <label for="publications-q">{pt.search}</label>
                <input id="publications-q" type="search" name="q" value=list.query.q.clone()/>
            </div>
            {select("kind", pt.kind, pt.any_kind, kind_choices(lang), list.query.kind.clone())}
            {select("sector", pt.sector, pt.any_sector, list.sectors.clone(), list.query.sector.clone())}
            {select("year", pt.year, pt.any_year, list.years.clone(), list.query.year.clone())}
            <button type="submit" class="button">{pt.show}</button>
        </form>
        <p class="muted" role="status">{(pt.found)(list.total)}</p>
        {if list.items.is_empty() {
            view! { <p class="empty">{pt.none}</p> }.into_any()
        } else {
            view! {
                <ul class="survey-list publication-list">
                    {list.items.into_iter().map(|card| view! { <PublicationItem card lang/> }).collect_view()}
                </ul>
            }
            .into_any()
        }}
        <Pagination page=list.page pages=list.pages lang href=move |page| query.href(lang, page)/>
    }
}

#[component]
fn PublicationItem(card: PublicationCard, lang: Lang) -> impl IntoView {
    view! {
        <li class="survey-card publication-card">
            <p class="publication-kind">{card.kind.name(lang)}</p>
            <h2><a href=publication_href(lang, card.id)>{card.title}</a></h2>
            <p class="survey-meta">
                <DayOf day=card.published_on lang/>
                {format!(" · {}", card.authors.join(", "))}
            </p>
            <p>{card.summary}</p>
            <p class="muted">
                {card.sectors.join(" · ")}
                {card.follow_up.map(|status| view! { " · "<strong>{status.name(lang)}</strong> })}
            </p>
        </li>
    }
}

/// `/analytics/publications/:id`.
#[component]
pub fn PublicationView() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    });
    let data = Resource::new(
        move || id.get(),
        move |id| async move {
            let page = load_publication(id, lang).await?;
            let writer = can_write(Some(crate::accounts::api::who_am_i().await));
            Ok((page, writer))
        },
    );
    view! {
        <div class="page publication">
            {await_view(data, move |(page, writer)| if writer {
                view! { <PublicationWithFollowUp page lang/> }.into_any()
            } else {
                view! { <Publication page record=None lang/> }.into_any()
            })}
        </div>
    }
}

/// The page as analysts see it: a step recorded shows at once in the status and the timeline.
#[island(lazy)]
fn PublicationWithFollowUp(page: PublicationPage, lang: Lang) -> impl IntoView {
    let id = page.card.id;
    let shown = RwSignal::new(page);
    let record = ServerAction::<AddFollowUp>::new();
    // Read again after a step is recorded, not after a refusal (which would clear the form).
    Effect::new(move |_| {
        if matches!(record.value().get(), Some(Ok(()))) {
            leptos::task::spawn_local(async move {
                if let Ok(page) = load_publication(id, lang).await {
                    shown.set(page);
                }
            });
        }
    });
    move || view! { <Publication page=shown.get() record=Some(record) lang/> }
}

/// `record` is given to those who may record follow-up steps.
#[component]
fn Publication(
    page: PublicationPage,
    record: Option<ServerAction<AddFollowUp>>,
    lang: Lang,
) -> impl IntoView {
    let pt = texts(lang);
    let card = page.card;
    let id = card.id;
    let recommendation = card.kind == PublicationKind::Recommendation;
    // English asked for and missing: the texts shown are Ukrainian.
    let content_lang = page.english_missing.then_some("uk");
    let evidence_kind = move |kind: EvidenceKind| match kind {
        EvidenceKind::Survey => pt.evidence_survey,
        EvidenceKind::Dialogue => pt.evidence_dialogue,
        EvidenceKind::Need => pt.evidence_need,
    };
    view! {
        <PageMeta title=card.title.clone() description=card.summary.clone()/>
        <nav class="breadcrumbs" aria-label=lang.t().breadcrumbs>
            <ol>
                <li><a href=lang.href("/analytics")>{lang.t().nav_analytics}</a></li>
                <li><a href=lang.href(PUBLICATIONS_PATH)>{pt.title}</a></li>
            </ol>
        </nav>
        <article>
            <header>
                <p class="publication-kind">{card.kind.name(lang)}</p>
                <h1 lang=content_lang>{card.title.clone()}</h1>
                {page.english_missing.then(|| view! { <p class="notice">{pt.english_missing}</p> })}
                {record.is_some().then(|| view! {
                    <p class="survey-actions">
                        <a class="button" href=lang.href(&format!("/edit/publications/{id}"))>{pt.edit}</a>
                    </p>
                })}
            </header>
            <div class="initiative-facts">
                <dl>
                    <dt>{pt.published_on}</dt><dd><DayOf day=card.published_on lang/></dd>
                    <dt>{pt.authors}</dt><dd>{card.authors.join(", ")}</dd>
                    <dt>{pt.sectors}</dt><dd>{card.sectors.join(", ")}</dd>
                    {page.initiative.map(|initiative| view! {
                        <dt>{pt.initiative}</dt>
                        <dd><a href=lang.href(&format!("/initiatives/{}", initiative.value))>{initiative.name}</a></dd>
                    })}
                    {recommendation.then(|| view! {
                        <dt>{pt.addressee}</dt><dd>{page.addressee.clone()}</dd>
                        <dt>{pt.follow_up}</dt>
                        <dd class="follow-up-status">{card.follow_up.map(|s| s.name(lang))}</dd>
                    })}
                </dl>
            </div>
            <p class="lead" lang=content_lang>{card.summary.clone()}</p>
            {(!page.body_html.is_empty()).then(|| view! {
                <div class="news-body" lang=content_lang inner_html=page.body_html></div>
            })}
            {(!page.documents.is_empty()).then(|| view! {
                <section aria-labelledby="publication-documents">
                    <h2 id="publication-documents">{pt.documents}</h2>
                    <ul class="document-list">
                        {page.documents.into_iter().map(|d| view! {
                            <li>
                                <a href=d.href() type="application/pdf">{d.title.clone()}</a>
                                <span class="muted">{format!(" (PDF, {}, {})", d.size_text(lang), (pt.pages)(d.pages))}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {(!page.evidence.is_empty()).then(|| view! {
                <section aria-labelledby="publication-evidence">
                    <h2 id="publication-evidence">{pt.evidence}</h2>
                    <ul class="evidence-list">
                        {page.evidence.into_iter().map(|e| view! {
                            <li><span class="muted">{evidence_kind(e.kind)}": "</span><a href=e.href>{e.title}</a></li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
        </article>
        {recommendation.then(|| view! {
            <section aria-labelledby="publication-follow-up">
                <h2 id="publication-follow-up">{pt.follow_up_history}</h2>
                {if page.follow_ups.is_empty() {
                    view! { <p class="empty">{pt.no_follow_up}</p> }.into_any()
                } else {
                    view! {
                        <ol class="follow-ups">
                            {page.follow_ups.into_iter().map(|step| view! {
                                <li>
                                    <DayOf day=step.happened_on lang/>" — "<strong>{step.status.name(lang)}</strong>
                                    {(!step.note.is_empty()).then(|| view! { <p>{step.note}</p> })}
                                </li>
                            }).collect_view()}
                        </ol>
                    }
                    .into_any()
                }}
                {record.map(|record| view! { <FollowUpEditor id record lang/> })}
            </section>
        })}
    }
}

/// Records a step of a recommendation's follow-up; the page reloads its data once recorded.
#[component]
fn FollowUpEditor(id: i64, record: ServerAction<AddFollowUp>, lang: Lang) -> impl IntoView {
    let pt = texts(lang);
    let form = RwSignal::new(FollowUpForm::default());
    let (problems, failure) = save_outcome(record.value(), lang);
    let statuses: Vec<Choice> = FollowUpStatus::ALL
        .into_iter()
        .map(|s| Choice {
            value: s.as_str().to_string(),
            name: s.name(lang).to_string(),
        })
        .collect();
    Effect::new(move |_| {
        if let Some(Ok(())) = record.value().get() {
            form.set(FollowUpForm::default());
        }
    });
    view! {
        <form class="editor-form follow-up-form" novalidate
            on:submit=move |ev| { ev.prevent_default(); record.dispatch(AddFollowUp { id, form: form.get_untracked() }); }>
            <h3>{pt.add_follow_up}</h3>
            <div class="field-row">
                <TextField name="happened_on" label=pt.happened_on bound=bind!(form, happened_on) problems kind="date" required=true/>
                <ChoiceField name="status" label=pt.status bound=bind!(form, status) options=statuses first=pt.choose problems required=true/>
            </div>
            <TextField name="note" label=pt.note bound=bind!(form, note) problems rows=3/>
            {move || failure.get().map(|m| view! { <p class="form-notice" role="alert">{m}</p> })}
            {move || matches!(record.value().get(), Some(Ok(()))).then(|| view! { <p class="form-success" role="status">{pt.recorded}</p> })}
            <button type="submit" class="button" disabled=move || record.pending().get()>{pt.record}</button>
        </form>
    }
}

/// `/edit/publications/new` and `/edit/publications/:id`.
#[component]
pub fn PublicationEditPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let pt = texts(lang);
    view! {
        <EditorPage capability=Capability::RunAnalytics new_title=pt.new_title edit_title=pt.edit_title
            load=move |id| load_publication_editor(id, lang)
            form=move |editor| view! { <PublicationEditorForm editor lang/> }/>
    }
}

fn pairs(choices: &[Choice]) -> Vec<(String, String)> {
    choices
        .iter()
        .map(|c| (c.value.clone(), c.name.clone()))
        .collect()
}

#[island(lazy)]
fn PublicationEditorForm(editor: PublicationEditor, lang: Lang) -> impl IntoView {
    let pt = texts(lang);
    let id = editor.id;
    let ed = Editor::new(
        EditorSetup {
            kind: "publication",
            id,
            edit_path: "/edit/publications",
            lang,
        },
        editor.form,
        move |form, ()| save_publication(id, form),
        |saved_id: &i64| *saved_id,
        |_, _| {},
    );
    let (form, problems) = (ed.form, ed.problems);
    // The attached documents' titles and sizes, for those the form lists by id.
    let known_documents = RwSignal::new(editor.documents);
    let attached = Callback::new(move |document: DocumentRef| {
        let document_id = document.id;
        known_documents.update(|known| {
            known.retain(|d| d.id != document_id);
            known.push(document);
        });
        form.update(|f| {
            if !f.documents.contains(&document_id) {
                f.documents.push(document_id);
            }
        });
    });
    let is_recommendation =
        move || form.with(|f| f.kind == PublicationKind::Recommendation.as_str());
    let initiatives = editor.initiatives;
    view! {
        <h1>{if id.is_some() { pt.edit_title } else { pt.new_title }}</h1>
        <p class="editor-status" aria-live="polite">
            {id.map(|id| view! { <a href=publication_href(lang, id)>{pt.view}</a>" · " })}
            {ed.status()}
        </p>
        {ed.autosave()}
        <form class="editor-form" novalidate on:submit=move |ev| { ev.prevent_default(); ed.submit(()) }>
            <div class="field-row">
                <ChoiceField name="kind" label=pt.kind bound=bind!(form, kind) options=kind_choices(lang) first=pt.choose problems required=true/>
                <TextField name="published_on" label=pt.published_on bound=bind!(form, published_on) problems kind="date" required=true/>
            </div>
            <TextField name="title_uk" label=pt.title_uk bound=bind!(form, title_uk) problems required=true/>
            <TextField name="authors" label=pt.authors bound=bind!(form, authors) problems rows=3 required=true hint=pt.authors_hint/>
            <Checkboxes name="sectors" legend=pt.sectors options=pairs(&editor.sectors)
                selected=Signal::derive(move || form.with(|f| f.sectors.clone())) toggle=ed.state.toggler(|f| &mut f.sectors) problems/>
            {move || is_recommendation().then(|| view! {
                <TextField name="addressee" label=pt.addressee bound=bind!(form, addressee) problems required=true hint=pt.addressee_hint/>
            })}
            <TextField name="abstract_uk" label=pt.abstract_uk bound=bind!(form, abstract_uk) problems rows=4 required=true/>
            <MarkdownField name="body_uk" label=pt.body_uk bound=bind!(form, body_uk) problems rows=14/>
            <fieldset class="editor-evidence">
                <legend>{pt.evidence}</legend>
                <ChoiceField name="initiative" label=pt.initiative bound=bind!(form, initiative) options=initiatives first=pt.no_initiative problems/>
                {(!editor.surveys.is_empty()).then(|| view! {
                    <Checkboxes name="surveys" legend=pt.surveys options=pairs(&editor.surveys)
                        selected=Signal::derive(move || form.with(|f| f.surveys.clone())) toggle=ed.state.toggler(|f| &mut f.surveys) problems/>
                })}
                {(!editor.dialogues.is_empty()).then(|| view! {
                    <Checkboxes name="dialogues" legend=pt.dialogues options=pairs(&editor.dialogues)
                        selected=Signal::derive(move || form.with(|f| f.dialogues.clone())) toggle=ed.state.toggler(|f| &mut f.dialogues) problems/>
                })}
                <TextField name="needs" label=pt.needs bound=bind!(form, needs) problems hint=pt.needs_hint/>
            </fieldset>
            <section class="editor-documents" aria-labelledby="publication-documents-heading">
                <h2 id="publication-documents-heading">{pt.documents}</h2>
                {move || {
                    let ids = form.with(|f| f.documents.clone());
                    if ids.is_empty() {
                        return view! { <p class="muted">{pt.no_documents}</p> }.into_any();
                    }
                    let known = known_documents.get();
                    view! {
                        <ol class="document-list">
                            {ids.iter().enumerate().map(|(position, document_id)| {
                                let document_id = *document_id;
                                let document = known.iter().find(|d| d.id == document_id).cloned();
                                let title = document.as_ref().map(|d| d.title.clone()).unwrap_or_else(|| format!("#{document_id}"));
                                let href = document.as_ref().map(DocumentRef::href);
                                view! {
                                    <li>
                                        <a href=href target="_blank" rel="noopener">{title}</a>" "
                                        {(position > 0).then(|| view! {
                                            <button type="button" class="button secondary" on:click=move |_| form.update(|f| f.documents.swap(position, position - 1))>{pt.move_up}</button>
                                        })}
                                        " "
                                        <button type="button" class="button secondary" on:click=move |_| form.update(|f| f.documents.retain(|d| *d != document_id))>{pt.remove}</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    }
                    .into_any()
                }}
                <DocumentUpload label=pt.attach on_uploaded=attached/>
            </section>
            <details class="editor-english">
                <summary>{pt.english}</summary>
                <TextField name="title_en" label=pt.title_en bound=bind!(form, title_en) problems lang_attr="en"/>
                <TextField name="abstract_en" label=pt.abstract_en bound=bind!(form, abstract_en) problems rows=4 lang_attr="en"/>
                <MarkdownField name="body_en" label=pt.body_en bound=bind!(form, body_en) problems rows=14/>
            </details>
            {ed.failure_notice()}
            <div class="editor-actions">
                <button type="submit" class="button" disabled=ed.pending()>{pt.save}</button>
                <a class="button secondary" href=lang.href(PUBLICATIONS_PATH)>{pt.title}</a>
            </div>
        </form>
    }
}
