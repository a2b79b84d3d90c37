//! The demo shop's service cases: a year of complaints and questions that follow from what
//! customers lived through. A case starts from one of the customer's own events (a phone call
//! that went nowhere, a pick-up with a surprising invoice), is answered and resolved in
//! business hours with realistic delays, and now and then misses its target — most often in
//! the spring and summer rush and at "Call to book", whose root causes the journey map then
//! shows where the trouble starts.

use crate::business::{JONAS, METTE, SARA, TOM, touchpoints as k};
use crate::calendar::{DAY, HOUR, season};
use kunde_domain::{
    BUILTIN_CATEGORIES, BusinessCalendar, CaseCategory, CaseCategoryId, CaseDue, CasePriority,
    EntryKind, ImportCase, ImportEvent, WorkspaceId,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Per touchpoint: the chance an event there turns into a case, its category, who answers,
/// the root causes found (name, weight) and what customers write.
struct Source {
    touchpoint: &'static str,
    chance: f64,
    category: &'static str,
    assignee: usize,
    causes: &'static [(&'static str, u32)],
    subjects: &'static [&'static str],
}

const SOURCES: [Source; 5] = [
    Source {
        touchpoint: k::CALL_TO_BOOK,
        chance: 0.06,
        category: "special",
        assignee: SARA,
        causes: &[("Booking by phone", 7), ("Waiting time", 3)],
        subjects: &[
            "Nobody answers the phone",
            "Waited 20 minutes and gave up",
            "Could not book a repair by phone",
            "Promised call-back never came",
        ],
    },
    Source {
        touchpoint: k::REPAIR_UPDATE,
        chance: 0.015,
        category: "delivery",
        assignee: TOM,
        causes: &[("Waiting time", 2), ("Communication", 3)],
        subjects: &["My bike is still not ready", "No word about my repair"],
    },
    Source {
        touchpoint: k::PICK_UP,
        chance: 0.01,
        category: "billing",
        assignee: METTE,
        causes: &[("Price or invoice", 4), ("Product fault", 1)],
        subjects: &[
            "The invoice is higher than the quote",
            "Charged twice for the same repair",
            "The brakes squeak again after the repair",
        ],
    },
    Source {
        touchpoint: k::ONLINE_BOOKING,
        chance: 0.008,
        category: "advice",
        assignee: JONAS,
        causes: &[("Communication", 1)],
        subjects: &[
            "Which service do I need for an e-bike?",
            "Can I change my booking online?",
        ],
    },
    Source {
        touchpoint: k::DROP_OFF,
        chance: 0.008,
        category: "broken",
        assignee: TOM,
        causes: &[("Product fault", 3), ("Communication", 1)],
        subjects: &[
            "The gears slip after the service",
            "New tyre punctured after two days",
        ],
    },
];

/// The days of cases: the year before `today`.
pub const CASE_DAYS: i64 = 365;

fn pick<'a, T>(rng: &mut impl Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

