//! The events API end to end, in-process over `router()`: key authentication, idempotency,
//! all-or-nothing batches that name the bad event and field, joining visitors to customers,
//! limits, the web snippet's endpoint and its CORS, and API keys on the settings page. Each
//! test runs on SQLite and on PostgreSQL.

mod support;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use kunde_domain::*;
use kunde_store::ApiKeyKind;
use kunde_store::testing::TestDb;
use serde_json::{Value, json};
use support::*;
use tower::ServiceExt;

on_both_databases!(
    the_events_api_needs_a_live_secret_key_of_its_own_workspace,
    a_retried_batch_is_not_counted_twice,
    a_key_reused_for_a_different_event_is_a_conflict,
    a_batch_with_a_bad_event_in_the_middle_stores_nothing_and_names_the_event_and_field,
    events_name_customers_by_id_or_e_mail_and_keep_their_details,
    an_identified_visitor_brings_past_and_later_events_to_the_customer,
    an_event_naming_visitor_and_customer_joins_them,
    oversized_empty_and_broken_batches_are_refused_clearly,
    the_snippet_endpoint_takes_anonymous_events_from_any_site_without_cookies,
    the_owner_creates_a_key_sees_it_once_and_revokes_it,
    a_publishable_key_limited_to_some_sites_refuses_the_others,
    the_snippet_endpoint_is_rate_limited_per_address,
);

/// A journey with one touchpoint (on the phone) in the workspace.
async fn seed_touchpoint(db: &TestDb, ws: WorkspaceId, name: &str) -> TouchpointId {
    let journey = NewJourney {
        name: NonEmpty::parse("name", "Repairs").unwrap(),
        description: String::new(),
        variant: JourneyVariant::AsIs,
        counterpart_of: None,
        parent_id: None,
    };
    let j = db
        .store
        .create_journey(ws, &journey, &["Service"], NOW)
        .await
        .unwrap();
    let stage = db.store.list_stages(ws, j.id).await.unwrap().remove(0);
    let tp = NewTouchpoint {
        stage_id: stage.id,
        name: NonEmpty::parse("name", name).unwrap(),
        channel: Channel::Phone,
        digital: false,
        owned: true,
        owner_id: None,
        customer_goal: String::new(),
        pain_points: String::new(),
        ideas: String::new(),
    };
    db.store.create_touchpoint(ws, &tp).await.unwrap().id
}

async fn key(db: &TestDb, ws: WorkspaceId, kind: ApiKeyKind) -> String {
    let name = NonEmpty::parse("name", "test").unwrap();
    db.store
        .create_api_key(ws, &name, kind, None, NOW)
        .await
        .unwrap()
        .1
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    json: Value,
}

async fn call(
    app: &Router,
    method: Method,
    path: &str,
    key: Option<&str>,
    content_type: &str,
    body: String,
) -> Answer {
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::HOST, "kunde.test");
    if let Some(key) = key {
        request = request.header(header::AUTHORIZATION, format!("Bearer {key}"));
    }
    if !content_type.is_empty() {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = to_bytes(response.into_body(), usize::MAX).await.unwrap();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Answer {
        status,
        headers,
        json,
    }
}

async fn post_events(app: &Router, key: Option<&str>, body: Value) -> Answer {
    call(
        app,
        Method::POST,
        "/api/v1/events",
        key,
        "application/json",
        body.to_string(),
    )
    .await
}

fn app(db: &TestDb) -> Router {
    kunde_web::router(state(db))
}

async fn event_count(db: &TestDb, ws: WorkspaceId) -> i64 {
    db.store.workspace_totals(ws).await.unwrap().events
}

