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
    /// the batch brings new customers. Costs one copy of the columns plus what
    /// [`EventLog::append`] costs; a caller that holds the only reference appends in place.
    pub fn appended(&self, batch: EventBatch) -> Result<EventLog, Error> {
        self.check_batch(&batch)?;
        let mut log = self.clone();
        log.append(batch)?;
        // A copy holds exactly its events, as a log built from scratch does.
        log.offsets.shrink_to_fit();
        log.times.shrink_to_fit();
        log.touchpoints.shrink_to_fit();
        log.amounts.shrink_to_fit();
        Ok(log)
    }

    fn check_batch(&self, batch: &EventBatch) -> Result<usize, Error> {
        if batch.base_customers != self.customer_count()
            || batch.base_touchpoints != self.touchpoint_count()
        {
            return Err(Error::StaleBatch);
        }
        self.times
            .len()
            .checked_add(batch.events.len())
            .filter(|&t| t <= MAX_EVENTS)
            .ok_or(Error::TooManyEvents { max: MAX_EVENTS })
    }

    /// Adds the batch's customers, touchpoints and events to this log in place: afterwards
    /// it is the log [`EventLog::appended`] would make, without copying the columns. The
    /// columns grow at their end (with a little room to spare, so a stream of small batches
    /// rarely reallocates; within [`MAX_BYTES_PER_EVENT`]) and only the events after the
    /// first customer with new events move, merged from the back: new customers' events
    /// move nothing. On an error the log is unchanged.
    pub fn append(&mut self, batch: EventBatch) -> Result<(), Error> {
        let total = self.check_batch(&batch)?;
        let EventBatch {
            customer_names: new_customers,
            touchpoint_names: new_touchpoints,
            mut events,
            ..
        } = batch;
        let n = self.times.len();
        let old_customers = self.customer_count();
        let customer_count = old_customers + new_customers.len();
        // A batch made for this log cannot name a customer it has
        // (`EventBatch::new_customer` refused them); checked before anything changes.
        if new_customers
            .iter()
            .any(|name| self.customer_names.find(name).is_some())
        {
            return Err(Error::StaleBatch);
        }
        if !new_customers.is_empty() {
            // Copied first only when another log shares the names.
            let names = Arc::make_mut(&mut self.customer_names);
            for (i, name) in new_customers.iter().enumerate() {
                if names.intern(name) as usize != old_customers + i {
                    return Err(Error::StaleBatch);
                }
            }
        }
        self.touchpoint_names.extend(new_touchpoints);

        events.sort_unstable_by(|a, b| {
            (a.0, a.1, a.2)
                .cmp(&(b.0, b.1, b.2))
                .then(a.3.total_cmp(&b.3))
        });
        self.has_amounts = self.has_amounts || events.iter().any(|e| e.3 != 0.0);

        // Room for the new events, and about 1.5 % more for the next batches.
        let grow = |len: usize, cap: usize| (total > cap).then(|| total - len + n / 64);
        if let Some(more) = grow(self.times.len(), self.times.capacity()) {
            self.times.reserve_exact(more);
        }
        if let Some(more) = grow(self.touchpoints.len(), self.touchpoints.capacity()) {
            self.touchpoints.reserve_exact(more);
        }
        if let Some(more) = grow(self.amounts.len(), self.amounts.capacity()) {
            self.amounts.reserve_exact(more);
        }
        self.times.resize(total, 0);
        self.touchpoints.resize(total, 0);
        self.amounts.resize(total, 0.0);

        // From the last customer with new events to the first: the old events after its
        // run move up by the new events at or after it, then its run and its new events are
        // merged from the back (an old event equal to a new one stays before it, as a
        // build from scratch orders them).
        let old_start = |offsets: &[u32], c: usize| offsets[c.min(old_customers)] as usize;
        let (mut read_end, mut write_end, mut j) = (n, total, events.len());
        while j > 0 {
            let c = events[j - 1].0 as usize;
            let mut i = j - 1;
            while i > 0 && events[i - 1].0 as usize == c {
                i -= 1;
            }
            let (start, end) = (old_start(&self.offsets, c), old_start(&self.offsets, c + 1));
            let after = read_end - end;
            if after > 0 && write_end != read_end {
                self.times.copy_within(end..read_end, write_end - after);
                self.touchpoints
                    .copy_within(end..read_end, write_end - after);
                self.amounts.copy_within(end..read_end, write_end - after);
            }
            write_end -= after;
            let mut o = end;
            for &(_, t, tp, a) in events[i..j].iter().rev() {
                while o > start
                    && (self.times[o - 1], self.touchpoints[o - 1])
                        .cmp(&(t, tp))
                        .then(self.amounts[o - 1].total_cmp(&a))
                        .is_gt()
                {
                    o -= 1;
                    write_end -= 1;
                    self.times[write_end] = self.times[o];
                    self.touchpoints[write_end] = self.touchpoints[o];
                    self.amounts[write_end] = self.amounts[o];
                }
                write_end -= 1;
                self.times[write_end] = t;
                self.touchpoints[write_end] = tp;
                self.amounts[write_end] = a;
            }
            // The rest of the run moves up by the events placed so far.
            if o > start && write_end != o {
                self.times.copy_within(start..o, write_end - (o - start));
                self.touchpoints
                    .copy_within(start..o, write_end - (o - start));
                self.amounts.copy_within(start..o, write_end - (o - start));
            }
            write_end -= o - start;
            read_end = start;
            j = i;
        }
        debug_assert_eq!(write_end, read_end);

        // Each customer's offset moves by the new events of the customers before it.
        let mut added = 0u32;
        let mut e = 0;
        let first = events
            .first()
            .map_or(old_customers, |e| e.0 as usize)
            .min(old_customers);
        self.offsets.reserve_exact(new_customers.len());
        for c in first + 1..=customer_count {
            while e < events.len() && (events[e].0 as usize) < c {
                e += 1;
                added += 1;
            }
            if c <= old_customers {
                self.offsets[c] += added;
            } else {
                self.offsets.push(n as u32 + added);
            }
        }
        debug_assert_eq!(self.offsets.len(), customer_count + 1);

        // The customers' touchpoint sets, if the log has them: with the batch's events
        // added (what a scan of the new log would give), within the same memory budget as
        // a set built on first use; else built again when next needed.
        let fits =
            self.column_bytes() + customer_count * size_of::<u32>() <= MAX_BYTES_PER_EVENT * total;
        match self.touchpoint_sets.get_mut() {
            Some(Some(sets)) if fits => {
                sets.reserve_exact(customer_count - sets.len());
                sets.resize(customer_count, 0);
                for &(c, _, tp, _) in &events {
                    sets[c as usize] |= touchpoint_set(&[tp]);
                }
            }
            _ => self.touchpoint_sets = OnceLock::new(),
        }
        Ok(())
    }
}
