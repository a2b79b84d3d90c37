//! The journey map's numbers and picture: what the stored events say about each touchpoint
//! (how many customers reached it, how many went on to a later stage), the observed funnel
//! through the stages, the loops where customers went back, and the [`kunde_map::Map`] drawn
//! from all of it in the user's language.
//!
//! Health today comes from events alone. Satisfaction, complaints and moments-of-truth
//! scores will join it when surveys exist; the emotion curve already takes a plain score per
//! stage so survey answers can feed it without touching the drawing.

use std::collections::HashMap;

use kunde_analytics::EventLogBuilder;
use kunde_analytics::funnel::{Funnel, FunnelReport};
use kunde_domain::{Journey, Stage, Touchpoint, TouchpointId, User};
use kunde_map::{Card, Health, Labels, Loop, Map, StageColumn};
use kunde_store::JourneyEvent;

use crate::i18n::Tr;

/// How long the observed funnel through the stages may take a customer: two years, the
/// span of a repair customer's life from first ad to the yearly reminder.
pub const FUNNEL_WINDOW: i64 = 730 * 24 * 3600;

/// Below this many customers at a touchpoint, its colour would be noise: it shows "no data".
pub const MIN_CUSTOMERS: u64 = 5;

/// Shares of customers going on at or above which a card is good, and below which it is poor.
pub const GOOD_SHARE: f64 = 0.5;
pub const POOR_SHARE: f64 = 0.3;

/// What the events say about one touchpoint.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TouchpointStats {
    /// Customers with at least one event here.
    pub reached: u64,
    /// Of those, customers who later reached a touchpoint of a later stage (for the last
    /// stage: who came back to the journey later).
    pub went_on: u64,
}

impl TouchpointStats {
    pub fn share(&self) -> Option<f64> {
        (self.reached > 0).then(|| self.went_on as f64 / self.reached as f64)
    }

    pub fn dropped(&self) -> u64 {
        self.reached - self.went_on
    }

    pub fn health(&self) -> Health {
        match self.share() {
            _ if self.reached < MIN_CUSTOMERS => Health::NoData,
            Some(s) if s >= GOOD_SHARE => Health::Good,
            Some(s) if s >= POOR_SHARE => Health::Mixed,
            _ => Health::Poor,
        }
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
}

/// Computes the journey's numbers from its events. `touchpoints` must be in map order (by
/// stage, then position), as the store lists them.
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
        let Some(&s) = stage_of.get(&t.stage_id) else { continue };
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
    for e in events {
        let Some(&s) = stage_of_tp.get(&e.touchpoint_id) else { continue };
        let _ = by_tp.push(&e.who, e.occurred_at, &e.touchpoint_id.0.to_string(), 0.0);
        let _ = by_stage.push(&e.who, e.occurred_at, &format!("s{s}"), 0.0);
    }
    let log = by_tp.build();
    let stage_log = by_stage.build();
    let last_stage = stages.len().saturating_sub(1);
    let mut tp_stats: HashMap<TouchpointId, TouchpointStats> = HashMap::new();
    let mut stage_stats = vec![TouchpointStats::default(); stages.len()];
    let mut loop_counts: HashMap<(u16, u16), u64> = HashMap::new();
    for c in log.customers() {
        let n = c.len();
        // The latest stage reached strictly after each event, scanning from the end.
        let mut later_stage = vec![None::<usize>; n];
        let mut best: Option<usize> = None;
        for i in (0..n).rev() {
            later_stage[i] = best;
            let s = order[&c.touchpoints[i]].0;
            best = Some(best.map_or(s, |b| b.max(s)));
        }
        let mut seen_tp: Vec<u16> = Vec::new();
        let mut seen_stage = vec![false; stages.len()];
        let mut seen_loops: Vec<(u16, u16)> = Vec::new();
        for i in 0..n {
            let tp = c.touchpoints[i];
            let (s, rank) = order[&tp];
            let went_on = if s == last_stage {
                // The last stage has no later one: coming back at all is going on.
                c.times[i + 1..].iter().any(|&t| t > c.times[i])
            } else {
                later_stage[i].is_some_and(|l| l > s)
            };
            if !seen_tp.contains(&tp) {
                seen_tp.push(tp);
                let st = tp_stats.entry(ids[&tp]).or_default();
                st.reached += 1;
                st.went_on += u64::from(went_on);
            }
            if !seen_stage[s] {
                seen_stage[s] = true;
                stage_stats[s].reached += 1;
                stage_stats[s].went_on += u64::from(went_on);
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
    loops.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.0.cmp(&b.0.0)).then(a.1.0.cmp(&b.1.0)));
    let funnel = Funnel::new(stage_ids, FUNNEL_WINDOW)
        .ok()
        .filter(|_| stage_log.event_count() > 0)
        .map(|f| f.evaluate(&stage_log).report(&stage_log, &f));
    JourneyStats {
        touchpoints: tp_stats,
        stages: stage_stats,
        loops,
        funnel,
        customers: log.customer_count() as u64,
    }
}

/// The most loops drawn: more would hide the cards.
pub const MAX_LOOPS: usize = 6;

fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}

