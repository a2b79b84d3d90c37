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

/// One period's lifecycle counts, as [`lifecycle`] gathers them from the walk over each
/// customer's orders, or as they are counted elsewhere (ClickHouse: `kunde-clickhouse`'s
/// pushed-down lifecycle) for [`report_from_counts`].
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PeriodCounts {
    /// Customers counted in each column (each at most once per period).
    pub new: u64,
    pub returning: u64,
    pub resurrected: u64,
    pub lost: u64,
    /// Times a customer became active here (a first order, or an order after a loss),
    /// every time, not once per customer.
    pub starts: u64,
    /// Times a customer's activity ended (was lost) here; `starts − ends` summed over the
    /// earlier periods gives the customers active at a period's start.
    pub ends: u64,
}

const DAY: i64 = 86_400;

/// A lifecycle column: what a customer did in a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    New,
    Resurrected,
    Returning,
    Lost,
}

impl Column {
    pub fn code(self) -> &'static str {
        match self {
            Column::New => "new",
            Column::Resurrected => "resurrected",
            Column::Returning => "returning",
            Column::Lost => "lost",
        }
    }

    pub fn from_code(code: &str) -> Option<Column> {
        [
            Column::New,
            Column::Resurrected,
            Column::Returning,
            Column::Lost,
        ]
        .into_iter()
        .find(|c| c.code() == code)
    }
}

/// Walks one customer's orders: `f(period, column, counted)` for every start (new,
/// resurrected), every loss and every returning order, `counted` true the first time the
/// customer lands in that column of that period.
fn walk(
    zone: &crate::Zone,
    times: &[i64],
    n: i64,
    query: &LifecycleQuery,
    mut f: impl FnMut(PeriodKey, Column, bool),
) {
    let period = query.period;
    // The last period the customer was counted in, per column: orders come in time
    // order, so remembering the last one is enough to count once per period.
    let mut counted: [Option<PeriodKey>; 4] = [None; 4];
    let mark = |key: PeriodKey, column: Column, counted: &mut [Option<PeriodKey>; 4]| {
        let first = counted[column as usize] != Some(key);
        counted[column as usize] = Some(key);
        first
    };
    for (i, &t) in times.iter().enumerate() {
        let key = zone.key_of(period, t);
        if i == 0 {
            let c = mark(key, Column::New, &mut counted);
            f(key, Column::New, c);
        } else if t - times[i - 1] > n {
            let c = mark(key, Column::Resurrected, &mut counted);
            f(key, Column::Resurrected, c);
        } else if counted[Column::New as usize] != Some(key)
            && counted[Column::Resurrected as usize] != Some(key)
        {
            let c = mark(key, Column::Returning, &mut counted);
            f(key, Column::Returning, c);
        }
        let next = times.get(i + 1).copied().unwrap_or(i64::MAX);
        let lost_at = t + n;
        if next - t > n && lost_at < query.now {
            let key = zone.key_of(period, lost_at);
            let c = mark(key, Column::Lost, &mut counted);
            f(key, Column::Lost, c);
        }
    }
}

/// The customers counted in one column of one period of [`lifecycle`].
pub fn members(
    log: &EventLog,
    query: &LifecycleQuery,
    key: PeriodKey,
    column: Column,
) -> Vec<crate::CustomerId> {
    let n = i64::from(query.threshold_days) * DAY;
    let mut times = Vec::new();
    let mut out = Vec::new();
    for e in log.customers() {
        order_times_into(&e, query.now, &mut times);
        let mut hit = false;
        walk(log.zone(), &times, n, query, |k, c, _| {
            hit |= k == key && c == column
        });
        if hit {
            out.push(e.customer);
        }
    }
    out
}

/// The lifecycle counts per period up to the period holding `now`.
pub fn lifecycle(log: &EventLog, query: &LifecycleQuery) -> LifecycleReport {
    let n = i64::from(query.threshold_days) * DAY;
    let mut acc: std::collections::BTreeMap<PeriodKey, PeriodCounts> = Default::default();
    let mut times = Vec::new();
    for e in log.customers() {
        order_times_into(&e, query.now, &mut times);
        walk(log.zone(), &times, n, query, |key, column, counted| {
            let c = acc.entry(key).or_default();
            match column {
                Column::New | Column::Resurrected => c.starts += 1,
                Column::Lost => c.ends += 1,
                Column::Returning => {}
            }
            if counted {
                match column {
                    Column::New => c.new += 1,
                    Column::Resurrected => c.resurrected += 1,
                    Column::Returning => c.returning += 1,
                    Column::Lost => c.lost += 1,
                }
            }
        });
    }
    report_from_counts(query, log.period_key(query.period, query.now), &acc)
}

/// The lifecycle report from each period's counts (as [`lifecycle`] gathers them, or as
/// ClickHouse adds them up: `kunde-clickhouse`'s pushed-down lifecycle): `now_key` is the
/// period holding `query.now` on the business's calendar. Periods without counts between
/// the first and `now_key` are filled in with zeros, and the customers active at each
/// start, the churn rates and `complete` follow from the counts alone.
pub fn report_from_counts(
    query: &LifecycleQuery,
    now_key: PeriodKey,
    counts: &std::collections::BTreeMap<PeriodKey, PeriodCounts>,
) -> LifecycleReport {
    let (Some(&first), Some(&latest)) = (counts.keys().next(), counts.keys().next_back()) else {
        return LifecycleReport {
            threshold_days: query.threshold_days,
            periods: Vec::new(),
        };
    };
    let last = now_key.max(latest);
    let mut periods: Vec<LifecyclePeriod> = Vec::new();
    let mut active: i64 = 0;
    for k in 0..=first.periods_until(last) {
        let key = first.plus(k);
        let c = counts.get(&key).copied().unwrap_or_default();
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
        active += c.starts as i64 - c.ends as i64;
    }
    LifecycleReport {
        threshold_days: query.threshold_days,
        periods,
    }
}

/// A customer lost as of `now`: no order for more than the threshold since its last one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LostCustomer {
    pub customer: crate::CustomerId,
    pub last_order: i64,
    /// When it counted as lost: the last order plus the threshold.
    pub lost_at: i64,
    /// Its last event of any kind up to `now`, and where.
    pub last_seen: i64,
    pub last_touchpoint: crate::TouchpointId,
    /// Everything it paid up to `now`.
    pub value: f64,
}

/// The customers lost as of `now`, the most valuable first (then the most recently lost).
pub fn lost_customers(log: &EventLog, now: i64, threshold_days: u32) -> Vec<LostCustomer> {
    let n = i64::from(threshold_days) * DAY;
    let mut out: Vec<LostCustomer> = log
        .customers()
        .filter_map(|e| {
            let (mut last_order, mut value) = (None, 0.0);
            for (t, a) in crate::orders::orders_until(&e, now) {
                last_order = Some(t);
                value += a;
            }
            let last_order = last_order?;
            if now - last_order <= n {
                return None;
            }
            let last = e.times.partition_point(|&t| t <= now).checked_sub(1)?;
            Some(LostCustomer {
                customer: e.customer,
                last_order,
                lost_at: last_order + n,
                last_seen: e.times[last],
                last_touchpoint: e.touchpoint(last),
                value,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.value
            .total_cmp(&a.value)
            .then(b.lost_at.cmp(&a.lost_at))
            .then(a.customer.cmp(&b.customer))
    });
    out
}
