//! Passwords (issue 17): changing your own, "forgot password" by an e-mailed link, and the
//! owner resetting or removing a member of staff.
//!
//! A reset link is an invitation link (`/invite/{token}`): 256 random bits, only the SHA-256
//! stored, single use (setting the password clears it), an hour for a forgotten password, and
//! a newer link replaces the older one. "Forgot password" answers the same whether or not the
//! address is known, and is rate-limited per client and per address.

use crate::kit::audit::Audit;
use crate::kit::auth::{public_tr, start_session, token_hash, verify_dummy, verify_password};
use crate::kit::client::ClientKey;
use crate::kit::cookies::random_token;
use crate::kit::csrf::CsrfToken;
use crate::kit::extract::{Notice, Notices};
use crate::kit::{AppError, FieldErrors, Page, Staff, auth};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use kunde_domain::mail::Mail;
use kunde_domain::{Email, Password, Role, User, UserId};
use kunde_store::audit_action;
use serde::Deserialize;

/// A link for a forgotten password works for an hour.
const RESET_SECONDS: i64 = 3600;
/// A link the owner makes for a member of staff works for a week, like an invitation.
const OWNER_RESET_SECONDS: i64 = 7 * 24 * 3600;
/// "Forgot password" requests per client, and per address, per minute.
const FORGOT_PER_CLIENT: u32 = 5;
const FORGOT_PER_ADDRESS: u32 = 2;

pub(super) struct PasswordNotices;

impl Notices for PasswordNotices {
    const KEYS: &'static [&'static str] = &["password-changed"];
}

#[derive(Template)]
#[template(path = "account/password.html")]
pub(super) struct ChangePage {
    p: Page,
    errors: FieldErrors,
}

#[derive(Deserialize)]
pub struct ChangeForm {
    current: String,
    new: String,
}

pub async fn change_form(
    Staff { user, csrf }: Staff,
    done: Notice<PasswordNotices>,
) -> Result<Html<String>, AppError> {
    let p = Page::staff(&user, &csrf, "", "/account/password").with_notice(done.key());
    let view = ChangePage {
        p,
        errors: FieldErrors::default(),
    };
    Ok(Html(view.render()?))
}

/// Changes the signed-in person's password after checking the current one; every other
/// session of theirs ends, this one starts afresh.
pub async fn change(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Form(f): Form<ChangeForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "", "/account/password");
    let mut errors = FieldErrors::default();
    let record = state.store.find_user_by_email(&user.user.email).await?;
    let hash = record.and_then(|r| r.password_hash);
    let current = f.current.clone();
    let ok = tokio::task::spawn_blocking(move || {
        hash.as_deref()
            .is_some_and(|h| verify_password(h, &current))
    })
    .await
    .map_err(AppError::internal)?;
    if !ok {
        errors.add_message("current", p.t("password-current-wrong"));
    }
    let new = errors.check(p.tr, "new", "password-new", Password::parse(&f.new));
    let Some(new) = new.filter(|_| errors.is_empty()) else {
        let html = ChangePage { p, errors }.render()?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response());
    };
    let hash = tokio::task::spawn_blocking(move || auth::hash_password(&new))
        .await
        .map_err(AppError::internal)?;
    state
        .store
        .set_password(user.workspace.id, user.user.id, &hash)
        .await?;
    let cookie = start_session(&state, &user.user).await?;
    let mut response = Redirect::to("/account/password?done=password-changed").into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(response)
}

/// The e-mail with a new-password link, in the person's own language.
fn reset_mail(to: &User, link: &str) -> Mail {
    let tr = crate::kit::Tr::new(to.language);
    Mail {
        to: to.email.as_str().to_owned(),
        to_name: Some(to.name.to_string()),
        subject: tr.t("password-reset-subject"),
        text: tr.t_args(
            "password-reset-body",
            &[("name", to.name.as_str()), ("link", link)],
        ),
        html: None,
        unsubscribe_url: None,
        reply_to: None,
    }
}

#[derive(Template)]
#[template(path = "account/forgot.html")]
pub(super) struct ForgotPage {
    p: Page,
    email: String,
    sent: bool,
    wait: bool,
}

