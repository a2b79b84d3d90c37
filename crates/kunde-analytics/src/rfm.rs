//! RFM: recency, frequency and monetary quintile scores (1–5) and the named segments.
//!
//! Orders are events with a positive amount up to `now`. Recency is days since the last
//! order (fewer is better), frequency the number of orders, monetary the total spent.
//! Scores are quintiles of the customers' ranks; customers with equal values share their
//! average rank, so equal values always get equal scores.
//!
//! Segments use the widely used R × F grid (the "RFM segmentation" map of Putler and of
//! many tutorials), with *lost* split off from *hibernating* for the very worst cell:
//!
//! | R \ F | 1 | 2 | 3 | 4 | 5 |
//! |---|---|---|---|---|---|
//! | 5 | new | potential loyalist | potential loyalist | champions | champions |
//! | 4 | promising | potential loyalist | potential loyalist | loyal | loyal |
//! | 3 | about to sleep | about to sleep | need attention | loyal | loyal |
//! | 2 | hibernating | hibernating | at risk | at risk | can't lose |
//! | 1 | lost | hibernating | at risk | at risk | can't lose |

use serde::{Deserialize, Serialize};

use crate::{CustomerId, EventLog};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Segment {
    Champions,
    Loyal,
    PotentialLoyalist,
    New,
    Promising,
    NeedAttention,
    AboutToSleep,
    AtRisk,
    CantLose,
    Hibernating,
    Lost,
}

impl Segment {
    pub const ALL: [Segment; 11] = [
        Segment::Champions,
        Segment::Loyal,
        Segment::PotentialLoyalist,
        Segment::New,
        Segment::Promising,
        Segment::NeedAttention,
        Segment::AboutToSleep,
        Segment::AtRisk,
        Segment::CantLose,
        Segment::Hibernating,
        Segment::Lost,
    ];

    /// The segment of a recency and frequency score (both 1..=5).
    pub fn of(r: u8, f: u8) -> Segment {
        match (r, f) {
            (5, 1) => Segment::New,
            (4, 1) => Segment::Promising,
            (4..=5, 2..=3) => Segment::PotentialLoyalist,
            (5, 4..=5) => Segment::Champions,
            (3..=4, 4..=5) => Segment::Loyal,
            (3, 3) => Segment::NeedAttention,
            (3, 1..=2) => Segment::AboutToSleep,
            (1..=2, 3..=4) => Segment::AtRisk,
            (1..=2, 5) => Segment::CantLose,
            (1, 1) => Segment::Lost,
            _ => Segment::Hibernating,
        }
    }

    /// The stable code of the segment (as serialized): what the web layer translates and
    /// saved segments store. Never change one.
    pub fn code(self) -> &'static str {
        match self {
            Segment::Champions => "champions",
            Segment::Loyal => "loyal",
            Segment::PotentialLoyalist => "potential_loyalist",
            Segment::New => "new",
            Segment::Promising => "promising",
            Segment::NeedAttention => "need_attention",
            Segment::AboutToSleep => "about_to_sleep",
            Segment::AtRisk => "at_risk",
            Segment::CantLose => "cant_lose",
            Segment::Hibernating => "hibernating",
            Segment::Lost => "lost",
        }
    }

    pub fn from_code(code: &str) -> Option<Segment> {
        Segment::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The (recency, frequency) score cells of the grid that make up this segment.
    pub fn cells(self) -> Vec<(u8, u8)> {
        (1..=5u8)
            .flat_map(|r| (1..=5u8).map(move |f| (r, f)))
            .filter(|&(r, f)| Segment::of(r, f) == self)
            .collect()
    }

    /// The segment's definition as data: its code, its cells and a plain English sentence
    /// (for the command line and the docs; the web layer words it from the code).
    pub fn definition(self) -> SegmentDefinition {
        let description = match self {
            Segment::Champions => {
                "bought very recently (R 5) and often (F 4-5): the best customers"
            }
            Segment::Loyal => "buy often (F 4-5) and not long ago (R 3-4)",
            Segment::PotentialLoyalist => {
                "bought recently (R 4-5) a few times (F 2-3): could become loyal"
            }
            Segment::New => "bought for the first time very recently (R 5, F 1)",
            Segment::Promising => "bought once, recently (R 4, F 1)",
            Segment::NeedAttention => "average on both: some while ago (R 3), a few times (F 3)",
            Segment::AboutToSleep => "bought rarely (F 1-2), some while ago (R 3)",
            Segment::AtRisk => "bought fairly often (F 3-4) but not for a long time (R 1-2)",
            Segment::CantLose => {
                "were among the most frequent (F 5) but have not bought for a long time (R 1-2)"
            }
            Segment::Hibernating => {
                "bought rarely (F 1-2) and long ago (R 1-2), except the very lowest"
            }
            Segment::Lost => "bought once (F 1), longest ago of all (R 1)",
        };
        SegmentDefinition {
            segment: self,
            code: self.code(),
            cells: self.cells(),
            description,
        }
    }

    /// The English label (the web layer translates [`Segment::code`] instead).
    pub fn label(self) -> &'static str {
        match self {
            Segment::Champions => "champions",
            Segment::Loyal => "loyal",
            Segment::PotentialLoyalist => "potential loyalist",
            Segment::New => "new",
            Segment::Promising => "promising",
            Segment::NeedAttention => "need attention",
            Segment::AboutToSleep => "about to sleep",
            Segment::AtRisk => "at risk",
            Segment::CantLose => "can't lose",
            Segment::Hibernating => "hibernating",
            Segment::Lost => "lost",
        }
    }
}

