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
//! the number of customers, not of events. Beside the columns a log keeps one index, built
//! on first use: each customer's set of touchpoints (4 bytes per customer, see
//! [`EventLog::touchpoint_sets`]), only while columns and index stay within 24 bytes per
//! event.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use serde::Serialize;

use crate::names::NameTable;
use crate::{Error, par};

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
/// The memory budget of a log's columns and indexes, per event.
pub const MAX_BYTES_PER_EVENT: usize = 24;

/// The set of touchpoints among some events, as [`EventLog::touchpoint_sets`] keeps it.
pub(crate) fn touchpoint_set(touchpoints: &[u16]) -> u32 {
    touchpoints
        .iter()
        .fold(0, |set, &tp| set | 1 << (u32::from(tp) % u32::BITS))
}

/// Collects events in any order, interning names, and sorts them once in [`build`](Self::build).
#[derive(Debug, Default)]
pub struct EventLogBuilder {
    customer_names: NameTable,
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
        CustomerId(self.customer_names.intern(name))
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

    /// Sorts the events by customer, then time, then touchpoint (then amount), and packs them.
    ///
    /// Events that already come in that order — as a store delivers them from an index on
    /// (customer, time) — are recognised in one read of the columns, which are then kept
    /// as they are: only the customer offsets are computed, a fraction of the sort's work
    /// (see `bench/RESULTS.md`).
    ///
    /// A two-pass counting sort by customer, in linear time: customers are cut into blocks
    /// of a few thousand events, the first pass streams every event into its block (one
    /// sequential output per block, so the writes stay cache- and TLB-friendly), and the
    /// second pass, block by block, places each event in its customer's run in a small
    /// buffer that stays in cache, sorts the runs by time and copies them out into the
    /// columns, reusing the input buffers. Both passes are split over threads for large logs.
    pub fn build(self) -> EventLog {
        let EventLogBuilder {
            mut customer_names,
            touchpoint_names,
            customers,
            times,
            touchpoints,
            amounts,
            ..
        } = self;
        let threads = par::threads_for(times.len());
        let (offsets, times, touchpoints, amounts, has_amounts) = match sorted_offsets(
            threads,
            customer_names.len(),
            &customers,
            &times,
            &touchpoints,
            &amounts,
        ) {
            // Already in log order (as a store delivers it from its (customer, time)
            // index): the columns are kept as they are.
            Some((offsets, has_amounts)) => {
                drop(customers);
                let (mut times, mut touchpoints, mut amounts) = (times, touchpoints, amounts);
                times.shrink_to_fit();
                touchpoints.shrink_to_fit();
                amounts.shrink_to_fit();
                (offsets, times, touchpoints, amounts, has_amounts)
            }
            None => sort_by_customer(
                threads,
                customer_names.len(),
                customers,
                times,
                touchpoints,
                amounts,
            ),
        };
        customer_names.shrink_to_fit();
        let mut touchpoint_names = touchpoint_names;
        touchpoint_names.shrink_to_fit();
        EventLog {
            customer_names: Arc::new(customer_names),
            touchpoint_names,
            has_amounts,
            offsets,
            times,
            touchpoints,
            amounts,
            zone: crate::civil::Zone::utc(),
            touchpoint_sets: OnceLock::new(),
        }
    }
}

/// Whether event `i` comes strictly after event `i - 1` in log order or equals it: by
/// customer, time, touchpoint, then amount (`total_cmp`, as the sort uses).
fn in_order(
    customers: &[u32],
    times: &[i64],
    touchpoints: &[u16],
    amounts: &[f64],
    i: usize,
) -> bool {
    let (a, b) = (i - 1, i);
    (customers[a], times[a], touchpoints[a])
        .cmp(&(customers[b], times[b], touchpoints[b]))
        .then_with(|| amounts[a].total_cmp(&amounts[b]))
        .is_le()
}

/// Pieces of work per thread in the parallel passes of the build: threads take the next
/// piece when free, so a thread that gets less CPU on a busy machine does fewer.
const PIECES_PER_THREAD: usize = 4;

