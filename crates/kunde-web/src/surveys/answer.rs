//! The answer page customers and employees see, without signing in: `/s/{token}` (the public
//! link, the QR code), `/s/{token}/embed` (the widget's frame) and `/s/i/{token}` (a personal
//! invitation, usable once).
//!
//! It works without JavaScript: one question per screen is stepped through by the server,
//! carrying earlier answers in hidden fields, and nothing is stored until the last screen.
//! Every screen checks its own answers; the last one checks them all again (hidden fields
//! come from the browser), so a stored response always fits its questions. A random
//! submission key made when the form is first shown makes a double submit store once.

use super::answer_ctx::*;
use super::answer_page::*;
use super::form::{self, Fields};
use crate::kit::auth::public_tr;
use crate::kit::client::ClientKey;
use crate::kit::error::render_error;
use crate::kit::i18n::Tr;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use kunde_domain::*;
use kunde_store::{StoreError, generate_survey_token};
use serde::Deserialize;

/// Posts one respondent (one form's submission key) may send per minute: each screen of a
/// stepped survey counts, and a real person never comes near it.
pub(super) const POSTS_PER_MINUTE: u32 = 30;
/// Posts one address may send per minute: high, because a shop's Wi-Fi or a counter tablet
/// sends many respondents' answers from one address; it stops floods, not customers.
pub(super) const ADDRESS_POSTS_PER_MINUTE: u32 = 600;
/// Pages one client may open per minute.
pub(super) const VIEWS_PER_MINUTE: u32 = 60;
pub(super) const MAX_GROUP_NAME: usize = 100;

#[derive(Deserialize, Default)]
pub struct OpenQuery {
    pub(super) lang: Option<String>,
    pub(super) src: Option<String>,
}

/// Refuses a client that asked too often, in its language, saying when to try again.
pub(super) async fn limited(
    state: &AppState,
    bucket: &'static str,
    client: &ClientKey,
    per_minute: u32,
    tr: Tr,
) -> Option<Response> {
    let too_many = state
        .rate_limits
        .check(bucket, &client.0, per_minute)
        .await
        .err()?;
    let mut response = render_error(tr, StatusCode::TOO_MANY_REQUESTS, "survey-too-many");
    if let Ok(v) = header::HeaderValue::from_str(&too_many.retry_after_secs.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, v);
    }
    Some(response)
}

/// The survey behind a public token, if it takes answers; otherwise the page to show.
pub(super) async fn public_ctx(
    state: &AppState,
    token: &str,
    tr: Tr,
    channel: ResponseChannel,
) -> Result<Ctx, Response> {
    let survey = match state.store.survey_by_token(token).await {
        Ok(Some(s)) => s,
        Ok(None) => return Err(render_error(tr, StatusCode::NOT_FOUND, "survey-not-found")),
        Err(e) => return Err(internal(tr, e)),
    };
    ctx_for(state, survey, tr, Entry::Public { channel }).await
}

pub(super) async fn ctx_for(
    state: &AppState,
    survey: Survey,
    tr: Tr,
    entry: Entry,
) -> Result<Ctx, Response> {
    match survey.status {
        SurveyStatus::Draft => {
            return Err(render_error(tr, StatusCode::NOT_FOUND, "survey-not-found"));
        }
        SurveyStatus::Closed => return Err(message(tr, StatusCode::GONE, "survey-closed", false)),
        SurveyStatus::Live => {}
    }
    let questions = state
        .store
        .survey_questions(survey.workspace_id, survey.id)
        .await
        .map_err(|e| internal(tr, e))?;
    let business = state
        .store
        .get_workspace(survey.workspace_id)
        .await
        .map_err(|e| internal(tr, e))?
        .name;
    Ok(Ctx {
        survey,
        business,
        questions,
        tr,
        entry,
    })
}

pub(super) fn internal(tr: Tr, e: StoreError) -> Response {
    tracing::error!(error = %e, "survey page failed");
    render_error(tr, StatusCode::INTERNAL_SERVER_ERROR, "error-internal")
}

pub(super) fn channel_from(src: Option<&str>) -> ResponseChannel {
    match src {
        Some("qr") => ResponseChannel::Qr,
        _ => ResponseChannel::Link,
    }
}

