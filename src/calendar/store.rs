//! Deadlines in SQLite: reading them, creating them with their first reminder scheduled, and
//! recording every change in the history and the audit log.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::audience::Audience;
use super::schedule::{self, LeadDays, Recurrence, Slot};
use crate::core::Ctx;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Open,
    Done,
    Deleted,
}

impl State {
    fn from_code(code: &str) -> State {
        match code {
            "done" => State::Done,
            "deleted" => State::Deleted,
            _ => State::Open,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Deadline {
    pub id: i64,
    pub title: String,
    pub due: NaiveDate,
    pub owner: Option<String>,
    pub audience: Audience,
    pub leads: LeadDays,
    pub state: State,
    pub rule_id: Option<i64>,
    pub created_by: i64,
    pub created_by_name: String,
    pub closed_by_name: Option<String>,
}

/// The columns [`from_row`] reads, in order. A macro, so that every query stays one string
/// literal put together at compile time.
macro_rules! deadline_columns {
    () => {
        "id, title, due_date, owner, audience, lead_days, state, rule_id, created_by, \
         created_by_name, closed_by_name"
    };
}

/// A query of the deadlines' [`deadline_columns`] with its `WHERE …` clause, as one literal.
macro_rules! select_deadlines {
    ($clause:literal) => {
        concat!(
            "SELECT ",
            deadline_columns!(),
            " FROM calendar_deadlines ",
            $clause
        )
    };
}

pub fn from_row(row: &Row) -> rusqlite::Result<Deadline> {
    let audience: String = row.get(4)?;
    let lead_days: String = row.get(5)?;
    let state: String = row.get(6)?;
    Ok(Deadline {
        id: row.get(0)?,
        title: row.get(1)?,
        due: row.get(2)?,
        owner: row.get(3)?,
        audience: Audience::from_code(&audience).unwrap_or(Audience::Staff),
        leads: LeadDays::from_db(&lead_days),
        state: State::from_code(&state),
        rule_id: row.get(7)?,
        created_by: row.get(8)?,
        created_by_name: row.get(9)?,
        closed_by_name: row.get(10)?,
    })
}

/// A deadline that was not deleted.
pub fn load(conn: &Connection, id: i64) -> rusqlite::Result<Option<Deadline>> {
    Ok(load_with_deleted(conn, id)?.filter(|d| d.state != State::Deleted))
}

/// A deadline, deleted or not (its history stays readable).
pub fn load_with_deleted(conn: &Connection, id: i64) -> rusqlite::Result<Option<Deadline>> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT ",
        deadline_columns!(),
        " FROM calendar_deadlines WHERE id = ?1"
    ))?;
    stmt.query_row([id], from_row).optional()
}

/// Unix seconds of the next reminder of an open deadline, seen from now: on a working day of
/// the office ([`schedule::sending_day`]).
pub fn next_reminder_at(
    ctx: &Ctx,
    due: NaiveDate,
    leads: &LeadDays,
) -> rusqlite::Result<Option<i64>> {
    let config = &ctx.env.config;
    let work = schedule::reminder_days(ctx.conn, config)?;
    Ok(
        schedule::next_reminder(due, leads, ctx.now, config.reminder_time, config.tz, &work)
            .map(|t| t.timestamp()),
    )
}

/// Who a deadline belongs to: the person who typed it, or the creator of its recurring rule.
/// The creator may delete it.
pub struct Creator<'a> {
    pub id: i64,
    pub name: &'a str,
}

impl<'a> Creator<'a> {
    pub fn of(ctx: &'a Ctx) -> Creator<'a> {
        Creator {
            id: ctx.event.actor.user_id,
            name: &ctx.event.actor.name,
        }
    }
}

/// What a new deadline is made of.
pub struct NewRow<'a> {
    pub title: &'a str,
    pub due: NaiveDate,
    pub owner: Option<&'a str>,
    pub audience: Audience,
    pub leads: &'a LeadDays,
    pub rule_id: Option<i64>,
    pub workflow: Option<(i64, usize)>,
    /// Why it exists when it was not typed directly: "ทุกเดือน …", "แม่แบบ …".
    pub origin: Option<&'a str>,
}

