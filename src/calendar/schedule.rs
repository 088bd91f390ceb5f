//! When reminders fall, when recurring deadlines repeat and where template steps land: date
//! arithmetic only, no I/O and no clock (callers pass today or now).
//!
//! A deadline due on day D is announced at the office's reminder time on each of its lead days
//! before D (7, 3 and 1 by default), on D itself, then every day for 14 days while it is overdue
//! and every 7 days after that until it is done or deleted.

use chrono::{DateTime, Datelike, Days, FixedOffset, Months, NaiveDate, NaiveTime, Utc};

use crate::office::WorkCalendar;

/// Lead days of a new deadline.
pub const DEFAULT_LEAD_DAYS: [u32; 3] = [7, 3, 1];
/// Reminders come daily for this many days after the due date, then weekly.
pub const DAILY_OVERDUE_DAYS: u32 = 14;
const OVERDUE_WEEK: u32 = 7;
/// The farthest lead time anybody may ask for.
pub const MAX_LEAD_DAYS: u32 = 365;
/// Most lead times on one deadline.
pub const MAX_LEAD_COUNT: usize = 10;

/// Which reminder of a deadline a day carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotKind {
    /// This many days before the due date.
    Before(u32),
    Due,
    /// This many days after the due date.
    Overdue(u32),
}

impl SlotKind {
    /// Stored in `calendar_reminder_sends.kind`.
    pub fn code(self) -> &'static str {
        match self {
            SlotKind::Before(_) => "before",
            SlotKind::Due => "due",
            SlotKind::Overdue(_) => "overdue",
        }
    }
}

/// A day on which a deadline is announced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub date: NaiveDate,
    pub kind: SlotKind,
}

/// The days before the due date that get a reminder: unique, largest first, each 1–365.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadDays(Vec<u32>);

/// Why typed lead times were refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeadDaysError {
    Unrecognised,
    TooFar,
    TooMany,
}

impl Default for LeadDays {
    fn default() -> Self {
        LeadDays(DEFAULT_LEAD_DAYS.to_vec())
    }
}

impl LeadDays {
    /// "14,7,1", "14 7 1", "๗, ๓": any order, repeats dropped. A 0 is accepted and ignored
    /// (the due day is always announced), so "0" alone means no reminder before the day.
    pub fn parse(text: &str) -> Result<LeadDays, LeadDaysError> {
        let text = crate::thai::normalize_digits(text);
        let mut days = Vec::new();
        for part in text
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|p| !p.is_empty())
        {
            let value: u32 = part.parse().map_err(|_| LeadDaysError::Unrecognised)?;
            if value > MAX_LEAD_DAYS {
                return Err(LeadDaysError::TooFar);
            }
            if value > 0 {
                days.push(value);
            }
        }
        if text.trim().is_empty() {
            return Err(LeadDaysError::Unrecognised);
        }
        days.sort_unstable_by(|a, b| b.cmp(a));
        days.dedup();
        if days.len() > MAX_LEAD_COUNT {
            return Err(LeadDaysError::TooMany);
        }
        Ok(LeadDays(days))
    }

    /// Reads the stored form; anything unreadable (never written by this program) is dropped.
    pub fn from_db(text: &str) -> LeadDays {
        let mut days: Vec<u32> = text
            .split(',')
            .filter_map(|p| p.trim().parse().ok())
            .filter(|d| (1..=MAX_LEAD_DAYS).contains(d))
            .collect();
        days.sort_unstable_by(|a, b| b.cmp(a));
        days.dedup();
        LeadDays(days)
    }

    pub fn to_db(&self) -> String {
        self.0
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn days(&self) -> &[u32] {
        &self.0
    }
}

fn add_days(date: NaiveDate, days: u32) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(u64::from(days)))
}

fn sub_days(date: NaiveDate, days: u32) -> Option<NaiveDate> {
    date.checked_sub_days(Days::new(u64::from(days)))
}

fn days_between(earlier: NaiveDate, later: NaiveDate) -> u32 {
    u32::try_from((later - earlier).num_days()).unwrap_or(u32::MAX)
}

