//! Keeping in touch with customers (issue 15). So far: the public newsletter sign-up form
//! with double opt-in (`signup`), at the portal's address of the business
//! (`/portal/{site}/join`), in the visitor's language.
//!
//! Invariants: consent comes only from the confirmation link's POST (a mail scanner that
//! opens the link gives none); the form answers the same whether or not the address is
//! known; only the link's SHA-256 is stored, and an unconfirmed sign-up is deleted when its
//! link expires; every consent given is recorded with its time and source
//! (`consent_changes`).

mod signup;

use crate::state::AppState;
use axum::Router;
use axum::routing::get;

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
}
