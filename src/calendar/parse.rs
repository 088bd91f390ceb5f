//! Reading what staff type after the calendar's commands: dates (through the Thai date
//! parser), recurring rules, `ผู้รับผิดชอบ …` and `แจ้ง …`, deadline numbers.

use chrono::NaiveDate;

use super::audience::Audience;
use super::schedule::Recurrence;
use crate::thai::{self, DateError, DateReading, DayOfYear};

/// Longest title kept, in characters.
pub const MAX_TITLE_CHARS: usize = 200;

const OWNER_WORD: &str = "ผู้รับผิดชอบ";
const AUDIENCE_WORD: &str = "แจ้ง";
const EVERY_MONTH: &str = "ทุกเดือน";
/// "ทุกวันที่ 25": a day of every month, as people say it.
const EVERY_DAY_OF_MONTH: &str = "ทุกวันที่";
const EVERY_YEAR: &str = "ทุกปี";
const EVERY_MONTH_END: &str = "ทุกสิ้นเดือน";
/// Repeats the calendar keeps no rule for ("ทุกวันศุกร์", "ทุกสัปดาห์", "ทุกวัน"): refused with
/// the forms it has, never read as a one-off date or a title.
const UNKEPT_REPEATS: [&str; 3] = ["ทุกวัน", "ทุกสัปดาห์", "ทุกอาทิตย์"];

/// When a new deadline falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Once, on the date read (which may still have to be settled: two readings of
    /// "ศุกร์หน้า", or working days).
    Once(DateReading),
    Every(Recurrence),
}

/// `เพิ่มกำหนดการ` read apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDeadline {
    pub when: When,
    pub title: String,
    pub owner: Option<String>,
    pub audience: Option<Audience>,
    /// Everything typed but the date, as typed: with a date chosen by button, the command is
    /// run again as `<date> <after_date>`.
    pub after_date: String,
    /// The words of the date, as typed (empty for a recurring rule).
    pub date_words: String,
}

/// What was wrong with the text after a calendar command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputError {
    Date(DateError),
    NoTitle,
    TitleTooLong,
    /// `ทุกเดือน` / `ทุกปี` without a usable day.
    Recurrence,
}

/// Parses `<วันที่> <เรื่อง> [ผู้รับผิดชอบ …] [แจ้ง …]`, or the same with `ทุกเดือน วันที่ 5` /
/// `ทุกปี 15 มิ.ย.` in place of the date, before the title or after it ("ส่งรายงาน ทุกวันที่
/// 25").
pub fn parse_new_deadline(args: &str, today: NaiveDate) -> Result<NewDeadline, InputError> {
    let args = thai::without_polite_ending(args);
    if let Some(read) = leading_recurrence(args, today) {
        let (when, rest) = read?;
        return new_deadline(when, rest, "");
    }
    let (reading, rest, date_words) = match thai::split_leading_reading(args, today) {
        Ok((reading, rest)) => (reading, rest.to_string(), date_words(args, rest)),
        Err(error) => {
            // The rule after the title: read as if typed first, never as a one-off date of
            // the 25th with "ทุก" left in the title.
            if let Some((title, rule)) = rule_after_title(args)
                && let Some(read) = leading_recurrence(rule, today)
            {
                let (when, rest) = read?;
                return new_deadline(when, format!("{title} {rest}").trim().to_string(), "");
            }
            let found = title_first(args, today).ok_or(InputError::Date(error))?;
            let rest = [found.title, found.time, found.after]
                .into_iter()
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            (found.reading, rest, found.date_words)
        }
    };
    new_deadline(When::Once(reading), rest, date_words)
}

