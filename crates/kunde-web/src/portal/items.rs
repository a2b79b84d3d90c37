//! What a signed-in customer opens: one invoice, a document (download; uploading one back),
//! one of their cases with the public replies only (never internal notes), and opening a
//! new case, which lands in the staff case tools with its due times.
//!
//! Every read passes the customer as well as the workspace to the store: an id of another
//! customer's invoice, document or case answers 404, exactly like one that does not exist.

use super::journey::{Action, record};
use super::session::{PortalCustomer, PortalNotices, PortalPage, download, read_file, today};
use crate::cases::{Calendar, category_name};
use crate::kit::error::AppError;
use crate::kit::{FieldErrors, Notice};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_domain::*;
use kunde_store::Invoice;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "portal/invoice.html")]
struct InvoicePage {
    pp: PortalPage,
    i: Invoice,
    status: &'static str,
}

impl InvoicePage {
    fn status_label(&self) -> String {
        self.pp.t(&format!("portal-status-{}", self.status))
    }
}

pub async fn invoice(
    State(state): State<AppState>,
    who: PortalCustomer,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let ws = who.ws();
    let i = state
        .store
        .customer_invoice(ws, who.customer.id, id)
        .await?;
    let status = i.status(&today(&state, ws).await?).code();
    record(&state, ws, who.customer.id, Action::ViewedInvoice).await;
    let view = InvoicePage {
        pp: who.page(&format!("{}/invoices/{id}", who.base())),
        i,
        status,
    };
    Ok(Html(view.render()?).into_response())
}

pub async fn document(
    State(state): State<AppState>,
    who: PortalCustomer,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let ws = who.ws();
    let (doc, bytes) = state.store.portal_document(ws, who.customer.id, id).await?;
    record(&state, ws, who.customer.id, Action::DownloadedDocument).await;
    Ok(download(&doc.file_name, bytes))
}

pub async fn upload(
    State(state): State<AppState>,
    who: PortalCustomer,
    form: Multipart,
) -> Result<Response, AppError> {
    let ws = who.ws();
    let (name, kind, bytes) = match read_file(form).await {
        Ok(file) => file,
        Err(key) => {
            return Ok(crate::kit::error::render_error(
                who.site.tr,
                StatusCode::UNPROCESSABLE_ENTITY,
                key,
            ));
        }
    };
    state
        .store
        .add_portal_document(
            ws,
            who.customer.id,
            &name,
            &kind,
            &bytes,
            None,
            true,
            state.now(),
        )
        .await?;
    record(&state, ws, who.customer.id, Action::UploadedDocument).await;
    Ok(Redirect::to(&format!("{}/home?done=portal-uploaded", who.base())).into_response())
}

#[derive(Template)]
#[template(path = "portal/case.html")]
struct CasePage {
    pp: PortalPage,
    c: Case,
    replies: Vec<CaseEntry>,
    body: String,
    errors: FieldErrors,
}

impl CasePage {
    fn closed(&self) -> bool {
        self.c.status == CaseStatus::Closed
    }

    fn written_by_customer(&self, e: &CaseEntry) -> bool {
        e.kind == EntryKind::CustomerReply
    }

    fn status(&self) -> String {
        self.pp.t(&format!("case-status-{}", self.c.status.code()))
    }
}

pub async fn case(
    State(state): State<AppState>,
    who: PortalCustomer,
    done: Notice<PortalNotices>,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let view = case_page(
        &state,
        &who,
        id,
        done.key(),
        String::new(),
        FieldErrors::default(),
    )
    .await?;
    Ok(Html(view.render()?).into_response())
}

