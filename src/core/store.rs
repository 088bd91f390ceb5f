//! The core's own rows: processed update ids, registered groups, people's language, settings
//! and the append-only audit log. (Owed messages are `outbox.rs`.)

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::event::Role;
use crate::i18n::Lang;

/// Records an update id; false when it was already processed (a redelivery).
pub fn record_update(conn: &Connection, update_id: i64) -> rusqlite::Result<bool> {
    let fresh = conn
        .prepare_cached(
            "INSERT INTO processed_updates (update_id) VALUES (?1) ON CONFLICT DO NOTHING",
        )?
        .execute([update_id])?;
    Ok(fresh > 0)
}

/// Forgets an update id whose handling was undone, so its redelivery is handled.
pub fn forget_update(conn: &Connection, update_id: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM processed_updates WHERE update_id = ?1")?
        .execute([update_id])?;
    Ok(())
}

/// The role of the registered group `chat_id`, if it is one.
pub fn role_of_chat(conn: &Connection, chat_id: i64) -> rusqlite::Result<Option<Role>> {
    Ok(conn
        .prepare_cached("SELECT role FROM groups WHERE chat_id = ?1")?
        .query_row([chat_id], |r| r.get::<_, String>(0))
        .optional()?
        .and_then(|r| Role::from_code(&r)))
}

/// The chat id of the group registered for `role`.
pub fn group_chat(conn: &Connection, role: Role) -> rusqlite::Result<Option<i64>> {
    Ok(registered_group(conn, role)?.map(|group| group.chat_id))
}

/// A registered group as `/groups` lists it.
pub struct RegisteredGroup {
    pub chat_id: i64,
    pub title: Option<String>,
    /// The bot was removed from it (or may no longer post there); messages owed to it are held.
    pub suspended: bool,
}

pub fn registered_group(
    conn: &Connection,
    role: Role,
) -> rusqlite::Result<Option<RegisteredGroup>> {
    conn.prepare_cached(
        "SELECT chat_id, title, suspended_at IS NOT NULL FROM groups WHERE role = ?1",
    )?
    .query_row([role.code()], |r| {
        Ok(RegisteredGroup {
            chat_id: r.get(0)?,
            title: r.get(1)?,
            suspended: r.get(2)?,
        })
    })
    .optional()
}

/// Suspends the registration of `chat_id` (kept, with who made it); the group's role and
/// title when it was registered and not suspended yet, so that admins are told once.
pub fn suspend_group(
    conn: &Connection,
    chat_id: i64,
    at: DateTime<Utc>,
) -> rusqlite::Result<Option<(Role, Option<String>)>> {
    groups_changed();
    Ok(conn
        .prepare_cached(
            "UPDATE groups SET suspended_at = ?2 WHERE chat_id = ?1 AND suspended_at IS NULL
             RETURNING role, title",
        )?
        .query_row(params![chat_id, at.to_rfc3339()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
        })
        .optional()?
        .and_then(|(role, title)| Some((Role::from_code(&role)?, title))))
}

/// Counts changes of the registered groups in this process, so that a copy of the list kept
/// in memory is read again after any of them ([`groups_version`]). Process-wide: with several
/// stores in one process (tests) a change in one only makes the others read theirs again.
static GROUPS_CHANGED: AtomicU64 = AtomicU64::new(0);

/// Bumped by every function here that changes the `groups` table, before its transaction
/// commits: a reader that sees the new version and then reads the table on the store thread
/// reads the change.
fn groups_changed() {
    GROUPS_CHANGED.fetch_add(1, Ordering::SeqCst);
}

/// The version of the registered groups: equal versions, equal lists.
pub fn groups_version() -> u64 {
    GROUPS_CHANGED.load(Ordering::SeqCst)
}

/// Every registered group by role.
pub fn registered_groups(conn: &Connection) -> rusqlite::Result<Vec<(Role, i64)>> {
    let mut stmt = conn.prepare_cached("SELECT role, chat_id FROM groups ORDER BY role")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    let mut groups = Vec::new();
    for row in rows {
        let (role, chat_id) = row?;
        if let Some(role) = Role::from_code(&role) {
            groups.push((role, chat_id));
        }
    }
    Ok(groups)
}

/// Registers `chat_id` for `role`, replacing the role's previous group and any other role
/// this chat had.
pub fn register_group(
    conn: &Connection,
    role: Role,
    chat_id: i64,
    title: Option<&str>,
    registered_by: i64,
    at: DateTime<Utc>,
) -> rusqlite::Result<()> {
    groups_changed();
    conn.prepare_cached("DELETE FROM groups WHERE role = ?1 OR chat_id = ?2")?
        .execute(params![role.code(), chat_id])?;
    conn.prepare_cached(
        "INSERT INTO groups (chat_id, role, title, registered_by, registered_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        chat_id,
        role.code(),
        title,
        registered_by,
        at.to_rfc3339()
    ])?;
    Ok(())
}

/// Registers a group for a role unless that role already has one.
pub fn ensure_group(
    conn: &Connection,
    role: Role,
    chat_id: i64,
    title: &str,
    at: DateTime<Utc>,
) -> rusqlite::Result<()> {
    groups_changed();
    conn.prepare_cached(
        "INSERT INTO groups (chat_id, role, title, registered_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT DO NOTHING",
    )?
    .execute(params![chat_id, role.code(), title, at.to_rfc3339()])?;
    Ok(())
}

