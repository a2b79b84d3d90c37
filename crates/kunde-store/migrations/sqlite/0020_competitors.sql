-- Competitors' standards per touchpoint (issue 14). The owner records competitors and, per
-- touchpoint, standards to compare (kind: price, time, hours, rating or text; one of each
-- kind per touchpoint) with the business's own value and a target; each competitor's value
-- of a standard is a row of competitor_values. Numbers in *_value, free text in *_text.
CREATE TABLE competitors (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (workspace_id, name)
);

CREATE TABLE touchpoint_standards (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    touchpoint_id INTEGER NOT NULL REFERENCES touchpoints(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('price', 'time', 'hours', 'rating', 'text')),
    unit TEXT NOT NULL,
    own_value REAL,
    own_text TEXT NOT NULL,
    target_value REAL,
    target_text TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (workspace_id, touchpoint_id, kind)
);

CREATE TABLE competitor_values (
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    standard_id INTEGER NOT NULL REFERENCES touchpoint_standards(id) ON DELETE CASCADE,
    competitor_id INTEGER NOT NULL REFERENCES competitors(id) ON DELETE CASCADE,
    value REAL,
    text TEXT NOT NULL,
    PRIMARY KEY (standard_id, competitor_id)
);
