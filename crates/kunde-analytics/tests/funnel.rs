//! Funnel tests: ClickHouse `windowFunnel` semantics case by case, the report, breakdowns,
//! and properties checked against a brute-force definition.

mod common;

use common::{log, tps};
use kunde_analytics::funnel::{Funnel, FunnelModes};
use kunde_analytics::{CustomerId, EventLog, Grouping, Period};
use proptest::prelude::*;

fn levels(table: &str, steps: &[&str], window: i64, modes: FunnelModes) -> Vec<(String, usize)> {
    let log = log(table);
    let funnel = Funnel::new(tps(&log, steps), window)
        .unwrap()
        .with_modes(modes);
    let outcomes = funnel.evaluate(&log);
    log.customers()
        .map(|e| {
            (
                log.customer_name(e.customer).to_owned(),
                outcomes.level(e.customer),
            )
        })
        .collect()
}

/// Each case: events of one customer, the funnel, the window, the expected level.
#[test]
fn default_mode_matches_window_funnel_case_by_case() {
    let cases: &[(&str, &str, &[&str], usize)] = &[
        ("in order", "0 A; 10 B; 20 C", &["A", "B", "C"], 3),
        (
            "window boundary is inclusive",
            "0 A; 50 B; 100 C",
            &["A", "B", "C"],
            3,
        ),
        (
            "one second past the window",
            "0 A; 50 B; 101 C",
            &["A", "B", "C"],
            2,
        ),
        (
            "latest start is kept",
            "0 A; 90 A; 150 B; 180 C",
            &["A", "B", "C"],
            3,
        ),
        (
            "a restart does not lose a deeper chain",
            "0 A; 10 B; 200 A; 210 C",
            &["A", "B", "C"],
            2,
        ),
        (
            "ties are taken in step order",
            "0 C; 0 B; 0 A",
            &["A", "B", "C"],
            3,
        ),
        ("out of order", "0 B; 10 A; 20 C", &["A", "B", "C"], 1),
        (
            "one event that is not the first step",
            "5 C",
            &["A", "B", "C"],
            0,
        ),
        (
            "one event that is the first step",
            "5 A",
            &["A", "B", "C"],
            1,
        ),
        (
            "other events do not break a chain",
            "0 A; 5 X; 10 B; 15 X; 20 C",
            &["A", "B", "C"],
            3,
        ),
        (
            "back-steps do not break a chain",
            "0 A; 10 B; 20 A; 30 B; 40 C",
            &["A", "B", "C"],
            3,
        ),
        (
            "a touchpoint at two steps",
            "0 A; 10 B; 20 A",
            &["A", "B", "A"],
            3,
        ),
        (
            "one event matching two steps counts for both",
            "0 A",
            &["A", "A"],
            2,
        ),
        (
            "same-second repeat fills both steps",
            "0 A; 0 A",
            &["A", "A"],
            2,
        ),
        (
            "a later chain completes",
            "0 A; 500 A; 510 B; 520 C",
            &["A", "B", "C"],
            3,
        ),
        ("no events of the funnel", "0 X; 1 Y", &["A", "B"], 0),
    ];
    for (name, events, steps, expected) in cases {
        let table: String = events
            .split(';')
            .map(|e| format!("c {}\n", e.trim()))
            .collect();
        let got = levels(&table, steps, 100, FunnelModes::default());
        assert_eq!(got, vec![("c".to_owned(), *expected)], "{name}");
    }
}

#[test]
fn strict_modes_follow_the_clickhouse_documentation() {
    let strict_order = FunnelModes {
        strict_order: true,
        ..Default::default()
    };
    let dedup = FunnelModes {
        strict_deduplication: true,
        ..Default::default()
    };
    let increase = FunnelModes {
        strict_increase: true,
        ..Default::default()
    };
    let cases: &[(&str, &str, &[&str], FunnelModes, usize)] = &[
        (
            "strict order: another event ends it",
            "c 0 A\nc 5 X\nc 10 B",
            &["A", "B"],
            strict_order,
            1,
        ),
        (
            "strict order: other events before the start are fine",
            "c 0 X\nc 5 A\nc 10 B",
            &["A", "B"],
            strict_order,
            2,
        ),
        (
            "strict order: A-B-D-C gives 2",
            "c 0 A\nc 1 B\nc 2 D\nc 3 C",
            &["A", "B", "C", "D"],
            strict_order,
            2,
        ),
        (
            "strict dedup: A-B-C-B-D gives 3",
            "c 0 A\nc 1 B\nc 2 C\nc 3 B\nc 4 D",
            &["A", "B", "C", "D"],
            dedup,
            3,
        ),
        (
            "strict dedup: no repeat",
            "c 0 A\nc 1 B\nc 2 C",
            &["A", "B", "C"],
            dedup,
            3,
        ),
        (
            "strict increase: equal times do not chain",
            "c 0 A\nc 0 B\nc 0 C",
            &["A", "B", "C"],
            increase,
            1,
        ),
        (
            "strict increase: later times chain",
            "c 0 A\nc 0 B\nc 1 B",
            &["A", "B"],
            increase,
            2,
        ),
    ];
    for (name, table, steps, modes, expected) in cases {
        assert_eq!(
            levels(table, steps, 100, *modes),
            vec![("c".to_owned(), *expected)],
            "{name}"
        );
    }
}

