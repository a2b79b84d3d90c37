//! What the optional events backend (ClickHouse) copies: a workspace's customer events by id
//! range, and digests of id ranges that both sides compute the same way, so the copy can be
//! checked and a differing range sent again. Events without a customer (anonymous visitors
//! not yet joined) are not copied, as the analytics pages do not read them either.

use crate::{Result, Store, with_pool};
use kunde_domain::WorkspaceId;

/// One customer event as the events backend keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct ExportEvent {
    pub id: i64,
    pub customer_id: i64,
    pub occurred_at: i64,
    pub touchpoint_id: i64,
    pub amount: Option<i64>,
}

/// The customer events of one range of ids: how many, the largest id, and the sums of ids,
/// customers, touchpoints and times (see `kunde_clickhouse::Digest`, the same on the other
/// side).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EventDigest {
    /// The range's number: `id / range` (0 for [`Store::event_digest_between`]).
    pub chunk: i64,
    pub events: i64,
    pub max_id: i64,
    pub sum_ids: i64,
    pub sum_customers: i64,
    pub sum_touchpoints: i64,
    pub sum_times: i64,
}

type DigestRow = (
    i64,
    i64,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
);

fn digest((chunk, events, max_id, ids, customers, touchpoints, times): DigestRow) -> EventDigest {
    EventDigest {
        chunk,
        events,
        max_id: max_id.unwrap_or(0),
        sum_ids: ids.unwrap_or(0),
        sum_customers: customers.unwrap_or(0),
        sum_touchpoints: touchpoints.unwrap_or(0),
        sum_times: times.unwrap_or(0),
    }
}

/// The digest's columns: constant text, no value is spliced into a query.
const SUMS: &str = "COUNT(*), MAX(id), CAST(SUM(id) AS BIGINT), CAST(SUM(customer_id) AS BIGINT), \
     CAST(SUM(touchpoint_id) AS BIGINT), CAST(SUM(occurred_at) AS BIGINT)";

impl Store {
    /// The digest of every range of `range` ids that holds customer events of `ws`, in order.
    pub async fn event_digests(&self, ws: WorkspaceId, range: i64) -> Result<Vec<EventDigest>> {
        let sql = format!(
            "SELECT id / $2, {SUMS} FROM events WHERE workspace_id = $1 \
             AND customer_id IS NOT NULL GROUP BY 1 ORDER BY 1"
        );
        with_pool!(self, pool => {
            let rows: Vec<DigestRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(ws.0)
                .bind(range.max(1))
                .fetch_all(pool)
                .await?;
            Ok(rows.into_iter().map(digest).collect())
        })
    }

    /// The digest of the customer events of `ws` with `from <= id <= to`.
    pub async fn event_digest_between(
        &self,
        ws: WorkspaceId,
        from: i64,
        to: i64,
    ) -> Result<EventDigest> {
        let sql = format!(
            "SELECT CAST(0 AS BIGINT), {SUMS} FROM events WHERE workspace_id = $1 \
             AND customer_id IS NOT NULL AND id >= $2 AND id <= $3"
        );
        with_pool!(self, pool => {
            let row: DigestRow = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(ws.0)
                .bind(from)
                .bind(to)
                .fetch_one(pool)
                .await?;
            Ok(digest(row))
        })
    }

    /// Up to `limit` customer events of `ws` with `after < id <= to`, by id.
    pub async fn export_events(
        &self,
        ws: WorkspaceId,
        after: i64,
        to: i64,
        limit: i64,
    ) -> Result<Vec<ExportEvent>> {
        with_pool!(self, pool => {
            let rows: Vec<ExportEvent> = sqlx::query_as(
                "SELECT id, customer_id, occurred_at, touchpoint_id, amount FROM events \
                 WHERE workspace_id = $1 AND customer_id IS NOT NULL AND id > $2 AND id <= $3 \
                 ORDER BY id LIMIT $4",
            )
            .bind(ws.0)
            .bind(after)
            .bind(to)
            .bind(limit)
            .fetch_all(pool)
            .await?;
            Ok(rows)
        })
    }
}
