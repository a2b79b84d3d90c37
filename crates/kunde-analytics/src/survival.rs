//! Kaplan–Meier survival of customers from their first order to the day they count as lost,
//! with Greenwood standard errors and the log(−log) confidence band `lifelines` draws.
//!
//! A customer is *lost* when no order follows an order for more than `threshold_days`; the
//! loss happens at that order plus the threshold (only then does anyone know). A customer
//! whose last order is within the threshold of `now` is still active and *censored* at `now`:
//! all we know is that it lasted at least that long. Only the first loss counts here (a
//! customer who comes back later is "resurrected" in [`crate::lifecycle`]).

use serde::Serialize;

use crate::EventLog;
use crate::orders::order_times_into;

/// One observation: how long a subject was followed and whether the event happened then
/// (`false`: censored, still going at that time).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Observation {
    pub duration: f64,
    pub event: bool,
}

/// The curve at one time where something happened (an event or a censoring).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SurvivalPoint {
    pub time: f64,
    /// The share still surviving just after `time`.
    pub survival: f64,
    /// Subjects followed up to at least `time` (the denominator at `time`).
    pub at_risk: u64,
    pub events: u64,
    pub censored: u64,
    /// Greenwood's standard error of `survival`.
    pub std_error: f64,
    /// 95 % confidence band, log(−log) transformed as in `lifelines` (stays within 0..1).
    pub lower: f64,
    pub upper: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurvivalCurve {
    pub subjects: u64,
    pub events: u64,
    /// One point per distinct time, in time order.
    pub points: Vec<SurvivalPoint>,
}

/// The standard normal quantile for a two-sided 95 % interval, as `lifelines` uses it.
const Z_95: f64 = 1.959_963_984_540_054;

/// The Kaplan–Meier estimate. Observations with a negative or non-finite duration are
/// left out. At a time with both events and censorings, the events come first (the usual
/// convention, and `lifelines`').
pub fn kaplan_meier(observations: &[Observation]) -> SurvivalCurve {
    let mut obs: Vec<Observation> = observations
        .iter()
        .copied()
        .filter(|o| o.duration.is_finite() && o.duration >= 0.0)
        .collect();
    obs.sort_by(|a, b| a.duration.total_cmp(&b.duration));
    let subjects = obs.len() as u64;
    let mut at_risk = subjects;
    let (mut survival, mut greenwood) = (1.0f64, 0.0f64);
    let mut points = Vec::new();
    let mut total_events = 0;
    let mut i = 0;
    while i < obs.len() {
        let time = obs[i].duration;
        let (mut events, mut censored) = (0u64, 0u64);
        while i < obs.len() && obs[i].duration == time {
            if obs[i].event {
                events += 1;
            } else {
                censored += 1;
            }
            i += 1;
        }
        if events > 0 {
            let (n, d) = (at_risk as f64, events as f64);
            survival *= 1.0 - d / n;
            // lifelines replaces the infinite term of a step to zero by 0.
            if at_risk > events {
                greenwood += d / (n * (n - d));
            }
        }
        let (lower, upper) = log_log_band(survival, greenwood);
        points.push(SurvivalPoint {
            time,
            survival,
            at_risk,
            events,
            censored,
            std_error: survival * greenwood.sqrt(),
            lower,
            upper,
        });
        total_events += events;
        at_risk -= events + censored;
    }
    SurvivalCurve {
        subjects,
        events: total_events,
        points,
    }
}

/// The exponential Greenwood band: a normal interval for log(−log S), transformed back.
fn log_log_band(survival: f64, greenwood: f64) -> (f64, f64) {
    if survival >= 1.0 {
        return (1.0, 1.0);
    }
    if survival <= 0.0 {
        return (0.0, 0.0);
    }
    // −ln S > 0; a wider interval for ln(−ln S) means a lower survival at its top end.
    let minus_log = -survival.ln();
    let spread = Z_95 * greenwood.sqrt() / minus_log;
    let at = |shift: f64| (-(minus_log.ln() + shift).exp()).exp();
    (at(spread), at(-spread))
}

impl SurvivalCurve {
    /// The estimate at time `t`: the last point at or before `t` (survival 1 before the
    /// first). `None` when `t` is past the longest follow-up, where the data say nothing
    /// (unless nobody survived by then: then the answer stays 0).
    pub fn at(&self, t: f64) -> Option<SurvivalAt> {
        let last = self.points.last()?;
        if t > last.time && last.survival > 0.0 {
            return None;
        }
        let k = self.points.partition_point(|p| p.time <= t);
        Some(match k.checked_sub(1).map(|k| &self.points[k]) {
            None => SurvivalAt {
                time: t,
                survival: 1.0,
                std_error: 0.0,
                lower: 1.0,
                upper: 1.0,
                at_risk: self.subjects,
            },
            Some(p) => SurvivalAt {
                time: t,
                survival: p.survival,
                std_error: p.std_error,
                lower: p.lower,
                upper: p.upper,
                at_risk: p.at_risk - p.events - p.censored,
            },
        })
    }

