//! Lifetime value of a workspace's customers from its order log: the BG/NBD and Gamma-Gamma
//! fits, each customer's P(alive), expected purchases, expected spend and discounted value
//! next to what it has spent so far, and the valuable customers at risk.
//!
//! When the data cannot carry a fit, the answer is a [`FitError`] the web layer words in
//! plain language (and shows historic value only), never a made-up prediction.

use serde::Serialize;
use thiserror::Error;

use super::{
    BgNbdFit, ClvQuery, CustomerSummary, FitOptions, GammaGammaFit, customer_value, fit_bgnbd,
    fit_gamma_gamma, summaries_from_log,
};
use crate::{CustomerId, EventLog};

/// Why a lifetime-value model could not be fitted; `code()` is what the web layer translates.
#[derive(Debug, Clone, PartialEq, Error, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum FitError {
    #[error("too few customers with an order ({found}, need at least {needed})")]
    TooFewCustomers { found: usize, needed: usize },
    #[error("too few customers bought more than once ({found}, need at least {needed})")]
    TooFewRepeatCustomers { found: usize, needed: usize },
    #[error("the model fit did not converge")]
    NoConvergence,
    /// The likelihood has no finite maximum: parameters ran off to 0 or infinity.
    #[error("the data do not pin the model down")]
    NotIdentified,
    #[error("the spend per purchase varies too wildly for the spend model")]
    SpendNotIdentified,
    #[error("the customers who bought again have no spend recorded")]
    NoSpend,
    #[error("the period after the cut-off is empty")]
    EmptyHoldout,
}

impl FitError {
    /// A stable code per case: `too_few_customers`, `too_few_repeat_customers`,
    /// `no_convergence`, `not_identified`, `spend_not_identified`, `no_spend`,
    /// `empty_holdout`.
    pub fn code(&self) -> &'static str {
        match self {
            FitError::TooFewCustomers { .. } => "too_few_customers",
            FitError::TooFewRepeatCustomers { .. } => "too_few_repeat_customers",
            FitError::NoConvergence => "no_convergence",
            FitError::NotIdentified => "not_identified",
            FitError::SpendNotIdentified => "spend_not_identified",
            FitError::NoSpend => "no_spend",
            FitError::EmptyHoldout => "empty_holdout",
        }
    }

    /// Maps the core's fit errors (whose preconditions [`check_data`] already covers).
    fn from_core(e: crate::Error) -> Self {
        match e {
            crate::Error::NoConvergence(why) if why.contains("pin the model down") => {
                FitError::NotIdentified
            }
            crate::Error::NotEnoughData(_) => FitError::TooFewRepeatCustomers {
                found: 0,
                needed: 2,
            },
            _ => FitError::NoConvergence,
        }
    }
}

/// How much data a fit needs and how it runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitRequirements {
    pub min_customers: usize,
    /// Customers with at least one repeat purchase; below this the fit is refused.
    pub min_repeat_customers: usize,
    pub options: FitOptions,
}

impl Default for FitRequirements {
    fn default() -> Self {
        Self {
            min_customers: 50,
            min_repeat_customers: 20,
            options: FitOptions::default(),
        }
    }
}

/// Refuses data too thin for the models, with the counts that fell short.
pub fn check_data(
    summaries: &[CustomerSummary],
    requirements: &FitRequirements,
) -> Result<(), FitError> {
    let repeat = summaries.iter().filter(|c| c.frequency > 0.0).count();
    if summaries.len() < requirements.min_customers {
        return Err(FitError::TooFewCustomers {
            found: summaries.len(),
            needed: requirements.min_customers,
        });
    }
    if repeat < requirements.min_repeat_customers.max(2) {
        return Err(FitError::TooFewRepeatCustomers {
            found: repeat,
            needed: requirements.min_repeat_customers.max(2),
        });
    }
    Ok(())
}

/// The two models fitted on the same summaries; the spend model is optional because a
/// purchase count model stands alone when the spend cannot be modelled.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FittedModels {
    pub bgnbd: BgNbdFit,
    pub gamma_gamma: Option<GammaGammaFit>,
    /// Why there is no spend model, when there is none.
    pub spend_error: Option<FitError>,
}

/// Fits BG/NBD (required) and Gamma-Gamma (when it can be fitted) to summaries.
pub fn fit_models(
    summaries: &[CustomerSummary],
    requirements: &FitRequirements,
) -> Result<FittedModels, FitError> {
    check_data(summaries, requirements)?;
    let bgnbd = fit_bgnbd(summaries, &requirements.options).map_err(FitError::from_core)?;
    let (gamma_gamma, spend_error) = match fit_gamma_gamma(summaries, &requirements.options) {
        // q ≤ 1 leaves the population's mean spend infinite: no usable prediction.
        Ok(gg) if gg.params.q > 1.0 => (Some(gg), None),
        Ok(_) => (None, Some(FitError::SpendNotIdentified)),
        Err(crate::Error::NotEnoughData(_)) => (None, Some(FitError::NoSpend)),
        Err(e) => (
            None,
            Some(match FitError::from_core(e) {
                FitError::NotIdentified => FitError::SpendNotIdentified,
                other => other,
            }),
        ),
    };
    Ok(FittedModels {
        bgnbd,
        gamma_gamma,
        spend_error,
    })
}

