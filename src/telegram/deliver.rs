//! Core effects to Bot API calls. Each chat's outbox rows go out in order from a lane of its
//! own, paced by Telegram's limits ([`Pacer`](super::pacer::Pacer)); lanes of different chats
//! run side by side, so no chat waits behind another's replies, and the update handlers never
//! wait for a send: recording is never gated by sending. A row is acknowledged only after
//! Telegram accepted the message, and the lane's next message waits for that, so a crash
//! repeats at most the one message in flight per chat. A failure leaves the row for the
//! sweeper to retry with backoff.

use std::collections::VecDeque;
use std::collections::hash_map::Entry;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use teloxide::payloads::setters::*;
use teloxide::prelude::*;
use teloxide::types::{
    FileId, ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, MessageId,
    ParseMode, ReplyMarkup, ReplyParameters,
};
use teloxide::{ApiError, RequestError};

use super::pacer::logged_chat;
use super::{App, convert};
use crate::core::{Attachment, Button, Delivery, Effect, OutMessage, Platform};

/// Telegram's limits on a message text and on a caption.
pub const MAX_TEXT: usize = 4096;
const MAX_CAPTION: usize = 1024;
/// Button notices up to this length show as a toast; longer ones as an alert.
const TOAST_CHARS: usize = 60;
/// On a stop, how long the lanes may take to finish the message each has in hand.
const STOP_GRACE: Duration = Duration::from_secs(3);

/// Hands deliveries on: button answers and direct messages are carried out at once, outbox
/// rows join their chat's lane. Returns without waiting for any outbox row to be sent.
pub async fn dispatch(app: &Arc<App>, deliveries: Vec<Delivery>) {
    let mut owed = Vec::new();
    for delivery in deliveries {
        if delivery.outbox_id.is_some() {
            owed.push(delivery);
            continue;
        }
        if let Err(e) = carry_out(app, &delivery.effect).await {
            log::warn!("direct send failed: {e}");
        }
    }
    enqueue(app, owed);
}

/// Puts claimed outbox rows at the end of their chats' lanes, starting a lane where a
/// chat has none running.
fn enqueue(app: &Arc<App>, deliveries: Vec<Delivery>) {
    if deliveries.is_empty() {
        return;
    }
    let mut lanes = lanes(app);
    for delivery in deliveries {
        let chat_id = delivery.effect.chat_id().unwrap_or_default();
        match lanes.entry(chat_id) {
            Entry::Occupied(mut lane) => lane.get_mut().push_back(delivery),
            Entry::Vacant(lane) => {
                lane.insert(VecDeque::from([delivery]));
                tokio::spawn(run_lane(app.clone(), chat_id));
            }
        }
    }
}

/// Sends one chat's rows in order until none is left or the bot is stopping; rows not sent
/// stay in the outbox for the sweeper or the next start.
async fn run_lane(app: Arc<App>, chat_id: i64) {
    loop {
        let (ids, effect) = {
            let mut lanes = lanes(&app);
            let Some(lane) = lanes.get_mut(&chat_id) else {
                return;
            };
            match lane.pop_front() {
                Some(delivery) if !app.stopping.load(Ordering::SeqCst) => {
                    coalesce(&app, chat_id, delivery, lane)
                }
                first => {
                    let left: Vec<i64> = first
                        .into_iter()
                        .chain(lane.drain(..))
                        .filter_map(|d| d.outbox_id)
                        .collect();
                    lanes.remove(&chat_id);
                    app.claims.release(left);
                    return;
                }
            }
        };
        send_rows(&app, chat_id, ids, effect).await;
    }
}

/// A group's lane holding this many more messages than the one going out is behind what
/// Telegram lets through (20 a minute): its plain texts go out together.
const COALESCE_BEHIND: usize = 3;

