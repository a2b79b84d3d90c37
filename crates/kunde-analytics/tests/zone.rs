//! Periods on the business's own calendar: an order at 23:30 UTC on the last day of a month
//! belongs to the next month in Copenhagen, and every month-based figure must agree.

mod common;

use common::{DAY, log};
use kunde_analytics::civil::days_from_civil;
use kunde_analytics::order_cohorts::{Comeback, OrderCohortQuery, order_cohorts};
use kunde_analytics::revenue::revenue;
use kunde_analytics::{Period, Zone};

fn at(y: i64, m: u32, d: u32, hh: i64, mm: i64) -> i64 {
    days_from_civil(y, m, d) * DAY + hh * 3600 + mm * 60
}

/// Copenhagen's offsets for 2024: +1 h, +2 h from 31 March 01:00 UTC, +1 h from 27 October.
fn copenhagen_2024() -> Zone {
    Zone::from_changes(vec![
        (at(2024, 10, 27, 1, 0), 3600),
        (i64::MIN, 3600),
        (at(2024, 3, 31, 1, 0), 7200),
    ])
}

#[test]
fn offsets_follow_the_changes_table() {
    let z = copenhagen_2024();
    // (unix time, expected offset in seconds)
    let table = [
        (at(2024, 1, 15, 12, 0), 3600),
        (at(2024, 3, 31, 0, 59), 3600),
        (at(2024, 3, 31, 1, 0), 7200),
        (at(2024, 7, 1, 0, 0), 7200),
        (at(2024, 10, 27, 1, 0), 3600),
    ];
    for (t, offset) in table {
        assert_eq!(z.offset_at(t), offset, "at {t}");
    }
    assert_eq!(Zone::utc().offset_at(at(2024, 7, 1, 0, 0)), 0);
    // July starts at 22:00 UTC on 30 June in Copenhagen; January at 23:00 UTC.
    let july = z.key_of(Period::Month, at(2024, 7, 10, 0, 0));
    assert_eq!(z.start_of(july), at(2024, 6, 30, 22, 0));
    let jan = z.key_of(Period::Month, at(2024, 1, 10, 0, 0));
    assert_eq!(z.start_of(jan), at(2023, 12, 31, 23, 0));
    assert_eq!(
        z.from_local(z.local(at(2024, 5, 5, 5, 5))),
        at(2024, 5, 5, 5, 5)
    );
    assert_eq!(Zone::fixed(-18_000).local(0), -18_000);
}

#[test]
fn a_late_evening_order_counts_in_the_local_month() {
    let table = "ann {a} shop 100
                 bo {b} shop 40
                 bo {c} shop 60";
    let table = table
        .replace("{a}", &at(2024, 1, 31, 23, 30).to_string()) // 00:30 on 1 Feb in Copenhagen
        .replace("{b}", &at(2024, 1, 10, 12, 0).to_string())
        .replace("{c}", &at(2024, 6, 30, 22, 15).to_string()); // 00:15 on 1 July (summer time)
    let now = at(2024, 8, 1, 0, 0);
    let mut l = log(&table);
    let utc = revenue(&l, Period::Month, now);
    let labels = |r: &kunde_analytics::revenue::RevenueReport| -> Vec<(String, f64)> {
        r.periods
            .iter()
            .filter(|p| p.total_revenue > 0.0)
            .map(|p| (p.period.label(), p.total_revenue))
            .collect()
    };
    assert_eq!(
        labels(&utc),
        [("2024-01".to_owned(), 140.0), ("2024-06".to_owned(), 60.0)]
    );
    l.set_zone(copenhagen_2024());
    let local = revenue(&l, Period::Month, now);
    assert_eq!(
        labels(&local),
        [
            ("2024-01".to_owned(), 40.0),
            ("2024-02".to_owned(), 100.0),
            ("2024-07".to_owned(), 60.0)
        ]
    );
    let q = OrderCohortQuery {
        period: Period::Month,
        comeback: Comeback::Order,
        periods: 8,
        now,
    };
    let cohorts = order_cohorts(&l, &q, |_| true);
    let firsts: Vec<String> = cohorts.cohorts.iter().map(|c| c.cohort.label()).collect();
    assert_eq!(firsts, ["2024-01", "2024-02"]);
}
