//! A survey's dashboard: response rates by oblast and each question's distribution, within a
//! filter (oblast, kind, population band) and, if asked, per compared group. Counted in the
//! database (grouped per question, option or value, and group); numbers are binned here.

use super::storage::{questions, survey_row, HeadFacts};
use super::types::*;
use super::validate::show_number;
use crate::db::Db;
use crate::hromadas::index::RegistryIndex;
use crate::hromadas::types::{Hromada, Kind};
use crate::i18n::Lang;
use crate::on_db;
use std::collections::HashMap;

/// What a dashboard's filter means, checked.
struct Filter {
    oblast: Option<String>,
    kind: Option<Kind>,
    band: Option<Band>,
    compare: Compare,
}

#[derive(Clone, Copy, PartialEq)]
enum Compare {
    Nothing,
    Kind,
    Band,
}

fn parse(query: &DashboardQuery, registry: &RegistryIndex) -> (Filter, Vec<String>) {
    let mut invalid = Vec::new();
    let mut check = |field: &str, ok: bool| {
        if !ok {
            invalid.push(field.to_string());
        }
        ok
    };
    let oblast = Some(query.oblast.clone())
        .filter(|o| !o.is_empty())
        .filter(|o| check("oblast", registry.oblast(o).is_some()));
    let kind = Some(query.kind.as_str())
        .filter(|k| !k.is_empty())
        .and_then(|k| {
            let kind = Kind::parse(k);
            check("kind", kind.is_some());
            kind
        });
    let band = Some(query.band.as_str())
        .filter(|b| !b.is_empty())
        .and_then(|b| {
            let band = Band::parse(b);
            check("band", band.is_some());
            band
        });
    let compare = match query.compare.as_str() {
        "kind" => Compare::Kind,
        "band" => Compare::Band,
        "" => Compare::Nothing,
        _ => {
            check("compare", false);
            Compare::Nothing
        }
    };
    (
        Filter {
            oblast,
            kind,
            band,
            compare,
        },
        invalid,
    )
}

impl Filter {
    /// The conditions on a response `r` this filter sets, with `$2`… as [`Filter::bind`]
    /// binds them: oblast, kind, band bounds and whether a band is asked.
    const SQL: &'static str = "($2 = '' OR r.oblast_katottg = $2) AND ($3 = '' OR r.kind = $3) \
         AND ($6 = 0 OR (r.population >= $4 AND r.population < $5))";

    fn bind(&self) -> (String, &'static str, i64, i64, i64) {
        let (low, high) = self.band.map_or((0, 0), Band::bounds);
        (
            self.oblast.clone().unwrap_or_default(),
            self.kind.map_or("", Kind::as_str),
            low,
            high,
            i64::from(self.band.is_some()),
        )
    }

    /// A response's compared group as SQL: 0 without a comparison, else the index of its kind
    /// or population band; NULL outside every group. BIGINT in both dialects.
    fn group_sql(&self) -> String {
        let group = match self.compare {
            Compare::Nothing => "0".to_string(),
            Compare::Kind => {
                let arms: Vec<String> = Kind::ALL
                    .iter()
                    .map(|k| format!("WHEN '{}' THEN {}", k.as_str(), *k as usize))
                    .collect();
                format!("CASE r.kind {} END", arms.join(" "))
            }
            Compare::Band => {
                let arms: Vec<String> = Band::ALL
                    .iter()
                    .map(|b| {
                        let (low, high) = b.bounds();
                        format!(
                            "WHEN r.population >= {low} AND r.population < {high} THEN {}",
                            *b as usize
                        )
                    })
                    .collect();
                format!("CASE {} END", arms.join(" "))
            }
        };
        format!("CAST({group} AS BIGINT)")
    }

    fn includes(&self, oblast: &str, kind: Option<Kind>, population: Option<i64>) -> bool {
        self.oblast.as_deref().is_none_or(|o| o == oblast)
            && self.kind.is_none_or(|k| Some(k) == kind)
            && self.band.is_none_or(|b| Some(b) == Band::of(population))
    }

    fn group_names(&self, lang: Lang) -> Vec<String> {
        let t = lang.t();
        match self.compare {
            Compare::Nothing => vec![String::new()],
            Compare::Kind => Kind::ALL
                .iter()
                .map(|k| k.plural_label(t).to_string())
                .collect(),
            Compare::Band => Band::ALL
                .iter()
                .map(|b| super::texts::band_name(lang, *b).to_string())
                .collect(),
        }
    }

    fn includes_hromada(&self, h: &Hromada) -> bool {
        self.includes(&h.oblast_katottg, Some(h.kind), h.population)
    }
}

