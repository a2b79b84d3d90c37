-- Trust (issue 18): an append-only audit trail, the erasure log that lets an erasure survive
-- a restore, and each workspace's retention rule. None of these tables holds a customer's
-- personal data: the audit trail names targets by kind and internal id, the erasure log only
-- by internal id.

-- Who did what. The application only ever inserts here (there is no update or delete method).
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    -- The signed-in user who acted; NULL for the command line, jobs and the public API.
    actor_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    -- Who acted, as shown ("Mette Hansen", "kunde CLI", "retention job"), kept when the user
    -- is deleted.
    actor_label TEXT NOT NULL,
    -- A stable code such as 'customer.erase' or 'user.signin_failed'.
    action TEXT NOT NULL,
    target_kind TEXT NOT NULL,
    target_id INTEGER,
    detail TEXT NOT NULL,
    client_address TEXT
);
CREATE INDEX audit_log_workspace ON audit_log(workspace_id, at);
CREATE INDEX audit_log_action ON audit_log(workspace_id, action, at);

-- Customers whose personal data was erased: the internal id and when, nothing else. A restore
-- re-applies every erasure of the current log that the restored database does not hold.
CREATE TABLE erasure_log (
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL,
    erased_at INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, customer_id)
);

-- Customers inactive (no event, order, answer or case) for this many years are erased
-- automatically; no row, or NULL, means off.
CREATE TABLE retention_rules (
    workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
    inactive_years INTEGER CHECK (inactive_years IS NULL OR inactive_years > 0),
    updated_at INTEGER NOT NULL
);

-- Append-only also below the application: an audit entry cannot be changed.
CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
