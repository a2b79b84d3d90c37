//! The staff side of cases: the list with its filters, opening a case (from a customer's
//! page), the case page with timers, notes, replies, attachments and grants, and closing a
//! case with its root cause.

use super::timing::{Calendar, span};
use super::{ATTACHMENT_LIMIT, category_name, category_name_of};
use crate::AppState;
use crate::csrf::CsrfToken;
use crate::error::{AppError, PageError};
use crate::pages::{FieldErrors, Page, format_datetime};
use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use kunde_domain::*;
use kunde_store::{AttachmentInfo, SessionUser, StoreError, TimelineItem};
use serde::Deserialize;
use std::collections::HashSet;

/// The most cases a list or report reads (a small business's many years).
pub const MAX_CASES: i64 = 20_000;

/// The list's filters, all optional; the reports link here with the same names.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct Filter {
    /// `open` (default), `closed` or `all`.
    pub status: Option<String>,
    pub mine: Option<String>,
    pub risk: Option<String>,
    pub category: Option<i64>,
    pub assignee: Option<i64>,
    pub touchpoint: Option<i64>,
    pub root_cause: Option<i64>,
    /// `met` or `missed`.
    pub first: Option<String>,
    pub resolution: Option<String>,
    pub repeat: Option<String>,
    pub idea: Option<String>,
    pub rated: Option<String>,
    pub customer: Option<i64>,
}

fn on(v: &Option<String>) -> bool {
    v.as_deref().is_some_and(|v| !v.is_empty() && v != "0")
}

impl Filter {
    /// Whether `c` passes every filter given. `repeats` are the repeat complaints.
    pub fn matches(&self, c: &Case, me: UserId, now: i64, repeats: &HashSet<CaseId>) -> bool {
        let status_ok = match self.status.as_deref().unwrap_or("open") {
            "closed" => c.status == CaseStatus::Closed,
            "all" => true,
            _ => c.status != CaseStatus::Closed,
        };
        let target_ok = |want: &Option<String>, state: TargetState| match want.as_deref() {
            Some("met") => state == TargetState::Met,
            Some("missed") => state == TargetState::Missed,
            _ => true,
        };
        status_ok
            && (!on(&self.mine) || c.assignee_id == Some(me))
            && (!on(&self.risk) || c.at_risk(now))
            && self.category.is_none_or(|id| c.category_id.0 == id)
            && self
                .assignee
                .is_none_or(|id| c.assignee_id == Some(UserId(id)))
            && self
                .touchpoint
                .is_none_or(|id| c.touchpoint_id == Some(TouchpointId(id)))
            && self
                .root_cause
                .is_none_or(|id| c.root_cause_id == Some(RootCauseId(id)))
            && self.customer.is_none_or(|id| c.customer_id.0 == id)
            && target_ok(&self.first, c.first_response_state(now))
            && target_ok(&self.resolution, c.resolution_state(now))
            && (!on(&self.repeat) || repeats.contains(&c.id))
            && (!on(&self.idea) || c.is_idea)
            && (!on(&self.rated) || c.rating.is_some())
    }
}

struct Row {
    c: Case,
    category: String,
    assignee: String,
    timer: Timer,
}

/// What a case's timer says now.
pub struct Timer {
    /// `running`, `at-risk`, `missed`, `met` or `done`.
    pub class: &'static str,
    pub text: String,
}

/// The timer of the target that matters now: the first response until it is given, then the
/// resolution; for a closed case whether the resolution target was met.
fn timer(p: &Page, cal: &Calendar, c: &Case, now: i64) -> Timer {
    let (state, due, key) = if c.first_response_at.is_none() {
        (c.first_response_state(now), c.due.first_response, "first")
    } else {
        (c.resolution_state(now), c.due.resolution, "resolution")
    };
    target_timer(p, cal, state, due, key, now)
}

