//! The BG/NBD model of repeat purchases (Fader, Hardie & Lee 2005), fitted by maximum
//! likelihood, and its predictions: expected purchases and the probability of being alive.
//!
//! The likelihood is made cheap for large data: customers with the same (x, t_x, T) are
//! merged with a weight, every term that depends only on x (the gamma and beta functions)
//! is computed once per distinct x, and ln(α + T), ln(α + t_x) once per distinct value.

use serde::Serialize;

use super::optimize::{Objective, bfgs_from, minimize};
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

/// Rows per chunk of the likelihood sum: the chunks are cut by the data alone and their
/// partial sums added in order, so the value is the same on any number of threads.
const ROW_CHUNK: usize = 4096;

/// The distinct values of a column, sorted, and the index of a value in them.
fn sorted_values(values: impl Iterator<Item = u64>) -> Vec<u64> {
    let mut v: Vec<u64> = values.collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn index_of(sorted: &[u64], v: u64) -> u32 {
    sorted.partition_point(|&s| s < v) as u32
}

impl Data {
    /// Merges customers with the same (x, t_x, T) into one weighted row: per chunk of
    /// customers in a hash map keyed by the three values (in parallel), then the chunks'
    /// maps into one. Rows are sorted by (x, t_x, T), so their order — and the order of
    /// the likelihood's sums — depends only on the data.
    fn new(customers: &[CustomerSummary], penalizer: f64) -> Self {
        let threads = crate::par::threads_for(customers.len());
        // One chunk per thread: every chunk's map holds most distinct rows again.
        let chunks: Vec<&[CustomerSummary]> = customers
            .chunks(customers.len().div_ceil(threads).max(1))
            .collect();
        let parts = crate::par::map(chunks, threads, |chunk| {
            let mut rows: FxMap<(u64, u64, u64), f64> = FxMap::default();
            for c in chunk {
                // Non-negative floats order like their bits (−0 is merged with +0).
                let key = (
                    (c.frequency + 0.0).to_bits(),
                    (c.recency + 0.0).to_bits(),
                    (c.t + 0.0).to_bits(),
                );
                *rows.entry(key).or_default() += 1.0;
            }
            rows
        });
        let mut parts = parts.into_iter();
        let mut merged = parts.next().unwrap_or_default();
        for part in parts {
            for (key, w) in part {
                *merged.entry(key).or_default() += w;
            }
        }
        let xs = sorted_values(merged.keys().map(|k| k.0));
        let txs = sorted_values(merged.keys().map(|k| k.1));
        let ts = sorted_values(merged.keys().map(|k| k.2));
        let mut rows: Vec<(u32, u32, u32, f64)> = merged
            .into_iter()
            .map(|(k, w)| {
                (
                    index_of(&xs, k.0),
                    index_of(&txs, k.1),
                    index_of(&ts, k.2),
                    w,
                )
            })
            .collect();
        rows.sort_unstable_by_key(|r| (r.0, r.1, r.2));
        let floats = |v: Vec<u64>| v.into_iter().map(f64::from_bits).collect();
        Data {
            xs: floats(xs),
            ts: floats(ts),
            txs: floats(txs),
            rows,
            total_weight: customers.len() as f64,
            penalizer,
        }
    }

    /// Every `step`-th row (a sample stratified by (x, t_x, T)), for a quick first fit.
    fn sample(&self, step: usize) -> Data {
        let rows: Vec<_> = self.rows.iter().step_by(step).copied().collect();
        Data {
            xs: self.xs.clone(),
            ts: self.ts.clone(),
            txs: self.txs.clone(),
            total_weight: rows.iter().map(|r| r.3).sum(),
            rows,
            penalizer: self.penalizer,
        }
    }

    /// Log-likelihood and its gradient with respect to (r, α, a, b).
    fn log_likelihood(&self, p: &BgNbdParams, grad: &mut [f64; 4]) -> f64 {
        self.log_likelihood_on(p, grad, crate::par::threads_for(self.rows.len() * 8))
    }

    fn log_likelihood_on(&self, p: &BgNbdParams, grad: &mut [f64; 4], threads: usize) -> f64 {
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
        let chunks: Vec<&[(u32, u32, u32, f64)]> = self.rows.chunks(ROW_CHUNK).collect();
        let parts = crate::par::map(chunks, threads, |rows| {
            let (mut ll, mut g_r, mut g_alpha, mut g_a, mut g_b) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for &(xi, txi, ti, w) in rows {
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
            [ll, g_r, g_alpha, g_a, g_b]
        });
        let mut total = [0.0; 5];
        for part in parts {
            for (t, v) in total.iter_mut().zip(part) {
                *t += v;
            }
        }
        *grad = [total[1], total[2], total[3], total[4]];
        total[0]
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
    let m = fit_warm(&data, &starts, options.max_iterations, SAMPLE_ROWS)?;
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

/// Above this many distinct triples, the fit first runs on a sample of about this many.
const SAMPLE_ROWS: usize = 16_384;

/// Minimises the objective; for large data, first on a stratified sample of the rows and
/// then on all of them from the sample's optimum and inverse Hessian, which takes a few
/// iterations instead of dozens. The full data decide convergence either way, with the
/// same tolerance; if the warm start fails, the plain fit from `starts` runs.
fn fit_warm(
    data: &Data,
    starts: &[Vec<f64>],
    max_iterations: usize,
    sample_rows: usize,
) -> Result<super::optimize::Minimum, Error> {
    let step = data.rows.len() / sample_rows;
    if step >= 2
        && let Ok(sample) = minimize(&data.sample(step), starts, max_iterations)
        && let Ok((m, true)) = bfgs_from(data, &sample.x, sample.inverse_hessian, max_iterations)
        && m.gradient_norm < 1e-6
    {
        return Ok(m);
    }
    minimize(data, starts, max_iterations)
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A plain reference for the merge: a sorted map from the three values to a count.
    fn reference_rows(customers: &[CustomerSummary]) -> Vec<(f64, f64, f64, f64)> {
        let mut rows = std::collections::BTreeMap::<(u64, u64, u64), f64>::new();
        for c in customers {
            let key = (
                (c.frequency + 0.0).to_bits(),
                (c.recency + 0.0).to_bits(),
                (c.t + 0.0).to_bits(),
            );
            *rows.entry(key).or_default() += 1.0;
        }
        rows.into_iter()
            .map(|((x, tx, t), w)| (f64::from_bits(x), f64::from_bits(tx), f64::from_bits(t), w))
            .collect()
    }

    fn customers_strategy() -> impl Strategy<Value = Vec<CustomerSummary>> {
        prop::collection::vec((0u8..6, 0u8..20, 0u8..20), 1..400).prop_map(|v| {
            v.into_iter()
                .map(|(x, a, b)| {
                    let t = f64::from(a.max(b)) / 7.0 + 0.5;
                    let tx = if x == 0 {
                        0.0
                    } else {
                        f64::from(a.min(b)) / 7.0
                    };
                    CustomerSummary::new(f64::from(x), tx, t, 0.0).unwrap()
                })
                .collect()
        })
    }

    proptest! {
        /// The parallel merge gives the reference's rows, and the chunked likelihood sum
        /// is the same on any number of threads.
        #[test]
        fn merge_and_likelihood_do_not_depend_on_threads(
            customers in customers_strategy(),
            r in 0.05f64..3.0, alpha in 0.1f64..10.0, a in 0.05f64..3.0, b in 0.05f64..5.0,
        ) {
            let data = Data::new(&customers, 0.0);
            let rows: Vec<(f64, f64, f64, f64)> = data
                .rows
                .iter()
                .map(|&(x, tx, t, w)| (data.xs[x as usize], data.txs[tx as usize], data.ts[t as usize], w))
                .collect();
            prop_assert_eq!(rows, reference_rows(&customers));
            let p = BgNbdParams { r, alpha, a, b };
            let (mut g1, mut g2) = ([0.0; 4], [0.0; 4]);
            let one = data.log_likelihood_on(&p, &mut g1, 1);
            for threads in 2..4 {
                let many = data.log_likelihood_on(&p, &mut g2, threads);
                prop_assert_eq!(one.to_bits(), many.to_bits());
                prop_assert_eq!(g1.map(f64::to_bits), g2.map(f64::to_bits));
            }
        }
    }

    #[test]
    fn warm_started_fit_finds_the_plain_fit_optimum() {
        let customers: Vec<CustomerSummary> =
            include_str!("../../tests/data/cdnow_customers_summary.csv")
                .lines()
                .skip(1)
                .map(|l| {
                    let v: Vec<f64> = l.split(',').map(|x| x.parse().unwrap()).collect();
                    CustomerSummary::new(v[1], v[2], v[3], v[4]).unwrap()
                })
                .collect();
        let data = Data::new(&customers, 0.0);
        // CDNOW has about 1000 distinct triples: sample every fourth.
        let sample_rows = data.rows.len() / 4;
        let starts = vec![vec![0.0, 1.0, 0.0, 0.0]];
        let warm = fit_warm(&data, &starts, 500, sample_rows).unwrap();
        let plain = minimize(&data, &starts, 500).unwrap();
        assert!(
            warm.iterations < plain.iterations,
            "{} {}",
            warm.iterations,
            plain.iterations
        );
        for (w, p) in warm.x.iter().zip(&plain.x) {
            assert!((w - p).abs() < 1e-6, "{:?} {:?}", warm.x, plain.x);
        }
        assert!((warm.value - plain.value).abs() < 1e-12 * plain.value.abs().max(1.0));
    }
}
