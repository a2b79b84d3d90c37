//! Who deserves a hand-written thank-you note this week (issue 15): a short list mixing
//! three reasons — a case just resolved well, an RFM champion, one of the most valuable
//! customers — so the list is never only one kind. Pure: the caller hands in the facts and
//! "now".
//!
//! Rules:
//! * a customer who got a note in the last `quiet_days` is left out;
//! * *resolved well*: a case closed in the last `resolved_days` (not in the future), with no
//!   rating or a rating of at least `good_rating`; the most recent first;
//! * *champion*: in the RFM champions segment; the most valuable first;
//! * *most valuable*: a positive value (predicted value where known, else what they paid);
//!   the most valuable first;
//! * the list takes one from each reason in turn (resolved, champion, valuable, resolved, …),
//!   skipping customers already on it, until it has `limit` names or the reasons run out;
//!   ties are broken by the smaller id, so the same facts give the same list.

use std::collections::HashSet;

/// Why a customer is on the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    ResolvedWell,
    Champion,
    MostValuable,
}

impl Reason {
    pub fn code(self) -> &'static str {
        match self {
            Reason::ResolvedWell => "resolved_well",
            Reason::Champion => "champion",
            Reason::MostValuable => "most_valuable",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [Self::ResolvedWell, Self::Champion, Self::MostValuable]
            .into_iter()
            .find(|r| r.code() == code)
    }
}

/// What is known of one customer.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub customer: i64,
    /// Predicted value where known, else what they paid (any unit, only compared).
    pub value: f64,
    pub champion: bool,
    /// Their most recently closed case: when, and its rating (1–5) if they gave one.
    pub resolved: Option<(i64, Option<i64>)>,
    /// When they last got a note.
    pub last_note_at: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub now: i64,
    pub limit: usize,
    pub quiet_days: i64,
    pub resolved_days: i64,
    pub good_rating: i64,
}

impl Options {
    /// Ten names, nobody twice within 180 days, cases of the last 14 days rated 4 or 5.
    pub fn weekly(now: i64) -> Self {
        Self {
            now,
            limit: 10,
            quiet_days: 180,
            resolved_days: 14,
            good_rating: 4,
        }
    }
}

/// One proposed note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pick {
    pub customer: i64,
    pub reason: Reason,
}

const DAY: i64 = 86_400;

