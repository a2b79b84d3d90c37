-- Issue 17: a case reply knows the e-mail that carries it, so the case page can say whether
-- it went ("not sent: no mail server is set up") instead of leaving the owner to believe it
-- did. NULL for notes, events and replies written before this migration.
ALTER TABLE case_entries ADD COLUMN outbox_id BIGINT;
