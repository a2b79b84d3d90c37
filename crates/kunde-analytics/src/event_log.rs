//! The compact, columnar event log that every computation reads.
//!
//! Events are stored sorted by customer, then time (then touchpoint, so that equal times
//! have one fixed order). The customer of an event is not stored per event: because events
//! are grouped by customer, one offset per customer says where its events start. Per event
//! the log keeps the time (`i64`, 8 bytes), the touchpoint (`u16`, 2 bytes) and the amount
//! (`f64`, 8 bytes), so the columns take **18 bytes per event plus 4 bytes per customer —
//! at most 22 bytes per event, within the budget of 24** (see [`EventLog::bytes_per_event`]).
//! Customer and touchpoint names are interned once by the builder and kept beside the
//! columns; they are counted separately by [`EventLog::name_bytes`] because they grow with
//! the number of customers, not of events.

use std::collections::HashMap;

use serde::Serialize;

use crate::Error;

/// The index of a customer in an [`EventLog`] (dense, `0..customer_count`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct CustomerId(pub u32);

/// The index of a touchpoint in an [`EventLog`] (dense, `0..touchpoint_count`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct TouchpointId(pub u16);

/// The largest number of distinct touchpoints a log can hold.
pub const MAX_TOUCHPOINTS: usize = u16::MAX as usize + 1;
/// The largest number of events a log can hold (offsets are `u32`).
pub const MAX_EVENTS: usize = u32::MAX as usize;

/// Collects events in any order, interning names, and sorts them once in [`build`](Self::build).
#[derive(Debug, Default)]
pub struct EventLogBuilder {
    customer_index: HashMap<String, u32>,
    customer_names: Vec<String>,
    touchpoint_index: HashMap<String, u16>,
    touchpoint_names: Vec<String>,
    customers: Vec<u32>,
    times: Vec<i64>,
    touchpoints: Vec<u16>,
    amounts: Vec<f64>,
}

