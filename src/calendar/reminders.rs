//! The scheduler, run on every tick with the injected clock.
//!
//! Each open deadline stores `next_reminder_at`, the instant of its next reminder; a tick reads
//! only the rows whose instant has come (an index range scan, at most [`BATCH`] rows), so an
//! idle tick costs the same with ten deadlines or a hundred thousand.
//!
//! For each row it takes the latest reminder owed (the office's reminder time has passed on
//! that day), claims it in `calendar_reminder_sends` and writes its message; the claim, the
//! message in the outbox and the moved `next_reminder_at` commit in one transaction, so a
//! reminder is never lost and never sent twice (only a send in flight at the instant of a
//! crash may repeat, by the outbox's own rule).
//!
//! After downtime, the reminders missed for one deadline collapse into one message: the latest
//! one owed, marked `(แจ้งล่าช้า)` when it goes out more than [`LATE_AFTER_MINUTES`] after its
//! time. Earlier missed reminders of the same deadline are superseded, not sent.
//!
//! When one group has more than [`DIGEST_ABOVE`] reminders in a tick (they all fall due at the
//! same morning time), it gets one digest message instead of single ones.

use std::collections::BTreeMap;

use super::schedule;
use super::store::{self, Deadline, State};
use super::view;
use crate::core::{CoreResult, Ctx, OutMessage, Persist, Role, group_chat};
use crate::i18n::Arg;
use chrono::Duration;

/// Most deadlines handled in one tick; the rest follow on the next ticks.
pub const BATCH: i64 = 500;
/// A reminder going out later than this after its time is marked late.
pub const LATE_AFTER_MINUTES: i64 = 60;
/// More reminders than this for one group in one go become a digest.
pub const DIGEST_ABOVE: usize = 3;

pub fn on_tick(ctx: &mut Ctx) -> CoreResult {
    repeat_recurring(ctx)?;
    send_owed_reminders(ctx)
}

/// Creates the next occurrence of every recurring deadline whose newest one has passed.
fn repeat_recurring(ctx: &Ctx) -> CoreResult {
    let today = ctx.today();
    for rule in store::rules_due(ctx.conn, today)? {
        let origin = view::recurrence_text(ctx, rule.recurrence);
        store::spawn_next(ctx, &rule, today, &origin)?;
    }
    Ok(())
}

/// A reminder claimed in this tick.
struct Owed {
    deadline: Deadline,
    late: bool,
}

fn send_owed_reminders(ctx: &mut Ctx) -> CoreResult {
    let owed = claim_owed(ctx)?;
    if owed.is_empty() {
        return Ok(());
    }
    let mut by_chat: BTreeMap<i64, (Role, Vec<&Owed>)> = BTreeMap::new();
    for reminder in &owed {
        for role in reminder.deadline.audience.roles() {
            match group_chat(ctx.conn, *role)? {
                Some(chat_id) => by_chat
                    .entry(chat_id)
                    .or_insert_with(|| (*role, Vec::new()))
                    .1
                    .push(reminder),
                None => log::warn!(
                    "reminder of deadline {} not posted: no {} group is registered",
                    reminder.deadline.id,
                    role.code()
                ),
            }
        }
    }
    let today = ctx.today();
    for (chat_id, (role, mut reminders)) in by_chat {
        reminders.sort_by_key(|r| (r.deadline.due, r.deadline.id));
        let messages = if reminders.len() > DIGEST_ABOVE {
            vec![digest(ctx, &reminders)]
        } else {
            reminders
                .iter()
                .map(|r| single(ctx, r, today, role))
                .collect()
        };
        for message in messages {
            ctx.send(chat_id, message, Persist::Outbox);
        }
    }
    Ok(())
}

