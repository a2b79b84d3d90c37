//! Campaigns that repeat monthly, "the first Monday of every month at 9:00": the rule and the
//! next time it falls on after a given moment, in the business's time zone (a pure function
//! of its arguments, so it is tested with a table).

use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;

/// The nth (1–4) weekday of every month at a local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Monthly {
    /// 1 to 4.
    pub nth: i8,
    /// 1 (Monday) to 7 (Sunday).
    pub weekday: i8,
    /// Minutes after local midnight.
    pub minute: i16,
}

impl Monthly {
    /// The rule when each part is in range.
    pub fn new(nth: i64, weekday: i64, minute: i64) -> Option<Self> {
        let ok =
            (1..=4).contains(&nth) && (1..=7).contains(&weekday) && (0..1440).contains(&minute);
        ok.then_some(Self {
            nth: nth as i8,
            weekday: weekday as i8,
            minute: minute as i16,
        })
    }

    /// The day the rule falls on in `year`-`month`.
    fn day_in(self, year: i16, month: i8) -> Option<Date> {
        let first = Date::new(year, month, 1).ok()?;
        let want = Weekday::from_monday_one_offset(self.weekday).ok()?;
        let offset =
            (want.to_monday_zero_offset() - first.weekday().to_monday_zero_offset()).rem_euclid(7);
        let day = 1 + offset + 7 * (self.nth - 1);
        Date::new(year, month, day).ok()
    }

    /// The first moment strictly after `after` (Unix seconds) the rule falls on, in `zone`.
    pub fn next_after(self, zone: &TimeZone, after: i64) -> Option<i64> {
        let start = zone.to_datetime(jiff::Timestamp::from_second(after).ok()?);
        let (mut year, mut month) = (start.year(), start.month());
        for _ in 0..3 {
            if let Some(day) = self.day_in(year, month) {
                let time = jiff::civil::Time::new(
                    (self.minute / 60) as i8,
                    (self.minute % 60) as i8,
                    0,
                    0,
                )
                .ok()?;
                let at = zone
                    .to_ambiguous_timestamp(day.to_datetime(time))
                    .compatible()
                    .ok()?;
                let t = at.as_second();
                if t > after {
                    return Some(t);
                }
            }
            (year, month) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unix(zone: &TimeZone, s: &str) -> i64 {
        let d: jiff::civil::DateTime = s.parse().unwrap();
        zone.to_ambiguous_timestamp(d)
            .compatible()
            .unwrap()
            .as_second()
    }

    #[test]
    fn the_next_nth_weekday_of_the_month() {
        let cph = TimeZone::get("Europe/Copenhagen").unwrap();
        // (rule: nth, weekday, minute; after; expected), all local to Copenhagen.
        let cases = [
            // First Monday of December 2026 is the 7th.
            ((1, 1, 540), "2026-12-01T00:00", "2026-12-07T09:00"),
            // Just after it: the first Monday of January 2027 (the 4th).
            ((1, 1, 540), "2026-12-07T09:00", "2027-01-04T09:00"),
            ((1, 1, 540), "2026-12-07T08:59", "2026-12-07T09:00"),
            // Second Tuesday; a month starting on that weekday.
            ((2, 2, 600), "2026-09-01T00:00", "2026-09-08T10:00"),
            // Fourth Sunday: February 2026 has passed it, March 2026 begins on a Sunday.
            ((4, 7, 30), "2026-02-23T00:00", "2026-03-22T00:30"),
            ((1, 5, 1439), "2026-12-31T12:00", "2027-01-01T23:59"),
        ];
        for ((nth, weekday, minute), after, want) in cases {
            let rule = Monthly::new(nth, weekday, minute).unwrap();
            assert_eq!(
                rule.next_after(&cph, unix(&cph, after)),
                Some(unix(&cph, want)),
                "{rule:?} after {after}"
            );
        }
    }

    #[test]
    fn rules_out_of_range_are_refused() {
        assert!(Monthly::new(0, 1, 0).is_none());
        assert!(Monthly::new(5, 1, 0).is_none());
        assert!(Monthly::new(1, 8, 0).is_none());
        assert!(Monthly::new(1, 1, 1440).is_none());
        assert!(Monthly::new(4, 7, 1439).is_some());
    }
}
