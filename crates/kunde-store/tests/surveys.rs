//! Surveys in the store, on both backends: building a survey, storing responses (once per
//! submission, with their touchpoint event), personal invitations used once, and workspace
//! isolation.

use kunde_domain::*;
use kunde_store::{Store, StoreError, invitation_token_hash};

const NOW: i64 = 1_760_000_000;

kunde_store::store_suite!(
    a_template_survey_is_stored_with_its_questions_and_options,
    questions_are_edited_reordered_and_removed,
    a_response_is_stored_once_with_its_event_on_the_touchpoint,
    a_personal_invitation_is_answered_once_for_its_customer,
    another_workspaces_survey_and_rows_are_out_of_reach,
    a_response_naming_a_foreign_question_or_option_stores_nothing,
    a_workspace_import_writes_its_surveys_and_their_events,
);

fn name(s: &str) -> NonEmpty {
    NonEmpty::parse("name", s).unwrap()
}

struct Fixture {
    ws: WorkspaceId,
    touchpoint: TouchpointId,
    customer: CustomerId,
}

async fn fixture(store: &Store, email: &str) -> Fixture {
    let (ws, _) = store
        .create_workspace(
            &NewWorkspace {
                name: name("Cykelværkstedet"),
                default_language: Language::Da,
                currency: "DKK".into(),
            },
            &NewUser {
                name: name("Mette"),
                email: Email::parse(email).unwrap(),
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
                owner_id: None,
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
                email: Some(Email::parse(&format!("kunde.{email}")).unwrap()),
                language: Language::Sv,
                ..NewCustomer::named(name("Astrid"), NOW)
            },
        )
        .await
        .unwrap();
    Fixture {
        ws: ws.id,
        touchpoint: tp.id,
        customer: customer.id,
    }
}

fn settings(template: &TemplateSurvey, tp: Option<TouchpointId>) -> SurveySettings {
    SurveySettings {
        title: template.title.clone(),
        kind: template.kind,
        touchpoint_id: tp,
        presentation: Presentation::OnePerScreen,
        fatigue_days: 30,
        reminder_days: 3,
        min_group_size: 5,
        default_language: Language::Da,
    }
}

async fn purchase_survey(store: &Store, f: &Fixture) -> (Survey, Vec<Question>) {
    let template = SurveyTemplate::AfterPurchase.build();
    let survey = store
        .create_survey(
            f.ws,
            &settings(&template, Some(f.touchpoint)),
            &template.questions,
            NOW,
        )
        .await
        .unwrap();
    let questions = store.survey_questions(f.ws, survey.id).await.unwrap();
    (survey, questions)
}

fn response(questions: &[Question], key: &str, nps: i64) -> NewResponse {
    let choice = questions[1].options[2].id;
    NewResponse {
        customer_id: None,
        channel: ResponseChannel::Qr,
        language: Language::Da,
        submitted_at: NOW + 60,
        team: None,
        location: None,
        submission_key: key.into(),
        answers: vec![
            (questions[0].id, AnswerValue::Score(4)),
            (questions[1].id, AnswerValue::Choices(vec![choice])),
            (questions[2].id, AnswerValue::Score(nps)),
            (
                questions[3].id,
                AnswerValue::Text("<script>alert(1)</script> Cykeltasker".into()),
            ),
        ],
    }
}

async fn a_template_survey_is_stored_with_its_questions_and_options(store: &Store) {
    let f = fixture(store, "a@bikes.dk").await;
    let (survey, questions) = purchase_survey(store, &f).await;
    assert_eq!(survey.status, SurveyStatus::Draft);
    assert!(survey.token.len() >= 22, "128+ bits: {}", survey.token);
    assert_eq!(survey.title.da, "Efter dit køb");
    let kinds: Vec<QuestionKind> = questions.iter().map(|q| q.kind).collect();
    assert_eq!(
        kinds,
        [
            QuestionKind::Csat,
            QuestionKind::SingleChoice,
            QuestionKind::Nps,
            QuestionKind::Wish
        ]
    );
    let options: Vec<&str> = questions[1]
        .options
        .iter()
        .map(|o| o.text.sv.as_str())
        .collect();
    assert_eq!(options, ["Pris", "Kvalitet", "Rådgivning", "Läge"]);
    assert_eq!(
        store
            .survey_by_token(&survey.token)
            .await
            .unwrap()
            .unwrap()
            .id,
        survey.id
    );
    assert_eq!(store.survey_by_token("nope").await.unwrap(), None);

    store
        .set_survey_status(f.ws, survey.id, SurveyStatus::Live)
        .await
        .unwrap();
    let list = store.list_surveys(f.ws).await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].survey.status, SurveyStatus::Live);
    assert_eq!((list[0].questions, list[0].responses), (4, 0));
}

