//! Posts of entries to the groups (`faq_posts`) and the groups' weekly "did you know"
//! switch (`faq_weekly`).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::timestamp;
use crate::core::Role;

/// One post of an entry to a group; `week` for the weekly post, `posted_by` unless the bot
/// posted on its own.
pub struct NewPost<'a> {
    pub entry_id: i64,
    pub role: Role,
    pub week: Option<&'a str>,
    pub at: DateTime<Utc>,
    pub posted_by: Option<i64>,
}

pub fn record(conn: &Connection, post: &NewPost) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO faq_posts (entry_id, role, week, posted_at, posted_by)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        post.entry_id,
        post.role.code(),
        post.week,
        timestamp(post.at),
        post.posted_by
    ])?;
    Ok(())
}

pub fn set_weekly(
    conn: &Connection,
    role: Role,
    enabled: bool,
    at: DateTime<Utc>,
    by: i64,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO faq_weekly (role, enabled, changed_at, changed_by)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (role) DO UPDATE SET enabled = excluded.enabled,
             changed_at = excluded.changed_at, changed_by = excluded.changed_by",
    )?
    .execute(params![role.code(), enabled, timestamp(at), by])?;
    Ok(())
}

pub fn weekly_enabled(conn: &Connection, role: Role) -> rusqlite::Result<bool> {
    Ok(conn
        .prepare_cached("SELECT enabled FROM faq_weekly WHERE role = ?1")?
        .query_row([role.code()], |r| r.get(0))
        .optional()?
        .unwrap_or(false))
}

/// The groups that switched the weekly post on by `slot` and have not had week `week`'s.
pub fn weekly_due(
    conn: &Connection,
    slot: DateTime<Utc>,
    week: &str,
) -> rusqlite::Result<Vec<Role>> {
    let mut stmt = conn.prepare_cached(
        "SELECT role FROM faq_weekly w
         WHERE enabled = 1 AND changed_at <= ?1
           AND NOT EXISTS (SELECT 1 FROM faq_posts p WHERE p.role = w.role AND p.week = ?2)",
    )?;
    let rows = stmt.query_map(params![timestamp(slot), week], |r| r.get::<_, String>(0))?;
    rows.filter_map(|code| code.map(|code| Role::from_code(&code)).transpose())
        .collect()
}

/// The live entry this group has gone longest without (never posted first), by id.
pub fn least_recently_posted(conn: &Connection, role: Role) -> rusqlite::Result<Option<i64>> {
    conn.prepare_cached(
        "SELECT e.id FROM faq_entries e
         LEFT JOIN (SELECT entry_id, max(posted_at) AS last FROM faq_posts
                    WHERE role = ?1 GROUP BY entry_id) p ON p.entry_id = e.id
         WHERE e.deleted_at IS NULL
         ORDER BY p.last IS NOT NULL, p.last, e.id
         LIMIT 1",
    )?
    .query_row([role.code()], |r| r.get(0))
    .optional()
}
