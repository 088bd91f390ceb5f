//! A command typed while a dialogue waits for an answer. The line is never taken as the
//! answer and never run by surprise: it is held, the person is told what is pending, and
//! chooses with a button: run the new command (the pending dialogue is dropped), use the
//! line as the answer after all, or carry on with the pending question. A line that names one
//! of the choices the step asks for, as its buttons read, is no surprise: it is the answer
//! (`Capability::dialogue_choice`).
//!
//! The held line is kept in memory only, beside the dialogue it interrupts (a dialogue may be
//! an anonymous complaint's draft).

use super::context::{CoreResult, Ctx, HeldLine, Persist};
use super::event::{Button, OutMessage};
use crate::i18n::Arg;

/// Holds `line` for the person in this chat and asks what to do with it.
pub(super) fn hold(ctx: &mut Ctx, line: &str) -> CoreResult {
    let key = ctx.person_key();
    if !ctx.memory.dialogues.contains_key(&key) {
        return Ok(());
    }
    let pending = super::pending_dialogue(ctx);
    keep(ctx, line.to_string());
    let text = ctx.t(
        "core.dialogue_holds_command",
        &[("pending", Arg::from(pending)), ("line", Arg::from(line))],
    );
    let buttons = vec![
        vec![ctx.button("core.button_held_run", "core:held:run")],
        vec![
            ctx.button("core.button_held_answer", "core:held:answer"),
            ctx.button("core.button_held_keep", "core:held:keep"),
        ],
    ];
    send_notice(ctx, OutMessage::text(text).with_buttons(buttons));
    Ok(())
}

/// A file or photo whose caption `line` is a command, sent while a dialogue waits: it is not
/// the step's answer, and not run either (the held line is text, it cannot carry the file),
/// so the person is told to finish or cancel what is open and send the file again.
pub(super) fn refuse_captioned_file(ctx: &mut Ctx, line: &str) -> CoreResult {
    let pending = super::pending_dialogue(ctx);
    let text = ctx.t(
        "core.dialogue_holds_captioned_file",
        &[("pending", Arg::from(pending)), ("line", Arg::from(line))],
    );
    send_notice(ctx, OutMessage::text(text));
    Ok(())
}

/// Holds `line` for the person in this chat, with no dialogue waiting, and gives the button
/// that runs it as a command (a line put right by [`super::near_miss`]).
pub(super) fn offer_run(ctx: &mut Ctx, line: String) -> Button {
    keep(ctx, line);
    ctx.button("core.button_near_miss_run", "core:held:run")
}

/// Holds `line`, typed in the message being handled, for the person in this chat.
fn keep(ctx: &mut Ctx, line: String) {
    let held = HeldLine {
        text: line,
        message_id: ctx.written_message_id(),
    };
    ctx.memory.held_lines.insert(ctx.person_key(), held);
}

/// In a private chat the dialogue may be an anonymous filing, whose chat must not be stored
/// next to the time: sent directly, like the dialogue's own notices. In a group, through the
/// outbox like any reply.
pub(super) fn send_notice(ctx: &mut Ctx, message: OutMessage) {
    let persist = if ctx.is_private() {
        Persist::Direct
    } else {
        Persist::Outbox
    };
    let chat_id = ctx.event.chat.id;
    ctx.send(chat_id, message, persist);
}

/// The person's choice about their held line: `run`, `answer` or `keep`.
pub(super) fn on_button(ctx: &mut Ctx, choice: &str) -> CoreResult {
    let key = ctx.person_key();
    let Some(held) = ctx.memory.held_lines.remove(&key) else {
        ctx.answer_button_with("core.button_expired", &[]);
        return Ok(());
    };
    let waiting = ctx.memory.dialogues.contains_key(&key);
    match choice {
        "run" => {
            ctx.end_dialogue();
            ctx.answer_button(None);
            super::run_line(ctx, &held, super::LineAs::Command)
        }
        "answer" if waiting => {
            ctx.answer_button(None);
            super::run_line(ctx, &held, super::LineAs::DialogueAnswer)
        }
        "keep" if waiting => {
            ctx.answer_button(None);
            let asks_again = ctx
                .memory
                .dialogues
                .get(&key)
                .and_then(|dialogue| ctx.env.capability(dialogue.area))
                .and_then(|capability| capability.ask_again);
            match (asks_again, ctx.memory.dialogues.remove(&key)) {
                (Some(ask_again), Some(dialogue)) => ask_again(ctx, dialogue),
                (_, dialogue) => {
                    ctx.memory.dialogues.extend(dialogue.map(|d| (key, d)));
                    let text = ctx.t("core.held_keep", &[]);
                    send_notice(ctx, OutMessage::text(text));
                    Ok(())
                }
            }
        }
        _ => {
            ctx.answer_button_with("core.button_expired", &[]);
            Ok(())
        }
    }
}
