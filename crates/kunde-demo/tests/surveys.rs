//! The demo's surveys: a year of answers in four languages, the weak touchpoint scoring low,
//! and an employee pulse by team.

use kunde_demo::{DemoOptions, generate, touchpoints as k};
use kunde_domain::{ImportAnswer, Language, SurveyKind};

const DAY: i64 = 86_400;

#[test]
fn the_demo_has_a_year_of_answers_in_four_languages_and_a_weak_phone_booking() {
    let opts = DemoOptions::default();
    let demo = generate(&opts, "o".into(), "s".into());
    assert_eq!(demo.surveys.len(), 4);
    let by_tp = |key: &str| {
        demo.surveys
            .iter()
            .find(|s| s.touchpoint.as_deref() == Some(key))
            .unwrap_or_else(|| panic!("a survey at {key}"))
    };
    let visit = by_tp(k::PICK_UP);
    assert!(visit.responses.len() > 200, "{}", visit.responses.len());
    for lang in Language::ALL {
        assert!(
            visit.responses.iter().any(|r| r.language == lang),
            "answers in {lang:?}"
        );
    }
    for s in &demo.surveys {
        for r in &s.responses {
            assert!(r.submitted_at < opts.today, "no answer from the future");
            assert!(r.submitted_at > opts.today - 370 * DAY, "a year of answers");
            for (q, _) in &r.answers {
                assert!(*q < s.questions.len());
            }
        }
    }
    // Mean CSAT (question 1 in both booking surveys): the phone is clearly worse.
    let mean_csat = |key: &str| {
        let scores: Vec<i64> = by_tp(key)
            .responses
            .iter()
            .filter_map(|r| match r.answers.iter().find(|(q, _)| *q == 1) {
                Some((_, ImportAnswer::Score(v))) => Some(*v),
                _ => None,
            })
            .collect();
        assert!(scores.len() > 30, "{key}: {}", scores.len());
        scores.iter().sum::<i64>() as f64 / scores.len() as f64
    };
    let (phone, online) = (mean_csat(k::CALL_TO_BOOK), mean_csat(k::ONLINE_BOOKING));
    assert!(
        phone < 2.8 && online > 3.8,
        "phone {phone:.2}, online {online:.2}"
    );
    // Free text in the customer's language: a Swedish complaint about the phone queue.
    assert!(by_tp(k::CALL_TO_BOOK).responses.iter().any(|r| {
        r.language == Language::Sv
            && r.answers
                .iter()
                .any(|(_, a)| matches!(a, ImportAnswer::Text(t) if t.contains("telefon")))
    }));
    let staff = demo
        .surveys
        .iter()
        .find(|s| s.kind == SurveyKind::Employee)
        .unwrap();
    assert!(staff.touchpoint.is_none());
    assert!(
        staff
            .responses
            .iter()
            .all(|r| r.customer.is_none() && r.team.is_some())
    );
    let teams: std::collections::BTreeSet<_> = staff
        .responses
        .iter()
        .filter_map(|r| r.team.as_deref())
        .collect();
    assert_eq!(teams.len(), 2);
}
