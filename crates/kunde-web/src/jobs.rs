//! Periodic work: once a minute the server calls [`tick`] with the current time. Each area
//! that acts on time (survey reminders, case escalations) adds one call here to its own
//! `run_due(state, now)`, which must be safe to run again (it records what it has done).
//! Tests call those functions directly with a chosen `now`.

use crate::AppState;
use std::time::Duration;

/// How often [`tick`] runs.
pub const PERIOD: Duration = Duration::from_secs(60);

/// Runs every periodic job once for `now`. A failing job is logged and does not stop the
/// others.
pub async fn tick(state: &AppState, now: i64) {
    if let Err(e) = crate::case_mail::run_due(state, now).await {
        tracing::warn!(error = %e, "case escalations failed");
    }
    if let Err(e) = crate::pages::survey_results::invites::run_due(state, now).await {
        tracing::warn!(error = %e, "survey reminders failed");
    }
}

/// The background loop that calls [`tick`] every [`PERIOD`].
pub async fn run(state: AppState) {
    let mut interval = tokio::time::interval(PERIOD);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        tick(&state, state.now()).await;
    }
}
