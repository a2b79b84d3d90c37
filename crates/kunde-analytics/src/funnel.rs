//! Funnels over ordered touchpoints within a time window, with ClickHouse's `windowFunnel`
//! semantics, and the reports built from them (counts, drop-off, step times, breakdowns).
//!
//! # Semantics (ClickHouse `windowFunnel(window)(timestamp, cond1, …, condN)`)
//!
//! Per customer, the result is the deepest *level* (number of steps) reached by a chain of
//! events matching the steps in order, whose last step satisfies
//! `timestamp <= first_timestamp + window` (the boundary is inclusive). The events of a
//! customer are scanned in order of (time, step), so events at the same second are taken
//! in step order. For every level the scan keeps one chain — the one with the **latest
//! start** — as ClickHouse does:
//!
//! * an event matching step 1 starts a new chain at level 1 (replacing the older start);
//! * an event matching step k > 1 extends the chain kept at level k − 1 to level k if it is
//!   within the window of that chain's start (it replaces the chain kept at level k);
//! * the scan stops as soon as the last level is reached;
//! * other touchpoints, repeats and back-steps do not break a chain.
//!
//! An event whose touchpoint appears at several steps counts once for each of them, so a
//! single event can fill two consecutive steps with the same touchpoint, as in ClickHouse. The
//! optional modes follow the ClickHouse documentation and source:
//! `strict_order` stops the scan at the first event that is not a funnel step once a chain
//! has started, and ends it with the first missing level when a step comes out of order;
//! `strict_deduplication` ends the scan when an event repeats an already reached step,
//! returning the step of the event before it; `strict_increase` only extends a chain with
//! an event strictly later than the chain's previous step.

use serde::Serialize;

use crate::civil::{Period, PeriodKey};
use crate::stats::{DurationStats, percent};
use crate::{
    CustomerEvents, CustomerId, Error, EventLog, Grouping, TouchpointId,
    event_log::MAX_TOUCHPOINTS, par,
};

/// The most steps a funnel may have (as in ClickHouse).
pub const MAX_FUNNEL_STEPS: usize = 32;

/// ClickHouse's optional `windowFunnel` modes; all off by default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FunnelModes {
    pub strict_order: bool,
    pub strict_deduplication: bool,
    pub strict_increase: bool,
}

/// A validated funnel: 2 to 32 steps and a non-negative window in seconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Funnel {
    steps: Vec<TouchpointId>,
    window: i64,
    modes: FunnelModes,
}

impl Funnel {
    pub fn new(steps: Vec<TouchpointId>, window_seconds: i64) -> Result<Self, Error> {
        if steps.len() < 2 || steps.len() > MAX_FUNNEL_STEPS {
            return Err(Error::FunnelSteps {
                got: steps.len(),
                max: MAX_FUNNEL_STEPS,
            });
        }
        if window_seconds < 0 {
            return Err(Error::NegativeWindow);
        }
        Ok(Self {
            steps,
            window: window_seconds,
            modes: FunnelModes::default(),
        })
    }

    pub fn with_modes(mut self, modes: FunnelModes) -> Self {
        self.modes = modes;
        self
    }

    pub fn steps(&self) -> &[TouchpointId] {
        &self.steps
    }

    pub fn window_seconds(&self) -> i64 {
        self.window
    }

    /// Runs the funnel over every customer of the log, keeping each customer's level and
    /// the times of its chain's steps (for the report's step times and breakdowns).
    pub fn evaluate(&self, log: &EventLog) -> FunnelOutcomes {
        self.evaluate_on(log, par::threads_for(log.event_count()), par::CHUNK_EVENTS)
    }

    fn evaluate_on(&self, log: &EventLog, threads: usize, chunk_events: usize) -> FunnelOutcomes {
        let n = self.steps.len();
        let matcher = Matcher::new(self, log);
        let chunks = par::customer_chunks(log, chunk_events);
        let mut levels = vec![0u8; log.customer_count()];
        let mut times = vec![0i64; log.customer_count() * n];
        let work: Vec<_> = chunks
            .iter()
            .cloned()
            .zip(par::split_lengths(
                &mut levels,
                chunks.iter().map(|r| r.len()),
            ))
            .zip(par::split_lengths(
                &mut times,
                chunks.iter().map(|r| r.len() * n),
            ))
            .collect();
        par::map(work, threads, |((customers, levels), times)| {
            let mut scanner = Scanner::new(n);
            let first = customers.start;
            for c in customers {
                // Customers without a first step stay at level 0 (their times unwritten).
                if matcher.known_level(c, false) == Some(0) {
                    continue;
                }
                let events = log.events_of(CustomerId(c as u32));
                let (level, chain) = scanner.run(self, &matcher, &events);
                let i = c - first;
                levels[i] = level as u8;
                times[i * n..i * n + level].copy_from_slice(chain);
            }
        });
        FunnelOutcomes {
            steps: n,
            levels,
            times,
        }
    }

    /// The funnel's report over the whole log, equal to
    /// `self.evaluate(log).report(log, self)` but without keeping every customer's step
    /// times: each chunk of customers adds its counts, dropped customers and step-to-step
    /// times directly, in customer order, and the step times' quantiles are found per step
    /// in parallel.
    pub fn report(&self, log: &EventLog) -> FunnelReport {
        self.report_on(log, par::threads_for(log.event_count()), par::CHUNK_EVENTS)
    }

