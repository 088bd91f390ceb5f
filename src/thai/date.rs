//! Thai dates: Buddhist Era years, Thai month names and the many ways users type a date.

use super::{Explain, ExplainArg};
use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::digits::{digit_count, digit_value, digits_value, split_leading_digits};
use super::when::{self, DateReading, Toward, weekday_name};

/// Buddhist Era year = Common Era year + 543.
pub(super) const BE_OFFSET: i32 = 543;

/// Years accepted from users. Wide enough for any record the office keeps, narrow enough to
/// catch typos such as 25690 or a CE year typed as BE.
const MIN_YEAR_BE: i32 = 2400;
const MAX_YEAR_BE: i32 = 2700;

/// In text that goes on after the date, a number after the month is only taken as its year
/// when it lands this close to the current year: farther ones are usually counts or times
/// ("15 มิ.ย. 10 โมง"). Writing พ.ศ. before the year removes the doubt.
const PLAUSIBLE_YEAR_DISTANCE: u32 = 10;

struct MonthNames {
    abbr: &'static str,
    name: &'static str,
    /// The clipped form used in speech and chats ("มิถุนา").
    spoken: &'static str,
    english: &'static str,
    english_abbr: &'static str,
}

const MONTHS: [MonthNames; 12] = [
    MonthNames {
        abbr: "ม.ค.",
        name: "มกราคม",
        spoken: "มกรา",
        english: "january",
        english_abbr: "jan",
    },
    MonthNames {
        abbr: "ก.พ.",
        name: "กุมภาพันธ์",
        spoken: "กุมภา",
        english: "february",
        english_abbr: "feb",
    },
    MonthNames {
        abbr: "มี.ค.",
        name: "มีนาคม",
        spoken: "มีนา",
        english: "march",
        english_abbr: "mar",
    },
    MonthNames {
        abbr: "เม.ย.",
        name: "เมษายน",
        spoken: "เมษา",
        english: "april",
        english_abbr: "apr",
    },
    MonthNames {
        abbr: "พ.ค.",
        name: "พฤษภาคม",
        spoken: "พฤษภา",
        english: "may",
        english_abbr: "may",
    },
    MonthNames {
        abbr: "มิ.ย.",
        name: "มิถุนายน",
        spoken: "มิถุนา",
        english: "june",
        english_abbr: "jun",
    },
    MonthNames {
        abbr: "ก.ค.",
        name: "กรกฎาคม",
        spoken: "กรกฎา",
        english: "july",
        english_abbr: "jul",
    },
    MonthNames {
        abbr: "ส.ค.",
        name: "สิงหาคม",
        spoken: "สิงหา",
        english: "august",
        english_abbr: "aug",
    },
    MonthNames {
        abbr: "ก.ย.",
        name: "กันยายน",
        spoken: "กันยา",
        english: "september",
        english_abbr: "sep",
    },
    MonthNames {
        abbr: "ต.ค.",
        name: "ตุลาคม",
        spoken: "ตุลา",
        english: "october",
        english_abbr: "oct",
    },
    MonthNames {
        abbr: "พ.ย.",
        name: "พฤศจิกายน",
        spoken: "พฤศจิกา",
        english: "november",
        english_abbr: "nov",
    },
    MonthNames {
        abbr: "ธ.ค.",
        name: "ธันวาคม",
        spoken: "ธันวา",
        english: "december",
        english_abbr: "dec",
    },
];

/// Words for days relative to today. Longer words come before their own prefixes
/// ("มะรืนนี้" before "มะรืน") because the first match wins.
const RELATIVE_DAYS: [(&str, i64); 8] = [
    ("วันนี้", 0),
    ("พรุ่งนี้", 1),
    ("มะรืนนี้", 2),
    ("มะรืน", 2),
    ("เมื่อวานซืน", -2),
    ("เมื่อวานนี้", -1),
    ("เมื่อวาน", -1),
    ("วานนี้", -1),
];

const RELATIVE_DAYS_ENGLISH: [(&str, i64); 3] = [("today", 0), ("tomorrow", 1), ("yesterday", -1)];

/// Whether `word` is a day said relative to today ("เมื่อวาน", "วันนี้", "yesterday").
pub fn is_relative_day(word: &str) -> bool {
    let word = word.trim().to_lowercase();
    RELATIVE_DAYS
        .iter()
        .chain(RELATIVE_DAYS_ENGLISH.iter())
        .any(|(listed, _)| *listed == word)
}

/// Why a typed date or year was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    Empty,
    Unrecognised,
    UnknownMonth,
    NoSuchDay {
        day: u32,
        month: u32,
        year_be: i32,
    },
    YearOutOfRange,
    /// A phrase Thai usage reads two ways ("ศุกร์หน้า" on a Monday), where the caller cannot
    /// ask which one was meant.
    Ambiguous {
        nearer: NaiveDate,
        later: NaiveDate,
    },
    /// "อีก 5 วันทำการ" where no working-day calendar applies.
    WorkingDaysNotHere,
    /// "จันทร์ที่ 4 ธ.ค. 2569" when 4 ธ.ค. 2569 is a Friday.
    WrongWeekday {
        date: NaiveDate,
        typed: Weekday,
    },
}

impl Explain for DateError {
    fn locale_key(&self) -> &'static str {
        match self {
            DateError::Empty => "thai.date_empty",
            DateError::Unrecognised => "thai.date_unrecognised",
            DateError::UnknownMonth => "thai.date_unknown_month",
            DateError::NoSuchDay { .. } => "thai.date_no_such_day",
            DateError::YearOutOfRange => "thai.date_year_out_of_range",
            DateError::Ambiguous { .. } => "thai.date_ambiguous",
            DateError::WorkingDaysNotHere => "thai.date_working_days_not_here",
            DateError::WrongWeekday { .. } => "thai.date_wrong_weekday",
        }
    }

    fn locale_args(&self) -> Vec<(&'static str, ExplainArg)> {
        match self {
            DateError::NoSuchDay {
                day,
                month,
                year_be,
            } => vec![
                ("day", day.to_string().into()),
                ("month", ExplainArg::Month(*month)),
                ("year", year_be.to_string().into()),
            ],
            DateError::Ambiguous { nearer, later } => vec![
                ("nearer", ExplainArg::DateWithWeekday(*nearer)),
                ("later", ExplainArg::DateWithWeekday(*later)),
                ("example", ExplainArg::Date(*nearer)),
            ],
            DateError::WrongWeekday { date, typed } => vec![
                ("date", ExplainArg::Date(*date)),
                ("actual", ExplainArg::Weekday(date.weekday())),
                ("typed", ExplainArg::Weekday(*typed)),
            ],
            _ => Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Era {
    Buddhist,
    Common,
}

/// Whether the date must be the whole text or may be followed by more text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DatePosition {
    WholeText,
    StartOfText,
}

/// Buddhist Era year of a date.
pub fn be_year(d: NaiveDate) -> i32 {
    // chrono dates stop near year 262,000, far from i32 overflow.
    d.year() + BE_OFFSET
}

/// Abbreviated Thai month name ("มิ.ย."); empty for a month outside 1–12.
pub fn month_abbr(m: u32) -> &'static str {
    month_names(m).map_or("", |names| names.abbr)
}

