-- faq: which shipped phrasings this database has taken. Until now each evaluation half folded
-- into data/faq.toml came with a migration of its own whose only work was its data step (the
-- phrasings and tags of every entry no one edited become those shipped); a new database ran
-- that step once per half. Now a data step at every start (src/faq/store/mod.rs) compares the
-- SHA-256 of the shipped data/faq.toml with the one kept here and takes its phrasings, tags and
-- subject words only when the file changed: a fold needs no migration. Empty: this database
-- takes them at its next start.
CREATE TABLE faq_shipped (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL
);
INSERT INTO faq_shipped (id, fingerprint) VALUES (1, '');
