//! Journey analytics pages: the funnel over chosen touchpoints and the paths (Sankey) around
//! a touchpoint, each with its numbers as tables and CSV downloads.
//!
//! The numbers come from the analytics core over the workspace's cached event log (see
//! [`crate::analytics_cache`]). The pages are plain HTML forms and tables; the charts are
//! drawn in the browser by ECharts from a JSON block the server renders into the page, so
//! without JavaScript every number is still there.

mod funnel;
mod params;
mod paths;
mod segment;

pub use funnel::{funnel_csv, funnel_page};
pub use paths::{paths_csv, paths_page};
pub use segment::save_dropped;

use crate::AppState;
use crate::error::AppError;
use kunde_store::{AnalyticsData, SessionUser, TouchpointChoice};
use std::collections::HashMap;
use std::sync::Arc;

/// What both pages start from: the cached log and the workspace's touchpoints.
struct Source {
    ws: kunde_domain::WorkspaceId,
    cache: crate::analytics_cache::AnalyticsCache,
    data: Arc<AnalyticsData>,
    choices: Vec<TouchpointChoice>,
    names: HashMap<kunde_domain::TouchpointId, String>,
}

impl Source {
    async fn load(state: &AppState, user: &SessionUser) -> Result<Self, AppError> {
        let ws = user.workspace.id;
        let data = state.analytics.get(&state.store, ws).await?;
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
    fn log_tp(&self, id: kunde_domain::TouchpointId) -> kunde_analytics::TouchpointId {
        self.data
            .touchpoints
            .get(&id)
            .copied()
            .unwrap_or(kunde_analytics::TouchpointId(u16::MAX))
    }

    fn name(&self, id: kunde_domain::TouchpointId) -> String {
        self.names.get(&id).cloned().unwrap_or_default()
    }

    /// The name of a log touchpoint.
    fn log_name(&self, tp: kunde_analytics::TouchpointId) -> String {
        self.name(self.data.touchpoint_of(tp))
    }

    /// Customers with at least one event at the touchpoint.
    fn reach(&self, id: kunde_domain::TouchpointId) -> u64 {
        self.data
            .touchpoints
            .get(&id)
            .and_then(|tp| self.data.reach.get(usize::from(tp.0)))
            .copied()
            .unwrap_or(0)
    }

    /// The funnel shown before anything is chosen, remembered with the cached log.
    fn default_steps(&self) -> Vec<kunde_domain::TouchpointId> {
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
    fn find_default_steps(&self) -> Vec<kunde_domain::TouchpointId> {
        let mut journeys: Vec<i64> = Vec::new();
        for c in &self.choices {
            if !journeys.contains(&c.journey_id) {
                journeys.push(c.journey_id);
            }
        }
        let has_events = |j: i64| {
            self.choices
                .iter()
                .any(|c| c.journey_id == j && self.reach(c.id) > 0)
        };
        let main = journeys
            .iter()
            .copied()
            .find(|&j| {
                self.choices
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
        for c in self.choices.iter().filter(|c| c.journey_id == main) {
            if stages.last().map(|s| s.0) != Some(c.stage.as_str()) {
                stages.push((c.stage.as_str(), Vec::new()));
            }
            let reach = self.reach(c.id);
            if c.owned
                && reach > 0
                && let Some(last) = stages.last_mut()
            {
                last.1.push((c.id, reach));
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
        let onward = |from: kunde_domain::TouchpointId, to: kunde_domain::TouchpointId| {
            let funnel = kunde_analytics::funnel::Funnel::new(
                vec![self.log_tp(from), self.log_tp(to)],
                params::DEFAULT_WINDOW_DAYS * 86_400,
            );
            funnel.ok().map(|f| {
                let levels = f.count_levels(&self.data.log);
                let entered = levels[1] + levels[2];
                levels[2] as f64 / entered.max(1) as f64
            })
        };
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
}

/// A digest of the touchpoint list, so remembered defaults follow changes to the map.
fn choices_key(choices: &[TouchpointChoice]) -> u64 {
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

/// JSON for a `<script type="application/json">` block. `<`, `>` and `&` only ever occur
/// inside JSON strings, where their `\u` escapes mean the same; escaped, no text (a
/// touchpoint named `</script>`, say) can end the block early. The result is safe to insert
/// without HTML escaping, which would corrupt the JSON (a script's text is not decoded).
pub(crate) fn script_json(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// A duration the way a person reads it: minutes, hours or days.
fn duration(tr: &crate::i18n::Tr, seconds: f64) -> String {
    let one_decimal = |x: f64| {
        let s = format!("{x:.1}");
        s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
    };
    if seconds < 3600.0 {
        tr.t_args(
            "analytics-minutes",
            &[("n", &format!("{:.0}", (seconds / 60.0).round()))],
        )
    } else if seconds < 48.0 * 3600.0 {
        tr.t_args("analytics-hours", &[("n", &one_decimal(seconds / 3600.0))])
    } else {
        tr.t_args("analytics-days", &[("n", &one_decimal(seconds / 86_400.0))])
    }
}

fn percent(x: f64) -> String {
    format!("{x:.1}")
}

/// A CSV cell that a spreadsheet will not run as a formula.
pub(crate) fn csv_text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

/// Writes rows as CSV (header first) into a download response.
pub(crate) fn csv_response(filename: &str, rows: Vec<Vec<String>>) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in rows {
        if let Err(e) = w.write_record(&row) {
            return AppError::Internal(format!("csv: {e}"))
                .into_plain()
                .into_response();
        }
    }
    let body = w.into_inner().unwrap_or_default();
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// A bad request for a CSV download: the messages as plain text.
fn csv_problems(messages: &[String]) -> axum::response::Response {
    use axum::response::IntoResponse;
    (
        axum::http::StatusCode::BAD_REQUEST,
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; charset=utf-8",
        )],
        messages.join("\n"),
    )
        .into_response()
}

impl AppError {
    /// An error outside a page (a download): status and a short text.
    fn into_plain(self) -> (axum::http::StatusCode, &'static str) {
        match self {
            AppError::NotFound => (axum::http::StatusCode::NOT_FOUND, "not found"),
            AppError::Forbidden => (axum::http::StatusCode::FORBIDDEN, "forbidden"),
            AppError::BadRequest => (axum::http::StatusCode::BAD_REQUEST, "bad request"),
            AppError::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                (
                    axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                    "internal error",
                )
            }
        }
    }
}

/// A `<select>` option group: one journey's touchpoints.
struct OptionGroup {
    label: String,
    options: Vec<(i64, String)>,
}

fn option_groups(choices: &[TouchpointChoice]) -> Vec<OptionGroup> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_end_its_script_block() {
        let v = serde_json::json!({"name": "</script><script>alert(1)</script> & co"});
        let s = script_json(&v);
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        assert_eq!(csv_text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_text("Ann"), "Ann");
    }

    #[test]
    fn durations_read_as_minutes_hours_or_days() {
        let tr = crate::i18n::Tr::new(kunde_domain::Language::En);
        assert_eq!(duration(&tr, 150.0), "3 min");
        assert_eq!(duration(&tr, 5400.0), "1.5 h");
        assert_eq!(duration(&tr, 3.0 * 86_400.0), "3 days");
    }
}
