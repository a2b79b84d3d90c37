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
use crate::{CustomerEvents, CustomerId, Error, EventLog, Grouping, TouchpointId};

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

    /// Runs the funnel over every customer of the log.
    pub fn evaluate(&self, log: &EventLog) -> FunnelOutcomes {
        let n = self.steps.len();
        // For each touchpoint, a bit set of the steps it matches.
        let mut step_mask = vec![0u32; log.touchpoint_count()];
        for (s, tp) in self.steps.iter().enumerate() {
            if let Some(mask) = step_mask.get_mut(tp.0 as usize) {
                *mask |= 1 << s;
            }
        }
        let mut scan = Scan::new(n);
        let mut levels = Vec::with_capacity(log.customer_count());
        let mut times = vec![0i64; log.customer_count() * n];
        for events in log.customers() {
            let level = scan.run(self, &step_mask, events);
            levels.push(level as u8);
            if level > 0 {
                let c = events.customer.0 as usize;
                times[c * n..c * n + level].copy_from_slice(scan.chain(level));
            }
        }
        FunnelOutcomes {
            steps: n,
            levels,
            times,
        }
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
        group_of: impl Fn(CustomerId) -> Option<usize>,
    ) -> Vec<FunnelReport> {
        let n = self.steps;
        let mut reached = vec![vec![0u64; n]; groups];
        let mut dropped = vec![vec![Vec::new(); n]; groups];
        let mut gaps = vec![vec![Vec::new(); n]; groups];
        for (c, &level) in self.levels.iter().enumerate() {
            let level = usize::from(level);
            let customer = CustomerId(c as u32);
            let Some(g) = group_of(customer) else {
                continue;
            };
            if level == 0 {
                continue;
            }
            let times = &self.times[c * n..c * n + level];
            for s in 0..level {
                reached[g][s] += 1;
                if s > 0 {
                    gaps[g][s].push((times[s] - times[s - 1]) as f64);
                }
            }
            if level < n {
                dropped[g][level - 1].push(customer);
            }
        }
        (0..groups)
            .map(|g| {
                let entered = reached[g][0];
                let converted = reached[g][n - 1];
                let steps = (0..n)
                    .map(|s| FunnelStepReport {
                        step: s + 1,
                        touchpoint: step_name(log, funnel.steps[s]),
                        customers: reached[g][s],
                        percent_of_first: percent(reached[g][s], entered),
                        percent_of_previous: if s == 0 {
                            percent(reached[g][s], entered)
                        } else {
                            percent(reached[g][s], reached[g][s - 1])
                        },
                        dropped: dropped[g][s].len() as u64,
                        dropped_customers: std::mem::take(&mut dropped[g][s]),
                        time_from_previous: DurationStats::from_seconds(std::mem::take(
                            &mut gaps[g][s],
                        )),
                    })
                    .collect();
                FunnelReport {
                    window_seconds: funnel.window,
                    entered,
                    converted,
                    conversion_percent: percent(converted, entered),
                    steps,
                }
            })
            .collect()
    }
}
