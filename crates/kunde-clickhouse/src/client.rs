//! The HTTP client and every query Kunde sends to ClickHouse.

use crate::url::{EventsUrl, UrlError, encode};
use crate::{CHUNK_IDS, Digest, Error, ExportedEvent};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use std::fmt::Write;
use std::time::Duration;

/// The table in the backend's database.
pub(crate) const TABLE: &str = "kunde_events";

/// The level marking a customer whose events span too long for `windowFunnel`.
const TOO_LONG: i64 = 255;

/// How long one request may take (an insert of a full chunk included).
const TIMEOUT_SECS: u64 = 120;

/// A connection to the events backend (cheap to clone: one shared connection pool).
#[derive(Clone)]
pub struct EventsBackend {
    url: EventsUrl,
    client: Client<HttpConnector, Full<Bytes>>,
}

impl std::fmt::Debug for EventsBackend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventsBackend")
            .field("base", &self.url.base)
            .field("database", &self.url.database)
            .finish()
    }
}

impl EventsBackend {
    /// A backend for `url` (see [`EventsUrl`]); nothing is sent until the first query.
    pub fn new(url: &str) -> Result<Self, UrlError> {
        let url = EventsUrl::parse(url)?;
        let client = Client::builder(TokioExecutor::new()).build_http();
        Ok(Self { url, client })
    }

    pub fn database(&self) -> &str {
        &self.url.database
    }

    /// Sends one statement (`sql` in the body, or in the address when `data` is the body) and
    /// returns the answer's text.
    async fn send(&self, sql: &str, data: Option<Bytes>, database: bool) -> Result<String, Error> {
        let mut uri = self.url.base.clone();
        uri.push('?');
        if database {
            let _ = write!(uri, "database={}&", encode(&self.url.database));
        }
        let body = match data {
            Some(d) => {
                let _ = write!(uri, "query={}", encode(sql));
                d
            }
            None => Bytes::from(sql.to_owned()),
        };
        let mut req = http::Request::post(uri);
        if let Some(u) = &self.url.user {
            req = req.header("X-ClickHouse-User", u);
        }
        if let Some(p) = &self.url.password {
            req = req.header("X-ClickHouse-Key", p);
        }
        let req = req
            .body(Full::new(body))
            .map_err(|e| Error::Unreachable(e.to_string()))?;
        let answer = async {
            let res = self
                .client
                .request(req)
                .await
                .map_err(|e| Error::Unreachable(e.to_string()))?;
            let status = res.status();
            let bytes = res
                .into_body()
                .collect()
                .await
                .map_err(|e| Error::Unreachable(e.to_string()))?
                .to_bytes();
            let text =
                String::from_utf8(bytes.to_vec()).map_err(|e| Error::Answer(e.to_string()))?;
            if status.is_success() {
                Ok(text)
            } else {
                Err(Error::Server {
                    status: status.as_u16(),
                    message: text.trim().chars().take(500).collect(),
                })
            }
        };
        tokio::time::timeout(Duration::from_secs(TIMEOUT_SECS), answer)
            .await
            .map_err(|_| Error::Timeout(TIMEOUT_SECS))?
    }

    pub(crate) async fn query(&self, sql: &str) -> Result<String, Error> {
        self.send(sql, None, true).await
    }

    /// The server's version, e.g. `18.16.1` (also a reachability check).
    pub async fn version(&self) -> Result<String, Error> {
        Ok(self
            .send("SELECT version()", None, false)
            .await?
            .trim()
            .to_owned())
    }

    /// Creates the database and the events table when missing.
    pub async fn ensure_schema(&self) -> Result<(), Error> {
        let db = &self.url.database;
        self.send(&format!("CREATE DATABASE IF NOT EXISTS {db}"), None, false)
            .await?;
        self.query(&format!(
            "CREATE TABLE IF NOT EXISTS {TABLE} (workspace_id UInt64, id UInt64, \
             customer_id UInt64, ts Int64, touchpoint_id UInt64, amount Nullable(Int64)) \
             ENGINE = MergeTree PARTITION BY (workspace_id, intDiv(id, {CHUNK_IDS})) \
             ORDER BY (workspace_id, customer_id, ts, id)"
        ))
        .await?;
        Ok(())
    }

    /// Drops every event of the database's table (tests and the bench start clean).
    pub async fn truncate(&self) -> Result<(), Error> {
        // 18.16 has no TRUNCATE for MergeTree; dropping and creating again is the same.
        self.ensure_schema().await?;
        self.query(&format!("DROP TABLE IF EXISTS {TABLE}")).await?;
        self.ensure_schema().await
    }

