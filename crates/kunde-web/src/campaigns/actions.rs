//! What the owner does with a campaign: a test e-mail to themselves, sending now or at a time
//! in the business's time zone, taking a scheduled campaign back, pausing and resuming.

use super::form::parse_local;
use super::pages::{ShowQuery, ready, redirect, show_page};
use super::sending;
use crate::kit::Staff;
use crate::kit::error::AppError;
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kunde_domain::Language;
use kunde_store::CampaignStatus;
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TestForm {
    language: String,
}

/// `POST /campaigns/{id}/test`: the version in the chosen language to the owner's own
/// address, through the outbox like every e-mail.
pub async fn test(
    State(state): State<AppState>,
    staff: Staff,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(f): Form<TestForm>,
) -> Result<Response, AppError> {
    let ws = staff.workspace();
    let c = state.store.campaign(ws, id).await?;
    let workspace = &staff.user.workspace;
    let language = Language::parse(&f.language).unwrap_or(workspace.default_language);
    let base = state.public_url(Some(&headers));
    // A test carries a link of the right shape that unsubscribes no one.
    let unsubscribe = sending::unsubscribe_url(&base, &"0".repeat(64));
    let zone = crate::kit::format::zone(&staff.user.time_zone);
    let from = sending::Sender {
        name: &workspace.name,
        language: workspace.default_language,
        zone: &zone,
    };
    // A test of an offer shows a code of the shape customers get.
    let sample = c
        .offer
        .as_ref()
        .map(|o| o.code.clone().unwrap_or_else(|| "ABCD2345".to_owned()));
    let to = sending::To {
        email: staff.user.user.email.as_str(),
        name: &staff.user.user.name,
        language,
        offer_code: sample.as_deref(),
        links: None,
    };
    let mut mail = sending::campaign_mail(&c, &from, &to, &unsubscribe);
    mail.subject = format!(
        "[{}] {}",
        staff.page("campaigns", "").t("campaign-test"),
        mail.subject
    );
    crate::outbox::queue(&state, ws, &mail).await?;
    Ok(redirect(id, "campaign-test-sent"))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SendForm {
    /// `now`, or `at` with the time in `at`.
    when: String,
    at: String,
}

/// `POST /campaigns/{id}/send`: schedules a ready draft now or at a time (the business's
/// zone); sending now starts at once rather than at the next minute's tick.
pub async fn send(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<SendForm>,
) -> Result<Response, AppError> {
    let ws = staff.workspace();
    let c = state.store.campaign(ws, id).await?;
    let p = staff.page("campaigns", "");
    let now = state.now();
    let at = if c.status != CampaignStatus::Draft {
        Err("campaign-error-not-draft")
    } else if !ready(&c, staff.user.workspace.default_language) {
        Err("campaign-error-not-ready")
    } else if f.when == "at" {
        match parse_local(&staff.user.time_zone, &f.at) {
            Some(t) if t > now => Ok(t),
            Some(_) => Err("campaign-error-past"),
            None => Err("campaign-error-time"),
        }
    } else {
        Ok(now)
    };
    let at = match at {
        Ok(at) => at,
        Err(key) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            let q = ShowQuery::default();
            let refused = Some((f.at.clone(), p.t(key)));
            return show_page(&state, &staff, id, q, None, refused, status).await;
        }
    };
    state.store.schedule_campaign(ws, id, Some(at)).await?;
    if at <= now {
        // Sending now starts here rather than at the next tick; should it fail, the
        // campaign stays scheduled and the tick tries again.
        if let Err(e) = sending::start(&state, ws, id, now).await {
            tracing::warn!(campaign = id, error = ?e, "starting a campaign failed");
        }
    }
    Ok(redirect(id, "campaign-scheduled"))
}

/// `POST /campaigns/{id}/unschedule`: a scheduled campaign back to draft.
pub async fn unschedule(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    state.store.campaign(staff.workspace(), id).await?;
    state
        .store
        .schedule_campaign(staff.workspace(), id, None)
        .await?;
    Ok(redirect(id, "campaign-unscheduled"))
}

/// `POST /campaigns/{id}/pause`: no more chunks until resumed.
pub async fn pause(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    state.store.campaign(staff.workspace(), id).await?;
    state
        .store
        .pause_campaign(staff.workspace(), id, true, state.now())
        .await?;
    Ok(redirect(id, "campaign-paused"))
}

/// `POST /campaigns/{id}/resume`: the next chunk goes out now.
pub async fn resume(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    state.store.campaign(staff.workspace(), id).await?;
    state
        .store
        .pause_campaign(staff.workspace(), id, false, state.now())
        .await?;
    Ok(redirect(id, "campaign-resumed"))
}