/// If the events already come in log order, their customer offsets and whether any amount
/// is non-zero, so that [`EventLogBuilder::build`] can keep the columns as they are; else
/// `None`. One parallel read of the columns checks the order and writes the offsets at
/// once; shuffled input is rejected within the first events of each piece.
fn sorted_offsets(
    threads: usize,
    customer_count: usize,
    customers: &[u32],
    times: &[i64],
    touchpoints: &[u16],
    amounts: &[f64],
) -> Option<(Vec<u32>, bool)> {
    let n = times.len();
    let pieces = (threads * PIECES_PER_THREAD).clamp(1, n.max(1));
    let per_piece = n.div_ceil(pieces).max(1);
    let ranges: Vec<Range<usize>> = (0..pieces)
        .map(|k| (k * per_piece).min(n)..((k + 1) * per_piece).min(n))
        .filter(|r| !r.is_empty())
        .collect();
    // Piece k writes the offsets of the customers after the one before its first event, up
    // to its last event's customer; the last piece also the rest. Customers that go down
    // between pieces mean the input is not sorted.
    let customer_before = |r: &Range<usize>| {
        if r.start == 0 {
            0
        } else {
            customers[r.start - 1] as usize + 1
        }
    };
    let mut lengths = Vec::with_capacity(ranges.len());
    for (k, r) in ranges.iter().enumerate() {
        let end = if k + 1 == ranges.len() {
            customer_count + 1
        } else {
            customers[r.end - 1] as usize + 1
        };
        lengths.push(end.checked_sub(customer_before(r))?);
    }
    let mut offsets = vec![0u32; customer_count + 1];
    if ranges.is_empty() {
        return Some((offsets, false));
    }
    let work: Vec<_> = ranges
        .into_iter()
        .zip(par::split_lengths(&mut offsets, lengths))
        .collect();
    let parts = par::map(work, threads, |(range, out)| {
        let base = customer_before(&range);
        // `next` is the first customer whose offset is not yet written.
        let mut next = base;
        let mut any_amount = false;
        for i in range {
            if i > 0 {
                // Customers and times decide almost every comparison; the rest only ties.
                let (c0, c1) = (customers[i - 1], customers[i]);
                let ordered = c0 < c1
                    || (c0 == c1
                        && (times[i - 1] < times[i]
                            || (times[i - 1] == times[i]
                                && in_order(customers, times, touchpoints, amounts, i))));
                if !ordered {
                    return None;
                }
            }
            let c = customers[i] as usize;
            if c >= next {
                // A customer beyond the piece's last one: a later event of the piece is
                // out of order.
                out.get_mut(next - base..=c - base)?.fill(i as u32);
                next = c + 1;
            }
            any_amount |= amounts[i] != 0.0;
        }
        out[next - base..].fill(n as u32);
        Some(any_amount)
    });
    let mut has_amounts = false;
    for part in parts {
        has_amounts |= part?;
    }
    Some((offsets, has_amounts))
}

/// Aim for about this many blocks of customers in the build: few enough that the first
/// pass writes one stream per block without thrashing the TLB, many enough that a block's
/// buffer in the second pass stays in cache.
const TARGET_BLOCKS: usize = 128;
/// At most 2^15 customers per block: a staged event keeps its customer in 15 bits.
const MAX_BLOCK_SHIFT: u32 = 15;

/// A staged event packed in 64 bits: time − min time (32 bits, when all times fit), the
/// customer within its block (15 bits), the touchpoint (16 bits) and whether the amount is
/// non-zero (1 bit; the amount itself goes to a side buffer, so zero amounts cost nothing).
fn stage(time_offset: u64, local_customer: u32, touchpoint: u16, has_amount: bool) -> u64 {
    time_offset << 32
        | u64::from(local_customer) << 17
        | u64::from(touchpoint) << 1
        | u64::from(has_amount)
}