impl EventLogBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Reserves room for `events` more events, to avoid regrowing while loading.
    pub fn with_capacity(events: usize) -> Self {
        let mut builder = Self::new();
        builder.customers.reserve(events);
        builder.times.reserve(events);
        builder.touchpoints.reserve(events);
        builder.amounts.reserve(events);
        builder
    }

    /// The id of a customer name, adding it if new.
    pub fn customer(&mut self, name: &str) -> CustomerId {
        if let Some(&id) = self.customer_index.get(name) {
            return CustomerId(id);
        }
        let id = self.customer_names.len() as u32;
        self.customer_index.insert(name.to_owned(), id);
        self.customer_names.push(name.to_owned());
        CustomerId(id)
    }

    /// The id of a touchpoint name, adding it if new.
    pub fn touchpoint(&mut self, name: &str) -> Result<TouchpointId, Error> {
        if let Some(&id) = self.touchpoint_index.get(name) {
            return Ok(TouchpointId(id));
        }
        if self.touchpoint_names.len() >= MAX_TOUCHPOINTS {
            return Err(Error::TooManyTouchpoints {
                max: MAX_TOUCHPOINTS,
            });
        }
        let id = self.touchpoint_names.len() as u16;
        self.touchpoint_index.insert(name.to_owned(), id);
        self.touchpoint_names.push(name.to_owned());
        Ok(TouchpointId(id))
    }

    /// Adds one event by names. `amount` is 0 for events that carry no money.
    pub fn push(
        &mut self,
        customer: &str,
        time: i64,
        touchpoint: &str,
        amount: f64,
    ) -> Result<(), Error> {
        let customer = self.customer(customer);
        let touchpoint = self.touchpoint(touchpoint)?;
        self.push_ids(customer, time, touchpoint, amount)
    }

    /// Adds one event by ids obtained from [`customer`](Self::customer) and
    /// [`touchpoint`](Self::touchpoint).
    pub fn push_ids(
        &mut self,
        customer: CustomerId,
        time: i64,
        touchpoint: TouchpointId,
        amount: f64,
    ) -> Result<(), Error> {
        if (customer.0 as usize) >= self.customer_names.len() {
            return Err(Error::UnknownCustomer(customer.0));
        }
        if (touchpoint.0 as usize) >= self.touchpoint_names.len() {
            return Err(Error::UnknownTouchpoint(u32::from(touchpoint.0)));
        }
        if self.times.len() >= MAX_EVENTS {
            return Err(Error::TooManyEvents { max: MAX_EVENTS });
        }
        self.customers.push(customer.0);
        self.times.push(time);
        self.touchpoints.push(touchpoint.0);
        self.amounts.push(amount);
        Ok(())
    }

    /// Number of events added so far.
    pub fn len(&self) -> usize {
        self.times.len()
    }

    pub fn is_empty(&self) -> bool {
        self.times.is_empty()
    }

    /// Sorts the events by customer, then time, then touchpoint, and packs them.
    ///
    /// A counting sort places events by customer in linear time, in two passes so that the
    /// writes stay in cache: first into blocks of about a thousandth of the customers,
    /// then, block by block, into each customer's run, which is sorted by time right away
    /// (runs are short and often already ordered).
    pub fn build(self) -> EventLog {
        let n = self.times.len();
        let customer_count = self.customer_names.len();
        let mut offsets = vec![0u32; customer_count + 1];
        for &c in &self.customers {
            offsets[c as usize + 1] += 1;
        }
        for i in 0..customer_count {
            offsets[i + 1] += offsets[i];
        }
        let shift = (customer_count / 1024).max(1).ilog2();
        let blocks = (customer_count >> shift) + 1;
        let block_start: Vec<usize> = (0..=blocks)
            .map(|b| offsets[(b << shift).min(customer_count)] as usize)
            .collect();
        let mut cursor = block_start.clone();
        let mut staged: Vec<(u32, u16, i64, f64)> = vec![(0, 0, 0, 0.0); n];
        for i in 0..n {
            let c = self.customers[i];
            let slot = &mut cursor[(c >> shift) as usize];
            staged[*slot] = (c, self.touchpoints[i], self.times[i], self.amounts[i]);
            *slot += 1;
        }
        drop(self.customers);
        drop(self.times);
        drop(self.touchpoints);
        drop(self.amounts);
        let mut next = offsets.clone();
        let mut packed: Vec<(i64, u16, f64)> = vec![(0, 0, 0.0); n];
        for b in 0..blocks {
            for &(c, tp, t, a) in &staged[block_start[b]..block_start[b + 1]] {
                let slot = &mut next[c as usize];
                packed[*slot as usize] = (t, tp, a);
                *slot += 1;
            }
            let first = b << shift;
            let last = ((b + 1) << shift).min(customer_count);
            for c in first..last {
                let run = &mut packed[offsets[c] as usize..offsets[c + 1] as usize];
                if !run.is_sorted_by(|a, b| (a.0, a.1) <= (b.0, b.1)) {
                    run.sort_unstable_by(|a, b| {
                        (a.0, a.1).cmp(&(b.0, b.1)).then(a.2.total_cmp(&b.2))
                    });
                }
            }
        }
        drop(staged);
        let mut times = Vec::with_capacity(n);
        let mut touchpoints = Vec::with_capacity(n);
        let mut amounts = Vec::with_capacity(n);
        for &(t, tp, a) in &packed {
            times.push(t);
            touchpoints.push(tp);
            amounts.push(a);
        }
        let mut customer_names = self.customer_names;
        customer_names.shrink_to_fit();
        let mut touchpoint_names = self.touchpoint_names;
        touchpoint_names.shrink_to_fit();
        EventLog {
            customer_names,
            touchpoint_names,
            offsets,
            times,
            touchpoints,
            amounts,
        }
    }
}

/// Events sorted by customer, then time; see the module docs for the memory layout.
#[derive(Debug, Clone, Default)]
pub struct EventLog {
    customer_names: Vec<String>,
    touchpoint_names: Vec<String>,
    /// `offsets[c]..offsets[c + 1]` are the events of customer `c`.
    offsets: Vec<u32>,
    times: Vec<i64>,
    touchpoints: Vec<u16>,
    amounts: Vec<f64>,
}

/// The events of one customer, in time order, as parallel slices.
#[derive(Debug, Clone, Copy)]
pub struct CustomerEvents<'a> {
    pub customer: CustomerId,
    pub times: &'a [i64],
    pub touchpoints: &'a [u16],
    pub amounts: &'a [f64],
}

impl CustomerEvents<'_> {
    pub fn len(&self) -> usize {
        self.times.len()
    }

    pub fn is_empty(&self) -> bool {
        self.times.is_empty()
    }

    pub fn touchpoint(&self, i: usize) -> TouchpointId {
        TouchpointId(self.touchpoints[i])
    }
}

impl EventLog {
    pub fn customer_count(&self) -> usize {
        self.customer_names.len()
    }

    pub fn event_count(&self) -> usize {
        self.times.len()
    }

    pub fn touchpoint_count(&self) -> usize {
        self.touchpoint_names.len()
    }

    pub fn customer_name(&self, id: CustomerId) -> &str {
        &self.customer_names[id.0 as usize]
    }

    pub fn touchpoint_name(&self, id: TouchpointId) -> &str {
        &self.touchpoint_names[id.0 as usize]
    }

    pub fn touchpoint_names(&self) -> &[String] {
        &self.touchpoint_names
    }

