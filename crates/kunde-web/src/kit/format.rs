//! Formatting of dates, times and money the way each language writes them.

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
}