/// The next message of a lane: `first` alone, or, when a group's lane is behind, `first`
/// and the messages after it that may share one, as one message the core composes
/// ([`Core::join_owed`](crate::core::Core::join_owed)): the records they report summarized,
/// other texts kept whole; nothing dropped. All their rows are acknowledged together, so a
/// crash repeats this one message at most.
fn coalesce(
    app: &App,
    chat_id: i64,
    first: Delivery,
    lane: &mut VecDeque<Delivery>,
) -> (Vec<i64>, Effect) {
    let behind = chat_id < 0 && app.pacer.is_limited() && lane.len() >= COALESCE_BEHIND;
    if !behind || shareable(&first.effect).is_none() {
        return (first.outbox_id.into_iter().collect(), first.effect);
    }
    // Room for the heading line and the summaries' own words.
    let mut length = 400 + shareable(&first.effect).map_or(0, room_taken);
    let mut taken = vec![first];
    while let Some(next) = lane.front().and_then(|next| shareable(&next.effect)) {
        let added = room_taken(next);
        if length + added > MAX_TEXT {
            break;
        }
        length += added;
        taken.extend(lane.pop_front());
    }
    if taken.len() == 1 {
        let first = taken.swap_remove(0);
        return (first.outbox_id.into_iter().collect(), first.effect);
    }
    let ids = taken.iter().filter_map(|d| d.outbox_id).collect();
    let messages = taken
        .into_iter()
        .filter_map(|delivery| match delivery.effect {
            Effect::Send { message, .. } => Some(message),
            _ => None,
        })
        .collect();
    let effect = Effect::Send {
        chat_id,
        message: app.core.join_owed(messages),
    };
    (ids, effect)
}

/// The characters a message adds to one it shares: a record in a summary at most its
/// number, any other text itself.
fn room_taken(message: &OutMessage) -> usize {
    match message.summary {
        Some(_) => 16,
        None => message.text.chars().count() + 2,
    }
}

/// The message of an effect that can share a message with others
/// ([`OutMessage::may_share_a_message`]).
fn shareable(effect: &Effect) -> Option<&OutMessage> {
    match effect {
        Effect::Send { message, .. } if message.may_share_a_message() => Some(message),
        _ => None,
    }
}

/// Sends one message (of one outbox row, or several [`coalesce`]d) and records the outcome
/// before returning: acknowledged, or postponed for a retry. Telegram's "retry after" is
/// waited out and the message sent again, unless the bot is stopping.
async fn send_rows(app: &Arc<App>, chat_id: i64, ids: Vec<i64>, effect: Effect) {
    let recorded = loop {
        match carry_out(app, &effect).await {
            Ok(message_id) => break acknowledge(app, &ids, &effect, message_id).await,
            Err(RequestError::RetryAfter(wait)) if !app.stopping.load(Ordering::SeqCst) => {
                log::info!(
                    "Telegram asks to wait {}s before chat {chat_id}",
                    wait.seconds()
                );
                tokio::time::sleep(wait.duration()).await;
            }
            Err(e) if refused_for_good(&e) => {
                log::warn!("chat {chat_id} refuses the bot's messages, not retried: {e}");
                let mut recorded = Ok(());
                for id in &ids {
                    recorded = recorded.and(app.core.delivery_refused(*id, e.to_string()).await);
                }
                if chat_id < 0 {
                    let event = crate::core::send_refused_event(chat_id);
                    let app = app.clone();
                    tokio::spawn(async move { convert::handle_event(&app, event, None).await });
                }
                break recorded;
            }
            Err(e) => {
                log::warn!("send failed, will retry: {e}");
                let mut recorded = Ok(());
                for id in &ids {
                    recorded = recorded.and(app.core.delivery_failed(*id, e.to_string()).await);
                }
                break recorded;
            }
        }
    };
    if let Err(e) = recorded {
        log::error!("cannot update the outbox: {e}");
    }
    app.claims.release(ids);
}

/// Telegram's answer when the bot may not write to the chat any more (removed from the group,
/// muted there, or blocked by the person): retrying cannot help.
fn refused_for_good(error: &RequestError) -> bool {
    let RequestError::Api(api) = error else {
        return false;
    };
    // Telegram's descriptions teloxide has no variant for (the group chat's kick, a muted bot)
    // come as `Unknown`, whose Display wraps them.
    let description = match api {
        ApiError::Unknown(description) => description.clone(),
        known => known.to_string(),
    };
    matches!(api, ApiError::BotKicked)
        || description.starts_with("Forbidden:")
        || description.contains("not enough rights to send")
}

/// Records rows as sent; a card sent alone also records where it was posted, so that later
/// changes edit this copy too.
async fn acknowledge(
    app: &App,
    ids: &[i64],
    effect: &Effect,
    message_id: Option<i64>,
) -> Result<(), crate::db::DbError> {
    match (ids, effect, message_id) {
        ([id], Effect::Send { chat_id, message }, Some(message_id)) if message.card.is_some() => {
            app.core
                .card_delivered(*id, message.clone(), *chat_id, message_id)
                .await
        }
        _ => app.core.delivered(ids.to_vec()).await,
    }
}

