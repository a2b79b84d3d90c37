//! Loading a workspace's events for the analytics core: every event that belongs to a known
//! customer, streamed straight into a [`kunde_analytics::EventLogBuilder`], plus the cheap
//! fingerprint a cache compares to know whether a built log is still current.
//!
//! Anonymous events (a web visitor not yet identified) are left out: funnels and paths
//! follow customers. Customers and touchpoints are interned by their database id, so two
//! touchpoints with the same name in different journeys stay apart; [`AnalyticsData`] keeps
//! the way back from the log's dense ids to the database's ids, names and channels.

use crate::{Result, Store, StoreError, with_pool};
use futures_util::{StreamExt, TryStreamExt};
use kunde_analytics::{EventBatch, EventLog, EventLogBuilder};
use kunde_domain::{CustomerId, TouchpointId, WorkspaceId};
use std::collections::HashMap;
use std::sync::Arc;

/// What changes whenever a workspace's analysed events or customers change: new events
/// raise the count and the largest id, deleted ones lower the count, and a visitor joined
/// to a customer raises the number of events with a customer. It costs one scan of the
/// workspace's part of an index (about a second for 10M events), far less than a reload
/// but too much for every request: see [`QuickFingerprint`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EventsFingerprint {
    pub events: i64,
    pub customer_events: i64,
    pub max_event_id: i64,
    pub customers: i64,
    pub max_customer_id: i64,
    /// Customers erased (an erasure keeps the customer as an anonymous stand-in, so the
    /// counts above stay: the name in a built log must still be replaced).
    pub erasures: i64,
    /// The workspace's `analytics_changes` counter, moved by triggers whenever something a
    /// log holds changes in place (a customer's event deleted or changed, a customer
    /// deleted or renamed; see migration 0037).
    pub changes: i64,
}

/// What can be read on every request in (nearly) constant time: the largest event id of
/// the whole database (any new event raises it) and the workspace's customers (a deleted
/// customer takes its events along). It misses changes that add no event and delete no
/// customer (an anonymous visitor joined to a customer, a deleted touchpoint), which the
/// full [`EventsFingerprint`] catches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QuickFingerprint {
    pub max_event_id: i64,
    /// The largest customer id of the whole database (a new customer anywhere raises it).
    pub max_customer_id: i64,
    /// [`EventsFingerprint::changes`].
    pub changes: i64,
}

/// A customer as the analytics pages show it: index `i` describes the log's customer `i`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyticsCustomer {
    pub id: CustomerId,
    pub name: String,
    pub acquisition_channel: Option<String>,
}

/// A workspace's event log and the way back to the database's ids.
#[derive(Debug, Clone)]
pub struct AnalyticsData {
    /// Different for every log built or read in this process (see [`next_generation`]), so
    /// figures remembered for one log are never taken for another's.
    pub generation: u64,
    pub fingerprint: EventsFingerprint,
    pub log: EventLog,
    /// Indexed by the log's customer id; shared with the logs made from this one by
    /// appending events (see [`Store::catch_up_event_log`]).
    pub customers: Arc<Vec<AnalyticsCustomer>>,
    /// The log's touchpoint id of each database touchpoint that has events.
    pub touchpoints: HashMap<TouchpointId, kunde_analytics::TouchpointId>,
    /// Indexed by the log's touchpoint id.
    pub touchpoint_ids: Vec<TouchpointId>,
    /// How many customers have at least one event at each log touchpoint.
    pub reach: Vec<u64>,
    /// The ids of the workspace's events in the log within [`RECENT_WINDOW`] ids below
    /// `fingerprint.max_event_id`, sorted: on PostgreSQL a transaction can commit an event
    /// whose id is below ones already read, and [`Store::catch_up_event_log`] finds it by
    /// the ids this list lacks. Not kept in the file ([`Store::recent_event_ids`] after a
    /// read).
    pub recent_event_ids: Vec<i64>,
}

/// How far below a log's largest event id [`Store::catch_up_event_log`] looks for events
/// that committed late (PostgreSQL takes ids from a sequence when a row is inserted, not
/// when its transaction commits). Anything later still is caught by the full check,
/// [`Store::events_fingerprint_upto`], which the server runs in the background.
pub const RECENT_WINDOW: i64 = 4096;

