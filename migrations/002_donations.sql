-- Donations register: networks and schools, numbered donations, the scholarship fund, donors'
-- own reports, imports, and the monthly roll-ups that keep reports fast on millions of rows.
-- Money is integer satang. Money records are never deleted and their amounts never change:
-- a mistake is voided (with who, when and why) and recorded again.

-- School networks (เครือข่ายโรงเรียน). `name` is stored without the word เครือข่าย;
-- `match_key` is the name without spaces, used to find a typed name.
CREATE TABLE donation_networks (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    match_key  TEXT    NOT NULL UNIQUE,
    created_at TEXT    NOT NULL
);

-- Schools of the area, stored without the word โรงเรียน.
CREATE TABLE donation_schools (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    match_key  TEXT    NOT NULL UNIQUE,
    created_at TEXT    NOT NULL
);

-- The nine networks that gave to the office in seed 003 (สพป.พัทลุง เขต 2). Another office
-- renames or adds its own with the เครือข่าย command.
INSERT INTO donation_networks (name, match_key, created_at) VALUES
    ('ตะโหมด', 'ตะโหมด', '2026-01-01T00:00:00+00:00'),
    ('ทุ่งธงทอง', 'ทุ่งธงทอง', '2026-01-01T00:00:00+00:00'),
    ('บูรพาป่าบอน', 'บูรพาป่าบอน', '2026-01-01T00:00:00+00:00'),
    ('สองเกาะ', 'สองเกาะ', '2026-01-01T00:00:00+00:00'),
    ('รังสีตรีมิตร', 'รังสีตรีมิตร', '2026-01-01T00:00:00+00:00'),
    ('พันธปัญญา', 'พันธปัญญา', '2026-01-01T00:00:00+00:00'),
    ('ควนขนุนหานโพธิ์', 'ควนขนุนหานโพธิ์', '2026-01-01T00:00:00+00:00'),
    ('มิตรภาพเขาชัยสน', 'มิตรภาพเขาชัยสน', '2026-01-01T00:00:00+00:00'),
    ('ไพรวัลย์/คีรีรัตน์', 'ไพรวัลย์/คีรีรัตน์', '2026-01-01T00:00:00+00:00');

-- Files already imported, by the SHA-256 of their bytes: the same file twice is refused.
CREATE TABLE donation_imports (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT    NOT NULL UNIQUE,
    file_name   TEXT    NOT NULL,
    row_count   INTEGER NOT NULL,
    total       INTEGER NOT NULL,
    imported_by INTEGER NOT NULL,
    imported_at TEXT    NOT NULL
);

-- The register. `number` runs from 1 in each fiscal year (BE) without gaps: it is always
-- max + 1 within the writing transaction, and rows are never deleted, so a voided number is
-- never given again.
CREATE TABLE donations (
    id               INTEGER PRIMARY KEY,
    fiscal_year      INTEGER NOT NULL,
    number           INTEGER NOT NULL CHECK (number > 0),
    received_on      TEXT    NOT NULL, -- YYYY-MM-DD, office time zone
    month            TEXT    NOT NULL, -- YYYY-MM of received_on, for the roll-ups
    kind             TEXT    NOT NULL CHECK (kind IN ('money', 'goods')),
    amount           INTEGER NOT NULL CHECK (amount > 0), -- satang; goods at their stated value
    item             TEXT,
    quantity         TEXT,
    donor_name       TEXT    NOT NULL,
    donor_kind       TEXT    NOT NULL
        CHECK (donor_kind IN ('person', 'company', 'network', 'school', 'staff')),
    anonymous        INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
    purpose          TEXT    NOT NULL CHECK (purpose IN ('scholarship', 'school', 'office')),
    school_id        INTEGER REFERENCES donation_schools (id),
    school_text      TEXT, -- a school a donor named that is not (yet) in the list
    network_id       INTEGER REFERENCES donation_networks (id),
    note             TEXT,
    source           TEXT    NOT NULL CHECK (source IN ('staff', 'report', 'import')),
    import_id        INTEGER REFERENCES donation_imports (id),
    recorded_by_id   INTEGER NOT NULL,
    recorded_by_name TEXT    NOT NULL,
    recorded_at      TEXT    NOT NULL,
    voided_at        TEXT,
    voided_by_id     INTEGER,
    voided_by_name   TEXT,
    void_reason      TEXT,
    UNIQUE (fiscal_year, number)
);
CREATE INDEX donations_by_date ON donations (received_on);
-- ตรวจยอด looks for records equal to a difference (a line counted twice or left out).
CREATE INDEX donations_by_amount ON donations (fiscal_year, amount);

