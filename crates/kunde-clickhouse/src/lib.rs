//! ClickHouse as Kunde's optional events backend: where a large installation's events are
//! copied (`kunde serve --events-url`), and where the funnel's (`windowFunnel`), the order
//! cohorts', the lifecycle's and the paths' per-customer scans run instead of in the process's memory.
//!
//! This crate knows ClickHouse's SQL and its HTTP interface and nothing of Kunde's database:
//! the web layer reads events from the store and hands them over as [`ExportedEvent`]s.
//!
//! *Invariants*:
//! - only integers ever reach a query's text (ids, times, the window): nothing a user typed
//!   is spliced into SQL, and the database name is checked to be a plain identifier;
//! - one [`EventsBackend::insert`] is one INSERT of one block, which ClickHouse applies
//!   whole or not at all (a block of at most `max_insert_block_size`, 1,048,576 rows: the
//!   callers send at most [`CHUNK_IDS`] rows);
//! - the table is partitioned by workspace and by [`CHUNK_IDS`] event ids, so one chunk can
//!   be replaced (`DROP PARTITION`, then inserted again) without touching the rest, and
//!   [`EventsBackend::digests`] describes each chunk so the caller can compare it with the
//!   main database's (see [`Digest`]).

mod chains;
mod client;
mod figures;
mod lifecycle;
mod url;

pub use chains::{Chain, MonthCounts};
pub use client::EventsBackend;
pub use figures::{Calendar, CohortCounts, CohortQuery, Comeback, CountedPath, PathsQuery};
pub use lifecycle::{LifecycleCounts, LifecycleQuery, OrderGaps};
pub use url::{EventsUrl, UrlError};

/// Event ids per chunk (partition): a chunk is resent whole when it differs from the main
/// database, and is small enough to be one INSERT.
pub const CHUNK_IDS: i64 = 1 << 20;

/// The chunk an event id belongs to.
pub fn chunk_of(id: i64) -> i64 {
    id.div_euclid(CHUNK_IDS)
}

/// One event as ClickHouse keeps it: only what the pushed-down figures read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportedEvent {
    pub workspace_id: i64,
    pub id: i64,
    pub customer_id: i64,
    pub occurred_at: i64,
    pub touchpoint_id: i64,
    pub amount: Option<i64>,
}

/// What a chunk of a workspace's customer events holds, computed the same way by the main
/// database and by ClickHouse: equal digests mean (short of a coincidence of sums) the same
/// events with the same customers, touchpoints and times. A changed customer (a visitor
/// joined, a review matched), a deleted event (a customer or touchpoint deleted), an event
/// committed late with a lower id, or a doubled insert all change it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Digest {
    pub chunk: i64,
    pub events: i64,
    pub max_id: i64,
    pub sum_ids: i64,
    pub sum_customers: i64,
    pub sum_touchpoints: i64,
    pub sum_times: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("clickhouse could not be reached: {0}")]
    Unreachable(String),
    #[error("clickhouse answered {status}: {message}")]
    Server { status: u16, message: String },
    #[error("clickhouse's answer could not be read: {0}")]
    Answer(String),
    #[error("clickhouse did not answer within {0} s")]
    Timeout(u64),
}
