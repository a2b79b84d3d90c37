//! The newsletter sign-up form with double opt-in (issue 15), on both databases: consent
//! only after the link's POST, the same answer for known and unknown addresses, refused
//! forms that keep what was typed, links that work once, at their own business, until they
//! expire, and unconfirmed sign-ups purged. Plus a Danish visitor in a real headless
//! Chromium 390 px wide, with the confirmation read from a real SMTP server process.

mod support;

use axum::http::StatusCode;
use kunde_domain::*;
use kunde_store::testing::TestDb;
use kunde_web::auth::token_hash;
use support::browser::{Browser, Server};
use support::*;

on_both_databases!(
    a_sign_up_becomes_a_customer_with_consent_only_when_the_link_is_confirmed,
    the_answer_never_tells_whether_an_address_is_known_and_no_customer_is_doubled,
    links_work_once_at_their_own_business_and_unconfirmed_sign_ups_expire,
);

const DAY: i64 = 86_400;

async fn site(db: &TestDb, slug: &str) -> (WorkspaceId, String) {
    let (ws, _, _) = seed_workspace(db, slug).await;
    let site = db.store.help_site_slug(ws.id).await.unwrap();
    (ws.id, site)
}

/// The confirmation link's path in the newest e-mail to `to`.
async fn link_in_mail(db: &TestDb, ws: WorkspaceId, to: &str) -> String {
    let mail = db.store.recent_mail(ws, 10).await.unwrap();
    let m = mail
        .iter()
        .find(|m| m.mail.to == to)
        .unwrap_or_else(|| panic!("no mail to {to}"));
    let text = &m.mail.text;
    let start = text
        .find("http://kunde.test/portal/")
        .expect("a link in the mail");
    let link: String = text[start..]
        .chars()
        .take_while(|ch| !ch.is_whitespace())
        .collect();
    link.trim_start_matches("http://kunde.test").to_owned()
}

