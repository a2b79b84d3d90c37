//! What the survey pages share: loading a survey of the signed-in workspace, labels for its
//! kind and status, this server's address for printed links, and the touchpoint picker.

use crate::kit::{AppError, Page};
use crate::state::AppState;
use axum::http::{HeaderMap, header};
use kunde_domain::*;
use kunde_store::SessionUser;

/// The survey `id` of the signed-in user's workspace; another workspace's id is not found.
pub(super) async fn load_survey(
    state: &AppState,
    user: &SessionUser,
    id: i64,
) -> Result<Survey, AppError> {
    Ok(state
        .store
        .get_survey(user.workspace.id, SurveyId(id))
        .await?)
}

pub(super) fn kind_label(p: &Page, k: SurveyKind) -> String {
    p.t(&format!("survey-for-{}", k.code()))
}

pub(super) fn status_label(p: &Page, s: SurveyStatus) -> String {
    p.t(&format!("survey-status-{}", s.code()))
}

/// This server's address as the browser reached it, for links printed or pasted elsewhere.
pub(super) fn base_url(state: &AppState, headers: &HeaderMap) -> String {
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

pub(super) async fn touchpoint_choices(
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
