//! The events backend end to end, in-process, on SQLite and PostgreSQL against a real
//! ClickHouse server (`KUNDE_TEST_CLICKHOUSE_URL`; without it the tests say so and pass):
//! the forwarder copies every customer event once, appends new ones, and sends a chunk again
//! when the main database changed under it (a touchpoint deleted, a visitor joined, an
//! insert doubled); the funnel, paths and retention pages computed on ClickHouse show the
//! in-memory pages' numbers (the retention page and its downloads without loading the event
//! log at all), and fall back to memory while the copy is behind.

mod support;

use kunde_clickhouse::EventsBackend;
use kunde_domain::*;
use kunde_store::testing::TestDb;
use kunde_web::kit::events_backend::{Forwarded, forward_all, in_sync};
use support::*;

on_both_databases!(
    the_forwarder_copies_each_event_once_and_follows_the_database,
    two_forwarders_at_once_send_every_event_exactly_once,
    the_funnel_page_on_clickhouse_shows_the_in_memory_numbers,
    the_paths_and_retention_pages_on_clickhouse_show_the_in_memory_numbers,
);

const DAY: i64 = 86_400;
const T0: i64 = NOW - 60 * DAY;

/// A backend on a fresh database of its own; `None` (saying so) without a server.
async fn backend(test: &str) -> Option<EventsBackend> {
    let Ok(url) = std::env::var("KUNDE_TEST_CLICKHOUSE_URL") else {
        eprintln!(
            "ClickHouse test `{test}` did not run: KUNDE_TEST_CLICKHOUSE_URL is not set \
             (scripts/clickhouse-test-server starts a server and prints the URL)"
        );
        return None;
    };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let base = url.split('?').next().unwrap().trim_end_matches('/');
    let b = EventsBackend::new(&format!(
        "{base}/?database=kunde_web_{test}_{}_{nanos}",
        std::process::id()
    ))
    .unwrap();
    b.ensure_schema().await.unwrap();
    Some(b)
}

async fn drop_backend(b: &EventsBackend) {
    let url = std::env::var("KUNDE_TEST_CLICKHOUSE_URL").unwrap();
    let admin = EventsBackend::new(url.split('?').next().unwrap()).unwrap();
    admin.drop_database(b.database()).await.unwrap();
}

fn nonempty(s: &str) -> NonEmpty {
    NonEmpty::parse("name", s).unwrap()
}

/// One as-is journey with a stage per touchpoint; returns the journey and touchpoints.
async fn journey(db: &TestDb, ws: WorkspaceId, names: &[&str]) -> (JourneyId, Vec<TouchpointId>) {
    let new = NewJourney {
        name: nonempty("Booking"),
        description: String::new(),
        variant: JourneyVariant::AsIs,
        counterpart_of: None,
        parent_id: None,
    };
    let stage_names: Vec<String> = (0..names.len()).map(|i| format!("Stage {i}")).collect();
    let stage_refs: Vec<&str> = stage_names.iter().map(String::as_str).collect();
    let j = db
        .store
        .create_journey(ws, &new, &stage_refs, NOW)
        .await
        .unwrap();
    let stages = db.store.list_stages(ws, j.id).await.unwrap();
    let mut ids = Vec::new();
    for (stage, name) in stages.iter().zip(names) {
        let t = NewTouchpoint {
            stage_id: stage.id,
            name: nonempty(name),
            channel: Channel::Web,
            digital: true,
            owned: true,
            owner_id: None,
            customer_goal: String::new(),
            pain_points: String::new(),
            ideas: String::new(),
        };
        ids.push(db.store.create_touchpoint(ws, &t).await.unwrap().id);
    }
    (j.id, ids)
}

fn event(customer: Option<CustomerId>, tp: TouchpointId, at: i64) -> NewEvent {
    NewEvent {
        customer_id: customer,
        visitor_id: customer.is_none().then(|| "visitor-7".to_owned()),
        touchpoint_id: tp,
        occurred_at: at,
        channel: Channel::Web,
        amount: Some(Money(100)),
        properties: "{}".into(),
    }
}

