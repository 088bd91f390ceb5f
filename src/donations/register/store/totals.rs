//! The monthly and yearly roll-ups the triggers keep, read by period.

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, params};

use crate::donations::register::parse::{DonorKind, Purpose};
use crate::thai::{Period, PeriodKind};

/// "2026-06": the roll-ups' month key.
fn month_key(date: NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

/// The sums of one purpose, money or goods, and network over the months asked about.
pub struct Share {
    /// `None`: a purpose code this version does not know.
    pub purpose: Option<Purpose>,
    pub goods: bool,
    /// 0: no network.
    pub network_id: i64,
    pub total: i64,
    pub count: i64,
}

/// The roll-ups of the months of `period`, of one network or all.
pub fn shares(
    conn: &Connection,
    period: &Period,
    network: Option<i64>,
) -> rusqlite::Result<Vec<Share>> {
    let mut stmt = conn.prepare_cached(
        "SELECT purpose, kind, network_id, sum(total), sum(count) FROM donation_month_totals
         WHERE month BETWEEN ?1 AND ?2 AND (?3 IS NULL OR network_id = ?3)
         GROUP BY purpose, kind, network_id",
    )?;
    let rows = stmt.query_map(
        params![month_key(period.start), month_key(period.end), network],
        |r| {
            Ok(Share {
                purpose: Purpose::from_code(&r.get::<_, String>(0)?),
                goods: r.get::<_, String>(1)? == "goods",
                network_id: r.get(2)?,
                total: r.get(3)?,
                count: r.get(4)?,
            })
        },
    )?;
    rows.collect()
}

/// A donor's share of a period; anonymous donors share the empty name.
pub struct DonorTotal {
    pub name: String,
    pub kind: DonorKind,
    pub total: i64,
    pub count: i64,
}

/// Every donor who gave in `period` (the yearly roll-up for a fiscal year).
pub fn donor_totals(conn: &Connection, period: &Period) -> rusqlite::Result<Vec<DonorTotal>> {
    let map = |r: &rusqlite::Row| {
        Ok(DonorTotal {
            name: r.get(0)?,
            kind: DonorKind::from_code(&r.get::<_, String>(1)?).unwrap_or(DonorKind::Person),
            total: r.get(2)?,
            count: r.get(3)?,
        })
    };
    let rows = if let PeriodKind::FiscalYear(fy) = period.kind {
        conn.prepare_cached(
            "SELECT donor_name, donor_kind, total, count FROM donation_year_donors
             WHERE fiscal_year = ?1 AND count > 0",
        )?
        .query_map([fy], map)?
        .collect::<Result<Vec<_>, _>>()?
    } else {
        conn.prepare_cached(
            "SELECT donor_name, donor_kind, sum(total), sum(count) FROM donation_month_donors
             WHERE month BETWEEN ?1 AND ?2 GROUP BY donor_name, donor_kind
             HAVING sum(count) > 0",
        )?
        .query_map([month_key(period.start), month_key(period.end)], map)?
        .collect::<Result<Vec<_>, _>>()?
    };
    Ok(rows)
}