pub async fn forgot_form(
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Html<String>, AppError> {
    let view = ForgotPage {
        p: Page::public(public_tr(&headers), &csrf, "/forgot"),
        email: String::new(),
        sent: false,
        wait: false,
    };
    Ok(Html(view.render()?))
}

#[derive(Deserialize)]
pub struct ForgotForm {
    email: String,
}

/// E-mails a reset link if the address belongs to someone; the answer is the same either
/// way, and takes about as long.
pub async fn forgot(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: ClientKey,
    Extension(csrf): Extension<CsrfToken>,
    Form(f): Form<ForgotForm>,
) -> Result<Response, AppError> {
    let tr = public_tr(&headers);
    let address = f.email.trim().to_lowercase();
    let limited = match state
        .rate_limits
        .check("forgot-client", &client.0, FORGOT_PER_CLIENT)
        .await
    {
        Ok(()) => {
            state
                .rate_limits
                .check("forgot-address", &address, FORGOT_PER_ADDRESS)
                .await
        }
        Err(e) => Err(e),
    };
    let view = |sent, wait| ForgotPage {
        p: Page::public(tr, &csrf, "/forgot"),
        email: f.email.clone(),
        sent,
        wait,
    };
    if let Err(too_many) = limited {
        let mut response = (
            StatusCode::TOO_MANY_REQUESTS,
            Html(view(false, true).render()?),
        )
            .into_response();
        if let Ok(v) = header::HeaderValue::from_str(&too_many.retry_after_secs.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return Ok(response);
    }
    let token = random_token();
    let user = match Email::parse(&f.email) {
        Ok(email) => {
            state
                .store
                .issue_password_reset(&email, &token_hash(&token), state.now() + RESET_SECONDS)
                .await?
        }
        Err(_) => None,
    };
    match user {
        Some(user) => {
            let link = format!("{}/invite/{token}", state.public_url(Some(&headers)));
            crate::outbox::queue(&state, user.workspace_id, &reset_mail(&user, &link)).await?;
        }
        // An unknown address costs the same hashing time as a known one would have saved.
        None => {
            let pw = f.email.clone();
            let _ = tokio::task::spawn_blocking(move || verify_dummy(&pw)).await;
        }
    }
    Ok(Html(view(true, false).render()?).into_response())
}

/// The owner makes a new password link for a member of staff: shown on the settings page to
/// pass on, and e-mailed when a mail server is set up.
pub async fn owner_reset(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    client: ClientKey,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let token = random_token();
    let who = state
        .store
        .issue_password_reset_for(
            user.workspace.id,
            UserId(id),
            &token_hash(&token),
            state.now() + OWNER_RESET_SECONDS,
        )
        .await?;
    Audit::by(&user, &client)
        .record(
            &state,
            audit_action::PASSWORD_RESET,
            ("user", Some(who.id.0)),
            "",
        )
        .await;
    let link = format!("{}/invite/{token}", state.public_url(Some(&headers)));
    crate::outbox::queue(&state, user.workspace.id, &reset_mail(&who, &link)).await?;
    super::settings::with_link(&state, user, csrf, who.name.to_string(), link).await
}

/// The owner removes a member of staff. The owner cannot remove themself, and a workspace
/// always keeps an owner.
#[derive(Deserialize)]
pub struct RemoveForm {
    confirm: Option<String>,
}

pub async fn remove(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    client: ClientKey,
    Path(id): Path<i64>,
    Form(f): Form<RemoveForm>,
) -> Result<Response, AppError> {
    let ws = user.workspace.id;
    // The box "yes, remove …" must be ticked: a stray click removes no one.
    if id == user.user.id.0 || f.confirm.as_deref() != Some("yes") {
        return Err(AppError::BadRequest);
    }
    let target = state.store.get_user(ws, UserId(id)).await?;
    if target.role == Role::Owner {
        let owners = state
            .store
            .list_users(ws)
            .await?
            .iter()
            .filter(|u| u.role == Role::Owner)
            .count();
        if owners <= 1 {
            return Err(AppError::BadRequest);
        }
    }
    state.store.remove_user(ws, UserId(id), state.now()).await?;
    Audit::by(&user, &client)
        .record(
            &state,
            audit_action::USER_REMOVE,
            ("user", Some(id)),
            &format!("role={}", target.role.code()),
        )
        .await;
    Ok(Redirect::to("/settings?done=user-removed").into_response())
}
