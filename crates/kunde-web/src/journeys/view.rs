//! The journey map as a picture: the per-touchpoint line ("120 reached · 38 % went on") and
//! the [`kunde_map::Map`] drawn from a journey's stats in the user's language.

use super::health::*;
use crate::kit::i18n::Tr;
use kunde_domain::{Journey, Stage, Touchpoint, TouchpointId, User};
use kunde_map::{Card, Labels, Loop, Map, StageColumn};
use std::collections::HashMap;

fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}

/// "120 reached · 38 % went on · 40 % failed", or that nothing was recorded. Below
/// [`MIN_CUSTOMERS`] only how many reached it: "100 % went on" of two people is no fact.
/// The last stage says who came back, since there is no later stage to go on to.
pub fn stat_line(tr: Tr, st: &TouchpointStats, last_stage: bool) -> String {
    let cases = |mut line: String| {
        if st.cases > 0 {
            line.push_str(" · ");
            line.push_str(&tr.t_count("map-cases", st.cases as i64));
        }
        line
    };
    let Some(share) = st.share() else {
        return cases(tr.t("map-no-events"));
    };
    if st.reached < MIN_CUSTOMERS {
        return cases(tr.t_args("map-reached-few", &[("reached", &st.reached.to_string())]));
    }
    let key = if last_stage {
        "map-came-back"
    } else {
        "map-went-on"
    };
    let mut line = tr.t_args(
        key,
        &[
            ("reached", &st.reached.to_string()),
            ("share", &percent(share)),
        ],
    );
    if st.failed > 0 {
        line.push_str(" · ");
        line.push_str(&tr.t_args("map-failed", &[("share", &percent(st.failed_share()))]));
    }
    if st.cases > 0 {
        line.push_str(" · ");
        line.push_str(&tr.t_count("map-cases", st.cases as i64));
    }
    line
}

/// Builds the picture of a journey in the language of `tr`.
pub fn build_map(
    tr: Tr,
    journey: &Journey,
    stages: &[Stage],
    touchpoints: &[Touchpoint],
    users: &[User],
    stats: &JourneyStats,
) -> Map {
    let owner_name = |t: &Touchpoint| {
        t.owner_id
            .and_then(|id| users.iter().find(|u| u.id == id))
            .map(|u| tr.t_args("map-owner", &[("name", u.name.as_str())]))
            .unwrap_or_else(|| tr.t("map-no-owner"))
    };
    let mut position: HashMap<TouchpointId, (usize, usize)> = HashMap::new();
    let (curve, surveyed) = emotion_curve(stats, stages.len());
    let columns: Vec<StageColumn> = stages
        .iter()
        .enumerate()
        .map(|(si, stage)| {
            let cards = touchpoints
                .iter()
                .filter(|t| t.stage_id == stage.id)
                .enumerate()
                .map(|(ci, t)| {
                    position.insert(t.id, (si, ci));
                    let st = stats.touchpoints.get(&t.id).copied().unwrap_or_default();
                    let kind = format!(
                        "{} · {}",
                        tr.t(&format!("channel-{}", t.channel.code())),
                        tr.t(if t.digital {
                            "tp-digital"
                        } else {
                            "tp-physical"
                        })
                    );
                    let mut detail = stat_line(tr, &st, si + 1 == stages.len());
                    let sat = stats.satisfaction.get(&t.id).copied().unwrap_or_default();
                    if let Some(mean) = sat.mean() {
                        detail.push_str(" · ");
                        detail.push_str(
                            &tr.t_args("survey-map-satisfaction", &[("share", &percent(mean))]),
                        );
                    }
                    Card {
                        name: t.name.clone(),
                        owner: owner_name(t),
                        kind,
                        detail,
                        health: health_with_satisfaction(&st, &sat),
                        outside: !t.owned,
                    }
                })
                .collect();
            let emotion = curve.get(si).copied().flatten();
            StageColumn {
                name: stage.name.clone(),
                cards,
                emotion,
                emotion_label: emotion.map(percent).unwrap_or_default(),
            }
        })
        .collect();
    let loops = stats
        .loops
        .iter()
        .filter_map(|&(a, b, n)| {
            Some(Loop {
                from: *position.get(&a)?,
                to: *position.get(&b)?,
                customers: n,
            })
        })
        .take(MAX_LOOPS)
        .collect();
    let subtitle = format!(
        "{} · {}",
        tr.t(&format!("variant-{}", journey.variant.code())),
        tr.t_count("map-customers", stats.customers as i64)
    );
    Map {
        title: journey.name.clone(),
        subtitle,
        stages: columns,
        loops,
        labels: Labels {
            emotion: tr.t(if surveyed {
                "survey-map-emotion"
            } else {
                "map-emotion-derived"
            }),
            good: tr.t("map-good"),
            mixed: tr.t("map-mixed"),
            poor: tr.t("map-poor"),
            no_data: tr.t("map-no-data"),
            loops: tr.t("map-loops"),
            empty_stage: tr.t("journey-stage-empty"),
        },
    }
}

/// The emotion curve's points for `stages` stages, one measure for the whole curve (the
/// returned flag says which, and the map's label with it): the survey answers' mean
/// satisfaction when any stage has enough answers — a stage without stays empty — else the
/// share that went on, from [`MIN_CUSTOMERS`] up. Never the two mixed on one line.
pub fn emotion_curve(stats: &JourneyStats, stages: usize) -> (Vec<Option<f64>>, bool) {
    let surveyed = stats.stage_satisfaction.iter().any(|s| s.mean().is_some());
    let points = (0..stages)
        .map(|si| {
            if surveyed {
                stats
                    .stage_satisfaction
                    .get(si)
                    .and_then(Satisfaction::mean)
            } else {
                let st = stats.stages.get(si).copied().unwrap_or_default();
                (st.reached >= MIN_CUSTOMERS).then(|| st.share()).flatten()
            }
        })
        .collect();
    (points, surveyed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kunde_domain::Language;

    fn stage(reached: u64, went_on: u64) -> TouchpointStats {
        TouchpointStats {
            reached,
            went_on,
            ..TouchpointStats::default()
        }
    }

    #[test]
    fn the_curve_shows_one_measure_and_says_which() {
        let mut stats = JourneyStats {
            stages: vec![stage(10, 5), stage(8, 2), stage(6, 6)],
            stage_satisfaction: vec![Satisfaction::default(); 3],
            ..JourneyStats::default()
        };
        let (derived, surveyed) = emotion_curve(&stats, 3);
        assert!(!surveyed);
        assert_eq!(derived, vec![Some(0.5), Some(0.25), Some(1.0)]);
        // Answers at one stage: the whole curve is satisfaction, the others empty — never
        // satisfaction at one stage and the derived share at the next.
        stats.stage_satisfaction[1] = Satisfaction {
            answers: 5,
            sum: 4.0,
        };
        let (mixed, surveyed) = emotion_curve(&stats, 3);
        assert!(surveyed);
        assert_eq!(mixed, vec![None, Some(0.8), None]);
    }

    #[test]
    fn few_customers_show_no_share() {
        let tr = Tr::new(Language::En);
        assert_eq!(
            stat_line(tr, &stage(2, 2), false),
            "2 reached (too few to say more)"
        );
        assert_eq!(
            stat_line(tr, &stage(4, 4), true),
            "4 reached (too few to say more)"
        );
        assert_eq!(
            stat_line(tr, &stage(5, 5), false),
            "5 reached · 100 % went on"
        );
        assert_eq!(
            stat_line(tr, &stage(5, 1), true),
            "5 reached · 20 % came back"
        );
    }
}
