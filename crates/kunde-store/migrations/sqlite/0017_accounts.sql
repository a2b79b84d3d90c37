-- A staff member the owner removed keeps their row (cases and follow-ups name them) but can
-- no longer sign in and is no longer listed (issue 17).
ALTER TABLE users ADD COLUMN removed_at INTEGER;
