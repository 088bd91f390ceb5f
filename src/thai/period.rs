//! Reporting periods typed by users: fiscal years and quarters, months, weeks and days.

use super::{Explain, ExplainArg};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::date::{
    BE_OFFSET, DateError, be_year, format_date, format_date_en, month_abbr, month_name,
    month_name_en, parse_date_toward, parse_year, strip_month, strip_prefix_ignore_ascii_case,
};
use super::digits::{digits_value, split_leading_digits};
use super::fiscal::{fiscal_quarter, fiscal_quarter_range, fiscal_year, fiscal_year_range};
use super::when::Toward;

/// A span of days, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub kind: PeriodKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    /// Buddhist Era year in which the fiscal year ends.
    FiscalYear(i32),
    /// Fiscal year (BE) and quarter 1–4.
    FiscalQuarter(i32, u32),
    /// Buddhist Era year and month 1–12.
    Month(i32, u32),
    /// Monday to Sunday.
    Week,
    Day,
}

/// Why a typed period was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodError {
    Empty,
    Unrecognised,
    /// A year or date inside the period was wrong; its own message says how.
    Year(DateError),
    NoSuchQuarter(u32),
}

impl Explain for PeriodError {
    fn locale_key(&self) -> &'static str {
        match self {
            PeriodError::Empty => "thai.period_empty",
            PeriodError::Unrecognised => "thai.period_unrecognised",
            PeriodError::Year(error) => error.locale_key(),
            PeriodError::NoSuchQuarter(_) => "thai.period_no_such_quarter",
        }
    }

    fn locale_args(&self) -> Vec<(&'static str, ExplainArg)> {
        match self {
            PeriodError::Year(error) => error.locale_args(),
            PeriodError::NoSuchQuarter(quarter) => vec![("quarter", quarter.to_string().into())],
            PeriodError::Empty | PeriodError::Unrecognised => Vec::new(),
        }
    }
}

impl Period {
    /// Fiscal year `fy_be` (1 Oct – 30 Sep), clamped like [`fiscal_year_range`].
    pub fn fiscal_year(fy_be: i32) -> Period {
        let (start, end) = fiscal_year_range(fy_be);
        Period {
            start,
            end,
            kind: PeriodKind::FiscalYear(fy_be),
        }
    }

    /// Quarter `quarter` (1–4) of fiscal year `fy_be`.
    pub fn fiscal_quarter(fy_be: i32, quarter: u32) -> Option<Period> {
        let (start, end) = fiscal_quarter_range(fy_be, quarter)?;
        Some(Period {
            start,
            end,
            kind: PeriodKind::FiscalQuarter(fy_be, quarter),
        })
    }

    /// Calendar month `month` (1–12) of Buddhist Era year `year_be`.
    pub fn month(year_be: i32, month: u32) -> Option<Period> {
        let start = NaiveDate::from_ymd_opt(year_be.checked_sub(BE_OFFSET)?, month, 1)?;
        let end = start.checked_add_months(Months::new(1))?.pred_opt()?;
        Some(Period {
            start,
            end,
            kind: PeriodKind::Month(year_be, month),
        })
    }

    /// The Monday-to-Sunday week containing `day`.
    pub fn week_containing(day: NaiveDate) -> Period {
        let days_since_monday = Days::new(u64::from(day.weekday().num_days_from_monday()));
        let start = day
            .checked_sub_days(days_since_monday)
            .unwrap_or(NaiveDate::MIN);
        let end = start
            .checked_add_days(Days::new(6))
            .unwrap_or(NaiveDate::MAX);
        Period {
            start,
            end,
            kind: PeriodKind::Week,
        }
    }

    pub fn day(day: NaiveDate) -> Period {
        Period {
            start: day,
            end: day,
            kind: PeriodKind::Day,
        }
    }

    /// The period of the same kind just after this one. At the very end of chrono's calendar
    /// the period itself is returned.
    pub fn next(&self) -> Period {
        self.same_kind_containing(self.end.succ_opt())
    }

    /// The period of the same kind just before this one: previous fiscal year, quarter, month,
    /// week or day. At the very start of chrono's calendar the period itself is returned.
    pub fn previous(&self) -> Period {
        self.same_kind_containing(self.start.pred_opt())
    }

