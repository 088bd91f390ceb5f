//! Thai-specific input and output: Thai digits, baht amounts (parsed into satang and spelled
//! out in words), Buddhist Era dates, the October–September fiscal year and reporting periods.
//!
//! Everything here is pure: no I/O and no clock. Functions that need "today" take it as an
//! argument. Errors carry a locale key under `thai.` (see `locales/*/thai.toml`) and the
//! placeholder values for its message.

mod amount;
mod date;
mod dictionary;
mod digits;
mod fiscal;
mod number_words;
mod period;
mod polite;
mod when;
mod words;

use chrono::{NaiveDate, Weekday};

pub use amount::{
    AmountError, format_amount, format_number, is_thai_letter, parse_amount, parse_amount_answer,
};
pub use date::{
    DateError, DayOfYear, be_year, format_date, format_date_en, format_date_long,
    format_date_with_weekday, format_date_with_weekday_en, is_relative_day, month_abbr, month_name,
    month_name_en, parse_date, parse_month, parse_past_date, parse_year, split_leading_date,
    split_leading_day_of_year, split_leading_reading,
};
pub use dictionary::{THAI_WORDS, is_thai_word};
pub use digits::{is_digit, normalize_digits, split_leading_digits, starts_with_thai_word};
pub use fiscal::{fiscal_quarter, fiscal_quarter_range, fiscal_year, fiscal_year_range};
pub use period::{Period, PeriodError, PeriodKind, is_weekend, parse_coming_period, parse_period};
pub use polite::{
    is_only_asking, is_skip_word, particle_at_end, particle_at_start, says_there_is_none,
    without_closing_marks, without_polite_ending, without_polite_start,
};
pub use when::{DateReading, Toward, weekday_name, weekday_name_en};
pub use words::amount_in_words;

/// A parser's error as the locale files explain it: the key of its message under `thai.` and
/// the values of that message's placeholders.
pub trait Explain {
    fn locale_key(&self) -> &'static str;
    fn locale_args(&self) -> Vec<(&'static str, ExplainArg)>;
}

/// The value of a placeholder in a parser's explanation. Dates, weekdays and months are kept
/// as such, not as Thai text, so that they are written in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExplainArg {
    /// Shown as it is: what was typed, a number, an amount.
    Text(String),
    Date(NaiveDate),
    DateWithWeekday(NaiveDate),
    Weekday(Weekday),
    Month(u32),
}

impl From<String> for ExplainArg {
    fn from(text: String) -> Self {
        ExplainArg::Text(text)
    }
}