/// A workspace of `customers` customers with events on four touchpoints: a deterministic
/// mix with ties at the same second, steps exactly a day apart (a 1-day window's boundary),
/// restarts and back-steps.
async fn seeded(
    db: &TestDb,
    slug: &str,
    customers: usize,
) -> (WorkspaceId, JourneyId, Vec<TouchpointId>, Vec<CustomerId>) {
    let (ws, ..) = seed_workspace(db, slug).await;
    let ws = ws.id;
    let (j, tps) = journey(db, ws, &["Web", "Call", "Visit", "Other"]).await;
    let mut ids = Vec::new();
    let mut events = Vec::new();
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    for i in 0..customers {
        let mut c = NewCustomer::named(nonempty(&format!("Customer {i:03}")), NOW);
        c.acquisition_channel = (i % 3 == 0).then(|| nonempty("referral"));
        let id = db.store.create_customer(ws, &c).await.unwrap().id;
        ids.push(id);
        for _ in 0..(i % 7) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let at = T0 + (x % 4) as i64 * DAY / 2 + ((x >> 8) % 2) as i64;
            events.push(event(Some(id), tps[((x >> 16) % 4) as usize], at));
        }
    }
    db.store.insert_events(ws, &events).await.unwrap();
    (ws, j, tps, ids)
}

/// A forwarder's claimer, as an instance has one.
fn claimer() -> kunde_store::Claimer {
    kunde_store::Claimer::new(60)
}

fn quiet() -> Forwarded {
    Forwarded::default()
}

async fn the_forwarder_copies_each_event_once_and_follows_the_database(db: &TestDb) {
    let Some(ch) = backend("forward").await else {
        return;
    };
    let store = &db.store;
    let (ws, j, tps, customers) = seeded(db, "a", 40).await;
    let (other, ..) = seeded(db, "b", 5).await;
    let count = |ws: WorkspaceId| async move {
        store
            .event_digests(ws, kunde_clickhouse::CHUNK_IDS)
            .await
            .unwrap()
            .iter()
            .map(|d| d.events)
            .sum::<i64>()
    };
    let in_db = count(ws).await;
    assert!(in_db > 50, "the seed has events");

    let first = forward_all(store, &ch, &claimer()).await.unwrap();
    assert_eq!(first.resent as i64, in_db + count(other).await);
    assert!(in_sync(store, &ch, ws).await.unwrap());
    assert!(in_sync(store, &ch, other).await.unwrap());
    assert_eq!(
        forward_all(store, &ch, &claimer()).await.unwrap(),
        quiet(),
        "nothing twice"
    );

    // New events are appended, not resent; a visitor's event is not copied until it has a
    // customer.
    store
        .insert_events(
            ws,
            &[
                event(None, tps[0], T0),
                event(Some(customers[1]), tps[1], T0 + DAY),
            ],
        )
        .await
        .unwrap();
    assert!(!in_sync(store, &ch, ws).await.unwrap());
    let f = forward_all(store, &ch, &claimer()).await.unwrap();
    assert_eq!((f.appended, f.resent_chunks), (1, 0));
    assert!(in_sync(store, &ch, ws).await.unwrap());

    // The visitor joins a customer: its older event now counts, so the chunk goes again.
    store
        .identify_visitor(
            ws,
            "visitor-7",
            &kunde_store::CustomerRef::Id(customers[2]),
            NOW,
        )
        .await
        .unwrap();
    assert!(!in_sync(store, &ch, ws).await.unwrap());
    let f = forward_all(store, &ch, &claimer()).await.unwrap();
    assert_eq!(f.resent_chunks, 1);
    assert_eq!(f.resent as i64, count(ws).await);
    assert!(in_sync(store, &ch, ws).await.unwrap());

    // An insert that reached ClickHouse twice (two instances, or a lost answer) is undone.
    let again = store.export_events(ws, 0, i64::MAX, 3).await.unwrap();
    ch.insert(
        &again
            .iter()
            .map(|e| kunde_clickhouse::ExportedEvent {
                workspace_id: ws.0,
                id: e.id,
                customer_id: e.customer_id,
                occurred_at: e.occurred_at,
                touchpoint_id: e.touchpoint_id,
                amount: e.amount,
            })
            .collect::<Vec<_>>(),
    )
    .await
    .unwrap();
    assert!(!in_sync(store, &ch, ws).await.unwrap());
    assert_eq!(
        forward_all(store, &ch, &claimer())
            .await
            .unwrap()
            .resent_chunks,
        1
    );
    assert!(in_sync(store, &ch, ws).await.unwrap());

    // Deleting a touchpoint deletes its events in ClickHouse too.
    store.delete_touchpoint(ws, j, tps[3]).await.unwrap();
    assert!(!in_sync(store, &ch, ws).await.unwrap());
    forward_all(store, &ch, &claimer()).await.unwrap();
    assert!(in_sync(store, &ch, ws).await.unwrap());
    let reach = ch.reach(ws.0).await.unwrap();
    assert!(reach.iter().all(|(tp, _)| *tp != tps[3].0), "{reach:?}");
    assert_eq!(
        ch.digests(ws.0)
            .await
            .unwrap()
            .iter()
            .map(|d| d.events)
            .sum::<i64>(),
        count(ws).await
    );

    // Erasing a customer keeps the events on the stand-in: nothing to send.
    store
        .erase_customer(
            ws,
            customers[6],
            &kunde_store::trust::Actor::system("test"),
            NOW,
        )
        .await
        .unwrap();
    assert!(in_sync(store, &ch, ws).await.unwrap());
    assert_eq!(forward_all(store, &ch, &claimer()).await.unwrap(), quiet());
    // The other workspace was never touched by any of it.
    assert!(in_sync(store, &ch, other).await.unwrap());
    drop_backend(&ch).await;
}