async fn the_events_api_needs_a_live_secret_key_of_its_own_workspace(db: &TestDb) {
    let (a, ..) = seed_workspace(db, "a").await;
    let (b, ..) = seed_workspace(db, "b").await;
    let tp_a = seed_touchpoint(db, a.id, "Call").await;
    let alice = seed_customer(db, a.id, "Alice").await;
    let key_a = key(db, a.id, ApiKeyKind::Secret).await;
    let key_b = key(db, b.id, ApiKeyKind::Secret).await;
    let app = app(db);
    let batch = json!({"events": [{"customer_id": alice.id, "touchpoint_id": tp_a, "time": NOW}]});

    let missing = post_events(&app, None, batch.clone()).await;
    assert_eq!(missing.status, StatusCode::UNAUTHORIZED);
    assert_eq!(missing.json["error"], "unauthorized");
    assert_eq!(missing.headers[header::WWW_AUTHENTICATE], "Bearer");
    let wrong = post_events(&app, Some("kunde_sk_not-a-key-at-all"), batch.clone()).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(
        wrong.json["message"]
            .as_str()
            .unwrap()
            .contains("unknown or revoked")
    );
    // Another workspace's key can neither name A's touchpoints nor A's customers.
    let other = post_events(&app, Some(&key_b), batch.clone()).await;
    assert_eq!(
        other.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        other.json
    );
    let fields: Vec<&str> = other.json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["touchpoint_id", "customer_id"]);
    // A publishable key is for the snippet only.
    let publishable = key(db, a.id, ApiKeyKind::Publishable).await;
    let refused = post_events(&app, Some(&publishable), batch.clone()).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.json["error"], "wrong_key_kind");
    assert_eq!(event_count(db, a.id).await, 0);
    assert_eq!(event_count(db, b.id).await, 0);

    let ok = post_events(&app, Some(&key_a), batch.clone()).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.json);
    assert_eq!(
        ok.json,
        json!({"received": 1, "stored": 1, "duplicates": 0})
    );
    assert!(
        ok.headers.get(header::SET_COOKIE).is_none(),
        "the api sets no cookie"
    );
    assert!(
        ok.headers
            .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .is_none(),
        "no cors outside the snippet endpoint"
    );

    // Revoked: refused at once, on the very next request.
    let id = db
        .store
        .list_api_keys(a.id)
        .await
        .unwrap()
        .into_iter()
        .find(|k| k.kind == ApiKeyKind::Secret)
        .unwrap()
        .id;
    assert!(
        db.store.revoke_api_key(b.id, id, NOW).await.is_err(),
        "b cannot revoke a's key"
    );
    assert_eq!(
        post_events(&app, Some(&key_a), batch.clone()).await.status,
        StatusCode::OK
    );
    db.store.revoke_api_key(a.id, id, NOW).await.unwrap();
    let revoked = post_events(&app, Some(&key_a), batch).await;
    assert_eq!(revoked.status, StatusCode::UNAUTHORIZED);
    assert_eq!(event_count(db, a.id).await, 2);
}

async fn a_retried_batch_is_not_counted_twice(db: &TestDb) {
    let (a, ..) = seed_workspace(db, "a").await;
    let (b, ..) = seed_workspace(db, "b").await;
    let tp = seed_touchpoint(db, a.id, "Call").await;
    let tp_b = seed_touchpoint(db, b.id, "Call").await;
    let c = seed_customer(db, a.id, "Alice").await;
    let cb = seed_customer(db, b.id, "Bob").await;
    let (key_a, key_b) = (
        key(db, a.id, ApiKeyKind::Secret).await,
        key(db, b.id, ApiKeyKind::Secret).await,
    );
    let app = app(db);
    let ev = |k: &str| json!({"customer_id": c.id, "touchpoint_id": tp, "time": NOW, "idempotency_key": k});
    let batch = json!({"events": [ev("k1"), ev("k2"), ev("k3")]});
    let first = post_events(&app, Some(&key_a), batch.clone()).await;
    assert_eq!(
        first.json,
        json!({"received": 3, "stored": 3, "duplicates": 0})
    );
    let retry = post_events(&app, Some(&key_a), batch).await;
    assert_eq!(retry.status, StatusCode::OK);
    assert_eq!(
        retry.json,
        json!({"received": 3, "stored": 0, "duplicates": 3})
    );
    // One new, one seen before, one repeated inside the batch; events without a key always count.
    let mixed = json!({"events": [ev("k4"), ev("k1"), ev("k4"),
        {"customer_id": c.id, "touchpoint_id": tp, "time": NOW}]});
    let mixed = post_events(&app, Some(&key_a), mixed).await;
    assert_eq!(
        mixed.json,
        json!({"received": 4, "stored": 2, "duplicates": 2})
    );
    assert_eq!(event_count(db, a.id).await, 5);
    // Keys are unique per workspace: another business may use the same ones.
    let theirs = json!({"events": [{"customer_id": cb.id, "touchpoint_id": tp_b, "time": NOW, "idempotency_key": "k1"}]});
    assert_eq!(
        post_events(&app, Some(&key_b), theirs).await.json["stored"],
        1
    );
}

async fn a_key_reused_for_a_different_event_is_a_conflict(db: &TestDb) {
    let (a, ..) = seed_workspace(db, "a").await;
    let tp = seed_touchpoint(db, a.id, "Call").await;
    let c = seed_customer(db, a.id, "Alice").await;
    let key_a = key(db, a.id, ApiKeyKind::Secret).await;
    let app = app(db);
    let ev = |k: &str, amount: &str| json!({"customer_id": c.id, "touchpoint_id": tp, "time": NOW, "amount": amount, "idempotency_key": k});
    let first = post_events(&app, Some(&key_a), json!({"events": [ev("k1", "10.00")]})).await;
    assert_eq!(first.json["stored"], 1, "{}", first.json);
    // The same event again is a retry; the same key with another amount is not.
    let retry = post_events(&app, Some(&key_a), json!({"events": [ev("k1", "10.00")]})).await;
    assert_eq!(retry.status, StatusCode::OK);
    assert_eq!(retry.json["duplicates"], 1);
    let other = post_events(
        &app,
        Some(&key_a),
        json!({"events": [ev("k2", "5.00"), ev("k1", "99.00")]}),
    )
    .await;
    assert_eq!(other.status, StatusCode::CONFLICT, "{}", other.json);
    assert_eq!(other.json["error"], "idempotency_conflict");
    assert_eq!(other.json["errors"][0]["index"], 1);
    assert_eq!(other.json["errors"][0]["field"], "idempotency_key");
    // Nothing of the refused batch was stored, not even its new event.
    assert_eq!(event_count(db, a.id).await, 1);
    // Inside one batch as well.
    let inside = post_events(
        &app,
        Some(&key_a),
        json!({"events": [ev("k3", "1.00"), ev("k3", "2.00")]}),
    )
    .await;
    assert_eq!(inside.status, StatusCode::CONFLICT, "{}", inside.json);
    assert_eq!(event_count(db, a.id).await, 1);
}

