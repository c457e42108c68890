//! How a call's evaluated applications are ranked and which ones the ranking proposes to fund.
//! Pure, so the admin's page, the confirmation, the results and the tests compute it one way.
//!
//! - An application's mean per criterion is over its submitted evaluations; its total is the
//!   weighted mean of those means, each taken as a share of its criterion's maximum, out of 100.
//! - It is complete with at least [`MIN_EVALUATIONS`] submitted evaluations and none pending.
//! - Ties: the higher mean on the highest-weighted criterion (the first such), then the earlier
//!   submission, then the lower number.
//! - Proposal, down the ranking: one below a criterion's threshold or the call's pass mark is not
//!   selected; the next ones win while winners remain and their grants fit the envelope; the
//!   other passing ones are the reserve, in their order.

use serde::{Deserialize, Serialize};

pub const MIN_EVALUATIONS: usize = 3;
/// Evaluators differing on a criterion by more than this share of its maximum are flagged.
pub const SPREAD_SHARE: f64 = 0.3;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriterionSpec {
    pub weight: i64,
    pub max_score: i64,
    pub threshold: Option<f64>,
}

/// The call's side of the selection.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Selection {
    pub winners: i64,
    pub envelope: i64,
    /// The overall pass mark, out of 100.
    pub pass_total: Option<f64>,
}

/// An eligible, submitted application with its evaluations.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub application: i64,
    pub submitted_at: i64,
    /// The grant asked for: the budget less its co-financing.
    pub grant: i64,
    /// Each submitted evaluation's scores, in the criteria's order.
    pub evaluations: Vec<Vec<f64>>,
    /// Evaluations assigned and not yet submitted.
    pub pending: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    Winner,
    Reserve,
    NotSelected,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Self::Winner, Self::Reserve, Self::NotSelected];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Winner => "winner",
            Self::Reserve => "reserve",
            Self::NotSelected => "not_selected",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == text)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ranked {
    pub application: i64,
    /// The place among complete applications, from 1; `None` while incomplete.
    pub place: Option<usize>,
    pub means: Vec<f64>,
    pub total: f64,
    pub evaluations: usize,
    pub pending: usize,
    pub complete: bool,
    /// Positions of the criteria whose mean is below their threshold.
    pub below_criteria: Vec<usize>,
    pub below_total: bool,
    /// Positions of the criteria where evaluators differ by more than [`SPREAD_SHARE`].
    pub spread: Vec<usize>,
    pub grant: i64,
    pub proposal: Outcome,
}

impl Ranked {
    pub fn passes(&self) -> bool {
        self.below_criteria.is_empty() && !self.below_total
    }
}

/// Totals are compared at this precision, so that sums of halves that print equal tie.
fn comparable(value: f64) -> i64 {
    (value * 10_000.0).round() as i64
}

fn scored(criteria: &[CriterionSpec], selection: &Selection, candidate: &Candidate) -> Ranked {
    let count = candidate.evaluations.len();
    let column = |c: usize| {
        candidate
            .evaluations
            .iter()
            .filter_map(move |e| e.get(c).copied())
    };
    let means: Vec<f64> = (0..criteria.len())
        .map(|c| {
            if count == 0 {
                0.0
            } else {
                column(c).sum::<f64>() / count as f64
            }
        })
        .collect();
    let weights: i64 = criteria.iter().map(|c| c.weight).sum();
    let total = if weights == 0 {
        0.0
    } else {
        criteria
            .iter()
            .zip(&means)
            .map(|(c, mean)| c.weight as f64 * mean / c.max_score.max(1) as f64)
            .sum::<f64>()
            / weights as f64
            * 100.0
    };
    let spread = criteria
        .iter()
        .enumerate()
        .filter(|(c, spec)| {
            let (low, high) =
                column(*c).fold((f64::MAX, f64::MIN), |(l, h), s| (l.min(s), h.max(s)));
            count > 1 && high - low > SPREAD_SHARE * spec.max_score as f64 + 1e-9
        })
        .map(|(c, _)| c)
        .collect();
    let below_criteria = criteria
        .iter()
        .zip(&means)
        .enumerate()
        .filter(|(_, (spec, mean))| {
            spec.threshold
                .is_some_and(|t| comparable(**mean) < comparable(t))
        })
        .map(|(c, _)| c)
        .collect();
    Ranked {
        application: candidate.application,
        place: None,
        total,
        evaluations: count,
        pending: candidate.pending,
        complete: count >= MIN_EVALUATIONS && candidate.pending == 0,
        below_total: selection
            .pass_total
            .is_some_and(|pass| comparable(total) < comparable(pass)),
        below_criteria,
        spread,
        means,
        grant: candidate.grant,
        proposal: Outcome::NotSelected,
    }
}

