//! E-mail end to end: the owner's SMTP settings page, a test e-mail that reaches a real SMTP
//! server process (aiosmtpd on loopback), the durable outbox with its retries, and the roles.
//! Each test runs on SQLite and on PostgreSQL.

mod support;

use axum::http::StatusCode;
use kunde_domain::mail::Mail;
use kunde_mail::testing::SmtpSink;
use kunde_store::testing::TestDb;
use kunde_store::{MAX_ATTEMPTS, MailState};
use support::*;

on_both_databases!(
    the_owner_sets_up_the_mail_server_and_a_test_e_mail_arrives,
    bad_settings_are_refused_and_nothing_is_saved,
    a_message_is_retried_until_the_server_takes_it,
    without_a_mail_server_a_message_fails_visibly,
    staff_cannot_see_or_change_mail_settings,
    one_workspaces_outbox_is_not_anothers,
    a_sent_message_keeps_no_live_link_in_the_outbox,
);

fn settings_form(sink: &SmtpSink) -> Vec<(&'static str, String)> {
    vec![
        ("host", "127.0.0.1".into()),
        ("port", sink.port().to_string()),
        ("security", "none".into()),
        ("username", String::new()),
        ("password", String::new()),
        ("from_address", "butik@cykel.test".into()),
        ("from_name", "Cykelværkstedet".into()),
    ]
}

fn fields<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

async fn the_owner_sets_up_the_mail_server_and_a_test_e_mail_arrives(db: &TestDb) {
    let (ws, _, _) = seed_workspace(db, "mail").await;
    let sink = SmtpSink::start();
    let mut c = Client::new(state(db));
    c.sign_in("owner@mail.test").await;
    let page = c.get("/settings/email").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Send test e-mail"), "{}", page.body);

    let form = settings_form(&sink);
    let saved = c.post("/settings/email", &fields(&form)).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let stored = db.store.smtp_settings(ws.id).await.unwrap().unwrap();
    assert_eq!(stored.port, sink.port());
    assert_eq!(stored.from_name, "Cykelværkstedet");

    let sent = c
        .post("/settings/email/test", &[("to", "ejer@cykel.test")])
        .await;
    assert_eq!(sent.status, StatusCode::OK);
    assert!(
        sent.body
            .contains("The mail server accepted the test e-mail to ejer@cykel.test"),
        "{}",
        sent.body
    );
    let got = sink.wait_for(1).await;
    assert_eq!(got[0].to, vec!["ejer@cykel.test".to_owned()]);
    assert_eq!(got[0].from, "butik@cykel.test");
    assert_eq!(got[0].subject, "Test e-mail from Business mail");
    assert!(got[0].text.contains("e-mail works"), "{}", got[0].text);
    // The outbox shows it as sent.
    let recent = db.store.recent_mail(ws.id, 10).await.unwrap();
    assert_eq!(recent.len(), 1);
    assert_eq!(recent[0].state(), MailState::Sent);
}

