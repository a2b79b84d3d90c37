//! Rule segments: a segment defined by conditions that all must hold (RFM segment, P(alive),
//! predicted value, last order, number of orders, products bought, channel, language,
//! consent, NPS answers, closed cases, touchpoints), evaluated whenever the segment is used.
//!
//! This module is the pure half: the [`Rule`] type, its stable serialisation
//! ([`Rule::encode`] / [`Rule::decode`], versioned JSON), the editor's form fields
//! ([`RuleForm`]: parse with the failing field named, and back) and the evaluation over one
//! customer's [`CustomerFacts`]. The web layer gathers the facts once per evaluation.

use crate::rfm::Segment;
use serde::{Deserialize, Serialize};

/// Seconds in a day: "in the last N days" means since `now - N * DAY`.
const DAY: i64 = 86_400;
/// The largest number of days a condition may name (a century).
pub const MAX_DAYS: u32 = 36_500;
/// The largest number of orders a condition may name.
pub const MAX_ORDERS: u32 = 1_000_000;
/// The longest product, channel or language text a condition may hold.
pub const MAX_TEXT: usize = 200;
/// The version [`Rule::encode`] writes; [`Rule::decode`] refuses any other.
pub const VERSION: u32 = 1;

/// One condition on a customer. Days count back from the time of evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// The customer's RFM segment is one of these.
    Rfm(Vec<Segment>),
    /// The probability of still being a customer is below this fraction (0–1).
    AliveBelow(f64),
    /// The probability of still being a customer is above this fraction (0–1).
    AliveAbove(f64),
    /// The predicted value over 12 months is above this amount (currency units).
    ValueAbove(f64),
    /// The predicted value over 12 months is below this amount (currency units).
    ValueBelow(f64),
    /// The last order was more than this many days ago (customers with no order: no).
    LastOrderBefore(u32),
    /// The last order was within this many days.
    LastOrderWithin(u32),
    /// At least this many orders.
    OrdersAtLeast(u32),
    /// At most this many orders (none included).
    OrdersAtMost(u32),
    /// Bought this product at least once (names compared without regard to case).
    Bought(String),
    /// Never bought this product.
    NeverBought(String),
    /// Came through this acquisition channel (without regard to case).
    Channel(String),
    /// Speaks this language (a language code).
    Language(String),
    /// Has (true) or has not (false) given marketing consent.
    Consent(bool),
    /// Answered an NPS question with 0–6 within this many days.
    Detractor(u32),
    /// Answered an NPS question with 9–10 within this many days.
    Promoter(u32),
    /// Had a case closed within this many days.
    CaseClosed(u32),
    /// Has at least one event at this touchpoint (a database touchpoint id).
    Reached(i64),
    /// The customer's latest event is at this touchpoint: they went no further.
    DroppedAt(i64),
}

/// A rule: every condition must hold. Not empty once parsed from a form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    pub all: Vec<Condition>,
}

/// What one customer is known to be, as of the time of evaluation. Unknown figures (no fit,
/// no order) are `None`, and a condition on them does not hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomerFacts {
    pub rfm: Option<Segment>,
    pub alive: Option<f64>,
    pub predicted: Option<f64>,
    pub last_order: Option<i64>,
    pub orders: u32,
    /// Products bought, at least those the rule names.
    pub products: Vec<String>,
    pub channel: Option<String>,
    pub language: String,
    pub consent: bool,
    /// (time, score) of the customer's NPS answers.
    pub nps: Vec<(i64, u8)>,
    /// When the customer's closed cases were closed.
    pub cases_closed: Vec<i64>,
    /// The touchpoints the customer has events at.
    pub touchpoints: Vec<i64>,
    /// The touchpoint of the customer's latest event.
    pub last_touchpoint: Option<i64>,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    v: u32,
    all: Vec<Condition>,
}

