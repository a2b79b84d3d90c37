//! Retention cohorts and cumulative revenue by cohort and by acquisition channel.

mod common;

use common::{DAY, log};
use kunde_analytics::civil::days_from_civil;
use kunde_analytics::retention::{RetentionQuery, retention, revenue_by_group};
use kunde_analytics::{Grouping, Period};
use proptest::prelude::*;

fn at(y: i64, m: u32, d: u32) -> i64 {
    days_from_civil(y, m, d) * DAY
}

fn table() -> String {
    format!(
        "ann {} visit
         ann {} buy 10
         ann {} buy 5
         bo {} visit
         bo {} buy 20
         cy {} visit
         cy {} visit
         cy {} visit     # after now: ignored",
        at(2024, 1, 5),
        at(2024, 2, 10),
        at(2024, 4, 1),
        at(2024, 1, 20),
        at(2024, 1, 25),
        at(2024, 2, 3),
        at(2024, 3, 3),
        at(2024, 5, 3),
    )
}

fn query(now: i64) -> RetentionQuery {
    RetentionQuery {
        period: Period::Month,
        cohort_event: None,
        return_event: None,
        periods: 4,
        now,
    }
}

#[test]
fn monthly_cohorts_count_active_customers_and_cumulative_revenue() {
    let log = log(&table());
    let report = retention(&log, &query(at(2024, 4, 15)));
    assert_eq!(report.customers, 3);
    let rows: Vec<_> = report
        .cohorts
        .iter()
        .map(|r| {
            (
                r.cohort.label(),
                r.customers,
                r.active.clone(),
                r.cumulative_revenue.clone(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "2024-01".to_owned(),
                2,
                vec![Some(2), Some(1), Some(0), Some(1)],
                vec![Some(20.0), Some(30.0), Some(30.0), Some(35.0)]
            ),
            (
                "2024-02".to_owned(),
                1,
                vec![Some(1), Some(1), Some(0), None],
                vec![Some(0.0), Some(0.0), Some(0.0), None]
            ),
        ]
    );
    assert_eq!(report.cohorts[0].percent[1], Some(50.0));
    assert_eq!(
        report.cohorts[0].cumulative_revenue_per_customer[3],
        Some(17.5)
    );
}

#[test]
fn cohort_and_return_events_can_differ() {
    let log = log(&table());
    let buy = log.touchpoint_id("buy");
    let q = RetentionQuery {
        cohort_event: buy,
        return_event: buy,
        ..query(at(2024, 4, 15))
    };
    let report = retention(&log, &q);
    // Only ann and bo ever bought; ann's cohort is February, bo's January.
    let rows: Vec<_> = report
        .cohorts
        .iter()
        .map(|r| (r.cohort.label(), r.customers, r.active.clone()))
        .collect();
    assert_eq!(
        rows,
        [
            (
                "2024-01".to_owned(),
                1,
                vec![Some(1), Some(0), Some(0), Some(0)]
            ),
            (
                "2024-02".to_owned(),
                1,
                vec![Some(1), Some(0), Some(1), None]
            ),
        ]
    );
}

#[test]
fn revenue_by_channel_averages_over_customers_observed_long_enough() {
    let log = log(&table());
    let channel = Grouping::from_fn(&log, |_, name| {
        Some(if name == "cy" { "social" } else { "ads" }.into())
    });
    let curves = revenue_by_group(&log, &query(at(2024, 4, 15)), &channel);
    assert_eq!(curves[0].group, "ads");
    assert_eq!(curves[0].observed, [2, 2, 2, 2]);
    // ann: 0, 10, 10, 15; bo: 20, 20, 20, 20.
    assert_eq!(
        curves[0].cumulative_revenue_per_customer,
        [Some(10.0), Some(15.0), Some(15.0), Some(17.5)]
    );
    assert_eq!(curves[1].observed, [1, 1, 1, 0]);
    assert_eq!(curves[1].cumulative_revenue_per_customer[3], None);
}

#[test]
fn weekly_cohorts_and_an_empty_log() {
    let log = log(&table());
    let report = retention(
        &log,
        &RetentionQuery {
            period: Period::Week,
            ..query(at(2024, 4, 15))
        },
    );
    assert_eq!(report.cohorts[0].cohort.label(), "2024-01-01");
    assert_eq!(report.cohorts.iter().map(|c| c.customers).sum::<u64>(), 3);
    let empty = retention(&common::log(""), &query(0));
    assert!(empty.cohorts.is_empty());
}

proptest! {
    #[test]
    fn cohorts_add_up_to_the_customers_that_started_them(
        events in prop::collection::vec((0u8..20, 0i64..200, 0u16..3), 0..120),
        now in 0i64..250,
    ) {
        let mut b = kunde_analytics::EventLogBuilder::new();
        b.touchpoint("t0").unwrap();
        for &(c, day, tp) in &events {
            b.push(&format!("c{c}"), day * DAY, &format!("t{tp}"), 1.0).unwrap();
        }
        let log = b.build();
        let tp0 = log.touchpoint_id("t0");
        let q = RetentionQuery { period: Period::Week, cohort_event: tp0, return_event: None, periods: 6, now: now * DAY };
        let report = retention(&log, &q);
        let started = log
            .customers()
            .filter(|e| e.touchpoints.iter().zip(e.times).any(|(&tp, &t)| Some(kunde_analytics::TouchpointId(tp)) == tp0 && t <= q.now))
            .count() as u64;
        prop_assert_eq!(report.customers, started);
        prop_assert_eq!(report.cohorts.iter().map(|c| c.customers).sum::<u64>(), started);
        for row in &report.cohorts {
            prop_assert_eq!(row.active[0], Some(row.customers));
            for a in row.active.iter().flatten() {
                prop_assert!(*a <= row.customers);
            }
        }
    }
}
