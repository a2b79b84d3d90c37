//! Invoices in bulk and from elsewhere: an accounting export imported all or nothing (a
//! number already known is updated, never duplicated), an invoice made from one of the
//! customer's orders (at most one per order), and the overdue-invoice reminder setting with
//! the reminders' claim (each invoice reminded at most once).

use crate::mail::insert_outbox;
use crate::{Result, Store, StoreError, transaction, with_pool};
use kunde_domain::mail::Mail;
use kunde_domain::*;
use std::collections::HashMap;

/// One row of an invoice import, resolved to its customer.
#[derive(Debug, Clone)]
pub struct ImportedInvoice {
    pub customer: CustomerId,
    pub invoice: crate::NewInvoice,
    /// When it was paid (`None`: open), as the accounting system says.
    pub paid_at: Option<i64>,
}

/// What an invoice import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InvoiceImportOutcome {
    pub created: usize,
    pub updated: usize,
}

/// An order (an event with a positive amount) of one customer, as invoices are made from.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerOrder {
    pub event_id: i64,
    pub occurred_at: i64,
    pub amount: Money,
    /// The number of the invoice already made from it.
    pub invoice: Option<String>,
}

/// An overdue invoice whose reminder is due, with what its e-mail needs.
#[derive(Debug, Clone, PartialEq)]
pub struct OverdueInvoice {
    pub workspace_id: WorkspaceId,
    pub invoice_id: i64,
    pub number: String,
    pub due: String,
    pub amount: Money,
    pub customer_id: CustomerId,
    pub customer_name: String,
    pub email: String,
    pub language: Language,
}

/// An invoice to make of an order: the order's event, the invoice's number and its issue and
/// due dates (`YYYY-MM-DD`).
#[derive(Debug, Clone, Copy)]
pub struct OrderInvoice<'a> {
    pub event: i64,
    pub number: &'a str,
    pub issued: &'a str,
    pub due: &'a str,
}

impl Store {
    /// Which customer each invoice number of the workspace belongs to.
    pub async fn invoice_owners(&self, ws: WorkspaceId) -> Result<HashMap<String, CustomerId>> {
        with_pool!(self, pool => {
            let rows: Vec<(String, i64)> =
                sqlx::query_as("SELECT number, customer_id FROM invoices WHERE workspace_id = $1")
                    .bind(ws.0)
                    .fetch_all(pool)
                    .await?;
            Ok(rows.into_iter().map(|(n, c)| (n, CustomerId(c))).collect())
        })
    }

