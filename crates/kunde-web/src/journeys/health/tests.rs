//! Data-driven tests of the journey map's numbers: reach, going on, loops, health and
//! satisfaction from a handful of hand-made events.

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
