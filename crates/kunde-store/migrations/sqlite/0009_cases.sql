-- Service cases and complaints (issue 7): categories with their targets, the root-cause list,
-- per-workspace case settings (the public complaint form's id, each role's authority), cases
-- with their due times, entries (notes, replies, events), private attachments, grants that
-- may need the owner's approval, and the escalation notices already sent (each once).

CREATE TABLE case_settings (
    workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
    -- 128 random bits, hex: the address of the public complaint form.
    public_id TEXT NOT NULL UNIQUE,
    staff_authority INTEGER NOT NULL,
    owner_authority INTEGER NOT NULL
);

CREATE TABLE case_categories (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    builtin TEXT,
    name TEXT NOT NULL,
    first_response_minutes INTEGER NOT NULL CHECK (first_response_minutes > 0),
    resolution_minutes INTEGER NOT NULL CHECK (resolution_minutes > 0),
    UNIQUE (workspace_id, builtin)
);

CREATE TABLE case_root_causes (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    UNIQUE (workspace_id, name)
);

CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    touchpoint_id INTEGER REFERENCES touchpoints(id) ON DELETE SET NULL,
    category_id INTEGER NOT NULL REFERENCES case_categories(id),
    subject TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('new', 'open', 'waiting', 'closed')),
    priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    assignee_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    source TEXT NOT NULL CHECK (source IN ('staff', 'api', 'form')),
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    first_response_at INTEGER,
    resolved_at INTEGER,
    first_response_warn INTEGER NOT NULL,
    first_response_due INTEGER NOT NULL,
    resolution_warn INTEGER NOT NULL,
    resolution_due INTEGER NOT NULL,
    root_cause_id INTEGER REFERENCES case_root_causes(id) ON DELETE SET NULL,
    root_cause_note TEXT NOT NULL,
    is_idea INTEGER NOT NULL,
    idea_note TEXT NOT NULL,
    -- The customer's rating of the handling (1-5), asked through a link with a random token
    -- (only its SHA-256 is kept).
    rating INTEGER CHECK (rating BETWEEN 1 AND 5),
    rating_token_hash TEXT UNIQUE,
    rated_at INTEGER
);
CREATE INDEX cases_workspace ON cases(workspace_id, created_at);
CREATE INDEX cases_customer ON cases(workspace_id, customer_id, created_at);
CREATE INDEX cases_open ON cases(workspace_id, status);

CREATE TABLE case_entries (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('note', 'reply', 'event')),
    author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX case_entries_case ON case_entries(workspace_id, case_id, created_at);

-- Attachments live in the database (base64 text: the schema keeps to types both backends
-- decode alike), so backups hold them and no file path can leak.
CREATE TABLE case_attachments (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    data TEXT NOT NULL,
    uploaded_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX case_attachments_case ON case_attachments(workspace_id, case_id);

CREATE TABLE case_grants (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('refund', 'discount')),
    amount INTEGER NOT NULL CHECK (amount > 0),
    note TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('granted', 'pending', 'approved', 'rejected')),
    requested_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    requested_at INTEGER NOT NULL,
    decided_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    decided_at INTEGER
);
CREATE INDEX case_grants_case ON case_grants(workspace_id, case_id);
CREATE INDEX case_grants_pending ON case_grants(workspace_id, status);

-- Escalation notices sent: one row per case and kind, so each is sent once.
CREATE TABLE case_escalations (
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('first_warn', 'first_missed', 'resolution_warn', 'resolution_missed')),
    sent_at INTEGER NOT NULL,
    PRIMARY KEY (case_id, kind)
);
