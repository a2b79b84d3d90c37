//! Campaigns in the store (issue 15, migration 0032), on both backends: the audience is fixed
//! once, each customer is queued at most once and with their e-mail in the same transaction,
//! one chunk a minute whoever asks, customers without consent or with a refused address are
//! skipped, the unsubscribe token (kept hashed) withdraws consent with its source, and the
//! export shows — and an erasure removes — what a campaign kept about a customer.

use kunde_domain::mail::Mail;
use kunde_domain::*;
use kunde_store::testing::TestDb;
use kunde_store::{Actor, CampaignStatus, CampaignVersion, NewCampaign, Store};
use std::sync::Mutex;

const NOW: i64 = 1_760_000_000;

kunde_store::store_suite!(
    with_db;
    the_audience_is_fixed_once_and_each_customer_is_queued_once,
    the_unsubscribe_token_withdraws_consent_and_an_erasure_removes_what_campaigns_kept,
);

fn name(s: &str) -> NonEmpty {
    NonEmpty::parse("name", s).unwrap()
}

async fn workspace(store: &Store, slug: &str) -> WorkspaceId {
    let (ws, _) = store
        .create_workspace(
            &NewWorkspace {
                name: name(&format!("Shop {slug}")),
                default_language: Language::Da,
                currency: "DKK".into(),
            },
            &NewUser {
                name: name("Owner"),
                email: Email::parse(&format!("owner@{slug}.test")).unwrap(),
                role: Role::Owner,
                language: Language::Da,
                password: None,
            },
            "hash",
            NOW,
        )
        .await
        .unwrap();
    ws.id
}

async fn customer(store: &Store, ws: WorkspaceId, email: &str, consent: bool) -> Customer {
    let mut new = NewCustomer::named(name(email), NOW);
    new.email = Some(Email::parse(email).unwrap());
    new.marketing_consent = consent;
    store.create_customer(ws, &new).await.unwrap()
}

async fn campaign(store: &Store, ws: WorkspaceId, members: &[CustomerId]) -> i64 {
    let segment = store
        .create_segment(
            ws,
            &NewSegment {
                name: name("All"),
                description: String::new(),
                customers: members.to_vec(),
            },
            None,
            NOW,
        )
        .await
        .unwrap();
    let id = store
        .create_campaign(
            ws,
            &NewCampaign {
                name: name("Winter"),
                segment: segment.id,
                touchpoint: None,
                holdout_percent: 10,
                rate_per_minute: 60,
                versions: vec![CampaignVersion {
                    language: Language::Da,
                    subject: "Vinter".into(),
                    body: "Hej".into(),
                }],
                repeat: None,
                offer: None,
                track_clicks: false,
            },
            NOW,
        )
        .await
        .unwrap();
    assert!(store.schedule_campaign(ws, id, Some(NOW)).await.unwrap());
    id
}

fn mail(to: &str, token: &str) -> Mail {
    Mail {
        to: to.to_owned(),
        subject: "Vinter".into(),
        text: format!("https://k.test/u/{token}"),
        unsubscribe_url: Some(format!("https://k.test/u/{token}")),
        ..Mail::default()
    }
}

