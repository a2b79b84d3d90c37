//! The week's thank-you list, its printable form, marking a note written, and the postal
//! address on the customer's page.

use crate::kit::error::AppError;
use crate::kit::extract::{Notice, Notices};
use crate::kit::{FieldErrors, Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_analytics::thanks::{Candidate, Options, Reason, select};
use kunde_domain::{CustomerId, WorkspaceId};
use kunde_store::{SessionUser, StoreError, ThankYouNote};
use std::collections::HashMap;

const DAY: i64 = 86_400;

/// The notices these pages may show after a redirect (`?done=…`).
pub struct ThanksNotices;

impl Notices for ThanksNotices {
    const KEYS: &'static [&'static str] = &["thanks-recorded", "thanks-address-saved"];
}

/// One customer on the week's list.
pub struct Row {
    pub customer: CustomerId,
    pub name: String,
    pub reason: &'static str,
    pub address: Option<String>,
}

/// A written note as the pages show it.
pub struct WrittenRow {
    pub customer: CustomerId,
    pub name: String,
    pub note: ThankYouNote,
}

/// The week's list: the facts gathered and handed to the pure selection.
async fn week(state: &AppState, user: &SessionUser) -> Result<Vec<Row>, AppError> {
    let ws = user.workspace.id;
    let now = state.now();
    let options = Options::weekly(now);
    let predicted: HashMap<CustomerId, f64> = crate::value::by_predicted_value(state, user)
        .await?
        .into_iter()
        .collect();
    let mut candidates: HashMap<CustomerId, Candidate> = HashMap::new();
    for (id, champion, paid) in crate::value::rfm_facts(state, user).await? {
        candidates.insert(
            id,
            Candidate {
                customer: id.0,
                value: predicted.get(&id).copied().unwrap_or(paid),
                champion,
                resolved: None,
                last_note_at: None,
            },
        );
    }
    let since = now - options.resolved_days * DAY;
    for case in state.store.resolved_cases_since(ws, since).await? {
        let c = candidates
            .entry(case.customer)
            .or_insert_with(|| Candidate {
                customer: case.customer.0,
                value: 0.0,
                champion: false,
                resolved: None,
                last_note_at: None,
            });
        // The most recent case counts (they arrive newest first).
        if c.resolved.is_none() {
            c.resolved = Some((case.resolved_at, case.rating));
        }
    }
    for (id, at) in state.store.last_thank_you_notes(ws).await? {
        if let Some(c) = candidates.get_mut(&id) {
            c.last_note_at = Some(at);
        }
    }
    let mut facts: Vec<Candidate> = candidates.into_values().collect();
    facts.sort_by_key(|c| c.customer);
    let mut rows = Vec::new();
    for pick in select(&facts, &options) {
        let id = CustomerId(pick.customer);
        let customer = match state.store.get_customer(ws, id).await {
            Ok(c) => c,
            Err(StoreError::NotFound) => continue,
            Err(e) => return Err(e.into()),
        };
        if state.store.is_erased(ws, id).await? {
            continue;
        }
        rows.push(Row {
            customer: id,
            name: customer.name,
            reason: pick.reason.code(),
            address: state.store.postal_address(ws, id).await?,
        });
    }
    Ok(rows)
}

async fn written_lately(state: &AppState, ws: WorkspaceId) -> Result<Vec<WrittenRow>, AppError> {
    let notes = state
        .store
        .thank_you_notes(ws, None, state.now() - 7 * DAY)
        .await?;
    let mut out = Vec::new();
    for note in notes {
        let name = state.store.get_customer(ws, note.customer).await?.name;
        out.push(WrittenRow {
            customer: note.customer,
            name,
            note,
        });
    }
    Ok(out)
}

#[derive(Template)]
#[template(path = "thanks/list.html")]
struct ListPage {
    p: Page,
    rows: Vec<Row>,
    written: Vec<WrittenRow>,
}

impl ListPage {
    fn reason(&self, code: &str) -> String {
        self.p.t(&format!("thanks-reason-{code}"))
    }
}

pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    done: Notice<ThanksNotices>,
) -> Result<Html<String>, AppError> {
    let rows = week(&state, &staff.user).await?;
    let written = written_lately(&state, staff.user.workspace.id).await?;
    let view = ListPage {
        p: staff.page("customers", "/thanks").with_notice(done.key()),
        rows,
        written,
    };
    Ok(Html(view.render()?))
}

#[derive(Template)]
#[template(path = "thanks/print.html")]
struct PrintPage {
    p: Page,
    rows: Vec<Row>,
}

impl PrintPage {
    fn reason(&self, code: &str) -> String {
        self.p.t(&format!("thanks-reason-{code}"))
    }
}

pub async fn print(State(state): State<AppState>, staff: Staff) -> Result<Html<String>, AppError> {
    let rows = week(&state, &staff.user).await?;
    let view = PrintPage {
        p: staff.page("customers", "/thanks/print"),
        rows,
    };
    Ok(Html(view.render()?))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct WrittenForm {
    reason: String,
}

/// Records a note written to customer `id`: who, when and why it was proposed.
pub async fn written(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<WrittenForm>,
) -> Result<Response, AppError> {
    let ws = staff.user.workspace.id;
    let reason = Reason::parse(f.reason.trim()).ok_or(AppError::BadRequest)?;
    // The touchpoint's name is given in the business's language, once, when it is made.
    let tr = crate::kit::i18n::Tr::new(staff.user.workspace.default_language);
    state
        .store
        .record_thank_you_note(
            ws,
            CustomerId(id),
            reason.code(),
            staff.user.user.id,
            state.now(),
            &tr.t("thanks-touchpoint"),
        )
        .await?;
    Ok(Redirect::to("/thanks?done=thanks-recorded").into_response())
}

/// What the customer's page shows of thank-you notes: the postal address (with its form)
/// and the notes written.
pub struct CustomerPanel {
    pub customer: CustomerId,
    pub address: String,
    pub notes: Vec<ThankYouNote>,
    pub errors: FieldErrors,
}

pub async fn customer_panel(
    state: &AppState,
    ws: WorkspaceId,
    customer: CustomerId,
) -> Result<CustomerPanel, AppError> {
    Ok(CustomerPanel {
        customer,
        address: state
            .store
            .postal_address(ws, customer)
            .await?
            .unwrap_or_default(),
        notes: state
            .store
            .thank_you_notes(ws, Some(customer), i64::MIN)
            .await?,
        errors: FieldErrors::default(),
    })
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct AddressForm {
    postal_address: String,
}

#[derive(Template)]
#[template(path = "thanks/address.html")]
struct AddressPage {
    p: Page,
    name: String,
    thanks: CustomerPanel,
}

/// Saves the customer's postal address; a refused one comes back with what was typed.
pub async fn address(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<AddressForm>,
) -> Result<Response, AppError> {
    let ws = staff.user.workspace.id;
    let customer = state.store.get_customer(ws, CustomerId(id)).await?;
    let tr = crate::kit::i18n::Tr::new(staff.user.user.language);
    match state
        .store
        .set_postal_address(ws, customer.id, Some(&f.postal_address))
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/customers/{id}?done=customer-saved")).into_response()),
        Err(StoreError::Invalid(e)) => {
            let mut thanks = customer_panel(&state, ws, customer.id).await?;
            thanks.address = f.postal_address;
            thanks
                .errors
                .add(tr, "postal_address", "thanks-address", &e);
            let view = AddressPage {
                p: staff.page("customers", &format!("/customers/{id}")),
                name: customer.name,
                thanks,
            };
            Ok((
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                Html(view.render()?),
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}
