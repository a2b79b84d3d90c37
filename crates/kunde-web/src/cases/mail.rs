//! The e-mail of service cases, all through the durable outbox: replies to the customer (in
//! the customer's language), the one-question rating asked when a case closes, approval
//! requests to the owner, and the escalation of targets about to be or already missed
//! ([`run_due`], called every minute by `jobs::tick`). The cases with a notice due are
//! claimed first (one instance works on each), and each notice is recorded in the same
//! transaction that queues its e-mails, so it is sent once even if two ticks overlap.

use crate::kit::i18n::Tr;
use crate::state::AppState;
use kunde_domain::*;
use kunde_store::{SessionUser, StoreError};

/// Queues one e-mail in the workspace's outbox.
async fn enqueue(
    state: &AppState,
    ws: WorkspaceId,
    to: &str,
    to_name: Option<&str>,
    subject: String,
    text: String,
    now: i64,
) -> Result<(), StoreError> {
    let mail = kunde_domain::mail::Mail {
        to: to.to_owned(),
        to_name: to_name.map(str::to_owned),
        subject,
        text,
        html: None,
        unsubscribe_url: None,
        reply_to: None,
    };
    crate::outbox::queue_at(state, ws, &mail, now).await?;
    Ok(())
}

/// An absolute link to `path` on this server, for e-mails.
fn link(state: &AppState, path: &str) -> String {
    format!("{}{path}", state.public_url(None))
}

/// Writes a reply on the case and queues it to the customer, in the customer's language, in
/// one transaction. A customer without an e-mail address gets no reply (the form refuses it
/// before this is called).
pub async fn send_reply(
    state: &AppState,
    user: &SessionUser,
    c: &Case,
    body: &str,
    now: i64,
) -> Result<(), StoreError> {
    let ws = user.workspace.id;
    // A case from an anonymous answer has nobody to write to (the page says so).
    let Some(customer_id) = c.customer_id else {
        return Err(StoreError::InvalidReference("case without customer".into()));
    };
    let customer = state.store.get_customer(ws, customer_id).await?;
    let Some(email) = customer.email else {
        return Err(StoreError::InvalidReference(
            "customer without e-mail".into(),
        ));
    };
    let tr = Tr::new(customer.language);
    let subject = tr.t_args(
        "case-mail-reply-subject",
        &[("id", &c.id.to_string()), ("subject", &c.subject)],
    );
    let text = format!(
        "{}\n\n{}\n\n-- \n{}\n{}",
        tr.t_args("case-mail-greeting", &[("name", &customer.name)]),
        body,
        user.user.name,
        user.workspace.name
    );
    let mail = kunde_domain::mail::Mail {
        to: email.as_str().to_owned(),
        to_name: Some(customer.name.clone()),
        subject,
        text,
        html: None,
        unsubscribe_url: None,
        reply_to: None,
    };
    crate::outbox::send_case_reply(state, ws, c.id, Some(user.user.id), body, &mail, now).await?;
    Ok(())
}

/// Asks the customer of a just-closed case how it was handled: a link to `/c/{token}`.
pub async fn ask_rating(
    state: &AppState,
    workspace: &Workspace,
    c: &Case,
    token: &str,
    now: i64,
) -> Result<(), StoreError> {
    let Some(customer_id) = c.customer_id else {
        return Ok(());
    };
    let customer = state.store.get_customer(workspace.id, customer_id).await?;
    let Some(email) = customer.email else {
        return Ok(());
    };
    let tr = Tr::new(customer.language);
    let subject = tr.t_args("case-mail-rate-subject", &[("business", &workspace.name)]);
    let text = format!(
        "{}\n\n{}\n\n{}\n\n-- \n{}",
        tr.t_args("case-mail-greeting", &[("name", &customer.name)]),
        tr.t_args("case-mail-rate-text", &[("subject", &c.subject)]),
        link(state, &format!("/c/{token}")),
        workspace.name
    );
    enqueue(
        state,
        workspace.id,
        email.as_str(),
        Some(&customer.name),
        subject,
        text,
        now,
    )
    .await
}

