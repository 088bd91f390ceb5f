-- donations: when a donor last answered staff's request for more about their report. A
-- donor's private messages are taken as the answer only for a while after the request or
-- their last answer (donor_reports::ANSWER_WINDOW_HOURS); they used to be taken for as long
-- as the report waited, a question or a tip-off days later included.
ALTER TABLE donation_reports ADD COLUMN donor_answered_at TEXT;
