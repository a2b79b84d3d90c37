//! Workspaces, their users, invitations and sign-in sessions.

use crate::rows::{UserRow, WorkspaceRow};
use crate::{Result, Store, StoreError, debug_assert_scoped, transaction, with_pool};
use kunde_domain::*;

/// What sign-in needs: the user and the stored argon2 hash (None for an open invitation).
pub struct SigninRecord {
    pub user: User,
    pub password_hash: Option<String>,
}

/// The user behind a valid session, with the workspace they act in.
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub user: User,
    pub workspace: Workspace,
    /// The business's IANA time zone (from its opening hours, else its language's default):
    /// every time shown to its people is in this zone.
    pub time_zone: String,
}

impl Store {
    /// Creates a workspace and its first owner together: a workspace never exists without
    /// someone who can sign in to it.
    pub async fn create_workspace(
        &self,
        workspace: &NewWorkspace,
        owner: &NewUser,
        password_hash: &str,
        now: i64,
    ) -> Result<(Workspace, User)> {
        let (ws, user) = self
            .create_workspace_rows(workspace, owner, password_hash, now)
            .await?;
        // The help centre's (and portal's) address is reserved now, so another business
        // cannot claim it before the owner first opens the knowledge base. Should both
        // candidate addresses be taken, it is made when first asked for, as before.
        if let Err(e) = self.help_site_slug(ws.id).await {
            tracing::warn!(workspace = ws.id.0, error = %e, "reserving the help-centre address failed");
        }
        Ok((ws, user))
    }

