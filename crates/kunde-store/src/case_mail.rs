//! The e-mail behind a case reply (issue 17, migration 0024): a reply is written together with
//! the outbox message that carries it, and the case page reads back what became of each, so a
//! reply that could not go says so instead of passing for sent. The same for the replies of
//! the case a follow-up became and for survey invitations and their reminders (migration 0027).

use crate::mail::{MailState, OUTBOX_COLUMNS, OutboxRow, QueuedMail, insert_outbox, outbox_row};
use crate::{Result, Store, StoreError, transaction, with_pool};
use kunde_domain::mail::Mail;
use kunde_domain::{CaseEntry, CaseId, EntryKind, SurveyId, UserId, WorkspaceId};

/// Entry id, message id, sent at, next attempt at, last error.
type ReplyMailRow = (i64, i64, Option<i64>, Option<i64>, Option<String>);

/// A message's state from its outbox columns (sent at, next attempt at).
fn state_of(sent_at: Option<i64>, next: Option<i64>) -> MailState {
    match (sent_at, next) {
        (Some(_), _) => MailState::Sent,
        (None, Some(_)) => MailState::Queued,
        (None, None) => MailState::Failed,
    }
}

/// What became of one message: its state and the stored reason of its last failed attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailFate {
    pub state: MailState,
    pub last_error: Option<String>,
}

/// One invitation of a survey with what became of its e-mail and its reminder's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationMail {
    pub invitation_id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    pub created_at: i64,
    pub answered_at: Option<i64>,
    /// `None` for an invitation sent before its message was recorded with it.
    pub invitation: Option<MailFate>,
    pub reminder: Option<MailFate>,
}

type InvitationMailRow = (
    i64,
    i64,
    String,
    i64,
    Option<i64>,
    (Option<i64>, Option<i64>, Option<i64>, Option<String>),
    (Option<i64>, Option<i64>, Option<i64>, Option<String>),
);

fn fate(row: (Option<i64>, Option<i64>, Option<i64>, Option<String>)) -> Option<MailFate> {
    let (id, sent_at, next, last_error) = row;
    id.map(|_| MailFate {
        state: state_of(sent_at, next),
        last_error,
    })
}

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
                    state: state_of(sent_at, next),
                    last_error,
                },
            )
            .collect())
    }

    /// What became of the reply e-mails of the cases the workspace's follow-ups became, as
    /// (follow-up id, reply mail), oldest reply first.
    pub async fn followup_case_mail(&self, ws: WorkspaceId) -> Result<Vec<(i64, ReplyMail)>> {
        /// Follow-up id, then a reply's row.
        type Row = (i64, i64, i64, Option<i64>, Option<i64>, Option<String>);
        let rows: Vec<Row> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT f.id, e.id, o.id, o.sent_at, o.next_attempt_at, o.last_error
                 FROM survey_followups f
                 JOIN case_entries e ON e.case_id = f.case_id AND e.workspace_id = f.workspace_id
                 JOIN outbox o ON o.id = e.outbox_id AND o.workspace_id = e.workspace_id
                 WHERE f.workspace_id = $1 ORDER BY f.id, e.id",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(fu, entry_id, outbox_id, sent_at, next, last_error)| {
                (
                    fu,
                    ReplyMail {
                        entry_id,
                        outbox_id,
                        state: state_of(sent_at, next),
                        last_error,
                    },
                )
            })
            .collect())
    }

    /// A survey's invitations, newest first (at most `limit`), each with what became of its
    /// e-mail and its reminder's. Another workspace's survey has none.
    pub async fn invitation_mail(
        &self,
        ws: WorkspaceId,
        survey: SurveyId,
        limit: i64,
    ) -> Result<Vec<InvitationMail>> {
        type Flat = (
            i64,
            i64,
            String,
            i64,
            Option<i64>,
            Option<i64>,
            Option<i64>,
            Option<i64>,
            Option<String>,
            Option<i64>,
            Option<i64>,
            Option<i64>,
            Option<String>,
        );
        let rows: Vec<Flat> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT i.id, i.customer_id, cu.name, i.created_at, i.answered_at,
                        o.id, o.sent_at, o.next_attempt_at, o.last_error,
                        r.id, r.sent_at, r.next_attempt_at, r.last_error
                 FROM survey_invitations i
                 JOIN customers cu ON cu.id = i.customer_id AND cu.workspace_id = i.workspace_id
                 LEFT JOIN outbox o ON o.id = i.outbox_id AND o.workspace_id = i.workspace_id
                 LEFT JOIN outbox r ON r.id = i.reminder_outbox_id AND r.workspace_id = i.workspace_id
                 WHERE i.workspace_id = $1 AND i.survey_id = $2
                 ORDER BY i.created_at DESC, i.id DESC LIMIT $3",
            )
            .bind(ws.0)
            .bind(survey.0)
            .bind(limit.clamp(1, 10_000))
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|f| -> InvitationMailRow {
                (
                    f.0,
                    f.1,
                    f.2,
                    f.3,
                    f.4,
                    (f.5, f.6, f.7, f.8),
                    (f.9, f.10, f.11, f.12),
                )
            })
            .map(
                |(invitation_id, customer_id, customer_name, created_at, answered_at, inv, rem)| {
                    InvitationMail {
                        invitation_id,
                        customer_id,
                        customer_name,
                        created_at,
                        answered_at,
                        invitation: fate(inv),
                        reminder: fate(rem),
                    }
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
