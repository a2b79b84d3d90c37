//! Kunde's storage. One [`Store`] value, two real backends chosen by the database URL:
//! `sqlite://…` (the default, one file) and `postgres://…`.
//!
//! Invariants:
//! - every row except a workspace belongs to a workspace, and every method that reads or
//!   writes such rows takes the [`WorkspaceId`] and filters on it: a guessed id from another
//!   workspace finds nothing;
//! - a method either writes everything it was asked to or nothing (one transaction);
//! - only this crate knows SQL. Queries are written once with `$N` placeholders, which both
//!   SQLite and PostgreSQL understand, and run on whichever pool the URL chose (see
//!   [`with_pool!`]); what truly differs per backend (migrations, backups) branches explicitly.

mod analytics;
mod api_keys;
mod bulk;
mod business_calendar;
mod campaign_clicks;
mod campaigns;
mod case_mail;
mod cases;
mod claims;
mod competitors;
mod contact;
mod customers;
mod demand;
mod events;
mod events_export;
pub mod export_zip;
mod import;
mod ingest;
mod invoices;
mod journeys;
mod kb;
mod keep_export;
mod logged_orders;
mod mail;
mod moments;
mod portal;
mod portal_cases;
mod portal_export;
mod reports;
mod reviews;
mod rows;
mod rule_segments;
mod segments;
mod signups;
mod spend;
mod staff_invitations;
mod survey_results;
mod surveys;
pub mod testing;
mod thanks;
pub mod trust;
mod workspaces;

use kunde_domain::WorkspaceId;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

pub use analytics::{
    AnalyticsCustomer, AnalyticsData, CatchUp, EventsFingerprint, NewRows, NewSince,
    QuickFingerprint, RECENT_WINDOW, TouchpointChoice,
};
pub use api_keys::{ApiKey, ApiKeyGrant, ApiKeyKind, api_key_hash, generate_api_key};
pub use bulk::{BulkControl, BulkOrder, BulkOutcome};
pub use business_calendar::default_time_zone;
pub use campaign_clicks::{ClickTarget, LinkClicks};
pub use campaigns::{
    Campaign, CampaignCounts, CampaignRecipient, CampaignStatus, CampaignVersion, NewCampaign,
    Offer, Outcome, UNSUBSCRIBE_SOURCE,
};
pub use case_mail::{InvitationMail, MailFate, ReplyMail};
pub use cases::{
    AttachmentInfo, CaseContact, CaseSettings, DueEscalation, RootCauseChoice, random_token,
    token_hash,
};
pub use claims::{Claimer, NewerDatabase};
pub use competitors::{Competitor, NewStandard, Standard, StandardValue};
pub use contact::{CONTACT_SOURCE_SURVEY, CONTACT_WINDOW_SECS, ContactDetails};
pub use customers::{CustomerQuery, CustomerSort};
pub use demand::{
    Added, CustomerWaiting, DemandItem, NOTIFY_FORM_SOURCE, Recipient, STAFF_SOURCE, Waiting,
    WishAnswer,
};
pub use events::{TimelineItem, WorkspaceTotals};
pub use events_export::{EventDigest, ExportEvent};
pub use ingest::{
    CustomerRef, IngestEvent, IngestOutcome, IngestReport, RefusedEvent, UnknownReference,
};
pub use invoices::{
    CustomerOrder, ImportedInvoice, InvoiceImportOutcome, OrderInvoice, OverdueInvoice,
};
pub use journeys::{DeletionImpact, JourneyEvent, Move, StageRange};
pub use keep_export::{ExportKeepInTouch, ExportNote, ExportWaiting};
pub use logged_orders::LoggedOrder;
pub use mail::{MAX_ATTEMPTS, MailState, QueuedMail, retry_delay};
pub use moments::{DEFAULT_BAD_WEIGHT, OutcomeEvent};
pub use portal::{Invoice, InvoiceStatus, NewInvoice, PortalDocument, WaitingSurvey, portal_token};
pub use portal_export::{
    ExportDocument, ExportInvoice, ExportPortal, ExportSession, ExportSignInLink, ExportSignIns,
};
pub use reports::MailAttachment;
pub use reviews::{Review, ReviewImport, ReviewInput, ReviewMatch};
pub use signups::{Confirmed, NewSignup, SIGNUP_SOURCE};
pub use spend::Spend;
pub use staff_invitations::{Acceptance, StaffInvitation};
pub use survey_results::{
    AnswerFact, CustomerAnswer, FOLLOWUP_DAYS, Followup, InviteeRow, MAX_FOLLOWUP_ACTION,
    ReminderCandidate, ResultsScope,
};
pub use surveys::{
    ResponseListItem, StoredResponse, SurveySummary, generate_survey_token, invitation_token_hash,
};
pub use thanks::{POSTAL_ADDRESS_MAX, ResolvedCase, ThankYouNote};
pub use trust::{
    Actor, AuditEntry, AuditFilter, AuditPage, AuditRecord, CustomerDataCounts, CustomerExport,
    Erasure, InactiveCustomer, audit_action, erased_name,
};
pub use workspaces::{SessionUser, SigninRecord};

