//! The knowledge base in the database: entries, their soft deletion, and the shipped entries
//! loaded from `data/faq.toml` by migration 005.

pub mod posts;
pub mod requests;

use std::sync::OnceLock;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// The knowledge base shipped with the bot.
const SHIPPED: &str = include_str!("../../../data/faq.toml");

/// One knowledge-base entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub topic: String,
    pub tags: Vec<String>,
    pub question: String,
    pub alt: Vec<String>,
    pub answer: String,
    /// Words one of which a question must name to be answered with this entry (its own
    /// subject, where its topic words are shared with other entries); empty for most.
    pub subject: Vec<String>,
}

/// An entry about to be written.
pub struct NewEntry<'a> {
    pub key: Option<&'a str>,
    pub topic: &'a str,
    pub tags: &'a [String],
    pub source: &'a str,
    pub question: &'a str,
    pub alt: &'a [String],
    pub answer: &'a str,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShippedFile {
    entry: Vec<ShippedEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShippedEntry {
    key: String,
    topic: String,
    #[serde(default)]
    tags: Vec<String>,
    source: String,
    question: String,
    #[serde(default)]
    alt: Vec<String>,
    answer: String,
    #[serde(default)]
    subject: Vec<String>,
}

/// Migration 005's data step: every entry of `data/faq.toml`, in file order.
pub fn load_shipped_knowledge_base(tx: &Transaction) -> rusqlite::Result<()> {
    insert_shipped(tx, |_| Ok(true))
}

/// Migration 008's data step: the entries of `data/faq.toml` whose key the database does not
/// have (live or deleted), in file order.
pub fn load_new_shipped_entries(tx: &Transaction) -> rusqlite::Result<()> {
    insert_shipped(tx, |key| {
        tx.prepare_cached("SELECT NOT EXISTS (SELECT 1 FROM faq_entries WHERE key = ?1)")?
            .query_row([key], |row| row.get(0))
    })
}

/// The data step at every start: when `data/faq.toml` is not the file this database last took
/// its entries from (its SHA-256, kept in `faq_shipped`), the phrasings, tags and answer of
/// each shipped entry no one has edited or deleted (`updated_by` is unset) become the shipped
/// ones (staff's stay), the subject words of every shipped entry too
/// ([`refresh_shipped_subjects`]), and the file's fingerprint is kept. Every evaluation half
/// folded in changes the phrasings, and a reworded answer changes the file too; neither needs
/// a migration (a new entry does: [`load_new_shipped_entries`]). The file is only parsed when
/// it changed: an unchanged start costs one hash.
pub fn take_changed_shipped_entries(tx: &Transaction) -> rusqlite::Result<()> {
    static SHIPPED_FINGERPRINT: OnceLock<String> = OnceLock::new();
    let shipped =
        SHIPPED_FINGERPRINT.get_or_init(|| format!("{:x}", Sha256::digest(SHIPPED.as_bytes())));
    let taken: String = tx
        .prepare_cached("SELECT fingerprint FROM faq_shipped")?
        .query_row([], |row| row.get(0))?;
    if taken == *shipped {
        return Ok(());
    }
    let now = timestamp(Utc::now());
    for entry in &shipped_file()?.entry {
        tx.prepare_cached(
            "UPDATE faq_entries SET alt = ?2, tags = ?3, answer = ?4, updated_at = ?5
             WHERE key = ?1 AND updated_by IS NULL
               AND (alt <> ?2 OR tags <> ?3 OR answer <> ?4)",
        )?
        .execute(params![
            entry.key,
            json(&entry.alt),
            json(&entry.tags),
            entry.answer,
            now
        ])?;
    }
    refresh_shipped_subjects(tx)?;
    tx.prepare_cached("UPDATE faq_shipped SET fingerprint = ?1")?
        .execute([shipped])?;
    log::info!("faq: took the shipped entries of data/faq.toml {shipped}");
    Ok(())
}

/// Each shipped entry's subject words become those `data/faq.toml` ships now, edited or not:
/// staff edit an entry's answer, never what it is about. Part of
/// [`take_changed_shipped_entries`] (once the data steps of migrations 051, 054 and 057).
fn refresh_shipped_subjects(tx: &Transaction) -> rusqlite::Result<()> {
    for entry in &shipped_file()?.entry {
        tx.prepare_cached("UPDATE faq_entries SET subject = ?2 WHERE key = ?1 AND subject <> ?2")?
            .execute(params![entry.key, json(&entry.subject)])?;
    }
    Ok(())
}

/// A list column's JSON.
fn json(list: &[String]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}

