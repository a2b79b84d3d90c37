//! The funnel's step times on ClickHouse: per customer the chain of step events the
//! in-memory engine keeps (`kunde_analytics::funnel::Funnel::evaluate`), found with array
//! functions, then only counts leave the server — customers per (step, seconds from the
//! step before) — or, for the customers who dropped out at a step, when they reached it.
//! `kunde_analytics::funnel::report_from_levels_and_times` turns the counts into the report.
//!
//! `windowFunnel` answers a level only, and 18.16 has no `arrayFold`, so the chain is found
//! step by step, in `n` passes over the customer's step events sorted in (time, step) order:
//! an event at step 0 always extends (it starts a chain); an event at step `k > 0` extends
//! the chain kept at level `k` — the one ending at the *latest* extending event of step
//! `k − 1` before it — if it is within the window of that chain's start, and then points
//! back to that event. The deepest level `L` reached ends at the latest extending event of
//! step `L − 1`, or, at the last level, at the first one (the engine stops there); following
//! the pointers back gives the chain's times. "The latest extending event of step `k − 1`
//! before position `j`" is, with `c` the running count of such events up to `j`, the `c`-th
//! of them (`arrayCumSum`, then an index into the positions `arrayFilter` keeps): linear in
//! the customer's events per step, never quadratic.
//!
//! Only functions ClickHouse 18.16 has are used (`arraySort`, `arrayCumSum`,
//! `arrayPushFront`, `arrayFirstIndex`, `arrayReduce`, `arraySlice`), all kept by current
//! releases. Times are compared as `Int64`, so there is no span limit as with `windowFunnel`.

use crate::client::{TABLE, lines, numbers};
use crate::figures::{Calendar, key_expr};
use crate::{Error, EventsBackend};

/// One customer's chain: its database id and the times of the steps it reached, in step
/// order (as many as its level).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chain {
    pub customer_id: i64,
    pub times: Vec<i64>,
}

/// The query answering one row per customer with an event at a step: `customer_id`,
/// `level` and `chain` (the absolute times of its chain's steps).
fn chain_rows(ws: i64, steps: &[i64], window: i64) -> String {
    let n = steps.len();
    // A window past any time span (the engine adds it saturating; ClickHouse would wrap).
    let window = window.clamp(0, 1 << 62);
    let ks: Vec<String> = steps
        .iter()
        .enumerate()
        .map(|(k, s)| format!("if(touchpoint_id = {s}, {k}, -1)"))
        .collect();
    let list: Vec<String> = steps.iter().map(i64::to_string).collect();
    // Sorted by `(t − first) · n + k`, the step events are in (time, step) order. Per
    // position: `ks` the step, `ts` the time, `idx` the position. After pass k, `e{k}` says
    // which events at steps <= k extend, `s{k}` the start of the chain each of them ends,
    // `p{k}` the position of the event each points back to.
    //
    // Each pass is a subquery of its own: ClickHouse expands aliases into the expressions
    // that use them, and one SELECT of all passes grows exponentially with the steps (past
    // `max_expanded_ast_elements` at five). And 18.16 prunes a subquery's column that is
    // only used inside a lambda (after that expansion), so every column a lambda captures —
    // `first_ts`, `idx`, `s{j}` — is also passed to the same function as an argument.
    let mut query = format!(
        "SELECT customer_id, \
         arraySort(arrayMap((t, k, b) -> (t - b) * {n} + k, step_times, step_ks, \
         replicate(first_ts, step_times))) AS us, arrayMap(u -> u % {n}, us) AS ks, \
         arrayMap((u, b) -> intDiv(u, {n}) + b, us, replicate(first_ts, us)) AS ts, \
         arrayEnumerate(us) AS idx, arrayMap(k -> k = 0, ks) AS e0, \
         arrayMap((k, t) -> if(k = 0, t, 0), ks, ts) AS s0, arrayMap(k -> 0, ks) AS p0 \
         FROM (SELECT customer_id, groupArray(ts) AS step_times, groupArray(step_k) AS step_ks, \
         min(ts) AS first_ts FROM (SELECT customer_id, ts, \
         arrayJoin(arrayFilter(x -> x >= 0, [{ks}])) AS step_k FROM {TABLE} \
         WHERE workspace_id = {ws} AND has([{list}], touchpoint_id)) GROUP BY customer_id)",
        ks = ks.join(", "),
        list = list.join(", "),
    );
    for k in 1..n {
        let j = k - 1;
        query = format!(
            "SELECT customer_id, ks, ts, idx, \
             arrayMap((k, e) -> k = {j} AND e, ks, e{j}) AS f{k}, \
             arrayCumSum(f{k}) AS c{k}, \
             arrayPushFront(arrayFilter((i, f) -> f, idx, f{k}), 0) AS z{k}, \
             arrayMap((k, c, p, i) -> if(k = {k}, z{k}[c + 1], p), ks, c{k}, p{j}, idx) AS p{k}, \
             arrayPushFront(s{j}, 0) AS sz{k}, \
             arrayMap((k, q, t, e, s) -> if(k = {k}, q > 0 AND t <= sz{k}[q + 1] + {window}, e), \
             ks, p{k}, ts, e{j}, s{j}) AS e{k}, \
             arrayMap((k, q, s) -> if(k = {k}, sz{k}[q + 1], s), ks, p{k}, s{j}) AS s{k} \
             FROM ({query})"
        );
    }
    let last = n - 1;
    // h0 is the chain's last event, h{i} the one i steps before it (0 past its first).
    let mut hops = String::new();
    for i in 1..n {
        hops.push_str(&format!(", pz[h{} + 1] AS h{i}", i - 1));
    }
    let back: Vec<String> = (0..n).map(|i| format!("tz[h{i} + 1]")).collect();
    format!(
        "SELECT customer_id, level, chain FROM (SELECT customer_id, \
         arrayReduce('max', arrayMap((k, e) -> if(e, k + 1, 0), ks, e{last})) AS level, \
         if(level = {n}, arrayFirstIndex((k, e) -> k = {last} AND e, ks, e{last}), \
         arrayReduce('max', arrayMap((i, k, e) -> if(k = level - 1 AND e, i, 0), idx, ks, e{last}))) AS h0, \
         arrayPushFront(p{last}, 0) AS pz{hops}, arrayPushFront(ts, 0) AS tz, \
         arrayReverse(arraySlice([{back}], 1, level)) AS chain FROM ({query}))",
        back = back.join(", "),
    )
}

