//! The analytical centre's shared types: surveys and their questions, answers and dashboards.

use serde::{Deserialize, Serialize};

pub use crate::common::Choice;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    #[default]
    Single,
    Multiple,
    /// 1 to 5.
    Scale,
    /// With a unit and optional bounds.
    Number,
    ShortText,
    LongText,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 6] = [
        QuestionKind::Single,
        QuestionKind::Multiple,
        QuestionKind::Scale,
        QuestionKind::Number,
        QuestionKind::ShortText,
        QuestionKind::LongText,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Single => "single",
            QuestionKind::Multiple => "multiple",
            QuestionKind::Scale => "scale",
            QuestionKind::Number => "number",
            QuestionKind::ShortText => "short_text",
            QuestionKind::LongText => "long_text",
        }
    }

    pub fn parse(value: &str) -> Option<QuestionKind> {
        QuestionKind::ALL.into_iter().find(|k| k.as_str() == value)
    }

    pub fn has_options(self) -> bool {
        matches!(self, QuestionKind::Single | QuestionKind::Multiple)
    }

    pub fn is_text(self) -> bool {
        matches!(self, QuestionKind::ShortText | QuestionKind::LongText)
    }
}

/// The most characters of a short and of a long text answer.
pub const SHORT_TEXT_MAX: usize = 300;
pub const LONG_TEXT_MAX: usize = 5000;

/// One question as the builder edits it. Options come one per line, English in the same order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QuestionForm {
    pub kind: QuestionKind,
    pub required: bool,
    pub text_uk: String,
    pub text_en: String,
    pub help_uk: String,
    pub help_en: String,
    pub options_uk: String,
    pub options_en: String,
    pub unit_uk: String,
    pub unit_en: String,
    pub min: String,
    pub max: String,
}

/// The survey builder's form. No oblasts and no kinds: every hromada is asked.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SurveyForm {
    pub title_uk: String,
    pub title_en: String,
    pub intro_uk: String,
    pub intro_en: String,
    pub sector: String,
    /// Kyiv time, `YYYY-MM-DDTHH:MM`.
    pub opens_at: String,
    pub closes_at: String,
    pub oblasts: Vec<String>,
    pub kinds: Vec<String>,
    pub public_results: bool,
    pub questions: Vec<QuestionForm>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SurveyState {
    Upcoming,
    Open,
    Closed,
}

impl SurveyState {
    pub fn at(opens_at: i64, closes_at: i64, now: i64) -> SurveyState {
        if now < opens_at {
            SurveyState::Upcoming
        } else if now < closes_at {
            SurveyState::Open
        } else {
            SurveyState::Closed
        }
    }
}

/// What every survey page shows at the top, in one language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurveyHead {
    pub id: i64,
    pub title: String,
    pub intro: String,
    pub sector: Option<String>,
    /// Kyiv time, for people.
    pub opens_at: String,
    pub closes_at: String,
    pub state: SurveyState,
    pub public_results: bool,
    /// Hromadas asked, and those that submitted.
    pub targeted: i64,
    pub answered: i64,
    /// Whom it asks, in words ("all hromadas", "rural hromadas of Lviv Oblast").
    pub audience: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionOption {
    pub id: i64,
    pub label: String,
}

/// A question in one language, as answered and shown on dashboards.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: i64,
    pub position: i64,
    pub kind: QuestionKind,
    pub required: bool,
    pub text: String,
    pub help: String,
    pub unit: String,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub options: Vec<QuestionOption>,
}

/// One question's answer as the form holds it: chosen options, or the typed value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerInput {
    pub question: i64,
    pub choices: Vec<i64>,
    pub value: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerForm {
    pub answers: Vec<AnswerInput>,
}

impl AnswerForm {
    pub fn get(&self, question: i64) -> Option<&AnswerInput> {
        self.answers.iter().find(|a| a.question == question)
    }

    /// The answer to `question`, added empty if missing.
    pub fn entry(&mut self, question: i64) -> &mut AnswerInput {
        match self.answers.iter().position(|a| a.question == question) {
            Some(i) => &mut self.answers[i],
            None => {
                self.answers.push(AnswerInput {
                    question,
                    ..AnswerInput::default()
                });
                self.answers.last_mut().expect("just pushed")
            }
        }
    }
}

