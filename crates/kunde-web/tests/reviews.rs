//! Reviews on both databases: Trustpilot and generic exports imported on `/reviews` all or
//! nothing (bad rows named, duplicates skipped and counted), each review an event on the
//! review-site touchpoint matched to customers by e-mail or name, the page's trend and
//! answered state, the owner's reply, and who may do what.

mod support;

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use kunde_domain::*;
use kunde_store::testing::TestDb;
use kunde_web::AppState;
use std::sync::Arc;
use support::*;
use tower::ServiceExt;

/// 2026-03-15 12:00 UTC.
const T: i64 = 1_773_576_000;

on_both_databases!(
    an_export_is_imported_once_onto_the_review_site_touchpoint,
    a_file_with_bad_rows_imports_nothing_and_names_them,
    the_owner_records_replies_and_others_cannot,
    a_low_review_opens_a_follow_up_for_the_touchpoints_owner,
    the_owner_confirms_or_rejects_a_reviews_customer,
);

fn state_at(db: &TestDb) -> AppState {
    let mut s = state(db);
    s.clock = Arc::new(|| T);
    s
}

async fn upload(db: &TestDb, c: &Client, preset: &str, file: &str) -> (StatusCode, String) {
    let boundary = "kundeboundaryR3v13w5";
    let mut body = String::new();
    let mut field = |name: &str, value: &str, file_name: Option<&str>| {
        body.push_str(&format!("--{boundary}\r\n"));
        match file_name {
            Some(f) => body.push_str(&format!(
                "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: text/csv\r\n\r\n"
            )),
            None => body.push_str(&format!(
                "Content-Disposition: form-data; name=\"{name}\"\r\n\r\n"
            )),
        }
        body.push_str(value);
        body.push_str("\r\n");
    };
    field("csrf", &c.cookies["kunde_csrf"], None);
    field("preset", preset, None);
    field("file", file, Some("reviews.csv"));
    body.push_str(&format!("--{boundary}--\r\n"));
    let jar = c
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let request = Request::post("/reviews/import")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::COOKIE, jar)
        .header(header::HOST, "kunde.test")
        .body(Body::from(body))
        .unwrap();
    let response = kunde_web::router(state_at(db))
        .oneshot(request)
        .await
        .unwrap();
    let status = response.status();
    let bytes = to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

/// A journey with a review-site touchpoint, and customers Ann (with e-mail) and Bo.
async fn seed(db: &TestDb, slug: &str, with_site: bool) -> (WorkspaceId, Option<TouchpointId>) {
    let (ws, ..) = seed_workspace(db, slug).await;
    let j = db
        .store
        .create_journey(
            ws.id,
            &NewJourney {
                name: NonEmpty::parse("name", "Shop").unwrap(),
                description: String::new(),
                variant: JourneyVariant::AsIs,
                counterpart_of: None,
                parent_id: None,
            },
            &DEFAULT_STAGES,
            T,
        )
        .await
        .unwrap();
    let stages = db.store.list_stages(ws.id, j.id).await.unwrap();
    let mut site = None;
    if with_site {
        let tp = db
            .store
            .create_touchpoint(
                ws.id,
                &NewTouchpoint {
                    stage_id: stages[4].id,
                    name: NonEmpty::parse("name", "Google and Trustpilot").unwrap(),
                    channel: Channel::ReviewSite,
                    digital: true,
                    owned: false,
                    owner_id: None,
                    customer_goal: String::new(),
                    pain_points: String::new(),
                    ideas: String::new(),
                },
            )
            .await
            .unwrap();
        site = Some(tp.id);
    }
    let mut ann = NewCustomer::named(NonEmpty::parse("name", "Ann Andersen").unwrap(), T);
    ann.email = Some(Email::parse("ann@example.com").unwrap());
    db.store.create_customer(ws.id, &ann).await.unwrap();
    seed_customer(db, ws.id, "Bo Berg").await;
    (ws.id, site)
}

const TRUSTPILOT: &str = "Review Id,Review Created (UTC),Review Stars,Review Title,Review Content,Consumer Name,Consumer Email\n\
tp1,2026-02-03 10:00:00,1,Never again,The zip broke after a week,A. Andersen,ANN@example.com\n\
tp2,2026-01-20 09:00:00,5,Lovely,Friendly staff and quick delivery,bo berg,\n\
tp3,2026-03-01 12:00:00,4,Good,Quick delivery,Someone Else,\n";

