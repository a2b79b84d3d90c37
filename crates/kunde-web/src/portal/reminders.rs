//! Reminder e-mails for overdue invoices (issue 16): when the owner has turned them on
//! (`/settings/portal`), the timed job [`remind_overdue`] queues one e-mail per unpaid invoice
//! past its due date, in the customer's language, linking to the business's portal sign-in
//! page — never to a sign-in link, so a forwarded reminder signs nobody in.
//!
//! Each invoice is reminded once: the reminder is recorded (`invoices.reminded_at`) in the
//! transaction that queues its e-mail, so neither a restart nor a second instance sends it
//! twice.

use crate::kit::format::format_money;
use crate::kit::i18n::Tr;
use crate::state::AppState;
use kunde_domain::WorkspaceId;
use kunde_domain::mail::Mail;
use kunde_store::{OverdueInvoice, StoreError};
use std::collections::HashMap;
use std::collections::hash_map::Entry;

/// Candidates read per run at most (the rest wait for the next minute).
const BATCH: i64 = 500;

/// The latest calendar date anywhere on Earth (UTC+14) at `now`: an invoice due before it
/// may be overdue in some business's zone; each business's own today decides.
fn latest_date(now: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(now + 14 * 3600)
        .map(|t| format!("{}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day()))
        .unwrap_or_else(|_| "9999-12-31".to_owned())
}

/// What a business's reminders share: its name, currency, portal address and today.
struct Business {
    name: String,
    currency: String,
    portal: String,
    today: String,
}

async fn business(
    state: &AppState,
    ws: WorkspaceId,
    base: &str,
    now: i64,
) -> Result<Business, StoreError> {
    let workspace = state.store.get_workspace(ws).await?;
    let slug = state.store.help_site_slug(ws).await?;
    let cal = state.store.business_calendar(ws).await?;
    Ok(Business {
        name: workspace.name,
        currency: workspace.currency,
        portal: format!("{base}/portal/{slug}"),
        today: cal.format_local(now).chars().take(10).collect(),
    })
}

/// The reminder of one invoice, in the customer's language.
fn reminder_mail(b: &Business, i: &OverdueInvoice) -> Mail {
    let tr = Tr::new(i.language);
    let amount = format_money(i.language, i.amount, &b.currency);
    let args = [
        ("business", b.name.as_str()),
        ("number", i.number.as_str()),
        ("amount", amount.as_str()),
        ("due", i.due.as_str()),
        ("name", i.customer_name.as_str()),
    ];
    Mail {
        to: i.email.clone(),
        to_name: Some(i.customer_name.clone()),
        subject: tr.t_args("portal-reminder-subject", &args),
        text: format!(
            "{}\n\n{}\n\n{}\n\n{}\n",
            tr.t_args("portal-reminder-greeting", &args),
            tr.t_args("portal-reminder-body", &args),
            b.portal,
            tr.t("portal-reminder-note"),
        ),
        html: None,
        unsubscribe_url: None,
        reply_to: None,
    }
}

/// Queues the reminder of every overdue, unpaid, never-reminded invoice in the businesses
/// that turned reminders on. Returns how many were queued. Safe to run again and on several
/// instances at once: an invoice already reminded (or paid meanwhile) is skipped.
pub async fn remind_overdue(state: &AppState, now: i64) -> Result<usize, StoreError> {
    let candidates = state
        .store
        .overdue_invoice_candidates(&latest_date(now), BATCH)
        .await?;
    if candidates.is_empty() {
        return Ok(0);
    }
    let base = state.public_url(None);
    let mut businesses: HashMap<WorkspaceId, Business> = HashMap::new();
    let mut queued = 0;
    for i in candidates {
        let ws = i.workspace_id;
        if let Entry::Vacant(e) = businesses.entry(ws) {
            e.insert(business(state, ws, &base, now).await?);
        }
        let b = &businesses[&ws];
        // Overdue from the day after the due date, in the business's own zone.
        if b.today.as_str() <= i.due.as_str() {
            continue;
        }
        let mail = reminder_mail(b, &i);
        if crate::outbox::send_overdue_reminder(state, ws, i.invoice_id, &mail, now).await? {
            queued += 1;
        }
    }
    if queued > 0 {
        tracing::info!(queued, "overdue invoice reminders queued");
    }
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::latest_date;

    #[test]
    fn the_latest_date_is_fourteen_hours_ahead_of_utc() {
        // 2026-12-06 09:59:59 UTC is 23:59:59 in UTC+14; a second later it is the 7th there.
        assert_eq!(latest_date(1_796_551_199), "2026-12-06");
        assert_eq!(latest_date(1_796_551_200), "2026-12-07");
    }
}
