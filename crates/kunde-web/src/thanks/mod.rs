//! Thank-you notes written by hand (issue 15).
//!
//! Routes (all staff):
//! * `GET /thanks` — this week's short list of customers who deserve a note, each with the
//!   reason (a case just resolved well, an RFM champion, one of the most valuable) and their
//!   postal address when known, and the notes written in the last 7 days (`pages.rs`);
//! * `GET /thanks/print` — the same list with names and addresses, meant for printing;
//! * `POST /thanks/{id}/written` — records that a note went to customer `id` (who, when),
//!   which also puts an event on the customer's timeline;
//! * `POST /customers/{id}/address` — the customer's postal address, from the panel on the
//!   customer's page (`templates/thanks/customer_panel.html`, data from [`customer_panel`]).
//!
//! Invariants: the selection is `kunde_analytics::thanks::select` (pure, table-tested), fed
//! with the Value section's RFM report and predictions and the store's resolved cases and
//! earlier notes; a customer noted in the last 180 days is not proposed again.

mod pages;

pub use pages::{CustomerPanel, customer_panel};

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn staff_routes() -> Router<AppState> {
    Router::new()
        .route("/thanks", get(pages::list))
        .route("/thanks/print", get(pages::print))
        .route("/thanks/{id}/written", post(pages::written))
        .route("/customers/{id}/address", post(pages::address))
}
