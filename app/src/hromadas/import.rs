//! Importing the registry from its two CSV files: all rows are checked before anything is
//! written, and everything is written in one transaction, so a bad file changes nothing.

use super::text::{search_form, sort_key};
use super::types::{is_katottg, Kind};
use crate::db::Db;
use crate::on_db;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The registry shipped with Spilno (see `registry/README.md` for its sources).
pub const BUNDLED_OBLASTS: &str = include_str!("../../registry/oblasts.csv");
pub const BUNDLED_HROMADAS: &str = include_str!("../../registry/hromadas.csv");

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}, line {line}, field `{field}`: {message}")]
    Row {
        file: &'static str,
        line: u64,
        field: &'static str,
        message: String,
    },
    #[error("{file}: {message}")]
    File { file: &'static str, message: String },
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
}

#[derive(Debug, Deserialize)]
struct OblastRecord {
    katottg: String,
    name_uk: String,
    name_en: String,
}

#[derive(Debug, Deserialize)]
struct HromadaRecord {
    katottg: String,
    name_uk: String,
    kind: String,
    center_katottg: String,
    center_name_uk: String,
    raion_katottg: String,
    raion_uk: String,
    oblast_katottg: String,
    oblast_uk: String,
    population: String,
    area_km2: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OblastRow {
    pub katottg: String,
    pub name_uk: String,
    pub name_en: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RaionRow {
    pub katottg: String,
    pub oblast_katottg: String,
    pub name_uk: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HromadaRow {
    pub katottg: String,
    pub name_uk: String,
    pub kind: Kind,
    pub center_katottg: String,
    pub center_name_uk: String,
    pub raion_katottg: Option<String>,
    pub oblast_katottg: String,
    pub population: Option<i64>,
    pub area_km2: Option<f64>,
}

/// A checked registry, ready to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Registry {
    pub oblasts: Vec<OblastRow>,
    pub raions: Vec<RaionRow>,
    pub hromadas: Vec<HromadaRow>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportSummary {
    pub oblasts: usize,
    pub raions: usize,
    pub hromadas: usize,
}

/// The columns of hromadas.csv; an export writes these first, so it can be imported again.
pub const HROMADA_COLUMNS: [&str; 11] = [
    "katottg",
    "name_uk",
    "kind",
    "center_katottg",
    "center_name_uk",
    "raion_katottg",
    "raion_uk",
    "oblast_katottg",
    "oblast_uk",
    "population",
    "area_km2",
];

const OBLASTS_FILE: &str = "oblasts.csv";
const HROMADAS_FILE: &str = "hromadas.csv";

fn records<T: serde::de::DeserializeOwned>(
    file: &'static str,
    text: &str,
    expected: &[&str],
) -> Result<Vec<(u64, T)>, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| ImportError::File {
        file,
        message: e.to_string(),
    })?;
    for column in expected {
        if !headers.iter().any(|h| h == *column) {
            return Err(ImportError::File {
                file,
                message: format!("missing column `{column}`"),
            });
        }
    }
    let headers = headers.clone();
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            ImportError::Row {
                file,
                line,
                field: "(row)",
                message: e.to_string(),
            }
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let value: T = record
            .deserialize(Some(&headers))
            .map_err(|e| ImportError::Row {
                file,
                line,
                field: "(row)",
                message: e.to_string(),
            })?;
        out.push((line, value));
    }
    Ok(out)
}

