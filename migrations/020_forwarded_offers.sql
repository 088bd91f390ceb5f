-- A forwarded donation line offered to be recorded anew (one button): what a press needs,
-- kept across a restart until it is taken or expires. Ids are never reused, so a button
-- never names another offer.
CREATE TABLE forwarded_offers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id INTEGER NOT NULL,
    line TEXT NOT NULL,
    expires_at INTEGER NOT NULL -- unix seconds
);
CREATE INDEX forwarded_offers_expiry ON forwarded_offers (expires_at);
