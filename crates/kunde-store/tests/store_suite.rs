//! The store test suite, written once and run against every backend: SQLite always, and
//! PostgreSQL when `KUNDE_TEST_DATABASE_URL` names a server (CI always sets it). Each test
//! gets a database of its own.

use kunde_domain::*;
use kunde_store::testing::TestDb;
use kunde_store::{CustomerQuery, Store, StoreError};

const NOW: i64 = 1_760_000_000;

// Each test function runs on both backends.
kunde_store::store_suite!(
    a_workspace_is_created_with_its_owner,
    e_mail_addresses_are_unique_across_the_server,
    customers_are_created_listed_searched_and_updated,
    a_workspace_never_sees_another_workspaces_customers,
    journeys_keep_their_stages_in_order_and_touchpoints_in_stages,
    touchpoints_cannot_point_at_another_workspaces_stage,
    an_event_batch_with_one_bad_event_stores_nothing,
    the_timeline_interleaves_events_and_orders_newest_first,
    sessions_expire_and_end_on_sign_out,
    an_invitation_is_opened_once_by_setting_a_password,
    a_workspace_import_is_written_whole,
);

fn name(s: &str) -> NonEmpty {
    NonEmpty::parse("name", s).unwrap()
}

fn owner(email: &str) -> NewUser {
    NewUser {
        name: name("Mette Hansen"),
        email: Email::parse(email).unwrap(),
        role: Role::Owner,
        language: Language::Da,
        password: None,
    }
}

async fn workspace(store: &Store, business: &str, email: &str) -> (Workspace, User) {
    let ws = NewWorkspace {
        name: name(business),
        default_language: Language::Da,
        currency: "DKK".into(),
    };
    store
        .create_workspace(&ws, &owner(email), "$argon2id$fake", NOW)
        .await
        .unwrap()
}

fn customer(n: &str, email: Option<&str>) -> NewCustomer {
    NewCustomer {
        email: email.map(|e| Email::parse(e).unwrap()),
        acquisition_channel: Some(name("google_ads")),
        acquisition_cost: Money(15_000),
        ..NewCustomer::named(name(n), NOW)
    }
}

async fn a_workspace_is_created_with_its_owner(store: &Store) {
    assert_eq!(store.count_workspaces().await.unwrap(), 0);
    let (ws, user) = workspace(store, "Cykelsmeden", "mette@cykelsmeden.dk").await;
    assert_eq!(store.count_workspaces().await.unwrap(), 1);
    assert_eq!(ws.name, "Cykelsmeden");
    assert_eq!(ws.default_language, Language::Da);
    assert_eq!(user.workspace_id, ws.id);
    assert_eq!(user.role, Role::Owner);
    assert!(user.active);
    let found = store
        .find_user_by_email(&Email::parse("METTE@cykelsmeden.dk").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.user, user);
    assert_eq!(found.password_hash.as_deref(), Some("$argon2id$fake"));
    assert_eq!(store.get_workspace(ws.id).await.unwrap(), ws);
}

async fn e_mail_addresses_are_unique_across_the_server(store: &Store) {
    workspace(store, "A", "same@example.dk").await;
    let ws = NewWorkspace {
        name: name("B"),
        default_language: Language::En,
        currency: "DKK".into(),
    };
    let err = store
        .create_workspace(&ws, &owner("same@example.dk"), "h", NOW)
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict(what) if what.contains("e-mail")),
        "{err:?}"
    );
    // The failed attempt wrote nothing: no workspace without an owner.
    assert_eq!(store.count_workspaces().await.unwrap(), 1);
}

