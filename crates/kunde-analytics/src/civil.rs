//! Calendar periods from Unix seconds, in UTC or in a business's own time zone ([`Zone`]),
//! with the civil-date arithmetic done by hand.
//!
//! Cohorts, trends and revenue tables group events by day, ISO week (Monday first) or
//! month. The conversion uses Howard Hinnant's `days_from_civil` algorithm, which is exact
//! for the whole proleptic Gregorian calendar, so the core needs no date crate.

use serde::{Serialize, Serializer};

const SECONDS_PER_DAY: i64 = 86_400;

/// A calendar period length used to group events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Day,
    /// An ISO week, Monday to Sunday.
    Week,
    Month,
    /// January–March, April–June, July–September, October–December.
    Quarter,
    Year,
}

/// One period of a [`Period`] kind, identified by a running index so that the distance
/// between two periods is a subtraction.
///
/// Serialized as its label: `2024-03-04` for a day or the Monday of a week, `2024-03` for a
/// month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PeriodKey {
    pub period: Period,
    /// Days since 1970-01-01, weeks since the week of 1970-01-01, months since 1970-01,
    /// quarters since 1970-Q1 or years since 1970.
    pub index: i64,
}

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1..=12, day 1..=31).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The (year, month, day) of a count of days since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Whole days since 1970-01-01 of a Unix time, rounding towards the past.
pub fn day_of(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(SECONDS_PER_DAY)
}

impl Period {
    /// Calendar months per period; `None` for days and weeks.
    pub fn months(self) -> Option<i64> {
        match self {
            Period::Day | Period::Week => None,
            Period::Month => Some(1),
            Period::Quarter => Some(3),
            Period::Year => Some(12),
        }
    }

    /// How many periods back the same period of the previous year is; `None` for days,
    /// whose year-ago day shifts with leap years.
    pub fn periods_per_year(self) -> Option<i64> {
        match self {
            Period::Day => None,
            Period::Week => Some(52),
            _ => self.months().map(|m| 12 / m),
        }
    }

    /// The period that contains a Unix time.
    pub fn key_of(self, unix_seconds: i64) -> PeriodKey {
        let days = day_of(unix_seconds);
        let index = match self {
            Period::Day => days,
            // 1970-01-01 was a Thursday, so the Monday of its week is 3 days earlier.
            Period::Week => (days + 3).div_euclid(7),
            Period::Month | Period::Quarter | Period::Year => {
                let (y, m, _) = civil_from_days(days);
                let months = (y - 1970) * 12 + i64::from(m) - 1;
                months.div_euclid(self.months().unwrap_or(1))
            }
        };
        PeriodKey {
            period: self,
            index,
        }
    }
}

impl PeriodKey {
    /// Unix seconds at the start of the period.
    pub fn start(self) -> i64 {
        let days = match self.period {
            Period::Day => self.index,
            Period::Week => self.index * 7 - 3,
            Period::Month | Period::Quarter | Period::Year => {
                let months = self.index * self.period.months().unwrap_or(1);
                let year = 1970 + months.div_euclid(12);
                let month = months.rem_euclid(12) as u32 + 1;
                days_from_civil(year, month, 1)
            }
        };
        days * SECONDS_PER_DAY
    }

    /// How many periods later `later` is than `self` (negative if earlier).
    pub fn periods_until(self, later: PeriodKey) -> i64 {
        debug_assert_eq!(self.period, later.period);
        later.index - self.index
    }

    /// The period `n` periods later.
    pub fn plus(self, n: i64) -> PeriodKey {
        PeriodKey {
            period: self.period,
            index: self.index + n,
        }
    }

    /// A human label: `2024-03-04` for days and weeks (the Monday), `2024-03` for months,
    /// `2024-Q1` for quarters, `2024` for years.
    pub fn label(self) -> String {
        let (y, m, d) = civil_from_days(day_of(self.start()));
        match self.period {
            Period::Year => format!("{y:04}"),
            Period::Quarter => format!("{y:04}-Q{}", (m - 1) / 3 + 1),
            Period::Month => format!("{y:04}-{m:02}"),
            Period::Day | Period::Week => format!("{y:04}-{m:02}-{d:02}"),
        }
    }
}

