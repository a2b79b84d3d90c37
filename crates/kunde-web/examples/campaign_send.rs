//! Benchmark (not a test): one campaign to N customers (default 10,000) through the outbox to
//! a local SMTP server process (aiosmtpd). Prints how long fixing the audience and queueing
//! took, and how long delivering every message took. Run by `bench/campaign_send.sh`.
//!
//! The campaign's rate is set high enough that every message is due at once, so the time is
//! Kunde's and the SMTP server's, not the owner's pacing.

use kunde_domain::*;
use kunde_mail::testing::SmtpSink;
use kunde_store::{CampaignVersion, NewCampaign, Store};
use kunde_web::{AppState, WebConfig};
use std::time::Instant;

#[tokio::main]
async fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = format!("sqlite://{}", dir.path().join("bench.sqlite").display());
    let store = Store::connect(&url).await.expect("the database");
    let name = |s: &str| NonEmpty::parse("name", s).unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let (ws, _) = store
        .create_workspace(
            &NewWorkspace {
                name: name("Bench shop"),
                default_language: Language::En,
                currency: "DKK".into(),
            },
            &NewUser {
                name: name("Owner"),
                email: Email::parse("owner@bench.test").unwrap(),
                role: Role::Owner,
                language: Language::En,
                password: None,
            },
            "hash",
            now,
        )
        .await
        .unwrap();
    let ws = ws.id;
    let sink = SmtpSink::start();
    store
        .save_smtp_settings(ws, &sink.settings(), now)
        .await
        .unwrap();
    eprintln!("creating {n} customers");
    let mut ids = Vec::with_capacity(n);
    for i in 0..n {
        let mut c = NewCustomer::named(name(&format!("Customer {i}")), now);
        c.email = Some(Email::parse(&format!("c{i}@bench.test")).unwrap());
        c.marketing_consent = true;
        c.language = Language::ALL[i % 4];
        ids.push(store.create_customer(ws, &c).await.unwrap().id);
    }
    let segment = store
        .create_segment(
            ws,
            &NewSegment {
                name: name("Everyone"),
                description: String::new(),
                customers: ids,
            },
            None,
            now,
        )
        .await
        .unwrap();
    let versions = [(Language::En, "News"), (Language::Da, "Nyheder")]
        .into_iter()
        .map(|(language, subject)| CampaignVersion {
            language,
            subject: subject.into(),
            body: "# Hello\n\nSomething **new** in the shop.".into(),
        })
        .collect();
    let id = store
        .create_campaign(
            ws,
            &NewCampaign {
                name: name("Bench"),
                segment: segment.id,
                touchpoint: None,
                holdout_percent: 10,
                rate_per_minute: 1_000_000,
                versions,
                repeat: None,
                offer: None,
                track_clicks: false,
            },
            now,
        )
        .await
        .unwrap();
    store.schedule_campaign(ws, id, Some(now)).await.unwrap();
    let state = AppState::new(store.clone(), WebConfig::default());

    let started = Instant::now();
    kunde_web::run_campaigns(&state, state.now()).await.unwrap();
    let queued_in = started.elapsed();
    let counts = store.campaign_counts(ws, id).await.unwrap();
    let deliver = Instant::now();
    let mut sent = 0;
    loop {
        let round = kunde_web::outbox::deliver_due(&state).await.unwrap();
        sent += round.sent;
        if round.sent + round.failed == 0 {
            break;
        }
    }
    let delivered_in = deliver.elapsed();
    let received = sink.wait_for(sent).await.len();
    println!(
        "campaign to {n} customers: {} queued, {} held out; audience and queue {:.2} s; \
         {sent} delivered over SMTP in {:.2} s ({:.0} messages/s); {received} received",
        counts.queued,
        counts.holdout,
        queued_in.as_secs_f64(),
        delivered_in.as_secs_f64(),
        sent as f64 / delivered_in.as_secs_f64(),
    );
}
