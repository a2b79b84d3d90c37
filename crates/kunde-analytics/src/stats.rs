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
    /// Summarises durations; `None` when there are none. Selection, not sorting: linear
    /// time in the number of durations.
    pub fn from_seconds(mut seconds: Vec<f64>) -> Option<Self> {
        if seconds.is_empty() {
            return None;
        }
        let mean_seconds = mean(&seconds)?;
        Some(Self {
            count: seconds.len(),
            median_seconds: quantile_select(&mut seconds, 0.5)?,
            p90_seconds: quantile_select(&mut seconds, 0.9)?,
            mean_seconds,
        })
    }
}

/// [`quantile_sorted`] of the values as if sorted (by `total_cmp`), found by selection;
/// reorders the values.
pub fn quantile_select(values: &mut [f64], q: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let pos = q.clamp(0.0, 1.0) * (values.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    let (_, &mut low, above) = values.select_nth_unstable_by(lo, f64::total_cmp);
    let high = if hi > lo {
        above.iter().copied().min_by(f64::total_cmp)?
    } else {
        low
    };
    Some(low + (high - low) * (pos - lo as f64))
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
        let mut shuffled = [4.0, 1.0, 3.0, 2.0];
        assert_eq!(quantile_select(&mut shuffled, 0.5), Some(2.5));
        assert!((quantile_select(&mut shuffled, 0.9).unwrap() - 3.7).abs() < 1e-12);
        assert_eq!(quantile_select(&mut [5.0], 0.9), Some(5.0));
    }
}