/// The value of the first of `words` that `text` starts with, and the text after that word.
fn strip_listed<'t, T: Copy>(text: &'t str, words: &[(&str, T)]) -> Option<(T, &'t str)> {
    words
        .iter()
        .find_map(|&(word, value)| text.strip_prefix(word).map(|rest| (value, rest)))
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use chrono::NaiveDate;

    use super::*;

    const THAI_MESSAGES: &str = include_str!("../../locales/th/thai.toml");
    const ENGLISH_MESSAGES: &str = include_str!("../../locales/en/thai.toml");

    /// The locale files are flat `key = "value"` lines; this reads exactly that subset.
    fn read_messages(file: &str) -> BTreeMap<String, String> {
        file.lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .map(|line| {
                let (key, value) = line.split_once(" = ").expect("key = value line");
                let value = value
                    .strip_prefix('"')
                    .and_then(|value| value.strip_suffix('"'))
                    .expect("quoted value");
                assert!(!value.contains(['"', '\\']), "needs escaping: {line}");
                (format!("thai.{key}"), value.to_string())
            })
            .collect()
    }

    /// Placeholders a message needs from its error; `{this_year}` and `{coming_year}` in an
    /// example are filled by every message (`Ctx::t`).
    fn placeholders(message: &str) -> BTreeSet<&str> {
        message
            .split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name))
            .filter(|&name| !["this_year", "this_fiscal_year", "coming_year"].contains(&name))
            .collect()
    }

    /// One instance of every error variant with the keys and placeholder names it needs.
    fn every_error() -> Vec<(&'static str, Vec<(&'static str, ExplainArg)>)> {
        let amount_errors = [
            AmountError::Empty,
            AmountError::NotANumber,
            AmountError::Zero,
            AmountError::Negative,
            AmountError::TooManyDecimals,
            AmountError::TooLarge { read: "1".into() },
            AmountError::BadSeparators,
            AmountError::LeadingZero {
                typed: "0812345678".into(),
            },
            AmountError::Unclear {
                read: "3 พัน".into(),
                rest: "กว่า".into(),
            },
            AmountError::Ambiguous {
                typed: "สองพันห้า".into(),
                formal: 200_500,
                shorthand: 250_000,
            },
        ];
        let date_errors = [
            DateError::Empty,
            DateError::Unrecognised,
            DateError::UnknownMonth,
            DateError::NoSuchDay {
                day: 31,
                month: 4,
                year_be: 2569,
            },
            DateError::YearOutOfRange,
            DateError::Ambiguous {
                nearer: NaiveDate::from_ymd_opt(2026, 12, 4).expect("valid date"),
                later: NaiveDate::from_ymd_opt(2026, 12, 11).expect("valid date"),
            },
            DateError::WorkingDaysNotHere,
            DateError::WrongWeekday {
                date: NaiveDate::from_ymd_opt(2026, 12, 4).expect("valid date"),
                typed: chrono::Weekday::Mon,
            },
        ];
        let period_errors = [
            PeriodError::Empty,
            PeriodError::Unrecognised,
            PeriodError::NoSuchQuarter(5),
            PeriodError::Year(DateError::YearOutOfRange),
        ];
        amount_errors
            .iter()
            .map(|error| (error.locale_key(), error.locale_args()))
            .chain(
                date_errors
                    .iter()
                    .map(|error| (error.locale_key(), error.locale_args())),
            )
            .chain(
                period_errors
                    .iter()
                    .map(|error| (error.locale_key(), error.locale_args())),
            )
            .collect()
    }

    #[test]
    fn both_locales_have_the_same_keys() {
        let thai = read_messages(THAI_MESSAGES);
        let english = read_messages(ENGLISH_MESSAGES);
        assert_eq!(
            thai.keys().collect::<Vec<_>>(),
            english.keys().collect::<Vec<_>>()
        );
    }

    #[test]
    fn every_error_has_a_message_with_matching_placeholders() {
        for messages in [
            read_messages(THAI_MESSAGES),
            read_messages(ENGLISH_MESSAGES),
        ] {
            for (key, args) in every_error() {
                let message = messages.get(key).unwrap_or_else(|| panic!("missing {key}"));
                let arg_names: BTreeSet<&str> = args.iter().map(|(name, _)| *name).collect();
                assert_eq!(placeholders(message), arg_names, "{key}");
            }
        }
    }

    #[test]
    fn every_message_belongs_to_an_error() {
        let used: BTreeSet<&str> = every_error().into_iter().map(|(key, _)| key).collect();
        for key in read_messages(THAI_MESSAGES).keys() {
            assert!(used.contains(key.as_str()), "unused message {key}");
        }
    }

    /// Tiny xorshift generator so the test is reproducible without extra crates.
    struct Pseudorandom(u64);

    impl Pseudorandom {
        fn below(&mut self, bound: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % bound as u64) as usize
        }
    }

    #[test]
    fn parsers_never_panic_on_arbitrary_text() {
        let pieces = [
            "0",
            "1",
            "2",
            "5",
            "9",
            "12",
            "31",
            "69",
            "2569",
            "2026",
            "๐",
            "๑",
            "๕",
            "๙",
            ",",
            ".",
            "/",
            "-",
            "−",
            ":",
            " ",
            "  ",
            "\t",
            "฿",
            "baht",
            "THB",
            "บาท",
            ".-",
            "มิ.ย.",
            "มิ",
            "ย",
            "ม.ค.",
            "ก.พ.",
            "พ.ศ.",
            "ค.ศ.",
            "วันที่",
            "วันนี้",
            "เมื่อวาน",
            "ไตรมาส",
            "ที่",
            "ปีงบ",
            "ปี",
            "fy",
            "FY",
            "เดือน",
            "นี้",
            "ที่แล้ว",
            "สัปดาห์",
            "jun",
            "June",
            "x",
            "\u{0E31}",
            "é",
            "😀",
            "\u{200B}",
            "99999999999999999999",
            "ศุกร์",
            "จ.",
            "พฤ.",
            "หน้า",
            "ที่",
            "อีก",
            "วันทำการ",
            "วัน",
            "สิ้นเดือน",
            "ปลายเดือน",
            "สิ้นไตรมาส",
            "สิ้นปีงบ",
            "พัน",
            "หมื่น",
            "ล้าน",
            "สอง",
            "ห้า",
            "เอ็ด",
            "ยี่",
            "สิบ",
            "สตางค์",
            "ถ้วน",
        ];
        let days = [
            NaiveDate::from_ymd_opt(2026, 6, 10).expect("valid date"),
            NaiveDate::MIN,
            NaiveDate::MAX,
        ];
        let mut random = Pseudorandom(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let text: String = (0..random.below(8))
                .map(|_| pieces[random.below(pieces.len())])
                .collect();
            let today = days[random.below(days.len())];
            if let Ok(satang) = parse_amount(&text) {
                assert!(satang > 0 && satang <= 99_999_999_999_999, "{text:?}");
            }
            let _ = parse_date(&text, today);
            if let Ok((_, rest)) = split_leading_date(&text, today) {
                assert!(text.trim_end().ends_with(rest), "{text:?} -> {rest:?}");
            }
            if let Ok(period) = parse_period(&text, today) {
                assert!(period.start <= period.end, "{text:?}");
                let _ = (period.previous(), period.label());
            }
            let _ = (
                parse_month(&text),
                parse_year(&text),
                normalize_digits(&text),
            );
        }
    }
}