impl Condition {
    /// Whether the condition holds for `f` at time `now`.
    pub fn holds(&self, f: &CustomerFacts, now: i64) -> bool {
        let since = |days: u32| now - i64::from(days) * DAY;
        let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
        match self {
            Condition::Rfm(segments) => f.rfm.is_some_and(|s| segments.contains(&s)),
            Condition::AliveBelow(x) => f.alive.is_some_and(|a| a < *x),
            Condition::AliveAbove(x) => f.alive.is_some_and(|a| a > *x),
            Condition::ValueAbove(x) => f.predicted.is_some_and(|v| v > *x),
            Condition::ValueBelow(x) => f.predicted.is_some_and(|v| v < *x),
            Condition::LastOrderBefore(d) => f.last_order.is_some_and(|t| t < since(*d)),
            Condition::LastOrderWithin(d) => f.last_order.is_some_and(|t| t >= since(*d)),
            Condition::OrdersAtLeast(n) => f.orders >= *n,
            Condition::OrdersAtMost(n) => f.orders <= *n,
            Condition::Bought(p) => f.products.iter().any(|b| same(b, p)),
            Condition::NeverBought(p) => !f.products.iter().any(|b| same(b, p)),
            Condition::Channel(c) => f.channel.as_deref().is_some_and(|x| same(x, c)),
            Condition::Language(l) => f.language == *l,
            Condition::Consent(yes) => f.consent == *yes,
            Condition::Detractor(d) => f.nps.iter().any(|&(t, s)| t >= since(*d) && s <= 6),
            Condition::Promoter(d) => f.nps.iter().any(|&(t, s)| t >= since(*d) && s >= 9),
            Condition::CaseClosed(d) => f.cases_closed.iter().any(|&t| t >= since(*d)),
            Condition::Reached(tp) => f.touchpoints.contains(tp),
            Condition::DroppedAt(tp) => f.last_touchpoint == Some(*tp),
        }
    }
}

impl Rule {
    /// Whether every condition holds for `f` at time `now`.
    pub fn matches(&self, f: &CustomerFacts, now: i64) -> bool {
        self.all.iter().all(|c| c.holds(f, now))
    }

    /// The indexes of the customers in `facts` the rule selects, in order.
    pub fn select(&self, facts: &[CustomerFacts], now: i64) -> Vec<usize> {
        (0..facts.len())
            .filter(|&i| self.matches(&facts[i], now))
            .collect()
    }

    /// Whether evaluating needs the lifetime-value fit (P(alive), predicted value).
    pub fn needs_fit(&self) -> bool {
        self.all.iter().any(|c| {
            matches!(
                c,
                Condition::AliveBelow(_)
                    | Condition::AliveAbove(_)
                    | Condition::ValueAbove(_)
                    | Condition::ValueBelow(_)
            )
        })
    }

