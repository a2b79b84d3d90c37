//! Rule segments (issue 15): a rule is stored and read back unchanged, edited only as a rule
//! and only in its workspace; the workspace-wide reads the evaluation uses (customers, the
//! buyers of named products) see only their workspace.

use kunde_analytics::rfm::Segment as Rfm;
use kunde_analytics::segment_rule::{Condition, Rule};
use kunde_domain::*;
use kunde_store::{Store, StoreError};

const NOW: i64 = 1_767_225_600;

kunde_store::store_suite!(
    a_rule_is_stored_and_read_back_unchanged_and_edited_only_in_its_workspace,
    buyers_of_named_products_are_read_in_one_query_per_workspace,
);

fn name(s: &str) -> NonEmpty {
    NonEmpty::parse("name", s).unwrap()
}

async fn workspace(store: &Store, slug: &str) -> (WorkspaceId, UserId) {
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
    let (ws, user) = store
        .create_workspace(&ws, &owner, "hash", NOW)
        .await
        .unwrap();
    (ws.id, user.id)
}

async fn a_rule_is_stored_and_read_back_unchanged_and_edited_only_in_its_workspace(store: &Store) {
    let (ws, owner) = workspace(store, "shop").await;
    let (other, _) = workspace(store, "other").await;
    let rule = Rule {
        all: vec![
            Condition::Rfm(vec![Rfm::Champions]),
            Condition::LastOrderBefore(60),
            Condition::Bought("Kaffe – mørk".into()),
            Condition::AliveBelow(0.25),
        ],
    };
    let s = store
        .create_rule_segment(
            ws,
            &name("Champions gone quiet"),
            &rule.encode(),
            Some(owner),
            NOW,
        )
        .await
        .unwrap();
    assert_eq!(s.customers, 0);
    assert_eq!(s.name, "Champions gone quiet");
    let read = store.segment(ws, s.id).await.unwrap();
    assert_eq!(
        Rule::decode(read.rule.as_deref().unwrap()),
        Some(rule.clone())
    );
    assert_eq!(store.list_segments(ws).await.unwrap(), vec![read.clone()]);
    assert!(
        store
            .segment_customers(ws, s.id, 10, 0)
            .await
            .unwrap()
            .is_empty()
    );

    // Edited: the new name and rule are what is read.
    let changed = Rule {
        all: vec![Condition::Consent(true)],
    };
    store
        .update_rule_segment(ws, s.id, &name("Consenting"), &changed.encode())
        .await
        .unwrap();
    let read = store.segment(ws, s.id).await.unwrap();
    assert_eq!(read.name, "Consenting");
    assert_eq!(Rule::decode(read.rule.as_deref().unwrap()), Some(changed));

    // Another workspace can neither read nor edit it.
    assert!(matches!(
        store.segment(other, s.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .update_rule_segment(other, s.id, &name("x"), &rule.encode())
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.segment(ws, s.id).await.unwrap().name, "Consenting");

    // A saved list is not a rule to edit.
    let list = store
        .create_segment(
            ws,
            &NewSegment {
                name: name("List"),
                description: String::new(),
                customers: vec![],
            },
            None,
            NOW,
        )
        .await
        .unwrap();
    assert_eq!(list.rule, None);
    assert!(matches!(
        store
            .update_rule_segment(ws, list.id, &name("x"), &rule.encode())
            .await,
        Err(StoreError::NotFound)
    ));

    store.delete_segment(ws, s.id).await.unwrap();
    assert!(matches!(
        store.segment(ws, s.id).await,
        Err(StoreError::NotFound)
    ));
}

async fn buyers_of_named_products_are_read_in_one_query_per_workspace(store: &Store) {
    let (ws, _) = workspace(store, "shop").await;
    let (other, _) = workspace(store, "other").await;
    let customer = |ws, n: &str| {
        let n = n.to_owned();
        async move {
            store
                .create_customer(ws, &NewCustomer::named(name(&n), NOW))
                .await
                .unwrap()
                .id
        }
    };
    let ann = customer(ws, "Ann").await;
    let bo = customer(ws, "Bo").await;
    let theirs = customer(other, "Them").await;
    let order = |ws, c, products: &[&str]| {
        let lines = products
            .iter()
            .map(|p| NewOrderLine {
                product: name(p),
                quantity: 1,
                unit_price: Money(100),
            })
            .collect();
        async move {
            store
                .insert_order(
                    ws,
                    &NewOrder {
                        customer_id: c,
                        reference: None,
                        ordered_at: NOW,
                        paid: true,
                        discount_code: None,
                        lines,
                    },
                )
                .await
                .unwrap();
        }
    };
    order(ws, ann, &["Coffee Beans", "Mug"]).await;
    order(ws, ann, &["coffee beans"]).await;
    order(ws, bo, &["Tea"]).await;
    order(other, theirs, &["Coffee Beans"]).await;
    let mut found = store
        .buyers_of(ws, &["COFFEE BEANS".to_owned(), "tea".to_owned()])
        .await
        .unwrap();
    found.sort();
    assert_eq!(
        found,
        vec![(ann, "coffee beans".to_owned()), (bo, "tea".to_owned())]
    );
    assert!(store.buyers_of(ws, &[]).await.unwrap().is_empty());
    let everyone: Vec<String> = store
        .rule_candidates(ws)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(everyone, ["Ann", "Bo"]);
}
