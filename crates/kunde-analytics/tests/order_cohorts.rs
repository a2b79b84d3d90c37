//! Order cohorts, the customers behind each lifecycle count, and lost customers, on a small
//! order book whose figures are known by hand.

mod common;

use common::{DAY, log};
use kunde_analytics::civil::days_from_civil;
use kunde_analytics::lifecycle::{Column, LifecycleQuery, lifecycle, lost_customers, members};
use kunde_analytics::order_cohorts::{Comeback, OrderCohortQuery, cohort_members, order_cohorts};
use kunde_analytics::{CustomerId, Period};

fn at(y: i64, m: u32, d: u32) -> i64 {
    days_from_civil(y, m, d) * DAY
}

/// ann: orders Jan, Feb, Apr; bo: order Jan, visit Mar; cy: visit Jan, order Feb.
fn book() -> kunde_analytics::EventLog {
    log(&format!(
        "ann {} shop 10
         ann {} shop 5
         ann {} shop 20
         bo {} shop 30
         bo {} web
         cy {} web
         cy {} shop 7",
        at(2024, 1, 5),
        at(2024, 2, 10),
        at(2024, 4, 1),
        at(2024, 1, 20),
        at(2024, 3, 3),
        at(2024, 1, 2),
        at(2024, 2, 3),
    ))
}

fn q(comeback: Comeback) -> OrderCohortQuery {
    OrderCohortQuery {
        period: Period::Month,
        comeback,
        periods: 5,
        now: at(2024, 4, 15),
    }
}

#[test]
fn cohorts_start_at_the_first_order_and_leave_unknown_cells_empty() {
    let l = book();
    let r = order_cohorts(&l, &q(Comeback::Order), |_| true);
    assert_eq!(r.customers, 3);
    let jan = &r.cohorts[0];
    assert_eq!(jan.cohort.label(), "2024-01");
    assert_eq!(jan.customers, 2);
    assert_eq!(jan.active, vec![Some(2), Some(1), Some(0), Some(1), None]);
    assert_eq!(jan.cumulative_revenue_per_customer[0], Some(20.0));
    assert_eq!(jan.cumulative_revenue_per_customer[3], Some(32.5));
    let feb = &r.cohorts[1];
    assert_eq!(
        (feb.cohort.label(), feb.customers),
        ("2024-02".to_owned(), 1)
    );
    assert_eq!(feb.active, vec![Some(1), Some(0), Some(0), None, None]);
    let any = order_cohorts(&l, &q(Comeback::AnyEvent), |_| true);
    assert_eq!(
        any.cohorts[0].active,
        vec![Some(2), Some(1), Some(1), Some(1), None]
    );
    let only_ann = order_cohorts(&l, &q(Comeback::Order), |c| c == CustomerId(0));
    assert_eq!(only_ann.cohorts[0].customers, 1);
}

#[test]
fn a_chosen_touchpoint_counts_as_coming_back_only_there() {
    let l = book();
    let web = l.touchpoint_id("web").expect("web is a touchpoint");
    let r = order_cohorts(&l, &q(Comeback::Touchpoint(web)), |_| true);
    // The first order opens the cohort; after it only a visit to "web" counts: bo in March.
    assert_eq!(
        r.cohorts[0].active,
        vec![Some(2), Some(0), Some(1), Some(0), None]
    );
    // cy's web visit came before the first order, so it does not count.
    assert_eq!(
        r.cohorts[1].active,
        vec![Some(1), Some(0), Some(0), None, None]
    );
    let jan = r.cohorts[0].cohort;
    let who = cohort_members(&l, &q(Comeback::Touchpoint(web)), |_| true, jan, Some(2));
    assert_eq!(who.len(), 1);
    assert_eq!(l.customer_name(who[0]), "bo");
    assert_eq!(
        Comeback::from_code("touchpoint", Some(web)),
        Some(Comeback::Touchpoint(web))
    );
    assert_eq!(Comeback::from_code("touchpoint", None), None);
    assert_eq!(Comeback::from_code("order", None), Some(Comeback::Order));
}

#[test]
fn a_cells_members_are_the_customers_it_counts() {
    let l = book();
    let r = order_cohorts(&l, &q(Comeback::AnyEvent), |_| true);
    let jan = r.cohorts[0].cohort;
    let names = |ids: Vec<CustomerId>| -> Vec<String> {
        ids.into_iter()
            .map(|c| l.customer_name(c).to_owned())
            .collect()
    };
    assert_eq!(
        names(cohort_members(
            &l,
            &q(Comeback::AnyEvent),
            |_| true,
            jan,
            None
        )),
        ["ann", "bo"]
    );
    assert_eq!(
        names(cohort_members(
            &l,
            &q(Comeback::AnyEvent),
            |_| true,
            jan,
            Some(2)
        )),
        ["bo"]
    );
    assert_eq!(
        names(cohort_members(
            &l,
            &q(Comeback::Order),
            |_| true,
            jan,
            Some(2)
        )),
        Vec::<String>::new()
    );
}

#[test]
fn lifecycle_members_match_the_counts_and_lost_customers_are_valuable_first() {
    let l = book();
    let query = LifecycleQuery {
        now: at(2024, 6, 1),
        threshold_days: 40,
        period: Period::Month,
    };
    let report = lifecycle(&l, &query);
    for p in &report.periods {
        for (column, n) in [
            (Column::New, p.new),
            (Column::Returning, p.returning),
            (Column::Resurrected, p.resurrected),
            (Column::Lost, p.lost),
        ] {
            assert_eq!(
                members(&l, &query, p.period, column).len() as u64,
                n,
                "{} {}",
                p.period.label(),
                column.code()
            );
        }
    }
    // Bo: ordered 20 Jan, lost 40 days later (29 Feb).
    let feb = report.periods[1].period;
    let lost = members(&l, &query, feb, Column::Lost);
    assert_eq!(lost, vec![CustomerId(1)]);
    let all = lost_customers(&l, query.now, 40);
    let order: Vec<&str> = all.iter().map(|c| l.customer_name(c.customer)).collect();
    assert_eq!(order, ["ann", "bo", "cy"]);
    assert_eq!(all[1].lost_at, at(2024, 1, 20) + 40 * DAY);
    assert_eq!(l.touchpoint_name(all[1].last_touchpoint), "web");
    assert_eq!(all[0].value, 35.0);
}
