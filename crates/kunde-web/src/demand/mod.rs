//! Demand lists (issue 15): what customers would buy if only the business offered it.
//!
//! Routes:
//! * `GET /demand` (staff) — the items with their figures, the answers to wish questions not
//!   yet in an item, and groups the themes engine proposes (`pages.rs`);
//! * `POST /demand` (owner) — a new item from chosen answers, or those answers moved into an
//!   existing item;
//! * `GET /demand/{id}` (staff) — one item: its answers and respondents, its waiting list
//!   (who was notified and who bought since), its public "Notify me" address;
//! * `POST /demand/{id}/waiting` (staff) — put a customer (by e-mail address) or every
//!   respondent of the item's answers on its waiting list;
//! * `POST /demand/{id}/rename`, `/merge`, `/available` (owner) — name, merge into another
//!   item, mark available (every waiting customer gets one e-mail, `mail.rs`);
//! * `GET`/`POST /portal/{site}/notify/{key}` (public) — the "Notify me" form (`notify.rs`).
//!
//! Invariants: an item is read only through the signed-in user's workspace (or, publicly,
//! through the business's portal address and the item's random key); the availability
//! e-mails are queued in the transaction that marks their customers notified
//! (`outbox::notify_demand_available`), so nobody is told twice; the public form answers the
//! same for known and unknown addresses and keeps what was typed when it refuses.

mod mail;
mod notify;
mod pages;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn public_routes() -> Router<AppState> {
    Router::new().route(
        "/portal/{site}/notify/{key}",
        get(notify::form).post(notify::request),
    )
}

pub fn staff_routes() -> Router<AppState> {
    Router::new()
        .route("/demand", get(pages::list))
        .route("/demand/{id}", get(pages::show))
        .route("/demand/{id}/waiting", post(pages::add_waiting))
}

pub fn owner_routes() -> Router<AppState> {
    Router::new()
        .route("/demand", post(pages::create))
        .route("/demand/{id}/rename", post(pages::rename))
        .route("/demand/{id}/merge", post(pages::merge))
        .route("/demand/{id}/available", post(pages::available))
}
