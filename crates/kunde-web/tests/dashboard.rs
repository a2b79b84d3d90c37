//! The start page (`/`) on both databases, from seeded data in two months: survey scores with
//! a month too thin to compare, orders (new customers, revenue, repeat share), cases past
//! their target, overdue follow-ups and a pending grant — each figure checked against hand
//! computed values or the store's own counts, and each link checked. Also: signed out,
//! staff versus owner, another workspace, and the figures written in Danish.

mod support;

use axum::http::StatusCode;
use kunde_domain::*;
use kunde_mail::testing::SmtpSink;
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
    the_monthly_report_pdf_says_what_the_start_page_says,
    a_past_months_report_shows_that_month_and_unknown_months_are_404,
    the_report_is_written_in_the_readers_language,
    the_monthly_report_is_emailed_once_on_the_first_of_the_month,
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
        customer_id: Some(bo.id),
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

/// The PDF's text with runs of spaces (its table layout) squeezed to one.
fn squeezed(pdf: &[u8]) -> String {
    let text = pdftotext(pdf);
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

async fn pdf(c: &mut Client, path: &str) -> String {
    let r = c.get(path).await;
    assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    assert_eq!(r.headers.get("content-type").unwrap(), "application/pdf");
    assert_eq!(
        r.headers.get("cache-control").unwrap(),
        "private, no-store",
        "a report is never kept by a shared cache"
    );
    squeezed(&r.bytes)
}

async fn the_monthly_report_pdf_says_what_the_start_page_says(db: &TestDb) {
    seed(db, "rep").await;
    let mut c = Client::new(state_at(db, T));
    c.sign_in("staff@rep.test").await;
    let start = c.get("/").await.body;
    assert!(
        start.contains("<a href=\"/reports\">Monthly reports</a>"),
        "{start}"
    );
    let list = c.get("/reports").await;
    assert_eq!(list.status, StatusCode::OK);
    // From the workspace's first month (January) to this one, newest first.
    let b = &list.body;
    let mar = b
        .find("/reports/monthly/2026-03.pdf")
        .expect("March listed");
    let feb = b
        .find("/reports/monthly/2026-02.pdf")
        .expect("February listed");
    let jan = b
        .find("/reports/monthly/2026-01.pdf")
        .expect("January listed");
    assert!(mar < feb && feb < jan, "{b}");
    assert!(
        !b.contains("2025-12.pdf"),
        "no month before the business existed"
    );
    assert!(
        !b.contains("name=\"monthly_email\""),
        "staff do not see the owner's e-mail choice"
    );

    let text = pdf(&mut c, "/reports/monthly/2026-03.pdf").await;
    assert!(text.contains("Monthly report: Mar 2026"), "{text}");
    assert!(text.contains("so far, as of 15 Mar 2026"), "{text}");
    // The start page's figures, this month against last month.
    assert!(start.contains(&tile("Revenue", "DKK 230.00")));
    assert!(
        text.contains("Revenue DKK 230.00 DKK 150.00 +DKK 80.00"),
        "{text}"
    );
    assert!(start.contains(&tile("New customers", "1")));
    assert!(text.contains("New customers 1 2 −1 (worse)"), "{text}");
    assert!(
        text.contains("Repeat share of revenue 87.0 % 0.0 % +87.0 (better)"),
        "{text}"
    );
    // NPS this month rests on 3 answers: shown, not compared, the reason given.
    assert!(
        text.contains("NPS -33.3 50.0 – Only 3 answers: too few to"),
        "{text}"
    );
    assert!(
        text.contains("An outlined column rests on too few answers"),
        "{text}"
    );
    // The month's closed case and its root cause, and the facts with the business's figures.
    assert!(
        text.contains("Cases opened this month: 1 · closed: 1"),
        "{text}"
    );
    assert!(text.contains("Sizing 1 case"), "{text}");
    assert!(text.contains("you had 2 cases and 3"), "{text}");
    assert!(text.contains("Page 1 of "), "{text}");
}

async fn a_past_months_report_shows_that_month_and_unknown_months_are_404(db: &TestDb) {
    let s = seed(db, "past").await;
    let mut c = Client::new(state_at(db, T));
    c.sign_in("owner@past.test").await;
    let text = pdf(&mut c, "/reports/monthly/2026-02.pdf").await;
    assert!(text.contains("Monthly report: Feb 2026"), "{text}");
    assert!(text.contains("1 Feb 2026 – 28 Feb 2026"), "{text}");
    // February is "this month" of its own report: revenue 150 against January's nothing.
    assert!(text.contains("Revenue DKK 150.00"), "{text}");
    assert!(text.contains("NPS 50.0"), "{text}");
    assert!(
        text.contains("Cases opened this month: 1 · closed: 0"),
        "{text}"
    );
    for bad in [
        "/reports/monthly/2026-04.pdf",
        "/reports/monthly/2025-12.pdf",
        "/reports/monthly/2026-3.pdf",
        "/reports/monthly/2026-03",
        "/reports/monthly/..%2F2026-03.pdf",
        "/reports/monthly/%00.pdf",
    ] {
        assert_eq!(c.get(bad).await.status, StatusCode::NOT_FOUND, "{bad}");
    }
    // History imported from before the business started using Kunde has its reports too.
    let tp = db.store.touchpoint_choices(s.ws).await.unwrap()[0].id;
    let customer = seed_customer(db, s.ws, "Old Olsen").await;
    let nov_2025 = FEB - 80 * DAY;
    db.store
        .insert_events(
            s.ws,
            &[NewEvent {
                customer_id: Some(customer.id),
                visitor_id: None,
                touchpoint_id: tp,
                occurred_at: nov_2025,
                channel: Channel::InPerson,
                amount: Some(Money(4_200)),
                properties: "{}".into(),
            }],
        )
        .await
        .unwrap();
    let list = c.get("/reports").await.body;
    assert!(list.contains("/reports/monthly/2025-11.pdf"), "{list}");
    let text = pdf(&mut c, "/reports/monthly/2025-11.pdf").await;
    assert!(text.contains("Revenue DKK 42.00"), "{text}");
    // Signed out: to sign in, never the PDF.
    let mut anonymous = Client::new(state_at(db, T));
    let r = anonymous.get("/reports/monthly/2026-02.pdf").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(!r.bytes.starts_with(b"%PDF"));
}

async fn the_report_is_written_in_the_readers_language(db: &TestDb) {
    let s = seed(db, "rapport").await;
    let users = db.store.list_users(s.ws).await.unwrap();
    let staff = users.iter().find(|u| u.role == Role::Staff).unwrap();
    db.store
        .set_user_language(s.ws, staff.id, Language::Da)
        .await
        .unwrap();
    let mut c = Client::new(state_at(db, T));
    c.sign_in("staff@rapport.test").await;
    let list = c.get("/reports").await.body;
    assert!(list.contains("Månedsrapport: mar. 2026"), "{list}");
    let text = pdf(&mut c, "/reports/monthly/2026-03.pdf").await;
    assert!(text.contains("Månedsrapport: mar. 2026"), "{text}");
    assert!(text.contains("Omsætning 230,00 DKK 150,00 DKK"), "{text}");
    assert!(
        text.contains("Genkøbsandel af 87,0 % 0,0 % +87,0 (bedre)"),
        "{text}"
    );
    assert!(
        text.contains("Sager oprettet denne måned: 1 · lukket: 1"),
        "{text}"
    );
    assert!(text.contains("Side 1 af "), "{text}");
    assert!(!text.contains("Revenue"), "{text}");
}

async fn the_monthly_report_is_emailed_once_on_the_first_of_the_month(db: &TestDb) {
    let s = seed(db, "post").await;
    let sink = SmtpSink::start();
    db.store
        .save_smtp_settings(s.ws, &sink.settings(), FEB)
        .await
        .unwrap();
    let state = state_at(db, T);
    // Staff cannot turn it on; the owner can, and sees it on.
    let mut staff = Client::new(state.clone());
    staff.sign_in("staff@post.test").await;
    let refused = staff
        .post("/reports/settings", &[("monthly_email", "on")])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(!db.store.monthly_report_email(s.ws).await.unwrap());
    let mut owner = Client::new(state.clone());
    owner.sign_in("owner@post.test").await;
    let saved = owner
        .post("/reports/settings", &[("monthly_email", "on")])
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let page = owner.get(saved.location.as_deref().unwrap()).await.body;
    assert!(
        page.contains("The monthly report will be e-mailed on the first day of each month."),
        "{page}"
    );
    assert!(
        page.contains("name=\"monthly_email\" value=\"on\" checked"),
        "{page}"
    );
    let audit = owner.get("/settings/audit").await.body;
    assert!(audit.contains("monthly_report_email"), "{audit}");

    // On the 15th of March, February's report is due; a second tick (or a restart) adds
    // nothing.
    kunde_web::jobs::tick(&state, T).await;
    kunde_web::jobs::tick(&state, T + 60).await;
    let queued = db.store.recent_mail(s.ws, 10).await.unwrap();
    let reports: Vec<_> = queued
        .iter()
        .filter(|m| m.mail.subject.starts_with("Monthly report"))
        .collect();
    assert_eq!(reports.len(), 1, "one owner, one message: {queued:?}");
    assert_eq!(
        reports[0].mail.subject,
        "Monthly report Feb 2026 — Business post"
    );
    kunde_web::outbox::deliver_due(&state).await.unwrap();
    let got = sink.wait_for(1).await;
    let mail = got
        .iter()
        .find(|m| m.subject.starts_with("Monthly report"))
        .expect("the report arrived");
    assert_eq!(mail.to, vec!["owner@post.test".to_owned()]);
    assert!(mail.text.contains("/reports"), "{}", mail.text);
    assert_eq!(mail.attachments.len(), 1);
    assert_eq!(mail.attachments[0].0, "kunde-2026-02.pdf");
    let text = squeezed(&mail.attachments[0].1);
    assert!(text.contains("Monthly report: Feb 2026"), "{text}");
    assert!(text.contains("Revenue DKK 150.00"), "{text}");

    // Turned off: April's first brings nothing more.
    let off = owner.post("/reports/settings", &[]).await;
    assert_eq!(off.status, StatusCode::SEE_OTHER);
    assert!(!db.store.monthly_report_email(s.ws).await.unwrap());
    let april = T + 20 * DAY;
    kunde_web::jobs::tick(&state_at(db, april), april).await;
    let after = db.store.recent_mail(s.ws, 10).await.unwrap();
    assert_eq!(
        after
            .iter()
            .filter(|m| m.mail.subject.starts_with("Monthly report"))
            .count(),
        1
    );
}