/// The week's list (see the module's rules).
pub fn select(candidates: &[Candidate], o: &Options) -> Vec<Pick> {
    let eligible: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| {
            c.last_note_at
                .is_none_or(|at| at <= o.now - o.quiet_days * DAY)
        })
        .collect();
    let by_value = |a: &&Candidate, b: &&Candidate| {
        b.value
            .total_cmp(&a.value)
            .then(a.customer.cmp(&b.customer))
    };
    let mut resolved: Vec<(&Candidate, i64)> = eligible
        .iter()
        .filter_map(|c| {
            let (at, rating) = c.resolved?;
            let recent = at <= o.now && at >= o.now - o.resolved_days * DAY;
            let good = rating.is_none_or(|r| r >= o.good_rating);
            (recent && good).then_some((*c, at))
        })
        .collect();
    resolved.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.customer.cmp(&b.0.customer)));
    let mut champions: Vec<&Candidate> = eligible.iter().copied().filter(|c| c.champion).collect();
    champions.sort_by(by_value);
    let mut valuable: Vec<&Candidate> =
        eligible.iter().copied().filter(|c| c.value > 0.0).collect();
    valuable.sort_by(by_value);

    let queues: [(Reason, Vec<i64>); 3] = [
        (
            Reason::ResolvedWell,
            resolved.iter().map(|(c, _)| c.customer).collect(),
        ),
        (
            Reason::Champion,
            champions.iter().map(|c| c.customer).collect(),
        ),
        (
            Reason::MostValuable,
            valuable.iter().map(|c| c.customer).collect(),
        ),
    ];
    let mut next = [0usize; 3];
    let mut taken = HashSet::new();
    let mut out = Vec::new();
    while out.len() < o.limit {
        let mut progressed = false;
        for (q, (reason, ids)) in queues.iter().enumerate() {
            if out.len() >= o.limit {
                break;
            }
            while next[q] < ids.len() {
                let id = ids[next[q]];
                next[q] += 1;
                if taken.insert(id) {
                    out.push(Pick {
                        customer: id,
                        reason: *reason,
                    });
                    progressed = true;
                    break;
                }
            }
        }
        if !progressed {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NOW: i64 = 1_767_225_600;

    fn c(customer: i64, value: f64, champion: bool) -> Candidate {
        Candidate {
            customer,
            value,
            champion,
            resolved: None,
            last_note_at: None,
        }
    }

    fn resolved(mut c: Candidate, days_ago: i64, rating: Option<i64>) -> Candidate {
        c.resolved = Some((NOW - days_ago * DAY, rating));
        c
    }

    fn noted(mut c: Candidate, days_ago: i64) -> Candidate {
        c.last_note_at = Some(NOW - days_ago * DAY);
        c
    }

    fn picks(list: &[Pick]) -> Vec<(i64, &'static str)> {
        list.iter().map(|p| (p.customer, p.reason.code())).collect()
    }

    #[test]
    fn the_list_follows_the_rules_table() {
        let o = Options::weekly(NOW);
        type Case<'a> = (&'a str, Vec<Candidate>, usize, Vec<(i64, &'a str)>);
        let cases: Vec<Case> = vec![
            ("nobody", vec![], 10, vec![]),
            (
                "the reasons take turns",
                vec![
                    c(1, 100.0, false),
                    c(2, 50.0, true),
                    resolved(c(3, 0.0, false), 2, Some(5)),
                    c(4, 90.0, false),
                    c(5, 60.0, true),
                ],
                10,
                vec![
                    (3, "resolved_well"),
                    (5, "champion"),
                    (1, "most_valuable"),
                    (2, "champion"),
                    (4, "most_valuable"),
                ],
            ),
            (
                "a badly rated or old case is no reason; no rating is",
                vec![
                    resolved(c(1, 0.0, false), 1, Some(2)),
                    resolved(c(2, 0.0, false), 20, Some(5)),
                    resolved(c(3, 0.0, false), 3, None),
                    resolved(c(4, 0.0, false), 14, Some(4)),
                ],
                10,
                vec![(3, "resolved_well"), (4, "resolved_well")],
            ),
            (
                "noted in the last 180 days: left out; earlier: back",
                vec![
                    noted(c(1, 100.0, true), 30),
                    noted(c(2, 90.0, true), 181),
                    noted(c(3, 80.0, false), 180),
                ],
                10,
                vec![(2, "champion"), (3, "most_valuable")],
            ),
            (
                "one customer appears once, under the first reason that takes them",
                vec![resolved(c(7, 500.0, true), 1, Some(5)), c(8, 10.0, false)],
                10,
                vec![(7, "resolved_well"), (8, "most_valuable")],
            ),
            (
                "the limit cuts the list; equal values by id",
                vec![c(9, 5.0, false), c(3, 5.0, false), c(4, 5.0, false)],
                2,
                vec![(3, "most_valuable"), (4, "most_valuable")],
            ),
            (
                "nothing paid and no reason: not listed",
                vec![c(1, 0.0, false)],
                10,
                vec![],
            ),
        ];
        for (name, candidates, limit, want) in cases {
            let o = Options { limit, ..o };
            assert_eq!(picks(&select(&candidates, &o)), want, "{name}");
        }
    }

    #[test]
    fn reasons_round_trip_their_codes() {
        for r in [Reason::ResolvedWell, Reason::Champion, Reason::MostValuable] {
            assert_eq!(Reason::parse(r.code()), Some(r));
        }
        assert_eq!(Reason::parse("other"), None);
    }

    fn candidate() -> impl Strategy<Value = Candidate> {
        (
            0i64..40,
            0.0f64..1000.0,
            any::<bool>(),
            proptest::option::of((0i64..40, proptest::option::of(1i64..=5))),
            proptest::option::of(0i64..400),
        )
            .prop_map(|(id, value, champion, resolved, noted)| Candidate {
                customer: id,
                value,
                champion,
                resolved: resolved.map(|(d, r)| (NOW - d * DAY, r)),
                last_note_at: noted.map(|d| NOW - d * DAY),
            })
    }

    proptest! {
        #[test]
        fn the_list_is_short_has_no_one_twice_and_only_the_eligible(
            candidates in proptest::collection::vec(candidate(), 0..60),
            limit in 0usize..15,
        ) {
            let o = Options { limit, ..Options::weekly(NOW) };
            let list = select(&candidates, &o);
            prop_assert!(list.len() <= limit);
            let ids: HashSet<i64> = list.iter().map(|p| p.customer).collect();
            prop_assert_eq!(ids.len(), list.len());
            for p in &list {
                // Some fact of this customer gives the reason, and none was noted lately.
                let facts: Vec<&Candidate> = candidates.iter().filter(|c| c.customer == p.customer).collect();
                let quiet = |c: &Candidate| c.last_note_at.is_none_or(|at| at <= NOW - 180 * DAY);
                let fits = facts.iter().any(|c| quiet(c) && match p.reason {
                    Reason::ResolvedWell => c.resolved.is_some_and(|(at, r)| at >= NOW - 14 * DAY && r.is_none_or(|r| r >= 4)),
                    Reason::Champion => c.champion,
                    Reason::MostValuable => c.value > 0.0,
                });
                prop_assert!(fits, "{:?}", p);
            }
            // As long as anyone is eligible, the list is not empty.
            let anyone = candidates.iter().any(|c| c.last_note_at.is_none_or(|at| at <= NOW - 180 * DAY) && (c.champion || c.value > 0.0));
            if anyone && limit > 0 {
                prop_assert!(!list.is_empty());
            }
        }
    }
}
