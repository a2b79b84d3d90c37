//! The owner's opening-hours page in-process on both databases: defaults shown, bad times
//! refused with a clear message and nothing saved, good ones saved and used by the store.

mod support;

use axum::http::StatusCode;
use kunde_store::testing::TestDb;
use support::*;

on_both_databases!(
    the_owner_sets_opening_hours_holidays_and_time_zone,
    bad_opening_hours_are_refused_field_by_field_and_nothing_is_saved,
    staff_cannot_change_opening_hours,
);

fn form<'a>(tz: &'a str, mon: &'a str, holidays: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("time_zone", tz),
        ("mon", mon),
        ("tue", "09:00-17:00"),
        ("wed", "09:00-17:00"),
        ("thu", "09:00-17:00"),
        ("fri", "09:00-15:00"),
        ("sat", ""),
        ("sun", ""),
        ("holidays", holidays),
    ]
}

async fn the_owner_sets_opening_hours_holidays_and_time_zone(db: &TestDb) {
    let (ws, _, _) = seed_workspace(db, "hours").await;
    let mut c = Client::new(state(db));
    c.sign_in("owner@hours.test").await;
    let page = c.get("/settings/hours").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Opening hours"), "{}", page.body);
    assert!(page.body.contains("These are the defaults"));
    assert!(page.body.contains("value=\"09:00-17:00\""));
    assert!(
        page.body.contains("Europe/London"),
        "English workspaces start in London"
    );
    // NOW is Thursday 2026-01-01 00:00 UTC, New Year's night in London: closed, and a 4-hour
    // target set now is due at 13:00 that day (no holidays by default).
    assert!(page.body.contains("Closed now."), "{}", page.body);
    assert!(page.body.contains("is due 2026-01-01 13:00 (local time)"));

    let reply = c
        .post(
            "/settings/hours",
            &form(
                "Europe/Copenhagen",
                "08:00-12:00, 13:00-16:00",
                "2026-12-24 Juleaften\r\n2026-12-31",
            ),
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let page = c.get(reply.location.as_deref().unwrap()).await;
    assert!(page.body.contains("Opening hours saved."));
    assert!(page.body.contains("value=\"08:00-12:00, 13:00-16:00\""));
    assert!(page.body.contains("2026-12-24 Juleaften\n2026-12-31"));
    assert!(!page.body.contains("These are the defaults"));

    let cal = db.store.business_calendar(ws.id).await.unwrap();
    assert_eq!(cal.time_zone_name(), "Europe/Copenhagen");
    assert_eq!(cal.week()[0].len(), 2);
    assert_eq!(cal.holidays().count(), 2);
}

async fn bad_opening_hours_are_refused_field_by_field_and_nothing_is_saved(db: &TestDb) {
    let (ws, _, _) = seed_workspace(db, "badhours").await;
    let mut c = Client::new(state(db));
    c.sign_in("owner@badhours.test").await;
    let reply = c
        .post(
            "/settings/hours",
            &form("Mars/Olympus", "09:00-25:00", "24/12 Christmas Eve"),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply
            .body
            .contains("“Mars/Olympus” is not a known time zone"),
        "{}",
        reply.body
    );
    assert!(reply.body.contains("“25:00” is not a time"));
    assert!(reply.body.contains("“24/12” is not a date"));
    // What the owner typed is kept for correcting.
    assert!(reply.body.contains("value=\"09:00-25:00\""));
    assert!(reply.body.contains("24/12 Christmas Eve"));

    let reply = c
        .post("/settings/hours", &form("UTC", "17:00-09:00", ""))
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("“17:00-09:00” ends before it starts"));

    let mut closed = form("UTC", "", "");
    for field in closed.iter_mut().skip(1) {
        field.1 = "";
    }
    let reply = c.post("/settings/hours", &closed).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("must be open at least one day a week"));

    assert!(!db.store.business_calendar_saved(ws.id).await.unwrap().1);
}

async fn staff_cannot_change_opening_hours(db: &TestDb) {
    let (ws, _, _) = seed_workspace(db, "stafhours").await;
    let mut c = Client::new(state(db));
    c.sign_in("staff@stafhours.test").await;
    assert_eq!(c.get("/settings/hours").await.status, StatusCode::FORBIDDEN);
    let reply = c
        .post("/settings/hours", &form("UTC", "00:00-24:00", ""))
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(!db.store.business_calendar_saved(ws.id).await.unwrap().1);
}