/// What the counting pass learns about one chunk of the input.
struct ChunkCounts {
    /// Events per block.
    events: Vec<usize>,
    /// Events with a non-zero amount per block.
    amounts: Vec<usize>,
    min_time: i64,
    max_time: i64,
}

/// One input chunk's events, staged by block.
struct Staged {
    keys: Vec<u64>,
    amounts: Vec<f64>,
    /// The times, when they do not fit in the keys; else empty.
    wide_times: Vec<i64>,
    /// Where each block starts in `keys` and in `amounts` (one more entry than blocks).
    event_starts: Vec<usize>,
    amount_starts: Vec<usize>,
}

/// Exclusive prefix sums, with the total as the last entry.
fn starts_of(counts: &[usize]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(counts.len() + 1);
    let mut at = 0;
    for &k in counts {
        starts.push(at);
        at += k;
    }
    starts.push(at);
    starts
}

/// See [`EventLogBuilder::build`]. Returns the offsets and the columns, sorted.
fn sort_by_customer(
    threads: usize,
    customer_count: usize,
    customers: Vec<u32>,
    mut times: Vec<i64>,
    mut touchpoints: Vec<u16>,
    mut amounts: Vec<f64>,
) -> (Vec<u32>, Vec<i64>, Vec<u16>, Vec<f64>, bool) {
    let n = times.len();
    // Blocks of 2^shift consecutive customers.
    let per_block = (customer_count / TARGET_BLOCKS).max(1);
    let shift = per_block.ilog2().min(MAX_BLOCK_SHIFT);
    let local_mask = (1u32 << shift) - 1;
    let blocks = (customer_count >> shift) + 1;
    let block_customers =
        |b: usize| (b << shift).min(customer_count)..((b + 1) << shift).min(customer_count);
    // Counting pass: events and non-zero amounts per block in each input chunk (one chunk
    // per thread), and the span of the times.
    let pieces = if threads > 1 {
        threads * PIECES_PER_THREAD
    } else {
        1
    };
    let chunk = n.div_ceil(pieces).max(1);
    let input_ranges: Vec<Range<usize>> = (0..pieces)
        .map(|t| (t * chunk).min(n)..((t + 1) * chunk).min(n))
        .collect();
    let counts: Vec<ChunkCounts> = par::map(input_ranges.clone(), threads, |range| {
        let mut counts = ChunkCounts {
            events: vec![0; blocks],
            amounts: vec![0; blocks],
            min_time: i64::MAX,
            max_time: i64::MIN,
        };
        for ((&c, &t), &a) in customers[range.clone()]
            .iter()
            .zip(&times[range.clone()])
            .zip(&amounts[range])
        {
            let b = (c >> shift) as usize;
            counts.events[b] += 1;
            counts.amounts[b] += usize::from(a.to_bits() != 0);
            counts.min_time = counts.min_time.min(t);
            counts.max_time = counts.max_time.max(t);
        }
        counts
    });
    let min_time = counts.iter().map(|c| c.min_time).min().unwrap_or(0);
    let max_time = counts.iter().map(|c| c.max_time).max().unwrap_or(0);
    let has_amounts = counts.iter().any(|c| c.amounts.iter().any(|&k| k > 0));
    // Times are staged as offsets from the minimum when they fit in 32 bits (a span of
    // 136 years in seconds), else in a separate buffer.
    let narrow = (i128::from(max_time) - i128::from(min_time)) < (1i128 << 32);
    // Where each block's events start in the sorted columns.
    let block_events: Vec<usize> = (0..blocks)
        .map(|b| counts.iter().map(|c| c.events[b]).sum())
        .collect();
    let block_starts = starts_of(&block_events);
    // Pass 1: every input chunk streams its events into blocks.
    let staged: Vec<Staged> = par::map(
        input_ranges.into_iter().zip(counts).collect(),
        threads,
        |(range, counts)| {
            let event_starts = starts_of(&counts.events);
            let amount_starts = starts_of(&counts.amounts);
            let mut cursor = event_starts[..blocks].to_vec();
            let mut amount_cursor = amount_starts[..blocks].to_vec();
            let mut keys = vec![0u64; range.len()];
            let mut staged_amounts = vec![0.0; amount_starts[blocks]];
            let mut wide_times = if narrow {
                Vec::new()
            } else {
                vec![0; range.len()]
            };
            for i in range {
                let c = customers[i];
                let b = (c >> shift) as usize;
                let amount = amounts[i];
                let has_amount = amount.to_bits() != 0;
                let at = cursor[b];
                let offset = if narrow {
                    times[i].wrapping_sub(min_time) as u64
                } else {
                    wide_times[at] = times[i];
                    0
                };
                keys[at] = stage(offset, c & local_mask, touchpoints[i], has_amount);
                cursor[b] = at + 1;
                if has_amount {
                    staged_amounts[amount_cursor[b]] = amount;
                    amount_cursor[b] += 1;
                }
            }
            Staged {
                keys,
                amounts: staged_amounts,
                wide_times,
                event_starts,
                amount_starts,
            }
        },
    );
    drop(customers);
    // Pass 2: ranges of blocks with about equal numbers of events, one per thread, each
    // writing its own part of the offsets and of the columns (in the input buffers, which
    // are free now).
    let mut cuts = vec![0usize];
    for t in 1..pieces {
        let goal = n * t / pieces;
        let b = block_starts[..blocks].partition_point(|&s| s < goal);
        cuts.push(b.max(*cuts.last().unwrap_or(&0)));
    }
    cuts.push(blocks);
    let mut offsets = vec![0u32; customer_count + 1];
    offsets[customer_count] = n as u32;
    let event_lengths = || {
        cuts.windows(2)
            .map(|w| block_starts[w[1]] - block_starts[w[0]])
    };
    let customer_lengths = cuts
        .windows(2)
        .map(|w| block_customers(w[1]).start - block_customers(w[0]).start);
    let work: Vec<_> = cuts
        .windows(2)
        .zip(par::split_lengths(&mut offsets, customer_lengths))
        .zip(par::split_lengths(&mut times, event_lengths()))
        .zip(par::split_lengths(&mut touchpoints, event_lengths()))
        .zip(par::split_lengths(&mut amounts, event_lengths()))
        .map(|((((w, o), t), tp), a)| (w[0]..w[1], o, t, tp, a))
        .collect();
    par::map(
        work,
        threads,
        |(block_range, offsets, times, touchpoints, amounts)| {
            let event_base = block_starts[block_range.start];
            let customer_base = block_customers(block_range.start).start;
            let mut buffer: Vec<(u64, f64)> = Vec::new();
            let mut wide_buffer: Vec<(i64, u16, f64)> = Vec::new();
            let mut cursor: Vec<u32> = Vec::new();
            for b in block_range {
                let customers = block_customers(b);
                let first = block_starts[b];
                let len = block_events[b];
                // Count the block's events per customer, then turn counts into run starts.
                cursor.clear();
                cursor.resize(customers.len() + 1, 0);
                for_each_staged(&staged, b, |key, _, _| {
                    cursor[(key >> 17) as usize & local_mask as usize] += 1;
                });
                let mut at = 0u32;
                for (c, k) in customers.clone().zip(cursor.iter_mut()) {
                    offsets[c - customer_base] = (first + at as usize) as u32;
                    let count = *k;
                    *k = at;
                    at += count;
                }
                cursor[customers.len()] = at;
                let run_bounds = |cursor: &[u32]| {
                    let ends = cursor.to_vec();
                    (0..customers.len()).map(move |i| {
                        let start = if i == 0 { 0 } else { ends[i - 1] as usize };
                        start..ends[i] as usize
                    })
                };
                let out = first - event_base;
                let (times, touchpoints, amounts) = (
                    &mut times[out..out + len],
                    &mut touchpoints[out..out + len],
                    &mut amounts[out..out + len],
                );
                if narrow {
                    // Sort the staged keys themselves: within a customer they order by time,
                    // then touchpoint.
                    buffer.clear();
                    buffer.resize(len, (0, 0.0));
                    for_each_staged(&staged, b, |key, _, amount| {
                        let slot = &mut cursor[(key >> 17) as usize & local_mask as usize];
                        buffer[*slot as usize] = (key, amount);
                        *slot += 1;
                    });
                    // After placing, cursor[i] is where customer i's run ends.
                    for run in run_bounds(&cursor) {
                        sort_keyed_run(&mut buffer[run]);
                    }
                    for (j, &(key, amount)) in buffer.iter().enumerate() {
                        times[j] = min_time.wrapping_add((key >> 32) as i64);
                        touchpoints[j] = (key >> 1) as u16;
                        amounts[j] = amount;
                    }
                } else {
                    wide_buffer.clear();
                    wide_buffer.resize(len, (0, 0, 0.0));
                    for_each_staged(&staged, b, |key, time, amount| {
                        let slot = &mut cursor[(key >> 17) as usize & local_mask as usize];
                        wide_buffer[*slot as usize] = (time, (key >> 1) as u16, amount);
                        *slot += 1;
                    });
                    for run in run_bounds(&cursor) {
                        sort_run(&mut wide_buffer[run]);
                    }
                    for (j, &(t, tp, a)) in wide_buffer.iter().enumerate() {
                        times[j] = t;
                        touchpoints[j] = tp;
                        amounts[j] = a;
                    }
                }
            }
        },
    );
    drop(staged);
    times.shrink_to_fit();
    touchpoints.shrink_to_fit();
    amounts.shrink_to_fit();
    (offsets, times, touchpoints, amounts, has_amounts)
}

