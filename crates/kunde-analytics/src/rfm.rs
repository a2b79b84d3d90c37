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

use serde::Serialize;

use crate::{CustomerId, EventLog};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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
    pub label: &'static str,
    pub customers: u64,
    pub percent: f64,
    pub revenue: f64,
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
    let segments = Segment::ALL
        .iter()
        .map(|&segment| {
            let members = customers.iter().filter(|c| c.segment == segment);
            let (count, revenue) = members.fold((0, 0.0), |(n, r), c| (n + 1, r + c.monetary));
            SegmentSummary {
                segment,
                label: segment.label(),
                customers: count,
                percent: crate::stats::percent(count, total),
                revenue,
            }
        })
        .collect();
    RfmReport {
        customers,
        segments,
    }
}
