//! The audit trail for the owner (`/settings/audit`): who did what and when, filtered by
//! action, person and date range, a page at a time, and the same selection as a CSV download
//! (formula-safe cells). The trail is append-only: nothing here changes it.

use crate::kit::csv::{csv_response, csv_text};
use crate::kit::error::AppError;
use crate::kit::{Page, Staff, format_date, format_datetime};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, Response};
use kunde_domain::{User, UserId};
use kunde_store::{AuditFilter, AuditRecord, audit_action};
use serde::Deserialize;

const PAGE_SIZE: i64 = 50;
/// At most this many entries in one CSV download.
const CSV_LIMIT: i64 = 100_000;
const DAY: i64 = 86_400;

/// Every action code the trail records, in the order the filter offers them.
const ACTIONS: [&str; 18] = [
    audit_action::SIGNIN,
    audit_action::SIGNIN_FAILED,
    audit_action::INVITE,
    audit_action::INVITE_WITHDRAW,
    audit_action::ROLE_CHANGE,
    audit_action::USER_REMOVE,
    audit_action::PASSWORD_RESET,
    audit_action::SETTINGS_CHANGE,
    audit_action::API_KEY_CREATE,
    audit_action::API_KEY_REVOKE,
    audit_action::IMPORT,
    audit_action::CUSTOMER_EXPORT,
    audit_action::CUSTOMER_ERASE,
    audit_action::RESTORE_REAPPLY,
    audit_action::RETENTION_CHANGE,
    audit_action::DELETE,
    audit_action::APPROVAL,
    audit_action::REVIEW_MATCH,
];

/// The translation key of an action code (`user.signin` → `audit-action-user-signin`).
fn action_key(code: &str) -> String {
    format!("audit-action-{}", code.replace(['.', '_'], "-"))
}

/// The filter as the form sends it; every field may be empty.
#[derive(Deserialize, Default, Clone)]
pub struct AuditQuery {
    #[serde(default)]
    action: String,
    #[serde(default)]
    person: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    page: Option<i64>,
}

/// "2026-03-14" as Unix seconds at midnight UTC.
fn parse_day(s: &str) -> Option<i64> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(s.trim(), &format).ok()?;
    Some(date.midnight().assume_utc().unix_timestamp())
}

impl AuditQuery {
    /// The store's filter; unknown actions and people match nothing rather than everything.
    fn filter(&self, limit: i64, offset: i64) -> AuditFilter {
        AuditFilter {
            action: Some(self.action.trim().to_owned()).filter(|a| !a.is_empty()),
            actor: self.person.trim().parse().ok().map(UserId),
            from: parse_day(&self.from),
            // The "to" day is included: entries before the next midnight.
            to: parse_day(&self.to).map(|d| d + DAY),
            limit,
            offset,
        }
    }

    fn link(&self, page: i64, base: &str) -> String {
        let query = serde_urlencoded::to_string([
            ("action", self.action.as_str()),
            ("person", self.person.as_str()),
            ("from", self.from.as_str()),
            ("to", self.to.as_str()),
            ("page", &page.to_string()),
        ])
        .unwrap_or_default();
        format!("{base}?{query}")
    }
}

#[derive(Template)]
#[template(path = "privacy/audit.html")]
struct AuditPage {
    p: Page,
    q: AuditQuery,
    users: Vec<User>,
    entries: Vec<AuditRecord>,
    total: i64,
    page: i64,
    pages: i64,
}

impl AuditPage {
    fn actions(&self) -> [&'static str; 18] {
        ACTIONS
    }

    fn action_label(&self, code: &str) -> String {
        self.p.t(&action_key(code))
    }

    fn when(&self, at: &i64) -> String {
        format_datetime(*at)
    }

    fn page_link(&self, page: i64) -> String {
        self.q.link(page, "/settings/audit")
    }

    fn csv_link(&self) -> String {
        self.q.link(1, "/settings/audit.csv")
    }

    fn target(&self, r: &AuditRecord) -> String {
        match r.entry.target_id {
            Some(id) => format!("{} #{id}", r.entry.target_kind),
            None => r.entry.target_kind.clone(),
        }
    }
}

pub async fn page(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<AuditQuery>,
) -> Result<Html<String>, AppError> {
    let ws = staff.workspace();
    let page = q.page.unwrap_or(1).max(1);
    let log = state
        .store
        .audit_log(ws, &q.filter(PAGE_SIZE, (page - 1) * PAGE_SIZE))
        .await?;
    let users = state.store.list_users(ws).await?;
    let view = AuditPage {
        p: staff.page("settings", "/settings/audit"),
        q,
        users,
        entries: log.entries,
        pages: ((log.total + PAGE_SIZE - 1) / PAGE_SIZE).max(1),
        total: log.total,
        page,
    };
    Ok(Html(view.render()?))
}

/// The filtered trail as CSV: every matching entry (up to [`CSV_LIMIT`]), newest first.
pub async fn csv(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<AuditQuery>,
) -> Result<Response, AppError> {
    let log = state
        .store
        .audit_log(staff.workspace(), &q.filter(CSV_LIMIT, 0))
        .await?;
    let mut rows = vec![
        [
            "time_utc",
            "action",
            "person",
            "user_id",
            "client_address",
            "target_kind",
            "target_id",
            "detail",
        ]
        .map(str::to_owned)
        .to_vec(),
    ];
    for r in log.entries {
        let e = r.entry;
        rows.push(vec![
            format_datetime(e.at),
            csv_text(&e.action),
            csv_text(&e.actor.label),
            e.actor.user_id.map(|u| u.0.to_string()).unwrap_or_default(),
            csv_text(e.actor.client_address.as_deref().unwrap_or("")),
            csv_text(&e.target_kind),
            e.target_id.map(|t| t.to_string()).unwrap_or_default(),
            csv_text(&e.detail),
        ]);
    }
    let name = format!("audit-{}.csv", format_date(state.now()));
    Ok(csv_response(&name, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_to_day_is_included_and_bad_input_filters_nothing() {
        let q = AuditQuery {
            action: "user.signin".into(),
            person: "x".into(),
            from: "2026-01-01".into(),
            to: "2026-01-01".into(),
            page: None,
        };
        let f = q.filter(10, 0);
        assert_eq!(f.from, Some(1_767_225_600));
        assert_eq!(f.to, Some(1_767_225_600 + DAY));
        assert_eq!(f.actor, None);
        assert_eq!(f.action.as_deref(), Some("user.signin"));
        assert_eq!(action_key("api_key.create"), "audit-action-api-key-create");
    }
}
