-- Where the bot posted each card (issue 15): a message with buttons must always show the
-- current state, so a state change edits every copy the bot knows of. The adapter reports the
-- message id once the messenger accepted the card; `card` names what it shows
-- (`complaints:case:12`, `donations:report:3`).
CREATE TABLE card_copies (
    card       TEXT    NOT NULL,
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    PRIMARY KEY (card, chat_id, message_id)
) WITHOUT ROWID;
