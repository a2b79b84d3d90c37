//! Several instances on one database (issue 21): timed work is *claimed* with a lease before
//! it is done, so exactly one instance does each piece, and a claim held by an instance that
//! died is free again once its lease has passed. Also the shared rate-limit counters, the
//! database check behind `/healthz`, and the check that this binary knows every migration the
//! database has run.
//!
//! A claim is one statement written once for both backends:
//! `UPDATE t SET claimed_until = now + lease, claimed_by = me WHERE id IN (SELECT id … due and
//! not claimed or lease passed … LIMIT n {FOR UPDATE SKIP LOCKED}) RETURNING …`. On PostgreSQL
//! the `FOR UPDATE SKIP LOCKED` makes concurrent claimers pass over each other's rows (and
//! re-checks a row another committed meanwhile); SQLite runs it inside its one writer's
//! transaction (`BEGIN IMMEDIATE`), which serialises claimers the same way.

use crate::mail::{OUTBOX_COLUMNS, OutboxRow, insert_outbox, outbox_row};
use crate::{Backend, QueuedMail, Result, Store, StoreError, transaction, with_pool};
use kunde_domain::mail::Mail;
use kunde_domain::{CaseId, WorkspaceId};
use std::collections::HashSet;

/// Who claims and for how long: an instance's id and the lease in seconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimer {
    pub id: String,
    pub lease_secs: i64,
}

impl Claimer {
    /// A new, unique instance id (host name, process id, random suffix) with `lease_secs`.
    pub fn new(lease_secs: i64) -> Self {
        let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "kunde".into());
        let id = format!(
            "{host}-{}-{}",
            std::process::id(),
            &uuid::Uuid::new_v4().simple().to_string()[..8]
        );
        Self {
            id,
            lease_secs: lease_secs.max(1),
        }
    }
}

/// The database has run a migration this binary does not know: a newer Kunde migrated it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewerDatabase {
    pub unknown: Vec<i64>,
    pub known_up_to: i64,
}

impl std::fmt::Display for NewerDatabase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the database was migrated by a newer version of Kunde (it has run migration {}, \
             this version knows migrations up to {}); upgrade this instance to the version the \
             others run, and do not point an older Kunde at it",
            self.unknown
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            self.known_up_to
        )
    }
}

impl Store {
    /// What the claim statements add to their inner `SELECT`: row locks skipped by others on
    /// PostgreSQL; nothing on SQLite, whose writer lock already serialises the statement.
    fn skip_locked(&self) -> &'static str {
        match self.backend() {
            Backend::Postgres => "FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        }
    }

