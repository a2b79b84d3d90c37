//! Moments of truth (`/moments`) on both databases: touchpoints ranked by effect from survey
//! answers, failed interactions and complaints with the workspace's weight of a bad
//! experience, the share lost after a bad one against all customers, links to the map's
//! cards, the owner changing the weight, the start page's worst moments, and who may see
//! and change what.

mod support;

use axum::http::StatusCode;
use kunde_domain::*;
use kunde_store::testing::TestDb;
use kunde_web::AppState;
use std::sync::Arc;
use support::*;

const DAY: i64 = 86_400;
/// 2026-03-15 12:00 UTC.
const T: i64 = 1_773_576_000;

on_both_databases!(
    touchpoints_are_ranked_worst_first_and_link_to_their_cards,
    the_owner_sets_the_weight_of_a_bad_experience,
    moments_are_signed_in_and_per_workspace,
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
    journey: JourneyId,
    counter: TouchpointId,
    phone: TouchpointId,
}

fn event(c: CustomerId, tp: TouchpointId, at: i64, properties: &str) -> NewEvent {
    NewEvent {
        customer_id: Some(c),
        visitor_id: None,
        touchpoint_id: tp,
        occurred_at: at,
        channel: Channel::InPerson,
        amount: None,
        properties: properties.into(),
    }
}