/// The latest reminder on or before `date`: what is owed when the scheduler wakes up late.
pub fn latest_slot_on_or_before(due: NaiveDate, leads: &LeadDays, date: NaiveDate) -> Option<Slot> {
    if date >= due {
        let after = days_between(due, date);
        let kind = match after {
            0 => SlotKind::Due,
            k if k <= DAILY_OVERDUE_DAYS => SlotKind::Overdue(k),
            k => {
                let weeks = (k - DAILY_OVERDUE_DAYS) / OVERDUE_WEEK;
                SlotKind::Overdue(DAILY_OVERDUE_DAYS + weeks * OVERDUE_WEEK)
            }
        };
        let slot_date = match kind {
            SlotKind::Overdue(k) => add_days(due, k)?,
            _ => due,
        };
        return Some(Slot {
            date: slot_date,
            kind,
        });
    }
    let until_due = days_between(date, due);
    // Leads are largest first, so the last one that has already come is the latest.
    let lead = leads.days().iter().copied().rfind(|&l| l >= until_due)?;
    Some(Slot {
        date: sub_days(due, lead)?,
        kind: SlotKind::Before(lead),
    })
}

/// The first reminder strictly after `date`. `None` only at the edge of chrono's calendar.
pub fn next_slot_after(due: NaiveDate, leads: &LeadDays, date: NaiveDate) -> Option<Slot> {
    if date < due {
        let until_due = days_between(date, due);
        // Leads are largest first: the first one still ahead is the nearest.
        if let Some(lead) = leads.days().iter().copied().find(|&l| l < until_due) {
            return Some(Slot {
                date: sub_days(due, lead)?,
                kind: SlotKind::Before(lead),
            });
        }
        return Some(Slot {
            date: due,
            kind: SlotKind::Due,
        });
    }
    let first = days_between(due, date).checked_add(1)?;
    let k = if first <= DAILY_OVERDUE_DAYS {
        first
    } else {
        let weeks = (first - DAILY_OVERDUE_DAYS).div_ceil(OVERDUE_WEEK);
        DAILY_OVERDUE_DAYS.checked_add(weeks.checked_mul(OVERDUE_WEEK)?)?
    };
    Some(Slot {
        date: add_days(due, k)?,
        kind: SlotKind::Overdue(k),
    })
}

/// The instant a reminder of `date` is due: the office's reminder time on that day.
pub fn slot_instant(date: NaiveDate, time: NaiveTime, tz: FixedOffset) -> DateTime<Utc> {
    let local = date.and_time(time);
    // A fixed offset maps every local time to exactly one instant.
    (local - tz).and_utc()
}

/// The last day whose reminders are owed at `now`: today once the reminder time has come,
/// yesterday before it.
pub fn last_owed_day(now: DateTime<Utc>, time: NaiveTime, tz: FixedOffset) -> NaiveDate {
    let local = now.with_timezone(&tz);
    let today = local.date_naive();
    if local.time() >= time {
        today
    } else {
        today.pred_opt().unwrap_or(today)
    }
}

/// The days reminders go out on: the office's working days, or every day when the office
/// asked for reminders on days off too (`KHETBOT_REMIND_ON_DAYS_OFF`).
pub fn reminder_days(
    conn: &rusqlite::Connection,
    config: &crate::config::Config,
) -> rusqlite::Result<WorkCalendar> {
    if config.remind_on_days_off {
        Ok(WorkCalendar::every_day())
    } else {
        crate::office::work_calendar(conn)
    }
}

/// The office's reminders go out on working days only. A reminder meant for a weekend or a
/// holiday on or before the due date goes out on the working day before it, so that the
/// reminder comes before the deadline; one meant for a day off after the due date (an overdue
/// one) waits for the next working day. `after` is the last day already served: a reminder is
/// never planned for it or before it (it then goes out on the next working day).
pub fn sending_day(
    date: NaiveDate,
    due: NaiveDate,
    after: NaiveDate,
    work: &WorkCalendar,
) -> NaiveDate {
    if work.is_working_day(date) && date > after {
        return date;
    }
    if date <= due
        && let Some(before) = work.previous_working_day(date)
        && before > after
    {
        return before;
    }
    work.next_working_day(date.max(after))
}