async fn a_batch_with_a_bad_event_in_the_middle_stores_nothing_and_names_the_event_and_field(
    db: &TestDb,
) {
    let (a, ..) = seed_workspace(db, "a").await;
    let (b, ..) = seed_workspace(db, "b").await;
    let tp = seed_touchpoint(db, a.id, "Call").await;
    let c = seed_customer(db, a.id, "Alice").await;
    let theirs = seed_customer(db, b.id, "Bob").await;
    let key = key(db, a.id, ApiKeyKind::Secret).await;
    let app = app(db);
    let good = |i: usize| json!({"customer_id": c.id, "touchpoint_id": tp, "time": NOW, "idempotency_key": format!("g{i}")});

    // A touchpoint that does not exist, found when the batch is checked against the database.
    let mut events: Vec<Value> = (0..5).map(good).collect();
    events[2]["touchpoint_id"] = json!(tp.0 + 1000);
    let reply = post_events(&app, Some(&key), json!({ "events": events })).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.json["error"], "invalid_events");
    assert_eq!(reply.json["errors"][0]["index"], 2);
    assert_eq!(reply.json["errors"][0]["field"], "touchpoint_id");
    assert_eq!(reply.json["errors"].as_array().unwrap().len(), 1);
    let message = reply.json["message"].as_str().unwrap();
    assert!(
        message.starts_with("event 2: touchpoint_id:") && message.ends_with("nothing was stored"),
        "{message}"
    );
    assert_eq!(event_count(db, a.id).await, 0);

    // A malformed field, found before the database is asked; every bad event is listed.
    let mut events: Vec<Value> = (0..5).map(good).collect();
    events[1]["time"] = json!("last tuesday");
    events[3]["customer_id"] = json!(theirs.id);
    let reply = post_events(&app, Some(&key), json!({ "events": events })).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        reply.json["errors"][0],
        json!({"index": 1, "field": "time",
        "message": "'last tuesday' is not an rfc 3339 time like 2026-01-31T14:05:00+01:00"})
    );
    assert_eq!(event_count(db, a.id).await, 0);
    events[1]["time"] = json!(NOW);
    let reply = post_events(&app, Some(&key), json!({ "events": events.clone() })).await;
    assert_eq!(reply.json["errors"][0]["index"], 3);
    assert_eq!(
        reply.json["errors"][0]["field"], "customer_id",
        "another workspace's customer is unknown here"
    );
    assert_eq!(event_count(db, a.id).await, 0);

    // Fixed, the same batch goes through whole, and its idempotency keys were not used up.
    events[3]["customer_id"] = json!(c.id);
    let reply = post_events(&app, Some(&key), json!({ "events": events })).await;
    assert_eq!(
        reply.json,
        json!({"received": 5, "stored": 5, "duplicates": 0})
    );
}

