-- The journey map reads every event of a journey's touchpoints to colour its cards.
CREATE INDEX events_touchpoint ON events(workspace_id, touchpoint_id, occurred_at);
