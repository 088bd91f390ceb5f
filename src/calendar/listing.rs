//! `ปฏิทิน [ช่วงเวลา]` and `เลยกำหนด`: the deadlines this chat may see, by date; the calendar
//! also shows the rounds of recurring deadlines that fall in its period.

use super::audience::{self, Audience};
use super::store::{self, Deadline, RuleAhead};
use super::view;
use crate::core::{CoreResult, Ctx};
use crate::i18n::Arg;
use crate::thai::{self, Period, PeriodError, PeriodKind};
use chrono::{Days, NaiveDate};

/// Words that speak of what is due: ใกล้ครบกำหนด, กำหนดส่ง, เดดไลน์, งานค้าง, งานที่ต้องส่ง…
const DUE_WORDS: [&str; 9] = [
    "ครบกำหนด",
    "กำหนดส่ง",
    "เดดไลน์",
    "deadline",
    "งานค้าง",
    "งานที่ต้องทำ",
    "งานที่ต้องส่ง",
    "ต้องส่งงาน",
    "due",
];
/// Words that make them a question of what (อะไร, บ้าง, any, what…), not of when one thing is
/// due ("เรื่องร้องเรียนครบกำหนดเมื่อไหร่", the Q&A's).
const ASKING_WHAT: [&str; 8] = ["อะไร", "บ้าง", "ไหม", "มั้ย", "any", "what", "which", "?"];

/// A question in a private chat of what is due ("ใกล้ครบกำหนดอะไรบ้าง", "งานที่ต้องส่งสัปดาห์หน้ามี
/// อะไรบ้างครับ", "มีงานอะไรต้องส่งบ้าง", "any deadlines this month?", a due word alone: "งานค้าง")
/// from someone the calendar serves: their calendar, of the period it names if any, as ปฏิทิน
/// shows it. Anyone else's is a question for the Q&A.
pub fn on_private_text(ctx: &mut Ctx, text: &str) -> CoreResult<bool> {
    let lower = text.to_lowercase();
    let said_alone = thai::without_polite_ending(&lower);
    let asks_what_is_due = (DUE_WORDS.iter().any(|word| lower.contains(word))
        && ASKING_WHAT.iter().any(|word| lower.contains(word)))
        || DUE_WORDS.contains(&said_alone)
        || asks_which_work_is_due(&lower);
    if !asks_what_is_due || !super::READERS.iter().any(|role| ctx.acts_as(*role)) {
        return Ok(false);
    }
    let period = period_named(&lower, ctx.today());
    calendar(ctx, period)?;
    Ok(true)
}

/// Work (งาน) a few letters before must be sent (ต้องส่ง), with the question between: "มีงานอะไร
/// ต้องส่งบ้าง", "งานไหนต้องส่งก่อน".
fn asks_which_work_is_due(text: &str) -> bool {
    /// "งานอะไร", "งานไหน", "งานที่": the most letters from งาน to ต้องส่ง.
    const WORK_BEFORE: usize = 10;
    text.find("ต้องส่ง").is_some_and(|at| {
        let before = &text[..at];
        let from = before
            .char_indices()
            .rev()
            .nth(WORK_BEFORE - 1)
            .map_or(0, |(index, _)| index);
        before[from..].contains("งาน")
    })
}

/// The longest part of `text` that is a period ("สัปดาห์หน้า" in "งานที่ต้องส่งสัปดาห์หน้ามีอะไร
/// บ้าง"), or nothing; a period is at most [`PERIOD_MAX_CHARS`] long.
fn period_named(text: &str, today: NaiveDate) -> &str {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(at, _)| at)
        .chain([text.len()])
        .collect();
    let mut best = "";
    for (index, &start) in bounds.iter().enumerate() {
        let longest = bounds.len().min(index + 1 + PERIOD_MAX_CHARS);
        for &end in bounds[index + 1..longest].iter().rev() {
            let part = text[start..end].trim();
            if part.len() <= best.len() {
                break;
            }
            if thai::parse_coming_period(part, today).is_ok() {
                best = part;
                break;
            }
        }
    }
    best
}

/// The longest period typed ("ไตรมาส 2 ปีงบประมาณ 2570" is 24 characters).
const PERIOD_MAX_CHARS: usize = 32;

/// Without a period, the calendar shows today and the 29 days after it.
pub const DEFAULT_DAYS: u64 = 30;
/// Most lines in one list; the rest is counted.
const MAX_LINES: usize = 100;

