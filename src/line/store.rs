//! The LINE adapter's rows (migrations/010_line.sql): accepted events, the LINE ids behind
//! core ids, push retry keys and the files served by link. Each function runs on the store
//! thread.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::seal::Sealer;

/// An accepted event waiting to be handled.
#[derive(Debug, Clone)]
pub struct Pending {
    /// The row id of its `line_events` row; the core's update id is its negation.
    pub event_id: i64,
    /// The event's JSON, `None` when it cannot be unsealed (the channel secret changed).
    pub payload: Option<String>,
    pub received_at: chrono::DateTime<chrono::Utc>,
}

/// Records an event unless its webhookEventId was seen before; true when it is new.
pub fn accept(
    conn: &Connection,
    webhook_event_id: &str,
    sealed: &[u8],
    now: chrono::DateTime<chrono::Utc>,
) -> rusqlite::Result<bool> {
    let fresh = conn
        .prepare_cached(
            "INSERT INTO line_events (webhook_event_id) VALUES (?1) ON CONFLICT DO NOTHING",
        )?
        .execute([webhook_event_id])?;
    if fresh == 0 {
        return Ok(false);
    }
    conn.prepare_cached(
        "INSERT INTO line_inbox (event_id, sealed, received_at) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![conn.last_insert_rowid(), sealed, now.to_rfc3339()])?;
    Ok(true)
}

/// Accepted events after `after`, oldest first.
pub fn pending_after(
    conn: &Connection,
    sealer: &Sealer,
    after: i64,
) -> rusqlite::Result<Vec<Pending>> {
    let mut stmt = conn.prepare_cached(
        "SELECT event_id, sealed, received_at FROM line_inbox
         WHERE event_id > ?1 ORDER BY event_id LIMIT 500",
    )?;
    let rows = stmt.query_map([after], |r| {
        let sealed: Vec<u8> = r.get(1)?;
        let at: String = r.get(2)?;
        Ok(Pending {
            event_id: r.get(0)?,
            payload: sealer
                .open(&sealed)
                .and_then(|plain| String::from_utf8(plain).ok()),
            received_at: chrono::DateTime::parse_from_rfc3339(&at)
                .map(|t| t.to_utc())
                .unwrap_or_default(),
        })
    })?;
    rows.collect()
}

/// Ends an event's stay in the inbox, remembering the LINE id of its chat for later pushes.
pub fn handled(
    conn: &Connection,
    sealer: &Sealer,
    event_id: i64,
    chat: Option<(i64, &str)>,
) -> rusqlite::Result<()> {
    if let Some((core_id, line_id)) = chat {
        remember_chat(conn, sealer, core_id, line_id)?;
    }
    conn.prepare_cached("DELETE FROM line_inbox WHERE event_id = ?1")?
        .execute([event_id])?;
    Ok(())
}

pub fn remember_chat(
    conn: &Connection,
    sealer: &Sealer,
    core_id: i64,
    line_id: &str,
) -> rusqlite::Result<()> {
    // Kept when readable: a fresh seal would rewrite the row (and the WAL) on every event.
    if line_id_of(conn, sealer, core_id)?.as_deref() == Some(line_id) {
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT INTO line_chats (lookup, sealed) VALUES (?1, ?2)
         ON CONFLICT (lookup) DO UPDATE SET sealed = excluded.sealed",
    )?
    .execute(params![
        sealer.lookup(core_id),
        sealer.seal(line_id.as_bytes())
    ])?;
    Ok(())
}

pub fn line_id_of(
    conn: &Connection,
    sealer: &Sealer,
    core_id: i64,
) -> rusqlite::Result<Option<String>> {
    let sealed: Option<Vec<u8>> = conn
        .prepare_cached("SELECT sealed FROM line_chats WHERE lookup = ?1")?
        .query_row([sealer.lookup(core_id)], |r| r.get(0))
        .optional()?;
    Ok(sealed
        .and_then(|s| sealer.open(&s))
        .and_then(|plain| String::from_utf8(plain).ok()))
}

/// The retry key of a push, made and written the first time it is asked for.
pub fn retry_key(conn: &Connection, outbox_id: i64, part: usize) -> rusqlite::Result<String> {
    let existing: Option<String> = conn
        .prepare_cached("SELECT retry_key FROM line_push_keys WHERE outbox_id = ?1 AND part = ?2")?
        .query_row(params![outbox_id, part as i64], |r| r.get(0))
        .optional()?;
    if let Some(key) = existing {
        return Ok(key);
    }
    let key = uuid::Uuid::new_v4().to_string();
    conn.prepare_cached(
        "INSERT INTO line_push_keys (outbox_id, part, retry_key) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![outbox_id, part as i64, key])?;
    Ok(key)
}

/// What stands in `line_push_keys` for the part of a message LINE took as a reply (its first
/// five messages, when it has more than a reply holds): that part is never pushed.
pub const REPLIED: &str = "replied";

/// Records that part `part` of outbox row `outbox_id` went by reply.
pub fn part_replied(conn: &Connection, outbox_id: i64, part: usize) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO line_push_keys (outbox_id, part, retry_key) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![outbox_id, part as i64, REPLIED])?;
    Ok(())
}

/// Forgets the retry keys of messages that are delivered.
pub fn forget_keys(conn: &Connection, outbox_ids: &[i64]) -> rusqlite::Result<()> {
    let mut delete = conn.prepare_cached("DELETE FROM line_push_keys WHERE outbox_id = ?1")?;
    for id in outbox_ids {
        delete.execute([id])?;
    }
    Ok(())
}

/// A file served to one chat under a link.
pub struct StoredFile<'a> {
    pub token: &'a str,
    pub chat_id: i64,
    pub name: &'a str,
    pub mime: &'a str,
    pub bytes: &'a [u8],
    /// The core file id it was fetched for, if any.
    pub source: Option<&'a str>,
}

pub fn store_file(
    conn: &Connection,
    file: &StoredFile,
    expires: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO line_files (token, chat_id, name, mime, bytes, source, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        file.token,
        file.chat_id,
        file.name,
        file.mime,
        file.bytes,
        file.source,
        expires.to_rfc3339()
    ])?;
    Ok(())
}

/// A file by its link's token while the link lasts: name, type, bytes.
pub fn file_by_token(
    conn: &Connection,
    token: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<Option<(String, String, Vec<u8>)>> {
    conn.prepare_cached(
        "SELECT name, mime, bytes FROM line_files WHERE token = ?1 AND expires_at > ?2",
    )?
    .query_row(params![token, now.to_rfc3339()], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })
    .optional()
}

/// Stops serving every copy of a file fetched for `source` (a core file id).
pub fn remove_files_of(conn: &Connection, source: &str) -> rusqlite::Result<usize> {
    conn.prepare_cached("DELETE FROM line_files WHERE source = ?1")?
        .execute([source])
}

pub fn remove_expired_files(conn: &Connection, now: DateTime<Utc>) -> rusqlite::Result<usize> {
    conn.prepare_cached("DELETE FROM line_files WHERE expires_at <= ?1")?
        .execute([now.to_rfc3339()])
}
