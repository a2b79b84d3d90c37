//! The client portal's security, proven over every portal route on both databases: signed
//! out, a staff session, customer A with customer B's ids (same business), a customer of
//! another business, used / expired / revoked links, and CSRF. Also the sign-in by e-mail
//! link, the staff side (invoices, documents, ending sessions), the profile's consent record,
//! portal use on the journey map and the case report before and after first portal use.

mod support;

use axum::http::StatusCode;
use kunde_domain::*;
use kunde_store::testing::TestDb;
use kunde_web::auth::token_hash;
use support::*;

on_both_databases!(
    an_invoice_pdf_is_the_customers_own_and_in_their_language,
    a_link_by_e_mail_signs_in_once_and_sign_out_ends_the_session,
    the_answer_is_the_same_for_unknown_addresses_and_links_are_rate_limited,
    used_expired_revoked_and_foreign_links_are_refused,
    every_portal_route_sends_the_signed_out_and_staff_to_sign_in,
    a_customer_gets_404_for_another_customers_ids,
    a_customer_of_another_business_gets_nothing,
    portal_forms_need_the_csrf_token,
    staff_manage_invoices_documents_and_sessions,
    other_workspaces_staff_get_404_on_the_portal_staff_pages,
    profile_changes_record_consent_and_portal_use_lands_on_the_journey,
    a_customer_replies_to_a_case_and_staff_see_it_marked_as_from_the_customer,
    the_case_report_compares_cases_before_and_after_first_portal_use,
);

struct World {
    site: String,
    ws: WorkspaceId,
    alice: Customer,
    bob: Customer,
    /// Bob's invoice, document, case and survey invitation.
    bob_ids: (i64, i64, CaseId, InvitationId),
    /// Alice's.
    alice_ids: (i64, i64, CaseId, InvitationId),
}

async fn customer(db: &TestDb, ws: WorkspaceId, name: &str, email: &str) -> Customer {
    let mut c = NewCustomer::named(NonEmpty::parse("name", name).unwrap(), NOW);
    c.email = Some(Email::parse(email).unwrap());
    db.store.create_customer(ws, &c).await.unwrap()
}

async fn survey(db: &TestDb, ws: WorkspaceId) -> SurveyId {
    let settings = SurveySettings {
        title: Texts::same("How did we do?"),
        kind: SurveyKind::Customer,
        touchpoint_id: None,
        presentation: Presentation::AllAtOnce,
        fatigue_days: 0,
        reminder_days: 3,
        min_group_size: 5,
        default_language: Language::En,
    };
    let questions = [NewQuestion::new(
        QuestionKind::Nps,
        Texts::same("Recommend us?"),
    )];
    let s = db
        .store
        .create_survey(ws, &settings, &questions, NOW)
        .await
        .unwrap();
    db.store
        .set_survey_status(ws, s.id, SurveyStatus::Live)
        .await
        .unwrap();
    s.id
}

/// An invoice, a document, a case with a reply and a note, and a survey invitation.
async fn belongings(
    db: &TestDb,
    ws: WorkspaceId,
    c: &Customer,
    tag: &str,
    survey: SurveyId,
) -> (i64, i64, CaseId, InvitationId) {
    let invoice = db
        .store
        .create_invoice(
            ws,
            c.id,
            &kunde_store::NewInvoice {
                number: format!("INV-{tag}"),
                issued: "2025-11-01".into(),
                due: "2025-11-15".into(),
                amount: Money(125_000),
            },
            NOW,
        )
        .await
        .unwrap();
    let doc = db
        .store
        .add_portal_document(
            ws,
            c.id,
            &format!("contract-{tag}.pdf"),
            "application/pdf",
            format!("%PDF secret of {tag}").as_bytes(),
            None,
            false,
            NOW,
        )
        .await
        .unwrap();
    let categories = db.store.case_categories(ws).await.unwrap();
    let cal = db.store.business_calendar(ws).await.unwrap();
    let case = db
        .store
        .create_case(
            ws,
            &NewCase {
                customer_id: Some(c.id),
                touchpoint_id: None,
                category_id: categories[0].id,
                subject: format!("Case of {tag}"),
                description: "Where is my invoice?".into(),
                priority: CasePriority::Normal,
                assignee_id: None,
                source: CaseSource::Staff,
                created_by: None,
                created_at: NOW,
                due: CaseDue::for_category(&cal, &categories[0], NOW),
            },
        )
        .await
        .unwrap();
    for (kind, body) in [
        (EntryKind::Reply, format!("Public reply to {tag}")),
        (EntryKind::Note, format!("Internal note about {tag}")),
    ] {
        db.store
            .add_case_entry(ws, case.id, kind, None, &body, NOW)
            .await
            .unwrap();
    }
    let (inv, _) = db
        .store
        .create_invitation(ws, survey, c.id, NOW)
        .await
        .unwrap();
    (invoice.id, doc.id, case.id, inv.id)
}

