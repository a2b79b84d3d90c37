//! Churn threshold proposals and the monthly lifecycle (new, returning, resurrected, lost).

mod common;

use common::{DAY, log};
use kunde_analytics::churn::{
    GapCounts, ThresholdBasis, ThresholdQuery, proposal_from_gaps, propose_threshold,
};
use kunde_analytics::civil::days_from_civil;
use kunde_analytics::lifecycle::{LifecycleQuery, PeriodCounts, lifecycle, report_from_counts};
use kunde_analytics::{EventLog, EventLogBuilder, Period, PeriodKey, Zone};
use proptest::prelude::*;
use std::collections::BTreeMap;

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

/// The lifecycle's counts as ClickHouse makes them (`kunde-clickhouse`'s `lifecycle`), not by
/// the engine's walk: each order is new (the first), resurrected (more than N days after the
/// previous) or returning; each order not followed within N days, with that moment before
/// `now`, adds a loss at that moment; then per customer and period a column counts once,
/// returning only when a returning order comes before any new or resurrected one there.
fn counted_like_clickhouse(
    log: &EventLog,
    q: &LifecycleQuery,
) -> BTreeMap<PeriodKey, PeriodCounts> {
    let n = i64::from(q.threshold_days) * DAY;
    let mut out: BTreeMap<PeriodKey, PeriodCounts> = BTreeMap::new();
    for e in log.customers() {
        let t: Vec<i64> = e
            .times
            .iter()
            .zip(e.amounts)
            .filter(|(t, a)| **t <= q.now && **a > 0.0)
            .map(|(t, _)| *t)
            .collect();
        // (index, column 1 new 2 resurrected 3 returning 4 lost, when)
        let mut rows = Vec::new();
        for (i, &x) in t.iter().enumerate() {
            let kind = if i == 0 {
                1
            } else if x - t[i - 1] > n {
                2
            } else {
                3
            };
            rows.push((i, kind, x));
            if t.get(i + 1).is_none_or(|&next| next - x > n) && x + n < q.now {
                rows.push((i, 4, x + n));
            }
        }
        let mut per: BTreeMap<PeriodKey, Vec<(usize, u8)>> = BTreeMap::new();
        for (i, col, at) in rows {
            per.entry(log.period_key(q.period, at))
                .or_default()
                .push((i, col));
        }
        for (key, rows) in per {
            let c = out.entry(key).or_default();
            let has = |col: u8| rows.iter().any(|r| r.1 == col);
            let first = |cols: &[u8]| {
                rows.iter()
                    .filter(|r| cols.contains(&r.1))
                    .map(|r| r.0)
                    .min()
                    .unwrap_or(usize::MAX)
            };
            c.new += u64::from(has(1));
            c.resurrected += u64::from(has(2));
            c.returning += u64::from(first(&[3]) < first(&[1, 2]));
            c.lost += u64::from(has(4));
            c.starts += rows.iter().filter(|r| r.1 == 1 || r.1 == 2).count() as u64;
            c.ends += rows.iter().filter(|r| r.1 == 4).count() as u64;
        }
    }
    out
}

/// Zones whose offsets change away from midnight (a change at midnight can move a moment
/// back into the previous day, which ClickHouse's per-period counting and the walk see
/// differently: ARCHITECTURE.md names the edge).
fn zone(k: u8) -> Zone {
    match k % 4 {
        0 => Zone::utc(),
        1 => Zone::fixed(5 * 3600 + 45 * 60),
        2 => Zone::fixed(-7 * 3600),
        _ => {
            let mut changes = vec![(i64::MIN, 3600)];
            for j in 0..40 {
                changes.push((j * 45 * DAY + 3600, if j % 2 == 0 { 7200 } else { 3600 }));
            }
            Zone::from_changes(changes)
        }
    }
}

proptest! {
    /// The report built from counts made per customer and period (ClickHouse's way) is the
    /// engine's, whatever the threshold (days to years), calendar, zone and ties.
    #[test]
    fn the_report_from_counts_is_the_lifecycle(
        orders in prop::collection::vec((0u8..12, 0i64..900, 0u8..4, 0i64..3), 0..160),
        threshold in prop_oneof![1u32..40, 30u32..400],
        now in 0i64..1000,
        period in prop_oneof![Just(Period::Day), Just(Period::Week), Just(Period::Month), Just(Period::Quarter)],
        z in 0u8..4,
    ) {
        let mut b = EventLogBuilder::new();
        for &(c, day, hour, kind) in &orders {
            // Coarse times for ties; a third of the events are not orders.
            let amount = [12.5, 0.0, -3.0][kind as usize];
            b.push(&format!("c{c}"), day * DAY / 2 + i64::from(hour) * 6 * 3600, "t", amount).unwrap();
        }
        let mut log = b.build();
        log.set_zone(zone(z));
        let q = LifecycleQuery { now: now * DAY / 2, threshold_days: threshold, period };
        let want = lifecycle(&log, &q);
        let counts = counted_like_clickhouse(&log, &q);
        let got = report_from_counts(&q, log.period_key(period, q.now), &counts);
        prop_assert_eq!(got, want);
    }

    /// The threshold proposed from gaps counted per length is the one proposed from the
    /// listed gaps, percentile, median and all, for any percentile, floor and minimum.
    #[test]
    fn the_proposal_from_counted_gaps_is_the_proposal(
        orders in prop::collection::vec((0u8..30, 0i64..2000, 0u8..3), 0..250),
        quantile in 0.0f64..=1.0,
        floor in 0u32..60,
        min_gaps in 0usize..40,
        now in 0i64..2200,
    ) {
        let mut b = EventLogBuilder::new();
        for &(c, hours, kind) in &orders {
            let amount = [7.0, 0.0, -1.0][kind as usize];
            b.push(&format!("c{c}"), hours * 7 * 3600, "t", amount).unwrap();
        }
        let log = b.build();
        let query = ThresholdQuery { quantile, floor_days: floor, min_gaps, ..ThresholdQuery::new(now * 3600 * 7) };
        // Distinct UTC days of orders per customer, the gaps between them by length.
        let mut counts = GapCounts::default();
        let mut by_length: BTreeMap<i64, u64> = BTreeMap::new();
        for e in log.customers() {
            let mut days: Vec<i64> = e
                .times
                .iter()
                .zip(e.amounts)
                .filter(|(t, a)| **t <= query.now && **a > 0.0)
                .map(|(t, _)| t.div_euclid(DAY))
                .collect();
            days.dedup();
            if days.len() > 1 {
                counts.repeat_customers += 1;
                for w in days.windows(2) {
                    *by_length.entry(w[1] - w[0]).or_default() += 1;
                }
            }
        }
        // Counted in any order.
        counts.gaps = by_length.into_iter().rev().collect();
        prop_assert_eq!(proposal_from_gaps(&query, &counts), propose_threshold(&log, &query));
    }
}