    /// Writes every imported invoice in one transaction: a new number is inserted, a known
    /// number of the same customer is updated (dates, amount and payment as the file says;
    /// whether it was reminded is kept). A known number of another customer fails the whole
    /// import (`Conflict`); the caller names such rows before it gets here.
    pub async fn import_invoices(
        &self,
        ws: WorkspaceId,
        rows: &[ImportedInvoice],
        now: i64,
    ) -> Result<InvoiceImportOutcome> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let mut outcome = InvoiceImportOutcome::default();
            for r in rows {
                let found: Option<(i64,)> = sqlx::query_as(
                    "SELECT id FROM customers WHERE workspace_id = $1 AND id = $2",
                )
                .bind(ws.0)
                .bind(r.customer.0)
                .fetch_optional(&mut *tx)
                .await?;
                if found.is_none() {
                    return Err(StoreError::InvalidReference(format!("customer {}", r.customer.0)));
                }
                let owner: Option<(i64,)> = sqlx::query_as(
                    "SELECT customer_id FROM invoices WHERE workspace_id = $1 AND number = $2",
                )
                .bind(ws.0)
                .bind(&r.invoice.number)
                .fetch_optional(&mut *tx)
                .await?;
                match owner {
                    Some((c,)) if c != r.customer.0 => {
                        return Err(StoreError::Conflict("an invoice with this number"));
                    }
                    Some(_) => {
                        sqlx::query(
                            "UPDATE invoices SET issued = $3, due = $4, amount = $5, paid_at = $6
                             WHERE workspace_id = $1 AND number = $2",
                        )
                        .bind(ws.0)
                        .bind(&r.invoice.number)
                        .bind(&r.invoice.issued)
                        .bind(&r.invoice.due)
                        .bind(r.invoice.amount.0)
                        .bind(r.paid_at)
                        .execute(&mut *tx)
                        .await?;
                        outcome.updated += 1;
                    }
                    None => {
                        sqlx::query(
                            "INSERT INTO invoices (workspace_id, customer_id, number, issued, due, amount, paid_at, created_at)
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                        )
                        .bind(ws.0)
                        .bind(r.customer.0)
                        .bind(&r.invoice.number)
                        .bind(&r.invoice.issued)
                        .bind(&r.invoice.due)
                        .bind(r.invoice.amount.0)
                        .bind(r.paid_at)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                        outcome.created += 1;
                    }
                }
            }
            Ok(outcome)
        }))
    }

    /// The customer's orders (events with a positive amount), newest first, with the number
    /// of the invoice made from each, if any.
    pub async fn customer_orders(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
    ) -> Result<Vec<CustomerOrder>> {
        with_pool!(self, pool => {
            let rows: Vec<(i64, i64, i64, Option<String>)> = sqlx::query_as(
                "SELECT e.id, e.occurred_at, e.amount, i.number FROM events e
                 LEFT JOIN invoices i ON i.workspace_id = e.workspace_id AND i.order_event_id = e.id
                 WHERE e.workspace_id = $1 AND e.customer_id = $2 AND e.amount > 0
                 ORDER BY e.occurred_at DESC, e.id DESC LIMIT 200",
            )
            .bind(ws.0)
            .bind(customer.0)
            .fetch_all(pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(|(event_id, occurred_at, amount, invoice)| CustomerOrder {
                    event_id,
                    occurred_at,
                    amount: Money(amount),
                    invoice,
                })
                .collect())
        })
    }

    /// Makes an invoice of `customer` from their order `order.event`: the order's amount, the
    /// given number and dates. `NotFound` when the event is not an order of this customer;
    /// `Conflict` when the number is taken or the order already has an invoice.
    pub async fn create_invoice_from_order(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
        order: &OrderInvoice<'_>,
        now: i64,
    ) -> Result<crate::Invoice> {
        let OrderInvoice {
            event,
            number,
            issued,
            due,
        } = *order;
        with_pool!(self, pool => transaction!(pool, tx => {
            let amount: Option<(i64,)> = sqlx::query_as(
                "SELECT amount FROM events WHERE workspace_id = $1 AND customer_id = $2 AND id = $3 AND amount > 0",
            )
            .bind(ws.0)
            .bind(customer.0)
            .bind(event)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((amount,)) = amount else { return Err(StoreError::NotFound) };
            let taken: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM invoices WHERE workspace_id = $1 AND order_event_id = $2",
            )
            .bind(ws.0)
            .bind(event)
            .fetch_optional(&mut *tx)
            .await?;
            if taken.is_some() {
                return Err(StoreError::Conflict("an invoice of this order"));
            }
            let number_taken: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM invoices WHERE workspace_id = $1 AND number = $2",
            )
            .bind(ws.0)
            .bind(number)
            .fetch_optional(&mut *tx)
            .await?;
            if number_taken.is_some() {
                return Err(StoreError::Conflict("an invoice with this number"));
            }
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO invoices (workspace_id, customer_id, number, issued, due, amount, paid_at, created_at, order_event_id)
                 VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8) RETURNING id",
            )
            .bind(ws.0)
            .bind(customer.0)
            .bind(number)
            .bind(issued)
            .bind(due)
            .bind(amount)
            .bind(now)
            .bind(event)
            .fetch_one(&mut *tx)
            .await?;
            Ok(crate::Invoice {
                id,
                customer_id: customer,
                number: number.to_owned(),
                issued: issued.to_owned(),
                due: due.to_owned(),
                amount: Money(amount),
                paid_at: None,
                created_at: now,
            })
        }))
    }

    /// Whether overdue invoices are reminded by e-mail (off until the owner turns it on).
    pub async fn overdue_reminders(&self, ws: WorkspaceId) -> Result<bool> {
        with_pool!(self, pool => {
            let row: Option<(bool,)> = sqlx::query_as(
                "SELECT overdue_reminders FROM portal_settings WHERE workspace_id = $1",
            )
            .bind(ws.0)
            .fetch_optional(pool)
            .await?;
            Ok(row.is_some_and(|r| r.0))
        })
    }

    pub async fn set_overdue_reminders(&self, ws: WorkspaceId, on: bool) -> Result<()> {
        with_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO portal_settings (workspace_id, touchpoint_id, overdue_reminders) VALUES ($1, NULL, $2)
                 ON CONFLICT (workspace_id) DO UPDATE SET overdue_reminders = excluded.overdue_reminders",
            )
            .bind(ws.0)
            .bind(on)
            .execute(pool)
            .await?;
            Ok(())
        })
    }

    /// Unpaid, never-reminded invoices due before `due_before` (`YYYY-MM-DD`) in every
    /// workspace with reminders on, whose customer has an e-mail address (a server-wide timed
    /// job; each row carries its workspace, and the caller compares the due date with that
    /// business's own today).
    pub async fn overdue_invoice_candidates(
        &self,
        due_before: &str,
        limit: i64,
    ) -> Result<Vec<OverdueInvoice>> {
        type Row = (i64, i64, String, String, i64, i64, String, String, String);
        let rows: Vec<Row> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT i.workspace_id, i.id, i.number, i.due, i.amount, c.id, c.name, c.email, c.language
                 FROM invoices i
                 JOIN portal_settings s ON s.workspace_id = i.workspace_id AND s.overdue_reminders
                 JOIN customers c ON c.workspace_id = i.workspace_id AND c.id = i.customer_id
                 WHERE i.paid_at IS NULL AND i.reminded_at IS NULL AND c.email IS NOT NULL
                   AND i.due < $1
                 ORDER BY i.workspace_id, i.due, i.id LIMIT $2",
            )
            .bind(due_before)
            .bind(limit)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter()
            .map(|(w, id, number, due, amount, c, name, email, lang)| {
                Ok(OverdueInvoice {
                    workspace_id: WorkspaceId(w),
                    invoice_id: id,
                    number,
                    due,
                    amount: Money(amount),
                    customer_id: CustomerId(c),
                    customer_name: name,
                    email,
                    language: Language::parse(&lang)
                        .map_err(|_| StoreError::Corrupt(format!("language {lang}")))?,
                })
            })
            .collect()
    }

    /// Records the reminder of invoice `id` and queues its e-mail in one transaction, only
    /// while the invoice is still unpaid and not reminded: `false` when another run (or
    /// instance) got there first or it was paid meanwhile, and then nothing is queued.
    pub async fn send_overdue_reminder(
        &self,
        ws: WorkspaceId,
        id: i64,
        mail: &Mail,
        now: i64,
    ) -> Result<bool> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let claimed = sqlx::query(
                "UPDATE invoices SET reminded_at = $3 WHERE workspace_id = $1 AND id = $2
                 AND reminded_at IS NULL AND paid_at IS NULL",
            )
            .bind(ws.0)
            .bind(id)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if claimed == 0 {
                return Ok(false);
            }
            insert_outbox!(&mut *tx, ws, mail, now);
            Ok(true)
        }))
    }
}
