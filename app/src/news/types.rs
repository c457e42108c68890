use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NewsState {
    Draft,
    /// Shows by itself once its publication time has come.
    Scheduled,
    Published,
}

impl NewsState {
    pub fn as_str(self) -> &'static str {
        match self {
            NewsState::Draft => "draft",
            NewsState::Scheduled => "scheduled",
            NewsState::Published => "published",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Tag {
    pub slug: String,
    pub name_uk: String,
    pub name_en: String,
}

impl Tag {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.name_en.is_empty() => &self.name_en,
            _ => &self.name_uk,
        }
    }
}

/// A calendar day in Kyiv.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Day {
    pub year: i16,
    pub month: i8,
    pub day: i8,
}

/// A run of text; `marked` when it matches a searched word.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub text: String,
    pub marked: bool,
}

/// An item in a list, in the language asked for (falling back to Ukrainian).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsCard {
    pub slug: String,
    pub title: Vec<Segment>,
    pub lead: Vec<Segment>,
    pub day: Day,
    pub tags: Vec<Tag>,
}

impl NewsCard {
    pub fn title_text(&self) -> String {
        self.title.iter().map(|s| s.text.as_str()).collect()
    }
}

/// The lists' filters, as the URL carries them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewsQuery {
    /// Search words.
    pub q: String,
    /// A tag's slug.
    pub tag: String,
    /// An oblast's KATOTTG code: items concerning the oblast or any of its hromadas.
    pub oblast: String,
    /// Kyiv days, `YYYY-MM-DD`, both included.
    pub from: String,
    pub to: String,
    pub page: u32,
}

pub const NEWS_PAGE_SIZE: usize = 12;
/// How many of the newest items the home page shows.
pub const HOME_NEWS: i64 = 3;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsListPage {
    pub items: Vec<NewsCard>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
    /// The tag filtered by, when it exists.
    pub tag: Option<Tag>,
    /// The oblasts to filter by, in the page's language.
    pub oblasts: Vec<HromadaLink>,
    /// Filter fields that could not be read (`from`, `to`, `oblast`).
    pub invalid: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HromadaLink {
    pub katottg: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsArticle {
    pub slug: String,
    /// The absolute address, for sharing.
    pub url: String,
    pub title: String,
    pub lead: String,
    /// Sanitized HTML, rendered from the Markdown when the item was saved.
    pub body_html: String,
    pub day: Day,
    /// Unix seconds, for `<time datetime>` and feeds.
    pub published_at: i64,
    pub tags: Vec<Tag>,
    pub source_name: String,
    pub source_url: String,
    pub hromadas: Vec<HromadaLink>,
    pub oblasts: Vec<HromadaLink>,
    /// English was asked for and the item has none: shown in Ukrainian with a note.
    pub english_missing: bool,
    pub related: Vec<NewsCard>,
    pub previous: Option<NewsCard>,
    pub next: Option<NewsCard>,
}

/// What opening a news address finds: the item, or its current address when the slug is an old one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NewsLookup {
    Found(Box<NewsArticle>),
    MovedTo(String),
}