/// Creates a deadline with its first reminder scheduled, records it and returns its number.
pub fn insert(ctx: &Ctx, creator: &Creator, row: &NewRow) -> rusqlite::Result<i64> {
    let next = next_reminder_at(ctx, row.due, row.leads)?;
    ctx.conn
        .prepare_cached(
            "INSERT INTO calendar_deadlines (title, due_date, owner, audience, lead_days, rule_id,
                 workflow_id, step_no, created_by, created_by_name, created_at, next_reminder_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?
        .execute(params![
            row.title,
            row.due,
            row.owner,
            row.audience.code(),
            row.leads.to_db(),
            row.rule_id,
            row.workflow.map(|(id, _)| id),
            row.workflow.map(|(_, step)| step as i64 + 1),
            creator.id,
            creator.name,
            ctx.now.to_rfc3339(),
            next,
        ])?;
    let id = ctx.conn.last_insert_rowid();
    let change = Change {
        action: "created",
        old_due: None,
        new_due: Some(row.due),
        note: row.origin,
    };
    record(ctx, id, &change)?;
    Ok(id)
}

/// One entry of a deadline's history.
pub struct Change<'a> {
    pub action: &'static str,
    pub old_due: Option<NaiveDate>,
    pub new_due: Option<NaiveDate>,
    pub note: Option<&'a str>,
}

