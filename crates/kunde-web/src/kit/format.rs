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
