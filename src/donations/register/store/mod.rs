//! The register's rows: writing a numbered donation and reading one back.

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::parse::{DonorKind, Purpose, number_label};
use crate::thai::{Period, fiscal_year};

pub mod imports;
pub mod names;
pub mod totals;

/// Money or goods (counted at their stated value, reported apart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gift {
    Money,
    Goods {
        item: String,
        quantity: Option<String>,
    },
}

impl Gift {
    /// Goods whose item is still to be asked.
    pub fn empty_goods() -> Gift {
        Gift::Goods {
            item: String::new(),
            quantity: None,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Gift::Money => "money",
            Gift::Goods { .. } => "goods",
        }
    }

    fn from_columns(kind: &str, item: Option<String>, quantity: Option<String>) -> Gift {
        match (kind, item) {
            ("goods", Some(item)) => Gift::Goods { item, quantity },
            _ => Gift::Money,
        }
    }
}

/// Where a record came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Staff,
    Report,
    Import(i64),
}

/// A donation about to be recorded.
#[derive(Debug, Clone)]
pub struct NewDonation {
    pub received_on: NaiveDate,
    pub gift: Gift,
    pub amount: i64,
    pub donor_name: String,
    pub donor_kind: DonorKind,
    pub anonymous: bool,
    pub purpose: Purpose,
    pub school_id: Option<i64>,
    pub school_text: Option<String>,
    pub network_id: Option<i64>,
    pub note: Option<String>,
    pub source: Source,
    pub recorded_by_id: i64,
    pub recorded_by_name: String,
    pub recorded_at: String,
    /// The receipt number an imported row carried in its file.
    pub original_number: Option<String>,
}

/// A row of the register, with its network and school names.
#[derive(Debug, Clone)]
pub struct Donation {
    pub id: i64,
    pub fiscal_year: i32,
    pub number: i64,
    pub received_on: NaiveDate,
    pub gift: Gift,
    pub amount: i64,
    pub donor_name: String,
    pub donor_kind: DonorKind,
    pub anonymous: bool,
    pub purpose: Purpose,
    pub school: Option<String>,
    pub school_text: Option<String>,
    pub network: Option<String>,
    pub note: Option<String>,
    pub recorded_by_id: i64,
    pub recorded_by_name: String,
    /// When the record was made (RFC 3339, UTC).
    pub recorded_at: String,
    /// Brought in from an old register's file (`นำเข้าทะเบียน`), not recorded here.
    pub imported: bool,
    pub void: Option<Void>,
    /// The receipt number an imported row carried in its file.
    pub original_number: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Void {
    pub at: String,
    pub by_name: String,
    pub reason: String,
}

impl Donation {
    /// "12/2569".
    pub fn number_label(&self) -> String {
        number_label(self.number, self.fiscal_year.into())
    }
}

/// Records a donation with the next number of its fiscal year; returns its id and that
/// number. The store runs one writer at a time and this runs inside the caller's
/// transaction, so max + 1 is never taken twice, and a refused command rolls the number back
/// with the row.
pub fn insert(conn: &Connection, new: &NewDonation) -> rusqlite::Result<(i64, i64)> {
    let fy = fiscal_year(new.received_on);
    let number: i64 = conn
        .prepare_cached(
            "SELECT coalesce(max(number), 0) + 1 FROM donations WHERE fiscal_year = ?1",
        )?
        .query_row([fy], |r| r.get(0))?;
    let (item, quantity) = match &new.gift {
        Gift::Money => (None, None),
        Gift::Goods { item, quantity } => (Some(item.as_str()), quantity.as_deref()),
    };
    let (source, import_id) = match new.source {
        Source::Staff => ("staff", None),
        Source::Report => ("report", None),
        Source::Import(id) => ("import", Some(id)),
    };
    let date = new.received_on;
    conn.prepare_cached(
        "INSERT INTO donations (fiscal_year, number, received_on, month, kind, amount, item,
             quantity, donor_name, donor_kind, anonymous, purpose, school_id, school_text,
             network_id, note, source, import_id, recorded_by_id, recorded_by_name, recorded_at,
             original_number)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
             ?18, ?19, ?20, ?21, ?22)",
    )?
    .execute(params![
        fy,
        number,
        date,
        format!("{:04}-{:02}", date.year(), date.month()),
        new.gift.code(),
        new.amount,
        item,
        quantity,
        new.donor_name,
        new.donor_kind.code(),
        new.anonymous,
        new.purpose.code(),
        new.school_id,
        new.school_text,
        new.network_id,
        new.note,
        source,
        import_id,
        new.recorded_by_id,
        new.recorded_by_name,
        new.recorded_at,
        new.original_number,
    ])?;
    Ok((conn.last_insert_rowid(), number))
}

