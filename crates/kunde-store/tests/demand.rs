//! Demand lists and thank-you notes in the store (issue 15), on both backends: wish answers
//! grouped into items, merged, and read only in their workspace; the "Notify me" request
//! finding or creating the customer with the consent's time; marking an item available
//! queuing one e-mail per waiting customer with their notification, never twice; bought
//! since; thank-you notes with their timeline event; postal addresses exported and erased.

use kunde_domain::mail::Mail;
use kunde_domain::*;
use kunde_store::trust::Actor;
use kunde_store::{Added, Store, StoreError};

const NOW: i64 = 1_760_000_000;
const DAY: i64 = 86_400;

kunde_store::store_suite!(
    wish_answers_group_into_items_that_merge_within_their_workspace,
    a_notify_request_finds_or_creates_the_customer_with_the_time_of_consent,
    marking_available_queues_one_e_mail_per_waiting_customer_and_never_twice,
    a_thank_you_note_is_recorded_with_an_event_on_the_loyalty_stage,
    the_postal_address_and_waiting_lists_are_exported_and_erased,
);

fn name(s: &str) -> NonEmpty {
    NonEmpty::parse("name", s).unwrap()
}

struct Fixture {
    ws: WorkspaceId,
    owner: UserId,
    customers: Vec<CustomerId>,
    /// The wish answers, in the order given, and an id that is no answer.
    wishes: Vec<i64>,
    free_text: i64,
}

async fn fixture(store: &Store, slug: &str, wishes: &[&str]) -> Fixture {
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
                owner_id: None,
                customer_goal: String::new(),
                pain_points: String::new(),
                ideas: String::new(),
            },
        )
        .await
        .unwrap();
    let settings = SurveySettings {
        title: Texts::same("After pick-up"),
        kind: SurveyKind::Customer,
        touchpoint_id: Some(tp.id),
        presentation: Presentation::AllAtOnce,
        fatigue_days: 30,
        reminder_days: 3,
        min_group_size: 5,
        default_language: Language::Da,
    };
    let questions = [
        NewQuestion::new(QuestionKind::Wish, Texts::same("What would you buy?")),
        NewQuestion::new(QuestionKind::FreeText, Texts::same("Anything else?")),
    ];
    let s = store
        .create_survey(ws.id, &settings, &questions, NOW)
        .await
        .unwrap();
    store
        .set_survey_status(ws.id, s.id, SurveyStatus::Live)
        .await
        .unwrap();
    let qs = store.survey_questions(ws.id, s.id).await.unwrap();
    let mut customers = Vec::new();
    for (i, (who, lang)) in [("Astrid", Language::Sv), ("Bo", Language::Da)]
        .into_iter()
        .enumerate()
    {
        let c = store
            .create_customer(
                ws.id,
                &NewCustomer {
                    email: Some(Email::parse(&format!("{}@{slug}.test", i)).unwrap()),
                    language: lang,
                    ..NewCustomer::named(name(who), NOW)
                },
            )
            .await
            .unwrap();
        customers.push(c.id);
    }
    for (i, text) in wishes.iter().enumerate() {
        let mut answers = vec![(qs[0].id, AnswerValue::Text((*text).into()))];
        if i == 0 {
            answers.push((qs[1].id, AnswerValue::Text("Friendly staff".into())));
        }
        store
            .store_response(
                ws.id,
                s.id,
                &NewResponse {
                    customer_id: Some(customers[i % 2]),
                    channel: ResponseChannel::Link,
                    language: Language::Da,
                    submitted_at: NOW + i as i64,
                    team: None,
                    location: None,
                    submission_key: format!("k{i}"),
                    answers,
                },
                None,
            )
            .await
            .unwrap();
    }
    let all = store.wish_answers(ws.id, 100).await.unwrap();
    // Newest first from the store; the fixture hands them back in the order given.
    let wishes: Vec<i64> = all.iter().rev().map(|a| a.id).collect();
    let free_text = 1_000_000_000;
    Fixture {
        ws: ws.id,
        owner: owner.id,
        customers,
        wishes,
        free_text,
    }
}