/// The staged events of block `b`, in input order, as (key, time, amount); the time is
/// only read from the staging buffers when times do not fit in the key.
fn for_each_staged(staged: &[Staged], b: usize, mut f: impl FnMut(u64, i64, f64)) {
    for part in staged {
        let mut next_amount = part.amount_starts[b];
        for i in part.event_starts[b]..part.event_starts[b + 1] {
            let key = part.keys[i];
            let time = part.wide_times.get(i).copied().unwrap_or(0);
            let amount = if key & 1 == 1 {
                next_amount += 1;
                part.amounts[next_amount - 1]
            } else {
                0.0
            };
            f(key, time, amount);
        }
    }
}

/// Sorts one customer's staged (key, amount) pairs by time and touchpoint (the key without
/// its amount bit), then amount: an insertion sort, as runs are short.
fn sort_keyed_run(run: &mut [(u64, f64)]) {
    let less = |a: &(u64, f64), b: &(u64, f64)| {
        let (ka, kb) = (a.0 >> 1, b.0 >> 1);
        ka < kb || (ka == kb && a.1.total_cmp(&b.1).is_lt())
    };
    if run.len() > 32 {
        run.sort_unstable_by(|a, b| (a.0 >> 1).cmp(&(b.0 >> 1)).then(a.1.total_cmp(&b.1)));
        return;
    }
    for i in 1..run.len() {
        let item = run[i];
        let mut j = i;
        while j > 0 && less(&item, &run[j - 1]) {
            run[j] = run[j - 1];
            j -= 1;
        }
        run[j] = item;
    }
}