/// Moves a registration to the new id of an upgraded supergroup; false when `from` was no
/// registered group.
pub fn move_group(conn: &Connection, from: i64, to: i64) -> rusqlite::Result<bool> {
    groups_changed();
    let moved = conn
        .prepare_cached("UPDATE groups SET chat_id = ?2 WHERE chat_id = ?1")?
        .execute(params![from, to])?;
    Ok(moved > 0)
}

/// The language a person chose, if any.
pub fn language_of(conn: &Connection, user_id: i64) -> rusqlite::Result<Option<Lang>> {
    Ok(conn
        .prepare_cached("SELECT lang FROM user_prefs WHERE user_id = ?1")?
        .query_row([user_id], |r| r.get::<_, String>(0))
        .optional()?
        .and_then(|l| Lang::from_code(&l)))
}

pub fn set_language(conn: &Connection, user_id: i64, lang: Lang) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO user_prefs (user_id, lang) VALUES (?1, ?2)
         ON CONFLICT (user_id) DO UPDATE SET lang = excluded.lang",
    )?
    .execute(params![user_id, lang.code()])?;
    Ok(())
}

pub fn get_setting(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()
}

pub fn set_setting(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute([key, value])?;
    Ok(())
}

pub fn clear_setting(conn: &Connection, key: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM settings WHERE key = ?1")?
        .execute([key])?;
    Ok(())
}

/// One line of the append-only audit log.
pub struct AuditEntry<'a> {
    pub at: DateTime<Utc>,
    pub actor_id: i64,
    pub actor_name: &'a str,
    pub action: &'a str,
    pub subject: &'a str,
    pub detail: &'a str,
}

pub fn append_audit(conn: &Connection, entry: &AuditEntry) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit_log (at, actor_id, actor_name, action, subject, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        entry.at.to_rfc3339(),
        entry.actor_id,
        entry.actor_name,
        entry.action,
        entry.subject,
        entry.detail
    ])?;
    Ok(())
}

/// Records where a card was posted (see `OutMessage::card`).
pub fn record_card_copy(
    conn: &Connection,
    card: &str,
    chat_id: i64,
    message_id: i64,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO card_copies (card, chat_id, message_id) VALUES (?1, ?2, ?3)
         ON CONFLICT DO NOTHING",
    )?
    .execute(params![card, chat_id, message_id])?;
    Ok(())
}

/// Every (chat, message) known to show `card`, oldest first.
pub fn card_copies(conn: &Connection, card: &str) -> rusqlite::Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT chat_id, message_id FROM card_copies WHERE card = ?1 ORDER BY chat_id, message_id",
    )?;
    let rows = stmt.query_map([card], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

/// Records a forwarded line's offer (see `relayed.rs`), first dropping the expired ones and,
/// beyond `most` open at once, the oldest; returns its id.
pub fn insert_forwarded_offer(
    conn: &Connection,
    chat_id: i64,
    line: &str,
    now: DateTime<Utc>,
    expires: DateTime<Utc>,
    most: i64,
) -> rusqlite::Result<i64> {
    conn.prepare_cached("DELETE FROM forwarded_offers WHERE expires_at <= ?1")?
        .execute([now.timestamp()])?;
    conn.prepare_cached(
        "DELETE FROM forwarded_offers WHERE id NOT IN
         (SELECT id FROM forwarded_offers ORDER BY id DESC LIMIT ?1)",
    )?
    .execute([most - 1])?;
    conn.prepare_cached(
        "INSERT INTO forwarded_offers (chat_id, line, expires_at) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![chat_id, line, expires.timestamp()])?;
    Ok(conn.last_insert_rowid())
}

/// Takes the offer `id` made in `chat_id` and not expired: its line, and the offer is gone.
/// `None` when it was taken already, expired, or is another chat's.
pub fn take_forwarded_offer(
    conn: &Connection,
    id: i64,
    chat_id: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached(
        "DELETE FROM forwarded_offers WHERE id = ?1 AND chat_id = ?2 AND expires_at > ?3
         RETURNING line",
    )?
    .query_row(params![id, chat_id, now.timestamp()], |r| r.get(0))
    .optional()
}

/// Notes that the message `message_id` of `chat_id` made `subject` in `area` (see
/// `Ctx::note_recorded`).
pub fn note_recorded_message(
    conn: &Connection,
    chat_id: i64,
    message_id: i64,
    area: &str,
    subject: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO recorded_messages (chat_id, message_id, area, subject)
         VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE SET area = excluded.area,
         subject = excluded.subject",
    )?
    .execute(params![chat_id, message_id, area, subject])?;
    Ok(())
}

/// What the message `message_id` of `chat_id` made in `area`, if it was noted.
pub fn recorded_message(
    conn: &Connection,
    chat_id: i64,
    message_id: i64,
    area: &str,
) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached(
        "SELECT subject FROM recorded_messages
         WHERE chat_id = ?1 AND message_id = ?2 AND area = ?3",
    )?
    .query_row(params![chat_id, message_id, area], |r| r.get(0))
    .optional()
}

/// `PRAGMA wal_checkpoint(TRUNCATE)`: the log's pages written back, the log emptied.
pub fn checkpoint(conn: &Connection) -> rusqlite::Result<()> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
}
