//! The customer lifecycle per period: new, returning, resurrected and lost customers, the
//! customers active at each period's start, and the churn rate with its trend.
//!
//! With orders at t₁ < t₂ < … up to `now` and a threshold of N days:
//! - the order at t₁ makes the customer **new**;
//! - an order more than N days after the previous one makes it **resurrected** (it had
//!   been lost);
//! - any other order makes it **returning**;
//! - the customer is **lost** at tᵢ + N when no order follows tᵢ within N days (and that
//!   moment is before `now`); it is lost in the period holding that moment.
//!
//! A customer is *active* at a time s when it has ordered before s and its latest order
//! before s is at most N days earlier. Each customer counts at most once per period in each
//! column, with precedence new, then resurrected, then returning. When N is at least 31 days
//! a customer can be lost (and resurrected) at most once in a calendar month, so for months
//! `active at the next start = active + new + resurrected − lost` holds exactly.

use serde::Serialize;

use crate::EventLog;
use crate::civil::{Period, PeriodKey};
use crate::orders::order_times_into;
use crate::stats::percent;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LifecycleQuery {
    pub now: i64,
    /// Days without an order after which a customer counts as lost.
    pub threshold_days: u32,
    pub period: Period,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LifecyclePeriod {
    pub period: PeriodKey,
    /// Customers active when the period began.
    pub active_at_start: u64,
    pub new: u64,
    pub returning: u64,
    pub resurrected: u64,
    pub lost: u64,
    /// Lost in this period as a share of those active at its start; `None` without any.
    pub churn_rate_percent: Option<f64>,
    /// The same over this and the two periods before it (lost over active at the starts),
    /// a steadier line for the trend.
    pub churn_rate_trailing_3_percent: Option<f64>,
    /// False for the period holding `now`: its figures are still growing.
    pub complete: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LifecycleReport {
    pub threshold_days: u32,
    /// Every period from the first order's to the one holding `now`, gaps included.
    pub periods: Vec<LifecyclePeriod>,
}

#[derive(Default, Clone)]
struct Counts {
    new: u64,
    returning: u64,
    resurrected: u64,
    lost: u64,
    /// Customers that became active (first order or back after a loss) here.
    starts: i64,
    /// Customers whose activity ended (lost) here; `starts − ends` summed over earlier
    /// periods gives the active customers at a period's start.
    ends: i64,
}

const DAY: i64 = 86_400;

#[derive(Clone, Copy)]
enum Column {
    New,
    Resurrected,
    Returning,
    Lost,
}

/// Counts a customer in a column of a period unless it already counts there.
fn count(
    acc: &mut std::collections::BTreeMap<PeriodKey, Counts>,
    counted: &mut [Option<PeriodKey>; 4],
    key: PeriodKey,
    column: Column,
) {
    if counted[column as usize] == Some(key) {
        return;
    }
    counted[column as usize] = Some(key);
    let c = acc.entry(key).or_default();
    match column {
        Column::New => c.new += 1,
        Column::Resurrected => c.resurrected += 1,
        Column::Returning => c.returning += 1,
        Column::Lost => c.lost += 1,
    }
}

/// The lifecycle counts per period up to the period holding `now`.
pub fn lifecycle(log: &EventLog, query: &LifecycleQuery) -> LifecycleReport {
    let n = i64::from(query.threshold_days) * DAY;
    let period = query.period;
    let mut acc: std::collections::BTreeMap<PeriodKey, Counts> = Default::default();
    let mut times = Vec::new();
    for e in log.customers() {
        order_times_into(&e, query.now, &mut times);
        // The last period the customer was counted in, per column: orders come in time
        // order, so remembering the last one is enough to count once per period.
        let mut counted: [Option<PeriodKey>; 4] = [None; 4];
        for (i, &t) in times.iter().enumerate() {
            let key = period.key_of(t);
            if i == 0 {
                count(&mut acc, &mut counted, key, Column::New);
                acc.entry(key).or_default().starts += 1;
            } else if t - times[i - 1] > n {
                count(&mut acc, &mut counted, key, Column::Resurrected);
                acc.entry(key).or_default().starts += 1;
            } else if counted[Column::New as usize] != Some(key)
                && counted[Column::Resurrected as usize] != Some(key)
            {
                count(&mut acc, &mut counted, key, Column::Returning);
            }
            let next = times.get(i + 1).copied().unwrap_or(i64::MAX);
            let lost_at = t + n;
            if next - t > n && lost_at < query.now {
                let key = period.key_of(lost_at);
                count(&mut acc, &mut counted, key, Column::Lost);
                acc.entry(key).or_default().ends += 1;
            }
        }
    }
    let Some(&first) = acc.keys().next() else {
        return LifecycleReport {
            threshold_days: query.threshold_days,
            periods: Vec::new(),
        };
    };
    let last = period
        .key_of(query.now)
        .max(*acc.keys().next_back().expect("non-empty"));
    let mut periods: Vec<LifecyclePeriod> = Vec::new();
    let mut active: i64 = 0;
    let now_key = period.key_of(query.now);
    for k in 0..=first.periods_until(last) {
        let key = first.plus(k);
        let c = acc.get(&key).cloned().unwrap_or_default();
        let active_at_start = active.max(0) as u64;
        let rate = |lost: u64, at_start: u64| (at_start > 0).then(|| percent(lost, at_start));
        let window = periods.iter().rev().take(2);
        let (lost3, start3) = window.fold((c.lost, active_at_start), |(l, s), p| {
            (l + p.lost, s + p.active_at_start)
        });
        periods.push(LifecyclePeriod {
            period: key,
            active_at_start,
            new: c.new,
            returning: c.returning,
            resurrected: c.resurrected,
            lost: c.lost,
            churn_rate_percent: rate(c.lost, active_at_start),
            churn_rate_trailing_3_percent: rate(lost3, start3),
            complete: key < now_key,
        });
        active += c.starts - c.ends;
    }
    LifecycleReport {
        threshold_days: query.threshold_days,
        periods,
    }
}