/// Sorts one customer's events by time, then touchpoint, then amount. Runs are short, so
/// an insertion sort, which also leaves already sorted runs alone in one pass.
fn sort_run(run: &mut [(i64, u16, f64)]) {
    let order = |a: &(i64, u16, f64), b: &(i64, u16, f64)| {
        (a.0, a.1).cmp(&(b.0, b.1)).then(a.2.total_cmp(&b.2))
    };
    if run.len() > 32 {
        run.sort_unstable_by(order);
        return;
    }
    for i in 1..run.len() {
        let item = run[i];
        let mut j = i;
        while j > 0 && order(&item, &run[j - 1]).is_lt() {
            run[j] = run[j - 1];
            j -= 1;
        }
        run[j] = item;
    }
}

/// Events sorted by customer, then time; see the module docs for the memory layout.
#[derive(Debug, Clone, Default)]
pub struct EventLog {
    /// Shared between a log and the logs [`EventLog::appended`] makes from it until a batch
    /// brings new customers.
    pub(crate) customer_names: Arc<NameTable>,
    pub(crate) touchpoint_names: Vec<String>,
    /// Whether any event has a non-zero amount (scans that only sum amounts skip the
    /// column when none has).
    pub(crate) has_amounts: bool,
    /// `offsets[c]..offsets[c + 1]` are the events of customer `c`.
    pub(crate) offsets: Vec<u32>,
    pub(crate) times: Vec<i64>,
    pub(crate) touchpoints: Vec<u16>,
    pub(crate) amounts: Vec<f64>,
    /// The business's time zone: calendar periods (months of cohorts, revenue, churn) start
    /// at its local midnight. UTC unless set.
    pub(crate) zone: crate::civil::Zone,
    /// Built on first use by [`EventLog::touchpoint_sets`]; see there.
    pub(crate) touchpoint_sets: OnceLock<Option<Vec<u32>>>,
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
    /// A log from checked columns (see `event_log_file`).
    pub(crate) fn from_parts(
        customer_names: NameTable,
        touchpoint_names: Vec<String>,
        has_amounts: bool,
        offsets: Vec<u32>,
        times: Vec<i64>,
        touchpoints: Vec<u16>,
        amounts: Vec<f64>,
    ) -> EventLog {
        EventLog {
            customer_names: Arc::new(customer_names),
            touchpoint_names,
            has_amounts,
            offsets,
            times,
            touchpoints,
            amounts,
            zone: crate::civil::Zone::utc(),
            touchpoint_sets: OnceLock::new(),
        }
    }

