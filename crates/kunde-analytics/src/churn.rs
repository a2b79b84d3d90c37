//! Churn: which customers have been inactive longer than a threshold as of `now`, when they
//! left (their last activity) and the touchpoint where they were last seen.

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
        *by_period.entry(query.period.key_of(last_seen)).or_default() += 1;
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
