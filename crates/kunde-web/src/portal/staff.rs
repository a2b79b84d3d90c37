//! The staff side of one customer's portal (`/customers/{id}/portal`, linked from the
//! customer's page): their invoices (create, edit, mark paid or open again), the documents
//! shared with them (upload, download) and their portal sessions (end them all, which also
//! revokes unused sign-in links).

use super::home::size;
use super::session::{PortalNotices, download, read_file, today};
use crate::kit::error::AppError;
use crate::kit::{FieldErrors, Notice, Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_domain::{Customer, CustomerId, Money};
use kunde_store::{CustomerOrder, Invoice, NewInvoice, PortalDocument, StoreError};
use serde::Deserialize;

use super::session::IDLE_SECONDS;

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct InvoiceForm {
    number: String,
    issued: String,
    due: String,
    amount: String,
}

impl InvoiceForm {
    pub fn new(number: &str, issued: &str, due: &str, amount: &str) -> Self {
        Self {
            number: number.to_owned(),
            issued: issued.to_owned(),
            due: due.to_owned(),
            amount: amount.to_owned(),
        }
    }

    fn from_invoice(i: &Invoice) -> Self {
        Self {
            number: i.number.clone(),
            issued: i.issued.clone(),
            due: i.due.clone(),
            amount: i.amount.to_string(),
        }
    }
}

/// `YYYY-MM-DD` of a real calendar date.
pub fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (
        s[..4].parse::<i32>(),
        s[5..7].parse::<u8>(),
        s[8..].parse::<u8>(),
    ) else {
        return false;
    };
    time::Month::try_from(m)
        .ok()
        .and_then(|m| time::Date::from_calendar_date(y, m, d).ok())
        .is_some()
}

/// Checks a typed invoice; the errors name the fields.
pub fn parse_invoice(p: &Page, f: &InvoiceForm) -> Result<NewInvoice, FieldErrors> {
    let mut errors = FieldErrors::default();
    let number = f.number.trim();
    if number.is_empty() || number.chars().count() > 60 {
        errors.add_message("number", p.t("portal-error-number"));
    }
    for (field, v) in [("issued", &f.issued), ("due", &f.due)] {
        if !valid_date(v.trim()) {
            errors.add_message(field, p.t("portal-error-date"));
        }
    }
    if errors.get("issued").is_empty()
        && errors.get("due").is_empty()
        && f.due.trim() < f.issued.trim()
    {
        errors.add_message("due", p.t("portal-error-due-before"));
    }
    let amount = Money::parse(f.amount.trim()).ok().filter(|m| m.0 >= 0);
    if amount.is_none() {
        errors.add_message("amount", p.t("error-money"));
    }
    match amount {
        Some(amount) if errors.is_empty() => Ok(NewInvoice {
            number: number.to_owned(),
            issued: f.issued.trim().to_owned(),
            due: f.due.trim().to_owned(),
            amount,
        }),
        _ => Err(errors),
    }
}

#[derive(Template)]
#[template(path = "portal/staff.html")]
struct StaffPage {
    p: Page,
    c: Customer,
    site: String,
    today: String,
    invoices: Vec<Invoice>,
    documents: Vec<PortalDocument>,
    sessions: i64,
    editing: Option<i64>,
    f: InvoiceForm,
    errors: FieldErrors,
    /// The customer's orders without an invoice yet (newest first, at most 20).
    orders: Vec<CustomerOrder>,
}