/// data/faq.toml, read once per process: a new database runs the data steps of every migration
/// that brought phrasings (one per evaluation half folded in), and each reads the whole file.
fn shipped_file() -> rusqlite::Result<&'static ShippedFile> {
    static PARSED: OnceLock<Result<ShippedFile, toml::de::Error>> = OnceLock::new();
    PARSED
        .get_or_init(|| toml::from_str(SHIPPED))
        .as_ref()
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e.clone())))
}

/// Inserts the shipped entries for which `wanted(key)` says so, in file order.
fn insert_shipped(
    tx: &Transaction,
    mut wanted: impl FnMut(&str) -> rusqlite::Result<bool>,
) -> rusqlite::Result<()> {
    let file = shipped_file()?;
    let now = Utc::now();
    for entry in &file.entry {
        if !wanted(&entry.key)? {
            continue;
        }
        insert(
            tx,
            &NewEntry {
                key: Some(&entry.key),
                topic: &entry.topic,
                tags: &entry.tags,
                source: &entry.source,
                question: &entry.question,
                alt: &entry.alt,
                answer: &entry.answer,
            },
            now,
            None,
        )?;
    }
    Ok(())
}

/// Times in this capability's tables: UTC, whole seconds, so that they compare as text.
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Changes whenever any entry changes (a trigger sets a new random value), including
/// changes a rollback undid: an index built from a version is current while it matches.
pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.prepare_cached("SELECT version FROM faq_version")?
        .query_row([], |r| r.get(0))
}

/// Reads the columns `id, topic, tags, question, alt, answer, subject`, in that order.
fn entry_from_row(row: &Row) -> rusqlite::Result<Entry> {
    let list = |index: usize| -> rusqlite::Result<Vec<String>> {
        let json: String = row.get(index)?;
        serde_json::from_str(&json).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, e.into())
        })
    };
    Ok(Entry {
        id: row.get(0)?,
        topic: row.get(1)?,
        tags: list(2)?,
        question: row.get(3)?,
        alt: list(4)?,
        answer: row.get(5)?,
        subject: list(6)?,
    })
}

/// Every entry not deleted, by id.
pub fn live_entries(conn: &Connection) -> rusqlite::Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, topic, tags, question, alt, answer, subject FROM faq_entries
         WHERE deleted_at IS NULL ORDER BY id",
    )?;
    let rows = stmt.query_map([], entry_from_row)?;
    rows.collect()
}

/// The entry with `id` if it is not deleted.
pub fn live_entry(conn: &Connection, id: i64) -> rusqlite::Result<Option<Entry>> {
    conn.prepare_cached(
        "SELECT id, topic, tags, question, alt, answer, subject FROM faq_entries
         WHERE id = ?1 AND deleted_at IS NULL",
    )?
    .query_row([id], entry_from_row)
    .optional()
}

/// The entry with `id`, deleted or not, and whether it is deleted.
pub fn any_entry(conn: &Connection, id: i64) -> rusqlite::Result<Option<(Entry, bool)>> {
    let sql = "SELECT id, topic, tags, question, alt, answer, subject, deleted_at IS NOT NULL
               FROM faq_entries WHERE id = ?1";
    conn.prepare_cached(sql)?
        .query_row([id], |row| Ok((entry_from_row(row)?, row.get(7)?)))
        .optional()
}

/// The id of a live entry asking exactly `question` (spacing aside), if any.
pub fn live_entry_with_question(
    conn: &Connection,
    question: &str,
) -> rusqlite::Result<Option<i64>> {
    let wanted = collapse_spaces(question);
    let mut stmt =
        conn.prepare_cached("SELECT id, question FROM faq_entries WHERE deleted_at IS NULL")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let text: String = row.get(1)?;
        if collapse_spaces(&text) == wanted {
            return Ok(Some(row.get(0)?));
        }
    }
    Ok(None)
}

pub fn insert(
    conn: &Connection,
    entry: &NewEntry,
    now: DateTime<Utc>,
    by: Option<i64>,
) -> rusqlite::Result<i64> {
    let at = timestamp(now);
    conn.prepare_cached(
        "INSERT INTO faq_entries
             (key, topic, tags, source, question, alt, answer, created_at, created_by,
              updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8, ?9)",
    )?
    .execute(params![
        entry.key,
        entry.topic,
        json(entry.tags),
        entry.source,
        entry.question,
        json(entry.alt),
        entry.answer,
        at,
        by
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn update_answer(
    conn: &Connection,
    id: i64,
    answer: &str,
    now: DateTime<Utc>,
    by: i64,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE faq_entries SET answer = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
    )?
    .execute(params![id, answer, timestamp(now), by])?;
    Ok(())
}

/// Marks an entry deleted (or live again); nothing is removed.
pub fn set_deleted(
    conn: &Connection,
    id: i64,
    deleted: bool,
    now: DateTime<Utc>,
    by: i64,
) -> rusqlite::Result<()> {
    let at = timestamp(now);
    conn.prepare_cached(
        "UPDATE faq_entries
         SET deleted_at = CASE WHEN ?2 THEN ?3 END,
             deleted_by = CASE WHEN ?2 THEN ?4 END,
             updated_at = ?3, updated_by = ?4
         WHERE id = ?1",
    )?
    .execute(params![id, deleted, at, by])?;
    Ok(())
}

/// A topic with its live entries' count and its first entry, whose id stands for the topic
/// in buttons (topic names are too long for button data).
pub struct Topic {
    pub name: String,
    pub first_id: i64,
    pub count: i64,
}

/// Topics in the order their first entries were written.
pub fn topics(conn: &Connection) -> rusqlite::Result<Vec<Topic>> {
    let mut stmt = conn.prepare_cached(
        "SELECT topic, min(id), count(*) FROM faq_entries
         WHERE deleted_at IS NULL GROUP BY topic ORDER BY min(id)",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Topic {
            name: r.get(0)?,
            first_id: r.get(1)?,
            count: r.get(2)?,
        })
    })?;
    rows.collect()
}

