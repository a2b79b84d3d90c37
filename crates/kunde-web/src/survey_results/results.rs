//! The results pages: an index of surveys and touchpoints, the results of one survey or of
//! every customer survey of one touchpoint, and their answers as CSV.

use super::report::{self, ChoiceRow, GapRow, Scores, Segment, ThemeRow, TrendRow};
use crate::kit::csv::script_json;
use crate::kit::error::AppError;
use crate::kit::{Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use kunde_analytics::engagement::EngagementReport;
use kunde_domain::{Language, SurveyKind, Texts};
use kunde_store::AnswerFact;
use serde::Deserialize;
use std::collections::BTreeMap;

/// How many responses the page lists; the CSV has them all.
pub(super) const ANSWERS_SHOWN: usize = 50;

pub struct SurveyLink {
    pub id: i64,
    pub title: String,
    pub employee: bool,
    pub responses: i64,
}

pub struct TouchpointLink {
    pub id: i64,
    pub name: String,
    pub surveys: usize,
}

#[derive(Template)]
#[template(path = "survey_results/index.html")]
pub(super) struct IndexPage {
    pub(super) p: Page,
    pub(super) surveys: Vec<SurveyLink>,
    pub(super) touchpoints: Vec<TouchpointLink>,
    pub(super) open_followups: i64,
    pub(super) overdue_followups: i64,
}

pub async fn index(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
) -> Result<Html<String>, AppError> {
    let p = Page::staff(&user, &csrf, "results", "/results");
    let ws = user.workspace.id;
    let lang = p.tr.lang();
    let surveys = state.store.list_surveys(ws).await?;
    let tps = state.store.all_touchpoints(ws).await?;
    let (open_followups, overdue_followups) = state.store.followup_counts(ws, state.now()).await?;
    let mut per_tp: BTreeMap<i64, usize> = BTreeMap::new();
    for s in &surveys {
        if let (Some(tp), SurveyKind::Customer) = (s.survey.touchpoint_id, s.survey.kind) {
            *per_tp.entry(tp.0).or_default() += 1;
        }
    }
    let touchpoints = tps
        .iter()
        .filter_map(|t| {
            Some(TouchpointLink {
                id: t.id.0,
                name: t.name.clone(),
                surveys: *per_tp.get(&t.id.0)?,
            })
        })
        .collect();
    let surveys = surveys
        .iter()
        .map(|s| SurveyLink {
            id: s.survey.id.0,
            title: s
                .survey
                .title
                .get(lang, s.survey.default_language)
                .to_owned(),
            employee: s.survey.kind == SurveyKind::Employee,
            responses: s.responses,
        })
        .collect();
    let view = IndexPage {
        p,
        surveys,
        touchpoints,
        open_followups,
        overdue_followups,
    };
    view.render().map(Html).map_err(AppError::from)
}

#[derive(Deserialize, Default)]
pub struct ResultsQuery {
    /// Only the responses behind this free-text theme.
    pub(super) theme: Option<String>,
    /// Employee results: group by `team` (default) or `location`.
    pub(super) group: Option<String>,
    /// The page of the answer list.
    pub(super) page: Option<i64>,
}

pub struct SegmentTable {
    pub title: String,
    pub rows: Vec<(String, usize, Scores)>,
}

pub struct AnswerView {
    pub response_id: i64,
    pub at: String,
    pub customer: Option<(i64, String)>,
    pub language: String,
    pub channel: String,
    pub scores: String,
    pub texts: Vec<String>,
}

pub struct TeamView {
    pub team: String,
    pub shown: bool,
    pub responses: u64,
    pub enps: String,
    pub interval: String,
    pub satisfaction: String,
}

pub struct EngagementView {
    pub by_location: bool,
    pub min_group: i64,
    pub teams: Vec<TeamView>,
    pub overall: Option<String>,
    pub correlation: Option<String>,
}

#[derive(Template)]
#[template(path = "survey_results/results.html")]
pub(super) struct ResultsPageView {
    pub(super) p: Page,
    pub(super) title: String,
    pub(super) subtitle: String,
    /// A touchpoint's competitors' standards: (where the business stands, behind).
    pub(super) standing: Vec<(String, bool)>,
    pub(super) base: String,
    pub(super) employee: bool,
    /// The touchpoint's combined results, from a survey's page.
    pub(super) touchpoint_link: Option<(i64, String)>,
    pub(super) responses: usize,
    pub(super) overall: Scores,
    pub(super) trend: Vec<TrendRow>,
    pub(super) chart: String,
    pub(super) gaps: Vec<GapRow>,
    pub(super) segments: Vec<SegmentTable>,
    pub(super) choices: Vec<ChoiceRow>,
    pub(super) themes: Vec<ThemeRow>,
    pub(super) theme: Option<String>,
    pub(super) answers: Vec<AnswerView>,
    /// Which page of the answers is shown ([`crate::kit::paging`]).
    pub(super) pager: crate::kit::paging::Pager,
    pub(super) engagement: Option<EngagementView>,
    pub(super) can_invite: bool,
    pub(super) survey_id: i64,
    /// Whether the scope asks a CES question: without one, no CES row, column or axis.
    pub(super) ces: bool,
}

impl ResultsPageView {
    fn one(&self, v: &Option<f64>) -> String {
        report::one(v)
    }

    fn range(&self, low: &Option<f64>, high: &Option<f64>) -> String {
        report::range(low, high)
    }

    fn num(&self, v: &f64) -> String {
        format!("{v:.2}")
    }

    fn text(&self, t: &Texts) -> String {
        t.get(self.p.tr.lang(), Language::En).to_owned()
    }

    fn theme_link(&self, phrase: &str) -> String {
        format!(
            "{}?{}",
            self.base,
            serde_urlencoded::to_string([("theme", phrase)]).unwrap_or_default()
        )
    }
}

pub(super) fn language_label(code: &str) -> String {
    Language::parse(code).map_or_else(|_| code.to_owned(), |l| l.native_name().to_owned())
}

pub(super) fn channel_label(p: &Page, code: &str) -> String {
    p.t(&format!("voc-via-{code}"))
}

pub(super) fn segment_value(p: &Page, segment: Segment, value: &str) -> String {
    match segment {
        Segment::Language => language_label(value),
        Segment::Channel => channel_label(p, value),
        Segment::Acquisition if value.is_empty() => p.t("channel-unknown"),
        Segment::Acquisition => p.acquisition(value),
    }
}

/// Responses (newest first) with their answers summarised, only those in `only` if given.
pub(super) fn answer_views(
    p: &Page,
    facts: &[AnswerFact],
    only: Option<&[i64]>,
) -> Vec<AnswerView> {
    let mut views: Vec<AnswerView> = Vec::new();
    for f in facts.iter().rev() {
        if only.is_some_and(|ids| !ids.contains(&f.response_id)) {
            continue;
        }
        if views.last().is_none_or(|v| v.response_id != f.response_id) {
            views.push(AnswerView {
                response_id: f.response_id,
                at: p.datetime(&f.submitted_at),
                customer: f.customer_id.zip(f.customer_name.clone()),
                language: language_label(&f.language),
                channel: channel_label(p, &f.channel),
                scores: String::new(),
                texts: Vec::new(),
            });
        }
        let v = views.last_mut().expect("just pushed");
        let label = match f.question_kind.as_str() {
            "nps" => Some("NPS"),
            "csat" => Some("CSAT"),
            "ces" => Some("CES"),
            "rating" => Some("★"),
            _ => None,
        };
        if let (Some(label), Some(score)) = (label, f.score) {
            // Facts come newest response first but questions in reverse order: prepend.
            let part = format!("{label} {score}");
            v.scores = if v.scores.is_empty() {
                part
            } else {
                format!("{part} · {}", v.scores)
            };
        }
        if let Some(t) = &f.text {
            v.texts.insert(0, t.clone());
        }
    }
    views
}

/// The trend chart's data; the CES series (and with it the CES axis) only when `ces` is
/// asked.
pub(super) fn chart_json(p: &Page, trend: &[TrendRow], ces: bool) -> String {
    let mut series = vec![
        serde_json::json!({"name": p.t("voc-nps"), "axis": "score", "data": trend.iter().map(|t| t.scores.nps.map(|x| (x * 10.0).round() / 10.0)).collect::<Vec<_>>()}),
        serde_json::json!({"name": p.t("voc-csat"), "axis": "score", "data": trend.iter().map(|t| t.scores.csat.map(|x| (x * 10.0).round() / 10.0)).collect::<Vec<_>>()}),
    ];
    if ces {
        series.push(serde_json::json!({"name": p.t("voc-ces"), "axis": "ces", "data": trend.iter().map(|t| t.scores.ces.map(|x| (x * 100.0).round() / 100.0)).collect::<Vec<_>>()}));
    }
    let v = serde_json::json!({
        "periods": trend.iter().map(|t| t.period.clone()).collect::<Vec<_>>(),
        "series": series,
    });
    script_json(&v)
}

pub(super) fn engagement_view(
    p: &Page,
    r: &EngagementReport,
    by_location: bool,
    min_group: i64,
) -> EngagementView {
    EngagementView {
        by_location,
        min_group,
        teams: r
            .teams
            .iter()
            .map(|t| TeamView {
                team: t.team.clone(),
                shown: t.enps.is_some(),
                responses: t.enps.as_ref().map_or(0, |e| e.responses),
                enps: report::one(&t.enps.as_ref().map(|e| e.score)),
                interval: t.enps.as_ref().map_or_else(
                    || "–".into(),
                    |e| report::range(&Some(e.interval.low), &Some(e.interval.high)),
                ),
                satisfaction: t.satisfaction.map_or_else(
                    || "–".into(),
                    |s| format!("{s:.1} % ({})", t.satisfaction_responses),
                ),
            })
            .collect(),
        overall: r.overall.as_ref().map(|o| {
            format!(
                "{:.1} ({} – {}, n = {})",
                o.score,
                fmt1(o.interval.low),
                fmt1(o.interval.high),
                o.responses
            )
        }),
        correlation: r.correlation.map(|c| {
            p.tr.t_args(
                "voc-correlation",
                &[
                    ("r", &format!("{:.2}", c.r)),
                    ("n", &c.n.to_string()),
                    ("p", &format!("{:.3}", c.p_value)),
                ],
            )
        }),
    }
}

pub(super) fn fmt1(x: f64) -> String {
    format!("{x:.1}")
}

pub(super) struct Scope {
    pub(super) title: String,
    pub(super) subtitle: String,
    pub(super) standing: Vec<(String, bool)>,
    pub(super) base: String,
    pub(super) employee: bool,
    pub(super) min_group: i64,
    pub(super) touchpoint_link: Option<(i64, String)>,
    pub(super) survey_id: i64,
    /// Whether a survey of the scope has a CES question.
    pub(super) asks_ces: bool,
}
