//! The BG/NBD model of repeat purchases (Fader, Hardie & Lee 2005), fitted by maximum
//! likelihood, and its predictions: expected purchases and the probability of being alive.
//!
//! The likelihood is made cheap for large data: customers with the same (x, t_x, T) are
//! merged with a weight, every term that depends only on x (the gamma and beta functions)
//! is computed once per distinct x, and ln(α + T), ln(α + t_x) once per distinct value.

use serde::Serialize;

use super::optimize::{Objective, minimize};
use super::{CustomerSummary, FitOptions, FxMap};
use crate::Error;
use crate::special::{digamma, hyp2f1, ln_gamma};

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BgNbdParams {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BgNbdFit {
    pub params: BgNbdParams,
    /// The maximised log-likelihood of all customers, in the time unit of the data.
    pub log_likelihood: f64,
    pub customers: usize,
    /// Distinct (x, t_x, T) triples the likelihood was computed over.
    pub distinct_customers: usize,
    pub iterations: usize,
}

/// The customers reduced to distinct triples and per-value tables.
struct Data {
    xs: Vec<f64>,
    ts: Vec<f64>,
    txs: Vec<f64>,
    /// (x index, t_x index, T index, weight)
    rows: Vec<(u32, u32, u32, f64)>,
    total_weight: f64,
    penalizer: f64,
}

fn intern(map: &mut FxMap<u64, u32>, values: &mut Vec<f64>, v: f64) -> u32 {
    *map.entry(v.to_bits()).or_insert_with(|| {
        values.push(v);
        values.len() as u32 - 1
    })
}

impl Data {
    fn new(customers: &[CustomerSummary], penalizer: f64) -> Self {
        let (mut xm, mut tm, mut txm) = (FxMap::default(), FxMap::default(), FxMap::default());
        let (mut xs, mut ts, mut txs) = (Vec::new(), Vec::new(), Vec::new());
        let mut rows: FxMap<(u32, u32, u32), f64> = FxMap::default();
        for c in customers {
            let key = (
                intern(&mut xm, &mut xs, c.frequency),
                intern(&mut txm, &mut txs, c.recency),
                intern(&mut tm, &mut ts, c.t),
            );
            *rows.entry(key).or_default() += 1.0;
        }
        let mut rows: Vec<_> = rows
            .into_iter()
            .map(|((x, tx, t), w)| (x, tx, t, w))
            .collect();
        // A fixed order makes the floating-point sums, and so the fit, reproducible.
        rows.sort_unstable_by_key(|r| (r.0, r.1, r.2));
        Data {
            xs,
            ts,
            txs,
            rows,
            total_weight: customers.len() as f64,
            penalizer,
        }
    }

    /// Log-likelihood and its gradient with respect to (r, α, a, b).
    fn log_likelihood(&self, p: &BgNbdParams, grad: &mut [f64; 4]) -> f64 {
        let BgNbdParams { r, alpha, a, b } = *p;
        let (ln_alpha, lg_r, lg_b, lg_ab) = (alpha.ln(), ln_gamma(r), ln_gamma(b), ln_gamma(a + b));
        let (dg_r, dg_b, dg_ab) = (digamma(r), digamma(b), digamma(a + b));
        // Per distinct x: A1 + A2, their derivatives, and ln(a / (b + x − 1)).
        let per_x: Vec<[f64; 6]> = self
            .xs
            .iter()
            .map(|&x| {
                let a12 = ln_gamma(r + x) - lg_r + r * ln_alpha + lg_ab + ln_gamma(b + x)
                    - lg_b
                    - ln_gamma(a + b + x);
                let d_r = digamma(r + x) - dg_r + ln_alpha;
                let dg_abx = digamma(a + b + x);
                let d_a = dg_ab - dg_abx;
                let d_b = dg_ab + digamma(b + x) - dg_b - dg_abx;
                let ln_ab = if x > 0.0 {
                    a.ln() - (b + x - 1.0).ln()
                } else {
                    0.0
                };
                [a12, d_r, d_a, d_b, ln_ab, 1.0 / (b + x - 1.0)]
            })
            .collect();
        let per_t: Vec<(f64, f64)> = self
            .ts
            .iter()
            .map(|&t| ((alpha + t).ln(), 1.0 / (alpha + t)))
            .collect();
        let per_tx: Vec<(f64, f64)> = self
            .txs
            .iter()
            .map(|&t| ((alpha + t).ln(), 1.0 / (alpha + t)))
            .collect();
        let (mut ll, mut g_r, mut g_alpha, mut g_a, mut g_b) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for &(xi, txi, ti, w) in &self.rows {
            let x = self.xs[xi as usize];
            let px = &per_x[xi as usize];
            let (l_t, i_t) = per_t[ti as usize];
            let rx = r + x;
            let a3 = -rx * l_t;
            if x == 0.0 {
                ll += w * (px[0] + a3);
                g_r += w * (px[1] - l_t);
                g_alpha += w * (r / alpha - rx * i_t);
                continue;
            }
            let (l_tx, i_tx) = per_tx[txi as usize];
            let a4 = px[4] - rx * l_tx;
            // ln(e^A3 + e^A4) with the larger term factored out.
            let (hi, lo) = if a3 > a4 { (a3, a4) } else { (a4, a3) };
            let e = (lo - hi).exp();
            let w_hi = 1.0 / (1.0 + e);
            let (w3, w4) = if a3 > a4 {
                (w_hi, 1.0 - w_hi)
            } else {
                (1.0 - w_hi, w_hi)
            };
            ll += w * (px[0] + hi + e.ln_1p());
            g_r += w * (px[1] - w3 * l_t - w4 * l_tx);
            g_alpha += w * (r / alpha - rx * (w3 * i_t + w4 * i_tx));
            g_a += w * (px[2] + w4 / a);
            g_b += w * (px[3] - w4 * px[5]);
        }
        *grad = [g_r, g_alpha, g_a, g_b];
        ll
    }
}

impl Objective for Data {
    /// The mean negative log-likelihood (plus the optional L2 penalty of `lifetimes`), as a
    /// function of the logarithms of the parameters, so that they stay positive.
    fn value_and_gradient(&self, phi: &[f64], gradient: &mut [f64]) -> Option<f64> {
        let theta: Vec<f64> = phi.iter().map(|v| v.exp()).collect();
        if theta.iter().any(|v| !v.is_finite() || *v <= 0.0) {
            return None;
        }
        let p = BgNbdParams {
            r: theta[0],
            alpha: theta[1],
            a: theta[2],
            b: theta[3],
        };
        let mut g = [0.0; 4];
        let ll = self.log_likelihood(&p, &mut g);
        let penalty: f64 = theta.iter().map(|v| v * v).sum::<f64>() * self.penalizer;
        for i in 0..4 {
            gradient[i] = (-g[i] / self.total_weight + 2.0 * self.penalizer * theta[i]) * theta[i];
        }
        let value = -ll / self.total_weight + penalty;
        value.is_finite().then_some(value)
    }
}

/// Fits BG/NBD to customer summaries by maximum likelihood.
pub fn fit_bgnbd(customers: &[CustomerSummary], options: &FitOptions) -> Result<BgNbdFit, Error> {
    if customers.is_empty() {
        return Err(Error::NotEnoughData("no customers"));
    }
    if customers.iter().all(|c| c.frequency == 0.0) {
        return Err(Error::NotEnoughData("no customer made a repeat purchase"));
    }
    let data = Data::new(customers, options.penalizer);
    let mean_t = customers.iter().map(|c| c.t).sum::<f64>() / customers.len() as f64;
    let starts: Vec<Vec<f64>> = [
        (1.0, mean_t.max(1e-6)),
        (0.5, 1.0),
        (1.0, 10.0 * mean_t.max(1e-6)),
    ]
    .iter()
    .map(|&(r, alpha)| vec![f64::ln(r), f64::ln(alpha), 0.0, 0.0])
    .collect();
    let m = minimize(&data, &starts, options.max_iterations)?;
    let params = BgNbdParams {
        r: m.x[0].exp(),
        alpha: m.x[1].exp(),
        a: m.x[2].exp(),
        b: m.x[3].exp(),
    };
    super::check_identified(&[params.r, params.alpha, params.a, params.b])?;
    let mut g = [0.0; 4];
    Ok(BgNbdFit {
        params,
        log_likelihood: data.log_likelihood(&params, &mut g),
        customers: customers.len(),
        distinct_customers: data.rows.len(),
        iterations: m.iterations,
    })
}

impl BgNbdParams {
    /// The log-likelihood of the given customers under these parameters.
    pub fn log_likelihood(&self, customers: &[CustomerSummary]) -> f64 {
        Data::new(customers, 0.0).log_likelihood(self, &mut [0.0; 4])
    }

    /// Expected number of purchases in the next `t` time units for a customer with this
    /// history (`conditional_expected_number_of_purchases_up_to_time` in `lifetimes`).
    pub fn expected_purchases(&self, t: f64, c: &CustomerSummary) -> f64 {
        let BgNbdParams { r, alpha, a, b } = *self;
        let (x, tx, big_t) = (c.frequency, c.recency, c.t);
        let first = (a + b + x - 1.0) / (a - 1.0);
        let hyp = hyp2f1(r + x, b + x, a + b + x - 1.0, t / (alpha + big_t + t));
        let second = 1.0 - hyp * ((alpha + big_t) / (alpha + t + big_t)).powf(r + x);
        let denominator = if x > 0.0 {
            1.0 + a / (b + x - 1.0) * ((alpha + big_t) / (alpha + tx)).powf(r + x)
        } else {
            1.0
        };
        first * second / denominator
    }

    /// The probability that the customer has not dropped out (`conditional_probability_alive`).
    pub fn probability_alive(&self, c: &CustomerSummary) -> f64 {
        if c.frequency == 0.0 {
            return 1.0;
        }
        let BgNbdParams { r, alpha, a, b } = *self;
        let log_div = (r + c.frequency) * ((alpha + c.t) / (alpha + c.recency)).ln()
            + (a / (b + c.frequency - 1.0)).ln();
        1.0 / (1.0 + log_div.exp())
    }
}
