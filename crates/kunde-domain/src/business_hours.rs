//! Business hours: when a business is open, and how much *open* time lies between two
//! instants. Service targets ("answer within 4 business hours") are counted in this time, so a
//! case opened on Friday afternoon is not late on Saturday.
//!
//! A [`BusinessCalendar`] holds the business's time zone (an IANA name, looked up in the tz
//! database bundled with `jiff`, so daylight saving changes are exact on every machine),
//! opening hours per weekday (zero or more intervals in local wall-clock time) and holidays
//! (local dates closed all day).
//!
//! Both computations walk the calendar one local day at a time and turn each day's intervals
//! into UTC instants with the zone's rules for that day. An interval is therefore as long as
//! the wall clock says *that* day: 01:00–04:00 on the night clocks go forward is two hours.
//! A local time that does not exist (in the spring gap) is read as the same wall-clock time
//! after the gap, a time that happens twice (in the autumn fold) as its first occurrence —
//! the "compatible" rule of RFC 5545 and Temporal.
//!
//! Pure: no I/O and no clock; times are Unix seconds (UTC).

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use std::collections::BTreeMap;

/// A calendar span (re-exported for date arithmetic such as `date.checked_add(Span::new().days(1))`).
pub use jiff::Span;
/// A local calendar date (re-exported so callers need not depend on `jiff`).
pub use jiff::civil::Date;
use std::fmt;

/// Minutes in a day; an interval may end at 24:00.
const DAY_MINUTES: u16 = 24 * 60;

/// How many local days the computations walk at most before giving up: more than 27 years.
/// A valid calendar is open at least once a week, so only absurd targets get near it.
const MAX_DAYS: u32 = 10_000;

/// Why a calendar (or a piece of one typed into a form) was rejected. Each variant has a
/// stable message key the web layer translates.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// A time that is not `HH:MM` between 00:00 and 24:00.
    #[error("'{0}' is not a time: write it as 09:00")]
    BadTime(String),
    /// A piece of a day's hours that is not `start-end`.
    #[error("'{0}' is not an interval: write it as 09:00-17:00")]
    BadInterval(String),
    /// An interval that ends at or before it starts.
    #[error("'{0}' ends before it starts")]
    EndBeforeStart(String),
    /// Two intervals of one day that overlap.
    #[error("'{0}' overlaps another interval of the same day")]
    Overlap(String),
    /// A holiday that is not a `YYYY-MM-DD` date.
    #[error("'{0}' is not a date: write it as 2026-12-24")]
    BadDate(String),
    /// A time zone the tz database does not know.
    #[error("unknown time zone '{0}': use a name such as Europe/Copenhagen")]
    UnknownTimeZone(String),
    /// Every weekday closed: no target could ever be met.
    #[error("the business must be open at least one day a week")]
    NeverOpen,
}

impl CalendarError {
    /// The Fluent key of the message; its argument is `value`.
    pub fn message_key(&self) -> &'static str {
        match self {
            Self::BadTime(_) => "hours-error-time",
            Self::BadInterval(_) => "hours-error-interval",
            Self::EndBeforeStart(_) => "hours-error-order",
            Self::Overlap(_) => "hours-error-overlap",
            Self::BadDate(_) => "hours-error-date",
            Self::UnknownTimeZone(_) => "hours-error-zone",
            Self::NeverOpen => "hours-error-never-open",
        }
    }

    /// The offending text, for the message.
    pub fn value(&self) -> &str {
        match self {
            Self::BadTime(v)
            | Self::BadInterval(v)
            | Self::EndBeforeStart(v)
            | Self::Overlap(v)
            | Self::BadDate(v)
            | Self::UnknownTimeZone(v) => v,
            Self::NeverOpen => "",
        }
    }
}

/// An opening interval of one day in local wall-clock minutes: `start < end <= 24:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Interval {
    start: u16,
    end: u16,
}

impl Interval {
    /// An interval from `start` to `end` minutes after local midnight.
    pub fn new(start: u16, end: u16) -> Result<Self, CalendarError> {
        if end > DAY_MINUTES {
            return Err(CalendarError::BadTime(format_minutes(end)));
        }
        if end <= start {
            return Err(CalendarError::EndBeforeStart(format!(
                "{}-{}",
                format_minutes(start),
                format_minutes(end)
            )));
        }
        Ok(Self { start, end })
    }

    /// Parses `09:00-17:00` (also with `–`, spaces, or `9.00`).
    pub fn parse(s: &str) -> Result<Self, CalendarError> {
        let t = s.trim();
        let (a, b) = t
            .split_once(['-', '–'])
            .ok_or_else(|| CalendarError::BadInterval(t.to_owned()))?;
        Self::new(parse_time(a)?, parse_time(b)?)
    }

