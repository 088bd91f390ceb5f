//! The lists of school networks and schools in SQLite.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::donations::register::names::{Entry, List};

/// Every name of the list, alphabetically.
pub fn entries(conn: &Connection, list: List) -> rusqlite::Result<Vec<Entry>> {
    let sql = match list {
        List::Networks => "SELECT id, name FROM donation_networks ORDER BY name",
        List::Schools => "SELECT id, name FROM donation_schools ORDER BY name",
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([], |r| {
        Ok(Entry {
            id: r.get(0)?,
            name: r.get(1)?,
        })
    })?;
    rows.collect()
}

pub fn name_of(conn: &Connection, list: List, id: i64) -> rusqlite::Result<Option<String>> {
    let sql = match list {
        List::Networks => "SELECT name FROM donation_networks WHERE id = ?1",
        List::Schools => "SELECT name FROM donation_schools WHERE id = ?1",
    };
    conn.prepare_cached(sql)?
        .query_row([id], |r| r.get(0))
        .optional()
}

/// The listed name whose match key is `match_key`, if any.
pub fn name_with_key(
    conn: &Connection,
    list: List,
    match_key: &str,
) -> rusqlite::Result<Option<String>> {
    let sql = match list {
        List::Networks => "SELECT name FROM donation_networks WHERE match_key = ?1",
        List::Schools => "SELECT name FROM donation_schools WHERE match_key = ?1",
    };
    conn.prepare_cached(sql)?
        .query_row([match_key], |r| r.get(0))
        .optional()
}

/// Adds a name with its match key; returns its id.
pub fn insert(
    conn: &Connection,
    list: List,
    name: &str,
    match_key: &str,
    at: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    let sql = match list {
        List::Networks => {
            "INSERT INTO donation_networks (name, match_key, created_at) VALUES (?1, ?2, ?3)"
        }
        List::Schools => {
            "INSERT INTO donation_schools (name, match_key, created_at) VALUES (?1, ?2, ?3)"
        }
    };
    conn.prepare_cached(sql)?
        .execute(params![name, match_key, at.to_rfc3339()])?;
    Ok(conn.last_insert_rowid())
}

pub fn rename(
    conn: &Connection,
    list: List,
    id: i64,
    name: &str,
    match_key: &str,
) -> rusqlite::Result<()> {
    let sql = match list {
        List::Networks => "UPDATE donation_networks SET name = ?2, match_key = ?3 WHERE id = ?1",
        List::Schools => "UPDATE donation_schools SET name = ?2, match_key = ?3 WHERE id = ?1",
    };
    conn.prepare_cached(sql)?
        .execute(params![id, name, match_key])?;
    Ok(())
}
