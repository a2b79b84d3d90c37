//! The public unsubscribe page of campaign e-mails (`/u/{token}`), in the reader's language
//! and without signing in. The page asks first (a mail scanner that opens the link withdraws
//! nothing); a POST — the page's button, or a mail program's RFC 8058 one-click
//! `List-Unsubscribe=One-Click` — withdraws the customer's marketing consent, recorded in
//! `consent_changes`. The POST is exempt from the CSRF check (`kit::csrf`): the unguessable
//! token in the address is its proof, and the one-click request carries no form token.

use crate::kit::auth::token_hash;
use crate::kit::client::ClientKey;
use crate::kit::error::{AppError, render_error};
use crate::kit::{CsrfToken, Page, Tr};
use crate::state::AppState;
use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use kunde_domain::Language;

/// Unsubscribe requests one client may make a minute.
const PER_MINUTE: u32 = 30;

#[derive(Template)]
#[template(path = "campaigns/unsubscribe.html")]
struct UnsubscribePage {
    p: Page,
    token: String,
    known: bool,
    done: bool,
}

/// Tokens are 64 hex characters; anything else is not looked up.
pub(super) fn plausible(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

async fn page(
    state: &AppState,
    csrf: &CsrfToken,
    client: &ClientKey,
    token: String,
    act: bool,
) -> Result<Response, AppError> {
    if state
        .rate_limits
        .check("campaign-unsubscribe", &client.0, PER_MINUTE)
        .await
        .is_err()
    {
        return Ok(render_error(
            Tr::new(Language::En),
            StatusCode::TOO_MANY_REQUESTS,
            "error-rate-limited",
        ));
    }
    let hash = token_hash(&token);
    let found = if plausible(&token) {
        state.store.campaign_token(&hash).await?
    } else {
        None
    };
    let lang = found.map(|(_, l)| l).unwrap_or(Language::En);
    let done = act && found.is_some() && {
        state
            .store
            .campaign_unsubscribe(&hash, state.now())
            .await?
            .is_some()
    };
    let view = UnsubscribePage {
        p: Page::public(Tr::new(lang), csrf, "/"),
        known: found.is_some(),
        token,
        done,
    };
    let status = if view.known {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    Ok((status, Html(view.render()?)).into_response())
}

pub async fn form(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    client: ClientKey,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    page(&state, &csrf, &client, token, false).await
}

pub async fn unsubscribe(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    client: ClientKey,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    page(&state, &csrf, &client, token, true).await
}
