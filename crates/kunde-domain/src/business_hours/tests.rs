//! Business-hours arithmetic against fixed instants in Copenhagen (CET/CEST), plus
//! properties over random calendars in zones with odd daylight-saving rules.

use super::*;
use proptest::prelude::*;

const HOUR: i64 = 3600;

/// The Unix time of a Copenhagen wall-clock time, e.g. `cph("2026-11-20T15:00")`.
fn cph(local: &str) -> i64 {
    let dt: DateTime = local.parse().unwrap();
    let tz = time_zone("Europe/Copenhagen").unwrap();
    tz.to_ambiguous_timestamp(dt)
        .compatible()
        .unwrap()
        .as_second()
}

fn office() -> BusinessCalendar {
    BusinessCalendar::office_hours("Europe/Copenhagen").unwrap()
}

fn always_open() -> BusinessCalendar {
    let day = || vec![Interval::new(0, 24 * 60).unwrap()];
    BusinessCalendar::new(
        "Europe/Copenhagen",
        [day(), day(), day(), day(), day(), day(), day()],
        [],
    )
    .unwrap()
}

#[test]
fn the_fixed_instants_are_what_they_claim() {
    // 2026-11-20 is a Friday; Copenhagen is UTC+1 in November and UTC+2 in June.
    assert_eq!(cph("2026-11-20T15:00"), 1_795_183_200);
    assert_eq!(cph("2026-06-01T09:00"), 1_780_297_200);
}

#[test]
fn friday_afternoon_plus_four_business_hours_is_monday_morning() {
    let cal = office();
    let friday = cph("2026-11-20T15:00");
    let due = cal.deadline(friday, 4 * HOUR);
    assert_eq!(due, cph("2026-11-23T11:00"));
    assert_eq!(due, 1_795_428_000);
    assert_eq!(cal.format_local(due), "2026-11-23 11:00");
    assert_eq!(cal.business_seconds_between(friday, due), 4 * HOUR);
    // The weekend counts for nothing.
    assert_eq!(
        cal.business_seconds_between(cph("2026-11-20T17:00"), cph("2026-11-23T09:00")),
        0
    );
}

#[test]
fn a_case_opened_outside_hours_starts_counting_at_the_next_opening() {
    let cal = office();
    let saturday = cph("2026-11-21T10:00");
    assert_eq!(cal.deadline(saturday, HOUR), cph("2026-11-23T10:00"));
    let tuesday_night = cph("2026-11-24T22:30");
    assert_eq!(
        cal.deadline(tuesday_night, 30 * 60),
        cph("2026-11-25T09:30")
    );
    let early = cph("2026-11-25T06:00");
    assert_eq!(cal.deadline(early, 8 * HOUR), cph("2026-11-25T17:00"));
    assert!(!cal.is_open_at(saturday));
    assert!(cal.is_open_at(cph("2026-11-25T09:00")));
    assert!(!cal.is_open_at(cph("2026-11-25T17:00")));
}

#[test]
fn holidays_are_skipped() {
    let christmas = parse_holiday_lines("2026-12-24 Juleaften\n\n 2026-12-25  Juledag ").unwrap();
    assert_eq!(christmas[1].1, "Juledag");
    let cal =
        BusinessCalendar::new("Europe/Copenhagen", office().week().clone(), christmas).unwrap();
    let wednesday = cph("2026-12-23T16:00");
    // One hour on Wednesday, then Thursday and Friday are holidays and the weekend is closed.
    assert_eq!(cal.deadline(wednesday, 2 * HOUR), cph("2026-12-28T10:00"));
    assert_eq!(
        cal.business_seconds_between(wednesday, cph("2026-12-28T10:00")),
        2 * HOUR
    );
    assert!(!cal.is_open_at(cph("2026-12-24T12:00")));
    assert_eq!(
        format_holiday_lines(cal.holidays()),
        "2026-12-24 Juleaften\n2026-12-25 Juledag"
    );
    // Without the holidays the same target is met on Christmas Eve.
    assert_eq!(
        office().deadline(wednesday, 2 * HOUR),
        cph("2026-12-24T10:00")
    );
}

