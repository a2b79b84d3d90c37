//! The demo shop's opening hours (the same hours its customers' visits keep to: weekdays
//! 10–18, Saturday 10–14, in Copenhagen) with the Danish public holidays of the demo's years,
//! and a handful of real knowledge-base articles in Danish and English: booking a repair,
//! opening hours, returns, tyre pressure, punctures, and two internal ones for the staff.

use crate::calendar::{DAY, civil_from_days};

/// Holidays are listed for the years the two-year history covers, and the next one.
const YEARS_BACK: i64 = 2;
use kunde_domain::business_hours::{BusinessCalendar, Date, parse_day_hours};
use kunde_domain::{ImportArticle, ImportKb, Language};

pub fn kb(today: i64) -> ImportKb {
    ImportKb {
        calendar: Some(calendar(today)),
        articles: articles(),
    }
}

fn calendar(today: i64) -> BusinessCalendar {
    let day = |s: &str| parse_day_hours(s).expect("the demo's hours are valid");
    let weekday = || day("10:00-18:00");
    let (year, _, _) = civil_from_days(today.div_euclid(DAY));
    let holidays = (year - YEARS_BACK..=year + 1).flat_map(danish_holidays);
    BusinessCalendar::new(
        "Europe/Copenhagen",
        [
            weekday(),
            weekday(),
            weekday(),
            weekday(),
            weekday(),
            day("10:00-14:00"),
            day(""),
        ],
        holidays,
    )
    .expect("the demo calendar is valid")
}

/// Easter Sunday of `year` (the anonymous Gregorian algorithm).
fn easter(year: i64) -> Date {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year as i16, month as i8, day as i8).expect("easter is a date")
}

/// The days the shop is closed for Danish public holidays (and Christmas Eve).
fn danish_holidays(year: i64) -> Vec<(Date, String)> {
    let e = easter(year);
    let from_easter = |days: i64, name: &str| {
        let d = e
            .checked_add(jiff_days(days))
            .expect("near easter is a date");
        (d, name.to_owned())
    };
    let fixed = |m: i8, d: i8, name: &str| {
        (
            Date::new(year as i16, m, d).expect("a fixed holiday is a date"),
            name.to_owned(),
        )
    };
    vec![
        fixed(1, 1, "Nytårsdag"),
        from_easter(-3, "Skærtorsdag"),
        from_easter(-2, "Langfredag"),
        from_easter(1, "2. påskedag"),
        from_easter(39, "Kristi himmelfartsdag"),
        from_easter(50, "2. pinsedag"),
        fixed(6, 5, "Grundlovsdag"),
        fixed(12, 24, "Juleaften"),
        fixed(12, 25, "Juledag"),
        fixed(12, 26, "2. juledag"),
    ]
}

fn jiff_days(n: i64) -> kunde_domain::business_hours::Span {
    kunde_domain::business_hours::Span::new().days(n)
}

fn article(title: &str, language: Language, public: bool, body: &str) -> ImportArticle {
    ImportArticle {
        title: title.to_owned(),
        language,
        public,
        body_markdown: body.trim().to_owned(),
        translation_of: None,
    }
}

fn translation(of: usize, title: &str, language: Language, body: &str) -> ImportArticle {
    ImportArticle {
        translation_of: Some(of),
        ..article(title, language, true, body)
    }
}

