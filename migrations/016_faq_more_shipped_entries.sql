-- faq: entries appended to data/faq.toml after migration 009 (issue 19: student_learning_support,
-- small_schools). No schema change: the data step is 009's (src/faq/store/mod.rs,
-- load_new_shipped_entries), which inserts every shipped entry whose key the database lacks.
SELECT 1;
