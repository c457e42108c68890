//! The analytical centre's pages: the surveys, a survey's live dashboard and the answer sheet.

use super::api::{load_answer_sheet, load_dashboard, load_surveys, SaveSurveyAnswers};
use super::texts::{band_name, state_name, texts};
use super::types::*;
use crate::hromadas::types::Kind;
use crate::i18n::{use_lang, Lang};
use crate::ui::charts::{BarChart, BarData, BarRow, Progress};
use crate::ui::editor::{problem_text, save_outcome, FieldProblem};
use crate::ui::{await_view, FilterSelect, LiveParts, PageMeta};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

pub fn survey_href(lang: Lang, id: i64) -> String {
    lang.href(&format!("/analytics/surveys/{id}"))
}

#[component]
fn StateBadge(state: SurveyState, lang: Lang) -> impl IntoView {
    let class = match state {
        SurveyState::Upcoming => "status-badge status-planned",
        SurveyState::Open => "status-badge status-active",
        SurveyState::Closed => "status-badge status-completed",
    };
    view! { <span class=class>{state_name(lang, state)}</span> }
}

#[component]
fn SurveyMeta(head: SurveyHead, lang: Lang) -> impl IntoView {
    let at = texts(lang);
    view! {
        <p class="survey-meta">
            <StateBadge state=head.state lang/>" "
            <span>{format!("{} — {}", head.opens_at, head.closes_at)}</span>
            " · "<span>{head.audience.clone()}</span>
            {head.sector.clone().map(|s| view! { " · "<span>{s}</span> })}
        </p>
        <Progress done=head.answered of=head.targeted label=at.responded.to_string()/>
    }
}

/// `/analytics`: the surveys, open ones with their response rate.
#[component]
pub fn AnalyticsPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let at = texts(lang);
    let data = Resource::new(|| (), move |_| load_surveys(lang));
    let me = Resource::new(|| (), |_| crate::accounts::api::who_am_i());
    view! {
        <PageMeta title=at.title description=at.description/>
        <div class="page analytics">
            <h1>{at.title}</h1>
            <p class="lead">{at.description}</p>
            <p class="survey-actions">
                <a class="button secondary" href=lang.href("/analytics/needs")>{at.needs}</a>
                <a class="button secondary" href=lang.href("/analytics/dialogues")>{at.dialogues}</a>
                <a class="button secondary" href=lang.href("/analytics/publications")>{at.publications}</a>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let analyst = me.await.ok().flatten().is_some_and(|a| a.can(crate::accounts::types::Capability::RunAnalytics));
                        analyst.then(|| view! { " "<a class="button" href=lang.href("/edit/surveys/new")>{at.new_survey}</a> })
                    })}
                </Transition>
            </p>
            <h2>{at.surveys}</h2>
            {await_view(data, move |cards| view! {
                {cards.is_empty().then(|| view! { <p>{at.no_surveys}</p> })}
                <ul class="survey-list">
                    {cards.into_iter().map(|card| view! {
                        <li class="survey-card">
                            <h3><a href=survey_href(lang, card.head.id)>{card.head.title.clone()}</a></h3>
                            <SurveyMeta head=card.head lang/>
                            <p class="survey-questions">{(at.questions_count)(card.questions)}</p>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </div>
    }
}

fn route_id() -> Memo<i64> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    })
}

/// `/analytics/surveys/:id`: the survey and its dashboard, which follows new answers live.
#[component]
pub fn SurveyPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let id = route_id().get_untracked();
    let query = use_query_map().with_untracked(|q| DashboardQuery {
        oblast: q.get("oblast").unwrap_or_default(),
        kind: q.get("kind").unwrap_or_default(),
        band: q.get("band").unwrap_or_default(),
        compare: q.get("compare").unwrap_or_default(),
    });
    let data = Resource::new(|| (), move |_| load_dashboard(id, query.clone(), lang));
    view! {
        <div class="page survey">
            {await_view(data, move |dashboard| view! { <DashboardView dashboard lang/> })}
            <LiveParts topic=crate::live::survey_topic(id)/>
        </div>
    }
}

