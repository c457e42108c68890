//! The registry's shared types and the list filter, parsed from the URL.

use crate::i18n::{Lang, Texts};
use leptos_router::params::ParamsMap;
use serde::{Deserialize, Serialize};

pub const PAGE_SIZE: u32 = 50;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Urban,
    Settlement,
    Rural,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Urban, Kind::Settlement, Kind::Rural];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Urban => "urban",
            Kind::Settlement => "settlement",
            Kind::Rural => "rural",
        }
    }

    pub fn parse(value: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == value)
    }

    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Kind::Urban => t.kind_urban,
            Kind::Settlement => t.kind_settlement,
            Kind::Rural => t.kind_rural,
        }
    }

    pub fn plural_label(self, t: &Texts) -> &'static str {
        t.kinds_plural[self as usize]
    }
}

impl TryFrom<String> for Kind {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Kind::parse(&value).ok_or_else(|| format!("unknown hromada kind {value:?}"))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Oblast {
    pub katottg: String,
    pub name_uk: String,
    pub name_en: String,
}

impl Oblast {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Uk => &self.name_uk,
            Lang::En => &self.name_en,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Raion {
    pub katottg: String,
    pub name_uk: String,
}

/// One hromada with the names of its raion and oblast.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Hromada {
    pub katottg: String,
    pub name_uk: String,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub kind: Kind,
    pub center_katottg: String,
    pub center_name_uk: String,
    pub raion_katottg: Option<String>,
    pub raion_uk: Option<String>,
    pub oblast_katottg: String,
    pub oblast_uk: String,
    pub oblast_en: String,
    pub population: Option<i64>,
    pub area_km2: Option<f64>,
}

impl Hromada {
    pub fn oblast_name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Uk => &self.oblast_uk,
            Lang::En => &self.oblast_en,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    pub count: i64,
    pub population: Option<i64>,
    pub area_km2: Option<f64>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    #[default]
    Name,
    PopulationDesc,
    PopulationAsc,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Name, Sort::PopulationDesc, Sort::PopulationAsc];

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Name => "name",
            Sort::PopulationDesc => "population_desc",
            Sort::PopulationAsc => "population_asc",
        }
    }

    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Sort::Name => t.sort_name,
            Sort::PopulationDesc => t.sort_population_desc,
            Sort::PopulationAsc => t.sort_population_asc,
        }
    }
}

/// The list's query string exactly as it came: what the user typed is kept and shown back,
/// even when it is not valid.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HromadaQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oblast: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raion: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pop_min: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pop_max: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FilterField {
    Oblast,
    Raion,
    Kind,
    PopMin,
    PopMax,
    Sort,
    Page,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    NotANumber,
    Negative,
    MinAboveMax,
    UnknownChoice,
    /// The page asked for does not exist; the number of pages there are.
    PageOutOfRange(u32),
}