/// Two instances' forwarders running at the same moment against one database and one
/// ClickHouse (issue 21): the workspace's lease lets one of them copy, so every event is
/// inserted exactly once — ClickHouse equals the database right after each pair of rounds,
/// before any repair could hide a doubled insert, and the two together report each event
/// once. A lease left by an instance that died blocks the others until it lapses.
async fn two_forwarders_at_once_send_every_event_exactly_once(db: &TestDb) {
    let Some(ch) = backend("lease").await else {
        return;
    };
    let store = &db.store;
    let (ws, _, tps, customers) = seeded(db, "a", 50).await;
    let (a, b) = (claimer(), claimer());
    let mut sent = 0u64;
    for round in 0..6 {
        let (fa, fb) = tokio::join!(forward_all(store, &ch, &a), forward_all(store, &ch, &b));
        let (fa, fb) = (fa.unwrap(), fb.unwrap());
        sent += fa.appended + fa.resent + fb.appended + fb.resent;
        assert!(in_sync(store, &ch, ws).await.unwrap(), "round {round}");
        let in_db: i64 = store
            .event_digests(ws, kunde_clickhouse::CHUNK_IDS)
            .await
            .unwrap()
            .iter()
            .map(|d| d.events)
            .sum();
        assert_eq!(sent as i64, in_db, "round {round}: each event sent once");
        // New events between rounds, so the next pair appends.
        let new: Vec<_> = (0..round + 1)
            .map(|k| event(Some(customers[k]), tps[k % 4], T0 + k as i64))
            .collect();
        store.insert_events(ws, &new).await.unwrap();
    }

    // An instance that died holding the lease: the others leave the workspace alone…
    let dead = kunde_store::Claimer::new(3600);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    assert!(store.claim_events_forward(&dead, ws, now).await.unwrap());
    assert_eq!(forward_all(store, &ch, &a).await.unwrap(), quiet());
    assert!(!in_sync(store, &ch, ws).await.unwrap());
    // …until its lease has passed (here: ended, as `release_claims` does on SIGTERM).
    store.release_claims(&dead).await.unwrap();
    assert!(forward_all(store, &ch, &b).await.unwrap().appended > 0);
    assert!(in_sync(store, &ch, ws).await.unwrap());
    drop_backend(&ch).await;
}

/// The summary, the text of the steps table's cells (the times between steps included) and
/// the dropped customers' rows (link, name, channel, when they reached the step).
fn numbers(body: &str) -> (String, Vec<Vec<String>>, Vec<String>) {
    let summary = body
        .split("<p class=\"summary\">")
        .nth(1)
        .and_then(|s| s.split("</p>").next())
        .unwrap_or_default()
        .to_owned();
    let mut rows = Vec::new();
    if let Some(from) = body.find("<tbody>") {
        let table = &body[from..from + body[from..].find("</tbody>").unwrap()];
        for row in table.split("<tr>").skip(1) {
            let cells: Vec<String> = row
                .split("<td")
                .skip(1)
                .map(|c| strip(&c[c.find('>').unwrap() + 1..c.find("</td>").unwrap()]))
                .collect();
            rows.push(cells);
        }
    }
    let dropped = match body.find("<h2 id=\"dropped\">") {
        Some(from) => {
            let rest = &body[from..];
            let rest = &rest[..rest.find("</tbody>").unwrap_or(rest.len())];
            rest.split("<tr>")
                .skip(2)
                .map(|row| {
                    let id = row.split("/customers/").nth(1).unwrap_or_default();
                    format!("{} {}", id.split('"').next().unwrap(), strip(row))
                })
                .collect()
        }
        None => Vec::new(),
    };
    (summary, rows, dropped)
}

