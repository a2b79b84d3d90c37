//! Signing in to the portal by e-mail link and signing out.
//!
//! `/portal/{site}` asks for an e-mail and answers the same whether or not it belongs to a
//! customer of the business (rate-limited per client and per address); a known customer gets
//! a link valid 15 minutes, usable once, revoked by a newer one. Opening the link shows a
//! button: only its POST signs in, so a mail scanner that opens links cannot use it up.

use super::journey::{Action, record};
use super::session::{
    LINK_SECONDS, PortalCustomer, PortalNotices, PortalPage, PortalSite, SESSION_SECONDS,
    clear_cookie, public_url, session_cookie,
};
use crate::kit::auth::token_hash;
use crate::kit::client::ClientKey;
use crate::kit::cookies::random_token;
use crate::kit::error::{AppError, render_error};
use crate::kit::i18n::Tr;
use crate::kit::{FieldErrors, Notice};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_domain::Email;
use kunde_domain::mail::Mail;
use serde::Deserialize;

/// Link requests one client may make a minute.
const REQUESTS_PER_MINUTE: u32 = 10;
/// Links one e-mail address may be sent a minute (per business); more are silently dropped,
/// so the answer still does not reveal whether the address is known.
const LINKS_PER_ADDRESS: u32 = 3;
/// Link uses one client may try a minute.
const USES_PER_MINUTE: u32 = 20;

#[derive(Template)]
#[template(path = "portal/signin.html")]
struct SigninPage {
    pp: PortalPage,
    email: String,
    errors: FieldErrors,
    sent: bool,
}

#[derive(Template)]
#[template(path = "portal/link.html")]
struct LinkPage {
    pp: PortalPage,
    token: String,
    usable: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EmailForm {
    email: String,
}

fn html(view: impl Template, status: StatusCode) -> Result<Response, AppError> {
    Ok((status, Html(view.render()?)).into_response())
}

pub async fn form(site: PortalSite, done: Notice<PortalNotices>) -> Result<Response, AppError> {
    let mut pp = site.page(&format!("/portal/{}", site.site));
    pp.p = pp.p.with_notice(done.key());
    html(
        SigninPage {
            pp,
            email: String::new(),
            errors: FieldErrors::default(),
            sent: false,
        },
        StatusCode::OK,
    )
}

/// An e-mail carrying one link from the business to `to`, worded by the messages
/// `{keys}-mail-subject`, `{keys}-mail-intro` (both with `$business`) and `{keys}-mail-note`:
/// the portal's sign-in link (`portal`) and the newsletter sign-up's confirmation (`join`).
pub fn link_mail(tr: Tr, keys: &str, business: &str, to: &Email, name: &str, url: &str) -> Mail {
    Mail {
        to: to.as_str().to_owned(),
        to_name: Some(name.to_owned()),
        subject: tr.t_args(&format!("{keys}-mail-subject"), &[("business", business)]),
        text: format!(
            "{}\n\n{url}\n\n{}\n",
            tr.t_args(&format!("{keys}-mail-intro"), &[("business", business)]),
            tr.t(&format!("{keys}-mail-note"))
        ),
        html: None,
        unsubscribe_url: None,
        reply_to: None,
    }
}

pub async fn request(
    State(state): State<AppState>,
    site: PortalSite,
    headers: HeaderMap,
    client: ClientKey,
    Form(f): Form<EmailForm>,
) -> Result<Response, AppError> {
    let tr = site.tr;
    if state
        .rate_limits
        .check("portal-link", &client.0, REQUESTS_PER_MINUTE)
        .await
        .is_err()
    {
        return Ok(render_error(
            tr,
            StatusCode::TOO_MANY_REQUESTS,
            "error-rate-limited",
        ));
    }
    let pp = site.page(&format!("/portal/{}", site.site));
    let Ok(email) = Email::parse(&f.email) else {
        let mut errors = FieldErrors::default();
        errors.add_message("email", tr.t("portal-error-email"));
        return html(
            SigninPage {
                pp,
                email: f.email,
                errors,
                sent: false,
            },
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    };
    let ws = site.workspace.id;
    let per_address = format!("{}:{}", ws.0, email.as_str());
    let allowed = state
        .rate_limits
        .check("portal-link-address", &per_address, LINKS_PER_ADDRESS)
        .await
        .is_ok();
    if allowed && let Some(customer) = state.store.customer_by_email(ws, &email).await? {
        let base = public_url(&state, &headers);
        let ctr = Tr::new(customer.language);
        let business = site.workspace.name.clone();
        let name = customer.name.clone();
        let slug = site.site.clone();
        crate::outbox::send_portal_link(
            &state,
            ws,
            customer.id,
            state.now() + LINK_SECONDS,
            |token| {
                let url = format!("{base}/portal/{slug}/link/{token}");
                link_mail(ctr, "portal", &business, &email, &name, &url)
            },
        )
        .await?;
    }
    html(
        SigninPage {
            pp,
            email: String::new(),
            errors: FieldErrors::default(),
            sent: true,
        },
        StatusCode::OK,
    )
}

/// Tokens are 64 hex characters; anything else is not looked up.
fn plausible(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

pub async fn link(
    State(state): State<AppState>,
    site: PortalSite,
    Path((_, token)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let usable = plausible(&token)
        && state
            .store
            .portal_link_usable(site.workspace.id, &token_hash(&token), state.now())
            .await?;
    let pp = site.page(&format!("/portal/{}", site.site));
    let status = if usable {
        StatusCode::OK
    } else {
        StatusCode::GONE
    };
    // The token does not leak to other sites: the security layer's Referrer-Policy is
    // same-origin, and the page's own meta tag says no-referrer.
    html(LinkPage { pp, token, usable }, status)
}

pub async fn use_link(
    State(state): State<AppState>,
    site: PortalSite,
    client: ClientKey,
    Path((_, token)): Path<(String, String)>,
) -> Result<Response, AppError> {
    if state
        .rate_limits
        .check("portal-use", &client.0, USES_PER_MINUTE)
        .await
        .is_err()
    {
        return Ok(render_error(
            site.tr,
            StatusCode::TOO_MANY_REQUESTS,
            "error-rate-limited",
        ));
    }
    let ws = site.workspace.id;
    let session = random_token();
    let now = state.now();
    let customer = if plausible(&token) {
        state
            .store
            .use_portal_link(
                ws,
                &token_hash(&token),
                &token_hash(&session),
                now,
                now + SESSION_SECONDS,
            )
            .await?
    } else {
        None
    };
    let Some(customer) = customer else {
        let pp = site.page(&format!("/portal/{}", site.site));
        return html(
            LinkPage {
                pp,
                token: String::new(),
                usable: false,
            },
            StatusCode::GONE,
        );
    };
    record(&state, ws, customer, Action::SignedIn).await;
    let mut response = Redirect::to(&format!("/portal/{}/home", site.site)).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        session_cookie(&state, &site.site, &session),
    );
    Ok(response)
}

pub async fn sign_out(
    State(state): State<AppState>,
    who: PortalCustomer,
) -> Result<Response, AppError> {
    state
        .store
        .end_portal_session(who.ws(), &who.session)
        .await?;
    let mut response =
        Redirect::to(&format!("{}?done=portal-signed-out", who.base())).into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, clear_cookie(&state, &who.site.site));
    Ok(response)
}
