//! What the browser and the server both know about calls and applications.

use crate::common::{Choice, HromadaLink};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// A call's phase as the admin sets it. An open call takes applications between its opening
/// and closing times; past its closing time it reads as closed ([`Phase::Closed`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Phase {
    Draft,
    Open,
    Closed,
    Evaluation,
    Published,
}

impl Phase {
    pub const ALL: [Phase; 5] = [
        Self::Draft,
        Self::Open,
        Self::Closed,
        Self::Evaluation,
        Self::Published,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Open => "open",
            Self::Closed => "closed",
            Self::Evaluation => "evaluation",
            Self::Published => "published",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|phase| phase.as_str() == text)
    }

    /// The phase that follows, if any.
    pub fn next(self) -> Option<Self> {
        match self {
            Self::Draft => Some(Self::Open),
            Self::Open => Some(Self::Closed),
            Self::Closed => Some(Self::Evaluation),
            Self::Evaluation => Some(Self::Published),
            Self::Published => None,
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Draft, Lang::Uk) => "Чернетка",
            (Self::Draft, Lang::En) => "Draft",
            (Self::Open, Lang::Uk) => "Прийом заявок",
            (Self::Open, Lang::En) => "Open for applications",
            (Self::Closed, Lang::Uk) => "Прийом завершено",
            (Self::Closed, Lang::En) => "Closed",
            (Self::Evaluation, Lang::Uk) => "Оцінювання",
            (Self::Evaluation, Lang::En) => "Evaluation",
            (Self::Published, Lang::Uk) => "Результати оприлюднено",
            (Self::Published, Lang::En) => "Results published",
        }
    }

    /// What the admin's button that moves a call into this phase says.
    pub fn action(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Draft, Lang::Uk) => "Повернути в чернетку",
            (Self::Draft, Lang::En) => "Back to draft",
            (Self::Open, Lang::Uk) => "Оголосити конкурс",
            (Self::Open, Lang::En) => "Announce the call",
            (Self::Closed, Lang::Uk) => "Завершити прийом заявок",
            (Self::Closed, Lang::En) => "Close applications",
            (Self::Evaluation, Lang::Uk) => "Почати оцінювання",
            (Self::Evaluation, Lang::En) => "Start the evaluation",
            (Self::Published, Lang::Uk) => "Оприлюднити результати",
            (Self::Published, Lang::En) => "Publish the results",
        }
    }
}

/// Where a call's partners may come from, seen from the lead hromada's oblast.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Geography {
    SameOblast,
    Neighbouring,
    Anywhere,
}

impl Geography {
    pub const ALL: [Geography; 3] = [Self::SameOblast, Self::Neighbouring, Self::Anywhere];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::SameOblast => "same_oblast",
            Self::Neighbouring => "neighbouring",
            Self::Anywhere => "anywhere",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.as_str() == text)
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::SameOblast, Lang::Uk) => "Партнери з тієї самої області",
            (Self::SameOblast, Lang::En) => "Partners from the same oblast",
            (Self::Neighbouring, Lang::Uk) => "Партнери з тієї самої або сусідньої області",
            (Self::Neighbouring, Lang::En) => "Partners from the same or a neighbouring oblast",
            (Self::Anywhere, Lang::Uk) => "Партнери з будь-якої області",
            (Self::Anywhere, Lang::En) => "Partners from any oblast",
        }
    }
}

/// The eligibility rules a call chooses. Members count the lead hromada too.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    /// At least one urban or settlement hromada and at least one rural one.
    pub mixed_kinds: bool,
    pub geography: Geography,
    pub members_min: i64,
    pub members_max: i64,
    /// Every member's population within these limits, where set.
    pub population_min: Option<i64>,
    pub population_max: Option<i64>,
    /// A hromada takes part in at most one application per call.
    pub one_application: bool,
}

/// One eligibility rule, as it is checked and overridden.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Rule {
    MixedKinds,
    Geography,
    Members,
    Population,
    OneApplication,
}

impl Rule {
    pub const ALL: [Rule; 5] = [
        Self::MixedKinds,
        Self::Geography,
        Self::Members,
        Self::Population,
        Self::OneApplication,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::MixedKinds => "mixed_kinds",
            Self::Geography => "geography",
            Self::Members => "members",
            Self::Population => "population",
            Self::OneApplication => "one_application",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == text)
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::MixedKinds, Lang::Uk) => "Міська чи селищна та сільська громади",
            (Self::MixedKinds, Lang::En) => "An urban or settlement and a rural hromada",
            (Self::Geography, Lang::Uk) => "Розташування партнерів",
            (Self::Geography, Lang::En) => "Where the partners are",
            (Self::Members, Lang::Uk) => "Кількість громад",
            (Self::Members, Lang::En) => "Number of hromadas",
            (Self::Population, Lang::Uk) => "Чисельність населення",
            (Self::Population, Lang::En) => "Population",
            (Self::OneApplication, Lang::Uk) => "Одна заявка на громаду",
            (Self::OneApplication, Lang::En) => "One application per hromada",
        }
    }
}

