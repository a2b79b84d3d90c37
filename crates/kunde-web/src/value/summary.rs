//! A customer's value at a glance, for the customer page: RFM segment, probability of still
//! being active, and predicted value over 12 months (from the workspace's cached fit).

use super::clv::fit_async;
use super::common::Ctx;
use crate::kit::error::AppError;
use crate::state::AppState;
use kunde_analytics::rfm::rfm;
use kunde_store::SessionUser;

/// What the customer page shows; empty strings where a figure is not known.
pub struct CustomerValue {
    pub segment: String,
    pub segment_link: String,
    pub alive: String,
    pub predicted: String,
    pub historic: String,
}

/// The value block of customer `id`, or `None` when the customer has no order yet.
pub async fn customer_value(
    state: &AppState,
    user: &SessionUser,
    id: kunde_domain::CustomerId,
) -> Result<Option<CustomerValue>, AppError> {
    let ctx = Ctx::load(state, user).await?;
    let Some(c) = ctx.log().customer_id(&id.0.to_string()) else {
        return Ok(None);
    };
    let report = ctx.memo("rfm".to_owned(), |ctx| rfm(ctx.log(), ctx.now));
    let Some(r) = report.customers.iter().find(|r| r.customer == c) else {
        return Ok(None);
    };
    let fitted = fit_async(&ctx).await?;
    let prediction = fitted
        .values
        .as_ref()
        .ok()
        .and_then(|v| v.customers.iter().find(|p| p.customer == c));
    let mut who = super::common::Who::new("rfm");
    who.segment = Some(r.segment.code().to_owned());
    Ok(Some(CustomerValue {
        segment: ctx.tr.t(&format!("value-rfm-{}", r.segment.code())),
        segment_link: who.link(),
        alive: prediction
            .map(|p| ctx.pct(100.0 * p.probability_alive))
            .unwrap_or_default(),
        predicted: prediction
            .and_then(|p| p.predicted_value)
            .map(|v| ctx.money(v))
            .unwrap_or_default(),
        historic: ctx.money(r.monetary),
    }))
}

/// The workspace's customers with a predicted value, most valuable first (database ids and
/// the value), from the cached fit; empty when the data cannot support a fit.
pub async fn by_predicted_value(
    state: &AppState,
    user: &SessionUser,
) -> Result<Vec<(kunde_domain::CustomerId, f64)>, AppError> {
    let ctx = Ctx::load(state, user).await?;
    let fitted = fit_async(&ctx).await?;
    let Ok(values) = fitted.values.as_ref() else {
        return Ok(Vec::new());
    };
    let mut ranked: Vec<(kunde_domain::CustomerId, f64)> = values
        .customers
        .iter()
        .filter_map(|p| Some((ctx.data.customer(p.customer).id, p.predicted_value?)))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.0.cmp(&b.0.0)));
    Ok(ranked)
}

/// One valuable customer at risk, for the start page.
pub struct AtRisk {
    pub id: kunde_domain::CustomerId,
    pub name: String,
    /// Paid so far, as money in the reader's language.
    pub paid: String,
    /// The probability of still being a customer, as a percentage.
    pub alive: String,
}

/// The valuable customers at risk (high value so far, P(alive) falling), most valuable
/// first, and the link to all of them; empty when the data cannot support a fit.
pub async fn valuable_customers_at_risk(
    state: &AppState,
    user: &SessionUser,
) -> Result<(Vec<AtRisk>, String), AppError> {
    let ctx = Ctx::load(state, user).await?;
    let fitted = fit_async(&ctx).await?;
    let Ok(report) = fitted.values.as_ref() else {
        return Ok((Vec::new(), String::new()));
    };
    let risk = ctx.memo("at risk".to_owned(), |_| {
        kunde_analytics::clv::predict::valuable_at_risk(
            &report.customers,
            &kunde_analytics::clv::predict::AtRiskQuery::default(),
        )
        .into_iter()
        .map(|c| (c.customer, c.probability_alive, c.historic_value))
        .collect::<Vec<_>>()
    });
    let list = risk
        .iter()
        .map(|&(c, alive, paid)| {
            let cu = ctx.data.customer(c);
            AtRisk {
                id: cu.id,
                name: cu.name.clone(),
                paid: ctx.money(paid),
                alive: ctx.pct(100.0 * alive),
            }
        })
        .collect();
    Ok((list, super::common::Who::new("at_risk").link()))
}

/// P(alive) and the predicted value over 12 months (when the fit gives one) of each customer
/// of the log, by the log's customer id, from the cached fit; empty when the data cannot
/// support a fit. What rule segments test their conditions on value against.
pub async fn predictions(
    ws: kunde_domain::WorkspaceId,
    data: std::sync::Arc<kunde_store::AnalyticsData>,
    now: i64,
) -> Result<std::collections::HashMap<kunde_analytics::CustomerId, (f64, Option<f64>)>, AppError> {
    let ctx = Ctx {
        look: super::common::Look {
            ws,
            now,
            tr: crate::kit::i18n::Tr::new(kunde_domain::Language::En),
            currency: String::new(),
            owner: false,
        },
        data,
    };
    let fitted = fit_async(&ctx).await?;
    Ok(fitted
        .values
        .as_ref()
        .map(|v| {
            v.customers
                .iter()
                .map(|p| (p.customer, (p.probability_alive, p.predicted_value)))
                .collect()
        })
        .unwrap_or_default())
}

/// Every customer with an order: whether they are an RFM champion and what they paid (from
/// the cached RFM report), for the thank-you list.
pub async fn rfm_facts(
    state: &AppState,
    user: &SessionUser,
) -> Result<Vec<(kunde_domain::CustomerId, bool, f64)>, AppError> {
    let ctx = Ctx::load(state, user).await?;
    let report = ctx.memo("rfm".to_owned(), |ctx| rfm(ctx.log(), ctx.now));
    Ok(report
        .customers
        .iter()
        .filter_map(|r| {
            let id = ctx.log().customer_name(r.customer).parse().ok()?;
            let champion = r.segment.code() == "champions";
            Some((kunde_domain::CustomerId(id), champion, r.monetary))
        })
        .collect())
}