/// (id, question) of the live entries of `topic`, by id.
pub fn questions_in_topic(conn: &Connection, topic: &str) -> rusqlite::Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, question FROM faq_entries
         WHERE deleted_at IS NULL AND topic = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([topic], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

/// Runs of whitespace (line breaks included) as one space, without leading or trailing space.
pub fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_knowledge_base_loads_with_every_field() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::db::apply_migrations(&mut conn, super::super::CAPABILITY.data_steps).unwrap();
        let entries = live_entries(&conn).unwrap();
        assert!(entries.len() >= 40, "{} entries", entries.len());
        for entry in &entries {
            assert!(!entry.question.is_empty() && !entry.answer.is_empty());
            assert!(
                !entry.topic.is_empty() && !entry.tags.is_empty(),
                "{entry:?}"
            );
        }
        let sources: i64 = conn
            .query_row(
                "SELECT count(*) FROM faq_entries WHERE key IS NOT NULL AND source <> ''",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(sources as usize, entries.len());
    }

    #[test]
    fn entries_added_to_the_file_later_reach_a_database_made_before_them() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::db::apply_migrations(&mut conn, super::super::CAPABILITY.data_steps).unwrap();
        let shipped: ShippedFile = toml::from_str(SHIPPED).unwrap();
        let keys = |conn: &Connection| -> Vec<String> {
            let mut stmt = conn
                .prepare("SELECT key FROM faq_entries WHERE key IS NOT NULL ORDER BY id")
                .unwrap();
            stmt.query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect()
        };
        let every_key: Vec<String> = shipped.entry.iter().map(|e| e.key.clone()).collect();
        // A fresh database has each shipped entry once: 009 adds nothing to what 005 loaded.
        assert_eq!(keys(&conn), every_key);

        // A database from before: the last entry missing, another one deleted by staff.
        let newest = every_key.last().unwrap();
        conn.execute("DELETE FROM faq_entries WHERE key = ?1", [newest])
            .unwrap();
        set_deleted(&conn, 1, true, Utc::now(), 7).unwrap();
        let tx = conn.transaction().unwrap();
        load_new_shipped_entries(&tx).unwrap();
        tx.commit().unwrap();
        assert_eq!(keys(&conn), every_key);
        assert!(
            live_entry(&conn, 1).unwrap().is_none(),
            "a deleted entry stays deleted"
        );
    }

    #[test]
    fn every_change_to_an_entry_changes_the_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::db::apply_migrations(&mut conn, super::super::CAPABILITY.data_steps).unwrap();
        let now = Utc::now();
        let before = version(&conn).unwrap();
        update_answer(&conn, 1, "ใหม่", now, 7).unwrap();
        let after_edit = version(&conn).unwrap();
        set_deleted(&conn, 1, true, now, 7).unwrap();
        let after_delete = version(&conn).unwrap();
        assert!(before != after_edit && after_edit != after_delete);
        assert!(live_entry(&conn, 1).unwrap().is_none());
        let (entry, deleted) = any_entry(&conn, 1).unwrap().unwrap();
        assert!(deleted);
        assert_eq!(entry.answer, "ใหม่");
        set_deleted(&conn, 1, false, now, 7).unwrap();
        assert!(live_entry(&conn, 1).unwrap().is_some());
    }

    #[test]
    fn questions_compare_without_regard_to_spacing() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::db::apply_migrations(&mut conn, super::super::CAPABILITY.data_steps).unwrap();
        let first = live_entry(&conn, 1).unwrap().unwrap();
        let spaced = format!("  {}\n", first.question);
        assert_eq!(live_entry_with_question(&conn, &spaced).unwrap(), Some(1));
        assert_eq!(live_entry_with_question(&conn, "ไม่มีคำถามนี้").unwrap(), None);
    }
}
