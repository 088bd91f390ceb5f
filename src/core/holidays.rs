//! The office's holidays (`วันหยุด`): listed for anyone, added and removed by admins. They
//! feed the office's working-day calendar (`office::work_calendar`), which every capability
//! counts with: complaints' deadlines, workflow steps in working days, donors' reports.

use chrono::NaiveDate;

use super::context::{CoreResult, Ctx, refuse};
use crate::i18n::Arg;
use crate::office::holidays;
use crate::thai::{format_date, split_leading_date};

/// Longest range one command may add (a long closure is still typed in a few commands).
const MAX_RANGE_DAYS: i64 = 31;

/// How many coming holidays `วันหยุด` lists.
const LISTED: usize = 60;

/// `วันหยุด` lists the coming holidays; `วันหยุด เพิ่ม <วันที่> [ถึง <วันที่>] <ชื่อ>` and
/// `วันหยุด ลบ <วันที่>` change them (admins).
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
    match (args.is_empty(), ctx.is_private()) {
        (true, _) => list(ctx),
        (false, true) => refuse("core.holiday_usage", vec![]),
        // "วันหยุดนี้ไปไหนกัน" in a group is chatter, not a command.
        (false, false) => Ok(()),
    }
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
    let range = format_range(first, last);
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

fn format_range(first: NaiveDate, last: NaiveDate) -> String {
    if first == last {
        format_date(first)
    } else {
        format!("{} – {}", format_date(first), format_date(last))
    }
}

fn remove(ctx: &mut Ctx, args: &str) -> CoreResult {
    let day = match split_leading_date(args, ctx.today()) {
        Ok((day, _)) => day,
        Err(e) => return date_refusal(ctx, e),
    };
    if !holidays::remove(ctx.conn, day)? {
        return refuse(
            "core.holiday_not_found",
            vec![("day", Arg::from(format_date(day)))],
        );
    }
    ctx.audit("complaints.holiday_remove", &day.to_string(), "")?;
    let text = ctx.t(
        "core.holiday_removed",
        &[("day", Arg::from(format_date(day)))],
    );
    ctx.reply_text(text);
    Ok(())
}

fn list(ctx: &mut Ctx) -> CoreResult {
    let coming = holidays::upcoming(ctx.conn, ctx.today(), LISTED)?;
    let mut lines = vec![ctx.t("core.holiday_title", &[])];
    if coming.is_empty() {
        lines.push(ctx.t("core.holiday_none", &[]));
    }
    for holiday in coming {
        lines.push(ctx.t(
            "core.holiday_line",
            &[
                ("day", Arg::from(format_date(holiday.day))),
                ("name", Arg::from(holiday.name)),
            ],
        ));
    }
    if ctx.is_admin() {
        lines.push(String::new());
        lines.push(ctx.t("core.holiday_admin_hint", &[]));
    }
    ctx.reply_text(lines.join("\n"));
    Ok(())
}
