//! The client portal (issue 16): a business's customers sign in with a link by e-mail at
//! `/portal/{site}` (the help centre's address, so one server's businesses never reveal each
//! other's customers) and see their invoices with their status, the documents shared with
//! them, their cases (public replies only) and the surveys waiting for them; they open
//! cases, upload a document and change their profile. Staff manage a customer's invoices,
//! documents and portal sessions at `/customers/{id}/portal`. What customers do lands on the
//! journey map as events on the portal's touchpoint. The owner's `/settings/portal` shows
//! the portal's address and turns on reminder e-mails for overdue invoices (`reminders`).
//!
//! Invariants: sign-in link and session tokens are stored only as their SHA-256; a link is
//! used once, within 15 minutes, and only by a POST; a portal session is its own cookie,
//! scoped to `/portal/{site}` and ended after 30 idle minutes; every portal read passes the
//! signed-in customer to the store, so another customer's id answers 404; every portal form
//! carries the CSRF token (the portal is not exempt).

mod from_order;
mod home;
mod items;
mod journey;
mod reminders;
mod session;
mod settings;
mod signin;
mod staff;

use crate::state::AppState;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

pub use reminders::remind_overdue;
pub use session::{
    PortalCustomer, PortalPage, PortalSite, public_url, run_due, safe_file_name, today,
};

/// Records on the journey map that the signed-in customer opened an invoice (its page or its PDF).
pub async fn record_viewed_invoice(
    state: &AppState,
    ws: kunde_domain::WorkspaceId,
    customer: kunde_domain::CustomerId,
) {
    journey::record(state, ws, customer, journey::Action::ViewedInvoice).await;
}
pub use signin::link_mail;
pub use staff::valid_date;

/// Upload forms carry a document of at most 20 MB plus the form around it.
fn upload_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(session::DOCUMENT_LIMIT + 64 * 1024)
}

pub fn public_routes() -> Router<AppState> {
    Router::new()
        .route("/portal/{site}", get(signin::form).post(signin::request))
        .route(
            "/portal/{site}/link/{token}",
            get(signin::link).post(signin::use_link),
        )
        .route("/portal/{site}/signout", post(signin::sign_out))
        .route("/portal/{site}/home", get(home::home))
        .route(
            "/portal/{site}/profile",
            get(home::profile).post(home::save_profile),
        )
        .route("/portal/{site}/surveys/{id}", post(home::answer_survey))
        .route("/portal/{site}/invoices/{id}", get(items::invoice))
        .route(
            "/portal/{site}/documents",
            post(items::upload).layer(upload_limit()),
        )
        .route("/portal/{site}/documents/{id}", get(items::document))
        .route(
            "/portal/{site}/cases/new",
            get(items::new_case).post(items::create_case),
        )
        .route(
            "/portal/{site}/cases/{id}",
            get(items::case).post(items::reply),
        )
}

pub fn staff_routes() -> Router<AppState> {
    Router::new()
        .route("/customers/{id}/portal", get(staff::page))
        .route(
            "/customers/{id}/portal/invoices",
            post(staff::create_invoice),
        )
        .route(
            "/customers/{id}/portal/invoices/from-order",
            post(from_order::create),
        )
        .route(
            "/customers/{id}/portal/invoices/{iid}",
            post(staff::update_invoice),
        )
        .route(
            "/customers/{id}/portal/invoices/{iid}/paid",
            post(staff::mark_paid),
        )
        .route(
            "/customers/{id}/portal/documents",
            post(staff::upload).layer(upload_limit()),
        )
        .route(
            "/customers/{id}/portal/documents/{did}",
            get(staff::document),
        )
        .route(
            "/customers/{id}/portal/sessions/end",
            post(staff::end_sessions),
        )
}

pub fn owner_routes() -> Router<AppState> {
    Router::new().route("/settings/portal", get(settings::page).post(settings::save))
}