#[test]
fn a_day_with_several_intervals_skips_the_lunch_break() {
    let split = parse_day_hours("13:00-17:00, 08:00-12:00").unwrap();
    assert_eq!(format_day_hours(&split), "08:00-12:00, 13:00-17:00");
    let week = [
        split.clone(),
        split.clone(),
        split.clone(),
        split.clone(),
        split,
        vec![],
        vec![],
    ];
    let cal = BusinessCalendar::new("Europe/Copenhagen", week, []).unwrap();
    let monday = cph("2026-11-23T11:00");
    assert_eq!(cal.deadline(monday, 2 * HOUR), cph("2026-11-23T14:00"));
    assert_eq!(
        cal.business_seconds_between(monday, cph("2026-11-23T18:00")),
        5 * HOUR
    );
}

#[test]
fn daylight_saving_changes_are_counted_as_the_clock_says() {
    let cal = always_open();
    // Clocks go forward at 02:00 on 29 March 2026: that Sunday has 23 hours.
    let sat = cph("2026-03-28T12:00");
    let sun = cph("2026-03-29T12:00");
    assert_eq!(sun - sat, 23 * HOUR);
    assert_eq!(cal.business_seconds_between(sat, sun), 23 * HOUR);
    assert_eq!(cal.deadline(sat, 24 * HOUR), cph("2026-03-29T13:00"));
    // Clocks go back at 03:00 on 25 October 2026: that Sunday has 25 hours.
    let sat = cph("2026-10-24T12:00");
    let sun = cph("2026-10-25T12:00");
    assert_eq!(cal.business_seconds_between(sat, sun), 25 * HOUR);
    assert_eq!(cal.deadline(sat, 24 * HOUR), cph("2026-10-25T11:00"));

    // Office hours keep their wall-clock times across the change: 09:00 is 08:00 UTC in
    // March before the change and 07:00 UTC after it.
    let office = office();
    let friday = cph("2026-03-27T16:00");
    assert_eq!(office.deadline(friday, 2 * HOUR), cph("2026-03-30T10:00"));
    assert_eq!(cph("2026-03-30T10:00") - friday, 2 * 24 * HOUR + 17 * HOUR);

    // A night shift across the change is as long as the wall clock says.
    let night = vec![Interval::new(60, 4 * 60).unwrap()];
    let e = Vec::new;
    let cal = BusinessCalendar::new(
        "Europe/Copenhagen",
        [e(), e(), e(), e(), e(), e(), night],
        [],
    )
    .unwrap();
    assert_eq!(
        cal.business_seconds_between(cph("2026-03-29T00:00"), cph("2026-03-29T05:00")),
        2 * HOUR
    );
    assert_eq!(
        cal.business_seconds_between(cph("2026-10-25T00:00"), cph("2026-10-25T05:00")),
        4 * HOUR
    );
}

#[test]
fn elapsed_time_is_negative_backwards_and_zero_targets_are_due_at_once() {
    let cal = office();
    let a = cph("2026-11-23T10:00");
    let b = cph("2026-11-24T10:00");
    assert_eq!(cal.business_seconds_between(a, b), 8 * HOUR);
    assert_eq!(cal.business_seconds_between(b, a), -8 * HOUR);
    assert_eq!(cal.deadline(a, 0), a);
    assert_eq!(cal.deadline(a, -5), a);
}

