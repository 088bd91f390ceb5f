//! Commands on single deadlines: add (once or recurring), done, move, delete, lead times,
//! details with history; and the reminder buttons.

use chrono::{Days, NaiveDate};

use super::audience::{self, Audience};
use super::parse::{self, InputError, When};
use super::schedule::{self, LeadDays, LeadDaysError};
use super::store::{self, Creator, Deadline, NewRow, State};
use super::{AREA, pick, view};
use crate::core::{CommandSpec, CoreError, CoreResult, Ctx, Role, refuse};
use crate::i18n::Arg;
use crate::thai;

/// Longest reason kept for a move or a deletion, in characters.
const MAX_REASON_CHARS: usize = 300;

pub fn add(ctx: &mut Ctx, args: &str) -> CoreResult {
    // Several deadlines pasted in one message: each may need a date chosen, so none is
    // recorded (a later line would have become part of the first one's title) and the
    // answer says to send them one per message.
    let lines = args.lines().filter(|line| !line.trim().is_empty()).count();
    if args.lines().skip(1).any(starts_a_deadline) {
        return refuse(
            "calendar.add_one_per_message",
            vec![("count", Arg::from(lines))],
        );
    }
    add_typed_in(ctx, args, None)
}

/// A line that is itself `เพิ่มกำหนดการ …` or `/deadline …`.
fn starts_a_deadline(line: &str) -> bool {
    let line = line.trim();
    ["เพิ่มกำหนดการ", "/deadline"].iter().any(|word| {
        line.strip_prefix(word)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '@']))
    })
}

/// [`add`], with the message that typed the command when it is not the one being handled
/// (its date was chosen with a button since): an edit of that message names the deadline.
pub fn add_typed_in(ctx: &mut Ctx, args: &str, typed_message: Option<i64>) -> CoreResult {
    if args.trim().is_empty() {
        return refuse("calendar.add_usage", vec![]);
    }
    let today = ctx.today();
    let request =
        parse::parse_new_deadline(args, today).map_err(|e| input_refusal(ctx, e, args))?;
    let when = match request.when {
        When::Once(reading) => {
            let rest = request.after_date.clone();
            let typed = request.date_words.as_str();
            match pick::settle(ctx, reading, typed, pick::Waiting::Add { rest })? {
                Some(date) => Some(date),
                None => return Ok(()),
            }
        }
        When::Every(_) => None,
    };
    let (audience, private_default) = match request.audience {
        Some(audience) => (audience, false),
        None => audience::default_audience(ctx),
    };
    let leads = LeadDays::default();
    let (due, rule) = match (when, request.when) {
        (Some(date), _) if date < today => {
            return refuse(
                "calendar.date_in_past",
                vec![("date", Arg::DateWithWeekday(date))],
            );
        }
        (Some(date), _) => (date, None),
        (None, When::Every(recurrence)) => match recurrence.first_on_or_after(today) {
            Some(first) => (first, Some(recurrence)),
            None => return refuse("calendar.recurring_usage", vec![]),
        },
        (None, When::Once(_)) => return refuse("calendar.add_usage", vec![]),
    };
    let mut row = NewRow {
        title: &request.title,
        due,
        owner: request.owner.as_deref(),
        audience,
        leads: &leads,
        rule_id: None,
        workflow: None,
        origin: None,
    };
    if let Some(recurrence) = rule {
        row.rule_id = Some(store::insert_rule(ctx, recurrence, due, &row)?);
    }
    let id = store::insert(ctx, &Creator::of(ctx), &row)?;
    // An edit of the command is answered with this deadline ([`describe_edited`]).
    ctx.note_recorded(AREA, typed_message, &format!("{ADDED}:{id}"))?;
    let deadline = loaded(ctx, id)?;
    let mut lines = vec![
        ctx.t("calendar.added", &[]),
        view::card(ctx, &deadline, today),
    ];
    if let Some(recurrence) = rule {
        lines.push(view::recurrence_text(ctx, recurrence));
    }
    lines.push(audience_line(ctx, audience));
    lines.extend(reminder_lines(ctx, due, &leads)?);
    lines.extend(day_off_line(ctx, id, due)?);
    if private_default {
        lines.push(ctx.t("calendar.added_private_default", &[]));
    }
    lines.push(ctx.t("calendar.added_hint", &[("id", Arg::from(id))]));
    ctx.reply_text(lines.join("\n"));
    audience::announce(ctx, audience.roles(), |ctx, _| {
        format!(
            "{}\n{}",
            ctx.t(
                "calendar.announced",
                &[("who", Arg::from(&ctx.event.actor.name))]
            ),
            view::card(ctx, &deadline, today)
        )
    })?;
    Ok(())
}

