//! The e-mail behind a case reply (issue 17, migration 0024): a reply is written together with
//! the outbox message that carries it, and the case page reads back what became of each, so a
//! reply that could not go says so instead of passing for sent.

use crate::mail::{MailState, OUTBOX_COLUMNS, OutboxRow, QueuedMail, insert_outbox, outbox_row};
use crate::{Result, Store, StoreError, transaction, with_pool};
use kunde_domain::mail::Mail;
use kunde_domain::{CaseEntry, CaseId, EntryKind, UserId, WorkspaceId};

/// Entry id, message id, sent at, next attempt at, last error.
type ReplyMailRow = (i64, i64, Option<i64>, Option<i64>, Option<String>);

/// What became of the e-mail of one reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyMail {
    pub entry_id: i64,
    pub outbox_id: i64,
    pub state: MailState,
    /// The stored reason of the last failed attempt (see `kunde-web`'s `SendFailure`).
    pub last_error: Option<String>,
}

impl Store {
    /// Adds a reply to a case and queues `mail`, the e-mail that carries it, in one
    /// transaction; the entry remembers its message. Like every reply it is the first
    /// response when none was given yet and moves a new case to open. Returns the entry and
    /// the message's id.
    pub async fn add_case_reply(
        &self,
        ws: WorkspaceId,
        case: CaseId,
        author: Option<UserId>,
        body: &str,
        mail: &Mail,
        now: i64,
    ) -> Result<(CaseEntry, i64)> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM cases WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(case.0)
                .fetch_optional(&mut *tx)
                .await?;
            if found.is_none() {
                return Err(StoreError::NotFound);
            }
            let outbox_id = insert_outbox!(&mut *tx, ws, mail, now);
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO case_entries (workspace_id, case_id, kind, author_id, body, created_at, outbox_id)
                 VALUES ($1, $2, 'reply', $3, $4, $5, $6) RETURNING id",
            )
            .bind(ws.0)
            .bind(case.0)
            .bind(author.map(|a| a.0))
            .bind(body)
            .bind(now)
            .bind(outbox_id)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "UPDATE cases SET first_response_at = COALESCE(first_response_at, $1),
                        status = CASE WHEN status = 'new' THEN 'open' ELSE status END
                 WHERE workspace_id = $2 AND id = $3",
            )
            .bind(now)
            .bind(ws.0)
            .bind(case.0)
            .execute(&mut *tx)
            .await?;
            let author_name: Option<(String,)> = match author {
                Some(a) => sqlx::query_as("SELECT name FROM users WHERE workspace_id = $1 AND id = $2")
                    .bind(ws.0)
                    .bind(a.0)
                    .fetch_optional(&mut *tx)
                    .await?,
                None => None,
            };
            let entry = CaseEntry {
                id,
                kind: EntryKind::Reply,
                author_name: author_name.map(|n| n.0),
                body: body.to_owned(),
                created_at: now,
            };
            Ok((entry, outbox_id))
        }))
    }

    /// What became of the e-mail of each reply of a case that has one.
    pub async fn case_reply_mail(&self, ws: WorkspaceId, case: CaseId) -> Result<Vec<ReplyMail>> {
        let rows: Vec<ReplyMailRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT e.id, o.id, o.sent_at, o.next_attempt_at, o.last_error
                 FROM case_entries e JOIN outbox o ON o.id = e.outbox_id AND o.workspace_id = e.workspace_id
                 WHERE e.workspace_id = $1 AND e.case_id = $2 ORDER BY e.id",
            )
            .bind(ws.0)
            .bind(case.0)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(
                |(entry_id, outbox_id, sent_at, next, last_error)| ReplyMail {
                    entry_id,
                    outbox_id,
                    state: match (sent_at, next) {
                        (Some(_), _) => MailState::Sent,
                        (None, Some(_)) => MailState::Queued,
                        (None, None) => MailState::Failed,
                    },
                    last_error,
                },
            )
            .collect())
    }

    /// The workspace's messages created since `since` that were given up (failed for good),
    /// newest first, at most `limit`.
    pub async fn failed_mail_since(
        &self,
        ws: WorkspaceId,
        since: i64,
        limit: i64,
    ) -> Result<Vec<QueuedMail>> {
        let rows: Vec<OutboxRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {OUTBOX_COLUMNS} FROM outbox
                 WHERE workspace_id = $1 AND created_at >= $2 AND sent_at IS NULL AND next_attempt_at IS NULL
                 ORDER BY created_at DESC, id DESC LIMIT $3"
            )))
            .bind(ws.0)
            .bind(since)
            .bind(limit)
            .fetch_all(pool)
            .await?
        });
        Ok(rows.into_iter().map(outbox_row).collect())
    }
}
