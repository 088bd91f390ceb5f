//! The office's holidays (`วันหยุด`): listed for anyone, added and removed by admins. They feed
//! the working-day calendar of the complaints' deadlines and of workflow steps counted in
//! working days (`5 วันทำการ` in a calendar template).

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::workdays::WorkCalendar;
use crate::core::{CoreResult, Ctx, refuse};
use crate::i18n::Arg;
use crate::thai::{format_date, split_leading_date};

/// Longest range one command may add (a long closure is still typed in a few commands).
const MAX_RANGE_DAYS: i64 = 31;

pub fn calendar(conn: &Connection) -> rusqlite::Result<WorkCalendar> {
    let days: Vec<String> = conn
        .prepare_cached("SELECT day FROM office_holidays")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(WorkCalendar::new(
        days.iter().filter_map(|d| d.parse().ok()),
    ))
}

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
        (false, true) => refuse("complaints.holiday_usage", vec![]),
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
        refuse("complaints.holiday_admin_only", vec![])
    }
}

/// The date parser's own explanation, inside an example of the command.
fn date_refusal<T>(ctx: &Ctx, error: crate::thai::DateError) -> CoreResult<T> {
    let problem = ctx.explain(error.locale_key(), error.locale_args());
    refuse(
        "complaints.holiday_bad_date",
        vec![("problem", Arg::Html(problem))],
    )
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
        return refuse("complaints.holiday_needs_name", vec![]);
    }
    let span = (last - first).num_days();
    if !(0..MAX_RANGE_DAYS).contains(&span) {
        return refuse(
            "complaints.holiday_bad_range",
            vec![("max", Arg::from(MAX_RANGE_DAYS))],
        );
    }
    let mut insert = ctx.conn.prepare_cached(
        "INSERT INTO office_holidays (day, name) VALUES (?1, ?2)
         ON CONFLICT (day) DO UPDATE SET name = excluded.name",
    )?;
    for day in first.iter_days().take_while(|d| *d <= last) {
        insert.execute(params![day.to_string(), name])?;
    }
    drop(insert);
    let range = format_range(first, last);
    ctx.audit("complaints.holiday_add", &range, name)?;
    let text = ctx.t(
        "complaints.holiday_added",
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
    let removed = ctx.conn.execute(
        "DELETE FROM office_holidays WHERE day = ?1",
        [day.to_string()],
    )?;
    if removed == 0 {
        return refuse(
            "complaints.holiday_not_found",
            vec![("day", Arg::from(format_date(day)))],
        );
    }
    ctx.audit("complaints.holiday_remove", &day.to_string(), "")?;
    let text = ctx.t(
        "complaints.holiday_removed",
        &[("day", Arg::from(format_date(day)))],
    );
    ctx.reply_text(text);
    Ok(())
}

fn list(ctx: &mut Ctx) -> CoreResult {
    let rows: Vec<(String, String)> = ctx
        .conn
        .prepare_cached(
            "SELECT day, name FROM office_holidays WHERE day >= ?1 ORDER BY day LIMIT 60",
        )?
        .query_map([ctx.today().to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut lines = vec![ctx.t("complaints.holiday_title", &[])];
    if rows.is_empty() {
        lines.push(ctx.t("complaints.holiday_none", &[]));
    }
    for (day, name) in rows {
        let Ok(day) = day.parse::<NaiveDate>() else {
            continue;
        };
        lines.push(ctx.t(
            "complaints.holiday_line",
            &[
                ("day", Arg::from(format_date(day))),
                ("name", Arg::from(name)),
            ],
        ));
    }
    if ctx.is_admin() {
        lines.push(String::new());
        lines.push(ctx.t("complaints.holiday_admin_hint", &[]));
    }
    ctx.reply_text(lines.join("\n"));
    Ok(())
}
