//! Where the business stands on each competitors' standard, in words: the lines the map's
//! cards, the touchpoint's results page, the start page and `/competitors` show.

use crate::kit::Page;
use kunde_analytics::standards::{StandardKind, standing};
use kunde_store::{Standard, StandardValue};

/// Time units a waiting or delivery time is given in.
pub const TIME_UNITS: [&str; 4] = ["minutes", "hours", "days", "weeks"];

/// Where the business stands on one standard of a touchpoint, in words.
pub struct StandingView {
    pub touchpoint_id: i64,
    pub journey_id: i64,
    pub touchpoint_name: String,
    /// "Waiting or delivery time: you 3 days · best competitor 1 day (Hjulet) · target 1 day".
    pub line: String,
    pub behind: bool,
}

impl StandingView {
    /// The touchpoint's card on its journey map.
    pub fn href(&self) -> String {
        format!("/journeys/{}#tp-{}", self.journey_id, self.touchpoint_id)
    }
}

/// One value of a standard of `kind`, written for the reader.
pub fn value_text(p: &Page, kind: StandardKind, unit: &str, v: &StandardValue) -> String {
    let Some(n) = v.value.filter(|_| kind != StandardKind::Text) else {
        return if v.text.is_empty() {
            "–".to_owned()
        } else {
            v.text.clone()
        };
    };
    let decimals = if n.fract().abs() < 1e-9 {
        0
    } else if kind == StandardKind::Price {
        2
    } else {
        1
    };
    let shown = p.number(&n, decimals);
    match kind {
        StandardKind::Time => {
            let unit = if TIME_UNITS.contains(&unit) {
                unit
            } else {
                "days"
            };
            p.tr.t_amount(&format!("comp-unit-{unit}"), n, &shown)
        }
        StandardKind::Hours => p.tr.t_amount("comp-unit-hours-week", n, &shown),
        StandardKind::Rating => p.tr.t_amount("comp-unit-rating", n, &shown),
        StandardKind::Price if !unit.is_empty() => format!("{shown} {unit}"),
        _ => shown,
    }
}

/// Where the business stands on each standard, in the order given.
pub fn standings(p: &Page, standards: &[Standard]) -> Vec<StandingView> {
    standards
        .iter()
        .filter_map(|s| {
            let kind = StandardKind::parse(&s.kind)?;
            let values: Vec<Option<f64>> = s.competitors.iter().map(|(_, _, v)| v.value).collect();
            let st = standing(kind, s.own.value, s.target.value, &values);
            let you = value_text(p, kind, &s.unit, &s.own);
            let mut parts = vec![p.tr.t_args("comp-you", &[("value", &you)])];
            match (kind, st.best) {
                (StandardKind::Text, _) => {
                    for (_, name, v) in &s.competitors {
                        parts.push(format!("{name}: {}", value_text(p, kind, &s.unit, v)));
                    }
                }
                (_, Some((i, _))) => {
                    let (_, name, v) = &s.competitors[i];
                    parts.push(p.tr.t_args(
                        "comp-best",
                        &[("value", &value_text(p, kind, &s.unit, v)), ("name", name)],
                    ));
                }
                (_, None) => {}
            }
            if s.target.value.is_some() || !s.target.text.is_empty() {
                parts.push(p.tr.t_args(
                    "comp-target",
                    &[("value", &value_text(p, kind, &s.unit, &s.target))],
                ));
            }
            let line = format!(
                "{}: {}",
                p.t(&format!("comp-kind-{}", kind.code())),
                parts.join(" · ")
            );
            Some(StandingView {
                touchpoint_id: s.touchpoint_id,
                journey_id: s.journey_id,
                touchpoint_name: s.touchpoint_name.clone(),
                line,
                behind: st.behind,
            })
        })
        .collect()
}
