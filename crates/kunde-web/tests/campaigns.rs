//! Campaigns (issue 15), on both databases, through a real SMTP server process: only
//! consenting customers with an address receive one, each at most once (across a second
//! instance and later ticks too), a hold-out share receives nothing, every e-mail carries a
//! working one-click unsubscribe (RFC 8058) that needs no sign-in, an address the server
//! refuses permanently is marked and skipped, the rate spreads the audience over minutes,
//! pausing stops it, a time is read in the business's zone, and the report compares
//! recipients with the hold-out group.

mod support;

use axum::http::StatusCode;
use kunde_domain::*;
use kunde_mail::testing::SmtpSink;
use kunde_store::testing::TestDb;
use kunde_store::{CampaignStatus, NewCampaign};
use std::collections::HashMap;
use support::*;

on_both_databases!(
    a_campaign_reaches_each_consenting_customer_once_in_their_language_with_one_click_unsubscribe,
    the_rate_spreads_sending_over_minutes_pausing_stops_it_and_a_restart_sends_no_one_twice,
    a_time_is_read_in_the_business_zone_and_a_refused_form_keeps_what_was_typed,
    the_report_compares_recipients_with_the_hold_out_group,
    an_offer_reaches_only_existing_customers_each_with_a_code_and_counts_redemptions,
    a_monthly_campaign_schedules_its_next_send_and_reads_the_segment_again,
);

/// A customer with an address, a language and consent as given.
async fn customer(
    db: &TestDb,
    ws: WorkspaceId,
    name: &str,
    email: Option<&str>,
    language: Language,
    consent: bool,
) -> Customer {
    let mut new = NewCustomer::named(NonEmpty::parse("name", name).unwrap(), NOW);
    new.email = email.map(|e| Email::parse(e).unwrap());
    new.language = language;
    new.marketing_consent = consent;
    db.store.create_customer(ws, &new).await.unwrap()
}

async fn segment(db: &TestDb, ws: WorkspaceId, customers: &[&Customer]) -> SegmentId {
    let new = NewSegment {
        name: NonEmpty::parse("name", "Everyone").unwrap(),
        description: String::new(),
        customers: customers.iter().map(|c| c.id).collect(),
    };
    db.store
        .create_segment(ws, &new, None, NOW)
        .await
        .unwrap()
        .id
}

fn form<'a>(segment: &'a str, holdout: &'a str, rate: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", "December news"),
        ("segment", segment),
        ("touchpoint", ""),
        ("holdout", holdout),
        ("rate", rate),
        ("subject_en", "News in December"),
        ("body_en", "Hello! **New** in the shop."),
        ("subject_da", "Nyt i december"),
        ("body_da", "Hej! **Nyt** i butikken."),
    ]
}

