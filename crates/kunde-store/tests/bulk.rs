//! Bulk inserts for CSV imports, on both databases: everything or nothing, duplicates
//! skipped and counted, cancellation and a failure half-way leaving no trace.

use kunde_domain::*;
use kunde_store::{BulkControl, BulkOrder, Store, StoreError};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

const NOW: i64 = 1_760_000_000;

kunde_store::store_suite!(
    customers_are_inserted_in_bulk_and_known_e_mails_skipped,
    cancelling_half_way_leaves_nothing,
    a_bad_reference_late_in_a_batch_of_events_rolls_back_the_earlier_chunks,
    orders_create_missing_customers_and_skip_known_order_numbers,
    imported_orders_are_purchases_at_the_touchpoint_where_customers_buy,
);

fn name(s: &str) -> NonEmpty {
    NonEmpty::parse("name", s).unwrap()
}

async fn workspace(store: &Store, slug: &str) -> WorkspaceId {
    let ws = NewWorkspace {
        name: name(slug),
        default_language: Language::Da,
        currency: "DKK".into(),
    };
    let owner = NewUser {
        name: name("Owner"),
        email: Email::parse(&format!("owner@{slug}.test")).unwrap(),
        role: Role::Owner,
        language: Language::Da,
        password: None,
    };
    store
        .create_workspace(&ws, &owner, "hash", NOW)
        .await
        .unwrap()
        .0
        .id
}

fn customer(i: usize) -> NewCustomer {
    NewCustomer {
        email: Some(Email::parse(&format!("c{i}@example.dk")).unwrap()),
        ..NewCustomer::named(name(&format!("Customer {i}")), NOW)
    }
}

fn quiet() -> (impl Fn(u64) + Send + Sync, AtomicBool) {
    (|_| {}, AtomicBool::new(false))
}

async fn touchpoint(store: &Store, ws: WorkspaceId) -> TouchpointId {
    let journey = NewJourney {
        name: name("Main"),
        description: String::new(),
        variant: JourneyVariant::AsIs,
        counterpart_of: None,
        parent_id: None,
    };
    let j = store
        .create_journey(ws, &journey, &["Service"], NOW)
        .await
        .unwrap();
    let stage = store.list_stages(ws, j.id).await.unwrap()[0].id;
    let t = NewTouchpoint {
        stage_id: stage,
        name: name("Phone call"),
        channel: Channel::Phone,
        digital: false,
        owned: true,
        owner_id: None,
        customer_goal: String::new(),
        pain_points: String::new(),
        ideas: String::new(),
    };
    store.create_touchpoint(ws, &t).await.unwrap().id
}

async fn customers_are_inserted_in_bulk_and_known_e_mails_skipped(store: &Store) {
    let ws = workspace(store, "a").await;
    let other = workspace(store, "b").await;
    store.create_customer(ws, &customer(3)).await.unwrap();
    // The same address in another workspace is another business's customer: no conflict.
    store.create_customer(other, &customer(4)).await.unwrap();
    let batch: Vec<NewCustomer> = (0..1_200).map(customer).collect();
    let seen = AtomicU64::new(0);
    let progress = |n| seen.store(n, Ordering::Relaxed);
    let cancel = AtomicBool::new(false);
    let out = store
        .bulk_insert_customers(
            ws,
            &batch,
            &BulkControl {
                progress: &progress,
                cancel: &cancel,
            },
        )
        .await
        .unwrap();
    assert_eq!((out.inserted, out.skipped), (1_199, 1));
    assert_eq!(
        seen.load(Ordering::Relaxed),
        1_200,
        "progress reaches the end"
    );
    assert_eq!(store.workspace_totals(ws).await.unwrap().customers, 1_200);
    assert_eq!(store.workspace_totals(other).await.unwrap().customers, 1);
    let ids = store.customer_ids_by_email(ws).await.unwrap();
    assert_eq!(ids.len(), 1_200);
    assert!(ids.contains_key(&Email::parse("c1199@example.dk").unwrap()));
}

async fn cancelling_half_way_leaves_nothing(store: &Store) {
    let ws = workspace(store, "a").await;
    let batch: Vec<NewCustomer> = (0..1_500).map(customer).collect();
    let cancel = AtomicBool::new(false);
    // The first chunk is written, then the user cancels.
    let progress = |_| cancel.store(true, Ordering::Relaxed);
    let result = store
        .bulk_insert_customers(
            ws,
            &batch,
            &BulkControl {
                progress: &progress,
                cancel: &cancel,
            },
        )
        .await;
    assert!(matches!(result, Err(StoreError::Cancelled)), "{result:?}");
    assert_eq!(store.workspace_totals(ws).await.unwrap().customers, 0);
}

async fn a_bad_reference_late_in_a_batch_of_events_rolls_back_the_earlier_chunks(store: &Store) {
    let ws = workspace(store, "a").await;
    let other = workspace(store, "b").await;
    let tp = touchpoint(store, ws).await;
    let foreign_tp = touchpoint(store, other).await;
    let c = store.create_customer(ws, &customer(1)).await.unwrap();
    let event = |touchpoint_id| NewEvent {
        customer_id: Some(c.id),
        visitor_id: None,
        touchpoint_id,
        occurred_at: NOW,
        channel: Channel::Phone,
        amount: Some(Money(12_50)),
        properties: "{}".into(),
    };
    let mut batch: Vec<NewEvent> = (0..1_100).map(|_| event(tp)).collect();
    batch[1_050] = event(foreign_tp);
    let written = AtomicU64::new(0);
    let progress = |n| written.store(n, Ordering::Relaxed);
    let cancel = AtomicBool::new(false);
    let ctl = BulkControl {
        progress: &progress,
        cancel: &cancel,
    };
    let err = store
        .bulk_insert_events(ws, &batch, &ctl)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("event 1050"), "{err}");
    assert_eq!(
        written.load(Ordering::Relaxed),
        1_000,
        "two chunks had been written"
    );
    assert_eq!(store.workspace_totals(ws).await.unwrap().events, 0);

    batch[1_050] = event(tp);
    let out = store.bulk_insert_events(ws, &batch, &ctl).await.unwrap();
    assert_eq!(out.inserted, 1_100);
    assert_eq!(store.workspace_totals(ws).await.unwrap().events, 1_100);
    assert_eq!(store.workspace_totals(other).await.unwrap().events, 0);
}

