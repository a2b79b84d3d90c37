//! The shop's customers as people: names from the four communities a Nørrebro bike shop
//! serves (Danish, Swedish, Filipino, English-speaking), e-mail addresses, phone numbers,
//! consent, and the marketing channel that brought each of them, with what it cost.

use std::collections::HashSet;

use kunde_domain::{Email, Language, Money, NewCustomer, NonEmpty, Phone};
use rand::Rng;

use crate::sample::{pick, pick_from};

/// Acquisition channels with the typical cost of one new customer in øre, and their share of
/// new customers. Walk-ins and referrals are the cheap bulk; paid ads the expensive rest.
const CHANNELS: [(&str, i64, f64); 7] = [
    ("walk_in", 0, 0.22),
    ("google_ads", 25_000, 0.17),
    ("facebook", 18_000, 0.09),
    ("instagram", 15_000, 0.12),
    ("referral", 5_000, 0.22),
    ("review_site", 8_000, 0.11),
    ("newsletter", 2_000, 0.07),
];

struct Community {
    weight: f64,
    first_names: &'static [&'static str],
    last_names: &'static [&'static str],
    /// Customer languages with their weights: Filipino customers often prefer English.
    languages: &'static [(Language, f64)],
    /// Share of phone numbers that are Danish; the rest use `foreign_prefix`.
    danish_phone: f64,
    foreign_prefix: &'static str,
}

const COMMUNITIES: [Community; 4] = [
    Community {
        weight: 0.80,
        first_names: &[
            "Mette",
            "Lars",
            "Søren",
            "Anne",
            "Mads",
            "Freja",
            "Ida",
            "Emil",
            "Jens",
            "Camilla",
            "Frederik",
            "Sofie",
            "Rasmus",
            "Line",
            "Mikkel",
            "Louise",
            "Nikolaj",
            "Maja",
            "Kasper",
            "Signe",
            "Jonas",
            "Julie",
            "Christian",
            "Karen",
            "Peter",
            "Astrid",
            "Anders",
            "Laura",
            "Thomas",
            "Cecilie",
            "Magnus",
            "Emma",
            "Oliver",
            "Clara",
            "Henrik",
            "Birgitte",
            "Morten",
            "Pernille",
            "Asger",
            "Nanna",
            "Rune",
            "Trine",
        ],
        last_names: &[
            "Jensen",
            "Nielsen",
            "Hansen",
            "Pedersen",
            "Andersen",
            "Christensen",
            "Larsen",
            "Sørensen",
            "Rasmussen",
            "Jørgensen",
            "Petersen",
            "Madsen",
            "Kristensen",
            "Olsen",
            "Thomsen",
            "Poulsen",
            "Johansen",
            "Møller",
            "Mortensen",
            "Knudsen",
            "Holm",
            "Lund",
            "Bech",
            "Dahl",
            "Kjær",
            "Skov",
            "Bak",
            "Frost",
            "Vestergaard",
            "Østergaard",
        ],
        languages: &[(Language::Da, 0.98), (Language::En, 0.02)],
        danish_phone: 1.0,
        foreign_prefix: "+45",
    },
    Community {
        weight: 0.08,
        first_names: &[
            "Erik", "Karin", "Johan", "Anna", "Linnea", "Oskar", "Elsa", "Gustav", "Maja", "Axel",
            "Ebba", "Nils", "Astrid", "Viktor", "Saga", "Lennart",
        ],
        last_names: &[
            "Andersson",
            "Johansson",
            "Karlsson",
            "Nilsson",
            "Eriksson",
            "Larsson",
            "Olsson",
            "Persson",
            "Svensson",
            "Gustafsson",
            "Lindqvist",
            "Berg",
            "Åberg",
            "Holmström",
        ],
        languages: &[
            (Language::Sv, 0.8),
            (Language::Da, 0.15),
            (Language::En, 0.05),
        ],
        danish_phone: 0.6,
        foreign_prefix: "+46",
    },
    Community {
        weight: 0.06,
        first_names: &[
            "Maria", "Jose", "Angelica", "Mark", "Kristine", "Juan", "Rhea", "Paolo", "Joy",
            "Jerome", "Marites", "Carlo", "Liza", "Ramon", "Jasmine", "Rodel",
        ],
        last_names: &[
            "Santos",
            "Reyes",
            "Cruz",
            "Bautista",
            "Ocampo",
            "Garcia",
            "Mendoza",
            "Dela Cruz",
            "Villanueva",
            "Ramos",
            "Aquino",
            "Castillo",
            "Navarro",
            "Soriano",
        ],
        languages: &[
            (Language::Tl, 0.65),
            (Language::En, 0.3),
            (Language::Da, 0.05),
        ],
        danish_phone: 0.85,
        foreign_prefix: "+63",
    },
    Community {
        weight: 0.06,
        first_names: &[
            "James",
            "Emily",
            "Oliver",
            "Charlotte",
            "Jack",
            "Sophie",
            "Harry",
            "Chloe",
            "George",
            "Hannah",
            "Daniel",
            "Grace",
            "Liam",
            "Megan",
            "Ryan",
            "Olivia",
        ],
        last_names: &[
            "Smith", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thomas", "Walker", "Wright",
            "Murphy", "O'Brien", "Clarke", "Hughes", "Kelly",
        ],
        languages: &[(Language::En, 0.9), (Language::Da, 0.1)],
        danish_phone: 0.7,
        foreign_prefix: "+44",
    },
];

