//! The evaluation's pages, rendered by the server: an evaluator's applications and the sheet of
//! one (declaration, scores, then the others' scores); the admin's evaluation of a call
//! (evaluators, assignments, the live ranking, the confirmation); the published results and an
//! application's review. Their forms are plain posts, sent in place where JavaScript runs.

use super::evaluation_api::*;
use super::evaluation_texts::texts;
use super::pages::{action_failure, application_href, breadcrumbs, problem_at, route_id};
use super::ranking::Outcome;
use super::types::*;
use crate::accounts::pages::Guarded;
use crate::accounts::types::Capability;
use crate::common::show_number;
use crate::i18n::{use_lang, Lang};
use crate::ui::{await_view, LiveParts, PageMeta, SubmitInPlace};
use leptos::prelude::*;

pub const EVALUATION_PATH: &str = "/evaluation";

pub fn sheet_href(lang: Lang, application: i64) -> String {
    lang.href(&format!("{EVALUATION_PATH}/{application}"))
}

pub fn call_evaluation_href(lang: Lang, call: i64) -> String {
    lang.href(&format!("/edit/calls/{call}/evaluation"))
}

fn score_text(score: f64, lang: Lang) -> String {
    show_number(score, lang == Lang::Uk)
}

fn names(members: &[crate::common::HromadaLink]) -> String {
    members
        .iter()
        .map(|m| m.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `/evaluation`: the applications the evaluator is assigned to.
#[component]
pub fn EvaluatorPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let et = texts(lang);
    view! {
        <PageMeta title=et.my_title description=et.my_lead/>
        <div class="page evaluation">
            <Guarded capability=Capability::EvaluateApplications>
                <h1>{et.my_title}</h1>
                <p class="lead">{et.my_lead}</p>
                <MyAssignments lang/>
            </Guarded>
        </div>
    }
}

#[component]
fn MyAssignments(lang: Lang) -> impl IntoView {
    let et = texts(lang);
    let data = Resource::new(|| (), move |_| load_my_assignments(lang));
    await_view(data, move |cards: Vec<AssignmentCard>| {
        if cards.is_empty() {
            return view! { <p class="empty">{et.none_assigned}</p> }.into_any();
        }
        view! {
            <div class="table-scroll">
                <table class="data-table assignments-table">
                    <thead><tr>
                        <th scope="col">{et.application}</th>
                        <th scope="col">{et.call}</th>
                        <th scope="col">{et.lead}</th>
                        <th scope="col">{et.state}</th>
                    </tr></thead>
                    <tbody>
                        {cards.into_iter().map(|c| view! {
                            <tr>
                                <th scope="row" data-label=et.application><a href=sheet_href(lang, c.application)>{c.title}</a></th>
                                <td data-label=et.call>{c.call.name}</td>
                                <td data-label=et.lead>{c.lead.name}</td>
                                <td data-label=et.state>{c.state.name(lang)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    })
}

/// `/evaluation/:id`: one application as its evaluator sees it.
#[component]
pub fn EvaluationSheetPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let id = route_id().unwrap_or_default();
    view! {
        <div class="page evaluation">
            <Guarded capability=Capability::EvaluateApplications>
                <SheetView id lang/>
            </Guarded>
        </div>
    }
}

#[component]
fn SheetView(id: i64, lang: Lang) -> impl IntoView {
    let data = Resource::new(|| (), move |_| load_evaluation_sheet(id, lang));
    await_view(data, move |sheet| view! { <Sheet sheet lang/> })
}

#[component]
fn Sheet(sheet: EvaluationSheet, lang: Lang) -> impl IntoView {
    let et = texts(lang);
    let id = sheet.application;
    let step = match sheet.state {
        AssignmentState::ToDeclare => view! { <Declaration id lang/> }.into_any(),
        AssignmentState::Conflict => {
            view! { <p class="form-notice">{et.conflict_declared}</p> }.into_any()
        }
        AssignmentState::Scoring if sheet.editable => view! {
            <ScoreSheet id criteria=sheet.criteria.clone() scores=sheet.scores.clone() lang/>
        }
        .into_any(),
        AssignmentState::Scoring => {
            view! { <p class="form-notice">{et.not_in_evaluation}</p> }.into_any()
        }
        AssignmentState::Submitted => {
            view! { <SubmittedScores sheet=sheet.clone() lang/> }.into_any()
        }
    };
    view! {
        <PageMeta title=sheet.title.clone() description=sheet.call.name.clone()/>
        <nav class="breadcrumbs" aria-label=lang.t().breadcrumbs>
            <ol>
                <li><a href=lang.href(EVALUATION_PATH)>{et.my_title}</a></li>
                <li>{sheet.call.name.clone()}</li>
            </ol>
        </nav>
        <article>
            <header>
                <p class="muted">{et.application}" № "{id}" · "{sheet.phase.name(lang)}</p>
                <h1>{sheet.title.clone()}</h1>
            </header>
            <SubmitInPlace part="evaluation-step">
                <p class="phase" data-testid="assignment-state">{sheet.state.name(lang)}</p>
                {step}
            </SubmitInPlace>
            <div data-live="evaluated-application">
                {sheet.content.map(|page| view! { <EvaluatedContent page lang/> })}
            </div>
        </article>
    }
}

/// The application, read-only, with the eligibility and any admin's overrides.
#[component]
fn EvaluatedContent(page: ApplicationPage, lang: Lang) -> impl IntoView {
    let (pt, et) = (super::texts::texts(lang), texts(lang));
    view! {
        <section class="evaluated-application" aria-labelledby="evaluated-title">
            <h2 id="evaluated-title">{et.application_title}</h2>
            {(!page.summary.is_empty()).then(|| view! { <p class="lead">{page.summary.clone()}</p> })}
            <p><strong>{pt.members}": "</strong>
                {page.members.iter().map(|m| format!("{} ({})", m.hromada.name, if m.lead { pt.lead } else { pt.partner })).collect::<Vec<_>>().join(", ")}
            </p>
            <super::pages::Eligibility id=page.id results=page.eligibility.clone() manages=false lang/>
            <super::pages::ApplicationContent page lang/>
        </section>
    }
}

#[component]
fn Declaration(id: i64, lang: Lang) -> impl IntoView {
    let et = texts(lang);
    let declare = ServerAction::<DeclareInterest>::new();
    let note_problem = problem_at(declare, "note", lang);
    let invalid = note_problem.is_some();
    view! {
        <section class="panel" aria-labelledby="declare-title">
            <h2 id="declare-title">{et.declare_title}</h2>
            <p>{et.declare_lead}</p>
            <ActionForm action=declare attr:class="inline-form">
                <input type="hidden" name="application" value=id/>
                <input type="hidden" name="conflict" value="no"/>
                <button type="submit" class="button primary">{et.no_conflict}</button>
            </ActionForm>
            <details class="conflict-form" open=invalid>
                <summary>{et.have_conflict}</summary>
                <ActionForm action=declare attr:class="stacked-form">
                    <input type="hidden" name="application" value=id/>
                    <input type="hidden" name="conflict" value="yes"/>
                    <div class="field" class:invalid=invalid>
                        <label for="conflict-note">{et.conflict_note}</label>
                        <textarea id="conflict-note" name="note" rows="3"
                            aria-invalid=invalid.then_some("true")
                            aria-describedby=invalid.then_some("conflict-note-error")></textarea>
                        {note_problem.map(|m| view! { <p class="field-error" id="conflict-note-error">{m}</p> })}
                    </div>
                    <button type="submit" class="button secondary">{et.declare_conflict}</button>
                </ActionForm>
            </details>
            {action_failure(declare, lang)}
        </section>
    }
}

#[component]
fn ScoreSheet(
    id: i64,
    criteria: Vec<Criterion>,
    scores: Vec<ScoreForm>,
    lang: Lang,
) -> impl IntoView {
    let (pt, et) = (super::texts::texts(lang), texts(lang));
    let save = ServerAction::<SaveScores>::new();
    view! {
        <section class="panel" aria-labelledby="scores-title">
            <h2 id="scores-title">{et.scores_title}</h2>
            <ActionForm action=save attr:class="stacked-form score-sheet">
                <input type="hidden" name="application" value=id/>
                {criteria.into_iter().enumerate().map(|(i, c)| {
                    let score_problem = problem_at(save, &format!("score-{i}"), lang);
                    let comment_problem = problem_at(save, &format!("comment-{i}"), lang);
                    let form = scores.get(i).cloned().unwrap_or_default();
                    let (score_id, comment_id) = (format!("score-{i}"), format!("comment-{i}"));
                    let score_bad = score_problem.is_some();
                    let comment_bad = comment_problem.is_some();
                    view! {
                        <fieldset class="criterion-score">
                            <legend>{c.name.clone()}<span class="muted">{format!(" · {} {} · {} {}", pt.weight, c.weight, pt.max_score, c.max_score)}</span></legend>
                            {(!c.description.is_empty()).then(|| view! { <p class="muted">{c.description.clone()}</p> })}
                            <div class="field" class:invalid=score_bad>
                                <label for=score_id.clone()>{et.score}</label>
                                <input id=score_id.clone() name=format!("scores[{i}][score]") type="text" inputmode="decimal"
                                    autocomplete="off" value=form.score
                                    aria-invalid=score_bad.then_some("true")
                                    aria-describedby=format!("{score_id}-hint{}", if score_bad { format!(" {score_id}-error") } else { String::new() })/>
                                <p class="hint" id=format!("{score_id}-hint")>{(et.score_hint)(c.max_score)}</p>
                                {score_problem.map(|m| view! { <p class="field-error" id=format!("{score_id}-error")>{m}</p> })}
                            </div>
                            <div class="field" class:invalid=comment_bad>
                                <label for=comment_id.clone()>{et.comment}</label>
                                <textarea id=comment_id.clone() name=format!("scores[{i}][comment]") rows="3"
                                    aria-invalid=comment_bad.then_some("true")
                                    aria-describedby=comment_bad.then(|| format!("{comment_id}-error"))>{form.comment}</textarea>
                                {comment_problem.map(|m| view! { <p class="field-error" id=format!("{comment_id}-error")>{m}</p> })}
                            </div>
                        </fieldset>
                    }
                }).collect_view()}
                <p class="hint">{et.submit_hint}</p>
                <div class="editor-actions">
                    <button type="submit" name="intent" value="save" class="button secondary">{et.save_draft}</button>
                    <button type="submit" name="intent" value="submit" class="button primary">{et.submit_scores}</button>
                </div>
            </ActionForm>
            {action_failure(save, lang)}
        </section>
    }
}

/// The evaluator's own submitted scores beside the others', numbered, never named.
#[component]
fn SubmittedScores(sheet: EvaluationSheet, lang: Lang) -> impl IntoView {
    let et = texts(lang);
    let peers = sheet.peers.clone();
    let criteria = sheet.criteria.clone();
    let own = sheet.scores.clone();
    view! {
        <section aria-labelledby="others-title">
            <h2 id="others-title">{et.others_title}</h2>
            <p class="muted">{et.others_lead}</p>
            <div class="table-scroll">
                <table class="data-table peer-scores">
                    <thead><tr>
                        <th scope="col">{super::texts::texts(lang).criterion}</th>
                        <th scope="col">{et.you}</th>
                        {peers.iter().map(|p| view! { <th scope="col">{(et.evaluator_number)(p.number)}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {criteria.iter().enumerate().map(|(i, c)| view! {
                            <tr>
                                <th scope="row">{c.name.clone()}" ("{c.max_score}")"</th>
                                <td data-label=et.you>{own.get(i).map(|s| s.score.clone()).unwrap_or_default()}</td>
                                {peers.iter().map(|p| {
                                    let label = (et.evaluator_number)(p.number);
                                    let score = p.scores.get(i).copied().flatten().map(|s| score_text(s, lang)).unwrap_or_default();
                                    view! { <td data-label=label>{score}</td> }
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {criteria.iter().enumerate().map(|(i, c)| view! {
                <h3>{et.comments}": "{c.name.clone()}</h3>
                <ul class="peer-comments">
                    <li><strong>{et.you}": "</strong>{own.get(i).map(|s| s.comment.clone()).unwrap_or_default()}</li>
                    {peers.iter().map(|p| view! {
                        <li><strong>{(et.evaluator_number)(p.number)}": "</strong>{p.comments.get(i).cloned().unwrap_or_default()}</li>
                    }).collect_view()}
                </ul>
            }).collect_view()}
        </section>
    }
}

/// `/edit/calls/:id/evaluation`: the admin's view of a call's evaluation, live.
#[component]
pub fn CallEvaluationPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let id = route_id().unwrap_or_default();
    view! {
        <div class="page call-evaluation">
            <Guarded capability=Capability::ManageCalls>
                <LiveParts topic=evaluation_topic(id)/>
                <CallEvaluationView id lang/>
            </Guarded>
        </div>
    }
}

#[component]
fn CallEvaluationView(id: i64, lang: Lang) -> impl IntoView {
    let data = Resource::new(|| (), move |_| load_call_evaluation(id, lang));
    await_view(
        data,
        move |evaluation| view! { <CallEvaluationBody evaluation lang/> },
    )
}

#[component]
fn CallEvaluationBody(evaluation: CallEvaluation, lang: Lang) -> impl IntoView {
    let (pt, et) = (super::texts::texts(lang), texts(lang));
    let call_id: i64 = evaluation.call.value.parse().unwrap_or_default();
    let title = (et.admin_title)(&evaluation.call.name);
    let call_name = evaluation.call.name.clone();
    let phase = evaluation.phase.name(lang);
    let (evaluators, oblasts) = (evaluation.evaluators.clone(), evaluation.oblasts.clone());
    let (for_assignments, for_ranking) = (evaluation.clone(), evaluation.clone());
    view! {
        <PageMeta title=title.clone() description=call_name.clone()/>
        {breadcrumbs(lang, Some((call_id, call_name)))}
        <h1>{title}</h1>
        <p>{pt.phase}": "<strong data-testid="call-phase">{phase}</strong></p>
        <SubmitInPlace part="evaluators">
            <EvaluatorsTable call=call_id evaluators oblasts lang/>
        </SubmitInPlace>
        <SubmitInPlace part="assignments">
            <Assignments call=call_id evaluation=for_assignments lang/>
        </SubmitInPlace>
        <section data-live="ranking" aria-labelledby="ranking-title">
            <RankingTable evaluation=for_ranking lang/>
        </section>
        <SubmitInPlace part="confirmation">
            <Confirmation call=call_id evaluation lang/>
        </SubmitInPlace>
    }
}

#[component]
fn EvaluatorsTable(
    call: i64,
    evaluators: Vec<EvaluatorProgress>,
    oblasts: Vec<crate::common::Choice>,
    lang: Lang,
) -> impl IntoView {
    let et = texts(lang);
    let set_oblast = ServerAction::<SetEvaluatorOblast>::new();
    view! {
        <section aria-labelledby="evaluators-title">
            <h2 id="evaluators-title">{et.evaluators}</h2>
            {if evaluators.is_empty() {
                view! { <p class="empty">{et.no_evaluators}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data-table evaluators-table">
                            <thead><tr>
                                <th scope="col">{et.evaluator}</th>
                                <th scope="col">{et.oblast}</th>
                                <th scope="col">{et.assigned}</th>
                                <th scope="col">{et.declared}</th>
                                <th scope="col">{et.submitted}</th>
                                <th scope="col">{et.conflicts}</th>
                            </tr></thead>
                            <tbody>
                                {evaluators.into_iter().map(|e| {
                                    let select_id = format!("oblast-{}", e.id);
                                    let stated = e.oblast.clone();
                                    let options = oblasts.clone();
                                    view! {
                                        <tr>
                                            <th scope="row" data-label=et.evaluator>{e.name.clone()}</th>
                                            <td data-label=et.oblast>
                                                {stated.is_none().then(|| view! { <p class="form-notice">{et.oblast_unstated}</p> })}
                                                <ActionForm action=set_oblast attr:class="inline-form">
                                                    <input type="hidden" name="call" value=call/>
                                                    <input type="hidden" name="evaluator" value=e.id/>
                                                    <label class="visually-hidden" for=select_id.clone()>{format!("{}: {}", et.oblast, e.name)}</label>
                                                    <select id=select_id name="oblast">
                                                        <option value="" selected=stated.as_deref() == Some("")>{et.oblast_none}</option>
                                                        {options.iter().map(|o| view! {
                                                            <option value=o.value.clone() selected=stated.as_deref() == Some(o.value.as_str())>{o.name.clone()}</option>
                                                        }).collect_view()}
                                                    </select>
                                                    <button type="submit" class="button secondary">{et.save}</button>
                                                </ActionForm>
                                            </td>
                                            <td data-label=et.assigned>{e.assigned}</td>
                                            <td data-label=et.declared>{e.declared}</td>
                                            <td data-label=et.submitted>{e.submitted}</td>
                                            <td data-label=et.conflicts>{e.conflicts}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
            {action_failure(set_oblast, lang)}
        </section>
    }
}

#[component]
fn Assignments(call: i64, evaluation: CallEvaluation, lang: Lang) -> impl IntoView {
    let et = texts(lang);
    let balance = ServerAction::<BalanceEvaluators>::new();
    let assign = ServerAction::<AssignEvaluator>::new();
    let assigning = matches!(evaluation.phase, Phase::Closed | Phase::Evaluation);
    view! {
        <section aria-labelledby="assignments-title">
            <h2 id="assignments-title">{et.assignments}</h2>
            <p>{et.assignments_lead}</p>
            {(assigning && !evaluation.applications.is_empty()).then(|| view! {
                <ActionForm action=balance attr:class="inline-form">
                    <input type="hidden" name="call" value=call/>
                    <button type="submit" class="button">{et.balance}</button>
                </ActionForm>
            })}
            {action_failure(balance, lang)}
            <ul class="assignment-list">
                {evaluation.applications.into_iter().map(|a| {
                    let select_id = format!("assign-{}", a.id);
                    view! {
                        <li data-application=a.id>
                            <h3><a href=application_href(lang, a.id)>{a.title.clone()}</a></h3>
                            <p class="muted">{names(&a.members)}</p>
                            {if a.assignments.is_empty() {
                                view! { <p class="empty">{et.not_yet_assigned}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="assigned">
                                        {a.assignments.iter().map(|row| view! {
                                            <li>{row.evaluator.clone()}" — "{row.state.name(lang)}
                                                <span class="muted">{format!(" ({})", if row.by_admin { et.by_admin } else { et.balanced })}</span>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }
                                .into_any()
                            }}
                            {assigning.then(|| if a.assignable.is_empty() {
                                view! { <p class="muted">{et.no_one_to_assign}</p> }.into_any()
                            } else {
                                view! {
                                    <ActionForm action=assign attr:class="inline-form">
                                        <input type="hidden" name="application" value=a.id/>
                                        <label for=select_id.clone()>{et.evaluator}</label>
                                        <select id=select_id name="evaluator">
                                            {a.assignable.iter().map(|c| view! { <option value=c.value.clone()>{c.name.clone()}</option> }).collect_view()}
                                        </select>
                                        <button type="submit" class="button secondary">{et.assign}</button>
                                    </ActionForm>
                                }
                                .into_any()
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {action_failure(assign, lang)}
        </section>
    }
}

/// The flags of one ranked application, in words.
fn flags(ranked: &super::ranking::Ranked, criteria: &[Criterion], lang: Lang) -> Vec<String> {
    let et = texts(lang);
    let named = |positions: &[usize]| {
        positions
            .iter()
            .filter_map(|p| criteria.get(*p).map(|c| c.name.clone()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut flags = Vec::new();
    if !ranked.complete {
        flags.push(et.incomplete.to_string());
    }
    if !ranked.below_criteria.is_empty() {
        flags.push((et.below_threshold)(&named(&ranked.below_criteria)));
    }
    if ranked.below_total {
        flags.push(et.below_total.to_string());
    }
    if !ranked.spread.is_empty() {
        flags.push((et.spread)(&named(&ranked.spread)));
    }
    flags
}

#[component]
fn RankingTable(evaluation: CallEvaluation, lang: Lang) -> impl IntoView {
    let et = texts(lang);
    let criteria = evaluation.criteria.clone();
    let base = format!("/edit/calls/{}/ranking", evaluation.call.value);
    view! {
        <h2 id="ranking-title">{et.ranking}</h2>
        <p class="note">{et.ranking_rule}</p>
        {downloads(lang, base)}
        {if evaluation.applications.is_empty() {
            view! { <p class="empty">{et.nothing_to_rank}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll">
                    <table class="data-table ranking-table">
                        <thead><tr>
                            <th scope="col">{et.place}</th>
                            <th scope="col">{et.application}</th>
                            <th scope="col">{et.total}</th>
                            {criteria.iter().map(|c| view! { <th scope="col">{c.name.clone()}</th> }).collect_view()}
                            <th scope="col">{et.evaluations}</th>
                            <th scope="col">{et.grant}</th>
                            <th scope="col">{et.flags}</th>
                            <th scope="col">{et.proposal}</th>
                        </tr></thead>
                        <tbody>
                            {evaluation.applications.iter().map(|a| {
                                let r = &a.ranked;
                                let flags = flags(r, &criteria, lang);
                                view! {
                                    <tr class:incomplete=!r.complete data-application=a.id>
                                        <td data-label=et.place>{r.place.map(|p| p.to_string()).unwrap_or_else(|| "—".into())}</td>
                                        <th scope="row" data-label=et.application><a href=application_href(lang, a.id)>{a.title.clone()}</a></th>
                                        <td data-label=et.total>{lang.decimal(r.total)}</td>
                                        {r.means.iter().zip(&criteria).map(|(m, c)| view! { <td data-label=c.name.clone()>{score_text(*m, lang)}</td> }).collect_view()}
                                        <td data-label=et.evaluations>{if r.pending > 0 { format!("{} (+{})", r.evaluations, r.pending) } else { r.evaluations.to_string() }}</td>
                                        <td data-label=et.grant>{lang.int(r.grant)}</td>
                                        <td data-label=et.flags>{if flags.is_empty() { "—".to_string() } else { flags.join("; ") }}</td>
                                        <td data-label=et.proposal>{if r.complete { r.proposal.name(lang) } else { "—" }}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
        {(!evaluation.not_admitted.is_empty()).then(|| view! {
            <h3>{et.not_admitted}</h3>
            <p class="muted">{et.not_admitted_lead}</p>
            <ul>
                {evaluation.not_admitted.iter().map(|a| view! {
                    <li><a href=application_href(lang, a.id)>{a.title.clone()}</a>" — "{a.lead.name.clone()}</li>
                }).collect_view()}
            </ul>
        })}
    }
}

#[component]
fn Confirmation(call: i64, evaluation: CallEvaluation, lang: Lang) -> impl IntoView {
    let et = texts(lang);
    let confirm = ServerAction::<ConfirmResults>::new();
    if evaluation.phase != Phase::Evaluation {
        return ().into_any();
    }
    if !evaluation.ready {
        return view! {
            <section aria-labelledby="confirm-title">
                <h2 id="confirm-title">{et.confirm_title}</h2>
                <p class="note">{et.confirm_waits}</p>
            </section>
        }
        .into_any();
    }
    let too_many =
        problem_at(confirm, "decisions", lang).map(|_| (et.too_many_winners)(evaluation.winners));
    let over = problem_at(confirm, "grants", lang).map(|_| et.over_envelope);
    view! {
        <section aria-labelledby="confirm-title">
            <h2 id="confirm-title">{et.confirm_title}</h2>
            <p>{et.confirm_lead}</p>
            <ActionForm action=confirm attr:class="stacked-form confirmation">
                <input type="hidden" name="call" value=call/>
                {evaluation.applications.iter().enumerate().map(|(i, a)| {
                    let r = &a.ranked;
                    let reason_field = format!("reason-{}", a.id);
                    let reason_problem = problem_at(confirm, &reason_field, lang);
                    let bad = reason_problem.is_some();
                    let outcome_id = format!("outcome-{}", a.id);
                    view! {
                        <fieldset class="decision">
                            <legend>{format!("{}. {} — {}: {}", r.place.unwrap_or_default(), a.title, et.proposal, r.proposal.name(lang))}</legend>
                            <input type="hidden" name=format!("decisions[{i}][application]") value=a.id/>
                            <div class="field">
                                <label for=outcome_id.clone()>{et.outcome}</label>
                                <select id=outcome_id name=format!("decisions[{i}][outcome]")>
                                    {Outcome::ALL.into_iter().map(|o| view! {
                                        <option value=o.as_str() selected=o == r.proposal>{o.name(lang)}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="field" class:invalid=bad>
                                <label for=reason_field.clone()>{et.reason}</label>
                                <textarea id=reason_field.clone() name=format!("decisions[{i}][reason]") rows="2"
                                    aria-invalid=bad.then_some("true")
                                    aria-describedby=format!("{reason_field}-hint{}", if bad { format!(" {reason_field}-error") } else { String::new() })></textarea>
                                <p class="hint" id=format!("{reason_field}-hint")>{et.reason_hint}</p>
                                {reason_problem.map(|m| view! { <p class="field-error" id=format!("{reason_field}-error")>{m}</p> })}
                            </div>
                        </fieldset>
                    }
                }).collect_view()}
                {too_many.map(|m| view! { <p class="form-notice" role="alert">{m}</p> })}
                {over.map(|m| view! { <p class="form-notice" role="alert">{m}</p> })}
                <button type="submit" class="button primary">{et.confirm}</button>
            </ActionForm>
            {action_failure(confirm, lang)}
        </section>
    }
    .into_any()
}

/// Links to the same figures as CSV and JSON.
fn downloads(lang: Lang, base: String) -> impl IntoView {
    view! {
        <p class="export">
            {lang.t().export}": "
            <a href=format!("{base}.csv") rel="nofollow">"CSV"</a>
            " · "
            <a href=format!("{base}.json") rel="nofollow">"JSON"</a>
        </p>
    }
}

/// The published results on the call's page.
#[component]
pub fn Results(
    call: i64,
    criteria: Vec<Criterion>,
    results: Vec<ResultRow>,
    lang: Lang,
) -> impl IntoView {
    let et = texts(lang);
    view! {
        <section class="call-results" aria-labelledby="call-results">
            <h2 id="call-results">{et.results}</h2>
            <p class="note">{et.ranking_rule}</p>
            {downloads(lang, format!("/partnerships/calls/{call}/results"))}
            <div class="table-scroll">
                <table class="data-table results-table">
                    <thead><tr>
                        <th scope="col">{et.place}</th>
                        <th scope="col">{et.application}</th>
                        <th scope="col">{et.members}</th>
                        <th scope="col">{et.total}</th>
                        {criteria.iter().map(|c| view! { <th scope="col">{c.name.clone()}</th> }).collect_view()}
                        <th scope="col">{et.grant}</th>
                        <th scope="col">{et.outcome}</th>
                        <th scope="col">{et.reason}</th>
                    </tr></thead>
                    <tbody>
                        {results.into_iter().map(|r| view! {
                            <tr class=format!("outcome-{}", r.outcome.as_str())>
                                <td data-label=et.place>{r.place}</td>
                                <th scope="row" data-label=et.application>{r.title}</th>
                                <td data-label=et.members>{names(&r.members)}</td>
                                <td data-label=et.total>{lang.decimal(r.total)}</td>
                                {r.means.iter().zip(&criteria).map(|(m, c)| view! { <td data-label=c.name.clone()>{score_text(*m, lang)}</td> }).collect_view()}
                                <td data-label=et.grant>{lang.int(r.grant)}</td>
                                <td data-label=et.outcome>{r.outcome.name(lang)}</td>
                                <td data-label=et.reason>{r.reason}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// An application's evaluation, for its hromadas once the results are published.
#[component]
pub fn ReviewSection(review: Review, lang: Lang) -> impl IntoView {
    let et = texts(lang);
    view! {
        <section class="application-review" aria-labelledby="application-review">
            <h2 id="application-review">{et.review_title}</h2>
            <dl class="facts">
                <div><dt>{et.outcome}</dt><dd data-testid="review-outcome">{review.outcome.name(lang)}</dd></div>
                <div><dt>{et.place}</dt><dd>{review.place}</dd></div>
                <div><dt>{et.total}</dt><dd>{lang.decimal(review.total)}</dd></div>
                {(!review.reason.is_empty()).then(|| view! { <div><dt>{et.reason}</dt><dd>{review.reason.clone()}</dd></div> })}
            </dl>
            <p class="muted">{et.review_lead}</p>
            {review.criteria.into_iter().map(|c| view! {
                <h3>{c.name.clone()}": "{(et.out_of)(&score_text(c.mean, lang), c.max_score)}</h3>
                <ul class="peer-comments">
                    {c.comments.into_iter().map(|comment| view! { <li>{comment}</li> }).collect_view()}
                </ul>
            }).collect_view()}
        </section>
    }
}