/// On a stop: no lane takes another row; waits (at most [`STOP_GRACE`]) for the messages in
/// hand to be sent and recorded.
pub async fn finish_lanes(app: &App) {
    app.stopping.store(true, Ordering::SeqCst);
    let deadline = tokio::time::Instant::now() + STOP_GRACE;
    while !lanes(app).is_empty() && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

fn lanes(
    app: &App,
) -> std::sync::MutexGuard<'_, std::collections::HashMap<i64, VecDeque<Delivery>>> {
    app.lanes.lock().unwrap_or_else(|p| p.into_inner())
}

/// Hands the outbox rows that are due and not already being sent to their lanes.
pub async fn send_due(app: &Arc<App>) {
    dispatch(app, app.claims.claim_due(&app.core).await).await;
}

/// Carries out one effect; for a sent message, returns the id of the part that holds its
/// buttons (the one a later edit of a card changes).
async fn carry_out(app: &App, effect: &Effect) -> Result<Option<i64>, RequestError> {
    match effect {
        Effect::Send { chat_id, message } => {
            let from_line = content_from_line(app, message).await?;
            send_message(app, ChatId(*chat_id), message, from_line).await
        }
        Effect::Edit {
            chat_id,
            message_id,
            message,
        } => {
            let id = MessageId(i32::try_from(*message_id).unwrap_or_default());
            let chat = ChatId(*chat_id);
            let mut text_parts = split_for_telegram(&message.text, MAX_TEXT);
            let markup = keyboard(&message.buttons);
            // As sent: a card with a file whose text fits a caption is that file's caption.
            let outcome = if message.attachment.is_some()
                && text_parts.len() == 1
                && text_parts[0].chars().count() <= MAX_CAPTION
            {
                let mut request = app
                    .bot
                    .edit_message_caption(chat, id)
                    .caption(text_parts.swap_remove(0))
                    .parse_mode(ParseMode::Html);
                if let Some(markup) = markup {
                    request = request.reply_markup(markup);
                }
                request.await.map(|_| ())
            } else {
                let text = text_parts.swap_remove(0);
                let mut request = app
                    .bot
                    .edit_message_text(chat, id, text)
                    .parse_mode(ParseMode::Html);
                if let Some(markup) = markup {
                    request = request.reply_markup(markup);
                }
                request.await.map(|_| ())
            };
            nothing_left_to_correct(outcome)
        }
        Effect::RemoveButtons {
            chat_id,
            message_id,
        } => {
            let id = MessageId(i32::try_from(*message_id).unwrap_or_default());
            let outcome = app
                .bot
                .edit_message_reply_markup(ChatId(*chat_id), id)
                .await
                .map(|_| ());
            nothing_left_to_correct(outcome)
        }
        Effect::DeleteMessage {
            chat_id,
            message_id,
            deleted,
            kept,
        } => {
            let id = MessageId(i32::try_from(*message_id).unwrap_or_default());
            let said = match app.bot.delete_message(ChatId(*chat_id), id).await {
                // Gone already: deleted on an earlier try whose notice did not go out.
                Ok(_) | Err(RequestError::Api(teloxide::ApiError::MessageToDeleteNotFound)) => {
                    deleted
                }
                Err(RequestError::Api(e)) => {
                    log::info!("could not delete a message in {chat_id}: {e}");
                    kept
                }
                Err(e) => return Err(e),
            };
            send_message(app, ChatId(*chat_id), said, None).await
        }
        Effect::AnswerButton { callback_id, text } => {
            let mut request = app
                .bot
                .answer_callback_query(teloxide::types::CallbackQueryId(callback_id.clone()));
            if let Some(text) = text {
                let text = crate::i18n::html_to_plain(text);
                // A toast vanishes in a moment: a notice longer than a few words waits in
                // an alert until the presser closes it.
                let alert = text.chars().count() > TOAST_CHARS;
                request = request.text(text).show_alert(alert);
            }
            request.await.map(|_| None)
        }
    }
}