/// An admin's decision on one rule of one application, with its written reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Override {
    pub passed: bool,
    pub reason: String,
    pub by: String,
    pub at: String,
}

/// One rule's result for an application: what the registry says, in words, and the admin's
/// override, if any, which decides.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleResult {
    pub rule: Rule,
    pub passed: bool,
    pub reason: String,
    pub overridden: Option<Override>,
}

impl RuleResult {
    pub fn holds(&self) -> bool {
        self.overridden.as_ref().map_or(self.passed, |o| o.passed)
    }
}

/// A call's criterion as its form holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionForm {
    pub name_uk: String,
    pub name_en: String,
    pub description_uk: String,
    pub weight: String,
    pub max_score: String,
    /// Empty: no threshold.
    pub threshold: String,
}

/// The flags among a call's rules, as the form's checkboxes give them.
pub const RULE_MIXED_KINDS: &str = "mixed_kinds";
pub const RULE_ONE_APPLICATION: &str = "one_application";

/// A call as its form holds it: amounts in whole hryvnias, times as Kyiv `YYYY-MM-DDTHH:MM`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallForm {
    pub title_uk: String,
    pub title_en: String,
    pub description_uk: String,
    pub description_en: String,
    /// An initiative's slug, or empty.
    pub initiative: String,
    pub sectors: Vec<String>,
    pub opens_at: String,
    pub closes_at: String,
    pub budget: String,
    pub max_grant: String,
    /// Percent of the project's budget.
    pub min_cofinancing: String,
    pub winners: String,
    /// [`RULE_MIXED_KINDS`], [`RULE_ONE_APPLICATION`].
    pub rules: Vec<String>,
    pub geography: String,
    pub members_min: String,
    pub members_max: String,
    pub population_min: String,
    pub population_max: String,
    pub criteria: Vec<CriterionForm>,
    /// Evaluators' account ids.
    pub evaluators: Vec<String>,
    /// The overall pass mark, out of 100; empty: none.
    #[serde(default)]
    pub pass_total: String,
}

/// The call editor: the form and its choices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallEditor {
    pub id: Option<i64>,
    pub form: CallForm,
    pub phase: Phase,
    pub initiatives: Vec<Choice>,
    pub sectors: Vec<Choice>,
    pub evaluators: Vec<Choice>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub name: String,
    pub description: String,
    pub weight: i64,
    pub max_score: i64,
    pub threshold: Option<f64>,
}

/// A call in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallCard {
    pub id: i64,
    pub title: String,
    pub phase: Phase,
    pub opens_at: String,
    pub closes_at: String,
    pub budget: i64,
    pub winners: i64,
    pub applications: i64,
}

/// A call's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CallPage {
    pub id: i64,
    pub title: String,
    pub description_html: String,
    pub phase: Phase,
    /// True while applications may be created and submitted.
    pub accepting: bool,
    pub opens_at: String,
    pub closes_at: String,
    pub budget: i64,
    pub max_grant: i64,
    pub min_cofinancing: i64,
    pub winners: i64,
    pub rules: Rules,
    pub initiative: Option<Choice>,
    pub sectors: Vec<Choice>,
    pub criteria: Vec<Criterion>,
    /// The viewer's own applications (a representative's hromada's), or every one for staff.
    pub applications: Vec<ApplicationCard>,
    /// The viewer may start an application (a representative, while the call is accepting).
    pub may_apply: bool,
    /// The viewer manages calls: phase changes and the editor.
    pub manages: bool,
    /// The overall pass mark, out of 100.
    pub pass_total: Option<f64>,
    /// Once published: the ranking with every outcome and its reason.
    pub results: Vec<ResultRow>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    Draft,
    Submitted,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Draft, Self::Submitted]
            .into_iter()
            .find(|s| s.as_str() == text)
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Draft, Lang::Uk) => "Чернетка",
            (Self::Draft, Lang::En) => "Draft",
            (Self::Submitted, Lang::Uk) => "Подано",
            (Self::Submitted, Lang::En) => "Submitted",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationCard {
    pub id: i64,
    pub title: String,
    pub lead: HromadaLink,
    pub members: i64,
    pub status: Status,
    pub eligible: bool,
}

