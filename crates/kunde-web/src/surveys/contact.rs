//! "May we contact you?" (issue 17): after a low score through the public link or QR code
//! (a personal link knows its customer already), a survey that asks it offers the respondent
//! to leave an e-mail address or a phone number. Given with the consent box ticked, the answer
//! and its follow-up are linked to the workspace's customer with that address — found or
//! created — and the consent is recorded with its time and source. The page finds the answer
//! only by its random submission key, within an hour of answering and while it has no
//! customer, so nobody else's answer can be claimed. Refused input is shown again as typed.

use super::answer::{ADDRESS_POSTS_PER_MINUTE, POSTS_PER_MINUTE, VIEWS_PER_MINUTE, internal};
use super::answer::{limited, public_ctx, valid_key};
use super::answer_ctx::*;
use super::answer_page::message;
use super::form::Fields;
use crate::kit::client::ClientKey;
use crate::kit::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_domain::{Email, Phone, ResponseChannel};
use kunde_store::{ContactDetails, StoreError};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "surveys/contact.html")]
struct ContactPage {
    tr: Tr,
    lang: &'static str,
    embed: bool,
    business: String,
    title: String,
    action: String,
    thanks: String,
    key: String,
    email: String,
    phone: String,
    consent: bool,
    error: String,
}

fn page(ctx: &Ctx, key: &str, f: Option<&Fields>, error: String) -> ContactPage {
    let field = |name: &str| f.and_then(|f| f.one(name)).unwrap_or_default().to_owned();
    ContactPage {
        tr: ctx.tr,
        lang: ctx.tr.lang().code(),
        embed: false,
        business: ctx.business.clone(),
        title: ctx
            .survey
            .title
            .get(ctx.tr.lang(), ctx.survey.default_language)
            .to_owned(),
        action: format!("/s/{}/contact", ctx.survey.token),
        thanks: ctx.thanks(),
        key: key.to_owned(),
        email: field("email"),
        phone: field("phone"),
        consent: f.is_some_and(|f| f.one("consent").is_some()),
        error,
    }
}

fn render(p: ContactPage, status: StatusCode) -> Response {
    match p.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[derive(Deserialize, Default)]
pub struct ContactQuery {
    key: Option<String>,
    lang: Option<String>,
}

pub async fn form(
    State(state): State<AppState>,
    client: ClientKey,
    headers: HeaderMap,
    Path(token): Path<String>,
    Query(q): Query<ContactQuery>,
) -> Response {
    let tr = pick_language(q.lang.as_deref(), None, &headers);
    if let Some(r) = limited(&state, "survey-view", &client, VIEWS_PER_MINUTE, tr).await {
        return r;
    }
    let ctx = match public_ctx(&state, &token, tr, ResponseChannel::Link).await {
        Ok(ctx) => ctx,
        Err(r) => return r,
    };
    let Some(key) = valid_key(q.key.as_deref()) else {
        return Redirect::to(&ctx.thanks()).into_response();
    };
    match answer_of(&state, &ctx, &key).await {
        Ok(Some(_)) => render(page(&ctx, &key, None, String::new()), StatusCode::OK),
        // Nothing (or nothing any more) to attach a contact to: just thank them.
        Ok(None) => Redirect::to(&ctx.thanks()).into_response(),
        Err(e) => internal(tr, e),
    }
}

pub async fn submit(
    State(state): State<AppState>,
    client: ClientKey,
    headers: HeaderMap,
    Path(token): Path<String>,
    body: Bytes,
) -> Response {
    let fields = Fields::parse(&body);
    let tr = pick_language(fields.one("lang"), None, &headers);
    let ctx = match public_ctx(&state, &token, tr, ResponseChannel::Link).await {
        Ok(ctx) => ctx,
        Err(r) => return r,
    };
    let Some(key) = valid_key(fields.one("key")) else {
        return Redirect::to(&ctx.thanks()).into_response();
    };
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
        // Everything typed stays; the page says when to send again.
        let wait = tr.t_args(
            "survey-wait",
            &[("n", &too_many.retry_after_secs.to_string())],
        );
        return render(
            page(&ctx, &key, Some(&fields), wait),
            StatusCode::TOO_MANY_REQUESTS,
        );
    }
    let response = match answer_of(&state, &ctx, &key).await {
        Ok(Some(r)) => r,
        Ok(None) => return Redirect::to(&ctx.thanks()).into_response(),
        Err(e) => return internal(tr, e),
    };
    let text = |name: &str| fields.one(name).map(str::trim).filter(|v| !v.is_empty());
    let email = text("email").map(Email::parse);
    let phone = text("phone").map(Phone::parse);
    let error = match (&email, &phone) {
        (None, None) => Some("survey-contact-missing"),
        (Some(Err(_)), _) => Some("survey-contact-bad-email"),
        (_, Some(Err(_))) => Some("survey-contact-bad-phone"),
        _ if fields.one("consent").is_none() => Some("survey-contact-consent-needed"),
        _ => None,
    };
    if let Some(key_name) = error {
        return render(
            page(&ctx, &key, Some(&fields), tr.t(key_name)),
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let details = ContactDetails {
        email: email.and_then(Result::ok),
        phone: phone.and_then(Result::ok),
        language: tr.lang(),
    };
    match state
        .store
        .link_response_contact(ctx.survey.workspace_id, response, &details, state.now())
        .await
    {
        // A double submit finds the answer linked already: the same thanks.
        Ok(_) | Err(StoreError::Conflict(_)) => {
            message(tr, StatusCode::OK, "survey-contact-thanks", false)
        }
        Err(e) => internal(tr, e),
    }
}
