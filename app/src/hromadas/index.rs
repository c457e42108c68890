//! The registry in memory: filters, totals, order and profiles in microseconds.

use super::text::search_form;
use super::types::*;
use std::collections::HashMap;

pub struct IndexedHromada {
    pub hromada: Hromada,
    /// See `text::search_form`.
    pub search_name: String,
    /// See `text::sort_key`.
    pub sort_key: String,
}

pub struct RegistryIndex {
    version: i64,
    oblasts: Vec<Oblast>,
    raions: HashMap<String, Vec<Raion>>,
    /// In name order.
    hromadas: Vec<IndexedHromada>,
    by_code: HashMap<String, usize>,
}

impl RegistryIndex {
    /// `hromadas` must come in name order (by sort key, then code).
    pub fn new(
        version: i64,
        oblasts: Vec<Oblast>,
        raions: Vec<(String, Raion)>,
        hromadas: Vec<IndexedHromada>,
    ) -> Self {
        let mut by_oblast: HashMap<String, Vec<Raion>> = HashMap::new();
        for (oblast, raion) in raions {
            by_oblast.entry(oblast).or_default().push(raion);
        }
        let by_code = hromadas
            .iter()
            .enumerate()
            .map(|(i, h)| (h.hromada.katottg.clone(), i))
            .collect();
        RegistryIndex {
            version,
            oblasts,
            raions: by_oblast,
            hromadas,
            by_code,
        }
    }

    pub fn version(&self) -> i64 {
        self.version
    }

    pub fn hromada(&self, katottg: &str) -> Option<&Hromada> {
        self.by_code
            .get(katottg)
            .map(|&i| &self.hromadas[i].hromada)
    }

    /// Every hromada, in name order.
    pub fn all(&self) -> impl Iterator<Item = &Hromada> {
        self.hromadas.iter().map(|h| &h.hromada)
    }

