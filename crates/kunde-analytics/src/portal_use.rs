//! Did the client portal change how often customers need to contact the business (issue 16:
//! "whether 'was my invoice paid?' cases fall after customers start using the portal")?
//!
//! For the customers who signed in to the portal, [`cases_before_after`] counts their cases
//! opened before and after their first sign-in and divides each by the customer-months
//! observed on that side, pooled over the customers (a rate per customer-month, so a long
//! "before" and a short "after" compare fairly). The "before" side starts when the customer
//! became known, but at most [`LOOKBACK_MONTHS`] before their first sign-in, so years-old
//! history does not dilute it. Fewer than [`SMALL_SAMPLE`] customers is marked as a small
//! sample: the figure is shown, but not to be trusted much.
//!
//! This compares the same customers with themselves; it does not prove the portal caused the
//! change (customers who adopt a portal may be unlike those who do not).

use serde::Serialize;

/// An average month: 365.2425 days / 12.
pub const MONTH_SECONDS: i64 = 2_629_746;
/// How far before a customer's first sign-in their "before" side reaches at most.
pub const LOOKBACK_MONTHS: i64 = 12;
/// Below this many customers the comparison is a small sample.
pub const SMALL_SAMPLE: usize = 20;

/// One customer who used the portal, with the opening times of their cases.
#[derive(Debug, Clone, PartialEq)]
pub struct Adopter {
    /// When the customer became known (Unix seconds).
    pub since: i64,
    /// Their first portal sign-in (Unix seconds).
    pub first_use: i64,
    /// When each of their cases was opened (Unix seconds, any order).
    pub cases: Vec<i64>,
}

/// Cases per customer-month before and after the first portal sign-in.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct BeforeAfter {
    /// Customers counted: those whose first sign-in is not in the future.
    pub customers: usize,
    pub cases_before: u64,
    pub cases_after: u64,
    /// Customer-months observed before and after the first sign-in.
    pub months_before: f64,
    pub months_after: f64,
    /// Fewer than [`SMALL_SAMPLE`] customers.
    pub small_sample: bool,
}

impl BeforeAfter {
    /// Cases per customer-month before the first sign-in (`None` without time observed).
    pub fn rate_before(&self) -> Option<f64> {
        rate(self.cases_before, self.months_before)
    }

    /// Cases per customer-month since the first sign-in (`None` without time observed).
    pub fn rate_after(&self) -> Option<f64> {
        rate(self.cases_after, self.months_after)
    }

    /// The relative change from before to after (−0.5: half as many), when both rates exist
    /// and the one before is not zero.
    pub fn change(&self) -> Option<f64> {
        match (self.rate_before(), self.rate_after()) {
            (Some(b), Some(a)) if b > 0.0 => Some(a / b - 1.0),
            _ => None,
        }
    }
}

fn rate(cases: u64, months: f64) -> Option<f64> {
    (months > 0.0).then(|| cases as f64 / months)
}

