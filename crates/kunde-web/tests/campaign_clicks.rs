//! Issue 15's last pieces, on both databases: counting clicks through redirect links — an
//! opt-in per campaign, sent through a real SMTP server process and followed without signing
//! in — and staff logging an order by hand with a discount code that a campaign's offer
//! report counts as redeemed.

mod support;

use axum::http::StatusCode;
use kunde_domain::*;
use kunde_mail::testing::{Received, SmtpSink};
use kunde_store::testing::TestDb;
use support::*;

on_both_databases!(
    links_of_a_campaign_that_counts_clicks_redirect_through_the_recipients_token_and_are_counted,
    staff_log_an_order_whose_offer_code_the_campaign_report_counts_and_a_bad_amount_is_refused,
);

async fn customer(
    db: &TestDb,
    ws: WorkspaceId,
    name: &str,
    email: &str,
    lang: Language,
) -> Customer {
    let mut new = NewCustomer::named(NonEmpty::parse("name", name).unwrap(), NOW);
    new.email = Some(Email::parse(email).unwrap());
    new.language = lang;
    new.marketing_consent = true;
    db.store.create_customer(ws, &new).await.unwrap()
}

async fn segment(db: &TestDb, ws: WorkspaceId, customers: &[&Customer]) -> String {
    let new = NewSegment {
        name: NonEmpty::parse("name", "Everyone").unwrap(),
        description: String::new(),
        customers: customers.iter().map(|c| c.id).collect(),
    };
    let s = db.store.create_segment(ws, &new, None, NOW).await.unwrap();
    s.id.0.to_string()
}

const BODY_EN: &str = "Read [our news](https://shop.test/news?a=1&b=2) and [the sale](https://shop.test/sale).\n\n\
     ![logo](https://shop.test/logo.png) Write to [us](mailto:hi@shop.test).";
const BODY_DA: &str = "Læs [nyhederne](https://shop.test/da/nyt).";

/// Creates and sends a campaign through the owner's pages; returns its id.
async fn send(owner: &mut Client, name: &str, segment: &str, track: bool) -> i64 {
    let mut fields = vec![
        ("name", name),
        ("segment", segment),
        ("touchpoint", ""),
        ("holdout", "0"),
        ("rate", "100000"),
        ("subject_en", "News"),
        ("body_en", BODY_EN),
        ("subject_da", "Nyt"),
        ("body_da", BODY_DA),
    ];
    if track {
        fields.push(("track_clicks", "on"));
    }
    let created = owner.post("/campaigns/new", &fields).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let id: i64 = created.location.unwrap()["/campaigns/".len()..]
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let sent = owner
        .post(&format!("/campaigns/{id}/send"), &[("when", "now")])
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    id
}

/// Every `/u/…` path in `text`, in order.
fn paths(text: &str) -> Vec<String> {
    text.match_indices("/u/")
        .map(|(i, _)| {
            text[i..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
                .collect()
        })
        .collect()
}

fn message<'a>(got: &'a [Received], to: &str) -> &'a Received {
    got.iter().find(|m| m.to[0] == to).expect("a message")
}

