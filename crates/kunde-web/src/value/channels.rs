//! `/value/channels`: per acquisition channel the new customers, what one cost (CAC, from
//! the marketing spend the owner records here or imports), average historic and predicted
//! value, the value / cost ratio and the months until a customer has paid back its cost,
//! with a plain sentence naming the channels that pay and those that do not. Only the owner
//! records or deletes spend.

use super::clv::fit_async;
use super::common::{Ctx, Who, parse_month};
use crate::kit::csv::{csv_response, csv_text};
use crate::kit::error::AppError;
use crate::kit::extract::{Notice, Notices};
use crate::kit::format::acquisition_channel;
use crate::kit::{Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_analytics::Grouping;
use kunde_analytics::channels::{
    ChannelEconomics, ChannelQuery, ChannelSpend, Verdict, channel_economics,
};
use kunde_store::Spend;
use serde::Deserialize;
use std::sync::Arc;

pub struct ChannelNotices;
impl Notices for ChannelNotices {
    const KEYS: &'static [&'static str] = &[
        "value-spend-saved",
        "value-spend-deleted",
        "value-spend-imported",
    ];
}

struct Computed {
    channels: Arc<Vec<ChannelEconomics>>,
    spend: Vec<Spend>,
}

async fn compute(state: &AppState, ctx: &Ctx) -> Result<Computed, AppError> {
    let spend = state.store.list_spend(ctx.ws).await?;
    let fitted = fit_async(ctx).await?;
    let spend_rows: Vec<ChannelSpend> = spend
        .iter()
        .filter_map(|s| {
            Some(ChannelSpend {
                channel: s.channel.clone(),
                month: parse_month(&s.month)?,
                amount: s.amount.0 as f64 / 100.0,
            })
        })
        .collect();
    let key = format!(
        "channels {:?}",
        spend_rows
            .iter()
            .map(|s| (&s.channel, s.month.index, s.amount))
            .collect::<Vec<_>>()
    );
    let channels = ctx.memo(key, |ctx| {
        let log = ctx.log();
        let mut predicted = vec![None; log.customer_count()];
        if let Ok(report) = &fitted.values {
            for c in &report.customers {
                predicted[c.customer.0 as usize] = c.predicted_value;
            }
        }
        let grouping =
            Grouping::from_fn(log, |c, _| ctx.data.customer(c).acquisition_channel.clone());
        channel_economics(
            log,
            &grouping,
            &spend_rows,
            &predicted,
            &ChannelQuery::new(ctx.now),
        )
    });
    Ok(Computed { channels, spend })
}

struct Row {
    name: String,
    customers: u64,
    link: String,
    spend: String,
    cac: String,
    historic: String,
    predicted: String,
    ratio: String,
    payback: String,
    verdict: &'static str,
}

struct SpendView {
    channel: String,
    month: String,
    amount: String,
}

#[derive(Template)]
#[template(path = "value/channels.html")]
struct ChannelsPage {
    p: Page,
    rows: Vec<Row>,
    sentence: Vec<String>,
    spend: Vec<SpendView>,
    channels: Vec<String>,
}

