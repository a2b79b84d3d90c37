//! The retention page counted on the events backend (ClickHouse) without loading the event
//! log: see [`pushed`].

use super::model::{Choices, Computed, Params, cohort_query, lifecycle_query};
use crate::kit::error::AppError;
use crate::state::AppState;
use crate::value::common::{COHORT_MONTHS, Look};
use kunde_analytics::PeriodKey;
use kunde_analytics::churn::{GapCounts, ThresholdQuery, proposal_from_gaps};
use kunde_analytics::lifecycle::{self, PeriodCounts};
use kunde_analytics::order_cohorts::{Comeback, report_from_counts};
use kunde_store::SessionUser;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

/// The whole page counted by ClickHouse when the workspace's events are there and complete
/// (`kit::events_backend::ready`) and no channel is chosen (the channel lives in the main
/// database), without loading the event log: ClickHouse adds up each cohort's customers,
/// comebacks and order revenue per month, the lifecycle's columns per month and the gaps
/// between purchase days that propose the churn threshold, all on the business's calendar
/// (its time zone from the settings), and the analytics core builds the reports from those
/// counts, so they are the in-memory ones (`tests/clickhouse.rs`, and `kunde-clickhouse`'s
/// differential test). The channel choices come from the store, the touchpoints with events
/// from ClickHouse. `None`: compute in memory (also after any ClickHouse error, with a
/// warning).
pub(super) async fn pushed(
    state: &AppState,
    user: &SessionUser,
    look: &Look,
    p: &Params,
) -> Result<Option<(Arc<Computed>, Choices)>, AppError> {
    if p.channel.as_deref().is_some_and(|c| !c.is_empty()) {
        return Ok(None);
    }
    let Some(backend) = crate::kit::events_backend::ready(state, look.ws).await else {
        return Ok(None);
    };
    let (ws, now) = (look.ws.0, look.now);
    let zone = crate::kit::format::analytics_zone(&user.time_zone);
    let counted = async {
        let with_events: HashSet<i64> = backend.reach(ws).await?.into_iter().map(|r| r.0).collect();
        // The rule as `Ctx::comeback` reads it: orders unless the code is known and a
        // touchpoint rule names a touchpoint with events.
        let tp = p.tp.filter(|tp| with_events.contains(tp));
        let (back, comeback) = match (p.back.as_deref(), tp) {
            (Some("any_event"), _) => (Comeback::AnyEvent, kunde_clickhouse::Comeback::AnyEvent),
            (Some("touchpoint"), Some(tp)) => (
                // The log's touchpoint is not known here, and not needed: the report is
                // built from the counts by period alone.
                Comeback::Touchpoint(kunde_analytics::TouchpointId(u16::MAX)),
                kunde_clickhouse::Comeback::Touchpoint(tp),
            ),
            _ => (Comeback::Order, kunde_clickhouse::Comeback::Order),
        };
        let cohorts = backend
            .order_cohorts(
                ws,
                &kunde_clickhouse::CohortQuery {
                    calendar: kunde_clickhouse::Calendar::Month,
                    comeback,
                    periods: COHORT_MONTHS,
                    now,
                    zone: zone.changes().to_vec(),
                },
            )
            .await?;
        let days = match look.asked_days(p.days) {
            Some(days) => days,
            None => {
                let gaps = backend.order_gaps(ws, now).await?;
                let gaps = GapCounts {
                    gaps: gaps.gaps,
                    repeat_customers: gaps.repeat_customers,
                };
                proposal_from_gaps(&ThresholdQuery::new(now), &gaps).days
            }
        };
        let life = backend
            .lifecycle(
                ws,
                &kunde_clickhouse::LifecycleQuery {
                    calendar: kunde_clickhouse::Calendar::Month,
                    threshold_days: days,
                    now,
                    zone: zone.changes().to_vec(),
                },
            )
            .await?;
        Ok::<_, kunde_clickhouse::Error>((back, tp, cohorts, days, life, with_events))
    }
    .await;
    let (back, tp, cohorts, days, life, with_events) = match counted {
        Ok(counted) => counted,
        Err(error) => {
            tracing::warn!(%error, "events backend failed; computing in memory");
            return Ok(None);
        }
    };
    let q = cohort_query(back, now);
    let mut total = 0;
    let rows = cohorts
        .into_iter()
        .map(|c| {
            total += c.customers;
            let key = PeriodKey {
                period: q.period,
                index: c.cohort,
            };
            (key, (c.customers, c.active, c.revenue_cents))
        })
        .collect();
    let cohorts = report_from_counts(&q, zone.key_of(q.period, now), rows, total);
    let lq = lifecycle_query(now, days);
    let life: BTreeMap<PeriodKey, PeriodCounts> = life
        .into_iter()
        .map(|c| {
            let key = PeriodKey {
                period: lq.period,
                index: c.period,
            };
            let counts = PeriodCounts {
                new: c.new,
                returning: c.returning,
                resurrected: c.resurrected,
                lost: c.lost,
                starts: c.starts,
                ends: c.ends,
            };
            (key, counts)
        })
        .collect();
    let lifecycle = lifecycle::report_from_counts(&lq, zone.key_of(lq.period, now), &life);
    // The channel choices as `Ctx::channels` counts them over the log's customers (all of
    // the workspace's), without a channel put under the words for none.
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for (channel, n) in state.store.acquisition_channel_counts(look.ws).await? {
        let name = channel.unwrap_or_else(|| look.tr.t("analytics-no-channel"));
        *counts.entry(name).or_default() += n;
    }
    let computed = Computed {
        back: back.code(),
        tp: tp.filter(|_| matches!(back, Comeback::Touchpoint(_))),
        channel: None,
        cohorts,
        days,
        lifecycle,
        pushed: true,
    };
    let choices = Choices {
        channels: Look::channels_by_count(counts),
        with_events,
    };
    Ok(Some((Arc::new(computed), choices)))
}