/// Errors of the store. Messages are lowercase and say what to do where they can.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "unsupported database url '{0}': use sqlite://path/to/file.sqlite or postgres://user@host/db"
    )]
    UnsupportedUrl(String),
    #[error("{0} already exists")]
    Conflict(&'static str),
    #[error("not found")]
    NotFound,
    #[error("invalid reference: {0}")]
    InvalidReference(String),
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The database has run migrations this binary does not know (see [`NewerDatabase`]).
    #[error("{0}")]
    NewerDatabase(String),
    #[error("stored value is corrupt: {0}")]
    Corrupt(String),
    /// A bulk insert stopped because its caller asked it to; nothing was written.
    #[error("cancelled: nothing was written")]
    Cancelled,
    /// A value the caller should have checked was refused; the key names the message.
    #[error("invalid value: {0}")]
    Invalid(#[from] kunde_domain::ValidationError),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                let msg = db.message();
                // Both backends name the column or constraint in the message.
                if msg.contains("email") {
                    StoreError::Conflict("a record with this e-mail")
                } else {
                    StoreError::Conflict("a record with these values")
                }
            }
            sqlx::Error::Database(db) if db.is_foreign_key_violation() => {
                StoreError::InvalidReference(db.message().to_owned())
            }
            _ => StoreError::Database(e),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone, Debug)]
enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// The handle to Kunde's database; cheap to clone (it wraps a connection pool).
#[derive(Clone, Debug)]
pub struct Store {
    pool: Pool,
    /// SQLite only: the one connection the event intake writes through (SQLite lets one
    /// writer in at a time anyway). Its page cache stays hot across batches — the pages the
    /// last batch wrote are the ones the next one needs — instead of each of the pool's
    /// connections re-reading the pages another one changed.
    writer: Option<SqlitePool>,
}

/// Runs the same code on whichever pool the store holds. The body is type-checked once per
/// backend, so a query that does not fit one of them fails to compile rather than at run time.
macro_rules! with_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match &$store.pool {
            crate::Pool::Sqlite($pool) => $body,
            crate::Pool::Postgres($pool) => $body,
        }
    };
}
pub(crate) use with_pool;

/// Like [`with_pool!`], for writes of the event intake: on SQLite the dedicated writer
/// connection, on PostgreSQL the pool.
macro_rules! with_write_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match &$store.pool {
            crate::Pool::Sqlite(p) => {
                let $pool = $store.writer.as_ref().unwrap_or(p);
                $body
            }
            crate::Pool::Postgres($pool) => $body,
        }
    };
}
pub(crate) use with_write_pool;

/// Begins a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`): a deferred transaction that read before writing could fail with
/// "database is locked" when another writer committed in between, and busy waiting would not
/// help it.
pub(crate) trait BeginWrite {
    type Db: sqlx::Database;
    /// Writers of this process queue here, in order, before asking the database (SQLite
    /// lets one writer in at a time, and its busy handler makes waiting writers sleep in
    /// growing steps, leaving the lock idle while they sleep).
    const GATE: Option<&'static tokio::sync::Mutex<()>>;
    /// SQL that serialises transactions which join visitors to customers, where the database
    /// needs it (SQLite's write lock already does).
    const VISITOR_LOCK: Option<&'static str>;
    fn begin_write(
        &self,
    ) -> impl Future<Output = sqlx::Result<sqlx::Transaction<'static, Self::Db>>> + Send;
}