/// Full Thai month name ("มิถุนายน"); empty for a month outside 1–12.
pub fn month_name(m: u32) -> &'static str {
    month_names(m).map_or("", |names| names.name)
}

/// "June"; empty for a month outside 1–12.
pub fn month_name_en(month: u32) -> &'static str {
    u8::try_from(month)
        .ok()
        .and_then(|month| chrono::Month::try_from(month).ok())
        .map_or("", |month| month.name())
}

fn month_names(month: u32) -> Option<&'static MonthNames> {
    let index = usize::try_from(month).ok()?.checked_sub(1)?;
    MONTHS.get(index)
}

/// "15 มิ.ย. 2569".
pub fn format_date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), month_abbr(d.month()), be_year(d))
}

/// "15 Jun 2569": a date in an English text (the year Buddhist Era, as every date shown).
pub fn format_date_en(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), d.format("%b"), be_year(d))
}

/// "ศุกร์ 4 ธ.ค. 2569": how every date a person typed is echoed back, so that a misreading
/// shows at once.
pub fn format_date_with_weekday(d: NaiveDate) -> String {
    format!("{} {}", weekday_name(d.weekday()), format_date(d))
}

/// "Fri 4 Dec 2569": the same in an English text.
pub fn format_date_with_weekday_en(d: NaiveDate) -> String {
    format!("{} {}", d.format("%a"), format_date_en(d))
}

/// "15 มิถุนายน 2569".
pub fn format_date_long(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), month_name(d.month()), be_year(d))
}

/// Month number of a Thai month name, abbreviation (dots and spaces after dots optional:
/// "มิ.ย.", "มิย", "มิ. ย."), spoken form ("มิถุนา"), or English name or three-letter abbreviation.
pub fn parse_month(s: &str) -> Option<u32> {
    match strip_month(s.trim()) {
        Some((month, "")) => Some(month),
        _ => None,
    }
}

/// Reads a month name at the start of `text` and returns it with the text after it. The longest
/// matching spelling wins, so "มีนาคม" is not cut short at "มีนา".
pub(super) fn strip_month(text: &str) -> Option<(u32, &str)> {
    let mut best: Option<(u32, &str)> = None;
    for (month, names) in (1..).zip(&MONTHS) {
        let matches = [
            strip_abbreviation(text, names.abbr),
            text.strip_prefix(names.name),
            text.strip_prefix(names.spoken),
            strip_english_word(text, names.english),
            strip_english_word(text, names.english_abbr)
                .map(|rest| rest.strip_prefix('.').unwrap_or(rest)),
        ];
        for rest in matches.into_iter().flatten() {
            if best.is_none_or(|(_, best_rest)| rest.len() < best_rest.len()) {
                best = Some((month, rest));
            }
        }
    }
    best
}

/// Matches a dotted abbreviation such as "มิ.ย." loosely: every dot is optional, and spaces may
/// follow an inner dot ("มิ. ย."). Trailing spaces are left alone.
fn strip_abbreviation<'a>(text: &'a str, abbreviation: &str) -> Option<&'a str> {
    let mut rest = text;
    let mut letters = abbreviation.chars().filter(|&c| c != '.').peekable();
    while let Some(letter) = letters.next() {
        rest = rest.strip_prefix(letter)?;
        if let Some(after_dot) = rest.strip_prefix('.') {
            rest = match letters.peek() {
                Some(_) => after_dot.trim_start(),
                None => after_dot,
            };
        }
    }
    Some(rest)
}

/// Case-insensitive ASCII prefix match.
pub(super) fn strip_prefix_ignore_ascii_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        text.get(prefix.len()..)
    } else {
        None
    }
}

/// English words need a word boundary, unlike Thai, which is written without spaces.
fn strip_english_word<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    strip_prefix_ignore_ascii_case(text, word)
        .filter(|rest| !rest.starts_with(|c: char| c.is_ascii_alphabetic()))
}

/// Buddhist Era year from "2569", "69", "2026" (a four-digit year below 2400 is CE), Thai
/// digits, or with an era marker: "พ.ศ. 2569", "ค.ศ. 2026".
pub fn parse_year(s: &str) -> Result<i32, DateError> {
    let text = s.trim();
    if text.is_empty() {
        return Err(DateError::Empty);
    }
    let (era, text) = match strip_era(text) {
        Some((era, rest)) => (Some(era), rest.trim_start()),
        None => (None, text),
    };
    match split_leading_digits(text) {
        ("", _) => Err(DateError::Unrecognised),
        (digits, "") => year_from_digits(digits, era),
        _ => Err(DateError::Unrecognised),
    }
}

fn strip_era(text: &str) -> Option<(Era, &str)> {
    strip_abbreviation(text, "พ.ศ.")
        .map(|rest| (Era::Buddhist, rest))
        .or_else(|| strip_abbreviation(text, "ค.ศ.").map(|rest| (Era::Common, rest)))
}

fn year_from_digits(digits: &str, era: Option<Era>) -> Result<i32, DateError> {
    let digit_count = digit_count(digits);
    if digit_count != 2 && digit_count != 4 {
        return Err(DateError::YearOutOfRange);
    }
    let value = digits_value(digits)
        .and_then(|value| i32::try_from(value).ok())
        .ok_or(DateError::Unrecognised)?;
    let year_be = match (digit_count, era) {
        (2, Some(Era::Common)) => 2000 + value + BE_OFFSET,
        (2, _) => 2500 + value,
        (_, Some(Era::Common)) => value + BE_OFFSET,
        (_, None) if value < MIN_YEAR_BE => value + BE_OFFSET,
        _ => value,
    };
    if (MIN_YEAR_BE..=MAX_YEAR_BE).contains(&year_be) {
        Ok(year_be)
    } else {
        Err(DateError::YearOutOfRange)
    }
}

/// Parses a whole text as a date. `today` resolves relative words and dates typed without a
/// year, which are the next such date (today included): "30 มิ.ย." typed in December is next
/// year's.
///
/// Accepted: "15 มิ.ย. 2569", "15 มิย 69", "15 มิถุนายน พ.ศ. 2569", "15 June 2026", "15/6/2569",
/// "15-06-69", "15/6", "2026-06-15" (a year first is read as in [`parse_year`]), Thai digits,
/// an optional leading "วันที่", วันนี้, พรุ่งนี้, มะรืนนี้, เมื่อวาน, เมื่อวานซืน, a day alone
/// ("วันที่ 25", "25 นี้") and the colloquial phrases of [`split_leading_reading`] that name one
/// date. A phrase read two ways is [`DateError::Ambiguous`]; working days are
/// [`DateError::WorkingDaysNotHere`].
pub fn parse_date(s: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    parse_date_toward(s, today, Toward::Future)
}

