//! The outbox: the one way to queue an e-mail, and sending what is queued.
//!
//! Every e-mail Kunde sends is first written to the store's `outbox` table, here and nowhere
//! else (checked by `tests/tidy.rs`): [`queue`] for a message on its own, and
//! [`send_invitation`] / [`send_reminder`] / [`send_portal_link`] for a message written in the same transaction as
//! what it reports. Each wakes the sender. [`deliver_due`] sends what is due through the
//! workspace's SMTP server and records the outcome — a sent message's stored text loses its
//! live links (`kit::redact`); a background task ([`run_sender`]) calls
//! it every few seconds and as soon as [`AppState::mail_notify`] is notified; tests call it
//! directly.

use crate::state::AppState;
use kunde_domain::mail::Mail;
use kunde_domain::{CustomerId, Invitation, InvitationId, SurveyId, WorkspaceId};
use std::time::Duration;

/// What one round of delivery did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Delivery {
    pub sent: usize,
    pub failed: usize,
}

/// How often the sender looks for due mail when nobody wakes it.
const POLL: Duration = Duration::from_secs(10);

/// Messages sent per round at most, so one busy workspace cannot hold the sender for long.
const BATCH: usize = 200;

/// Messages claimed at a time: one, so a claim never waits behind other messages' SMTP
/// sessions and its lease only has to outlast one.
const CLAIM: i64 = 1;

/// Queues `mail` for the workspace and wakes the sender.
pub async fn queue(state: &AppState, ws: WorkspaceId, mail: &Mail) -> kunde_store::Result<i64> {
    queue_at(state, ws, mail, state.now()).await
}

/// Queues `mail`, due at `now` (for timed jobs that run for a given time).
pub async fn queue_at(
    state: &AppState,
    ws: WorkspaceId,
    mail: &Mail,
    now: i64,
) -> kunde_store::Result<i64> {
    let id = state.store.enqueue_mail(ws, mail, now).await?;
    state.mail_notify.notify_one();
    Ok(id)
}

/// Records a survey invitation for `customer` and queues its e-mail, made by `mail` from the
/// personal link's token, in one transaction (see `Store::send_invitation`).
pub async fn send_invitation(
    state: &AppState,
    ws: WorkspaceId,
    survey: SurveyId,
    customer: CustomerId,
    mail: impl FnOnce(&str) -> Mail,
) -> kunde_store::Result<Invitation> {
    let (invitation, _) = state
        .store
        .send_invitation(ws, survey, customer, state.now(), mail)
        .await?;
    state.mail_notify.notify_one();
    Ok(invitation)
}

/// Queues the one reminder of an invitation with its new link, unless it was reminded
/// already (see `Store::send_reminder`). Returns whether a reminder was queued.
pub async fn send_reminder(
    state: &AppState,
    ws: WorkspaceId,
    invitation: InvitationId,
    now: i64,
    mail: impl FnOnce(&str) -> Mail,
) -> kunde_store::Result<bool> {
    let queued = state
        .store
        .send_reminder(ws, invitation, now, mail)
        .await?
        .is_some();
    if queued {
        state.mail_notify.notify_one();
    }
    Ok(queued)
}

/// Makes a portal sign-in link for `customer` (valid until `expires_at`, revoking their
/// earlier links) and queues its e-mail, made by `mail` from the link's token, in one
/// transaction (see `Store::send_portal_link`).
pub async fn send_portal_link(
    state: &AppState,
    ws: WorkspaceId,
    customer: CustomerId,
    expires_at: i64,
    mail: impl FnOnce(&str) -> Mail,
) -> kunde_store::Result<i64> {
    let id = state
        .store
        .send_portal_link(ws, customer, state.now(), expires_at, mail)
        .await?;
    state.mail_notify.notify_one();
    Ok(id)
}

/// Sends every message due now. A workspace without SMTP settings gets its messages marked
/// failed (permanently: the owner sees why on the e-mail settings page).
///
/// Each message is claimed before it is sent (`Store::claim_due_mail`, one at a time), so of
/// several instances on one database exactly one sends it; recording the outcome ends the
/// claim. A message whose sender died is claimed again once its lease has passed. Stops
/// between messages when the server is stopping.
pub async fn deliver_due(state: &AppState) -> kunde_store::Result<Delivery> {
    let mut done = Delivery::default();
    let mut settings = std::collections::HashMap::new();
    while !state.is_stopping() {
        let now = state.now();
        let Some(queued) = state
            .store
            .claim_due_mail(&state.claimer, now, CLAIM)
            .await?
            .pop()
        else {
            break;
        };
        let ws = queued.workspace_id;
        if let std::collections::hash_map::Entry::Vacant(e) = settings.entry(ws) {
            e.insert(state.store.smtp_settings(ws).await?);
        }
        let result = match &settings[&ws] {
            None => Err((
                "no mail server is set up (Settings → E-mail)".to_owned(),
                true,
            )),
            Some(s) => kunde_mail::send(s, &queued.mail)
                .await
                .map_err(|e| (e.to_string(), e.is_permanent())),
        };
        match result {
            Ok(()) => {
                // The stored copy keeps no live link once the message is out.
                let text = crate::kit::redact::redact_links(&queued.mail.text);
                let html = queued
                    .mail
                    .html
                    .as_deref()
                    .map(crate::kit::redact::redact_links);
                state
                    .store
                    .mark_mail_sent_redacted(queued.id, state.now(), &text, html.as_deref())
                    .await?;
                done.sent += 1;
            }
            Err((error, permanent)) => {
                tracing::warn!(mail = queued.id, %error, "sending e-mail failed");
                state
                    .store
                    .mark_mail_failed(queued.id, &error, permanent, state.now())
                    .await?;
                done.failed += 1;
            }
        }
        if done.sent + done.failed >= BATCH {
            break;
        }
    }
    Ok(done)
}

/// The background sender: delivers due mail when woken and every [`POLL`].
/// A full round is followed by the next at once; the sender returns when the server stops.
pub async fn run_sender(state: AppState) {
    while !state.is_stopping() {
        let full = match deliver_due(&state).await {
            Ok(d) => d.sent + d.failed >= BATCH,
            Err(e) => {
                tracing::warn!(error = %e, "reading the outbox failed");
                false
            }
        };
        if !full && !state.is_stopping() {
            let _ = tokio::time::timeout(POLL, state.mail_notify.notified()).await;
        }
    }
}

/// Records an escalation notice of a case and queues its e-mails in one transaction, unless
/// it was recorded already (see `Store::record_escalation_with_mail`). Returns whether it was
/// new.
pub async fn send_escalation(
    state: &AppState,
    ws: WorkspaceId,
    case: kunde_domain::CaseId,
    kind: &str,
    now: i64,
    mails: &[Mail],
) -> kunde_store::Result<bool> {
    let new = state
        .store
        .record_escalation_with_mail(ws, case, kind, now, mails)
        .await?;
    if new {
        state.mail_notify.notify_one();
    }
    Ok(new)
}