impl StaffPage {
    fn status_label(&self, i: &Invoice) -> String {
        self.p
            .t(&format!("portal-status-{}", i.status(&self.today).code()))
    }
    fn amount(&self, m: &Money) -> String {
        self.p.money(m)
    }
    fn size(&self, d: &PortalDocument) -> String {
        size(d.size)
    }
    fn form_action(&self) -> String {
        match self.editing {
            Some(id) => format!("/customers/{}/portal/invoices/{id}", self.c.id),
            None => format!("/customers/{}/portal/invoices", self.c.id),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EditQuery {
    edit: Option<i64>,
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn render(
    state: &AppState,
    staff: &Staff,
    id: CustomerId,
    editing: Option<i64>,
    f: Option<InvoiceForm>,
    errors: FieldErrors,
    notice: Option<&'static str>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let ws = staff.workspace();
    let c = state.store.get_customer(ws, id).await?;
    let invoices = state.store.customer_invoices(ws, id).await?;
    let f = match (f, editing) {
        (Some(f), _) => f,
        (None, Some(e)) => InvoiceForm::from_invoice(
            invoices
                .iter()
                .find(|i| i.id == e)
                .ok_or(AppError::NotFound)?,
        ),
        (None, None) => InvoiceForm::default(),
    };
    let orders = state
        .store
        .customer_orders(ws, id)
        .await?
        .into_iter()
        .filter(|o| o.invoice.is_none())
        .take(20)
        .collect();
    let view = StaffPage {
        orders,
        p: staff
            .page("customers", &format!("/customers/{id}/portal"))
            .with_notice(notice),
        site: state.store.help_site_slug(ws).await?,
        today: today(state, ws).await?,
        documents: state.store.portal_documents(ws, id).await?,
        sessions: state
            .store
            .portal_session_count(ws, id, state.now(), IDLE_SECONDS)
            .await?,
        invoices,
        editing,
        f,
        errors,
        c,
    };
    Ok((status, Html(view.render()?)).into_response())
}

pub async fn page(
    State(state): State<AppState>,
    staff: Staff,
    done: Notice<PortalNotices>,
    Path(id): Path<i64>,
    Query(q): Query<EditQuery>,
) -> Result<Response, AppError> {
    render(
        &state,
        &staff,
        CustomerId(id),
        q.edit,
        None,
        FieldErrors::default(),
        done.key(),
        StatusCode::OK,
    )
    .await
}

async fn save(
    state: &AppState,
    staff: &Staff,
    id: CustomerId,
    editing: Option<i64>,
    f: InvoiceForm,
) -> Result<Response, AppError> {
    let ws = staff.workspace();
    let p = staff.page("customers", "");
    let new = match parse_invoice(&p, &f) {
        Ok(new) => new,
        Err(errors) => {
            return render(
                state,
                staff,
                id,
                editing,
                Some(f),
                errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let saved = match editing {
        Some(iid) => state
            .store
            .update_invoice(ws, id, iid, &new)
            .await
            .map(|_| ()),
        None => state
            .store
            .create_invoice(ws, id, &new, state.now())
            .await
            .map(|_| ()),
    };
    match saved {
        Ok(()) => Ok(
            Redirect::to(&format!("/customers/{id}/portal?done=portal-invoice-saved"))
                .into_response(),
        ),
        Err(StoreError::Conflict(_)) => {
            let mut errors = FieldErrors::default();
            errors.add_message("number", p.t("portal-error-number-taken"));
            render(
                state,
                staff,
                id,
                editing,
                Some(f),
                errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn create_invoice(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<InvoiceForm>,
) -> Result<Response, AppError> {
    save(&state, &staff, CustomerId(id), None, f).await
}

pub async fn update_invoice(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, iid)): Path<(i64, i64)>,
    Form(f): Form<InvoiceForm>,
) -> Result<Response, AppError> {
    save(&state, &staff, CustomerId(id), Some(iid), f).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PaidForm {
    paid: String,
}

pub async fn mark_paid(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, iid)): Path<(i64, i64)>,
    Form(f): Form<PaidForm>,
) -> Result<Response, AppError> {
    let paid_at = (f.paid == "1").then(|| state.now());
    state
        .store
        .set_invoice_paid(staff.workspace(), CustomerId(id), iid, paid_at)
        .await?;
    Ok(Redirect::to(&format!("/customers/{id}/portal?done=portal-invoice-saved")).into_response())
}

pub async fn upload(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    form: Multipart,
) -> Result<Response, AppError> {
    let id = CustomerId(id);
    let (name, kind, bytes) = match read_file(form).await {
        Ok(file) => file,
        Err(key) => {
            let mut errors = FieldErrors::default();
            errors.add_message("file", staff.page("customers", "").t(key));
            return render(
                &state,
                &staff,
                id,
                None,
                None,
                errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    state
        .store
        .add_portal_document(
            staff.workspace(),
            id,
            &name,
            &kind,
            &bytes,
            Some(staff.user.user.id),
            false,
            state.now(),
        )
        .await?;
    Ok(Redirect::to(&format!(
        "/customers/{id}/portal?done=portal-document-shared"
    ))
    .into_response())
}

pub async fn document(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, did)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let (doc, bytes) = state
        .store
        .portal_document(staff.workspace(), CustomerId(id), did)
        .await?;
    Ok(download(&doc.file_name, bytes))
}

pub async fn end_sessions(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let ws = staff.workspace();
    // 404 for a customer of another workspace, before anything is written.
    state.store.get_customer(ws, CustomerId(id)).await?;
    state
        .store
        .end_portal_sessions(ws, CustomerId(id), state.now())
        .await?;
    Ok(Redirect::to(&format!(
        "/customers/{id}/portal?done=portal-sessions-ended"
    ))
    .into_response())
}