/// The ranking of `candidates` (see the module), complete ones first, each with its proposal.
pub fn rank(
    criteria: &[CriterionSpec],
    selection: &Selection,
    candidates: &[Candidate],
) -> Vec<Ranked> {
    // The first of the highest-weighted criteria breaks ties.
    let decisive = criteria
        .iter()
        .enumerate()
        .max_by_key(|(c, spec)| (spec.weight, std::cmp::Reverse(*c)))
        .map(|(c, _)| c);
    let submitted: std::collections::HashMap<i64, i64> = candidates
        .iter()
        .map(|c| (c.application, c.submitted_at))
        .collect();
    let mut ranked: Vec<Ranked> = candidates
        .iter()
        .map(|c| scored(criteria, selection, c))
        .collect();
    ranked.sort_by_key(|r| {
        (
            !r.complete,
            std::cmp::Reverse(comparable(r.total)),
            std::cmp::Reverse(decisive.map_or(0, |c| comparable(r.means[c]))),
            submitted[&r.application],
            r.application,
        )
    });
    let (mut winners, mut granted, mut place) = (0, 0, 0);
    for r in ranked.iter_mut().filter(|r| r.complete) {
        place += 1;
        r.place = Some(place);
        r.proposal = if !r.passes() {
            Outcome::NotSelected
        } else if winners < selection.winners && granted + r.grant <= selection.envelope {
            winners += 1;
            granted += r.grant;
            Outcome::Winner
        } else {
            Outcome::Reserve
        };
    }
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    const CRITERIA: [CriterionSpec; 2] = [
        CriterionSpec {
            weight: 3,
            max_score: 10,
            threshold: Some(4.5),
        },
        CriterionSpec {
            weight: 1,
            max_score: 5,
            threshold: None,
        },
    ];

    fn candidate(
        application: i64,
        submitted_at: i64,
        grant: i64,
        scores: &[[f64; 2]],
    ) -> Candidate {
        Candidate {
            application,
            submitted_at,
            grant,
            evaluations: scores.iter().map(|s| s.to_vec()).collect(),
            pending: 0,
        }
    }

    fn selection(winners: i64, envelope: i64) -> Selection {
        Selection {
            winners,
            envelope,
            pass_total: Some(50.0),
        }
    }

    #[test]
    fn weighted_means_out_of_a_hundred_with_thresholds_and_spread() {
        let ranked = rank(
            &CRITERIA,
            &selection(5, 100),
            &[candidate(1, 10, 10, &[[8.0, 5.0], [6.0, 4.0], [10.0, 4.5]])],
        );
        let r = &ranked[0];
        assert_eq!(r.means, vec![8.0, 4.5]);
        // (3 × 0.8 + 1 × 0.9) / 4 × 100
        assert!((r.total - 82.5).abs() < 1e-9, "{}", r.total);
        assert_eq!(
            r.spread,
            vec![0],
            "10 − 6 = 4 > 3 on the first; 1 ≤ 1.5 on the second"
        );
        assert!(r.passes() && r.complete);
        assert_eq!((r.place, r.proposal), (Some(1), Outcome::Winner));

        let low = rank(
            &CRITERIA,
            &selection(5, 100),
            &[candidate(2, 10, 10, &[[4.0, 5.0], [4.5, 5.0], [4.5, 5.0]])],
        );
        assert_eq!(
            low[0].below_criteria,
            vec![0],
            "a mean of 4.33 is below 4.5"
        );
        assert_eq!(low[0].proposal, Outcome::NotSelected);
    }

    #[test]
    fn ties_go_to_the_highest_weighted_criterion_then_the_earlier_submission() {
        // Both total 70: the second is stronger on the decisive (heavier) criterion.
        let a = candidate(1, 5, 1, &[[6.0, 5.0]; 3]);
        let b = candidate(2, 9, 1, &[[8.0, 2.0]; 3]);
        let ranked = rank(&CRITERIA, &selection(5, 100), &[a.clone(), b]);
        assert!((ranked[0].total - ranked[1].total).abs() < 1e-9);
        assert_eq!(ranked[0].application, 2);

        let same = candidate(3, 1, 1, &[[6.0, 5.0]; 3]);
        let ranked = rank(&CRITERIA, &selection(5, 100), &[a, same]);
        assert_eq!(
            ranked[0].application, 3,
            "the same scores: the earlier submission first"
        );
    }

    #[test]
    fn winners_fill_the_number_and_the_envelope_the_rest_are_reserve() {
        let strong = [[9.0, 5.0]; 3];
        let ranked = rank(
            &CRITERIA,
            &selection(2, 100),
            &[
                candidate(1, 1, 60, &strong),
                candidate(2, 2, 50, &[[8.5, 5.0]; 3]),
                candidate(3, 3, 40, &[[8.0, 5.0]; 3]),
                candidate(4, 4, 10, &[[7.5, 5.0]; 3]),
                candidate(5, 5, 10, &[[9.5, 5.0], [9.5, 5.0]]),
            ],
        );
        let outcomes: Vec<(i64, Option<usize>, Outcome)> = ranked
            .iter()
            .map(|r| (r.application, r.place, r.proposal))
            .collect();
        assert_eq!(
            outcomes,
            vec![
                (1, Some(1), Outcome::Winner),
                // 60 + 50 is over the envelope: reserve, and the next that fits wins.
                (2, Some(2), Outcome::Reserve),
                (3, Some(3), Outcome::Winner),
                (4, Some(4), Outcome::Reserve),
                // Two evaluations only: not ranked yet.
                (5, None, Outcome::NotSelected),
            ]
        );
    }
}
