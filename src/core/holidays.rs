//! The office's holidays (`วันหยุด`): listed for anyone, added and removed by admins. They
//! feed the office's working-day calendar (`office::work_calendar`), which every capability
//! counts with: complaints' deadlines, workflow steps in working days, donors' reports.

use chrono::NaiveDate;

use super::context::{CoreResult, Ctx, refuse};
use crate::i18n::Arg;
use crate::i18n::Lang;
use crate::office::holidays;
use crate::thai::{Period, fiscal_year, parse_coming_period, split_leading_date};

/// Longest range one command may add (a long closure is still typed in a few commands).
const MAX_RANGE_DAYS: i64 = 31;

/// `วันหยุด` lists the coming holidays of this fiscal year, `วันหยุด <ช่วงเวลา>` those of
/// another period (`ปีงบ 2570`, `เดือนหน้า`), `วันหยุด ทั้งหมด` every coming one;
/// `วันหยุด เพิ่ม <วันที่> [ถึง <วันที่>] <ชื่อ>` and `วันหยุด ลบ <วันที่>` change them (admins).
pub fn command(ctx: &mut Ctx, args: &str) -> CoreResult {
    let args = args.trim();
    if let Some(rest) = strip_word(args, &["เพิ่ม", "add"]) {
        require_admin(ctx)?;
        return add(ctx, rest);
    }
    if let Some(rest) = strip_word(args, &["ลบ", "remove"]) {
        require_admin(ctx)?;
        return remove(ctx, rest);
    }
    let today = ctx.today();
    if args.is_empty() {
        let (_, end) = crate::thai::fiscal_year_range(fiscal_year(today));
        return list(ctx, today, end, true, None);
    }
    if strip_word(args, &EVERY_DAY).is_some_and(str::is_empty) {
        let last = holidays::last_day(ctx.conn)?.unwrap_or(today);
        return list(ctx, today, last, false, None);
    }
    if let Some(year) = calendar_year(args) {
        let (start, end) = calendar_year_range(year);
        let hint = ctx.t("core.holiday_fiscal_hint", &[("year", Arg::from(year))]);
        return list(ctx, start, end, false, Some(hint));
    }
    match (parse_coming_period(args, today), ctx.is_private()) {
        (Ok(Period { start, end, .. }), _) => list(ctx, start, end, false, None),
        (Err(_), true) => refuse("core.holiday_usage", vec![]),
        // A date or a year that could not be read is a command all the same.
        (Err(_), false) if args.starts_with(crate::thai::is_digit) => {
            refuse("core.holiday_usage", vec![])
        }
        // "วันหยุดนี้ไปไหนกัน" in a group is chatter, not a command.
        (Err(_), false) => Ok(()),
    }
}

/// `2570`, `ปี 2570`, `พ.ศ. 2570`: a calendar year (Buddhist Era), as a wall calendar lists
/// holidays; `ปีงบ 2570` is the fiscal year, read as a period.
fn calendar_year(args: &str) -> Option<i32> {
    let text = args.strip_prefix("ปี").map_or(args, str::trim_start);
    crate::thai::parse_year(text).ok()
}

fn calendar_year_range(be_year: i32) -> (NaiveDate, NaiveDate) {
    let year = be_year - 543;
    (
        NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January exists"),
        NaiveDate::from_ymd_opt(year, 12, 31).expect("31 December exists"),
    )
}

/// The word for every day on the list.
const EVERY_DAY: [&str; 2] = ["ทั้งหมด", "all"];

/// A period glued to the command word (`วันหยุดปีงบ 2570`), or ทั้งหมด, is its argument.
pub fn glued_period(rest: &str, today: NaiveDate) -> bool {
    EVERY_DAY.contains(&rest.trim())
        || calendar_year(rest.trim()).is_some()
        || parse_coming_period(rest, today).is_ok()
}

fn strip_word<'a>(text: &'a str, words: &[&str]) -> Option<&'a str> {
    words.iter().find_map(|word| {
        let rest = text.strip_prefix(word)?;
        (rest.is_empty() || rest.starts_with(char::is_whitespace)).then(|| rest.trim())
    })
}