/// The recurring rule `args` begins with and the text after its day, if it begins with one:
/// `ทุกเดือน วันที่ 5`, `ทุกวันที่ 25 (ของทุกเดือน)`, `ทุกสิ้นเดือน`, `ทุกปี 15 มิ.ย.`,
/// `ทุกวันที่ 15 มิ.ย.` (every year); a repeat the calendar keeps no rule for is refused.
fn leading_recurrence(args: &str, today: NaiveDate) -> Option<Result<(When, String), InputError>> {
    // "ทุกวันที่ 15 มิ.ย." names a month: every year, as "ทุกปี 15 มิ.ย." does.
    let every_day_of_month = args.strip_prefix(EVERY_DAY_OF_MONTH);
    let every_year = args
        .strip_prefix(EVERY_YEAR)
        .or_else(|| every_day_of_month.filter(|rest| names_a_month(rest, today)));
    // "ทุกสิ้นเดือน": the month's last day (31 falls on the last day of shorter months).
    if let Some(rest) = args.strip_prefix(EVERY_MONTH_END) {
        return Some(Ok((
            When::Every(Recurrence::Monthly { day: 31 }),
            rest.trim_start().to_string(),
        )));
    }
    let every_month = args.strip_prefix(EVERY_MONTH).or(every_day_of_month);
    if every_month.is_none() && UNKEPT_REPEATS.iter().any(|word| args.starts_with(word)) {
        return Some(Err(InputError::Recurrence));
    }
    if let Some(rest) = every_year {
        return Some(
            thai::split_leading_day_of_year(rest, today)
                .map_err(|_| InputError::Recurrence)
                .map(|(DayOfYear { month, day }, rest)| {
                    (
                        When::Every(Recurrence::Yearly { month, day }),
                        rest.to_string(),
                    )
                }),
        );
    }
    let rest = every_month?;
    let Some((day, rest)) = monthly_day(rest) else {
        return Some(Err(InputError::Recurrence));
    };
    // "ทุกวันที่ 25 ของทุกเดือน": the month's words are no part of the title.
    let rest = ["ของทุกเดือน", "ทุกเดือน", "ของเดือน"]
        .iter()
        .find_map(|words| rest.strip_prefix(words))
        .map_or(rest, str::trim_start);
    Some(Ok((
        When::Every(Recurrence::Monthly { day }),
        rest.to_string(),
    )))
}

/// A title followed by a repeat ("ส่งรายงาน ทุกวันที่ 25 ผู้รับผิดชอบ …"): the title and the
/// text from the repeat on.
fn rule_after_title(args: &str) -> Option<(&str, &str)> {
    let at = args
        .match_indices(" ทุก")
        .map(|(at, _)| at + 1)
        .find(|&at| {
            let rule = &args[at..];
            [EVERY_DAY_OF_MONTH, EVERY_MONTH_END, EVERY_MONTH, EVERY_YEAR]
                .iter()
                .chain(&UNKEPT_REPEATS)
                .any(|word| rule.starts_with(word))
        })?;
    Some((args[..at].trim_end(), &args[at..]))
}

/// The deadline read from its `when` and the text after the date (title and options).
fn new_deadline(when: When, rest: String, date_words: &str) -> Result<NewDeadline, InputError> {
    let options = split_options(&rest);
    Ok(NewDeadline {
        when,
        title: title(options.title)?,
        owner: options.owner.map(str::to_string),
        audience: options.audience,
        date_words: date_words.to_string(),
        after_date: rest,
    })
}

/// The words of the date itself: what was typed from the date on, less the text after it.
pub fn date_words<'t>(typed: &'t str, after_date: &str) -> &'t str {
    let typed = typed.trim();
    typed.strip_suffix(after_date).unwrap_or(typed).trim_end()
}

/// Words between a title and its date that belong to neither: "ส่งรายงาน ภายใน 30 มิ.ย.".
const BEFORE_DATE_WORDS: [&str; 5] = ["ภายในวันที่", "ก่อนวันที่", "ภายใน", "ก่อน", "วันที่"];

