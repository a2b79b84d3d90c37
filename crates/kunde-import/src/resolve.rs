//! Events name their customer by e-mail and their touchpoint by name; here those names become
//! the workspace's ids, from lookup maps the caller loaded from the store. A name that does
//! not resolve is a rejection with the row's line, like any other bad value.

use crate::validate::{EventRecord, Rejection, RowError};
use kunde_domain::{Channel, CustomerId, Email, NewEvent, TouchpointId};
use std::collections::HashMap;

/// What the workspace already holds, by the names a file uses.
#[derive(Debug, Clone, Default)]
pub struct Lookups {
    pub customers: HashMap<Email, CustomerId>,
    /// Touchpoint names lower-cased and trimmed, with the touchpoint's channel. When two
    /// touchpoints share a name, the first loaded wins (the caller loads them in map order).
    pub touchpoints: HashMap<String, (TouchpointId, Channel)>,
}

impl Lookups {
    pub fn add_touchpoint(&mut self, name: &str, id: TouchpointId, channel: Channel) {
        self.touchpoints
            .entry(name.trim().to_lowercase())
            .or_insert((id, channel));
    }
}

/// The events with ids, and a rejection for each whose customer or touchpoint is unknown.
pub fn resolve_events(
    records: &[EventRecord],
    lookups: &Lookups,
) -> (Vec<NewEvent>, Vec<Rejection>) {
    let mut events = Vec::with_capacity(records.len());
    let mut rejected = Vec::new();
    for r in records {
        let Some(&(touchpoint_id, default_channel)) =
            lookups.touchpoints.get(&r.touchpoint.trim().to_lowercase())
        else {
            rejected.push(Rejection {
                line: r.line,
                error: RowError::UnknownTouchpoint {
                    name: r.touchpoint.clone(),
                },
            });
            continue;
        };
        let Some(&customer) = lookups.customers.get(&r.email) else {
            rejected.push(Rejection {
                line: r.line,
                error: RowError::UnknownCustomer {
                    email: r.email.to_string(),
                },
            });
            continue;
        };
        let mut properties = serde_json::Map::new();
        properties.insert("source".into(), "import".into());
        if let Some(note) = &r.note {
            properties.insert("note".into(), note.clone().into());
        }
        events.push(NewEvent {
            customer_id: Some(customer),
            visitor_id: None,
            touchpoint_id,
            occurred_at: r.occurred_at,
            channel: r.channel.unwrap_or(default_channel),
            amount: r.amount,
            properties: serde_json::Value::Object(properties).to_string(),
        });
    }
    (events, rejected)
}
