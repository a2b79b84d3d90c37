//! Marketing spend per channel and month: recorded, replaced by a second recording of the
//! same month, listed by month, deleted, and kept apart per workspace.

use kunde_domain::*;
use kunde_store::{Spend, Store};

const NOW: i64 = 1_767_225_600;

kunde_store::store_suite!(spend_is_recorded_replaced_listed_and_deleted_per_workspace);

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

fn spend(channel: &str, month: &str, amount: i64) -> Spend {
    Spend {
        channel: channel.into(),
        month: month.into(),
        amount: Money(amount),
    }
}

async fn spend_is_recorded_replaced_listed_and_deleted_per_workspace(store: &Store) {
    let a = workspace(store, "a").await;
    let b = workspace(store, "b").await;
    store
        .record_spend(
            a,
            &[
                spend("google_ads", "2025-02", 150_000),
                spend("google_ads", "2025-01", 100_000),
                spend("flyers", "2025-01", 20_000),
            ],
            NOW,
        )
        .await
        .unwrap();
    store
        .record_spend(b, &[spend("google_ads", "2025-01", 1)], NOW)
        .await
        .unwrap();
    // Recording a month again replaces it.
    store
        .record_spend(a, &[spend("google_ads", "2025-01", 90_000)], NOW)
        .await
        .unwrap();
    assert_eq!(
        store.list_spend(a).await.unwrap(),
        vec![
            spend("flyers", "2025-01", 20_000),
            spend("google_ads", "2025-01", 90_000),
            spend("google_ads", "2025-02", 150_000),
        ]
    );
    // Deleting in another workspace touches nothing of this one.
    store.delete_spend(b, "flyers", "2025-01").await.unwrap();
    assert_eq!(store.list_spend(a).await.unwrap().len(), 3);
    store.delete_spend(a, "flyers", "2025-01").await.unwrap();
    assert_eq!(store.list_spend(a).await.unwrap().len(), 2);
    assert_eq!(
        store.list_spend(b).await.unwrap(),
        vec![spend("google_ads", "2025-01", 1)]
    );
}
