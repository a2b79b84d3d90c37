//! Rule segments (issue 15): saving and editing a segment whose members are a rule evaluated
//! when used, and the few workspace-wide reads the evaluation needs (every customer, who
//! bought given products, NPS answers and closed cases since a time). Each read is one
//! query for the whole workspace, never one per customer.

use crate::rows::CustomerRow;
use crate::{Result, Store, StoreError, with_pool};
use kunde_domain::*;

impl Store {
    /// Saves a rule segment: a name and the rule's stored text, no member rows.
    pub async fn create_rule_segment(
        &self,
        ws: WorkspaceId,
        name: &NonEmpty,
        rule: &str,
        created_by: Option<UserId>,
        now: i64,
    ) -> Result<Segment> {
        let (id,): (i64,) = with_pool!(self, pool => {
            sqlx::query_as(
                "INSERT INTO segments (workspace_id, name, description, created_by, created_at, rule)
                 VALUES ($1, $2, '', $3, $4, $5) RETURNING id",
            )
            .bind(ws.0)
            .bind(name.as_str())
            .bind(created_by.map(|u| u.0))
            .bind(now)
            .bind(rule)
            .fetch_one(pool)
            .await?
        });
        self.segment(ws, SegmentId(id)).await
    }

    /// Replaces a rule segment's name and rule. A saved list, or another workspace's
    /// segment, is `NotFound`: a list's members are not a rule to edit.
    pub async fn update_rule_segment(
        &self,
        ws: WorkspaceId,
        id: SegmentId,
        name: &NonEmpty,
        rule: &str,
    ) -> Result<()> {
        let updated = with_pool!(self, pool => {
            sqlx::query(
                "UPDATE segments SET name = $3, rule = $4
                 WHERE workspace_id = $1 AND id = $2 AND rule IS NOT NULL",
            )
            .bind(ws.0)
            .bind(id.0)
            .bind(name.as_str())
            .bind(rule)
            .execute(pool)
            .await?
            .rows_affected()
        });
        if updated == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Every customer of the workspace that has not been erased, by name: what a rule
    /// segment chooses from.
    pub async fn rule_candidates(&self, ws: WorkspaceId) -> Result<Vec<Customer>> {
        let rows: Vec<CustomerRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT c.id, c.workspace_id, c.name, c.email, c.phone, c.language, c.marketing_consent,
                        c.acquisition_channel, c.acquisition_cost, c.created_at
                 FROM customers c
                 WHERE c.workspace_id = $1
                   AND c.id NOT IN (SELECT l.customer_id FROM erasure_log l WHERE l.workspace_id = $1)
                 ORDER BY c.name, c.id",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter().map(CustomerRow::into_domain).collect()
    }

    /// (customer, product) for every customer who ordered one of `products` (names compared
    /// without regard to case), each pair once.
    pub async fn buyers_of(
        &self,
        ws: WorkspaceId,
        products: &[String],
    ) -> Result<Vec<(CustomerId, String)>> {
        if products.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<(i64, String)> = with_pool!(self, pool => {
            let mut qb = sqlx::QueryBuilder::new(
                "SELECT DISTINCT o.customer_id, lower(l.product) FROM order_lines l
                 JOIN orders o ON o.id = l.order_id AND o.workspace_id = l.workspace_id
                 WHERE l.workspace_id = ",
            );
            qb.push_bind(ws.0).push(" AND lower(l.product) IN (");
            let mut list = qb.separated(", ");
            for p in products {
                list.push_bind(p.trim().to_lowercase());
            }
            qb.push(")");
            qb.build_query_as().fetch_all(pool).await?
        });
        Ok(rows.into_iter().map(|(c, p)| (CustomerId(c), p)).collect())
    }

    /// (customer, time, score) of every NPS answer given since `since` by a known customer.
    pub async fn nps_answers_since(
        &self,
        ws: WorkspaceId,
        since: i64,
    ) -> Result<Vec<(CustomerId, i64, i64)>> {
        let rows: Vec<(i64, i64, i64)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT r.customer_id, r.submitted_at, a.score FROM survey_answers a
                 JOIN survey_responses r ON r.id = a.response_id AND r.workspace_id = a.workspace_id
                 JOIN survey_questions q ON q.id = a.question_id AND q.workspace_id = a.workspace_id
                 WHERE a.workspace_id = $1 AND q.kind = 'nps' AND a.score IS NOT NULL
                   AND r.customer_id IS NOT NULL AND r.submitted_at >= $2",
            )
            .bind(ws.0)
            .bind(since)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(c, t, s)| (CustomerId(c), t, s))
            .collect())
    }

    /// (customer, closed at) of every case closed since `since` that has a customer.
    pub async fn cases_closed_since(
        &self,
        ws: WorkspaceId,
        since: i64,
    ) -> Result<Vec<(CustomerId, i64)>> {
        let rows: Vec<(i64, i64)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT customer_id, resolved_at FROM cases
                 WHERE workspace_id = $1 AND status = 'closed' AND customer_id IS NOT NULL
                   AND resolved_at IS NOT NULL AND resolved_at >= $2",
            )
            .bind(ws.0)
            .bind(since)
            .fetch_all(pool)
            .await?
        });
        Ok(rows.into_iter().map(|(c, t)| (CustomerId(c), t)).collect())
    }
}