/// The times in a `[t1,t2,…]` array as ClickHouse writes it in TabSeparated.
fn times_of(field: &str) -> Result<Vec<i64>, Error> {
    let inner = field
        .strip_prefix('[')
        .and_then(|f| f.strip_suffix(']'))
        .ok_or_else(|| Error::Answer(field.to_owned()))?;
    if inner.is_empty() {
        return Ok(Vec::new());
    }
    inner
        .split(',')
        .map(|t| t.parse().map_err(|_| Error::Answer(field.to_owned())))
        .collect()
}

/// A funnel's counts over the customers whose chain started in one calendar month (UTC, as
/// `kunde_analytics::funnel::FunnelOutcomes::report_by_period` keys them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthCounts {
    /// Months since 1970-01.
    pub month: i64,
    /// `levels[k]`: customers who reached exactly `k` steps (`levels[0]` is 0).
    pub levels: Vec<u64>,
    /// As [`EventsBackend::funnel_step_times`] counts them.
    pub times: Vec<Vec<(i64, u64)>>,
}

impl EventsBackend {
    /// The funnel broken down by the month its customers' chains started, months in order
    /// and only those with a customer.
    pub async fn funnel_by_month(
        &self,
        ws: i64,
        steps: &[i64],
        window: i64,
    ) -> Result<Vec<MonthCounts>, Error> {
        let n = steps.len();
        let mut keys = Vec::new();
        let key = key_expr(&mut keys, "m", Calendar::Month, "chain[1]".to_owned());
        let keys = keys.join(", ");
        let rows = chain_rows(ws, steps, window);
        let levels = self
            .query(&format!(
                "SELECT {key}, level, count() FROM (SELECT level, {keys} FROM ({rows}) \
                 WHERE level >= 1) GROUP BY {key}, level ORDER BY {key}, level \
                 FORMAT TabSeparated"
            ))
            .await?;
        let mut months: Vec<MonthCounts> = Vec::new();
        for f in lines(&levels) {
            let [month, level, customers] = numbers::<3>(&f)?;
            if months.last().is_none_or(|m| m.month != month) {
                months.push(MonthCounts {
                    month,
                    levels: vec![0; n + 1],
                    times: vec![Vec::new(); n],
                });
            }
            let last = months.len() - 1;
            *months[last]
                .levels
                .get_mut(level as usize)
                .ok_or_else(|| Error::Answer(format!("level {level} of {n} steps")))? =
                customers as u64;
        }
        let times = self
            .query(&format!(
                "SELECT {key}, tupleElement(gap, 1) AS step, tupleElement(gap, 2) AS seconds, \
                 count() FROM (SELECT {key}, arrayJoin(arrayMap((s, g) -> (s, g), \
                 arrayEnumerate(gaps), gaps)) AS gap FROM (SELECT {keys}, \
                 arrayMap((a, b) -> b - a, arraySlice(chain, 1, level - 1), arraySlice(chain, 2)) \
                 AS gaps FROM ({rows}) WHERE level >= 2)) \
                 GROUP BY {key}, step, seconds ORDER BY {key}, step, seconds FORMAT TabSeparated"
            ))
            .await?;
        for f in lines(&times) {
            let [month, step, seconds, customers] = numbers::<4>(&f)?;
            let m = months
                .binary_search_by_key(&month, |m| m.month)
                .map_err(|_| Error::Answer(format!("month {month} without levels")))?;
            months[m]
                .times
                .get_mut(step as usize)
                .ok_or_else(|| Error::Answer(format!("step {step} of {n}")))?
                .push((seconds, customers as u64));
        }
        Ok(months)
    }

