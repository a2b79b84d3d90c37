//! Trust (issue 18) in the store, on both backends: writes never fail while events are
//! ingested, the audit trail is append-only and filtered per workspace, a customer's export
//! holds everything and zips, an erasure leaves no personal string anywhere while the figures
//! stay, erasures are re-applied after a restore, and the retention rule lists then erases.

use kunde_domain::*;
use kunde_store::testing::TestDb;
use kunde_store::{
    Actor, AuditEntry, AuditFilter, BulkControl, BulkOrder, CustomerRef, IngestEvent, Store,
    StoreError, audit_action,
};
use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

const NOW: i64 = 1_760_000_000;
const YEAR: i64 = kunde_store::trust::YEAR_SECONDS;

kunde_store::store_suite!(
    with_db;
    writes_never_fail_while_events_are_ingested,
    the_audit_trail_is_appended_filtered_and_kept_per_workspace,
    an_export_holds_everything_about_the_customer_and_zips,
    an_erasure_leaves_no_personal_string_and_keeps_the_figures,
    an_erasure_in_another_workspace_finds_nothing,
    erasures_made_after_a_backup_are_reapplied,
    the_retention_rule_lists_inactive_customers_then_erases_them,
);

fn name(s: &str) -> NonEmpty {
    NonEmpty::parse("name", s).unwrap()
}

struct Fixture {
    ws: WorkspaceId,
    owner: UserId,
    touchpoint: TouchpointId,
    customer: Customer,
    other: Customer,
}

