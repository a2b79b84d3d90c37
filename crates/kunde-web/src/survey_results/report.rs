//! Turns a survey's (or a touchpoint's) answer rows into the figures its results page shows.
//! Every number comes from the analytics core (`kunde_analytics::survey`, `themes`,
//! `engagement`); this module only groups the rows and formats the results.

use kunde_analytics::civil::Period;
use kunde_analytics::engagement::{EngagementReport, TeamSatisfaction, engagement_report};
use kunde_analytics::survey::{
    CesScore, Confidence, CsatScore, Expectation, NpsScore, ces, csat, expectation_gaps, nps, trend,
};
use kunde_analytics::themes::{ThemeOptions, themes};
use kunde_store::AnswerFact;
use std::collections::BTreeMap;

/// The scores of one group of answers, formatted for a table cell ("–" when none).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Scores {
    pub nps: Option<f64>,
    pub nps_low: Option<f64>,
    pub nps_high: Option<f64>,
    pub nps_n: u64,
    pub csat: Option<f64>,
    pub csat_low: Option<f64>,
    pub csat_high: Option<f64>,
    pub csat_n: u64,
    pub ces: Option<f64>,
    pub ces_low: Option<f64>,
    pub ces_high: Option<f64>,
    pub ces_n: u64,
}

impl Scores {
    pub fn of<'a>(facts: impl IntoIterator<Item = &'a AnswerFact>) -> Self {
        let (mut n, mut c, mut e) = (Vec::new(), Vec::new(), Vec::new());
        for f in facts {
            let Some(score) = f.score.and_then(|s| u8::try_from(s).ok()) else {
                continue;
            };
            match f.question_kind.as_str() {
                "nps" => n.extend(NpsScore::new(score).ok()),
                "csat" => c.extend(CsatScore::new(score).ok()),
                "ces" => e.extend(CesScore::new(score).ok()),
                _ => {}
            }
        }
        let conf = Confidence::default();
        let n = nps(&n, conf);
        let c = csat(&c, conf);
        let e = ces(&e, conf);
        Scores {
            nps: n.as_ref().map(|r| r.score),
            nps_low: n.as_ref().map(|r| r.interval.low),
            nps_high: n.as_ref().map(|r| r.interval.high),
            nps_n: n.as_ref().map_or(0, |r| r.responses),
            csat: c.as_ref().map(|r| r.percent_satisfied),
            csat_low: c.as_ref().map(|r| r.interval.low),
            csat_high: c.as_ref().map(|r| r.interval.high),
            csat_n: c.as_ref().map_or(0, |r| r.responses),
            ces: e.as_ref().map(|r| r.mean),
            ces_low: e.as_ref().and_then(|r| r.interval.map(|i| i.low)),
            ces_high: e.as_ref().and_then(|r| r.interval.map(|i| i.high)),
            ces_n: e.as_ref().map_or(0, |r| r.responses),
        }
    }
}

/// One decimal, or "–".
pub fn one(v: &Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), |x| format!("{x:.1}"))
}

