//! Evaluating a rule segment: what its conditions ask about every customer of the workspace,
//! gathered once per evaluation — the cached event log (orders, touchpoints, RFM), the cached
//! lifetime-value fit when a condition needs it, and one store read each for the customers,
//! the buyers of the products named, NPS answers and closed cases — then the pure
//! [`Rule::select`].

use crate::kit::error::AppError;
use crate::state::AppState;
use kunde_analytics::orders::orders_until;
use kunde_analytics::segment_rule::{CustomerFacts, Rule};
use kunde_domain::{Customer, CustomerId, WorkspaceId};
use std::collections::HashMap;

const DAY: i64 = 86_400;

/// The customers `rule` selects as of `now`, by name.
pub async fn evaluate(
    state: &AppState,
    ws: WorkspaceId,
    rule: &Rule,
    now: i64,
) -> Result<Vec<Customer>, AppError> {
    let customers = state.store.rule_candidates(ws).await?;
    let facts = gather(state, ws, rule, &customers, now).await?;
    let chosen = rule.select(&facts, now);
    let mut customers: Vec<Option<Customer>> = customers.into_iter().map(Some).collect();
    Ok(chosen
        .into_iter()
        .filter_map(|i| customers[i].take())
        .collect())
}

/// The facts of each of `customers`, in the same order.
async fn gather(
    state: &AppState,
    ws: WorkspaceId,
    rule: &Rule,
    customers: &[Customer],
    now: i64,
) -> Result<Vec<CustomerFacts>, AppError> {
    let zone = state.store.business_calendar(ws).await?;
    let data = state
        .analytics
        .get(&state.store, ws, zone.time_zone_name())
        .await?;
    let log = &data.log;
    let rfm = crate::kit::memo::remember(ws, &data, now, "segment rule rfm".to_owned(), || {
        kunde_analytics::rfm::rfm(log, now)
            .customers
            .into_iter()
            .map(|r| (r.customer, r.segment))
            .collect::<HashMap<_, _>>()
    });
    let predictions = if rule.needs_fit() {
        crate::value::predictions(ws, data.clone(), now).await?
    } else {
        HashMap::new()
    };
    let products: Vec<String> = rule.products().into_iter().map(str::to_owned).collect();
    let mut bought: HashMap<CustomerId, Vec<String>> = HashMap::new();
    for (c, p) in state.store.buyers_of(ws, &products).await? {
        bought.entry(c).or_default().push(p);
    }
    let mut nps: HashMap<CustomerId, Vec<(i64, u8)>> = HashMap::new();
    if let Some(days) = rule.nps_days() {
        let since = now - i64::from(days) * DAY;
        for (c, t, s) in state.store.nps_answers_since(ws, since).await? {
            nps.entry(c).or_default().push((t, s.clamp(0, 10) as u8));
        }
    }
    let mut closed: HashMap<CustomerId, Vec<i64>> = HashMap::new();
    if let Some(days) = rule.case_days() {
        let since = now - i64::from(days) * DAY;
        for (c, t) in state.store.cases_closed_since(ws, since).await? {
            closed.entry(c).or_default().push(t);
        }
    }
    Ok(customers
        .iter()
        .map(|c| {
            let mut f = CustomerFacts {
                products: bought.remove(&c.id).unwrap_or_default(),
                channel: c.acquisition_channel.clone(),
                language: c.language.code().to_owned(),
                consent: c.marketing_consent,
                nps: nps.remove(&c.id).unwrap_or_default(),
                cases_closed: closed.remove(&c.id).unwrap_or_default(),
                ..CustomerFacts::default()
            };
            if let Some(lc) = log.customer_id(&c.id.0.to_string()) {
                let events = log.events_of(lc);
                for (t, _) in orders_until(&events, now) {
                    f.orders += 1;
                    f.last_order = Some(t);
                }
                let mut seen = Vec::new();
                for (i, &t) in events.times.iter().enumerate() {
                    if t > now {
                        break;
                    }
                    let tp = data.touchpoint_of(events.touchpoint(i)).0;
                    if !seen.contains(&tp) {
                        seen.push(tp);
                    }
                    f.last_touchpoint = Some(tp);
                }
                f.touchpoints = seen;
                f.rfm = rfm.get(&lc).copied();
                if let Some(&(alive, value)) = predictions.get(&lc) {
                    f.alive = Some(alive);
                    f.predicted = value;
                }
            }
            f
        })
        .collect())
}
