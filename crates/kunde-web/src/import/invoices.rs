//! Importing invoices from an accounting export with the columns
//! `number,customer_email,issued,due,amount,paid_at` (any order, a header row first; comma,
//! semicolon or tab; UTF-8 or Windows-1252), from the import page (`POST /import/invoices`)
//! and `kunde import invoices`. All or nothing: every bad row is named by its line and why,
//! and nothing is stored while any is bad.
//!
//! A number already known for the same customer is updated (dates, amount and payment as
//! the file says), so importing this month's export after last month's does not duplicate
//! anything; a known number of another customer is a bad row. `paid_at` is a date
//! (`YYYY-MM-DD`), stored as noon of that day in the business's time zone; empty means open.

use crate::kit::error::AppError;
use crate::kit::{Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use kunde_domain::{Email, Money, WorkspaceId};
use kunde_import::read_table;
use kunde_store::{ImportedInvoice, InvoiceImportOutcome, NewInvoice, Store, StoreError};
use std::collections::HashSet;

/// The columns of the preset, in the order accounting systems are asked to export them.
pub const INVOICE_COLUMNS: [&str; 6] = [
    "number",
    "customer_email",
    "issued",
    "due",
    "amount",
    "paid_at",
];

/// What is wrong with one row of an invoice file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvoiceProblem {
    /// The file cannot be read as CSV at all (line 1).
    Unreadable,
    /// The header lacks one of the six columns.
    Header,
    Number,
    Email,
    /// No customer of this business has the e-mail.
    UnknownCustomer,
    Issued,
    Due,
    DueBefore,
    Amount,
    PaidAt,
    /// The same number earlier in the file.
    Duplicate,
    /// The number belongs to an invoice of another customer.
    OtherCustomer,
}

impl InvoiceProblem {
    /// The translation key's suffix.
    pub fn code(self) -> &'static str {
        match self {
            Self::Unreadable => "unreadable",
            Self::Header => "header",
            Self::Number => "number",
            Self::Email => "email",
            Self::UnknownCustomer => "unknown-customer",
            Self::Issued => "issued",
            Self::Due => "due",
            Self::DueBefore => "due-before",
            Self::Amount => "amount",
            Self::PaidAt => "paid-at",
            Self::Duplicate => "duplicate",
            Self::OtherCustomer => "other-customer",
        }
    }

    /// The English for the command line.
    pub fn english(self) -> &'static str {
        match self {
            Self::Unreadable => "the file cannot be read as CSV (save it as CSV, UTF-8)",
            Self::Header => {
                "the first row must name the columns number,customer_email,issued,due,amount,paid_at"
            }
            Self::Number => "the invoice number is empty or longer than 60 characters",
            Self::Email => "the customer e-mail is not a valid address",
            Self::UnknownCustomer => {
                "no customer has this e-mail: import or add the customer first"
            }
            Self::Issued => "the issue date must be written YYYY-MM-DD, such as 2025-03-01",
            Self::Due => "the due date must be written YYYY-MM-DD, such as 2025-03-15",
            Self::DueBefore => "the due date is before the issue date",
            Self::Amount => "the amount is not a number of zero or more, such as 1500.00",
            Self::PaidAt => "paid_at must be empty (not paid) or a date written YYYY-MM-DD",
            Self::Duplicate => "this invoice number already appears earlier in the file",
            Self::OtherCustomer => "this invoice number belongs to another customer's invoice",
        }
    }
}

/// One good row, before its customer is looked up.
#[derive(Debug, Clone, PartialEq)]
pub struct InvoiceLine {
    pub line: u64,
    pub email: Email,
    pub invoice: NewInvoice,
    /// `YYYY-MM-DD`, or `None` while unpaid.
    pub paid_on: Option<String>,
}

/// Reads an invoice file: every row, or every bad row with its line (1 = the header).
pub fn parse_invoice_csv(bytes: &[u8]) -> Result<Vec<InvoiceLine>, Vec<(u64, InvoiceProblem)>> {
    let (lines, problems) = parse_rows(bytes)?;
    if problems.is_empty() {
        Ok(lines)
    } else {
        Err(problems)
    }
}

type Problems = Vec<(u64, InvoiceProblem)>;

