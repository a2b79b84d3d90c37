//! The demo's service cases: a year of them, timed in business hours, some missing their
//! targets, and root causes that point at the weak touchpoint "Call to book".

use std::collections::HashMap;

use kunde_demo::{DemoOptions, generate, touchpoints as k};
use kunde_domain::{BusinessCalendar, TargetState, target_state};

const DAY: i64 = 86_400;

#[test]
fn a_year_of_cases_points_at_call_to_book_and_misses_some_targets() {
    let opts = DemoOptions::default();
    let demo = generate(&opts, "o".into(), "s".into());
    let cases = &demo.cases;
    assert!(
        (150..=1500).contains(&cases.len()),
        "a year of cases for a small shop: {}",
        cases.len()
    );
    let first = cases.iter().map(|c| c.created_at).min().unwrap();
    assert!(first >= opts.today - 366 * DAY && first < opts.today - 300 * DAY);
    assert!(cases.iter().all(|c| c.created_at < opts.today));
    // Every case belongs to a customer who was at that touchpoint before writing.
    for c in cases {
        let tp = c.touchpoint.as_deref().unwrap();
        assert!(
            demo.events.iter().any(|e| e.customer == c.customer
                && e.touchpoint == tp
                && e.occurred_at <= c.created_at),
            "case '{}' has a cause in the customer's history",
            c.subject
        );
    }
    // Root causes point at the weak touchpoint.
    let mut by_touchpoint: HashMap<&str, usize> = HashMap::new();
    for c in cases.iter().filter(|c| c.root_cause.is_some()) {
        *by_touchpoint
            .entry(c.touchpoint.as_deref().unwrap())
            .or_default() += 1;
    }
    let worst = by_touchpoint.iter().max_by_key(|(_, n)| **n).unwrap();
    assert_eq!(*worst.0, k::CALL_TO_BOOK, "{by_touchpoint:?}");
    // Some targets are missed, most are met, all counted in business hours.
    let missed = cases
        .iter()
        .filter(|c| {
            target_state(
                c.resolved_at,
                c.due.resolution_warn,
                c.due.resolution,
                opts.today,
            ) == TargetState::Missed
        })
        .count();
    assert!(missed * 20 > cases.len(), "some missed: {missed}");
    assert!(missed * 2 < cases.len(), "most met: {missed}");
    let cal = demo
        .kb
        .calendar
        .clone()
        .unwrap_or_else(|| BusinessCalendar::office_hours("Europe/Copenhagen").unwrap());
    for c in cases {
        assert!(
            cal.is_open_at(c.due.first_response - 1),
            "due inside opening hours"
        );
        if let Some(at) = c.first_response_at {
            assert!(at > c.created_at);
        }
    }
    // Some are still open, some rated, some hold ideas.
    assert!(cases.iter().any(|c| c.resolved_at.is_none()));
    assert!(cases.iter().any(|c| c.rating.is_some()));
    assert!(cases.iter().any(|c| c.idea_note.is_some()));
    // Deterministic.
    let again = generate(&opts, "o".into(), "s".into());
    assert_eq!(again.cases.len(), cases.len());
    assert_eq!(again.cases[0].subject, cases[0].subject);
}