/// Creates a campaign through the owner's form and returns its id.
async fn create(c: &mut Client, fields: &[(&str, &str)]) -> i64 {
    let created = c.post("/campaigns/new", fields).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let location = created.location.unwrap();
    location
        .trim_start_matches("/campaigns/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn a_campaign_reaches_each_consenting_customer_once_in_their_language_with_one_click_unsubscribe(
    db: &TestDb,
) {
    let (ws, _, _) = seed_workspace(db, "camp").await;
    let ws = ws.id;
    let sink = SmtpSink::start_refusing();
    db.store
        .save_smtp_settings(ws, &sink.settings(), NOW)
        .await
        .unwrap();
    let mut members = Vec::new();
    for i in 0..18 {
        let lang = if i % 2 == 0 {
            Language::Da
        } else {
            Language::En
        };
        let email = format!("c{i}@camp.test");
        members.push(customer(db, ws, &format!("C{i}"), Some(&email), lang, true).await);
    }
    // Swedish has no version: she gets the business's (English) one.
    let sven = customer(db, ws, "Svea", Some("svea@camp.test"), Language::Sv, true).await;
    let refused = customer(
        db,
        ws,
        "Gone",
        Some("refused@camp.test"),
        Language::En,
        true,
    )
    .await;
    let no_consent = customer(db, ws, "No", Some("no@camp.test"), Language::En, false).await;
    let no_address = customer(db, ws, "Nobody", None, Language::En, true).await;
    let mut all: Vec<&Customer> = members.iter().collect();
    all.extend([&sven, &refused, &no_consent, &no_address]);
    let seg = segment(db, ws, &all).await;

    let state = state(db);
    let mut owner = Client::new(state.clone());
    owner.sign_in("owner@camp.test").await;
    let seg_id = seg.0.to_string();
    let id = create(&mut owner, &form(&seg_id, "10", "100000")).await;
    let page = owner.get(&format!("/campaigns/{id}?lang=da")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Nyt i december"), "{}", page.body);
    assert!(
        page.body.contains("<strong>Nyt</strong>"),
        "Markdown is rendered"
    );

    // A test e-mail goes to the owner alone.
    let test = owner
        .post(&format!("/campaigns/{id}/test"), &[("language", "da")])
        .await;
    assert_eq!(test.status, StatusCode::SEE_OTHER);
    kunde_web::outbox::deliver_due(&state).await.unwrap();
    let got = sink.wait_for(1).await;
    assert_eq!(got[0].to, vec!["owner@camp.test".to_owned()]);
    assert!(
        got[0].subject.contains("Nyt i december"),
        "{}",
        got[0].subject
    );

    let sent = owner
        .post(&format!("/campaigns/{id}/send"), &[("when", "now")])
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    kunde_web::run_campaigns(&state, NOW).await.unwrap();
    let c = db.store.campaign(ws, id).await.unwrap();
    assert_eq!(c.status, CampaignStatus::Sent);
    let counts = db.store.campaign_counts(ws, id).await.unwrap();
    // 20 eligible (consent and an address); 10 % of them held out.
    assert_eq!(counts.holdout, 2, "{counts:?}");
    assert_eq!(counts.queued + counts.holdout + counts.pending, 20);
    kunde_web::outbox::deliver_due(&state).await.unwrap();
    // A second instance and later ticks send nothing more.
    let other = support::state(db);
    for minute in 1..4 {
        kunde_web::run_campaigns(&other, NOW + 60 * minute)
            .await
            .unwrap();
    }
    kunde_web::outbox::deliver_due(&other).await.unwrap();

    // The refused address may have been drawn into the hold-out group.
    let refused_queued = db
        .store
        .recent_mail(ws, 50)
        .await
        .unwrap()
        .iter()
        .any(|m| m.mail.to == "refused@camp.test");
    let refused_held_out = !refused_queued;
    let expected = counts.queued as usize - usize::from(refused_queued);
    let received: Vec<_> = sink
        .wait_for(1 + expected)
        .await
        .into_iter()
        .skip(1)
        .collect();
    assert_eq!(received.len(), expected);
    let mut per: HashMap<String, usize> = HashMap::new();
    for m in &received {
        *per.entry(m.to[0].clone()).or_default() += 1;
    }
    assert!(per.values().all(|n| *n == 1), "nobody twice: {per:?}");
    assert!(!per.contains_key("no@camp.test"), "no consent, no e-mail");
    assert!(!per.contains_key("refused@camp.test"));
    let counts = db.store.campaign_counts(ws, id).await.unwrap();
    assert_eq!(counts.delivered as usize, expected);
    if !refused_held_out {
        assert_eq!(counts.failed, 1);
        assert!(
            db.store
                .address_refused(ws, "refused@camp.test")
                .await
                .unwrap(),
            "a 550 marks the address"
        );
    }

    // Each reader's language, the business's for a language without a version.
    for m in &received {
        let who = members
            .iter()
            .chain([&sven])
            .find(|c| c.email.as_ref().unwrap().as_str() == m.to[0])
            .unwrap();
        let expected = if who.language == Language::Da {
            "Nyt i december"
        } else {
            "News in December"
        };
        assert_eq!(m.subject, expected, "{}", m.to[0]);
        assert!(
            m.raw
                .contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
            "{}",
            m.raw
        );
        let visible = m.text.contains("/u/");
        assert!(visible, "a visible link: {}", m.text);
    }
    // The stored copy of a sent message keeps no live link.
    let stored = db.store.recent_mail(ws, 50).await.unwrap();
    assert!(
        stored
            .iter()
            .filter(|m| m.sent_at.is_some())
            .all(|m| !m.mail.text.contains("/u/"))
    );

    // The e-mail is on the recipient's timeline.
    let recipient = members
        .iter()
        .chain([&sven])
        .find(|c| c.email.as_ref().unwrap().as_str() == received[0].to[0])
        .unwrap();
    let timeline = owner.get(&format!("/customers/{}", recipient.id)).await;
    assert!(
        timeline.body.contains("Campaign e-mail") && timeline.body.contains("December news"),
        "{}",
        timeline.body
    );

    // One click from a mail program: no session, no form token.
    let first = &received[0];
    let header = first.list_unsubscribe.clone().expect("List-Unsubscribe");
    let url = header.trim_matches(['<', '>']);
    // Sent from the timed job, the link starts with the configured public address.
    let path = &url[url.find("/u/").expect("an unsubscribe link")..];
    let mut stranger = Client::new(state.clone());
    let page = stranger.get(path).await;
    assert_eq!(page.status, StatusCode::OK);
    let who = db
        .store
        .customer_by_email(ws, &Email::parse(&first.to[0]).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(who.marketing_consent, "opening the page withdraws nothing");
    let click = stranger
        .post_raw(path, &[("List-Unsubscribe", "One-Click")])
        .await;
    assert_eq!(click.status, StatusCode::OK, "{}", click.body);
    let who = db.store.get_customer(ws, who.id).await.unwrap();
    assert!(!who.marketing_consent);
    let changes = db.store.consent_changes(ws, who.id).await.unwrap();
    assert_eq!(
        changes
            .last()
            .map(|(given, source, _)| (*given, source.as_str())),
        Some((false, "campaign-unsubscribe"))
    );
    // A made-up token finds nothing.
    let bogus = stranger
        .post_raw(&format!("/u/{}", "a".repeat(64)), &[])
        .await;
    assert_eq!(bogus.status, StatusCode::NOT_FOUND);
}

async fn the_rate_spreads_sending_over_minutes_pausing_stops_it_and_a_restart_sends_no_one_twice(
    db: &TestDb,
) {
    let (ws, _, _) = seed_workspace(db, "rate").await;
    let ws = ws.id;
    let mut people = Vec::new();
    for i in 0..5 {
        let email = format!("r{i}@rate.test");
        people.push(customer(db, ws, &format!("R{i}"), Some(&email), Language::En, true).await);
    }
    let seg = segment(db, ws, &people.iter().collect::<Vec<_>>()).await;
    let state = state(db);
    let mut owner = Client::new(state.clone());
    owner.sign_in("owner@rate.test").await;
    let seg_id = seg.0.to_string();
    let id = create(&mut owner, &form(&seg_id, "0", "2")).await;
    db.store.schedule_campaign(ws, id, Some(NOW)).await.unwrap();
    let queued = |db: &TestDb| {
        let store = db.store.clone();
        async move { store.campaign_counts(ws, id).await.unwrap().queued }
    };
    kunde_web::run_campaigns(&state, NOW).await.unwrap();
    assert_eq!(queued(db).await, 2);
    // Within the same minute nothing more, from either instance.
    kunde_web::run_campaigns(&support::state(db), NOW + 30)
        .await
        .unwrap();
    assert_eq!(queued(db).await, 2);
    let paused = owner.post(&format!("/campaigns/{id}/pause"), &[]).await;
    assert_eq!(paused.status, StatusCode::SEE_OTHER);
    kunde_web::run_campaigns(&state, NOW + 60).await.unwrap();
    assert_eq!(queued(db).await, 2, "paused: nothing more");
    let page = owner.get(&format!("/campaigns/{id}")).await;
    assert!(page.body.contains("Resume sending"), "{}", page.body);
    owner.post(&format!("/campaigns/{id}/resume"), &[]).await;
    // Two instances tick at once after the restart: one chunk between them.
    let (a, b) = (state.clone(), support::state(db));
    let (ra, rb) = tokio::join!(
        kunde_web::run_campaigns(&a, NOW + 61),
        kunde_web::run_campaigns(&b, NOW + 61)
    );
    ra.unwrap();
    rb.unwrap();
    assert_eq!(queued(db).await, 4);
    kunde_web::run_campaigns(&b, NOW + 121).await.unwrap();
    kunde_web::run_campaigns(&a, NOW + 181).await.unwrap();
    assert_eq!(queued(db).await, 5);
    assert_eq!(
        db.store.campaign(ws, id).await.unwrap().status,
        CampaignStatus::Sent
    );
    // One message per customer in the outbox, spread within each minute.
    let mail = db.store.recent_mail(ws, 50).await.unwrap();
    let mut to: Vec<&str> = mail.iter().map(|m| m.mail.to.as_str()).collect();
    to.sort_unstable();
    to.dedup();
    assert_eq!((mail.len(), to.len()), (5, 5));
    let first_minute: Vec<i64> = mail
        .iter()
        .filter(|m| m.created_at == NOW)
        .filter_map(|m| m.next_attempt_at)
        .collect();
    assert_eq!(first_minute.len(), 2);
    assert!(first_minute.contains(&NOW) && first_minute.contains(&(NOW + 30)));
    // Starting again finds the audience fixed.
    assert!(
        !db.store
            .start_campaign(ws, id, NOW + 300, &[], None)
            .await
            .unwrap()
    );
}

async fn a_time_is_read_in_the_business_zone_and_a_refused_form_keeps_what_was_typed(db: &TestDb) {
    let (ws, _, _) = seed_workspace(db, "when").await;
    let ws = ws.id;
    let a = customer(db, ws, "A", Some("a@when.test"), Language::En, true).await;
    let seg = segment(db, ws, &[&a]).await;
    let state = state(db);
    let mut owner = Client::new(state.clone());
    owner.sign_in("owner@when.test").await;
    let seg_id = seg.0.to_string();

    // Without the business's (English) version nothing is saved; what was typed stays.
    let mut fields = form(&seg_id, "60", "10");
    fields.retain(|(k, _)| !k.ends_with("_en"));
    fields.push(("subject_sv", "Bara <ämne>"));
    let refused = owner.post("/campaigns/new", &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("The English version is required"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("Type a whole number from 0 to 50."));
    assert!(refused.body.contains("Type the text of the e-mail."));
    assert!(
        refused.body.contains("value=\"Bara &#60;ämne&#62;\""),
        "{}",
        refused.body
    );
    assert!(db.store.list_campaigns(ws).await.unwrap().is_empty());
    // Nonsense anywhere is a refusal, never a 500.
    let junk = owner
        .post(
            "/campaigns/new",
            &[("segment", "x"), ("rate", "-1"), ("holdout", "ten")],
        )
        .await;
    assert_eq!(junk.status, StatusCode::UNPROCESSABLE_ENTITY);

    let id = create(&mut owner, &form(&seg_id, "0", "10")).await;
    // NOW is midnight UTC on 1 January 2026; the business (English) is in London.
    let past = owner
        .post(
            &format!("/campaigns/{id}/send"),
            &[("when", "at"), ("at", "2025-12-31T23:00")],
        )
        .await;
    assert_eq!(past.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(past.body.contains("Choose a time in the future."));
    assert!(past.body.contains("value=\"2025-12-31T23:00\""));
    let at = owner
        .post(
            &format!("/campaigns/{id}/send"),
            &[("when", "at"), ("at", "2026-01-01T09:30")],
        )
        .await;
    assert_eq!(at.status, StatusCode::SEE_OTHER, "{}", at.body);
    let c = db.store.campaign(ws, id).await.unwrap();
    assert_eq!(c.scheduled_at, Some(NOW + 9 * 3600 + 1800));
    kunde_web::run_campaigns(&state, NOW + 9 * 3600)
        .await
        .unwrap();
    assert_eq!(
        db.store.campaign(ws, id).await.unwrap().status,
        CampaignStatus::Scheduled
    );
    kunde_web::run_campaigns(&state, NOW + 9 * 3600 + 1800)
        .await
        .unwrap();
    let c = db.store.campaign(ws, id).await.unwrap();
    assert_eq!(c.status, CampaignStatus::Sent);
    assert_eq!(c.started_at, Some(NOW + 9 * 3600 + 1800));
    // A staff member cannot see campaigns.
    let mut staff = Client::new(state.clone());
    staff.sign_in("staff@when.test").await;
    assert_eq!(staff.get("/campaigns").await.status, StatusCode::FORBIDDEN);
    let list = owner.get("/campaigns").await;
    assert!(list.body.contains("December news") && list.body.contains("Sent"));
}

async fn the_report_compares_recipients_with_the_hold_out_group(db: &TestDb) {
    let (ws, _, _) = seed_workspace(db, "report").await;
    let ws = ws.id;
    let mut people = Vec::new();
    for i in 0..40 {
        let email = format!("p{i}@report.test");
        people.push(customer(db, ws, &format!("P{i}"), Some(&email), Language::En, true).await);
    }
    let seg = segment(db, ws, &people.iter().collect::<Vec<_>>()).await;
    let campaign = NewCampaign {
        name: NonEmpty::parse("name", "Spring").unwrap(),
        segment: seg,
        touchpoint: None,
        holdout_percent: 50,
        rate_per_minute: 1000,
        versions: vec![kunde_store::CampaignVersion {
            language: Language::En,
            subject: "Spring".into(),
            body: "Hello".into(),
        }],
        repeat: None,
        offer: None,
        track_clicks: false,
    };
    let id = db.store.create_campaign(ws, &campaign, NOW).await.unwrap();
    db.store.schedule_campaign(ws, id, Some(NOW)).await.unwrap();
    let state = state(db);
    kunde_web::run_campaigns(&state, NOW).await.unwrap();
    let counts = db.store.campaign_counts(ws, id).await.unwrap();
    assert_eq!((counts.queued, counts.holdout), (20, 20));
    // Every recipient orders 100.00 once within the window; the hold-out group does not,
    // except one order after the window, which does not count.
    let outcomes_before = db
        .store
        .campaign_outcomes(ws, id, NOW + 30 * 86_400)
        .await
        .unwrap();
    assert!(outcomes_before.iter().all(|o| o.orders == 0));
    let mail = db.store.recent_mail(ws, 100).await.unwrap();
    for p in &people {
        let sent_to = mail
            .iter()
            .any(|m| m.mail.to == p.email.as_ref().unwrap().as_str());
        let at = if sent_to {
            NOW + 86_400
        } else {
            NOW + 40 * 86_400
        };
        let order = NewOrder {
            discount_code: None,
            customer_id: p.id,
            reference: None,
            ordered_at: at,
            paid: true,
            lines: vec![NewOrderLine {
                product: NonEmpty::parse("product", "Tea").unwrap(),
                quantity: 1,
                unit_price: Money(10_000),
            }],
        };
        db.store.insert_order(ws, &order).await.unwrap();
    }
    let outcomes = db
        .store
        .campaign_outcomes(ws, id, NOW + 30 * 86_400)
        .await
        .unwrap();
    assert_eq!(outcomes.len(), 40);
    assert!(outcomes.iter().all(|o| (o.orders == 1) != o.holdout));
    let mut owner = Client::new(state.clone());
    owner.sign_in("owner@report.test").await;
    let page = owner.get(&format!("/campaigns/{id}")).await;
    assert!(page.body.contains("Did it work?"), "{}", page.body);
    assert!(
        page.body.contains("Small sample"),
        "20 a side is a small sample"
    );
    // One more order per recipient: 1.00 order per customer more than the hold-out, no spread.
    assert!(page.body.contains("1.00 (1.00 … 1.00)"), "{}", page.body);
    let danish_window = owner.get(&format!("/campaigns/{id}?days=60")).await;
    assert!(
        danish_window.body.contains("0.00 (0.00 … 0.00)"),
        "{}",
        danish_window.body
    );
}

async fn order(db: &TestDb, ws: WorkspaceId, c: &Customer, at: i64, code: Option<&str>) {
    let order = NewOrder {
        discount_code: code.map(str::to_owned),
        customer_id: c.id,
        reference: None,
        ordered_at: at,
        paid: true,
        lines: vec![NewOrderLine {
            product: NonEmpty::parse("product", "Tea").unwrap(),
            quantity: 1,
            unit_price: Money(5_000),
        }],
    };
    db.store.insert_order(ws, &order).await.unwrap();
}

async fn an_offer_reaches_only_existing_customers_each_with_a_code_and_counts_redemptions(
    db: &TestDb,
) {
    let (ws, _, _) = seed_workspace(db, "offer").await;
    let ws = ws.id;
    let mut people = Vec::new();
    for i in 0..5 {
        let email = format!("o{i}@offer.test");
        let c = customer(db, ws, &format!("O{i}"), Some(&email), Language::En, true).await;
        // Three have ordered before; two are new.
        if i < 3 {
            order(db, ws, &c, NOW - 86_400, None).await;
        }
        people.push(c);
    }
    let seg = segment(db, ws, &people.iter().collect::<Vec<_>>()).await;
    let state = state(db);
    let mut owner = Client::new(state.clone());
    owner.sign_in("owner@offer.test").await;
    let seg_id = seg.0.to_string();
    let mut fields = form(&seg_id, "0", "100");
    fields.extend([
        ("kind", "offer"),
        ("offer_code", ""),
        ("valid_from", "2026-01-01"),
        ("valid_until", "2026-01-31"),
    ]);
    // Dates the wrong way round are refused.
    let mut wrong = fields.clone();
    wrong.retain(|(k, _)| *k != "valid_until");
    wrong.push(("valid_until", "2025-12-01"));
    let refused = owner.post("/campaigns/new", &wrong).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("Give the first and the last day"),
        "{}",
        refused.body
    );
    let id = create(&mut owner, &fields).await;
    owner
        .post(&format!("/campaigns/{id}/send"), &[("when", "now")])
        .await;
    let mail = db.store.recent_mail(ws, 20).await.unwrap();
    assert_eq!(mail.len(), 3, "existing customers only");
    let mut codes = Vec::new();
    for m in &mail {
        assert!(m.mail.to.starts_with('o'));
        let n: usize = m.mail.to[1..2].parse().unwrap();
        assert!(n < 3, "{} never ordered", m.mail.to);
        let text = &m.mail.text;
        assert!(
            text.contains("Only for you as a customer of Business offer"),
            "{text}"
        );
        let at = text.find("use the code **").unwrap() + "use the code **".len();
        codes.push(text[at..at + 8].to_owned());
    }
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 3, "a code each: {codes:?}");
    // One recipient uses their code (typed in small letters), one order has a stranger's code.
    let user = people
        .iter()
        .find(|p| p.email.as_ref().unwrap().as_str() == mail[0].mail.to)
        .unwrap();
    let theirs = mail[0].mail.text.split("use the code **").nth(1).unwrap()[..8].to_lowercase();
    order(db, ws, user, NOW + 86_400, Some(&theirs)).await;
    order(db, ws, &people[4], NOW + 86_400, Some("NOTACODE")).await;
    assert_eq!(db.store.offer_redemptions(ws, id).await.unwrap(), 1);
    let page = owner.get(&format!("/campaigns/{id}")).await;
    assert!(
        page.body.contains("One order used a code of this offer."),
        "{}",
        page.body
    );
}

async fn a_monthly_campaign_schedules_its_next_send_and_reads_the_segment_again(db: &TestDb) {
    let (ws, _, _) = seed_workspace(db, "monthly").await;
    let ws = ws.id;
    let a = customer(db, ws, "A", Some("a@monthly.test"), Language::En, true).await;
    let b = customer(db, ws, "B", Some("b@monthly.test"), Language::En, true).await;
    let seg = segment(db, ws, &[&a, &b]).await;
    let state = state(db);
    let mut owner = Client::new(state.clone());
    owner.sign_in("owner@monthly.test").await;
    let seg_id = seg.0.to_string();
    let mut fields = form(&seg_id, "0", "100");
    fields.extend([
        ("repeat", "on"),
        ("repeat_nth", "1"),
        ("repeat_weekday", "1"),
        ("repeat_time", "09:00"),
        ("track_clicks", "on"),
    ]);
    let id = create(&mut owner, &fields).await;
    let page = owner.get(&format!("/campaigns/{id}")).await;
    assert!(
        page.body
            .contains("Repeats: First Monday of every month at 09:00"),
        "{}",
        page.body
    );
    owner
        .post(&format!("/campaigns/{id}/send"), &[("when", "now")])
        .await;
    assert_eq!(db.store.recent_mail(ws, 10).await.unwrap().len(), 2);
    // The next send: the first Monday of January 2026 (the 5th), 09:00 in London (UTC).
    let first_monday = NOW + 4 * 86_400 + 9 * 3600;
    let all = db.store.list_campaigns(ws).await.unwrap();
    assert_eq!(all.len(), 2);
    let next = all.iter().find(|c| c.id != id).unwrap();
    assert_eq!(next.status, CampaignStatus::Scheduled);
    assert_eq!(next.scheduled_at, Some(first_monday));
    assert_eq!(next.repeat, Some((1, 1, 540)));
    assert!(
        next.track_clicks,
        "the copy counts clicks as the original does"
    );
    // Before then B withdraws consent: the next send reads the segment again.
    let mut update = NewCustomer::named(NonEmpty::parse("name", "B").unwrap(), NOW);
    update.email = b.email.clone();
    db.store.update_customer(ws, b.id, &update).await.unwrap();
    kunde_web::run_campaigns(&state, first_monday)
        .await
        .unwrap();
    let counts = db.store.campaign_counts(ws, next.id).await.unwrap();
    assert_eq!(counts.queued, 1);
    let all = db.store.list_campaigns(ws).await.unwrap();
    assert_eq!(all.len(), 3, "and the one after is scheduled");
    // 2 February 2026 is the first Monday of February.
    assert!(
        all.iter()
            .any(|c| c.scheduled_at == Some(NOW + 32 * 86_400 + 9 * 3600))
    );
}
