-- A review of 1–2 stars opens a follow-up for the touchpoint's owner, like a detractor's
-- answer (issue 14): a follow-up now comes from a survey response or from a review
-- (review_id, reason 'low_review'), never neither.
ALTER TABLE survey_followups ALTER COLUMN response_id DROP NOT NULL;
ALTER TABLE survey_followups ALTER COLUMN survey_id DROP NOT NULL;
ALTER TABLE survey_followups ADD COLUMN review_id BIGINT REFERENCES reviews(id) ON DELETE CASCADE;
ALTER TABLE survey_followups ADD CONSTRAINT survey_followups_review UNIQUE (workspace_id, review_id);
ALTER TABLE survey_followups ADD CONSTRAINT survey_followups_source
    CHECK ((response_id IS NOT NULL AND survey_id IS NOT NULL) OR review_id IS NOT NULL);

-- The owner confirms or rejects the customer a review was matched to: NULL while the match
-- (or its absence) is Kunde's suggestion, 'confirmed' or 'rejected' once the owner decided.
ALTER TABLE reviews ADD COLUMN match_state TEXT CHECK (match_state IN ('confirmed', 'rejected'));