/// What [`Store::new_since`] found.
#[derive(Debug)]
pub enum NewSince {
    /// Nothing changed in the workspace's events and customers.
    Current,
    /// New customers and events, for [`AnalyticsData::with_new`].
    New(NewRows),
    /// A change that new events cannot express: only loading the log again will do.
    Reload,
}

/// Customers and events newer than a log, read by [`Store::new_since`].
#[derive(Debug)]
pub struct NewRows {
    customers: Vec<(i64, String, Option<String>)>,
    events: Vec<EventRow>,
}

impl AnalyticsData {
    /// The log with the new customers and events merged in ([`EventLog::append`]: no
    /// rebuild), or `None` when an event names a customer it does not know (load it
    /// again). Takes the events in place when `old` is the only reference to the log —
    /// a cache that lets go of its own reference first spares copying the columns, which
    /// at ten million events was most of the first view after a new event — and works on
    /// a copy otherwise (readers holding `old` see it unchanged). Blocking: sorts and
    /// moves memory.
    pub fn with_new(old: Arc<AnalyticsData>, new: NewRows) -> Result<Option<AnalyticsData>> {
        append_rows(old, new.customers, new.events)
    }
}

/// What [`Store::catch_up_event_log`] found.
#[derive(Debug)]
pub enum CatchUp {
    /// Nothing changed in the workspace's events and customers.
    Current,
    /// New events and customers, merged into a new log.
    Appended(Box<AnalyticsData>),
    /// A change that new events cannot express (a deleted customer or event, an erasure):
    /// only loading the log again will do.
    Reload,
}

impl AnalyticsData {
    /// The database touchpoint behind a log touchpoint.
    pub fn touchpoint_of(&self, tp: kunde_analytics::TouchpointId) -> TouchpointId {
        self.touchpoint_ids[usize::from(tp.0)]
    }

    pub fn customer(&self, c: kunde_analytics::CustomerId) -> &AnalyticsCustomer {
        &self.customers[c.0 as usize]
    }

    /// The built log and its way back to the database as bytes, for a file that lets a
    /// restarted server skip reading every event ([`AnalyticsData::from_bytes`]). It holds
    /// customer names: it lives beside the database and is replaced when the data change.
    /// Layout: magic, the header's length, the header (fingerprint, customers, touchpoints,
    /// reach) and its CRC-32, then the log's own bytes ([`EventLog::write_bytes`], with
    /// their own checksum), so a reader can decode both halves side by side.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out =
            Vec::with_capacity(self.log.event_count() * 18 + self.customers.len() * 64 + 128);
        out.extend_from_slice(DATA_MAGIC);
        out.extend_from_slice(&0u64.to_le_bytes());
        let f = &self.fingerprint;
        for v in [
            f.events,
            f.customer_events,
            f.max_event_id,
            f.customers,
            f.max_customer_id,
            f.erasures,
            f.changes,
        ] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        let text = |out: &mut Vec<u8>, s: &str| {
            out.extend_from_slice(&(s.len() as u64).to_le_bytes());
            out.extend_from_slice(s.as_bytes());
        };
        out.extend_from_slice(&(self.customers.len() as u64).to_le_bytes());
        for c in self.customers.iter() {
            out.extend_from_slice(&c.id.0.to_le_bytes());
            text(&mut out, &c.name);
            match &c.acquisition_channel {
                Some(ch) => {
                    out.push(1);
                    text(&mut out, ch);
                }
                None => out.push(0),
            }
        }
        out.extend_from_slice(&(self.touchpoint_ids.len() as u64).to_le_bytes());
        for t in &self.touchpoint_ids {
            out.extend_from_slice(&t.0.to_le_bytes());
        }
        for r in &self.reach {
            out.extend_from_slice(&r.to_le_bytes());
        }
        let header_end = out.len();
        let len = (header_end - HEADER_AT) as u64;
        out[DATA_MAGIC.len()..HEADER_AT].copy_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&u64::from(crc32fast::hash(&out[..header_end])).to_le_bytes());
        self.log.write_bytes(&mut out);
        out
    }

    /// Data from [`AnalyticsData::to_bytes`], or `None` if the bytes do not check out (a
    /// damaged or foreign file: the caller loads from the database instead). The header and
    /// the log are decoded on two threads.
    pub fn from_bytes(bytes: &[u8]) -> Option<AnalyticsData> {
        if bytes.get(..DATA_MAGIC.len())? != DATA_MAGIC {
            return None;
        }
        let len = u64::from_le_bytes(bytes.get(DATA_MAGIC.len()..HEADER_AT)?.try_into().ok()?);
        let header_end = HEADER_AT.checked_add(usize::try_from(len).ok()?)?;
        let log_at = header_end.checked_add(8)?;
        let sum = u64::from_le_bytes(bytes.get(header_end..log_at)?.try_into().ok()?);
        let (header, log) = std::thread::scope(|scope| {
            let log = scope.spawn(|| EventLog::from_bytes(&bytes[log_at..]).ok());
            let header = (u64::from(crc32fast::hash(&bytes[..header_end])) == sum)
                .then(|| read_header(&bytes[HEADER_AT..header_end]))
                .flatten();
            (header, log.join().ok().flatten())
        });
        let (fingerprint, customers, touchpoint_ids, reach) = header?;
        let log = log?;
        if log.customer_count() != customers.len() || log.touchpoint_count() != touchpoint_ids.len()
        {
            return None;
        }
        let touchpoints = touchpoint_ids
            .iter()
            .enumerate()
            .map(|(i, &t)| Some((t, kunde_analytics::TouchpointId(u16::try_from(i).ok()?))))
            .collect::<Option<HashMap<_, _>>>()?;
        Some(AnalyticsData {
            generation: next_generation(),
            fingerprint,
            log,
            customers: Arc::new(customers),
            touchpoints,
            touchpoint_ids,
            reach,
            recent_event_ids: Vec::new(),
        })
    }
}

