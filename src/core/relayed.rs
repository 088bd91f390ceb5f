//! Forwarded and edited messages. Neither is ever run as its sender's command:
//! - a forwarded line that a capability would record anew (a donation line) is offered with
//!   one button; a press runs the line as the presser's own command, under the usual rules
//!   of who may run it, once, also after a restart: a second press, or one after the offer
//!   expired, is told on its button that the offer is spent;
//! - an edit of the message that answered a step of a dialogue still open is applied to it
//!   (the capability keeps which of its messages answered which step); an edit of a message
//!   that made a record is answered with that record, unchanged, and how to correct it; any
//!   other edit of a command with what it changed (nothing) and how to correct.
//!
//! An offer is a row of `forwarded_offers` (migration 020): the chat and the line, for a day
//! at most, which is all a press needs, so a press after a restart still records. Taking it
//! deletes the row in the press's own transaction: of two presses at the same moment, the
//! store runs one after the other and the second finds nothing.

use chrono::Duration;

use super::context::{CoreResult, Ctx, Persist};
use super::event::{Effect, Input, OutMessage};
use super::store;
use crate::i18n::Arg;

/// How long a forwarded line's offer can be taken up.
const OFFER_HOURS: i64 = 24;
/// Offers kept at once; the oldest give way.
const MAX_OFFERS: i64 = 500;

/// A forwarded message: an offer when it is a record made anew, else the note that
/// forwarded commands are not run.
pub(super) fn forwarded(ctx: &mut Ctx, text: &str) -> CoreResult {
    match record_it_would_make(ctx, text) {
        Some(what) => offer(ctx, text.trim(), what),
        None => super::answer_relayed(ctx, text, "core.forwarded_command", "core.forwarded_other"),
    }
}

/// What the forwarded `text` would record, as the capability whose command it is says.
fn record_it_would_make(ctx: &Ctx, text: &str) -> Option<String> {
    let parsed = super::parse_line(ctx, text)?;
    if parsed.for_other_bot {
        return None;
    }
    let owner = ctx.env.capability_of(parsed.spec)?;
    (owner.forwarded_record?)(ctx, parsed.spec, parsed.args)
}

fn offer(ctx: &mut Ctx, line: &str, what: String) -> CoreResult {
    let expires = ctx.now + Duration::hours(OFFER_HOURS);
    let id = store::insert_forwarded_offer(
        ctx.conn,
        ctx.event.chat.id,
        line,
        ctx.now,
        expires,
        MAX_OFFERS,
    )?;
    let text = ctx.t("core.forwarded_offer", &[("what", Arg::from(what))]);
    let button = ctx.button("core.button_record_forwarded", format!("core:fwd:{id}"));
    let message_id = ctx.event.message_id;
    let message = OutMessage::text(text)
        .with_buttons(vec![vec![button]])
        .replying_to(message_id);
    ctx.reply(message);
    Ok(())
}

/// A press on an offer's button (`core:fwd:<id>`): the line runs as the presser's command and
/// the offer is spent. Refused (the presser may not record), the press's writes are rolled
/// back, the offer's removal with them: it stays for another.
pub(super) fn on_offer_button(ctx: &mut Ctx, id: &str) -> CoreResult {
    let line = match id.parse::<i64>() {
        Ok(id) => store::take_forwarded_offer(ctx.conn, id, ctx.event.chat.id, ctx.now)?,
        Err(_) => None,
    };
    let Some(line) = line else {
        ctx.answer_button_with("core.forwarded_offer_spent", &[]);
        return Ok(());
    };
    // A forward cannot be edited: no message of the presser's made the record.
    let forwarded = super::context::HeldLine {
        text: line,
        message_id: None,
    };
    super::run_line(ctx, &forwarded, super::LineAs::Command)?;
    let chat_id = ctx.event.chat.id;
    if let Input::Button { message_id, .. } = ctx.event.input {
        // The spent button goes; were it left by a crash, a press is told it is spent.
        let effect = Effect::RemoveButtons {
            chat_id,
            message_id,
        };
        ctx.effects.push((effect, Persist::Direct));
    }
    Ok(())
}

/// An edited message: applied to the person's open dialogue when it answered one of its
/// steps, else answered as an edit that changed nothing.
pub(super) fn edited(ctx: &mut Ctx, text: &str) -> CoreResult {
    let key = ctx.person_key();
    if let Some(message_id) = ctx.event.message_id
        && let Some(dialogue) = ctx.memory.dialogues.remove(&key)
    {
        let apply = ctx
            .env
            .capability(dialogue.area)
            .and_then(|capability| capability.on_dialogue_edit);
        let before = ctx.effects.len();
        let untouched = match apply {
            Some(apply) => apply(ctx, dialogue, message_id, text.trim())?,
            None => Some(dialogue),
        };
        match untouched {
            Some(dialogue) => {
                ctx.memory.dialogues.insert(key, dialogue);
            }
            None => {
                let pending = super::pending_dialogue(ctx);
                let applied = ctx.t("core.edit_applied", &[("pending", Arg::from(pending))]);
                // Direct in a private chat, like the dialogue notices: nothing stored ties the
                // chat to the dialogue's time. Then moved before what the capability asks next.
                super::held::send_notice(ctx, OutMessage::text(applied));
                let notice = ctx.effects.pop().expect("the notice just sent");
                ctx.effects.insert(before, notice);
                return Ok(());
            }
        }
    }
    if let Some(message_id) = ctx.event.message_id {
        let env = ctx.env;
        for describe in env.capabilities.iter().filter_map(|c| c.describe_edited) {
            if let Some(answer) = describe(ctx, message_id)? {
                ctx.reply(OutMessage::text(answer).replying_to(Some(message_id)));
                return Ok(());
            }
        }
    }
    super::answer_relayed(ctx, text, "core.edited_command", "core.edited_other")
}
