//! The monthly roll-ups the triggers keep, read by period.

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, params};

use crate::donations::register::parse::{DonorKind, Purpose};
use crate::thai::Period;

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

/// Every donor who gave in `period`, from the monthly donor roll-up of its months (a fiscal
/// year is twelve of them; no yearly roll-up is kept, so recording writes one row less).
pub fn donor_totals(conn: &Connection, period: &Period) -> rusqlite::Result<Vec<DonorTotal>> {
    conn.prepare_cached(
        "SELECT donor_name, donor_kind, sum(total), sum(count) FROM donation_month_donors
         WHERE month BETWEEN ?1 AND ?2 GROUP BY donor_name, donor_kind
         HAVING sum(count) > 0",
    )?
    .query_map([month_key(period.start), month_key(period.end)], |r| {
        Ok(DonorTotal {
            name: r.get(0)?,
            kind: DonorKind::from_code(&r.get::<_, String>(1)?).unwrap_or(DonorKind::Person),
            total: r.get(2)?,
            count: r.get(3)?,
        })
    })?
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{apply_migrations, schema_before};

    /// A register recorded before migration 024 (which dropped the yearly donor roll-up):
    /// every fiscal year's donors read from the monthly roll-up afterwards equal what the
    /// yearly one held, voids and anonymous donors included.
    #[test]
    fn a_fiscal_years_donors_equal_the_yearly_roll_up_migration_024_dropped() {
        let mut conn = Connection::open_in_memory().unwrap();
        schema_before(&mut conn, "024_donation_write_cost.sql").unwrap();
        let mut insert = conn
            .prepare(
                "INSERT INTO donations (fiscal_year, number, received_on, month, kind, amount,
                     donor_name, donor_kind, anonymous, purpose, source, recorded_by_id,
                     recorded_by_name, recorded_at)
                 VALUES (?1, ?2, ?3, substr(?3, 1, 7), ?4, ?5, ?6, ?7, ?8, 'office', 'staff', 1,
                     'staff', '2026-01-01T00:00:00+07:00')",
            )
            .unwrap();
        // Two fiscal years (2568: to Sep 2025; 2569: from Oct 2025), the same donors in
        // several months of each, some anonymous, money and goods.
        let days = [
            "2025-08-31",
            "2025-09-30",
            "2025-10-01",
            "2025-12-15",
            "2026-09-30",
        ];
        for i in 0..60_i64 {
            let day = days[i as usize % days.len()];
            let fy = if day < "2025-10-01" { 2568 } else { 2569 };
            let kind = if i % 7 == 0 { "goods" } else { "money" };
            let donor_kind = if i % 5 == 0 { "company" } else { "person" };
            insert
                .execute(rusqlite::params![
                    fy,
                    i + 1,
                    day,
                    kind,
                    10_000 + i * 150,
                    format!("donor {}", i % 4),
                    donor_kind,
                    i % 6 == 0,
                ])
                .unwrap();
        }
        drop(insert);
        conn.execute(
            "UPDATE donations SET voided_at = 'x', voided_by_id = 1, voided_by_name = 'a',
                 void_reason = 'typo' WHERE number IN (3, 9, 10)",
            [],
        )
        .unwrap();
        let yearly = |conn: &Connection, fy: i32| -> Vec<(String, String, i64, i64)> {
            let mut rows: Vec<_> = conn
                .prepare(
                    "SELECT donor_name, donor_kind, total, count FROM donation_year_donors
                     WHERE fiscal_year = ?1 AND count > 0",
                )
                .unwrap()
                .query_map([fy], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            rows.sort();
            rows
        };
        let kept: Vec<_> = [2568, 2569].map(|fy| yearly(&conn, fy)).into();
        assert!(kept.iter().all(|rows| rows.len() > 3), "{kept:?}");

        apply_migrations(&mut conn, &[]).unwrap();
        for (fy, kept) in [2568, 2569].into_iter().zip(kept) {
            let mut now: Vec<_> = donor_totals(&conn, &Period::fiscal_year(fy))
                .unwrap()
                .into_iter()
                .map(|d| (d.name, d.kind.code().to_string(), d.total, d.count))
                .collect();
            now.sort();
            assert_eq!(now, kept, "fiscal year {fy}");
        }
    }
}
