//! "Create an invoice from an order" on the staff side of a customer's portal: the order's
//! amount, its date (in the business's time zone) as the issue date, and the number and due
//! date staff type. An order gets at most one invoice; another customer's order is 404.

use super::staff::{InvoiceForm, parse_invoice, render};
use crate::kit::error::AppError;
use crate::kit::{FieldErrors, Staff};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kunde_domain::CustomerId;
use kunde_store::StoreError;
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct FromOrderForm {
    order: String,
    number: String,
    due: String,
}

pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<FromOrderForm>,
) -> Result<Response, AppError> {
    let ws = staff.workspace();
    let id = CustomerId(id);
    let event: i64 = f.order.trim().parse().map_err(|_| AppError::BadRequest)?;
    let order = state
        .store
        .customer_orders(ws, id)
        .await?
        .into_iter()
        .find(|o| o.event_id == event)
        .ok_or(AppError::NotFound)?;
    let cal = state.store.business_calendar(ws).await?;
    let issued: String = cal
        .format_local(order.occurred_at)
        .chars()
        .take(10)
        .collect();
    let p = staff.page("customers", "");
    let form = InvoiceForm::new(&f.number, &issued, &f.due, &order.amount.to_string());
    let refuse = |errors: FieldErrors| {
        render(
            &state,
            &staff,
            id,
            None,
            Some(form.clone()),
            errors,
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
    };
    let new = match parse_invoice(&p, &form) {
        Ok(new) => new,
        Err(errors) => return refuse(errors).await,
    };
    match state
        .store
        .create_invoice_from_order(
            ws,
            id,
            &kunde_store::OrderInvoice {
                event,
                number: &new.number,
                issued: &new.issued,
                due: &new.due,
            },
            state.now(),
        )
        .await
    {
        Ok(_) => Ok(
            Redirect::to(&format!("/customers/{id}/portal?done=portal-invoice-saved"))
                .into_response(),
        ),
        Err(StoreError::Conflict(what)) => {
            let mut errors = FieldErrors::default();
            let key = if what.contains("order") {
                "portal-error-order-invoiced"
            } else {
                "portal-error-number-taken"
            };
            errors.add_message("number", p.t(key));
            refuse(errors).await
        }
        Err(e) => Err(e.into()),
    }
}
