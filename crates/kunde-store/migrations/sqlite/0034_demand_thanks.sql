-- Demand lists and thank-you notes (issue 15).
--
-- A demand item groups answers to the "What would you buy from us, if only we offered it?"
-- question (survey questions of kind 'wish') under a name the owner gives; each answer is in
-- at most one item. Customers wait for an item (demand_waiting): added by staff or through
-- the public "Notify me" form (then with the time of their consent). When the owner marks
-- the item available, each waiting customer's e-mail is queued in the transaction that sets
-- their notified_at, so nobody is told twice.
CREATE TABLE demand_items (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    -- The item's part of its public "Notify me" address; random, so items cannot be counted.
    public_key TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    available_at INTEGER
);
CREATE INDEX demand_items_workspace ON demand_items(workspace_id, id);

CREATE TABLE demand_answers (
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL REFERENCES demand_items(id) ON DELETE CASCADE,
    answer_id INTEGER NOT NULL REFERENCES survey_answers(id) ON DELETE CASCADE,
    PRIMARY KEY (workspace_id, answer_id)
);
CREATE INDEX demand_answers_item ON demand_answers(workspace_id, item_id);

CREATE TABLE demand_waiting (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL REFERENCES demand_items(id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    -- 'notify-form' (the customer asked, consent_at set) or 'staff'.
    source TEXT NOT NULL,
    added_at INTEGER NOT NULL,
    added_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    consent_at INTEGER,
    language TEXT NOT NULL,
    notified_at INTEGER,
    UNIQUE (workspace_id, item_id, customer_id)
);
CREATE INDEX demand_waiting_customer ON demand_waiting(workspace_id, customer_id);

-- Thank-you notes written by hand: who wrote one to whom, when, and why it was proposed.
CREATE TABLE thank_you_notes (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    written_at INTEGER NOT NULL,
    written_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    event_id INTEGER REFERENCES events(id) ON DELETE SET NULL
);
CREATE INDEX thank_you_notes_customer ON thank_you_notes(workspace_id, customer_id, written_at);

-- The touchpoint a written note is recorded on (made on first use in the loyalty stage).
CREATE TABLE thanks_settings (
    workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
    touchpoint_id INTEGER REFERENCES touchpoints(id) ON DELETE SET NULL
);

-- Where a note can be posted; free text, optional, erased with the customer.
ALTER TABLE customers ADD COLUMN postal_address TEXT;
