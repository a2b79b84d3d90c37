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

/// "120 reached · 38 % went on · 40 % failed", or that nothing was recorded.
pub fn stat_line(tr: Tr, st: &TouchpointStats, last_stage: bool) -> String {
    let Some(share) = st.share() else {
        let mut line = tr.t("map-no-events");
        if st.cases > 0 {
            line.push_str(" · ");
            line.push_str(&tr.t_count("map-cases", st.cases as i64));
        }
        return line;
    };
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
            let st = stats.stages.get(si).copied().unwrap_or_default();
            let surveyed = stats
                .stage_satisfaction
                .get(si)
                .and_then(Satisfaction::mean);
            let emotion =
                surveyed.or_else(|| (st.reached >= MIN_CUSTOMERS).then(|| st.share()).flatten());
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
            emotion: tr.t(
                if stats.stage_satisfaction.iter().any(|s| s.mean().is_some()) {
                    "survey-map-emotion"
                } else {
                    "map-emotion-derived"
                },
            ),
            good: tr.t("map-good"),
            mixed: tr.t("map-mixed"),
            poor: tr.t("map-poor"),
            no_data: tr.t("map-no-data"),
            loops: tr.t("map-loops"),
            empty_stage: tr.t("journey-stage-empty"),
        },
    }
}
