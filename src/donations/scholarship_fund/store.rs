//! The scholarship fund in SQLite: what it received (the scholarship money in the
//! register's monthly roll-ups), what it allocated, and to whom.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, params};

/// The days asked about, inclusive; `None`: no bound on that side.
pub struct Days {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Days {
    /// Every day the fund could have seen.
    pub const EVER: Days = Days {
        from: None,
        to: None,
    };
}

/// Satang in and out of the fund over some days.
pub struct Flows {
    pub received: i64,
    pub allocated: i64,
}

impl Flows {
    pub fn balance(&self) -> i64 {
        self.received - self.allocated
    }
}

fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Received for scholarships and allocated over `days`.
pub fn flows(conn: &Connection, days: &Days) -> rusqlite::Result<Flows> {
    // Bounds that sort before and after every ISO date.
    let start = days.from.map_or_else(|| "0000-01-01".to_string(), iso);
    let end = days.to.map_or_else(|| "9999-12-31".to_string(), iso);
    let received: i64 = conn
        .prepare_cached(
            "SELECT coalesce(sum(total), 0) FROM donation_month_totals
             WHERE purpose = 'scholarship' AND kind = 'money'
               AND month BETWEEN substr(?1, 1, 7) AND substr(?2, 1, 7)",
        )?
        .query_row([&start, &end], |r| r.get(0))?;
    let allocated: i64 = conn
        .prepare_cached(
            "SELECT coalesce(sum(amount), 0) FROM scholarship_allocations
             WHERE allocated_on BETWEEN ?1 AND ?2",
        )?
        .query_row([&start, &end], |r| r.get(0))?;
    Ok(Flows {
        received,
        allocated,
    })
}

/// An allocation as staff typed it.
pub struct NewAllocation<'a> {
    pub fiscal_year: i32,
    pub allocated_on: NaiveDate,
    pub amount: i64,
    pub recipient: &'a str,
    pub school_id: Option<i64>,
    pub note: Option<&'a str>,
    pub recorded_by_id: i64,
    pub recorded_by_name: &'a str,
    pub recorded_at: DateTime<Utc>,
}

/// Writes an allocation; returns its number.
pub fn insert_allocation(conn: &Connection, new: &NewAllocation) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO scholarship_allocations (fiscal_year, allocated_on, amount, recipient,
             school_id, note, recorded_by_id, recorded_by_name, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        new.fiscal_year,
        iso(new.allocated_on),
        new.amount,
        new.recipient,
        new.school_id,
        new.note,
        new.recorded_by_id,
        new.recorded_by_name,
        new.recorded_at.to_rfc3339(),
    ])?;
    Ok(conn.last_insert_rowid())
}

/// What one student received in a year (per school), in the order first allocated.
pub struct Recipient {
    pub name: String,
    pub school: Option<String>,
    pub amount: i64,
}

pub fn recipients(conn: &Connection, fiscal_year: i32) -> rusqlite::Result<Vec<Recipient>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.recipient, s.name, sum(a.amount), count(*) FROM scholarship_allocations a
         LEFT JOIN donation_schools s ON s.id = a.school_id
         WHERE a.fiscal_year = ?1
         GROUP BY a.recipient, a.school_id ORDER BY min(a.id)",
    )?;
    let rows = stmt.query_map([fiscal_year], |r| {
        Ok(Recipient {
            name: r.get(0)?,
            school: r.get(1)?,
            amount: r.get(2)?,
        })
    })?;
    rows.collect()
}
