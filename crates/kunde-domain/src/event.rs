//! What actually happens: events at touchpoints, and orders with their lines.

use crate::{Channel, CustomerId, EventId, Money, NonEmpty, OrderId, TouchpointId, WorkspaceId};
use serde::Serialize;

/// One interaction of a customer (or of a not yet identified visitor) with a touchpoint.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub id: EventId,
    pub workspace_id: WorkspaceId,
    pub customer_id: Option<CustomerId>,
    /// An anonymous visitor's id (from the web snippet) until the visitor is identified.
    pub visitor_id: Option<String>,
    pub touchpoint_id: TouchpointId,
    pub occurred_at: i64,
    pub channel: Channel,
    pub amount: Option<Money>,
    /// Free-form properties as a JSON object.
    pub properties: String,
}

#[derive(Debug, Clone)]
pub struct NewEvent {
    pub customer_id: Option<CustomerId>,
    pub visitor_id: Option<String>,
    pub touchpoint_id: TouchpointId,
    pub occurred_at: i64,
    pub channel: Channel,
    pub amount: Option<Money>,
    pub properties: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Order {
    pub id: OrderId,
    pub workspace_id: WorkspaceId,
    pub customer_id: CustomerId,
    /// The shop's or till's own order number, if it has one.
    pub reference: Option<String>,
    pub ordered_at: i64,
    pub total: Money,
    pub paid: bool,
    pub lines: Vec<OrderLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrderLine {
    pub product: String,
    pub quantity: i64,
    pub unit_price: Money,
}

#[derive(Debug, Clone)]
pub struct NewOrder {
    pub customer_id: CustomerId,
    pub reference: Option<String>,
    pub ordered_at: i64,
    pub paid: bool,
    pub lines: Vec<NewOrderLine>,
    /// The discount code it was placed with, if any (counted for a campaign's offer).
    pub discount_code: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewOrderLine {
    pub product: NonEmpty,
    pub quantity: i64,
    pub unit_price: Money,
}

impl NewOrder {
    /// The total is always derived from the lines, so the two can never disagree.
    pub fn total(&self) -> Money {
        Money(self.lines.iter().map(|l| l.quantity * l.unit_price.0).sum())
    }
}
