//! The monthly customer lifecycle (new, returning, resurrected, lost) and the gaps between
//! purchase days that propose its churn threshold, computed on ClickHouse: each answers a
//! row per period or per gap length, which the analytics core turns into its report
//! (`kunde_analytics::lifecycle::report_from_counts`,
//! `kunde_analytics::churn::proposal_from_gaps`), so the retention page's numbers are the
//! in-memory engine's (`tests/figures.rs` compares them over generated events).
//!
//! Only functions ClickHouse 18.16 has are used (arrays with lambdas over several arrays,
//! `ARRAY JOIN`, `arrayJoin`), all of which current releases keep.

use crate::client::{TABLE, lines, numbers};
use crate::figures::{Calendar, floor_div, key_expr, offset_expr};
use crate::{Error, EventsBackend};

/// The lifecycle of every customer's orders (events with a positive amount) up to `now`,
/// per period of a calendar in a time zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LifecycleQuery {
    pub calendar: Calendar,
    /// Days without an order after which a customer counts as lost.
    pub threshold_days: u32,
    pub now: i64,
    /// The zone's UTC offsets, as in [`crate::CohortQuery::zone`]. Empty: UTC.
    pub zone: Vec<(i64, i32)>,
}

/// One period's counts (`kunde_analytics::lifecycle::PeriodCounts`): the period index (as
/// `kunde_analytics::PeriodKey::index`), the customers in each column, and how many times
/// customers started (a first order, or an order after a loss) and ended (were lost) here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LifecycleCounts {
    pub period: i64,
    pub new: u64,
    pub returning: u64,
    pub resurrected: u64,
    pub lost: u64,
    pub starts: u64,
    pub ends: u64,
}

/// The gaps between consecutive purchase days (UTC days; orders on one day are one
/// purchase) of every customer with more than one, up to a time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrderGaps {
    /// (gap in days, how many gaps of that length), shortest first.
    pub gaps: Vec<(i64, u64)>,
    /// Customers with at least two purchase days.
    pub repeat_customers: u64,
}

/// A rank larger than any order's position in a customer's orders.
const NO_RANK: u32 = u32::MAX;

