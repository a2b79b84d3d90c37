//! Churn, new versus repeat revenue, and RFM scores and segments.

mod common;

use common::{DAY, log};
use kunde_analytics::Period;
use kunde_analytics::churn::{ChurnQuery, churn, churned_customers};
use kunde_analytics::civil::days_from_civil;
use kunde_analytics::revenue::revenue;
use kunde_analytics::rfm::{Segment, quintile_scores, rfm};
use proptest::prelude::*;

#[test]
fn churn_finds_who_left_when_and_where() {
    let log = log(&format!(
        "ann {} visit
         ann {} buy 10
         bo {} visit
         bo {} cart
         cy {} visit
         dan {} visit    # only after now: not a customer yet",
        10 * DAY,
        90 * DAY,
        20 * DAY,
        50 * DAY,
        10 * DAY,
        120 * DAY
    ));
    let q = ChurnQuery {
        now: 100 * DAY,
        inactive_after_seconds: 30 * DAY,
        period: Period::Day,
    };
    let report = churn(&log, &q);
    assert_eq!((report.customers, report.active, report.churned), (3, 1, 2));
    let lost: Vec<(&str, &str, f64)> = report
        .churned_customers
        .iter()
        .map(|c| {
            (
                log.customer_name(c.customer),
                c.last_touchpoint.as_str(),
                c.inactive_days,
            )
        })
        .collect();
    assert_eq!(lost, [("bo", "cart", 50.0), ("cy", "visit", 90.0)]);
    let places: Vec<_> = report
        .last_touchpoints
        .iter()
        .map(|t| (t.touchpoint.as_str(), t.customers))
        .collect();
    assert_eq!(places, [("cart", 1), ("visit", 1)]);
    assert_eq!(report.left_by_period.len(), 2);
    assert_eq!(
        churned_customers(&log, &q),
        [Some(false), Some(true), Some(true), None]
    );
    // Exactly at the threshold a customer is still active.
    let q = ChurnQuery {
        inactive_after_seconds: 50 * DAY,
        ..q
    };
    assert_eq!(churn(&log, &q).churned, 1);
}

