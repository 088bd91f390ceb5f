//! How deadlines read in replies, lists and reminders (dates in the reader's language, years
//! Buddhist Era).

use chrono::NaiveDate;

use super::audience::Audience;
use super::schedule::{DueOnDayOff, LeadDays, Recurrence};
use super::store::{Deadline, RuleAhead, State};
use crate::core::{Ctx, OutMessage, Role};
use crate::i18n::Arg;

/// "วันนี้", "พรุ่งนี้", "อีก 3 วัน", "เลยกำหนดมา 2 วัน".
pub fn relative_day(ctx: &Ctx, due: NaiveDate, today: NaiveDate) -> String {
    by_days_left(
        ctx,
        due,
        today,
        [
            "calendar.relative_today",
            "calendar.relative_tomorrow",
            "calendar.relative_in",
            "calendar.relative_overdue",
        ],
    )
}

/// How far `due` is from `today` in the words of `keys`: due today, tomorrow, in `{days}`
/// days, `{days}` days overdue.
pub fn by_days_left(ctx: &Ctx, due: NaiveDate, today: NaiveDate, keys: [&str; 4]) -> String {
    let [due_today, tomorrow, ahead, overdue] = keys;
    match (due - today).num_days() {
        0 => ctx.t(due_today, &[]),
        1 => ctx.t(tomorrow, &[]),
        d if d > 1 => ctx.t(ahead, &[("days", Arg::from(d.to_string()))]),
        d => ctx.t(overdue, &[("days", Arg::from((-d).to_string()))]),
    }
}

/// Deadline `id`, due `due`, falls on a day the office is closed, in the words of `keys`: with
/// the working day before it and the command that moves it there, or without one (none is
/// left from today).
pub fn day_off_text(
    ctx: &Ctx,
    id: i64,
    due: NaiveDate,
    day_off: DueOnDayOff,
    keys: [&str; 2],
) -> String {
    let [with_day_before, without] = keys;
    let date = Arg::DateWithWeekday(due);
    match day_off.working_day_before {
        Some(before) => ctx.t(
            with_day_before,
            &[
                ("date", date),
                ("id", Arg::from(id)),
                ("before", Arg::Date(before)),
                ("before_long", Arg::DateWithWeekday(before)),
            ],
        ),
        None => ctx.t(without, &[("date", date), ("id", Arg::from(id))]),
    }
}

/// "7, 3, 1 วันก่อน และในวันครบกำหนด เวลา 08:30 น."
pub fn lead_summary(ctx: &Ctx, leads: &LeadDays) -> String {
    let time = Arg::from(ctx.env.config.reminder_time.format("%H:%M").to_string());
    if leads.days().is_empty() {
        return ctx.t("calendar.leads_none", &[("time", time)]);
    }
    let days = leads
        .days()
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    ctx.t(
        "calendar.leads",
        &[("days", Arg::from(days)), ("time", time)],
    )
}

pub fn recurrence_text(ctx: &Ctx, recurrence: Recurrence) -> String {
    match recurrence {
        Recurrence::Monthly { day } => ctx.t("calendar.repeat_monthly", &[("day", Arg::from(day))]),
        Recurrence::Yearly { month, day } => ctx.t(
            "calendar.repeat_yearly",
            &[("day", Arg::from(day)), ("month", Arg::Month(month))],
        ),
    }
}

/// Title, due date and owner, the head of every message about one deadline.
pub fn card(ctx: &Ctx, deadline: &Deadline, today: NaiveDate) -> String {
    let mut lines = vec![
        ctx.t(
            "calendar.card_title",
            &[
                ("id", Arg::from(deadline.id)),
                ("title", Arg::from(&deadline.title)),
            ],
        ),
        ctx.t(
            "calendar.card_due",
            &[
                ("date", Arg::DateWithWeekday(deadline.due)),
                (
                    "relative",
                    Arg::from(relative_day(ctx, deadline.due, today)),
                ),
            ],
        ),
    ];
    if let Some(owner) = &deadline.owner {
        lines.push(ctx.t("calendar.card_owner", &[("owner", Arg::from(owner))]));
    }
    lines.join("\n")
}