pub async fn page(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    done: Notice<ChannelNotices>,
) -> Result<Response, AppError> {
    let ctx = Ctx::load(&state, &user).await?;
    let c = compute(&state, &ctx).await?;
    let opt = |x: Option<f64>| x.map(|x| ctx.money(x)).unwrap_or_default();
    let rows = c
        .channels
        .iter()
        .map(|e| {
            let mut w = Who::new("channel");
            w.channel = Some(e.channel.clone());
            Row {
                name: acquisition_channel(&ctx.tr, &e.channel),
                customers: e.new_customers,
                link: w.link(),
                spend: ctx.money(e.spend),
                cac: opt(e.cac),
                historic: opt(e.average_historic_value),
                predicted: opt(e.average_predicted_value),
                ratio: e
                    .value_cost_ratio
                    .map(|r| ctx.num(r, 2))
                    .unwrap_or_default(),
                payback: e
                    .payback_months
                    .map(|m| ctx.tr.t_count("value-months", i64::from(m)))
                    .unwrap_or_default(),
                verdict: e.verdict.code(),
            }
        })
        .collect();
    let list = |v: Verdict| {
        c.channels
            .iter()
            .filter(|e| e.verdict == v)
            .map(|e| acquisition_channel(&ctx.tr, &e.channel))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut sentence = Vec::new();
    for (v, key) in [
        (Verdict::Pays, "value-channels-pay"),
        (Verdict::DoesNotPay, "value-channels-not-pay"),
        (Verdict::UnknownWithoutSpend, "value-channels-unknown"),
    ] {
        let names = list(v);
        if !names.is_empty() {
            sentence.push(ctx.tr.t_args(key, &[("list", &names)]));
        }
    }
    let spend = c
        .spend
        .iter()
        .map(|s| SpendView {
            channel: s.channel.clone(),
            month: s.month.clone(),
            amount: ctx.money(s.amount.0 as f64 / 100.0),
        })
        .collect();
    let view = ChannelsPage {
        p: Page::staff(&user, &csrf, "value", "/value/channels").with_notice(done.key()),
        rows,
        sentence,
        spend,
        channels: ctx.channels(),
    };
    Ok(Html(view.render()?).into_response())
}

pub async fn csv(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
) -> Result<Response, AppError> {
    let ctx = Ctx::load(&state, &user).await?;
    let c = compute(&state, &ctx).await?;
    let tr = &ctx.tr;
    let mut rows: Vec<Vec<String>> = vec![
        [
            "value-channel",
            "value-new-customers",
            "value-spend",
            "value-cac",
            "value-avg-historic",
            "value-avg-predicted",
            "value-ratio",
            "value-payback",
            "value-verdict",
        ]
        .iter()
        .map(|k| tr.t(k))
        .collect(),
    ];
    let f = |x: Option<f64>| x.map(|x| format!("{x:.2}")).unwrap_or_default();
    for e in c.channels.iter() {
        rows.push(vec![
            csv_text(&e.channel),
            e.new_customers.to_string(),
            format!("{:.2}", e.spend),
            f(e.cac),
            f(e.average_historic_value),
            f(e.average_predicted_value),
            f(e.value_cost_ratio),
            e.payback_months.map(|m| m.to_string()).unwrap_or_default(),
            e.verdict.code().to_owned(),
        ]);
    }
    Ok(csv_response("channels.csv", rows))
}

#[derive(Deserialize)]
pub struct SpendForm {
    channel: String,
    month: String,
    amount: String,
}

/// `POST /value/channels/spend` (owner): records one channel's spend in one month.
pub async fn record(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    Form(f): Form<SpendForm>,
) -> Result<Response, AppError> {
    let channel = f.channel.trim();
    let month = crate::import::parse_spend_month(&f.month).ok_or(AppError::BadRequest)?;
    let amount = crate::import::parse_spend_amount(&f.amount).ok_or(AppError::BadRequest)?;
    if channel.is_empty() || channel.chars().count() > 100 {
        return Err(AppError::BadRequest);
    }
    state
        .store
        .record_spend(
            user.workspace.id,
            &[Spend {
                channel: channel.to_owned(),
                month,
                amount,
            }],
            state.now(),
        )
        .await?;
    Ok(Redirect::to("/value/channels?done=value-spend-saved").into_response())
}

#[derive(Deserialize)]
pub struct DeleteForm {
    channel: String,
    month: String,
}

/// `POST /value/channels/spend/delete` (owner).
pub async fn delete(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    Form(f): Form<DeleteForm>,
) -> Result<Response, AppError> {
    state
        .store
        .delete_spend(user.workspace.id, &f.channel, &f.month)
        .await?;
    Ok(Redirect::to("/value/channels?done=value-spend-deleted").into_response())
}
