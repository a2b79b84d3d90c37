//! Protection against cross-site request forgery, for every form: a random token lives in a
//! `SameSite=Lax`, `HttpOnly` cookie, every page embeds it in its forms, and every
//! state-changing request must send it back (form field `csrf` or header `x-csrf-token`).
//! A forged request from another site cannot read the cookie, so it cannot send the token.
//! The JSON API under `/api/` authenticates with API keys instead and is exempt.

use crate::kit::cookies::{cookie, random_token};
use crate::kit::error::error_page;
use crate::state::AppState;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use subtle::ConstantTimeEq;

pub const COOKIE: &str = "kunde_csrf";
/// Forms are small; anything larger is refused before it is buffered.
const FORM_LIMIT: usize = 2 * 1024 * 1024;
/// File uploads (CSV imports) are multipart forms and may be larger.
pub const UPLOAD_LIMIT: usize = 32 * 1024 * 1024;

/// The request's token, for templates to put into their forms.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

fn well_formed(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The `csrf` field of a multipart form (upload forms put it before the file).
async fn multipart_token(content_type: &str, bytes: axum::body::Bytes) -> Option<String> {
    use axum::extract::{FromRequest, Multipart};
    // The token comes first in Kunde's upload forms; parsing only the start keeps a large
    // file out of the parser (and under the extractor's default size limit).
    let head = bytes.slice(..bytes.len().min(64 * 1024));
    let mut request = Request::new(Body::from(head));
    request.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(content_type).ok()?,
    );
    let mut form = Multipart::from_request(request, &()).await.ok()?;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("csrf") {
            return field.text().await.ok();
        }
    }
    None
}

/// The survey answer pages (`/s/…`) and the widget loader: public, without a session, shown
/// inside other sites' frames (where a `SameSite=Lax` cookie is not sent). A forged answer
/// there could only do what its sender can do directly; personal links carry their own
/// unguessable token, and double submits are caught by the form's submission key.
fn survey_page(path: &str) -> bool {
    path.starts_with("/s/") || path == "/w.js"
}

/// A campaign e-mail's unsubscribe address takes the RFC 8058 one-click POST, which carries
/// no form token; the unguessable token in the address is its proof.
fn unsubscribe_link(path: &str) -> bool {
    path.starts_with("/u/")
}

fn exempt(path: &str) -> bool {
    path.starts_with("/api/") || survey_page(path) || unsubscribe_link(path)
}

pub async fn protect(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let existing = cookie(request.headers(), COOKIE).filter(|t| well_formed(t));
    let fresh = existing.is_none();
    let token = existing.unwrap_or_else(random_token);

    let unsafe_method = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let mut request = if unsafe_method && !exempt(request.uri().path()) {
        let header_token = request
            .headers()
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let is_form = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
        let content_type = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
            .unwrap_or_default();
        let is_multipart = content_type.starts_with("multipart/form-data");
        let limit = if is_multipart {
            UPLOAD_LIMIT
        } else {
            FORM_LIMIT
        };
        let (parts, body) = request.into_parts();
        let Ok(bytes) = to_bytes(body, limit).await else {
            return StatusCode::PAYLOAD_TOO_LARGE.into_response();
        };
        let form_token = if is_form {
            serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
                .ok()
                .and_then(|fields| {
                    fields
                        .into_iter()
                        .find(|(k, _)| k == "csrf")
                        .map(|(_, v)| v)
                })
        } else if is_multipart {
            multipart_token(&content_type, bytes.clone()).await
        } else {
            None
        };
        let submitted = header_token.or(form_token).unwrap_or_default();
        let matches = !fresh && bool::from(submitted.as_bytes().ct_eq(token.as_bytes()));
        if !matches {
            tracing::info!(path = %parts.uri.path(), "refused a request without a valid csrf token");
            let tr = crate::kit::auth::public_tr(&parts.headers);
            return error_page(&state, tr, StatusCode::FORBIDDEN, "error-csrf").await;
        }
        Request::from_parts(parts, Body::from(bytes))
    } else {
        request
    };

    request.extensions_mut().insert(CsrfToken(token.clone()));
    // The API and the snippet set no cookie: they are used from other sites and programs,
    // and a cookie there would be a third-party cookie.
    let cookieless = {
        let path = request.uri().path();
        path.starts_with("/api/") || path == "/t.js" || survey_page(path)
    };
    let mut response = next.run(request).await;
    if fresh && !cookieless {
        let secure = if state.config.secure_cookies {
            "; Secure"
        } else {
            ""
        };
        let value = format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax{secure}");
        if let Ok(v) = HeaderValue::from_str(&value) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    response
}