/// What [`AnalyticsData::to_bytes`] writes before the log.
type Header = (
    EventsFingerprint,
    Vec<AnalyticsCustomer>,
    Vec<TouchpointId>,
    Vec<u64>,
);

/// The header's fields, all of `bytes` or `None`.
fn read_header(bytes: &[u8]) -> Option<Header> {
    let mut at = 0usize;
    let take = |at: &mut usize, n: usize| -> Option<&[u8]> {
        let end = at.checked_add(n)?;
        let b = bytes.get(*at..end)?;
        *at = end;
        Some(b)
    };
    let i64_at =
        |at: &mut usize| -> Option<i64> { Some(i64::from_le_bytes(take(at, 8)?.try_into().ok()?)) };
    let text = |at: &mut usize| -> Option<String> {
        let n = usize::try_from(i64_at(at)?).ok()?;
        String::from_utf8(take(at, n)?.to_vec()).ok()
    };
    let mut f = [0i64; 7];
    for v in &mut f {
        *v = i64_at(&mut at)?;
    }
    let fingerprint = EventsFingerprint {
        events: f[0],
        customer_events: f[1],
        max_event_id: f[2],
        customers: f[3],
        max_customer_id: f[4],
        erasures: f[5],
        changes: f[6],
    };
    let n = usize::try_from(i64_at(&mut at)?).ok()?;
    let mut customers = Vec::with_capacity(n.min(bytes.len() / 17));
    for _ in 0..n {
        let id = CustomerId(i64_at(&mut at)?);
        let name = text(&mut at)?;
        let acquisition_channel = match take(&mut at, 1)?[0] {
            0 => None,
            1 => Some(text(&mut at)?),
            _ => return None,
        };
        customers.push(AnalyticsCustomer {
            id,
            name,
            acquisition_channel,
        });
    }
    let n = usize::try_from(i64_at(&mut at)?).ok()?;
    let mut touchpoint_ids = Vec::with_capacity(n.min(bytes.len() / 8));
    for _ in 0..n {
        touchpoint_ids.push(TouchpointId(i64_at(&mut at)?));
    }
    let mut reach = Vec::with_capacity(n);
    for _ in 0..n {
        reach.push(u64::try_from(i64_at(&mut at)?).ok()?);
    }
    (at == bytes.len()).then_some((fingerprint, customers, touchpoint_ids, reach))
}

/// A number no other log built or read in this process has had.
pub fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The start of [`AnalyticsData::to_bytes`]; the version is in the name.
const DATA_MAGIC: &[u8; 8] = b"KUNDEAD3";

/// Where the header starts, after the magic and the header's length.
const HEADER_AT: usize = DATA_MAGIC.len() + 8;

