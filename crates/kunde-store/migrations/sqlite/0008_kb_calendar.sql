-- Business hours (opening hours per weekday, holidays, time zone) and the knowledge base.

-- A workspace without a row here uses Monday to Friday 09:00-17:00 in a zone chosen from its
-- language; saving the settings page writes the row and replaces its hours and holidays.
CREATE TABLE business_calendars (
    workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
    time_zone TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

-- Opening intervals in local wall-clock minutes; weekday 0 is Monday.
CREATE TABLE business_hours (
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    PRIMARY KEY (workspace_id, weekday, start_minute)
);

-- Local dates (YYYY-MM-DD) closed all day.
CREATE TABLE business_holidays (
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (workspace_id, day)
);

-- The public address of a workspace's help centre: /help/{slug}.
CREATE TABLE kb_sites (
    workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
    slug TEXT NOT NULL UNIQUE
);

-- Articles in Markdown. Translations of one article share a group_key (one per language).
CREATE TABLE kb_articles (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    group_key TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('en', 'da', 'sv', 'tl')),
    title TEXT NOT NULL,
    slug TEXT NOT NULL,
    body_markdown TEXT NOT NULL,
    public INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (workspace_id, slug),
    UNIQUE (workspace_id, group_key, language)
);
CREATE INDEX kb_articles_workspace ON kb_articles(workspace_id, updated_at);

-- Full-text index over title and body, kept in step with kb_articles by the triggers below
-- (external content: the text is stored once, in kb_articles). Diacritics are folded so
-- "daek" finds "dæk" only where Unicode decomposes the letter (å, é, ä, ö; not æ or ø).
CREATE VIRTUAL TABLE kb_articles_fts USING fts5(
    title,
    body_markdown,
    content = 'kb_articles',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER kb_articles_fts_insert AFTER INSERT ON kb_articles BEGIN
    INSERT INTO kb_articles_fts (rowid, title, body_markdown)
    VALUES (new.id, new.title, new.body_markdown);
END;

CREATE TRIGGER kb_articles_fts_delete AFTER DELETE ON kb_articles BEGIN
    INSERT INTO kb_articles_fts (kb_articles_fts, rowid, title, body_markdown)
    VALUES ('delete', old.id, old.title, old.body_markdown);
END;

CREATE TRIGGER kb_articles_fts_update AFTER UPDATE ON kb_articles BEGIN
    INSERT INTO kb_articles_fts (kb_articles_fts, rowid, title, body_markdown)
    VALUES ('delete', old.id, old.title, old.body_markdown);
    INSERT INTO kb_articles_fts (rowid, title, body_markdown)
    VALUES (new.id, new.title, new.body_markdown);
END;
