//! The scholarship fund in SQLite: what it received (the scholarship money in the
//! register's monthly roll-ups), what it allocated, and to whom.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};

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

/// Received for scholarships and allocated over `days`.
pub fn flows(conn: &Connection, days: &Days) -> rusqlite::Result<Flows> {
    // Bounds that sort before and after every ISO date.
    let start = days
        .from
        .map_or_else(|| "0000-01-01".to_string(), |day| day.to_string());
    let end = days
        .to
        .map_or_else(|| "9999-12-31".to_string(), |day| day.to_string());
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
             WHERE allocated_on BETWEEN ?1 AND ?2
               AND id NOT IN (SELECT allocation_id FROM scholarship_allocation_voids)",
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
        new.allocated_on,
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
           AND a.id NOT IN (SELECT allocation_id FROM scholarship_allocation_voids)
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

/// One allocation as the list of scholarship students shows it.
pub struct Allocation {
    pub id: i64,
    pub allocated_on: NaiveDate,
    pub amount: i64,
    pub recipient: String,
    pub school: Option<String>,
    pub note: Option<String>,
    pub fiscal_year: i32,
    /// The reason it was voided, if it was.
    pub void_reason: Option<String>,
}

/// The columns every allocation query reads; a macro so that queries stay literals.
macro_rules! allocation_select {
    () => {
        "SELECT a.id, a.allocated_on, a.amount, a.recipient, s.name, a.note, a.fiscal_year,
             v.reason
         FROM scholarship_allocations a
         LEFT JOIN donation_schools s ON s.id = a.school_id
         LEFT JOIN scholarship_allocation_voids v ON v.allocation_id = a.id"
    };
}

fn allocation_from_row(r: &rusqlite::Row) -> rusqlite::Result<Allocation> {
    Ok(Allocation {
        id: r.get(0)?,
        allocated_on: r.get(1)?,
        amount: r.get(2)?,
        recipient: r.get(3)?,
        school: r.get(4)?,
        note: r.get(5)?,
        fiscal_year: r.get(6)?,
        void_reason: r.get(7)?,
    })
}

/// Every allocation of a fiscal year, voided ones included, in the order made.
pub fn allocations(conn: &Connection, fiscal_year: i32) -> rusqlite::Result<Vec<Allocation>> {
    let mut stmt = conn.prepare_cached(concat!(
        allocation_select!(),
        " WHERE a.fiscal_year = ?1 ORDER BY a.id"
    ))?;
    let rows = stmt.query_map([fiscal_year], allocation_from_row)?;
    rows.collect()
}

pub fn allocation(conn: &Connection, id: i64) -> rusqlite::Result<Option<Allocation>> {
    conn.prepare_cached(concat!(allocation_select!(), " WHERE a.id = ?1"))?
        .query_row([id], allocation_from_row)
        .optional()
}

/// Who voided an allocation, when and why.
pub struct AllocationVoid<'a> {
    pub allocation_id: i64,
    pub at: DateTime<Utc>,
    pub by_id: i64,
    pub by_name: &'a str,
    pub reason: &'a str,
}

pub fn void_allocation(conn: &Connection, void: &AllocationVoid) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO scholarship_allocation_voids
             (allocation_id, voided_at, voided_by_id, voided_by_name, reason)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        void.allocation_id,
        void.at.to_rfc3339(),
        void.by_id,
        void.by_name,
        void.reason,
    ])?;
    Ok(())
}
