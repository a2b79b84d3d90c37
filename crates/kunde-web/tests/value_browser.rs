//! In a real browser on a phone-sized window: the owner of the demo business opens each Value
//! page (none scrolls sideways), opens the customers behind an RFM segment's count and saves
//! them as a segment.

mod support;

use kunde_domain::*;
use kunde_store::testing::TestDb;
use support::browser::{Browser, Server};
use support::*;

async fn demo_with_spend(db: &TestDb) {
    let hash = kunde_web::auth::hash_password(&Password::parse(PASSWORD).unwrap());
    let opts = kunde_demo::DemoOptions {
        customers: 600,
        ..kunde_demo::DemoOptions::default()
    };
    let import = kunde_demo::generate(&opts, hash.clone(), hash);
    let ws = db.store.import_workspace(&import, NOW).await.unwrap();
    let spend: Vec<kunde_store::Spend> = kunde_demo::marketing_spend(&import, opts.seed)
        .into_iter()
        .map(|(channel, month, amount)| kunde_store::Spend {
            channel,
            month,
            amount,
        })
        .collect();
    db.store.record_spend(ws, &spend, NOW).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_opens_the_value_pages_and_saves_a_figures_customers_as_a_segment() {
    let db = TestDb::sqlite().await.unwrap();
    demo_with_spend(&db).await;
    let server = Server::start(state(&db)).await;
    let browser = Browser::start_sized(390, 844).await;
    browser.sign_in(&server, kunde_demo::DEMO_OWNER_EMAIL).await;
    // The menu leads to the section.
    browser.goto(&server, "/").await;
    browser.follow("nav a[href='/value']").await;
    assert_eq!(browser.path().await, "/value/retention");
    for path in [
        "/value/retention",
        "/value/churn",
        "/value/revenue",
        "/value/rfm",
        "/value/clv",
        "/value/channels",
    ] {
        browser.goto(&server, path).await;
        browser.wait("main table").await;
        let overflow = browser
            .client
            .execute(
                "return document.documentElement.scrollWidth - window.innerWidth;",
                vec![],
            )
            .await
            .unwrap();
        assert!(
            overflow.as_i64().unwrap() <= 0,
            "{path} scrolls sideways on a phone by {overflow} px"
        );
    }
    // The customers behind the first segment with any, saved as a segment.
    browser.goto(&server, "/value/rfm").await;
    let count: i64 = browser
        .text("#segments tbody a")
        .await
        .trim()
        .parse()
        .unwrap();
    browser.follow("#segments tbody a").await;
    assert!(browser.path().await.starts_with("/value/customers"));
    let listed = browser.text("#who-count").await;
    assert!(listed.contains(&count.to_string()), "{listed}");
    browser.fill("#segment-name", "Champions to thank").await;
    browser.follow("#save-segment button[type=submit]").await;
    assert!(browser.path().await.starts_with("/segments/"));
    assert_eq!(browser.text("h1").await, "Champions to thank");
    let main = browser.text("main").await;
    assert!(main.contains(&count.to_string()), "{main}");
    browser.close().await;
}
