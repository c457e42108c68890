//! A call's eligibility rules checked against the registry: each rule passed or failed with
//! its reason in words, naming the hromadas and oblasts concerned.

use super::types::{Geography, Rule, RuleResult, Rules};
use crate::hromadas::neighbours::share_border;
use crate::hromadas::types::{Hromada, Kind};
use crate::i18n::Lang;

/// The hromadas of an application, the lead first, as the registry knows them.
pub struct Members<'a> {
    pub lead: &'a Hromada,
    pub partners: Vec<&'a Hromada>,
}

impl Members<'_> {
    fn all(&self) -> impl Iterator<Item = &Hromada> {
        std::iter::once(self.lead).chain(self.partners.iter().copied())
    }
}

/// Every rule the call sets, checked. `elsewhere` lists the members that already take part in
/// another application to the call (hromada's name, that application's number).
pub fn check(
    rules: &Rules,
    members: &Members,
    elsewhere: &[(String, i64)],
    lang: Lang,
) -> Vec<RuleResult> {
    let mut results = Vec::new();
    if rules.mixed_kinds {
        results.push(mixed_kinds(members, lang));
    }
    if rules.geography != Geography::Anywhere {
        results.push(geography(rules.geography, members, lang));
    }
    results.push(count(rules, members, lang));
    if rules.population_min.is_some() || rules.population_max.is_some() {
        results.push(population(rules, members, lang));
    }
    if rules.one_application {
        results.push(one_application(elsewhere, lang));
    }
    results
}

fn result(rule: Rule, passed: bool, reason: String) -> RuleResult {
    RuleResult {
        rule,
        passed,
        reason,
        overridden: None,
    }
}

