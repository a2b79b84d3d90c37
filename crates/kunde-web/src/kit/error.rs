//! Errors as the user sees them: a translated page with the right status. Internals are
//! logged with their source, never shown.
//!
//! A handler returns `Result<_, AppError>` and uses `?`: an [`AppError`] becomes a bare
//! response that carries the error, and the error layer ([`render_errors`], installed once in
//! the route table) renders it in the language of whoever asked — the signed-in user's, else
//! the visitor's. A handler that must choose the language itself (a survey page in the
//! respondent's language) returns a [`PageError`], which renders at once.

use crate::kit::i18n::Tr;
use crate::state::AppState;
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

/// The cause of an internal error, kept for the log.
pub type Source = Box<dyn std::error::Error + Send + Sync>;

/// What a handler can fail with.
#[derive(Debug)]
pub enum AppError {
    NotFound,
    Forbidden,
    BadRequest,
    Internal(Source),
}

impl AppError {
    /// An internal error with its cause (any error, or a message).
    pub fn internal(source: impl Into<Source>) -> Self {
        AppError::Internal(source.into())
    }

    fn status_and_key(&self) -> (StatusCode, &'static str) {
        match self {
            AppError::NotFound => (StatusCode::NOT_FOUND, "error-not-found"),
            AppError::Forbidden => (StatusCode::FORBIDDEN, "error-forbidden"),
            AppError::BadRequest => (StatusCode::BAD_REQUEST, "error-bad-request"),
            AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "error-internal"),
        }
    }

    /// Logs an internal error with its chain of causes.
    fn log(&self) {
        if let AppError::Internal(source) = self {
            let mut chain = source.to_string();
            let mut next = source.source();
            while let Some(cause) = next {
                chain.push_str(": ");
                chain.push_str(&cause.to_string());
                next = cause.source();
            }
            tracing::error!(error = %chain, "internal error");
        }
    }

    /// An error outside a page (a download): status and a short text.
    pub fn into_plain(self) -> (StatusCode, &'static str) {
        self.log();
        let (status, _) = self.status_and_key();
        let text = match self {
            AppError::NotFound => "not found",
            AppError::Forbidden => "forbidden",
            AppError::BadRequest => "bad request",
            AppError::Internal(_) => "internal error",
        };
        (status, text)
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::InvalidReference(_) | StoreError::Invalid(_) => AppError::BadRequest,
            other => AppError::Internal(Box::new(other)),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(Box::new(e))
    }
}

/// The marker an [`AppError`] response carries to the error layer.
#[derive(Clone, Copy)]
pub(crate) struct Unrendered(pub(crate) &'static str);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let (status, key) = self.status_and_key();
        let mut response = status.into_response();
        response.extensions_mut().insert(Unrendered(key));
        response
    }
}

/// An error together with the language to show it in; renders at once.
pub struct PageError(pub Tr, pub AppError);

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let PageError(tr, err) = self;
        err.log();
        let (status, key) = err.status_and_key();
        render_error(tr, status, key)
    }
}