    fn report_on(&self, log: &EventLog, threads: usize, chunk_events: usize) -> FunnelReport {
        let n = self.steps.len();
        let matcher = Matcher::new(self, log);
        let chunks = par::customer_chunks(log, chunk_events);
        let parts = par::map(chunks, threads, |customers| {
            let mut scanner = Scanner::new(n);
            let mut reached = vec![0u64; n];
            let mut dropped: Vec<Vec<CustomerId>> = vec![Vec::new(); n];
            let mut gaps: Vec<Vec<f64>> = vec![Vec::new(); n];
            for c in customers {
                let customer = CustomerId(c as u32);
                // Levels 0 and 1 have no step-to-step times to add.
                let (level, times) = match matcher.known_level(c, true) {
                    Some(level) => (level, &[][..]),
                    None => scanner.run(self, &matcher, &log.events_of(customer)),
                };
                if level == 0 {
                    continue;
                }
                reached[0] += 1;
                for s in 1..level {
                    reached[s] += 1;
                    gaps[s].push((times[s] - times[s - 1]) as f64);
                }
                if level < n {
                    dropped[level - 1].push(customer);
                }
            }
            (reached, dropped, gaps)
        });
        let mut reached = vec![0u64; n];
        // Reserved at their final sizes, so that appending the parts never regrows them.
        let mut dropped: Vec<Vec<CustomerId>> = (0..n)
            .map(|s| Vec::with_capacity(parts.iter().map(|p| p.1[s].len()).sum()))
            .collect();
        let mut gaps: Vec<Vec<f64>> = (0..n)
            .map(|s| Vec::with_capacity(parts.iter().map(|p| p.2[s].len()).sum()))
            .collect();
        for (part_reached, part_dropped, part_gaps) in parts {
            for (s, ((r, d), g)) in part_reached
                .into_iter()
                .zip(part_dropped)
                .zip(part_gaps)
                .enumerate()
            {
                reached[s] += r;
                dropped[s].extend_from_slice(&d);
                gaps[s].extend_from_slice(&g);
            }
        }
        let stats = par::map(gaps, threads, DurationStats::from_seconds);
        step_reports(log, self, &reached, dropped, stats)
    }

    /// How many customers end at each level: `counts[k]` customers reached exactly `k`
    /// steps (`counts[0]`: not even the first). This is all `windowFunnel` returns, and
    /// cheaper than [`evaluate`](Self::evaluate): no step times are kept.
    pub fn count_levels(&self, log: &EventLog) -> Vec<u64> {
        self.count_levels_on(log, par::threads_for(log.event_count()), par::CHUNK_EVENTS)
    }

    fn count_levels_on(&self, log: &EventLog, threads: usize, chunk_events: usize) -> Vec<u64> {
        let n = self.steps.len();
        let matcher = Matcher::new(self, log);
        let chunks = par::customer_chunks(log, chunk_events);
        let parts = par::map(chunks, threads, |customers| {
            let mut scanner = Scanner::new(n);
            let mut counts = vec![0u64; n + 1];
            for c in customers {
                let level = match matcher.known_level(c, true) {
                    Some(level) => level,
                    None => scanner.level(self, &matcher, &log.events_of(CustomerId(c as u32))),
                };
                counts[level] += 1;
            }
            counts
        });
        let mut counts = vec![0u64; n + 1];
        for part in parts {
            for (total, k) in counts.iter_mut().zip(part) {
                *total += k;
            }
        }
        counts
    }
}

/// Slots of the fast scan's per-level tables (a power of two: indexes are masked, so the
/// compiler needs no bounds checks in the loop).
const SLOTS: usize = 64;
const MASK: usize = SLOTS - 1;
/// The fast scan's slot for deadlines that no level takes.
const TRASH: usize = SLOTS - 1;
/// No step: the touchpoint is not in the funnel.
const NO_STEP: u8 = u8::MAX;

/// Which steps each touchpoint matches.
struct Matcher<'a> {
    /// For each touchpoint, the bit set of the steps it matches.
    step_mask: Vec<u32>,
    /// The fast scan's table, when it applies: the default mode, and no touchpoint at two
    /// steps.
    step_of: Option<FastMatcher>,
    /// The log's per-customer touchpoint sets, when the fast scan applies and the log has
    /// them, with the bits of the first two steps.
    sets: Option<StepSets<'a>>,
}

/// See [`Matcher::known_level`].
struct StepSets<'a> {
    sets: &'a [u32],
    first: u32,
    second: u32,
    /// Whether a set bit means the touchpoint is there (at most 32 touchpoints).
    exact: bool,
}

struct FastMatcher {
    /// For each possible touchpoint id its only step, or [`NO_STEP`] (a full table, so the
    /// scan needs no bounds check).
    step_of: Box<[u8; MAX_TOUCHPOINTS]>,
    /// Whether the steps' touchpoint ids increase along the funnel: the log orders events
    /// of the same second by touchpoint id, so they then come in step order and the fast
    /// scan need not check.
    ties_in_order: bool,
}

