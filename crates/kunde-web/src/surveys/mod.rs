//! Surveys (PRODUCT.md §4–§5), the collecting half: the builder (`builder`), the public
//! answer page and widget (`answer`), and the ways to reach people — link, QR code, paper
//! form, staff entry of paper answers — with the answers list (`reach`). `form` is the
//! question form all of them share.
//!
//! Routes: public ones need no sign-in and find their survey by an unguessable token; staff
//! ones read the signed-in user's workspace; owner ones change a survey.

mod answer;
mod answer_ctx;
mod answer_page;
mod builder;
mod common;
mod contact;
mod form;
mod questions;
mod reach;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

/// Pages for respondents: no sign-in, rate-limited, CSRF-exempt (see `csrf`).
pub fn public_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/s/{token}",
            get(answer::open_public).post(answer::submit_public),
        )
        .route("/s/{token}/embed", get(answer::open_embed))
        .route("/s/{token}/thanks", get(answer_page::thanks))
        .route(
            "/s/{token}/contact",
            get(contact::form).post(contact::submit),
        )
        .route(
            "/s/i/{token}",
            get(answer::open_personal).post(answer::submit_personal),
        )
        .route("/s/i/{token}/thanks", get(answer_page::thanks))
        .route("/w.js", get(answer_page::widget_js))
}

/// Pages for every signed-in user.
pub fn staff_routes() -> Router<AppState> {
    Router::new()
        .route("/surveys", get(builder::list))
        .route("/surveys/{id}", get(builder::show))
        .route("/surveys/{id}/answers", get(reach::answers))
        .route("/surveys/{id}/qr.svg", get(reach::qr_svg))
        .route("/surveys/{id}/qr.png", get(reach::qr_png))
        .route("/surveys/{id}/paper", get(reach::paper))
        .route(
            "/surveys/{id}/enter",
            get(reach::entry_form).post(reach::entry_submit),
        )
}

/// Pages that change a survey: the owner's.
pub fn owner_routes() -> Router<AppState> {
    Router::new()
        .route("/surveys/new", post(builder::create))
        .route("/surveys/{id}/settings", post(builder::save_settings))
        .route("/surveys/{id}/status", post(builder::set_status))
        .route("/surveys/{id}/questions", post(builder::add_question))
        .route(
            "/surveys/{id}/questions/{qid}",
            get(questions::question_form).post(questions::save_question),
        )
        .route(
            "/surveys/{id}/questions/{qid}/move",
            post(questions::move_question),
        )
        .route(
            "/surveys/{id}/questions/{qid}/delete",
            post(questions::delete_question),
        )
}
