//! Customers: the list with search and paging, one customer's page with their timeline
//! (events, orders, survey answers, cases), logging an interaction by hand (`log_form`),
//! logging an order by hand with an optional discount code (`orders`), and the customer form.
//!
//! Invariants: a customer is read only through the signed-in user's workspace; the timeline
//! gathers what other features show of a customer only through their exported functions.

mod log_form;
mod orders;
mod pages;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn staff_routes() -> Router<AppState> {
    Router::new()
        .route("/customers", get(pages::list))
        .route("/customers/new", get(pages::new_form).post(pages::create))
        .route("/customers/{id}", get(pages::show))
        .route("/customers/{id}/log", post(pages::log_interaction))
        .route("/customers/{id}/orders", post(orders::log_order))
        .route(
            "/customers/{id}/edit",
            get(pages::edit_form).post(pages::update),
        )
}
