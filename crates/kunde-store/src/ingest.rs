//! Event intake for the HTTP API and the web snippet: a batch is checked against the
//! workspace first (touchpoints, customers), then written all or nothing in one transaction
//! that commits before the caller hears "stored". Idempotency keys make a retried batch
//! harmless, and a visitor joined to a customer brings their anonymous events along.

use crate::{BeginWrite, Result, Store, StoreError, with_pool, with_write_pool, write_transaction};
use kunde_domain::*;
use std::collections::{HashMap, HashSet};

/// Rows per multi-row INSERT: 9 values a row stays well below both databases' limits on
/// bound values (32,766 for SQLite, 65,535 for PostgreSQL).
const CHUNK: usize = 1000;
/// Values per `IN (…)` list when checking references.
const LOOKUP_CHUNK: usize = 1000;

/// Which customer an event belongs to, as the sender names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerRef {
    Id(CustomerId),
    Email(Email),
}

/// One event of a batch, already parsed; its references are checked by [`Store::ingest_events`].
#[derive(Debug, Clone)]
pub struct IngestEvent {
    pub customer: Option<CustomerRef>,
    pub visitor_id: Option<String>,
    pub touchpoint_id: TouchpointId,
    pub occurred_at: i64,
    /// None means the touchpoint's own channel.
    pub channel: Option<Channel>,
    pub amount: Option<Money>,
    /// A JSON object, as text.
    pub properties: String,
    pub idempotency_key: Option<String>,
}

/// What happened to a stored batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IngestReport {
    /// Events in the batch.
    pub received: u64,
    /// Events newly stored.
    pub stored: u64,
    /// Events skipped because their idempotency key was seen before (in an earlier batch or
    /// earlier in this one).
    pub duplicates: u64,
}

/// What an event of a batch names that the workspace does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnknownReference {
    Touchpoint(TouchpointId),
    CustomerId(CustomerId),
    CustomerEmail(Email),
    /// Not a reference: the event's idempotency key was used before (earlier in the batch or
    /// in an earlier one) for a different event.
    KeyReused(String),
}

/// Why one event of a batch was refused: its index in the batch and what it named that the
/// workspace does not have. The API turns it into its own wire format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedEvent {
    pub index: usize,
    pub unknown: UnknownReference,
}

/// The outcome of a batch: stored, or refused for the listed reasons (nothing stored).
pub type IngestOutcome = std::result::Result<IngestReport, Vec<RefusedEvent>>;

/// Records that `visitor` is `customer` (a later join to another customer replaces the link
/// for later events) and gives the visitor's anonymous events to the customer. Evaluates to
/// how many events were joined. A macro, so it runs on either backend's transaction.
macro_rules! link_visitor {
    ($tx:expr, $ws:expr, $visitor:expr, $customer:expr, $now:expr) => {{
        sqlx::query(
            "INSERT INTO visitor_links (workspace_id, visitor_id, customer_id, linked_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (workspace_id, visitor_id) DO UPDATE SET customer_id = excluded.customer_id, linked_at = excluded.linked_at",
        )
        .bind($ws.0)
        .bind($visitor)
        .bind($customer)
        .bind($now)
        .execute(&mut *$tx)
        .await?;
        let joined: u64 = sqlx::query(
            "UPDATE events SET customer_id = $3 WHERE workspace_id = $1 AND visitor_id = $2 AND customer_id IS NULL",
        )
        .bind($ws.0)
        .bind($visitor)
        .bind($customer)
        .execute(&mut *$tx)
        .await?
        .rows_affected();
        joined
    }};
}

/// A batch with its references resolved to ids of the workspace.
struct Resolved {
    /// (customer, channel) per event.
    rows: Vec<(Option<i64>, Channel)>,
    /// Visitors named together with a customer: joined to that customer (the last in the
    /// batch wins).
    links: Vec<(String, i64)>,
}

impl IngestEvent {
    /// A SHA-256 fingerprint of the event as sent, kept with its idempotency key: the same
    /// key with another fingerprint is a different event, not a retry.
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let customer = match &self.customer {
            None => String::new(),
            Some(CustomerRef::Id(id)) => format!("id:{}", id.0),
            Some(CustomerRef::Email(e)) => format!("email:{}", e.as_str()),
        };
        let text = format!(
            "{customer}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
            self.visitor_id.as_deref().unwrap_or(""),
            self.touchpoint_id.0,
            self.occurred_at,
            self.channel.map_or("", |c| c.code()),
            self.amount.map_or(String::new(), |m| m.0.to_string()),
            self.properties,
        );
        hex::encode(Sha256::digest(text.as_bytes()))
    }
}

