//! The store parts of issue 5's second round, on both databases: the packed event-log load,
//! segments, publishable keys' allowed origins, and redesign links written by a workspace
//! import.

use kunde_domain::*;
use kunde_store::{ApiKeyKind, CustomerRef, IngestEvent, Store, StoreError};

const NOW: i64 = 1_760_000_000;

kunde_store::store_suite!(
    the_packed_load_reads_every_customer_event_of_the_workspace_and_nothing_else,
    a_segment_keeps_its_customers_and_stays_in_its_workspace,
    a_segment_naming_another_workspaces_customer_is_not_saved,
    a_publishable_key_remembers_the_origins_allowed_to_use_it,
    a_workspace_import_records_which_touchpoint_a_step_redesigns,
    a_loaded_log_read_back_from_its_bytes_is_the_same_and_an_erasure_changes_the_fingerprint,
    new_events_are_appended_to_a_loaded_log_as_a_fresh_load_would_read_them,
    an_event_committed_late_below_the_largest_id_is_appended_once,
    what_new_events_cannot_express_asks_for_a_reload,
    changes_in_place_move_the_workspaces_counter_and_nothing_else_does,
);

fn name(s: &str) -> NonEmpty {
    NonEmpty::parse("name", s).unwrap()
}

async fn workspace(store: &Store, slug: &str) -> (WorkspaceId, UserId) {
    let ws = NewWorkspace {
        name: name(slug),
        default_language: Language::Da,
        currency: "DKK".into(),
    };
    let owner = NewUser {
        name: name("Owner"),
        email: Email::parse(&format!("owner@{slug}.test")).unwrap(),
        role: Role::Owner,
        language: Language::Da,
        password: None,
    };
    let (ws, user) = store
        .create_workspace(&ws, &owner, "hash", NOW)
        .await
        .unwrap();
    (ws.id, user.id)
}

async fn touchpoints(store: &Store, ws: WorkspaceId, n: usize) -> Vec<TouchpointId> {
    let journey = NewJourney {
        name: name("Main"),
        description: String::new(),
        variant: JourneyVariant::AsIs,
        counterpart_of: None,
        parent_id: None,
    };
    let j = store
        .create_journey(ws, &journey, &["Service"], NOW)
        .await
        .unwrap();
    let stage = store.list_stages(ws, j.id).await.unwrap()[0].id;
    let mut out = Vec::new();
    for i in 0..n {
        let t = NewTouchpoint {
            stage_id: stage,
            name: name(&format!("Touchpoint {i}")),
            channel: Channel::Web,
            digital: true,
            owned: true,
            owner_id: None,
            customer_goal: String::new(),
            pain_points: String::new(),
            ideas: String::new(),
        };
        out.push(store.create_touchpoint(ws, &t).await.unwrap().id);
    }
    out
}

async fn customers(store: &Store, ws: WorkspaceId, n: usize) -> Vec<CustomerId> {
    let mut out = Vec::new();
    for i in 0..n {
        let c = NewCustomer::named(name(&format!("Customer {i}")), NOW);
        out.push(store.create_customer(ws, &c).await.unwrap().id);
    }
    out
}

fn event(
    customer: Option<CustomerId>,
    tp: TouchpointId,
    at: i64,
    amount: Option<i64>,
) -> IngestEvent {
    IngestEvent {
        customer: customer.map(CustomerRef::Id),
        visitor_id: customer.is_none().then(|| "v-anonymous".to_owned()),
        touchpoint_id: tp,
        occurred_at: at,
        channel: None,
        amount: amount.map(Money),
        properties: "{}".into(),
        idempotency_key: None,
    }
}