/// What a noted message made (`Ctx::note_recorded`): a deadline added.
const ADDED: &str = "deadline";

/// An edit of the message that added a deadline: that deadline as it stands, unchanged by the
/// edit, and the commands that correct it (move it, or delete it and add the right one).
pub fn describe_edited(ctx: &Ctx, message_id: i64) -> rusqlite::Result<Option<String>> {
    let Some(subject) = ctx.recorded_by(AREA, message_id)? else {
        return Ok(None);
    };
    let id = subject
        .strip_prefix(ADDED)
        .and_then(|rest| rest.strip_prefix(':'))
        .and_then(|id| id.parse().ok());
    let Some(deadline) = id
        .map(|id| store::load(ctx.conn, id))
        .transpose()?
        .flatten()
    else {
        return Ok(None);
    };
    Ok(Some(ctx.t(
        "calendar.edited_added",
        &[
            ("id", Arg::from(deadline.id)),
            ("card", Arg::Html(view::card(ctx, &deadline, ctx.today()))),
        ],
    )))
}

fn audience_line(ctx: &Ctx, audience: Audience) -> String {
    let group = ctx.t(audience.name_key(), &[]);
    ctx.t("calendar.card_audience", &[("group", Arg::from(group))])
}

/// Most characters of the typed text quoted back in a date refusal.
const MAX_QUOTED_CHARS: usize = 40;

/// The refusal for a badly typed command: the parser's own explanation of a bad date (said
/// once, with forms that work) and the start of what was typed.
pub fn input_refusal(ctx: &Ctx, error: InputError, typed: &str) -> CoreError {
    match error {
        InputError::Date(date_error) => {
            let problem = ctx.explain(&date_error);
            let typed: String = typed.trim().chars().take(MAX_QUOTED_CHARS).collect();
            CoreError::Refusal {
                key: "calendar.bad_date",
                args: vec![("problem", Arg::Html(problem)), ("typed", Arg::from(typed))],
            }
        }
        InputError::NoTitle => refusal("calendar.no_title"),
        InputError::TitleTooLong => CoreError::Refusal {
            key: "calendar.title_too_long",
            args: vec![("max", Arg::from(parse::MAX_TITLE_CHARS))],
        },
        InputError::Recurrence => refusal("calendar.recurring_usage"),
    }
}

fn refusal(key: &'static str) -> CoreError {
    CoreError::Refusal {
        key,
        args: Vec::new(),
    }
}

/// A deadline just written by this handler.
fn loaded(ctx: &Ctx, id: i64) -> CoreResult<Deadline> {
    store::load(ctx.conn, id)?.ok_or(CoreError::Db(rusqlite::Error::QueryReturnedNoRows))
}

/// The deadline numbered at the start of `args`, if this person may see it here; the rest of
/// the text comes back with it. `usage` explains the command when no number was given.
fn visible_deadline<'t>(
    ctx: &Ctx,
    args: &'t str,
    usage: &'static str,
) -> CoreResult<(Deadline, &'t str)> {
    let (deadline, rest) = visible_with_deleted(ctx, args, usage)?;
    if deadline.state == State::Deleted {
        return refuse("calendar.is_deleted", vec![("id", Arg::from(deadline.id))]);
    }
    Ok((deadline, rest))
}

fn visible_with_deleted<'t>(
    ctx: &Ctx,
    args: &'t str,
    usage: &'static str,
) -> CoreResult<(Deadline, &'t str)> {
    let Some((id, rest)) = parse::leading_id(args) else {
        return refuse(usage, vec![]);
    };
    match store::load_with_deleted(ctx.conn, id)? {
        Some(deadline) if audience::may_see(ctx, deadline.audience) => Ok((deadline, rest)),
        _ => refuse("calendar.not_found", vec![("id", Arg::from(id))]),
    }
}

