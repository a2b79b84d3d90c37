//! Drawing the answer page: one screen (or all questions) of a survey in the respondent's
//! language, the thank-you and message pages, and the widget's loader script.

use super::answer_ctx::*;
use super::form::{self, Fields, QView};
use crate::kit::error::render_error;
use crate::kit::i18n::Tr;
use askama::Template;
use axum::extract::{Path, Query};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use kunde_domain::*;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "surveys/answer.html")]
pub(super) struct AnswerPage {
    pub(super) tr: Tr,
    pub(super) lang: &'static str,
    pub(super) embed: bool,
    pub(super) title: String,
    pub(super) business: String,
    pub(super) action: String,
    pub(super) hidden: Vec<(String, String)>,
    pub(super) questions: Vec<QView>,
    pub(super) step: usize,
    pub(super) steps: usize,
    pub(super) optional: String,
    pub(super) expected_label: String,
    pub(super) experienced_label: String,
    pub(super) employee: bool,
    pub(super) team: String,
    pub(super) location: String,
    pub(super) has_errors: bool,
    /// Set when a limit refused the post: when to send again (the answers are kept).
    pub(super) wait: Option<String>,
    pub(super) languages: Vec<(String, &'static str, bool, &'static str)>,
}

impl AnswerPage {
    fn progress(&self) -> String {
        self.tr.t_args(
            "survey-progress",
            &[
                ("n", &(self.step + 1).to_string()),
                ("max", &self.steps.to_string()),
            ],
        )
    }

    fn last(&self) -> bool {
        self.step + 1 >= self.steps
    }
}

pub(super) fn render_screen(
    ctx: &Ctx,
    fields: &Fields,
    step: usize,
    errors: &std::collections::HashMap<QuestionId, AnswerError>,
    key: &str,
) -> Response {
    render(ctx, fields, step, errors, key, None)
}

/// The screen as it was posted, with everything typed, and when to send it again.
pub(super) fn render_screen_waiting(
    ctx: &Ctx,
    fields: &Fields,
    step: usize,
    key: &str,
    retry_after_secs: u64,
) -> Response {
    render(
        ctx,
        fields,
        step,
        &Default::default(),
        key,
        Some(retry_after_secs),
    )
}

fn render(
    ctx: &Ctx,
    fields: &Fields,
    step: usize,
    errors: &std::collections::HashMap<QuestionId, AnswerError>,
    key: &str,
    wait: Option<u64>,
) -> Response {
    let screens = ctx.screens();
    let step = step.min(screens.len() - 1);
    let range = screens[step].clone();
    let tr = ctx.tr;
    let fallback = ctx.survey.default_language;
    let mut hidden = vec![
        ("key".to_owned(), key.to_owned()),
        ("step".to_owned(), step.to_string()),
        ("lang".to_owned(), tr.lang().code().to_owned()),
    ];
    if let Entry::Public { channel } = ctx.entry {
        hidden.push(("src".to_owned(), channel.code().to_owned()));
    }
    let mut questions = Vec::new();
    for (i, q) in ctx.questions.iter().enumerate() {
        if range.contains(&i) {
            questions.push(form::view(
                q,
                tr,
                fallback,
                fields,
                errors.get(&q.id),
                i + 1,
            ));
        } else {
            hidden.extend(fields.hidden_for(q));
        }
    }
    let employee = ctx.survey.kind == SurveyKind::Employee;
    let last = step + 1 >= screens.len();
    if employee && !last {
        for name in ["team", "location"] {
            if let Some(v) = fields.one(name) {
                hidden.push((name.to_owned(), v.to_owned()));
            }
        }
    }
    let base = match &ctx.entry {
        Entry::Public { channel } if *channel == ResponseChannel::Widget => {
            format!("/s/{}/embed", ctx.survey.token)
        }
        Entry::Public { channel } => format!("/s/{}?src={}", ctx.survey.token, channel.code()),
        Entry::Personal { token, .. } => format!("/s/i/{token}"),
    };
    let sep = if base.contains('?') { '&' } else { '?' };
    let page = AnswerPage {
        tr,
        lang: tr.lang().code(),
        embed: ctx.embed(),
        title: ctx.survey.title.get(tr.lang(), fallback).to_owned(),
        business: ctx.business.clone(),
        action: ctx.action(),
        hidden,
        questions,
        step,
        steps: screens.len(),
        optional: tr.t("form-optional"),
        expected_label: tr.t("survey-expected"),
        experienced_label: tr.t("survey-experienced"),
        employee: employee && last,
        team: fields.one("team").unwrap_or_default().to_owned(),
        location: fields.one("location").unwrap_or_default().to_owned(),
        has_errors: !errors.is_empty(),
        wait: wait.map(|n| tr.t_args("survey-wait", &[("n", &n.to_string())])),
        languages: Language::ALL
            .iter()
            .map(|l| {
                (
                    format!("{base}{sep}lang={}", l.code()),
                    l.native_name(),
                    *l == tr.lang(),
                    l.code(),
                )
            })
            .collect(),
    };
    let status = if wait.is_some() {
        StatusCode::TOO_MANY_REQUESTS
    } else if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    match page.render() {
        Ok(html) => {
            let mut response = (status, no_store(), Html(html)).into_response();
            if let Some(n) = wait
                && let Ok(v) = header::HeaderValue::from_str(&n.to_string())
            {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
            response
        }
        Err(e) => {
            tracing::error!(error = %e, "answer page template");
            render_error(tr, StatusCode::INTERNAL_SERVER_ERROR, "error-internal")
        }
    }
}

/// Answer pages carry a respondent's answers in hidden fields: no cache may keep them.
pub(super) fn no_store() -> [(header::HeaderName, &'static str); 1] {
    [(header::CACHE_CONTROL, "no-store")]
}

#[derive(Template)]
#[template(path = "surveys/message.html")]
pub(super) struct MessagePage {
    pub(super) tr: Tr,
    pub(super) lang: &'static str,
    pub(super) embed: bool,
    pub(super) key: &'static str,
}

pub(super) fn message(tr: Tr, status: StatusCode, key: &'static str, embed: bool) -> Response {
    let page = MessagePage {
        tr,
        lang: tr.lang().code(),
        embed,
        key,
    };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => status.into_response(),
    }
}

#[derive(Deserialize)]
pub struct ThanksQuery {
    pub(super) lang: Option<String>,
    pub(super) embed: Option<String>,
}

pub async fn thanks(
    headers: HeaderMap,
    Path(_token): Path<String>,
    Query(q): Query<ThanksQuery>,
) -> Response {
    let tr = pick_language(q.lang.as_deref(), None, &headers);
    let embed = q.embed.is_some();
    let mut response = message(tr, StatusCode::OK, "survey-thanks", embed);
    if embed {
        allow_framing(&mut response);
    }
    response
}

/// The widget's loader (`assets/w.js`), served at a short, stable address for site owners.
pub async fn widget_js() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../assets/w.js"),
    )
        .into_response()
}
