//! The order cohorts (retention) and the paths computed on ClickHouse: each answers only a
//! few rows — a cell per cohort and period, a row per distinct path — which the analytics
//! core turns into its report (`kunde_analytics::order_cohorts::report_from_counts`,
//! `kunde_analytics::paths::paths_from_counts`), so the page's numbers are the in-memory
//! engine's (`tests/differential.rs` compares them over generated events).
//!
//! Only functions ClickHouse 18.16 has are used (arrays, tuples, `multiIf`, `ANY INNER JOIN
//! … USING`), all of which current releases keep.

use crate::client::{TABLE, lines, numbers};
use crate::{Error, EventsBackend};
use std::fmt::Write;

/// The calendar periods of a cohort table, as the analytics core counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Calendar {
    Day,
    /// ISO weeks, Monday first.
    Week,
    Month,
    Quarter,
    Year,
}

/// What makes a customer of a cohort count as back in a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comeback {
    /// An order (an event with a positive amount).
    Order,
    AnyEvent,
    /// An event at this touchpoint, or the first order itself.
    Touchpoint(i64),
}

/// A cohort table of first orders: customers grouped by the period of their first order up
/// to `now`, on the calendar of a time zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CohortQuery {
    pub calendar: Calendar,
    pub comeback: Comeback,
    /// Periods counted from the cohort's own (offset 0).
    pub periods: usize,
    pub now: i64,
    /// The zone's UTC offsets: `(from, offset seconds)`, sorted; the first offset also holds
    /// before its `from` (`kunde_analytics::Zone::changes`). Empty: UTC.
    pub zone: Vec<(i64, i32)>,
}

/// One cohort's counts: the period index (as `kunde_analytics::PeriodKey::index`), its
/// customers, and per offset the customers active and the order revenue in cents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CohortCounts {
    pub cohort: i64,
    pub customers: u64,
    pub active: Vec<u64>,
    pub revenue_cents: Vec<i64>,
}

/// Paths from an anchor, as `kunde_analytics::paths::PathQuery` describes them (with
/// database touchpoint ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathsQuery {
    /// Paths start at the customer's first event here; `None`: at the first (after) or the
    /// last (before) event.
    pub anchor: Option<i64>,
    pub before: bool,
    /// Steps after the anchor.
    pub depth: usize,
    pub collapse_repeats: bool,
}

/// One distinct path: its touchpoints (anchor first), how many customers took it, and the
/// first of them by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountedPath {
    pub touchpoints: Vec<i64>,
    pub customers: u64,
    pub first_customer: i64,
}

/// `floor(a / n)` in SQL (`intDiv` rounds towards zero).
fn floor_div(a: &str, n: i64) -> String {
    format!("(intDiv({a}, {n}) - (modulo({a}, {n}) < 0))")
}

/// The zone's offset at the time in column `col`, as a `multiIf` over the changes between
/// `lo` and `hi` only (those outside cannot matter): a handful of branches for years of
/// daylight-saving time.
fn offset_expr(zone: &[(i64, i32)], col: &str, lo: i64, hi: i64) -> String {
    let offset_at = |t: i64| {
        let i = zone.partition_point(|c| c.0 <= t);
        zone.get(i.saturating_sub(1)).map_or(0, |c| i64::from(c.1))
    };
    let changes: Vec<&(i64, i32)> = zone.iter().filter(|c| c.0 > lo && c.0 <= hi).collect();
    if changes.is_empty() {
        return offset_at(lo).to_string();
    }
    let mut s = String::from("multiIf(");
    let mut before = offset_at(lo);
    for (from, offset) in changes {
        let _ = write!(s, "{col} < {from}, {before}, ");
        before = i64::from(*offset);
    }
    let _ = write!(s, "{before})");
    s
}

