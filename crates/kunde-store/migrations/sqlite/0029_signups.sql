-- Newsletter sign-ups waiting for their double opt-in (issue 15). A row keeps what someone
-- typed on the business's public sign-up form until they open the link in the e-mail (then
-- the row is deleted and the customer has marketing consent, recorded in consent_changes)
-- or until it expires (then the background tick deletes it). Only the link's SHA-256 is kept.
CREATE TABLE signups (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    language TEXT NOT NULL,
    requested_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX signups_address ON signups(workspace_id, email);
CREATE INDEX signups_expiry ON signups(expires_at);
