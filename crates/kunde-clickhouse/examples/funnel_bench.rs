//! Benchmark (not a test): one funnel over N generated events, computed by the in-memory
//! engine (`Funnel::count_levels` and the full `Funnel::report` the page shows) and pushed
//! down to ClickHouse (`windowFunnel`, what the page asks with a backend), side by side.
//! Both must give the same level counts. Then the same for the pushed-down paths (after
//! touchpoint 1, five steps, repeats merged), the monthly cohort table of first orders and
//! the monthly lifecycle at the proposed churn threshold: both engines must give the same
//! reports.
//!
//! Usage: funnel_bench EVENTS CLICKHOUSE_URL   (run by bench/clickhouse_funnel.sh)

use kunde_analytics::EventLogBuilder;
use kunde_analytics::funnel::Funnel;
use kunde_clickhouse::{CHUNK_IDS, EventsBackend, ExportedEvent};
use std::time::Instant;

const WS: i64 = 1;
const TOUCHPOINTS: u64 = 12;
const STEPS: [i64; 3] = [1, 2, 3];
const WINDOW: i64 = 7 * 86_400;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Event `i`: about 10 events per customer over a year, funnel touchpoints more frequent.
fn event(rng: &mut Rng, i: i64, customers: u64) -> ExportedEvent {
    let r = rng.next();
    let tp = match r % 10 {
        0..=1 => 1,
        2..=3 => 2,
        4 => 3,
        _ => 4 + (r >> 8) % (TOUCHPOINTS - 3),
    };
    ExportedEvent {
        workspace_id: WS,
        id: i + 1,
        customer_id: (1 + (r >> 16) % customers) as i64,
        occurred_at: 1_700_000_000 + ((r >> 40) % (365 * 86_400)) as i64,
        touchpoint_id: tp as i64,
        // The third step is an order.
        amount: (tp == 3).then_some(100 + (r >> 24) as i64 % 10_000),
    }
}

