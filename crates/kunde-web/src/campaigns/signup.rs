//! The newsletter sign-up form and its double opt-in (see the module above).

use crate::kit::FieldErrors;
use crate::kit::auth::token_hash;
use crate::kit::client::ClientKey;
use crate::kit::error::{AppError, render_error};
use crate::portal::{PortalPage, PortalSite, link_mail, public_url};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use kunde_domain::{Email, NonEmpty};
use kunde_store::NewSignup;
use serde::Deserialize;

/// A confirmation link works this long.
pub const LINK_SECONDS: i64 = 7 * 86_400;
/// Sign-ups one client may send a minute.
const REQUESTS_PER_MINUTE: u32 = 10;
/// Confirmation e-mails one address may be sent a minute (per business); more are silently
/// dropped, so the form's answer stays the same.
const MAILS_PER_ADDRESS: u32 = 3;
/// Confirmations one client may try a minute.
const USES_PER_MINUTE: u32 = 20;

#[derive(Template)]
#[template(path = "campaigns/join.html")]
struct JoinPage {
    pp: PortalPage,
    name: String,
    email: String,
    consent: bool,
    errors: FieldErrors,
    sent: bool,
}

#[derive(Template)]
#[template(path = "campaigns/join_confirm.html")]
struct ConfirmPage {
    pp: PortalPage,
    token: String,
    usable: bool,
    done: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct JoinForm {
    name: String,
    email: String,
    consent: Option<String>,
}

fn html(view: impl Template, status: StatusCode) -> Result<Response, AppError> {
    Ok((status, Html(view.render()?)).into_response())
}

fn join_path(site: &PortalSite) -> String {
    format!("/portal/{}/join", site.site)
}

pub async fn form(site: PortalSite) -> Result<Response, AppError> {
    let view = JoinPage {
        pp: site.page(&join_path(&site)),
        name: String::new(),
        email: String::new(),
        consent: false,
        errors: FieldErrors::default(),
        sent: false,
    };
    html(view, StatusCode::OK)
}

pub async fn request(
    State(state): State<AppState>,
    site: PortalSite,
    headers: HeaderMap,
    client: ClientKey,
    Form(f): Form<JoinForm>,
) -> Result<Response, AppError> {
    let tr = site.tr;
    if state
        .rate_limits
        .check("signup", &client.0, REQUESTS_PER_MINUTE)
        .await
        .is_err()
    {
        return Ok(render_error(
            tr,
            StatusCode::TOO_MANY_REQUESTS,
            "error-rate-limited",
        ));
    }
    let pp = site.page(&join_path(&site));
    let mut errors = FieldErrors::default();
    let name = NonEmpty::parse("name", &f.name)
        .ok()
        .filter(|n| n.as_str().chars().count() <= 200);
    if name.is_none() {
        errors.add_message("name", tr.t("join-error-name"));
    }
    let email = Email::parse(&f.email).ok();
    if email.is_none() {
        errors.add_message("email", tr.t("portal-error-email"));
    }
    let consent = f.consent.is_some();
    if !consent {
        errors.add_message("consent", tr.t("join-error-consent"));
    }
    let (Some(name), Some(email), true) = (name, email, consent) else {
        // Refused: what was typed stays in the form.
        let view = JoinPage {
            pp,
            name: f.name,
            email: f.email,
            consent,
            errors,
            sent: false,
        };
        return html(view, StatusCode::UNPROCESSABLE_ENTITY);
    };
    let ws = site.workspace.id;
    let per_address = format!("{}:{}", ws.0, email.as_str());
    if state
        .rate_limits
        .check("signup-address", &per_address, MAILS_PER_ADDRESS)
        .await
        .is_ok()
    {
        let base = public_url(&state, &headers);
        let url_base = format!("{base}/portal/{}/join", site.site);
        let business = site.workspace.name.clone();
        let signup = NewSignup {
            name: name.clone(),
            email: email.clone(),
            language: tr.lang(),
        };
        let now = state.now();
        crate::outbox::request_signup(&state, ws, &signup, now + LINK_SECONDS, |token| {
            // The link opens the confirmation in the language the form was filled in.
            let url = format!("{url_base}/{token}?lang={}", tr.lang().code());
            link_mail(tr, "join", &business, &email, name.as_str(), &url)
        })
        .await?;
    }
    let view = JoinPage {
        pp,
        name: String::new(),
        email: String::new(),
        consent: false,
        errors: FieldErrors::default(),
        sent: true,
    };
    html(view, StatusCode::OK)
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
            .signup_usable(site.workspace.id, &token_hash(&token), state.now())
            .await?;
    let status = if usable {
        StatusCode::OK
    } else {
        StatusCode::GONE
    };
    let view = ConfirmPage {
        pp: site.page(&join_path(&site)),
        token,
        usable,
        done: false,
    };
    html(view, status)
}

pub async fn confirm(
    State(state): State<AppState>,
    site: PortalSite,
    client: ClientKey,
    Path((_, token)): Path<(String, String)>,
) -> Result<Response, AppError> {
    if state
        .rate_limits
        .check("signup-use", &client.0, USES_PER_MINUTE)
        .await
        .is_err()
    {
        return Ok(render_error(
            site.tr,
            StatusCode::TOO_MANY_REQUESTS,
            "error-rate-limited",
        ));
    }
    let confirmed = if plausible(&token) {
        state
            .store
            .confirm_signup(site.workspace.id, &token_hash(&token), state.now())
            .await?
    } else {
        None
    };
    let done = confirmed.is_some();
    let view = ConfirmPage {
        pp: site.page(&join_path(&site)),
        token: String::new(),
        usable: false,
        done,
    };
    html(
        view,
        if done {
            StatusCode::OK
        } else {
            StatusCode::GONE
        },
    )
}
