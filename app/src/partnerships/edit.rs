//! The call editor (admins) and the application editor (the lead hromada's representative):
//! lazy islands on the one editor, loaded only on their own pages.

use super::api::*;
use super::pages::{application_href, call_href};
use super::texts::texts;
use super::types::*;
use crate::accounts::types::Capability;
use crate::bind;
use crate::common::Choice;
use crate::i18n::{use_lang, Lang};
use crate::ui::editor::{
    list_item_buttons, Checkboxes, ChoiceField, Editor, EditorPage, EditorSetup, ListOps,
    MarkdownField, TextField,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn pairs(choices: &[Choice]) -> Vec<(String, String)> {
    choices
        .iter()
        .map(|c| (c.value.clone(), c.name.clone()))
        .collect()
}

/// `/edit/calls/new` and `/edit/calls/:id`.
#[component]
pub fn CallEditPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let pt = texts(lang);
    view! {
        <EditorPage capability=Capability::ManageCalls new_title=pt.new_call edit_title=pt.edit_call
            load=move |id| load_call_editor(id, lang)
            form=move |editor| view! { <CallEditorForm editor lang/> }/>
    }
}

#[island(lazy)]
fn CallEditorForm(editor: CallEditor, lang: Lang) -> impl IntoView {
    let (pt, et) = (texts(lang), super::evaluation_texts::texts(lang));
    let id = editor.id;
    let ed = Editor::new(
        EditorSetup {
            kind: "call",
            id,
            edit_path: "/edit/calls",
            lang,
        },
        editor.form,
        move |form, ()| save_call(id, form),
        |saved_id: &i64| *saved_id,
        |_, _| {},
    );
    let (form, problems) = (ed.form, ed.problems);
    let criteria = Memo::new(move |_| form.with(|f| f.criteria.len()));
    let geographies: Vec<Choice> = Geography::ALL
        .into_iter()
        .map(|g| Choice {
            value: g.as_str().into(),
            name: g.name(lang).into(),
        })
        .collect();
    let rule_flags = vec![
        (
            RULE_MIXED_KINDS.to_string(),
            pt.mixed_kinds_rule.to_string(),
        ),
        (
            RULE_ONE_APPLICATION.to_string(),
            pt.one_application_rule.to_string(),
        ),
    ];
    let evaluators = editor.evaluators;
    view! {
        <h1>{if id.is_some() { pt.edit_call } else { pt.new_call }}</h1>
        <p class="editor-status" aria-live="polite">
            {id.map(|id| view! { <a href=call_href(lang, id)>{pt.view}</a>" · " })}
            {pt.phase}": "{editor.phase.name(lang)}" · "
            {ed.status()}
        </p>
        {ed.autosave()}
        <form class="editor-form" novalidate on:submit=move |ev| { ev.prevent_default(); ed.submit(()) }>
            <TextField name="title_uk" label=pt.title_uk bound=bind!(form, title_uk) problems required=true/>
            <MarkdownField name="description_uk" label=pt.description_uk bound=bind!(form, description_uk) problems rows=8/>
            <div class="field-row">
                <TextField name="opens_at" label=pt.opens bound=bind!(form, opens_at) problems kind="datetime-local" required=true hint=pt.times_hint/>
                <TextField name="closes_at" label=pt.closes bound=bind!(form, closes_at) problems kind="datetime-local" required=true hint=pt.times_hint/>
            </div>
            <div class="field-row">
                <TextField name="budget" label=pt.budget bound=bind!(form, budget) problems required=true hint=pt.amounts_hint/>
                <TextField name="max_grant" label=pt.max_grant bound=bind!(form, max_grant) problems required=true hint=pt.amounts_hint/>
            </div>
            <div class="field-row">
                <TextField name="min_cofinancing" label=format!("{}, %", pt.min_cofinancing) bound=bind!(form, min_cofinancing) problems required=true/>
                <TextField name="winners" label=pt.winners bound=bind!(form, winners) problems required=true/>
            </div>
            <ChoiceField name="initiative" label=pt.initiative bound=bind!(form, initiative) options=editor.initiatives first=pt.no_initiative problems/>
            <Checkboxes name="sectors" legend=pt.sectors options=pairs(&editor.sectors)
                selected=Signal::derive(move || form.with(|f| f.sectors.clone())) toggle=ed.state.toggler(|f| &mut f.sectors) problems/>
            <fieldset class="editor-list-items">
                <legend>{pt.eligibility}</legend>
                <Checkboxes name="rules" legend=pt.rules options=rule_flags
                    selected=Signal::derive(move || form.with(|f| f.rules.clone())) toggle=ed.state.toggler(|f| &mut f.rules) problems/>
                <ChoiceField name="geography" label=pt.geography bound=bind!(form, geography) options=geographies first=pt.choose problems required=true/>
                <div class="field-row">
                    <TextField name="members_min" label=pt.members_min bound=bind!(form, members_min) problems required=true/>
                    <TextField name="members_max" label=pt.members_max bound=bind!(form, members_max) problems required=true/>
                </div>
                <div class="field-row">
                    <TextField name="population_min" label=pt.population_min bound=bind!(form, population_min) problems/>
                    <TextField name="population_max" label=pt.population_max bound=bind!(form, population_max) problems/>
                </div>
            </fieldset>
            <fieldset class="editor-list-items" id="e-criteria">
                <legend>{pt.criteria}</legend>
                {move || (0..criteria.get()).map(|i| view! {
                    <fieldset class="list-item">
                        <legend>{format!("{} {}", pt.criterion, i + 1)}</legend>
                        <TextField name=format!("criteria.{i}.name_uk") label=pt.name_uk bound=bind!(form, criteria[i].name_uk) problems required=true/>
                        <TextField name=format!("criteria.{i}.description_uk") label=pt.criterion_description bound=bind!(form, criteria[i].description_uk) problems rows=2/>
                        <TextField name=format!("criteria.{i}.name_en") label=pt.name_en bound=bind!(form, criteria[i].name_en) problems lang_attr="en"/>
                        <div class="field-row">
                            <TextField name=format!("criteria.{i}.weight") label=pt.weight bound=bind!(form, criteria[i].weight) problems required=true/>
                            <TextField name=format!("criteria.{i}.max_score") label=pt.max_score bound=bind!(form, criteria[i].max_score) problems required=true/>
                            <TextField name=format!("criteria.{i}.threshold") label=pt.threshold bound=bind!(form, criteria[i].threshold) problems/>
                        </div>
                        {list_item_buttons(form, i, |f: &mut CallForm| &mut f.criteria as &mut dyn ListOps, pt.move_up, pt.remove)}
                    </fieldset>
                }).collect_view()}
                <button type="button" class="button secondary" on:click=move |_| form.update(|f| f.criteria.push(CriterionForm::default()))>{pt.add_criterion}</button>
                <TextField name="pass_total" label=et.pass_total bound=bind!(form, pass_total) problems hint=et.pass_total_hint/>
            </fieldset>
            {if evaluators.is_empty() {
                view! { <p class="muted">{pt.no_evaluators}</p> }.into_any()
            } else {
                view! {
                    <Checkboxes name="evaluators" legend=pt.evaluators options=pairs(&evaluators)
                        selected=Signal::derive(move || form.with(|f| f.evaluators.clone())) toggle=ed.state.toggler(|f| &mut f.evaluators) problems/>
                }
                .into_any()
            }}
            <details class="editor-english">
                <summary>{pt.english}</summary>
                <TextField name="title_en" label=pt.title_en bound=bind!(form, title_en) problems lang_attr="en"/>
                <MarkdownField name="description_en" label=pt.description_en bound=bind!(form, description_en) problems rows=8/>
            </details>
            {ed.failure_notice()}
            <div class="editor-actions">
                <button type="submit" class="button" disabled=ed.pending()>{pt.save}</button>
            </div>
        </form>
    }
}