/// Appends to the deadline's history and to the office's audit log, as whoever is acting
/// (khetbot itself during periodic work).
pub fn record(ctx: &Ctx, deadline_id: i64, change: &Change) -> rusqlite::Result<()> {
    ctx.conn
        .prepare_cached(
            "INSERT INTO calendar_history
                 (deadline_id, at, actor_id, actor_name, action, old_due, new_due, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            deadline_id,
            ctx.now.to_rfc3339(),
            ctx.event.actor.user_id,
            ctx.event.actor.name,
            change.action,
            change.old_due,
            change.new_due,
            change.note,
        ])?;
    let detail = [
        change.old_due.map(|day| day.to_string()),
        change.new_due.map(|day| day.to_string()),
        change.note.map(str::to_string),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    ctx.audit(
        &format!("calendar.{}", change.action),
        &format!("deadline:{deadline_id}"),
        &detail,
    )
}

/// Moves a deadline to a new date and reschedules its reminders from now.
pub fn move_to(
    ctx: &Ctx,
    deadline: &Deadline,
    new_due: NaiveDate,
    reason: Option<&str>,
) -> rusqlite::Result<()> {
    let next = next_reminder_at(ctx, new_due, &deadline.leads)?;
    ctx.conn
        .prepare_cached(
            "UPDATE calendar_deadlines SET due_date = ?2, next_reminder_at = ?3 WHERE id = ?1",
        )?
        .execute(params![deadline.id, new_due, next])?;
    let change = Change {
        action: "moved",
        old_due: Some(deadline.due),
        new_due: Some(new_due),
        note: reason,
    };
    record(ctx, deadline.id, &change)
}

/// The open deadlines of the workflow that deadline `id` is a step of, by due date; none when
/// it is not a step of one.
pub fn open_steps_beside(conn: &Connection, id: i64) -> rusqlite::Result<Vec<Deadline>> {
    let mut stmt = conn.prepare_cached(select_deadlines!(
        "WHERE state = 'open' AND workflow_id =
             (SELECT workflow_id FROM calendar_deadlines WHERE id = ?1)
         ORDER BY due_date, id"
    ))?;
    stmt.query_map([id], from_row)?.collect()
}

/// Marks done or deleted: no more reminders, who and when kept.
pub fn close(
    ctx: &Ctx,
    deadline: &Deadline,
    state: State,
    note: Option<&str>,
) -> rusqlite::Result<()> {
    let (code, action) = match state {
        State::Deleted => ("deleted", "deleted"),
        _ => ("done", "done"),
    };
    ctx.conn
        .prepare_cached(
            "UPDATE calendar_deadlines SET state = ?2, closed_by = ?3, closed_by_name = ?4,
                 closed_at = ?5, next_reminder_at = NULL
             WHERE id = ?1",
        )?
        .execute(params![
            deadline.id,
            code,
            ctx.event.actor.user_id,
            ctx.event.actor.name,
            ctx.now.to_rfc3339()
        ])?;
    let change = Change {
        action,
        old_due: None,
        new_due: None,
        note,
    };
    record(ctx, deadline.id, &change)
}

pub fn set_lead_days(ctx: &Ctx, deadline: &Deadline, leads: &LeadDays) -> rusqlite::Result<()> {
    let next = next_reminder_at(ctx, deadline.due, leads)?;
    ctx.conn
        .prepare_cached(
            "UPDATE calendar_deadlines SET lead_days = ?2, next_reminder_at = ?3 WHERE id = ?1",
        )?
        .execute(params![deadline.id, leads.to_db(), next])?;
    // A recurring deadline's later rounds remind as this one now does: set on "the monthly
    // report", the lead days were lost at the next round.
    if let Some(rule_id) = deadline.rule_id {
        ctx.conn
            .prepare_cached("UPDATE calendar_rules SET lead_days = ?2 WHERE id = ?1")?
            .execute(params![rule_id, leads.to_db()])?;
    }
    let change = Change {
        action: "lead_days",
        old_due: None,
        new_due: None,
        note: Some(&leads.to_db()),
    };
    record(ctx, deadline.id, &change)
}

/// A recurring rule with what its occurrences copy.
pub struct Rule {
    pub id: i64,
    pub recurrence: Recurrence,
    pub title: String,
    pub owner: Option<String>,
    pub audience: Audience,
    pub leads: LeadDays,
    pub created_by: i64,
    pub created_by_name: String,
    pub last_due: NaiveDate,
}

/// The columns [`rule_from_row`] reads, in order.
macro_rules! rule_columns {
    () => {
        "id, every, day, month, title, owner, audience, lead_days, created_by, \
         created_by_name, last_due"
    };
}

fn rule_from_row(row: &Row) -> rusqlite::Result<Rule> {
    let every: String = row.get(1)?;
    let day: u32 = row.get(2)?;
    let month: Option<u32> = row.get(3)?;
    let recurrence = match (every.as_str(), month) {
        ("year", Some(month)) => Recurrence::Yearly { month, day },
        _ => Recurrence::Monthly { day },
    };
    let audience: String = row.get(6)?;
    Ok(Rule {
        id: row.get(0)?,
        recurrence,
        title: row.get(4)?,
        owner: row.get(5)?,
        audience: Audience::from_code(&audience).unwrap_or(Audience::Staff),
        leads: LeadDays::from_db(&row.get::<_, String>(7)?),
        created_by: row.get(8)?,
        created_by_name: row.get(9)?,
        last_due: row.get(10)?,
    })
}

pub fn load_rule(conn: &Connection, id: i64) -> rusqlite::Result<Option<Rule>> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT ",
        rule_columns!(),
        " FROM calendar_rules WHERE id = ?1 AND active = 1"
    ))?;
    stmt.query_row([id], rule_from_row).optional()
}

/// Active rules whose newest occurrence is before `today`: their next one is owed.
pub fn rules_due(conn: &Connection, today: NaiveDate) -> rusqlite::Result<Vec<Rule>> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT ",
        rule_columns!(),
        " FROM calendar_rules WHERE active = 1 AND last_due < ?1 ORDER BY last_due LIMIT 500"
    ))?;
    let rows = stmt.query_map([today], rule_from_row)?;
    rows.collect()
}

/// An active recurring rule with the number of its newest round, which the rounds still to
/// come follow.
pub struct RuleAhead {
    pub rule: Rule,
    pub newest_id: i64,
}

/// The active rules a chat sees (`range.visible` as in [`VisibleBetween`]) whose newest round
/// is before `range.end`: rounds still to come may fall in the range.
pub fn rules_ahead(conn: &Connection, range: &VisibleBetween) -> rusqlite::Result<Vec<RuleAhead>> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT ",
        rule_columns!(),
        ", (SELECT max(d.id) FROM calendar_deadlines d WHERE d.rule_id = calendar_rules.id)
         FROM calendar_rules
         WHERE active = 1 AND last_due < ?1 AND instr(?2, ',' || audience || ',') > 0
         ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![range.end, range.visible], |row| {
        // Every active rule has its newest round; one without (never written so) is skipped.
        let Some(newest_id) = row.get::<_, Option<i64>>(11)? else {
            return Ok(None);
        };
        Ok(Some(RuleAhead {
            rule: rule_from_row(row)?,
            newest_id,
        }))
    })?;
    rows.filter_map(Result::transpose).collect()
}