/// Like [`parse_date`], for dates that have happened (a donation's date, an imported row): a
/// date without a year, a day alone or a bare weekday is the latest such date up to today.
pub fn parse_past_date(s: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    parse_date_toward(s, today, Toward::Past)
}

pub(super) fn parse_date_toward(
    s: &str,
    today: NaiveDate,
    toward: Toward,
) -> Result<NaiveDate, DateError> {
    let (reading, rest) = read_date_prefix(s, today, DatePosition::WholeText, toward)?;
    if rest.trim().is_empty() {
        single_date(reading)
    } else {
        Err(DateError::Unrecognised)
    }
}

/// Reads a date at the start of `s` (same forms as [`parse_date`]) and returns it with the
/// rest of the text, trimmed: "15 มิ.ย. 2569 ส่งรายงาน" gives the date and "ส่งรายงาน".
///
/// A number after the month is only taken as the year when it is two or four digits, names a
/// year within ten years of today and is not a time ("10.30"); otherwise it stays in the rest
/// and the date is the next such date. "พ.ศ." before the year always makes it the year.
pub fn split_leading_date(s: &str, today: NaiveDate) -> Result<(NaiveDate, &str), DateError> {
    let (reading, rest) = split_leading_reading(s, today)?;
    Ok((single_date(reading)?, rest))
}

/// Like [`split_leading_date`], and also the readings only the caller can settle: weekdays
/// ("ศุกร์หน้า", "จ.", "วันพฤหัสนี้"; "…หน้า" said early in the week is read two ways and comes
/// back as [`DateReading::EitherOf`]), offsets ("อีก 3 วัน", "อีก 2 สัปดาห์", "อีก 1 เดือน",
/// "สัปดาห์หน้า", "เดือนหน้า"), parts of a month ("ต้นเดือนหน้า", "กลางเดือน",
/// "ปลายเดือนนี้", "สิ้นเดือน มี.ค."), fiscal ends ("สิ้นปีงบ", "สิ้นไตรมาส", "ไตรมาส 2") and
/// "อีก 5 วันทำการ" ([`DateReading::WorkingDaysAfterToday`]). All lean toward the future.
pub fn split_leading_reading(s: &str, today: NaiveDate) -> Result<(DateReading, &str), DateError> {
    let (reading, rest) = read_date_prefix(s, today, DatePosition::StartOfText, Toward::Future)?;
    Ok((reading, rest.trim()))
}

fn single_date(reading: DateReading) -> Result<NaiveDate, DateError> {
    match reading {
        DateReading::On(date) => Ok(date),
        DateReading::EitherOf(nearer, later) | DateReading::JustPassedOrNext(nearer, later) => {
            Err(DateError::Ambiguous { nearer, later })
        }
        DateReading::WorkingDaysAfterToday(_) => Err(DateError::WorkingDaysNotHere),
    }
}

fn read_date_prefix(
    text: &str,
    today: NaiveDate,
    position: DatePosition,
    toward: Toward,
) -> Result<(DateReading, &str), DateError> {
    let text = text.trim_start();
    if text.is_empty() {
        return Err(DateError::Empty);
    }
    if let Some((offset_days, rest)) = strip_relative_day(text) {
        let date = shift_days(today, offset_days).ok_or(DateError::YearOutOfRange)?;
        return Ok((DateReading::On(date), rest));
    }
    if let Some((weekday, after)) = when::strip_weekday(text) {
        let after = after.trim_start();
        let date_text = after.strip_prefix("ที่").map_or(after, str::trim_start);
        if date_text.starts_with(|c: char| digit_value(c).is_some()) {
            let (date, rest) = read_numeric_date(date_text, true, today, position, toward)?;
            if date.weekday() != weekday {
                return Err(DateError::WrongWeekday {
                    date,
                    typed: weekday,
                });
            }
            return Ok((DateReading::On(date), rest));
        }
    }
    if let Some(found) = when::strip_phrase(text, today, toward) {
        return found;
    }
    let after_word = text.strip_prefix("วันที่").map(str::trim_start);
    let date_text = after_word.unwrap_or(text);
    let (date, rest) = read_numeric_date(date_text, after_word.is_some(), today, position, toward)?;
    // Read looking back too: a date a year earlier that way was typed without its year, and
    // if it is only days ago, that day may be the one meant.
    if toward == Toward::Future
        && let Ok((passed, _)) = read_numeric_date(
            date_text,
            after_word.is_some(),
            today,
            position,
            Toward::Past,
        )
        && (date - passed).num_days() >= 365
        && passed < today
        && (today - passed).num_days() <= when::JUST_PASSED_DAYS
    {
        return Ok((DateReading::JustPassedOrNext(passed, date), rest));
    }
    Ok((DateReading::On(date), rest))
}

/// A date that starts with a number: "15 มิ.ย. 2569", "15/6", "2026-06-15", or a day alone
/// when `had_day_word` ("วันที่ 25") or followed by นี้.
fn read_numeric_date(
    text: &str,
    had_day_word: bool,
    today: NaiveDate,
    position: DatePosition,
    toward: Toward,
) -> Result<(NaiveDate, &str), DateError> {
    let (first_number, after_first) = split_leading_digits(text);
    if strip_numeric_separator(after_first).is_none()
        && let Some((day, rest)) = day_alone(first_number, after_first, had_day_word)
    {
        return Ok((day_of_nearest_month(day, today, toward)?, rest));
    }
    let (typed, rest) = read_day_and_month(text, today, position)?;
    Ok((typed.date(today, toward)?, rest))
}

/// A day and month as typed, with their year when one was typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TypedDate {
    day: u32,
    month: u32,
    year_be: Option<i32>,
}

impl TypedDate {
    /// The date meant: in the year typed, else the next (looking back: the latest) such date
    /// from `today`.
    fn date(self, today: NaiveDate, toward: Toward) -> Result<NaiveDate, DateError> {
        match self.year_be {
            Some(year_be) => build_date(self.day, self.month, year_be),
            None => yearless_date(self.day, self.month, today, toward),
        }
    }
}

/// A day and month at the start of `text`, and the year typed after them if any: "15 มิ.ย.
/// 2569", "15มิถุนายน", "15/6/2569", "15-06-69", "15/6", "2026-06-15". `today` only tells
/// whether a number after a month's name is its year ([`strip_year_after_month`]).
fn read_day_and_month(
    text: &str,
    today: NaiveDate,
    position: DatePosition,
) -> Result<(TypedDate, &str), DateError> {
    let (first_number, after_first) = split_leading_digits(text);
    if first_number.is_empty() {
        return Err(DateError::Unrecognised);
    }
    match strip_numeric_separator(after_first) {
        Some((separator, rest)) if digit_count(first_number) == 4 => {
            read_year_month_day(first_number, separator, rest)
        }
        Some((separator, rest)) => read_day_month_year(first_number, separator, rest),
        None => read_day_month_name(first_number, after_first, today, position),
    }
}

