//! The same funnels on the in-memory engine (`kunde_analytics::funnel`) and on ClickHouse
//! (`windowFunnel`), over the same generated events: ties at the same second, the inclusive
//! window boundary, restarts, back-steps, a touchpoint at two steps, and 64-bit ids. Every
//! level count, every customer's chain of step times, the report's step times (bit for bit)
//! and the dropped customers with the time they reached their last step must be equal.
//!
//! Needs a ClickHouse server: `KUNDE_TEST_CLICKHOUSE_URL` (CI starts one with
//! `scripts/clickhouse-test-server`). Without it the tests say so and pass.

use kunde_analytics::funnel::{Funnel, report_from_levels_and_times};
use kunde_analytics::{EventLog, EventLogBuilder, Period};
use kunde_clickhouse::{Chain, EventsBackend, ExportedEvent};

mod common;
use common::{Fresh, Rng};

/// Touchpoint and customer ids past 32 bits, like a long-lived PostgreSQL database's.
const TP_BASE: i64 = 5_000_000_000;
const CUSTOMER_BASE: i64 = 9_000_000_000_000;
const T0: i64 = 1_700_000_000;

/// One workspace's events and the funnels to run on it.
struct Scenario {
    ws: i64,
    events: Vec<ExportedEvent>,
    funnels: Vec<(Vec<i64>, i64)>,
}

fn generated(ws: i64, seed: u64) -> Scenario {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let touchpoints = 2 + rng.below(4) as i64;
    let window = [0, 1, 2, 3, 5, 60][rng.below(6) as usize];
    // Times on a coarse grid around the window, so ties and exact boundaries are common.
    let span = (3 * window + 3) as u64;
    let mut events = Vec::new();
    let mut id = ws * 1_000_000;
    for c in 0..(5 + rng.below(40) as i64) {
        for _ in 0..rng.below(14) {
            id += 1;
            events.push(ExportedEvent {
                workspace_id: ws,
                id,
                customer_id: CUSTOMER_BASE + c * 7919,
                occurred_at: T0 + rng.below(span) as i64,
                touchpoint_id: TP_BASE + rng.below(touchpoints as u64) as i64,
                amount: (rng.below(3) == 0).then(|| rng.below(10_000) as i64),
            });
        }
    }
    let mut funnels = Vec::new();
    for _ in 0..4 {
        let steps = (0..2 + rng.below(4))
            .map(|_| TP_BASE + rng.below(touchpoints as u64 + 1) as i64)
            .collect();
        funnels.push((steps, window));
    }
    Scenario {
        ws,
        events,
        funnels,
    }
}

/// The cases named in the funnel's documentation, one customer each.
fn named_cases(ws: i64) -> Scenario {
    let (a, b, c) = (TP_BASE, TP_BASE + 1, TP_BASE + 2);
    // (customer, [(offset seconds, touchpoint)])
    let customers: Vec<Vec<(i64, i64)>> = vec![
        // All three steps in the same second, written out of order.
        vec![(0, c), (0, b), (0, a)],
        // The last step exactly at the window's end (inclusive) …
        vec![(0, a), (5, b), (10, c)],
        // … and one second past it.
        vec![(0, a), (5, b), (11, c)],
        // A restart: the second start is the one whose window reaches the next step.
        vec![(0, a), (20, a), (24, b), (29, c)],
        // Back-steps and other touchpoints do not break a chain.
        vec![(0, a), (1, b), (2, a), (3, TP_BASE + 3), (4, b), (9, c)],
        // Steps in the wrong order only.
        vec![(0, c), (1, b), (2, a)],
        // The same second for a later step and a new start.
        vec![(0, a), (3, b), (3, a), (13, c)],
        // Only the second step.
        vec![(0, b)],
    ];
    let mut events = Vec::new();
    let mut id = ws * 1_000_000;
    for (i, evs) in customers.iter().enumerate() {
        for &(dt, tp) in evs {
            id += 1;
            events.push(ExportedEvent {
                workspace_id: ws,
                id,
                customer_id: CUSTOMER_BASE + (i as i64) * 1_000_003,
                occurred_at: T0 + dt,
                touchpoint_id: tp,
                amount: None,
            });
        }
    }
    Scenario {
        ws,
        events,
        funnels: vec![
            (vec![a, b, c], 10),
            (vec![a, b, c], 9),
            (vec![a, b], 0),
            (vec![a, a, b], 10),
            (vec![b, c], 100),
        ],
    }
}

