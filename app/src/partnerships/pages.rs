//! The partnerships' pages, rendered by the server: the calls, a call with its rules and
//! criteria, and an application with its members, eligibility and what is left to do. Their
//! actions (phases, confirmations, submission, overrides) are plain forms that work without
//! JavaScript; only the editors are islands (see `edit.rs`).

use super::api::*;
use super::texts::texts;
use super::types::*;
use crate::i18n::{use_lang, Lang};
use crate::ui::editor::{failure_text, EditError};
use crate::ui::{await_view, PageMeta};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

pub const PARTNERSHIPS_PATH: &str = "/partnerships";

pub fn call_href(lang: Lang, id: i64) -> String {
    lang.href(&format!("{PARTNERSHIPS_PATH}/calls/{id}"))
}

pub fn application_href(lang: Lang, id: i64) -> String {
    lang.href(&format!("{PARTNERSHIPS_PATH}/applications/{id}"))
}

pub(super) fn route_id() -> Option<i64> {
    use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse().ok())
}

pub(super) fn breadcrumbs(lang: Lang, call: Option<(i64, String)>) -> impl IntoView {
    let pt = texts(lang);
    view! {
        <nav class="breadcrumbs" aria-label=lang.t().breadcrumbs>
            <ol>
                <li><a href=lang.href(PARTNERSHIPS_PATH)>{pt.title}</a></li>
                {call.map(|(id, title)| view! { <li><a href=call_href(lang, id)>{title}</a></li> })}
            </ol>
        </nav>
    }
}

/// The message of a refused or failed action, from the server's answer (also after a plain
/// form post, which comes back with its error in the address).
pub(super) fn action_failure<S>(action: ServerAction<S>, lang: Lang) -> impl IntoView
where
    S: ServerFn<Output = (), Error = EditError> + Clone + Send + Sync + 'static,
{
    move || {
        action.value().get().and_then(Result::err).map(|error| {
            view! { <p class="form-notice" role="alert">{failure_text(lang, &error)}</p> }
        })
    }
}

/// The message of the last submission's problem at `field`, if it failed there (also after a
/// plain form post).
pub(super) fn problem_at<S>(action: ServerAction<S>, field: &str, lang: Lang) -> Option<String>
where
    S: ServerFn<Output = (), Error = EditError> + Clone + Send + Sync + 'static,
{
    match action.value().get_untracked() {
        Some(Err(EditError::Invalid(problems))) => problems
            .iter()
            .find(|p| p.field == field)
            .map(|p| crate::ui::editor::problem_text(lang, &p.problem)),
        _ => None,
    }
}

/// `/partnerships`: the calls, newest first; drafts too for those who manage them.
#[component]
pub fn PartnershipsPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let pt = texts(lang);
    let calls = Resource::new(|| (), move |_| load_calls(lang));
    let me = Resource::new(|| (), |_| crate::accounts::api::who_am_i());
    view! {
        <PageMeta title=pt.title description=pt.description/>
        <div class="page partnerships">
            <h1>{pt.title}</h1>
            <p class="lead">{pt.description}</p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let manages = me.await.ok().flatten().is_some_and(|a| a.can(crate::accounts::types::Capability::ManageCalls));
                    manages.then(|| view! {
                        <p class="survey-actions"><a class="button" href=lang.href("/edit/calls/new")>{pt.new_call}</a></p>
                    })
                })}
            </Transition>
            <h2>{pt.calls}</h2>
            {await_view(calls, move |calls| view! { <CallList calls lang/> })}
        </div>
    }
}

