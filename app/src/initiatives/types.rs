pub use crate::common::{Choice, Day, HromadaLink};
use crate::media::types::ImageRef;
use crate::news::types::NewsCard;
use crate::sectors::Sector;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InitiativeStatus {
    Planned,
    Active,
    Completed,
}

impl InitiativeStatus {
    pub const ALL: [InitiativeStatus; 3] = [
        InitiativeStatus::Planned,
        InitiativeStatus::Active,
        InitiativeStatus::Completed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            InitiativeStatus::Planned => "planned",
            InitiativeStatus::Active => "active",
            InitiativeStatus::Completed => "completed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// From the Kyiv days `YYYY-MM-DD` (which compare as text): before the start planned, after
    /// the end completed, active between.
    pub fn from_dates(today: &str, starts_on: &str, ends_on: &str) -> Self {
        if today < starts_on {
            InitiativeStatus::Planned
        } else if !ends_on.is_empty() && today > ends_on {
            InitiativeStatus::Completed
        } else {
            InitiativeStatus::Active
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PartnerRole {
    Implementer,
    Donor,
    Partner,
}

impl PartnerRole {
    pub const ALL: [PartnerRole; 3] = [
        PartnerRole::Implementer,
        PartnerRole::Donor,
        PartnerRole::Partner,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PartnerRole::Implementer => "implementer",
            PartnerRole::Donor => "donor",
            PartnerRole::Partner => "partner",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    pub slug: String,
    pub name: String,
    pub url: String,
    pub role: PartnerRole,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Direction {
    pub title: String,
    /// Sanitized HTML, rendered from Markdown when saved.
    pub description_html: String,
    pub sectors: Vec<Sector>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitiativeLink {
    pub title: String,
    pub url: String,
}

/// An initiative in a list, in the language asked for (falling back to Ukrainian).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitiativeCard {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub status: InitiativeStatus,
    pub starts_on: Option<Day>,
    pub ends_on: Option<Day>,
    pub sectors: Vec<Sector>,
    pub partners: Vec<Partner>,
    pub cover: Option<ImageRef>,
}

/// The list's filters, as the URL carries them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InitiativeQuery {
    pub q: String,
    /// `planned`, `active` or `completed`.
    pub status: String,
    /// A sector's slug.
    pub sector: String,
    /// An organisation's slug.
    pub partner: String,
    /// An oblast's KATOTTG code: initiatives there, directly or through their hromadas.
    pub oblast: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitiativeListPage {
    pub items: Vec<InitiativeCard>,
    pub sectors: Vec<Choice>,
    pub partners: Vec<Choice>,
    pub oblasts: Vec<Choice>,
    /// Filter fields naming nothing known (`status`, `sector`, `partner`, `oblast`).
    pub invalid: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitiativePage {
    pub card: InitiativeCard,
    /// The absolute address, for sharing.
    pub url: String,
    pub body_html: String,
    pub goals: Vec<String>,
    pub directions: Vec<Direction>,
    pub oblasts: Vec<HromadaLink>,
    pub hromadas: Vec<HromadaLink>,
    pub links: Vec<InitiativeLink>,
    /// The newest news of the initiative.
    pub news: Vec<NewsCard>,
    pub news_total: i64,
    /// English was asked for and the initiative has none: shown in Ukrainian with a note.
    pub english_missing: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InitiativeLookup {
    Found(Box<InitiativePage>),
    MovedTo(String),
}

/// A work stream as the editor writes it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DirectionForm {
    pub title_uk: String,
    pub title_en: String,
    pub description_uk: String,
    pub description_en: String,
    pub sectors: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PartnerForm {
    pub name_uk: String,
    pub name_en: String,
    pub url: String,
    pub role: PartnerRole,
}

impl Default for PartnerForm {
    fn default() -> Self {
        PartnerForm {
            name_uk: String::new(),
            name_en: String::new(),
            url: String::new(),
            role: PartnerRole::Partner,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LinkForm {
    pub title: String,
    pub url: String,
}

/// An initiative as the editor writes it: Ukrainian required, English optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InitiativeForm {
    pub title_uk: String,
    pub title_en: String,
    pub summary_uk: String,
    pub summary_en: String,
    pub body_uk: String,
    pub body_en: String,
    /// One goal per line.
    pub goals_uk: String,
    pub goals_en: String,
    /// Kyiv days, `YYYY-MM-DD`; the end may be open.
    pub starts_on: String,
    pub ends_on: String,
    /// Empty: follow the dates.
    pub status_override: String,
    pub sectors: Vec<String>,
    pub oblasts: Vec<String>,
    /// KATOTTG codes or unique names, separated by commas or lines.
    pub hromadas: String,
    pub directions: Vec<DirectionForm>,
    pub partners: Vec<PartnerForm>,
    pub links: Vec<LinkForm>,
    pub cover: Option<ImageRef>,
    pub published: bool,
}

/// An initiative in the editors' list, published or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditableInitiative {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub published: bool,
    pub status: InitiativeStatus,
    pub updated_at: String,
}

/// What the initiative editor opens with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitiativeEditor {
    pub id: Option<i64>,
    pub slug: String,
    pub form: InitiativeForm,
    pub sectors: Vec<Choice>,
    pub oblasts: Vec<Choice>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedInitiative {
    pub id: i64,
    pub slug: String,
}
