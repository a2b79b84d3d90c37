//! Survey results and closing the loop through the web layer, on both databases: results
//! figures against hand-computed values, themes opening their answers, CSV, follow-ups closed
//! with what was done, personal invitations received by a real SMTP server with working
//! links, reminders and fatigue with an injected clock, unsubscribe, the anonymity threshold
//! of employee results, the customer timeline, and isolation between workspaces.

mod support;

use axum::http::StatusCode;
use kunde_domain::*;
use kunde_store::testing::TestDb;
use kunde_web::AppState;
use std::sync::Arc;
use support::*;

const DAY: i64 = 86_400;

on_both_databases!(
    results_show_hand_computed_scores_and_themes_open_their_answers,
    a_detractor_opens_a_followup_that_is_closed_with_what_was_done,
    a_followup_becomes_a_case_for_its_customer_and_touchpoint,
    an_anonymous_detractor_becomes_a_case_without_a_customer,
    invitation_and_followup_pages_say_what_became_of_their_mail,
    a_survey_without_a_ces_question_draws_no_ces,
    results_are_split_by_the_owners_saved_segments,
    invitations_arrive_by_smtp_with_working_links_reminders_fatigue_and_unsubscribe,
    employee_results_hide_groups_below_the_minimum_size,
    another_workspace_cannot_see_results_or_followups,
    the_answer_list_is_paged_and_the_csv_is_in_local_time,
);

fn name(s: &str) -> NonEmpty {
    NonEmpty::parse("name", s).unwrap()
}

fn state_at(db: &TestDb, now: i64) -> AppState {
    let mut s = state(db);
    s.clock = Arc::new(move || now);
    s
}

