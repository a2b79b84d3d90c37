//! The demo shop's surveys: a year of answers in the customers' own languages (Danish,
//! Swedish, English, Tagalog), so every survey page shows something real.
//!
//! - "After your visit" at pick-up: mostly happy, less so after a long phone queue.
//! - "Booking by phone" at "Call to book": the weak touchpoint, with low scores and
//!   complaints about the queue (worse the longer the caller waited).
//! - "Booking online" at the booking form: easy and quick, for contrast.
//! - An employee engagement pulse every month, by team, anonymous.
//!
//! Answers follow the customers' real visits in the generated history and are drawn from
//! their own random stream, so the rest of the demo does not change with them.

use crate::business::touchpoints as k;
use crate::calendar::{DAY, HOUR};
use kunde_domain::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The stream of the survey answers (customer streams are 1..=customers).
const STREAM: u64 = 1 << 40;

fn pick<'a, R: Rng>(rng: &mut R, options: &[&'a str]) -> &'a str {
    options[rng.random_range(0..options.len())]
}

/// A score from `weights` (index = score − `min`).
fn weighted<R: Rng>(rng: &mut R, min: i64, weights: &[f64]) -> i64 {
    let total: f64 = weights.iter().sum();
    let mut x = rng.random::<f64>() * total;
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return min + i as i64;
        }
        x -= w;
    }
    min + weights.len() as i64 - 1
}

fn phrases(lang: Language, what: Phrases) -> &'static [&'static str] {
    use Language::*;
    use Phrases::*;
    match (what, lang) {
        (Queue, Da) => &[
            "Jeg ventede over 20 minutter i telefonen",
            "Kunne ikke komme igennem på telefonen, prøvede tre gange",
            "Ring hellere tilbage end at lade folk vente i kø",
            "Telefonen blev ikke taget om morgenen",
            "Lang ventetid i telefonen, men venlig betjening",
        ],
        (Queue, Sv) => &[
            "Jag väntade över 20 minuter i telefon",
            "Kom inte fram på telefon, försökte tre gånger",
            "Ring hellre tillbaka än att låta folk vänta i kö",
            "Lång väntetid i telefon men trevlig personal",
        ],
        (Queue, En) => &[
            "Waited more than 20 minutes on the phone",
            "Could not get through on the phone, tried three times",
            "Call people back instead of keeping them in a queue",
            "Long wait on the phone, friendly staff though",
        ],
        (Queue, Tl) => &[
            "Naghintay ako ng mahigit 20 minuto sa telepono",
            "Hindi ako makalusot sa telepono, tatlong beses akong sumubok",
            "Mas mabuting tumawag pabalik kaysa paghintayin ang mga tao",
            "Matagal maghintay sa telepono pero mabait ang staff",
        ],
        (Visit, Da) => &[
            "Hurtig og venlig betjening",
            "Cyklen kører som ny",
            "Fair pris og god forklaring af reparationen",
            "Lang kø ved disken om morgenen",
            "Gerne en SMS, når cyklen er klar",
        ],
        (Visit, Sv) => &[
            "Snabb och vänlig service",
            "Cykeln går som ny",
            "Rimligt pris och bra förklaring",
            "Lång kö vid disken på morgonen",
        ],
        (Visit, En) => &[
            "Quick and friendly service",
            "The bike runs like new",
            "Fair price and a good explanation of the repair",
            "Long queue at the counter in the morning",
        ],
        (Visit, Tl) => &[
            "Mabilis at magiliw na serbisyo",
            "Parang bago ang bisikleta",
            "Makatwirang presyo at malinaw na paliwanag",
            "Mahabang pila sa counter sa umaga",
        ],
        (Wish, Da) => &[
            "Cykeltasker",
            "En lånecykel, mens min bliver repareret",
            "Serviceabonnement med fast pris",
            "Udlejning af ladcykler",
        ],
        (Wish, Sv) => &[
            "Cykelväskor",
            "En lånecykel medan min repareras",
            "Serviceabonnemang med fast pris",
        ],
        (Wish, En) => &[
            "Bike bags",
            "A loan bike while mine is repaired",
            "A service subscription at a fixed price",
        ],
        (Wish, Tl) => &[
            "Mga bag ng bisikleta",
            "Pahiram na bisikleta habang inaayos ang akin",
            "Buwanang subscription sa serbisyo",
        ],
        (Work, _) => &[
            "Flere hænder i sæsonen",
            "Et bedre telefonsystem, så disken ikke skal tage telefonen",
            "Mere plads i værkstedet",
            "Faste pauser i travle uger",
        ],
    }
}