    /// Looks a touchpoint up by name (touchpoints are few, so a scan is cheap).
    pub fn touchpoint_id(&self, name: &str) -> Option<TouchpointId> {
        self.touchpoint_names
            .iter()
            .position(|n| n == name)
            .map(|i| TouchpointId(i as u16))
    }

    /// Looks a customer up by name. This scans all names: keep the ids the builder returned
    /// when many lookups are needed.
    pub fn customer_id(&self, name: &str) -> Option<CustomerId> {
        self.customer_names
            .iter()
            .position(|n| n == name)
            .map(|i| CustomerId(i as u32))
    }

    /// The events of one customer.
    pub fn events_of(&self, id: CustomerId) -> CustomerEvents<'_> {
        let c = id.0 as usize;
        let range = self.offsets[c] as usize..self.offsets[c + 1] as usize;
        CustomerEvents {
            customer: id,
            times: &self.times[range.clone()],
            touchpoints: &self.touchpoints[range.clone()],
            amounts: &self.amounts[range],
        }
    }

    /// Every customer's events, in customer order.
    pub fn customers(&self) -> impl Iterator<Item = CustomerEvents<'_>> + '_ {
        (0..self.customer_count() as u32).map(|c| self.events_of(CustomerId(c)))
    }

    /// Heap bytes held by the event columns and customer offsets, by capacity.
    pub fn column_bytes(&self) -> usize {
        self.offsets.capacity() * size_of::<u32>()
            + self.times.capacity() * size_of::<i64>()
            + self.touchpoints.capacity() * size_of::<u16>()
            + self.amounts.capacity() * size_of::<f64>()
    }

    /// Heap bytes held by the interned names, by capacity.
    pub fn name_bytes(&self) -> usize {
        let strings = |names: &Vec<String>| {
            names.capacity() * size_of::<String>()
                + names.iter().map(String::capacity).sum::<usize>()
        };
        strings(&self.customer_names) + strings(&self.touchpoint_names)
    }

    /// Column bytes per event; at most 22 by construction (18 per event, 4 per customer).
    pub fn bytes_per_event(&self) -> f64 {
        if self.times.is_empty() {
            return 0.0;
        }
        self.column_bytes() as f64 / self.times.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_sorts_by_customer_then_time_then_touchpoint() {
        let mut b = EventLogBuilder::new();
        b.push("bo", 30, "visit", 0.0).unwrap();
        b.push("ann", 20, "buy", 9.5).unwrap();
        b.push("bo", 10, "ad", 0.0).unwrap();
        b.push("ann", 20, "ad", 0.0).unwrap();
        b.push("ann", 5, "visit", 0.0).unwrap();
        let log = b.build();
        assert_eq!(log.customer_count(), 2);
        assert_eq!(log.event_count(), 5);
        let ann = log.events_of(log.customer_id("ann").unwrap());
        assert_eq!(ann.times, &[5, 20, 20]);
        let names: Vec<_> = (0..3)
            .map(|i| log.touchpoint_name(ann.touchpoint(i)))
            .collect();
        // Equal times are ordered by touchpoint id: "buy" was interned before "ad".
        assert_eq!(names, ["visit", "buy", "ad"]);
        assert_eq!(ann.amounts, &[0.0, 9.5, 0.0]);
        let bo = log.events_of(log.customer_id("bo").unwrap());
        assert_eq!(bo.times, &[10, 30]);
    }

    #[test]
    fn empty_log_has_no_customers() {
        let log = EventLogBuilder::new().build();
        assert_eq!(log.customer_count(), 0);
        assert_eq!(log.customers().count(), 0);
        assert_eq!(log.bytes_per_event(), 0.0);
    }

    #[test]
    fn memory_stays_within_24_bytes_per_event() {
        // Worst case for the offsets: every customer has a single event.
        let mut b = EventLogBuilder::new();
        for i in 0..10_000 {
            b.push(&format!("c{i}"), i64::from(i), "visit", 1.0)
                .unwrap();
        }
        let log = b.build();
        assert!(log.bytes_per_event() <= 24.0, "{}", log.bytes_per_event());
        // A typical log: a few customers with many events each.
        let mut b = EventLogBuilder::with_capacity(100_000);
        for i in 0..100_000 {
            b.push(
                &format!("c{}", i % 1000),
                i64::from(i),
                ["a", "b", "c"][i as usize % 3],
                0.0,
            )
            .unwrap();
        }
        let log = b.build();
        assert!(log.bytes_per_event() <= 18.1, "{}", log.bytes_per_event());
    }

    #[test]
    fn push_ids_rejects_unknown_ids() {
        let mut b = EventLogBuilder::new();
        assert_eq!(
            b.push_ids(CustomerId(0), 0, TouchpointId(0), 0.0),
            Err(Error::UnknownCustomer(0))
        );
    }
}
