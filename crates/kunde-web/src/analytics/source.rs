//! What the analytics pages start from: the workspace's cached event log and touchpoints
//! ([`Source`]), the default funnel through the main journey, and the touchpoint picker.

use super::params;
use crate::kit::error::AppError;
use crate::state::AppState;
use kunde_store::{AnalyticsData, SessionUser, TouchpointChoice};
use std::collections::HashMap;
use std::sync::Arc;

/// What both pages start from: the cached log and the workspace's touchpoints.
pub(super) struct Source {
    pub(super) ws: kunde_domain::WorkspaceId,
    pub(super) cache: crate::kit::event_cache::AnalyticsCache,
    pub(super) data: Arc<AnalyticsData>,
    pub(super) choices: Vec<TouchpointChoice>,
    pub(super) names: HashMap<kunde_domain::TouchpointId, String>,
}

impl Source {
    pub(super) async fn load(state: &AppState, user: &SessionUser) -> Result<Self, AppError> {
        let ws = user.workspace.id;
        let data = state
            .analytics
            .get(&state.store, ws, &user.time_zone)
            .await?;
        let choices = state.store.touchpoint_choices(ws).await?;
        let names = choices.iter().map(|c| (c.id, c.name.clone())).collect();
        Ok(Self {
            ws,
            cache: state.analytics.clone(),
            data,
            choices,
            names,
        })
    }

    /// The log's id of a database touchpoint. A touchpoint without events is not in the log:
    /// it gets an id past the log's touchpoints, which no event matches.
    pub(super) fn log_tp(&self, id: kunde_domain::TouchpointId) -> kunde_analytics::TouchpointId {
        self.data
            .touchpoints
            .get(&id)
            .copied()
            .unwrap_or(kunde_analytics::TouchpointId(u16::MAX))
    }

    pub(super) fn name(&self, id: kunde_domain::TouchpointId) -> String {
        self.names.get(&id).cloned().unwrap_or_default()
    }

    /// The name of a log touchpoint.
    pub(super) fn log_name(&self, tp: kunde_analytics::TouchpointId) -> String {
        self.name(self.data.touchpoint_of(tp))
    }

    /// Customers with at least one event at the touchpoint.
    pub(super) fn reach(&self, id: kunde_domain::TouchpointId) -> u64 {
        self.data
            .touchpoints
            .get(&id)
            .and_then(|tp| self.data.reach.get(usize::from(tp.0)))
            .copied()
            .unwrap_or(0)
    }

    /// The funnel shown before anything is chosen, remembered with the cached log.
    pub(super) fn default_steps(&self) -> Vec<kunde_domain::TouchpointId> {
        let key = choices_key(&self.choices);
        if let Some(steps) = self.cache.default_steps(self.ws, &self.data, key) {
            return steps;
        }
        let steps = self.find_default_steps();
        self.cache
            .remember_default_steps(self.ws, &self.data, key, steps.clone());
        steps
    }

    /// The main road through the main journey (the first as-is journey that is not a
    /// sub-journey and has events): from each stage, the touchpoint of the business that
    /// most customers reached. Then, since an owner looks here for where customers are lost,
    /// the one touchpoint beside the road that loses clearly more customers on the way to
    /// the next stage than the road does takes the road's place in its stage.
    pub(super) fn find_default_steps(&self) -> Vec<kunde_domain::TouchpointId> {
        let mut onward = |from: kunde_domain::TouchpointId, to: kunde_domain::TouchpointId| {
            let funnel = kunde_analytics::funnel::Funnel::new(
                vec![self.log_tp(from), self.log_tp(to)],
                params::DEFAULT_WINDOW_DAYS * 86_400,
            );
            funnel
                .ok()
                .map(|f| onward_rate(&f.count_levels(&self.data.log)))
        };
        default_road(&self.choices, &|id| self.reach(id), &mut onward)
    }
}

/// The share of customers at a two-step funnel's first step who go on to the second, from
/// its level counts.
pub(super) fn onward_rate(levels: &[u64]) -> f64 {
    let entered = levels[1] + levels[2];
    levels[2] as f64 / entered.max(1) as f64
}