/// Creates a recurring rule whose first occurrence falls on `first_due`; the caller creates
/// that occurrence with [`insert`].
pub fn insert_rule(
    ctx: &Ctx,
    recurrence: Recurrence,
    first_due: NaiveDate,
    row: &NewRow,
) -> rusqlite::Result<i64> {
    let (every, day, month) = match recurrence {
        Recurrence::Monthly { day } => ("month", day, None),
        Recurrence::Yearly { month, day } => ("year", day, Some(month)),
    };
    ctx.conn
        .prepare_cached(
            "INSERT INTO calendar_rules (every, day, month, title, owner, audience, lead_days,
                 created_by, created_by_name, created_at, last_due)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            every,
            day,
            month,
            row.title,
            row.owner,
            row.audience.code(),
            row.leads.to_db(),
            ctx.event.actor.user_id,
            ctx.event.actor.name,
            ctx.now.to_rfc3339(),
            first_due,
        ])?;
    Ok(ctx.conn.last_insert_rowid())
}

/// Creates the occurrence of `rule` after its newest one, on or after `not_before` (after
/// downtime, occurrences already past are not created); returns its number and date.
pub fn spawn_next(
    ctx: &Ctx,
    rule: &Rule,
    not_before: NaiveDate,
    origin: &str,
) -> rusqlite::Result<Option<(i64, NaiveDate)>> {
    let Some(due) = rule.recurrence.round_after(rule.last_due, not_before) else {
        return Ok(None);
    };
    ctx.conn
        .prepare_cached("UPDATE calendar_rules SET last_due = ?2 WHERE id = ?1")?
        .execute(params![rule.id, due])?;
    let row = NewRow {
        title: &rule.title,
        due,
        owner: rule.owner.as_deref(),
        audience: rule.audience,
        leads: &rule.leads,
        rule_id: Some(rule.id),
        workflow: None,
        origin: Some(origin),
    };
    let creator = Creator {
        id: rule.created_by,
        name: &rule.created_by_name,
    };
    Ok(Some((insert(ctx, &creator, &row)?, due)))
}

/// Stops a rule: no further occurrences.
pub fn stop_rule(conn: &Connection, rule_id: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE calendar_rules SET active = 0 WHERE id = ?1")?
        .execute([rule_id])?;
    Ok(())
}

/// One line of a deadline's history, for `กำหนดการ <เลข>`.
pub struct HistoryEntry {
    pub at: String,
    pub actor_name: String,
    pub action: String,
    pub old_due: Option<NaiveDate>,
    pub new_due: Option<NaiveDate>,
    pub note: Option<String>,
}

pub fn history(conn: &Connection, deadline_id: i64) -> rusqlite::Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, actor_name, action, old_due, new_due, note FROM calendar_history
         WHERE deadline_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([deadline_id], |row| {
        Ok(HistoryEntry {
            at: row.get(0)?,
            actor_name: row.get(1)?,
            action: row.get(2)?,
            old_due: row.get(3)?,
            new_due: row.get(4)?,
            note: row.get(5)?,
        })
    })?;
    rows.collect()
}

/// A principal who said a deadline of the principals' is done for their school.
#[derive(Debug, Clone)]
pub struct DoneReport {
    pub user_id: i64,
    pub name: String,
    /// RFC 3339, UTC.
    pub at: String,
}

/// Notes that the person acting said the deadline is done for them; `false` when they had
/// said so already (nothing is written twice).
pub fn report_done(ctx: &Ctx, deadline_id: i64) -> rusqlite::Result<bool> {
    let written = ctx
        .conn
        .prepare_cached(
            "INSERT OR IGNORE INTO calendar_done_reports (deadline_id, user_id, name, at)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            deadline_id,
            ctx.event.actor.user_id,
            ctx.event.actor.name,
            ctx.now.to_rfc3339()
        ])?;
    if written > 0 {
        ctx.audit("deadline.done_reported", &deadline_id.to_string(), "")?;
    }
    Ok(written > 0)
}

