//! Personal survey invitations by e-mail: the owner picks customers (or every customer the
//! rules allow), each gets a unique link `/s/i/{token}` through the outbox, in their own
//! language; one reminder follows after the survey's `reminder_days` if unanswered
//! ([`run_due`], called from `jobs::tick`); every mail carries an unsubscribe link (also as
//! `List-Unsubscribe`) that works without signing in and stops further invitations.
//!
//! Who is invited or reminded is decided by the pure `kunde_domain::survey_schedule`.

use crate::kit::Page;
use crate::kit::Staff;
use crate::kit::client::ClientKey;
use crate::kit::csrf::CsrfToken;
use crate::kit::error::AppError;
use crate::kit::error::PageError;
use crate::kit::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_domain::mail::Mail;
use kunde_domain::survey_schedule::{
    InvitationPlan, ScheduleRules, SkipReason, due_reminders, plan_invitations,
};
use kunde_domain::{
    CustomerId, InvitationId, Language, Survey, SurveyId, SurveyKind, SurveyStatus, WorkspaceId,
};
use kunde_store::InviteeRow;
use serde::Deserialize;

fn rules(s: &Survey) -> ScheduleRules {
    ScheduleRules {
        fatigue_days: u32::try_from(s.fatigue_days).unwrap_or(0),
        reminder_days: u32::try_from(s.reminder_days).unwrap_or(0),
    }
}

/// An invitation already sent, with what became of its e-mail and its reminder's.
pub struct SentView {
    pub customer_id: i64,
    pub name: String,
    pub at: String,
    pub answered: bool,
    /// The class (`sent`, `queued`, `failed`) and words of each message; empty words for a
    /// message not recorded (older invitations) or not sent (no reminder yet).
    pub invitation: (&'static str, String),
    pub reminder: (&'static str, String),
}

/// How many sent invitations the page lists, newest first.
const SENT_SHOWN: i64 = 200;

pub struct InviteeView {
    pub id: i64,
    pub name: String,
    pub email: String,
    /// Empty when the customer may be invited now, else why not (translated).
    pub blocked: String,
}

#[derive(Template)]
#[template(path = "survey_results/invite.html")]
struct InvitePage {
    p: Page,
    survey_id: i64,
    title: String,
    problem: String,
    eligible: usize,
    invitees: Vec<InviteeView>,
    fatigue_days: i64,
    reminder_days: i64,
    no_smtp: bool,
    sent: Vec<SentView>,
}

impl InvitePage {
    fn intro(&self) -> String {
        self.p.tr.t_args(
            "voc-invite-intro",
            &[
                ("fatigue", &self.fatigue_days.to_string()),
                ("reminder", &self.reminder_days.to_string()),
            ],
        )
    }
}

fn skip_message(tr: Tr, reason: SkipReason) -> String {
    match reason {
        SkipReason::Fatigue { until } => tr.t_args(
            "voc-skip-fatigue",
            &[("date", &crate::kit::format_date(until))],
        ),
        other => tr.t(&format!("voc-skip-{}", other.code())),
    }
}

/// Why the survey cannot be sent now (a message key), if it cannot.
async fn survey_problem(
    state: &AppState,
    ws: WorkspaceId,
    s: &Survey,
) -> Result<Option<&'static str>, AppError> {
    if s.kind != SurveyKind::Customer {
        return Ok(Some("voc-invite-employee"));
    }
    if s.status != SurveyStatus::Live {
        return Ok(Some("voc-invite-not-live"));
    }
    if state.store.smtp_settings(ws).await?.is_none() {
        return Ok(Some("voc-invite-no-smtp"));
    }
    Ok(None)
}

async fn plan(
    state: &AppState,
    ws: WorkspaceId,
    s: &Survey,
    only: Option<&[CustomerId]>,
) -> Result<(Vec<InviteeRow>, InvitationPlan), AppError> {
    let invitees = state.store.invitees(ws, only).await?;
    let invited: Vec<CustomerId> = state
        .store
        .list_invitations(ws, s.id)
        .await?
        .iter()
        .map(|i| i.customer_id)
        .collect();
    let recipients: Vec<_> = invitees.iter().map(InviteeRow::recipient).collect();
    let plan = plan_invitations(&recipients, &invited, rules(s), state.now());
    Ok((invitees, plan))
}

#[derive(Deserialize)]
pub struct Done {
    sent: Option<usize>,
    skipped: Option<usize>,
}

pub async fn form(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
    Query(done): Query<Done>,
) -> Result<Html<String>, AppError> {
    let mut p = Page::staff(&user, &csrf, "results", &format!("/surveys/{id}/invite"));
    let ws = user.workspace.id;
    let survey = state.store.get_survey(ws, SurveyId(id)).await?;
    if let Some(sent) = done.sent {
        p.notice = Some(p.tr.t_args(
            "voc-invite-done",
            &[
                ("sent", &sent.to_string()),
                ("skipped", &done.skipped.unwrap_or(0).to_string()),
            ],
        ));
    }
    let problem = survey_problem(&state, ws, &survey).await?;
    let (invitees, plan) = plan(&state, ws, &survey, None).await?;
    let tr = p.tr;
    let status = |m: &Option<kunde_store::MailFate>| {
        m.as_ref()
            .map(|m| crate::outbox::mail_status(tr, m.state, m.last_error.as_deref()))
            .unwrap_or(("", String::new()))
    };
    let sent = state
        .store
        .invitation_mail(ws, survey.id, SENT_SHOWN)
        .await?
        .into_iter()
        .map(|i| SentView {
            customer_id: i.customer_id,
            at: p.datetime(&i.created_at),
            answered: i.answered_at.is_some(),
            invitation: status(&i.invitation),
            reminder: status(&i.reminder),
            name: i.customer_name,
        })
        .collect();
    let invitees = invitees
        .into_iter()
        .map(|i| InviteeView {
            blocked: plan
                .skipped
                .iter()
                .find(|(c, _)| c.0 == i.customer_id)
                .map(|(_, r)| skip_message(tr, *r))
                .unwrap_or_default(),
            id: i.customer_id,
            name: i.name,
            email: i.email.unwrap_or_default(),
        })
        .collect();
    let view = InvitePage {
        title: survey
            .title
            .get(p.tr.lang(), survey.default_language)
            .to_owned(),
        no_smtp: problem == Some("voc-invite-no-smtp"),
        problem: problem.map(|k| p.t(k)).unwrap_or_default(),
        eligible: plan.invite.len(),
        p,
        survey_id: id,
        invitees,
        fatigue_days: survey.fatigue_days,
        reminder_days: survey.reminder_days,
        sent,
    };
    view.render().map(Html).map_err(AppError::from)
}

/// The links and text of one invitation or reminder e-mail, in the customer's language.
fn invitation_mail(
    base: &str,
    business: &str,
    survey: &Survey,
    to: &InviteeLike<'_>,
    token: &str,
    reminder: bool,
) -> Mail {
    let tr = Tr::new(to.language);
    let link = format!("{base}/s/i/{token}");
    let unsubscribe = format!("{base}/s/unsubscribe/{token}");
    let title = survey.title.get(to.language, survey.default_language);
    let args = [
        ("name", to.name),
        ("business", business),
        ("survey", title),
        ("link", link.as_str()),
        ("unsubscribe", unsubscribe.as_str()),
    ];
    let (subject, body) = if reminder {
        ("voc-mail-reminder-subject", "voc-mail-reminder-body")
    } else {
        ("voc-mail-invite-subject", "voc-mail-invite-body")
    };
    Mail {
        to: to.email.to_owned(),
        to_name: Some(to.name.to_owned()),
        subject: tr.t_args(subject, &args),
        text: tr.t_args(body, &args),
        html: None,
        unsubscribe_url: Some(unsubscribe),
        reply_to: None,
    }
}

struct InviteeLike<'a> {
    name: &'a str,
    email: &'a str,
    language: Language,
}

