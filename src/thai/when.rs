//! Dates as people say them in a chat: weekdays (`ศุกร์หน้า`, `พฤ.`), offsets (`อีก 3 วัน`,
//! `เดือนหน้า`), parts of a month (`ปลายเดือนนี้`, `สิ้นเดือน มี.ค.`), fiscal ends
//! (`สิ้นปีงบ`, `สิ้นไตรมาส`, `ไตรมาส 2`) and working days (`อีก 5 วันทำการ`).
//!
//! Pure: working days are returned as a count for the caller to lay on the office's own
//! calendar, and a phrase Thai usage reads two ways comes back with both dates.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::date::{DateError, be_year, strip_month};
use super::fiscal::{fiscal_quarter, fiscal_quarter_range, fiscal_year, fiscal_year_range};
use super::number_words::split_leading_count;

/// What a typed date means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateReading {
    On(NaiveDate),
    /// "ศุกร์หน้า" on a Monday: this coming Friday or the one of next week. Nearer first.
    EitherOf(NaiveDate, NaiveDate),
    /// "อีก 5 วันทำการ": that many of the office's working days after today.
    WorkingDaysAfterToday(u32),
    /// "4 ธ.ค." on 6 December: a day and month without a year that passed less than
    /// [`JUST_PASSED_DAYS`] ago; read ahead, it is next year's, which is rarely what was
    /// meant. The day passed, then next year's.
    JustPassedOrNext(NaiveDate, NaiveDate),
}

/// A yearless date this many days past or fewer may have meant the day just gone.
pub const JUST_PASSED_DAYS: i64 = 31;

/// Which way a date typed without its year or month leans: deadlines and calendar views look
/// ahead, donation records and reports look back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toward {
    Future,
    Past,
}

/// A phrase read at the start of a text, with the text after it; `None` when the text does
/// not start with a phrase of that kind.
type Found<'t> = Option<Result<(DateReading, &'t str), DateError>>;

/// Moves a date on by a count of some unit; `None` past the end of the calendar.
type AddCount = fn(NaiveDate, u32) -> Option<NaiveDate>;

/// Moves a date on by one fixed step.
type Shift = fn(NaiveDate) -> Option<NaiveDate>;

/// Weekday names, longest spelling first where one is the prefix of another.
const WEEKDAYS: [(&str, Weekday); 10] = [
    ("จันทร์", Weekday::Mon),
    ("อังคาร", Weekday::Tue),
    ("พุธ", Weekday::Wed),
    ("พฤหัสบดี", Weekday::Thu),
    ("พฤหัสฯ", Weekday::Thu),
    ("พฤหัส", Weekday::Thu),
    ("ศุกร์", Weekday::Fri),
    ("เสาร์", Weekday::Sat),
    ("อาทิตย์", Weekday::Sun),
    ("พฤ", Weekday::Thu),
];

/// Dotted one- or two-letter weekday abbreviations; the dot is required, and what follows
/// must not continue an abbreviation ("ส.ค." is August, not Saturday).
const WEEKDAY_ABBREVIATIONS: [(&str, Weekday); 7] = [
    ("พฤ.", Weekday::Thu),
    ("อา.", Weekday::Sun),
    ("จ.", Weekday::Mon),
    ("อ.", Weekday::Tue),
    ("พ.", Weekday::Wed),
    ("ศ.", Weekday::Fri),
    ("ส.", Weekday::Sat),
];

/// Short Thai weekday names for echoing a date ("ศุกร์ 4 ธ.ค. 2569").
pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "จันทร์",
        Weekday::Tue => "อังคาร",
        Weekday::Wed => "พุธ",
        Weekday::Thu => "พฤหัสบดี",
        Weekday::Fri => "ศุกร์",
        Weekday::Sat => "เสาร์",
        Weekday::Sun => "อาทิตย์",
    }
}

/// English weekday names, for a date in an English text ("Friday").
pub fn weekday_name_en(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// Reads a colloquial date phrase at the start of `text`. `None` when the text does not
/// start with one (the caller then tries the formal forms).
pub(super) fn strip_phrase(text: &str, today: NaiveDate, toward: Toward) -> Found<'_> {
    let text = text.strip_prefix("ภายใน").map_or(text, str::trim_start);
    if let Some(rest) = text.strip_prefix("อีก") {
        return strip_offset(rest.trim_start(), today);
    }
    if let Some(found) = strip_next_unit(text, today) {
        return Some(found);
    }
    if let Some((weekday, rest)) = strip_weekday(text) {
        return Some(Ok(weekday_reading(weekday, rest, today, toward)));
    }
    if let Some(found) = strip_month_part(text, today, toward) {
        return Some(found);
    }
    strip_fiscal_end(text, today, toward)
}

