//! Small descriptive statistics shared by the reports: quantiles, means, duration summaries.

use serde::Serialize;

/// Linear-interpolation quantile of sorted data (the default of numpy and of most
/// spreadsheets), `q` in `0..=1`. `None` for no data.
pub fn quantile_sorted(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let pos = q.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    Some(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64))
}

pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// Sample variance (n − 1 denominator); `None` below two values.
pub fn sample_variance(values: &[f64]) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    let m = mean(values)?;
    Some(values.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (values.len() - 1) as f64)
}

/// How long something took across customers, in seconds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DurationStats {
    pub count: usize,
    pub median_seconds: f64,
    pub p90_seconds: f64,
    pub mean_seconds: f64,
}

impl DurationStats {
    /// Summarises durations; `None` when there are none.
    pub fn from_seconds(mut seconds: Vec<f64>) -> Option<Self> {
        seconds.sort_unstable_by(f64::total_cmp);
        Some(Self {
            count: seconds.len(),
            median_seconds: quantile_sorted(&seconds, 0.5)?,
            p90_seconds: quantile_sorted(&seconds, 0.9)?,
            mean_seconds: mean(&seconds)?,
        })
    }
}

/// A share as a percentage, 0 when the whole is empty (an empty cohort retains nobody).
pub fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate_like_numpy() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile_sorted(&v, 0.5), Some(2.5));
        assert!((quantile_sorted(&v, 0.9).unwrap() - 3.7).abs() < 1e-12);
        assert_eq!(quantile_sorted(&[], 0.5), None);
        assert_eq!(sample_variance(&[1.0, 3.0]), Some(2.0));
    }
}
