//! Churn: which customers have been inactive longer than a threshold as of `now`, when they
//! left (their last activity) and the touchpoint where they were last seen; and a proposal
//! for the threshold itself from the business's own gaps between purchases.
//!
//! Lost customers per month and the churn rate's trend are in [`crate::lifecycle`], the
//! survival curve in [`crate::survival`].

use serde::Serialize;

use crate::civil::{Period, PeriodKey};
use crate::stats::percent;
use crate::{CustomerId, EventLog};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChurnQuery {
    /// The current time; later events are ignored.
    pub now: i64,
    /// A customer whose last event is more than this many seconds before `now` has left.
    pub inactive_after_seconds: i64,
    /// How departures are grouped in time.
    pub period: Period,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChurnedCustomer {
    pub customer: CustomerId,
    pub last_seen: i64,
    pub last_touchpoint: String,
    pub inactive_days: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodCount {
    pub period: PeriodKey,
    pub customers: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TouchpointCount {
    pub touchpoint: String,
    pub customers: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChurnReport {
    /// Customers with at least one event up to `now`.
    pub customers: u64,
    pub active: u64,
    pub churned: u64,
    pub churn_percent: f64,
    /// Churned customers, the most recently lost first.
    pub churned_customers: Vec<ChurnedCustomer>,
    /// Departures by the period of the last activity, in time order.
    pub left_by_period: Vec<PeriodCount>,
    /// Departures by last touchpoint seen, the most common first.
    pub last_touchpoints: Vec<TouchpointCount>,
}

/// The churn state of each customer: `None` when it had no event up to `now`, otherwise
/// whether it has left. Moments of truth use this as their definition of "lost".
pub fn churned_customers(log: &EventLog, query: &ChurnQuery) -> Vec<Option<bool>> {
    log.customers()
        .map(|e| {
            let last = e
                .times
                .partition_point(|&t| t <= query.now)
                .checked_sub(1)?;
            Some(query.now - e.times[last] > query.inactive_after_seconds)
        })
        .collect()
}

pub fn churn(log: &EventLog, query: &ChurnQuery) -> ChurnReport {
    let mut customers = 0;
    let mut churned = Vec::new();
    let mut by_period: std::collections::BTreeMap<PeriodKey, u64> = Default::default();
    let mut by_touchpoint = vec![0u64; log.touchpoint_count()];
    for e in log.customers() {
        let Some(last) = e.times.partition_point(|&t| t <= query.now).checked_sub(1) else {
            continue;
        };
        customers += 1;
        let last_seen = e.times[last];
        if query.now - last_seen <= query.inactive_after_seconds {
            continue;
        }
        *by_period
            .entry(log.period_key(query.period, last_seen))
            .or_default() += 1;
        by_touchpoint[usize::from(e.touchpoints[last])] += 1;
        churned.push(ChurnedCustomer {
            customer: e.customer,
            last_seen,
            last_touchpoint: log.touchpoint_name(e.touchpoint(last)).to_owned(),
            inactive_days: (query.now - last_seen) as f64 / 86_400.0,
        });
    }
    churned.sort_by(|a, b| {
        b.last_seen
            .cmp(&a.last_seen)
            .then(a.customer.cmp(&b.customer))
    });
    let mut last_touchpoints: Vec<TouchpointCount> = by_touchpoint
        .iter()
        .enumerate()
        .filter(|&(_, &n)| n > 0)
        .map(|(tp, &n)| TouchpointCount {
            touchpoint: log.touchpoint_names()[tp].clone(),
            customers: n,
        })
        .collect();
    last_touchpoints.sort_by(|a, b| {
        b.customers
            .cmp(&a.customers)
            .then(a.touchpoint.cmp(&b.touchpoint))
    });
    let lost = churned.len() as u64;
    ChurnReport {
        customers,
        active: customers - lost,
        churned: lost,
        churn_percent: percent(lost, customers),
        churned_customers: churned,
        left_by_period: by_period
            .into_iter()
            .map(|(period, customers)| PeriodCount { period, customers })
            .collect(),
        last_touchpoints,
    }
}

/// How a churn threshold is proposed from the business's own gaps between purchases.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ThresholdQuery {
    pub now: i64,
    /// Which share of the gaps the threshold should cover (0.9: 90 % of the gaps between a
    /// repeat customer's purchases are shorter).
    pub quantile: f64,
    /// The threshold is never proposed below this many days.
    pub floor_days: u32,
    /// Below this many gaps the data cannot support a proposal and the fallback is used.
    pub min_gaps: usize,
    /// The proposal when there are too few gaps.
    pub fallback_days: u32,
}

impl ThresholdQuery {
    /// The 90th percentile, at least 30 days, from at least 20 gaps; 365 days otherwise.
    pub fn new(now: i64) -> Self {
        Self {
            now,
            quantile: 0.9,
            floor_days: 30,
            min_gaps: 20,
            fallback_days: 365,
        }
    }
}

/// Why the proposed threshold is what it is; the web layer words each case.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ThresholdBasis {
    /// The chosen percentile of the gaps, rounded up to whole days.
    GapPercentile,
    /// The percentile was below the floor, so the floor was used.
    Floor,
    /// Too few gaps to learn from: the fallback was used.
    TooFewGaps,
}

/// A proposed churn threshold and the facts it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThresholdProposal {
    pub days: u32,
    pub basis: ThresholdBasis,
    /// The percentile asked for, in percent (90).
    pub percentile: f64,
    /// The percentile of the gaps in days, before rounding and the floor; `None` without gaps.
    pub percentile_days: Option<f64>,
    pub median_gap_days: Option<f64>,
    /// Gaps between consecutive purchase days of the same customer.
    pub gaps: usize,
    /// Customers with at least two purchase days (the gaps' owners).
    pub repeat_customers: usize,
    pub floor_days: u32,
    pub min_gaps: usize,
}

/// Proposes "lost after N days without an order" from the gaps between consecutive purchase
/// days (orders on one day are one purchase) of every customer with more than one, up to
/// `now`.
pub fn propose_threshold(log: &EventLog, query: &ThresholdQuery) -> ThresholdProposal {
    let mut gaps: Vec<f64> = Vec::new();
    let mut days = Vec::new();
    let mut repeat_customers = 0;
    for e in log.customers() {
        crate::orders::order_days_into(&e, query.now, &mut days);
        if days.len() > 1 {
            repeat_customers += 1;
            gaps.extend(days.windows(2).map(|w| (w[1] - w[0]) as f64));
        }
    }
    gaps.sort_by(f64::total_cmp);
    let q = query.quantile.clamp(0.0, 1.0);
    proposal(
        query,
        crate::stats::quantile_sorted(&gaps, q),
        crate::stats::quantile_sorted(&gaps, 0.5),
        gaps.len(),
        repeat_customers,
    )
}

/// The business's gaps between purchase days as counted elsewhere (ClickHouse: each gap
/// length in days with how many times it occurs, and the customers with at least two
/// purchase days), for [`proposal_from_gaps`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GapCounts {
    /// (gap in days, how many gaps of that length), in any order.
    pub gaps: Vec<(i64, u64)>,
    pub repeat_customers: u64,
}

