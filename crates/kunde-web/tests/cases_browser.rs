//! A service case in a real headless Chromium: a staff member opens a case from the customer's
//! page, gets a knowledge-base article suggested from the case's text, quotes it in a reply,
//! closes the case with a root cause, and finds the case counted on the journey map at the
//! touchpoint where the problem started.

mod support;

use kunde_domain::*;
use kunde_store::testing::TestDb;
use support::browser::{Browser, Server};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_case_is_opened_answered_with_an_article_and_closed_onto_the_map() {
    let db = TestDb::sqlite().await.unwrap();
    let (ws, _, _) = support::seed_workspace(&db, "casebr").await;
    let journey = db
        .store
        .create_journey(
            ws.id,
            &NewJourney {
                name: NonEmpty::parse("name", "Repairs").unwrap(),
                description: String::new(),
                variant: JourneyVariant::AsIs,
                counterpart_of: None,
                parent_id: None,
            },
            &["Booking", "Service"],
            support::NOW,
        )
        .await
        .unwrap();
    let stages = db.store.list_stages(ws.id, journey.id).await.unwrap();
    let tp = db
        .store
        .create_touchpoint(
            ws.id,
            &NewTouchpoint {
                stage_id: stages[0].id,
                name: NonEmpty::parse("name", "Call to book").unwrap(),
                channel: Channel::Phone,
                digital: false,
                owned: true,
                owner_id: None,
                customer_goal: String::new(),
                pain_points: String::new(),
                ideas: String::new(),
            },
        )
        .await
        .unwrap();
    let customer = db
        .store
        .create_customer(
            ws.id,
            &NewCustomer {
                email: Some(Email::parse("anna@example.dk").unwrap()),
                ..NewCustomer::named(
                    NonEmpty::parse("name", "Anna Jensen").unwrap(),
                    support::NOW,
                )
            },
        )
        .await
        .unwrap();
    let article = db
        .store
        .create_article(
            ws.id,
            &ArticleDraft::parse(
                "Booking a repair without calling",
                "Book your repair online at any hour: choose a time and we confirm by e-mail.",
                "en",
                true,
            )
            .unwrap(),
            None,
            support::NOW,
        )
        .await
        .unwrap();

    let server = Server::start(support::state(&db)).await;
    let browser = Browser::start().await;
    browser.sign_in(&server, "staff@casebr.test").await;
    browser
        .goto(&server, &format!("/customers/{}", customer.id))
        .await;
    browser
        .follow(&format!("a[href='/cases/new?customer={}']", customer.id))
        .await;
    browser.click("#case-category option:nth-child(2)").await;
    browser
        .click(&format!("#case-touchpoint option[value='{}']", tp.id))
        .await;
    browser
        .fill(
            "#case-subject",
            "Nobody answers when I call to book a repair",
        )
        .await;
    browser
        .fill(
            "#case-description",
            "I called three times to book a repair of my bike.",
        )
        .await;
    browser
        .follow("form[action='/cases/new'] button[type=submit]")
        .await;
    let path = browser.path().await;
    let id: i64 = path
        .trim_start_matches("/cases/")
        .split(['?', '#'])
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("a case page, got {path}"));

    // The article is suggested from the case's text and quoted into the reply.
    let suggestions = browser.text("ul.suggestions").await;
    assert!(
        suggestions.contains("Booking a repair without calling"),
        "{suggestions}"
    );
    browser
        .follow(&format!("a[href^='/cases/{id}?quote={}']", article.id))
        .await;
    let body = browser
        .wait("#case-body")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(body.contains("Book your repair online"), "{body}");
    browser
        .follow("#reply button[name=kind][value=reply]")
        .await;
    let history = browser.text("main").await;
    assert!(history.contains("Book your repair online"), "{history}");
    let stored = db.store.get_case(ws.id, CaseId(id)).await.unwrap();
    assert!(
        stored.first_response_at.is_some(),
        "the reply is the first response"
    );

    // Closing with a new root cause.
    browser
        .fill("#close-new-cause", "Phone queue too long")
        .await;
    browser
        .follow(&format!(
            "form[action='/cases/{id}/close'] button[type=submit]"
        ))
        .await;
    let stored = db.store.get_case(ws.id, CaseId(id)).await.unwrap();
    assert_eq!(stored.status, CaseStatus::Closed);

    // The map counts the case at the touchpoint where the problem started.
    browser
        .goto(&server, &format!("/journeys/{}", journey.id))
        .await;
    let map = browser.text("main").await;
    assert!(map.contains("1 service case started here"), "{map}");
    browser.close().await;
}
