//! The monthly report by e-mail: when the owner has turned it on, on the first day of each
//! month (in the business's time zone) the report of the month just ended goes to every
//! owner as a PDF attachment, through the outbox. The month is recorded in the same
//! transaction that queues the messages, so a restart or a second instance never sends it
//! twice, and a crash before the commit sends it on the next tick.

use super::pages::monthly_pdf;
use crate::kit::error::AppError;
use crate::kit::format::analytics_zone;
use crate::kit::i18n::Tr;
use crate::state::AppState;
use kunde_analytics::civil::Period;
use kunde_domain::mail::Mail;
use kunde_domain::{Role, WorkspaceId};
use kunde_store::{MailAttachment, SessionUser};

/// Queues the reports that are due at `now`; returns how many months were queued.
pub async fn run_due(state: &AppState, now: i64) -> Result<u64, AppError> {
    let mut queued = 0;
    for ws in state.store.monthly_report_workspaces().await? {
        match send_last_month(state, ws, now).await {
            Ok(true) => queued += 1,
            Ok(false) => {}
            Err(e) => tracing::warn!(workspace = ws.0, error = ?e, "the monthly report failed"),
        }
    }
    Ok(queued)
}

/// Queues last month's report of `ws` unless it went out already (or the business did not
/// exist yet then). Returns whether it was queued now.
async fn send_last_month(state: &AppState, ws: WorkspaceId, now: i64) -> Result<bool, AppError> {
    let workspace = state.store.get_workspace(ws).await?;
    let calendar = state.store.business_calendar(ws).await?;
    let time_zone = calendar.time_zone_name().to_owned();
    let zone = analytics_zone(&time_zone);
    let this = zone.key_of(Period::Month, now);
    if zone.start_of(this) <= workspace.created_at {
        return Ok(false);
    }
    let month = this.plus(-1);
    let label = month.label();
    if state.store.monthly_report_queued(ws, &label).await? {
        return Ok(false);
    }
    let owners: Vec<_> = state
        .store
        .list_users(ws)
        .await?
        .into_iter()
        .filter(|u| u.role == Role::Owner && u.active)
        .collect();
    let Some(first) = owners.first() else {
        return Ok(false);
    };
    let reader = SessionUser {
        user: first.clone(),
        workspace: workspace.clone(),
        time_zone,
    };
    let pdf = monthly_pdf(state, &reader, month, now).await?;
    let link = format!("{}/reports", state.public_url(None));
    let year: i16 = label.get(..4).and_then(|y| y.parse().ok()).unwrap_or(1970);
    let mails: Vec<Mail> = owners
        .iter()
        .map(|o| {
            let tr = Tr::new(o.language);
            let name =
                crate::kit::format::month_year(o.language, year, super::document::month_of(&label));
            let args = [
                ("month", name.as_str()),
                ("business", workspace.name.as_str()),
                ("link", link.as_str()),
            ];
            Mail {
                to: o.email.as_str().to_owned(),
                to_name: Some(o.name.clone()),
                subject: tr.t_args("report-mail-subject", &args),
                text: tr.t_args("report-mail-text", &args),
                html: None,
                unsubscribe_url: None,
                reply_to: None,
            }
        })
        .collect();
    let attachment = MailAttachment {
        name: format!("kunde-{label}.pdf"),
        content_type: "application/pdf".to_owned(),
        bytes: pdf,
    };
    Ok(crate::outbox::queue_monthly_report(state, ws, &label, &mails, &attachment, now).await?)
}