/// A day and month that come round every year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayOfYear {
    pub month: u32,
    pub day: u32,
}

/// Reads a day and month that come round every year at the start of `s` ("10 ธ.ค. …", "วันที่
/// 29 ก.พ. …", "15/6 …") and returns it with the rest of the text, trimmed. No year is chosen
/// for it, so whether the day has passed this year is no question here: every day of every
/// month reads the same. As in [`split_leading_date`], `today` tells whether a number after the
/// month is its year; a year typed is set aside once it holds the day. A day without its
/// month ("วันที่ 5") is no day of the year.
pub fn split_leading_day_of_year(
    s: &str,
    today: NaiveDate,
) -> Result<(DayOfYear, &str), DateError> {
    let text = s.trim_start();
    let text = text.strip_prefix("วันที่").map_or(text, str::trim_start);
    let (typed, rest) = read_day_and_month(text, today, DatePosition::StartOfText)?;
    // Only to know that the day exists: in the year typed, or on its next occurrence (29 ก.พ.
    // in the next leap year).
    typed.date(today, Toward::Future)?;
    let day = DayOfYear {
        month: typed.month,
        day: typed.day,
    };
    Ok((day, rest.trim()))
}

/// "วันที่ 25 …", "25 นี้", "วันที่ 25 นี้": a day of the month with no month after it.
fn day_alone<'a>(day_digits: &str, after: &'a str, had_day_word: bool) -> Option<(u32, &'a str)> {
    let (day, _) = take_small_number(day_digits)?;
    let trimmed = after.trim_start();
    if let Some(rest) = trimmed.strip_prefix("นี้") {
        return Some((day, rest));
    }
    let month_follows = strip_month(trimmed).is_some();
    (had_day_word && !month_follows && !trimmed.starts_with(['.', ':'])).then_some((day, after))
}

/// Day `day` of this month if it has not passed (or, looking back, has), else of the next
/// (previous) month that has such a day.
fn day_of_nearest_month(
    day: u32,
    today: NaiveDate,
    toward: Toward,
) -> Result<NaiveDate, DateError> {
    let this_month = today.with_day(1).ok_or(DateError::YearOutOfRange)?;
    if !(1..=31).contains(&day) {
        return Err(DateError::NoSuchDay {
            day,
            month: today.month(),
            year_be: be_year(today),
        });
    }
    (0..=12)
        .filter_map(|step| match toward {
            Toward::Future => this_month.checked_add_months(chrono::Months::new(step)),
            Toward::Past => this_month.checked_sub_months(chrono::Months::new(step)),
        })
        .filter_map(|first| first.with_day(day))
        .find(|date| match toward {
            Toward::Future => *date >= today,
            Toward::Past => *date <= today,
        })
        .ok_or(DateError::YearOutOfRange)
}

/// A day and month typed without a year: this year's if it has not passed (looking back: if
/// it has), otherwise the next (previous) year's. 29 ก.พ. goes on to the next leap year.
fn yearless_date(
    day: u32,
    month: u32,
    today: NaiveDate,
    toward: Toward,
) -> Result<NaiveDate, DateError> {
    let this_year = be_year(today);
    let candidates = (0..=8).map(|step| match toward {
        Toward::Future => this_year + step,
        Toward::Past => this_year - step,
    });
    let mut first_error = None;
    for year_be in candidates {
        match build_date(day, month, year_be) {
            Ok(date) if toward == Toward::Future && date < today => {}
            Ok(date) if toward == Toward::Past && date > today => {}
            Ok(date) => return Ok(date),
            Err(DateError::NoSuchDay { .. }) if day == 29 && month == 2 => {}
            // A day the month never has (31 ก.พ.) is named in the year the date would fall
            // in: this year's month unless it is already over (looking back: not yet begun).
            Err(DateError::NoSuchDay { .. }) => {
                let year_be = match toward {
                    Toward::Future if month < today.month() => this_year + 1,
                    Toward::Past if month > today.month() => this_year - 1,
                    _ => this_year,
                };
                return Err(first_error.unwrap_or(DateError::NoSuchDay {
                    day,
                    month,
                    year_be,
                }));
            }
            Err(error) => return Err(first_error.unwrap_or(error)),
        }
        first_error.get_or_insert(DateError::NoSuchDay {
            day,
            month,
            year_be,
        });
    }
    Err(first_error.unwrap_or(DateError::YearOutOfRange))
}

fn strip_relative_day(text: &str) -> Option<(i64, &str)> {
    let thai = super::strip_listed(text, &RELATIVE_DAYS);
    thai.or_else(|| {
        RELATIVE_DAYS_ENGLISH
            .iter()
            .find_map(|&(word, offset)| strip_english_word(text, word).map(|rest| (offset, rest)))
    })
}

fn shift_days(date: NaiveDate, offset_days: i64) -> Option<NaiveDate> {
    let days = Days::new(offset_days.unsigned_abs());
    if offset_days < 0 {
        date.checked_sub_days(days)
    } else {
        date.checked_add_days(days)
    }
}

fn strip_numeric_separator(text: &str) -> Option<(char, &str)> {
    ['/', '-']
        .into_iter()
        .find_map(|separator| text.strip_prefix(separator).map(|rest| (separator, rest)))
}

/// A day or month number of one or two digits at the start of `text`.
fn take_small_number(text: &str) -> Option<(u32, &str)> {
    let (digits, rest) = split_leading_digits(text);
    if !(1..=2).contains(&digit_count(digits)) {
        return None;
    }
    Some((digits_value(digits)?, rest))
}

/// "2026-06-15", "2569/6/15".
fn read_year_month_day<'a>(
    year_digits: &str,
    separator: char,
    text: &'a str,
) -> Result<(TypedDate, &'a str), DateError> {
    let year_be = year_from_digits(year_digits, None)?;
    let (month, rest) = take_small_number(text).ok_or(DateError::Unrecognised)?;
    let rest = rest
        .strip_prefix(separator)
        .ok_or(DateError::Unrecognised)?;
    let (day, rest) = take_small_number(rest).ok_or(DateError::Unrecognised)?;
    let typed = TypedDate {
        day,
        month,
        year_be: Some(year_be),
    };
    Ok((typed, rest))
}

