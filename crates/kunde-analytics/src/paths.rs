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
    let mut tally = Tally::default();
    let mut path = Vec::new();
    for (c, start) in starts {
        path_of(&log.events_of(c), start, query, &mut path);
        tally.add(&path, 1);
    }
    tally.report(query, |&tp| {
        log.touchpoint_name(TouchpointId(tp)).to_owned()
    })
}

/// The distinct paths of all customers, each with how many customers took it, in the order
/// of the first customer (in log order, by customer id) who took it, as ClickHouse answers
/// them (`kunde-clickhouse`'s pushed-down paths): the report is then exactly what [`paths`]
/// gives over the same events, node ids included. `name` names a touchpoint as the log
/// would (the database id as text).
pub fn paths_from_counts<T: Copy + Eq + std::hash::Hash>(
    query: &PathQuery,
    counted: &[(Vec<T>, u64)],
    name: impl Fn(&T) -> String,
) -> PathsReport {
    let mut tally = Tally::default();
    for (path, n) in counted {
        tally.add(path, *n);
    }
    tally.report(query, name)
}

/// Paths added up: Sankey nodes numbered in order of first appearance, links and whole
/// paths counted. Adding each customer's path once, or each distinct path once with its
/// count in the order of its first customer, gives the same nodes in the same order (a
/// node first appears with the first customer whose path holds it, whose path is the first
/// distinct path holding it).
struct Tally<T> {
    node_ids: HashMap<(usize, T), usize>,
    nodes: Vec<(usize, T, u64)>,
    links: HashMap<(usize, usize), u64>,
    full: HashMap<Vec<T>, u64>,
    customers: u64,
}

impl<T> Default for Tally<T> {
    fn default() -> Self {
        Self {
            node_ids: HashMap::new(),
            nodes: Vec::new(),
            links: HashMap::new(),
            full: HashMap::new(),
            customers: 0,
        }
    }
}

impl<T: Copy + Eq + std::hash::Hash> Tally<T> {
    /// Adds `n` customers who took `path`.
    fn add(&mut self, path: &[T], n: u64) {
        self.customers += n;
        let mut previous = None;
        for (depth, &tp) in path.iter().enumerate() {
            let nodes = &mut self.nodes;
            let id = *self.node_ids.entry((depth, tp)).or_insert_with(|| {
                nodes.push((depth, tp, 0));
                nodes.len() - 1
            });
            self.nodes[id].2 += n;
            if let Some(p) = previous {
                *self.links.entry((p, id)).or_default() += n;
            }
            previous = Some(id);
        }
        // Most paths were seen before: count them without copying the path.
        match self.full.get_mut(path) {
            Some(count) => *count += n,
            None => {
                self.full.insert(path.to_vec(), n);
            }
        }
    }

    fn report(self, query: &PathQuery, name: impl Fn(&T) -> String) -> PathsReport {
        let customers = self.customers;
        let nodes = self
            .nodes
            .iter()
            .enumerate()
            .map(|(id, (depth, tp, n))| SankeyNode {
                id,
                depth: *depth,
                touchpoint: name(tp),
                customers: *n,
            })
            .collect();
        let mut links: Vec<SankeyLink> = self
            .links
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
        let mut top: Vec<PathCount> = self
            .full
            .into_iter()
            .map(|(p, n)| PathCount {
                touchpoints: p.iter().map(&name).collect(),
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EventLogBuilder;
    use proptest::prelude::*;

    proptest! {
        /// Each distinct path counted once with its customers, in the order of its first
        /// customer (what ClickHouse answers), gives exactly the report of adding every
        /// customer's path: node ids, links, top paths and shares.
        #[test]
        fn counted_distinct_paths_give_the_same_report(
            events in prop::collection::vec((0u32..20, 0i64..30, 0u16..4), 0..200),
            anchor in prop::option::of(0u16..5),
            before in any::<bool>(),
            depth in 1usize..6,
            top in 1usize..10,
            collapse in any::<bool>(),
        ) {
            let mut b = EventLogBuilder::new();
            for c in 0..20 {
                b.customer(&c.to_string());
            }
            for tp in 0..4 {
                b.touchpoint(&tp.to_string()).unwrap();
            }
            for &(c, t, tp) in &events {
                b.push_ids(CustomerId(c), t, TouchpointId(tp), 0.0).unwrap();
            }
            let log = b.build();
            let query = PathQuery {
                anchor: anchor.map(TouchpointId),
                direction: if before { Direction::Before } else { Direction::After },
                depth,
                top,
                collapse_repeats: collapse,
            };
            let want = paths(&log, &query).unwrap();
            // Distinct paths in order of their first customer, as ClickHouse sorts them.
            let mut counted: Vec<(Vec<u16>, u64)> = Vec::new();
            let mut path = Vec::new();
            for e in log.customers() {
                let start = match (query.anchor, query.direction) {
                    (Some(a), _) => e.touchpoints.iter().position(|&tp| tp == a.0),
                    (None, Direction::After) => (!e.is_empty()).then_some(0),
                    (None, Direction::Before) => e.len().checked_sub(1),
                };
                let Some(start) = start else { continue };
                path_of(&e, start, &query, &mut path);
                match counted.iter_mut().find(|p| p.0 == path) {
                    Some(p) => p.1 += 1,
                    None => counted.push((path.clone(), 1)),
                }
            }
            let got = paths_from_counts(&query, &counted, |&tp| {
                log.touchpoint_name(TouchpointId(tp)).to_owned()
            });
            prop_assert_eq!(got, want);
        }
    }
}
