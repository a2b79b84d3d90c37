//! The application in a real headless Chromium: signing in through the form, navigating,
//! a form with its CSRF token, the language switch and the phone-sized layout.

mod support;

use kunde_store::testing::TestDb;
use support::browser::{Browser, Server};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_owner_signs_in_adds_a_customer_and_reads_the_app_in_danish() {
    let db = TestDb::sqlite().await.unwrap();
    support::seed_workspace(&db, "cykler").await;
    let server = Server::start(support::state(&db)).await;
    let browser = Browser::start().await;

    // Pages behind sign-in send the browser to the sign-in form and back afterwards.
    browser.goto(&server, "/customers").await;
    assert_eq!(browser.path().await.split('?').next().unwrap(), "/signin");
    browser.sign_in(&server, "owner@cykler.test").await;
    assert!(browser.text("header").await.contains("Customers"));

    // A form posted by the browser carries its CSRF token and is accepted.
    browser.goto(&server, "/customers/new").await;
    browser.fill("#name", "Søren Ærø <Ø>").await;
    browser.fill("#email", "soren@example.dk").await;
    browser.fill("#acquisition_cost", "125,50").await;
    browser.follow("main form button[type=submit]").await;
    browser.wait("dl.details").await;
    assert_eq!(browser.text("h1").await, "Søren Ærø <Ø>");
    let details = browser.text("dl.details").await;
    assert!(details.contains("soren@example.dk"), "{details}");
    assert!(details.contains("125.50"), "{details}");

    // The list finds the customer by search.
    browser.goto(&server, "/customers?q=soren").await;
    assert!(browser.text("main table").await.contains("Søren Ærø <Ø>"));

    // The language switch in the footer turns the pages Danish.
    browser
        .client
        .find(fantoccini::Locator::Css("#lang-pick"))
        .await
        .unwrap()
        .select_by_value("da")
        .await
        .unwrap();
    browser.follow("form.lang button[type=submit]").await;
    browser.wait("html[lang=da]").await;
    let nav = browser.text("header").await;
    assert!(
        nav.contains("Kunder") && nav.contains("Kunderejser"),
        "{nav}"
    );

    // Signing out ends the session: the customer list asks for sign-in again.
    browser.follow("form.signout button[type=submit]").await;
    browser.wait("form[action='/signin']").await;
    browser.goto(&server, "/customers").await;
    assert_eq!(browser.path().await.split('?').next().unwrap(), "/signin");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_fit_a_phone_screen_without_sideways_scrolling() {
    let db = TestDb::sqlite().await.unwrap();
    let (ws, _, _) = support::seed_workspace(&db, "mobil").await;
    for n in ["Anna Andersen", "Bo Bengtsson", "Maria Santos"] {
        support::seed_customer(&db, ws.id, n).await;
    }
    let server = Server::start(support::state(&db)).await;
    let browser = Browser::start_sized(390, 844).await;
    browser.sign_in(&server, "staff@mobil.test").await;
    for path in ["/", "/customers", "/journeys"] {
        browser.goto(&server, path).await;
        browser.wait("main").await;
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
    browser.close().await;
}