fn target_timer(
    p: &Page,
    cal: &Calendar,
    state: TargetState,
    due: i64,
    key: &str,
    now: i64,
) -> Timer {
    let target = p.t(&format!("case-target-{key}"));
    match state {
        TargetState::Met => Timer {
            class: "met",
            text: p.tr.t_args("case-timer-met", &[("target", &target)]),
        },
        TargetState::Missed if now <= due => Timer {
            class: "missed",
            text: p.tr.t_args("case-timer-missed", &[("target", &target)]),
        },
        TargetState::Missed => Timer {
            class: "missed",
            text: p.tr.t_args(
                "case-timer-overdue",
                &[("target", &target), ("time", &span(cal.between(due, now)))],
            ),
        },
        TargetState::AtRisk | TargetState::Running => Timer {
            class: if state == TargetState::AtRisk {
                "at-risk"
            } else {
                "running"
            },
            text: p.tr.t_args(
                "case-timer-left",
                &[("target", &target), ("time", &span(cal.between(now, due)))],
            ),
        },
    }
}

#[derive(Template)]
#[template(path = "cases/list.html")]
struct ListPage {
    p: Page,
    rows: Vec<Row>,
    f: Filter,
    categories: Vec<CaseCategory>,
    title: String,
}

impl ListPage {
    fn status_is(&self, s: &str) -> bool {
        self.f.status.as_deref().unwrap_or("open") == s
    }
    fn category_selected(&self, c: &CaseCategory) -> bool {
        self.f.category == Some(c.id.0)
    }
    fn category_label(&self, c: &CaseCategory) -> String {
        category_name(self.p.tr, c)
    }
}

