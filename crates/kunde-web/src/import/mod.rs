//! Importing CSV files (customers, orders, events, survey answers; marketing spend and
//! invoices from an accounting export have a form of their own): the upload, mapping and
//! check pages (`pages`) and the one place that joins `kunde-import` to the store
//! (`importing`), shared with `kunde import` on the command line.
//!
//! Invariants: nothing is stored unless every row passed the check; an import is written in
//! one transaction, so cancelling or any error leaves nothing behind.

pub mod importing;
mod invoices;
mod pages;
mod spend;

pub use invoices::{
    INVOICE_COLUMNS, InvoiceFileError, InvoiceLine, InvoiceProblem, import_invoice_file,
    parse_invoice_csv,
};
pub use spend::{SpendProblem, parse_spend_amount, parse_spend_csv, parse_spend_month};

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn owner_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/import",
            get(pages::form)
                .post(pages::upload)
                .layer(axum::extract::DefaultBodyLimit::max(
                    crate::kit::csrf::UPLOAD_LIMIT,
                )),
        )
        .route(
            "/import/spend",
            post(spend::upload_spend).layer(axum::extract::DefaultBodyLimit::max(
                crate::kit::csrf::UPLOAD_LIMIT,
            )),
        )
        .route(
            "/import/invoices",
            post(invoices::upload_invoices).layer(axum::extract::DefaultBodyLimit::max(
                crate::kit::csrf::UPLOAD_LIMIT,
            )),
        )
        .route("/import/{id}", get(pages::show))
        .route("/import/{id}/check", post(pages::check))
        .route("/import/{id}/run", post(pages::run))
        .route("/import/{id}/cancel", post(pages::cancel))
        .route("/import/{id}/status", get(pages::status))
}