impl Problem {
    pub fn message(self, t: &Texts) -> String {
        match self {
            Problem::NotANumber => t.not_a_number.to_string(),
            Problem::Negative => t.negative_number.to_string(),
            Problem::MinAboveMax => t.min_above_max.to_string(),
            Problem::UnknownChoice => t.unknown_choice.to_string(),
            Problem::PageOutOfRange(pages) => (t.page_out_of_range)(pages),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterIssue {
    pub field: FilterField,
    pub problem: Problem,
}

/// The filter the database applies: only valid parts of the query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HromadaFilter {
    pub oblast: Option<String>,
    pub raion: Option<String>,
    pub kind: Option<Kind>,
    pub pop_min: Option<i64>,
    pub pop_max: Option<i64>,
    pub name: Option<String>,
    pub sort: Sort,
    /// 1-based.
    pub page: u32,
}

fn non_empty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl HromadaQuery {
    pub fn from_params(params: &ParamsMap) -> Self {
        let get = |key: &str| params.get(key);
        HromadaQuery {
            oblast: get("oblast"),
            raion: get("raion"),
            kind: get("kind"),
            pop_min: get("pop_min"),
            pop_max: get("pop_max"),
            q: get("q"),
            sort: get("sort"),
            page: get("page"),
        }
    }

    /// The query string (without `?`) for this query, with empty fields left out.
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        let fields = [
            ("oblast", &self.oblast),
            ("raion", &self.raion),
            ("kind", &self.kind),
            ("pop_min", &self.pop_min),
            ("pop_max", &self.pop_max),
            ("q", &self.q),
            ("sort", &self.sort),
            ("page", &self.page),
        ];
        for (key, value) in fields {
            if let Some(value) = non_empty(value) {
                pairs.push((key, value));
            }
        }
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }

    pub fn with_page(&self, page: u32) -> Self {
        HromadaQuery {
            page: (page > 1).then(|| page.to_string()),
            ..self.clone()
        }
    }

    /// The valid filter and what was wrong with the rest. Codes are checked against the
    /// registry later, by storage.
    pub fn parse(&self) -> (HromadaFilter, Vec<FilterIssue>) {
        let mut issues = Vec::new();
        let mut issue = |field, problem| issues.push(FilterIssue { field, problem });

        let code = |value: &Option<String>| non_empty(value).map(str::to_string);
        let kind = non_empty(&self.kind).and_then(|k| {
            let kind = Kind::parse(k);
            if kind.is_none() {
                issue(FilterField::Kind, Problem::UnknownChoice);
            }
            kind
        });
        let mut count = |value: &Option<String>, field| {
            let text = non_empty(value)?;
            let digits: String = text
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
                .collect();
            match digits.parse::<i64>() {
                Ok(n) if n < 0 => {
                    issue(field, Problem::Negative);
                    None
                }
                Ok(n) => Some(n),
                Err(_) => {
                    issue(field, Problem::NotANumber);
                    None
                }
            }
        };
        let mut pop_min = count(&self.pop_min, FilterField::PopMin);
        let mut pop_max = count(&self.pop_max, FilterField::PopMax);
        if let (Some(min), Some(max)) = (pop_min, pop_max) {
            if min > max {
                issue(FilterField::PopMax, Problem::MinAboveMax);
                pop_min = None;
                pop_max = None;
            }
        }
        let sort = match non_empty(&self.sort) {
            None => Sort::Name,
            Some(s) => Sort::ALL
                .into_iter()
                .find(|o| o.as_str() == s)
                .unwrap_or_else(|| {
                    issue(FilterField::Sort, Problem::UnknownChoice);
                    Sort::Name
                }),
        };
        let page = match non_empty(&self.page) {
            None => 1,
            Some(p) => match p.parse::<u32>() {
                Ok(n) if n >= 1 => n,
                _ => {
                    issue(FilterField::Page, Problem::PageOutOfRange(1));
                    1
                }
            },
        };
        let filter = HromadaFilter {
            oblast: code(&self.oblast),
            // A raion only narrows within its oblast.
            raion: code(&self.oblast).and(code(&self.raion)),
            kind,
            pop_min,
            pop_max,
            name: non_empty(&self.q).map(str::to_string),
            sort,
            page,
        };
        (filter, issues)
    }
}

/// One page of the filtered list, with everything the list page needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HromadaListPage {
    pub issues: Vec<FilterIssue>,
    pub oblasts: Vec<Oblast>,
    /// The raions of the chosen oblast.
    pub raions: Vec<Raion>,
    pub rows: Vec<Hromada>,
    pub totals: Totals,
    pub page: u32,
    pub pages: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HromadaProfile {
    pub hromada: Hromada,
    pub neighbours: Vec<Hromada>,
    pub similar: Vec<Hromada>,
    pub contacts: Option<super::contacts::HromadaContacts>,
    /// Whether the person asking represents this hromada (and so may edit its contacts).
    pub represented_by_viewer: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KindGroup {
    pub kind: Kind,
    pub totals: Totals,
    pub hromadas: Vec<Hromada>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OblastOverview {
    pub oblast: Oblast,
    pub totals: Totals,
    pub groups: Vec<KindGroup>,
}

pub fn is_katottg(code: &str) -> bool {
    code.len() == 19 && code.starts_with("UA") && code[2..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> HromadaQuery {
        let mut q = HromadaQuery::default();
        for (k, v) in pairs {
            let v = Some(v.to_string());
            match *k {
                "oblast" => q.oblast = v,
                "raion" => q.raion = v,
                "kind" => q.kind = v,
                "pop_min" => q.pop_min = v,
                "pop_max" => q.pop_max = v,
                "q" => q.q = v,
                "sort" => q.sort = v,
                "page" => q.page = v,
                _ => unreachable!(),
            }
        }
        q
    }

    #[test]
    fn a_valid_query_becomes_a_filter() {
        let (f, issues) = query(&[
            ("kind", "rural"),
            ("pop_min", "10 000"),
            ("pop_max", "20000"),
            ("sort", "population_desc"),
            ("page", "3"),
        ])
        .parse();
        assert!(issues.is_empty());
        assert_eq!(f.kind, Some(Kind::Rural));
        assert_eq!((f.pop_min, f.pop_max), (Some(10_000), Some(20_000)));
        assert_eq!(f.sort, Sort::PopulationDesc);
        assert_eq!(f.page, 3);
    }

    #[test]
    fn bad_values_are_reported_per_field_and_ignored() {
        let (f, issues) = query(&[
            ("pop_min", "abc"),
            ("pop_max", "-5"),
            ("page", "-1"),
            ("kind", "city"),
            ("sort", "x"),
        ])
        .parse();
        assert_eq!(
            f,
            HromadaFilter {
                page: 1,
                ..Default::default()
            }
        );
        let fields: Vec<_> = issues.iter().map(|i| (i.field, i.problem)).collect();
        assert!(fields.contains(&(FilterField::PopMin, Problem::NotANumber)));
        assert!(fields.contains(&(FilterField::PopMax, Problem::Negative)));
        assert!(fields.contains(&(FilterField::Page, Problem::PageOutOfRange(1))));
        assert!(fields.contains(&(FilterField::Kind, Problem::UnknownChoice)));
        assert!(fields.contains(&(FilterField::Sort, Problem::UnknownChoice)));
    }

    #[test]
    fn crossed_bounds_are_an_error_not_an_empty_list() {
        let (f, issues) = query(&[("pop_min", "500"), ("pop_max", "100")]).parse();
        assert_eq!((f.pop_min, f.pop_max), (None, None));
        assert_eq!(
            issues,
            vec![FilterIssue {
                field: FilterField::PopMax,
                problem: Problem::MinAboveMax
            }]
        );
    }

    #[test]
    fn a_raion_without_its_oblast_is_ignored() {
        let (f, _) = query(&[("raion", "UA46060000000042587")]).parse();
        assert_eq!(f.raion, None);
    }

    #[test]
    fn query_strings_round_trip_and_drop_empty_fields() {
        let q = query(&[("q", "Кам’янська"), ("kind", ""), ("page", "2")]);
        assert_eq!(
            q.to_query_string(),
            "q=Кам%E2%80%99янська&page=2"
                .replace("Кам", "%D0%9A%D0%B0%D0%BC")
                .replace("янська", "%D1%8F%D0%BD%D1%81%D1%8C%D0%BA%D0%B0")
        );
        assert_eq!(q.with_page(1).page, None);
    }

    #[test]
    fn katottg_codes_are_checked() {
        assert!(is_katottg("UA46060250000025047"));
        assert!(!is_katottg("UA4606025000002504"));
        assert!(!is_katottg("XX46060250000025047"));
        assert!(!is_katottg("../etc/passwd"));
    }
}
