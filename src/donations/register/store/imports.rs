//! The register's imported files, by SHA-256, so that the same file is never imported twice.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

/// A file imported earlier.
pub struct EarlierImport {
    pub file_name: String,
    /// RFC 3339, as stored.
    pub imported_at: String,
}

pub fn by_digest(conn: &Connection, sha256: &str) -> rusqlite::Result<Option<EarlierImport>> {
    conn.prepare_cached("SELECT file_name, imported_at FROM donation_imports WHERE sha256 = ?1")?
        .query_row([sha256], |r| {
            Ok(EarlierImport {
                file_name: r.get(0)?,
                imported_at: r.get(1)?,
            })
        })
        .optional()
}

/// A file about to be imported, all its rows valid.
pub struct NewImport<'a> {
    pub sha256: &'a str,
    pub file_name: &'a str,
    pub row_count: usize,
    /// Satang.
    pub total: i64,
    pub imported_by: i64,
    pub imported_at: DateTime<Utc>,
}

/// Records the import; returns its id.
pub fn insert(conn: &Connection, new: &NewImport) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO donation_imports (sha256, file_name, row_count, total, imported_by,
             imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        new.sha256,
        new.file_name,
        new.row_count as i64,
        new.total,
        new.imported_by,
        new.imported_at.to_rfc3339()
    ])?;
    Ok(conn.last_insert_rowid())
}
