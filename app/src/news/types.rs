use crate::common::{Choice, Day, HromadaLink};
use crate::i18n::Lang;
use crate::media::types::ImageRef;
use crate::sectors::Sector;
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
    /// A stored state; anything unknown is kept hidden, as a draft.
    pub fn parse(value: &str) -> Self {
        match value {
            "published" => NewsState::Published,
            "scheduled" => NewsState::Scheduled,
            _ => NewsState::Draft,
        }
    }

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
    pub cover: Option<ImageRef>,
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
    /// An initiative's slug.
    pub initiative: String,
    /// A sector's slug.
    pub sector: String,
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
    /// The initiatives and sectors to filter by.
    pub initiatives: Vec<Choice>,
    pub sectors: Vec<Sector>,
    /// Filter fields that could not be read (`from`, `to`, `oblast`, `initiative`, `sector`).
    pub invalid: Vec<String>,
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
    pub sectors: Vec<Sector>,
    pub initiative: Option<Choice>,
    pub cover: Option<ImageRef>,
    /// Attached images, in order.
    pub gallery: Vec<ImageRef>,
    /// The name of the account that wrote it; empty for items loaded from the shell.
    pub author: String,
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

/// A news item as the editor writes it: Ukrainian required, English optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewsForm {
    pub title_uk: String,
    pub title_en: String,
    pub lead_uk: String,
    pub lead_en: String,
    pub body_uk: String,
    pub body_en: String,
    /// Kyiv time `YYYY-MM-DDTHH:MM`; empty means now when publishing.
    pub publish_at: String,
    /// Tag names, separated by commas.
    pub tags: String,
    pub source_name: String,
    pub source_url: String,
    pub oblasts: Vec<String>,
    /// KATOTTG codes or unique names, separated by commas or lines.
    pub hromadas: String,
    /// An initiative's slug, or empty.
    pub initiative: String,
    pub sectors: Vec<String>,
    pub cover: Option<ImageRef>,
    pub gallery: Vec<ImageRef>,
}

/// What saving does with the item's visibility.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Publishing {
    /// Hidden: a draft (also how an item is unpublished).
    Draft,
    /// Visible from its time, or from now when it has none.
    Publish,
    /// Visible from its time, which must be in the future.
    Schedule,
}

/// An item in the editors' list, in any state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditableNews {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub state: NewsState,
    /// Kyiv time of publication.
    pub publish_at: String,
    pub updated_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditableNewsPage {
    pub items: Vec<EditableNews>,
    pub page: u32,
    pub pages: u32,
}

/// What the news editor opens with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsEditor {
    pub id: Option<i64>,
    pub slug: String,
    pub state: NewsState,
    pub form: NewsForm,
    pub initiatives: Vec<Choice>,
    pub sectors: Vec<Sector>,
    pub oblasts: Vec<HromadaLink>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedNews {
    pub id: i64,
    pub slug: String,
    pub state: NewsState,
    pub publish_at: String,
}