    async fn create_workspace_rows(
        &self,
        workspace: &NewWorkspace,
        owner: &NewUser,
        password_hash: &str,
        now: i64,
    ) -> Result<(Workspace, User)> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let row: WorkspaceRow = sqlx::query_as(
                "INSERT INTO workspaces (name, default_language, currency, created_at)
                 VALUES ($1, $2, $3, $4)
                 RETURNING id, name, default_language, currency, created_at",
            )
            .bind(workspace.name.as_str())
            .bind(workspace.default_language.code())
            .bind(&workspace.currency)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let ws = row.into_domain()?;
            let user: UserRow = sqlx::query_as(
                "INSERT INTO users (workspace_id, name, email, password_hash, role, language, active, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 RETURNING id, workspace_id, name, email, role, language, active, created_at, password_hash",
            )
            .bind(ws.id.0)
            .bind(owner.name.as_str())
            .bind(owner.email.as_str())
            .bind(password_hash)
            .bind(owner.role.code())
            .bind(owner.language.code())
            .bind(true)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            Ok((ws, user.into_domain()?.0))
        }))
    }

    pub async fn count_workspaces(&self) -> Result<i64> {
        with_pool!(self, pool => {
            let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM workspaces").fetch_one(pool).await?;
            Ok(n)
        })
    }

    pub async fn list_workspaces(&self) -> Result<Vec<Workspace>> {
        with_pool!(self, pool => {
            let rows: Vec<WorkspaceRow> = sqlx::query_as(
                "SELECT id, name, default_language, currency, created_at FROM workspaces ORDER BY id",
            )
            .fetch_all(pool)
            .await?;
            rows.into_iter().map(WorkspaceRow::into_domain).collect()
        })
    }

    pub async fn get_workspace(&self, id: WorkspaceId) -> Result<Workspace> {
        with_pool!(self, pool => {
            let row: WorkspaceRow = sqlx::query_as(
                "SELECT id, name, default_language, currency, created_at FROM workspaces WHERE id = $1",
            )
            .bind(id.0)
            .fetch_one(pool)
            .await?;
            row.into_domain()
        })
    }

    pub async fn update_workspace(
        &self,
        id: WorkspaceId,
        name: &NonEmpty,
        language: Language,
        currency: &str,
    ) -> Result<()> {
        with_pool!(self, pool => {
            let done = sqlx::query(
                "UPDATE workspaces SET name = $1, default_language = $2, currency = $3 WHERE id = $4",
            )
            .bind(name.as_str())
            .bind(language.code())
            .bind(currency)
            .bind(id.0)
            .execute(pool)
            .await?;
            if done.rows_affected() == 0 { Err(StoreError::NotFound) } else { Ok(()) }
        })
    }

    /// Adds a user to a workspace. Without a password hash the user is an invitation, opened
    /// with the token whose SHA-256 is `invite_token_hash`.
    pub async fn create_user(
        &self,
        ws: WorkspaceId,
        user: &NewUser,
        password_hash: Option<&str>,
        invite: Option<(&str, i64)>,
        now: i64,
    ) -> Result<User> {
        with_pool!(self, pool => {
            let row: UserRow = sqlx::query_as(
                "INSERT INTO users (workspace_id, name, email, password_hash, role, language, active,
                                    invite_token_hash, invite_expires_at, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                 RETURNING id, workspace_id, name, email, role, language, active, created_at, password_hash",
            )
            .bind(ws.0)
            .bind(user.name.as_str())
            .bind(user.email.as_str())
            .bind(password_hash)
            .bind(user.role.code())
            .bind(user.language.code())
            .bind(password_hash.is_some())
            .bind(invite.map(|i| i.0))
            .bind(invite.map(|i| i.1))
            .bind(now)
            .fetch_one(pool)
            .await?;
            Ok(row.into_domain()?.0)
        })
    }

    pub async fn list_users(&self, ws: WorkspaceId) -> Result<Vec<User>> {
        with_pool!(self, pool => {
            let rows: Vec<UserRow> = sqlx::query_as(
                "SELECT id, workspace_id, name, email, role, language, active, created_at, password_hash
                 FROM users WHERE workspace_id = $1 AND removed_at IS NULL ORDER BY name",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?;
            rows.into_iter().map(|r| r.into_domain().map(|u| u.0)).collect()
        })
    }

    pub async fn get_user(&self, ws: WorkspaceId, id: UserId) -> Result<User> {
        with_pool!(self, pool => {
            let row: UserRow = sqlx::query_as(
                "SELECT id, workspace_id, name, email, role, language, active, created_at, password_hash
                 FROM users WHERE workspace_id = $1 AND id = $2",
            )
            .bind(ws.0)
            .bind(id.0)
            .fetch_one(pool)
            .await?;
            debug_assert_scoped(ws, row.workspace_id);
            Ok(row.into_domain()?.0)
        })
    }

    /// Looks a user up by e-mail for sign-in. E-mail addresses are unique across the server,
    /// so a person signs in without naming their workspace.
    pub async fn find_user_by_email(&self, email: &Email) -> Result<Option<SigninRecord>> {
        with_pool!(self, pool => {
            let row: Option<UserRow> = sqlx::query_as(
                "SELECT id, workspace_id, name, email, role, language, active, created_at, password_hash
                 FROM users WHERE email = $1",
            )
            .bind(email.as_str())
            .fetch_optional(pool)
            .await?;
            row.map(|r| r.into_domain().map(|(user, password_hash)| SigninRecord { user, password_hash }))
                .transpose()
        })
    }

    /// The invited user behind an unexpired invitation token hash.
    pub async fn find_invitation(&self, token_hash: &str, now: i64) -> Result<Option<User>> {
        with_pool!(self, pool => {
            let row: Option<UserRow> = sqlx::query_as(
                "SELECT id, workspace_id, name, email, role, language, active, created_at, password_hash
                 FROM users WHERE invite_token_hash = $1 AND invite_expires_at > $2",
            )
            .bind(token_hash)
            .bind(now)
            .fetch_optional(pool)
            .await?;
            row.map(|r| r.into_domain().map(|u| u.0)).transpose()
        })
    }

    /// Starts a password reset for the person with this e-mail (addresses are unique across
    /// the server, so this is a look-up by address like signing in): stores the SHA-256 of the
    /// reset token with its expiry in place of any earlier one, so only the newest link works,
    /// and returns the user. `None` for an unknown, removed or not yet activated address.
    /// The link is an invitation link: `set_password` uses it up.
    pub async fn issue_password_reset(
        &self,
        email: &Email,
        token_hash: &str,
        expires_at: i64,
    ) -> Result<Option<User>> {
        with_pool!(self, pool => {
            let row: Option<UserRow> = sqlx::query_as(
                "UPDATE users SET invite_token_hash = $1, invite_expires_at = $2
                 WHERE email = $3 AND active = $4 AND removed_at IS NULL
                 RETURNING id, workspace_id, name, email, role, language, active, created_at, password_hash",
            )
            .bind(token_hash)
            .bind(expires_at)
            .bind(email.as_str())
            .bind(true)
            .fetch_optional(pool)
            .await?;
            row.map(|r| r.into_domain().map(|u| u.0)).transpose()
        })
    }

    /// The owner starts a password reset for a member of their workspace (see
    /// [`Store::issue_password_reset`]); another workspace's user is not found.
    pub async fn issue_password_reset_for(
        &self,
        ws: WorkspaceId,
        id: UserId,
        token_hash: &str,
        expires_at: i64,
    ) -> Result<User> {
        with_pool!(self, pool => {
            let row: Option<UserRow> = sqlx::query_as(
                "UPDATE users SET invite_token_hash = $1, invite_expires_at = $2
                 WHERE workspace_id = $3 AND id = $4 AND removed_at IS NULL
                 RETURNING id, workspace_id, name, email, role, language, active, created_at, password_hash",
            )
            .bind(token_hash)
            .bind(expires_at)
            .bind(ws.0)
            .bind(id.0)
            .fetch_optional(pool)
            .await?;
            match row {
                Some(r) => Ok(r.into_domain()?.0),
                None => Err(StoreError::NotFound),
            }
        })
    }

    /// Gives a member of the workspace another role and returns the role they had. A
    /// workspace always keeps an owner: taking the role from its last owner changes nothing
    /// and is `Ok(None)`. Another workspace's user, or a removed one, is `NotFound`.
    pub async fn set_user_role(
        &self,
        ws: WorkspaceId,
        id: UserId,
        role: Role,
    ) -> Result<Option<Role>> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let row: Option<(String,)> = sqlx::query_as(
                "SELECT role FROM users WHERE workspace_id = $1 AND id = $2 AND removed_at IS NULL",
            )
            .bind(ws.0)
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((old,)) = row else { return Err(StoreError::NotFound) };
            let old = Role::parse(&old)
                .map_err(|_| StoreError::Corrupt(format!("user role '{old}'")))?;
            if old == Role::Owner && role != Role::Owner {
                let (owners,): (i64,) = sqlx::query_as(
                    "SELECT COUNT(*) FROM users
                     WHERE workspace_id = $1 AND role = $2 AND removed_at IS NULL",
                )
                .bind(ws.0)
                .bind(Role::Owner.code())
                .fetch_one(&mut *tx)
                .await?;
                if owners <= 1 {
                    return Ok(None);
                }
            }
            sqlx::query("UPDATE users SET role = $1 WHERE workspace_id = $2 AND id = $3")
                .bind(role.code())
                .bind(ws.0)
                .bind(id.0)
                .execute(&mut *tx)
                .await?;
            Ok(Some(old))
        }))
    }

    /// Removes a member of the workspace: they can no longer sign in (password, links and
    /// sessions gone) and are no longer listed, while their name stays on what they did.
    pub async fn remove_user(&self, ws: WorkspaceId, id: UserId, now: i64) -> Result<()> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let done = sqlx::query(
                "UPDATE users SET removed_at = $3, active = $4, password_hash = NULL,
                        invite_token_hash = NULL, invite_expires_at = NULL
                 WHERE workspace_id = $1 AND id = $2 AND removed_at IS NULL",
            )
            .bind(ws.0)
            .bind(id.0)
            .bind(now)
            .bind(false)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            sqlx::query("DELETE FROM sessions WHERE workspace_id = $1 AND user_id = $2")
                .bind(ws.0)
                .bind(id.0)
                .execute(&mut *tx)
                .await?;
            Ok(())
        }))
    }

    /// Sets a user's password, activates the account, closes any open invitation and signs
    /// the user out everywhere else.
    pub async fn set_password(
        &self,
        ws: WorkspaceId,
        id: UserId,
        password_hash: &str,
    ) -> Result<()> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let done = sqlx::query(
                "UPDATE users SET password_hash = $1, active = $2, invite_token_hash = NULL,
                        invite_expires_at = NULL
                 WHERE workspace_id = $3 AND id = $4",
            )
            .bind(password_hash)
            .bind(true)
            .bind(ws.0)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(id.0)
                .execute(&mut *tx)
                .await?;
            Ok(())
        }))
    }

    pub async fn set_user_language(
        &self,
        ws: WorkspaceId,
        id: UserId,
        language: Language,
    ) -> Result<()> {
        with_pool!(self, pool => {
            sqlx::query("UPDATE users SET language = $1 WHERE workspace_id = $2 AND id = $3")
                .bind(language.code())
                .bind(ws.0)
                .bind(id.0)
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    pub async fn create_session(
        &self,
        token_hash: &str,
        user: &User,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        with_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO sessions (token_hash, user_id, workspace_id, created_at, expires_at)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(token_hash)
            .bind(user.id.0)
            .bind(user.workspace_id.0)
            .bind(now)
            .bind(expires_at)
            .execute(pool)
            .await?;
            Ok(())
        })
    }

    /// The signed-in user of a live session, or None when it is unknown or expired.
    pub async fn session_user(&self, token_hash: &str, now: i64) -> Result<Option<SessionUser>> {
        with_pool!(self, pool => {
            let row: Option<UserRow> = sqlx::query_as(
                "SELECT u.id, u.workspace_id, u.name, u.email, u.role, u.language, u.active,
                        u.created_at, u.password_hash
                 FROM sessions s JOIN users u ON u.id = s.user_id AND u.workspace_id = s.workspace_id
                 WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = $3",
            )
            .bind(token_hash)
            .bind(now)
            .bind(true)
            .fetch_optional(pool)
            .await?;
            let Some(row) = row else { return Ok(None) };
            let (user, _) = row.into_domain()?;
            let workspace = self.get_workspace(user.workspace_id).await?;
            let zone: Option<(String,)> = sqlx::query_as(
                "SELECT time_zone FROM business_calendars WHERE workspace_id = $1",
            )
            .bind(workspace.id.0)
            .fetch_optional(pool)
            .await?;
            let time_zone = zone.map(|z| z.0).unwrap_or_else(|| {
                crate::business_calendar::default_time_zone(workspace.default_language).to_owned()
            });
            Ok(Some(SessionUser { user, workspace, time_zone }))
        })
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        with_pool!(self, pool => {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(token_hash)
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    /// Removes expired sessions; called now and then by the server.
    pub async fn purge_sessions(&self, now: i64) -> Result<u64> {
        with_pool!(self, pool => {
            let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
                .bind(now)
                .execute(pool)
                .await?;
            Ok(done.rows_affected())
        })
    }
}