/// The state of a deadline in a list: waiting, overdue, or done by whom.
pub fn status(ctx: &Ctx, deadline: &Deadline, today: NaiveDate) -> String {
    match deadline.state {
        State::Deleted => ctx.t(
            "calendar.status_deleted",
            &[(
                "name",
                Arg::from(deadline.closed_by_name.clone().unwrap_or_default()),
            )],
        ),
        State::Done => ctx.t(
            "calendar.status_done",
            &[(
                "name",
                Arg::from(deadline.closed_by_name.clone().unwrap_or_default()),
            )],
        ),
        _ if deadline.due < today => ctx.t(
            "calendar.status_overdue",
            &[(
                "relative",
                Arg::from(relative_day(ctx, deadline.due, today)),
            )],
        ),
        _ => ctx.t(
            "calendar.status_open",
            &[(
                "relative",
                Arg::from(relative_day(ctx, deadline.due, today)),
            )],
        ),
    }
}

/// "• 25 มิ.ย. 2569 #12 ส่งรายงาน (👤 @somsri) [แจ้งผู้บริหาร] — ⏳ อีก 10 วัน"
pub fn list_line(ctx: &Ctx, deadline: &Deadline, today: NaiveDate, show_audience: bool) -> String {
    let extras = line_extras(
        ctx,
        deadline.owner.as_deref(),
        deadline.rule_id.is_some(),
        show_audience.then_some(deadline.audience),
    );
    ctx.t(
        "calendar.list_line",
        &[
            ("date", Arg::Date(deadline.due)),
            ("id", Arg::from(deadline.id)),
            ("title", Arg::from(&deadline.title)),
            ("extras", Arg::Html(extras)),
            ("status", Arg::Html(status(ctx, deadline, today))),
        ],
    )
}

/// "• 25 ก.พ. 2570 ส่งรายงาน 👤 @somsri — 🔁 รอบที่จะถึงของ #12 (อีก 86 วัน)": a round of a
/// recurring deadline still to come, due `due`. It has no number of its own until the
/// scheduler creates it, so it names the current round, by whose number the repetition is
/// seen (`กำหนดการ`) and stopped (`ลบกำหนดการ`).
pub fn round_line(
    ctx: &Ctx,
    ahead: &RuleAhead,
    due: NaiveDate,
    today: NaiveDate,
    show_audience: bool,
) -> String {
    let rule = &ahead.rule;
    let extras = line_extras(
        ctx,
        rule.owner.as_deref(),
        false,
        show_audience.then_some(rule.audience),
    );
    ctx.t(
        "calendar.round_line",
        &[
            ("date", Arg::Date(due)),
            ("id", Arg::from(ahead.newest_id)),
            ("title", Arg::from(&rule.title)),
            ("extras", Arg::Html(extras)),
            ("relative", Arg::from(relative_day(ctx, due, today))),
        ],
    )
}

/// What follows the title in a list line: the owner, 🔁 for a recurring deadline, and the
/// group told (`audience`, when the reader sees more than one group's).
fn line_extras(
    ctx: &Ctx,
    owner: Option<&str>,
    recurring: bool,
    audience: Option<Audience>,
) -> String {
    let mut extras = String::new();
    if let Some(owner) = owner {
        extras.push(' ');
        extras.push_str(&ctx.t("calendar.line_owner", &[("owner", Arg::from(owner))]));
    }
    if recurring {
        extras.push_str(" 🔁");
    }
    if let Some(audience) = audience {
        extras.push(' ');
        let group = ctx.t(audience.name_key(), &[]);
        extras.push_str(&ctx.t("calendar.line_audience", &[("group", Arg::from(group))]));
    }
    extras
}

/// Buttons under a reminder: done, and move by one day.
/// A reminder's buttons in the group of `role`: done (for principals, their school's done),
/// and, where the calendar may be changed (staff), moving it a working day.
pub fn reminder_buttons(
    ctx: &Ctx,
    deadline_id: i64,
    role: Option<Role>,
) -> Vec<Vec<crate::core::Button>> {
    let done = if role == Some(Role::Principals) {
        "calendar.button_done_school"
    } else {
        "calendar.button_done"
    };
    let mut row = vec![ctx.button(done, format!("calendar:done:{deadline_id}"))];
    if role == Some(Role::Staff) {
        row.push(ctx.button(
            "calendar.button_snooze",
            format!("calendar:snooze:{deadline_id}"),
        ));
    }
    vec![row]
}

/// A list message: its head, its lines, and a count of the lines left out.
pub fn lines_message(ctx: &Ctx, head: String, lines: Vec<String>, left_out: usize) -> OutMessage {
    let mut text = head;
    for line in lines {
        text.push('\n');
        text.push_str(&line);
    }
    if left_out > 0 {
        text.push('\n');
        text.push_str(&ctx.t("calendar.list_more", &[("count", Arg::from(left_out))]));
    }
    OutMessage::text(text)
}
