//! Formatting of dates, times, numbers, percentages and money the way each language writes
//! them, with times in the business's own time zone (issue 17: never UTC on a page).

use kunde_domain::{Language, Money};

pub fn format_date(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .map(|t| format!("{}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day()))
        .unwrap_or_default()
}

pub fn format_datetime(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .map(|t| {
            format!(
                "{}-{:02}-{:02} {:02}:{:02}",
                t.year(),
                u8::from(t.month()),
                t.day(),
                t.hour(),
                t.minute()
            )
        })
        .unwrap_or_default()
}

/// Money the way each language writes it: "DKK 1,234.50" in English, "1.234,50 DKK" in
/// Danish, "1 234,50 DKK" in Swedish.
pub fn format_money(lang: Language, m: Money, currency: &str) -> String {
    let negative = m.0 < 0;
    let abs = m.0.unsigned_abs();
    let (units, cents) = (abs / 100, abs % 100);
    let (group, decimal) = match lang {
        Language::Da => ('.', ','),
        Language::Sv => ('\u{a0}', ','),
        Language::En | Language::Tl => (',', '.'),
    };
    let digits = units.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    let sign = if negative { "-" } else { "" };
    let number = format!("{sign}{grouped}{decimal}{cents:02}");
    match lang {
        Language::En | Language::Tl => format!("{currency} {number}").trim().to_owned(),
        _ => format!("{number} {currency}").trim().to_owned(),
    }
}

/// A number with `decimals` decimals the way each language writes it: "1,234.5" in English
/// and Tagalog, "1.234,5" in Danish, "1 234,5" in Swedish (a no-break space groups).
pub fn format_number(lang: Language, x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "–".to_owned();
    }
    let (group, decimal) = match lang {
        Language::Da => ('.', ','),
        Language::Sv => ('\u{a0}', ','),
        Language::En | Language::Tl => (',', '.'),
    };
    let text = format!("{:.*}", decimals, x.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    // "-0.0" is written "0.0": a rounded zero has no sign.
    if x < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(decimal);
        out.push_str(frac);
    }
    out
}

/// A change with its sign ("+3.5", "−2.0"; "0.0" for none).
pub fn format_change(lang: Language, x: f64, decimals: usize) -> String {
    let number = format_number(lang, x, decimals);
    if number.starts_with('-') {
        number.replacen('-', "\u{2212}", 1)
    } else if number.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("+{number}")
    } else {
        number
    }
}

/// A duration the way a person reads it: minutes, hours or days.
pub fn duration(tr: &crate::kit::i18n::Tr, seconds: f64) -> String {
    let one_decimal = |x: f64| {
        let s = format!("{x:.1}");
        s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
    };
    if seconds < 3600.0 {
        tr.t_args(
            "analytics-minutes",
            &[("n", &format!("{:.0}", (seconds / 60.0).round()))],
        )
    } else if seconds < 48.0 * 3600.0 {
        tr.t_args("analytics-hours", &[("n", &one_decimal(seconds / 3600.0))])
    } else {
        tr.t_args("analytics-days", &[("n", &one_decimal(seconds / 86_400.0))])
    }
}

/// The words for an acquisition channel: a translated label for the channels Kunde offers in
/// its forms (`google_ads` → "Google Ads", `walk_in` → "Kom ind fra gaden"), the owner's own
/// name as typed for any other.
pub fn acquisition_channel(tr: &crate::kit::i18n::Tr, code: &str) -> String {
    if kunde_domain::ACQUISITION_CHANNELS.contains(&code) {
        tr.t(&format!("acquisition-{code}"))
    } else {
        code.to_owned()
    }
}

/// The time zone named `name`, or UTC if the name is unknown (a calendar is validated when
/// saved, so this is only a safety net).
pub fn zone(name: &str) -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get(name).unwrap_or(jiff::tz::TimeZone::UTC)
}

/// The zone named `name` as the analytics core needs it: its UTC offsets and their changes
/// from 1970 to 2100, so that months and weeks of the Value pages and the dashboard start at
/// the business's local midnight.
pub fn analytics_zone(name: &str) -> kunde_analytics::Zone {
    let tz = zone(name);
    let start = jiff::Timestamp::UNIX_EPOCH;
    let end = jiff::Timestamp::from_second(4_102_444_800).unwrap_or(jiff::Timestamp::MAX);
    let mut changes = vec![(i64::MIN, tz.to_offset(start).seconds())];
    changes.extend(
        tz.following(start)
            .take_while(|t| t.timestamp() < end)
            .map(|t| (t.timestamp().as_second(), t.offset().seconds())),
    );
    kunde_analytics::Zone::from_changes(changes)
}

const MONTHS: [[&str; 12]; 4] = [
    [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ],
    [
        "jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.",
        "dec.",
    ],
    [
        "jan.", "feb.", "mars", "apr.", "maj", "juni", "juli", "aug.", "sep.", "okt.", "nov.",
        "dec.",
    ],
    [
        "Ene", "Peb", "Mar", "Abr", "May", "Hun", "Hul", "Ago", "Set", "Okt", "Nob", "Dis",
    ],
];

