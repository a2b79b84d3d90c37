-- The monthly report (issue 14): whether the owner wants it by e-mail on the first day of
-- each month, and which months went out, so a restart (or a second instance) never sends a
-- month twice. The report travels as a PDF attachment, kept with its outbox message.
CREATE TABLE report_settings (
    workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
    monthly_email INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE report_mailings (
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    month TEXT NOT NULL,
    queued_at INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, month)
);

ALTER TABLE outbox ADD COLUMN attachment_name TEXT;
ALTER TABLE outbox ADD COLUMN attachment_type TEXT;
ALTER TABLE outbox ADD COLUMN attachment BLOB;