    /// The products the rule names, for gathering who bought them.
    pub fn products(&self) -> Vec<&str> {
        self.all
            .iter()
            .filter_map(|c| match c {
                Condition::Bought(p) | Condition::NeverBought(p) => Some(p.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The longest look-back of the NPS conditions, in days (`None`: no NPS condition).
    pub fn nps_days(&self) -> Option<u32> {
        self.all
            .iter()
            .filter_map(|c| match c {
                Condition::Detractor(d) | Condition::Promoter(d) => Some(*d),
                _ => None,
            })
            .max()
    }

    /// The longest look-back of the closed-case conditions, in days.
    pub fn case_days(&self) -> Option<u32> {
        self.all
            .iter()
            .filter_map(|c| match c {
                Condition::CaseClosed(d) => Some(*d),
                _ => None,
            })
            .max()
    }

    /// The stable text the store keeps: versioned JSON.
    pub fn encode(&self) -> String {
        serde_json::to_string(&Stored {
            v: VERSION,
            all: self.all.clone(),
        })
        .unwrap_or_default()
    }

    /// A rule from [`Rule::encode`]'s text; `None` when it is not one (another version,
    /// damaged text).
    pub fn decode(text: &str) -> Option<Rule> {
        let stored: Stored = serde_json::from_str(text).ok()?;
        (stored.v == VERSION).then_some(Rule { all: stored.all })
    }
}

/// Why a form does not make a rule: the field at fault and a reason code (both stable,
/// the web layer words them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleError {
    pub field: &'static str,
    /// `number` (not a number), `range` (out of range), `unknown` (not a known choice),
    /// `text` (empty, too long or with control characters), `empty` (no condition at all).
    pub reason: &'static str,
}

/// The editor's fields as typed, so a refused form shows them again. An empty field means
/// the condition is not used.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleForm {
    pub rfm: Vec<String>,
    /// `below` or `above`, with `alive` a percentage.
    pub alive_op: String,
    pub alive: String,
    /// `above` or `below`, with `value` an amount.
    pub value_op: String,
    pub value: String,
    /// `before` (more than N days ago) or `within`, with `last_order_days`.
    pub last_order_op: String,
    pub last_order_days: String,
    /// `at_least` or `at_most`, with `orders`.
    pub orders_op: String,
    pub orders: String,
    pub bought: String,
    pub never_bought: String,
    pub channel: String,
    pub language: String,
    /// ``, `yes` or `no`.
    pub consent: String,
    /// ``, `detractor` or `promoter`, with `nps_days`.
    pub nps: String,
    pub nps_days: String,
    pub case_closed_days: String,
    /// Database touchpoint ids, empty for none.
    pub reached: String,
    pub dropped_at: String,
}

fn err(field: &'static str, reason: &'static str) -> RuleError {
    RuleError { field, reason }
}

/// A number typed with either decimal mark, spaces allowed as thousands separators.
fn number(field: &'static str, s: &str) -> Result<f64, RuleError> {
    let cleaned: String = s.trim().chars().filter(|c| !c.is_whitespace()).collect();
    cleaned
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or(err(field, "number"))
}

fn whole(field: &'static str, s: &str, min: u32, max: u32) -> Result<u32, RuleError> {
    let n: u64 = s.trim().parse().map_err(|_| err(field, "number"))?;
    if n < u64::from(min) || n > u64::from(max) {
        return Err(err(field, "range"));
    }
    Ok(n as u32)
}

fn text(field: &'static str, s: &str) -> Result<String, RuleError> {
    let t = s.trim();
    if t.is_empty() || t.chars().count() > MAX_TEXT || t.chars().any(char::is_control) {
        return Err(err(field, "text"));
    }
    Ok(t.to_owned())
}

/// A percentage written back without a needless fraction.
fn plain(x: f64) -> String {
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_owned()
}

impl RuleForm {
    /// The fields from a form's (name, value) pairs; unknown names are ignored, `rfm` may
    /// repeat.
    pub fn from_pairs(pairs: &[(String, String)]) -> RuleForm {
        let mut f = RuleForm::default();
        for (k, v) in pairs {
            let slot = match k.as_str() {
                "rfm" => {
                    if !v.is_empty() {
                        f.rfm.push(v.clone());
                    }
                    continue;
                }
                "alive_op" => &mut f.alive_op,
                "alive" => &mut f.alive,
                "value_op" => &mut f.value_op,
                "value" => &mut f.value,
                "last_order_op" => &mut f.last_order_op,
                "last_order_days" => &mut f.last_order_days,
                "orders_op" => &mut f.orders_op,
                "orders" => &mut f.orders,
                "bought" => &mut f.bought,
                "never_bought" => &mut f.never_bought,
                "channel" => &mut f.channel,
                "language" => &mut f.language,
                "consent" => &mut f.consent,
                "nps" => &mut f.nps,
                "nps_days" => &mut f.nps_days,
                "case_closed_days" => &mut f.case_closed_days,
                "reached" => &mut f.reached,
                "dropped_at" => &mut f.dropped_at,
                _ => continue,
            };
            *slot = v.clone();
        }
        f
    }

    /// The rule the fields describe. `languages` are the known language codes and
    /// `touchpoints` the workspace's touchpoint ids. The first field at fault is named.
    pub fn parse(&self, languages: &[&str], touchpoints: &[i64]) -> Result<Rule, RuleError> {
        let mut all = Vec::new();
        if !self.rfm.is_empty() {
            let segments = self
                .rfm
                .iter()
                .map(|c| Segment::from_code(c).ok_or(err("rfm", "unknown")))
                .collect::<Result<Vec<_>, _>>()?;
            all.push(Condition::Rfm(segments));
        }
        if !self.alive.trim().is_empty() {
            let p = number("alive", &self.alive)?;
            if !(0.0..=100.0).contains(&p) {
                return Err(err("alive", "range"));
            }
            all.push(match self.alive_op.as_str() {
                "below" => Condition::AliveBelow(p / 100.0),
                "above" => Condition::AliveAbove(p / 100.0),
                _ => return Err(err("alive_op", "unknown")),
            });
        }
        if !self.value.trim().is_empty() {
            let v = number("value", &self.value)?;
            if !(0.0..=1e12).contains(&v) {
                return Err(err("value", "range"));
            }
            all.push(match self.value_op.as_str() {
                "above" => Condition::ValueAbove(v),
                "below" => Condition::ValueBelow(v),
                _ => return Err(err("value_op", "unknown")),
            });
        }
        if !self.last_order_days.trim().is_empty() {
            let d = whole("last_order_days", &self.last_order_days, 0, MAX_DAYS)?;
            all.push(match self.last_order_op.as_str() {
                "before" => Condition::LastOrderBefore(d),
                "within" => Condition::LastOrderWithin(d),
                _ => return Err(err("last_order_op", "unknown")),
            });
        }
        if !self.orders.trim().is_empty() {
            let n = whole("orders", &self.orders, 0, MAX_ORDERS)?;
            all.push(match self.orders_op.as_str() {
                "at_least" => Condition::OrdersAtLeast(n),
                "at_most" => Condition::OrdersAtMost(n),
                _ => return Err(err("orders_op", "unknown")),
            });
        }
        if !self.bought.trim().is_empty() {
            all.push(Condition::Bought(text("bought", &self.bought)?));
        }
        if !self.never_bought.trim().is_empty() {
            all.push(Condition::NeverBought(text(
                "never_bought",
                &self.never_bought,
            )?));
        }
        if !self.channel.trim().is_empty() {
            all.push(Condition::Channel(text("channel", &self.channel)?));
        }
        if !self.language.is_empty() {
            if !languages.contains(&self.language.as_str()) {
                return Err(err("language", "unknown"));
            }
            all.push(Condition::Language(self.language.clone()));
        }
        match self.consent.as_str() {
            "" => {}
            "yes" => all.push(Condition::Consent(true)),
            "no" => all.push(Condition::Consent(false)),
            _ => return Err(err("consent", "unknown")),
        }
        if !self.nps.is_empty() {
            let d = whole("nps_days", &self.nps_days, 1, MAX_DAYS)?;
            all.push(match self.nps.as_str() {
                "detractor" => Condition::Detractor(d),
                "promoter" => Condition::Promoter(d),
                _ => return Err(err("nps", "unknown")),
            });
        }
        if !self.case_closed_days.trim().is_empty() {
            let d = whole("case_closed_days", &self.case_closed_days, 1, MAX_DAYS)?;
            all.push(Condition::CaseClosed(d));
        }
        for (field, value) in [("reached", &self.reached), ("dropped_at", &self.dropped_at)] {
            if value.is_empty() {
                continue;
            }
            let tp: i64 = value.parse().map_err(|_| err(field, "unknown"))?;
            if !touchpoints.contains(&tp) {
                return Err(err(field, "unknown"));
            }
            all.push(if field == "reached" {
                Condition::Reached(tp)
            } else {
                Condition::DroppedAt(tp)
            });
        }
        if all.is_empty() {
            return Err(err("conditions", "empty"));
        }
        Ok(Rule { all })
    }

    /// The fields that describe `rule`, for editing it. Where a rule holds two conditions
    /// of one kind (never from the form), the last one shows.
    pub fn from_rule(rule: &Rule) -> RuleForm {
        let mut f = RuleForm::default();
        for c in &rule.all {
            match c {
                Condition::Rfm(s) => f.rfm = s.iter().map(|s| s.code().to_owned()).collect(),
                Condition::AliveBelow(x) | Condition::AliveAbove(x) => {
                    f.alive_op = if matches!(c, Condition::AliveBelow(_)) {
                        "below"
                    } else {
                        "above"
                    }
                    .into();
                    f.alive = plain(x * 100.0);
                }
                Condition::ValueAbove(x) | Condition::ValueBelow(x) => {
                    f.value_op = if matches!(c, Condition::ValueAbove(_)) {
                        "above"
                    } else {
                        "below"
                    }
                    .into();
                    f.value = plain(*x);
                }
                Condition::LastOrderBefore(d) | Condition::LastOrderWithin(d) => {
                    f.last_order_op = if matches!(c, Condition::LastOrderBefore(_)) {
                        "before"
                    } else {
                        "within"
                    }
                    .into();
                    f.last_order_days = d.to_string();
                }
                Condition::OrdersAtLeast(n) | Condition::OrdersAtMost(n) => {
                    f.orders_op = if matches!(c, Condition::OrdersAtLeast(_)) {
                        "at_least"
                    } else {
                        "at_most"
                    }
                    .into();
                    f.orders = n.to_string();
                }
                Condition::Bought(p) => f.bought = p.clone(),
                Condition::NeverBought(p) => f.never_bought = p.clone(),
                Condition::Channel(ch) => f.channel = ch.clone(),
                Condition::Language(l) => f.language = l.clone(),
                Condition::Consent(yes) => f.consent = if *yes { "yes" } else { "no" }.into(),
                Condition::Detractor(d) | Condition::Promoter(d) => {
                    f.nps = if matches!(c, Condition::Detractor(_)) {
                        "detractor"
                    } else {
                        "promoter"
                    }
                    .into();
                    f.nps_days = d.to_string();
                }
                Condition::CaseClosed(d) => f.case_closed_days = d.to_string(),
                Condition::Reached(tp) => f.reached = tp.to_string(),
                Condition::DroppedAt(tp) => f.dropped_at = tp.to_string(),
            }
        }
        f
    }

    /// Whether the RFM segment `code` is ticked (for the template).
    pub fn has_rfm(&self, code: &str) -> bool {
        self.rfm.iter().any(|c| c == code)
    }
}
