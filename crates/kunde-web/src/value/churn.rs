//! `/value/churn`: when a customer counts as lost (proposed from the business's own gaps
//! between purchases, said in words; the owner may set `?days=`), lost customers per month
//! and the churn-rate trend, the survival curve with the share still active after 1, 2 and 3
//! years next to the benchmark "half are lost in three years", where lost customers were
//! last seen (each touchpoint linking to its card on the map), and the lost customers, the
//! most valuable first.

use super::common::{Ctx, Who};
use crate::kit::csv::{csv_response, csv_text, script_json};
use crate::kit::error::AppError;
use crate::kit::format::{csv_date, csv_zone_header};
use crate::kit::{Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use kunde_analytics::Period;
use kunde_analytics::churn::{ThresholdBasis, ThresholdProposal};
use kunde_analytics::lifecycle::{
    LifecycleQuery, LifecycleReport, LostCustomer, lifecycle, lost_customers,
};
use kunde_analytics::survival::{CustomerSurvival, customer_survival};
use serde::Deserialize;

/// Lost customers listed on the page; the CSV and the list behind the count have them all.
const LOST_SHOWN: usize = 50;

#[derive(Deserialize, Default)]
pub struct Params {
    days: Option<u32>,
    table: Option<String>,
}

struct Computed {
    proposal: ThresholdProposal,
    days: u32,
    lifecycle: LifecycleReport,
    survival: CustomerSurvival,
    lost: Vec<LostCustomer>,
    /// (database touchpoint, lost customers last seen there), most first.
    last_seen: Vec<(kunde_domain::TouchpointId, u64)>,
}

fn compute(ctx: &Ctx, p: &Params) -> Computed {
    let (proposal, days) = ctx.threshold(p.days);
    let log = ctx.log();
    let lifecycle = lifecycle(
        log,
        &LifecycleQuery {
            now: ctx.now,
            threshold_days: days,
            period: Period::Month,
        },
    );
    let survival = customer_survival(log, ctx.now, days);
    let lost = lost_customers(log, ctx.now, days);
    let mut counts: std::collections::HashMap<kunde_domain::TouchpointId, u64> = Default::default();
    for l in &lost {
        *counts
            .entry(ctx.data.touchpoint_of(l.last_touchpoint))
            .or_default() += 1;
    }
    let mut last_seen: Vec<_> = counts.into_iter().collect();
    last_seen.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.0.cmp(&b.0.0)));
    Computed {
        proposal,
        days,
        lifecycle,
        survival,
        lost,
        last_seen,
    }
}

/// The proposal in words.
fn explain(ctx: &Ctx, p: &ThresholdProposal) -> String {
    let days = p.days.to_string();
    let gaps = p.gaps.to_string();
    let repeat = p.repeat_customers.to_string();
    let median = p.median_gap_days.map(|d| ctx.num(d, 0)).unwrap_or_default();
    let pct = ctx.num(p.percentile, 0);
    let key = match p.basis {
        ThresholdBasis::GapPercentile => "value-threshold-percentile",
        ThresholdBasis::Floor => "value-threshold-floor",
        ThresholdBasis::TooFewGaps => "value-threshold-too-few",
    };
    ctx.tr.t_args(
        key,
        &[
            ("days", &days),
            ("gaps", &gaps),
            ("customers", &repeat),
            ("median", &median),
            ("percentile", &pct),
            ("min", &p.min_gaps.to_string()),
        ],
    )
}

struct YearView {
    years: u32,
    share: String,
    band: String,
    at_risk: String,
}

struct LostMonth {
    label: String,
    lost: u64,
    link: String,
    rate: String,
    trend: String,
}

struct SeenView {
    name: String,
    map: String,
    count: u64,
    link: String,
}

struct LostView {
    id: i64,
    name: String,
    value: String,
    last_order: String,
    lost_at: String,
}

#[derive(Template)]
#[template(path = "value/churn.html")]
struct ChurnPage {
    p: Page,
    explanation: String,
    proposed: u32,
    days: u32,
    years: Vec<YearView>,
    months: Vec<LostMonth>,
    seen: Vec<SeenView>,
    lost: Vec<LostView>,
    lost_total: usize,
    lost_link: String,
    query: String,
    survival_chart: String,
    churn_chart: String,
}

