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
    /// The shipped English name; `None` for a day an admin named.
    pub name_en: Option<String>,
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

/// The holidays from `from` to `to`, both included, in order.
pub fn between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> rusqlite::Result<Vec<Holiday>> {
    let rows: Vec<(String, String, Option<String>)> = conn
        .prepare_cached(
            "SELECT day, name, name_en FROM office_holidays
             WHERE removed = 0 AND day >= ?1 AND day <= ?2 ORDER BY day",
        )?
        .query_map(params![from.to_string(), to.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(day, name, name_en)| {
            Some(Holiday {
                day: day.parse().ok()?,
                name,
                name_en,
            })
        })
        .collect())
}

/// The last holiday on the list (shipped or added), to say how far the list reaches.
pub fn last_day(conn: &Connection) -> rusqlite::Result<Option<NaiveDate>> {
    let day: Option<String> = conn
        .prepare_cached("SELECT max(day) FROM office_holidays WHERE removed = 0")?
        .query_row([], |r| r.get(0))?;
    Ok(day.and_then(|day| day.parse().ok()))
}

#[derive(Deserialize)]
struct ShippedFile {
    holiday: Vec<ShippedDay>,
}

#[derive(Deserialize)]
struct ShippedDay {
    day: NaiveDate,
    name: String,
    name_en: String,
}

const SHIPPED: &str = include_str!("../../data/thai_public_holidays.toml");

fn shipped() -> rusqlite::Result<ShippedFile> {
    toml::from_str(SHIPPED).map_err(|e| {
        rusqlite::Error::ToSqlConversionFailure(
            format!("data/thai_public_holidays.toml: {e}").into(),
        )
    })
}

/// Data step of migration 008: loads the shipped public holidays. A day an admin already
/// entered keeps the admin's name; a removed one stays removed.
pub fn load_shipped(tx: &Transaction) -> rusqlite::Result<()> {
    let file = shipped()?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO office_holidays (day, name, source, removed) VALUES (?1, ?2, 'shipped', 0)
         ON CONFLICT (day) DO NOTHING",
    )?;
    for holiday in file.holiday {
        insert.execute(params![holiday.day.to_string(), holiday.name])?;
    }
    Ok(())
}

/// Data step of migration 026: the shipped days' English names, on the days that still bear
/// the shipped Thai name (a day an admin renamed keeps only the admin's name).
pub fn name_shipped_in_english(tx: &Transaction) -> rusqlite::Result<()> {
    let mut name =
        tx.prepare_cached("UPDATE office_holidays SET name_en = ?3 WHERE day = ?1 AND name = ?2")?;
    for holiday in shipped()?.holiday {
        name.execute(params![
            holiday.day.to_string(),
            holiday.name,
            holiday.name_en
        ])?;
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

    #[test]
    fn shipped_days_get_their_english_names_and_renamed_ones_keep_only_theirs() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE office_holidays (day TEXT PRIMARY KEY, name TEXT NOT NULL,
             source TEXT NOT NULL, removed INTEGER NOT NULL, name_en TEXT)",
        )
        .unwrap();
        let tx = conn.transaction().unwrap();
        load_shipped(&tx).unwrap();
        tx.execute(
            "UPDATE office_holidays SET name = 'ปิดสำนักงาน' WHERE day = '2026-12-07'",
            [],
        )
        .unwrap();
        name_shipped_in_english(&tx).unwrap();
        let listed = between(&tx, d(2026, 12, 5), d(2026, 12, 10)).unwrap();
        let names: Vec<(&str, Option<&str>)> = listed
            .iter()
            .map(|h| (h.name.as_str(), h.name_en.as_deref()))
            .collect();
        assert_eq!(names[1], ("ปิดสำนักงาน", None));
        assert_eq!(names[2].1, Some("Constitution Day"));
        assert!(
            names[0].1.is_some_and(|name| name.contains("Father")),
            "{names:?}"
        );
    }
}
