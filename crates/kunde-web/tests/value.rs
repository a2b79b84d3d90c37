//! The Value pages end to end, in-process, on SQLite and PostgreSQL, over a small order book
//! whose figures are worked out by hand: new against repeat revenue, cohort cells (and the
//! cells not yet known), churn dates and where lost customers were last seen, RFM segments,
//! the plain-words message when lifetime value cannot be fitted, the customers behind a
//! figure saved as a segment; signed out, staff against owner, and another workspace.

mod support;

use axum::http::StatusCode;
use kunde_domain::*;
use kunde_store::testing::TestDb;
use support::*;

on_both_databases!(
    revenue_is_split_into_new_and_repeat,
    cohort_cells_count_comebacks_and_young_cells_are_not_yet_known,
    churn_uses_the_proposed_threshold_and_the_owners_choice,
    rfm_segments_name_the_customers,
    lifetime_value_says_in_words_why_it_cannot_be_fitted,
    the_customers_behind_a_figure_are_saved_as_a_segment,
    csv_files_hold_the_pages_numbers,
    signed_out_staff_and_other_workspaces_see_nothing_of_it,
    channels_show_what_a_customer_cost_and_which_channels_pay,
    spend_is_imported_all_or_nothing_with_bad_rows_named,
    the_customer_page_and_list_show_value,
    the_demo_tells_a_story_of_value,
    a_chosen_touchpoint_counts_as_coming_back,
    months_start_at_the_business_local_midnight,
    the_churn_csv_gives_days_on_the_business_clock,
    the_customer_list_sorts_by_predicted_value,
    the_start_page_lists_valuable_customers_at_risk,
    a_restarted_server_uses_the_kept_log_only_while_the_database_matches_it,
);

fn day(y: i32, m: u8, d: u8) -> i64 {
    time::Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d)
        .unwrap()
        .midnight()
        .assume_utc()
        .unix_timestamp()
}

struct Book {
    ws: WorkspaceId,
    shop: TouchpointId,
    web: TouchpointId,
    ann: CustomerId,
}

fn nonempty(s: &str) -> NonEmpty {
    NonEmpty::parse("name", s).unwrap()
}

/// NOW is 2026-01-01. Orders (amount in DKK):
/// - Ann (ads): 2025-01-10 100, 2025-02-15 50, 2025-04-01 80;
/// - Bo (ads): 2025-01-20 200, then only a web visit on 2025-03-05;
/// - Cy (friends): 2025-02-03 70;
/// - Di (no channel): 2025-06-10 40, 2025-12-20 60.
async fn seed(db: &TestDb, slug: &str) -> Book {
    let (ws, ..) = seed_workspace(db, slug).await;
    let ws = ws.id;
    let j = db
        .store
        .create_journey(
            ws,
            &NewJourney {
                name: nonempty("Buying"),
                description: String::new(),
                variant: JourneyVariant::AsIs,
                counterpart_of: None,
                parent_id: None,
            },
            &["Look", "Buy"],
            NOW,
        )
        .await
        .unwrap();
    let stages = db.store.list_stages(ws, j.id).await.unwrap();
    let mut tps = Vec::new();
    for (stage, name) in stages.iter().zip(["Web shop visit", "Checkout"]) {
        let t = NewTouchpoint {
            stage_id: stage.id,
            name: nonempty(name),
            channel: Channel::Web,
            digital: true,
            owned: true,
            owner_id: None,
            customer_goal: String::new(),
            pain_points: String::new(),
            ideas: String::new(),
        };
        tps.push(db.store.create_touchpoint(ws, &t).await.unwrap().id);
    }
    let (web, shop) = (tps[0], tps[1]);
    let mut ids = Vec::new();
    for (name, channel) in [
        ("Ann Andersen", Some("ads")),
        ("Bo Berg", Some("ads")),
        ("Cy Cruz", Some("friends")),
        ("Di Dahl", None),
    ] {
        let mut c = NewCustomer::named(nonempty(name), NOW);
        c.acquisition_channel = channel.map(nonempty);
        ids.push(db.store.create_customer(ws, &c).await.unwrap().id);
    }
    let ev = |c: CustomerId, tp: TouchpointId, at: i64, amount: Option<i64>| NewEvent {
        customer_id: Some(c),
        visitor_id: None,
        touchpoint_id: tp,
        occurred_at: at,
        channel: Channel::Web,
        amount: amount.map(|a| Money(a * 100)),
        properties: "{}".into(),
    };
    let events = vec![
        ev(ids[0], shop, day(2025, 1, 10), Some(100)),
        ev(ids[0], shop, day(2025, 2, 15), Some(50)),
        ev(ids[0], shop, day(2025, 4, 1), Some(80)),
        ev(ids[1], shop, day(2025, 1, 20), Some(200)),
        ev(ids[1], web, day(2025, 3, 5), None),
        ev(ids[2], shop, day(2025, 2, 3), Some(70)),
        ev(ids[3], shop, day(2025, 6, 10), Some(40)),
        ev(ids[3], shop, day(2025, 12, 20), Some(60)),
    ];
    db.store.insert_events(ws, &events).await.unwrap();
    Book {
        ws,
        shop,
        web,
        ann: ids[0],
    }
}