/// Counter: three good survey responses (Ann, Cy, Di), a bad one (Ed, last seen 450 days
/// ago: lost) and a complaint (Ann); Phone: Bo hung up (last seen 400 days ago: lost) and
/// Cy's call was answered (not a failure); Web shop: nothing rated. With no repeat
/// purchases a customer is lost after 365 days: 2 of 5 customers.
async fn seed(db: &TestDb, slug: &str) -> Seeded {
    let (ws, owner, staff) = seed_workspace(db, slug).await;
    let ws = ws.id;
    let journey = db
        .store
        .create_journey(
            ws,
            &NewJourney {
                name: name("Shop"),
                description: String::new(),
                variant: JourneyVariant::AsIs,
                counterpart_of: None,
                parent_id: None,
            },
            &DEFAULT_STAGES,
            T - 600 * DAY,
        )
        .await
        .unwrap();
    let stages = db.store.list_stages(ws, journey.id).await.unwrap();
    let mut tps = Vec::new();
    for (i, n) in ["Counter", "Phone", "Web shop"].iter().enumerate() {
        let tp = db
            .store
            .create_touchpoint(
                ws,
                &NewTouchpoint {
                    stage_id: stages[i].id,
                    name: name(n),
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
        tps.push(tp.id);
    }
    let (counter, phone, web) = (tps[0], tps[1], tps[2]);
    let settings = SurveySettings {
        title: Texts::same("After the visit"),
        kind: SurveyKind::Customer,
        touchpoint_id: Some(counter),
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
        .create_survey(ws, &settings, &questions, T - 600 * DAY)
        .await
        .unwrap();
    db.store
        .set_survey_status(ws, survey.id, SurveyStatus::Live)
        .await
        .unwrap();
    let q = db.store.survey_questions(ws, survey.id).await.unwrap();
    let ann = seed_customer(db, ws, "Ann Andersen").await;
    let bo = seed_customer(db, ws, "Bo Berg").await;
    let cy = seed_customer(db, ws, "Cy Cruz").await;
    let di = seed_customer(db, ws, "Di Dahl").await;
    let ed = seed_customer(db, ws, "Ed Eng").await;
    db.store
        .insert_events(
            ws,
            &[
                event(ann.id, web, T - 10 * DAY, "{}"),
                event(cy.id, web, T - 10 * DAY, "{}"),
                event(di.id, web, T - 10 * DAY, "{}"),
                event(bo.id, phone, T - 400 * DAY, r#"{"outcome":"hung_up"}"#),
                event(cy.id, phone, T - 20 * DAY, r#"{"outcome":"answered"}"#),
                event(ed.id, counter, T - 450 * DAY, "{}"),
            ],
        )
        .await
        .unwrap();
    // NPS and CSAT of one response count as one experience: the worst of the two.
    let responses = [
        (ann.id, 10, 5, T - 30 * DAY),
        (cy.id, 9, 4, T - 30 * DAY),
        (di.id, 10, 5, T - 30 * DAY),
        (ed.id, 2, 4, T - 450 * DAY),
    ];
    for (i, (c, nps, csat, at)) in responses.iter().enumerate() {
        let r = NewResponse {
            customer_id: Some(*c),
            channel: ResponseChannel::Link,
            language: Language::En,
            submitted_at: *at,
            team: None,
            location: None,
            submission_key: format!("k{i}"),
            answers: vec![
                (q[0].id, AnswerValue::Score(*nps)),
                (q[1].id, AnswerValue::Score(*csat)),
            ],
        };
        db.store
            .store_response(ws, survey.id, &r, None)
            .await
            .unwrap();
    }
    let categories = db.store.case_categories(ws).await.unwrap();
    let cal = db.store.business_calendar(ws).await.unwrap();
    let at = T - 5 * DAY;
    db.store
        .create_case(
            ws,
            &NewCase {
                customer_id: Some(ann.id),
                touchpoint_id: Some(counter),
                category_id: categories[0].id,
                subject: "Rude at the counter".into(),
                description: String::new(),
                priority: CasePriority::Normal,
                assignee_id: Some(staff.id),
                source: CaseSource::Staff,
                created_by: Some(staff.id),
                created_at: at,
                due: CaseDue::for_category(&cal, &categories[0], at),
            },
        )
        .await
        .unwrap();
    Seeded {
        journey: journey.id,
        counter,
        phone,
    }
}

fn row(s: &Seeded, tp: TouchpointId, name: &str) -> String {
    format!(
        "<td><a href=\"/journeys/{}#tp-{}\">{name}</a> <small>Shop</small></td>",
        s.journey.0, tp.0
    )
}

/// The table row of a touchpoint, from its link to the end of the row.
fn cells<'a>(body: &'a str, link: &str) -> &'a str {
    let start = body.find(link).unwrap_or_else(|| panic!("{link}: {body}"));
    let rest = &body[start..];
    &rest[..rest.find("</tr>").unwrap()]
}

async fn touchpoints_are_ranked_worst_first_and_link_to_their_cards(db: &TestDb) {
    let s = seed(db, "mot").await;
    let mut c = Client::new(state_at(db, T));
    c.sign_in("staff@mot.test").await;
    let page = c.get("/moments").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let b = &page.body;
    assert!(
        b.contains("one bad experience weighs as much as 12 good ones"),
        "{b}"
    );
    let (phone, counter) = (row(&s, s.phone, "Phone"), row(&s, s.counter, "Counter"));
    // Phone: 1 bad of 1 = −12; Counter: (3 good − 12 × 2 bad) ÷ 5 = −4.2. Worst first.
    assert!(b.find(&phone).unwrap() < b.find(&counter).unwrap(), "{b}");
    assert!(!b.contains("Web shop"), "nothing rated there: {b}");
    let p = cells(b, &phone);
    assert!(p.contains("<td class=\"num\">-12.00</td>"), "{p}");
    assert!(p.contains("100.0 % <small>(1)</small>"), "Bo was lost: {p}");
    assert!(p.contains("40.0 %"), "2 of 5 customers lost: {p}");
    let k = cells(b, &counter);
    assert!(k.contains("<td class=\"num\">-4.20</td>"), "{k}");
    assert!(
        k.contains(
            "<td class=\"num\">2</td>\n  <td class=\"num\">0</td>\n  <td class=\"num\">3</td>"
        ),
        "2 bad, 0 neutral, 3 good: {k}"
    );
    assert!(
        k.contains("50.0 % <small>(2)</small>"),
        "Ed lost, Ann not: {k}"
    );
    // The link opens the map with the card.
    let map = c.get(&format!("/journeys/{}", s.journey.0)).await;
    assert!(map.body.contains(&format!("id=\"tp-{}\"", s.phone.0)));
    // Staff sees no weight form.
    assert!(!b.contains("action=\"/moments/weight\""));
    // The start page lists the worst moments and names the worst in the facts.
    let home = c.get("/").await.body;
    assert!(home.contains("Worst moments of truth"), "{home}");
    assert!(
        home.contains(&format!(
            "<a href=\"/journeys/{}#tp-{}\">Phone</a> <small>1 bad, 0 good</small>",
            s.journey.0, s.phone.0
        )),
        "{home}"
    );
    assert!(home.contains("your worst touchpoint is Phone."), "{home}");
}

async fn the_owner_sets_the_weight_of_a_bad_experience(db: &TestDb) {
    let s = seed(db, "w").await;
    let state = state_at(db, T);
    let mut staff = Client::new(state.clone());
    staff.sign_in("staff@w.test").await;
    let refused = staff.post("/moments/weight", &[("weight", "2")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let mut owner = Client::new(state);
    owner.sign_in("owner@w.test").await;
    let bad = owner.post("/moments/weight", &[("weight", "0")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Enter a whole number from 1 to 100."));
    let saved = owner.post("/moments/weight", &[("weight", "2")]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let page = owner.get(saved.location.as_deref().unwrap()).await.body;
    assert!(page.contains("The weight was saved."), "{page}");
    assert!(page.contains("weighs as much as 2 good ones"), "{page}");
    // Counter: (3 − 2 × 2) ÷ 5 = −0.2; Phone −2.
    assert!(cells(&page, &row(&s, s.counter, "Counter")).contains("-0.20"));
    assert!(cells(&page, &row(&s, s.phone, "Phone")).contains("-2.00"));
    // Staff did not change it.
    let ws = db.store.list_workspaces().await.unwrap()[0].id;
    assert_eq!(db.store.moments_weight(ws).await.unwrap(), 2);
}

async fn moments_are_signed_in_and_per_workspace(db: &TestDb) {
    seed(db, "one").await;
    let mut anon = Client::new(state_at(db, T));
    let reply = anon.get("/moments").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert!(reply.location.unwrap().starts_with("/signin"));
    seed_workspace(db, "two").await;
    let mut other = Client::new(state_at(db, T));
    other.sign_in("owner@two.test").await;
    let page = other.get("/moments").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("Counter") && !page.body.contains("Phone"));
    assert!(page.body.contains("No experiences recorded yet"));
    // The other owner's weight does not change the first workspace's.
    other.post("/moments/weight", &[("weight", "5")]).await;
    let first = db.store.list_workspaces().await.unwrap()[0].id;
    assert_eq!(db.store.moments_weight(first).await.unwrap(), 12);
}