fn require_admin(ctx: &Ctx) -> CoreResult {
    if ctx.is_admin() {
        Ok(())
    } else {
        refuse("core.holiday_admin_only", vec![])
    }
}

/// The date parser's own explanation, inside an example of the command.
fn date_refusal<T>(ctx: &Ctx, error: crate::thai::DateError) -> CoreResult<T> {
    ctx.refuse_explained("core.holiday_bad_date", &error)
}

fn add(ctx: &mut Ctx, args: &str) -> CoreResult {
    let today = ctx.today();
    let (first, rest) = match split_leading_date(args, today) {
        Ok(found) => found,
        Err(e) => return date_refusal(ctx, e),
    };
    let (last, name) = match strip_word(rest, &["ถึง", "-", "to"]) {
        Some(rest) => match split_leading_date(rest, today) {
            Ok(found) => found,
            Err(e) => return date_refusal(ctx, e),
        },
        None => (first, rest),
    };
    if name.is_empty() {
        return refuse("core.holiday_needs_name", vec![]);
    }
    let span = (last - first).num_days();
    if !(0..MAX_RANGE_DAYS).contains(&span) {
        return refuse(
            "core.holiday_bad_range",
            vec![("max", Arg::from(MAX_RANGE_DAYS))],
        );
    }
    holidays::add(ctx.conn, first, last, name)?;
    let range = format_range(ctx, first, last);
    // The audit action keeps the name it had when the command lived in complaints, so the
    // log reads the same before and after the move.
    ctx.audit("complaints.holiday_add", &range, name)?;
    let text = ctx.t(
        "core.holiday_added",
        &[("days", Arg::from(range)), ("name", Arg::from(name))],
    );
    ctx.reply_text(text);
    Ok(())
}

fn format_range(ctx: &Ctx, first: NaiveDate, last: NaiveDate) -> String {
    if first == last {
        ctx.date(first)
    } else {
        format!("{} – {}", ctx.date(first), ctx.date(last))
    }
}

fn remove(ctx: &mut Ctx, args: &str) -> CoreResult {
    let day = match split_leading_date(args, ctx.today()) {
        Ok((day, _)) => day,
        Err(e) => return date_refusal(ctx, e),
    };
    if !holidays::remove(ctx.conn, day)? {
        return refuse("core.holiday_not_found", vec![("day", Arg::Date(day))]);
    }
    ctx.audit("complaints.holiday_remove", &day.to_string(), "")?;
    let text = ctx.t("core.holiday_removed", &[("day", Arg::Date(day))]);
    ctx.reply_text(text);
    Ok(())
}

/// The holidays from `from` to `to`, in the person's language; `this_year`: the list of this
/// fiscal year's coming days, with how to see the next year's; then `footer`, if any.
fn list(
    ctx: &mut Ctx,
    from: NaiveDate,
    to: NaiveDate,
    this_year: bool,
    footer: Option<String>,
) -> CoreResult {
    let listed = holidays::between(ctx.conn, from, to)?;
    let mut lines = vec![ctx.t(
        "core.holiday_title",
        &[("from", Arg::Date(from)), ("to", Arg::Date(to))],
    )];
    if listed.is_empty() {
        lines.push(ctx.t("core.holiday_none", &[]));
    }
    for holiday in listed {
        let name = match (ctx.lang, holiday.name_en) {
            (Lang::En, Some(english)) => english,
            _ => holiday.name,
        };
        lines.push(ctx.t(
            "core.holiday_line",
            &[("day", Arg::Date(holiday.day)), ("name", Arg::from(name))],
        ));
    }
    let next_year = fiscal_year(to) + 1;
    if this_year && holidays::last_day(ctx.conn)?.is_some_and(|last| last > to) {
        lines.push(String::new());
        lines.push(ctx.t("core.holiday_more", &[("next", Arg::from(next_year))]));
    }
    if let Some(footer) = footer {
        lines.push(String::new());
        lines.push(footer);
    }
    if ctx.is_admin() {
        lines.push(String::new());
        lines.push(ctx.t("core.holiday_admin_hint", &[]));
    }
    ctx.reply_text(lines.join("\n"));
    Ok(())
}
