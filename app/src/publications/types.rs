//! What the browser and the server both know about publications.

use crate::common::{Choice, Day};
use crate::i18n::Lang;
use crate::media::types::DocumentRef;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PublicationKind {
    /// An analytical note.
    Note,
    /// A methodological material.
    Method,
    Recommendation,
}

impl PublicationKind {
    pub const ALL: [PublicationKind; 3] = [Self::Note, Self::Method, Self::Recommendation];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Note => "note",
            Self::Method => "method",
            Self::Recommendation => "recommendation",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Note, Lang::Uk) => "Аналітична записка",
            (Self::Note, Lang::En) => "Analytical note",
            (Self::Method, Lang::Uk) => "Методологічний матеріал",
            (Self::Method, Lang::En) => "Methodological material",
            (Self::Recommendation, Lang::Uk) => "Рекомендація",
            (Self::Recommendation, Lang::En) => "Recommendation",
        }
    }
}

/// What became of a recommendation: its newest dated follow-up says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FollowUpStatus {
    Proposed,
    Sent,
    Accepted,
    InProgress,
    Implemented,
    Declined,
}

impl FollowUpStatus {
    pub const ALL: [FollowUpStatus; 6] = [
        Self::Proposed,
        Self::Sent,
        Self::Accepted,
        Self::InProgress,
        Self::Implemented,
        Self::Declined,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Proposed => "proposed",
            Self::Sent => "sent",
            Self::Accepted => "accepted",
            Self::InProgress => "in_progress",
            Self::Implemented => "implemented",
            Self::Declined => "declined",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == text)
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Proposed, Lang::Uk) => "Запропоновано",
            (Self::Proposed, Lang::En) => "Proposed",
            (Self::Sent, Lang::Uk) => "Надіслано адресатові",
            (Self::Sent, Lang::En) => "Sent to the addressee",
            (Self::Accepted, Lang::Uk) => "Прийнято до розгляду",
            (Self::Accepted, Lang::En) => "Accepted for consideration",
            (Self::InProgress, Lang::Uk) => "Виконується",
            (Self::InProgress, Lang::En) => "Being implemented",
            (Self::Implemented, Lang::Uk) => "Виконано",
            (Self::Implemented, Lang::En) => "Implemented",
            (Self::Declined, Lang::Uk) => "Відхилено",
            (Self::Declined, Lang::En) => "Declined",
        }
    }
}

/// A publication as its form holds it. `authors` one per line; `needs` are needs' numbers or
/// addresses, separated by commas, spaces or lines; the bodies are Markdown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicationForm {
    /// [`PublicationKind::as_str`].
    pub kind: String,
    /// `YYYY-MM-DD`.
    pub published_on: String,
    pub title_uk: String,
    pub title_en: String,
    pub authors: String,
    pub abstract_uk: String,
    pub abstract_en: String,
    pub body_uk: String,
    pub body_en: String,
    /// Sectors' slugs.
    pub sectors: Vec<String>,
    /// An initiative's slug, or empty.
    pub initiative: String,
    /// Surveys' and dialogues' ids, as the checkboxes give them.
    pub surveys: Vec<String>,
    pub dialogues: Vec<String>,
    pub needs: String,
    /// Attached PDFs, in the order shown.
    pub documents: Vec<i64>,
    /// Recommendations only.
    pub addressee: String,
}

/// A dated step of a recommendation's follow-up, as its form holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpForm {
    /// `YYYY-MM-DD`.
    pub happened_on: String,
    /// [`FollowUpStatus::as_str`].
    pub status: String,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub happened_on: Day,
    pub status: FollowUpStatus,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicationCard {
    pub id: i64,
    pub kind: PublicationKind,
    pub title: String,
    pub published_on: Day,
    pub authors: Vec<String>,
    pub summary: String,
    pub sectors: Vec<String>,
    /// Recommendations only.
    pub follow_up: Option<FollowUpStatus>,
}