    /// Sets the time zone whose calendar [`EventLog::period_key`] uses.
    pub fn set_zone(&mut self, zone: crate::civil::Zone) {
        self.zone = zone;
    }

    pub fn zone(&self) -> &crate::civil::Zone {
        &self.zone
    }

    /// The period that contains a Unix time on the business's calendar.
    pub fn period_key(&self, period: crate::Period, unix_seconds: i64) -> crate::PeriodKey {
        self.zone.key_of(period, unix_seconds)
    }

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
        self.customer_names.name(id.0 as usize)
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

    /// Looks a customer up by name (a hash lookup).
    pub fn customer_id(&self, name: &str) -> Option<CustomerId> {
        self.customer_names.find(name).map(CustomerId)
    }

    /// Whether any event has a non-zero amount.
    pub fn has_amounts(&self) -> bool {
        self.has_amounts
    }

    /// `offsets[c]..offsets[c + 1]` are the indices of customer `c`'s events.
    pub(crate) fn offsets(&self) -> &[u32] {
        &self.offsets
    }

    /// The events of one customer.
    #[inline]
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

    /// Heap bytes held by the indexes built on first use ([`EventLog::touchpoint_sets`]).
    pub fn index_bytes(&self) -> usize {
        match self.touchpoint_sets.get() {
            Some(Some(sets)) => sets.capacity() * size_of::<u32>(),
            _ => 0,
        }
    }

