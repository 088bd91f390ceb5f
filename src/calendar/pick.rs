//! Dates the calendar settles before acting on them: `อีก 5 วันทำการ` is counted on the
//! office's working-day calendar, and a phrase Thai usage reads two ways ("ศุกร์หน้า" said on a
//! Monday) is asked about with a button for each date. Pressing one runs the command again
//! with that date written out.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::core::{Button, CoreResult, Ctx, OutMessage, refuse};
use crate::i18n::Arg;
use crate::thai::{DateReading, format_date, format_date_with_weekday};

/// Key of the pending choices in the core's memory (never persisted: a restart only makes
/// the buttons expire).
const MEMORY_AREA: &str = "calendar.pick";

/// The command waiting for a date to be picked, with the text that followed the date.
#[derive(Debug, Clone)]
pub enum Waiting {
    Add { rest: String },
    Postpone { id: i64, rest: String },
}

struct Pending {
    choices: [NaiveDate; 2],
    waiting: Waiting,
    /// The message that typed the command: what the command records is noted as its making,
    /// so an edit of it is answered with the record (`Ctx::note_recorded`).
    typed_message: Option<i64>,
}

type PendingPicks = HashMap<(i64, i64), Pending>;

/// The date a reading names, or `None` after asking which of two dates was meant.
pub fn settle(
    ctx: &mut Ctx,
    reading: DateReading,
    typed: &str,
    waiting: Waiting,
) -> CoreResult<Option<NaiveDate>> {
    match reading {
        DateReading::On(date) => Ok(Some(date)),
        DateReading::WorkingDaysAfterToday(days) => {
            let work = crate::office::work_calendar(ctx.conn)?;
            Ok(Some(work.add_working_days(ctx.today(), days)))
        }
        DateReading::EitherOf(nearer, later) => {
            ask(ctx, [nearer, later], typed, waiting, "calendar.pick_date");
            Ok(None)
        }
        DateReading::JustPassedOrNext(passed, next) => {
            ask(
                ctx,
                [passed, next],
                typed,
                waiting,
                "calendar.pick_passed_date",
            );
            Ok(None)
        }
    }
}

/// Asks which of `choices` was meant, with `question` (its `{typed}`: what was typed).
fn ask(ctx: &mut Ctx, choices: [NaiveDate; 2], typed: &str, waiting: Waiting, question: &str) {
    let key = (ctx.event.chat.id, ctx.event.actor.user_id);
    let typed_message = ctx.written_message_id();
    ctx.memory.extension::<PendingPicks>(MEMORY_AREA).insert(
        key,
        Pending {
            choices,
            waiting,
            typed_message,
        },
    );
    let buttons = choices
        .iter()
        .map(|date| Button::Callback {
            label: format_date_with_weekday(*date),
            data: format!("calendar:pick:{date}"),
        })
        .collect();
    let text = ctx.t(question, &[("typed", Arg::from(typed))]);
    ctx.reply(OutMessage::text(text).with_buttons(vec![buttons]));
}

/// `pick:<YYYY-MM-DD>`: runs the waiting command of the person who pressed, with that date.
pub fn pressed(ctx: &mut Ctx, date_text: &str) -> CoreResult {
    let key = (ctx.event.chat.id, ctx.event.actor.user_id);
    let Ok(date) = date_text.parse::<NaiveDate>() else {
        return refuse("core.button_expired", vec![]);
    };
    let picks = ctx.memory.extension::<PendingPicks>(MEMORY_AREA);
    let Some(pending) = picks.remove(&key) else {
        return refuse("calendar.pick_not_yours", vec![]);
    };
    if !pending.choices.contains(&date) {
        picks.insert(key, pending);
        return refuse("core.button_expired", vec![]);
    }
    let picked = ctx.t(
        "calendar.picked",
        &[("date", Arg::from(format_date_with_weekday(date)))],
    );
    ctx.edit_pressed(OutMessage::text(picked));
    ctx.answer_button(None);
    match pending.waiting {
        Waiting::Add { rest } => super::deadlines::add_typed_in(
            ctx,
            &format!("{} {rest}", format_date(date)),
            pending.typed_message,
        ),
        Waiting::Postpone { id, rest } => {
            super::deadlines::postpone(ctx, &format!("{id} {} {rest}", format_date(date)))
        }
    }
}