async fn an_export_is_imported_once_onto_the_review_site_touchpoint(db: &TestDb) {
    let (ws, site) = seed(db, "rev", true).await;
    let mut c = Client::new(state_at(db));
    c.sign_in("owner@rev.test").await;
    let (status, body) = upload(db, &c, "trustpilot", TRUSTPILOT).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body.contains(
            "Imported 3 reviews; 0 already imported were skipped; 2 matched to known customers."
        ),
        "{body}"
    );
    let site = site.unwrap();
    assert_eq!(db.store.touchpoint_event_count(ws, site).await.unwrap(), 3);
    // Ann by e-mail (any case), Bo by his name; the stranger is not matched.
    let reviews = db.store.list_reviews(ws).await.unwrap();
    let by_id = |id: &str| {
        reviews
            .iter()
            .find(|r| r.external_id.as_deref() == Some(id))
            .unwrap()
    };
    assert_eq!(by_id("tp1").customer_name.as_deref(), Some("Ann Andersen"));
    assert_eq!(by_id("tp2").customer_name.as_deref(), Some("Bo Berg"));
    assert_eq!(by_id("tp3").customer_id, None);
    assert_eq!(by_id("tp1").text, "Never again\nThe zip broke after a week");
    // The oldest unanswered first; the trend per source and month.
    let first = body.find("Friendly staff").unwrap();
    let second = body.find("The zip broke").unwrap();
    assert!(first < second, "{body}");
    assert!(
        body.contains("<td>trustpilot</td><td>2026-02</td><td class=\"num\">1.0</td>"),
        "{body}"
    );
    assert!(body.contains("3 reviews not answered"), "{body}");
    assert!(
        body.contains("quick delivery"),
        "a theme of two reviews: {body}"
    );
    // The same file again, plus one new generic review: the three are skipped and counted.
    let (_, again) = upload(db, &c, "trustpilot", TRUSTPILOT).await;
    assert!(
        again.contains("Imported 0 reviews; 3 already imported were skipped"),
        "{again}"
    );
    let generic = "source,author,rating,text,date,url\n\
                   Google,Cy Cruz,FIVE,Best bike shop,2026-03-10,https://g.test/r/1\n\
                   Google,Cy Cruz,FIVE,Best bike shop,2026-03-10,https://g.test/r/1\n";
    let (status, body) = upload(db, &c, "generic", generic).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body.contains("Imported 1 reviews; 1 already imported were skipped"),
        "{body}"
    );
    assert_eq!(db.store.touchpoint_event_count(ws, site).await.unwrap(), 4);
    // The start page: March has Trustpilot's 4 and Google's 5 = 4.5, February 1.0.
    let home = c.get("/").await.body;
    assert!(
        home.contains("<a href=\"/reviews\"><span class=\"dash-name\">Average review rating</span> <span class=\"figure\">4.5</span></a>"),
        "{home}"
    );
    assert!(home.contains("+3.5 vs. last month"), "{home}");
    // The map's review-site card: the average and count, and the latest three reviews.
    let j = db.store.list_journeys(ws).await.unwrap()[0].id;
    let map = c.get(&format!("/journeys/{}", j.0)).await.body;
    assert!(
        map.contains("<a href=\"/reviews\">3.8 ★ average of 4 reviews</a>"),
        "{map}"
    );
    assert!(
        map.contains(
            "<li><span aria-label=\"5/5\">★★★★★</span> Cy Cruz · 10 Mar 2026: Best bike shop</li>"
        ),
        "{map}"
    );
    assert!(map.contains("The zip broke"), "{map}");
    assert!(
        !map.contains("Friendly staff"),
        "only the latest three: {map}"
    );
}

async fn a_file_with_bad_rows_imports_nothing_and_names_them(db: &TestDb) {
    let (ws, _) = seed(db, "bad", true).await;
    let mut c = Client::new(state_at(db));
    c.sign_in("owner@bad.test").await;
    let file = "source,author,rating,text,date,url\n\
                google,Ann,5,Fine,2026-01-01,\n\
                google,Bo,6,Too good,2026-01-02,\n\
                google,Cy,3,Hmm,someday,\n";
    let (status, body) = upload(db, &c, "generic", file).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Nothing was imported"), "{body}");
    assert!(
        body.contains("Line 3: “6” is not a rating from 1 to 5"),
        "{body}"
    );
    assert!(body.contains("Line 4: “someday” is not a date"), "{body}");
    assert!(db.store.list_reviews(ws).await.unwrap().is_empty());
    // Without a review-site touchpoint nothing can be imported.
    let (_, _) = seed(db, "nosite", false).await;
    let mut o = Client::new(state_at(db));
    o.sign_in("owner@nosite.test").await;
    let (status, body) = upload(db, &o, "trustpilot", TRUSTPILOT).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains("No journey has a touchpoint with the channel"),
        "{body}"
    );
}

