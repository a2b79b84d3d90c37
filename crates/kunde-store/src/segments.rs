//! Segments: named, saved lists of a workspace's customers (see `kunde_domain::Segment`).

use crate::rows::CustomerRow;
use crate::{Result, Store, StoreError, transaction, with_pool};
use kunde_domain::*;
use std::collections::HashSet;

/// Customers per multi-row INSERT and per `IN (…)` check (3 bound values a row).
const CHUNK: usize = 1000;

pub(crate) type SegmentRow = (i64, i64, String, String, i64, i64, Option<String>);

pub(crate) fn segment(r: SegmentRow) -> Segment {
    let (id, ws, name, description, created_at, customers, rule) = r;
    Segment {
        id: SegmentId(id),
        workspace_id: WorkspaceId(ws),
        name,
        description,
        created_at,
        customers,
        rule,
    }
}

/// The segments of workspace `$1` with their sizes, then `$rest` (a literal).
macro_rules! select_segments {
    ($rest:literal) => {
        concat!(
            "SELECT s.id, s.workspace_id, s.name, s.description, s.created_at,
                (SELECT COUNT(*) FROM segment_customers m WHERE m.segment_id = s.id AND m.workspace_id = s.workspace_id),
                s.rule
             FROM segments s WHERE s.workspace_id = $1 ",
            $rest
        )
    };
}

impl Store {
    /// Saves a segment with its customers, all or nothing. A customer that is not the
    /// workspace's is an `InvalidReference` and nothing is saved.
    pub async fn create_segment(
        &self,
        ws: WorkspaceId,
        new: &NewSegment,
        created_by: Option<UserId>,
        now: i64,
    ) -> Result<Segment> {
        let mut seen = HashSet::new();
        let members: Vec<i64> = new
            .customers
            .iter()
            .map(|c| c.0)
            .filter(|c| seen.insert(*c))
            .collect();
        let id = with_pool!(self, pool => transaction!(pool, tx => {
            for chunk in members.chunks(CHUNK) {
                let mut qb = sqlx::QueryBuilder::new("SELECT COUNT(*) FROM customers WHERE workspace_id = ");
                qb.push_bind(ws.0).push(" AND id IN (");
                let mut list = qb.separated(", ");
                for id in chunk {
                    list.push_bind(*id);
                }
                qb.push(")");
                let (found,): (i64,) = qb.build_query_as().fetch_one(&mut *tx).await?;
                if found != chunk.len() as i64 {
                    return Err(StoreError::InvalidReference("customer".into()));
                }
            }
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO segments (workspace_id, name, description, created_by, created_at)
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(ws.0)
            .bind(new.name.as_str())
            .bind(new.description.as_str())
            .bind(created_by.map(|u| u.0))
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            for chunk in members.chunks(CHUNK) {
                let mut qb = sqlx::QueryBuilder::new(
                    "INSERT INTO segment_customers (workspace_id, segment_id, customer_id) ",
                );
                qb.push_values(chunk, |mut row, c| {
                    row.push_bind(ws.0).push_bind(id).push_bind(*c);
                });
                qb.build().execute(&mut *tx).await?;
            }
            Ok(id)
        }))?;
        self.segment(ws, SegmentId(id)).await
    }

    /// (segment, customer) for every saved segment's member who has answered a survey: what
    /// survey results are split by.
    pub async fn segment_members_who_answered(&self, ws: WorkspaceId) -> Result<Vec<(i64, i64)>> {
        Ok(with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT m.segment_id, m.customer_id FROM segment_customers m
                 WHERE m.workspace_id = $1 AND m.customer_id IN
                     (SELECT r.customer_id FROM survey_responses r
                      WHERE r.workspace_id = $1 AND r.customer_id IS NOT NULL)",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?
        }))
    }

    /// The workspace's segments, newest first.
    pub async fn list_segments(&self, ws: WorkspaceId) -> Result<Vec<Segment>> {
        let rows: Vec<SegmentRow> = with_pool!(self, pool => {
            sqlx::query_as(select_segments!("ORDER BY s.created_at DESC, s.id DESC"))
                .bind(ws.0)
                .fetch_all(pool)
                .await?
        });
        Ok(rows.into_iter().map(segment).collect())
    }

    /// One segment of the workspace; another workspace's id is `NotFound`.
    pub async fn segment(&self, ws: WorkspaceId, id: SegmentId) -> Result<Segment> {
        let row: Option<SegmentRow> = with_pool!(self, pool => {
            sqlx::query_as(select_segments!("AND s.id = $2"))
                .bind(ws.0)
                .bind(id.0)
                .fetch_optional(pool)
                .await?
        });
        row.map(segment).ok_or(StoreError::NotFound)
    }

    /// A page of a segment's customers, by name. Customers deleted since the segment was
    /// saved are gone from it too.
    pub async fn segment_customers(
        &self,
        ws: WorkspaceId,
        id: SegmentId,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<Customer>> {
        let rows: Vec<CustomerRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT c.id, c.workspace_id, c.name, c.email, c.phone, c.language, c.marketing_consent,
                        c.acquisition_channel, c.acquisition_cost, c.created_at
                 FROM segment_customers m
                 JOIN customers c ON c.id = m.customer_id AND c.workspace_id = m.workspace_id
                 WHERE m.workspace_id = $1 AND m.segment_id = $2
                 ORDER BY c.name, c.id LIMIT $3 OFFSET $4",
            )
            .bind(ws.0)
            .bind(id.0)
            .bind(limit)
            .bind(offset)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter().map(CustomerRow::into_domain).collect()
    }

    /// Deletes a segment (its customers stay); another workspace's id is `NotFound`.
    pub async fn delete_segment(&self, ws: WorkspaceId, id: SegmentId) -> Result<()> {
        let deleted = with_pool!(self, pool => transaction!(pool, tx => {
            sqlx::query("DELETE FROM segment_customers WHERE workspace_id = $1 AND segment_id = $2")
                .bind(ws.0)
                .bind(id.0)
                .execute(&mut *tx)
                .await?;
            Ok(sqlx::query("DELETE FROM segments WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(id.0)
                .execute(&mut *tx)
                .await?
                .rows_affected())
        }))?;
        if deleted == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}
