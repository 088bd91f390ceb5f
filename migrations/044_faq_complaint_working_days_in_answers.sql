-- faq: the answer on what happens after a complaint says the working days the office has set
-- for taking a case up and for its result ({complaint_ack_days}, {complaint_result_days}, filled
-- in from the complaints settings when the answer is shown); it said only that the time depends
-- on the matter, while every case filed here has those deadlines.
-- No schema change: the data step (src/faq/store/mod.rs) sets the answer of every shipped entry
-- no one has edited (updated_by is NULL) to that of data/faq.toml. Entries staff edited or
-- deleted stay as they are.
SELECT 1;
