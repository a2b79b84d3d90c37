-- The journey map reads every event of a journey's touchpoints to colour its cards.
CREATE INDEX events_touchpoint ON events(workspace_id, touchpoint_id, occurred_at);

-- Which as-is touchpoint a to-be touchpoint redesigns, so the to-be map can show the as-is
-- numbers next to it even when the step was renamed.
CREATE TABLE touchpoint_counterparts (
    touchpoint_id INTEGER PRIMARY KEY REFERENCES touchpoints(id) ON DELETE CASCADE,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    counterpart_id INTEGER NOT NULL REFERENCES touchpoints(id) ON DELETE CASCADE
);
CREATE INDEX touchpoint_counterparts_workspace ON touchpoint_counterparts(workspace_id);