fn articles() -> Vec<ImportArticle> {
    use Language::{Da, En};
    vec![
        // 0
        article(
            "Sådan booker du en reparation",
            Da,
            true,
            r#"
Du kan booke en tid til reparation eller service på tre måder:

1. **Online** på vores hjemmeside under *Book tid* — hurtigst, og du vælger selv tidspunktet.
2. **Ring** på 35 35 12 12 mandag til fredag 10–18 og lørdag 10–14.
3. **Kom forbi** værkstedet på Nørrebrogade. Vi tager cykler ind uden tid, når der er plads.

Skriv kort, hvad der er galt (f.eks. *klikkende gear*, *slidte bremser*, *punktering*). Vi giver dig en
pris, før vi går i gang, og ringer, hvis vi finder mere end aftalt.

Reparationen tager normalt **1–2 hverdage**. Du får en SMS, når cyklen er klar til afhentning.
"#,
        ),
        // 1
        translation(
            0,
            "How to book a repair",
            En,
            r#"
You can book a repair or service in three ways:

1. **Online** on our website under *Book a time* — the quickest, and you pick the time yourself.
2. **Call** 35 35 12 12 Monday to Friday 10–18 and Saturday 10–14.
3. **Drop by** the workshop on Nørrebrogade. We take bikes without an appointment when there is room.

Tell us briefly what is wrong (e.g. *clicking gears*, *worn brakes*, *puncture*). We give you a price before
we start, and call you if we find more than agreed.

A repair usually takes **1–2 working days**. You get a text message when the bike is ready to collect.
"#,
        ),
        // 2
        article(
            "Åbningstider og helligdage",
            Da,
            true,
            r#"
| Dag | Åbent |
|---|---|
| Mandag–fredag | 10:00–18:00 |
| Lørdag | 10:00–14:00 |
| Søndag | Lukket |

Vi holder lukket på alle helligdage og juleaften. Mails og beskeder, der kommer uden for
åbningstiden, besvarer vi den næste åbningsdag.
"#,
        ),
        // 3
        translation(
            2,
            "Opening hours and holidays",
            En,
            r#"
| Day | Open |
|---|---|
| Monday–Friday | 10:00–18:00 |
| Saturday | 10:00–14:00 |
| Sunday | Closed |

We are closed on Danish public holidays and on Christmas Eve. E-mails and messages that arrive
outside opening hours are answered on the next opening day.
"#,
        ),
        // 4
        article(
            "Returnering og bytte",
            Da,
            true,
            r#"
Ubrugte varer kan returneres inden for **30 dage** med kvittering. Vi refunderer beløbet på
det kort, du betalte med.

- Cykler, der er kørt på, kan ikke returneres, men du har altid **2 års reklamationsret**.
- Specialbestilte dele kan ikke returneres.
- Bytte til en anden størrelse er gratis inden for 30 dage.

Er der en fejl ved en vare eller en reparation, så kontakt os — vi retter fejlen uden beregning.
"#,
        ),
        // 5
        translation(
            4,
            "Returns and exchanges",
            En,
            r#"
Unused goods can be returned within **30 days** with the receipt. We refund the amount to the
card you paid with.

- Bikes that have been ridden cannot be returned, but you always have a **2-year warranty**.
- Parts ordered specially for you cannot be returned.
- Exchanging for another size is free within 30 days.

If something is wrong with a product or a repair, contact us — we fix it free of charge.
"#,
        ),
        // 6
        article(
            "Det rigtige dæktryk",
            Da,
            true,
            r#"
Det rigtige dæktryk gør cyklen lettere at træde og beskytter mod punkteringer.

- **Bycykel**: 3,5–4,5 bar
- **Racercykel**: 6–8 bar
- **Mountainbike**: 1,8–2,5 bar

Det præcise tryk står på siden af dækket. Tjek trykket **hver anden uge** — dæk taber luft,
også uden hul. Du er velkommen til at låne vores standerpumpe foran værkstedet.
"#,
        ),
        // 7
        translation(
            6,
            "The right tyre pressure",
            En,
            r#"
The right tyre pressure makes the bike easier to ride and protects against punctures.

- **City bike**: 3.5–4.5 bar
- **Road bike**: 6–8 bar
- **Mountain bike**: 1.8–2.5 bar

The exact pressure is printed on the side of the tyre. Check it **every two weeks** — tyres lose
air even without a hole. You are welcome to use our floor pump outside the workshop.
"#,
        ),
        // 8
        article(
            "Punktering: hvad gør jeg?",
            Da,
            true,
            r#"
Er dækket fladt, så pump det først op. Holder luften, var det bare lavt tryk (se *Det rigtige dæktryk*).

Taber dækket luft igen:

1. Kør ikke videre på det flade dæk — det ødelægger slangen og fælgen.
2. Kom forbi værkstedet; en lappet eller ny slange tager normalt **under en time**.
3. Får du tit punkteringer, så spørg efter et punkteringssikkert dæk.
"#,
        ),
        // 9
        article(
            "Internt: Refusion og kulance",
            Da,
            false,
            r#"
**Kun for personale.**

- Medarbejdere må give op til **300 kr.** i kulance eller rabat uden godkendelse.
- Refusion over 300 kr. og alt uden kvittering skal godkendes af Mette.
- Skriv altid årsagen på sagen, så vi kan se mønstre (f.eks. *ventetid i telefonen*).
"#,
        ),
        // 10
        article(
            "Internt: Når kunderne ikke kan komme igennem på telefonen",
            Da,
            false,
            r#"
**Kun for personale.** Vi ved, at *Ring og book* er vores svageste kontaktpunkt: kunder venter
længe og lægger på.

- Ring altid tilbage samme dag til ubesvarede opkald.
- Henvis til online booking i svaret: [Sådan booker du en reparation](/kb).
- Giv en undskyldning og tilbyd en gratis dækkontrol, hvis kunden har ventet mere end 10 minutter.
"#,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_and_the_holidays_fall_on_the_right_days() {
        assert_eq!(easter(2024), Date::new(2024, 3, 31).unwrap());
        assert_eq!(easter(2025), Date::new(2025, 4, 20).unwrap());
        assert_eq!(easter(2026), Date::new(2026, 4, 5).unwrap());
        let h = danish_holidays(2026);
        assert!(h.contains(&(
            Date::new(2026, 5, 14).unwrap(),
            "Kristi himmelfartsdag".into()
        )));
        assert!(h.contains(&(Date::new(2026, 5, 25).unwrap(), "2. pinsedag".into())));
    }

    #[test]
    fn the_demo_knowledge_base_has_translations_and_internal_articles() {
        let kb = kb(1_767_225_600);
        assert!(kb.articles.iter().any(|a| !a.public));
        assert!(kb.articles.iter().any(|a| a.language == Language::En));
        for (i, a) in kb.articles.iter().enumerate() {
            assert!(a.translation_of.is_none_or(|j| j < i));
        }
        let cal = kb.calendar.unwrap();
        assert_eq!(cal.time_zone_name(), "Europe/Copenhagen");
        assert!(cal.holidays().count() >= 30);
    }
}
