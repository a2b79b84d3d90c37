//! Rule segments (issue 15): each condition against a table of customers, the form's
//! parsing with the field at fault named, the stored text round trip, and the property that
//! a rule of several conditions selects exactly the customers every condition selects.

use kunde_analytics::rfm::Segment;
use kunde_analytics::segment_rule::{Condition, CustomerFacts, Rule, RuleError, RuleForm};
use proptest::prelude::*;

const NOW: i64 = 1_800_000_000;
const DAY: i64 = 86_400;
const LANGUAGES: [&str; 4] = ["en", "da", "sv", "tl"];

/// Five customers, different in every fact.
fn table() -> Vec<CustomerFacts> {
    vec![
        // 0: a champion, ordered yesterday, promoter, consent.
        CustomerFacts {
            rfm: Some(Segment::Champions),
            alive: Some(0.95),
            predicted: Some(800.0),
            last_order: Some(NOW - DAY),
            orders: 9,
            products: vec!["Coffee Beans".into(), "Mug".into()],
            channel: Some("Google".into()),
            language: "da".into(),
            consent: true,
            nps: vec![(NOW - 3 * DAY, 10)],
            cases_closed: vec![],
            touchpoints: vec![1, 2, 3],
            last_touchpoint: Some(3),
        },
        // 1: at risk, last order 100 days ago, detractor 10 days ago, a case closed.
        CustomerFacts {
            rfm: Some(Segment::AtRisk),
            alive: Some(0.2),
            predicted: Some(40.0),
            last_order: Some(NOW - 100 * DAY),
            orders: 3,
            products: vec!["coffee beans".into()],
            channel: Some("facebook".into()),
            language: "en".into(),
            consent: false,
            nps: vec![(NOW - 10 * DAY, 4)],
            cases_closed: vec![NOW - 5 * DAY],
            touchpoints: vec![1, 2],
            last_touchpoint: Some(2),
        },
        // 2: lost, one order long ago, an old detractor answer.
        CustomerFacts {
            rfm: Some(Segment::Lost),
            alive: Some(0.05),
            predicted: Some(2.0),
            last_order: Some(NOW - 400 * DAY),
            orders: 1,
            products: vec!["Mug".into()],
            channel: None,
            language: "sv".into(),
            consent: true,
            nps: vec![(NOW - 200 * DAY, 2)],
            cases_closed: vec![NOW - 90 * DAY],
            touchpoints: vec![1],
            last_touchpoint: Some(1),
        },
        // 3: never ordered, no fit.
        CustomerFacts {
            language: "en".into(),
            consent: true,
            channel: Some("Google".into()),
            touchpoints: vec![1],
            last_touchpoint: Some(1),
            ..Default::default()
        },
        // 4: nothing known at all.
        CustomerFacts {
            language: "tl".into(),
            ..Default::default()
        },
    ]
}

fn one(c: Condition) -> Rule {
    Rule { all: vec![c] }
}

#[test]
fn each_condition_selects_the_customers_it_describes() {
    use Condition::*;
    let cases: Vec<(Condition, Vec<usize>)> = vec![
        (Rfm(vec![Segment::Champions, Segment::AtRisk]), vec![0, 1]),
        (Rfm(vec![Segment::Loyal]), vec![]),
        (AliveBelow(0.3), vec![1, 2]),
        (AliveAbove(0.3), vec![0]),
        (ValueAbove(40.0), vec![0]),
        (ValueBelow(40.0), vec![2]),
        (LastOrderBefore(60), vec![1, 2]),
        (LastOrderWithin(60), vec![0]),
        (LastOrderWithin(100), vec![0, 1]),
        (OrdersAtLeast(3), vec![0, 1]),
        (OrdersAtMost(1), vec![2, 3, 4]),
        (OrdersAtMost(0), vec![3, 4]),
        (Bought("COFFEE BEANS".into()), vec![0, 1]),
        (NeverBought("coffee beans".into()), vec![2, 3, 4]),
        (Channel("google".into()), vec![0, 3]),
        (Language("en".into()), vec![1, 3]),
        (Consent(true), vec![0, 2, 3]),
        (Consent(false), vec![1, 4]),
        (Detractor(30), vec![1]),
        (Detractor(365), vec![1, 2]),
        (Promoter(30), vec![0]),
        (Promoter(1), vec![]),
        (CaseClosed(30), vec![1]),
        (CaseClosed(90), vec![1, 2]),
        (Reached(2), vec![0, 1]),
        (DroppedAt(1), vec![2, 3]),
    ];
    let facts = table();
    for (c, expected) in cases {
        assert_eq!(one(c.clone()).select(&facts, NOW), expected, "{c:?}");
    }
}

