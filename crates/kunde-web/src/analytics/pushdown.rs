//! The funnel computed on the events backend (ClickHouse's `windowFunnel`) instead of the
//! in-memory log, for workspaces whose events outgrow memory. Used only while ClickHouse
//! holds exactly the main database's events ([`events_backend::in_sync`]), so the counts are
//! those the in-memory engine gives (`tests/clickhouse.rs`, and the differential test in
//! `kunde-clickhouse`); anything else — no backend, a copy behind, a breakdown, an error —
//! leaves the page to the in-memory engine.

use super::params::{self, Breakdown, FunnelParams, Pairs, Problems};
use super::source;
use crate::kit::error::AppError;
use crate::kit::events_backend;
use crate::state::AppState;
use kunde_analytics::funnel::{FunnelReport, report_from_levels};
use kunde_clickhouse::EventsBackend;
use kunde_domain::{CustomerId, TouchpointId, WorkspaceId};
use kunde_store::{SessionUser, TouchpointChoice};
use std::collections::HashMap;

/// A customer who dropped out, as the page lists them.
pub(super) struct Dropped {
    pub id: i64,
    pub name: String,
    pub channel: String,
}

/// The funnel as ClickHouse computed it.
pub(super) struct Pushed {
    pub choices: Vec<TouchpointChoice>,
    pub params: FunnelParams,
    pub problems: Vec<String>,
    /// The figures, unless the form has problems or fewer than two steps.
    pub figures: Option<Figures>,
}

pub(super) struct Figures {
    pub report: FunnelReport,
    /// The step whose drop-outs are listed, and the first of them.
    pub drop: Option<usize>,
    pub dropped: Vec<Dropped>,
}

/// The backend to compute on for this workspace, when there is one and its copy is complete.
async fn ready(state: &AppState, ws: WorkspaceId) -> Option<EventsBackend> {
    let backend = state.config.events_backend.clone()?;
    match events_backend::in_sync(&state.store, &backend, ws).await {
        Ok(true) => Some(backend),
        Ok(false) => None,
        Err(error) => {
            tracing::warn!(%error, "events backend unavailable; computing in memory");
            None
        }
    }
}

/// The default funnel from ClickHouse's figures, chosen exactly as from the log's
/// ([`source::default_road`]): one pass records the two-step funnels the choice looks at,
/// ClickHouse counts them, a second pass chooses.
async fn default_steps(
    backend: &EventsBackend,
    ws: WorkspaceId,
    choices: &[TouchpointChoice],
) -> Result<Vec<TouchpointId>, kunde_clickhouse::Error> {
    let reach: HashMap<i64, u64> = backend.reach(ws.0).await?.into_iter().collect();
    let reach_of = |id: TouchpointId| reach.get(&id.0).copied().unwrap_or(0);
    let mut asked: Vec<(TouchpointId, TouchpointId)> = Vec::new();
    source::default_road(choices, &reach_of, &mut |a, b| {
        asked.push((a, b));
        Some(0.0)
    });
    let mut rates = HashMap::new();
    for (a, b) in asked {
        if let std::collections::hash_map::Entry::Vacant(e) = rates.entry((a, b)) {
            let levels = backend
                .funnel_levels(ws.0, &[a.0, b.0], params::DEFAULT_WINDOW_DAYS * 86_400)
                .await?;
            e.insert(source::onward_rate(&levels));
        }
    }
    Ok(source::default_road(choices, &reach_of, &mut |a, b| {
        rates.get(&(a, b)).copied()
    }))
}

/// The funnel page's figures from ClickHouse, or `None` when the page should compute in
/// memory (see the module's comment).
pub(super) async fn funnel(
    state: &AppState,
    user: &SessionUser,
    raw: Option<&str>,
    tr: &crate::kit::i18n::Tr,
    shown: usize,
) -> Result<Option<Pushed>, AppError> {
    let ws = user.workspace.id;
    let Some(backend) = ready(state, ws).await else {
        return Ok(None);
    };
    let choices = state.store.touchpoint_choices(ws).await?;
    let pairs = Pairs::parse(raw);
    let mut wanted_default = false;
    let mut problems = Problems::new(tr);
    let mut p = params::funnel_params(
        &pairs,
        &choices,
        || {
            wanted_default = true;
            Vec::new()
        },
        &mut problems,
    );
    if p.breakdown != Breakdown::None {
        return Ok(None);
    }
    let computed = async {
        if wanted_default {
            p.steps = default_steps(&backend, ws, &choices).await?;
        }
        if !problems.messages.is_empty() || p.steps.len() < 2 {
            return Ok::<_, kunde_clickhouse::Error>(None);
        }
        let steps: Vec<i64> = p.steps.iter().map(|s| s.0).collect();
        let window = p.window_seconds();
        let levels = backend.funnel_levels(ws.0, &steps, window).await?;
        let names: Vec<String> = Vec::new();
        let report = report_from_levels(window, &levels, &names);
        let drop = source::drop_step(&report, p.drop);
        let mut ids = Vec::new();
        if let Some(d) = drop {
            ids = backend.funnel_customers_at(ws.0, &steps, window, d).await?;
            ids.truncate(shown);
        }
        Ok(Some((report, drop, ids)))
    }
    .await;
    let figures = match computed {
        Ok(Some((report, drop, ids))) => {
            let mut dropped = Vec::with_capacity(ids.len());
            for id in ids {
                let c = state.store.get_customer(ws, CustomerId(id)).await?;
                dropped.push(Dropped {
                    id,
                    name: c.name,
                    channel: c.acquisition_channel.unwrap_or_default(),
                });
            }
            Some(Figures {
                report,
                drop,
                dropped,
            })
        }
        Ok(None) => None,
        Err(error) => {
            tracing::warn!(%error, "events backend failed; computing in memory");
            return Ok(None);
        }
    };
    Ok(Some(Pushed {
        choices,
        params: p,
        problems: problems.messages,
        figures,
    }))
}