/// A deadline typed title first.
struct TitleFirst<'a> {
    title: &'a str,
    reading: DateReading,
    date_words: &'a str,
    /// A time of day typed after the date (`9 โมง`, `13.30 น.`), or nothing: the title's.
    time: &'a str,
    /// What follows the date and its time: nothing, or `ผู้รับผิดชอบ …` / `แจ้ง …`.
    after: &'a str,
}

/// How much of `text` is a time of day at its start: `9 โมง`, `๙ โมงเช้า`, `13.30 น.`,
/// `เวลา 09:00`, `บ่ายโมง`, `บ่าย 2 โมงครึ่ง`, `เที่ยง`, `ช่วงเช้า`; ending the text or a word.
fn time_of_day_len(text: &str) -> Option<usize> {
    pattern!(r"^(?:เวลา\s*)?(?:[0-9๐-๙]{1,2}(?:[.:][0-9๐-๙]{2})?\s*(?:น\.|นาฬิกา|โมง(?:เช้า|เย็น)?(?:ครึ่ง)?)|[0-9๐-๙]{1,2}[.:][0-9๐-๙]{2}|บ่าย\s*(?:[0-9๐-๙]{1,2}|สอง|สาม|สี่)?\s*(?:โมง)?(?:ครึ่ง)?|เที่ยง(?:วัน|ตรง)?(?:ครึ่ง)?|(?:ช่วง|ตอน)?(?:เช้า|บ่าย|เย็น))(?:\s|$)")
        .find(text)
    .map(|found| found.as_str().trim_end().len())
}

/// `ส่งรายงาน 15 ม.ค. 2570 [ผู้รับผิดชอบ …] [แจ้ง …]`: the first date, from the left, that
/// starts after a space and is followed by nothing but the options. A date with other words
/// after it is part of the title ("ประชุม 30 มิ.ย. ที่ห้องประชุม" is not read so).
fn title_first(args: &str, today: NaiveDate) -> Option<TitleFirst<'_>> {
    let starts = args
        .char_indices()
        .filter(|&(at, _)| at > 0 && args[..at].ends_with(char::is_whitespace))
        .map(|(at, _)| at);
    starts.into_iter().find_map(|at| {
        let from_date = &args[at..];
        let (reading, after_date) = thai::split_leading_reading(from_date, today).ok()?;
        let (time, after) = match time_of_day_len(after_date) {
            Some(len) => (&after_date[..len], after_date[len..].trim_start()),
            None => ("", after_date),
        };
        let only_options =
            after.is_empty() || after.starts_with(OWNER_WORD) || after.starts_with(AUDIENCE_WORD);
        if !only_options {
            return None;
        }
        let mut title = args[..at].trim_end();
        while let Some(shorter) = BEFORE_DATE_WORDS
            .iter()
            .find_map(|word| title.strip_suffix(word))
        {
            title = shorter.trim_end();
        }
        Some(TitleFirst {
            title,
            reading,
            date_words: date_words(from_date, after_date),
            time,
            after,
        })
    })
}

pub fn title(text: &str) -> Result<String, InputError> {
    let text = text.trim();
    if text.is_empty() {
        Err(InputError::NoTitle)
    } else if text.chars().count() > MAX_TITLE_CHARS {
        Err(InputError::TitleTooLong)
    } else {
        Ok(text.to_string())
    }
}

/// Whether the day at the start of `text` comes with a month ("15 มิ.ย. …"): read as a day
/// and month, less is left than read as a day alone.
fn names_a_month(text: &str, today: NaiveDate) -> bool {
    match (
        thai::split_leading_day_of_year(text, today),
        monthly_day(text),
    ) {
        (Ok((_, after_month)), Some((_, after_day))) => after_month.len() < after_day.len(),
        _ => false,
    }
}

/// "วันที่ 5 ส่งรายงาน" or "5 ส่งรายงาน": the day of the month and the rest.
fn monthly_day(text: &str) -> Option<(u32, &str)> {
    let text = text.trim_start();
    let text = text.strip_prefix("วันที่").map_or(text, str::trim_start);
    let (digits, rest) = thai::split_leading_digits(text);
    let day: u32 = thai::normalize_digits(digits).parse().ok()?;
    (1..=31).contains(&day).then(|| (day, rest.trim_start()))
}

