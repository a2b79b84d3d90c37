//! The journey analytics pages end to end, in-process, on SQLite and PostgreSQL: a funnel and
//! paths over a small set of events whose counts, drop-outs and CSV files are known by hand;
//! another workspace's events never show; bad parameters are named; the cached log follows
//! new events; the demo business shows a funnel that loses customers at the phone.

mod support;

use axum::http::StatusCode;
use kunde_domain::*;
use kunde_store::testing::TestDb;
use support::*;

on_both_databases!(
    the_funnel_counts_customers_per_step_within_the_window,
    the_funnel_csv_files_hold_the_pages_numbers,
    the_breakdown_by_channel_splits_the_customers,
    paths_after_a_touchpoint_and_after_a_drop_off_are_counted,
    another_workspaces_events_and_touchpoints_never_show,
    bad_parameters_are_named_in_a_clear_message,
    new_events_show_on_the_next_request,
    new_events_are_added_to_the_cached_log_without_loading_it_again,
    an_idle_workspaces_log_leaves_memory_and_comes_back_from_its_file,
    the_demo_funnel_loses_customers_at_the_phone,
);

const HOUR: i64 = 3600;
const DAY: i64 = 86_400;
const T0: i64 = NOW - 60 * DAY;

/// Touchpoint ids of the seeded journey.
struct Seeded {
    web: TouchpointId,
    call: TouchpointId,
    visit: TouchpointId,
    ann: CustomerId,
    bo: CustomerId,
    cy: CustomerId,
    di: CustomerId,
}

fn nonempty(s: &str) -> NonEmpty {
    NonEmpty::parse("name", s).unwrap()
}

async fn journey(
    db: &TestDb,
    ws: WorkspaceId,
    name: &str,
    touchpoints: &[&str],
) -> Vec<TouchpointId> {
    let new = NewJourney {
        name: nonempty(name),
        description: String::new(),
        variant: JourneyVariant::AsIs,
        counterpart_of: None,
        parent_id: None,
    };
    let stage_names: Vec<String> = (0..touchpoints.len())
        .map(|i| format!("Stage {i}"))
        .collect();
    let stage_refs: Vec<&str> = stage_names.iter().map(String::as_str).collect();
    let j = db
        .store
        .create_journey(ws, &new, &stage_refs, NOW)
        .await
        .unwrap();
    let stages = db.store.list_stages(ws, j.id).await.unwrap();
    let mut ids = Vec::new();
    for (stage, name) in stages.iter().zip(touchpoints) {
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
        ids.push(db.store.create_touchpoint(ws, &t).await.unwrap().id);
    }
    ids
}

async fn customer(db: &TestDb, ws: WorkspaceId, name: &str, channel: Option<&str>) -> CustomerId {
    let mut c = NewCustomer::named(nonempty(name), NOW);
    c.acquisition_channel = channel.map(nonempty);
    db.store.create_customer(ws, &c).await.unwrap().id
}

fn event(customer: Option<CustomerId>, tp: TouchpointId, at: i64) -> NewEvent {
    NewEvent {
        customer_id: customer,
        visitor_id: customer.is_none().then(|| "visitor-1".to_owned()),
        touchpoint_id: tp,
        occurred_at: at,
        channel: Channel::Web,
        amount: None,
        properties: "{}".into(),
    }
}

