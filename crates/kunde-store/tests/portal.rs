//! The portal's store methods on both databases: sign-in links are single use, expire and
//! are revoked by newer ones; sessions end after inactivity and when staff end them; every
//! read is scoped to the workspace and the customer; invoice status by date.

use kunde_domain::*;
use kunde_store::{InvoiceStatus, NewInvoice, Store, StoreError, token_hash};

kunde_store::store_suite!(
    links_are_single_use_expire_and_newer_ones_revoke_older,
    sessions_end_after_inactivity_and_when_staff_end_them,
    invoices_and_documents_are_read_only_for_their_customer,
    a_consent_change_is_recorded_once_with_its_source,
    erasing_a_customer_removes_their_documents_and_portal_access,
);

const NOW: i64 = 1_767_225_600;

async fn setup(store: &Store, name: &str) -> (WorkspaceId, CustomerId, CustomerId) {
    let (ws, _) = store
        .create_workspace(
            &NewWorkspace {
                name: NonEmpty::parse("name", name).unwrap(),
                default_language: Language::En,
                currency: "DKK".into(),
            },
            &NewUser {
                name: NonEmpty::parse("name", "Owner").unwrap(),
                email: Email::parse(&format!("owner@{name}.test")).unwrap(),
                role: Role::Owner,
                language: Language::En,
                password: None,
            },
            "hash",
            NOW,
        )
        .await
        .unwrap();
    let mut ids = vec![];
    for n in ["a", "b"] {
        let c = store
            .create_customer(
                ws.id,
                &NewCustomer::named(NonEmpty::parse("name", n).unwrap(), NOW),
            )
            .await
            .unwrap();
        ids.push(c.id);
    }
    (ws.id, ids[0], ids[1])
}

async fn links_are_single_use_expire_and_newer_ones_revoke_older(store: &Store) {
    let (ws, a, _) = setup(store, "links").await;
    let (other, _, _) = setup(store, "other").await;
    let first = store
        .create_portal_link(ws, a, NOW, NOW + 900)
        .await
        .unwrap();
    let second = store
        .create_portal_link(ws, a, NOW, NOW + 900)
        .await
        .unwrap();
    assert_ne!(first, second);
    let h = |t: &str| token_hash(t);
    assert!(!store.portal_link_usable(ws, &h(&first), NOW).await.unwrap());
    assert!(
        store
            .portal_link_usable(ws, &h(&second), NOW)
            .await
            .unwrap()
    );
    // Not in another workspace, not after expiry.
    assert!(
        !store
            .portal_link_usable(other, &h(&second), NOW)
            .await
            .unwrap()
    );
    assert!(
        !store
            .portal_link_usable(ws, &h(&second), NOW + 900)
            .await
            .unwrap()
    );
    assert_eq!(
        store
            .use_portal_link(other, &h(&second), "s0", NOW, NOW + 3600)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .use_portal_link(ws, &h(&first), "s1", NOW, NOW + 3600)
            .await
            .unwrap(),
        None,
        "revoked"
    );
    assert_eq!(
        store
            .use_portal_link(ws, &h(&second), "s2", NOW, NOW + 3600)
            .await
            .unwrap(),
        Some(a)
    );
    assert_eq!(
        store
            .use_portal_link(ws, &h(&second), "s3", NOW, NOW + 3600)
            .await
            .unwrap(),
        None,
        "used"
    );
}

async fn sessions_end_after_inactivity_and_when_staff_end_them(store: &Store) {
    let (ws, a, b) = setup(store, "sessions").await;
    let (other, _, _) = setup(store, "elsewhere").await;
    let t = store
        .create_portal_link(ws, a, NOW, NOW + 900)
        .await
        .unwrap();
    store
        .use_portal_link(ws, &token_hash(&t), "sess", NOW, NOW + 7200)
        .await
        .unwrap();
    let idle = 600;
    let seen = |at: i64| store.portal_session(ws, "sess", at, idle);
    assert_eq!(seen(NOW + 500).await.unwrap().unwrap().id, a);
    // Each request moves the idle clock on.
    assert!(seen(NOW + 1000).await.unwrap().is_some());
    assert!(
        store
            .portal_session(other, "sess", NOW + 1001, idle)
            .await
            .unwrap()
            .is_none()
    );
    assert!(seen(NOW + 1700).await.unwrap().is_none(), "idle too long");

    let t = store
        .create_portal_link(ws, a, NOW + 1700, NOW + 2600)
        .await
        .unwrap();
    store
        .use_portal_link(ws, &token_hash(&t), "sess2", NOW + 1700, NOW + 7200)
        .await
        .unwrap();
    assert_eq!(
        store
            .portal_session_count(ws, a, NOW + 1700, idle)
            .await
            .unwrap(),
        1,
        "the idle session is not counted"
    );
    assert_eq!(store.end_portal_sessions(ws, b, NOW).await.unwrap(), 0);
    assert_eq!(store.end_portal_sessions(other, a, NOW).await.unwrap(), 0);
    // The live one and the idle one are both removed.
    assert_eq!(store.end_portal_sessions(ws, a, NOW).await.unwrap(), 2);
    assert!(
        store
            .portal_session(ws, "sess2", NOW + 1, idle)
            .await
            .unwrap()
            .is_none()
    );
}

