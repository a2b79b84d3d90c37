//! Invoices beyond typing them in (issue 16), on both databases: importing an accounting
//! export all or nothing with bad rows named, a re-import updating rather than duplicating,
//! and making an invoice from one of the customer's orders — each reachable by the right
//! people only.

mod support;

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use kunde_domain::*;
use kunde_store::testing::TestDb;
use support::*;
use tower::ServiceExt;

on_both_databases!(
    an_invoice_import_is_all_or_nothing_and_a_re_import_updates,
    only_the_owner_imports_invoices_and_only_with_the_csrf_token,
    an_invoice_is_made_from_an_order_once_and_only_for_its_customer,
);

async fn copenhagen(db: &TestDb, ws: WorkspaceId) {
    let cal = BusinessCalendar::office_hours("Europe/Copenhagen").unwrap();
    db.store
        .save_business_calendar(ws, &cal, NOW)
        .await
        .unwrap();
}

async fn customer(db: &TestDb, ws: WorkspaceId, name: &str, email: &str) -> Customer {
    let mut c = NewCustomer::named(NonEmpty::parse("name", name).unwrap(), NOW);
    c.email = Some(Email::parse(email).unwrap());
    db.store.create_customer(ws, &c).await.unwrap()
}

/// Posts `file` to `/import/invoices` as the import page's form does (with `csrf`, if any).
async fn upload(db: &TestDb, c: &Client, file: &str, csrf: Option<&str>) -> (StatusCode, String) {
    let boundary = "invoiceboundary42";
    let mut body = String::new();
    if let Some(token) = csrf {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n"
        ));
    }
    body.push_str(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"invoices.csv\"\r\nContent-Type: text/csv\r\n\r\n{file}\r\n--{boundary}--\r\n"
    ));
    let jar = c
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let request = Request::post("/import/invoices")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::COOKIE, jar)
        .header(header::HOST, "kunde.test")
        .body(Body::from(body))
        .unwrap();
    let response = kunde_web::router(state(db)).oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

async fn owner(db: &TestDb, slug: &str) -> Client {
    let mut c = Client::new(state(db));
    c.sign_in(&format!("owner@{slug}.test")).await;
    c.get("/import").await;
    c
}