#[component]
fn DashboardView(dashboard: Dashboard, lang: Lang) -> impl IntoView {
    let at = texts(lang);
    let t = lang.t();
    let head = dashboard.survey.clone();
    let id = head.id;
    let query = dashboard.query.clone();
    let query_string = query.to_query_string();
    let export = |ext: &str| {
        let base = format!("/analytics/surveys/{id}/dashboard.{ext}");
        if query_string.is_empty() {
            base
        } else {
            format!("{base}?{query_string}")
        }
    };
    let invalid = |field: &str| dashboard.invalid.iter().any(|f| f == field);
    let select = |name: &'static str,
                  label: &'static str,
                  options: Vec<Choice>,
                  current: String| {
        view! {
            <FilterSelect prefix="dash" name label options current invalid=invalid(name) message=at.unknown_choice/>
        }
    };
    let any = |name: &str| Choice {
        value: String::new(),
        name: name.to_string(),
    };
    let oblasts = std::iter::once(any(t.any_oblast))
        .chain(dashboard.oblasts.clone())
        .collect();
    let kinds = std::iter::once(any(t.any_kind))
        .chain(Kind::ALL.iter().map(|k| Choice {
            value: k.as_str().into(),
            name: k.plural_label(t).into(),
        }))
        .collect();
    let bands = std::iter::once(any(at.any_band))
        .chain(Band::ALL.iter().map(|b| Choice {
            value: b.as_str().into(),
            name: band_name(lang, *b).into(),
        }))
        .collect();
    let compare = vec![
        any(at.compare_nothing),
        Choice {
            value: "kind".into(),
            name: at.compare_kind.into(),
        },
        Choice {
            value: "band".into(),
            name: at.compare_band.into(),
        },
    ];
    let rates = BarData {
        series: vec![String::new()],
        rows: dashboard
            .by_oblast
            .iter()
            .map(|o| BarRow {
                label: o.name.clone(),
                counts: vec![o.answered],
                totals: vec![o.targeted],
            })
            .collect(),
        whole: true,
    };
    let groups = dashboard.groups.clone();
    let answered_label = |counts: &[i64]| -> String {
        if groups.len() == 1 {
            (at.answered_by)(counts[0])
        } else {
            groups
                .iter()
                .zip(counts)
                .map(|(g, n)| format!("{g}: {n}"))
                .collect::<Vec<_>>()
                .join(" · ")
        }
    };
    let uk = lang == Lang::Uk;
    let questions = dashboard
        .questions
        .iter()
        .map(|q| {
            let caption = format!("{}. {}", q.position + 1, q.text);
            let answered = answered_label(&q.answered);
            let means = q
                .means
                .iter()
                .zip(&groups)
                .filter_map(|(m, g)| {
                    m.map(|m| {
                        let value = super::validate::show_number((m * 100.0).round() / 100.0, uk);
                        let unit = if q.unit.is_empty() { String::new() } else { format!(" {}", q.unit) };
                        if g.is_empty() { format!("{}: {value}{unit}", at.mean) } else { format!("{g} — {}: {value}{unit}", at.mean) }
                    })
                })
                .collect::<Vec<_>>();
            let body = if q.kind.is_text() {
                let count: i64 = q.answered.iter().sum();
                if dashboard.with_texts {
                    view! {
                        <h3>{caption}</h3>
                        <p class="chart-note">{answered}</p>
                        <ul class="text-answers">
                            {q.texts.iter().map(|a| view! {
                                <li><strong>{a.hromada.clone()}": "</strong>{a.text.clone()}</li>
                            }).collect_view()}
                        </ul>
                    }
                    .into_any()
                } else {
                    view! {
                        <h3>{caption}</h3>
                        <p class="chart-note">{(at.texts_for_analysts)(count)}</p>
                    }
                    .into_any()
                }
            } else {
                let data = BarData {
                    series: groups.clone(),
                    rows: q
                        .rows
                        .iter()
                        .map(|r| BarRow {
                            label: r.label.clone(),
                            counts: r.counts.clone(),
                            totals: q.answered.clone(),
                        })
                        .collect(),
                    whole: false,
                };
                let category = if q.kind == QuestionKind::Number { at.range } else { at.answer };
                view! {
                    <BarChart caption data lang category/>
                    <p class="chart-note">{answered}{means.into_iter().map(|m| view! { " · "{m} }).collect_view()}</p>
                }
                .into_any()
            };
            view! { <section class="question-result" data-question=q.id>{body}</section> }
        })
        .collect_view();
    view! {
        <PageMeta title=head.title.clone() description=head.intro.clone()/>
        <h1>{head.title.clone()}</h1>
        {(!head.intro.is_empty()).then(|| view! {
            <div class="survey-intro">{head.intro.lines().filter(|l| !l.trim().is_empty()).map(|l| view! { <p>{l.to_string()}</p> }).collect_view()}</div>
        })}
        <div data-live="survey-meta"><SurveyMeta head=head.clone() lang/></div>
        <p class="survey-actions">
            {(head.state == SurveyState::Open).then(|| view! {
                <a class="button" href=lang.href(&format!("/analytics/surveys/{id}/answer"))>{at.answer_survey}</a>
            })}
            {dashboard.with_texts.then(|| view! {
                " "<a class="button secondary" href=lang.href(&format!("/edit/surveys/{id}"))>{at.edit_survey}</a>
            })}
        </p>
        <h2>{at.dashboard}</h2>
        <p class="live-note">{at.live_note}</p>
        <form method="get" action=survey_href(lang, id) class="filters" role="search" aria-label=t.filters>
            {select("oblast", t.field_oblast, oblasts, query.oblast.clone())}
            {select("kind", t.field_kind, kinds, query.kind.clone())}
            {select("band", at.band, bands, query.band.clone())}
            {select("compare", at.compare, compare, query.compare.clone())}
            <button type="submit" class="button">{at.show}</button>
        </form>
        <p class="dashboard-total" aria-live="polite" data-live="dashboard-total">
            {(at.within_filter)(dashboard.answered, dashboard.targeted)}
        </p>
        <p class="exports">{at.export}": "<a href=export("csv") download>"CSV"</a>" · "<a href=export("json") download>"JSON"</a></p>
        <div data-live="dashboard-results">
            <section class="question-result">
                <BarChart caption=at.rate_by_oblast.to_string() data=rates lang category=t.field_oblast/>
            </section>
            {questions}
        </div>
    }
}

