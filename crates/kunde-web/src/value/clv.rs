//! `/value/clv`: BG/NBD and Gamma-Gamma fitted on the workspace's orders; per customer the
//! probability of still being active, expected purchases and predicted value over 12
//! months, and historic value; the hold-out check (fit up to a cut-off, predict the weeks
//! after, compare with what happened); the valuable customers at risk. When the data cannot
//! support a fit the page says why in plain words and shows historic value only.

use super::common::{Ctx, Who};
use crate::kit::csv::{csv_response, csv_text};
use crate::kit::error::AppError;
use crate::kit::{Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use kunde_analytics::clv::predict::{
    AtRiskQuery, FitError, FitRequirements, ValueQuery, ValueReport, historic_values,
    predict_values, valuable_at_risk,
};
use kunde_analytics::clv::{HoldoutQuery, HoldoutReport, validate_holdout};
use kunde_analytics::{CustomerId, EventLog};
use std::sync::Arc;

/// Customers listed on the page, the most valuable first; the CSV has them all.
const SHOWN: usize = 100;
/// The hold-out period: the last 26 weeks.
pub(super) const HOLDOUT_SECONDS: i64 = 26 * 7 * 86_400;

pub(super) struct Fitted {
    pub values: Result<ValueReport, FitError>,
    pub holdout: Result<HoldoutReport, FitError>,
}

pub(super) fn fit(log: &EventLog, now: i64) -> Fitted {
    let q = ValueQuery::new(now);
    Fitted {
        values: predict_values(log, &q),
        holdout: validate_holdout(
            log,
            &HoldoutQuery {
                cutoff: now - HOLDOUT_SECONDS,
                end: now,
                unit_seconds: q.unit_seconds,
                requirements: FitRequirements::default(),
            },
        ),
    }
}

/// The last fit per workspace, kept while the log's fingerprint and the day are the same:
/// the customer page and the Channels page ask for it on every view.
type FitKey = (kunde_store::EventsFingerprint, i64);
type FitMap = std::collections::HashMap<kunde_domain::WorkspaceId, (FitKey, Arc<Fitted>)>;
static FITS: std::sync::LazyLock<std::sync::Mutex<FitMap>> =
    std::sync::LazyLock::new(Default::default);

/// At most this many workspaces keep their fit.
const FITS_KEPT: usize = 8;

pub(super) async fn fit_async(ctx: &Ctx) -> Result<Arc<Fitted>, AppError> {
    let key = (ctx.data.fingerprint, ctx.now.div_euclid(86_400));
    let ws = ctx.ws;
    if let Some((k, f)) = FITS.lock().ok().and_then(|m| m.get(&ws).cloned())
        && k == key
    {
        return Ok(f);
    }
    let data = ctx.data.clone();
    let now = ctx.now;
    let fitted = Arc::new(
        tokio::task::spawn_blocking(move || fit(&data.log, now))
            .await
            .map_err(|e| AppError::internal(e.to_string()))?,
    );
    if let Ok(mut m) = FITS.lock() {
        if m.len() >= FITS_KEPT && !m.contains_key(&ws) {
            m.clear();
        }
        m.insert(ws, (key, fitted.clone()));
    }
    Ok(fitted)
}

/// The valuable customers at risk, from a fitted report.
pub(super) fn at_risk(report: &ValueReport) -> Vec<CustomerId> {
    valuable_at_risk(&report.customers, &AtRiskQuery::default())
        .into_iter()
        .map(|c| c.customer)
        .collect()
}

struct CustomerRow {
    id: i64,
    name: String,
    alive: String,
    purchases: String,
    predicted: String,
    historic: String,
}

struct HoldoutView {
    label: String,
    customers: u64,
    predicted: String,
    actual: String,
}

#[derive(Template)]
#[template(path = "value/clv.html")]
struct ClvPage {
    p: Page,
    problem: String,
    customers: Vec<CustomerRow>,
    total: usize,
    holdout_problem: String,
    holdout: Vec<HoldoutView>,
    holdout_total: Option<HoldoutView>,
    holdout_error: String,
    holdout_mae: String,
    at_risk: Vec<CustomerRow>,
    at_risk_link: String,
}

fn problem(ctx: &Ctx, e: &FitError) -> String {
    let (found, needed) = match e {
        FitError::TooFewCustomers { found, needed }
        | FitError::TooFewRepeatCustomers { found, needed } => (*found, *needed),
        _ => (0, 0),
    };
    ctx.tr.t_args(
        &format!("value-fit-{}", e.code().replace('_', "-")),
        &[
            ("found", &found.to_string()),
            ("needed", &needed.to_string()),
        ],
    )
}

pub async fn page(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
) -> Result<Response, AppError> {
    let ctx = Ctx::load(&state, &user).await?;
    let fitted = fit_async(&ctx).await?;
    let row = |c: CustomerId,
               alive: Option<f64>,
               purchases: Option<f64>,
               predicted: Option<f64>,
               historic: f64| {
        let cu = ctx.data.customer(c);
        CustomerRow {
            id: cu.id.0,
            name: cu.name.clone(),
            alive: alive.map(|a| ctx.pct(100.0 * a)).unwrap_or_default(),
            purchases: purchases.map(|x| ctx.num(x, 2)).unwrap_or_default(),
            predicted: predicted.map(|x| ctx.money(x)).unwrap_or_default(),
            historic: ctx.money(historic),
        }
    };
    let (problem_text, customers, total, at_risk_rows) = match &fitted.values {
        Ok(report) => {
            // The ranking and the at-risk list are remembered with the fit's log and day.
            let ranked = ctx.memo("clv ranking".to_owned(), |_| {
                let mut order: Vec<usize> = (0..report.customers.len()).collect();
                order.sort_by(|&a, &b| {
                    let (a, b) = (&report.customers[a], &report.customers[b]);
                    b.predicted_value
                        .unwrap_or(0.0)
                        .total_cmp(&a.predicted_value.unwrap_or(0.0))
                        .then(b.historic_value.total_cmp(&a.historic_value))
                });
                order.truncate(SHOWN);
                let risk: Vec<(CustomerId, f64, f64)> =
                    valuable_at_risk(&report.customers, &AtRiskQuery::default())
                        .into_iter()
                        .map(|c| (c.customer, c.probability_alive, c.historic_value))
                        .collect();
                (order, risk)
            });
            let rows = ranked
                .0
                .iter()
                .map(|&i| {
                    let c = &report.customers[i];
                    row(
                        c.customer,
                        Some(c.probability_alive),
                        Some(c.expected_purchases),
                        c.predicted_value,
                        c.historic_value,
                    )
                })
                .collect();
            let risk = ranked
                .1
                .iter()
                .map(|&(c, alive, historic)| row(c, Some(alive), None, None, historic))
                .collect();
            (String::new(), rows, report.customers.len(), risk)
        }
        Err(e) => {
            let mut h = historic_values(ctx.log(), ctx.now);
            let total = h.len();
            h.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let rows = h
                .iter()
                .take(SHOWN)
                .map(|&(c, v)| row(c, None, None, None, v))
                .collect();
            (problem(&ctx, e), rows, total, Vec::new())
        }
    };
    let hv = |label: String, customers: u64, predicted: f64, actual: f64| HoldoutView {
        label,
        customers,
        predicted: ctx.num(predicted, 1),
        actual: ctx.num(actual, 1),
    };
    let (holdout_problem, holdout, holdout_total, holdout_error, holdout_mae) =
        match &fitted.holdout {
            Ok(h) => (
                String::new(),
                h.rows
                    .iter()
                    .filter(|r| r.customers > 0)
                    .map(|r| {
                        let label = if r.pooled {
                            format!("{}+", r.repeat_purchases)
                        } else {
                            r.repeat_purchases.to_string()
                        };
                        hv(label, r.customers, r.predicted_total, r.actual_total)
                    })
                    .collect(),
                Some(hv(
                    ctx.tr.t("value-total"),
                    h.customers,
                    h.predicted_total,
                    h.actual_total,
                )),
                h.total_relative_error_percent
                    .map(|x| ctx.pct(x))
                    .unwrap_or_default(),
                ctx.num(h.mean_absolute_error, 2),
            ),
            Err(e) => (
                problem(&ctx, e),
                Vec::new(),
                None,
                String::new(),
                String::new(),
            ),
        };
    let view = ClvPage {
        p: Page::staff(&user, &csrf, "value", "/value/clv"),
        problem: problem_text,
        customers,
        total,
        holdout_problem,
        holdout,
        holdout_total,
        holdout_error,
        holdout_mae,
        at_risk: at_risk_rows,
        at_risk_link: Who::new("at_risk").link(),
    };
    Ok(Html(view.render()?).into_response())
}

pub async fn csv(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
) -> Result<Response, AppError> {
    let ctx = Ctx::load(&state, &user).await?;
    let fitted = fit_async(&ctx).await?;
    let tr = &ctx.tr;
    let mut rows: Vec<Vec<String>> = vec![
        [
            "col-name",
            "value-p-alive",
            "value-expected-purchases",
            "value-predicted",
            "value-historic",
        ]
        .iter()
        .map(|k| tr.t(k))
        .collect(),
    ];
    match &fitted.values {
        Ok(report) => {
            for c in &report.customers {
                rows.push(vec![
                    ctx.data.customer(c.customer).name.clone(),
                    format!("{:.4}", c.probability_alive),
                    format!("{:.3}", c.expected_purchases),
                    c.predicted_value
                        .map(|v| format!("{v:.2}"))
                        .unwrap_or_default(),
                    format!("{:.2}", c.historic_value),
                ]);
            }
        }
        Err(_) => {
            for (c, v) in historic_values(ctx.log(), ctx.now) {
                rows.push(vec![
                    ctx.data.customer(c).name.clone(),
                    String::new(),
                    String::new(),
                    String::new(),
                    format!("{v:.2}"),
                ]);
            }
        }
    }
    let rows = rows
        .into_iter()
        .map(|r| r.iter().map(|s| csv_text(s)).collect())
        .collect();
    Ok(csv_response("clv.csv", rows))
}
