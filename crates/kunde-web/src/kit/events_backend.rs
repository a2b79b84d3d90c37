//! The optional events backend (ClickHouse, `kunde serve --events-url`): the forwarder that
//! copies each workspace's customer events there after they are committed in the main
//! database, and the check the analytics pages make before computing there.
//!
//! *Invariant*: ClickHouse's copy of a workspace is compared with the main database chunk by
//! chunk of [`kunde_clickhouse::CHUNK_IDS`] event ids ([`kunde_clickhouse::Digest`]: count,
//! largest id, sums of ids, customers, touchpoints, times). A chunk that is equal is left
//! alone; a chunk whose ClickHouse part equals the database's events up to its largest id
//! gets the newer events appended (one INSERT, atomic); any other chunk — an event deleted
//! (customer or touchpoint deleted), moved to another customer (a visitor joined, a review
//! matched), committed late below the largest id, or inserted twice by two instances — is
//! dropped and sent again whole. So no committed event is lost (every round compares
//! again), and a doubled one lasts at most until the next round. A page computes on
//! ClickHouse only when every chunk is equal ([`in_sync`]); otherwise it computes in memory
//! as without a backend, so the numbers are always those of the main database.
//!
//! *Invariant*: of several instances sharing one database, one at a time forwards a
//! workspace: a round takes the workspace's lease first (`Store::claim_events_forward`, the
//! same lease-with-expiry as the other timed work), renews it before every write to
//! ClickHouse and stops when it has lost it, and releases it at the end. So two instances
//! never append the same block; an instance that died leaves a lease that lapses.

use crate::state::AppState;
use kunde_clickhouse::{CHUNK_IDS, Digest, EventsBackend, ExportedEvent};
use kunde_domain::WorkspaceId;
use kunde_store::{Claimer, EventDigest, Store};
use std::collections::BTreeMap;
use std::time::Duration;

/// How often the forwarder compares and copies.
pub const FORWARD_EVERY: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum ForwardError {
    #[error(transparent)]
    Store(#[from] kunde_store::StoreError),
    #[error(transparent)]
    ClickHouse(#[from] kunde_clickhouse::Error),
    #[error("another instance took over forwarding workspace {0}")]
    LeaseLost(i64),
}

/// Seconds since the epoch by the machine's clock: leases are about time that really passes,
/// not the application's clock (which tests fix).
fn wall_clock() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The lease a round holds on one workspace.
struct Lease<'a> {
    store: &'a Store,
    claimer: &'a Claimer,
    ws: WorkspaceId,
}

impl Lease<'_> {
    /// Renews the lease before a write; an error when another instance holds it now.
    async fn renew(&self) -> Result<(), ForwardError> {
        if self
            .store
            .claim_events_forward(self.claimer, self.ws, wall_clock())
            .await?
        {
            Ok(())
        } else {
            Err(ForwardError::LeaseLost(self.ws.0))
        }
    }
}

/// What one round did, per workspace summed (tests read it).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Forwarded {
    /// Events inserted by appending to a chunk.
    pub appended: u64,
    /// Chunks dropped and sent again (or dropped: no events left there).
    pub resent_chunks: u64,
    /// Events inserted by sending chunks again.
    pub resent: u64,
}

fn same(db: &EventDigest, ch: &Digest) -> bool {
    (
        db.events,
        db.max_id,
        db.sum_ids,
        db.sum_customers,
        db.sum_touchpoints,
        db.sum_times,
    ) == (
        ch.events,
        ch.max_id,
        ch.sum_ids,
        ch.sum_customers,
        ch.sum_touchpoints,
        ch.sum_times,
    )
}

/// Whether ClickHouse holds exactly the workspace's customer events as the main database
/// has them now.
pub async fn in_sync(
    store: &Store,
    backend: &EventsBackend,
    ws: WorkspaceId,
) -> Result<bool, ForwardError> {
    let db = store.event_digests(ws, CHUNK_IDS).await?;
    let ch = backend.digests(ws.0).await?;
    Ok(db.len() == ch.len()
        && db
            .iter()
            .zip(&ch)
            .all(|(d, c)| d.chunk == c.chunk && same(d, c)))
}

/// The backend a page computes on for this workspace: the configured one while its copy is
/// complete ([`in_sync`]); `None` without a backend, while the copy is behind, or when
/// ClickHouse does not answer (the page then computes in memory).
pub async fn ready(state: &AppState, ws: WorkspaceId) -> Option<EventsBackend> {
    let backend = state.config.events_backend.clone()?;
    match in_sync(&state.store, &backend, ws).await {
        Ok(true) => Some(backend),
        Ok(false) => None,
        Err(error) => {
            tracing::warn!(%error, "events backend unavailable; computing in memory");
            None
        }
    }
}

