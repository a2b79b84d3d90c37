//! Privacy and accountability (issue 18): one customer's data exported as a ZIP or erased
//! after a confirmation page that counts what goes (`requests`), the workspace's audit trail
//! with filters, paging and a CSV download (`audit_trail`), and the retention rule that erases
//! customers inactive for N years, shown first and run by the timed job (`retention`).
//!
//! Invariants: every page here is the owner's; exports and erasures are recorded in the audit
//! trail; erasing goes only through `Store::erase_customer` (one transaction, logged in
//! `erasure_log`, so a restore re-applies it); the retention rule is off until the owner sets
//! it, and the owner sees who it would erase before saving it.

mod audit_trail;
mod requests;
mod retention;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub use retention::run_due;

pub fn owner_routes() -> Router<AppState> {
    Router::new()
        .route("/customers/{id}/export", post(requests::export))
        .route(
            "/customers/{id}/erase",
            get(requests::erase_confirm).post(requests::erase),
        )
        .route("/settings/audit", get(audit_trail::page))
        .route("/settings/audit.csv", get(audit_trail::csv))
        .route(
            "/settings/privacy",
            get(retention::page).post(retention::save),
        )
}
