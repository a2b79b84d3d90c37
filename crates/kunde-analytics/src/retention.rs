//! Cohort retention: customers grouped by the period of a chosen first event, their
//! activity by a chosen later event in each following period, and the cumulative revenue
//! of each cohort and of each acquisition channel.

use serde::Serialize;

use crate::civil::{Period, PeriodKey};
use crate::clv::FxMap;
use crate::stats::percent;
use crate::{CustomerEvents, CustomerId, EventLog, Grouping, TouchpointId, par};

/// What a retention table counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionQuery {
    pub period: Period,
    /// The event that puts a customer in a cohort (its first occurrence); `None` = any event.
    pub cohort_event: Option<TouchpointId>,
    /// The event that makes a customer count as active in a period; `None` = any event.
    pub return_event: Option<TouchpointId>,
    /// How many periods to show, the cohort's own period (offset 0) included.
    pub periods: usize,
    /// The current time: periods that have not started yet are left empty.
    pub now: i64,
}

/// One cohort (row of the heat map).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CohortRow {
    pub cohort: PeriodKey,
    /// Customers whose first cohort event fell in this period.
    pub customers: u64,
    /// Customers active at offsets 0, 1, …; `None` for periods not yet started at `now`.
    pub active: Vec<Option<u64>>,
    pub percent: Vec<Option<f64>>,
    /// Revenue (sum of amounts from the cohort event on) up to and including each offset.
    pub cumulative_revenue: Vec<Option<f64>>,
    pub cumulative_revenue_per_customer: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RetentionReport {
    pub period: Period,
    pub customers: u64,
    pub cohorts: Vec<CohortRow>,
}

/// Cumulative revenue per customer of one acquisition group, by periods since acquisition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupRevenueCurve {
    pub group: String,
    pub customers: u64,
    /// Customers whose offset k had started by `now` (the denominator at offset k).
    pub observed: Vec<u64>,
    pub cumulative_revenue_per_customer: Vec<Option<f64>>,
}

fn matches(filter: Option<TouchpointId>, tp: u16) -> bool {
    filter.is_none_or(|f| f.0 == tp)
}

/// Where a customer's cohort event is: its index in the customer's events and its period.
fn cohort_start(query: &RetentionQuery, events: &CustomerEvents<'_>) -> Option<(usize, PeriodKey)> {
    let i = events
        .touchpoints
        .iter()
        .position(|&tp| matches(query.cohort_event, tp))?;
    (events.times[i] <= query.now).then(|| (i, query.period.key_of(events.times[i])))
}

/// Visits each event from the cohort event on, up to `now`, with its period offset.
fn for_each_offset(
    query: &RetentionQuery,
    events: &CustomerEvents<'_>,
    start: usize,
    cohort: PeriodKey,
    mut f: impl FnMut(usize, usize),
) {
    for i in start..events.len() {
        let t = events.times[i];
        if t > query.now {
            break;
        }
        let offset = cohort.periods_until(query.period.key_of(t));
        if offset >= 0 && (offset as usize) < query.periods {
            f(i, offset as usize);
        }
    }
}

/// The number of offsets of a cohort that have started by `now`.
fn observed_offsets(query: &RetentionQuery, cohort: PeriodKey) -> usize {
    let now = query.period.key_of(query.now);
    ((cohort.periods_until(now) + 1).max(0) as usize).min(query.periods)
}

/// One cohort's counts while scanning: customers, active customers and revenue per offset.
type CohortCounts = (u64, Vec<u64>, Vec<f64>);

/// Builds the cohort table.
///
/// Customers are scanned in parallel chunks (cut by the data, never by the number of
/// threads) whose tables are added up in chunk order, so the result is the same on every
/// machine; up to [`par::CHUNK_EVENTS`] events it equals a plain scan of the customers in
/// order (the test module keeps one as the reference), revenue sums included.
pub fn retention(log: &EventLog, query: &RetentionQuery) -> RetentionReport {
    retention_on(
        log,
        query,
        par::threads_for(log.event_count()),
        par::CHUNK_EVENTS,
    )
}

