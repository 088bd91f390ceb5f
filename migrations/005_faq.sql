-- faq: the Q&A knowledge base, questions nobody could answer yet, questions sent to staff, and
-- what was posted to the groups. The shipped entries are loaded from data/faq.toml by this
-- migration's data step (src/faq/store.rs).

-- One question with its answer. Entries are never deleted: "ลบคำถาม" sets deleted_at, and every
-- change is also written to audit_log with the text it replaced.
CREATE TABLE faq_entries (
    id         INTEGER PRIMARY KEY,
    -- Stable slug of a shipped entry (data/faq.toml); NULL for entries staff added.
    key        TEXT UNIQUE,
    topic      TEXT    NOT NULL,
    -- JSON arrays of strings.
    tags       TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
    -- The document the answer comes from ("seed 003", "config", "staff").
    source     TEXT    NOT NULL,
    question   TEXT    NOT NULL,
    alt        TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(alt) AND json_type(alt) = 'array'),
    -- Plain text; may use {office_name}, {office_phone}, {office_email}, {office_address}.
    answer     TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    created_by INTEGER,
    updated_at TEXT    NOT NULL,
    updated_by INTEGER,
    deleted_at TEXT,
    deleted_by INTEGER
);
CREATE INDEX faq_entries_topic ON faq_entries (topic) WHERE deleted_at IS NULL;

-- Set to a new random value by every change to faq_entries: the in-memory search index is
-- rebuilt when the version it was built from is no longer the current one. Random rather than
-- counted, so that a change undone by a rollback and a later change never share a version.
CREATE TABLE faq_version (
    version INTEGER NOT NULL
);
INSERT INTO faq_version (version) VALUES (0);
CREATE TRIGGER faq_entries_inserted AFTER INSERT ON faq_entries
BEGIN UPDATE faq_version SET version = random(); END;
CREATE TRIGGER faq_entries_updated AFTER UPDATE ON faq_entries
BEGIN UPDATE faq_version SET version = random(); END;
CREATE TRIGGER faq_entries_deleted AFTER DELETE ON faq_entries
BEGIN UPDATE faq_version SET version = random(); END;

-- Questions the knowledge base could not answer confidently: the text and the local date,
-- nothing about who asked or where.
CREATE TABLE faq_unanswered (
    id       INTEGER PRIMARY KEY,
    asked_on TEXT NOT NULL,
    text     TEXT NOT NULL
);
CREATE INDEX faq_unanswered_text ON faq_unanswered (text);

-- A question sent to the staff group. asker_chat_id is kept only to deliver the staff's answer
-- and is cleared once it has been delivered.
CREATE TABLE faq_escalations (
    id              INTEGER PRIMARY KEY,
    unanswered_id   INTEGER NOT NULL UNIQUE REFERENCES faq_unanswered (id),
    question        TEXT    NOT NULL,
    asker_chat_id   INTEGER,
    asker_lang      TEXT    NOT NULL DEFAULT 'th' CHECK (asker_lang IN ('th', 'en')),
    asked_at        TEXT    NOT NULL,
    answer          TEXT,
    answered_at     TEXT,
    answered_by     INTEGER,
    -- The knowledge-base entry made from the question and its answer, once saved.
    saved_entry_id  INTEGER REFERENCES faq_entries (id)
);
CREATE INDEX faq_escalations_open ON faq_escalations (asker_chat_id) WHERE answer IS NULL;

-- Per registered group (by role, which survives a group's move to a new chat id): whether the
-- weekly "did you know" post is on, and since when.
CREATE TABLE faq_weekly (
    role       TEXT PRIMARY KEY CHECK (role IN ('staff', 'principals', 'officers')),
    enabled    INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    changed_at TEXT    NOT NULL,
    changed_by INTEGER
) WITHOUT ROWID;

-- Entries posted to groups: by "ประกาศ" (week NULL) or by the weekly post (week = ISO week
-- such as 2026-W25, at most one per group and week, so a restart never posts a week twice).
CREATE TABLE faq_posts (
    id        INTEGER PRIMARY KEY,
    entry_id  INTEGER NOT NULL REFERENCES faq_entries (id),
    role      TEXT    NOT NULL,
    week      TEXT,
    posted_at TEXT    NOT NULL,
    posted_by INTEGER,
    UNIQUE (role, week)
);
CREATE INDEX faq_posts_entry ON faq_posts (role, entry_id);
