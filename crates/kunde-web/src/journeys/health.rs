//! The journey map's numbers and picture: what the stored events say about each touchpoint
//! (how many customers reached it, how many went on to a later stage), the observed funnel
//! through the stages, the loops where customers went back, and the [`kunde_map::Map`] drawn
//! from all of it in the user's language.
//!
//! Health comes from the events (going on, failed outcomes) and, where survey answers exist,
//! from satisfaction: a survey response is an event on its touchpoint carrying its NPS, CSAT
//! or CES ([`survey_score`]). Such events are feedback, not visits, so they count only
//! towards satisfaction, never towards reach, going on or loops. Where a stage has enough
//! answers, the emotion curve shows their mean satisfaction instead of the derived share.

use std::collections::HashMap;

use kunde_analytics::EventLogBuilder;
use kunde_analytics::funnel::{Funnel, FunnelReport};
use kunde_domain::{Stage, Touchpoint, TouchpointId};
use kunde_map::Health;
use kunde_store::JourneyEvent;

/// How long the observed funnel through the stages may take a customer: two years, the
/// span of a repair customer's life from first ad to the yearly reminder.
pub const FUNNEL_WINDOW: i64 = 730 * 24 * 3600;

/// Below this many customers at a touchpoint, its colour would be noise: it shows "no data".
pub const MIN_CUSTOMERS: u64 = 5;

/// Shares of customers going on at or above which a card is good, and below which it is poor.
pub const GOOD_SHARE: f64 = 0.5;
pub const POOR_SHARE: f64 = 0.3;
/// Shares of customers with a failed interaction at which a card turns mixed, and poor.
pub const MIXED_FAILED: f64 = 0.15;
pub const POOR_FAILED: f64 = 0.3;

/// Values of an event's `outcome` property that mean the interaction failed: the customer
/// hung up in the queue, gave up, did not come. Sources that know this (a phone system, a
/// booking tool, staff logging a call) record it; everything else counts as not failed.
pub const FAILED_OUTCOMES: [&str; 7] = [
    "hung_up",
    "abandoned",
    "failed",
    "no_answer",
    "no_show",
    "cancelled",
    "complaint",
];

/// Whether an event's properties record a failed outcome.
pub fn failed_outcome(properties: &str) -> bool {
    if !properties.contains("outcome") {
        return false;
    }
    serde_json::from_str::<serde_json::Value>(properties)
        .ok()
        .and_then(|v| {
            v.get("outcome")?
                .as_str()
                .map(|o| FAILED_OUTCOMES.contains(&o))
        })
        .unwrap_or(false)
}

/// What the events say about one touchpoint.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TouchpointStats {
    /// Customers with at least one event here.
    pub reached: u64,
    /// Of those, customers who after their first visit reached a touchpoint of a later
    /// stage within that stage's window (for the last stage: who came back within a year).
    pub went_on: u64,
    /// Customers with at least one visit here whose recorded outcome was a failure (see
    /// [`FAILED_OUTCOMES`]).
    pub failed: u64,
    /// Service cases closed with a root cause whose problem started here (the feedback
    /// loop of issue 7); added by [`add_cases`].
    pub cases: u64,
}

impl TouchpointStats {
    pub fn share(&self) -> Option<f64> {
        (self.reached > 0).then(|| self.went_on as f64 / self.reached as f64)
    }

    pub fn dropped(&self) -> u64 {
        self.reached - self.went_on
    }

    pub fn failed_share(&self) -> f64 {
        if self.reached == 0 {
            0.0
        } else {
            self.failed as f64 / self.reached as f64
        }
    }

    /// Failed interactions and cases started here, per customer reached: a case is a
    /// problem that began at this touchpoint, so it weighs on health like a failure.
    pub fn trouble_share(&self) -> f64 {
        if self.reached == 0 {
            0.0
        } else {
            ((self.failed + self.cases) as f64 / self.reached as f64).min(1.0)
        }
    }