async fn the_packed_load_reads_every_customer_event_of_the_workspace_and_nothing_else(
    store: &Store,
) {
    let (ws, _) = workspace(store, "bikes").await;
    let (other, _) = workspace(store, "other").await;
    let tps = touchpoints(store, ws, 3).await;
    let other_tps = touchpoints(store, other, 1).await;
    let cs = customers(store, ws, 4).await;
    let other_cs = customers(store, other, 1).await;
    // The workspace's events interleaved with another workspace's and with anonymous ones,
    // so the ranges of ids hold a mix; amounts positive, negative (refunds) and missing.
    let mut expected = Vec::new();
    for i in 0..40i64 {
        let c = cs[(i % 3) as usize];
        let tp = tps[(i % 3) as usize];
        let amount = match i % 4 {
            0 => None,
            1 => Some(12_50),
            2 => Some(-3_00),
            _ => Some(0),
        };
        let batch = [
            event(Some(c), tp, NOW + i * 60, amount),
            event(None, tp, NOW + i * 60, None),
        ];
        store.ingest_events(ws, &batch, NOW).await.unwrap().unwrap();
        store
            .ingest_events(
                other,
                &[event(Some(other_cs[0]), other_tps[0], NOW, Some(1))],
                NOW,
            )
            .await
            .unwrap()
            .unwrap();
        expected.push((c.0, NOW + i * 60, tp.0, amount.unwrap_or(0) as f64 / 100.0));
    }
    expected.sort_by(|a, b| a.partial_cmp(b).unwrap());
    for range in [1, 3, 7, 1_000_000] {
        let data = store.load_event_log_in_ranges(ws, range).await.unwrap();
        let mut got = Vec::new();
        for events in data.log.customers() {
            let customer = data.customer(events.customer).id.0;
            for i in 0..events.times.len() {
                got.push((
                    customer,
                    events.times[i],
                    data.touchpoint_of(events.touchpoint(i)).0,
                    events.amounts[i],
                ));
            }
        }
        got.sort_by(|a, b| a.partial_cmp(b).unwrap());
        assert_eq!(got, expected, "ranges of {range} ids");
        // Every customer is in the log, the one without events too, in id order.
        let ids: Vec<i64> = data.customers.iter().map(|c| c.id.0).collect();
        assert_eq!(ids, cs.iter().map(|c| c.0).collect::<Vec<_>>());
        assert_eq!(data.fingerprint.customer_events, 40);
    }
    let default = store.load_event_log(ws).await.unwrap();
    assert_eq!(default.log.event_count(), 40);
}

