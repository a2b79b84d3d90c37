-- Survey results and closing the loop (PRODUCT.md §4): follow-ups opened by a detractor or a
-- low CSAT, customers who unsubscribed from survey invitations, and the extra link a
-- reminder carries. Every table carries workspace_id.

-- One follow-up per response at most: the first NPS ≤ 6 or CSAT ≤ 2 answer opens it for the
-- owner of the survey's touchpoint, due a few days later; closing it records what was done.
CREATE TABLE survey_followups (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    response_id INTEGER NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
    survey_id INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    touchpoint_id INTEGER REFERENCES touchpoints(id) ON DELETE SET NULL,
    customer_id INTEGER REFERENCES customers(id) ON DELETE CASCADE,
    owner_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    -- 'detractor' (NPS 0-6) or 'low_csat' (CSAT 1-2).
    reason TEXT NOT NULL,
    score INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    due_at INTEGER NOT NULL,
    closed_at INTEGER,
    closed_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    UNIQUE (workspace_id, response_id)
);
CREATE INDEX survey_followups_open ON survey_followups(workspace_id, closed_at, due_at);

-- A customer who followed an invitation's unsubscribe link gets no more invitations.
CREATE TABLE survey_unsubscribes (
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    unsubscribed_at INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, customer_id)
);

-- Invitation tokens are stored only as hashes, so a reminder cannot repeat the first link:
-- it carries a second token, which opens the same invitation.
CREATE TABLE survey_invitation_tokens (
    token_hash TEXT PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    invitation_id INTEGER NOT NULL REFERENCES survey_invitations(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
);
CREATE INDEX survey_invitation_tokens_invitation ON survey_invitation_tokens(workspace_id, invitation_id);