fn weighted(rng: &mut impl Rng, items: &[(&'static str, u32)]) -> &'static str {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut n = rng.random_range(0..total);
    for (name, w) in items {
        if n < *w {
            return name;
        }
        n -= w;
    }
    items[0].0
}

/// The shop's cases, from its customers' events (sorted by time).
/// Due times follow the shop's own opening hours (`calendar`), or office hours without one.
pub fn cases(
    seed: u64,
    today: i64,
    events: &[ImportEvent],
    calendar: Option<&BusinessCalendar>,
) -> Vec<ImportCase> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(u64::MAX - 7);
    let cal = calendar.cloned().unwrap_or_else(|| {
        BusinessCalendar::office_hours("Europe/Copenhagen").expect("a known time zone")
    });
    let from = today - CASE_DAYS * DAY;
    let mut out = Vec::new();
    for e in events
        .iter()
        .filter(|e| e.occurred_at >= from && e.occurred_at < today - HOUR)
    {
        let Some(src) = SOURCES.iter().find(|s| s.touchpoint == e.touchpoint) else {
            continue;
        };
        // A call that went nowhere is far more likely to become a complaint.
        let failed = e.properties.contains("hung_up") || e.properties.contains("abandoned");
        let chance = src.chance * if failed { 3.0 } else { 1.0 };
        if rng.random::<f64>() >= chance {
            continue;
        }
        out.push(one_case(&mut rng, &cal, src, e, today));
    }
    out
}

fn one_case(
    rng: &mut impl Rng,
    cal: &BusinessCalendar,
    src: &Source,
    e: &ImportEvent,
    today: i64,
) -> ImportCase {
    let (_, first_min, res_min) = BUILTIN_CATEGORIES
        .iter()
        .copied()
        .find(|(c, _, _)| *c == src.category)
        .expect("a built-in category");
    let category = CaseCategory {
        id: CaseCategoryId(0),
        workspace_id: WorkspaceId(0),
        builtin: Some(src.category.to_owned()),
        name: String::new(),
        first_response_minutes: first_min,
        resolution_minutes: res_min,
    };
    // Customers write any time, often the evening after.
    let created_at = e.occurred_at + rng.random_range(10 * 60..30 * HOUR);
    let due = CaseDue::for_category(cal, &category, created_at.min(today - HOUR));
    let created_at = created_at.min(today - HOUR);
    // Busy months and the phone line miss targets more often.
    let busy = season(created_at) / crate::calendar::SEASON_MAX;
    let miss = 0.08
        + 0.25 * busy
        + if src.touchpoint == k::CALL_TO_BOOK {
            0.12
        } else {
            0.0
        };
    let first_missed = rng.random::<f64>() < miss;
    let first = after(rng, cal, created_at, first_min, first_missed);
    let resolution_missed = first_missed || rng.random::<f64>() < miss;
    let resolved = after(rng, cal, created_at, res_min, resolution_missed).max(first + HOUR);
    let first_response_at = (first < today).then_some(first);
    let resolved_at = (resolved < today).then_some(resolved);
    let root_cause = resolved_at.map(|_| weighted(rng, src.causes).to_owned());
    let idea_note = match (root_cause.as_deref(), rng.random::<f64>()) {
        (Some("Booking by phone"), x) if x < 0.2 => {
            Some("Let customers book a call-back instead of waiting in the queue".to_owned())
        }
        (Some("Communication"), x) if x < 0.2 => {
            Some("Send a text message when the bike is ready".to_owned())
        }
        _ => None,
    };
    let rating = resolved_at.filter(|_| rng.random::<f64>() < 0.55).map(|_| {
        if resolution_missed {
            rng.random_range(1..=3)
        } else {
            rng.random_range(3..=5)
        }
    });
    let subject = pick(rng, src.subjects).to_string();
    let mut entries = Vec::new();
    if let Some(at) = first_response_at {
        entries.push((
            EntryKind::Reply,
            Some(src.assignee),
            "Thank you for telling us. We are looking into it and will get back to you.".to_owned(),
            at,
        ));
    }
    if let (Some(at), Some(cause)) = (resolved_at, &root_cause) {
        entries.push((
            EntryKind::Event,
            Some(src.assignee),
            format!("closed: {cause}"),
            at,
        ));
    }
    let priority = if failed_priority(rng) {
        CasePriority::High
    } else {
        CasePriority::Normal
    };
    ImportCase {
        customer: e.customer,
        touchpoint: Some(src.touchpoint.to_owned()),
        category: src.category,
        subject,
        description: String::new(),
        priority,
        assignee: Some(src.assignee),
        created_at,
        first_response_at,
        resolved_at,
        due,
        root_cause,
        idea_note,
        rating,
        entries,
    }
}

/// When a target of `minutes` business minutes was reached: well within it, or late.
fn after(rng: &mut impl Rng, cal: &BusinessCalendar, from: i64, minutes: i64, missed: bool) -> i64 {
    let share = if missed {
        rng.random_range(1.1..2.6)
    } else {
        rng.random_range(0.1..0.95)
    };
    cal.deadline(from, (minutes as f64 * 60.0 * share) as i64)
}

fn failed_priority(rng: &mut impl Rng) -> bool {
    rng.random::<f64>() < 0.15
}
