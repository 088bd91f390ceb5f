//! The complaints' rows: cases, their attachments, conversation, history and reminders, and
//! the settings and savepoint the workflow needs. Every statement of the capability lives
//! here; the rest of `complaints` works with the typed rows.
//!
//! Anonymity: nothing here takes a filer's identity for an anonymous case (see
//! `migrations/003_complaints.sql`, whose CHECKs make a mistake fail loudly).

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::category::{Category, Kind};
use super::code::{self, CaseNumber, HashCost, NewCode};
use super::status::Status;
use crate::core::Attachment;

/// A case as stored. An anonymous one has no filer ids or contact.
#[derive(Debug, Clone)]
pub struct Case {
    pub id: i64,
    pub kind: Kind,
    pub number: CaseNumber,
    pub category: Category,
    pub anonymous: bool,
    pub filer_chat_id: Option<i64>,
    pub filer_user_id: Option<i64>,
    pub filer_contact: Option<String>,
    pub place: Option<String>,
    pub body: Option<String>,
    pub filed_on: NaiveDate,
    pub ack_due: NaiveDate,
    pub result_due: NaiveDate,
    pub status: Status,
    pub status_detail: Option<String>,
    pub assignee: Option<String>,
    pub acknowledged_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub purged_on: Option<NaiveDate>,
}

/// The columns [`from_row`] reads, in its order; a macro so queries stay string literals.
macro_rules! case_columns {
    () => {
        "id, kind, fiscal_year, seq, category, anonymous, filer_chat_id, filer_user_id, \
         filer_contact, place, body, filed_on, ack_due, result_due, status, status_detail, \
         assignee, acknowledged_on, closed_on, purged_on"
    };
}

fn bad_code(index: usize, code: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        index,
        rusqlite::types::Type::Text,
        format!("unknown code {code}").into(),
    )
}

fn from_row(row: &Row) -> rusqlite::Result<Case> {
    let kind_code: String = row.get(1)?;
    let kind = Kind::from_code(&kind_code).ok_or_else(|| bad_code(1, &kind_code))?;
    let category_code: String = row.get(4)?;
    let category =
        Category::from_code(&category_code).ok_or_else(|| bad_code(4, &category_code))?;
    let status_code: String = row.get(14)?;
    let status = Status::from_code(&status_code).ok_or_else(|| bad_code(14, &status_code))?;
    Ok(Case {
        id: row.get(0)?,
        kind,
        number: CaseNumber {
            prefix: kind.prefix(),
            fiscal_year: row.get(2)?,
            seq: row.get(3)?,
        },
        category,
        anonymous: row.get(5)?,
        filer_chat_id: row.get(6)?,
        filer_user_id: row.get(7)?,
        filer_contact: row.get(8)?,
        place: row.get(9)?,
        body: row.get(10)?,
        filed_on: row.get(11)?,
        ack_due: row.get(12)?,
        result_due: row.get(13)?,
        status,
        status_detail: row.get(15)?,
        assignee: row.get(16)?,
        acknowledged_on: row.get(17)?,
        closed_on: row.get(18)?,
        purged_on: row.get(19)?,
    })
}

pub fn load(conn: &Connection, id: i64) -> rusqlite::Result<Option<Case>> {
    conn.prepare_cached(concat!(
        "SELECT ",
        case_columns!(),
        " FROM complaint_cases WHERE id = ?1"
    ))?
    .query_row([id], from_row)
    .optional()
}

pub fn find_by_number(conn: &Connection, number: CaseNumber) -> rusqlite::Result<Option<Case>> {
    let Some(kind) = Kind::from_prefix(number.prefix) else {
        return Ok(None);
    };
    conn.prepare_cached(concat!(
        "SELECT ",
        case_columns!(),
        " FROM complaint_cases WHERE kind = ?1 AND fiscal_year = ?2 AND seq = ?3"
    ))?
    .query_row(
        params![kind.code(), number.fiscal_year, number.seq],
        from_row,
    )
    .optional()
}