fn civil(tz: &jiff::tz::TimeZone, unix: i64) -> Option<jiff::civil::DateTime> {
    let ts = jiff::Timestamp::from_second(unix).ok()?;
    Some(tz.to_datetime(ts))
}

fn month_name(lang: Language, month: i8) -> &'static str {
    let row = match lang {
        Language::En => 0,
        Language::Da => 1,
        Language::Sv => 2,
        Language::Tl => 3,
    };
    MONTHS[row][(month.clamp(1, 12) - 1) as usize]
}

/// A month's short name in `lang` ("Nov", "nov.", "Nob"); `month` is 1–12.
pub fn month_short(lang: Language, month: i8) -> &'static str {
    month_name(lang, month)
}

/// A month of a year the way `lang` writes it ("Nov 2026", "nov. 2026", "Nob 2026").
pub fn month_year(lang: Language, year: i16, month: i8) -> String {
    format!("{} {year}", month_name(lang, month))
}

/// A calendar date given as `YYYY-MM-DD` (an invoice's dates) the way `lang` writes it;
/// anything else is returned as it is.
pub fn civil_date(lang: Language, ymd: &str) -> String {
    let Ok(d) = ymd.parse::<jiff::civil::Date>() else {
        return ymd.to_owned();
    };
    write_date(lang, d.year(), d.month(), d.day())
}

/// A time for a CSV file, in the workspace's zone `tz`: "2026-03-01 14:05" (ISO order, so a
/// spreadsheet sorts it; the column header names the zone, see [`csv_zone_header`]).
pub fn csv_datetime(tz: &jiff::tz::TimeZone, unix: i64) -> String {
    civil(tz, unix)
        .map(|d| {
            format!(
                "{:04}-{:02}-{:02} {:02}:{:02}",
                d.year(),
                d.month(),
                d.day(),
                d.hour(),
                d.minute()
            )
        })
        .unwrap_or_default()
}

/// A day for a CSV file, in the workspace's zone `tz`: "2026-03-01".
pub fn csv_date(tz: &jiff::tz::TimeZone, unix: i64) -> String {
    civil(tz, unix)
        .map(|d| format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
        .unwrap_or_default()
}

/// A CSV column header for times in the zone named `zone`: "submitted_at (Europe/Copenhagen)".
pub fn csv_zone_header(column: &str, zone: &str) -> String {
    format!("{column} ({zone})")
}

/// A date in `tz` the way `lang` writes it: "6 Dec 2026", "6. dec. 2026", "6 dec. 2026",
/// "Dis 6, 2026".
pub fn local_date(lang: Language, tz: &jiff::tz::TimeZone, unix: i64) -> String {
    let Some(d) = civil(tz, unix) else {
        return String::new();
    };
    write_date(lang, d.year(), d.month(), d.day())
}

fn write_date(lang: Language, year: i16, month: i8, day: i8) -> String {
    let month = month_name(lang, month);
    match lang {
        Language::En | Language::Sv => format!("{day} {month} {year}"),
        Language::Da => format!("{day}. {month} {year}"),
        Language::Tl => format!("{month} {day}, {year}"),
    }
}

/// A date and time in `tz` the way `lang` writes it: "6 Dec 2026, 14:05",
/// "6. dec. 2026 kl. 14.05", "6 dec. 2026 kl. 14:05", "Dis 6, 2026, 14:05".
pub fn local_datetime(lang: Language, tz: &jiff::tz::TimeZone, unix: i64) -> String {
    let Some(d) = civil(tz, unix) else {
        return String::new();
    };
    let date = local_date(lang, tz, unix);
    let (h, m) = (d.hour(), d.minute());
    match lang {
        Language::En | Language::Tl => format!("{date}, {h:02}:{m:02}"),
        Language::Da => format!("{date} kl. {h:02}.{m:02}"),
        Language::Sv => format!("{date} kl. {h:02}:{m:02}"),
    }
}

/// A number with `decimals` places, grouped the way `lang` writes it: "47,444.5" in English,
/// "47.444,5" in Danish, "47 444,5" in Swedish.
pub fn number(lang: Language, x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "–".to_owned();
    }
    let (group, decimal) = match lang {
        Language::Da => ('.', ','),
        Language::Sv => ('\u{a0}', ','),
        Language::En | Language::Tl => (',', '.'),
    };
    let text = format!("{:.*}", decimals, x.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    let sign = if x < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{decimal}{frac}")
    }
}

