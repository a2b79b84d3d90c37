//! Several instances on one database (issue 21), on both backends: due messages are claimed
//! with a lease so two claimers never get the same one, a claim whose lease has passed is
//! taken over, a stopping instance releases its claims, and the rate-limit counters are one
//! count per client and minute whoever asks.

use kunde_domain::*;
use kunde_store::{Claimer, Store};
use std::collections::HashSet;

const NOW: i64 = 1_760_000_000;

kunde_store::store_suite!(
    two_concurrent_claimers_never_get_the_same_message,
    an_expired_claim_is_taken_over_and_a_live_one_is_not,
    a_released_claim_is_free_at_once_and_a_sent_message_is_not_claimed_again,
    rate_limit_counts_are_shared_per_client_and_window,
    the_events_forward_lease_has_one_holder_at_a_time,
);

fn name(s: &str) -> NonEmpty {
    NonEmpty::parse("name", s).unwrap()
}

async fn workspace(store: &Store) -> WorkspaceId {
    let (ws, _) = store
        .create_workspace(
            &NewWorkspace {
                name: name("Cykelværkstedet"),
                default_language: Language::Da,
                currency: "DKK".into(),
            },
            &NewUser {
                name: name("Mette"),
                email: Email::parse("owner@claims.dk").unwrap(),
                role: Role::Owner,
                language: Language::Da,
                password: None,
            },
            "$argon2id$fake",
            NOW,
        )
        .await
        .unwrap();
    ws.id
}

fn mail(i: usize) -> kunde_domain::mail::Mail {
    kunde_domain::mail::Mail {
        to: format!("c{i}@example.dk"),
        to_name: None,
        subject: format!("Message {i}"),
        text: "Hej".into(),
        html: None,
        unsubscribe_url: None,
        reply_to: None,
    }
}

fn claimer(id: &str, lease_secs: i64) -> Claimer {
    Claimer {
        id: id.into(),
        lease_secs,
    }
}

async fn queue(store: &Store, n: usize) -> HashSet<i64> {
    let ws = workspace(store).await;
    let mut ids = HashSet::new();
    for i in 0..n {
        ids.insert(store.enqueue_mail(ws, &mail(i), NOW).await.unwrap());
    }
    ids
}

/// Claims until nothing is left, a few at a time, and returns every id it got.
async fn drain(store: &Store, c: &Claimer) -> Vec<i64> {
    let mut got = Vec::new();
    loop {
        let batch = store.claim_due_mail(c, NOW, 3).await.unwrap();
        if batch.is_empty() {
            return got;
        }
        got.extend(batch.iter().map(|m| m.id));
        tokio::task::yield_now().await;
    }
}

async fn two_concurrent_claimers_never_get_the_same_message(store: &Store) {
    let queued = queue(store, 120).await;
    let (a, b) = (claimer("a", 60), claimer("b", 60));
    let (store_a, store_b) = (store.clone(), store.clone());
    let (got_a, got_b) = tokio::join!(
        tokio::spawn(async move { drain(&store_a, &a).await }),
        tokio::spawn(async move { drain(&store_b, &b).await }),
    );
    let (got_a, got_b) = (got_a.unwrap(), got_b.unwrap());
    let set_a: HashSet<i64> = got_a.iter().copied().collect();
    let set_b: HashSet<i64> = got_b.iter().copied().collect();
    assert_eq!(set_a.len(), got_a.len(), "a claimed a message twice");
    assert_eq!(set_b.len(), got_b.len(), "b claimed a message twice");
    assert!(
        set_a.is_disjoint(&set_b),
        "both claimed {:?}",
        set_a.intersection(&set_b).collect::<Vec<_>>()
    );
    let all: HashSet<i64> = set_a.union(&set_b).copied().collect();
    assert_eq!(all, queued, "every message is claimed by one of them");
    // Nothing is left for a third.
    let c = claimer("c", 60);
    assert!(store.claim_due_mail(&c, NOW, 10).await.unwrap().is_empty());
}

