-- Messages Telegram accepted in the last minutes, by chat and wall-clock time (milliseconds
-- since the Unix epoch): the send pacer of the next process starts from them, so a restart
-- does not overshoot Telegram's per-chat and global limits. Rows older than two minutes are
-- pruned as new ones arrive. A private chat is logged as 0, never by its id: nothing stored
-- may tie a person to the times they were written to (an anonymous filer).
CREATE TABLE sent_log (
    chat_id    INTEGER NOT NULL,
    sent_at_ms INTEGER NOT NULL
);
CREATE INDEX sent_log_by_time ON sent_log (sent_at_ms);