    pub fn start_minute(self) -> u16 {
        self.start
    }

    pub fn end_minute(self) -> u16 {
        self.end
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{}",
            format_minutes(self.start),
            format_minutes(self.end)
        )
    }
}

/// Parses `HH:MM` (or `H:MM`, `HH.MM`, `HH`) into minutes after midnight, 24:00 included.
pub fn parse_time(s: &str) -> Result<u16, CalendarError> {
    let t = s.trim();
    let bad = || CalendarError::BadTime(t.to_owned());
    let (h, m) = match t.split_once([':', '.']) {
        Some((h, m)) if m.len() == 2 => (h, m),
        Some(_) => return Err(bad()),
        None => (t, "00"),
    };
    if h.is_empty() || h.len() > 2 || !h.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    if !m.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let (h, m): (u16, u16) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if m >= 60 || h > 24 || (h == 24 && m > 0) {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

/// `HH:MM` for minutes after midnight.
pub fn format_minutes(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// One day's hours as written in the settings form: `09:00-12:00, 13:00-17:00`, or empty
/// for closed. The intervals come back sorted; overlapping ones are an error.
pub fn parse_day_hours(s: &str) -> Result<Vec<Interval>, CalendarError> {
    let mut intervals = s
        .split([',', ';'])
        .filter(|p| !p.trim().is_empty())
        .map(Interval::parse)
        .collect::<Result<Vec<_>, _>>()?;
    intervals.sort();
    check_disjoint(&intervals)?;
    Ok(intervals)
}

/// A day's intervals written back in the form's syntax.
pub fn format_day_hours(intervals: &[Interval]) -> String {
    intervals
        .iter()
        .map(Interval::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn check_disjoint(sorted: &[Interval]) -> Result<(), CalendarError> {
    for pair in sorted.windows(2) {
        if pair[1].start < pair[0].end {
            return Err(CalendarError::Overlap(pair[1].to_string()));
        }
    }
    Ok(())
}

/// Parses a holiday date, `YYYY-MM-DD`.
pub fn parse_holiday(s: &str) -> Result<Date, CalendarError> {
    let t = s.trim();
    t.parse::<Date>()
        .ok()
        .filter(|_| t.len() == 10)
        .ok_or_else(|| CalendarError::BadDate(t.to_owned()))
}

/// Parses the settings form's holiday list: one `YYYY-MM-DD name` per line (the name is
/// optional). Blank lines are skipped; a date given twice keeps its last name.
pub fn parse_holiday_lines(s: &str) -> Result<Vec<(Date, String)>, CalendarError> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let (date, name) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            Ok((parse_holiday(date)?, name.trim().to_owned()))
        })
        .collect()
}

/// Holidays written back in the form's syntax, in date order.
pub fn format_holiday_lines<'a>(holidays: impl Iterator<Item = (Date, &'a str)>) -> String {
    holidays
        .map(|(d, name)| format!("{d} {name}").trim_end().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A business's opening hours, holidays and time zone. Always valid: the zone is known, each
/// day's intervals are sorted and disjoint, and at least one weekday is open.
#[derive(Debug, Clone, PartialEq)]
pub struct BusinessCalendar {
    zone_name: String,
    zone: TimeZone,
    /// Monday first.
    week: [Vec<Interval>; 7],
    /// Closed all day, with the name the business gave each (possibly empty).
    holidays: BTreeMap<Date, String>,
}

/// A time zone name the bundled tz database knows (`Europe/Copenhagen`), or `UTC`.
pub fn time_zone(name: &str) -> Result<TimeZone, CalendarError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CalendarError::UnknownTimeZone(String::new()));
    }
    jiff::tz::db()
        .get(name)
        .map_err(|_| CalendarError::UnknownTimeZone(name.to_owned()))
}

impl BusinessCalendar {
    /// A calendar from its parts; `week` is Monday first; holidays are dates with names.
    pub fn new(
        zone_name: &str,
        week: [Vec<Interval>; 7],
        holidays: impl IntoIterator<Item = (Date, String)>,
    ) -> Result<Self, CalendarError> {
        let zone = time_zone(zone_name)?;
        let mut week = week;
        for day in &mut week {
            day.sort();
            check_disjoint(day)?;
        }
        if week.iter().all(Vec::is_empty) {
            return Err(CalendarError::NeverOpen);
        }
        Ok(Self {
            zone_name: zone_name.trim().to_owned(),
            zone,
            week,
            holidays: holidays.into_iter().collect(),
        })
    }

    /// Monday to Friday 09:00–17:00 in `zone_name`, no holidays.
    pub fn office_hours(zone_name: &str) -> Result<Self, CalendarError> {
        let day = || vec![Interval::new(9 * 60, 17 * 60).expect("09:00 is before 17:00")];
        Self::new(
            zone_name,
            [day(), day(), day(), day(), day(), vec![], vec![]],
            [],
        )
    }

