-- Outgoing e-mail: each workspace's SMTP server, and a durable outbox. A message is queued in
-- the database first and sent by a background task, so an acknowledged "sent" survives a
-- restart and a failed delivery is retried with back-off.

CREATE TABLE smtp_settings (
    workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
    host TEXT NOT NULL,
    port INTEGER NOT NULL,
    security TEXT NOT NULL CHECK (security IN ('none', 'starttls', 'tls')),
    username TEXT,
    -- Needed in plain text to log in to the server; the database file is the secret.
    password TEXT,
    from_address TEXT NOT NULL,
    from_name TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    to_address TEXT NOT NULL,
    to_name TEXT,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT,
    unsubscribe_url TEXT,
    reply_to TEXT,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    -- NULL once sent or given up.
    next_attempt_at INTEGER,
    sent_at INTEGER,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX outbox_workspace ON outbox(workspace_id, created_at);
