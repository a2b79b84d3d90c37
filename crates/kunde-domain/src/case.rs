//! Service cases and complaints: what a case is, its categories with their targets, its
//! status and priority, and the pure reckoning behind the reports (target compliance, repeat
//! complaints, satisfaction). Business-hours arithmetic lives in the calendar; this module
//! only compares times it is given.

use crate::{CustomerId, Money, TouchpointId, UserId, ValidationError, WorkspaceId};
use serde::{Deserialize, Serialize};

macro_rules! case_id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

case_id_type!(
    /// A service case (a complaint, a question, a request).
    CaseId,
    /// A case category of a workspace (built in or the owner's own).
    CaseCategoryId,
    /// A root cause from the list the business keeps.
    RootCauseId,
    /// A refund or discount granted (or asked for) on a case.
    CaseGrantId,
);

/// The categories every workspace starts with (PRODUCT.md §6), by stable code; their names
/// are translated (`case-cat-<code>`), the owner's own categories carry their own name.
pub const BUILTIN_CATEGORIES: [(&str, i64, i64); 5] = [
    // (code, first response target, resolution target), in business minutes.
    ("broken", 4 * 60, 3 * 8 * 60),
    ("delivery", 8 * 60, 5 * 8 * 60),
    ("billing", 8 * 60, 3 * 8 * 60),
    ("special", 8 * 60, 5 * 8 * 60),
    ("advice", 4 * 60, 2 * 8 * 60),
];

/// The root causes a new workspace's list starts with; the owner adds their own.
pub const DEFAULT_ROOT_CAUSES: [&str; 5] = [
    "Booking by phone",
    "Waiting time",
    "Product fault",
    "Communication",
    "Price or invoice",
];

/// The longest subject and body kept for a case or an entry.
pub const SUBJECT_MAX: usize = 200;
pub const BODY_MAX: usize = 10_000;

/// Share of a target's business time after which the assignee is warned (75 %).
pub const WARN_NUMERATOR: i64 = 3;
pub const WARN_DENOMINATOR: i64 = 4;

/// How far back a earlier case of the same customer makes a case a repeat complaint.
pub const REPEAT_WINDOW: i64 = 90 * 24 * 3600;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    New,
    Open,
    /// Waiting on the customer.
    Waiting,
    /// Resolved and closed, with a root cause.
    Closed,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 4] = [Self::New, Self::Open, Self::Waiting, Self::Closed];

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|v| v.code() == s.trim())
            .ok_or(ValidationError::Empty { field: "status" })
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Open => "open",
            Self::Waiting => "waiting",
            Self::Closed => "closed",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CasePriority {
    Low,
    Normal,
    High,
    Urgent,
}

impl CasePriority {
    pub const ALL: [CasePriority; 4] = [Self::Low, Self::Normal, Self::High, Self::Urgent];

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|v| v.code() == s.trim())
            .ok_or(ValidationError::Empty { field: "priority" })
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Normal => "normal",
            Self::High => "high",
            Self::Urgent => "urgent",
        }
    }
}

/// Where a case came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseSource {
    Staff,
    Api,
    Form,
}

impl CaseSource {
    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        match s {
            "staff" => Ok(Self::Staff),
            "api" => Ok(Self::Api),
            "form" => Ok(Self::Form),
            _ => Err(ValidationError::Empty { field: "source" }),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Staff => "staff",
            Self::Api => "api",
            Self::Form => "form",
        }
    }
}

/// A case category with its protocol: targets in business minutes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseCategory {
    pub id: CaseCategoryId,
    pub workspace_id: WorkspaceId,
    /// The code of a built-in category (translated name), None for the owner's own.
    pub builtin: Option<String>,
    /// The owner's name for their own category (empty for built-in ones).
    pub name: String,
    pub first_response_minutes: i64,
    pub resolution_minutes: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RootCause {
    pub id: RootCauseId,
    pub name: String,
}

/// The times by which a case must be answered and resolved, and when to warn before each;
/// computed in business hours when the case is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CaseDue {
    pub first_response_warn: i64,
    pub first_response: i64,
    pub resolution_warn: i64,
    pub resolution: i64,
}