impl<'a> Matcher<'a> {
    /// A customer's level when its touchpoint set tells it without reading its events: 0
    /// without the first step's touchpoint, and — if `one` — 1 with the first but without
    /// the second (a first step always starts a chain, which then cannot go on). Only in the
    /// fast scan's mode (the default one, no touchpoint at two steps).
    #[inline]
    fn known_level(&self, customer: usize, one: bool) -> Option<usize> {
        let s = self.sets.as_ref()?;
        let set = s.sets[customer];
        if set & s.first == 0 {
            Some(0)
        } else if one && s.exact && set & s.second == 0 {
            Some(1)
        } else {
            None
        }
    }

    fn new(funnel: &Funnel, log: &'a EventLog) -> Self {
        let mut step_mask = vec![0u32; log.touchpoint_count()];
        for (s, tp) in funnel.steps.iter().enumerate() {
            if let Some(mask) = step_mask.get_mut(tp.0 as usize) {
                *mask |= 1 << s;
            }
        }
        let fast =
            funnel.modes == FunnelModes::default() && step_mask.iter().all(|m| m.count_ones() <= 1);
        let step_of = fast.then(|| FastMatcher {
            step_of: {
                let mut table = Box::new([NO_STEP; MAX_TOUCHPOINTS]);
                for (slot, &m) in table.iter_mut().zip(&step_mask) {
                    if m != 0 {
                        *slot = m.trailing_zeros() as u8;
                    }
                }
                table
            },
            ties_in_order: funnel.steps.windows(2).all(|w| w[0] < w[1]),
        });
        // A step whose touchpoint the log does not have matches nothing: its bit is clear.
        let bit = |s: usize| {
            let tp = funnel.steps[s].0;
            if usize::from(tp) < log.touchpoint_count() {
                crate::event_log::touchpoint_set(&[tp])
            } else {
                0
            }
        };
        let sets = match step_of {
            Some(_) => log.touchpoint_sets().map(|sets| StepSets {
                sets,
                first: bit(0),
                second: bit(1),
                exact: log.touchpoint_count() <= u32::BITS as usize,
            }),
            None => None,
        };
        Self {
            step_mask,
            step_of,
            sets,
        }
    }
}

/// Per-thread scratch space: the fast scan's and the general scan's.
struct Scanner {
    fast: FastScratch,
    general: Scan,
}

/// The fast scan's scratch space, reused from customer to customer.
struct FastScratch {
    /// The deadline of the chain kept at each level; see [`fast_scan`].
    deadline: [i64; SLOTS],
    /// The customer's funnel-step events: times and steps.
    times: Vec<i64>,
    steps: Vec<u8>,
    /// The chains' step times as linked nodes: a chain's last step is node `last[level]`,
    /// and each node holds its step's time and the node of the step before.
    last: [u32; SLOTS],
    node_times: Vec<i64>,
    node_before: Vec<u32>,
    /// The step times of the customer's chain, once found.
    chain: [i64; MAX_FUNNEL_STEPS],
}

impl Scanner {
    fn new(n: usize) -> Self {
        Self {
            fast: FastScratch {
                deadline: [i64::MAX; SLOTS],
                times: Vec::new(),
                steps: Vec::new(),
                last: [0; SLOTS],
                node_times: Vec::new(),
                node_before: Vec::new(),
                chain: [0; MAX_FUNNEL_STEPS],
            },
            general: Scan::new(n),
        }
    }

    /// The level a customer reaches and the step times of its chain.
    #[inline]
    fn run(
        &mut self,
        funnel: &Funnel,
        matcher: &Matcher,
        events: &CustomerEvents<'_>,
    ) -> (usize, &[i64]) {
        if let Some(fast) = &matcher.step_of
            && let Some(level) = fast_scan::<true>(funnel, fast, events, &mut self.fast)
        {
            return (level, &self.fast.chain[..level]);
        }
        let level = self.general.run(funnel, &matcher.step_mask, *events);
        let chain = if level == 0 {
            &[]
        } else {
            self.general.chain(level)
        };
        (level, chain)
    }

    /// The level a customer reaches.
    fn level(&mut self, funnel: &Funnel, matcher: &Matcher, events: &CustomerEvents<'_>) -> usize {
        if let Some(fast) = &matcher.step_of
            && let Some(level) = fast_scan::<false>(funnel, fast, events, &mut self.fast)
        {
            return level;
        }
        self.general.run(funnel, &matcher.step_mask, *events)
    }
}

