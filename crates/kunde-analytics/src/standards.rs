//! Competitors' standards per touchpoint (issue 14): given the business's own value and each
//! competitor's for one standard, who is best, whether the business is behind, and whether a
//! target beats the best competitor. Lower is better for a price and a waiting or delivery
//! time; higher for opening hours (hours open a week) and a review rating; a free-text
//! standard is shown side by side and never compared.

use serde::Serialize;

/// What a standard measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum StandardKind {
    /// A reference price (lower is better).
    Price,
    /// A waiting or delivery time (lower is better).
    Time,
    /// Opening hours, as hours open a week (higher is better).
    Hours,
    /// A review rating (higher is better).
    Rating,
    /// A free-text standard: not compared.
    Text,
}

impl StandardKind {
    pub const ALL: [StandardKind; 5] = [
        StandardKind::Price,
        StandardKind::Time,
        StandardKind::Hours,
        StandardKind::Rating,
        StandardKind::Text,
    ];

    pub fn code(self) -> &'static str {
        match self {
            StandardKind::Price => "price",
            StandardKind::Time => "time",
            StandardKind::Hours => "hours",
            StandardKind::Rating => "rating",
            StandardKind::Text => "text",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Whether a lower value is better (`Some(true)`), a higher one (`Some(false)`), or the
    /// standard is not compared (`None`).
    pub fn lower_is_better(self) -> Option<bool> {
        match self {
            StandardKind::Price | StandardKind::Time => Some(true),
            StandardKind::Hours | StandardKind::Rating => Some(false),
            StandardKind::Text => None,
        }
    }

    /// Whether `a` is strictly better than `b` for this kind (never for free text).
    pub fn better(self, a: f64, b: f64) -> bool {
        match self.lower_is_better() {
            Some(true) => a < b,
            Some(false) => a > b,
            None => false,
        }
    }
}

/// Where the business stands on one standard.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Standing {
    /// The index (into the competitors' values) and value of the best competitor; the first
    /// of equals. `None` when no competitor has a value or the standard is free text.
    pub best: Option<(usize, f64)>,
    /// The business's own value is worse than the best competitor's.
    pub behind: bool,
    /// The target beats (or at least equals) the best competitor; `None` without a target,
    /// a best competitor, or for free text.
    pub target_beats_best: Option<bool>,
}

/// Compares the business's `own` value and `target` with the competitors' `values` (a
/// competitor without a value is `None`).
pub fn standing(
    kind: StandardKind,
    own: Option<f64>,
    target: Option<f64>,
    values: &[Option<f64>],
) -> Standing {
    if kind.lower_is_better().is_none() {
        return Standing {
            best: None,
            behind: false,
            target_beats_best: None,
        };
    }
    let mut best: Option<(usize, f64)> = None;
    for (i, v) in values.iter().enumerate() {
        let Some(v) = v.filter(|v| v.is_finite()) else {
            continue;
        };
        if best.is_none_or(|(_, b)| kind.better(v, b)) {
            best = Some((i, v));
        }
    }
    let behind = match (own, best) {
        (Some(o), Some((_, b))) => kind.better(b, o),
        _ => false,
    };
    let target_beats_best = match (target, best) {
        (Some(t), Some((_, b))) => Some(!kind.better(b, t)),
        _ => None,
    };
    Standing {
        best,
        behind,
        target_beats_best,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use StandardKind::*;

    /// (kind, own, target, competitors, best, behind, target beats best)
    type Case = (
        StandardKind,
        Option<f64>,
        Option<f64>,
        &'static [Option<f64>],
        Option<(usize, f64)>,
        bool,
        Option<bool>,
    );

    #[test]
    fn the_best_competitor_and_whether_the_business_is_behind() {
        // (kind, own, target, competitors, best, behind, target beats best)
        let cases: &[Case] = &[
            // Time: lower is better. You 3 days, best 1 day, target 1 day.
            (
                Time,
                Some(3.0),
                Some(1.0),
                &[Some(2.0), Some(1.0)],
                Some((1, 1.0)),
                true,
                Some(true),
            ),
            // A target worse than the best does not beat it.
            (
                Time,
                Some(3.0),
                Some(2.0),
                &[Some(2.0), Some(1.0)],
                Some((1, 1.0)),
                true,
                Some(false),
            ),
            // Ahead on price.
            (
                Price,
                Some(400.0),
                None,
                &[Some(450.0), Some(500.0)],
                Some((0, 450.0)),
                false,
                None,
            ),
            // Equal to the best is not behind; the first of equals is best.
            (
                Price,
                Some(450.0),
                Some(449.0),
                &[Some(450.0), Some(450.0)],
                Some((0, 450.0)),
                false,
                Some(true),
            ),
            // Rating: higher is better.
            (
                Rating,
                Some(4.1),
                Some(4.7),
                &[Some(4.6), None, Some(3.9)],
                Some((0, 4.6)),
                true,
                Some(true),
            ),
            (
                Rating,
                Some(4.8),
                None,
                &[Some(4.6)],
                Some((0, 4.6)),
                false,
                None,
            ),
            // Opening hours a week: higher is better.
            (
                Hours,
                Some(40.0),
                Some(50.0),
                &[Some(55.0), Some(45.0)],
                Some((0, 55.0)),
                true,
                Some(false),
            ),
            // No competitor value: nothing to compare.
            (Time, Some(3.0), Some(1.0), &[None, None], None, false, None),
            // No own value: not behind, but the target is still judged.
            (
                Time,
                None,
                Some(1.0),
                &[Some(2.0)],
                Some((0, 2.0)),
                false,
                Some(true),
            ),
            // Free text is never compared.
            (Text, Some(1.0), Some(1.0), &[Some(0.0)], None, false, None),
            // A value that is not a number is ignored.
            (
                Price,
                Some(10.0),
                None,
                &[Some(f64::NAN), Some(12.0)],
                Some((1, 12.0)),
                false,
                None,
            ),
        ];
        for (i, (kind, own, target, values, best, behind, beats)) in cases.iter().enumerate() {
            let s = standing(*kind, *own, *target, values);
            assert_eq!(s.best, *best, "case {i}");
            assert_eq!(s.behind, *behind, "case {i}");
            assert_eq!(s.target_beats_best, *beats, "case {i}");
        }
    }

    #[test]
    fn kinds_round_trip_through_their_codes() {
        for k in StandardKind::ALL {
            assert_eq!(StandardKind::parse(k.code()), Some(k));
        }
        assert_eq!(StandardKind::parse("speed"), None);
    }
}
