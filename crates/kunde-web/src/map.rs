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

fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}

/// "120 reached · 38 % went on · 40 % failed", or that nothing was recorded.
pub fn stat_line(tr: Tr, st: &TouchpointStats, last_stage: bool) -> String {
    let Some(share) = st.share() else {
        let mut line = tr.t("map-no-events");
        if st.cases > 0 {
            line.push_str(" · ");
            line.push_str(&tr.t_count("map-cases", st.cases as i64));
        }
        return line;
    };
    let key = if last_stage {
        "map-came-back"
    } else {
        "map-went-on"
    };
    let mut line = tr.t_args(
        key,
        &[
            ("reached", &st.reached.to_string()),
            ("share", &percent(share)),
        ],
    );
    if st.failed > 0 {
        line.push_str(" · ");
        line.push_str(&tr.t_args("map-failed", &[("share", &percent(st.failed_share()))]));
    }
    if st.cases > 0 {
        line.push_str(" · ");
        line.push_str(&tr.t_count("map-cases", st.cases as i64));
    }
    line
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
                        tr.t(if t.digital {
                            "tp-digital"
                        } else {
                            "tp-physical"
                        })
                    );
                    let mut detail = stat_line(tr, &st, si + 1 == stages.len());
                    let sat = stats.satisfaction.get(&t.id).copied().unwrap_or_default();
                    if let Some(mean) = sat.mean() {
                        detail.push_str(" · ");
                        detail.push_str(
                            &tr.t_args("survey-map-satisfaction", &[("share", &percent(mean))]),
                        );
                    }
                    Card {
                        name: t.name.clone(),
                        owner: owner_name(t),
                        kind,
                        detail,
                        health: health_with_satisfaction(&st, &sat),
                        outside: !t.owned,
                    }
                })
                .collect();
            let st = stats.stages.get(si).copied().unwrap_or_default();
            let surveyed = stats
                .stage_satisfaction
                .get(si)
                .and_then(Satisfaction::mean);
            let emotion =
                surveyed.or_else(|| (st.reached >= MIN_CUSTOMERS).then(|| st.share()).flatten());
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
            Some(Loop {
                from: *position.get(&a)?,
                to: *position.get(&b)?,
                customers: n,
            })
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
            emotion: tr.t(
                if stats.stage_satisfaction.iter().any(|s| s.mean().is_some()) {
                    "survey-map-emotion"
                } else {
                    "map-emotion-derived"
                },
            ),
            good: tr.t("map-good"),
            mixed: tr.t("map-mixed"),
            poor: tr.t("map-poor"),
            no_data: tr.t("map-no-data"),
            loops: tr.t("map-loops"),
            empty_stage: tr.t("journey-stage-empty"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kunde_domain::{Channel, JourneyId, StageId, WorkspaceId};

    fn stage(id: i64, position: i64) -> Stage {
        Stage {
            id: StageId(id),
            journey_id: JourneyId(1),
            name: format!("stage {id}"),
            position,
        }
    }

    fn tp(id: i64, stage: i64) -> Touchpoint {
        Touchpoint {
            id: TouchpointId(id),
            workspace_id: WorkspaceId(1),
            stage_id: StageId(stage),
            name: format!("tp {id}"),
            channel: Channel::Web,
            digital: true,
            owned: true,
            owner_id: None,
            customer_goal: String::new(),
            pain_points: String::new(),
            ideas: String::new(),
            position: 0,
        }
    }

    /// `who` visits the touchpoints in order, a minute apart.
    fn walk(who: &str, tps: &[i64]) -> Vec<JourneyEvent> {
        tps.iter()
            .enumerate()
            .map(|(i, &t)| JourneyEvent {
                who: who.into(),
                touchpoint_id: TouchpointId(t),
                occurred_at: 1000 + 60 * i as i64,
                properties: "{}".into(),
            })
            .collect()
    }

    #[test]
    fn reach_going_on_loops_and_the_stage_funnel_come_from_the_events() {
        // Stages 10 → 20 → 30; touchpoints 1 and 2 in the first, 3 in the second, 4 in the last.
        let stages = [stage(10, 0), stage(20, 1), stage(30, 2)];
        let tps = [tp(1, 10), tp(2, 10), tp(3, 20), tp(4, 30)];
        let mut events = walk("c1", &[1, 3, 4]);
        events.extend(walk("c2", &[1]));
        events.extend(walk("c3", &[2, 3, 1]));
        events.extend(walk("c9", &[99])); // a touchpoint of another journey: ignored
        let s = journey_stats(&stages, &tps, &events);
        let at = |id| s.touchpoints[&TouchpointId(id)];
        let r = |reached, went_on| TouchpointStats {
            reached,
            went_on,
            failed: 0,
            ..Default::default()
        };
        assert_eq!(at(1), r(3, 1), "c3 reached 1 only after stage 2");
        assert_eq!(at(2), r(1, 1));
        assert_eq!(at(3), r(2, 1));
        assert_eq!(at(4), r(1, 0), "last stage: nobody came back");
        assert_eq!(s.stages, [r(3, 2), r(2, 1), r(1, 0)]);
        assert_eq!(s.loops, [(TouchpointId(3), TouchpointId(1), 1)]);
        assert_eq!(s.customers, 3);
        let f = s.funnel.unwrap();
        assert_eq!(
            f.steps.iter().map(|st| st.customers).collect::<Vec<_>>(),
            [3, 2, 1]
        );
    }

    #[test]
    fn coming_back_counts_as_going_on_in_the_last_stage() {
        let stages = [stage(10, 0), stage(20, 1)];
        let tps = [tp(1, 10), tp(2, 20)];
        let s = journey_stats(&stages, &tps, &walk("c1", &[1, 2, 2]));
        assert_eq!(
            s.touchpoints[&TouchpointId(2)],
            TouchpointStats {
                reached: 1,
                went_on: 1,
                failed: 0,
                ..Default::default()
            }
        );
    }

    #[test]
    fn health_needs_enough_customers_and_follows_the_share_going_on() {
        let h = |reached, went_on| {
            TouchpointStats {
                reached,
                went_on,
                failed: 0,
                ..Default::default()
            }
            .health()
        };
        assert_eq!(h(4, 0), Health::NoData);
        assert_eq!(h(0, 0), Health::NoData);
        assert_eq!(h(10, 2), Health::Poor);
        assert_eq!(h(10, 3), Health::Mixed);
        assert_eq!(h(10, 5), Health::Good);
    }

    #[test]
    fn a_failed_outcome_recorded_on_the_event_counts_against_the_touchpoint() {
        assert!(failed_outcome(r#"{"wait_minutes":12,"outcome":"hung_up"}"#));
        assert!(!failed_outcome(r#"{"outcome":"booked"}"#));
        assert!(
            !failed_outcome(r#"{"note":"outcome: hung_up"}"#),
            "only the outcome field"
        );
        assert!(!failed_outcome("not json, outcome"));
        let stages = [stage(10, 0), stage(20, 1)];
        let tps = [tp(1, 10), tp(2, 20)];
        let mut events = Vec::new();
        for (i, outcome) in ["hung_up", "hung_up", "booked", "booked", "booked"]
            .iter()
            .enumerate()
        {
            let mut walk = walk(&format!("c{i}"), &[1, 2]);
            walk[0].properties = format!(r#"{{"outcome":"{outcome}"}}"#);
            events.extend(walk);
        }
        let s = journey_stats(&stages, &tps, &events);
        let call = s.touchpoints[&TouchpointId(1)];
        assert_eq!((call.reached, call.went_on, call.failed), (5, 5, 2));
        assert_eq!(
            call.health(),
            Health::Poor,
            "everyone went on, but 40 % hung up first"
        );
        assert_eq!(
            TouchpointStats {
                reached: 10,
                went_on: 9,
                failed: 2,
                ..Default::default()
            }
            .health(),
            Health::Mixed
        );
    }

    #[test]
    fn the_window_for_going_on_follows_how_long_customers_take_between_stages() {
        let stages = [stage(10, 0), stage(20, 1), stage(30, 2)];
        let tps = [tp(1, 10), tp(2, 20), tp(3, 30)];
        let day = 86_400;
        let mut events = Vec::new();
        for i in 0..10 {
            // Stage 1 to 2 within a day; stage 2 to 3 after 100 days.
            for (tp, at) in [(1, 0), (2, day), (3, 101 * day)] {
                events.push(JourneyEvent {
                    who: format!("c{i}"),
                    touchpoint_id: TouchpointId(tp),
                    occurred_at: at + i,
                    properties: String::new(),
                });
            }
        }
        let s = journey_stats(&stages, &tps, &events);
        assert_eq!(stage_windows(3, s.funnel.as_ref())[0], WENT_ON_WINDOW);
        assert!(stage_windows(3, s.funnel.as_ref())[1] >= 100 * day);
        assert_eq!(
            s.touchpoints[&TouchpointId(2)].went_on,
            10,
            "100 days is usual here, so they went on"
        );
    }

    #[test]
    fn survey_answers_feed_satisfaction_not_the_flow() {
        assert_eq!(survey_score(r#"{"source":"survey","nps":10}"#), Some(1.0));
        assert_eq!(
            survey_score(r#"{"source":"survey","csat":1,"ces":7}"#),
            Some(0.0)
        );
        assert_eq!(
            survey_score(r#"{"source":"survey","nps":5,"csat":5}"#),
            Some(0.75)
        );
        assert_eq!(survey_score(r#"{"source":"survey","survey":1}"#), None);
        assert_eq!(survey_score(r#"{"nps":9}"#), None, "only survey responses");
        let stages = [stage(10, 0), stage(20, 1)];
        let tps = [tp(1, 10), tp(2, 20)];
        let mut events = Vec::new();
        for i in 0..6 {
            events.extend(walk(&format!("c{i}"), &[1, 2]));
            // Each customer answers a survey about touchpoint 1 later: feedback, not a loop.
            events.push(JourneyEvent {
                who: format!("c{i}"),
                touchpoint_id: TouchpointId(1),
                occurred_at: 1_000_000 + i,
                properties: format!(r#"{{"source":"survey","nps":{}}}"#, i % 3),
            });
        }
        let s = journey_stats(&stages, &tps, &events);
        assert!(s.loops.is_empty(), "{:?}", s.loops);
        let call = s.touchpoints[&TouchpointId(1)];
        assert_eq!((call.reached, call.went_on), (6, 6));
        let sat = s.satisfaction[&TouchpointId(1)];
        assert_eq!(sat.answers, 6);
        assert!((sat.mean().unwrap() - 0.1).abs() < 1e-9);
        assert_eq!(call.health(), Health::Good);
        assert_eq!(health_with_satisfaction(&call, &sat), Health::Poor);
        assert_eq!(s.stage_satisfaction[1].mean(), None, "no answers there");
        let few = Satisfaction {
            answers: 4,
            sum: 0.0,
        };
        assert_eq!(health_with_satisfaction(&call, &few), Health::Good);
        let unseen = TouchpointStats::default();
        let happy = Satisfaction {
            answers: 5,
            sum: 4.5,
        };
        assert_eq!(health_with_satisfaction(&unseen, &happy), Health::Good);
    }

    #[test]
    fn no_events_give_an_empty_picture_without_a_funnel() {
        let stages = [stage(10, 0), stage(20, 1)];
        let s = journey_stats(&stages, &[tp(1, 10)], &[]);
        assert!(s.funnel.is_none() && s.loops.is_empty() && s.touchpoints.is_empty());
    }
}