/// "15/6/2569", "15-06-69", "15/6".
fn read_day_month_year<'a>(
    day_digits: &str,
    separator: char,
    text: &'a str,
) -> Result<(TypedDate, &'a str), DateError> {
    let (day, _) = take_small_number(day_digits).ok_or(DateError::Unrecognised)?;
    let (month, after_month) = take_small_number(text).ok_or(DateError::Unrecognised)?;
    match after_month.strip_prefix(separator) {
        Some(year_text) => match split_leading_digits(year_text) {
            ("", _) => Err(DateError::Unrecognised),
            (digits, rest) => {
                let year_be = Some(year_from_digits(digits, None)?);
                Ok((
                    TypedDate {
                        day,
                        month,
                        year_be,
                    },
                    rest,
                ))
            }
        },
        None if !(1..=12).contains(&month) => Err(DateError::UnknownMonth),
        None => Ok((
            TypedDate {
                day,
                month,
                year_be: None,
            },
            after_month,
        )),
    }
}

/// "15 มิ.ย. 2569", "15มิถุนายน", "15 มิ.ย. พ.ศ. 2569".
fn read_day_month_name<'a>(
    day_digits: &str,
    text: &'a str,
    today: NaiveDate,
    position: DatePosition,
) -> Result<(TypedDate, &'a str), DateError> {
    let (day, _) = take_small_number(day_digits).ok_or(DateError::Unrecognised)?;
    let text = text.trim_start();
    let Some((month, after_month)) = strip_month(text) else {
        return Err(if text.starts_with(char::is_alphabetic) {
            DateError::UnknownMonth
        } else {
            DateError::Unrecognised
        });
    };
    let (year_be, rest) = strip_year_after_month(after_month, today, position)?;
    Ok((
        TypedDate {
            day,
            month,
            year_be,
        },
        rest,
    ))
}

/// The year typed after a month name, if any.
fn strip_year_after_month(
    text: &str,
    today: NaiveDate,
    position: DatePosition,
) -> Result<(Option<i32>, &str), DateError> {
    let this_year = be_year(today);
    let candidate = text.trim_start();
    if let Some((era, after_era)) = strip_era(candidate) {
        return match split_leading_digits(after_era.trim_start()) {
            ("", _) => Err(DateError::Unrecognised),
            (digits, rest) => Ok((Some(year_from_digits(digits, Some(era))?), rest)),
        };
    }
    let (digits, rest) = split_leading_digits(candidate);
    if digits.is_empty() {
        return Ok((None, text));
    }
    match position {
        DatePosition::WholeText => Ok((Some(year_from_digits(digits, None)?), rest)),
        DatePosition::StartOfText => match year_from_digits(digits, None) {
            Ok(year)
                if year.abs_diff(this_year) <= PLAUSIBLE_YEAR_DISTANCE
                    && !starts_like_time(rest) =>
            {
                Ok((Some(year), rest))
            }
            _ => Ok((None, text)),
        },
    }
}

/// "10.30" or "13:00": the number before the mark was an hour, not a year.
fn starts_like_time(text: &str) -> bool {
    text.strip_prefix(['.', ':'])
        .is_some_and(|after_mark| !split_leading_digits(after_mark).0.is_empty())
}

