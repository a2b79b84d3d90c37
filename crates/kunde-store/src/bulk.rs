//! Bulk inserts for CSV imports: a whole file of customers, orders or events in one
//! transaction. Either every row is stored or none is — a failure, a bad reference found
//! half-way, or the user cancelling all roll back everything written so far.
//!
//! Duplicates are skipped, not updated, so re-importing an export never overwrites what
//! staff edited by hand: a customer whose e-mail the workspace already has, and an order whose
//! reference (order number) it already has, are counted as skipped.

use crate::{Result, Store, StoreError, transaction, with_pool};
use kunde_domain::*;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};

/// Rows per multi-row INSERT: at most 9 bound values a row, well below both databases' limits.
const CHUNK: usize = 500;

/// Where the business's customers buy: the touchpoint most purchase events (events with an
/// amount) were recorded at, else the first touchpoint of the middle stage (purchase, by
/// default) of the first as-is journey — with its channel. An order imported or logged by hand
/// is a purchase event there too, so the Value pages, the dashboard and the funnels count it.
pub(crate) const PURCHASE_TOUCHPOINT: &str = "SELECT t.id, t.channel FROM touchpoints t
     LEFT JOIN (SELECT touchpoint_id, COUNT(*) AS n FROM events
                WHERE workspace_id = $1 AND amount IS NOT NULL GROUP BY touchpoint_id) e
            ON e.touchpoint_id = t.id
     JOIN stages s ON s.id = t.stage_id AND s.workspace_id = t.workspace_id
     JOIN journeys j ON j.id = s.journey_id AND j.workspace_id = t.workspace_id
     WHERE t.workspace_id = $1
     ORDER BY COALESCE(e.n, 0) DESC,
              CASE WHEN j.variant = 'as_is' AND j.parent_id IS NULL THEN 0 ELSE 1 END,
              j.id,
              CASE WHEN s.position = (SELECT COUNT(*) FROM stages s2
                                      WHERE s2.journey_id = j.id) / 2 THEN 0 ELSE 1 END,
              s.position, t.position
     LIMIT 1";

/// How a bulk insert reports progress and learns that it should stop.
pub struct BulkControl<'a> {
    /// Called with the number of input rows handled so far, after each chunk.
    pub progress: &'a (dyn Fn(u64) + Send + Sync),
    /// When set, the insert stops at the next chunk and rolls everything back.
    pub cancel: &'a AtomicBool,
}

impl BulkControl<'_> {
    fn check(&self) -> Result<()> {
        if self.cancel.load(Ordering::Relaxed) {
            return Err(StoreError::Cancelled);
        }
        Ok(())
    }
}

/// An order of an import, naming its customer by e-mail.
#[derive(Debug, Clone)]
pub struct BulkOrder {
    pub email: Email,
    /// The name for a customer created by this order; the e-mail when None.
    pub customer_name: Option<NonEmpty>,
    pub reference: Option<String>,
    pub ordered_at: i64,
    pub paid: bool,
    pub lines: Vec<NewOrderLine>,
    /// What the customer paid, stored as the order's total: shipping and the like included,
    /// so it may exceed the sum of the lines (`kunde_import::OrderRecord::total`).
    pub total: Money,
    /// The discount code it was placed with (Shopify's `Discount Code`), in capitals.
    pub discount_code: Option<String>,
}

/// What a bulk insert did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct BulkOutcome {
    pub inserted: u64,
    /// Rows left out because they were already there (same e-mail, same order number).
    pub skipped: u64,
    /// Customers created because an order named an e-mail the workspace did not know.
    pub customers_created: u64,
}

