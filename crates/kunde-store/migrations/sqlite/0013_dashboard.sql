-- The start page and moments of truth (issue 14): how many good experiences one bad one
-- weighs, per workspace (no row: the default of 12).
CREATE TABLE moment_settings (
    workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
    bad_weight INTEGER NOT NULL CHECK (bad_weight BETWEEN 1 AND 100),
    updated_at INTEGER NOT NULL
);

-- Reviews imported from review sites (Google, Trustpilot, a generic CSV). Each is also an
-- event on the journey's review-site touchpoint (event_id). A review matched to a known
-- customer names it; the owner records the business's reply and its date. Duplicates are
-- refused by source and the site's review id, or by author, date and text.
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    touchpoint_id INTEGER NOT NULL REFERENCES touchpoints(id) ON DELETE CASCADE,
    event_id INTEGER REFERENCES events(id) ON DELETE SET NULL,
    source TEXT NOT NULL,
    external_id TEXT,
    author TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    text TEXT NOT NULL,
    reviewed_at INTEGER NOT NULL,
    url TEXT,
    customer_id INTEGER REFERENCES customers(id) ON DELETE SET NULL,
    reply_text TEXT,
    replied_at INTEGER,
    imported_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX reviews_external ON reviews(workspace_id, source, external_id);
CREATE INDEX reviews_time ON reviews(workspace_id, reviewed_at);
