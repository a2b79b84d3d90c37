//! The outbox: the one way to queue an e-mail, and sending what is queued.
//!
//! Every e-mail Kunde sends is first written to the store's `outbox` table, here and nowhere
//! else (checked by `tests/tidy.rs`): [`queue`] for a message on its own, and
//! [`send_invitation`] / [`send_staff_invitation`] / [`send_reminder`] / [`send_portal_link`] / [`send_overdue_reminder`]
//! / [`queue_monthly_report`] for a message written in the same transaction as what it
//! reports. Each wakes the sender. [`deliver_due`] sends what is due through the
//! workspace's SMTP server and records the outcome — a sent message's stored text loses its
//! live links (`kit::redact`); a background task ([`run_sender`]) calls
//! it every few seconds and as soon as [`AppState::mail_notify`] is notified; tests call it
//! directly.

use crate::state::AppState;
use kunde_domain::mail::Mail;
use kunde_domain::{CustomerId, Invitation, InvitationId, SurveyId, WorkspaceId};
use std::time::Duration;

/// Why a message was not sent, as the outbox keeps it (`last_error`): a code, then what the
/// server said, so each page says it in its reader's language ([`SendFailure::describe`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendFailure {
    /// The workspace has no mail server set up.
    NoServer,
    /// The message itself cannot be sent (an address or header), with the detail.
    Message(String),
    /// The server refused it or could not be reached, with what it said.
    Transport(String),
}

impl SendFailure {
    pub fn encode(&self) -> String {
        match self {
            Self::NoServer => "no_server".to_owned(),
            Self::Message(d) => format!("message: {d}"),
            Self::Transport(d) => format!("transport: {d}"),
        }
    }

    /// The failure a stored error describes; errors stored before the codes were English
    /// sentences and read the same way.
    pub fn parse(stored: &str) -> Self {
        if stored == "no_server" || stored.starts_with("no mail server is set up") {
            return Self::NoServer;
        }
        for prefix in ["message: ", "the message cannot be sent: "] {
            if let Some(d) = stored.strip_prefix(prefix) {
                return Self::Message(d.to_owned());
            }
        }
        for prefix in ["transport: ", "the mail server did not take the message: "] {
            if let Some(d) = stored.strip_prefix(prefix) {
                return Self::Transport(d.to_owned());
            }
        }
        Self::Transport(stored.to_owned())
    }

    /// The failure in words of `tr`'s language; the server's own words are quoted as they
    /// came.
    pub fn describe(&self, tr: crate::kit::i18n::Tr) -> String {
        match self {
            Self::NoServer => tr.t("mail-error-no-server"),
            Self::Message(d) => tr.t_args("mail-error-message", &[("detail", d)]),
            Self::Transport(d) => tr.t_args("mail-error-transport", &[("detail", d)]),
        }
    }
}

/// A stored `last_error` in words of `tr`'s language.
pub fn describe_error(tr: crate::kit::i18n::Tr, stored: &str) -> String {
    SendFailure::parse(stored).describe(tr)
}

/// What became of one message, in words of `tr`'s language, with its class for the page's
/// style (`sent`, `queued`, `failed`): sent, waiting, retrying (with the reason) or given up
/// (not sent, with the reason). Every page that shows a message's fate says it through this.
pub fn mail_status(
    tr: crate::kit::i18n::Tr,
    state: kunde_store::MailState,
    last_error: Option<&str>,
) -> (&'static str, String) {
    use kunde_store::MailState;
    let reason = || {
        last_error
            .map(|err| describe_error(tr, err))
            .unwrap_or_default()
    };
    match (state, last_error) {
        (MailState::Sent, _) => ("sent", tr.t("mail-state-sent")),
        (MailState::Failed, _) => ("failed", tr.t_args("mail-not-sent", &[("name", &reason())])),
        (MailState::Queued, Some(_)) => {
            ("failed", tr.t_args("mail-retrying", &[("name", &reason())]))
        }
        (MailState::Queued, None) => ("queued", tr.t("mail-state-queued")),
    }
}

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