    /// Per customer, the set of touchpoints among its events: bit `tp % 32` for touchpoint
    /// `tp` (exact with up to 32 touchpoints; with more, a bit stands for several, so a set
    /// bit says "maybe" and a clear bit "none"). The funnel scans skip customers who lack a
    /// step this way without reading their events. Built on first use, in one parallel pass
    /// over the touchpoints, and kept with the log (4 bytes per customer) — but only when
    /// the log stays within 24 bytes per event with it; else `None`, and the scans read
    /// every customer.
    pub(crate) fn touchpoint_sets(&self) -> Option<&[u32]> {
        self.touchpoint_sets
            .get_or_init(|| {
                let customers = self.customer_count();
                let fits = self.column_bytes() + customers * size_of::<u32>()
                    <= MAX_BYTES_PER_EVENT * self.event_count();
                fits.then(|| {
                    let mut sets = vec![0u32; customers];
                    let chunks = par::customer_chunks(self, par::CHUNK_EVENTS);
                    let work: Vec<_> = chunks
                        .iter()
                        .cloned()
                        .zip(par::split_lengths(
                            &mut sets,
                            chunks.iter().map(|r| r.len()),
                        ))
                        .collect();
                    par::map(
                        work,
                        par::threads_for(self.event_count()),
                        |(range, out)| {
                            for (c, set) in range.zip(out.iter_mut()) {
                                let events = self.offsets[c] as usize..self.offsets[c + 1] as usize;
                                *set = touchpoint_set(&self.touchpoints[events]);
                            }
                        },
                    );
                    sets
                })
            })
            .as_deref()
    }

    /// Heap bytes held by the interned names, by capacity.
    pub fn name_bytes(&self) -> usize {
        let strings = |names: &Vec<String>| {
            names.capacity() * size_of::<String>()
                + names.iter().map(String::capacity).sum::<usize>()
        };
        self.customer_names.heap_bytes() + strings(&self.touchpoint_names)
    }

