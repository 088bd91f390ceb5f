-- The office's calendar and morning, shared by every capability (src/office/).

-- Holidays: Thailand's public holidays are shipped (data/thai_public_holidays.toml, loaded by
-- this migration's data step); admins add their own. A removed day is kept, marked removed,
-- so a refreshed shipped list never brings it back.
ALTER TABLE office_holidays ADD COLUMN source TEXT NOT NULL DEFAULT 'admin'
    CHECK (source IN ('shipped', 'admin'));
ALTER TABLE office_holidays ADD COLUMN removed INTEGER NOT NULL DEFAULT 0
    CHECK (removed IN (0, 1));

-- Which area's morning work has run on which local day (one table for every capability).
CREATE TABLE morning_runs (
    area TEXT NOT NULL,
    day  TEXT NOT NULL,
    PRIMARY KEY (area, day)
) WITHOUT ROWID;
INSERT INTO morning_runs (area, day) SELECT 'donations', day FROM donation_morning_posts;
DROP TABLE donation_morning_posts;
