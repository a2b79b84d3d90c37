//! Inviting a colleague (issue 18, finding 10): an invitation is not an account, so the invite
//! form answers every address alike — free, a colleague's, or someone's at another business —
//! and only the holder of the mailbox learns, from the link, that an address already has an
//! account. Acceptance makes the account through a real SMTP round trip; a taken address never
//! gets a second one; invitations are listed, withdrawn and limited per hour.

mod support;

use axum::http::StatusCode;
use kunde_mail::testing::SmtpSink;
use kunde_store::audit_action;
use kunde_store::testing::TestDb;
use support::*;

on_both_databases!(
    the_invite_form_answers_every_address_alike,
    an_invitation_to_a_free_address_becomes_an_account_by_e_mail,
    a_taken_address_is_told_only_to_its_mailbox_and_never_gets_a_second_account,
    an_invitation_can_be_withdrawn_and_a_newer_one_replaces_the_older,
);

fn invite(name: &'static str, email: &'static str) -> [(&'static str, &'static str); 4] {
    [
        ("name", name),
        ("email", email),
        ("role", "staff"),
        ("language", "en"),
    ]
}

/// The `/invite/…` path in a text.
fn link_in(text: &str) -> String {
    let start = text.find("/invite/").expect("a link in the e-mail");
    let rest = &text[start..];
    rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())].to_owned()
}

/// The `/invite/…` path of the newest queued e-mail to `to`.
async fn link_in_outbox(db: &TestDb, ws: kunde_domain::WorkspaceId, to: &str) -> String {
    let mail = db.store.recent_mail(ws, 50).await.unwrap();
    let m = mail
        .iter()
        .find(|m| m.mail.to == to)
        .unwrap_or_else(|| panic!("no e-mail to {to}"));
    link_in(&m.mail.text)
}