async fn events_name_customers_by_id_or_e_mail_and_keep_their_details(db: &TestDb) {
    let (a, ..) = seed_workspace(db, "a").await;
    let tp = seed_touchpoint(db, a.id, "Call").await;
    let mut anna = NewCustomer::named(NonEmpty::parse("name", "Anna").unwrap(), NOW);
    anna.email = Some(Email::parse("anna@example.dk").unwrap());
    let anna = db.store.create_customer(a.id, &anna).await.unwrap();
    let key = key(db, a.id, ApiKeyKind::Secret).await;
    let app = app(db);
    let batch = json!({"events": [
        {"customer_email": "ANNA@example.dk", "touchpoint_id": tp, "time": "2026-01-01T01:00:00+01:00",
         "amount": "1.234,50", "properties": {"till": 2}},
        {"customer_id": anna.id, "touchpoint_id": tp, "time": NOW - 60, "channel": "web", "amount": 995},
        {"customer_email": "nobody@example.dk", "touchpoint_id": tp, "time": NOW}
    ]});
    let refused = post_events(&app, Some(&key), batch.clone()).await;
    assert_eq!(refused.json["errors"][0]["index"], 2);
    assert_eq!(refused.json["errors"][0]["field"], "customer_email");
    let mut batch = batch;
    batch["events"].as_array_mut().unwrap().pop();
    assert_eq!(post_events(&app, Some(&key), batch).await.json["stored"], 2);
    let mut stored = db.store.recent_events(a.id, 10).await.unwrap();
    stored.sort_by_key(|e| e.occurred_at);
    assert_eq!(stored.len(), 2);
    assert!(stored.iter().all(|e| e.customer_id == Some(anna.id)));
    assert_eq!(
        (stored[0].channel, stored[0].amount, stored[0].occurred_at),
        (Channel::Web, Some(Money(995)), NOW - 60)
    );
    // Without a channel, the touchpoint's own.
    assert_eq!(
        (stored[1].channel, stored[1].amount, stored[1].occurred_at),
        (Channel::Phone, Some(Money(123_450)), NOW)
    );
    assert_eq!(stored[1].properties, r#"{"till":2}"#);
}

async fn an_identified_visitor_brings_past_and_later_events_to_the_customer(db: &TestDb) {
    let (a, ..) = seed_workspace(db, "a").await;
    let (b, ..) = seed_workspace(db, "b").await;
    let tp = seed_touchpoint(db, a.id, "Web shop").await;
    let mut anna = NewCustomer::named(NonEmpty::parse("name", "Anna").unwrap(), NOW);
    anna.email = Some(Email::parse("anna@example.dk").unwrap());
    let anna = db.store.create_customer(a.id, &anna).await.unwrap();
    let bob = seed_customer(db, b.id, "Bob").await;
    let key = key(db, a.id, ApiKeyKind::Secret).await;
    let app = app(db);
    let anon = |v: &str, t: i64| json!({"visitor_id": v, "touchpoint_id": tp, "time": t});
    let reply = post_events(&app, Some(&key), json!({"events": [anon("v_anna", NOW - 20), anon("v_anna", NOW - 10), anon("v_other", NOW)]})).await;
    assert_eq!(reply.json["stored"], 3);
    assert!(
        db.store
            .customer_timeline(a.id, anna.id, 10)
            .await
            .unwrap()
            .is_empty()
    );

    let identify = |body: Value| {
        call(
            &app,
            Method::POST,
            "/api/v1/identify",
            Some(&key),
            "application/json",
            body.to_string(),
        )
    };
    let wrong = identify(json!({"visitor_id": "v_anna", "customer_id": bob.id})).await;
    assert_eq!(
        wrong.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "another workspace's customer"
    );
    assert!(
        wrong.json["message"]
            .as_str()
            .unwrap()
            .starts_with("customer_id:")
    );
    let none = identify(json!({"visitor_id": "v_anna"})).await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    let joined =
        identify(json!({"visitor_id": "v_anna", "customer_email": "anna@example.dk"})).await;
    assert_eq!(joined.status, StatusCode::OK, "{}", joined.json);
    assert_eq!(
        joined.json,
        json!({"visitor_id": "v_anna", "customer_id": anna.id, "events_joined": 2})
    );
    assert_eq!(
        db.store
            .customer_timeline(a.id, anna.id, 10)
            .await
            .unwrap()
            .len(),
        2
    );

    // Later anonymous events of the same visitor belong to Anna at once; others stay anonymous.
    post_events(
        &app,
        Some(&key),
        json!({"events": [anon("v_anna", NOW), anon("v_other", NOW)]}),
    )
    .await;
    assert_eq!(
        db.store
            .customer_timeline(a.id, anna.id, 10)
            .await
            .unwrap()
            .len(),
        3
    );
    let anonymous = db
        .store
        .recent_events(a.id, 10)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.customer_id.is_none())
        .count();
    assert_eq!(anonymous, 2);
}

async fn an_event_naming_visitor_and_customer_joins_them(db: &TestDb) {
    let (a, ..) = seed_workspace(db, "a").await;
    let tp = seed_touchpoint(db, a.id, "Web shop").await;
    let anna = seed_customer(db, a.id, "Anna").await;
    let key = key(db, a.id, ApiKeyKind::Secret).await;
    let app = app(db);
    let batch = json!({"events": [
        {"visitor_id": "v_1", "touchpoint_id": tp, "time": NOW - 30},
        {"visitor_id": "v_1", "customer_id": anna.id, "touchpoint_id": tp, "time": NOW - 20, "properties": {"step": "signed in"}},
        {"visitor_id": "v_1", "touchpoint_id": tp, "time": NOW - 10}
    ]});
    assert_eq!(post_events(&app, Some(&key), batch).await.json["stored"], 3);
    let events = db.store.recent_events(a.id, 10).await.unwrap();
    assert!(
        events.iter().all(|e| e.customer_id == Some(anna.id)),
        "{events:?}"
    );
}