async fn world(db: &TestDb, slug: &str) -> World {
    let (ws, _, _) = seed_workspace(db, slug).await;
    let site = db.store.help_site_slug(ws.id).await.unwrap();
    let alice = customer(db, ws.id, "Alice", &format!("alice@{slug}.test")).await;
    let bob = customer(db, ws.id, "Bob", &format!("bob@{slug}.test")).await;
    let s = survey(db, ws.id).await;
    let alice_ids = belongings(db, ws.id, &alice, &format!("alice-{slug}"), s).await;
    let bob_ids = belongings(db, ws.id, &bob, &format!("bob-{slug}"), s).await;
    World {
        site,
        ws: ws.id,
        alice,
        bob,
        bob_ids,
        alice_ids,
    }
}

/// A client signed in to `site`'s portal as `c`, through a link made by the store.
async fn portal_client(db: &TestDb, ws: WorkspaceId, site: &str, c: CustomerId) -> Client {
    let token = db
        .store
        .create_portal_link(ws, c, NOW, NOW + 900)
        .await
        .unwrap();
    let mut client = Client::new(state(db));
    let page = client.get(&format!("/portal/{site}/link/{token}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let used = client
        .post(&format!("/portal/{site}/link/{token}"), &[])
        .await;
    assert_eq!(used.status, StatusCode::SEE_OTHER, "{}", used.body);
    assert_eq!(
        used.location.as_deref(),
        Some(format!("/portal/{site}/home").as_str())
    );
    client
}

/// Every GET route of a signed-in customer, with `ids` filled in.
fn get_routes(site: &str, ids: (i64, i64, CaseId, InvitationId)) -> Vec<String> {
    vec![
        format!("/portal/{site}/home"),
        format!("/portal/{site}/profile"),
        format!("/portal/{site}/invoices/{}", ids.0),
        format!("/portal/{site}/invoices/{}/pdf", ids.0),
        format!("/portal/{site}/documents/{}", ids.1),
        format!("/portal/{site}/cases/new"),
        format!("/portal/{site}/cases/{}", ids.2),
    ]
}

/// Every POST route of a signed-in customer with a valid form.
fn post_routes(
    site: &str,
    ids: (i64, i64, CaseId, InvitationId),
) -> Vec<(String, Vec<(&'static str, &'static str)>)> {
    vec![
        (
            format!("/portal/{site}/profile"),
            vec![("name", "Mallory"), ("language", "en")],
        ),
        (format!("/portal/{site}/surveys/{}", ids.3), vec![]),
        (
            format!("/portal/{site}/cases/new"),
            vec![("category", "1"), ("subject", "x"), ("description", "y")],
        ),
        (
            format!("/portal/{site}/cases/{}", ids.2),
            vec![("body", "Any news?")],
        ),
        (format!("/portal/{site}/signout"), vec![]),
    ]
}

async fn a_link_by_e_mail_signs_in_once_and_sign_out_ends_the_session(db: &TestDb) {
    let w = world(db, "link").await;
    let mut c = Client::new(state(db));
    let form = c.get(&format!("/portal/{}", w.site)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains("Send me a sign-in link"),
        "{}",
        form.body
    );
    let asked = c
        .post(
            &format!("/portal/{}", w.site),
            &[("email", "ALICE@link.test")],
        )
        .await;
    assert_eq!(asked.status, StatusCode::OK);
    assert!(asked.body.contains("a sign-in link is on its way"));
    let mail = db.store.recent_mail(w.ws, 10).await.unwrap();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].mail.to, "alice@link.test");
    let text = &mail[0].mail.text;
    let start = text
        .find("http://kunde.test/portal/")
        .expect("a link in the mail");
    let link: String = text[start..]
        .chars()
        .take_while(|ch| !ch.is_whitespace())
        .collect();
    let path = link.trim_start_matches("http://kunde.test");
    let token = path.rsplit('/').next().unwrap();
    assert_eq!(token.len(), 64, "256 bits as hex");
    // The token is kept only as its hash: the hash finds it, the token itself does not.
    assert!(
        db.store
            .portal_link_usable(w.ws, &token_hash(token), NOW)
            .await
            .unwrap()
    );
    assert!(!db.store.portal_link_usable(w.ws, token, NOW).await.unwrap());

    // Opening the link (as a mail scanner would) does not use it up.
    for _ in 0..2 {
        let page = c.get(path).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Press the button"), "{}", page.body);
        // The token in the address is not sent to other sites.
        let policy = page.headers.get("referrer-policy").unwrap();
        assert!(["same-origin", "no-referrer"].contains(&policy.to_str().unwrap()));
        assert!(
            page.body
                .contains(r#"<meta name="referrer" content="no-referrer">"#)
        );
    }
    let used = c.post(path, &[]).await;
    assert_eq!(used.status, StatusCode::SEE_OTHER, "{}", used.body);
    let cookie = used
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with("kunde_portal="))
        .expect("a portal session cookie");
    for attr in [
        "HttpOnly",
        "SameSite=Lax",
        &format!("Path=/portal/{}", w.site),
    ] {
        assert!(cookie.contains(attr), "{cookie} lacks {attr}");
    }
    assert!(!c.cookies.contains_key("kunde_session"), "no staff session");
    let home = c.get(&format!("/portal/{}/home", w.site)).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("Welcome, Alice"));
    assert!(home.body.contains("INV-alice-link"));
    assert!(
        home.body.contains("Overdue"),
        "due 2025-11-15, now 2026-01-01"
    );
    assert!(!home.body.contains("bob"), "nothing of Bob's");

    // The link works once.
    let again = c.post(path, &[]).await;
    assert_eq!(again.status, StatusCode::GONE);

    let out = c.post(&format!("/portal/{}/signout", w.site), &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(!c.cookies.contains_key("kunde_portal"));
    // The old session token is dead on the server too, not only forgotten by the browser.
    let mut replay = Client::new(state(db));
    replay.cookies.insert(
        "kunde_portal".into(),
        cookie
            .trim_start_matches("kunde_portal=")
            .split(';')
            .next()
            .unwrap()
            .into(),
    );
    let home = replay.get(&format!("/portal/{}/home", w.site)).await;
    assert_eq!(home.status, StatusCode::SEE_OTHER);
}