/// "low – high", or "–".
pub fn range(low: &Option<f64>, high: &Option<f64>) -> String {
    match (low, high) {
        (Some(l), Some(h)) => format!("{l:.1} – {h:.1}"),
        _ => "–".to_owned(),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrendRow {
    pub period: String,
    pub scores: Scores,
}

/// Monthly scores, oldest first; months without a scored answer are left out.
pub fn monthly(facts: &[AnswerFact]) -> Vec<TrendRow> {
    let indexed: Vec<(i64, usize)> = facts
        .iter()
        .enumerate()
        .filter(|(_, f)| f.score.is_some())
        .map(|(i, f)| (f.submitted_at, i))
        .collect();
    trend(&indexed, Period::Month, |idx: &[usize]| {
        Some(Scores::of(idx.iter().map(|&i| &facts[i])))
    })
    .into_iter()
    .map(|p| TrendRow {
        period: p.period.label(),
        scores: p.result,
    })
    .collect()
}

#[derive(Debug, Clone, PartialEq)]
pub struct GapRow {
    pub question: kunde_domain::Texts,
    pub responses: u64,
    pub expected: f64,
    pub experienced: f64,
    pub gap: f64,
}

/// The expectation gap of each expectation question (0 bad … 3 excellent), the largest
/// disappointment first.
pub fn gaps(facts: &[AnswerFact]) -> Vec<GapRow> {
    let mut questions: Vec<i64> = Vec::new();
    let mut answers = Vec::new();
    for f in facts.iter().filter(|f| f.question_kind == "expectation") {
        let (Some(e), Some(x)) = (level(f.expected), level(f.experienced)) else {
            continue;
        };
        let idx = questions
            .iter()
            .position(|q| *q == f.question_id)
            .unwrap_or_else(|| {
                questions.push(f.question_id);
                questions.len() - 1
            });
        answers.push((kunde_analytics::TouchpointId(idx as u16), e, x));
    }
    expectation_gaps(&answers)
        .into_iter()
        .filter_map(|g| {
            let qid = questions.get(usize::from(g.touchpoint.0))?;
            let fact = facts.iter().find(|f| f.question_id == *qid)?;
            Some(GapRow {
                question: fact.question_text(),
                responses: g.responses,
                expected: g.mean_expected,
                experienced: g.mean_experienced,
                gap: g.gap,
            })
        })
        .collect()
}

fn level(v: Option<i64>) -> Option<Expectation> {
    match v? {
        0 => Some(Expectation::Bad),
        1 => Some(Expectation::Neutral),
        2 => Some(Expectation::Good),
        3 => Some(Expectation::Excellent),
        _ => None,
    }
}

/// A dimension answers can be split by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment {
    Language,
    Channel,
    Acquisition,
}

impl Segment {
    pub const ALL: [Segment; 3] = [Segment::Language, Segment::Channel, Segment::Acquisition];

    pub fn key(self) -> &'static str {
        match self {
            Segment::Language => "voc-segment-language",
            Segment::Channel => "voc-segment-channel",
            Segment::Acquisition => "voc-segment-acquisition",
        }
    }

    /// The raw group value of a row (a language code, a response channel code, an
    /// acquisition channel or "" for none).
    pub fn value(self, f: &AnswerFact) -> String {
        match self {
            Segment::Language => f.language.clone(),
            Segment::Channel => f.channel.clone(),
            Segment::Acquisition => f.acquisition_channel.clone().unwrap_or_default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SegmentRow {
    pub value: String,
    pub responses: usize,
    pub scores: Scores,
}

/// One group's row: its distinct responses and the scores of its answers.
fn segment_row(value: String, rows: Vec<&AnswerFact>) -> SegmentRow {
    let mut responses: Vec<i64> = rows.iter().map(|f| f.response_id).collect();
    responses.sort_unstable();
    responses.dedup();
    SegmentRow {
        value,
        responses: responses.len(),
        scores: Scores::of(rows),
    }
}

/// Scores per group of `segment`, the most responses first.
pub fn segments(facts: &[AnswerFact], segment: Segment) -> Vec<SegmentRow> {
    let mut groups: BTreeMap<String, Vec<&AnswerFact>> = BTreeMap::new();
    for f in facts {
        groups.entry(segment.value(f)).or_default().push(f);
    }
    let mut rows: Vec<SegmentRow> = groups
        .into_iter()
        .map(|(value, rows)| segment_row(value, rows))
        .collect();
    rows.sort_by(|a, b| b.responses.cmp(&a.responses).then(a.value.cmp(&b.value)));
    rows
}

/// Scores of the answers given by each saved segment's members, in the order of `saved`
/// (name and members); a segment none of whose members answered is left out. A customer may
/// be in several segments, so the rows may overlap.
pub fn saved_segments(
    facts: &[AnswerFact],
    saved: &[(String, std::collections::HashSet<i64>)],
) -> Vec<SegmentRow> {
    saved
        .iter()
        .filter_map(|(name, members)| {
            let rows: Vec<&AnswerFact> = facts
                .iter()
                .filter(|f| f.customer_id.is_some_and(|c| members.contains(&c)))
                .collect();
            (!rows.is_empty()).then(|| segment_row(name.clone(), rows))
        })
        .collect()
}

/// A free-text theme and the responses behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeRow {
    pub phrase: String,
    pub responses: Vec<i64>,
}

/// Themes in the free-text and wish answers.
pub fn text_themes(facts: &[AnswerFact]) -> Vec<ThemeRow> {
    let texts: Vec<&AnswerFact> = facts
        .iter()
        .filter(|f| f.text.is_some() && matches!(f.question_kind.as_str(), "free_text" | "wish"))
        .collect();
    let strings: Vec<&str> = texts.iter().filter_map(|f| f.text.as_deref()).collect();
    themes(&strings, ThemeOptions::default())
        .into_iter()
        .map(|t| {
            let mut responses: Vec<i64> = t.answers.iter().map(|&i| texts[i].response_id).collect();
            responses.dedup();
            ThemeRow {
                phrase: t.phrase,
                responses,
            }
        })
        .collect()
}

/// One option of a choice question and how often it was chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceRow {
    pub question: kunde_domain::Texts,
    pub option: kunde_domain::Texts,
    pub count: usize,
}

pub fn choices(facts: &[AnswerFact]) -> Vec<ChoiceRow> {
    let mut rows: Vec<ChoiceRow> = Vec::new();
    for f in facts {
        let Some(option) = f.option_text() else {
            continue;
        };
        let question = f.question_text();
        match rows
            .iter_mut()
            .find(|r| r.question == question && r.option == option)
        {
            Some(r) => r.count += 1,
            None => rows.push(ChoiceRow {
                question,
                option,
                count: 1,
            }),
        }
    }
    rows
}

/// Employee engagement per team (or location) next to the satisfaction of the customers
/// served by the same team: the CSAT share of customer answers carrying that team name.
pub fn engagement(
    employee: &[AnswerFact],
    customers: &[AnswerFact],
    by_location: bool,
    min_group: usize,
) -> EngagementReport {
    let group = |f: &AnswerFact| -> Option<String> {
        let g = if by_location { &f.location } else { &f.team };
        g.as_ref()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    let answers: Vec<(String, NpsScore)> = employee
        .iter()
        .filter(|f| f.question_kind == "nps")
        .filter_map(|f| Some((group(f)?, NpsScore::new(u8::try_from(f.score?).ok()?).ok()?)))
        .collect();
    let mut by_team: BTreeMap<String, Vec<&AnswerFact>> = BTreeMap::new();
    for f in customers.iter().filter(|f| f.question_kind == "csat") {
        if let Some(g) = group(f) {
            by_team.entry(g).or_default().push(f);
        }
    }
    let satisfaction: Vec<TeamSatisfaction> = by_team
        .into_iter()
        .filter_map(|(team, rows)| {
            let s = Scores::of(rows);
            Some(TeamSatisfaction {
                team,
                score: s.csat?,
                responses: s.csat_n,
            })
        })
        .collect();
    engagement_report(&answers, &satisfaction, min_group, Confidence::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(response: i64, at: i64, kind: &str, score: Option<i64>) -> AnswerFact {
        AnswerFact {
            response_id: response,
            survey_id: 1,
            survey_kind: "customer".into(),
            submitted_at: at,
            language: "da".into(),
            channel: "link".into(),
            team: None,
            location: None,
            customer_id: None,
            customer_name: None,
            acquisition_channel: None,
            question_id: match kind {
                "nps" => 1,
                "csat" => 2,
                _ => 3,
            },
            question_kind: kind.into(),
            question_position: 0,
            question_en: kind.into(),
            question_da: String::new(),
            question_sv: String::new(),
            question_tl: String::new(),
            score,
            expected: None,
            experienced: None,
            option_en: None,
            option_da: None,
            option_sv: None,
            option_tl: None,
            text: None,
        }
    }

    const JAN: i64 = 1_767_225_600; // 2026-01-01
    const FEB: i64 = JAN + 31 * 86_400;

    #[test]
    fn scores_and_monthly_trend_match_hand_computed_values() {
        let facts = vec![
            fact(1, JAN, "nps", Some(10)),
            fact(1, JAN, "csat", Some(5)),
            fact(2, JAN + 10, "nps", Some(3)),
            fact(2, JAN + 10, "csat", Some(2)),
            fact(3, FEB, "nps", Some(9)),
            fact(3, FEB, "csat", Some(4)),
            fact(4, FEB + 1, "nps", Some(8)),
        ];
        let all = Scores::of(&facts);
        // 2 promoters (10, 9), 1 detractor (3), 1 passive (8) of 4: 25.
        assert_eq!(all.nps, Some(25.0));
        assert_eq!(all.nps_n, 4);
        // 2 of 3 CSAT answers are 4–5.
        assert!((all.csat.unwrap() - 200.0 / 3.0).abs() < 1e-9);
        let t = monthly(&facts);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].period, "2026-01");
        assert_eq!(t[0].scores.nps, Some(0.0));
        assert_eq!(t[1].period, "2026-02");
        assert_eq!(t[1].scores.nps, Some(50.0));
        assert_eq!(t[1].scores.csat, Some(100.0));
    }

    #[test]
    fn expectation_gaps_and_segments() {
        let mut a = fact(1, JAN, "expectation", None);
        (a.expected, a.experienced) = (Some(3), Some(1));
        let mut b = fact(2, JAN, "expectation", None);
        (b.expected, b.experienced) = (Some(2), Some(2));
        b.language = "en".into();
        let g = gaps(&[a.clone(), b.clone()]);
        assert_eq!(g.len(), 1);
        assert_eq!(
            (g[0].expected, g[0].experienced, g[0].gap),
            (2.5, 1.5, -1.0)
        );
        let s = segments(&[a, b, fact(3, JAN, "nps", Some(10))], Segment::Language);
        assert_eq!(s[0].value, "da");
        assert_eq!(s[0].responses, 2);
        assert_eq!(s[0].scores.nps, Some(100.0));
        assert_eq!(s[1].value, "en");
    }
}
