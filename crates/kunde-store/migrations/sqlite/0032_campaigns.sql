-- Campaigns (issue 15): an e-mail to a segment, a version per language, sent through the
-- outbox at the owner's rate. The audience is fixed when sending starts: one
-- campaign_recipients row per customer (unique per campaign), a random share of them held
-- out and never sent; a row gets its outbox message and its unsubscribe token (SHA-256 only)
-- in one transaction, so a restart or a second instance never sends anyone the same campaign
-- twice. Addresses the mail server refused permanently are kept per business and skipped.
CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    segment_id INTEGER REFERENCES segments(id) ON DELETE SET NULL,
    touchpoint_id INTEGER REFERENCES touchpoints(id) ON DELETE SET NULL,
    holdout_percent INTEGER NOT NULL,
    rate_per_minute INTEGER NOT NULL,
    status TEXT NOT NULL,
    scheduled_at INTEGER,
    started_at INTEGER,
    finished_at INTEGER,
    next_chunk_at INTEGER,
    -- Monthly repetition: the nth (1-4) weekday (1 Monday - 7 Sunday) at a local minute.
    repeat_nth INTEGER,
    repeat_weekday INTEGER,
    repeat_minute INTEGER,
    -- An offer (kind 'offer'): one shared code, or (per_customer_codes) one code each;
    -- valid between the two times.
    offer_code TEXT,
    per_customer_codes BOOLEAN NOT NULL,
    valid_from INTEGER,
    valid_until INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX campaigns_workspace ON campaigns(workspace_id, created_at);
CREATE INDEX campaigns_due ON campaigns(status, scheduled_at);

CREATE TABLE campaign_versions (
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (campaign_id, language)
);

CREATE TABLE campaign_recipients (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    token_hash TEXT UNIQUE,
    outbox_id INTEGER,
    queued_at INTEGER,
    offer_code TEXT,
    UNIQUE (campaign_id, customer_id)
);
CREATE INDEX campaign_recipients_pending ON campaign_recipients(campaign_id, state);
CREATE INDEX campaign_recipients_customer ON campaign_recipients(workspace_id, customer_id);

CREATE TABLE refused_addresses (
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    reason TEXT NOT NULL,
    refused_at INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, email)
);
