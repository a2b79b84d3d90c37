//! New events merged into a built log ([`EventLog::appended`]) give the same log, and so the
//! same reports, as a log built from scratch over the same events — for any order of
//! arrival, late events, new customers and new touchpoints, and any interleaving of appends
//! and queries.

use kunde_analytics::funnel::Funnel;
use kunde_analytics::paths::{Direction, PathQuery, paths};
use kunde_analytics::retention::{RetentionQuery, retention};
use kunde_analytics::{CustomerId, EventBatch, EventLog, EventLogBuilder, Period, TouchpointId};
use proptest::prelude::*;

/// One arrival: a customer (by number), time, touchpoint (by number) and amount; `None` as
/// the time registers the customer without an event.
type Arrival = (u32, Option<i64>, u16, f64);

/// The log built from scratch: customers and touchpoints interned in the order they were
/// first seen, then every event so far in the order it arrived.
fn from_scratch(
    customers: &[u32],
    touchpoints: &[u16],
    events: &[(u32, i64, u16, f64)],
) -> EventLog {
    let mut b = EventLogBuilder::new();
    for c in customers {
        b.customer(&format!("c{c}"));
    }
    for t in touchpoints {
        b.touchpoint(&format!("t{t}")).unwrap();
    }
    for &(c, time, t, a) in events {
        b.push(&format!("c{c}"), time, &format!("t{t}"), a).unwrap();
    }
    b.build()
}

/// A customer's name and events: times, touchpoint names, amount bits.
type CustomerContents = (String, Vec<i64>, Vec<String>, Vec<u64>);

/// Everything a log holds, through its public interface.
fn contents(log: &EventLog) -> Vec<CustomerContents> {
    log.customers()
        .map(|e| {
            (
                log.customer_name(e.customer).to_owned(),
                e.times.to_vec(),
                e.touchpoints
                    .iter()
                    .map(|&t| log.touchpoint_name(TouchpointId(t)).to_owned())
                    .collect(),
                e.amounts.iter().map(|a| a.to_bits()).collect(),
            )
        })
        .collect()
}

/// The reports the pages read: a funnel (full report and levels), paths and retention.
fn reports(log: &EventLog) -> String {
    let mut out = format!(
        "{:?} {} {}\n",
        log.touchpoint_names(),
        log.event_count(),
        log.has_amounts()
    );
    let steps: Vec<TouchpointId> = (0..log.touchpoint_count().min(3) as u16)
        .map(TouchpointId)
        .collect();
    if steps.len() >= 2 {
        let funnel = Funnel::new(steps, 60_000).unwrap();
        out += &format!("{:?}\n{:?}\n", funnel.report(log), funnel.count_levels(log));
    }
    let query = PathQuery {
        anchor: None,
        direction: Direction::After,
        depth: 3,
        top: 10,
        collapse_repeats: false,
    };
    out += &format!("{:?}\n", paths(log, &query).unwrap());
    let query = RetentionQuery {
        period: Period::Day,
        cohort_event: None,
        return_event: None,
        periods: 4,
        now: 200_000,
    };
    out += &format!("{:?}\n", retention(log, &query));
    out
}

fn arrival() -> impl Strategy<Value = Arrival> {
    (
        0u32..30,
        prop_oneof![9 => (-4i64..12).prop_map(|t| Some(t * 20_000)), 1 => Just(None)],
        0u16..6,
        prop_oneof![Just(0.0f64), Just(2.5), Just(-1.0), Just(10.0)],
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn appends_and_queries_in_any_interleaving_match_a_fresh_build(
        arrivals in proptest::collection::vec(arrival(), 0..120),
        cuts in proptest::collection::vec(0usize..120, 0..8),
        query_after in proptest::collection::vec(any::<bool>(), 8),
    ) {
        let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(arrivals.len())).collect();
        cuts.sort_unstable();
        cuts.push(arrivals.len());
        let (mut customers, mut touchpoints, mut events) = (Vec::new(), Vec::new(), Vec::new());
        let mut log: Option<EventLog> = None;
        let mut start = 0;
        for (k, &cut) in cuts.iter().enumerate() {
            let chunk = &arrivals[start..cut];
            start = cut;
            let Some(current) = log.take() else {
                // The first chunk is built as a server loads a log.
                for &(c, time, t, a) in chunk {
                    if !customers.contains(&c) {
                        customers.push(c);
                    }
                    if let Some(time) = time {
                        if !touchpoints.contains(&t) {
                            touchpoints.push(t);
                        }
                        events.push((c, time, t, a));
                    }
                }
                log = Some(from_scratch(&customers, &touchpoints, &events));
                continue;
            };
            let mut batch = EventBatch::new(&current);
            for &(c, time, t, a) in chunk {
                let name = format!("c{c}");
                let id = match current.customer_id(&name) {
                    Some(id) => id,
                    None => match customers.iter().position(|&x| x == c) {
                        Some(i) => CustomerId(i as u32),
                        None => {
                            customers.push(c);
                            let id = batch.new_customer(&current, &name).unwrap();
                            prop_assert_eq!(id.0 as usize, customers.len() - 1);
                            id
                        }
                    },
                };
                let Some(time) = time else { continue };
                let tp = match touchpoints.iter().position(|&x| x == t) {
                    Some(i) => TouchpointId(i as u16),
                    None => {
                        touchpoints.push(t);
                        batch.new_touchpoint(&format!("t{t}")).unwrap()
                    }
                };
                batch.push_ids(id, time, tp, a).unwrap();
                events.push((c, time, t, a));
            }
            // The same batch in place, on a log that may hold spare room from earlier
            // appends in place.
            let mut in_place = current.clone();
            in_place.append(batch.clone()).unwrap();
            let appended = current.appended(batch).unwrap();
            // The old log is untouched: a reader holding it sees what it saw.
            let before = events.len() - appended.event_count() + current.event_count();
            prop_assert_eq!(before, current.event_count());
            let fresh = from_scratch(&customers, &touchpoints, &events);
            prop_assert_eq!(contents(&appended), contents(&fresh));
            prop_assert_eq!(contents(&in_place), contents(&fresh));
            // In place, the columns keep about 1.5 % spare room at most.
            prop_assert!(
                in_place.column_bytes() <= fresh.column_bytes() + fresh.column_bytes() / 32 + 64
            );
            if query_after[k % query_after.len()] {
                prop_assert_eq!(reports(&appended), reports(&fresh));
                prop_assert_eq!(reports(&in_place), reports(&fresh));
            }
            // Go on from either, so chains of both kinds are tested.
            log = Some(if k % 2 == 0 { in_place } else { appended });
        }
        let last = log.unwrap();
        let fresh = from_scratch(&customers, &touchpoints, &events);
        prop_assert_eq!(reports(&last), reports(&fresh));
        // A copy holds exactly its events.
        let copy = last.appended(EventBatch::new(&last)).unwrap();
        prop_assert_eq!(copy.column_bytes(), fresh.column_bytes());
    }
}