async fn wish_answers_group_into_items_that_merge_within_their_workspace(store: &Store) {
    let f = fixture(
        store,
        "group",
        &["Bike bags", "Bike bags please", "A loan bike"],
    )
    .await;
    let other = fixture(store, "other", &["Cargo bikes"]).await;
    let all = store.wish_answers(f.ws, 100).await.unwrap();
    assert_eq!(all.len(), 3, "only wish answers, not the free text");
    assert!(all.iter().all(|a| a.item.is_none() && a.customer.is_some()));

    let bags = store
        .create_demand_item(f.ws, &name("Bike bags"), &f.wishes[..2], NOW)
        .await
        .unwrap();
    let loan = store
        .create_demand_item(f.ws, &name("Loan bike"), &f.wishes[2..], NOW)
        .await
        .unwrap();
    assert_eq!(store.demand_item(f.ws, bags).await.unwrap().answers, 2);
    // Another business's answer, or an id that is no answer, is refused whole.
    for wrong in [other.wishes[0], f.free_text] {
        assert!(matches!(
            store
                .create_demand_item(f.ws, &name("x"), &[f.wishes[0], wrong], NOW)
                .await,
            Err(StoreError::InvalidReference(_))
        ));
    }
    assert_eq!(store.demand_items(f.ws).await.unwrap().len(), 2);
    // An answer moves between items rather than being in two.
    store
        .assign_demand_answers(f.ws, loan, &[f.wishes[1]])
        .await
        .unwrap();
    assert_eq!(store.demand_item(f.ws, bags).await.unwrap().answers, 1);
    assert_eq!(store.demand_item(f.ws, loan).await.unwrap().answers, 2);

    // Both customers wait for "bags", one for "loan"; merging keeps each customer once.
    for c in &f.customers {
        store
            .add_demand_waiting(f.ws, bags, *c, Some(f.owner), NOW)
            .await
            .unwrap();
    }
    store
        .add_demand_waiting(f.ws, loan, f.customers[0], None, NOW)
        .await
        .unwrap();
    store.merge_demand_items(f.ws, bags, loan).await.unwrap();
    let merged = store.demand_item(f.ws, loan).await.unwrap();
    assert_eq!((merged.answers, merged.waiting), (3, 2));
    assert!(matches!(
        store.demand_item(f.ws, bags).await,
        Err(StoreError::NotFound)
    ));
    store
        .rename_demand_item(f.ws, loan, &name("Bags and loans"))
        .await
        .unwrap();

    // The other business sees none of it and cannot touch it.
    assert!(store.demand_items(other.ws).await.unwrap().is_empty());
    assert!(matches!(
        store.demand_item(other.ws, loan).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.rename_demand_item(other.ws, loan, &name("x")).await,
        Err(StoreError::NotFound)
    ));
    let theirs = store
        .create_demand_item(other.ws, &name("Cargo"), &[], NOW)
        .await
        .unwrap();
    assert!(matches!(
        store.merge_demand_items(f.ws, loan, theirs).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .add_demand_waiting(other.ws, theirs, f.customers[0], None, NOW)
            .await,
        Err(StoreError::NotFound)
    ));
    let key = store.demand_item(f.ws, loan).await.unwrap().public_key;
    assert_eq!(key.len(), 20);
    assert!(
        store
            .demand_item_by_key(other.ws, &key)
            .await
            .unwrap()
            .is_none()
    );
}

async fn a_notify_request_finds_or_creates_the_customer_with_the_time_of_consent(store: &Store) {
    let f = fixture(store, "notify", &["Bike bags"]).await;
    let item = store
        .create_demand_item(f.ws, &name("Bike bags"), &f.wishes, NOW)
        .await
        .unwrap();
    let known = Email::parse("0@notify.test").unwrap();
    let added = store
        .request_demand_notice(f.ws, item, &known, Language::Sv, NOW + 10)
        .await
        .unwrap();
    assert_eq!(added, Added::Added);
    let again = store
        .request_demand_notice(f.ws, item, &known, Language::Sv, NOW + 20)
        .await
        .unwrap();
    assert_eq!(again, Added::AlreadyWaiting);
    let new = Email::parse("new@notify.test").unwrap();
    store
        .request_demand_notice(f.ws, item, &new, Language::Tl, NOW + 30)
        .await
        .unwrap();
    let waiting = store.demand_waiting(f.ws, item).await.unwrap();
    assert_eq!(waiting.len(), 2);
    assert_eq!(waiting[0].customer, f.customers[0], "the known customer");
    assert_eq!(
        waiting[0].consent_at,
        Some(NOW + 20),
        "asking again renews it"
    );
    assert_eq!(waiting[0].source, kunde_store::NOTIFY_FORM_SOURCE);
    let created = store.get_customer(f.ws, waiting[1].customer).await.unwrap();
    assert_eq!(
        created.email.as_ref().map(Email::as_str),
        Some("new@notify.test")
    );
    assert_eq!(created.language, Language::Tl);
    assert!(
        !created.marketing_consent,
        "asking for one e-mail is no newsletter consent"
    );
    assert_eq!(
        store
            .customer_by_email(f.ws, &new)
            .await
            .unwrap()
            .map(|c| c.id),
        Some(created.id)
    );
}

