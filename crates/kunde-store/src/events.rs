//! Touchpoint events and orders, and the customer timeline that interleaves them.

use crate::{Result, Store, StoreError, transaction, with_pool};
use kunde_domain::*;

/// One entry of a customer's timeline, newest first.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TimelineItem {
    pub at: i64,
    /// "event", "order" or "campaign" (an e-mail of a campaign).
    pub kind: &'static str,
    /// The touchpoint's name for an event, the order reference (or number) for an order.
    pub title: String,
    /// The channel of an event; the products of an order.
    pub detail: String,
    pub amount: Option<Money>,
}

impl Store {
    /// Stores a batch of events, all or nothing. Each event's touchpoint and customer must
    /// belong to the workspace; the first that does not is named in the error by its index.
    pub async fn insert_events(&self, ws: WorkspaceId, events: &[NewEvent]) -> Result<u64> {
        with_pool!(self, pool => transaction!(pool, tx => {
            for (i, e) in events.iter().enumerate() {
                let done = sqlx::query(
                    "INSERT INTO events (workspace_id, customer_id, visitor_id, touchpoint_id, occurred_at,
                                         channel, amount, properties)
                     SELECT $1, $2, $3, $4, $5, $6, $7, $8
                     WHERE EXISTS (SELECT 1 FROM touchpoints WHERE workspace_id = $1 AND id = $4)
                       AND ($2 IS NULL OR EXISTS (SELECT 1 FROM customers WHERE workspace_id = $1 AND id = $2))",
                )
                .bind(ws.0)
                .bind(e.customer_id.map(|c| c.0))
                .bind(e.visitor_id.as_deref())
                .bind(e.touchpoint_id.0)
                .bind(e.occurred_at)
                .bind(e.channel.code())
                .bind(e.amount.map(|m| m.0))
                .bind(&e.properties)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::InvalidReference(format!(
                        "event {i}: unknown touchpoint {} or customer", e.touchpoint_id
                    )));
                }
            }
            Ok(events.len() as u64)
        }))
    }

    /// Stores an order with its lines; the total is derived from the lines.
    pub async fn insert_order(&self, ws: WorkspaceId, o: &NewOrder) -> Result<OrderId> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let row: Option<(i64,)> = sqlx::query_as(
                "INSERT INTO orders (workspace_id, customer_id, reference, ordered_at, total, paid, discount_code)
                 SELECT $1, $2, $3, $4, $5, $6, $7
                 WHERE EXISTS (SELECT 1 FROM customers WHERE workspace_id = $1 AND id = $2)
                 RETURNING id",
            )
            .bind(ws.0)
            .bind(o.customer_id.0)
            .bind(o.reference.as_deref())
            .bind(o.ordered_at)
            .bind(o.total().0)
            .bind(o.paid)
            .bind(o.discount_code.as_deref().map(|c| c.trim().to_uppercase()))
            .fetch_optional(&mut *tx)
            .await?;
            let (id,) = row.ok_or_else(|| StoreError::InvalidReference(format!("customer {}", o.customer_id)))?;
            for line in &o.lines {
                sqlx::query(
                    "INSERT INTO order_lines (workspace_id, order_id, product, quantity, unit_price)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(ws.0)
                .bind(id)
                .bind(line.product.as_str())
                .bind(line.quantity)
                .bind(line.unit_price.0)
                .execute(&mut *tx)
                .await?;
            }
            Ok(OrderId(id))
        }))
    }

    /// Everything that happened with one customer, newest first (at most `limit` entries).
    pub async fn customer_timeline(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
        limit: i64,
    ) -> Result<Vec<TimelineItem>> {
        with_pool!(self, pool => {
            let events: Vec<(i64, String, String, Option<i64>)> = sqlx::query_as(
                "SELECT e.occurred_at, t.name, e.channel, e.amount
                 FROM events e JOIN touchpoints t ON t.id = e.touchpoint_id AND t.workspace_id = e.workspace_id
                 WHERE e.workspace_id = $1 AND e.customer_id = $2
                 ORDER BY e.occurred_at DESC, e.id DESC LIMIT $3",
            )
            .bind(ws.0)
            .bind(customer.0)
            .bind(limit)
            .fetch_all(pool)
            .await?;
            let orders: Vec<(i64, i64, Option<String>, i64)> = sqlx::query_as(
                "SELECT id, ordered_at, reference, total FROM orders
                 WHERE workspace_id = $1 AND customer_id = $2
                 ORDER BY ordered_at DESC, id DESC LIMIT $3",
            )
            .bind(ws.0)
            .bind(customer.0)
            .bind(limit)
            .fetch_all(pool)
            .await?;
            let mut items: Vec<TimelineItem> = events
                .into_iter()
                .map(|(at, title, channel, amount)| TimelineItem {
                    at,
                    kind: "event",
                    title,
                    detail: channel,
                    amount: amount.map(Money),
                })
                .collect();
            for (id, at, reference, total) in orders {
                let products: Vec<(String, i64)> = sqlx::query_as(
                    "SELECT product, quantity FROM order_lines WHERE workspace_id = $1 AND order_id = $2 ORDER BY id",
                )
                .bind(ws.0)
                .bind(id)
                .fetch_all(pool)
                .await?;
                let detail = products
                    .iter()
                    .map(|(p, q)| if *q == 1 { p.clone() } else { format!("{q} × {p}") })
                    .collect::<Vec<_>>()
                    .join(", ");
                items.push(TimelineItem {
                    at,
                    kind: "order",
                    title: reference.unwrap_or_else(|| format!("#{id}")),
                    detail,
                    amount: Some(Money(total)),
                });
            }
            // Campaign e-mails queued for them (a campaign that names a touchpoint has
            // recorded an event there instead).
            let mails: Vec<(i64, String)> = sqlx::query_as(
                "SELECT COALESCE(r.queued_at, 0), k.name FROM campaign_recipients r
                 JOIN campaigns k ON k.workspace_id = r.workspace_id AND k.id = r.campaign_id
                 WHERE r.workspace_id = $1 AND r.customer_id = $2 AND r.state = 'queued'
                   AND k.touchpoint_id IS NULL
                 ORDER BY r.queued_at DESC LIMIT $3",
            )
            .bind(ws.0)
            .bind(customer.0)
            .bind(limit)
            .fetch_all(pool)
            .await?;
            items.extend(mails.into_iter().map(|(at, name)| TimelineItem {
                at,
                kind: "campaign",
                title: name,
                detail: String::new(),
                amount: None,
            }));
            items.sort_by_key(|item| std::cmp::Reverse(item.at));
            items.truncate(limit.max(0) as usize);
            Ok(items)
        })
    }

    /// Headline counts for the overview page: customers, events, orders and revenue.
    pub async fn workspace_totals(&self, ws: WorkspaceId) -> Result<WorkspaceTotals> {
        with_pool!(self, pool => {
            let (customers,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM customers WHERE workspace_id = $1")
                .bind(ws.0).fetch_one(pool).await?;
            let (events,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM events WHERE workspace_id = $1")
                .bind(ws.0).fetch_one(pool).await?;
            let (orders, revenue): (i64, Option<i64>) =
                sqlx::query_as("SELECT COUNT(*), CAST(SUM(total) AS BIGINT) FROM orders WHERE workspace_id = $1")
                    .bind(ws.0).fetch_one(pool).await?;
            let (journeys,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM journeys WHERE workspace_id = $1")
                .bind(ws.0).fetch_one(pool).await?;
            Ok(WorkspaceTotals { customers, events, orders, revenue: Money(revenue.unwrap_or(0)), journeys })
        })
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct WorkspaceTotals {
    pub customers: i64,
    pub events: i64,
    pub orders: i64,
    pub revenue: Money,
    pub journeys: i64,
}