    /// Claims up to `limit` messages due at `now` that no live claim holds, oldest first.
    /// The claimer then sends them and records the outcome (`mark_mail_sent` /
    /// `mark_mail_failed`, which end the claim).
    pub async fn claim_due_mail(
        &self,
        claimer: &Claimer,
        now: i64,
        limit: i64,
    ) -> Result<Vec<QueuedMail>> {
        let sql = format!(
            "UPDATE outbox SET claimed_until = $2, claimed_by = $3
             WHERE id IN (SELECT id FROM outbox
                 WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= $1
                   AND (claimed_until IS NULL OR claimed_until <= $1)
                 ORDER BY next_attempt_at, id LIMIT $4 {})
             RETURNING {OUTBOX_COLUMNS}",
            self.skip_locked()
        );
        let mut rows: Vec<OutboxRow> = with_pool!(self, pool => transaction!(pool, tx => {
            Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(now)
                .bind(now + claimer.lease_secs)
                .bind(&claimer.id)
                .bind(limit)
                .fetch_all(&mut *tx)
                .await?)
        }))?;
        rows.sort_by_key(|r| (r.11, r.0));
        Ok(rows.into_iter().map(outbox_row).collect())
    }

    /// Claims the sent, unanswered, unreminded invitations of live surveys whose reminder is
    /// due at `now` (the same rule as `survey_schedule::due_reminders`), and returns their ids.
    /// `send_reminder` still claims `reminded_at IS NULL`, so a reminder is never sent twice.
    pub async fn claim_due_reminders(&self, claimer: &Claimer, now: i64) -> Result<HashSet<i64>> {
        let sql = format!(
            "UPDATE survey_invitations SET claimed_until = $2, claimed_by = $3
             WHERE id IN (SELECT i.id FROM survey_invitations i
                 JOIN surveys s ON s.id = i.survey_id AND s.workspace_id = i.workspace_id
                 WHERE i.sent_at IS NOT NULL AND i.reminded_at IS NULL AND i.answered_at IS NULL
                   AND s.status = 'live' AND s.reminder_days > 0
                   AND i.sent_at + s.reminder_days * 86400 <= $1
                   AND (i.claimed_until IS NULL OR i.claimed_until <= $1)
                 ORDER BY i.id LIMIT 1000 {})
             RETURNING id",
            // PostgreSQL cannot lock the joined side of an outer-less join without naming it.
            match self.backend() {
                Backend::Postgres => "FOR UPDATE OF i SKIP LOCKED",
                Backend::Sqlite => "",
            }
        );
        let ids: Vec<i64> = with_pool!(self, pool => transaction!(pool, tx => {
            Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .bind(now)
                .bind(now + claimer.lease_secs)
                .bind(&claimer.id)
                .fetch_all(&mut *tx)
                .await?)
        }))?;
        Ok(ids.into_iter().collect())
    }

    /// Claims the open cases with an escalation notice due at `now` and not yet recorded, and
    /// returns their ids (the notices themselves: `due_escalations`).
    pub async fn claim_due_escalations(&self, claimer: &Claimer, now: i64) -> Result<HashSet<i64>> {
        let sql = format!(
            "UPDATE cases SET escalation_claimed_until = $2, escalation_claimed_by = $3
             WHERE id IN (SELECT c.id FROM cases c
                 WHERE c.status <> 'closed'
                   AND (c.escalation_claimed_until IS NULL OR c.escalation_claimed_until <= $1)
                   AND ((c.first_response_at IS NULL AND (
                           (c.first_response_due < $1 AND NOT EXISTS (SELECT 1 FROM case_escalations e
                               WHERE e.case_id = c.id AND e.kind = 'first_missed'))
                        OR (c.first_response_warn <= $1 AND c.first_response_due >= $1
                            AND NOT EXISTS (SELECT 1 FROM case_escalations e
                               WHERE e.case_id = c.id AND e.kind = 'first_warn'))))
                     OR (c.resolved_at IS NULL AND (
                           (c.resolution_due < $1 AND NOT EXISTS (SELECT 1 FROM case_escalations e
                               WHERE e.case_id = c.id AND e.kind = 'resolution_missed'))
                        OR (c.resolution_warn <= $1 AND c.resolution_due >= $1
                            AND NOT EXISTS (SELECT 1 FROM case_escalations e
                               WHERE e.case_id = c.id AND e.kind = 'resolution_warn')))))
                 ORDER BY c.id LIMIT 1000 {})
             RETURNING id",
            self.skip_locked()
        );
        let ids: Vec<i64> = with_pool!(self, pool => transaction!(pool, tx => {
            Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .bind(now)
                .bind(now + claimer.lease_secs)
                .bind(&claimer.id)
                .fetch_all(&mut *tx)
                .await?)
        }))?;
        Ok(ids.into_iter().collect())
    }

    /// The unsent messages an instance (by its claimer id) holds now, every workspace: for
    /// operators looking after an instance that died, and for tests.
    pub async fn mail_claimed_by(&self, claimer_id: &str) -> Result<Vec<QueuedMail>> {
        let rows: Vec<OutboxRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {OUTBOX_COLUMNS} FROM outbox WHERE claimed_by = $1 AND sent_at IS NULL
                 ORDER BY id"
            )))
            .bind(claimer_id)
            .fetch_all(pool)
            .await?
        });
        Ok(rows.into_iter().map(outbox_row).collect())
    }

    /// Ends every claim `claimer` holds (an instance stopping cleanly), so other instances
    /// take the work at once instead of after the lease. Returns how many rows were freed.
    pub async fn release_claims(&self, claimer: &Claimer) -> Result<u64> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let mut freed = 0;
            for sql in [
                "UPDATE outbox SET claimed_until = NULL, claimed_by = NULL WHERE claimed_by = $1",
                "UPDATE survey_invitations SET claimed_until = NULL, claimed_by = NULL WHERE claimed_by = $1",
                "UPDATE cases SET escalation_claimed_until = NULL, escalation_claimed_by = NULL
                 WHERE escalation_claimed_by = $1",
                "DELETE FROM events_forward_leases WHERE claimed_by = $1",
            ] {
                freed += sqlx::query(sql).bind(&claimer.id).execute(&mut *tx).await?.rows_affected();
            }
            Ok(freed)
        }))
    }

    /// Takes (or renews) the lease on forwarding `ws`'s events to the events backend until
    /// `now + lease`: true when this claimer holds it now, false when another instance holds
    /// a lease that has not passed. One upsert for both backends; on PostgreSQL the row lock
    /// of `ON CONFLICT DO UPDATE` makes two takers at once see each other's lease.
    pub async fn claim_events_forward(
        &self,
        claimer: &Claimer,
        ws: WorkspaceId,
        now: i64,
    ) -> Result<bool> {
        let taken: Option<i64> = with_pool!(self, pool => transaction!(pool, tx => {
            Ok(sqlx::query_scalar(
                "INSERT INTO events_forward_leases (workspace_id, claimed_by, claimed_until)
                 VALUES ($1, $2, $3)
                 ON CONFLICT (workspace_id) DO UPDATE
                 SET claimed_by = excluded.claimed_by, claimed_until = excluded.claimed_until
                 WHERE events_forward_leases.claimed_until <= $4
                    OR events_forward_leases.claimed_by = excluded.claimed_by
                 RETURNING workspace_id",
            )
            .bind(ws.0)
            .bind(&claimer.id)
            .bind(now + claimer.lease_secs)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?)
        }))?;
        Ok(taken.is_some())
    }

    /// Ends this claimer's lease on forwarding `ws` (a round finished), so another instance
    /// may take the next round at once.
    pub async fn release_events_forward(&self, claimer: &Claimer, ws: WorkspaceId) -> Result<()> {
        with_pool!(self, pool => {
            sqlx::query(
                "DELETE FROM events_forward_leases WHERE workspace_id = $1 AND claimed_by = $2",
            )
            .bind(ws.0)
            .bind(&claimer.id)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Records an escalation notice of a case and queues its e-mails, in one transaction:
    /// false (and nothing written) when the notice was recorded already, so it is sent once
    /// even by two instances, and never recorded without its e-mails.
    pub async fn record_escalation_with_mail(
        &self,
        ws: WorkspaceId,
        case: CaseId,
        kind: &str,
        now: i64,
        mails: &[Mail],
    ) -> Result<bool> {
        for m in mails {
            m.validate()?;
        }
        with_pool!(self, pool => transaction!(pool, tx => {
            let done = sqlx::query(
                "INSERT INTO case_escalations (workspace_id, case_id, kind, sent_at)
                 SELECT workspace_id, id, $3, $4 FROM cases WHERE workspace_id = $1 AND id = $2
                 ON CONFLICT (case_id, kind) DO NOTHING",
            )
            .bind(ws.0)
            .bind(case.0)
            .bind(kind)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if done == 0 {
                return Ok(false);
            }
            for m in mails {
                insert_outbox!(&mut *tx, ws, m, now);
            }
            Ok(true)
        }))
    }

    /// Counts one request of `client` in `bucket` in the minute that starts at `window_start`
    /// and returns the requests counted there so far (this one included). Shared by every
    /// instance on the database.
    pub async fn rate_limit_hit(
        &self,
        bucket: &str,
        client: &str,
        window_start: i64,
    ) -> Result<i64> {
        with_pool!(self, pool => {
            Ok(sqlx::query_scalar(
                "INSERT INTO rate_limits (bucket, client_key, window_start, hits) VALUES ($1, $2, $3, 1)
                 ON CONFLICT (bucket, client_key, window_start)
                 DO UPDATE SET hits = rate_limits.hits + 1
                 RETURNING hits",
            )
            .bind(bucket)
            .bind(client)
            .bind(window_start)
            .fetch_one(pool)
            .await?)
        })
    }

    /// Drops rate-limit windows that started before `before`.
    pub async fn purge_rate_limits(&self, before: i64) -> Result<u64> {
        with_pool!(self, pool => {
            Ok(sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
                .bind(before)
                .execute(pool)
                .await?
                .rows_affected())
        })
    }

    /// Whether the database answers (for `/healthz`).
    pub async fn ping(&self) -> Result<()> {
        with_pool!(self, pool => {
            sqlx::query("SELECT 1").execute(pool).await?;
        });
        Ok(())
    }

    /// The migrations the database has run that this binary does not know (a newer Kunde
    /// ran them); empty on a database this version can serve.
    pub(crate) async fn unknown_migrations(&self, known: &[i64]) -> Result<Vec<i64>> {
        let table_exists: bool = with_pool!(self, pool => {
            let sql = match self.backend() {
                Backend::Postgres => "SELECT EXISTS (SELECT 1 FROM pg_tables
                    WHERE schemaname = current_schema() AND tablename = '_sqlx_migrations')",
                Backend::Sqlite => "SELECT EXISTS (SELECT 1 FROM sqlite_master
                    WHERE type = 'table' AND name = '_sqlx_migrations')",
            };
            sqlx::query_scalar(sql).fetch_one(pool).await?
        });
        if !table_exists {
            return Ok(Vec::new());
        }
        let applied: Vec<i64> = with_pool!(self, pool => {
            sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
                .fetch_all(pool)
                .await?
        });
        Ok(applied.into_iter().filter(|v| !known.contains(v)).collect())
    }
}