/// An edit's outcome: one Telegram refuses because the message already shows it (the same
/// button pressed twice) or is gone (someone deleted a copy) left nothing to correct.
fn nothing_left_to_correct(outcome: Result<(), RequestError>) -> Result<Option<i64>, RequestError> {
    match outcome {
        Ok(()) => Ok(None),
        Err(RequestError::Api(
            teloxide::ApiError::MessageNotModified
            | teloxide::ApiError::MessageToEditNotFound
            | teloxide::ApiError::MessageCantBeEdited,
        )) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The bytes of an attachment someone sent on LINE, which Telegram cannot fetch by id.
async fn content_from_line(
    app: &App,
    message: &OutMessage,
) -> Result<Option<Vec<u8>>, RequestError> {
    let Some(Attachment::Photo { file_id } | Attachment::Document { file_id }) =
        &message.attachment
    else {
        return Ok(None);
    };
    if Platform::of_file(file_id) != Platform::Line {
        return Ok(None);
    }
    let Some(fetching) = app.core.fetch_file(file_id) else {
        return Ok(None);
    };
    match fetching.await {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) => Err(RequestError::Io(std::sync::Arc::new(
            std::io::Error::other(e),
        ))),
    }
}

/// A photo's or a document's request in HTML with its caption and buttons, if any: teloxide's
/// two payloads have the same setters but no trait in common.
macro_rules! with_caption {
    ($request:expr, $caption:expr, $markup:expr) => {{
        let mut request = $request.parse_mode(ParseMode::Html);
        if let Some(caption) = $caption {
            request = request.caption(caption);
        }
        if let Some(markup) = $markup {
            request = request.reply_markup(markup);
        }
        request
    }};
}

/// Sends a message; `from_line` holds its attachment's bytes when they came from LINE.
/// Returns the id of the last message sent, the one that carries the buttons.
/// Each message (an attachment, a part of a long text) waits for its [`turn`].
async fn send_message(
    app: &App,
    chat: ChatId,
    message: &OutMessage,
    from_line: Option<Vec<u8>>,
) -> Result<Option<i64>, RequestError> {
    let markup = keyboard(&message.buttons)
        .map(ReplyMarkup::InlineKeyboard)
        .or_else(|| {
            message.reply_prompt.as_ref().map(|placeholder| {
                ReplyMarkup::ForceReply(
                    ForceReply::new()
                        .selective()
                        .input_field_placeholder(Some(placeholder.clone())),
                )
            })
        });
    let mut last_id = None;
    let mut text_parts = split_for_telegram(&message.text, MAX_TEXT);
    if let Some(attachment) = &message.attachment {
        // A caption holds at most 1,024 characters; longer texts follow as messages.
        let caption = if text_parts.len() == 1 && text_parts[0].chars().count() <= MAX_CAPTION {
            text_parts.pop()
        } else {
            None
        };
        let only_attachment = text_parts.is_empty();
        let file = match (attachment, from_line) {
            (Attachment::Photo { .. }, Some(bytes)) => {
                InputFile::memory(bytes).file_name("photo.jpg")
            }
            (Attachment::Document { .. }, Some(bytes)) => {
                InputFile::memory(bytes).file_name("file")
            }
            (Attachment::Photo { file_id } | Attachment::Document { file_id }, None) => {
                InputFile::file_id(FileId(file_id.clone()))
            }
            (Attachment::File { name, bytes, .. }, _) => {
                InputFile::memory(bytes.clone()).file_name(name.clone())
            }
        };
        // The buttons go under the file only when no text follows it.
        let file_markup = markup.clone().filter(|_| only_attachment);
        turn(app, chat.0).await;
        let sent = match attachment {
            Attachment::Photo { .. } => {
                with_caption!(app.bot.send_photo(chat, file), caption, file_markup).await?
            }
            _ => with_caption!(app.bot.send_document(chat, file), caption, file_markup).await?,
        };
        last_id = Some(sent.id);
    }
    let last = text_parts.len().saturating_sub(1);
    for (i, part) in text_parts.into_iter().enumerate() {
        turn(app, chat.0).await;
        let mut request = app.bot.send_message(chat, part).parse_mode(ParseMode::Html);
        if i == 0
            && let Some(id) = message.reply_to.and_then(|id| i32::try_from(id).ok())
        {
            let reply = ReplyParameters::new(MessageId(id)).allow_sending_without_reply();
            request = request.reply_parameters(reply);
        }
        if i == last
            && let Some(markup) = markup.clone()
        {
            request = request.reply_markup(markup);
        }
        last_id = Some(request.await?.id);
    }
    Ok(last_id.map(|id| i64::from(id.0)))
}

/// Waits until Telegram's limits let a message go to `chat_id`, and logs it as sent before
/// it goes: a process started after a crash paces itself from these. A private chat is
/// logged without its id: nothing stored may tie a person to the time they were written
/// to (an anonymous filer's answers).
async fn turn(app: &App, chat_id: i64) {
    if !app.pacer.is_limited() {
        return;
    }
    let counted = app.pacer.wait_turn(chat_id).await;
    let logged = logged_chat(chat_id);
    if let Err(e) = app.core.log_send(logged).await {
        log::warn!("send not logged for the pacer: {e}");
    }
    // The log waits on the store thread, which a long piece of work (the Q&A classifier's fit
    // at a start) can hold: the message leaves only now.
    app.pacer.leaving_now(chat_id, counted);
}

fn keyboard(buttons: &[Vec<Button>]) -> Option<InlineKeyboardMarkup> {
    if buttons.is_empty() {
        return None;
    }
    let rows = buttons.iter().map(|row| {
        row.iter()
            .filter_map(|button| match button {
                Button::Callback { label, data } => {
                    Some(InlineKeyboardButton::callback(label.clone(), data.clone()))
                }
                Button::Url { label, url } => url::Url::parse(url)
                    .ok()
                    .map(|u| InlineKeyboardButton::url(label.clone(), u)),
            })
            .collect::<Vec<_>>()
    });
    Some(InlineKeyboardMarkup::new(rows))
}

/// Splits a long HTML text into parts of at most `limit` characters, at line breaks where
/// possible. Our markup never spans lines, so splitting between lines keeps tags balanced;
/// a single over-long line is cut between characters, outside any `&entity;`.
pub fn split_for_telegram(text: &str, limit: usize) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut current_len = 0;
    for line in text.split('\n') {
        let line_len = line.chars().count();
        let needed = if current.is_empty() {
            line_len
        } else {
            line_len + 1
        };
        if current_len + needed <= limit {
            if !current.is_empty() {
                current.push('\n');
            }
            current.push_str(line);
            current_len += needed;
            continue;
        }
        if !current.is_empty() {
            parts.push(std::mem::take(&mut current));
            current_len = 0;
        }
        if line_len <= limit {
            current.push_str(line);
            current_len = line_len;
        } else {
            parts.extend(cut_long_line(line, limit));
        }
    }
    if !current.is_empty() || parts.is_empty() {
        parts.push(current);
    }
    parts
}