/// The period index of the time in column `col` on the zone's calendar, exactly as
/// `kunde_analytics::Zone::key_of` computes it (Howard Hinnant's civil-from-days for
/// months). Defines aliases starting with `p` (unique per `p`) and returns the key's alias.
pub(crate) fn key_expr(
    out: &mut Vec<String>,
    p: &str,
    calendar: Calendar,
    local: String,
) -> String {
    out.push(format!("{local} AS {p}_local"));
    out.push(format!(
        "{} AS {p}_day",
        floor_div(&format!("{p}_local"), 86_400)
    ));
    let months = |out: &mut Vec<String>| {
        out.push(format!("{p}_day + 719468 AS {p}_z"));
        out.push(format!(
            "{} AS {p}_era",
            floor_div(&format!("{p}_z"), 146_097)
        ));
        out.push(format!("{p}_z - {p}_era * 146097 AS {p}_doe"));
        out.push(format!(
            "intDiv({p}_doe - intDiv({p}_doe, 1460) + intDiv({p}_doe, 36524) \
             - intDiv({p}_doe, 146096), 365) AS {p}_yoe"
        ));
        out.push(format!(
            "{p}_doe - (365 * {p}_yoe + intDiv({p}_yoe, 4) - intDiv({p}_yoe, 100)) AS {p}_doy"
        ));
        out.push(format!("intDiv(5 * {p}_doy + 2, 153) AS {p}_mp"));
        out.push(format!(
            "if({p}_mp < 10, {p}_mp + 3, {p}_mp - 9) AS {p}_month"
        ));
        out.push(format!(
            "{p}_yoe + {p}_era * 400 + ({p}_month <= 2) AS {p}_year"
        ));
        out.push(format!(
            "({p}_year - 1970) * 12 + {p}_month - 1 AS {p}_months"
        ));
    };
    let key = match calendar {
        Calendar::Day => format!("{p}_day"),
        Calendar::Week => floor_div(&format!("({p}_day + 3)"), 7),
        Calendar::Month => {
            months(out);
            format!("{p}_months")
        }
        Calendar::Quarter => {
            months(out);
            floor_div(&format!("{p}_months"), 3)
        }
        Calendar::Year => {
            months(out);
            floor_div(&format!("{p}_months"), 12)
        }
    };
    out.push(format!("toInt64({key}) AS {p}_key"));
    format!("{p}_key")
}

impl EventsBackend {
    /// The workspace's first and last event times, `None` without events.
    async fn time_range(&self, ws: i64) -> Result<Option<(i64, i64)>, Error> {
        let text = self
            .query(&format!(
                "SELECT count(), min(ts), max(ts) FROM {TABLE} WHERE workspace_id = {ws} \
                 FORMAT TabSeparated"
            ))
            .await?;
        let f: Vec<&str> = text.trim().split('\t').collect();
        let [n, lo, hi] = numbers::<3>(&f)?;
        Ok((n > 0).then_some((lo, hi)))
    }

    /// The cohort table of first orders (`kunde_analytics::order_cohorts::order_cohorts` over
    /// every customer), one [`CohortCounts`] per cohort in period order.
    ///
    /// Per customer, the first order up to `now` fixes the cohort; each of its events from
    /// then up to `now` falls in a period offset (on the zone's calendar), where it makes the
    /// customer active by the comeback rule and adds an order's amount to the revenue.
    pub async fn order_cohorts(
        &self,
        ws: i64,
        q: &CohortQuery,
    ) -> Result<Vec<CohortCounts>, Error> {
        let Some((lo, hi)) = self.time_range(ws).await? else {
            return Ok(Vec::new());
        };
        let (now, p) = (q.now, q.periods as i64);
        let hi = hi.min(now);
        let mut defs = Vec::new();
        let first_key = key_expr(
            &mut defs,
            "c",
            q.calendar,
            format!("first + {}", offset_expr(&q.zone, "first", lo, hi)),
        );
        let event_key = key_expr(
            &mut defs,
            "e",
            q.calendar,
            format!("ts + {}", offset_expr(&q.zone, "ts", lo, hi)),
        );
        let active = match q.comeback {
            Comeback::Order => "amount > 0".to_owned(),
            Comeback::AnyEvent => "1".to_owned(),
            Comeback::Touchpoint(tp) => format!("touchpoint_id = {tp} OR ts = first"),
        };
        // Each alias gets a query level of its own: ClickHouse expands aliases used in the
        // same level inline, and the calendar's chain of them would grow past its limit.
        let mut rows = format!(
            "SELECT customer_id, ts, first, touchpoint_id, amount \
             FROM (SELECT customer_id, ts, touchpoint_id, ifNull(amount, 0) AS amount FROM {TABLE} \
             WHERE workspace_id = {ws} AND ts <= {now}) \
             ANY INNER JOIN (SELECT customer_id, min(ts) AS first FROM {TABLE} \
             WHERE workspace_id = {ws} AND ts <= {now} AND amount > 0 GROUP BY customer_id) \
             USING customer_id WHERE ts >= first"
        );
        for def in defs {
            rows = format!("SELECT *, {def} FROM ({rows})");
        }
        let sql = format!(
            "SELECT cohort, off, count(), sum(act), sum(rev) FROM (\
             SELECT customer_id, cohort, off, max(active) AS act, sum(revenue) AS rev FROM (\
             SELECT customer_id, {first_key} AS cohort, {event_key} - {first_key} AS off, \
             toUInt8({active}) AS active, if(amount > 0, amount, 0) AS revenue FROM ({rows})) \
             WHERE off >= 0 AND off < {p} GROUP BY customer_id, cohort, off) \
             GROUP BY cohort, off ORDER BY cohort, off FORMAT TabSeparated"
        );
        let text = self.query(&sql).await?;
        let mut out: Vec<CohortCounts> = Vec::new();
        for f in lines(&text) {
            let [cohort, off, customers, active, revenue] = numbers::<5>(&f)?;
            if out.last().is_none_or(|c| c.cohort != cohort) {
                out.push(CohortCounts {
                    cohort,
                    customers: 0,
                    active: vec![0; q.periods],
                    revenue_cents: vec![0; q.periods],
                });
            }
            let c = out.last_mut().expect("pushed above");
            let k = usize::try_from(off)
                .ok()
                .filter(|&k| k < q.periods)
                .ok_or_else(|| Error::Answer(f.join("\t")))?;
            if k == 0 {
                // Every customer's first order is at offset 0.
                c.customers = customers as u64;
            }
            c.active[k] = active as u64;
            c.revenue_cents[k] = revenue;
        }
        Ok(out)
    }

