-- Ingestion writes fewer index entries per event. `events_time` served no query (every
-- reader filters by customer, touchpoint or id), and the touchpoint index no longer ends in
-- the event's time: an entry of (workspace, touchpoint, row id) for a new event goes at the
-- end of its touchpoint's range, so a batch of events touches a few index pages instead of
-- one page per event (times arrive in any order). The journey map reads every event of its
-- touchpoints anyway and never needed them ordered by time.
DROP INDEX events_time;
DROP INDEX events_touchpoint;
CREATE INDEX events_touchpoint_rows ON events(workspace_id, touchpoint_id);

-- The web snippet's publishable keys may be limited to the sites that use them: one origin
-- per line (`https://shop.example.dk`); empty means any origin.
ALTER TABLE api_keys ADD COLUMN allowed_origins TEXT NOT NULL DEFAULT '';

-- Saved customer lists (segments), for example the customers who dropped out of a funnel at
-- one step. The members are a snapshot taken when the segment was saved.
CREATE TABLE segments (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX segments_workspace ON segments(workspace_id, created_at);

CREATE TABLE segment_customers (
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    PRIMARY KEY (segment_id, customer_id)
);
CREATE INDEX segment_customers_customer ON segment_customers(workspace_id, customer_id);