/// Reads the deadlines whose reminder time has come, claims what each is owed and moves its
/// `next_reminder_at` on.
fn claim_owed(ctx: &Ctx) -> CoreResult<Vec<Owed>> {
    let deadlines = store::reminders_come(ctx.conn, ctx.now, BATCH)?;
    let config = &ctx.env.config;
    let owed_day = schedule::last_owed_day(ctx.now, config.reminder_time, config.tz);
    let work = schedule::reminder_days(ctx.conn, config)?;
    // On a weekend or holiday nothing goes out: each deadline waits for its working day.
    let office_works = work.is_working_day(owed_day);
    let instant = |date| schedule::slot_instant(date, config.reminder_time, config.tz);
    let mut owed = Vec::new();
    for deadline in deadlines {
        let open = deadline.state == State::Open;
        let due = deadline.due;
        let served = schedule::served_through(owed_day, due, &work);
        let next = open
            .then(|| schedule::next_slot_after(due, &deadline.leads, served))
            .flatten()
            .map(|slot| instant(schedule::sending_day(slot.date, due, owed_day, &work)));
        store::set_next_reminder(ctx.conn, deadline.id, next)?;
        if !office_works {
            continue;
        }
        let slot = open
            .then(|| schedule::latest_slot_on_or_before(due, &deadline.leads, served))
            .flatten();
        let Some(slot) = slot else {
            continue;
        };
        // Late against the working day it was meant to go out on.
        let meant = schedule::sending_day(slot.date, due, chrono::NaiveDate::MIN, &work);
        let late = ctx.now - instant(meant) > Duration::minutes(LATE_AFTER_MINUTES);
        let send = store::ReminderSend {
            deadline: &deadline,
            slot,
            sent_at: ctx.now,
            late,
        };
        if store::claim_reminder(ctx.conn, &send)? {
            owed.push(Owed { deadline, late });
        }
    }
    Ok(owed)
}

/// "⏰ อีก 3 วันครบกำหนด", "📌 วันนี้ครบกำหนด", "⚠️ เลยกำหนดมา 2 วันแล้ว", as seen today
/// (a late reminder speaks of today, not of the day it was meant for).
fn heading(ctx: &Ctx, reminder: &Owed, today: chrono::NaiveDate) -> String {
    let mut heading = view::by_days_left(
        ctx,
        reminder.deadline.due,
        today,
        [
            "calendar.remind_due",
            "calendar.remind_tomorrow",
            "calendar.remind_before",
            "calendar.remind_overdue",
        ],
    );
    if reminder.late {
        heading.push(' ');
        heading.push_str(&ctx.t("calendar.late_mark", &[]));
    }
    heading
}

fn single(ctx: &Ctx, reminder: &Owed, today: chrono::NaiveDate, role: Role) -> OutMessage {
    let text = format!(
        "{}\n{}",
        heading(ctx, reminder, today),
        view::card(ctx, &reminder.deadline, today)
    );
    let buttons = view::reminder_buttons(ctx, reminder.deadline.id, Some(role));
    OutMessage::text(text).with_buttons(buttons)
}

fn digest(ctx: &Ctx, reminders: &[&Owed]) -> OutMessage {
    let today = ctx.today();
    let mut lines = vec![ctx.t(
        "calendar.digest_title",
        &[
            ("date", Arg::Date(today)),
            ("count", Arg::from(reminders.len())),
        ],
    )];
    for reminder in reminders {
        let deadline = &reminder.deadline;
        let mut line = ctx.t(
            "calendar.digest_line",
            &[
                ("id", Arg::from(deadline.id)),
                ("title", Arg::from(&deadline.title)),
                ("date", Arg::Date(deadline.due)),
                (
                    "relative",
                    Arg::from(view::relative_day(ctx, deadline.due, today)),
                ),
            ],
        );
        if let Some(owner) = &deadline.owner {
            line.push(' ');
            line.push_str(&ctx.t("calendar.line_owner", &[("owner", Arg::from(owner))]));
        }
        if reminder.late {
            line.push(' ');
            line.push_str(&ctx.t("calendar.late_mark", &[]));
        }
        lines.push(line);
    }
    lines.push(ctx.t("calendar.digest_footer", &[]));
    OutMessage::text(lines.join("\n"))
}