    pub fn time_zone_name(&self) -> &str {
        &self.zone_name
    }

    /// The opening intervals of each weekday, Monday first.
    pub fn week(&self) -> &[Vec<Interval>; 7] {
        &self.week
    }

    /// The holidays in date order, with their names.
    pub fn holidays(&self) -> impl Iterator<Item = (Date, &str)> + '_ {
        self.holidays.iter().map(|(d, n)| (*d, n.as_str()))
    }

    /// `t` as the business's wall clock shows it, `YYYY-MM-DD HH:MM` (for due times on pages).
    pub fn format_local(&self, t: i64) -> String {
        let ts = Timestamp::from_second(clamp(t)).unwrap_or(Timestamp::MAX);
        let dt = self.zone.to_datetime(ts);
        format!(
            "{} {:02}:{:02}",
            dt.date(),
            dt.time().hour(),
            dt.time().minute()
        )
    }

    /// Whether the business is open at `t`.
    pub fn is_open_at(&self, t: i64) -> bool {
        let t = clamp(t);
        let date = self.local_date(t);
        // An interval ending after midnight belongs to the day before only at 24:00 exactly,
        // which is exclusive, so looking at `t`'s own local day is enough.
        self.open_spans(date).any(|(a, b)| a <= t && t < b)
    }

    /// When a target of `business_seconds` counted from `start` is due: the instant at which
    /// that much open time has passed since `start`. Opened outside hours, the count begins at
    /// the next opening. Zero or less is due at `start` itself.
    pub fn deadline(&self, start: i64, business_seconds: i64) -> i64 {
        let start = clamp(start);
        if business_seconds <= 0 {
            return start;
        }
        let mut remaining = business_seconds;
        let mut date = self.local_date(start);
        for _ in 0..MAX_DAYS {
            for (a, b) in self.open_spans(date) {
                let from = a.max(start);
                if from >= b {
                    continue;
                }
                if remaining <= b - from {
                    return from + remaining;
                }
                remaining -= b - from;
            }
            let Ok(next) = date.tomorrow() else { break };
            date = next;
        }
        // Past the end of the walk (or of time itself) the target is never met.
        i64::MAX
    }

    /// Open time between `a` and `b` in seconds; negative when `b` is before `a`, so
    /// `business_seconds_between(now, deadline)` is the time left, below zero once missed.
    pub fn business_seconds_between(&self, a: i64, b: i64) -> i64 {
        if b < a {
            return -self.business_seconds_between(b, a);
        }
        let (a, b) = (clamp(a), clamp(b));
        let mut total = 0;
        let mut date = self.local_date(a);
        let last = self.local_date(b);
        for _ in 0..=MAX_DAYS {
            for (x, y) in self.open_spans(date) {
                let (from, to) = (x.max(a), y.min(b));
                if from < to {
                    total += to - from;
                }
            }
            if date >= last {
                break;
            }
            let Ok(next) = date.tomorrow() else { break };
            date = next;
        }
        total
    }

    fn local_date(&self, t: i64) -> Date {
        let ts = Timestamp::from_second(t).unwrap_or(Timestamp::MAX);
        self.zone.to_datetime(ts).date()
    }

    /// The open intervals of a local date as UTC `[start, end)` seconds, in order.
    fn open_spans(&self, date: Date) -> impl Iterator<Item = (i64, i64)> + '_ {
        let closed = self.holidays.contains_key(&date);
        let day = if closed {
            &[][..]
        } else {
            &self.week[date.weekday().to_monday_zero_offset() as usize][..]
        };
        day.iter().filter_map(move |iv| {
            let a = self.instant(date, iv.start)?;
            let b = self.instant(date, iv.end)?;
            (a < b).then_some((a, b))
        })
    }

    /// The UTC instant of a local wall-clock minute of `date` (24:00 is the next midnight).
    fn instant(&self, date: Date, minute: u16) -> Option<i64> {
        let dt: DateTime = if minute >= DAY_MINUTES {
            date.tomorrow().ok()?.at(0, 0, 0, 0)
        } else {
            date.at((minute / 60) as i8, (minute % 60) as i8, 0, 0)
        };
        let ts = self.zone.to_ambiguous_timestamp(dt).compatible().ok()?;
        Some(ts.as_second())
    }
}

/// Keeps a Unix time inside the range the tz database can convert (years -9999..=9999).
fn clamp(t: i64) -> i64 {
    t.clamp(Timestamp::MIN.as_second(), Timestamp::MAX.as_second())
}

#[cfg(test)]
mod tests;