/// A budget line as the form holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetLineForm {
    pub item: String,
    pub amount: String,
    pub cofinancing: String,
    /// Who co-finances: a member hromada's name, or another source.
    pub cofinanced_by: String,
}

/// An expected result with its indicator as the form holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultForm {
    pub result: String,
    pub indicator: String,
    pub target: String,
}

/// An application as its form holds it. `partners` names the partner hromadas (names or
/// KATOTTG codes, separated by commas or lines); the lead is the author's own hromada.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationForm {
    pub call: i64,
    pub title: String,
    pub summary: String,
    pub partners: String,
    pub sectors: Vec<String>,
    pub problem: String,
    /// Needs' numbers, separated by commas or spaces.
    pub needs: String,
    pub activities: String,
    pub budget: Vec<BudgetLineForm>,
    pub results: Vec<ResultForm>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationEditor {
    pub id: Option<i64>,
    pub form: ApplicationForm,
    pub call_title: String,
    pub lead: HromadaLink,
    pub sectors: Vec<Choice>,
    /// What the registry says of the application as saved.
    pub eligibility: Vec<RuleResult>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub hromada: HromadaLink,
    pub lead: bool,
    /// Kyiv time of the representative's confirmation.
    pub confirmed_at: Option<String>,
    /// The viewer represents this hromada and has yet to confirm.
    pub viewer_confirms: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetLine {
    pub item: String,
    pub amount: i64,
    pub cofinancing: i64,
    pub cofinanced_by: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectedResult {
    pub result: String,
    pub indicator: String,
    pub target: String,
}

/// An application's page, for its hromadas' representatives and the staff.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApplicationPage {
    pub id: i64,
    pub call: Choice,
    pub title: String,
    pub summary: String,
    pub status: Status,
    pub submitted_at: Option<String>,
    pub members: Vec<Member>,
    pub sectors: Vec<Choice>,
    pub problem: String,
    pub needs: Vec<Choice>,
    pub activities: String,
    pub budget: Vec<BudgetLine>,
    pub budget_total: i64,
    pub cofinancing_total: i64,
    pub results: Vec<ExpectedResult>,
    pub eligibility: Vec<RuleResult>,
    /// The viewer is the lead's representative and the application is still a draft.
    pub editable: bool,
    /// What still stands between the application and its submission, in words; empty when it
    /// may be submitted now.
    pub blockers: Vec<String>,
    /// The viewer manages calls: may override rules.
    pub manages: bool,
    /// Once the call's results are published: the outcome, the scores and the comments.
    pub review: Option<Review>,
}

/// Why a call or an application could not change: said in words where it is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// The call is not accepting applications now (its phase or its times).
    NotAccepting,
    /// Submitted applications are locked.
    Submitted,
    /// The phase asked for does not follow the current one.
    WrongPhase,
    AlreadyConfirmed,
    NotAMember,
    /// A partner has yet to confirm, or a rule fails.
    NotReady,
    /// The hromada has confirmed another application to this call.
    InAnotherApplication,
    /// Results are published by confirming the selection, not by the phase button.
    ConfirmSelection,
    /// Scores are taken only while the call is in evaluation.
    NotInEvaluation,
    ScoresSubmitted,
    /// The evaluator has yet to declare that they have no conflict of interest.
    NotDeclared,
    AlreadyDeclared,
    NotCallEvaluator,
    OblastNotStated,
    FromApplicantOblast,
    DeclaredConflict,
    AlreadyAssigned,
    /// Only submitted, eligible applications are evaluated.
    NotAdmitted,
    /// An application still lacks its evaluations.
    EvaluationIncomplete,
}