/// Web → Call → Visit, and a side touchpoint "Other":
/// - Ann: Web, Call 1 h later, Visit 2 days after the start: goes all the way;
/// - Bo: Web, Call 2 h later: stops after Call;
/// - Cy: Web, then Other: stops after Web;
/// - Di: Web, Call 3 h later, Visit 20 days after the start: all the way only in a 30-day
///   window, stops after Call in a 7-day one;
/// - Ed: only Call: never enters;
/// - an anonymous visitor on Web: not a customer, not counted.
async fn seed(db: &TestDb) -> (WorkspaceId, Seeded) {
    let (ws, ..) = seed_workspace(db, "a").await;
    let ws = ws.id;
    let tps = journey(db, ws, "Booking", &["Web", "Call", "Visit", "Other"]).await;
    let (web, call, visit, other) = (tps[0], tps[1], tps[2], tps[3]);
    let ann = customer(db, ws, "Ann Andersen", Some("google_ads")).await;
    let bo = customer(db, ws, "Bo Berg", Some("referral")).await;
    let cy = customer(db, ws, "Cy Cruz", Some("google_ads")).await;
    let di = customer(db, ws, "Di Dahl", None).await;
    let ed = customer(db, ws, "Ed Eng", None).await;
    let events = vec![
        event(Some(ann), web, T0),
        event(Some(ann), call, T0 + HOUR),
        event(Some(ann), visit, T0 + 2 * DAY),
        event(Some(bo), web, T0),
        event(Some(bo), call, T0 + 2 * HOUR),
        event(Some(cy), web, T0),
        event(Some(cy), other, T0 + HOUR),
        event(Some(di), web, T0),
        event(Some(di), call, T0 + 3 * HOUR),
        event(Some(di), visit, T0 + 20 * DAY),
        event(Some(ed), call, T0 + HOUR),
        event(None, web, T0),
        event(None, call, T0 + HOUR),
    ];
    db.store.insert_events(ws, &events).await.unwrap();
    (
        ws,
        Seeded {
            web,
            call,
            visit,
            ann,
            bo,
            cy,
            di,
        },
    )
}

fn funnel_query(s: &Seeded, window_days: i64) -> String {
    format!(
        "step={}&step={}&step={}&window={window_days}&unit=days",
        s.web, s.call, s.visit
    )
}

async fn signed_in(db: &TestDb, email: &str) -> Client {
    let mut c = Client::new(state(db));
    c.sign_in(email).await;
    c
}

/// The text of the table cells of the first table after `marker`, row by row.
fn table_after(body: &str, marker: &str) -> Vec<Vec<String>> {
    let from = body
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} not in page"));
    let rest = &body[from..];
    let table = &rest[rest.find("<tbody>").unwrap()..rest.find("</tbody>").unwrap()];
    table
        .split("<tr>")
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
    out
}

async fn the_funnel_counts_customers_per_step_within_the_window(db: &TestDb) {
    let (_, s) = seed(db).await;
    // Staff may read the analytics, not only the owner.
    let mut c = signed_in(db, "staff@a.test").await;
    let page = c
        .get(&format!("/analytics/funnel?{}", funnel_query(&s, 7)))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let steps = table_after(&page.body, "Customers per step");
    let counts: Vec<(&str, &str, &str)> = steps
        .iter()
        .map(|r| (r[1].as_str(), r[2].as_str(), r[5].as_str()))
        .collect();
    assert_eq!(
        counts,
        [("Web", "4", "1"), ("Call", "3", "2"), ("Visit", "1", "0")]
    );
    assert_eq!(steps[1][3], "75.0 %");
    assert_eq!(steps[2][4], "33.3 %");
    // Median and 90th percentile of 1 h, 2 h and 3 h from Web to Call.
    assert_eq!(
        (steps[1][6].as_str(), steps[1][7].as_str()),
        ("2 h", "2.8 h")
    );
    assert!(page.body.contains("4 customers reached the first step; 1 of them went through every step within 7 days (25.0 %)."), "{}", page.body);
    // The step that loses most (Call) has its drop-outs listed, each linking to the customer.
    let dropped = table_after(&page.body, "id=\"dropped\"");
    let names: Vec<&str> = dropped.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(names, ["Bo Berg", "Di Dahl"]);
    assert!(page.body.contains(&format!("href=\"/customers/{}\"", s.bo)));
    assert!(
        page.body
            .contains("Customers who stopped after step 2, Call (2)")
    );
    // The chart's data is in a JSON block the chart script reads; the script is a file.
    let json = page
        .body
        .split("<script type=\"application/json\" id=\"funnel-data\">")
        .nth(1)
        .unwrap();
    let json: serde_json::Value =
        serde_json::from_str(json.split("</script>").next().unwrap()).unwrap();
    assert_eq!(json["steps"][1]["value"], 3);
    assert_eq!(json["steps"][0]["name"], "1. Web");
    // The script is a file under its fingerprinted address (issue 17: kept a year).
    assert!(page.body.contains("<script src=\"/assets/charts.js?v="));
    let script = c.get("/assets/charts.js").await;
    assert_eq!(script.status, StatusCode::OK);
    assert!(c.get("/assets/echarts.min.js").await.body.len() > 500_000);

    // Within 30 days Di also arrives; asking for step 1's drop-outs lists Cy.
    let page = c
        .get(&format!(
            "/analytics/funnel?{}&drop=1",
            funnel_query(&s, 30)
        ))
        .await;
    let steps = table_after(&page.body, "Customers per step");
    assert_eq!(steps[2][2], "2");
    let dropped = table_after(&page.body, "id=\"dropped\"");
    assert_eq!(dropped.len(), 1);
    assert_eq!(dropped[0][0], "Cy Cruz");

    // Signed out, the pages and downloads send to the sign-in page.
    let mut anonymous = Client::new(state(db));
    for path in [
        "/analytics/funnel",
        "/analytics/funnel.csv",
        "/analytics/paths",
        "/analytics/paths.csv",
    ] {
        assert_eq!(
            anonymous.get(path).await.status,
            StatusCode::SEE_OTHER,
            "{path}"
        );
    }
}