/// Who said the deadline is done for them, first first.
pub fn done_reports(conn: &Connection, deadline_id: i64) -> rusqlite::Result<Vec<DoneReport>> {
    let mut stmt = conn.prepare_cached(
        "SELECT user_id, name, at FROM calendar_done_reports WHERE deadline_id = ?1
         ORDER BY at, rowid",
    )?;
    let rows = stmt.query_map([deadline_id], |row| {
        Ok(DoneReport {
            user_id: row.get(0)?,
            name: row.get(1)?,
            at: row.get(2)?,
        })
    })?;
    rows.collect()
}

/// The deadlines a chat sees (`visible`: the audience codes it may see, as
/// `,code,code,`), due between `start` and `end`, and not deleted.
pub struct VisibleBetween<'a> {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub visible: &'a str,
}

/// How many deadlines [`VisibleBetween`] holds.
pub fn count_between(conn: &Connection, range: &VisibleBetween) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "SELECT count(*) FROM calendar_deadlines
         WHERE due_date BETWEEN ?1 AND ?2 AND state != 'deleted'
           AND instr(?3, ',' || audience || ',') > 0",
    )?
    .query_row(params![range.start, range.end, range.visible], |r| r.get(0))
}

/// The first `limit` deadlines of [`VisibleBetween`], by date.
pub fn list_between(
    conn: &Connection,
    range: &VisibleBetween,
    limit: usize,
) -> rusqlite::Result<Vec<Deadline>> {
    deadlines(
        conn,
        select_deadlines!(
            "WHERE due_date BETWEEN ?1 AND ?2 AND state != 'deleted'
               AND instr(?3, ',' || audience || ',') > 0
             ORDER BY due_date, id LIMIT ?4"
        ),
        params![range.start, range.end, range.visible, limit as i64],
    )
}

/// How many open deadlines due before `today` a chat sees (`visible` as in
/// [`VisibleBetween`]).
pub fn count_overdue(conn: &Connection, today: NaiveDate, visible: &str) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "SELECT count(*) FROM calendar_deadlines
         WHERE state = 'open' AND due_date < ?1 AND instr(?2, ',' || audience || ',') > 0",
    )?
    .query_row(params![today, visible], |r| r.get(0))
}

/// The first `limit` of the deadlines [`count_overdue`] counts, by date.
pub fn list_overdue(
    conn: &Connection,
    today: NaiveDate,
    visible: &str,
    limit: usize,
) -> rusqlite::Result<Vec<Deadline>> {
    deadlines(
        conn,
        select_deadlines!(
            "WHERE state = 'open' AND due_date < ?1 AND instr(?2, ',' || audience || ',') > 0
             ORDER BY due_date, id LIMIT ?3"
        ),
        params![today, visible, limit as i64],
    )
}

/// The first `limit` deadlines whose next reminder is at or before `now`, soonest first.
pub fn reminders_come(
    conn: &Connection,
    now: DateTime<Utc>,
    limit: i64,
) -> rusqlite::Result<Vec<Deadline>> {
    deadlines(
        conn,
        select_deadlines!("WHERE next_reminder_at <= ?1 ORDER BY next_reminder_at, id LIMIT ?2"),
        params![now.timestamp(), limit],
    )
}

/// The deadlines a [`select_deadlines`] query finds.
fn deadlines(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> rusqlite::Result<Vec<Deadline>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, from_row)?;
    rows.collect()
}

/// Sets when a deadline's next reminder is owed; `None`: no more reminders.
pub fn set_next_reminder(
    conn: &Connection,
    deadline_id: i64,
    next: Option<DateTime<Utc>>,
) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE calendar_deadlines SET next_reminder_at = ?2 WHERE id = ?1")?
        .execute(params![deadline_id, next.map(|t| t.timestamp())])?;
    Ok(())
}

/// A reminder of one deadline for one slot, as sent.
pub struct ReminderSend<'a> {
    pub deadline: &'a Deadline,
    pub slot: Slot,
    pub sent_at: DateTime<Utc>,
    pub late: bool,
}