/// The old log with the new customers and event rows (id, customer, time, touchpoint,
/// amount) merged in, its fingerprint and reach counted on; `None` when an event names a
/// customer the log does not know (created after the customers were read). In place when
/// `old` is the only reference (no copy of the columns), else on a copy.
fn append_rows(
    old: Arc<AnalyticsData>,
    new_customers: Vec<(i64, String, Option<String>)>,
    rows: Vec<EventRow>,
) -> Result<Option<AnalyticsData>> {
    let corrupt = |e: kunde_analytics::Error| StoreError::Corrupt(e.to_string());
    let mut data = Arc::unwrap_or_clone(old);
    let mut batch = EventBatch::new(&data.log);
    let mut new_index: HashMap<i64, kunde_analytics::CustomerId> = HashMap::new();
    if !new_customers.is_empty() {
        // Shared with older logs only while one of them lives.
        let list = Arc::make_mut(&mut data.customers);
        list.reserve(new_customers.len());
        for (id, name, acquisition_channel) in new_customers {
            let Some(c) = batch.new_customer(&data.log, &id.to_string()) else {
                return Ok(None);
            };
            new_index.insert(id, c);
            list.push(AnalyticsCustomer {
                id: CustomerId(id),
                name,
                acquisition_channel,
            });
            data.fingerprint.customers += 1;
            data.fingerprint.max_customer_id = data.fingerprint.max_customer_id.max(id);
        }
    }
    let fingerprint = &mut data.fingerprint;
    let log = &data.log;
    // (customer, touchpoint) of each new event, for the reach.
    let mut touched = Vec::new();
    for (id, customer, time, touchpoint, amount) in rows {
        fingerprint.events += 1;
        fingerprint.max_event_id = fingerprint.max_event_id.max(id);
        data.recent_event_ids.push(id);
        let Some(customer) = customer else {
            continue;
        };
        fingerprint.customer_events += 1;
        let c = match new_index.get(&customer) {
            Some(&c) => c,
            None => match log.customer_id(&customer.to_string()) {
                Some(c) => c,
                None => return Ok(None),
            },
        };
        let tp = match data.touchpoints.get(&TouchpointId(touchpoint)) {
            Some(&tp) => tp,
            None => {
                let tp = batch
                    .new_touchpoint(&touchpoint.to_string())
                    .map_err(corrupt)?;
                data.touchpoints.insert(TouchpointId(touchpoint), tp);
                data.touchpoint_ids.push(TouchpointId(touchpoint));
                data.reach.push(0);
                tp
            }
        };
        batch
            .push_ids(c, time, tp, amount.unwrap_or(0) as f64 / 100.0)
            .map_err(corrupt)?;
        touched.push((c.0, tp.0));
    }
    touched.sort_unstable();
    touched.dedup();
    for (c, tp) in touched {
        let had = (c as usize) < log.customer_count()
            && log
                .events_of(kunde_analytics::CustomerId(c))
                .touchpoints
                .contains(&tp);
        if !had {
            data.reach[usize::from(tp)] += 1;
        }
    }
    data.recent_event_ids.sort_unstable();
    data.recent_event_ids.dedup();
    let low = fingerprint.max_event_id - RECENT_WINDOW;
    data.recent_event_ids.retain(|&id| id > low);
    data.log.append(batch).map_err(corrupt)?;
    data.generation = next_generation();
    Ok(Some(data))
}

/// An event row as a catch-up reads it: id, customer, time, touchpoint, amount.
type EventRow = (i64, Option<i64>, i64, i64, Option<i64>);

/// How many customers have at least one event at each touchpoint of the log.
fn customers_per_touchpoint(log: &EventLog) -> Vec<u64> {
    let mut reach = vec![0u64; log.touchpoint_count()];
    let mut last_customer = vec![u32::MAX; log.touchpoint_count()];
    for events in log.customers() {
        for &tp in events.touchpoints {
            let seen = &mut last_customer[usize::from(tp)];
            if *seen != events.customer.0 {
                *seen = events.customer.0;
                reach[usize::from(tp)] += 1;
            }
        }
    }
    reach
}

/// A touchpoint as a picker lists it: grouped by journey, in map order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TouchpointChoice {
    pub journey_id: i64,
    pub journey: String,
    /// "as_is" or "to_be".
    pub variant: String,
    pub has_parent: bool,
    pub stage: String,
    pub id: TouchpointId,
    pub name: String,
    /// False when the touchpoint is outside the business's control.
    pub owned: bool,
}

/// Event ids per packed read of [`Store::load_event_log`].
const LOAD_RANGE: i64 = 250_000;