#[test]
fn bad_input_is_rejected_with_its_own_message() {
    assert_eq!(parse_time("9:30"), Ok(570));
    assert_eq!(parse_time("24:00"), Ok(1440));
    assert_eq!(parse_time("08.15"), Ok(495));
    assert_eq!(
        parse_time("25:00"),
        Err(CalendarError::BadTime("25:00".into()))
    );
    assert_eq!(parse_time("9:7"), Err(CalendarError::BadTime("9:7".into())));
    assert_eq!(
        parse_time("noon"),
        Err(CalendarError::BadTime("noon".into()))
    );
    assert_eq!(
        parse_day_hours("17:00-09:00"),
        Err(CalendarError::EndBeforeStart("17:00-09:00".into()))
    );
    assert_eq!(
        parse_day_hours("09:00"),
        Err(CalendarError::BadInterval("09:00".into()))
    );
    assert_eq!(
        parse_day_hours("09:00-12:00, 11:00-15:00"),
        Err(CalendarError::Overlap("11:00-15:00".into()))
    );
    assert_eq!(parse_day_hours("  "), Ok(vec![]));
    assert_eq!(
        parse_holiday("2026-02-30"),
        Err(CalendarError::BadDate("2026-02-30".into()))
    );
    assert!(parse_holiday("2026-12-24").is_ok());
    assert_eq!(
        parse_holiday_lines("2026-12-24\n24/12 Juleaften"),
        Err(CalendarError::BadDate("24/12".into()))
    );
    assert_eq!(
        BusinessCalendar::office_hours("Europe/Kobenhavn"),
        Err(CalendarError::UnknownTimeZone("Europe/Kobenhavn".into()))
    );
    let e = Vec::new;
    assert_eq!(
        BusinessCalendar::new("UTC", [e(), e(), e(), e(), e(), e(), e()], []),
        Err(CalendarError::NeverOpen)
    );
    for err in [CalendarError::NeverOpen, CalendarError::BadTime("x".into())] {
        assert!(err.message_key().starts_with("hours-error-"));
    }
}

const ZONES: [&str; 5] = [
    "Europe/Copenhagen",
    "America/New_York",
    // Daylight saving of half an hour.
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "UTC",
];

fn calendars() -> impl Strategy<Value = BusinessCalendar> {
    let interval = (0u16..24 * 4, 1u16..12 * 4).prop_map(|(start, len)| {
        let start = start * 15;
        (start, (start + len * 15).min(24 * 60))
    });
    let day = prop::collection::vec(interval, 0..3).prop_map(|mut ivs| {
        // Keep the random intervals disjoint by dropping any that overlap an earlier one.
        ivs.sort();
        let mut out: Vec<Interval> = Vec::new();
        for (a, b) in ivs {
            if out.last().is_none_or(|l| l.end_minute() <= a) {
                out.push(Interval::new(a, b).unwrap());
            }
        }
        out
    });
    let holidays = prop::collection::vec(0i64..3 * 366, 0..40);
    (prop::array::uniform7(day), holidays, 0..ZONES.len()).prop_filter_map(
        "at least one open day",
        |(week, holidays, zone)| {
            let first = Date::new(2025, 1, 1).unwrap();
            let days = holidays.into_iter().map(|d| {
                (
                    first.checked_add(jiff::Span::new().days(d)).unwrap(),
                    String::new(),
                )
            });
            BusinessCalendar::new(ZONES[zone], week, days).ok()
        },
    )
}

proptest! {
    #[test]
    fn the_business_time_until_a_deadline_is_the_target(
        cal in calendars(),
        // 2025-01-01 to 2027-12-31.
        start in 1_735_689_600i64..1_830_297_600,
        target in 0i64..300 * HOUR,
    ) {
        let due = cal.deadline(start, target);
        prop_assert!(due >= start);
        prop_assert_eq!(cal.business_seconds_between(start, due), target);
        if target > 0 {
            // The deadline falls in open time: the second before it is open.
            prop_assert!(cal.is_open_at(due - 1));
            prop_assert!(cal.deadline(start, target + 1) > due);
        }
    }

    #[test]
    fn elapsed_business_time_adds_up_over_a_split(
        cal in calendars(),
        a in 1_735_689_600i64..1_830_297_600,
        d1 in 0i64..20 * 24 * HOUR,
        d2 in 0i64..20 * 24 * HOUR,
    ) {
        let (b, c) = (a + d1, a + d1 + d2);
        let ab = cal.business_seconds_between(a, b);
        prop_assert!(ab >= 0 && ab <= d1);
        prop_assert_eq!(ab + cal.business_seconds_between(b, c), cal.business_seconds_between(a, c));
    }
}
