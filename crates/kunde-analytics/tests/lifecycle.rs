//! Churn threshold proposals and the monthly lifecycle (new, returning, resurrected, lost).

mod common;

use common::{DAY, log};
use kunde_analytics::churn::{ThresholdBasis, ThresholdQuery, propose_threshold};
use kunde_analytics::civil::days_from_civil;
use kunde_analytics::lifecycle::{LifecycleQuery, lifecycle};
use kunde_analytics::{EventLogBuilder, Period};
use proptest::prelude::*;

/// Month, active at start, new, returning, resurrected, lost, churn rate.
type Row = (String, u64, u64, u64, u64, u64, Option<f64>);

fn at(y: i64, m: u32, d: u32) -> i64 {
    days_from_civil(y, m, d) * DAY + 12 * 3600
}

#[test]
fn the_threshold_is_the_90th_percentile_of_gaps_with_a_floor() {
    // Twenty customers with one gap each of 1, 2, …, 20 days; one more with two orders on
    // the same day, which is one purchase and no gap.
    let mut table = String::new();
    for g in 1..=20 {
        table += &format!("c{g} {} order 5\nc{g} {} order 5\n", 0, g * DAY);
    }
    table += &format!("same {} order 1\nsame {} order 1\n", 10, 20);
    let log = log(&table);
    let query = ThresholdQuery::new(100 * DAY);
    // numpy: percentile(1..=20, 90) = 18.1, rounded up to 19, below the 30-day floor.
    let p = propose_threshold(&log, &query);
    assert_eq!((p.days, p.basis), (30, ThresholdBasis::Floor));
    assert_eq!((p.gaps, p.repeat_customers), (20, 20));
    assert!((p.percentile_days.unwrap() - 18.1).abs() < 1e-9);
    assert_eq!(p.median_gap_days, Some(10.5));
    let low_floor = ThresholdQuery {
        floor_days: 7,
        ..query
    };
    let p = propose_threshold(&log, &low_floor);
    assert_eq!((p.days, p.basis), (19, ThresholdBasis::GapPercentile));
    let too_few = ThresholdQuery {
        min_gaps: 21,
        ..query
    };
    let p = propose_threshold(&log, &too_few);
    assert_eq!((p.days, p.basis), (365, ThresholdBasis::TooFewGaps));
    // Orders after now do not count.
    let p = propose_threshold(&log, &ThresholdQuery::new(5 * DAY));
    assert_eq!(p.gaps, 5);
}

#[test]
fn lifecycle_counts_new_returning_resurrected_and_lost_per_month() {
    let rows = [
        ("ann", at(2024, 1, 5)),
        ("ann", at(2024, 2, 10)), // returning; then 112 days: lost on 10 April
        ("ann", at(2024, 6, 1)),  // resurrected; lost on 31 July
        ("bo", at(2024, 1, 20)),  // new, lost on 20 March
        ("cy", at(2024, 3, 1)),   // new
        ("cy", at(2024, 3, 15)),  // not returning: already new in March
        ("cy", at(2024, 4, 20)),
        ("cy", at(2024, 6, 10)),
        ("cy", at(2024, 8, 1)),
        ("dan", at(2024, 9, 1)),
        ("dan", at(2024, 10, 1)), // after now
    ];
    let table: String = rows
        .iter()
        .map(|(c, t)| format!("{c} {t} order 10\n"))
        .collect();
    let log = log(&table);
    let report = lifecycle(
        &log,
        &LifecycleQuery {
            now: at(2024, 9, 15),
            threshold_days: 60,
            period: Period::Month,
        },
    );
    let got: Vec<Row> = report
        .periods
        .iter()
        .map(|p| {
            (
                p.period.label(),
                p.active_at_start,
                p.new,
                p.returning,
                p.resurrected,
                p.lost,
                p.churn_rate_percent,
            )
        })
        .collect();
    let row = |m: &str, a, n, r, s, l, c| (m.to_owned(), a, n, r, s, l, c);
    assert_eq!(
        got,
        [
            row("2024-01", 0, 2, 0, 0, 0, None),
            row("2024-02", 2, 0, 1, 0, 0, Some(0.0)),
            row("2024-03", 2, 1, 0, 0, 1, Some(50.0)),
            row("2024-04", 2, 0, 1, 0, 1, Some(50.0)),
            row("2024-05", 1, 0, 0, 0, 0, Some(0.0)),
            row("2024-06", 1, 0, 1, 1, 0, Some(0.0)),
            row("2024-07", 2, 0, 0, 0, 1, Some(50.0)),
            row("2024-08", 1, 0, 1, 0, 0, Some(0.0)),
            row("2024-09", 1, 1, 0, 0, 0, Some(0.0)),
        ]
    );
    // April's trailing three months: 2 lost of 2 + 2 + 2 active at the starts.
    let april = &report.periods[3];
    assert!((april.churn_rate_trailing_3_percent.unwrap() - 100.0 / 3.0).abs() < 1e-9);
    assert!(april.complete && !report.periods[8].complete);
}

proptest! {
    /// With a threshold of at least 31 days, each month's customers flow exactly:
    /// active at the next start = active + new + resurrected − lost; everyone with an
    /// order is new exactly once.
    #[test]
    fn monthly_flows_add_up(
        orders in prop::collection::vec((0u8..25, 0i64..700), 0..200),
        threshold in 31u32..200,
        now in 300i64..800,
    ) {
        let mut b = EventLogBuilder::new();
        for &(c, day) in &orders {
            b.push(&format!("c{c}"), day * DAY + 3600, "order", 1.0).unwrap();
        }
        let log = b.build();
        let now = now * DAY;
        let report = lifecycle(&log, &LifecycleQuery { now, threshold_days: threshold, period: Period::Month });
        for w in report.periods.windows(2) {
            let p = &w[0];
            prop_assert_eq!(
                w[1].active_at_start as i64,
                p.active_at_start as i64 + (p.new + p.resurrected) as i64 - p.lost as i64
            );
        }
        let buyers = log
            .customers()
            .filter(|e| e.times.iter().any(|&t| t <= now))
            .count() as u64;
        prop_assert_eq!(report.periods.iter().map(|p| p.new).sum::<u64>(), buyers);
    }
}