/// A workspace's customer events with ids in `($2, $3]`, packed into one text:
/// `customer,time,touchpoint,amount` per event (amount empty when there is none), `;`
/// between events. `+workspace_id` keeps SQLite from choosing a workspace index over the
/// primary-key range (PostgreSQL reads it as the same number).
const PACKED_EVENTS: &str = "SELECT string_agg(customer_id || ',' || occurred_at || ',' || touchpoint_id || ',' || COALESCE(CAST(amount AS TEXT), ''), ';')
     FROM events WHERE id > $2 AND id <= $3 AND +workspace_id = $1 AND customer_id IS NOT NULL";

/// One event of a [`PACKED_EVENTS`] text.
fn unpack(row: &str) -> Result<(i64, i64, i64, Option<i64>)> {
    let corrupt = || StoreError::Corrupt(format!("packed event '{row}'"));
    let mut fields = row.split(',');
    let mut int = || -> Result<i64> {
        fields
            .next()
            .and_then(|f| f.parse().ok())
            .ok_or_else(corrupt)
    };
    let (customer, time, touchpoint) = (int()?, int()?, int()?);
    let amount = match fields.next() {
        Some("") => None,
        Some(a) => Some(a.parse().map_err(|_| corrupt())?),
        None => return Err(corrupt()),
    };
    Ok((customer, time, touchpoint, amount))
}

#[derive(sqlx::FromRow)]
struct ChoiceRow {
    journey_id: i64,
    journey: String,
    variant: String,
    parent_id: Option<i64>,
    stage: String,
    id: i64,
    name: String,
    owned: bool,
}

/// The workspace's erasures and its `analytics_changes` counter (0 before its first change):
/// two primary-key reads.
macro_rules! erasures_and_changes {
    ($pool:expr, $ws:expr) => {{
        let (erasures, changes): (i64, Option<i64>) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM erasure_log WHERE workspace_id = $1),
                    (SELECT changes FROM analytics_changes WHERE workspace_id = $1)",
        )
        .bind($ws.0)
        .fetch_one($pool)
        .await?;
        Ok::<_, StoreError>((erasures, changes.unwrap_or(0)))
    }};
}

impl Store {
    /// The fingerprint of a workspace's events and customers (see [`EventsFingerprint`]).
    pub async fn events_fingerprint(&self, ws: WorkspaceId) -> Result<EventsFingerprint> {
        with_pool!(self, pool => {
            let (events, customer_events, max_event_id): (i64, i64, Option<i64>) = sqlx::query_as(
                "SELECT COUNT(*), COUNT(customer_id), MAX(id) FROM events WHERE workspace_id = $1",
            )
            .bind(ws.0)
            .fetch_one(pool)
            .await?;
            let (customers, max_customer_id): (i64, Option<i64>) = sqlx::query_as(
                "SELECT COUNT(*), MAX(id) FROM customers WHERE workspace_id = $1",
            )
            .bind(ws.0)
            .fetch_one(pool)
            .await?;
            let (erasures, changes) = erasures_and_changes!(pool, ws)?;
            Ok(EventsFingerprint {
                events,
                customer_events,
                max_event_id: max_event_id.unwrap_or(0),
                customers,
                max_customer_id: max_customer_id.unwrap_or(0),
                erasures,
                changes,
            })
        })
    }

    /// The [`QuickFingerprint`]: three reads at the ends of primary keys, whatever the size
    /// of the workspace (counting 645,000 customers took 40 ms on every request).
    pub async fn quick_fingerprint(&self, ws: WorkspaceId) -> Result<QuickFingerprint> {
        with_pool!(self, pool => {
            let (max_event_id, max_customer_id, changes): (Option<i64>, Option<i64>, Option<i64>) =
                sqlx::query_as(
                    "SELECT (SELECT MAX(id) FROM events), (SELECT MAX(id) FROM customers),
                            (SELECT changes FROM analytics_changes WHERE workspace_id = $1)",
                )
                .bind(ws.0)
                .fetch_one(pool)
                .await?;
            Ok(QuickFingerprint {
                max_event_id: max_event_id.unwrap_or(0),
                max_customer_id: max_customer_id.unwrap_or(0),
                changes: changes.unwrap_or(0),
            })
        })
    }

