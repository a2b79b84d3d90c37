-- An event's idempotency key remembers what it was sent with: a SHA-256 fingerprint of the
-- event as sent, so the key reused for a different event answers a conflict instead of being
-- skipped as a duplicate (issue 18). Events stored before have none and are never a conflict.
ALTER TABLE events ADD COLUMN payload_hash TEXT;