/// The case behind a tracking code: only the few cases of its bucket are verified.
pub fn find_by_code(conn: &Connection, digits: &str) -> rusqlite::Result<Option<Case>> {
    let candidates: Vec<(i64, Vec<u8>, Vec<u8>, String)> = conn
        .prepare_cached(
            "SELECT id, code_salt, code_hash, code_cost FROM complaint_cases
             WHERE code_bucket IN (?1, ?2) AND code_hash IS NOT NULL",
        )?
        .query_map([code::bucket(digits), code::legacy_bucket(digits)], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (id, salt, hash, cost) in candidates {
        let Some(cost) = HashCost::decode(&cost) else {
            continue;
        };
        if code::verify(digits, &salt, &hash, cost) {
            return load(conn, id);
        }
    }
    Ok(None)
}

pub fn next_number(
    conn: &Connection,
    kind: Kind,
    fiscal_year: i32,
) -> rusqlite::Result<CaseNumber> {
    let last: i64 = conn.query_row(
        "SELECT COALESCE(MAX(seq), 0) FROM complaint_cases WHERE kind = ?1 AND fiscal_year = ?2",
        params![kind.code(), fiscal_year],
        |r| r.get(0),
    )?;
    Ok(CaseNumber {
        prefix: kind.prefix(),
        fiscal_year,
        seq: last + 1,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Photo,
    Document,
}

impl FileKind {
    fn code(self) -> &'static str {
        match self {
            FileKind::Photo => "photo",
            FileKind::Document => "document",
        }
    }

    pub fn attachment(self, file_id: String) -> Attachment {
        match self {
            FileKind::Photo => Attachment::Photo { file_id },
            FileKind::Document => Attachment::Document { file_id },
        }
    }
}

pub fn add_attachment(
    conn: &Connection,
    case_id: i64,
    kind: FileKind,
    file_id: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO complaint_attachments (case_id, position, kind, file_id)
         VALUES (?1, (SELECT COALESCE(MAX(position), 0) + 1 FROM complaint_attachments
                      WHERE case_id = ?1), ?2, ?3)",
    )?
    .execute(params![case_id, kind.code(), file_id])?;
    Ok(())
}

/// Forgets a file its sender took back; its case keeps no trace of it. True when one was kept.
pub fn withdraw_attachment(conn: &Connection, file_id: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached("UPDATE complaint_attachments SET file_id = NULL WHERE file_id = ?1")?
        .execute([file_id])
        .map(|changed| changed > 0)
}

/// A case's files, without those their sender took back.
pub fn attachments(conn: &Connection, case_id: i64) -> rusqlite::Result<Vec<Attachment>> {
    conn.prepare_cached(
        "SELECT kind, file_id FROM complaint_attachments
         WHERE case_id = ?1 AND file_id IS NOT NULL ORDER BY position",
    )?
    .query_map([case_id], |r| {
        let kind: String = r.get(0)?;
        let file_id: String = r.get(1)?;
        let kind = if kind == "photo" {
            FileKind::Photo
        } else {
            FileKind::Document
        };
        Ok(kind.attachment(file_id))
    })?
    .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Author {
    Filer,
    Office,
}

pub fn add_message(
    conn: &Connection,
    case_id: i64,
    day: NaiveDate,
    author: Author,
    body: &str,
) -> rusqlite::Result<i64> {
    let author = match author {
        Author::Filer => "filer",
        Author::Office => "office",
    };
    conn.prepare_cached(
        "INSERT INTO complaint_messages (case_id, day, author, body) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![case_id, day.to_string(), author, body])?;
    Ok(conn.last_insert_rowid())
}

/// The text of the case's message `id` (from [`add_message`]), unless it was purged.
pub fn message_body(conn: &Connection, case_id: i64, id: i64) -> rusqlite::Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT body FROM complaint_messages WHERE id = ?1 AND case_id = ?2")?
        .query_row([id, case_id], |r| r.get::<_, Option<String>>(0))
        .optional()?
        .flatten())
}

pub struct Message {
    pub day: NaiveDate,
    pub author: Author,
    pub body: String,
}

pub fn messages(conn: &Connection, case_id: i64) -> rusqlite::Result<Vec<Message>> {
    conn.prepare_cached(
        "SELECT day, author, body FROM complaint_messages
         WHERE case_id = ?1 AND body IS NOT NULL ORDER BY id",
    )?
    .query_map([case_id], |r| {
        let author: String = r.get(1)?;
        Ok(Message {
            day: r.get(0)?,
            author: if author == "filer" {
                Author::Filer
            } else {
                Author::Office
            },
            body: r.get(2)?,
        })
    })?
    .collect()
}

/// A step in a case's history: no officer's name for the filer's own steps.
pub struct HistoryEntry {
    pub day: NaiveDate,
    pub actor_name: Option<String>,
    pub action: String,
    pub status: Option<Status>,
    pub detail: Option<String>,
}

/// Appends a step to a case's history (the officer's name, or none for the filer).
pub fn add_history(
    conn: &Connection,
    case_id: i64,
    day: NaiveDate,
    actor_name: Option<&str>,
    action: &str,
    status: Option<Status>,
    detail: Option<&str>,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO complaint_history (case_id, day, actor_name, action, status, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        case_id,
        day.to_string(),
        actor_name,
        action,
        status.map(Status::code),
        detail
    ])?;
    Ok(())
}

