//! The Value section (`/value/…`): do customers stay, what are they worth, and which
//! channels pay. Retention cohorts and the lifecycle (`retention.rs`), churn and survival
//! (`churn.rs`), new against repeat revenue (`revenue.rs`), RFM segments (`rfm.rs`),
//! acquisition cost and value per channel with the owner's marketing spend (`channels.rs`),
//! lifetime value with its hold-out check (`clv.rs`), and the customers behind any count,
//! which can be saved as a segment (`who.rs`). Every figure comes from the analytics core
//! over the workspace's cached event log (`common.rs`), or, for the retention page with an
//! events backend, from counts made on ClickHouse (`retention/pushdown.rs`); every chart has
//! its table and a CSV at the same address with `.csv`.

mod channels;
mod churn;
mod clv;
mod common;
mod retention;
mod revenue;
mod rfm;
mod summary;
mod who;

pub use summary::{
    AtRisk, CustomerValue, by_predicted_value, customer_value, predictions, rfm_facts,
    valuable_customers_at_risk,
};

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn staff_routes() -> Router<AppState> {
    Router::new()
        .route("/value", get(retention::index))
        .route("/value/retention", get(retention::page))
        .route("/value/retention.csv", get(retention::csv))
        .route("/value/churn", get(churn::page))
        .route("/value/churn.csv", get(churn::csv))
        .route("/value/revenue", get(revenue::page))
        .route("/value/revenue.csv", get(revenue::csv))
        .route("/value/rfm", get(rfm::page))
        .route("/value/rfm.csv", get(rfm::csv))
        .route("/value/clv", get(clv::page))
        .route("/value/clv.csv", get(clv::csv))
        .route("/value/channels", get(channels::page))
        .route("/value/channels.csv", get(channels::csv))
        .route("/value/customers", get(who::page))
        .route("/value/customers.csv", get(who::csv))
        .route("/value/customers/segment", post(who::save))
}

pub fn owner_routes() -> Router<AppState> {
    Router::new()
        .route("/value/channels/spend", post(channels::record))
        .route("/value/channels/spend/delete", post(channels::delete))
}
