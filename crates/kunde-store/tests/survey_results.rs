//! Survey results and closing the loop in the store, on both backends: follow-ups opened by
//! detractors and low CSAT and closed with what was done, the answer rows results are computed
//! from, invitation bookkeeping (last asked, unsubscribe, reminder links), and workspace
//! isolation of all of it.

use kunde_domain::*;
use kunde_store::{ResultsScope, Store, StoreError};

const NOW: i64 = 1_760_000_000;
const DAY: i64 = 86_400;

kunde_store::store_suite!(
    a_detractor_or_low_csat_opens_one_followup_for_the_touchpoint_owner,
    a_followup_is_closed_once_with_what_was_done,
    answer_facts_cover_a_survey_or_every_survey_of_a_touchpoint,
    invitations_record_when_a_customer_was_last_asked_and_unsubscribes,
    a_reminder_link_opens_the_same_invitation,
    another_workspace_sees_no_results_followups_or_invitees,
    an_invitation_is_recorded_with_its_e_mail_in_one_transaction,
    a_reminder_is_queued_once_even_when_asked_twice,
    a_case_opened_from_a_followup_closes_it_in_the_same_transaction,
);

fn name(s: &str) -> NonEmpty {
    NonEmpty::parse("name", s).unwrap()
}

struct Fixture {
    ws: WorkspaceId,
    owner: UserId,
    touchpoint: TouchpointId,
    customer: CustomerId,
    survey: Survey,
    questions: Vec<Question>,
}