impl CaseDue {
    /// The due times of a case of `category` opened at `created_at` under `cal`: each target
    /// counted in opening hours, and its warning at 75 % of that time.
    pub fn for_category(
        cal: &crate::BusinessCalendar,
        category: &CaseCategory,
        created_at: i64,
    ) -> Self {
        let first = category.first_response_minutes * 60;
        let resolution = category.resolution_minutes * 60;
        let warn = |secs: i64| cal.deadline(created_at, secs * WARN_NUMERATOR / WARN_DENOMINATOR);
        CaseDue {
            first_response_warn: warn(first),
            first_response: cal.deadline(created_at, first),
            resolution_warn: warn(resolution),
            resolution: cal.deadline(created_at, resolution),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Case {
    pub id: CaseId,
    pub workspace_id: WorkspaceId,
    /// `None` for a case opened from an anonymous answer (a public survey link): nobody to
    /// write to, so no reply can be e-mailed and no rating asked.
    pub customer_id: Option<CustomerId>,
    pub customer_name: Option<String>,
    /// The touchpoint where the problem started.
    pub touchpoint_id: Option<TouchpointId>,
    pub category_id: CaseCategoryId,
    pub subject: String,
    pub description: String,
    pub status: CaseStatus,
    pub priority: CasePriority,
    pub assignee_id: Option<UserId>,
    pub source: CaseSource,
    pub created_at: i64,
    pub first_response_at: Option<i64>,
    pub resolved_at: Option<i64>,
    pub due: CaseDue,
    pub root_cause_id: Option<RootCauseId>,
    pub root_cause_note: String,
    pub is_idea: bool,
    pub idea_note: String,
    /// The customer's rating of the handling, 1–5, once given.
    pub rating: Option<i64>,
}

/// A case to open. The due times come from the category's targets and the calendar.
#[derive(Debug, Clone)]
pub struct NewCase {
    /// `None` only for a case opened from an anonymous survey answer.
    pub customer_id: Option<CustomerId>,
    pub touchpoint_id: Option<TouchpointId>,
    pub category_id: CaseCategoryId,
    pub subject: String,
    pub description: String,
    pub priority: CasePriority,
    pub assignee_id: Option<UserId>,
    pub source: CaseSource,
    pub created_by: Option<UserId>,
    pub created_at: i64,
    pub due: CaseDue,
}

/// A case of a whole-workspace import (the demo), with indexes into the import's customers
/// and users and a touchpoint key, like the import's events.
#[derive(Debug, Clone)]
pub struct ImportCase {
    pub customer: usize,
    pub touchpoint: Option<String>,
    /// A built-in category code (see [`BUILTIN_CATEGORIES`]).
    pub category: &'static str,
    pub subject: String,
    pub description: String,
    pub priority: CasePriority,
    pub assignee: Option<usize>,
    pub created_at: i64,
    pub first_response_at: Option<i64>,
    /// Set for a closed case, with its root cause (a name from the list, added if new).
    pub resolved_at: Option<i64>,
    pub due: CaseDue,
    pub root_cause: Option<String>,
    pub idea_note: Option<String>,
    pub rating: Option<i64>,
    /// (kind, author as a user index, text, time)
    pub entries: Vec<(EntryKind, Option<usize>, String, i64)>,
}

/// A trimmed text of at most `max` characters; `required` refuses an empty one.
pub fn case_text(
    field: &'static str,
    s: &str,
    max: usize,
    required: bool,
) -> Result<String, ValidationError> {
    let s = s.trim();
    if required && s.is_empty() {
        return Err(ValidationError::Empty { field });
    }
    if s.chars().count() > max {
        return Err(ValidationError::TooLong { field, max });
    }
    crate::check_text(s, true)?;
    Ok(s.to_owned())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// Seen only by staff.
    Note,
    /// Sent to the customer by e-mail.
    Reply,
    /// Something that happened: status changed, assigned, grant decided.
    Event,
    /// Written by the customer in the client portal: shown to the customer and to staff.
    CustomerReply,
}

impl EntryKind {
    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        match s {
            "note" => Ok(Self::Note),
            "reply" => Ok(Self::Reply),
            "event" => Ok(Self::Event),
            "customer" => Ok(Self::CustomerReply),
            _ => Err(ValidationError::Empty { field: "kind" }),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Note => "note",
            Self::Reply => "reply",
            Self::Event => "event",
            Self::CustomerReply => "customer",
        }
    }
}

/// What an event entry of a case records. The entry's body holds it as codes
/// ([`CaseEvent::encode`]): status, priority, grant kind and status codes, an amount in the
/// plain `1234.50` form and the names people gave (assignee, root cause), never a sentence,
/// so each page puts it into words in its reader's language ([`CaseEvent::parse`]). The
/// forms are those event entries were always written in, so older entries read the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseEvent {
    /// Status, priority and assignee set together (`open · high · Ada`, `–` for nobody).
    Updated {
        status: CaseStatus,
        priority: CasePriority,
        assignee: Option<String>,
    },
    /// Closed with a root cause (`closed: Waiting time`).
    Closed { root_cause: String },
    /// A grant requested or decided (`refund 2500.00: pending`).
    Grant {
        kind: GrantKind,
        amount: Money,
        status: GrantStatus,
    },
}

/// How an update without an assignee is written.
const NOBODY: &str = "–";

impl CaseEvent {
    pub fn encode(&self) -> String {
        match self {
            Self::Updated {
                status,
                priority,
                assignee,
            } => format!(
                "{} · {} · {}",
                status.code(),
                priority.code(),
                assignee.as_deref().unwrap_or(NOBODY)
            ),
            Self::Closed { root_cause } => format!("closed: {root_cause}"),
            Self::Grant {
                kind,
                amount,
                status,
            } => format!("{} {}: {}", kind.code(), amount, status.code()),
        }
    }

