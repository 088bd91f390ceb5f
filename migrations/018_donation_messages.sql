-- The message whose handling recorded a donation (its chat, and its id there), so that an
-- edit of that message is answered with the record it made and how to correct that record.
CREATE TABLE donation_messages (
    chat_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    donation_id INTEGER NOT NULL REFERENCES donations(id),
    PRIMARY KEY (chat_id, message_id)
) WITHOUT ROWID;