/// Builds the picture of a journey in the language of `tr`.
pub fn build_map(
    tr: Tr,
    journey: &Journey,
    stages: &[Stage],
    touchpoints: &[Touchpoint],
    users: &[User],
    stats: &JourneyStats,
) -> Map {
    let owner_name = |t: &Touchpoint| {
        t.owner_id
            .and_then(|id| users.iter().find(|u| u.id == id))
            .map(|u| tr.t_args("map-owner", &[("name", u.name.as_str())]))
            .unwrap_or_else(|| tr.t("map-no-owner"))
    };
    let mut position: HashMap<TouchpointId, (usize, usize)> = HashMap::new();
    let columns: Vec<StageColumn> = stages
        .iter()
        .enumerate()
        .map(|(si, stage)| {
            let cards = touchpoints
                .iter()
                .filter(|t| t.stage_id == stage.id)
                .enumerate()
                .map(|(ci, t)| {
                    position.insert(t.id, (si, ci));
                    let st = stats.touchpoints.get(&t.id).copied().unwrap_or_default();
                    let kind = format!(
                        "{} · {}",
                        tr.t(&format!("channel-{}", t.channel.code())),
                        tr.t(if t.digital { "tp-digital" } else { "tp-physical" })
                    );
                    let detail = match st.share() {
                        Some(s) => tr.t_args(
                            if si + 1 == stages.len() { "map-came-back" } else { "map-went-on" },
                            &[("reached", &st.reached.to_string()), ("share", &percent(s))],
                        ),
                        None => tr.t("map-no-events"),
                    };
                    Card {
                        name: t.name.clone(),
                        owner: owner_name(t),
                        kind,
                        detail,
                        health: st.health(),
                        outside: !t.owned,
                    }
                })
                .collect();
            let st = stats.stages.get(si).copied().unwrap_or_default();
            let emotion = (st.reached >= MIN_CUSTOMERS).then(|| st.share()).flatten();
            StageColumn {
                name: stage.name.clone(),
                cards,
                emotion,
                emotion_label: emotion.map(percent).unwrap_or_default(),
            }
        })
        .collect();
    let loops = stats
        .loops
        .iter()
        .filter_map(|&(a, b, n)| {
            Some(Loop { from: *position.get(&a)?, to: *position.get(&b)?, customers: n })
        })
        .take(MAX_LOOPS)
        .collect();
    let subtitle = format!(
        "{} · {}",
        tr.t(&format!("variant-{}", journey.variant.code())),
        tr.t_count("map-customers", stats.customers as i64)
    );
    Map {
        title: journey.name.clone(),
        subtitle,
        stages: columns,
        loops,
        labels: Labels {
            emotion: tr.t("map-emotion-derived"),
            good: tr.t("map-good"),
            mixed: tr.t("map-mixed"),
            poor: tr.t("map-poor"),
            no_data: tr.t("map-no-data"),
            loops: tr.t("map-loops"),
            empty_stage: tr.t("journey-stage-empty"),
        },
    }
}