pub fn calendar(ctx: &mut Ctx, args: &str) -> CoreResult {
    let today = ctx.today();
    let (start, end, label, week_note, period_kind) = match thai::parse_coming_period(args, today) {
        Ok(period) => (
            period.start,
            period.end,
            ctx.period(&period),
            coming_week_note(ctx, &period, today),
            Some(period.kind),
        ),
        Err(PeriodError::Empty) => {
            let end = today
                .checked_add_days(Days::new(DEFAULT_DAYS - 1))
                .unwrap_or(today);
            let label = ctx.t(
                "calendar.default_period",
                &[
                    ("days", Arg::from(DEFAULT_DAYS.to_string())),
                    ("start", Arg::Date(today)),
                    ("end", Arg::Date(end)),
                ],
            );
            (today, end, label, None, None)
        }
        Err(error) => {
            return ctx.refuse_explained("calendar.calendar_usage", &error);
        }
    };
    let visible = audience::visible_list(ctx);
    let range = store::VisibleBetween {
        start,
        end,
        visible: &visible,
    };
    let stored = store::count_between(ctx.conn, &range)?;
    let deadlines = store::list_between(ctx.conn, &range, MAX_LINES)?;
    let rules = store::rules_ahead(ctx.conn, &range)?;
    let mut entries: Vec<Entry> = deadlines.iter().map(Entry::Deadline).collect();
    for ahead in &rules {
        let rounds = ahead
            .rule
            .recurrence
            .rounds_ahead(ahead.rule.last_due, today, start, end);
        entries.extend(rounds.map(|due| Entry::Round { ahead, due }));
    }
    let rounds = entries.len() - deadlines.len();
    let total = usize::try_from(stored).unwrap_or(0) + rounds;
    // By date, a deadline before a round of the same day (the sort is stable). The first
    // lines are among the first deadlines and the rounds, all of which are here.
    entries.sort_by_key(Entry::due);
    entries.truncate(MAX_LINES);
    let mut head = ctx.t("calendar.calendar_title", &[("period", Arg::from(label))]);
    if let Some(note) = week_note {
        head.push('\n');
        head.push_str(&note);
    }
    let mut message = if entries.is_empty() {
        // The whole fiscal year next, or the year after a whole year shown: never the period
        // on the screen.
        let year = match period_kind {
            Some(PeriodKind::FiscalYear(year)) => year + 1,
            _ => thai::fiscal_year(start),
        };
        let empty = ctx.t("calendar.calendar_empty", &[("year", Arg::from(year))]);
        crate::core::OutMessage::text(format!("{head}\n{empty}"))
    } else {
        let left_out = total.saturating_sub(entries.len());
        view::lines_message(ctx, head, lines(ctx, &entries, today), left_out)
    };
    if entries
        .iter()
        .any(|entry| matches!(entry, Entry::Round { .. }))
    {
        message.text.push('\n');
        message.text.push_str(&ctx.t("calendar.rounds_note", &[]));
    }
    let overdue = store::count_overdue(ctx.conn, today, &visible)?;
    if overdue > 0 {
        message.text.push_str("\n\n");
        message.text.push_str(&ctx.t(
            "calendar.calendar_overdue_hint",
            &[("count", Arg::from(overdue))],
        ));
    }
    if args.trim().is_empty() {
        message.text.push_str("\n\n");
        message
            .text
            .push_str(&ctx.t("calendar.calendar_periods_hint", &[]));
    }
    ctx.reply(message);
    Ok(())
}

/// On a Saturday or a Sunday "this week" runs from today to the end of the coming week
/// ([`thai::parse_coming_period`]): said under the header, with the coming working days, so
/// that a week other than the one ending is no surprise.
fn coming_week_note(ctx: &Ctx, period: &Period, today: NaiveDate) -> Option<String> {
    let monday = period.end.checked_sub_days(Days::new(6))?;
    let coming = period.kind == PeriodKind::Week
        && thai::is_weekend(today)
        && period.start == today
        && monday > today;
    let friday = monday.checked_add_days(Days::new(4))?;
    coming.then(|| {
        ctx.t(
            "calendar.calendar_week_ahead",
            &[("monday", Arg::Date(monday)), ("friday", Arg::Date(friday))],
        )
    })
}

pub fn overdue(ctx: &mut Ctx, _args: &str) -> CoreResult {
    let today = ctx.today();
    let visible = audience::visible_list(ctx);
    let total = store::count_overdue(ctx.conn, today, &visible)?;
    if total == 0 {
        let text = ctx.t("calendar.overdue_none", &[]);
        ctx.reply_text(text);
        return Ok(());
    }
    let deadlines = store::list_overdue(ctx.conn, today, &visible, MAX_LINES)?;
    let head = ctx.t("calendar.overdue_title", &[("count", Arg::from(total))]);
    let left_out = usize::try_from(total)
        .unwrap_or(0)
        .saturating_sub(deadlines.len());
    let entries: Vec<Entry> = deadlines.iter().map(Entry::Deadline).collect();
    let mut message = view::lines_message(ctx, head, lines(ctx, &entries, today), left_out);
    message.text.push('\n');
    message.text.push_str(&ctx.t("calendar.overdue_hint", &[]));
    ctx.reply(message);
    Ok(())
}

/// A line of a list: a deadline, or a round of a recurring deadline still to come, worked out
/// as the scheduler will create it (it is stored only once the round before it has passed or
/// is done).
enum Entry<'a> {
    Deadline(&'a Deadline),
    Round {
        ahead: &'a RuleAhead,
        due: NaiveDate,
    },
}

impl Entry<'_> {
    fn due(&self) -> NaiveDate {
        match self {
            Entry::Deadline(deadline) => deadline.due,
            Entry::Round { due, .. } => *due,
        }
    }

    fn audience(&self) -> Audience {
        match self {
            Entry::Deadline(deadline) => deadline.audience,
            Entry::Round { ahead, .. } => ahead.rule.audience,
        }
    }
}

/// One line per entry; the group is named when this person sees more than one group's.
fn lines(ctx: &Ctx, entries: &[Entry], today: NaiveDate) -> Vec<String> {
    let whole_office = audience::may_see(ctx, Audience::Staff);
    entries
        .iter()
        .map(|entry| {
            let name_group = whole_office && entry.audience() != Audience::Staff;
            match entry {
                Entry::Deadline(deadline) => view::list_line(ctx, deadline, today, name_group),
                Entry::Round { ahead, due } => {
                    view::round_line(ctx, ahead, *due, today, name_group)
                }
            }
        })
        .collect()
}
