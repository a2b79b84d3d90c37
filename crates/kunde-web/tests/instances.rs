//! Two instances in one test process over one database (issue 21), on both backends: the
//! health check says whether the database answers, two senders running at once deliver each
//! queued message once, and the shared rate limit gives a client the same answer whichever
//! instance it reaches. (Three real processes and a SIGKILL: `crates/kunde/tests/instances.rs`.)

mod support;

use kunde_mail::testing::SmtpSink;
use kunde_store::testing::TestDb;
use kunde_web::kit::ratelimit::RateLimiter;
use std::collections::HashMap;
use support::*;

on_both_databases!(
    healthz_answers_ok_while_the_database_does_and_503_when_it_does_not,
    two_instances_sending_at_once_deliver_each_message_once,
    a_shared_rate_limit_counts_requests_to_either_instance,
);

async fn healthz_answers_ok_while_the_database_does_and_503_when_it_does_not(db: &TestDb) {
    let state = state(db);
    let mut client = Client::new(state.clone());
    let ok = client.get("/healthz").await;
    assert_eq!(ok.status, 200);
    assert_eq!(ok.body, "ok");
    state.store.close().await;
    let down = client.get("/healthz").await;
    assert_eq!(down.status, 503);
    assert_eq!(down.body, "database unreachable");
}

async fn two_instances_sending_at_once_deliver_each_message_once(db: &TestDb) {
    let (ws, _, _) = seed_workspace(db, "two").await;
    let sink = SmtpSink::start();
    db.store
        .save_smtp_settings(ws.id, &sink.settings(), NOW)
        .await
        .unwrap();
    for i in 0..30 {
        let mail = kunde_domain::mail::Mail {
            to: format!("m{i}@example.test"),
            to_name: None,
            subject: format!("Message {i}"),
            text: "Hej".into(),
            html: None,
            unsubscribe_url: None,
            reply_to: None,
        };
        db.store.enqueue_mail(ws.id, &mail, NOW).await.unwrap();
    }
    // Two states are two instances: each has its own claimer id.
    let (a, b) = (state(db), state(db));
    assert_ne!(a.claimer.id, b.claimer.id);
    let (da, db_) = tokio::join!(
        kunde_web::outbox::deliver_due(&a),
        kunde_web::outbox::deliver_due(&b)
    );
    let (da, db_) = (da.unwrap(), db_.unwrap());
    assert_eq!(da.sent + db_.sent, 30, "{da:?} {db_:?}");
    assert_eq!(da.failed + db_.failed, 0);
    let received = sink.wait_for(30).await;
    let mut per: HashMap<String, usize> = HashMap::new();
    for m in &received {
        for to in &m.to {
            *per.entry(to.clone()).or_default() += 1;
        }
    }
    assert_eq!(per.len(), 30);
    assert!(per.values().all(|n| *n == 1), "{per:?}");
    // Nothing is left to claim for either.
    assert_eq!(kunde_web::outbox::deliver_due(&a).await.unwrap().sent, 0);
}

async fn a_shared_rate_limit_counts_requests_to_either_instance(db: &TestDb) {
    // Counted in one-minute windows of the wall clock: start early in a minute so the test's
    // requests fall in one window.
    let second = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        % 60;
    if second >= 50 {
        tokio::time::sleep(std::time::Duration::from_secs(61 - second)).await;
    }
    let a = RateLimiter::shared(db.store.clone());
    let b = RateLimiter::shared(db.store.clone());
    for i in 0..6 {
        let limiter = if i % 2 == 0 { &a } else { &b };
        assert!(
            limiter.check("answer", "1.2.3.4", 6).await.is_ok(),
            "request {i}"
        );
    }
    let refused_by_a = a.check("answer", "1.2.3.4", 6).await.unwrap_err();
    let refused_by_b = b.check("answer", "1.2.3.4", 6).await.unwrap_err();
    assert!((1..=60).contains(&refused_by_a.retry_after_secs));
    assert!(refused_by_b.retry_after_secs <= refused_by_a.retry_after_secs);
    // Another client is not affected.
    assert!(b.check("answer", "5.6.7.8", 6).await.is_ok());
}
