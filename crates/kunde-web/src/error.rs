//! Errors as the user sees them: a translated page with the right status. Internals are
//! logged, never shown.

use crate::AppState;
use crate::i18n::Tr;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use kunde_store::StoreError;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    tr: Tr,
    title: String,
    message: String,
}

/// Renders the error page for `message_key` in the language of `tr`.
pub async fn error_page(
    _state: &AppState,
    tr: Tr,
    status: StatusCode,
    message_key: &str,
) -> Response {
    render_error(tr, status, message_key)
}

pub fn render_error(tr: Tr, status: StatusCode, message_key: &str) -> Response {
    let page = ErrorPage {
        tr,
        title: tr.t("error-title"),
        message: tr.t(message_key),
    };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => status.into_response(),
    }
}

/// What a handler can fail with.
#[derive(Debug)]
pub enum AppError {
    NotFound,
    Forbidden,
    BadRequest,
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::InvalidReference(_) | StoreError::Invalid(_) => AppError::BadRequest,
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(format!("template: {e}"))
    }
}

/// An error together with the language to show it in.
pub struct PageError(pub Tr, pub AppError);

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let PageError(tr, err) = self;
        match err {
            AppError::NotFound => render_error(tr, StatusCode::NOT_FOUND, "error-not-found"),
            AppError::Forbidden => render_error(tr, StatusCode::FORBIDDEN, "error-forbidden"),
            AppError::BadRequest => render_error(tr, StatusCode::BAD_REQUEST, "error-bad-request"),
            AppError::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                render_error(tr, StatusCode::INTERNAL_SERVER_ERROR, "error-internal")
            }
        }
    }
}
