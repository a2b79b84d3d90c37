-- Invitations to join a business's staff (issue 18, finding 10). An invitation is not a user:
-- e-mail addresses are unique among users across the server, so an invitation kept as a user
-- row made the invite form answer an address of another business differently from a free one.
-- An invitation names the address, role and language; the account is made when its link is
-- accepted while the address is still free. Only the token's SHA-256 is kept. Inviting the
-- same address again replaces the earlier invitation (and its link).
CREATE TABLE staff_invitations (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'staff')),
    language TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at INTEGER NOT NULL,
    invited_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (workspace_id, email)
);

-- Invited people who never accepted were user rows without a password: they move here, with
-- their link (it keeps working until it expires) and whoever the audit trail says invited
-- them. A row someone acted as (an audit entry names it) is left alone.
INSERT INTO staff_invitations (workspace_id, name, email, role, language, token_hash, expires_at,
                               invited_by, created_at)
SELECT u.workspace_id, u.name, u.email, u.role, u.language, u.invite_token_hash,
       COALESCE(u.invite_expires_at, u.created_at),
       (SELECT a.actor_user_id FROM audit_log a
         WHERE a.workspace_id = u.workspace_id AND a.action = 'user.invite'
           AND a.target_kind = 'user' AND a.target_id = u.id
         ORDER BY a.id DESC LIMIT 1),
       u.created_at
FROM users u
WHERE u.password_hash IS NULL AND u.active = 0 AND u.removed_at IS NULL
  AND u.invite_token_hash IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.actor_user_id = u.id);

DELETE FROM users
WHERE password_hash IS NULL AND active = 0 AND removed_at IS NULL
  AND invite_token_hash IN (SELECT token_hash FROM staff_invitations);
