//! Cell values as Danish, Swedish and English exports write them: dates (31-12-2025,
//! 31.12.2025, 2025-12-31, ISO 8601, Shopify's "2025-12-31 14:05:12 +0100"), amounts with
//! decimal commas and currency signs ("1.234,50", "1 234,50 kr", "DKK 99.95"), yes/no.

use kunde_domain::Money;
use time::{Date, Month, PrimitiveDateTime, Time, UtcOffset};

/// Unix seconds for a date with an optional time and an optional UTC offset. A date without
/// a time means midnight; a time without an offset is taken as UTC.
pub fn parse_datetime(s: &str) -> Option<i64> {
    let s = s.trim();
    let split = s.find([' ', 'T']).unwrap_or(s.len());
    let (date_part, rest) = s.split_at(split);
    let date = parse_date(date_part)?;
    let rest = rest.trim_start_matches(['T', ' ']).trim();
    let (time, offset) = if rest.is_empty() {
        (Time::MIDNIGHT, UtcOffset::UTC)
    } else {
        parse_time_and_offset(rest)?
    };
    Some(
        PrimitiveDateTime::new(date, time)
            .assume_offset(offset)
            .unix_timestamp(),
    )
}

fn parse_date(s: &str) -> Option<Date> {
    let parts: Vec<&str> = s.split(['-', '.', '/']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if ![a, b, c]
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    // Year first (ISO) or year last (day-month-year, as Denmark and Sweden write it by hand).
    let (y, m, d) = if a.len() == 4 {
        (a, b, c)
    } else if c.len() == 4 && a.len() <= 2 && b.len() <= 2 {
        (c, b, a)
    } else {
        return None;
    };
    let month = Month::try_from(m.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok()
}

fn parse_time_and_offset(s: &str) -> Option<(Time, UtcOffset)> {
    // The offset starts at a 'Z', '+' or at a '-' (times contain no '-').
    let zone_at = s.find(['Z', 'z', '+', '-']).or_else(|| s.find(" UTC"));
    let (clock, zone) = match zone_at {
        Some(i) => (s[..i].trim(), s[i..].trim()),
        None => (s, ""),
    };
    let mut fields = clock.split([':', '.']);
    let hour: u8 = fields.next()?.parse().ok()?;
    let minute: u8 = fields.next()?.parse().ok()?;
    let second: u8 = match fields.next() {
        Some(sec) => sec.parse().ok()?,
        None => 0,
    };
    // Fractions of a second are dropped: Kunde keeps whole seconds.
    let time = Time::from_hms(hour, minute, second).ok()?;
    let offset = match zone {
        "" | "Z" | "z" | "UTC" => UtcOffset::UTC,
        z => {
            let sign: i8 = if z.starts_with('-') { -1 } else { 1 };
            let digits: String = z[1..].chars().filter(|c| *c != ':').collect();
            if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let h: i8 = digits[..2].parse().ok()?;
            let m: i8 = digits[2..].parse().ok()?;
            UtcOffset::from_hms(sign * h, sign * m, 0).ok()?
        }
    };
    Some((time, offset))
}

/// Currency markers that may stand before or after an amount. "kr" is left without a code
/// because Danish, Swedish and Norwegian crowns all write it.
const CURRENCY_SIGNS: [(&str, Option<&str>); 6] = [
    ("kr.", None),
    ("kr", None),
    (",-", None),
    ("€", Some("EUR")),
    ("$", Some("USD")),
    ("£", Some("GBP")),
];

/// An amount and the currency code written with it, if any ("1 234,50 kr", "DKK 99,95").
pub fn parse_amount(s: &str) -> Option<(Money, Option<String>)> {
    let mut t = s.trim().to_owned();
    let mut currency = None;
    // A three-letter code before or after the number.
    for (i, word) in t.clone().split_whitespace().enumerate() {
        if word.len() == 3 && word.bytes().all(|b| b.is_ascii_alphabetic()) {
            currency = Some(word.to_ascii_uppercase());
            let mut words: Vec<&str> = t.split_whitespace().collect();
            words.remove(i);
            t = words.join(" ");
            break;
        }
    }
    for (sign, code) in CURRENCY_SIGNS {
        let lower = t.to_lowercase();
        if lower.ends_with(sign) {
            t.truncate(t.len() - sign.len());
        } else if lower.starts_with(sign) {
            t = t[sign.len()..].to_owned();
        } else {
            continue;
        }
        if let Some(code) = code {
            currency.get_or_insert_with(|| code.to_owned());
        }
        break;
    }
    Money::parse(t.trim()).ok().map(|m| (m, currency))
}

/// Yes or no in the ways files write it, Shopify's financial statuses included.
pub fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "1" | "true" | "yes" | "y" | "ja" | "j" | "x" | "oo" | "paid" | "betalt" | "betald"
        | "partially_refunded" | "refunded" => Some(true),
        "0" | "false" | "no" | "n" | "nej" | "hindi" | "" | "pending" | "authorized"
        | "partially_paid" | "voided" | "unpaid" | "ubetalt" | "obetald" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 1_767_139_200; // 2025-12-31T00:00:00Z

    #[test]
    fn dates_in_the_ways_nordic_and_iso_files_write_them() {
        let cases = [
            ("31-12-2025", DAY),
            ("31.12.2025", DAY),
            ("31/12/2025", DAY),
            ("2025-12-31", DAY),
            ("1.1.2026", DAY + 86_400),
            ("31-12-2025 14:05", DAY + 14 * 3600 + 300),
            ("31.12.2025 14.05", DAY + 14 * 3600 + 300),
            ("2025-12-31T14:05:12Z", DAY + 14 * 3600 + 312),
            ("2025-12-31T14:05:12.250+01:00", DAY + 13 * 3600 + 312),
            ("2025-12-31 14:05:12 +0100", DAY + 13 * 3600 + 312),
            ("2025-12-31 14:05:12 -0500", DAY + 19 * 3600 + 312),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_datetime(input), Some(expected), "{input}");
        }
        for bad in [
            "",
            "31-13-2025",
            "2025-02-30",
            "12/31/25",
            "tomorrow",
            "2025-12-31 25:00",
            "2025-12-31 10:00 +1",
        ] {
            assert_eq!(parse_datetime(bad), None, "{bad} should be refused");
        }
    }

    #[test]
    fn amounts_with_decimal_commas_and_currency_marks() {
        let cases = [
            ("1.234,50", 123_450, None),
            ("1 234,50 kr", 123_450, None),
            ("1\u{a0}234,50 kr.", 123_450, None),
            ("kr 99,95", 9_995, None),
            ("DKK 99.95", 9_995, Some("DKK")),
            ("499,- ", 49_900, None),
            ("12,5 SEK", 1_250, Some("SEK")),
            ("€ 10", 1_000, Some("EUR")),
            ("-25,00", -2_500, None),
        ];
        for (input, minor, currency) in cases {
            let (m, c) = parse_amount(input).unwrap_or_else(|| panic!("{input}"));
            assert_eq!(m, Money(minor), "{input}");
            assert_eq!(c.as_deref(), currency, "{input}");
        }
        for bad in ["", "kr", "12,3x", "12 abcd"] {
            assert!(parse_amount(bad).is_none(), "{bad} should be refused");
        }
    }
}
