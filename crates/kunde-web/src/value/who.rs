//! `/value/customers`: the customers behind any count of the Value pages (a cohort cell, a
//! lifecycle count, lost customers, an RFM segment, the valuable customers at risk), as a
//! list and a CSV, and saving them as a segment. The list is computed again from the same
//! description ([`Who`]) on every request, so a saved segment holds exactly the customers
//! the figure counts now.

use super::clv::{at_risk, fit_async};
use super::common::{Ctx, Who, parse_month};
use crate::kit::csv::{csv_response, csv_text};
use crate::kit::error::AppError;
use crate::kit::{Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_analytics::lifecycle::{
    Column, LifecycleQuery, lost_customers, members as lifecycle_members,
};
use kunde_analytics::order_cohorts::{OrderCohortQuery, cohort_members};
use kunde_analytics::rfm::{Segment, rfm};
use kunde_analytics::{CustomerId, Period};
use kunde_domain::{NewSegment, NonEmpty};
use serde::Deserialize;

/// Customers listed on the page; the CSV and a saved segment have them all.
const SHOWN: usize = 500;

/// The customers `who` describes and a sentence saying who they are; a description that
/// names nothing known is a bad request.
async fn members(
    state: &AppState,
    ctx: &Ctx,
    who: &Who,
) -> Result<(String, Vec<CustomerId>), AppError> {
    let tr = &ctx.tr;
    let log = ctx.log();
    let month = || {
        who.month
            .as_deref()
            .and_then(parse_month)
            .ok_or(AppError::BadRequest)
    };
    match who.who.as_str() {
        "cohort" => {
            let cohort = month()?;
            let comeback = ctx.comeback(who.back.as_deref(), who.tp);
            let q = OrderCohortQuery {
                period: Period::Month,
                comeback,
                periods: super::common::COHORT_MONTHS,
                now: ctx.now,
            };
            let channel = who.channel.clone().filter(|c| !c.is_empty());
            let include =
                |c: CustomerId| channel.as_ref().is_none_or(|ch| ctx.channel_of(c) == *ch);
            let ids = cohort_members(log, &q, include, cohort, who.offset);
            let label = cohort.label();
            let mut title = match who.offset {
                None => tr.t_args("value-who-cohort", &[("month", &label)]),
                Some(k) => tr.t_args(
                    &format!("value-who-cohort-{}", comeback.code().replace('_', "-")),
                    &[("month", &label), ("n", &k.to_string())],
                ),
            };
            if let Some(ch) = &channel {
                title = format!("{title} ({ch})");
            }
            Ok((title, ids))
        }
        "lifecycle" => {
            let key = month()?;
            let column = who
                .column
                .as_deref()
                .and_then(Column::from_code)
                .ok_or(AppError::BadRequest)?;
            let (_, days) = ctx.threshold(who.days);
            let q = LifecycleQuery {
                now: ctx.now,
                threshold_days: days,
                period: Period::Month,
            };
            let ids = lifecycle_members(log, &q, key, column);
            let title = tr.t_args(
                &format!("value-who-{}", column.code()),
                &[("month", &key.label()), ("days", &days.to_string())],
            );
            Ok((title, ids))
        }
        "lost" => {
            let (_, days) = ctx.threshold(who.days);
            let lost = lost_customers(log, ctx.now, days);
            let days_s = days.to_string();
            match who.tp {
                None => Ok((
                    tr.t_args("value-who-lost-all", &[("days", &days_s)]),
                    lost.iter().map(|l| l.customer).collect(),
                )),
                Some(tp) => {
                    // A touchpoint of another workspace is not found, never an empty list.
                    let choices = state.store.touchpoint_choices(ctx.ws).await?;
                    let choices = choices
                        .iter()
                        .find(|c| c.id.0 == tp)
                        .map(|c| c.name.clone())
                        .ok_or(AppError::NotFound)?;
                    Ok((
                        tr.t_args(
                            "value-who-lost-at",
                            &[("days", &days_s), ("touchpoint", &choices)],
                        ),
                        lost.iter()
                            .filter(|l| ctx.data.touchpoint_of(l.last_touchpoint).0 == tp)
                            .map(|l| l.customer)
                            .collect(),
                    ))
                }
            }
        }
        "rfm" => {
            let segment = who
                .segment
                .as_deref()
                .and_then(Segment::from_code)
                .ok_or(AppError::BadRequest)?;
            let report = ctx.memo("rfm".to_owned(), |ctx| rfm(ctx.log(), ctx.now));
            let name = tr.t(&format!("value-rfm-{}", segment.code()));
            Ok((
                tr.t_args("value-who-rfm", &[("segment", &name)]),
                report
                    .customers
                    .iter()
                    .filter(|c| c.segment == segment)
                    .map(|c| c.customer)
                    .collect(),
            ))
        }
        "channel" => {
            let channel = who.channel.clone().ok_or(AppError::BadRequest)?;
            let ids = kunde_analytics::clv::predict::historic_values(log, ctx.now)
                .into_iter()
                .map(|(c, _)| c)
                .filter(|&c| ctx.data.customer(c).acquisition_channel.as_deref() == Some(&channel))
                .collect();
            Ok((
                tr.t_args("value-who-channel", &[("channel", &channel)]),
                ids,
            ))
        }
        "at_risk" => {
            let fitted = fit_async(ctx).await?;
            let ids = fitted.values.as_ref().map(at_risk).unwrap_or_default();
            Ok((tr.t("value-who-at-risk"), ids))
        }
        _ => Err(AppError::BadRequest),
    }
}

struct Row {
    id: i64,
    name: String,
    channel: String,
}

#[derive(Template)]
#[template(path = "value/customers.html")]
struct WhoPage {
    p: Page,
    title: String,
    total: usize,
    rows: Vec<Row>,
    query: String,
}

pub async fn page(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Query(who): Query<Who>,
) -> Result<Response, AppError> {
    let ctx = Ctx::load(&state, &user).await?;
    let (title, ids) = members(&state, &ctx, &who).await?;
    let rows = ids
        .iter()
        .take(SHOWN)
        .map(|&c| {
            let cu = ctx.data.customer(c);
            Row {
                id: cu.id.0,
                name: cu.name.clone(),
                channel: cu
                    .acquisition_channel
                    .as_deref()
                    .map(|c| crate::kit::format::acquisition_channel(&ctx.tr, c))
                    .unwrap_or_default(),
            }
        })
        .collect();
    let view = WhoPage {
        p: Page::staff(&user, &csrf, "value", "/value/customers"),
        title,
        total: ids.len(),
        rows,
        query: who.query(),
    };
    Ok(Html(view.render()?).into_response())
}

pub async fn csv(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    Query(who): Query<Who>,
) -> Result<Response, AppError> {
    let ctx = Ctx::load(&state, &user).await?;
    let (_, ids) = members(&state, &ctx, &who).await?;
    let tr = &ctx.tr;
    let mut rows = vec![vec![tr.t("col-name"), tr.t("col-channel")]];
    for c in ids {
        let cu = ctx.data.customer(c);
        rows.push(vec![
            csv_text(&cu.name),
            csv_text(cu.acquisition_channel.as_deref().unwrap_or("")),
        ]);
    }
    Ok(csv_response("customers.csv", rows))
}

#[derive(Deserialize)]
pub struct SaveForm {
    /// The list's query (a [`Who`]).
    query: String,
    name: String,
}

/// `POST /value/customers/segment`: saves the customers of the list as a segment and opens it.
pub async fn save(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    Form(f): Form<SaveForm>,
) -> Result<Response, AppError> {
    let name = NonEmpty::parse("name", &f.name).map_err(|_| AppError::BadRequest)?;
    let who: Who = serde_urlencoded::from_str(&f.query).map_err(|_| AppError::BadRequest)?;
    let ctx = Ctx::load(&state, &user).await?;
    let (description, ids) = members(&state, &ctx, &who).await?;
    let customers = ids.iter().map(|&c| ctx.data.customer(c).id).collect();
    let segment = state
        .store
        .create_segment(
            ctx.ws,
            &NewSegment {
                name,
                description,
                customers,
            },
            Some(user.user.id),
            state.now(),
        )
        .await?;
    Ok(Redirect::to(&format!("/segments/{}", segment.id)).into_response())
}