/// The in-memory engine's log of a scenario's events (customers named by their database
/// id) and the funnel on it.
fn in_memory_funnel(s: &Scenario, steps: &[i64], window: i64) -> (EventLog, Funnel) {
    let mut b = EventLogBuilder::new();
    for e in &s.events {
        b.push(
            &e.customer_id.to_string(),
            e.occurred_at,
            &e.touchpoint_id.to_string(),
            e.amount.unwrap_or(0) as f64,
        )
        .unwrap();
    }
    let steps = steps
        .iter()
        .map(|s| b.touchpoint(&s.to_string()).unwrap())
        .collect();
    let log = b.build();
    (log, Funnel::new(steps, window).unwrap())
}

/// The in-memory engine's level counts over a scenario's events.
fn in_memory(s: &Scenario, steps: &[i64], window: i64) -> Vec<u64> {
    let (log, funnel) = in_memory_funnel(s, steps, window);
    funnel.count_levels(&log)
}

/// What the checks compared, so a test can require that the cases were not all trivial.
#[derive(Default)]
struct Compared {
    funnels: usize,
    /// Funnels with at least one step time (some customer reached two steps).
    with_times: usize,
    /// Customers whose chain times were compared one by one.
    chains: usize,
}

async fn check(backend: &EventsBackend, scenarios: &[Scenario]) -> Compared {
    for s in scenarios {
        backend.insert(&s.events).await.unwrap();
    }
    let mut compared = Compared::default();
    for s in scenarios {
        for (steps, window) in &s.funnels {
            let what = format!("workspace {} funnel {steps:?} window {window}", s.ws);
            let (log, funnel) = in_memory_funnel(s, steps, *window);
            let want = funnel.count_levels(&log);
            let got = backend.funnel_levels(s.ws, steps, *window).await.unwrap();
            assert_eq!(got, want, "{what}: clickhouse vs in-memory");

            // Each customer's chain: the one the in-memory engine keeps, time by time.
            let outcomes = funnel.evaluate(&log);
            let mut want_chains: Vec<Chain> = log
                .customers()
                .filter(|e| outcomes.level(e.customer) > 0)
                .map(|e| Chain {
                    customer_id: log.customer_name(e.customer).parse().unwrap(),
                    times: (0..outcomes.level(e.customer))
                        .map(|k| outcomes.step_time(e.customer, k).unwrap())
                        .collect(),
                })
                .collect();
            want_chains.sort_by_key(|c| c.customer_id);
            let chains = backend.funnel_chains(s.ws, steps, *window).await.unwrap();
            assert_eq!(chains, want_chains, "{what}: chains");
            compared.chains += chains.len();

            // The report with its step times, bit for bit but for the dropped ids.
            let mut full = funnel.report(&log);
            for step in &mut full.steps {
                step.dropped_customers.clear();
            }
            let names: Vec<String> = full.steps.iter().map(|s| s.touchpoint.clone()).collect();
            let times = backend
                .funnel_step_times(s.ws, steps, *window)
                .await
                .unwrap();
            let report = report_from_levels_and_times(*window, &got, &names, &times);
            assert_eq!(report, full, "{what}: report with step times");
            if full.steps.iter().any(|s| s.time_from_previous.is_some()) {
                compared.with_times += 1;
            }

            // The dropped customers of a step, with when they reached it: each funnel checks
            // another step (every query takes ClickHouse a tenth of a second to plan).
            let level = 1 + compared.funnels % (steps.len() - 1);
            let mut want: Vec<(i64, i64)> = outcomes
                .dropped_at(level)
                .map(|c| {
                    (
                        log.customer_name(c).parse().unwrap(),
                        outcomes.step_time(c, level - 1).unwrap(),
                    )
                })
                .collect();
            want.sort_unstable();
            let got = backend
                .funnel_reached_at(s.ws, steps, *window, level, usize::MAX)
                .await
                .unwrap();
            assert_eq!(got, want, "{what}: dropped after step {level}");
            if compared.funnels % 4 == 0 {
                let first = backend
                    .funnel_reached_at(s.ws, steps, *window, level, 2)
                    .await
                    .unwrap();
                assert_eq!(first[..], want[..want.len().min(2)], "{what}: limit");
            }
            compared.funnels += 1;
        }
    }
    compared
}