async fn the_invite_form_answers_every_address_alike(db: &TestDb) {
    let (ws, ..) = seed_workspace(db, "inva").await;
    seed_workspace(db, "invb").await;
    let mut owner = Client::new(state(db));
    owner.sign_in("owner@inva.test").await;
    let free = owner
        .post("/settings/invite", &invite("Nora", "nora@inva.test"))
        .await;
    let other = owner
        .post("/settings/invite", &invite("Nora", "staff@invb.test"))
        .await;
    let colleague = owner
        .post("/settings/invite", &invite("Nora", "staff@inva.test"))
        .await;
    for (reply, email) in [
        (&free, "nora@inva.test"),
        (&other, "staff@invb.test"),
        (&colleague, "staff@inva.test"),
    ] {
        assert_eq!(reply.status, StatusCode::OK, "{email}: {}", reply.body);
        assert!(
            reply.body.contains(&format!("Invitation sent to {email}.")),
            "{email}: {}",
            reply.body
        );
        assert!(!reply.body.contains("/invite/"), "the link is never shown");
        assert!(!reply.body.contains("Business invb"));
    }
    // The notice reads the same for all three, whatever the address.
    let notice = |body: &str, typed: &str| {
        let start = body.find("<div class=\"notice\"").expect("a notice");
        let end = start + body[start..].find("</div>").unwrap();
        body[start..end].replace(typed, "EMAIL")
    };
    assert_eq!(
        notice(&other.body, "staff@invb.test"),
        notice(&free.body, "nora@inva.test")
    );
    assert_eq!(
        notice(&colleague.body, "staff@inva.test"),
        notice(&free.body, "nora@inva.test")
    );
    // The three are pending alike, and no account was made.
    let page = owner.get("/settings").await;
    // This business has no mail server: the page says the invitations wait for one.
    assert!(page.body.contains("id=\"invite-no-mail\""), "{}", page.body);
    assert!(page.body.contains("No mail server is set up yet"));
    for email in ["nora@inva.test", "staff@invb.test"] {
        assert!(page.body.contains(email), "{email} is listed as invited");
    }
    let pending = db.store.list_staff_invitations(ws.id).await.unwrap();
    assert_eq!(pending.len(), 3);
    assert_eq!(db.store.list_users(ws.id).await.unwrap().len(), 2);
    // Each got the same e-mail, with only the address, name and link its own.
    let mail = db.store.recent_mail(ws.id, 10).await.unwrap();
    assert_eq!(mail.len(), 3);
    let shape = |to: &str| {
        let m = mail.iter().find(|m| m.mail.to == to).expect("an e-mail");
        let link = link_in(&m.mail.text);
        (m.mail.subject.clone(), m.mail.text.replace(&link, "LINK"))
    };
    assert_eq!(shape("staff@invb.test"), shape("nora@inva.test"));
    assert_eq!(shape("staff@inva.test"), shape("nora@inva.test"));
    // Ten invitations an hour, then the form waits — and keeps what was typed.
    for i in 0..7 {
        let email: &'static str = Box::leak(format!("p{i}@inva.test").into_boxed_str());
        let r = owner.post("/settings/invite", &invite("P", email)).await;
        assert_eq!(r.status, StatusCode::OK, "{i}");
    }
    let waiting = owner
        .post("/settings/invite", &invite("Late", "late@inva.test"))
        .await;
    assert_eq!(waiting.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(waiting.headers.contains_key("retry-after"));
    assert!(
        waiting.body.contains("Too many invitations"),
        "{}",
        waiting.body
    );
    assert!(
        waiting.body.contains("late@inva.test"),
        "what was typed is kept"
    );
    // The trail records each invitation, without the address.
    let trail = owner.get("/settings/audit.csv").await;
    assert!(trail.body.contains(audit_action::INVITE));
    assert!(!trail.body.contains("staff@invb.test"));
}

async fn an_invitation_to_a_free_address_becomes_an_account_by_e_mail(db: &TestDb) {
    let sink = SmtpSink::start();
    let (ws, ..) = seed_workspace(db, "join").await;
    db.store
        .save_smtp_settings(ws.id, &sink.settings(), NOW)
        .await
        .unwrap();
    let st = state(db);
    let mut owner = Client::new(st.clone());
    owner.sign_in("owner@join.test").await;
    let r = owner
        .post(
            "/settings/invite",
            &[
                ("name", "Jonas"),
                ("email", "jonas@join.test"),
                ("role", "staff"),
                ("language", "sv"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        !r.body.contains("invite-no-mail"),
        "a mail server is set up"
    );
    let delivery = kunde_web::outbox::deliver_due(&st).await.unwrap();
    assert_eq!(delivery.sent, 1, "{delivery:?}");
    let received = sink.wait_for(1).await;
    assert_eq!(received[0].to, vec!["jonas@join.test".to_owned()]);
    assert!(received[0].subject.contains("Business join"), "in Swedish");
    let link = link_in(&received[0].text);

    let mut jonas = Client::new(state(db));
    let page = jonas.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Business join"));
    assert!(page.body.contains("jonas@join.test"));
    assert_eq!(
        jonas.post(&link, &[("password", "short")]).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let accepted = jonas.post(&link, &[("password", PASSWORD)]).await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
    assert!(
        jonas.get("/").await.body.contains("Kunder"),
        "signed in, in Swedish as invited"
    );
    let users = db.store.list_users(ws.id).await.unwrap();
    let joined = users
        .iter()
        .find(|u| u.email.as_str() == "jonas@join.test")
        .expect("the account is made");
    assert!(joined.active);
    assert_eq!(joined.role, kunde_domain::Role::Staff);
    assert!(
        db.store
            .list_staff_invitations(ws.id)
            .await
            .unwrap()
            .is_empty(),
        "the invitation is used up"
    );
    assert_eq!(
        Client::new(state(db)).get(&link).await.status,
        StatusCode::NOT_FOUND,
        "a link works once"
    );
    let mut again = Client::new(state(db));
    again.sign_in("jonas@join.test").await;
    assert_eq!(
        again.get("/settings").await.status,
        StatusCode::FORBIDDEN,
        "invited as staff"
    );
}

async fn a_taken_address_is_told_only_to_its_mailbox_and_never_gets_a_second_account(db: &TestDb) {
    let (a, ..) = seed_workspace(db, "taka").await;
    let (b, ..) = seed_workspace(db, "takb").await;
    let mut owner = Client::new(state(db));
    owner.sign_in("owner@taka.test").await;
    for email in ["staff@takb.test", "staff@taka.test"] {
        let r = owner
            .post("/settings/invite", &invite("Someone", email))
            .await;
        assert_eq!(r.status, StatusCode::OK);
    }
    for (email, business) in [
        ("staff@takb.test", "Business taka"),
        ("staff@taka.test", "Business taka"),
    ] {
        let link = link_in_outbox(db, a.id, email).await;
        let mut holder = Client::new(state(db));
        let page = holder.get(&link).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains("already has a Kunde account"),
            "{}",
            page.body
        );
        assert!(page.body.contains(business));
        assert!(!page.body.contains("name=\"password\""), "no password form");
        let tried = holder
            .post(&link, &[("password", "another secret 123")])
            .await;
        assert_eq!(tried.status, StatusCode::OK, "{email}");
        assert!(tried.body.contains("already has a Kunde account"));
        let cookies: Vec<_> = tried.headers.get_all("set-cookie").iter().collect();
        assert!(
            !cookies
                .iter()
                .any(|c| c.to_str().unwrap_or("").starts_with("kunde_session=")),
            "nobody is signed in"
        );
    }
    // No second account, no changed password, the person stays where they were.
    assert_eq!(db.store.list_users(a.id).await.unwrap().len(), 2);
    assert_eq!(db.store.list_users(b.id).await.unwrap().len(), 2);
    let record = db
        .store
        .find_user_by_email(&kunde_domain::Email::parse("staff@takb.test").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(record.user.workspace_id, b.id);
    let mut staff = Client::new(state(db));
    let signed = staff
        .post(
            "/signin",
            &[("email", "staff@takb.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        signed.status,
        StatusCode::SEE_OTHER,
        "the old password works"
    );
    // The inviter sees no difference: both invitations are still pending.
    assert_eq!(
        db.store.list_staff_invitations(a.id).await.unwrap().len(),
        2
    );

    // Should the address be taken between opening the link and accepting it, the unique
    // address still refuses a second account.
    let r = owner
        .post("/settings/invite", &invite("Rita", "rita@taka.test"))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let link = link_in_outbox(db, a.id, "rita@taka.test").await;
    let mut rita = Client::new(state(db));
    assert!(rita.get(&link).await.body.contains("name=\"password\""));
    let hash = kunde_web::auth::hash_password(&kunde_domain::Password::parse(PASSWORD).unwrap());
    db.store
        .create_user(
            b.id,
            &kunde_domain::NewUser {
                name: kunde_domain::NonEmpty::parse("name", "Rita").unwrap(),
                email: kunde_domain::Email::parse("rita@taka.test").unwrap(),
                role: kunde_domain::Role::Staff,
                language: kunde_domain::Language::En,
                password: None,
            },
            Some(&hash),
            None,
            NOW,
        )
        .await
        .unwrap();
    let late = rita
        .post(&link, &[("password", "another secret 123")])
        .await;
    assert!(
        late.body.contains("already has a Kunde account"),
        "{}",
        late.body
    );
    assert_eq!(db.store.list_users(a.id).await.unwrap().len(), 2);
}

async fn an_invitation_can_be_withdrawn_and_a_newer_one_replaces_the_older(db: &TestDb) {
    let (ws, ..) = seed_workspace(db, "wd").await;
    let mut owner = Client::new(state(db));
    owner.sign_in("owner@wd.test").await;
    owner
        .post("/settings/invite", &invite("Wanda", "wanda@wd.test"))
        .await;
    let first = link_in_outbox(db, ws.id, "wanda@wd.test").await;
    owner
        .post("/settings/invite", &invite("Wanda W", "wanda@wd.test"))
        .await;
    let mail = db.store.recent_mail(ws.id, 10).await.unwrap();
    let second = link_in(&mail[0].mail.text);
    assert_ne!(first, second);
    let mut wanda = Client::new(state(db));
    assert_eq!(
        wanda.get(&first).await.status,
        StatusCode::NOT_FOUND,
        "replaced"
    );
    assert_eq!(wanda.get(&second).await.status, StatusCode::OK);
    let pending = db.store.list_staff_invitations(ws.id).await.unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].name, "Wanda W");
    let withdraw = format!("/settings/invitations/{}/withdraw", pending[0].id);
    // Staff cannot withdraw; another business's owner finds nothing.
    let mut staff = Client::new(state(db));
    staff.sign_in("staff@wd.test").await;
    assert_eq!(
        staff.post(&withdraw, &[]).await.status,
        StatusCode::FORBIDDEN
    );
    seed_workspace(db, "wd2").await;
    let mut other = Client::new(state(db));
    other.sign_in("owner@wd2.test").await;
    assert_eq!(
        other.post(&withdraw, &[]).await.status,
        StatusCode::NOT_FOUND
    );
    let done = owner.post(&withdraw, &[]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let page = owner.get(done.location.as_deref().unwrap()).await;
    assert!(
        page.body.contains("The invitation is withdrawn"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("wanda@wd.test"));
    assert_eq!(wanda.get(&second).await.status, StatusCode::NOT_FOUND);
    let trail = db
        .store
        .audit_log(
            ws.id,
            &kunde_store::AuditFilter {
                limit: 100,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(
        trail
            .entries
            .iter()
            .any(|e| e.entry.action == audit_action::INVITE_WITHDRAW)
    );
}