fn strip(s: &str) -> String {
    let mut out = String::new();
    let mut tag = false;
    for ch in s.chars() {
        match ch {
            '<' => tag = true,
            '>' => tag = false,
            c if !tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_owned()
}

async fn the_funnel_page_on_clickhouse_shows_the_in_memory_numbers(db: &TestDb) {
    let Some(ch) = backend("page").await else {
        return;
    };
    let (ws, _, tps, customers) = seeded(db, "a", 60).await;
    seeded(db, "b", 10).await;
    forward_all(&db.store, &ch, &claimer()).await.unwrap();
    let mut memory = Client::new(state(db));
    memory.sign_in("owner@a.test").await;
    let mut pushed_state = state(db);
    pushed_state.config.events_backend = Some(ch.clone());
    let pushed_cache = pushed_state.analytics.clone();
    let mut pushed = Client::new(pushed_state);
    pushed.sign_in("owner@a.test").await;

    let (w, c, v, o) = (tps[0].0, tps[1].0, tps[2].0, tps[3].0);
    let queries = [
        String::new(),
        format!("step={w}&step={c}&step={v}&window=1&unit=days"),
        format!("step={w}&step={c}&step={v}&window=12&unit=hours"),
        format!("step={w}&step={c}&step={v}&window=11&unit=hours"),
        format!("step={w}&step={w}&step={c}&window=2&unit=days&drop=2"),
        format!("step={c}&step={w}&step={o}&step={v}&window=30&unit=days&drop=1"),
        format!("step={w}&step={c}&step={v}&window=1&unit=days&breakdown=month"),
    ];
    for q in &queries {
        let a = memory.get(&format!("/analytics/funnel?{q}")).await;
        let b = pushed.get(&format!("/analytics/funnel?{q}")).await;
        assert_eq!(a.status, b.status, "{q}");
        assert!(!a.body.contains("id=\"pushed-down\""), "{q}");
        assert!(
            b.body.contains("id=\"pushed-down\""),
            "computed on clickhouse: {q}"
        );
        // Every table's body (steps, breakdown, dropped customers), then their numbers.
        let bodies = |body: &str| -> Vec<String> {
            body.split("<tbody>")
                .skip(1)
                .map(|t| t.split("</tbody>").next().unwrap().to_owned())
                .collect()
        };
        assert_eq!(bodies(&a.body), bodies(&b.body), "{q}");
        if q.contains("breakdown=month") {
            assert!(bodies(&a.body).len() >= 2, "{q}: a breakdown table");
        }
        let (a, b) = (numbers(&a.body), numbers(&b.body));
        assert!(!a.1.is_empty(), "{q}");
        assert_eq!(a, b, "{q}");
        // The times between steps (median, 90th percentile) are shown, from ClickHouse.
        assert!(
            !a.1[1][6].is_empty() && !a.1[1][7].is_empty(),
            "{q}: {:?}",
            a.1
        );
        if q.contains("drop=") {
            assert!(
                !a.2.is_empty() && a.2.iter().all(|r| r.contains(':')),
                "{q}: {:?}",
                a.2
            );
        }
        // The downloads: the same files from either engine.
        for table in ["steps", "dropped", "breakdown"] {
            let url = format!("/analytics/funnel.csv?{q}&table={table}");
            let (a, b) = (memory.get(&url).await, pushed.get(&url).await);
            assert_eq!((a.status, &a.body), (b.status, &b.body), "{url}");
            assert!(a.body.lines().count() > 1 || table != "steps", "{url}");
        }
    }
    // Nothing of the above loaded the events into the pushed instance's memory.
    assert_eq!(
        pushed_cache.load_counts().database,
        0,
        "computed on clickhouse"
    );
    // Bad parameters give the same problems in the download.
    let url = format!("/analytics/funnel.csv?step={w}&step={c}&table=nope");
    let (a, b) = (memory.get(&url).await, pushed.get(&url).await);
    assert_eq!((a.status, &a.body), (b.status, &b.body), "{url}");
    assert_eq!(a.status.as_u16(), 400);
    // The breakdown by channel is computed in memory (channels live in the main database).
    let q = format!("step={w}&step={c}&window=1&unit=days&breakdown=channel");
    assert!(
        !pushed
            .get(&format!("/analytics/funnel?{q}"))
            .await
            .body
            .contains("pushed-down")
    );

    // While ClickHouse is behind, the page computes in memory and shows the new event.
    db.store
        .insert_events(ws, &[event(Some(customers[0]), tps[0], T0)])
        .await
        .unwrap();
    let q = &queries[1];
    let a = memory.get(&format!("/analytics/funnel?{q}")).await;
    let b = pushed.get(&format!("/analytics/funnel?{q}")).await;
    assert!(!b.body.contains("id=\"pushed-down\""));
    assert_eq!(numbers(&a.body), numbers(&b.body));
    forward_all(&db.store, &ch, &claimer()).await.unwrap();
    let b = pushed.get(&format!("/analytics/funnel?{q}")).await;
    assert!(b.body.contains("id=\"pushed-down\""));
    assert_eq!(numbers(&a.body), numbers(&b.body));
    drop_backend(&ch).await;
}

/// The part of a page from `from` up to `to` (or the end of `<main>`), without the note
/// that ClickHouse counted it.
fn section(body: &str, from: &str, to: &str) -> String {
    let start = body
        .find(from)
        .unwrap_or_else(|| panic!("{from} in {body}"));
    let rest = &body[start..];
    let end = rest
        .find(to)
        .or_else(|| rest.find("</main>"))
        .unwrap_or(rest.len());
    rest[..end]
        .lines()
        .filter(|l| !l.contains("id=\"pushed-down\"") && !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The two texts are equal, or the first line that differs is shown.
fn same_lines(a: &str, b: &str, what: &str) {
    for (x, y) in a.lines().zip(b.lines()) {
        assert_eq!(x, y, "{what}: in memory, then on clickhouse");
    }
    assert_eq!(a.lines().count(), b.lines().count(), "{what}");
}

async fn the_paths_and_retention_pages_on_clickhouse_show_the_in_memory_numbers(db: &TestDb) {
    let Some(ch) = backend("pages").await else {
        return;
    };
    let (ws, _, tps, customers) = seeded(db, "a", 60).await;
    seeded(db, "b", 10).await;
    // Orders and visits over many months (amounts and none), in the business's time zone
    // around month ends, so the cohort table has cohorts, comebacks and young cells.
    let mut more = Vec::new();
    for (i, c) in customers.iter().enumerate() {
        for k in 0..(i % 5) as i64 {
            let mut e = event(
                Some(*c),
                tps[(i + k as usize) % 4],
                T0 - (i as i64 * 13 + k * 37) * DAY - 3600,
            );
            e.amount = (k % 2 == 0).then_some(Money(250 + i as i64));
            more.push(e);
        }
    }
    db.store.insert_events(ws, &more).await.unwrap();
    forward_all(&db.store, &ch, &claimer()).await.unwrap();
    let mut memory = Client::new(state(db));
    memory.sign_in("owner@a.test").await;
    let mut pushed_state = state(db);
    pushed_state.config.events_backend = Some(ch.clone());
    let paths_cache = pushed_state.analytics.clone();
    let mut pushed = Client::new(pushed_state);
    pushed.sign_in("owner@a.test").await;

    let (w, c, v) = (tps[0].0, tps[1].0, tps[2].0);
    for q in [
        String::new(),
        format!("tp={w}&direction=after&depth=3&top=10&repeats=merge"),
        format!("tp={c}&direction=before&depth=4&top=5&repeats=keep"),
        format!("tp={v}&direction=after&depth=5&top=20&repeats=keep"),
    ] {
        let a = memory.get(&format!("/analytics/paths?{q}")).await;
        let b = pushed.get(&format!("/analytics/paths?{q}")).await;
        assert_eq!((a.status.as_u16(), b.status.as_u16()), (200, 200), "{q}");
        assert!(
            b.body.contains("id=\"pushed-down\""),
            "paths on clickhouse: {q}"
        );
        assert!(!a.body.contains("id=\"pushed-down\""), "{q}");
        let (a, b) = (
            section(&a.body, "<h2>", "</main>"),
            section(&b.body, "<h2>", "</main>"),
        );
        assert!(a.contains("<td>"), "{q}: {a}");
        same_lines(&a, &b, &q);
        // Its downloads too: the same files, byte for byte.
        for table in ["links", "paths"] {
            let url = format!("/analytics/paths.csv?{q}&table={table}");
            let (a, b) = (memory.get(&url).await, pushed.get(&url).await);
            assert_eq!((a.status.as_u16(), b.status.as_u16()), (200, 200), "{url}");
            assert!(a.body.lines().count() > 1, "{url}: {}", a.body);
            assert_eq!(a.body, b.body, "{url}");
        }
    }
    // None of that loaded the event log on the instance with ClickHouse.
    let counts = paths_cache.load_counts();
    assert_eq!((counts.database, counts.file), (0, 0));
    // An unknown table is refused alike.
    let bad = "/analytics/paths.csv?table=nodes";
    assert_eq!(
        (
            memory.get(bad).await.status.as_u16(),
            pushed.get(bad).await.status.as_u16()
        ),
        (400, 400)
    );
    // The drop-off view follows a funnel's customers: computed in memory.
    let drop = format!("view=drop&step={w}&step={c}&window=1&unit=days");
    assert!(
        !pushed
            .get(&format!("/analytics/paths?{drop}"))
            .await
            .body
            .contains("pushed-down")
    );

    // The whole retention page — the form's choices, the cohort tables, the lifecycle with
    // its proposed or chosen churn threshold, its chart — and its downloads are counted on
    // ClickHouse without loading the event log, and are the in-memory page's. (A client of
    // its own: the paths' drop-off view above loaded the log.)
    let mut retention_state = state(db);
    retention_state.config.events_backend = Some(ch.clone());
    let cache = retention_state.analytics.clone();
    let mut pushed = Client::new(retention_state);
    pushed.sign_in("owner@a.test").await;
    let logs_loaded = || {
        let n = cache.load_counts();
        n.database + n.file + n.appended
    };
    let mut lost = 0;
    for q in [
        String::new(),
        "back=any_event".to_owned(),
        format!("back=touchpoint&tp={v}"),
        format!("back=touchpoint&tp={v}&days=20"),
        "back=touchpoint&tp=999999&days=3".to_owned(),
        "back=nonsense&days=400".to_owned(),
        "days=0".to_owned(),
        "days=45".to_owned(),
    ] {
        let a = memory.get(&format!("/value/retention?{q}")).await;
        let b = pushed.get(&format!("/value/retention?{q}")).await;
        assert_eq!((a.status.as_u16(), b.status.as_u16()), (200, 200), "{q}");
        assert!(
            b.body.contains("id=\"pushed-down\""),
            "cohorts on clickhouse: {q}"
        );
        assert_eq!(logs_loaded(), 0, "{q}: no event log loaded");
        let form = "<form method=\"get\" action=\"/value/retention\"";
        let (a, b) = (
            section(&a.body, form, "</main>"),
            section(&b.body, form, "</main>"),
        );
        assert!(a.contains("<td"), "{q}");
        assert!(a.contains("id=\"lifecycle\""), "{q}");
        lost += a.matches("column=lost").count();
        same_lines(&a, &b, &q);
        for table in ["cohorts", "value", "lifecycle"] {
            let url = format!("/value/retention.csv?{q}&table={table}");
            let (a, b) = (memory.get(&url).await, pushed.get(&url).await);
            assert_eq!((a.status.as_u16(), b.status.as_u16()), (200, 200), "{url}");
            assert!(a.body.lines().count() > 1, "{url}");
            same_lines(&a.body, &b.body, &url);
        }
        assert_eq!(
            logs_loaded(),
            0,
            "{q}: no event log loaded for the downloads"
        );
    }
    assert!(lost > 5, "the lifecycle loses customers ({lost} links)");
    assert!(!cache.holds(ws));
    // A channel lives in the main database: computed in memory, from the log.
    let b = pushed.get("/value/retention?channel=referral").await;
    assert!(!b.body.contains("id=\"pushed-down\""));
    assert_eq!(logs_loaded(), 1);

    // While ClickHouse is behind, both pages compute in memory.
    db.store
        .insert_events(ws, &[event(Some(customers[0]), tps[0], T0)])
        .await
        .unwrap();
    assert!(
        !pushed
            .get("/analytics/paths")
            .await
            .body
            .contains("id=\"pushed-down\"")
    );
    assert!(
        !pushed
            .get("/value/retention")
            .await
            .body
            .contains("id=\"pushed-down\"")
    );
    drop_backend(&ch).await;
}
