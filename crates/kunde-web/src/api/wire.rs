//! The API's own wire types: what a client sends back and forth, independent of the store's
//! and the domain's structs, so either can change without changing the API (the OpenAPI
//! document in `openapi.json` describes exactly these).

use kunde_store::{IngestReport, RefusedEvent, UnknownReference};
use serde::Serialize;

/// The answer to a stored batch.
#[derive(Debug, Serialize)]
pub struct IngestReply {
    /// Events in the batch.
    pub received: u64,
    /// Events newly stored.
    pub stored: u64,
    /// Events skipped because their idempotency key was seen before.
    pub duplicates: u64,
}

impl From<IngestReport> for IngestReply {
    fn from(r: IngestReport) -> Self {
        Self {
            received: r.received,
            stored: r.stored,
            duplicates: r.duplicates,
        }
    }
}

/// Why one event of a batch was refused: its index in the batch, the field, and a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventProblem {
    pub index: usize,
    pub field: &'static str,
    pub message: String,
}

impl From<RefusedEvent> for EventProblem {
    fn from(r: RefusedEvent) -> Self {
        let (field, message) = match r.unknown {
            UnknownReference::Touchpoint(id) => (
                "touchpoint_id",
                format!("no touchpoint {id} in this workspace"),
            ),
            UnknownReference::CustomerId(id) => {
                ("customer_id", format!("no customer {id} in this workspace"))
            }
            UnknownReference::CustomerEmail(m) => (
                "customer_email",
                format!("no customer with the e-mail {m} in this workspace"),
            ),
            UnknownReference::KeyReused(key) => (
                "idempotency_key",
                format!(
                    "the idempotency key '{key}' was already used for a different event; \
                     use a new key for a new event, or resend the first event unchanged"
                ),
            ),
        };
        Self {
            index: r.index,
            field,
            message,
        }
    }
}

/// The body of every API error.
#[derive(Debug, Serialize)]
pub struct ErrorBody {
    pub error: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<EventProblem>,
}

/// The answer to `POST /api/v1/identify`.
#[derive(Debug, Serialize)]
pub struct Identified {
    pub visitor_id: String,
    pub customer_id: i64,
    /// Past anonymous events of the visitor now belonging to the customer.
    pub events_joined: u64,
}
