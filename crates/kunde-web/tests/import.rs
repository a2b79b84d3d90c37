//! The CSV import page and manual logging, in-process on SQLite and PostgreSQL: a good file is
//! imported after its mapping is confirmed, a malformed one shows every rejected line with a
//! translated reason and stores nothing, only owners reach the page, one workspace cannot see
//! another's upload, and staff log interactions on a customer's page.

mod support;

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use kunde_domain::*;
use kunde_store::testing::TestDb;
use support::*;
use tower::ServiceExt;

on_both_databases!(
    a_good_danish_file_is_imported_after_the_mapping_is_confirmed,
    a_malformed_file_shows_every_rejected_line_translated_and_stores_nothing,
    only_the_owner_imports_and_never_into_another_workspace,
    cancelling_before_the_import_leaves_nothing,
    a_file_larger_than_a_form_uploads_and_imports,
    events_are_imported_by_touchpoint_name_and_customer_e_mail,
    staff_log_an_interaction_that_appears_on_the_timeline,
    a_bad_interaction_is_refused_with_translated_messages,
    shopify_orders_keep_their_total_with_shipping,
);

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../kunde-import/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// Uploads `file` as the signed-in user of `c`, the way the upload form does.
async fn upload(
    db: &TestDb,
    c: &Client,
    kind: &str,
    preset: &str,
    file: &[u8],
    with_token: bool,
) -> (StatusCode, Option<String>, String) {
    let boundary = "kundeboundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    let mut field = |name: &str, value: &[u8], file_name: Option<&str>| {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file_name {
            Some(f) => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: text/csv\r\n\r\n").as_bytes(),
            ),
            None => body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes()),
        }
        body.extend_from_slice(value);
        body.extend_from_slice(b"\r\n");
    };
    if with_token {
        field("csrf", c.cookies["kunde_csrf"].as_bytes(), None);
    }
    field("kind", kind.as_bytes(), None);
    field("preset", preset.as_bytes(), None);
    field("file", file, Some("export.csv"));
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let jar = c
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let request = Request::post("/import")
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
    let location = response
        .headers()
        .get(header::LOCATION)
        .map(|l| l.to_str().unwrap().to_owned());
    let body = String::from_utf8(
        to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap()
            .to_vec(),
    )
    .unwrap();
    (status, location, body)
}

/// Signs in the owner of workspace `slug` (fetching a page first, so the CSRF cookie is set).
async fn owner(db: &TestDb, slug: &str) -> (Client, Workspace, User, User) {
    let (ws, owner, staff) = seed_workspace(db, slug).await;
    let mut c = Client::new(state(db));
    c.sign_in(&format!("owner@{slug}.test")).await;
    (c, ws, owner, staff)
}

