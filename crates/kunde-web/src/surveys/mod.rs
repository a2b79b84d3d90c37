//! Surveys (PRODUCT.md §4–§5), the collecting half: the builder (`builder`), the public
//! answer page and widget (`answer`), and the ways to reach people — link, QR code, paper
//! form, staff entry of paper answers — with the answers list (`reach`). `form` is the
//! question form all of them share.
//!
//! Routes: public ones need no sign-in and find their survey by an unguessable token; staff
//! ones read the signed-in user's workspace; owner ones change a survey.

mod answer;
mod answer_page;
mod builder;
mod form;
mod questions;
mod reach;

use crate::AppState;
use crate::kit::Page;
use crate::kit::error::PageError;
use axum::Router;
use axum::http::{HeaderMap, header};
use axum::routing::{get, post};
use kunde_domain::*;
use kunde_store::SessionUser;

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

/// The survey `id` of the signed-in user's workspace; another workspace's id is not found.
async fn load_survey(
    state: &AppState,
    p: &Page,
    user: &SessionUser,
    id: i64,
) -> Result<Survey, PageError> {
    state
        .store
        .get_survey(user.workspace.id, SurveyId(id))
        .await
        .map_err(|e| p.err(e.into()))
}

fn kind_label(p: &Page, k: SurveyKind) -> String {
    p.t(&format!("survey-for-{}", k.code()))
}

fn status_label(p: &Page, s: SurveyStatus) -> String {
    p.t(&format!("survey-status-{}", s.code()))
}

/// This server's address as the browser reached it, for links printed or pasted elsewhere.
fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        })
        .unwrap_or("localhost");
    let scheme = if state.config.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

/// A touchpoint as pickers show it: "Journey › Stage › Touchpoint", since names repeat across
/// journeys (an as-is and its to-be map).
pub struct TpChoice {
    pub id: TouchpointId,
    pub label: String,
}

async fn touchpoint_choices(
    state: &AppState,
    ws: WorkspaceId,
) -> Result<Vec<TpChoice>, kunde_store::StoreError> {
    let mut choices = Vec::new();
    for journey in state.store.list_journeys(ws).await? {
        let stages = state.store.list_stages(ws, journey.id).await?;
        for t in state.store.list_touchpoints(ws, journey.id).await? {
            let stage = stages
                .iter()
                .find(|s| s.id == t.stage_id)
                .map_or("", |s| s.name.as_str());
            choices.push(TpChoice {
                id: t.id,
                label: format!("{} › {stage} › {}", journey.name, t.name),
            });
        }
    }
    Ok(choices)
}
