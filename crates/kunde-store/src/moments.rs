//! What moments of truth need beyond the event log: the workspace's weight of a bad
//! experience (`moment_settings`, migration 0013) and the events whose properties record an
//! outcome, the only events whose properties the ranking reads.

use crate::{Result, Store, StoreError, with_pool};
use kunde_domain::WorkspaceId;

/// How many good experiences one bad one weighs when no weight is set.
pub const DEFAULT_BAD_WEIGHT: i64 = 12;

/// An event of a known customer whose properties mention an outcome.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct OutcomeEvent {
    pub customer_id: i64,
    pub touchpoint_id: i64,
    pub occurred_at: i64,
    pub properties: String,
}

impl Store {
    /// The workspace's weight of a bad experience (12 unless the owner set another).
    pub async fn moments_weight(&self, ws: WorkspaceId) -> Result<i64> {
        let row: Option<(i64,)> = with_pool!(self, pool => {
            sqlx::query_as("SELECT bad_weight FROM moment_settings WHERE workspace_id = $1")
                .bind(ws.0)
                .fetch_optional(pool)
                .await?
        });
        Ok(row.map_or(DEFAULT_BAD_WEIGHT, |(w,)| w))
    }

    /// Sets the weight of a bad experience, 1 to 100.
    pub async fn set_moments_weight(&self, ws: WorkspaceId, weight: i64, now: i64) -> Result<()> {
        if !(1..=100).contains(&weight) {
            return Err(StoreError::InvalidReference(
                "the weight of a bad experience must be 1 to 100".into(),
            ));
        }
        with_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO moment_settings (workspace_id, bad_weight, updated_at) VALUES ($1, $2, $3)
                 ON CONFLICT (workspace_id) DO UPDATE SET bad_weight = excluded.bad_weight, updated_at = excluded.updated_at",
            )
            .bind(ws.0)
            .bind(weight)
            .bind(now)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Events of known customers whose properties mention `outcome`, oldest first; the
    /// caller decides which outcomes failed.
    pub async fn outcome_events(&self, ws: WorkspaceId) -> Result<Vec<OutcomeEvent>> {
        with_pool!(self, pool => {
            let rows: Vec<OutcomeEvent> = sqlx::query_as(
                "SELECT customer_id, touchpoint_id, occurred_at, properties FROM events
                 WHERE workspace_id = $1 AND customer_id IS NOT NULL
                   AND properties LIKE '%outcome%'
                 ORDER BY occurred_at, id",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?;
            Ok(rows)
        })
    }
}