/// [`Source::find_default_steps`] over any source of figures: `reach` gives the customers
/// with an event at a touchpoint, `onward` the rate of a two-step funnel (window
/// [`params::DEFAULT_WINDOW_DAYS`]), so the in-memory log and ClickHouse choose alike.
pub(super) fn default_road(
    choices: &[TouchpointChoice],
    reach: &dyn Fn(kunde_domain::TouchpointId) -> u64,
    onward: &mut dyn FnMut(kunde_domain::TouchpointId, kunde_domain::TouchpointId) -> Option<f64>,
) -> Vec<kunde_domain::TouchpointId> {
    let mut journeys: Vec<i64> = Vec::new();
    for c in choices {
        if !journeys.contains(&c.journey_id) {
            journeys.push(c.journey_id);
        }
    }
    let has_events = |j: i64| choices.iter().any(|c| c.journey_id == j && reach(c.id) > 0);
    let main = journeys
        .iter()
        .copied()
        .find(|&j| {
            choices
                .iter()
                .any(|c| c.journey_id == j && c.variant == "as_is" && !c.has_parent)
                && has_events(j)
        })
        .or_else(|| journeys.iter().copied().find(|&j| has_events(j)));
    let Some(main) = main else {
        return Vec::new();
    };
    // Stages in map order, each with its owned touchpoints that have events.
    let mut stages: Vec<(&str, Vec<(kunde_domain::TouchpointId, u64)>)> = Vec::new();
    for c in choices.iter().filter(|c| c.journey_id == main) {
        if stages.last().map(|s| s.0) != Some(c.stage.as_str()) {
            stages.push((c.stage.as_str(), Vec::new()));
        }
        let r = reach(c.id);
        if c.owned
            && r > 0
            && let Some(last) = stages.last_mut()
        {
            last.1.push((c.id, r));
        }
    }
    stages.retain(|s| !s.1.is_empty());
    let road: Vec<kunde_domain::TouchpointId> = stages
        .iter()
        .filter_map(|s| s.1.iter().max_by_key(|t| t.1).map(|t| t.0))
        .collect();
    let most = stages
        .iter()
        .flat_map(|s| &s.1)
        .map(|t| t.1)
        .max()
        .unwrap_or(0);
    let mut weakest: Option<(usize, kunde_domain::TouchpointId, f64)> = None;
    for (i, (_, touchpoints)) in stages
        .iter()
        .enumerate()
        .take(stages.len().saturating_sub(1))
    {
        let Some(road_rate) = onward(road[i], road[i + 1]) else {
            continue;
        };
        for &(tp, reach) in touchpoints {
            if tp == road[i] || reach * 20 < most {
                continue;
            }
            if let Some(rate) = onward(tp, road[i + 1]) {
                let gap = road_rate - rate;
                if gap > 0.1 && weakest.is_none_or(|w| gap > w.2) {
                    weakest = Some((i, tp, gap));
                }
            }
        }
    }
    let mut steps = road;
    if let Some((i, tp, _)) = weakest {
        steps[i] = tp;
    }
    steps.truncate(params::MAX_STEPS);
    steps
}

/// A digest of the touchpoint list, so remembered defaults follow changes to the map.
pub(super) fn choices_key(choices: &[TouchpointChoice]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for c in choices {
        (
            c.journey_id,
            &c.variant,
            c.has_parent,
            &c.stage,
            c.id.0,
            c.owned,
        )
            .hash(&mut h);
    }
    h.finish()
}

/// The step (1-based) whose drop-outs to list: the one asked for, else the one that loses
/// most customers. `None` when nobody dropped out.
pub(super) fn drop_step(
    report: &kunde_analytics::funnel::FunnelReport,
    asked: Option<usize>,
) -> Option<usize> {
    let n = report.steps.len();
    if let Some(d) = asked.filter(|d| (1..n).contains(d)) {
        return Some(d);
    }
    report.steps[..n.saturating_sub(1)]
        .iter()
        .filter(|s| s.dropped > 0)
        .max_by(|a, b| a.dropped.cmp(&b.dropped).then(b.step.cmp(&a.step)))
        .map(|s| s.step)
}

pub(super) fn percent(x: f64) -> String {
    format!("{x:.1}")
}

/// A `<select>` option group: one journey's touchpoints.
pub(super) struct OptionGroup {
    pub(super) label: String,
    pub(super) options: Vec<(i64, String)>,
}

pub(super) fn option_groups(choices: &[TouchpointChoice]) -> Vec<OptionGroup> {
    let mut groups: Vec<(i64, OptionGroup)> = Vec::new();
    for c in choices {
        if groups.last().map(|g| g.0) != Some(c.journey_id) {
            groups.push((
                c.journey_id,
                OptionGroup {
                    label: c.journey.clone(),
                    options: Vec::new(),
                },
            ));
        }
        if let Some((_, g)) = groups.last_mut() {
            g.options
                .push((c.id.0, format!("{} — {}", c.stage, c.name)));
        }
    }
    groups.into_iter().map(|(_, g)| g).collect()
}