/// `/analytics/surveys/:id/answer`: the representative's answers for their hromada, saved as
/// they go and submitted once; editable until the survey closes.
#[component]
pub fn AnswerPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let at = texts(lang);
    let id = route_id();
    let data = Resource::new(move || id.get(), move |id| load_answer_sheet(id, lang));
    view! {
        <PageMeta title=at.answer_title description=""/>
        <div class="page answer-sheet">
            {await_view(data, move |sheet| view! { <AnswerSheetForm sheet lang/> })}
        </div>
    }
}

#[island(lazy)]
fn AnswerSheetForm(sheet: AnswerSheet, lang: Lang) -> impl IntoView {
    let at = texts(lang);
    let id = sheet.survey.id;
    let open = sheet.survey.state == SurveyState::Open;
    let form = RwSignal::new(sheet.saved.clone());
    let saved = RwSignal::new(sheet.saved.clone());
    let submitted = RwSignal::new(sheet.submitted_at.is_some());
    let saved_at = RwSignal::new(sheet.saved_at.clone());
    let save = ServerAction::<SaveSurveyAnswers>::new();
    let (problems, failure) = save_outcome(save.value(), lang);
    let sent = StoredValue::new(None::<AnswerForm>);
    Effect::new(move |_| {
        if let Some(Ok(done)) = save.value().get() {
            if let Some(sent) = sent.get_value() {
                saved.set(sent);
            }
            submitted.set(done.submitted);
            saved_at.set(Some(done.saved_at));
        }
    });
    let dirty = Memo::new(move |_| form.with(|f| saved.with(|s| f != s)));
    let send = move |submit: bool| {
        let answers = form.get_untracked();
        sent.set_value(Some(answers.clone()));
        save.dispatch(SaveSurveyAnswers {
            id,
            form: answers,
            submit,
            lang,
        });
    };
    // Progress is saved a moment after each change, so nothing typed waits for a button.
    let autosave_round = StoredValue::new(0u64);
    let changed = move || {
        if !open {
            return;
        }
        autosave_round.update_value(|n| *n += 1);
        let round = autosave_round.get_value();
        set_timeout(
            move || {
                if autosave_round.get_value() == round
                    && dirty.get_untracked()
                    && !save.pending().get_untracked()
                {
                    send(false);
                }
            },
            std::time::Duration::from_millis(800),
        );
    };
    let form_problems = move || {
        problems.with(|p| {
            p.iter()
                .filter(|p| p.field == "form")
                .map(|p| problem_text(lang, &p.problem))
                .collect::<Vec<_>>()
        })
    };
    let questions = sheet.questions.clone();
    view! {
        <h1>{sheet.survey.title.clone()}</h1>
        <p class="answer-for">{(at.answering_for)(&sheet.hromada_name)}</p>
        <SurveyMeta head=sheet.survey.clone() lang/>
        {(!open).then(|| view! { <p class="form-notice" role="status">{if sheet.survey.state == SurveyState::Closed { at.closed_notice } else { at.not_open_notice }}</p> })}
        <p class="editor-status" aria-live="polite">
            {move || if submitted.get() { at.submitted } else { at.not_submitted }}
            " · "
            {move || if save.pending().get() {
                at.saving.to_string()
            } else if dirty.get() {
                at.unsaved.to_string()
            } else {
                saved_at.get().map(|t| (at.saved_at)(&t)).unwrap_or_default()
            }}
        </p>
        <form class="answer-form" novalidate on:submit=move |ev| { ev.prevent_default(); send(true) }>
            {questions.into_iter().map(|q| view! {
                <QuestionInput question=q form problems lang enabled=open on_change=Callback::new(move |()| changed())/>
            }).collect_view()}
            {move || form_problems().into_iter().map(|m| view! { <p class="form-notice" role="alert">{m}</p> }).collect_view()}
            {move || failure.get().map(|m| view! { <p class="form-notice" role="alert">{m}</p> })}
            <div class="editor-actions">
                <button type="submit" class="button" disabled=move || !open || save.pending().get()>
                    {move || if submitted.get() { at.resubmit } else { at.submit }}
                </button>
                <a class="button secondary" href=survey_href(lang, id)>{at.to_dashboard}</a>
            </div>
        </form>
    }
}

