//! Rule segments end to end (issue 15): the owner builds "customers with consent who have
//! not ordered in 60 days" in the editor, previews it (page and JSON), saves it; the segment's
//! page and CSV list exactly the customers who match, and again after a new order changes
//! who matches; the owner edits it; staff see it but cannot edit; another business gets 404;
//! bad input is refused with the field named (both databases).

mod support;

use axum::http::StatusCode;
use kunde_domain::*;
use kunde_store::testing::TestDb;
use support::*;

on_both_databases!(
    a_rule_segment_lists_exactly_the_customers_who_match_when_used,
    the_editor_previews_and_refuses_bad_input_with_the_field_named,
    only_the_owner_edits_a_rule_segment_and_only_in_their_business,
);

const DAY: i64 = 86_400;

fn nonempty(s: &str) -> NonEmpty {
    NonEmpty::parse("name", s).unwrap()
}

struct Fixture {
    ws: WorkspaceId,
    tp: TouchpointId,
    ann: CustomerId,
    bo: CustomerId,
    cy: CustomerId,
    di: CustomerId,
}

/// Ann (Danish, consent) ordered 10, 100 and 200 days ago, coffee; Bo (English, no consent)
/// ordered 90 days ago, tea; Cy (English, consent) never ordered; Di (Danish, consent)
/// ordered 70 and 150 days ago.
async fn seed(db: &TestDb, slug: &str) -> Fixture {
    let (ws, ..) = seed_workspace(db, slug).await;
    let ws = ws.id;
    let j = db
        .store
        .create_journey(
            ws,
            &NewJourney {
                name: nonempty("Shop"),
                description: String::new(),
                variant: JourneyVariant::AsIs,
                counterpart_of: None,
                parent_id: None,
            },
            &["Buy"],
            NOW,
        )
        .await
        .unwrap();
    let stage = db.store.list_stages(ws, j.id).await.unwrap()[0].id;
    let tp = db
        .store
        .create_touchpoint(
            ws,
            &NewTouchpoint {
                stage_id: stage,
                name: nonempty("Checkout"),
                channel: Channel::Web,
                digital: true,
                owned: true,
                owner_id: None,
                customer_goal: String::new(),
                pain_points: String::new(),
                ideas: String::new(),
            },
        )
        .await
        .unwrap()
        .id;
    let mut ids = Vec::new();
    for (name, lang, consent) in [
        ("Ann Andersen", Language::Da, true),
        ("Bo Berg", Language::En, false),
        ("Cy Cruz", Language::En, true),
        ("Di Dahl", Language::Da, true),
    ] {
        let c = NewCustomer {
            language: lang,
            marketing_consent: consent,
            ..NewCustomer::named(nonempty(name), NOW - 400 * DAY)
        };
        ids.push(db.store.create_customer(ws, &c).await.unwrap().id);
    }
    let f = Fixture {
        ws,
        tp,
        ann: ids[0],
        bo: ids[1],
        cy: ids[2],
        di: ids[3],
    };
    for (c, days) in [
        (f.ann, 10),
        (f.ann, 100),
        (f.ann, 200),
        (f.bo, 90),
        (f.di, 70),
        (f.di, 150),
    ] {
        order(db, &f, c, days).await;
    }
    for (c, product) in [(f.ann, "Coffee"), (f.bo, "Tea")] {
        db.store
            .insert_order(
                ws,
                &NewOrder {
                    customer_id: c,
                    reference: None,
                    ordered_at: NOW - 10 * DAY,
                    paid: true,
                    discount_code: None,
                    lines: vec![NewOrderLine {
                        product: nonempty(product),
                        quantity: 1,
                        unit_price: Money(5000),
                    }],
                },
            )
            .await
            .unwrap();
    }
    f
}

/// An order event of 500.00 for `c`, `days` ago.
async fn order(db: &TestDb, f: &Fixture, c: CustomerId, days: i64) {
    db.store
        .insert_events(
            f.ws,
            &[NewEvent {
                customer_id: Some(c),
                visitor_id: None,
                touchpoint_id: f.tp,
                occurred_at: NOW - days * DAY,
                channel: Channel::Web,
                amount: Some(Money(50_000)),
                properties: "{}".into(),
            }],
        )
        .await
        .unwrap();
}

async fn signed_in(db: &TestDb, email: &str) -> Client {
    let mut c = Client::new(state(db));
    c.sign_in(email).await;
    c
}

const QUIET: [(&str, &str); 3] = [
    ("last_order_op", "before"),
    ("last_order_days", "60"),
    ("consent", "yes"),
];

fn with<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut v = QUIET.to_vec();
    v.extend_from_slice(extra);
    v
}