    /// The first time the survival falls to one half or below; `None` if it never does.
    pub fn median(&self) -> Option<f64> {
        self.points
            .iter()
            .find(|p| p.survival <= 0.5)
            .map(|p| p.time)
    }
}

/// The survival read off the curve at a chosen time.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SurvivalAt {
    pub time: f64,
    pub survival: f64,
    pub std_error: f64,
    pub lower: f64,
    pub upper: f64,
    /// Subjects still followed just after `time`: how many the figure rests on.
    pub at_risk: u64,
}

/// Customer survival from first order to lost, in days.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerSurvival {
    pub threshold_days: u32,
    /// Durations in days from the first order.
    pub curve: SurvivalCurve,
    /// The share still active 1, 2 and 3 years (365, 730, 1095 days) after the first order;
    /// `None` where no customer has been followed that long.
    pub after_years: [Option<SurvivalAt>; 3],
    pub median_days: Option<f64>,
}

const DAY: i64 = 86_400;

/// Each customer with an order up to `now` as one observation, in whole days since its
/// first order: lost at the first order followed by a gap of more than `threshold_days` (or
/// by `now`), plus the threshold; censored at `now` otherwise.
pub fn customer_observations(log: &EventLog, now: i64, threshold_days: u32) -> Vec<Observation> {
    let threshold = i64::from(threshold_days) * DAY;
    let mut times = Vec::new();
    let mut out = Vec::new();
    for e in log.customers() {
        order_times_into(&e, now, &mut times);
        let Some(&first) = times.first() else {
            continue;
        };
        let left = times
            .windows(2)
            .find(|w| w[1] - w[0] > threshold)
            .map(|w| w[0])
            .or_else(|| times.last().copied().filter(|&l| now - l > threshold));
        // Whole days since the first order: one curve point per day at most.
        let days = |t: i64| (t - first).div_euclid(DAY) as f64;
        out.push(match left {
            Some(last) => Observation {
                duration: days(last) + f64::from(threshold_days),
                event: true,
            },
            None => Observation {
                duration: days(now),
                event: false,
            },
        });
    }
    out
}

/// The Kaplan–Meier curve of customers from first order to lost, and its 1/2/3-year values.
pub fn customer_survival(log: &EventLog, now: i64, threshold_days: u32) -> CustomerSurvival {
    let curve = kaplan_meier(&customer_observations(log, now, threshold_days));
    CustomerSurvival {
        threshold_days,
        after_years: [1.0, 2.0, 3.0].map(|y| curve.at(365.0 * y)),
        median_days: curve.median(),
        curve,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The textbook product over event times, without the grouping of equal times.
    fn reference_survival(obs: &[Observation], t: f64) -> f64 {
        let mut times: Vec<f64> = obs
            .iter()
            .filter(|o| o.event && o.duration <= t)
            .map(|o| o.duration)
            .collect();
        times.sort_by(f64::total_cmp);
        times.dedup();
        times
            .iter()
            .map(|&s| {
                let n = obs.iter().filter(|o| o.duration >= s).count() as f64;
                let d = obs.iter().filter(|o| o.event && o.duration == s).count() as f64;
                1.0 - d / n
            })
            .product()
    }

    proptest! {
        /// The curve equals the product-limit formula at every point, never rises, stays
        /// within its band, and its counts add up to the subjects.
        #[test]
        fn curve_is_the_product_limit(
            raw in prop::collection::vec((0u8..30, any::<bool>()), 1..80),
        ) {
            let obs: Vec<Observation> = raw
                .iter()
                .map(|&(d, e)| Observation { duration: f64::from(d), event: e })
                .collect();
            let curve = kaplan_meier(&obs);
            let mut previous = 1.0;
            let mut followed = 0;
            for p in &curve.points {
                let expected = reference_survival(&obs, p.time);
                prop_assert!((p.survival - expected).abs() < 1e-12);
                prop_assert!(p.survival <= previous);
                prop_assert!(p.lower <= p.survival + 1e-12 && p.survival <= p.upper + 1e-12);
                prop_assert!((0.0..=1.0).contains(&p.lower) && (0.0..=1.0).contains(&p.upper));
                prop_assert_eq!(p.at_risk, curve.subjects - followed);
                followed += p.events + p.censored;
                previous = p.survival;
            }
            prop_assert_eq!(followed, obs.len() as u64);
        }
    }
}