async fn signed_in(db: &TestDb, email: &str) -> Client {
    let mut c = Client::new(state(db));
    c.sign_in(email).await;
    c
}

/// The text of the cells of the first table after `marker`, row by row.
fn table_after(body: &str, marker: &str) -> Vec<Vec<String>> {
    let from = body
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} not in page"));
    let rest = &body[from..];
    let table = &rest[rest.find("<tbody>").unwrap()..rest.find("</tbody>").unwrap()];
    table
        .split("<tr")
        .skip(1)
        .map(|row| {
            row.split("<td")
                .skip(1)
                .map(|cell| {
                    let inner = &cell[cell.find('>').unwrap() + 1..cell.find("</td>").unwrap()];
                    strip_tags(inner).trim().to_owned()
                })
                .collect()
        })
        .collect()
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for ch in s.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#x27;", "'")
}

fn row<'a>(rows: &'a [Vec<String>], first: &str) -> &'a [String] {
    rows.iter()
        .find(|r| r.first().map(String::as_str) == Some(first))
        .unwrap_or_else(|| panic!("no row {first} in {rows:?}"))
}

/// The first link inside the table row starting with `first` after `marker`, unescaped.
fn link_in_row(body: &str, marker: &str, first: &str, nth: usize) -> String {
    let rest = &body[body.find(marker).unwrap()..];
    let at = rest.find(&format!("<tr><td>{first}</td>")).unwrap();
    let row = &rest[at..at + rest[at..].find("</tr>").unwrap()];
    let href = row.split("href=\"").nth(nth + 1).unwrap();
    href[..href.find('"').unwrap()]
        .replace("&amp;", "&")
        .replace("&#38;", "&")
        .replace("&#x3d;", "=")
}

async fn revenue_is_split_into_new_and_repeat(db: &TestDb) {
    seed(db, "a").await;
    let mut c = signed_in(db, "staff@a.test").await;
    let page = c.get("/value/revenue").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let rows = table_after(&page.body, "id=\"revenue\"");
    // Period, new, repeat, total, repeat share, new customers, orders.
    assert_eq!(
        &row(&rows, "2025-01")[1..7],
        ["DKK 300.00", "DKK 0.00", "DKK 300.00", "0.0 %", "2", "2"]
    );
    assert_eq!(
        &row(&rows, "2025-02")[1..7],
        ["DKK 70.00", "DKK 50.00", "DKK 120.00", "41.7 %", "1", "2"]
    );
    assert_eq!(&row(&rows, "2025-12")[1..3], ["DKK 0.00", "DKK 60.00"]);
    assert!(
        page.body.contains("31.7 %"),
        "overall repeat share 190 / 600"
    );
    let year = c.get("/value/revenue?period=year").await;
    let rows = table_after(&year.body, "id=\"revenue\"");
    assert_eq!(
        &row(&rows, "2025")[1..4],
        ["DKK 410.00", "DKK 190.00", "DKK 600.00"]
    );
    assert_eq!(
        c.get("/value/revenue?period=fortnight").await.status,
        StatusCode::BAD_REQUEST
    );
}

async fn cohort_cells_count_comebacks_and_young_cells_are_not_yet_known(db: &TestDb) {
    seed(db, "a").await;
    let mut c = signed_in(db, "staff@a.test").await;
    let page = c.get("/value/retention").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let rows = table_after(&page.body, "id=\"cohorts\"");
    let jan = row(&rows, "2025-01");
    assert_eq!(jan[1], "2");
    assert_eq!(
        &jan[2..6],
        ["100.0 % (2)", "50.0 % (1)", "0.0 % (0)", "50.0 % (1)"]
    );
    let june = row(&rows, "2025-06");
    assert_eq!(june[1], "1");
    // Offsets 0..=7 (June to January) have begun; 8 and later are not yet known.
    assert_eq!(june[2 + 6], "100.0 % (1)");
    assert_eq!(june[2 + 7], "0.0 % (0)");
    assert_eq!(june[2 + 8], "·");
    assert!(page.body.contains("class=\"num unknown\""));
    // Any event counts: Bo's web visit in March brings him back at offset 2.
    let any = c.get("/value/retention?back=any_event").await;
    let rows = table_after(&any.body, "id=\"cohorts\"");
    assert_eq!(row(&rows, "2025-01")[4], "50.0 % (1)");
    // Filtered by channel: only Ann and Bo came from ads.
    let ads = c.get("/value/retention?channel=ads").await;
    let rows = table_after(&ads.body, "id=\"cohorts\"");
    assert_eq!(rows.len(), 1);
    // Cohort lifetime value: January's customers paid 300 in January, 350 by February.
    let value = table_after(&page.body, "id=\"cohort-value\"");
    assert_eq!(&row(&value, "2025-01")[2..4], ["DKK 150.00", "DKK 175.00"]);
    // The cell's customers: Ann came back in February.
    let link = link_in_row(&page.body, "id=\"cohorts\"", "2025-01", 2);
    let who = c.get(&link).await;
    assert_eq!(who.status, StatusCode::OK, "{link}: {}", who.body);
    let names = table_after(&who.body, "id=\"who\"");
    assert_eq!(
        names,
        vec![vec!["Ann Andersen".to_owned(), "ads".to_owned()]]
    );
}

