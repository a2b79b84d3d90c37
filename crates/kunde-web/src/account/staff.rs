//! The owner gives a member of staff another role (issue 18): owner or staff, recorded in
//! the audit trail with the role before and after. A workspace always keeps an owner.

use crate::kit::audit::Audit;
use crate::kit::client::ClientKey;
use crate::kit::{AppError, FieldErrors, Page, Staff};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kunde_domain::{Role, UserId};
use kunde_store::audit_action;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct RoleForm {
    role: String,
}

pub async fn change_role(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    client: ClientKey,
    Path(id): Path<i64>,
    Form(f): Form<RoleForm>,
) -> Result<Response, AppError> {
    let Ok(role) = Role::parse(&f.role) else {
        return Err(AppError::BadRequest);
    };
    let ws = user.workspace.id;
    match state.store.set_user_role(ws, UserId(id), role).await? {
        Some(old) => {
            if old != role {
                Audit::by(&user, &client)
                    .record(
                        &state,
                        audit_action::ROLE_CHANGE,
                        ("user", Some(id)),
                        &format!("from={} to={}", old.code(), role.code()),
                    )
                    .await;
            }
            Ok(Redirect::to("/settings?done=user-role-changed").into_response())
        }
        None => {
            let p = Page::staff(&user, &csrf, "settings", "/settings")
                .with_notice(Some("users-last-owner"));
            let view =
                super::settings::settings_view(&state, p, &user, FieldErrors::default()).await?;
            Ok((StatusCode::CONFLICT, view).into_response())
        }
    }
}