/// Parses and checks both files; the first problem stops it with its line and field.
pub fn parse_registry(oblasts_csv: &str, hromadas_csv: &str) -> Result<Registry, ImportError> {
    let mut oblasts = Vec::new();
    let mut oblast_names = HashMap::new();
    for (line, r) in records::<OblastRecord>(
        OBLASTS_FILE,
        oblasts_csv,
        &["katottg", "name_uk", "name_en"],
    )? {
        let bad = |field, message: &str| ImportError::Row {
            file: OBLASTS_FILE,
            line,
            field,
            message: message.to_string(),
        };
        if !is_katottg(&r.katottg) {
            return Err(bad("katottg", "expected a KATOTTG code: UA and 17 digits"));
        }
        if r.name_uk.is_empty() {
            return Err(bad("name_uk", "must not be empty"));
        }
        if r.name_en.is_empty() {
            return Err(bad("name_en", "must not be empty"));
        }
        if oblast_names
            .insert(r.katottg.clone(), r.name_uk.clone())
            .is_some()
        {
            return Err(bad("katottg", "appears twice"));
        }
        oblasts.push(OblastRow {
            katottg: r.katottg,
            name_uk: r.name_uk,
            name_en: r.name_en,
        });
    }

    let mut hromadas = Vec::new();
    let mut seen = HashSet::new();
    let mut raions: BTreeMap<String, RaionRow> = BTreeMap::new();
    for (line, r) in records::<HromadaRecord>(HROMADAS_FILE, hromadas_csv, &HROMADA_COLUMNS)? {
        let bad = |field, message: String| ImportError::Row {
            file: HROMADAS_FILE,
            line,
            field,
            message,
        };
        if !is_katottg(&r.katottg) {
            return Err(bad(
                "katottg",
                format!("{:?} is not a KATOTTG code (UA and 17 digits)", r.katottg),
            ));
        }
        if !seen.insert(r.katottg.clone()) {
            return Err(bad("katottg", format!("{} appears twice", r.katottg)));
        }
        if r.name_uk.is_empty() {
            return Err(bad("name_uk", "must not be empty".into()));
        }
        let kind = Kind::parse(&r.kind).ok_or_else(|| {
            bad(
                "kind",
                format!("{:?} is not one of urban, settlement, rural", r.kind),
            )
        })?;
        if !is_katottg(&r.center_katottg) {
            return Err(bad(
                "center_katottg",
                format!("{:?} is not a KATOTTG code", r.center_katottg),
            ));
        }
        if r.center_name_uk.is_empty() {
            return Err(bad("center_name_uk", "must not be empty".into()));
        }
        match oblast_names.get(&r.oblast_katottg) {
            None => {
                return Err(bad(
                    "oblast_katottg",
                    format!("{:?} is not in {OBLASTS_FILE}", r.oblast_katottg),
                ))
            }
            Some(name) if *name != r.oblast_uk => {
                return Err(bad(
                    "oblast_uk",
                    format!("{:?} differs from {OBLASTS_FILE}: {name:?}", r.oblast_uk),
                ))
            }
            Some(_) => {}
        }
        let raion_katottg = if r.raion_katottg.is_empty() {
            None
        } else {
            if !is_katottg(&r.raion_katottg) {
                return Err(bad(
                    "raion_katottg",
                    format!("{:?} is not a KATOTTG code", r.raion_katottg),
                ));
            }
            if r.raion_uk.is_empty() {
                return Err(bad(
                    "raion_uk",
                    "must not be empty when raion_katottg is set".into(),
                ));
            }
            let raion = RaionRow {
                katottg: r.raion_katottg.clone(),
                oblast_katottg: r.oblast_katottg.clone(),
                name_uk: r.raion_uk.clone(),
            };
            match raions.get(&raion.katottg) {
                Some(known) if *known != raion => {
                    return Err(bad(
                        "raion_uk",
                        format!(
                            "raion {} is named or placed differently on an earlier line",
                            raion.katottg
                        ),
                    ))
                }
                Some(_) => {}
                None => {
                    raions.insert(raion.katottg.clone(), raion);
                }
            }
            Some(r.raion_katottg)
        };
        let population = match r.population.as_str() {
            "" => None,
            text => Some(
                text.parse::<i64>()
                    .ok()
                    .filter(|n| *n >= 0)
                    .ok_or_else(|| {
                        bad(
                            "population",
                            format!("{text:?} is not a whole number of people"),
                        )
                    })?,
            ),
        };
        let area_km2 = match r.area_km2.as_str() {
            "" => None,
            text => Some(
                text.parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite() && *x >= 0.0)
                    .ok_or_else(|| bad("area_km2", format!("{text:?} is not an area in km²")))?,
            ),
        };
        hromadas.push(HromadaRow {
            katottg: r.katottg,
            name_uk: r.name_uk,
            kind,
            center_katottg: r.center_katottg,
            center_name_uk: r.center_name_uk,
            raion_katottg,
            oblast_katottg: r.oblast_katottg,
            population,
            area_km2,
        });
    }
    if hromadas.is_empty() {
        return Err(ImportError::File {
            file: HROMADAS_FILE,
            message: "has no rows".into(),
        });
    }
    Ok(Registry {
        oblasts,
        raions: raions.into_values().collect(),
        hromadas,
    })
}

const UPSERT_OBLAST: &str =
    "INSERT INTO oblasts (katottg, name_uk, name_en, sort_key) VALUES ($1, $2, $3, $4) \
     ON CONFLICT (katottg) DO UPDATE SET name_uk = excluded.name_uk, name_en = excluded.name_en, \
     sort_key = excluded.sort_key";
const UPSERT_RAION: &str =
    "INSERT INTO raions (katottg, oblast_katottg, name_uk, sort_key) VALUES ($1, $2, $3, $4) \
     ON CONFLICT (katottg) DO UPDATE SET oblast_katottg = excluded.oblast_katottg, \
     name_uk = excluded.name_uk, sort_key = excluded.sort_key";