/// Something a publication rests on, with the address that shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub kind: EvidenceKind,
    pub title: String,
    pub href: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EvidenceKind {
    Survey,
    Dialogue,
    Need,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicationPage {
    pub card: PublicationCard,
    /// Sanitized when saved.
    pub body_html: String,
    pub addressee: String,
    pub documents: Vec<DocumentRef>,
    pub evidence: Vec<Evidence>,
    /// The initiative's slug and title.
    pub initiative: Option<Choice>,
    /// Oldest first.
    pub follow_ups: Vec<FollowUp>,
    /// English was asked for and the publication has none: shown in Ukrainian with a note.
    pub english_missing: bool,
}

/// The list's filter and page, from the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PublicationQuery {
    pub kind: String,
    pub sector: String,
    pub year: String,
    pub q: String,
    pub page: u32,
}

impl PublicationQuery {
    /// The list's address with this filter, at `page`.
    pub fn href(&self, lang: Lang, page: u32) -> String {
        let mut pairs: Vec<(&str, String)> = [
            ("kind", &self.kind),
            ("sector", &self.sector),
            ("year", &self.year),
            ("q", &self.q),
        ]
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| (name, value.clone()))
        .collect();
        if page > 1 {
            pairs.push(("page", page.to_string()));
        }
        let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        let path = lang.href(PUBLICATIONS_PATH);
        if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        }
    }
}

pub const PUBLICATIONS_PATH: &str = "/analytics/publications";
pub const PUBLICATIONS_PAGE_SIZE: usize = 20;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicationList {
    pub query: PublicationQuery,
    /// Filter fields whose value matches nothing; they were not applied.
    pub invalid: Vec<String>,
    pub sectors: Vec<Choice>,
    /// The years that have publications, newest first.
    pub years: Vec<Choice>,
    pub items: Vec<PublicationCard>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicationEditor {
    pub id: Option<i64>,
    pub form: PublicationForm,
    pub sectors: Vec<Choice>,
    pub initiatives: Vec<Choice>,
    pub surveys: Vec<Choice>,
    pub dialogues: Vec<Choice>,
    /// The attached documents, as `form.documents` lists them.
    pub documents: Vec<DocumentRef>,
}

/// The numbers a need list names: each run of digits at the end of a token (`17`, `№17`,
/// `/analytics/needs/edit/17`), in order, without repeats; the tokens that name none.
pub fn need_numbers(text: &str) -> (Vec<i64>, Vec<String>) {
    let mut numbers = Vec::new();
    let mut unreadable = Vec::new();
    for token in text.split(|c: char| c == ',' || c == ';' || c.is_whitespace()) {
        let token = token.trim().trim_end_matches('/');
        if token.is_empty() {
            continue;
        }
        let digits: String = token
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        match digits.parse::<i64>() {
            Ok(number) if number > 0 => {
                if !numbers.contains(&number) {
                    numbers.push(number);
                }
            }
            _ => unreadable.push(token.to_string()),
        }
    }
    (numbers, unreadable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn need_numbers_are_read_from_numbers_and_addresses() {
        assert_eq!(
            need_numbers("17, №18\n/analytics/needs/edit/19/ 17; abc"),
            (vec![17, 18, 19], vec!["abc".to_string()])
        );
        assert_eq!(need_numbers("  "), (vec![], vec![]));
        assert_eq!(need_numbers("0"), (vec![], vec!["0".to_string()]));
    }

    #[test]
    fn the_list_address_keeps_the_filter_and_the_page() {
        let query = PublicationQuery {
            kind: "note".into(),
            q: "школи громад".into(),
            ..PublicationQuery::default()
        };
        assert_eq!(
            query.href(Lang::En, 2),
            "/en/analytics/publications?kind=note&q=%D1%88%D0%BA%D0%BE%D0%BB%D0%B8+%D0%B3%D1%80%D0%BE%D0%BC%D0%B0%D0%B4&page=2"
        );
        assert_eq!(
            PublicationQuery::default().href(Lang::Uk, 1),
            "/analytics/publications"
        );
        for kind in PublicationKind::ALL {
            assert_eq!(PublicationKind::parse(kind.as_str()), Some(kind));
        }
        for status in FollowUpStatus::ALL {
            assert_eq!(FollowUpStatus::parse(status.as_str()), Some(status));
        }
    }
}