#[tokio::test]
async fn the_documented_funnel_cases_give_the_same_levels_on_clickhouse() {
    let Some(t) = Fresh::new("cases").await else {
        return;
    };
    let s = named_cases(1);
    let compared = check(&t.backend, std::slice::from_ref(&s)).await;
    assert_eq!(compared.funnels, s.funnels.len());
    assert_eq!(compared.with_times, s.funnels.len());
    // And the cases mean what they say: the window is inclusive, a restart counts.
    assert_eq!(in_memory(&s, &s.funnels[0].0, 10), vec![1, 1, 1, 5]);
    t.finish().await;
}

#[tokio::test]
async fn generated_funnels_give_the_same_levels_on_clickhouse() {
    let Some(t) = Fresh::new("generated").await else {
        return;
    };
    let scenarios: Vec<Scenario> = (0..60).map(|i| generated(100 + i, i as u64 + 1)).collect();
    let compared = check(&t.backend, &scenarios).await;
    // Most generated funnels have customers past the first step, so step times are compared
    // on real data, not only on empty reports.
    assert_eq!(compared.funnels, 240);
    assert!(
        compared.with_times >= 100,
        "{} funnels with step times",
        compared.with_times
    );
    assert!(compared.chains >= 2_000, "{} chains", compared.chains);
    t.finish().await;
}

/// Events over five months (month ends included) with windows of days, so customers' chains
/// start in different months and some cross a month's end.
fn over_months(ws: i64, seed: u64) -> Scenario {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    const DAY: i64 = 86_400;
    // 2023-10-29, so the months end at 3, 33, 64, … days.
    let t0 = 1_698_537_600;
    let mut events = Vec::new();
    let mut id = ws * 1_000_000;
    for c in 0..(20 + rng.below(40) as i64) {
        let base = t0 + rng.below(150) as i64 * DAY;
        for _ in 0..rng.below(10) {
            id += 1;
            events.push(ExportedEvent {
                workspace_id: ws,
                id,
                customer_id: CUSTOMER_BASE + c * 7919,
                occurred_at: base + rng.below(6 * DAY as u64) as i64 / 3_600 * 3_600,
                touchpoint_id: TP_BASE + rng.below(3) as i64,
                amount: None,
            });
        }
    }
    let window = [DAY, 2 * DAY, 5 * DAY][rng.below(3) as usize];
    let funnels = (0..3)
        .map(|_| {
            let steps = (0..2 + rng.below(3))
                .map(|_| TP_BASE + rng.below(3) as i64)
                .collect();
            (steps, window)
        })
        .collect();
    Scenario {
        ws,
        events,
        funnels,
    }
}

#[tokio::test]
async fn funnels_by_month_give_the_same_reports_on_clickhouse() {
    let Some(t) = Fresh::new("months").await else {
        return;
    };
    let scenarios: Vec<Scenario> = (0..12)
        .map(|i| over_months(300 + i, i as u64 + 7))
        .collect();
    for s in &scenarios {
        t.backend.insert(&s.events).await.unwrap();
    }
    let (mut groups, mut with_times) = (0, 0);
    for s in &scenarios {
        for (steps, window) in &s.funnels {
            let (log, funnel) = in_memory_funnel(s, steps, *window);
            let want = funnel
                .evaluate(&log)
                .report_by_period(&log, &funnel, Period::Month);
            let got = t
                .backend
                .funnel_by_month(s.ws, steps, *window)
                .await
                .unwrap();
            assert_eq!(got.len(), want.len(), "workspace {} {steps:?}", s.ws);
            for (g, w) in got.iter().zip(&want) {
                assert_eq!(g.month, w.group.index, "workspace {} {steps:?}", s.ws);
                let mut full = w.report.clone();
                for step in &mut full.steps {
                    step.dropped_customers.clear();
                }
                let names: Vec<String> = full.steps.iter().map(|s| s.touchpoint.clone()).collect();
                let report = report_from_levels_and_times(*window, &g.levels, &names, &g.times);
                assert_eq!(
                    report, full,
                    "workspace {} {steps:?} month {}",
                    s.ws, g.month
                );
                groups += 1;
                with_times +=
                    usize::from(full.steps.iter().any(|s| s.time_from_previous.is_some()));
            }
        }
    }
    assert!(groups >= 100, "{groups} month groups");
    assert!(
        with_times >= 30,
        "{with_times} month groups with step times"
    );
    t.finish().await;
}
