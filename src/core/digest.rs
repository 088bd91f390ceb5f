//! The periodic work's messages where pushes are scarce. LINE charges each push against the
//! office's monthly quota; once the LINE adapter has found the quota used up, what one tick
//! (the morning's lists and reminders) posts to one LINE chat is joined into one message, so
//! that it costs one push when the quota allows again, instead of one per capability. Nothing
//! is dropped: the texts are joined in order, the buttons kept, and a message that carries a
//! file, or whose buttons would not fit beside the others, stays a message of its own.
//!
//! Also the messages owed to one chat faster than its messenger lets them through (a busy
//! group on Telegram), joined by the adapter's sender with [`join_owed`]: the records they
//! report become one summary per capability, worded by it (`บันทึก 12 รายการ: …`).

use rusqlite::Connection;

use super::context::Env;
use super::store::get_setting;
use super::{Effect, OutMessage, Persist, Platform, Summarized};
use crate::i18n::{Arg, Lang};

/// Buttons one joined message carries at most: LINE's quick replies, the fewest of the
/// platforms' limits.
const MAX_BUTTONS: usize = 13;

/// Whether this month's LINE pushes are used up, as the LINE adapter last recorded them (the
/// settings /status shows).
pub fn line_pushes_used_up(conn: &Connection) -> rusqlite::Result<bool> {
    let number = |key: &str| -> rusqlite::Result<Option<i64>> {
        Ok(get_setting(conn, key)?.and_then(|value| value.parse().ok()))
    };
    Ok(matches!(
        (number("line_quota_used")?, number("line_quota_limit")?),
        (Some(used), Some(limit)) if used >= limit
    ))
}

/// Joins the messages `effects` send to the same LINE chat, each into the first one it can
/// join, keeping their order.
pub fn join_per_line_chat(effects: Vec<(Effect, Persist)>) -> Vec<(Effect, Persist)> {
    let mut joined: Vec<(Effect, Persist)> = Vec::with_capacity(effects.len());
    for (effect, persist) in effects {
        let Effect::Send { chat_id, message } = effect else {
            joined.push((effect, persist));
            continue;
        };
        let digest = joined
            .iter_mut()
            .find_map(|(earlier, earlier_persist)| match earlier {
                Effect::Send {
                    chat_id: earlier_chat,
                    message: digest,
                } if *earlier_chat == chat_id
                    && *earlier_persist == persist
                    && Platform::of(chat_id) == Platform::Line
                    && can_join(digest, &message) =>
                {
                    Some(digest)
                }
                _ => None,
            });
        match digest {
            Some(digest) => join(digest, message),
            None => joined.push((Effect::Send { chat_id, message }, persist)),
        }
    }
    joined
}

fn can_join(digest: &OutMessage, message: &OutMessage) -> bool {
    let buttons = |m: &OutMessage| m.buttons.iter().map(Vec::len).sum::<usize>();
    digest.attachment.is_none()
        && message.attachment.is_none()
        && buttons(digest) + buttons(message) <= MAX_BUTTONS
}

fn join(digest: &mut OutMessage, message: OutMessage) {
    digest.text = format!("{}\n\n{}", digest.text, message.text);
    digest.buttons.extend(message.buttons);
    // Several records in one message are no longer one card.
    digest.card = None;
}

/// Several messages owed to one chat as one. The records they report ([`Summarized`])
/// become one summary per capability and language, worded by the capability, with its
/// buttons (which fetch the details); any other text is kept whole, in order, under a line
/// saying how many messages share this one and how to get what their buttons gave. Nothing
/// is dropped: a capability that words no summary has its texts kept whole too.
pub fn join_owed(env: &Env, messages: Vec<OutMessage>) -> OutMessage {
    /// A message's text, its language, and the areas of the buttons it loses if kept whole.
    type Text = (String, Option<String>, Vec<String>);
    enum Part {
        Whole(Text),
        Records(Vec<Summarized>, Vec<Text>),
    }
    let count = messages.len();
    let mut parts: Vec<Part> = Vec::new();
    for message in messages {
        let areas = button_areas(&message);
        let Some(item) = message.summary else {
            parts.push(Part::Whole((message.text, message.lang, areas)));
            continue;
        };
        let same_kind = parts.iter_mut().find_map(|part| match part {
            Part::Records(items, texts)
                if items[0].area == item.area && texts[0].1 == message.lang =>
            {
                Some((items, texts))
            }
            _ => None,
        });
        match same_kind {
            Some((items, texts)) => {
                items.push(item);
                texts.push((message.text, message.lang, areas));
            }
            None => parts.push(Part::Records(
                vec![item],
                vec![(message.text, message.lang, areas)],
            )),
        }
    }
    let mut texts = Vec::new();
    let mut buttons = Vec::new();
    // The languages the texts kept whole were written in: the heading above them speaks
    // each of them (a group's messages are in the language of whoever they answer). And the
    // capabilities whose buttons they lose: each says how to get what its buttons gave.
    let mut whole_langs: Vec<Lang> = Vec::new();
    let mut buttons_left_off: Vec<String> = Vec::new();
    let mut keep_whole = |(text, lang, areas): Text, texts: &mut Vec<String>| {
        let lang = lang
            .as_deref()
            .and_then(Lang::from_code)
            .unwrap_or(Lang::Th);
        if !whole_langs.contains(&lang) {
            whole_langs.push(lang);
        }
        for area in areas {
            if !buttons_left_off.contains(&area) {
                buttons_left_off.push(area);
            }
        }
        texts.push(text);
    };
    for part in parts {
        let summary = match &part {
            Part::Records(items, texts) => summarize(env, items, texts[0].1.as_deref()),
            Part::Whole(..) => None,
        };
        match (part, summary) {
            (_, Some(summary)) => {
                texts.push(summary.text);
                buttons.extend(summary.buttons);
            }
            (Part::Whole(text), None) => keep_whole(text, &mut texts),
            (Part::Records(_, originals), None) => {
                for text in originals {
                    keep_whole(text, &mut texts);
                }
            }
        }
    }
    whole_langs.sort_by_key(|lang| *lang != Lang::Th);
    let headings = whole_langs.iter().map(|lang| {
        let mut heading = env
            .locales
            .text(*lang, "core.coalesced", &[("count", Arg::from(count))]);
        if !buttons_left_off.is_empty() {
            heading.push(' ');
            heading.push_str(
                &env.locales
                    .text(*lang, "core.coalesced_buttons_left_off", &[]),
            );
            for area in &buttons_left_off {
                heading.push(' ');
                heading.push_str(&env.locales.text(
                    *lang,
                    &format!("{area}.joined_without_buttons"),
                    &[],
                ));
            }
        }
        heading
    });
    let texts: Vec<String> = headings.chain(texts).collect();
    OutMessage::text(texts.join("\n\n")).with_buttons(buttons)
}

