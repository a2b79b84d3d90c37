//! Competitors' standards on both databases: the owner records competitors and a standard
//! per touchpoint; the journey map's card, the touchpoint's results page and the start page
//! say where the business stands; staff read but cannot change; another business's ids are
//! 404.

mod support;

use axum::http::StatusCode;
use kunde_domain::*;
use kunde_store::testing::TestDb;
use kunde_web::AppState;
use std::sync::Arc;
use support::*;

/// 2026-03-15 12:00 UTC.
const T: i64 = 1_773_576_000;

on_both_databases!(
    the_map_and_the_start_page_say_where_the_business_stands,
    staff_read_and_other_businesses_get_404,
    the_demo_map_shows_the_competitors,
);

fn state_at(db: &TestDb) -> AppState {
    let mut s = state(db);
    s.clock = Arc::new(|| T);
    s
}

/// A journey with one touchpoint, "Repair".
async fn seed(db: &TestDb, slug: &str) -> (WorkspaceId, JourneyId, TouchpointId) {
    let (ws, ..) = seed_workspace(db, slug).await;
    let j = db
        .store
        .create_journey(
            ws.id,
            &NewJourney {
                name: NonEmpty::parse("name", "Workshop").unwrap(),
                description: String::new(),
                variant: JourneyVariant::AsIs,
                counterpart_of: None,
                parent_id: None,
            },
            &DEFAULT_STAGES,
            T,
        )
        .await
        .unwrap();
    let stages = db.store.list_stages(ws.id, j.id).await.unwrap();
    let tp = db
        .store
        .create_touchpoint(
            ws.id,
            &NewTouchpoint {
                stage_id: stages[3].id,
                name: NonEmpty::parse("name", "Repair").unwrap(),
                channel: Channel::InPerson,
                digital: false,
                owned: true,
                owner_id: None,
                customer_goal: String::new(),
                pain_points: String::new(),
                ideas: String::new(),
            },
        )
        .await
        .unwrap();
    (ws.id, j.id, tp.id)
}