    /// The event in an entry's body, or None for a body in no known form.
    pub fn parse(body: &str) -> Option<Self> {
        if let Some(root_cause) = body.strip_prefix("closed: ") {
            return Some(Self::Closed {
                root_cause: root_cause.to_owned(),
            });
        }
        let mut parts = body.splitn(3, " · ");
        if let (Some(s), Some(p), Some(who)) = (parts.next(), parts.next(), parts.next())
            && let (Ok(status), Ok(priority)) = (CaseStatus::parse(s), CasePriority::parse(p))
        {
            return Some(Self::Updated {
                status,
                priority,
                assignee: (who != NOBODY).then(|| who.to_owned()),
            });
        }
        let (head, status) = body.split_once(": ")?;
        let (kind, amount) = head.split_once(' ')?;
        Some(Self::Grant {
            kind: GrantKind::parse(kind).ok()?,
            amount: Money::parse(amount).ok()?,
            status: GrantStatus::parse(status).ok()?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseEntry {
    pub id: i64,
    pub kind: EntryKind,
    pub author_name: Option<String>,
    pub body: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GrantKind {
    Refund,
    Discount,
}

impl GrantKind {
    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        match s {
            "refund" => Ok(Self::Refund),
            "discount" => Ok(Self::Discount),
            _ => Err(ValidationError::Empty { field: "kind" }),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Refund => "refund",
            Self::Discount => "discount",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GrantStatus {
    /// Within the granter's authority: granted at once.
    Granted,
    /// Above it: waiting for the owner.
    Pending,
    Approved,
    Rejected,
}

impl GrantStatus {
    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        match s {
            "granted" => Ok(Self::Granted),
            "pending" => Ok(Self::Pending),
            "approved" => Ok(Self::Approved),
            "rejected" => Ok(Self::Rejected),
            _ => Err(ValidationError::Empty { field: "status" }),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Granted => "granted",
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }
}

/// Whether a grant of `amount` is within `authority` (the role's limit): granted at once
/// when it is, an approval request to the owner when it is not.
pub fn grant_status(amount: Money, authority: Money) -> GrantStatus {
    if amount.0 <= authority.0 {
        GrantStatus::Granted
    } else {
        GrantStatus::Pending
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseGrant {
    pub id: CaseGrantId,
    pub case_id: CaseId,
    pub kind: GrantKind,
    pub amount: Money,
    pub note: String,
    pub status: GrantStatus,
    pub requested_by: Option<String>,
    pub requested_at: i64,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
}

/// What may be granted without approval, per role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Authority {
    pub staff: Money,
    pub owner: Money,
}

impl Authority {
    pub fn for_role(&self, role: crate::Role) -> Money {
        match role {
            crate::Role::Owner => self.owner,
            crate::Role::Staff => self.staff,
        }
    }
}

/// A target's state at `now`: met, missed, or still running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TargetState {
    /// Done before the due time.
    Met,
    /// Done after the due time, or not done and the due time has passed.
    Missed,
    /// Not done; the warning time has passed but not the due time.
    AtRisk,
    /// Not done, plenty of time left.
    Running,
}

/// The state of a target that was (or was not yet) reached at `done`.
pub fn target_state(done: Option<i64>, warn: i64, due: i64, now: i64) -> TargetState {
    match done {
        Some(t) if t <= due => TargetState::Met,
        Some(_) => TargetState::Missed,
        None if now > due => TargetState::Missed,
        None if now >= warn => TargetState::AtRisk,
        None => TargetState::Running,
    }
}

impl Case {
    pub fn first_response_state(&self, now: i64) -> TargetState {
        target_state(
            self.first_response_at,
            self.due.first_response_warn,
            self.due.first_response,
            now,
        )
    }

    pub fn resolution_state(&self, now: i64) -> TargetState {
        target_state(
            self.resolved_at,
            self.due.resolution_warn,
            self.due.resolution,
            now,
        )
    }

    /// At risk: open, and a running target is past its warning time or already missed.
    pub fn at_risk(&self, now: i64) -> bool {
        self.status != CaseStatus::Closed
            && [self.first_response_state(now), self.resolution_state(now)]
                .iter()
                .zip([self.first_response_at, self.resolved_at])
                .any(|(s, done)| {
                    done.is_none() && matches!(s, TargetState::AtRisk | TargetState::Missed)
                })
    }
}

/// Compliance with targets over a group of cases (a category, a person).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Compliance {
    pub cases: u64,
    /// Cases whose first response is decided (given, or overdue).
    pub first_decided: u64,
    pub first_met: u64,
    pub resolution_decided: u64,
    pub resolution_met: u64,
    pub resolved: u64,
    /// Sum of wall-clock seconds from opening to resolution over resolved cases.
    pub resolve_seconds: i64,
}

impl Compliance {
    pub fn add(&mut self, c: &Case, now: i64) {
        self.cases += 1;
        match c.first_response_state(now) {
            TargetState::Met => {
                self.first_decided += 1;
                self.first_met += 1;
            }
            TargetState::Missed => self.first_decided += 1,
            _ => {}
        }
        match c.resolution_state(now) {
            TargetState::Met => {
                self.resolution_decided += 1;
                self.resolution_met += 1;
            }
            TargetState::Missed => self.resolution_decided += 1,
            _ => {}
        }
        if let Some(r) = c.resolved_at {
            self.resolved += 1;
            self.resolve_seconds += (r - c.created_at).max(0);
        }
    }

    pub fn first_share(&self) -> Option<f64> {
        share(self.first_met, self.first_decided)
    }

    pub fn resolution_share(&self) -> Option<f64> {
        share(self.resolution_met, self.resolution_decided)
    }

    /// Mean wall-clock hours from opening to resolution.
    pub fn mean_resolve_hours(&self) -> Option<f64> {
        (self.resolved > 0).then(|| self.resolve_seconds as f64 / self.resolved as f64 / 3600.0)
    }
}

fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The cases (by id) that repeat an earlier case of the same customer opened at most
/// [`REPEAT_WINDOW`] before them. Cases without a customer (anonymous answers') repeat
/// nothing: nobody says two of them are the same person.
pub fn repeat_cases(cases: &[Case]) -> Vec<CaseId> {
    let mut by_customer: Vec<(CustomerId, i64, CaseId)> = cases
        .iter()
        .filter_map(|c| Some((c.customer_id?, c.created_at, c.id)))
        .collect();
    by_customer.sort();
    let mut repeats: Vec<CaseId> = by_customer
        .windows(2)
        .filter(|w| w[0].0 == w[1].0 && w[1].1 - w[0].1 <= REPEAT_WINDOW)
        .map(|w| w[1].2)
        .collect();
    repeats.sort();
    repeats
}

/// Mean rating and how many rated, over cases with a rating.
pub fn case_satisfaction(cases: &[Case]) -> (Option<f64>, u64) {
    let rated: Vec<i64> = cases.iter().filter_map(|c| c.rating).collect();
    let n = rated.len() as u64;
    let mean = (n > 0).then(|| rated.iter().sum::<i64>() as f64 / n as f64);
    (mean, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(id: i64, customer: i64, created: i64) -> Case {
        Case {
            id: CaseId(id),
            workspace_id: WorkspaceId(1),
            customer_id: (customer > 0).then_some(CustomerId(customer)),
            customer_name: None,
            touchpoint_id: None,
            category_id: CaseCategoryId(1),
            subject: String::new(),
            description: String::new(),
            status: CaseStatus::Open,
            priority: CasePriority::Normal,
            assignee_id: None,
            source: CaseSource::Staff,
            created_at: created,
            first_response_at: None,
            resolved_at: None,
            due: CaseDue {
                first_response_warn: created + 75,
                first_response: created + 100,
                resolution_warn: created + 750,
                resolution: created + 1000,
            },
            root_cause_id: None,
            root_cause_note: String::new(),
            is_idea: false,
            idea_note: String::new(),
            rating: None,
        }
    }

    /// Monday to Friday 09:00-17:00 in Copenhagen, with 2026-12-24 and 2026-12-25 closed.
    fn calendar() -> crate::BusinessCalendar {
        let day = || vec![crate::Interval::new(9 * 60, 17 * 60).unwrap()];
        crate::BusinessCalendar::new(
            "Europe/Copenhagen",
            [day(), day(), day(), day(), day(), vec![], vec![]],
            [
                (
                    crate::business_hours::parse_holiday("2026-12-24").unwrap(),
                    String::new(),
                ),
                (
                    crate::business_hours::parse_holiday("2026-12-25").unwrap(),
                    String::new(),
                ),
            ],
        )
        .unwrap()
    }

    fn category(first_minutes: i64, resolution_minutes: i64) -> CaseCategory {
        CaseCategory {
            id: CaseCategoryId(1),
            workspace_id: WorkspaceId(1),
            builtin: None,
            name: "x".into(),
            first_response_minutes: first_minutes,
            resolution_minutes,
        }
    }

    /// 2026-12-21 (a Monday) at hh:mm in Copenhagen, plus `days` (no DST change in between).
    fn cph(days: i64, hh: i64, mm: i64) -> i64 {
        1_797_807_600 + days * 86_400 + hh * 3600 + mm * 60
    }

    #[test]
    fn targets_count_only_opening_hours_across_nights_weekends_and_holidays() {
        let cal = calendar();
        // Opened Monday 16:00 with a 4 h first response: 1 h on Monday, 3 h on Tuesday.
        let due = CaseDue::for_category(&cal, &category(4 * 60, 16 * 60), cph(0, 16, 0));
        assert_eq!(due.first_response, cph(1, 12, 0));
        // The warning comes at 75 %, after 3 business hours: Tuesday 11:00.
        assert_eq!(due.first_response_warn, cph(1, 11, 0));
        // 16 h resolution: Monday 1 h, Tuesday 8 h, Wednesday 7 h -> Wednesday 16:00.
        assert_eq!(due.resolution, cph(2, 16, 0));
        // Opened Wednesday 15:00 with 16 h: Wednesday 2 h, Thursday 24th and Friday 25th are
        // holidays, the weekend is closed, Monday 28th 8 h, Tuesday 29th 6 h -> 15:00.
        let due = CaseDue::for_category(&cal, &category(60, 16 * 60), cph(2, 15, 0));
        assert_eq!(due.resolution, cph(8, 15, 0));
        // Opened on Saturday night: the count starts at Monday's opening.
        let due = CaseDue::for_category(&cal, &category(60, 120), cph(5, 22, 0));
        assert_eq!(due.first_response, cph(7, 10, 0));
        assert_eq!(due.first_response_warn, cph(7, 9, 45));
    }

    #[test]
    fn targets_are_met_missed_at_risk_or_running() {
        assert_eq!(target_state(Some(100), 75, 100, 500), TargetState::Met);
        assert_eq!(target_state(Some(101), 75, 100, 500), TargetState::Missed);
        assert_eq!(target_state(None, 75, 100, 101), TargetState::Missed);
        assert_eq!(target_state(None, 75, 100, 75), TargetState::AtRisk);
        assert_eq!(target_state(None, 75, 100, 74), TargetState::Running);
    }

    #[test]
    fn a_case_is_at_risk_after_the_warning_until_it_is_closed() {
        let mut c = case(1, 1, 0);
        assert!(!c.at_risk(10));
        assert!(c.at_risk(80));
        c.first_response_at = Some(50);
        assert!(!c.at_risk(80), "the first response was given in time");
        assert!(c.at_risk(800));
        c.status = CaseStatus::Closed;
        c.resolved_at = Some(900);
        assert!(!c.at_risk(2000));
    }

    #[test]
    fn compliance_counts_only_decided_targets() {
        let mut a = case(1, 1, 0);
        a.first_response_at = Some(50);
        a.resolved_at = Some(3600);
        let b = case(2, 2, 0);
        let mut total = Compliance::default();
        total.add(&a, 500);
        total.add(&b, 500);
        assert_eq!(total.cases, 2);
        assert_eq!((total.first_met, total.first_decided), (1, 2));
        assert_eq!((total.resolution_met, total.resolution_decided), (0, 1));
        assert_eq!(total.first_share(), Some(0.5));
        assert_eq!(total.mean_resolve_hours(), Some(1.0));
    }

    #[test]
    fn repeats_are_later_cases_of_one_customer_within_ninety_days() {
        let day = 24 * 3600;
        let cases = [
            case(1, 7, 0),
            case(2, 7, 30 * day),
            case(3, 7, 200 * day),
            case(4, 8, 10 * day),
        ];
        assert_eq!(repeat_cases(&cases), vec![CaseId(2)]);
    }

    #[test]
    fn cases_without_a_customer_repeat_nothing() {
        let day = 24 * 3600;
        // Customer 0 stands for none: two anonymous answers' cases a day apart.
        let cases = [case(1, 0, 0), case(2, 0, day), case(3, 7, 0)];
        assert_eq!(repeat_cases(&cases), Vec::<CaseId>::new());
    }

    #[test]
    fn grants_above_the_authority_wait_for_approval() {
        assert_eq!(grant_status(Money(500), Money(500)), GrantStatus::Granted);
        assert_eq!(grant_status(Money(501), Money(500)), GrantStatus::Pending);
        let a = Authority {
            staff: Money(100),
            owner: Money(10_000),
        };
        assert_eq!(a.for_role(crate::Role::Staff), Money(100));
    }

    #[test]
    fn codes_round_trip() {
        for s in CaseStatus::ALL {
            assert_eq!(CaseStatus::parse(s.code()), Ok(s));
        }
        for p in CasePriority::ALL {
            assert_eq!(CasePriority::parse(p.code()), Ok(p));
        }
        assert!(CaseStatus::parse("gone").is_err());
    }

    #[test]
    fn texts_are_trimmed_and_bounded() {
        assert_eq!(case_text("s", "  a ", 5, true).unwrap(), "a");
        assert!(case_text("s", "  ", 5, true).is_err());
        assert_eq!(case_text("s", "", 5, false).unwrap(), "");
        assert!(case_text("s", "abcdef", 5, false).is_err());
    }

    #[test]
    fn case_events_round_trip_through_their_codes() {
        let events = [
            CaseEvent::Updated {
                status: CaseStatus::Waiting,
                priority: CasePriority::High,
                assignee: Some("Ada · Lovelace".into()),
            },
            CaseEvent::Updated {
                status: CaseStatus::Open,
                priority: CasePriority::Normal,
                assignee: None,
            },
            CaseEvent::Closed {
                root_cause: "Waiting time: long".into(),
            },
            CaseEvent::Grant {
                kind: GrantKind::Refund,
                amount: Money(250_000),
                status: GrantStatus::Pending,
            },
        ];
        for e in events {
            assert_eq!(CaseEvent::parse(&e.encode()), Some(e));
        }
        // Entries written before the codec existed read the same.
        assert_eq!(
            CaseEvent::parse("discount 49.50: approved"),
            Some(CaseEvent::Grant {
                kind: GrantKind::Discount,
                amount: Money(4950),
                status: GrantStatus::Approved
            })
        );
        assert_eq!(CaseEvent::parse("something else"), None);
    }
}
