-- Several instances on one database (issue 21). Timed work is claimed with a lease: an
-- instance sets `claimed_by` (its id) and `claimed_until` (Unix seconds) on the rows it will
-- work on, in one statement that skips rows another instance holds; a claim whose lease has
-- passed is free again, so the work of an instance that died is taken over.
ALTER TABLE outbox ADD COLUMN claimed_until BIGINT;
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE survey_invitations ADD COLUMN claimed_until BIGINT;
ALTER TABLE survey_invitations ADD COLUMN claimed_by TEXT;
ALTER TABLE cases ADD COLUMN escalation_claimed_until BIGINT;
ALTER TABLE cases ADD COLUMN escalation_claimed_by TEXT;

-- Rate limits of public pages shared by every instance: requests per (bucket, client) in a
-- fixed one-minute window. Server-wide (no workspace): a client is limited before any
-- workspace is known. Old windows are purged by the minute job.
CREATE TABLE rate_limits (
    bucket TEXT NOT NULL,
    client_key TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    hits BIGINT NOT NULL,
    PRIMARY KEY (bucket, client_key, window_start)
);
CREATE INDEX rate_limits_window ON rate_limits(window_start);