async fn the_audience_is_fixed_once_and_each_customer_is_queued_once(db: &TestDb) {
    let store = &db.store;
    let ws = workspace(store, "once").await;
    let yes = customer(store, ws, "yes@once.test", true).await;
    let later_no = customer(store, ws, "later-no@once.test", true).await;
    let refused = customer(store, ws, "bounced@once.test", true).await;
    let held = customer(store, ws, "held@once.test", true).await;
    let ids = [yes.id, later_no.id, refused.id, held.id];
    let id = campaign(store, ws, &ids).await;
    // Not due before its time.
    assert_eq!(store.due_campaigns(NOW - 1).await.unwrap(), vec![]);
    assert_eq!(
        store.due_campaigns(NOW).await.unwrap(),
        vec![(ws, id, CampaignStatus::Scheduled)]
    );
    let audience = [
        (yes.id, false),
        (later_no.id, false),
        (refused.id, false),
        (held.id, true),
    ];
    assert!(
        store
            .start_campaign(ws, id, NOW, &audience, None)
            .await
            .unwrap()
    );
    // A second instance starting too finds it started: the audience stays as it was.
    assert!(
        !store
            .start_campaign(ws, id, NOW, &[(yes.id, true)], None)
            .await
            .unwrap()
    );
    // Between the start and the chunk one customer withdrew consent and one address bounced.
    let c = store.get_customer(ws, later_no.id).await.unwrap();
    let update = NewCustomer {
        name: name(&c.name),
        email: c.email.clone(),
        phone: None,
        language: c.language,
        marketing_consent: false,
        acquisition_channel: None,
        acquisition_cost: Money(0),
        created_at: NOW,
    };
    store
        .update_customer(ws, later_no.id, &update)
        .await
        .unwrap();
    store
        .record_refused_address(ws, "bounced@once.test", "550 no such user", NOW)
        .await
        .unwrap();
    assert!(
        store
            .address_refused(ws, "bounced@once.test")
            .await
            .unwrap()
    );

    let to = Mutex::new(Vec::new());
    let make = |r: &kunde_store::CampaignRecipient, token: &str| {
        to.lock().unwrap().push(r.email.clone());
        mail(&r.email, token)
    };
    assert_eq!(
        store
            .queue_campaign_chunk(ws, id, NOW, 10, make)
            .await
            .unwrap(),
        Some(1)
    );
    // The same minute again, from anyone: nothing.
    assert_eq!(
        store
            .queue_campaign_chunk(ws, id, NOW + 59, 10, make)
            .await
            .unwrap(),
        None
    );
    assert_eq!(*to.lock().unwrap(), vec!["yes@once.test".to_owned()]);
    let c = store.campaign(ws, id).await.unwrap();
    assert_eq!(
        c.status,
        CampaignStatus::Sent,
        "fewer than a chunk were left"
    );
    let counts = store.campaign_counts(ws, id).await.unwrap();
    assert_eq!(
        (
            counts.queued,
            counts.skipped,
            counts.holdout,
            counts.pending
        ),
        (1, 2, 1, 0)
    );
    let outbox = store.recent_mail(ws, 10).await.unwrap();
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].mail.to, "yes@once.test");
    // Another business sees none of it.
    let other = workspace(store, "other").await;
    assert!(store.campaign(other, id).await.is_err());
    assert!(store.list_campaigns(other).await.unwrap().is_empty());
    assert_eq!(store.campaign_counts(other, id).await.unwrap().queued, 0);
}

async fn the_unsubscribe_token_withdraws_consent_and_an_erasure_removes_what_campaigns_kept(
    db: &TestDb,
) {
    let store = &db.store;
    let ws = workspace(store, "token").await;
    let ann = customer(store, ws, "ann@token.test", true).await;
    let id = campaign(store, ws, &[ann.id]).await;
    assert!(
        store
            .start_campaign(ws, id, NOW, &[(ann.id, false)], None)
            .await
            .unwrap()
    );
    let token = Mutex::new(String::new());
    let make = |r: &kunde_store::CampaignRecipient, t: &str| {
        *token.lock().unwrap() = t.to_owned();
        mail(&r.email, t)
    };
    store
        .queue_campaign_chunk(ws, id, NOW, 10, make)
        .await
        .unwrap();
    let token = token.into_inner().unwrap();
    assert_eq!(token.len(), 64);
    let hash = kunde_store::token_hash(&token);
    // Only the hash is stored: the token itself finds nothing.
    assert_eq!(store.campaign_token(&token).await.unwrap(), None);
    assert_eq!(
        store.campaign_token(&hash).await.unwrap(),
        Some((ws, Language::En))
    );
    assert_eq!(
        store.campaign_unsubscribe(&hash, NOW + 5).await.unwrap(),
        Some(ann.id)
    );
    // Twice is harmless and records one change.
    store.campaign_unsubscribe(&hash, NOW + 6).await.unwrap();
    assert!(
        !store
            .get_customer(ws, ann.id)
            .await
            .unwrap()
            .marketing_consent
    );
    assert_eq!(
        store.consent_changes(ws, ann.id).await.unwrap(),
        vec![(false, "campaign-unsubscribe".to_owned(), NOW + 5)]
    );
    store
        .record_refused_address(ws, "ann@token.test", "550", NOW + 7)
        .await
        .unwrap();

    let export = store.customer_export(ws, ann.id, NOW + 10).await.unwrap();
    assert_eq!(export.campaigns.len(), 1);
    assert_eq!(export.campaigns[0].name, "Winter");
    assert_eq!(export.campaigns[0].state, "queued");
    assert_eq!(export.address_refused_at, Some(NOW + 7));
    assert!(
        export
            .consents
            .iter()
            .any(|c| c.source == "campaign-unsubscribe")
    );

    store
        .erase_customer(ws, ann.id, &Actor::system("test"), NOW + 20)
        .await
        .unwrap();
    assert_eq!(
        store.campaign_token(&hash).await.unwrap(),
        None,
        "the link is dead"
    );
    assert!(!store.address_refused(ws, "ann@token.test").await.unwrap());
    let export = store.customer_export(ws, ann.id, NOW + 30).await.unwrap();
    assert_eq!(export.address_refused_at, None);
    // The report still counts the stand-in.
    assert_eq!(store.campaign_counts(ws, id).await.unwrap().queued, 1);
}
