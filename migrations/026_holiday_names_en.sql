-- The shipped public holidays' English names (data/thai_public_holidays.toml, name_en), for
-- people who chose English. Filled by this migration's data step for the days as shipped; a
-- day an admin added or renamed keeps only the admin's name.
ALTER TABLE office_holidays ADD COLUMN name_en TEXT;
