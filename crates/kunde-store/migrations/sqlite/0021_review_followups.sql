-- A review of 1–2 stars opens a follow-up for the touchpoint's owner, like a detractor's
-- answer (issue 14): a follow-up now comes from a survey response or from a review
-- (review_id, reason 'low_review'), never neither. SQLite cannot drop NOT NULL, so the table
-- is rebuilt with the same rows; no other table refers to it.
CREATE TABLE survey_followups_new (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    response_id INTEGER REFERENCES survey_responses(id) ON DELETE CASCADE,
    survey_id INTEGER REFERENCES surveys(id) ON DELETE CASCADE,
    review_id INTEGER REFERENCES reviews(id) ON DELETE CASCADE,
    touchpoint_id INTEGER REFERENCES touchpoints(id) ON DELETE SET NULL,
    customer_id INTEGER REFERENCES customers(id) ON DELETE CASCADE,
    owner_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    -- 'detractor' (NPS 0-6), 'low_csat' (CSAT 1-2) or 'low_review' (1-2 stars).
    reason TEXT NOT NULL,
    score INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    due_at INTEGER NOT NULL,
    closed_at INTEGER,
    closed_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    UNIQUE (workspace_id, response_id),
    UNIQUE (workspace_id, review_id),
    CHECK ((response_id IS NOT NULL AND survey_id IS NOT NULL) OR review_id IS NOT NULL)
);
INSERT INTO survey_followups_new (id, workspace_id, response_id, survey_id, review_id, touchpoint_id,
        customer_id, owner_id, reason, score, created_at, due_at, closed_at, closed_by, action)
SELECT id, workspace_id, response_id, survey_id, NULL, touchpoint_id, customer_id, owner_id, reason,
       score, created_at, due_at, closed_at, closed_by, action
FROM survey_followups;
DROP TABLE survey_followups;
ALTER TABLE survey_followups_new RENAME TO survey_followups;
CREATE INDEX survey_followups_open ON survey_followups(workspace_id, closed_at, due_at);

-- The owner confirms or rejects the customer a review was matched to: NULL while the match
-- (or its absence) is Kunde's suggestion, 'confirmed' or 'rejected' once the owner decided.
ALTER TABLE reviews ADD COLUMN match_state TEXT CHECK (match_state IN ('confirmed', 'rejected'));