impl Store {
    /// Stores a batch of events all or nothing, after checking that every touchpoint and
    /// customer belongs to `ws`. Returns `Ok(Err(problems))` when any event is refused.
    pub async fn ingest_events(
        &self,
        ws: WorkspaceId,
        events: &[IngestEvent],
        now: i64,
    ) -> Result<IngestOutcome> {
        let resolved = match self.resolve(ws, events).await? {
            Ok(r) => r,
            Err(problems) => return Ok(Err(problems)),
        };
        // Duplicates inside the batch are dropped here; those seen before are skipped by the
        // unique index.
        let fingerprints: Vec<String> = events.iter().map(IngestEvent::fingerprint).collect();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut reused = Vec::new();
        let mut keep: Vec<usize> = Vec::with_capacity(events.len());
        for (i, e) in events.iter().enumerate() {
            let Some(key) = e.idempotency_key.as_deref() else {
                keep.push(i);
                continue;
            };
            match seen.get(key) {
                None => {
                    seen.insert(key, i);
                    keep.push(i);
                }
                Some(&first) if fingerprints[first] != fingerprints[i] => {
                    reused.push(RefusedEvent {
                        index: i,
                        unknown: UnknownReference::KeyReused(key.to_owned()),
                    })
                }
                Some(_) => {}
            }
        }
        if !reused.is_empty() {
            return Ok(Err(reused));
        }
        let keyed: Vec<usize> = keep
            .iter()
            .copied()
            .filter(|&i| events[i].idempotency_key.is_some())
            .collect();
        let anonymous: Vec<&str> = {
            let mut v: Vec<&str> = keep
                .iter()
                .filter(|&&i| resolved.rows[i].0.is_none())
                .filter_map(|&i| events[i].visitor_id.as_deref())
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let touches_visitors = !anonymous.is_empty() || !resolved.links.is_empty();
        let stored = with_write_pool!(self, pool => write_transaction!(pool, tx => {
            // Keys seen in an earlier batch: the same event is a retry, another is refused.
            let mut reused = Vec::new();
            for chunk in keyed.chunks(LOOKUP_CHUNK) {
                let mut qb = sqlx::QueryBuilder::new(
                    "SELECT idempotency_key, payload_hash FROM events WHERE payload_hash IS NOT NULL AND workspace_id = ",
                );
                qb.push_bind(ws.0);
                qb.push(" AND idempotency_key IN (");
                let mut list = qb.separated(", ");
                for &i in chunk {
                    list.push_bind(events[i].idempotency_key.as_deref());
                }
                qb.push(")");
                let earlier: Vec<(String, String)> = qb.build_query_as().fetch_all(&mut *tx).await?;
                for (key, hash) in earlier {
                    if let Some(&i) = seen.get(key.as_str())
                        && fingerprints[i] != hash
                    {
                        reused.push(RefusedEvent {
                            index: i,
                            unknown: UnknownReference::KeyReused(key),
                        });
                    }
                }
            }
            if !reused.is_empty() {
                return Ok(Err(reused));
            }
            if touches_visitors
                && let Some(lock) = visitor_lock(pool)
            {
                sqlx::query(lock).bind(ws.0).execute(&mut *tx).await?;
            }
            for (visitor, customer) in &resolved.links {
                link_visitor!(tx, ws, visitor.as_str(), *customer, now);
            }
            let mut stored = 0;
            for chunk in keep.chunks(CHUNK) {
                let mut qb = sqlx::QueryBuilder::new(
                    "INSERT INTO events (workspace_id, customer_id, visitor_id, touchpoint_id, occurred_at,
                                         channel, amount, properties, idempotency_key, payload_hash) ",
                );
                qb.push_values(chunk, |mut row, &i| {
                    let e = &events[i];
                    let (customer, channel) = resolved.rows[i];
                    row.push_bind(ws.0)
                        .push_bind(customer)
                        .push_bind(e.visitor_id.as_deref())
                        .push_bind(e.touchpoint_id.0)
                        .push_bind(e.occurred_at)
                        .push_bind(channel.code())
                        .push_bind(e.amount.map(|m| m.0))
                        .push_bind(e.properties.as_str())
                        .push_bind(e.idempotency_key.as_deref())
                        .push_bind(e.idempotency_key.as_ref().map(|_| fingerprints[i].as_str()));
                });
                qb.push(" ON CONFLICT DO NOTHING");
                stored += qb.build().execute(&mut *tx).await?.rows_affected();
            }
            // Anonymous events of visitors already joined to a customer belong to that
            // customer. Done inside the transaction, so a join committed meanwhile is seen.
            for chunk in anonymous.chunks(LOOKUP_CHUNK) {
                let mut qb = sqlx::QueryBuilder::new(
                    "UPDATE events SET customer_id = (SELECT l.customer_id FROM visitor_links l
                        WHERE l.workspace_id = events.workspace_id AND l.visitor_id = events.visitor_id)
                     WHERE workspace_id = ",
                );
                qb.push_bind(ws.0);
                qb.push(" AND customer_id IS NULL AND visitor_id IN (");
                let mut list = qb.separated(", ");
                for v in chunk {
                    list.push_bind(*v);
                }
                qb.push(
                    ") AND EXISTS (SELECT 1 FROM visitor_links l
                        WHERE l.workspace_id = events.workspace_id AND l.visitor_id = events.visitor_id)",
                );
                qb.build().execute(&mut *tx).await?;
            }
            Ok(Ok(stored))
        }))?;
        let stored = match stored {
            Ok(n) => n,
            Err(reused) => return Ok(Err(reused)),
        };
        let received = events.len() as u64;
        Ok(Ok(IngestReport {
            received,
            stored,
            duplicates: received - stored,
        }))
    }

    /// Joins an anonymous visitor to a customer of the workspace: their past anonymous events
    /// become the customer's, and so do later ones. Returns the customer and how many past
    /// events were joined. An unknown customer is `InvalidReference`.
    pub async fn identify_visitor(
        &self,
        ws: WorkspaceId,
        visitor_id: &str,
        customer: &CustomerRef,
        now: i64,
    ) -> Result<(CustomerId, u64)> {
        let id = self
            .customer_ids(ws, std::slice::from_ref(customer))
            .await?
            .pop()
            .flatten()
            .ok_or_else(|| StoreError::InvalidReference("customer".into()))?;
        let joined = with_write_pool!(self, pool => write_transaction!(pool, tx => {
            if let Some(lock) = visitor_lock(pool) {
                sqlx::query(lock).bind(ws.0).execute(&mut *tx).await?;
            }
            Ok(link_visitor!(tx, ws, visitor_id, id, now))
        }))?;
        Ok((CustomerId(id), joined))
    }

    /// The workspace's latest events, newest first (for the API page and for tests).
    pub async fn recent_events(&self, ws: WorkspaceId, limit: i64) -> Result<Vec<Event>> {
        type Row = (
            i64,
            Option<i64>,
            Option<String>,
            i64,
            i64,
            String,
            Option<i64>,
            String,
        );
        let rows: Vec<Row> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, customer_id, visitor_id, touchpoint_id, occurred_at, channel, amount, properties
                 FROM events WHERE workspace_id = $1 ORDER BY id DESC LIMIT $2",
            )
            .bind(ws.0)
            .bind(limit)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter()
            .map(
                |(id, customer, visitor, tp, at, channel, amount, properties)| {
                    Ok(Event {
                        id: EventId(id),
                        workspace_id: ws,
                        customer_id: customer.map(CustomerId),
                        visitor_id: visitor,
                        touchpoint_id: TouchpointId(tp),
                        occurred_at: at,
                        channel: crate::rows::channel(&channel)?,
                        amount: amount.map(Money),
                        properties,
                    })
                },
            )
            .collect()
    }

    /// Checks every reference of the batch against the workspace, in a few queries.
    async fn resolve(
        &self,
        ws: WorkspaceId,
        events: &[IngestEvent],
    ) -> Result<std::result::Result<Resolved, Vec<RefusedEvent>>> {
        let tp_ids: Vec<i64> = distinct(events.iter().map(|e| e.touchpoint_id.0));
        let mut channels: HashMap<i64, Channel> = HashMap::with_capacity(tp_ids.len());
        for chunk in tp_ids.chunks(LOOKUP_CHUNK) {
            let rows: Vec<(i64, String)> = with_pool!(self, pool => {
                let mut qb = sqlx::QueryBuilder::new("SELECT id, channel FROM touchpoints WHERE workspace_id = ");
                qb.push_bind(ws.0).push(" AND id IN (");
                let mut list = qb.separated(", ");
                for id in chunk {
                    list.push_bind(*id);
                }
                qb.push(")");
                qb.build_query_as().fetch_all(pool).await?
            });
            for (id, channel) in rows {
                channels.insert(id, crate::rows::channel(&channel)?);
            }
        }
        let refs: Vec<CustomerRef> = events.iter().filter_map(|e| e.customer.clone()).collect();
        let mut ids = self.customer_ids(ws, &refs).await?.into_iter();

        let mut problems = Vec::new();
        let mut rows = Vec::with_capacity(events.len());
        let mut links: HashMap<&str, i64> = HashMap::new();
        for (index, e) in events.iter().enumerate() {
            let channel = channels.get(&e.touchpoint_id.0).copied();
            if channel.is_none() {
                problems.push(RefusedEvent {
                    index,
                    unknown: UnknownReference::Touchpoint(e.touchpoint_id),
                });
            }
            let customer = match &e.customer {
                None => None,
                Some(r) => match ids.next().flatten() {
                    Some(id) => Some(id),
                    None => {
                        let unknown = match r {
                            CustomerRef::Id(id) => UnknownReference::CustomerId(*id),
                            CustomerRef::Email(m) => UnknownReference::CustomerEmail(m.clone()),
                        };
                        problems.push(RefusedEvent { index, unknown });
                        None
                    }
                },
            };
            if let (Some(v), Some(c)) = (e.visitor_id.as_deref(), customer) {
                links.insert(v, c);
            }
            rows.push((customer, e.channel.or(channel).unwrap_or(Channel::Other)));
        }
        if !problems.is_empty() {
            return Ok(Err(problems));
        }
        let mut links: Vec<(String, i64)> =
            links.into_iter().map(|(v, c)| (v.to_owned(), c)).collect();
        links.sort();
        Ok(Ok(Resolved { rows, links }))
    }

    /// The id of each named customer of the workspace, in order; None for those not found.
    async fn customer_ids(
        &self,
        ws: WorkspaceId,
        refs: &[CustomerRef],
    ) -> Result<Vec<Option<i64>>> {
        let wanted_ids = distinct(refs.iter().filter_map(|r| match r {
            CustomerRef::Id(id) => Some(id.0),
            CustomerRef::Email(_) => None,
        }));
        let wanted_emails: Vec<&str> = {
            let mut v: Vec<&str> = refs
                .iter()
                .filter_map(|r| match r {
                    CustomerRef::Email(m) => Some(m.as_str()),
                    CustomerRef::Id(_) => None,
                })
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let mut known_ids = HashSet::new();
        for chunk in wanted_ids.chunks(LOOKUP_CHUNK) {
            let rows: Vec<(i64,)> = with_pool!(self, pool => {
                let mut qb = sqlx::QueryBuilder::new("SELECT id FROM customers WHERE workspace_id = ");
                qb.push_bind(ws.0).push(" AND id IN (");
                let mut list = qb.separated(", ");
                for id in chunk {
                    list.push_bind(*id);
                }
                qb.push(")");
                qb.build_query_as().fetch_all(pool).await?
            });
            known_ids.extend(rows.into_iter().map(|(id,)| id));
        }
        let mut by_email: HashMap<String, i64> = HashMap::new();
        for chunk in wanted_emails.chunks(LOOKUP_CHUNK) {
            let rows: Vec<(i64, String)> = with_pool!(self, pool => {
                let mut qb = sqlx::QueryBuilder::new("SELECT id, email FROM customers WHERE workspace_id = ");
                qb.push_bind(ws.0).push(" AND email IN (");
                let mut list = qb.separated(", ");
                for m in chunk {
                    list.push_bind(*m);
                }
                qb.push(")");
                qb.build_query_as().fetch_all(pool).await?
            });
            by_email.extend(rows.into_iter().map(|(id, email)| (email, id)));
        }
        Ok(refs
            .iter()
            .map(|r| match r {
                CustomerRef::Id(id) => known_ids.contains(&id.0).then_some(id.0),
                CustomerRef::Email(m) => by_email.get(m.as_str()).copied(),
            })
            .collect())
    }
}

fn distinct(values: impl Iterator<Item = i64>) -> Vec<i64> {
    let mut v: Vec<i64> = values.collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn visitor_lock<P: BeginWrite>(_pool: &P) -> Option<&'static str> {
    P::VISITOR_LOCK
}