/// Tells the workspace's owners that a grant waits for their approval.
pub async fn ask_approval(
    state: &AppState,
    user: &SessionUser,
    case: CaseId,
    g: &CaseGrant,
    now: i64,
) -> Result<(), StoreError> {
    let ws = user.workspace.id;
    for owner in owners(state, ws).await? {
        let tr = Tr::new(owner.language);
        let amount = crate::kit::format_money(owner.language, g.amount, &user.workspace.currency);
        let subject = tr.t_args(
            "case-mail-approval-subject",
            &[("id", &case.to_string()), ("amount", &amount)],
        );
        let text = format!(
            "{}\n\n{}",
            tr.t_args(
                "case-mail-approval-text",
                &[
                    ("name", &user.user.name),
                    ("amount", &amount),
                    ("kind", &tr.t(&format!("case-grant-{}", g.kind.code()))),
                ]
            ),
            link(state, &format!("/cases/{case}"))
        );
        enqueue(
            state,
            ws,
            owner.email.as_str(),
            Some(&owner.name),
            subject,
            text,
            now,
        )
        .await?;
    }
    Ok(())
}

async fn owners(state: &AppState, ws: WorkspaceId) -> Result<Vec<User>, StoreError> {
    Ok(state
        .store
        .list_users(ws)
        .await?
        .into_iter()
        .filter(|u| u.role == Role::Owner && u.active)
        .collect())
}

/// Sends the escalation notices that are due at `now`: before a target is missed (at 75 %
/// of its business time) to the assignee, and once it is missed to the assignee and the
/// owners. A case without an assignee escalates to the owners at once. Returns how many
/// notices were recorded.
pub async fn run_due(state: &AppState, now: i64) -> Result<usize, StoreError> {
    let claimed = state
        .store
        .claim_due_escalations(&state.claimer, now)
        .await?;
    if claimed.is_empty() {
        return Ok(0);
    }
    let due = state.store.due_escalations(now).await?;
    let mut sent = 0;
    for d in due.into_iter().filter(|d| claimed.contains(&d.case_id.0)) {
        let missed = d.kind.ends_with("_missed");
        let mut to: Vec<(String, String, Language)> = Vec::new();
        if let Some(a) = &d.assignee {
            to.push(a.clone());
        }
        if missed || d.assignee.is_none() {
            for o in owners(state, d.workspace_id).await? {
                if !to.iter().any(|(_, e, _)| e == o.email.as_str()) {
                    to.push((o.name, o.email.as_str().to_owned(), o.language));
                }
            }
        }
        let target_key = if d.kind.starts_with("first") {
            "case-target-first"
        } else {
            "case-target-resolution"
        };
        // The due time in the business's own zone (its opening hours), as every page shows it.
        let zone = crate::kit::format::zone(
            state
                .store
                .business_calendar(d.workspace_id)
                .await?
                .time_zone_name(),
        );
        let mut mails = Vec::new();
        for (name, email, lang) in to {
            let tr = Tr::new(lang);
            let target = tr.t(target_key);
            let args = [
                ("id", d.case_id.to_string()),
                ("subject", d.subject.clone()),
                ("target", target),
                (
                    "customer",
                    d.customer_name
                        .clone()
                        .unwrap_or_else(|| tr.t("voc-anonymous")),
                ),
                (
                    "due",
                    crate::kit::format::local_datetime(lang, &zone, d.due),
                ),
            ];
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let (subject_key, text_key) = if missed {
                ("case-mail-missed-subject", "case-mail-missed-text")
            } else {
                ("case-mail-warn-subject", "case-mail-warn-text")
            };
            let text = format!(
                "{}\n\n{}",
                tr.t_args(text_key, &args),
                link(state, &format!("/cases/{}", d.case_id))
            );
            mails.push(kunde_domain::mail::Mail {
                to: email,
                to_name: Some(name),
                subject: tr.t_args(subject_key, &args),
                text,
                html: None,
                unsubscribe_url: None,
                reply_to: None,
            });
        }
        if crate::outbox::send_escalation(state, d.workspace_id, d.case_id, d.kind, now, &mails)
            .await?
        {
            sent += 1;
        }
    }
    Ok(sent)
}
