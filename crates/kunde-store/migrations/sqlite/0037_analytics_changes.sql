-- A counter per workspace that moves whenever something a built event log holds changes in
-- place: a customer's event deleted or changed, a customer deleted, renamed or given another
-- channel. New rows do not move it (the analytics cache reads those past its largest ids),
-- nor does an anonymous visitor's event joined to a customer (the cache's background check
-- counts those). It lets the cache tell in one primary-key read that a kept log is still
-- current, instead of counting the workspace's customers on every request and its events
-- after every restart.
CREATE TABLE analytics_changes (
    workspace_id INTEGER PRIMARY KEY,
    changes INTEGER NOT NULL
);

CREATE TRIGGER events_analytics_delete AFTER DELETE ON events
WHEN OLD.customer_id IS NOT NULL
BEGIN
    INSERT INTO analytics_changes (workspace_id, changes) VALUES (OLD.workspace_id, 1)
        ON CONFLICT (workspace_id) DO UPDATE SET changes = analytics_changes.changes + 1;
END;

CREATE TRIGGER events_analytics_update AFTER UPDATE OF customer_id, touchpoint_id, occurred_at, amount ON events
WHEN OLD.customer_id IS NOT NULL AND (NEW.customer_id IS NOT OLD.customer_id
    OR NEW.touchpoint_id IS NOT OLD.touchpoint_id OR NEW.occurred_at IS NOT OLD.occurred_at
    OR NEW.amount IS NOT OLD.amount)
BEGIN
    INSERT INTO analytics_changes (workspace_id, changes) VALUES (OLD.workspace_id, 1)
        ON CONFLICT (workspace_id) DO UPDATE SET changes = analytics_changes.changes + 1;
END;

CREATE TRIGGER customers_analytics_delete AFTER DELETE ON customers
BEGIN
    INSERT INTO analytics_changes (workspace_id, changes) VALUES (OLD.workspace_id, 1)
        ON CONFLICT (workspace_id) DO UPDATE SET changes = analytics_changes.changes + 1;
END;

CREATE TRIGGER customers_analytics_update AFTER UPDATE OF name, acquisition_channel ON customers
WHEN NEW.name IS NOT OLD.name OR NEW.acquisition_channel IS NOT OLD.acquisition_channel
BEGIN
    INSERT INTO analytics_changes (workspace_id, changes) VALUES (OLD.workspace_id, 1)
        ON CONFLICT (workspace_id) DO UPDATE SET changes = analytics_changes.changes + 1;
END;
