//! The client portal in a real headless Chromium at phone size, with the sign-in link read
//! from a real SMTP server process: a customer asks for a link, opens it from the e-mail,
//! signs in with the button, sees that an invoice is overdue, downloads a shared document,
//! opens a case (which staff then see in the case list) and signs out.

mod support;

use kunde_domain::*;
use kunde_mail::testing::SmtpSink;
use kunde_store::testing::TestDb;
use support::browser::{Browser, Server};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customer_signs_in_by_e_mail_sees_an_invoice_downloads_opens_a_case_and_signs_out() {
    let db = TestDb::sqlite().await.unwrap();
    let (ws, _, _) = support::seed_workspace(&db, "portalbr").await;
    let sink = SmtpSink::start();
    db.store
        .save_smtp_settings(ws.id, &sink.settings(), support::NOW)
        .await
        .unwrap();
    let site = db.store.help_site_slug(ws.id).await.unwrap();
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
    let invoice = db
        .store
        .create_invoice(
            ws.id,
            customer.id,
            &kunde_store::NewInvoice {
                number: "2025-117".into(),
                issued: "2025-11-20".into(),
                due: "2025-12-04".into(),
                amount: Money(89_900),
            },
            support::NOW,
        )
        .await
        .unwrap();
    let doc = db
        .store
        .add_portal_document(
            ws.id,
            customer.id,
            "warranty.txt",
            "text/plain",
            b"Two years of warranty on the frame.",
            None,
            false,
            support::NOW,
        )
        .await
        .unwrap();

    let server = Server::start(support::state(&db)).await;
    let browser = Browser::start_sized(390, 844).await;
    browser.goto(&server, &format!("/portal/{site}")).await;
    browser.fill("#portal-email", "anna@example.dk").await;
    browser
        .follow(&format!(
            "form[action='/portal/{site}'] button[type=submit]"
        ))
        .await;
    assert!(browser.text("#link-sent").await.contains("on its way"));

    // The link arrives by real SMTP.
    let mail = sink.wait_for(1).await;
    assert_eq!(mail[0].to, vec!["anna@example.dk".to_owned()]);
    let start = mail[0].text.find("http://").expect("a link in the e-mail");
    let link: String = mail[0].text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    assert!(
        link.starts_with(&server.url(&format!("/portal/{site}/link/"))),
        "{link}"
    );
    browser.client.goto(&link).await.unwrap();
    browser.follow("#portal-sign-in").await;
    assert_eq!(browser.path().await, format!("/portal/{site}/home"));

    // The invoice is overdue (due 2025-12-04; the test clock says 2026-01-01).
    browser
        .follow(&format!("a[href='/portal/{site}/invoices/{}']", invoice.id))
        .await;
    assert_eq!(browser.text("#invoice-status").await, "Overdue");
    browser
        .follow(&format!("a[href='/portal/{site}/home']"))
        .await;

    // The document downloads with the session's cookie, as an attachment.
    let fetched = browser
        .client
        .execute(
            "return fetch(arguments[0]).then(r => r.text().then(t => [r.status, r.headers.get('content-disposition'), t]));",
            vec![serde_json::json!(format!("/portal/{site}/documents/{}", doc.id))],
        )
        .await
        .unwrap();
    assert_eq!(fetched[0], 200);
    assert_eq!(fetched[1], "attachment; filename=\"warranty.txt\"");
    assert_eq!(fetched[2], "Two years of warranty on the frame.");

    // A new case.
    browser
        .follow(&format!("a[href='/portal/{site}/cases/new']"))
        .await;
    browser.click("#pc-category option:nth-child(3)").await;
    browser.fill("#pc-subject", "Was my invoice paid?").await;
    browser
        .fill("#pc-description", "I paid 2025-117 by bank transfer.")
        .await;
    browser
        .follow(&format!(
            "form[action='/portal/{site}/cases/new'] button[type=submit]"
        ))
        .await;
    assert!(browser.path().await.contains("done=portal-case-opened"));
    assert_eq!(browser.text("h1").await, "Was my invoice paid?");
    let cases = db
        .store
        .list_cases(ws.id, Some(customer.id), 10)
        .await
        .unwrap();
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].description, "I paid 2025-117 by bank transfer.");

    // The page fits the phone's width.
    let overflow = browser
        .client
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(overflow, true, "no sideways scrolling at 390 px");

    // Signing out ends the session: the overview sends back to sign-in.
    browser
        .follow(&format!("form[action='/portal/{site}/signout'] button"))
        .await;
    assert!(browser.path().await.contains("done=portal-signed-out"));
    browser.goto(&server, &format!("/portal/{site}/home")).await;
    assert_eq!(browser.path().await, format!("/portal/{site}"));
    browser.close().await;
}