pub async fn page(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let ctx = Ctx::load(&state, &user).await?;
    let choices = state.store.touchpoint_choices(ctx.ws).await?;
    let c = ctx.memo(format!("churn {:?}", p.days), |ctx| compute(ctx, &p));
    let page = Page::staff(&user, &csrf, "value", "/value/churn");
    let years = c
        .survival
        .after_years
        .iter()
        .enumerate()
        .map(|(i, s)| YearView {
            years: i as u32 + 1,
            share: s.map(|s| ctx.pct(100.0 * s.survival)).unwrap_or_default(),
            band: s
                .map(|s| {
                    format!(
                        "{} – {}",
                        ctx.pct(100.0 * s.lower),
                        ctx.pct(100.0 * s.upper)
                    )
                })
                .unwrap_or_default(),
            at_risk: s.map(|s| s.at_risk.to_string()).unwrap_or_default(),
        })
        .collect();
    let months = c
        .lifecycle
        .periods
        .iter()
        .map(|l| {
            let label = l.period.label();
            let mut w = Who::new("lifecycle");
            w.month = Some(label.clone());
            w.column = Some("lost".into());
            w.days = Some(c.days);
            LostMonth {
                lost: l.lost,
                link: w.link(),
                rate: l.churn_rate_percent.map(|x| ctx.pct(x)).unwrap_or_default(),
                trend: l
                    .churn_rate_trailing_3_percent
                    .map(|x| ctx.pct(x))
                    .unwrap_or_default(),
                label,
            }
        })
        .collect();
    let seen = c
        .last_seen
        .iter()
        .map(|&(tp, count)| {
            let choice = choices.iter().find(|ch| ch.id == tp);
            let mut w = Who::new("lost");
            w.days = Some(c.days);
            w.tp = Some(tp.0);
            SeenView {
                name: choice
                    .map(|ch| format!("{} — {}", ch.journey, ch.name))
                    .unwrap_or_default(),
                map: choice
                    .map(|ch| format!("/journeys/{}#tp-{}", ch.journey_id, tp.0))
                    .unwrap_or_default(),
                count,
                link: w.link(),
            }
        })
        .collect();
    let lost = c
        .lost
        .iter()
        .take(LOST_SHOWN)
        .map(|l| {
            let cu = ctx.data.customer(l.customer);
            LostView {
                id: cu.id.0,
                name: cu.name.clone(),
                value: ctx.money(l.value),
                last_order: page.date(&l.last_order),
                lost_at: page.date(&l.lost_at),
            }
        })
        .collect();
    let mut lost_who = Who::new("lost");
    lost_who.days = Some(c.days);
    let view = ChurnPage {
        p: page,
        explanation: explain(&ctx, &c.proposal),
        proposed: c.proposal.days,
        days: c.days,
        years,
        months,
        seen,
        lost,
        lost_total: c.lost.len(),
        lost_link: lost_who.link(),
        query: if ctx.owner && p.days.is_some() {
            format!("days={}", c.days)
        } else {
            String::new()
        },
        survival_chart: survival_chart(&ctx, &c.survival),
        churn_chart: churn_chart(&ctx, &c.lifecycle),
    };
    Ok(Html(view.render()?).into_response())
}

fn survival_chart(ctx: &Ctx, s: &CustomerSurvival) -> String {
    let mut points = vec![serde_json::json!([0.0, 100.0])];
    points.extend(
        s.curve
            .points
            .iter()
            .map(|p| serde_json::json!([p.time, (1000.0 * p.survival).round() / 10.0])),
    );
    script_json(&serde_json::json!({
        "type": "option",
        "option": {
            "tooltip": {"trigger": "axis"},
            "xAxis": {"type": "value", "name": ctx.tr.t("value-days-since-first-order")},
            "yAxis": {"type": "value", "min": 0, "max": 100, "name": "%"},
            "series": [
                {"name": ctx.tr.t("value-still-active"), "type": "line", "step": "end", "showSymbol": false, "data": points},
                {"name": ctx.tr.t("value-benchmark"), "type": "scatter", "data": [[1095, 50]], "symbolSize": 12}
            ]
        }
    }))
}