fn retention_on(
    log: &EventLog,
    query: &RetentionQuery,
    threads: usize,
    chunk_events: usize,
) -> RetentionReport {
    let p = query.periods;
    let chunks = par::customer_chunks(log, chunk_events);
    let parts = par::map(chunks, threads, |customers| {
        // Cohort index -> row, in order of first appearance.
        let mut index: FxMap<i64, usize> = FxMap::default();
        let mut rows: Vec<(PeriodKey, CohortCounts)> = Vec::new();
        for c in customers {
            let events = log.events_of(CustomerId(c as u32));
            let Some((start, cohort)) = cohort_start(query, &events) else {
                continue;
            };
            let at = *index.entry(cohort.index).or_insert_with(|| {
                rows.push((cohort, (0, vec![0; p], vec![0.0; p])));
                rows.len() - 1
            });
            let row = &mut rows[at].1;
            row.0 += 1;
            scan_offsets(query, log.has_amounts(), &events, start, cohort, row);
        }
        rows
    });
    let mut merged: std::collections::BTreeMap<PeriodKey, CohortCounts> = Default::default();
    let mut total = 0;
    for part in parts {
        for (cohort, (customers, active, revenue)) in part {
            total += customers;
            let row = merged
                .entry(cohort)
                .or_insert_with(|| (0, vec![0; p], vec![0.0; p]));
            row.0 += customers;
            for (sum, a) in row.1.iter_mut().zip(active) {
                *sum += a;
            }
            for (sum, r) in row.2.iter_mut().zip(revenue) {
                *sum += r;
            }
        }
    }
    report_from_rows(query, total, merged)
}

/// Adds one customer's activity and revenue from its cohort event on, up to `now`, to its
/// cohort's row. Events come in time order, so the period offset never decreases: the
/// period is only recomputed when an event passes the end of the current one, a customer
/// counts once per offset by remembering the last offset it was counted in, and the scan
/// stops at the first event past the shown periods.
fn scan_offsets(
    query: &RetentionQuery,
    has_amounts: bool,
    events: &CustomerEvents<'_>,
    start: usize,
    cohort: PeriodKey,
    row: &mut CohortCounts,
) {
    let p = query.periods;
    let (mut offset, mut period_end) = (0usize, cohort.plus(1).start());
    let mut counted = usize::MAX;
    for i in start..events.len() {
        let t = events.times[i];
        if t > query.now {
            break;
        }
        if t >= period_end {
            let key = query.period.key_of(t);
            let o = cohort.periods_until(key);
            if o >= p as i64 {
                break;
            }
            offset = o as usize;
            period_end = key.plus(1).start();
        }
        if has_amounts {
            // Zero amounts change no sum that starts at +0.0, so skipping them is exact.
            let amount = events.amounts[i];
            if amount != 0.0 {
                row.2[offset] += amount;
            }
        }
        if counted != offset && matches(query.return_event, events.touchpoints[i]) {
            counted = offset;
            row.1[offset] += 1;
        }
    }
}

