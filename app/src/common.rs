//! What every area shares: a day in Kyiv, a named choice, a link to a hromada, a text in the
//! page's language, and numbers as people type and read them. Areas import these from here, not
//! from one another.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// A calendar day in Kyiv.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Day {
    pub year: i16,
    pub month: i8,
    pub day: i8,
}

/// A value and its name in the page's language: an option of a filter, or what an item links to
/// (an initiative by its slug, say).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HromadaLink {
    pub katottg: String,
    pub name: String,
}

/// The English text where the page is English and it was written, else the Ukrainian.
pub fn pick(lang: Lang, uk: &str, en: &str) -> String {
    match lang {
        Lang::En if !en.trim().is_empty() => en.to_string(),
        _ => uk.to_string(),
    }
}

#[cfg(feature = "ssr")]
pub fn day_of(unix_seconds: i64) -> Day {
    let (year, month, day) = crate::clock::kyiv_date(unix_seconds);
    Day { year, month, day }
}

/// The day a stored `YYYY-MM-DD` names (checked when it was saved).
#[cfg(feature = "ssr")]
pub fn day_of_text(day: &str) -> Day {
    day_of(crate::clock::kyiv_day_start(day).unwrap_or_default())
}

/// A number as people type it: `12`, `3,5`, `1 200`, `-4.25`.
pub fn parse_number(value: &str) -> Option<f64> {
    let cleaned: String = value
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    cleaned.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// A number as shown to people: no trailing `.0`, a decimal comma in Ukrainian.
pub fn show_number(value: f64, uk: bool) -> String {
    let text = if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{:.2}", value)
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    };
    if uk {
        text.replace('.', ",")
    } else {
        text
    }
}
