//! Registry queries. One SQL text per query serves both databases.

use super::text::{like_pattern, sort_key};
use super::types::*;
use crate::db::Db;
use crate::on_db;

const HROMADA_COLUMNS: &str = "h.katottg, h.name_uk, h.kind, h.center_katottg, h.center_name_uk, \
     h.raion_katottg, r.name_uk AS raion_uk, h.oblast_katottg, o.name_uk AS oblast_uk, \
     o.name_en AS oblast_en, h.population, h.area_km2";

const HROMADA_FROM: &str = "FROM hromadas h \
     JOIN oblasts o ON o.katottg = h.oblast_katottg \
     LEFT JOIN raions r ON r.katottg = h.raion_katottg";

/// Parameters $1..$6 of every filtered query, bound by [`bind_filter!`].
const FILTER_WHERE: &str = "WHERE ($1 IS NULL OR h.oblast_katottg = $1) \
     AND ($2 IS NULL OR h.raion_katottg = $2) \
     AND ($3 IS NULL OR h.kind = $3) \
     AND ($4 IS NULL OR h.population >= $4) \
     AND ($5 IS NULL OR h.population <= $5) \
     AND ($6 IS NULL OR h.search_name LIKE $6 ESCAPE '\\')";

const TOTALS: &str = "SELECT COUNT(*) AS count, CAST(SUM(h.population) AS BIGINT) AS population, \
     SUM(h.area_km2) AS area_km2";

fn order_by(sort: Sort) -> &'static str {
    match sort {
        Sort::Name => "ORDER BY h.sort_key, h.katottg",
        Sort::PopulationDesc => {
            "ORDER BY h.population IS NULL, h.population DESC, h.sort_key, h.katottg"
        }
        Sort::PopulationAsc => {
            "ORDER BY h.population IS NULL, h.population ASC, h.sort_key, h.katottg"
        }
    }
}

macro_rules! bind_filter {
    ($query:expr, $filter:expr) => {
        $query
            .bind($filter.oblast.clone())
            .bind($filter.raion.clone())
            .bind($filter.kind.map(Kind::as_str))
            .bind($filter.pop_min)
            .bind($filter.pop_max)
            .bind($filter.name.as_deref().map(like_pattern))
    };
}

#[derive(sqlx::FromRow)]
struct TotalsRow {
    count: i64,
    population: Option<i64>,
    area_km2: Option<f64>,
}

impl From<TotalsRow> for Totals {
    fn from(row: TotalsRow) -> Self {
        Totals {
            count: row.count,
            population: row.population,
            area_km2: row.area_km2,
        }
    }
}

pub async fn oblasts(db: &Db) -> Result<Vec<Oblast>, sqlx::Error> {
    on_db!(db, read, |pool| sqlx::query_as(
        "SELECT katottg, name_uk, name_en FROM oblasts ORDER BY sort_key"
    )
    .fetch_all(pool)
    .await)
}

pub async fn raions(db: &Db, oblast: &str) -> Result<Vec<Raion>, sqlx::Error> {
    on_db!(db, read, |pool| sqlx::query_as(
        "SELECT katottg, name_uk FROM raions WHERE oblast_katottg = $1 ORDER BY sort_key"
    )
    .bind(oblast)
    .fetch_all(pool)
    .await)
}

pub async fn totals(db: &Db, filter: &HromadaFilter) -> Result<Totals, sqlx::Error> {
    let sql = format!("{TOTALS} {HROMADA_FROM} {FILTER_WHERE}");
    let row: TotalsRow = on_db!(db, read, |pool| bind_filter!(sqlx::query_as(&sql), filter)
        .fetch_one(pool)
        .await)?;
    Ok(row.into())
}

/// The hromadas matching `filter`, in its order; `limit` None gives all of them (exports).
pub async fn list(
    db: &Db,
    filter: &HromadaFilter,
    limit: Option<u32>,
) -> Result<Vec<Hromada>, sqlx::Error> {
    let (limit, offset) = match limit {
        Some(limit) => (
            i64::from(limit),
            i64::from(filter.page.saturating_sub(1)) * i64::from(limit),
        ),
        None => (i64::MAX, 0),
    };
    let sql = format!(
        "SELECT {HROMADA_COLUMNS} {HROMADA_FROM} {FILTER_WHERE} {} LIMIT $7 OFFSET $8",
        order_by(filter.sort)
    );
    on_db!(db, read, |pool| bind_filter!(sqlx::query_as(&sql), filter)
        .bind(limit)
        .bind(offset)
        .fetch_all(pool)
        .await)
}

/// Drops oblast and raion codes the registry does not know, reporting each.
pub async fn check_codes(
    db: &Db,
    filter: &mut HromadaFilter,
    oblasts: &[Oblast],
    issues: &mut Vec<FilterIssue>,
) -> Result<Vec<Raion>, sqlx::Error> {
    let Some(oblast) = filter.oblast.clone() else {
        return Ok(Vec::new());
    };
    if !oblasts.iter().any(|o| o.katottg == oblast) {
        issues.push(FilterIssue {
            field: FilterField::Oblast,
            problem: Problem::UnknownChoice,
        });
        filter.oblast = None;
        filter.raion = None;
        return Ok(Vec::new());
    }
    let raions = raions(db, &oblast).await?;
    if let Some(raion) = &filter.raion {
        if !raions.iter().any(|r| &r.katottg == raion) {
            issues.push(FilterIssue {
                field: FilterField::Raion,
                problem: Problem::UnknownChoice,
            });
            filter.raion = None;
        }
    }
    Ok(raions)
}

