//! The web application end to end, in-process: sign-in, sessions, CSRF, roles, workspace
//! isolation, forms with bad input, escaping, first-run set-up and invitations. Each test runs
//! on SQLite and on PostgreSQL.

mod support;

use axum::http::StatusCode;
use kunde_domain::*;
use kunde_store::testing::TestDb;
use support::*;

on_both_databases!(
    signing_in_with_the_right_password_opens_the_workspace_and_signing_out_ends_it,
    a_wrong_password_or_unknown_e_mail_is_refused_without_saying_which,
    pages_need_a_signed_in_user,
    a_form_posted_without_its_csrf_token_is_refused,
    staff_cannot_reach_owner_only_pages,
    a_user_cannot_read_or_change_another_workspaces_customer_by_guessing_its_id,
    a_customer_form_with_bad_input_says_what_is_wrong_and_saves_nothing,
    a_duplicate_customer_e_mail_is_reported_on_the_field,
    user_text_is_escaped,
    the_first_run_asks_for_the_business_and_its_owner_once,
    an_invited_colleague_sets_a_password_once_and_signs_in,
    journeys_and_touchpoints_are_created_by_the_owner,
    pages_follow_the_browsers_language_and_the_users_choice,
    the_demo_business_loads_and_shows_its_numbers,
);

async fn signing_in_with_the_right_password_opens_the_workspace_and_signing_out_ends_it(
    db: &TestDb,
) {
    seed_workspace(db, "a").await;
    let mut c = Client::new(state(db));
    let reply = c.sign_in("OWNER@a.test").await;
    assert_eq!(reply.location.as_deref(), Some("/"));
    let session = reply
        .headers
        .get_all("set-cookie")
        .iter()
        .find(|v| v.to_str().unwrap().starts_with("kunde_session="));
    let session = session.expect("a session cookie").to_str().unwrap();
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Lax"),
        "{session}"
    );
    let home = c.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("Business a"));
    assert!(home.body.contains("Olivia Owner"));

    let out = c.post("/signout", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(!c.cookies.contains_key("kunde_session"));
    // The old token is dead on the server too, not just forgotten by the browser.
    let mut replay = Client::new(state(db));
    let token = session
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1;
    replay.cookies.insert("kunde_session".into(), token.into());
    assert_eq!(replay.get("/").await.status, StatusCode::SEE_OTHER);
}

async fn a_wrong_password_or_unknown_e_mail_is_refused_without_saying_which(db: &TestDb) {
    seed_workspace(db, "a").await;
    let mut c = Client::new(state(db));
    let wrong = c
        .post(
            "/signin",
            &[("email", "owner@a.test"), ("password", "not the password")],
        )
        .await;
    let unknown = c
        .post(
            "/signin",
            &[("email", "nobody@a.test"), ("password", PASSWORD)],
        )
        .await;
    for reply in [&wrong, &unknown] {
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert!(
            reply.body.contains("Wrong e-mail or password."),
            "{}",
            reply.body
        );
    }
    assert!(
        wrong.body.contains("value=\"owner@a.test\""),
        "the e-mail is kept in the form"
    );
    assert!(!c.cookies.contains_key("kunde_session"));
    assert_eq!(c.get("/customers").await.status, StatusCode::SEE_OTHER);
}

