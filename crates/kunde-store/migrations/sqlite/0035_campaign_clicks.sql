-- Counting clicks on a campaign's links (issue 15), an opt-in per campaign: with
-- track_clicks the links of each e-mail's body point at /u/{token}/l/{n}, which records a
-- row here and redirects to the link's destination. Every click is kept (the report counts
-- clicks and unique clickers per link); the destination is stored as it was in the body, so
-- the report names it. Erasing a customer deletes their clicks.
ALTER TABLE campaigns ADD COLUMN track_clicks BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE campaign_clicks (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    link_index INTEGER NOT NULL,
    url TEXT NOT NULL,
    clicked_at INTEGER NOT NULL
);
CREATE INDEX campaign_clicks_campaign ON campaign_clicks(workspace_id, campaign_id, link_index);
CREATE INDEX campaign_clicks_customer ON campaign_clicks(workspace_id, customer_id);
