-- calendar: deadlines, recurring rules, workflows started from templates, staff-made templates,
-- the history of every change, and the claims of reminders already sent.
--
-- Dates are office-local ISO dates (YYYY-MM-DD); instants are UTC, as RFC 3339 text for the
-- record and as Unix seconds where the scheduler compares them on every tick.

-- A repeating deadline ("ทุกเดือน วันที่ 5", "ทุกปี 15 มิ.ย."). Exactly one occurrence exists
-- ahead of time: the next is created when the newest is done or its day has passed.
CREATE TABLE calendar_rules (
    id         INTEGER PRIMARY KEY,
    every      TEXT    NOT NULL CHECK (every IN ('month', 'year')),
    day        INTEGER NOT NULL CHECK (day BETWEEN 1 AND 31),
    month      INTEGER CHECK (month BETWEEN 1 AND 12),
    title      TEXT    NOT NULL,
    owner      TEXT,
    audience   TEXT    NOT NULL,
    lead_days  TEXT    NOT NULL,
    created_by      INTEGER NOT NULL,
    created_by_name TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    -- Due date of the newest occurrence.
    last_due   TEXT    NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1,
    CHECK ((every = 'year') = (month IS NOT NULL))
);
CREATE INDEX calendar_rules_pending ON calendar_rules (last_due) WHERE active = 1;

-- One run of a template (`เริ่มงาน`): its steps are deadlines pointing here.
CREATE TABLE calendar_workflows (
    id         INTEGER PRIMARY KEY,
    template   TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    start_date TEXT    NOT NULL,
    started_by INTEGER NOT NULL,
    started_at TEXT    NOT NULL
);

CREATE TABLE calendar_deadlines (
    id               INTEGER PRIMARY KEY,
    title            TEXT    NOT NULL,
    due_date         TEXT    NOT NULL,
    owner            TEXT,
    -- Which group is reminded and sees it: staff, principals, officers, or all (staff and
    -- principals).
    audience         TEXT    NOT NULL CHECK (audience IN ('staff', 'principals', 'officers', 'all')),
    -- Days before the due date that get a reminder, e.g. '7,3,1'; the day itself and the
    -- overdue follow-ups always do.
    lead_days        TEXT    NOT NULL,
    state            TEXT    NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'deleted')),
    rule_id          INTEGER REFERENCES calendar_rules (id),
    workflow_id      INTEGER REFERENCES calendar_workflows (id),
    step_no          INTEGER,
    created_by       INTEGER NOT NULL,
    created_by_name  TEXT    NOT NULL,
    created_at       TEXT    NOT NULL,
    -- Who marked it done or deleted it, and when.
    closed_by        INTEGER,
    closed_by_name   TEXT,
    closed_at        TEXT,
    -- Unix seconds (UTC) of the next reminder; NULL once nothing more is owed. The scheduler
    -- reads only rows whose time has come, through the partial index below.
    next_reminder_at INTEGER
);
CREATE INDEX calendar_deadlines_next_reminder ON calendar_deadlines (next_reminder_at)
    WHERE next_reminder_at IS NOT NULL;
CREATE INDEX calendar_deadlines_due ON calendar_deadlines (due_date);
CREATE INDEX calendar_deadlines_rule ON calendar_deadlines (rule_id) WHERE rule_id IS NOT NULL;

-- Every change to a deadline, append-only: created, moved (old and new date, reason), done,
-- deleted, lead times changed.
CREATE TABLE calendar_history (
    id          INTEGER PRIMARY KEY,
    deadline_id INTEGER NOT NULL REFERENCES calendar_deadlines (id),
    at          TEXT    NOT NULL,
    actor_id    INTEGER NOT NULL,
    actor_name  TEXT    NOT NULL,
    action      TEXT    NOT NULL CHECK (action IN ('created', 'moved', 'done', 'deleted', 'lead_days')),
    old_due     TEXT,
    new_due     TEXT,
    note        TEXT
);
CREATE INDEX calendar_history_deadline ON calendar_history (deadline_id);
CREATE TRIGGER calendar_history_no_update BEFORE UPDATE ON calendar_history
BEGIN SELECT RAISE(ABORT, 'calendar_history is append-only'); END;
CREATE TRIGGER calendar_history_no_delete BEFORE DELETE ON calendar_history
BEGIN SELECT RAISE(ABORT, 'calendar_history is append-only'); END;

-- A reminder is claimed here in the same transaction that writes its message to the outbox,
-- so each (deadline, kind, day) is announced at most once, across restarts.
CREATE TABLE calendar_reminder_sends (
    deadline_id INTEGER NOT NULL REFERENCES calendar_deadlines (id),
    -- before (lead_days days before), due (the day itself) or overdue.
    kind        TEXT    NOT NULL CHECK (kind IN ('before', 'due', 'overdue')),
    slot_date   TEXT    NOT NULL,
    due_date    TEXT    NOT NULL,
    sent_at     TEXT    NOT NULL,
    late        INTEGER NOT NULL,
    PRIMARY KEY (deadline_id, kind, slot_date)
) WITHOUT ROWID;

-- Templates staff added with `เพิ่มแม่แบบ`; the shipped ones live in data/calendar/templates.toml.
-- `steps` keeps the lines as typed (one step a line) and is parsed when the template is used.
CREATE TABLE calendar_templates (
    name            TEXT    PRIMARY KEY,
    title           TEXT    NOT NULL,
    steps           TEXT    NOT NULL,
    created_by      INTEGER NOT NULL,
    created_by_name TEXT    NOT NULL,
    created_at      TEXT    NOT NULL
) WITHOUT ROWID;
