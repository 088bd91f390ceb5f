//! The office's morning: work that runs once per local day, from the configured reminder
//! time on (the overdue lists, deadline reminders, the weekly Q&A post). One table records
//! which area's morning has run on which day, so a restart on the same day does not run it
//! again; the morning's work commits together with its row.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

/// Claims `area`'s morning of `day`; false when it already ran.
pub fn claim(conn: &Connection, area: &str, day: NaiveDate) -> rusqlite::Result<bool> {
    let inserted = conn
        .prepare_cached(
            "INSERT INTO morning_runs (area, day) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        )?
        .execute(params![area, day.to_string()])?;
    Ok(inserted > 0)
}
