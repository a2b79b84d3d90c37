-- The events forwarder's lease (issue 21): of several instances sharing one database, only
-- the one holding a workspace's lease copies that workspace's events to the events backend
-- (ClickHouse), so two instances never append the same block. A row is taken with one
-- upsert that succeeds only when the row is free (`claimed_until` passed) or already the
-- taker's; a lease held by an instance that died lapses like the other claims' (0015).
CREATE TABLE events_forward_leases (
    workspace_id BIGINT PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
    claimed_by TEXT NOT NULL,
    claimed_until BIGINT NOT NULL
);
