//! Employee engagement per team or location: eNPS with its interval, hidden for groups too
//! small to keep answers anonymous, next to the customers' satisfaction with the same team,
//! and the correlation of the two over the teams that may be shown.
//!
//! Anonymity: a team with fewer than `min_group` answers shows no score (only that it is too
//! small). The overall eNPS is shown only when it cannot be used to work out the hidden
//! teams: when no team is hidden, or when the hidden teams together have at least
//! `min_group` answers (otherwise "overall minus the shown teams" would be a hidden team).

use serde::Serialize;
use std::collections::BTreeMap;

use crate::correlation::{Correlation, TeamScores, engagement_satisfaction};
use crate::survey::{Confidence, NpsResult, NpsScore, nps};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamEngagement {
    pub team: String,
    /// `None` when the team has too few answers to be shown.
    pub enps: Option<NpsResult>,
    /// Customers' satisfaction with this team (the caller's measure, e.g. CSAT %), if any.
    pub satisfaction: Option<f64>,
    /// Customer answers behind `satisfaction`.
    pub satisfaction_responses: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EngagementReport {
    pub teams: Vec<TeamEngagement>,
    /// The eNPS over every answer, when showing it reveals no hidden team.
    pub overall: Option<NpsResult>,
    /// Teams hidden for their size.
    pub hidden_teams: usize,
    /// Engagement against satisfaction over shown teams that have both (at least 3).
    pub correlation: Option<Correlation>,
}

/// Customers' satisfaction with one team: its score and how many answers are behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamSatisfaction {
    pub team: String,
    pub score: f64,
    pub responses: u64,
}

/// Builds the report from employee answers `(team, eNPS answer)` and customer satisfaction
/// per team. Teams come in name order.
pub fn engagement_report(
    answers: &[(String, NpsScore)],
    satisfaction: &[TeamSatisfaction],
    min_group: usize,
    confidence: Confidence,
) -> EngagementReport {
    let min_group = min_group.max(1);
    let mut by_team: BTreeMap<&str, Vec<NpsScore>> = BTreeMap::new();
    for (team, score) in answers {
        by_team.entry(team.as_str()).or_default().push(*score);
    }
    let satisfaction_of: BTreeMap<&str, &TeamSatisfaction> =
        satisfaction.iter().map(|s| (s.team.as_str(), s)).collect();
    let mut hidden_teams = 0;
    let mut hidden_answers = 0;
    let teams: Vec<TeamEngagement> = by_team
        .iter()
        .map(|(team, scores)| {
            let shown = scores.len() >= min_group;
            if !shown {
                hidden_teams += 1;
                hidden_answers += scores.len();
            }
            let sat = satisfaction_of.get(team);
            TeamEngagement {
                team: (*team).to_owned(),
                enps: if shown { nps(scores, confidence) } else { None },
                satisfaction: sat.map(|s| s.score),
                satisfaction_responses: sat.map_or(0, |s| s.responses),
            }
        })
        .collect();
    let overall = if hidden_answers == 0 || hidden_answers >= min_group {
        let all: Vec<NpsScore> = answers.iter().map(|(_, s)| *s).collect();
        if all.len() >= min_group {
            nps(&all, confidence)
        } else {
            None
        }
    } else {
        None
    };
    let pairs: Vec<TeamScores> = teams
        .iter()
        .filter_map(|t| {
            Some(TeamScores {
                team: t.team.clone(),
                engagement: t.enps.as_ref()?.score,
                satisfaction: t.satisfaction?,
            })
        })
        .collect();
    EngagementReport {
        correlation: engagement_satisfaction(&pairs).ok(),
        teams,
        overall,
        hidden_teams,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(team: &str, scores: &[u8]) -> Vec<(String, NpsScore)> {
        scores
            .iter()
            .map(|&s| (team.to_owned(), NpsScore::new(s).unwrap()))
            .collect()
    }

    fn sat(team: &str, score: f64) -> TeamSatisfaction {
        TeamSatisfaction {
            team: team.into(),
            score,
            responses: 10,
        }
    }

    #[test]
    fn small_teams_are_hidden_and_do_not_leak_through_the_overall_score() {
        let mut all = answers("Aarhus", &[10, 10, 9, 7, 3]);
        all.extend(answers("Odense", &[0, 1]));
        let r = engagement_report(&all, &[], 5, Confidence::default());
        assert_eq!(r.teams.len(), 2);
        let aarhus = r.teams[0].enps.as_ref().unwrap();
        // 3 promoters, 1 detractor of 5: (3 - 1) / 5 = 40.
        assert_eq!((aarhus.promoters, aarhus.detractors), (3, 1));
        assert!((aarhus.score - 40.0).abs() < 1e-9);
        assert_eq!(r.teams[1].enps, None);
        assert_eq!(r.hidden_teams, 1);
        // Two hidden answers: the overall score would reveal them.
        assert_eq!(r.overall, None);

        // With the hidden teams together at the minimum, the overall score is safe.
        all.extend(answers("Vejle", &[10, 10, 10]));
        let r = engagement_report(&all, &[], 5, Confidence::default());
        assert_eq!(r.hidden_teams, 2);
        let overall = r.overall.unwrap();
        assert_eq!(overall.responses, 10);
        // Promoters 6, detractors 3 of 10: 30.
        assert!((overall.score - 30.0).abs() < 1e-9);
    }

    #[test]
    fn engagement_is_correlated_with_satisfaction_over_shown_teams() {
        let mut all = answers("A", &[10, 10, 10, 10, 10]); // 100
        all.extend(answers("B", &[10, 10, 8, 8, 8])); // 40
        all.extend(answers("C", &[0, 0, 8, 8, 8])); // -40
        all.extend(answers("D", &[0, 0])); // hidden
        let sats = [
            sat("A", 90.0),
            sat("B", 70.0),
            sat("C", 50.0),
            sat("D", 100.0),
        ];
        let r = engagement_report(&all, &sats, 5, Confidence::default());
        let c = r.correlation.unwrap();
        assert_eq!(c.n, 3);
        // Engagement 100, 40, -40 against 90, 70, 50: nearly but not exactly linear.
        let expected = {
            let (x, y) = ([100.0, 40.0, -40.0], [90.0, 70.0, 50.0]);
            let (mx, my) = (100.0 / 3.0, 70.0);
            let sxy: f64 = (0..3).map(|i| (x[i] - mx) * (y[i] - my)).sum();
            let sxx: f64 = x.iter().map(|v| (v - mx) * (v - mx)).sum();
            let syy: f64 = y.iter().map(|v| (v - my) * (v - my)).sum();
            sxy / (sxx * syy).sqrt()
        };
        assert!((c.r - expected).abs() < 1e-12, "{} vs {expected}", c.r);
        assert_eq!(r.teams[3].satisfaction, Some(100.0));
        assert_eq!(r.teams[3].enps, None);
    }

    #[test]
    fn fewer_than_three_comparable_teams_give_no_correlation() {
        let all = answers("A", &[10, 9, 9, 9, 9]);
        let r = engagement_report(&all, &[sat("A", 80.0)], 5, Confidence::default());
        assert_eq!(r.correlation, None);
        assert!(r.overall.is_some());
    }
}