fn churn_chart(ctx: &Ctx, r: &LifecycleReport) -> String {
    let labels: Vec<String> = r.periods.iter().map(|p| p.period.label()).collect();
    let rate = |f: &dyn Fn(&kunde_analytics::lifecycle::LifecyclePeriod) -> Option<f64>| {
        r.periods
            .iter()
            .map(|p| f(p).map(|x| (x * 10.0).round() / 10.0))
            .collect::<Vec<_>>()
    };
    script_json(&serde_json::json!({
        "type": "option",
        "option": {
            "tooltip": {"trigger": "axis"},
            "legend": {},
            "xAxis": {"type": "category", "data": labels},
            "yAxis": [{"type": "value", "name": ctx.tr.t("value-lost")}, {"type": "value", "name": "%"}],
            "series": [
                {"name": ctx.tr.t("value-lost"), "type": "bar", "data": r.periods.iter().map(|p| p.lost).collect::<Vec<_>>()},
                {"name": ctx.tr.t("value-churn-rate"), "type": "line", "yAxisIndex": 1, "data": rate(&|p| p.churn_rate_percent)},
                {"name": ctx.tr.t("value-churn-trend"), "type": "line", "yAxisIndex": 1, "data": rate(&|p| p.churn_rate_trailing_3_percent)}
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
    let choices = state.store.touchpoint_choices(ctx.ws).await?;
    let tp_name = |tp| {
        let id = ctx.data.touchpoint_of(tp);
        choices
            .iter()
            .find(|ch| ch.id == id)
            .map(|ch| ch.name.clone())
            .unwrap_or_default()
    };
    let c = ctx.memo(format!("churn {:?}", p.days), |ctx| compute(ctx, &p));
    let tr = &ctx.tr;
    let head = |keys: &[&str]| keys.iter().map(|k| tr.t(k)).collect::<Vec<_>>();
    // Days on the business's clock, the zone named in the header (as every CSV with times).
    let zone = user.time_zone.as_str();
    let tz = crate::kit::format::zone(zone);
    let mut rows: Vec<Vec<String>> = Vec::new();
    match p.table.as_deref().unwrap_or("lost") {
        "months" => {
            rows.push(head(&[
                "value-month",
                "value-lost",
                "value-churn-rate",
                "value-churn-trend",
            ]));
            for l in &c.lifecycle.periods {
                let f = |x: Option<f64>| x.map(|x| format!("{x:.1}")).unwrap_or_default();
                rows.push(vec![
                    l.period.label(),
                    l.lost.to_string(),
                    f(l.churn_rate_percent),
                    f(l.churn_rate_trailing_3_percent),
                ]);
            }
        }
        "survival" => {
            rows.push(head(&[
                "value-days-since-first-order",
                "value-still-active",
                "value-lower",
                "value-upper",
                "value-at-risk",
            ]));
            for s in &c.survival.curve.points {
                rows.push(vec![
                    format!("{}", s.time),
                    format!("{:.4}", s.survival),
                    format!("{:.4}", s.lower),
                    format!("{:.4}", s.upper),
                    s.at_risk.to_string(),
                ]);
            }
        }
        "lost" => {
            let mut header = head(&[
                "col-name",
                "value-historic",
                "value-last-order",
                "value-lost-on",
                "value-last-seen-at",
            ]);
            for column in &mut header[2..4] {
                *column = csv_zone_header(column, zone);
            }
            rows.push(header);
            for l in &c.lost {
                rows.push(vec![
                    ctx.data.customer(l.customer).name.clone(),
                    format!("{:.2}", l.value),
                    csv_date(&tz, l.last_order),
                    csv_date(&tz, l.lost_at),
                    tp_name(l.last_touchpoint),
                ]);
            }
        }
        _ => return Err(AppError::BadRequest),
    }
    let rows = rows
        .into_iter()
        .map(|r| r.iter().map(|s| csv_text(s)).collect())
        .collect();
    Ok(csv_response("churn.csv", rows))
}