/// A title with its optional `ผู้รับผิดชอบ …` and `แจ้ง …`, in either order at the end.
#[derive(Debug, PartialEq, Eq)]
pub struct Options<'t> {
    pub title: &'t str,
    pub owner: Option<&'t str>,
    pub audience: Option<Audience>,
}

/// A polite ending is no part of the title, the owner or the audience (`ส่งรายงานค่ะ`,
/// `ผู้รับผิดชอบ @สมศรี ค่ะ`, `แจ้ง ผู้บริหาร ค่ะ`).
pub fn split_options(text: &str) -> Options<'_> {
    let mut options = Options {
        title: thai::without_polite_ending(text),
        owner: None,
        audience: None,
    };
    for _ in 0..2 {
        if options.audience.is_none()
            && let Some((before, audience)) = strip_trailing_audience(options.title)
        {
            options.audience = Some(audience);
            options.title = before;
        }
        if options.owner.is_none()
            && let Some((before, owner)) = split_owner(options.title)
        {
            options.owner = Some(thai::without_polite_ending(owner));
            options.title = before;
        }
    }
    options.title = thai::without_polite_ending(options.title);
    options
}

/// "… แจ้ง ผู้บริหาร" at the end, or glued as people type it ("… แจ้งผู้บริหาร"): left in the
/// title, the deadline reminded only the staff group.
fn strip_trailing_audience(text: &str) -> Option<(&str, Audience)> {
    let (before, word) = text.trim_end().rsplit_once(char::is_whitespace)?;
    if let Some(audience) = word.strip_prefix(AUDIENCE_WORD).and_then(Audience::parse) {
        return Some((before.trim_end(), audience));
    }
    let audience = Audience::parse(word)?;
    let before = before.trim_end().strip_suffix(AUDIENCE_WORD)?;
    let ends_at_word = before.is_empty() || before.ends_with(char::is_whitespace);
    ends_at_word.then_some((before.trim_end(), audience))
}

/// "… ผู้รับผิดชอบ @somchai" or "… ผู้รับผิดชอบ: นางสาว ก": the last marker wins.
fn split_owner(text: &str) -> Option<(&str, &str)> {
    let at = text.rfind(OWNER_WORD)?;
    let before = &text[..at];
    if !(before.is_empty() || before.ends_with(char::is_whitespace)) {
        return None;
    }
    let owner = text[at + OWNER_WORD.len()..]
        .trim_start_matches([':', ' '])
        .trim();
    (!owner.is_empty()).then_some((before.trim_end(), owner))
}

