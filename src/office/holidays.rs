//! The office's days off besides weekends, in `office_holidays`: Thailand's public holidays
//! shipped in `data/thai_public_holidays.toml` (generated from the `holidays` package by
//! `scripts/thai_public_holidays.py`) and the days admins add. A removed day is kept, marked
//! removed, so loading a refreshed shipped list never brings it back.

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction, params};
use serde::Deserialize;

use super::workdays::WorkCalendar;

/// One day off as listed for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub day: NaiveDate,
    pub name: String,
}

/// The working-day calendar every capability counts with.
pub fn work_calendar(conn: &Connection) -> rusqlite::Result<WorkCalendar> {
    let days: Vec<String> = conn
        .prepare_cached("SELECT day FROM office_holidays WHERE removed = 0")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(WorkCalendar::new(
        days.iter().filter_map(|d| d.parse().ok()),
    ))
}

/// Adds (or renames, or brings back) the days `first..=last` as `name`.
pub fn add(
    conn: &Connection,
    first: NaiveDate,
    last: NaiveDate,
    name: &str,
) -> rusqlite::Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO office_holidays (day, name, source, removed) VALUES (?1, ?2, 'admin', 0)
         ON CONFLICT (day) DO UPDATE SET name = excluded.name, removed = 0",
    )?;
    for day in first.iter_days().take_while(|d| *d <= last) {
        insert.execute(params![day.to_string(), name])?;
    }
    Ok(())
}

/// Marks `day` removed; false when it was no holiday.
pub fn remove(conn: &Connection, day: NaiveDate) -> rusqlite::Result<bool> {
    let changed = conn
        .prepare_cached("UPDATE office_holidays SET removed = 1 WHERE day = ?1 AND removed = 0")?
        .execute([day.to_string()])?;
    Ok(changed > 0)
}

/// The coming holidays from `from` on, at most `limit`.
pub fn upcoming(
    conn: &Connection,
    from: NaiveDate,
    limit: usize,
) -> rusqlite::Result<Vec<Holiday>> {
    let rows: Vec<(String, String)> = conn
        .prepare_cached(
            "SELECT day, name FROM office_holidays WHERE removed = 0 AND day >= ?1
             ORDER BY day LIMIT ?2",
        )?
        .query_map(params![from.to_string(), limit as i64], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(day, name)| {
            Some(Holiday {
                day: day.parse().ok()?,
                name,
            })
        })
        .collect())
}

#[derive(Deserialize)]
struct ShippedFile {
    holiday: Vec<ShippedDay>,
}

#[derive(Deserialize)]
struct ShippedDay {
    day: NaiveDate,
    name: String,
}

const SHIPPED: &str = include_str!("../../data/thai_public_holidays.toml");

/// Data step of migration 008: loads the shipped public holidays. A day an admin already
/// entered keeps the admin's name; a removed one stays removed.
pub fn load_shipped(tx: &Transaction) -> rusqlite::Result<()> {
    let file: ShippedFile = toml::from_str(SHIPPED).map_err(|e| {
        rusqlite::Error::ToSqlConversionFailure(
            format!("data/thai_public_holidays.toml: {e}").into(),
        )
    })?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO office_holidays (day, name, source, removed) VALUES (?1, ?2, 'shipped', 0)
         ON CONFLICT (day) DO NOTHING",
    )?;
    for holiday in file.holiday {
        insert.execute(params![holiday.day.to_string(), holiday.name])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_shipped_list_covers_2568_to_2572_with_substitution_days() {
        let file: ShippedFile = toml::from_str(SHIPPED).unwrap();
        let days: Vec<NaiveDate> = file.holiday.iter().map(|h| h.day).collect();
        assert_eq!(days.first().map(|d| d.year_ce()), Some((true, 2025)));
        assert_eq!(days.last().map(|d| d.year_ce()), Some((true, 2029)));
        // วันรัฐธรรมนูญ and the substitution Monday for 5 ธ.ค. 2569, a Saturday.
        assert!(days.contains(&d(2026, 12, 10)));
        assert!(days.contains(&d(2026, 12, 7)));
    }
}