    /// Poor when few go on or many fail (or start a service case) here, good when most go
    /// on and few fail.
    pub fn health(&self) -> Health {
        let failed = self.trouble_share();
        match self.share() {
            _ if self.reached < MIN_CUSTOMERS => Health::NoData,
            Some(s) if s < POOR_SHARE || failed >= POOR_FAILED => Health::Poor,
            Some(s) if s < GOOD_SHARE || failed >= MIXED_FAILED => Health::Mixed,
            _ => Health::Good,
        }
    }
}

/// Below this many survey answers, satisfaction at a touchpoint or stage is not shown.
pub const MIN_ANSWERS: u64 = 5;
/// Mean satisfaction (0..1) below which a card is poor, and below which it is at most mixed.
pub const POOR_SATISFACTION: f64 = 0.5;
pub const GOOD_SATISFACTION: f64 = 0.7;

/// Survey answers seen at a touchpoint or stage, each scored on 0..1 by [`survey_score`].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Satisfaction {
    pub answers: u64,
    pub sum: f64,
}

impl Satisfaction {
    fn add(&mut self, score: f64) {
        self.answers += 1;
        self.sum += score;
    }

    /// The mean, once there are enough answers to show it.
    pub fn mean(&self) -> Option<f64> {
        (self.answers >= MIN_ANSWERS).then(|| self.sum / self.answers as f64)
    }
}

/// The satisfaction a survey response's event carries, on 0 (worst) ..= 1 (best): the mean
/// of its NPS / 10, (CSAT − 1) / 4 and (7 − CES) / 6, whichever are present. None for an
/// event that is not a survey response or has no score.
pub fn survey_score(properties: &str) -> Option<f64> {
    if !properties.contains("\"source\":\"survey\"") {
        return None;
    }
    let v: serde_json::Value = serde_json::from_str(properties).ok()?;
    let get = |k: &str| v.get(k).and_then(serde_json::Value::as_f64);
    let parts: Vec<f64> = [
        get("nps")
            .filter(|n| (0.0..=10.0).contains(n))
            .map(|n| n / 10.0),
        get("csat")
            .filter(|n| (1.0..=5.0).contains(n))
            .map(|n| (n - 1.0) / 4.0),
        get("ces")
            .filter(|n| (1.0..=7.0).contains(n))
            .map(|n| (7.0 - n) / 6.0),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| parts.iter().sum::<f64>() / parts.len() as f64)
}

/// Whether an event is a survey response (feedback about a touchpoint, not a visit to it).
pub fn is_survey_response(properties: &str) -> bool {
    properties.contains("\"source\":\"survey\"")
}

/// A card's health from its events and, when it has enough answers, its satisfaction: the
/// worse of the two, and satisfaction alone where too few customers were seen.
pub fn health_with_satisfaction(st: &TouchpointStats, sat: &Satisfaction) -> Health {
    let Some(mean) = sat.mean() else {
        return st.health();
    };
    let from_answers = if mean < POOR_SATISFACTION {
        Health::Poor
    } else if mean < GOOD_SATISFACTION {
        Health::Mixed
    } else {
        Health::Good
    };
    let rank = |h: Health| match h {
        Health::Poor => 0,
        Health::Mixed => 1,
        _ => 2,
    };
    match st.health() {
        Health::NoData => from_answers,
        h if rank(h) <= rank(from_answers) => h,
        _ => from_answers,
    }
}

#[derive(Debug, Clone, Default)]
pub struct JourneyStats {
    pub touchpoints: HashMap<TouchpointId, TouchpointStats>,
    /// Per stage, in order, the same counts over all its touchpoints.
    pub stages: Vec<TouchpointStats>,
    /// Back-steps: (from, to, customers), the later touchpoint first, most customers first.
    pub loops: Vec<(TouchpointId, TouchpointId, u64)>,
    /// The observed funnel through the stages in order (each step: any touchpoint of the
    /// stage), when the journey has at least two stages and some events.
    pub funnel: Option<FunnelReport>,
    pub customers: u64,
    /// Survey answers per touchpoint, and per stage in order.
    pub satisfaction: HashMap<TouchpointId, Satisfaction>,
    pub stage_satisfaction: Vec<Satisfaction>,
}