fn secs(t: Instant) -> f64 {
    t.elapsed().as_secs_f64()
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: i64 = args
        .get(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let url = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| "http://127.0.0.1:18123/?database=kunde_bench".into());
    let customers = (n as u64 / 10).max(1);
    let backend = EventsBackend::new(&url).expect("events url");
    println!(
        "clickhouse {} · {n} events · {customers} customers",
        backend.version().await.expect("clickhouse answers")
    );
    backend.truncate().await.expect("table");

    // Load ClickHouse the way the forwarder does: one INSERT per chunk of ids.
    let t = Instant::now();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut b = EventLogBuilder::with_capacity(n as usize);
    let tp_ids: Vec<_> = (1..=TOUCHPOINTS)
        .map(|tp| b.touchpoint(&tp.to_string()).unwrap())
        .collect();
    let mut names = Vec::with_capacity(customers as usize);
    for c in 1..=customers {
        names.push(b.customer(&c.to_string()));
    }
    let mut insert_secs = 0.0;
    let mut start = 0;
    while start < n {
        let end = (start + CHUNK_IDS).min(n);
        let chunk: Vec<ExportedEvent> = (start..end)
            .map(|i| event(&mut rng, i, customers))
            .collect();
        for e in &chunk {
            b.push_ids(
                names[(e.customer_id - 1) as usize],
                e.occurred_at,
                tp_ids[(e.touchpoint_id - 1) as usize],
                e.amount.unwrap_or(0) as f64 / 100.0,
            )
            .unwrap();
        }
        let ti = Instant::now();
        backend.insert(&chunk).await.expect("insert");
        insert_secs += secs(ti);
        start = end;
    }
    let log = b.build();
    println!(
        "generated and loaded in {:.1} s (of which ClickHouse inserts {insert_secs:.1} s, {:.2} M rows/s)",
        secs(t),
        n as f64 / insert_secs / 1e6
    );

    let funnel = Funnel::new(
        STEPS.iter().map(|&s| tp_ids[(s - 1) as usize]).collect(),
        WINDOW,
    )
    .unwrap();
    let mut memory = Vec::new();
    let mut report = f64::MAX;
    let mut levels_mem = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        memory = funnel.count_levels(&log);
        levels_mem = levels_mem.min(secs(t));
        let t = Instant::now();
        std::hint::black_box(funnel.report(&log));
        report = report.min(secs(t));
    }
    let mut pushed = Vec::new();
    let mut ch = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        pushed = backend
            .funnel_levels(WS, &STEPS, WINDOW)
            .await
            .expect("funnel");
        ch = ch.min(secs(t));
    }
    println!("levels 0..3: in memory {memory:?} · clickhouse {pushed:?}");
    // Level 0 also counts, in memory, the customers without any event; ClickHouse never
    // sees those.
    assert_eq!(memory[1..], pushed[1..], "the two engines disagree");
    // The step times: each customer's chain on ClickHouse, counted per (step, seconds), and
    // the report rebuilt from those counts must be the in-memory report's.
    let mut times = Vec::new();
    let mut ch_times = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        times = backend
            .funnel_step_times(WS, &STEPS, WINDOW)
            .await
            .expect("step times");
        ch_times = ch_times.min(secs(t));
    }
    let mut full = funnel.report(&log);
    for s in &mut full.steps {
        s.dropped_customers.clear();
    }
    let names: Vec<String> = full.steps.iter().map(|s| s.touchpoint.clone()).collect();
    let rebuilt =
        kunde_analytics::funnel::report_from_levels_and_times(WINDOW, &memory, &names, &times);
    assert_eq!(rebuilt, full, "the step times disagree");
    println!(
        "step times on ClickHouse (chains, counted per step and second): {:.0} ms, {} rows",
        ch_times * 1e3,
        times.iter().map(Vec::len).sum::<usize>()
    );
    println!("| events | in memory: levels | in memory: full report | ClickHouse windowFunnel |");
    println!("|---|---|---|---|");
    println!(
        "| {n} | {:.0} ms | {:.0} ms | {:.0} ms |",
        levels_mem * 1e3,
        report * 1e3,
        ch * 1e3
    );
    println!(
        "(best of 3; the in-memory figures exclude loading the log, which the page does once per \
         workspace and keeps; in-memory log {:.0} MB)",
        log.column_bytes() as f64 / 1e6
    );
    others(&backend, &log, &tp_ids).await;
    backend.truncate().await.ok();
}

/// Best of three runs of `f`, in seconds, and its last answer.
async fn best<T, F: std::future::Future<Output = T>>(mut f: impl FnMut() -> F) -> (f64, T) {
    let mut out = None;
    let mut time = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        out = Some(f().await);
        time = time.min(secs(t));
    }
    (time, out.expect("ran"))
}

