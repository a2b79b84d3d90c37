//! The customer's side of cases: the public complaint form of a business (reached by its
//! unguessable public id, rate-limited, CSRF-protected) and the one-question rating of how a
//! closed case was handled (reached by a 128-bit token sent by e-mail).

use super::labels::category_name;
use super::timing::Calendar;
use crate::kit::auth::public_tr;
use crate::kit::csrf::CsrfToken;
use crate::kit::error::{AppError, PageError};
use crate::kit::{FieldErrors, Page};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::{Extension, Form};
use kunde_domain::*;
use kunde_store::{CaseContact, StoreError};
use serde::Deserialize;

/// Complaints one client may send per minute.
pub const COMPLAINTS_PER_MINUTE: u32 = 5;

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct ComplaintForm {
    name: String,
    email: String,
    category: String,
    subject: String,
    description: String,
}

#[derive(Template)]
#[template(path = "cases/complaint.html")]
struct ComplaintPage {
    p: Page,
    business: String,
    public_id: String,
    categories: Vec<CaseCategory>,
    f: ComplaintForm,
    errors: FieldErrors,
    sent: bool,
}

impl ComplaintPage {
    fn category_label(&self, c: &CaseCategory) -> String {
        category_name(self.p.tr, c)
    }
}

async fn workspace(
    state: &AppState,
    tr: crate::kit::i18n::Tr,
    public_id: &str,
) -> Result<Workspace, PageError> {
    // Public ids are 32 hex characters; anything else is not looked up.
    if public_id.len() != 32 || !public_id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(PageError(tr, AppError::NotFound));
    }
    state
        .store
        .case_form_workspace(public_id)
        .await
        .map_err(|e| PageError(tr, e.into()))?
        .ok_or(PageError(tr, AppError::NotFound))
}

fn render(view: ComplaintPage, status: StatusCode) -> Result<Response, PageError> {
    let html = view.render().map_err(|e| view.p.err(e.into()))?;
    Ok((status, Html(html)).into_response())
}

pub async fn complaint_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfToken>,
    Path(public_id): Path<String>,
) -> Result<Response, PageError> {
    let tr = public_tr(&headers);
    let ws = workspace(&state, tr, &public_id).await?;
    let categories = state
        .store
        .case_categories(ws.id)
        .await
        .map_err(|e| PageError(tr, e.into()))?;
    render(
        ComplaintPage {
            p: Page::public(tr, &csrf, &format!("/complaint/{public_id}")),
            business: ws.name,
            public_id,
            categories,
            f: ComplaintForm::default(),
            errors: FieldErrors::default(),
            sent: false,
        },
        StatusCode::OK,
    )
}

pub async fn complaint_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: crate::kit::client::ClientKey,
    Extension(csrf): Extension<CsrfToken>,
    Path(public_id): Path<String>,
    Form(f): Form<ComplaintForm>,
) -> Result<Response, PageError> {
    let tr = public_tr(&headers);
    let ws = workspace(&state, tr, &public_id).await?;
    let p = Page::public(tr, &csrf, &format!("/complaint/{public_id}"));
    if state
        .rate_limits
        .check("complaint", &client.0, COMPLAINTS_PER_MINUTE)
        .await
        .is_err()
    {
        return Ok(crate::kit::error::render_error(
            tr,
            StatusCode::TOO_MANY_REQUESTS,
            "case-error-too-many",
        ));
    }
    let categories = state
        .store
        .case_categories(ws.id)
        .await
        .map_err(|e| p.err(e.into()))?;
    let mut errors = FieldErrors::default();
    let name = errors.check(
        tr,
        "name",
        "case-form-name",
        NonEmpty::parse("name", &f.name),
    );
    let email = errors.check(tr, "email", "case-form-email", Email::parse(&f.email));
    let category = f
        .category
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|id| categories.iter().find(|c| c.id.0 == id));
    if category.is_none() {
        errors.add_message("category", tr.t("case-error-category"));
    }
    let subject = errors.check(
        tr,
        "subject",
        "case-subject",
        case_text("subject", &f.subject, SUBJECT_MAX, true),
    );
    let description = errors.check(
        tr,
        "description",
        "case-description",
        case_text("description", &f.description, BODY_MAX, true),
    );
    if let (Some(name), Some(email), Some(category), Some(subject), Some(description)) =
        (name, email, category, subject, description)
        && errors.is_empty()
    {
        let now = state.now();
        let cal = Calendar::load(&state, ws.id)
            .await
            .map_err(|e| p.err(e.into()))?;
        let new = NewCase {
            customer_id: None,
            touchpoint_id: None,
            category_id: category.id,
            subject,
            description,
            priority: CasePriority::Normal,
            assignee_id: None,
            source: CaseSource::Form,
            created_by: None,
            created_at: now,
            due: cal.due(category, now),
        };
        let contact = CaseContact {
            name,
            email,
            language: tr.lang(),
        };
        state
            .store
            .create_case_for_contact(ws.id, &contact, &new)
            .await
            .map_err(|e: StoreError| p.err(e.into()))?;
        return render(
            ComplaintPage {
                p,
                business: ws.name,
                public_id,
                categories,
                f: ComplaintForm::default(),
                errors,
                sent: true,
            },
            StatusCode::OK,
        );
    }
    render(
        ComplaintPage {
            p,
            business: ws.name,
            public_id,
            categories,
            f,
            errors,
            sent: false,
        },
        StatusCode::UNPROCESSABLE_ENTITY,
    )
}