async fn the_funnel_csv_files_hold_the_pages_numbers(db: &TestDb) {
    let (_, s) = seed(db).await;
    let mut c = signed_in(db, "owner@a.test").await;
    let q = funnel_query(&s, 7);
    let steps = c
        .get(&format!("/analytics/funnel.csv?{q}&table=steps"))
        .await;
    assert_eq!(steps.status, StatusCode::OK);
    assert_eq!(steps.headers["content-type"], "text/csv; charset=utf-8");
    assert!(
        steps.headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert_eq!(
        steps.body,
        "step,touchpoint,customers,percent_of_first,percent_of_previous,dropped,median_seconds_from_previous,p90_seconds_from_previous\n\
         1,Web,4,100.0,100.0,1,,\n\
         2,Call,3,75.0,75.0,2,7200,10080\n\
         3,Visit,1,25.0,33.3,0,169200,169200\n"
    );
    let dropped = c
        .get(&format!("/analytics/funnel.csv?{q}&table=dropped&drop=2"))
        .await;
    assert_eq!(
        dropped.body,
        format!(
            // Times in the workspace's zone (London: UTC in November), named in the header.
            "customer_id,name,acquisition_channel,dropped_after_step,touchpoint,reached_at (Europe/London)\n\
             {},Bo Berg,referral,2,Call,{}\n\
             {},Di Dahl,,2,Call,{}\n",
            s.bo,
            kunde_web_date(T0 + 2 * HOUR),
            s.di,
            kunde_web_date(T0 + 3 * HOUR),
        )
    );
    let drop1 = c
        .get(&format!("/analytics/funnel.csv?{q}&table=dropped&drop=1"))
        .await;
    assert!(
        drop1
            .body
            .contains(&format!("{},Cy Cruz,google_ads,1,Web,", s.cy)),
        "{}",
        drop1.body
    );
    assert!(!drop1.body.contains("Ann"));
}

/// The date-time format of the pages: `YYYY-MM-DD HH:MM` in UTC.
fn kunde_web_date(t: i64) -> String {
    let d = time::OffsetDateTime::from_unix_timestamp(t).unwrap();
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        d.year(),
        u8::from(d.month()),
        d.day(),
        d.hour(),
        d.minute()
    )
}