async fn a_sign_up_becomes_a_customer_with_consent_only_when_the_link_is_confirmed(db: &TestDb) {
    let (ws, site) = site(db, "join").await;
    let mut c = Client::new(state(db));
    let join = format!("/portal/{site}/join");
    let form = c.get(&join).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains("News from Business join"),
        "{}",
        form.body
    );
    let danish = c.get(&format!("{join}?lang=da")).await;
    assert!(
        danish.body.contains("Nyheder fra Business join"),
        "{}",
        danish.body
    );

    // Without the box ticked nothing is kept or sent, and what was typed stays.
    let refused = c
        .post(&join, &[("name", "Åse <b>"), ("email", "ASE@join.test")])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Tick the box"), "{}", refused.body);
    assert!(
        refused.body.contains("value=\"Åse &#60;b&#62;\""),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("value=\"ASE@join.test\""));
    assert!(db.store.recent_mail(ws, 10).await.unwrap().is_empty());
    // A bad address is refused the same way.
    let bad = c
        .post(
            &join,
            &[
                ("name", "Åse"),
                ("email", "not-an-address"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Type a valid e-mail address."));

    let sent = c
        .post(
            &join,
            &[
                ("name", "Åse <b>"),
                ("email", "ASE@join.test"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK);
    assert!(sent.body.contains("Almost done"), "{}", sent.body);
    let email = Email::parse("ase@join.test").unwrap();
    assert!(
        db.store
            .customer_by_email(ws, &email)
            .await
            .unwrap()
            .is_none(),
        "not before consent"
    );
    assert_eq!(db.store.pending_signups(ws, NOW).await.unwrap(), 1);

    let path = link_in_mail(db, ws, "ase@join.test").await;
    assert!(
        path.ends_with("?lang=en"),
        "the link keeps the form's language: {path}"
    );
    let token = path
        .rsplit('/')
        .next()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(token.len(), 64);
    // Only the hash is stored: the hash finds it, the token itself does not.
    assert!(
        db.store
            .signup_usable(ws, &token_hash(&token), NOW)
            .await
            .unwrap()
    );
    assert!(!db.store.signup_usable(ws, &token, NOW).await.unwrap());

    // Opening the link (as a mail scanner does) gives no consent.
    let page = c.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Confirm my sign-up"), "{}", page.body);
    assert!(
        db.store
            .customer_by_email(ws, &email)
            .await
            .unwrap()
            .is_none()
    );

    let done = c.post(&path, &[]).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.body.contains("you are signed up"), "{}", done.body);
    let customer = db
        .store
        .customer_by_email(ws, &email)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(customer.name, "Åse <b>");
    assert!(customer.marketing_consent);
    assert_eq!(customer.language, Language::En);
    assert_eq!(
        db.store.consent_changes(ws, customer.id).await.unwrap(),
        vec![(true, "signup-form".to_owned(), NOW)]
    );
    assert_eq!(db.store.pending_signups(ws, NOW).await.unwrap(), 0);

    // The link works once.
    assert_eq!(c.post(&path, &[]).await.status, StatusCode::GONE);
    assert_eq!(c.get(&path).await.status, StatusCode::GONE);

    // Without the CSRF token the form is refused.
    let forged = c
        .post_raw(
            &join,
            &[("name", "F"), ("email", "f@join.test"), ("consent", "yes")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);

    // The owner finds the form's address on the portal settings page.
    let mut owner = Client::new(state(db));
    owner.sign_in("owner@join.test").await;
    let settings = owner.get("/settings/portal").await;
    assert!(
        settings.body.contains(&format!("/portal/{site}/join")),
        "{}",
        settings.body
    );
}

async fn the_answer_never_tells_whether_an_address_is_known_and_no_customer_is_doubled(
    db: &TestDb,
) {
    let (ws, site) = site(db, "known").await;
    let mut bob = NewCustomer::named(NonEmpty::parse("name", "Bob").unwrap(), NOW - 30 * DAY);
    bob.email = Some(Email::parse("bob@known.test").unwrap());
    let bob = db.store.create_customer(ws, &bob).await.unwrap();
    assert!(!bob.marketing_consent);
    let mut c = Client::new(state(db));
    let join = format!("/portal/{site}/join");
    let known = c
        .post(
            &join,
            &[
                ("name", "Bobby"),
                ("email", "bob@known.test"),
                ("consent", "yes"),
            ],
        )
        .await;
    let unknown = c
        .post(
            &join,
            &[
                ("name", "Nobody"),
                ("email", "nobody@known.test"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(known.status, unknown.status);
    assert_eq!(known.body, unknown.body);

    let path = link_in_mail(db, ws, "bob@known.test").await;
    assert_eq!(c.post(&path, &[]).await.status, StatusCode::OK);
    let after = db.store.get_customer(ws, bob.id).await.unwrap();
    assert!(after.marketing_consent, "the existing customer has consent");
    assert_eq!(after.name, "Bob", "what the business knows is kept");
    let email = Email::parse("bob@known.test").unwrap();
    assert_eq!(
        db.store
            .customer_by_email(ws, &email)
            .await
            .unwrap()
            .unwrap()
            .id,
        bob.id,
        "no second customer"
    );
    assert_eq!(
        db.store.consent_changes(ws, bob.id).await.unwrap(),
        vec![(true, "signup-form".to_owned(), NOW)]
    );

    // Erasing Bob also drops a sign-up of his address that waits for confirmation.
    c.post(
        &join,
        &[
            ("name", "Bob"),
            ("email", "bob@known.test"),
            ("consent", "yes"),
        ],
    )
    .await;
    assert_eq!(db.store.pending_signups(ws, NOW).await.unwrap(), 2);
    db.store
        .erase_customer(ws, bob.id, &kunde_store::trust::Actor::system("test"), NOW)
        .await
        .unwrap();
    assert_eq!(
        db.store.pending_signups(ws, NOW).await.unwrap(),
        1,
        "Nobody's stays"
    );
}

async fn links_work_once_at_their_own_business_and_unconfirmed_sign_ups_expire(db: &TestDb) {
    let (ws, site) = site(db, "exp").await;
    let (_, other_site) = site_of_other(db).await;
    let mut c = Client::new(state(db));
    let join = format!("/portal/{site}/join");
    let form = [("name", "Cy"), ("email", "cy@exp.test"), ("consent", "yes")];
    c.post(&join, &form).await;
    let first = link_in_mail(db, ws, "cy@exp.test").await;
    // A second sign-up of the same address replaces the first link.
    c.post(&join, &form).await;
    let mail = db.store.recent_mail(ws, 10).await.unwrap();
    assert_eq!(mail.len(), 2);
    assert_eq!(db.store.pending_signups(ws, NOW).await.unwrap(), 1);
    assert_eq!(c.post(&first, &[]).await.status, StatusCode::GONE);
    let second = mail
        .iter()
        .map(|m| m.mail.text.clone())
        .find(|t| !t.contains(first.as_str()))
        .unwrap();
    let token: String = second[second.find("/join/").unwrap() + 6..]
        .chars()
        .take_while(|ch| ch.is_ascii_hexdigit())
        .collect();
    // Another business's address does not know the link.
    assert_eq!(
        c.post(&format!("/portal/{other_site}/join/{token}"), &[])
            .await
            .status,
        StatusCode::GONE
    );
    // Malformed tokens are refused without a look-up.
    assert_eq!(
        c.get(&format!("{join}/not-a-token")).await.status,
        StatusCode::GONE
    );

    // Seven days later nobody confirmed: the tick deletes it, and the link is dead.
    let later = NOW + 7 * DAY;
    assert!(
        !db.store
            .signup_usable(ws, &token_hash(&token), later)
            .await
            .unwrap()
    );
    kunde_web::jobs::tick(&state(db), later).await;
    assert_eq!(db.store.pending_signups(ws, NOW).await.unwrap(), 0);
    assert_eq!(
        c.post(&format!("{join}/{token}"), &[]).await.status,
        StatusCode::GONE
    );
    let email = Email::parse("cy@exp.test").unwrap();
    assert!(
        db.store
            .customer_by_email(ws, &email)
            .await
            .unwrap()
            .is_none()
    );
}

async fn site_of_other(db: &TestDb) -> (WorkspaceId, String) {
    site(db, "other").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_a_browser_a_danish_visitor_signs_up_and_confirms_from_the_e_mail() {
    let db = TestDb::sqlite().await.unwrap();
    let (ws, _, _) = seed_workspace(&db, "joinbr").await;
    let sink = kunde_mail::testing::SmtpSink::start();
    db.store
        .save_smtp_settings(ws.id, &sink.settings(), NOW)
        .await
        .unwrap();
    let site = db.store.help_site_slug(ws.id).await.unwrap();
    let server = Server::start(state(&db)).await;
    let browser = Browser::start_sized(390, 844).await;
    let fits = async |b: &Browser| {
        b.client
            .execute(
                "return document.documentElement.scrollWidth <= window.innerWidth;",
                vec![],
            )
            .await
            .unwrap()
    };
    browser
        .goto(&server, &format!("/portal/{site}/join?lang=da"))
        .await;
    assert_eq!(browser.text("h1").await, "Nyheder fra Business joinbr");
    assert_eq!(
        fits(&browser).await,
        true,
        "no sideways scrolling at 390 px"
    );
    browser.fill("#join-name", "Mette Ørsted").await;
    browser.fill("#join-email", "mette@example.dk").await;
    browser.click("input[name=consent]").await;
    browser
        .follow(&format!(
            "form[action^='/portal/{site}/join'] button[type=submit]"
        ))
        .await;
    assert!(browser.text("#join-sent").await.contains("Næsten færdig"));

    let mail = sink.wait_for(1).await;
    assert_eq!(mail[0].to, vec!["mette@example.dk".to_owned()]);
    assert!(
        mail[0].subject.contains("Bekræft din tilmelding"),
        "{}",
        mail[0].subject
    );
    let start = mail[0].text.find("http://").expect("a link in the e-mail");
    let link: String = mail[0].text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    browser.client.goto(&link).await.unwrap();
    assert_eq!(
        fits(&browser).await,
        true,
        "no sideways scrolling at 390 px"
    );
    browser.follow("#join-confirm").await;
    assert!(browser.text("#join-done").await.contains("du er tilmeldt"));
    let customer = db
        .store
        .customer_by_email(ws.id, &Email::parse("mette@example.dk").unwrap())
        .await
        .unwrap()
        .expect("a customer after confirming");
    assert!(customer.marketing_consent);
    assert_eq!(customer.language, Language::Da);
    browser.close().await;
}