impl Store {
    /// Every customer of the workspace that has an e-mail address, by address.
    pub async fn customer_ids_by_email(
        &self,
        ws: WorkspaceId,
    ) -> Result<HashMap<Email, CustomerId>> {
        with_pool!(self, pool => {
            let rows: Vec<(i64, String)> = sqlx::query_as(
                "SELECT id, email FROM customers WHERE workspace_id = $1 AND email IS NOT NULL",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?;
            rows.into_iter()
                .map(|(id, email)| {
                    Email::parse(&email)
                        .map(|e| (e, CustomerId(id)))
                        .map_err(|e| StoreError::Corrupt(e.to_string()))
                })
                .collect()
        })
    }

    /// Inserts customers; one whose e-mail the workspace already has is skipped.
    pub async fn bulk_insert_customers(
        &self,
        ws: WorkspaceId,
        customers: &[NewCustomer],
        ctl: &BulkControl<'_>,
    ) -> Result<BulkOutcome> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let mut out = BulkOutcome::default();
            let mut done = 0u64;
            for chunk in customers.chunks(CHUNK) {
                ctl.check()?;
                let mut qb = sqlx::QueryBuilder::new(
                    "INSERT INTO customers (workspace_id, name, email, phone, language, marketing_consent,
                                            acquisition_channel, acquisition_cost, created_at) ",
                );
                qb.push_values(chunk, |mut row, c| {
                    row.push_bind(ws.0)
                        .push_bind(c.name.as_str())
                        .push_bind(c.email.as_ref().map(Email::as_str))
                        .push_bind(c.phone.as_ref().map(Phone::as_str))
                        .push_bind(c.language.code())
                        .push_bind(c.marketing_consent)
                        .push_bind(c.acquisition_channel.as_ref().map(NonEmpty::as_str))
                        .push_bind(c.acquisition_cost.0)
                        .push_bind(c.created_at);
                });
                qb.push(" ON CONFLICT (workspace_id, email) DO NOTHING");
                let inserted = qb.build().execute(&mut *tx).await?.rows_affected();
                out.inserted += inserted;
                out.skipped += chunk.len() as u64 - inserted;
                done += chunk.len() as u64;
                (ctl.progress)(done);
            }
            ctl.check()?;
            Ok(out)
        }))
    }

    /// Inserts orders with their lines. An order naming an unknown e-mail creates that
    /// customer; an order whose reference the workspace already has is skipped.
    pub async fn bulk_insert_orders(
        &self,
        ws: WorkspaceId,
        orders: &[BulkOrder],
        ctl: &BulkControl<'_>,
    ) -> Result<BulkOutcome> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let mut out = BulkOutcome::default();
            let known: Vec<(i64, String)> = sqlx::query_as(
                "SELECT id, email FROM customers WHERE workspace_id = $1 AND email IS NOT NULL",
            )
            .bind(ws.0)
            .fetch_all(&mut *tx)
            .await?;
            let mut customers: HashMap<String, i64> =
                known.into_iter().map(|(id, email)| (email, id)).collect();
            let references: Vec<(String,)> = sqlx::query_as(
                "SELECT reference FROM orders WHERE workspace_id = $1 AND reference IS NOT NULL",
            )
            .bind(ws.0)
            .fetch_all(&mut *tx)
            .await?;
            let mut references: HashSet<String> = references.into_iter().map(|(r,)| r).collect();
            // Where the business's customers buy: the touchpoint most purchase events (events
            // with an amount) were recorded at, else the first touchpoint of the middle stage
            // (purchase, by default) of the first as-is journey. Each imported order is a
            // purchase there too, so the Value pages, the dashboard and the funnels count it.
            let buy: Option<(i64, String)> = sqlx::query_as(
                PURCHASE_TOUCHPOINT,
            )
            .bind(ws.0)
            .fetch_optional(&mut *tx)
            .await?;
            let mut done = 0u64;
            for chunk in orders.chunks(CHUNK) {
                ctl.check()?;
                for o in chunk {
                    if let Some(r) = &o.reference && !references.insert(r.clone()) {
                        out.skipped += 1;
                        continue;
                    }
                    let customer = match customers.get(o.email.as_str()) {
                        Some(&id) => id,
                        None => {
                            let name = o.customer_name.as_ref().map_or(o.email.as_str(), NonEmpty::as_str);
                            let (id,): (i64,) = sqlx::query_as(
                                "INSERT INTO customers (workspace_id, name, email, phone, language, marketing_consent,
                                                        acquisition_channel, acquisition_cost, created_at)
                                 SELECT $1, $2, $3, NULL, default_language, $4, NULL, 0, $5
                                 FROM workspaces WHERE id = $1
                                 RETURNING id",
                            )
                            .bind(ws.0)
                            .bind(name)
                            .bind(o.email.as_str())
                            .bind(false)
                            .bind(o.ordered_at)
                            .fetch_one(&mut *tx)
                            .await?;
                            customers.insert(o.email.as_str().to_owned(), id);
                            out.customers_created += 1;
                            id
                        }
                    };
                    let total = o.total.0;
                    let (oid,): (i64,) = sqlx::query_as(
                        "INSERT INTO orders (workspace_id, customer_id, reference, ordered_at, total, paid, discount_code)
                         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                    )
                    .bind(ws.0)
                    .bind(customer)
                    .bind(o.reference.as_deref())
                    .bind(o.ordered_at)
                    .bind(total)
                    .bind(o.paid)
                    .bind(o.discount_code.as_deref())
                    .fetch_one(&mut *tx)
                    .await?;
                    if !o.lines.is_empty() {
                        let mut qb = sqlx::QueryBuilder::new(
                            "INSERT INTO order_lines (workspace_id, order_id, product, quantity, unit_price) ",
                        );
                        qb.push_values(&o.lines, |mut row, l| {
                            row.push_bind(ws.0)
                                .push_bind(oid)
                                .push_bind(l.product.as_str())
                                .push_bind(l.quantity)
                                .push_bind(l.unit_price.0);
                        });
                        qb.build().execute(&mut *tx).await?;
                    }
                    if let Some((tp, channel)) = &buy {
                        let properties = serde_json::json!({
                            "source": "import",
                            "order": o.reference.as_deref().unwrap_or(""),
                        })
                        .to_string();
                        sqlx::query(
                            "INSERT INTO events (workspace_id, customer_id, visitor_id, touchpoint_id,
                                                 occurred_at, channel, amount, properties)
                             VALUES ($1, $2, NULL, $3, $4, $5, $6, $7)",
                        )
                        .bind(ws.0)
                        .bind(customer)
                        .bind(tp)
                        .bind(o.ordered_at)
                        .bind(channel)
                        .bind(total)
                        .bind(&properties)
                        .execute(&mut *tx)
                        .await?;
                    }
                    out.inserted += 1;
                }
                done += chunk.len() as u64;
                (ctl.progress)(done);
            }
            ctl.check()?;
            Ok(out)
        }))
    }

    /// Inserts events. Every touchpoint and customer they name must belong to the workspace;
    /// the first event that breaks this is named by its index and nothing is stored.
    pub async fn bulk_insert_events(
        &self,
        ws: WorkspaceId,
        events: &[NewEvent],
        ctl: &BulkControl<'_>,
    ) -> Result<BulkOutcome> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let touchpoints: Vec<(i64,)> =
                sqlx::query_as("SELECT id FROM touchpoints WHERE workspace_id = $1")
                    .bind(ws.0)
                    .fetch_all(&mut *tx)
                    .await?;
            let touchpoints: HashSet<i64> = touchpoints.into_iter().map(|(id,)| id).collect();
            let customers: Vec<(i64,)> =
                sqlx::query_as("SELECT id FROM customers WHERE workspace_id = $1")
                    .bind(ws.0)
                    .fetch_all(&mut *tx)
                    .await?;
            let customers: HashSet<i64> = customers.into_iter().map(|(id,)| id).collect();
            let mut done = 0usize;
            for chunk in events.chunks(CHUNK) {
                ctl.check()?;
                // Checked chunk by chunk, so a bad reference late in a file fails after
                // earlier chunks were written — and the rollback removes those too.
                for (i, e) in chunk.iter().enumerate() {
                    let customer_ok = e.customer_id.is_none_or(|c| customers.contains(&c.0));
                    if !touchpoints.contains(&e.touchpoint_id.0) || !customer_ok {
                        return Err(StoreError::InvalidReference(format!(
                            "event {}: unknown touchpoint {} or customer", done + i, e.touchpoint_id
                        )));
                    }
                }
                let mut qb = sqlx::QueryBuilder::new(
                    "INSERT INTO events (workspace_id, customer_id, visitor_id, touchpoint_id, occurred_at,
                                         channel, amount, properties) ",
                );
                qb.push_values(chunk, |mut row, e| {
                    row.push_bind(ws.0)
                        .push_bind(e.customer_id.map(|c| c.0))
                        .push_bind(e.visitor_id.as_deref())
                        .push_bind(e.touchpoint_id.0)
                        .push_bind(e.occurred_at)
                        .push_bind(e.channel.code())
                        .push_bind(e.amount.map(|m| m.0))
                        .push_bind(e.properties.as_str());
                });
                qb.build().execute(&mut *tx).await?;
                done += chunk.len();
                (ctl.progress)(done as u64);
            }
            ctl.check()?;
            Ok(BulkOutcome { inserted: events.len() as u64, ..BulkOutcome::default() })
        }))
    }
}