    /// Whether nothing a log with fingerprint `was` holds has changed in place since (the
    /// `analytics_changes` counter and the erasures), read in constant time. New events and
    /// customers are not looked at, nor visitors joined to customers: see
    /// [`events_fingerprint_upto`](Self::events_fingerprint_upto) for those.
    pub async fn unchanged_in_place(
        &self,
        ws: WorkspaceId,
        was: &EventsFingerprint,
    ) -> Result<bool> {
        let (erasures, changes) = with_pool!(self, pool => erasures_and_changes!(pool, ws))?;
        Ok(erasures == was.erasures && changes == was.changes)
    }

    /// Loads every customer's events of the workspace into an [`EventLog`].
    ///
    /// The rows are streamed (never all held as rows at once) in the table's own order: the
    /// builder sorts by customer and time itself, in linear time, so asking the database to
    /// sort would only cost more. The fingerprint is taken first, so a change made while
    /// loading makes the next comparison fail and the log is loaded again.
    pub async fn load_event_log(&self, ws: WorkspaceId) -> Result<AnalyticsData> {
        self.load_event_log_in_ranges(ws, LOAD_RANGE).await
    }

    /// [`load_event_log`](Self::load_event_log) reading `ids_per_read` event ids per packed
    /// read; tests use small ranges to cross many range boundaries with few events.
    #[doc(hidden)]
    pub async fn load_event_log_in_ranges(
        &self,
        ws: WorkspaceId,
        ids_per_read: i64,
    ) -> Result<AnalyticsData> {
        let ids_per_read = ids_per_read.max(1);
        let fingerprint = self.events_fingerprint(ws).await?;
        let capacity = usize::try_from(fingerprint.customer_events).unwrap_or(0);
        let mut builder = EventLogBuilder::with_capacity(capacity);
        let mut customers = Vec::new();
        let mut customer_index: HashMap<i64, kunde_analytics::CustomerId> = HashMap::new();
        let mut touchpoints: HashMap<TouchpointId, kunde_analytics::TouchpointId> = HashMap::new();
        let mut touchpoint_ids = Vec::new();
        with_pool!(self, pool => {
            // Every customer is in the log, with or without events, in id order; the log's
            // customer ids are then their positions in `customers`.
            let mut rows = sqlx::query_as::<_, (i64, String, Option<String>)>(
                "SELECT id, name, acquisition_channel FROM customers WHERE workspace_id = $1 ORDER BY id",
            )
            .bind(ws.0)
            .fetch(pool);
            while let Some((id, name, acquisition_channel)) = rows.try_next().await? {
                let c = builder.customer(&id.to_string());
                debug_assert_eq!(c.0 as usize, customers.len());
                customer_index.insert(id, c);
                customers.push(AnalyticsCustomer { id: CustomerId(id), name, acquisition_channel });
            }
            drop(rows);
            // The events cross the driver packed, one text per range of ids: a few dozen
            // rows instead of millions (each row through sqlx costs microseconds, the
            // database's own scan and formatting a fraction of that). The ranges follow the
            // primary key, so each is one sequential stretch of the table; a few are read
            // at once, and parsed as they arrive, in id order.
            // Up to the fingerprint's largest id: later events are for the next catch-up.
            let max_event_id = fingerprint.max_event_id;
            let ranges = (0..=max_event_id / ids_per_read)
                .map(|i| (i * ids_per_read, ((i + 1) * ids_per_read).min(max_event_id)));
            let mut packed = futures_util::stream::iter(ranges)
                .map(|(after, upto)| {
                    sqlx::query_as::<_, (Option<String>,)>(PACKED_EVENTS)
                        .bind(ws.0)
                        .bind(after)
                        .bind(upto)
                        .fetch_one(pool)
                })
                .buffered(3);
            while let Some((text,)) = packed.try_next().await? {
                for row in text.as_deref().unwrap_or("").split(';').filter(|r| !r.is_empty()) {
                    let (customer, time, touchpoint, amount) = unpack(row)?;
                    // A customer created after the customers were read: left for the next
                    // load, which the changed fingerprint will ask for.
                    let Some(&c) = customer_index.get(&customer) else {
                        continue;
                    };
                    let tp = match touchpoints.get(&TouchpointId(touchpoint)) {
                        Some(&tp) => tp,
                        None => {
                            let tp = builder
                                .touchpoint(&touchpoint.to_string())
                                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                            touchpoints.insert(TouchpointId(touchpoint), tp);
                            touchpoint_ids.push(TouchpointId(touchpoint));
                            tp
                        }
                    };
                    builder
                        .push_ids(c, time, tp, amount.unwrap_or(0) as f64 / 100.0)
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                }
            }
        });
        // Sorting millions of events is CPU work: off the async threads.
        let (log, reach) = tokio::task::spawn_blocking(move || {
            let log = builder.build();
            let reach = customers_per_touchpoint(&log);
            (log, reach)
        })
        .await
        .map_err(|e| StoreError::Corrupt(format!("building the event log: {e}")))?;
        // Read after the events: an id committed late in between is then in this list but
        // not in the log, which the full check finds (never counted twice).
        let recent_event_ids = self.recent_event_ids(ws, fingerprint.max_event_id).await?;
        Ok(AnalyticsData {
            generation: next_generation(),
            fingerprint,
            log,
            customers: Arc::new(customers),
            touchpoints,
            touchpoint_ids,
            reach,
            recent_event_ids,
        })
    }