pub async fn open_public(
    State(state): State<AppState>,
    client: ClientKey,
    headers: HeaderMap,
    Path(token): Path<String>,
    Query(q): Query<OpenQuery>,
) -> Response {
    let tr = pick_language(q.lang.as_deref(), None, &headers);
    if let Some(r) = limited(&state, "survey-view", &client, VIEWS_PER_MINUTE, tr).await {
        return r;
    }
    match public_ctx(&state, &token, tr, channel_from(q.src.as_deref())).await {
        Ok(ctx) => render_screen(&ctx, &Fields::default(), 0, &Default::default(), &new_key()),
        Err(r) => r,
    }
}

pub async fn open_embed(
    State(state): State<AppState>,
    client: ClientKey,
    headers: HeaderMap,
    Path(token): Path<String>,
    Query(q): Query<OpenQuery>,
) -> Response {
    let tr = pick_language(q.lang.as_deref(), None, &headers);
    if let Some(r) = limited(&state, "survey-view", &client, VIEWS_PER_MINUTE, tr).await {
        return r;
    }
    let mut response = match public_ctx(&state, &token, tr, ResponseChannel::Widget).await {
        Ok(ctx) => render_screen(&ctx, &Fields::default(), 0, &Default::default(), &new_key()),
        Err(r) => r,
    };
    allow_framing(&mut response);
    response
}

pub async fn submit_public(
    State(state): State<AppState>,
    client: ClientKey,
    headers: HeaderMap,
    Path(token): Path<String>,
    body: Bytes,
) -> Response {
    let fields = Fields::parse(&body);
    let tr = pick_language(fields.one("lang"), None, &headers);
    let channel = match fields.one("src").and_then(ResponseChannel::parse) {
        Some(c @ (ResponseChannel::Qr | ResponseChannel::Widget)) => c,
        _ => ResponseChannel::Link,
    };
    let mut response = match public_ctx(&state, &token, tr, channel).await {
        Ok(ctx) => submit(&state, &ctx, &fields, &client).await,
        Err(r) => r,
    };
    if channel == ResponseChannel::Widget {
        allow_framing(&mut response);
    }
    response
}

/// The invitation behind a personal token with its survey, or the page to show instead.
pub(super) async fn personal_ctx(
    state: &AppState,
    token: &str,
    picked: Option<&str>,
    headers: &HeaderMap,
) -> Result<Ctx, Response> {
    let fallback = public_tr(headers);
    let invitation = match state.store.invitation_by_token(token).await {
        Ok(Some(i)) => i,
        Ok(None) => {
            return Err(render_error(
                fallback,
                StatusCode::NOT_FOUND,
                "survey-not-found",
            ));
        }
        Err(e) => return Err(internal(fallback, e)),
    };
    let ws = invitation.workspace_id;
    let customer = state
        .store
        .get_customer(ws, invitation.customer_id)
        .await
        .ok();
    let tr = pick_language(picked, customer.map(|c| c.language), headers);
    if invitation.answered_at.is_some() {
        return Err(message(
            tr,
            StatusCode::OK,
            "survey-already-answered",
            false,
        ));
    }
    let survey = state
        .store
        .get_survey(ws, invitation.survey_id)
        .await
        .map_err(|e| internal(tr, e))?;
    ctx_for(
        state,
        survey,
        tr,
        Entry::Personal {
            invitation,
            token: token.to_owned(),
        },
    )
    .await
}

pub async fn open_personal(
    State(state): State<AppState>,
    client: ClientKey,
    headers: HeaderMap,
    Path(token): Path<String>,
    Query(q): Query<OpenQuery>,
) -> Response {
    if let Some(r) = limited(
        &state,
        "survey-view",
        &client,
        VIEWS_PER_MINUTE,
        public_tr(&headers),
    )
    .await
    {
        return r;
    }
    match personal_ctx(&state, &token, q.lang.as_deref(), &headers).await {
        Ok(ctx) => render_screen(&ctx, &Fields::default(), 0, &Default::default(), &new_key()),
        Err(r) => r,
    }
}

