-- Surveys (PRODUCT.md §4–§5): surveys tied to a touchpoint, their questions and answer
-- options with texts in four languages, responses with their answers, and personal
-- invitations (their tokens stored hashed). Every table carries workspace_id.

CREATE TABLE surveys (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    title_en TEXT NOT NULL,
    title_da TEXT NOT NULL,
    title_sv TEXT NOT NULL,
    title_tl TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('customer', 'employee')),
    status TEXT NOT NULL CHECK (status IN ('draft', 'live', 'closed')),
    touchpoint_id INTEGER REFERENCES touchpoints(id) ON DELETE SET NULL,
    presentation TEXT NOT NULL CHECK (presentation IN ('one_per_screen', 'all_at_once')),
    fatigue_days INTEGER NOT NULL,
    reminder_days INTEGER NOT NULL,
    min_group_size INTEGER NOT NULL,
    default_language TEXT NOT NULL,
    -- The public link's token (128+ random bits); the link itself is public, so it is not a
    -- secret worth hashing, unlike a personal invitation's.
    token TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);
CREATE INDEX surveys_workspace ON surveys(workspace_id, created_at);
CREATE INDEX surveys_touchpoint ON surveys(workspace_id, touchpoint_id);

CREATE TABLE survey_questions (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    survey_id INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text_en TEXT NOT NULL,
    text_da TEXT NOT NULL,
    text_sv TEXT NOT NULL,
    text_tl TEXT NOT NULL,
    required INTEGER NOT NULL,
    rating_max INTEGER NOT NULL
);
CREATE INDEX survey_questions_survey ON survey_questions(workspace_id, survey_id, position);

CREATE TABLE survey_options (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES survey_questions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text_en TEXT NOT NULL,
    text_da TEXT NOT NULL,
    text_sv TEXT NOT NULL,
    text_tl TEXT NOT NULL
);
CREATE INDEX survey_options_question ON survey_options(workspace_id, question_id, position);

CREATE TABLE survey_responses (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    survey_id INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    -- Erasing a customer erases their answers.
    customer_id INTEGER REFERENCES customers(id) ON DELETE CASCADE,
    channel TEXT NOT NULL CHECK (channel IN ('link', 'qr', 'email', 'paper', 'widget')),
    language TEXT NOT NULL,
    submitted_at INTEGER NOT NULL,
    team TEXT,
    location TEXT,
    -- A double submit carries the same key and is stored once.
    submission_key TEXT NOT NULL,
    -- The touchpoint event this response wrote (none while the survey has no touchpoint).
    event_id INTEGER REFERENCES events(id) ON DELETE SET NULL,
    UNIQUE (workspace_id, submission_key)
);
CREATE INDEX survey_responses_survey ON survey_responses(workspace_id, survey_id, submitted_at);
CREATE INDEX survey_responses_customer ON survey_responses(workspace_id, customer_id);

-- One row per answer; a multiple-choice answer is one row per chosen option.
CREATE TABLE survey_answers (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    response_id INTEGER NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES survey_questions(id) ON DELETE CASCADE,
    -- NPS, CSAT, CES and rating answers.
    score INTEGER,
    -- Expectation answers: 0 bad, 1 neutral, 2 good, 3 excellent.
    expected INTEGER,
    experienced INTEGER,
    option_id INTEGER REFERENCES survey_options(id) ON DELETE CASCADE,
    text TEXT
);
CREATE INDEX survey_answers_response ON survey_answers(workspace_id, response_id);
CREATE INDEX survey_answers_question ON survey_answers(workspace_id, question_id);

CREATE TABLE survey_invitations (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    survey_id INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    reminded_at INTEGER,
    answered_at INTEGER,
    response_id INTEGER REFERENCES survey_responses(id) ON DELETE SET NULL
);
CREATE INDEX survey_invitations_survey ON survey_invitations(workspace_id, survey_id);
CREATE INDEX survey_invitations_customer ON survey_invitations(workspace_id, customer_id, created_at);
