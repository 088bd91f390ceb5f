-- calendar: a principal's "done" on a deadline addressed to the principals (or to everyone).
-- Such a deadline is every school's; one principal's ✅ used to close it for all of them, and
-- the staff group was not told. Now it is noted here, once per person, staff are told, and the
-- deadline stays open until staff close it.
CREATE TABLE calendar_done_reports (
    deadline_id INTEGER NOT NULL REFERENCES calendar_deadlines (id),
    user_id     INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    at          TEXT    NOT NULL,
    PRIMARY KEY (deadline_id, user_id)
);
CREATE TRIGGER calendar_done_reports_no_update BEFORE UPDATE ON calendar_done_reports
BEGIN SELECT RAISE(ABORT, 'calendar_done_reports is append-only'); END;
CREATE TRIGGER calendar_done_reports_no_delete BEFORE DELETE ON calendar_done_reports
BEGIN SELECT RAISE(ABORT, 'calendar_done_reports is append-only'); END;
