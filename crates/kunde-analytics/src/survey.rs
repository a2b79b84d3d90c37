//! Survey scores with confidence intervals: NPS, CSAT, CES, their trends per period, and
//! the expectation gap per touchpoint.
//!
//! * **NPS** = % promoters (9–10) − % detractors (0–6), −100..100. Each answer is a
//!   trinomial draw worth +1, 0 or −1; its variance is `p + d − (p − d)²`, so the standard
//!   error of the score is `100 · sqrt(var / n)` (normal approximation).
//! * **CSAT** = share of 4–5 answers on a 1–5 scale, with a Wilson score interval (good
//!   also for small samples and shares near 0 or 100 %).
//! * **CES** = mean effort on a 1–7 scale, with a Student t interval.

use serde::Serialize;

use crate::civil::{Period, PeriodKey};
use crate::special::{normal_quantile, student_t_quantile};
use crate::stats::{mean, sample_variance};
use crate::{Error, TouchpointId};

macro_rules! score_type {
    ($(#[$doc:meta])* $name:ident, $min:expr, $max:expr, $what:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(u8);

        impl $name {
            pub fn new(value: u8) -> Result<Self, Error> {
                if ($min..=$max).contains(&value) {
                    Ok(Self(value))
                } else {
                    Err(Error::OutOfRange { what: $what, min: $min as f64, max: $max as f64, got: f64::from(value) })
                }
            }

            pub fn value(self) -> u8 {
                self.0
            }
        }
    };
}

score_type!(
    /// A "how likely are you to recommend us" answer, 0..=10.
    NpsScore, 0, 10, "an NPS answer"
);
score_type!(
    /// A satisfaction answer, 1..=5.
    CsatScore, 1, 5, "a CSAT answer"
);
score_type!(
    /// A customer effort answer, 1 (very easy) ..= 7 (very hard).
    CesScore, 1, 7, "a CES answer"
);

/// The confidence level of an interval, strictly between 0 and 1 (0.95 by default).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Confidence(f64);

impl Confidence {
    pub fn new(level: f64) -> Result<Self, Error> {
        if level > 0.0 && level < 1.0 {
            Ok(Self(level))
        } else {
            Err(Error::OutOfRange {
                what: "the confidence level",
                min: 0.0,
                max: 1.0,
                got: level,
            })
        }
    }

    fn z(self) -> f64 {
        normal_quantile(0.5 + self.0 / 2.0)
    }
}

impl Default for Confidence {
    fn default() -> Self {
        Self(0.95)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NpsResult {
    pub responses: u64,
    pub promoters: u64,
    pub passives: u64,
    pub detractors: u64,
    pub score: f64,
    pub interval: Interval,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CsatResult {
    pub responses: u64,
    pub satisfied: u64,
    pub percent_satisfied: f64,
    pub interval: Interval,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CesResult {
    pub responses: u64,
    pub mean: f64,
    /// `None` below two answers, where no spread can be estimated.
    pub interval: Option<Interval>,
}

pub fn nps(scores: &[NpsScore], confidence: Confidence) -> Option<NpsResult> {
    if scores.is_empty() {
        return None;
    }
    let n = scores.len() as f64;
    let promoters = scores.iter().filter(|s| s.0 >= 9).count() as u64;
    let detractors = scores.iter().filter(|s| s.0 <= 6).count() as u64;
    let (p, d) = (promoters as f64 / n, detractors as f64 / n);
    let variance = p + d - (p - d) * (p - d);
    let half = 100.0 * confidence.z() * (variance / n).sqrt();
    let score = 100.0 * (p - d);
    Some(NpsResult {
        responses: scores.len() as u64,
        promoters,
        passives: scores.len() as u64 - promoters - detractors,
        detractors,
        score,
        interval: Interval {
            low: (score - half).max(-100.0),
            high: (score + half).min(100.0),
        },
    })
}

/// The Wilson score interval of a proportion, in percent.
pub fn wilson_interval(successes: u64, n: u64, confidence: Confidence) -> Interval {
    if n == 0 {
        return Interval {
            low: 0.0,
            high: 100.0,
        };
    }
    let (z, n) = (confidence.z(), n as f64);
    let p = successes as f64 / n;
    let denominator = 1.0 + z * z / n;
    let centre = (p + z * z / (2.0 * n)) / denominator;
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / denominator;
    Interval {
        low: 100.0 * (centre - half).max(0.0),
        high: 100.0 * (centre + half).min(1.0),
    }
}

pub fn csat(scores: &[CsatScore], confidence: Confidence) -> Option<CsatResult> {
    if scores.is_empty() {
        return None;
    }
    let satisfied = scores.iter().filter(|s| s.0 >= 4).count() as u64;
    let n = scores.len() as u64;
    Some(CsatResult {
        responses: n,
        satisfied,
        percent_satisfied: crate::stats::percent(satisfied, n),
        interval: wilson_interval(satisfied, n, confidence),
    })
}

pub fn ces(scores: &[CesScore], confidence: Confidence) -> Option<CesResult> {
    let values: Vec<f64> = scores.iter().map(|s| f64::from(s.0)).collect();
    let m = mean(&values)?;
    let interval = sample_variance(&values).map(|v| {
        let n = values.len() as f64;
        let half = student_t_quantile(0.5 + confidence.0 / 2.0, n - 1.0) * (v / n).sqrt();
        Interval {
            low: m - half,
            high: m + half,
        }
    });
    Some(CesResult {
        responses: values.len() as u64,
        mean: m,
        interval,
    })
}

/// One period of a trend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendPoint<T> {
    pub period: PeriodKey,
    pub result: T,
}

/// Applies a score function to the answers of each period, in time order; periods without
/// answers are left out.
pub fn trend<S: Copy, T>(
    answers: &[(i64, S)],
    period: Period,
    score: impl Fn(&[S]) -> Option<T>,
) -> Vec<TrendPoint<T>> {
    let mut by_period: std::collections::BTreeMap<PeriodKey, Vec<S>> = Default::default();
    for &(t, s) in answers {
        by_period.entry(period.key_of(t)).or_default().push(s);
    }
    by_period
        .into_iter()
        .filter_map(|(period, scores)| {
            Some(TrendPoint {
                period,
                result: score(&scores)?,
            })
        })
        .collect()
}

/// What a customer expected of, or experienced at, a touchpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Expectation {
    Bad = 0,
    Neutral = 1,
    Good = 2,
    Excellent = 3,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpectationGap {
    pub touchpoint: TouchpointId,
    pub responses: u64,
    pub mean_expected: f64,
    pub mean_experienced: f64,
    /// Experienced minus expected, on the 0..=3 scale: negative means a disappointment.
    pub gap: f64,
}

/// The expectation gap per touchpoint, the largest disappointment first.
pub fn expectation_gaps(
    answers: &[(TouchpointId, Expectation, Expectation)],
) -> Vec<ExpectationGap> {
    let mut acc: std::collections::BTreeMap<TouchpointId, (u64, f64, f64)> = Default::default();
    for &(tp, expected, experienced) in answers {
        let e = acc.entry(tp).or_default();
        e.0 += 1;
        e.1 += f64::from(expected as u8);
        e.2 += f64::from(experienced as u8);
    }
    let mut gaps: Vec<ExpectationGap> = acc
        .into_iter()
        .map(|(touchpoint, (n, expected, experienced))| {
            let (mean_expected, mean_experienced) = (expected / n as f64, experienced / n as f64);
            ExpectationGap {
                touchpoint,
                responses: n,
                mean_expected,
                mean_experienced,
                gap: mean_experienced - mean_expected,
            }
        })
        .collect();
    gaps.sort_by(|a, b| {
        a.gap
            .total_cmp(&b.gap)
            .then(a.touchpoint.cmp(&b.touchpoint))
    });
    gaps
}