async fn pages_need_a_signed_in_user(db: &TestDb) {
    seed_workspace(db, "a").await;
    let mut c = Client::new(state(db));
    for path in ["/", "/customers", "/customers/1", "/journeys", "/settings"] {
        let reply = c.get(path).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{path}");
        assert!(
            reply.location.unwrap().starts_with("/signin?next="),
            "{path}"
        );
    }
    let reply = c.post("/customers/new", &[("name", "Sneaky")]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
}

async fn a_form_posted_without_its_csrf_token_is_refused(db: &TestDb) {
    let (ws, ..) = seed_workspace(db, "a").await;
    let mut c = Client::new(state(db));
    c.sign_in("owner@a.test").await;
    let form = [
        ("name", "Forged"),
        ("language", "en"),
        ("email", ""),
        ("phone", ""),
        ("acquisition_channel", ""),
        ("acquisition_cost", ""),
    ];
    let missing = c.post_raw("/customers/new", &form).await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    assert!(
        missing.body.contains("The form had expired"),
        "{}",
        missing.body
    );
    let mut wrong = vec![("csrf", "A".repeat(43))];
    wrong.extend(form.iter().map(|(k, v)| (*k, v.to_string())));
    let wrong: Vec<(&str, &str)> = wrong.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        c.post_raw("/customers/new", &wrong).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        c.post_raw("/signout", &[]).await.status,
        StatusCode::FORBIDDEN
    );
    let (_, total) = db
        .store
        .list_customers(
            ws.id,
            &kunde_store::CustomerQuery {
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(total, 0, "nothing was written");
    // With the token the same form goes through.
    assert_eq!(
        c.post("/customers/new", &form).await.status,
        StatusCode::SEE_OTHER
    );
}

async fn staff_cannot_reach_owner_only_pages(db: &TestDb) {
    seed_workspace(db, "a").await;
    let mut c = Client::new(state(db));
    c.sign_in("staff@a.test").await;
    assert_eq!(c.get("/customers").await.status, StatusCode::OK);
    let home = c.get("/").await;
    assert!(
        !home.body.contains("href=\"/settings\""),
        "staff are not shown the settings link"
    );
    let settings = c.get("/settings").await;
    assert_eq!(settings.status, StatusCode::FORBIDDEN);
    assert!(settings.body.contains("Only the owner may open this page."));
    let invite = c
        .post(
            "/settings/invite",
            &[
                ("name", "X"),
                ("email", "x@a.test"),
                ("role", "owner"),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(invite.status, StatusCode::FORBIDDEN);
    assert!(
        db.store
            .find_user_by_email(&Email::parse("x@a.test").unwrap())
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        c.post(
            "/journeys/new",
            &[("name", "J"), ("description", ""), ("variant", "as_is")]
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
}

async fn a_user_cannot_read_or_change_another_workspaces_customer_by_guessing_its_id(db: &TestDb) {
    seed_workspace(db, "a").await;
    let (b, ..) = seed_workspace(db, "b").await;
    let secret = seed_customer(db, b.id, "Secret Customer of B").await;
    let mut c = Client::new(state(db));
    c.sign_in("owner@a.test").await;
    let path = format!("/customers/{}", secret.id);
    let read = c.get(&path).await;
    assert_eq!(read.status, StatusCode::NOT_FOUND);
    assert!(!read.body.contains("Secret Customer"));
    assert_eq!(
        c.get(&format!("{path}/edit")).await.status,
        StatusCode::NOT_FOUND
    );
    let form = [
        ("name", "Hijacked"),
        ("language", "en"),
        ("email", ""),
        ("phone", ""),
        ("acquisition_channel", ""),
        ("acquisition_cost", ""),
    ];
    assert_eq!(
        c.post(&format!("{path}/edit"), &form).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        db.store.get_customer(b.id, secret.id).await.unwrap().name,
        "Secret Customer of B"
    );
    assert!(!c.get("/customers").await.body.contains("Secret Customer"));
}

async fn a_customer_form_with_bad_input_says_what_is_wrong_and_saves_nothing(db: &TestDb) {
    let (ws, ..) = seed_workspace(db, "a").await;
    let mut c = Client::new(state(db));
    c.sign_in("owner@a.test").await;
    let bad = [
        ("name", "  "),
        ("email", "anna@"),
        ("phone", "call me"),
        ("language", "en"),
        ("acquisition_channel", "facebook"),
        ("acquisition_cost", "12,3x"),
    ];
    let reply = c.post("/customers/new", &bad).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "Name must not be empty.",
        "“anna@” is not a valid e-mail address.",
        "“call me” is not a valid phone number.",
        "“12,3x” is not a valid amount.",
    ] {
        assert!(
            reply
                .body
                .contains(&message.replace('“', "&#8220;").replace('”', "&#8221;"))
                || reply.body.contains(message),
            "missing {message}: {}",
            reply.body
        );
    }
    assert!(
        reply.body.contains("value=\"anna@\""),
        "what was typed is kept"
    );
    let (_, total) = db
        .store
        .list_customers(
            ws.id,
            &kunde_store::CustomerQuery {
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(total, 0);

    let good = [
        ("name", "Anna Øberg"),
        ("email", "Anna@Example.se"),
        ("phone", "+46 70 123 45 67"),
        ("language", "sv"),
        ("marketing_consent", "on"),
        ("acquisition_channel", "facebook"),
        ("acquisition_cost", "1.234,50"),
    ];
    let created = c.post("/customers/new", &good).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    let page = c.get(created.location.as_deref().unwrap()).await;
    assert!(page.body.contains("Customer created."));
    assert!(page.body.contains("anna@example.se"));
    assert!(
        page.body.contains("DKK 1,234.50"),
        "Danish decimal comma read right: {}",
        page.body
    );
}

async fn a_duplicate_customer_e_mail_is_reported_on_the_field(db: &TestDb) {
    seed_workspace(db, "a").await;
    let mut c = Client::new(state(db));
    c.sign_in("owner@a.test").await;
    let form = [
        ("name", "Bo"),
        ("email", "bo@example.dk"),
        ("phone", ""),
        ("language", "da"),
        ("acquisition_channel", ""),
        ("acquisition_cost", ""),
    ];
    assert_eq!(
        c.post("/customers/new", &form).await.status,
        StatusCode::SEE_OTHER
    );
    let again = c.post("/customers/new", &form).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        again
            .body
            .contains("Someone with this e-mail address already exists."),
        "{}",
        again.body
    );
}

async fn user_text_is_escaped(db: &TestDb) {
    let (ws, ..) = seed_workspace(db, "a").await;
    let evil = seed_customer(db, ws.id, "<script>alert('x')</script>").await;
    let mut c = Client::new(state(db));
    c.sign_in("owner@a.test").await;
    for path in [
        "/customers".to_owned(),
        format!("/customers/{}", evil.id),
        "/customers?q=%3Cscript%3E".to_owned(),
    ] {
        let body = c.get(&path).await.body;
        assert!(!body.contains("<script>alert"), "{path} shows raw HTML");
        assert!(
            body.contains("&#60;script&#62;") || body.contains("&lt;script&gt;"),
            "{path}: {body}"
        );
    }
    let headers = c.get("/customers").await.headers;
    let csp = headers
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"));
    assert_eq!(headers.get("x-content-type-options").unwrap(), "nosniff");
}

async fn the_first_run_asks_for_the_business_and_its_owner_once(db: &TestDb) {
    let mut c = Client::new(state(db));
    let start = c.get("/").await;
    assert_eq!(start.location.as_deref(), Some("/signin?next=%2F"));
    assert_eq!(c.get("/signin").await.location.as_deref(), Some("/setup"));
    let form = c.get("/setup").await;
    assert!(form.body.contains("Business name"));
    let bad = c
        .post(
            "/setup",
            &[
                ("business", ""),
                ("name", "Mette"),
                ("email", "mette@"),
                ("password", "short"),
                ("language", "da"),
                ("currency", "DKK"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body
            .contains("The password must be at least 8 characters."),
        "{}",
        bad.body
    );
    assert_eq!(db.store.count_workspaces().await.unwrap(), 0);
    let done = c
        .post(
            "/setup",
            &[
                ("business", "Salon Mette"),
                ("name", "Mette"),
                ("email", "mette@salon.dk"),
                ("password", PASSWORD),
                ("language", "da"),
                ("currency", "dkk"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let home = c.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("Salon Mette"));
    assert!(
        home.body.contains("Kunder"),
        "the owner's chosen language is used"
    );
    // Set-up is over: a second attempt cannot create another owner.
    let mut other = Client::new(state(db));
    assert_eq!(other.get("/setup").await.status, StatusCode::SEE_OTHER);
    let again = other
        .post(
            "/setup",
            &[
                ("business", "Hijack"),
                ("name", "X"),
                ("email", "x@x.dk"),
                ("password", PASSWORD),
                ("language", "en"),
                ("currency", "DKK"),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_eq!(db.store.count_workspaces().await.unwrap(), 1);
}

async fn an_invited_colleague_sets_a_password_once_and_signs_in(db: &TestDb) {
    let (ws, ..) = seed_workspace(db, "a").await;
    let mut owner = Client::new(state(db));
    owner.sign_in("owner@a.test").await;
    let reply = owner
        .post(
            "/settings/invite",
            &[
                ("name", "Jonas"),
                ("email", "jonas@a.test"),
                ("role", "staff"),
                ("language", "sv"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("Invitation sent to jonas@a.test."));
    // The link goes by e-mail only: the inviter never sees it.
    assert!(!reply.body.contains("/invite/"));
    let mail = db.store.recent_mail(ws.id, 10).await.unwrap();
    let text = &mail[0].mail.text;
    let start = text
        .find("http://kunde.test")
        .expect("the invitation link is e-mailed");
    let link = text[start + "http://kunde.test".len()..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    assert!(link.starts_with("/invite/"));

    let mut jonas = Client::new(state(db));
    let page = jonas.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Business a"));
    assert_eq!(
        jonas.post(&link, &[("password", "short")]).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let accepted = jonas.post(&link, &[("password", PASSWORD)]).await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER);
    assert!(
        jonas.get("/").await.body.contains("Kunder"),
        "Swedish, as invited"
    );
    assert_eq!(
        Client::new(state(db)).get(&link).await.status,
        StatusCode::NOT_FOUND,
        "a link works once"
    );
    let mut again = Client::new(state(db));
    again.sign_in("jonas@a.test").await;
    assert_eq!(
        again.get("/settings").await.status,
        StatusCode::FORBIDDEN,
        "invited as staff"
    );
}

async fn journeys_and_touchpoints_are_created_by_the_owner(db: &TestDb) {
    let (ws, owner, _) = seed_workspace(db, "a").await;
    let mut c = Client::new(state(db));
    c.sign_in("owner@a.test").await;
    let created = c
        .post(
            "/journeys/new",
            &[
                ("name", "Booking a repair"),
                ("description", "From flat tyre to pick-up"),
                ("variant", "as_is"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    let path = created
        .location
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let journey = db.store.list_journeys(ws.id).await.unwrap().remove(0);
    let stages = db.store.list_stages(ws.id, journey.id).await.unwrap();
    assert_eq!(
        stages.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
        DEFAULT_STAGES
    );
    let stage = stages[1].id.to_string();
    let owner_id = owner.id.to_string();
    let tp = [
        ("stage_id", stage.as_str()),
        ("name", "Call to book"),
        ("channel", "phone"),
        ("owner_id", owner_id.as_str()),
        ("customer_goal", "Get a time"),
        ("pain_points", "Waits 15 minutes"),
        ("ideas", ""),
    ];
    assert_eq!(
        c.post(&format!("{path}/touchpoints"), &tp).await.status,
        StatusCode::SEE_OTHER
    );
    let page = c.get(&path).await.body;
    assert!(
        page.contains("Call to book")
            && page.contains("Waits 15 minutes")
            && page.contains("Olivia Owner")
    );
    assert!(page.contains("Consideration"));
    let empty = c
        .post(
            &format!("{path}/touchpoints"),
            &[
                ("stage_id", stage.as_str()),
                ("name", ""),
                ("channel", "phone"),
            ],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
}

async fn pages_follow_the_browsers_language_and_the_users_choice(db: &TestDb) {
    seed_workspace(db, "a").await;
    let mut c = Client::new(state(db));
    c.accept_language = Some("da-DK,da;q=0.9,en;q=0.5".into());
    assert!(c.get("/signin").await.body.contains("Log ind"));
    c.accept_language = Some("fil-PH".into());
    let tagalog = c.get("/signin").await.body;
    assert!(tagalog.contains("lang=\"tl\""));
    c.accept_language = None;
    c.sign_in("owner@a.test").await;
    assert!(c.get("/customers").await.body.contains("Customers"));
    assert_eq!(
        c.post("/language", &[("language", "sv"), ("back", "/customers")])
            .await
            .location
            .as_deref(),
        Some("/customers")
    );
    assert!(c.get("/customers").await.body.contains("Kunder"));
    let bad = c
        .post(
            "/language",
            &[("language", "xx"), ("back", "https://evil.example")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let away = c
        .post(
            "/language",
            &[("language", "en"), ("back", "https://evil.example")],
        )
        .await;
    assert_eq!(
        away.location.as_deref(),
        Some("/"),
        "never redirects off the site"
    );
}

async fn the_demo_business_loads_and_shows_its_numbers(db: &TestDb) {
    let hash = kunde_web::auth::hash_password(&Password::parse(PASSWORD).unwrap());
    let opts = kunde_demo::DemoOptions {
        customers: 300,
        ..kunde_demo::DemoOptions::default()
    };
    let import = kunde_demo::generate(&opts, hash.clone(), hash);
    let ws = db.store.import_workspace(&import, NOW).await.unwrap();
    let totals = db.store.workspace_totals(ws).await.unwrap();
    assert_eq!(totals.customers, 300);
    // Every survey answer on a touchpoint is an event too.
    let answer_events: usize = import
        .surveys
        .iter()
        .filter(|s| s.touchpoint.is_some())
        .map(|s| s.responses.len())
        .sum();
    assert!(answer_events > 0, "the demo has survey answers");
    assert_eq!(totals.events as usize, import.events.len() + answer_events);
    assert_eq!(totals.orders as usize, import.orders.len());
    // The last month's detractors wait for an answer; the older ones are overdue.
    let (open, overdue) = db.store.followup_counts(ws, NOW).await.unwrap();
    assert!(open > 0 && overdue > 0, "open {open}, overdue {overdue}");
    let mut c = Client::new(state(db));
    c.post(
        "/signin",
        &[
            ("email", kunde_demo::DEMO_OWNER_EMAIL),
            ("password", PASSWORD),
        ],
    )
    .await;
    let home = c.get("/").await.body;
    assert!(home.contains("Cykelværkstedet Nørrebro"));
    assert!(home.contains("300"));
    let journeys = c.get("/journeys").await.body;
    assert!(journeys.contains("Repair and service"));
    let customers = c.get("/customers").await.body;
    let first = customers
        .split("href=\"/customers/")
        .nth(2)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let timeline = c.get(&format!("/customers/{first}")).await;
    assert_eq!(timeline.status, StatusCode::OK);
}
