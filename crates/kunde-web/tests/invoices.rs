//! Invoices beyond typing them in (issue 16), on both databases: importing an accounting
//! export all or nothing with bad rows named, a re-import updating rather than duplicating,
//! making an invoice from one of the customer's orders — each reachable by the right
//! people only — and the overdue-invoice reminder e-mails, through a real SMTP server.

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
    overdue_invoices_are_reminded_once_by_e_mail_in_the_customers_language,
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

/// The app as it runs at `at` (a fresh state: as after a restart).
fn state_at(db: &TestDb, at: i64) -> kunde_web::AppState {
    let mut st = state(db);
    st.clock = std::sync::Arc::new(move || at);
    st
}

async fn speaking(
    db: &TestDb,
    ws: WorkspaceId,
    name: &str,
    email: &str,
    lang: Language,
) -> Customer {
    let mut c = NewCustomer::named(NonEmpty::parse("name", name).unwrap(), NOW);
    c.email = Some(Email::parse(email).unwrap());
    c.language = lang;
    db.store.create_customer(ws, &c).await.unwrap()
}

async fn invoice(
    db: &TestDb,
    ws: WorkspaceId,
    c: CustomerId,
    number: &str,
    due: &str,
    amount: i64,
) -> i64 {
    let new = kunde_store::NewInvoice {
        number: number.into(),
        issued: "2025-11-01".into(),
        due: due.into(),
        amount: Money(amount),
    };
    db.store.create_invoice(ws, c, &new, NOW).await.unwrap().id
}

/// Runs the timed jobs at `at` and delivers what they queued; returns how many were sent.
async fn tick_and_deliver(db: &TestDb, at: i64) -> usize {
    let st = state_at(db, at);
    kunde_web::jobs::tick(&st, at).await;
    kunde_web::outbox::deliver_due(&st).await.unwrap().sent
}