#[test]
fn champions_who_have_not_ordered_in_60_days_is_a_rule_of_two_conditions() {
    let mut facts = table();
    facts[0].last_order = Some(NOW - 61 * DAY);
    let rule = Rule {
        all: vec![
            Condition::Rfm(vec![Segment::Champions]),
            Condition::LastOrderBefore(60),
        ],
    };
    assert_eq!(rule.select(&facts, NOW), vec![0]);
    assert_eq!(rule.select(&table(), NOW), Vec::<usize>::new());
}

/// A form's fields as (name, value) pairs.
type Fields<'a> = Vec<(&'a str, &'a str)>;

fn form(pairs: &[(&str, &str)]) -> RuleForm {
    let pairs: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    RuleForm::from_pairs(&pairs)
}

#[test]
fn forms_parse_into_rules_or_name_the_field_at_fault() {
    use Condition::*;
    let ok: Vec<(Fields, Vec<Condition>)> = vec![
        (
            vec![("rfm", "champions"), ("rfm", "cant_lose")],
            vec![Rfm(vec![Segment::Champions, Segment::CantLose])],
        ),
        (
            vec![("alive_op", "below"), ("alive", "30")],
            vec![AliveBelow(0.3)],
        ),
        (
            vec![("alive_op", "above"), ("alive", "12,5")],
            vec![AliveAbove(0.125)],
        ),
        (
            vec![("value_op", "above"), ("value", "1 000,50")],
            vec![ValueAbove(1000.5)],
        ),
        (
            vec![("last_order_op", "before"), ("last_order_days", " 60 ")],
            vec![LastOrderBefore(60)],
        ),
        (
            vec![("orders_op", "at_least"), ("orders", "2")],
            vec![OrdersAtLeast(2)],
        ),
        (
            vec![("bought", " Mug "), ("never_bought", "Tea")],
            vec![Bought("Mug".into()), NeverBought("Tea".into())],
        ),
        (
            vec![("language", "da"), ("consent", "yes")],
            vec![Language("da".into()), Consent(true)],
        ),
        (
            vec![("nps", "detractor"), ("nps_days", "90")],
            vec![Detractor(90)],
        ),
        (vec![("case_closed_days", "14")], vec![CaseClosed(14)]),
        (
            vec![("reached", "7"), ("dropped_at", "8")],
            vec![Reached(7), DroppedAt(8)],
        ),
        // An operator without its number is no condition; unknown fields are ignored.
        (
            vec![("alive_op", "below"), ("consent", "no"), ("x", "y")],
            vec![Consent(false)],
        ),
    ];
    for (pairs, all) in ok {
        assert_eq!(
            form(&pairs).parse(&LANGUAGES, &[7, 8]),
            Ok(Rule { all }),
            "{pairs:?}"
        );
    }
    let long = "x".repeat(201);
    let bad: Vec<(Fields, &str, &str)> = vec![
        (vec![], "conditions", "empty"),
        (vec![("rfm", "vip")], "rfm", "unknown"),
        (
            vec![("alive_op", "below"), ("alive", "abc")],
            "alive",
            "number",
        ),
        (
            vec![("alive_op", "below"), ("alive", "120")],
            "alive",
            "range",
        ),
        (
            vec![("alive_op", "sideways"), ("alive", "20")],
            "alive_op",
            "unknown",
        ),
        (
            vec![("value_op", "above"), ("value", "-5")],
            "value",
            "range",
        ),
        (
            vec![("value_op", "above"), ("value", "NaN")],
            "value",
            "number",
        ),
        (
            vec![("last_order_op", "before"), ("last_order_days", "1.5")],
            "last_order_days",
            "number",
        ),
        (
            vec![("last_order_op", "before"), ("last_order_days", "99999999")],
            "last_order_days",
            "range",
        ),
        (
            vec![("orders_op", "at_least"), ("orders", "-1")],
            "orders",
            "number",
        ),
        (vec![("bought", long.as_str())], "bought", "text"),
        (vec![("channel", "a\u{0}b")], "channel", "text"),
        (vec![("language", "xx")], "language", "unknown"),
        (vec![("consent", "maybe")], "consent", "unknown"),
        (
            vec![("nps", "detractor"), ("nps_days", "")],
            "nps_days",
            "number",
        ),
        (
            vec![("nps", "passive"), ("nps_days", "30")],
            "nps",
            "unknown",
        ),
        (vec![("case_closed_days", "0")], "case_closed_days", "range"),
        (vec![("reached", "99")], "reached", "unknown"),
        (vec![("dropped_at", "x")], "dropped_at", "unknown"),
    ];
    for (pairs, field, reason) in bad {
        assert_eq!(
            form(&pairs).parse(&LANGUAGES, &[7, 8]),
            Err(RuleError { field, reason }),
            "{pairs:?}"
        );
    }
}