async fn questions_are_edited_reordered_and_removed(store: &Store) {
    let f = fixture(store, "b@bikes.dk").await;
    let (survey, questions) = purchase_survey(store, &f).await;
    // The choice question loses its last option and renames the first.
    let mut edit = NewQuestion::new(QuestionKind::SingleChoice, questions[1].text.clone());
    edit.options = vec![
        Texts::same("Lav pris"),
        questions[1].options[1].text.clone(),
        questions[1].options[2].text.clone(),
    ];
    store
        .update_question(f.ws, survey.id, questions[1].id, &edit)
        .await
        .unwrap();
    store
        .move_question(f.ws, survey.id, questions[2].id, true)
        .await
        .unwrap();
    store
        .delete_question(f.ws, survey.id, questions[3].id)
        .await
        .unwrap();
    let added = store
        .add_question(
            f.ws,
            survey.id,
            &NewQuestion::new(QuestionKind::Ces, Texts::same("Effort?")),
        )
        .await
        .unwrap();
    let after = store.survey_questions(f.ws, survey.id).await.unwrap();
    let ids: Vec<QuestionId> = after.iter().map(|q| q.id).collect();
    assert_eq!(
        ids,
        [questions[0].id, questions[2].id, questions[1].id, added]
    );
    let choice = &after[2];
    assert_eq!(choice.options.len(), 3);
    assert_eq!(choice.options[0].id, questions[1].options[0].id);
    assert_eq!(choice.options[0].text.en, "Lav pris");
    // Moving the first question up changes nothing.
    store
        .move_question(f.ws, survey.id, questions[0].id, true)
        .await
        .unwrap();
    assert_eq!(
        store.survey_questions(f.ws, survey.id).await.unwrap()[0].id,
        questions[0].id
    );
}

async fn a_response_is_stored_once_with_its_event_on_the_touchpoint(store: &Store) {
    let f = fixture(store, "c@bikes.dk").await;
    let (survey, questions) = purchase_survey(store, &f).await;
    let mut r = response(&questions, "submit-1", 3);
    r.customer_id = Some(f.customer);
    let first = store
        .store_response(f.ws, survey.id, &r, None)
        .await
        .unwrap();
    assert!(first.new);
    // A double submit (same key) is stored once.
    let again = store
        .store_response(f.ws, survey.id, &r, None)
        .await
        .unwrap();
    assert_eq!(again.id, first.id);
    assert!(!again.new);
    assert_eq!(store.count_responses(f.ws, survey.id).await.unwrap(), 1);

    let listed = store
        .list_responses(f.ws, survey.id, i64::MAX)
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].customer_name.as_deref(), Some("Astrid"));
    assert_eq!(listed[0].response.channel, ResponseChannel::Qr);
    assert_eq!(listed[0].response.answers, r.answers);

    // The response is an event on the touchpoint, for the customer, carrying the NPS.
    let events = store.recent_events(f.ws, 10).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].touchpoint_id, f.touchpoint);
    assert_eq!(events[0].customer_id, Some(f.customer));
    assert!(
        events[0].properties.contains(r#""nps":3"#),
        "{}",
        events[0].properties
    );
    assert!(events[0].properties.contains(r#""csat":4"#));

    // A multiple-choice answer with two options reads back as one answer.
    let mut multi = NewQuestion::new(QuestionKind::MultipleChoice, Texts::same("Which?"));
    multi.options = vec![Texts::same("A"), Texts::same("B"), Texts::same("C")];
    let mq = store.add_question(f.ws, survey.id, &multi).await.unwrap();
    let questions = store.survey_questions(f.ws, survey.id).await.unwrap();
    let opts: Vec<OptionId> = questions[4].options.iter().map(|o| o.id).collect();
    let mut r2 = response(&questions, "submit-2", 10);
    r2.answers
        .push((mq, AnswerValue::Choices(vec![opts[2], opts[0]])));
    r2.answers.push((
        questions[0].id,
        AnswerValue::Expectation {
            expected: Level::Good,
            experienced: Level::Bad,
        },
    ));
    r2.answers.remove(0);
    store
        .store_response(f.ws, survey.id, &r2, None)
        .await
        .unwrap();
    let listed = store.list_responses(f.ws, survey.id, 1).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].response.answers, r2.answers);
    assert_eq!(listed[0].customer_name, None);
}