#[test]
fn funnel_needs_two_steps_and_a_window() {
    assert!(Funnel::new(vec![], 10).is_err());
    assert!(Funnel::new(tps(&log("a 0 A"), &["A"]), 10).is_err());
    assert!(Funnel::new(tps(&log("a 0 A"), &["A", "A"]), -1).is_err());
}

const SHOP: &str = "
    ann 0 visit
    ann 60 cart
    ann 180 buy 20
    bo 0 visit
    bo 30 cart
    cy 0 visit
    cy 5000 cart      # outside the one-hour window
    dan 100 visit
    dan 220 cart
    dan 400 buy 15
    eve 0 cart        # never visited: not in the funnel
";

#[test]
fn report_counts_drop_off_and_step_times() {
    let log = log(SHOP);
    let funnel = Funnel::new(tps(&log, &["visit", "cart", "buy"]), 3600).unwrap();
    let report = funnel.evaluate(&log).report(&log, &funnel);
    assert_eq!((report.entered, report.converted), (4, 2));
    assert_eq!(report.conversion_percent, 50.0);
    let counts: Vec<u64> = report.steps.iter().map(|s| s.customers).collect();
    assert_eq!(counts, [4, 3, 2]);
    let dropped: Vec<Vec<&str>> = report
        .steps
        .iter()
        .map(|s| {
            s.dropped_customers
                .iter()
                .map(|&c| log.customer_name(c))
                .collect()
        })
        .collect();
    assert_eq!(dropped, [vec!["cy"], vec!["bo"], vec![]]);
    assert_eq!(report.steps[1].percent_of_previous, 75.0);
    let to_cart = report.steps[1].time_from_previous.as_ref().unwrap();
    assert_eq!((to_cart.count, to_cart.median_seconds), (3, 60.0));
    let to_buy = report.steps[2].time_from_previous.as_ref().unwrap();
    assert_eq!((to_buy.median_seconds, to_buy.p90_seconds), (150.0, 174.0));
    assert!(report.steps[0].time_from_previous.is_none());
}

#[test]
fn breakdowns_by_group_and_period_partition_the_funnel() {
    let log = log(SHOP);
    let funnel = Funnel::new(tps(&log, &["visit", "cart", "buy"]), 3600).unwrap();
    let outcomes = funnel.evaluate(&log);
    let channel = Grouping::from_fn(&log, |_, name| {
        Some(if name < "c" { "ads" } else { "friends" }.to_owned())
    });
    let by_channel = outcomes.report_by_group(&log, &funnel, &channel);
    let summary: Vec<(&str, u64, u64)> = by_channel
        .iter()
        .map(|g| (g.group.as_str(), g.report.entered, g.report.converted))
        .collect();
    assert_eq!(summary, [("ads", 2, 1), ("friends", 2, 1)]);
    let by_day = outcomes.report_by_period(&log, &funnel, Period::Day);
    assert_eq!(by_day.len(), 1);
    assert_eq!(by_day[0].report, outcomes.report(&log, &funnel));
}

#[test]
fn empty_log_gives_an_empty_report() {
    let log = log("");
    let funnel = Funnel::new(vec![kunde_analytics::TouchpointId(0); 2], 10).unwrap();
    let report = funnel.evaluate(&log).report(&log, &funnel);
    assert_eq!(
        (report.entered, report.converted, report.conversion_percent),
        (0, 0, 0.0)
    );
}

/// The default mode's answer by definition: the longest chain of matches taken in
/// (time, step) order whose last step is within the window of its first.
fn brute_force_level(times: &[i64], tps: &[u16], steps: &[u16], window: i64) -> usize {
    let mut matches: Vec<(i64, usize)> = Vec::new();
    for (&t, &tp) in times.iter().zip(tps) {
        for (s, &step) in steps.iter().enumerate() {
            if step == tp {
                matches.push((t, s));
            }
        }
    }
    matches.sort();
    let mut best = 0;
    for (i, &(start, s)) in matches.iter().enumerate() {
        if s != 0 {
            continue;
        }
        // From a fixed start, taking the earliest match of each next step is optimal.
        let mut level = 1;
        for &(t, s) in &matches[i + 1..] {
            if level < steps.len() && s == level && t <= start + window {
                level += 1;
            }
        }
        best = best.max(level);
    }
    best
}

fn arb_log() -> impl Strategy<Value = Vec<(u8, i64, u16)>> {
    prop::collection::vec((0u8..6, 0i64..60, 0u16..4), 0..60)
}

