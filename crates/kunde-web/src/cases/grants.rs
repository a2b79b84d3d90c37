//! What staff grant on a case (a refund, a discount) within their authority or with the
//! owner's approval, the case's attachments (upload and download), and the customer's cases
//! as timeline items.

use super::show::*;
use crate::kit::error::AppError;
use crate::kit::{FieldErrors, Page, Staff};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use kunde_domain::*;
use kunde_store::TimelineItem;
use serde::Deserialize;

/// Attachments larger than this are refused with a message (5 MiB).
pub const ATTACHMENT_LIMIT: usize = 5 * 1024 * 1024;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct GrantForm {
    pub(super) kind: String,
    pub(super) amount: String,
    pub(super) note: String,
}

pub async fn grant(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
    Form(f): Form<GrantForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "cases", &format!("/cases/{id}"));
    let ws = user.workspace.id;
    let id = CaseId(id);
    let mut errors = FieldErrors::default();
    let kind = GrantKind::parse(&f.kind).map_err(|_| AppError::BadRequest)?;
    let amount = errors
        .check(p.tr, "amount", "case-grant-amount", Money::parse(&f.amount))
        .filter(|m| m.0 > 0);
    if amount.is_none() && errors.is_empty() {
        errors.add_message("amount", p.t("case-error-amount"));
    }
    let note = errors.check(
        p.tr,
        "grant_note",
        "case-grant-note",
        case_text("note", &f.note, SUBJECT_MAX, false),
    );
    let (Some(amount), Some(note)) = (amount, note) else {
        return invalid(&state, &user, p, id, String::new(), errors).await;
    };
    let g = state
        .store
        .request_grant(ws, id, kind, amount, &note, &user.user, state.now())
        .await?;
    let done = if g.status == GrantStatus::Pending {
        super::mail::ask_approval(&state, &user, id, &g, state.now()).await?;
        "pending"
    } else {
        "grant"
    };
    Ok(Redirect::to(&format!("/cases/{id}?done={done}")).into_response())
}

pub async fn upload(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
    mut form: Multipart,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "cases", &format!("/cases/{id}"));
    let ws = user.workspace.id;
    let id = CaseId(id);
    let mut errors = FieldErrors::default();
    let mut file: Option<(String, String, Vec<u8>)> = None;
    loop {
        match form.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let name = field
                    .file_name()
                    .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).to_owned())
                    .unwrap_or_default();
                let kind = field
                    .content_type()
                    .unwrap_or("application/octet-stream")
                    .to_owned();
                match field.bytes().await {
                    Ok(b) if b.len() > ATTACHMENT_LIMIT => {
                        errors.add_message("file", p.t("case-error-too-large"));
                    }
                    Ok(b) if !b.is_empty() && !name.is_empty() => {
                        file = Some((name, kind, b.to_vec()))
                    }
                    Ok(_) => errors.add_message("file", p.t("case-error-no-file")),
                    Err(_) => errors.add_message("file", p.t("case-error-too-large")),
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => {
                errors.add_message("file", p.t("case-error-too-large"));
                break;
            }
        }
    }
    let Some((name, kind, bytes)) = file.filter(|_| errors.is_empty()) else {
        if errors.is_empty() {
            errors.add_message("file", p.t("case-error-no-file"));
        }
        return invalid(&state, &user, p, id, String::new(), errors).await;
    };
    let name: String = name.chars().take(200).collect();
    state
        .store
        .add_case_attachment(
            ws,
            id,
            &name,
            &kind,
            &bytes,
            Some(user.user.id),
            state.now(),
        )
        .await?;
    Ok(Redirect::to(&format!("/cases/{id}?done=uploaded")).into_response())
}

/// Serves an attachment to signed-in staff of the case's workspace only, always as a
/// download (never rendered in the page's origin), with its stored type.
pub async fn download(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    Path((id, aid)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let (info, bytes) = state
        .store
        .case_attachment(user.workspace.id, CaseId(id), aid)
        .await?;
    let safe_name: String = info
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{safe_name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

/// The customer's cases as timeline items, for the customer's page.
pub fn case_timeline_items(cases: &[Case]) -> Vec<TimelineItem> {
    cases
        .iter()
        .map(|c| TimelineItem {
            at: c.created_at,
            kind: "case",
            title: c.subject.clone(),
            detail: format!("/cases/{}", c.id),
            amount: None,
        })
        .collect()
}
