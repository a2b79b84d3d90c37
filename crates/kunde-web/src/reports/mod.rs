//! Printable documents (issue 14 and 16): the monthly report of the start page's figures
//! (`/reports`, `/reports/monthly/{YYYY-MM}.pdf`, e-mailed to the owners on the first of
//! each month when turned on) and invoices as PDF for staff and, in the portal, for the
//! customer. [`document`] writes what a document says in the reader's language;
//! `kunde_pdf` lays it out and draws it.
//!
//! Invariants: a report reads the same figures as the start page for the same moment (the
//! dashboard's `headline`); a month is e-mailed at most once (recorded with its messages in
//! one transaction); an invoice PDF is read through the same customer-scoped store call as
//! the portal's invoice page, so another customer's id answers 404.

mod document;
mod mailing;
mod pages;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub use mailing::run_due;

pub fn staff_routes() -> Router<AppState> {
    Router::new()
        .route("/reports", get(pages::list))
        .route("/reports/monthly/{file}", get(pages::monthly))
        .route(
            "/customers/{id}/portal/invoices/{iid}/pdf",
            get(pages::staff_invoice),
        )
}

pub fn owner_routes() -> Router<AppState> {
    Router::new().route("/reports/settings", post(pages::save_settings))
}

pub fn public_routes() -> Router<AppState> {
    Router::new().route(
        "/portal/{site}/invoices/{id}/pdf",
        get(pages::portal_invoice),
    )
}