async fn the_breakdown_by_channel_splits_the_customers(db: &TestDb) {
    let (_, s) = seed(db).await;
    let mut c = signed_in(db, "owner@a.test").await;
    let q = format!("{}&breakdown=channel", funnel_query(&s, 7));
    let page = c.get(&format!("/analytics/funnel?{q}")).await;
    let rows = table_after(&page.body, "<h2>Breakdown</h2>");
    // Largest group first: Google Ads (Ann goes all the way, Cy stops after Web); the page
    // names the channel in words, the CSV keeps its code.
    assert_eq!(rows[0], ["Google Ads", "2", "1", "1", "50.0 %"]);
    assert!(
        rows.iter()
            .any(|r| r[0] == "Recommended by someone" && r[1..] == ["1", "1", "0", "0.0 %"])
    );
    assert!(
        rows.iter()
            .any(|r| r[0] == "(no channel)" && r[1..] == ["1", "1", "0", "0.0 %"])
    );
    let csv = c
        .get(&format!("/analytics/funnel.csv?{q}&table=breakdown"))
        .await
        .body;
    assert!(
        csv.starts_with(
            "group,step,touchpoint,customers,percent_of_first,dropped\ngoogle_ads,1,Web,2,100.0,1\n"
        ),
        "{csv}"
    );
    assert!(csv.contains("google_ads,3,Visit,1,50.0,0\n"), "{csv}");

    // By month of the first step: all four started in the same month.
    let page = c
        .get(&format!(
            "/analytics/funnel?{}&breakdown=month",
            funnel_query(&s, 7)
        ))
        .await;
    let rows = table_after(&page.body, "<h2>Breakdown</h2>");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][1..], ["4", "3", "1", "25.0 %"]);
    assert_eq!(rows[0][0], kunde_web_date(T0)[..7]);
    let _ = (s.ann, s.di);
}