/// The last reminder day served on `day`: on a day off, or once the deadline is due, `day`
/// itself; else, up to the due date, the days off that follow it (their reminders come
/// before them).
pub fn served_through(day: NaiveDate, due: NaiveDate, work: &WorkCalendar) -> NaiveDate {
    if due <= day || !work.is_working_day(day) {
        return day;
    }
    let last_day_off = work.next_working_day(day).pred_opt().unwrap_or(day);
    last_day_off.min(due)
}

/// When the next reminder of an open deadline goes out, seen from `now`.
pub fn next_reminder(
    due: NaiveDate,
    leads: &LeadDays,
    now: DateTime<Utc>,
    time: NaiveTime,
    tz: FixedOffset,
    work: &WorkCalendar,
) -> Option<DateTime<Utc>> {
    let owed_day = last_owed_day(now, time, tz);
    let slot = next_slot_after(due, leads, served_through(owed_day, due, work))?;
    Some(slot_instant(
        sending_day(slot.date, due, owed_day, work),
        time,
        tz,
    ))
}

/// A due date on a day the office is closed (a weekend or a holiday).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueOnDayOff {
    /// The working day before it, which the deadline may be moved to; `None` when that day
    /// is already past.
    pub working_day_before: Option<NaiveDate>,
}

/// Whether `due` falls on a day the office is closed, seen from `today`. The due date is
/// never moved by itself (some work is due on a day off on purpose): staff are told, with
/// the working day before it to move it to.
pub fn due_on_day_off(
    due: NaiveDate,
    today: NaiveDate,
    work: &WorkCalendar,
) -> Option<DueOnDayOff> {
    if work.is_working_day(due) {
        return None;
    }
    Some(DueOnDayOff {
        working_day_before: work
            .previous_working_day(due)
            .filter(|before| *before >= today),
    })
}

/// How a deadline repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recurrence {
    /// On this day of every month; the last day of shorter months.
    Monthly { day: u32 },
    /// On this day and month every year; 29 February falls on the 28th in common years.
    Yearly { month: u32, day: u32 },
}

impl Recurrence {
    /// The occurrence in the given month, or `None` when this rule has none there.
    fn in_month(self, year: i32, month: u32) -> Option<NaiveDate> {
        let day = match self {
            Recurrence::Monthly { day } => day,
            Recurrence::Yearly { month: m, day } if m == month => day,
            Recurrence::Yearly { .. } => return None,
        };
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
        NaiveDate::from_ymd_opt(year, month, day.min(last.day()))
    }

    /// The first occurrence on or after `date`.
    pub fn first_on_or_after(self, date: NaiveDate) -> Option<NaiveDate> {
        let mut month_start = date.with_day(1)?;
        // Any rule occurs within 13 months of any date.
        for _ in 0..13 {
            if let Some(occurrence) = self.in_month(month_start.year(), month_start.month())
                && occurrence >= date
            {
                return Some(occurrence);
            }
            month_start = month_start.checked_add_months(Months::new(1))?;
        }
        None
    }

    /// The round that follows the round due `last`, as the scheduler creates it once `last`
    /// has passed or is done: the first occurrence after `last`, and none before `not_before`
    /// (after downtime, rounds already past are not created).
    pub fn round_after(self, last: NaiveDate, not_before: NaiveDate) -> Option<NaiveDate> {
        self.first_on_or_after(last.succ_opt()?.max(not_before))
    }

    /// The rounds still to come after the round due `last`, seen from `today`, that fall
    /// between `start` and `end`: each as [`Recurrence::round_after`] will create it, so that
    /// a view shows the dates the reminders will have.
    pub fn rounds_ahead(
        self,
        last: NaiveDate,
        today: NaiveDate,
        start: NaiveDate,
        end: NaiveDate,
    ) -> impl Iterator<Item = NaiveDate> {
        std::iter::successors(self.round_after(last, today), move |round| {
            self.round_after(*round, today)
        })
        .take_while(move |round| *round <= end)
        .filter(move |round| *round >= start)
    }
}