async fn churn_uses_the_proposed_threshold_and_the_owners_choice(db: &TestDb) {
    let b = seed(db, "a").await;
    let mut owner = signed_in(db, "owner@a.test").await;
    let page = owner.get("/value/churn").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    // Three gaps between repeat purchases: too few, so a year; nobody is lost yet.
    assert!(
        page.body.contains("after 365 days without an order"),
        "{}",
        page.body
    );
    assert!(page.body.contains("only 3 gaps"));
    assert!(table_after(&page.body, "id=\"lost-customers\"").is_empty());
    assert!(page.body.contains("half of its customers in three years"));
    let page = owner.get("/value/churn?days=60").await;
    assert!(page.body.contains("You chose 60 days instead."));
    // Lost at last order + 60 days: Bo 2025-03-21, Cy 2025-04-04, Ann 2025-05-31; Di came
    // back in December (lost 2025-08-09) and is active again.
    let lost = table_after(&page.body, "id=\"lost-customers\"");
    assert_eq!(
        lost,
        vec![
            vec!["Ann Andersen", "DKK 230.00", "1 Apr 2025", "31 May 2025"],
            vec!["Bo Berg", "DKK 200.00", "20 Jan 2025", "21 Mar 2025"],
            vec!["Cy Cruz", "DKK 70.00", "3 Feb 2025", "4 Apr 2025"],
        ]
    );
    let months = table_after(&page.body, "id=\"lost-months\"");
    for (m, n) in [
        ("2025-03", "1"),
        ("2025-04", "1"),
        ("2025-05", "1"),
        ("2025-08", "1"),
        ("2025-06", "0"),
    ] {
        assert_eq!(row(&months, m)[1], n, "{m}");
    }
    // Where they were last seen: Ann and Cy at checkout, Bo on the web shop.
    let seen = table_after(&page.body, "id=\"last-seen\"");
    assert_eq!(
        seen,
        vec![
            vec!["Buying — Checkout".to_owned(), "2".to_owned()],
            vec!["Buying — Web shop visit".to_owned(), "1".to_owned()],
        ]
    );
    assert!(page.body.contains(&format!("#tp-{}", b.shop.0)));
    // The customers last seen on the web shop.
    let who = owner
        .get(&format!("/value/customers?who=lost&days=60&tp={}", b.web.0))
        .await;
    assert_eq!(table_after(&who.body, "id=\"who\"")[0][0], "Bo Berg");
    // Staff cannot change the threshold: the proposal stands.
    let mut staff = signed_in(db, "staff@a.test").await;
    let page = staff.get("/value/churn?days=60").await;
    assert!(!page.body.contains("You chose"));
    assert!(table_after(&page.body, "id=\"lost-customers\"").is_empty());
}

async fn rfm_segments_name_the_customers(db: &TestDb) {
    seed(db, "a").await;
    let mut c = signed_in(db, "staff@a.test").await;
    let page = c.get("/value/rfm").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let rows = table_after(&page.body, "id=\"segments\"");
    // R by last order: Bo 1, Cy 2, Ann 4, Di 5; F by orders: Bo 2, Cy 2, Di 4, Ann 5.
    assert_eq!(
        &row(&rows, "Champions")[1..5],
        ["1", "25.0 %", "DKK 100.00", "16.7 %"]
    );
    assert_eq!(
        &row(&rows, "Loyal")[1..5],
        ["1", "25.0 %", "DKK 230.00", "38.3 %"]
    );
    assert_eq!(&row(&rows, "Hibernating")[1..3], ["2", "50.0 %"]);
    assert_eq!(row(&rows, "Lost")[1], "0");
    assert!(page.body.contains("Bought very recently and very often."));
    let who = c.get("/value/customers?who=rfm&segment=hibernating").await;
    let names: Vec<String> = table_after(&who.body, "id=\"who\"")
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(names, ["Bo Berg", "Cy Cruz"]);
    assert_eq!(
        c.get("/value/customers?who=rfm&segment=royalty")
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
}

async fn lifetime_value_says_in_words_why_it_cannot_be_fitted(db: &TestDb) {
    seed(db, "a").await;
    let mut c = signed_in(db, "staff@a.test").await;
    let page = c.get("/value/clv").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body
            .contains("There are too few customers with an order to predict anything (4; at least 50 are needed)."),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("Only what each customer has paid so far is shown.")
    );
    let rows = table_after(&page.body, "id=\"clv\"");
    assert_eq!(rows[0], ["Ann Andersen", "DKK 230.00"]);
    assert_eq!(rows.len(), 4);
}