pub async fn list(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Query(f): Query<Filter>,
) -> Result<Html<String>, PageError> {
    let p = Page::staff(&user, &csrf, "cases", "/cases");
    let ws = user.workspace.id;
    let now = state.now();
    let load = async {
        let cases = state.store.list_cases(ws, None, MAX_CASES).await?;
        let categories = state.store.case_categories(ws).await?;
        let users = state.store.list_users(ws).await?;
        let cal = Calendar::load(&state, ws).await?;
        Ok::<_, StoreError>((cases, categories, users, cal))
    };
    let (cases, categories, users, cal) = load.await.map_err(|e| p.err(e.into()))?;
    let repeats: HashSet<CaseId> = repeat_cases(&cases).into_iter().collect();
    let rows = cases
        .into_iter()
        .filter(|c| f.matches(c, user.user.id, now, &repeats))
        .map(|c| Row {
            category: category_name_of(p.tr, &categories, c.category_id),
            assignee: c
                .assignee_id
                .and_then(|a| users.iter().find(|u| u.id == a))
                .map(|u| u.name.clone())
                .unwrap_or_default(),
            timer: timer(&p, &cal, &c, now),
            c,
        })
        .collect();
    let title = if on(&f.idea) {
        p.t("case-ideas-title")
    } else {
        p.t("case-list-title")
    };
    let view = ListPage {
        p,
        rows,
        f,
        categories,
        title,
    };
    view.render().map(Html).map_err(|e| view.p.err(e.into()))
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct CaseForm {
    customer: String,
    category: String,
    touchpoint: String,
    subject: String,
    description: String,
    priority: String,
    assignee: String,
    /// The survey follow-up the case is opened from, if any: closed once the case exists.
    followup: String,
}

#[derive(Template)]
#[template(path = "cases/new.html")]
struct NewPage {
    p: Page,
    customer: Customer,
    categories: Vec<CaseCategory>,
    touchpoints: Vec<Touchpoint>,
    users: Vec<User>,
    f: CaseForm,
    errors: FieldErrors,
}

impl NewPage {
    fn category_label(&self, c: &CaseCategory) -> String {
        category_name(self.p.tr, c)
    }
    fn priorities(&self) -> [CasePriority; 4] {
        CasePriority::ALL
    }
}

#[derive(Deserialize)]
pub struct NewQuery {
    customer: Option<i64>,
    /// Open the case from this survey follow-up: its customer, touchpoint and answer.
    followup: Option<i64>,
}

async fn new_page(
    state: &AppState,
    p: Page,
    ws: WorkspaceId,
    customer: CustomerId,
    f: CaseForm,
    errors: FieldErrors,
) -> Result<NewPage, PageError> {
    let load = async {
        Ok::<_, StoreError>((
            state.store.get_customer(ws, customer).await?,
            state.store.case_categories(ws).await?,
            state.store.all_touchpoints(ws).await?,
            state.store.list_users(ws).await?,
        ))
    };
    let (customer, categories, touchpoints, users) = load.await.map_err(|e| p.err(e.into()))?;
    Ok(NewPage {
        p,
        customer,
        categories,
        touchpoints,
        users,
        f,
        errors,
    })
}

pub async fn new_form(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Query(q): Query<NewQuery>,
) -> Result<Response, PageError> {
    let p = Page::staff(&user, &csrf, "cases", "/cases/new");
    if let Some(id) = q.followup {
        return from_followup(&state, p, &user, id).await;
    }
    let Some(customer) = q.customer else {
        // Cases are opened from a customer's page, which names the customer.
        return Ok(Redirect::to("/customers").into_response());
    };
    let f = CaseForm {
        customer: customer.to_string(),
        priority: "normal".into(),
        assignee: user.user.id.to_string(),
        ..CaseForm::default()
    };
    let view = new_page(
        &state,
        p,
        user.workspace.id,
        CustomerId(customer),
        f,
        FieldErrors::default(),
    )
    .await?;
    view.render()
        .map(|h| Html(h).into_response())
        .map_err(|e| view.p.err(e.into()))
}

/// The new-case form filled in from a survey follow-up: its customer and touchpoint, a
/// subject naming the answer, and the touchpoint's owner (else the user) as assignee.
async fn from_followup(
    state: &AppState,
    p: Page,
    user: &SessionUser,
    id: i64,
) -> Result<Response, PageError> {
    let ws = user.workspace.id;
    let fu = state
        .store
        .get_followup(ws, id)
        .await
        .map_err(|e| p.err(e.into()))?;
    let Some(customer) = fu.customer_id else {
        // An anonymous answer names nobody to open a case for.
        return Ok(Redirect::to("/followups").into_response());
    };
    let survey = fu.survey_title().get(p.tr.lang(), Language::En).to_owned();
    let reason = crate::pages::survey_results::followups::reason_label(&p, &fu);
    let score = fu.score.to_string();
    let answered = format_datetime(fu.created_at);
    let args = [
        ("reason", reason.as_str()),
        ("score", score.as_str()),
        ("survey", survey.as_str()),
        ("answered", answered.as_str()),
    ];
    let f = CaseForm {
        customer: customer.to_string(),
        touchpoint: fu.touchpoint_id.map(|t| t.to_string()).unwrap_or_default(),
        subject: p.tr.t_args("case-from-followup-subject", &args),
        description: p.tr.t_args("case-from-followup-description", &args),
        priority: "high".into(),
        assignee: fu.owner_id.unwrap_or(user.user.id.0).to_string(),
        followup: fu.id.to_string(),
        ..CaseForm::default()
    };
    let view = new_page(
        state,
        p,
        ws,
        CustomerId(customer),
        f,
        FieldErrors::default(),
    )
    .await?;
    view.render()
        .map(|h| Html(h).into_response())
        .map_err(|e| view.p.err(e.into()))
}

fn optional_id(s: &str) -> Option<i64> {
    s.trim().parse().ok()
}

pub async fn create(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Form(f): Form<CaseForm>,
) -> Result<Response, PageError> {
    let p = Page::staff(&user, &csrf, "cases", "/cases/new");
    let ws = user.workspace.id;
    let customer = CustomerId(optional_id(&f.customer).ok_or(p.err(AppError::BadRequest))?);
    let categories = state
        .store
        .case_categories(ws)
        .await
        .map_err(|e| p.err(e.into()))?;
    let mut errors = FieldErrors::default();
    let category = optional_id(&f.category).and_then(|id| categories.iter().find(|c| c.id.0 == id));
    if category.is_none() {
        errors.add_message("category", p.t("case-error-category"));
    }
    let subject = errors.check(
        p.tr,
        "subject",
        "case-subject",
        case_text("subject", &f.subject, SUBJECT_MAX, true),
    );
    let description = errors.check(
        p.tr,
        "description",
        "case-description",
        case_text("description", &f.description, BODY_MAX, false),
    );
    let priority = CasePriority::parse(&f.priority).unwrap_or(CasePriority::Normal);
    if let (Some(category), Some(subject), Some(description)) = (category, subject, description)
        && errors.is_empty()
    {
        let now = state.now();
        let cal = Calendar::load(&state, ws)
            .await
            .map_err(|e| p.err(e.into()))?;
        let new = NewCase {
            customer_id: customer,
            touchpoint_id: optional_id(&f.touchpoint).map(TouchpointId),
            category_id: category.id,
            subject,
            description,
            priority,
            assignee_id: optional_id(&f.assignee).map(UserId),
            source: CaseSource::Staff,
            created_by: Some(user.user.id),
            created_at: now,
            due: cal.due(category, now),
        };
        match state.store.create_case(ws, &new).await {
            Ok(c) => {
                if let Some(fu) = optional_id(&f.followup) {
                    // The follow-up's answer is now this case; one already closed stays as
                    // it was.
                    let text =
                        p.tr.t_args("case-from-followup-action", &[("id", &c.id.to_string())]);
                    if let Ok(action) = NonEmpty::parse("action", &text) {
                        match state
                            .store
                            .close_followup(ws, fu, user.user.id, &action, now)
                            .await
                        {
                            Ok(()) | Err(StoreError::Conflict(_) | StoreError::NotFound) => {}
                            Err(e) => return Err(p.err(e.into())),
                        }
                    }
                }
                return Ok(Redirect::to(&format!("/cases/{}?done=created", c.id)).into_response());
            }
            Err(StoreError::InvalidReference(what)) if what == "customer" => {
                return Err(p.err(AppError::NotFound));
            }
            Err(StoreError::InvalidReference(_)) => {
                errors.add_message("form", p.t("case-error-reference"));
            }
            Err(e) => return Err(p.err(e.into())),
        }
    }
    let view = new_page(&state, p, ws, customer, f, errors).await?;
    let html = view.render().map_err(|e| view.p.err(e.into()))?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
}

#[derive(Template)]
#[template(path = "cases/show.html")]
pub(super) struct ShowPage {
    p: Page,
    c: Case,
    customer: Customer,
    category: String,
    touchpoint: String,
    entries: Vec<CaseEntry>,
    attachments: Vec<AttachmentInfo>,
    grants: Vec<CaseGrant>,
    users: Vec<User>,
    causes: Vec<RootCause>,
    first_timer: Timer,
    resolution_timer: Timer,
    suggestions: Vec<Suggestion>,
    authority: Money,
    body: String,
    errors: FieldErrors,
}

/// A knowledge-base article suggested for the case, with the text a reply may quote.
pub struct Suggestion {
    pub id: i64,
    pub title: String,
    pub quote: String,
}

impl ShowPage {
    fn when(&self, at: &i64) -> String {
        format_datetime(*at)
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
            .map(|c| c.name.clone())
            .unwrap_or_default()
    }
}

#[derive(Deserialize)]
pub struct ShowQuery {
    done: Option<String>,
    quote: Option<i64>,
}

const NOTICES: [&str; 8] = [
    "created", "note", "reply", "updated", "closed", "grant", "pending", "uploaded",
];

pub(super) async fn show_page(
    state: &AppState,
    user: &SessionUser,
    p: Page,
    id: CaseId,
    quote: Option<i64>,
) -> Result<ShowPage, PageError> {
    let ws = user.workspace.id;
    let now = state.now();
    let load = async {
        let c = state.store.get_case(ws, id).await?;
        let customer = state.store.get_customer(ws, c.customer_id).await?;
        let categories = state.store.case_categories(ws).await?;
        let touchpoints = state.store.all_touchpoints(ws).await?;
        let entries = state.store.case_entries(ws, id).await?;
        let attachments = state.store.case_attachments(ws, id).await?;
        let grants = state.store.case_grants(ws, Some(id)).await?;
        let users = state.store.list_users(ws).await?;
        let causes = state.store.root_causes(ws).await?;
        let settings = state.store.case_settings(ws).await?;
        let cal = Calendar::load(state, ws).await?;
        Ok::<_, StoreError>((
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
    ) = load.await.map_err(|e| p.err(e.into()))?;
    let suggestions = suggest(state, ws, &c).await.map_err(|e| p.err(e.into()))?;
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
    })
}

/// How many knowledge-base articles the case page suggests.
const SUGGESTIONS: i64 = 3;

/// Articles of the knowledge base matching the case's text (subject and description), each
/// with the text a reply quotes: the article's title and body.
async fn suggest(
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
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Query(q): Query<ShowQuery>,
) -> Result<Html<String>, PageError> {
    let mut p = Page::staff(&user, &csrf, "cases", &format!("/cases/{id}"));
    if let Some(done) = q.done.as_deref().filter(|d| NOTICES.contains(d)) {
        p.notice = Some(p.t(&format!("case-done-{done}")));
    }
    let view = show_page(&state, &user, p, CaseId(id), q.quote).await?;
    view.render().map(Html).map_err(|e| view.p.err(e.into()))
}

async fn invalid(
    state: &AppState,
    user: &SessionUser,
    p: Page,
    id: CaseId,
    body: String,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let mut view = show_page(state, user, p, id, None).await?;
    view.body = body;
    view.errors = errors;
    let html = view.render().map_err(|e| view.p.err(e.into()))?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EntryForm {
    kind: String,
    body: String,
}

pub async fn add_entry(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Form(f): Form<EntryForm>,
) -> Result<Response, PageError> {
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
    let c = state
        .store
        .get_case(ws, id)
        .await
        .map_err(|e| p.err(e.into()))?;
    if kind == EntryKind::Reply {
        let customer = state
            .store
            .get_customer(ws, c.customer_id)
            .await
            .map_err(|e| p.err(e.into()))?;
        if customer.email.is_none() {
            errors.add_message("body", p.t("case-error-no-email"));
            return invalid(&state, &user, p, id, f.body, errors).await;
        }
    }
    let now = state.now();
    state
        .store
        .add_case_entry(ws, id, kind, Some(user.user.id), &body, now)
        .await
        .map_err(|e| p.err(e.into()))?;
    if kind == EntryKind::Reply {
        crate::case_mail::send_reply(&state, &user, &c, &body, now)
            .await
            .map_err(|e| p.err(e.into()))?;
    }
    Ok(Redirect::to(&format!("/cases/{id}?done={}", kind.code())).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct UpdateForm {
    status: String,
    priority: String,
    assignee: String,
}

pub async fn update(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Form(f): Form<UpdateForm>,
) -> Result<Response, PageError> {
    let p = Page::staff(&user, &csrf, "cases", &format!("/cases/{id}"));
    let status = CaseStatus::parse(&f.status)
        .ok()
        .filter(|s| *s != CaseStatus::Closed)
        .ok_or(p.err(AppError::BadRequest))?;
    let priority = CasePriority::parse(&f.priority).map_err(|_| p.err(AppError::BadRequest))?;
    let assignee = optional_id(&f.assignee).map(UserId);
    let users = state
        .store
        .list_users(user.workspace.id)
        .await
        .map_err(|e| p.err(e.into()))?;
    let who = assignee
        .and_then(|a| users.iter().find(|u| u.id == a))
        .map(|u| u.name.clone())
        .unwrap_or_else(|| "–".into());
    let note = format!("{} · {} · {}", status.code(), priority.code(), who);
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
        .await
        .map_err(|e| p.err(e.into()))?;
    Ok(Redirect::to(&format!("/cases/{id}?done=updated")).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CloseForm {
    root_cause: String,
    new_root_cause: String,
    note: String,
    idea: Option<String>,
    idea_note: String,
}

pub async fn close(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Form(f): Form<CloseForm>,
) -> Result<Response, PageError> {
    let p = Page::staff(&user, &csrf, "cases", &format!("/cases/{id}"));
    let ws = user.workspace.id;
    let id = CaseId(id);
    let mut errors = FieldErrors::default();
    let causes = state
        .store
        .root_causes(ws)
        .await
        .map_err(|e| p.err(e.into()))?;
    let new_cause = f.new_root_cause.trim();
    let cause = if !new_cause.is_empty() {
        match NonEmpty::parse("root cause", new_cause) {
            Ok(name) => match causes
                .iter()
                .find(|c| c.name.eq_ignore_ascii_case(new_cause))
            {
                Some(c) => Some(c.id),
                None => Some(
                    state
                        .store
                        .add_root_cause(ws, &name)
                        .await
                        .map_err(|e| p.err(e.into()))?
                        .id,
                ),
            },
            Err(e) => {
                errors.add(p.tr, "root_cause", "case-root-cause", &e);
                None
            }
        }
    } else {
        optional_id(&f.root_cause)
            .and_then(|r| causes.iter().find(|c| c.id.0 == r))
            .map(|c| c.id)
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
    let c = state
        .store
        .get_case(ws, id)
        .await
        .map_err(|e| p.err(e.into()))?;
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
        .await
        .map_err(|e| p.err(e.into()))?;
    crate::case_mail::ask_rating(&state, &user.workspace, &c, &token, now)
        .await
        .map_err(|e| p.err(e.into()))?;
    Ok(Redirect::to(&format!("/cases/{id}?done=closed")).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct GrantForm {
    kind: String,
    amount: String,
    note: String,
}

pub async fn grant(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Form(f): Form<GrantForm>,
) -> Result<Response, PageError> {
    let p = Page::staff(&user, &csrf, "cases", &format!("/cases/{id}"));
    let ws = user.workspace.id;
    let id = CaseId(id);
    let mut errors = FieldErrors::default();
    let kind = GrantKind::parse(&f.kind).map_err(|_| p.err(AppError::BadRequest))?;
    let amount = errors
        .check(p.tr, "amount", "case-grant-amount", Money::parse(&f.amount))
        .filter(|m| m.0 > 0);
    if amount.is_none() && errors.is_empty() {
        errors.add_message("amount", p.t("case-error-amount"));
    }
    let note = errors.check(
        p.tr,
        "grant_note",
        "case-grant-note",
        case_text("note", &f.note, SUBJECT_MAX, false),
    );
    let (Some(amount), Some(note)) = (amount, note) else {
        return invalid(&state, &user, p, id, String::new(), errors).await;
    };
    let g = state
        .store
        .request_grant(ws, id, kind, amount, &note, &user.user, state.now())
        .await
        .map_err(|e| p.err(e.into()))?;
    let done = if g.status == GrantStatus::Pending {
        crate::case_mail::ask_approval(&state, &user, id, &g, state.now())
            .await
            .map_err(|e| p.err(e.into()))?;
        "pending"
    } else {
        "grant"
    };
    Ok(Redirect::to(&format!("/cases/{id}?done={done}")).into_response())
}

pub async fn upload(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    mut form: Multipart,
) -> Result<Response, PageError> {
    let p = Page::staff(&user, &csrf, "cases", &format!("/cases/{id}"));
    let ws = user.workspace.id;
    let id = CaseId(id);
    let mut errors = FieldErrors::default();
    let mut file: Option<(String, String, Vec<u8>)> = None;
    loop {
        match form.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let name = field
                    .file_name()
                    .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).to_owned())
                    .unwrap_or_default();
                let kind = field
                    .content_type()
                    .unwrap_or("application/octet-stream")
                    .to_owned();
                match field.bytes().await {
                    Ok(b) if b.len() > ATTACHMENT_LIMIT => {
                        errors.add_message("file", p.t("case-error-too-large"));
                    }
                    Ok(b) if !b.is_empty() && !name.is_empty() => {
                        file = Some((name, kind, b.to_vec()))
                    }
                    Ok(_) => errors.add_message("file", p.t("case-error-no-file")),
                    Err(_) => errors.add_message("file", p.t("case-error-too-large")),
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => {
                errors.add_message("file", p.t("case-error-too-large"));
                break;
            }
        }
    }
    let Some((name, kind, bytes)) = file.filter(|_| errors.is_empty()) else {
        if errors.is_empty() {
            errors.add_message("file", p.t("case-error-no-file"));
        }
        return invalid(&state, &user, p, id, String::new(), errors).await;
    };
    let name: String = name.chars().take(200).collect();
    state
        .store
        .add_case_attachment(
            ws,
            id,
            &name,
            &kind,
            &bytes,
            Some(user.user.id),
            state.now(),
        )
        .await
        .map_err(|e| p.err(e.into()))?;
    Ok(Redirect::to(&format!("/cases/{id}?done=uploaded")).into_response())
}

/// Serves an attachment to signed-in staff of the case's workspace only, always as a
/// download (never rendered in the page's origin), with its stored type.
pub async fn download(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path((id, aid)): Path<(i64, i64)>,
) -> Result<Response, PageError> {
    let p = Page::staff(&user, &csrf, "cases", &format!("/cases/{id}"));
    let (info, bytes) = state
        .store
        .case_attachment(user.workspace.id, CaseId(id), aid)
        .await
        .map_err(|e| p.err(e.into()))?;
    let safe_name: String = info
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{safe_name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

/// The customer's cases as timeline items, for the customer's page.
pub fn case_timeline_items(cases: &[Case]) -> Vec<TimelineItem> {
    cases
        .iter()
        .map(|c| TimelineItem {
            at: c.created_at,
            kind: "case",
            title: c.subject.clone(),
            detail: format!("/cases/{}", c.id),
            amount: None,
        })
        .collect()
}