async fn a_personal_invitation_is_answered_once_for_its_customer(store: &Store) {
    let f = fixture(store, "d@bikes.dk").await;
    let (survey, questions) = purchase_survey(store, &f).await;
    let (inv, token) = store
        .create_invitation(f.ws, survey.id, f.customer, NOW)
        .await
        .unwrap();
    assert!(token.len() >= 22);
    assert_ne!(invitation_token_hash(&token), token);
    let found = store.invitation_by_token(&token).await.unwrap().unwrap();
    assert_eq!(found, inv);
    assert_eq!(found.answered_at, None);
    assert_eq!(store.invitation_by_token("guess").await.unwrap(), None);
    store
        .mark_invitation_sent(f.ws, inv.id, NOW + 1)
        .await
        .unwrap();

    let mut r = response(&questions, "inv-1", 9);
    r.channel = ResponseChannel::Email;
    let stored = store
        .store_response(f.ws, survey.id, &r, Some(inv.id))
        .await
        .unwrap();
    let after = store.get_invitation(f.ws, inv.id).await.unwrap();
    assert_eq!(after.answered_at, Some(NOW + 60));
    assert_eq!(after.sent_at, Some(NOW + 1));
    let listed = store.list_responses(f.ws, survey.id, 10).await.unwrap();
    assert_eq!(listed[0].response.customer_id, Some(f.customer));
    assert_eq!(listed[0].response.id, stored.id);

    // The same submission again is the double submit: stored once, no error.
    assert!(
        !store
            .store_response(f.ws, survey.id, &r, Some(inv.id))
            .await
            .unwrap()
            .new
    );
    // Another submission through the same link is refused and stores nothing.
    let second = response(&questions, "inv-2", 0);
    let err = store
        .store_response(f.ws, survey.id, &second, Some(inv.id))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    assert_eq!(store.count_responses(f.ws, survey.id).await.unwrap(), 1);
    assert_eq!(store.recent_events(f.ws, 10).await.unwrap().len(), 1);
}

