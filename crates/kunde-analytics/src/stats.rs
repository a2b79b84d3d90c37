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
        let last = (seconds.len() - 1) as f64;
        let median_seconds = select_at(&mut seconds, 0, 0.5 * last);
        // After the median's selection every value past its lower index is at least as
        // large, so the 90th percentile's order statistics are found among those alone.
        let m = (0.5 * last).floor() as usize;
        let p90_seconds = select_at(&mut seconds[m..], m, 0.9 * last);
        Some(Self {
            count: seconds.len(),
            median_seconds,
            p90_seconds,
            mean_seconds,
        })
    }
}

impl DurationStats {
    /// The same summary as [`from_seconds`](Self::from_seconds) of whole seconds given as
    /// a histogram — `(seconds, how many)`, in any order, a value possibly repeated — as a
    /// database counts them: bit for bit equal, since the sum of whole seconds is exact in
    /// `f64` (below 2^53) in any order and the quantiles interpolate between the same order
    /// statistics with the same formula. `None` when there are none.
    pub fn from_counts(counts: &[(i64, u64)]) -> Option<Self> {
        let mut sorted: Vec<(i64, u64)> = counts.iter().copied().filter(|c| c.1 > 0).collect();
        sorted.sort_unstable();
        let count: u64 = sorted.iter().map(|c| c.1).sum();
        if count == 0 {
            return None;
        }
        let sum: f64 = sorted.iter().map(|&(s, n)| s as f64 * n as f64).sum();
        // The value at a 0-based position of the sorted data.
        let at = |position: u64| {
            let mut before = 0;
            for &(s, n) in &sorted {
                before += n;
                if position < before {
                    return s as f64;
                }
            }
            sorted[sorted.len() - 1].0 as f64
        };
        let last = (count - 1) as f64;
        let quantile = |pos: f64| {
            let (lo, hi) = (pos.floor(), pos.ceil());
            let low = at(lo as u64);
            let high = if hi > lo { at(hi as u64) } else { low };
            low + (high - low) * (pos - lo)
        };
        Some(Self {
            count: count as usize,
            median_seconds: quantile(0.5 * last),
            p90_seconds: quantile(0.9 * last),
            mean_seconds: sum / count as f64,
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
    Some(select_at(values, 0, pos))
}

/// The value at fractional position `pos` of the sorted data, interpolated linearly, where
/// `values` holds the data from index `offset` on and the order statistics at `pos` are
/// among them (`offset <= floor(pos)`, `ceil(pos) < offset + values.len()`).
fn select_at(values: &mut [f64], offset: usize, pos: f64) -> f64 {
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    let (_, &mut low, above) = values.select_nth_unstable_by(lo - offset, f64::total_cmp);
    let high = if hi > lo {
        above.iter().copied().min_by(f64::total_cmp).unwrap_or(low)
    } else {
        low
    };
    low + (high - low) * (pos - lo as f64)
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

    proptest::proptest! {
        /// The selections give exactly the quantiles of the sorted data.
        #[test]
        fn duration_stats_equal_quantiles_of_sorted_data(
            values in proptest::collection::vec(-1e6f64..1e6, 1..200),
        ) {
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            let stats = DurationStats::from_seconds(values).unwrap();
            proptest::prop_assert_eq!(stats.median_seconds.to_bits(), quantile_sorted(&sorted, 0.5).unwrap().to_bits());
            proptest::prop_assert_eq!(stats.p90_seconds.to_bits(), quantile_sorted(&sorted, 0.9).unwrap().to_bits());
        }
    }

    proptest::proptest! {
        /// A histogram of whole seconds gives the summary of the seconds themselves.
        #[test]
        fn duration_stats_from_counts_equal_those_from_the_seconds(
            values in proptest::collection::vec(-1_000i64..100_000, 0..200),
            split in 1usize..4,
        ) {
            let mut counts: std::collections::BTreeMap<i64, u64> = Default::default();
            for &v in &values {
                *counts.entry(v).or_default() += 1;
            }
            // The same value may come in several rows (a database's groups need not merge).
            let mut rows = Vec::new();
            for (&v, &n) in counts.iter().rev() {
                let first = n / split as u64;
                rows.push((v, first));
                rows.push((v, n - first));
            }
            let seconds: Vec<f64> = values.iter().map(|&v| v as f64).collect();
            let want = DurationStats::from_seconds(seconds);
            let got = DurationStats::from_counts(&rows);
            proptest::prop_assert_eq!(got.is_some(), want.is_some());
            if let (Some(g), Some(w)) = (got, want) {
                proptest::prop_assert_eq!(g.count, w.count);
                proptest::prop_assert_eq!(g.median_seconds.to_bits(), w.median_seconds.to_bits());
                proptest::prop_assert_eq!(g.p90_seconds.to_bits(), w.p90_seconds.to_bits());
                proptest::prop_assert_eq!(g.mean_seconds.to_bits(), w.mean_seconds.to_bits());
            }
        }
    }

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