/// The default mode's scan when every touchpoint is at most one step, in two passes over
/// the customer's events, both free of data-dependent branches: most events are not funnel
/// steps (4 steps of 20 touchpoints touch a fifth of the events), and a branch on "is this
/// a step" would be mispredicted on a large share of them.
///
/// The first pass looks every event's step up in a table and copies its time and step to
/// the scratch space, advancing the write position only for funnel steps, so that only
/// they are left. The second runs the chains over those: per level only the deadline of
/// the chain kept there (and its step times if `TIMES`). `deadline[j]` and bit `j` of
/// `reached` belong to the chain kept at level `j` (`j` steps done); level 0 is always
/// reached with no deadline, so step 0 always starts a chain. A deadline is only read
/// together with its level's reached bit, so the table is not cleared between customers:
/// only `deadline[0]` must be (and stays) `i64::MAX`. A new chain's deadline is the smaller
/// of the extended chain's and `t + window`: for level 0 that is `t + window`, and for the
/// others the extended chain's, which started at or before `t`. Every event stores its new
/// deadline — in the next level's slot if it extends the chain, else in a slot nothing
/// reads — so there is no branch to mispredict there either.
///
/// Events come ordered by (time, touchpoint), but the definition takes events of the same
/// second in step order. Returns `None` — leaving the customer to the general scan — when
/// two funnel steps share a second out of step order (impossible, and not checked, when
/// the steps' touchpoint ids increase along the funnel), or when the chain completes on a
/// step that shares its second with the next step (which could, taken first, have changed
/// the chain's times).
fn fast_scan<const TIMES: bool>(
    funnel: &Funnel,
    matcher: &FastMatcher,
    events: &CustomerEvents<'_>,
    scratch: &mut FastScratch,
) -> Option<usize> {
    let n = funnel.steps.len();
    let len = events.len();
    if scratch.times.len() < len {
        scratch.times.resize(len, 0);
        scratch.steps.resize(len, 0);
    }
    if TIMES && scratch.node_times.len() < len {
        scratch.node_times.resize(len, 0);
        scratch.node_before.resize(len, 0);
    }
    let mut count = 0;
    {
        let (times, steps) = (&mut scratch.times[..len], &mut scratch.steps[..len]);
        for (&t, &tp) in events.times.iter().zip(events.touchpoints) {
            let k = matcher.step_of[usize::from(tp)];
            // `count` is at most the number of events before this one.
            times[count] = t;
            steps[count] = k;
            count += usize::from(usize::from(k) < n);
        }
    }
    let (times, steps) = (&scratch.times[..count], &scratch.steps[..count]);
    let deadline = &mut scratch.deadline;
    let (last, node_times, node_before) = (
        &mut scratch.last,
        &mut scratch.node_times[..],
        &mut scratch.node_before[..],
    );
    // Nodes written so far (one per event that extends a chain).
    let mut nodes = 0;
    if !matcher.ties_in_order
        && times
            .windows(2)
            .zip(steps.windows(2))
            .any(|(t, k)| t[0] == t[1] && k[1] < k[0])
    {
        return None;
    }
    let window = funnel.window;
    debug_assert_eq!(deadline[0], i64::MAX);
    let mut reached = 1u64;
    for (i, (&t, &k)) in times.iter().zip(steps).enumerate() {
        let k = usize::from(k) & MASK;
        let extended = deadline[k];
        // 1 if the event extends the chain kept at level k, else 0.
        let ok = (reached >> k) & u64::from(t <= extended) & 1;
        let start = extended.min(t.saturating_add(window));
        let next = (k + 1) & MASK;
        let select = ok.wrapping_neg() as usize;
        let slot = (next & select) | (TRASH & !select);
        deadline[slot] = start;
        reached |= ok << next;
        if TIMES {
            // The node is kept (and the level points at it) only if the event extends.
            node_times[nodes] = t;
            node_before[nodes] = last[k];
            last[slot] = nodes as u32;
            nodes += ok as usize;
        }
        if (reached >> n) & 1 != 0 {
            if TIMES && times.get(i + 1) == Some(&t) {
                return None;
            }
            if TIMES {
                chain_times(n, last, node_times, node_before, &mut scratch.chain);
            }
            return Some(n);
        }
    }
    let level = (u64::BITS - 1 - reached.leading_zeros()) as usize;
    if TIMES {
        chain_times(level, last, node_times, node_before, &mut scratch.chain);
    }
    Some(level)
}

/// The step times of the chain kept at `level`, from its last node back, into `chain`.
fn chain_times(
    level: usize,
    last: &[u32; SLOTS],
    node_times: &[i64],
    node_before: &[u32],
    chain: &mut [i64; MAX_FUNNEL_STEPS],
) {
    let mut node = last[level] as usize;
    for step in (0..level).rev() {
        chain[step] = node_times[node];
        node = node_before[node] as usize;
    }
}

/// Reusable per-customer scratch space for the scan.
struct Scan {
    n: usize,
    matches: Vec<(i64, i8)>,
    reached: Vec<bool>,
    /// Row k holds the times of the chain kept at level k + 1 (k + 1 entries).
    chains: Vec<i64>,
}

impl Scan {
    fn new(n: usize) -> Self {
        Self {
            n,
            matches: Vec::new(),
            reached: vec![false; n],
            chains: vec![0; n * n],
        }
    }

    fn chain(&self, level: usize) -> &[i64] {
        let row = level - 1;
        &self.chains[row * self.n..row * self.n + level]
    }