CREATE TRIGGER donations_no_delete BEFORE DELETE ON donations
BEGIN SELECT RAISE(ABORT, 'donations are never deleted; void them'); END;

-- Only the void columns may change, and only once, from empty to filled.
CREATE TRIGGER donations_only_void BEFORE UPDATE ON donations
WHEN OLD.voided_at IS NOT NULL
  OR NEW.voided_at IS NULL
  OR NEW.void_reason IS NULL
  OR NEW.fiscal_year IS NOT OLD.fiscal_year OR NEW.number IS NOT OLD.number
  OR NEW.received_on IS NOT OLD.received_on OR NEW.month IS NOT OLD.month
  OR NEW.kind IS NOT OLD.kind OR NEW.amount IS NOT OLD.amount
  OR NEW.item IS NOT OLD.item OR NEW.quantity IS NOT OLD.quantity
  OR NEW.donor_name IS NOT OLD.donor_name OR NEW.donor_kind IS NOT OLD.donor_kind
  OR NEW.anonymous IS NOT OLD.anonymous OR NEW.purpose IS NOT OLD.purpose
  OR NEW.school_id IS NOT OLD.school_id OR NEW.school_text IS NOT OLD.school_text
  OR NEW.network_id IS NOT OLD.network_id OR NEW.note IS NOT OLD.note
  OR NEW.source IS NOT OLD.source OR NEW.import_id IS NOT OLD.import_id
  OR NEW.recorded_by_id IS NOT OLD.recorded_by_id
  OR NEW.recorded_by_name IS NOT OLD.recorded_by_name
  OR NEW.recorded_at IS NOT OLD.recorded_at
BEGIN SELECT RAISE(ABORT, 'a donation can only be voided, once; amounts never change'); END;

-- Monthly roll-ups of the valid (not voided) register, kept by triggers in the same
-- transaction as the record, so reports read a few hundred rows instead of every donation.
CREATE TABLE donation_month_totals (
    month      TEXT    NOT NULL,
    purpose    TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    network_id INTEGER NOT NULL, -- 0: no network
    total      INTEGER NOT NULL,
    count      INTEGER NOT NULL,
    PRIMARY KEY (month, purpose, kind, network_id)
) WITHOUT ROWID;

-- Per donor and month; anonymous donations share the empty name.
CREATE TABLE donation_month_donors (
    month      TEXT    NOT NULL,
    donor_name TEXT    NOT NULL,
    donor_kind TEXT    NOT NULL,
    total      INTEGER NOT NULL,
    count      INTEGER NOT NULL,
    PRIMARY KEY (month, donor_name, donor_kind)
) WITHOUT ROWID;

-- Per donor and fiscal year, so a year's top donors and donor count read one row per donor.
CREATE TABLE donation_year_donors (
    fiscal_year INTEGER NOT NULL,
    donor_name  TEXT    NOT NULL,
    donor_kind  TEXT    NOT NULL,
    total       INTEGER NOT NULL,
    count       INTEGER NOT NULL,
    PRIMARY KEY (fiscal_year, donor_name, donor_kind)
) WITHOUT ROWID;

CREATE TRIGGER donations_roll_up AFTER INSERT ON donations
BEGIN
    INSERT INTO donation_month_totals (month, purpose, kind, network_id, total, count)
    VALUES (NEW.month, NEW.purpose, NEW.kind, coalesce(NEW.network_id, 0), NEW.amount, 1)
    ON CONFLICT (month, purpose, kind, network_id)
    DO UPDATE SET total = total + excluded.total, count = count + 1;
    INSERT INTO donation_month_donors (month, donor_name, donor_kind, total, count)
    VALUES (NEW.month, CASE WHEN NEW.anonymous THEN '' ELSE NEW.donor_name END,
            NEW.donor_kind, NEW.amount, 1)
    ON CONFLICT (month, donor_name, donor_kind)
    DO UPDATE SET total = total + excluded.total, count = count + 1;
    INSERT INTO donation_year_donors (fiscal_year, donor_name, donor_kind, total, count)
    VALUES (NEW.fiscal_year, CASE WHEN NEW.anonymous THEN '' ELSE NEW.donor_name END,
            NEW.donor_kind, NEW.amount, 1)
    ON CONFLICT (fiscal_year, donor_name, donor_kind)
    DO UPDATE SET total = total + excluded.total, count = count + 1;
