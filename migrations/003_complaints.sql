-- Complaints, tip-offs and service requests.
--
-- Anonymity: an anonymous case stores nothing about its filer: no user, chat or message id,
-- no name, no time finer than the day. Its tracking code is kept only as an Argon2id hash with
-- a per-case salt; `code_bucket` (12 bits of a digest of the code) narrows a lookup to a few
-- cases. The CHECK makes a mistake in the code fail loudly instead of storing an identity.
CREATE TABLE complaint_cases (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('complaint', 'request')),
    fiscal_year     INTEGER NOT NULL,
    seq             INTEGER NOT NULL,
    category        TEXT    NOT NULL,
    anonymous       INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
    -- Named filings only: whom to notify and the name and contact they chose to give.
    filer_user_id   INTEGER,
    filer_chat_id   INTEGER,
    filer_contact   TEXT,
    place           TEXT,
    -- NULL once purged by the retention rule (statistics stay).
    body            TEXT,
    filed_on        TEXT    NOT NULL,
    ack_due         TEXT    NOT NULL,
    result_due      TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'new',
    status_detail   TEXT,
    assignee        TEXT,
    acknowledged_on TEXT,
    closed_on       TEXT,
    purged_on       TEXT,
    code_bucket     INTEGER,
    code_salt       BLOB,
    code_hash       BLOB,
    code_cost       TEXT,
    UNIQUE (kind, fiscal_year, seq),
    CHECK (anonymous = 0 OR (filer_user_id IS NULL AND filer_chat_id IS NULL
                             AND filer_contact IS NULL)),
    CHECK (anonymous = 1 OR (filer_user_id IS NOT NULL AND filer_chat_id IS NOT NULL))
);
CREATE INDEX complaint_cases_bucket ON complaint_cases (code_bucket);
CREATE INDEX complaint_cases_open ON complaint_cases (status, result_due);
CREATE INDEX complaint_cases_filer ON complaint_cases (filer_user_id);

-- Photos and documents, re-sent to the officers by Telegram file id (never forwarded).
CREATE TABLE complaint_attachments (
    case_id  INTEGER NOT NULL REFERENCES complaint_cases (id),
    position INTEGER NOT NULL,
    kind     TEXT    NOT NULL CHECK (kind IN ('photo', 'document')),
    file_id  TEXT,
    PRIMARY KEY (case_id, position)
) WITHOUT ROWID;

-- The conversation: the filer's follow-ups and the officers' answers. Days only.
CREATE TABLE complaint_messages (
    id       INTEGER PRIMARY KEY,
    case_id  INTEGER NOT NULL REFERENCES complaint_cases (id),
    day      TEXT    NOT NULL,
    author   TEXT    NOT NULL CHECK (author IN ('filer', 'office')),
    body     TEXT
);
CREATE INDEX complaint_messages_case ON complaint_messages (case_id, id);

-- Each case's history as the officers see it. Officers' own actions also go to audit_log
-- with their id and exact time; the filer's actions never do (they would carry who and when).
CREATE TABLE complaint_history (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES complaint_cases (id),
    day        TEXT    NOT NULL,
    actor_name TEXT,
    action     TEXT    NOT NULL,
    status     TEXT,
    detail     TEXT
);
CREATE INDEX complaint_history_case ON complaint_history (case_id, id);
CREATE TRIGGER complaint_history_no_update BEFORE UPDATE ON complaint_history
BEGIN SELECT RAISE(ABORT, 'complaint_history is append-only'); END;

-- Reminders and escalations already sent: one row per case, kind and day, so a restart
-- neither repeats nor skips one.
CREATE TABLE complaint_reminders (
    case_id INTEGER NOT NULL REFERENCES complaint_cases (id),
    kind    TEXT    NOT NULL,
    day     TEXT    NOT NULL,
    PRIMARY KEY (case_id, kind, day)
) WITHOUT ROWID;

-- Days off besides weekends, managed by the admins (วันหยุด เพิ่ม …).
CREATE TABLE office_holidays (
    day  TEXT PRIMARY KEY,
    name TEXT NOT NULL
) WITHOUT ROWID;
