//! Hold-out validation of the lifetime-value models on the business's own orders: fit on
//! the orders up to a cut-off, predict each customer's purchases in the period after it,
//! and set the predictions against what the customers actually bought — per number of
//! repeat purchases before the cut-off (0, 1, …, 7+) and in total, with the error.
//!
//! This is `lifetimes`' `calibration_and_holdout_data` followed by
//! `plot_calibration_purchases_vs_holdout_purchases`: purchases are distinct order days, and
//! a customer belongs to the calibration when its first order is at or before the cut-off.

use serde::Serialize;

use super::predict::{FitError, FitRequirements, FittedModels, fit_models};
use super::{CustomerSummary, summaries_from_log};
use crate::EventLog;

/// The calibration and hold-out periods.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HoldoutQuery {
    /// Orders up to and including this time fit the models.
    pub cutoff: i64,
    /// Orders after the cut-off up to and including this time are the actual purchases.
    pub end: i64,
    /// The models' time unit in seconds (604 800 for weeks).
    pub unit_seconds: i64,
    pub requirements: FitRequirements,
}

/// The repeat purchases before the cut-off from which customers are pooled in the last row.
pub const POOLED_FROM: u32 = 7;

/// Customers with the same number of repeat purchases before the cut-off.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HoldoutRow {
    /// Repeat purchases in the calibration period; the last row holds `POOLED_FROM` or more.
    pub repeat_purchases: u32,
    pub pooled: bool,
    pub customers: u64,
    /// Mean purchases per customer in the hold-out period, predicted and actual.
    pub predicted_mean: f64,
    pub actual_mean: f64,
    pub predicted_total: f64,
    pub actual_total: f64,
}

/// Predicted against actual spend in the hold-out period (when a spend model was fitted).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SpendCheck {
    pub predicted_revenue: f64,
    pub actual_revenue: f64,
    /// 100 · (predicted − actual) / actual; `None` when nothing was bought.
    pub relative_error_percent: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HoldoutReport {
    pub cutoff: i64,
    pub end: i64,
    /// The hold-out period's length in the models' time unit.
    pub holdout_units: f64,
    pub models: FittedModels,
    /// Rows for 0, 1, …, 7+ repeat purchases (all eight, empty ones included).
    pub rows: Vec<HoldoutRow>,
    pub customers: u64,
    pub predicted_total: f64,
    pub actual_total: f64,
    /// Mean over customers of |predicted − actual| purchases.
    pub mean_absolute_error: f64,
    /// 100 · (predicted total − actual total) / actual total; `None` when nobody bought.
    pub total_relative_error_percent: Option<f64>,
    pub spend: Option<SpendCheck>,
}

/// Per calibration customer: (actual hold-out purchases, actual hold-out revenue), in the
/// order of `summaries_from_log(log, cutoff, …)`.
fn holdout_actuals(log: &EventLog, cutoff: i64, end: i64) -> Vec<(u64, f64)> {
    let mut out = Vec::new();
    for e in log.customers() {
        let mut orders = crate::orders::orders_until(&e, end);
        let mut calibrated = false;
        let (mut purchases, mut revenue, mut last_day) = (0u64, 0.0, None);
        for (t, amount) in orders.by_ref() {
            if t <= cutoff {
                calibrated = true;
                continue;
            }
            let day = crate::civil::day_of(t);
            if last_day != Some(day) {
                purchases += 1;
                last_day = Some(day);
            }
            revenue += amount;
        }
        if calibrated {
            out.push((purchases, revenue));
        }
    }
    out
}

/// Fits on the orders up to the cut-off and compares the predicted purchases in
/// (cut-off, end] with the actual ones.
pub fn validate_holdout(log: &EventLog, query: &HoldoutQuery) -> Result<HoldoutReport, FitError> {
    let unit_days = query.unit_seconds as f64 / 86_400.0;
    let holdout_days = crate::civil::day_of(query.end) - crate::civil::day_of(query.cutoff);
    if holdout_days <= 0 {
        return Err(FitError::EmptyHoldout);
    }
    let holdout_units = holdout_days as f64 / unit_days;
    let summaries: Vec<CustomerSummary> = summaries_from_log(log, query.cutoff, query.unit_seconds)
        .into_iter()
        .map(|c| c.1)
        .collect();
    let models = fit_models(&summaries, &query.requirements)?;
    let actuals = holdout_actuals(log, query.cutoff, query.end);
    debug_assert_eq!(actuals.len(), summaries.len());
    let bg = &models.bgnbd.params;
    let mut rows: Vec<HoldoutRow> = (0..=POOLED_FROM)
        .map(|x| HoldoutRow {
            repeat_purchases: x,
            pooled: x == POOLED_FROM,
            customers: 0,
            predicted_mean: 0.0,
            actual_mean: 0.0,
            predicted_total: 0.0,
            actual_total: 0.0,
        })
        .collect();
    let (mut absolute_error, mut predicted_revenue, mut actual_revenue) = (0.0, 0.0, 0.0);
    for (c, &(purchases, revenue)) in summaries.iter().zip(&actuals) {
        let predicted = bg.expected_purchases(holdout_units, c);
        let row = &mut rows[(c.frequency as u32).min(POOLED_FROM) as usize];
        row.customers += 1;
        row.predicted_total += predicted;
        row.actual_total += purchases as f64;
        absolute_error += (predicted - purchases as f64).abs();
        if let Some(gg) = &models.gamma_gamma {
            predicted_revenue += predicted * gg.params.expected_average_value(c);
        }
        actual_revenue += revenue;
    }
    for row in &mut rows {
        if row.customers > 0 {
            row.predicted_mean = row.predicted_total / row.customers as f64;
            row.actual_mean = row.actual_total / row.customers as f64;
        }
    }
    let relative =
        |predicted: f64, actual: f64| (actual > 0.0).then(|| 100.0 * (predicted - actual) / actual);
    let predicted_total: f64 = rows.iter().map(|r| r.predicted_total).sum();
    let actual_total: f64 = rows.iter().map(|r| r.actual_total).sum();
    let customers = summaries.len() as u64;
    Ok(HoldoutReport {
        cutoff: query.cutoff,
        end: query.end,
        holdout_units,
        spend: models.gamma_gamma.as_ref().map(|_| SpendCheck {
            predicted_revenue,
            actual_revenue,
            relative_error_percent: relative(predicted_revenue, actual_revenue),
        }),
        models,
        rows,
        customers,
        predicted_total,
        actual_total,
        mean_absolute_error: absolute_error / customers.max(1) as f64,
        total_relative_error_percent: relative(predicted_total, actual_total),
    })
}
