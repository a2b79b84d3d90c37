//! The order cohorts (the retention page's table), the monthly lifecycle with its churn
//! threshold, and the paths on the in-memory engine and on ClickHouse, over the same
//! generated events, must be identical: ties at the same
//! second, back-steps and repeats, customers with one event, orders with zero and negative
//! amounts, periods around their boundaries, `now` inside the data (young cells left
//! empty), and calendars in several time zones (negative offsets, daylight-saving changes).
//!
//! Needs a ClickHouse server: `KUNDE_TEST_CLICKHOUSE_URL` (CI starts one with
//! `scripts/clickhouse-test-server`). Without it the tests say so and pass.

mod common;

use common::{Fresh, Rng};
use kunde_analytics::churn::{GapCounts, ThresholdQuery, proposal_from_gaps, propose_threshold};
use kunde_analytics::lifecycle::{self, LifecycleQuery, LifecycleReport, PeriodCounts};
use kunde_analytics::order_cohorts::{self, Comeback, OrderCohortQuery, report_from_counts};
use kunde_analytics::paths::{Direction, PathQuery, paths, paths_from_counts};
use kunde_analytics::retention::RetentionReport;
use kunde_analytics::{EventLog, EventLogBuilder, Period, PeriodKey, Zone};
use kunde_clickhouse::{Calendar, CohortQuery, EventsBackend, ExportedEvent, PathsQuery};
use std::collections::BTreeMap;

const TP_BASE: i64 = 5_000_000_000;
const CUSTOMER_BASE: i64 = 9_000_000_000_000;
const T0: i64 = 1_700_000_000;
const DAY: i64 = 86_400;

/// One workspace's generated events.
struct Scenario {
    ws: i64,
    events: Vec<ExportedEvent>,
    touchpoints: i64,
}

/// Events on a grid coarse enough for ties (`step` seconds), spread over `span` steps.
fn generated(ws: i64, seed: u64, step: i64, span: u64) -> Scenario {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let touchpoints = 2 + rng.below(4) as i64;
    let mut events = Vec::new();
    let mut id = ws * 1_000_000;
    for c in 0..(5 + rng.below(40) as i64) {
        // Some customers with one event, some with many.
        let n = if rng.below(5) == 0 { 1 } else { rng.below(16) };
        for _ in 0..n {
            id += 1;
            events.push(ExportedEvent {
                workspace_id: ws,
                id,
                customer_id: CUSTOMER_BASE + c * 7919,
                occurred_at: T0 + rng.below(span) as i64 * step + rng.below(2) as i64,
                // Often the same touchpoint twice in a row (repeats), often a step back.
                touchpoint_id: TP_BASE + rng.below(touchpoints as u64) as i64,
                amount: match rng.below(6) {
                    0 => None,
                    1 => Some(0),
                    2 => Some(-(rng.below(500) as i64)),
                    _ => Some(rng.below(100_000) as i64),
                },
            });
        }
    }
    Scenario {
        ws,
        events,
        touchpoints,
    }
}

/// The in-memory log of a scenario as the store builds it: customers in id order, events in
/// id order (so touchpoints are numbered in the order of their first event), amounts in
/// currency units.
fn log_of(s: &Scenario, zone: &Zone) -> EventLog {
    let mut b = EventLogBuilder::new();
    let mut customers: Vec<i64> = s.events.iter().map(|e| e.customer_id).collect();
    customers.sort_unstable();
    customers.dedup();
    for c in customers {
        b.customer(&c.to_string());
    }
    let mut events = s.events.clone();
    events.sort_by_key(|e| e.id);
    for e in &events {
        b.push(
            &e.customer_id.to_string(),
            e.occurred_at,
            &e.touchpoint_id.to_string(),
            e.amount.unwrap_or(0) as f64 / 100.0,
        )
        .unwrap();
    }
    let mut log = b.build();
    log.set_zone(zone.clone());
    log
}

/// The zones the cohorts are checked in: UTC, east and west of it, and one that changes
/// its offset every 40 days (at 01:00 UTC, like daylight-saving time).
fn zones() -> Vec<Zone> {
    let mut dst = vec![(i64::MIN, 3600)];
    for k in 0..20 {
        dst.push((
            T0 - 200 * DAY + k * 40 * DAY + 3600,
            if k % 2 == 0 { 7200 } else { 3600 },
        ));
    }
    vec![
        Zone::utc(),
        Zone::fixed(5 * 3600 + 45 * 60),
        Zone::fixed(-5 * 3600),
        Zone::from_changes(dst),
    ]
}

fn calendar(p: Period) -> Calendar {
    match p {
        Period::Day => Calendar::Day,
        Period::Week => Calendar::Week,
        Period::Month => Calendar::Month,
        Period::Quarter => Calendar::Quarter,
        Period::Year => Calendar::Year,
    }
}

