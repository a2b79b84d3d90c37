//! Invitations to join a business's staff (migration 0028). An invitation is not a user: it
//! names an address, a role and a language, and the account is made only when its link is
//! accepted while the address is still free. E-mail addresses are unique among users across
//! the server, so keeping invitations apart is what lets the invite form answer every address
//! alike — only the holder of the mailbox, opening the link, learns that an address is taken.

use crate::mail::insert_outbox;
use crate::rows::{UserRow, email, language};
use crate::{Result, Store, StoreError, debug_assert_scoped, transaction, with_pool};
use kunde_domain::mail::Mail;
use kunde_domain::*;

/// A pending invitation as the settings page lists it.
#[derive(Debug, Clone)]
pub struct StaffInvitation {
    pub id: i64,
    pub workspace_id: WorkspaceId,
    pub name: String,
    pub email: Email,
    pub role: Role,
    pub language: Language,
    pub expires_at: i64,
    pub invited_by: Option<UserId>,
    pub created_at: i64,
}

impl StaffInvitation {
    pub fn is_expired(&self, now: i64) -> bool {
        self.expires_at <= now
    }
}

/// What accepting an invitation came to.
#[derive(Debug, Clone)]
pub enum Acceptance {
    /// The address was free: the account is made (with the password) and the invitation gone.
    Joined(User),
    /// The address already belongs to an account: nothing is made and the invitation stays
    /// as it was, so the inviter cannot tell this from an invitation not yet opened.
    Taken,
    /// No such invitation, or it expired or was withdrawn.
    Gone,
}

#[derive(sqlx::FromRow)]
struct InvitationRow {
    id: i64,
    workspace_id: i64,
    name: String,
    email: String,
    role: String,
    language: String,
    expires_at: i64,
    invited_by: Option<i64>,
    created_at: i64,
}

impl InvitationRow {
    fn into_domain(self) -> Result<StaffInvitation> {
        Ok(StaffInvitation {
            id: self.id,
            workspace_id: WorkspaceId(self.workspace_id),
            name: self.name,
            email: email(&self.email)?,
            role: Role::parse(&self.role)
                .map_err(|_| StoreError::Corrupt(format!("invitation role '{}'", self.role)))?,
            language: language(&self.language)?,
            expires_at: self.expires_at,
            invited_by: self.invited_by.map(UserId),
            created_at: self.created_at,
        })
    }
}

const COLUMNS: &str =
    "id, workspace_id, name, email, role, language, expires_at, invited_by, created_at";

