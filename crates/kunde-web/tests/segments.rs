//! Segments end to end: the customers who dropped out of a funnel at one step saved as a
//! named list from the funnel page, seen by staff, kept to their workspace, deleted by the
//! owner; and the demo's redesigned map with the as-is numbers (both databases, plus one run
//! in a real browser).

mod support;

use axum::http::StatusCode;
use kunde_domain::*;
use kunde_store::testing::TestDb;
use support::*;

on_both_databases!(
    the_customers_who_stopped_at_a_step_are_saved_as_a_segment,
    a_segment_stays_in_its_workspace_and_only_the_owner_deletes_it,
    the_demo_redesign_shows_the_as_is_numbers_next_to_its_steps,
);

const HOUR: i64 = 3600;
const DAY: i64 = 86_400;
const T0: i64 = NOW - 60 * DAY;

fn nonempty(s: &str) -> NonEmpty {
    NonEmpty::parse("name", s).unwrap()
}

/// Web → Call → Visit in one workspace: Ann goes all the way; Bo stops after Call; Cy
/// stops after Web; Di reaches Visit only after 20 days, so in a 7-day window she stops
/// after Call. Returns the funnel's query (7 days, drop-outs of step 2).
async fn seed(db: &TestDb, slug: &str) -> (WorkspaceId, String) {
    let (ws, ..) = seed_workspace(db, slug).await;
    let ws = ws.id;
    let j = db
        .store
        .create_journey(
            ws,
            &NewJourney {
                name: nonempty("Booking"),
                description: String::new(),
                variant: JourneyVariant::AsIs,
                counterpart_of: None,
                parent_id: None,
            },
            &["Find", "Book", "Visit"],
            NOW,
        )
        .await
        .unwrap();
    let stages = db.store.list_stages(ws, j.id).await.unwrap();
    let mut tps = Vec::new();
    for (stage, name) in stages.iter().zip(["Web", "Call", "Visit"]) {
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
        tps.push(db.store.create_touchpoint(ws, &t).await.unwrap().id);
    }
    let mut events = Vec::new();
    for (name, steps) in [
        ("Ann Andersen", vec![(0, 0), (1, HOUR), (2, 2 * DAY)]),
        ("Bo Berg", vec![(0, 0), (1, 2 * HOUR)]),
        ("Cy Cruz", vec![(0, 0)]),
        ("Di Dahl", vec![(0, 0), (1, 3 * HOUR), (2, 20 * DAY)]),
    ] {
        let c = db
            .store
            .create_customer(ws, &NewCustomer::named(nonempty(name), NOW))
            .await
            .unwrap()
            .id;
        for (tp, at) in steps {
            events.push(NewEvent {
                customer_id: Some(c),
                visitor_id: None,
                touchpoint_id: tps[tp],
                occurred_at: T0 + at,
                channel: Channel::Web,
                amount: None,
                properties: "{}".into(),
            });
        }
    }
    db.store.insert_events(ws, &events).await.unwrap();
    let query = format!(
        "step={}&step={}&step={}&window=7&unit=days&drop=2",
        tps[0], tps[1], tps[2]
    );
    (ws, query)
}

async fn signed_in(db: &TestDb, email: &str) -> Client {
    let mut c = Client::new(state(db));
    c.sign_in(email).await;
    c
}

