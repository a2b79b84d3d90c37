//! Inviting a colleague (issue 18, finding 10): the owner's invite form, withdrawing an
//! invitation, and the page its link opens.
//!
//! An invitation is not an account (`Store::send_staff_invitation`): the form answers every
//! address alike — "Invitation sent to …", the same e-mail queued, the same entry in the
//! pending list — whether the address is free, a colleague's or someone's at another business.
//! Only the holder of the mailbox, opening the link, learns that an address already has an
//! account; then nothing is made and the invitation stays as it was. The link is never shown
//! to the inviter, who could otherwise open it and learn the same. A reset link (made by
//! "forgot password" or by the owner) opens the same page and sets the password of the
//! existing account.

use super::settings::{InviteForm, respond, settings_page};
use crate::kit::audit::Audit;
use crate::kit::auth::{self, public_tr, start_session, token_hash};
use crate::kit::client::ClientKey;
use crate::kit::cookies::random_token;
use crate::kit::csrf::CsrfToken;
use crate::kit::error::AppError;
use crate::kit::ratelimit::Window;
use crate::kit::{FieldErrors, Page, Staff, Tr};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use kunde_domain::mail::Mail;
use kunde_domain::*;
use kunde_store::{Acceptance, StaffInvitation, audit_action};
use serde::Deserialize;

/// Invitations are valid for a week.
const INVITE_SECONDS: i64 = 7 * 24 * 3600;

/// Invitations per workspace: 10, one more every six minutes. Each one e-mails an address the
/// owner typed, so the limit keeps the form from sending mail in bulk.
const INVITES: Window = Window {
    capacity: 10,
    seconds: 3600.0,
};

/// The invitation e-mail, in the invited person's language; the same whatever the address.
fn invite_mail(invited: &NewUser, business: &str, inviter: &str, link: &str) -> Mail {
    let tr = Tr::new(invited.language);
    Mail {
        to: invited.email.as_str().to_owned(),
        to_name: Some(invited.name.to_string()),
        subject: tr.t_args("staff-invite-subject", &[("business", business)]),
        text: tr.t_args(
            "staff-invite-body",
            &[
                ("name", invited.name.as_str()),
                ("inviter", inviter),
                ("business", business),
                ("link", link),
            ],
        ),
        html: None,
        unsubscribe_url: None,
        reply_to: None,
    }
}

/// Records an invitation and e-mails its link; the page says "Invitation sent to …" for every
/// address.
pub async fn invite(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    client: ClientKey,
    headers: HeaderMap,
    Form(f): Form<InviteForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "settings", "/settings");
    let mut errors = FieldErrors::default();
    let bucket = user.workspace.id.0.to_string();
    if let Err(wait) = state.rate_limits.blocked("invite", &bucket, INVITES) {
        let minutes = wait.retry_after_secs.div_ceil(60).to_string();
        errors.add_message(
            "invite_email",
            p.tr.t_args("invite-throttled", &[("minutes", &minutes)]),
        );
        let view = settings_page(&state, p, &user, None, Some(f), errors, None).await?;
        let mut response = respond(view, StatusCode::TOO_MANY_REQUESTS)?;
        if let Ok(v) = header::HeaderValue::from_str(&wait.retry_after_secs.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return Ok(response);
    }
    let name = errors.check(
        p.tr,
        "invite_name",
        "col-name",
        NonEmpty::parse("name", &f.name),
    );
    let email = errors.check(p.tr, "invite_email", "col-email", Email::parse(&f.email));
    let role = errors.check(p.tr, "invite_role", "users-role", Role::parse(&f.role));
    let language = errors.check(
        p.tr,
        "invite_language",
        "lang-label",
        Language::parse(&f.language),
    );
    let (Some(name), Some(email), Some(role), Some(language)) = (name, email, role, language)
    else {
        let view = settings_page(&state, p, &user, None, Some(f), errors, None).await?;
        return respond(view, StatusCode::UNPROCESSABLE_ENTITY);
    };
    let invited = NewUser {
        name,
        email,
        role,
        language,
        password: None,
    };
    let token = random_token();
    let link = format!("{}/invite/{token}", state.public_url(Some(&headers)));
    let mail = invite_mail(&invited, &user.workspace.name, &user.user.name, &link);
    let invitation = crate::outbox::send_staff_invitation(
        &state,
        user.workspace.id,
        &invited,
        &token_hash(&token),
        state.now() + INVITE_SECONDS,
        user.user.id,
        &mail,
    )
    .await?;
    state.rate_limits.take("invite", &bucket, INVITES);
    Audit::by(&user, &client)
        .record(
            &state,
            audit_action::INVITE,
            ("invitation", Some(invitation.id)),
            &format!("role={}", role.code()),
        )
        .await;
    let mut view =
        settings_page(&state, p, &user, None, None, FieldErrors::default(), None).await?;
    view.invite_sent = Some(invited.email.as_str().to_owned());
    respond(view, StatusCode::OK)
}

