//! Accounts a business can live with (issue 17): changing your own password, "forgot
//! password" by a single-use e-mailed link that reveals nothing about which addresses exist,
//! and the owner resetting or removing a member of staff — each refused to anyone else.

mod support;

use axum::http::StatusCode;
use kunde_store::testing::TestDb;
use support::*;

on_both_databases!(
    a_person_changes_their_own_password_only_with_the_current_one,
    a_forgotten_password_is_reset_by_a_single_use_link_and_unknown_addresses_look_the_same,
    the_owner_resets_and_removes_staff_and_nobody_else_can,
);

async fn signs_in_with(c: &mut Client, email: &str, password: &str) -> bool {
    let r = c
        .post(
            "/signin",
            &[("email", email), ("password", password), ("next", "/")],
        )
        .await;
    r.status == StatusCode::SEE_OTHER
}

/// The `/invite/…` path of the newest queued e-mail to `to`.
async fn link_in_mail(db: &TestDb, to: &str) -> String {
    let due = db.store.due_mail(NOW + 60, 100).await.unwrap();
    let mail = due
        .iter()
        .rev()
        .find(|m| m.mail.to == to)
        .unwrap_or_else(|| panic!("no e-mail to {to}"));
    let start = mail
        .mail
        .text
        .find("/invite/")
        .expect("a link in the e-mail");
    let rest = &mail.mail.text[start..];
    rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())].to_owned()
}

async fn a_person_changes_their_own_password_only_with_the_current_one(db: &TestDb) {
    let (_, _, staff) = seed_workspace(db, "pw").await;
    let mut c = Client::new(state(db));
    c.sign_in(staff.email.as_str()).await;
    let wrong = c
        .post(
            "/account/password",
            &[
                ("current", "not my password"),
                ("new", "a brand new secret"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong.body.contains("not your current password"),
        "{}",
        wrong.body
    );
    let ok = c
        .post(
            "/account/password",
            &[("current", PASSWORD), ("new", "a brand new secret")],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    // This browser stays signed in; the old password no longer works anywhere.
    let page = c.get("/account/password?done=password-changed").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Your password is changed"));
    let mut other = Client::new(state(db));
    assert!(!signs_in_with(&mut other, staff.email.as_str(), PASSWORD).await);
    assert!(signs_in_with(&mut other, staff.email.as_str(), "a brand new secret").await);
    // Signed out, the page is not reachable.
    let mut anonymous = Client::new(state(db));
    let r = anonymous.get("/account/password").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

async fn a_forgotten_password_is_reset_by_a_single_use_link_and_unknown_addresses_look_the_same(
    db: &TestDb,
) {
    let (_, _, staff) = seed_workspace(db, "forgot").await;
    let mut c = Client::new(state(db));
    let known = c.post("/forgot", &[("email", staff.email.as_str())]).await;
    let unknown = c.post("/forgot", &[("email", "nobody@forgot.test")]).await;
    assert_eq!(known.status, StatusCode::OK);
    assert_eq!(unknown.status, StatusCode::OK);
    assert!(
        known
            .body
            .contains("a link to choose a new password is on its way")
    );
    assert_eq!(known.body, unknown.body, "the answer reveals nothing");
    assert!(
        db.store
            .due_mail(NOW + 60, 100)
            .await
            .unwrap()
            .iter()
            .all(|m| m.mail.to != "nobody@forgot.test")
    );
    let first = link_in_mail(db, staff.email.as_str()).await;
    // A newer link replaces the older one.
    c.post("/forgot", &[("email", staff.email.as_str())]).await;
    let second = link_in_mail(db, staff.email.as_str()).await;
    assert_ne!(first, second);
    assert_eq!(c.get(&first).await.status, StatusCode::NOT_FOUND);
    assert_eq!(c.get(&second).await.status, StatusCode::OK);
    let set = c.post(&second, &[("password", "chosen again 123")]).await;
    assert_eq!(set.status, StatusCode::SEE_OTHER);
    // Single use.
    assert_eq!(c.get(&second).await.status, StatusCode::NOT_FOUND);
    let mut other = Client::new(state(db));
    assert!(signs_in_with(&mut other, staff.email.as_str(), "chosen again 123").await);
    // The third request for one address within a minute is refused, and says so.
    let limited = c.post("/forgot", &[("email", staff.email.as_str())]).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.headers.contains_key("retry-after"));
}

async fn the_owner_resets_and_removes_staff_and_nobody_else_can(db: &TestDb) {
    let (_, owner, staff) = seed_workspace(db, "team").await;
    let (_, other_owner, _) = seed_workspace(db, "rival").await;
    let reset = format!("/settings/users/{}/reset", staff.id);
    let remove = format!("/settings/users/{}/remove", staff.id);

    // Staff cannot reset or remove anyone.
    let mut s = Client::new(state(db));
    s.sign_in(staff.email.as_str()).await;
    assert_eq!(s.post(&reset, &[]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        s.post(
            &format!("/settings/users/{}/remove", owner.id),
            &[("confirm", "yes")]
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    // Another business's owner finds no such person.
    let mut r = Client::new(state(db));
    r.sign_in(other_owner.email.as_str()).await;
    assert_eq!(r.post(&reset, &[]).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        r.post(&remove, &[("confirm", "yes")]).await.status,
        StatusCode::NOT_FOUND
    );

    let mut o = Client::new(state(db));
    o.sign_in(owner.email.as_str()).await;
    let page = o.post(&reset, &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("/invite/"),
        "the link is shown to pass on"
    );
    // Without the confirmation box nothing happens; the owner cannot remove themself.
    assert_eq!(o.post(&remove, &[]).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        o.post(
            &format!("/settings/users/{}/remove", owner.id),
            &[("confirm", "yes")]
        )
        .await
        .status,
        StatusCode::BAD_REQUEST
    );
    assert!(signs_in_with(&mut Client::new(state(db)), staff.email.as_str(), PASSWORD).await);
    let removed = o.post(&remove, &[("confirm", "yes")]).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    // Their open session ends, they cannot sign in, and they are no longer listed.
    assert_eq!(s.get("/customers").await.status, StatusCode::SEE_OTHER);
    assert!(!signs_in_with(&mut Client::new(state(db)), staff.email.as_str(), PASSWORD).await);
    let settings = o.get("/settings?done=user-removed").await;
    assert!(settings.body.contains("can no longer sign in"));
    assert!(!settings.body.contains(staff.email.as_str()));
}