/// Mail domains under the reserved `.example` top-level domain (RFC 2606), named after the
/// providers people really use: the demo must never be able to e-mail a real person, because
/// Kunde sends survey invitations.
const DOMAINS: [(&str, f64); 8] = [
    ("gmail.example", 0.34),
    ("hotmail.example", 0.16),
    ("outlook.example", 0.1),
    ("yahoo.example", 0.06),
    ("icloud.example", 0.1),
    ("mail-dk.example", 0.08),
    ("live.example", 0.06),
    ("stofanet.example", 0.1),
];

/// Draws customers' personal details; remembers the e-mail addresses already handed out so
/// that every customer's address is unique, as the store requires.
#[derive(Default)]
pub struct People {
    emails: HashSet<String>,
}

impl People {
    /// A new customer acquired at `created_at` (the caller decides when).
    pub fn customer(&mut self, rng: &mut impl Rng, created_at: i64) -> NewCustomer {
        let community = pick_from(rng, &COMMUNITIES, |c| c.weight);
        let first = community.first_names[rng.random_range(0..community.first_names.len())];
        let last = community.last_names[rng.random_range(0..community.last_names.len())];
        let language = pick_from(rng, community.languages, |l| l.1).0;
        let (channel, cost, _) = *pick_from(rng, &CHANNELS, |c| c.2);
        // Campaign costs vary from month to month; rounded to whole kroner like a budget.
        let cost = if cost == 0 {
            0
        } else {
            (cost as f64 * rng.random_range(0.75..1.25) / 100.0).round() as i64 * 100
        };
        // Walk-ins are often served without leaving an address; newsletter sign-ups always
        // leave one, and agree to marketing by signing up.
        let has_email = channel == "newsletter"
            || rng.random_bool(if channel == "walk_in" { 0.8 } else { 0.96 });
        let consent = has_email && (channel == "newsletter" || rng.random_bool(0.6));
        let email = has_email.then(|| self.email(rng, first, last));
        let phone = rng
            .random_bool(0.82)
            .then(|| phone(rng, community.danish_phone, community.foreign_prefix));
        NewCustomer {
            name: NonEmpty::parse("name", &format!("{first} {last}"))
                .expect("demo names are valid"),
            email,
            phone,
            language,
            marketing_consent: consent,
            acquisition_channel: Some(NonEmpty::parse("channel", channel).expect("valid channel")),
            acquisition_cost: Money(cost),
            created_at,
        }
    }

    fn email(&mut self, rng: &mut impl Rng, first: &str, last: &str) -> Email {
        let (f, l) = (ascii(first), ascii(last));
        let local = match pick(rng, &[0.4, 0.2, 0.15, 0.15, 0.1]) {
            0 => format!("{f}.{l}"),
            1 => format!("{f}{l}"),
            2 => format!("{}.{l}", &f[..1]),
            3 => format!("{f}{}", rng.random_range(60..=99)),
            _ => format!("{f}_{l}{}", rng.random_range(1..=9)),
        };
        let domain = pick_from(rng, &DOMAINS, |d| d.1).0;
        let mut address = format!("{local}@{domain}");
        // Common names collide; people then add a number, as they do with real providers.
        let mut n = 2;
        while self.emails.contains(&address) {
            address = format!("{local}{n}@{domain}");
            n += 1;
        }
        self.emails.insert(address.clone());
        Email::parse(&address).expect("generated addresses are valid")
    }
}

/// A name as it appears in an e-mail address: lower case, Nordic letters spelled out.
fn ascii(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.to_lowercase().chars() {
        match c {
            'æ' | 'ä' => out.push_str("ae"),
            'ø' | 'ö' => out.push_str("oe"),
            'å' => out.push_str("aa"),
            'é' => out.push('e'),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ => {}
        }
    }
    out
}

/// A mobile number written the way its country writes it.
fn phone(rng: &mut impl Rng, danish_share: f64, foreign_prefix: &str) -> Phone {
    let mut digit = |range: std::ops::RangeInclusive<u32>| rng.random_range(range);
    let s = if foreign_prefix == "+45" || digit(0..=999) as f64 / 1000.0 < danish_share {
        let d: Vec<u32> = std::iter::once(digit(2..=9))
            .chain((0..7).map(|_| digit(0..=9)))
            .collect();
        format!(
            "+45 {}{} {}{} {}{} {}{}",
            d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]
        )
    } else {
        let d: Vec<u32> = (0..8).map(|_| digit(0..=9)).collect();
        let lead = match foreign_prefix {
            "+46" => "70",
            "+63" => "917",
            _ => "7700",
        };
        format!(
            "{foreign_prefix} {lead} {}{}{} {}{}{}{}{}",
            d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]
        )
    };
    Phone::parse(&s).expect("generated phone numbers are valid")
}
