-- faq: the shipped answers now give each office contact detail a line of its own (issue 14
-- item 13), so that a detail the office has not set leaves out only its own line instead of
-- printing "(สอบถามสำนักงาน)" in the middle of a sentence.
-- No schema change: this migration's data step (src/faq/store/mod.rs,
-- refresh_unedited_shipped_answers) sets the answer of every shipped entry that no one has
-- edited (updated_by is NULL: never changed, never deleted) to the answer in data/faq.toml.
-- An answer staff edited, and an entry staff deleted, stay as they are.
SELECT 1;