/// What puts a customer in a segment: recency score r and frequency score f (1-5 each)
/// among the `cells`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SegmentDefinition {
    pub segment: Segment,
    pub code: &'static str,
    /// (r, f) score pairs.
    pub cells: Vec<(u8, u8)>,
    /// Plain English, for the command line and the docs.
    pub description: &'static str,
}

/// Every segment's definition, in the order of [`Segment::ALL`].
pub fn segment_definitions() -> Vec<SegmentDefinition> {
    Segment::ALL.into_iter().map(Segment::definition).collect()
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RfmCustomer {
    pub customer: CustomerId,
    pub recency_days: f64,
    pub frequency: u64,
    pub monetary: f64,
    pub r: u8,
    pub f: u8,
    pub m: u8,
    pub segment: Segment,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SegmentSummary {
    pub segment: Segment,
    pub code: &'static str,
    pub label: &'static str,
    pub customers: u64,
    pub percent: f64,
    pub revenue: f64,
    /// This segment's share of all the customers' revenue, in percent.
    pub revenue_percent: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RfmReport {
    /// Every customer with at least one order, in customer order.
    pub customers: Vec<RfmCustomer>,
    /// All eleven segments, in the order of [`Segment::ALL`], empty ones included.
    pub segments: Vec<SegmentSummary>,
}

/// Quintile scores 1..=5 of values where larger is better, by average rank.
pub fn quintile_scores(values: &[f64]) -> Vec<u8> {
    let n = values.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut scores = vec![0u8; n];
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        let mid = (i + j) as f64 / 2.0;
        let score = (1.0 + (5.0 * (mid + 0.5) / n as f64).floor()).clamp(1.0, 5.0) as u8;
        for &k in &order[i..=j] {
            scores[k] = score;
        }
        i = j + 1;
    }
    scores
}

pub fn rfm(log: &EventLog, now: i64) -> RfmReport {
    let mut rows = Vec::new();
    for e in log.customers() {
        let mut frequency = 0;
        let mut monetary = 0.0;
        let mut last = None;
        for i in 0..e.len() {
            if e.times[i] > now {
                break;
            }
            if e.amounts[i] > 0.0 {
                frequency += 1;
                monetary += e.amounts[i];
                last = Some(e.times[i]);
            }
        }
        if let Some(last) = last {
            rows.push((
                e.customer,
                (now - last) as f64 / 86_400.0,
                frequency,
                monetary,
            ));
        }
    }
    let r = quintile_scores(&rows.iter().map(|r| -r.1).collect::<Vec<_>>());
    let f = quintile_scores(&rows.iter().map(|r| r.2 as f64).collect::<Vec<_>>());
    let m = quintile_scores(&rows.iter().map(|r| r.3).collect::<Vec<_>>());
    let customers: Vec<RfmCustomer> = rows
        .iter()
        .enumerate()
        .map(
            |(i, &(customer, recency_days, frequency, monetary))| RfmCustomer {
                customer,
                recency_days,
                frequency,
                monetary,
                r: r[i],
                f: f[i],
                m: m[i],
                segment: Segment::of(r[i], f[i]),
            },
        )
        .collect();
    let total = customers.len() as u64;
    let all_revenue: f64 = customers.iter().map(|c| c.monetary).sum();
    let segments = Segment::ALL
        .iter()
        .map(|&segment| {
            let members = customers.iter().filter(|c| c.segment == segment);
            let (count, revenue) = members.fold((0, 0.0), |(n, r), c| (n + 1, r + c.monetary));
            SegmentSummary {
                segment,
                code: segment.code(),
                label: segment.label(),
                customers: count,
                percent: crate::stats::percent(count, total),
                revenue,
                revenue_percent: if all_revenue > 0.0 {
                    100.0 * revenue / all_revenue
                } else {
                    0.0
                },
            }
        })
        .collect();
    RfmReport {
        customers,
        segments,
    }
}