impl EventsBackend {
    /// The lifecycle's counts per period (`kunde_analytics::lifecycle::lifecycle`), in period
    /// order; periods without any are left out.
    ///
    /// Per customer, its order times up to `now` are sorted into an array; each order is
    /// new (the first), resurrected (more than N days after the previous one) or returning,
    /// and an order with no next one within N days, where that moment is before `now`, adds
    /// a loss at that moment. Each of those rows falls in a period on the zone's calendar;
    /// per customer and period a column counts once, and returning only when a returning
    /// order there comes before any new or resurrected one (the engine's walk skips a
    /// returning order in a period where the customer already started).
    pub async fn lifecycle(
        &self,
        ws: i64,
        q: &LifecycleQuery,
    ) -> Result<Vec<LifecycleCounts>, Error> {
        let Some((lo, _)) = self.time_range(ws).await? else {
            return Ok(Vec::new());
        };
        let now = q.now;
        let n = i64::from(q.threshold_days) * 86_400;
        let orders = format!(
            "SELECT customer_id, arraySort(groupArray(ts)) AS t FROM {TABLE} \
             WHERE workspace_id = {ws} AND ts <= {now} AND amount > 0 GROUP BY customer_id"
        );
        // The previous and next order by index, clamped inside the array (an index out of
        // it is not read: `if` evaluates both branches).
        let flagged = format!(
            "SELECT customer_id, t, \
             arrayMap((x, i) -> toUInt8(if(i = 1, 1, if(x - t[if(i > 1, i - 1, 1)] > {n}, 2, 3))), \
             t, arrayEnumerate(t)) AS kinds, \
             arrayMap((x, i) -> toUInt8((i = length(t) OR t[if(i < length(t), i + 1, i)] - x > {n}) \
             AND x + {n} < {now}), t, arrayEnumerate(t)) AS losts FROM ({orders})"
        );
        // One row per order (column 1 new, 2 resurrected, 3 returning), and one more at
        // the moment of each loss (column 4).
        let mut rows = format!(
            "SELECT customer_id, i, if(half = 1, 4, kind) AS col, \
             if(half = 1, x + {n}, x) AS at FROM (\
             SELECT customer_id, i, kind, x, arrayJoin(if(lost = 1, [0, 1], [0])) AS half FROM (\
             SELECT customer_id, x, i, kind, lost FROM ({flagged}) \
             ARRAY JOIN t AS x, arrayEnumerate(t) AS i, kinds AS kind, losts AS lost))"
        );
        let mut defs = Vec::new();
        // Every row's moment is between the first event and `now`.
        let key = key_expr(
            &mut defs,
            "k",
            q.calendar,
            format!("at + {}", offset_expr(&q.zone, "at", lo, now)),
        );
        // Each alias gets a query level of its own, as in `order_cohorts`.
        for def in defs {
            rows = format!("SELECT *, {def} FROM ({rows})");
        }
        let sql = format!(
            "SELECT period, sum(nw), sum(ret), sum(res), sum(lst), sum(st), sum(en) FROM (\
             SELECT customer_id, {key} AS period, max(col = 1) AS nw, max(col = 2) AS res, \
             min(if(col = 3, i, {NO_RANK})) < min(if(col IN (1, 2), i, {NO_RANK})) AS ret, \
             max(col = 4) AS lst, sum(col IN (1, 2)) AS st, sum(col = 4) AS en \
             FROM ({rows}) GROUP BY customer_id, period) \
             GROUP BY period ORDER BY period FORMAT TabSeparated"
        );
        let text = self.query(&sql).await?;
        lines(&text)
            .map(|f| {
                let [period, new, returning, resurrected, lost, starts, ends] = numbers::<7>(&f)?;
                let count = |x: i64| u64::try_from(x).map_err(|_| Error::Answer(f.join("\t")));
                Ok(LifecycleCounts {
                    period,
                    new: count(new)?,
                    returning: count(returning)?,
                    resurrected: count(resurrected)?,
                    lost: count(lost)?,
                    starts: count(starts)?,
                    ends: count(ends)?,
                })
            })
            .collect()
    }

    /// The gaps between every customer's consecutive purchase days up to `now`
    /// (`kunde_analytics::churn::propose_threshold`'s), counted per length.
    pub async fn order_gaps(&self, ws: i64, now: i64) -> Result<OrderGaps, Error> {
        // Each repeat customer's gaps start with a 0, which no real gap is (its days are
        // distinct): the count of 0s is the count of repeat customers.
        let sql = format!(
            "SELECT gap, count() FROM (\
             SELECT arrayConcat([toInt64(0)], arrayFilter((g, i) -> i > 1, \
             arrayMap((x, i) -> x - d[if(i > 1, i - 1, 1)], d, arrayEnumerate(d)), \
             arrayEnumerate(d))) AS gaps FROM (\
             SELECT customer_id, arraySort(groupUniqArray(day)) AS d FROM (\
             SELECT customer_id, toInt64({day}) AS day FROM {TABLE} \
             WHERE workspace_id = {ws} AND ts <= {now} AND amount > 0) \
             GROUP BY customer_id) WHERE length(d) > 1) \
             ARRAY JOIN gaps AS gap GROUP BY gap ORDER BY gap FORMAT TabSeparated",
            day = floor_div("ts", 86_400),
        );
        let text = self.query(&sql).await?;
        let mut out = OrderGaps::default();
        for f in lines(&text) {
            let [gap, count] = numbers::<2>(&f)?;
            let count = u64::try_from(count).map_err(|_| Error::Answer(f.join("\t")))?;
            if gap == 0 {
                out.repeat_customers = count;
            } else {
                out.gaps.push((gap, count));
            }
        }
        Ok(out)
    }
}
