//! Calendar arithmetic for the generator: months for the bike season, and the shop's opening
//! hours, so that counter visits and phone calls fall when a Copenhagen bike shop is open.
//!
//! The civil-date conversion is Howard Hinnant's algorithm (the analytics crate uses the same
//! one); it is repeated here because the demo must not depend on the analytics core.

use rand::Rng;

pub const MINUTE: i64 = 60;
pub const HOUR: i64 = 3_600;
pub const DAY: i64 = 86_400;
pub const YEAR: f64 = 365.25 * DAY as f64;

/// Copenhagen is UTC+1 in winter and UTC+2 in summer. One fixed hour keeps visits within
/// opening hours to the hour, which is all a demo needs.
const UTC_OFFSET: i64 = HOUR;

/// The (year, month 1–12, day) of a count of days since 1970-01-01.
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

/// The month (1–12) of a Unix time, in Danish local time.
pub fn month_of(t: i64) -> u32 {
    civil_from_days((t + UTC_OFFSET).div_euclid(DAY)).1
}

/// Relative demand per month, January first: Danes ride all year, but the bike season from
/// April to August brings the tune-ups, punctures and new bikes, and the dark months are quiet.
const SEASON: [f64; 12] = [
    0.45, 0.5, 0.8, 1.15, 1.4, 1.45, 1.3, 1.35, 1.1, 0.85, 0.6, 0.55,
];

/// The largest value of [`season`], for thinning a Poisson process by the season.
pub const SEASON_MAX: f64 = 1.45;

/// Relative demand at a moment (1.0 is an average month).
pub fn season(t: i64) -> f64 {
    SEASON[month_of(t) as usize - 1]
}

/// Day of the week, 0 = Monday (1970-01-01 was a Thursday).
fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

/// Opening hours in local time: weekdays 10–18, Saturday 10–14, closed on Sunday.
fn open_hours(days: i64) -> Option<(i64, i64)> {
    match weekday(days) {
        0..=4 => Some((10, 18)),
        5 => Some((10, 14)),
        _ => None,
    }
}

/// The first moment at or after `t` when the shop is open, and whether `t` had to move.
pub fn next_open(t: i64) -> (i64, bool) {
    let mut local = t + UTC_OFFSET;
    let mut moved = false;
    // At most a weekend and a night lie between any moment and the next opening.
    for _ in 0..4 {
        let days = local.div_euclid(DAY);
        let second = local.rem_euclid(DAY);
        if let Some((open, close)) = open_hours(days) {
            if second < open * HOUR {
                return (days * DAY + open * HOUR - UTC_OFFSET, true);
            }
            if second < close * HOUR {
                return (local - UTC_OFFSET, moved);
            }
        }
        local = (days + 1) * DAY;
        moved = true;
    }
    unreachable!("the shop opens at least once every three days")
}

/// The first moment the shop is open at or after `t`; visits that had to wait for the doors
/// to open spread over the first hours rather than all arriving at ten o'clock.
pub fn open_at(rng: &mut impl Rng, t: i64) -> i64 {
    let (open, moved) = next_open(t);
    if moved {
        next_open(open + rng.random_range(0..150 * MINUTE)).0
    } else {
        open
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-01-01 00:00 UTC, a Thursday.
    const NEW_YEAR_2026: i64 = 1_767_225_600;

    #[test]
    fn months_and_weekdays_are_those_of_the_calendar() {
        assert_eq!(civil_from_days(NEW_YEAR_2026 / DAY), (2026, 1, 1));
        assert_eq!(weekday(NEW_YEAR_2026 / DAY), 3);
        assert_eq!(month_of(NEW_YEAR_2026 - 2 * HOUR), 12);
    }

    #[test]
    fn visits_move_to_the_next_opening_hour() {
        // Thursday 01:00 local time opens at 10:00 local, 09:00 UTC.
        assert_eq!(next_open(NEW_YEAR_2026), (NEW_YEAR_2026 + 9 * HOUR, true));
        // Thursday 12:00 local is open.
        let noon = NEW_YEAR_2026 + 11 * HOUR;
        assert_eq!(next_open(noon), (noon, false));
        // Saturday 15:00 local waits for Monday 10:00 local.
        let saturday = NEW_YEAR_2026 + 2 * DAY + 14 * HOUR;
        assert_eq!(next_open(saturday).0, NEW_YEAR_2026 + 4 * DAY + 9 * HOUR);
    }
}