pub async fn submit_personal(
    State(state): State<AppState>,
    client: ClientKey,
    headers: HeaderMap,
    Path(token): Path<String>,
    body: Bytes,
) -> Response {
    let fields = Fields::parse(&body);
    match personal_ctx(&state, &token, fields.one("lang"), &headers).await {
        Ok(ctx) => submit(&state, &ctx, &fields, &client).await,
        Err(r) => r,
    }
}

pub(super) fn new_key() -> String {
    generate_survey_token()
}

/// A submission key as the form sent it, if it looks like one of ours.
pub(super) fn valid_key(key: Option<&str>) -> Option<String> {
    key.filter(|k| {
        (16..=64).contains(&k.len())
            && k.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
    .map(str::to_owned)
}

/// One screen was posted: go back, show its errors, go on, or store the whole response.
/// Past a limit the respondent gets the same screen back with everything they typed and
/// when to send again (429 with `Retry-After`), never an error page that loses the answers.
pub(super) async fn submit(
    state: &AppState,
    ctx: &Ctx,
    fields: &Fields,
    client: &ClientKey,
) -> Response {
    let key = valid_key(fields.one("key")).unwrap_or_else(new_key);
    let screens = ctx.screens();
    let step = fields
        .one("step")
        .and_then(|s| s.parse::<usize>().ok())
        .unwrap_or(0)
        .min(screens.len() - 1);
    let limits = &state.rate_limits;
    let refused = match limits
        .check("survey-answer-key", &key, POSTS_PER_MINUTE)
        .await
    {
        Ok(()) => {
            limits
                .check("survey-answer", &client.0, ADDRESS_POSTS_PER_MINUTE)
                .await
        }
        Err(e) => Err(e),
    };
    if let Err(too_many) = refused {
        return render_screen_waiting(ctx, fields, step, &key, too_many.retry_after_secs);
    }
    if fields.one("nav") == Some("back") {
        return render_screen(
            ctx,
            fields,
            step.saturating_sub(1),
            &Default::default(),
            &key,
        );
    }
    let on_screen = &ctx.questions[screens[step].clone()];
    if let Err(errors) = form::parse_all(on_screen, fields) {
        return render_screen(ctx, fields, step, &errors, &key);
    }
    if step + 1 < screens.len() {
        return render_screen(ctx, fields, step + 1, &Default::default(), &key);
    }
    let answers = match form::parse_all(&ctx.questions, fields) {
        Ok(a) => a,
        Err(errors) => {
            // Only a tampered hidden field gets here: show the first screen with a problem.
            let first = screens
                .iter()
                .position(|r| {
                    ctx.questions[r.clone()]
                        .iter()
                        .any(|q| errors.contains_key(&q.id))
                })
                .unwrap_or(0);
            return render_screen(ctx, fields, first, &errors, &key);
        }
    };
    let group = |name: &str| {
        fields
            .one(name)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(|v| v.chars().take(MAX_GROUP_NAME).collect::<String>())
    };
    let employee = ctx.survey.kind == SurveyKind::Employee;
    let (invitation, customer) = match &ctx.entry {
        Entry::Personal { invitation, .. } => (Some(invitation.id), Some(invitation.customer_id)),
        Entry::Public { .. } => (None, None),
    };
    let response = NewResponse {
        // Employee surveys are anonymous, whatever link was used.
        customer_id: customer.filter(|_| !employee),
        channel: ctx.channel(),
        language: ctx.tr.lang(),
        submitted_at: state.now(),
        team: group("team").filter(|_| employee),
        location: group("location").filter(|_| employee),
        submission_key: key,
        answers,
    };
    let ws = ctx.survey.workspace_id;
    match state
        .store
        .store_response(ws, ctx.survey.id, &response, invitation)
        .await
    {
        // After a low score on the public link, "May we contact you?" when the survey asks.
        Ok(_) => match contact_url(state, ctx, &response.submission_key).await {
            Some(url) => Redirect::to(&url).into_response(),
            None => Redirect::to(&ctx.thanks()).into_response(),
        },
        Err(StoreError::Conflict(_)) => message(
            ctx.tr,
            StatusCode::OK,
            "survey-already-answered",
            ctx.embed(),
        ),
        Err(e) => internal(ctx.tr, e),
    }
}
