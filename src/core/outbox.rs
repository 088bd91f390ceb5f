//! The persistent outbox: messages owed by committed changes, written in the same
//! transaction as the change and deleted once sent. A crash between commit and send loses
//! nothing; only a send in flight at the instant of the crash may be repeated.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::context::Persist;
use super::event::{Attachment, Delivery, Effect, OutMessage, Platform};

/// After this many failed attempts a row stops being retried automatically; it stays in the
/// table (shown by /status) instead of being dropped.
pub const MAX_ATTEMPTS: i64 = 20;

/// Stores the outbox-bound effects and returns every effect as a delivery, except the
/// messages held for a suspended group.
pub fn persist(
    conn: &Connection,
    effects: Vec<(Effect, Persist)>,
    now: DateTime<Utc>,
) -> rusqlite::Result<Vec<Delivery>> {
    let mut deliveries = Vec::with_capacity(effects.len());
    let mut insert = conn.prepare_cached(
        "INSERT INTO outbox (chat_id, payload, file_blob, created_at, next_attempt_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
    )?;
    let mut suspended = conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM groups WHERE chat_id = ?1 AND suspended_at IS NOT NULL)",
    )?;
    for (effect, persist) in effects {
        let outbox_id = match (persist, effect.chat_id()) {
            (Persist::Outbox, Some(chat_id)) => {
                let payload = serde_json::to_string(&effect)
                    .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
                insert.execute(params![
                    chat_id,
                    payload,
                    file_bytes(&effect),
                    now.to_rfc3339()
                ])?;
                let row = conn.last_insert_rowid();
                // Held for a group the bot was removed from: never tried there, delivered
                // once a group is registered for its role again (`redirect_held`).
                if suspended.query_row([chat_id], |r| r.get::<_, bool>(0))? {
                    continue;
                }
                Some(row)
            }
            _ => None,
        };
        deliveries.push(Delivery { outbox_id, effect });
    }
    Ok(deliveries)
}

fn file_bytes(effect: &Effect) -> Option<&[u8]> {
    match effect {
        Effect::Send { message, .. } | Effect::Edit { message, .. } => file_bytes_of(message),
        Effect::AnswerButton { .. }
        | Effect::RemoveButtons { .. }
        | Effect::DeleteMessage { .. } => None,
    }
}

fn file_bytes_of(message: &OutMessage) -> Option<&[u8]> {
    match &message.attachment {
        Some(Attachment::File { bytes, .. }) => Some(bytes),
        _ => None,
    }
}

/// Makes every message still owed that posts `card` show `message` instead: a card changed
/// before its first send (LINE's push waiting for the quota, a group whose messages wait)
/// goes out as it stands now, and its copy is then recorded as usual. Rows carrying file
/// bytes are left as they are.
pub fn refresh_owed_card(
    conn: &Connection,
    card: &str,
    message: &OutMessage,
) -> rusqlite::Result<()> {
    if file_bytes_of(message).is_some() {
        return Ok(());
    }
    let mentions = serde_json::to_string(card)
        .map(|quoted| format!("%\"card\":{quoted}%"))
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    let owed: Vec<(i64, String)> = conn
        .prepare_cached(
            "SELECT id, payload FROM outbox WHERE payload LIKE ?1 AND file_blob IS NULL",
        )?
        .query_map([mentions], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = conn.prepare_cached("UPDATE outbox SET payload = ?2 WHERE id = ?1")?;
    for (id, payload) in owed {
        let Ok(Effect::Send {
            chat_id,
            message: owed,
        }) = serde_json::from_str::<Effect>(&payload)
        else {
            continue;
        };
        if owed.card.as_deref() != Some(card) {
            continue;
        }
        let current = OutMessage {
            reply_to: owed.reply_to,
            ..message.clone()
        };
        let effect = Effect::Send {
            chat_id,
            message: current,
        };
        let payload = serde_json::to_string(&effect)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        update.execute(params![id, payload])?;
    }
    Ok(())
}

/// The message the row `id` sends, while it is owed; `None` for a row carrying file bytes,
/// which [`refresh_owed_card`] never rewrites.
pub fn owed_message(conn: &Connection, id: i64) -> rusqlite::Result<Option<OutMessage>> {
    let payload: Option<String> = conn
        .prepare_cached("SELECT payload FROM outbox WHERE id = ?1 AND file_blob IS NULL")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    Ok(
        match payload.and_then(|p| serde_json::from_str::<Effect>(&p).ok()) {
            Some(Effect::Send { message, .. }) => Some(message),
            _ => None,
        },
    )
}

pub fn remove(conn: &Connection, ids: &[i64]) -> rusqlite::Result<()> {
    let mut delete = conn.prepare_cached("DELETE FROM outbox WHERE id = ?1")?;
    for id in ids {
        delete.execute([id])?;
    }
    Ok(())
}

/// Exponential backoff from 2 s up to 10 minutes.
pub fn postpone(
    conn: &Connection,
    id: i64,
    error: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let attempts: i64 = conn
        .query_row("SELECT attempts FROM outbox WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap_or(0);
    let delay = Duration::seconds(2i64.saturating_pow((attempts + 1).min(10) as u32).min(600));
    conn.execute(
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3 WHERE id = ?1",
        params![id, (now + delay).to_rfc3339(), error],
    )?;
    Ok(())
}

/// Stops retrying a row: it stays, with its error, for /status to count.
pub fn give_up(conn: &Connection, id: i64, error: &str) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE outbox SET attempts = ?2, last_error = ?3 WHERE id = ?1",
        params![id, MAX_ATTEMPTS, error],
    )?;
    Ok(())
}