/// One round for every workspace whose lease `claimer` can take (the others are being
/// forwarded by another instance).
pub async fn forward_all(
    store: &Store,
    backend: &EventsBackend,
    claimer: &Claimer,
) -> Result<Forwarded, ForwardError> {
    let mut total = Forwarded::default();
    for w in store.list_workspaces().await? {
        let f = forward_workspace(store, backend, claimer, w.id).await?;
        total.appended += f.appended;
        total.resent_chunks += f.resent_chunks;
        total.resent += f.resent;
    }
    Ok(total)
}

/// One round for one workspace, under its lease: nothing is done when another instance
/// holds it; otherwise compare every chunk and append or resend what differs.
pub async fn forward_workspace(
    store: &Store,
    backend: &EventsBackend,
    claimer: &Claimer,
    ws: WorkspaceId,
) -> Result<Forwarded, ForwardError> {
    if !store
        .claim_events_forward(claimer, ws, wall_clock())
        .await?
    {
        return Ok(Forwarded::default());
    }
    let lease = Lease { store, claimer, ws };
    let done = forward_held(store, backend, &lease).await;
    store.release_events_forward(claimer, ws).await?;
    done
}

/// A round for a workspace whose lease is held.
async fn forward_held(
    store: &Store,
    backend: &EventsBackend,
    lease: &Lease<'_>,
) -> Result<Forwarded, ForwardError> {
    let ws = lease.ws;
    let mut chunks: BTreeMap<i64, (Option<EventDigest>, Option<Digest>)> = BTreeMap::new();
    for d in store.event_digests(ws, CHUNK_IDS).await? {
        chunks.entry(d.chunk).or_default().0 = Some(d);
    }
    for c in backend.digests(ws.0).await? {
        chunks.entry(c.chunk).or_default().1 = Some(c);
    }
    let mut done = Forwarded::default();
    for (chunk, sides) in chunks {
        let start = chunk * CHUNK_IDS;
        let end = start + CHUNK_IDS - 1;
        match sides {
            (Some(d), Some(c)) if same(&d, &c) => {}
            (Some(_), Some(c))
                if same(&store.event_digest_between(ws, start, c.max_id).await?, &c) =>
            {
                lease.renew().await?;
                done.appended += send(store, backend, ws, c.max_id, end).await?;
            }
            (db, ch) => {
                lease.renew().await?;
                if ch.is_some() {
                    backend.drop_chunk(ws.0, chunk).await?;
                }
                done.resent_chunks += 1;
                if db.is_some() {
                    lease.renew().await?;
                    done.resent += send(store, backend, ws, start - 1, end).await?;
                }
            }
        }
    }
    Ok(done)
}

/// Sends the workspace's customer events with `after < id <= to` (at most one chunk) as one
/// INSERT; returns how many.
async fn send(
    store: &Store,
    backend: &EventsBackend,
    ws: WorkspaceId,
    after: i64,
    to: i64,
) -> Result<u64, ForwardError> {
    let rows = store.export_events(ws, after, to, CHUNK_IDS).await?;
    let events: Vec<ExportedEvent> = rows
        .iter()
        .map(|e| ExportedEvent {
            workspace_id: ws.0,
            id: e.id,
            customer_id: e.customer_id,
            occurred_at: e.occurred_at,
            touchpoint_id: e.touchpoint_id,
            amount: e.amount,
        })
        .collect();
    backend.insert(&events).await?;
    Ok(events.len() as u64)
}

/// The forwarder's loop, started by [`crate::serve`] when a backend is configured: creates
/// the table, then forwards every [`FORWARD_EVERY`] until the server stops. Errors are
/// logged and the round tried again later; nothing is lost, since each round compares anew.
pub async fn run(state: AppState) {
    let Some(backend) = state.config.events_backend.clone() else {
        return;
    };
    let mut interval = tokio::time::interval(FORWARD_EVERY);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut ready = false;
    while !state.is_stopping() {
        interval.tick().await;
        if !ready {
            match backend.ensure_schema().await {
                Ok(()) => ready = true,
                Err(error) => {
                    tracing::warn!(%error, "events backend: creating the table failed");
                    continue;
                }
            }
        }
        match forward_all(&state.store, &backend, &state.claimer).await {
            Ok(f) if f != Forwarded::default() => tracing::info!(
                appended = f.appended,
                resent_chunks = f.resent_chunks,
                resent = f.resent,
                "events forwarded to clickhouse"
            ),
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "events backend: forwarding failed"),
        }
    }
}
