//! Timed work: once a minute the server calls [`tick`] with the current time, which calls
//! each feature's `run_due(state, now)`. Each must be safe to run again (it records what it
//! has done). Tests call those functions directly with a chosen `now`. With several
//! instances on one database every instance ticks; each job claims its rows first
//! (`kunde_store::Claimer`), so each piece of work is done by one of them.

use crate::state::AppState;
use crate::{campaigns, cases, portal, privacy, reports, survey_results};
use std::time::Duration;

/// How often [`tick`] runs.
pub const PERIOD: Duration = Duration::from_secs(60);

/// Runs every periodic job once for `now`. A failing job is logged and does not stop the
/// others.
pub async fn tick(state: &AppState, now: i64) {
    if let Err(e) = cases::run_due(state, now).await {
        tracing::warn!(error = %e, "case escalations failed");
    }
    if let Err(e) = survey_results::run_due(state, now).await {
        tracing::warn!(error = %e, "survey reminders failed");
    }
    if let Err(e) = privacy::run_due(state, now).await {
        tracing::warn!(error = %e, "retention erasures failed");
    }
    if let Err(e) = portal::run_due(state, now).await {
        tracing::warn!(error = %e, "purging portal sessions failed");
    }
    if let Err(e) = reports::run_due(state, now).await {
        tracing::warn!(error = ?e, "monthly reports failed");
    }
    if let Err(e) = portal::remind_overdue(state, now).await {
        tracing::warn!(error = %e, "overdue invoice reminders failed");
    }
    if let Err(e) = campaigns::run_due(state, now).await {
        tracing::warn!(error = ?e, "sending campaigns failed");
    }
    // Newsletter sign-ups nobody confirmed are not kept past their link.
    if let Err(e) = state.store.purge_expired_signups(now).await {
        tracing::warn!(error = %e, "purging unconfirmed sign-ups failed");
    }
    // Expired sessions are purged so the table does not grow without bound.
    if let Err(e) = state.store.purge_sessions(now).await {
        tracing::warn!(error = %e, "purging sessions failed");
    }
    // Shared rate-limit windows older than two minutes count for nothing any more.
    state.rate_limits.purge().await;
}

/// The background loop that calls [`tick`] every [`PERIOD`].
pub async fn run(state: AppState) {
    let mut interval = tokio::time::interval(PERIOD);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    while !state.is_stopping() {
        interval.tick().await;
        tick(&state, state.now()).await;
    }
}