/// Waits for a started import to finish and returns its status JSON.
async fn finished(c: &mut Client, job: &str) -> serde_json::Value {
    for _ in 0..200 {
        let reply = c.get(&format!("{job}/status")).await;
        assert_eq!(reply.status, StatusCode::OK);
        let status: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        if status["phase"] != "running" {
            return status;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the import did not finish");
}

async fn a_good_danish_file_is_imported_after_the_mapping_is_confirmed(db: &TestDb) {
    let (mut c, ws, ..) = owner(db, "a").await;
    assert!(
        c.get("/import")
            .await
            .body
            .contains("enctype=\"multipart/form-data\"")
    );
    let (status, location, _) = upload(
        db,
        &c,
        "customers",
        "generic",
        &fixture("customers_da.csv"),
        true,
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let job = location.unwrap();
    let page = c.get(&job).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Søren Østergaard"),
        "the preview shows the first rows"
    );
    assert!(
        page.body.contains(r#"<option value="email" selected>"#),
        "the preset chose E-mail=email"
    );

    // Navn, E-mail, Telefon, Sprog, Samtykke, Kilde, Anskaffelsespris (chosen by hand), Oprettet.
    let cols = [
        "name",
        "email",
        "phone",
        "language",
        "consent",
        "acquisition_channel",
        "acquisition_cost",
        "created_at",
    ];
    let fields: Vec<(&str, &str)> = cols.iter().map(|c| ("col", *c)).collect();
    let checked = c.post(&format!("{job}/check"), &fields).await;
    assert_eq!(checked.status, StatusCode::SEE_OTHER);
    let page = c.get(&job).await;
    assert!(
        page.body
            .contains("All 3 rows are fine: 3 records are ready to import."),
        "{}",
        page.body
    );
    assert_eq!(
        db.store.workspace_totals(ws.id).await.unwrap().customers,
        0,
        "checking stores nothing"
    );

    assert_eq!(
        c.post(&format!("{job}/run"), &[]).await.status,
        StatusCode::SEE_OTHER
    );
    let status = finished(&mut c, &job).await;
    assert_eq!(status["phase"], "done", "{status}");
    assert_eq!(
        (status["inserted"].as_u64(), status["skipped"].as_u64()),
        (Some(3), Some(0))
    );
    assert!(
        c.get(&job)
            .await
            .body
            .contains("Import finished: 3 added, 0 skipped")
    );
    let (customers, _) = db
        .store
        .list_customers(
            ws.id,
            &kunde_store::CustomerQuery {
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let mette = customers.iter().find(|c| c.name == "Mette Hansen").unwrap();
    assert_eq!(mette.acquisition_cost, Money(123_450));
    // A finished import cannot be run twice.
    assert_eq!(
        c.post(&format!("{job}/run"), &[]).await.status,
        StatusCode::BAD_REQUEST
    );
}

async fn a_malformed_file_shows_every_rejected_line_translated_and_stores_nothing(db: &TestDb) {
    let (mut c, ws, owner, _) = owner(db, "a").await;
    db.store
        .set_user_language(ws.id, owner.id, Language::Da)
        .await
        .unwrap();
    let (_, location, _) = upload(
        db,
        &c,
        "customers",
        "generic",
        &fixture("customers_malformed.csv"),
        true,
    )
    .await;
    let job = location.unwrap();
    let cols = ["name", "email", "phone", "language", "created_at"];
    let fields: Vec<(&str, &str)> = cols.iter().map(|c| ("col", *c)).collect();
    c.post(&format!("{job}/check"), &fields).await;
    let page = c.get(&job).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains("7 af 8 rækker blev afvist."),
        "{}",
        page.body
    );
    for expected in [
        "<td>3</td><td>E-mail: “not-an-address” er ikke en gyldig e-mailadresse.</td>",
        "<td>4</td><td>Kunde siden: “31-13-2025” er ikke en dato.",
        "<td>7</td><td>Rækken har 2 kolonner; overskriften har 5.</td>",
        "<td>8</td><td>E-mailadressen anna@example.com står allerede på linje 2.</td>",
        "<td>10</td><td>Navn mangler.</td>",
    ] {
        assert!(page.body.contains(expected), "{expected} missing");
    }
    assert!(
        !page.body.contains("/run\""),
        "no import button while rows are rejected"
    );
    assert_eq!(
        c.post(&format!("{job}/run"), &[]).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(db.store.workspace_totals(ws.id).await.unwrap().customers, 0);

    // A mapping without a name column is refused with the field named.
    c.post(
        &format!("{job}/check"),
        &[
            ("col", ""),
            ("col", "phone"),
            ("col", ""),
            ("col", ""),
            ("col", ""),
        ],
    )
    .await;
    let page = c.get(&job).await;
    assert!(
        page.body
            .contains("Vælg den kolonne, der indeholder “Navn”"),
        "{}",
        page.body
    );

    let (status, _, body) = upload(db, &c, "customers", "generic", b"a,,b\n1,2,3\n", true).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains("Overskriftslinjen har en kolonne uden navn."),
        "{body}"
    );
}

async fn only_the_owner_imports_and_never_into_another_workspace(db: &TestDb) {
    let (a, ..) = owner(db, "a").await;
    let (mut b, ws_b, ..) = owner(db, "b").await;
    let (_, location, _) = upload(
        db,
        &a,
        "customers",
        "generic",
        &fixture("customers_da.csv"),
        true,
    )
    .await;
    let job = location.unwrap();
    assert_eq!(b.get(&job).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        b.get(&format!("{job}/status")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        b.post(&format!("{job}/check"), &[("col", "name")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        b.post(&format!("{job}/run"), &[]).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        db.store.workspace_totals(ws_b.id).await.unwrap().customers,
        0
    );

    let mut staff = Client::new(state(db));
    staff.sign_in("staff@a.test").await;
    assert_eq!(staff.get("/import").await.status, StatusCode::FORBIDDEN);
    assert_eq!(staff.get(&job).await.status, StatusCode::FORBIDDEN);
    let (status, ..) = upload(
        db,
        &staff,
        "customers",
        "generic",
        &fixture("customers_da.csv"),
        true,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        !staff.get("/").await.body.contains("href=\"/import\""),
        "staff see no import link"
    );

    let (status, ..) = upload(
        db,
        &a,
        "customers",
        "generic",
        &fixture("customers_da.csv"),
        false,
    )
    .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "an upload without the CSRF token is refused"
    );
}

async fn cancelling_before_the_import_leaves_nothing(db: &TestDb) {
    let (mut c, ws, ..) = owner(db, "a").await;
    let (_, location, _) = upload(
        db,
        &c,
        "orders",
        "shopify",
        &fixture("shopify_orders.csv"),
        true,
    )
    .await;
    let job = location.unwrap();
    let page = c.get(&job).await;
    assert!(
        page.body.contains(r#"<option value="product" selected>"#),
        "Shopify's Lineitem name is the product"
    );
    let status: serde_json::Value =
        serde_json::from_str(&c.get(&format!("{job}/status")).await.body).unwrap();
    assert_eq!(status["phase"], "mapping");
    assert_eq!(
        c.post(&format!("{job}/cancel"), &[]).await.status,
        StatusCode::SEE_OTHER
    );
    assert!(
        c.get(&job)
            .await
            .body
            .contains("The import was cancelled. Nothing was imported.")
    );
    assert_eq!(
        c.post(&format!("{job}/run"), &[]).await.status,
        StatusCode::BAD_REQUEST
    );
    let totals = db.store.workspace_totals(ws.id).await.unwrap();
    assert_eq!((totals.customers, totals.orders), (0, 0));
}

async fn touchpoint(db: &TestDb, ws: WorkspaceId, name: &str, channel: Channel) -> Touchpoint {
    let journey = NewJourney {
        name: NonEmpty::parse("name", "Kunderejse").unwrap(),
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
    let stage = db.store.list_stages(ws, j.id).await.unwrap()[0].id;
    let t = NewTouchpoint {
        stage_id: stage,
        name: NonEmpty::parse("name", name).unwrap(),
        channel,
        digital: false,
        owned: true,
        owner_id: None,
        customer_goal: String::new(),
        pain_points: String::new(),
        ideas: String::new(),
    };
    db.store.create_touchpoint(ws, &t).await.unwrap()
}

async fn events_are_imported_by_touchpoint_name_and_customer_e_mail(db: &TestDb) {
    let (mut c, ws, ..) = owner(db, "a").await;
    touchpoint(db, ws.id, "Ring för bokning", Channel::Phone).await;
    let anna = NewCustomer {
        email: Some(Email::parse("anna@example.se").unwrap()),
        ..NewCustomer::named(NonEmpty::parse("name", "Anna").unwrap(), NOW)
    };
    let anna = db.store.create_customer(ws.id, &anna).await.unwrap();
    let (_, location, _) =
        upload(db, &c, "events", "generic", &fixture("events_sv.tsv"), true).await;
    let job = location.unwrap();
    let cols = [
        "email",
        "touchpoint",
        "occurred_at",
        "channel",
        "amount",
        "note",
    ];
    let fields: Vec<(&str, &str)> = cols.iter().map(|c| ("col", *c)).collect();
    c.post(&format!("{job}/check"), &fields).await;
    let page = c.get(&job).await;
    assert!(page.body.contains("<td>3</td><td>There is no touchpoint named “Besök i butiken”. Add it to a journey first.</td>"), "{}", page.body);
    assert_eq!(db.store.workspace_totals(ws.id).await.unwrap().events, 0);

    touchpoint(db, ws.id, "Besök i butiken", Channel::InPerson).await;
    c.post(&format!("{job}/check"), &fields).await;
    assert_eq!(
        c.post(&format!("{job}/run"), &[]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(finished(&mut c, &job).await["inserted"], 2);
    let timeline = db
        .store
        .customer_timeline(ws.id, anna.id, 10)
        .await
        .unwrap();
    let titles: Vec<&str> = timeline.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, ["Besök i butiken", "Ring för bokning"]);
}

async fn staff_log_an_interaction_that_appears_on_the_timeline(db: &TestDb) {
    let (ws, ..) = seed_workspace(db, "a").await;
    let tp = touchpoint(db, ws.id, "Phone booking", Channel::Phone).await;
    let customer = seed_customer(db, ws.id, "Bo").await;
    let mut c = Client::new(state(db));
    c.sign_in("staff@a.test").await;
    let page = c.get(&format!("/customers/{}", customer.id)).await;
    assert!(page.body.contains("Log an interaction"));
    assert!(
        page.body.contains(r#"value="2026-01-01T00:00""#),
        "the time defaults to now"
    );
    let tp_id = tp.id.to_string();
    let reply = c
        .post(
            &format!("/customers/{}/log", customer.id),
            &[
                ("touchpoint", &tp_id),
                ("channel", "phone"),
                ("at", "2025-12-31T09:30"),
                ("note", "Wants a service"),
                ("amount", "1.234,50"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let page = c.get(reply.location.as_deref().unwrap()).await;
    assert!(page.body.contains("The interaction was logged."));
    assert!(page.body.contains("Phone booking"));
    let timeline = db
        .store
        .customer_timeline(ws.id, customer.id, 10)
        .await
        .unwrap();
    assert_eq!(timeline.len(), 1);
    assert_eq!(
        (timeline[0].at, timeline[0].amount),
        (NOW - 86_400 + 9 * 3600 + 1800, Some(Money(123_450)))
    );
}

async fn a_bad_interaction_is_refused_with_translated_messages(db: &TestDb) {
    let (ws, _, staff) = seed_workspace(db, "a").await;
    let (ws_b, ..) = seed_workspace(db, "b").await;
    touchpoint(db, ws.id, "Visit", Channel::InPerson).await;
    let foreign = touchpoint(db, ws_b.id, "Their visit", Channel::InPerson).await;
    let customer = seed_customer(db, ws.id, "Bo").await;
    let other_customer = seed_customer(db, ws_b.id, "Not yours").await;
    db.store
        .set_user_language(ws.id, staff.id, Language::Sv)
        .await
        .unwrap();
    let mut c = Client::new(state(db));
    c.sign_in("staff@a.test").await;
    let foreign_id = foreign.id.to_string();
    let reply = c
        .post(
            &format!("/customers/{}/log", customer.id),
            &[
                ("touchpoint", &foreign_id),
                ("channel", "pigeon"),
                ("at", "igår"),
                ("note", ""),
                ("amount", "mycket"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    for expected in [
        "Välj en av de visade kontaktpunkterna.",
        "”igår” är inte en tidpunkt.",
        "value=\"mycket\"",
    ] {
        assert!(reply.body.contains(expected), "{expected} missing");
    }
    assert_eq!(db.store.workspace_totals(ws.id).await.unwrap().events, 0);
    assert_eq!(db.store.workspace_totals(ws_b.id).await.unwrap().events, 0);

    let reply = c
        .post(
            &format!("/customers/{}/log", other_customer.id),
            &[
                ("touchpoint", "1"),
                ("channel", "phone"),
                ("at", "2025-12-31T09:30"),
            ],
        )
        .await;
    assert_eq!(
        reply.status,
        StatusCode::NOT_FOUND,
        "another workspace's customer is not found"
    );
}

async fn a_file_larger_than_a_form_uploads_and_imports(db: &TestDb) {
    let (mut c, ws, ..) = owner(db, "a").await;
    let mut file = String::from("Name;Email;Note\n");
    for i in 0..30_000 {
        file.push_str(&format!("Kunde {i};k{i}@example.dk;{}\n", "x".repeat(80)));
    }
    assert!(
        file.len() > 3 * 1024 * 1024,
        "bigger than the 2 MiB form limit"
    );
    let (status, location, body) =
        upload(db, &c, "customers", "generic", file.as_bytes(), true).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let job = location.unwrap();
    c.post(
        &format!("{job}/check"),
        &[("col", "name"), ("col", "email"), ("col", "")],
    )
    .await;
    assert!(c.get(&job).await.body.contains("All 30000 rows are fine"));
    c.post(&format!("{job}/run"), &[]).await;
    let status = finished(&mut c, &job).await;
    assert_eq!(
        (status["phase"].as_str(), status["done"].as_u64()),
        (Some("done"), Some(30_000))
    );
    assert_eq!(
        db.store.workspace_totals(ws.id).await.unwrap().customers,
        30_000
    );
}

/// The whole import in a real browser: the file chosen in the file field, one column mapped
/// by hand, the check, the import, and the page reloading itself until it is done.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_owner_imports_a_danish_file_in_the_browser() {
    use support::browser::{Browser, Server};
    let db = TestDb::sqlite().await.unwrap();
    let (ws, ..) = seed_workspace(&db, "cykler").await;
    let server = Server::start(state(&db)).await;
    let browser = Browser::start().await;
    browser.sign_in(&server, "owner@cykler.test").await;
    browser.follow("header nav a[href='/import']").await;
    let path = format!(
        "{}/../kunde-import/tests/fixtures/customers_da.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let path = std::fs::canonicalize(path).unwrap();
    browser
        .wait("#file")
        .await
        .send_keys(path.to_str().unwrap())
        .await
        .unwrap();
    browser
        .follow("form[action='/import'] button[type=submit]")
        .await;
    browser
        .wait("#col-6")
        .await
        .select_by_value("acquisition_cost")
        .await
        .unwrap();
    browser
        .follow("form[action$='/check'] button[type=submit]")
        .await;
    assert!(
        browser
            .text("p[role=status]")
            .await
            .contains("All 3 rows are fine")
    );
    browser
        .follow("form[action$='/run'] button[type=submit]")
        .await;
    assert!(
        browser
            .text("p.notice")
            .await
            .contains("Import finished: 3 added")
    );
    browser.close().await;
    assert_eq!(db.store.workspace_totals(ws.id).await.unwrap().customers, 3);
}

/// Issue 20: an order's revenue is what the customer paid, Shopify's `Total` (shipping
/// included), while its lines stay as they are.
async fn shopify_orders_keep_their_total_with_shipping(db: &TestDb) {
    let (mut c, ws, ..) = owner(db, "a").await;
    let (_, location, _) = upload(
        db,
        &c,
        "orders",
        "shopify",
        &fixture("shopify_orders.csv"),
        true,
    )
    .await;
    let job = location.unwrap();
    // Confirm the preset's mapping as the page proposes it.
    let page = c.get(&job).await;
    let cols: Vec<String> = page
        .body
        .split("name=\"col\">")
        .skip(1)
        .map(|select| {
            let select = &select[..select.find("</select>").unwrap()];
            select
                .split("<option value=\"")
                .skip(1)
                .find(|o| o.contains("\" selected>"))
                .map(|o| o[..o.find('"').unwrap()].to_owned())
                .unwrap_or_default()
        })
        .collect();
    assert!(cols.iter().any(|c| c == "total"), "{cols:?}");
    let fields: Vec<(&str, &str)> = cols.iter().map(|c| ("col", c.as_str())).collect();
    let checked = c.post(&format!("{job}/check"), &fields).await;
    assert_eq!(checked.status, StatusCode::SEE_OTHER, "{}", checked.body);
    assert_eq!(
        c.post(&format!("{job}/run"), &[]).await.status,
        StatusCode::SEE_OTHER
    );
    let status = finished(&mut c, &job).await;
    assert_eq!(status["phase"], "done", "{status}");
    let totals = db.store.workspace_totals(ws.id).await.unwrap();
    // #1001: lines 499.95 + 2 × 484.50 = 1,468.95, paid 1,517.95 with 49.00 shipping;
    // #1002: 350.00.
    assert_eq!(totals.orders, 2);
    assert_eq!(totals.revenue, Money(151_795 + 35_000));
}
