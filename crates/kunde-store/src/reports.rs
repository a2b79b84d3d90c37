//! The monthly report's e-mail: the owner's choice, the months already queued (so each goes
//! out once, whatever restarts or instances), and outbox messages that carry a file.

use crate::mail::insert_outbox;
use crate::{Result, Store, transaction, with_pool};
use kunde_domain::WorkspaceId;
use kunde_domain::mail::Mail;

/// A file sent with an outbox message (the monthly report's PDF).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailAttachment {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl Store {
    /// Whether the owner has the monthly report e-mailed (off until turned on).
    pub async fn monthly_report_email(&self, ws: WorkspaceId) -> Result<bool> {
        with_pool!(self, pool => {
            let row: Option<(bool,)> = sqlx::query_as(
                "SELECT monthly_email FROM report_settings WHERE workspace_id = $1",
            )
            .bind(ws.0)
            .fetch_optional(pool)
            .await?;
            Ok(row.is_some_and(|r| r.0))
        })
    }

    pub async fn set_monthly_report_email(&self, ws: WorkspaceId, on: bool) -> Result<()> {
        with_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO report_settings (workspace_id, monthly_email) VALUES ($1, $2)
                 ON CONFLICT (workspace_id) DO UPDATE SET monthly_email = excluded.monthly_email",
            )
            .bind(ws.0)
            .bind(on)
            .execute(pool)
            .await?;
            Ok(())
        })
    }

    /// Every workspace whose owner has the monthly report e-mailed.
    pub async fn monthly_report_workspaces(&self) -> Result<Vec<WorkspaceId>> {
        with_pool!(self, pool => {
            let rows: Vec<(i64,)> = sqlx::query_as(
                "SELECT workspace_id FROM report_settings WHERE monthly_email ORDER BY workspace_id",
            )
            .fetch_all(pool)
            .await?;
            Ok(rows.into_iter().map(|r| WorkspaceId(r.0)).collect())
        })
    }

    /// When the workspace's first event happened: history imported from before Kunde (orders,
    /// visits) makes reports of those months worth having. `None` without events.
    pub async fn first_event_at(&self, ws: WorkspaceId) -> Result<Option<i64>> {
        with_pool!(self, pool => {
            let row: (Option<i64>,) = sqlx::query_as(
                "SELECT MIN(occurred_at) FROM events WHERE workspace_id = $1",
            )
            .bind(ws.0)
            .fetch_one(pool)
            .await?;
            Ok(row.0)
        })
    }

    /// Whether the report of `month` (`YYYY-MM`) was queued already.
    pub async fn monthly_report_queued(&self, ws: WorkspaceId, month: &str) -> Result<bool> {
        with_pool!(self, pool => {
            let row: Option<(i64,)> = sqlx::query_as(
                "SELECT queued_at FROM report_mailings WHERE workspace_id = $1 AND month = $2",
            )
            .bind(ws.0)
            .bind(month)
            .fetch_optional(pool)
            .await?;
            Ok(row.is_some())
        })
    }

    /// Records `month` as sent and queues `mails` (each with `attachment`) in one
    /// transaction: false, and nothing queued, when the month was recorded already — so two
    /// instances, or a restart in the middle, never send a month twice or lose it.
    pub async fn queue_monthly_report(
        &self,
        ws: WorkspaceId,
        month: &str,
        mails: &[Mail],
        attachment: &MailAttachment,
        now: i64,
    ) -> Result<bool> {
        for m in mails {
            m.validate()?;
        }
        with_pool!(self, pool => transaction!(pool, tx => {
            let done = sqlx::query(
                "INSERT INTO report_mailings (workspace_id, month, queued_at) VALUES ($1, $2, $3)
                 ON CONFLICT (workspace_id, month) DO NOTHING",
            )
            .bind(ws.0)
            .bind(month)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if done == 0 {
                return Ok(false);
            }
            for m in mails {
                let id = insert_outbox!(&mut *tx, ws, m, now);
                sqlx::query(
                    "UPDATE outbox SET attachment_name = $2, attachment_type = $3, attachment = $4
                     WHERE id = $1",
                )
                .bind(id)
                .bind(&attachment.name)
                .bind(&attachment.content_type)
                .bind(&attachment.bytes)
                .execute(&mut *tx)
                .await?;
            }
            Ok(true)
        }))
    }

    /// The file an outbox message carries, if any.
    pub async fn mail_attachment(&self, id: i64) -> Result<Option<MailAttachment>> {
        with_pool!(self, pool => {
            let row: Option<(String, String, Vec<u8>)> = sqlx::query_as(
                "SELECT attachment_name, attachment_type, attachment FROM outbox
                 WHERE id = $1 AND attachment IS NOT NULL",
            )
            .bind(id)
            .fetch_optional(pool)
            .await?;
            Ok(row.map(|(name, content_type, bytes)| MailAttachment {
                name,
                content_type,
                bytes,
            }))
        })
    }
}