fn mail_for(r: &kunde_store::Recipient) -> Mail {
    Mail {
        to: r.email.clone(),
        to_name: Some(r.name.clone()),
        subject: format!("available [{}]", r.language.code()),
        text: "It is here.".into(),
        ..Default::default()
    }
}

async fn marking_available_queues_one_e_mail_per_waiting_customer_and_never_twice(store: &Store) {
    let f = fixture(store, "avail", &["Bike bags"]).await;
    let item = store
        .create_demand_item(f.ws, &name("Bike bags"), &f.wishes, NOW)
        .await
        .unwrap();
    for c in &f.customers {
        store
            .add_demand_waiting(f.ws, item, *c, None, NOW)
            .await
            .unwrap();
    }
    // A waiting customer without an address is not e-mailed.
    let nameless = store
        .create_customer(f.ws, &NewCustomer::named(name("No mail"), NOW))
        .await
        .unwrap();
    store
        .add_demand_waiting(f.ws, item, nameless.id, None, NOW)
        .await
        .unwrap();
    let sent = store
        .mark_demand_available(f.ws, item, NOW + DAY, mail_for)
        .await
        .unwrap();
    assert_eq!(sent, Some(2));
    let mail = store.recent_mail(f.ws, 10).await.unwrap();
    let mut subjects: Vec<&str> = mail.iter().map(|m| m.mail.subject.as_str()).collect();
    subjects.sort();
    assert_eq!(
        subjects,
        ["available [da]", "available [sv]"],
        "each in their language"
    );
    // Pressed again (or by a second instance): nothing more.
    let again = store
        .mark_demand_available(f.ws, item, NOW + 2 * DAY, mail_for)
        .await
        .unwrap();
    assert_eq!(again, None);
    assert_eq!(store.recent_mail(f.ws, 10).await.unwrap().len(), 2);
    // Nobody joins an available item's list.
    let late = store
        .create_customer(f.ws, &NewCustomer::named(name("Late"), NOW))
        .await
        .unwrap();
    assert_eq!(
        store
            .add_demand_waiting(f.ws, item, late.id, None, NOW + 3 * DAY)
            .await
            .unwrap(),
        Added::Available
    );
    let item_now = store.demand_item(f.ws, item).await.unwrap();
    assert_eq!(
        (item_now.waiting, item_now.notified, item_now.bought_since),
        (3, 2, 0)
    );
    // An order before the notification does not count; one after does.
    for (c, at) in [(f.customers[0], NOW), (f.customers[1], NOW + 2 * DAY)] {
        store
            .insert_order(
                f.ws,
                &NewOrder {
                    customer_id: c,
                    reference: None,
                    ordered_at: at,
                    paid: true,
                    discount_code: None,
                    lines: vec![NewOrderLine {
                        product: name("Bag"),
                        quantity: 1,
                        unit_price: Money(50_000),
                    }],
                },
            )
            .await
            .unwrap();
    }
    assert_eq!(store.demand_item(f.ws, item).await.unwrap().bought_since, 1);
    let waiting = store.demand_waiting(f.ws, item).await.unwrap();
    let bought: Vec<bool> = waiting.iter().map(|w| w.bought_since).collect();
    assert_eq!(bought, [false, true, false]);
    // Merging an available item is refused.
    let other = store
        .create_demand_item(f.ws, &name("Other"), &[], NOW)
        .await
        .unwrap();
    assert!(matches!(
        store.merge_demand_items(f.ws, other, item).await,
        Err(StoreError::InvalidReference(_))
    ));
}

