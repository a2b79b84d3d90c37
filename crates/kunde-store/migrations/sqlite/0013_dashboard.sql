-- The start page and moments of truth (issue 14): how many good experiences one bad one
-- weighs, per workspace (no row: the default of 12).
CREATE TABLE moment_settings (
    workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
    bad_weight INTEGER NOT NULL CHECK (bad_weight BETWEEN 1 AND 100),
    updated_at INTEGER NOT NULL
);