/// A length of time in a template step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Days(u32),
    Weeks(u32),
    /// Monday to Friday, minus the office's holidays (`วันหยุด`), as the complaints' deadlines
    /// count them.
    WorkingDays(u32),
}

impl Span {
    pub fn after(self, date: NaiveDate, work: &WorkCalendar) -> Option<NaiveDate> {
        match self {
            Span::Days(n) => add_days(date, n),
            Span::Weeks(n) => add_days(date, n.checked_mul(7)?),
            Span::WorkingDays(n) => Some(work.add_working_days(date, n)),
        }
    }
}

/// When a template step is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepTiming {
    /// This long after the previous step's due date (the first step: after the start).
    After(Span),
    /// This long after the start, whatever the steps before.
    Within(Span),
    /// By the last day of a month of the workflow's year, or of the year after.
    ByMonth { month: u32, next_year: bool },
}

/// The due dates of a template's steps, from its start date and its year (CE) for steps
/// given by month.
pub fn step_due_dates(
    timings: &[StepTiming],
    start: NaiveDate,
    year: i32,
    work: &WorkCalendar,
) -> Option<Vec<NaiveDate>> {
    let mut previous = start;
    let mut dues = Vec::with_capacity(timings.len());
    for timing in timings {
        let due = match *timing {
            StepTiming::After(span) => span.after(previous, work)?,
            StepTiming::Within(span) => span.after(start, work)?,
            StepTiming::ByMonth { month, next_year } => {
                let year = if next_year {
                    year.checked_add(1)?
                } else {
                    year
                };
                NaiveDate::from_ymd_opt(year, month, 1)?
                    .checked_add_months(Months::new(1))?
                    .pred_opt()?
            }
        };
        dues.push(due);
        previous = due;
    }
    Some(dues)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn bangkok() -> FixedOffset {
        FixedOffset::east_opt(7 * 3600).unwrap()
    }

    fn half_past_eight() -> NaiveTime {
        NaiveTime::from_hms_opt(8, 30, 0).unwrap()
    }

    /// The reminder falling on `date`, if any: an independent statement of the rule that
    /// [`next_slot_after`] must agree with.
    fn slot_on(due: NaiveDate, leads: &LeadDays, date: NaiveDate) -> Option<SlotKind> {
        if date < due {
            let before = days_between(date, due);
            leads
                .days()
                .contains(&before)
                .then_some(SlotKind::Before(before))
        } else if date == due {
            Some(SlotKind::Due)
        } else {
            let k = days_between(due, date);
            let reminded =
                k <= DAILY_OVERDUE_DAYS || (k - DAILY_OVERDUE_DAYS).is_multiple_of(OVERDUE_WEEK);
            reminded.then_some(SlotKind::Overdue(k))
        }
    }

    /// The occurrence after `previous`, as the scheduler asks for it.
    fn next_after(rule: Recurrence, previous: NaiveDate) -> Option<NaiveDate> {
        rule.first_on_or_after(previous.succ_opt()?)
    }

    /// Every reminder day of a deadline from `from` to `to`, walking the pointer as the
    /// scheduler does.
    fn walk(due: NaiveDate, leads: &LeadDays, from: NaiveDate, to: NaiveDate) -> Vec<Slot> {
        let mut slots = Vec::new();
        let mut cursor = from;
        while let Some(slot) = next_slot_after(due, leads, cursor) {
            if slot.date > to {
                break;
            }
            assert_eq!(slot_on(due, leads, slot.date), Some(slot.kind));
            slots.push(slot);
            cursor = slot.date;
        }
        slots
    }

    #[test]
    fn default_reminders_are_7_3_1_days_before_and_on_the_day() {
        let due = d(2026, 6, 25);
        let slots = walk(due, &LeadDays::default(), d(2026, 6, 1), due);
        assert_eq!(
            slots,
            vec![
                Slot {
                    date: d(2026, 6, 18),
                    kind: SlotKind::Before(7)
                },
                Slot {
                    date: d(2026, 6, 22),
                    kind: SlotKind::Before(3)
                },
                Slot {
                    date: d(2026, 6, 24),
                    kind: SlotKind::Before(1)
                },
                Slot {
                    date: due,
                    kind: SlotKind::Due
                },
            ]
        );
    }

    #[test]
    fn lead_days_cross_month_and_year_ends() {
        // Due 2 July: seven days before is 25 June.
        let slots = walk(
            d(2026, 7, 2),
            &LeadDays::default(),
            d(2026, 6, 1),
            d(2026, 7, 2),
        );
        assert_eq!(slots[0].date, d(2026, 6, 25));
        assert_eq!(slots[1].date, d(2026, 6, 29));
        // Due 3 January 2570 (2027): reminders start 27 December 2569 (2026).
        let slots = walk(
            d(2027, 1, 3),
            &LeadDays::default(),
            d(2026, 12, 1),
            d(2027, 1, 3),
        );
        let dates: Vec<_> = slots.iter().map(|s| s.date).collect();
        assert_eq!(
            dates,
            vec![
                d(2026, 12, 27),
                d(2026, 12, 31),
                d(2027, 1, 2),
                d(2027, 1, 3)
            ]
        );
        assert_eq!(crate::thai::format_date(dates[0]), "27 ธ.ค. 2569");
        assert_eq!(crate::thai::format_date(dates[3]), "3 ม.ค. 2570");
        // 1 March in a leap year: one day before is 29 February.
        let slots = walk(
            d(2028, 3, 1),
            &LeadDays::default(),
            d(2028, 2, 1),
            d(2028, 3, 1),
        );
        assert_eq!(slots[2].date, d(2028, 2, 29));
    }

    #[test]
    fn overdue_reminders_are_daily_for_two_weeks_then_weekly() {
        let due = d(2026, 9, 25);
        let slots = walk(due, &LeadDays::default(), due, d(2026, 11, 1));
        let overdue_days: Vec<u32> = slots
            .iter()
            .map(|s| match s.kind {
                SlotKind::Overdue(k) => k,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            overdue_days,
            vec![1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 21, 28, 35]
        );
        // Across the fiscal-year boundary: 30 Sep (FY 2569) is day 5, 1 Oct (FY 2570) day 6.
        assert_eq!(slots[4].date, d(2026, 9, 30));
        assert_eq!(slots[5].date, d(2026, 10, 1));
        assert_eq!(crate::thai::fiscal_year(slots[4].date), 2569);
        assert_eq!(crate::thai::fiscal_year(slots[5].date), 2570);
        assert_eq!(slots[14].date, d(2026, 10, 16));
    }

    #[test]
    fn the_latest_owed_reminder_collapses_everything_missed() {
        let due = d(2026, 6, 25);
        let leads = LeadDays::default();
        // Down from the 17th to the 23rd: only the 3-days-before reminder of the 22nd is owed.
        assert_eq!(
            latest_slot_on_or_before(due, &leads, d(2026, 6, 23)),
            Some(Slot {
                date: d(2026, 6, 22),
                kind: SlotKind::Before(3)
            })
        );
        assert_eq!(latest_slot_on_or_before(due, &leads, d(2026, 6, 17)), None);
        assert_eq!(
            latest_slot_on_or_before(due, &leads, due).map(|s| s.kind),
            Some(SlotKind::Due)
        );
        // 30 days overdue: the weekly one of day 28.
        assert_eq!(
            latest_slot_on_or_before(due, &leads, d(2026, 7, 25)),
            Some(Slot {
                date: d(2026, 7, 23),
                kind: SlotKind::Overdue(28)
            })
        );
    }

    #[test]
    fn lead_times_parse_in_any_order_with_thai_digits() {
        assert_eq!(LeadDays::parse("14,7,1").unwrap().days(), &[14, 7, 1]);
        assert_eq!(LeadDays::parse("๑ ๗, 14 7").unwrap().days(), &[14, 7, 1]);
        assert_eq!(LeadDays::parse("0").unwrap().days(), &[] as &[u32]);
        assert_eq!(LeadDays::parse("400"), Err(LeadDaysError::TooFar));
        assert_eq!(LeadDays::parse("7 วัน"), Err(LeadDaysError::Unrecognised));
        assert_eq!(LeadDays::parse(""), Err(LeadDaysError::Unrecognised));
        assert_eq!(
            LeadDays::parse("1,2,3,4,5,6,7,8,9,10,11"),
            Err(LeadDaysError::TooMany)
        );
        let leads = LeadDays::parse("30, 14").unwrap();
        assert_eq!(LeadDays::from_db(&leads.to_db()), leads);
    }

    #[test]
    fn no_lead_days_means_the_day_itself_first() {
        let none = LeadDays::parse("0").unwrap();
        let due = d(2026, 6, 25);
        assert_eq!(
            next_slot_after(due, &none, d(2026, 6, 15)),
            Some(Slot {
                date: due,
                kind: SlotKind::Due
            })
        );
    }

    #[test]
    fn reminders_are_owed_from_the_reminder_time_in_the_office_zone() {
        let tz = bangkok();
        let time = half_past_eight();
        // 01:29 UTC is 08:29 in Bangkok: still yesterday's turn.
        let before = Utc.with_ymd_and_hms(2026, 6, 18, 1, 29, 0).unwrap();
        let at = Utc.with_ymd_and_hms(2026, 6, 18, 1, 30, 0).unwrap();
        assert_eq!(last_owed_day(before, time, tz), d(2026, 6, 17));
        assert_eq!(last_owed_day(at, time, tz), d(2026, 6, 18));
        assert_eq!(slot_instant(d(2026, 6, 18), time, tz), at);
        // 23:00 UTC on 30 Sep is 06:00 on 1 Oct in Bangkok.
        let late_night = Utc.with_ymd_and_hms(2026, 9, 30, 23, 0, 0).unwrap();
        assert_eq!(last_owed_day(late_night, time, tz), d(2026, 9, 30));
        let due = d(2026, 10, 8);
        assert_eq!(
            next_reminder(
                due,
                &LeadDays::default(),
                late_night,
                time,
                tz,
                &WorkCalendar::default()
            ),
            Some(Utc.with_ymd_and_hms(2026, 10, 1, 1, 30, 0).unwrap())
        );
        // Due on Monday 12 Oct with reminders 3 and 1 days before: the 3-day one on Friday 9,
        // the 1-day one (Sunday 11) on that Friday too, so once, on Friday; then the due day.
        let monday = d(2026, 10, 12);
        let leads = LeadDays::parse("3,1").unwrap();
        let work = WorkCalendar::default();
        let thursday_night = Utc.with_ymd_and_hms(2026, 10, 8, 14, 0, 0).unwrap();
        let friday = Utc.with_ymd_and_hms(2026, 10, 9, 1, 30, 0).unwrap();
        let on_monday = Utc.with_ymd_and_hms(2026, 10, 12, 1, 30, 0).unwrap();
        assert_eq!(
            next_reminder(monday, &leads, thursday_night, time, tz, &work),
            Some(friday)
        );
        let friday_noon = Utc.with_ymd_and_hms(2026, 10, 9, 5, 0, 0).unwrap();
        assert_eq!(
            next_reminder(monday, &leads, friday_noon, time, tz, &work),
            Some(on_monday)
        );
        assert_eq!(
            served_through(d(2026, 10, 9), monday, &work),
            d(2026, 10, 11)
        );
        // Friday a holiday too: the reminders before it go out on Thursday.
        let friday_off = WorkCalendar::new([d(2026, 10, 9)]);
        let wednesday_night = Utc.with_ymd_and_hms(2026, 10, 7, 14, 0, 0).unwrap();
        let thursday = Utc.with_ymd_and_hms(2026, 10, 8, 1, 30, 0).unwrap();
        assert_eq!(
            next_reminder(monday, &leads, wednesday_night, time, tz, &friday_off),
            Some(thursday)
        );
        // Overdue ones wait for the next working day: due Friday 9, the 1-day overdue reminder
        // (Saturday) goes out on Monday.
        let saturday_noon = Utc.with_ymd_and_hms(2026, 10, 10, 5, 0, 0).unwrap();
        assert_eq!(
            next_reminder(d(2026, 10, 9), &leads, saturday_noon, time, tz, &work),
            Some(on_monday)
        );
        // Created on a Saturday for the Monday: the Sunday reminder cannot go out on the
        // Friday already past, so the first is Monday's.
        assert_eq!(
            next_reminder(monday, &leads, saturday_noon, time, tz, &work),
            Some(on_monday)
        );
    }

    #[test]
    fn monthly_rules_keep_their_day_and_fall_back_to_the_month_end() {
        let thirty_first = Recurrence::Monthly { day: 31 };
        let mut dates = vec![thirty_first.first_on_or_after(d(2026, 1, 15)).unwrap()];
        for _ in 0..4 {
            let next = next_after(thirty_first, *dates.last().unwrap()).unwrap();
            dates.push(next);
        }
        assert_eq!(
            dates,
            vec![
                d(2026, 1, 31),
                d(2026, 2, 28),
                d(2026, 3, 31),
                d(2026, 4, 30),
                d(2026, 5, 31)
            ]
        );
        let fifth = Recurrence::Monthly { day: 5 };
        assert_eq!(fifth.first_on_or_after(d(2026, 6, 5)), Some(d(2026, 6, 5)));
        assert_eq!(fifth.first_on_or_after(d(2026, 6, 6)), Some(d(2026, 7, 5)));
        assert_eq!(next_after(fifth, d(2026, 12, 5)), Some(d(2027, 1, 5)));
        // Across the fiscal-year boundary.
        let thirtieth = Recurrence::Monthly { day: 30 };
        assert_eq!(next_after(thirtieth, d(2026, 9, 30)), Some(d(2026, 10, 30)));
        assert_eq!(next_after(thirtieth, d(2027, 1, 30)), Some(d(2027, 2, 28)));
        assert_eq!(next_after(thirtieth, d(2027, 2, 28)), Some(d(2027, 3, 30)));
    }

    #[test]
    fn rounds_ahead_are_the_rounds_the_scheduler_creates_one_after_another() {
        let month_end = Recurrence::Monthly { day: 31 };
        let today = d(2026, 12, 1);
        let current = month_end.first_on_or_after(today).unwrap();
        let mut created = vec![current];
        while created.len() < 4 {
            let last = *created.last().unwrap();
            // Created the morning after the round before has passed.
            created.push(
                month_end
                    .round_after(last, last.succ_opt().unwrap())
                    .unwrap(),
            );
        }
        let ahead: Vec<_> = month_end
            .rounds_ahead(current, today, d(2027, 1, 1), d(2027, 3, 31))
            .collect();
        assert_eq!(ahead, created[1..]);
        assert_eq!(ahead, [d(2027, 1, 31), d(2027, 2, 28), d(2027, 3, 31)]);
        // Nothing before today, nothing after the end of the range.
        assert_eq!(
            month_end
                .rounds_ahead(current, today, d(2026, 10, 1), d(2026, 12, 31))
                .count(),
            0
        );
        // A round left behind by downtime: the next one is not before today.
        assert_eq!(
            month_end.round_after(d(2026, 9, 30), today),
            Some(d(2026, 12, 31))
        );
    }

    #[test]
    fn yearly_rules_handle_29_february() {
        let leap_day = Recurrence::Yearly { month: 2, day: 29 };
        assert_eq!(
            leap_day.first_on_or_after(d(2026, 6, 15)),
            Some(d(2027, 2, 28))
        );
        assert_eq!(next_after(leap_day, d(2027, 2, 28)), Some(d(2028, 2, 29)));
        assert_eq!(next_after(leap_day, d(2028, 2, 29)), Some(d(2029, 2, 28)));
        let june = Recurrence::Yearly { month: 6, day: 15 };
        assert_eq!(june.first_on_or_after(d(2026, 6, 15)), Some(d(2026, 6, 15)));
        assert_eq!(june.first_on_or_after(d(2026, 6, 16)), Some(d(2027, 6, 15)));
        assert_eq!(next_after(june, d(2026, 6, 15)), Some(d(2027, 6, 15)));
    }

    #[test]
    fn chained_weeks_give_one_week_per_step() {
        let weeks = [StepTiming::After(Span::Weeks(1)); 5];
        let dues = step_due_dates(&weeks, d(2026, 9, 16), 2026, &WorkCalendar::default()).unwrap();
        assert_eq!(
            dues,
            vec![
                d(2026, 9, 23),
                d(2026, 9, 30),
                d(2026, 10, 7),
                d(2026, 10, 14),
                d(2026, 10, 21)
            ]
        );
    }

    #[test]
    fn steps_by_month_fall_on_the_month_end_and_may_reach_the_next_year() {
        let timings = [
            StepTiming::ByMonth {
                month: 5,
                next_year: false,
            },
            StepTiming::ByMonth {
                month: 2,
                next_year: true,
            },
        ];
        assert_eq!(
            step_due_dates(&timings, d(2026, 5, 1), 2026, &WorkCalendar::default()).unwrap(),
            vec![d(2026, 5, 31), d(2027, 2, 28)]
        );
        assert_eq!(
            step_due_dates(&timings, d(2027, 5, 1), 2027, &WorkCalendar::default()).unwrap()[1],
            d(2028, 2, 29)
        );
    }

    #[test]
    fn a_due_date_on_a_day_off_offers_the_working_day_before_while_it_is_ahead() {
        // Wednesday 29 July 2026 a holiday, Tuesday 28 too: the working day before is Monday 27.
        let work = WorkCalendar::new([d(2026, 7, 28), d(2026, 7, 29)]);
        let today = d(2026, 7, 1);
        assert_eq!(due_on_day_off(d(2026, 7, 27), today, &work), None);
        assert_eq!(
            due_on_day_off(d(2026, 7, 29), today, &work),
            Some(DueOnDayOff {
                working_day_before: Some(d(2026, 7, 27))
            })
        );
        // Sunday 12 July, seen on Saturday 11: Friday 10 has passed.
        assert_eq!(
            due_on_day_off(d(2026, 7, 12), d(2026, 7, 11), &work),
            Some(DueOnDayOff {
                working_day_before: None
            })
        );
    }

    #[test]
    fn working_days_skip_weekends_and_holidays_and_within_counts_from_the_start() {
        let weekdays = WorkCalendar::default();
        // Friday 19 June 2026 + 5 working days = Friday 26 June.
        assert_eq!(
            Span::WorkingDays(5).after(d(2026, 6, 19), &weekdays),
            Some(d(2026, 6, 26))
        );
        // Saturday + 1 working day = Monday.
        assert_eq!(
            Span::WorkingDays(1).after(d(2026, 6, 20), &weekdays),
            Some(d(2026, 6, 22))
        );
        let complaint = [
            StepTiming::Within(Span::WorkingDays(5)),
            StepTiming::Within(Span::Days(15)),
        ];
        assert_eq!(
            step_due_dates(&complaint, d(2026, 6, 19), 2026, &weekdays).unwrap(),
            vec![d(2026, 6, 26), d(2026, 7, 4)]
        );
        // The office's holidays are not working days either; plain days still count them.
        let with_holidays = WorkCalendar::new([d(2026, 6, 22), d(2026, 6, 23)]);
        assert_eq!(
            step_due_dates(&complaint, d(2026, 6, 19), 2026, &with_holidays).unwrap(),
            vec![d(2026, 6, 30), d(2026, 7, 4)]
        );
    }
}
