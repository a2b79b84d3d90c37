//! The start page (`/`) on both databases, from seeded data in two months: survey scores with
//! a month too thin to compare, orders (new customers, revenue, repeat share), cases past
//! their target, overdue follow-ups and a pending grant — each figure checked against hand
//! computed values or the store's own counts, and each link checked. Also: signed out,
//! staff versus owner, another workspace, and the figures written in Danish.

mod support;

use axum::http::StatusCode;
use kunde_domain::*;
use kunde_store::testing::TestDb;
use kunde_web::AppState;
use std::sync::Arc;
use support::*;

const DAY: i64 = 86_400;
/// 2026-03-15 12:00 UTC: "this month" is March, "last month" February.
const T: i64 = 1_773_576_000;
/// 2026-02-10 12:00 UTC.
const FEB: i64 = 1_770_724_800;
/// 2026-03-02 12:00 UTC.
const MAR: i64 = 1_772_452_800;

on_both_databases!(
    the_start_page_shows_this_month_against_last_month_with_links,
    needs_you_today_lists_what_is_waiting_and_grants_only_for_the_owner,
    the_start_page_is_signed_in_and_shows_nothing_of_another_workspace,
    figures_are_written_the_way_the_users_language_writes_them,
);

fn name(s: &str) -> NonEmpty {
    NonEmpty::parse("name", s).unwrap()
}

fn state_at(db: &TestDb, now: i64) -> AppState {
    let mut s = state(db);
    s.clock = Arc::new(move || now);
    s
}

struct Seeded {
    ws: WorkspaceId,
    past_case: CaseId,
    grant_case: CaseId,
}

/// A touchpoint with a live NPS + CSAT survey; six answers in February (NPS 50.0, CSAT
/// 66.7 %), three in March (too few); orders: Ann 100 and Bo 50 in February, Ann 200 (a
/// repeat) and Cy 30 in March; a case opened in February, never answered (past target), one
/// opened and closed in March, and a grant above staff's authority on the first.
async fn seed(db: &TestDb, slug: &str) -> Seeded {
    let rating_token = format!("rating-{slug}");
    let (ws, owner, staff) = seed_workspace(db, slug).await;
    let ws_id = ws.id;
    let journey = db
        .store
        .create_journey(
            ws_id,
            &NewJourney {
                name: name("Shop"),
                description: String::new(),
                variant: JourneyVariant::AsIs,
                counterpart_of: None,
                parent_id: None,
            },
            &DEFAULT_STAGES,
            FEB - 40 * DAY,
        )
        .await
        .unwrap();
    let stages = db.store.list_stages(ws_id, journey.id).await.unwrap();
    let tp = db
        .store
        .create_touchpoint(
            ws_id,
            &NewTouchpoint {
                stage_id: stages[2].id,
                name: name("Counter"),
                channel: Channel::InPerson,
                digital: false,
                owned: true,
                owner_id: Some(owner.id),
                customer_goal: String::new(),
                pain_points: String::new(),
                ideas: String::new(),
            },
        )
        .await
        .unwrap();
    let settings = SurveySettings {
        title: Texts::same("After the visit"),
        kind: SurveyKind::Customer,
        touchpoint_id: Some(tp.id),
        presentation: Presentation::AllAtOnce,
        fatigue_days: 30,
        reminder_days: 3,
        min_group_size: 5,
        default_language: Language::En,
    };
    let questions = [
        NewQuestion::new(QuestionKind::Nps, Texts::same("Recommend us?")),
        NewQuestion::new(QuestionKind::Csat, Texts::same("Satisfied?")),
    ];
    let survey = db
        .store
        .create_survey(ws_id, &settings, &questions, FEB - 40 * DAY)
        .await
        .unwrap();
    db.store
        .set_survey_status(ws_id, survey.id, SurveyStatus::Live)
        .await
        .unwrap();
    let q = db.store.survey_questions(ws_id, survey.id).await.unwrap();
    let ann = seed_customer(db, ws_id, "Ann Andersen").await;
    let bo = seed_customer(db, ws_id, "Bo Berg").await;
    let cy = seed_customer(db, ws_id, "Cy Cruz").await;
    let answers: [(i64, i64, Option<i64>); 9] = [
        (FEB, 10, Some(5)),
        (FEB + DAY, 10, Some(5)),
        (FEB + 2 * DAY, 9, Some(4)),
        (FEB + 3 * DAY, 9, Some(4)),
        (FEB + 4 * DAY, 3, Some(2)),
        (FEB + 5 * DAY, 7, Some(3)),
        (MAR, 10, None),
        (MAR + DAY, 2, None),
        (MAR + 2 * DAY, 2, None),
    ];
    for (i, (at, nps, csat)) in answers.iter().enumerate() {
        let mut values = vec![(q[0].id, AnswerValue::Score(*nps))];
        if let Some(c) = csat {
            values.push((q[1].id, AnswerValue::Score(*c)));
        }
        let r = NewResponse {
            customer_id: Some(ann.id),
            channel: ResponseChannel::Link,
            language: Language::En,
            submitted_at: *at,
            team: None,
            location: None,
            submission_key: format!("k{i}"),
            answers: values,
        };
        db.store
            .store_response(ws_id, survey.id, &r, None)
            .await
            .unwrap();
    }
    let order = |c: CustomerId, at: i64, minor: i64| NewEvent {
        customer_id: Some(c),
        visitor_id: None,
        touchpoint_id: tp.id,
        occurred_at: at,
        channel: Channel::InPerson,
        amount: Some(Money(minor)),
        properties: "{}".into(),
    };
    db.store
        .insert_events(
            ws_id,
            &[
                order(ann.id, FEB, 10_000),
                order(bo.id, FEB + DAY, 5_000),
                order(ann.id, MAR, 20_000),
                order(cy.id, MAR + DAY, 3_000),
            ],
        )
        .await
        .unwrap();
    let categories = db.store.case_categories(ws_id).await.unwrap();
    let cal = db.store.business_calendar(ws_id).await.unwrap();
    let new_case = |subject: &str, at: i64| NewCase {
        customer_id: bo.id,
        touchpoint_id: Some(tp.id),
        category_id: categories[0].id,
        subject: subject.into(),
        description: String::new(),
        priority: CasePriority::Normal,
        assignee_id: Some(staff.id),
        source: CaseSource::Staff,
        created_by: Some(staff.id),
        created_at: at,
        due: CaseDue::for_category(&cal, &categories[0], at),
    };
    let past = db
        .store
        .create_case(ws_id, &new_case("Broken zip", FEB))
        .await
        .unwrap();
    assert!(
        past.due.resolution < T,
        "the February case is past its target"
    );
    let closed = db
        .store
        .create_case(ws_id, &new_case("Wrong size", MAR))
        .await
        .unwrap();
    let root = db
        .store
        .add_root_cause(ws_id, &name("Sizing"))
        .await
        .unwrap();
    db.store
        .close_case(
            ws_id,
            closed.id,
            root.id,
            "",
            None,
            &rating_token,
            Some(staff.id),
            MAR + DAY,
        )
        .await
        .unwrap();
    let grant = db
        .store
        .request_grant(
            ws_id,
            past.id,
            GrantKind::Refund,
            Money(9_999_900),
            "Refund the whole jacket",
            &staff,
            MAR,
        )
        .await
        .unwrap();
    assert_eq!(grant.status, GrantStatus::Pending);
    Seeded {
        ws: ws_id,
        past_case: past.id,
        grant_case: past.id,
    }
}