async fn the_owner_records_replies_and_others_cannot(db: &TestDb) {
    let (ws, _) = seed(db, "reply", true).await;
    let mut owner = Client::new(state_at(db));
    owner.sign_in("owner@reply.test").await;
    upload(db, &owner, "trustpilot", TRUSTPILOT).await;
    let id = db.store.list_reviews(ws).await.unwrap()[0].id;
    let mut anon = Client::new(state_at(db));
    let out = anon.get("/reviews").await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    let mut staff = Client::new(state_at(db));
    staff.sign_in("staff@reply.test").await;
    let page = staff.get("/reviews").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("action=\"/reviews/import\""));
    assert!(
        !page
            .body
            .contains(&format!("action=\"/reviews/{id}/reply\""))
    );
    let refused = staff
        .post(&format!("/reviews/{id}/reply"), &[("reply", "Sorry!")])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let (status, _) = upload(db, &staff, "trustpilot", TRUSTPILOT).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Another workspace's owner cannot answer this workspace's review.
    seed_workspace(db, "else").await;
    let mut other = Client::new(state_at(db));
    other.sign_in("owner@else.test").await;
    let theirs = other
        .post(&format!("/reviews/{id}/reply"), &[("reply", "Hijack")])
        .await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    assert!(!other.get("/reviews").await.body.contains("Friendly staff"));
    let done = owner
        .post(
            &format!("/reviews/{id}/reply"),
            &[("reply", "Thank you, Bo!")],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let page = owner.get(done.location.as_deref().unwrap()).await.body;
    assert!(page.contains("The reply was recorded."), "{page}");
    assert!(
        page.contains("Answered 15 Mar 2026:</small> Thank you, Bo!"),
        "{page}"
    );
    assert!(page.contains("2 reviews not answered"), "{page}");
    let r = db.store.list_reviews(ws).await.unwrap();
    let answered = r.iter().find(|r| r.id == id).unwrap();
    assert_eq!(answered.reply_text.as_deref(), Some("Thank you, Bo!"));
    assert_eq!(answered.replied_at, Some(T));
}

async fn a_low_review_opens_a_follow_up_for_the_touchpoints_owner(db: &TestDb) {
    let (ws, owner_user, staff_user) = seed_workspace(db, "low").await;
    let j = db
        .store
        .create_journey(
            ws.id,
            &NewJourney {
                name: NonEmpty::parse("name", "Shop").unwrap(),
                description: String::new(),
                variant: JourneyVariant::AsIs,
                counterpart_of: None,
                parent_id: None,
            },
            &DEFAULT_STAGES,
            T,
        )
        .await
        .unwrap();
    let stages = db.store.list_stages(ws.id, j.id).await.unwrap();
    let site = db
        .store
        .create_touchpoint(
            ws.id,
            &NewTouchpoint {
                stage_id: stages[4].id,
                name: NonEmpty::parse("name", "Trustpilot").unwrap(),
                channel: Channel::ReviewSite,
                digital: true,
                owned: false,
                owner_id: Some(staff_user.id),
                customer_goal: String::new(),
                pain_points: String::new(),
                ideas: String::new(),
            },
        )
        .await
        .unwrap();
    let mut owner = Client::new(state_at(db));
    owner.sign_in("owner@low.test").await;
    // T is 2026-03-15: the 2-star review of 10 March opens a follow-up; the 1-star one of
    // last year was long dealt with, and 4 stars need none.
    let file = "source,author,rating,text,date,url\n\
                trustpilot,Ann,2,The chain fell off the next day,2026-03-10,\n\
                trustpilot,Bo,1,Rude on the phone,2025-11-01,\n\
                trustpilot,Cy,4,Fine,2026-03-11,\n";
    let (status, body) = upload(db, &owner, "generic", file).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let followups = db.store.list_followups(ws.id, true).await.unwrap();
    assert_eq!(followups.len(), 1, "{followups:?}");
    let f = &followups[0];
    let review = db
        .store
        .list_reviews(ws.id)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.author == "Ann")
        .unwrap();
    assert_eq!(f.review_id, Some(review.id));
    assert_eq!(f.reason, "low_review");
    assert_eq!(f.score, 2);
    assert_eq!(f.touchpoint_id, Some(site.id.0));
    assert_eq!(f.owner_id, Some(staff_user.id.0));
    assert_eq!(f.response_id, None);
    assert_eq!(f.due_at, review.reviewed_at + 3 * 86_400);
    // Importing the same file again opens nothing twice.
    upload(db, &owner, "generic", file).await;
    assert_eq!(db.store.list_followups(ws.id, true).await.unwrap().len(), 1);
    // Staff see it on /followups with the review's text and a link to it.
    let mut staff = Client::new(state_at(db));
    staff.sign_in("staff@low.test").await;
    let page = staff.get("/followups").await.body;
    assert!(
        page.contains("Review of 1–2 stars (2) · trustpilot"),
        "{page}"
    );
    assert!(page.contains("The chain fell off the next day"), "{page}");
    assert!(
        page.contains(&format!(
            "<a href=\"/reviews#review-{}\">Open the review</a>",
            review.id
        )),
        "{page}"
    );
    assert!(
        staff
            .get("/reviews")
            .await
            .body
            .contains(&format!("id=\"review-{}\"", review.id))
    );
    // Closing it works as for a survey's follow-up.
    let closed = staff
        .post(
            &format!("/followups/{}/close", f.id),
            &[("action", "Called Ann and fixed the chain")],
        )
        .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.body);
    // Another business sees none of it, and cannot close it.
    seed_workspace(db, "else").await;
    let mut other = Client::new(state_at(db));
    other.sign_in("owner@else.test").await;
    assert!(
        !other
            .get("/followups")
            .await
            .body
            .contains("The chain fell off")
    );
    let theirs = other
        .post(&format!("/followups/{}/close", f.id), &[("action", "x")])
        .await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    let _ = owner_user;
}