impl From<NewerDatabase> for StoreError {
    fn from(e: NewerDatabase) -> Self {
        StoreError::NewerDatabase(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::TestDb;
    use crate::{StoreError, with_pool};

    /// A database that ran a migration this binary does not know is refused with a message
    /// that says what to do, on both backends.
    async fn refuses_a_newer_database(db: TestDb) {
        with_pool!(db.store, pool => {
            sqlx::query(
                "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
                 VALUES (9999, 'from the future', TRUE, $1, 0)",
            )
            .bind(vec![0u8; 48])
            .execute(pool)
            .await
            .unwrap();
        });
        let err = db.store.migrate().await.unwrap_err();
        assert!(matches!(err, StoreError::NewerDatabase(_)), "{err:?}");
        let msg = err.to_string();
        assert!(msg.contains("newer version of Kunde"), "{msg}");
        assert!(msg.contains("migration 9999"), "{msg}");
        assert!(
            msg.contains("this version knows migrations up to "),
            "{msg}"
        );
        // The store still answers after being refused (the lock was released).
        db.store.ping().await.unwrap();
        let again = db.store.migrate().await.unwrap_err();
        assert!(matches!(again, StoreError::NewerDatabase(_)));
    }

    #[tokio::test]
    async fn a_newer_sqlite_database_is_refused() {
        refuses_a_newer_database(TestDb::sqlite().await.unwrap()).await;
    }

    #[tokio::test]
    async fn a_newer_postgres_database_is_refused() {
        match TestDb::postgres().await.unwrap() {
            Some(db) => refuses_a_newer_database(db).await,
            None => eprintln!("{} is not set: not run", crate::testing::PG_ENV),
        }
    }

    /// Several instances starting at once migrate one fresh database once, without error.
    #[tokio::test]
    async fn instances_starting_at_once_migrate_once() {
        let Some(db) = TestDb::postgres().await.unwrap() else {
            eprintln!("{} is not set: not run", crate::testing::PG_ENV);
            return;
        };
        // A fresh database in the same server, migrated by four stores at once.
        let fresh = format!("{}_fresh", db.url);
        let admin = crate::Store::open(&db.url).await.unwrap();
        let name = fresh.rsplit('/').next().unwrap().to_owned();
        with_pool!(admin, pool => {
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(pool).await.unwrap();
        });
        // Four stores at once, on one task: their awaits interleave on four connections.
        let start = || async {
            let s = crate::Store::connect(&fresh).await?;
            s.close().await;
            Ok::<(), StoreError>(())
        };
        let (a, b, c, d) = tokio::join!(start(), start(), start(), start());
        for r in [a, b, c, d] {
            r.expect("every instance starts");
        }
        let s = crate::Store::open(&fresh).await.unwrap();
        let versions: Vec<i64> = with_pool!(s, pool => {
            sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
                .fetch_all(pool)
                .await
                .unwrap()
        });
        let unique: std::collections::BTreeSet<i64> = versions.iter().copied().collect();
        assert_eq!(versions.len(), unique.len());
        assert!(versions.contains(&15));
        s.close().await;
        with_pool!(admin, pool => {
            sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE {name} WITH (FORCE)"))).execute(pool).await.unwrap();
        });
        admin.close().await;
    }
}
