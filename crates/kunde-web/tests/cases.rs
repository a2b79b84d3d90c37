//! Service cases through the web layer, on both databases: opening a case from a customer's
//! page, replying and closing with a root cause that the journey map then counts; approval
//! above a role's authority; workspaces kept apart (404); private attachments; the public
//! complaint form and the rating page; the API.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use kunde_domain::*;
use kunde_store::ApiKeyKind;
use kunde_store::testing::TestDb;
use support::*;
use tower::ServiceExt;

on_both_databases!(
    staff_open_reply_and_close_a_case_that_then_shows_on_the_map,
    a_grant_above_the_staff_authority_needs_the_owners_approval,
    staff_of_another_workspace_get_404_for_a_case_and_its_attachment,
    attachments_are_only_served_to_signed_in_staff,
    the_public_complaint_form_opens_a_case_and_checks_its_input,
    the_api_opens_a_case_with_a_secret_key,
    replies_and_escalations_reach_a_real_smtp_server_once,
    a_danish_case_page_has_no_english_and_an_unsent_reply_says_so,
    the_case_list_is_paged_and_keeps_its_filters,
);

/// A journey with the touchpoint "Call to book" in its first stage.
async fn touchpoint(db: &TestDb, ws: WorkspaceId) -> TouchpointId {
    let j = db
        .store
        .create_journey(
            ws,
            &NewJourney {
                name: NonEmpty::parse("name", "Repair").unwrap(),
                description: String::new(),
                variant: JourneyVariant::AsIs,
                counterpart_of: None,
                parent_id: None,
            },
            &["Awareness", "Service"],
            NOW,
        )
        .await
        .unwrap();
    let stages = db.store.list_stages(ws, j.id).await.unwrap();
    db.store
        .create_touchpoint(
            ws,
            &NewTouchpoint {
                stage_id: stages[0].id,
                name: NonEmpty::parse("name", "Call to book").unwrap(),
                channel: Channel::Phone,
                digital: false,
                owned: true,
                owner_id: None,
                customer_goal: String::new(),
                pain_points: String::new(),
                ideas: String::new(),
            },
        )
        .await
        .unwrap()
        .id
}

async fn customer_with_email(db: &TestDb, ws: WorkspaceId) -> Customer {
    db.store
        .create_customer(
            ws,
            &NewCustomer {
                email: Some(Email::parse("anna@example.dk").unwrap()),
                language: Language::Da,
                ..NewCustomer::named(NonEmpty::parse("name", "Anna Jensen").unwrap(), NOW)
            },
        )
        .await
        .unwrap()
}

