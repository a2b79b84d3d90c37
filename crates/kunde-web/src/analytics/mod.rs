//! Journey analytics pages: the funnel over chosen touchpoints and the paths (Sankey) around
//! a touchpoint, each with its numbers as tables and CSV downloads, and saved segments
//! (`segments`: lists of customers kept from a funnel, and rule segments evaluated when used:
//! `rule_segments`, `rule_facts`).
//!
//! The numbers come from the analytics core over the workspace's cached event log (see
//! [`crate::kit::event_cache`]). The pages are plain HTML forms and tables; the charts are
//! drawn in the browser by ECharts from a JSON block the server renders into the page, so
//! without JavaScript every number is still there.

mod funnel;
mod params;
mod paths;
mod pushdown;
mod rule_facts;
mod rule_segments;
mod segment;
mod segments;
mod source;

/// A segment's customers as of a time: how campaigns read a segment.
pub use segments::members;

use crate::state::AppState;
use axum::Router;
use axum::routing::get;

pub fn staff_routes() -> Router<AppState> {
    Router::new()
        .route("/analytics/funnel", get(funnel::funnel_page))
        .route("/analytics/funnel.csv", get(funnel::funnel_csv))
        .route("/analytics/paths", get(paths::paths_page))
        .route("/analytics/paths.csv", get(paths::paths_csv))
        .merge(segments::staff_routes())
}

pub fn owner_routes() -> Router<AppState> {
    segments::owner_routes()
}