fn tile(name: &str, value: &str) -> String {
    format!("<span class=\"dash-name\">{name}</span> <span class=\"figure\">{value}</span>")
}

fn month_row(label: &str, value: &str) -> String {
    format!("<tr><td>{label}</td><td class=\"num\">{value}</td></tr>")
}

async fn the_start_page_shows_this_month_against_last_month_with_links(db: &TestDb) {
    let s = seed(db, "dash").await;
    let mut c = Client::new(state_at(db, T));
    c.sign_in("staff@dash.test").await;
    let page = c.get("/").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let b = &page.body;
    assert!(b.contains("This month (2026-03)"), "{b}");
    // NPS: February 4 promoters and 1 detractor of 6 = 50.0; March has 3 answers (1 − 2 of
    // 3 = −33.3), too few: shown and marked, not compared.
    assert!(b.contains(&tile("NPS", "-33.3")), "{b}");
    assert!(b.contains("Only 3 answers: too few to compare"), "{b}");
    assert!(b.contains(&month_row("2026-02", "50.0")), "{b}");
    assert!(
        b.contains(&month_row("2026-03", "-33.3 (too few answers)")),
        "{b}"
    );
    assert!(
        b.contains("class=\"spark-thin\""),
        "the thin month is marked: {b}"
    );
    // CSAT: February 4 of 6 satisfied; no answers in March.
    assert!(b.contains(&month_row("2026-02", "66.7 %")), "{b}");
    assert!(b.contains(&tile("CSAT (satisfied)", "–")), "{b}");
    // Orders: new customers 2 → 1, revenue 150 → 230, repeat share 0 → 200/230.
    assert!(b.contains(&tile("New customers", "1")), "{b}");
    assert!(b.contains("−1 vs. last month"), "{b}");
    assert!(b.contains(&tile("Revenue", "DKK 230.00")), "{b}");
    assert!(b.contains("+DKK 80.00 vs. last month"), "{b}");
    assert!(
        b.contains(&tile("Repeat share of revenue", "87.0 %")),
        "{b}"
    );
    assert!(b.contains("+87.0 vs. last month"), "{b}");
    // Cases: the February case is open and past target at both months' ends; the March
    // case was closed.
    assert!(b.contains(&tile("Open cases", "1")), "{b}");
    assert!(b.contains(&tile("Cases past target", "1")), "{b}");
    // Follow-ups: the same count as the store's.
    let (_, overdue) = db.store.followup_counts(s.ws, T).await.unwrap();
    assert!(
        overdue >= 1,
        "detractors opened follow-ups that are overdue"
    );
    assert!(
        b.contains(&tile("Follow-ups overdue", &overdue.to_string())),
        "{overdue}: {b}"
    );
    // Each figure links to the page behind it.
    for href in [
        "/results",
        "/customers",
        "/cases",
        "/cases?risk=1",
        "/followups",
    ] {
        assert!(
            b.contains(&format!("<a href=\"{href}\"><span class=\"dash-name\">")),
            "{href}: {b}"
        );
    }
    // The facts carry the business's own figures: 2 cases and 3 detractor answers (the 3
    // in February and both 2s in March) in the last year.
    assert!(
        b.contains("you had 2 cases and 3 detractor answers in the last year."),
        "{b}"
    );
    // The page links resolve.
    for href in ["/results", "/cases?risk=1", "/followups"] {
        assert_eq!(c.get(href).await.status, StatusCode::OK, "{href}");
    }
}

