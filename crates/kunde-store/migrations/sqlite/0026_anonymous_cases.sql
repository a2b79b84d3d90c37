-- Issue 17: an anonymous detractor (a survey answer through a public link or QR code) can be
-- acted on with a case, which then has no customer: cases.customer_id may be NULL.
--
-- SQLite cannot drop NOT NULL, so `cases` is rebuilt. Migrations run in a transaction with
-- foreign keys on, where dropping the old `cases` would first delete, by cascade, the rows
-- of every table that refers to it. So those four tables are rebuilt too, first pointing at
-- the new table: when the old one is dropped nothing refers to it any more, and renaming
-- `cases_new` to `cases` rewrites their references to the final name. Every row, column,
-- index and foreign key stays as it was.
CREATE TABLE cases_new (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    customer_id INTEGER REFERENCES customers(id) ON DELETE CASCADE,
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
    rating INTEGER CHECK (rating BETWEEN 1 AND 5),
    rating_token_hash TEXT UNIQUE,
    rated_at INTEGER,
    escalation_claimed_until BIGINT,
    escalation_claimed_by TEXT
);
INSERT INTO cases_new (id, workspace_id, customer_id, touchpoint_id, category_id, subject, description,
        status, priority, assignee_id, source, created_by, created_at, first_response_at, resolved_at,
        first_response_warn, first_response_due, resolution_warn, resolution_due, root_cause_id,
        root_cause_note, is_idea, idea_note, rating, rating_token_hash, rated_at,
        escalation_claimed_until, escalation_claimed_by)
SELECT id, workspace_id, customer_id, touchpoint_id, category_id, subject, description,
       status, priority, assignee_id, source, created_by, created_at, first_response_at, resolved_at,
       first_response_warn, first_response_due, resolution_warn, resolution_due, root_cause_id,
       root_cause_note, is_idea, idea_note, rating, rating_token_hash, rated_at,
       escalation_claimed_until, escalation_claimed_by
FROM cases;

CREATE TABLE case_entries_new (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    case_id INTEGER NOT NULL REFERENCES cases_new(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('note', 'reply', 'event', 'customer')),
    author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    outbox_id BIGINT
);
INSERT INTO case_entries_new (id, workspace_id, case_id, kind, author_id, body, created_at, outbox_id)
SELECT id, workspace_id, case_id, kind, author_id, body, created_at, outbox_id FROM case_entries;

CREATE TABLE case_attachments_new (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    case_id INTEGER NOT NULL REFERENCES cases_new(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    data TEXT NOT NULL,
    uploaded_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
);
INSERT INTO case_attachments_new (id, workspace_id, case_id, file_name, content_type, size, data,
        uploaded_by, created_at)
SELECT id, workspace_id, case_id, file_name, content_type, size, data, uploaded_by, created_at
FROM case_attachments;

CREATE TABLE case_grants_new (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    case_id INTEGER NOT NULL REFERENCES cases_new(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('refund', 'discount')),
    amount INTEGER NOT NULL CHECK (amount > 0),
    note TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('granted', 'pending', 'approved', 'rejected')),
    requested_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    requested_at INTEGER NOT NULL,
    decided_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    decided_at INTEGER
);
INSERT INTO case_grants_new (id, workspace_id, case_id, kind, amount, note, status, requested_by,
        requested_at, decided_by, decided_at)
SELECT id, workspace_id, case_id, kind, amount, note, status, requested_by, requested_at,
       decided_by, decided_at
FROM case_grants;

CREATE TABLE case_escalations_new (
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    case_id INTEGER NOT NULL REFERENCES cases_new(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('first_warn', 'first_missed', 'resolution_warn', 'resolution_missed')),
    sent_at INTEGER NOT NULL,
    PRIMARY KEY (case_id, kind)
);
INSERT INTO case_escalations_new (workspace_id, case_id, kind, sent_at)
SELECT workspace_id, case_id, kind, sent_at FROM case_escalations;

-- The old children first (nothing refers to them), then the old cases (now nothing refers
-- to it either, so dropping it deletes nothing else).
DROP TABLE case_entries;
DROP TABLE case_attachments;
DROP TABLE case_grants;
DROP TABLE case_escalations;
DROP TABLE cases;
ALTER TABLE cases_new RENAME TO cases;
ALTER TABLE case_entries_new RENAME TO case_entries;
ALTER TABLE case_attachments_new RENAME TO case_attachments;
ALTER TABLE case_grants_new RENAME TO case_grants;
ALTER TABLE case_escalations_new RENAME TO case_escalations;

CREATE INDEX cases_workspace ON cases(workspace_id, created_at);
CREATE INDEX cases_customer ON cases(workspace_id, customer_id, created_at);
CREATE INDEX cases_open ON cases(workspace_id, status);
CREATE INDEX case_entries_case ON case_entries(workspace_id, case_id, created_at);
CREATE INDEX case_attachments_case ON case_attachments(workspace_id, case_id);
CREATE INDEX case_grants_case ON case_grants(workspace_id, case_id);
CREATE INDEX case_grants_pending ON case_grants(workspace_id, status);