/// The good rows and the bad ones (`Err` only when the file as a whole cannot be read).
fn parse_rows(bytes: &[u8]) -> Result<(Vec<InvoiceLine>, Problems), Problems> {
    let Ok(table) = read_table(bytes) else {
        return Err(vec![(1, InvoiceProblem::Unreadable)]);
    };
    let headers: Vec<String> = table
        .headers
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let Some(cols) = INVOICE_COLUMNS
        .iter()
        .map(|c| col(c))
        .collect::<Option<Vec<usize>>>()
    else {
        return Err(vec![(1, InvoiceProblem::Header)]);
    };
    let mut lines = Vec::new();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for row in table.data_rows() {
        let cell = |i: usize| row.cells.get(cols[i]).map_or("", |c| c.trim());
        let bad = |p| (row.line, p);
        let number = cell(0);
        if number.is_empty() || number.chars().count() > 60 {
            problems.push(bad(InvoiceProblem::Number));
            continue;
        }
        let Ok(email) = Email::parse(cell(1)) else {
            problems.push(bad(InvoiceProblem::Email));
            continue;
        };
        let (issued, due) = (cell(2), cell(3));
        if !crate::portal::valid_date(issued) {
            problems.push(bad(InvoiceProblem::Issued));
            continue;
        }
        if !crate::portal::valid_date(due) {
            problems.push(bad(InvoiceProblem::Due));
            continue;
        }
        if due < issued {
            problems.push(bad(InvoiceProblem::DueBefore));
            continue;
        }
        let Some(amount) = Money::parse(cell(4)).ok().filter(|m| m.0 >= 0) else {
            problems.push(bad(InvoiceProblem::Amount));
            continue;
        };
        let paid = cell(5);
        let paid_on = if paid.is_empty() {
            None
        } else if crate::portal::valid_date(paid) {
            Some(paid.to_owned())
        } else {
            problems.push(bad(InvoiceProblem::PaidAt));
            continue;
        };
        if !seen.insert(number.to_owned()) {
            problems.push(bad(InvoiceProblem::Duplicate));
            continue;
        }
        lines.push(InvoiceLine {
            line: row.line,
            email,
            invoice: NewInvoice {
                number: number.to_owned(),
                issued: issued.to_owned(),
                due: due.to_owned(),
                amount,
            },
            paid_on,
        });
    }
    Ok((lines, problems))
}

/// Noon of `date` (`YYYY-MM-DD`) in the time zone named `zone`, as Unix seconds.
fn noon(date: &str, zone: &str) -> Option<i64> {
    let d: jiff::civil::Date = date.parse().ok()?;
    let ts = crate::kit::format::zone(zone)
        .to_ambiguous_timestamp(d.at(12, 0, 0, 0))
        .compatible()
        .ok()?;
    Some(ts.as_second())
}

/// Why an invoice file was not imported.
#[derive(Debug)]
pub enum InvoiceFileError {
    /// Bad rows, each with its line; nothing was stored.
    Rows(Vec<(u64, InvoiceProblem)>),
    Store(StoreError),
}

impl From<StoreError> for InvoiceFileError {
    fn from(e: StoreError) -> Self {
        Self::Store(e)
    }
}

/// The one path an invoice file takes (the import page and `kunde import invoices`): read,
/// check against the business's customers and invoices, and store all rows or none.
pub async fn import_invoice_file(
    store: &Store,
    ws: WorkspaceId,
    bytes: &[u8],
    now: i64,
) -> Result<InvoiceImportOutcome, InvoiceFileError> {
    // Rows that are bad in themselves and rows whose customer or number does not fit are
    // named together, so one round of fixes is enough.
    let (lines, mut problems) = parse_rows(bytes).map_err(InvoiceFileError::Rows)?;
    let customers = store.customer_ids_by_email(ws).await?;
    let owners = store.invoice_owners(ws).await?;
    let zone = store.business_calendar(ws).await?;
    let zone = zone.time_zone_name();
    let mut rows = Vec::with_capacity(lines.len());
    for l in lines {
        let Some(&customer) = customers.get(&l.email) else {
            problems.push((l.line, InvoiceProblem::UnknownCustomer));
            continue;
        };
        if owners
            .get(&l.invoice.number)
            .is_some_and(|owner| *owner != customer)
        {
            problems.push((l.line, InvoiceProblem::OtherCustomer));
            continue;
        }
        let paid_at = match l.paid_on.as_deref().map(|d| noon(d, zone)) {
            None => None,
            Some(Some(t)) => Some(t),
            Some(None) => {
                problems.push((l.line, InvoiceProblem::PaidAt));
                continue;
            }
        };
        rows.push(ImportedInvoice {
            customer,
            invoice: l.invoice,
            paid_at,
        });
    }
    if !problems.is_empty() {
        problems.sort_by_key(|(line, _)| *line);
        return Err(InvoiceFileError::Rows(problems));
    }
    Ok(store.import_invoices(ws, &rows, now).await?)
}