/// Records the invitation and queues its e-mail, in one transaction.
async fn invite_one(
    state: &AppState,
    ws: WorkspaceId,
    business: &str,
    base: &str,
    survey: &Survey,
    who: &InviteeRow,
) -> Result<(), AppError> {
    let Some(email) = who.email.as_deref() else {
        return Ok(());
    };
    let to = InviteeLike {
        name: &who.name,
        email,
        language: Language::parse(&who.language).unwrap_or(survey.default_language),
    };
    crate::outbox::send_invitation(state, ws, survey.id, CustomerId(who.customer_id), |token| {
        invitation_mail(base, business, survey, &to, token, false)
    })
    .await?;
    Ok(())
}

pub async fn send(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let _p = Page::staff(&user, &csrf, "results", &format!("/surveys/{id}/invite"));
    let ws = user.workspace.id;
    let survey = state.store.get_survey(ws, SurveyId(id)).await?;
    if survey_problem(&state, ws, &survey).await?.is_some() {
        // The form explains why; nothing is sent.
        return Ok(Redirect::to(&format!("/surveys/{id}/invite")).into_response());
    }
    let fields: Vec<(String, String)> =
        serde_urlencoded::from_bytes(&body).map_err(|_| AppError::BadRequest)?;
    let all = fields.iter().any(|(k, v)| k == "all" && v == "1");
    let chosen: Vec<CustomerId> = fields
        .iter()
        .filter(|(k, _)| k == "customer")
        .map(|(_, v)| v.parse::<i64>().map(CustomerId))
        .collect::<Result<_, _>>()
        .map_err(|_| AppError::BadRequest)?;
    if !all && chosen.is_empty() {
        return Ok(Redirect::to(&format!("/surveys/{id}/invite?sent=0&skipped=0")).into_response());
    }
    let only = (!all).then_some(chosen.as_slice());
    let (invitees, plan) = plan(&state, ws, &survey, only).await?;
    let base = state.public_url(Some(&headers));
    let mut sent = 0;
    for customer in &plan.invite {
        if let Some(who) = invitees.iter().find(|i| i.customer_id == customer.0) {
            invite_one(&state, ws, &user.workspace.name, &base, &survey, who).await?;
            sent += 1;
        }
    }
    Ok(Redirect::to(&format!(
        "/surveys/{id}/invite?sent={sent}&skipped={}",
        plan.skipped.len()
    ))
    .into_response())
}

