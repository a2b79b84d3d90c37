-- A counter per workspace that moves whenever something a built event log holds changes in
-- place: a customer's event deleted or changed, a customer deleted, renamed or given another
-- channel. New rows do not move it (the analytics cache reads those past its largest ids),
-- nor does an anonymous visitor's event joined to a customer (the cache's background check
-- counts those). It lets the cache tell in one primary-key read that a kept log is still
-- current, instead of counting the workspace's customers on every request and its events
-- after every restart.
CREATE TABLE analytics_changes (
    workspace_id BIGINT PRIMARY KEY,
    changes BIGINT NOT NULL
);

CREATE FUNCTION analytics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO analytics_changes (workspace_id, changes) VALUES (OLD.workspace_id, 1)
        ON CONFLICT (workspace_id) DO UPDATE SET changes = analytics_changes.changes + 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER events_analytics_delete AFTER DELETE ON events
    FOR EACH ROW WHEN (OLD.customer_id IS NOT NULL) EXECUTE FUNCTION analytics_changed();

CREATE TRIGGER events_analytics_update AFTER UPDATE OF customer_id, touchpoint_id, occurred_at, amount ON events
    FOR EACH ROW WHEN (OLD.customer_id IS NOT NULL AND (NEW.customer_id IS DISTINCT FROM OLD.customer_id
        OR NEW.touchpoint_id IS DISTINCT FROM OLD.touchpoint_id
        OR NEW.occurred_at IS DISTINCT FROM OLD.occurred_at
        OR NEW.amount IS DISTINCT FROM OLD.amount))
    EXECUTE FUNCTION analytics_changed();

CREATE TRIGGER customers_analytics_delete AFTER DELETE ON customers
    FOR EACH ROW EXECUTE FUNCTION analytics_changed();

CREATE TRIGGER customers_analytics_update AFTER UPDATE OF name, acquisition_channel ON customers
    FOR EACH ROW WHEN (NEW.name IS DISTINCT FROM OLD.name
        OR NEW.acquisition_channel IS DISTINCT FROM OLD.acquisition_channel)
    EXECUTE FUNCTION analytics_changed();