    /// Column and index bytes per event: at most 22 by construction for the columns (18
    /// per event, 4 per customer), and at most [`MAX_BYTES_PER_EVENT`] with the indexes
    /// built on first use (which are only built within that budget).
    pub fn bytes_per_event(&self) -> f64 {
        if self.times.is_empty() {
            return 0.0;
        }
        (self.column_bytes() + self.index_bytes()) as f64 / self.times.len() as f64
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
    fn parallel_build_sorts_like_a_plain_sort() {
        // Few customers with many events, many with one, ties in time and touchpoint.
        let mut state = 7u64;
        let mut next = |n: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 33) % n
        };
        let n = 20_000;
        let customer_count = 3_000;
        let narrow: Vec<(u32, i64, u16, f64)> = (0..n)
            .map(|i| {
                let c = if i % 3 == 0 {
                    next(5)
                } else {
                    next(customer_count)
                } as u32;
                (c, next(50) as i64 - 25, next(4) as u16, next(3) as f64)
            })
            .collect();
        // Times spanning more than 2^32 seconds, and signed zero and negative amounts.
        let mut wide = narrow.clone();
        wide[5].1 = i64::MIN;
        wide[6].1 = i64::MAX;
        wide[7].3 = -0.0;
        wide[8].3 = -1.5;
        wide[9] = (wide[10].0, wide[10].1, wide[10].2, -0.0);
        for mut events in [narrow, wide] {
            let columns = (
                events.iter().map(|e| e.0).collect::<Vec<_>>(),
                events.iter().map(|e| e.1).collect::<Vec<_>>(),
                events.iter().map(|e| e.2).collect::<Vec<_>>(),
                events.iter().map(|e| e.3).collect::<Vec<_>>(),
            );
            events.sort_by(|a, b| {
                (a.0, a.1, a.2)
                    .cmp(&(b.0, b.1, b.2))
                    .then(a.3.total_cmp(&b.3))
            });
            for threads in [1, 2, 3] {
                let (offsets, times, touchpoints, amounts, _) = sort_by_customer(
                    threads,
                    customer_count as usize + 2,
                    columns.0.clone(),
                    columns.1.clone(),
                    columns.2.clone(),
                    columns.3.clone(),
                );
                assert_eq!(offsets.len(), customer_count as usize + 3);
                assert_eq!(offsets[customer_count as usize + 2] as usize, n);
                for (i, e) in events.iter().enumerate() {
                    let c = e.0 as usize;
                    assert!(offsets[c] as usize <= i && i < offsets[c + 1] as usize);
                    assert_eq!(
                        (times[i], touchpoints[i], amounts[i].to_bits()),
                        (e.1, e.2, e.3.to_bits())
                    );
                }
            }
        }
    }

    /// Builds a log from events given by ids, in the given order, with `customers`
    /// customers interned first.
    fn build_from(customers: u32, events: &[(u32, i64, u16, f64)]) -> EventLog {
        let mut b = EventLogBuilder::with_capacity(events.len());
        for c in 0..customers {
            b.customer(&c.to_string());
        }
        for tp in 0..4 {
            b.touchpoint(&tp.to_string()).unwrap();
        }
        for &(c, t, tp, a) in events {
            b.push_ids(CustomerId(c), t, TouchpointId(tp), a).unwrap();
        }
        b.build()
    }

    fn columns(log: &EventLog) -> (Vec<u32>, Vec<i64>, Vec<u16>, Vec<u64>) {
        (
            log.offsets.clone(),
            log.times.clone(),
            log.touchpoints.clone(),
            log.amounts.iter().map(|a| a.to_bits()).collect(),
        )
    }

    proptest::proptest! {
        /// The pre-sorted path (columns kept as they are) and the sorting path give the
        /// same log as a plain reference sort, for any order of the same events.
        #[test]
        fn sorted_and_shuffled_input_build_the_same_log(
            customers in 1u32..40,
            raw in proptest::collection::vec(
                (0u32..1000, -3i64..6, 0u16..4, proptest::prop_oneof![
                    proptest::strategy::Just(0.0f64), proptest::strategy::Just(-0.0f64),
                    proptest::strategy::Just(2.5f64), -5.0f64..5.0]),
                0..300),
            wide in proptest::bool::ANY,
        ) {
            let mut events: Vec<(u32, i64, u16, f64)> = raw
                .into_iter()
                .map(|(c, t, tp, a)| (c % customers, if wide { t * (1 << 40) } else { t }, tp, a))
                .collect();
            let shuffled = build_from(customers, &events);
            events.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)).then(a.3.total_cmp(&b.3)));
            let sorted = build_from(customers, &events);
            // The reference: offsets by counting, columns from the plain sort.
            let mut offsets = vec![0u32; customers as usize + 1];
            for e in &events {
                offsets[e.0 as usize + 1] += 1;
            }
            for c in 0..customers as usize {
                offsets[c + 1] += offsets[c];
            }
            let reference = (
                offsets,
                events.iter().map(|e| e.1).collect::<Vec<_>>(),
                events.iter().map(|e| e.2).collect::<Vec<_>>(),
                events.iter().map(|e| e.3.to_bits()).collect::<Vec<_>>(),
            );
            proptest::prop_assert_eq!(columns(&sorted), reference.clone());
            proptest::prop_assert_eq!(columns(&shuffled), reference);
        }
    }

    #[test]
    fn sorted_input_is_recognised_and_kept() {
        let events: Vec<(u32, i64, u16, f64)> = vec![
            (0, 1, 0, 0.0),
            (0, 1, 1, 0.0),
            (2, 0, 0, 1.0),
            (2, 0, 0, 2.0),
        ];
        let (c, t, tp, a): (Vec<u32>, Vec<i64>, Vec<u16>, Vec<f64>) = (
            events.iter().map(|e| e.0).collect(),
            events.iter().map(|e| e.1).collect(),
            events.iter().map(|e| e.2).collect(),
            events.iter().map(|e| e.3).collect(),
        );
        for threads in 1..4 {
            assert_eq!(
                sorted_offsets(threads, 4, &c, &t, &tp, &a),
                Some((vec![0, 2, 2, 4, 4], true))
            );
        }
        // One tie out of order, in the amount only; customers going down between pieces.
        let mut a2 = a.clone();
        a2.swap(2, 3);
        let mut c2 = c.clone();
        c2.swap(0, 3);
        for threads in 1..4 {
            assert_eq!(sorted_offsets(threads, 4, &c, &t, &tp, &a2), None);
            assert_eq!(sorted_offsets(threads, 4, &c2, &t, &tp, &a), None);
        }
        assert_eq!(
            sorted_offsets(2, 3, &[], &[], &[], &[]),
            Some((vec![0; 4], false))
        );
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
