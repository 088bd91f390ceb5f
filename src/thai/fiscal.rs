//! The Thai government fiscal year runs from 1 October to 30 September and is named by the
//! Buddhist Era year in which it ends: ปีงบประมาณ 2569 is 1 Oct 2025 – 30 Sep 2026.

use chrono::{Datelike, NaiveDate};

use super::date::{BE_OFFSET, be_year};

/// Buddhist Era year in which the fiscal year containing `d` ends.
pub fn fiscal_year(d: NaiveDate) -> i32 {
    be_year(d) + i32::from(d.month() >= 10)
}

/// Fiscal quarter of `d`: 1 = ต.ค.–ธ.ค., 2 = ม.ค.–มี.ค., 3 = เม.ย.–มิ.ย., 4 = ก.ค.–ก.ย.
pub fn fiscal_quarter(d: NaiveDate) -> u32 {
    match d.month() {
        10..=12 => 1,
        1..=3 => 2,
        4..=6 => 3,
        _ => 4,
    }
}

/// First and last day (both inclusive) of fiscal year `fy_be`. Years beyond the dates chrono can
/// represent are clamped to `NaiveDate::MIN` / `NaiveDate::MAX` rather than panicking.
pub fn fiscal_year_range(fy_be: i32) -> (NaiveDate, NaiveDate) {
    let end_year_ce = i64::from(fy_be) - i64::from(BE_OFFSET);
    (
        clamped_date(end_year_ce - 1, 10, 1),
        clamped_date(end_year_ce, 9, 30),
    )
}

/// First and last day (both inclusive) of quarter `q` of fiscal year `fy_be`; `None` for a
/// quarter outside 1–4 or a year chrono cannot represent.
pub fn fiscal_quarter_range(fy_be: i32, q: u32) -> Option<(NaiveDate, NaiveDate)> {
    let end_year_ce = fy_be.checked_sub(BE_OFFSET)?;
    let (year_ce, first_month, last_month, last_day) = match q {
        1 => (end_year_ce.checked_sub(1)?, 10, 12, 31),
        2 => (end_year_ce, 1, 3, 31),
        3 => (end_year_ce, 4, 6, 30),
        4 => (end_year_ce, 7, 9, 30),
        _ => return None,
    };
    Some((
        NaiveDate::from_ymd_opt(year_ce, first_month, 1)?,
        NaiveDate::from_ymd_opt(year_ce, last_month, last_day)?,
    ))
}

