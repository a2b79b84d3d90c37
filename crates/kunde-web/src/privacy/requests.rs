//! A customer's privacy requests, made by the owner from the customer's page: the export (a
//! ZIP of everything held about them, README in their language) and the erasure, after a
//! confirmation page that counts what is removed and what is kept anonymously.

use crate::kit::audit::Audit;
use crate::kit::client::ClientKey;
use crate::kit::error::AppError;
use crate::kit::{Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_domain::{Customer, CustomerId, Language};
use kunde_store::{CustomerDataCounts, audit_action, export_zip};

/// Sends the customer's data as a ZIP download and records the export.
pub async fn export(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    client: ClientKey,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let ws = user.workspace.id;
    let export = state
        .store
        .customer_export(ws, CustomerId(id), state.now())
        .await?;
    let language = Language::parse(&export.profile.language).unwrap_or(user.user.language);
    let zip = export_zip::customer_zip(&export, language)
        .map_err(|e| AppError::internal(format!("customer export: {e}")))?;
    Audit::by(&user, &client)
        .record(
            &state,
            audit_action::CUSTOMER_EXPORT,
            ("customer", Some(id)),
            "",
        )
        .await;
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"customer-{id}.zip\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        zip,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "privacy/erase.html")]
struct ErasePage {
    p: Page,
    c: Customer,
    counts: CustomerDataCounts,
    already: bool,
}

/// The confirmation page: what erasing this customer removes and what stays anonymously.
pub async fn erase_confirm(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let ws = staff.workspace();
    let c = state.store.get_customer(ws, CustomerId(id)).await?;
    let counts = state.store.count_customer_data(ws, c.id).await?;
    let already = state.store.is_erased(ws, c.id).await?;
    let view = ErasePage {
        p: staff.page("customers", &format!("/customers/{id}/erase")),
        c,
        counts,
        already,
    };
    Ok(Html(view.render()?))
}

/// Erases the customer (one store transaction, which also records the audit entry), then
/// shows the customer's page with the anonymous stand-in.
pub async fn erase(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    client: ClientKey,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let audit = Audit::by(&user, &client);
    state
        .store
        .erase_customer(
            user.workspace.id,
            CustomerId(id),
            audit.actor(),
            state.now(),
        )
        .await?;
    Ok(Redirect::to(&format!("/customers/{id}")).into_response())
}
