//! One case for staff: its page with timers, suggested articles, notes and replies, changing
//! its status, priority or assignee, and closing it with a root cause.

use super::labels::{category_name_of, entry_text, root_cause_name};
use super::list::*;
use super::new::*;
use super::timing::Calendar;
use crate::kit::error::AppError;
use crate::kit::{FieldErrors, Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_domain::*;
use kunde_store::RootCauseChoice;
use kunde_store::{AttachmentInfo, ReplyMail, SessionUser, StoreError};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "cases/show.html")]
pub(super) struct ShowPage {
    pub(super) p: Page,
    pub(super) c: Case,
    /// `None` for a case opened from an anonymous answer: no reply can be e-mailed.
    pub(super) customer: Option<Customer>,
    pub(super) category: String,
    pub(super) touchpoint: String,
    pub(super) entries: Vec<CaseEntry>,
    pub(super) attachments: Vec<AttachmentInfo>,
    pub(super) grants: Vec<CaseGrant>,
    pub(super) users: Vec<User>,
    pub(super) causes: Vec<RootCause>,
    pub(super) first_timer: Timer,
    pub(super) resolution_timer: Timer,
    pub(super) suggestions: Vec<Suggestion>,
    pub(super) authority: Money,
    pub(super) body: String,
    pub(super) errors: FieldErrors,
    /// Whether the workspace has a mail server set up; without one no reply can go.
    pub(super) mail_server: bool,
    /// What became of each reply's e-mail.
    pub(super) reply_mail: Vec<ReplyMail>,
}

/// A knowledge-base article suggested for the case, with the text a reply may quote.
pub struct Suggestion {
    pub id: i64,
    pub title: String,
    pub quote: String,
}

impl ShowPage {
    fn when(&self, at: &i64) -> String {
        self.p.datetime(at)
    }
    fn statuses(&self) -> [CaseStatus; 3] {
        [CaseStatus::New, CaseStatus::Open, CaseStatus::Waiting]
    }
    fn priorities(&self) -> [CasePriority; 4] {
        CasePriority::ALL
    }
    fn status_is(&self, s: &CaseStatus) -> bool {
        *s == self.c.status
    }
    fn priority_is(&self, p: &CasePriority) -> bool {
        *p == self.c.priority
    }
    fn assigned_to(&self, u: &User) -> bool {
        self.c.assignee_id == Some(u.id)
    }
    fn closed(&self) -> bool {
        self.c.status == CaseStatus::Closed
    }
    fn assignee(&self) -> String {
        self.c
            .assignee_id
            .and_then(|a| self.users.iter().find(|u| u.id == a))
            .map(|u| u.name.clone())
            .unwrap_or_else(|| self.p.t("case-unassigned"))
    }
    fn root_cause(&self) -> String {
        self.c
            .root_cause_id
            .and_then(|r| self.causes.iter().find(|c| c.id == r))
            .map(|c| root_cause_name(self.p.tr, &c.name))
            .unwrap_or_default()
    }
    fn cause_name(&self, c: &RootCause) -> String {
        root_cause_name(self.p.tr, &c.name)
    }
    fn entry(&self, e: &CaseEntry) -> String {
        entry_text(&self.p, e)
    }
    /// What became of a reply's e-mail, in words, with its class (`sent`, `queued`,
    /// `failed`); empty for entries that are no e-mail.
    fn mail_status(&self, e: &CaseEntry) -> (&'static str, String) {
        let Some(m) = self.reply_mail.iter().find(|m| m.entry_id == e.id) else {
            return ("", String::new());
        };
        crate::outbox::mail_status(self.p.tr, m.state, m.last_error.as_deref())
    }
}

#[derive(Deserialize)]
pub struct ShowQuery {
    pub(super) done: Option<String>,
    pub(super) quote: Option<i64>,
}

pub(super) const NOTICES: [&str; 9] = [
    "created",
    "note",
    "reply",
    "reply-unsent",
    "updated",
    "closed",
    "grant",
    "pending",
    "uploaded",
];