/// The cohort report from ClickHouse's counts, finished by the analytics core.
async fn pushed_cohorts(
    backend: &EventsBackend,
    s: &Scenario,
    log: &EventLog,
    q: &OrderCohortQuery,
) -> RetentionReport {
    let comeback = match q.comeback {
        Comeback::Order => kunde_clickhouse::Comeback::Order,
        Comeback::AnyEvent => kunde_clickhouse::Comeback::AnyEvent,
        Comeback::Touchpoint(tp) => {
            kunde_clickhouse::Comeback::Touchpoint(log.touchpoint_name(tp).parse().unwrap())
        }
    };
    let counts = backend
        .order_cohorts(
            s.ws,
            &CohortQuery {
                calendar: calendar(q.period),
                comeback,
                periods: q.periods,
                now: q.now,
                zone: log.zone().changes().to_vec(),
            },
        )
        .await
        .unwrap();
    let mut total = 0;
    let rows = counts
        .into_iter()
        .map(|c| {
            total += c.customers;
            let key = PeriodKey {
                period: q.period,
                index: c.cohort,
            };
            (key, (c.customers, c.active, c.revenue_cents))
        })
        .collect();
    report_from_counts(q, log.period_key(q.period, q.now), rows, total)
}

#[tokio::test]
async fn order_cohorts_on_clickhouse_equal_the_in_memory_table() {
    let Some(t) = Fresh::new("cohorts").await else {
        return;
    };
    // Weeks and days over months, months and quarters over years.
    let scenarios: Vec<(Scenario, Vec<Period>)> = (0..12)
        .map(|i| {
            if i % 2 == 0 {
                (
                    generated(200 + i, i as u64 + 7, DAY / 3, 200),
                    vec![Period::Day, Period::Week],
                )
            } else {
                (
                    generated(200 + i, i as u64 + 7, 5 * DAY + 7 * 3600, 120),
                    vec![Period::Month, Period::Quarter, Period::Year],
                )
            }
        })
        .collect();
    for (s, _) in &scenarios {
        t.backend.insert(&s.events).await.unwrap();
    }
    let mut compared = 0;
    for (i, (s, periods)) in scenarios.iter().enumerate() {
        let zones = zones();
        let zone = &zones[i % zones.len()];
        let log = log_of(s, zone);
        let last = s.events.iter().map(|e| e.occurred_at).max().unwrap_or(T0);
        for (k, &period) in periods.iter().enumerate() {
            for comeback in [
                Comeback::Order,
                Comeback::AnyEvent,
                Comeback::Touchpoint(log.touchpoint_id(&(TP_BASE + 1).to_string()).unwrap()),
            ] {
                for now in [T0 + (last - T0) / 2, last + 400 * DAY] {
                    let q = OrderCohortQuery {
                        period,
                        comeback,
                        periods: [13, 5, 8][k % 3],
                        now,
                    };
                    let want = order_cohorts::order_cohorts(&log, &q, |_| true);
                    let got = pushed_cohorts(&t.backend, s, &log, &q).await;
                    let what = format!("workspace {} {q:?} zone {zone:?}", s.ws);
                    // Everything equal, revenue too: both add whole cents.
                    assert_eq!(got, want, "{what}");
                    compared += usize::from(!want.cohorts.is_empty());
                }
            }
        }
    }
    assert!(compared > 100, "{compared} non-empty tables compared");
    t.finish().await;
}

/// The in-memory report and the one finished from ClickHouse's counted paths.
async fn both_paths(
    backend: &EventsBackend,
    s: &Scenario,
    log: &EventLog,
    anchor: Option<i64>,
    before: bool,
    depth: usize,
    collapse: bool,
) -> (
    kunde_analytics::paths::PathsReport,
    kunde_analytics::paths::PathsReport,
) {
    let query = PathQuery {
        anchor: anchor.map(|a| {
            log.touchpoint_id(&a.to_string())
                .unwrap_or(kunde_analytics::TouchpointId(u16::MAX))
        }),
        direction: if before {
            Direction::Before
        } else {
            Direction::After
        },
        depth,
        top: 7,
        collapse_repeats: collapse,
    };
    let want = paths(log, &query).unwrap();
    let counted = backend
        .paths(
            s.ws,
            &PathsQuery {
                anchor,
                before,
                depth,
                collapse_repeats: collapse,
            },
        )
        .await
        .unwrap();
    let counted: Vec<(Vec<i64>, u64)> = counted
        .into_iter()
        .map(|p| (p.touchpoints, p.customers))
        .collect();
    let got = paths_from_counts(&query, &counted, |t| t.to_string());
    (got, want)
}

