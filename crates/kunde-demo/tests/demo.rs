//! The demo business as a whole: deterministic, internally consistent, and showing what the
//! analytics pages are meant to find (seasonality, a bad touchpoint, repeat buyers, churn).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use kunde_demo::{DemoOptions, HISTORY_DAYS, generate, touchpoints as k};
use kunde_domain::{Email, ImportEvent, Language, WorkspaceImport};

const DAY: i64 = 86_400;

fn demo() -> &'static WorkspaceImport {
    static DEMO: OnceLock<WorkspaceImport> = OnceLock::new();
    DEMO.get_or_init(|| {
        generate(
            &DemoOptions::default(),
            "owner-hash".into(),
            "staff-hash".into(),
        )
    })
}

fn today() -> i64 {
    DemoOptions::default().today
}

/// Each customer's events in time order.
fn by_customer(demo: &WorkspaceImport) -> Vec<Vec<&ImportEvent>> {
    let mut out = vec![Vec::new(); demo.customers.len()];
    for e in &demo.events {
        out[e.customer].push(e);
    }
    for events in &mut out {
        events.sort_by_key(|e| e.occurred_at);
    }
    out
}

/// The month (1–12) of a Unix time, in UTC.
fn month(t: i64) -> i64 {
    let z = t.div_euclid(DAY) + 719_468;
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let mp = (5 * (doe - (365 * yoe + yoe / 4 - yoe / 100)) + 2) / 153;
    if mp < 10 { mp + 3 } else { mp - 9 }
}

#[test]
fn the_same_options_give_the_same_business() {
    let opts = DemoOptions::default();
    let a = generate(&opts, "o".into(), "s".into());
    let b = generate(&opts, "o".into(), "s".into());
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
    let other = generate(&DemoOptions { seed: 7, ..opts }, "o".into(), "s".into());
    assert_ne!(format!("{a:?}"), format!("{other:?}"));
}

#[test]
fn the_business_has_the_expected_size() {
    let d = demo();
    assert_eq!(d.workspace.name.as_str(), "Cykelværkstedet Nørrebro");
    assert_eq!(d.workspace.currency, "DKK");
    assert_eq!(d.workspace.default_language, Language::Da);
    assert_eq!(d.users.len(), 4);
    assert!(d.users.iter().all(|(_, hash)| hash.is_some()));
    assert_eq!(d.users[0].1.as_deref(), Some("owner-hash"));
    assert_eq!(d.customers.len(), 3000);
    assert!(
        (40_000..=80_000).contains(&d.events.len()),
        "{} events",
        d.events.len()
    );
    assert!(
        (4_000..=12_000).contains(&d.orders.len()),
        "{} orders",
        d.orders.len()
    );
    assert_eq!(d.journeys.len(), 3);
    let as_is: usize = d.journeys[0]
        .stages
        .iter()
        .map(|s| s.touchpoints.len())
        .sum();
    assert!((12..=14).contains(&as_is));
    let stages: Vec<_> = d.journeys[0]
        .stages
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(stages, kunde_domain::DEFAULT_STAGES);
}

#[test]
fn every_reference_points_at_something_that_exists() {
    let d = demo();
    let mut keys = HashSet::new();
    for (i, j) in d.journeys.iter().enumerate() {
        assert!(j.counterpart_of.is_none_or(|c| c < i));
        assert!(j.parent.is_none_or(|p| p < i));
        for t in j.stages.iter().flat_map(|s| &s.touchpoints) {
            assert!(
                keys.insert(t.key.as_str()),
                "touchpoint key {} used twice",
                t.key
            );
            assert!(t.owner.is_some_and(|o| o < d.users.len()));
            assert!(!t.customer_goal.is_empty() && !t.pain_points.is_empty());
            assert!(!t.ideas.is_empty());
        }
    }
    assert_eq!(d.journeys[1].counterpart_of, Some(0));
    assert_eq!(d.journeys[2].parent, Some(0));
    let as_is: HashMap<&str, _> = d.journeys[0]
        .stages
        .iter()
        .flat_map(|s| &s.touchpoints)
        .map(|t| (t.key.as_str(), t.channel))
        .collect();
    for e in &d.events {
        assert!(e.customer < d.customers.len());
        assert_eq!(
            as_is.get(e.touchpoint.as_str()),
            Some(&e.channel),
            "{}",
            e.touchpoint
        );
        assert!(e.properties.starts_with("{\"source\":\"demo\"") && e.properties.ends_with('}'));
    }
    assert!(d.orders.iter().all(|o| o.customer < d.customers.len()));
}