/// One queue for the process: there is one database in production; tests that share the
/// process merely take turns.
static SQLITE_WRITERS: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

impl BeginWrite for sqlx::SqlitePool {
    type Db = sqlx::Sqlite;
    const GATE: Option<&'static tokio::sync::Mutex<()>> = Some(&SQLITE_WRITERS);
    const VISITOR_LOCK: Option<&'static str> = None;
    async fn begin_write(&self) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
        self.begin_with("BEGIN IMMEDIATE").await
    }
}

impl BeginWrite for sqlx::PgPool {
    type Db = sqlx::Postgres;
    const GATE: Option<&'static tokio::sync::Mutex<()>> = None;
    // "KUND" as a number, and the workspace: one lock per workspace, held to commit.
    const VISITOR_LOCK: Option<&'static str> =
        Some("SELECT pg_advisory_xact_lock(1263882820, CAST($1 AS INTEGER))");
    async fn begin_write(&self) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Postgres>> {
        self.begin().await
    }
}

/// A transaction begun with [`BeginWrite::begin_write`], after this process's earlier writers
/// (on SQLite); what [`transaction!`] expands to.
macro_rules! write_transaction {
    ($pool:expr, $tx:ident => $body:block) => {{
        let _turn = match crate::gate($pool) {
            Some(gate) => Some(gate.lock().await),
            None => None,
        };
        let mut $tx = crate::BeginWrite::begin_write($pool).await?;
        let outcome: crate::Result<_> = async { $body }.await;
        match outcome {
            Ok(value) => {
                $tx.commit().await?;
                Ok(value)
            }
            Err(e) => {
                if let Err(rollback) = $tx.rollback().await {
                    tracing::warn!(error = %rollback, "rollback failed");
                }
                Err(e)
            }
        }
    }};
}

pub(crate) use write_transaction;

pub(crate) fn gate<P: BeginWrite>(_pool: &P) -> Option<&'static tokio::sync::Mutex<()>> {
    P::GATE
}

/// Runs `body` in a write transaction on `pool`: commits when it returns `Ok`, rolls back at
/// once when it returns `Err`. (A transaction merely dropped on an error path would leave its
/// connection idle in a transaction until reused, and `Pool::close` would wait for it.)
///
/// On SQLite every such transaction takes the write lock up front (`BEGIN IMMEDIATE`, see
/// [`BeginWrite`]), after queueing behind this process's other writers: a deferred
/// transaction that read before writing failed with "database is locked" whenever the event
/// writer committed in between, and the busy timeout never applied to it.
macro_rules! transaction {
    ($pool:expr, $tx:ident => $body:block) => {
        crate::write_transaction!($pool, $tx => $body)
    };
}
pub(crate) use transaction;

