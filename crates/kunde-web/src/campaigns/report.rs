//! "Did it work?": a started campaign's recipients against its hold-out group — orders and
//! revenue per customer in the N days after sending started, with Welch's interval for the
//! difference (`kunde_analytics::holdout`).

use crate::kit::error::AppError;
use crate::state::AppState;
use kunde_analytics::holdout::{Difference, welch};
use kunde_domain::WorkspaceId;
use kunde_store::Campaign;

/// Days after the start counted by default.
pub const DEFAULT_DAYS: i64 = 30;
/// The confidence of the intervals shown.
pub const CONFIDENCE: f64 = 0.95;

/// What the campaign page shows under "Did it work?".
pub struct Report {
    pub days: i64,
    /// Whether the window has ended (else the figures are so far).
    pub complete: bool,
    pub recipients: usize,
    pub holdout: usize,
    /// Orders per customer; revenue per customer in minor units.
    pub orders: Option<Difference>,
    pub revenue: Option<Difference>,
}

pub async fn build(
    state: &AppState,
    ws: WorkspaceId,
    c: &Campaign,
    started: i64,
    days: Option<i64>,
) -> Result<Report, AppError> {
    let days = days.unwrap_or(DEFAULT_DAYS).clamp(1, 365);
    let until = started + days * 86_400;
    let outcomes = state.store.campaign_outcomes(ws, c.id, until).await?;
    let pick = |holdout: bool, f: fn(&kunde_store::Outcome) -> f64| -> Vec<f64> {
        outcomes
            .iter()
            .filter(|o| o.holdout == holdout)
            .map(f)
            .collect()
    };
    let orders = |o: &kunde_store::Outcome| o.orders as f64;
    let revenue = |o: &kunde_store::Outcome| o.revenue as f64;
    let (t_orders, h_orders) = (pick(false, orders), pick(true, orders));
    let (t_revenue, h_revenue) = (pick(false, revenue), pick(true, revenue));
    Ok(Report {
        days,
        complete: state.now() >= until,
        recipients: t_orders.len(),
        holdout: h_orders.len(),
        orders: welch(&t_orders, &h_orders, CONFIDENCE),
        revenue: welch(&t_revenue, &h_revenue, CONFIDENCE),
    })
}
