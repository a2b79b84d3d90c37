//! The ranking behind `/moments` and the start page: gathers the experiences at each
//! touchpoint — customer-survey responses (the worst of a response's NPS and CSAT answers:
//! NPS 0–6 or CSAT 1–2 bad, NPS 9–10 or CSAT 4–5 good), failed interactions and complaints
//! (bad), reviews (1–2 stars bad, 3 neutral, 4–5 good) — and ranks them with `kunde_analytics::moments` over the cached event log.

use crate::kit::error::AppError;
use crate::kit::memo;
use crate::state::AppState;
use kunde_analytics::churn::{ChurnQuery, ThresholdQuery, propose_threshold};
use kunde_analytics::civil::Period;
use kunde_analytics::moments::{Experience, MomentsQuery, Rating, moments_of_truth};
use kunde_analytics::{CustomerId, TouchpointId as LogTp};
use kunde_domain::{Case, WorkspaceId};
use kunde_store::{AnalyticsData, AnswerFact, OutcomeEvent, ResultsScope, Review};
use std::collections::HashMap;

/// One touchpoint's place in the ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Moment {
    pub touchpoint_id: i64,
    pub journey_id: i64,
    pub name: String,
    pub journey: String,
    pub experiences: u64,
    pub good: u64,
    pub neutral: u64,
    pub bad: u64,
    pub impact: f64,
    pub customers_with_bad: u64,
    pub lost_after_bad_percent: f64,
    pub lost_overall_percent: f64,
}

impl Moment {
    /// The touchpoint's card on its journey map.
    pub fn href(&self) -> String {
        format!("/journeys/{}#tp-{}", self.journey_id, self.touchpoint_id)
    }
}

pub struct Ranking {
    pub weight: i64,
    pub threshold_days: u32,
    /// Worst first.
    pub moments: Vec<Moment>,
}

/// A customer the log does not know (no events, or an anonymous answer): counted, never
/// lost.
const UNKNOWN: CustomerId = CustomerId(u32::MAX);

/// The rating of a scored answer, if its question kind has one.
fn rate(kind: &str, score: i64) -> Option<Rating> {
    match (kind, score) {
        ("nps", 0..=6) | ("csat", 1..=2) => Some(Rating::Bad),
        ("nps", 7..=8) | ("csat", 3) => Some(Rating::Neutral),
        ("nps", 9..=10) | ("csat", 4..=5) => Some(Rating::Good),
        _ => None,
    }
}

/// Every experience, with database ids turned into the log's.
pub fn experiences(
    data: &AnalyticsData,
    survey_touchpoints: &HashMap<i64, i64>,
    answers: &[AnswerFact],
    failed: &[OutcomeEvent],
    cases: &[Case],
    reviews: &[Review],
) -> Vec<Experience> {
    // The log names customers by their database id: a lookup per experience, not a map of
    // every customer per view.
    let customer = |id: Option<i64>| {
        id.and_then(|c| data.log.customer_id(&c.to_string()))
            .unwrap_or(UNKNOWN)
    };
    let tp = |id: i64| {
        data.touchpoints
            .get(&kunde_domain::TouchpointId(id))
            .copied()
    };
    let mut out = Vec::new();
    // One experience per response: its worst rated answer.
    let mut responses: Vec<(i64, Experience)> = Vec::new();
    for f in answers {
        let (Some(score), Some(&touchpoint)) = (f.score, survey_touchpoints.get(&f.survey_id))
        else {
            continue;
        };
        let (Some(rating), Some(touchpoint)) = (rate(&f.question_kind, score), tp(touchpoint))
        else {
            continue;
        };
        match responses.last_mut() {
            Some((id, e)) if *id == f.response_id => {
                if rating_rank(rating) < rating_rank(e.rating) {
                    e.rating = rating;
                }
            }
            _ => responses.push((
                f.response_id,
                Experience {
                    customer: customer(f.customer_id),
                    touchpoint,
                    time: f.submitted_at,
                    rating,
                },
            )),
        }
    }
    out.extend(responses.into_iter().map(|(_, e)| e));
    for e in failed {
        if let Some(touchpoint) = tp(e.touchpoint_id) {
            out.push(Experience {
                customer: customer(Some(e.customer_id)),
                touchpoint,
                time: e.occurred_at,
                rating: Rating::Bad,
            });
        }
    }
    for c in cases {
        if let Some(touchpoint) = c.touchpoint_id.and_then(|t| tp(t.0)) {
            out.push(Experience {
                customer: customer(c.customer_id.map(|c| c.0)),
                touchpoint,
                time: c.created_at,
                rating: Rating::Bad,
            });
        }
    }
    for r in reviews {
        let rating = match r.rating {
            1..=2 => Rating::Bad,
            3 => Rating::Neutral,
            _ => Rating::Good,
        };
        if let Some(touchpoint) = tp(r.touchpoint_id) {
            out.push(Experience {
                customer: customer(r.customer_id),
                touchpoint,
                time: r.reviewed_at,
                rating,
            });
        }
    }
    out
}

