//! Keeping in touch with customers (issue 15).
//!
//! - The public newsletter sign-up form with double opt-in (`signup`), at the portal's
//!   address of the business (`/portal/{site}/join`), in the visitor's language.
//! - Campaigns for the owner (`pages`, `actions`): `GET /campaigns`, `GET|POST
//!   /campaigns/new`, `GET /campaigns/{id}` (preview per language, numbers, "did it work?"),
//!   `GET|POST /campaigns/{id}/edit` (drafts), `POST /campaigns/{id}/test`,
//!   `POST /campaigns/{id}/send` (now or at a time in the business's zone),
//!   `POST /campaigns/{id}/unschedule`, `POST /campaigns/{id}/pause`, `POST
//!   /campaigns/{id}/resume`. Sending (`sending`) runs from the minute tick ([`run_due`]).
//! - The public unsubscribe page of campaign e-mails, `GET|POST /u/{token}` (`unsubscribe`),
//!   and, for a campaign that counts clicks (an opt-in), its links `GET /u/{token}/l/{n}`
//!   (`clicks`: the click is stored and the reader sent on to the body's own link).
//!
//! Invariants: consent comes only from the confirmation link's POST (a mail scanner that
//! opens the link gives none); the form answers the same whether or not the address is
//! known; only the link's SHA-256 is stored, and an unconfirmed sign-up is deleted when its
//! link expires; every consent given or withdrawn is recorded with its time and source
//! (`consent_changes`). A campaign reaches only customers with marketing consent and an
//! address not refused by the mail server; each customer at most once per campaign (the
//! store's unique key, taken in the transaction that queues the e-mail); the hold-out group
//! is drawn when sending starts and never sent; every campaign e-mail carries a one-click
//! unsubscribe (`List-Unsubscribe`, `List-Unsubscribe-Post`) and a visible link.

mod actions;
mod clicks;
mod form;
mod pages;
mod repeat;
mod report;
mod sending;
mod signup;
mod unsubscribe;

pub use sending::run_due;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn public_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/portal/{site}/join",
            get(signup::form).post(signup::request),
        )
        .route(
            "/portal/{site}/join/{token}",
            get(signup::link).post(signup::confirm),
        )
        .route(
            "/u/{token}",
            get(unsubscribe::form).post(unsubscribe::unsubscribe),
        )
        .route("/u/{token}/l/{n}", get(clicks::follow))
}

pub fn owner_routes() -> Router<AppState> {
    Router::new()
        .route("/campaigns", get(pages::list))
        .route("/campaigns/new", get(pages::new_form).post(pages::create))
        .route("/campaigns/{id}", get(pages::show))
        .route(
            "/campaigns/{id}/edit",
            get(pages::edit_form).post(pages::update),
        )
        .route("/campaigns/{id}/test", post(actions::test))
        .route("/campaigns/{id}/send", post(actions::send))
        .route("/campaigns/{id}/unschedule", post(actions::unschedule))
        .route("/campaigns/{id}/pause", post(actions::pause))
        .route("/campaigns/{id}/resume", post(actions::resume))
}