/// The report from the cohorts' counts.
fn report_from_rows(
    query: &RetentionQuery,
    total: u64,
    rows: std::collections::BTreeMap<PeriodKey, CohortCounts>,
) -> RetentionReport {
    let cohorts = rows
        .into_iter()
        .map(|(cohort, (customers, active, revenue))| {
            let observed = observed_offsets(query, cohort);
            let shown = |k: usize| k < observed;
            let mut running = 0.0;
            let cumulative: Vec<Option<f64>> = revenue
                .iter()
                .enumerate()
                .map(|(k, r)| {
                    running += r;
                    shown(k).then_some(running)
                })
                .collect();
            CohortRow {
                cohort,
                customers,
                active: active
                    .iter()
                    .enumerate()
                    .map(|(k, &a)| shown(k).then_some(a))
                    .collect(),
                percent: active
                    .iter()
                    .enumerate()
                    .map(|(k, &a)| shown(k).then(|| percent(a, customers)))
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
        period: query.period,
        customers: total,
        cohorts,
    }
}

/// Cumulative revenue per customer by periods since acquisition, per group (for example the
/// acquisition channel), counting at offset k only customers acquired long enough ago.
pub fn revenue_by_group(
    log: &EventLog,
    query: &RetentionQuery,
    grouping: &Grouping,
) -> Vec<GroupRevenueCurve> {
    let p = query.periods;
    let groups = grouping.names().len();
    let mut customers = vec![0u64; groups];
    let mut observed = vec![vec![0u64; p]; groups];
    // Revenue of a customer up to offset k, summed over customers observed at k.
    let mut revenue = vec![vec![0.0; p]; groups];
    let mut own = vec![0.0; p];
    for events in log.customers() {
        let Some(g) = grouping.group_of(events.customer) else {
            continue;
        };
        let g = g as usize;
        let Some((start, cohort)) = cohort_start(query, &events) else {
            continue;
        };
        customers[g] += 1;
        own.fill(0.0);
        for_each_offset(query, &events, start, cohort, |i, offset| {
            own[offset] += events.amounts[i]
        });
        let mut running = 0.0;
        for k in 0..observed_offsets(query, cohort) {
            running += own[k];
            observed[g][k] += 1;
            revenue[g][k] += running;
        }
    }
    (0..groups)
        .map(|g| GroupRevenueCurve {
            group: grouping.name(g as u32).to_owned(),
            customers: customers[g],
            cumulative_revenue_per_customer: (0..p)
                .map(|k| (observed[g][k] > 0).then(|| revenue[g][k] / observed[g][k] as f64))
                .collect(),
            observed: std::mem::take(&mut observed[g]),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EventLogBuilder;
    use proptest::prelude::*;

    /// The plain scan in customer order that [`super::retention`] must equal.
    fn reference(log: &EventLog, query: &RetentionQuery) -> RetentionReport {
        let p = query.periods;
        // Cohort index -> (customers, active per offset, revenue per offset).
        let mut rows: std::collections::BTreeMap<PeriodKey, CohortCounts> = Default::default();
        let mut seen = vec![false; p];
        let mut total = 0;
        for events in log.customers() {
            let Some((start, cohort)) = cohort_start(query, &events) else {
                continue;
            };
            total += 1;
            let row = rows
                .entry(cohort)
                .or_insert_with(|| (0, vec![0; p], vec![0.0; p]));
            row.0 += 1;
            seen.fill(false);
            for_each_offset(query, &events, start, cohort, |i, offset| {
                row.2[offset] += events.amounts[i];
                if matches(query.return_event, events.touchpoints[i]) && !seen[offset] {
                    seen[offset] = true;
                    row.1[offset] += 1;
                }
            });
        }
        // Only the scan is under test; the report is assembled as the fast path does.
        report_from_rows(query, total, rows)
    }

    proptest! {
        /// The chunked, parallel scan gives exactly the reference's table, for any chunk
        /// size and number of threads (amounts are whole numbers, so that every order of
        /// adding them gives the same sums).
        #[test]
        fn parallel_scan_equals_the_reference(
            events in prop::collection::vec(
                (0u32..30, 0i64..120, 0u16..3,
                    prop_oneof![Just(0.0), Just(-0.0), (-50i32..50).prop_map(f64::from)]),
                0..300),
            now in 0i64..130,
            period in prop_oneof![Just(Period::Day), Just(Period::Week), Just(Period::Month)],
            periods in 1usize..6,
            cohort_event in prop::option::of(0u16..3),
            return_event in prop::option::of(0u16..3),
            chunk in 1usize..200,
            threads in 1usize..4,
        ) {
            const DAY: i64 = 86_400;
            let mut b = EventLogBuilder::new();
            for c in 0..30 {
                b.customer(&c.to_string());
            }
            for tp in 0..3 {
                b.touchpoint(&tp.to_string()).unwrap();
            }
            for &(c, day, tp, a) in &events {
                // Some events at odd seconds, and around period boundaries.
                b.push_ids(CustomerId(c), day * DAY * 3 + i64::from(c) * 977, TouchpointId(tp), a).unwrap();
            }
            let log = b.build();
            let query = RetentionQuery {
                period,
                cohort_event: cohort_event.map(TouchpointId),
                return_event: return_event.map(TouchpointId),
                periods,
                now: now * DAY * 3,
            };
            let expected = reference(&log, &query);
            prop_assert_eq!(retention_on(&log, &query, threads, chunk), expected.clone());
            prop_assert_eq!(retention(&log, &query), expected);
        }
    }
}