async fn orders_create_missing_customers_and_skip_known_order_numbers(store: &Store) {
    let ws = workspace(store, "a").await;
    let known = store.create_customer(ws, &customer(1)).await.unwrap();
    let line = |product: &str, quantity, price| NewOrderLine {
        product: name(product),
        quantity,
        unit_price: Money(price),
    };
    let order = |email: &str, reference: &str, lines, total| BulkOrder {
        discount_code: None,
        email: Email::parse(email).unwrap(),
        customer_name: Some(name("Ny Kunde")),
        reference: Some(reference.into()),
        ordered_at: NOW,
        paid: true,
        lines,
        total: Money(total),
    };
    // Order #1 paid 49.00 shipping on top of its lines (22,050): its total is what was paid.
    let batch = vec![
        order(
            "c1@example.dk",
            "#1",
            vec![line("Bell", 2, 5_000), line("Lamp", 1, 12_050)],
            22_050 + 4_900,
        ),
        order(
            "new@example.dk",
            "#2",
            vec![line("Tyre", 1, 30_000)],
            30_000,
        ),
        order("new@example.dk", "#3", vec![line("Tube", 1, 5_000)], 5_000),
    ];
    let (progress, cancel) = quiet();
    let ctl = BulkControl {
        progress: &progress,
        cancel: &cancel,
    };
    let out = store.bulk_insert_orders(ws, &batch, &ctl).await.unwrap();
    assert_eq!(
        (out.inserted, out.skipped, out.customers_created),
        (3, 0, 1)
    );
    let totals = store.workspace_totals(ws).await.unwrap();
    assert_eq!(
        (totals.customers, totals.orders, totals.revenue),
        (2, 3, Money(22_050 + 4_900 + 30_000 + 5_000))
    );
    let timeline = store.customer_timeline(ws, known.id, 10).await.unwrap();
    assert_eq!(timeline[0].detail, "2 × Bell, Lamp");
    let ids = store.customer_ids_by_email(ws).await.unwrap();
    let created = store
        .get_customer(ws, ids[&Email::parse("new@example.dk").unwrap()])
        .await
        .unwrap();
    assert_eq!(
        (created.name.as_str(), created.language),
        ("Ny Kunde", Language::Da)
    );

    // Importing the same export again adds nothing.
    let again = store.bulk_insert_orders(ws, &batch, &ctl).await.unwrap();
    assert_eq!(
        (again.inserted, again.skipped, again.customers_created),
        (0, 3, 0)
    );
    assert_eq!(store.workspace_totals(ws).await.unwrap().orders, 3);
}

/// Issue 20: an imported order (a shop's export) is a purchase at the touchpoint where the
/// business's customers buy, so retention, churn, revenue and lifetime value count it.
async fn imported_orders_are_purchases_at_the_touchpoint_where_customers_buy(store: &Store) {
    let ws = workspace(store, "buy").await;
    let tp = touchpoint(store, ws).await;
    let order = |email: &str, reference: &str, at: i64, total: i64| BulkOrder {
        discount_code: None,
        email: Email::parse(email).unwrap(),
        customer_name: None,
        reference: Some(reference.into()),
        ordered_at: at,
        paid: true,
        lines: vec![NewOrderLine {
            product: name("Tyre"),
            quantity: 1,
            unit_price: Money(total - 4_900),
        }],
        total: Money(total),
    };
    let batch = vec![
        order("a@example.dk", "#1", NOW - 90 * 86_400, 30_000),
        order("a@example.dk", "#2", NOW - 10 * 86_400, 12_000),
        order("b@example.dk", "#3", NOW - 5 * 86_400, 7_500),
    ];
    let (progress, cancel) = quiet();
    let ctl = BulkControl {
        progress: &progress,
        cancel: &cancel,
    };
    store.bulk_insert_orders(ws, &batch, &ctl).await.unwrap();
    let data = store.load_event_log(ws).await.unwrap();
    let log_tp = data.touchpoints[&tp];
    let mut purchases: Vec<(i64, i64)> = data
        .log
        .customers()
        .flat_map(|c| {
            (0..c.len())
                .filter(move |&i| c.touchpoint(i) == log_tp)
                .map(move |i| (c.times[i], (c.amounts[i] * 100.0).round() as i64))
        })
        .collect();
    purchases.sort();
    assert_eq!(
        purchases,
        vec![
            (NOW - 90 * 86_400, 30_000),
            (NOW - 10 * 86_400, 12_000),
            (NOW - 5 * 86_400, 7_500)
        ],
        "every order is a purchase event with what the customer paid"
    );
    // Importing the same export again adds no purchase twice.
    store.bulk_insert_orders(ws, &batch, &ctl).await.unwrap();
    assert_eq!(store.load_event_log(ws).await.unwrap().log.event_count(), 3);
}
