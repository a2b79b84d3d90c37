-- Issue 17: every page that sends e-mail says what became of it. An invitation knows the
-- messages that carry it and its reminder (NULL for invitations sent before this migration),
-- and a follow-up knows the case it became, whose replies are e-mail.
ALTER TABLE survey_invitations ADD COLUMN outbox_id BIGINT;
ALTER TABLE survey_invitations ADD COLUMN reminder_outbox_id BIGINT;
ALTER TABLE survey_followups ADD COLUMN case_id BIGINT;

-- "May we contact you?" after a low score on a public link: whether a survey asks it, and
-- each consent to be contacted a respondent gave, with its time and where it was given. The
-- answer it came with is kept as a reference (NULL once that answer is gone).
ALTER TABLE surveys ADD COLUMN ask_contact INTEGER NOT NULL DEFAULT 0;
CREATE TABLE contact_consents (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    response_id INTEGER REFERENCES survey_responses(id) ON DELETE SET NULL,
    source TEXT NOT NULL,
    given_at INTEGER NOT NULL
);
CREATE INDEX contact_consents_customer ON contact_consents(workspace_id, customer_id);