impl Refusal {
    pub fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::NotAccepting, Lang::Uk) => {
                "Конкурс зараз не приймає заявок: зміни не збережено."
            }
            (Self::NotAccepting, Lang::En) => {
                "The call is not taking applications now: nothing was changed."
            }
            (Self::Submitted, Lang::Uk) => "Заявку вже подано: її більше не можна змінити.",
            (Self::Submitted, Lang::En) => {
                "The application has been submitted and can no longer change."
            }
            (Self::WrongPhase, Lang::Uk) => "Конкурс уже в іншому етапі: оновіть сторінку.",
            (Self::WrongPhase, Lang::En) => "The call is in another phase by now: reload the page.",
            (Self::AlreadyConfirmed, Lang::Uk) => "Участь громади вже підтверджено.",
            (Self::AlreadyConfirmed, Lang::En) => {
                "The hromada's participation is already confirmed."
            }
            (Self::NotAMember, Lang::Uk) => "Ваша громада не є учасницею цієї заявки.",
            (Self::NotAMember, Lang::En) => "Your hromada is not a member of this application.",
            (Self::NotReady, Lang::Uk) => "Заявку ще не можна подати: див. що лишилося зробити.",
            (Self::NotReady, Lang::En) => {
                "The application cannot be submitted yet: see what is left to do."
            }
            (Self::InAnotherApplication, Lang::Uk) => {
                "Громада вже бере участь в іншій заявці на цей конкурс."
            }
            (Self::InAnotherApplication, Lang::En) => {
                "The hromada already takes part in another application to this call."
            }
            (Self::ConfirmSelection, Lang::Uk) => {
                "Результати оприлюднюються підтвердженням відбору на сторінці оцінювання."
            }
            (Self::ConfirmSelection, Lang::En) => {
                "Results are published by confirming the selection on the evaluation page."
            }
            (Self::NotInEvaluation, Lang::Uk) => {
                "Оцінювання цього конкурсу зараз не триває: оцінки не збережено."
            }
            (Self::NotInEvaluation, Lang::En) => {
                "This call is not in evaluation now: the scores were not saved."
            }
            (Self::ScoresSubmitted, Lang::Uk) => {
                "Ваші оцінки цієї заявки вже подано: їх більше не можна змінити."
            }
            (Self::ScoresSubmitted, Lang::En) => {
                "Your scores for this application are submitted and can no longer change."
            }
            (Self::NotDeclared, Lang::Uk) => {
                "Спершу заявіть, що не маєте конфлікту інтересів щодо цієї заявки."
            }
            (Self::NotDeclared, Lang::En) => {
                "First declare that you have no conflict of interest with this application."
            }
            (Self::AlreadyDeclared, Lang::Uk) => "Ви вже зробили заяву щодо цієї заявки.",
            (Self::AlreadyDeclared, Lang::En) => {
                "You have already made your declaration for this application."
            }
            (Self::NotCallEvaluator, Lang::Uk) => "Ця особа не є оцінювачем цього конкурсу.",
            (Self::NotCallEvaluator, Lang::En) => "This person is not an evaluator of this call.",
            (Self::OblastNotStated, Lang::Uk) => {
                "Спершу вкажіть, з якої області оцінювач (або що ні з якої)."
            }
            (Self::OblastNotStated, Lang::En) => {
                "First state which oblast the evaluator is from (or that they are from none)."
            }
            (Self::FromApplicantOblast, Lang::Uk) => {
                "Оцінювач з області однієї з громад-заявниць: його не можна призначити."
            }
            (Self::FromApplicantOblast, Lang::En) => {
                "The evaluator is from the oblast of an applicant hromada and cannot be assigned."
            }
            (Self::DeclaredConflict, Lang::Uk) => {
                "Оцінювач заявив про конфлікт інтересів щодо цієї заявки."
            }
            (Self::DeclaredConflict, Lang::En) => {
                "The evaluator declared a conflict of interest with this application."
            }
            (Self::AlreadyAssigned, Lang::Uk) => "Цього оцінювача вже призначено на заявку.",
            (Self::AlreadyAssigned, Lang::En) => {
                "This evaluator is already assigned to the application."
            }
            (Self::NotAdmitted, Lang::Uk) => {
                "Оцінюють лише подані заявки, що відповідають умовам конкурсу."
            }
            (Self::NotAdmitted, Lang::En) => {
                "Only submitted applications that meet the call's rules are evaluated."
            }
            (Self::EvaluationIncomplete, Lang::Uk) => {
                "Не всі заявки мають щонайменше три подані оцінки: відбір ще не можна підтвердити."
            }
            (Self::EvaluationIncomplete, Lang::En) => {
                "Not every application has at least three submitted evaluations yet: the selection cannot be confirmed."
            }
        }
    }
}

/// The live topic of a call's evaluation: its progress and ranking.
pub fn evaluation_topic(call: i64) -> String {
    format!("call-evaluation:{call}")
}

/// Where an evaluator stands with one application.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AssignmentState {
    /// The application opens once they declare that they have no conflict of interest.
    ToDeclare,
    Scoring,
    Submitted,
    /// They declared a conflict: someone else evaluates it.
    Conflict,
}

