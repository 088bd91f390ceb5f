//! Working days: Monday to Friday minus the office's holidays. Pure (no clock, no database):
//! the holidays come from `office::holidays`.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};

/// The office's working-day calendar: weekends and the listed holidays are days off.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkCalendar {
    holidays: BTreeSet<NaiveDate>,
    /// Every day counts (an office that wants its reminders on days off too).
    every_day: bool,
}

impl WorkCalendar {
    pub fn new(holidays: impl IntoIterator<Item = NaiveDate>) -> WorkCalendar {
        WorkCalendar {
            holidays: holidays.into_iter().collect(),
            every_day: false,
        }
    }

    /// A calendar with no day off.
    pub fn every_day() -> WorkCalendar {
        WorkCalendar {
            holidays: BTreeSet::new(),
            every_day: true,
        }
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        self.every_day
            || !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
                && !self.holidays.contains(&day)
    }

    /// The `n`-th working day after `start` (`start` itself never counts, so a case filed on
    /// a Friday with one working day is due on Monday). `n = 0` gives `start`. Saturates at
    /// the last date chrono can represent rather than panicking.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut day = start;
        let mut left = n;
        while left > 0 {
            match day.succ_opt() {
                Some(next) => day = next,
                None => return day,
            }
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// The first working day strictly after `day`.
    pub fn next_working_day(&self, day: NaiveDate) -> NaiveDate {
        self.add_working_days(day, 1)
    }

    /// The last working day strictly before `day`; `None` before the first date chrono has.
    pub fn previous_working_day(&self, day: NaiveDate) -> Option<NaiveDate> {
        let mut day = day.pred_opt()?;
        while !self.is_working_day(day) {
            day = day.pred_opt()?;
        }
        Some(day)
    }

    /// Working days in `(from, to]`: how many working days `to` lies after `from`; negative
    /// when `to` is earlier.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let (low, high, sign) = if from <= to {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let count = low
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= high)
            .filter(|d| self.is_working_day(*d))
            .count();
        sign * i64::try_from(count).unwrap_or(i64::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weekends_are_skipped() {
        let calendar = WorkCalendar::default();
        // Monday 15 June 2026 + 5 working days = Monday 22 June.
        assert_eq!(calendar.add_working_days(d(2026, 6, 15), 5), d(2026, 6, 22));
        // Friday + 1 = Monday.
        assert_eq!(calendar.add_working_days(d(2026, 6, 19), 1), d(2026, 6, 22));
        // Filed on a Saturday: Monday is the first working day.
        assert_eq!(calendar.add_working_days(d(2026, 6, 20), 1), d(2026, 6, 22));
        // 15 working days from Monday 15 June = Monday 6 July.
        assert_eq!(calendar.add_working_days(d(2026, 6, 15), 15), d(2026, 7, 6));
        assert_eq!(calendar.add_working_days(d(2026, 6, 20), 0), d(2026, 6, 20));
    }

    #[test]
    fn the_previous_working_day_skips_weekends_and_holidays() {
        let calendar = WorkCalendar::new([d(2026, 12, 7)]);
        // Tuesday 8 Dec 2026 ← Monday 7 (holiday) ← the weekend ← Friday 4.
        assert_eq!(
            calendar.previous_working_day(d(2026, 12, 8)),
            Some(d(2026, 12, 4))
        );
        assert_eq!(
            calendar.previous_working_day(d(2026, 12, 4)),
            Some(d(2026, 12, 3))
        );
    }

    #[test]
    fn holidays_are_skipped_like_weekends() {
        // Songkran 13–15 April 2026 (Monday to Wednesday).
        let calendar = WorkCalendar::new([d(2026, 4, 13), d(2026, 4, 14), d(2026, 4, 15)]);
        assert!(!calendar.is_working_day(d(2026, 4, 14)));
        assert!(calendar.is_working_day(d(2026, 4, 16)));
        // Friday 10 April + 1 working day jumps the weekend and the three holidays.
        assert_eq!(calendar.add_working_days(d(2026, 4, 10), 1), d(2026, 4, 16));
        assert_eq!(calendar.add_working_days(d(2026, 4, 10), 5), d(2026, 4, 22));
        assert_eq!(calendar.next_working_day(d(2026, 4, 12)), d(2026, 4, 16));
    }

    #[test]
    fn working_days_between_counts_the_later_end_only() {
        let calendar = WorkCalendar::new([d(2026, 6, 17)]);
        assert_eq!(
            calendar.working_days_between(d(2026, 6, 15), d(2026, 6, 15)),
            0
        );
        // Tue 16, (Wed 17 holiday), Thu 18, Fri 19, (weekend), Mon 22.
        assert_eq!(
            calendar.working_days_between(d(2026, 6, 15), d(2026, 6, 22)),
            4
        );
        assert_eq!(
            calendar.working_days_between(d(2026, 6, 22), d(2026, 6, 15)),
            -4
        );
        for n in 0..40 {
            let due = calendar.add_working_days(d(2026, 6, 15), n);
            assert_eq!(
                calendar.working_days_between(d(2026, 6, 15), due),
                i64::from(n)
            );
        }
    }

    #[test]
    fn working_days_between_skip_weekends() {
        // Moved here with the donors' reports' own weekday count, which this replaced.
        let calendar = WorkCalendar::default();
        let date = |d| NaiveDate::from_ymd_opt(2026, 6, d).unwrap();
        // 2026-06-15 is a Monday.
        assert_eq!(calendar.working_days_between(date(15), date(15)), 0);
        assert_eq!(calendar.working_days_between(date(15), date(18)), 3);
        assert_eq!(calendar.working_days_between(date(15), date(19)), 4);
        assert_eq!(calendar.working_days_between(date(19), date(22)), 1);
    }

    #[test]
    fn arithmetic_at_the_end_of_time_does_not_panic() {
        let calendar = WorkCalendar::default();
        assert_eq!(calendar.add_working_days(NaiveDate::MAX, 3), NaiveDate::MAX);
    }
}