/// The proposal [`propose_threshold`] makes over the same orders, from the gaps counted
/// per length instead of listed one by one: the percentiles pick the same gaps by rank,
/// and interpolate between them with the same arithmetic, so the result is identical.
pub fn proposal_from_gaps(query: &ThresholdQuery, counts: &GapCounts) -> ThresholdProposal {
    let mut sorted = counts.gaps.clone();
    sorted.sort_unstable();
    let total: u64 = sorted.iter().map(|g| g.1).sum();
    // The gap of rank `i` (from 0) in ascending order.
    let at = |i: u64| {
        let mut seen = 0;
        let found = sorted.iter().find(|&&(_, n)| {
            seen += n;
            i < seen
        });
        found.or(sorted.last()).map_or(0.0, |g| g.0 as f64)
    };
    let quantile = |q: f64| {
        (total > 0).then(|| {
            let pos = q.clamp(0.0, 1.0) * (total - 1) as f64;
            let (lo, hi) = (pos.floor(), pos.ceil());
            let (a, b) = (at(lo as u64), at(hi as u64));
            a + (b - a) * (pos - lo)
        })
    };
    let q = query.quantile.clamp(0.0, 1.0);
    proposal(
        query,
        quantile(q),
        quantile(0.5),
        total as usize,
        counts.repeat_customers as usize,
    )
}

/// The proposal from the gaps' percentile and median (`None` without gaps).
fn proposal(
    query: &ThresholdQuery,
    percentile_days: Option<f64>,
    median_gap_days: Option<f64>,
    gaps: usize,
    repeat_customers: usize,
) -> ThresholdProposal {
    let q = query.quantile.clamp(0.0, 1.0);
    let (days, basis) = match percentile_days {
        Some(p) if gaps >= query.min_gaps.max(1) => {
            let rounded = p.ceil().min(f64::from(u32::MAX)) as u32;
            if rounded < query.floor_days {
                (query.floor_days, ThresholdBasis::Floor)
            } else {
                (rounded, ThresholdBasis::GapPercentile)
            }
        }
        _ => (query.fallback_days, ThresholdBasis::TooFewGaps),
    };
    ThresholdProposal {
        days,
        basis,
        percentile: 100.0 * q,
        percentile_days,
        median_gap_days,
        gaps,
        repeat_customers,
        floor_days: query.floor_days,
        min_gaps: query.min_gaps,
    }
}