    /// The level one customer reaches; afterwards `chain(level)` holds its step times.
    fn run(&mut self, funnel: &Funnel, step_mask: &[u32], events: CustomerEvents<'_>) -> usize {
        let modes = funnel.modes;
        self.matches.clear();
        for (&t, &tp) in events.times.iter().zip(events.touchpoints) {
            let mut mask = step_mask[tp as usize];
            if mask == 0 && modes.strict_order {
                self.matches.push((t, -1));
            }
            while mask != 0 {
                self.matches.push((t, mask.trailing_zeros() as i8));
                mask &= mask - 1;
            }
        }
        // Events come sorted by time; only ties can be out of step order.
        if !self.matches.is_sorted() {
            self.matches.sort_unstable();
        }
        self.reached.fill(false);
        let n = self.n;
        let mut first_event = false;
        for i in 0..self.matches.len() {
            let (t, step) = self.matches[i];
            if step < 0 {
                if first_event {
                    break;
                }
                continue;
            }
            let k = step as usize;
            if k == 0 {
                self.reached[0] = true;
                self.chains[0] = t;
                first_event = true;
            } else if modes.strict_deduplication && self.reached[k] {
                // ClickHouse returns the step of the event just before the repeat.
                let previous = if i == 0 { -1 } else { self.matches[i - 1].1 };
                return (i64::from(previous) + 1).max(0) as usize;
            } else if modes.strict_order && first_event && !self.reached[k - 1] {
                return self.reached.iter().position(|r| !r).unwrap_or(n);
            } else if self.reached[k - 1] {
                let start = self.chains[(k - 1) * n];
                let previous = self.chains[(k - 1) * n + k - 1];
                let mut in_time = t <= start.saturating_add(funnel.window);
                if modes.strict_increase {
                    in_time &= previous < t;
                }
                if in_time {
                    self.chains.copy_within((k - 1) * n..(k - 1) * n + k, k * n);
                    self.chains[k * n + k] = t;
                    self.reached[k] = true;
                    if k + 1 == n {
                        return n;
                    }
                }
            }
        }
        self.reached.iter().rposition(|&r| r).map_or(0, |k| k + 1)
    }
}

/// Customers per chunk when building reports in parallel.
const REPORT_CHUNK: usize = 1 << 16;

/// Appends `part` to `all`, taking it over when `all` is still empty.
fn append<T>(all: &mut Vec<T>, mut part: Vec<T>) {
    if all.is_empty() {
        *all = part;
    } else {
        all.append(&mut part);
    }
}

/// A step's touchpoint name; a funnel may name a touchpoint the log has never seen.
fn step_name(log: &EventLog, touchpoint: TouchpointId) -> String {
    log.touchpoint_names()
        .get(usize::from(touchpoint.0))
        .cloned()
        .unwrap_or_default()
}

/// The level each customer reached and the times of its steps.
#[derive(Debug, Clone)]
pub struct FunnelOutcomes {
    steps: usize,
    levels: Vec<u8>,
    times: Vec<i64>,
}

/// One step of a [`FunnelReport`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FunnelStepReport {
    /// 1-based position in the funnel.
    pub step: usize,
    pub touchpoint: String,
    /// Customers who reached this step (and every step before it) within the window.
    pub customers: u64,
    pub percent_of_first: f64,
    pub percent_of_previous: f64,
    /// Customers who reached this step but not the next (always 0 at the last step).
    pub dropped: u64,
    pub dropped_customers: Vec<CustomerId>,
    /// Time from the previous step to this one, over customers who reached this step.
    pub time_from_previous: Option<DurationStats>,
}

/// Counts, drop-off and step times of a funnel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FunnelReport {
    pub window_seconds: i64,
    /// Customers who reached the first step.
    pub entered: u64,
    /// Customers who reached the last step.
    pub converted: u64,
    pub conversion_percent: f64,
    pub steps: Vec<FunnelStepReport>,
}

/// A funnel report for one group of a breakdown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupFunnelReport<K> {
    pub group: K,
    pub report: FunnelReport,
}

impl FunnelOutcomes {
    /// The number of steps the customer reached (0 = never reached the first).
    pub fn level(&self, customer: CustomerId) -> usize {
        usize::from(self.levels[customer.0 as usize])
    }

    /// The time of a reached step (0-based) of the customer's chain.
    pub fn step_time(&self, customer: CustomerId, step: usize) -> Option<i64> {
        (step < self.level(customer)).then(|| self.times[customer.0 as usize * self.steps + step])
    }