fn build_date(day: u32, month: u32, year_be: i32) -> Result<NaiveDate, DateError> {
    if !(1..=12).contains(&month) {
        return Err(DateError::UnknownMonth);
    }
    year_be
        .checked_sub(BE_OFFSET)
        .and_then(|year_ce| NaiveDate::from_ymd_opt(year_ce, month, day))
        .ok_or(DateError::NoSuchDay {
            day,
            month,
            year_be,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wednesday 10 June 2026 = 10 มิ.ย. 2569.
    fn today() -> NaiveDate {
        date(2026, 6, 10)
    }

    fn date(year_ce: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year_ce, month, day).expect("valid test date")
    }

    fn june_15_2569() -> NaiveDate {
        date(2026, 6, 15)
    }

    #[test]
    fn be_year_adds_543() {
        assert_eq!(be_year(date(2026, 6, 15)), 2569);
        assert_eq!(be_year(date(2026, 1, 1)), 2569);
        assert_eq!(be_year(date(2025, 12, 31)), 2568);
        assert_eq!(be_year(NaiveDate::MAX), NaiveDate::MAX.year() + 543);
        assert_eq!(be_year(NaiveDate::MIN), NaiveDate::MIN.year() + 543);
    }

    #[test]
    fn month_tables_cover_all_twelve_months() {
        let abbrs: Vec<_> = (1..=12).map(month_abbr).collect();
        assert_eq!(
            abbrs,
            [
                "ม.ค.",
                "ก.พ.",
                "มี.ค.",
                "เม.ย.",
                "พ.ค.",
                "มิ.ย.",
                "ก.ค.",
                "ส.ค.",
                "ก.ย.",
                "ต.ค.",
                "พ.ย.",
                "ธ.ค."
            ]
        );
        let names: Vec<_> = (1..=12).map(month_name).collect();
        assert_eq!(
            names,
            [
                "มกราคม",
                "กุมภาพันธ์",
                "มีนาคม",
                "เมษายน",
                "พฤษภาคม",
                "มิถุนายน",
                "กรกฎาคม",
                "สิงหาคม",
                "กันยายน",
                "ตุลาคม",
                "พฤศจิกายน",
                "ธันวาคม"
            ]
        );
    }

    #[test]
    fn month_lookups_outside_one_to_twelve_are_empty() {
        for month in [0, 13, u32::MAX] {
            assert_eq!(month_abbr(month), "");
            assert_eq!(month_name(month), "");
        }
    }

    #[test]
    fn parse_month_accepts_every_spelling_of_every_month() {
        for (month, names) in (1..).zip(&MONTHS) {
            let undotted: String = names.abbr.chars().filter(|&c| c != '.').collect();
            let without_last_dot = names.abbr.strip_suffix('.').unwrap_or(names.abbr);
            let spaced = names.abbr.replacen('.', ". ", 1);
            let spellings = [
                names.abbr.to_string(),
                undotted,
                without_last_dot.to_string(),
                spaced,
                names.name.to_string(),
                names.spoken.to_string(),
                names.english.to_string(),
                names.english.to_uppercase(),
                names.english_abbr.to_string(),
                format!("{}.", names.english_abbr),
                format!("  {}  ", names.abbr),
            ];
            for spelling in spellings {
                assert_eq!(parse_month(&spelling), Some(month), "{spelling:?}");
            }
        }
    }

    #[test]
    fn parse_month_examples() {
        assert_eq!(parse_month("มิ.ย."), Some(6));
        assert_eq!(parse_month("มิย"), Some(6));
        assert_eq!(parse_month("มิ.ย"), Some(6));
        assert_eq!(parse_month("มิ. ย."), Some(6));
        assert_eq!(parse_month("มิถุนายน"), Some(6));
        assert_eq!(parse_month("มิถุนา"), Some(6));
        assert_eq!(parse_month("June"), Some(6));
        assert_eq!(parse_month("jun"), Some(6));
        assert_eq!(parse_month("Jun."), Some(6));
        assert_eq!(parse_month("มีนาคม"), Some(3));
        assert_eq!(parse_month("มี.ค."), Some(3));
        assert_eq!(parse_month("ก.พ."), Some(2));
        assert_eq!(parse_month("ก.ค."), Some(7));
        assert_eq!(parse_month("ก.ย."), Some(9));
        assert_eq!(parse_month("May"), Some(5));
    }

    #[test]
    fn parse_month_rejects_non_months() {
        for text in [
            "",
            " ",
            "มิ",
            "มิ ย",
            "มิ.ย.ค.",
            "มิถุนายนค่ะ",
            "junk",
            "junes",
            "ju",
            "6",
            "13",
            "เดือน",
            "ม.",
            "..",
            "ก.ข.",
        ] {
            assert_eq!(parse_month(text), None, "{text:?}");
        }
    }

    #[test]
    fn format_date_uses_buddhist_era() {
        assert_eq!(format_date(june_15_2569()), "15 มิ.ย. 2569");
        assert_eq!(format_date(date(2025, 10, 1)), "1 ต.ค. 2568");
        assert_eq!(format_date_long(june_15_2569()), "15 มิถุนายน 2569");
        assert_eq!(format_date_long(date(2024, 2, 29)), "29 กุมภาพันธ์ 2567");
    }

    #[test]
    fn parse_year_reads_buddhist_and_common_era_years() {
        let cases = [
            ("2569", 2569),
            ("69", 2569),
            ("00", 2500),
            ("99", 2599),
            ("2026", 2569),
            ("๒๕๖๙", 2569),
            ("๖๙", 2569),
            (" 2569 ", 2569),
            ("2400", 2400),
            ("2700", 2700),
            ("1857", 2400),
            ("2157", 2700),
            ("พ.ศ. 2569", 2569),
            ("พ.ศ.2569", 2569),
            ("พศ 2569", 2569),
            ("พ.ศ. 69", 2569),
            ("ค.ศ. 2026", 2569),
            ("ค.ศ.2026", 2569),
            ("ค.ศ. 26", 2569),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_year(text), Ok(expected), "{text:?}");
        }
    }

    #[test]
    fn parse_year_rejects_years_out_of_range() {
        for text in [
            "2399",
            "1856",
            "2158",
            "2701",
            "9999",
            "0069",
            "1000",
            "5",
            "569",
            "25690",
            "123456789012345678901234567890",
            "พ.ศ. 2026",
            "ค.ศ. 2569",
            "พ.ศ. 5",
        ] {
            assert_eq!(parse_year(text), Err(DateError::YearOutOfRange), "{text:?}");
        }
    }

    #[test]
    fn parse_year_rejects_empty_and_non_years() {
        assert_eq!(parse_year(""), Err(DateError::Empty));
        assert_eq!(parse_year("   "), Err(DateError::Empty));
        for text in [
            "abc",
            "ปีนี้",
            "2569a",
            "25 69",
            "-69",
            "2,569",
            "พ.ศ.",
            "69.5",
        ] {
            assert_eq!(parse_year(text), Err(DateError::Unrecognised), "{text:?}");
        }
    }

    #[test]
    fn parse_date_accepts_every_documented_form() {
        let forms = [
            "15 มิ.ย. 2569",
            "15 มิ.ย 2569",
            "15 มิย 2569",
            "15 มิ. ย. 2569",
            "15 มิถุนายน 69",
            "15 มิถุนายน 2569",
            "15 มิถุนา 2569",
            "15 มิถุนายน พ.ศ. 2569",
            "15 มิ.ย. 2026",
            "15 มิ.ย.2569",
            "15มิ.ย.2569",
            "15 มิย69",
            "15/6/2569",
            "15-6-2569",
            "15/06/69",
            "15-06-69",
            "15/6/2026",
            "๑๕ มิ.ย. ๒๕๖๙",
            "๑๕/๖/๖๙",
            "2026-06-15",
            "2026-6-15",
            "2026/06/15",
            "2569-06-15",
            "15 June 2026",
            "15 jun 2569",
            "วันที่ 15 มิ.ย. 2569",
            "วันที่15 มิ.ย. 2569",
            "  15 มิ.ย. 2569  ",
            "15 มิ.ย.",
            "15 มิถุนายน",
            "15/6",
            "15-06",
            "วันที่ 15 มิ.ย.",
        ];
        for form in forms {
            assert_eq!(parse_date(form, today()), Ok(june_15_2569()), "{form:?}");
        }
    }

    #[test]
    fn parse_date_reads_every_month() {
        for month in 1..=12 {
            let expected = date(2026, month, 1);
            for text in [
                format!("1 {} 2569", month_abbr(month)),
                format!("1 {} 2569", month_name(month)),
                format!("1/{month}/2569"),
                format!("2026-{month:02}-01"),
            ] {
                assert_eq!(parse_date(&text, today()), Ok(expected), "{text:?}");
            }
        }
    }

    #[test]
    fn parse_date_without_year_is_the_next_such_date() {
        let in_january = date(2027, 1, 5);
        assert_eq!(parse_date("15 มิ.ย.", in_january), Ok(date(2027, 6, 15)));
        assert_eq!(parse_date("5/1", in_january), Ok(date(2027, 1, 5)));
        // 1 ม.ค. passed four days ago: that day, or next year's? Asked where the caller can
        // (DateReading::JustPassedOrNext), refused as two readings where it cannot.
        assert_eq!(
            parse_date("1/1", in_january),
            Err(DateError::Ambiguous {
                nearer: date(2027, 1, 1),
                later: date(2028, 1, 1)
            })
        );
        assert_eq!(parse_date("1/1", date(2027, 2, 5)), Ok(date(2028, 1, 1)));
        assert_eq!(parse_date("1 ม.ค.", today()), Ok(date(2027, 1, 1)));
        // 3 ธ.ค. 2569: 30 มิ.ย. is next year's (issue 14, item 4).
        let december = date(2026, 12, 3);
        assert_eq!(
            split_leading_date("30 มิ.ย. ส่งรายงาน", december),
            Ok((date(2027, 6, 30), "ส่งรายงาน"))
        );
        // 29 ก.พ. without a year is the next one that exists.
        assert_eq!(parse_date("29 ก.พ.", december), Ok(date(2028, 2, 29)));
    }

    #[test]
    fn a_day_of_the_year_is_read_without_choosing_its_year() {
        let day_of_year = |month, day| DayOfYear { month, day };
        // 10 June 2569: days just passed, today, to come, 29 February, a year set aside.
        for (text, expected, rest) in [
            ("10 ธ.ค. ส่งรายงาน", day_of_year(12, 10), "ส่งรายงาน"),
            ("วันที่ 1 ธันวาคม ส่งรายงาน", day_of_year(12, 1), "ส่งรายงาน"),
            ("9 มิ.ย.", day_of_year(6, 9), ""),
            ("10/6 ประชุม", day_of_year(6, 10), "ประชุม"),
            ("29 ก.พ. ตรวจนับ", day_of_year(2, 29), "ตรวจนับ"),
            ("15 มิ.ย. 2569 รายงาน", day_of_year(6, 15), "รายงาน"),
            ("15 มิ.ย. 10 โมง", day_of_year(6, 15), "10 โมง"),
        ] {
            assert_eq!(
                split_leading_day_of_year(text, today()),
                Ok((expected, rest)),
                "{text:?}"
            );
        }
        // In December too: nothing is "just passed" (see parse_date's reading of 1/1 above).
        assert_eq!(
            split_leading_day_of_year("1 ธ.ค. ส่ง", date(2026, 12, 20)),
            Ok((day_of_year(12, 1), "ส่ง"))
        );
        for (text, error) in [
            ("วันที่ 5 ส่งรายงาน", DateError::UnknownMonth),
            ("25 นี้", DateError::UnknownMonth),
            ("พรุ่งนี้", DateError::Unrecognised),
            ("15/13", DateError::UnknownMonth),
            (
                "31 เม.ย.",
                DateError::NoSuchDay {
                    day: 31,
                    month: 4,
                    year_be: 2570,
                },
            ),
            (
                "29 ก.พ. 2569",
                DateError::NoSuchDay {
                    day: 29,
                    month: 2,
                    year_be: 2569,
                },
            ),
        ] {
            assert_eq!(
                split_leading_day_of_year(text, today()),
                Err(error),
                "{text:?}"
            );
        }
    }

    #[test]
    fn past_dates_without_year_are_the_latest_such_date() {
        let december = date(2026, 12, 3);
        assert_eq!(parse_past_date("30 มิ.ย.", december), Ok(date(2026, 6, 30)));
        assert_eq!(parse_past_date("25 ธ.ค.", december), Ok(date(2025, 12, 25)));
        assert_eq!(parse_past_date("วันที่ 5", december), Ok(date(2026, 11, 5)));
    }

    #[test]
    fn parse_date_reads_relative_words() {
        let cases = [
            ("วันนี้", date(2026, 6, 10)),
            ("พรุ่งนี้", date(2026, 6, 11)),
            ("มะรืนนี้", date(2026, 6, 12)),
            ("มะรืน", date(2026, 6, 12)),
            ("เมื่อวาน", date(2026, 6, 9)),
            ("เมื่อวานนี้", date(2026, 6, 9)),
            ("วานนี้", date(2026, 6, 9)),
            ("เมื่อวานซืน", date(2026, 6, 8)),
            ("today", date(2026, 6, 10)),
            ("Tomorrow", date(2026, 6, 11)),
            ("YESTERDAY", date(2026, 6, 9)),
            (" วันนี้ ", date(2026, 6, 10)),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_date(text, today()), Ok(expected), "{text:?}");
        }
        assert_eq!(parse_date("พรุ่งนี้", date(2026, 12, 31)), Ok(date(2027, 1, 1)));
        assert_eq!(
            parse_date("เมื่อวาน", date(2024, 3, 1)),
            Ok(date(2024, 2, 29))
        );
    }

    #[test]
    fn relative_words_at_the_edge_of_the_calendar_do_not_panic() {
        assert_eq!(
            parse_date("พรุ่งนี้", NaiveDate::MAX),
            Err(DateError::YearOutOfRange)
        );
        assert_eq!(
            parse_date("เมื่อวาน", NaiveDate::MIN),
            Err(DateError::YearOutOfRange)
        );
        for today in [NaiveDate::MAX, NaiveDate::MIN] {
            for text in [
                "15 มิ.ย.",
                "ศุกร์หน้า",
                "อีก 3 เดือน",
                "สิ้นเดือนหน้า",
                "วันที่ 31",
                "สิ้นไตรมาสหน้า",
            ] {
                let _ = parse_date(text, today);
            }
        }
    }

    #[test]
    fn parse_date_rejects_impossible_days() {
        let cases = [
            ("31 เม.ย. 2569", 31, 4, 2569),
            ("29 ก.พ. 2569", 29, 2, 2569),
            ("30 ก.พ. 2567", 30, 2, 2567),
            // No year, typed in June 2569: the next February is 2570's, and so is the error.
            ("30 ก.พ.", 30, 2, 2570),
            ("0 มิ.ย. 2569", 0, 6, 2569),
            ("32/1/2569", 32, 1, 2569),
            ("31/6/69", 31, 6, 2569),
            ("00/06/2569", 0, 6, 2569),
            ("2026-02-30", 30, 2, 2569),
            ("99 ธ.ค. 2569", 99, 12, 2569),
        ];
        for (text, day, month, year_be) in cases {
            assert_eq!(
                parse_date(text, today()),
                Err(DateError::NoSuchDay {
                    day,
                    month,
                    year_be
                }),
                "{text:?}"
            );
        }
        assert_eq!(parse_date("29 ก.พ. 2567", today()), Ok(date(2024, 2, 29)));
    }

    #[test]
    fn parse_date_rejects_impossible_month_numbers() {
        for text in [
            "13/13/2569",
            "15/0/2569",
            "1/13",
            "2026-13-01",
            "2026-00-10",
        ] {
            assert_eq!(
                parse_date(text, today()),
                Err(DateError::UnknownMonth),
                "{text:?}"
            );
        }
    }

    #[test]
    fn parse_date_rejects_unknown_month_names() {
        for text in [
            "15 ขขข 2569",
            "15 มิ 2569",
            "15 โรงเรียน",
            "15 juni 2026",
            "15 เดือน 6",
        ] {
            assert_eq!(
                parse_date(text, today()),
                Err(DateError::UnknownMonth),
                "{text:?}"
            );
        }
    }

    #[test]
    fn parse_date_rejects_years_out_of_range() {
        for text in [
            "15 มิ.ย. 2800",
            "15 มิ.ย. 5",
            "15 มิ.ย. 256",
            "15 มิ.ย. 25690",
            "15/6/5",
            "15/6/1800",
            "1800-06-15",
            "15 มิ.ย. พ.ศ. 2026",
            "15 มิ.ย. 99999999999999999999",
        ] {
            assert_eq!(
                parse_date(text, today()),
                Err(DateError::YearOutOfRange),
                "{text:?}"
            );
        }
    }

    #[test]
    fn parse_date_rejects_empty_and_unrecognised_text() {
        assert_eq!(parse_date("", today()), Err(DateError::Empty));
        assert_eq!(parse_date("  \n", today()), Err(DateError::Empty));
        for text in [
            "hello",
            "วันที่",
            "15",
            "15 มิ.ย. 2569 ส่งรายงาน",
            "วันนี้ค่ะ",
            "15/",
            "15/6/",
            "15//2569",
            "15/6-2569",
            "2026-06",
            "2026-06-",
            "2026-06/15",
            "2026-06-150",
            "150 มิ.ย. 2569",
            "15:30",
            "15 มิ.ย. พ.ศ.",
            "15 . มิ.ย.",
            "todays",
            "-15 มิ.ย.",
            "999999999999999999999/6/2569",
        ] {
            assert_eq!(
                parse_date(text, today()),
                Err(DateError::Unrecognised),
                "{text:?}"
            );
        }
    }

    #[test]
    fn split_leading_date_returns_the_trimmed_rest() {
        let cases = [
            ("15 มิ.ย. 2569 ส่งรายงาน", june_15_2569(), "ส่งรายงาน"),
            ("15 มิ.ย. 2569", june_15_2569(), ""),
            ("15 มิ.ย. 2569ส่งรายงาน", june_15_2569(), "ส่งรายงาน"),
            ("15 มิ.ย. ส่งรายงาน", june_15_2569(), "ส่งรายงาน"),
            ("15 มิย ส่งรายงาน", june_15_2569(), "ส่งรายงาน"),
            ("15 มิถุนายนส่งรายงาน", june_15_2569(), "ส่งรายงาน"),
            ("15 มิ.ย. 69 ส่งรายงาน", june_15_2569(), "ส่งรายงาน"),
            ("15/6/2569 ประชุมผู้บริหาร", june_15_2569(), "ประชุมผู้บริหาร"),
            ("15/6 ประชุม", june_15_2569(), "ประชุม"),
            ("2026-06-15 ประชุม", june_15_2569(), "ประชุม"),
            ("วันที่ 15 มิ.ย. 2569 ส่งรายงาน", june_15_2569(), "ส่งรายงาน"),
            ("๑๕ มิ.ย. ๒๕๖๙ ส่งรายงาน", june_15_2569(), "ส่งรายงาน"),
            ("พรุ่งนี้ ประชุม", date(2026, 6, 11), "ประชุม"),
            ("พรุ่งนี้ประชุม", date(2026, 6, 11), "ประชุม"),
            ("วันนี้", today(), ""),
            ("tomorrow meeting", date(2026, 6, 11), "meeting"),
        ];
        for (text, expected_date, expected_rest) in cases {
            assert_eq!(
                split_leading_date(text, today()),
                Ok((expected_date, expected_rest)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn split_leading_date_leaves_implausible_years_in_the_rest() {
        let cases = [
            ("15 มิ.ย. 5 โรงเรียน", "5 โรงเรียน"),
            ("15 มิ.ย. 10 โมง ประชุม", "10 โมง ประชุม"),
            ("15 มิ.ย. 13.30 น. ประชุม", "13.30 น. ประชุม"),
            ("15 มิ.ย. 69.30 น.", "69.30 น."),
            ("15 มิ.ย. 69:00", "69:00"),
            ("15 มิ.ย. 120 คน", "120 คน"),
            ("15 มิ.ย. 1500 บาท", "1500 บาท"),
            ("15 มิ.ย. 2500 บาท", "2500 บาท"),
            ("15 มิ.ย. 50 คน", "50 คน"),
            ("15 มิ.ย. 25690", "25690"),
        ];
        for (text, expected_rest) in cases {
            assert_eq!(
                split_leading_date(text, today()),
                Ok((june_15_2569(), expected_rest)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn split_leading_date_takes_nearby_and_marked_years() {
        let cases = [
            ("15 มิ.ย. 59 ส่ง", date(2016, 6, 15)),
            ("15 มิ.ย. 79 ส่ง", date(2036, 6, 15)),
            ("15 มิ.ย. 2559 ส่ง", date(2016, 6, 15)),
            ("15 มิ.ย. 2036 ส่ง", date(2036, 6, 15)),
            ("15 มิ.ย. พ.ศ. 2500 ส่ง", date(1957, 6, 15)),
            ("15 มิ.ย. พ.ศ. 50 ส่ง", date(2007, 6, 15)),
        ];
        for (text, expected) in cases {
            assert_eq!(
                split_leading_date(text, today()),
                Ok((expected, "ส่ง")),
                "{text:?}"
            );
        }
        // Just outside the window.
        assert_eq!(
            split_leading_date("15 มิ.ย. 58 ส่ง", today()),
            Ok((june_15_2569(), "58 ส่ง"))
        );
        assert_eq!(
            split_leading_date("15 มิ.ย. 80 ส่ง", today()),
            Ok((june_15_2569(), "80 ส่ง"))
        );
    }

    #[test]
    fn split_leading_date_reports_errors() {
        assert_eq!(split_leading_date("", today()), Err(DateError::Empty));
        assert_eq!(
            split_leading_date("ส่งรายงาน 15 มิ.ย.", today()),
            Err(DateError::Unrecognised)
        );
        assert_eq!(
            split_leading_date("5 โรงเรียน", today()),
            Err(DateError::UnknownMonth)
        );
        // Typed on 10 มิ.ย. 2569 without a year, เม.ย. is next year's: the error names 2570.
        assert_eq!(
            split_leading_date("31 เม.ย. ส่งรายงาน", today()),
            Err(DateError::NoSuchDay {
                day: 31,
                month: 4,
                year_be: 2570
            })
        );
        assert_eq!(
            split_leading_date("31 มิ.ย. ส่งรายงาน", today()),
            Err(DateError::NoSuchDay {
                day: 31,
                month: 6,
                year_be: 2569
            })
        );
        assert_eq!(
            split_leading_date("31 ก.พ. ส่ง", date(2026, 12, 3)),
            Err(DateError::NoSuchDay {
                day: 31,
                month: 2,
                year_be: 2570
            })
        );
        assert_eq!(
            split_leading_date("15/6/5 ส่ง", today()),
            Err(DateError::YearOutOfRange)
        );
        assert_eq!(
            split_leading_date("15 มิ.ย. พ.ศ. 3000 ส่ง", today()),
            Err(DateError::YearOutOfRange)
        );
    }

    #[test]
    fn locale_keys_and_arguments() {
        let error = DateError::NoSuchDay {
            day: 31,
            month: 4,
            year_be: 2569,
        };
        assert_eq!(error.locale_key(), "thai.date_no_such_day");
        assert_eq!(
            error.locale_args(),
            vec![
                ("day", ExplainArg::Text("31".to_string())),
                ("month", ExplainArg::Month(4)),
                ("year", ExplainArg::Text("2569".to_string()))
            ]
        );
        let all = [
            DateError::Empty,
            DateError::Unrecognised,
            DateError::UnknownMonth,
            error,
            DateError::YearOutOfRange,
        ];
        let keys: std::collections::HashSet<_> = all.iter().map(DateError::locale_key).collect();
        assert_eq!(keys.len(), all.len());
        assert!(keys.iter().all(|key| key.starts_with("thai.date_")));
        assert!(DateError::YearOutOfRange.locale_args().is_empty());
    }
}