fn cut_long_line(line: &str, limit: usize) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut count = 0;
    let mut in_entity = false;
    // Room for the longest entity we emit (&quot;) so a cut never lands inside one.
    let threshold = limit.saturating_sub(8).max(1);
    for c in line.chars() {
        if count >= threshold && !in_entity {
            parts.push(std::mem::take(&mut current));
            count = 0;
        }
        match c {
            '&' => in_entity = true,
            ';' => in_entity = false,
            _ => {}
        }
        current.push(c);
        count += 1;
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_texts_stay_whole() {
        assert_eq!(split_for_telegram("a\nb", 10), vec!["a\nb".to_string()]);
        assert_eq!(split_for_telegram("", 10), vec![String::new()]);
    }

    #[test]
    fn long_texts_split_at_lines_and_respect_the_limit() {
        let text = (0..3000)
            .map(|i| format!("บรรทัด {i}"))
            .collect::<Vec<_>>()
            .join("\n");
        let parts = split_for_telegram(&text, MAX_TEXT);
        assert!(parts.len() > 1);
        assert!(parts.iter().all(|p| p.chars().count() <= MAX_TEXT));
        assert_eq!(parts.join("\n"), text);
    }

    #[test]
    fn an_over_long_line_is_cut_outside_entities() {
        let line = "&amp;".repeat(3000);
        let parts = split_for_telegram(&line, MAX_TEXT);
        assert!(parts.iter().all(|p| p.chars().count() <= MAX_TEXT));
        assert!(parts.iter().all(|p| p.starts_with('&') && p.ends_with(';')));
        assert_eq!(parts.concat(), line);
    }
}