    /// The workspace's event ids within [`RECENT_WINDOW`] below `max_event_id` (included),
    /// sorted: see [`AnalyticsData::recent_event_ids`].
    pub async fn recent_event_ids(&self, ws: WorkspaceId, max_event_id: i64) -> Result<Vec<i64>> {
        with_pool!(self, pool => {
            let rows: Vec<(i64,)> = sqlx::query_as(
                "SELECT id FROM events WHERE id > $2 AND id <= $3 AND +workspace_id = $1 ORDER BY id",
            )
            .bind(ws.0)
            .bind(max_event_id - RECENT_WINDOW)
            .bind(max_event_id)
            .fetch_all(pool)
            .await?;
            Ok(rows.into_iter().map(|(id,)| id).collect())
        })
    }

    /// The counts of an [`EventsFingerprint`] over the events and customers a log was built
    /// from: those with ids up to the log's largest (`was.max_event_id`,
    /// `was.max_customer_id`). Equal counts mean that nothing the log holds was deleted,
    /// joined to a customer or erased and that no event committed late below its largest
    /// id; newer events do not count (the next catch-up adds them). The returned largest
    /// ids are `was`'s.
    pub async fn events_fingerprint_upto(
        &self,
        ws: WorkspaceId,
        was: &EventsFingerprint,
    ) -> Result<EventsFingerprint> {
        with_pool!(self, pool => {
            let (events, customer_events): (i64, i64) = sqlx::query_as(
                "SELECT COUNT(*), COUNT(customer_id) FROM events WHERE workspace_id = $1 AND id <= $2",
            )
            .bind(ws.0)
            .bind(was.max_event_id)
            .fetch_one(pool)
            .await?;
            let (customers,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM customers WHERE workspace_id = $1 AND id <= $2",
            )
            .bind(ws.0)
            .bind(was.max_customer_id)
            .fetch_one(pool)
            .await?;
            let (erasures, changes) = erasures_and_changes!(pool, ws)?;
            Ok(EventsFingerprint {
                events,
                customer_events,
                max_event_id: was.max_event_id,
                customers,
                max_customer_id: was.max_customer_id,
                erasures,
                changes,
            })
        })
    }

    /// Brings a loaded log up to date without reading it again: [`Store::new_since`], then
    /// [`AnalyticsData::with_new`] on a copy of `old` (the caller keeps its reference).
    pub async fn catch_up_event_log(
        &self,
        ws: WorkspaceId,
        old: &Arc<AnalyticsData>,
    ) -> Result<CatchUp> {
        Ok(match self.new_since(ws, old).await? {
            NewSince::Current => CatchUp::Current,
            NewSince::Reload => CatchUp::Reload,
            NewSince::New(new) => {
                let old = old.clone();
                let appended =
                    tokio::task::spawn_blocking(move || AnalyticsData::with_new(old, new))
                        .await
                        .map_err(|e| {
                            StoreError::Corrupt(format!("appending to the event log: {e}"))
                        })??;
                appended.map_or(CatchUp::Reload, |d| CatchUp::Appended(Box::new(d)))
            }
        })
    }

