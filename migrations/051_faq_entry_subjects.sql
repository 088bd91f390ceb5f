-- faq: an entry's subject words (issue 19). Some entries share their topic words with others and
-- differ only in whom or what they are about: complaint_teacher is a complaint about a teacher or
-- the office's staff, complaint_how any complaint. A question naming none of an entry's subject
-- words ("อยากคอมเพลนโรงเรียนค่ะ") is not answered with it; the entry is offered instead.
-- A JSON list of words, empty for most entries. The data step (src/faq/store/mod.rs) sets those
-- of data/faq.toml on every shipped entry.
ALTER TABLE faq_entries ADD COLUMN subject TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(subject) AND json_type(subject) = 'array');