fn reason(text: &str) -> CoreResult<Option<&str>> {
    let text = text.trim();
    if text.chars().count() > MAX_REASON_CHARS {
        return refuse(
            "calendar.reason_too_long",
            vec![("max", Arg::from(MAX_REASON_CHARS))],
        );
    }
    Ok((!text.is_empty()).then_some(text))
}

/// What the reminder card's ✅ เสร็จแล้ว adds to the command word เสร็จ.
pub const DONE_TAIL: &str = "แล้ว";

/// The word before a number of days that counts on from the deadline (`อีก 2 วัน`).
const MORE: &str = "อีก";

/// `<n> วัน` or `อีก <n> วัน` at the start of a postpone's rest (the reminder card's ⏰ เลื่อน
/// 1 วัน): the days and what follows.
fn days_later(rest: &str) -> Option<(u64, &str)> {
    // `อีก 2 วัน` after a deadline's number means later than its due date too, as the
    // button's `เลื่อน 1 วัน`; read as a date it would count from today.
    let rest = rest.strip_prefix(MORE).map_or(rest, str::trim_start);
    let (days, after) = parse::leading_id(rest)?;
    let after = after.strip_prefix("วัน")?;
    let separated = after.is_empty() || after.starts_with(char::is_whitespace);
    separated.then(|| (days.unsigned_abs(), after.trim()))
}

/// `เสร็จ` and `เลื่อน` are everyday words: one followed by Thai words rather than a deadline
/// number ("เสร็จ แล้วครับ", "เลื่อน ประชุมไปวันศุกร์") is conversation, not a command, and in a
/// group gets no answer (`Capability::chatter`). Anything else after it (`เสร็จ abc`,
/// `เสร็จ #0`) is a number mistyped and gets the usage, as the word alone does: silence would
/// read as done.
pub fn is_chatter(spec: &CommandSpec, args: &str) -> bool {
    let args = match spec.name {
        "done" => args.strip_prefix(DONE_TAIL).unwrap_or(args),
        "postpone" => args,
        _ => return false,
    };
    crate::thai::starts_with_thai_word(args) && parse::leading_id(args).is_none()
}

/// `เสร็จ <เลข>`: anyone who sees the deadline here may mark it done.
pub fn done(ctx: &mut Ctx, args: &str) -> CoreResult {
    // `เสร็จแล้ว 12`: the reminder card's ✅ เสร็จแล้ว, typed.
    let args = args.strip_prefix(DONE_TAIL).unwrap_or(args);
    let (deadline, _) = visible_deadline(ctx, args, "calendar.done_usage")?;
    if is_a_school_s_done(ctx, &deadline) {
        let text = report_done_for_school(ctx, &deadline)?;
        ctx.reply_text(text);
        return Ok(());
    }
    let next = mark_done(ctx, &deadline)?;
    let today = ctx.today();
    let mut lines = vec![ctx.t(
        "calendar.done",
        &[
            ("id", Arg::from(deadline.id)),
            ("title", Arg::from(&deadline.title)),
            ("name", Arg::from(&ctx.event.actor.name)),
            ("date", Arg::Date(today)),
        ],
    )];
    if let Some((next_id, next_due)) = next {
        lines.push(next_occurrence_line(ctx, next_id, next_due));
    }
    ctx.reply_text(lines.join("\n"));
    Ok(())
}

fn next_occurrence_line(ctx: &Ctx, id: i64, due: NaiveDate) -> String {
    ctx.t(
        "calendar.next_occurrence",
        &[("id", Arg::from(id)), ("date", Arg::Date(due))],
    )
}

/// A principal's done (in their group or privately; not a staff member's, nor an admin's) on
/// a deadline of every school's (addressed to the principals, or to everyone): it says their
/// school is done, not that the deadline is.
fn is_a_school_s_done(ctx: &Ctx, deadline: &Deadline) -> bool {
    ctx.acts_as(Role::Principals)
        && !ctx.acts_as(Role::Staff)
        && matches!(deadline.audience, Audience::Principals | Audience::All)
}

