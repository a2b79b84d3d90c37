-- Value (issue 20): marketing spend per acquisition channel and month, which the Channels page
-- divides by the customers each channel brought to get the acquisition cost (CAC). Not
-- personal data: a channel is a name such as 'google_ads', as customers' acquisition_channel.
CREATE TABLE marketing_spend (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    channel TEXT NOT NULL,
    -- The calendar month, 'YYYY-MM'.
    month TEXT NOT NULL,
    -- In the workspace's currency, minor units (øre, cents).
    amount INTEGER NOT NULL CHECK (amount >= 0),
    updated_at INTEGER NOT NULL,
    UNIQUE (workspace_id, channel, month)
);