async fn fixture(store: &Store, slug: &str) -> Fixture {
    let (ws, owner) = store
        .create_workspace(
            &NewWorkspace {
                name: name("Cykelværkstedet"),
                default_language: Language::Da,
                currency: "DKK".into(),
            },
            &NewUser {
                name: name("Mette"),
                email: Email::parse(&format!("owner@{slug}.dk")).unwrap(),
                role: Role::Owner,
                language: Language::Da,
                password: None,
            },
            "$argon2id$fake",
            NOW,
        )
        .await
        .unwrap();
    let journey = store
        .create_journey(
            ws.id,
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
    let stages = store.list_stages(ws.id, journey.id).await.unwrap();
    let tp = store
        .create_touchpoint(
            ws.id,
            &NewTouchpoint {
                stage_id: stages[3].id,
                name: name("Pick-up"),
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
    let customer = store
        .create_customer(
            ws.id,
            &NewCustomer {
                email: Some(Email::parse(&format!("astrid@{slug}.se")).unwrap()),
                language: Language::Sv,
                marketing_consent: true,
                ..NewCustomer::named(name("Astrid"), NOW)
            },
        )
        .await
        .unwrap();
    let (survey, questions) = survey(store, ws.id, tp.id, "After pick-up").await;
    Fixture {
        ws: ws.id,
        owner: owner.id,
        touchpoint: tp.id,
        customer: customer.id,
        survey,
        questions,
    }
}

/// A live customer survey at `tp`: NPS, CSAT, free text.
async fn survey(
    store: &Store,
    ws: WorkspaceId,
    tp: TouchpointId,
    title: &str,
) -> (Survey, Vec<Question>) {
    let settings = SurveySettings {
        title: Texts::same(title),
        kind: SurveyKind::Customer,
        touchpoint_id: Some(tp),
        presentation: Presentation::AllAtOnce,
        fatigue_days: 30,
        reminder_days: 3,
        min_group_size: 5,
        default_language: Language::Da,
    };
    let questions = [
        NewQuestion::new(QuestionKind::Nps, Texts::same("Recommend us?")),
        NewQuestion::new(QuestionKind::Csat, Texts::same("Satisfied?")),
        NewQuestion::new(QuestionKind::FreeText, Texts::same("Anything else?")),
    ];
    let s = store
        .create_survey(ws, &settings, &questions, NOW)
        .await
        .unwrap();
    store
        .set_survey_status(ws, s.id, SurveyStatus::Live)
        .await
        .unwrap();
    let questions = store.survey_questions(ws, s.id).await.unwrap();
    (store.get_survey(ws, s.id).await.unwrap(), questions)
}

fn response(
    f: &Fixture,
    key: &str,
    nps: i64,
    csat: i64,
    text: Option<&str>,
    at: i64,
) -> NewResponse {
    let mut answers = vec![
        (f.questions[0].id, AnswerValue::Score(nps)),
        (f.questions[1].id, AnswerValue::Score(csat)),
    ];
    if let Some(t) = text {
        answers.push((f.questions[2].id, AnswerValue::Text(t.into())));
    }
    NewResponse {
        customer_id: Some(f.customer),
        channel: ResponseChannel::Link,
        language: Language::Sv,
        submitted_at: at,
        team: None,
        location: None,
        submission_key: key.into(),
        answers,
    }
}

async fn a_detractor_or_low_csat_opens_one_followup_for_the_touchpoint_owner(store: &Store) {
    let f = fixture(store, "a").await;
    let promoter = response(&f, "k1", 9, 5, None, NOW);
    store
        .store_response(f.ws, f.survey.id, &promoter, None)
        .await
        .unwrap();
    assert!(store.list_followups(f.ws, true).await.unwrap().is_empty());

    let detractor = response(&f, "k2", 3, 1, Some("slow"), NOW + 10);
    let stored = store
        .store_response(f.ws, f.survey.id, &detractor, None)
        .await
        .unwrap();
    // A double submit opens nothing more.
    store
        .store_response(f.ws, f.survey.id, &detractor, None)
        .await
        .unwrap();
    let low_csat = response(&f, "k3", 8, 2, None, NOW + 20);
    store
        .store_response(f.ws, f.survey.id, &low_csat, None)
        .await
        .unwrap();

    let list = store.list_followups(f.ws, false).await.unwrap();
    assert_eq!(list.len(), 2);
    let first = &list[0];
    assert_eq!(first.response_id, Some(stored.id.0));
    // The NPS question comes first: the reason is the detractor, not the low CSAT.
    assert_eq!((first.reason.as_str(), first.score), ("detractor", 3));
    assert_eq!(first.owner_id, Some(f.owner.0));
    assert_eq!(first.owner_name.as_deref(), Some("Mette"));
    assert_eq!(first.customer_name.as_deref(), Some("Astrid"));
    assert_eq!(first.touchpoint_name.as_deref(), Some("Pick-up"));
    assert_eq!(first.due_at, NOW + 10 + 3 * DAY);
    assert_eq!((list[1].reason.as_str(), list[1].score), ("low_csat", 2));

    // Opening again for the same response does nothing.
    assert!(
        !store
            .open_followup_for_response(f.ws, stored.id)
            .await
            .unwrap()
    );
    assert_eq!(
        store
            .followup_counts(f.ws, NOW + 10 + 3 * DAY)
            .await
            .unwrap(),
        (2, 0)
    );
    assert_eq!(
        store
            .followup_counts(f.ws, NOW + 10 + 3 * DAY + 1)
            .await
            .unwrap(),
        (2, 1)
    );
    assert!(list[0].is_overdue(NOW + 10 + 3 * DAY + 1));
}

async fn a_followup_is_closed_once_with_what_was_done(store: &Store) {
    let f = fixture(store, "b").await;
    let r = response(&f, "k1", 0, 3, None, NOW);
    store
        .store_response(f.ws, f.survey.id, &r, None)
        .await
        .unwrap();
    let open = store.list_followups(f.ws, false).await.unwrap();
    let id = open[0].id;
    let action = name("Called Astrid, fixed the brake for free");
    store
        .close_followup(f.ws, id, f.owner, &action, NOW + DAY)
        .await
        .unwrap();
    assert!(matches!(
        store
            .close_followup(f.ws, id, f.owner, &action, NOW + DAY)
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert!(store.list_followups(f.ws, false).await.unwrap().is_empty());
    let all = store.list_followups(f.ws, true).await.unwrap();
    assert_eq!(all[0].closed_at, Some(NOW + DAY));
    assert_eq!(all[0].action, "Called Astrid, fixed the brake for free");
    assert_eq!(all[0].closed_by_name.as_deref(), Some("Mette"));
    assert!(!all[0].is_overdue(NOW + 100 * DAY));
    assert!(matches!(
        store
            .close_followup(f.ws, 999_999, f.owner, &action, NOW)
            .await,
        Err(StoreError::NotFound)
    ));
}

async fn answer_facts_cover_a_survey_or_every_survey_of_a_touchpoint(store: &Store) {
    let f = fixture(store, "c").await;
    store
        .store_response(
            f.ws,
            f.survey.id,
            &response(&f, "k1", 10, 5, Some("Hurtig service"), NOW),
            None,
        )
        .await
        .unwrap();
    let (second, qs) = survey(store, f.ws, f.touchpoint, "Second").await;
    let other = NewResponse {
        customer_id: None,
        channel: ResponseChannel::Paper,
        language: Language::Da,
        submitted_at: NOW + 5,
        team: None,
        location: None,
        submission_key: "k2".into(),
        answers: vec![(qs[0].id, AnswerValue::Score(4))],
    };
    store
        .store_response(f.ws, second.id, &other, None)
        .await
        .unwrap();

    let facts = store
        .answer_facts(f.ws, ResultsScope::Survey(f.survey.id))
        .await
        .unwrap();
    assert_eq!(facts.len(), 3);
    assert_eq!(facts[0].question_kind, "nps");
    assert_eq!(facts[0].score, Some(10));
    assert_eq!(facts[0].customer_name.as_deref(), Some("Astrid"));
    assert_eq!(facts[0].language, "sv");
    assert_eq!(facts[2].text.as_deref(), Some("Hurtig service"));

    let at_tp = store
        .answer_facts(f.ws, ResultsScope::Touchpoint(f.touchpoint))
        .await
        .unwrap();
    assert_eq!(at_tp.len(), 4);
    assert_eq!(at_tp[3].channel, "paper");
    assert_eq!(at_tp[3].customer_id, None);
    let all = store
        .answer_facts(f.ws, ResultsScope::AllCustomerSurveys)
        .await
        .unwrap();
    assert_eq!(all.len(), 4);

    let timeline = store.customer_answers(f.ws, f.customer, 10).await.unwrap();
    assert_eq!(timeline.len(), 3);
    assert_eq!(timeline[0].survey_en, "After pick-up");
}

async fn invitations_record_when_a_customer_was_last_asked_and_unsubscribes(store: &Store) {
    let f = fixture(store, "d").await;
    let before = store.invitees(f.ws, None).await.unwrap();
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].last_asked, None);
    assert!(!before[0].unsubscribed);
    assert!(before[0].marketing_consent);

    let (inv, token) = store
        .create_invitation(f.ws, f.survey.id, f.customer, NOW)
        .await
        .unwrap();
    store
        .mark_invitation_sent(f.ws, inv.id, NOW + 60)
        .await
        .unwrap();
    let after = store.invitees(f.ws, Some(&[f.customer])).await.unwrap();
    assert_eq!(after[0].last_asked, Some(NOW + 60));

    let candidates = store.reminder_candidates().await.unwrap();
    assert_eq!(candidates.len(), 1);
    assert_eq!(candidates[0].invitation_id, inv.id.0);
    assert_eq!(candidates[0].reminder_days, 3);
    assert!(candidates[0].sent().reachable);

    assert_eq!(
        store
            .unsubscribe_by_token("not-a-token", NOW)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store.unsubscribe_by_token(&token, NOW + 120).await.unwrap(),
        Some((f.ws, f.customer))
    );
    // Twice is fine.
    store.unsubscribe_by_token(&token, NOW + 130).await.unwrap();
    assert!(store.is_unsubscribed(f.ws, f.customer).await.unwrap());
    assert!(store.invitees(f.ws, None).await.unwrap()[0].unsubscribed);
    assert!(
        !store.reminder_candidates().await.unwrap()[0]
            .sent()
            .reachable
    );

    // A reminded invitation is no candidate any more.
    store
        .mark_invitation_reminded(f.ws, inv.id, NOW + 3 * DAY)
        .await
        .unwrap();
    assert!(store.reminder_candidates().await.unwrap().is_empty());
}

async fn a_reminder_link_opens_the_same_invitation(store: &Store) {
    let f = fixture(store, "e").await;
    let (inv, first) = store
        .create_invitation(f.ws, f.survey.id, f.customer, NOW)
        .await
        .unwrap();
    let second = store
        .add_invitation_token(f.ws, inv.id, NOW + 3 * DAY)
        .await
        .unwrap();
    assert_ne!(first, second);
    assert!(second.len() >= 22, "at least 128 bits: {second}");
    let by_first = store.invitation_by_token(&first).await.unwrap().unwrap();
    let by_second = store.invitation_by_token(&second).await.unwrap().unwrap();
    assert_eq!(by_first.id, inv.id);
    assert_eq!(by_second.id, inv.id);
    assert!(matches!(
        store
            .add_invitation_token(f.ws, InvitationId(999_999), NOW)
            .await,
        Err(StoreError::NotFound)
    ));
}

async fn another_workspace_sees_no_results_followups_or_invitees(store: &Store) {
    let f = fixture(store, "f").await;
    let g = fixture(store, "g").await;
    store
        .store_response(
            f.ws,
            f.survey.id,
            &response(&f, "k1", 1, 1, None, NOW),
            None,
        )
        .await
        .unwrap();
    let (inv, _) = store
        .create_invitation(f.ws, f.survey.id, f.customer, NOW)
        .await
        .unwrap();
    let id = store.list_followups(f.ws, false).await.unwrap()[0].id;

    assert!(
        store
            .answer_facts(g.ws, ResultsScope::Survey(f.survey.id))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .answer_facts(g.ws, ResultsScope::Touchpoint(f.touchpoint))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.list_followups(g.ws, true).await.unwrap().is_empty());
    assert!(matches!(
        store.get_followup(g.ws, id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .close_followup(g.ws, id, g.owner, &name("done"), NOW)
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(
        store
            .customer_answers(g.ws, f.customer, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .invitees(g.ws, Some(&[f.customer]))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        store.add_invitation_token(g.ws, inv.id, NOW).await,
        Err(StoreError::NotFound)
    ));
    // Closing with a user of another workspace closes nothing.
    assert!(matches!(
        store
            .close_followup(f.ws, id, g.owner, &name("done"), NOW)
            .await,
        Err(StoreError::InvalidReference(_))
    ));
    assert_eq!(store.list_followups(f.ws, false).await.unwrap().len(), 1);
}

fn mail_to(token: &str) -> kunde_domain::mail::Mail {
    kunde_domain::mail::Mail {
        to: "astrid@example.se".into(),
        to_name: Some("Astrid".into()),
        subject: "How did we do?".into(),
        text: format!("https://kunde.test/s/i/{token}"),
        html: None,
        unsubscribe_url: None,
        reply_to: None,
    }
}

async fn an_invitation_is_recorded_with_its_e_mail_in_one_transaction(store: &Store) {
    let f = fixture(store, "inv").await;
    let mut link = String::new();
    let (inv, mail_id) = store
        .send_invitation(f.ws, f.survey.id, f.customer, NOW, |token| {
            link = token.to_owned();
            mail_to(token)
        })
        .await
        .unwrap();
    assert_eq!(inv.sent_at, Some(NOW));
    let due = store.due_mail(NOW, 10).await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].id, mail_id);
    assert!(
        due[0].mail.text.contains(&link),
        "the e-mail carries the invitation's link"
    );
    assert_eq!(
        store
            .invitation_by_token(&link)
            .await
            .unwrap()
            .map(|i| i.id),
        Some(inv.id)
    );
    // A message that cannot be sent leaves no invitation behind.
    let refused = store
        .send_invitation(f.ws, f.survey.id, f.customer, NOW, |_| {
            let mut m = mail_to("x");
            m.to = "not an address".into();
            m
        })
        .await;
    assert!(refused.is_err());
    assert_eq!(store.reminder_candidates().await.unwrap().len(), 1);
}

async fn a_reminder_is_queued_once_even_when_asked_twice(store: &Store) {
    let f = fixture(store, "rem").await;
    let (inv, _) = store
        .send_invitation(f.ws, f.survey.id, f.customer, NOW, mail_to)
        .await
        .unwrap();
    let first = store
        .send_reminder(f.ws, inv.id, NOW + 3 * DAY, mail_to)
        .await
        .unwrap();
    let second = store
        .send_reminder(f.ws, inv.id, NOW + 3 * DAY + 60, mail_to)
        .await
        .unwrap();
    assert!(first.is_some());
    assert_eq!(
        second, None,
        "a reminded invitation is never reminded twice"
    );
    assert_eq!(store.due_mail(NOW + 4 * DAY, 10).await.unwrap().len(), 2);
    assert!(store.reminder_candidates().await.unwrap().is_empty());
}

async fn a_case_opened_from_a_followup_closes_it_in_the_same_transaction(store: &Store) {
    let f = fixture(store, "fu").await;
    let r = response(&f, "k1", 2, 3, None, NOW);
    store
        .store_response(f.ws, f.survey.id, &r, None)
        .await
        .unwrap();
    let followup = store.list_followups(f.ws, false).await.unwrap()[0].id;
    let category = store.case_categories(f.ws).await.unwrap()[0].id;
    let new = NewCase {
        customer_id: Some(f.customer),
        touchpoint_id: Some(f.touchpoint),
        category_id: category,
        subject: "Detractor".into(),
        description: "Score 2".into(),
        priority: CasePriority::High,
        assignee_id: Some(f.owner),
        source: CaseSource::Staff,
        created_by: Some(f.owner),
        created_at: NOW + 60,
        due: CaseDue {
            first_response_warn: NOW + 750,
            first_response: NOW + 1000,
            resolution_warn: NOW + 7500,
            resolution: NOW + 10_000,
        },
    };
    let case = store
        .create_case_from_followup(f.ws, &new, followup, |id| format!("Opened case #{id}."))
        .await
        .unwrap();
    assert!(store.list_followups(f.ws, false).await.unwrap().is_empty());
    let closed = &store.list_followups(f.ws, true).await.unwrap()[0];
    assert_eq!(closed.action, format!("Opened case #{}.", case.id));
    assert_eq!(closed.closed_at, Some(NOW + 60));
    // A refused case (another workspace's touchpoint) leaves the follow-up as it was.
    let other = fixture(store, "fu2").await;
    let r2 = response(&other, "k2", 1, 1, None, NOW);
    store
        .store_response(other.ws, other.survey.id, &r2, None)
        .await
        .unwrap();
    let open = store.list_followups(other.ws, false).await.unwrap()[0].id;
    let category = store.case_categories(other.ws).await.unwrap()[0].id;
    let bad = NewCase {
        customer_id: Some(other.customer),
        touchpoint_id: Some(f.touchpoint),
        category_id: category,
        ..new
    };
    assert!(
        store
            .create_case_from_followup(other.ws, &bad, open, |_| "x".into())
            .await
            .is_err()
    );
    assert_eq!(
        store.list_followups(other.ws, false).await.unwrap().len(),
        1
    );
}