async fn bad_settings_are_refused_and_nothing_is_saved(db: &TestDb) {
    let (ws, _, _) = seed_workspace(db, "bad").await;
    let mut c = Client::new(state(db));
    c.sign_in("owner@bad.test").await;
    let reply = c
        .post(
            "/settings/email",
            &[
                ("host", "smtp example"),
                ("port", "99999"),
                ("security", "starttls"),
                ("username", ""),
                ("password", ""),
                ("from_address", "butik@bad.test"),
                ("from_name", "B"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("between 1 and 65535"), "{}", reply.body);
    let reply = c
        .post(
            "/settings/email",
            &[
                ("host", "smtp example"),
                ("port", "587"),
                ("security", "starttls"),
                ("username", ""),
                ("password", ""),
                ("from_address", "butik@bad.test"),
                ("from_name", "B"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("host name"), "{}", reply.body);
    // What was typed stays in the form.
    assert!(
        reply.body.contains("value=\"smtp example\""),
        "{}",
        reply.body
    );
    assert!(db.store.smtp_settings(ws.id).await.unwrap().is_none());
}

async fn a_message_is_retried_until_the_server_takes_it(db: &TestDb) {
    let (ws, _, _) = seed_workspace(db, "retry").await;
    let sink = SmtpSink::start();
    // First point at a port where nothing listens.
    let mut settings = sink.settings();
    settings.port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    db.store
        .save_smtp_settings(ws.id, &settings, NOW)
        .await
        .unwrap();
    let mut st = state(db);
    let mail = Mail {
        to: "kunde@retry.test".into(),
        subject: "Hej igen".into(),
        text: "Tak".into(),
        ..Mail::default()
    };
    let id = kunde_web::outbox::queue(&st, ws.id, &mail).await.unwrap();
    let round = kunde_web::outbox::deliver_due(&st).await.unwrap();
    assert_eq!((round.sent, round.failed), (0, 1));
    let queued = db.store.queued_mail(ws.id, id).await.unwrap();
    assert_eq!(queued.state(), MailState::Queued);
    assert_eq!(queued.attempts, 1);
    assert_eq!(queued.next_attempt_at, Some(NOW + 60));
    assert!(queued.last_error.is_some());
    // Not due again before its time.
    assert_eq!(kunde_web::outbox::deliver_due(&st).await.unwrap().failed, 0);

    // The server is fixed; a minute later the message goes.
    db.store
        .save_smtp_settings(ws.id, &sink.settings(), NOW)
        .await
        .unwrap();
    st.clock = std::sync::Arc::new(|| NOW + 61);
    let round = kunde_web::outbox::deliver_due(&st).await.unwrap();
    assert_eq!((round.sent, round.failed), (1, 0));
    let got = sink.wait_for(1).await;
    assert_eq!(got[0].subject, "Hej igen");
    let queued = db.store.queued_mail(ws.id, id).await.unwrap();
    assert_eq!(queued.state(), MailState::Sent);
    // Sent once: another round sends nothing more.
    assert_eq!(kunde_web::outbox::deliver_due(&st).await.unwrap().sent, 0);
    assert_eq!(sink.received().len(), 1);
}

async fn without_a_mail_server_a_message_fails_visibly(db: &TestDb) {
    let (ws, _, _) = seed_workspace(db, "nomail").await;
    let st = state(db);
    let mail = Mail {
        to: "kunde@nomail.test".into(),
        subject: "Hej".into(),
        text: "Tak".into(),
        ..Mail::default()
    };
    let id = kunde_web::outbox::queue(&st, ws.id, &mail).await.unwrap();
    kunde_web::outbox::deliver_due(&st).await.unwrap();
    let queued = db.store.queued_mail(ws.id, id).await.unwrap();
    assert_eq!(queued.state(), MailState::Failed);
    assert!(queued.attempts < MAX_ATTEMPTS);
    let mut c = Client::new(st);
    c.sign_in("owner@nomail.test").await;
    let page = c.get("/settings/email").await;
    assert!(page.body.contains("Not sent"), "{}", page.body);
    assert!(
        page.body.contains("no mail server is set up"),
        "{}",
        page.body
    );
}

async fn staff_cannot_see_or_change_mail_settings(db: &TestDb) {
    seed_workspace(db, "roles").await;
    let mut c = Client::new(state(db));
    c.sign_in("staff@roles.test").await;
    assert_eq!(c.get("/settings/email").await.status, StatusCode::FORBIDDEN);
    let reply = c
        .post("/settings/email/test", &[("to", "x@roles.test")])
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    // Without the CSRF token even the owner is refused.
    let mut owner = Client::new(state(db));
    owner.sign_in("owner@roles.test").await;
    let reply = owner
        .post_raw("/settings/email/test", &[("to", "x@roles.test")])
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

async fn one_workspaces_outbox_is_not_anothers(db: &TestDb) {
    let (a, _, _) = seed_workspace(db, "wa").await;
    let (b, _, _) = seed_workspace(db, "wb").await;
    let st = state(db);
    let mail = Mail {
        to: "hemmelig@wa.test".into(),
        subject: "Kun for A".into(),
        text: "x".into(),
        ..Mail::default()
    };
    let id = kunde_web::outbox::queue(&st, a.id, &mail).await.unwrap();
    assert!(db.store.queued_mail(b.id, id).await.is_err());
    assert!(db.store.recent_mail(b.id, 10).await.unwrap().is_empty());
    let mut c = Client::new(st);
    c.sign_in("owner@wb.test").await;
    let page = c.get("/settings/email").await;
    assert!(!page.body.contains("Kun for A"));
}

/// Issue 18, finding 12: the outbox keeps what was sent, but not the secret links in it. A
/// new-password link goes out whole; once the server took the message, the stored copy says
/// "[link removed after sending]" — while a message still waiting for a retry keeps its link.
async fn a_sent_message_keeps_no_live_link_in_the_outbox(db: &TestDb) {
    let (ws, _, staff) = seed_workspace(db, "redact").await;
    let sink = SmtpSink::start();
    let mut c = Client::new(state(db));
    c.sign_in("owner@redact.test").await;
    let r = c
        .post(&format!("/settings/users/{}/reset", staff.id.0), &[])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let before = db.store.recent_mail(ws.id, 10).await.unwrap();
    assert_eq!(before.len(), 1);
    let id = before[0].id;
    let start = before[0].mail.text.find("/invite/").expect("a link");
    let rest = &before[0].mail.text[start..];
    let link = rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())].to_owned();

    // No mail server yet: the message fails and keeps its link for the next attempt.
    let st = state(db);
    kunde_web::outbox::deliver_due(&st).await.unwrap();
    let failed = db.store.queued_mail(ws.id, id).await.unwrap();
    assert!(failed.mail.text.contains(&link));

    db.store
        .save_smtp_settings(ws.id, &sink.settings(), NOW)
        .await
        .unwrap();
    let queued = db
        .store
        .enqueue_mail(
            ws.id,
            &kunde_domain::mail::Mail {
                to: "kunde@redact.test".into(),
                subject: "Hej".into(),
                text: format!(
                    "Din nye adgangskode: http://localhost{link}\nBesøg https://cykel.test/om-os."
                ),
                html: Some(format!(
                    "<p><a href=\"http://localhost{link}\">Vælg</a></p>"
                )),
                ..Default::default()
            },
            NOW,
        )
        .await
        .unwrap();
    let round = kunde_web::outbox::deliver_due(&st).await.unwrap();
    assert_eq!(round.sent, 1);
    let got = sink.wait_for(1).await;
    assert!(
        got[0].text.contains(&link),
        "the customer gets the live link"
    );
    let sent = db.store.queued_mail(ws.id, queued).await.unwrap();
    assert_eq!(sent.state(), MailState::Sent);
    assert!(!sent.mail.text.contains(&link), "{}", sent.mail.text);
    assert!(!sent.mail.html.as_deref().unwrap().contains(&link));
    assert!(sent.mail.text.contains("[link removed after sending]"));
    assert!(
        sent.mail.text.contains("https://cykel.test/om-os."),
        "other links stay"
    );
    assert!(
        sent.mail
            .html
            .as_deref()
            .unwrap()
            .contains("[link removed after sending]"),
        "{:?}",
        sent.mail.html
    );
    // The link itself still works for the person who received it.
    let mut staff_client = Client::new(state(db));
    assert_eq!(staff_client.get(&link).await.status, StatusCode::OK);
}