/// A deadline number at the start, "12" or "#12" (Thai digits too), and the rest.
pub fn leading_id(text: &str) -> Option<(i64, &str)> {
    let text = text.trim_start();
    let text = text.strip_prefix('#').unwrap_or(text);
    let (digits, rest) = thai::split_leading_digits(text);
    let id: i64 = thai::normalize_digits(digits).parse().ok()?;
    let separated = rest.is_empty() || rest.starts_with(char::is_whitespace);
    (id > 0 && separated).then(|| (id, rest.trim_start()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
    }

    fn d(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn a_deadline_takes_any_thai_date_form() {
        for (text, date) in [
            ("30 มิ.ย. 2569 ส่งรายงาน", d(2026, 6, 30)),
            ("30 มิถุนายน 69 ส่งรายงาน", d(2026, 6, 30)),
            ("30/6/2569 ส่งรายงาน", d(2026, 6, 30)),
            ("30/6/2026 ส่งรายงาน", d(2026, 6, 30)),
            ("2026-06-30 ส่งรายงาน", d(2026, 6, 30)),
            ("๓๐ มิ.ย. ส่งรายงาน", d(2026, 6, 30)),
            ("พรุ่งนี้ ส่งรายงาน", d(2026, 6, 16)),
            ("วันที่ 1 ต.ค. 2569 ส่งรายงาน", d(2026, 10, 1)),
        ] {
            let parsed = parse_new_deadline(text, today()).unwrap();
            assert_eq!(parsed.when, When::Once(DateReading::On(date)), "{text}");
            assert_eq!(parsed.title, "ส่งรายงาน", "{text}");
        }
    }

    /// Staff often say what is due first, then when: "ส่งรายงาน 15 ม.ค. 2570", "ส่งแบบสำรวจ
    /// ภายใน 30 มิ.ย." (they got "the date was not understood").
    #[test]
    fn the_title_may_come_before_the_date() {
        for (text, title, date, date_words) in [
            (
                "ส่งรายงาน 15 ม.ค. 2570",
                "ส่งรายงาน",
                d(2027, 1, 15),
                "15 ม.ค. 2570",
            ),
            (
                "ส่งแบบสำรวจ ภายใน 30 มิ.ย.",
                "ส่งแบบสำรวจ",
                d(2026, 6, 30),
                "30 มิ.ย.",
            ),
            (
                "ประชุมผู้บริหาร วันที่ 1 ก.ค. 2569",
                "ประชุมผู้บริหาร",
                d(2026, 7, 1),
                "วันที่ 1 ก.ค. 2569",
            ),
            (
                "ส่งเอกสาร 3 ชุด ก่อน 20 มิ.ย.",
                "ส่งเอกสาร 3 ชุด",
                d(2026, 6, 20),
                "20 มิ.ย.",
            ),
            ("ส่งรายงาน พรุ่งนี้", "ส่งรายงาน", d(2026, 6, 16), "พรุ่งนี้"),
        ] {
            let parsed = parse_new_deadline(text, today()).unwrap();
            assert_eq!(parsed.when, When::Once(DateReading::On(date)), "{text}");
            assert_eq!(parsed.title, title, "{text}");
            assert_eq!(parsed.date_words, date_words, "{text}");
        }
        let parsed =
            parse_new_deadline("ส่งรายงาน 30 มิ.ย. ผู้รับผิดชอบ @somsri แจ้ง ผู้บริหาร", today()).unwrap();
        assert_eq!(parsed.title, "ส่งรายงาน");
        assert_eq!(parsed.owner.as_deref(), Some("@somsri"));
        assert_eq!(parsed.audience, Some(Audience::Principals));
        // Re-issued with a chosen date, it reads as the date-first form.
        assert_eq!(parsed.after_date, "ส่งรายงาน ผู้รับผิดชอบ @somsri แจ้ง ผู้บริหาร");
        // A date inside the title, with words after it, is not the deadline.
        assert!(matches!(
            parse_new_deadline("ประชุม 30 มิ.ย. ที่ห้องประชุม", today()),
            Err(InputError::Date(_))
        ));
    }

    /// "ประชุมผอ. พรุ่งนี้ 9 โมง": a time of day after the date is the meeting's, kept in the
    /// title (a deadline is a day); it was "the date was not understood".
    #[test]
    fn a_time_of_day_after_the_date_stays_in_the_title() {
        for (text, title, date) in [
            ("ประชุมผอ. พรุ่งนี้ 9 โมง", "ประชุมผอ. 9 โมง", d(2026, 6, 16)),
            (
                "ประชุมผอ. พรุ่งนี้ ๙ โมงเช้า",
                "ประชุมผอ. ๙ โมงเช้า",
                d(2026, 6, 16),
            ),
            (
                "ประชุมครู 30 มิ.ย. 13.30 น.",
                "ประชุมครู 13.30 น.",
                d(2026, 6, 30),
            ),
            (
                "ประชุมครู 30 มิ.ย. เวลา 09:00",
                "ประชุมครู เวลา 09:00",
                d(2026, 6, 30),
            ),
            ("อบรม 30 มิ.ย. บ่ายโมง", "อบรม บ่ายโมง", d(2026, 6, 30)),
            (
                "อบรม 30 มิ.ย. บ่าย 2 โมงครึ่ง",
                "อบรม บ่าย 2 โมงครึ่ง",
                d(2026, 6, 30),
            ),
        ] {
            let parsed =
                parse_new_deadline(text, today()).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert_eq!(parsed.when, When::Once(DateReading::On(date)), "{text}");
            assert_eq!(parsed.title, title, "{text}");
        }
        let parsed = parse_new_deadline("ประชุม 30 มิ.ย. 9 โมง แจ้ง ผู้บริหาร", today()).unwrap();
        assert_eq!(parsed.title, "ประชุม 9 โมง");
        assert_eq!(parsed.audience, Some(Audience::Principals));
        assert_eq!(parsed.date_words, "30 มิ.ย.");
        // Re-issued with a chosen date, the time stays in the title.
        assert_eq!(parsed.after_date, "ประชุม 9 โมง แจ้ง ผู้บริหาร");
    }

    #[test]
    fn owner_and_audience_come_off_the_end_in_either_order() {
        let parsed = parse_new_deadline(
            "30 มิ.ย. ส่งทะเบียนกรรมการสถานศึกษา ผู้รับผิดชอบ @somsri แจ้ง ผู้บริหาร",
            today(),
        )
        .unwrap();
        assert_eq!(parsed.title, "ส่งทะเบียนกรรมการสถานศึกษา");
        assert_eq!(parsed.owner.as_deref(), Some("@somsri"));
        assert_eq!(parsed.audience, Some(Audience::Principals));
        let parsed =
            parse_new_deadline("30 มิ.ย. ประชุม แจ้ง ทั้งหมด ผู้รับผิดชอบ นางสาว ก ใจดี", today()).unwrap();
        assert_eq!(parsed.title, "ประชุม");
        assert_eq!(parsed.owner.as_deref(), Some("นางสาว ก ใจดี"));
        assert_eq!(parsed.audience, Some(Audience::All));
        // Glued, as typed in a hurry.
        let parsed = parse_new_deadline("30 มิ.ย. ส่งแผนปฏิบัติการ แจ้งผู้บริหาร", today()).unwrap();
        assert_eq!(parsed.title, "ส่งแผนปฏิบัติการ");
        assert_eq!(parsed.audience, Some(Audience::Principals));
        let parsed = parse_new_deadline("ส่งแผน 30 มิ.ย. แจ้งทั้งหมด", today()).unwrap();
        assert_eq!(parsed.title, "ส่งแผน");
        assert_eq!(parsed.audience, Some(Audience::All));
    }

    #[test]
    fn polite_endings_are_no_part_of_the_title_owner_or_audience() {
        let parsed = parse_new_deadline("ศุกร์นี้ ส่งรายงานผลการจัดสรรทุนค่ะ", today()).unwrap();
        assert_eq!(parsed.title, "ส่งรายงานผลการจัดสรรทุน");
        let parsed = parse_new_deadline("30 มิ.ย. สรุปยอดบริจาค นะคะ", today()).unwrap();
        assert_eq!(parsed.title, "สรุปยอดบริจาค");
        let parsed = parse_new_deadline("30 มิ.ย. ส่งรายงาน ผู้รับผิดชอบ @สมศรี ค่ะ", today()).unwrap();
        assert_eq!(parsed.owner.as_deref(), Some("@สมศรี"));
        let parsed = parse_new_deadline("30 มิ.ย. ส่งรายงาน แจ้ง ผู้บริหาร ค่ะ", today()).unwrap();
        assert_eq!(
            (parsed.title.as_str(), parsed.audience),
            ("ส่งรายงาน", Some(Audience::Principals))
        );
        let parsed = parse_new_deadline("ส่งรายงาน 30 มิ.ย. ครับ", today()).unwrap();
        assert_eq!(parsed.title, "ส่งรายงาน");
    }

    #[test]
    fn words_inside_the_title_are_left_alone() {
        let parsed = parse_new_deadline("30 มิ.ย. แจ้งผลการจัดสรรทุน", today()).unwrap();
        assert_eq!(parsed.title, "แจ้งผลการจัดสรรทุน");
        assert_eq!(parsed.audience, None);
        let parsed = parse_new_deadline("30 มิ.ย. แจ้ง ครู เรื่องสอบ", today()).unwrap();
        assert_eq!(parsed.title, "แจ้ง ครู เรื่องสอบ");
        assert_eq!(parsed.audience, None);
    }

    #[test]
    fn a_missing_title_or_date_is_an_error() {
        assert_eq!(
            parse_new_deadline("30 มิ.ย.", today()),
            Err(InputError::NoTitle)
        );
        assert_eq!(
            parse_new_deadline("30 มิ.ย. ผู้รับผิดชอบ ก", today()),
            Err(InputError::NoTitle)
        );
        assert!(matches!(
            parse_new_deadline("ส่งรายงาน", today()),
            Err(InputError::Date(_))
        ));
        assert!(matches!(
            parse_new_deadline("31 มิ.ย. ส่งรายงาน", today()),
            Err(InputError::Date(DateError::NoSuchDay { .. }))
        ));
        let long = format!("30 มิ.ย. {}", "ก".repeat(MAX_TITLE_CHARS + 1));
        assert_eq!(
            parse_new_deadline(&long, today()),
            Err(InputError::TitleTooLong)
        );
    }

    #[test]
    fn recurring_rules_read_a_day_or_a_day_and_month() {
        let parsed = parse_new_deadline("ทุกเดือน วันที่ 5 ส่งรายงานการเงิน", today()).unwrap();
        assert_eq!(parsed.when, When::Every(Recurrence::Monthly { day: 5 }));
        assert_eq!(parsed.title, "ส่งรายงานการเงิน");
        let parsed = parse_new_deadline("ทุกเดือน ๓๑ ปิดบัญชี", today()).unwrap();
        assert_eq!(parsed.when, When::Every(Recurrence::Monthly { day: 31 }));
        let parsed = parse_new_deadline("ทุกปี 15 มิ.ย. รายงานประจำปี", today()).unwrap();
        assert_eq!(
            parsed.when,
            When::Every(Recurrence::Yearly { month: 6, day: 15 })
        );
        assert_eq!(parsed.title, "รายงานประจำปี");
        // Every month reads alike, whether or not its day has passed this year.
        for (text, month, day) in [
            ("ทุกปี 10 ธ.ค. ส่งรายงาน", 12, 10),
            ("ทุกปี 1 ธันวาคม ส่งรายงาน", 12, 1),
            ("ทุกปี 14 มิ.ย. ส่งรายงาน", 6, 14),
            ("ทุกปี 1 ม.ค. ส่งรายงาน", 1, 1),
            ("ทุกวันที่ 31 ธ.ค. ส่งรายงาน", 12, 31),
        ] {
            let parsed = parse_new_deadline(text, today()).unwrap();
            assert_eq!(
                parsed.when,
                When::Every(Recurrence::Yearly { month, day }),
                "{text}"
            );
            assert_eq!(parsed.title, "ส่งรายงาน", "{text}");
        }
        // 29 February is a day of the rule even though 2569 (2026) has none.
        let parsed = parse_new_deadline("ทุกปี 29 ก.พ. ตรวจสอบ", today()).unwrap();
        assert_eq!(
            parsed.when,
            When::Every(Recurrence::Yearly { month: 2, day: 29 })
        );
        let parsed = parse_new_deadline("ทุกวันที่ 25 ส่งรายงานการเงิน", today()).unwrap();
        assert_eq!(parsed.when, When::Every(Recurrence::Monthly { day: 25 }));
        assert_eq!(parsed.title, "ส่งรายงานการเงิน");
        let parsed = parse_new_deadline("ทุกวันที่ 25 ของทุกเดือน ส่งรายงาน", today()).unwrap();
        assert_eq!(parsed.when, When::Every(Recurrence::Monthly { day: 25 }));
        assert_eq!(parsed.title, "ส่งรายงาน");
        // The rule after the title, as people also say it.
        for (text, title, when) in [
            (
                "ส่งรายงานการเงิน ทุกวันที่ 25",
                "ส่งรายงานการเงิน",
                Recurrence::Monthly { day: 25 },
            ),
            (
                "ประชุมกลุ่ม ทุกเดือน วันที่ 5 แจ้ง ทั้งหมด",
                "ประชุมกลุ่ม",
                Recurrence::Monthly { day: 5 },
            ),
            (
                "รายงานประจำปี ทุกปี 15 มิ.ย.",
                "รายงานประจำปี",
                Recurrence::Yearly { month: 6, day: 15 },
            ),
            ("สรุปยอด ทุกสิ้นเดือน", "สรุปยอด", Recurrence::Monthly { day: 31 }),
        ] {
            let parsed = parse_new_deadline(text, today()).unwrap();
            assert_eq!(parsed.when, When::Every(when), "{text}");
            assert_eq!(parsed.title, title, "{text}");
        }
        let parsed = parse_new_deadline("ประชุมกลุ่ม ทุกเดือน วันที่ 5 แจ้ง ทั้งหมด", today()).unwrap();
        assert!(parsed.audience.is_some(), "{parsed:?}");
        assert_eq!(
            parse_new_deadline("ตรวจเวร ทุกวันศุกร์", today()),
            Err(InputError::Recurrence)
        );
        // After a date, the words are the title's.
        let parsed = parse_new_deadline("30 มิ.ย. ส่งรายงาน ทุกเดือน", today()).unwrap();
        assert!(matches!(parsed.when, When::Once(_)), "{parsed:?}");
        assert_eq!(parsed.title, "ส่งรายงาน ทุกเดือน");
        let parsed = parse_new_deadline("ทุกสิ้นเดือน สรุปยอด", today()).unwrap();
        assert_eq!(parsed.when, When::Every(Recurrence::Monthly { day: 31 }));
        assert_eq!(parsed.title, "สรุปยอด");
        // With a month it is every year.
        let parsed = parse_new_deadline("ทุกวันที่ 15 มิ.ย. รายงานประจำปี", today()).unwrap();
        assert_eq!(
            parsed.when,
            When::Every(Recurrence::Yearly { month: 6, day: 15 })
        );
        assert_eq!(parsed.title, "รายงานประจำปี");
        for bad in [
            "ทุกวันศุกร์ ส่งรายงาน",
            "ทุกสัปดาห์ ประชุม",
            "ทุกวัน ตรวจเวร",
            "ทุกเดือน ส่งรายงาน",
            "ทุกเดือน วันที่ 32 ส่งรายงาน",
            "ทุกปี พรุ่งนี้ ส่งรายงาน",
            "ทุกปี 31 มิ.ย. ส่งรายงาน",
            "ทุกปี วันที่ 5 ส่งรายงาน",
        ] {
            assert_eq!(
                parse_new_deadline(bad, today()),
                Err(InputError::Recurrence),
                "{bad}"
            );
        }
    }

    #[test]
    fn ids_take_a_hash_and_thai_digits() {
        assert_eq!(leading_id("12"), Some((12, "")));
        assert_eq!(leading_id("#12 30 มิ.ย."), Some((12, "30 มิ.ย.")));
        assert_eq!(leading_id("๑๒ เหตุผล"), Some((12, "เหตุผล")));
        assert_eq!(leading_id("12ก"), None);
        assert_eq!(leading_id("0"), None);
        assert_eq!(leading_id("abc"), None);
        assert_eq!(leading_id(""), None);
    }
}