/// The dashboard of survey `id`; text answers only `with_texts` (for analysts).
pub async fn dashboard(
    db: &Db,
    registry: &RegistryIndex,
    id: i64,
    query: &DashboardQuery,
    lang: Lang,
    now: i64,
    with_texts: bool,
) -> Result<Option<Dashboard>, sqlx::Error> {
    let Some(row) = survey_row(db, id).await? else {
        return Ok(None);
    };
    let (filter, invalid) = parse(query, registry);
    let groups = filter.group_names(lang);
    let group_count = groups.len();
    let facts = HeadFacts::read(db, id).await?;
    let targeting = facts.targeting(id);
    let head = facts.head(registry, row, lang, now);
    let questions = questions(db, id, lang).await?;

    // Submitted responses within the filter, counted by oblast.
    let (oblast, kind, low, high, banded) = filter.bind();
    // Every query below takes the survey as `$1` and the filter's values as `$2`…`$6`.
    macro_rules! filtered {
        ($sql:expr) => {
            on_db!(db, read, |pool| sqlx::query_as(&$sql)
                .bind(id)
                .bind(&oblast)
                .bind(kind)
                .bind(low)
                .bind(high)
                .bind(banded)
                .fetch_all(pool)
                .await)?
        };
    }
    let answered_rows: Vec<(String, i64)> = filtered!(format!(
        "SELECT r.oblast_katottg, count(*) FROM survey_responses r \
         WHERE r.survey_id = $1 AND r.submitted_at IS NOT NULL AND {} GROUP BY r.oblast_katottg",
        Filter::SQL
    ));
    let answered_by_oblast: HashMap<String, i64> = answered_rows.into_iter().collect();

    let mut targeted_by_oblast: HashMap<&str, i64> = HashMap::new();
    for h in targeting
        .hromadas(registry)
        .filter(|h| filter.includes_hromada(h))
    {
        *targeted_by_oblast
            .entry(h.oblast_katottg.as_str())
            .or_default() += 1;
    }
    let by_oblast: Vec<OblastRate> = registry
        .oblasts()
        .iter()
        .filter_map(|o| {
            let targeted = targeted_by_oblast.get(o.katottg.as_str()).copied()?;
            Some(OblastRate {
                katottg: o.katottg.clone(),
                name: o.name(lang).to_string(),
                targeted,
                answered: answered_by_oblast.get(&o.katottg).copied().unwrap_or(0),
            })
        })
        .collect();

    // The answers of submitted responses within the filter, counted in the database: per
    // question, option or value, and group; and per question and group, the responses that
    // answered it (a multiple choice has a row per chosen option).
    let group = filter.group_sql();
    let from = format!(
        "FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id \
         WHERE a.survey_id = $1 AND r.submitted_at IS NOT NULL AND {}",
        Filter::SQL
    );
    let counts_sql = format!(
        "SELECT a.question_id, a.option_id, a.number_value, {group} AS g, count(*) {from} \
         AND a.text_value IS NULL GROUP BY a.question_id, a.option_id, a.number_value, g"
    );
    let answered_sql = format!(
        "SELECT a.question_id, {group} AS g, count(DISTINCT a.response_id) {from} \
         GROUP BY a.question_id, g"
    );
    let texts_sql = format!(
        "SELECT a.question_id, {group} AS g, r.hromada_katottg, a.text_value {from} \
         AND a.text_value IS NOT NULL ORDER BY a.response_id DESC"
    );
    type Counted = (i64, Option<i64>, Option<f64>, Option<i64>, i64);
    let counted: Vec<Counted> = filtered!(counts_sql);
    let answered_counts: Vec<(i64, Option<i64>, i64)> = filtered!(answered_sql);
    let texts: Vec<(i64, Option<i64>, String, String)> = if with_texts {
        filtered!(texts_sql)
    } else {
        Vec::new()
    };

    let mut results: Vec<QuestionResult> = questions
        .iter()
        .map(|q| QuestionResult {
            id: q.id,
            position: q.position,
            text: q.text.clone(),
            kind: q.kind,
            unit: q.unit.clone(),
            answered: vec![0; group_count],
            rows: Vec::new(),
            means: vec![None; group_count],
            texts: Vec::new(),
        })
        .collect();
    let index: HashMap<i64, usize> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id, i))
        .collect();
    // A group the database names, if it is one of ours (NULL: outside every group).
    let group_of = |g: Option<i64>| {
        g.and_then(|g| usize::try_from(g).ok())
            .filter(|g| *g < group_count)
    };
    for (question, g, count) in answered_counts {
        if let (Some(&qi), Some(group)) = (index.get(&question), group_of(g)) {
            results[qi].answered[group] += count;
        }
    }
    // Per question: option → counts per group; values with their group and count.
    let mut by_option: Vec<HashMap<i64, Vec<i64>>> = vec![HashMap::new(); questions.len()];
    let mut values: Vec<Vec<Weighted>> = vec![Vec::new(); questions.len()];
    for (question, option, number, g, count) in counted {
        let (Some(&qi), Some(group)) = (index.get(&question), group_of(g)) else {
            continue;
        };
        if let Some(option) = option {
            by_option[qi]
                .entry(option)
                .or_insert_with(|| vec![0; group_count])[group] += count;
        }
        if let Some(number) = number {
            values[qi].push((number, group, count));
        }
    }
    for (question, g, hromada, text) in texts {
        let (Some(&qi), Some(_)) = (index.get(&question), group_of(g)) else {
            continue;
        };
        let hromada = registry
            .hromada(&hromada)
            .map(|h| h.name_uk.clone())
            .unwrap_or_default();
        results[qi].texts.push(TextAnswer { hromada, text });
    }
    let uk = lang == Lang::Uk;
    for (qi, q) in questions.iter().enumerate() {
        let result = &mut results[qi];
        result.rows = match q.kind {
            QuestionKind::Single | QuestionKind::Multiple => q
                .options
                .iter()
                .map(|o| ChartRow {
                    label: o.label.clone(),
                    counts: by_option[qi]
                        .remove(&o.id)
                        .unwrap_or_else(|| vec![0; group_count]),
                })
                .collect(),
            QuestionKind::Scale => (1..=5)
                .map(|point| {
                    let mut counts = vec![0; group_count];
                    for (value, group, count) in &values[qi] {
                        if *value == point as f64 {
                            counts[*group] += count;
                        }
                    }
                    ChartRow {
                        label: point.to_string(),
                        counts,
                    }
                })
                .collect(),
            QuestionKind::Number => histogram(&values[qi], q.min, q.max, group_count, uk),
            QuestionKind::ShortText | QuestionKind::LongText => Vec::new(),
        };
        if matches!(q.kind, QuestionKind::Scale | QuestionKind::Number) {
            let mut sums = vec![(0.0, 0i64); group_count];
            for (value, group, count) in &values[qi] {
                sums[*group].0 += value * *count as f64;
                sums[*group].1 += count;
            }
            result.means = sums
                .into_iter()
                .map(|(sum, n)| (n > 0).then(|| sum / n as f64))
                .collect();
        }
    }
    let targeted = by_oblast.iter().map(|o| o.targeted).sum();
    let answered = by_oblast.iter().map(|o| o.answered).sum();
    Ok(Some(Dashboard {
        survey: head,
        query: query.clone(),
        invalid,
        oblasts: registry
            .oblasts()
            .iter()
            .filter(|o| targeting.oblasts.is_empty() || targeting.oblasts.contains(&o.katottg))
            .filter(|o| {
                targeting
                    .hromadas(registry)
                    .any(|h| h.oblast_katottg == o.katottg)
            })
            .map(|o| Choice {
                value: o.katottg.clone(),
                name: o.name(lang).to_string(),
            })
            .collect(),
        targeted,
        answered,
        by_oblast,
        groups,
        questions: results,
        with_texts,
    }))
}