fn build(events: &[(u8, i64, u16)]) -> EventLog {
    let mut b = kunde_analytics::EventLogBuilder::new();
    for tp in 0..4 {
        b.touchpoint(&format!("t{tp}")).unwrap();
    }
    for &(c, t, tp) in events {
        b.push(&format!("c{c}"), t, &format!("t{tp}"), 0.0).unwrap();
    }
    b.build()
}

proptest! {
    #[test]
    fn a_step_never_counts_more_customers_than_the_one_before(
        events in arb_log(),
        steps in prop::collection::vec(0u16..4, 2..5),
        window in 0i64..40,
    ) {
        let log = build(&events);
        let ids = steps.iter().map(|&s| kunde_analytics::TouchpointId(s)).collect();
        let funnel = Funnel::new(ids, window).unwrap();
        let outcomes = funnel.evaluate(&log);
        let report = outcomes.report(&log, &funnel);
        for pair in report.steps.windows(2) {
            prop_assert!(pair[1].customers <= pair[0].customers);
            prop_assert_eq!(pair[0].customers - pair[1].customers, pair[0].dropped);
        }
        for e in log.customers() {
            let expected = brute_force_level(e.times, e.touchpoints, &steps, window);
            prop_assert_eq!(outcomes.level(e.customer), expected, "customer {:?}", e);
            let level = outcomes.level(e.customer);
            if level > 0 {
                let first = outcomes.step_time(e.customer, 0).unwrap();
                let last = outcomes.step_time(e.customer, level - 1).unwrap();
                prop_assert!(first <= last && last <= first + window);
            }
        }
        prop_assert_eq!(outcomes.dropped_at(1).count() as u64, report.steps[0].dropped);
        let _ = CustomerId(0);
    }
}

proptest! {
    /// What the funnel page shows when ClickHouse gives only the level counts: the same
    /// counts and percentages as the full report.
    #[test]
    fn a_report_from_level_counts_has_the_full_reports_counts(
        events in arb_log(),
        steps in prop::collection::vec(0u16..4, 2..5),
        window in 0i64..40,
    ) {
        let log = build(&events);
        let ids = steps.iter().map(|&s| kunde_analytics::TouchpointId(s)).collect();
        let funnel = Funnel::new(ids, window).unwrap();
        let full = funnel.report(&log);
        let names: Vec<String> = full.steps.iter().map(|s| s.touchpoint.clone()).collect();
        let from_levels =
            kunde_analytics::funnel::report_from_levels(window, &funnel.count_levels(&log), &names);
        prop_assert_eq!(from_levels.entered, full.entered);
        prop_assert_eq!(from_levels.converted, full.converted);
        prop_assert_eq!(from_levels.conversion_percent, full.conversion_percent);
        prop_assert_eq!(from_levels.steps.len(), full.steps.len());
        for (a, b) in from_levels.steps.iter().zip(&full.steps) {
            prop_assert_eq!(
                (a.step, &a.touchpoint, a.customers, a.dropped),
                (b.step, &b.touchpoint, b.customers, b.dropped)
            );
            prop_assert_eq!(a.percent_of_first, b.percent_of_first);
            prop_assert_eq!(a.percent_of_previous, b.percent_of_previous);
            prop_assert!(a.dropped_customers.is_empty() && a.time_from_previous.is_none());
        }
    }
}

proptest! {
    /// What the funnel page shows when ClickHouse gives the level counts and counts each
    /// chain's seconds between steps: the full report but for the dropped customers' ids,
    /// step times bit for bit.
    #[test]
    fn a_report_from_levels_and_counted_step_times_is_the_full_report(
        events in arb_log(),
        steps in prop::collection::vec(0u16..4, 2..5),
        window in 0i64..40,
    ) {
        let log = build(&events);
        let ids = steps.iter().map(|&s| kunde_analytics::TouchpointId(s)).collect();
        let funnel = Funnel::new(ids, window).unwrap();
        let outcomes = funnel.evaluate(&log);
        let n = steps.len();
        // Counted per (step, seconds) as a database groups them, in no particular order.
        let mut counted: Vec<std::collections::HashMap<i64, u64>> = vec![Default::default(); n];
        for e in log.customers() {
            let level = outcomes.level(e.customer);
            for (s, at) in counted.iter_mut().enumerate().take(level).skip(1) {
                let gap = outcomes.step_time(e.customer, s).unwrap()
                    - outcomes.step_time(e.customer, s - 1).unwrap();
                *at.entry(gap).or_default() += 1;
            }
        }
        let times: Vec<Vec<(i64, u64)>> =
            counted.into_iter().map(|m| m.into_iter().collect()).collect();
        let mut full = funnel.report(&log);
        let names: Vec<String> = full.steps.iter().map(|s| s.touchpoint.clone()).collect();
        let got = kunde_analytics::funnel::report_from_levels_and_times(
            window,
            &funnel.count_levels(&log),
            &names,
            &times,
        );
        for s in &mut full.steps {
            s.dropped_customers.clear();
        }
        prop_assert_eq!(got, full);
    }
}