async fn a_rule_segment_lists_exactly_the_customers_who_match_when_used(db: &TestDb) {
    let f = seed(db, "a").await;
    let mut owner = signed_in(db, "owner@a.test").await;
    let saved = owner
        .post(
            "/segments/new",
            &with(&[("name", "Quiet <fans>"), ("save", "1")]),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let at = saved.location.unwrap();
    let segment = db.store.list_segments(f.ws).await.unwrap().remove(0);
    assert_eq!(at, format!("/segments/{}", segment.id));
    assert!(segment.rule.is_some());

    // Bo stopped ordering but gave no consent; Ann ordered 10 days ago; Cy never ordered.
    let page = owner.get(&at).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("<h1>Quiet &#60;fans&#62;</h1>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("1 customer ·"), "{}", page.body);
    assert!(page.body.contains("last order more than 60 days ago"));
    assert!(page.body.contains("agreed to marketing e-mail"));
    assert!(page.body.contains(&format!("href=\"/customers/{}\"", f.di)));
    for absent in [f.ann, f.bo, f.cy] {
        assert!(!page.body.contains(&format!("href=\"/customers/{absent}\"")));
    }
    assert!(page.body.contains(&format!("href=\"{at}/edit\"")));
    let csv = owner.get(&format!("{at}/customers.csv")).await;
    assert_eq!(csv.status, StatusCode::OK);
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines.len(), 2, "{}", csv.body);
    assert!(lines[1].starts_with(&format!("{},Di Dahl,", f.di)));

    // The list shows its size now and its conditions in words.
    let list = owner.get("/segments").await;
    assert!(
        list.body.contains("last order more than 60 days ago"),
        "{}",
        list.body
    );

    // Cy orders, 61 days ago: the segment is worked out again when used.
    order(db, &f, f.cy, 61).await;
    let csv = owner.get(&format!("{at}/customers.csv")).await;
    let names: Vec<&str> = csv
        .body
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    assert_eq!(names, ["Cy Cruz", "Di Dahl"]);

    // Staff read it (page and CSV) like any segment.
    let mut staff = signed_in(db, "staff@a.test").await;
    let page = staff.get(&at).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("2 customers ·"));
    assert!(!page.body.contains(&format!("{at}/edit")));
    assert_eq!(
        staff.get(&format!("{at}/customers.csv")).await.status,
        StatusCode::OK
    );
}

async fn the_editor_previews_and_refuses_bad_input_with_the_field_named(db: &TestDb) {
    let f = seed(db, "a").await;
    let mut owner = signed_in(db, "owner@a.test").await;
    let page = owner.get("/segments/new").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Champions"),
        "RFM segments named, not coded"
    );
    assert!(page.body.contains("segments-rule.js"));
    assert!(!page.body.contains("<script>"), "no inline script");

    // Preview without JavaScript: the count and the sample, nothing saved.
    let preview = owner.post("/segments/new", &with(&[("name", "")])).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert!(
        preview.body.contains("1 customer matches now"),
        "{}",
        preview.body
    );
    assert!(
        preview
            .body
            .contains(&format!("<a href=\"/customers/{}\">Di Dahl</a>", f.di))
    );
    assert!(
        preview.body.contains("value=\"60\""),
        "the form keeps what was typed"
    );
    assert!(db.store.list_segments(f.ws).await.unwrap().is_empty());

    // The same as JSON for the script, and a count that agrees with the saved segment.
    let q = "orders_op=at_least&orders=2&language=da";
    let json = owner.get(&format!("/segments/preview?{q}")).await;
    assert_eq!(json.status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(v["count"], 2, "{v}");
    assert_eq!(v["sample"][0][1], "Ann Andersen");
    assert_eq!(v["sample"][1][1], "Di Dahl");
    assert_eq!(v["text"], "2 customers match now");
    let bought = owner
        .get("/segments/preview?never_bought=coffee&orders_op=at_least&orders=1")
        .await;
    let v: serde_json::Value = serde_json::from_str(&bought.body).unwrap();
    assert_eq!(v["count"], 2, "Bo and Di: {v}");
    let bad = owner
        .get("/segments/preview?alive_op=below&alive=lots")
        .await;
    assert_eq!(bad.status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&bad.body).unwrap();
    assert_eq!(v["field"], "alive");
    assert!(
        v["error"]
            .as_str()
            .unwrap()
            .contains("Chance of still being a customer")
    );

    // Refused forms: the field named, what was typed kept, nothing saved, never a 500.
    for (fields, message) in [
        (
            vec![
                ("alive_op", "below"),
                ("alive", "lots"),
                ("name", "X"),
                ("save", "1"),
            ],
            "Chance of still being a customer (%): enter a whole number",
        ),
        (
            vec![
                ("orders_op", "at_least"),
                ("orders", "-3"),
                ("name", "X"),
                ("save", "1"),
            ],
            "Number of orders: enter a whole number",
        ),
        (
            vec![("name", "X"), ("save", "1")],
            "Set at least one condition.",
        ),
        (
            vec![("language", "xx"), ("name", "X"), ("save", "1")],
            "Language: choose one of the choices offered.",
        ),
        (
            vec![("rfm", "vip"), ("name", "X"), ("save", "1")],
            "Behaviour segment is one of: choose one of the choices offered.",
        ),
        (
            vec![("consent", "yes"), ("name", "  "), ("save", "1")],
            "Give the segment a name",
        ),
        (
            vec![("reached", "999999"), ("name", "X"), ("save", "1")],
            "Reached the touchpoint: choose one",
        ),
    ] {
        let r = owner.post("/segments/new", &fields).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{fields:?}");
        assert!(r.body.contains(message), "{fields:?}: {}", r.body);
    }
    let r = owner
        .post(
            "/segments/new",
            &[("alive_op", "below"), ("alive", "lots"), ("save", "1")],
        )
        .await;
    assert!(r.body.contains("value=\"lots\""));
    assert!(db.store.list_segments(f.ws).await.unwrap().is_empty());
    // A form that is not a form at all is refused, not a 500.
    let garbage = owner.post("/segments/new", &[("orders", "\u{0}")]).await;
    assert_eq!(garbage.status, StatusCode::UNPROCESSABLE_ENTITY);
}

