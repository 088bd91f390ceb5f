-- The LINE adapter's tables. LINE names chats and people with strings (U…, C…, R…); the core
-- knows them by integer ids derived from those strings (see `core::Platform`).

-- Every webhook event ever accepted, by LINE's webhookEventId. The row id, negated, is the
-- event's update id in the core, so it never meets a Telegram update id (always positive),
-- and AUTOINCREMENT never gives an id twice. Kept like processed_updates: a redelivery
-- years later is still recognised.
CREATE TABLE line_events (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_event_id TEXT    NOT NULL UNIQUE
);

-- Events accepted (answered 200) and not yet handled; deleted once the core has committed
-- them. The reply token travels with the event, so a restart can still answer it in time.
-- The event is sealed (src/line/seal.rs): it names its sender.
CREATE TABLE line_inbox (
    event_id    INTEGER PRIMARY KEY REFERENCES line_events (id),
    sealed      BLOB    NOT NULL,
    received_at TEXT    NOT NULL
);

-- The LINE id behind a core chat id, for pushing to it later, sealed and found by a keyed
-- hash of the core id: nothing here names a person without the channel secret.
CREATE TABLE line_chats (
    lookup BLOB PRIMARY KEY,
    sealed BLOB NOT NULL
) WITHOUT ROWID;

-- The X-Line-Retry-Key of each push of an outbox row (a long message may take several
-- pushes), written before the first attempt, so a retry after a crash or a timeout is
-- recognised by LINE and never delivered twice.
CREATE TABLE line_push_keys (
    outbox_id INTEGER NOT NULL,
    part      INTEGER NOT NULL,
    retry_key TEXT    NOT NULL,
    PRIMARY KEY (outbox_id, part)
) WITHOUT ROWID;

-- Files the bot made for a chat (receipts, exports, charts) or forwards into one (a photo
-- someone sent), served at /files/<token> because LINE cannot carry documents and fetches
-- images from HTTPS addresses. One row per file sent to one chat; the token is 128 random
-- bits; rows expire.
CREATE TABLE line_files (
    token      TEXT    PRIMARY KEY,
    chat_id    INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    mime       TEXT    NOT NULL,
    bytes      BLOB    NOT NULL,
    -- The core file id it was fetched for (content someone sent), so that a message its
    -- sender takes back (unsend) stops being served.
    source     TEXT,
    expires_at TEXT    NOT NULL
) WITHOUT ROWID;
