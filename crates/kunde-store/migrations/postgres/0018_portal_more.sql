-- The client portal, second part (issue 16): a customer's reply to a case from the portal,
-- overdue-invoice reminders (sent once per invoice, off until the owner turns them on),
-- invoices made from an order, and when each customer first signed in to the portal (for
-- the case reports' before/after comparison; portal sessions themselves are purged).

-- 'customer': a reply the customer wrote in the portal.
ALTER TABLE case_entries DROP CONSTRAINT case_entries_kind_check;
ALTER TABLE case_entries ADD CONSTRAINT case_entries_kind_check
    CHECK (kind IN ('note', 'reply', 'event', 'customer'));

ALTER TABLE invoices ADD COLUMN reminded_at BIGINT;
ALTER TABLE invoices ADD COLUMN order_event_id BIGINT;
CREATE UNIQUE INDEX invoices_order ON invoices(workspace_id, order_event_id);

ALTER TABLE portal_settings ADD COLUMN overdue_reminders BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE portal_first_use (
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    signed_in_at BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, customer_id)
);
INSERT INTO portal_first_use (workspace_id, customer_id, signed_in_at)
    SELECT workspace_id, customer_id, MIN(created_at) FROM portal_sessions
    GROUP BY workspace_id, customer_id;