pub(super) async fn show_page(
    state: &AppState,
    user: &SessionUser,
    p: Page,
    id: CaseId,
    quote: Option<i64>,
) -> Result<ShowPage, AppError> {
    let ws = user.workspace.id;
    let now = state.now();
    let load = async {
        let c = state.store.get_case(ws, id).await?;
        let customer = match c.customer_id {
            Some(id) => Some(state.store.get_customer(ws, id).await?),
            None => None,
        };
        let categories = state.store.case_categories(ws).await?;
        let touchpoints = state.store.all_touchpoints(ws).await?;
        let entries = state.store.case_entries(ws, id).await?;
        let attachments = state.store.case_attachments(ws, id).await?;
        let grants = state.store.case_grants(ws, Some(id)).await?;
        let users = state.store.list_users(ws).await?;
        let causes = state.store.root_causes(ws).await?;
        let settings = state.store.case_settings(ws).await?;
        let cal = Calendar::load(state, ws).await?;
        let mail_server = state.store.smtp_settings(ws).await?.is_some();
        let reply_mail = state.store.case_reply_mail(ws, id).await?;
        Ok::<_, StoreError>((
            (mail_server, reply_mail),
            c,
            customer,
            categories,
            touchpoints,
            entries,
            attachments,
            grants,
            users,
            causes,
            settings,
            cal,
        ))
    };
    let (
        (mail_server, reply_mail),
        c,
        customer,
        categories,
        touchpoints,
        entries,
        attachments,
        grants,
        users,
        causes,
        settings,
        cal,
    ) = load.await?;
    let suggestions = suggest(state, ws, &c).await?;
    let body = quote
        .and_then(|q| suggestions.iter().find(|s| s.id == q))
        .map(|s| s.quote.clone())
        .unwrap_or_default();
    Ok(ShowPage {
        category: category_name_of(p.tr, &categories, c.category_id),
        touchpoint: c
            .touchpoint_id
            .and_then(|t| touchpoints.iter().find(|tp| tp.id == t))
            .map(|t| t.name.clone())
            .unwrap_or_default(),
        first_timer: target_timer(
            &p,
            &cal,
            c.first_response_state(now),
            c.due.first_response,
            "first",
            now,
        ),
        resolution_timer: target_timer(
            &p,
            &cal,
            c.resolution_state(now),
            c.due.resolution,
            "resolution",
            now,
        ),
        authority: settings.authority.for_role(user.user.role),
        p,
        c,
        customer,
        entries,
        attachments,
        grants,
        users,
        causes,
        suggestions,
        body,
        errors: FieldErrors::default(),
        mail_server,
        reply_mail,
    })
}

/// How many knowledge-base articles the case page suggests.
pub(super) const SUGGESTIONS: i64 = 3;

/// Articles of the knowledge base matching the case's text (subject and description), each
/// with the text a reply quotes: the article's title and body.
pub(super) async fn suggest(
    state: &AppState,
    ws: WorkspaceId,
    c: &Case,
) -> Result<Vec<Suggestion>, StoreError> {
    let text = format!("{} {}", c.subject, c.description);
    Ok(state
        .store
        .suggest_articles(ws, &text, SUGGESTIONS)
        .await?
        .into_iter()
        .map(|a| Suggestion {
            id: a.id,
            quote: format!("{}\n\n{}", a.title, a.body_markdown.trim()),
            title: a.title,
        })
        .collect())
}

pub async fn show(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
    Query(q): Query<ShowQuery>,
) -> Result<Html<String>, AppError> {
    let mut p = Page::staff(&user, &csrf, "cases", &format!("/cases/{id}"));
    if let Some(done) = q.done.as_deref().filter(|d| NOTICES.contains(d)) {
        p.notice = Some(p.t(&format!("case-done-{done}")));
    }
    let view = show_page(&state, &user, p, CaseId(id), q.quote).await?;
    view.render().map(Html).map_err(AppError::from)
}

