//! Questions nothing answered (`faq_unanswered`) and the requests filed from them
//! (`faq_requests`): which case each became and which entry its answer was saved as.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

/// Logs a question nothing answered: its text and the date, nothing about who asked or
/// where; returns its id.
pub fn log_unanswered(conn: &Connection, asked_on: NaiveDate, text: &str) -> rusqlite::Result<i64> {
    conn.prepare_cached("INSERT INTO faq_unanswered (asked_on, text) VALUES (?1, ?2)")?
        .execute(params![asked_on.to_string(), text])?;
    Ok(conn.last_insert_rowid())
}

/// The text of a logged question.
pub fn unanswered_text(conn: &Connection, unanswered_id: i64) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT text FROM faq_unanswered WHERE id = ?1")?
        .query_row([unanswered_id], |r| r.get(0))
        .optional()
}

/// The case a logged question was already filed as.
pub fn case_of(conn: &Connection, unanswered_id: i64) -> rusqlite::Result<Option<i64>> {
    conn.prepare_cached("SELECT case_id FROM faq_requests WHERE unanswered_id = ?1")?
        .query_row([unanswered_id], |r| r.get(0))
        .optional()
}

pub fn insert(conn: &Connection, case_id: i64, unanswered_id: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT INTO faq_requests (case_id, unanswered_id) VALUES (?1, ?2)")?
        .execute(params![case_id, unanswered_id])?;
    Ok(())
}

/// Whether the case came from a question whose answer is not saved as an entry yet.
pub fn awaits_saving(conn: &Connection, case_id: i64) -> rusqlite::Result<bool> {
    conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM faq_requests
                        WHERE case_id = ?1 AND saved_entry_id IS NULL)",
    )?
    .query_row([case_id], |r| r.get(0))
}

/// The request filed as a case: its question and the entry its answer was saved as.
pub struct Request {
    pub question: String,
    pub saved_entry_id: Option<i64>,
}

pub fn of_case(conn: &Connection, case_id: i64) -> rusqlite::Result<Option<Request>> {
    conn.prepare_cached(
        "SELECT u.text, r.saved_entry_id FROM faq_requests r
         JOIN faq_unanswered u ON u.id = r.unanswered_id WHERE r.case_id = ?1",
    )?
    .query_row([case_id], |r| {
        Ok(Request {
            question: r.get(0)?,
            saved_entry_id: r.get(1)?,
        })
    })
    .optional()
}

pub fn mark_saved(conn: &Connection, case_id: i64, entry_id: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE faq_requests SET saved_entry_id = ?2 WHERE case_id = ?1")?
        .execute(params![case_id, entry_id])?;
    Ok(())
}

/// A question as logged, however often it was asked.
pub struct Logged {
    pub text: String,
    pub times: i64,
    /// The last day it was asked (`YYYY-MM-DD`).
    pub last_asked_on: String,
}

/// Every distinct logged question, most asked first.
pub fn logged_questions(conn: &Connection) -> rusqlite::Result<Vec<Logged>> {
    let mut stmt = conn.prepare_cached(
        "SELECT text, count(*), max(asked_on) FROM faq_unanswered
         GROUP BY text ORDER BY count(*) DESC, max(id) DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Logged {
            text: r.get(0)?,
            times: r.get(1)?,
            last_asked_on: r.get(2)?,
        })
    })?;
    rows.collect()
}
