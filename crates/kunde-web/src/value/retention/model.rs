//! What the retention page's two ways of counting (`pushdown.rs` on ClickHouse, the page's
//! own in memory) share: the form's parameters, the figures and choices they produce, and
//! the queries the page asks.

use crate::value::common::COHORT_MONTHS;
use kunde_analytics::Period;
use kunde_analytics::lifecycle::{LifecycleQuery, LifecycleReport};
use kunde_analytics::order_cohorts::{Comeback, OrderCohortQuery};
use kunde_analytics::retention::RetentionReport;
use serde::Deserialize;
use std::collections::HashSet;

#[derive(Deserialize, Default, Debug)]
pub struct Params {
    pub(super) back: Option<String>,
    /// The touchpoint of `back=touchpoint`.
    pub(super) tp: Option<i64>,
    pub(super) channel: Option<String>,
    pub(super) days: Option<u32>,
    pub(super) table: Option<String>,
}

pub(super) struct Computed {
    /// The comeback rule's code, and its database touchpoint (`back=touchpoint`).
    pub(super) back: &'static str,
    pub(super) tp: Option<i64>,
    pub(super) channel: Option<String>,
    pub(super) cohorts: RetentionReport,
    pub(super) days: u32,
    pub(super) lifecycle: LifecycleReport,
    /// Counted by ClickHouse (the events backend), not from the in-memory log.
    pub(super) pushed: bool,
}

/// What the form offers besides the figures.
pub(super) struct Choices {
    /// The acquisition channels, most customers first.
    pub(super) channels: Vec<String>,
    /// The database touchpoints with customer events (the comeback rule's choices).
    pub(super) with_events: HashSet<i64>,
}

/// The cohort table's query as the page asks it.
pub(super) fn cohort_query(comeback: Comeback, now: i64) -> OrderCohortQuery {
    OrderCohortQuery {
        period: Period::Month,
        comeback,
        periods: COHORT_MONTHS,
        now,
    }
}

pub(super) fn lifecycle_query(now: i64, threshold_days: u32) -> LifecycleQuery {
    LifecycleQuery {
        now,
        threshold_days,
        period: Period::Month,
    }
}
