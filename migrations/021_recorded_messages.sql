-- A message whose answer closed a step for good (a donor's report sent to staff, an officer's
-- or staff member's answer to a one-step prompt): which capability and what it made there
-- (its own short key, e.g. `report:12`), so that an edit of the message is answered with that
-- record and how to correct it. No message text is kept here.
CREATE TABLE recorded_messages (
    chat_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    area TEXT NOT NULL,
    subject TEXT NOT NULL,
    PRIMARY KEY (chat_id, message_id)
) WITHOUT ROWID;
