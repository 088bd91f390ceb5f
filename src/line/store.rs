//! The LINE adapter's rows (migrations/008_line.sql): accepted events, the LINE ids behind
//! core ids, and push retry keys. Each function runs on the store thread.

use rusqlite::{Connection, OptionalExtension, params};

/// An accepted event waiting to be handled.
#[derive(Debug, Clone)]
pub struct Pending {
    /// The row id of its `line_events` row; the core's update id is its negation.
    pub event_id: i64,
    pub chat: String,
    pub payload: String,
    pub received_at: chrono::DateTime<chrono::Utc>,
}

/// Records an event unless its webhookEventId was seen before; true when it is new.
pub fn accept(
    conn: &Connection,
    webhook_event_id: &str,
    chat: &str,
    payload: &str,
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
        "INSERT INTO line_inbox (event_id, chat, payload, received_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        conn.last_insert_rowid(),
        chat,
        payload,
        now.to_rfc3339()
    ])?;
    Ok(true)
}

/// Accepted events after `after`, oldest first.
pub fn pending_after(conn: &Connection, after: i64) -> rusqlite::Result<Vec<Pending>> {
    let mut stmt = conn.prepare_cached(
        "SELECT event_id, chat, payload, received_at FROM line_inbox
         WHERE event_id > ?1 ORDER BY event_id LIMIT 500",
    )?;
    let rows = stmt.query_map([after], |r| {
        let at: String = r.get(3)?;
        Ok(Pending {
            event_id: r.get(0)?,
            chat: r.get(1)?,
            payload: r.get(2)?,
            received_at: chrono::DateTime::parse_from_rfc3339(&at)
                .map(|t| t.to_utc())
                .unwrap_or_default(),
        })
    })?;
    rows.collect()
}

/// Ends an event's stay in the inbox, remembering the LINE ids the outbox will need: the
/// group or room always; the person only when a message to their own chat waits in the
/// outbox (never for someone whose chat only received direct messages, as an anonymous
/// filer's does).
pub fn handled(
    conn: &Connection,
    event_id: i64,
    chat: Option<(i64, &str, bool)>,
) -> rusqlite::Result<()> {
    if let Some((core_id, line_id, private)) = chat {
        let needed = !private
            || conn
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM outbox WHERE chat_id = ?1)")?
                .query_row([core_id], |r| r.get::<_, bool>(0))?;
        if needed {
            remember_chat(conn, core_id, line_id)?;
        }
    }
    conn.prepare_cached("DELETE FROM line_inbox WHERE event_id = ?1")?
        .execute([event_id])?;
    Ok(())
}

pub fn remember_chat(conn: &Connection, core_id: i64, line_id: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO line_chats (core_id, line_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
    )?
    .execute(params![core_id, line_id])?;
    Ok(())
}

pub fn line_id_of(conn: &Connection, core_id: i64) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT line_id FROM line_chats WHERE core_id = ?1")?
        .query_row([core_id], |r| r.get(0))
        .optional()
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

/// Forgets the retry keys of messages that are delivered.
pub fn forget_keys(conn: &Connection, outbox_ids: &[i64]) -> rusqlite::Result<()> {
    let mut delete = conn.prepare_cached("DELETE FROM line_push_keys WHERE outbox_id = ?1")?;
    for id in outbox_ids {
        delete.execute([id])?;
    }
    Ok(())
}
