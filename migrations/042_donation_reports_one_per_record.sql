-- donations: a record stands for one donor's report at most. Confirming a report as a gift
-- staff had already recorded links the two; two reports linked to one record would count one
-- gift for two donors.
CREATE UNIQUE INDEX donation_reports_one_per_record ON donation_reports (donation_id)
    WHERE donation_id IS NOT NULL;
