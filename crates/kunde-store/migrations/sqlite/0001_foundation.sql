-- Kunde's foundation schema for SQLite. Times are Unix seconds; money is in minor units.
-- Every table except workspaces carries workspace_id, and every query filters on it.

CREATE TABLE workspaces (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    default_language TEXT NOT NULL,
    currency TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT,
    role TEXT NOT NULL CHECK (role IN ('owner', 'staff')),
    language TEXT NOT NULL,
    active INTEGER NOT NULL,
    invite_token_hash TEXT UNIQUE,
    invite_expires_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX users_workspace ON users(workspace_id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);

CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    language TEXT NOT NULL,
    marketing_consent INTEGER NOT NULL,
    acquisition_channel TEXT,
    acquisition_cost INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (workspace_id, email)
);
CREATE INDEX customers_workspace_name ON customers(workspace_id, name);

CREATE TABLE journeys (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    variant TEXT NOT NULL CHECK (variant IN ('as_is', 'to_be')),
    counterpart_of INTEGER REFERENCES journeys(id) ON DELETE SET NULL,
    parent_id INTEGER REFERENCES journeys(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX journeys_workspace ON journeys(workspace_id);

CREATE TABLE stages (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    journey_id INTEGER NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX stages_journey ON stages(workspace_id, journey_id, position);

CREATE TABLE touchpoints (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    stage_id INTEGER NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    channel TEXT NOT NULL,
    digital INTEGER NOT NULL,
    owned INTEGER NOT NULL,
    owner_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    customer_goal TEXT NOT NULL,
    pain_points TEXT NOT NULL,
    ideas TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX touchpoints_stage ON touchpoints(workspace_id, stage_id, position);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    customer_id INTEGER REFERENCES customers(id) ON DELETE CASCADE,
    visitor_id TEXT,
    touchpoint_id INTEGER NOT NULL REFERENCES touchpoints(id) ON DELETE CASCADE,
    occurred_at INTEGER NOT NULL,
    channel TEXT NOT NULL,
    amount INTEGER,
    properties TEXT NOT NULL
);
CREATE INDEX events_customer ON events(workspace_id, customer_id, occurred_at);
CREATE INDEX events_time ON events(workspace_id, occurred_at);

CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    reference TEXT,
    ordered_at INTEGER NOT NULL,
    total INTEGER NOT NULL,
    paid INTEGER NOT NULL
);
CREATE INDEX orders_customer ON orders(workspace_id, customer_id, ordered_at);

CREATE TABLE order_lines (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    product TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    unit_price INTEGER NOT NULL
);
CREATE INDEX order_lines_order ON order_lines(workspace_id, order_id);