fn rating_rank(r: Rating) -> u8 {
    match r {
        Rating::Bad => 0,
        Rating::Neutral => 1,
        Rating::Good => 2,
    }
}

/// The ranking of the workspace at `now`, from the cached log and what the caller already
/// read (the customer-survey answers and the cases).
pub async fn ranking(
    state: &AppState,
    ws: WorkspaceId,
    data: &std::sync::Arc<AnalyticsData>,
    answers: Option<&[AnswerFact]>,
    cases: Option<&[Case]>,
    now: i64,
) -> Result<Ranking, AppError> {
    let weight = state.store.moments_weight(ws).await?;
    let surveys = state.store.list_surveys(ws).await?;
    let survey_touchpoints: HashMap<i64, i64> = surveys
        .iter()
        .filter_map(|s| Some((s.survey.id.0, s.survey.touchpoint_id?.0)))
        .collect();
    let loaded_answers;
    let answers = match answers {
        Some(a) => a,
        None => {
            loaded_answers = state
                .store
                .answer_facts(ws, ResultsScope::AllCustomerSurveys)
                .await?;
            &loaded_answers
        }
    };
    let loaded_cases;
    let cases = match cases {
        Some(c) => c,
        None => {
            loaded_cases = state.store.list_cases(ws, None, 20_000).await?;
            &loaded_cases
        }
    };
    // Failed interactions are events: the log's fingerprint covers them, so they are read
    // once per log and day, not on every view (a scan of every event's properties).
    let failed: std::sync::Arc<Vec<OutcomeEvent>> =
        match memo::get(ws, data, now, "moments failed outcomes") {
            Some(f) => f,
            None => {
                let failed: Vec<OutcomeEvent> = state
                    .store
                    .outcome_events(ws)
                    .await?
                    .into_iter()
                    .filter(|e| crate::journeys::failed_outcome(&e.properties))
                    .collect();
                memo::put(ws, data, now, "moments failed outcomes".to_owned(), failed)
            }
        };
    let choices = state.store.touchpoint_choices(ws).await?;
    let reviews = state.store.list_reviews(ws).await?;
    let experiences = experiences(data, &survey_touchpoints, answers, &failed, cases, &reviews);
    // The ranking depends on the log, the weight and the experiences: keyed by a digest of
    // the last two, it is computed once per log and day unless answers, cases or reviews change.
    let key = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for e in &experiences {
            (e.customer.0, e.touchpoint.0, e.time, e.rating).hash(&mut h);
        }
        format!("moments ranking {weight} {:x}", h.finish())
    };
    let data = data.clone();
    let (threshold_days, ranked) = tokio::task::spawn_blocking(move || {
        let ranked = memo::remember(ws, &data, now, key, || {
            rank_log(&data, &experiences, weight, now)
        });
        ranked.as_ref().clone()
    })
    .await
    .map_err(|e| AppError::internal(e.to_string()))?;
    let moments = ranked
        .into_iter()
        .filter_map(|(id, m)| {
            let c = choices.iter().find(|c| c.id.0 == id)?;
            Some(Moment {
                touchpoint_id: id,
                journey_id: c.journey_id,
                name: c.name.clone(),
                journey: c.journey.clone(),
                experiences: m.experiences,
                good: m.good,
                neutral: m.neutral,
                bad: m.bad,
                impact: m.impact,
                customers_with_bad: m.customers_with_bad,
                lost_after_bad_percent: m.lost_after_bad_percent,
                lost_overall_percent: m.lost_overall_percent,
            })
        })
        .collect();
    Ok(Ranking {
        weight,
        threshold_days,
        moments,
    })
}

/// The log's part of the ranking: the churn threshold and the moments of truth, with the
/// database touchpoint of each.
fn rank_log(
    data: &AnalyticsData,
    experiences: &[Experience],
    weight: i64,
    now: i64,
) -> (u32, Vec<(i64, kunde_analytics::moments::MomentOfTruth)>) {
    let threshold_days = propose_threshold(&data.log, &ThresholdQuery::new(now)).days;
    let query = MomentsQuery {
        bad_weight: weight as f64,
        churn: ChurnQuery {
            now,
            inactive_after_seconds: i64::from(threshold_days) * 86_400,
            period: Period::Month,
        },
    };
    let ranked: Vec<_> = moments_of_truth(&data.log, experiences, &query)
        .into_iter()
        .filter_map(|m| {
            let log_tp: LogTp = data.log.touchpoint_id(&m.touchpoint)?;
            Some((data.touchpoint_of(log_tp).0, m))
        })
        .collect();
    (threshold_days, ranked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_rated_by_their_scale() {
        assert_eq!(rate("nps", 6), Some(Rating::Bad));
        assert_eq!(rate("nps", 7), Some(Rating::Neutral));
        assert_eq!(rate("nps", 9), Some(Rating::Good));
        assert_eq!(rate("csat", 2), Some(Rating::Bad));
        assert_eq!(rate("csat", 3), Some(Rating::Neutral));
        assert_eq!(rate("csat", 4), Some(Rating::Good));
        assert_eq!(rate("ces", 7), None);
    }
}