#[tokio::test]
async fn paths_on_clickhouse_equal_the_in_memory_paths() {
    let Some(t) = Fresh::new("paths").await else {
        return;
    };
    let scenarios: Vec<Scenario> = (0..25)
        .map(|i| generated(300 + i, i as u64 + 11, 60, 12))
        .collect();
    for s in &scenarios {
        t.backend.insert(&s.events).await.unwrap();
    }
    let mut compared = 0;
    for s in &scenarios {
        let log = log_of(s, &Zone::utc());
        let anchors: Vec<Option<i64>> = (0..s.touchpoints)
            .map(|k| Some(TP_BASE + k))
            .chain([None, Some(TP_BASE + 99)])
            .collect();
        for anchor in anchors {
            for before in [false, true] {
                for (depth, collapse) in [(1, false), (3, true), (4, false), (20, true)] {
                    let (got, want) =
                        both_paths(&t.backend, s, &log, anchor, before, depth, collapse).await;
                    assert_eq!(
                        got, want,
                        "workspace {} anchor {anchor:?} before {before} depth {depth} collapse {collapse}",
                        s.ws
                    );
                    compared += usize::from(want.customers > 0);
                }
            }
        }
    }
    assert!(compared > 200, "{compared} non-empty reports compared");
    t.finish().await;
}

/// The lifecycle report from ClickHouse's counts, finished by the analytics core.
async fn pushed_lifecycle(
    backend: &EventsBackend,
    s: &Scenario,
    log: &EventLog,
    q: &LifecycleQuery,
) -> LifecycleReport {
    let counts = backend
        .lifecycle(
            s.ws,
            &kunde_clickhouse::LifecycleQuery {
                calendar: calendar(q.period),
                threshold_days: q.threshold_days,
                now: q.now,
                zone: log.zone().changes().to_vec(),
            },
        )
        .await
        .unwrap();
    let counts: BTreeMap<PeriodKey, PeriodCounts> = counts
        .into_iter()
        .map(|c| {
            let key = PeriodKey {
                period: q.period,
                index: c.period,
            };
            let counts = PeriodCounts {
                new: c.new,
                returning: c.returning,
                resurrected: c.resurrected,
                lost: c.lost,
                starts: c.starts,
                ends: c.ends,
            };
            (key, counts)
        })
        .collect();
    lifecycle::report_from_counts(q, log.period_key(q.period, q.now), &counts)
}

#[tokio::test]
async fn lifecycle_and_churn_threshold_on_clickhouse_equal_the_in_memory_ones() {
    let Some(t) = Fresh::new("lifecycle").await else {
        return;
    };
    // Orders hours to weeks apart over a year or two: repeat customers, losses and
    // comebacks at thresholds of a day to a year.
    let scenarios: Vec<Scenario> = (0..16)
        .map(|i| {
            let step = if i % 3 == 0 {
                DAY / 2
            } else {
                3 * DAY + 5 * 3600
            };
            generated(400 + i, i as u64 + 3, step, 200)
        })
        .collect();
    for s in &scenarios {
        t.backend.insert(&s.events).await.unwrap();
    }
    let (mut compared, mut proposed) = (0, 0);
    for (i, s) in scenarios.iter().enumerate() {
        let zones = zones();
        let zone = &zones[i % zones.len()];
        let log = log_of(s, zone);
        let last = s.events.iter().map(|e| e.occurred_at).max().unwrap_or(T0);
        for now in [T0 + (last - T0) / 2, last + 30 * DAY, last + 400 * DAY] {
            let counted = t.backend.order_gaps(s.ws, now).await.unwrap();
            let counts = GapCounts {
                gaps: counted.gaps,
                repeat_customers: counted.repeat_customers,
            };
            for query in [
                ThresholdQuery::new(now),
                ThresholdQuery {
                    min_gaps: 3,
                    floor_days: 2,
                    quantile: 0.75,
                    ..ThresholdQuery::new(now)
                },
            ] {
                let want = propose_threshold(&log, &query);
                assert_eq!(
                    proposal_from_gaps(&query, &counts),
                    want,
                    "workspace {} {query:?}",
                    s.ws
                );
                proposed += usize::from(want.gaps > 0);
            }
            let proposal = propose_threshold(&log, &ThresholdQuery::new(now)).days;
            let other = [Period::Week, Period::Day, Period::Quarter][i % 3];
            for threshold in [1, 30, 61, 365, proposal] {
                for period in [Period::Month, other] {
                    let q = LifecycleQuery {
                        now,
                        threshold_days: threshold,
                        period,
                    };
                    let want = lifecycle::lifecycle(&log, &q);
                    let got = pushed_lifecycle(&t.backend, s, &log, &q).await;
                    assert_eq!(got, want, "workspace {} {q:?} zone {zone:?}", s.ws);
                    compared += usize::from(want.periods.iter().any(|p| p.lost > 0));
                }
            }
        }
    }
    assert!(compared > 200, "{compared} reports with losses compared");
    assert!(proposed > 60, "{proposed} proposals from gaps compared");
    t.finish().await;
}
