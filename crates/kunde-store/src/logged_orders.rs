//! An order staff log by hand on a customer's page (issue 15): an amount, not lines, so it is
//! stored as imported orders are — the order row with its total and discount code (in
//! capitals, so an offer's code is counted as redeemed however it was typed) and a purchase
//! event at the business's purchase touchpoint ([`crate::bulk::PURCHASE_TOUCHPOINT`]), both in
//! one transaction, so the timeline, the Value pages and a campaign's report all see it.

use crate::bulk::PURCHASE_TOUCHPOINT;
use crate::{Result, Store, StoreError, transaction, with_pool};
use kunde_domain::*;

/// What staff type into "Log an order".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedOrder {
    pub customer: CustomerId,
    pub ordered_at: i64,
    /// What the customer paid, in minor units; never negative.
    pub total: Money,
    /// The order number, unique in the business when given.
    pub reference: Option<String>,
    pub discount_code: Option<String>,
    /// Who logged it (kept on the purchase event).
    pub logged_by: UserId,
}

impl Store {
    /// Stores an order logged by hand with its purchase event. `NotFound` for a customer of
    /// another business (or none); `Conflict("order")` when the business already has an order
    /// with that reference.
    pub async fn log_order(&self, ws: WorkspaceId, o: &LoggedOrder) -> Result<OrderId> {
        let code = o
            .discount_code
            .as_deref()
            .map(|c| c.trim().to_uppercase())
            .filter(|c| !c.is_empty());
        let reference = o
            .reference
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty());
        with_pool!(self, pool => transaction!(pool, tx => {
            let known: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM customers WHERE workspace_id = $1 AND id = $2",
            )
            .bind(ws.0)
            .bind(o.customer.0)
            .fetch_one(&mut *tx)
            .await?;
            if known == 0 {
                return Err(StoreError::NotFound);
            }
            if let Some(r) = reference {
                let taken: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM orders WHERE workspace_id = $1 AND reference = $2",
                )
                .bind(ws.0)
                .bind(r)
                .fetch_one(&mut *tx)
                .await?;
                if taken > 0 {
                    return Err(StoreError::Conflict("order"));
                }
            }
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO orders (workspace_id, customer_id, reference, ordered_at, total, paid, discount_code)
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            )
            .bind(ws.0)
            .bind(o.customer.0)
            .bind(reference)
            .bind(o.ordered_at)
            .bind(o.total.0.max(0))
            .bind(true)
            .bind(code.as_deref())
            .fetch_one(&mut *tx)
            .await?;
            let buy: Option<(i64, String)> = sqlx::query_as(PURCHASE_TOUCHPOINT)
                .bind(ws.0)
                .fetch_optional(&mut *tx)
                .await?;
            if let Some((touchpoint, channel)) = buy {
                let properties = serde_json::json!({
                    "source": "manual",
                    "order": reference.unwrap_or(""),
                    "logged_by": o.logged_by.0,
                })
                .to_string();
                sqlx::query(
                    "INSERT INTO events (workspace_id, customer_id, visitor_id, touchpoint_id,
                                         occurred_at, channel, amount, properties)
                     VALUES ($1, $2, NULL, $3, $4, $5, $6, $7)",
                )
                .bind(ws.0)
                .bind(o.customer.0)
                .bind(touchpoint)
                .bind(o.ordered_at)
                .bind(channel)
                .bind(o.total.0.max(0))
                .bind(properties)
                .execute(&mut *tx)
                .await?;
            }
            Ok(OrderId(id))
        }))
    }
}
