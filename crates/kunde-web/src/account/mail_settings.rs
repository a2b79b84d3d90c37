//! The owner's e-mail settings: the business's SMTP server, a "send a test e-mail" button that
//! sends through the real server and says what happened, and the latest messages of the outbox
//! with their state, so a failing invitation or escalation is visible.

use crate::kit::error::AppError;
use crate::kit::extract::{Notice, Notices};
use crate::kit::{FieldErrors, Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use kunde_domain::mail::{Mail, Security, SmtpSettings};
use kunde_domain::{Email, ValidationError};
use kunde_store::{QueuedMail, SessionUser};
use serde::Deserialize;

/// The notices this page may show after a redirect (`?done=…`).
pub(super) struct MailSettingsNotices;

impl Notices for MailSettingsNotices {
    const KEYS: &'static [&'static str] = &["settings-saved"];
}

pub fn owner_routes() -> Router<AppState> {
    Router::new()
        .route("/settings/email", get(page).post(save))
        .route("/settings/email/test", post(send_test))
}

#[derive(Template)]
#[template(path = "settings_email.html")]
struct EmailPage {
    p: Page,
    f: SmtpForm,
    has_password: bool,
    errors: FieldErrors,
    test_to: String,
    /// The outcome of a test just sent: (succeeded, message).
    test_result: Option<(bool, String)>,
    recent: Vec<QueuedMail>,
}

impl EmailPage {
    fn securities(&self) -> [Security; 3] {
        Security::ALL
    }

    fn security_label(&self, s: &Security) -> String {
        self.p.t(&format!("mail-security-{}", s.code()))
    }

    fn error_label(&self, e: &str) -> String {
        crate::outbox::describe_error(self.p.tr, e)
    }
    fn state_label(&self, m: &QueuedMail) -> String {
        self.p.t(&format!("mail-state-{}", m.state().code()))
    }
}

#[derive(Deserialize, Default)]
pub struct SmtpForm {
    host: String,
    port: String,
    security: String,
    username: String,
    password: String,
    from_address: String,
    from_name: String,
}

#[derive(Deserialize)]
pub struct TestForm {
    to: String,
}

fn form_of(s: Option<&SmtpSettings>, business: &str) -> SmtpForm {
    match s {
        Some(s) => SmtpForm {
            host: s.host.clone(),
            port: s.port.to_string(),
            security: s.security.code().into(),
            username: s.username.clone().unwrap_or_default(),
            password: String::new(),
            from_address: s.from_address.clone(),
            from_name: s.from_name.clone(),
        },
        None => SmtpForm {
            port: "587".into(),
            security: Security::StartTls.code().into(),
            from_name: business.to_owned(),
            ..SmtpForm::default()
        },
    }
}

async fn view(
    state: &AppState,
    p: Page,
    user: &SessionUser,
    f: Option<SmtpForm>,
    errors: FieldErrors,
    test_result: Option<(bool, String)>,
) -> Result<EmailPage, AppError> {
    let ws = user.workspace.id;
    let saved = state.store.smtp_settings(ws).await?;
    let recent = state.store.recent_mail(ws, 20).await?;
    Ok(EmailPage {
        f: f.unwrap_or_else(|| form_of(saved.as_ref(), &user.workspace.name)),
        has_password: saved.as_ref().is_some_and(|s| s.password.is_some()),
        errors,
        test_to: user.user.email.as_str().to_owned(),
        test_result,
        recent,
        p,
    })
}

fn respond(v: EmailPage, status: StatusCode) -> Result<Response, AppError> {
    let html = v.render()?;
    Ok((status, Html(html)).into_response())
}

pub async fn page(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    done: Notice<MailSettingsNotices>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "settings", "/settings/email").with_notice(done.key());
    respond(
        view(&state, p, &user, None, FieldErrors::default(), None).await?,
        StatusCode::OK,
    )
}

pub async fn save(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    client: crate::kit::client::ClientKey,
    Form(f): Form<SmtpForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "settings", "/settings/email");
    let ws = user.workspace.id;
    let mut errors = FieldErrors::default();
    let port = f.port.trim().parse::<u16>().ok().filter(|p| *p > 0);
    if port.is_none() {
        errors.add(
            p.tr,
            "port",
            "mail-port",
            &ValidationError::Invalid("mail-error-port"),
        );
    }
    let security = Security::parse(&f.security).unwrap_or_default();
    let previous = state.store.smtp_settings(ws).await?;
    let username = Some(f.username.trim().to_owned()).filter(|u| !u.is_empty());
    // An empty password field keeps the saved password (it is never sent back to the page);
    // clearing the user name clears both.
    let password = match (&username, f.password.is_empty()) {
        (None, _) => None,
        (Some(_), false) => Some(f.password.clone()),
        (Some(_), true) => previous.and_then(|s| s.password),
    };
    let settings = SmtpSettings {
        host: f.host.trim().to_owned(),
        port: port.unwrap_or(0),
        security,
        username,
        password,
        from_address: f.from_address.trim().to_owned(),
        from_name: f.from_name.trim().to_owned(),
    };
    if port.is_some()
        && let Err(e) = settings.validate()
    {
        let (field, label) = match e {
            ValidationError::Invalid("mail-error-host") => ("host", "mail-host"),
            _ => ("from_address", "mail-from-address"),
        };
        errors.add(p.tr, field, label, &e);
    }
    if !errors.is_empty() {
        let v = view(&state, p, &user, Some(f), errors, None).await?;
        return respond(v, StatusCode::UNPROCESSABLE_ENTITY);
    }
    state
        .store
        .save_smtp_settings(ws, &settings, state.now())
        .await?;
    crate::kit::audit::Audit::by(&user, &client)
        .record(
            &state,
            kunde_store::audit_action::SETTINGS_CHANGE,
            ("smtp", None),
            &format!("host={} port={}", settings.host, settings.port),
        )
        .await;
    Ok(Redirect::to("/settings/email?done=settings-saved").into_response())
}

/// Queues a test message, delivers the outbox at once and reports what the server said.
pub async fn send_test(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Form(f): Form<TestForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "settings", "/settings/email");
    let ws = user.workspace.id;
    let to = match Email::parse(&f.to) {
        Ok(to) => to,
        Err(e) => {
            let mut errors = FieldErrors::default();
            errors.add(p.tr, "to", "mail-test-to", &e);
            let v = view(&state, p, &user, None, errors, None).await?;
            return respond(v, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let mail = Mail {
        to: to.as_str().to_owned(),
        to_name: None,
        subject: p.named("mail-test-subject", &user.workspace.name),
        text: p.named("mail-test-body", &user.workspace.name),
        ..Mail::default()
    };
    let id = crate::outbox::queue(&state, ws, &mail).await?;
    crate::outbox::deliver_due(&state).await?;
    let sent = state.store.queued_mail(ws, id).await?;
    let result = match (sent.sent_at, &sent.last_error) {
        (Some(_), _) => (true, p.named("mail-test-sent", to.as_str())),
        (None, Some(error)) => (
            false,
            p.named(
                "mail-test-failed",
                &crate::outbox::describe_error(p.tr, error),
            ),
        ),
        (None, None) => (false, p.named("mail-test-failed", "")),
    };
    let v = view(&state, p, &user, None, FieldErrors::default(), Some(result)).await?;
    respond(v, StatusCode::OK)
}