    /// What changed since a loaded log was built, read without reading the log again: the
    /// customers and events newer than the log (past its largest ids, and any event that
    /// committed late within [`RECENT_WINDOW`] ids below), for
    /// [`AnalyticsData::with_new`]; [`NewSince::Reload`] when something else changed that
    /// the cheap reads can see (a customer deleted or changed, an erasure, an event deleted
    /// or changed); the rest (an older event deleted or joined to a customer) is for the
    /// full check, [`Store::events_fingerprint_upto`].
    pub async fn new_since(&self, ws: WorkspaceId, old: &AnalyticsData) -> Result<NewSince> {
        let was = old.fingerprint;
        let low = was.max_event_id - RECENT_WINDOW;
        let known_in_window = old.recent_event_ids.iter().filter(|&&id| id > low).count() as i64;
        let (erasures, changes, new_customers, read_window, rows) = with_pool!(self, pool => {
            let (erasures, changes) = erasures_and_changes!(pool, ws)?;
            let new_customers: Vec<(i64, String, Option<String>)> = sqlx::query_as(
                "SELECT id, name, acquisition_channel FROM customers WHERE workspace_id = $1 AND id > $2 ORDER BY id",
            )
            .bind(ws.0)
            .bind(was.max_customer_id)
            .fetch_all(pool)
            .await?;
            // The window below the largest id is read again only when it holds another
            // number of events than the log knows there.
            let (in_window,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM events WHERE id > $2 AND id <= $3 AND +workspace_id = $1",
            )
            .bind(ws.0)
            .bind(low)
            .bind(was.max_event_id)
            .fetch_one(pool)
            .await?;
            let read_window = in_window != known_in_window;
            let rows: Vec<EventRow> = sqlx::query_as(
                "SELECT id, customer_id, occurred_at, touchpoint_id, amount FROM events
                 WHERE id > $2 AND +workspace_id = $1 ORDER BY id",
            )
            .bind(ws.0)
            .bind(if read_window { low } else { was.max_event_id })
            .fetch_all(pool)
            .await?;
            (erasures, changes, new_customers, read_window, rows)
        });
        // A customer deleted or renamed, or an event deleted or changed, moves `changes`.
        if erasures != was.erasures || changes != was.changes {
            return Ok(NewSince::Reload);
        }
        // Events of the window the log already holds; fewer than it knows means one was
        // deleted. The others committed late or are new.
        let (known, rows): (Vec<EventRow>, Vec<EventRow>) = rows.into_iter().partition(|r| {
            r.0 <= was.max_event_id && old.recent_event_ids.binary_search(&r.0).is_ok()
        });
        if read_window && known.len() as i64 != known_in_window {
            return Ok(NewSince::Reload);
        }
        if rows.is_empty() && new_customers.is_empty() {
            return Ok(NewSince::Current);
        }
        Ok(NewSince::New(NewRows {
            customers: new_customers,
            events: rows,
        }))
    }

    /// Every touchpoint of the workspace with its journey and stage, in map order (journeys
    /// in the order they were made, then stages, then touchpoints).
    pub async fn touchpoint_choices(&self, ws: WorkspaceId) -> Result<Vec<TouchpointChoice>> {
        with_pool!(self, pool => {
            let rows: Vec<ChoiceRow> = sqlx::query_as(
                "SELECT j.id AS journey_id, j.name AS journey, j.variant, j.parent_id, s.name AS stage,
                        t.id, t.name, t.owned
                 FROM touchpoints t
                 JOIN stages s ON s.id = t.stage_id AND s.workspace_id = t.workspace_id
                 JOIN journeys j ON j.id = s.journey_id AND j.workspace_id = s.workspace_id
                 WHERE t.workspace_id = $1
                 ORDER BY j.id, s.position, s.id, t.position, t.id",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(|r| TouchpointChoice {
                    journey_id: r.journey_id,
                    journey: r.journey,
                    variant: r.variant,
                    has_parent: r.parent_id.is_some(),
                    stage: r.stage,
                    id: TouchpointId(r.id),
                    name: r.name,
                    owned: r.owned,
                })
                .collect())
        })
    }

    /// How many of the workspace's customers came through each acquisition channel (`None`:
    /// no channel), in no particular order: the channel choices of a page that does not
    /// load the event log (with an events backend).
    pub async fn acquisition_channel_counts(
        &self,
        ws: WorkspaceId,
    ) -> Result<Vec<(Option<String>, u64)>> {
        with_pool!(self, pool => {
            let rows: Vec<(Option<String>, i64)> = sqlx::query_as(
                "SELECT acquisition_channel, COUNT(*) FROM customers
                 WHERE workspace_id = $1 GROUP BY acquisition_channel",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(|(c, n)| (c, u64::try_from(n).unwrap_or(0)))
                .collect())
        })
    }
}