async fn a_thank_you_note_is_recorded_with_an_event_on_the_loyalty_stage(store: &Store) {
    let f = fixture(store, "notes", &[]).await;
    let other = fixture(store, "notes-other", &[]).await;
    let c = f.customers[0];
    store
        .record_thank_you_note(f.ws, c, "champion", f.owner, NOW, "Thank-you note")
        .await
        .unwrap();
    store
        .record_thank_you_note(f.ws, c, "most_valuable", f.owner, NOW + DAY, "ignored")
        .await
        .unwrap();
    let notes = store
        .thank_you_notes(f.ws, Some(c), i64::MIN)
        .await
        .unwrap();
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[0].reason, "most_valuable");
    assert_eq!(notes[0].written_by.as_deref(), Some("Mette"));
    assert_eq!(
        store.last_thank_you_notes(f.ws).await.unwrap(),
        [(c, NOW + DAY)]
    );
    // Both notes are events on the same touchpoint, made once.
    let timeline = store.customer_timeline(f.ws, c, 10).await.unwrap();
    let notes_on_timeline: Vec<&str> = timeline
        .iter()
        .filter(|i| i.kind == "event")
        .map(|i| i.title.as_str())
        .collect();
    assert_eq!(notes_on_timeline, ["Thank-you note", "Thank-you note"]);
    // Another business cannot record a note for this customer or read the notes.
    assert!(matches!(
        store
            .record_thank_you_note(other.ws, c, "champion", other.owner, NOW, "x")
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(
        store
            .last_thank_you_notes(other.ws)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .thank_you_notes(other.ws, Some(c), i64::MIN)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn the_postal_address_and_waiting_lists_are_exported_and_erased(store: &Store) {
    let f = fixture(store, "privacy", &["Bike bags"]).await;
    let c = f.customers[0];
    store
        .set_postal_address(f.ws, c, Some("  Nørregade 1\n1165 København K  "))
        .await
        .unwrap();
    assert_eq!(
        store.postal_address(f.ws, c).await.unwrap().as_deref(),
        Some("Nørregade 1\n1165 København K")
    );
    assert!(matches!(
        store
            .set_postal_address(f.ws, c, Some(&"x".repeat(501)))
            .await,
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.set_postal_address(f.ws, c, Some("a\u{0}b")).await,
        Err(StoreError::Invalid(_))
    ));
    let other = fixture(store, "privacy-other", &[]).await;
    assert!(matches!(
        store.set_postal_address(other.ws, c, Some("x")).await,
        Err(StoreError::NotFound)
    ));
    let item = store
        .create_demand_item(f.ws, &name("Bike bags"), &f.wishes, NOW)
        .await
        .unwrap();
    store
        .request_demand_notice(
            f.ws,
            item,
            &Email::parse("0@privacy.test").unwrap(),
            Language::Da,
            NOW,
        )
        .await
        .unwrap();
    store
        .record_thank_you_note(f.ws, c, "champion", f.owner, NOW, "Thank-you note")
        .await
        .unwrap();

    let export = store.customer_export(f.ws, c, NOW).await.unwrap();
    assert_eq!(
        export.profile.postal_address.as_deref(),
        Some("Nørregade 1\n1165 København K")
    );
    assert_eq!(export.keep_in_touch.waiting_lists.len(), 1);
    assert_eq!(export.keep_in_touch.waiting_lists[0].item, "Bike bags");
    assert_eq!(export.keep_in_touch.thank_you_notes.len(), 1);
    assert!(
        export
            .consents
            .iter()
            .any(|k| k.kind == "notify_when_available" && k.recorded_at == Some(NOW))
    );
    let json = serde_json::to_string(&export).unwrap();
    assert!(json.contains("Nørregade"), "{json}");

    store
        .erase_customer(f.ws, c, &Actor::system("test"), NOW + DAY)
        .await
        .unwrap();
    assert_eq!(store.postal_address(f.ws, c).await.unwrap(), None);
    assert!(
        store.demand_waiting(f.ws, item).await.unwrap().is_empty(),
        "an unanswered request goes with its consent"
    );
    let after = store.customer_export(f.ws, c, NOW + DAY).await.unwrap();
    assert_eq!(after.profile.postal_address, None);
    assert!(after.keep_in_touch.waiting_lists.is_empty());
}