/// Records an invitation to join the business's staff and queues its e-mail in one
/// transaction (see `Store::send_staff_invitation`).
pub async fn send_staff_invitation(
    state: &AppState,
    ws: WorkspaceId,
    invited: &kunde_domain::NewUser,
    token_hash: &str,
    expires_at: i64,
    invited_by: kunde_domain::UserId,
    mail: &Mail,
) -> kunde_store::Result<kunde_store::StaffInvitation> {
    let invitation = state
        .store
        .send_staff_invitation(
            ws,
            invited,
            (token_hash, expires_at),
            Some(invited_by),
            mail,
            state.now(),
        )
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

/// Adds a reply to a case and queues the e-mail that carries it, in one transaction (see
/// `Store::add_case_reply`), so the case page can tell whether that e-mail went.
pub async fn send_case_reply(
    state: &AppState,
    ws: WorkspaceId,
    case: kunde_domain::CaseId,
    author: Option<kunde_domain::UserId>,
    body: &str,
    mail: &Mail,
    now: i64,
) -> kunde_store::Result<kunde_domain::CaseEntry> {
    let (entry, _) = state
        .store
        .add_case_reply(ws, case, author, body, mail, now)
        .await?;
    state.mail_notify.notify_one();
    Ok(entry)
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

/// Keeps a newsletter sign-up and queues its confirmation e-mail in one transaction (see
/// `Store::request_signup`).
pub async fn request_signup(
    state: &AppState,
    ws: WorkspaceId,
    signup: &kunde_store::NewSignup,
    expires_at: i64,
    mail: impl FnOnce(&str) -> Mail,
) -> kunde_store::Result<i64> {
    let id = state
        .store
        .request_signup(ws, signup, state.now(), expires_at, mail)
        .await?;
    state.mail_notify.notify_one();
    Ok(id)
}

/// Marks a demand item available and queues one e-mail to each waiting customer, in the
/// transaction that records them as notified (see `Store::mark_demand_available`). `None`
/// when the item was available already; otherwise how many e-mails were queued.
pub async fn notify_demand_available(
    state: &AppState,
    ws: WorkspaceId,
    item: i64,
    mail: impl Fn(&kunde_store::Recipient) -> Mail,
) -> kunde_store::Result<Option<usize>> {
    let queued = state
        .store
        .mark_demand_available(ws, item, state.now(), mail)
        .await?;
    if queued.is_some_and(|n| n > 0) {
        state.mail_notify.notify_one();
    }
    Ok(queued)
}

/// Queues this minute's chunk of a sending campaign: each recipient is recorded with their
/// message in one transaction (see `Store::queue_campaign_chunk`). `None` when the chunk is
/// not due.
pub async fn queue_campaign_chunk(
    state: &AppState,
    ws: WorkspaceId,
    campaign: i64,
    now: i64,
    limit: i64,
    mail: impl Fn(&kunde_store::CampaignRecipient, &str) -> Mail,
) -> kunde_store::Result<Option<usize>> {
    let queued = state
        .store
        .queue_campaign_chunk(ws, campaign, now, limit, mail)
        .await?;
    if queued.is_some_and(|n| n > 0) {
        state.mail_notify.notify_one();
    }
    Ok(queued)
}

/// Records the one reminder of an overdue invoice and queues its e-mail in one transaction,
/// unless it was reminded already or paid meanwhile (see `Store::send_overdue_reminder`).
/// Returns whether the reminder was queued.
pub async fn send_overdue_reminder(
    state: &AppState,
    ws: WorkspaceId,
    invoice: i64,
    mail: &Mail,
    now: i64,
) -> kunde_store::Result<bool> {
    let queued = state
        .store
        .send_overdue_reminder(ws, invoice, mail, now)
        .await?;
    if queued {
        state.mail_notify.notify_one();
    }
    Ok(queued)
}

/// Records `month`'s report as sent and queues its messages, each with the PDF, in one
/// transaction, unless the month went out already (see `Store::queue_monthly_report`).
/// Returns whether they were queued.
pub async fn queue_monthly_report(
    state: &AppState,
    ws: WorkspaceId,
    month: &str,
    mails: &[Mail],
    attachment: &kunde_store::MailAttachment,
    now: i64,
) -> kunde_store::Result<bool> {
    let queued = state
        .store
        .queue_monthly_report(ws, month, mails, attachment, now)
        .await?;
    if queued {
        state.mail_notify.notify_one();
    }
    Ok(queued)
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
            None => Err((SendFailure::NoServer.encode(), true, false)),
            Some(s) => {
                let file = state.store.mail_attachment(queued.id).await?;
                let attachment = file.as_ref().map(|f| kunde_mail::Attachment {
                    name: &f.name,
                    content_type: &f.content_type,
                    bytes: &f.bytes,
                });
                kunde_mail::send_with(s, &queued.mail, attachment)
                    .await
                    .map_err(|e| {
                        let permanent = e.is_permanent();
                        let refused = matches!(e, kunde_mail::MailError::Refused(_));
                        let failure = match e {
                            kunde_mail::MailError::Message(d) => SendFailure::Message(d),
                            kunde_mail::MailError::Transport(d)
                            | kunde_mail::MailError::Refused(d) => SendFailure::Transport(d),
                        };
                        (failure.encode(), permanent, refused)
                    })
            }
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
            Err((error, permanent, refused)) => {
                tracing::warn!(mail = queued.id, %error, "sending e-mail failed");
                // An address the server refused for good is skipped by later campaigns.
                if refused {
                    state
                        .store
                        .record_refused_address(ws, &queued.mail.to, &error, state.now())
                        .await?;
                }
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
