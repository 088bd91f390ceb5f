-- faq: entries added to data/faq.toml after migration 005 loaded it (issue 19: donate_transfer).
-- No schema change: this migration's data step (src/faq/store/mod.rs, load_new_shipped_entries)
-- inserts every shipped entry whose key the database does not have yet, so a database made
-- before the entries existed gets them, and one made after (which 005 filled from the current
-- file) gets nothing twice. An entry staff deleted keeps its key and is not brought back.
SELECT 1;