impl Store {
    /// Records an invitation (replacing an earlier one to the same address in this workspace,
    /// whose link stops working) and queues its e-mail, in one transaction. Whether the
    /// address belongs to anyone is not looked at: the answer is the same for every address.
    /// The link is the SHA-256 of its token and its expiry; `invited.password` is ignored
    /// (the invited person chooses it).
    pub async fn send_staff_invitation(
        &self,
        ws: WorkspaceId,
        invited: &NewUser,
        (token_hash, expires_at): (&str, i64),
        invited_by: Option<UserId>,
        mail: &Mail,
        now: i64,
    ) -> Result<StaffInvitation> {
        mail.validate()?;
        with_pool!(self, pool => transaction!(pool, tx => {
            let row: InvitationRow = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "INSERT INTO staff_invitations (workspace_id, name, email, role, language,
                        token_hash, expires_at, invited_by, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                 ON CONFLICT (workspace_id, email) DO UPDATE SET name = excluded.name,
                        role = excluded.role, language = excluded.language,
                        token_hash = excluded.token_hash, expires_at = excluded.expires_at,
                        invited_by = excluded.invited_by, created_at = excluded.created_at
                 RETURNING {COLUMNS}"
            )))
            .bind(ws.0)
            .bind(invited.name.as_str())
            .bind(invited.email.as_str())
            .bind(invited.role.code())
            .bind(invited.language.code())
            .bind(token_hash)
            .bind(expires_at)
            .bind(invited_by.map(|u| u.0))
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            insert_outbox!(&mut *tx, ws, mail, now);
            row.into_domain()
        }))
    }

    /// The workspace's invitations not yet accepted or withdrawn, expired ones included,
    /// newest first.
    pub async fn list_staff_invitations(&self, ws: WorkspaceId) -> Result<Vec<StaffInvitation>> {
        with_pool!(self, pool => {
            let rows: Vec<InvitationRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM staff_invitations WHERE workspace_id = $1
                 ORDER BY created_at DESC, id DESC"
            )))
            .bind(ws.0)
            .fetch_all(pool)
            .await?;
            rows.into_iter().map(InvitationRow::into_domain).collect()
        })
    }

    /// Withdraws an invitation of the workspace: its link stops working. Another workspace's
    /// invitation is `NotFound`.
    pub async fn withdraw_staff_invitation(&self, ws: WorkspaceId, id: i64) -> Result<()> {
        with_pool!(self, pool => {
            let done = sqlx::query("DELETE FROM staff_invitations WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(id)
                .execute(pool)
                .await?;
            if done.rows_affected() == 0 { Err(StoreError::NotFound) } else { Ok(()) }
        })
    }

    /// The unexpired invitation behind a token hash (a look-up by secret, across workspaces),
    /// and whether its address already belongs to an account.
    pub async fn find_staff_invitation(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<(StaffInvitation, bool)>> {
        with_pool!(self, pool => {
            let row: Option<InvitationRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM staff_invitations WHERE token_hash = $1 AND expires_at > $2"
            )))
            .bind(token_hash)
            .bind(now)
            .fetch_optional(pool)
            .await?;
            let Some(row) = row else { return Ok(None) };
            let invitation = row.into_domain()?;
            let (taken,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users WHERE email = $1")
                .bind(invitation.email.as_str())
                .fetch_one(pool)
                .await?;
            Ok(Some((invitation, taken > 0)))
        })
    }

    /// Accepts an invitation with the password the invited person chose: when the address is
    /// free, the account is made and the invitation removed in one transaction; when it
    /// belongs to an account (of any workspace), nothing changes. A second account is never
    /// made: should another one take the address meanwhile, the unique address refuses it
    /// and this answers `Taken` too.
    pub async fn accept_staff_invitation(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: i64,
    ) -> Result<Acceptance> {
        let done = with_pool!(self, pool => transaction!(pool, tx => {
            let row: Option<InvitationRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM staff_invitations WHERE token_hash = $1 AND expires_at > $2"
            )))
            .bind(token_hash)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(row) = row else { return Ok(Acceptance::Gone) };
            let invitation = row.into_domain()?;
            let (taken,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users WHERE email = $1")
                .bind(invitation.email.as_str())
                .fetch_one(&mut *tx)
                .await?;
            if taken > 0 {
                return Ok(Acceptance::Taken);
            }
            let user: UserRow = sqlx::query_as(
                "INSERT INTO users (workspace_id, name, email, password_hash, role, language, active, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 RETURNING id, workspace_id, name, email, role, language, active, created_at, password_hash",
            )
            .bind(invitation.workspace_id.0)
            .bind(&invitation.name)
            .bind(invitation.email.as_str())
            .bind(password_hash)
            .bind(invitation.role.code())
            .bind(invitation.language.code())
            .bind(true)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            debug_assert_scoped(invitation.workspace_id, user.workspace_id);
            sqlx::query("DELETE FROM staff_invitations WHERE workspace_id = $1 AND id = $2")
                .bind(invitation.workspace_id.0)
                .bind(invitation.id)
                .execute(&mut *tx)
                .await?;
            Ok(Acceptance::Joined(user.into_domain()?.0))
        }));
        match done {
            Err(StoreError::Conflict(_)) => Ok(Acceptance::Taken),
            other => other,
        }
    }
}