#[component]
fn QuestionInput(
    question: Question,
    form: RwSignal<AnswerForm>,
    problems: Signal<Vec<FieldProblem>>,
    lang: Lang,
    enabled: bool,
    on_change: Callback<()>,
) -> impl IntoView {
    let at = texts(lang);
    let qid = question.id;
    let field = super::validate::field_of(qid);
    let error_id = format!("{field}-error");
    let help_id = format!("{field}-help");
    let message = {
        let field = field.clone();
        Memo::new(move |_| {
            problems.with(|p| {
                p.iter()
                    .find(|p| p.field == field)
                    .map(|p| problem_text(lang, &p.problem))
            })
        })
    };
    let described = {
        let (error_id, help_id) = (error_id.clone(), help_id.clone());
        let has_help = !question.help.is_empty();
        move || {
            let mut ids = Vec::new();
            if has_help {
                ids.push(help_id.clone());
            }
            if message.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let title = format!(
        "{}. {}{}",
        question.position + 1,
        question.text,
        if question.required { " *" } else { "" }
    );
    let help = (!question.help.is_empty())
        .then(|| view! { <p class="field-hint" id=help_id.clone()>{question.help.clone()}</p> });
    let error = move || {
        message
            .get()
            .map(|m| view! { <p class="field-error" id=error_id.clone()>{m}</p> })
    };
    let value = Signal::derive(move || {
        form.with(|f| f.get(qid).map(|a| a.value.clone()).unwrap_or_default())
    });
    let set_value = move |v: String| {
        form.update(|f| f.entry(qid).value = v);
        on_change.run(());
    };
    let chosen =
        move |option: i64| form.with(|f| f.get(qid).is_some_and(|a| a.choices.contains(&option)));
    let input_id = format!("answer-{qid}");
    let required = question.required.then_some("true");
    let invalid = move || message.with(Option::is_some).then_some("true");
    match question.kind {
        QuestionKind::Single | QuestionKind::Multiple | QuestionKind::Scale => {
            let multiple = question.kind == QuestionKind::Multiple;
            let options: Vec<(i64, String)> = if question.kind == QuestionKind::Scale {
                (1..=5).map(|n| (n, n.to_string())).collect()
            } else {
                question
                    .options
                    .iter()
                    .map(|o| (o.id, o.label.clone()))
                    .collect()
            };
            let scale = question.kind == QuestionKind::Scale;
            view! {
                <fieldset class="field question" class:invalid=move || message.with(Option::is_some) class:scale=scale
                    aria-describedby=described aria-required=required>
                    <legend>{title}</legend>
                    {help}
                    {scale.then(|| view! { <p class="field-hint">{at.scale_hint}</p> })}
                    {options.into_iter().map(|(value_id, label)| {
                        let option_id = format!("{input_id}-{value_id}");
                        let checked = move || if scale {
                            value.with(|v| v.trim() == value_id.to_string())
                        } else {
                            chosen(value_id)
                        };
                        view! {
                            <label class="choice" for=option_id.clone()>
                                <input id=option_id.clone() type=if multiple { "checkbox" } else { "radio" } name=input_id.clone()
                                    value=value_id.to_string() prop:checked=checked disabled=!enabled
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        if scale {
                                            set_value(value_id.to_string());
                                            return;
                                        }
                                        form.update(|f| {
                                            let entry = f.entry(qid);
                                            if multiple {
                                                entry.choices.retain(|c| *c != value_id);
                                                if on { entry.choices.push(value_id); }
                                            } else {
                                                entry.choices = vec![value_id];
                                            }
                                        });
                                        on_change.run(());
                                    }/>
                                " "{label}
                            </label>
                        }
                    }).collect_view()}
                    {error}
                </fieldset>
            }
            .into_any()
        }
        QuestionKind::Number | QuestionKind::ShortText | QuestionKind::LongText => {
            let uk = lang == Lang::Uk;
            let bounds = match (question.min, question.max) {
                (Some(min), Some(max)) => Some((at.between)(
                    &super::validate::show_number(min, uk),
                    &super::validate::show_number(max, uk),
                )),
                (Some(min), None) => Some((at.at_least)(&super::validate::show_number(min, uk))),
                (None, Some(max)) => Some((at.at_most)(&super::validate::show_number(max, uk))),
                (None, None) => None,
            };
            let unit = (!question.unit.is_empty()).then(|| question.unit.clone());
            let input = match question.kind {
                QuestionKind::LongText => view! {
                    <textarea id=input_id.clone() rows="5" maxlength=LONG_TEXT_MAX disabled=!enabled
                        aria-describedby=described aria-required=required aria-invalid=invalid
                        prop:value=value on:input=move |ev| set_value(event_target_value(&ev))></textarea>
                }
                .into_any(),
                kind => view! {
                    <input id=input_id.clone() type="text" disabled=!enabled
                        inputmode=(kind == QuestionKind::Number).then_some("decimal")
                        maxlength=(kind == QuestionKind::ShortText).then_some(SHORT_TEXT_MAX)
                        aria-describedby=described aria-required=required aria-invalid=invalid
                        prop:value=value on:input=move |ev| set_value(event_target_value(&ev))/>
                }
                .into_any(),
            };
            view! {
                <div class="field question" class:invalid=move || message.with(Option::is_some)>
                    <label for=input_id.clone()>{title}</label>
                    {help}
                    {(unit.is_some() || bounds.is_some()).then(|| view! {
                        <p class="field-hint">{[unit, bounds].into_iter().flatten().collect::<Vec<_>>().join(" · ")}</p>
                    })}
                    {input}
                    {error}
                </div>
            }
            .into_any()
        }
    }
}