async fn paths_after_a_touchpoint_and_after_a_drop_off_are_counted(db: &TestDb) {
    let (_, s) = seed(db).await;
    let mut c = signed_in(db, "staff@a.test").await;
    let q = format!("tp={}&direction=after&depth=3", s.web);
    let page = c.get(&format!("/analytics/paths?{q}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("After Web: 4 customers"),
        "{}",
        page.body
    );
    let links = c
        .get(&format!("/analytics/paths.csv?{q}&table=links"))
        .await
        .body;
    assert_eq!(
        links,
        "from_depth,from,to_depth,to,customers\n0,Web,1,Call,3\n1,Call,2,Visit,2\n0,Web,1,Other,1\n"
    );
    let top = c
        .get(&format!("/analytics/paths.csv?{q}&table=paths"))
        .await
        .body;
    assert_eq!(
        top,
        "rank,path,customers,percent\n1,Web > Call > Visit,2,50.0\n2,Web > Call,1,25.0\n3,Web > Other,1,25.0\n"
    );
    let json = page
        .body
        .split("id=\"paths-data\">")
        .nth(1)
        .unwrap()
        .split("</script>")
        .next()
        .unwrap();
    let json: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(json["type"], "sankey");
    assert_eq!(json["links"].as_array().unwrap().len(), 3);
    // Only the largest link when asked for the top 1.
    let one = c
        .get(&format!("/analytics/paths.csv?{q}&top=1&table=links"))
        .await
        .body;
    assert_eq!(one.lines().count(), 2);

    // Before Visit: Ann and Di both came from Call, and before that from Web.
    let before = c
        .get(&format!(
            "/analytics/paths.csv?tp={}&direction=before&depth=3&table=links",
            s.visit
        ))
        .await
        .body;
    assert!(
        before.contains("0,Visit,1,Call,2\n1,Call,2,Web,2\n"),
        "{before}"
    );

    // Where those who stopped after Web (Cy) went: to Other.
    let drop = format!("view=drop&{}&drop=1", funnel_query(&s, 7));
    let page = c.get(&format!("/analytics/paths?{drop}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body
            .contains("Where the 1 customers who stopped after step 1, Web, went next"),
        "{}",
        page.body
    );
    let csv = c
        .get(&format!("/analytics/paths.csv?{drop}&table=links"))
        .await
        .body;
    assert_eq!(
        csv,
        "from_depth,from,to_depth,to,customers\n0,Web,1,Other,1\n"
    );
    // The funnel page links to that view.
    let funnel = c
        .get(&format!("/analytics/funnel?{}&drop=1", funnel_query(&s, 7)))
        .await
        .body;
    assert!(
        funnel.contains("/analytics/paths?view=drop&amp;"),
        "{funnel}"
    );
    let _ = s.call;
}

async fn another_workspaces_events_and_touchpoints_never_show(db: &TestDb) {
    let (_, s) = seed(db).await;
    let (b, ..) = seed_workspace(db, "b").await;
    let tps = journey(db, b.id, "Secret journey", &["Secret web", "Secret call"]).await;
    let zed = customer(db, b.id, "Zed Zimmer", Some("google_ads")).await;
    let events: Vec<NewEvent> = (0..50)
        .flat_map(|i| {
            [
                event(Some(zed), tps[0], T0 + i),
                event(Some(zed), tps[1], T0 + i + 1),
            ]
        })
        .collect();
    db.store.insert_events(b.id, &events).await.unwrap();

    let mut c = signed_in(db, "owner@a.test").await;
    let q = funnel_query(&s, 7);
    for path in [
        format!("/analytics/funnel?{q}&breakdown=channel&drop=1"),
        format!("/analytics/funnel.csv?{q}&table=dropped&drop=1"),
        format!("/analytics/funnel.csv?{q}&table=breakdown&breakdown=channel"),
        "/analytics/funnel".to_owned(),
        "/analytics/paths".to_owned(),
        format!("/analytics/paths?tp={}", s.web),
    ] {
        let reply = c.get(&path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body);
        assert!(
            !reply.body.contains("Zed") && !reply.body.contains("Secret"),
            "{path}"
        );
    }
    let steps = c.get(&format!("/analytics/funnel.csv?{q}")).await.body;
    assert!(steps.contains("\n1,Web,4,"), "{steps}");
    // Another workspace's touchpoint cannot be asked for, not even by its id.
    let reply = c
        .get(&format!(
            "/analytics/funnel?step={}&step={}",
            tps[0], tps[1]
        ))
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(
        reply.body.contains(&format!(
            "Step 1: “{}” is not a touchpoint of this business.",
            tps[0]
        )),
        "{}",
        reply.body
    );
    let reply = c.get(&format!("/analytics/paths.csv?tp={}", tps[0])).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);

    // Workspace b sees only its own.
    let mut other = signed_in(db, "staff@b.test").await;
    let page = other.get("/analytics/funnel").await;
    assert!(
        page.body.contains("1 customers reached the first step"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Ann Andersen") && !page.body.contains(">Web<"));
}

async fn bad_parameters_are_named_in_a_clear_message(db: &TestDb) {
    let (_, s) = seed(db).await;
    let mut c = signed_in(db, "owner@a.test").await;
    let steps = format!("step={}&step={}&step={}", s.web, s.call, s.visit);
    let cases = [
        (
            format!("/analytics/funnel?{steps}&window=0"),
            "Window: “0” is not allowed. Give a whole number from 1 to 366.",
        ),
        (
            format!(
                "/analytics/funnel?step={}&step={}&window=9000&unit=hours",
                s.web, s.call
            ),
            "Window: “9000” is not allowed. Give a whole number from 1 to 8784.",
        ),
        (
            format!("/analytics/funnel?{steps}&unit=weeks"),
            "Unit of the window: “weeks” is not one of the choices.",
        ),
        (
            format!("/analytics/funnel?{steps}&breakdown=zodiac"),
            "Breakdown: “zodiac” is not one of the choices.",
        ),
        (
            format!("/analytics/funnel?step={}&step=abc", s.web),
            "Step 2: “abc” is not a touchpoint of this business.",
        ),
        (
            format!("/analytics/funnel?step={}", s.web),
            "Choose at least two steps (at most 8).",
        ),
        (
            format!("/analytics/funnel?{steps}&drop=3"),
            "Drop-off step: “3” is not allowed. Give a whole number from 1 to 2.",
        ),
        (
            format!("/analytics/paths?tp={}&depth=9", s.web),
            "Steps to follow: “9” is not allowed. Give a whole number from 3 to 5.",
        ),
        (
            format!("/analytics/paths?tp={}&direction=sideways", s.web),
            "Direction: “sideways” is not one of the choices.",
        ),
        (
            "/analytics/paths?tp=999999".to_owned(),
            "Touchpoint: “999999” is not one of the choices.",
        ),
        (
            format!("/analytics/funnel.csv?{steps}&table=everything"),
            "Table: “everything” is not one of the choices.",
        ),
        (
            format!("/analytics/funnel.csv?{steps}&window=x"),
            "Window: “x” is not allowed.",
        ),
        (
            format!("/analytics/paths.csv?tp={}&top=0", s.web),
            "Largest links shown: “0” is not allowed. Give a whole number from 1 to 200.",
        ),
    ];
    for (path, message) in cases {
        let reply = c.get(&path).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{path}");
        assert!(
            reply.body.contains(message),
            "{path}: expected {message:?} in {}",
            reply.body
        );
    }
    // In Danish too.
    c.post("/language", &[("language", "da"), ("back", "/")])
        .await;
    let reply = c.get(&format!("/analytics/funnel?{steps}&window=0")).await;
    assert!(
        reply.body.contains("Tidsrum: “0” er ikke tilladt."),
        "{}",
        reply.body
    );
}

async fn new_events_show_on_the_next_request(db: &TestDb) {
    let (ws, s) = seed(db).await;
    let mut c = signed_in(db, "owner@a.test").await;
    let q = funnel_query(&s, 7);
    let before = c.get(&format!("/analytics/funnel.csv?{q}")).await.body;
    assert!(before.contains("\n1,Web,4,"), "{before}");
    // Bo goes on to the visit: a new event, picked up without a restart.
    db.store
        .insert_events(ws, &[event(Some(s.bo), s.visit, T0 + DAY)])
        .await
        .unwrap();
    let after = c.get(&format!("/analytics/funnel.csv?{q}")).await.body;
    assert!(after.contains("\n3,Visit,2,"), "{after}");
    // An anonymous event changes nothing customers see, but is noticed without harm.
    db.store
        .insert_events(ws, &[event(None, s.web, T0)])
        .await
        .unwrap();
    assert_eq!(
        c.get(&format!("/analytics/funnel.csv?{q}")).await.body,
        after
    );
    // A new customer with events: the log is loaded again, not only appended to.
    let fay = customer(db, ws, "Fay Falk", None).await;
    db.store
        .insert_events(
            ws,
            &[
                event(Some(fay), s.web, T0),
                event(Some(fay), s.call, T0 + HOUR),
            ],
        )
        .await
        .unwrap();
    let more = c.get(&format!("/analytics/funnel.csv?{q}")).await.body;
    assert!(
        more.contains("\n1,Web,5,") && more.contains("\n2,Call,4,"),
        "{more}"
    );
    let _ = s.ann;
}

async fn new_events_are_added_to_the_cached_log_without_loading_it_again(db: &TestDb) {
    let (ws, s) = seed(db).await;
    let state = state(db);
    let cache = state.analytics.clone();
    let mut c = Client::new(state);
    c.sign_in("owner@a.test").await;
    let q = funnel_query(&s, 7);
    let before = c.get(&format!("/analytics/funnel.csv?{q}")).await.body;
    assert!(before.contains("\n3,Visit,1,"), "{before}");
    assert_eq!(cache.load_counts().database, 1);
    // Bo's visit, late (before other customers' last events), and an anonymous event.
    db.store
        .insert_events(
            ws,
            &[event(Some(s.bo), s.visit, T0 + DAY), event(None, s.web, T0)],
        )
        .await
        .unwrap();
    let after = c.get(&format!("/analytics/funnel.csv?{q}")).await.body;
    assert!(after.contains("\n3,Visit,2,"), "{after}");
    // A new customer with events, and a batch of a thousand events of the known ones.
    let fay = customer(db, ws, "Fay Falk", None).await;
    db.store
        .insert_events(
            ws,
            &[
                event(Some(fay), s.web, T0),
                event(Some(fay), s.call, T0 + HOUR),
            ],
        )
        .await
        .unwrap();
    let more = c.get(&format!("/analytics/funnel.csv?{q}")).await.body;
    assert!(
        more.contains("\n1,Web,5,") && more.contains("\n2,Call,4,"),
        "{more}"
    );
    let batch: Vec<_> = (0..1_000)
        .map(|i| {
            let tp = if i % 2 == 0 { s.web } else { s.call };
            event(Some(s.cy), tp, T0 + 30 * DAY + i)
        })
        .collect();
    db.store.insert_events(ws, &batch).await.unwrap();
    let last = c.get(&format!("/analytics/funnel.csv?{q}")).await.body;
    assert!(last.contains("\n1,Web,5,"), "{last}");
    let counts = cache.load_counts();
    assert_eq!(
        (counts.database, counts.appended),
        (1, 3),
        "appended, never loaded again"
    );
    // The same numbers as a server that loads everything afresh.
    let mut fresh = signed_in(db, "owner@a.test").await;
    assert_eq!(
        fresh.get(&format!("/analytics/funnel.csv?{q}")).await.body,
        last
    );
    let paths = format!("/analytics/paths.csv?tp={}&depth=3&table=links", s.web);
    assert_eq!(fresh.get(&paths).await.body, c.get(&paths).await.body);
    let _ = (s.ann, s.di);
}

async fn an_idle_workspaces_log_leaves_memory_and_comes_back_from_its_file(db: &TestDb) {
    let (ws, s) = seed(db).await;
    let dir = tempfile::tempdir().unwrap();
    let config = kunde_web::WebConfig {
        analytics_dir: Some(dir.path().to_owned()),
        analytics_idle: Some(std::time::Duration::from_secs(1)),
        ..Default::default()
    };
    let mut state = kunde_web::AppState::new(db.store.clone(), config);
    state.clock = std::sync::Arc::new(|| NOW);
    let cache = state.analytics.clone();
    let mut c = Client::new(state);
    c.sign_in("owner@a.test").await;
    let q = funnel_query(&s, 7);
    let first = c.get(&format!("/analytics/funnel.csv?{q}")).await.body;
    assert!(cache.holds(ws));
    // A new event is appended (the file is not rewritten for every append) ...
    db.store
        .insert_events(ws, &[event(Some(s.bo), s.visit, T0 + DAY)])
        .await
        .unwrap();
    let second = c.get(&format!("/analytics/funnel.csv?{q}")).await.body;
    assert_ne!(first, second);
    // ... and once the log goes unused it leaves memory, its file brought up to date.
    let mut waited = 0;
    while cache.holds(ws) {
        assert!(waited < 200, "the idle log stayed in memory");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        waited += 1;
    }
    let file = dir.path().join(format!("events-{}.bin", ws.0));
    let mut kept = None;
    for _ in 0..100 {
        kept = std::fs::read(&file)
            .ok()
            .and_then(|b| kunde_store::AnalyticsData::from_bytes(&b))
            .filter(|d| d.log.event_count() == 12);
        if kept.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(kept.is_some(), "the file holds the appended event");
    // The next view reads the file, not every event.
    assert_eq!(
        c.get(&format!("/analytics/funnel.csv?{q}")).await.body,
        second
    );
    let counts = cache.load_counts();
    assert_eq!((counts.database, counts.file), (1, 1));
}

async fn the_demo_funnel_loses_customers_at_the_phone(db: &TestDb) {
    let hash = kunde_web::auth::hash_password(&Password::parse(PASSWORD).unwrap());
    let opts = kunde_demo::DemoOptions {
        customers: 300,
        ..kunde_demo::DemoOptions::default()
    };
    let import = kunde_demo::generate(&opts, hash.clone(), hash);
    db.store.import_workspace(&import, NOW).await.unwrap();
    let mut c = Client::new(state(db));
    c.sign_in(kunde_demo::DEMO_STAFF_EMAIL).await;
    let page = c.get("/analytics/funnel").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let steps = table_after(&page.body, "Customers per step");
    assert!(steps.len() >= 4, "{steps:?}");
    let counts: Vec<u64> = steps.iter().map(|r| r[2].parse().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert!(counts[0] > 30 && counts[3] > 10, "{counts:?}");
    // The chart's container and data are there for the browser.
    assert!(page.body.contains("data-chart=\"funnel-data\""));
    // Through the phone, customers are lost: the step after "Call to book" shows it.
    let id = |label: &str| {
        let at = page
            .body
            .find(&format!(" — {label}</option>"))
            .unwrap_or_else(|| panic!("{label}"));
        let before = &page.body[..at];
        before[before.rfind("value=\"").unwrap() + 7..]
            .split('"')
            .next()
            .unwrap()
            .to_owned()
    };
    let (web, call, drop_off) = (
        id("Web site"),
        id("Call to book"),
        id("Drop-off at the counter"),
    );
    let phone = c
        .get(&format!(
            "/analytics/funnel?step={web}&step={call}&step={drop_off}"
        ))
        .await;
    let steps = table_after(&phone.body, "Customers per step");
    assert_eq!(steps[1][1], "Call to book");
    let lost: u64 = steps[1][5].parse().unwrap();
    assert!(
        lost * 5 > steps[1][2].parse::<u64>().unwrap(),
        "a visible drop at the phone: {steps:?}"
    );
    // The Sankey follows customers from the web site, the phone among their next steps.
    let paths = c.get("/analytics/paths").await;
    assert_eq!(paths.status, StatusCode::OK);
    assert!(paths.body.contains("<h2>After Web site:"), "{}", paths.body);
    let links = table_after(&paths.body, "Links between steps");
    assert!(
        links.iter().any(|l| l[1].starts_with("Call to book")),
        "{links:?}"
    );
}

/// In a real browser: the demo's funnel page draws its chart (a canvas inside the chart's
/// container, so the chart script ran under the strict Content-Security-Policy) beside its
/// table, and the paths page draws its Sankey.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_a_browser_the_demo_funnel_and_sankey_are_drawn_beside_their_tables() {
    use fantoccini::Locator;
    use support::browser::{Browser, Server};
    let db = TestDb::sqlite().await.unwrap();
    let hash = kunde_web::auth::hash_password(&Password::parse(PASSWORD).unwrap());
    let opts = kunde_demo::DemoOptions {
        customers: 300,
        ..kunde_demo::DemoOptions::default()
    };
    db.store
        .import_workspace(&kunde_demo::generate(&opts, hash.clone(), hash), NOW)
        .await
        .unwrap();
    let server = Server::start(state(&db)).await;
    let browser = Browser::start().await;
    browser.sign_in(&server, kunde_demo::DEMO_STAFF_EMAIL).await;

    browser
        .client
        .find(Locator::LinkText("Analytics"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.wait("#funnel-chart canvas").await;
    let chart = browser.wait("#funnel-chart").await;
    assert!(
        chart.is_displayed().await.unwrap(),
        "the chart container is shown"
    );
    let table = browser.text("main table").await;
    assert!(
        table.contains("Web site") && table.contains("Drop-off at the counter"),
        "{table}"
    );
    // ECharts drew the funnel with the page's numbers.
    let drawn = browser
        .client
        .execute(
            "var c = echarts.getInstanceByDom(document.getElementById('funnel-chart'));\
             return c ? c.getOption().series[0].data.length : 0;",
            vec![],
        )
        .await
        .unwrap();
    let rows = table
        .lines()
        .filter(|l| {
            l.trim_start()
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit())
        })
        .count();
    assert_eq!(
        drawn.as_u64().unwrap() as usize,
        rows,
        "one funnel slice per table row"
    );

    browser
        .client
        .find(Locator::LinkText("Paths"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.wait("#paths-chart canvas").await;
    assert!(browser.text("main").await.contains("After Web site"));
    browser.close().await;
}
