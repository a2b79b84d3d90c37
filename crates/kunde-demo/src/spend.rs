//! The demo's marketing spend per paid channel and month, so the Channels page tells a
//! story: Google Ads brings customers cheaply and pays, Instagram about breaks even but pays,
//! and Facebook costs more per new customer than its customers ever spend, so it does not.
//!
//! The spend is set from the generated customers themselves: a channel's monthly spend is
//! the number of customers whose first purchase fell in that month, times what that
//! channel's buyers paid on average, times the channel's cost factor (with ±10 % noise).

use kunde_domain::{Money, WorkspaceImport};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;

/// Paid channels and the cost of one new customer as a share of what the channel's buyers
/// paid on average: below 1 pays, above 1 does not.
const COST_FACTORS: [(&str, f64); 3] = [("google_ads", 0.3), ("instagram", 0.7), ("facebook", 2.5)];

/// `YYYY-MM` of a Unix time (UTC).
fn month_of(unix: i64) -> String {
    // Howard Hinnant's civil_from_days.
    let z = unix.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}")
}

/// (channel, `YYYY-MM`, amount) for every paid channel and month with new buyers.
pub fn marketing_spend(import: &WorkspaceImport, seed: u64) -> Vec<(String, String, Money)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5bd1_e995);
    // Each customer's first purchase and total paid.
    let mut first = vec![None::<i64>; import.customers.len()];
    let mut paid = vec![0i64; import.customers.len()];
    for e in &import.events {
        if let Some(a) = e.amount.filter(|a| a.0 > 0) {
            paid[e.customer] += a.0;
            if first[e.customer].is_none_or(|t| e.occurred_at < t) {
                first[e.customer] = Some(e.occurred_at);
            }
        }
    }
    let mut out = Vec::new();
    for (channel, factor) in COST_FACTORS {
        let buyers: Vec<usize> = (0..import.customers.len())
            .filter(|&i| {
                first[i].is_some()
                    && import.customers[i]
                        .acquisition_channel
                        .as_ref()
                        .is_some_and(|c| c.as_str() == channel)
            })
            .collect();
        if buyers.is_empty() {
            continue;
        }
        let average = buyers.iter().map(|&i| paid[i]).sum::<i64>() as f64 / buyers.len() as f64;
        let mut per_month: BTreeMap<String, u64> = BTreeMap::new();
        for &i in &buyers {
            *per_month
                .entry(month_of(first[i].unwrap_or(0)))
                .or_default() += 1;
        }
        for (month, n) in per_month {
            let noise = rng.random_range(0.9..1.1);
            let amount = (n as f64 * average * factor * noise / 100.0).round() as i64 * 100;
            out.push((channel.to_owned(), month, Money(amount)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn months_are_calendar_months() {
        assert_eq!(super::month_of(1_767_225_600), "2026-01");
        assert_eq!(super::month_of(1_767_225_599), "2025-12");
        assert_eq!(super::month_of(951_782_400), "2000-02");
    }
}