fn clamped_date(year_ce: i64, month: u32, day: u32) -> NaiveDate {
    let date = i32::try_from(year_ce)
        .ok()
        .and_then(|year| NaiveDate::from_ymd_opt(year, month, day));
    match date {
        Some(date) => date,
        None if year_ce > 0 => NaiveDate::MAX,
        None => NaiveDate::MIN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year_ce: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year_ce, month, day).expect("valid test date")
    }

    #[test]
    fn fiscal_year_changes_on_the_first_of_october() {
        assert_eq!(fiscal_year(date(2025, 9, 30)), 2568);
        assert_eq!(fiscal_year(date(2025, 10, 1)), 2569);
        assert_eq!(fiscal_year(date(2025, 12, 31)), 2569);
        assert_eq!(fiscal_year(date(2026, 1, 1)), 2569);
        assert_eq!(fiscal_year(date(2026, 6, 15)), 2569);
        assert_eq!(fiscal_year(date(2026, 9, 30)), 2569);
        assert_eq!(fiscal_year(date(2026, 10, 1)), 2570);
    }

    #[test]
    fn fiscal_quarter_of_every_month() {
        let expected = [2, 2, 2, 3, 3, 3, 4, 4, 4, 1, 1, 1];
        for (month, quarter) in (1..=12).zip(expected) {
            assert_eq!(
                fiscal_quarter(date(2026, month, 1)),
                quarter,
                "month {month}"
            );
        }
    }

    #[test]
    fn fiscal_quarter_boundaries() {
        assert_eq!(fiscal_quarter(date(2026, 9, 30)), 4);
        assert_eq!(fiscal_quarter(date(2026, 10, 1)), 1);
        assert_eq!(fiscal_quarter(date(2025, 12, 31)), 1);
        assert_eq!(fiscal_quarter(date(2026, 1, 1)), 2);
        assert_eq!(fiscal_quarter(date(2026, 3, 31)), 2);
        assert_eq!(fiscal_quarter(date(2026, 4, 1)), 3);
        assert_eq!(fiscal_quarter(date(2026, 6, 30)), 3);
        assert_eq!(fiscal_quarter(date(2026, 7, 1)), 4);
    }

    #[test]
    fn thirtieth_of_september_and_first_of_october() {
        let last_day = date(2026, 9, 30);
        let first_day = date(2026, 10, 1);
        assert_eq!((fiscal_year(last_day), fiscal_quarter(last_day)), (2569, 4));
        assert_eq!(
            (fiscal_year(first_day), fiscal_quarter(first_day)),
            (2570, 1)
        );
    }

    #[test]
    fn fiscal_year_range_runs_october_to_september() {
        assert_eq!(
            fiscal_year_range(2569),
            (date(2025, 10, 1), date(2026, 9, 30))
        );
        assert_eq!(
            fiscal_year_range(2570),
            (date(2026, 10, 1), date(2027, 9, 30))
        );
    }

    #[test]
    fn fiscal_year_range_contains_exactly_its_days() {
        let (start, end) = fiscal_year_range(2569);
        let mut day = start;
        while day <= end {
            assert_eq!(fiscal_year(day), 2569, "{day}");
            day = day.succ_opt().expect("inside chrono range");
        }
        assert_eq!(fiscal_year(start.pred_opt().expect("in range")), 2568);
        assert_eq!(fiscal_year(day), 2570);
    }

    #[test]
    fn fiscal_year_range_clamps_impossible_years() {
        assert_eq!(
            fiscal_year_range(i32::MAX),
            (NaiveDate::MAX, NaiveDate::MAX)
        );
        assert_eq!(
            fiscal_year_range(i32::MIN),
            (NaiveDate::MIN, NaiveDate::MIN)
        );
    }

    #[test]
    fn fiscal_quarter_ranges() {
        assert_eq!(
            fiscal_quarter_range(2569, 1),
            Some((date(2025, 10, 1), date(2025, 12, 31)))
        );
        assert_eq!(
            fiscal_quarter_range(2569, 2),
            Some((date(2026, 1, 1), date(2026, 3, 31)))
        );
        assert_eq!(
            fiscal_quarter_range(2569, 3),
            Some((date(2026, 4, 1), date(2026, 6, 30)))
        );
        assert_eq!(
            fiscal_quarter_range(2569, 4),
            Some((date(2026, 7, 1), date(2026, 9, 30)))
        );
    }

    #[test]
    fn fiscal_quarters_tile_the_fiscal_year() {
        for fy in [2567, 2568, 2569, 2570] {
            let (year_start, year_end) = fiscal_year_range(fy);
            let mut expected_start = year_start;
            for quarter in 1..=4 {
                let (start, end) = fiscal_quarter_range(fy, quarter).expect("valid quarter");
                assert_eq!(start, expected_start);
                assert_eq!((fiscal_year(start), fiscal_quarter(start)), (fy, quarter));
                assert_eq!((fiscal_year(end), fiscal_quarter(end)), (fy, quarter));
                expected_start = end.succ_opt().expect("in range");
            }
            assert_eq!(expected_start.pred_opt(), Some(year_end));
        }
    }

    #[test]
    fn fiscal_quarter_range_rejects_bad_quarters_and_years() {
        for quarter in [0, 5, u32::MAX] {
            assert_eq!(fiscal_quarter_range(2569, quarter), None);
        }
        assert_eq!(fiscal_quarter_range(i32::MIN, 1), None);
        assert_eq!(fiscal_quarter_range(i32::MAX, 4), None);
    }
}
