//! Response deadlines: how many working days, the daily reminders to the officers, the
//! one-time escalation to the admins, and the optional purge of old anonymous content.
//!
//! Each setting comes from the `settings` table (changed by an admin with
//! `ตั้งค่าเรื่องร้องเรียน`), else from the environment (`KHETBOT_COMPLAINT_ACK_DAYS`,
//! `KHETBOT_COMPLAINT_RESULT_DAYS`, `KHETBOT_COMPLAINT_PURGE_DAYS`), else the default.

use chrono::{Duration, NaiveDate};
use rusqlite::Connection;

use super::case_text::category_name;
use super::lifecycle::{self, Actor};
use super::privacy;
use super::store::{self, Case};
use crate::core::{
    CoreResult, Ctx, Morning, OutMessage, Persist, Role, get_setting, refuse, set_setting,
};
use crate::i18n::Arg;
use crate::office::WorkCalendar;

impl Case {
    /// The deadline that matters now: acknowledgement until someone took the case, then the
    /// result. `None` once closed.
    pub fn pending_deadline(&self) -> Option<(Deadline, NaiveDate)> {
        if self.status.is_closed() {
            None
        } else if self.acknowledged_on.is_none() {
            Some((Deadline::Acknowledge, self.ack_due))
        } else {
            Some((Deadline::Result, self.result_due))
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    Acknowledge,
    Result,
}

impl Deadline {
    pub fn code(self) -> &'static str {
        match self {
            Deadline::Acknowledge => "ack",
            Deadline::Result => "result",
        }
    }

    pub fn name_key(self) -> &'static str {
        match self {
            Deadline::Acknowledge => "complaints.deadline_ack",
            Deadline::Result => "complaints.deadline_result",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// Working days to acknowledge a case (ITA expects 5).
    Acknowledge,
    /// Working days to report a result (ITA expects 15).
    Result,
    /// Days after closing when an anonymous case's content is purged; 0 = never.
    Purge,
}

impl Setting {
    const ALL: [Setting; 3] = [Setting::Acknowledge, Setting::Result, Setting::Purge];

    fn key(self) -> &'static str {
        match self {
            Setting::Acknowledge => "complaints.ack_days",
            Setting::Result => "complaints.result_days",
            Setting::Purge => "complaints.purge_days",
        }
    }

    fn env(self) -> &'static str {
        match self {
            Setting::Acknowledge => "KHETBOT_COMPLAINT_ACK_DAYS",
            Setting::Result => "KHETBOT_COMPLAINT_RESULT_DAYS",
            Setting::Purge => "KHETBOT_COMPLAINT_PURGE_DAYS",
        }
    }

    fn default(self) -> u32 {
        match self {
            Setting::Acknowledge => 5,
            Setting::Result => 15,
            Setting::Purge => 0,
        }
    }

    /// The Thai word an admin types.
    fn keyword(self) -> &'static str {
        match self {
            Setting::Acknowledge => "รับเรื่อง",
            Setting::Result => "แจ้งผล",
            Setting::Purge => "ลบเนื้อหา",
        }
    }

    fn max(self) -> u32 {
        match self {
            Setting::Acknowledge | Setting::Result => 120,
            Setting::Purge => 3650,
        }
    }

    pub fn value(self, conn: &Connection) -> rusqlite::Result<u32> {
        let stored = get_setting(conn, self.key())?;
        if let Some(value) = stored.and_then(|v| v.parse().ok()) {
            return Ok(value);
        }
        Ok(match std::env::var(self.env()) {
            Err(_) => self.default(),
            Ok(text) => text.trim().parse().unwrap_or_else(|_| {
                log::warn!(
                    "{} is not a whole number of days; using {}",
                    self.env(),
                    self.default()
                );
                self.default()
            }),
        })
    }
}

/// The working days a case has to be acknowledged and to get its result.
pub fn working_days_to_answer(conn: &Connection) -> rusqlite::Result<(u32, u32)> {
    Ok((
        Setting::Acknowledge.value(conn)?,
        Setting::Result.value(conn)?,
    ))
}

/// Acknowledgement and result deadlines of a case filed on `filed_on`.
pub fn due_dates(
    conn: &Connection,
    filed_on: NaiveDate,
) -> rusqlite::Result<(NaiveDate, NaiveDate)> {
    let calendar = crate::office::work_calendar(conn)?;
    Ok((
        calendar.add_working_days(filed_on, Setting::Acknowledge.value(conn)?),
        calendar.add_working_days(filed_on, Setting::Result.value(conn)?),
    ))
}

/// `ตั้งค่าเรื่องร้องเรียน [รับเรื่อง|แจ้งผล|ลบเนื้อหา <จำนวนวัน>]` (admins).
pub fn settings_command(ctx: &mut Ctx, args: &str) -> CoreResult {
    let args = crate::thai::normalize_digits(args.trim());
    if !args.is_empty() {
        let found = Setting::ALL.into_iter().find_map(|s| {
            let rest = args.strip_prefix(s.keyword())?;
            Some((s, rest.trim()))
        });
        let Some((setting, rest)) = found else {
            return refuse("complaints.settings_usage", vec![]);
        };
        let number = rest
            .trim_end_matches("วันทำการ")
            .trim_end_matches("วัน")
            .trim();
        let value = if setting == Setting::Purge && matches!(number, "ปิด" | "off") {
            0
        } else {
            match number.parse::<u32>() {
                Ok(n) if n <= setting.max() && (n > 0 || setting == Setting::Purge) => n,
                _ => {
                    return refuse(
                        "complaints.settings_bad_number",
                        vec![("max", Arg::from(setting.max()))],
                    );
                }
            }
        };
        set_setting(ctx.conn, setting.key(), &value.to_string())?;
        ctx.audit("complaints.setting", setting.key(), &value.to_string())?;
    }
    let purge = Setting::Purge.value(ctx.conn)?;
    let purge_text = if purge == 0 {
        ctx.t("complaints.settings_purge_off", &[])
    } else {
        ctx.t(
            "complaints.settings_purge_days",
            &[("days", Arg::from(purge))],
        )
    };
    let text = ctx.t(
        "complaints.settings_show",
        &[
            ("ack", Arg::from(Setting::Acknowledge.value(ctx.conn)?)),
            ("result", Arg::from(Setting::Result.value(ctx.conn)?)),
            ("purge", Arg::from(purge_text)),
        ],
    );
    ctx.reply_text(text);
    Ok(())
}

