//! Outgoing e-mail: the workspace's SMTP settings and the durable outbox. Messages are queued
//! here first; `kunde-web`'s sender takes the due ones, sends them and records the outcome, so a
//! queued message survives a restart and a failed one is retried with back-off.

use crate::{Result, Store, StoreError, with_pool};
use kunde_domain::WorkspaceId;
use kunde_domain::mail::{Mail, Security, SmtpSettings};

/// Inserts one message into the outbox through `$exec` (a pool, or a transaction so the
/// message is queued together with what it reports); evaluates to its id. The caller has
/// validated the message.
macro_rules! insert_outbox {
    ($exec:expr, $ws:expr, $mail:expr, $now:expr) => {{
        let mail: &kunde_domain::mail::Mail = $mail;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO outbox (workspace_id, to_address, to_name, subject, text_body, html_body,
                 unsubscribe_url, reply_to, created_at, next_attempt_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
        )
        .bind($ws.0)
        .bind(mail.to.trim())
        .bind(mail.to_name.as_deref())
        .bind(&mail.subject)
        .bind(&mail.text)
        .bind(mail.html.as_deref())
        .bind(mail.unsubscribe_url.as_deref())
        .bind(mail.reply_to.as_deref())
        .bind($now)
        .fetch_one($exec)
        .await?;
        id
    }};
}
pub(crate) use insert_outbox;

/// After this many failed attempts a message is given up (its error stays visible).
pub const MAX_ATTEMPTS: i64 = 8;

/// A queued message as the sender and the settings page see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedMail {
    pub id: i64,
    pub workspace_id: WorkspaceId,
    pub mail: Mail,
    pub created_at: i64,
    pub attempts: i64,
    pub next_attempt_at: Option<i64>,
    pub sent_at: Option<i64>,
    pub last_error: Option<String>,
}