/// Notes a principal's done ([`is_a_school_s_done`]) and, the first time, tells the staff
/// group with everyone who said so; the deadline stays open for the other schools until staff
/// close it. Returns the answer for the principals' group.
fn report_done_for_school(ctx: &mut Ctx, deadline: &Deadline) -> CoreResult<String> {
    refuse_if_done(deadline)?;
    let first = store::report_done(ctx, deadline.id)?;
    let reports = store::done_reports(ctx.conn, deadline.id)?;
    let id = Arg::from(deadline.id);
    let title = Arg::from(&deadline.title);
    if !first {
        let at = reports
            .iter()
            .find(|report| report.user_id == ctx.event.actor.user_id)
            .map_or_else(|| Arg::from(""), |report| local_date(ctx, &report.at));
        return Ok(ctx.t(
            "calendar.done_reported_already",
            &[("id", id), ("title", title), ("date", at)],
        ));
    }
    let names: Vec<&str> = reports.iter().map(|report| report.name.as_str()).collect();
    let to_staff = ctx.in_group_language(|ctx| {
        ctx.t(
            "calendar.done_reported_staff",
            &[
                ("id", id.clone()),
                ("title", title.clone()),
                ("name", Arg::from(&ctx.event.actor.name)),
                ("count", Arg::from(names.len())),
                ("names", Arg::from(names.join(", "))),
            ],
        )
    });
    ctx.post_to(Role::Staff, crate::core::OutMessage::text(to_staff))?;
    Ok(ctx.t(
        "calendar.done_reported",
        &[
            ("id", id),
            ("title", title),
            ("name", Arg::from(&ctx.event.actor.name)),
        ],
    ))
}

/// The Bangkok date of a stored UTC time.
fn local_date(ctx: &Ctx, at: &str) -> Arg {
    chrono::DateTime::parse_from_rfc3339(at).map_or_else(
        |_| Arg::from(at),
        |at| Arg::Date(at.with_timezone(&ctx.env.config.tz).date_naive()),
    )
}

fn refuse_if_done(deadline: &Deadline) -> CoreResult<()> {
    if deadline.state == State::Done {
        return refuse(
            "calendar.already_done",
            vec![
                ("id", Arg::from(deadline.id)),
                (
                    "name",
                    Arg::from(deadline.closed_by_name.clone().unwrap_or_default()),
                ),
            ],
        );
    }
    Ok(())
}

/// Closes the deadline as done; for the newest occurrence of a recurring one, creates the
/// next occurrence and returns it.
fn mark_done(ctx: &Ctx, deadline: &Deadline) -> CoreResult<Option<(i64, NaiveDate)>> {
    refuse_if_done(deadline)?;
    store::close(ctx, deadline, State::Done, None)?;
    let Some(rule) = deadline
        .rule_id
        .map(|id| store::load_rule(ctx.conn, id))
        .transpose()?
    else {
        return Ok(None);
    };
    match rule {
        Some(rule) if deadline.due >= rule.last_due => {
            let origin = view::recurrence_text(ctx, rule.recurrence);
            Ok(store::spawn_next(ctx, &rule, ctx.today(), &origin)?)
        }
        _ => Ok(None),
    }
}

