-- Issue 17: an anonymous detractor (a survey answer through a public link or QR code) can be
-- acted on with a case, which then has no customer: cases.customer_id may be NULL.
ALTER TABLE cases ALTER COLUMN customer_id DROP NOT NULL;
