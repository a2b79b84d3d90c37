//! The journey map (issue 5): editing journeys, stages and touchpoints as the owner, staff
//! reading only, isolation between workspaces, reordering, deleting after a confirmation,
//! to-be copies and sub-journeys, and the map as SVG and PNG. Every test runs on SQLite and
//! PostgreSQL.

mod support;

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use kunde_domain::*;
use kunde_store::testing::TestDb;
use support::*;
use tower::ServiceExt;

on_both_databases!(
    the_owner_edits_the_journey_its_stages_and_every_touchpoint_field,
    staff_can_look_at_the_map_but_not_change_it,
    another_workspaces_journey_is_not_found_anywhere,
    stages_and_touchpoints_are_reordered_with_up_and_down,
    deleting_asks_first_and_says_what_goes_with_it,
    a_to_be_copy_keeps_the_as_is_numbers_next_to_each_step,
    a_sub_journey_copies_one_stretch,
    the_svg_names_stages_and_touchpoints_escaped_and_colours_a_weak_touchpoint,
    the_png_is_a_real_png_of_plausible_size,
    the_demo_map_makes_call_to_book_stand_out,
);

/// A journey with stages "Awareness" … "Loyalty" and touchpoints, created through the pages.
struct Built {
    id: i64,
    path: String,
    stages: Vec<Stage>,
}

