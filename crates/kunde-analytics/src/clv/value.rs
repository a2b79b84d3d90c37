//! Discounted customer lifetime value from a fitted BG/NBD and Gamma-Gamma pair, computed
//! month by month as `lifetimes`' `customer_lifetime_value` does.

use serde::Serialize;

use super::CustomerSummary;
use super::bgnbd::BgNbdParams;
use super::gamma_gamma::GammaGammaParams;

/// How a lifetime value is projected.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClvQuery {
    /// The horizon in months.
    pub months: u32,
    /// The discount rate per month (0.01 = 1 %).
    pub monthly_discount_rate: f64,
    /// How many time units of the summaries make a month: 4.345 for weeks, 30 for days.
    pub units_per_month: f64,
}

impl Default for ClvQuery {
    fn default() -> Self {
        Self {
            months: 12,
            monthly_discount_rate: 0.01,
            units_per_month: 4.345,
        }
    }
}

/// Predictions for one customer.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CustomerValue {
    pub probability_alive: f64,
    /// Expected purchases within the horizon.
    pub expected_purchases: f64,
    pub expected_average_value: f64,
    /// Discounted value of the expected purchases within the horizon.
    pub lifetime_value: f64,
}

/// Expected purchases in each month, times the expected spend, discounted to today.
pub fn customer_value(
    bg: &BgNbdParams,
    gg: &GammaGammaParams,
    c: &CustomerSummary,
    query: &ClvQuery,
) -> CustomerValue {
    let spend = gg.expected_average_value(c);
    let mut value = 0.0;
    let mut previous = 0.0;
    for month in 1..=query.months {
        let t = f64::from(month) * query.units_per_month;
        let cumulative = bg.expected_purchases(t, c);
        value += spend * (cumulative - previous)
            / (1.0 + query.monthly_discount_rate).powi(month as i32);
        previous = cumulative;
    }
    CustomerValue {
        probability_alive: bg.probability_alive(c),
        expected_purchases: previous,
        expected_average_value: spend,
        lifetime_value: value,
    }
}
