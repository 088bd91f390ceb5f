-- With the complaints capability in place, a question the knowledge base cannot answer is
-- filed as a named request for consultation (kind 'request', category 'consult') instead of
-- being posted to the staff group. Each such request is linked to the logged question here, so
-- the officers' answer can be saved as a new entry with one button, once.
--
-- faq_escalations stays as the record of questions answered through the staff group before
-- this migration; nothing writes to it any more.
CREATE TABLE faq_requests (
    case_id         INTEGER PRIMARY KEY REFERENCES complaint_cases (id),
    unanswered_id   INTEGER NOT NULL UNIQUE REFERENCES faq_unanswered (id),
    saved_entry_id  INTEGER REFERENCES faq_entries (id)
);
DROP INDEX faq_escalations_open;
