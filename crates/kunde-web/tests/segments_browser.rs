//! In a real browser: the rule-segment editor's script (`segments-rule.js`) asks
//! `/segments/preview` as a condition changes and shows the live count and a sample of the
//! customers who match, without pressing Preview; a refused field's reason takes the count's
//! place.

mod support;

use kunde_domain::*;
use support::browser::{Browser, Server};
use support::*;

/// Waits (up to 20 s) until the count reads `want`, and returns what it read last.
async fn count_becomes(browser: &Browser, want: &str) -> String {
    let mut seen = String::new();
    for _ in 0..200 {
        seen = browser.text(".rule-count").await;
        if seen.contains(want) {
            return seen;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the count never read {want:?}; it reads {seen:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rule_editor_updates_the_live_count_as_a_condition_changes() {
    let db = kunde_store::testing::TestDb::sqlite().await.unwrap();
    let (ws, _, _) = seed_workspace(&db, "rule").await;
    for (name, lang) in [
        ("Dorthe Dansk", Language::Da),
        ("Dennis Dansk", Language::Da),
        ("Emma English", Language::En),
        ("Eli English", Language::En),
        ("Edda English", Language::En),
    ] {
        let mut new = NewCustomer::named(NonEmpty::parse("name", name).unwrap(), NOW);
        new.language = lang;
        db.store.create_customer(ws.id, &new).await.unwrap();
    }
    let server = Server::start(state(&db)).await;
    let browser = Browser::start_sized(390, 844).await;
    browser.sign_in(&server, "owner@rule.test").await;
    browser.goto(&server, "/segments/new").await;
    let before = browser.text(".rule-count").await;
    assert!(
        before.contains("press Preview") && !before.contains("match now"),
        "no count before a change: {before}"
    );

    // Choosing Danish: the count and the sample follow without pressing Preview.
    browser
        .wait("#rule-language")
        .await
        .select_by_value("da")
        .await
        .unwrap();
    count_becomes(&browser, "2 customers match now").await;
    let sample = browser.text(".rule-sample").await;
    assert!(
        sample.contains("Dorthe Dansk") && sample.contains("Dennis Dansk"),
        "{sample}"
    );
    assert!(!sample.contains("English"), "{sample}");
    assert_eq!(browser.path().await, "/segments/new", "the page stayed");

    // English instead: three.
    browser
        .wait("#rule-language")
        .await
        .select_by_value("en")
        .await
        .unwrap();
    count_becomes(&browser, "3 customers match now").await;

    // Typing a refused number shows why in place of the count.
    browser.fill("#rule-orders", "many").await;
    let refused = count_becomes(&browser, "enter a whole number").await;
    assert!(!refused.contains("match now"), "{refused}");
    browser.close().await;
}
