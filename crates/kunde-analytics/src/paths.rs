//! Paths: the most frequent sequences of touchpoints after (or before) a chosen one, as
//! Sankey nodes and links, and where customers went after dropping out of a funnel.
//!
//! Loops and back-steps are kept as they happened: a path `visit → cart → visit` is a
//! different path from `visit → cart`. Each customer contributes one path, from its first
//! occurrence of the anchor (or the start of its journey).

use std::collections::HashMap;

use serde::Serialize;

use crate::funnel::{Funnel, FunnelOutcomes};
use crate::stats::percent;
use crate::{CustomerEvents, CustomerId, Error, EventLog, TouchpointId};

/// The most steps a path may have.
pub const MAX_DEPTH: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    After,
    Before,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathQuery {
    /// Paths start at the first occurrence of this touchpoint; `None` = the first event
    /// (or, before, the last event) of each customer.
    pub anchor: Option<TouchpointId>,
    pub direction: Direction,
    /// Steps after the anchor, 1..=20.
    pub depth: usize,
    /// How many of the most frequent full paths to list.
    pub top: usize,
    /// Treat repeated consecutive events at the same touchpoint as one step.
    pub collapse_repeats: bool,
}

impl PathQuery {
    pub fn validate(&self) -> Result<(), Error> {
        if self.depth == 0 || self.depth > MAX_DEPTH {
            return Err(Error::OutOfRange {
                what: "the path depth",
                min: 1.0,
                max: MAX_DEPTH as f64,
                got: self.depth as f64,
            });
        }
        Ok(())
    }
}

/// A touchpoint at a depth (0 = the anchor).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SankeyNode {
    pub id: usize,
    pub depth: usize,
    pub touchpoint: String,
    pub customers: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SankeyLink {
    pub source: usize,
    pub target: usize,
    pub customers: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathCount {
    /// The touchpoints of the path, anchor first (for `Before`, walking back in time).
    pub touchpoints: Vec<String>,
    pub customers: u64,
    pub percent: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathsReport {
    pub direction: Direction,
    /// Customers with a path (who had the anchor).
    pub customers: u64,
    pub nodes: Vec<SankeyNode>,
    pub links: Vec<SankeyLink>,
    pub top_paths: Vec<PathCount>,
}

pub fn paths(log: &EventLog, query: &PathQuery) -> Result<PathsReport, Error> {
    query.validate()?;
    let starts = log.customers().filter_map(|e| {
        let start = match (query.anchor, query.direction) {
            (Some(a), _) => e.touchpoints.iter().position(|&tp| tp == a.0)?,
            (None, Direction::After) => (!e.is_empty()).then_some(0)?,
            (None, Direction::Before) => e.len().checked_sub(1)?,
        };
        Some((e.customer, start))
    });
    Ok(collect(log, starts, query))
}

/// Where customers who dropped out after funnel step `step` (1-based) went next, starting
/// from the event at which they reached that step. `query.anchor` is ignored.
pub fn paths_after_drop(
    log: &EventLog,
    funnel: &Funnel,
    outcomes: &FunnelOutcomes,
    step: usize,
    query: &PathQuery,
) -> Result<PathsReport, Error> {
    query.validate()?;
    if step == 0 || step >= funnel.steps().len() {
        return Err(Error::OutOfRange {
            what: "the drop-off step",
            min: 1.0,
            max: (funnel.steps().len() - 1) as f64,
            got: step as f64,
        });
    }
    let tp = funnel.steps()[step - 1];
    let starts = outcomes.dropped_at(step).filter_map(|c| {
        let t = outcomes.step_time(c, step - 1)?;
        let e = log.events_of(c);
        let from = e.times.partition_point(|&x| x < t);
        let i = (from..e.len()).find(|&i| e.touchpoints[i] == tp.0)?;
        Some((c, i))
    });
    let query = PathQuery {
        direction: Direction::After,
        ..*query
    };
    Ok(collect(log, starts, &query))
}

fn path_of(e: &CustomerEvents<'_>, start: usize, query: &PathQuery, out: &mut Vec<u16>) {
    out.clear();
    out.push(e.touchpoints[start]);
    let mut push = |tp: u16| {
        if !(query.collapse_repeats && out.last() == Some(&tp)) {
            out.push(tp);
        }
        out.len() > query.depth
    };
    match query.direction {
        Direction::After => {
            for &tp in &e.touchpoints[start + 1..] {
                if push(tp) {
                    break;
                }
            }
        }
        Direction::Before => {
            for &tp in e.touchpoints[..start].iter().rev() {
                if push(tp) {
                    break;
                }
            }
        }
    }
}

fn collect(
    log: &EventLog,
    starts: impl Iterator<Item = (CustomerId, usize)>,
    query: &PathQuery,
) -> PathsReport {
    let mut node_ids: HashMap<(usize, u16), usize> = HashMap::new();
    let mut nodes: Vec<SankeyNode> = Vec::new();
    let mut links: HashMap<(usize, usize), u64> = HashMap::new();
    let mut full: HashMap<Vec<u16>, u64> = HashMap::new();
    let mut path = Vec::new();
    let mut customers = 0;
    for (c, start) in starts {
        customers += 1;
        path_of(&log.events_of(c), start, query, &mut path);
        let mut previous = None;
        for (depth, &tp) in path.iter().enumerate() {
            let id = *node_ids.entry((depth, tp)).or_insert_with(|| {
                nodes.push(SankeyNode {
                    id: nodes.len(),
                    depth,
                    touchpoint: log.touchpoint_name(TouchpointId(tp)).to_owned(),
                    customers: 0,
                });
                nodes.len() - 1
            });
            nodes[id].customers += 1;
            if let Some(p) = previous {
                *links.entry((p, id)).or_default() += 1;
            }
            previous = Some(id);
        }
        // Most paths were seen before: count them without copying the path.
        match full.get_mut(path.as_slice()) {
            Some(count) => *count += 1,
            None => {
                full.insert(path.clone(), 1);
            }
        }
    }
    let mut links: Vec<SankeyLink> = links
        .into_iter()
        .map(|((source, target), customers)| SankeyLink {
            source,
            target,
            customers,
        })
        .collect();
    links.sort_by(|a, b| {
        b.customers
            .cmp(&a.customers)
            .then((a.source, a.target).cmp(&(b.source, b.target)))
    });
    let mut top: Vec<PathCount> = full
        .into_iter()
        .map(|(p, n)| PathCount {
            touchpoints: p
                .iter()
                .map(|&tp| log.touchpoint_name(TouchpointId(tp)).to_owned())
                .collect(),
            customers: n,
            percent: percent(n, customers),
        })
        .collect();
    // Most frequent first; equal counts in alphabetical order so the list is stable.
    top.sort_by(|a, b| {
        b.customers
            .cmp(&a.customers)
            .then_with(|| a.touchpoints.cmp(&b.touchpoints))
    });
    top.truncate(query.top);
    PathsReport {
        direction: query.direction,
        customers,
        nodes,
        links,
        top_paths: top,
    }
}