/// "3 วัน", "1 สัปดาห์", "2 เดือน", "1 ปี", "5 วันทำการ" after อีก.
fn strip_offset(text: &str, today: NaiveDate) -> Found<'_> {
    let (count, rest) = split_leading_count(text)?;
    let rest = rest.trim_start();
    let out_of_range = || Some(Err(DateError::YearOutOfRange));
    if let Some(rest) = rest.strip_prefix("วันทำการ") {
        return Some(Ok((DateReading::WorkingDaysAfterToday(count), rest)));
    }
    let units: [(&str, AddCount); 5] = [
        ("วัน", |d, n| d.checked_add_days(Days::new(n.into()))),
        ("สัปดาห์", |d, n| {
            d.checked_add_days(Days::new(u64::from(n) * 7))
        }),
        ("อาทิตย์", |d, n| {
            d.checked_add_days(Days::new(u64::from(n) * 7))
        }),
        ("เดือน", |d, n| {
            d.checked_add_months(Months::new(n))
        }),
        ("ปี", |d, n| {
            d.checked_add_months(Months::new(n.checked_mul(12)?))
        }),
    ];
    let (add, rest) = super::strip_listed(rest, &units)?;
    match add(today, count) {
        Some(date) => Some(Ok((DateReading::On(date), rest))),
        None => out_of_range(),
    }
}

/// "สัปดาห์หน้า" / "อาทิตย์หน้า" (a week from today), "เดือนหน้า", "ปีหน้า".
fn strip_next_unit(text: &str, today: NaiveDate) -> Found<'_> {
    let units: [(&str, Shift); 4] = [
        ("สัปดาห์หน้า", |d| {
            d.checked_add_days(Days::new(7))
        }),
        ("อาทิตย์หน้า", |d| {
            d.checked_add_days(Days::new(7))
        }),
        ("เดือนหน้า", |d| {
            d.checked_add_months(Months::new(1))
        }),
        ("ปีหน้า", |d| {
            d.checked_add_months(Months::new(12))
        }),
    ];
    let (add, rest) = super::strip_listed(text, &units)?;
    Some(
        add(today)
            .map(|date| (DateReading::On(date), rest))
            .ok_or(DateError::YearOutOfRange),
    )
}

/// A weekday name or abbreviation, with an optional leading "วัน".
pub(super) fn strip_weekday(text: &str) -> Option<(Weekday, &str)> {
    let text = text.strip_prefix("วัน").map_or(text, str::trim_start);
    let abbreviated = WEEKDAY_ABBREVIATIONS.iter().find_map(|&(abbr, day)| {
        let rest = text.strip_prefix(abbr)?;
        let next = rest.chars().next();
        let ends_word = next.is_none_or(char::is_whitespace)
            || ["นี้", "หน้า", "ที่"].iter().any(|w| rest.starts_with(w));
        ends_word.then_some((day, rest))
    });
    abbreviated.or_else(|| {
        super::strip_listed(text, &WEEKDAYS)
            // "พฤ" alone must not swallow "พฤษภาคม" or "พฤศจิกายน".
            .filter(|(_, rest)| !rest.starts_with(['ษ', 'ศ']))
    })
}

fn weekday_reading(
    weekday: Weekday,
    rest: &str,
    today: NaiveDate,
    toward: Toward,
) -> (DateReading, &str) {
    let rest = rest.trim_start();
    let suffixes: [(&str, Suffix); 7] = [
        ("นี้", Suffix::This),
        ("หน้า", Suffix::Next),
        ("ที่จะถึง", Suffix::Coming),
        ("ถัดไป", Suffix::Coming),
        ("ที่แล้ว", Suffix::Last),
        ("ที่ผ่านมา", Suffix::Last),
        ("ก่อน", Suffix::Last),
    ];
    let (suffix, rest) = super::strip_listed(rest, &suffixes).unwrap_or((Suffix::This, rest));
    let reading = match (suffix, toward) {
        (Suffix::This, Toward::Future) => DateReading::On(on_or_after(today, weekday)),
        (Suffix::This, Toward::Past) => DateReading::On(on_or_before(today, weekday)),
        (Suffix::Coming, _) => {
            DateReading::On(on_or_after(today.succ_opt().unwrap_or(today), weekday))
        }
        (Suffix::Next, _) => {
            let coming = on_or_after(today.succ_opt().unwrap_or(today), weekday);
            split_by_week(today, coming, 7)
        }
        (Suffix::Last, _) => {
            let last = on_or_before(today.pred_opt().unwrap_or(today), weekday);
            split_by_week(today, last, -7)
        }
    };
    (reading, rest)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suffix {
    This,
    Coming,
    Next,
    Last,
}

/// "ศุกร์หน้า" said on a Monday: the Friday of this week, or the Friday of next week. When
/// the nearest such day already lies in another week, both readings are the same day.
fn split_by_week(today: NaiveDate, nearest: NaiveDate, step_days: i64) -> DateReading {
    if nearest.iso_week() != today.iso_week() {
        return DateReading::On(nearest);
    }
    let other = if step_days > 0 {
        nearest.checked_add_days(Days::new(7))
    } else {
        nearest.checked_sub_days(Days::new(7))
    };
    match other {
        Some(other) => DateReading::EitherOf(nearest, other),
        None => DateReading::On(nearest),
    }
}

fn on_or_after(day: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - day.weekday().num_days_from_monday()) % 7;
    day.checked_add_days(Days::new(ahead.into())).unwrap_or(day)
}