/// `/edit/applications/new?call=N` and `/edit/applications/:id`.
#[component]
pub fn ApplicationEditPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let pt = texts(lang);
    let call = use_query_map()
        .read_untracked()
        .get("call")
        .and_then(|c| c.parse().ok())
        .unwrap_or_default();
    view! {
        <EditorPage capability=Capability::ApplyForHromada new_title=pt.new_application edit_title=pt.edit_application
            load=move |id| load_application_editor(id, call, lang)
            form=move |editor| view! { <ApplicationEditorForm editor lang/> }/>
    }
}

#[island(lazy)]
fn ApplicationEditorForm(editor: ApplicationEditor, lang: Lang) -> impl IntoView {
    let pt = texts(lang);
    let id = editor.id;
    let call = editor.form.call;
    let ed = Editor::new(
        EditorSetup {
            kind: "application",
            id,
            edit_path: "/edit/applications",
            lang,
        },
        editor.form,
        move |form, ()| save_application(id, form),
        |saved_id: &i64| *saved_id,
        |_, _| {},
    );
    let (form, problems) = (ed.form, ed.problems);
    let budget = Memo::new(move |_| form.with(|f| f.budget.len()));
    let results = Memo::new(move |_| form.with(|f| f.results.len()));
    view! {
        <h1>{if id.is_some() { pt.edit_application } else { pt.new_application }}</h1>
        <p class="editor-status" aria-live="polite">
            <a href=call_href(lang, call)>{editor.call_title.clone()}</a>" · "
            {id.map(|id| view! { <a href=application_href(lang, id)>{pt.view}</a>" · " })}
            {ed.status()}
        </p>
        {ed.autosave()}
        <form class="editor-form" novalidate on:submit=move |ev| { ev.prevent_default(); ed.submit(()) }>
            <p class="answer-for">{pt.lead}": "<strong>{editor.lead.name.clone()}</strong></p>
            <TextField name="title" label=pt.application bound=bind!(form, title) problems required=true/>
            <TextField name="partners" label=pt.partners bound=bind!(form, partners) problems rows=2 hint=pt.partners_hint/>
            <TextField name="summary" label=pt.summary bound=bind!(form, summary) problems rows=3/>
            <Checkboxes name="sectors" legend=pt.sectors options=pairs(&editor.sectors)
                selected=Signal::derive(move || form.with(|f| f.sectors.clone())) toggle=ed.state.toggler(|f| &mut f.sectors) problems/>
            <TextField name="problem" label=pt.problem bound=bind!(form, problem) problems rows=5/>
            <TextField name="needs" label=pt.needs bound=bind!(form, needs) problems hint=pt.needs_hint/>
            <TextField name="activities" label=pt.activities bound=bind!(form, activities) problems rows=6/>
            <fieldset class="editor-list-items" id="e-budget">
                <legend>{pt.budget_lines}</legend>
                {move || (0..budget.get()).map(|i| view! {
                    <fieldset class="list-item">
                        <legend>{format!("{} {}", pt.item, i + 1)}</legend>
                        <TextField name=format!("budget.{i}.item") label=pt.item bound=bind!(form, budget[i].item) problems required=true/>
                        <div class="field-row">
                            <TextField name=format!("budget.{i}.amount") label=pt.amount bound=bind!(form, budget[i].amount) problems required=true/>
                            <TextField name=format!("budget.{i}.cofinancing") label=pt.cofinancing bound=bind!(form, budget[i].cofinancing) problems/>
                        </div>
                        <TextField name=format!("budget.{i}.cofinanced_by") label=pt.cofinanced_by bound=bind!(form, budget[i].cofinanced_by) problems/>
                        {list_item_buttons(form, i, |f: &mut ApplicationForm| &mut f.budget as &mut dyn ListOps, pt.move_up, pt.remove)}
                    </fieldset>
                }).collect_view()}
                <button type="button" class="button secondary" on:click=move |_| form.update(|f| f.budget.push(BudgetLineForm::default()))>{pt.add_line}</button>
            </fieldset>
            <fieldset class="editor-list-items" id="e-results">
                <legend>{pt.results}</legend>
                {move || (0..results.get()).map(|i| view! {
                    <fieldset class="list-item">
                        <legend>{format!("{} {}", pt.result, i + 1)}</legend>
                        <TextField name=format!("results.{i}.result") label=pt.result bound=bind!(form, results[i].result) problems required=true/>
                        <div class="field-row">
                            <TextField name=format!("results.{i}.indicator") label=pt.indicator bound=bind!(form, results[i].indicator) problems/>
                            <TextField name=format!("results.{i}.target") label=pt.target bound=bind!(form, results[i].target) problems/>
                        </div>
                        {list_item_buttons(form, i, |f: &mut ApplicationForm| &mut f.results as &mut dyn ListOps, pt.move_up, pt.remove)}
                    </fieldset>
                }).collect_view()}
                <button type="button" class="button secondary" on:click=move |_| form.update(|f| f.results.push(ResultForm::default()))>{pt.add_line}</button>
            </fieldset>
            {ed.failure_notice()}
            <div class="editor-actions">
                <button type="submit" class="button" disabled=ed.pending()>{pt.save}</button>
            </div>
        </form>
        <section aria-labelledby="editor-eligibility">
            <h2 id="editor-eligibility">{pt.eligibility_saved}</h2>
            {if editor.eligibility.is_empty() {
                view! { <p class="muted">{pt.eligibility_after_save}</p> }.into_any()
            } else {
                view! {
                    <ul class="eligibility">
                        {editor.eligibility.iter().map(|r| view! {
                            <li class=if r.holds() { "rule passed" } else { "rule failed" } data-rule=r.rule.as_str()>
                                <strong>{r.rule.name(lang)}": "{if r.holds() { pt.passed } else { pt.failed }}</strong>
                                <p>{r.reason.clone()}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}