    /// The digest of every chunk of the workspace's events that ClickHouse holds.
    pub async fn digests(&self, ws: i64) -> Result<Vec<Digest>, Error> {
        let text = self
            .query(&format!(
                "SELECT intDiv(id, {CHUNK_IDS}) AS chunk, count(), max(id), sum(id), \
                 sum(customer_id), sum(touchpoint_id), sum(ts) FROM {TABLE} \
                 WHERE workspace_id = {ws} GROUP BY chunk ORDER BY chunk FORMAT TabSeparated"
            ))
            .await?;
        lines(&text)
            .map(|f| {
                let n = numbers::<7>(&f)?;
                Ok(Digest {
                    chunk: n[0],
                    events: n[1],
                    max_id: n[2],
                    sum_ids: n[3],
                    sum_customers: n[4],
                    sum_touchpoints: n[5],
                    sum_times: n[6],
                })
            })
            .collect()
    }

    /// Drops a whole database (tests and the bench clean up after themselves).
    pub async fn drop_database(&self, name: &str) -> Result<(), Error> {
        if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(Error::Answer(format!("not a database name: {name}")));
        }
        self.send(&format!("DROP DATABASE IF EXISTS {name}"), None, false)
            .await?;
        Ok(())
    }

    /// Removes one chunk of a workspace's events (synchronous: the rows are gone when it
    /// returns). Dropping a chunk ClickHouse does not have is not an error.
    pub async fn drop_chunk(&self, ws: i64, chunk: i64) -> Result<(), Error> {
        self.query(&format!(
            "ALTER TABLE {TABLE} DROP PARTITION ({ws}, {chunk})"
        ))
        .await?;
        Ok(())
    }

    /// Removes all of a workspace's events.
    pub async fn drop_workspace(&self, ws: i64) -> Result<(), Error> {
        for d in self.digests(ws).await? {
            self.drop_chunk(ws, d.chunk).await?;
        }
        Ok(())
    }

    /// Inserts the events as one block (one INSERT: all of them or none).
    pub async fn insert(&self, events: &[ExportedEvent]) -> Result<(), Error> {
        if events.is_empty() {
            return Ok(());
        }
        debug_assert!(events.len() as i64 <= CHUNK_IDS);
        let mut tsv = String::with_capacity(events.len() * 48);
        for e in events {
            let _ = write!(
                tsv,
                "{}\t{}\t{}\t{}\t{}\t",
                e.workspace_id, e.id, e.customer_id, e.occurred_at, e.touchpoint_id
            );
            match e.amount {
                Some(a) => {
                    let _ = writeln!(tsv, "{a}");
                }
                None => tsv.push_str("\\N\n"),
            }
        }
        self.send(
            &format!(
                "INSERT INTO {TABLE} (workspace_id, id, customer_id, ts, touchpoint_id, amount) \
                 FORMAT TabSeparated"
            ),
            Some(Bytes::from(tsv)),
            true,
        )
        .await?;
        Ok(())
    }

    /// One row per customer with an event at a step: `(customer_id, level)`, where level is
    /// what `windowFunnel` answers under the in-memory engine's rules, or [`TOO_LONG`].
    ///
    /// Two rules of the in-memory engine (and of current ClickHouse) are not those of 18.16,
    /// which takes events of the same second in the order they arrive and counts an event
    /// for one step only. So each event becomes one row per step it matches (`k`, 0-based),
    /// and its time `t` becomes `(t - first) * n + k`, `first` being the customer's first
    /// step event: ordered by that, events are in (time, step) order with no ties between
    /// steps, and `t_last <= t_first + window` holds exactly when
    /// `t'_last <= t'_first + window * n + n - 1` (since `0 <= k < n`). `windowFunnel` takes
    /// the times as `UInt32` and 18.16 compares them as `Int32`, so a customer whose step
    /// events span more than 2^31 / n seconds (8 years for 8 steps) is marked [`TOO_LONG`]
    /// rather than answered wrongly.
    fn funnel_rows(ws: i64, steps: &[i64], window: i64) -> String {
        let n = steps.len() as i64;
        let ks: Vec<String> = steps
            .iter()
            .enumerate()
            .map(|(k, s)| format!("if(touchpoint_id = {s}, {k}, -1)"))
            .collect();
        let list: Vec<String> = steps.iter().map(i64::to_string).collect();
        let conditions: Vec<String> = (0..n)
            .map(|k| format!("arrayMap(x -> x = {k}, step_ks)"))
            .collect();
        let shifted_window = window.saturating_mul(n).saturating_add(n - 1);
        format!(
            "SELECT customer_id, if((last_ts - first_ts) * {n} + {n} - 1 > 2147483647, {TOO_LONG}, \
             windowFunnelArray({shifted_window})(arrayMap((t, s, b) -> toUInt32((t - b) * {n} + s), \
             step_times, step_ks, replicate(first_ts, step_times)), {conditions})) AS level FROM (\
             SELECT customer_id, groupArray(ts) AS step_times, groupArray(step_k) AS step_ks, \
             min(ts) AS first_ts, max(ts) AS last_ts FROM (SELECT customer_id, ts, \
             arrayJoin(arrayFilter(x -> x >= 0, [{ks}])) AS step_k FROM {TABLE} \
             WHERE workspace_id = {ws} AND has([{list}], touchpoint_id)) \
             GROUP BY customer_id) GROUP BY customer_id, first_ts, last_ts",
            conditions = conditions.join(", "),
            ks = ks.join(", "),
            list = list.join(", "),
        )
    }

    /// How many customers end at each funnel level, as
    /// `kunde_analytics::funnel::Funnel::count_levels` answers over the same events:
    /// `counts[k]` customers reached exactly `k` steps, `counts[0]` counts the workspace's
    /// customers with events who did not reach the first. `window` is in seconds.
    pub async fn funnel_levels(
        &self,
        ws: i64,
        steps: &[i64],
        window: i64,
    ) -> Result<Vec<u64>, Error> {
        let n = steps.len();
        let window = window.max(0);
        let text = self
            .query(&format!(
                "SELECT level, count() FROM ({}) GROUP BY level ORDER BY level FORMAT TabSeparated",
                Self::funnel_rows(ws, steps, window)
            ))
            .await?;
        let mut counts = vec![0u64; n + 1];
        for f in lines(&text) {
            let [level, c] = numbers::<2>(&f)?;
            if level == TOO_LONG {
                return Err(Error::Answer(format!(
                    "{c} customers' events span too long for windowFunnel"
                )));
            }
            let slot = counts
                .get_mut(level as usize)
                .ok_or_else(|| Error::Answer(format!("level {level} of {n} steps")))?;
            *slot = c as u64;
        }
        let total = self
            .query(&format!(
                "SELECT uniqExact(customer_id) FROM {TABLE} WHERE workspace_id = {ws} \
                 FORMAT TabSeparated"
            ))
            .await?;
        let total: u64 = total
            .trim()
            .parse()
            .map_err(|_| Error::Answer(total.clone()))?;
        let reached: u64 = counts[1..].iter().sum();
        counts[0] = total.saturating_sub(reached);
        Ok(counts)
    }

    /// Customers with at least one event, per touchpoint: `(touchpoint id, customers)`.
    pub async fn reach(&self, ws: i64) -> Result<Vec<(i64, u64)>, Error> {
        let text = self
            .query(&format!(
                "SELECT touchpoint_id, uniqExact(customer_id) FROM {TABLE} \
                 WHERE workspace_id = {ws} GROUP BY touchpoint_id ORDER BY touchpoint_id \
                 FORMAT TabSeparated"
            ))
            .await?;
        lines(&text)
            .map(|f| {
                let [tp, n] = numbers::<2>(&f)?;
                Ok((tp, n as u64))
            })
            .collect()
    }

    /// The customers (database ids, ascending) who reached exactly `level` steps.
    pub async fn funnel_customers_at(
        &self,
        ws: i64,
        steps: &[i64],
        window: i64,
        level: usize,
    ) -> Result<Vec<i64>, Error> {
        let text = self
            .query(&format!(
                "SELECT customer_id FROM ({}) WHERE level = {level} ORDER BY customer_id \
                 FORMAT TabSeparated",
                Self::funnel_rows(ws, steps, window.max(0))
            ))
            .await?;
        lines(&text).map(|f| Ok(numbers::<1>(&f)?[0])).collect()
    }
}

/// The tab-separated fields of each non-empty line.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.split('\t').collect())
}

/// The first `N` fields as integers.
pub(crate) fn numbers<const N: usize>(fields: &[&str]) -> Result<[i64; N], Error> {
    let mut out = [0i64; N];
    if fields.len() < N {
        return Err(Error::Answer(fields.join("\t")));
    }
    for (o, f) in out.iter_mut().zip(fields) {
        *o = f
            .parse::<i64>()
            .map_err(|_| Error::Answer(fields.join("\t")))?;
    }
    Ok(out)
}