#[test]
fn every_email_is_unique_and_valid() {
    let d = demo();
    let mut seen = HashSet::new();
    let emails = d.users.iter().map(|(u, _)| &u.email);
    for email in emails.chain(d.customers.iter().filter_map(|c| c.email.as_ref())) {
        assert_eq!(Email::parse(email.as_str()).as_ref(), Ok(email));
        assert!(seen.insert(email.as_str()), "{email} used twice");
    }
    let with_email = d.customers.iter().filter(|c| c.email.is_some()).count();
    assert!(
        with_email > 2_600,
        "{with_email} customers with an e-mail address"
    );
}

#[test]
fn customers_are_a_believable_mix() {
    let d = demo();
    let n = d.customers.len() as f64;
    let share = |f: &dyn Fn(&kunde_domain::NewCustomer) -> bool| {
        d.customers.iter().filter(|c| f(c)).count() as f64 / n
    };
    assert!(share(&|c| c.language == Language::Da) > 0.7);
    for language in [Language::Sv, Language::Tl, Language::En] {
        assert!(share(&|c| c.language == language) > 0.02, "{language:?}");
    }
    let consent = share(&|c| c.marketing_consent);
    assert!((0.5..0.7).contains(&consent), "{consent}");
    assert!(share(&|c| c.phone.is_some()) > 0.7);
    let mean_cost = |channel: &str| {
        let costs: Vec<i64> = d
            .customers
            .iter()
            .filter(|c| c.acquisition_channel.as_ref().unwrap().as_str() == channel)
            .map(|c| c.acquisition_cost.0)
            .collect();
        costs.iter().sum::<i64>() / costs.len() as i64
    };
    assert_eq!(mean_cost("walk_in"), 0);
    assert!((22_000..28_000).contains(&mean_cost("google_ads")));
    assert!((4_000..6_000).contains(&mean_cost("referral")));
}

#[test]
fn everything_happens_within_the_two_years_before_today() {
    let d = demo();
    let start = today() - HISTORY_DAYS * DAY;
    let within = |t: i64| (start..=today()).contains(&t);
    assert!(d.customers.iter().all(|c| within(c.created_at)));
    assert!(d.customers.is_sorted_by_key(|c| c.created_at));
    for e in &d.events {
        assert!(within(e.occurred_at));
        assert!(e.occurred_at >= d.customers[e.customer].created_at);
    }
    assert!(d.orders.iter().all(|o| within(o.ordered_at)));

    // A history that ends on another day ends on that day.
    let june = 1_750_000_000;
    let other = generate(
        &DemoOptions {
            today: june,
            customers: 200,
            ..DemoOptions::default()
        },
        String::new(),
        String::new(),
    );
    assert!(other.events.iter().all(|e| e.occurred_at <= june));
    assert!(other.events.iter().any(|e| e.occurred_at > june - 30 * DAY));
}

#[test]
fn every_order_is_a_purchase_event_with_the_same_time_and_amount() {
    let d = demo();
    let purchases: Vec<_> = d.events.iter().filter(|e| e.amount.is_some()).collect();
    assert_eq!(purchases.len(), d.orders.len());
    assert!(purchases.iter().all(|e| e.touchpoint == k::PICK_UP));
    let by_reference: HashMap<String, &ImportEvent> = purchases
        .iter()
        .map(|e| {
            let reference = e.properties.split("\"order\":\"").nth(1).unwrap();
            (reference.trim_end_matches("\"}").to_owned(), *e)
        })
        .collect();
    let mut references = HashSet::new();
    for o in &d.orders {
        let reference = o.reference.as_deref().unwrap();
        assert!(reference.starts_with("CN-") && references.insert(reference));
        assert!((1..=3).contains(&o.lines.len()));
        let total: i64 = o.lines.iter().map(|(_, q, p)| q * p.0).sum();
        let event = by_reference[reference];
        assert_eq!(
            (event.customer, event.occurred_at),
            (o.customer, o.ordered_at)
        );
        assert_eq!(event.amount.unwrap().0, total);
        assert!(
            o.paid || o.ordered_at > today() - 14 * DAY,
            "only recent invoices are unpaid"
        );
    }
    assert!(d.orders.iter().any(|o| !o.paid));
    assert!(d.orders.iter().filter(|o| !o.paid).count() < 100);
}

