//! `/value/revenue`: revenue per month, quarter or year split into new (a customer's first
//! order) and repeat (every later order), the repeat share, and year-over-year growth split
//! the same way.

use super::common::{Ctx, Who};
use crate::kit::csv::{csv_response, csv_text, script_json};
use crate::kit::error::AppError;
use crate::kit::{Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use kunde_analytics::Period;
use kunde_analytics::revenue::{RevenueReport, revenue};
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct Params {
    period: Option<String>,
}

fn period_of(p: &Params) -> Result<(Period, &'static str), AppError> {
    match p.period.as_deref().unwrap_or("month") {
        "month" => Ok((Period::Month, "month")),
        "quarter" => Ok((Period::Quarter, "quarter")),
        "year" => Ok((Period::Year, "year")),
        _ => Err(AppError::BadRequest),
    }
}

struct Row {
    label: String,
    new: String,
    repeat: String,
    total: String,
    share: String,
    new_customers: u64,
    new_link: String,
    orders: u64,
    yoy: String,
    yoy_new: String,
    yoy_repeat: String,
}

#[derive(Template)]
#[template(path = "value/revenue.html")]
struct RevenuePage {
    p: Page,
    period: &'static str,
    rows: Vec<Row>,
    total_new: String,
    total_repeat: String,
    share: String,
    chart: String,
}

fn signed(ctx: &Ctx, x: Option<f64>) -> String {
    x.map(|x| {
        let s = ctx.pct(x);
        if x > 0.0 { format!("+{s}") } else { s }
    })
    .unwrap_or_default()
}

pub async fn page(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let ctx = Ctx::load(&state, &user).await?;
    let (period, code) = period_of(&p)?;
    let r = ctx.memo(format!("revenue {period:?}"), |ctx| {
        revenue(ctx.log(), period, ctx.now)
    });
    let rows = r
        .periods
        .iter()
        .map(|x| {
            let label = x.period.label();
            let new_link = if period == Period::Month {
                let mut w = Who::new("lifecycle");
                w.month = Some(label.clone());
                w.column = Some("new".into());
                w.link()
            } else {
                String::new()
            };
            Row {
                new: ctx.money(x.new_revenue),
                repeat: ctx.money(x.repeat_revenue),
                total: ctx.money(x.total_revenue),
                share: ctx.pct(x.repeat_share_percent),
                new_customers: x.new_customers,
                new_link,
                orders: x.orders,
                yoy: signed(&ctx, x.yoy_growth_percent),
                yoy_new: signed(&ctx, x.yoy_new_growth_percent),
                yoy_repeat: signed(&ctx, x.yoy_repeat_growth_percent),
                label,
            }
        })
        .collect();
    let view = RevenuePage {
        p: Page::staff(&user, &csrf, "value", "/value/revenue"),
        period: code,
        rows,
        total_new: ctx.money(r.new_revenue),
        total_repeat: ctx.money(r.repeat_revenue),
        share: ctx.pct(r.repeat_share_percent),
        chart: chart(&ctx, &r),
    };
    Ok(Html(view.render()?).into_response())
}

fn chart(ctx: &Ctx, r: &RevenueReport) -> String {
    let labels: Vec<String> = r.periods.iter().map(|p| p.period.label()).collect();
    let round = |x: f64| (x * 100.0).round() / 100.0;
    script_json(&serde_json::json!({
        "type": "option",
        "option": {
            "tooltip": {"trigger": "axis"},
            "legend": {},
            "xAxis": {"type": "category", "data": labels},
            "yAxis": {"type": "value", "name": ctx.currency},
            "series": [
                {"name": ctx.tr.t("value-new-revenue"), "type": "bar", "stack": "r", "data": r.periods.iter().map(|p| round(p.new_revenue)).collect::<Vec<_>>()},
                {"name": ctx.tr.t("value-repeat-revenue"), "type": "bar", "stack": "r", "data": r.periods.iter().map(|p| round(p.repeat_revenue)).collect::<Vec<_>>()}
            ]
        }
    }))
}

pub async fn csv(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let ctx = Ctx::load(&state, &user).await?;
    let (period, _) = period_of(&p)?;
    let r = ctx.memo(format!("revenue {period:?}"), |ctx| {
        revenue(ctx.log(), period, ctx.now)
    });
    let tr = &ctx.tr;
    let mut rows: Vec<Vec<String>> = vec![
        [
            "value-period",
            "value-new-revenue",
            "value-repeat-revenue",
            "value-total-revenue",
            "value-repeat-share",
            "value-new-customers",
            "value-orders",
            "value-yoy",
            "value-yoy-new",
            "value-yoy-repeat",
        ]
        .iter()
        .map(|k| tr.t(k))
        .collect(),
    ];
    let f = |x: Option<f64>| x.map(|x| format!("{x:.1}")).unwrap_or_default();
    for x in &r.periods {
        rows.push(vec![
            x.period.label(),
            format!("{:.2}", x.new_revenue),
            format!("{:.2}", x.repeat_revenue),
            format!("{:.2}", x.total_revenue),
            format!("{:.1}", x.repeat_share_percent),
            x.new_customers.to_string(),
            x.orders.to_string(),
            f(x.yoy_growth_percent),
            f(x.yoy_new_growth_percent),
            f(x.yoy_repeat_growth_percent),
        ]);
    }
    let rows = rows
        .into_iter()
        .map(|r| r.iter().map(|s| csv_text(s)).collect())
        .collect();
    Ok(csv_response("revenue.csv", rows))
}