    /// Every customer's chain with at least one step, ascending by customer id: what
    /// `Funnel::evaluate` keeps per customer (tests compare them one by one).
    pub async fn funnel_chains(
        &self,
        ws: i64,
        steps: &[i64],
        window: i64,
    ) -> Result<Vec<Chain>, Error> {
        let text = self
            .query(&format!(
                "SELECT customer_id, chain FROM ({}) WHERE level > 0 ORDER BY customer_id \
                 FORMAT TabSeparated",
                chain_rows(ws, steps, window)
            ))
            .await?;
        lines(&text)
            .map(|f| {
                let [customer_id] = numbers::<1>(&f)?;
                let times = times_of(f.get(1).copied().unwrap_or_default())?;
                Ok(Chain { customer_id, times })
            })
            .collect()
    }

    /// The seconds between consecutive steps of the customers' chains, counted:
    /// `times[s]` holds `(seconds, customers)` from step `s − 1` to step `s` (0-based;
    /// `times[0]` is empty), as `kunde_analytics::funnel::report_from_levels_and_times`
    /// takes them.
    pub async fn funnel_step_times(
        &self,
        ws: i64,
        steps: &[i64],
        window: i64,
    ) -> Result<Vec<Vec<(i64, u64)>>, Error> {
        let text = self
            .query(&format!(
                "SELECT tupleElement(gap, 1) AS step, tupleElement(gap, 2) AS seconds, count() \
                 FROM (SELECT arrayJoin(arrayMap((s, g) -> (s, g), arrayEnumerate(gaps), gaps)) \
                 AS gap FROM (SELECT arrayMap((a, b) -> b - a, arraySlice(chain, 1, level - 1), \
                 arraySlice(chain, 2)) AS gaps FROM ({}) WHERE level >= 2)) \
                 GROUP BY step, seconds ORDER BY step, seconds FORMAT TabSeparated",
                chain_rows(ws, steps, window)
            ))
            .await?;
        let mut times = vec![Vec::new(); steps.len()];
        for f in lines(&text) {
            let [step, seconds, customers] = numbers::<3>(&f)?;
            times
                .get_mut(step as usize)
                .ok_or_else(|| Error::Answer(format!("step {step} of {}", steps.len())))?
                .push((seconds, customers as u64));
        }
        Ok(times)
    }

    /// The customers who reached exactly `level` steps, ascending by database id, each with
    /// the time it reached its last step; at most `limit` of them.
    pub async fn funnel_reached_at(
        &self,
        ws: i64,
        steps: &[i64],
        window: i64,
        level: usize,
        limit: usize,
    ) -> Result<Vec<(i64, i64)>, Error> {
        let text = self
            .query(&format!(
                "SELECT customer_id, chain[{level}] FROM ({}) WHERE level = {level} \
                 ORDER BY customer_id LIMIT {limit} FORMAT TabSeparated",
                chain_rows(ws, steps, window),
                limit = limit.min(i64::MAX as usize),
            ))
            .await?;
        lines(&text)
            .map(|f| {
                let [customer, at] = numbers::<2>(&f)?;
                Ok((customer, at))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One subquery per step keeps the query's text (and ClickHouse's expanded AST)
    /// growing linearly with the steps, not exponentially.
    #[test]
    fn the_chain_query_grows_linearly_with_the_steps() {
        let len = |n: usize| chain_rows(1, &(0..n as i64).collect::<Vec<_>>(), 60).len();
        let per_step = len(3) - len(2);
        assert!(len(32) < len(2) + 40 * per_step, "{} {}", len(2), len(32));
        if let Ok(path) = std::env::var("KUNDE_DUMP_CHAIN_SQL") {
            std::fs::write(path, chain_rows(1, &[1, 2, 3, 4, 5], 10)).unwrap();
        }
    }
}