/// The number ("12/2569") of a valid record that is the same donation: same date, donor,
/// amount and purpose, or the same original receipt number (its own number or the number
/// it was imported with).
pub fn same_donation(conn: &Connection, new: &NewDonation) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached(
        "SELECT number || '/' || fiscal_year FROM donations
         WHERE voided_at IS NULL
           AND ((received_on = ?1 AND donor_name = ?2 AND amount = ?3 AND purpose = ?4)
             OR (?5 IS NOT NULL AND (original_number = ?5 OR number || '/' || fiscal_year = ?5)))
         ORDER BY id LIMIT 1",
    )?
    .query_row(
        params![
            new.received_on,
            new.donor_name,
            new.amount,
            new.purpose.code(),
            new.original_number,
        ],
        |r| r.get(0),
    )
    .optional()
}

/// The columns every query of this table reads; a macro so that queries stay literals.
macro_rules! donation_select {
    () => {
        "SELECT d.id, d.fiscal_year, d.number, d.received_on, d.kind, d.amount,
        d.item, d.quantity, d.donor_name, d.donor_kind, d.anonymous, d.purpose, s.name,
        d.school_text, n.name, d.note, d.recorded_by_id, d.recorded_by_name, d.voided_at,
        d.voided_by_name, d.void_reason, d.original_number, d.recorded_at,
        d.source = 'import'
    FROM donations d
    LEFT JOIN donation_schools s ON s.id = d.school_id
    LEFT JOIN donation_networks n ON n.id = d.network_id"
    };
}

/// A valid record that may be the gift a donor reports, whoever staff typed as its donor: the
/// same kind of gift, amount and purpose, received within `days` of the day reported, not yet
/// standing for a report; the one under the donor's own name first, then the nearest in time.
/// Staff often record a transfer from the bank statement before (or after) its donor reports
/// it.
pub fn like_reported_gift(
    conn: &Connection,
    new: &NewDonation,
    days: u64,
) -> rusqlite::Result<Option<Donation>> {
    let from = new.received_on - chrono::Days::new(days);
    let to = new.received_on + chrono::Days::new(days);
    conn.prepare_cached(concat!(
        donation_select!(),
        " WHERE d.voided_at IS NULL AND d.kind = ?1 AND d.amount = ?2 AND d.purpose = ?3
            AND d.received_on BETWEEN ?4 AND ?5
            AND d.id NOT IN (SELECT donation_id FROM donation_reports
                             WHERE donation_id IS NOT NULL)
          ORDER BY d.donor_name = ?6 DESC, abs(julianday(d.received_on) - julianday(?7)), d.id
          LIMIT 1"
    ))?
    .query_row(
        params![
            new.gift.code(),
            new.amount,
            new.purpose.code(),
            from,
            to,
            new.donor_name,
            new.received_on
        ],
        from_row,
    )
    .optional()
}