async fn customers_are_created_listed_searched_and_updated(store: &Store) {
    let (ws, _) = workspace(store, "Salon Sax", "owner@sax.se").await;
    let anna = store
        .create_customer(ws.id, &customer("Anna Øberg", Some("anna@example.se")))
        .await
        .unwrap();
    store
        .create_customer(ws.id, &customer("Bo Berg", None))
        .await
        .unwrap();
    store
        .create_customer(ws.id, &customer("Maria Santos", Some("maria@example.ph")))
        .await
        .unwrap();

    let all = store
        .list_customers(
            ws.id,
            &CustomerQuery {
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(all.1, 3);
    let found = store
        .list_customers(
            ws.id,
            &CustomerQuery {
                search: Some("ANNA@".into()),
                limit: 10,
                offset: 0,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        found.0.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        ["Anna Øberg"]
    );
    let page = store
        .list_customers(
            ws.id,
            &CustomerQuery {
                search: None,
                limit: 2,
                offset: 2,
            },
        )
        .await
        .unwrap();
    assert_eq!((page.0.len(), page.1), (1, 3));

    let dup = store
        .create_customer(ws.id, &customer("Anna igen", Some("anna@example.se")))
        .await
        .unwrap_err();
    assert!(matches!(dup, StoreError::Conflict(_)), "{dup:?}");

    let mut changed = customer("Anna Öberg", Some("anna@example.se"));
    changed.marketing_consent = true;
    changed.language = Language::Sv;
    let updated = store
        .update_customer(ws.id, anna.id, &changed)
        .await
        .unwrap();
    assert_eq!(updated.name, "Anna Öberg");
    assert!(updated.marketing_consent);
    assert_eq!(updated.language, Language::Sv);
    assert_eq!(updated.created_at, anna.created_at);
    assert_eq!(store.get_customer(ws.id, anna.id).await.unwrap(), updated);
}

async fn a_workspace_never_sees_another_workspaces_customers(store: &Store) {
    let (a, _) = workspace(store, "A", "a@a.dk").await;
    let (b, _) = workspace(store, "B", "b@b.dk").await;
    let theirs = store
        .create_customer(b.id, &customer("Secret", Some("s@b.dk")))
        .await
        .unwrap();
    assert!(matches!(
        store.get_customer(a.id, theirs.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .update_customer(a.id, theirs.id, &customer("Hacked", None))
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store
            .list_customers(
                a.id,
                &CustomerQuery {
                    limit: 10,
                    ..Default::default()
                }
            )
            .await
            .unwrap()
            .1,
        0
    );
    assert_eq!(
        store.get_customer(b.id, theirs.id).await.unwrap().name,
        "Secret"
    );
    // The same customer e-mail may exist in two businesses.
    store
        .create_customer(a.id, &customer("Other person", Some("s@b.dk")))
        .await
        .unwrap();
    // Events and orders refuse another workspace's customer.
    let order = NewOrder {
        discount_code: None,
        customer_id: theirs.id,
        reference: None,
        ordered_at: NOW,
        paid: true,
        lines: vec![],
    };
    assert!(matches!(
        store.insert_order(a.id, &order).await,
        Err(StoreError::InvalidReference(_))
    ));
}

async fn new_touchpoint(store: &Store, ws: WorkspaceId, stage: StageId, n: &str) -> Touchpoint {
    let t = NewTouchpoint {
        stage_id: stage,
        name: name(n),
        channel: Channel::Phone,
        digital: false,
        owned: true,
        owner_id: None,
        customer_goal: "Book a time".into(),
        pain_points: "Long queue".into(),
        ideas: String::new(),
    };
    store.create_touchpoint(ws, &t).await.unwrap()
}

async fn journeys_keep_their_stages_in_order_and_touchpoints_in_stages(store: &Store) {
    let (ws, user) = workspace(store, "Bikes", "o@bikes.dk").await;
    let j = NewJourney {
        name: name("Repair"),
        description: "From a flat tyre to a happy rider".into(),
        variant: JourneyVariant::AsIs,
        counterpart_of: None,
        parent_id: None,
    };
    let journey = store
        .create_journey(ws.id, &j, &DEFAULT_STAGES, NOW)
        .await
        .unwrap();
    let stages = store.list_stages(ws.id, journey.id).await.unwrap();
    assert_eq!(
        stages.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
        DEFAULT_STAGES
    );
    let call = new_touchpoint(store, ws.id, stages[2].id, "Call to book").await;
    let web = new_touchpoint(store, ws.id, stages[0].id, "Web site").await;
    let visit = new_touchpoint(store, ws.id, stages[2].id, "The visit").await;
    assert_eq!((call.position, visit.position), (0, 1));
    let listed = store.list_touchpoints(ws.id, journey.id).await.unwrap();
    assert_eq!(
        listed.iter().map(|t| t.id).collect::<Vec<_>>(),
        [web.id, call.id, visit.id]
    );
    assert_eq!(listed[1].pain_points, "Long queue");

    let to_be = NewJourney {
        name: name("Repair, redesigned"),
        variant: JourneyVariant::ToBe,
        counterpart_of: Some(journey.id),
        ..j.clone()
    };
    let redesign = store
        .create_journey(ws.id, &to_be, &["Book online", "Visit"], NOW)
        .await
        .unwrap();
    assert_eq!(redesign.counterpart_of, Some(journey.id));
    assert_eq!(store.list_journeys(ws.id).await.unwrap().len(), 2);
    let with_owner = NewTouchpoint {
        owner_id: Some(user.id),
        ..NewTouchpoint {
            stage_id: stages[3].id,
            name: name("Invoice"),
            channel: Channel::Email,
            digital: true,
            owned: true,
            owner_id: None,
            customer_goal: String::new(),
            pain_points: String::new(),
            ideas: String::new(),
        }
    };
    assert_eq!(
        store
            .create_touchpoint(ws.id, &with_owner)
            .await
            .unwrap()
            .owner_id,
        Some(user.id)
    );
}

async fn touchpoints_cannot_point_at_another_workspaces_stage(store: &Store) {
    let (a, _) = workspace(store, "A", "a@a.dk").await;
    let (b, b_owner) = workspace(store, "B", "b@b.dk").await;
    let j = NewJourney {
        name: name("J"),
        description: String::new(),
        variant: JourneyVariant::AsIs,
        counterpart_of: None,
        parent_id: None,
    };
    let theirs = store
        .create_journey(b.id, &j, &DEFAULT_STAGES, NOW)
        .await
        .unwrap();
    let their_stage = store.list_stages(b.id, theirs.id).await.unwrap()[0].id;
    let t = NewTouchpoint {
        stage_id: their_stage,
        name: name("Sneaky"),
        channel: Channel::Web,
        digital: true,
        owned: true,
        owner_id: None,
        customer_goal: String::new(),
        pain_points: String::new(),
        ideas: String::new(),
    };
    assert!(matches!(
        store.create_touchpoint(a.id, &t).await,
        Err(StoreError::InvalidReference(_))
    ));
    assert!(store.list_stages(a.id, theirs.id).await.unwrap().is_empty());
    let mine = store
        .create_journey(a.id, &j, &DEFAULT_STAGES, NOW)
        .await
        .unwrap();
    let my_stage = store.list_stages(a.id, mine.id).await.unwrap()[0].id;
    let foreign_owner = NewTouchpoint {
        stage_id: my_stage,
        owner_id: Some(b_owner.id),
        ..t
    };
    assert!(matches!(
        store.create_touchpoint(a.id, &foreign_owner).await,
        Err(StoreError::InvalidReference(_))
    ));
}

async fn an_event_batch_with_one_bad_event_stores_nothing(store: &Store) {
    let (ws, _) = workspace(store, "Bikes", "o@bikes.dk").await;
    let j = NewJourney {
        name: name("J"),
        description: String::new(),
        variant: JourneyVariant::AsIs,
        counterpart_of: None,
        parent_id: None,
    };
    let journey = store
        .create_journey(ws.id, &j, &DEFAULT_STAGES, NOW)
        .await
        .unwrap();
    let stage = store.list_stages(ws.id, journey.id).await.unwrap()[0].id;
    let tp = new_touchpoint(store, ws.id, stage, "Web site").await;
    let c = store
        .create_customer(ws.id, &customer("Bo", None))
        .await
        .unwrap();
    let event = |tp: TouchpointId, at: i64| NewEvent {
        customer_id: Some(c.id),
        visitor_id: None,
        touchpoint_id: tp,
        occurred_at: at,
        channel: Channel::Web,
        amount: None,
        properties: "{}".into(),
    };
    let batch = vec![
        event(tp.id, NOW),
        event(TouchpointId(999_999), NOW + 1),
        event(tp.id, NOW + 2),
    ];
    let err = store.insert_events(ws.id, &batch).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::InvalidReference(m) if m.starts_with("event 1")),
        "{err:?}"
    );
    assert_eq!(store.workspace_totals(ws.id).await.unwrap().events, 0);
    assert_eq!(
        store
            .insert_events(ws.id, &[event(tp.id, NOW), event(tp.id, NOW + 5)])
            .await
            .unwrap(),
        2
    );
    assert_eq!(store.workspace_totals(ws.id).await.unwrap().events, 2);
}

async fn the_timeline_interleaves_events_and_orders_newest_first(store: &Store) {
    let (ws, _) = workspace(store, "Bikes", "o@bikes.dk").await;
    let j = NewJourney {
        name: name("J"),
        description: String::new(),
        variant: JourneyVariant::AsIs,
        counterpart_of: None,
        parent_id: None,
    };
    let journey = store
        .create_journey(ws.id, &j, &DEFAULT_STAGES, NOW)
        .await
        .unwrap();
    let stage = store.list_stages(ws.id, journey.id).await.unwrap()[1].id;
    let tp = new_touchpoint(store, ws.id, stage, "Call to book").await;
    let c = store
        .create_customer(ws.id, &customer("Bo", None))
        .await
        .unwrap();
    let e = NewEvent {
        customer_id: Some(c.id),
        visitor_id: None,
        touchpoint_id: tp.id,
        occurred_at: NOW + 10,
        channel: Channel::Phone,
        amount: None,
        properties: "{}".into(),
    };
    store
        .insert_events(
            ws.id,
            &[
                e.clone(),
                NewEvent {
                    occurred_at: NOW + 30,
                    ..e
                },
            ],
        )
        .await
        .unwrap();
    let order = NewOrder {
        discount_code: None,
        customer_id: c.id,
        reference: Some("A-17".into()),
        ordered_at: NOW + 20,
        paid: false,
        lines: vec![
            NewOrderLine {
                product: name("Service"),
                quantity: 1,
                unit_price: Money(49_900),
            },
            NewOrderLine {
                product: name("Inner tube"),
                quantity: 2,
                unit_price: Money(7_950),
            },
        ],
    };
    store.insert_order(ws.id, &order).await.unwrap();
    let timeline = store.customer_timeline(ws.id, c.id, 50).await.unwrap();
    let kinds: Vec<_> = timeline.iter().map(|i| (i.kind, i.at)).collect();
    assert_eq!(
        kinds,
        [
            ("event", NOW + 30),
            ("order", NOW + 20),
            ("event", NOW + 10)
        ]
    );
    assert_eq!(timeline[1].amount, Some(Money(65_800)));
    assert_eq!(timeline[1].detail, "Service, 2 × Inner tube");
    assert_eq!(timeline[0].title, "Call to book");
    let totals = store.workspace_totals(ws.id).await.unwrap();
    assert_eq!((totals.orders, totals.revenue), (1, Money(65_800)));
}

async fn sessions_expire_and_end_on_sign_out(store: &Store) {
    let (ws, user) = workspace(store, "Bikes", "o@bikes.dk").await;
    store
        .create_session("hash-1", &user, NOW, NOW + 3600)
        .await
        .unwrap();
    let s = store
        .session_user("hash-1", NOW + 10)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((s.user.id, s.workspace.id), (user.id, ws.id));
    assert!(
        store
            .session_user("hash-1", NOW + 3600)
            .await
            .unwrap()
            .is_none(),
        "expired"
    );
    assert!(store.session_user("unknown", NOW).await.unwrap().is_none());
    store.delete_session("hash-1").await.unwrap();
    assert!(
        store
            .session_user("hash-1", NOW + 10)
            .await
            .unwrap()
            .is_none()
    );
    store
        .create_session("hash-2", &user, NOW, NOW + 3600)
        .await
        .unwrap();
    assert_eq!(store.purge_sessions(NOW + 7200).await.unwrap(), 1);
}

async fn an_invitation_is_opened_once_by_setting_a_password(store: &Store) {
    let (ws, _) = workspace(store, "Bikes", "o@bikes.dk").await;
    let staff = NewUser {
        name: name("Jonas"),
        email: Email::parse("jonas@bikes.dk").unwrap(),
        role: Role::Staff,
        language: Language::Sv,
        password: None,
    };
    let invited = store
        .create_user(ws.id, &staff, None, Some(("invite-hash", NOW + 100)), NOW)
        .await
        .unwrap();
    assert!(!invited.active);
    assert!(
        store
            .find_invitation("invite-hash", NOW + 100)
            .await
            .unwrap()
            .is_none(),
        "expired at the limit"
    );
    assert_eq!(
        store
            .find_invitation("invite-hash", NOW)
            .await
            .unwrap()
            .unwrap()
            .id,
        invited.id
    );
    // An inactive user cannot hold a session.
    store
        .create_session("s", &invited, NOW, NOW + 100)
        .await
        .unwrap();
    assert!(store.session_user("s", NOW).await.unwrap().is_none());
    store
        .set_password(ws.id, invited.id, "$argon2id$new")
        .await
        .unwrap();
    assert!(
        store
            .find_invitation("invite-hash", NOW)
            .await
            .unwrap()
            .is_none(),
        "used once"
    );
    let user = store.get_user(ws.id, invited.id).await.unwrap();
    assert!(user.active);
    assert_eq!(store.list_users(ws.id).await.unwrap().len(), 2);
}

async fn a_workspace_import_is_written_whole(store: &Store) {
    let tp = |key: &str| ImportTouchpoint {
        key: key.into(),
        name: key.into(),
        channel: Channel::Web,
        digital: true,
        owned: true,
        owner: Some(0),
        customer_goal: String::new(),
        pain_points: String::new(),
        ideas: String::new(),
    };
    let mut import = WorkspaceImport {
        workspace: NewWorkspace {
            name: name("Imported"),
            default_language: Language::Tl,
            currency: "PHP".into(),
        },
        users: vec![(owner("owner@imported.ph"), Some("$argon2id$x".into()))],
        customers: (0..3).map(|i| customer(&format!("C{i}"), None)).collect(),
        journeys: vec![ImportJourney {
            name: "Main".into(),
            description: String::new(),
            variant: JourneyVariant::AsIs,
            counterpart_of: None,
            parent: None,
            stages: vec![ImportStage {
                name: "Awareness".into(),
                touchpoints: vec![tp("ad"), tp("site")],
            }],
        }],
        events: (0..2500)
            .map(|i| ImportEvent {
                customer: i % 3,
                touchpoint: if i % 2 == 0 {
                    "ad".into()
                } else {
                    "site".into()
                },
                occurred_at: NOW + i as i64,
                channel: Channel::Web,
                amount: None,
                properties: "{}".into(),
            })
            .collect(),
        orders: vec![ImportOrder {
            customer: 1,
            reference: None,
            ordered_at: NOW,
            paid: true,
            lines: vec![("Thing".into(), 3, Money(1000))],
        }],
        kb: ImportKb::default(),
        cases: Vec::new(),
        surveys: vec![],
        touchpoint_counterparts: Vec::new(),
        competitors: Default::default(),
    };
    let ws = store.import_workspace(&import, NOW).await.unwrap();
    let totals = store.workspace_totals(ws).await.unwrap();
    assert_eq!(
        (
            totals.customers,
            totals.events,
            totals.orders,
            totals.revenue
        ),
        (3, 2500, 1, Money(3000))
    );

    // A bad reference at the very end leaves nothing behind.
    import.users[0].0.email = Email::parse("other@imported.ph").unwrap();
    import.events.push(ImportEvent {
        touchpoint: "missing".into(),
        ..import.events[0].clone()
    });
    assert!(store.import_workspace(&import, NOW).await.is_err());
    assert_eq!(store.count_workspaces().await.unwrap(), 1);
}

#[tokio::test]
async fn a_sqlite_backup_is_a_working_copy_taken_while_open() {
    let db = TestDb::sqlite().await.unwrap();
    workspace(&db.store, "Bikes", "o@bikes.dk").await;
    let dir = std::env::temp_dir().join(format!("kunde-backup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let target = dir.join("copy.sqlite");
    let _ = std::fs::remove_file(&target);
    db.store.backup_sqlite(&target).await.unwrap();
    let copy = Store::connect(&format!("sqlite://{}", target.display()))
        .await
        .unwrap();
    assert_eq!(copy.list_workspaces().await.unwrap()[0].name, "Bikes");
    copy.close().await;
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn unsupported_urls_are_refused_with_a_clear_message() {
    let err = Store::connect("mysql://localhost/kunde").await.unwrap_err();
    assert!(err.to_string().contains("use sqlite://"), "{err}");
}
