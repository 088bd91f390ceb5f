-- Imports must not count a donation twice (issue 14).
-- The receipt number an imported row carried ("12/2569" of the register it was exported
-- from), kept beside the number this register gives it, so the same donation imported again
-- is recognised.
ALTER TABLE donations ADD COLUMN original_number TEXT;
CREATE INDEX donations_original_number ON donations(original_number)
    WHERE original_number IS NOT NULL;

-- Rows of an import that matched a record already in the register. They are not recorded
-- unless staff press "record anyway" for that row; the row is kept as it was in the file
-- (header and cells, JSON) and checked again when pressed.
CREATE TABLE donation_import_held (
    id                   INTEGER PRIMARY KEY,
    import_id            INTEGER NOT NULL REFERENCES donation_imports(id),
    row_number           INTEGER NOT NULL,
    table_json           TEXT    NOT NULL,
    recorded_donation_id INTEGER REFERENCES donations(id)
);