#[derive(Clone, Copy)]
enum Phrases {
    Queue,
    Visit,
    Wish,
    Work,
}

fn survey(
    title: Texts,
    kind: SurveyKind,
    touchpoint: Option<&str>,
    created_at: i64,
    questions: Vec<NewQuestion>,
) -> ImportSurvey {
    ImportSurvey {
        title,
        kind,
        status: SurveyStatus::Live,
        touchpoint: touchpoint.map(str::to_owned),
        presentation: Presentation::OnePerScreen,
        fatigue_days: 60,
        reminder_days: 3,
        min_group_size: 3,
        default_language: Language::Da,
        created_at,
        questions,
        responses: Vec::new(),
    }
}

/// The surveys with a year of answers up to `today`, from the customers and their events.
pub fn surveys(
    seed: u64,
    today: i64,
    customers: &[NewCustomer],
    events: &[ImportEvent],
) -> Vec<ImportSurvey> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(STREAM);
    let start = today - 365 * DAY;
    let visit = SurveyTemplate::AfterVisit.build();
    let mut after_visit = survey(
        visit.title,
        SurveyKind::Customer,
        Some(k::PICK_UP),
        start,
        visit.questions,
    );
    let mut phone = survey(
        Texts::new(
            "Booking by phone",
            "Booking over telefonen",
            "Bokning per telefon",
            "Pag-book sa telepono",
        ),
        SurveyKind::Customer,
        Some(k::CALL_TO_BOOK),
        start,
        booking_questions(),
    );
    let mut online = survey(
        Texts::new(
            "Booking online",
            "Booking på nettet",
            "Bokning på nätet",
            "Pag-book online",
        ),
        SurveyKind::Customer,
        Some(k::ONLINE_BOOKING),
        start,
        booking_questions(),
    );
    // Each customer's calls to book: (time, minutes waited), in time order.
    let mut calls: std::collections::HashMap<usize, Vec<(i64, i64)>> = Default::default();
    for e in events.iter().filter(|e| e.touchpoint == k::CALL_TO_BOOK) {
        calls
            .entry(e.customer)
            .or_default()
            .push((e.occurred_at, wait_minutes(&e.properties)));
    }
    for e in events.iter().filter(|e| e.occurred_at >= start) {
        let Some(customer) = customers.get(e.customer) else {
            continue;
        };
        let lang = customer.language;
        let at = e.occurred_at;
        match e.touchpoint.as_str() {
            key if key == k::PICK_UP && rng.random_bool(0.3) => {
                let queued = waited_on_phone(calls.get(&e.customer), at);
                let nps = if queued > 15 {
                    weighted(&mut rng, 0, &[1., 1., 1., 2., 3., 5., 8., 10., 9., 6., 4.])
                } else {
                    weighted(
                        &mut rng,
                        0,
                        &[0., 0., 0., 1., 1., 2., 3., 8., 14., 20., 22.],
                    )
                };
                let csat = (1 + nps / 2)
                    .clamp(1, 5)
                    .min(weighted(&mut rng, 2, &[1., 3., 6., 8.]));
                let expected = weighted(&mut rng, 1, &[2., 6., 3.]);
                let got = (expected + weighted(&mut rng, -1, &[2., 5., 3.])
                    - i64::from(queued > 15))
                .clamp(0, 3);
                let mut answers = vec![
                    (0, ImportAnswer::Score(nps)),
                    (1, ImportAnswer::Score(csat)),
                    (
                        2,
                        ImportAnswer::Expectation(
                            Level::from_value(expected).unwrap_or(Level::Good),
                            Level::from_value(got).unwrap_or(Level::Good),
                        ),
                    ),
                ];
                if rng.random_bool(0.35) {
                    let kind = if queued > 15 {
                        Phrases::Queue
                    } else {
                        Phrases::Visit
                    };
                    answers.push((
                        3,
                        ImportAnswer::Text(pick(&mut rng, phrases(lang, kind)).into()),
                    ));
                }
                if rng.random_bool(0.2) {
                    answers.push((
                        4,
                        ImportAnswer::Text(pick(&mut rng, phrases(lang, Phrases::Wish)).into()),
                    ));
                }
                let channel = match rng.random_range(0..10) {
                    0..5 => ResponseChannel::Email,
                    5..8 => ResponseChannel::Qr,
                    _ => ResponseChannel::Paper,
                };
                after_visit.responses.push(ImportResponse {
                    customer: Some(e.customer),
                    channel,
                    language: lang,
                    submitted_at: (at + rng.random_range(2 * HOUR..2 * DAY)).min(today - HOUR),
                    team: None,
                    location: None,
                    answers,
                });
            }
            key if key == k::CALL_TO_BOOK && rng.random_bool(0.2) => {
                let wait = wait_minutes(&e.properties);
                let hung_up = e.properties.contains("hung_up");
                let pain = (wait as f64 / 25.0).min(1.0) + if hung_up { 0.5 } else { 0.0 };
                let ces = if pain > 0.6 {
                    weighted(&mut rng, 1, &[0., 0., 1., 2., 4., 6., 6.])
                } else {
                    weighted(&mut rng, 1, &[1., 2., 3., 4., 4., 3., 1.])
                };
                let csat = if pain > 0.6 {
                    weighted(&mut rng, 1, &[6., 6., 3., 1., 0.5])
                } else {
                    weighted(&mut rng, 1, &[1., 3., 5., 4., 2.])
                };
                let mut answers = vec![
                    (0, ImportAnswer::Score(ces)),
                    (1, ImportAnswer::Score(csat)),
                ];
                if rng.random_bool(0.5) {
                    answers.push((
                        2,
                        ImportAnswer::Text(pick(&mut rng, phrases(lang, Phrases::Queue)).into()),
                    ));
                }
                phone.responses.push(ImportResponse {
                    customer: Some(e.customer),
                    channel: ResponseChannel::Link,
                    language: lang,
                    submitted_at: (at + rng.random_range(HOUR..6 * HOUR)).min(today - HOUR),
                    team: None,
                    location: None,
                    answers,
                });
            }
            key if key == k::ONLINE_BOOKING && rng.random_bool(0.15) => {
                let ces = weighted(&mut rng, 1, &[8., 7., 3., 1., 0.5, 0., 0.]);
                let csat = weighted(&mut rng, 1, &[0., 0.5, 2., 7., 8.]);
                online.responses.push(ImportResponse {
                    customer: Some(e.customer),
                    channel: ResponseChannel::Widget,
                    language: lang,
                    submitted_at: (at + rng.random_range(60..HOUR)).min(today - HOUR),
                    team: None,
                    location: None,
                    answers: vec![
                        (0, ImportAnswer::Score(ces)),
                        (1, ImportAnswer::Score(csat)),
                    ],
                });
            }
            _ => {}
        }
    }
    vec![
        after_visit,
        phone,
        online,
        employees(&mut rng, start, today),
    ]
}

