//! The knowledge base in a real headless Chromium: a staff member searches the articles and
//! opens one; a visitor searches the public help centre, which never shows internal articles.

mod support;

use kunde_domain::ArticleDraft;
use kunde_store::testing::TestDb;
use support::browser::{Browser, Server};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_and_visitors_search_the_knowledge_base() {
    let db = TestDb::sqlite().await.unwrap();
    let (ws, _, _) = support::seed_workspace(&db, "kbweb").await;
    let mut ids: Vec<i64> = Vec::new();
    for (title, body, lang, public) in [
        (
            "Det rigtige dæktryk",
            "Bycykler kører med **3,5–4,5 bar**. Tjek dæktrykket hver anden uge.",
            "da",
            true,
        ),
        (
            "Returns and exchanges",
            "Unused goods can be returned within 30 days.",
            "en",
            true,
        ),
        (
            "Internt: dæk på lager",
            "Vi har 40 dæk på lager i kælderen.",
            "da",
            false,
        ),
    ] {
        let draft = ArticleDraft::parse(title, body, lang, public).unwrap();
        let a = db
            .store
            .create_article(ws.id, &draft, None, support::NOW)
            .await
            .unwrap();
        ids.push(a.id);
    }
    let server = Server::start(support::state(&db)).await;
    let browser = Browser::start().await;

    browser.sign_in(&server, "staff@kbweb.test").await;
    browser.follow("header nav a[href='/kb']").await;
    browser.fill("#kb-q", "dæk").await;
    browser.follow("form.search button[type=submit]").await;
    let results = browser.text("ul.kb-list").await;
    assert!(
        results.contains("Det rigtige dæktryk") && results.contains("Internt: dæk på lager"),
        "{results}"
    );
    assert!(!results.contains("Returns"), "{results}");
    browser
        .follow(&format!("ul.kb-list li a[href='/kb/{}']", ids[0]))
        .await;
    assert_eq!(browser.text("h1").await, "Det rigtige dæktryk");
    assert_eq!(browser.text(".kb-body strong").await, "3,5–4,5 bar");

    // The public help centre, in a fresh session: only the public article is found.
    browser.follow("form.signout button[type=submit]").await;
    browser.goto(&server, "/help/business-kbweb").await;
    browser.fill("#help-q", "dæk").await;
    browser.follow("form.search button[type=submit]").await;
    let results = browser.text("ul.kb-list").await;
    assert!(results.contains("Det rigtige dæktryk"), "{results}");
    assert!(!results.contains("Internt"), "{results}");
    browser.follow("ul.kb-list li a").await;
    assert_eq!(browser.text("article h1").await, "Det rigtige dæktryk");
    browser.close().await;
}