async fn overdue_invoices_are_reminded_once_by_e_mail_in_the_customers_language(db: &TestDb) {
    let (ws, ..) = seed_workspace(db, "remind").await;
    copenhagen(db, ws.id).await;
    let sink = kunde_mail::testing::SmtpSink::start();
    db.store
        .save_smtp_settings(ws.id, &sink.settings(), NOW)
        .await
        .unwrap();
    let slug = db.store.help_site_slug(ws.id).await.unwrap();
    // NOW is 2026-01-01 01:00 in Copenhagen: invoices due on 2025-12-31 or before are overdue.
    let alice = speaking(db, ws.id, "Alice", "alice@remind.test", Language::Da).await;
    let bo = speaking(db, ws.id, "Bo", "bo@remind.test", Language::Sv).await;
    let carl = speaking(db, ws.id, "Carl", "carl@remind.test", Language::En).await;
    let dalisay = speaking(db, ws.id, "Dalisay", "dalisay@remind.test", Language::Tl).await;
    invoice(db, ws.id, alice.id, "A-1", "2025-12-20", 123_450).await;
    invoice(db, ws.id, bo.id, "B-1", "2025-12-31", 50_000).await;
    invoice(db, ws.id, carl.id, "C-1", "2026-01-01", 9_900).await;
    let paid = invoice(db, ws.id, carl.id, "C-2", "2025-12-01", 10_000).await;
    db.store
        .set_invoice_paid(ws.id, carl.id, paid, Some(NOW - 86_400 * 40))
        .await
        .unwrap();
    invoice(db, ws.id, dalisay.id, "D-1", "2025-11-30", 20_000).await;
    // Another business with an overdue invoice that never turned reminders on.
    let (quiet, ..) = seed_workspace(db, "quiet").await;
    db.store
        .save_smtp_settings(quiet.id, &sink.settings(), NOW)
        .await
        .unwrap();
    let eve = speaking(db, quiet.id, "Eve", "eve@quiet.test", Language::En).await;
    invoice(db, quiet.id, eve.id, "E-1", "2025-10-01", 1_000).await;

    // Off by default: the job sends nothing.
    assert_eq!(tick_and_deliver(db, NOW).await, 0);
    assert!(db.store.recent_mail(ws.id, 10).await.unwrap().is_empty());

    // The owner finds the setting in the settings menu and turns it on.
    let mut owner = Client::new(state(db));
    owner.sign_in("owner@remind.test").await;
    let menu = owner.get("/settings").await;
    assert!(
        menu.body.contains("href=\"/settings/portal\""),
        "{}",
        menu.body
    );
    let page = owner.get("/settings/portal").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Reminders are off."), "{}", page.body);
    assert!(
        page.body.contains(&format!("/portal/{slug}")),
        "{}",
        page.body
    );
    let saved = owner.post("/settings/portal", &[("reminders", "on")]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert!(db.store.overdue_reminders(ws.id).await.unwrap());
    assert!(!db.store.overdue_reminders(quiet.id).await.unwrap());
    let page = owner.get("/settings/portal?done=portal-reminders-on").await;
    assert!(page.body.contains("Reminders are on."), "{}", page.body);
    assert!(page.body.contains("checked"), "{}", page.body);
    // Staff who are not the owner cannot change it.
    let mut staff = Client::new(state(db));
    staff.sign_in("staff@remind.test").await;
    let refused = staff.post("/settings/portal", &[]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(db.store.overdue_reminders(ws.id).await.unwrap());

    // The job reminds the three overdue, unpaid invoices, each in its customer's language.
    assert_eq!(tick_and_deliver(db, NOW).await, 3);
    let got = sink.wait_for(3).await;
    assert_eq!(got.len(), 3);
    let to = |addr: &str| {
        got.iter()
            .find(|m| m.to == vec![addr.to_owned()])
            .unwrap_or_else(|| panic!("no reminder to {addr}: {got:#?}"))
    };
    let portal = format!("http://localhost/portal/{slug}");
    let a = to("alice@remind.test");
    assert_eq!(a.subject, "Faktura A-1 fra Business remind er forfalden");
    assert!(a.text.contains("1.234,50 DKK"), "{}", a.text);
    assert!(a.text.contains("2025-12-20"), "{}", a.text);
    let b = to("bo@remind.test");
    assert_eq!(b.subject, "Faktura B-1 från Business remind har förfallit");
    let d = to("dalisay@remind.test");
    assert_eq!(
        d.subject,
        "Lampas na sa takdang petsa ang invoice D-1 mula sa Business remind"
    );
    for m in [a, b, d] {
        // A link to the portal's sign-in page: never a sign-in token.
        assert!(m.text.contains(&portal), "{}", m.text);
        assert!(!m.text.contains("/link/"), "{}", m.text);
    }

    // Run again, as after a restart: nothing is sent twice.
    assert_eq!(tick_and_deliver(db, NOW + 60).await, 0);
    // The next day Carl's invoice is overdue too: one reminder, in English; the paid one never.
    assert_eq!(tick_and_deliver(db, NOW + 86_400).await, 1);
    let got = sink.wait_for(4).await;
    let c = got
        .iter()
        .find(|m| m.to == vec!["carl@remind.test".to_owned()])
        .expect("a reminder to Carl");
    assert_eq!(c.subject, "Invoice C-1 from Business remind is overdue");
    assert!(c.text.contains("DKK 99.00"), "{}", c.text);
    assert!(!c.text.contains("C-2"), "{}", c.text);
    assert_eq!(tick_and_deliver(db, NOW + 2 * 86_400).await, 0);
    assert_eq!(sink.received().len(), 4);
    assert!(db.store.recent_mail(quiet.id, 10).await.unwrap().is_empty());

    // Turned off, a newly overdue invoice is not reminded.
    let off = owner.post("/settings/portal", &[]).await;
    assert_eq!(off.status, StatusCode::SEE_OTHER);
    assert!(!db.store.overdue_reminders(ws.id).await.unwrap());
    invoice(db, ws.id, alice.id, "A-2", "2026-01-02", 5_000).await;
    assert_eq!(tick_and_deliver(db, NOW + 5 * 86_400).await, 0);
    assert_eq!(sink.received().len(), 4);
}