impl Serialize for PeriodKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trips_over_centuries() {
        for days in (-800_000..800_000).step_by(37) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(civil_from_days(19_783), (2024, 3, 1));
    }

    #[test]
    fn weeks_start_on_monday_and_months_on_the_first() {
        // 2024-03-06 12:00 UTC is a Wednesday.
        let t = days_from_civil(2024, 3, 6) * 86_400 + 43_200;
        assert_eq!(Period::Week.key_of(t).label(), "2024-03-04");
        assert_eq!(Period::Month.key_of(t).label(), "2024-03");
        assert_eq!(Period::Day.key_of(t).label(), "2024-03-06");
        // Times before 1970 round towards the past, not towards zero.
        assert_eq!(Period::Day.key_of(-1).label(), "1969-12-31");
        assert_eq!(Period::Month.key_of(-1).label(), "1969-12");
        let jan = Period::Month.key_of(days_from_civil(2023, 12, 31) * 86_400);
        assert_eq!(jan.plus(1).label(), "2024-01");
        assert_eq!(jan.periods_until(Period::Month.key_of(t)), 3);
    }

    #[test]
    fn quarters_and_years_start_on_their_first_day() {
        let at = |y, m, d| days_from_civil(y, m, d) * 86_400;
        for (t, quarter, year) in [
            (at(2024, 3, 31), "2024-Q1", "2024"),
            (at(2024, 4, 1), "2024-Q2", "2024"),
            (at(2023, 12, 31) + 86_399, "2023-Q4", "2023"),
            (at(1969, 11, 5), "1969-Q4", "1969"),
        ] {
            let q = Period::Quarter.key_of(t);
            assert_eq!(q.label(), quarter);
            assert!(q.start() <= t && t < q.plus(1).start());
            let y = Period::Year.key_of(t);
            assert_eq!(y.label(), year);
            assert!(y.start() <= t && t < y.plus(1).start());
        }
        assert_eq!(
            Period::Quarter.key_of(at(2024, 5, 1)).start(),
            at(2024, 4, 1)
        );
        assert_eq!(Period::Year.periods_per_year(), Some(1));
        assert_eq!(Period::Quarter.periods_per_year(), Some(4));
    }
}

/// A time zone as the data the core needs: its UTC offsets and when they change. The caller
/// reads them from the tz database (the core has no clock and no database); an empty zone is
/// UTC. Periods of a log with a zone start at the business's local midnight.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Zone {
    /// `(from, offset)`: from Unix second `from` on, local time is UTC + `offset` seconds;
    /// sorted by `from`. Before the first change the first offset holds.
    changes: Vec<(i64, i32)>,
}

impl Zone {
    pub fn utc() -> Zone {
        Zone::default()
    }

    /// One offset for all time (`+3600` is an hour east of UTC).
    pub fn fixed(offset_seconds: i32) -> Zone {
        Zone {
            changes: vec![(i64::MIN, offset_seconds)],
        }
    }

    /// A zone from its offset changes, in any order.
    pub fn from_changes(mut changes: Vec<(i64, i32)>) -> Zone {
        changes.sort_unstable();
        changes.dedup_by_key(|c| c.0);
        Zone { changes }
    }

    /// The offset changes, `(from, offset)` sorted by `from` (the first one's offset also
    /// holds before it): what a query elsewhere (ClickHouse) needs to use the same calendar.
    pub fn changes(&self) -> &[(i64, i32)] {
        &self.changes
    }

    /// The offset from UTC at a Unix time, in seconds.
    pub fn offset_at(&self, unix_seconds: i64) -> i64 {
        let i = self.changes.partition_point(|c| c.0 <= unix_seconds);
        let c = if i == 0 {
            self.changes.first()
        } else {
            self.changes.get(i - 1)
        };
        c.map_or(0, |c| i64::from(c.1))
    }

    /// The local wall-clock time of a Unix time, counted as if it were UTC, so that
    /// [`Period::key_of`] of it gives the local period.
    pub fn local(&self, unix_seconds: i64) -> i64 {
        unix_seconds.saturating_add(self.offset_at(unix_seconds))
    }

    /// The Unix time of a local wall-clock time (counted as if it were UTC): the inverse of
    /// [`Zone::local`] (in a skipped or repeated hour, one of the candidates).
    pub fn from_local(&self, local_seconds: i64) -> i64 {
        let guess = local_seconds.saturating_sub(self.offset_at(local_seconds));
        local_seconds.saturating_sub(self.offset_at(guess))
    }

    /// When a period starts, as a Unix time: its first local midnight.
    pub fn start_of(&self, key: PeriodKey) -> i64 {
        self.from_local(key.start())
    }

    /// The period that contains a Unix time, on the local calendar.
    pub fn key_of(&self, period: Period, unix_seconds: i64) -> PeriodKey {
        period.key_of(self.local(unix_seconds))
    }
}