/// What to predict for the customers of a log.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValueQuery {
    pub now: i64,
    /// The models' time unit in seconds: 604 800 (weeks) is the usual choice.
    pub unit_seconds: i64,
    /// Horizon and discount of the predicted value.
    pub months: u32,
    pub monthly_discount_rate: f64,
    pub requirements: FitRequirements,
}

impl ValueQuery {
    /// Weeks, 12 months ahead, 1 % discount a month.
    pub fn new(now: i64) -> Self {
        Self {
            now,
            unit_seconds: 7 * 86_400,
            months: 12,
            monthly_discount_rate: 0.01,
            requirements: FitRequirements::default(),
        }
    }

    fn clv_query(&self) -> ClvQuery {
        ClvQuery {
            months: self.months,
            monthly_discount_rate: self.monthly_discount_rate,
            units_per_month: 365.25 / 12.0 * 86_400.0 / self.unit_seconds as f64,
        }
    }
}

/// One customer's history and predictions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerPrediction {
    pub customer: CustomerId,
    pub summary: CustomerSummary,
    /// Everything the customer has paid up to `now` (all orders, the first included).
    pub historic_value: f64,
    pub probability_alive: f64,
    /// Expected purchases within the horizon.
    pub expected_purchases: f64,
    /// Expected spend per purchase; `None` without a spend model.
    pub expected_average_value: Option<f64>,
    /// Discounted value of the expected purchases within the horizon; `None` without a
    /// spend model.
    pub predicted_value: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueReport {
    pub models: FittedModels,
    /// Every customer with an order up to `now`, in customer order.
    pub customers: Vec<CustomerPrediction>,
}

/// Historic value per customer: the sum of its orders up to `now` (customers without an
/// order are left out), in customer order.
pub fn historic_values(log: &EventLog, now: i64) -> Vec<(CustomerId, f64)> {
    log.customers()
        .filter_map(|e| {
            let mut orders = crate::orders::orders_until(&e, now).peekable();
            orders.peek()?;
            Some((e.customer, orders.map(|(_, a)| a).sum()))
        })
        .collect()
}

/// Fits the models on every order up to `now` and predicts each customer's value.
pub fn predict_values(log: &EventLog, query: &ValueQuery) -> Result<ValueReport, FitError> {
    let with_ids = summaries_from_log(log, query.now, query.unit_seconds);
    let summaries: Vec<CustomerSummary> = with_ids.iter().map(|c| c.1).collect();
    let models = fit_models(&summaries, &query.requirements)?;
    let historic = historic_values(log, query.now);
    debug_assert_eq!(historic.len(), with_ids.len());
    let clv = query.clv_query();
    let bg = &models.bgnbd.params;
    let horizon = f64::from(query.months) * clv.units_per_month;
    let customers = with_ids
        .iter()
        .zip(&historic)
        .map(|(&(customer, summary), &(_, historic_value))| {
            let (expected_average_value, predicted_value) = match &models.gamma_gamma {
                Some(gg) => {
                    let v = customer_value(bg, &gg.params, &summary, &clv);
                    (Some(v.expected_average_value), Some(v.lifetime_value))
                }
                None => (None, None),
            };
            CustomerPrediction {
                customer,
                summary,
                historic_value,
                probability_alive: bg.probability_alive(&summary),
                expected_purchases: bg.expected_purchases(horizon, &summary),
                expected_average_value,
                predicted_value,
            }
        })
        .collect();
    Ok(ValueReport { models, customers })
}

/// Which customers count as valuable and at risk.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AtRiskQuery {
    /// Only customers whose historic value is at least this quantile of all customers'
    /// (0.8: the top fifth by value).
    pub min_value_quantile: f64,
    /// Only customers whose P(alive) is below this.
    pub max_probability_alive: f64,
    pub top: usize,
}

impl Default for AtRiskQuery {
    fn default() -> Self {
        Self {
            min_value_quantile: 0.8,
            max_probability_alive: 0.5,
            top: 50,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AtRiskCustomer {
    pub customer: CustomerId,
    pub historic_value: f64,
    pub probability_alive: f64,
    /// Historic value times the probability of having left: the ranking's key.
    pub value_at_risk: f64,
}

/// The valuable customers who are probably slipping away, the most value at risk first.
///
/// BG/NBD gives a customer with a single purchase P(alive) = 1 (it cannot have dropped out
/// before buying again), so only repeat customers appear here.
pub fn valuable_at_risk(
    customers: &[CustomerPrediction],
    query: &AtRiskQuery,
) -> Vec<AtRiskCustomer> {
    let mut values: Vec<f64> = customers.iter().map(|c| c.historic_value).collect();
    values.sort_by(f64::total_cmp);
    let Some(min_value) = crate::stats::quantile_sorted(&values, query.min_value_quantile) else {
        return Vec::new();
    };
    let mut out: Vec<AtRiskCustomer> = customers
        .iter()
        .filter(|c| {
            c.historic_value >= min_value && c.probability_alive < query.max_probability_alive
        })
        .map(|c| AtRiskCustomer {
            customer: c.customer,
            historic_value: c.historic_value,
            probability_alive: c.probability_alive,
            value_at_risk: c.historic_value * (1.0 - c.probability_alive),
        })
        .collect();
    out.sort_by(|a, b| {
        b.value_at_risk
            .total_cmp(&a.value_at_risk)
            .then(a.customer.cmp(&b.customer))
    });
    out.truncate(query.top);
    out
}
