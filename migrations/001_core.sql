-- Core plumbing: update de-duplication, the persistent outbox, registered groups, preferences, audit.

-- Only the update id: nothing here may identify who sent the update (anonymous complaints).
CREATE TABLE processed_updates (
    update_id INTEGER PRIMARY KEY
) WITHOUT ROWID;

-- Messages a committed state change owes somebody; deleted once Telegram accepted them.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    chat_id         INTEGER NOT NULL,
    payload         TEXT    NOT NULL,
    file_blob       BLOB,
    created_at      TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,
    last_error      TEXT
);
CREATE INDEX outbox_due ON outbox (next_attempt_at);

CREATE TABLE groups (
    chat_id       INTEGER PRIMARY KEY,
    role          TEXT    NOT NULL UNIQUE CHECK (role IN ('staff', 'principals', 'officers')),
    title         TEXT,
    registered_by INTEGER,
    registered_at TEXT    NOT NULL
);

CREATE TABLE user_prefs (
    user_id INTEGER PRIMARY KEY,
    lang    TEXT NOT NULL CHECK (lang IN ('th', 'en'))
);

-- Every change to money records, roles and cases is written here, never updated or deleted.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT    NOT NULL,
    actor_id   INTEGER,
    actor_name TEXT,
    action     TEXT    NOT NULL,
    subject    TEXT,
    detail     TEXT
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