fn from_row(r: &Row) -> rusqlite::Result<Donation> {
    let voided_at: Option<String> = r.get(18)?;
    Ok(Donation {
        id: r.get(0)?,
        fiscal_year: r.get(1)?,
        number: r.get(2)?,
        received_on: r.get(3)?,
        gift: Gift::from_columns(&r.get::<_, String>(4)?, r.get(6)?, r.get(7)?),
        amount: r.get(5)?,
        donor_name: r.get(8)?,
        donor_kind: DonorKind::from_code(&r.get::<_, String>(9)?).unwrap_or(DonorKind::Person),
        anonymous: r.get(10)?,
        purpose: Purpose::from_code(&r.get::<_, String>(11)?).unwrap_or(Purpose::Office),
        school: r.get(12)?,
        school_text: r.get(13)?,
        network: r.get(14)?,
        note: r.get(15)?,
        recorded_by_id: r.get(16)?,
        recorded_by_name: r.get(17)?,
        void: match voided_at {
            Some(at) => Some(Void {
                at,
                by_name: r.get::<_, Option<String>>(19)?.unwrap_or_default(),
                reason: r.get::<_, Option<String>>(20)?.unwrap_or_default(),
            }),
            None => None,
        },
        original_number: r.get(21)?,
        recorded_at: r.get(22)?,
        imported: r.get(23)?,
    })
}

pub fn by_id(conn: &Connection, id: i64) -> rusqlite::Result<Option<Donation>> {
    conn.prepare_cached(concat!(donation_select!(), " WHERE d.id = ?1"))?
        .query_row([id], from_row)
        .optional()
}

pub fn by_number(conn: &Connection, fy: i32, number: i64) -> rusqlite::Result<Option<Donation>> {
    conn.prepare_cached(concat!(
        donation_select!(),
        " WHERE d.fiscal_year = ?1 AND d.number = ?2"
    ))?
    .query_row(params![fy, number], from_row)
    .optional()
}

/// Every record of a fiscal year in number order (exports).
pub fn of_fiscal_year(conn: &Connection, fy: i32) -> rusqlite::Result<Vec<Donation>> {
    let mut stmt = conn.prepare_cached(concat!(
        donation_select!(),
        " WHERE d.fiscal_year = ?1 ORDER BY d.number"
    ))?;
    let rows = stmt.query_map([fy], from_row)?;
    rows.collect()
}

/// Records numbered from `from` to `to` (fiscal year, number), in number order, at most
/// `limit` (the details behind a summary of proofs).
pub fn numbered_between(
    conn: &Connection,
    from: (i32, i64),
    to: (i32, i64),
    limit: i64,
) -> rusqlite::Result<Vec<Donation>> {
    let mut stmt = conn.prepare_cached(concat!(
        donation_select!(),
        " WHERE (d.fiscal_year, d.number) BETWEEN (?1, ?2) AND (?3, ?4)
         ORDER BY d.fiscal_year, d.number LIMIT ?5"
    ))?;
    let rows = stmt.query_map(params![from.0, from.1, to.0, to.1, limit], from_row)?;
    rows.collect()
}

/// Valid records received within `period`, in date then number order (certificates of a
/// period).
pub fn received_in(conn: &Connection, period: &Period) -> rusqlite::Result<Vec<Donation>> {
    let mut stmt = conn.prepare_cached(concat!(
        donation_select!(),
        " WHERE d.received_on BETWEEN ?1 AND ?2 AND d.voided_at IS NULL
         ORDER BY d.received_on, d.fiscal_year, d.number"
    ))?;
    let rows = stmt.query_map(params![period.start, period.end], from_row)?;
    rows.collect()
}

/// Valid records of a fiscal year with exactly this amount, to point at a likely double
/// count when a claimed total is off by it. Walks the year's records in number order: no
/// index on amounts is kept (migration 024), so recording writes one index entry less.
pub fn with_amount(conn: &Connection, fy: i32, amount: i64) -> rusqlite::Result<Vec<Donation>> {
    let mut stmt = conn.prepare_cached(concat!(
        donation_select!(),
        " WHERE d.fiscal_year = ?1 AND d.amount = ?2 AND d.voided_at IS NULL
         ORDER BY d.number LIMIT 3"
    ))?;
    let rows = stmt.query_map(params![fy, amount], from_row)?;
    rows.collect()
}

pub fn void(
    conn: &Connection,
    id: i64,
    at: &str,
    by_id: i64,
    by_name: &str,
    reason: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE donations SET voided_at = ?2, voided_by_id = ?3, voided_by_name = ?4,
             void_reason = ?5
         WHERE id = ?1",
    )?
    .execute(params![id, at, by_id, by_name, reason])?;
    Ok(())
}
