//! Privacy requests and the audit trail end to end (both databases): the owner exports a
//! customer as a ZIP and erases them after a confirmation page; both are audited; the audit
//! trail is filtered, paged and downloaded as formula-safe CSV; the retention rule is off by
//! default, previews who it would erase, and the timed job erases only when it is on. Every
//! route is checked signed out, as staff, and as another workspace's owner. The client
//! portal's data (invoices, documents, sign-ins, replies, consent changes) is exported and
//! erased with the rest.

mod support;

use axum::http::StatusCode;
use kunde_domain::*;
use kunde_store::testing::TestDb;
use kunde_store::{AuditFilter, audit_action};
use support::*;

on_both_databases!(
    the_owner_exports_a_customer_as_a_zip_and_it_is_audited,
    erasing_counts_first_then_leaves_the_anonymous_stand_in,
    privacy_routes_are_the_owners_and_stay_in_their_workspace,
    the_audit_trail_filters_pages_and_downloads_safe_csv,
    the_retention_rule_is_off_by_default_and_previews_first,
    settings_invitations_and_api_keys_are_audited,
    the_export_holds_the_portal_and_erasing_removes_its_documents_and_sign_ins,
    role_changes_resets_and_removals_are_audited_and_shown_in_the_trail,
);

const YEAR: i64 = 31_557_600;

fn audit_actions(entries: &kunde_store::AuditPage) -> Vec<String> {
    entries
        .entries
        .iter()
        .map(|e| e.entry.action.clone())
        .collect()
}

async fn all_audit(db: &TestDb, ws: WorkspaceId) -> kunde_store::AuditPage {
    db.store
        .audit_log(
            ws,
            &AuditFilter {
                limit: 1000,
                ..Default::default()
            },
        )
        .await
        .unwrap()
}

async fn the_owner_exports_a_customer_as_a_zip_and_it_is_audited(db: &TestDb) {
    let (ws, ..) = seed_workspace(db, "exp").await;
    let c = seed_customer(db, ws.id, "Anna Andersen").await;
    let mut owner = Client::new(state(db));
    owner.sign_in("owner@exp.test").await;
    let page = owner.get(&format!("/customers/{}", c.id)).await;
    assert!(page.body.contains(&format!("/customers/{}/export", c.id)));
    assert!(page.body.contains(&format!("/customers/{}/erase", c.id)));

    let reply = owner
        .post(&format!("/customers/{}/export", c.id), &[])
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.headers["content-type"], "application/zip");
    assert!(reply.bytes.starts_with(b"PK"), "a ZIP archive");
    let archive = zip::ZipArchive::new(std::io::Cursor::new(reply.bytes)).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .collect();
    assert!(names.iter().any(|n| n == "customer.json"), "{names:?}");
    assert!(names.iter().any(|n| n == "README.txt"), "{names:?}");

    let trail = all_audit(db, ws.id).await;
    let export = trail
        .entries
        .iter()
        .find(|e| e.entry.action == audit_action::CUSTOMER_EXPORT)
        .expect("the export is audited");
    assert_eq!(export.entry.target_id, Some(c.id.0));
    assert_eq!(export.entry.actor.label, "Olivia Owner");
}