/// Hands the messages held for the group `from` (the bot was removed from it) to the group
/// `to` now registered for its role (or to `from` itself, the bot back in it), due at once.
/// Edits and deletions of messages in `from` cannot be carried out anywhere else and are
/// dropped unless `to` is `from`.
pub fn redirect_held(
    conn: &Connection,
    from: i64,
    to: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<usize> {
    let held: Vec<(i64, String)> = conn
        .prepare_cached("SELECT id, payload FROM outbox WHERE chat_id = ?1 ORDER BY id")?
        .query_map([from], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut redirected = 0;
    for (id, payload) in held {
        match serde_json::from_str::<Effect>(&payload) {
            Ok(_) if from == to => {
                conn.prepare_cached(
                    "UPDATE outbox SET attempts = 0, next_attempt_at = ?2, last_error = NULL
                     WHERE id = ?1",
                )?
                .execute(params![id, now.to_rfc3339()])?;
                redirected += 1;
            }
            Ok(Effect::Send { message, .. }) => {
                let effect = Effect::Send {
                    chat_id: to,
                    message,
                };
                let payload = serde_json::to_string(&effect)
                    .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
                conn.prepare_cached(
                    "UPDATE outbox SET chat_id = ?2, payload = ?3, attempts = 0,
                     next_attempt_at = ?4, last_error = NULL WHERE id = ?1",
                )?
                .execute(params![id, to, payload, now.to_rfc3339()])?;
                redirected += 1;
            }
            _ => remove(conn, &[id])?,
        }
    }
    Ok(redirected)
}

/// Rows whose time has come, oldest first, except those being sent right now; only those of
/// `platform`'s chats when given.
pub fn due(
    conn: &Connection,
    now: DateTime<Utc>,
    exclude: &[i64],
    platform: Option<Platform>,
) -> rusqlite::Result<Vec<Delivery>> {
    let line = Platform::LINE_IDS;
    // The whole id range when no platform is asked for; else LINE's or everything outside it.
    let (low, high, inside) = match platform {
        None => (i64::MIN, i64::MAX, 1),
        Some(Platform::Line) => (line.start, line.end - 1, 1),
        Some(Platform::Telegram) => (line.start, line.end - 1, 0),
    };
    let mut stmt = conn.prepare_cached(
        "SELECT id, payload, file_blob FROM outbox
         WHERE next_attempt_at <= ?1 AND attempts < ?2 AND (chat_id BETWEEN ?3 AND ?4) = ?5
           AND chat_id NOT IN (SELECT chat_id FROM groups WHERE suspended_at IS NOT NULL)
         ORDER BY id LIMIT 500",
    )?;
    let rows = stmt.query_map(
        params![now.to_rfc3339(), MAX_ATTEMPTS, low, high, inside],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<Vec<u8>>>(2)?,
            ))
        },
    )?;
    let mut deliveries = Vec::new();
    for row in rows {
        let (id, payload, blob) = row?;
        if exclude.contains(&id) {
            continue;
        }
        match serde_json::from_str::<Effect>(&payload) {
            Ok(mut effect) => {
                restore_file_bytes(&mut effect, blob);
                deliveries.push(Delivery {
                    outbox_id: Some(id),
                    effect,
                });
            }
            Err(e) => log::error!("outbox row {id} cannot be read back: {e}"),
        }
    }
    Ok(deliveries)
}

fn restore_file_bytes(effect: &mut Effect, blob: Option<Vec<u8>>) {
    if let (Effect::Send { message, .. } | Effect::Edit { message, .. }, Some(blob)) =
        (effect, blob)
        && let Some(Attachment::File { bytes, .. }) = &mut message.attachment
    {
        *bytes = blob;
    }
}

/// Messages no longer retried (a platform refused them): how many, and the newest's error.
pub fn refused(conn: &Connection) -> rusqlite::Result<Option<(i64, String)>> {
    let (count, error): (i64, Option<String>) = conn.query_row(
        "SELECT count(*), (SELECT last_error FROM outbox WHERE attempts >= ?1 ORDER BY id DESC LIMIT 1)
         FROM outbox WHERE attempts >= ?1",
        [MAX_ATTEMPTS],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((count > 0).then(|| (count, error.unwrap_or_default())))
}

pub fn pending_count(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))
}

/// Wall-clock milliseconds since the Unix epoch, as the sent log keeps them.
pub fn unix_ms(at: std::time::SystemTime) -> i64 {
    at.duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

/// How long the sent log keeps a send: longer than the longest window of Telegram's limits
/// (20 messages a minute to a group).
const SENT_LOG_KEEP_MS: i64 = 120_000;

/// Notes a message going to `chat_id` at `sent_at_ms` (wall clock), and forgets sends too
/// old to matter to any limit.
pub fn log_send(conn: &Connection, chat_id: i64, sent_at_ms: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT INTO sent_log (chat_id, sent_at_ms) VALUES (?1, ?2)")?
        .execute(params![chat_id, sent_at_ms])?;
    conn.prepare_cached("DELETE FROM sent_log WHERE sent_at_ms < ?1")?
        .execute([sent_at_ms - SENT_LOG_KEEP_MS])?;
    Ok(())
}

/// The sends logged since `since_ms`, oldest first: (chat id, time in ms).
pub fn sends_since(conn: &Connection, since_ms: i64) -> rusqlite::Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT chat_id, sent_at_ms FROM sent_log WHERE sent_at_ms >= ?1 ORDER BY sent_at_ms",
    )?;
    stmt.query_map([since_ms], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect()
}