    /// Every customer's path (`kunde_analytics::paths::paths`), counted per distinct path, in
    /// the order of each path's first customer.
    ///
    /// A customer's events are ordered as the in-memory log orders them: by time, then, at
    /// the same second, by touchpoint in the order the log first met them — the order of
    /// each touchpoint's first event id (the log is loaded in id order).
    pub async fn paths(&self, ws: i64, q: &PathsQuery) -> Result<Vec<CountedPath>, Error> {
        let start = match (q.anchor, q.before) {
            (Some(a), _) => format!("indexOf(tps, {a})"),
            (None, false) => "1".to_owned(),
            (None, true) => "length(tps)".to_owned(),
        };
        let from = if q.before {
            "arrayReverse(arraySlice(tps, 1, start))"
        } else {
            "arraySlice(tps, start)"
        };
        let collapsed = if q.collapse_repeats {
            "arrayFilter((x, k) -> k = 1 OR x != seq[k - 1], seq, arrayEnumerate(seq))"
        } else {
            "seq"
        };
        let sql = format!(
            "SELECT path, count(), min(customer_id) AS first_customer FROM (\
             SELECT customer_id, arraySlice({collapsed}, 1, {len}) AS path FROM (\
             SELECT customer_id, {from} AS seq FROM (\
             SELECT customer_id, arrayMap(x -> tupleElement(x, 3), \
             arraySort(groupArray((ts, rank, touchpoint_id)))) AS tps, {start} AS start \
             FROM (SELECT customer_id, ts, touchpoint_id FROM {TABLE} WHERE workspace_id = {ws}) \
             ANY INNER JOIN (SELECT touchpoint_id, min(id) AS rank FROM {TABLE} \
             WHERE workspace_id = {ws} GROUP BY touchpoint_id) USING touchpoint_id \
             GROUP BY customer_id) WHERE start > 0)) \
             GROUP BY path ORDER BY first_customer FORMAT TabSeparated",
            len = q.depth + 1,
        );
        let text = self.query(&sql).await?;
        lines(&text)
            .map(|f| {
                let bad = || Error::Answer(f.join("\t"));
                let list = f
                    .first()
                    .and_then(|s| s.strip_prefix('[')?.strip_suffix(']'))
                    .ok_or_else(bad)?;
                let touchpoints = list
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(|s| s.parse::<i64>().map_err(|_| bad()))
                    .collect::<Result<Vec<_>, _>>()?;
                let [n, first] = numbers::<2>(&f[1..])?;
                Ok(CountedPath {
                    touchpoints,
                    customers: n as u64,
                    first_customer: first,
                })
            })
            .collect()
    }
}
