//! Business calendars in the store, on both backends: defaults before the owner saves one,
//! a saved calendar read back whole, replaced whole, and kept per workspace.

use kunde_domain::business_hours::{BusinessCalendar, parse_day_hours, parse_holiday_lines};
use kunde_domain::*;
use kunde_store::Store;

const NOW: i64 = 1_760_000_000;

kunde_store::store_suite!(
    a_new_workspace_has_office_hours_in_its_languages_zone,
    a_saved_calendar_is_read_back_whole_and_replaced_whole,
);

fn name(s: &str) -> NonEmpty {
    NonEmpty::parse("name", s).unwrap()
}

async fn workspace(store: &Store, business: &str, language: Language) -> Workspace {
    let ws = NewWorkspace {
        name: name(business),
        default_language: language,
        currency: "DKK".into(),
    };
    let owner = NewUser {
        name: name("Owner"),
        email: Email::parse(&format!("owner@{}.test", business.to_lowercase())).unwrap(),
        role: Role::Owner,
        language,
        password: None,
    };
    store
        .create_workspace(&ws, &owner, "$argon2id$fake", NOW)
        .await
        .unwrap()
        .0
}

async fn a_new_workspace_has_office_hours_in_its_languages_zone(store: &Store) {
    let da = workspace(store, "Cykler", Language::Da).await;
    let sv = workspace(store, "Cyklar", Language::Sv).await;
    let (cal, saved) = store.business_calendar_saved(da.id).await.unwrap();
    assert!(!saved);
    assert_eq!(
        cal,
        BusinessCalendar::office_hours("Europe/Copenhagen").unwrap()
    );
    let cal = store.business_calendar(sv.id).await.unwrap();
    assert_eq!(cal.time_zone_name(), "Europe/Stockholm");
    assert!(cal.week()[5].is_empty() && cal.week()[6].is_empty());
    assert_eq!(cal.week()[0], parse_day_hours("09:00-17:00").unwrap());
}

async fn a_saved_calendar_is_read_back_whole_and_replaced_whole(store: &Store) {
    let a = workspace(store, "Aaa", Language::Da).await;
    let b = workspace(store, "Bbb", Language::Da).await;
    let day = |s: &str| parse_day_hours(s).unwrap();
    let week = [
        day("08:00-12:00, 13:00-16:30"),
        day("08:00-16:30"),
        day("08:00-16:30"),
        day("08:00-16:30"),
        day("08:00-14:00"),
        day("10:00-13:00"),
        day(""),
    ];
    let holidays =
        parse_holiday_lines("2026-12-24 Juleaften\n2026-12-25 Juledag\n2027-01-01 Nytår").unwrap();
    let cal = BusinessCalendar::new("Europe/Copenhagen", week, holidays).unwrap();
    store.save_business_calendar(a.id, &cal, NOW).await.unwrap();
    let (back, saved) = store.business_calendar_saved(a.id).await.unwrap();
    assert!(saved);
    assert_eq!(back, cal);
    assert_eq!(
        back.holidays()
            .map(|(_, n)| n.to_owned())
            .collect::<Vec<_>>(),
        ["Juleaften", "Juledag", "Nytår"]
    );
    // The other workspace still has its defaults.
    assert!(!store.business_calendar_saved(b.id).await.unwrap().1);

    // Saving again replaces every interval and holiday, not adds to them.
    let simpler = BusinessCalendar::new(
        "America/New_York",
        [
            day("09:00-17:00"),
            day(""),
            day(""),
            day(""),
            day(""),
            day(""),
            day(""),
        ],
        parse_holiday_lines("2026-07-04 Independence Day").unwrap(),
    )
    .unwrap();
    store
        .save_business_calendar(a.id, &simpler, NOW + 1)
        .await
        .unwrap();
    assert_eq!(store.business_calendar(a.id).await.unwrap(), simpler);
}