async fn the_map_and_the_start_page_say_where_the_business_stands(db: &TestDb) {
    let (ws, j, tp) = seed(db, "comp").await;
    let mut owner = Client::new(state_at(db));
    owner.sign_in("owner@comp.test").await;
    for name in ["Hjulet", "Cykelhuset"] {
        let r = owner.post("/competitors", &[("name", name)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    let again = owner.post("/competitors", &[("name", "Hjulet")]).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("already listed"), "{}", again.body);
    let cs = db.store.list_competitors(ws).await.unwrap();
    let id = |n: &str| cs.iter().find(|c| c.name == n).unwrap().id;
    let (hjulet, huset) = (
        format!("c{}", id("Hjulet")),
        format!("c{}", id("Cykelhuset")),
    );
    let tp_s = tp.0.to_string();
    let save = |own: &'static str| {
        vec![
            ("touchpoint_id", tp_s.clone()),
            ("kind", "time".to_owned()),
            ("time_unit", "days".to_owned()),
            ("own", own.to_owned()),
            (hjulet.as_str(), "2".to_owned()),
            (huset.as_str(), "1".to_owned()),
            ("target", "1".to_owned()),
        ]
    };
    let fields = save("3");
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = owner.post("/competitors/standards", &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // A rating above 5 is refused and nothing changes.
    let bad = owner
        .post(
            "/competitors/standards",
            &[("touchpoint_id", &tp_s), ("kind", "rating"), ("own", "7")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(db.store.list_standards(ws, None).await.unwrap().len(), 1);

    let line =
        "Waiting or delivery time: you 3 days · best competitor 1 day (Cykelhuset) · target 1 day";
    let map = owner.get(&format!("/journeys/{}", j.0)).await.body;
    assert!(map.contains(line), "{map}");
    assert!(map.contains("class=\"standing behind\""), "{map}");
    let results = owner
        .get(&format!("/touchpoints/{}/results", tp.0))
        .await
        .body;
    assert!(results.contains(line), "{results}");
    let home = owner.get("/").await.body;
    assert!(home.contains("Where competitors do better"), "{home}");
    assert!(
        home.contains(&format!(
            "<a href=\"/journeys/{}#tp-{}\">Repair</a>",
            j.0, tp.0
        )),
        "{home}"
    );
    let page = owner.get("/competitors").await.body;
    assert!(
        page.contains("<strong class=\"behind\">Behind</strong>"),
        "{page}"
    );
    // Saving the same kind again replaces it: now level with the best, no longer behind.
    let fields = save("1");
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    owner.post("/competitors/standards", &fields).await;
    let standards = db.store.list_standards(ws, None).await.unwrap();
    assert_eq!(standards.len(), 1);
    assert_eq!(standards[0].own.value, Some(1.0));
    let home = owner.get("/").await.body;
    assert!(!home.contains("Where competitors do better"), "{home}");
    let map = owner.get(&format!("/journeys/{}", j.0)).await.body;
    assert!(map.contains("you 1 day · best competitor 1 day"), "{map}");
    assert!(!map.contains("class=\"standing behind\""), "{map}");
    // A rating: higher is better, decimals as typed with a comma.
    let r = owner
        .post(
            "/competitors/standards",
            &[
                ("touchpoint_id", &tp_s),
                ("kind", "rating"),
                ("own", "4,2"),
                (&hjulet, "4.6"),
                ("target", "4.7"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let map = owner.get(&format!("/journeys/{}", j.0)).await.body;
    assert!(
        map.contains("Review rating: you 4.2 ★ · best competitor 4.6 ★ (Hjulet) · target 4.7 ★"),
        "{map}"
    );
    // Deleting a competitor removes its values; deleting the standard removes the line.
    let sid = db.store.list_standards(ws, None).await.unwrap()[1].id;
    let r = owner
        .post(&format!("/competitors/standards/{sid}/delete"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = owner
        .post(&format!("/competitors/{}/delete", id("Cykelhuset")), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let left = db.store.list_standards(ws, None).await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].competitors.len(), 1);
    assert_eq!(left[0].competitors[0].1, "Hjulet");
}

async fn staff_read_and_other_businesses_get_404(db: &TestDb) {
    let (ws, _, tp) = seed(db, "mine").await;
    let c = db.store.add_competitor(ws, "Hjulet", T).await.unwrap();
    let sid = db
        .store
        .save_standard(
            ws,
            &kunde_store::NewStandard {
                touchpoint_id: tp,
                kind: "price".into(),
                unit: "kr.".into(),
                own: kunde_store::StandardValue {
                    value: Some(450.0),
                    text: String::new(),
                },
                target: Default::default(),
                competitors: vec![(
                    c,
                    kunde_store::StandardValue {
                        value: Some(400.0),
                        text: String::new(),
                    },
                )],
            },
            T,
        )
        .await
        .unwrap();
    let mut anon = Client::new(state_at(db));
    assert_eq!(anon.get("/competitors").await.status, StatusCode::SEE_OTHER);
    let mut staff = Client::new(state_at(db));
    staff.sign_in("staff@mine.test").await;
    let page = staff.get("/competitors").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<td>Price</td><td>450 kr.</td><td>400 kr.</td><td>–</td><td><strong class=\"behind\">Behind</strong>"), "{}", page.body);
    assert!(
        !page.body.contains("action=\"/competitors"),
        "{}",
        page.body
    );
    let tp_s = tp.0.to_string();
    for (path, fields) in [
        ("/competitors".to_owned(), vec![("name", "Sneaky")]),
        (format!("/competitors/{c}/delete"), vec![]),
        (format!("/competitors/standards/{sid}/delete"), vec![]),
        (
            "/competitors/standards".to_owned(),
            vec![
                ("touchpoint_id", tp_s.as_str()),
                ("kind", "price"),
                ("own", "1"),
            ],
        ),
    ] {
        let r = staff.post(&path, &fields).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
    }
    // Another business's owner: every id of this one is 404, and nothing shows.
    seed_workspace(db, "else").await;
    let mut other = Client::new(state_at(db));
    other.sign_in("owner@else.test").await;
    for (path, fields) in [
        (format!("/competitors/{c}/delete"), vec![]),
        (format!("/competitors/standards/{sid}/delete"), vec![]),
        (
            "/competitors/standards".to_owned(),
            vec![
                ("touchpoint_id", tp_s.as_str()),
                ("kind", "price"),
                ("own", "1"),
            ],
        ),
    ] {
        let r = other.post(&path, &fields).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
    }
    let theirs = other.get("/competitors").await.body;
    assert!(!theirs.contains("Hjulet"), "{theirs}");
    assert_eq!(db.store.list_competitors(ws).await.unwrap().len(), 1);
    let kept = db.store.list_standards(ws, None).await.unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].own.value, Some(450.0));
}

async fn the_demo_map_shows_the_competitors(db: &TestDb) {
    let hash = kunde_web::auth::hash_password(&Password::parse(PASSWORD).unwrap());
    let opts = kunde_demo::DemoOptions {
        customers: 50,
        ..kunde_demo::DemoOptions::default()
    };
    let ws = db
        .store
        .import_workspace(&kunde_demo::generate(&opts, hash.clone(), hash), T)
        .await
        .unwrap();
    assert_eq!(db.store.list_competitors(ws).await.unwrap().len(), 2);
    let standards = db.store.list_standards(ws, None).await.unwrap();
    assert_eq!(standards.len(), 3);
    let mut owner = Client::new(state_at(db));
    owner.sign_in(kunde_demo::DEMO_OWNER_EMAIL).await;
    let map = owner
        .get(&format!("/journeys/{}", standards[0].journey_id))
        .await
        .body;
    assert!(
        map.contains(
            "Vente- eller leveringstid: jer 3 dage · bedste konkurrent 1 dag (Hjulet) · mål 1 dag"
        ),
        "{map}"
    );
    // The demo shop is Danish: numbers and units in Danish.
    assert!(
        map.contains("Anmeldelsesscore: jer 4,3 ★ · bedste konkurrent 4,6 ★ (Hjulet)"),
        "{map}"
    );
    assert!(map.contains("<p class=\"standing\"><a href=\"/competitors\">Pris: jer 449 kr. · bedste konkurrent 499 kr. (Hjulet)"), "{map}");
    let home = owner.get("/").await.body;
    assert!(home.contains("Hvor konkurrenterne gør det bedre"), "{home}");
    assert!(home.contains(">Call to book</a>"), "{home}");
}
