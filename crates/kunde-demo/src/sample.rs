//! The few probability distributions the simulation draws from, written out because the
//! crate keeps to `rand` alone: exponential waiting times, gamma-distributed purchase rates
//! and beta-distributed dropout probabilities (the BG/NBD model's own assumptions), and
//! log-normal phone queues.

use rand::Rng;

/// A waiting time with the given rate (events per unit of time).
pub fn exponential(rng: &mut impl Rng, rate: f64) -> f64 {
    -(1.0 - rng.random::<f64>()).ln() / rate
}

/// A standard normal draw (Box–Muller).
pub fn normal(rng: &mut impl Rng) -> f64 {
    let u = 1.0 - rng.random::<f64>();
    let v = rng.random::<f64>();
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// A gamma draw with the given shape and scale (Marsaglia and Tsang).
pub fn gamma(rng: &mut impl Rng, shape: f64, scale: f64) -> f64 {
    debug_assert!(shape > 0.0 && scale > 0.0);
    if shape < 1.0 {
        // Boost the shape above one and scale back: Gamma(a) = Gamma(a + 1) · U^(1/a).
        let u = 1.0 - rng.random::<f64>();
        return gamma(rng, shape + 1.0, scale) * u.powf(1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        let x = normal(rng);
        let v = (1.0 + c * x).powi(3);
        if v <= 0.0 {
            continue;
        }
        let u = 1.0 - rng.random::<f64>();
        if u.ln() < 0.5 * x * x + d - d * v + d * v.ln() {
            return d * v * scale;
        }
    }
}

/// A beta draw from two gamma draws.
pub fn beta(rng: &mut impl Rng, a: f64, b: f64) -> f64 {
    let x = gamma(rng, a, 1.0);
    let y = gamma(rng, b, 1.0);
    x / (x + y)
}

/// A log-normal draw with the given median and spread of the logarithm.
pub fn log_normal(rng: &mut impl Rng, median: f64, sigma: f64) -> f64 {
    median * (sigma * normal(rng)).exp()
}

/// An index into `weights`, chosen in proportion to them.
pub fn pick(rng: &mut impl Rng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut x = rng.random::<f64>() * total;
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

/// One item of a table whose last column is a weight.
pub fn pick_from<'a, T>(rng: &mut impl Rng, table: &'a [T], weight: impl Fn(&T) -> f64) -> &'a T {
    let weights: Vec<f64> = table.iter().map(weight).collect();
    &table[pick(rng, &weights)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    fn mean(n: usize, mut f: impl FnMut() -> f64) -> f64 {
        (0..n).map(|_| f()).sum::<f64>() / n as f64
    }

    #[test]
    fn draws_have_the_means_of_their_distributions() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let close = |a: f64, b: f64| (a - b).abs() < 0.03 * b.max(1.0);
        assert!(close(mean(50_000, || exponential(&mut rng, 2.0)), 0.5));
        assert!(close(mean(50_000, || gamma(&mut rng, 0.6, 2.0)), 1.2));
        assert!(close(mean(50_000, || gamma(&mut rng, 3.0, 0.5)), 1.5));
        assert!(close(mean(50_000, || beta(&mut rng, 1.0, 3.0)), 0.25));
        let picks = mean(50_000, || pick(&mut rng, &[1.0, 3.0]) as f64);
        assert!((picks - 0.75).abs() < 0.01);
    }
}