async fn oversized_empty_and_broken_batches_are_refused_clearly(db: &TestDb) {
    let (a, ..) = seed_workspace(db, "a").await;
    let tp = seed_touchpoint(db, a.id, "Call").await;
    let c = seed_customer(db, a.id, "Alice").await;
    let key = key(db, a.id, ApiKeyKind::Secret).await;
    let app = app(db);
    let one = json!({"customer_id": c.id, "touchpoint_id": tp, "time": NOW});

    let broken = call(
        &app,
        Method::POST,
        "/api/v1/events",
        Some(&key),
        "application/json",
        "{\"events\": [".into(),
    )
    .await;
    assert_eq!(broken.status, StatusCode::BAD_REQUEST);
    assert_eq!(broken.json["error"], "invalid_json");
    let empty = post_events(&app, Some(&key), json!({"events": []})).await;
    assert_eq!(
        (empty.status, empty.json["error"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_batch"))
    );
    let not_a_batch = post_events(&app, Some(&key), json!([one])).await;
    assert_eq!(not_a_batch.status, StatusCode::UNPROCESSABLE_ENTITY);
    let too_many = post_events(&app, Some(&key), json!({"events": vec![one.clone(); 5001]})).await;
    assert_eq!(too_many.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        too_many.json["message"]
            .as_str()
            .unwrap()
            .contains("at most 5000 events")
    );
    let padding = "x".repeat(7 * 1024 * 1024);
    let huge = call(
        &app,
        Method::POST,
        "/api/v1/events",
        Some(&key),
        "application/json",
        format!("{{\"events\": [], \"pad\": \"{padding}\"}}"),
    )
    .await;
    assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(huge.json["error"], "body_too_large");
    assert_eq!(event_count(db, a.id).await, 0);

    // The largest allowed batch goes through in one piece.
    let full: Vec<Value> = (0..5000).map(|i| json!({"customer_id": c.id, "touchpoint_id": tp, "time": NOW - i, "idempotency_key": format!("k{i}")})).collect();
    let reply = post_events(&app, Some(&key), json!({ "events": full })).await;
    assert_eq!(
        reply.json,
        json!({"received": 5000, "stored": 5000, "duplicates": 0})
    );
    assert_eq!(event_count(db, a.id).await, 5000);
}

async fn the_snippet_endpoint_takes_anonymous_events_from_any_site_without_cookies(db: &TestDb) {
    let (a, ..) = seed_workspace(db, "a").await;
    let (b, ..) = seed_workspace(db, "b").await;
    let tp = seed_touchpoint(db, a.id, "Product page").await;
    let tp_b = seed_touchpoint(db, b.id, "Theirs").await;
    let anna = seed_customer(db, a.id, "Anna").await;
    let publishable = key(db, a.id, ApiKeyKind::Publishable).await;
    let secret = key(db, a.id, ApiKeyKind::Secret).await;
    let app = app(db);

    let script = call(&app, Method::GET, "/t.js", None, "", String::new()).await;
    assert_eq!(script.status, StatusCode::OK);
    assert!(
        script.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    assert!(
        script.headers.get(header::SET_COOKIE).is_none(),
        "no third-party cookie from the script"
    );
    let preflight = call(
        &app,
        Method::OPTIONS,
        "/api/v1/snippet/events",
        None,
        "",
        String::new(),
    )
    .await;
    assert_eq!(preflight.status, StatusCode::NO_CONTENT);
    assert_eq!(preflight.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    assert!(
        preflight
            .headers
            .get(header::ACCESS_CONTROL_ALLOW_CREDENTIALS)
            .is_none()
    );

    let snippet = |body: Value| {
        call(
            &app,
            Method::POST,
            "/api/v1/snippet/events",
            None,
            "text/plain;charset=UTF-8",
            body.to_string(),
        )
    };
    let page_view = json!({"type": "page_view", "touchpoint_id": tp, "path": "/bikes/city", "referrer": "https://search.example", "id": "e1"});
    let body = json!({"key": publishable, "visitor_id": "v_abc", "events": [page_view, {"type": "click", "touchpoint_id": tp.0.to_string(), "path": "/bikes/city", "id": "e2"}]});
    let ok = snippet(body.clone()).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.json);
    assert_eq!(ok.json["stored"], 2);
    assert_eq!(ok.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    assert!(ok.headers.get(header::SET_COOKIE).is_none());
    // The same beacon twice is stored once.
    assert_eq!(snippet(body).await.json["duplicates"], 2);
    let events = db.store.recent_events(a.id, 10).await.unwrap();
    assert_eq!(events.len(), 2);
    assert!(events.iter().all(|e| e.channel == Channel::Web
        && e.customer_id.is_none()
        && e.visitor_id.as_deref() == Some("v_abc")
        && e.occurred_at == NOW));
    let view: Value = serde_json::from_str(&events[1].properties).unwrap();
    assert_eq!(
        view,
        json!({"source": "snippet", "type": "page_view", "path": "/bikes/city", "referrer": "https://search.example"})
    );

    // It cannot name customers, reach another workspace, or be used with a secret key.
    let naming = snippet(json!({"key": publishable, "visitor_id": "v_abc", "events": [{"type": "click", "touchpoint_id": tp, "customer_id": anna.id}]})).await;
    assert_eq!(
        (naming.status, naming.json["errors"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("event"))
    );
    let elsewhere = snippet(json!({"key": publishable, "visitor_id": "v_abc", "events": [{"type": "click", "touchpoint_id": tp_b}]})).await;
    assert_eq!(elsewhere.json["errors"][0]["field"], "touchpoint_id");
    let with_secret = snippet(json!({"key": secret, "visitor_id": "v_abc", "events": [{"type": "click", "touchpoint_id": tp}]})).await;
    assert_eq!(with_secret.status, StatusCode::FORBIDDEN);
    assert_eq!(
        with_secret.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "*"
    );
    let keyless =
        snippet(json!({"visitor_id": "v_abc", "events": [{"type": "click", "touchpoint_id": tp}]}))
            .await;
    assert_eq!(keyless.status, StatusCode::UNAUTHORIZED);
    let many = snippet(json!({"key": publishable, "visitor_id": "v_abc", "events": vec![json!({"type": "click", "touchpoint_id": tp}); 21]})).await;
    assert_eq!(many.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(db.store.recent_events(a.id, 10).await.unwrap().len(), 2);
    // A field the document does not list is refused by name, not silently dropped.
    let extra = snippet(json!({"key": publishable, "visitor_id": "v_abc", "vistor": "typo", "events": [{"type": "click", "touchpoint_id": tp}]})).await;
    assert_eq!(
        extra.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        extra.json
    );
    assert!(extra.json["message"].as_str().unwrap().contains("vistor"));
    // Read as JSON Schema reads the document (found by Schemathesis): an id written `5.0` is
    // the integer 5, and a path's limit counts characters, not bytes.
    let as_schema = snippet(json!({"key": publishable, "visitor_id": "v_abc", "events": [{"type": "click", "touchpoint_id": tp.0 as f64, "path": "ø".repeat(512), "id": "e3"}]})).await;
    assert_eq!(as_schema.status, StatusCode::OK, "{}", as_schema.json);
    assert_eq!(db.store.recent_events(a.id, 10).await.unwrap().len(), 3);

    // The OpenAPI document describes every route.
    let doc = call(
        &app,
        Method::GET,
        "/api/v1/openapi.json",
        None,
        "",
        String::new(),
    )
    .await;
    assert_eq!(doc.json["openapi"], "3.1.0");
    for path in [
        "/api/v1/events",
        "/api/v1/identify",
        "/api/v1/snippet/events",
    ] {
        assert!(doc.json["paths"][path]["post"].is_object(), "{path}");
    }
}

async fn the_owner_creates_a_key_sees_it_once_and_revokes_it(db: &TestDb) {
    let (a, ..) = seed_workspace(db, "a").await;
    let tp = seed_touchpoint(db, a.id, "Call").await;
    let c = seed_customer(db, a.id, "Alice").await;
    let app = app(db);
    let mut staff = Client::new(state(db));
    staff.sign_in("staff@a.test").await;
    assert_eq!(
        staff
            .post(
                "/settings/api-keys",
                &[("name", "Till"), ("kind", "secret")]
            )
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    let mut owner = Client::new(state(db));
    owner.sign_in("owner@a.test").await;
    let empty = owner
        .post("/settings/api-keys", &[("name", " "), ("kind", "secret")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty.body.contains("Name must not be empty."),
        "{}",
        empty.body
    );
    let created = owner
        .post(
            "/settings/api-keys",
            &[("name", "Till <1>"), ("kind", "secret")],
        )
        .await;
    assert_eq!(created.status, StatusCode::OK);
    assert!(
        created.body.contains("Till &#60;1&#62;"),
        "the name is escaped"
    );
    let start = created
        .body
        .find("kunde_sk_")
        .expect("the new key is shown");
    let secret: String = created.body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    assert_eq!(secret.len(), 9 + 43);
    // Shown once: the settings page lists only its start.
    let later = owner.get("/settings").await.body;
    assert!(!later.contains(&secret));
    assert!(later.contains(&format!("{}…", &secret[..13])));

    let batch = json!({"events": [{"customer_id": c.id, "touchpoint_id": tp, "time": NOW}]});
    assert_eq!(
        post_events(&app, Some(&secret), batch.clone()).await.status,
        StatusCode::OK
    );

    let publishable = owner
        .post(
            "/settings/api-keys",
            &[("name", "Web site"), ("kind", "publishable")],
        )
        .await;
    assert!(publishable.body.contains("kunde_pk_"));
    assert!(
        publishable
            .body
            .contains("&#60;script src=&#34;http://kunde.test/t.js&#34; data-key=&#34;kunde_pk_"),
        "{}",
        publishable.body
    );

    let keys = db.store.list_api_keys(a.id).await.unwrap();
    let till = keys.iter().find(|k| k.name == "Till <1>").unwrap();
    let path = format!("/settings/api-keys/{}/revoke", till.id);
    assert_eq!(
        owner.post_raw(&path, &[]).await.status,
        StatusCode::FORBIDDEN,
        "revoking needs the csrf token"
    );
    assert_eq!(staff.post(&path, &[]).await.status, StatusCode::FORBIDDEN);
    let revoked = owner.post(&path, &[]).await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    assert!(
        owner
            .get("/settings")
            .await
            .body
            .contains("Revoked 1 Jan 2026")
    );
    assert_eq!(
        post_events(&app, Some(&secret), batch).await.status,
        StatusCode::UNAUTHORIZED
    );

    // Another owner cannot revoke this workspace's keys by guessing ids.
    seed_workspace(db, "b").await;
    let mut other = Client::new(state(db));
    other.sign_in("owner@b.test").await;
    let pk = keys
        .iter()
        .find(|k| k.kind == ApiKeyKind::Publishable)
        .unwrap();
    assert_eq!(
        other
            .post(&format!("/settings/api-keys/{}/revoke", pk.id), &[])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert!(
        db.store
            .list_api_keys(a.id)
            .await
            .unwrap()
            .iter()
            .find(|k| k.id == pk.id)
            .unwrap()
            .is_active()
    );
}

async fn a_publishable_key_limited_to_some_sites_refuses_the_others(db: &TestDb) {
    let (a, ..) = seed_workspace(db, "a").await;
    let tp = seed_touchpoint(db, a.id, "Product page").await;
    let app = app(db);
    let mut owner = Client::new(state(db));
    owner.sign_in("owner@a.test").await;

    // A list with something that is not a site is refused, naming it; nothing is created.
    let bad = owner
        .post(
            "/settings/api-keys",
            &[
                ("name", "Shop"),
                ("kind", "publishable"),
                ("origins", "https://shop.example.dk\nshop.example.se"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("“shop.example.se” is not a site address"),
        "{}",
        bad.body
    );
    assert!(
        bad.body
            .contains("https://shop.example.dk\nshop.example.se"),
        "the typed list is kept"
    );
    assert!(db.store.list_api_keys(a.id).await.unwrap().is_empty());

    let created = owner
        .post(
            "/settings/api-keys",
            &[
                ("name", "Shop"),
                ("kind", "publishable"),
                (
                    "origins",
                    "https://Shop.example.dk/\r\nhttp://localhost:8080",
                ),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::OK);
    let start = created.body.find("kunde_pk_").unwrap();
    let limited: String = created.body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    let settings = owner.get("/settings").await.body;
    assert!(
        settings
            .contains("<code>https://shop.example.dk</code>, <code>http://localhost:8080</code>"),
        "{settings}"
    );
    // A key without a list says it works on any site.
    owner
        .post(
            "/settings/api-keys",
            &[("name", "Anywhere"), ("kind", "publishable")],
        )
        .await;
    assert!(owner.get("/settings").await.body.contains("any site"));
    let anywhere = db
        .store
        .list_api_keys(a.id)
        .await
        .unwrap()
        .into_iter()
        .find(|k| k.name == "Anywhere")
        .unwrap();
    assert!(anywhere.allowed_origins.is_empty());

    let send = |origin: Option<&'static str>, id: &'static str| {
        let body = json!({"key": limited, "visitor_id": "v_1", "events": [{"type": "page_view", "touchpoint_id": tp, "id": id}]});
        let app = app.clone();
        async move {
            let mut request = Request::builder()
                .method(Method::POST)
                .uri("/api/v1/snippet/events")
                .header(header::CONTENT_TYPE, "text/plain;charset=UTF-8");
            if let Some(o) = origin {
                request = request.header(header::ORIGIN, o);
            }
            let response = app
                .oneshot(request.body(Body::from(body.to_string())).unwrap())
                .await
                .unwrap();
            let status = response.status();
            let bytes = to_bytes(response.into_body(), usize::MAX).await.unwrap();
            (status, serde_json::from_slice::<Value>(&bytes).unwrap())
        }
    };
    let (status, json) = send(Some("https://shop.example.dk"), "e1").await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(
        send(Some("http://localhost:8080"), "e2").await.0,
        StatusCode::OK
    );
    let (status, json) = send(Some("https://copycat.example"), "e3").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(json["error"], "origin_not_allowed");
    assert_eq!(
        send(Some("http://shop.example.dk"), "e4").await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(None, "e5").await.0,
        StatusCode::FORBIDDEN,
        "no origin, no entry"
    );
    assert_eq!(db.store.recent_events(a.id, 10).await.unwrap().len(), 2);
}

/// The snippet in a real browser, on a shop's site of another origin: page views and clicks
/// arrive for one anonymous visitor kept in localStorage, and a browser asking not to be
/// tracked sends nothing. (SQLite only: the store paths are covered on both databases above.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_snippet_records_a_visitor_in_a_real_browser_and_respects_do_not_track() {
    use support::browser::{Browser, Server};
    let db = TestDb::sqlite().await.unwrap();
    let (a, ..) = seed_workspace(&db, "a").await;
    let default_tp = seed_touchpoint(&db, a.id, "Any page").await;
    let page_tp = seed_touchpoint(&db, a.id, "Bike page").await;
    let click_tp = seed_touchpoint(&db, a.id, "Book a service").await;
    let anna = seed_customer(&db, a.id, "Anna").await;
    let publishable = key(&db, a.id, ApiKeyKind::Publishable).await;
    let secret = key(&db, a.id, ApiKeyKind::Secret).await;
    let kunde = Server::start(state(&db)).await;

    // The shop's own site, on another origin, with the snippet as the README shows it.
    let page = move |head: &'static str| {
        let script = format!(
            r#"<script src="{}/t.js" data-key="{publishable}" data-page-touchpoint="{default_tp}" async></script>"#,
            kunde.base
        );
        format!(
            r##""<!doctype html><html><head><title>Cykler</title>{head}<meta name="kunde-touchpoint" content="{page_tp}"></head>
            <body><h1>City bikes</h1><a id="book" href="#booked" data-kunde-touchpoint="{click_tp}"><span>Book a service</span></a>{script}</body></html>"##
        )
    };
    let pages = [
        ("/bikes", page("")),
        (
            "/dnt",
            page(
                r#"<script>Object.defineProperty(navigator, "doNotTrack", { get: () => "1" });</script>"#,
            ),
        ),
        (
            "/gpc",
            page(
                r#"<script>Object.defineProperty(navigator, "globalPrivacyControl", { get: () => true });</script>"#,
            ),
        ),
    ];
    let mut shop = Router::new();
    for (path, html) in pages {
        shop = shop.route(
            path,
            axum::routing::get(move || async move { axum::response::Html(html) }),
        );
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let shop_base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, shop).await.unwrap() });

    let events_after = |n: usize| {
        let store = db.store.clone();
        async move {
            for _ in 0..100 {
                let events = store.recent_events(a.id, 20).await.unwrap();
                if events.len() >= n {
                    return events;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            panic!("fewer than {n} events arrived");
        }
    };
    let browser = Browser::start().await;
    browser
        .client
        .goto(&format!("{shop_base}/bikes"))
        .await
        .unwrap();
    let first = events_after(1).await;
    let visitor = first[0].visitor_id.clone().expect("an anonymous visitor");
    assert!(visitor.starts_with("v_"), "{visitor}");
    assert_eq!(
        (
            first[0].touchpoint_id,
            first[0].channel,
            first[0].customer_id
        ),
        (page_tp, Channel::Web, None)
    );
    let view: Value = serde_json::from_str(&first[0].properties).unwrap();
    assert_eq!(
        (view["type"].as_str(), view["path"].as_str()),
        (Some("page_view"), Some("/bikes"))
    );

    browser.click("#book span").await;
    let clicked = events_after(2).await;
    assert_eq!(clicked[0].touchpoint_id, click_tp);
    assert_eq!(clicked[0].visitor_id.as_deref(), Some(visitor.as_str()));
    // The same visitor on the next visit: the id lives in the site's localStorage.
    browser
        .client
        .goto(&format!("{shop_base}/bikes"))
        .await
        .unwrap();
    let again = events_after(3).await;
    assert_eq!(again[0].visitor_id.as_deref(), Some(visitor.as_str()));
    let from_page = browser
        .client
        .execute("return window.kunde.visitorId()", vec![])
        .await
        .unwrap();
    assert_eq!(from_page.as_str(), Some(visitor.as_str()));

    // Do Not Track and Global Privacy Control: no snippet, no events.
    for path in ["/dnt", "/gpc"] {
        browser
            .client
            .goto(&format!("{shop_base}{path}"))
            .await
            .unwrap();
        browser.wait("h1").await;
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        let kunde_loaded = browser
            .client
            .execute("return typeof window.kunde", vec![])
            .await
            .unwrap();
        assert_eq!(kunde_loaded.as_str(), Some("undefined"), "{path}");
    }
    assert_eq!(db.store.recent_events(a.id, 20).await.unwrap().len(), 3);
    browser.close().await;

    // The shop's server joins the visitor to Anna: the visits become hers.
    let app = app(&db);
    let joined = call(
        &app,
        Method::POST,
        "/api/v1/identify",
        Some(&secret),
        "application/json",
        json!({"visitor_id": visitor, "customer_id": anna.id}).to_string(),
    )
    .await;
    assert_eq!(joined.json["events_joined"], 3);
    assert_eq!(
        db.store
            .customer_timeline(a.id, anna.id, 10)
            .await
            .unwrap()
            .len(),
        3
    );
}

/// The snippet endpoint is public: one address gets `SNIPPET_PER_MINUTE` requests a minute,
/// then 429 with `Retry-After` (and CORS, so the page's script can read it), storing nothing.
async fn the_snippet_endpoint_is_rate_limited_per_address(db: &TestDb) {
    let (a, ..) = seed_workspace(db, "a").await;
    let tp = seed_touchpoint(db, a.id, "Product page").await;
    let publishable = key(db, a.id, ApiKeyKind::Publishable).await;
    let app = app(db);
    let send = |body: String| {
        call(
            &app,
            Method::POST,
            "/api/v1/snippet/events",
            None,
            "text/plain;charset=UTF-8",
            body,
        )
    };
    let limit = kunde_web::api::SNIPPET_PER_MINUTE;
    for n in 0..limit {
        let r = send(json!({"visitor_id": "v_1", "events": []}).to_string()).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "request {n}");
    }
    let good = json!({"key": publishable, "visitor_id": "v_1", "events": [{"type": "page_view", "touchpoint_id": tp, "id": "e1"}]});
    let refused = send(good.to_string()).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(refused.json["error"], "too_many_requests");
    let wait: u64 = refused.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "retry after {wait}");
    assert_eq!(refused.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    assert!(db.store.recent_events(a.id, 10).await.unwrap().is_empty());
    // The secret-key API is not limited by it.
    let secret = key(db, a.id, ApiKeyKind::Secret).await;
    let batch = json!({"events": [{"visitor_id": "v_1", "touchpoint_id": tp, "time": NOW}]});
    let r = call(
        &app,
        Method::POST,
        "/api/v1/events",
        Some(&secret),
        "application/json",
        batch.to_string(),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
}
