//! "Needs you today": short lists of what is waiting, each item linking to where it is done —
//! overdue follow-ups, cases at risk of or past their target, grants waiting for the owner's
//! approval, e-mail that could not be sent, valuable customers at risk, and the worst
//! moments of truth.

use crate::kit::Page;
use kunde_domain::{Case, CaseGrant, TargetState};
use kunde_store::{Followup, QueuedMail};

/// How many items a list shows; the link under it leads to the rest.
pub const SHOWN: usize = 5;

pub struct Item {
    pub text: String,
    pub detail: String,
    pub href: String,
}

/// A list with how many items there are in all.
pub struct List {
    pub items: Vec<Item>,
    pub total: usize,
}

impl List {
    fn of(mut items: Vec<Item>) -> Self {
        let total = items.len();
        items.truncate(SHOWN);
        Self { items, total }
    }
}

/// Open follow-ups past their due time, the longest overdue first.
pub fn followups(p: &Page, followups: &[Followup], now: i64) -> List {
    let mut due: Vec<&Followup> = followups
        .iter()
        .filter(|f| f.closed_at.is_none() && f.due_at < now)
        .collect();
    due.sort_by_key(|f| (f.due_at, f.id));
    List::of(
        due.into_iter()
            .map(|f| Item {
                text: f
                    .customer_name
                    .clone()
                    .unwrap_or_else(|| p.t("dash-anonymous")),
                detail: format!(
                    "{} · {}",
                    f.touchpoint_name.clone().unwrap_or_default(),
                    p.named("dash-due-since", &p.date(&f.due_at))
                ),
                href: format!("/followups#action-{}", f.id),
            })
            .collect(),
    )
}

/// Valuable customers at risk of being lost (from the Value section's fit), most valuable
/// first.
pub fn at_risk(p: &Page, customers: Vec<crate::value::AtRisk>) -> List {
    List::of(
        customers
            .into_iter()
            .map(|c| Item {
                detail: p.tr.t_args(
                    "dash-at-risk-detail",
                    &[("paid", c.paid.as_str()), ("alive", c.alive.as_str())],
                ),
                text: c.name,
                href: format!("/customers/{}", c.id),
            })
            .collect(),
    )
}

/// Open cases at risk or past a target, those past a target first, then by due time.
pub fn cases(p: &Page, cases: &[Case], now: i64) -> List {
    let missed = |c: &Case| {
        (c.first_response_at.is_none() && c.first_response_state(now) == TargetState::Missed)
            || c.resolution_state(now) == TargetState::Missed
    };
    let mut risky: Vec<(&Case, bool)> = cases
        .iter()
        .filter(|c| c.at_risk(now))
        .map(|c| (c, missed(c)))
        .collect();
    risky.sort_by_key(|(c, m)| (!m, c.due.resolution, c.id.0));
    List::of(
        risky
            .into_iter()
            .map(|(c, m)| Item {
                text: c.subject.clone(),
                detail: format!(
                    "{} · {}",
                    c.customer_name
                        .clone()
                        .unwrap_or_else(|| p.t("voc-anonymous")),
                    p.t(if m {
                        "dash-past-target"
                    } else {
                        "dash-at-risk"
                    })
                ),
                href: format!("/cases/{}", c.id.0),
            })
            .collect(),
    )
}

/// Grants waiting for the owner's approval, the oldest request first.
pub fn grants(p: &Page, grants: &[CaseGrant]) -> List {
    List::of(
        grants
            .iter()
            .map(|g| Item {
                text: p.money(&g.amount),
                detail: g.note.clone(),
                href: format!("/cases/{}", g.case_id.0),
            })
            .collect(),
    )
}

/// E-mail that could not be sent (given up), newest first: the subject, to whom and why.
pub fn failed_mail(p: &Page, mails: &[QueuedMail]) -> List {
    List::of(
        mails
            .iter()
            .map(|m| Item {
                text: m.mail.subject.clone(),
                detail: format!(
                    "{} · {}",
                    m.mail.to,
                    p.named(
                        "mail-not-sent",
                        &m.last_error
                            .as_deref()
                            .map(|e| crate::outbox::describe_error(p.tr, e))
                            .unwrap_or_default()
                    )
                ),
                href: "/settings/email".to_owned(),
            })
            .collect(),
    )
}