/// Computes the journey's numbers from its events: per touchpoint, the customers who reached
/// it, who from their first visit went on to a later stage in time (see [`stage_windows`]),
/// and who had a failed interaction there. `touchpoints` must be in map order (by stage,
/// then position), as the store lists them.
pub fn journey_stats(
    stages: &[Stage],
    touchpoints: &[Touchpoint],
    events: &[JourneyEvent],
) -> JourneyStats {
    let stage_of: HashMap<_, _> = stages.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    // One log keyed by touchpoint (for reach, going on and loops) and one keyed by stage (for
    // the funnel through the stages).
    let mut by_tp = EventLogBuilder::with_capacity(events.len());
    let mut by_stage = EventLogBuilder::with_capacity(events.len());
    let mut order: HashMap<u16, (usize, usize)> = HashMap::new();
    let mut ids: HashMap<u16, TouchpointId> = HashMap::new();
    for (rank, t) in touchpoints.iter().enumerate() {
        let Some(&s) = stage_of.get(&t.stage_id) else {
            continue;
        };
        // Both fail only beyond 65,536 distinct names; a map never has that many.
        if let Ok(id) = by_tp.touchpoint(&t.id.0.to_string()) {
            order.insert(id.0, (s, rank));
            ids.insert(id.0, t.id);
        }
    }
    let stage_ids: Vec<_> = (0..stages.len())
        .filter_map(|s| by_stage.touchpoint(&format!("s{s}")).ok())
        .collect();
    let stage_of_tp: HashMap<TouchpointId, usize> = touchpoints
        .iter()
        .filter_map(|t| Some((t.id, *stage_of.get(&t.stage_id)?)))
        .collect();
    let mut satisfaction: HashMap<TouchpointId, Satisfaction> = HashMap::new();
    let mut stage_satisfaction = vec![Satisfaction::default(); stages.len()];
    for e in events {
        let Some(&s) = stage_of_tp.get(&e.touchpoint_id) else {
            continue;
        };
        if is_survey_response(&e.properties) {
            if let Some(score) = survey_score(&e.properties) {
                satisfaction.entry(e.touchpoint_id).or_default().add(score);
                stage_satisfaction[s].add(score);
            }
            continue;
        }
        let _ = by_tp.push(&e.who, e.occurred_at, &e.touchpoint_id.0.to_string(), 0.0);
        let _ = by_stage.push(&e.who, e.occurred_at, &format!("s{s}"), 0.0);
    }
    let log = by_tp.build();
    let stage_log = by_stage.build();
    let funnel = Funnel::new(stage_ids, FUNNEL_WINDOW)
        .ok()
        .filter(|_| stage_log.event_count() > 0)
        .map(|f| f.evaluate(&stage_log).report(&stage_log, &f));
    let windows = stage_windows(stages.len(), funnel.as_ref());
    let last_stage = stages.len().saturating_sub(1);
    let mut tp_stats: HashMap<TouchpointId, TouchpointStats> = HashMap::new();
    let mut stage_stats = vec![TouchpointStats::default(); stages.len()];
    let mut loop_counts: HashMap<(u16, u16), u64> = HashMap::new();
    for c in log.customers() {
        let n = c.len();
        let mut seen_tp: Vec<u16> = Vec::new();
        let mut seen_stage = vec![false; stages.len()];
        let mut seen_loops: Vec<(u16, u16)> = Vec::new();
        for i in 0..n {
            let tp = c.touchpoints[i];
            let (s, rank) = order[&tp];
            // Each customer counts once per touchpoint and stage: from their first visit.
            let first_here = !seen_tp.contains(&tp);
            let first_in_stage = !seen_stage[s];
            if first_here || first_in_stage {
                let on = u64::from(went_on(&c, i, s, s == last_stage, windows[s], &order));
                if first_here {
                    seen_tp.push(tp);
                    let st = tp_stats.entry(ids[&tp]).or_default();
                    st.reached += 1;
                    st.went_on += on;
                }
                if first_in_stage {
                    seen_stage[s] = true;
                    stage_stats[s].reached += 1;
                    stage_stats[s].went_on += on;
                }
            }
            if i > 0 {
                let prev = c.touchpoints[i - 1];
                if prev != tp && rank < order[&prev].1 && !seen_loops.contains(&(prev, tp)) {
                    seen_loops.push((prev, tp));
                    *loop_counts.entry((prev, tp)).or_default() += 1;
                }
            }
        }
    }
    let mut loops: Vec<_> = loop_counts
        .into_iter()
        .map(|((a, b), n)| (ids[&a], ids[&b], n))
        .collect();
    loops.sort_by(|a, b| {
        b.2.cmp(&a.2)
            .then(a.0.0.cmp(&b.0.0))
            .then(a.1.0.cmp(&b.1.0))
    });
    let failed: std::collections::HashSet<(&str, TouchpointId)> = events
        .iter()
        .filter(|e| failed_outcome(&e.properties))
        .map(|e| (e.who.as_str(), e.touchpoint_id))
        .collect();
    for (_, tp) in &failed {
        if let Some(st) = tp_stats.get_mut(tp) {
            st.failed += 1;
        }
    }
    JourneyStats {
        touchpoints: tp_stats,
        stages: stage_stats,
        loops,
        funnel,
        customers: log.customer_count() as u64,
        satisfaction,
        stage_satisfaction,
    }
}