#[test]
fn a_batch_for_another_state_of_the_log_is_refused() {
    let log = from_scratch(&[1], &[1], &[(1, 0, 1, 0.0)]);
    let mut batch = EventBatch::new(&log);
    let bo = batch.new_customer(&log, "c2").unwrap();
    batch.push_ids(bo, 1, TouchpointId(0), 0.0).unwrap();
    let newer = log.appended(batch.clone()).unwrap();
    assert_eq!(newer.customer_count(), 2);
    assert_eq!(
        newer.appended(batch).unwrap_err(),
        kunde_analytics::Error::StaleBatch
    );
    // A customer the log already has cannot be added again, nor an unknown id used.
    let mut batch = EventBatch::new(&newer);
    assert_eq!(batch.new_customer(&newer, "c1"), None);
    assert!(
        batch
            .push_ids(CustomerId(2), 0, TouchpointId(0), 0.0)
            .is_err()
    );
    assert!(
        batch
            .push_ids(CustomerId(1), 0, TouchpointId(1), 0.0)
            .is_err()
    );
}

#[test]
fn appending_to_an_empty_log_and_nothing_to_a_log() {
    let empty = EventLogBuilder::new().build();
    let mut batch = EventBatch::new(&empty);
    let ann = batch.new_customer(&empty, "ann").unwrap();
    let visit = batch.new_touchpoint("visit").unwrap();
    batch.push_ids(ann, 5, visit, 1.0).unwrap();
    let log = empty.appended(batch).unwrap();
    assert_eq!(log.event_count(), 1);
    assert!(log.has_amounts());
    let same = log.appended(EventBatch::new(&log)).unwrap();
    assert_eq!(contents(&same), contents(&log));
}

#[test]
fn small_batches_in_place_neither_copy_nor_move_the_columns() {
    let customers: Vec<u32> = (0..200).collect();
    let events: Vec<(u32, i64, u16, f64)> = (0..6_400u32)
        .map(|i| (i % 200, i64::from(i) * 10, (i % 3) as u16, 0.0))
        .collect();
    let mut log = from_scratch(&customers, &[0, 1, 2], &events);
    let add = |log: &mut EventLog, k: u32| {
        let mut batch = EventBatch::new(log);
        // A customer in the middle, so later events move up.
        batch
            .push_ids(CustomerId(100), 5 + i64::from(k), TouchpointId(1), 1.0)
            .unwrap();
        log.append(batch).unwrap();
    };
    // The first append makes room for about 1.5 % more events (100 here) ...
    add(&mut log, 0);
    let column = log.events_of(CustomerId(0)).times.as_ptr();
    // ... so the next ones stay in the same memory.
    for k in 1..=99 {
        add(&mut log, k);
        assert_eq!(log.events_of(CustomerId(0)).times.as_ptr(), column);
    }
    assert_eq!(log.event_count(), 6_500);
    let c = log.events_of(CustomerId(100));
    assert_eq!(c.len(), 32 + 100);
    assert!(c.times.windows(2).all(|w| w[0] <= w[1]));
    // And the log is the one a build from scratch gives.
    let mut all = events.clone();
    all.extend((0..100).map(|k| (100, 5 + k, 1, 1.0)));
    assert_eq!(
        contents(&log),
        contents(&from_scratch(&customers, &[0, 1, 2], &all))
    );
}
