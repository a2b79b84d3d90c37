//! "Log an order" on a customer's page (issue 15): staff and owners record an order the shop
//! system did not send — a date in the business's time zone, an amount in the business's
//! currency, an optional order number and an optional discount code — so it shows on the
//! timeline, in the Value pages and, with an offer's code, as redeemed in the campaign's
//! report (`Store::log_order`). A refused form answers 422 with what was typed.

use super::log_form::optional;
use crate::kit::error::AppError;
use crate::kit::{FieldErrors, Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_domain::{Customer, CustomerId, Money, NonEmpty, UserId};
use kunde_store::{LoggedOrder, StoreError};
use serde::Deserialize;

/// The longest order number and discount code kept.
const REFERENCE_MAX: usize = 100;
const CODE_MAX: usize = 40;

/// What the form sends; a refused form shows it again as typed.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct OrderForm {
    /// `YYYY-MM-DD` in the business's zone.
    pub date: String,
    pub amount: String,
    pub reference: String,
    pub discount_code: String,
    /// Each field's error after a refused post.
    #[serde(skip)]
    pub errors: FieldErrors,
}

/// A Unix time's date in `tz`, as a date input shows it.
fn local_day(tz: &jiff::tz::TimeZone, unix: i64) -> Option<jiff::civil::Date> {
    Some(
        tz.to_datetime(jiff::Timestamp::from_second(unix).ok()?)
            .date(),
    )
}

impl OrderForm {
    /// An empty form dated today in the business's zone.
    pub fn today(tz: &jiff::tz::TimeZone, now: i64) -> Self {
        Self {
            date: local_day(tz, now)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            ..Self::default()
        }
    }

    /// The order, or each field's error. An order dated today is placed now (so it falls
    /// after a campaign sent this morning); another day's at noon there.
    fn parse(
        &self,
        p: &Page,
        customer: CustomerId,
        logged_by: UserId,
        now: i64,
    ) -> Result<LoggedOrder, FieldErrors> {
        let mut errors = FieldErrors::default();
        let date = self.date.trim().parse::<jiff::civil::Date>().ok();
        let today = local_day(&p.tz, now);
        let ordered_at = match date {
            Some(d) if Some(d) == today => Some(now),
            Some(d) if today.is_some_and(|t| d > t) => None,
            Some(d) => {
                p.tz.to_ambiguous_timestamp(d.at(12, 0, 0, 0))
                    .compatible()
                    .ok()
                    .map(|t| t.as_second())
            }
            None => None,
        };
        if ordered_at.is_none() {
            let typed = self.date.trim();
            errors.add_message("date", p.tr.t_args("order-error-date", &[("value", typed)]));
        }
        let total = match Money::parse(&self.amount) {
            Ok(m) if m.0 > 0 => Some(m),
            Ok(_) => {
                errors.add_message("amount", p.t("order-error-amount"));
                None
            }
            Err(e) => {
                errors.add(p.tr, "amount", "order-amount", &e);
                None
            }
        };
        let reference = text(p, &mut errors, "reference", &self.reference, REFERENCE_MAX);
        let code = self.discount_code.trim().to_uppercase();
        let code_ok = code.len() <= CODE_MAX
            && code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !code_ok {
            errors.add_message("discount_code", p.t("order-error-code"));
        }
        match (ordered_at, total, reference) {
            (Some(ordered_at), Some(total), Some(reference)) if errors.is_empty() => {
                Ok(LoggedOrder {
                    customer,
                    ordered_at,
                    total,
                    reference,
                    discount_code: (!code.is_empty()).then_some(code),
                    logged_by,
                })
            }
            _ => Err(errors),
        }
    }
}

/// An optional line of text: `Some(None)` when empty, `None` (with the error) when refused.
fn text(
    p: &Page,
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    max: usize,
) -> Option<Option<String>> {
    let Some(value) = optional(value) else {
        return Some(None);
    };
    match NonEmpty::parse(field, value) {
        Ok(v) if v.as_str().chars().count() <= max => Some(Some(v.as_str().to_owned())),
        _ => {
            errors.add_message(field, p.t("order-error-reference"));
            None
        }
    }
}

#[derive(Template)]
#[template(path = "customers/order.html")]
struct OrderPage {
    p: Page,
    c: Customer,
    order: OrderForm,
}

/// `POST /customers/{id}/orders`: stores the order and goes back to the customer's page, or
/// shows the form again with what was typed and the fields' errors (422).
pub async fn log_order(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<OrderForm>,
) -> Result<Response, AppError> {
    let ws = staff.workspace();
    let c = state.store.get_customer(ws, CustomerId(id)).await?;
    let p = staff.page("customers", &format!("/customers/{id}"));
    let mut errors = match f.parse(&p, c.id, staff.user.user.id, state.now()) {
        Ok(order) => match state.store.log_order(ws, &order).await {
            Ok(_) => {
                return Ok(
                    Redirect::to(&format!("/customers/{id}?done=order-logged")).into_response()
                );
            }
            Err(StoreError::Conflict(_)) => FieldErrors::default(),
            Err(e) => return Err(e.into()),
        },
        Err(errors) => errors,
    };
    if errors.is_empty() {
        errors.add_message("reference", p.t("order-error-reference-taken"));
    }
    let view = OrderPage {
        p,
        c,
        order: OrderForm { errors, ..f },
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(view.render()?)).into_response())
}
