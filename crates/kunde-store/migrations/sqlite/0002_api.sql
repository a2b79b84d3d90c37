-- Event intake over HTTP: workspace API keys (stored hashed), idempotency keys on events, and
-- the links that join an anonymous web visitor to a customer once identified.

CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    -- 'secret' keys send events and identify visitors from a server; 'publishable' keys may
    -- only send anonymous snippet events from a browser.
    kind TEXT NOT NULL CHECK (kind IN ('secret', 'publishable')),
    -- The first characters of the key, shown so the owner can tell keys apart.
    prefix TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX api_keys_workspace ON api_keys(workspace_id, created_at);

ALTER TABLE events ADD COLUMN idempotency_key TEXT;
CREATE UNIQUE INDEX events_idempotency ON events(workspace_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX events_visitor ON events(workspace_id, visitor_id) WHERE visitor_id IS NOT NULL;

CREATE TABLE visitor_links (
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    visitor_id TEXT NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    linked_at INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, visitor_id)
);
CREATE INDEX visitor_links_customer ON visitor_links(workspace_id, customer_id);