const UPSERT_HROMADA: &str =
    "INSERT INTO hromadas (katottg, name_uk, kind, center_katottg, center_name_uk, \
     raion_katottg, oblast_katottg, population, area_km2, search_name, sort_key) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
     ON CONFLICT (katottg) DO UPDATE SET name_uk = excluded.name_uk, kind = excluded.kind, \
     center_katottg = excluded.center_katottg, center_name_uk = excluded.center_name_uk, \
     raion_katottg = excluded.raion_katottg, oblast_katottg = excluded.oblast_katottg, \
     population = excluded.population, area_km2 = excluded.area_km2, \
     search_name = excluded.search_name, sort_key = excluded.sort_key";

const BUMP_VERSION: &str = "INSERT INTO registry_version (id, version) VALUES (1, 1) \
     ON CONFLICT (id) DO UPDATE SET version = registry_version.version + 1";

/// Writes a checked registry: new codes are added, known codes updated, nothing duplicated.
pub async fn import(db: &Db, registry: &Registry) -> Result<ImportSummary, ImportError> {
    on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        for o in &registry.oblasts {
            sqlx::query(UPSERT_OBLAST)
                .bind(&o.katottg)
                .bind(&o.name_uk)
                .bind(&o.name_en)
                .bind(sort_key(&o.name_uk))
                .execute(&mut *tx)
                .await?;
        }
        for r in &registry.raions {
            sqlx::query(UPSERT_RAION)
                .bind(&r.katottg)
                .bind(&r.oblast_katottg)
                .bind(&r.name_uk)
                .bind(sort_key(&r.name_uk))
                .execute(&mut *tx)
                .await?;
        }
        for h in &registry.hromadas {
            let (search_name, name_key) = (search_form(&h.name_uk), sort_key(&h.name_uk));
            sqlx::query(UPSERT_HROMADA)
                .bind(&h.katottg)
                .bind(&h.name_uk)
                .bind(h.kind.as_str())
                .bind(&h.center_katottg)
                .bind(&h.center_name_uk)
                .bind(&h.raion_katottg)
                .bind(&h.oblast_katottg)
                .bind(h.population)
                .bind(h.area_km2)
                .bind(search_name)
                .bind(name_key)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query(BUMP_VERSION).execute(&mut *tx).await?;
        tx.commit().await?;
    });
    Ok(ImportSummary {
        oblasts: registry.oblasts.len(),
        raions: registry.raions.len(),
        hromadas: registry.hromadas.len(),
    })
}

/// Imports the shipped registry into an empty database; leaves a filled one alone.
pub async fn import_bundled_if_empty(db: &Db) -> Result<Option<ImportSummary>, ImportError> {
    let count: i64 = on_db!(db, read, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM hromadas"
    )
    .fetch_one(pool)
    .await)?;
    if count > 0 {
        return Ok(None);
    }
    let registry = parse_registry(BUNDLED_OBLASTS, BUNDLED_HROMADAS)?;
    import(db, &registry).await.map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_registry_parses_with_the_documented_counts() {
        let r = parse_registry(BUNDLED_OBLASTS, BUNDLED_HROMADAS).unwrap();
        assert_eq!(r.oblasts.len(), 27);
        assert_eq!(r.raions.len(), 136);
        assert_eq!(r.hromadas.len(), 1774);
        let count = |k| r.hromadas.iter().filter(|h| h.kind == k).count();
        assert_eq!(
            (
                count(Kind::Urban),
                count(Kind::Settlement),
                count(Kind::Rural)
            ),
            (430, 486, 858)
        );
        let lviv = r
            .hromadas
            .iter()
            .find(|h| h.katottg == "UA46060250000025047")
            .unwrap();
        assert_eq!(
            (lviv.name_uk.as_str(), lviv.population),
            ("Львівська", Some(777_234))
        );
    }

    fn with_line(line: usize, change: impl Fn(&str) -> String) -> String {
        BUNDLED_HROMADAS
            .lines()
            .enumerate()
            .map(|(i, l)| {
                if i + 1 == line {
                    change(l)
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_malformed_row_names_its_line_and_field() {
        let broken = with_line(7, |l| {
            let mut cells: Vec<&str> = l.split(',').collect();
            cells[9] = "many";
            cells.join(",")
        });
        let err = parse_registry(BUNDLED_OBLASTS, &broken)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("hromadas.csv, line 7, field `population`"),
            "{err}"
        );

        let broken = with_line(3, |l| l.replacen(",rural,", ",city,", 1));
        let err = parse_registry(BUNDLED_OBLASTS, &broken)
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 3, field `kind`"), "{err}");

        let broken = with_line(5, |l| l.replacen("UA", "XX", 1));
        let err = parse_registry(BUNDLED_OBLASTS, &broken)
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 5, field `katottg`"), "{err}");
    }

    #[test]
    fn a_missing_column_is_reported() {
        let err =
            parse_registry(BUNDLED_OBLASTS, "katottg,name_uk\nUA46060250000025047,X").unwrap_err();
        assert!(err.to_string().contains("missing column `kind`"), "{err}");
    }
}