async fn needs_you_today_lists_what_is_waiting_and_grants_only_for_the_owner(db: &TestDb) {
    let s = seed(db, "today").await;
    let state = state_at(db, T);
    let mut staff = Client::new(state.clone());
    staff.sign_in("staff@today.test").await;
    let b = staff.get("/").await.body;
    assert!(b.contains("Needs you today"), "{b}");
    assert!(
        b.contains(&format!(
            "<a href=\"/cases/{}\">Broken zip</a> <small>Bo Berg · past target</small>",
            s.past_case.0
        )),
        "{b}"
    );
    assert!(
        !b.contains("Wrong size"),
        "a closed case is not waiting: {b}"
    );
    let open = db.store.list_followups(s.ws, false).await.unwrap();
    let overdue: Vec<_> = open.iter().filter(|f| f.due_at < T).collect();
    assert!(!overdue.is_empty());
    assert!(b.contains(&format!("{} follow-up", overdue.len())), "{b}");
    for f in overdue.iter().take(5) {
        assert!(
            b.contains(&format!("href=\"/followups#action-{}\"", f.id)),
            "{b}"
        );
    }
    assert!(
        !b.contains("waiting for your approval"),
        "staff does not approve grants: {b}"
    );
    let mut owner = Client::new(state);
    owner.sign_in("owner@today.test").await;
    let b = owner.get("/").await.body;
    assert!(b.contains("1 grant waiting for your approval"), "{b}");
    assert!(
        b.contains(&format!(
            "<a href=\"/cases/{}\">DKK 99,999.00</a> <small>Refund the whole jacket</small>",
            s.grant_case.0
        )),
        "{b}"
    );
}

async fn the_start_page_is_signed_in_and_shows_nothing_of_another_workspace(db: &TestDb) {
    let s = seed(db, "first").await;
    let mut anon = Client::new(state_at(db, T));
    let reply = anon.get("/").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert!(reply.location.unwrap().starts_with("/signin"));
    seed_workspace(db, "other").await;
    let mut other = Client::new(state_at(db, T));
    other.sign_in("owner@other.test").await;
    let page = other.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    let b = &page.body;
    assert!(!b.contains(&format!("/cases/{}\"", s.past_case.0)), "{b}");
    assert!(!b.contains("Broken zip") && !b.contains("jacket"), "{b}");
    assert!(b.contains(&tile("Revenue", "–")), "{b}");
    assert!(b.contains(&tile("Open cases", "0")), "{b}");
    assert!(b.contains("Nothing is waiting for you today."), "{b}");
}

async fn figures_are_written_the_way_the_users_language_writes_them(db: &TestDb) {
    let s = seed(db, "da").await;
    let users = db.store.list_users(s.ws).await.unwrap();
    let staff = users.iter().find(|u| u.role == Role::Staff).unwrap();
    db.store
        .set_user_language(s.ws, staff.id, Language::Da)
        .await
        .unwrap();
    let mut c = Client::new(state_at(db, T));
    c.sign_in("staff@da.test").await;
    let b = c.get("/").await.body;
    assert!(b.contains(&tile("Omsætning", "230,00 DKK")), "{b}");
    assert!(
        b.contains(&tile("Genkøbsandel af omsætningen", "87,0 %")),
        "{b}"
    );
    assert!(b.contains("Denne måned (2026-03)"), "{b}");
    assert!(b.contains(&month_row("2026-02", "50,0")), "{b}");
}