pub(super) async fn invalid(
    state: &AppState,
    user: &SessionUser,
    p: Page,
    id: CaseId,
    body: String,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let mut view = show_page(state, user, p, id, None).await?;
    view.body = body;
    view.errors = errors;
    let html = view.render()?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EntryForm {
    pub(super) kind: String,
    pub(super) body: String,
}

pub async fn add_entry(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
    Form(f): Form<EntryForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "cases", &format!("/cases/{id}"));
    let ws = user.workspace.id;
    let id = CaseId(id);
    let kind = match f.kind.as_str() {
        "reply" => EntryKind::Reply,
        _ => EntryKind::Note,
    };
    let mut errors = FieldErrors::default();
    let Some(body) = errors.check(
        p.tr,
        "body",
        "case-entry-body",
        case_text("body", &f.body, BODY_MAX, true),
    ) else {
        return invalid(&state, &user, p, id, f.body, errors).await;
    };
    let c = state.store.get_case(ws, id).await?;
    if kind == EntryKind::Reply {
        // A case from an anonymous answer has nobody to e-mail; the text typed is kept.
        let Some(customer) = c.customer_id else {
            errors.add_message("body", p.t("case-error-no-customer"));
            return invalid(&state, &user, p, id, f.body, errors).await;
        };
        let customer = state.store.get_customer(ws, customer).await?;
        if customer.email.is_none() {
            errors.add_message("body", p.t("case-error-no-email"));
            return invalid(&state, &user, p, id, f.body, errors).await;
        }
    }
    let now = state.now();
    if kind == EntryKind::Reply {
        super::mail::send_reply(&state, &user, &c, &body, now).await?;
        // A reply is never reported on its way when no server can take it.
        if state.store.smtp_settings(ws).await?.is_none() {
            return Ok(Redirect::to(&format!("/cases/{id}?done=reply-unsent")).into_response());
        }
    } else {
        state
            .store
            .add_case_entry(ws, id, kind, Some(user.user.id), &body, now)
            .await?;
    }
    Ok(Redirect::to(&format!("/cases/{id}?done={}", kind.code())).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct UpdateForm {
    pub(super) status: String,
    pub(super) priority: String,
    pub(super) assignee: String,
}

pub async fn update(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    Path(id): Path<i64>,
    Form(f): Form<UpdateForm>,
) -> Result<Response, AppError> {
    let status = CaseStatus::parse(&f.status)
        .ok()
        .filter(|s| *s != CaseStatus::Closed)
        .ok_or(AppError::BadRequest)?;
    let priority = CasePriority::parse(&f.priority).map_err(|_| AppError::BadRequest)?;
    let assignee = optional_id(&f.assignee).map(UserId);
    let users = state.store.list_users(user.workspace.id).await?;
    let who = assignee
        .and_then(|a| users.iter().find(|u| u.id == a))
        .map(|u| u.name.clone());
    let note = CaseEvent::Updated {
        status,
        priority,
        assignee: who,
    }
    .encode();
    state
        .store
        .update_case(
            user.workspace.id,
            CaseId(id),
            status,
            priority,
            assignee,
            user.user.id,
            &note,
            state.now(),
        )
        .await?;
    Ok(Redirect::to(&format!("/cases/{id}?done=updated")).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CloseForm {
    pub(super) root_cause: String,
    pub(super) new_root_cause: String,
    pub(super) note: String,
    pub(super) idea: Option<String>,
    pub(super) idea_note: String,
}

pub async fn close(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
    Form(f): Form<CloseForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "cases", &format!("/cases/{id}"));
    let ws = user.workspace.id;
    let id = CaseId(id);
    // Another workspace's case is not found before anything else happens.
    let c = state.store.get_case(ws, id).await?;
    let mut errors = FieldErrors::default();
    let causes = state.store.root_causes(ws).await?;
    let new_cause = f.new_root_cause.trim();
    let new_name;
    // A new root cause is only named here; the store adds it in the closing transaction.
    let cause = if !new_cause.is_empty() {
        match NonEmpty::parse("root cause", new_cause) {
            Ok(name) => match causes
                .iter()
                .find(|c| c.name.eq_ignore_ascii_case(new_cause))
            {
                Some(c) => Some(RootCauseChoice::Existing(c.id)),
                None => {
                    new_name = name;
                    Some(RootCauseChoice::New(&new_name))
                }
            },
            Err(e) => {
                errors.add(p.tr, "root_cause", "case-root-cause", &e);
                None
            }
        }
    } else {
        optional_id(&f.root_cause)
            .and_then(|r| causes.iter().find(|c| c.id.0 == r))
            .map(|c| RootCauseChoice::Existing(c.id))
    };
    if cause.is_none() && errors.is_empty() {
        errors.add_message("root_cause", p.t("case-error-root-cause"));
    }
    let note = errors.check(
        p.tr,
        "close_note",
        "case-close-note",
        case_text("note", &f.note, BODY_MAX, false),
    );
    let idea = errors.check(
        p.tr,
        "idea_note",
        "case-idea-note",
        case_text("idea", &f.idea_note, BODY_MAX, false),
    );
    let (Some(cause), Some(note), Some(idea)) = (cause, note, idea) else {
        return invalid(&state, &user, p, id, String::new(), errors).await;
    };
    let is_idea = f.idea.is_some() || !idea.is_empty();
    let token = kunde_store::random_token();
    let now = state.now();
    state
        .store
        .close_case(
            ws,
            id,
            cause,
            &note,
            is_idea.then_some(idea.as_str()),
            &kunde_store::token_hash(&token),
            Some(user.user.id),
            now,
        )
        .await?;
    super::mail::ask_rating(&state, &user.workspace, &c, &token, now).await?;
    Ok(Redirect::to(&format!("/cases/{id}?done=closed")).into_response())
}