#[component]
fn CallList(calls: Vec<CallCard>, lang: Lang) -> impl IntoView {
    let pt = texts(lang);
    if calls.is_empty() {
        return view! { <p class="empty">{pt.no_calls}</p> }.into_any();
    }
    view! {
        <ul class="survey-list call-list">
            {calls.into_iter().map(|call| view! {
                <li class="survey-card call-card">
                    <h3><a href=call_href(lang, call.id)>{call.title}</a></h3>
                    <p class="survey-meta">
                        <span class=format!("phase phase-{}", call.phase.as_str())>{call.phase.name(lang)}</span>
                        " · "{pt.opens}" "{call.opens_at}" "{pt.closes}" "{call.closes_at}
                    </p>
                    <p class="muted">
                        {pt.budget}": "{(pt.uah)(lang.int(call.budget))}" · "{pt.winners}": "{call.winners}
                        " · "{pt.submitted_count}": "{call.applications}
                    </p>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// `/partnerships/calls/:id`.
#[component]
pub fn CallPageView() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let id = route_id().unwrap_or_default();
    let page = Resource::new(|| (), move |_| load_call(id, lang));
    view! {
        <div class="page call">
            {await_view(page, move |page| view! { <Call page lang/> })}
        </div>
    }
}

#[component]
fn Call(page: CallPage, lang: Lang) -> impl IntoView {
    let (pt, et) = (texts(lang), super::evaluation_texts::texts(lang));
    let id = page.id;
    let rules = page.rules.clone();
    let population = match (rules.population_min, rules.population_max) {
        (None, None) => None,
        (min, max) => Some(format!(
            "{}: {}–{}",
            pt.population_rule,
            min.map(|n| lang.int(n)).unwrap_or_else(|| "0".into()),
            max.map(|n| lang.int(n)).unwrap_or_else(|| "∞".into())
        )),
    };
    let description = page.description_html.clone();
    view! {
        <PageMeta title=page.title.clone() description=page.title.clone()/>
        {breadcrumbs(lang, None)}
        <article>
            <header>
                <p class=format!("phase phase-{}", page.phase.as_str())>{page.phase.name(lang)}</p>
                <h1>{page.title.clone()}</h1>
            </header>
            <div class="initiative-facts">
                <dl>
                    <dt>{pt.opens}</dt><dd>{page.opens_at.clone()}" — "{page.closes_at.clone()}</dd>
                    <dt>{pt.budget}</dt><dd>{(pt.uah)(lang.int(page.budget))}</dd>
                    <dt>{pt.max_grant}</dt><dd>{(pt.uah)(lang.int(page.max_grant))}</dd>
                    <dt>{pt.min_cofinancing}</dt><dd>{format!("{} %", page.min_cofinancing)}</dd>
                    <dt>{pt.winners}</dt><dd>{page.winners}</dd>
                    {page.pass_total.map(|t| view! { <dt>{et.pass_total}</dt><dd>{lang.decimal(t)}</dd> })}
                    {page.initiative.clone().map(|i| view! {
                        <dt>{pt.initiative}</dt>
                        <dd><a href=lang.href(&format!("/initiatives/{}", i.value))>{i.name}</a></dd>
                    })}
                    {(!page.sectors.is_empty()).then(|| view! {
                        <dt>{pt.sectors}</dt>
                        <dd>{page.sectors.iter().map(|s| s.name.clone()).collect::<Vec<_>>().join(", ")}</dd>
                    })}
                </dl>
            </div>
            {(!description.is_empty()).then(|| view! { <div class="news-body" inner_html=description></div> })}
            <section aria-labelledby="call-eligibility">
                <h2 id="call-eligibility">{pt.eligibility}</h2>
                <ul class="call-rules">
                    {rules.mixed_kinds.then(|| view! { <li>{pt.mixed_kinds_rule}</li> })}
                    <li>{rules.geography.name(lang)}"."</li>
                    <li>{(pt.members_rule)(rules.members_min, rules.members_max)}</li>
                    {population.map(|p| view! { <li>{p}"."</li> })}
                    {rules.one_application.then(|| view! { <li>{pt.one_application_rule}</li> })}
                </ul>
            </section>
            <section aria-labelledby="call-criteria">
                <h2 id="call-criteria">{pt.criteria}</h2>
                <div class="table-scroll">
                    <table class="criteria-table">
                        <thead><tr>
                            <th scope="col">{pt.criterion}</th>
                            <th scope="col">{pt.weight}</th>
                            <th scope="col">{pt.max_score}</th>
                            <th scope="col">{pt.threshold}</th>
                        </tr></thead>
                        <tbody>
                            {page.criteria.iter().map(|c| view! {
                                <tr>
                                    <th scope="row">{c.name.clone()}
                                        {(!c.description.is_empty()).then(|| view! { <br/><span class="muted">{c.description.clone()}</span> })}
                                    </th>
                                    <td>{c.weight}</td>
                                    <td>{c.max_score}</td>
                                    <td>{c.threshold.map(|t| lang.decimal(t)).unwrap_or_else(|| pt.no_threshold.into())}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        </article>
        {(!page.results.is_empty()).then(|| view! { <super::evaluation_pages::Results call=id criteria=page.criteria.clone() results=page.results.clone() lang/> })}
        {page.may_apply.then(|| view! {
            <section class="call-apply" aria-labelledby="call-apply">
                <h2 id="call-apply">{pt.apply}</h2>
                <p>{pt.apply_hint}</p>
                <p><a class="button" href=lang.href(&format!("/edit/applications/new?call={id}"))>{pt.apply}</a></p>
            </section>
        })}
        {(page.manages || !page.applications.is_empty()).then(|| view! {
            <ApplicationList applications=page.applications.clone() manages=page.manages lang/>
        })}
        {page.manages.then(|| view! { <PhaseActions id phase=page.phase lang/> })}
    }
}

#[component]
fn ApplicationList(applications: Vec<ApplicationCard>, manages: bool, lang: Lang) -> impl IntoView {
    let pt = texts(lang);
    view! {
        <section aria-labelledby="call-applications">
            <h2 id="call-applications">{if manages { pt.applications } else { pt.your_applications }}</h2>
            {if applications.is_empty() {
                view! { <p class="empty">{pt.no_applications}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="applications-table">
                            <thead><tr>
                                <th scope="col">"№"</th>
                                <th scope="col">{pt.application}</th>
                                <th scope="col">{pt.lead}</th>
                                <th scope="col">{pt.members}</th>
                                <th scope="col">{pt.status}</th>
                                <th scope="col">{pt.eligibility}</th>
                            </tr></thead>
                            <tbody>
                                {applications.into_iter().map(|a| view! {
                                    <tr>
                                        <td>{a.id}</td>
                                        <th scope="row"><a href=application_href(lang, a.id)>{a.title}</a></th>
                                        <td>{a.lead.name}</td>
                                        <td>{a.members}</td>
                                        <td>{a.status.name(lang)}</td>
                                        <td>{if a.eligible { pt.eligible } else { pt.not_eligible }}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}

/// The admin's move to the next phase, and the editor while the call may still change.
#[component]
fn PhaseActions(id: i64, phase: Phase, lang: Lang) -> impl IntoView {
    let (pt, et) = (texts(lang), super::evaluation_texts::texts(lang));
    let advance = ServerAction::<AdvanceCall>::new();
    view! {
        <section class="phase-actions" aria-labelledby="call-phases">
            <h2 id="call-phases">{pt.phase_actions}</h2>
            <p>{pt.phase}": "<strong>{phase.name(lang)}</strong></p>
            {matches!(phase, Phase::Draft | Phase::Open).then(|| view! {
                <p><a class="button secondary" href=lang.href(&format!("/edit/calls/{id}"))>{pt.edit_call}</a></p>
            })}
            {matches!(phase, Phase::Closed | Phase::Evaluation | Phase::Published).then(|| view! {
                <p><a class="button secondary" href=super::evaluation_pages::call_evaluation_href(lang, id)>{et.open_evaluation}</a></p>
            })}
            {match phase.next() {
                Some(Phase::Published) => view! { <p class="note">{et.publish_by_confirming}</p> }.into_any(),
                Some(next) => view! {
                    <ActionForm action=advance attr:class="inline-form">
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="from" value=phase.as_str()/>
                        <button type="submit" class="button">{next.action(lang)}</button>
                    </ActionForm>
                }
                .into_any(),
                None => ().into_any(),
            }}
            {action_failure(advance, lang)}
        </section>
    }
}

/// `/partnerships/applications/:id`: for its hromadas' representatives and the staff.
#[component]
pub fn ApplicationPageView() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let id = route_id().unwrap_or_default();
    let page = Resource::new(|| (), move |_| load_application(id, lang));
    view! {
        <div class="page application">
            {await_view(page, move |page| view! { <Application page lang/> })}
        </div>
    }
}

#[component]
fn Application(page: ApplicationPage, lang: Lang) -> impl IntoView {
    let pt = texts(lang);
    let id = page.id;
    let call_id = page.call.value.parse().unwrap_or_default();
    let confirm = ServerAction::<ConfirmApplication>::new();
    let submit = ServerAction::<SubmitApplication>::new();
    let draft = page.status == Status::Draft;
    view! {
        <PageMeta title=page.title.clone() description=page.call.name.clone()/>
        {breadcrumbs(lang, Some((call_id, page.call.name.clone())))}
        <article>
            <header>
                <p class="muted">{pt.application}" № "{id}" · "{page.status.name(lang)}
                    {page.submitted_at.clone().map(|at| view! { " · "{pt.submitted_at}" "{at} })}
                </p>
                <h1>{page.title.clone()}</h1>
                {page.editable.then(|| view! {
                    <p class="survey-actions"><a class="button" href=lang.href(&format!("/edit/applications/{id}"))>{pt.edit_application}</a></p>
                })}
            </header>
            {(!page.summary.is_empty()).then(|| view! { <p class="lead">{page.summary.clone()}</p> })}
            <section aria-labelledby="application-members">
                <h2 id="application-members">{pt.members}</h2>
                <ul class="application-members">
                    {page.members.iter().map(|m| {
                        let confirms = m.viewer_confirms;
                        view! {
                            <li>
                                <a href=lang.href(&format!("/hromadas/{}", m.hromada.katottg))>{m.hromada.name.clone()}</a>
                                " ("{if m.lead { pt.lead } else { pt.partner }}") — "
                                {match &m.confirmed_at {
                                    Some(at) => view! { <span class="confirmed">{pt.confirmed}" "{at.clone()}</span> }.into_any(),
                                    None => view! { <span class="awaiting">{pt.awaiting}</span> }.into_any(),
                                }}
                                {confirms.then(|| view! {
                                    <ActionForm action=confirm attr:class="inline-form">
                                        <input type="hidden" name="id" value=id/>
                                        <button type="submit" class="button">{pt.confirm}</button>
                                    </ActionForm>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {action_failure(confirm, lang)}
            </section>
            {page.review.clone().map(|review| view! { <super::evaluation_pages::ReviewSection review lang/> })}
            <Eligibility id results=page.eligibility.clone() manages=page.manages lang/>
            {draft.then(|| view! {
                <section class="application-readiness" aria-labelledby="application-left">
                    <h2 id="application-left">{pt.left_to_do}</h2>
                    {if page.blockers.is_empty() {
                        view! { <p class="form-success">{pt.ready}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="blockers">
                                {page.blockers.iter().map(|b| view! { <li>{b.clone()}</li> }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }}
                    {(page.editable && page.blockers.is_empty()).then(|| view! {
                        <ActionForm action=submit attr:class="inline-form">
                            <input type="hidden" name="id" value=id/>
                            <button type="submit" class="button primary">{pt.submit}</button>
                        </ActionForm>
                    })}
                    {action_failure(submit, lang)}
                </section>
            })}
            <ApplicationContent page=page.clone() lang/>
        </article>
    }
}

#[component]
pub(super) fn Eligibility(
    id: i64,
    results: Vec<RuleResult>,
    manages: bool,
    lang: Lang,
) -> impl IntoView {
    let pt = texts(lang);
    let decide = ServerAction::<OverrideEligibility>::new();
    view! {
        <section aria-labelledby="application-eligibility">
            <h2 id="application-eligibility">{pt.eligibility}</h2>
            <ul class="eligibility">
                {results.into_iter().map(|r| {
                    let holds = r.holds();
                    let rule = r.rule;
                    view! {
                        <li class=if holds { "rule passed" } else { "rule failed" } data-rule=rule.as_str()>
                            <strong>{rule.name(lang)}": "{if r.passed { pt.passed } else { pt.failed }}</strong>
                            <p>{r.reason.clone()}</p>
                            {r.overridden.clone().map(|o| view! {
                                <p class="override">
                                    {pt.overridden_by}" ("{o.by}", "{o.at}"): "
                                    <strong>{if o.passed { pt.passed } else { pt.failed }}</strong>" — "{o.reason}
                                </p>
                            })}
                            {manages.then(|| view! {
                                <details class="override-form">
                                    <summary>{pt.override_rule}</summary>
                                    <ActionForm action=decide attr:class="stacked-form">
                                        <input type="hidden" name="id" value=id/>
                                        <input type="hidden" name="rule" value=rule.as_str()/>
                                        <div class="field">
                                            <label for=format!("decision-{}", rule.as_str())>{pt.decision}</label>
                                            <select id=format!("decision-{}", rule.as_str()) name="decision">
                                                <option value="pass">{pt.decide_pass}</option>
                                                <option value="fail">{pt.decide_fail}</option>
                                                <option value="clear">{pt.decide_clear}</option>
                                            </select>
                                        </div>
                                        <div class="field">
                                            <label for=format!("reason-{}", rule.as_str())>{pt.reason}</label>
                                            <textarea id=format!("reason-{}", rule.as_str()) name="reason" rows="2"></textarea>
                                        </div>
                                        <button type="submit" class="button secondary">{pt.save}</button>
                                    </ActionForm>
                                </details>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {action_failure(decide, lang)}
        </section>
    }
}

#[component]
pub(super) fn ApplicationContent(page: ApplicationPage, lang: Lang) -> impl IntoView {
    let pt = texts(lang);
    let text =
        |title: &'static str, body: String| {
            (!body.trim().is_empty()).then(|| view! {
            <section>
                <h2>{title}</h2>
                {body.split("\n\n").map(|p| view! { <p>{p.to_string()}</p> }).collect_view()}
            </section>
        })
        };
    view! {
        {(!page.sectors.is_empty()).then(|| view! {
            <p><strong>{pt.sectors}": "</strong>{page.sectors.iter().map(|s| s.name.clone()).collect::<Vec<_>>().join(", ")}</p>
        })}
        {text(pt.problem, page.problem.clone())}
        {(!page.needs.is_empty()).then(|| view! {
            <section>
                <h2>{pt.needs}</h2>
                <ul>{page.needs.iter().map(|n| view! { <li>{n.name.clone()}</li> }).collect_view()}</ul>
            </section>
        })}
        {text(pt.activities, page.activities.clone())}
        {(!page.budget.is_empty()).then(|| view! {
            <section aria-labelledby="application-budget">
                <h2 id="application-budget">{pt.budget_lines}</h2>
                <div class="table-scroll">
                    <table class="budget-table">
                        <thead><tr>
                            <th scope="col">{pt.item}</th>
                            <th scope="col">{pt.amount}</th>
                            <th scope="col">{pt.cofinancing}</th>
                            <th scope="col">{pt.cofinanced_by}</th>
                        </tr></thead>
                        <tbody>
                            {page.budget.iter().map(|l| view! {
                                <tr>
                                    <th scope="row">{l.item.clone()}</th>
                                    <td>{lang.int(l.amount)}</td>
                                    <td>{lang.int(l.cofinancing)}</td>
                                    <td>{l.cofinanced_by.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                        <tfoot><tr>
                            <th scope="row">{pt.total}</th>
                            <td>{lang.int(page.budget_total)}</td>
                            <td>{lang.int(page.cofinancing_total)}</td>
                            <td></td>
                        </tr></tfoot>
                    </table>
                </div>
            </section>
        })}
        {(!page.results.is_empty()).then(|| view! {
            <section aria-labelledby="application-results">
                <h2 id="application-results">{pt.results}</h2>
                <div class="table-scroll">
                    <table>
                        <thead><tr>
                            <th scope="col">{pt.result}</th>
                            <th scope="col">{pt.indicator}</th>
                            <th scope="col">{pt.target}</th>
                        </tr></thead>
                        <tbody>
                            {page.results.iter().map(|r| view! {
                                <tr><th scope="row">{r.result.clone()}</th><td>{r.indicator.clone()}</td><td>{r.target.clone()}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        })}
    }
}
