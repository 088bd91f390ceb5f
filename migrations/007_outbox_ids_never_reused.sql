-- Outbox ids are never reused. Without AUTOINCREMENT SQLite gives a new row the highest id
-- plus one, so the id of a message just acknowledged (deleted) came back for the next one
-- while the sender still held it as "being sent", and that next message was left for the
-- sweeper. The id now names one message for good.
CREATE TABLE outbox_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id         INTEGER NOT NULL,
    payload         TEXT    NOT NULL,
    file_blob       BLOB,
    created_at      TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,
    last_error      TEXT
);
INSERT INTO outbox_new (id, chat_id, payload, file_blob, created_at, attempts, next_attempt_at, last_error)
    SELECT id, chat_id, payload, file_blob, created_at, attempts, next_attempt_at, last_error
    FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (next_attempt_at);