/// `เลื่อน <เลข> <วันที่> [เหตุผล]`.
pub fn postpone(ctx: &mut Ctx, args: &str) -> CoreResult {
    // `เลื่อน 1 วัน` as the reminder card's button reads, without the deadline's number.
    if days_later(args).is_some_and(|(_, after)| after.is_empty()) {
        return refuse("calendar.postpone_days_usage", vec![]);
    }
    let (deadline, rest) = visible_deadline(ctx, args, "calendar.postpone_usage")?;
    let rest = without_to_word(rest);
    if rest.is_empty() {
        return refuse("calendar.postpone_usage", vec![]);
    }
    let today = ctx.today();
    if let Some((days, after)) = days_later(rest) {
        let new_due = later_by(&deadline, today, days);
        return postponed(ctx, &deadline, new_due, reason(after)?);
    }
    let (reading, after_date) = thai::split_leading_reading(rest, today)
        .map_err(|e| input_refusal(ctx, InputError::Date(e), rest))?;
    let reason = reason(after_date)?;
    // `อีก 2 วันทำการ`, like `อีก 2 วัน`, counts from the deadline (or today, if it is late):
    // from today it moved a deadline earlier.
    if let thai::DateReading::WorkingDaysAfterToday(days) = reading {
        let work = crate::office::work_calendar(ctx.conn)?;
        let new_due = work.add_working_days(deadline.due.max(today), days);
        return postponed(ctx, &deadline, new_due, reason);
    }
    let waiting = pick::Waiting::Postpone {
        id: deadline.id,
        rest: after_date.to_string(),
    };
    let typed = parse::date_words(rest, after_date);
    let Some(new_due) = pick::settle(ctx, reading, typed, waiting)? else {
        return Ok(());
    };
    postponed(ctx, &deadline, new_due, reason)
}

/// `เลื่อน 1 เป็น 28 ธ.ค.`, `เลื่อน 1 ไป 28 ธ.ค.`: the words people put before the new date.
fn without_to_word(rest: &str) -> &str {
    ["ไปเป็น", "เป็น", "ไป", "to"]
        .iter()
        .find_map(|word| {
            let after = rest.strip_prefix(word)?;
            // "ไป" glued to a Thai word is another word ("ไปรษณีย์"): only before a space,
            // a figure or วัน ("ไปวันศุกร์").
            (after.starts_with(char::is_whitespace)
                || after.starts_with(thai::is_digit)
                || after.starts_with("วัน"))
            .then(|| after.trim_start())
        })
        .unwrap_or(rest)
}

/// `days` after the later of the deadline's due date and today: a deadline already late moves
/// from today.
fn later_by(deadline: &Deadline, today: NaiveDate, days: u64) -> NaiveDate {
    deadline
        .due
        .max(today)
        .checked_add_days(Days::new(days))
        .unwrap_or(deadline.due)
}

/// Moves the deadline to `new_due` and says so with its card.
fn postponed(
    ctx: &mut Ctx,
    deadline: &Deadline,
    new_due: NaiveDate,
    reason: Option<&str>,
) -> CoreResult {
    let today = ctx.today();
    move_deadline(ctx, deadline, new_due, reason)?;
    let moved = loaded(ctx, deadline.id)?;
    let mut lines = vec![
        ctx.t(
            "calendar.moved",
            &[
                ("id", Arg::from(deadline.id)),
                ("old", Arg::Date(deadline.due)),
                ("new", Arg::DateWithWeekday(new_due)),
            ],
        ),
        view::card(ctx, &moved, today),
    ];
    if let Some(reason) = reason {
        lines.push(ctx.t("calendar.moved_reason", &[("reason", Arg::from(reason))]));
    }
    if new_due < deadline.due {
        lines.push(ctx.t(
            "calendar.moved_earlier",
            &[
                ("id", Arg::from(deadline.id)),
                ("old", Arg::Date(deadline.due)),
            ],
        ));
    }
    lines.extend(day_off_line(ctx, deadline.id, new_due)?);
    ctx.reply_text(lines.join("\n"));
    Ok(())
}

/// When a deadline falls on a day the office is closed (a weekend or a holiday): says so, with
/// the command that moves it to the working day before. The date stays as typed: some work is
/// due on a day off on purpose.
fn day_off_line(ctx: &Ctx, id: i64, due: NaiveDate) -> CoreResult<Option<String>> {
    let work = crate::office::work_calendar(ctx.conn)?;
    Ok(
        schedule::due_on_day_off(due, ctx.today(), &work).map(|day_off| {
            view::day_off_text(
                ctx,
                id,
                due,
                day_off,
                [
                    "calendar.due_on_day_off",
                    "calendar.due_on_day_off_no_earlier",
                ],
            )
        }),
    )
}

