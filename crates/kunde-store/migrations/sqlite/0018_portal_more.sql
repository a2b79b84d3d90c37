-- The client portal, second part (issue 16): a customer's reply to a case from the portal,
-- overdue-invoice reminders (sent once per invoice, off until the owner turns them on),
-- invoices made from an order, and when each customer first signed in to the portal (for
-- the case reports' before/after comparison; portal sessions themselves are purged).

-- SQLite cannot change a CHECK constraint in place: the table is rebuilt with 'customer'
-- (a reply the customer wrote in the portal) allowed. Nothing references case_entries.
CREATE TABLE case_entries_new (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('note', 'reply', 'event', 'customer')),
    author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
INSERT INTO case_entries_new (id, workspace_id, case_id, kind, author_id, body, created_at)
    SELECT id, workspace_id, case_id, kind, author_id, body, created_at FROM case_entries;
DROP TABLE case_entries;
ALTER TABLE case_entries_new RENAME TO case_entries;
CREATE INDEX case_entries_case ON case_entries(workspace_id, case_id, created_at);

ALTER TABLE invoices ADD COLUMN reminded_at INTEGER;
ALTER TABLE invoices ADD COLUMN order_event_id INTEGER;
CREATE UNIQUE INDEX invoices_order ON invoices(workspace_id, order_event_id);

ALTER TABLE portal_settings ADD COLUMN overdue_reminders INTEGER NOT NULL DEFAULT 0;

CREATE TABLE portal_first_use (
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    signed_in_at INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, customer_id)
);
INSERT INTO portal_first_use (workspace_id, customer_id, signed_in_at)
    SELECT workspace_id, customer_id, MIN(created_at) FROM portal_sessions
    GROUP BY workspace_id, customer_id;
