//! Accounts and the workspace's settings: signing in and out, the first-run set-up, choosing
//! a language, invitations (`invitations`: an invitation is not an account until accepted),
//! the settings page with API keys (`settings`), and the e-mail
//! settings with a test message (`mail_settings`).
//!
//! Invariants: a session token and an invitation token are stored only as their SHA-256;
//! signing in takes as long for an unknown address as for a wrong password; settings and
//! API keys are the owner's.

mod invitations;
mod mail_settings;
mod password;
mod settings;
mod signin;
mod staff;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn public_routes() -> Router<AppState> {
    Router::new()
        .route("/signin", get(signin::form).post(signin::submit))
        .route("/setup", get(signin::setup_form).post(signin::setup_submit))
        .route(
            "/invite/{token}",
            get(invitations::invite_form).post(invitations::invite_accept),
        )
        .route("/language", post(signin::set_language))
        .route("/forgot", get(password::forgot_form).post(password::forgot))
}

pub fn staff_routes() -> Router<AppState> {
    Router::new()
        .route("/signout", post(signin::signout))
        .route(
            "/account/password",
            get(password::change_form).post(password::change),
        )
}

pub fn owner_routes() -> Router<AppState> {
    Router::new()
        .route("/settings", get(settings::page).post(settings::save))
        .route("/settings/invite", post(invitations::invite))
        .route(
            "/settings/invitations/{id}/withdraw",
            post(invitations::withdraw),
        )
        .route("/settings/api-keys", post(settings::create_api_key))
        .route(
            "/settings/api-keys/{id}/revoke",
            post(settings::revoke_api_key),
        )
        .route("/settings/users/{id}/reset", post(password::owner_reset))
        .route("/settings/users/{id}/remove", post(password::remove))
        .route("/settings/users/{id}/role", post(staff::change_role))
        .merge(mail_settings::owner_routes())
}