fn move_deadline(
    ctx: &Ctx,
    deadline: &Deadline,
    new_due: NaiveDate,
    reason: Option<&str>,
) -> CoreResult {
    if deadline.state == State::Done {
        return refuse("calendar.move_done", vec![("id", Arg::from(deadline.id))]);
    }
    if new_due < ctx.today() {
        return refuse("calendar.date_in_past", vec![("date", Arg::Date(new_due))]);
    }
    if new_due == deadline.due {
        return refuse(
            "calendar.move_same_date",
            vec![("date", Arg::Date(new_due))],
        );
    }
    Ok(store::move_to(ctx, deadline, new_due, reason)?)
}

/// `ลบกำหนดการ <เลข> [เหตุผล]`: its creator or an admin; kept in the database with its history.
/// Deleting an occurrence of a recurring deadline ends the repetition.
pub fn delete(ctx: &mut Ctx, args: &str) -> CoreResult {
    let (deadline, rest) = visible_deadline(ctx, args, "calendar.delete_usage")?;
    if deadline.created_by != ctx.event.actor.user_id && !ctx.is_admin() {
        return refuse(
            "calendar.delete_not_allowed",
            vec![
                ("id", Arg::from(deadline.id)),
                ("name", Arg::from(&deadline.created_by_name)),
            ],
        );
    }
    let reason = reason(rest)?;
    store::close(ctx, &deadline, State::Deleted, reason)?;
    let mut lines = vec![ctx.t(
        "calendar.deleted",
        &[
            ("id", Arg::from(deadline.id)),
            ("title", Arg::from(&deadline.title)),
        ],
    )];
    if let Some(rule_id) = deadline.rule_id {
        store::stop_rule(ctx.conn, rule_id)?;
        lines.push(ctx.t("calendar.deleted_rule", &[]));
    }
    ctx.reply_text(lines.join("\n"));
    Ok(())
}

/// `แจ้งล่วงหน้า <เลข> 14,7,1`.
pub fn lead_time(ctx: &mut Ctx, args: &str) -> CoreResult {
    let (deadline, rest) = visible_deadline(ctx, args, "calendar.leadtime_usage")?;
    let leads = match LeadDays::parse(rest) {
        Ok(leads) => leads,
        Err(LeadDaysError::TooFar) => {
            return refuse(
                "calendar.leadtime_too_far",
                vec![("max", Arg::from(schedule::MAX_LEAD_DAYS))],
            );
        }
        Err(LeadDaysError::TooMany) => {
            return refuse(
                "calendar.leadtime_too_many",
                vec![("max", Arg::from(schedule::MAX_LEAD_COUNT))],
            );
        }
        Err(LeadDaysError::Unrecognised) => return refuse("calendar.leadtime_usage", vec![]),
    };
    if deadline.state == State::Done {
        return refuse("calendar.move_done", vec![("id", Arg::from(deadline.id))]);
    }
    store::set_lead_days(ctx, &deadline, &leads)?;
    let mut lines = vec![ctx.t("calendar.leadtime_set", &[("id", Arg::from(deadline.id))])];
    lines.extend(reminder_lines(ctx, deadline.due, &leads)?);
    ctx.reply_text(lines.join("\n"));
    Ok(())
}

/// The lead days of a deadline due `due`, and the date its next reminder actually comes (a
/// lead day already past is not one; one on a day off comes on the working day before it, or
/// after it once the deadline has passed, as the reminders go out).
fn reminder_lines(ctx: &Ctx, due: NaiveDate, leads: &LeadDays) -> rusqlite::Result<Vec<String>> {
    let config = &ctx.env.config;
    let owed = schedule::last_owed_day(ctx.now, config.reminder_time, config.tz);
    let work = schedule::reminder_days(ctx.conn, config)?;
    let next = schedule::next_slot_after(due, leads, schedule::served_through(owed, due, &work))
        .map(|slot| {
            let day = schedule::sending_day(slot.date, due, owed, &work);
            ctx.t("calendar.next_reminder", &[("date", Arg::Date(day))])
        });
    Ok(std::iter::once(view::lead_summary(ctx, leads))
        .chain(next)
        .collect())
}

