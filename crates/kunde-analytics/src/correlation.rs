//! Pearson correlation between employee engagement and customer satisfaction across teams
//! or locations, with a two-sided p-value from Student's t distribution.

use serde::Serialize;

use crate::Error;
use crate::special::student_t_two_sided_p;

/// One team or location: its engagement score and its customers' satisfaction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamScores {
    pub team: String,
    pub engagement: f64,
    pub satisfaction: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Correlation {
    /// Pearson's r, −1..=1.
    pub r: f64,
    /// Number of pairs.
    pub n: usize,
    /// Two-sided p-value of r ≠ 0 (t = r·sqrt((n−2)/(1−r²)), n − 2 degrees of freedom).
    pub p_value: f64,
}

/// Pearson correlation of paired values; needs at least 3 pairs and some spread in both.
pub fn pearson(pairs: &[(f64, f64)]) -> Result<Correlation, Error> {
    let n = pairs.len();
    if n < 3 {
        return Err(Error::NotEnoughData("a correlation needs at least 3 pairs"));
    }
    if pairs.iter().any(|(x, y)| !x.is_finite() || !y.is_finite()) {
        return Err(Error::NotEnoughData("a value is not a finite number"));
    }
    let nf = n as f64;
    let (mx, my) = pairs
        .iter()
        .fold((0.0, 0.0), |(a, b), (x, y)| (a + x / nf, b + y / nf));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in pairs {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    if sxx == 0.0 || syy == 0.0 {
        return Err(Error::NotEnoughData(
            "one of the two scores is the same everywhere",
        ));
    }
    let r = (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0);
    let df = nf - 2.0;
    let p_value = if r.abs() == 1.0 {
        0.0
    } else {
        student_t_two_sided_p(r * (df / (1.0 - r * r)).sqrt(), df)
    };
    Ok(Correlation { r, n, p_value })
}

/// Correlation between engagement and satisfaction over teams.
pub fn engagement_satisfaction(teams: &[TeamScores]) -> Result<Correlation, Error> {
    pearson(
        &teams
            .iter()
            .map(|t| (t.engagement, t.satisfaction))
            .collect::<Vec<_>>(),
    )
}