async fn the_owner_confirms_or_rejects_a_reviews_customer(db: &TestDb) {
    let (ws, _) = seed(db, "match", true).await;
    let mut owner = Client::new(state_at(db));
    owner.sign_in("owner@match.test").await;
    upload(db, &owner, "trustpilot", TRUSTPILOT).await;
    let reviews = db.store.list_reviews(ws).await.unwrap();
    let by_id = |id: &str| {
        reviews
            .iter()
            .find(|r| r.external_id.as_deref() == Some(id))
            .unwrap()
            .clone()
    };
    let (ann, bo, stranger) = (by_id("tp1"), by_id("tp2"), by_id("tp3"));
    let page = owner.get("/reviews").await.body;
    assert!(
        page.contains(&format!("action=\"/reviews/{}/match\"", ann.id)),
        "{page}"
    );
    assert!(
        !page.contains(&format!("action=\"/reviews/{}/match\"", stranger.id)),
        "{page}"
    );
    // Staff may not decide; another business's owner gets 404 for this review and cannot
    // confirm one of its customers either.
    let mut staff = Client::new(state_at(db));
    staff.sign_in("staff@match.test").await;
    let refused = staff
        .post(
            &format!("/reviews/{}/match", ann.id),
            &[("decision", "confirm")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(!staff.get("/reviews").await.body.contains("/match\""));
    let (other_ws, _) = seed(db, "else", true).await;
    let theirs = seed_customer(db, other_ws, "Eve Else").await.id.0;
    let mut other = Client::new(state_at(db));
    other.sign_in("owner@else.test").await;
    let r = other
        .post(
            &format!("/reviews/{}/match", ann.id),
            &[("decision", "reject")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = owner
        .post(
            &format!("/reviews/{}/match", stranger.id),
            &[
                ("decision", "confirm"),
                ("customer_id", &theirs.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Without a CSRF token nothing happens.
    let r = owner
        .post_raw(
            &format!("/reviews/{}/match", bo.id),
            &[("decision", "reject")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Confirm Ann, reject Bo.
    let r = owner
        .post(
            &format!("/reviews/{}/match", ann.id),
            &[("decision", "confirm")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = owner.get(r.location.as_deref().unwrap()).await.body;
    assert!(page.contains("The customer was confirmed."), "{page}");
    assert!(page.contains("Customer confirmed by the owner."), "{page}");
    owner
        .post(
            &format!("/reviews/{}/match", bo.id),
            &[("decision", "reject")],
        )
        .await;
    let after = db.store.list_reviews(ws).await.unwrap();
    let get = |id: i64| after.iter().find(|r| r.id == id).unwrap();
    assert_eq!(get(ann.id).match_state.as_deref(), Some("confirmed"));
    assert_eq!(get(ann.id).customer_id, ann.customer_id);
    assert_eq!(get(bo.id).match_state.as_deref(), Some("rejected"));
    assert_eq!(get(bo.id).customer_id, None);
    assert_eq!(get(stranger.id).match_state, None);
    // Both decisions are in the audit trail.
    let trail = db
        .store
        .audit_log(
            ws,
            &kunde_store::trust::AuditFilter {
                action: Some("review.match".into()),
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(trail.total, 2);
    assert!(
        trail
            .entries
            .iter()
            .any(|e| e.entry.target_id == Some(bo.id) && e.entry.detail == "rejected")
    );
}