async fn invoices_and_documents_are_read_only_for_their_customer(store: &Store) {
    let (ws, a, b) = setup(store, "invoices").await;
    let (other, _, _) = setup(store, "foreign").await;
    let new = NewInvoice {
        number: "1".into(),
        issued: "2025-12-01".into(),
        due: "2025-12-31".into(),
        amount: Money(10_000),
    };
    let i = store.create_invoice(ws, a, &new, NOW).await.unwrap();
    assert!(matches!(
        store.create_invoice(ws, b, &new, NOW).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store.create_invoice(other, a, &new, NOW).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(i.status("2025-12-31"), InvoiceStatus::Open);
    assert_eq!(i.status("2026-01-01"), InvoiceStatus::Overdue);
    assert!(matches!(
        store.customer_invoice(ws, b, i.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.customer_invoice(other, a, i.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.set_invoice_paid(ws, b, i.id, Some(NOW)).await,
        Err(StoreError::NotFound)
    ));
    store
        .set_invoice_paid(ws, a, i.id, Some(NOW))
        .await
        .unwrap();
    let paid = store.customer_invoice(ws, a, i.id).await.unwrap();
    assert_eq!(paid.status("2026-02-01"), InvoiceStatus::Paid);

    let d = store
        .add_portal_document(ws, a, "x.pdf", "application/pdf", b"bytes", None, true, NOW)
        .await
        .unwrap();
    assert_eq!(
        store.portal_document(ws, a, d.id).await.unwrap().1,
        b"bytes"
    );
    assert!(matches!(
        store.portal_document(ws, b, d.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.portal_document(other, a, d.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(store.portal_documents(ws, b).await.unwrap().is_empty());
}

async fn a_consent_change_is_recorded_once_with_its_source(store: &Store) {
    let (ws, a, _) = setup(store, "consent").await;
    let name = NonEmpty::parse("name", "A").unwrap();
    store
        .update_profile(ws, a, &name, Language::Sv, false, "portal", NOW)
        .await
        .unwrap();
    assert!(
        store.consent_changes(ws, a).await.unwrap().is_empty(),
        "unchanged"
    );
    store
        .update_profile(ws, a, &name, Language::Sv, true, "portal", NOW + 5)
        .await
        .unwrap();
    assert_eq!(
        store.consent_changes(ws, a).await.unwrap(),
        vec![(true, "portal".to_owned(), NOW + 5)]
    );
    assert_eq!(
        store.get_customer(ws, a).await.unwrap().language,
        Language::Sv
    );
}

async fn erasing_a_customer_removes_their_documents_and_portal_access(store: &Store) {
    let (ws, a, b) = setup(store, "erase").await;
    for c in [a, b] {
        store
            .add_portal_document(
                ws,
                c,
                "id.pdf",
                "application/pdf",
                b"passport",
                None,
                true,
                NOW,
            )
            .await
            .unwrap();
    }
    let t = store
        .create_portal_link(ws, a, NOW, NOW + 900)
        .await
        .unwrap();
    store
        .use_portal_link(ws, &token_hash(&t), "live", NOW, NOW + 7200)
        .await
        .unwrap();
    let unused = store
        .create_portal_link(ws, a, NOW, NOW + 900)
        .await
        .unwrap();
    store
        .erase_customer(ws, a, &kunde_store::Actor::system("test"), NOW + 1)
        .await
        .unwrap();
    assert!(store.portal_documents(ws, a).await.unwrap().is_empty());
    assert_eq!(
        store.portal_documents(ws, b).await.unwrap().len(),
        1,
        "only theirs"
    );
    assert!(
        store
            .portal_session(ws, "live", NOW + 2, 600)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        !store
            .portal_link_usable(ws, &token_hash(&unused), NOW + 2)
            .await
            .unwrap()
    );
}
