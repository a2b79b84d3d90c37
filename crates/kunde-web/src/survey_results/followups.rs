//! Follow-ups: the list of open ones (overdue first standing out) and closed ones, and closing
//! one with what was done.

use crate::kit::error::AppError;
use crate::kit::extract::{Notice, Notices};
use crate::kit::{Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_domain::{Language, NonEmpty};
use kunde_store::{Followup, MAX_FOLLOWUP_ACTION, StoreError};
use serde::Deserialize;

/// The notices this page may show after a redirect (`?done=…`).
pub(super) struct FollowupNotices;

impl Notices for FollowupNotices {
    const KEYS: &'static [&'static str] = &["closed"];
}

pub struct FollowupView {
    pub f: Followup,
    /// What the customer wrote in the answer behind it.
    pub said: Vec<String>,
    pub survey: String,
    pub overdue: bool,
    pub due: String,
    pub created: String,
    pub closed: String,
    /// What became of each reply e-mail of the case the follow-up became: class and words.
    pub mail: Vec<(&'static str, String)>,
}

#[derive(Template)]
#[template(path = "survey_results/followups.html")]
struct ListPage {
    p: Page,
    open: Vec<FollowupView>,
    closed: Vec<FollowupView>,
    overdue: usize,
    /// The follow-up whose form had an error, and the message.
    error: Option<(i64, String)>,
    action: String,
}

impl ListPage {
    fn reason(&self, f: &Followup) -> String {
        reason_label(&self.p, f)
    }

    fn error_for(&self, id: &i64) -> String {
        match &self.error {
            Some((e, m)) if e == id => m.clone(),
            _ => String::new(),
        }
    }
}

/// Why the follow-up was opened ("Detractor", "Low CSAT"), in the page's language.
pub(crate) fn reason_label(p: &Page, f: &Followup) -> String {
    p.t(match f.reason.as_str() {
        "detractor" => "voc-reason-detractor",
        "low_review" => "reviews-reason-low",
        _ => "voc-reason-low-csat",
    })
}

async fn render(
    state: &AppState,
    p: Page,
    error: Option<(i64, String)>,
    action: String,
    status: StatusCode,
) -> Result<Response, AppError> {
    let user = p.user.clone().ok_or_else(|| AppError::Forbidden)?;
    let now = state.now();
    let all = state.store.list_followups(user.workspace.id, true).await?;
    let texts = state.store.followup_texts(user.workspace.id).await?;
    let case_mail = state.store.followup_case_mail(user.workspace.id).await?;
    let lang = p.tr.lang();
    let tr = p.tr;
    let (open, closed): (Vec<FollowupView>, Vec<FollowupView>) = all
        .into_iter()
        .map(|f| FollowupView {
            said: texts
                .iter()
                .filter(|(r, _)| Some(*r) == f.response_id)
                .map(|(_, t)| t.clone())
                .collect(),
            survey: f.survey_title().get(lang, Language::En).to_owned(),
            overdue: f.is_overdue(now),
            due: p.date(&f.due_at),
            created: p.datetime(&f.created_at),
            closed: f.closed_at.map(|at| p.datetime(&at)).unwrap_or_default(),
            mail: case_mail
                .iter()
                .filter(|(id, _)| *id == f.id)
                .map(|(_, m)| crate::outbox::mail_status(tr, m.state, m.last_error.as_deref()))
                .collect(),
            f,
        })
        .partition(|v| v.f.closed_at.is_none());
    let overdue = open.iter().filter(|v| v.overdue).count();
    let view = ListPage {
        p,
        open,
        closed,
        overdue,
        error,
        action,
    };
    let html = view.render()?;
    Ok((status, Html(html)).into_response())
}

pub async fn list(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    done: Notice<FollowupNotices>,
) -> Result<Response, AppError> {
    let mut p = Page::staff(&user, &csrf, "results", "/followups");
    if done.key() == Some("closed") {
        p.notice = Some(p.t("voc-followup-closed"));
    }
    render(&state, p, None, String::new(), StatusCode::OK).await
}

#[derive(Deserialize)]
pub struct CloseForm {
    #[serde(default)]
    action: String,
}

pub async fn close(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
    Form(form): Form<CloseForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "results", "/followups");
    let ws = user.workspace.id;
    // The follow-up must exist in this workspace before anything else is said about it.
    state.store.get_followup(ws, id).await?;
    let text = form.action.trim();
    let message = if text.chars().count() > MAX_FOLLOWUP_ACTION {
        Some(p.tr.t_args(
            "voc-action-too-long",
            &[("max", &MAX_FOLLOWUP_ACTION.to_string())],
        ))
    } else {
        match NonEmpty::parse("action", text) {
            Err(_) => Some(p.t("voc-action-required")),
            Ok(action) => match state
                .store
                .close_followup(ws, id, user.user.id, &action, state.now())
                .await
            {
                Ok(()) => return Ok(Redirect::to("/followups?done=closed").into_response()),
                Err(StoreError::Conflict(_)) => Some(p.t("voc-followup-already-closed")),
                Err(e) => return Err(e.into()),
            },
        }
    };
    let message = message.unwrap_or_default();
    render(
        &state,
        p,
        Some((id, message)),
        form.action,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}