async fn an_expired_claim_is_taken_over_and_a_live_one_is_not(store: &Store) {
    let queued = queue(store, 2).await;
    let dead = claimer("dead", 60);
    let heir = claimer("heir", 60);
    let first = store.claim_due_mail(&dead, NOW, 10).await.unwrap();
    assert_eq!(first.len(), 2);
    // The instance dies without recording anything. Within the lease nobody else gets them.
    assert!(
        store
            .claim_due_mail(&heir, NOW + 59, 10)
            .await
            .unwrap()
            .is_empty()
    );
    // Once the lease has passed, they are taken over.
    let taken: HashSet<i64> = store
        .claim_due_mail(&heir, NOW + 60, 10)
        .await
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(taken, queued);
    // The heir's claim is live again: the dead one's id cannot take them back.
    assert!(
        store
            .claim_due_mail(&dead, NOW + 61, 10)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn a_released_claim_is_free_at_once_and_a_sent_message_is_not_claimed_again(store: &Store) {
    queue(store, 3).await;
    let stopping = claimer("stopping", 600);
    let other = claimer("other", 600);
    let mine = store.claim_due_mail(&stopping, NOW, 3).await.unwrap();
    assert_eq!(mine.len(), 3);
    store.mark_mail_sent(mine[0].id, NOW).await.unwrap();
    store
        .mark_mail_failed(mine[1].id, "refused", false, NOW)
        .await
        .unwrap();
    // The third is still held; releasing frees it at once (the sent one stays sent, the
    // failed one waits for its retry time).
    assert!(
        store
            .claim_due_mail(&other, NOW, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.release_claims(&stopping).await.unwrap() >= 1);
    let taken = store.claim_due_mail(&other, NOW, 10).await.unwrap();
    assert_eq!(
        taken.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![mine[2].id]
    );
    let retry = store
        .claim_due_mail(&other, NOW + kunde_store::retry_delay(0), 10)
        .await
        .unwrap();
    assert_eq!(
        retry.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![mine[1].id],
        "a failed attempt ends the claim, so the retry is claimed when due"
    );
}

async fn rate_limit_counts_are_shared_per_client_and_window(store: &Store) {
    let window = NOW - NOW % 60;
    for expected in 1..=3 {
        assert_eq!(
            store
                .rate_limit_hit("answer", "1.2.3.4", window)
                .await
                .unwrap(),
            expected
        );
    }
    // Another client, bucket or window counts on its own.
    assert_eq!(
        store
            .rate_limit_hit("answer", "5.6.7.8", window)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .rate_limit_hit("snippet", "1.2.3.4", window)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .rate_limit_hit("answer", "1.2.3.4", window + 60)
            .await
            .unwrap(),
        1
    );
    // Concurrent hits are each counted once.
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let s = store.clone();
        tasks.push(tokio::spawn(async move {
            s.rate_limit_hit("burst", "9.9.9.9", window).await.unwrap()
        }));
    }
    let mut counts = Vec::new();
    for t in tasks {
        counts.push(t.await.unwrap());
    }
    counts.sort_unstable();
    assert_eq!(counts, (1..=20).collect::<Vec<i64>>());
    // Old windows are purged.
    assert_eq!(store.purge_rate_limits(window + 60).await.unwrap(), 4);
    assert_eq!(
        store
            .rate_limit_hit("answer", "1.2.3.4", window)
            .await
            .unwrap(),
        1
    );
}

/// The events forwarder's lease: one holder at a time, renewed by its holder, taken over
/// once it has passed, ended by `release_events_forward` (only its holder's) and by
/// `release_claims`.
async fn the_events_forward_lease_has_one_holder_at_a_time(store: &Store) {
    let ws = workspace(store).await;
    let (a, b) = (claimer("a", 60), claimer("b", 60));
    let s = store;
    assert!(s.claim_events_forward(&a, ws, 100).await.unwrap());
    assert!(!s.claim_events_forward(&b, ws, 120).await.unwrap());
    assert!(
        s.claim_events_forward(&a, ws, 130).await.unwrap(),
        "renewed"
    );
    assert!(!s.claim_events_forward(&b, ws, 189).await.unwrap());
    assert!(s.claim_events_forward(&b, ws, 190).await.unwrap(), "lapsed");
    assert!(!s.claim_events_forward(&a, ws, 191).await.unwrap());
    s.release_events_forward(&a, ws).await.unwrap();
    assert!(
        !s.claim_events_forward(&a, ws, 192).await.unwrap(),
        "not a's lease to end"
    );
    s.release_events_forward(&b, ws).await.unwrap();
    assert!(s.claim_events_forward(&a, ws, 193).await.unwrap());
    assert_eq!(s.release_claims(&a).await.unwrap(), 1);
    assert!(s.claim_events_forward(&b, ws, 194).await.unwrap());
}
