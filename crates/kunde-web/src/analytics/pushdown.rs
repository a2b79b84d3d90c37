//! The funnel (ClickHouse's `windowFunnel`) and the paths computed on the events backend
//! instead of the in-memory log, for workspaces whose events outgrow memory. Used only while ClickHouse
//! holds exactly the main database's events ([`crate::kit::events_backend::in_sync`]), so the counts are
//! those the in-memory engine gives, step times included (`tests/clickhouse.rs`, and the
//! differential test in `kunde-clickhouse`), the breakdown by month too; anything else — no
//! backend, a copy behind, the breakdown by channel, an error — leaves the page to the
//! in-memory engine.

use super::params::{self, Breakdown, FunnelParams, Pairs, PathsParams, PathsView, Problems};
use super::source;
use crate::kit::error::AppError;
use crate::kit::events_backend::ready;
use crate::state::AppState;
use kunde_analytics::funnel::{FunnelReport, report_from_levels_and_times};
use kunde_analytics::paths::{Direction, PathQuery, PathsReport, paths_from_counts};
use kunde_analytics::{Period, PeriodKey};
use kunde_clickhouse::{EventsBackend, PathsQuery};
use kunde_domain::{CustomerId, TouchpointId, WorkspaceId};
use kunde_store::{SessionUser, TouchpointChoice};
use std::collections::HashMap;

/// A customer who dropped out, as the page lists them.
pub(super) struct Dropped {
    pub id: i64,
    pub name: String,
    pub channel: String,
    /// When the customer's chain reached the step it dropped out after.
    pub reached_at: i64,
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
    /// The breakdown by month (the chain's first step), when asked for.
    pub groups: Vec<(String, FunnelReport)>,
    /// The step whose drop-outs are listed, and the first of them.
    pub drop: Option<usize>,
    pub dropped: Vec<Dropped>,
}

/// The paths page as ClickHouse computed it.
pub(super) struct PushedPaths {
    pub choices: Vec<TouchpointChoice>,
    pub params: PathsParams,
    /// Touchpoints are named by their database id, as the in-memory log names them.
    pub report: PathsReport,
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

/// The paths page's report from ClickHouse: the customers' paths counted there per
/// distinct path (`EventsBackend::paths`) and finished by the analytics core
/// (`paths_from_counts`), so it is the in-memory report. `None` when the page should compute
/// in memory: no backend or a copy behind, the drop-off view (it follows a funnel's
/// customers), a form with problems or no touchpoint to follow, or a ClickHouse error.
pub(super) async fn paths(
    state: &AppState,
    user: &SessionUser,
    raw: Option<&str>,
    tr: &crate::kit::i18n::Tr,
    top: usize,
) -> Result<Option<PushedPaths>, AppError> {
    let ws = user.workspace.id;
    let pairs = Pairs::parse(raw);
    if pairs.get("view").is_some_and(|v| v != "touchpoint") {
        return Ok(None);
    }
    let Some(backend) = ready(state, ws).await else {
        return Ok(None);
    };
    let choices = state.store.touchpoint_choices(ws).await?;
    let computed = async {
        // The default touchpoint as the in-memory page chooses it: the default funnel's
        // second step, or its first.
        let default = if pairs.get("tp").is_none() {
            let steps = default_steps(&backend, ws, &choices).await?;
            steps.get(1).or(steps.first()).copied()
        } else {
            None
        };
        let mut problems = Problems::new(tr);
        let p = params::paths_params(&pairs, &choices, default, Vec::new, &mut problems);
        let anchor = match p.anchor {
            Some(a) if problems.messages.is_empty() && p.view == PathsView::Touchpoint => a,
            _ => return Ok::<_, kunde_clickhouse::Error>(None),
        };
        let counted = backend
            .paths(
                ws.0,
                &PathsQuery {
                    anchor: Some(anchor.0),
                    before: p.before,
                    depth: p.depth,
                    collapse_repeats: p.merge_repeats,
                },
            )
            .await?;
        let query = PathQuery {
            anchor: None,
            direction: if p.before {
                Direction::Before
            } else {
                Direction::After
            },
            depth: p.depth,
            top,
            collapse_repeats: p.merge_repeats,
        };
        let counted: Vec<(Vec<i64>, u64)> = counted
            .into_iter()
            .map(|c| (c.touchpoints, c.customers))
            .collect();
        let report = paths_from_counts(&query, &counted, i64::to_string);
        Ok(Some((p, report)))
    }
    .await;
    match computed {
        Ok(Some((params, report))) => Ok(Some(PushedPaths {
            choices,
            params,
            report,
        })),
        Ok(None) => Ok(None),
        Err(error) => {
            tracing::warn!(%error, "events backend failed; computing in memory");
            Ok(None)
        }
    }
}

/// The funnel page's figures from ClickHouse, or `None` when the page should compute in
/// memory (see the module's comment): the level counts (`windowFunnel`), the seconds between
/// the steps of each customer's chain counted per step (`funnel_step_times`), finished by
/// `report_from_levels_and_times` into the in-memory report, and the first `shown` customers
/// who dropped out at the chosen step with when they reached it.
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
    // A channel lives in the main database, not in ClickHouse.
    if p.breakdown == Breakdown::Channel {
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
        let times = backend.funnel_step_times(ws.0, &steps, window).await?;
        let names: Vec<String> = Vec::new();
        let report = report_from_levels_and_times(window, &levels, &names, &times);
        let mut groups = Vec::new();
        if p.breakdown == Breakdown::Month {
            for m in backend.funnel_by_month(ws.0, &steps, window).await? {
                let key = PeriodKey {
                    period: Period::Month,
                    index: m.month,
                };
                let r = report_from_levels_and_times(window, &m.levels, &names, &m.times);
                groups.push((key.label(), r));
            }
        }
        let drop = source::drop_step(&report, p.drop);
        let mut ids = Vec::new();
        if let Some(d) = drop.filter(|_| shown > 0) {
            ids = backend
                .funnel_reached_at(ws.0, &steps, window, d, shown)
                .await?;
        }
        Ok(Some((report, groups, drop, ids)))
    }
    .await;
    let figures = match computed {
        Ok(Some((report, groups, drop, ids))) => {
            let mut dropped = Vec::with_capacity(ids.len());
            for (id, reached_at) in ids {
                let c = state.store.get_customer(ws, CustomerId(id)).await?;
                dropped.push(Dropped {
                    id,
                    name: c.name,
                    channel: c.acquisition_channel.unwrap_or_default(),
                    reached_at,
                });
            }
            Some(Figures {
                report,
                groups,
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
