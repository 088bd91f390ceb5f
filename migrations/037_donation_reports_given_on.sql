-- donations: the day a donor says they gave ("แจ้งบริจาค 3000 วันที่ 1 ธ.ค. …"), which the
-- report dropped: when given, a confirmed report is recorded as received that day (and so in
-- that day's fiscal year); when not, the day it was reported, as before.
ALTER TABLE donation_reports ADD COLUMN given_on TEXT;
