-- The client portal (issue 16): invoices, documents shared with one customer, sign-in links
-- and portal sessions (only SHA-256 hashes of their tokens), consent changes with their
-- source, and the touchpoint portal use is recorded on.

CREATE TABLE invoices (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    number TEXT NOT NULL,
    issued TEXT NOT NULL,
    due TEXT NOT NULL,
    amount INTEGER NOT NULL,
    paid_at INTEGER,
    created_at INTEGER NOT NULL,
    UNIQUE (workspace_id, number)
);
CREATE INDEX invoices_customer ON invoices(workspace_id, customer_id);

CREATE TABLE portal_documents (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    data TEXT NOT NULL,
    from_customer INTEGER NOT NULL,
    uploaded_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX portal_documents_customer ON portal_documents(workspace_id, customer_id);

CREATE TABLE portal_links (
    token_hash TEXT PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    revoked_at INTEGER
);
CREATE INDEX portal_links_customer ON portal_links(workspace_id, customer_id);

CREATE TABLE portal_sessions (
    token_hash TEXT PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX portal_sessions_customer ON portal_sessions(workspace_id, customer_id);

CREATE TABLE consent_changes (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    marketing_consent INTEGER NOT NULL,
    source TEXT NOT NULL,
    changed_at INTEGER NOT NULL
);
CREATE INDEX consent_changes_customer ON consent_changes(workspace_id, customer_id);

CREATE TABLE portal_settings (
    workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
    touchpoint_id INTEGER REFERENCES touchpoints(id) ON DELETE SET NULL
);
