//! The client portal's side of cases and case reports: a customer's reply to one of their
//! own cases (an entry of kind `customer`), and when each customer first signed in to the
//! portal (`portal_first_use`, written when a link starts a session), which the case reports
//! compare billing cases against.

use crate::{Result, Store, StoreError, transaction, with_pool};
use kunde_domain::*;

impl Store {
    /// Adds `body` as the customer's reply to their case `case`, in one transaction. A case of
    /// another customer (or workspace) is `NotFound`; a closed case refuses the reply
    /// (`Conflict`: the customer opens a new case instead). A case waiting on the customer
    /// goes back to open, since the ball is in the business's court again; due times stay
    /// as they were set when the case was opened (lists, reports and escalation agree on
    /// them), and a customer's reply is never a first response.
    pub async fn add_customer_reply(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
        case: CaseId,
        body: &str,
        now: i64,
    ) -> Result<CaseEntry> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let found: Option<(String,)> = sqlx::query_as(
                "SELECT status FROM cases WHERE workspace_id = $1 AND id = $2 AND customer_id = $3",
            )
            .bind(ws.0)
            .bind(case.0)
            .bind(customer.0)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((status,)) = found else { return Err(StoreError::NotFound) };
            if status == CaseStatus::Closed.code() {
                return Err(StoreError::Conflict("a reply to a closed case"));
            }
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO case_entries (workspace_id, case_id, kind, author_id, body, created_at)
                 VALUES ($1, $2, $3, NULL, $4, $5) RETURNING id",
            )
            .bind(ws.0)
            .bind(case.0)
            .bind(EntryKind::CustomerReply.code())
            .bind(body)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "UPDATE cases SET status = 'open' WHERE workspace_id = $1 AND id = $2 AND status = 'waiting'",
            )
            .bind(ws.0)
            .bind(case.0)
            .execute(&mut *tx)
            .await?;
            Ok(CaseEntry {
                id,
                kind: EntryKind::CustomerReply,
                author_name: None,
                body: body.to_owned(),
                created_at: now,
            })
        }))
    }

    /// When each customer of the workspace first signed in to the portal, by customer.
    pub async fn portal_first_use(&self, ws: WorkspaceId) -> Result<Vec<(CustomerId, i64)>> {
        with_pool!(self, pool => {
            let rows: Vec<(i64, i64)> = sqlx::query_as(
                "SELECT customer_id, signed_in_at FROM portal_first_use WHERE workspace_id = $1
                 ORDER BY customer_id",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?;
            Ok(rows.into_iter().map(|(c, t)| (CustomerId(c), t)).collect())
        })
    }

    /// The customers who have signed in to the portal: (customer, when they became known,
    /// their first sign-in), for the before/after case report.
    pub async fn portal_adopters(&self, ws: WorkspaceId) -> Result<Vec<(CustomerId, i64, i64)>> {
        with_pool!(self, pool => {
            let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
                "SELECT f.customer_id, c.created_at, f.signed_in_at FROM portal_first_use f
                 JOIN customers c ON c.workspace_id = f.workspace_id AND c.id = f.customer_id
                 WHERE f.workspace_id = $1 ORDER BY f.customer_id",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(|(c, since, first)| (CustomerId(c), since, first))
                .collect())
        })
    }
}