/// Periodic work: forgets stale flood counters of the anonymous intake.
pub fn on_tick(ctx: &mut Ctx) -> CoreResult {
    let now = ctx.now;
    privacy::memory(ctx).forget_stale(now);
    Ok(())
}

/// The office's morning: deadline reminders on working days, and every day the purge of old
/// anonymous content.
pub fn on_morning(ctx: &mut Ctx, morning: &Morning) -> CoreResult {
    if morning.is_working_day() {
        remind(ctx, &morning.calendar, morning.today)?;
    }
    purge_old_anonymous_content(ctx, morning.today)
}

/// How a pending deadline stands today, in working days.
pub fn due_phrase(ctx: &Ctx, calendar: &WorkCalendar, today: NaiveDate, due: NaiveDate) -> String {
    let left = calendar.working_days_between(today, due);
    match left {
        0 if due == today => ctx.t("complaints.due_today", &[]),
        n if n < 0 || due < today => ctx.t(
            "complaints.due_overdue",
            &[("days", Arg::from(calendar.working_days_between(due, today)))],
        ),
        n => ctx.t("complaints.due_in", &[("days", Arg::from(n))]),
    }
}

fn remind(ctx: &mut Ctx, calendar: &WorkCalendar, today: NaiveDate) -> CoreResult {
    let mut lines = Vec::new();
    let mut escalations = Vec::new();
    for case in store::open_cases(ctx.conn)? {
        let Some((deadline, due)) = case.pending_deadline() else {
            continue;
        };
        let kind = deadline.code();
        let due_soon = due >= today && calendar.working_days_between(today, due) <= 1;
        let overdue = due < today;
        let remind_now = if overdue {
            store::first_reminder(ctx.conn, case.id, &format!("{kind}_overdue"), today)?
        } else if due_soon
            && !store::reminder_sent_ever(ctx.conn, case.id, &format!("{kind}_soon"))?
        {
            store::first_reminder(ctx.conn, case.id, &format!("{kind}_soon"), today)?
        } else {
            false
        };
        if remind_now {
            lines.push(reminder_line(ctx, calendar, today, &case, deadline, due));
        }
        let escalation = format!("{kind}_escalated");
        if overdue && !store::reminder_sent_ever(ctx.conn, case.id, &escalation)? {
            store::first_reminder(ctx.conn, case.id, &escalation, today)?;
            escalations.push(reminder_line(ctx, calendar, today, &case, deadline, due));
        }
    }
    if !lines.is_empty() {
        let mut text = vec![ctx.t("complaints.reminder_title", &[("date", Arg::Date(today))])];
        text.extend(lines);
        ctx.post_to(Role::Officers, OutMessage::text(text.join("\n")))?;
    }
    if !escalations.is_empty() {
        let mut text = vec![ctx.t("complaints.escalation_title", &[])];
        text.extend(escalations);
        text.push(ctx.t("complaints.escalation_footer", &[]));
        let text = text.join("\n");
        let mut admins: Vec<i64> = ctx.env.config.admin_ids.iter().copied().collect();
        admins.sort_unstable();
        for admin in admins {
            ctx.send(admin, OutMessage::text(text.clone()), Persist::Outbox);
        }
    }
    Ok(())
}

fn reminder_line(
    ctx: &Ctx,
    calendar: &WorkCalendar,
    today: NaiveDate,
    case: &Case,
    deadline: Deadline,
    due: NaiveDate,
) -> String {
    let assignee = case
        .assignee
        .clone()
        .unwrap_or_else(|| ctx.t("complaints.nobody_assigned", &[]));
    ctx.t(
        "complaints.reminder_line",
        &[
            ("case", Arg::from(case.number.format())),
            ("category", Arg::from(category_name(ctx, case.category))),
            ("deadline", Arg::from(ctx.t(deadline.name_key(), &[]))),
            ("date", Arg::Date(due)),
            ("when", Arg::from(due_phrase(ctx, calendar, today, due))),
            ("assignee", Arg::from(assignee)),
        ],
    )
}

/// Closed anonymous cases lose their text, place, files and conversation after the
/// configured number of days; numbers, categories, dates and statuses stay for statistics.
fn purge_old_anonymous_content(ctx: &mut Ctx, today: NaiveDate) -> CoreResult {
    let days = Setting::Purge.value(ctx.conn)?;
    if days == 0 {
        return Ok(());
    }
    let cutoff = today - Duration::days(i64::from(days));
    for id in store::anonymous_closed_by(ctx.conn, cutoff)? {
        store::purge_content(ctx.conn, id, today)?;
        if let Some(case) = store::load(ctx.conn, id)? {
            lifecycle::record(ctx, &case, Actor::Officer, "purged", None, "")?;
            lifecycle::refresh_card(ctx, &case, false)?;
        }
    }
    Ok(())
}