    /// Customers whose deepest step is `step` (1-based): reached it, never the next one.
    pub fn dropped_at(&self, step: usize) -> impl Iterator<Item = CustomerId> + '_ {
        self.levels
            .iter()
            .enumerate()
            .filter(move |&(_, &l)| usize::from(l) == step && step < self.steps)
            .map(|(c, _)| CustomerId(c as u32))
    }

    pub fn report(&self, log: &EventLog, funnel: &Funnel) -> FunnelReport {
        self.reports(log, funnel, 1, |_| Some(0))
            .pop()
            .expect("one group")
    }

    /// One report per group of the grouping (channel, segment, …), in group order.
    pub fn report_by_group(
        &self,
        log: &EventLog,
        funnel: &Funnel,
        grouping: &Grouping,
    ) -> Vec<GroupFunnelReport<String>> {
        let reports = self.reports(log, funnel, grouping.names().len(), |c| {
            grouping.group_of(c).map(|g| g as usize)
        });
        grouping
            .names()
            .iter()
            .zip(reports)
            .map(|(name, report)| GroupFunnelReport {
                group: name.clone(),
                report,
            })
            .collect()
    }

    /// One report per period in which customers started their chain, in time order.
    pub fn report_by_period(
        &self,
        log: &EventLog,
        funnel: &Funnel,
        period: Period,
    ) -> Vec<GroupFunnelReport<PeriodKey>> {
        let keys: Vec<Option<PeriodKey>> = (0..self.levels.len() as u32)
            .map(|c| self.step_time(CustomerId(c), 0).map(|t| period.key_of(t)))
            .collect();
        let Some(first) = keys.iter().flatten().min().copied() else {
            return Vec::new();
        };
        let last = keys.iter().flatten().max().copied().unwrap_or(first);
        let count = (first.periods_until(last) + 1) as usize;
        let reports = self.reports(log, funnel, count, |c| {
            keys[c.0 as usize].map(|k| first.periods_until(k) as usize)
        });
        reports
            .into_iter()
            .enumerate()
            .filter(|(_, r)| r.entered > 0)
            .map(|(i, report)| GroupFunnelReport {
                group: first.plus(i as i64),
                report,
            })
            .collect()
    }

    fn reports(
        &self,
        log: &EventLog,
        funnel: &Funnel,
        groups: usize,
        group_of: impl Fn(CustomerId) -> Option<usize> + Sync,
    ) -> Vec<FunnelReport> {
        let n = self.steps;
        let customers = self.levels.len();
        let chunks: Vec<std::ops::Range<usize>> = (0..customers.div_ceil(REPORT_CHUNK))
            .map(|i| i * REPORT_CHUNK..((i + 1) * REPORT_CHUNK).min(customers))
            .collect();
        // Per chunk, then merged in customer order: for each (group, step), the customers
        // who reached it, those who dropped out there, and the times from the step before.
        let parts = par::map(chunks, par::threads_for(customers * n), |range| {
            let mut reached = vec![0u64; groups * n];
            let mut dropped = vec![Vec::new(); groups * n];
            let mut gaps = vec![Vec::new(); groups * n];
            for c in range {
                let level = usize::from(self.levels[c]);
                if level == 0 {
                    continue;
                }
                let customer = CustomerId(c as u32);
                let Some(g) = group_of(customer) else {
                    continue;
                };
                let times = &self.times[c * n..c * n + level];
                reached[g * n] += 1;
                for s in 1..level {
                    reached[g * n + s] += 1;
                    gaps[g * n + s].push((times[s] - times[s - 1]) as f64);
                }
                if level < n {
                    dropped[g * n + level - 1].push(customer);
                }
            }
            (reached, dropped, gaps)
        });
        let mut reached = vec![vec![0u64; n]; groups];
        let mut dropped: Vec<Vec<Vec<CustomerId>>> = vec![vec![Vec::new(); n]; groups];
        let mut gaps: Vec<Vec<Vec<f64>>> = vec![vec![Vec::new(); n]; groups];
        for (part_reached, part_dropped, part_gaps) in parts {
            for (i, ((r, d), gp)) in part_reached
                .into_iter()
                .zip(part_dropped)
                .zip(part_gaps)
                .enumerate()
            {
                let (g, s) = (i / n, i % n);
                reached[g][s] += r;
                append(&mut dropped[g][s], d);
                append(&mut gaps[g][s], gp);
            }
        }
        reached
            .iter()
            .zip(dropped)
            .zip(gaps)
            .map(|((reached, dropped), gaps)| {
                let stats = gaps.into_iter().map(DurationStats::from_seconds).collect();
                step_reports(log, funnel, reached, dropped, stats)
            })
            .collect()
    }
}

/// A report from the customers who reached each step, those who dropped out there and the
/// statistics of the times from the step before.
/// The report of a funnel from its level counts alone (`counts[k]`: customers who reached
/// exactly `k` steps, as [`Funnel::count_levels`] and ClickHouse's `windowFunnel` give
/// them): the same counts and percentages as [`Funnel::report`], without the dropped
/// customers' ids and the step times, which the levels do not tell. `names` are the steps'
/// touchpoint names.
pub fn report_from_levels(window_seconds: i64, counts: &[u64], names: &[String]) -> FunnelReport {
    let n = counts.len().saturating_sub(1);
    let reached: Vec<u64> = (0..n).map(|s| counts[s + 1..].iter().sum()).collect();
    let entered = reached.first().copied().unwrap_or(0);
    let converted = reached.last().copied().unwrap_or(0);
    let steps = (0..n)
        .map(|s| FunnelStepReport {
            step: s + 1,
            touchpoint: names.get(s).cloned().unwrap_or_default(),
            customers: reached[s],
            percent_of_first: percent(reached[s], entered),
            percent_of_previous: if s == 0 {
                percent(reached[s], entered)
            } else {
                percent(reached[s], reached[s - 1])
            },
            dropped: if s + 1 < n { counts[s + 1] } else { 0 },
            dropped_customers: Vec::new(),
            time_from_previous: None,
        })
        .collect();
    FunnelReport {
        window_seconds,
        entered,
        converted,
        conversion_percent: percent(converted, entered),
        steps,
    }
}

/// The report of a funnel from its level counts (as for [`report_from_levels`]) and the
/// times between its customers' steps counted elsewhere (ClickHouse): `times[s]` holds, for
/// step `s` (0-based, from 1 on), `(seconds, customers)` — how many customers' chains took
/// that many whole seconds from step `s − 1` to step `s`, the chain being the one
/// [`Funnel::evaluate`] keeps. The report is then [`Funnel::report`]'s but for the dropped
/// customers' ids: the step times' statistics come out bit for bit the same
/// ([`DurationStats::from_counts`]). A missing or empty `times[s]` means no times.
pub fn report_from_levels_and_times(
    window_seconds: i64,
    counts: &[u64],
    names: &[String],
    times: &[Vec<(i64, u64)>],
) -> FunnelReport {
    let mut report = report_from_levels(window_seconds, counts, names);
    for (s, step) in report.steps.iter_mut().enumerate().skip(1) {
        step.time_from_previous = times
            .get(s)
            .and_then(|counted| DurationStats::from_counts(counted));
    }
    report
}

