-- A scholarship allocation made by mistake is voided like a donation (issue 14): the
-- allocation stays as it was (its no-update trigger holds), the void is a row of its own
-- with who, when and why, and voided allocations leave the fund's balance.
CREATE TABLE scholarship_allocation_voids (
    allocation_id  INTEGER PRIMARY KEY REFERENCES scholarship_allocations (id),
    voided_at      TEXT    NOT NULL,
    voided_by_id   INTEGER NOT NULL,
    voided_by_name TEXT    NOT NULL,
    reason         TEXT    NOT NULL CHECK (length(trim(reason)) > 0)
);
CREATE TRIGGER scholarship_allocation_voids_no_delete BEFORE DELETE ON scholarship_allocation_voids
BEGIN SELECT RAISE(ABORT, 'voids are never deleted'); END;
CREATE TRIGGER scholarship_allocation_voids_no_update BEFORE UPDATE ON scholarship_allocation_voids
BEGIN SELECT RAISE(ABORT, 'voids never change'); END;