#[test]
fn calling_to_book_loses_more_customers_than_booking_on_the_web() {
    let (mut called, mut web) = ((0, 0), (0, 0));
    for events in by_customer(demo()) {
        let first_purchase = events.iter().position(|e| e.amount.is_some());
        let before = &events[..first_purchase.unwrap_or(events.len())];
        let group = if before.iter().any(|e| e.touchpoint == k::CALL_TO_BOOK) {
            &mut called
        } else if before.iter().any(|e| e.touchpoint == k::WEBSITE) {
            &mut web
        } else {
            continue;
        };
        group.0 += 1;
        group.1 += usize::from(first_purchase.is_some());
    }
    let rate = |(n, bought): (usize, usize)| bought as f64 / n as f64;
    assert!(called.0 > 300 && web.0 > 300, "{called:?} {web:?}");
    assert!(
        rate(called) + 0.1 < rate(web),
        "callers {called:?}, web {web:?}"
    );
}

#[test]
fn customers_who_called_drift_away_more_often() {
    let (mut called, mut others) = ((0, 0), (0, 0));
    for events in by_customer(demo()) {
        if !events.iter().any(|e| e.amount.is_some()) {
            continue;
        }
        let gone = events.last().unwrap().occurred_at < today() - 180 * DAY;
        let group = if events.iter().any(|e| e.touchpoint == k::CALL_TO_BOOK) {
            &mut called
        } else {
            &mut others
        };
        group.0 += 1;
        group.1 += usize::from(gone);
    }
    let rate = |(n, gone): (usize, usize)| gone as f64 / n as f64;
    assert!(
        rate(called) > rate(others) + 0.05,
        "callers {called:?}, others {others:?}"
    );
}

#[test]
fn the_bike_season_shows_in_the_purchases() {
    let months: Vec<i64> = demo()
        .events
        .iter()
        .filter(|e| e.amount.is_some())
        .map(|e| month(e.occurred_at))
        .collect();
    let summer = months.iter().filter(|m| (5..=8).contains(*m)).count();
    let winter = months
        .iter()
        .filter(|m| [11, 12, 1, 2].contains(*m))
        .count();
    assert!(
        summer as f64 > 1.5 * winter as f64,
        "summer {summer}, winter {winter}"
    );
}

#[test]
fn some_customers_come_back_and_some_have_left() {
    let customers = by_customer(demo());
    let purchases =
        |events: &Vec<&ImportEvent>| events.iter().filter(|e| e.amount.is_some()).count();
    let buyers = customers.iter().filter(|e| purchases(e) >= 1).count();
    let repeat = customers.iter().filter(|e| purchases(e) >= 2).count();
    let loyal = customers.iter().filter(|e| purchases(e) >= 5).count();
    assert!(
        buyers > 1_800 && repeat > 900 && loyal > 100,
        "{buyers} {repeat} {loyal}"
    );
    let inactive = customers
        .iter()
        .filter(|e| e.last().is_none_or(|e| e.occurred_at < today() - 180 * DAY))
        .count();
    assert!((600..2_000).contains(&inactive), "{inactive} inactive");
}

#[test]
fn journeys_go_back_and_forth() {
    // A step back: the price list followed by the web site, or a second call.
    let back_steps = by_customer(demo())
        .iter()
        .filter(|events| {
            events.windows(2).any(|w| {
                (w[0].touchpoint == k::PRICE_LIST && w[1].touchpoint == k::WEBSITE)
                    || (w[0].touchpoint == k::CALL_TO_BOOK && w[1].touchpoint == k::PRICE_LIST)
            })
        })
        .count();
    assert!(back_steps > 200, "{back_steps}");
}

#[test]
fn a_small_demo_is_fast_and_complete() {
    let started = std::time::Instant::now();
    let small = generate(
        &DemoOptions {
            customers: 100,
            ..DemoOptions::default()
        },
        String::new(),
        String::new(),
    );
    assert_eq!(small.customers.len(), 100);
    assert!(!small.events.is_empty() && !small.orders.is_empty());
    assert!(started.elapsed().as_secs() < 5);
}