    fn same_kind_containing(&self, day: Option<NaiveDate>) -> Period {
        let Some(day) = day else {
            return *self;
        };
        let found = match self.kind {
            PeriodKind::FiscalYear(_) => Some(Period::fiscal_year(fiscal_year(day))),
            PeriodKind::FiscalQuarter(..) => {
                Period::fiscal_quarter(fiscal_year(day), fiscal_quarter(day))
            }
            PeriodKind::Month(..) => Period::month(be_year(day), day.month()),
            PeriodKind::Week => Some(Period::week_containing(day)),
            PeriodKind::Day => Some(Period::day(day)),
        };
        found.unwrap_or(*self)
    }

    /// Thai label: "ปีงบประมาณ 2569", "ไตรมาส 2 ปีงบประมาณ 2569", "มิถุนายน 2569",
    /// "สัปดาห์ 15–21 มิ.ย. 2569", "15 มิ.ย. 2569".
    pub fn label(&self) -> String {
        match self.kind {
            PeriodKind::FiscalYear(fy) => format!("ปีงบประมาณ {fy}"),
            PeriodKind::FiscalQuarter(fy, quarter) => {
                format!("ไตรมาส {quarter} ปีงบประมาณ {fy}")
            }
            PeriodKind::Month(year, month) => format!("{} {year}", month_name(month)),
            PeriodKind::Week => format!(
                "สัปดาห์ {}",
                day_range_label(self.start, self.end, format_date, month_abbr)
            ),
            PeriodKind::Day => format_date(self.start),
        }
    }

    /// The same in English, years Buddhist Era: "fiscal year 2569", "Q2 of fiscal year 2569",
    /// "June 2569", "week of 15–21 Jun 2569", "15 Jun 2569".
    pub fn label_en(&self) -> String {
        match self.kind {
            PeriodKind::FiscalYear(fy) => format!("fiscal year {fy}"),
            PeriodKind::FiscalQuarter(fy, quarter) => format!("Q{quarter} of fiscal year {fy}"),
            PeriodKind::Month(year, month) => format!("{} {year}", month_name_en(month)),
            PeriodKind::Week => format!(
                "week of {}",
                day_range_label(self.start, self.end, format_date_en, month_abbr_en)
            ),
            PeriodKind::Day => format_date_en(self.start),
        }
    }
}

/// "Jun"; empty for a month outside 1–12.
fn month_abbr_en(month: u32) -> &'static str {
    month_name_en(month).get(..3).unwrap_or("")
}