async fn the_customers_who_stopped_at_a_step_are_saved_as_a_segment(db: &TestDb) {
    let (ws, query) = seed(db, "a").await;
    let mut staff = signed_in(db, "staff@a.test").await;
    let funnel = staff.get(&format!("/analytics/funnel?{query}")).await;
    assert_eq!(funnel.status, StatusCode::OK);
    assert!(funnel.body.contains("action=\"/analytics/funnel/segment\""));
    assert!(
        funnel.body.contains("value=\"Stopped after Call\""),
        "a suggested name"
    );

    // Without the CSRF token nothing is saved.
    let forged = staff
        .post_raw(
            "/analytics/funnel/segment",
            &[("query", query.as_str()), ("name", "Forged")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    // A blank name is refused with a clear message, and nothing is saved.
    let blank = staff
        .post(
            "/analytics/funnel/segment",
            &[("query", query.as_str()), ("name", "  ")],
        )
        .await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        blank.body.contains("Give the segment a name"),
        "{}",
        blank.body
    );
    assert!(db.store.list_segments(ws).await.unwrap().is_empty());

    let saved = staff
        .post(
            "/analytics/funnel/segment",
            &[("query", query.as_str()), ("name", "Phone <drop-outs>")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let at = saved.location.unwrap();
    let page = staff.get(&at).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("<h1>Phone &#60;drop-outs&#62;</h1>"),
        "escaped: {}",
        page.body
    );
    assert!(
        page.body.contains(
            "Stopped after step 2, Call, of the funnel Web → Call → Visit (window 7 days)."
        )
    );
    assert!(page.body.contains("2 customers"));
    assert!(page.body.contains("Bo Berg") && page.body.contains("Di Dahl"));
    assert!(!page.body.contains("Ann Andersen") && !page.body.contains("Cy Cruz"));
    // Staff cannot delete it; the page offers them no button.
    assert!(!page.body.contains("/delete"));

    // The segment's customers as CSV, one row each, with the header naming the zone.
    assert!(page.body.contains(&format!("href=\"{at}/customers.csv\"")));
    let csv = staff.get(&format!("{at}/customers.csv")).await;
    assert_eq!(csv.status, StatusCode::OK);
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines.len(), 3, "a header and two customers: {}", csv.body);
    assert!(lines[0].starts_with("customer_id,name,email,phone,language,marketing_consent"));
    assert!(lines[0].contains("customer_since ("), "{}", lines[0]);
    assert!(lines[1].contains(",Bo Berg,") && lines[2].contains(",Di Dahl,"));
    assert!(lines[1].ends_with(",no,,2026-01-01"), "{}", lines[1]);

    let list = staff.get("/segments").await;
    assert!(list.body.contains(&format!("href=\"{at}\"")));
    assert!(list.body.contains("Phone &#60;drop-outs&#62;"));

    // The drop-outs of step 1 of the same funnel: only Cy.
    let step1 = query.replace("drop=2", "drop=1");
    let saved = staff
        .post(
            "/analytics/funnel/segment",
            &[("query", step1.as_str()), ("name", "Web only")],
        )
        .await;
    let page = staff.get(&saved.location.unwrap()).await;
    assert!(page.body.contains("1 customer") && page.body.contains("Cy Cruz"));
    assert!(!page.body.contains("Bo Berg"));
}

async fn a_segment_stays_in_its_workspace_and_only_the_owner_deletes_it(db: &TestDb) {
    let (ws, query) = seed(db, "a").await;
    seed(db, "b").await;
    let mut owner = signed_in(db, "owner@a.test").await;
    let saved = owner
        .post(
            "/analytics/funnel/segment",
            &[("query", query.as_str()), ("name", "Ours")],
        )
        .await;
    let at = saved.location.unwrap();
    let id = db.store.list_segments(ws).await.unwrap()[0].id;
    assert_eq!(at, format!("/segments/{id}"));

    let mut other = signed_in(db, "owner@b.test").await;
    assert_eq!(other.get(&at).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        other.get(&format!("{at}/customers.csv")).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(!other.get("/segments").await.body.contains("Ours"));
    assert_eq!(
        other.post(&format!("{at}/delete"), &[]).await.status,
        StatusCode::NOT_FOUND
    );
    let mut staff = signed_in(db, "staff@a.test").await;
    assert_eq!(
        staff.post(&format!("{at}/delete"), &[]).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(db.store.list_segments(ws).await.unwrap().len(), 1);

    let page = owner.get(&at).await;
    assert!(page.body.contains(&format!("action=\"{at}/delete\"")));
    let deleted = owner.post(&format!("{at}/delete"), &[]).await;
    assert_eq!(deleted.location.as_deref(), Some("/segments"));
    assert!(db.store.list_segments(ws).await.unwrap().is_empty());
    assert_eq!(owner.get(&at).await.status, StatusCode::NOT_FOUND);
    // Signed out, nothing is shown.
    let mut anonymous = Client::new(state(db));
    assert_eq!(
        anonymous.get("/segments").await.status,
        StatusCode::SEE_OTHER
    );
}

/// The demo business with `customers` customers (`None`: as `kunde demo` makes it).
async fn demo(db: &TestDb, customers: Option<usize>) {
    let hash = kunde_web::auth::hash_password(&Password::parse(PASSWORD).unwrap());
    let mut opts = kunde_demo::DemoOptions::default();
    if let Some(n) = customers {
        opts.customers = n;
    }
    db.store
        .import_workspace(&kunde_demo::generate(&opts, hash.clone(), hash), NOW)
        .await
        .unwrap();
}

async fn the_demo_redesign_shows_the_as_is_numbers_next_to_its_steps(db: &TestDb) {
    demo(db, Some(300)).await;
    let mut staff = signed_in(db, kunde_demo::DEMO_STAFF_EMAIL).await;
    // The redesign's call-back shows what the as-is phone queue did.
    let journeys = db.store.list_journeys(db_ws(db).await).await.unwrap();
    let to_be = journeys
        .iter()
        .find(|j| j.variant == JourneyVariant::ToBe)
        .unwrap();
    let page = staff.get(&format!("/journeys/{}", to_be.id)).await;
    assert_eq!(page.status, StatusCode::OK);
    let call_back = &page.body[page.body.rfind("Call-back within an hour").unwrap()..];
    let next_card = &call_back[..call_back.find("Customer&#39;s goal").unwrap()];
    assert!(
        next_card.contains("As-is “Call to book”:") && next_card.contains("reached"),
        "{next_card}"
    );
    // Steps that replace nothing stay marked as new.
    assert!(
        page.body
            .contains("New in the to-be journey: no as-is data yet")
    );
}

async fn db_ws(db: &TestDb) -> WorkspaceId {
    db.store
        .find_user_by_email(&Email::parse(kunde_demo::DEMO_STAFF_EMAIL).unwrap())
        .await
        .unwrap()
        .unwrap()
        .user
        .workspace_id
}

/// In a real browser: on the demo's funnel page, saving the customers who stopped opens the
/// new segment with them listed, and the menu leads back to it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_a_browser_the_customers_who_stopped_become_a_segment() {
    use support::browser::{Browser, Server};
    let db = TestDb::sqlite().await.unwrap();
    demo(&db, Some(300)).await;
    let server = Server::start(state(&db)).await;
    let browser = Browser::start().await;
    browser.sign_in(&server, kunde_demo::DEMO_STAFF_EMAIL).await;
    browser.goto(&server, "/analytics/funnel").await;
    let title = browser.text("#dropped").await;
    let count: i64 = title
        .rsplit('(')
        .next()
        .unwrap()
        .trim_end_matches(')')
        .parse()
        .unwrap_or_else(|_| panic!("{title}"));
    browser.fill("#segment_name", "Lost at the phone").await;
    browser.follow("#save-segment button[type=submit]").await;
    assert!(browser.path().await.starts_with("/segments/"));
    assert_eq!(browser.text("h1").await, "Lost at the phone");
    let main = browser.text("main").await;
    let expected = if count == 1 {
        "1 customer".to_owned()
    } else {
        format!("{count} customers")
    };
    assert!(main.contains(&expected), "{main}");
    let rows = browser
        .client
        .find_all(fantoccini::Locator::Css("main tbody tr"))
        .await
        .unwrap()
        .len() as i64;
    assert_eq!(rows, count.min(200));

    browser.follow("nav a[href='/segments']").await;
    assert!(
        browser
            .text("main table")
            .await
            .contains("Lost at the phone")
    );
    browser.close().await;
}