/// Adds the closed service cases whose problem started at each touchpoint (see
/// `Store::case_root_causes_by_touchpoint`) to the journey's numbers.
pub fn add_cases(stats: &mut JourneyStats, cases: &HashMap<TouchpointId, (u64, String)>) {
    for (tp, (n, _)) in cases {
        if let Some(st) = stats.touchpoints.get_mut(tp) {
            st.cases = *n;
        } else {
            stats.touchpoints.insert(
                *tp,
                TouchpointStats {
                    cases: *n,
                    ..TouchpointStats::default()
                },
            );
        }
    }
}

/// How soon after a touchpoint a customer must reach a later stage to count as going on
/// from it, at least: two weeks, long enough for a booked repair to be handed in, short
/// enough that a customer who gave up and came back next season counts as lost there.
pub const WENT_ON_WINDOW: i64 = 14 * 24 * 3600;

/// Per stage, how long a customer may take to reach a later stage and still count as going
/// on: the time nine in ten customers of the observed funnel took from this stage to the
/// next (service to loyalty takes months, consideration to purchase days), at least
/// [`WENT_ON_WINDOW`] and at most a year.
pub fn stage_windows(stages: usize, funnel: Option<&FunnelReport>) -> Vec<i64> {
    (0..stages)
        .map(|s| {
            funnel
                .and_then(|f| f.steps.get(s + 1)?.time_from_previous.as_ref())
                .map_or(WENT_ON_WINDOW, |d| {
                    (d.p90_seconds as i64).clamp(WENT_ON_WINDOW, CAME_BACK_WINDOW)
                })
        })
        .collect()
}

/// In the last stage there is no later one: coming back to the journey within a year is
/// going on (the repeat rate loyalty is about).
pub const CAME_BACK_WINDOW: i64 = 365 * 24 * 3600;

/// Whether the customer went on from their event `i` at stage `s`.
fn went_on(
    c: &kunde_analytics::CustomerEvents<'_>,
    i: usize,
    s: usize,
    last: bool,
    window: i64,
    order: &HashMap<u16, (usize, usize)>,
) -> bool {
    let t0 = c.times[i];
    let until = t0 + if last { CAME_BACK_WINDOW } else { window };
    (i + 1..c.len())
        .take_while(|&j| c.times[j] <= until)
        .any(|j| {
            if last {
                c.times[j] > t0
            } else {
                order[&c.touchpoints[j]].0 > s
            }
        })
}

/// The most loops drawn: more would hide the cards.
pub const MAX_LOOPS: usize = 6;

#[cfg(test)]
mod tests;
