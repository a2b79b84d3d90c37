//! `/reports` (the months with a link to each report, and the owner's e-mail choice) and
//! the PDFs: `/reports/monthly/{YYYY-MM}.pdf` for staff, an invoice for staff and for the
//! signed-in customer in the portal.

use super::document::{self, InvoiceInput, Monthly};
use crate::dashboard::headline;
use crate::kit::audit::Audit;
use crate::kit::client::ClientKey;
use crate::kit::error::AppError;
use crate::kit::extract::{Notice, Notices};
use crate::kit::format::{analytics_zone, month_year};
use crate::kit::{Page, Staff};
use crate::portal::PortalCustomer;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_analytics::Zone;
use kunde_analytics::civil::{Period, PeriodKey};
use kunde_domain::{CustomerId, WorkspaceId};
use kunde_store::{SessionUser, audit_action};
use serde::Deserialize;

/// The list shows at most this many months, newest first.
const LISTED: i64 = 36;

/// Where the months of reports begin: the workspace's creation or its first event, which
/// ever came first.
async fn since(state: &AppState, user: &SessionUser) -> Result<i64, AppError> {
    let created = user.workspace.created_at;
    let first = state.store.first_event_at(user.workspace.id).await?;
    Ok(first.map_or(created, |t| t.min(created)))
}

pub struct ReportNotices;

impl Notices for ReportNotices {
    const KEYS: &'static [&'static str] = &["report-email-on", "report-email-off"];
}

struct MonthLink {
    label: String,
    name: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "reports/list.html")]
struct ListPage {
    p: Page,
    months: Vec<MonthLink>,
    email: bool,
}

/// The months a report exists for: from the workspace's first month (or its first event's,
/// for history imported from before Kunde) to this one, newest first, at most [`LISTED`].
fn months(zone: &Zone, created_at: i64, now: i64) -> Vec<PeriodKey> {
    let first = zone.key_of(Period::Month, created_at.min(now));
    let this = zone.key_of(Period::Month, now);
    let n = first.periods_until(this).clamp(0, LISTED - 1);
    (0..=n).map(|back| this.plus(-back)).collect()
}

fn name_of(p: &Page, key: PeriodKey) -> String {
    let label = key.label();
    let year: i16 = label.get(..4).and_then(|y| y.parse().ok()).unwrap_or(1970);
    month_year(p.tr.lang(), year, document::month_of(&label))
}

pub async fn list(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    done: Notice<ReportNotices>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "overview", "/reports").with_notice(done.key());
    let now = state.now();
    let zone = analytics_zone(&user.time_zone);
    let this = zone.key_of(Period::Month, now);
    let months = months(&zone, since(&state, &user).await?, now)
        .into_iter()
        .map(|k| MonthLink {
            label: k.label(),
            name: name_of(&p, k),
            current: k == this,
        })
        .collect();
    let email = state.store.monthly_report_email(user.workspace.id).await?;
    let html = ListPage { p, months, email }.render()?;
    Ok(Html(html).into_response())
}

#[derive(Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    monthly_email: Option<String>,
}

pub async fn save_settings(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    client: ClientKey,
    Form(f): Form<SettingsForm>,
) -> Result<Response, AppError> {
    let on = f.monthly_email.is_some();
    state
        .store
        .set_monthly_report_email(user.workspace.id, on)
        .await?;
    Audit::by(&user, &client)
        .record(
            &state,
            audit_action::SETTINGS_CHANGE,
            ("monthly_report_email", None),
            if on { "on" } else { "off" },
        )
        .await;
    let done = if on {
        "report-email-on"
    } else {
        "report-email-off"
    };
    Ok(Redirect::to(&format!("/reports?done={done}")).into_response())
}

/// `2026-11.pdf` → the month, if it is a month of this workspace up to now.
fn parse_month(file: &str, zone: &Zone, created_at: i64, now: i64) -> Option<PeriodKey> {
    let label = file.strip_suffix(".pdf")?;
    months(zone, created_at, now)
        .into_iter()
        .find(|k| k.label() == label)
}