pub async fn list_page(db: &Db, query: &HromadaQuery) -> Result<HromadaListPage, sqlx::Error> {
    let (mut filter, mut issues) = query.parse();
    let oblasts = oblasts(db).await?;
    let raions = check_codes(db, &mut filter, &oblasts, &mut issues).await?;
    let totals = totals(db, &filter).await?;
    let page_size = i64::from(PAGE_SIZE);
    let pages = u32::try_from((totals.count + page_size - 1) / page_size)
        .unwrap_or(u32::MAX)
        .max(1);
    if filter.page > pages {
        issues.push(FilterIssue {
            field: FilterField::Page,
            problem: Problem::PageOutOfRange(pages),
        });
        filter.page = 1;
    }
    for issue in &mut issues {
        if let Problem::PageOutOfRange(n) = &mut issue.problem {
            *n = pages;
        }
    }
    let rows = list(db, &filter, Some(PAGE_SIZE)).await?;
    Ok(HromadaListPage {
        issues,
        oblasts,
        raions,
        rows,
        totals,
        page: filter.page,
        pages,
    })
}

pub async fn hromada(db: &Db, katottg: &str) -> Result<Option<Hromada>, sqlx::Error> {
    let sql = format!("SELECT {HROMADA_COLUMNS} {HROMADA_FROM} WHERE h.katottg = $1");
    on_db!(db, read, |pool| sqlx::query_as(&sql)
        .bind(katottg)
        .fetch_optional(pool)
        .await)
}

pub async fn profile(db: &Db, katottg: &str) -> Result<Option<HromadaProfile>, sqlx::Error> {
    let Some(hromada) = hromada(db, katottg).await? else {
        return Ok(None);
    };
    let neighbours_sql = format!(
        "SELECT {HROMADA_COLUMNS} {HROMADA_FROM} \
         WHERE h.raion_katottg = $1 AND h.katottg <> $2 ORDER BY h.sort_key"
    );
    let neighbours = match &hromada.raion_katottg {
        Some(raion) => on_db!(db, read, |pool| sqlx::query_as(&neighbours_sql)
            .bind(raion)
            .bind(katottg)
            .fetch_all(pool)
            .await)?,
        None => Vec::new(),
    };
    let similar_sql = format!(
        "SELECT {HROMADA_COLUMNS} {HROMADA_FROM} \
         WHERE h.kind = $1 AND h.katottg <> $2 AND h.population IS NOT NULL \
         ORDER BY ABS(h.population - $3), h.sort_key LIMIT 6"
    );
    let similar = match hromada.population {
        Some(population) => on_db!(db, read, |pool| sqlx::query_as(&similar_sql)
            .bind(hromada.kind.as_str())
            .bind(katottg)
            .bind(population)
            .fetch_all(pool)
            .await)?,
        None => Vec::new(),
    };
    Ok(Some(HromadaProfile {
        hromada,
        neighbours,
        similar,
    }))
}

pub async fn oblast_overview(
    db: &Db,
    katottg: &str,
) -> Result<Option<OblastOverview>, sqlx::Error> {
    let oblast: Option<Oblast> = on_db!(db, read, |pool| sqlx::query_as(
        "SELECT katottg, name_uk, name_en FROM oblasts WHERE katottg = $1"
    )
    .bind(katottg)
    .fetch_optional(pool)
    .await)?;
    let Some(oblast) = oblast else {
        return Ok(None);
    };
    let filter = HromadaFilter {
        oblast: Some(oblast.katottg.clone()),
        page: 1,
        ..Default::default()
    };
    let hromadas = list(db, &filter, None).await?;
    let groups = Kind::ALL
        .into_iter()
        .map(|kind| {
            let hromadas: Vec<Hromada> = hromadas
                .iter()
                .filter(|h| h.kind == kind)
                .cloned()
                .collect();
            KindGroup {
                kind,
                totals: sum(&hromadas),
                hromadas,
            }
        })
        .filter(|g| !g.hromadas.is_empty())
        .collect();
    Ok(Some(OblastOverview {
        totals: sum(&hromadas),
        oblast,
        groups,
    }))
}

fn sum(hromadas: &[Hromada]) -> Totals {
    let add = |acc: Option<f64>, x: Option<f64>| match (acc, x) {
        (Some(a), Some(b)) => Some(a + b),
        (a, b) => a.or(b),
    };
    Totals {
        count: hromadas.len() as i64,
        population: hromadas
            .iter()
            .filter_map(|h| h.population)
            .reduce(|a, b| a + b),
        area_km2: hromadas.iter().map(|h| h.area_km2).fold(None, add),
    }
}

/// Name search and sort columns, computed once at import.
pub fn derived_columns(name: &str) -> (String, String) {
    (super::text::search_form(name), sort_key(name))
}