async fn the_customers_behind_a_figure_are_saved_as_a_segment(db: &TestDb) {
    let b = seed(db, "a").await;
    let mut staff = signed_in(db, "staff@a.test").await;
    let page = staff
        .get("/value/customers?who=lifecycle&month=2025-01&column=new")
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("New customers in 2025-01"));
    assert!(page.body.contains("2 customers"));
    let saved = staff
        .post(
            "/value/customers/segment",
            &[
                ("query", "who=lifecycle&month=2025-01&column=new"),
                ("name", "January's newcomers"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let at = saved.location.unwrap();
    assert!(at.starts_with("/segments/"), "{at}");
    let segment = staff.get(&at).await;
    assert!(
        segment.body.contains("January&#39;s newcomers"),
        "{}",
        segment.body
    );
    assert!(segment.body.contains("New customers in 2025-01"));
    assert!(segment.body.contains("Ann Andersen") && segment.body.contains("Bo Berg"));
    assert!(!segment.body.contains("Cy Cruz"));
    let segments = db.store.list_segments(b.ws).await.unwrap();
    assert_eq!(segments[0].customers, 2);
    let _ = b.ann;
}

async fn csv_files_hold_the_pages_numbers(db: &TestDb) {
    seed(db, "a").await;
    let mut c = signed_in(db, "owner@a.test").await;
    let revenue = c.get("/value/revenue.csv").await;
    assert_eq!(revenue.status, StatusCode::OK);
    assert!(
        revenue.body.contains("2025-02,70.00,50.00,120.00,41.7,1,2"),
        "{}",
        revenue.body
    );
    let cohorts = c.get("/value/retention.csv?table=cohorts").await;
    assert!(
        cohorts.body.contains("2025-01,2,2,1,0,1,"),
        "{}",
        cohorts.body
    );
    assert!(
        cohorts.body.contains("2025-06,1,1,0,0,0,0,0,1,0,,,,,\n"),
        "{}",
        cohorts.body
    );
    let churn = c.get("/value/churn.csv?days=60&table=lost").await;
    assert!(
        churn
            .body
            .contains("Bo Berg,200.00,2025-01-20,2025-03-21,Web shop visit"),
        "{}",
        churn.body
    );
    let rfm = c.get("/value/rfm.csv").await;
    assert!(
        rfm.body.contains("Champions,1,25.0,100.00,16.7"),
        "{}",
        rfm.body
    );
    let clv = c.get("/value/clv.csv").await;
    assert!(clv.body.contains("Ann Andersen,,,,230.00"), "{}", clv.body);
    let who = c.get("/value/customers.csv?who=rfm&segment=loyal").await;
    assert_eq!(who.body.lines().nth(1), Some("Ann Andersen,ads"));
    assert_eq!(
        c.get("/value/retention.csv?table=nope").await.status,
        StatusCode::BAD_REQUEST
    );
}

async fn signed_out_staff_and_other_workspaces_see_nothing_of_it(db: &TestDb) {
    let a = seed(db, "a").await;
    seed_workspace(db, "b").await;
    let mut anon = Client::new(state(db));
    for path in [
        "/value/retention",
        "/value/churn",
        "/value/revenue",
        "/value/rfm",
        "/value/clv",
        "/value/revenue.csv",
        "/value/customers?who=rfm&segment=loyal",
    ] {
        let r = anon.get(path).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
        assert!(r.location.unwrap().starts_with("/signin"), "{path}");
    }
    let mut other = signed_in(db, "owner@b.test").await;
    for path in [
        "/value/retention",
        "/value/revenue",
        "/value/rfm",
        "/value/churn",
    ] {
        let r = other.get(path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(
            !r.body.contains("Ann Andersen") && !r.body.contains("2025-01"),
            "{path}"
        );
    }
    // Another workspace's touchpoint in a list's description is not found.
    let r = other
        .get(&format!(
            "/value/customers?who=lost&days=60&tp={}",
            a.shop.0
        ))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = other
        .get("/value/customers?who=lifecycle&month=2025-01&column=new")
        .await;
    assert!(
        r.body.contains("0 customers") && !r.body.contains("Ann"),
        "{}",
        r.body
    );
    let r = other
        .post(
            "/value/customers/segment",
            &[
                ("query", &format!("who=lost&days=60&tp={}", a.shop.0)),
                ("name", "x"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(db.store.list_segments(a.ws).await.unwrap().is_empty());
}

async fn channels_show_what_a_customer_cost_and_which_channels_pay(db: &TestDb) {
    let b = seed(db, "a").await;
    let mut owner = signed_in(db, "owner@a.test").await;
    let page = owner.get("/value/channels").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body
            .contains("No spend recorded, so whether they pay is unknown: ads, friends."),
        "{}",
        page.body
    );
    for (channel, month, amount) in [("ads", "2025-01", "300.00"), ("friends", "2025-02", "140")] {
        let r = owner
            .post(
                "/value/channels/spend",
                &[("channel", channel), ("month", month), ("amount", amount)],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let page = owner.get("/value/channels?done=value-spend-saved").await;
    assert!(page.body.contains("The spend is saved."));
    let rows = table_after(&page.body, "id=\"channels\"");
    // ads: 300 over Ann and Bo (both first bought in January) = 150 each; they paid 215 on
    // average (ratio 1.43), and 150 in their first month, so paid back in 1 month.
    assert_eq!(
        row(&rows, "ads"),
        [
            "ads",
            "2",
            "DKK 300.00",
            "DKK 150.00",
            "DKK 215.00",
            "",
            "1.43",
            "1 month",
            "Pays"
        ]
    );
    // friends: 140 for Cy, who paid 70.
    assert_eq!(
        row(&rows, "friends"),
        [
            "friends",
            "1",
            "DKK 140.00",
            "DKK 140.00",
            "DKK 70.00",
            "",
            "0.50",
            "",
            "Does not pay"
        ]
    );
    assert!(page.body.contains("Channels that pay: ads."));
    assert!(page.body.contains("Channels that do not pay: friends."));
    let csv = owner.get("/value/channels.csv").await;
    assert!(
        csv.body.contains("ads,2,300.00,150.00,215.00,,1.43,1,pays"),
        "{}",
        csv.body
    );
    // The customers behind the count.
    let who = owner.get("/value/customers?who=channel&channel=ads").await;
    assert_eq!(table_after(&who.body, "id=\"who\"").len(), 2);
    // Staff see the figures but cannot record or delete spend.
    let mut staff = signed_in(db, "staff@a.test").await;
    let page = staff.get("/value/channels").await;
    assert!(
        page.body.contains("DKK 150.00") && !page.body.contains("action=\"/value/channels/spend\"")
    );
    let r = staff
        .post(
            "/value/channels/spend",
            &[("channel", "ads"), ("month", "2025-01"), ("amount", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = staff
        .post(
            "/value/channels/spend/delete",
            &[("channel", "ads"), ("month", "2025-01")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Another workspace's owner deletes only in its own workspace.
    seed_workspace(db, "b").await;
    let mut other = signed_in(db, "owner@b.test").await;
    other
        .post(
            "/value/channels/spend/delete",
            &[("channel", "ads"), ("month", "2025-01")],
        )
        .await;
    assert!(
        !other
            .get("/value/channels")
            .await
            .body
            .contains("DKK 300.00")
    );
    assert_eq!(db.store.list_spend(b.ws).await.unwrap().len(), 2);
    // A bad month or amount is refused.
    let r = owner
        .post(
            "/value/channels/spend",
            &[("channel", "ads"), ("month", "January"), ("amount", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = owner
        .post(
            "/value/channels/spend/delete",
            &[("channel", "friends"), ("month", "2025-02")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(db.store.list_spend(b.ws).await.unwrap().len(), 1);
}

/// Posts `file` to the import page's spend form as the signed-in user of `c`.
async fn upload_spend(db: &TestDb, c: &Client, file: &str) -> (StatusCode, String) {
    use axum::body::{Body, to_bytes};
    use axum::http::{Request, header};
    use tower::ServiceExt;
    let boundary = "valueboundary42";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"spend.csv\"\r\nContent-Type: text/csv\r\n\r\n{file}\r\n--{boundary}--\r\n",
        c.cookies["kunde_csrf"]
    );
    let jar = c
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let request = Request::post("/import/spend")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::COOKIE, jar)
        .header(header::HOST, "kunde.test")
        .body(Body::from(body))
        .unwrap();
    let response = kunde_web::router(state(db)).oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

async fn spend_is_imported_all_or_nothing_with_bad_rows_named(db: &TestDb) {
    let b = seed(db, "a").await;
    let mut owner = signed_in(db, "owner@a.test").await;
    owner.get("/import").await;
    let (status, body) = upload_spend(
        db,
        &owner,
        "channel,month,amount\nads,2025-01,300\nfriends,2025-13,140\nads,2025-02,-1\n",
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        table_after(&body, "id=\"spend-problems\""),
        vec![
            vec![
                "3".to_owned(),
                "The month must be written YYYY-MM, such as 2025-03.".to_owned()
            ],
            vec![
                "4".to_owned(),
                "The amount is not a number of zero or more, such as 1500.00.".to_owned()
            ],
        ]
    );
    assert!(
        db.store.list_spend(b.ws).await.unwrap().is_empty(),
        "nothing stored"
    );
    let (status, _) = upload_spend(
        db,
        &owner,
        "channel,month,amount\nads,2025-01,300\nfriends,2025-02,140\n",
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(db.store.list_spend(b.ws).await.unwrap().len(), 2);
    let mut staff = signed_in(db, "staff@a.test").await;
    staff.get("/").await;
    let (status, _) = upload_spend(db, &staff, "channel,month,amount\nads,2025-03,1\n").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(db.store.list_spend(b.ws).await.unwrap().len(), 2);
}

async fn the_customer_page_and_list_show_value(db: &TestDb) {
    let b = seed(db, "a").await;
    let mut c = signed_in(db, "staff@a.test").await;
    let page = c.get(&format!("/customers/{}", b.ann)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let block = &page.body[page
        .body
        .find("id=\"customer-value\"")
        .expect("value block")..];
    assert!(
        block.contains("Loyal") && block.contains("DKK 230.00"),
        "{block}"
    );
    assert!(block.contains("not yet known"), "no fit on four customers");
    // A customer without orders has no value block.
    let nobody = seed_customer(db, b.ws, "Ny Kunde").await;
    let page = c.get(&format!("/customers/{}", nobody.id)).await;
    assert!(!page.body.contains("id=\"customer-value\""));
    let names = |body: &str| -> Vec<String> {
        body.split("<td><a href=\"/customers/")
            .skip(1)
            .map(|r| strip_tags(&r[r.find('>').unwrap() + 1..r.find("</a>").unwrap()]))
            .collect()
    };
    let by_last = c.get("/customers?sort=last_order").await;
    assert_eq!(
        names(&by_last.body),
        ["Di Dahl", "Ann Andersen", "Cy Cruz", "Bo Berg", "Ny Kunde"]
    );
    let by_spent = c.get("/customers?sort=spent").await;
    assert_eq!(
        names(&by_spent.body),
        ["Ann Andersen", "Bo Berg", "Di Dahl", "Cy Cruz", "Ny Kunde"]
    );
}

/// The demo business with its marketing spend, as `kunde demo` makes it (fewer customers).
pub async fn demo_with_spend(db: &TestDb, customers: usize) -> WorkspaceId {
    let hash = kunde_web::auth::hash_password(&Password::parse(PASSWORD).unwrap());
    let opts = kunde_demo::DemoOptions {
        customers,
        ..kunde_demo::DemoOptions::default()
    };
    let import = kunde_demo::generate(&opts, hash.clone(), hash);
    let ws = db.store.import_workspace(&import, NOW).await.unwrap();
    let spend: Vec<kunde_store::Spend> = kunde_demo::marketing_spend(&import, opts.seed)
        .into_iter()
        .map(|(channel, month, amount)| kunde_store::Spend {
            channel,
            month,
            amount,
        })
        .collect();
    db.store.record_spend(ws, &spend, NOW).await.unwrap();
    ws
}

async fn the_demo_tells_a_story_of_value(db: &TestDb) {
    demo_with_spend(db, 1500).await;
    let mut owner = signed_in(db, kunde_demo::DEMO_OWNER_EMAIL).await;
    let channels = owner.get("/value/channels").await;
    assert_eq!(channels.status, StatusCode::OK, "{}", channels.body);
    let verdict = &channels.body[channels.body.find("id=\"verdict\"").unwrap()..];
    let verdict = &verdict[..verdict.find("</div>").unwrap()];
    // The demo's owner reads Danish.
    assert!(
        verdict.contains("Kanaler, der betaler sig: Google Ads, Instagram."),
        "{verdict}"
    );
    assert!(
        verdict.contains("Kanaler, der ikke betaler sig: Facebook."),
        "{verdict}"
    );
    let clv = owner.get("/value/clv").await;
    assert!(
        !clv.body.contains("id=\"fit-problem\""),
        "the demo's data support a fit"
    );
    assert!(!clv.body.contains("id=\"holdout-problem\""));
    assert!(!table_after(&clv.body, "id=\"holdout\"").is_empty());
    let churn = owner.get("/value/churn").await;
    assert!(
        churn.body.contains("af pauserne mellem to køb"),
        "a threshold from the shop's own gaps"
    );
    let survival = table_after(&churn.body, "id=\"survival\"");
    assert!(survival[0][1].ends_with('%'), "{survival:?}");
    let revenue = owner.get("/value/revenue?period=year").await;
    let rows = table_after(&revenue.body, "id=\"revenue\"");
    assert!(rows.len() >= 2, "two years of orders: {rows:?}");
    let retention = owner.get("/value/retention").await;
    assert!(retention.body.contains("class=\"num unknown\""));
}

async fn a_chosen_touchpoint_counts_as_coming_back(db: &TestDb) {
    let b = seed(db, "a").await;
    let mut c = signed_in(db, "staff@a.test").await;
    let url = format!("/value/retention?back=touchpoint&tp={}", b.web.0);
    let page = c.get(&url).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains(&format!(
            "<option value=\"{}\" selected>Buying: Web shop visit",
            b.web.0
        )),
        "the chosen touchpoint stays selected"
    );
    let rows = table_after(&page.body, "id=\"cohorts\"");
    // January's cohort (Ann, Bo): only Bo's web-shop visit in March counts, Ann's orders do not.
    assert_eq!(
        &row(&rows, "2025-01")[2..6],
        ["100.0 % (2)", "0.0 % (0)", "50.0 % (1)", "0.0 % (0)"]
    );
    let link = link_in_row(&page.body, "id=\"cohorts\"", "2025-01", 2);
    assert!(link.contains("back=touchpoint"), "{link}");
    let who = c.get(&link).await;
    assert_eq!(who.status, StatusCode::OK, "{link}: {}", who.body);
    assert_eq!(
        table_after(&who.body, "id=\"who\""),
        vec![vec!["Bo Berg".to_owned(), "ads".to_owned()]]
    );
    // Checkout as the touchpoint is the same as orders here; an unknown touchpoint (another
    // workspace's, or none) falls back to orders.
    let other = seed(db, "b").await;
    let foreign = c
        .get(&format!(
            "/value/retention?back=touchpoint&tp={}",
            other.web.0
        ))
        .await;
    assert_eq!(foreign.status, StatusCode::OK);
    let rows = table_after(&foreign.body, "id=\"cohorts\"");
    assert_eq!(
        row(&rows, "2025-01")[3],
        "50.0 % (1)",
        "orders: Ann in February"
    );
}

async fn months_start_at_the_business_local_midnight(db: &TestDb) {
    let b = seed(db, "a").await;
    // 22:30 UTC on 30 June: still June in London (23:30), already July in Copenhagen (00:30).
    let late = day(2025, 6, 30) + 22 * 3600 + 1800;
    db.store
        .insert_events(
            b.ws,
            &[NewEvent {
                customer_id: Some(b.ann),
                visitor_id: None,
                touchpoint_id: b.shop,
                occurred_at: late,
                channel: Channel::Web,
                amount: Some(Money(900 * 100)),
                properties: "{}".into(),
            }],
        )
        .await
        .unwrap();
    let mut c = signed_in(db, "staff@a.test").await;
    let london = c.get("/value/revenue").await;
    let rows = table_after(&london.body, "id=\"revenue\"");
    assert_eq!(
        &row(&rows, "2025-06")[1..4],
        ["DKK 40.00", "DKK 900.00", "DKK 940.00"]
    );
    let cph =
        kunde_domain::business_hours::BusinessCalendar::office_hours("Europe/Copenhagen").unwrap();
    db.store
        .save_business_calendar(b.ws, &cph, NOW)
        .await
        .unwrap();
    let mut c = signed_in(db, "staff@a.test").await;
    let copenhagen = c.get("/value/revenue").await;
    let rows = table_after(&copenhagen.body, "id=\"revenue\"");
    assert_eq!(
        &row(&rows, "2025-06")[1..4],
        ["DKK 40.00", "DKK 0.00", "DKK 40.00"]
    );
    assert_eq!(
        &row(&rows, "2025-07")[1..4],
        ["DKK 0.00", "DKK 900.00", "DKK 900.00"]
    );
    let csv = c.get("/value/revenue.csv").await;
    assert!(csv.body.contains("2025-07"), "{}", csv.body);
}

/// Issue 17: the churn CSV writes its days in the business's zone and names the zone in the
/// header, as the survey answers CSV does: an order at 23:30 UTC on 20 January is on the 21st
/// in Copenhagen, and so is the day it counts as lost 60 days later.
async fn the_churn_csv_gives_days_on_the_business_clock(db: &TestDb) {
    let b = seed(db, "a").await;
    let eve = db
        .store
        .create_customer(b.ws, &NewCustomer::named(nonempty("Eve Egholm"), NOW))
        .await
        .unwrap()
        .id;
    let late = day(2025, 1, 20) + 23 * 3600 + 1800;
    db.store
        .insert_events(
            b.ws,
            &[NewEvent {
                customer_id: Some(eve),
                visitor_id: None,
                touchpoint_id: b.shop,
                occurred_at: late,
                channel: Channel::Web,
                amount: Some(Money(300 * 100)),
                properties: "{}".into(),
            }],
        )
        .await
        .unwrap();
    let cph =
        kunde_domain::business_hours::BusinessCalendar::office_hours("Europe/Copenhagen").unwrap();
    db.store
        .save_business_calendar(b.ws, &cph, NOW)
        .await
        .unwrap();
    let mut c = signed_in(db, "owner@a.test").await;
    let churn = c.get("/value/churn.csv?days=60&table=lost").await;
    assert_eq!(churn.status, StatusCode::OK);
    let header = churn.body.lines().next().unwrap();
    assert_eq!(header.matches("(Europe/Copenhagen)").count(), 2, "{header}");
    assert!(
        churn
            .body
            .contains("Eve Egholm,300.00,2025-01-21,2025-03-22,"),
        "{}",
        churn.body
    );
    // The page says the same days, in the reader's way of writing them.
    let page = c.get("/value/churn?days=60").await;
    assert!(page.body.contains("21 Jan 2025"), "{}", page.body);
}

async fn the_customer_list_sorts_by_predicted_value(db: &TestDb) {
    let ws = demo_with_spend(db, 600).await;
    let mut owner = signed_in(db, kunde_demo::DEMO_OWNER_EMAIL).await;
    let ids = |body: &str, marker: &str| -> Vec<String> {
        let from = body.find(marker).unwrap_or_else(|| panic!("{marker}"));
        body[from..]
            .split("href=\"/customers/")
            .skip(1)
            .map(|r| {
                r.chars()
                    .take_while(char::is_ascii_digit)
                    .collect::<String>()
            })
            .filter(|id| !id.is_empty())
            .take(5)
            .collect()
    };
    let list = owner.get("/customers?sort=predicted").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert!(
        list.body.contains("aria-current=\"page\">Forventet værdi"),
        "Danish owner"
    );
    let clv = owner.get("/value/clv").await;
    let top = ids(&clv.body, "id=\"clv\"");
    assert_eq!(top.len(), 5, "the demo fits: {}", clv.body);
    assert_eq!(
        ids(&list.body, "<tbody>"),
        top,
        "the same order as the CLV page"
    );
    // A search narrows the ranking, and another workspace's customers never appear.
    let first: i64 = top[0].parse().unwrap();
    let name = db
        .store
        .get_customer(ws, CustomerId(first))
        .await
        .unwrap()
        .name;
    let found = owner
        .get(&format!(
            "/customers?sort=predicted&q={}",
            name.as_str().replace(' ', "+")
        ))
        .await;
    assert_eq!(ids(&found.body, "<tbody>").first(), Some(&top[0]));
    seed(db, "b").await;
    let mut other = signed_in(db, "owner@b.test").await;
    let theirs = other.get("/customers?sort=predicted").await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert!(!theirs.body.contains(&format!("/customers/{first}\"")));
}

async fn the_start_page_lists_valuable_customers_at_risk(db: &TestDb) {
    demo_with_spend(db, 600).await;
    let mut owner = signed_in(db, kunde_demo::DEMO_OWNER_EMAIL).await;
    let clv = owner.get("/value/clv").await;
    let risk = table_after(&clv.body, "id=\"at-risk\"");
    assert!(!risk.is_empty(), "the demo has valuable customers at risk");
    let start = owner.get("/").await;
    assert_eq!(start.status, StatusCode::OK, "{}", start.body);
    let list = &start.body[start
        .body
        .find("id=\"today-at-risk\"")
        .unwrap_or_else(|| panic!("no at-risk list: {}", start.body))..];
    let list = &list[..list.find("</ul>").unwrap()];
    // The owner reads Danish; the most valuable at-risk customer comes first, as on /value/clv.
    assert!(list.contains("værdifuld"), "{list}");
    let first = list.split("<li>").nth(1).expect("an item");
    assert!(
        first.contains(&format!(">{}</a>", risk[0][0])),
        "{first} vs {:?}",
        risk[0]
    );
    assert!(first.contains("har betalt"), "{first}");
    assert!(start.body.contains("href=\"/value/customers?who=at_risk\""));
    // The staff member sees the same list (it is not owner-only).
    let mut staff = signed_in(db, kunde_demo::DEMO_STAFF_EMAIL).await;
    assert!(staff.get("/").await.body.contains("id=\"today-at-risk\""));
}

/// A server (app state) whose built logs are kept in `dir`, as `kunde serve` keeps them.
fn kept_state(db: &TestDb, dir: &std::path::Path) -> kunde_web::AppState {
    let config = kunde_web::WebConfig {
        analytics_dir: Some(dir.to_owned()),
        ..Default::default()
    };
    let mut s = kunde_web::AppState::new(db.store.clone(), config);
    s.clock = std::sync::Arc::new(|| NOW);
    s
}

async fn wait_for_file(path: &std::path::Path) -> kunde_store::AnalyticsData {
    for _ in 0..200 {
        if let Ok(bytes) = std::fs::read(path)
            && let Some(d) = kunde_store::AnalyticsData::from_bytes(&bytes)
        {
            return d;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{} was not written", path.display());
}

async fn january_names(state: kunde_web::AppState) -> Vec<Vec<String>> {
    let mut c = Client::new(state);
    c.sign_in("staff@a.test").await;
    let page = c.get("/value/customers?who=cohort&month=2025-01").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    table_after(&page.body, "id=\"who\"")
}

async fn a_restarted_server_uses_the_kept_log_only_while_the_database_matches_it(db: &TestDb) {
    let b = seed(db, "a").await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(format!("events-{}.bin", b.ws.0));
    let expected = vec![
        vec!["Ann Andersen".to_owned(), "ads".to_owned()],
        vec!["Bo Berg".to_owned(), "ads".to_owned()],
    ];
    assert_eq!(january_names(kept_state(db, dir.path())).await, expected);
    let mut kept = wait_for_file(&file).await;
    assert_eq!(kept.log.event_count(), 8);
    // A restart reads the file while the database still matches it: a name changed only in
    // the file shows, which proves the events were not read again.
    let ann = std::sync::Arc::make_mut(&mut kept.customers)
        .iter_mut()
        .find(|c| c.name == "Ann Andersen")
        .unwrap();
    ann.name = "Ann From The File".to_owned();
    std::fs::write(&file, kept.to_bytes()).unwrap();
    let names = january_names(kept_state(db, dir.path())).await;
    assert_eq!(names[0][0], "Ann From The File");
    // A new event: what the file holds still matches the database, so a restart reads the
    // file and appends only the new event (the name changed in the file still shows), and
    // writes the file again.
    db.store
        .insert_events(
            b.ws,
            &[NewEvent {
                customer_id: Some(b.ann),
                visitor_id: None,
                touchpoint_id: b.web,
                occurred_at: day(2025, 12, 1),
                channel: Channel::Web,
                amount: None,
                properties: "{}".into(),
            }],
        )
        .await
        .unwrap();
    let state = kept_state(db, dir.path());
    let cache = state.analytics.clone();
    let names = january_names(state).await;
    assert_eq!(names[0][0], "Ann From The File");
    let counts = cache.load_counts();
    assert_eq!((counts.database, counts.file, counts.appended), (0, 1, 1));
    let mut rewritten = wait_for_file(&file).await;
    for _ in 0..100 {
        if rewritten.log.event_count() == 9 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        rewritten = wait_for_file(&file).await;
    }
    assert_eq!(rewritten.log.event_count(), 9);
    // A file written before something it holds changed in place (a customer's event
    // deleted or changed, a customer renamed: the workspace's `analytics_changes` counter
    // has moved since) is stale: the log is read from the database and the file written
    // again from it.
    rewritten.fingerprint.changes -= 1;
    std::fs::write(&file, rewritten.to_bytes()).unwrap();
    assert_eq!(january_names(kept_state(db, dir.path())).await, expected);
    let reread = wait_for_file(&file).await;
    assert_eq!(reread.log.event_count(), 9);
    assert!(reread.customers.iter().any(|c| c.name == "Ann Andersen"));
    // A damaged file is not trusted: the page is right and the file is replaced.
    std::fs::write(&file, b"KUNDEAD1 damaged").unwrap();
    assert_eq!(january_names(kept_state(db, dir.path())).await, expected);
    assert_eq!(wait_for_file(&file).await.log.event_count(), 9);
}
