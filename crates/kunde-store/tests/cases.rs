//! Service cases in the store, on both backends: workspaces are kept apart, grants above a
//! role's authority wait for the owner, escalation notices are due once, and closing keeps
//! the root cause that the journey map counts.

use kunde_domain::*;
use kunde_store::{Actor, CaseContact, Store, StoreError, token_hash};

const NOW: i64 = 1_760_000_000;

kunde_store::store_suite!(
    a_case_is_opened_answered_and_closed_with_a_root_cause,
    another_workspace_cannot_see_or_touch_a_case,
    a_grant_above_the_staff_authority_waits_for_the_owner,
    escalation_notices_are_due_once,
    the_public_form_finds_or_creates_the_customer,
    attachments_belong_to_their_case_and_workspace,
    a_case_may_have_no_customer,
);

fn name(s: &str) -> NonEmpty {
    NonEmpty::parse("name", s).unwrap()
}

struct Fixture {
    ws: Workspace,
    owner: User,
    staff: User,
    customer: Customer,
    touchpoint: Touchpoint,
}

async fn fixture(store: &Store, slug: &str) -> Fixture {
    let (ws, owner) = store
        .create_workspace(
            &NewWorkspace {
                name: name(slug),
                default_language: Language::Da,
                currency: "DKK".into(),
            },
            &NewUser {
                name: name("Olivia Owner"),
                email: Email::parse(&format!("owner@{slug}.test")).unwrap(),
                role: Role::Owner,
                language: Language::En,
                password: None,
            },
            "$argon2id$fake",
            NOW,
        )
        .await
        .unwrap();
    let staff = store
        .create_user(
            ws.id,
            &NewUser {
                name: name("Sam Staff"),
                email: Email::parse(&format!("staff@{slug}.test")).unwrap(),
                role: Role::Staff,
                language: Language::Da,
                password: None,
            },
            Some("$argon2id$fake"),
            None,
            NOW,
        )
        .await
        .unwrap();
    let customer = store
        .create_customer(
            ws.id,
            &NewCustomer {
                email: Some(Email::parse(&format!("anna@{slug}.test")).unwrap()),
                ..NewCustomer::named(name("Anna"), NOW)
            },
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
            &["Awareness", "Service"],
            NOW,
        )
        .await
        .unwrap();
    let stages = store.list_stages(ws.id, journey.id).await.unwrap();
    let touchpoint = store
        .create_touchpoint(
            ws.id,
            &NewTouchpoint {
                stage_id: stages[0].id,
                name: name("Call to book"),
                channel: Channel::Phone,
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
    Fixture {
        ws,
        owner,
        staff,
        customer,
        touchpoint,
    }
}

async fn new_case(store: &Store, f: &Fixture, created_at: i64) -> NewCase {
    let categories = store.case_categories(f.ws.id).await.unwrap();
    NewCase {
        customer_id: Some(f.customer.id),
        touchpoint_id: Some(f.touchpoint.id),
        category_id: categories[0].id,
        subject: "Nobody answers the phone".into(),
        description: "I called three times".into(),
        priority: CasePriority::Normal,
        assignee_id: Some(f.staff.id),
        source: CaseSource::Staff,
        created_by: Some(f.staff.id),
        created_at,
        due: CaseDue {
            first_response_warn: created_at + 750,
            first_response: created_at + 1000,
            resolution_warn: created_at + 7500,
            resolution: created_at + 10_000,
        },
    }
}

async fn a_case_is_opened_answered_and_closed_with_a_root_cause(store: &Store) {
    let f = fixture(store, "a").await;
    let categories = store.case_categories(f.ws.id).await.unwrap();
    assert_eq!(categories.len(), 5, "the five built-in categories");
    assert_eq!(categories[0].builtin.as_deref(), Some("broken"));
    let case = store
        .create_case(f.ws.id, &new_case(store, &f, NOW).await)
        .await
        .unwrap();
    assert_eq!(case.status, CaseStatus::New);
    assert_eq!(case.customer_name.as_deref(), Some("Anna"));
    store
        .add_case_entry(
            f.ws.id,
            case.id,
            EntryKind::Note,
            Some(f.staff.id),
            "internal",
            NOW + 10,
        )
        .await
        .unwrap();
    let after_note = store.get_case(f.ws.id, case.id).await.unwrap();
    assert_eq!(
        after_note.first_response_at, None,
        "a note is not a response"
    );
    store
        .add_case_entry(
            f.ws.id,
            case.id,
            EntryKind::Reply,
            Some(f.staff.id),
            "sorry",
            NOW + 20,
        )
        .await
        .unwrap();
    let answered = store.get_case(f.ws.id, case.id).await.unwrap();
    assert_eq!(answered.first_response_at, Some(NOW + 20));
    assert_eq!(answered.status, CaseStatus::Open);
    let causes = store.root_causes(f.ws.id).await.unwrap();
    let phone = causes
        .iter()
        .find(|c| c.name == "Booking by phone")
        .unwrap();
    store
        .close_case(
            f.ws.id,
            case.id,
            phone.id,
            "queue too long",
            Some("call-back button"),
            &token_hash("tok"),
            Some(f.staff.id),
            NOW + 500,
        )
        .await
        .unwrap();
    let closed = store.get_case(f.ws.id, case.id).await.unwrap();
    assert_eq!(closed.status, CaseStatus::Closed);
    assert_eq!(closed.resolved_at, Some(NOW + 500));
    assert!(closed.is_idea);
    let by_tp = store.case_root_causes_by_touchpoint(f.ws.id).await.unwrap();
    assert_eq!(
        by_tp.get(&f.touchpoint.id),
        Some(&(1, "Booking by phone".to_owned()))
    );
    let entries = store.case_entries(f.ws.id, case.id).await.unwrap();
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[1].author_name.as_deref(), Some("Sam Staff"));
    // The rating link works once the case is closed; a wrong token finds nothing.
    assert!(
        store
            .case_by_rating_token(&token_hash("nope"))
            .await
            .unwrap()
            .is_none()
    );
    store
        .rate_case(&token_hash("tok"), 4, NOW + 600)
        .await
        .unwrap();
    assert_eq!(
        store.get_case(f.ws.id, case.id).await.unwrap().rating,
        Some(4)
    );
    assert!(store.rate_case(&token_hash("tok"), 9, NOW).await.is_err());
    // A link rates once (issue 18): a second rating is a conflict and changes nothing.
    assert!(matches!(
        store.rate_case(&token_hash("tok"), 1, NOW + 700).await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(
        store.get_case(f.ws.id, case.id).await.unwrap().rating,
        Some(4)
    );
    assert!(matches!(
        store.rate_case(&token_hash("nope"), 1, NOW + 700).await,
        Err(StoreError::NotFound)
    ));
    // Closing twice is refused.
    assert!(matches!(
        store
            .close_case(f.ws.id, case.id, phone.id, "", None, "x", None, NOW)
            .await,
        Err(StoreError::NotFound)
    ));
}

async fn another_workspace_cannot_see_or_touch_a_case(store: &Store) {
    let a = fixture(store, "a").await;
    let b = fixture(store, "b").await;
    let case = store
        .create_case(a.ws.id, &new_case(store, &a, NOW).await)
        .await
        .unwrap();
    assert!(matches!(
        store.get_case(b.ws.id, case.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(
        store
            .list_cases(b.ws.id, None, 100)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        store
            .add_case_entry(b.ws.id, case.id, EntryKind::Note, None, "x", NOW)
            .await,
        Err(StoreError::NotFound)
    ));
    // A case in B that names A's customer is refused.
    let mut foreign = new_case(store, &b, NOW).await;
    foreign.customer_id = Some(a.customer.id);
    assert!(matches!(
        store.create_case(b.ws.id, &foreign).await,
        Err(StoreError::InvalidReference(_))
    ));
    let mut foreign = new_case(store, &b, NOW).await;
    foreign.touchpoint_id = Some(a.touchpoint.id);
    assert!(matches!(
        store.create_case(b.ws.id, &foreign).await,
        Err(StoreError::InvalidReference(_))
    ));
    assert!(
        store
            .request_grant(
                b.ws.id,
                case.id,
                GrantKind::Refund,
                Money(100),
                "",
                &b.staff,
                NOW
            )
            .await
            .is_err()
    );
}

async fn a_grant_above_the_staff_authority_waits_for_the_owner(store: &Store) {
    let f = fixture(store, "a").await;
    store
        .save_case_authority(
            f.ws.id,
            Authority {
                staff: Money(10_000),
                owner: Money(100_000),
            },
        )
        .await
        .unwrap();
    let case = store
        .create_case(f.ws.id, &new_case(store, &f, NOW).await)
        .await
        .unwrap();
    let small = store
        .request_grant(
            f.ws.id,
            case.id,
            GrantKind::Discount,
            Money(10_000),
            "",
            &f.staff,
            NOW,
        )
        .await
        .unwrap();
    assert_eq!(small.status, GrantStatus::Granted);
    let large = store
        .request_grant(
            f.ws.id,
            case.id,
            GrantKind::Refund,
            Money(10_001),
            "broken",
            &f.staff,
            NOW,
        )
        .await
        .unwrap();
    assert_eq!(large.status, GrantStatus::Pending);
    let by_owner = store
        .request_grant(
            f.ws.id,
            case.id,
            GrantKind::Refund,
            Money(50_000),
            "",
            &f.owner,
            NOW,
        )
        .await
        .unwrap();
    assert_eq!(
        by_owner.status,
        GrantStatus::Granted,
        "within the owner's authority"
    );
    let pending = store.case_grants(f.ws.id, None).await.unwrap();
    assert_eq!(
        pending.iter().map(|g| g.id).collect::<Vec<_>>(),
        vec![large.id]
    );
    // Staff cannot decide; the owner can, once.
    assert!(
        store
            .decide_grant(f.ws.id, large.id, true, &f.staff, NOW)
            .await
            .is_err()
    );
    let decided = store
        .decide_grant(f.ws.id, large.id, true, &f.owner, NOW + 5)
        .await
        .unwrap();
    assert_eq!(decided.status, GrantStatus::Approved);
    assert_eq!(decided.decided_by.as_deref(), Some("Olivia Owner"));
    assert!(matches!(
        store
            .decide_grant(f.ws.id, large.id, false, &f.owner, NOW + 6)
            .await,
        Err(StoreError::NotFound)
    ));
    let entries = store.case_entries(f.ws.id, case.id).await.unwrap();
    assert!(entries.iter().any(|e| e.body.contains("approved")));
}

async fn escalation_notices_are_due_once(store: &Store) {
    let f = fixture(store, "a").await;
    let case = store
        .create_case(f.ws.id, &new_case(store, &f, NOW).await)
        .await
        .unwrap();
    assert!(store.due_escalations(NOW + 700).await.unwrap().is_empty());
    let due = store.due_escalations(NOW + 800).await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].kind, "first_warn");
    assert_eq!(due[0].assignee.as_ref().unwrap().1, "staff@a.test");
    assert!(
        store
            .record_escalation(f.ws.id, case.id, "first_warn", NOW + 800)
            .await
            .unwrap()
    );
    assert!(
        !store
            .record_escalation(f.ws.id, case.id, "first_warn", NOW + 801)
            .await
            .unwrap()
    );
    assert!(store.due_escalations(NOW + 900).await.unwrap().is_empty());
    let due = store.due_escalations(NOW + 1001).await.unwrap();
    assert_eq!(
        due.iter().map(|d| d.kind).collect::<Vec<_>>(),
        vec!["first_missed"]
    );
    // Another workspace's id records nothing.
    let b = fixture(store, "b").await;
    assert!(
        !store
            .record_escalation(b.ws.id, case.id, "first_missed", NOW)
            .await
            .unwrap()
    );
}

async fn the_public_form_finds_or_creates_the_customer(store: &Store) {
    let f = fixture(store, "a").await;
    let settings = store.case_settings(f.ws.id).await.unwrap();
    assert_eq!(settings.public_id.len(), 32);
    assert_eq!(
        store.case_settings(f.ws.id).await.unwrap(),
        settings,
        "stable"
    );
    let found = store
        .case_form_workspace(&settings.public_id)
        .await
        .unwrap();
    assert_eq!(found.map(|w| w.id), Some(f.ws.id));
    assert!(store.case_form_workspace("0000").await.unwrap().is_none());
    let mut c = new_case(store, &f, NOW).await;
    c.source = CaseSource::Form;
    c.assignee_id = None;
    c.created_by = None;
    let known = CaseContact {
        name: name("Anna A."),
        email: Email::parse("anna@a.test").unwrap(),
        language: Language::Da,
    };
    let case = store
        .create_case_for_contact(f.ws.id, &known, &c)
        .await
        .unwrap();
    assert_eq!(case.customer_id, Some(f.customer.id));
    let new = CaseContact {
        name: name("Bo"),
        email: Email::parse("bo@x.test").unwrap(),
        language: Language::Sv,
    };
    let case = store
        .create_case_for_contact(f.ws.id, &new, &c)
        .await
        .unwrap();
    let bo = store
        .get_customer(f.ws.id, case.customer_id.unwrap())
        .await
        .unwrap();
    assert_eq!(bo.language, Language::Sv);
    // A bad touchpoint rolls the new customer back too.
    let mut bad = c.clone();
    bad.touchpoint_id = Some(TouchpointId(999_999));
    let carl = CaseContact {
        name: name("Carl"),
        email: Email::parse("carl@x.test").unwrap(),
        language: Language::En,
    };
    assert!(
        store
            .create_case_for_contact(f.ws.id, &carl, &bad)
            .await
            .is_err()
    );
    let (all, _) = store
        .list_customers(
            f.ws.id,
            &kunde_store::CustomerQuery {
                search: Some("carl".into()),
                limit: 10,
                offset: 0,
            },
        )
        .await
        .unwrap();
    assert!(all.is_empty(), "nothing half-written");
}

async fn attachments_belong_to_their_case_and_workspace(store: &Store) {
    let a = fixture(store, "a").await;
    let b = fixture(store, "b").await;
    let case = store
        .create_case(a.ws.id, &new_case(store, &a, NOW).await)
        .await
        .unwrap();
    let bytes = [0u8, 1, 2, 255, 254];
    let info = store
        .add_case_attachment(
            a.ws.id,
            case.id,
            "receipt.pdf",
            "application/pdf",
            &bytes,
            Some(a.staff.id),
            NOW,
        )
        .await
        .unwrap();
    let (read, data) = store
        .case_attachment(a.ws.id, case.id, info.id)
        .await
        .unwrap();
    assert_eq!(data, bytes);
    assert_eq!(read.file_name, "receipt.pdf");
    assert!(matches!(
        store.case_attachment(b.ws.id, case.id, info.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .add_case_attachment(b.ws.id, case.id, "x", "text/plain", b"x", None, NOW)
            .await,
        Err(StoreError::NotFound)
    ));
}

/// Issue 17: a case opened from an anonymous answer has no customer. It is read, listed,
/// escalated and left alone by a customer's export and erasure like any other case.
async fn a_case_may_have_no_customer(store: &Store) {
    let f = fixture(store, "a").await;
    let named = store
        .create_case(f.ws.id, &new_case(store, &f, NOW).await)
        .await
        .unwrap();
    let anonymous = NewCase {
        customer_id: None,
        subject: "Rude at the counter".into(),
        ..new_case(store, &f, NOW + 1).await
    };
    let case = store.create_case(f.ws.id, &anonymous).await.unwrap();
    assert_eq!(case.customer_id, None);
    assert_eq!(case.customer_name, None);
    let read = store.get_case(f.ws.id, case.id).await.unwrap();
    assert_eq!(read.subject, "Rude at the counter");
    assert_eq!(read.customer_id, None);
    let all = store.list_cases(f.ws.id, None, 100).await.unwrap();
    assert_eq!(all.len(), 2);
    let theirs = store
        .list_cases(f.ws.id, Some(f.customer.id), 100)
        .await
        .unwrap();
    assert_eq!(
        theirs.iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![named.id]
    );
    let due = store.due_escalations(NOW + 800).await.unwrap();
    let mine = due.iter().find(|d| d.case_id == case.id).unwrap();
    assert_eq!(mine.customer_name, None);
    assert_eq!(mine.subject, "Rude at the counter");

    let export = store
        .customer_export(f.ws.id, f.customer.id, NOW + 2)
        .await
        .unwrap();
    assert_eq!(export.cases.len(), 1, "only the customer's own case");
    store
        .erase_customer(f.ws.id, f.customer.id, &Actor::system("test"), NOW + 3)
        .await
        .unwrap();
    let kept = store.get_case(f.ws.id, case.id).await.unwrap();
    assert_eq!(kept.subject, "Rude at the counter");
    assert_eq!(kept.description, anonymous.description);
    // Another workspace does not find it.
    let b = fixture(store, "b").await;
    assert!(matches!(
        store.get_case(b.ws.id, case.id).await,
        Err(StoreError::NotFound)
    ));
}