/// `กำหนดการ <เลข>`: everything about one deadline, with its history.
pub fn details(ctx: &mut Ctx, args: &str) -> CoreResult {
    // `กำหนดการ`, `กำหนดการเดือนนี้`: the deadlines asked for, not one of them.
    if args.trim().is_empty() || thai::parse_coming_period(args, ctx.today()).is_ok() {
        return super::listing::calendar(ctx, args);
    }
    let (deadline, _) = visible_with_deleted(ctx, args, "calendar.details_usage")?;
    let today = ctx.today();
    let mut lines = vec![
        view::card(ctx, &deadline, today),
        audience_line(ctx, deadline.audience),
    ];
    if let Some(rule) = deadline
        .rule_id
        .map(|id| store::load_rule(ctx.conn, id))
        .transpose()?
        .flatten()
    {
        lines.push(view::recurrence_text(ctx, rule.recurrence));
    }
    lines.push(ctx.t(
        "calendar.details_state",
        &[("status", Arg::Html(view::status(ctx, &deadline, today)))],
    ));
    if deadline.state == State::Open {
        lines.extend(reminder_lines(ctx, deadline.due, &deadline.leads)?);
    }
    let reports = store::done_reports(ctx.conn, deadline.id)?;
    if !reports.is_empty() {
        let names: Vec<String> = reports
            .iter()
            .map(|report| {
                ctx.t(
                    "calendar.done_report_name",
                    &[
                        ("name", Arg::from(&report.name)),
                        ("date", local_date(ctx, &report.at)),
                    ],
                )
            })
            .collect();
        lines.push(ctx.t(
            "calendar.details_done_reports",
            &[
                ("count", Arg::from(reports.len())),
                ("names", Arg::from(names.join(", "))),
            ],
        ));
    }
    lines.push(ctx.t("calendar.history_title", &[]));
    for entry in store::history(ctx.conn, deadline.id)? {
        lines.push(history_line(ctx, &entry));
    }
    ctx.reply_text(lines.join("\n"));
    Ok(())
}

fn history_line(ctx: &Ctx, entry: &store::HistoryEntry) -> String {
    let when = chrono::DateTime::parse_from_rfc3339(&entry.at)
        .map(|at| {
            let local = at.with_timezone(&ctx.env.config.tz);
            format!("{} {}", ctx.date(local.date_naive()), local.format("%H:%M"))
        })
        .unwrap_or_else(|_| entry.at.clone());
    let key = match entry.action.as_str() {
        "created" => "calendar.history_created",
        "moved" => "calendar.history_moved",
        "done" => "calendar.history_done",
        "deleted" => "calendar.history_deleted",
        _ => "calendar.history_lead_days",
    };
    let date_arg = |d: Option<NaiveDate>| d.map_or_else(|| Arg::from(""), Arg::Date);
    let mut line = ctx.t(
        key,
        &[
            ("when", Arg::from(when)),
            ("name", Arg::from(&entry.actor_name)),
            ("old", date_arg(entry.old_due)),
            ("new", date_arg(entry.new_due)),
        ],
    );
    if let Some(note) = &entry.note {
        line.push_str(&ctx.t("calendar.history_note", &[("note", Arg::from(note))]));
    }
    line
}

/// The reminder buttons: `done:<id>` and `snooze:<id>` (move to the office's next working day
/// after the later of the due date and today: pressed on a Friday, Monday, never a Saturday). A refusal is shown on the button, and nothing is written.
pub fn on_button(ctx: &mut Ctx, data: &str) -> CoreResult {
    store::begin_button(ctx.conn)?;
    let outcome = press(ctx, data);
    match outcome {
        Ok(()) => {
            store::keep_button(ctx.conn)?;
            Ok(())
        }
        Err(CoreError::Refusal { key, args }) => {
            store::undo_button(ctx.conn)?;
            ctx.answer_button_with(key, &args);
            Ok(())
        }
        Err(error) => Err(error),
    }
}

