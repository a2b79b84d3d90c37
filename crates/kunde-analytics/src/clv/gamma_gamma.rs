//! The Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and
//! CLV: using iso-value curves"), fitted by maximum likelihood over the customers with at
//! least one repeat purchase.

use serde::Serialize;

use super::optimize::{Objective, minimize};
use super::{CustomerSummary, FitOptions, FxMap};
use crate::Error;
use crate::special::{digamma, ln_gamma};

/// Parameters p, q and γ (called `v` in `lifetimes`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GammaGammaParams {
    pub p: f64,
    pub q: f64,
    pub gamma: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GammaGammaFit {
    pub params: GammaGammaParams,
    pub log_likelihood: f64,
    /// Customers with a repeat purchase, the only ones the model is fitted on.
    pub customers: usize,
    pub iterations: usize,
}

struct Data {
    xs: Vec<f64>,
    /// (x index, x·m, ln m, ln x, weight) per distinct (x, m).
    rows: Vec<(u32, f64, f64, f64, f64)>,
    total_weight: f64,
    penalizer: f64,
}

impl Data {
    fn new(customers: &[&CustomerSummary], penalizer: f64) -> Self {
        let mut x_index: FxMap<u64, u32> = FxMap::default();
        let mut xs = Vec::new();
        let mut rows: FxMap<(u32, u64), f64> = FxMap::default();
        for c in customers {
            let xi = *x_index.entry(c.frequency.to_bits()).or_insert_with(|| {
                xs.push(c.frequency);
                xs.len() as u32 - 1
            });
            *rows.entry((xi, c.monetary_value.to_bits())).or_default() += 1.0;
        }
        let mut rows: Vec<_> = rows
            .into_iter()
            .map(|((xi, m), w)| {
                let (x, m) = (xs[xi as usize], f64::from_bits(m));
                (xi, x * m, m.ln(), x.ln(), w)
            })
            .collect();
        rows.sort_unstable_by(|a, b| (a.0, a.1).partial_cmp(&(b.0, b.1)).expect("finite"));
        Data {
            xs,
            rows,
            total_weight: customers.len() as f64,
            penalizer,
        }
    }

    fn log_likelihood(&self, params: &GammaGammaParams, grad: &mut [f64; 3]) -> f64 {
        let GammaGammaParams { p, q, gamma } = *params;
        let (lg_q, dg_q, ln_gamma_v) = (ln_gamma(q), digamma(q), gamma.ln());
        let per_x: Vec<(f64, f64, f64)> = self
            .xs
            .iter()
            .map(|&x| {
                let (px, pxq) = (p * x, p * x + q);
                (
                    ln_gamma(pxq) - ln_gamma(px) - lg_q + q * ln_gamma_v,
                    digamma(pxq),
                    digamma(px),
                )
            })
            .collect();
        let (mut ll, mut g_p, mut g_q, mut g_g) = (0.0, 0.0, 0.0, 0.0);
        for &(xi, xm, ln_m, ln_x, w) in &self.rows {
            let x = self.xs[xi as usize];
            let (base, dg_pxq, dg_px) = per_x[xi as usize];
            let pxq = p * x + q;
            let ln_xmg = (xm + gamma).ln();
            ll += w * (base + (p * x - 1.0) * ln_m + p * x * ln_x - pxq * ln_xmg);
            g_p += w * x * (dg_pxq - dg_px + ln_m + ln_x - ln_xmg);
            g_q += w * (dg_pxq - dg_q + ln_gamma_v - ln_xmg);
            g_g += w * (q / gamma - pxq / (xm + gamma));
        }
        *grad = [g_p, g_q, g_g];
        ll
    }
}

impl Objective for Data {
    fn value_and_gradient(&self, phi: &[f64], gradient: &mut [f64]) -> Option<f64> {
        let theta: Vec<f64> = phi.iter().map(|v| v.exp()).collect();
        if theta.iter().any(|v| !v.is_finite() || *v <= 0.0) {
            return None;
        }
        let params = GammaGammaParams {
            p: theta[0],
            q: theta[1],
            gamma: theta[2],
        };
        let mut g = [0.0; 3];
        let ll = self.log_likelihood(&params, &mut g);
        for i in 0..3 {
            gradient[i] = (-g[i] / self.total_weight + 2.0 * self.penalizer * theta[i]) * theta[i];
        }
        let value =
            -ll / self.total_weight + self.penalizer * theta.iter().map(|v| v * v).sum::<f64>();
        value.is_finite().then_some(value)
    }
}

/// Fits Gamma-Gamma to the customers with a repeat purchase (frequency > 0).
pub fn fit_gamma_gamma(
    customers: &[CustomerSummary],
    options: &FitOptions,
) -> Result<GammaGammaFit, Error> {
    let repeat: Vec<&CustomerSummary> = customers.iter().filter(|c| c.frequency > 0.0).collect();
    if repeat.len() < 2 {
        return Err(Error::NotEnoughData(
            "fewer than 2 customers made a repeat purchase",
        ));
    }
    if repeat.iter().any(|c| c.monetary_value <= 0.0) {
        return Err(Error::NotEnoughData(
            "a customer with repeat purchases has no positive spend",
        ));
    }
    let data = Data::new(&repeat, options.penalizer);
    let mean_m = repeat.iter().map(|c| c.monetary_value).sum::<f64>() / repeat.len() as f64;
    let starts: Vec<Vec<f64>> = [(1.0, 1.0, mean_m), (5.0, 3.0, mean_m), (1.0, 1.0, 1.0)]
        .iter()
        .map(|&(p, q, g): &(f64, f64, f64)| vec![p.ln(), q.ln(), g.ln()])
        .collect();
    let m = minimize(&data, &starts, options.max_iterations)?;
    let params = GammaGammaParams {
        p: m.x[0].exp(),
        q: m.x[1].exp(),
        gamma: m.x[2].exp(),
    };
    super::check_identified(&[params.p, params.q, params.gamma])?;
    Ok(GammaGammaFit {
        log_likelihood: data.log_likelihood(&params, &mut [0.0; 3]),
        params,
        customers: repeat.len(),
        iterations: m.iterations,
    })
}

impl GammaGammaParams {
    /// Expected spend per transaction for a customer (`conditional_expected_average_profit`
    /// in `lifetimes`): a weighted mean of the customer's own average and the population's.
    pub fn expected_average_value(&self, c: &CustomerSummary) -> f64 {
        let GammaGammaParams { p, q, gamma } = *self;
        let weight = p * c.frequency / (p * c.frequency + q - 1.0);
        let population = gamma * p / (q - 1.0);
        (1.0 - weight) * population + weight * c.monetary_value
    }
}
