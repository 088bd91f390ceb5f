-- faq: six more alternative phrasings for every shipped entry, one per register (a parent, an
-- official, a donor or director, a regional speaker, English or mixed, a keyword), written from
-- the documents and the entries only and merged by scripts/faq_merge_phrasings.py (issue 19).
-- No schema change: the data step (src/faq/store/mod.rs) sets the phrasings and tags of every
-- shipped entry no one has edited (updated_by is NULL) to those of data/faq.toml. Entries staff
-- edited or deleted stay as they are.
SELECT 1;