async fn only_the_owner_edits_a_rule_segment_and_only_in_their_business(db: &TestDb) {
    let f = seed(db, "a").await;
    seed(db, "b").await;
    let mut owner = signed_in(db, "owner@a.test").await;
    let saved = owner
        .post("/segments/new", &with(&[("name", "Quiet"), ("save", "1")]))
        .await;
    let at = saved.location.unwrap();

    // The editor shows the rule as saved.
    let edit = owner.get(&format!("{at}/edit")).await;
    assert_eq!(edit.status, StatusCode::OK);
    assert!(edit.body.contains("value=\"Quiet\""));
    assert!(
        edit.body.contains("<option value=\"yes\" selected>"),
        "{}",
        edit.body
    );

    // Staff may not open or post the editor.
    let mut staff = signed_in(db, "staff@a.test").await;
    assert_eq!(
        staff.get("/segments/new").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        staff.get(&format!("{at}/edit")).await.status,
        StatusCode::FORBIDDEN
    );
    let r = staff
        .post(
            &format!("{at}/edit"),
            &[("name", "Mine"), ("consent", "no"), ("save", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        staff.get("/segments/preview?consent=yes").await.status,
        StatusCode::FORBIDDEN
    );

    // Another business's owner finds nothing.
    let mut other = signed_in(db, "owner@b.test").await;
    for path in [
        at.clone(),
        format!("{at}/edit"),
        format!("{at}/customers.csv"),
    ] {
        assert_eq!(
            other.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let r = other
        .post(
            &format!("{at}/edit"),
            &[("name", "Theirs"), ("consent", "no"), ("save", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(db.store.list_segments(f.ws).await.unwrap()[0].name, "Quiet");
    // The other business's preview reads only its own customers.
    let v: serde_json::Value =
        serde_json::from_str(&other.get("/segments/preview?consent=yes").await.body).unwrap();
    let names: Vec<&str> = v["sample"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c[1].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ann Andersen", "Cy Cruz", "Di Dahl"]);
    assert_eq!(v["count"], 3);

    // The owner changes the rule: Danish speakers with at least two orders.
    let r = owner
        .post(
            &format!("{at}/edit"),
            &[
                ("name", "Danish regulars"),
                ("orders_op", "at_least"),
                ("orders", "2"),
                ("language", "da"),
                ("save", "1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = owner.get(&at).await;
    assert!(page.body.contains("Danish regulars"));
    assert!(page.body.contains("2 customers ·"), "{}", page.body);
    assert!(page.body.contains("at least 2 orders"));
    assert!(
        page.body
            .contains(&format!("href=\"/customers/{}\"", f.ann))
    );
    // Saving is in the audit trail.
    let audit = owner.get("/settings/audit").await;
    assert!(
        audit.body.contains("Saved a rule segment"),
        "{}",
        audit.body
    );

    // A saved list has no rule to edit.
    let list = db
        .store
        .create_segment(
            f.ws,
            &NewSegment {
                name: nonempty("List"),
                description: String::new(),
                customers: vec![f.bo],
            },
            None,
            NOW,
        )
        .await
        .unwrap();
    let list_at = format!("/segments/{}", list.id);
    assert_eq!(
        owner.get(&format!("{list_at}/edit")).await.status,
        StatusCode::NOT_FOUND
    );
    let r = owner
        .post(
            &format!("{list_at}/edit"),
            &[("name", "X"), ("consent", "no"), ("save", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let csv = owner.get(&format!("{list_at}/customers.csv")).await;
    assert!(csv.body.contains("Bo Berg"));

    // Deleting a rule segment works like deleting a list.
    let deleted = owner.post(&format!("{at}/delete"), &[]).await;
    assert_eq!(deleted.location.as_deref(), Some("/segments"));
    assert_eq!(owner.get(&at).await.status, StatusCode::NOT_FOUND);
}