impl Store {
    /// Opens the database named by `url` and applies pending migrations.
    pub async fn connect(url: &str) -> Result<Self> {
        let store = Self::open(url).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Opens the database without migrating (for `kunde migrate` and tests of migrations).
    pub async fn open(url: &str) -> Result<Self> {
        let mut writer = None;
        let pool = if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .map_err(|_| StoreError::UnsupportedUrl(url.to_owned()))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // FULL: a transaction acknowledged to a caller survives a killed process and
                // a power cut, which the event API promises.
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            if let Some(parent) = sqlite_path(url).and_then(|p| p.parent().map(Path::to_path_buf))
                && !parent.as_os_str().is_empty()
            {
                std::fs::create_dir_all(&parent)
                    .map_err(|e| StoreError::Database(sqlx::Error::Io(e)))?;
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(options.clone())
                .await?;
            writer = Some(
                SqlitePoolOptions::new()
                    .max_connections(1)
                    .min_connections(1)
                    .idle_timeout(None)
                    .max_lifetime(None)
                    .connect_with(
                        options
                            // 64 MiB of pages (negative: KiB) on this connection only.
                            .pragma("cache_size", "-65536")
                            .pragma("temp_store", "memory"),
                    )
                    .await?,
            );
            Pool::Sqlite(pool)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let options = PgConnectOptions::from_str(url)
                .map_err(|_| StoreError::UnsupportedUrl(url.to_owned()))?;
            Pool::Postgres(
                PgPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(options)
                    .await?,
            )
        } else {
            return Err(StoreError::UnsupportedUrl(url.to_owned()));
        };
        Ok(Self { pool, writer })
    }

    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the migrations of this backend that have not run yet — after refusing a
    /// database that a newer Kunde migrated ([`StoreError::NewerDatabase`]). On PostgreSQL
    /// the check and the migrations run under an advisory lock, so of several instances
    /// starting at once one migrates and the others then find nothing to do.
    pub async fn migrate(&self) -> Result<()> {
        match &self.pool {
            Pool::Sqlite(p) => {
                let migrator = sqlx::migrate!("./migrations/sqlite");
                self.refuse_newer(&migrator).await?;
                migrator.run(p).await?;
            }
            Pool::Postgres(p) => {
                let migrator = sqlx::migrate!("./migrations/postgres");
                let mut conn = p.acquire().await?;
                // "KUND" as a number, and 15 (the migration that brought it): one lock for
                // migrating, held by this session only.
                sqlx::query("SELECT pg_advisory_lock(1263882820, 15)")
                    .execute(&mut *conn)
                    .await?;
                let outcome: Result<()> = async {
                    self.refuse_newer(&migrator).await?;
                    migrator.run(&mut *conn).await?;
                    Ok(())
                }
                .await;
                // Closing the session releases the lock whatever happened above, and a
                // session holding it never goes back to the pool.
                let _ = sqlx::Connection::close(conn.detach()).await;
                outcome?;
            }
        }
        Ok(())
    }

    async fn refuse_newer(&self, migrator: &sqlx::migrate::Migrator) -> Result<()> {
        let known: Vec<i64> = migrator.iter().map(|m| m.version).collect();
        let unknown = self.unknown_migrations(&known).await?;
        if unknown.is_empty() {
            return Ok(());
        }
        Err(NewerDatabase {
            unknown,
            known_up_to: known.iter().copied().max().unwrap_or(0),
        }
        .into())
    }

    /// Writes a consistent copy of a SQLite database to `target` while the server runs.
    /// PostgreSQL installations back up with `pg_dump`, which the CLI calls.
    pub async fn backup_sqlite(&self, target: &Path) -> Result<()> {
        let Pool::Sqlite(pool) = &self.pool else {
            return Err(StoreError::UnsupportedUrl(
                "backup_sqlite on postgres".into(),
            ));
        };
        let target = target
            .to_str()
            .ok_or_else(|| StoreError::InvalidReference("backup path is not valid UTF-8".into()))?;
        sqlx::query("VACUUM INTO $1")
            .bind(target)
            .execute(pool)
            .await?;
        Ok(())
    }

    /// SQLite: moves everything in the write-ahead log into the database file and empties the
    /// log, so the file alone holds every committed write (before it is moved or copied).
    /// PostgreSQL: nothing to do.
    pub async fn checkpoint_sqlite(&self) -> Result<()> {
        if let Pool::Sqlite(pool) = &self.pool {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(pool)
                .await?;
        }
        Ok(())
    }

    pub async fn close(&self) {
        if let Some(w) = &self.writer {
            w.close().await;
        }
        with_pool!(self, p => p.close().await)
    }
}

/// The file path inside a `sqlite://` URL, without query parameters.
pub fn sqlite_path(url: &str) -> Option<&Path> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then(|| Path::new(path))
}

/// Asserts in debug builds that a row read back belongs to the workspace that asked for it.
fn debug_assert_scoped(expected: WorkspaceId, actual: i64) {
    debug_assert_eq!(
        expected.0, actual,
        "row from another workspace leaked into a query"
    );
}

#[cfg(test)]
mod tests {
    /// Every SQLite connection waits for a lock instead of failing at once: the pool's and
    /// the event writer's.
    #[tokio::test]
    async fn every_sqlite_connection_has_a_busy_timeout() {
        let db = crate::testing::TestDb::sqlite().await.unwrap();
        let crate::Pool::Sqlite(pool) = &db.store.pool else {
            unreachable!()
        };
        for p in [pool, db.store.writer.as_ref().unwrap()] {
            let (ms,): (i64,) = sqlx::query_as("PRAGMA busy_timeout")
                .fetch_one(p)
                .await
                .unwrap();
            assert_eq!(ms, 10_000);
        }
    }
}
