//! Cohorts of first orders for the Value pages: customers grouped by the month (or other
//! period) of their first order, the share coming back in each later period — by an order,
//! or by any event — and the cohort's cumulative revenue per customer; and the customers
//! behind any cell, so each count on the page opens its list.

use serde::Serialize;

use crate::civil::{Period, PeriodKey};
use crate::orders::orders_until;
use crate::retention::{CohortRow, RetentionReport};
use crate::stats::percent;
use crate::{CustomerEvents, CustomerId, EventLog, TouchpointId};

/// What makes a customer of a cohort count as back in a later period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Comeback {
    Order,
    AnyEvent,
    /// An event at this touchpoint (a visit to the shop, a booked service).
    Touchpoint(TouchpointId),
}

impl Comeback {
    pub fn code(self) -> &'static str {
        match self {
            Comeback::Order => "order",
            Comeback::AnyEvent => "any_event",
            Comeback::Touchpoint(_) => "touchpoint",
        }
    }

    /// The rule named by `code`; `touchpoint` needs the touchpoint (`None` without it).
    pub fn from_code(code: &str, touchpoint: Option<TouchpointId>) -> Option<Comeback> {
        match code {
            "order" => Some(Comeback::Order),
            "any_event" => Some(Comeback::AnyEvent),
            "touchpoint" => touchpoint.map(Comeback::Touchpoint),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderCohortQuery {
    pub period: Period,
    pub comeback: Comeback,
    /// Columns shown, the cohort's own period (offset 0) included.
    pub periods: usize,
    pub now: i64,
}

/// A customer's cohort (the period of its first order up to `now`) and the offsets it was
/// active at (each once, ascending) with the order revenue per offset.
fn walk(
    zone: &crate::Zone,
    q: &OrderCohortQuery,
    e: &CustomerEvents<'_>,
    mut f: impl FnMut(usize, bool, f64),
) -> Option<PeriodKey> {
    let (first, _) = orders_until(e, q.now).next()?;
    let cohort = zone.key_of(q.period, first);
    let mut counted = usize::MAX;
    for i in 0..e.len() {
        let t = e.times[i];
        if t > q.now {
            break;
        }
        if t < first {
            continue;
        }
        let offset = cohort.periods_until(zone.key_of(q.period, t));
        if offset < 0 || offset as usize >= q.periods {
            if offset >= 0 {
                break;
            }
            continue;
        }
        let offset = offset as usize;
        let order = e.amounts[i] > 0.0;
        let active = match q.comeback {
            Comeback::Order => order,
            Comeback::AnyEvent => true,
            // The first order itself opens the cohort whatever the rule.
            Comeback::Touchpoint(tp) => e.touchpoint(i) == tp || (offset == 0 && t == first),
        };
        let first_time = active && counted != offset;
        if first_time {
            counted = offset;
        }
        f(offset, first_time, if order { e.amounts[i] } else { 0.0 });
    }
    Some(cohort)
}

/// The cohort table of the customers `include` admits (all: `|_| true`). Cells of periods
/// that have not started by `now` are `None` ("not yet known"), never 0.
pub fn order_cohorts(
    log: &EventLog,
    q: &OrderCohortQuery,
    include: impl Fn(CustomerId) -> bool,
) -> RetentionReport {
    let p = q.periods;
    let mut rows: std::collections::BTreeMap<PeriodKey, CohortCounts> = Default::default();
    let mut total = 0;
    for e in log.customers().filter(|e| include(e.customer)) {
        let mut active = vec![0u64; p];
        let mut revenue = vec![0i64; p];
        let Some(cohort) = walk(log.zone(), q, &e, |k, first, amount| {
            if first {
                active[k] += 1;
            }
            revenue[k] += cents(amount);
        }) else {
            continue;
        };
        total += 1;
        let row = rows
            .entry(cohort)
            .or_insert_with(|| (0, vec![0; p], vec![0; p]));
        row.0 += 1;
        for k in 0..p {
            row.1[k] += active[k];
            row.2[k] += revenue[k];
        }
    }
    report_from_counts(q, log.period_key(q.period, q.now), rows, total)
}

/// One cohort's figures: its customers, and per offset the customers active and the order
/// revenue in hundredths of the currency unit (the store's cents).
pub type CohortCounts = (u64, Vec<u64>, Vec<i64>);

/// An amount in hundredths of the currency unit. Revenue is added up in whole hundredths, so
/// the sums are exact and the same in whatever order they are added (in memory, or by
/// ClickHouse over the stored cents): a cohort's revenue per customer is then the same to
/// the cent, even where floating-point sums would round a half cent apart.
fn cents(amount: f64) -> i64 {
    (amount * 100.0).round() as i64
}

/// The cohort table from each cohort's counts (as [`order_cohorts`] scans them, or as
/// ClickHouse adds them up: `kunde-clickhouse`'s pushed-down cohorts): `now_key` is the
/// period holding `q.now` on the log's calendar, `total` the customers of all cohorts.
pub fn report_from_counts(
    q: &OrderCohortQuery,
    now_key: PeriodKey,
    rows: std::collections::BTreeMap<PeriodKey, CohortCounts>,
    total: u64,
) -> RetentionReport {
    let p = q.periods;
    let cohorts = rows
        .into_iter()
        .map(|(cohort, (customers, active, revenue))| {
            let observed = ((cohort.periods_until(now_key) + 1).max(0) as usize).min(p);
            let mut running = 0i64;
            let cumulative: Vec<Option<f64>> = revenue
                .iter()
                .enumerate()
                .map(|(k, r)| {
                    running += r;
                    (k < observed).then_some(running as f64 / 100.0)
                })
                .collect();
            CohortRow {
                cohort,
                customers,
                active: (0..p)
                    .map(|k| (k < observed).then_some(active[k]))
                    .collect(),
                percent: (0..p)
                    .map(|k| (k < observed).then(|| percent(active[k], customers)))
                    .collect(),
                cumulative_revenue_per_customer: cumulative
                    .iter()
                    .map(|c| c.map(|c| c / customers as f64))
                    .collect(),
                cumulative_revenue: cumulative,
            }
        })
        .collect();
    RetentionReport {
        period: q.period,
        customers: total,
        cohorts,
    }
}

/// The customers of one cohort (`offset` None) or of one cell (active at `offset`).
pub fn cohort_members(
    log: &EventLog,
    q: &OrderCohortQuery,
    include: impl Fn(CustomerId) -> bool,
    cohort: PeriodKey,
    offset: Option<usize>,
) -> Vec<CustomerId> {
    log.customers()
        .filter(|e| include(e.customer))
        .filter(|e| {
            let mut hit = offset.is_none();
            let c = walk(log.zone(), q, e, |k, first, _| {
                if first && Some(k) == offset {
                    hit = true;
                }
            });
            c == Some(cohort) && hit
        })
        .map(|e| e.customer)
        .collect()
}
