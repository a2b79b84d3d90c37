//! Marketing spend per acquisition channel and month (migration 0012), for the Channels
//! page's acquisition cost. A month's spend of a channel is one row: recording it again
//! replaces it. An import writes all its rows in one transaction, or none.

use crate::{Result, Store, transaction, with_pool};
use kunde_domain::{Money, WorkspaceId};

/// One channel's spend in one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spend {
    pub channel: String,
    /// `YYYY-MM`.
    pub month: String,
    pub amount: Money,
}

const UPSERT: &str =
    "INSERT INTO marketing_spend (workspace_id, channel, month, amount, updated_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (workspace_id, channel, month)
     DO UPDATE SET amount = excluded.amount, updated_at = excluded.updated_at";

impl Store {
    /// Records (or replaces) spend rows, all in one transaction.
    pub async fn record_spend(&self, ws: WorkspaceId, rows: &[Spend], now: i64) -> Result<u64> {
        with_pool!(self, pool => transaction!(pool, tx => {
            for r in rows {
                sqlx::query(UPSERT)
                    .bind(ws.0)
                    .bind(&r.channel)
                    .bind(&r.month)
                    .bind(r.amount.0)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
            }
            Ok(rows.len() as u64)
        }))
    }

    /// Every spend row of the workspace, by month then channel.
    pub async fn list_spend(&self, ws: WorkspaceId) -> Result<Vec<Spend>> {
        let rows: Vec<(String, String, i64)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT channel, month, amount FROM marketing_spend
                 WHERE workspace_id = $1 ORDER BY month, channel",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(channel, month, amount)| Spend {
                channel,
                month,
                amount: Money(amount),
            })
            .collect())
    }

    /// Removes one month's spend of a channel (nothing when there is none).
    pub async fn delete_spend(&self, ws: WorkspaceId, channel: &str, month: &str) -> Result<()> {
        with_pool!(self, pool => {
            sqlx::query(
                "DELETE FROM marketing_spend WHERE workspace_id = $1 AND channel = $2 AND month = $3",
            )
            .bind(ws.0)
            .bind(channel)
            .bind(month)
            .execute(pool)
            .await?;
        });
        Ok(())
    }
}