pub fn history(conn: &Connection, case_id: i64) -> rusqlite::Result<Vec<HistoryEntry>> {
    conn.prepare_cached(
        "SELECT day, actor_name, action, status, detail FROM complaint_history
         WHERE case_id = ?1 ORDER BY id",
    )?
    .query_map([case_id], |r| {
        let status: Option<String> = r.get(3)?;
        Ok(HistoryEntry {
            day: r.get(0)?,
            actor_name: r.get(1)?,
            action: r.get(2)?,
            status: status.as_deref().and_then(Status::from_code),
            detail: r.get(4)?,
        })
    })?
    .collect()
}

/// Sets a case's status (and its detail, unless empty); the first change marks it
/// acknowledged and a closing one closes it, on `today`.
pub fn set_status(
    conn: &Connection,
    case_id: i64,
    to: Status,
    detail: &str,
    today: NaiveDate,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE complaint_cases SET status = ?2,
             status_detail = CASE WHEN ?3 = '' THEN status_detail ELSE ?3 END,
             acknowledged_on = COALESCE(acknowledged_on, ?4),
             closed_on = CASE WHEN ?2 IN ('done', 'dismissed') THEN ?4 ELSE closed_on END
         WHERE id = ?1",
    )?
    .execute(params![case_id, to.code(), detail, today.to_string()])?;
    Ok(())
}

/// Who filed a new case, as the database may keep it.
pub enum Filer<'a> {
    /// Nothing about the person: only what the tracking code's lookup needs (never its
    /// digits).
    Anonymous { code: &'a NewCode },
    /// Whom to notify, and the contact they chose to give.
    Named {
        user_id: i64,
        chat_id: i64,
        contact: Option<&'a str>,
    },
}

/// A case as it is filed.
pub struct NewCase<'a> {
    pub kind: Kind,
    pub number: CaseNumber,
    pub category: Category,
    pub filer: Filer<'a>,
    pub place: Option<&'a str>,
    pub body: &'a str,
    pub filed_on: NaiveDate,
    pub ack_due: NaiveDate,
    pub result_due: NaiveDate,
}

