//! Adding new events to a built [`EventLog`] without building it again.
//!
//! A server keeps a workspace's log in memory while events keep arriving. Building the log
//! again from all its events for every few new ones costs seconds at ten million events;
//! [`EventLog::appended`] instead sorts only the new events (an [`EventBatch`], in any order
//! of arrival, late ones and those of new customers included) and merges them into the
//! sorted columns in one sequential pass: the old columns are copied in long runs between
//! the customers that got new events, whose few events are merged by time. The result is
//! exactly the log an [`EventLogBuilder`](crate::EventLogBuilder) would build from scratch
//! over the old events and the new ones, with the old log's customers and touchpoints
//! interned first and the batch's new ones after them (property-tested in
//! `tests/append.rs`). Changes that are not new events — a deleted event, an event given to
//! another customer — cannot be expressed as a batch: the caller builds the log again.

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use crate::Error;
use crate::event_log::{
    CustomerId, EventLog, MAX_BYTES_PER_EVENT, MAX_EVENTS, MAX_TOUCHPOINTS, TouchpointId,
    touchpoint_set,
};

/// New events for one [`EventLog`], made with [`EventBatch::new`] from that log: events of
/// its customers and touchpoints by id, and of customers and touchpoints the batch adds.
#[derive(Debug, Clone)]
pub struct EventBatch {
    /// The log's customers and touchpoints when the batch was made: the batch's new ones
    /// are numbered after them.
    base_customers: usize,
    base_touchpoints: usize,
    customer_names: Vec<String>,
    customer_set: HashSet<String>,
    touchpoint_names: Vec<String>,
    events: Vec<(u32, i64, u16, f64)>,
}

impl EventBatch {
    /// An empty batch for `log`.
    pub fn new(log: &EventLog) -> Self {
        EventBatch {
            base_customers: log.customer_count(),
            base_touchpoints: log.touchpoint_count(),
            customer_names: Vec::new(),
            customer_set: HashSet::new(),
            touchpoint_names: Vec::new(),
            events: Vec::new(),
        }
    }

    /// Adds a customer the log does not have yet (ids follow the log's, in the order of the
    /// calls); `None` if `log` (the batch's log) or this batch already has the name.
    pub fn new_customer(&mut self, log: &EventLog, name: &str) -> Option<CustomerId> {
        if log.customer_id(name).is_some() || self.customer_set.contains(name) {
            return None;
        }
        let id = u32::try_from(self.base_customers + self.customer_names.len()).ok()?;
        self.customer_set.insert(name.to_owned());
        self.customer_names.push(name.to_owned());
        Some(CustomerId(id))
    }

    /// Adds a touchpoint the log does not have yet (ids follow the log's). The caller knows
    /// which touchpoints are new (a log looks them up by name with
    /// [`EventLog::touchpoint_id`]).
    pub fn new_touchpoint(&mut self, name: &str) -> Result<TouchpointId, Error> {
        let id = self.base_touchpoints + self.touchpoint_names.len();
        if id >= MAX_TOUCHPOINTS {
            return Err(Error::TooManyTouchpoints {
                max: MAX_TOUCHPOINTS,
            });
        }
        self.touchpoint_names.push(name.to_owned());
        Ok(TouchpointId(id as u16))
    }

    /// Adds one event of a customer and touchpoint of the log or of the batch.
    pub fn push_ids(
        &mut self,
        customer: CustomerId,
        time: i64,
        touchpoint: TouchpointId,
        amount: f64,
    ) -> Result<(), Error> {
        if customer.0 as usize >= self.base_customers + self.customer_names.len() {
            return Err(Error::UnknownCustomer(customer.0));
        }
        if usize::from(touchpoint.0) >= self.base_touchpoints + self.touchpoint_names.len() {
            return Err(Error::UnknownTouchpoint(u32::from(touchpoint.0)));
        }
        self.events.push((customer.0, time, touchpoint.0, amount));
        Ok(())
    }

    /// Number of events in the batch.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty() && self.customer_names.is_empty() && self.touchpoint_names.is_empty()
    }

    /// Customers the batch adds.
    pub fn new_customers(&self) -> usize {
        self.customer_names.len()
    }
}