fn step_reports(
    log: &EventLog,
    funnel: &Funnel,
    reached: &[u64],
    dropped: Vec<Vec<CustomerId>>,
    stats: Vec<Option<DurationStats>>,
) -> FunnelReport {
    let entered = reached[0];
    let converted = reached[reached.len() - 1];
    let steps = dropped
        .into_iter()
        .zip(stats)
        .enumerate()
        .map(|(s, (dropped, time_from_previous))| FunnelStepReport {
            step: s + 1,
            touchpoint: step_name(log, funnel.steps[s]),
            customers: reached[s],
            percent_of_first: percent(reached[s], entered),
            percent_of_previous: if s == 0 {
                percent(reached[s], entered)
            } else {
                percent(reached[s], reached[s - 1])
            },
            dropped: dropped.len() as u64,
            dropped_customers: dropped,
            time_from_previous,
        })
        .collect();
    FunnelReport {
        window_seconds: funnel.window,
        entered,
        converted,
        conversion_percent: percent(converted, entered),
        steps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EventBatch, EventLogBuilder};

    /// A log with many same-second ties and returns to earlier steps.
    fn random_log(customers: u32, events: usize, seconds: u64, seed: u64) -> EventLog {
        let mut state = seed;
        let mut next = |n: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % n
        };
        let mut b = EventLogBuilder::new();
        for c in 0..customers {
            b.customer(&c.to_string());
        }
        for tp in 0..6 {
            b.touchpoint(&format!("t{tp}")).unwrap();
        }
        for _ in 0..events {
            let c = CustomerId(next(u64::from(customers)) as u32);
            let tp = TouchpointId(next(6) as u16);
            b.push_ids(c, next(seconds) as i64, tp, 0.0).unwrap();
        }
        b.build()
    }

    #[test]
    fn fast_scan_and_threads_agree_with_the_general_scan() {
        for (seconds, seed) in [(20, 1), (200, 2), (5, 3)] {
            let log = random_log(3_000, 40_000, seconds, seed);
            for steps in [vec![0, 1, 2, 3], vec![3, 1, 0], vec![2, 5], vec![0, 9, 1]] {
                let ids: Vec<TouchpointId> = steps.into_iter().map(TouchpointId).collect();
                let funnel = Funnel::new(ids, 7).unwrap();
                let n = funnel.steps.len();
                let matcher = Matcher::new(&funnel, &log);
                assert!(matcher.step_of.is_some());
                let mut general = Scan::new(n);
                let mut counts = vec![0u64; n + 1];
                let outcomes: Vec<_> = (0..3)
                    .map(|t| funnel.evaluate_on(&log, t + 1, 1 + 5_000 * t))
                    .collect();
                for e in log.customers() {
                    let level = general.run(&funnel, &matcher.step_mask, e);
                    counts[level] += 1;
                    let chain = if level == 0 {
                        &[][..]
                    } else {
                        general.chain(level)
                    };
                    for o in &outcomes {
                        assert_eq!(o.level(e.customer), level, "{e:?}");
                        let times: Vec<i64> = (0..level)
                            .map(|s| o.step_time(e.customer, s).unwrap())
                            .collect();
                        assert_eq!(times, chain, "{e:?}");
                    }
                }
                for threads in 1..4 {
                    assert_eq!(funnel.count_levels_on(&log, threads, 999), counts);
                }
                let reports: Vec<_> = outcomes.iter().map(|o| o.report(&log, &funnel)).collect();
                assert!(reports.windows(2).all(|w| w[0] == w[1]));
                for threads in 1..4 {
                    assert_eq!(funnel.report_on(&log, threads, 777), reports[0]);
                }
            }
        }
    }

    /// Every answer of the funnel scans on `log` equals the general scan's, customer by
    /// customer, and the log's touchpoint sets (if kept) are its customers' touchpoints.
    fn check_against_general_scan(log: &EventLog, funnel: &Funnel, threads: usize, chunk: usize) {
        if let Some(sets) = log.touchpoint_sets() {
            assert!(log.bytes_per_event() <= 24.0, "{}", log.bytes_per_event());
            let plain: Vec<u32> = log
                .customers()
                .map(|e| crate::event_log::touchpoint_set(e.touchpoints))
                .collect();
            assert_eq!(sets, &plain[..]);
        }
        let n = funnel.steps.len();
        let matcher = Matcher::new(funnel, log);
        let mut general = Scan::new(n);
        let outcomes = funnel.evaluate_on(log, threads, chunk);
        let mut counts = vec![0u64; n + 1];
        for e in log.customers() {
            let level = general.run(funnel, &matcher.step_mask, e);
            counts[level] += 1;
            assert_eq!(outcomes.level(e.customer), level, "{e:?}");
            let chain = if level == 0 {
                &[][..]
            } else {
                general.chain(level)
            };
            let times: Vec<i64> = (0..level)
                .map(|s| outcomes.step_time(e.customer, s).unwrap())
                .collect();
            assert_eq!(&times[..], chain, "{e:?}");
        }
        assert_eq!(funnel.count_levels_on(log, threads, chunk), counts);
        let reference = funnel.evaluate_on(log, 1, 1 << 40).report(log, funnel);
        assert_eq!(funnel.report_on(log, threads, chunk), reference);
    }

    #[test]
    fn touchpoint_sets_stay_within_the_memory_budget() {
        // One event per customer: the columns take 22 bytes per event, so the sets (4 more
        // per customer) are not kept, and the scans read every customer.
        let mut b = EventLogBuilder::new();
        for c in 0..5_000 {
            b.push(&format!("c{c}"), c, ["a", "b"][c as usize % 2], 1.0)
                .unwrap();
        }
        let log = b.build();
        let funnel = Funnel::new(vec![TouchpointId(0), TouchpointId(1)], 10).unwrap();
        check_against_general_scan(&log, &funnel, 2, 100);
        assert!(log.touchpoint_sets().is_none());
        assert!(log.bytes_per_event() <= 24.0);
        // Ten events per customer: kept, and counted.
        let log = random_log(1_000, 10_000, 50, 4);
        let before = log.bytes_per_event();
        assert!(log.touchpoint_sets().is_some());
        assert!(log.bytes_per_event() > before && log.bytes_per_event() <= 24.0);
    }

    proptest::proptest! {
        /// The touchpoint sets the scans skip customers with give the general scan's
        /// answers: on a built log, on the log with a batch appended (whose sets are the old
        /// log's with the batch added), on that log read back from its bytes, and with more
        /// touchpoints than a set has bits (where a bit stands for several).
        #[test]
        fn touchpoint_sets_give_the_general_scans_answers(
            events in proptest::collection::vec((0u32..40, 0i64..60, 0u16..40), 0..400),
            batch in proptest::collection::vec((0u32..45, 0i64..60, 0u16..40), 0..40),
            steps in proptest::collection::vec(0u16..40, 2..5),
            touchpoints in proptest::prop_oneof![proptest::strategy::Just(6u16), proptest::strategy::Just(20), proptest::strategy::Just(40)],
            window in 0i64..20,
            threads in 1usize..4,
            chunk in 1usize..100,
        ) {
            let mut b = EventLogBuilder::new();
            for c in 0..40 {
                b.customer(&c.to_string());
            }
            for tp in 0..touchpoints {
                b.touchpoint(&format!("t{tp}")).unwrap();
            }
            for &(c, t, tp) in &events {
                b.push_ids(CustomerId(c), t, TouchpointId(tp % touchpoints), 0.0).unwrap();
            }
            let log = b.build();
            let funnel = Funnel::new(steps.into_iter().map(TouchpointId).collect(), window).unwrap();
            check_against_general_scan(&log, &funnel, threads, chunk);
            let mut new_events = EventBatch::new(&log);
            let new_customers: Vec<CustomerId> = (40..45)
                .map(|c| new_events.new_customer(&log, &c.to_string()).unwrap())
                .collect();
            for &(c, t, tp) in &batch {
                let customer = if c < 40 { CustomerId(c) } else { new_customers[c as usize - 40] };
                new_events.push_ids(customer, t, TouchpointId(tp % touchpoints), 0.0).unwrap();
            }
            let appended = log.appended(new_events).unwrap();
            check_against_general_scan(&appended, &funnel, threads, chunk);
            let read = EventLog::from_bytes(&appended.to_bytes()).unwrap();
            check_against_general_scan(&read, &funnel, threads, chunk);
        }
    }

    proptest::proptest! {
        /// On random logs with ties, repeats and back-steps: the fast scan (levels and step
        /// times), the level counts and the fused report equal the general scan and the
        /// report built from it, on any number of threads and chunk size.
        #[test]
        fn fast_paths_equal_the_general_scan(
            events in proptest::collection::vec((0u32..25, 0i64..40, 0u16..6), 0..300),
            steps in proptest::collection::vec(0u16..7, 2..5),
            window in 0i64..15,
            threads in 1usize..4,
            chunk in 1usize..100,
        ) {
            let mut b = EventLogBuilder::new();
            for c in 0..25 {
                b.customer(&c.to_string());
            }
            for tp in 0..6 {
                b.touchpoint(&format!("t{tp}")).unwrap();
            }
            for &(c, t, tp) in &events {
                b.push_ids(CustomerId(c), t, TouchpointId(tp), 0.0).unwrap();
            }
            let log = b.build();
            let funnel = Funnel::new(steps.into_iter().map(TouchpointId).collect(), window).unwrap();
            let n = funnel.steps.len();
            let matcher = Matcher::new(&funnel, &log);
            let mut general = Scan::new(n);
            let outcomes = funnel.evaluate_on(&log, threads, chunk);
            let mut counts = vec![0u64; n + 1];
            for e in log.customers() {
                let level = general.run(&funnel, &matcher.step_mask, e);
                counts[level] += 1;
                proptest::prop_assert_eq!(outcomes.level(e.customer), level);
                let chain = if level == 0 { &[][..] } else { general.chain(level) };
                let times: Vec<i64> = (0..level).map(|s| outcomes.step_time(e.customer, s).unwrap()).collect();
                proptest::prop_assert_eq!(&times[..], chain);
            }
            proptest::prop_assert_eq!(funnel.count_levels_on(&log, threads, chunk), counts);
            let reference = funnel.evaluate_on(&log, 1, 1 << 40).report(&log, &funnel);
            proptest::prop_assert_eq!(funnel.report_on(&log, threads, chunk), reference);
        }
    }
}