async fn another_workspaces_survey_and_rows_are_out_of_reach(store: &Store) {
    let a = fixture(store, "e@bikes.dk").await;
    let b = fixture(store, "e@salon.se").await;
    let (survey, questions) = purchase_survey(store, &a).await;
    assert!(matches!(
        store.get_survey(b.ws, survey.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(
        store
            .survey_questions(b.ws, survey.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        store
            .set_survey_status(b.ws, survey.id, SurveyStatus::Live)
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .store_response(b.ws, survey.id, &response(&questions, "x", 5), None)
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .delete_question(b.ws, survey.id, questions[0].id)
            .await,
        Err(StoreError::NotFound)
    ));
    // A survey cannot point at another workspace's touchpoint or invite its customers.
    let template = SurveyTemplate::AfterVisit.build();
    assert!(matches!(
        store
            .create_survey(a.ws, &settings(&template, Some(b.touchpoint)), &[], NOW)
            .await,
        Err(StoreError::InvalidReference(_))
    ));
    assert!(matches!(
        store
            .create_invitation(a.ws, survey.id, b.customer, NOW)
            .await,
        Err(StoreError::InvalidReference(_))
    ));
    let mut r = response(&questions, "y", 5);
    r.customer_id = Some(b.customer);
    assert!(matches!(
        store.store_response(a.ws, survey.id, &r, None).await,
        Err(StoreError::InvalidReference(_))
    ));
    assert!(
        store
            .list_responses(b.ws, survey.id, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.count_responses(a.ws, survey.id).await.unwrap(), 0);
}

async fn a_response_naming_a_foreign_question_or_option_stores_nothing(store: &Store) {
    let f = fixture(store, "g@bikes.dk").await;
    let (survey, questions) = purchase_survey(store, &f).await;
    let (other, other_questions) = purchase_survey(store, &f).await;
    let mut r = response(&questions, "z", 5);
    r.answers
        .push((other_questions[0].id, AnswerValue::Score(5)));
    assert!(matches!(
        store.store_response(f.ws, survey.id, &r, None).await,
        Err(StoreError::InvalidReference(_))
    ));
    let mut r = response(&questions, "z", 5);
    r.answers[1].1 = AnswerValue::Choices(vec![other_questions[1].options[0].id]);
    assert!(matches!(
        store.store_response(f.ws, survey.id, &r, None).await,
        Err(StoreError::InvalidReference(_))
    ));
    assert_eq!(store.count_responses(f.ws, survey.id).await.unwrap(), 0);
    assert_eq!(store.count_responses(f.ws, other.id).await.unwrap(), 0);
    assert!(store.recent_events(f.ws, 10).await.unwrap().is_empty());
}

async fn a_workspace_import_writes_its_surveys_and_their_events(store: &Store) {
    let mut choice = NewQuestion::new(QuestionKind::SingleChoice, Texts::same("Why?"));
    choice.options = vec![Texts::same("Price"), Texts::same("Speed")];
    let answered = |customer, nps, option| ImportResponse {
        customer: Some(customer),
        channel: ResponseChannel::Email,
        language: Language::Tl,
        submitted_at: NOW + 10,
        team: None,
        location: None,
        answers: vec![
            (0, ImportAnswer::Score(nps)),
            (1, ImportAnswer::Choices(vec![option])),
        ],
    };
    let import = WorkspaceImport {
        workspace: NewWorkspace {
            name: name("Imported"),
            default_language: Language::Tl,
            currency: "PHP".into(),
        },
        users: vec![],
        customers: vec![
            NewCustomer::named(name("Ana"), NOW),
            NewCustomer::named(name("Ben"), NOW),
        ],
        journeys: vec![ImportJourney {
            name: "Main".into(),
            description: String::new(),
            variant: JourneyVariant::AsIs,
            counterpart_of: None,
            parent: None,
            stages: vec![ImportStage {
                name: "Service".into(),
                touchpoints: vec![ImportTouchpoint {
                    key: "desk".into(),
                    name: "Desk".into(),
                    channel: Channel::InPerson,
                    digital: false,
                    owned: true,
                    owner: None,
                    customer_goal: String::new(),
                    pain_points: String::new(),
                    ideas: String::new(),
                }],
            }],
        }],
        events: vec![],
        orders: vec![],
        kb: Default::default(),
        cases: Vec::new(),
        touchpoint_counterparts: Vec::new(),
        competitors: Default::default(),
        surveys: vec![ImportSurvey {
            title: Texts::same("Kumusta?"),
            kind: SurveyKind::Customer,
            status: SurveyStatus::Live,
            touchpoint: Some("desk".into()),
            presentation: Presentation::AllAtOnce,
            fatigue_days: 30,
            reminder_days: 0,
            min_group_size: 5,
            default_language: Language::Tl,
            created_at: NOW,
            questions: vec![
                NewQuestion::new(QuestionKind::Nps, Texts::same("NPS?")),
                choice,
            ],
            responses: vec![answered(0, 10, 1), answered(1, 2, 0)],
        }],
    };
    let ws = store.import_workspace(&import, NOW).await.unwrap();
    let surveys = store.list_surveys(ws).await.unwrap();
    assert_eq!(surveys.len(), 1);
    assert_eq!(surveys[0].responses, 2);
    assert_eq!(surveys[0].survey.status, SurveyStatus::Live);
    let questions = store
        .survey_questions(ws, surveys[0].survey.id)
        .await
        .unwrap();
    let listed = store
        .list_responses(ws, surveys[0].survey.id, 10)
        .await
        .unwrap();
    let ana = listed
        .iter()
        .find(|r| r.customer_name.as_deref() == Some("Ana"))
        .unwrap();
    assert_eq!(
        ana.response.answers,
        [
            (questions[0].id, AnswerValue::Score(10)),
            (
                questions[1].id,
                AnswerValue::Choices(vec![questions[1].options[1].id])
            ),
        ]
    );
    let events = store.recent_events(ws, 10).await.unwrap();
    assert_eq!(events.len(), 2);
    assert!(events.iter().any(|e| e.properties.contains(r#""nps":2"#)));

    // A survey naming a touchpoint the import lacks leaves nothing behind.
    let mut bad = import.clone();
    bad.workspace.name = name("Other");
    bad.surveys[0].touchpoint = Some("nowhere".into());
    assert!(matches!(
        store.import_workspace(&bad, NOW).await,
        Err(StoreError::InvalidReference(_))
    ));
    assert_eq!(store.list_workspaces().await.unwrap().len(), 1);
}