impl EventLog {
    /// This log with the batch's customers, touchpoints and events added: the same log as
    /// one built from scratch over all the events (see the module docs). The old log is
    /// left as it is (readers may still hold it); customer names are shared with it unless
    /// the batch brings new customers. Costs one copy of the columns plus sorting the batch.
    pub fn appended(&self, batch: EventBatch) -> Result<EventLog, Error> {
        if batch.base_customers != self.customer_count()
            || batch.base_touchpoints != self.touchpoint_count()
        {
            return Err(Error::StaleBatch);
        }
        let EventBatch {
            customer_names: new_customers,
            touchpoint_names: new_touchpoints,
            mut events,
            ..
        } = batch;
        let n = self.times.len();
        let total = n
            .checked_add(events.len())
            .filter(|&t| t <= MAX_EVENTS)
            .ok_or(Error::TooManyEvents { max: MAX_EVENTS })?;
        let old_customers = self.customer_count();
        let customer_count = old_customers + new_customers.len();
        let customer_names = if new_customers.is_empty() {
            self.customer_names.clone()
        } else {
            let mut names = (*self.customer_names).clone();
            for (i, name) in new_customers.iter().enumerate() {
                if names.intern(name) as usize != old_customers + i {
                    return Err(Error::StaleBatch);
                }
            }
            Arc::new(names)
        };
        let mut touchpoint_names = self.touchpoint_names.clone();
        touchpoint_names.extend(new_touchpoints);

        events.sort_unstable_by(|a, b| {
            (a.0, a.1, a.2)
                .cmp(&(b.0, b.1, b.2))
                .then(a.3.total_cmp(&b.3))
        });
        let has_amounts = self.has_amounts || events.iter().any(|e| e.3 != 0.0);

        // Where customer `c`'s old events start (customers the batch adds have none).
        let old_start = |c: usize| self.offsets[c.min(old_customers)] as usize;
        let mut offsets: Vec<u32> = Vec::with_capacity(customer_count + 1);
        let mut times = Vec::with_capacity(total);
        let mut touchpoints = Vec::with_capacity(total);
        let mut amounts = Vec::with_capacity(total);
        // Offsets of customers `from..to` when `added` new events come before them.
        let push_offsets = |offsets: &mut Vec<u32>, from: usize, to: usize, added: usize| {
            let old = from.min(old_customers + 1)..to.min(old_customers + 1);
            let shift = added as u32;
            offsets.extend(self.offsets[old].iter().map(|&o| o + shift));
            let new_from = from.max(old_customers + 1);
            if to > new_from {
                offsets.extend(std::iter::repeat_n((n + added) as u32, to - new_from));
            }
        };
        // Old events copied so far, customers whose offset is written, new events placed.
        let (mut copied, mut next_customer, mut i) = (0usize, 0usize, 0usize);
        while i < events.len() {
            let c = events[i].0 as usize;
            let mut j = i + 1;
            while j < events.len() && events[j].0 as usize == c {
                j += 1;
            }
            push_offsets(&mut offsets, next_customer, c + 1, i);
            let (start, end) = (old_start(c), old_start(c + 1));
            times.extend_from_slice(&self.times[copied..start]);
            touchpoints.extend_from_slice(&self.touchpoints[copied..start]);
            amounts.extend_from_slice(&self.amounts[copied..start]);
            // Merge the customer's old run with its new events, both in log order.
            let mut o = start;
            for &(_, t, tp, a) in &events[i..j] {
                while o < end
                    && (self.times[o], self.touchpoints[o])
                        .cmp(&(t, tp))
                        .then(self.amounts[o].total_cmp(&a))
                        .is_le()
                {
                    times.push(self.times[o]);
                    touchpoints.push(self.touchpoints[o]);
                    amounts.push(self.amounts[o]);
                    o += 1;
                }
                times.push(t);
                touchpoints.push(tp);
                amounts.push(a);
            }
            times.extend_from_slice(&self.times[o..end]);
            touchpoints.extend_from_slice(&self.touchpoints[o..end]);
            amounts.extend_from_slice(&self.amounts[o..end]);
            copied = end;
            next_customer = c + 1;
            i = j;
        }
        push_offsets(
            &mut offsets,
            next_customer,
            customer_count + 1,
            events.len(),
        );
        times.extend_from_slice(&self.times[copied..]);
        touchpoints.extend_from_slice(&self.touchpoints[copied..]);
        amounts.extend_from_slice(&self.amounts[copied..]);
        debug_assert_eq!(offsets.len(), customer_count + 1);
        debug_assert_eq!(times.len(), total);
        let log = EventLog {
            customer_names,
            touchpoint_names,
            has_amounts,
            offsets,
            times,
            touchpoints,
            amounts,
            zone: self.zone.clone(),
            touchpoint_sets: OnceLock::new(),
        };
        // The customers' touchpoint sets, if the old log has them: its sets with the
        // batch's events added (what a scan of the new log would give), within the same
        // memory budget as a set built on first use.
        if let Some(Some(old)) = self.touchpoint_sets.get()
            && log.column_bytes() + customer_count * size_of::<u32>() <= MAX_BYTES_PER_EVENT * total
        {
            let mut sets = Vec::with_capacity(customer_count);
            sets.extend_from_slice(old);
            sets.resize(customer_count, 0);
            for &(c, _, tp, _) in &events {
                sets[c as usize] |= touchpoint_set(&[tp]);
            }
            let _ = log.touchpoint_sets.set(Some(sets));
        }
        Ok(log)
    }
}