/// How long the customer waited on the phone to book this visit (the last call in the four
/// weeks before), in minutes; 0 when they did not call.
fn waited_on_phone(calls: Option<&Vec<(i64, i64)>>, at: i64) -> i64 {
    calls
        .into_iter()
        .flatten()
        .filter(|(t, _)| *t <= at && *t > at - 28 * DAY)
        .map(|(_, wait)| *wait)
        .next_back()
        .unwrap_or(0)
}

fn wait_minutes(properties: &str) -> i64 {
    properties
        .split("\"wait_minutes\":")
        .nth(1)
        .and_then(|rest| {
            rest.split(|c: char| !c.is_ascii_digit())
                .next()?
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

fn booking_questions() -> Vec<NewQuestion> {
    vec![
        NewQuestion::new(
            QuestionKind::Ces,
            Texts::new(
                "How easy was it to book? (1 = very easy, 7 = very hard)",
                "Hvor nemt var det at booke? (1 = meget nemt, 7 = meget svært)",
                "Hur enkelt var det att boka? (1 = mycket enkelt, 7 = mycket svårt)",
                "Gaano kadali ang mag-book? (1 = napakadali, 7 = napakahirap)",
            ),
        ),
        NewQuestion::new(
            QuestionKind::Csat,
            Texts::new(
                "How satisfied are you with booking?",
                "Hvor tilfreds er du med bookingen?",
                "Hur nöjd är du med bokningen?",
                "Gaano ka nasiyahan sa pag-book?",
            ),
        ),
        NewQuestion::new(
            QuestionKind::FreeText,
            Texts::new(
                "What could we do better?",
                "Hvad kunne vi gøre bedre?",
                "Vad kunde vi göra bättre?",
                "Ano ang maaari naming pagbutihin?",
            ),
        ),
    ]
}

/// A monthly pulse of eight employees in two teams, about three in four answering.
fn employees<R: Rng>(rng: &mut R, start: i64, today: i64) -> ImportSurvey {
    let engagement = SurveyTemplate::EmployeeEngagement.build();
    let mut s = survey(
        engagement.title,
        SurveyKind::Employee,
        None,
        start,
        engagement.questions,
    );
    let staff: [(&str, f64); 8] = [
        ("Værksted", 0.3),
        ("Værksted", 0.1),
        ("Værksted", 0.2),
        ("Værksted", 0.0),
        ("Butik", -0.3),
        ("Butik", -0.2),
        ("Butik", -0.4),
        ("Butik", 0.0),
    ];
    for month in 0..12 {
        let at = start + month * 30 * DAY + 3 * DAY;
        if at >= today {
            break;
        }
        for (person, (team, mood)) in staff.iter().enumerate() {
            if !rng.random_bool(0.75) {
                continue;
            }
            // The counter team answers the phone too: worse in the busy season (spring).
            let season = if (2..6).contains(&month) { -0.3 } else { 0.0 };
            let m = mood + if *team == "Butik" { season } else { 0.0 };
            let enps = (7.5 + 3.0 * m + rng.random_range(-1.5..1.5))
                .round()
                .clamp(0.0, 10.0) as i64;
            let tools = (3.5 + 2.0 * m + rng.random_range(-1.0..1.0))
                .round()
                .clamp(1.0, 5.0) as i64;
            let clear = (4.0 + m + rng.random_range(-1.0..1.0))
                .round()
                .clamp(1.0, 5.0) as i64;
            let mut answers = vec![
                (0, ImportAnswer::Score(enps)),
                (1, ImportAnswer::Score(tools)),
                (2, ImportAnswer::Score(clear)),
            ];
            if rng.random_bool(0.3) {
                answers.push((
                    3,
                    ImportAnswer::Text(pick(rng, phrases(Language::Da, Phrases::Work)).into()),
                ));
            }
            s.responses.push(ImportResponse {
                customer: None,
                channel: ResponseChannel::Link,
                language: if person == 7 {
                    Language::Sv
                } else {
                    Language::Da
                },
                submitted_at: at + rng.random_range(8 * HOUR..(5 * DAY)),
                team: Some((*team).to_owned()),
                location: Some("Nørrebro".to_owned()),
                answers,
            });
        }
    }
    s
}