async fn erasing_counts_first_then_leaves_the_anonymous_stand_in(db: &TestDb) {
    let (ws, ..) = seed_workspace(db, "era").await;
    let c = seed_customer(db, ws.id, "Bo Bertelsen").await;
    let mut owner = Client::new(state(db));
    owner.sign_in("owner@era.test").await;
    let confirm = owner.get(&format!("/customers/{}/erase", c.id)).await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert!(confirm.body.contains("Bo Bertelsen"));
    assert!(confirm.body.contains("0 events"), "{}", confirm.body);
    // Nothing is erased by looking.
    assert_eq!(
        db.store.get_customer(ws.id, c.id).await.unwrap().name,
        "Bo Bertelsen"
    );

    let done = owner.post(&format!("/customers/{}/erase", c.id), &[]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(
        done.location.as_deref(),
        Some(&*format!("/customers/{}", c.id))
    );
    let page = owner.get(&format!("/customers/{}", c.id)).await;
    assert!(page.body.contains(&format!("Erased customer #{}", c.id)));
    assert!(!page.body.contains("Bo Bertelsen"));
    assert!(db.store.is_erased(ws.id, c.id).await.unwrap());
    let trail = all_audit(db, ws.id).await;
    assert!(audit_actions(&trail).contains(&audit_action::CUSTOMER_ERASE.to_owned()));
}

async fn privacy_routes_are_the_owners_and_stay_in_their_workspace(db: &TestDb) {
    let (ws, ..) = seed_workspace(db, "one").await;
    seed_workspace(db, "two").await;
    let c = seed_customer(db, ws.id, "Cy Carlsen").await;
    let gets = [
        format!("/customers/{}/erase", c.id),
        "/settings/audit".to_owned(),
        "/settings/audit.csv".to_owned(),
        "/settings/privacy".to_owned(),
    ];

    let mut anonymous = Client::new(state(db));
    for path in &gets {
        let r = anonymous.get(path).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
        assert!(r.location.unwrap().starts_with("/signin"), "{path}");
    }
    let r = anonymous
        .post(&format!("/customers/{}/erase", c.id), &[])
        .await;
    assert!(r.location.unwrap().starts_with("/signin"));

    let mut staff = Client::new(state(db));
    staff.sign_in("staff@one.test").await;
    let page = staff.get(&format!("/customers/{}", c.id)).await;
    assert!(!page.body.contains("/export"), "staff see no export");
    for path in &gets {
        assert_eq!(
            staff.get(path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    for path in [
        format!("/customers/{}/export", c.id),
        format!("/customers/{}/erase", c.id),
    ] {
        assert_eq!(staff.post(&path, &[]).await.status, StatusCode::FORBIDDEN);
    }

    let mut other = Client::new(state(db));
    other.sign_in("owner@two.test").await;
    assert_eq!(
        other
            .get(&format!("/customers/{}/erase", c.id))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    for path in [
        format!("/customers/{}/export", c.id),
        format!("/customers/{}/erase", c.id),
    ] {
        assert_eq!(other.post(&path, &[]).await.status, StatusCode::NOT_FOUND);
    }
    assert_eq!(
        db.store.get_customer(ws.id, c.id).await.unwrap().name,
        "Cy Carlsen"
    );
    assert!(!db.store.is_erased(ws.id, c.id).await.unwrap());
    // The other owner's trail does not show the first workspace's entries.
    let trail = other.get("/settings/audit.csv").await;
    assert!(!trail.body.contains("Olivia Owner\",") || !trail.body.contains("one.test"));
    assert_eq!(
        all_audit(db, ws.id)
            .await
            .entries
            .iter()
            .filter(|e| e.entry.action == audit_action::CUSTOMER_ERASE)
            .count(),
        0
    );
}

async fn the_audit_trail_filters_pages_and_downloads_safe_csv(db: &TestDb) {
    let (ws, owner_user, staff_user) = seed_workspace(db, "aud").await;
    let mut owner = Client::new(state(db));
    owner.sign_in("owner@aud.test").await;
    // A failed sign-in is recorded too (for a known address), without a user.
    let mut stranger = Client::new(state(db));
    let failed = stranger
        .post(
            "/signin",
            &[("email", "staff@aud.test"), ("password", "wrong password")],
        )
        .await;
    assert_eq!(failed.status, StatusCode::UNAUTHORIZED);
    // The failed sign-in is written after the answer (so it costs the answer no time).
    let mut trail = all_audit(db, ws.id).await;
    for _ in 0..100 {
        if trail
            .entries
            .iter()
            .any(|e| e.entry.action == audit_action::SIGNIN_FAILED)
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        trail = all_audit(db, ws.id).await;
    }
    let actions = audit_actions(&trail);
    assert!(
        actions.contains(&audit_action::SIGNIN.to_owned()),
        "{actions:?}"
    );
    assert!(
        actions.contains(&audit_action::SIGNIN_FAILED.to_owned()),
        "{actions:?}"
    );

    // An entry whose detail a spreadsheet could run, and enough entries for two pages.
    for i in 0..60 {
        db.store
            .record_audit(
                ws.id,
                &kunde_store::AuditEntry {
                    at: NOW - 10 * YEAR + i,
                    actor: kunde_store::Actor {
                        user_id: Some(staff_user.id),
                        label: "Sam Staff".into(),
                        client_address: Some("192.0.2.1".into()),
                    },
                    action: audit_action::DELETE.into(),
                    target_kind: "segment".into(),
                    target_id: Some(i),
                    detail: "safe;=HYPERLINK(\"http://evil.example\")".into(),
                },
            )
            .await
            .unwrap();
    }
    let page = owner.get("/settings/audit").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Failed sign-in"));
    assert!(page.body.contains("page=2"), "paged");

    let only_deletes = owner
        .get("/settings/audit?action=delete&person=&from=&to=")
        .await;
    assert!(
        only_deletes.body.contains("60 entries"),
        "{}",
        only_deletes.body
    );
    let by_owner = owner
        .get(&format!("/settings/audit?person={}", owner_user.id))
        .await;
    assert!(!by_owner.body.contains("<td>Sam Staff</td>"));
    assert!(by_owner.body.contains("Signed in"));
    let recent = owner.get("/settings/audit?from=2025-06-01").await;
    assert!(!recent.body.contains("<td>Sam Staff</td>"), "date range");
    assert!(only_deletes.body.contains("<td>Sam Staff</td>"));

    let csv = owner.get("/settings/audit.csv?action=delete").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert_eq!(csv.body.lines().count(), 61);
    for line in csv.body.lines().skip(1) {
        assert!(line.contains("safe;'=HYPERLINK"), "{line}");
        assert!(!line.contains(";=HYPERLINK"), "{line}");
    }
}

async fn the_retention_rule_is_off_by_default_and_previews_first(db: &TestDb) {
    let (ws, ..) = seed_workspace(db, "ret").await;
    let old = seed_customer(db, ws.id, "Dorte Old").await;
    let state_now = state(db);
    let later = NOW + 4 * YEAR;
    let mut later_state = state(db);
    later_state.clock = std::sync::Arc::new(move || later);
    let mut owner = Client::new(later_state.clone());
    owner.sign_in("owner@ret.test").await;
    let page = owner.get("/settings/privacy").await;
    assert!(page.body.contains("The rule is off"));
    // Off: the job erases nobody.
    assert_eq!(
        kunde_web::run_retention(&state_now, later).await.unwrap(),
        0
    );

    let preview = owner.get("/settings/privacy?years=3").await;
    assert!(preview.body.contains("Dorte Old"), "listed first");
    assert!(preview.body.contains("One customer would be erased now"));
    assert_eq!(
        owner.get("/settings/privacy?years=zero").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(db.store.retention_rule(ws.id).await.unwrap(), None);

    let saved = owner.post("/settings/privacy", &[("years", "3")]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(db.store.retention_rule(ws.id).await.unwrap(), Some(3));
    // Not yet inactive for three years at NOW: nothing happens.
    assert_eq!(kunde_web::run_retention(&state_now, NOW).await.unwrap(), 0);
    assert_eq!(
        kunde_web::run_retention(&later_state, later).await.unwrap(),
        1
    );
    assert!(db.store.is_erased(ws.id, old.id).await.unwrap());
    // Safe to run twice.
    assert_eq!(
        kunde_web::run_retention(&later_state, later).await.unwrap(),
        0
    );
    let trail = all_audit(db, ws.id).await;
    assert!(audit_actions(&trail).contains(&audit_action::RETENTION_CHANGE.to_owned()));

    owner.post("/settings/privacy", &[("years", "")]).await;
    assert_eq!(db.store.retention_rule(ws.id).await.unwrap(), None);
}

async fn settings_invitations_and_api_keys_are_audited(db: &TestDb) {
    let (ws, ..) = seed_workspace(db, "set").await;
    let mut owner = Client::new(state(db));
    owner.sign_in("owner@set.test").await;
    let r = owner
        .post(
            "/settings",
            &[
                ("name", "Cykel ApS"),
                ("language", "da"),
                ("currency", "DKK"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = owner
        .post(
            "/settings/invite",
            &[
                ("name", "Nina New"),
                ("email", "nina@set.test"),
                ("role", "staff"),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = owner
        .post(
            "/settings/api-keys",
            &[("name", "Shop"), ("kind", "secret"), ("origins", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let key = db.store.list_api_keys(ws.id).await.unwrap()[0].id;
    owner
        .post(&format!("/settings/api-keys/{key}/revoke"), &[])
        .await;
    let actions = audit_actions(&all_audit(db, ws.id).await);
    for expected in [
        audit_action::SETTINGS_CHANGE,
        audit_action::INVITE,
        audit_action::API_KEY_CREATE,
        audit_action::API_KEY_REVOKE,
    ] {
        assert!(
            actions.contains(&expected.to_owned()),
            "{expected}: {actions:?}"
        );
    }
    // The trail holds no e-mail address of the invited person.
    let csv = owner.get("/settings/audit.csv").await;
    assert!(!csv.body.contains("nina@set.test"));
}

async fn portal_customer(db: &TestDb, ws: WorkspaceId, n: &str, email: &str) -> Customer {
    let mut c = NewCustomer::named(NonEmpty::parse("name", n).unwrap(), NOW);
    c.email = Some(Email::parse(email).unwrap());
    db.store.create_customer(ws, &c).await.unwrap()
}

async fn the_export_holds_the_portal_and_erasing_removes_its_documents_and_sign_ins(db: &TestDb) {
    let (ws, ..) = seed_workspace(db, "por").await;
    let site = db.store.help_site_slug(ws.id).await.unwrap();
    let clara = portal_customer(db, ws.id, "Clara Christensen", "clara@por.test").await;
    let dan = portal_customer(db, ws.id, "Dan Dam", "dan@por.test").await;
    for (c, number) in [(&clara, "INV-C1"), (&clara, "INV-C2"), (&dan, "INV-D1")] {
        db.store
            .create_invoice(
                ws.id,
                c.id,
                &kunde_store::NewInvoice {
                    number: number.into(),
                    issued: "2025-11-01".into(),
                    due: "2025-11-15".into(),
                    amount: Money(125_000),
                },
                NOW,
            )
            .await
            .unwrap();
    }
    let paid = db.store.customer_invoices(ws.id, clara.id).await.unwrap()[0].id;
    db.store
        .set_invoice_paid(ws.id, clara.id, paid, Some(NOW - 3600))
        .await
        .unwrap();
    let shared = db
        .store
        .add_portal_document(
            ws.id,
            clara.id,
            "tax form.pdf",
            "application/pdf",
            b"%PDF clara's tax form",
            None,
            false,
            NOW,
        )
        .await
        .unwrap();
    let dans = db
        .store
        .add_portal_document(
            ws.id,
            dan.id,
            "nda.pdf",
            "application/pdf",
            b"%PDF dan's nda",
            None,
            false,
            NOW,
        )
        .await
        .unwrap();

    // Clara signs in to the portal, uploads a document, opens a case, replies to it and
    // changes her consent.
    let token = db
        .store
        .create_portal_link(ws.id, clara.id, NOW, NOW + 900)
        .await
        .unwrap();
    let mut portal = Client::new(state(db));
    let used = portal
        .post(&format!("/portal/{site}/link/{token}"), &[])
        .await;
    assert_eq!(used.status, StatusCode::SEE_OTHER, "{}", used.body);
    let session = portal.cookies["kunde_portal"].clone();
    let uploaded = portal
        .post_multipart(
            &format!("/portal/{site}/documents"),
            &[("file", &b"receipt from clara"[..], Some("receipt.txt"))],
        )
        .await;
    assert_eq!(uploaded.status, StatusCode::SEE_OTHER, "{}", uploaded.body);
    let categories = db.store.case_categories(ws.id).await.unwrap();
    let opened = portal
        .post(
            &format!("/portal/{site}/cases/new"),
            &[
                ("category", &categories[0].id.to_string()),
                ("subject", "Was my invoice paid?"),
                ("description", "I paid INV-C2 on Monday."),
            ],
        )
        .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER, "{}", opened.body);
    let case = db
        .store
        .list_cases(ws.id, Some(clara.id), 10)
        .await
        .unwrap()[0]
        .id;
    let replied = portal
        .post(
            &format!("/portal/{site}/cases/{case}"),
            &[("body", "Here is the bank reference 4711.")],
        )
        .await;
    assert_eq!(replied.status, StatusCode::SEE_OTHER, "{}", replied.body);
    let saved = portal
        .post(
            &format!("/portal/{site}/profile"),
            &[
                ("name", "Clara Christensen"),
                ("language", "en"),
                ("consent", "1"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);

    // The export holds all of it, and nothing of Dan's or of the tokens.
    let mut owner = Client::new(state(db));
    owner.sign_in("owner@por.test").await;
    let reply = owner
        .post(&format!("/customers/{}/export", clara.id), &[])
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(reply.bytes)).unwrap();
    let read = |archive: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>, name: &str| {
        let mut f = archive
            .by_name(name)
            .unwrap_or_else(|_| panic!("{name} in the archive"));
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut bytes).unwrap();
        bytes
    };
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .collect();
    let shared_path = format!("files/document-{}-tax_form.pdf", shared.id);
    assert!(names.contains(&shared_path), "{names:?}");
    assert_eq!(read(&mut archive, &shared_path), b"%PDF clara's tax form");
    let upload_path = names
        .iter()
        .find(|n| n.starts_with("files/document-") && n.ends_with("-receipt.txt"))
        .unwrap_or_else(|| panic!("the uploaded document: {names:?}"))
        .clone();
    assert_eq!(read(&mut archive, &upload_path), b"receipt from clara");
    assert!(!names.iter().any(|n| n.contains("nda")), "{names:?}");
    let invoices = String::from_utf8(read(&mut archive, "invoices.csv")).unwrap();
    assert!(
        invoices.starts_with("number,issued,due,amount,paid_utc,reminded_utc"),
        "{invoices}"
    );
    assert!(
        invoices.contains("INV-C1") && invoices.contains("INV-C2"),
        "{invoices}"
    );
    assert!(!invoices.contains("INV-D1"), "{invoices}");
    let readme = String::from_utf8(read(&mut archive, "README.txt")).unwrap();
    assert!(readme.contains("invoices.csv"), "{readme}");
    let json: serde_json::Value =
        serde_json::from_slice(&read(&mut archive, "customer.json")).unwrap();
    let portal_json = &json["portal"];
    assert_eq!(
        portal_json["invoices"].as_array().unwrap().len(),
        2,
        "{portal_json}"
    );
    let froms: Vec<&str> = portal_json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["from"].as_str().unwrap())
        .collect();
    assert_eq!(froms, vec!["business", "customer"]);
    assert_eq!(portal_json["sign_ins"]["first_sign_in"], NOW);
    assert_eq!(portal_json["sign_ins"]["links"][0]["used_at"], NOW);
    assert_eq!(
        portal_json["sign_ins"]["sessions"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let entries = json["cases"][0]["entries"].as_array().unwrap();
    let from_clara = entries
        .iter()
        .find(|e| e["kind"] == "customer")
        .unwrap_or_else(|| panic!("the portal reply: {entries:?}"));
    assert_eq!(from_clara["body"], "Here is the bank reference 4711.");
    assert_eq!(from_clara["visibility"], "public");
    let consents = json["consents"].as_array().unwrap();
    assert!(
        consents
            .iter()
            .any(|c| c["source"] == "portal" && c["given"] == true && c["recorded_at"] == NOW),
        "{consents:?}"
    );
    let text = json.to_string();
    for secret in [
        token.clone(),
        kunde_web::auth::token_hash(&token),
        session.clone(),
        kunde_web::auth::token_hash(&session),
    ] {
        assert!(
            !text.contains(&secret),
            "a token or its hash is in the export"
        );
    }
    assert!(!text.contains("INV-D1") && !text.contains("nda.pdf"));

    // The erase page counts what goes and what stays.
    let confirm = owner.get(&format!("/customers/{}/erase", clara.id)).await;
    assert!(
        confirm.body.contains("2 documents in the client portal"),
        "{}",
        confirm.body
    );
    assert!(
        confirm.body.contains("2 portal sign-in links and sessions"),
        "{}",
        confirm.body
    );
    assert!(confirm.body.contains("2 invoices"), "{}", confirm.body);
    let done = owner
        .post(&format!("/customers/{}/erase", clara.id), &[])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);

    // Her documents, sign-ins and first use are gone; her session no longer works.
    assert!(
        db.store
            .portal_documents(ws.id, clara.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        db.store
            .portal_session_count(ws.id, clara.id, NOW, 1800)
            .await
            .unwrap(),
        0
    );
    assert!(
        !db.store
            .portal_first_use(ws.id)
            .await
            .unwrap()
            .iter()
            .any(|(c, _)| *c == clara.id)
    );
    let counts = db.store.count_customer_data(ws.id, clara.id).await.unwrap();
    assert_eq!((counts.documents, counts.portal_sign_ins), (0, 0));
    let home = portal.get(&format!("/portal/{site}/home")).await;
    assert_eq!(
        home.location.as_deref(),
        Some(format!("/portal/{site}").as_str())
    );
    // Invoices stay on the stand-in, like orders; Dan keeps everything.
    assert_eq!(counts.invoices, 2);
    assert_eq!(
        db.store.portal_documents(ws.id, dan.id).await.unwrap()[0].id,
        dans.id
    );
}

/// Issue 18, audit trail: the owner changing a role, making a new password link and
/// removing a member of staff each add a line the owner reads on `/settings/audit`; the last
/// owner cannot be made staff, and that refusal records nothing.
async fn role_changes_resets_and_removals_are_audited_and_shown_in_the_trail(db: &TestDb) {
    let (ws, owner_user, staff_user) = seed_workspace(db, "rol").await;
    let mut owner = Client::new(state(db));
    owner.sign_in("owner@rol.test").await;
    let settings = owner.get("/settings").await;
    assert!(
        settings
            .body
            .contains(&format!("/settings/users/{}/role", staff_user.id.0)),
        "a role form for the member of staff"
    );
    assert!(
        !settings
            .body
            .contains(&format!("/settings/users/{}/role", owner_user.id.0)),
        "no role form for the owner themself"
    );
    let r = owner
        .post(
            &format!("/settings/users/{}/role", staff_user.id.0),
            &[("role", "owner")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let promoted = db.store.get_user(ws.id, staff_user.id).await.unwrap();
    assert_eq!(promoted.role, Role::Owner);
    // The promoted person now reaches owner pages, and can make the first owner staff.
    let mut second = Client::new(state(db));
    second.sign_in("staff@rol.test").await;
    assert_eq!(second.get("/settings").await.status, StatusCode::OK);
    let r = second
        .post(
            &format!("/settings/users/{}/role", owner_user.id.0),
            &[("role", "staff")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // The business needs an owner: the last one cannot be made staff, and nothing changes.
    let refused = owner
        .post(
            &format!("/settings/users/{}/role", staff_user.id.0),
            &[("role", "staff")],
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::FORBIDDEN,
        "staff now: no owner pages"
    );
    let mut before = all_audit(db, ws.id).await.entries.len();
    let last = second
        .post(
            &format!("/settings/users/{}/role", staff_user.id.0),
            &[("role", "staff")],
        )
        .await;
    assert_eq!(last.status, StatusCode::CONFLICT, "{}", last.body);
    assert!(
        last.body.contains("The business needs an owner"),
        "{}",
        last.body
    );
    assert_eq!(
        db.store.get_user(ws.id, staff_user.id).await.unwrap().role,
        Role::Owner
    );
    assert_eq!(all_audit(db, ws.id).await.entries.len(), before);
    // A new password link and a removal are recorded too.
    let r = second
        .post(&format!("/settings/users/{}/reset", owner_user.id.0), &[])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = second
        .post(
            &format!("/settings/users/{}/remove", owner_user.id.0),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    before += 2;
    let trail = all_audit(db, ws.id).await;
    assert_eq!(trail.entries.len(), before);
    let actions = audit_actions(&trail);
    for expected in [
        audit_action::ROLE_CHANGE,
        audit_action::PASSWORD_RESET,
        audit_action::USER_REMOVE,
    ] {
        assert!(
            actions.contains(&expected.to_owned()),
            "{expected}: {actions:?}"
        );
    }
    let changes: Vec<_> = trail
        .entries
        .iter()
        .filter(|e| e.entry.action == audit_action::ROLE_CHANGE)
        .map(|e| (e.entry.target_id, e.entry.detail.clone()))
        .collect();
    assert_eq!(changes.len(), 2, "{changes:?}");
    assert!(changes.contains(&(Some(staff_user.id.0), "from=staff to=owner".to_owned())));
    assert!(changes.contains(&(Some(owner_user.id.0), "from=owner to=staff".to_owned())));
    // The owner reads them on the audit page, in words, filtered by action.
    let page = second.get("/settings/audit?action=user.role_change").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Changed a role"), "{}", page.body);
    assert!(page.body.contains("from=staff to=owner"), "{}", page.body);
    assert!(page.body.contains("from=owner to=staff"), "{}", page.body);
    assert!(!page.body.contains("<td>role=staff</td>"), "{}", page.body);
    let page = second.get("/settings/audit?action=user.remove").await;
    assert!(page.body.contains("<td>role=staff</td>"), "{}", page.body);
    assert!(!page.body.contains("from=staff to=owner"));
    let page = second
        .get("/settings/audit?action=user.password_reset")
        .await;
    assert!(page.body.contains("Made a new password link"));
    assert!(!page.body.contains("from=staff to=owner"));
}