async fn fixture(store: &Store, slug: &str) -> Fixture {
    let (ws, owner) = store
        .create_workspace(
            &NewWorkspace {
                name: name(&format!("Cykler {slug}")),
                default_language: Language::Da,
                currency: "DKK".into(),
            },
            &NewUser {
                name: name("Olivia Owner"),
                email: Email::parse(&format!("owner@{slug}.test")).unwrap(),
                role: Role::Owner,
                language: Language::En,
                password: None,
            },
            "$argon2id$fake",
            NOW,
        )
        .await
        .unwrap();
    let journey = store
        .create_journey(
            ws.id,
            &NewJourney {
                name: name("Repair"),
                description: String::new(),
                variant: JourneyVariant::AsIs,
                counterpart_of: None,
                parent_id: None,
            },
            &["Service"],
            NOW,
        )
        .await
        .unwrap();
    let stage = store.list_stages(ws.id, journey.id).await.unwrap()[0].id;
    let touchpoint = store
        .create_touchpoint(
            ws.id,
            &NewTouchpoint {
                stage_id: stage,
                name: name("Call to book"),
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
        .id;
    let customer = store
        .create_customer(
            ws.id,
            &NewCustomer {
                email: Some(Email::parse(&format!("kirstine.vestergaard@{slug}.example")).unwrap()),
                phone: Some(Phone::parse("+45 2012 3456").unwrap()),
                marketing_consent: true,
                ..NewCustomer::named(name("Kirstine Vestergaard"), NOW - 100)
            },
        )
        .await
        .unwrap();
    let other = store
        .create_customer(
            ws.id,
            &NewCustomer {
                email: Some(Email::parse(&format!("bo@{slug}.example")).unwrap()),
                ..NewCustomer::named(name("Bo Nielsen"), NOW - 100)
            },
        )
        .await
        .unwrap();
    Fixture {
        ws: ws.id,
        owner: owner.id,
        touchpoint,
        customer,
        other,
    }
}

fn event(
    tp: TouchpointId,
    customer: Option<CustomerRef>,
    at: i64,
    properties: &str,
) -> IngestEvent {
    IngestEvent {
        customer,
        visitor_id: None,
        touchpoint_id: tp,
        occurred_at: at,
        channel: None,
        amount: Some(Money(12_550)),
        properties: properties.into(),
        idempotency_key: None,
    }
}

async fn new_case(store: &Store, f: &Fixture, customer: CustomerId, subject: &str) -> NewCase {
    let categories = store.case_categories(f.ws).await.unwrap();
    NewCase {
        customer_id: Some(customer),
        touchpoint_id: Some(f.touchpoint),
        category_id: categories[0].id,
        subject: subject.into(),
        description: if customer == f.customer.id {
            "Skriv til kirstine.vestergaard@a.example, tlf. +45 2012 3456".into()
        } else {
            "Lygten virker ikke".into()
        },
        priority: CasePriority::Normal,
        assignee_id: None,
        source: CaseSource::Staff,
        created_by: Some(f.owner),
        created_at: NOW,
        due: CaseDue {
            first_response_warn: NOW + 750,
            first_response: NOW + 1000,
            resolution_warn: NOW + 7500,
            resolution: NOW + 10_000,
        },
    }
}

/// A raw connection to the test database, to look at every table the way an auditor would.
enum Raw {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

async fn raw(db: &TestDb) -> Raw {
    if db.url.starts_with("sqlite") {
        Raw::Sqlite(sqlx::SqlitePool::connect(&db.url).await.unwrap())
    } else {
        Raw::Postgres(sqlx::PgPool::connect(&db.url).await.unwrap())
    }
}

impl Raw {
    /// Every (table, column) of text type in the database.
    async fn text_columns(&self) -> Vec<(String, String)> {
        match self {
            Raw::Sqlite(p) => {
                let tables: Vec<(String,)> = sqlx::query_as(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'",
                )
                .fetch_all(p)
                .await
                .unwrap();
                let mut out = Vec::new();
                for (t,) in tables {
                    let cols: Vec<(String, String)> =
                        sqlx::query_as("SELECT name, type FROM pragma_table_info($1)")
                            .bind(&t)
                            .fetch_all(p)
                            .await
                            .unwrap();
                    for (c, ty) in cols {
                        if ty.eq_ignore_ascii_case("text") || ty.is_empty() {
                            out.push((t.clone(), c));
                        }
                    }
                }
                out
            }
            Raw::Postgres(p) => sqlx::query_as(
                "SELECT table_name::text, column_name::text FROM information_schema.columns
                 WHERE table_schema = 'public' AND data_type IN ('text', 'character varying')",
            )
            .fetch_all(p)
            .await
            .unwrap(),
        }
    }

    /// Rows of `table` whose `column` contains `needle` (case-insensitively).
    async fn count_containing(&self, table: &str, column: &str, needle: &str) -> i64 {
        let sql = format!(
            "SELECT COUNT(*) FROM \"{table}\" WHERE lower(CAST(\"{column}\" AS TEXT)) LIKE $1"
        );
        let pattern = format!("%{}%", needle.to_lowercase());
        let (n,): (i64,) = match self {
            Raw::Sqlite(p) => sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(pattern)
                .fetch_one(p)
                .await
                .unwrap(),
            Raw::Postgres(p) => sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(pattern)
                .fetch_one(p)
                .await
                .unwrap(),
        };
        n
    }

    async fn scalar(&self, sql: &'static str, ws: WorkspaceId) -> i64 {
        let (n,): (i64,) = match self {
            Raw::Sqlite(p) => sqlx::query_as(sql).bind(ws.0).fetch_one(p).await.unwrap(),
            Raw::Postgres(p) => sqlx::query_as(sql).bind(ws.0).fetch_one(p).await.unwrap(),
        };
        n
    }

    async fn close(self) {
        match self {
            Raw::Sqlite(p) => p.close().await,
            Raw::Postgres(p) => p.close().await,
        }
    }
}

/// Gives the fixture's customer something in every table that can hold something about them.
async fn fill(store: &Store, f: &Fixture) {
    let c = f.customer.id;
    let email = f.customer.email.clone().unwrap();
    let events = vec![
        event(
            f.touchpoint,
            Some(CustomerRef::Id(c)),
            NOW - 50,
            r#"{"source":"snippet","type":"page_view","path":"/orders?email=kirstine.vestergaard@a.example","nps":9}"#,
        ),
        event(
            f.touchpoint,
            Some(CustomerRef::Email(email.clone())),
            NOW - 40,
            r#"{"note":"Kirstine Vestergaard called"}"#,
        ),
        event(
            f.touchpoint,
            Some(CustomerRef::Id(f.other.id)),
            NOW - 30,
            "{}",
        ),
        IngestEvent {
            visitor_id: Some("visitor-kirstine-7".into()),
            ..event(f.touchpoint, None, NOW - 20, "{}")
        },
    ];
    store
        .ingest_events(f.ws, &events, NOW)
        .await
        .unwrap()
        .unwrap();
    store
        .identify_visitor(f.ws, "visitor-kirstine-7", &CustomerRef::Id(c), NOW)
        .await
        .unwrap();
    let cancel = AtomicBool::new(false);
    store
        .bulk_insert_orders(
            f.ws,
            &[
                BulkOrder {
                    discount_code: None,
                    email: email.clone(),
                    customer_name: None,
                    reference: Some("A-1001".into()),
                    ordered_at: NOW - 60,
                    paid: true,
                    lines: vec![NewOrderLine {
                        product: name("Cykeltaske"),
                        quantity: 2,
                        unit_price: Money(40_000),
                    }],
                    total: Money(80_000),
                },
                BulkOrder {
                    discount_code: None,
                    email: f.other.email.clone().unwrap(),
                    customer_name: None,
                    reference: Some("A-1002".into()),
                    ordered_at: NOW - 60,
                    paid: true,
                    lines: vec![NewOrderLine {
                        product: name("Lygte"),
                        quantity: 1,
                        unit_price: Money(15_000),
                    }],
                    total: Money(15_000),
                },
            ],
            &BulkControl {
                progress: &|_| {},
                cancel: &cancel,
            },
        )
        .await
        .unwrap();
    // A survey with a free-text question, answered by the customer.
    let template = SurveyTemplate::AfterVisit.build();
    let survey = store
        .create_survey(
            f.ws,
            &SurveySettings {
                title: template.title.clone(),
                kind: template.kind,
                touchpoint_id: Some(f.touchpoint),
                presentation: Presentation::OnePerScreen,
                fatigue_days: 30,
                reminder_days: 3,
                min_group_size: 5,
                default_language: Language::Da,
            },
            &template.questions,
            NOW,
        )
        .await
        .unwrap();
    let questions = store.survey_questions(f.ws, survey.id).await.unwrap();
    let answers = questions
        .iter()
        .filter_map(|q| match q.kind {
            QuestionKind::Nps => Some((q.id, AnswerValue::Score(3))),
            QuestionKind::Csat | QuestionKind::Ces => Some((q.id, AnswerValue::Score(2))),
            QuestionKind::FreeText => Some((
                q.id,
                AnswerValue::Text("Jeg hedder Kirstine Vestergaard, ring +45 2012 3456".into()),
            )),
            _ => None,
        })
        .collect();
    store
        .store_response(
            f.ws,
            survey.id,
            &NewResponse {
                customer_id: Some(c),
                channel: ResponseChannel::Email,
                language: Language::Da,
                submitted_at: NOW - 10,
                team: None,
                location: None,
                submission_key: "k-1".into(),
                answers,
            },
            None,
        )
        .await
        .unwrap();
    // A case with texts, a note, a reply, and an attachment.
    let case = store
        .create_case(
            f.ws,
            &new_case(store, f, c, "Kirstine Vestergaard: punktering").await,
        )
        .await
        .unwrap();
    store
        .add_case_entry(
            f.ws,
            case.id,
            EntryKind::Note,
            Some(f.owner),
            "Kirstine er stamkunde",
            NOW + 1,
        )
        .await
        .unwrap();
    store
        .add_case_entry(
            f.ws,
            case.id,
            EntryKind::Reply,
            Some(f.owner),
            "Kære Kirstine Vestergaard, vi ringer.",
            NOW + 2,
        )
        .await
        .unwrap();
    store
        .add_case_attachment(
            f.ws,
            case.id,
            "kirstine-kvittering.pdf",
            "application/pdf",
            b"%PDF Kirstine Vestergaard receipt",
            Some(f.owner),
            NOW + 3,
        )
        .await
        .unwrap();
    let other_case = store
        .create_case(f.ws, &new_case(store, f, f.other.id, "Bo: lygte").await)
        .await
        .unwrap();
    store
        .add_case_entry(
            f.ws,
            other_case.id,
            EntryKind::Note,
            None,
            "Bo ringer igen",
            NOW + 1,
        )
        .await
        .unwrap();
    // E-mails: one to her, one to staff naming her address, one to Bo.
    for (to, body) in [
        (email.as_str().to_owned(), "Hej Kirstine Vestergaard"),
        (
            "owner@a.test".to_owned(),
            "Ny sag fra KIRSTINE.VESTERGAARD@a.example",
        ),
        (f.other.email.clone().unwrap().as_str().to_owned(), "Hej Bo"),
    ] {
        store
            .enqueue_mail(
                f.ws,
                &kunde_domain::mail::Mail {
                    to,
                    to_name: None,
                    subject: "Din sag".into(),
                    text: body.into(),
                    html: None,
                    unsubscribe_url: None,
                    reply_to: None,
                },
                NOW,
            )
            .await
            .unwrap();
    }
    store
        .create_segment(
            f.ws,
            &NewSegment {
                name: name("Dropped at checkout"),
                description: String::new(),
                customers: vec![c, f.other.id],
            },
            Some(f.owner),
            NOW,
        )
        .await
        .unwrap();
}

async fn writes_never_fail_while_events_are_ingested(db: &TestDb) {
    let store = &db.store;
    let f = fixture(store, "a").await;
    let case = store
        .create_case(f.ws, &new_case(store, &f, f.other.id, "Lygte").await)
        .await
        .unwrap();
    let run_for = Duration::from_secs(3);
    let failures = Arc::new(AtomicU64::new(0));
    let writes = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::new();
    // Two ingesting tasks, as two API requests would be.
    for t in 0..2 {
        let (store, failures, writes) = (store.clone(), failures.clone(), writes.clone());
        let (tp, c) = (f.touchpoint, f.customer.id);
        let ws = f.ws;
        tasks.push(tokio::spawn(async move {
            let start = Instant::now();
            let mut i = 0;
            while start.elapsed() < run_for {
                let batch: Vec<IngestEvent> = (0..200)
                    .map(|k| IngestEvent {
                        idempotency_key: Some(format!("t{t}-{i}-{k}")),
                        ..event(tp, Some(CustomerRef::Id(c)), NOW + k, "{}")
                    })
                    .collect();
                match store.ingest_events(ws, &batch, NOW).await {
                    Ok(Ok(_)) => writes.fetch_add(1, Ordering::Relaxed),
                    other => {
                        eprintln!("ingest failed: {other:?}");
                        failures.fetch_add(1, Ordering::Relaxed)
                    }
                };
                i += 1;
            }
        }));
    }
    // Staff writes that read before they write: customer updates, case notes, new customers,
    // audit entries.
    for t in 0..4 {
        let (store, failures, writes) = (store.clone(), failures.clone(), writes.clone());
        let (ws, other, case_id, owner) = (f.ws, f.other.clone(), case.id, f.owner);
        tasks.push(tokio::spawn(async move {
            let start = Instant::now();
            let mut i = 0;
            while start.elapsed() < run_for {
                let outcome = match (t + i) % 4 {
                    0 => store
                        .update_customer(
                            ws,
                            other.id,
                            &NewCustomer {
                                email: other.email.clone(),
                                ..NewCustomer::named(name(&format!("Bo {i}")), NOW)
                            },
                        )
                        .await
                        .map(|_| ()),
                    1 => store
                        .add_case_entry(ws, case_id, EntryKind::Note, Some(owner), "note", NOW)
                        .await
                        .map(|_| ()),
                    2 => store
                        .create_customer(
                            ws,
                            &NewCustomer::named(name(&format!("New {t}-{i}")), NOW),
                        )
                        .await
                        .map(|_| ()),
                    _ => store
                        .record_audit(
                            ws,
                            &AuditEntry {
                                at: NOW,
                                actor: Actor::system("test"),
                                action: audit_action::SETTINGS_CHANGE.into(),
                                target_kind: "workspace".into(),
                                target_id: Some(ws.0),
                                detail: String::new(),
                            },
                        )
                        .await
                        .map(|_| ()),
                };
                match outcome {
                    Ok(()) => writes.fetch_add(1, Ordering::Relaxed),
                    Err(e) => {
                        eprintln!("write failed: {e}");
                        failures.fetch_add(1, Ordering::Relaxed)
                    }
                };
                i += 1;
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let (failures, writes) = (
        failures.load(Ordering::Relaxed),
        writes.load(Ordering::Relaxed),
    );
    eprintln!("{writes} writes, {failures} failures");
    assert_eq!(failures, 0, "no write may fail while events are ingested");
    assert!(writes > 20, "the test did some work ({writes} writes)");
}

async fn the_audit_trail_is_appended_filtered_and_kept_per_workspace(db: &TestDb) {
    let store = &db.store;
    let a = fixture(store, "a").await;
    let b = fixture(store, "b").await;
    let entry = |at: i64, user: Option<UserId>, action: &str| AuditEntry {
        at,
        actor: Actor {
            user_id: user,
            label: "Olivia Owner".into(),
            client_address: Some("192.0.2.7".into()),
        },
        action: action.into(),
        target_kind: "api_key".into(),
        target_id: Some(4),
        detail: "key 4".into(),
    };
    store
        .record_audit(
            a.ws,
            &entry(NOW, Some(a.owner), audit_action::API_KEY_CREATE),
        )
        .await
        .unwrap();
    store
        .record_audit(a.ws, &entry(NOW + 10, None, audit_action::SIGNIN_FAILED))
        .await
        .unwrap();
    store
        .record_audit(
            a.ws,
            &entry(NOW + 20, Some(a.owner), audit_action::API_KEY_REVOKE),
        )
        .await
        .unwrap();
    // An actor of another workspace is not recorded as a user of this one.
    let id = store
        .record_audit(a.ws, &entry(NOW + 30, Some(b.owner), audit_action::SIGNIN))
        .await
        .unwrap();

    let all = store
        .audit_log(a.ws, &AuditFilter::default())
        .await
        .unwrap();
    assert_eq!(all.total, 4);
    assert_eq!(all.entries[0].id, id, "newest first");
    assert_eq!(all.entries[0].entry.actor.user_id, None);
    assert_eq!(
        all.entries[1].entry,
        entry(NOW + 20, Some(a.owner), audit_action::API_KEY_REVOKE)
    );

    let by_action = store
        .audit_log(
            a.ws,
            &AuditFilter {
                action: Some(audit_action::SIGNIN_FAILED.into()),
                ..AuditFilter::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(by_action.total, 1);
    assert_eq!(by_action.entries[0].entry.at, NOW + 10);

    let by_actor = store
        .audit_log(
            a.ws,
            &AuditFilter {
                actor: Some(a.owner),
                ..AuditFilter::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(by_actor.total, 2);

    let window = store
        .audit_log(
            a.ws,
            &AuditFilter {
                from: Some(NOW + 10),
                to: Some(NOW + 30),
                limit: 1,
                offset: 1,
                ..AuditFilter::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(window.total, 2, "the count ignores the page");
    assert_eq!(window.entries.len(), 1);
    assert_eq!(window.entries[0].entry.at, NOW + 10);

    let other = store
        .audit_log(b.ws, &AuditFilter::default())
        .await
        .unwrap();
    assert_eq!(other.total, 0, "another workspace sees none of it");

    // Below the application too, an entry cannot be changed.
    let raw = raw(db).await;
    let refused = match &raw {
        Raw::Sqlite(p) => sqlx::query("UPDATE audit_log SET detail = 'x'")
            .execute(p)
            .await
            .is_err(),
        Raw::Postgres(p) => sqlx::query("UPDATE audit_log SET detail = 'x'")
            .execute(p)
            .await
            .is_err(),
    };
    assert!(refused, "audit entries are append-only");
    raw.close().await;
}

async fn an_export_holds_everything_about_the_customer_and_zips(db: &TestDb) {
    let store = &db.store;
    let f = fixture(store, "a").await;
    fill(store, &f).await;
    let export = store
        .customer_export(f.ws, f.customer.id, NOW + 100)
        .await
        .unwrap();
    assert_eq!(export.profile.name, "Kirstine Vestergaard");
    assert_eq!(export.profile.phone.as_deref(), Some("+45 2012 3456"));
    assert!(
        export
            .consents
            .iter()
            .any(|c| c.kind == "marketing_email" && c.given)
    );
    // Two sent events, the visitor's joined event, the survey's event, and the imported
    // order's purchase event.
    assert_eq!(export.events.len(), 5, "{:?}", export.events);
    assert_eq!(export.orders.len(), 1);
    assert_eq!(export.orders[0].lines[0].product, "Cykeltaske");
    assert!(
        export
            .answers
            .iter()
            .any(|a| a.text.as_deref().is_some_and(|t| t.contains("Kirstine")))
    );
    assert!(export.answers.iter().any(|a| a.score == Some(3)));
    assert_eq!(export.cases.len(), 1);
    let case = &export.cases[0];
    let visibility: Vec<(&str, &str)> = case
        .entries
        .iter()
        .map(|e| (e.kind.as_str(), e.visibility.as_str()))
        .collect();
    assert!(visibility.contains(&("note", "internal")));
    assert!(visibility.contains(&("reply", "public")));
    assert_eq!(case.attachments.len(), 1);
    assert_eq!(export.files.len(), 1);
    assert_eq!(export.files[0].bytes, b"%PDF Kirstine Vestergaard receipt");
    assert_eq!(export.segments.len(), 1);
    assert_eq!(export.emails.len(), 1, "only e-mails sent to her address");
    assert_eq!(export.visitor_links.len(), 1);
    assert_eq!(export.followups.len(), 1, "her NPS 3 opened a follow-up");

    let bytes = kunde_store::export_zip::customer_zip(&export, Language::Da).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "README.txt",
            "answers.csv",
            "cases.csv",
            "customer.json",
            "events.csv",
            case.attachments[0].path.as_str(),
            "invoices.csv",
            "orders.csv",
        ]
    );
    let read = |archive: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>, name: &str| {
        let mut s = Vec::new();
        archive.by_name(name).unwrap().read_to_end(&mut s).unwrap();
        s
    };
    let readme = String::from_utf8(read(&mut archive, "README.txt")).unwrap();
    assert!(readme.starts_with("Dine data hos Cykler a"), "{readme}");
    for file in [
        "customer.json",
        "events.csv",
        "orders.csv",
        "answers.csv",
        "cases.csv",
        "files/",
    ] {
        assert!(readme.contains(file), "the README describes {file}");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&read(&mut archive, "customer.json")).unwrap();
    assert_eq!(json["profile"]["email"], "kirstine.vestergaard@a.example");
    assert_eq!(
        json["cases"][0]["attachments"][0]["file_name"],
        "kirstine-kvittering.pdf"
    );
    let events = String::from_utf8(read(&mut archive, "events.csv")).unwrap();
    assert_eq!(events.lines().count(), 6, "header and five events");
    assert_eq!(
        read(&mut archive, &case.attachments[0].path),
        b"%PDF Kirstine Vestergaard receipt"
    );
    let english = kunde_store::export_zip::readme(Language::En, &export);
    assert!(english.starts_with("Your data held by Cykler a"));

    // Another workspace cannot export her.
    let b = fixture(store, "b").await;
    assert!(matches!(
        store.customer_export(b.ws, f.customer.id, NOW).await,
        Err(StoreError::NotFound)
    ));
}

async fn an_erasure_leaves_no_personal_string_and_keeps_the_figures(db: &TestDb) {
    let store = &db.store;
    let f = fixture(store, "a").await;
    fill(store, &f).await;
    let raw = raw(db).await;
    const EVENTS: &str = "SELECT COUNT(*) FROM events WHERE workspace_id = $1";
    const ORDER_SUM: &str =
        "SELECT CAST(COALESCE(SUM(total), 0) AS BIGINT) FROM orders WHERE workspace_id = $1";
    const SCORES: &str =
        "SELECT COUNT(*) FROM survey_answers WHERE workspace_id = $1 AND score IS NOT NULL";
    const AMOUNTS: &str =
        "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM events WHERE workspace_id = $1";
    let figures = async |raw: &Raw| {
        (
            raw.scalar(EVENTS, f.ws).await,
            raw.scalar(ORDER_SUM, f.ws).await,
            raw.scalar(SCORES, f.ws).await,
            raw.scalar(AMOUNTS, f.ws).await,
        )
    };
    let before = figures(&raw).await;
    assert_eq!(before.1, 95_000);

    let counts = store
        .count_customer_data(f.ws, f.customer.id)
        .await
        .unwrap();
    assert_eq!(counts.events, 5);
    assert_eq!(counts.orders, 1);
    assert_eq!(counts.responses, 1);
    assert_eq!(counts.text_answers, 1);
    assert_eq!(counts.cases, 1);
    assert!(counts.case_entries >= 2);
    assert_eq!(counts.attachments, 1);
    assert_eq!(counts.emails, 2, "to her, and naming her address");
    assert_eq!(counts.visitor_links, 1);
    assert_eq!(counts.segments, 1);

    let needles = [
        "Kirstine",
        "Vestergaard",
        "kirstine.vestergaard@a.example",
        "2012 3456",
        "visitor-kirstine",
    ];
    // Before: each needle is somewhere (the test would prove nothing otherwise).
    let columns = raw.text_columns().await;
    assert!(columns.len() > 50, "{} text columns", columns.len());
    for needle in needles {
        let mut found = 0;
        for (t, c) in &columns {
            found += raw.count_containing(t, c, needle).await;
        }
        assert!(found > 0, "{needle} is stored before the erasure");
    }

    store
        .erase_customer(f.ws, f.customer.id, &Actor::system("kunde CLI"), NOW + 100)
        .await
        .unwrap();

    for needle in needles {
        for (t, c) in &columns {
            assert_eq!(
                raw.count_containing(t, c, needle).await,
                0,
                "{needle} is still in {t}.{c}"
            );
        }
    }
    assert_eq!(figures(&raw).await, before, "the figures do not move");
    let erased = store.get_customer(f.ws, f.customer.id).await.unwrap();
    assert_eq!(erased.name, format!("Erased customer #{}", f.customer.id.0));
    assert_eq!(erased.email, None);
    assert!(store.is_erased(f.ws, f.customer.id).await.unwrap());
    // The other customer keeps everything.
    let export = store.customer_export(f.ws, f.other.id, NOW).await.unwrap();
    assert_eq!(export.profile.name, "Bo Nielsen");
    assert_eq!(export.emails.len(), 1);
    assert_eq!(export.cases[0].entries[0].body, "Bo ringer igen");
    // What stays of her is anonymous and still hers.
    let after = store
        .customer_export(f.ws, f.customer.id, NOW)
        .await
        .unwrap();
    assert_eq!(after.events.len(), 5);
    assert_eq!(after.orders.len(), 1);
    assert!(after.files.is_empty());
    assert_eq!(after.segments.len(), 1);
    let log = store
        .audit_log(
            f.ws,
            &AuditFilter {
                action: Some(audit_action::CUSTOMER_ERASE.into()),
                ..AuditFilter::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(log.total, 1);
    assert_eq!(log.entries[0].entry.target_id, Some(f.customer.id.0));
    // Erasing again changes nothing.
    store
        .erase_customer(f.ws, f.customer.id, &Actor::system("kunde CLI"), NOW + 200)
        .await
        .unwrap();
    assert_eq!(store.all_erasures().await.unwrap().len(), 1);
    assert_eq!(store.all_erasures().await.unwrap()[0].erased_at, NOW + 100);
    raw.close().await;
}

async fn an_erasure_in_another_workspace_finds_nothing(db: &TestDb) {
    let store = &db.store;
    let a = fixture(store, "a").await;
    let b = fixture(store, "b").await;
    assert!(matches!(
        store
            .erase_customer(b.ws, a.customer.id, &Actor::system("x"), NOW)
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.count_customer_data(b.ws, a.customer.id).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store.get_customer(a.ws, a.customer.id).await.unwrap().name,
        "Kirstine Vestergaard"
    );
    assert!(store.all_erasures().await.unwrap().is_empty());
}

async fn erasures_made_after_a_backup_are_reapplied(db: &TestDb) {
    let store = &db.store;
    let f = fixture(store, "a").await;
    fill(store, &f).await;
    let erasure_before = store.all_erasures().await.unwrap();
    assert!(erasure_before.is_empty());
    store
        .erase_customer(f.ws, f.customer.id, &Actor::system("x"), NOW + 100)
        .await
        .unwrap();
    let log = store.all_erasures().await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].customer_id, f.customer.id);

    // A database as it was before the erasure (what a backup holds): the same fixture in a
    // fresh store gives the same ids. `kunde restore` itself is tested in the CLI's tests.
    let restored = TestDb::sqlite().await.unwrap();
    let g = fixture(&restored.store, "a").await;
    assert_eq!(
        g.customer.id, f.customer.id,
        "same ids as before the erasure"
    );
    fill(&restored.store, &g).await;
    let n = restored
        .store
        .reapply_erasures(&log, NOW + 500)
        .await
        .unwrap();
    assert_eq!(n, 1);
    let c = restored
        .store
        .get_customer(g.ws, g.customer.id)
        .await
        .unwrap();
    assert_eq!(c.name, kunde_store::erased_name(g.customer.id));
    let relog = restored.store.all_erasures().await.unwrap();
    assert_eq!(relog[0].erased_at, NOW + 100, "the original time is kept");
    // Re-applying again does nothing; an erasure of a customer the backup never had is skipped.
    let mut more = log.clone();
    more.push(kunde_store::Erasure {
        workspace_id: g.ws,
        customer_id: CustomerId(999_999),
        erased_at: NOW + 200,
    });
    assert_eq!(
        restored
            .store
            .reapply_erasures(&more, NOW + 600)
            .await
            .unwrap(),
        0
    );
}

async fn the_retention_rule_lists_inactive_customers_then_erases_them(db: &TestDb) {
    let store = &db.store;
    let f = fixture(store, "a").await;
    assert_eq!(
        store.retention_rule(f.ws).await.unwrap(),
        None,
        "off by default"
    );
    store.set_retention_rule(f.ws, Some(3), NOW).await.unwrap();
    assert_eq!(store.retention_rule(f.ws).await.unwrap(), Some(3));
    assert!(store.set_retention_rule(f.ws, Some(0), NOW).await.is_err());

    let old = store
        .create_customer(
            f.ws,
            &NewCustomer {
                email: Some(Email::parse("gammel@a.example").unwrap()),
                ..NewCustomer::named(name("Gammel Kunde"), NOW - 6 * YEAR)
            },
        )
        .await
        .unwrap();
    // Created long ago but bought something two years ago: active.
    let returning = store
        .create_customer(
            f.ws,
            &NewCustomer::named(name("Tilbage Igen"), NOW - 6 * YEAR),
        )
        .await
        .unwrap();
    store
        .ingest_events(
            f.ws,
            &[
                event(
                    f.touchpoint,
                    Some(CustomerRef::Id(returning.id)),
                    NOW - 2 * YEAR,
                    "{}",
                ),
                event(
                    f.touchpoint,
                    Some(CustomerRef::Id(old.id)),
                    NOW - 5 * YEAR,
                    "{}",
                ),
            ],
            NOW,
        )
        .await
        .unwrap()
        .unwrap();
    let listed = store.inactive_customers(f.ws, 3, NOW).await.unwrap();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0].id, old.id);
    assert_eq!(listed[0].name, "Gammel Kunde");
    assert_eq!(listed[0].last_activity, NOW - 5 * YEAR);
    let b = fixture(store, "b").await;
    assert!(
        store
            .inactive_customers(b.ws, 3, NOW)
            .await
            .unwrap()
            .is_empty()
    );

    let erased = store
        .erase_inactive_customers(f.ws, 3, &Actor::system("retention"), NOW)
        .await
        .unwrap();
    assert_eq!(erased, vec![old.id]);
    assert!(store.is_erased(f.ws, old.id).await.unwrap());
    assert!(
        store
            .inactive_customers(f.ws, 3, NOW)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store.get_customer(f.ws, returning.id).await.unwrap().name,
        "Tilbage Igen"
    );
}