async fn build_journey(db: &TestDb, c: &mut Client, ws: WorkspaceId, name: &str) -> Built {
    let created = c
        .post(
            "/journeys/new",
            &[("name", name), ("description", ""), ("variant", "as_is")],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let path = created
        .location
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let id: i64 = path.rsplit('/').next().unwrap().parse().unwrap();
    let stages = db.store.list_stages(ws, JourneyId(id)).await.unwrap();
    Built { id, path, stages }
}

async fn add_tp(c: &mut Client, b: &Built, stage: usize, name: &str) -> StatusCode {
    let stage = b.stages[stage].id.to_string();
    c.post(
        &format!("{}/touchpoints", b.path),
        &[
            ("stage_id", stage.as_str()),
            ("name", name),
            ("channel", "web"),
        ],
    )
    .await
    .status
}

async fn touchpoints(db: &TestDb, ws: WorkspaceId, b: &Built) -> Vec<Touchpoint> {
    db.store
        .list_touchpoints(ws, JourneyId(b.id))
        .await
        .unwrap()
}

/// Gets raw bytes (the shared client reads bodies as text, which a PNG is not).
async fn get_bytes(
    c: &Client,
    db: &TestDb,
    path: &str,
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let jar = c
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let request = Request::get(path)
        .header(header::COOKIE, jar)
        .header(header::HOST, "kunde.test")
        .body(Body::empty())
        .unwrap();
    let response = kunde_web::router(state(db)).oneshot(request).await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    let body = to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec();
    (status, headers, body)
}

async fn the_owner_edits_the_journey_its_stages_and_every_touchpoint_field(db: &TestDb) {
    let (ws, _owner, staff) = seed_workspace(db, "a").await;
    let mut c = Client::new(state(db));
    c.sign_in("owner@a.test").await;
    let b = build_journey(db, &mut c, ws.id, "Repairs").await;

    let saved = c
        .post(
            &format!("{}/edit", b.path),
            &[
                ("name", "Repair and service"),
                ("description", "From flat tyre to pick-up"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let j = db.store.get_journey(ws.id, JourneyId(b.id)).await.unwrap();
    assert_eq!(
        (j.name.as_str(), j.description.as_str()),
        ("Repair and service", "From flat tyre to pick-up")
    );
    let empty = c
        .post(
            &format!("{}/edit", b.path),
            &[("name", "  "), ("description", "x")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty.body.contains("Name must not be empty"),
        "{}",
        empty.body
    );
    assert_eq!(
        db.store
            .get_journey(ws.id, JourneyId(b.id))
            .await
            .unwrap()
            .name,
        "Repair and service"
    );

    assert_eq!(
        c.post(&format!("{}/stages", b.path), &[("name", "Advocacy")])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let bad = c.post(&format!("{}/stages", b.path), &[("name", "")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("Stage name must not be empty"),
        "{}",
        bad.body
    );
    let first = b.stages[0].id;
    assert_eq!(
        c.post(
            &format!("{}/stages/{first}/rename", b.path),
            &[("name", "Seeing us")]
        )
        .await
        .status,
        StatusCode::SEE_OTHER
    );
    let blank = c
        .post(
            &format!("{}/stages/{first}/rename", b.path),
            &[("name", "")],
        )
        .await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    let names: Vec<String> = db
        .store
        .list_stages(ws.id, JourneyId(b.id))
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(
        names,
        [
            "Seeing us",
            "Consideration",
            "Purchase",
            "Service",
            "Loyalty",
            "Advocacy"
        ]
    );

    assert_eq!(
        add_tp(&mut c, &b, 1, "Call to book").await,
        StatusCode::SEE_OTHER
    );
    let tp = touchpoints(db, ws.id, &b).await.remove(0);
    let target = b.stages[2].id.to_string();
    let staff_id = staff.id.to_string();
    let form = [
        ("stage_id", target.as_str()),
        ("name", "Phone booking"),
        ("channel", "phone"),
        ("not_owned", "on"),
        ("owner_id", staff_id.as_str()),
        ("customer_goal", "Get a time"),
        ("pain_points", "Waits 15 minutes"),
        ("ideas", "Call-backs"),
    ];
    let edit_path = format!("{}/touchpoints/{}/edit", b.path, tp.id);
    assert!(
        c.get(&edit_path)
            .await
            .body
            .contains("value=\"Call to book\"")
    );
    assert_eq!(
        c.post(&edit_path, &form).await.status,
        StatusCode::SEE_OTHER
    );
    let tp = touchpoints(db, ws.id, &b).await.remove(0);
    assert_eq!(tp.stage_id, b.stages[2].id, "moved to another stage");
    assert_eq!(
        (tp.name.as_str(), tp.channel, tp.digital, tp.owned),
        ("Phone booking", Channel::Phone, false, false)
    );
    assert_eq!(tp.owner_id, Some(staff.id));
    assert_eq!(
        (
            tp.customer_goal.as_str(),
            tp.pain_points.as_str(),
            tp.ideas.as_str()
        ),
        ("Get a time", "Waits 15 minutes", "Call-backs")
    );
    let page = c.get(&b.path).await.body;
    assert!(page.contains("Sam Staff") && page.contains("Waits 15 minutes"));

    let mut invalid = form;
    invalid[1] = ("name", "");
    let refused = c.post(&edit_path, &invalid).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("Touchpoint must not be empty"),
        "{}",
        refused.body
    );
    let other_ws_stage = [("stage_id", "999999"), ("name", "x"), ("channel", "web")];
    assert_eq!(
        c.post(&edit_path, &other_ws_stage).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(touchpoints(db, ws.id, &b).await[0].name, "Phone booking");
}

async fn staff_can_look_at_the_map_but_not_change_it(db: &TestDb) {
    let (ws, _, _) = seed_workspace(db, "a").await;
    let mut owner = Client::new(state(db));
    owner.sign_in("owner@a.test").await;
    let b = build_journey(db, &mut owner, ws.id, "Repairs").await;
    add_tp(&mut owner, &b, 0, "Google ad").await;
    let tp = touchpoints(db, ws.id, &b).await.remove(0);

    let mut staff = Client::new(state(db));
    staff.sign_in("staff@a.test").await;
    let page = staff.get(&b.path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<svg") && page.body.contains("Google ad"));
    assert!(!page.body.contains("/edit\""), "no edit links for staff");
    assert_eq!(
        staff.get(&format!("{}/map.svg", b.path)).await.status,
        StatusCode::OK
    );
    let s0 = b.stages[0].id;
    let tid = tp.id;
    for (path, fields) in [
        (format!("{}/edit", b.path), vec![("name", "Hijacked")]),
        (format!("{}/stages", b.path), vec![("name", "New")]),
        (
            format!("{}/stages/{s0}/rename", b.path),
            vec![("name", "New")],
        ),
        (
            format!("{}/stages/{s0}/move", b.path),
            vec![("dir", "down")],
        ),
        (format!("{}/stages/{s0}/delete", b.path), vec![]),
        (
            format!("{}/touchpoints/{tid}/edit", b.path),
            vec![("name", "x")],
        ),
        (
            format!("{}/touchpoints/{tid}/move", b.path),
            vec![("dir", "down")],
        ),
        (format!("{}/touchpoints/{tid}/delete", b.path), vec![]),
        (format!("{}/to-be", b.path), vec![]),
        (format!("{}/sub", b.path), vec![("name", "x")]),
        (format!("{}/delete", b.path), vec![]),
    ] {
        assert_eq!(
            staff.post(&path, &fields).await.status,
            StatusCode::FORBIDDEN,
            "POST {path}"
        );
    }
    for path in [
        format!("{}/edit", b.path),
        format!("{}/delete", b.path),
        format!("{}/touchpoints/{tid}/edit", b.path),
    ] {
        assert_eq!(
            staff.get(&path).await.status,
            StatusCode::FORBIDDEN,
            "GET {path}"
        );
    }
    assert_eq!(db.store.list_journeys(ws.id).await.unwrap().len(), 1);
    assert_eq!(
        db.store
            .get_journey(ws.id, JourneyId(b.id))
            .await
            .unwrap()
            .name,
        "Repairs"
    );
    assert_eq!(touchpoints(db, ws.id, &b).await.len(), 1);
}

async fn another_workspaces_journey_is_not_found_anywhere(db: &TestDb) {
    let (wa, _, _) = seed_workspace(db, "a").await;
    let (wb, _, _) = seed_workspace(db, "b").await;
    let mut a = Client::new(state(db));
    a.sign_in("owner@a.test").await;
    let ja = build_journey(db, &mut a, wa.id, "A's journey").await;
    add_tp(&mut a, &ja, 0, "A's ad").await;
    let tpa = touchpoints(db, wa.id, &ja).await.remove(0).id;
    let mut b = Client::new(state(db));
    b.sign_in("owner@b.test").await;
    let jb = build_journey(db, &mut b, wb.id, "B's journey").await;
    let sa = ja.stages[0].id;
    for path in [
        ja.path.clone(),
        format!("{}/edit", ja.path),
        format!("{}/map.svg", ja.path),
        format!("{}/map.png", ja.path),
        format!("{}/compare", ja.path),
        format!("{}/delete", ja.path),
        format!("{}/touchpoints/{tpa}/edit", ja.path),
        // B's own journey with A's touchpoint or stage: still not found.
        format!("{}/touchpoints/{tpa}/edit", jb.path),
        format!("{}/stages/{sa}/delete", jb.path),
    ] {
        assert_eq!(
            b.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "GET {path}"
        );
    }
    for (path, fields) in [
        (format!("{}/edit", ja.path), vec![("name", "Mine now")]),
        (format!("{}/delete", ja.path), vec![]),
        (format!("{}/stages", ja.path), vec![("name", "Extra")]),
        (
            format!("{}/stages/{sa}/rename", jb.path),
            vec![("name", "Mine")],
        ),
        (format!("{}/stages/{sa}/delete", jb.path), vec![]),
        (format!("{}/touchpoints/{tpa}/delete", jb.path), vec![]),
        (
            format!("{}/touchpoints/{tpa}/move", jb.path),
            vec![("dir", "up")],
        ),
        (format!("{}/to-be", ja.path), vec![]),
    ] {
        assert_eq!(
            b.post(&path, &fields).await.status,
            StatusCode::NOT_FOUND,
            "POST {path}"
        );
    }
    let j = db.store.get_journey(wa.id, JourneyId(ja.id)).await.unwrap();
    assert_eq!(j.name, "A's journey");
    assert_eq!(db.store.list_stages(wa.id, j.id).await.unwrap().len(), 5);
    assert_eq!(touchpoints(db, wa.id, &ja).await.len(), 1);
    assert_eq!(
        db.store.list_journeys(wb.id).await.unwrap().len(),
        1,
        "no copy landed in B"
    );
}

async fn stages_and_touchpoints_are_reordered_with_up_and_down(db: &TestDb) {
    let (ws, _, _) = seed_workspace(db, "a").await;
    let mut c = Client::new(state(db));
    c.sign_in("owner@a.test").await;
    let b = build_journey(db, &mut c, ws.id, "Repairs").await;
    for name in ["First", "Second", "Third"] {
        add_tp(&mut c, &b, 1, name).await;
    }
    let names = |t: Vec<Touchpoint>| t.into_iter().map(|t| t.name).collect::<Vec<_>>();
    let third = touchpoints(db, ws.id, &b).await[2].id;
    let moved = c
        .post(
            &format!("{}/touchpoints/{third}/move", b.path),
            &[("dir", "up")],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER);
    assert_eq!(
        names(touchpoints(db, ws.id, &b).await),
        ["First", "Third", "Second"]
    );
    let first = touchpoints(db, ws.id, &b).await[0].id;
    c.post(
        &format!("{}/touchpoints/{first}/move", b.path),
        &[("dir", "up")],
    )
    .await;
    assert_eq!(
        names(touchpoints(db, ws.id, &b).await),
        ["First", "Third", "Second"],
        "the first stays first"
    );
    c.post(
        &format!("{}/touchpoints/{first}/move", b.path),
        &[("dir", "down")],
    )
    .await;
    assert_eq!(
        names(touchpoints(db, ws.id, &b).await),
        ["Third", "First", "Second"]
    );
    assert_eq!(
        c.post(
            &format!("{}/touchpoints/{first}/move", b.path),
            &[("dir", "sideways")]
        )
        .await
        .status,
        StatusCode::BAD_REQUEST
    );

    let loyalty = b.stages[4].id;
    c.post(
        &format!("{}/stages/{loyalty}/move", b.path),
        &[("dir", "up")],
    )
    .await;
    c.post(
        &format!("{}/stages/{loyalty}/move", b.path),
        &[("dir", "up")],
    )
    .await;
    let order: Vec<String> = db
        .store
        .list_stages(ws.id, JourneyId(b.id))
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(
        order,
        [
            "Awareness",
            "Consideration",
            "Loyalty",
            "Purchase",
            "Service"
        ]
    );
    let page = c.get(&b.path).await.body;
    let at = |s: &str| {
        page.find(&format!(">{s}</h2>"))
            .unwrap_or_else(|| panic!("{s} on the page"))
    };
    assert!(
        at("Loyalty") < at("Purchase"),
        "the page follows the new order"
    );
    assert!(page.find(">Third</h3>").unwrap() < page.find(">First</h3>").unwrap());
}

async fn deleting_asks_first_and_says_what_goes_with_it(db: &TestDb) {
    let (ws, _, _) = seed_workspace(db, "a").await;
    let customer = seed_customer(db, ws.id, "Ada").await;
    let mut c = Client::new(state(db));
    c.sign_in("owner@a.test").await;
    let b = build_journey(db, &mut c, ws.id, "Repairs").await;
    add_tp(&mut c, &b, 1, "Call to book").await;
    add_tp(&mut c, &b, 1, "Web site").await;
    let tps = touchpoints(db, ws.id, &b).await;
    let event = |tp: &Touchpoint, at| NewEvent {
        customer_id: Some(customer.id),
        visitor_id: None,
        touchpoint_id: tp.id,
        occurred_at: at,
        channel: Channel::Phone,
        amount: None,
        properties: "{}".into(),
    };
    db.store
        .insert_events(
            ws.id,
            &[
                event(&tps[0], NOW),
                event(&tps[0], NOW + 60),
                event(&tps[1], NOW + 90),
            ],
        )
        .await
        .unwrap();

    let tp_delete = format!("{}/touchpoints/{}/delete", b.path, tps[0].id);
    let ask = c.get(&tp_delete).await;
    assert_eq!(ask.status, StatusCode::OK);
    assert!(
        ask.body.contains("Delete the touchpoint “Call to book”?"),
        "{}",
        ask.body
    );
    assert!(ask.body.contains("2 recorded customer events"));
    assert_eq!(
        touchpoints(db, ws.id, &b).await.len(),
        2,
        "asking deletes nothing"
    );
    assert_eq!(c.post(&tp_delete, &[]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(names_of(touchpoints(db, ws.id, &b).await), ["Web site"]);

    let stage_delete = format!("{}/stages/{}/delete", b.path, b.stages[1].id);
    let ask = c.get(&stage_delete).await.body;
    assert!(
        ask.contains("Delete the stage “Consideration”?")
            && ask.contains("one touchpoint")
            && ask.contains("one recorded customer event"),
        "{ask}"
    );
    c.post(&stage_delete, &[]).await;
    assert_eq!(
        db.store
            .list_stages(ws.id, JourneyId(b.id))
            .await
            .unwrap()
            .len(),
        4
    );

    let ask = c.get(&format!("{}/delete", b.path)).await.body;
    assert!(
        ask.contains("Delete the journey “Repairs”?") && ask.contains("4 stages"),
        "{ask}"
    );
    let gone = c.post(&format!("{}/delete", b.path), &[]).await;
    assert_eq!(
        gone.location.as_deref(),
        Some("/journeys?done=journey-deleted")
    );
    assert!(db.store.list_journeys(ws.id).await.unwrap().is_empty());
    assert!(
        c.get("/journeys?done=journey-deleted")
            .await
            .body
            .contains("Journey deleted.")
    );
    assert_eq!(c.get(&b.path).await.status, StatusCode::NOT_FOUND);
}

fn names_of(t: Vec<Touchpoint>) -> Vec<String> {
    t.into_iter().map(|t| t.name).collect()
}

/// Ten customers see the ad and call; `went_on` of them then book online.
async fn seed_funnel(db: &TestDb, ws: WorkspaceId, b: &Built, tps: &[Touchpoint], went_on: usize) {
    let mut events = Vec::new();
    for i in 0..10 {
        let customer = seed_customer(db, ws, &format!("Customer {i}")).await;
        let mut at = NOW - 10_000 + i as i64 * 100;
        let mut ev = |tp: &Touchpoint| {
            at += 10;
            NewEvent {
                customer_id: Some(customer.id),
                visitor_id: None,
                touchpoint_id: tp.id,
                occurred_at: at,
                channel: tp.channel,
                amount: None,
                properties: "{}".into(),
            }
        };
        events.push(ev(&tps[0]));
        events.push(ev(&tps[1]));
        if i < went_on {
            events.push(ev(&tps[2]));
            // Some go back from booking to the ad: a loop.
            if i % 2 == 0 {
                events.push(ev(&tps[0]));
            }
        }
    }
    let _ = b;
    db.store.insert_events(ws, &events).await.unwrap();
}

async fn a_to_be_copy_keeps_the_as_is_numbers_next_to_each_step(db: &TestDb) {
    let (ws, _, _) = seed_workspace(db, "a").await;
    let mut c = Client::new(state(db));
    c.sign_in("owner@a.test").await;
    let b = build_journey(db, &mut c, ws.id, "Repairs").await;
    add_tp(&mut c, &b, 0, "Google ad").await;
    add_tp(&mut c, &b, 1, "Call to book").await;
    add_tp(&mut c, &b, 2, "Online booking").await;
    let tps = touchpoints(db, ws.id, &b).await;
    seed_funnel(db, ws.id, &b, &tps, 2).await;

    let made = c.post(&format!("{}/to-be", b.path), &[]).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER);
    let to_be_path = made.location.unwrap().split('?').next().unwrap().to_owned();
    let to_be = db
        .store
        .list_journeys(ws.id)
        .await
        .unwrap()
        .into_iter()
        .find(|j| j.id.0 != b.id)
        .unwrap();
    assert_eq!(
        (to_be.variant, to_be.counterpart_of, to_be.name.as_str()),
        (
            JourneyVariant::ToBe,
            Some(JourneyId(b.id)),
            "Repairs (to-be)"
        )
    );
    let copied = db.store.list_touchpoints(ws.id, to_be.id).await.unwrap();
    assert_eq!(
        names_of(copied.clone()),
        ["Google ad", "Call to book", "Online booking"]
    );
    assert!(
        copied.iter().all(|t| !tps.iter().any(|o| o.id == t.id)),
        "new touchpoints, not shared ones"
    );
    assert_eq!(
        db.store.list_stages(ws.id, to_be.id).await.unwrap().len(),
        5
    );

    let page = c.get(&to_be_path).await.body;
    assert!(
        page.contains("As-is “Call to book”: 10 reached, 20 % went on, 80 % dropped off"),
        "{page}"
    );
    assert!(page.contains("As-is funnel: 10 customers reached this stage (100 % of the stage before); 8 went no further"), "{page}");
    // A step the redesign adds has no as-is numbers, and says so.
    let new_stage = db.store.list_stages(ws.id, to_be.id).await.unwrap()[1]
        .id
        .to_string();
    c.post(
        &format!("{to_be_path}/touchpoints"),
        &[
            ("stage_id", new_stage.as_str()),
            ("name", "Call-back within an hour"),
            ("channel", "phone"),
        ],
    )
    .await;
    assert!(
        c.get(&to_be_path)
            .await
            .body
            .contains("New in the to-be journey: no as-is data yet")
    );
    // Renamed steps keep their as-is numbers: the copy remembers which touchpoint it came
    // from, and the owner can link a new step to the one it redesigns.
    let to_be_tps = db.store.list_touchpoints(ws.id, to_be.id).await.unwrap();
    let copied_call = to_be_tps.iter().find(|t| t.name == "Call to book").unwrap();
    let call_back = to_be_tps
        .iter()
        .find(|t| t.name == "Call-back within an hour")
        .unwrap();
    let stage = copied_call.stage_id.to_string();
    let as_is_call = tps[1].id.to_string();
    let form = c
        .get(&format!("{to_be_path}/touchpoints/{}/edit", copied_call.id))
        .await
        .body;
    assert!(
        form.contains(&format!(
            "<option value=\"{as_is_call}\" selected>Call to book</option>"
        )),
        "{form}"
    );
    let rename = [
        ("stage_id", stage.as_str()),
        ("name", "Phone hour at 9"),
        ("channel", "phone"),
        ("counterpart_id", as_is_call.as_str()),
    ];
    assert_eq!(
        c.post(
            &format!("{to_be_path}/touchpoints/{}/edit", copied_call.id),
            &rename
        )
        .await
        .status,
        StatusCode::SEE_OTHER
    );
    let link = [
        ("stage_id", stage.as_str()),
        ("name", "Call-back within an hour"),
        ("channel", "phone"),
        ("counterpart_id", as_is_call.as_str()),
    ];
    let form = c
        .get(&format!("{to_be_path}/touchpoints/{}/edit", call_back.id))
        .await
        .body;
    assert!(form.contains("Redesign of (as-is touchpoint)"));
    assert_eq!(
        c.post(
            &format!("{to_be_path}/touchpoints/{}/edit", call_back.id),
            &link
        )
        .await
        .status,
        StatusCode::SEE_OTHER
    );
    let page = c.get(&to_be_path).await.body;
    assert_eq!(
        page.matches("As-is “Call to book”: 10 reached, 20 % went on, 80 % dropped off")
            .count(),
        2,
        "{page}"
    );
    let foreign = [
        ("stage_id", stage.as_str()),
        ("name", "x"),
        ("channel", "phone"),
        ("counterpart_id", "999999"),
    ];
    assert_eq!(
        c.post(
            &format!("{to_be_path}/touchpoints/{}/edit", call_back.id),
            &foreign
        )
        .await
        .status,
        StatusCode::BAD_REQUEST
    );

    let side_by_side = c.get(&format!("{}/compare", b.path)).await;
    assert_eq!(side_by_side.status, StatusCode::OK);
    assert!(
        side_by_side.body.contains("Repairs (to-be)")
            && side_by_side.body.contains("10 reached · 20 % went on")
    );
    assert_eq!(
        c.get(&format!("{to_be_path}/compare")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        c.post(&format!("{to_be_path}/to-be"), &[]).await.status,
        StatusCode::BAD_REQUEST,
        "a to-be of a to-be"
    );
}

async fn a_sub_journey_copies_one_stretch(db: &TestDb) {
    let (ws, _, _) = seed_workspace(db, "a").await;
    let mut c = Client::new(state(db));
    c.sign_in("owner@a.test").await;
    let b = build_journey(db, &mut c, ws.id, "Repairs").await;
    add_tp(&mut c, &b, 1, "Call to book").await;
    add_tp(&mut c, &b, 2, "Online booking").await;
    add_tp(&mut c, &b, 3, "Pick-up").await;
    let (s1, s2) = (b.stages[1].id.to_string(), b.stages[2].id.to_string());
    let backwards = c
        .post(
            &format!("{}/sub", b.path),
            &[
                ("name", "Booking"),
                ("first", s2.as_str()),
                ("last", s1.as_str()),
            ],
        )
        .await;
    assert_eq!(backwards.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        backwards.body.contains("The first stage must come before"),
        "{}",
        backwards.body
    );
    let made = c
        .post(
            &format!("{}/sub", b.path),
            &[
                ("name", "Booking"),
                ("first", s1.as_str()),
                ("last", s2.as_str()),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER);
    let sub = db
        .store
        .list_journeys(ws.id)
        .await
        .unwrap()
        .into_iter()
        .find(|j| j.name == "Booking")
        .unwrap();
    assert_eq!(sub.parent_id, Some(JourneyId(b.id)));
    let stages: Vec<String> = db
        .store
        .list_stages(ws.id, sub.id)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(stages, ["Consideration", "Purchase"]);
    assert_eq!(
        names_of(db.store.list_touchpoints(ws.id, sub.id).await.unwrap()),
        ["Call to book", "Online booking"]
    );
    assert!(
        c.get(&b.path).await.body.contains("Booking"),
        "the parent links to its part"
    );
}

async fn the_svg_names_stages_and_touchpoints_escaped_and_colours_a_weak_touchpoint(db: &TestDb) {
    let (ws, _, _) = seed_workspace(db, "a").await;
    let mut c = Client::new(state(db));
    c.sign_in("owner@a.test").await;
    let b = build_journey(db, &mut c, ws.id, "Tom & Jerry's <repairs>").await;
    add_tp(&mut c, &b, 0, "Google ad").await;
    add_tp(&mut c, &b, 1, "Call to book").await;
    add_tp(&mut c, &b, 2, "<script>alert(1)</script>").await;
    let tps = touchpoints(db, ws.id, &b).await;
    seed_funnel(db, ws.id, &b, &tps, 2).await;
    let first = b.stages[0].id;
    c.post(
        &format!("{}/stages/{first}/rename", b.path),
        &[("name", "\"Seen\" & heard")],
    )
    .await;

    let reply = c.get(&format!("{}/map.svg", b.path)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("image/svg+xml")
    );
    assert!(
        reply.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains("map.svg")
    );
    let svg = reply.body;
    assert!(svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1400 "));
    assert!(svg.contains("Tom &amp; Jerry&#39;s &lt;repairs&gt;"));
    assert!(svg.contains("&quot;Seen&quot; &amp; heard"));
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!svg.contains("<script>") && !svg.contains("<repairs>"));
    for stage in ["Consideration", "Purchase", "Service", "Loyalty"] {
        assert!(svg.contains(&format!(">{stage}</text>")), "{stage}");
    }
    // Ten called to book, two went on: the card is poor. All ten saw the ad and went on.
    assert!(
        card_class(&svg, "Call to book").starts_with("poor"),
        "{svg}"
    );
    assert!(card_class(&svg, "Google ad").starts_with("good"));
    assert_eq!(
        svg.matches("<path class=\"loop\"").count(),
        1,
        "booking → ad, drawn once"
    );
    assert!(svg.contains("Olivia Owner") || svg.contains("No owner"));
    // The page shows the same picture inline.
    let page = c.get(&b.path).await.body;
    assert!(page.contains("<svg") && page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.contains("<script>alert(1)"));
}

/// The class of the card whose text contains `name`.
fn card_class<'a>(svg: &'a str, name: &str) -> &'a str {
    svg.split("<g class=\"card ")
        .find(|g| g.split("</g>").next().unwrap().contains(name))
        .unwrap_or_else(|| panic!("no card {name}"))
}

async fn the_png_is_a_real_png_of_plausible_size(db: &TestDb) {
    let (ws, _, _) = seed_workspace(db, "a").await;
    let mut c = Client::new(state(db));
    c.sign_in("owner@a.test").await;
    let b = build_journey(db, &mut c, ws.id, "Repairs").await;
    add_tp(&mut c, &b, 1, "Call to book").await;
    let (status, headers, png) = get_bytes(&c, db, &format!("{}/map.png", b.path)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "image/png");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let be = |i: usize| u32::from_be_bytes(png[i..i + 4].try_into().unwrap());
    assert_eq!(&png[12..16], b"IHDR");
    let (w, h) = (be(16), be(20));
    assert_eq!(w, 2100, "1400 units at 1.5 pixels each");
    assert!((500..2000).contains(&h), "height {h}");
    assert!(
        png.len() > 20_000,
        "text and cards drawn: {} bytes",
        png.len()
    );
}

async fn the_demo_map_makes_call_to_book_stand_out(db: &TestDb) {
    let hash = kunde_web::auth::hash_password(&Password::parse(PASSWORD).unwrap());
    let opts = kunde_demo::DemoOptions {
        customers: 300,
        ..kunde_demo::DemoOptions::default()
    };
    let import = kunde_demo::generate(&opts, hash.clone(), hash);
    let ws = db.store.import_workspace(&import, NOW).await.unwrap();
    let journey = db
        .store
        .list_journeys(ws)
        .await
        .unwrap()
        .into_iter()
        .find(|j| j.name == "Repair and service")
        .unwrap();
    let mut c = Client::new(state(db));
    c.post(
        "/signin",
        &[
            ("email", kunde_demo::DEMO_OWNER_EMAIL),
            ("password", PASSWORD),
        ],
    )
    .await;
    let svg = c
        .get(&format!("/journeys/{}/map.svg", journey.id))
        .await
        .body;
    if let Ok(dir) = std::env::var("KUNDE_MAP_OUT") {
        let (_, _, png) = get_bytes(&c, db, &format!("/journeys/{}/map.png", journey.id)).await;
        std::fs::write(format!("{dir}/demo-map.png"), png).unwrap();
        std::fs::write(format!("{dir}/demo-map.svg"), &svg).unwrap();
    }
    let poor: Vec<&str> = svg.split("<g class=\"card poor\">").skip(1).collect();
    assert!(
        card_class(&svg, "Call to book").starts_with("poor"),
        "{svg}"
    );
    assert!(
        poor.len() <= 3,
        "the weak touchpoint stands out among few: {}",
        poor.len()
    );
    assert!(
        svg.contains("class=\"loop\""),
        "the demo's customers go back"
    );
    assert!(svg.contains("class=\"emotion\""));
}

/// In a real browser: the owner builds a small journey through the pages (a journey, a
/// touchpoint, then edits it into another stage and reorders the stages) and sees the map
/// drawn, with the touchpoint's name in the picture.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_the_browser_the_owner_builds_a_journey_and_sees_it_drawn() {
    use support::browser::{Browser, Server};
    let db = TestDb::sqlite().await.unwrap();
    let (ws, _, _) = seed_workspace(&db, "cykler").await;
    let server = Server::start(state(&db)).await;
    let browser = Browser::start().await;
    browser.sign_in(&server, "owner@cykler.test").await;

    browser.goto(&server, "/journeys").await;
    browser.fill("#jname", "Booking a repair").await;
    browser
        .follow("form[action='/journeys/new'] button[type=submit]")
        .await;
    assert_eq!(browser.text("h1").await, "Booking a repair As-is");

    browser.fill("#tname", "Call to book & ask").await;
    browser
        .follow("form[action$='/touchpoints'] button[type=submit]")
        .await;
    browser.wait("article.touchpoint").await;
    let svg = browser
        .wait("figure.map-picture svg")
        .await
        .html(false)
        .await
        .unwrap();
    assert!(svg.contains("Call to book &amp; ask"), "{svg}");
    assert!(svg.contains("Awareness"));

    // Edit the touchpoint: another stage, a goal, an owner.
    browser.follow("article.touchpoint .card-actions a").await;
    browser.fill("#tname", "Call to book").await;
    browser.click("#tstage option:nth-child(2)").await;
    browser.fill("#tgoal", "Get a time for the repair").await;
    browser.click("#towner option:nth-child(2)").await;
    browser.follow("main form button[type=submit]").await;
    browser.wait("p.notice").await;
    let consideration = browser.text("section.stage:nth-child(2)").await;
    assert!(
        consideration.contains("Call to book") && consideration.contains("Olivia Owner"),
        "{consideration}"
    );

    // Reorder the stages with the plain up button: Loyalty before Service.
    browser.follow("a.button[href$='/edit']").await;
    browser.follow("button[aria-label='Move Loyalty up']").await;
    browser.wait("p.notice").await;
    let journey = db.store.list_journeys(ws.id).await.unwrap().remove(0);
    let order: Vec<String> = db
        .store
        .list_stages(ws.id, journey.id)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(
        order,
        [
            "Awareness",
            "Consideration",
            "Purchase",
            "Loyalty",
            "Service"
        ]
    );

    browser
        .goto(&server, &format!("/journeys/{}", journey.id))
        .await;
    let svg = browser
        .wait("figure.map-picture svg")
        .await
        .html(false)
        .await
        .unwrap();
    assert!(
        svg.contains(">Call to book</text>") && svg.contains("Owner: Olivia Owner"),
        "{svg}"
    );
    assert!(svg.find(">Loyalty</text>").unwrap() < svg.find(">Service</text>").unwrap());
    browser.close().await;
}