END;

CREATE TRIGGER donations_roll_up_void AFTER UPDATE OF voided_at ON donations
WHEN OLD.voided_at IS NULL AND NEW.voided_at IS NOT NULL
BEGIN
    UPDATE donation_month_totals SET total = total - OLD.amount, count = count - 1
    WHERE month = OLD.month AND purpose = OLD.purpose AND kind = OLD.kind
      AND network_id = coalesce(OLD.network_id, 0);
    UPDATE donation_month_donors SET total = total - OLD.amount, count = count - 1
    WHERE month = OLD.month AND donor_kind = OLD.donor_kind
      AND donor_name = CASE WHEN OLD.anonymous THEN '' ELSE OLD.donor_name END;
    UPDATE donation_year_donors SET total = total - OLD.amount, count = count - 1
    WHERE fiscal_year = OLD.fiscal_year AND donor_kind = OLD.donor_kind
      AND donor_name = CASE WHEN OLD.anonymous THEN '' ELSE OLD.donor_name END;
END;

-- Money given out of the scholarship fund. Students are minors: only the name as staff
-- typed it, the school and the amount.
CREATE TABLE scholarship_allocations (
    id               INTEGER PRIMARY KEY,
    fiscal_year      INTEGER NOT NULL,
    allocated_on     TEXT    NOT NULL,
    amount           INTEGER NOT NULL CHECK (amount > 0),
    recipient        TEXT    NOT NULL,
    school_id        INTEGER REFERENCES donation_schools (id),
    note             TEXT,
    recorded_by_id   INTEGER NOT NULL,
    recorded_by_name TEXT    NOT NULL,
    recorded_at      TEXT    NOT NULL
);
CREATE INDEX scholarship_allocations_by_year ON scholarship_allocations (fiscal_year);
CREATE TRIGGER scholarship_allocations_no_delete BEFORE DELETE ON scholarship_allocations
BEGIN SELECT RAISE(ABORT, 'allocations are never deleted'); END;
CREATE TRIGGER scholarship_allocations_no_update BEFORE UPDATE ON scholarship_allocations
BEGIN SELECT RAISE(ABORT, 'allocations never change'); END;

-- What donors tell the office about their own gifts, until staff confirm them. The donor's
-- chat is kept only to answer them and is never shown in a group.
CREATE TABLE donation_reports (
    id             INTEGER PRIMARY KEY,
    donor_user_id  INTEGER NOT NULL,
    donor_chat_id  INTEGER NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('money', 'goods')),
    amount         INTEGER NOT NULL CHECK (amount > 0),
    item           TEXT,
    donor_name     TEXT    NOT NULL,
    donor_kind     TEXT    NOT NULL,
    anonymous      INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
    purpose        TEXT    NOT NULL,
    school_id      INTEGER REFERENCES donation_schools (id),
    school_text    TEXT,
    network_id     INTEGER REFERENCES donation_networks (id),
    method         TEXT    NOT NULL CHECK (method IN ('transfer', 'cash', 'goods')),
    photo_file_id  TEXT,
    state          TEXT    NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'more_info', 'rejected', 'confirmed')),
    reported_on    TEXT    NOT NULL, -- YYYY-MM-DD, office time zone
    created_at     TEXT    NOT NULL,
    staff_message  TEXT,
    donor_answer   TEXT,
    decided_by     TEXT,
    decided_at     TEXT,
    donation_id    INTEGER REFERENCES donations (id)
);
CREATE INDEX donation_reports_by_state ON donation_reports (state, reported_on);
CREATE INDEX donation_reports_by_donor ON donation_reports (donor_user_id);
CREATE TRIGGER donation_reports_no_delete BEFORE DELETE ON donation_reports
BEGIN SELECT RAISE(ABORT, 'donation reports are never deleted'); END;

-- Days on which the morning list of overdue reports was already posted, so a restart does
-- not post it twice.
CREATE TABLE donation_morning_posts (
    day TEXT PRIMARY KEY
) WITHOUT ROWID;
