//! The error layer, installed once in the route table: it renders every
//! [`AppError`](crate::kit::error::AppError) a handler returned as the error page, in the language of whoever asked.

use crate::kit::auth::{current_user, public_tr};
use crate::kit::error::{Unrendered, render_error};
use crate::kit::i18n::Tr;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::Response;

/// The error layer: renders every `AppError` a handler returned as the error page, in the
/// language of the signed-in user, else the visitor's (their choice, else their browser's).
pub async fn render_errors(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    // Only the headers that choose the language are kept, and only cheaply.
    let mut headers = HeaderMap::new();
    for name in [header::COOKIE, header::ACCEPT_LANGUAGE] {
        for value in request.headers().get_all(&name) {
            headers.append(name.clone(), value.clone());
        }
    }
    let response = next.run(request).await;
    let Some(Unrendered(key)) = response.extensions().get::<Unrendered>().copied() else {
        return response;
    };
    let tr = match current_user(&state, &headers).await {
        Some(user) => Tr::new(user.user.language),
        None => public_tr(&headers),
    };
    render_error(tr, response.status(), key)
}
