//! Recording who did what in the workspace's audit trail: [`Audit`] builds the store's
//! `AuditEntry` from the signed-in user and the request's client address, so every handler
//! that changes something adds one line (`Audit::by(&user, &client).record(…)`).

use crate::kit::client::ClientKey;
use crate::state::AppState;
use kunde_domain::User;
use kunde_store::{Actor, AuditEntry, SessionUser};

/// The actor of one request: who, and from which client address.
pub struct Audit {
    actor: Actor,
    workspace: kunde_domain::WorkspaceId,
}

impl Audit {
    /// The signed-in `user` acting from `client`.
    pub fn by(user: &SessionUser, client: &ClientKey) -> Self {
        Self::user(&user.user, client)
    }

    /// `user` acting from `client` (at sign-in, before there is a session).
    pub fn user(user: &User, client: &ClientKey) -> Self {
        Self {
            actor: Actor {
                user_id: Some(user.id),
                label: user.name.clone(),
                client_address: Some(client.0.clone()),
            },
            workspace: user.workspace_id,
        }
    }

    /// Someone not signed in (a failed sign-in) acting on `workspace`.
    pub fn anonymous(
        workspace: kunde_domain::WorkspaceId,
        label: &str,
        client: &ClientKey,
    ) -> Self {
        Self {
            actor: Actor {
                user_id: None,
                label: label.to_owned(),
                client_address: Some(client.0.clone()),
            },
            workspace,
        }
    }

    /// The store's actor, for store methods that record their own entry (erasure).
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// Appends one entry (`action` is an `audit_action` code; `detail` names things by id,
    /// not by personal data). A failure is logged and does not undo what was done.
    pub async fn record(
        &self,
        state: &AppState,
        action: &str,
        target: (&str, Option<i64>),
        detail: &str,
    ) {
        let entry = AuditEntry {
            at: state.now(),
            actor: self.actor.clone(),
            action: action.to_owned(),
            target_kind: target.0.to_owned(),
            target_id: target.1,
            detail: detail.to_owned(),
        };
        if let Err(e) = state.store.record_audit(self.workspace, &entry).await {
            tracing::error!(error = %e, action, "recording an audit entry failed");
        }
    }
}
