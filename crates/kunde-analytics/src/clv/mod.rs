//! Customer lifetime value: customer summaries, BG/NBD and Gamma-Gamma fits and the
//! discounted value per customer; the workspace-level predictions with a plain error when
//! the data cannot carry a fit (`predict`), and their hold-out validation (`validation`).
//!
//! Fitted parameters match Fader, Hardie & Lee (2005) on the CDNOW sample, and the
//! predictions agree with the `lifetimes` Python package (see `tests/clv.rs`).

pub mod bgnbd;
pub mod gamma_gamma;
pub mod optimize;
pub mod predict;
pub mod validation;
pub mod value;

use serde::Serialize;

pub use bgnbd::{BgNbdFit, BgNbdParams, fit_bgnbd};
pub use gamma_gamma::{GammaGammaFit, GammaGammaParams, fit_gamma_gamma};
pub use predict::{
    AtRiskCustomer, AtRiskQuery, CustomerPrediction, FitError, FitRequirements, FittedModels,
    ValueQuery, ValueReport, fit_models, predict_values, valuable_at_risk,
};
pub use validation::{HoldoutQuery, HoldoutReport, HoldoutRow, validate_holdout};
pub use value::{ClvQuery, CustomerValue, customer_value};

use crate::{CustomerId, Error, EventLog};

/// A customer's purchase history in the models' terms, in one time unit (days, weeks).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CustomerSummary {
    /// Repeat purchases: purchase periods after the first (x).
    pub frequency: f64,
    /// Time from the first to the last purchase (t_x); 0 without repeat purchases.
    pub recency: f64,
    /// Time from the first purchase to now (T).
    pub t: f64,
    /// Mean value of the repeat purchases; 0 without repeat purchases.
    pub monetary_value: f64,
}

impl CustomerSummary {
    /// Checks the summary's invariants: a whole non-negative frequency, 0 ≤ t_x ≤ T, and a
    /// zero recency for a customer without repeat purchases.
    pub fn new(
        frequency: f64,
        recency: f64,
        t: f64,
        monetary_value: f64,
    ) -> Result<Self, &'static str> {
        if !(frequency >= 0.0 && frequency.fract() == 0.0 && frequency.is_finite()) {
            return Err("frequency must be a whole number of repeat purchases, 0 or more");
        }
        if !(recency >= 0.0 && t.is_finite() && recency <= t) {
            return Err("recency must be between 0 and T");
        }
        if frequency == 0.0 && recency != 0.0 {
            return Err("recency must be 0 when frequency is 0");
        }
        if !(monetary_value.is_finite() && monetary_value >= 0.0) {
            return Err("monetary_value must be 0 or more");
        }
        Ok(Self {
            frequency,
            recency,
            t,
            monetary_value,
        })
    }
}

/// Options of the maximum-likelihood fits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitOptions {
    /// L2 penalty on the parameters, as `penalizer_coef` in `lifetimes` (0 = plain MLE).
    pub penalizer: f64,
    pub max_iterations: usize,
}

impl Default for FitOptions {
    fn default() -> Self {
        Self {
            penalizer: 0.0,
            max_iterations: 500,
        }
    }
}

/// A fit whose parameters ran off to 0 or infinity has no finite maximum: the data do not
/// identify the model, which is an error rather than a silly prediction.
fn check_identified(params: &[f64]) -> Result<(), Error> {
    if params
        .iter()
        .all(|p| p.is_finite() && *p > 1e-8 && *p < 1e8)
    {
        Ok(())
    } else {
        Err(Error::NoConvergence(format!(
            "the data do not pin the model down (parameters {params:?}); add more customers or a penalizer"
        )))
    }
}

/// Summaries of every customer with at least one order (an event with a positive amount)
/// up to `now`, as `lifetimes`' `summary_data_from_transaction_data` computes them: orders
/// on the same day count as one purchase of their total, and times are in units of
/// `unit_seconds` (86 400 for days, 604 800 for weeks).
pub fn summaries_from_log(
    log: &EventLog,
    now: i64,
    unit_seconds: i64,
) -> Vec<(CustomerId, CustomerSummary)> {
    let mut out = Vec::new();
    let mut days: Vec<(i64, f64)> = Vec::new();
    for e in log.customers() {
        days.clear();
        for i in 0..e.len() {
            if e.times[i] > now {
                break;
            }
            if e.amounts[i] > 0.0 {
                let day = crate::civil::day_of(e.times[i]);
                match days.last_mut() {
                    Some(last) if last.0 == day => last.1 += e.amounts[i],
                    _ => days.push((day, e.amounts[i])),
                }
            }
        }
        let Some(&(first, _)) = days.first() else {
            continue;
        };
        let unit = unit_seconds as f64 / 86_400.0;
        let last = days.last().expect("non-empty").0;
        let repeat = &days[1..];
        let monetary = if repeat.is_empty() {
            0.0
        } else {
            repeat.iter().map(|d| d.1).sum::<f64>() / repeat.len() as f64
        };
        out.push((
            e.customer,
            CustomerSummary {
                frequency: repeat.len() as f64,
                recency: (last - first) as f64 / unit,
                t: (crate::civil::day_of(now) - first) as f64 / unit,
                monetary_value: monetary,
            },
        ));
    }
    out
}

/// A fast non-cryptographic hasher (the Fx hash of rustc) for merging a million customer
/// summaries: SipHash would dominate the fit time there, and the keys are not adversarial.
#[derive(Default)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u32(&mut self, v: u32) {
        self.write_u64(u64::from(v));
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FxMap<K, V> =
    std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;
