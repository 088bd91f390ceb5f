//! Dates the calendar settles before acting on them: `อีก 5 วันทำการ` is counted on the
//! office's working-day calendar, and a phrase Thai usage reads two ways ("ศุกร์หน้า" said on a
//! Monday) is asked about with a button for each date. Pressing one, or typing one of the two
//! dates, runs the command again with that date written out. The question is the person's
//! dialogue (in memory only: a restart makes the buttons expire).

use chrono::NaiveDate;

use super::AREA;
use crate::core::{Button, CoreResult, Ctx, Dialogue, OutMessage, refuse};
use crate::i18n::Arg;
use crate::thai::{DateReading, format_date, parse_date};

/// The command waiting for a date to be picked, with the text that followed the date.
#[derive(Debug, Clone)]
pub enum Waiting {
    Add { rest: String },
    Postpone { id: i64, rest: String },
}

pub struct Pending {
    choices: [NaiveDate; 2],
    waiting: Waiting,
    /// The message that typed the command: what the command records is noted as its making,
    /// so an edit of it is answered with the record (`Ctx::note_recorded`).
    typed_message: Option<i64>,
    /// The question asked, and the date's words as typed, to ask it again.
    question: &'static str,
    typed: String,
}

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
fn ask(
    ctx: &mut Ctx,
    choices: [NaiveDate; 2],
    typed: &str,
    waiting: Waiting,
    question: &'static str,
) {
    let pending = Pending {
        choices,
        waiting,
        typed_message: ctx.written_message_id(),
        question,
        typed: typed.to_string(),
    };
    ask_again(ctx, pending);
}

/// The question of `pending` (again), with a button for each date; waits for the choice.
pub fn ask_again(ctx: &mut Ctx, pending: Pending) {
    let buttons = pending
        .choices
        .iter()
        .map(|date| Button::Callback {
            label: ctx.date_with_weekday(*date),
            data: format!("calendar:pick:{date}"),
        })
        .collect();
    let text = ctx.t(pending.question, &[("typed", Arg::from(&pending.typed))]);
    ctx.reply(OutMessage::text(text).with_buttons(vec![buttons]));
    ctx.start_dialogue(AREA, Box::new(pending));
}

/// A line typed while the dates are offered: one of them, as typed or as its button reads,
/// runs the command; anything else asks again (it got no answer at all).
pub fn on_typed(ctx: &mut Ctx, dialogue: Dialogue) -> CoreResult {
    let Ok(pending) = dialogue.state.downcast::<Pending>() else {
        return Ok(());
    };
    let text = match &ctx.event.input {
        crate::core::Input::Text(text) => crate::thai::without_polite_ending(text).to_string(),
        _ => String::new(),
    };
    // English labels ("Fri 19 Jun 2569") are no form the date parser reads.
    let chosen = pending.choices.into_iter().find(|choice| {
        parse_date(&text, ctx.today()).is_ok_and(|date| date == *choice)
            || text == ctx.date_with_weekday(*choice)
            || text == ctx.date(*choice)
    });
    match chosen {
        Some(date) => run(ctx, *pending, date),
        None => {
            let choices = pending
                .choices
                .map(|choice| ctx.date_with_weekday(choice))
                .join(", ");
            let text = ctx.t(
                "calendar.pick_typed_unclear",
                &[("choices", Arg::from(choices))],
            );
            ctx.reply_text(text);
            ask_again(ctx, *pending);
            Ok(())
        }
    }
}

/// `pick:<YYYY-MM-DD>`: runs the waiting command of the person who pressed, with that date.
pub fn pressed(ctx: &mut Ctx, date_text: &str) -> CoreResult {
    let Ok(date) = date_text.parse::<NaiveDate>() else {
        return refuse("core.button_expired", vec![]);
    };
    let Some(pending) = ctx.take_dialogue::<Pending>(AREA) else {
        return refuse("calendar.pick_not_yours", vec![]);
    };
    if !pending.choices.contains(&date) {
        ctx.start_dialogue(AREA, Box::new(pending));
        return refuse("core.button_expired", vec![]);
    }
    let picked = ctx.t("calendar.picked", &[("date", Arg::DateWithWeekday(date))]);
    ctx.edit_pressed(OutMessage::text(picked));
    ctx.answer_button(None);
    run(ctx, pending, date)
}

/// Runs the waiting command with the date chosen.
fn run(ctx: &mut Ctx, pending: Pending, date: NaiveDate) -> CoreResult {
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