async fn links_of_a_campaign_that_counts_clicks_redirect_through_the_recipients_token_and_are_counted(
    db: &TestDb,
) {
    let (ws, owner_user, _) = seed_workspace(db, "clk").await;
    let ws = ws.id;
    let sink = SmtpSink::start();
    db.store
        .save_smtp_settings(ws, &sink.settings(), NOW)
        .await
        .unwrap();
    let ann = customer(db, ws, "Ann", "ann@clk.test", Language::En).await;
    let bo = customer(db, ws, "Bo", "bo@clk.test", Language::Da).await;
    let cy = customer(db, ws, "Cy", "cy@clk.test", Language::En).await;
    let seg = segment(db, ws, &[&ann, &bo, &cy]).await;
    let state = state(db);
    let mut owner = Client::new(state.clone());
    owner.sign_in("owner@clk.test").await;

    // The checkbox is there and off by default.
    let form = owner.get("/campaigns/new").await;
    assert!(form.body.contains("Count clicks on links"), "{}", form.body);
    assert!(!form.body.contains("name=\"track_clicks\" checked"));

    let id = send(&mut owner, "Counted", &seg, true).await;
    kunde_web::outbox::deliver_due(&state).await.unwrap();
    let got = sink.wait_for(3).await;
    let to_ann = message(&got, "ann@clk.test");
    // The text and the HTML point through Ann's token; the unsubscribe link is untouched.
    let header = to_ann.list_unsubscribe.clone().unwrap();
    let unsubscribe = &paths(&header)[0];
    assert_eq!(unsubscribe.matches('/').count(), 2, "{unsubscribe}");
    let text_paths = paths(&to_ann.text);
    assert_eq!(
        text_paths,
        [
            format!("{unsubscribe}/l/0"),
            format!("{unsubscribe}/l/1"),
            unsubscribe.clone(),
        ],
        "{}",
        to_ann.text
    );
    let html = to_ann.html.clone().unwrap();
    assert!(html.contains(&format!("{unsubscribe}/l/0\"")), "{html}");
    assert!(html.contains(&format!("{unsubscribe}/l/1\"")), "{html}");
    assert!(!to_ann.text.contains("shop.test/news") && !html.contains("shop.test/news"));
    assert!(
        html.contains("src=\"https://shop.test/logo.png\""),
        "images are never rewritten"
    );
    assert!(html.contains("href=\"mailto:hi@shop.test\""));

    // Followed without signing in: 303 to the link in the body, every click stored.
    let mut stranger = Client::new(state.clone());
    for _ in 0..2 {
        let r = stranger.get(&format!("{unsubscribe}/l/0")).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(
            r.location.as_deref(),
            Some("https://shop.test/news?a=1&b=2")
        );
    }
    let r = stranger.get(&format!("{unsubscribe}/l/1")).await;
    assert_eq!(r.location.as_deref(), Some("https://shop.test/sale"));
    // Bo reads Danish: his link 0 is the Danish version's.
    let to_bo = message(&got, "bo@clk.test");
    let bo_link = &paths(&to_bo.text)[0];
    let r = stranger.get(bo_link).await;
    assert_eq!(r.location.as_deref(), Some("https://shop.test/da/nyt"));
    // Past the links, not a number, or a made-up token: a clear 404, never a redirect.
    for bad in [
        format!("{unsubscribe}/l/2"),
        format!("{unsubscribe}/l/-1"),
        format!("{unsubscribe}/l/x"),
        format!("/u/{}/l/0", "a".repeat(64)),
        "/u/short/l/0".to_owned(),
    ] {
        let r = stranger.get(&bad).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{bad}");
        assert!(r.location.is_none());
        assert!(r.body.contains("This link is not valid"), "{}", r.body);
    }
    // The 404 speaks the reader's language.
    let r = stranger.get(&format!("{bo_link}9")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("Dette link er ikke gyldigt"), "{}", r.body);

    let (links, clickers) = db.store.campaign_clicks(ws, id).await.unwrap();
    assert_eq!(clickers, 2);
    let counts: Vec<(i64, &str, i64, i64)> = links
        .iter()
        .map(|l| (l.index, l.url.as_str(), l.clicks, l.clickers))
        .collect();
    assert_eq!(
        counts,
        [
            (0, "https://shop.test/da/nyt", 1, 1),
            (0, "https://shop.test/news?a=1&b=2", 2, 1),
            (1, "https://shop.test/sale", 1, 1),
        ]
    );
    // Another business cannot record a click on this campaign.
    let (other, _, _) = seed_workspace(db, "clk-other").await;
    assert!(
        !db.store
            .record_campaign_click(other.id, id, ann.id, 0, "https://evil.test", NOW)
            .await
            .unwrap()
    );

    // The report: per link (escaped), clicks, clickers, and the share of recipients.
    let page = owner.get(&format!("/campaigns/{id}")).await;
    assert!(
        page.body
            .contains("Clicks on the e-mail’s links are counted.")
    );
    assert!(
        page.body
            .contains("66.7% of the recipients clicked a link (2 of 3)."),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("https://shop.test/news?a=1&amp;b=2"),
        "escaped: {}",
        page.body
    );
    assert!(
        page.body
            .contains("<td class=\"url\">https://shop.test/sale</td><td class=\"num\">1</td>")
    );
    db.store
        .set_user_language(ws, owner_user.id, Language::Da)
        .await
        .unwrap();
    let danish = owner.get(&format!("/campaigns/{id}")).await;
    db.store
        .set_user_language(ws, owner_user.id, Language::En)
        .await
        .unwrap();
    assert!(
        danish.body.contains("Kunder der klikkede"),
        "{}",
        danish.body
    );

    // A campaign without the opt-in keeps its links as written, and its tokens redirect nowhere.
    let plain = send(&mut owner, "Plain", &seg, false).await;
    kunde_web::outbox::deliver_due(&state).await.unwrap();
    let got = sink.wait_for(6).await;
    let plain_ann = got[3..].iter().find(|m| m.to[0] == "ann@clk.test").unwrap();
    assert!(
        plain_ann.text.contains("(https://shop.test/news?a=1&b=2)"),
        "{}",
        plain_ann.text
    );
    let html = plain_ann.html.clone().unwrap();
    assert!(
        html.contains("href=\"https://shop.test/news?a=1&amp;b=2\""),
        "{html}"
    );
    let plain_token = &paths(&plain_ann.text)[0];
    assert_eq!(paths(&plain_ann.text).len(), 1, "only the unsubscribe link");
    let r = stranger.get(&format!("{plain_token}/l/0")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(db.store.campaign_clicks(ws, plain).await.unwrap().1, 0);
    let page = owner.get(&format!("/campaigns/{plain}")).await;
    assert!(
        !page.body.contains("clicked a link"),
        "no click report without the opt-in"
    );
    assert!(
        !page
            .body
            .contains("Clicks on the e-mail’s links are counted.")
    );

    // Her privacy export lists the links she followed.
    let export = db.store.customer_export(ws, ann.id, NOW).await.unwrap();
    let followed: Vec<&str> = export
        .campaign_clicks
        .iter()
        .map(|c| c.url.as_str())
        .collect();
    assert_eq!(
        followed,
        [
            "https://shop.test/news?a=1&b=2",
            "https://shop.test/news?a=1&b=2",
            "https://shop.test/sale"
        ]
    );
    assert!(
        export
            .campaign_clicks
            .iter()
            .all(|c| c.campaign == "Counted")
    );

    // Erasing Ann deletes her clicks, and her link no longer leads anywhere.
    db.store
        .erase_customer(
            ws,
            ann.id,
            &kunde_store::trust::Actor::system("test"),
            NOW + 60,
        )
        .await
        .unwrap();
    let (links, clickers) = db.store.campaign_clicks(ws, id).await.unwrap();
    assert_eq!(clickers, 1);
    assert!(links.iter().all(|l| !l.url.contains("news")), "{links:?}");
    let r = stranger.get(&format!("{unsubscribe}/l/0")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

async fn staff_log_an_order_whose_offer_code_the_campaign_report_counts_and_a_bad_amount_is_refused(
    db: &TestDb,
) {
    let (ws, _, _) = seed_workspace(db, "ord").await;
    let ws = ws.id;
    let eve = customer(db, ws, "Eve", "eve@ord.test", Language::En).await;
    // An offer goes to customers who have ordered: Eve's first order is logged by staff.
    let mut staff = Client::new(state(db));
    staff.sign_in("staff@ord.test").await;
    let page = staff.get(&format!("/customers/{}", eve.id)).await;
    assert!(page.body.contains("Log an order"), "{}", page.body);
    assert!(
        page.body.contains("value=\"2026-01-01\""),
        "today in the business's zone"
    );
    let first = staff
        .post(
            &format!("/customers/{}/orders", eve.id),
            &[
                ("date", "2025-12-20"),
                ("amount", "1.250,50"),
                ("reference", "A-1"),
            ],
        )
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    let back = first.location.unwrap();
    assert_eq!(back, format!("/customers/{}?done=order-logged", eve.id));
    let timeline = staff.get(&back).await;
    assert!(
        timeline.body.contains("The order was logged."),
        "{}",
        timeline.body
    );
    assert!(timeline.body.contains("A-1"), "{}", timeline.body);

    let seg = segment(db, ws, &[&eve]).await;
    let mut owner = Client::new(state(db));
    owner.sign_in("owner@ord.test").await;
    let created = owner
        .post(
            "/campaigns/new",
            &[
                ("name", "Winter offer"),
                ("segment", &seg),
                ("touchpoint", ""),
                ("holdout", "0"),
                ("rate", "100"),
                ("subject_en", "For you"),
                ("body_en", "A gift."),
                ("kind", "offer"),
                ("offer_code", "WINTER"),
                ("valid_from", "2026-01-01"),
                ("valid_until", "2026-01-31"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let id: i64 = created.location.unwrap()["/campaigns/".len()..]
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    owner
        .post(&format!("/campaigns/{id}/send"), &[("when", "now")])
        .await;
    let report = owner.get(&format!("/campaigns/{id}")).await;
    assert!(
        report.body.contains("0 orders used a code of this offer."),
        "{}",
        report.body
    );

    // A bad amount: 422, what was typed kept, the field named.
    let refused = staff
        .post(
            &format!("/customers/{}/orders", eve.id),
            &[
                ("date", "2026-01-01"),
                ("amount", "twelve"),
                ("reference", "B-2"),
                ("discount_code", "winter"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("value=\"twelve\""),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("value=\"B-2\"") && refused.body.contains("value=\"winter\""));
    assert!(refused.body.contains("Amount paid"), "{}", refused.body);
    let future = staff
        .post(
            &format!("/customers/{}/orders", eve.id),
            &[("date", "2026-02-01"), ("amount", "10")],
        )
        .await;
    assert_eq!(future.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        future.body.contains("is not a date up to today"),
        "{}",
        future.body
    );
    let again = staff
        .post(
            &format!("/customers/{}/orders", eve.id),
            &[
                ("date", "2026-01-01"),
                ("amount", "10"),
                ("reference", "A-1"),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("already recorded"), "{}", again.body);
    assert_eq!(db.store.offer_redemptions(ws, id).await.unwrap(), 0);

    // The code typed in small letters counts as the offer's.
    let used = staff
        .post(
            &format!("/customers/{}/orders", eve.id),
            &[
                ("date", "2026-01-01"),
                ("amount", "99"),
                ("reference", "B-2"),
                ("discount_code", "winter"),
            ],
        )
        .await;
    assert_eq!(used.status, StatusCode::SEE_OTHER, "{}", used.body);
    assert_eq!(db.store.offer_redemptions(ws, id).await.unwrap(), 1);
    let report = owner.get(&format!("/campaigns/{id}")).await;
    assert!(
        report.body.contains("One order used a code of this offer."),
        "{}",
        report.body
    );
    // Logged today, it falls in the report's window after the start: one order for Eve.
    let outcomes = db
        .store
        .campaign_outcomes(ws, id, NOW + 86_400)
        .await
        .unwrap();
    assert_eq!(outcomes.iter().map(|o| o.orders).sum::<i64>(), 1);
    // Both orders are purchases the Value pages count.
    let events = db.store.customer_timeline(ws, eve.id, 50).await.unwrap();
    let purchases: i64 = events
        .iter()
        .filter(|e| e.kind == "order")
        .filter_map(|e| e.amount.map(|m| m.0))
        .sum();
    assert_eq!(purchases, 125_050 + 9_900);

    // Signed out, or another business's owner: nothing is logged.
    let mut nobody = Client::new(state(db));
    let r = nobody
        .post_raw(
            &format!("/customers/{}/orders", eve.id),
            &[("date", "2026-01-01"), ("amount", "5")],
        )
        .await;
    assert!(
        r.status.is_redirection() || r.status == StatusCode::FORBIDDEN,
        "{}",
        r.status
    );
    seed_workspace(db, "ord-b").await;
    let mut other = Client::new(state(db));
    other.sign_in("owner@ord-b.test").await;
    let r = other
        .post(
            &format!("/customers/{}/orders", eve.id),
            &[("date", "2026-01-01"), ("amount", "5")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(db.store.offer_redemptions(ws, id).await.unwrap(), 1);
    let orders = db.store.customer_timeline(ws, eve.id, 50).await.unwrap();
    assert_eq!(orders.iter().filter(|e| e.kind == "order").count(), 2);
}