async fn the_answer_is_the_same_for_unknown_addresses_and_links_are_rate_limited(db: &TestDb) {
    let w = world(db, "same").await;
    let mut c = Client::new(state(db));
    let known = c
        .post(
            &format!("/portal/{}", w.site),
            &[("email", "bob@same.test")],
        )
        .await;
    let unknown = c
        .post(
            &format!("/portal/{}", w.site),
            &[("email", "nobody@same.test")],
        )
        .await;
    assert_eq!(known.status, unknown.status);
    assert_eq!(known.body, unknown.body);
    assert_eq!(db.store.recent_mail(w.ws, 10).await.unwrap().len(), 1);
    // Three links a minute per address; the fourth answer is the same, and nothing is sent.
    for _ in 0..3 {
        let r = c
            .post(
                &format!("/portal/{}", w.site),
                &[("email", "bob@same.test")],
            )
            .await;
        assert_eq!(r.body, known.body);
    }
    assert_eq!(db.store.recent_mail(w.ws, 10).await.unwrap().len(), 3);
    // Per client: ten requests a minute, then 429.
    let mut last = StatusCode::OK;
    for i in 0..10 {
        last = c
            .post(
                &format!("/portal/{}", w.site),
                &[("email", &format!("x{i}@same.test"))],
            )
            .await
            .status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}

async fn used_expired_revoked_and_foreign_links_are_refused(db: &TestDb) {
    let w = world(db, "links").await;
    let (other, _, _) = seed_workspace(db, "elsewhere").await;
    let other_site = db.store.help_site_slug(other.id).await.unwrap();
    let s = &w.site;
    // Expired.
    let expired = db
        .store
        .create_portal_link(w.ws, w.alice.id, NOW - 1000, NOW - 100)
        .await
        .unwrap();
    // Revoked by a newer one.
    let older = db
        .store
        .create_portal_link(w.ws, w.bob.id, NOW, NOW + 900)
        .await
        .unwrap();
    let newer = db
        .store
        .create_portal_link(w.ws, w.bob.id, NOW, NOW + 900)
        .await
        .unwrap();
    let mut c = Client::new(state(db));
    for token in [&expired, &older, &"0".repeat(64), &"not-a-token".to_owned()] {
        let page = c.get(&format!("/portal/{s}/link/{token}")).await;
        assert_eq!(page.status, StatusCode::GONE, "{token}");
        assert!(page.body.contains("cannot be used"));
        let used = c.post(&format!("/portal/{s}/link/{token}"), &[]).await;
        assert_eq!(used.status, StatusCode::GONE, "{token}");
        assert!(!c.cookies.contains_key("kunde_portal"));
    }
    // A link of this business used at another business's address.
    let foreign = c
        .post(&format!("/portal/{other_site}/link/{newer}"), &[])
        .await;
    assert_eq!(foreign.status, StatusCode::GONE);
    // The newer link still works (the foreign attempt did not use it), and only once.
    let ok = c.post(&format!("/portal/{s}/link/{newer}"), &[]).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let twice = c.post(&format!("/portal/{s}/link/{newer}"), &[]).await;
    assert_eq!(twice.status, StatusCode::GONE);
    // An unknown business: 404.
    let none = c.get("/portal/no-such-business").await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
}

async fn every_portal_route_sends_the_signed_out_and_staff_to_sign_in(db: &TestDb) {
    let w = world(db, "out").await;
    let signin = format!("/portal/{}", w.site);
    let mut anonymous = Client::new(state(db));
    let mut staff = Client::new(state(db));
    staff.sign_in("owner@out.test").await;
    for c in [&mut anonymous, &mut staff] {
        for path in get_routes(&w.site, w.alice_ids) {
            let r = c.get(&path).await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
            assert_eq!(r.location.as_deref(), Some(signin.as_str()), "{path}");
        }
        for (path, form) in post_routes(&w.site, w.alice_ids) {
            let r = c.post(&path, &form).await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
            assert_eq!(r.location.as_deref(), Some(signin.as_str()), "{path}");
        }
    }
    // Nothing was written by the refused requests.
    assert_eq!(db.store.list_cases(w.ws, None, 100).await.unwrap().len(), 2);
    assert_eq!(
        db.store.get_customer(w.ws, w.alice.id).await.unwrap().name,
        "Alice"
    );
}

async fn a_customer_gets_404_for_another_customers_ids(db: &TestDb) {
    let w = world(db, "ab").await;
    let mut alice = portal_client(db, w.ws, &w.site, w.alice.id).await;
    // Her own: readable; the case shows the reply, never the internal note.
    let mine = get_routes(&w.site, w.alice_ids);
    for path in &mine {
        let r = alice.get(path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
    }
    let case = alice
        .get(&format!("/portal/{}/cases/{}", w.site, w.alice_ids.2))
        .await;
    assert!(case.body.contains("Public reply to alice-ab"));
    assert!(!case.body.contains("Internal note"), "{}", case.body);
    let doc = alice
        .get(&format!("/portal/{}/documents/{}", w.site, w.alice_ids.1))
        .await;
    assert_eq!(doc.body, "%PDF secret of alice-ab");
    assert_eq!(
        doc.headers.get("content-type").unwrap(),
        "application/octet-stream"
    );
    assert!(
        doc.headers
            .get("content-disposition")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"contract-alice-ab.pdf\"")
    );
    // Bob's: 404, with the same page as an id that does not exist.
    let missing = alice
        .get(&format!("/portal/{}/invoices/999999", w.site))
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    for path in [
        format!("/portal/{}/invoices/{}", w.site, w.bob_ids.0),
        format!("/portal/{}/invoices/{}/pdf", w.site, w.bob_ids.0),
        format!("/portal/{}/documents/{}", w.site, w.bob_ids.1),
        format!("/portal/{}/cases/{}", w.site, w.bob_ids.2),
    ] {
        let r = alice.get(&path).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(r.body, missing.body, "{path}");
        assert!(!r.body.contains("bob"), "{path}");
    }
    let survey = alice
        .post(&format!("/portal/{}/surveys/{}", w.site, w.bob_ids.3), &[])
        .await;
    assert_eq!(survey.status, StatusCode::NOT_FOUND);
    // Replying to Bob's case: 404, and nothing lands on it.
    let reply = alice
        .post(
            &format!("/portal/{}/cases/{}", w.site, w.bob_ids.2),
            &[("body", "I am Bob, honestly")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.body, missing.body);
    let entries = db.store.case_entries(w.ws, w.bob_ids.2).await.unwrap();
    assert!(entries.iter().all(|e| !e.body.contains("honestly")));
    // Her own survey opens with a fresh personal link.
    let own = alice
        .post(
            &format!("/portal/{}/surveys/{}", w.site, w.alice_ids.3),
            &[],
        )
        .await;
    assert_eq!(own.status, StatusCode::SEE_OTHER);
    assert!(own.location.unwrap().starts_with("/s/i/"));
}

async fn a_customer_of_another_business_gets_nothing(db: &TestDb) {
    let a = world(db, "bizone").await;
    let b = world(db, "biztwo").await;
    // Carol is a customer of business two only; her session does not open business one.
    let mut carol = portal_client(db, b.ws, &b.site, b.alice.id).await;
    for path in get_routes(&a.site, a.alice_ids) {
        let r = carol.get(&path).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(
            r.location.as_deref(),
            Some(format!("/portal/{}", a.site).as_str())
        );
    }
    // On her own business's address, business one's ids are 404.
    for path in [
        format!("/portal/{}/invoices/{}", b.site, a.alice_ids.0),
        format!("/portal/{}/documents/{}", b.site, a.alice_ids.1),
        format!("/portal/{}/cases/{}", b.site, a.alice_ids.2),
    ] {
        let r = carol.get(&path).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
    }
    let r = carol
        .post(
            &format!("/portal/{}/surveys/{}", b.site, a.alice_ids.3),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Asking business one for a link with her business-two address... she is also a customer
    // there under another address only, so nothing is sent.
    let mut c = Client::new(state(db));
    c.post(
        &format!("/portal/{}", a.site),
        &[("email", "alice@biztwo.test")],
    )
    .await;
    assert!(db.store.recent_mail(a.ws, 10).await.unwrap().is_empty());
}

async fn portal_forms_need_the_csrf_token(db: &TestDb) {
    let w = world(db, "csrf").await;
    let token = db
        .store
        .create_portal_link(w.ws, w.bob.id, NOW, NOW + 900)
        .await
        .unwrap();
    let mut alice = portal_client(db, w.ws, &w.site, w.alice.id).await;
    let mut posts = post_routes(&w.site, w.alice_ids);
    posts.push((
        format!("/portal/{}", w.site),
        vec![("email", "alice@csrf.test")],
    ));
    posts.push((format!("/portal/{}/link/{token}", w.site), vec![]));
    for (path, form) in posts {
        let r = alice.post_raw(&path, &form).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
        let forged = "A".repeat(43);
        let mut with_wrong = vec![("csrf", forged.as_str())];
        with_wrong.extend(form.iter().copied());
        let r = alice.post_raw(&path, &with_wrong).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path} with a wrong token");
    }
    // Nothing happened: still signed in, no mail, the link unused, the name unchanged.
    let home = alice.get(&format!("/portal/{}/home", w.site)).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(db.store.recent_mail(w.ws, 10).await.unwrap().is_empty());
    assert!(
        db.store
            .portal_link_usable(w.ws, &token_hash(&token), NOW)
            .await
            .unwrap()
    );
}

async fn staff_manage_invoices_documents_and_sessions(db: &TestDb) {
    let w = world(db, "staff").await;
    let mut alice = portal_client(db, w.ws, &w.site, w.alice.id).await;
    let mut staff = Client::new(state(db));
    staff.sign_in("staff@staff.test").await;
    let customer_page = staff.get(&format!("/customers/{}", w.alice.id)).await;
    assert!(
        customer_page
            .body
            .contains(&format!("/customers/{}/portal", w.alice.id))
    );
    let base = format!("/customers/{}/portal", w.alice.id);
    let bad = staff
        .post(
            &format!("{base}/invoices"),
            &[
                ("number", "A-2"),
                ("issued", "2026-02-30"),
                ("due", "2026-01-01"),
                ("amount", "x"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let created = staff
        .post(
            &format!("{base}/invoices"),
            &[
                ("number", "A-2"),
                ("issued", "2025-12-20"),
                ("due", "2026-01-10"),
                ("amount", "499.50"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let taken = staff
        .post(
            &format!("{base}/invoices"),
            &[
                ("number", "A-2"),
                ("issued", "2025-12-20"),
                ("due", "2026-01-10"),
                ("amount", "1"),
            ],
        )
        .await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    let invoices = db.store.customer_invoices(w.ws, w.alice.id).await.unwrap();
    let new = invoices.iter().find(|i| i.number == "A-2").unwrap();
    assert_eq!(new.amount, Money(49_950));
    let home = alice.get(&format!("/portal/{}/home", w.site)).await;
    assert!(home.body.contains("A-2"));
    assert!(home.body.contains("Open"));
    // Editing and marking paid; Bob's invoice cannot be reached through Alice's page.
    let edited = staff
        .post(
            &format!("{base}/invoices/{}", new.id),
            &[
                ("number", "A-2b"),
                ("issued", "2025-12-20"),
                ("due", "2026-01-10"),
                ("amount", "500"),
            ],
        )
        .await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER);
    let paid = staff
        .post(
            &format!("{base}/invoices/{}/paid", new.id),
            &[("paid", "1")],
        )
        .await;
    assert_eq!(paid.status, StatusCode::SEE_OTHER);
    let view = alice
        .get(&format!("/portal/{}/invoices/{}", w.site, new.id))
        .await;
    assert!(view.body.contains("A-2b"));
    assert!(view.body.contains("Paid"));
    let cross = staff
        .post(
            &format!("{base}/invoices/{}/paid", w.bob_ids.0),
            &[("paid", "1")],
        )
        .await;
    assert_eq!(cross.status, StatusCode::NOT_FOUND);
    let cross_doc = staff
        .get(&format!("{base}/documents/{}", w.bob_ids.1))
        .await;
    assert_eq!(cross_doc.status, StatusCode::NOT_FOUND);
    let page = staff.get(&base).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("One live portal session"),
        "{}",
        page.body
    );
    // Ending the sessions signs Alice out.
    let ended = staff.post(&format!("{base}/sessions/end"), &[]).await;
    assert_eq!(ended.status, StatusCode::SEE_OTHER);
    let home = alice.get(&format!("/portal/{}/home", w.site)).await;
    assert_eq!(home.status, StatusCode::SEE_OTHER);
    // Signed-out visitors are sent to the staff sign-in.
    let mut anonymous = Client::new(state(db));
    let r = anonymous.get(&base).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location.unwrap().starts_with("/signin"));
}

async fn other_workspaces_staff_get_404_on_the_portal_staff_pages(db: &TestDb) {
    let w = world(db, "mine").await;
    seed_workspace(db, "theirs").await;
    let mut other = Client::new(state(db));
    other.sign_in("owner@theirs.test").await;
    let base = format!("/customers/{}/portal", w.alice.id);
    assert_eq!(other.get(&base).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        other
            .get(&format!("{base}/documents/{}", w.alice_ids.1))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    for (path, form) in [
        (
            format!("{base}/invoices"),
            vec![
                ("number", "X"),
                ("issued", "2026-01-01"),
                ("due", "2026-01-02"),
                ("amount", "1"),
            ],
        ),
        (
            format!("{base}/invoices/{}", w.alice_ids.0),
            vec![
                ("number", "X"),
                ("issued", "2026-01-01"),
                ("due", "2026-01-02"),
                ("amount", "1"),
            ],
        ),
        (
            format!("{base}/invoices/{}/paid", w.alice_ids.0),
            vec![("paid", "1")],
        ),
        (format!("{base}/sessions/end"), vec![]),
    ] {
        let r = other.post(&path, &form).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
    }
    let invoices = db.store.customer_invoices(w.ws, w.alice.id).await.unwrap();
    assert_eq!(invoices.len(), 1);
    assert_eq!(invoices[0].paid_at, None);
}

async fn profile_changes_record_consent_and_portal_use_lands_on_the_journey(db: &TestDb) {
    let w = world(db, "journey").await;
    let journey = db
        .store
        .create_journey(
            w.ws,
            &NewJourney {
                name: NonEmpty::parse("name", "Main").unwrap(),
                description: String::new(),
                variant: JourneyVariant::AsIs,
                counterpart_of: None,
                parent_id: None,
            },
            &DEFAULT_STAGES,
            NOW,
        )
        .await
        .unwrap();
    let mut alice = portal_client(db, w.ws, &w.site, w.alice.id).await;
    let saved = alice
        .post(
            &format!("/portal/{}/profile", w.site),
            &[("name", "Alice A."), ("language", "da"), ("consent", "1")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let c = db.store.get_customer(w.ws, w.alice.id).await.unwrap();
    assert_eq!(c.name, "Alice A.");
    assert_eq!(c.language, Language::Da);
    assert!(c.marketing_consent);
    let changes = db.store.consent_changes(w.ws, w.alice.id).await.unwrap();
    assert_eq!(changes, vec![(true, "portal".to_owned(), NOW)]);
    // The page now speaks Danish.
    let home = alice.get(&format!("/portal/{}/home", w.site)).await;
    assert!(home.body.contains("Velkommen"), "{}", home.body);
    alice
        .get(&format!("/portal/{}/invoices/{}", w.site, w.alice_ids.0))
        .await;
    alice
        .get(&format!("/portal/{}/documents/{}", w.site, w.alice_ids.1))
        .await;
    let categories = db.store.case_categories(w.ws).await.unwrap();
    let opened = alice
        .post(
            &format!("/portal/{}/cases/new", w.site),
            &[
                ("category", &categories[0].id.to_string()),
                ("subject", "Was my invoice paid?"),
                ("description", "I paid on Monday."),
            ],
        )
        .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER, "{}", opened.body);
    let cases = db
        .store
        .list_cases(w.ws, Some(w.alice.id), 10)
        .await
        .unwrap();
    let case = cases
        .iter()
        .find(|c| c.subject == "Was my invoice paid?")
        .unwrap();
    assert!(case.due.first_response > NOW, "due times set like any case");
    // One "Client portal" card in the Service stage, with the four actions on it.
    let stages = db.store.list_stages(w.ws, journey.id).await.unwrap();
    let service = stages.iter().find(|s| s.name == "Service").unwrap();
    let tps = db.store.list_touchpoints(w.ws, journey.id).await.unwrap();
    let portal: Vec<_> = tps.iter().filter(|t| t.name == "Client portal").collect();
    assert_eq!(portal.len(), 1);
    assert_eq!(portal[0].stage_id, service.id);
    assert_eq!(
        db.store
            .touchpoint_event_count(w.ws, portal[0].id)
            .await
            .unwrap(),
        4,
        "signed in, viewed an invoice, downloaded a document, opened a case"
    );
}

async fn a_customer_replies_to_a_case_and_staff_see_it_marked_as_from_the_customer(db: &TestDb) {
    let w = world(db, "reply").await;
    let (_, owner, _) = (
        (),
        db.store
            .list_users(w.ws)
            .await
            .unwrap()
            .into_iter()
            .find(|u| u.role == Role::Owner)
            .unwrap(),
        (),
    );
    let case = w.alice_ids.2;
    // Staff asked Alice something and wait for her answer.
    db.store
        .update_case(
            w.ws,
            case,
            CaseStatus::Waiting,
            CasePriority::Normal,
            None,
            owner.id,
            "waiting",
            NOW,
        )
        .await
        .unwrap();
    let before = db.store.get_case(w.ws, case).await.unwrap();
    let mut alice = portal_client(db, w.ws, &w.site, w.alice.id).await;
    let path = format!("/portal/{}/cases/{}", w.site, case);
    let page = alice.get(&path).await;
    assert!(page.body.contains("Send reply"), "{}", page.body);
    // An empty reply is refused with the form again.
    let empty = alice.post(&path, &[("body", "  ")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let sent = alice
        .post(
            &path,
            &[("body", "The invoice number is INV-7, thanks <b>!</b>")],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(
        sent.location.as_deref(),
        Some(format!("{path}?done=portal-reply-sent").as_str())
    );
    // The case is the business's turn again; its targets are the ones it was opened with,
    // and a customer's words are not a first response.
    let after = db.store.get_case(w.ws, case).await.unwrap();
    assert_eq!(after.status, CaseStatus::Open);
    assert_eq!(after.due, before.due);
    assert_eq!(after.first_response_at, before.first_response_at);
    let entries = db.store.case_entries(w.ws, case).await.unwrap();
    let last = entries.last().unwrap();
    assert_eq!(last.kind, EntryKind::CustomerReply);
    assert_eq!(last.body, "The invoice number is INV-7, thanks <b>!</b>");
    assert_eq!(last.author_name, None);
    // The customer sees it as theirs, with the staff reply, still without the internal note.
    let page = alice.get(&format!("{path}?done=portal-reply-sent")).await;
    assert!(page.body.contains("Your reply has been sent"));
    assert!(
        page.body.contains("thanks &#60;b&#62;!&#60;/b&#62;"),
        "escaped"
    );
    assert!(page.body.contains("Public reply to alice-reply"));
    assert!(!page.body.contains("Internal note"));
    // Staff see it in the case view, marked as from the customer.
    let mut staff = Client::new(state(db));
    staff.sign_in("staff@reply.test").await;
    let view = staff.get(&format!("/cases/{case}")).await;
    assert_eq!(view.status, StatusCode::OK);
    let at = view
        .body
        .find("The invoice number is INV-7")
        .expect("the reply");
    let item = &view.body[view.body[..at].rfind("<li").unwrap()..at];
    assert!(item.contains("entry-customer"), "{item}");
    assert!(item.contains("From the customer"), "{item}");
    // A closed case takes no more replies: the customer is pointed to a new case.
    let cause = db.store.root_causes(w.ws).await.unwrap()[0].id;
    db.store
        .close_case(
            w.ws,
            case,
            cause,
            "",
            None,
            "hash-reply",
            Some(owner.id),
            NOW,
        )
        .await
        .unwrap();
    let page = alice.get(&path).await;
    assert!(!page.body.contains("Send reply"));
    assert!(page.body.contains("This case is closed"));
    let late = alice.post(&path, &[("body", "One more thing")]).await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    let entries = db.store.case_entries(w.ws, case).await.unwrap();
    assert!(entries.iter().all(|e| e.body != "One more thing"));
    assert_eq!(
        db.store.get_case(w.ws, case).await.unwrap().status,
        CaseStatus::Closed
    );
}

async fn an_invoice_pdf_is_the_customers_own_and_in_their_language(db: &TestDb) {
    let w = world(db, "pdf").await;
    let mut swedish = NewCustomer::named(NonEmpty::parse("name", "Alice").unwrap(), NOW);
    swedish.email = w.alice.email.clone();
    swedish.language = Language::Sv;
    db.store
        .update_customer(w.ws, w.alice.id, &swedish)
        .await
        .unwrap();
    let mut alice = portal_client(db, w.ws, &w.site, w.alice.id).await;
    let page = alice
        .get(&format!("/portal/{}/invoices/{}", w.site, w.alice_ids.0))
        .await;
    let link = format!("/portal/{}/invoices/{}/pdf", w.site, w.alice_ids.0);
    assert!(
        page.body.contains(&format!("href=\"{link}\"")),
        "{}",
        page.body
    );
    let r = alice.get(&link).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.headers.get("content-type").unwrap(), "application/pdf");
    let text = pdftotext(&r.bytes);
    assert!(text.contains("Business pdf"), "{text}");
    assert!(text.contains("Faktura INV-alice-pdf"), "{text}");
    assert!(text.contains("Alice"), "{text}");
    assert!(
        text.contains("1 nov. 2025"),
        "the issue date in Swedish: {text}"
    );
    assert!(text.contains("15 nov. 2025"), "{text}");
    assert!(text.contains("1 250,00"), "the amount in Swedish: {text}");
    assert!(!text.contains("bob"), "{text}");
    // Staff read the same invoice's PDF from the customer's portal page, in their language.
    let mut staff = Client::new(state(db));
    staff.sign_in("staff@pdf.test").await;
    let panel = staff
        .get(&format!("/customers/{}/portal", w.alice.id.0))
        .await;
    let staff_link = format!(
        "/customers/{}/portal/invoices/{}/pdf",
        w.alice.id.0, w.alice_ids.0
    );
    assert!(panel.body.contains(&staff_link), "{}", panel.body);
    let r = staff.get(&staff_link).await;
    assert_eq!(r.status, StatusCode::OK);
    let text = pdftotext(&r.bytes);
    assert!(text.contains("Invoice INV-alice-pdf"), "{text}");
    // Bob's invoice under Alice's customer page: 404.
    let wrong = staff
        .get(&format!(
            "/customers/{}/portal/invoices/{}/pdf",
            w.alice.id.0, w.bob_ids.0
        ))
        .await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
}

/// An average month, as the report counts customer-months.
const MONTH: i64 = 2_629_746;

async fn case_at(db: &TestDb, ws: WorkspaceId, c: CustomerId, at: i64) {
    let categories = db.store.case_categories(ws).await.unwrap();
    let cal = db.store.business_calendar(ws).await.unwrap();
    db.store
        .create_case(
            ws,
            &NewCase {
                customer_id: Some(c),
                touchpoint_id: None,
                category_id: categories[0].id,
                subject: format!("Where is my invoice? ({at})"),
                description: String::new(),
                priority: CasePriority::Normal,
                assignee_id: None,
                source: CaseSource::Staff,
                created_by: None,
                created_at: at,
                due: CaseDue::for_category(&cal, &categories[0], at),
            },
        )
        .await
        .unwrap();
}

async fn the_case_report_compares_cases_before_and_after_first_portal_use(db: &TestDb) {
    let (ws, ..) = seed_workspace(db, "effect").await;
    let site = db.store.help_site_slug(ws.id).await.unwrap();
    let known = |n: &str, e: &str| {
        let mut c = NewCustomer::named(NonEmpty::parse("name", n).unwrap(), NOW - 6 * MONTH);
        c.email = Some(Email::parse(e).unwrap());
        c
    };
    let ida = db
        .store
        .create_customer(ws.id, &known("Ida", "ida@effect.test"))
        .await
        .unwrap();
    let jon = db
        .store
        .create_customer(ws.id, &known("Jon", "jon@effect.test"))
        .await
        .unwrap();
    // Ida: three cases in the six months before she first signs in (at NOW), one after.
    for at in [
        NOW - 5 * MONTH,
        NOW - 4 * MONTH,
        NOW - 2 * MONTH,
        NOW + MONTH,
    ] {
        case_at(db, ws.id, ida.id, at).await;
    }
    // Jon never uses the portal: his many cases are not part of the comparison.
    for k in 1..=5 {
        case_at(db, ws.id, jon.id, NOW - k * MONTH).await;
    }
    let mut later = state(db);
    later.clock = std::sync::Arc::new(|| NOW + 4 * MONTH);
    let mut staff = Client::new(later);
    staff.sign_in("staff@effect.test").await;
    let before_anyone = staff.get("/cases/reports").await;
    assert_eq!(before_anyone.status, StatusCode::OK);
    assert!(
        before_anyone
            .body
            .contains("No customer has signed in to the client portal yet."),
        "{}",
        before_anyone.body
    );

    portal_client(db, ws.id, &site, ida.id).await;
    let report = staff.get("/cases/reports").await;
    let body = report.body;
    assert!(
        body.contains("Before and after the client portal"),
        "{body}"
    );
    assert!(body.contains("One customer has used the portal."), "{body}");
    assert!(body.contains("A small sample"), "{body}");
    let section = body
        .split("aria-labelledby=\"portal-effect\"")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .unwrap_or_else(|| panic!("the portal section: {body}"));
    let cells_after = |label: &str| -> Vec<String> {
        let row = section
            .split(label)
            .nth(1)
            .and_then(|rest| rest.split("</tr>").next())
            .unwrap_or_else(|| panic!("a row {label}: {section}"));
        row.split("<td>")
            .skip(1)
            .map(|c| c.split("</td>").next().unwrap().to_owned())
            .collect()
    };
    // 3 cases in 6 months before (0.50 a month), 1 in the 4 months since (0.25): −50 %.
    assert_eq!(
        cells_after("<td>All cases</td>"),
        vec!["3", "0.50", "1", "0.25", "\u{2212}50%"]
    );
    // All of Ida's cases are in the first category, whose own row links to its cases.
    let categories = db.store.case_categories(ws.id).await.unwrap();
    let link = format!("/cases?status=all&amp;category={}\">", categories[0].id);
    assert_eq!(
        cells_after(&link),
        vec!["3", "0.50", "1", "0.25", "\u{2212}50%"]
    );
    // The header, all cases and that one category: no row for categories without cases.
    assert_eq!(section.matches("<tr>").count(), 3, "{section}");
}