/// Stores a new case; returns its id.
pub fn insert_case(conn: &Connection, case: &NewCase) -> rusqlite::Result<i64> {
    let (anonymous, filer_user, filer_chat, filer_contact, code) = match &case.filer {
        Filer::Anonymous { code } => (true, None, None, None, Some(*code)),
        Filer::Named {
            user_id,
            chat_id,
            contact,
        } => (false, Some(*user_id), Some(*chat_id), *contact, None),
    };
    conn.prepare_cached(
        "INSERT INTO complaint_cases (kind, fiscal_year, seq, category, anonymous,
             filer_user_id, filer_chat_id, filer_contact, place, body, filed_on, ack_due,
             result_due, code_bucket, code_salt, code_hash, code_cost)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?
    .execute(params![
        case.kind.code(),
        case.number.fiscal_year,
        case.number.seq,
        case.category.code,
        anonymous,
        filer_user,
        filer_chat,
        filer_contact,
        case.place,
        case.body,
        case.filed_on.to_string(),
        case.ack_due.to_string(),
        case.result_due.to_string(),
        code.map(|c| c.bucket),
        code.map(|c| c.salt.clone()),
        code.map(|c| c.hash.clone()),
        code.map(|c| c.cost.encode()),
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Loads each case of `ids` that still exists, in that order.
fn load_all(conn: &Connection, ids: Vec<i64>) -> rusqlite::Result<Vec<Case>> {
    let mut cases = Vec::with_capacity(ids.len());
    for id in ids {
        cases.extend(load(conn, id)?);
    }
    Ok(cases)
}

/// A named filer's own cases, newest first, at most 20. Anonymous cases have no filer.
pub fn own_cases(conn: &Connection, user_id: i64) -> rusqlite::Result<Vec<Case>> {
    let ids: Vec<i64> = conn
        .prepare_cached(
            "SELECT id FROM complaint_cases WHERE filer_user_id = ?1 AND anonymous = 0
             ORDER BY id DESC LIMIT 20",
        )?
        .query_map([user_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    load_all(conn, ids)
}

/// Open cases, the nearest pending deadline first.
pub fn open_cases(conn: &Connection) -> rusqlite::Result<Vec<Case>> {
    let ids: Vec<i64> = conn
        .prepare_cached(
            "SELECT id FROM complaint_cases WHERE status NOT IN ('done', 'dismissed')
             ORDER BY CASE WHEN acknowledged_on IS NULL THEN ack_due ELSE result_due END, id",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    load_all(conn, ids)
}

/// Cases filed from `start` to `end`, both included, in filing order.
pub fn cases_filed_between(
    conn: &Connection,
    start: NaiveDate,
    end: NaiveDate,
) -> rusqlite::Result<Vec<Case>> {
    let ids: Vec<i64> = conn
        .prepare_cached(
            "SELECT id FROM complaint_cases WHERE filed_on BETWEEN ?1 AND ?2 ORDER BY id",
        )?
        .query_map([start.to_string(), end.to_string()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    load_all(conn, ids)
}

pub fn set_assignee(conn: &Connection, case_id: i64, assignee: &str) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE complaint_cases SET assignee = ?2 WHERE id = ?1",
        params![case_id, assignee],
    )?;
    Ok(())
}

/// Records that a reminder went out; false when it already had.
pub fn first_reminder(
    conn: &Connection,
    case_id: i64,
    kind: &str,
    day: NaiveDate,
) -> rusqlite::Result<bool> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO complaint_reminders (case_id, kind, day) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
        )?
        .execute(params![case_id, kind, day.to_string()])?
        == 1)
}

/// Whether a reminder of this kind ever went out for the case.
pub fn reminder_sent_ever(conn: &Connection, case_id: i64, kind: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM complaint_reminders WHERE case_id = ?1 AND kind = ?2")?
        .exists(params![case_id, kind])
}

/// Closed anonymous cases whose content is still there, closed on or before `cutoff`.
pub fn anonymous_closed_by(conn: &Connection, cutoff: NaiveDate) -> rusqlite::Result<Vec<i64>> {
    conn.prepare_cached(
        "SELECT id FROM complaint_cases WHERE anonymous = 1 AND purged_on IS NULL
         AND closed_on IS NOT NULL AND closed_on <= ?1",
    )?
    .query_map([cutoff.to_string()], |r| r.get(0))?
    .collect()
}

/// Drops a case's text, place, files and conversation, marking it purged on `today`.
pub fn purge_content(conn: &Connection, case_id: i64, today: NaiveDate) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE complaint_cases SET body = NULL, place = NULL, purged_on = ?2 WHERE id = ?1",
        params![case_id, today.to_string()],
    )?;
    conn.execute(
        "DELETE FROM complaint_attachments WHERE case_id = ?1",
        [case_id],
    )?;
    conn.execute(
        "DELETE FROM complaint_messages WHERE case_id = ?1",
        [case_id],
    )?;
    Ok(())
}

/// Opens the savepoint around a filer's step (see `privacy::privately`).
pub fn begin_filer_step(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch("SAVEPOINT complaints_filer")
}

/// Keeps what the filer's step wrote.
pub fn keep_filer_step(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch("RELEASE complaints_filer")
}

/// Undoes everything the filer's step wrote.
pub fn undo_filer_step(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch("ROLLBACK TO complaints_filer; RELEASE complaints_filer")
}