fn press(ctx: &mut Ctx, data: &str) -> CoreResult {
    let (action, id) = data.split_once(':').unwrap_or((data, ""));
    if action == "pick" {
        return pick::pressed(ctx, id);
    }
    let Ok(id) = id.parse::<i64>() else {
        return refuse("core.button_expired", vec![]);
    };
    let deadline = match store::load(ctx.conn, id)? {
        Some(d) if audience::may_see(ctx, d.audience) => d,
        Some(_) => return refuse("calendar.button_not_yours", vec![]),
        None => return refuse("calendar.button_gone", vec![]),
    };
    let today = ctx.today();
    match action {
        "done" if is_a_school_s_done(ctx, &deadline) => {
            let text = report_done_for_school(ctx, &deadline)?;
            ctx.answer_button(None);
            ctx.reply_text(text);
            Ok(())
        }
        "done" => {
            let next = mark_done(ctx, &deadline)?;
            let mut lines = vec![
                view::card(ctx, &deadline, today),
                ctx.t(
                    "calendar.pressed_done",
                    &[
                        ("name", Arg::from(&ctx.event.actor.name)),
                        ("date", Arg::Date(today)),
                    ],
                ),
            ];
            if let Some((next_id, next_due)) = next {
                lines.push(next_occurrence_line(ctx, next_id, next_due));
            }
            ctx.edit_pressed(crate::core::OutMessage::text(lines.join("\n")));
            ctx.answer_button_with("calendar.pressed_done_notice", &[]);
            Ok(())
        }
        "snooze" => {
            if !audience::may_edit(ctx) {
                return refuse("calendar.button_staff_only", vec![]);
            }
            let new_due =
                crate::office::work_calendar(ctx.conn)?.next_working_day(deadline.due.max(today));
            let reason = ctx.t("calendar.snooze_reason", &[]);
            move_deadline(ctx, &deadline, new_due, Some(&reason))?;
            let moved = loaded(ctx, deadline.id)?;
            let text = format!(
                "{}\n{}",
                view::card(ctx, &moved, today),
                ctx.t(
                    "calendar.pressed_snooze",
                    &[
                        ("name", Arg::from(&ctx.event.actor.name)),
                        ("old", Arg::Date(deadline.due)),
                    ],
                )
            );
            let buttons = view::reminder_buttons(ctx, deadline.id, ctx.chat_role);
            ctx.edit_pressed(crate::core::OutMessage::text(text).with_buttons(buttons));
            ctx.answer_button_with(
                "calendar.pressed_snooze_notice",
                &[("date", Arg::Date(new_due))],
            );
            Ok(())
        }
        "workdays" => {
            if !audience::may_edit(ctx) {
                return refuse("calendar.button_staff_only", vec![]);
            }
            let text = days_off_to_working_days(ctx, &deadline)?;
            ctx.answer_button(None);
            ctx.reply_text(text);
            Ok(())
        }
        _ => refuse("core.button_expired", vec![]),
    }
}

/// Moves every open step of `step`'s workflow that is due on a day off, and that the presser
/// may see, to the working day before it (still to come), as `เลื่อน` would one by one; a step
/// moved since the start is on a working day and stays. Says what moved.
fn days_off_to_working_days(ctx: &Ctx, step: &Deadline) -> CoreResult<String> {
    let work = crate::office::work_calendar(ctx.conn)?;
    let today = ctx.today();
    let reason = ctx.t("calendar.days_off_reason", &[]);
    let mut moved = Vec::new();
    for step in store::open_steps_beside(ctx.conn, step.id)? {
        let Some(before) = schedule::due_on_day_off(step.due, today, &work)
            .and_then(|day_off| day_off.working_day_before)
        else {
            continue;
        };
        if !audience::may_see(ctx, step.audience) {
            continue;
        }
        move_deadline(ctx, &step, before, Some(&reason))?;
        moved.push(ctx.t(
            "calendar.days_off_moved_line",
            &[
                ("id", Arg::from(step.id)),
                ("old", Arg::DateWithWeekday(step.due)),
                ("new", Arg::DateWithWeekday(before)),
            ],
        ));
    }
    if moved.is_empty() {
        return Ok(ctx.t("calendar.days_off_none_left", &[]));
    }
    let head = ctx.t(
        "calendar.days_off_moved",
        &[("name", Arg::from(&ctx.event.actor.name))],
    );
    Ok(format!("{head}\n{}", moved.join("\n")))
}