async fn case_page(
    state: &AppState,
    who: &PortalCustomer,
    id: i64,
    notice: Option<&'static str>,
    body: String,
    errors: FieldErrors,
) -> Result<CasePage, AppError> {
    let ws = who.ws();
    let c = state.store.get_case(ws, CaseId(id)).await?;
    if c.customer_id != Some(who.customer.id) {
        return Err(AppError::NotFound);
    }
    // Only what passed between the customer and the business: replies both ways. Notes and
    // events stay with staff.
    let replies = state
        .store
        .case_entries(ws, c.id)
        .await?
        .into_iter()
        .filter(|e| matches!(e.kind, EntryKind::Reply | EntryKind::CustomerReply))
        .collect();
    let mut pp = who.page(&format!("{}/cases/{id}", who.base()));
    pp.p = pp.p.with_notice(notice);
    Ok(CasePage {
        pp,
        c,
        replies,
        body,
        errors,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReplyForm {
    body: String,
}

/// The customer's reply to one of their open cases: it lands in the staff case view marked
/// as from the customer, and a case waiting on the customer opens again.
pub async fn reply(
    State(state): State<AppState>,
    who: PortalCustomer,
    Path((_, id)): Path<(String, i64)>,
    Form(f): Form<ReplyForm>,
) -> Result<Response, AppError> {
    let ws = who.ws();
    let mut errors = FieldErrors::default();
    let checked = errors.check(
        who.site.tr,
        "body",
        "portal-reply",
        case_text("body", &f.body, BODY_MAX, true),
    );
    let Some(body) = checked else {
        let view = case_page(&state, &who, id, None, f.body, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(view.render()?)).into_response());
    };
    match state
        .store
        .add_customer_reply(ws, who.customer.id, CaseId(id), &body, state.now())
        .await
    {
        Ok(_) => {}
        Err(kunde_store::StoreError::Conflict(_)) => {
            let mut errors = FieldErrors::default();
            errors.add_message("body", who.site.tr.t("portal-reply-closed"));
            let view = case_page(&state, &who, id, None, f.body, errors).await?;
            return Ok((StatusCode::CONFLICT, Html(view.render()?)).into_response());
        }
        Err(e) => return Err(e.into()),
    }
    record(&state, ws, who.customer.id, Action::RepliedToCase).await;
    Ok(Redirect::to(&format!("{}/cases/{id}?done=portal-reply-sent", who.base())).into_response())
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct CaseForm {
    category: String,
    subject: String,
    description: String,
}

#[derive(Template)]
#[template(path = "portal/new_case.html")]
struct NewCasePage {
    pp: PortalPage,
    categories: Vec<(String, String)>,
    f: CaseForm,
    errors: FieldErrors,
}

async fn new_case_page(
    state: &AppState,
    who: &PortalCustomer,
    f: CaseForm,
    errors: FieldErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let categories = state
        .store
        .case_categories(who.ws())
        .await?
        .iter()
        .map(|c| (c.id.to_string(), category_name(who.site.tr, c)))
        .collect();
    let view = NewCasePage {
        pp: who.page(&format!("{}/cases/new", who.base())),
        categories,
        f,
        errors,
    };
    Ok((status, Html(view.render()?)).into_response())
}

pub async fn new_case(
    State(state): State<AppState>,
    who: PortalCustomer,
) -> Result<Response, AppError> {
    new_case_page(
        &state,
        &who,
        CaseForm::default(),
        FieldErrors::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn create_case(
    State(state): State<AppState>,
    who: PortalCustomer,
    Form(f): Form<CaseForm>,
) -> Result<Response, AppError> {
    let ws = who.ws();
    let tr = who.site.tr;
    let categories = state.store.case_categories(ws).await?;
    let mut errors = FieldErrors::default();
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
    let (Some(category), Some(subject), Some(description)) = (category, subject, description)
    else {
        return new_case_page(&state, &who, f, errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let now = state.now();
    let cal = Calendar::load(&state, ws).await?;
    let new = NewCase {
        customer_id: Some(who.customer.id),
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
    let case = state.store.create_case(ws, &new).await?;
    record(&state, ws, who.customer.id, Action::OpenedCase).await;
    Ok(Redirect::to(&format!(
        "{}/cases/{}?done=portal-case-opened",
        who.base(),
        case.id
    ))
    .into_response())
}