async fn an_invoice_import_is_all_or_nothing_and_a_re_import_updates(db: &TestDb) {
    let (ws, ..) = seed_workspace(db, "acc").await;
    copenhagen(db, ws.id).await;
    let (other, ..) = seed_workspace(db, "elsewhere").await;
    let alice = customer(db, ws.id, "Alice", "alice@acc.test").await;
    let bob = customer(db, ws.id, "Bob", "bob@acc.test").await;
    // Carol is a customer of another business only: unknown here.
    customer(db, other.id, "Carol", "carol@elsewhere.test").await;
    db.store
        .create_invoice(
            ws.id,
            bob.id,
            &kunde_store::NewInvoice {
                number: "B-1".into(),
                issued: "2025-10-01".into(),
                due: "2025-10-15".into(),
                amount: Money(1000),
            },
            NOW,
        )
        .await
        .unwrap();
    let mut c = owner(db, "acc").await;
    let page = c.get("/import").await;
    assert!(page.body.contains("Invoices from your accounting system"));
    assert!(page.body.contains(r#"action="/import/invoices""#));
    let csrf = c.cookies["kunde_csrf"].clone();

    let bad = "number;customer_email;issued;due;amount;paid_at\n\
               F-1;alice@acc.test;2025-11-01;2025-11-15;1.250,00;\n\
               F-2;carol@elsewhere.test;2025-11-01;2025-11-15;10;\n\
               F-3;ALICE@acc.test;2025-11-31;2025-12-15;10;\n\
               B-1;alice@acc.test;2025-11-01;2025-11-15;10;\n\
               F-1;alice@acc.test;2025-11-01;2025-11-15;10;\n";
    let (status, body) = upload(db, &c, bad, Some(&csrf)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Nothing was imported"), "{body}");
    for (line, why) in [
        (3, "No customer has this e-mail"),
        (4, "The issue date must be written YYYY-MM-DD"),
        (5, "This invoice number belongs to another customer"),
        (6, "This invoice number already appears earlier in the file"),
    ] {
        assert!(
            body.contains(&format!(r#"<td class="num">{line}</td><td>{why}"#)),
            "line {line}: {body}"
        );
    }
    assert_eq!(
        body.matches(r#"<td class="num">"#).count(),
        4,
        "line 2 is fine"
    );
    assert!(
        db.store
            .customer_invoices(ws.id, alice.id)
            .await
            .unwrap()
            .is_empty()
    );

    let clash = "number,customer_email,issued,due,amount,paid_at\n\
                 F-1,alice@acc.test,2025-11-01,2025-11-15,1250.00,\n\
                 B-1,alice@acc.test,2025-11-01,2025-11-15,10,\n";
    let (status, body) = upload(db, &c, clash, Some(&csrf)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains(
            r#"<td class="num">3</td><td>This invoice number belongs to another customer"#
        ),
        "{body}"
    );
    assert!(
        db.store
            .customer_invoices(ws.id, alice.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        db.store.customer_invoices(ws.id, bob.id).await.unwrap()[0].amount,
        Money(1000),
        "Bob's invoice untouched"
    );

    let good = "number,customer_email,issued,due,amount,paid_at\n\
                F-1,alice@acc.test,2025-11-01,2025-11-15,1250.00,\n\
                F-2,Alice@Acc.test,2025-12-01,2025-12-15,99.50,2025-12-10\n\
                B-1,bob@acc.test,2025-10-01,2025-10-15,10.00,2025-10-20\n";
    let (status, body) = upload(db, &c, good, Some(&csrf)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body.contains("2 new invoices. One invoice updated."),
        "{body}"
    );
    let mine = db.store.customer_invoices(ws.id, alice.id).await.unwrap();
    assert_eq!(mine.len(), 2);
    let f2 = mine.iter().find(|i| i.number == "F-2").unwrap();
    assert_eq!(f2.amount, Money(9950));
    // Paid on 2025-12-10: noon in the business's zone (Copenhagen, UTC+1 in winter).
    assert_eq!(f2.paid_at, Some(1_765_364_400));
    let f1 = mine.iter().find(|i| i.number == "F-1").unwrap();
    assert_eq!(f1.paid_at, None);
    let b1 = &db.store.customer_invoices(ws.id, bob.id).await.unwrap()[0];
    assert_eq!(b1.amount, Money(1000), "10.00");
    assert!(b1.paid_at.is_some());

    // Next month's export repeats F-1, now paid: updated, not duplicated.
    let again = "number,customer_email,issued,due,amount,paid_at\n\
                 F-1,alice@acc.test,2025-11-01,2025-11-15,1250.00,2025-12-02\n";
    let (status, body) = upload(db, &c, again, Some(&csrf)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("0 new invoices. One invoice updated."),
        "{body}"
    );
    let mine = db.store.customer_invoices(ws.id, alice.id).await.unwrap();
    assert_eq!(mine.len(), 2);
    assert!(
        mine.iter()
            .find(|i| i.number == "F-1")
            .unwrap()
            .paid_at
            .is_some()
    );
    // Nothing landed in the other business.
    assert!(db.store.invoice_owners(other.id).await.unwrap().is_empty());
}

async fn only_the_owner_imports_invoices_and_only_with_the_csrf_token(db: &TestDb) {
    let (ws, ..) = seed_workspace(db, "gate").await;
    let alice = customer(db, ws.id, "Alice", "alice@gate.test").await;
    let file = "number,customer_email,issued,due,amount,paid_at\nG-1,alice@gate.test,2025-11-01,2025-11-15,1,\n";
    let c = owner(db, "gate").await;
    let (status, _) = upload(db, &c, file, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "no token");
    let (status, _) = upload(db, &c, file, Some(&"A".repeat(43))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a wrong token");
    let mut staff = Client::new(state(db));
    staff.sign_in("staff@gate.test").await;
    let token = staff.cookies["kunde_csrf"].clone();
    let (status, _) = upload(db, &staff, file, Some(&token)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "staff are not the owner");
    let anonymous = Client::new(state(db));
    let (status, _) = upload(db, &anonymous, file, None).await;
    assert!(matches!(
        status,
        StatusCode::FORBIDDEN | StatusCode::SEE_OTHER
    ));
    assert!(
        db.store
            .customer_invoices(ws.id, alice.id)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn order(db: &TestDb, ws: WorkspaceId, c: CustomerId, at: i64, amount: i64) -> i64 {
    let journey = match db.store.list_journeys(ws).await.unwrap().first() {
        Some(j) => j.id,
        None => {
            db.store
                .create_journey(
                    ws,
                    &NewJourney {
                        name: NonEmpty::parse("name", "Buying").unwrap(),
                        description: String::new(),
                        variant: JourneyVariant::AsIs,
                        counterpart_of: None,
                        parent_id: None,
                    },
                    &["Buy"],
                    NOW,
                )
                .await
                .unwrap()
                .id
        }
    };
    let stage = db.store.list_stages(ws, journey).await.unwrap()[0].id;
    let tp = db
        .store
        .create_touchpoint(
            ws,
            &NewTouchpoint {
                stage_id: stage,
                name: NonEmpty::parse("name", &format!("Shop {at}")).unwrap(),
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
    db.store
        .insert_events(
            ws,
            &[NewEvent {
                customer_id: Some(c),
                visitor_id: None,
                touchpoint_id: tp.id,
                occurred_at: at,
                channel: Channel::InPerson,
                amount: Some(Money(amount)),
                properties: "{}".into(),
            }],
        )
        .await
        .unwrap();
    db.store.customer_orders(ws, c).await.unwrap()[0].event_id
}

async fn an_invoice_is_made_from_an_order_once_and_only_for_its_customer(db: &TestDb) {
    let (ws, ..) = seed_workspace(db, "ord").await;
    copenhagen(db, ws.id).await;
    let (other, ..) = seed_workspace(db, "nope").await;
    let alice = customer(db, ws.id, "Alice", "alice@ord.test").await;
    let bob = customer(db, ws.id, "Bob", "bob@ord.test").await;
    // 2025-12-31 23:30 UTC is 2026-01-01 in Copenhagen: the issue date is the business's.
    let alices = order(db, ws.id, alice.id, NOW - 1800, 74_900).await;
    let bobs = order(db, ws.id, bob.id, NOW - 86_400 * 3, 10_000).await;
    let mut staff = Client::new(state(db));
    staff.sign_in("staff@ord.test").await;
    let base = format!("/customers/{}/portal", alice.id);
    let page = staff.get(&base).await;
    assert!(
        page.body.contains("Create an invoice from an order"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains(&format!(r#"name="order" value="{alices}""#))
    );
    assert!(
        !page
            .body
            .contains(&format!(r#"name="order" value="{bobs}""#))
    );
    let path = format!("{base}/invoices/from-order");
    let bad = staff
        .post(
            &path,
            &[
                ("order", &alices.to_string()),
                ("number", "O-1"),
                ("due", "2026-13-01"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let made = staff
        .post(
            &path,
            &[
                ("order", &alices.to_string()),
                ("number", "O-1"),
                ("due", "2026-01-15"),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let invoices = db.store.customer_invoices(ws.id, alice.id).await.unwrap();
    assert_eq!(invoices.len(), 1);
    assert_eq!(invoices[0].number, "O-1");
    assert_eq!(invoices[0].amount, Money(74_900));
    assert_eq!(invoices[0].issued, "2026-01-01");
    // Once per order; the invoiced order leaves the list.
    let twice = staff
        .post(
            &path,
            &[
                ("order", &alices.to_string()),
                ("number", "O-2"),
                ("due", "2026-01-15"),
            ],
        )
        .await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(twice.body.contains("This order already has an invoice."));
    let again = db
        .store
        .create_invoice_from_order(
            ws.id,
            alice.id,
            &kunde_store::OrderInvoice {
                event: alices,
                number: "O-3",
                issued: "2026-01-01",
                due: "2026-01-15",
            },
            NOW,
        )
        .await;
    assert!(matches!(again, Err(kunde_store::StoreError::Conflict(_))));
    assert!(
        !staff
            .get(&base)
            .await
            .body
            .contains(&format!(r#"name="order" value="{alices}""#))
    );
    // Bob's order through Alice's page, and anything from another business: 404.
    let cross = staff
        .post(
            &path,
            &[
                ("order", &bobs.to_string()),
                ("number", "O-9"),
                ("due", "2026-01-15"),
            ],
        )
        .await;
    assert_eq!(cross.status, StatusCode::NOT_FOUND);
    let mut theirs = Client::new(state(db));
    theirs.sign_in("owner@nope.test").await;
    let foreign = theirs
        .post(
            &path,
            &[
                ("order", &alices.to_string()),
                ("number", "O-8"),
                ("due", "2026-01-15"),
            ],
        )
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    assert!(
        db.store
            .customer_invoices(ws.id, bob.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        db.store
            .customer_invoices(ws.id, alice.id)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(db.store.invoice_owners(other.id).await.unwrap().is_empty());
}
