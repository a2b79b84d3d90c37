//! `/value/rfm`: recency, frequency and monetary scores (quintiles, 1–5) and the eleven
//! named segments as a table and an R × F grid, with counts, revenue share and the
//! definitions in plain words; each segment opens its customers.

use super::common::{Ctx, Who};
use crate::kit::csv::{csv_response, csv_text};
use crate::kit::error::AppError;
use crate::kit::{Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use kunde_analytics::rfm::{Segment, rfm};

struct SegmentView {
    code: &'static str,
    customers: u64,
    link: String,
    share: String,
    revenue: String,
    revenue_share: String,
}

struct GridCell {
    code: &'static str,
    customers: u64,
}

#[derive(Template)]
#[template(path = "value/rfm.html")]
struct RfmPage {
    p: Page,
    segments: Vec<SegmentView>,
    /// Rows r = 5 … 1, columns f = 1 … 5.
    grid: Vec<(u8, Vec<GridCell>)>,
    customers: usize,
}

pub async fn page(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
) -> Result<Response, AppError> {
    let ctx = Ctx::load(&state, &user).await?;
    let report = ctx.memo("rfm".to_owned(), |ctx| rfm(ctx.log(), ctx.now));
    let segments = report
        .segments
        .iter()
        .map(|s| {
            let mut w = Who::new("rfm");
            w.segment = Some(s.code.to_owned());
            SegmentView {
                code: s.code,
                customers: s.customers,
                link: w.link(),
                share: ctx.pct(s.percent),
                revenue: ctx.money(s.revenue),
                revenue_share: ctx.pct(s.revenue_percent),
            }
        })
        .collect();
    let mut counts = [[0u64; 5]; 5];
    for c in &report.customers {
        counts[usize::from(c.r - 1)][usize::from(c.f - 1)] += 1;
    }
    let grid = (1..=5u8)
        .rev()
        .map(|r| {
            (
                r,
                (1..=5u8)
                    .map(|f| GridCell {
                        code: Segment::of(r, f).code(),
                        customers: counts[usize::from(r - 1)][usize::from(f - 1)],
                    })
                    .collect(),
            )
        })
        .collect();
    let view = RfmPage {
        p: Page::staff(&user, &csrf, "value", "/value/rfm"),
        segments,
        grid,
        customers: report.customers.len(),
    };
    Ok(Html(view.render()?).into_response())
}

pub async fn csv(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
) -> Result<Response, AppError> {
    let ctx = Ctx::load(&state, &user).await?;
    let report = ctx.memo("rfm".to_owned(), |ctx| rfm(ctx.log(), ctx.now));
    let tr = &ctx.tr;
    let mut rows: Vec<Vec<String>> = vec![
        [
            "value-segment",
            "value-customers",
            "value-share-customers",
            "value-revenue",
            "value-share-revenue",
        ]
        .iter()
        .map(|k| tr.t(k))
        .collect(),
    ];
    for s in &report.segments {
        rows.push(vec![
            tr.t(&format!("value-rfm-{}", s.code)),
            s.customers.to_string(),
            format!("{:.1}", s.percent),
            format!("{:.2}", s.revenue),
            format!("{:.1}", s.revenue_percent),
        ]);
    }
    let rows = rows
        .into_iter()
        .map(|r| r.iter().map(|s| csv_text(s)).collect())
        .collect();
    Ok(csv_response("rfm.csv", rows))
}
