//! Demand lists and thank-you notes (issue 15) through the pages, on both databases: the
//! owner groups wish answers into items (staff may look, not change); the public "Notify me"
//! form in four languages, its validation (a refused form keeps what was typed) and rate
//! limit; marking an item available e-mails every waiting customer once through a real SMTP
//! server, in their language, even after a restart; "bought since"; the week's thank-you
//! list, marking a note written (on the timeline), postal addresses and the printable list.

mod support;

use axum::http::StatusCode;
use kunde_domain::*;
use kunde_mail::testing::SmtpSink;
use kunde_store::testing::TestDb;
use support::*;

on_both_databases!(
    the_owner_groups_wish_answers_into_items_and_staff_only_look,
    the_notify_form_speaks_four_languages_and_keeps_what_was_typed,
    the_notify_form_is_rate_limited_per_client,
    marking_available_e_mails_each_waiting_customer_once_even_after_a_restart,
    the_week_s_thank_you_list_is_ticked_off_and_printed_with_addresses,
);

const DAY: i64 = 86_400;

fn name(s: &str) -> NonEmpty {
    NonEmpty::parse("name", s).unwrap()
}

/// A live survey with a wish question, and one answer per `(customer, text)`.
async fn wishes(db: &TestDb, ws: WorkspaceId, answers: &[(CustomerId, &str)]) {
    let store = &db.store;
    let journey = store
        .create_journey(
            ws,
            &NewJourney {
                name: name("Repairs"),
                description: String::new(),
                variant: JourneyVariant::AsIs,
                counterpart_of: None,
                parent_id: None,
            },
            &DEFAULT_STAGES,
            NOW,
        )
        .await
        .unwrap();
    let stages = store.list_stages(ws, journey.id).await.unwrap();
    let tp = store
        .create_touchpoint(
            ws,
            &NewTouchpoint {
                stage_id: stages[3].id,
                name: name("Pick-up"),
                channel: Channel::InPerson,
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
    let settings = SurveySettings {
        title: Texts::same("After pick-up"),
        kind: SurveyKind::Customer,
        touchpoint_id: Some(tp.id),
        presentation: Presentation::AllAtOnce,
        fatigue_days: 30,
        reminder_days: 3,
        min_group_size: 5,
        default_language: Language::En,
    };
    let s = store
        .create_survey(
            ws,
            &settings,
            &[NewQuestion::new(
                QuestionKind::Wish,
                Texts::same("What would you buy from us, if only we offered it?"),
            )],
            NOW,
        )
        .await
        .unwrap();
    store
        .set_survey_status(ws, s.id, SurveyStatus::Live)
        .await
        .unwrap();
    let q = store.survey_questions(ws, s.id).await.unwrap().remove(0);
    for (i, (c, text)) in answers.iter().enumerate() {
        store
            .store_response(
                ws,
                s.id,
                &NewResponse {
                    customer_id: Some(*c),
                    channel: ResponseChannel::Link,
                    language: Language::En,
                    submitted_at: NOW - 10 + i as i64,
                    team: None,
                    location: None,
                    submission_key: format!("w{i}"),
                    answers: vec![(q.id, AnswerValue::Text((*text).into()))],
                },
                None,
            )
            .await
            .unwrap();
    }
}

async fn customer(
    db: &TestDb,
    ws: WorkspaceId,
    who: &str,
    email: &str,
    lang: Language,
) -> Customer {
    db.store
        .create_customer(
            ws,
            &NewCustomer {
                email: Some(Email::parse(email).unwrap()),
                language: lang,
                ..NewCustomer::named(name(who), NOW)
            },
        )
        .await
        .unwrap()
}

async fn the_owner_groups_wish_answers_into_items_and_staff_only_look(db: &TestDb) {
    let (ws, owner, staff) = seed_workspace(db, "group").await;
    let a = customer(db, ws.id, "Astrid", "astrid@group.test", Language::Sv).await;
    let b = customer(db, ws.id, "Bo", "bo@group.test", Language::Da).await;
    wishes(
        db,
        ws.id,
        &[
            (a.id, "Bike bags"),
            (b.id, "Good bike bags"),
            (a.id, "A <b>loan</b> bike"),
        ],
    )
    .await;
    let mut o = Client::new(state(db));
    o.sign_in(owner.email.as_str()).await;
    let list = o.get("/demand").await;
    assert_eq!(list.status, StatusCode::OK);
    // The themes engine proposes "bike bags" for the two answers that share it.
    assert!(
        list.body.contains("<strong>bike bags</strong>"),
        "{}",
        list.body
    );
    assert!(
        list.body.contains("A &#60;b&#62;loan&#60;/b&#62; bike"),
        "escaped"
    );
    let answers = db.store.wish_answers(ws.id, 10).await.unwrap();
    let ids = |texts: &[&str]| -> String {
        answers
            .iter()
            .filter(|x| texts.contains(&x.text.as_str()))
            .map(|x| x.id.to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    // A nameless item is refused, keeping the ticked answers.
    let loan = ids(&["A <b>loan</b> bike"]);
    let refused = o
        .post("/demand", &[("name", "  "), ("answer", &loan)])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Type a name"), "{}", refused.body);
    assert!(
        refused.body.contains(&format!("value=\"{loan}\" checked")),
        "{}",
        refused.body
    );
    let made = o
        .post(
            "/demand",
            &[
                ("name", "Bike bags"),
                ("answers", &ids(&["Bike bags", "Good bike bags"])),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let item_path = made.location.unwrap().split('?').next().unwrap().to_owned();
    let item = o.get(&item_path).await;
    assert!(item.body.contains("Good bike bags"));
    assert!(
        item.body.contains("Add the 2 customers who asked for it"),
        "{}",
        item.body
    );
    let loan_item = o
        .post("/demand", &[("name", "Loan bike"), ("answer", &loan)])
        .await;
    let loan_path = loan_item
        .location
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let loan_id = loan_path.trim_start_matches("/demand/").to_owned();

    // Staff see the pages in Danish too, but cannot group, rename or merge.
    let mut s = Client::new(state(db));
    s.sign_in(staff.email.as_str()).await;
    assert_eq!(
        s.post("/language", &[("language", "da")]).await.status,
        StatusCode::SEE_OTHER
    );
    let da = s.get("/demand").await;
    assert!(da.body.contains("Svar uden emne"), "{}", da.body);
    assert!(
        !da.body.contains("action=\"/demand\""),
        "no grouping form for staff"
    );
    s.post("/language", &[("language", "en")]).await;
    for (path, body) in [
        ("/demand", vec![("name", "X")]),
        (&format!("{item_path}/rename") as &str, vec![("name", "X")]),
        (
            &format!("{item_path}/merge"),
            vec![("into", loan_id.as_str())],
        ),
        (&format!("{item_path}/available"), vec![]),
    ] {
        assert_eq!(
            s.post(path, &body).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    // Staff add the respondents; then the owner merges "Bike bags" into "Loan bike".
    let added = s
        .post(&format!("{item_path}/waiting"), &[("respondents", "yes")])
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    let unknown = s
        .post(
            &format!("{item_path}/waiting"),
            &[("email", "nobody@group.test")],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("value=\"nobody@group.test\""));
    assert!(unknown.body.contains("No customer has this e-mail address"));
    let renamed = o
        .post(&format!("{loan_path}/rename"), &[("name", "")])
        .await;
    assert_eq!(renamed.status, StatusCode::UNPROCESSABLE_ENTITY);
    let merged = o
        .post(&format!("{item_path}/merge"), &[("into", &loan_id)])
        .await;
    assert_eq!(merged.status, StatusCode::SEE_OTHER);
    assert_eq!(o.get(&item_path).await.status, StatusCode::NOT_FOUND);
    let after = o.get(&loan_path).await;
    assert!(after.body.contains("Good bike bags") && after.body.contains("Astrid"));
    // Garbage never makes a 500.
    for body in [
        vec![("into", "x")],
        vec![("into", "999999")],
        vec![("into", loan_id.as_str())],
    ] {
        let r = o.post(&format!("{loan_path}/merge"), &body).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body:?}");
    }
    let junk = o
        .post("/demand", &[("item", "nope"), ("answer", "1")])
        .await;
    assert_eq!(junk.status, StatusCode::BAD_REQUEST);
}

async fn notify_item(db: &TestDb, slug: &str) -> (Workspace, User, String, i64, String) {
    let (ws, owner, _) = seed_workspace(db, slug).await;
    let item = db
        .store
        .create_demand_item(ws.id, &name("Cargo bike rental"), &[], NOW)
        .await
        .unwrap();
    let key = db.store.demand_item(ws.id, item).await.unwrap().public_key;
    let site = db.store.help_site_slug(ws.id).await.unwrap();
    (
        ws,
        owner,
        format!("/portal/{site}/notify/{key}"),
        item,
        site,
    )
}

async fn the_notify_form_speaks_four_languages_and_keeps_what_was_typed(db: &TestDb) {
    let (ws, _, path, item, site) = notify_item(db, "notify").await;
    let mut c = Client::new(state(db));
    for (lang, title) in [
        ("en", "Cargo bike rental from Business notify"),
        ("da", "Cargo bike rental fra Business notify"),
        ("sv", "Cargo bike rental från Business notify"),
        ("tl", "Cargo bike rental mula sa Business notify"),
    ] {
        let page = c.get(&format!("{path}?lang={lang}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(title), "{lang}: {}", page.body);
    }
    // No consent: refused, the address stays; a bad address likewise.
    let refused = c.post(&path, &[("email", "Ève@notify.test")]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Tick the box"), "{}", refused.body);
    assert!(refused.body.contains("value=\"Ève@notify.test\""));
    let bad = c
        .post(
            &path,
            &[("email", "not an address <x>"), ("consent", "yes")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("value=\"not an address &#60;x&#62;\""),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("checked"));
    assert!(
        db.store
            .demand_waiting(ws.id, item)
            .await
            .unwrap()
            .is_empty()
    );

    let sv = c
        .post(
            &format!("{path}?lang=sv"),
            &[("email", "eva@notify.test"), ("consent", "yes")],
        )
        .await;
    assert_eq!(sv.status, StatusCode::OK);
    assert!(sv.body.contains("Tack."), "{}", sv.body);
    let waiting = db.store.demand_waiting(ws.id, item).await.unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].consent_at, Some(NOW));
    let eva = db
        .store
        .get_customer(ws.id, waiting[0].customer)
        .await
        .unwrap();
    assert_eq!(eva.language, Language::Sv);
    // A known address gets the same answer and is not doubled.
    let again = c
        .post(
            &format!("{path}?lang=sv"),
            &[("email", "eva@notify.test"), ("consent", "yes")],
        )
        .await;
    assert_eq!(again.body, sv.body);
    assert_eq!(db.store.demand_waiting(ws.id, item).await.unwrap().len(), 1);

    // Unknown keys, another business's key and garbage are 404s, never 500s.
    let (_, _, theirs, _, _) = notify_item(db, "notify-other").await;
    let their_key = theirs.rsplit('/').next().unwrap();
    for wrong in [
        format!("/portal/{site}/notify/{their_key}"),
        format!("/portal/{site}/notify/0123456789abcdef0123"),
        format!("/portal/{site}/notify/%00%27"),
        format!("/portal/no-such-site/notify/{their_key}"),
    ] {
        assert_eq!(c.get(&wrong).await.status, StatusCode::NOT_FOUND, "{wrong}");
        let r = c
            .post(&wrong, &[("email", "x@y.test"), ("consent", "yes")])
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{wrong}");
    }
}

async fn the_notify_form_is_rate_limited_per_client(db: &TestDb) {
    let (_, _, path, _, _) = notify_item(db, "limit").await;
    let mut c = Client::new(state(db));
    let mut last = StatusCode::OK;
    for i in 0..11 {
        last = c
            .post(
                &path,
                &[("email", &format!("x{i}@limit.test")), ("consent", "yes")],
            )
            .await
            .status;
        if i < 10 {
            assert_eq!(last, StatusCode::OK, "request {i}");
        }
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}

async fn marking_available_e_mails_each_waiting_customer_once_even_after_a_restart(db: &TestDb) {
    let (ws, owner, path, item, _) = notify_item(db, "avail").await;
    let sink = SmtpSink::start();
    db.store
        .save_smtp_settings(ws.id, &sink.settings(), NOW)
        .await
        .unwrap();
    let mut public = Client::new(state(db));
    for (lang, email) in [
        ("da", "dorte@avail.test"),
        ("sv", "sven@avail.test"),
        ("tl", "tala@avail.test"),
        ("en", "emma@avail.test"),
    ] {
        let r = public
            .post(
                &format!("{path}?lang={lang}"),
                &[("email", email), ("consent", "yes")],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
    }
    let st = state(db);
    let mut o = Client::new(st.clone());
    o.sign_in(owner.email.as_str()).await;
    let marked = o.post(&format!("/demand/{item}/available"), &[]).await;
    assert_eq!(marked.status, StatusCode::SEE_OTHER);
    let round = kunde_web::outbox::deliver_due(&st).await.unwrap();
    assert_eq!((round.sent, round.failed), (4, 0));
    let mail = sink.wait_for(4).await;
    let subject_to = |to: &str| {
        mail.iter()
            .find(|m| m.to == vec![to.to_owned()])
            .unwrap_or_else(|| panic!("no mail to {to}"))
            .subject
            .clone()
    };
    assert_eq!(
        subject_to("dorte@avail.test"),
        "Cargo bike rental kan nu fås hos Business avail"
    );
    assert_eq!(
        subject_to("sven@avail.test"),
        "Cargo bike rental finns nu hos Business avail"
    );
    assert_eq!(
        subject_to("tala@avail.test"),
        "Mayroon na ng Cargo bike rental sa Business avail"
    );
    assert_eq!(
        subject_to("emma@avail.test"),
        "Cargo bike rental is now available at Business avail"
    );

    // A restart (a new process state on the same database) and a second press send nothing.
    let restarted = state(db);
    let mut again = Client::new(restarted.clone());
    again.sign_in(owner.email.as_str()).await;
    let twice = again.post(&format!("/demand/{item}/available"), &[]).await;
    assert_eq!(twice.status, StatusCode::SEE_OTHER);
    assert_eq!(
        kunde_web::outbox::deliver_due(&restarted)
            .await
            .unwrap()
            .sent,
        0
    );
    assert_eq!(db.store.recent_mail(ws.id, 20).await.unwrap().len(), 4);
    assert_eq!(sink.received().len(), 4);
    // The public form now says it is available and takes nobody.
    let page = public.get(&path).await;
    assert!(page.body.contains("Good news"), "{}", page.body);
    let late = public
        .post(&path, &[("email", "late@avail.test"), ("consent", "yes")])
        .await;
    assert_eq!(late.status, StatusCode::OK);
    assert_eq!(db.store.demand_waiting(ws.id, item).await.unwrap().len(), 4);

    // One of them orders afterwards: the item shows it.
    let dorte = db
        .store
        .customer_by_email(ws.id, &Email::parse("dorte@avail.test").unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    db.store
        .insert_order(
            ws.id,
            &NewOrder {
                customer_id: dorte,
                reference: Some("A-1".into()),
                ordered_at: NOW + DAY,
                paid: true,
                discount_code: None,
                lines: vec![NewOrderLine {
                    product: name("Cargo bike rental"),
                    quantity: 1,
                    unit_price: Money(40_000),
                }],
            },
        )
        .await
        .unwrap();
    let page = o.get(&format!("/demand/{item}")).await;
    assert!(
        page.body.contains("<dd id=\"bought-since\">1</dd>"),
        "{}",
        page.body
    );
}

async fn the_week_s_thank_you_list_is_ticked_off_and_printed_with_addresses(db: &TestDb) {
    let (ws, _, staff) = seed_workspace(db, "thanks").await;
    let big = customer(db, ws.id, "Birgit Big", "birgit@thanks.test", Language::Da).await;
    let small = customer(db, ws.id, "Sune Small", "sune@thanks.test", Language::Da).await;
    let journey = db
        .store
        .create_journey(
            ws.id,
            &NewJourney {
                name: name("Shop"),
                description: String::new(),
                variant: JourneyVariant::AsIs,
                counterpart_of: None,
                parent_id: None,
            },
            &DEFAULT_STAGES,
            NOW - 400 * DAY,
        )
        .await
        .unwrap();
    let stages = db.store.list_stages(ws.id, journey.id).await.unwrap();
    let till = db
        .store
        .create_touchpoint(
            ws.id,
            &NewTouchpoint {
                stage_id: stages[2].id,
                name: name("Till"),
                channel: Channel::InPerson,
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
    let mut events = Vec::new();
    for (c, amount, n) in [(big.id, 500_000, 6), (small.id, 10_000, 1)] {
        for i in 0..n {
            events.push(NewEvent {
                customer_id: Some(c),
                visitor_id: None,
                touchpoint_id: till.id,
                occurred_at: NOW - (30 + 40 * i) * DAY,
                channel: Channel::InPerson,
                amount: Some(Money(amount)),
                properties: "{}".into(),
            });
        }
    }
    db.store.insert_events(ws.id, &events).await.unwrap();

    let mut s = Client::new(state(db));
    s.sign_in(staff.email.as_str()).await;
    // The address: too long is refused with what was typed; then saved.
    let long = "x".repeat(501);
    let refused = s
        .post(
            &format!("/customers/{}/address", big.id),
            &[("postal_address", &long)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains(&long));
    let saved = s
        .post(
            &format!("/customers/{}/address", big.id),
            &[("postal_address", "Nørregade 1\n1165 København K")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let page = s.get(&format!("/customers/{}", big.id)).await;
    assert!(
        page.body
            .contains("Nørregade 1\n1165 København K</textarea>"),
        "{}",
        page.body
    );

    let list = s.get("/thanks").await;
    assert_eq!(list.status, StatusCode::OK);
    let birgit = list
        .body
        .find("Birgit Big")
        .expect("the big spender is listed");
    let sune = list.body.find("Sune Small").expect("so is the small one");
    assert!(birgit < sune, "most valuable first");
    assert!(list.body.contains("Nørregade 1"));
    assert!(list.body.contains("Address not known"));
    let mut danish = Client::new(state(db));
    danish.sign_in(staff.email.as_str()).await;
    danish.post("/language", &[("language", "da")]).await;
    let da = danish.get("/thanks").await;
    assert!(da.body.contains("Takkekort"), "{}", da.body);
    danish.post("/language", &[("language", "en")]).await;
    let print = s.get("/thanks/print").await;
    assert!(
        print
            .body
            .contains("<address>Nørregade 1\n1165 København K</address>"),
        "{}",
        print.body
    );

    // Ticking off: a bad reason is a 400, another business's customer a 404.
    let bad = s
        .post(
            &format!("/thanks/{}/written", big.id),
            &[("reason", "bribe")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let done = s
        .post(
            &format!("/thanks/{}/written", big.id),
            &[("reason", "most_valuable")],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let after = s.get("/thanks").await;
    assert!(!after.body[..after.body.find("written-heading").unwrap()].contains("Birgit Big"));
    assert!(
        after.body.contains("Sam Staff"),
        "who wrote it: {}",
        after.body
    );
    let page = s.get(&format!("/customers/{}", big.id)).await;
    assert!(
        page.body.contains("<strong>Thank-you note</strong>"),
        "on the timeline: {}",
        page.body
    );
    let (other, _, _) = seed_workspace(db, "thanks-other").await;
    let theirs = seed_customer(db, other.id, "Theirs").await;
    let r = s
        .post(
            &format!("/thanks/{}/written", theirs.id),
            &[("reason", "champion")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = s
        .post(
            &format!("/customers/{}/address", theirs.id),
            &[("postal_address", "x")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