async fn a_segment_keeps_its_customers_and_stays_in_its_workspace(store: &Store) {
    let (ws, owner) = workspace(store, "bikes").await;
    let (other, _) = workspace(store, "other").await;
    let cs = customers(store, ws, 5).await;
    let new = NewSegment {
        name: name("Stopped after Call to book"),
        description: "from the funnel".into(),
        // Duplicates are saved once.
        customers: vec![cs[3], cs[1], cs[3], cs[0]],
    };
    let s = store
        .create_segment(ws, &new, Some(owner), NOW)
        .await
        .unwrap();
    assert_eq!(
        (
            s.name.as_str(),
            s.description.as_str(),
            s.customers,
            s.created_at
        ),
        ("Stopped after Call to book", "from the funnel", 3, NOW)
    );
    let members = store.segment_customers(ws, s.id, 10, 0).await.unwrap();
    let names: Vec<&str> = members.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Customer 0", "Customer 1", "Customer 3"]);
    let page2 = store.segment_customers(ws, s.id, 2, 2).await.unwrap();
    assert_eq!(page2.len(), 1);
    assert_eq!(store.list_segments(ws).await.unwrap(), vec![s.clone()]);

    // Another workspace sees none of it.
    assert!(store.list_segments(other).await.unwrap().is_empty());
    assert!(matches!(
        store.segment(other, s.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(
        store
            .segment_customers(other, s.id, 10, 0)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        store.delete_segment(other, s.id).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.segment(ws, s.id).await.unwrap().customers, 3);

    store.delete_segment(ws, s.id).await.unwrap();
    assert!(matches!(
        store.segment(ws, s.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(store.list_segments(ws).await.unwrap().is_empty());
    // The customers stay.
    assert_eq!(store.workspace_totals(ws).await.unwrap().customers, 5);
}

async fn a_segment_naming_another_workspaces_customer_is_not_saved(store: &Store) {
    let (ws, _) = workspace(store, "bikes").await;
    let (other, _) = workspace(store, "other").await;
    let cs = customers(store, ws, 2).await;
    let theirs = customers(store, other, 1).await;
    let new = NewSegment {
        name: name("Mixed"),
        description: String::new(),
        customers: vec![cs[0], theirs[0], cs[1]],
    };
    let err = store.create_segment(ws, &new, None, NOW).await.unwrap_err();
    assert!(matches!(err, StoreError::InvalidReference(_)), "{err:?}");
    assert!(store.list_segments(ws).await.unwrap().is_empty());
    assert!(store.list_segments(other).await.unwrap().is_empty());
}

async fn a_publishable_key_remembers_the_origins_allowed_to_use_it(store: &Store) {
    let (ws, owner) = workspace(store, "bikes").await;
    let origins = vec![
        "https://shop.example.dk".to_owned(),
        "http://localhost:8080".to_owned(),
    ];
    let (key, plain) = store
        .create_api_key_for_origins(
            ws,
            &name("site"),
            ApiKeyKind::Publishable,
            &origins,
            Some(owner),
            NOW,
        )
        .await
        .unwrap();
    assert_eq!(key.allowed_origins, origins);
    let grant = store.authenticate_api_key(&plain).await.unwrap().unwrap();
    assert_eq!(
        (grant.workspace_id, grant.allowed_origins),
        (ws, origins.clone())
    );
    assert_eq!(
        store.list_api_keys(ws).await.unwrap()[0].allowed_origins,
        origins
    );

    // Keys made without a list allow any origin.
    let (_, any) = store
        .create_api_key(ws, &name("any"), ApiKeyKind::Publishable, None, NOW)
        .await
        .unwrap();
    let grant = store.authenticate_api_key(&any).await.unwrap().unwrap();
    assert!(grant.allowed_origins.is_empty());
}

async fn a_workspace_import_records_which_touchpoint_a_step_redesigns(store: &Store) {
    let tp = |key: &str| ImportTouchpoint {
        key: key.into(),
        name: key.into(),
        channel: Channel::Web,
        digital: true,
        owned: true,
        owner: None,
        customer_goal: String::new(),
        pain_points: String::new(),
        ideas: String::new(),
    };
    let journey = |variant, counterpart_of, tps: Vec<ImportTouchpoint>| ImportJourney {
        name: "Main".into(),
        description: String::new(),
        variant,
        counterpart_of,
        parent: None,
        stages: vec![ImportStage {
            name: "Booking".into(),
            touchpoints: tps,
        }],
    };
    let mut import = WorkspaceImport {
        workspace: NewWorkspace {
            name: name("Imported"),
            default_language: Language::Sv,
            currency: "SEK".into(),
        },
        users: vec![(
            NewUser {
                name: name("Owner"),
                email: Email::parse("owner@imported.se").unwrap(),
                role: Role::Owner,
                language: Language::Sv,
                password: None,
            },
            Some("$argon2id$x".into()),
        )],
        customers: Vec::new(),
        journeys: vec![
            journey(JourneyVariant::AsIs, None, vec![tp("phone"), tp("web")]),
            journey(
                JourneyVariant::ToBe,
                Some(0),
                vec![tp("call_back"), tp("new_web")],
            ),
        ],
        events: Vec::new(),
        orders: Vec::new(),
        kb: Default::default(),
        cases: Vec::new(),
        surveys: Vec::new(),
        touchpoint_counterparts: vec![
            ("call_back".into(), "phone".into()),
            ("new_web".into(), "web".into()),
        ],
        competitors: Default::default(),
    };
    let ws = store.import_workspace(&import, NOW).await.unwrap();
    let journeys = store.list_journeys(ws).await.unwrap();
    let to_be = journeys
        .iter()
        .find(|j| j.variant == JourneyVariant::ToBe)
        .unwrap();
    let names = store.touchpoint_choices(ws).await.unwrap();
    let id = |n: &str| names.iter().find(|c| c.name == n).unwrap().id;
    let mut links = store.touchpoint_counterparts(ws, to_be.id).await.unwrap();
    links.sort();
    let mut want = vec![(id("call_back"), id("phone")), (id("new_web"), id("web"))];
    want.sort();
    assert_eq!(links, want);

    // A link to a touchpoint key the import does not have: nothing imported.
    import.users[0].0.email = Email::parse("other@imported.se").unwrap();
    import
        .touchpoint_counterparts
        .push(("call_back".into(), "missing".into()));
    assert!(store.import_workspace(&import, NOW).await.is_err());
    assert_eq!(store.count_workspaces().await.unwrap(), 1);
}

async fn a_loaded_log_read_back_from_its_bytes_is_the_same_and_an_erasure_changes_the_fingerprint(
    store: &Store,
) {
    let (ws, _) = workspace(store, "kept").await;
    let tps = touchpoints(store, ws, 2).await;
    let cs = customers(store, ws, 3).await;
    let batch = vec![
        event(Some(cs[0]), tps[0], NOW - 300, Some(12_500)),
        event(Some(cs[1]), tps[1], NOW - 200, None),
        event(Some(cs[0]), tps[1], NOW - 100, Some(-500)),
        event(None, tps[0], NOW - 50, None),
    ];
    store.ingest_events(ws, &batch, NOW).await.unwrap().unwrap();
    let data = store.load_event_log(ws).await.unwrap();
    let back = kunde_store::AnalyticsData::from_bytes(&data.to_bytes()).expect("read back");
    assert_eq!(back.fingerprint, data.fingerprint);
    assert_eq!(back.customers, data.customers);
    assert_eq!(back.touchpoints, data.touchpoints);
    assert_eq!(back.touchpoint_ids, data.touchpoint_ids);
    assert_eq!(back.reach, data.reach);
    assert_eq!(back.log.event_count(), 3);
    for c in data.log.customers() {
        let b = back.log.events_of(c.customer);
        assert_eq!(
            (c.times, c.touchpoints, c.amounts),
            (b.times, b.touchpoints, b.amounts)
        );
    }
    assert_ne!(
        back.generation, data.generation,
        "each log read is a new generation"
    );
    // A damaged copy is refused rather than trusted.
    let mut bytes = data.to_bytes();
    bytes[20] ^= 1;
    assert!(kunde_store::AnalyticsData::from_bytes(&bytes).is_none());
    // Erasing a customer keeps the counts (an anonymous stand-in stays) but not the
    // fingerprint, so a kept log with the erased name is not used again.
    store
        .erase_customer(ws, cs[0], &kunde_store::Actor::system("test"), NOW)
        .await
        .unwrap();
    let after = store.events_fingerprint(ws).await.unwrap();
    assert_eq!(after.customers, data.fingerprint.customers);
    assert_ne!(after, data.fingerprint);
}

/// A customer's id, name and events (time, touchpoint id, amount bits).
type CustomerContents = (i64, String, Vec<(i64, i64, u64)>);

/// Everything a loaded log holds, by database ids, in log order.
fn log_contents(data: &kunde_store::AnalyticsData) -> Vec<CustomerContents> {
    data.log
        .customers()
        .map(|e| {
            let c = data.customer(e.customer);
            let events = (0..e.len())
                .map(|i| {
                    (
                        e.times[i],
                        data.touchpoint_of(e.touchpoint(i)).0,
                        e.amounts[i].to_bits(),
                    )
                })
                .collect();
            (c.id.0, c.name.clone(), events)
        })
        .collect()
}

/// The reach by database touchpoint.
fn reach(data: &kunde_store::AnalyticsData) -> Vec<(i64, u64)> {
    let mut r: Vec<(i64, u64)> = data
        .touchpoint_ids
        .iter()
        .zip(&data.reach)
        .map(|(t, &n)| (t.0, n))
        .collect();
    r.sort_unstable();
    r
}

fn appended(c: kunde_store::CatchUp) -> kunde_store::AnalyticsData {
    match c {
        kunde_store::CatchUp::Appended(d) => *d,
        other => panic!("expected an append, got {other:?}"),
    }
}

async fn new_events_are_appended_to_a_loaded_log_as_a_fresh_load_would_read_them(store: &Store) {
    let (ws, _) = workspace(store, "shop").await;
    let (other, _) = workspace(store, "other").await;
    let tps = touchpoints(store, ws, 3).await;
    let other_tps = touchpoints(store, other, 1).await;
    let cs = customers(store, ws, 3).await;
    let batch = vec![
        event(Some(cs[0]), tps[0], NOW - 300, Some(12_500)),
        event(Some(cs[1]), tps[1], NOW - 200, None),
        event(None, tps[0], NOW - 50, None),
    ];
    store.ingest_events(ws, &batch, NOW).await.unwrap().unwrap();
    let first = std::sync::Arc::new(store.load_event_log(ws).await.unwrap());
    // Nothing new in the workspace (another workspace's events do not count).
    store
        .ingest_events(other, &[event(None, other_tps[0], NOW, None)], NOW)
        .await
        .unwrap()
        .unwrap();
    assert!(matches!(
        store.catch_up_event_log(ws, &first).await.unwrap(),
        kunde_store::CatchUp::Current
    ));
    // A late event (before the customer's others), a tie, a new customer, an anonymous
    // event and the first event at a touchpoint the log did not have.
    let late = customers(store, ws, 1).await[0];
    let batch = vec![
        event(Some(cs[0]), tps[1], NOW - 1_000, None),
        event(Some(cs[1]), tps[1], NOW - 200, Some(-300)),
        event(Some(late), tps[2], NOW - 10, Some(1)),
        event(None, tps[1], NOW - 5, None),
    ];
    store.ingest_events(ws, &batch, NOW).await.unwrap().unwrap();
    let second = std::sync::Arc::new(appended(
        store.catch_up_event_log(ws, &first).await.unwrap(),
    ));
    let fresh = store.load_event_log(ws).await.unwrap();
    assert_eq!(log_contents(&second), log_contents(&fresh));
    assert_eq!(reach(&second), reach(&fresh));
    assert_eq!(second.fingerprint, fresh.fingerprint);
    assert_eq!(
        second.fingerprint,
        store.events_fingerprint(ws).await.unwrap()
    );
    assert_eq!(second.recent_event_ids, fresh.recent_event_ids);
    // The first log is left as it was, for readers still holding it.
    assert_eq!(first.log.event_count(), 2);
    // And again on top of the appended log.
    store
        .ingest_events(ws, &[event(Some(cs[2]), tps[0], NOW, None)], NOW)
        .await
        .unwrap()
        .unwrap();
    let third = appended(store.catch_up_event_log(ws, &second).await.unwrap());
    let fresh = store.load_event_log(ws).await.unwrap();
    assert_eq!(log_contents(&third), log_contents(&fresh));
    assert_eq!(reach(&third), reach(&fresh));
    assert_eq!(third.fingerprint, fresh.fingerprint);
    // The full check agrees with the appended log.
    assert_eq!(
        store
            .events_fingerprint_upto(ws, &third.fingerprint)
            .await
            .unwrap(),
        third.fingerprint
    );
    // In place, as the server's cache does once it holds the only reference: a late event
    // in the middle of the log, a new customer and an event at the end.
    drop((first, second));
    let newest = customers(store, ws, 1).await[0];
    let batch = vec![
        event(Some(cs[1]), tps[2], NOW - 5_000, Some(700)),
        event(Some(newest), tps[0], NOW - 1, None),
        event(Some(cs[0]), tps[0], NOW + 1, None),
    ];
    store.ingest_events(ws, &batch, NOW).await.unwrap().unwrap();
    let kunde_store::NewSince::New(new) = store.new_since(ws, &third).await.unwrap() else {
        panic!("expected new events");
    };
    let third = std::sync::Arc::new(third);
    let fourth = kunde_store::AnalyticsData::with_new(third, new)
        .unwrap()
        .expect("known customers");
    let fresh = store.load_event_log(ws).await.unwrap();
    assert_eq!(log_contents(&fourth), log_contents(&fresh));
    assert_eq!(reach(&fourth), reach(&fresh));
    assert_eq!(fourth.fingerprint, fresh.fingerprint);
    assert_eq!(fourth.recent_event_ids, fresh.recent_event_ids);
}

async fn an_event_committed_late_below_the_largest_id_is_appended_once(store: &Store) {
    let (ws, _) = workspace(store, "late").await;
    let tps = touchpoints(store, ws, 2).await;
    let cs = customers(store, ws, 2).await;
    store
        .ingest_events(ws, &[event(Some(cs[0]), tps[0], NOW - 100, None)], NOW)
        .await
        .unwrap()
        .unwrap();
    let before = store.load_event_log(ws).await.unwrap();
    // Two more events; the log below is read as if the first of them (a lower id) had not
    // committed yet when the second was read, as happens on PostgreSQL.
    store
        .ingest_events(ws, &[event(Some(cs[1]), tps[1], NOW - 50, Some(700))], NOW)
        .await
        .unwrap()
        .unwrap();
    store
        .ingest_events(ws, &[event(Some(cs[0]), tps[1], NOW - 20, None)], NOW)
        .await
        .unwrap()
        .unwrap();
    let all = store
        .recent_event_ids(ws, before.fingerprint.max_event_id + 100)
        .await
        .unwrap();
    assert_eq!(all.len(), 3);
    let mut batch = kunde_analytics::EventBatch::new(&before.log);
    let c0 = before.log.customer_id(&cs[0].0.to_string()).unwrap();
    let tp1 = batch.new_touchpoint(&tps[1].0.to_string()).unwrap();
    batch.push_ids(c0, NOW - 20, tp1, 0.0).unwrap();
    let mut touchpoints = before.touchpoints.clone();
    touchpoints.insert(tps[1], tp1);
    let mut touchpoint_ids = before.touchpoint_ids.clone();
    touchpoint_ids.push(tps[1]);
    let mut fingerprint = before.fingerprint;
    fingerprint.events += 1;
    fingerprint.customer_events += 1;
    fingerprint.max_event_id = all[2];
    let seen = std::sync::Arc::new(kunde_store::AnalyticsData {
        generation: 0,
        fingerprint,
        log: before.log.appended(batch).unwrap(),
        customers: before.customers.clone(),
        touchpoints,
        touchpoint_ids,
        reach: vec![1, 1],
        recent_event_ids: vec![all[0], all[2]],
    });
    let caught = appended(store.catch_up_event_log(ws, &seen).await.unwrap());
    let fresh = store.load_event_log(ws).await.unwrap();
    assert_eq!(log_contents(&caught), log_contents(&fresh));
    assert_eq!(caught.fingerprint, fresh.fingerprint);
    assert_eq!(reach(&caught), reach(&fresh));
    assert_eq!(caught.recent_event_ids, all);
    // Caught up, nothing more to add: the late event is not added twice.
    assert!(matches!(
        store
            .catch_up_event_log(ws, &std::sync::Arc::new(caught))
            .await
            .unwrap(),
        kunde_store::CatchUp::Current
    ));
}

async fn what_new_events_cannot_express_asks_for_a_reload(store: &Store) {
    let (ws, _) = workspace(store, "changes").await;
    let tps = touchpoints(store, ws, 2).await;
    let cs = customers(store, ws, 3).await;
    let batch = vec![
        event(Some(cs[0]), tps[0], NOW - 300, None),
        event(Some(cs[1]), tps[1], NOW - 200, None),
        event(Some(cs[2]), tps[1], NOW - 200, None),
    ];
    store.ingest_events(ws, &batch, NOW).await.unwrap().unwrap();
    let reload = |c: kunde_store::CatchUp| matches!(c, kunde_store::CatchUp::Reload);
    // A visitor's earlier events joined to a customer: the counts of the log's ids change,
    // which the full check sees (a catch-up reads only newer rows).
    let data = std::sync::Arc::new(store.load_event_log(ws).await.unwrap());
    let mut anon = event(None, tps[0], NOW - 100, None);
    anon.visitor_id = Some("v-join".into());
    store
        .ingest_events(ws, &[anon], NOW)
        .await
        .unwrap()
        .unwrap();
    let data = std::sync::Arc::new(appended(store.catch_up_event_log(ws, &data).await.unwrap()));
    store
        .identify_visitor(ws, "v-join", &CustomerRef::Id(cs[0]), NOW)
        .await
        .unwrap();
    assert_ne!(
        store
            .events_fingerprint_upto(ws, &data.fingerprint)
            .await
            .unwrap(),
        data.fingerprint
    );
    // An erasure, even with no new event.
    let data = std::sync::Arc::new(store.load_event_log(ws).await.unwrap());
    store
        .erase_customer(ws, cs[2], &kunde_store::Actor::system("test"), NOW)
        .await
        .unwrap();
    assert!(reload(store.catch_up_event_log(ws, &data).await.unwrap()));
    // A deleted touchpoint (its events go with it), with a new event besides.
    let data = std::sync::Arc::new(store.load_event_log(ws).await.unwrap());
    let journey = store.list_journeys(ws).await.unwrap()[0].id;
    store.delete_touchpoint(ws, journey, tps[1]).await.unwrap();
    store
        .ingest_events(ws, &[event(Some(cs[0]), tps[0], NOW, None)], NOW)
        .await
        .unwrap()
        .unwrap();
    let after = store.catch_up_event_log(ws, &data).await.unwrap();
    assert!(reload(after), "deleted events are not an append");
}

async fn changes_in_place_move_the_workspaces_counter_and_nothing_else_does(store: &Store) {
    let (ws, _) = workspace(store, "counter").await;
    let (other, _) = workspace(store, "counter-other").await;
    let tps = touchpoints(store, ws, 2).await;
    let other_tps = touchpoints(store, other, 1).await;
    let cs = customers(store, ws, 2).await;
    let other_cs = customers(store, other, 1).await;
    store
        .ingest_events(ws, &[event(Some(cs[0]), tps[0], NOW - 300, None)], NOW)
        .await
        .unwrap()
        .unwrap();
    let data = store.load_event_log(ws).await.unwrap();
    let quick = store.quick_fingerprint(ws).await.unwrap();
    assert!(
        store
            .unchanged_in_place(ws, &data.fingerprint)
            .await
            .unwrap()
    );
    // New events and customers, here and in another workspace, and an anonymous event:
    // nothing changed in place.
    let mut anon = event(None, tps[1], NOW - 50, None);
    anon.visitor_id = Some("v-counter".into());
    store
        .ingest_events(
            ws,
            &[event(Some(cs[1]), tps[1], NOW - 100, None), anon],
            NOW,
        )
        .await
        .unwrap()
        .unwrap();
    store
        .ingest_events(
            other,
            &[event(Some(other_cs[0]), other_tps[0], NOW, None)],
            NOW,
        )
        .await
        .unwrap()
        .unwrap();
    customers(store, ws, 1).await;
    assert!(
        store
            .unchanged_in_place(ws, &data.fingerprint)
            .await
            .unwrap()
    );
    let later = store.quick_fingerprint(ws).await.unwrap();
    assert!(later.max_event_id > quick.max_event_id);
    assert_eq!(later.changes, quick.changes);
    // Another workspace's customer renamed: not this workspace's change.
    let mut renamed = NewCustomer::named(name("Someone else"), NOW);
    store
        .update_customer(other, other_cs[0], &renamed)
        .await
        .unwrap();
    assert!(
        store
            .unchanged_in_place(ws, &data.fingerprint)
            .await
            .unwrap()
    );
    // A customer renamed (the log shows names): a change in place, seen by the quick
    // check and by the catch-up, which asks for a reload.
    renamed.name = name("Customer 0, renamed");
    store.update_customer(ws, cs[0], &renamed).await.unwrap();
    assert!(
        !store
            .unchanged_in_place(ws, &data.fingerprint)
            .await
            .unwrap()
    );
    assert_ne!(
        store.quick_fingerprint(ws).await.unwrap().changes,
        later.changes
    );
    assert!(matches!(
        store
            .catch_up_event_log(ws, &std::sync::Arc::new(data))
            .await
            .unwrap(),
        kunde_store::CatchUp::Reload
    ));
    // Saving the same name again changes nothing.
    let data = store.load_event_log(ws).await.unwrap();
    store.update_customer(ws, cs[0], &renamed).await.unwrap();
    assert!(
        store
            .unchanged_in_place(ws, &data.fingerprint)
            .await
            .unwrap()
    );
    // A touchpoint deleted takes its events along: a change, with no new event to see.
    let journey = store.list_journeys(ws).await.unwrap()[0].id;
    store.delete_touchpoint(ws, journey, tps[1]).await.unwrap();
    assert!(
        !store
            .unchanged_in_place(ws, &data.fingerprint)
            .await
            .unwrap()
    );
    // The counter is part of the fingerprint the file keeps.
    let data = store.load_event_log(ws).await.unwrap();
    let back = kunde_store::AnalyticsData::from_bytes(&data.to_bytes()).unwrap();
    assert_eq!(back.fingerprint, data.fingerprint);
    assert!(data.fingerprint.changes >= 2);
}
