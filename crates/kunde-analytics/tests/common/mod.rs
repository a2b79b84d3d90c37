//! Helpers shared by the integration tests: a tiny text format for event tables.
#![allow(dead_code)]

use kunde_analytics::{EventLog, EventLogBuilder, TouchpointId};

/// Builds a log from lines of `customer time touchpoint [amount]`; `#` starts a comment.
pub fn log(table: &str) -> EventLog {
    let mut builder = EventLogBuilder::new();
    for line in table.lines() {
        let line = line.split('#').next().unwrap().trim();
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        let amount = fields.get(3).map_or(0.0, |a| a.parse().unwrap());
        builder
            .push(fields[0], fields[1].parse().unwrap(), fields[2], amount)
            .unwrap();
    }
    builder.build()
}

/// Looks touchpoints up by name, interning missing ones is not possible after building, so
/// a missing name gets an id past the end (it matches no event).
pub fn tps(log: &EventLog, names: &[&str]) -> Vec<TouchpointId> {
    names
        .iter()
        .map(|n| log.touchpoint_id(n).unwrap_or(TouchpointId(u16::MAX)))
        .collect()
}

pub const DAY: i64 = 86_400;