/// The capabilities whose buttons `message` carries (the area before the `:` of their data).
fn button_areas(message: &OutMessage) -> Vec<String> {
    let mut areas: Vec<String> = Vec::new();
    for button in message.buttons.iter().flatten() {
        if let super::Button::Callback { data, .. } = button {
            let area = data.split(':').next().unwrap_or_default().to_string();
            if !areas.contains(&area) {
                areas.push(area);
            }
        }
    }
    areas
}

/// The summary of `items` (of one area, from messages written in `lang`), worded by their
/// capability.
fn summarize(env: &Env, items: &[Summarized], lang: Option<&str>) -> Option<OutMessage> {
    let first = items.first()?;
    let lang = lang.and_then(Lang::from_code).unwrap_or(Lang::Th);
    let summarize = env.capability(&first.area)?.summarize?;
    Some(summarize(&env.locales, lang, items))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Button;

    const LINE_CHAT: i64 = Platform::LINE_IDS.start + 5;
    const OTHER_LINE_CHAT: i64 = Platform::LINE_IDS.start + 6;
    const TELEGRAM_CHAT: i64 = -100;

    fn send(chat_id: i64, text: &str, buttons: usize) -> (Effect, Persist) {
        let buttons = (0..buttons)
            .map(|i| {
                vec![Button::Callback {
                    label: format!("{text} {i}"),
                    data: format!("x:{i}"),
                }]
            })
            .collect();
        let message = OutMessage::text(text).with_buttons(buttons);
        (Effect::Send { chat_id, message }, Persist::Outbox)
    }

    fn texts(effects: &[(Effect, Persist)]) -> Vec<(i64, String, usize)> {
        effects
            .iter()
            .map(|(effect, _)| match effect {
                Effect::Send { chat_id, message } => (
                    *chat_id,
                    message.text.clone(),
                    message.buttons.iter().map(Vec::len).sum(),
                ),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn a_line_chat_gets_one_message_and_other_chats_keep_theirs() {
        let joined = join_per_line_chat(vec![
            send(LINE_CHAT, "ก", 1),
            send(TELEGRAM_CHAT, "ข", 0),
            send(OTHER_LINE_CHAT, "ค", 0),
            send(LINE_CHAT, "ง", 2),
            send(TELEGRAM_CHAT, "จ", 0),
        ]);
        assert_eq!(
            texts(&joined),
            [
                (LINE_CHAT, "ก\n\nง".to_string(), 3),
                (TELEGRAM_CHAT, "ข".to_string(), 0),
                (OTHER_LINE_CHAT, "ค".to_string(), 0),
                (TELEGRAM_CHAT, "จ".to_string(), 0),
            ]
        );
    }

    #[test]
    fn buttons_beyond_a_quick_reply_and_files_keep_their_own_message() {
        let mut with_file = send(LINE_CHAT, "ไฟล์", 0);
        if let (Effect::Send { message, .. }, _) = &mut with_file {
            message.attachment = Some(crate::core::Attachment::Document {
                file_id: "f".into(),
            });
        }
        let joined = join_per_line_chat(vec![
            send(LINE_CHAT, "ก", 10),
            send(LINE_CHAT, "ข", 4),
            with_file,
            send(LINE_CHAT, "ค", 3),
        ]);
        assert_eq!(
            texts(&joined),
            [
                (LINE_CHAT, "ก\n\nค".to_string(), 13),
                (LINE_CHAT, "ข".to_string(), 4),
                (LINE_CHAT, "ไฟล์".to_string(), 0),
            ]
        );
    }
}