#[test]
fn revenue_splits_first_orders_from_repeat_orders() {
    let m = |month: u32, day: u32| days_from_civil(2024, month, day) * DAY;
    let log = log(&format!(
        "ann {} buy 10
         ann {} buy 5
         ann {} buy 20
         ann {} refund -3
         bo {} buy 30
         cy {} buy 7
         cy {} visit",
        m(1, 3),
        m(1, 20),
        m(2, 2),
        m(2, 3),
        m(2, 9),
        m(4, 1),
        m(4, 2)
    ));
    let report = revenue(&log, Period::Month, m(12, 31));
    let rows: Vec<_> = report
        .periods
        .iter()
        .map(|p| {
            (
                p.period.label(),
                p.new_revenue,
                p.repeat_revenue,
                p.new_customers,
                p.repeat_customers,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("2024-01".to_owned(), 10.0, 5.0, 1, 1),
            ("2024-02".to_owned(), 30.0, 20.0, 1, 1),
            ("2024-03".to_owned(), 0.0, 0.0, 0, 0),
            ("2024-04".to_owned(), 7.0, 0.0, 1, 0),
        ]
    );
    let feb = &report.periods[1];
    assert!((feb.growth_from_repeat_percent.unwrap() - 133.333_333).abs() < 1e-4);
    assert!((feb.growth_percent.unwrap() - 233.333_333).abs() < 1e-4);
    assert_eq!(report.periods[0].growth_percent, None);
    assert_eq!(
        report.periods[3].growth_percent, None,
        "no growth from a zero month"
    );
    assert_eq!((report.new_revenue, report.repeat_revenue), (47.0, 25.0));
    // Orders after `until` are left out.
    assert_eq!(revenue(&log, Period::Month, m(1, 31)).periods.len(), 1);
    assert!(
        revenue(&common::log(""), Period::Month, 0)
            .periods
            .is_empty()
    );
}

#[test]
fn rfm_scores_quintiles_and_names_segments() {
    let mut table = String::new();
    // c1 bought once, yesterday, 10; c5 five times, long ago, 100 in all.
    let customers = [
        (1, 99, 10.0),
        (2, 80, 25.0),
        (3, 60, 10.0),
        (4, 40, 100.0),
        (5, 20, 20.0),
    ];
    for (c, last, each) in customers {
        for k in 0..c {
            table += &format!("c{c} {} buy {each}\n", (last - 5 * k) * DAY);
        }
    }
    table += "c6 10 visit\n"; // never bought: no RFM row
    let log = log(&table);
    let report = rfm(&log, 100 * DAY);
    let got: Vec<(u8, u8, u8, Segment)> = report
        .customers
        .iter()
        .map(|c| (c.r, c.f, c.m, c.segment))
        .collect();
    assert_eq!(
        got,
        [
            (5, 1, 1, Segment::New),
            (4, 2, 3, Segment::PotentialLoyalist),
            (3, 3, 2, Segment::NeedAttention),
            (2, 4, 5, Segment::AtRisk),
            (1, 5, 4, Segment::CantLose),
        ]
    );
    assert_eq!(report.customers[0].recency_days, 1.0);
    assert_eq!(report.segments.len(), 11);
    assert_eq!(report.segments.iter().map(|s| s.customers).sum::<u64>(), 5);
}

#[test]
fn equal_values_get_equal_scores() {
    assert_eq!(quintile_scores(&[7.0; 4]), [3, 3, 3, 3]);
    assert_eq!(quintile_scores(&[1.0]), [3]);
    assert_eq!(quintile_scores(&[1.0, 1.0, 1.0, 1.0, 9.0]), [3, 3, 3, 3, 5]);
    assert!(quintile_scores(&[]).is_empty());
    assert_eq!(Segment::of(1, 1), Segment::Lost);
    assert_eq!(Segment::of(2, 1), Segment::Hibernating);
    assert_eq!(Segment::of(5, 5), Segment::Champions);
}

proptest! {
    #[test]
    fn rfm_scores_cover_every_customer_with_an_order(
        orders in prop::collection::vec((0u8..30, 0i64..100, 0u8..4), 0..150),
    ) {
        let mut b = kunde_analytics::EventLogBuilder::new();
        for &(c, day, amount) in &orders {
            b.push(&format!("c{c}"), day * DAY, "order", f64::from(amount)).unwrap();
        }
        let log = b.build();
        let report = rfm(&log, 100 * DAY);
        let buyers = log.customers().filter(|e| e.amounts.iter().any(|&a| a > 0.0)).count();
        prop_assert_eq!(report.customers.len(), buyers);
        for c in &report.customers {
            prop_assert!((1..=5).contains(&c.r) && (1..=5).contains(&c.f) && (1..=5).contains(&c.m));
            prop_assert_eq!(c.segment, Segment::of(c.r, c.f));
        }
        prop_assert_eq!(report.segments.iter().map(|s| s.customers).sum::<u64>(), buyers as u64);
    }
}

#[test]
fn revenue_grows_year_over_year_split_into_new_and_repeat() {
    let at = |y: i64, m: u32| days_from_civil(y, m, 10) * DAY;
    let log = log(&format!(
        "ann {} buy 100   # 2023-Q1 new
         ann {} buy 50    # 2023-Q2 repeat
         bo {} buy 40     # 2024-Q1 new
         ann {} buy 60    # 2024-Q1 repeat
         cy {} buy 150    # 2024-Q2 new
         ann {} buy 25    # 2024-Q2 repeat",
        at(2023, 2),
        at(2023, 5),
        at(2024, 1),
        at(2024, 3),
        at(2024, 4),
        at(2024, 6)
    ));
    let report = revenue(&log, Period::Quarter, at(2025, 1));
    let rows: Vec<_> = report
        .periods
        .iter()
        .map(|p| {
            (
                p.period.label(),
                p.total_revenue,
                p.yoy_growth_percent,
                p.yoy_new_growth_percent,
                p.yoy_repeat_growth_percent,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("2023-Q1".to_owned(), 100.0, None, None, None),
            ("2023-Q2".to_owned(), 50.0, None, None, None),
            ("2023-Q3".to_owned(), 0.0, None, None, None),
            ("2023-Q4".to_owned(), 0.0, None, None, None),
            // 100 (all new) → 40 new + 60 repeat: no repeat revenue a year ago.
            ("2024-Q1".to_owned(), 100.0, Some(0.0), Some(-60.0), None),
            // 50 (all repeat) → 150 new + 25 repeat.
            ("2024-Q2".to_owned(), 175.0, Some(250.0), None, Some(-50.0)),
        ]
    );
    let yearly = revenue(&log, Period::Year, at(2025, 1));
    assert_eq!(yearly.periods[1].period.label(), "2024");
    // 150 → 275 in all; repeat 50 → 85.
    let y2024 = &yearly.periods[1];
    assert!((y2024.yoy_growth_percent.unwrap() - 250.0 / 3.0).abs() < 1e-9);
    assert!((y2024.yoy_repeat_growth_percent.unwrap() - 70.0).abs() < 1e-9);
}

#[test]
fn rfm_segments_have_stable_codes_and_cover_the_grid_once() {
    let definitions = kunde_analytics::rfm::segment_definitions();
    let codes: Vec<&str> = definitions.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [
            "champions",
            "loyal",
            "potential_loyalist",
            "new",
            "promising",
            "need_attention",
            "about_to_sleep",
            "at_risk",
            "cant_lose",
            "hibernating",
            "lost"
        ]
    );
    // Codes are what serde writes, so saved segments and JSON agree.
    for s in Segment::ALL {
        assert_eq!(serde_json_code(s), s.code());
        assert_eq!(Segment::from_code(s.code()), Some(s));
    }
    let cells: usize = definitions.iter().map(|d| d.cells.len()).sum();
    assert_eq!(
        cells, 25,
        "every (R, F) cell belongs to exactly one segment"
    );
    assert!(
        definitions
            .iter()
            .all(|d| !d.cells.is_empty() && !d.description.is_empty())
    );
    assert_eq!(Segment::Lost.cells(), [(1, 1)]);
    assert_eq!(Segment::Champions.cells(), [(5, 4), (5, 5)]);
}

fn serde_json_code(s: Segment) -> String {
    // The derive writes snake_case names; Debug of the variant, converted the same way.
    let debug = format!("{s:?}");
    let mut out = String::new();
    for (i, ch) in debug.chars().enumerate() {
        if ch.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(ch.to_ascii_lowercase());
    }
    out
}