/// Renders the report of `key` for `user` as of `now` (the month's end for a past month).
pub async fn monthly_pdf(
    state: &AppState,
    user: &SessionUser,
    key: PeriodKey,
    now: i64,
) -> Result<Vec<u8>, AppError> {
    let p = Page::staff(user, &crate::kit::csrf::CsrfToken(String::new()), "", "");
    let ws = user.workspace.id;
    let zone = analytics_zone(&user.time_zone);
    let start = zone.start_of(key);
    let end = (zone.start_of(key.plus(1)) - 1).min(now);
    let headline = headline::headline(state, ws, &user.time_zone, &p, end).await?;
    let root_causes = state.store.root_causes(ws).await?;
    let doc = document::monthly(&Monthly {
        p: &p,
        business: &user.workspace.name,
        month_name: name_of(&p, key),
        start,
        end,
        current: end == now,
        headline: &headline,
        root_causes: &root_causes,
    });
    render(doc).await
}

async fn render(doc: kunde_pdf::Document) -> Result<Vec<u8>, AppError> {
    tokio::task::spawn_blocking(move || kunde_pdf::render(&doc))
        .await
        .map_err(|e| AppError::internal(e.to_string()))?
        .map_err(|e| AppError::internal(e.to_string()))
}

fn pdf_response(name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

pub async fn monthly(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let now = state.now();
    let zone = analytics_zone(&user.time_zone);
    let key =
        parse_month(&file, &zone, since(&state, &user).await?, now).ok_or(AppError::NotFound)?;
    let bytes = monthly_pdf(&state, &user, key, now).await?;
    Ok(pdf_response(&format!("kunde-{}.pdf", key.label()), bytes))
}

/// The invoice PDF of `customer`'s invoice `id`, in the page's language.
async fn invoice_pdf(
    state: &AppState,
    p: &Page,
    ws: WorkspaceId,
    business: &str,
    currency: &str,
    customer: CustomerId,
    id: i64,
) -> Result<(String, Vec<u8>), AppError> {
    let invoice = state.store.customer_invoice(ws, customer, id).await?;
    let customer = state.store.get_customer(ws, customer).await?;
    let today = crate::portal::today(state, ws).await?;
    let amount = crate::kit::format::format_money(p.tr.lang(), invoice.amount, currency);
    let doc = document::invoice(&InvoiceInput {
        p,
        business,
        customer: &customer,
        invoice: &invoice,
        status: invoice.status(&today),
        amount,
    });
    let name = format!(
        "invoice-{}.pdf",
        crate::portal::safe_file_name(&invoice.number)
    );
    Ok((name, render(doc).await?))
}

/// Staff: `/customers/{id}/portal/invoices/{iid}/pdf`.
pub async fn staff_invoice(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path((customer, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "customers", "");
    let (name, bytes) = invoice_pdf(
        &state,
        &p,
        user.workspace.id,
        &user.workspace.name,
        &user.workspace.currency,
        CustomerId(customer),
        id,
    )
    .await?;
    Ok(pdf_response(&name, bytes))
}

/// The signed-in customer: `/portal/{site}/invoices/{id}/pdf`, in the portal's language.
pub async fn portal_invoice(
    State(state): State<AppState>,
    who: PortalCustomer,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let pp = who.page("");
    let ws = who.ws();
    let (name, bytes) = invoice_pdf(
        &state,
        &pp.p
            .in_zone(state.store.business_calendar(ws).await?.time_zone_name()),
        ws,
        &who.site.workspace.name,
        &who.site.workspace.currency,
        who.customer.id,
        id,
    )
    .await?;
    crate::portal::record_viewed_invoice(&state, ws, who.customer.id).await;
    Ok(pdf_response(&name, bytes))
}