/// Pools the adopters' cases and observed months on each side of their first sign-in, up to
/// `now`. A case opened at the moment of the first sign-in counts as after (it was opened in
/// the portal). Cases before the customer's "before" side or after `now` are not counted.
pub fn cases_before_after(adopters: &[Adopter], now: i64) -> BeforeAfter {
    let mut out = BeforeAfter::default();
    let (mut seconds_before, mut seconds_after) = (0i64, 0i64);
    for a in adopters.iter().filter(|a| a.first_use <= now) {
        out.customers += 1;
        let start = a
            .since
            .max(a.first_use.saturating_sub(LOOKBACK_MONTHS * MONTH_SECONDS))
            .min(a.first_use);
        seconds_before += a.first_use - start;
        seconds_after += now - a.first_use;
        for &t in &a.cases {
            if (start..a.first_use).contains(&t) {
                out.cases_before += 1;
            } else if (a.first_use..=now).contains(&t) {
                out.cases_after += 1;
            }
        }
    }
    out.months_before = seconds_before as f64 / MONTH_SECONDS as f64;
    out.months_after = seconds_after as f64 / MONTH_SECONDS as f64;
    out.small_sample = out.customers < SMALL_SAMPLE;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: i64 = MONTH_SECONDS;

    fn adopter(since: i64, first_use: i64, cases: &[i64]) -> Adopter {
        Adopter {
            since,
            first_use,
            cases: cases.to_vec(),
        }
    }

    /// (adopters as (since, first use, cases) in months, now in months) →
    /// (customers, cases before, cases after, months before, months after, small sample).
    #[test]
    fn cases_are_pooled_per_customer_month_on_each_side_of_the_first_sign_in() {
        type Case = (
            &'static [(i64, i64, &'static [i64])],
            i64,
            (usize, u64, u64, f64, f64, bool),
        );
        let table: &[Case] = &[
            // Nobody used the portal: nothing to compare.
            (&[], 10, (0, 0, 0, 0.0, 0.0, true)),
            // Six months before with three cases, four months after with one.
            (&[(0, 6, &[1, 2, 5])], 10, (1, 3, 0, 6.0, 4.0, true)),
            (&[(0, 6, &[1, 2, 5, 7])], 10, (1, 3, 1, 6.0, 4.0, true)),
            // A case opened at the first sign-in is after; one at `now` too.
            (&[(0, 6, &[6, 10])], 10, (1, 0, 2, 6.0, 4.0, true)),
            // Before the customer was known, or after now: not counted.
            (&[(3, 6, &[1, 4, 11])], 10, (1, 1, 0, 3.0, 4.0, true)),
            // The "before" side reaches back twelve months at most.
            (&[(0, 30, &[10, 20, 29])], 32, (1, 2, 0, 12.0, 2.0, true)),
            // A first sign-in in the future does not count yet.
            (
                &[(0, 6, &[1]), (0, 12, &[2])],
                10,
                (1, 1, 0, 6.0, 4.0, true),
            ),
            // Pooled: two customers' months and cases add up.
            (
                &[(0, 4, &[1, 2]), (2, 8, &[3, 9])],
                10,
                (2, 3, 1, 10.0, 8.0, true),
            ),
        ];
        for (adopters, now, want) in table {
            let input: Vec<Adopter> = adopters
                .iter()
                .map(|(s, f, c)| {
                    adopter(s * M, f * M, &c.iter().map(|t| t * M).collect::<Vec<_>>())
                })
                .collect();
            let got = cases_before_after(&input, now * M);
            let rounded = |x: f64| (x * 1000.0).round() / 1000.0;
            assert_eq!(
                (
                    got.customers,
                    got.cases_before,
                    got.cases_after,
                    rounded(got.months_before),
                    rounded(got.months_after),
                    got.small_sample
                ),
                *want,
                "{adopters:?} at {now}"
            );
        }
    }

    #[test]
    fn rates_and_change_compare_the_two_sides() {
        let r = cases_before_after(&[adopter(0, 6 * M, &[M, 2 * M, 5 * M, 7 * M])], 10 * M);
        assert_eq!(r.rate_before(), Some(0.5));
        assert_eq!(r.rate_after(), Some(0.25));
        assert_eq!(r.change(), Some(-0.5));
        // Signed in just now: no time after yet, so no rate and no change.
        let r = cases_before_after(&[adopter(0, 6 * M, &[M])], 6 * M);
        assert_eq!(r.rate_after(), None);
        assert_eq!(r.change(), None);
        // No cases before: a change from zero is not a percentage.
        let r = cases_before_after(&[adopter(0, 6 * M, &[7 * M])], 10 * M);
        assert_eq!(r.rate_before(), Some(0.0));
        assert_eq!(r.change(), None);
    }

    #[test]
    fn twenty_customers_are_no_longer_a_small_sample() {
        let many: Vec<Adopter> = (0..SMALL_SAMPLE as i64)
            .map(|i| adopter(0, (i + 1) * M, &[]))
            .collect();
        assert!(!cases_before_after(&many, 30 * M).small_sample);
        assert!(cases_before_after(&many[1..], 30 * M).small_sample);
    }
}