impl AssignmentState {
    pub fn of(declaration: Option<&str>, submitted: bool) -> Self {
        match (declaration, submitted) {
            (Some("conflict"), _) => Self::Conflict,
            (Some(_), true) => Self::Submitted,
            (Some(_), false) => Self::Scoring,
            (None, _) => Self::ToDeclare,
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::ToDeclare, Lang::Uk) => "Очікує заяви про конфлікт інтересів",
            (Self::ToDeclare, Lang::En) => "Awaiting the conflict-of-interest declaration",
            (Self::Scoring, Lang::Uk) => "Оцінюється",
            (Self::Scoring, Lang::En) => "Being scored",
            (Self::Submitted, Lang::Uk) => "Оцінки подано",
            (Self::Submitted, Lang::En) => "Scores submitted",
            (Self::Conflict, Lang::Uk) => "Конфлікт інтересів",
            (Self::Conflict, Lang::En) => "Conflict of interest",
        }
    }
}

/// One application in an evaluator's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentCard {
    pub application: i64,
    pub call: Choice,
    pub title: String,
    pub lead: HromadaLink,
    pub state: AssignmentState,
}

/// A criterion's score as the evaluator's form holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreForm {
    pub score: String,
    pub comment: String,
}

/// Another evaluator's submitted scores and comments, without their name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeerScores {
    pub number: usize,
    pub scores: Vec<Option<f64>>,
    pub comments: Vec<String>,
}

/// What an evaluator sees of an application they are assigned to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvaluationSheet {
    pub application: i64,
    pub call: Choice,
    pub title: String,
    pub phase: Phase,
    pub state: AssignmentState,
    /// The application itself, once the evaluator declared no conflict.
    pub content: Option<ApplicationPage>,
    pub criteria: Vec<Criterion>,
    pub scores: Vec<ScoreForm>,
    /// The other evaluators' submitted scores: only once the evaluator submitted their own.
    pub peers: Vec<PeerScores>,
    /// The evaluator may still change their scores.
    pub editable: bool,
}

/// One of a call's evaluators, with their progress, for the admin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluatorProgress {
    pub id: i64,
    pub name: String,
    /// Their oblast's KATOTTG code, empty for none; `None` until stated.
    pub oblast: Option<String>,
    pub assigned: usize,
    pub declared: usize,
    pub submitted: usize,
    pub conflicts: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentRow {
    pub evaluator: String,
    pub state: AssignmentState,
    /// Assigned by an admin rather than balanced automatically.
    pub by_admin: bool,
}

/// An application in the evaluation, with its standing in the ranking.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvaluatedApplication {
    pub id: i64,
    pub title: String,
    pub members: Vec<HromadaLink>,
    pub assignments: Vec<AssignmentRow>,
    /// Evaluators who may still be assigned to it.
    pub assignable: Vec<Choice>,
    pub ranked: super::ranking::Ranked,
}

/// A call's evaluation, for the admin: evaluators, assignments, the ranking and its proposal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CallEvaluation {
    pub call: Choice,
    pub phase: Phase,
    pub winners: i64,
    pub budget: i64,
    pub pass_total: Option<f64>,
    pub criteria: Vec<Criterion>,
    pub evaluators: Vec<EvaluatorProgress>,
    pub oblasts: Vec<Choice>,
    /// In the ranking's order.
    pub applications: Vec<EvaluatedApplication>,
    /// Submitted applications that fail a rule: not evaluated.
    pub not_admitted: Vec<ApplicationCard>,
    /// Every application is complete and the call is in evaluation.
    pub ready: bool,
}

/// A call's published result for one application.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultRow {
    pub application: i64,
    pub title: String,
    pub members: Vec<HromadaLink>,
    pub place: i64,
    pub total: f64,
    pub means: Vec<f64>,
    pub grant: i64,
    pub outcome: super::ranking::Outcome,
    /// The admin's published reason, where the outcome departs from the ranking's proposal.
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewedCriterion {
    pub name: String,
    pub max_score: i64,
    pub mean: f64,
    /// The evaluators' comments, without their names.
    pub comments: Vec<String>,
}

/// What an application's hromadas see of its evaluation once the results are published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub outcome: super::ranking::Outcome,
    pub place: i64,
    pub total: f64,
    pub reason: String,
    pub criteria: Vec<ReviewedCriterion>,
}

/// The admin's decision on one application as the confirmation form holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionForm {
    pub application: i64,
    pub outcome: String,
    pub reason: String,
}

impl super::ranking::Outcome {
    pub fn name(self, lang: Lang) -> &'static str {
        use super::ranking::Outcome;
        match (self, lang) {
            (Outcome::Winner, Lang::Uk) => "Переможець",
            (Outcome::Winner, Lang::En) => "Winner",
            (Outcome::Reserve, Lang::Uk) => "Резерв",
            (Outcome::Reserve, Lang::En) => "Reserve",
            (Outcome::NotSelected, Lang::Uk) => "Не відібрано",
            (Outcome::NotSelected, Lang::En) => "Not selected",
        }
    }
}
