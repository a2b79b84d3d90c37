//! Opening a case: the new-case form (from a customer's page, or filled in from a survey
//! follow-up) and saving it, which closes the follow-up with it.

use super::labels::category_name;
use super::timing::Calendar;
use crate::kit::error::AppError;
use crate::kit::{FieldErrors, Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_domain::*;
use kunde_store::{SessionUser, StoreError};
use serde::Deserialize;

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct CaseForm {
    pub(super) customer: String,
    pub(super) category: String,
    pub(super) touchpoint: String,
    pub(super) subject: String,
    pub(super) description: String,
    pub(super) priority: String,
    pub(super) assignee: String,
    /// The survey follow-up the case is opened from, if any: closed once the case exists.
    pub(super) followup: String,
}

#[derive(Template)]
#[template(path = "cases/new.html")]
pub(super) struct NewPage {
    pub(super) p: Page,
    /// `None` for a case from an anonymous answer (a follow-up without a customer).
    pub(super) customer: Option<Customer>,
    pub(super) categories: Vec<CaseCategory>,
    pub(super) touchpoints: Vec<Touchpoint>,
    pub(super) users: Vec<User>,
    pub(super) f: CaseForm,
    pub(super) errors: FieldErrors,
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
    pub(super) customer: Option<i64>,
    /// Open the case from this survey follow-up: its customer, touchpoint and answer.
    pub(super) followup: Option<i64>,
}

pub(super) async fn new_page(
    state: &AppState,
    p: Page,
    ws: WorkspaceId,
    customer: Option<CustomerId>,
    f: CaseForm,
    errors: FieldErrors,
) -> Result<NewPage, AppError> {
    let load = async {
        let customer = match customer {
            Some(id) => Some(state.store.get_customer(ws, id).await?),
            None => None,
        };
        Ok::<_, StoreError>((
            customer,
            state.store.case_categories(ws).await?,
            state.store.all_touchpoints(ws).await?,
            state.store.list_users(ws).await?,
        ))
    };
    let (customer, categories, touchpoints, users) = load.await?;
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
    Staff { user, csrf }: Staff,
    Query(q): Query<NewQuery>,
) -> Result<Response, AppError> {
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
        Some(CustomerId(customer)),
        f,
        FieldErrors::default(),
    )
    .await?;
    Ok(Html(view.render()?).into_response())
}

/// The new-case form filled in from a survey follow-up: its customer and touchpoint, a
/// subject for the customer naming the survey, and the touchpoint's owner (else the user) as
/// assignee. An anonymous answer (public link, QR code) gets a case without a customer.
pub(super) async fn from_followup(
    state: &AppState,
    p: Page,
    user: &SessionUser,
    id: i64,
) -> Result<Response, AppError> {
    let ws = user.workspace.id;
    let fu = state.store.get_followup(ws, id).await?;
    let customer = fu.customer_id.map(CustomerId);
    // The subject is what the customer reads on every reply ("Re: …"): it speaks to them,
    // in their language; why the follow-up was opened stays in the description for staff.
    // Without a customer nobody reads it but staff.
    let language = match customer {
        Some(c) => state.store.get_customer(ws, c).await?.language,
        None => p.tr.lang(),
    };
    let subject = crate::kit::i18n::Tr::new(language).t_args(
        "case-from-followup-subject",
        &[("survey", fu.survey_title().get(language, Language::En))],
    );
    let survey = fu.survey_title().get(p.tr.lang(), Language::En).to_owned();
    let reason = crate::survey_results::reason_label(&p, &fu);
    let score = fu.score.to_string();
    let answered = p.datetime(&fu.created_at);
    let args = [
        ("reason", reason.as_str()),
        ("score", score.as_str()),
        ("survey", survey.as_str()),
        ("answered", answered.as_str()),
    ];
    let f = CaseForm {
        customer: customer.map(|c| c.0.to_string()).unwrap_or_default(),
        touchpoint: fu.touchpoint_id.map(|t| t.to_string()).unwrap_or_default(),
        subject,
        description: p.tr.t_args("case-from-followup-description", &args),
        priority: "high".into(),
        assignee: fu.owner_id.unwrap_or(user.user.id.0).to_string(),
        followup: fu.id.to_string(),
        ..CaseForm::default()
    };
    let view = new_page(state, p, ws, customer, f, FieldErrors::default()).await?;
    Ok(Html(view.render()?).into_response())
}

pub(super) fn optional_id(s: &str) -> Option<i64> {
    s.trim().parse().ok()
}

pub async fn create(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Form(f): Form<CaseForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "cases", "/cases/new");
    let ws = user.workspace.id;
    let customer = match (optional_id(&f.customer), optional_id(&f.followup)) {
        (Some(c), _) => Some(CustomerId(c)),
        // No customer only for a follow-up of an anonymous answer; one that names a
        // customer opens the case for that customer.
        (None, Some(fu)) => state
            .store
            .get_followup(ws, fu)
            .await?
            .customer_id
            .map(CustomerId),
        (None, None) => return Err(AppError::BadRequest),
    };
    let categories = state.store.case_categories(ws).await?;
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
        let cal = Calendar::load(&state, ws).await?;
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
        let created = match optional_id(&f.followup) {
            // The follow-up's answer is now this case, closed with it in one transaction; one
            // already closed stays as it was.
            Some(fu) => {
                let tr = p.tr;
                state
                    .store
                    .create_case_from_followup(ws, &new, fu, |id| {
                        tr.t_args("case-from-followup-action", &[("id", &id.to_string())])
                    })
                    .await
            }
            None => state.store.create_case(ws, &new).await,
        };
        match created {
            Ok(c) => {
                return Ok(Redirect::to(&format!("/cases/{}?done=created", c.id)).into_response());
            }
            Err(StoreError::InvalidReference(what)) if what == "customer" => {
                return Err(AppError::NotFound);
            }
            Err(StoreError::InvalidReference(_)) => {
                errors.add_message("form", p.t("case-error-reference"));
            }
            Err(e) => return Err(e.into()),
        }
    }
    let view = new_page(&state, p, ws, customer, f, errors).await?;
    let html = view.render()?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
}
