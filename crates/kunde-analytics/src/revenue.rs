//! New versus repeat revenue per period, and how much growth repeat business brings.
//!
//! An *order* is an event with a positive amount (refunds and other non-positive amounts
//! are left out). The revenue of a customer's **first order ever** is *new*; the revenue of
//! every later order, even in the same period, is *repeat*.
//!
//! Growth is shown two ways: from the previous period, and year over year (the same month,
//! quarter or year a year earlier, 52 weeks for weeks), split into new and repeat revenue.

use serde::Serialize;

use crate::EventLog;
use crate::civil::{Period, PeriodKey};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RevenuePeriod {
    pub period: PeriodKey,
    pub new_revenue: f64,
    pub repeat_revenue: f64,
    pub total_revenue: f64,
    pub orders: u64,
    /// Customers whose first order was in this period.
    pub new_customers: u64,
    /// Distinct customers with a repeat order in this period.
    pub repeat_customers: u64,
    pub repeat_share_percent: f64,
    /// Repeat revenue of this period as a percentage of the previous period's total: the
    /// growth the business would have had from repeat business alone.
    pub growth_from_repeat_percent: Option<f64>,
    /// Change of total revenue from the previous period, in percent.
    pub growth_percent: Option<f64>,
    /// Change of total, new and repeat revenue from the same period a year earlier, in
    /// percent; `None` without a year-ago period in the data (or for days), or when the
    /// year-ago figure was 0.
    pub yoy_growth_percent: Option<f64>,
    pub yoy_new_growth_percent: Option<f64>,
    pub yoy_repeat_growth_percent: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RevenueReport {
    pub period: Period,
    /// Every period from the first order to the last, gaps included.
    pub periods: Vec<RevenuePeriod>,
    pub new_revenue: f64,
    pub repeat_revenue: f64,
    pub repeat_share_percent: f64,
}

fn share(part: f64, whole: f64) -> f64 {
    if whole == 0.0 {
        0.0
    } else {
        100.0 * part / whole
    }
}

/// New versus repeat revenue per period, up to and including `until`.
pub fn revenue(log: &EventLog, period: Period, until: i64) -> RevenueReport {
    struct Acc {
        new: f64,
        repeat: f64,
        orders: u64,
        new_customers: u64,
        repeat_customers: u64,
    }
    let mut acc: std::collections::BTreeMap<PeriodKey, Acc> = Default::default();
    for e in log.customers() {
        let mut first = true;
        let mut last_repeat_period = None;
        for i in 0..e.len() {
            let (t, amount) = (e.times[i], e.amounts[i]);
            if t > until {
                break;
            }
            if amount <= 0.0 || amount.is_nan() {
                continue;
            }
            let key = log.period_key(period, t);
            let a = acc.entry(key).or_insert(Acc {
                new: 0.0,
                repeat: 0.0,
                orders: 0,
                new_customers: 0,
                repeat_customers: 0,
            });
            a.orders += 1;
            if first {
                a.new += amount;
                a.new_customers += 1;
                first = false;
            } else {
                a.repeat += amount;
                if last_repeat_period != Some(key) {
                    a.repeat_customers += 1;
                    last_repeat_period = Some(key);
                }
            }
        }
    }
    let (Some(&first), Some(&last)) = (acc.keys().next(), acc.keys().next_back()) else {
        return RevenueReport {
            period,
            periods: Vec::new(),
            new_revenue: 0.0,
            repeat_revenue: 0.0,
            repeat_share_percent: 0.0,
        };
    };
    let mut periods = Vec::new();
    let mut previous_total: Option<f64> = None;
    for k in 0..=first.periods_until(last) {
        let key = first.plus(k);
        let (new, repeat, orders, new_customers, repeat_customers) =
            acc.get(&key).map_or((0.0, 0.0, 0, 0, 0), |a| {
                (
                    a.new,
                    a.repeat,
                    a.orders,
                    a.new_customers,
                    a.repeat_customers,
                )
            });
        let total = new + repeat;
        let growth = |value: f64| {
            previous_total
                .filter(|&p| p > 0.0)
                .map(|p| 100.0 * value / p)
        };
        periods.push(RevenuePeriod {
            period: key,
            new_revenue: new,
            repeat_revenue: repeat,
            total_revenue: total,
            orders,
            new_customers,
            repeat_customers,
            repeat_share_percent: share(repeat, total),
            growth_from_repeat_percent: growth(repeat),
            growth_percent: previous_total.and_then(|_| growth(total).map(|g| g - 100.0)),
            yoy_growth_percent: None,
            yoy_new_growth_percent: None,
            yoy_repeat_growth_percent: None,
        });
        previous_total = Some(total);
    }
    if let Some(back) = period.periods_per_year().map(|b| b as usize) {
        let change = |now: f64, then: f64| (then > 0.0).then(|| 100.0 * (now - then) / then);
        for k in back..periods.len() {
            let (then, now) = (&periods[k - back], &periods[k]);
            let yoy = (
                change(now.total_revenue, then.total_revenue),
                change(now.new_revenue, then.new_revenue),
                change(now.repeat_revenue, then.repeat_revenue),
            );
            let p = &mut periods[k];
            (
                p.yoy_growth_percent,
                p.yoy_new_growth_percent,
                p.yoy_repeat_growth_percent,
            ) = yoy;
        }
    }
    let new_revenue: f64 = periods.iter().map(|p| p.new_revenue).sum();
    let repeat_revenue: f64 = periods.iter().map(|p| p.repeat_revenue).sum();
    RevenueReport {
        period,
        periods,
        new_revenue,
        repeat_revenue,
        repeat_share_percent: share(repeat_revenue, new_revenue + repeat_revenue),
    }
}