fn names<'a>(hromadas: impl Iterator<Item = &'a Hromada>) -> String {
    hromadas
        .map(|h| h.name_uk.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn mixed_kinds(members: &Members, lang: Lang) -> RuleResult {
    let (rural, other): (Vec<&Hromada>, Vec<&Hromada>) =
        members.all().partition(|h| h.kind == Kind::Rural);
    let uk = lang == Lang::Uk;
    let reason = match (other.is_empty(), rural.is_empty()) {
        (false, false) if uk => format!(
            "Міська чи селищна: {}; сільська: {}.",
            names(other.iter().copied()),
            names(rural.iter().copied())
        ),
        (false, false) => format!(
            "Urban or settlement: {}; rural: {}.",
            names(other.iter().copied()),
            names(rural.iter().copied())
        ),
        (false, true) if uk => format!(
            "Немає жодної сільської громади: {} — міські чи селищні.",
            names(other.iter().copied())
        ),
        (false, true) => format!(
            "No rural hromada: {} are urban or settlement hromadas.",
            names(other.iter().copied())
        ),
        (true, _) if uk => format!(
            "Немає жодної міської чи селищної громади: {} — сільські.",
            names(rural.iter().copied())
        ),
        (true, _) => format!(
            "No urban or settlement hromada: {} are rural.",
            names(rural.iter().copied())
        ),
    };
    result(
        Rule::MixedKinds,
        !other.is_empty() && !rural.is_empty(),
        reason,
    )
}

fn geography(geography: Geography, members: &Members, lang: Lang) -> RuleResult {
    let lead = members.lead;
    let allowed = |h: &Hromada| {
        h.oblast_katottg == lead.oblast_katottg
            || (geography == Geography::Neighbouring
                && share_border(&h.oblast_katottg, &lead.oblast_katottg))
    };
    let outside: Vec<&Hromada> = members
        .partners
        .iter()
        .copied()
        .filter(|h| !allowed(h))
        .collect();
    let uk = lang == Lang::Uk;
    let reason = if outside.is_empty() {
        match (geography, uk) {
            (Geography::SameOblast, true) => {
                format!(
                    "Усі громади — з області провідної громади ({}).",
                    lead.oblast_uk
                )
            }
            (Geography::SameOblast, false) => {
                format!(
                    "Every hromada is in the lead hromada's oblast ({}).",
                    lead.oblast_en
                )
            }
            (_, true) => format!(
                "Усі громади — з області провідної громади ({}) або сусідніх із нею.",
                lead.oblast_uk
            ),
            (_, false) => format!(
                "Every hromada is in the lead hromada's oblast ({}) or one bordering it.",
                lead.oblast_en
            ),
        }
    } else {
        outside
            .iter()
            .map(|h| match (geography, uk) {
                (Geography::SameOblast, true) => format!(
                    "{} — з області «{}», а провідна громада {} — з області «{}».",
                    h.name_uk, h.oblast_uk, lead.name_uk, lead.oblast_uk
                ),
                (Geography::SameOblast, false) => format!(
                    "{} is in {}, not in {}, the lead hromada {}’s oblast.",
                    h.name_uk, h.oblast_en, lead.oblast_en, lead.name_uk
                ),
                (_, true) => format!(
                    "{} — з області «{}», яка не межує з областю «{}» провідної громади {}.",
                    h.name_uk, h.oblast_uk, lead.oblast_uk, lead.name_uk
                ),
                (_, false) => format!(
                    "{} is in {}, not a neighbour of {}, the lead hromada {}’s oblast.",
                    h.name_uk, h.oblast_en, lead.oblast_en, lead.name_uk
                ),
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    result(Rule::Geography, outside.is_empty(), reason)
}

fn count(rules: &Rules, members: &Members, lang: Lang) -> RuleResult {
    let n = members.partners.len() as i64 + 1;
    let passed = (rules.members_min..=rules.members_max).contains(&n);
    let reason = if lang == Lang::Uk {
        format!(
            "Громад у заявці: {n}, з провідною; умови конкурсу — від {} до {}.",
            rules.members_min, rules.members_max
        )
    } else {
        format!(
            "Hromadas in the application: {n}, the lead included; the call asks for {} to {}.",
            rules.members_min, rules.members_max
        )
    };
    result(Rule::Members, passed, reason)
}

fn population(rules: &Rules, members: &Members, lang: Lang) -> RuleResult {
    let uk = lang == Lang::Uk;
    let mut problems = Vec::new();
    for h in members.all() {
        let Some(people) = h.population else {
            problems.push(if uk {
                format!("{}: чисельність населення в реєстрі невідома.", h.name_uk)
            } else {
                format!("{}: the registry gives no population.", h.name_uk)
            });
            continue;
        };
        if let Some(min) = rules.population_min.filter(|&min| people < min) {
            problems.push(if uk {
                format!(
                    "{}: {} мешк., менше за межу {}.",
                    h.name_uk,
                    lang.int(people),
                    lang.int(min)
                )
            } else {
                format!(
                    "{}: {} people, below the limit of {}.",
                    h.name_uk,
                    lang.int(people),
                    lang.int(min)
                )
            });
        }
        if let Some(max) = rules.population_max.filter(|&max| people > max) {
            problems.push(if uk {
                format!(
                    "{}: {} мешк., більше за межу {}.",
                    h.name_uk,
                    lang.int(people),
                    lang.int(max)
                )
            } else {
                format!(
                    "{}: {} people, above the limit of {}.",
                    h.name_uk,
                    lang.int(people),
                    lang.int(max)
                )
            });
        }
    }
    let passed = problems.is_empty();
    let reason = if passed {
        let limits = match (rules.population_min, rules.population_max) {
            (Some(min), Some(max)) => format!("{}–{}", lang.int(min), lang.int(max)),
            (Some(min), None) if uk => format!("від {}", lang.int(min)),
            (Some(min), None) => format!("at least {}", lang.int(min)),
            (None, Some(max)) if uk => format!("до {}", lang.int(max)),
            (None, Some(max)) => format!("at most {}", lang.int(max)),
            (None, None) => String::new(),
        };
        if uk {
            format!("Населення кожної громади в межах умов ({limits}).")
        } else {
            format!("Every hromada's population is within the call's limits ({limits}).")
        }
    } else {
        problems.join(" ")
    };
    result(Rule::Population, passed, reason)
}

fn one_application(elsewhere: &[(String, i64)], lang: Lang) -> RuleResult {
    let uk = lang == Lang::Uk;
    let reason = if elsewhere.is_empty() {
        if uk {
            "Жодна з громад не бере участі в іншій заявці на цей конкурс.".to_string()
        } else {
            "None of the hromadas takes part in another application to this call.".to_string()
        }
    } else {
        elsewhere
            .iter()
            .map(|(name, other)| {
                if uk {
                    format!("{name} уже бере участь у заявці № {other}.")
                } else {
                    format!("{name} already takes part in application no. {other}.")
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    result(Rule::OneApplication, elsewhere.is_empty(), reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hromada(name: &str, kind: Kind, oblast: (&str, &str, &str), population: i64) -> Hromada {
        Hromada {
            katottg: format!("UA-{name}"),
            name_uk: name.into(),
            kind,
            center_katottg: String::new(),
            center_name_uk: String::new(),
            raion_katottg: None,
            raion_uk: None,
            oblast_katottg: oblast.0.into(),
            oblast_uk: oblast.1.into(),
            oblast_en: oblast.2.into(),
            population: Some(population),
            area_km2: None,
        }
    }

    const LVIV: (&str, &str, &str) = ("UA46000000000026241", "Львівська область", "Lviv Oblast");
    const VOLYN: (&str, &str, &str) = ("UA07000000000024379", "Волинська область", "Volyn Oblast");
    const VINNYTSIA: (&str, &str, &str) = (
        "UA05000000000010236",
        "Вінницька область",
        "Vinnytsia Oblast",
    );

    fn rules(geography: Geography) -> Rules {
        Rules {
            mixed_kinds: true,
            geography,
            members_min: 2,
            members_max: 3,
            population_min: None,
            population_max: Some(200_000),
            one_application: true,
        }
    }

    fn find(results: &[RuleResult], rule: Rule) -> &RuleResult {
        results
            .iter()
            .find(|r| r.rule == rule)
            .expect("rule checked")
    }

    #[test]
    fn a_neighbouring_rural_partner_passes_every_rule() {
        let lead = hromada("Жовківська", Kind::Urban, LVIV, 60_000);
        let partner = hromada("Устилузька", Kind::Rural, VOLYN, 9_000);
        let members = Members {
            lead: &lead,
            partners: vec![&partner],
        };
        let results = check(&rules(Geography::Neighbouring), &members, &[], Lang::Uk);
        assert_eq!(results.len(), 5);
        assert!(results.iter().all(RuleResult::holds), "{results:#?}");
        assert_eq!(
            find(&results, Rule::MixedKinds).reason,
            "Міська чи селищна: Жовківська; сільська: Устилузька."
        );
    }

    #[test]
    fn each_failure_says_why_in_words() {
        let lead = hromada("Львівська", Kind::Urban, LVIV, 777_234);
        let partner = hromada("Бершадська", Kind::Urban, VINNYTSIA, 25_000);
        let members = Members {
            lead: &lead,
            partners: vec![&partner],
        };
        let elsewhere = [("Бершадська".to_string(), 7)];
        let results = check(
            &rules(Geography::Neighbouring),
            &members,
            &elsewhere,
            Lang::En,
        );
        let geography = find(&results, Rule::Geography);
        assert!(!geography.passed);
        assert_eq!(
            geography.reason,
            "Бершадська is in Vinnytsia Oblast, not a neighbour of Lviv Oblast, the lead hromada Львівська’s oblast."
        );
        assert!(!find(&results, Rule::MixedKinds).passed);
        let population = find(&results, Rule::Population);
        assert!(!population.passed);
        assert_eq!(
            population.reason,
            "Львівська: 777,234 people, above the limit of 200,000."
        );
        let one = find(&results, Rule::OneApplication);
        assert!(!one.passed);
        assert!(one.reason.contains("application no. 7"));
        assert!(find(&results, Rule::Members).passed);

        let same = check(&rules(Geography::SameOblast), &members, &[], Lang::Uk);
        assert!(!find(&same, Rule::Geography).passed);
        let anywhere = check(&rules(Geography::Anywhere), &members, &[], Lang::Uk);
        assert!(anywhere.iter().all(|r| r.rule != Rule::Geography));
    }

    #[test]
    fn the_lead_counts_among_the_members_and_an_override_decides() {
        let lead = hromada("Жовківська", Kind::Urban, LVIV, 60_000);
        let members = Members {
            lead: &lead,
            partners: vec![],
        };
        let results = check(&rules(Geography::Anywhere), &members, &[], Lang::Uk);
        let mut count = find(&results, Rule::Members).clone();
        assert!(!count.passed);
        assert!(count.reason.starts_with("Громад у заявці: 1"));
        count.overridden = Some(super::super::types::Override {
            passed: true,
            reason: "Друга громада приєднується за рішенням ради".into(),
            by: "admin".into(),
            at: String::new(),
        });
        assert!(count.holds());
    }
}