/// Withdraws an invitation of the owner's workspace: its link stops working at once.
pub async fn withdraw(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    client: ClientKey,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    state
        .store
        .withdraw_staff_invitation(user.workspace.id, id)
        .await?;
    Audit::by(&user, &client)
        .record(
            &state,
            audit_action::INVITE_WITHDRAW,
            ("invitation", Some(id)),
            "",
        )
        .await;
    Ok(Redirect::to("/settings?done=invitation-withdrawn").into_response())
}

/// What a link opens.
enum Link {
    /// An invitation whose address is free: choose a password to make the account.
    Invitation(StaffInvitation),
    /// An invitation whose address already has an account: sign in with it instead.
    Taken(StaffInvitation),
    /// A new-password link of an existing account.
    Reset(User),
    /// Unknown, used, withdrawn or expired.
    Invalid,
}

async fn find_link(state: &AppState, token: &str) -> Result<Link, AppError> {
    let hash = token_hash(token);
    let now = state.now();
    if let Some((invitation, taken)) = state.store.find_staff_invitation(&hash, now).await? {
        return Ok(if taken {
            Link::Taken(invitation)
        } else {
            Link::Invitation(invitation)
        });
    }
    Ok(match state.store.find_invitation(&hash, now).await? {
        Some(user) => Link::Reset(user),
        None => Link::Invalid,
    })
}

#[derive(Template)]
#[template(path = "invite.html")]
struct InvitePage {
    p: Page,
    /// The address the password is for, when the link can set one.
    email: Option<String>,
    business: String,
    /// Why no account is made: the address already has one.
    taken: Option<String>,
    errors: FieldErrors,
}

async fn render(
    state: &AppState,
    p: Page,
    link: &Link,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let (email, workspace, status) = match link {
        Link::Invitation(i) | Link::Taken(i) => (
            Some(i.email.as_str().to_owned()),
            Some(i.workspace_id),
            StatusCode::OK,
        ),
        Link::Reset(u) => (
            Some(u.email.as_str().to_owned()),
            Some(u.workspace_id),
            StatusCode::OK,
        ),
        Link::Invalid => (None, None, StatusCode::NOT_FOUND),
    };
    let business = match workspace {
        Some(ws) => state.store.get_workspace(ws).await?.name,
        None => String::new(),
    };
    let taken = match link {
        Link::Taken(i) => Some(p.tr.t_args(
            "invite-taken",
            &[("email", i.email.as_str()), ("business", &business)],
        )),
        _ => None,
    };
    let status = match (link, errors.is_empty()) {
        (Link::Invalid | Link::Taken(_), _) | (_, true) => status,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let view = InvitePage {
        p,
        email: if taken.is_some() { None } else { email },
        business,
        taken,
        errors,
    };
    Ok((status, Html(view.render()?)).into_response())
}

pub async fn invite_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfToken>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let p = Page::public(public_tr(&headers), &csrf, "/invite");
    let link = find_link(&state, &token).await?;
    render(&state, p, &link, FieldErrors::default()).await
}

#[derive(Deserialize)]
pub struct AcceptForm {
    password: String,
}

/// Sets the password: makes the invited account when its address is free, or sets a new
/// password of an existing one. An address that already has an account gets the page saying
/// so, and no second account.
pub async fn invite_accept(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfToken>,
    Path(token): Path<String>,
    Form(f): Form<AcceptForm>,
) -> Result<Response, AppError> {
    let tr = public_tr(&headers);
    let p = Page::public(tr, &csrf, "/invite");
    let link = find_link(&state, &token).await?;
    if matches!(link, Link::Invalid | Link::Taken(_)) {
        return render(&state, p, &link, FieldErrors::default()).await;
    }
    let mut errors = FieldErrors::default();
    let password = errors.check(tr, "password", "password-new", Password::parse(&f.password));
    let Some(password) = password else {
        return render(&state, p, &link, errors).await;
    };
    // argon2 runs on the blocking pool, not on the async workers.
    let hash = tokio::task::spawn_blocking(move || auth::hash_password(&password))
        .await
        .map_err(AppError::internal)?;
    let user = match link {
        Link::Invitation(invitation) => {
            match state
                .store
                .accept_staff_invitation(&token_hash(&token), &hash, state.now())
                .await?
            {
                Acceptance::Joined(user) => user,
                Acceptance::Taken => {
                    let link = Link::Taken(invitation);
                    let mut response = render(&state, p, &link, FieldErrors::default()).await?;
                    *response.status_mut() = StatusCode::CONFLICT;
                    return Ok(response);
                }
                Acceptance::Gone => {
                    return render(&state, p, &Link::Invalid, FieldErrors::default()).await;
                }
            }
        }
        Link::Reset(user) => {
            state
                .store
                .set_password(user.workspace_id, user.id, &hash)
                .await?;
            user
        }
        other => return render(&state, p, &other, FieldErrors::default()).await,
    };
    let cookie = start_session(&state, &user).await?;
    let mut response = Redirect::to("/").into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(response)
}