/// A survey as its hromada's representative answers it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnswerSheet {
    pub survey: SurveyHead,
    pub hromada: String,
    pub hromada_name: String,
    pub questions: Vec<Question>,
    pub saved: AnswerForm,
    /// Kyiv time of submission, if submitted.
    pub submitted_at: Option<String>,
    pub saved_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedAnswers {
    pub submitted: bool,
    pub saved_at: String,
}

/// A survey in the lists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurveyCard {
    pub head: SurveyHead,
    pub questions: i64,
}

/// The builder's form with what it chooses from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurveyEditor {
    pub id: Option<i64>,
    pub form: SurveyForm,
    /// Once answers exist the questions keep their kind and options; only texts change.
    pub locked: bool,
    pub sectors: Vec<Choice>,
    pub oblasts: Vec<Choice>,
}

/// A dashboard's filter, from the URL: oblast, hromada kind, population band, and the groups
/// to compare (`kind` or `band`; empty for none).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DashboardQuery {
    pub oblast: String,
    pub kind: String,
    pub band: String,
    pub compare: String,
}

impl DashboardQuery {
    pub fn to_query_string(&self) -> String {
        let pairs = [
            ("oblast", &self.oblast),
            ("kind", &self.kind),
            ("band", &self.band),
            ("compare", &self.compare),
        ];
        let set: Vec<(&str, &String)> = pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        serde_urlencoded::to_string(set).unwrap_or_default()
    }
}

/// Population bands of the dashboards' filters and comparisons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Band {
    Under10k,
    From10kTo25k,
    From25kTo50k,
    From50kTo100k,
    Over100k,
}

impl Band {
    pub const ALL: [Band; 5] = [
        Band::Under10k,
        Band::From10kTo25k,
        Band::From25kTo50k,
        Band::From50kTo100k,
        Band::Over100k,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Band::Under10k => "under-10k",
            Band::From10kTo25k => "10k-25k",
            Band::From25kTo50k => "25k-50k",
            Band::From50kTo100k => "50k-100k",
            Band::Over100k => "over-100k",
        }
    }

    pub fn parse(value: &str) -> Option<Band> {
        Band::ALL.into_iter().find(|b| b.as_str() == value)
    }

    /// Lower bound inclusive, upper exclusive.
    pub fn bounds(self) -> (i64, i64) {
        match self {
            Band::Under10k => (0, 10_000),
            Band::From10kTo25k => (10_000, 25_000),
            Band::From25kTo50k => (25_000, 50_000),
            Band::From50kTo100k => (50_000, 100_000),
            Band::Over100k => (100_000, i64::MAX),
        }
    }

    /// A hromada without a population figure is in no band.
    pub fn of(population: Option<i64>) -> Option<Band> {
        let population = population?;
        Band::ALL.into_iter().find(|b| {
            let (low, high) = b.bounds();
            population >= low && population < high
        })
    }
}

/// One bar (or group of bars, one per compared group) of a chart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChartRow {
    pub label: String,
    pub counts: Vec<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TextAnswer {
    pub hromada: String,
    pub text: String,
}

/// One question's figures: per compared group, how many answered it, the rows of its chart
/// (options, scale points or number ranges) and, for scales and numbers, the mean.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionResult {
    pub id: i64,
    pub position: i64,
    pub text: String,
    pub kind: QuestionKind,
    pub unit: String,
    pub answered: Vec<i64>,
    pub rows: Vec<ChartRow>,
    pub means: Vec<Option<f64>>,
    /// Text answers, for analysts only (empty for everyone else).
    pub texts: Vec<TextAnswer>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OblastRate {
    pub katottg: String,
    pub name: String,
    pub targeted: i64,
    pub answered: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub survey: SurveyHead,
    pub query: DashboardQuery,
    /// Filter fields whose value names nothing.
    pub invalid: Vec<String>,
    pub oblasts: Vec<Choice>,
    /// Hromadas asked and answered within the filter.
    pub targeted: i64,
    pub answered: i64,
    pub by_oblast: Vec<OblastRate>,
    /// The compared groups' names; one unnamed group without a comparison.
    pub groups: Vec<String>,
    pub questions: Vec<QuestionResult>,
    /// Whether text answers are shown (to analysts).
    pub with_texts: bool,
}

/// How much of `part` is of `whole`, in whole percent.
pub fn percent(part: i64, whole: i64) -> i64 {
    if whole <= 0 {
        0
    } else {
        (part * 100 + whole / 2) / whole
    }
}