fn on_or_before(day: NaiveDate, weekday: Weekday) -> NaiveDate {
    let back = (7 + day.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    day.checked_sub_days(Days::new(back.into())).unwrap_or(day)
}

/// "ต้นเดือน", "กลางเดือน", "ปลายเดือน" / "สิ้นเดือน", then "นี้", "หน้า", a month name or
/// nothing (this month's unless it has passed).
fn strip_month_part(text: &str, today: NaiveDate, toward: Toward) -> Found<'_> {
    let parts: [(&str, MonthPart); 4] = [
        ("ต้นเดือน", MonthPart::Start),
        ("กลางเดือน", MonthPart::Middle),
        ("ปลายเดือน", MonthPart::End),
        ("สิ้นเดือน", MonthPart::End),
    ];
    let (part, rest) = super::strip_listed(text, &parts)?;
    let this_month = today.with_day(1)?;
    let (result, rest) = if let Some(rest) = rest.trim_start().strip_prefix("นี้") {
        (part.of(this_month), rest)
    } else if let Some(rest) = rest.trim_start().strip_prefix("หน้า") {
        (
            this_month
                .checked_add_months(Months::new(1))
                .and_then(|m| part.of(m)),
            rest,
        )
    } else if let Some((month, rest)) = strip_month(rest.trim_start()) {
        let year_be = be_year(today);
        let candidate = first_of(year_be, month).and_then(|m| part.of(m));
        let shifted = candidate.and_then(|date| match toward {
            Toward::Future if date < today => first_of(year_be + 1, month).and_then(|m| part.of(m)),
            Toward::Past if date > today => first_of(year_be - 1, month).and_then(|m| part.of(m)),
            _ => Some(date),
        });
        (shifted, rest)
    } else {
        let candidate = part.of(this_month);
        let shifted = candidate.and_then(|date| match toward {
            Toward::Future if date < today => this_month
                .checked_add_months(Months::new(1))
                .and_then(|m| part.of(m)),
            Toward::Past if date > today => this_month
                .checked_sub_months(Months::new(1))
                .and_then(|m| part.of(m)),
            _ => Some(date),
        });
        (shifted, rest)
    };
    Some(
        result
            .map(|date| (DateReading::On(date), rest))
            .ok_or(DateError::YearOutOfRange),
    )
}

fn first_of(year_be: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year_be.checked_sub(super::date::BE_OFFSET)?, month, 1)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MonthPart {
    /// The 1st.
    Start,
    /// The 15th.
    Middle,
    /// The last day.
    End,
}

impl MonthPart {
    fn of(self, first: NaiveDate) -> Option<NaiveDate> {
        match self {
            MonthPart::Start => Some(first),
            MonthPart::Middle => first.with_day(15),
            MonthPart::End => first.checked_add_months(Months::new(1))?.pred_opt(),
        }
    }
}