/// Records the reminder as sent; false when it already was.
pub fn claim_reminder(conn: &Connection, send: &ReminderSend) -> rusqlite::Result<bool> {
    let inserted = conn
        .prepare_cached(
            "INSERT INTO calendar_reminder_sends
                 (deadline_id, kind, slot_date, due_date, sent_at, late)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
        )?
        .execute(params![
            send.deadline.id,
            send.slot.kind.code(),
            send.slot.date,
            send.deadline.due,
            send.sent_at.to_rfc3339(),
            send.late
        ])?;
    Ok(inserted == 1)
}

/// A button press writes inside this savepoint, so that a refusal undoes what it wrote.
pub fn begin_button(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch("SAVEPOINT calendar_button")
}

/// Keeps what the button press wrote.
pub fn keep_button(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch("RELEASE calendar_button")
}

/// Undoes what the refused button press wrote.
pub fn undo_button(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch("ROLLBACK TO calendar_button; RELEASE calendar_button")
}

/// A template an officer saved, its steps as typed (one per line).
pub struct StoredTemplate {
    pub name: String,
    pub title: String,
    pub steps: String,
    pub created_by_name: String,
}

/// The saved templates, oldest first.
pub fn templates(conn: &Connection) -> rusqlite::Result<Vec<StoredTemplate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, title, steps, created_by_name FROM calendar_templates ORDER BY created_at, name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(StoredTemplate {
            name: r.get(0)?,
            title: r.get(1)?,
            steps: r.get(2)?,
            created_by_name: r.get(3)?,
        })
    })?;
    rows.collect()
}

/// Who saved a template.
pub struct TemplateAuthor {
    pub id: i64,
    pub name: String,
}

/// Who saved the template called `name`, if one is saved.
pub fn template_author(conn: &Connection, name: &str) -> rusqlite::Result<Option<TemplateAuthor>> {
    conn.prepare_cached(
        "SELECT created_by, created_by_name FROM calendar_templates WHERE name = ?1",
    )?
    .query_row([name], |r| {
        Ok(TemplateAuthor {
            id: r.get(0)?,
            name: r.get(1)?,
        })
    })
    .optional()
}

/// Saves a template as typed, replacing one of the same name.
pub fn save_template(ctx: &Ctx, name: &str, title: &str, steps: &str) -> rusqlite::Result<()> {
    ctx.conn
        .prepare_cached(
            "INSERT INTO calendar_templates (name, title, steps, created_by, created_by_name, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (name) DO UPDATE SET title = excluded.title, steps = excluded.steps,
                 created_by = excluded.created_by, created_by_name = excluded.created_by_name,
                 created_at = excluded.created_at",
        )?
        .execute(params![
            name,
            title,
            steps,
            ctx.event.actor.user_id,
            ctx.event.actor.name,
            ctx.now.to_rfc3339()
        ])?;
    Ok(())
}

/// Records that a template was started from `start`; returns the workflow's number.
/// The first and last deadline numbers of a run of `template` started on `start` whose
/// deadlines are not all deleted: the same work started twice would remind twice.
pub fn started_already(
    conn: &Connection,
    template: &str,
    start: NaiveDate,
) -> rusqlite::Result<Option<(i64, i64)>> {
    conn.prepare_cached(
        "SELECT min(d.id), max(d.id) FROM calendar_workflows w
         JOIN calendar_deadlines d ON d.workflow_id = w.id
         WHERE w.template = ?1 AND w.start_date = ?2 AND d.state != 'deleted'",
    )?
    .query_row(params![template, start], |r| {
        Ok(r.get::<_, Option<i64>>(0)?.zip(r.get::<_, Option<i64>>(1)?))
    })
}

pub fn insert_workflow(
    ctx: &Ctx,
    template: &str,
    title: &str,
    start: NaiveDate,
) -> rusqlite::Result<i64> {
    ctx.conn
        .prepare_cached(
            "INSERT INTO calendar_workflows (template, title, start_date, started_by, started_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            template,
            title,
            start,
            ctx.event.actor.user_id,
            ctx.now.to_rfc3339()
        ])?;
    Ok(ctx.conn.last_insert_rowid())
}