#[derive(Template)]
#[template(path = "import/invoices_result.html")]
struct ResultPage {
    p: Page,
    created: i64,
    updated: i64,
    problems: Vec<(u64, String)>,
}

/// `POST /import/invoices`: stores every row of the uploaded file, or none and names the bad
/// ones.
pub async fn upload_invoices(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let mut file = None;
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some("file") {
            file = Some(field.bytes().await.map_err(|_| AppError::BadRequest)?);
        }
    }
    let file = file.ok_or(AppError::BadRequest)?;
    let p = Page::staff(&user, &csrf, "import", "/import");
    let (status, outcome, problems) =
        match import_invoice_file(&state.store, user.workspace.id, &file, state.now()).await {
            Ok(outcome) => (StatusCode::OK, outcome, Vec::new()),
            Err(InvoiceFileError::Rows(rows)) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                InvoiceImportOutcome::default(),
                rows.into_iter()
                    .map(|(line, problem)| {
                        (
                            line,
                            p.t(&format!("import-invoices-bad-{}", problem.code())),
                        )
                    })
                    .collect(),
            ),
            Err(InvoiceFileError::Store(e)) => return Err(e.into()),
        };
    let html = ResultPage {
        p,
        created: outcome.created as i64,
        updated: outcome.updated as i64,
        problems,
    }
    .render()?;
    Ok((status, Html(html)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bad_row_is_named_with_its_line_and_reason() {
        let file = "Number;Customer_Email;Issued;Due;Amount;Paid_At\n\
                    A-1;ALICE@x.dk;2025-03-01;2025-03-15;1.500,50;\n\
                    ;a@x.dk;2025-03-01;2025-03-15;1;\n\
                    A-2;not-mail;2025-03-01;2025-03-15;1;\n\
                    A-3;a@x.dk;2025-02-30;2025-03-15;1;\n\
                    A-4;a@x.dk;2025-03-01;2025-02-15;1;\n\
                    A-5;a@x.dk;2025-03-01;2025-03-15;-1;\n\
                    A-6;a@x.dk;2025-03-01;2025-03-15;1;yesterday\n\
                    A-1;a@x.dk;2025-03-01;2025-03-15;1;\n\
                    ;;;;;\n";
        assert_eq!(
            parse_invoice_csv(file.as_bytes()),
            Err(vec![
                (3, InvoiceProblem::Number),
                (4, InvoiceProblem::Email),
                (5, InvoiceProblem::Issued),
                (6, InvoiceProblem::DueBefore),
                (7, InvoiceProblem::Amount),
                (8, InvoiceProblem::PaidAt),
                (9, InvoiceProblem::Duplicate),
            ])
        );
    }

    #[test]
    fn a_good_file_is_read_in_any_column_order() {
        let file = "amount,number,paid_at,due,issued,customer_email\n\
                    \"1,234.50\",F-9,2025-04-02,2025-04-10,2025-03-27,Bo@Shop.dk\n";
        let lines = parse_invoice_csv(file.as_bytes()).unwrap();
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].line, 2);
        assert_eq!(lines[0].email.as_str(), "bo@shop.dk");
        assert_eq!(lines[0].invoice.number, "F-9");
        assert_eq!(lines[0].invoice.amount, Money(123_450));
        assert_eq!(lines[0].paid_on.as_deref(), Some("2025-04-02"));
        assert_eq!(
            parse_invoice_csv(b"number,email,issued\n"),
            Err(vec![(1, InvoiceProblem::Header)])
        );
    }

    #[test]
    fn a_paid_date_is_noon_in_the_business_zone() {
        // 2025-04-02 12:00 in Copenhagen (summer time, UTC+2) is 10:00 UTC.
        assert_eq!(noon("2025-04-02", "Europe/Copenhagen"), Some(1_743_588_000));
    }
}