/// "สิ้นปีงบ" / "สิ้นปีงบประมาณ" (30 ก.ย. of the fiscal year; "หน้า" for the next one),
/// "ต้นปีงบ" (1 ต.ค.), "สิ้นไตรมาส" (this quarter's end; "หน้า" for the next), "ไตรมาส 2" /
/// "สิ้นไตรมาส 2" (the end of that quarter: this fiscal year's, or next year's once it has
/// passed), "สิ้นปี" (31 ธ.ค.).
fn strip_fiscal_end(text: &str, today: NaiveDate, toward: Toward) -> Found<'_> {
    let next_or_this = |rest: &str| -> (i32, usize) {
        let trimmed = rest.trim_start();
        let skipped = rest.len() - trimmed.len();
        if trimmed.starts_with("หน้า") {
            (1, skipped + "หน้า".len())
        } else if trimmed.starts_with("นี้") {
            (0, skipped + "นี้".len())
        } else {
            (0, 0)
        }
    };
    for (word, start) in [
        ("สิ้นปีงบประมาณ", false),
        ("สิ้นปีงบ", false),
        ("ต้นปีงบประมาณ", true),
        ("ต้นปีงบ", true),
    ] {
        if let Some(rest) = text.strip_prefix(word) {
            let (step, used) = next_or_this(rest);
            let (first, last) = fiscal_year_range(fiscal_year(today) + step);
            let date = if start && step == 0 && toward == Toward::Future && first < today {
                fiscal_year_range(fiscal_year(today) + 1).0
            } else if start {
                first
            } else {
                last
            };
            return Some(Ok((DateReading::On(date), &rest[used..])));
        }
    }
    if let Some(rest) = text.strip_prefix("สิ้นปี") {
        let (step, used) = next_or_this(rest);
        let date = NaiveDate::from_ymd_opt(today.year() + step, 12, 31);
        return Some(
            date.map(|d| (DateReading::On(d), &rest[used..]))
                .ok_or(DateError::YearOutOfRange),
        );
    }
    let rest = text
        .strip_prefix("สิ้นไตรมาส")
        .or_else(|| text.strip_prefix("ไตรมาส"))?;
    let quarter_text = rest.trim_start();
    let quarter_text = quarter_text
        .strip_prefix("ที่")
        .map_or(quarter_text, str::trim_start);
    let fy = fiscal_year(today);
    let (end, rest) = match split_leading_count(quarter_text) {
        Some((quarter, rest)) => {
            if !(1..=4).contains(&quarter) {
                return Some(Err(DateError::Unrecognised));
            }
            let (_, end) = fiscal_quarter_range(fy, quarter)?;
            let end = match toward {
                Toward::Future if end < today => fiscal_quarter_range(fy + 1, quarter)?.1,
                _ => end,
            };
            (end, rest)
        }
        None if text.starts_with("สิ้นไตรมาส") => {
            let (step, used) = next_or_this(rest);
            let this_end = fiscal_quarter_range(fy, fiscal_quarter(today))?.1;
            let end = match step {
                0 => this_end,
                _ => {
                    let next_start = this_end.succ_opt()?;
                    fiscal_quarter_range(fiscal_year(next_start), fiscal_quarter(next_start))?.1
                }
            };
            (end, &rest[used..])
        }
        None => return None,
    };
    Some(Ok((DateReading::On(end), rest)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year_ce: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year_ce, month, day).expect("valid test date")
    }

    #[test]
    fn weekday_names_and_abbreviations() {
        for (text, day) in [
            ("จันทร์", Weekday::Mon),
            ("วันจันทร์", Weekday::Mon),
            ("จ.", Weekday::Mon),
            ("อ.", Weekday::Tue),
            ("พ.", Weekday::Wed),
            ("พฤ.", Weekday::Thu),
            ("พฤหัส", Weekday::Thu),
            ("พฤหัสบดี", Weekday::Thu),
            ("ศ.", Weekday::Fri),
            ("วันศุกร์", Weekday::Fri),
            ("ส.", Weekday::Sat),
            ("อา.", Weekday::Sun),
        ] {
            assert_eq!(strip_weekday(text).map(|(d, _)| d), Some(day), "{text}");
        }
        for text in [
            "ส.ค.",
            "พ.ค.",
            "พ.ย.",
            "พฤษภาคม",
            "พฤศจิกายน",
            "อ.บ้านนา",
            "อาจารย์",
        ] {
            assert_eq!(strip_weekday(text), None, "{text}");
        }
    }

    #[test]
    fn next_weekday_is_split_only_within_the_same_week() {
        // Monday 30 Nov 2026.
        let monday = date(2026, 11, 30);
        assert_eq!(
            weekday_reading(Weekday::Fri, "หน้า", monday, Toward::Future).0,
            DateReading::EitherOf(date(2026, 12, 4), date(2026, 12, 11))
        );
        // Saturday 5 Dec 2026: the coming Monday is already next week.
        assert_eq!(
            weekday_reading(Weekday::Mon, "หน้า", date(2026, 12, 5), Toward::Future).0,
            DateReading::On(date(2026, 12, 7))
        );
    }
}