#[derive(Template)]
#[template(path = "cases/rating.html")]
struct RatingPage {
    p: Page,
    token: String,
    subject: String,
    rating: Option<i64>,
    thanks: bool,
    error: bool,
    /// The link was used already: the rating is shown, not asked again.
    used: bool,
}

impl RatingPage {
    fn scale(&self) -> [i64; 5] {
        [1, 2, 3, 4, 5]
    }
    fn checked(&self, n: &i64) -> bool {
        self.rating == Some(*n)
    }
}

/// The case behind a rating link, and whether the link was used already.
async fn rated_case(
    state: &AppState,
    tr: crate::kit::i18n::Tr,
    token: &str,
) -> Result<(Case, bool), PageError> {
    if token.len() != 32 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(PageError(tr, AppError::NotFound));
    }
    state
        .store
        .rating_link(&kunde_store::token_hash(token))
        .await
        .map_err(|e| PageError(tr, e.into()))?
        .ok_or(PageError(tr, AppError::NotFound))
}

/// The rating page speaks the customer's language unless the visitor picked another.
async fn rating_tr(state: &AppState, headers: &HeaderMap, c: &Case) -> crate::kit::i18n::Tr {
    if crate::kit::cookies::cookie(headers, crate::kit::auth::LANG_COOKIE).is_some() {
        return public_tr(headers);
    }
    let Some(customer) = c.customer_id else {
        return public_tr(headers);
    };
    match state.store.get_customer(c.workspace_id, customer).await {
        Ok(customer) => crate::kit::i18n::Tr::new(customer.language),
        Err(_) => public_tr(headers),
    }
}

pub async fn rating_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfToken>,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let (c, used) = rated_case(&state, public_tr(&headers), &token).await?;
    let tr = rating_tr(&state, &headers, &c).await;
    let view = RatingPage {
        p: Page::public(tr, &csrf, &format!("/c/{token}")),
        token,
        subject: c.subject,
        rating: c.rating,
        thanks: false,
        error: false,
        used,
    };
    view.render()
        .map(|h| Html(h).into_response())
        .map_err(|e| view.p.err(e.into()))
}

#[derive(Deserialize)]
pub struct RatingForm {
    rating: Option<String>,
}

pub async fn rating_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfToken>,
    Path(token): Path<String>,
    Form(f): Form<RatingForm>,
) -> Result<Response, PageError> {
    let (c, used) = rated_case(&state, public_tr(&headers), &token).await?;
    let tr = rating_tr(&state, &headers, &c).await;
    let p = Page::public(tr, &csrf, &format!("/c/{token}"));
    // A link rates once: a second answer changes nothing and says so.
    if used {
        let view = RatingPage {
            p,
            token,
            subject: c.subject,
            rating: c.rating,
            thanks: false,
            error: false,
            used: true,
        };
        let html = view.render().map_err(|e| view.p.err(e.into()))?;
        return Ok((StatusCode::CONFLICT, Html(html)).into_response());
    }
    let rating = f
        .rating
        .as_deref()
        .and_then(|r| r.trim().parse::<i64>().ok())
        .filter(|r| (1..=5).contains(r));
    let (status, thanks, used) = match rating {
        Some(r) => match state
            .store
            .rate_case(&kunde_store::token_hash(&token), r, state.now())
            .await
        {
            Ok(()) => (StatusCode::OK, true, false),
            // Two answers at once: the first one counts.
            Err(kunde_store::StoreError::Conflict(_)) => (StatusCode::CONFLICT, false, true),
            Err(e) => return Err(p.err(e.into())),
        },
        None => (StatusCode::UNPROCESSABLE_ENTITY, false, false),
    };
    let view = RatingPage {
        p,
        token,
        subject: c.subject,
        rating: rating.or(c.rating),
        thanks,
        error: !thanks && !used,
        used,
    };
    let html = view.render().map_err(|e| view.p.err(e.into()))?;
    Ok((status, Html(html)).into_response())
}