/// "15–21 มิ.ย. 2569", "29 มิ.ย. – 5 ก.ค. 2569", "29 ธ.ค. 2568 – 4 ม.ค. 2569": only what
/// differs between the two ends is repeated; `date` and `month` write them in one language.
fn day_range_label(
    start: NaiveDate,
    end: NaiveDate,
    date: fn(NaiveDate) -> String,
    month: fn(u32) -> &'static str,
) -> String {
    if be_year(start) != be_year(end) {
        format!("{} – {}", date(start), date(end))
    } else if start.month() != end.month() {
        format!("{} {} – {}", start.day(), month(start.month()), date(end))
    } else {
        format!("{}–{}", start.day(), date(end))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PeriodUnit {
    FiscalYear,
    FiscalQuarter,
    Month,
    Week,
}

/// Words naming a unit in "`<unit>`นี้" / "`<unit>`ที่แล้ว". A bare ปี means the fiscal year,
/// as it does in the office's reports.
const UNIT_WORDS: [(&str, PeriodUnit); 7] = [
    ("ปีงบประมาณ", PeriodUnit::FiscalYear),
    ("ปีงบ", PeriodUnit::FiscalYear),
    ("ปี", PeriodUnit::FiscalYear),
    ("ไตรมาส", PeriodUnit::FiscalQuarter),
    ("เดือน", PeriodUnit::Month),
    ("สัปดาห์", PeriodUnit::Week),
    ("อาทิตย์", PeriodUnit::Week),
];

/// Endings after a unit word: the current period, the one before, or the one after.
const RELATIVE_ENDINGS: [(&str, Relative); 4] = [
    ("นี้", Relative::This),
    ("ที่แล้ว", Relative::Previous),
    ("ก่อน", Relative::Previous),
    ("หน้า", Relative::Next),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relative {
    Previous,
    This,
    Next,
}

const FISCAL_YEAR_WORDS: [&str; 2] = ["ปีงบประมาณ", "ปีงบ"];

/// Parses a reporting period. Accepted:
/// - fiscal years: "ปีงบ 2569", "ปีงบประมาณ พ.ศ. 2569", "ปีงบ 69", "fy 2569"
/// - quarters: "ไตรมาส 2" (of the current fiscal year), "ไตรมาสที่ 2 ปีงบ 2569", "ไตรมาส 2/69"
/// - months: "มิ.ย. 2569", "มิถุนายน 69", "เดือนมิถุนายน", "มิ.ย." (this month, or the latest
///   such month before it: a report of มิ.ย. asked in December is of the June just past)
/// - "`<unit>`นี้", "`<unit>`ที่แล้ว" / "`<unit>`ก่อน" and "`<unit>`หน้า" for ปี / ปีงบ / ปีงบประมาณ
///   (fiscal year),
///   ไตรมาส, เดือน and สัปดาห์ / อาทิตย์ (Monday to Sunday)
/// - a single day, in any form [`parse_date`] accepts: "วันนี้", "15 มิ.ย. 2569"
///
/// Empty input is [`PeriodError::Empty`] so the caller can pick its own default.
pub fn parse_period(s: &str, today: NaiveDate) -> Result<Period, PeriodError> {
    period_toward(s, today, Toward::Past)
}

/// Like [`parse_period`], looking ahead as the calendar does: a month or date without a year
/// is the coming one ("ปฏิทิน มกราคม" in December is next January), and on a Saturday or a
/// Sunday "สัปดาห์นี้" runs from today to the end of the coming week (the office's working
/// week is over; "สัปดาห์หน้า" is the coming week, "สัปดาห์ที่แล้ว" the week ending).
pub fn parse_coming_period(s: &str, today: NaiveDate) -> Result<Period, PeriodError> {
    period_toward(s, today, Toward::Future)
}

fn period_toward(s: &str, today: NaiveDate, toward: Toward) -> Result<Period, PeriodError> {
    // `ยอดบริจาค ปีงบ 2570 ค่ะ`, `ปฏิทิน เดือนนี้ครับ`: the particle is no part of the period.
    let text = super::without_polite_ending(s);
    if text.is_empty() {
        return Err(PeriodError::Empty);
    }
    if let Some((unit, relative)) = relative_period(text) {
        let current =
            current_period(unit, today).ok_or(PeriodError::Year(DateError::YearOutOfRange))?;
        return Ok(match relative {
            // The rest of the weekend and the coming week: what is due today or tomorrow
            // still shows.
            Relative::This if toward == Toward::Future && working_week_over(unit, today) => {
                Period {
                    start: today,
                    ..current.next()
                }
            }
            // The week just worked, so that no week goes without a name.
            Relative::Previous if toward == Toward::Future && working_week_over(unit, today) => {
                current
            }
            Relative::Previous => current.previous(),
            Relative::This => current,
            Relative::Next => current.next(),
        });
    }
    if let Some(year_text) = strip_fiscal_year_word(text) {
        let fy = parse_year(year_text).map_err(year_error)?;
        return Ok(Period::fiscal_year(fy));
    }
    if let Some(quarter_text) = text.strip_prefix("ไตรมาส") {
        return parse_quarter(quarter_text, today);
    }
    let month_text = text.strip_prefix("เดือน").map_or(text, str::trim_start);
    if let Some((month, year_text)) = strip_month(month_text) {
        let year_be = match (year_text.trim(), toward) {
            ("", Toward::Future) if month < today.month() => be_year(today) + 1,
            ("", Toward::Past) if month > today.month() => be_year(today) - 1,
            ("", _) => be_year(today),
            (year_text, _) => parse_year(year_text).map_err(year_error)?,
        };
        return Period::month(year_be, month).ok_or(PeriodError::Year(DateError::YearOutOfRange));
    }
    parse_date_toward(text, today, toward)
        .map(Period::day)
        .map_err(year_error)
}

/// Whether `unit` is the week and its working days, Monday to Friday, are over on `today`: on
/// a Saturday or a Sunday, the week looking ahead (the calendar's สัปดาห์นี้) is the one
/// starting the coming Monday, as an office that works Monday to Friday means it. Looking
/// back (a report of สัปดาห์นี้), it is still the week ending.
fn working_week_over(unit: PeriodUnit, today: NaiveDate) -> bool {
    unit == PeriodUnit::Week && is_weekend(today)
}

/// Saturday or Sunday.
pub fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

fn relative_period(text: &str) -> Option<(PeriodUnit, Relative)> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    UNIT_WORDS.iter().find_map(|&(word, unit)| {
        let ending = compact.strip_prefix(word)?;
        RELATIVE_ENDINGS
            .iter()
            .find(|&&(relative_ending, _)| relative_ending == ending)
            .map(|&(_, relative)| (unit, relative))
    })
}

fn current_period(unit: PeriodUnit, today: NaiveDate) -> Option<Period> {
    match unit {
        PeriodUnit::FiscalYear => Some(Period::fiscal_year(fiscal_year(today))),
        PeriodUnit::FiscalQuarter => {
            Period::fiscal_quarter(fiscal_year(today), fiscal_quarter(today))
        }
        PeriodUnit::Month => Period::month(be_year(today), today.month()),
        PeriodUnit::Week => Some(Period::week_containing(today)),
    }
}

fn strip_fiscal_year_word(text: &str) -> Option<&str> {
    FISCAL_YEAR_WORDS
        .iter()
        .find_map(|word| text.strip_prefix(word))
        .or_else(|| strip_prefix_ignore_ascii_case(text, "fy"))
}

/// "2", "ที่ 2", "2 ปีงบ 2569", "2/2569", "2 ปี 69", "2 2569".
fn parse_quarter(text: &str, today: NaiveDate) -> Result<Period, PeriodError> {
    let text = text.trim_start();
    let text = text.strip_prefix("ที่").map_or(text, str::trim_start);
    let (digits, after_quarter) = split_leading_digits(text);
    let quarter = digits_value(digits).ok_or(PeriodError::Unrecognised)?;
    if !(1..=4).contains(&quarter) {
        return Err(PeriodError::NoSuchQuarter(quarter));
    }
    let fy = match after_quarter.trim() {
        "" => fiscal_year(today),
        year_text => {
            let year_text = strip_fiscal_year_word(year_text)
                .or_else(|| year_text.strip_prefix(['/', '-']))
                .or_else(|| year_text.strip_prefix("ปี"))
                .unwrap_or(year_text);
            parse_year(year_text).map_err(year_error)?
        }
    };
    Period::fiscal_quarter(fy, quarter).ok_or(PeriodError::Year(DateError::YearOutOfRange))
}

/// Year and day errors have messages of their own that say how to fix them; any other date
/// error just means the text was not a period.
fn year_error(error: DateError) -> PeriodError {
    match error {
        DateError::YearOutOfRange
        | DateError::NoSuchDay { .. }
        | DateError::Ambiguous { .. }
        | DateError::WorkingDaysNotHere
        | DateError::WrongWeekday { .. } => PeriodError::Year(error),
        DateError::Empty | DateError::Unrecognised | DateError::UnknownMonth => {
            PeriodError::Unrecognised
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wednesday 10 June 2026: fiscal year 2569, quarter 3.
    fn today() -> NaiveDate {
        date(2026, 6, 10)
    }

    fn date(year_ce: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year_ce, month, day).expect("valid test date")
    }

    fn period(start: NaiveDate, end: NaiveDate, kind: PeriodKind) -> Period {
        Period { start, end, kind }
    }

    fn fy_2569() -> Period {
        period(
            date(2025, 10, 1),
            date(2026, 9, 30),
            PeriodKind::FiscalYear(2569),
        )
    }

    #[test]
    fn parses_fiscal_years() {
        for text in [
            "ปีงบ 2569",
            "ปีงบ2569",
            "ปีงบประมาณ 2569",
            "ปีงบประมาณ พ.ศ. 2569",
            "ปีงบ 69",
            "ปีงบ ๒๕๖๙",
            "fy 2569",
            "FY2569",
            "fy 69",
            "fy 2026",
            "  ปีงบ 2569  ",
            "ปีนี้",
            "ปีงบนี้",
            "ปีงบประมาณนี้",
            "ปี นี้",
            "ปีงบ 2569 ค่ะ",
            "ปีนี้ครับ",
            "ปีงบ 2569 นะคะ 🙏",
        ] {
            assert_eq!(parse_period(text, today()), Ok(fy_2569()), "{text:?}");
        }
    }

    #[test]
    fn current_fiscal_year_follows_october() {
        let fy_2570 = Period::fiscal_year(2570);
        assert_eq!(parse_period("ปีนี้", date(2026, 10, 1)), Ok(fy_2570));
        assert_eq!(parse_period("ปีนี้", date(2026, 9, 30)), Ok(fy_2569()));
    }

    #[test]
    fn parses_previous_fiscal_year() {
        for text in ["ปีที่แล้ว", "ปีงบที่แล้ว", "ปีงบประมาณที่แล้ว", "ปีก่อน", "ปีงบก่อน"]
        {
            assert_eq!(
                parse_period(text, today()),
                Ok(Period::fiscal_year(2568)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn parses_quarters() {
        let q2 = period(
            date(2026, 1, 1),
            date(2026, 3, 31),
            PeriodKind::FiscalQuarter(2569, 2),
        );
        for text in [
            "ไตรมาส 2",
            "ไตรมาส2",
            "ไตรมาสที่ 2",
            "ไตรมาสที่2",
            "ไตรมาส ๒",
            "ไตรมาส 2 ปีงบ 2569",
            "ไตรมาส 2 ปีงบประมาณ 2569",
            "ไตรมาสที่ 2 ปีงบประมาณ พ.ศ. 2569",
            "ไตรมาส 2 ปี 2569",
            "ไตรมาส 2 fy 69",
            "ไตรมาส 2/2569",
            "ไตรมาส 2/69",
            "ไตรมาส 2 2569",
            "ไตรมาส ๒ ปีงบ ๖๙",
        ] {
            assert_eq!(parse_period(text, today()), Ok(q2), "{text:?}");
        }
        let q1_2570 = period(
            date(2026, 10, 1),
            date(2026, 12, 31),
            PeriodKind::FiscalQuarter(2570, 1),
        );
        assert_eq!(parse_period("ไตรมาส 1 ปีงบ 2570", today()), Ok(q1_2570));
        assert_eq!(parse_period("ไตรมาส 1", date(2026, 10, 1)), Ok(q1_2570));
    }

    #[test]
    fn parses_this_and_last_quarter() {
        let q3 = Period::fiscal_quarter(2569, 3);
        assert_eq!(parse_period("ไตรมาสนี้", today()).ok(), q3);
        assert_eq!(
            parse_period("ไตรมาสที่แล้ว", today()).ok(),
            Period::fiscal_quarter(2569, 2)
        );
        assert_eq!(
            parse_period("ไตรมาสก่อน", date(2025, 11, 1)).ok(),
            Period::fiscal_quarter(2568, 4)
        );
    }

    #[test]
    fn parses_months() {
        let june = period(
            date(2026, 6, 1),
            date(2026, 6, 30),
            PeriodKind::Month(2569, 6),
        );
        for text in [
            "มิ.ย. 2569",
            "มิ.ย.2569",
            "มิย 69",
            "มิถุนายน 69",
            "มิถุนายน 2569",
            "มิถุนา 2569",
            "มิ. ย. 2569",
            "June 2026",
            "มิ.ย. พ.ศ. 2569",
            "มิ.ย. ๒๕๖๙",
            "มิ.ย.",
            "มิถุนายน",
            "เดือนมิถุนายน",
            "เดือน มิ.ย. 2569",
            "เดือนนี้",
            "เดือน นี้",
        ] {
            assert_eq!(parse_period(text, today()), Ok(june), "{text:?}");
        }
        assert_eq!(
            parse_period("ก.พ. 2567", today()),
            Ok(period(
                date(2024, 2, 1),
                date(2024, 2, 29),
                PeriodKind::Month(2567, 2)
            ))
        );
        assert_eq!(
            parse_period("ธ.ค. 2568", today()),
            Ok(period(
                date(2025, 12, 1),
                date(2025, 12, 31),
                PeriodKind::Month(2568, 12)
            ))
        );
    }

    #[test]
    fn month_alone_is_the_latest_such_month_in_reports_and_the_coming_one_in_the_calendar() {
        assert_eq!(
            parse_period("ธ.ค.", date(2027, 1, 15)).ok(),
            Period::month(2569, 12)
        );
        assert_eq!(parse_period("ต.ค.", today()).ok(), Period::month(2568, 10));
        assert_eq!(parse_period("มิ.ย.", today()).ok(), Period::month(2569, 6));
        // 3 ธ.ค. 2569: ปฏิทิน มกราคม is January 2570 (issue 14, item 4).
        let december = date(2026, 12, 3);
        assert_eq!(
            parse_coming_period("มกราคม", december).ok(),
            Period::month(2570, 1)
        );
        assert_eq!(
            parse_coming_period("ธ.ค.", december).ok(),
            Period::month(2569, 12)
        );
    }

    #[test]
    fn next_periods() {
        assert_eq!(
            parse_period("เดือนหน้า", today()).ok(),
            Period::month(2569, 7)
        );
        assert_eq!(
            parse_period("เดือนหน้า", date(2026, 12, 31)).ok(),
            Period::month(2570, 1)
        );
        assert_eq!(
            parse_period("ไตรมาสหน้า", date(2026, 9, 30)).ok(),
            Period::fiscal_quarter(2570, 1)
        );
        assert_eq!(
            parse_period("ปีงบหน้า", today()),
            Ok(Period::fiscal_year(2570))
        );
        assert_eq!(
            parse_period("สัปดาห์หน้า", today()),
            Ok(Period::week_containing(date(2026, 6, 17)))
        );
    }

    #[test]
    fn parses_last_month() {
        for text in ["เดือนที่แล้ว", "เดือนก่อน", "เดือน ที่แล้ว"]
        {
            assert_eq!(
                parse_period(text, today()).ok(),
                Period::month(2569, 5),
                "{text:?}"
            );
        }
        assert_eq!(
            parse_period("เดือนที่แล้ว", date(2026, 1, 31)).ok(),
            Period::month(2568, 12)
        );
    }

    #[test]
    fn parses_weeks() {
        let this_week = period(date(2026, 6, 8), date(2026, 6, 14), PeriodKind::Week);
        for text in ["สัปดาห์นี้", "อาทิตย์นี้", "สัปดาห์ นี้"]
        {
            assert_eq!(parse_period(text, today()), Ok(this_week), "{text:?}");
        }
        let last_week = period(date(2026, 6, 1), date(2026, 6, 7), PeriodKind::Week);
        for text in ["สัปดาห์ที่แล้ว", "สัปดาห์ก่อน", "อาทิตย์ที่แล้ว"]
        {
            assert_eq!(parse_period(text, today()), Ok(last_week), "{text:?}");
        }
        // Monday and Sunday belong to the same week.
        assert_eq!(parse_period("สัปดาห์นี้", date(2026, 6, 8)), Ok(this_week));
        assert_eq!(parse_period("สัปดาห์นี้", date(2026, 6, 14)), Ok(this_week));
    }

    #[test]
    fn looking_ahead_this_week_on_a_weekend_is_the_coming_one() {
        let this_week = period(date(2026, 6, 8), date(2026, 6, 14), PeriodKind::Week);
        let coming_week = period(date(2026, 6, 15), date(2026, 6, 21), PeriodKind::Week);
        // Friday 12 June: the working week is still running.
        assert_eq!(
            parse_coming_period("สัปดาห์นี้", date(2026, 6, 12)),
            Ok(this_week)
        );
        for weekend in [date(2026, 6, 13), date(2026, 6, 14)] {
            // From today, so that what is due this weekend shows, to the coming Sunday.
            let ahead = period(weekend, date(2026, 6, 21), PeriodKind::Week);
            for text in ["สัปดาห์นี้", "อาทิตย์นี้"] {
                assert_eq!(
                    parse_coming_period(text, weekend),
                    Ok(ahead),
                    "{text:?} on {weekend}"
                );
            }
            assert_eq!(parse_coming_period("สัปดาห์หน้า", weekend), Ok(coming_week));
            // The week before is the week ending, so that no week goes unnamed.
            assert_eq!(parse_coming_period("สัปดาห์ที่แล้ว", weekend), Ok(this_week));
            // A report looks back: the week ending.
            assert_eq!(parse_period("สัปดาห์นี้", weekend), Ok(this_week));
        }
    }

    #[test]
    fn parses_single_days() {
        let cases = [
            ("วันนี้", today()),
            ("เมื่อวาน", date(2026, 6, 9)),
            ("พรุ่งนี้", date(2026, 6, 11)),
            ("15 มิ.ย. 2569", date(2026, 6, 15)),
            ("วันที่ 1 ต.ค. 68", date(2025, 10, 1)),
            ("2026-06-15", date(2026, 6, 15)),
        ];
        for (text, day) in cases {
            assert_eq!(
                parse_period(text, today()),
                Ok(Period::day(day)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn rejects_empty_input() {
        for text in ["", "   ", "\t\n"] {
            assert_eq!(
                parse_period(text, today()),
                Err(PeriodError::Empty),
                "{text:?}"
            );
        }
    }

    #[test]
    fn rejects_unrecognised_input() {
        for text in [
            "hello",
            "ปีงบ",
            "ปีงบประมาณ",
            "fy",
            "fyi",
            "ปีงบ abc",
            "ปี 2569",
            "2569",
            "ไตรมาส",
            "ไตรมาส ที่",
            "ไตรมาส สอง",
            "ไตรมาส 2 ปีงบ",
            "ไตรมาส 2 ปีงบ abc",
            "ไตรมาส 2 เป็นต้นไป",
            "ไตรมาส 99999999999999999999",
            "มิ.ย. abc",
            "มิ.ย. 2569 ถึง ก.ค. 2569",
            "เดือน",
            "สัปดาห์",
            "15",
            "15 ขขข",
        ] {
            assert_eq!(
                parse_period(text, today()),
                Err(PeriodError::Unrecognised),
                "{text:?}"
            );
        }
    }

    #[test]
    fn rejects_quarters_outside_one_to_four() {
        for (text, quarter) in [
            ("ไตรมาส 0", 0),
            ("ไตรมาส 5", 5),
            ("ไตรมาสที่ 12 ปีงบ 2569", 12),
            ("ไตรมาส ๕", 5),
        ] {
            assert_eq!(
                parse_period(text, today()),
                Err(PeriodError::NoSuchQuarter(quarter)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn reports_year_and_day_errors() {
        let out_of_range = Err(PeriodError::Year(DateError::YearOutOfRange));
        for text in [
            "ปีงบ 3000",
            "ปีงบ 5",
            "fy 1800",
            "ไตรมาส 2 ปีงบ 2800",
            "มิ.ย. 2800",
            "มิ.ย. 5",
            "15 มิ.ย. 2800",
        ] {
            assert_eq!(parse_period(text, today()), out_of_range, "{text:?}");
        }
        assert_eq!(
            parse_period("31 เม.ย. 2569", today()),
            Err(PeriodError::Year(DateError::NoSuchDay {
                day: 31,
                month: 4,
                year_be: 2569
            }))
        );
    }

    #[test]
    fn relative_periods_at_the_edge_of_the_calendar_do_not_panic() {
        for today in [NaiveDate::MIN, NaiveDate::MAX] {
            for text in [
                "ปีนี้",
                "ปีที่แล้ว",
                "ไตรมาสนี้",
                "ไตรมาสที่แล้ว",
                "เดือนนี้",
                "เดือนที่แล้ว",
                "สัปดาห์นี้",
                "สัปดาห์ที่แล้ว",
                "วันนี้",
                "เมื่อวาน",
                "มิ.ย.",
                "ไตรมาส 2",
            ] {
                // Any answer will do, as long as there is one.
                let _ = parse_period(text, today);
            }
        }
        // December of chrono's last year has no following month to end it.
        assert_eq!(
            parse_period("เดือนนี้", NaiveDate::MAX),
            Err(PeriodError::Year(DateError::YearOutOfRange))
        );
    }

    #[test]
    fn previous_fiscal_year() {
        assert_eq!(fy_2569().previous(), Period::fiscal_year(2568));
        assert_eq!(
            Period::fiscal_year(2568),
            period(
                date(2024, 10, 1),
                date(2025, 9, 30),
                PeriodKind::FiscalYear(2568)
            )
        );
    }

    #[test]
    fn previous_quarter_crosses_into_the_previous_fiscal_year() {
        let quarter = |fy, q| Period::fiscal_quarter(fy, q).expect("valid quarter");
        assert_eq!(quarter(2569, 4).previous(), quarter(2569, 3));
        assert_eq!(quarter(2569, 3).previous(), quarter(2569, 2));
        assert_eq!(quarter(2569, 2).previous(), quarter(2569, 1));
        assert_eq!(quarter(2569, 1).previous(), quarter(2568, 4));
    }

    #[test]
    fn previous_month_crosses_the_year() {
        let month = |year, m| Period::month(year, m).expect("valid month");
        assert_eq!(month(2569, 6).previous(), month(2569, 5));
        assert_eq!(month(2569, 3).previous(), month(2569, 2));
        assert_eq!(month(2569, 1).previous(), month(2568, 12));
        assert_eq!(
            month(2567, 3).previous(),
            period(
                date(2024, 2, 1),
                date(2024, 2, 29),
                PeriodKind::Month(2567, 2)
            )
        );
    }

    #[test]
    fn previous_week_and_day() {
        let week = Period::week_containing(date(2026, 1, 1));
        assert_eq!(
            week,
            period(date(2025, 12, 29), date(2026, 1, 4), PeriodKind::Week)
        );
        assert_eq!(
            week.previous(),
            period(date(2025, 12, 22), date(2025, 12, 28), PeriodKind::Week)
        );
        assert_eq!(
            Period::day(date(2026, 1, 1)).previous(),
            Period::day(date(2025, 12, 31))
        );
    }

    #[test]
    fn previous_at_the_start_of_the_calendar_stays_put() {
        let first_day = Period::day(NaiveDate::MIN);
        assert_eq!(first_day.previous(), first_day);
        let clamped = Period::fiscal_year(i32::MIN);
        assert_eq!(clamped.previous(), clamped);
    }

    #[test]
    fn month_constructor_rejects_impossible_months() {
        assert_eq!(Period::month(2569, 0), None);
        assert_eq!(Period::month(2569, 13), None);
        assert_eq!(Period::month(i32::MIN, 1), None);
        assert_eq!(Period::month(i32::MAX, 1), None);
        assert_eq!(Period::fiscal_quarter(2569, 5), None);
    }

    #[test]
    fn week_at_the_edges_of_the_calendar_is_clamped() {
        let first = Period::week_containing(NaiveDate::MIN);
        assert!(first.start <= NaiveDate::MIN && first.end >= NaiveDate::MIN);
        let last = Period::week_containing(NaiveDate::MAX);
        assert!(last.start <= NaiveDate::MAX && last.end == NaiveDate::MAX);
    }

    #[test]
    fn labels() {
        assert_eq!(fy_2569().label(), "ปีงบประมาณ 2569");
        assert_eq!(
            Period::fiscal_quarter(2569, 2).map(|p| p.label()),
            Some("ไตรมาส 2 ปีงบประมาณ 2569".to_string())
        );
        assert_eq!(
            Period::month(2569, 6).map(|p| p.label()),
            Some("มิถุนายน 2569".to_string())
        );
        assert_eq!(
            Period::week_containing(date(2026, 6, 17)).label(),
            "สัปดาห์ 15–21 มิ.ย. 2569"
        );
        assert_eq!(
            Period::week_containing(date(2026, 7, 1)).label(),
            "สัปดาห์ 29 มิ.ย. – 5 ก.ค. 2569"
        );
        assert_eq!(
            Period::week_containing(date(2026, 1, 1)).label(),
            "สัปดาห์ 29 ธ.ค. 2568 – 4 ม.ค. 2569"
        );
        assert_eq!(Period::day(date(2026, 6, 15)).label(), "15 มิ.ย. 2569");
    }

    #[test]
    fn labels_in_english() {
        assert_eq!(fy_2569().label_en(), "fiscal year 2569");
        assert_eq!(
            Period::fiscal_quarter(2569, 2).map(|p| p.label_en()),
            Some("Q2 of fiscal year 2569".to_string())
        );
        assert_eq!(
            Period::month(2569, 6).map(|p| p.label_en()),
            Some("June 2569".to_string())
        );
        assert_eq!(
            Period::week_containing(date(2026, 7, 1)).label_en(),
            "week of 29 Jun – 5 Jul 2569"
        );
        assert_eq!(Period::day(date(2026, 6, 15)).label_en(), "15 Jun 2569");
    }

    #[test]
    fn locale_keys_and_arguments() {
        assert_eq!(PeriodError::Empty.locale_key(), "thai.period_empty");
        assert_eq!(
            PeriodError::Unrecognised.locale_key(),
            "thai.period_unrecognised"
        );
        assert_eq!(
            PeriodError::NoSuchQuarter(5).locale_key(),
            "thai.period_no_such_quarter"
        );
        assert_eq!(
            PeriodError::NoSuchQuarter(5).locale_args(),
            vec![("quarter", ExplainArg::Text("5".to_string()))]
        );
        let day_error = DateError::NoSuchDay {
            day: 31,
            month: 4,
            year_be: 2569,
        };
        assert_eq!(
            PeriodError::Year(day_error).locale_key(),
            day_error.locale_key()
        );
        assert_eq!(
            PeriodError::Year(day_error).locale_args(),
            day_error.locale_args()
        );
        assert!(PeriodError::Empty.locale_args().is_empty());
        assert!(PeriodError::Unrecognised.locale_args().is_empty());
    }
}