impl QueuedMail {
    pub fn state(&self) -> MailState {
        match (self.sent_at, self.next_attempt_at) {
            (Some(_), _) => MailState::Sent,
            (None, Some(_)) => MailState::Queued,
            (None, None) => MailState::Failed,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailState {
    Queued,
    Sent,
    Failed,
}

impl MailState {
    pub fn code(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Sent => "sent",
            Self::Failed => "failed",
        }
    }
}

type SettingsRow = (
    String,
    i64,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
);

pub(crate) type OutboxRow = (
    i64,
    i64,
    String,
    Option<String>,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
    i64,
    Option<i64>,
    Option<i64>,
    Option<String>,
);

pub(crate) const OUTBOX_COLUMNS: &str = "id, workspace_id, to_address, to_name, subject, text_body, html_body, \
     unsubscribe_url, reply_to, created_at, attempts, next_attempt_at, sent_at, last_error";

pub(crate) fn outbox_row(r: OutboxRow) -> QueuedMail {
    QueuedMail {
        id: r.0,
        workspace_id: WorkspaceId(r.1),
        mail: Mail {
            to: r.2,
            to_name: r.3,
            subject: r.4,
            text: r.5,
            html: r.6,
            unsubscribe_url: r.7,
            reply_to: r.8,
        },
        created_at: r.9,
        attempts: r.10,
        next_attempt_at: r.11,
        sent_at: r.12,
        last_error: r.13,
    }
}

/// Seconds to wait before attempt `attempts + 1`: one minute, doubling, at most six hours.
pub fn retry_delay(attempts: i64) -> i64 {
    (60i64 << attempts.clamp(0, 20)).min(6 * 3600)
}

impl Store {
    /// The workspace's SMTP server, if the owner has set one.
    pub async fn smtp_settings(&self, ws: WorkspaceId) -> Result<Option<SmtpSettings>> {
        let row: Option<SettingsRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT host, port, security, username, password, from_address, from_name
                 FROM smtp_settings WHERE workspace_id = $1",
            )
            .bind(ws.0)
            .fetch_optional(pool)
            .await?
        });
        row.map(
            |(host, port, security, username, password, from_address, from_name)| {
                Ok(SmtpSettings {
                    host,
                    port: u16::try_from(port)
                        .map_err(|_| StoreError::Corrupt(format!("smtp port {port}")))?,
                    security: Security::parse(&security).ok_or_else(|| {
                        StoreError::Corrupt(format!("smtp security '{security}'"))
                    })?,
                    username,
                    password,
                    from_address,
                    from_name,
                })
            },
        )
        .transpose()
    }

    /// Saves the workspace's SMTP server, replacing the previous one.
    pub async fn save_smtp_settings(
        &self,
        ws: WorkspaceId,
        s: &SmtpSettings,
        now: i64,
    ) -> Result<()> {
        s.validate()?;
        with_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO smtp_settings
                     (workspace_id, host, port, security, username, password, from_address, from_name, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                 ON CONFLICT (workspace_id) DO UPDATE SET host = $2, port = $3, security = $4,
                     username = $5, password = $6, from_address = $7, from_name = $8, updated_at = $9",
            )
            .bind(ws.0)
            .bind(s.host.trim())
            .bind(i64::from(s.port))
            .bind(s.security.code())
            .bind(s.username.as_deref())
            .bind(s.password.as_deref())
            .bind(s.from_address.trim())
            .bind(s.from_name.trim())
            .bind(now)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Queues a message for sending; it is due at once. Returns its id.
    pub async fn enqueue_mail(&self, ws: WorkspaceId, mail: &Mail, now: i64) -> Result<i64> {
        mail.validate()?;
        let id: i64 = with_pool!(self, pool => { insert_outbox!(pool, ws, mail, now) });
        Ok(id)
    }

    /// Messages of every workspace that are due at `now`, oldest first.
    pub async fn due_mail(&self, now: i64, limit: i64) -> Result<Vec<QueuedMail>> {
        let rows: Vec<OutboxRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {OUTBOX_COLUMNS} FROM outbox
                 WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= $1
                 ORDER BY next_attempt_at, id LIMIT $2"
            )))
            .bind(now)
            .bind(limit)
            .fetch_all(pool)
            .await?
        });
        Ok(rows.into_iter().map(outbox_row).collect())
    }

    /// The workspace's most recent messages, newest first.
    pub async fn recent_mail(&self, ws: WorkspaceId, limit: i64) -> Result<Vec<QueuedMail>> {
        let rows: Vec<OutboxRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {OUTBOX_COLUMNS} FROM outbox WHERE workspace_id = $1
                 ORDER BY created_at DESC, id DESC LIMIT $2"
            )))
            .bind(ws.0)
            .bind(limit)
            .fetch_all(pool)
            .await?
        });
        Ok(rows.into_iter().map(outbox_row).collect())
    }

    /// One message of the workspace.
    pub async fn queued_mail(&self, ws: WorkspaceId, id: i64) -> Result<QueuedMail> {
        let row: Option<OutboxRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {OUTBOX_COLUMNS} FROM outbox WHERE workspace_id = $1 AND id = $2"
            )))
            .bind(ws.0)
            .bind(id)
            .fetch_optional(pool)
            .await?
        });
        row.map(outbox_row).ok_or(StoreError::NotFound)
    }

    /// Records a successful delivery (and ends the sender's claim).
    pub async fn mark_mail_sent(&self, id: i64, now: i64) -> Result<()> {
        with_pool!(self, pool => {
            sqlx::query(
                "UPDATE outbox SET sent_at = $2, next_attempt_at = NULL, attempts = attempts + 1,
                     last_error = NULL, claimed_until = NULL, claimed_by = NULL WHERE id = $1",
            )
            .bind(id)
            .bind(now)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Records a successful delivery like [`Store::mark_mail_sent`] and replaces the stored
    /// bodies by `text` and `html` (the sender's copies with their live links removed), and
    /// forgets the unsubscribe address, which only the sent message needed: one statement,
    /// so a sent message never keeps a live link (issue 18, finding 12).
    pub async fn mark_mail_sent_redacted(
        &self,
        id: i64,
        now: i64,
        text: &str,
        html: Option<&str>,
    ) -> Result<()> {
        with_pool!(self, pool => {
            sqlx::query(
                "UPDATE outbox SET sent_at = $2, next_attempt_at = NULL, attempts = attempts + 1,
                     last_error = NULL, claimed_until = NULL, claimed_by = NULL,
                     text_body = $3, html_body = $4, unsubscribe_url = NULL WHERE id = $1",
            )
            .bind(id)
            .bind(now)
            .bind(text)
            .bind(html)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Records a failed attempt: retried later with back-off, or given up after
    /// [`MAX_ATTEMPTS`] (or at once when `permanent`, e.g. no SMTP server is set).
    pub async fn mark_mail_failed(
        &self,
        id: i64,
        error: &str,
        permanent: bool,
        now: i64,
    ) -> Result<()> {
        let attempts: i64 = with_pool!(self, pool => {
            sqlx::query_scalar("SELECT attempts FROM outbox WHERE id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await?
                .ok_or(StoreError::NotFound)?
        });
        let next_attempt_at =
            (!permanent && attempts + 1 < MAX_ATTEMPTS).then(|| now + retry_delay(attempts));
        with_pool!(self, pool => {
            sqlx::query(
                "UPDATE outbox SET attempts = $2, last_error = $3, next_attempt_at = $4,
                     claimed_until = NULL, claimed_by = NULL WHERE id = $1",
            )
            .bind(id)
            .bind(attempts + 1)
            .bind(error)
            .bind(next_attempt_at)
            .execute(pool)
            .await?;
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_to_six_hours() {
        assert_eq!(retry_delay(0), 60);
        assert_eq!(retry_delay(1), 120);
        assert_eq!(retry_delay(3), 480);
        assert_eq!(retry_delay(30), 6 * 3600);
    }
}