/// A percentage (`x` in percent) the way `lang` writes it: "79.0%" in English and Tagalog,
/// "79,0 %" in Danish and Swedish.
pub fn percent(lang: Language, x: f64, decimals: usize) -> String {
    let n = number(lang, x, decimals);
    match lang {
        Language::En | Language::Tl => format!("{n}%"),
        Language::Da | Language::Sv => format!("{n}\u{a0}%"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_written_the_way_each_language_writes_it() {
        assert_eq!(
            format_money(Language::En, Money(123_456_789), "DKK"),
            "DKK 1,234,567.89"
        );
        assert_eq!(
            format_money(Language::Da, Money(123_450), "DKK"),
            "1.234,50 DKK"
        );
        assert_eq!(
            format_money(Language::Sv, Money(123_450), "SEK"),
            "1\u{a0}234,50 SEK"
        );
        assert_eq!(format_money(Language::Da, Money(-5), "DKK"), "-0,05 DKK");
        assert_eq!(format_money(Language::En, Money(99_900), ""), "999.00");
    }

    #[test]
    fn numbers_and_changes_are_written_the_way_each_language_writes_them() {
        assert_eq!(format_number(Language::En, 1234.56, 1), "1,234.6");
        assert_eq!(format_number(Language::Da, 1234.56, 1), "1.234,6");
        assert_eq!(format_number(Language::Sv, -1234.0, 0), "-1\u{a0}234");
        assert_eq!(format_number(Language::Tl, 0.04, 0), "0");
        assert_eq!(format_number(Language::En, -0.04, 1), "0.0");
        assert_eq!(format_number(Language::En, f64::NAN, 1), "–");
        assert_eq!(format_change(Language::En, 3.26, 1), "+3.3");
        assert_eq!(format_change(Language::Da, -2.0, 1), "\u{2212}2,0");
        assert_eq!(format_change(Language::En, 0.0, 0), "0");
    }

    #[test]
    fn dates_are_iso() {
        assert_eq!(format_date(1_767_225_600), "2026-01-01");
        assert_eq!(format_datetime(1_767_225_600 + 3_660), "2026-01-01 01:01");
    }

    #[test]
    fn durations_read_as_minutes_hours_or_days() {
        let tr = crate::kit::i18n::Tr::new(kunde_domain::Language::En);
        assert_eq!(duration(&tr, 150.0), "3 min");
        assert_eq!(duration(&tr, 5400.0), "1.5 h");
        assert_eq!(duration(&tr, 3.0 * 86_400.0), "3 days");
    }

    #[test]
    fn the_analytics_zone_has_copenhagens_summer_time() {
        let z = analytics_zone("Europe/Copenhagen");
        // 2024-01-15 12:00 UTC and 2024-07-01 12:00 UTC.
        assert_eq!(z.offset_at(1_705_320_000), 3600);
        assert_eq!(z.offset_at(1_719_835_200), 7200);
        assert_eq!(analytics_zone("Nowhere/Bogus").offset_at(1_719_835_200), 0);
    }

    #[test]
    fn times_are_shown_in_the_business_time_zone_with_each_languages_date_rules() {
        // 2026-07-01 12:30 UTC is 14:30 in Copenhagen (summer time), 13:30 in London.
        let unix = 1_782_909_000;
        let cph = zone("Europe/Copenhagen");
        let table = [
            (Language::En, "1 Jul 2026, 14:30"),
            (Language::Da, "1. jul. 2026 kl. 14.30"),
            (Language::Sv, "1 juli 2026 kl. 14:30"),
            (Language::Tl, "Hul 1, 2026, 14:30"),
        ];
        for (lang, expected) in table {
            assert_eq!(local_datetime(lang, &cph, unix), expected, "{lang:?}");
        }
        assert_eq!(
            local_datetime(Language::En, &zone("Europe/London"), unix),
            "1 Jul 2026, 13:30"
        );
        // Winter: an hour ahead of UTC, and the date turns at local midnight.
        let new_year = 1_767_225_600 - 1800; // 2025-12-31 23:30 UTC
        assert_eq!(local_date(Language::Da, &cph, new_year), "1. jan. 2026");
        assert_eq!(
            local_date(Language::En, &zone("Nowhere/Bogus"), new_year),
            "31 Dec 2025"
        );
    }

    #[test]
    fn numbers_and_percentages_follow_the_readers_language() {
        let table = [
            (Language::En, "47,444.5", "79.0%"),
            (Language::Da, "47.444,5", "79,0\u{a0}%"),
            (Language::Sv, "47\u{a0}444,5", "79,0\u{a0}%"),
            (Language::Tl, "47,444.5", "79.0%"),
        ];
        for (lang, n, p) in table {
            assert_eq!(number(lang, 47_444.5, 1), n, "{lang:?}");
            assert_eq!(percent(lang, 79.0, 1), p, "{lang:?}");
        }
        assert_eq!(number(Language::Da, 50.44, 1), "50,4");
        assert_eq!(number(Language::En, -1234.0, 0), "-1,234");
        assert_eq!(number(Language::En, -0.01, 1), "0.0");
        assert_eq!(number(Language::En, f64::NAN, 1), "–");
    }
}