/// A touchpoint owned by `owner` and a live customer survey on it (NPS, CSAT, free text).
async fn customer_survey(
    db: &TestDb,
    ws: WorkspaceId,
    owner: UserId,
) -> (Survey, Vec<Question>, TouchpointId) {
    let journey = db
        .store
        .create_journey(
            ws,
            &NewJourney {
                name: name("Repair"),
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
    let stages = db.store.list_stages(ws, journey.id).await.unwrap();
    let tp = db
        .store
        .create_touchpoint(
            ws,
            &NewTouchpoint {
                stage_id: stages[3].id,
                name: name("Pick-up"),
                channel: Channel::InPerson,
                digital: false,
                owned: true,
                owner_id: Some(owner),
                customer_goal: String::new(),
                pain_points: String::new(),
                ideas: String::new(),
            },
        )
        .await
        .unwrap();
    let (s, q) = live_survey(db, ws, Some(tp.id), SurveyKind::Customer, "After pick-up").await;
    (s, q, tp.id)
}

async fn live_survey(
    db: &TestDb,
    ws: WorkspaceId,
    tp: Option<TouchpointId>,
    kind: SurveyKind,
    title: &str,
) -> (Survey, Vec<Question>) {
    let settings = SurveySettings {
        title: Texts::new(
            title,
            &format!("{title} (da)"),
            &format!("{title} (sv)"),
            title,
        ),
        kind,
        touchpoint_id: tp,
        presentation: Presentation::AllAtOnce,
        fatigue_days: 30,
        reminder_days: 3,
        min_group_size: 5,
        default_language: Language::En,
    };
    let questions = [
        NewQuestion::new(QuestionKind::Nps, Texts::same("Recommend us?")),
        NewQuestion::new(QuestionKind::Csat, Texts::same("Satisfied?")),
        NewQuestion::new(QuestionKind::FreeText, Texts::same("Anything else?")),
    ];
    let s = db
        .store
        .create_survey(ws, &settings, &questions, NOW)
        .await
        .unwrap();
    db.store
        .set_survey_status(ws, s.id, SurveyStatus::Live)
        .await
        .unwrap();
    let q = db.store.survey_questions(ws, s.id).await.unwrap();
    (db.store.get_survey(ws, s.id).await.unwrap(), q)
}

#[allow(clippy::too_many_arguments)]
async fn answer(
    db: &TestDb,
    ws: WorkspaceId,
    survey: &Survey,
    q: &[Question],
    customer: Option<CustomerId>,
    key: &str,
    nps: i64,
    csat: Option<i64>,
    text: Option<&str>,
    team: Option<&str>,
) -> ResponseId {
    let mut answers = vec![(q[0].id, AnswerValue::Score(nps))];
    if let Some(c) = csat {
        answers.push((q[1].id, AnswerValue::Score(c)));
    }
    if let Some(t) = text {
        answers.push((q[2].id, AnswerValue::Text(t.into())));
    }
    let r = NewResponse {
        customer_id: customer,
        channel: ResponseChannel::Link,
        language: Language::Da,
        submitted_at: NOW - 10 * DAY,
        team: team.map(String::from),
        location: None,
        submission_key: key.into(),
        answers,
    };
    db.store
        .store_response(ws, survey.id, &r, None)
        .await
        .unwrap()
        .id
}

async fn results_show_hand_computed_scores_and_themes_open_their_answers(db: &TestDb) {
    let (ws, owner, _) = seed_workspace(db, "res").await;
    let (survey, q, tp) = customer_survey(db, ws.id, owner.id).await;
    let ann = seed_customer(db, ws.id, "Ann Andersen").await;
    let answers = [
        (10, Some(5), Some("Long wait at the counter")),
        (9, Some(4), Some("Friendly staff, but a long wait")),
        (3, Some(2), Some("The <b>price</b> was too high")),
        (8, None, None),
    ];
    for (i, (nps, csat, text)) in answers.iter().enumerate() {
        answer(
            db,
            ws.id,
            &survey,
            &q,
            Some(ann.id),
            &format!("k{i}"),
            *nps,
            *csat,
            *text,
            None,
        )
        .await;
    }
    let mut c = Client::new(state(db));
    c.sign_in("staff@res.test").await;
    let page = c.get(&format!("/surveys/{}/results", survey.id)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    // NPS: 2 promoters, 1 detractor of 4 = 25.0. CSAT: 2 of 3 answers are 4-5 = 66.7.
    assert!(
        page.body.contains("<td class=\"num\">25.0</td>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("<td class=\"num\">66.7</td>"));
    // NPS interval: p = d... variance = 0.5 + 0.25 - 0.0625 = 0.6875; half = 1.96·100·sqrt(0.6875/4).
    let half = 1.959_963_984_540_054 * 100.0 * (0.6875f64 / 4.0).sqrt();
    let low = format!("{:.1} – 100.0", 25.0 - half);
    assert!(page.body.contains(&low), "{low}: {}", page.body);
    // The theme "long wait" opens the two answers behind it; user text is escaped.
    assert!(page.body.contains("?theme=long+wait#answers"));
    assert!(
        page.body
            .contains("The &#60;b&#62;price&#60;/b&#62; was too high"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("<b>price</b>"));
    assert!(
        page.body
            .contains(&format!("href=\"/customers/{}\"", ann.id))
    );
    let themed = c
        .get(&format!("/surveys/{}/results?theme=long+wait", survey.id))
        .await;
    assert!(themed.body.contains("Long wait at the counter"));
    assert!(themed.body.contains("Friendly staff, but a long wait"));
    assert!(!themed.body.contains("was too high"));
    // The touchpoint page combines the surveys there.
    let tp_page = c.get(&format!("/touchpoints/{}/results", tp)).await;
    assert_eq!(tp_page.status, StatusCode::OK);
    assert!(tp_page.body.contains("<td class=\"num\">25.0</td>"));
    // CSV has every answer.
    let csv = c.get(&format!("/surveys/{}/results.csv", survey.id)).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.starts_with("response_id,submitted_at"));
    assert_eq!(csv.body.lines().count(), 1 + 4 + 3 + 3);
    assert!(csv.body.contains("Long wait at the counter"));
    // The customer's timeline shows their answers.
    let timeline = c.get(&format!("/customers/{}", ann.id)).await;
    assert!(timeline.body.contains("Survey answer"), "{}", timeline.body);
    assert!(timeline.body.contains("NPS 3 · CSAT 2"));
    // The results index lists the survey.
    let index = c.get("/results").await;
    assert!(
        index
            .body
            .contains(&format!("/surveys/{}/results", survey.id))
    );
}

async fn a_detractor_opens_a_followup_that_is_closed_with_what_was_done(db: &TestDb) {
    let (ws, owner, _) = seed_workspace(db, "fol").await;
    let (survey, q, _) = customer_survey(db, ws.id, owner.id).await;
    let bo = seed_customer(db, ws.id, "Bo Berg").await;
    answer(
        db,
        ws.id,
        &survey,
        &q,
        Some(bo.id),
        "k1",
        2,
        Some(4),
        None,
        None,
    )
    .await;
    answer(db, ws.id, &survey, &q, None, "k2", 10, Some(5), None, None).await;
    // Answered ten days ago, due three days later: overdue now.
    let mut c = Client::new(state(db));
    c.sign_in("staff@fol.test").await;
    let list = c.get("/followups").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("Bo Berg"));
    assert!(list.body.contains("Detractor (2)"));
    assert!(list.body.contains("Olivia Owner"));
    assert!(list.body.contains("class=\"followup overdue\""));
    assert!(list.body.contains("1 overdue"));
    let id = db.store.list_followups(ws.id, false).await.unwrap()[0].id;

    let empty = c
        .post(&format!("/followups/{id}/close"), &[("action", "  ")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("Write what was done"));
    let done = c
        .post(
            &format!("/followups/{id}/close"),
            &[("action", "Called Bo; new tyre fitted free")],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let list = c.get("/followups?done=closed").await;
    assert!(list.body.contains("Follow-up closed."));
    assert!(list.body.contains("Called Bo; new tyre fitted free"));
    assert!(list.body.contains("No open follow-ups."));
    let again = c
        .post(&format!("/followups/{id}/close"), &[("action", "again")])
        .await;
    assert!(again.body.contains("already closed"));
}

/// "Open a case" on a follow-up fills the new-case form with its customer, touchpoint and
/// answer; saving it opens the case and closes the follow-up with the case's number.
async fn a_followup_becomes_a_case_for_its_customer_and_touchpoint(db: &TestDb) {
    let (ws, owner, _) = seed_workspace(db, "foc").await;
    seed_workspace(db, "foc-other").await;
    let (survey, q, tp) = customer_survey(db, ws.id, owner.id).await;
    let bo = seed_customer(db, ws.id, "Bo Berg").await;
    answer(
        db,
        ws.id,
        &survey,
        &q,
        Some(bo.id),
        "k1",
        3,
        Some(4),
        Some("The bike squeaks <again>"),
        None,
    )
    .await;
    // An anonymous detractor (public link) can be acted on too: see
    // `an_anonymous_detractor_becomes_a_case_without_a_customer`.
    answer(db, ws.id, &survey, &q, None, "k2", 1, Some(4), None, None).await;
    let followups = db.store.list_followups(ws.id, false).await.unwrap();
    let bo_fu = followups
        .iter()
        .find(|f| f.customer_id == Some(bo.id.0))
        .unwrap()
        .id;
    let anon_fu = followups
        .iter()
        .find(|f| f.customer_id.is_none())
        .unwrap()
        .id;

    let mut c = Client::new(state(db));
    c.sign_in("staff@foc.test").await;
    let list = c.get("/followups").await.body;
    // Issue 17: the follow-up shows what the customer wrote (escaped).
    assert!(
        list.contains("The bike squeaks &lt;again&gt;")
            || list.contains("The bike squeaks &#60;again&#62;"),
        "{list}"
    );
    assert!(list.contains(&format!("href=\"/cases/new?followup={bo_fu}\"")));
    assert!(list.contains(&format!("href=\"/cases/new?followup={anon_fu}\"")));
    let form = c.get(&format!("/cases/new?followup={bo_fu}")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("For Bo Berg"), "{}", form.body);
    // Issue 17: the subject is what the customer reads on every reply, so it speaks to them;
    // the internal reason ("Detractor (3)") stays in the description for staff.
    assert!(
        form.body
            .contains("value=\"About your answer to “After pick-up”\""),
        "{}",
        form.body
    );
    assert!(!form.body.contains("value=\"Detractor"), "{}", form.body);
    assert!(form.body.contains("Detractor, score 3"), "{}", form.body);
    assert!(
        form.body
            .contains(&format!("name=\"followup\" value=\"{bo_fu}\""))
    );
    assert!(
        form.body.contains(&format!("value=\"{tp}\" selected")),
        "the touchpoint is chosen"
    );
    assert_eq!(
        c.get(&format!("/cases/new?followup={anon_fu}"))
            .await
            .status,
        StatusCode::OK
    );

    let category = db.store.case_categories(ws.id).await.unwrap()[0]
        .id
        .to_string();
    let (tp_s, bo_s, fu_s) = (tp.to_string(), bo.id.to_string(), bo_fu.to_string());
    let made = c
        .post(
            "/cases/new",
            &[
                ("customer", bo_s.as_str()),
                ("category", category.as_str()),
                ("touchpoint", tp_s.as_str()),
                ("subject", "Detractor (3) in After pick-up"),
                ("description", "Call Bo about the wait"),
                ("priority", "high"),
                ("assignee", ""),
                ("followup", fu_s.as_str()),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let case_id: i64 = made
        .location
        .as_deref()
        .unwrap()
        .trim_start_matches("/cases/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let case = db.store.get_case(ws.id, CaseId(case_id)).await.unwrap();
    assert_eq!(case.customer_id, Some(bo.id));
    assert_eq!(case.touchpoint_id, Some(tp));
    let fu = db.store.get_followup(ws.id, bo_fu).await.unwrap();
    assert!(fu.closed_at.is_some());
    assert_eq!(fu.action, format!("Opened case #{case_id}."));

    // Another workspace's staff cannot open a case from this follow-up.
    let mut stranger = Client::new(state(db));
    stranger.sign_in("staff@foc-other.test").await;
    assert_eq!(
        stranger
            .get(&format!("/cases/new?followup={bo_fu}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

/// Issue 17: a low score through a public link (no customer) is still actionable: the
/// follow-up list and the answer list offer "Open a case", which makes a case without a
/// customer. Its page says no reply can be e-mailed (and refuses one, keeping the text), the
/// case list names it anonymous, and another workspace cannot use the follow-up.
async fn an_anonymous_detractor_becomes_a_case_without_a_customer(db: &TestDb) {
    let (ws, owner, _) = seed_workspace(db, "anon").await;
    let (other, _, _) = seed_workspace(db, "anon-other").await;
    let (survey, q, tp) = customer_survey(db, ws.id, owner.id).await;
    let response = answer(
        db,
        ws.id,
        &survey,
        &q,
        None,
        "a1",
        2,
        None,
        Some("Rude <staff>"),
        None,
    )
    .await;
    let fu = db.store.list_followups(ws.id, false).await.unwrap();
    assert_eq!(fu.len(), 1);
    let fu = fu[0].id;

    let mut c = Client::new(state(db));
    c.sign_in("owner@anon.test").await;
    let link = format!("href=\"/cases/new?followup={fu}\"");
    assert!(c.get("/followups").await.body.contains(&link));
    let answers = c.get(&format!("/surveys/{}/answers", survey.id)).await.body;
    assert!(answers.contains(&link), "{answers}");

    let form = c.get(&format!("/cases/new?followup={fu}")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains("For an anonymous answer"),
        "{}",
        form.body
    );
    assert!(!form.body.contains("name=\"customer\""), "{}", form.body);

    let category = db.store.case_categories(ws.id).await.unwrap()[0]
        .id
        .to_string();
    let fu_s = fu.to_string();
    let tp_s = tp.to_string();
    // Without a customer a case needs a follow-up to come from.
    let bare = c
        .post(
            "/cases/new",
            &[
                ("category", category.as_str()),
                ("subject", "x"),
                ("priority", "high"),
            ],
        )
        .await;
    assert_eq!(bare.status, StatusCode::BAD_REQUEST);
    let made = c
        .post(
            "/cases/new",
            &[
                ("category", category.as_str()),
                ("touchpoint", tp_s.as_str()),
                ("subject", "Rude staff at pick-up"),
                ("description", "Anonymous detractor"),
                ("priority", "high"),
                ("assignee", ""),
                ("followup", fu_s.as_str()),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let location = made.location.unwrap();
    let case_id: i64 = location
        .trim_start_matches("/cases/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let case = db.store.get_case(ws.id, CaseId(case_id)).await.unwrap();
    assert_eq!(case.customer_id, None);
    assert_eq!(case.customer_name, None);
    assert_eq!(case.touchpoint_id, Some(tp));
    let closed = db.store.get_followup(ws.id, fu).await.unwrap();
    assert!(closed.closed_at.is_some());
    assert_eq!(closed.response_id, Some(response.0));

    let page = c.get(&format!("/cases/{case_id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("No customer: opened from an anonymous answer"),
        "{}",
        page.body
    );
    assert!(page.body.contains("id=\"no-reply\""), "{}", page.body);
    assert!(
        !page.body.contains("name=\"kind\" value=\"reply\""),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("name=\"kind\" value=\"note\""),
        "{}",
        page.body
    );
    // A reply posted anyway is refused with the text kept; a note is fine.
    let path = format!("/cases/{case_id}/entries");
    let refused = c
        .post(&path, &[("kind", "reply"), ("body", "Sorry about that")])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("Sorry about that"),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("cannot be e-mailed"),
        "{}",
        refused.body
    );
    let noted = c
        .post(&path, &[("kind", "note"), ("body", "Talked to the team")])
        .await;
    assert_eq!(noted.status, StatusCode::SEE_OTHER);
    // Closing asks nobody for a rating and works.
    let causes = db.store.root_causes(ws.id).await.unwrap();
    let cause = causes[0].id.0.to_string();
    let close = c
        .post(
            &format!("/cases/{case_id}/close"),
            &[("root_cause", cause.as_str())],
        )
        .await;
    assert_eq!(close.status, StatusCode::SEE_OTHER, "{}", close.body);
    assert!(db.store.recent_mail(ws.id, 10).await.unwrap().is_empty());

    let list = c.get("/cases?status=all").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("Rude staff at pick-up"), "{}", list.body);
    assert!(list.body.contains("Anonymous"), "{}", list.body);

    // Another workspace's staff cannot open a case from another anonymous follow-up, by
    // form or by post.
    answer(db, ws.id, &survey, &q, None, "a2", 0, None, None, None).await;
    let fu2 = db.store.list_followups(ws.id, false).await.unwrap()[0]
        .id
        .to_string();
    let mut stranger = Client::new(state(db));
    stranger.sign_in("staff@anon-other.test").await;
    let theirs = db.store.case_categories(other.id).await.unwrap()[0]
        .id
        .to_string();
    assert_eq!(
        stranger
            .get(&format!("/cases/new?followup={fu2}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let posted = stranger
        .post(
            "/cases/new",
            &[
                ("category", theirs.as_str()),
                ("subject", "x"),
                ("followup", fu2.as_str()),
            ],
        )
        .await;
    assert_eq!(posted.status, StatusCode::NOT_FOUND);
    assert!(
        db.store
            .get_followup(ws.id, fu2.parse().unwrap())
            .await
            .unwrap()
            .closed_at
            .is_none()
    );
}

/// Issue 17: the invitation page lists the invitations sent with what became of each e-mail
/// (sent, waiting, retrying, given up — worded as on the case page), and a follow-up that
/// became a case says the same of the case's replies.
async fn invitation_and_followup_pages_say_what_became_of_their_mail(db: &TestDb) {
    let (ws, owner, _) = seed_workspace(db, "mst").await;
    let sink = kunde_mail::testing::SmtpSink::start();
    db.store
        .save_smtp_settings(ws.id, &sink.settings(), NOW)
        .await
        .unwrap();
    let (survey, q, _) = customer_survey(db, ws.id, owner.id).await;
    let mut people = Vec::new();
    for (n, email) in [
        ("Ann", "ann@mst.test"),
        ("Bo", "bo@mst.test"),
        ("Cy", "cy@mst.test"),
    ] {
        let c = NewCustomer {
            email: Some(Email::parse(email).unwrap()),
            marketing_consent: true,
            ..NewCustomer::named(name(n), NOW - 100 * DAY)
        };
        people.push(db.store.create_customer(ws.id, &c).await.unwrap());
    }
    let mut c = Client::new(state(db));
    c.sign_in("owner@mst.test").await;
    let invite = format!("/surveys/{}/invite", survey.id);
    let sent = c.post(&invite, &[("all", "1")]).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let page = c.get(&invite).await.body;
    assert!(page.contains("id=\"sent-invitations\""), "{page}");
    assert_eq!(page.matches("Waiting to be sent").count(), 3, "{page}");

    let queued = db.store.recent_mail(ws.id, 10).await.unwrap();
    let to = |email: &str| queued.iter().find(|m| m.mail.to == email).unwrap().id;
    db.store
        .mark_mail_sent(to("ann@mst.test"), NOW)
        .await
        .unwrap();
    db.store
        .mark_mail_failed(
            to("bo@mst.test"),
            "transport: 550 no such mailbox",
            true,
            NOW,
        )
        .await
        .unwrap();
    db.store
        .mark_mail_failed(to("cy@mst.test"), "transport: 421 try later", false, NOW)
        .await
        .unwrap();
    let page = c.get(&invite).await.body;
    assert!(page.contains("mail-sent\">Sent<"), "{page}");
    assert!(
        page.contains("Not sent: the mail server did not take it (it said: 550 no such mailbox)"),
        "{page}"
    );
    assert!(
        page.contains("Not sent yet: the mail server did not take it (it said: 421 try later) — Kunde tries again"),
        "{page}"
    );
    assert!(!page.contains("Waiting to be sent"), "{page}");

    // Ann answers badly; the follow-up becomes a case and the case's reply is e-mail.
    answer(
        db,
        ws.id,
        &survey,
        &q,
        Some(people[0].id),
        "m1",
        2,
        None,
        None,
        None,
    )
    .await;
    let fu = db.store.list_followups(ws.id, false).await.unwrap()[0].id;
    let category = db.store.case_categories(ws.id).await.unwrap()[0]
        .id
        .to_string();
    let (ann, fu_s) = (people[0].id.to_string(), fu.to_string());
    let made = c
        .post(
            "/cases/new",
            &[
                ("customer", ann.as_str()),
                ("category", category.as_str()),
                ("subject", "About your answer"),
                ("priority", "high"),
                ("followup", fu_s.as_str()),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let case_id = db
        .store
        .get_followup(ws.id, fu)
        .await
        .unwrap()
        .case_id
        .unwrap();
    let reply = c
        .post(
            &format!("/cases/{case_id}/entries"),
            &[("kind", "reply"), ("body", "We are sorry, Ann")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let list = c.get("/followups").await.body;
    assert!(
        list.contains(&format!("href=\"/cases/{case_id}\"")),
        "{list}"
    );
    assert!(
        list.contains("Replies by e-mail: Waiting to be sent"),
        "{list}"
    );
    let reply_mail = db
        .store
        .case_reply_mail(ws.id, CaseId(case_id))
        .await
        .unwrap();
    db.store
        .mark_mail_failed(reply_mail[0].outbox_id, "no_server", true, NOW)
        .await
        .unwrap();
    let list = c.get("/followups").await.body;
    assert!(
        list.contains("Replies by e-mail: Not sent: no mail server is set up"),
        "{list}"
    );
}

/// Issue 17: rows, columns and the chart axis of a measure the survey does not ask are not
/// drawn: no CES without a CES question; with one (even before any answer) they are.
async fn a_survey_without_a_ces_question_draws_no_ces(db: &TestDb) {
    let (ws, owner, _) = seed_workspace(db, "ces").await;
    let (survey, q, tp) = customer_survey(db, ws.id, owner.id).await;
    answer(db, ws.id, &survey, &q, None, "c1", 9, Some(5), None, None).await;
    let mut c = Client::new(state(db));
    c.sign_in("owner@ces.test").await;
    for path in [
        format!("/surveys/{}/results", survey.id),
        format!("/touchpoints/{tp}/results"),
    ] {
        let page = c.get(&path).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("<td>NPS</td>"), "{}", page.body);
        assert!(!page.body.contains(">CES<"), "{path}: {}", page.body);
        assert!(
            !page.body.contains("\"axis\":\"ces\""),
            "{path}: {}",
            page.body
        );
    }
    db.store
        .add_question(
            ws.id,
            survey.id,
            &NewQuestion::new(QuestionKind::Ces, Texts::same("How easy was it?")),
        )
        .await
        .unwrap();
    let page = c.get(&format!("/surveys/{}/results", survey.id)).await;
    assert!(page.body.contains("<td>CES</td>"), "{}", page.body);
    assert!(page.body.contains("\"axis\":\"ces\""), "{}", page.body);
}

/// A saved segment (customers who dropped out of a funnel, say) is a row of its own in the
/// results: the scores of its members' answers only. A segment whose members never
/// answered is left out.
async fn results_are_split_by_the_owners_saved_segments(db: &TestDb) {
    let (ws, owner, _) = seed_workspace(db, "seg").await;
    let (survey, q, _) = customer_survey(db, ws.id, owner.id).await;
    let ann = seed_customer(db, ws.id, "Ann").await;
    let bo = seed_customer(db, ws.id, "Bo").await;
    let cy = seed_customer(db, ws.id, "Cy").await;
    answer(
        db,
        ws.id,
        &survey,
        &q,
        Some(ann.id),
        "k1",
        10,
        Some(5),
        None,
        None,
    )
    .await;
    answer(
        db,
        ws.id,
        &survey,
        &q,
        Some(bo.id),
        "k2",
        2,
        Some(1),
        None,
        None,
    )
    .await;
    answer(
        db,
        ws.id,
        &survey,
        &q,
        Some(bo.id),
        "k3",
        6,
        Some(2),
        None,
        None,
    )
    .await;
    let save = |n: &str, customers: Vec<CustomerId>| NewSegment {
        name: name(n),
        description: String::new(),
        customers,
    };
    for s in [
        save("Dropped at the phone", vec![bo.id]),
        save("Never answered", vec![cy.id]),
    ] {
        db.store.create_segment(ws.id, &s, None, NOW).await.unwrap();
    }
    let mut c = Client::new(state(db));
    c.sign_in("staff@seg.test").await;
    let page = c.get(&format!("/surveys/{}/results", survey.id)).await.body;
    let at = page
        .find("<h2>Saved segments</h2>")
        .expect("a saved segments table");
    let table = &page[at..page[at..].find("</table>").unwrap() + at];
    // Bo's two answers: both detractors (NPS −100), no CSAT of 4–5 (0 %).
    assert!(
        table.contains("<tr><td>Dropped at the phone</td><td class=\"num\">2</td><td class=\"num\">-100.0</td><td class=\"num\">0.0</td>"),
        "{table}"
    );
    assert!(!table.contains("Never answered"));
    // The whole survey still counts all three answers.
    assert!(page.contains("Ann"));
}

/// The personal link in an e-mail body.
fn link(text: &str, path: &str) -> String {
    let start = text.find(path).expect("link in the mail");
    text[start..].split_whitespace().next().unwrap().to_owned()
}

async fn invitations_arrive_by_smtp_with_working_links_reminders_fatigue_and_unsubscribe(
    db: &TestDb,
) {
    let sink = kunde_mail::testing::SmtpSink::start();
    let (ws, owner, _) = seed_workspace(db, "inv").await;
    db.store
        .save_smtp_settings(ws.id, &sink.settings(), NOW)
        .await
        .unwrap();
    let (survey, _, _) = customer_survey(db, ws.id, owner.id).await;
    let customer = |n: &str, email: &str, lang, consent| NewCustomer {
        email: Some(Email::parse(email).unwrap()),
        language: lang,
        marketing_consent: consent,
        ..NewCustomer::named(name(n), NOW - 100 * DAY)
    };
    let astrid = db
        .store
        .create_customer(
            ws.id,
            &customer("Astrid", "astrid@kund.se", Language::Sv, true),
        )
        .await
        .unwrap();
    db.store
        .create_customer(ws.id, &customer("Bo", "bo@kunde.dk", Language::Da, true))
        .await
        .unwrap();
    db.store
        .create_customer(ws.id, &customer("Carl", "carl@x.test", Language::En, false))
        .await
        .unwrap();

    // Reminders are sent from the background, with no request: links use the public URL.
    let mut state0 = state(db);
    state0.config.public_url = Some("http://kunde.test".into());
    let mut c = Client::new(state0.clone());
    c.sign_in("owner@inv.test").await;
    let form = c.get(&format!("/surveys/{}/invite", survey.id)).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(form.body.contains("no marketing consent"));
    let sent = c
        .post(&format!("/surveys/{}/invite", survey.id), &[("all", "1")])
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert!(
        sent.location
            .as_deref()
            .unwrap()
            .ends_with("sent=2&skipped=1"),
        "{:?}",
        sent.location
    );
    kunde_web::outbox::deliver_due(&state0).await.unwrap();
    let mails = sink.wait_for(2).await;
    let to_astrid = mails
        .iter()
        .find(|m| m.to.iter().any(|t| t == "astrid@kund.se"))
        .unwrap();
    let to_bo = mails
        .iter()
        .find(|m| m.to.iter().any(|t| t == "bo@kunde.dk"))
        .unwrap();
    // Each in the customer's language, with a personal link and an unsubscribe link.
    assert!(
        to_astrid.subject.contains("vill gärna höra"),
        "{}",
        to_astrid.subject
    );
    assert!(
        to_bo.subject.contains("vil gerne høre"),
        "{}",
        to_bo.subject
    );
    assert!(to_astrid.text.contains("After pick-up (sv)"));
    let personal = link(&to_astrid.text, "http://kunde.test/s/i/");
    let unsubscribe_bo = link(&to_bo.text, "http://kunde.test/s/unsubscribe/");
    assert!(
        to_bo
            .list_unsubscribe
            .as_deref()
            .unwrap_or("")
            .contains(&unsubscribe_bo)
    );
    let mut visitor = Client::new(state0.clone());
    let opened = visitor
        .get(personal.trim_start_matches("http://kunde.test"))
        .await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    assert!(opened.body.contains("Recommend us?"));

    // Bo unsubscribes, without signing in, in Danish.
    let path = unsubscribe_bo
        .trim_start_matches("http://kunde.test")
        .to_owned();
    let page = visitor.get(&path).await;
    assert!(page.body.contains("Stop invitationer"), "{}", page.body);
    // RFC 8058: the mail program's one-click POST works without a session or form token.
    assert!(
        to_bo
            .raw
            .contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
        "{}",
        to_bo.raw
    );
    let mut mail_program = Client::new(state0.clone());
    let done = mail_program
        .post_raw(&path, &[("List-Unsubscribe", "One-Click")])
        .await;
    assert_eq!(done.status, StatusCode::OK);
    assert!(done.body.contains("Du får ikke flere invitationer"));

    // The reminder waits three days, goes once, and not to Bo.
    assert_eq!(
        kunde_web::run_survey_reminders(&state0, NOW + 3 * DAY - 1)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        kunde_web::run_survey_reminders(&state0, NOW + 3 * DAY)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        kunde_web::run_survey_reminders(&state0, NOW + 4 * DAY)
            .await
            .unwrap(),
        0
    );
    // The reminder is queued at its own time and goes out then.
    let mut later = state0.clone();
    later.clock = std::sync::Arc::new(|| NOW + 4 * DAY);
    kunde_web::outbox::deliver_due(&later).await.unwrap();
    let mails = sink.wait_for(3).await;
    let reminder = &mails[2];
    assert_eq!(reminder.to, vec!["astrid@kund.se".to_owned()]);
    assert!(reminder.subject.starts_with("En påminnelse"));
    let second = link(&reminder.text, "http://kunde.test/s/i/");
    assert_ne!(second, personal);
    let opened = visitor
        .get(second.trim_start_matches("http://kunde.test"))
        .await;
    assert_eq!(opened.status, StatusCode::OK);

    // A second survey right away: Astrid is within the fatigue window, Bo unsubscribed,
    // Carl has no consent.
    let (other, _) = live_survey(db, ws.id, None, SurveyKind::Customer, "Webshop").await;
    let sent = c
        .post(&format!("/surveys/{}/invite", other.id), &[("all", "1")])
        .await;
    assert!(
        sent.location
            .as_deref()
            .unwrap()
            .ends_with("sent=0&skipped=3"),
        "{:?}",
        sent.location
    );
    // Thirty days after the first invitation Astrid may be asked again; Bo still not.
    let later = state_at(db, NOW + 30 * DAY);
    let mut c2 = Client::new(later.clone());
    c2.sign_in("owner@inv.test").await;
    let sent = c2
        .post(&format!("/surveys/{}/invite", other.id), &[("all", "1")])
        .await;
    assert!(
        sent.location
            .as_deref()
            .unwrap()
            .ends_with("sent=1&skipped=2"),
        "{:?}",
        sent.location
    );
    assert!(!db.store.invitees(ws.id, Some(&[astrid.id])).await.unwrap()[0].unsubscribed);
}

async fn employee_results_hide_groups_below_the_minimum_size(db: &TestDb) {
    let (ws, _, _) = seed_workspace(db, "emp").await;
    let (survey, q) = live_survey(db, ws.id, None, SurveyKind::Employee, "Pulse").await;
    for (i, nps) in [10, 10, 9, 7, 3].iter().enumerate() {
        answer(
            db,
            ws.id,
            &survey,
            &q,
            None,
            &format!("a{i}"),
            *nps,
            None,
            None,
            Some("Workshop"),
        )
        .await;
    }
    for (i, nps) in [0, 1].iter().enumerate() {
        answer(
            db,
            ws.id,
            &survey,
            &q,
            None,
            &format!("b{i}"),
            *nps,
            None,
            None,
            Some("Shop"),
        )
        .await;
    }
    let mut c = Client::new(state(db));
    c.sign_in("owner@emp.test").await;
    let page = c.get(&format!("/surveys/{}/results", survey.id)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    // Workshop: 3 promoters, 1 detractor of 5 = 40.0.
    assert!(
        page.body
            .contains("<td>Workshop</td><td class=\"num\">40.0</td>"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("<td>Shop</td><td colspan=\"3\" class=\"hidden-group\">Too few answers")
    );
    // The overall score would reveal the small group: not shown.
    assert!(!page.body.contains("eNPS overall"));
    // No individual employee answers: no list, no CSV.
    assert!(!page.body.contains("results.csv"));
    let csv = c.get(&format!("/surveys/{}/results.csv", survey.id)).await;
    assert_eq!(csv.status, StatusCode::FORBIDDEN);
    // Nor one by one on the answers list, to staff or owner, however many answered.
    let mut staff = Client::new(state(db));
    staff.sign_in("staff@emp.test").await;
    for client in [&mut c, &mut staff] {
        let list = client.get(&format!("/surveys/{}/answers", survey.id)).await;
        assert_eq!(list.status, StatusCode::SEE_OTHER);
        assert_eq!(
            list.location.as_deref(),
            Some(&*format!("/surveys/{}/results", survey.id))
        );
    }
}

async fn another_workspace_cannot_see_results_or_followups(db: &TestDb) {
    let (ws, owner, _) = seed_workspace(db, "one").await;
    seed_workspace(db, "two").await;
    let (survey, q, tp) = customer_survey(db, ws.id, owner.id).await;
    answer(db, ws.id, &survey, &q, None, "k1", 1, Some(1), None, None).await;
    let id = db.store.list_followups(ws.id, false).await.unwrap()[0].id;
    let mut c = Client::new(state(db));
    c.sign_in("owner@two.test").await;
    for path in [
        format!("/surveys/{}/results", survey.id),
        format!("/surveys/{}/results.csv", survey.id),
        format!("/touchpoints/{tp}/results"),
        format!("/touchpoints/{tp}/results.csv"),
        format!("/surveys/{}/invite", survey.id),
    ] {
        assert_eq!(c.get(&path).await.status, StatusCode::NOT_FOUND, "{path}");
    }
    let close = c
        .post(&format!("/followups/{id}/close"), &[("action", "x")])
        .await;
    assert_eq!(close.status, StatusCode::NOT_FOUND);
    assert!(!c.get("/followups").await.body.contains("Detractor"));
    // Signed out, nothing is reachable.
    let mut anon = Client::new(state(db));
    assert_eq!(anon.get("/followups").await.status, StatusCode::SEE_OTHER);
}

/// Issue 17: no answer is out of reach — the list is paged 50 at a time (every answer on
/// exactly one page, the link keeps the theme) — and the CSV writes the workspace's local
/// time and names the zone.
async fn the_answer_list_is_paged_and_the_csv_is_in_local_time(db: &TestDb) {
    let (ws, owner, _) = seed_workspace(db, "pages").await;
    let (survey, q, _) = customer_survey(db, ws.id, owner.id).await;
    for i in 0..55 {
        let text = format!("note {i:02} zz");
        answer(
            db,
            ws.id,
            &survey,
            &q,
            None,
            &format!("k{i}"),
            8,
            None,
            Some(&text),
            None,
        )
        .await;
    }
    let cph =
        kunde_domain::business_hours::BusinessCalendar::office_hours("Europe/Copenhagen").unwrap();
    db.store
        .save_business_calendar(ws.id, &cph, NOW)
        .await
        .unwrap();
    let mut c = Client::new(state(db));
    c.sign_in("staff@pages.test").await;
    let base = format!("/surveys/{}/results", survey.id);
    let first = c.get(&base).await.body;
    let second = c.get(&format!("{base}?page=2")).await.body;
    let count = |body: &str| {
        (0..55)
            .filter(|i| body.contains(&format!("note {i:02} zz")))
            .count()
    };
    assert_eq!(count(&first), 50, "{first}");
    assert_eq!(count(&second), 5, "{second}");
    assert_eq!(
        (0..55)
            .filter(|i| {
                let n = format!("note {i:02} zz");
                first.contains(&n) != second.contains(&n)
            })
            .count(),
        55,
        "every answer on exactly one page"
    );
    assert!(
        first.contains(&format!("href=\"{base}?page=2#answers\"")),
        "{first}"
    );
    assert!(second.contains("rel=\"prev\""));
    let past = c.get(&format!("{base}?page=99")).await.body;
    assert_eq!(count(&past), 5, "a page past the end shows the last");

    let csv = c.get(&format!("{base}.csv")).await.body;
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(
        header.contains("submitted_at (Europe/Copenhagen)"),
        "{header}"
    );
    // Answered at 00:00 UTC on 22 December, 01:00 in Copenhagen.
    assert!(
        lines.next().unwrap().contains(",2025-12-22 01:00,"),
        "{csv}"
    );
}