    /// Every hromada's code, in name order.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.hromadas.iter().map(|h| h.hromada.katottg.as_str())
    }

    pub fn oblasts(&self) -> &[Oblast] {
        &self.oblasts
    }

    pub fn oblast(&self, katottg: &str) -> Option<&Oblast> {
        self.oblasts.iter().find(|o| o.katottg == katottg)
    }

    /// Hromadas whose name is `name`, compared in search form (case and apostrophes aside).
    pub fn named(&self, name: &str) -> Vec<&Hromada> {
        let wanted = search_form(name);
        self.hromadas
            .iter()
            .filter(|h| h.search_name == wanted)
            .map(|h| &h.hromada)
            .collect()
    }

    /// Drops oblast and raion codes the registry does not know, reporting each.
    fn check_codes(&self, filter: &mut HromadaFilter, issues: &mut Vec<FilterIssue>) -> Vec<Raion> {
        let Some(oblast) = &filter.oblast else {
            return Vec::new();
        };
        if !self.oblasts.iter().any(|o| &o.katottg == oblast) {
            issues.push(FilterIssue {
                field: FilterField::Oblast,
                problem: Problem::UnknownChoice,
            });
            filter.oblast = None;
            filter.raion = None;
            return Vec::new();
        }
        let raions = self.raions.get(oblast).cloned().unwrap_or_default();
        if let Some(raion) = &filter.raion {
            if !raions.iter().any(|r| &r.katottg == raion) {
                issues.push(FilterIssue {
                    field: FilterField::Raion,
                    problem: Problem::UnknownChoice,
                });
                filter.raion = None;
            }
        }
        raions
    }

    /// The hromadas matching a checked filter, in its order.
    fn matching(&self, filter: &HromadaFilter) -> Vec<&IndexedHromada> {
        let name = filter.name.as_deref().map(search_form);
        let mut rows: Vec<&IndexedHromada> = self
            .hromadas
            .iter()
            .filter(|entry| {
                let h = &entry.hromada;
                filter
                    .oblast
                    .as_ref()
                    .is_none_or(|o| &h.oblast_katottg == o)
                    && filter
                        .raion
                        .as_ref()
                        .is_none_or(|r| h.raion_katottg.as_ref() == Some(r))
                    && filter.kind.is_none_or(|k| h.kind == k)
                    && filter
                        .pop_min
                        .is_none_or(|min| h.population.is_some_and(|p| p >= min))
                    && filter
                        .pop_max
                        .is_none_or(|max| h.population.is_some_and(|p| p <= max))
                    && name
                        .as_ref()
                        .is_none_or(|n| entry.search_name.contains(n.as_str()))
            })
            .collect();
        // Already in name order; population orders put unknown figures last, ties by name.
        match filter.sort {
            Sort::Name => {}
            Sort::PopulationDesc => rows.sort_by_key(|e| {
                (
                    e.hromada.population.is_none(),
                    std::cmp::Reverse(e.hromada.population),
                )
            }),
            Sort::PopulationAsc => {
                rows.sort_by_key(|e| (e.hromada.population.is_none(), e.hromada.population))
            }
        }
        rows
    }

    /// Everything matching `query` (exports): invalid parts of the query are ignored.
    pub fn filtered(&self, query: &HromadaQuery) -> Vec<Hromada> {
        let (mut filter, mut issues) = query.parse();
        self.check_codes(&mut filter, &mut issues);
        self.matching(&filter)
            .into_iter()
            .map(|e| e.hromada.clone())
            .collect()
    }

    pub fn list_page(&self, query: &HromadaQuery) -> HromadaListPage {
        let (mut filter, mut issues) = query.parse();
        let raions = self.check_codes(&mut filter, &mut issues);
        let rows = self.matching(&filter);
        let totals = totals(rows.iter().map(|e| &e.hromada));
        let pages = u32::try_from(rows.len().div_ceil(PAGE_SIZE as usize))
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
        let start = (filter.page as usize - 1) * PAGE_SIZE as usize;
        let rows = rows
            .into_iter()
            .skip(start)
            .take(PAGE_SIZE as usize)
            .map(|e| e.hromada.clone())
            .collect();
        HromadaListPage {
            issues,
            oblasts: self.oblasts.clone(),
            raions,
            rows,
            totals,
            page: filter.page,
            pages,
        }
    }

    pub fn profile(&self, katottg: &str) -> Option<HromadaProfile> {
        let hromada = self.hromada(katottg)?.clone();
        let others = || {
            self.hromadas
                .iter()
                .map(|e| &e.hromada)
                .filter(|h| h.katottg != katottg)
        };
        let neighbours = match &hromada.raion_katottg {
            Some(raion) => others()
                .filter(|h| h.raion_katottg.as_ref() == Some(raion))
                .cloned()
                .collect(),
            None => Vec::new(),
        };
        let similar = match hromada.population {
            Some(population) => {
                let mut same_kind: Vec<(i64, &Hromada)> = others()
                    .filter(|h| h.kind == hromada.kind)
                    .filter_map(|h| h.population.map(|p| ((p - population).abs(), h)))
                    .collect();
                // Stable: equal distances stay in name order.
                same_kind.sort_by_key(|(distance, _)| *distance);
                same_kind
                    .into_iter()
                    .take(6)
                    .map(|(_, h)| h.clone())
                    .collect()
            }
            None => Vec::new(),
        };
        Some(HromadaProfile {
            hromada,
            neighbours,
            similar,
            contacts: None,
            represented_by_viewer: false,
        })
    }

    pub fn oblast_overview(&self, katottg: &str) -> Option<OblastOverview> {
        let oblast = self.oblasts.iter().find(|o| o.katottg == katottg)?.clone();
        let in_oblast: Vec<&Hromada> = self
            .hromadas
            .iter()
            .map(|e| &e.hromada)
            .filter(|h| h.oblast_katottg == katottg)
            .collect();
        let groups = Kind::ALL
            .into_iter()
            .map(|kind| {
                let hromadas: Vec<Hromada> = in_oblast
                    .iter()
                    .filter(|h| h.kind == kind)
                    .map(|h| (*h).clone())
                    .collect();
                KindGroup {
                    kind,
                    totals: totals(hromadas.iter()),
                    hromadas,
                }
            })
            .filter(|g| !g.hromadas.is_empty())
            .collect();
        Some(OblastOverview {
            totals: totals(in_oblast.into_iter()),
            oblast,
            groups,
        })
    }
}

fn totals<'a>(hromadas: impl Iterator<Item = &'a Hromada>) -> Totals {
    let mut totals = Totals::default();
    for h in hromadas {
        totals.count += 1;
        if let Some(p) = h.population {
            *totals.population.get_or_insert(0) += p;
        }
        if let Some(a) = h.area_km2 {
            *totals.area_km2.get_or_insert(0.0) += a;
        }
    }
    totals
}
