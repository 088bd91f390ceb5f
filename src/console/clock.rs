//! `/clock` in the console: show the console's time, or move it (`/clock +1d`,
//! `/clock 29 มิ.ย. 2570 08:30`) so reminders, overdue follow-up and mornings can be tried
//! without waiting. Parsing only; the console moves the clock and runs the work.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};

use crate::thai::{normalize_digits, split_leading_date, split_leading_digits};

/// What `/clock …` asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum ClockRequest {
    Show,
    /// Move to this moment (UTC).
    MoveTo(DateTime<Utc>),
}

/// Reads the words after `/clock` at `now`, in the office's time zone `tz`; `None` when
/// they are not understood.
pub fn parse(args: &str, now: DateTime<Utc>, tz: FixedOffset) -> Option<ClockRequest> {
    let args = normalize_digits(args.trim());
    if args.is_empty() {
        return Some(ClockRequest::Show);
    }
    if let Some(step) = args.strip_prefix('+') {
        return offset(step.trim()).map(|by| ClockRequest::MoveTo(now + by));
    }
    let local_now = now.with_timezone(&tz);
    let (date, rest) = split_leading_date(&args, local_now.date_naive()).ok()?;
    let time = match rest.trim() {
        "" => local_now.time(),
        text => time_of_day(text)?,
    };
    local(date, time, tz).map(ClockRequest::MoveTo)
}

/// `1d`, `3 วัน`, `2h`, `30m`, `1w`.
fn offset(text: &str) -> Option<Duration> {
    let (number, unit) = split_leading_digits(text);
    let n: i64 = number.parse().ok()?;
    match unit.trim() {
        "d" | "วัน" => Some(Duration::days(n)),
        "h" | "ชั่วโมง" | "ชม." => Some(Duration::hours(n)),
        "m" | "นาที" => Some(Duration::minutes(n)),
        "w" | "สัปดาห์" => Some(Duration::weeks(n)),
        _ => None,
    }
}

/// `08:30`, `8.30`, `08:30 น.`
fn time_of_day(text: &str) -> Option<NaiveTime> {
    let text = text.trim_end_matches("น.").trim();
    let (hour, minute) = text.split_once([':', '.'])?;
    NaiveTime::from_hms_opt(hour.trim().parse().ok()?, minute.trim().parse().ok()?, 0)
}

fn local(date: NaiveDate, time: NaiveTime, tz: FixedOffset) -> Option<DateTime<Utc>> {
    tz.from_local_datetime(&date.and_time(time))
        .single()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bangkok() -> FixedOffset {
        FixedOffset::east_opt(7 * 3600).unwrap()
    }

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        local(
            NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            NaiveTime::from_hms_opt(h, min, 0).unwrap(),
            bangkok(),
        )
        .unwrap()
    }

    #[test]
    fn the_forms_people_type_move_the_clock() {
        let now = at(2026, 12, 3, 9, 0);
        assert_eq!(parse("", now, bangkok()), Some(ClockRequest::Show));
        assert_eq!(
            parse("+1d", now, bangkok()),
            Some(ClockRequest::MoveTo(at(2026, 12, 4, 9, 0)))
        );
        assert_eq!(
            parse("+๒ ชั่วโมง", now, bangkok()),
            Some(ClockRequest::MoveTo(at(2026, 12, 3, 11, 0)))
        );
        assert_eq!(
            parse("29 มิ.ย. 2570 08:30", now, bangkok()),
            Some(ClockRequest::MoveTo(at(2027, 6, 29, 8, 30)))
        );
        assert_eq!(
            parse("15 ม.ค. 2570", now, bangkok()),
            Some(ClockRequest::MoveTo(at(2027, 1, 15, 9, 0)))
        );
        assert_eq!(parse("+1 ปีแสง", now, bangkok()), None);
        assert_eq!(parse("พรุ่งนี้ 25:00", now, bangkok()), None);
    }
}
