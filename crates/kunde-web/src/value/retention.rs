//! `/value/retention`: cohorts by month of the first order, the share coming back in each
//! later month (by an order or by any event) as a heat map whose young cells say "not yet
//! known", the cohorts' cumulative revenue per customer, and the monthly lifecycle (new,
//! returning, resurrected, lost). Each count opens its customers. With an events backend the
//! page is counted on ClickHouse without the event log (`pushdown.rs`).

use super::common::{COHORT_MONTHS, Ctx, Look, Who, shade};
use crate::kit::csv::{csv_response, csv_text, script_json};
use crate::kit::error::AppError;
use crate::kit::{Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_analytics::lifecycle::{self, LifecycleReport};
use kunde_analytics::order_cohorts::order_cohorts;
use kunde_store::SessionUser;
use std::sync::Arc;

mod model;
mod pushdown;

pub use model::Params;
use model::{Choices, Computed, cohort_query, lifecycle_query};

pub async fn index() -> Redirect {
    Redirect::to("/value/retention")
}

/// The page's figures and choices, counted by ClickHouse where it can, from the log
/// otherwise.
async fn figures(
    state: &AppState,
    user: &SessionUser,
    look: &Look,
    p: &Params,
) -> Result<(Arc<Computed>, Choices), AppError> {
    if let Some(pushed) = pushdown::pushed(state, user, look, p).await? {
        return Ok(pushed);
    }
    let ctx = Ctx::load(state, user).await?;
    let c = ctx.memo(
        format!(
            "retention {:?} {:?} {:?} {:?}",
            p.back, p.tp, p.channel, p.days
        ),
        |ctx| compute(ctx, p),
    );
    let choices = Choices {
        channels: ctx.channels(),
        with_events: ctx.data.touchpoints.keys().map(|t| t.0).collect(),
    };
    Ok((c, choices))
}

fn compute(ctx: &Ctx, p: &Params) -> Computed {
    let comeback = ctx.comeback(p.back.as_deref(), p.tp);
    let q = cohort_query(comeback, ctx.now);
    let channel = p.channel.clone().filter(|c| !c.is_empty());
    let cohorts = order_cohorts(ctx.log(), &q, |c| {
        channel.as_ref().is_none_or(|ch| ctx.channel_of(c) == *ch)
    });
    let (_, days) = ctx.threshold(p.days);
    let lifecycle = lifecycle::lifecycle(ctx.log(), &lifecycle_query(ctx.now, days));
    Computed {
        back: comeback.code(),
        tp: ctx.comeback_tp(comeback),
        channel,
        cohorts,
        days,
        lifecycle,
        pushed: false,
    }
}

impl Computed {
    fn who_cohort(&self, month: &str, offset: Option<usize>) -> Who {
        let mut w = Who::new("cohort");
        w.month = Some(month.to_owned());
        w.offset = offset;
        w.back = Some(self.back.to_owned());
        w.tp = self.tp;
        w.channel = self.channel.clone();
        w
    }

    fn who_lifecycle(&self, month: &str, column: &str) -> Who {
        let mut w = Who::new("lifecycle");
        w.month = Some(month.to_owned());
        w.column = Some(column.to_owned());
        w.days = Some(self.days);
        w
    }
}

pub(super) struct Cell {
    text: String,
    link: String,
    shade: String,
    known: bool,
}

pub(super) struct CohortView {
    label: String,
    size: u64,
    size_link: String,
    cells: Vec<Cell>,
    values: Vec<String>,
}

pub(super) struct LifeView {
    label: String,
    active: u64,
    counts: Vec<(u64, String)>,
    churn: String,
}

#[derive(Template)]
#[template(path = "value/retention.html")]
struct RetentionPage {
    p: Page,
    back: &'static str,
    tp: i64,
    /// (database touchpoint, "journey: name") of every touchpoint with events.
    touchpoints: Vec<(i64, String)>,
    channel: String,
    channels: Vec<String>,
    offsets: Vec<usize>,
    rows: Vec<CohortView>,
    life: Vec<LifeView>,
    days: u32,
    query: String,
    chart: String,
    /// The cohort table was counted by ClickHouse (the events backend).
    pushed: bool,
}

pub async fn page(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let ctx = Look::of(&state, &user);
    let (c, choices) = figures(&state, &user, &ctx, &p).await?;
    let rows = c
        .cohorts
        .cohorts
        .iter()
        .map(|r| {
            let label = r.cohort.label();
            CohortView {
                size: r.customers,
                size_link: c.who_cohort(&label, None).link(),
                cells: r
                    .active
                    .iter()
                    .zip(&r.percent)
                    .enumerate()
                    .map(|(k, (a, pc))| match (a, pc) {
                        (Some(a), Some(pc)) => Cell {
                            text: format!("{} ({a})", ctx.pct(*pc)),
                            link: if *a > 0 {
                                c.who_cohort(&label, Some(k)).link()
                            } else {
                                String::new()
                            },
                            shade: shade(*pc),
                            known: true,
                        },
                        _ => Cell {
                            text: String::new(),
                            link: String::new(),
                            shade: String::new(),
                            known: false,
                        },
                    })
                    .collect(),
                values: r
                    .cumulative_revenue_per_customer
                    .iter()
                    .map(|v| v.map(|v| ctx.money(v)).unwrap_or_default())
                    .collect(),
                label,
            }
        })
        .collect();
    let life: Vec<LifeView> = c
        .lifecycle
        .periods
        .iter()
        .map(|l| {
            let label = l.period.label();
            let counts = [
                ("new", l.new),
                ("returning", l.returning),
                ("resurrected", l.resurrected),
                ("lost", l.lost),
            ]
            .into_iter()
            .map(|(col, n)| (n, c.who_lifecycle(&label, col).link()))
            .collect();
            LifeView {
                label,
                active: l.active_at_start,
                counts,
                churn: l.churn_rate_percent.map(|x| ctx.pct(x)).unwrap_or_default(),
            }
        })
        .collect();
    let chart = lifecycle_chart(&ctx, &c.lifecycle);
    let mut query = vec![("back", c.back.to_owned())];
    if let Some(tp) = c.tp {
        query.push(("tp", tp.to_string()));
    }
    let touchpoints = state
        .store
        .touchpoint_choices(ctx.ws)
        .await?
        .into_iter()
        .filter(|ch| choices.with_events.contains(&ch.id.0))
        .map(|ch| (ch.id.0, format!("{}: {}", ch.journey, ch.name)))
        .collect();
    if let Some(ch) = &c.channel {
        query.push(("channel", ch.clone()));
    }
    if p.days.is_some() && ctx.owner {
        query.push(("days", c.days.to_string()));
    }
    let view = RetentionPage {
        p: Page::staff(&user, &csrf, "value", "/value/retention"),
        back: c.back,
        tp: c.tp.unwrap_or_default(),
        touchpoints,
        channel: c.channel.clone().unwrap_or_default(),
        channels: choices.channels,
        offsets: (0..COHORT_MONTHS).collect(),
        rows,
        life,
        days: c.days,
        query: serde_urlencoded::to_string(&query).unwrap_or_default(),
        chart,
        pushed: c.pushed,
    };
    Ok(Html(view.render()?).into_response())
}

fn lifecycle_chart(ctx: &Look, r: &LifecycleReport) -> String {
    let labels: Vec<String> = r.periods.iter().map(|p| p.period.label()).collect();
    let series = |key: &str, f: &dyn Fn(&kunde_analytics::lifecycle::LifecyclePeriod) -> i64| {
        serde_json::json!({
            "name": ctx.tr.t(key), "type": "bar", "stack": "all",
            "data": r.periods.iter().map(f).collect::<Vec<_>>()
        })
    };
    script_json(&serde_json::json!({
        "type": "option",
        "option": {
            "tooltip": {"trigger": "axis"},
            "legend": {},
            "xAxis": {"type": "category", "data": labels},
            "yAxis": {"type": "value"},
            "series": [
                series("value-new", &|p| p.new as i64),
                series("value-returning", &|p| p.returning as i64),
                series("value-resurrected", &|p| p.resurrected as i64),
                series("value-lost", &|p| -(p.lost as i64)),
            ]
        }
    }))
}

pub async fn csv(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let look = Look::of(&state, &user);
    let (c, _) = figures(&state, &user, &look, &p).await?;
    let tr = &look.tr;
    let mut rows: Vec<Vec<String>> = Vec::new();
    match p.table.as_deref().unwrap_or("cohorts") {
        "cohorts" | "value" => {
            let value = p.table.as_deref() == Some("value");
            let mut head = vec![tr.t("value-cohort"), tr.t("value-cohort-size")];
            head.extend((0..COHORT_MONTHS).map(|k| k.to_string()));
            rows.push(head);
            for r in &c.cohorts.cohorts {
                let mut row = vec![r.cohort.label(), r.customers.to_string()];
                for k in 0..COHORT_MONTHS {
                    row.push(if value {
                        r.cumulative_revenue_per_customer[k]
                            .map(|v| format!("{v:.2}"))
                            .unwrap_or_default()
                    } else {
                        r.active[k].map(|v| v.to_string()).unwrap_or_default()
                    });
                }
                rows.push(row);
            }
        }
        "lifecycle" => {
            rows.push(
                [
                    "value-month",
                    "value-active-at-start",
                    "value-new",
                    "value-returning",
                    "value-resurrected",
                    "value-lost",
                    "value-churn-rate",
                ]
                .iter()
                .map(|k| tr.t(k))
                .collect(),
            );
            for l in &c.lifecycle.periods {
                rows.push(vec![
                    l.period.label(),
                    l.active_at_start.to_string(),
                    l.new.to_string(),
                    l.returning.to_string(),
                    l.resurrected.to_string(),
                    l.lost.to_string(),
                    l.churn_rate_percent
                        .map(|x| format!("{x:.1}"))
                        .unwrap_or_default(),
                ]);
            }
        }
        _ => return Err(AppError::BadRequest),
    }
    let rows = rows
        .into_iter()
        .map(|r| r.iter().map(|s| csv_text(s)).collect())
        .collect();
    Ok(csv_response("retention.csv", rows))
}