/// A value, its group and how many responses in the group gave it.
type Weighted = (f64, usize, i64);

/// Numbers in up to eight equal ranges between the bounds (or the least and greatest value).
fn histogram(
    values: &[Weighted],
    min: Option<f64>,
    max: Option<f64>,
    groups: usize,
    uk: bool,
) -> Vec<ChartRow> {
    if values.is_empty() {
        return Vec::new();
    }
    let low = min.unwrap_or_else(|| values.iter().map(|v| v.0).fold(f64::INFINITY, f64::min));
    let high = max.unwrap_or_else(|| values.iter().map(|v| v.0).fold(f64::NEG_INFINITY, f64::max));
    if high <= low {
        return vec![ChartRow {
            label: show_number(low, uk),
            counts: (0..groups)
                .map(|g| values.iter().filter(|v| v.1 == g).map(|v| v.2).sum())
                .collect(),
        }];
    }
    let whole = (high - low).fract() == 0.0 && low.fract() == 0.0;
    let mut bins = 8usize;
    if whole {
        bins = bins.min((high - low) as usize + 1);
    }
    let width = (high - low) / bins as f64;
    let mut rows: Vec<ChartRow> = (0..bins)
        .map(|b| {
            let from = low + width * b as f64;
            let to = if b + 1 == bins {
                high
            } else {
                low + width * (b + 1) as f64
            };
            ChartRow {
                label: format!("{} – {}", show_number(from, uk), show_number(to, uk)),
                counts: vec![0; groups],
            }
        })
        .collect();
    for (value, group, count) in values {
        let bin = (((value - low) / width).floor().max(0.0) as usize).min(bins - 1);
        rows[bin].counts[*group] += count;
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_fall_into_ranges_with_the_greatest_in_the_last() {
        let values = [
            (0.0, 0, 1),
            (10.0, 0, 1),
            (99.0, 1, 1),
            (100.0, 1, 2),
            (55.0, 0, 1),
        ];
        let rows = histogram(&values, Some(0.0), Some(100.0), 2, false);
        assert_eq!(rows.len(), 8);
        assert_eq!(rows[0].label, "0 – 12.5");
        assert_eq!(rows[0].counts, vec![2, 0]);
        assert_eq!(
            rows[7].counts,
            vec![0, 3],
            "a value given twice counts twice"
        );
        let total: i64 = rows.iter().flat_map(|r| r.counts.iter()).sum();
        assert_eq!(total, 6);
        let small = histogram(&[(1.0, 0, 1), (3.0, 0, 1)], None, None, 1, true);
        assert_eq!(small.len(), 3);
        assert_eq!(
            histogram(&[(7.0, 0, 4)], None, None, 1, true)[0].counts,
            vec![4]
        );
    }
}