/// Opens a case through the staff form and returns its id.
async fn open_case(
    client: &mut Client,
    db: &TestDb,
    ws: WorkspaceId,
    customer: CustomerId,
    tp: Option<TouchpointId>,
) -> i64 {
    let categories = db.store.case_categories(ws).await.unwrap();
    let category = categories[0].id.to_string();
    let customer = customer.to_string();
    let tp = tp.map(|t| t.to_string()).unwrap_or_default();
    let reply = client
        .post(
            "/cases/new",
            &[
                ("customer", &customer),
                ("category", &category),
                ("touchpoint", &tp),
                ("subject", "Nobody answers the phone"),
                ("description", "I called three times to book a repair"),
                ("priority", "high"),
                ("assignee", ""),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let location = reply.location.unwrap();
    location
        .trim_start_matches("/cases/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn staff_open_reply_and_close_a_case_that_then_shows_on_the_map(db: &TestDb) {
    let (ws, _owner, staff) = seed_workspace(db, "a").await;
    let tp = touchpoint(db, ws.id).await;
    let anna = customer_with_email(db, ws.id).await;
    let mut client = Client::new(state(db));
    client.sign_in(staff.email.as_str()).await;
    let page = client.get(&format!("/customers/{}", anna.id)).await;
    assert!(
        page.body
            .contains(&format!("/cases/new?customer={}", anna.id))
    );
    let form = client
        .get(&format!("/cases/new?customer={}", anna.id))
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Delivery, exchange or return"));
    // An empty subject is refused with a message, and nothing is stored.
    let categories = db.store.case_categories(ws.id).await.unwrap();
    let bad = client
        .post(
            "/cases/new",
            &[
                ("customer", &anna.id.to_string()),
                ("category", &categories[0].id.to_string()),
                ("subject", "  "),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("must not be empty"), "{}", bad.body);
    assert!(
        db.store
            .list_cases(ws.id, None, 10)
            .await
            .unwrap()
            .is_empty()
    );

    let id = open_case(&mut client, db, ws.id, anna.id, Some(tp)).await;
    let case = client.get(&format!("/cases/{id}")).await;
    assert!(case.body.contains("Nobody answers the phone"));
    assert!(case.body.contains("First response: "), "a running timer");
    let list = client.get("/cases").await;
    assert!(list.body.contains("Nobody answers the phone"));
    let timeline = client.get(&format!("/customers/{}", anna.id)).await;
    assert!(timeline.body.contains(&format!("href=\"/cases/{id}\"")));

    let note = client
        .post(
            &format!("/cases/{id}/entries"),
            &[("kind", "note"), ("body", "Checked the phone log")],
        )
        .await;
    assert_eq!(note.status, StatusCode::SEE_OTHER);
    let reply = client
        .post(
            &format!("/cases/{id}/entries"),
            &[
                ("kind", "reply"),
                ("body", "We are sorry. Book online meanwhile."),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let stored = db.store.get_case(ws.id, CaseId(id)).await.unwrap();
    assert_eq!(stored.first_response_at, Some(NOW));
    assert_eq!(stored.status, CaseStatus::Open);

    // Closing needs a root cause.
    let refused = client
        .post(&format!("/cases/{id}/close"), &[("root_cause", "")])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let closed = client
        .post(
            &format!("/cases/{id}/close"),
            &[
                ("root_cause", ""),
                ("new_root_cause", "Phone queue too long"),
                ("note", "Called back"),
                ("idea", "on"),
                ("idea_note", "A call-back button"),
            ],
        )
        .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.body);
    let stored = db.store.get_case(ws.id, CaseId(id)).await.unwrap();
    assert_eq!(stored.status, CaseStatus::Closed);
    assert!(stored.is_idea);
    let ideas = client.get("/cases?status=all&idea=1").await;
    assert!(ideas.body.contains("Nobody answers the phone"));
    let reports = client.get("/cases/reports").await;
    assert!(reports.body.contains("Phone queue too long"));
    assert!(reports.body.contains(&format!("touchpoint={tp}")));

    let journeys = db.store.list_journeys(ws.id).await.unwrap();
    let map = client.get(&format!("/journeys/{}", journeys[0].id)).await;
    assert!(
        map.body.contains("1 service case started here"),
        "the map counts the case where the problem started"
    );
}

async fn a_grant_above_the_staff_authority_needs_the_owners_approval(db: &TestDb) {
    let (ws, owner, staff) = seed_workspace(db, "a").await;
    let anna = customer_with_email(db, ws.id).await;
    let mut owner_client = Client::new(state(db));
    owner_client.sign_in(owner.email.as_str()).await;
    let saved = owner_client
        .post(
            "/settings/cases/authority",
            &[("staff", "100"), ("owner", "2000")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let bad = owner_client
        .post(
            "/settings/cases/authority",
            &[("staff", "lots"), ("owner", "2000")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    let mut client = Client::new(state(db));
    client.sign_in(staff.email.as_str()).await;
    let id = open_case(&mut client, db, ws.id, anna.id, None).await;
    let small = client
        .post(
            &format!("/cases/{id}/grants"),
            &[("kind", "discount"), ("amount", "100"), ("note", "")],
        )
        .await;
    assert_eq!(
        small.location.as_deref(),
        Some(format!("/cases/{id}?done=grant").as_str())
    );
    let large = client
        .post(
            &format!("/cases/{id}/grants"),
            &[
                ("kind", "refund"),
                ("amount", "100.01"),
                ("note", "broken wheel"),
            ],
        )
        .await;
    assert_eq!(
        large.location.as_deref(),
        Some(format!("/cases/{id}?done=pending").as_str())
    );
    let grants = db.store.case_grants(ws.id, Some(CaseId(id))).await.unwrap();
    assert_eq!(
        grants.iter().map(|g| g.status).collect::<Vec<_>>(),
        [GrantStatus::Granted, GrantStatus::Pending]
    );
    // Staff cannot decide (owner page), the owner can.
    let pending = grants[1].id;
    let refused = client
        .post(
            &format!("/cases/grants/{pending}/decide"),
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    // Issue 17: the owner finds what waits for them on the cases list; staff do not.
    let list = owner_client.get("/cases").await.body;
    assert!(list.contains("1 grant waiting for your approval"), "{list}");
    assert!(list.contains(&format!("/cases/grants/{pending}/decide")));
    assert!(list.contains("broken wheel"), "{list}");
    let staff_list = client.get("/cases").await.body;
    assert!(!staff_list.contains("/decide"), "{staff_list}");
    let settings = owner_client.get("/settings/cases").await;
    assert!(
        settings
            .body
            .contains(&format!("/cases/grants/{pending}/decide"))
    );
    let approved = owner_client
        .post(
            &format!("/cases/grants/{pending}/decide"),
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER);
    let page = client.get(&format!("/cases/{id}")).await;
    assert!(
        page.body.contains("Approved (Olivia Owner)"),
        "{}",
        page.body
    );
}

async fn staff_of_another_workspace_get_404_for_a_case_and_its_attachment(db: &TestDb) {
    let (a, _, staff_a) = seed_workspace(db, "a").await;
    let (_b, _, staff_b) = seed_workspace(db, "b").await;
    let anna = customer_with_email(db, a.id).await;
    let mut client_a = Client::new(state(db));
    client_a.sign_in(staff_a.email.as_str()).await;
    let id = open_case(&mut client_a, db, a.id, anna.id, None).await;
    let file = db
        .store
        .add_case_attachment(
            a.id,
            CaseId(id),
            "receipt.txt",
            "text/plain",
            b"paid 100",
            None,
            NOW,
        )
        .await
        .unwrap();
    let mut client_b = Client::new(state(db));
    client_b.sign_in(staff_b.email.as_str()).await;
    for path in [
        format!("/cases/{id}"),
        format!("/cases/{id}/attachments/{}", file.id),
        format!("/cases/new?customer={}", anna.id),
    ] {
        assert_eq!(
            client_b.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let note = client_b
        .post(
            &format!("/cases/{id}/entries"),
            &[("kind", "note"), ("body", "x")],
        )
        .await;
    assert_eq!(note.status, StatusCode::NOT_FOUND);
    assert!(
        !client_b
            .get("/cases?status=all")
            .await
            .body
            .contains("Nobody answers")
    );
    let own = client_a
        .get(&format!("/cases/{id}/attachments/{}", file.id))
        .await;
    assert_eq!(own.status, StatusCode::OK);
    assert_eq!(own.body, "paid 100");
}

async fn attachments_are_only_served_to_signed_in_staff(db: &TestDb) {
    let (a, _, staff) = seed_workspace(db, "a").await;
    let anna = customer_with_email(db, a.id).await;
    let mut client = Client::new(state(db));
    client.sign_in(staff.email.as_str()).await;
    let id = open_case(&mut client, db, a.id, anna.id, None).await;
    // Upload through the form (multipart, with the CSRF field first).
    let token = client.cookies["kunde_csrf"].clone();
    let boundary = "XyZ";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.jpg\"\r\nContent-Type: image/jpeg\r\n\r\nJPEGDATA\r\n--{boundary}--\r\n"
    );
    let jar = client
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let app = kunde_web::router(state(db));
    let response = app
        .clone()
        .oneshot(
            Request::post(format!("/cases/{id}/attachments"))
                .header(
                    header::CONTENT_TYPE,
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .header(header::COOKIE, jar)
                .header(header::HOST, "kunde.test")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let files = db.store.case_attachments(a.id, CaseId(id)).await.unwrap();
    assert_eq!(files.len(), 1);
    let path = format!("/cases/{id}/attachments/{}", files[0].id);
    let served = client.get(&path).await;
    assert_eq!(served.body, "JPEGDATA");
    assert_eq!(
        served.headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"photo.jpg\""
    );
    let mut stranger = Client::new(state(db));
    let anonymous = stranger.get(&path).await;
    assert_ne!(anonymous.status, StatusCode::OK);
    assert!(!anonymous.body.contains("JPEGDATA"));
}

async fn the_public_complaint_form_opens_a_case_and_checks_its_input(db: &TestDb) {
    let (ws, _, _) = seed_workspace(db, "a").await;
    let settings = db.store.case_settings(ws.id).await.unwrap();
    let path = format!("/complaint/{}", settings.public_id);
    let mut visitor = Client::new(state(db));
    visitor.accept_language = Some("sv".into());
    let form = visitor.get(&path).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains("Berätta vad som gick fel"),
        "Swedish for a Swedish browser"
    );
    // Issue 17: `?lang=` picks the language on every public page; the form names the
    // business.
    let danish = visitor.get(&format!("{path}?lang=da")).await;
    assert!(
        danish
            .body
            .contains("Din besked går til Business a, som svarer dig på e-mail."),
        "{}",
        danish.body
    );
    let unknown = visitor.get(&format!("{path}?lang=xx")).await;
    assert!(
        unknown.body.contains("Berätta vad som gick fel"),
        "an unknown code changes nothing"
    );
    let tagalog = visitor.get("/signin?lang=tl").await;
    assert!(tagalog.body.contains("lang=\"tl\""), "{}", tagalog.body);
    assert_eq!(
        visitor
            .get("/complaint/00000000000000000000000000000000")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let categories = db.store.case_categories(ws.id).await.unwrap();
    let category = categories[1].id.to_string();
    // Without the CSRF field the form is refused.
    let forged = visitor
        .post_raw(
            &path,
            &[
                ("name", "Bo"),
                ("email", "bo@example.se"),
                ("category", &category),
                ("subject", "x"),
                ("description", "y"),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let bad = visitor
        .post(
            &path,
            &[
                ("name", "Bo"),
                ("email", "not-an-address"),
                ("category", &category),
                ("subject", "Late parcel"),
                ("description", "Two weeks"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Late parcel"), "what was typed is kept");
    assert!(
        db.store
            .list_cases(ws.id, None, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let sent = visitor
        .post(
            &path,
            &[
                ("name", "Bo"),
                ("email", "bo@example.se"),
                ("category", &category),
                ("subject", "Late parcel"),
                ("description", "Two weeks"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK);
    assert!(sent.body.contains("Tack."));
    let cases = db.store.list_cases(ws.id, None, 10).await.unwrap();
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].source, CaseSource::Form);
    let bo = db
        .store
        .get_customer(ws.id, cases[0].customer_id.unwrap())
        .await
        .unwrap();
    assert_eq!(bo.language, Language::Sv);

    // Closing asks for a rating on an unguessable link in the customer's language.
    let causes = db.store.root_causes(ws.id).await.unwrap();
    let token = kunde_store::random_token();
    db.store
        .close_case(
            ws.id,
            cases[0].id,
            causes[0].id,
            "",
            None,
            &kunde_store::token_hash(&token),
            None,
            NOW,
        )
        .await
        .unwrap();
    let mut customer = Client::new(state(db));
    let page = customer.get(&format!("/c/{token}")).await;
    assert!(page.body.contains("Hur nöjd är du"), "{}", page.body);
    assert_eq!(
        customer
            .post(&format!("/c/{token}"), &[("rating", "9")])
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        customer
            .post(&format!("/c/{token}"), &[("rating", "4")])
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        db.store.get_case(ws.id, cases[0].id).await.unwrap().rating,
        Some(4)
    );
    // Issue 18, finding 12: the link rates once. A second answer (a forwarded e-mail, a
    // leaked outbox) changes nothing, and the page shows the rating instead of the form.
    let again = customer
        .post(&format!("/c/{token}"), &[("rating", "1")])
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.body.contains("Du har redan svarat"), "{}", again.body);
    let page = customer.get(&format!("/c/{token}")).await;
    assert!(page.body.contains("Ditt betyg: 4"), "{}", page.body);
    assert!(
        !page.body.contains("name=\"rating\""),
        "no form: {}",
        page.body
    );
    assert_eq!(
        db.store.get_case(ws.id, cases[0].id).await.unwrap().rating,
        Some(4)
    );
    // Reopening the case ends the link; closing it again makes a new one that rates once.
    let owner = db.store.list_users(ws.id).await.unwrap()[0].id;
    db.store
        .update_case(
            ws.id,
            cases[0].id,
            CaseStatus::Open,
            CasePriority::Normal,
            None,
            owner,
            "reopened",
            NOW + 10,
        )
        .await
        .unwrap();
    assert_eq!(
        customer.get(&format!("/c/{token}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        customer
            .post(&format!("/c/{token}"), &[("rating", "2")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let second = kunde_store::random_token();
    db.store
        .close_case(
            ws.id,
            cases[0].id,
            causes[0].id,
            "",
            None,
            &kunde_store::token_hash(&second),
            None,
            NOW + 20,
        )
        .await
        .unwrap();
    assert_eq!(
        customer
            .post(&format!("/c/{second}"), &[("rating", "2")])
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        customer
            .post(&format!("/c/{second}"), &[("rating", "5")])
            .await
            .status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        db.store.get_case(ws.id, cases[0].id).await.unwrap().rating,
        Some(2)
    );
    assert_eq!(
        customer
            .get(&format!("/c/{}", kunde_store::random_token()))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

async fn the_api_opens_a_case_with_a_secret_key(db: &TestDb) {
    let (ws, _, _) = seed_workspace(db, "a").await;
    let (_other, _, _) = seed_workspace(db, "b").await;
    let name = NonEmpty::parse("name", "shop").unwrap();
    let key = db
        .store
        .create_api_key(ws.id, &name, ApiKeyKind::Secret, None, NOW)
        .await
        .unwrap()
        .1;
    let app = kunde_web::router(state(db));
    let send = |key: Option<String>, body: serde_json::Value| {
        let app = app.clone();
        async move {
            let mut r =
                Request::post("/api/v1/cases").header(header::CONTENT_TYPE, "application/json");
            if let Some(k) = key {
                r = r.header(header::AUTHORIZATION, format!("Bearer {k}"));
            }
            let response = app
                .oneshot(r.body(Body::from(body.to_string())).unwrap())
                .await
                .unwrap();
            let status = response.status();
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .unwrap();
            (
                status,
                serde_json::from_slice::<serde_json::Value>(&bytes).unwrap_or_default(),
            )
        }
    };
    let body = serde_json::json!({
        "customer_email": "anna@example.dk", "customer_name": "Anna", "category": "delivery",
        "subject": "The parcel never arrived", "priority": "high"
    });
    assert_eq!(send(None, body.clone()).await.0, StatusCode::UNAUTHORIZED);
    let (status, json) = send(Some(key.clone()), body).await;
    assert_eq!(status, StatusCode::CREATED, "{json}");
    let id = CaseId(json["id"].as_i64().unwrap());
    let case = db.store.get_case(ws.id, id).await.unwrap();
    assert_eq!(case.source, CaseSource::Api);
    assert_eq!(case.priority, CasePriority::High);
    assert!(case.due.first_response > NOW);
    let (status, json) = send(
        Some(key.clone()),
        serde_json::json!({"customer_id": 1, "category": "nope", "subject": "x"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(json["message"].as_str().unwrap().contains("category"));
    // A customer of another workspace is not found.
    let other = seed_customer(db, _other.id, "Carl").await;
    let (status, _) = send(
        Some(key),
        serde_json::json!({"customer_id": other.id.0, "category": "billing", "subject": "x"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let openapi = kunde_web::api::OPENAPI;
    assert!(openapi.contains("\"/api/v1/cases\""));
}

async fn replies_and_escalations_reach_a_real_smtp_server_once(db: &TestDb) {
    let sink = kunde_mail::testing::SmtpSink::start();
    let (ws, owner, staff) = seed_workspace(db, "a").await;
    db.store
        .save_smtp_settings(ws.id, &sink.settings(), NOW)
        .await
        .unwrap();
    // A shop in Copenhagen: escalation e-mails give the due time on its clocks, not UTC.
    let cph = BusinessCalendar::office_hours("Europe/Copenhagen").unwrap();
    db.store
        .save_business_calendar(ws.id, &cph, NOW)
        .await
        .unwrap();
    let anna = customer_with_email(db, ws.id).await;
    let state = state(db);
    let mut client = Client::new(state.clone());
    client.sign_in(staff.email.as_str()).await;
    // A reply goes to the customer in her language (Danish).
    let answered = open_case(&mut client, db, ws.id, anna.id, None).await;
    let reply = client
        .post(
            &format!("/cases/{answered}/entries"),
            &[("kind", "reply"), ("body", "Vi ringer dig op i morgen.")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    // A second case, assigned to staff and never answered, escalates.
    let categories = db.store.case_categories(ws.id).await.unwrap();
    let cal = db.store.business_calendar(ws.id).await.unwrap();
    let due = CaseDue::for_category(&cal, &categories[0], NOW);
    let case = db
        .store
        .create_case(
            ws.id,
            &NewCase {
                customer_id: Some(anna.id),
                touchpoint_id: None,
                category_id: categories[0].id,
                subject: "Chain fell off".into(),
                description: String::new(),
                priority: CasePriority::Normal,
                assignee_id: Some(staff.id),
                source: CaseSource::Staff,
                created_by: Some(staff.id),
                created_at: NOW,
                due,
            },
        )
        .await
        .unwrap();
    assert!(due.first_response_warn > NOW && due.first_response > due.first_response_warn);
    let run = |now| kunde_web::run_case_escalations(&state, now);
    assert_eq!(
        run(due.first_response_warn - 1).await.unwrap(),
        0,
        "nothing before 75 %"
    );
    assert_eq!(run(due.first_response_warn).await.unwrap(), 1);
    assert_eq!(
        run(due.first_response_warn + 60).await.unwrap(),
        0,
        "sent once"
    );
    assert_eq!(run(due.first_response + 1).await.unwrap(), 1);
    assert_eq!(run(due.first_response + 61).await.unwrap(), 0, "sent once");
    // The notices were queued at their own times; deliver as the clock reaches them.
    let mut later = state.clone();
    let deliver_at = due.first_response + 120;
    later.clock = std::sync::Arc::new(move || deliver_at);
    let delivery = kunde_web::outbox::deliver_due(&later).await.unwrap();
    assert_eq!(delivery.sent, 4, "{delivery:?}");
    let received = sink.wait_for(4).await;
    let to = |addr: &str| {
        received
            .iter()
            .filter(|m| m.to.iter().any(|t| t.contains(addr)))
            .map(|m| m.subject.clone())
            .collect::<Vec<_>>()
    };
    let customer = to("anna@example.dk");
    assert_eq!(customer.len(), 1);
    assert!(
        customer[0].starts_with("Sv: Nobody answers the phone"),
        "{customer:?}"
    );
    let staff_mail = to(staff.email.as_str());
    assert_eq!(staff_mail.len(), 2, "{staff_mail:?}");
    assert!(
        staff_mail
            .iter()
            .any(|s| s.contains(&format!("Case {} is close to missing", case.id)))
    );
    assert!(
        staff_mail
            .iter()
            .any(|s| s.contains(&format!("Case {} missed its target", case.id)))
    );
    let owner_mail = to(owner.email.as_str());
    assert_eq!(
        owner_mail.len(),
        1,
        "the owner hears only of the missed target"
    );
    let warning = received
        .iter()
        .find(|m| m.subject.contains("is close to missing"))
        .unwrap();
    let local = kunde_web::kit::format::local_datetime(
        Language::En,
        &kunde_web::kit::format::zone("Europe/Copenhagen"),
        due.first_response,
    );
    assert!(
        warning.text.contains(&format!("by {local}.")),
        "{local}: {}",
        warning.text
    );
    assert!(!warning.text.contains("UTC"), "{}", warning.text);
    let sent = db.store.case_escalations(ws.id, case.id).await.unwrap();
    let kinds: Vec<&str> = sent.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(kinds, ["first_warn", "first_missed"]);
}

/// Issue 17: the history of a case stores codes and each page puts them into its reader's
/// words, so a Danish page shows no English ("closed: …", "refund 2500.00: pending", the
/// built-in root causes, the SMTP error); and with no mail server a reply is never reported
/// on its way: the case page says it was not sent, with a link to set the server up, and the
/// owner's dashboard lists the failed e-mail.
async fn a_danish_case_page_has_no_english_and_an_unsent_reply_says_so(db: &TestDb) {
    let (ws, owner, staff) = seed_workspace(db, "da").await;
    for u in [&owner, &staff] {
        db.store
            .set_user_language(ws.id, u.id, Language::Da)
            .await
            .unwrap();
    }
    let anna = customer_with_email(db, ws.id).await;
    let st = state(db);
    let mut client = Client::new(st.clone());
    client.sign_in(staff.email.as_str()).await;
    let id = open_case(&mut client, db, ws.id, anna.id, None).await;

    let page = client.get(&format!("/cases/{id}")).await;
    assert!(
        page.body
            .contains("E-mails kan ikke sendes: der er ingen mailserver sat op."),
        "the reply form warns before anything is written: {}",
        page.body
    );
    let reply = client
        .post(
            &format!("/cases/{id}/entries"),
            &[("kind", "reply"), ("body", "Vi ringer i morgen.")],
        )
        .await;
    assert_eq!(
        reply.location.as_deref(),
        Some(format!("/cases/{id}?done=reply-unsent").as_str()),
        "a reply without a mail server is not reported on its way"
    );
    kunde_web::outbox::deliver_due(&st).await.unwrap();
    let updated = client
        .post(
            &format!("/cases/{id}/update"),
            &[
                ("status", "waiting"),
                ("priority", "high"),
                ("assignee", &staff.id.to_string()),
            ],
        )
        .await;
    assert_eq!(updated.status, StatusCode::SEE_OTHER);
    let grant = client
        .post(
            &format!("/cases/{id}/grants"),
            &[("kind", "refund"), ("amount", "2500"), ("note", "")],
        )
        .await;
    assert_eq!(grant.status, StatusCode::SEE_OTHER, "{}", grant.body);
    let cause = db
        .store
        .root_causes(ws.id)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.name == "Waiting time")
        .unwrap();
    let closed = client
        .post(
            &format!("/cases/{id}/close"),
            &[("root_cause", &cause.id.to_string()), ("note", "")],
        )
        .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.body);

    let page = client.get(&format!("/cases/{id}?done=reply-unsent")).await;
    let body = &page.body;
    for danish in [
        "Svaret er gemt, men det blev ikke sendt",
        "Ikke sendt: der er ingen mailserver sat op",
        "Status Venter på kunden, prioritet Høj, tildelt Sam Staff",
        "Refusion på 2.500,00",
        "Lukket — grundårsag: Ventetid",
        "<dd>Ventetid",
    ] {
        assert!(body.contains(danish), "{danish:?} missing: {body}");
    }
    for english in [
        "closed:",
        "refund 2500",
        "waiting · high",
        "Waiting time",
        "no mail server",
        "on its way",
    ] {
        assert!(
            !body.contains(english),
            "{english:?} on a Danish page: {body}"
        );
    }

    let mut owner_client = Client::new(st);
    owner_client.sign_in(owner.email.as_str()).await;
    let dashboard = owner_client.get("/").await.body;
    assert!(
        dashboard.contains("1 e-mail kunne ikke sendes"),
        "{dashboard}"
    );
    assert!(dashboard.contains("anna@example.dk"), "{dashboard}");
    let settings = owner_client.get("/settings/email").await.body;
    assert!(
        settings.contains("Ikke sendt — der er ingen mailserver sat op"),
        "{settings}"
    );
}

/// Issue 17: a long case list (closed cases pile up) is paged 50 at a time; the links keep
/// the filter, and every case is on exactly one page.
async fn the_case_list_is_paged_and_keeps_its_filters(db: &TestDb) {
    let (ws, _, staff) = seed_workspace(db, "pg").await;
    let anna = customer_with_email(db, ws.id).await;
    let categories = db.store.case_categories(ws.id).await.unwrap();
    let cal = db.store.business_calendar(ws.id).await.unwrap();
    for i in 0..55 {
        db.store
            .create_case(
                ws.id,
                &NewCase {
                    customer_id: Some(anna.id),
                    touchpoint_id: None,
                    category_id: categories[0].id,
                    subject: format!("Case number {i:02}."),
                    description: String::new(),
                    priority: CasePriority::Normal,
                    assignee_id: None,
                    source: CaseSource::Staff,
                    created_by: Some(staff.id),
                    created_at: NOW - i,
                    due: CaseDue::for_category(&cal, &categories[0], NOW - i),
                },
            )
            .await
            .unwrap();
    }
    let mut client = Client::new(state(db));
    client.sign_in(staff.email.as_str()).await;
    let first = client.get("/cases?status=all").await.body;
    let second = client.get("/cases?status=all&page=2").await.body;
    let on = |body: &str, i: i64| body.contains(&format!("Case number {i:02}."));
    assert_eq!((0..55).filter(|&i| on(&first, i)).count(), 50, "{first}");
    assert_eq!((0..55).filter(|&i| on(&second, i)).count(), 5);
    assert!((0..55).all(|i| on(&first, i) != on(&second, i)));
    assert!(first.contains("55 cases"), "{first}");
    assert!(
        first.contains("href=\"/cases?status=all&#38;page=2\""),
        "{first}"
    );
}