/// The paths and the cohort table, in memory and on ClickHouse.
async fn others(
    backend: &EventsBackend,
    log: &kunde_analytics::EventLog,
    tp_ids: &[kunde_analytics::TouchpointId],
) {
    use kunde_analytics::order_cohorts::{self, Comeback, OrderCohortQuery, report_from_counts};
    use kunde_analytics::paths::{Direction, PathQuery, paths, paths_from_counts};
    let query = PathQuery {
        anchor: Some(tp_ids[0]),
        direction: Direction::After,
        depth: 5,
        top: 15,
        collapse_repeats: true,
    };
    let (mem_paths, want) = best(|| async { paths(log, &query).unwrap() }).await;
    let asked = kunde_clickhouse::PathsQuery {
        anchor: Some(1),
        before: false,
        depth: 5,
        collapse_repeats: true,
    };
    let (ch_paths, counted) =
        best(|| async { backend.paths(WS, &asked).await.expect("paths") }).await;
    let counted: Vec<(Vec<i64>, u64)> = counted
        .into_iter()
        .map(|p| (p.touchpoints, p.customers))
        .collect();
    let got = paths_from_counts(&query, &counted, |t| t.to_string());
    assert_eq!(got, want, "the two engines' paths disagree");

    let now = 1_700_000_000 + 300 * 86_400;
    let q = OrderCohortQuery {
        period: kunde_analytics::Period::Month,
        comeback: Comeback::Order,
        periods: 13,
        now,
    };
    let (mem_cohorts, want) =
        best(|| async { order_cohorts::order_cohorts(log, &q, |_| true) }).await;
    let asked = kunde_clickhouse::CohortQuery {
        calendar: kunde_clickhouse::Calendar::Month,
        comeback: kunde_clickhouse::Comeback::Order,
        periods: 13,
        now,
        zone: Vec::new(),
    };
    let (ch_cohorts, counts) =
        best(|| async { backend.order_cohorts(WS, &asked).await.expect("cohorts") }).await;
    let mut total = 0;
    let rows = counts
        .into_iter()
        .map(|c| {
            total += c.customers;
            let key = kunde_analytics::PeriodKey {
                period: q.period,
                index: c.cohort,
            };
            (key, (c.customers, c.active, c.revenue_cents))
        })
        .collect();
    let got = report_from_counts(&q, log.period_key(q.period, now), rows, total);
    assert_eq!(got, want, "the two engines' cohort tables disagree");
    let (mem_life, ch_life, life_periods) = lifecycle(backend, log, now).await;
    println!("| figure | in memory | ClickHouse |");
    println!("|---|---|---|");
    println!(
        "| paths after a touchpoint, 5 steps ({} distinct) | {:.0} ms | {:.0} ms |",
        counted.len(),
        mem_paths * 1e3,
        ch_paths * 1e3
    );
    println!(
        "| monthly cohorts of first orders ({} cohorts) | {:.0} ms | {:.0} ms |",
        want.cohorts.len(),
        mem_cohorts * 1e3,
        ch_cohorts * 1e3
    );
    println!(
        "| churn threshold and monthly lifecycle ({life_periods} months) | {:.0} ms | {:.0} ms |",
        mem_life * 1e3,
        ch_life * 1e3
    );
}

/// The retention page's lifecycle with its proposed churn threshold, in memory and on
/// ClickHouse (the gaps, then the lifecycle at the proposed threshold): seconds each, and
/// the months shown.
async fn lifecycle(
    backend: &EventsBackend,
    log: &kunde_analytics::EventLog,
    now: i64,
) -> (f64, f64, usize) {
    use kunde_analytics::churn::{
        GapCounts, ThresholdQuery, proposal_from_gaps, propose_threshold,
    };
    use kunde_analytics::lifecycle::{self, LifecycleQuery, PeriodCounts};
    let month = kunde_analytics::Period::Month;
    let (mem, want) = best(|| async {
        let days = propose_threshold(log, &ThresholdQuery::new(now)).days;
        let q = LifecycleQuery {
            now,
            threshold_days: days,
            period: month,
        };
        lifecycle::lifecycle(log, &q)
    })
    .await;
    let (ch, got) = best(|| async {
        let gaps = backend.order_gaps(WS, now).await.expect("gaps");
        let gaps = GapCounts {
            gaps: gaps.gaps,
            repeat_customers: gaps.repeat_customers,
        };
        let days = proposal_from_gaps(&ThresholdQuery::new(now), &gaps).days;
        let asked = kunde_clickhouse::LifecycleQuery {
            calendar: kunde_clickhouse::Calendar::Month,
            threshold_days: days,
            now,
            zone: Vec::new(),
        };
        let counts = backend.lifecycle(WS, &asked).await.expect("lifecycle");
        let counts = counts
            .into_iter()
            .map(|c| {
                let key = kunde_analytics::PeriodKey {
                    period: month,
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
        let q = LifecycleQuery {
            now,
            threshold_days: days,
            period: month,
        };
        lifecycle::report_from_counts(&q, log.period_key(month, now), &counts)
    })
    .await;
    assert_eq!(got, want, "the two engines' lifecycles disagree");
    (mem, ch, want.periods.len())
}