#[test]
fn stored_text_is_versioned_and_refuses_what_it_does_not_know() {
    let rule = Rule {
        all: vec![
            Condition::Rfm(vec![Segment::Champions]),
            Condition::LastOrderBefore(60),
        ],
    };
    assert_eq!(
        rule.encode(),
        r#"{"v":1,"all":[{"rfm":["champions"]},{"last_order_before":60}]}"#
    );
    assert_eq!(Rule::decode(&rule.encode()), Some(rule));
    assert_eq!(Rule::decode(r#"{"v":2,"all":[]}"#), None);
    assert_eq!(Rule::decode(r#"{"v":1,"all":[{"shoe_size":42}]}"#), None);
    assert_eq!(Rule::decode("not json"), None);
}

fn condition() -> impl Strategy<Value = Condition> {
    use Condition::*;
    let seg = proptest::sample::select(Segment::ALL.to_vec());
    prop_oneof![
        proptest::collection::vec(seg, 1..4).prop_map(Rfm),
        (0u32..=100).prop_map(|p| AliveBelow(f64::from(p) / 100.0)),
        (0u32..=100).prop_map(|p| AliveAbove(f64::from(p) / 100.0)),
        (0u32..1000).prop_map(|v| ValueAbove(f64::from(v))),
        (0u32..1000).prop_map(|v| ValueBelow(f64::from(v))),
        (0u32..500).prop_map(LastOrderBefore),
        (0u32..500).prop_map(LastOrderWithin),
        (0u32..10).prop_map(OrdersAtLeast),
        (0u32..10).prop_map(OrdersAtMost),
        proptest::sample::select(vec!["Mug", "Tea", "Beans"]).prop_map(|p| Bought(p.into())),
        proptest::sample::select(vec!["Mug", "Tea", "Beans"]).prop_map(|p| NeverBought(p.into())),
        proptest::sample::select(vec!["google", "shop"]).prop_map(|c| Channel(c.into())),
        proptest::sample::select(LANGUAGES.to_vec()).prop_map(|l| Language(l.into())),
        any::<bool>().prop_map(Consent),
        (1u32..400).prop_map(Detractor),
        (1u32..400).prop_map(Promoter),
        (1u32..400).prop_map(CaseClosed),
        (1i64..5).prop_map(Reached),
        (1i64..5).prop_map(DroppedAt),
    ]
}

fn facts() -> impl Strategy<Value = CustomerFacts> {
    let seg = proptest::option::of(proptest::sample::select(Segment::ALL.to_vec()));
    (
        seg,
        proptest::option::of(0u32..=100),
        proptest::option::of(0u32..1000),
        proptest::option::of(0i64..600),
        0u32..10,
        proptest::collection::vec(proptest::sample::select(vec!["Mug", "tea", "Beans"]), 0..3),
        proptest::option::of(proptest::sample::select(vec!["Google", "shop"])),
        proptest::sample::select(LANGUAGES.to_vec()),
        any::<bool>(),
        proptest::collection::vec((0i64..600, 0u8..=10), 0..3),
        proptest::collection::vec(0i64..600, 0..3),
        proptest::collection::vec(1i64..5, 0..4),
    )
        .prop_map(
            |(
                rfm,
                alive,
                value,
                last,
                orders,
                products,
                channel,
                lang,
                consent,
                nps,
                cases,
                tps,
            )| {
                CustomerFacts {
                    rfm,
                    alive: alive.map(|a| f64::from(a) / 100.0),
                    predicted: value.map(f64::from),
                    last_order: last.map(|d| NOW - d * DAY),
                    orders,
                    products: products.into_iter().map(String::from).collect(),
                    channel: channel.map(String::from),
                    language: lang.into(),
                    consent,
                    nps: nps.into_iter().map(|(d, s)| (NOW - d * DAY, s)).collect(),
                    cases_closed: cases.into_iter().map(|d| NOW - d * DAY).collect(),
                    last_touchpoint: tps.last().copied(),
                    touchpoints: tps,
                }
            },
        )
}

proptest! {
    /// A rule of several conditions selects the intersection of what each selects alone.
    #[test]
    fn a_rule_selects_the_intersection_of_its_conditions(
        conditions in proptest::collection::vec(condition(), 1..5),
        customers in proptest::collection::vec(facts(), 0..30),
    ) {
        let together = Rule { all: conditions.clone() }.select(&customers, NOW);
        let mut each: Vec<usize> = (0..customers.len()).collect();
        for c in conditions {
            let alone = one(c).select(&customers, NOW);
            each.retain(|i| alone.contains(i));
        }
        prop_assert_eq!(together, each);
    }

    /// What the store keeps and what the editor shows give the same rule back.
    #[test]
    fn a_rule_survives_the_stored_text_and_the_form(conditions in proptest::collection::vec(condition(), 1..6)) {
        let rule = Rule { all: conditions };
        prop_assert_eq!(Rule::decode(&rule.encode()), Some(rule.clone()));
        // The form holds one condition of each kind: the last of each kind, in the form's order.
        let again = RuleForm::from_rule(&rule).parse(&LANGUAGES, &[1, 2, 3, 4]).unwrap();
        let back = RuleForm::from_rule(&again);
        prop_assert_eq!(back, RuleForm::from_rule(&rule));
    }
}
