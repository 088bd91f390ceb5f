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

/// Keeps a row that matched a record already in the register; returns its id for the button.
pub fn hold(
    conn: &Connection,
    import_id: i64,
    row_number: i64,
    table_json: &str,
) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO donation_import_held (import_id, row_number, table_json) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![import_id, row_number, table_json])?;
    Ok(conn.last_insert_rowid())
}

/// A held row: its import, its row number, the file's header and the row as JSON, and the
/// record it became if staff already chose to record it.
pub struct HeldRow {
    pub import_id: i64,
    pub row_number: i64,
    pub table_json: String,
    pub recorded_donation_id: Option<i64>,
}

pub fn held(conn: &Connection, id: i64) -> rusqlite::Result<Option<HeldRow>> {
    conn.prepare_cached(
        "SELECT import_id, row_number, table_json, recorded_donation_id
         FROM donation_import_held WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok(HeldRow {
            import_id: r.get(0)?,
            row_number: r.get(1)?,
            table_json: r.get(2)?,
            recorded_donation_id: r.get(3)?,
        })
    })
    .optional()
}

pub fn mark_recorded(conn: &Connection, id: i64, donation_id: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE donation_import_held SET recorded_donation_id = ?2 WHERE id = ?1")?
        .execute(params![id, donation_id])?;
    Ok(())
}