/// Sends every reminder due at `now`, on every workspace: once per invitation, after the
/// survey's `reminder_days`, only if unanswered and the customer can still be reached. Safe
/// to run again: a reminded invitation is never reminded twice. Returns how many were queued.
pub async fn run_due(state: &AppState, now: i64) -> kunde_store::Result<usize> {
    let claimed = state.store.claim_due_reminders(&state.claimer, now).await?;
    if claimed.is_empty() {
        return Ok(0);
    }
    let candidates = state
        .store
        .reminder_candidates()
        .await?
        .into_iter()
        .filter(|c| claimed.contains(&c.invitation_id));
    let base = state.public_url(None);
    let mut queued = 0;
    for c in candidates {
        let rules = ScheduleRules {
            fatigue_days: u32::try_from(c.fatigue_days).unwrap_or(0),
            reminder_days: u32::try_from(c.reminder_days).unwrap_or(0),
        };
        if due_reminders(&[c.sent()], rules, now).is_empty() {
            continue;
        }
        let Some(email) = c.email.as_deref() else {
            continue;
        };
        let ws = WorkspaceId(c.workspace_id);
        let survey = state.store.get_survey(ws, SurveyId(c.survey_id)).await?;
        let business = state.store.get_workspace(ws).await?.name;
        let invitation = InvitationId(c.invitation_id);
        let to = InviteeLike {
            name: &c.name,
            email,
            language: Language::parse(&c.language).unwrap_or(survey.default_language),
        };
        let sent = crate::outbox::send_reminder(state, ws, invitation, now, |token| {
            invitation_mail(&base, &business, &survey, &to, token, true)
        })
        .await?;
        if !sent {
            continue;
        }
        queued += 1;
    }
    Ok(queued)
}

#[derive(Template)]
#[template(path = "survey_results/unsubscribe.html")]
struct UnsubscribePage {
    p: Page,
    token: String,
    done: bool,
    known: bool,
}

async fn unsubscribe_page(
    state: &AppState,
    csrf: &CsrfToken,
    token: String,
    done: bool,
    client: &ClientKey,
) -> Response {
    let fallback = Tr::new(Language::En);
    if let Err(too_many) = state
        .rate_limits
        .check("survey-unsubscribe", &client.0, 30)
        .await
    {
        let _ = too_many;
        return crate::kit::error::render_error(
            fallback,
            StatusCode::TOO_MANY_REQUESTS,
            "voc-too-many",
        );
    }
    let invitation = match state.store.invitation_by_token(&token).await {
        Ok(i) => i,
        Err(e) => return PageError(fallback, e.into()).into_response(),
    };
    // The page speaks the customer's language.
    let lang = match &invitation {
        Some(i) => state
            .store
            .get_customer(i.workspace_id, i.customer_id)
            .await
            .map(|c| c.language)
            .unwrap_or(Language::En),
        None => Language::En,
    };
    let mut done = done;
    if done && invitation.is_some() {
        match state.store.unsubscribe_by_token(&token, state.now()).await {
            Ok(_) => {}
            Err(e) => return PageError(Tr::new(lang), e.into()).into_response(),
        }
    } else {
        done = false;
    }
    let p = Page::public(Tr::new(lang), csrf, "/");
    let view = UnsubscribePage {
        p,
        known: invitation.is_some(),
        token,
        done,
    };
    let status = if view.known {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    match view.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => PageError(Tr::new(lang), e.into()).into_response(),
    }
}

pub async fn unsubscribe_form(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    client: ClientKey,
    Path(token): Path<String>,
) -> Response {
    unsubscribe_page(&state, &csrf, token, false, &client).await
}

pub async fn unsubscribe(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    client: ClientKey,
    Path(token): Path<String>,
) -> Response {
    unsubscribe_page(&state, &csrf, token, true, &client).await
}
