//! Backups (SQLite's online backup API, consistent while the bot runs), restore, and the
//! lock that tells a restore the bot is still running.

use std::fs::File;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::{DbError, Store};

/// Backups kept by the daily rotation.
pub const KEEP_BACKUPS: usize = 14;

/// Writes a consistent copy of the live database to `target`; returns its size in bytes.
pub async fn backup(store: &Store, target: PathBuf) -> Result<u64, DbError> {
    let destination = target.clone();
    store
        .run_exclusive(move |conn| {
            let mut copy = Connection::open(&destination)?;
            let backup = rusqlite::backup::Backup::new(conn, &mut copy)?;
            backup.run_to_completion(1024, std::time::Duration::ZERO, None)?;
            Ok(())
        })
        .await?;
    Ok(std::fs::metadata(&target).map(|m| m.len()).unwrap_or(0))
}

/// Deletes the oldest `khetbot-*.sqlite3` files in `dir` beyond the newest `keep`.
pub fn rotate_backups(dir: &Path, keep: usize) -> std::io::Result<usize> {
    let mut backups: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("khetbot-") && n.ends_with(".sqlite3"))
        })
        .collect();
    // The names carry a sortable timestamp.
    backups.sort();
    let excess = backups.len().saturating_sub(keep);
    for old in &backups[..excess] {
        std::fs::remove_file(old)?;
    }
    Ok(excess)
}

/// Held for as long as a bot or console uses the database.
#[derive(Debug)]
pub struct DatabaseLock {
    _file: File,
}

fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Takes the database's lock, or says that another khetbot holds it.
pub fn lock_database(db: &Path) -> Result<DatabaseLock, String> {
    let path = lock_path(db);
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(DatabaseLock { _file: file }),
        Err(_) => Err(format!(
            "{} is in use by a running khetbot; stop it first",
            db.display()
        )),
    }
}

/// Replaces the database with a backup after checking the backup's integrity. Refuses while
/// a khetbot holds the database.
pub fn restore(backup_file: &Path, db: &Path) -> Result<(), String> {
    let _lock = lock_database(db)?;
    let source =
        Connection::open_with_flags(backup_file, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| format!("cannot open {}: {e}", backup_file.display()))?;
    let check: String = source
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| format!("{} is not a khetbot database: {e}", backup_file.display()))?;
    if check != "ok" {
        return Err(format!("{} is damaged: {check}", backup_file.display()));
    }
    let mut target = Connection::open(db).map_err(|e| e.to_string())?;
    let copy = rusqlite::backup::Backup::new(&source, &mut target).map_err(|e| e.to_string())?;
    copy.run_to_completion(1024, std::time::Duration::ZERO, None)
        .map_err(|e| e.to_string())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_keeps_the_newest() {
        let dir = tempfile::tempdir().unwrap();
        for day in 1..=20 {
            std::fs::write(
                dir.path()
                    .join(format!("khetbot-202611{day:02}-020000.sqlite3")),
                b"x",
            )
            .unwrap();
        }
        std::fs::write(dir.path().join("notes.txt"), b"keep me").unwrap();
        assert_eq!(rotate_backups(dir.path(), KEEP_BACKUPS).unwrap(), 6);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(left.len(), 15);
        assert_eq!(left[0], "khetbot-20261107-020000.sqlite3");
        assert!(left.contains(&"notes.txt".to_string()));
    }

    #[test]
    fn a_second_lock_on_the_same_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("k.sqlite3");
        let held = lock_database(&db).unwrap();
        assert!(lock_database(&db).unwrap_err().contains("in use"));
        assert!(restore(&db, &db).unwrap_err().contains("in use"));
        drop(held);
        assert!(lock_database(&db).is_ok());
    }
}
