//! The query parameters of the analytics pages and their CSV downloads, parsed with a
//! translated message for each bad one that names the field and the value.
//!
//! Parameters come from a plain GET form, so the pages work without JavaScript and every
//! view has a shareable address. Funnel steps repeat (`step=12&step=15&…`), which is why the
//! raw query is parsed into pairs rather than into a struct.

use crate::kit::i18n::Tr;
use kunde_domain::TouchpointId;
use kunde_store::TouchpointChoice;

/// The most steps the funnel form offers.
pub const MAX_STEPS: usize = 8;
pub const DEFAULT_WINDOW_DAYS: i64 = 30;
pub const MIN_DEPTH: usize = 3;
pub const MAX_DEPTH: usize = 5;
pub const DEFAULT_DEPTH: usize = 4;
pub const DEFAULT_TOP: usize = 30;
pub const MAX_TOP: usize = 200;

/// The query string as name–value pairs, in order.
pub struct Pairs(Vec<(String, String)>);

impl Pairs {
    pub fn parse(raw: Option<&str>) -> Self {
        Self(serde_urlencoded::from_str(raw.unwrap_or("")).unwrap_or_default())
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowUnit {
    Hours,
    Days,
}

impl WindowUnit {
    pub fn code(self) -> &'static str {
        match self {
            Self::Hours => "hours",
            Self::Days => "days",
        }
    }

    fn seconds(self) -> i64 {
        match self {
            Self::Hours => 3600,
            Self::Days => 86_400,
        }
    }

    /// The longest window allowed: a year.
    fn max(self) -> i64 {
        match self {
            Self::Hours => 24 * 366,
            Self::Days => 366,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breakdown {
    None,
    Channel,
    Month,
}

impl Breakdown {
    pub const ALL: [Breakdown; 3] = [Breakdown::None, Breakdown::Channel, Breakdown::Month];

    pub fn code(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Channel => "channel",
            Self::Month => "month",
        }
    }
}

/// What the funnel page and its CSV were asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunnelParams {
    pub steps: Vec<TouchpointId>,
    pub window: i64,
    pub unit: WindowUnit,
    pub breakdown: Breakdown,
    /// The step (1-based) whose drop-outs are listed; `None`: the step that loses most.
    pub drop: Option<usize>,
}

impl FunnelParams {
    pub fn window_seconds(&self) -> i64 {
        self.window * self.unit.seconds()
    }

    /// The query string that asks for these parameters again (for links and downloads).
    pub fn query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = self
            .steps
            .iter()
            .map(|s| ("step", s.0.to_string()))
            .collect();
        pairs.push(("window", self.window.to_string()));
        pairs.push(("unit", self.unit.code().to_owned()));
        pairs.push(("breakdown", self.breakdown.code().to_owned()));
        if let Some(d) = self.drop {
            pairs.push(("drop", d.to_string()));
        }
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathsView {
    /// Paths after or before a chosen touchpoint.
    Touchpoint,
    /// Where the customers who dropped out at a funnel step went.
    Drop,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathsParams {
    pub view: PathsView,
    pub anchor: Option<TouchpointId>,
    pub before: bool,
    pub depth: usize,
    pub top: usize,
    pub merge_repeats: bool,
    /// For the drop-off view: the funnel whose drop-outs are followed.
    pub funnel: FunnelParams,
}

impl PathsParams {
    pub fn query(&self) -> String {
        let mut q = vec![
            (
                "view",
                match self.view {
                    PathsView::Touchpoint => "touchpoint",
                    PathsView::Drop => "drop",
                }
                .to_owned(),
            ),
            (
                "direction",
                if self.before { "before" } else { "after" }.to_owned(),
            ),
            ("depth", self.depth.to_string()),
            ("top", self.top.to_string()),
            (
                "repeats",
                if self.merge_repeats { "merge" } else { "keep" }.to_owned(),
            ),
        ];
        if let Some(a) = self.anchor {
            q.push(("tp", a.0.to_string()));
        }
        let mut s = serde_urlencoded::to_string(q).unwrap_or_default();
        if self.view == PathsView::Drop {
            s.push('&');
            s.push_str(&self.funnel.query());
        }
        s
    }
}

/// Collects translated messages about bad parameters.
pub struct Problems<'a> {
    tr: &'a Tr,
    pub messages: Vec<String>,
}

impl<'a> Problems<'a> {
    pub fn new(tr: &'a Tr) -> Self {
        Self {
            tr,
            messages: Vec::new(),
        }
    }

    fn range(&mut self, field_key: &str, value: &str, min: i64, max: i64) {
        let field = self.tr.t(field_key);
        self.messages.push(self.tr.t_args(
            "analytics-error-range",
            &[
                ("field", &field),
                ("value", value),
                ("min", &min.to_string()),
                ("max", &max.to_string()),
            ],
        ));
    }

    fn choice(&mut self, field_key: &str, value: &str) {
        let field = self.tr.t(field_key);
        self.messages.push(self.tr.t_args(
            "analytics-error-choice",
            &[("field", &field), ("value", value)],
        ));
    }

    /// A whole number in `min..=max`, or `default` when absent.
    fn number(
        &mut self,
        pairs: &Pairs,
        name: &str,
        field_key: &str,
        min: i64,
        max: i64,
        default: i64,
    ) -> i64 {
        let Some(raw) = pairs.get(name) else {
            return default;
        };
        match raw.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => n,
            _ => {
                self.range(field_key, raw, min, max);
                default
            }
        }
    }
}

/// Parses the funnel's parameters. Without any `step`, `default_steps` gives the funnel.
pub fn funnel_params(
    pairs: &Pairs,
    choices: &[TouchpointChoice],
    default_steps: impl FnOnce() -> Vec<TouchpointId>,
    problems: &mut Problems<'_>,
) -> FunnelParams {
    let raw_steps = pairs.all("step");
    let mut steps = Vec::new();
    for (i, raw) in raw_steps.iter().enumerate() {
        if raw.is_empty() {
            continue;
        }
        let known = raw
            .parse::<i64>()
            .ok()
            .map(TouchpointId)
            .filter(|id| choices.iter().any(|c| c.id == *id));
        match known {
            Some(id) => steps.push(id),
            None => problems.messages.push(problems.tr.t_args(
                "analytics-error-step",
                &[("n", &(i + 1).to_string()), ("value", raw)],
            )),
        }
    }
    let any_step = raw_steps.iter().any(|s| !s.is_empty());
    if !any_step {
        steps = default_steps();
    }
    if any_step && problems.messages.is_empty() && !(2..=MAX_STEPS).contains(&steps.len()) {
        problems.messages.push(
            problems
                .tr
                .t_args("analytics-error-steps", &[("max", &MAX_STEPS.to_string())]),
        );
    }
    let unit = match pairs.get("unit") {
        None | Some("days") => WindowUnit::Days,
        Some("hours") => WindowUnit::Hours,
        Some(other) => {
            problems.choice("analytics-window-unit", other);
            WindowUnit::Days
        }
    };
    let window = problems.number(
        pairs,
        "window",
        "analytics-window",
        1,
        unit.max(),
        DEFAULT_WINDOW_DAYS.min(unit.max()),
    );
    let breakdown = match pairs.get("breakdown") {
        None => Breakdown::None,
        Some(raw) => Breakdown::ALL
            .into_iter()
            .find(|b| b.code() == raw)
            .unwrap_or_else(|| {
                problems.choice("analytics-breakdown", raw);
                Breakdown::None
            }),
    };
    let last = steps.len().saturating_sub(1).max(1) as i64;
    let drop = pairs
        .get("drop")
        .map(|_| problems.number(pairs, "drop", "analytics-drop-step", 1, last, 1) as usize);
    FunnelParams {
        steps,
        window,
        unit,
        breakdown,
        drop,
    }
}

/// Parses the paths page's parameters. `default_anchor` is used when no touchpoint is given.
pub fn paths_params(
    pairs: &Pairs,
    choices: &[TouchpointChoice],
    default_anchor: Option<TouchpointId>,
    default_steps: impl FnOnce() -> Vec<TouchpointId>,
    problems: &mut Problems<'_>,
) -> PathsParams {
    let view = match pairs.get("view") {
        None | Some("touchpoint") => PathsView::Touchpoint,
        Some("drop") => PathsView::Drop,
        Some(other) => {
            problems.choice("analytics-paths-view", other);
            PathsView::Touchpoint
        }
    };
    let anchor = match pairs.get("tp") {
        None => default_anchor,
        Some(raw) => {
            let known = raw
                .parse::<i64>()
                .ok()
                .map(TouchpointId)
                .filter(|id| choices.iter().any(|c| c.id == *id));
            if known.is_none() {
                problems.choice("analytics-anchor", raw);
            }
            known
        }
    };
    let before = match pairs.get("direction") {
        None | Some("after") => false,
        Some("before") => true,
        Some(other) => {
            problems.choice("analytics-direction", other);
            false
        }
    };
    let merge_repeats = match pairs.get("repeats") {
        None | Some("merge") => true,
        Some("keep") => false,
        Some(other) => {
            problems.choice("analytics-repeats", other);
            true
        }
    };
    let depth = problems.number(
        pairs,
        "depth",
        "analytics-depth",
        MIN_DEPTH as i64,
        MAX_DEPTH as i64,
        DEFAULT_DEPTH as i64,
    ) as usize;
    let top = problems.number(
        pairs,
        "top",
        "analytics-top",
        1,
        MAX_TOP as i64,
        DEFAULT_TOP as i64,
    ) as usize;
    let funnel = funnel_params(pairs, choices, default_steps, problems);
    PathsParams {
        view,
        anchor,
        before,
        depth,
        top,
        merge_repeats,
        funnel,
    }
}
