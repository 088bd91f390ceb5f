//! Core effects to Bot API calls. Outbox rows are acknowledged only after Telegram accepted
//! the message; a failure leaves the row for the sweeper to retry with backoff.

use std::sync::Arc;

use teloxide::RequestError;
use teloxide::adaptors::Throttle;
use teloxide::payloads::setters::*;
use teloxide::prelude::*;
use teloxide::types::{
    FileId, ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, MessageId,
    ParseMode, ReplyMarkup,
};

use super::App;
use crate::core::{Attachment, Button, Delivery, Effect, OutMessage, Platform};

/// Telegram's limits on a message text and on a caption.
pub const MAX_TEXT: usize = 4096;
const MAX_CAPTION: usize = 1024;
/// Button notices up to this length show as a toast; longer ones as an alert.
const TOAST_CHARS: usize = 60;

/// What messages are sent through.
pub enum Sender {
    /// Telegram's send limits kept (the default).
    Throttled(Throttle<Bot>),
    /// No limits: `KHETBOT_THROTTLE=off`, for benchmarks and durability tests.
    Direct(Bot),
}

/// Sends deliveries in order (the caller runs concurrently with other chats).
pub async fn send_all(app: &Arc<App>, deliveries: Vec<Delivery>) {
    send_claimed(app, claim(app, deliveries)).await;
}

/// Marks the outbox rows among `deliveries` as being sent, leaving out those another task is
/// already sending and those for LINE chats (the LINE adapter sends them from the outbox).
pub fn claim(app: &App, deliveries: Vec<Delivery>) -> Vec<Delivery> {
    let mut in_flight = lock(app);
    deliveries
        .into_iter()
        .filter(|d| {
            let on_telegram = d
                .effect
                .chat_id()
                .is_none_or(|chat_id| Platform::of(chat_id) == Platform::Telegram);
            if !on_telegram && d.outbox_id.is_none() {
                log::warn!("a direct message for a LINE chat cannot be sent from Telegram");
            }
            on_telegram
        })
        .filter(|d| d.outbox_id.is_none_or(|id| in_flight.insert(id)))
        .collect()
}

/// Sends deliveries already [`claim`]ed, in order, each acknowledged in the outbox before
/// the next goes out.
pub async fn send_claimed(app: &Arc<App>, deliveries: Vec<Delivery>) {
    for delivery in deliveries {
        await_acknowledgement(app, &delivery).await;
        if let Some(acknowledgement) = send_one(app, delivery).await {
            acknowledgement.await;
        }
    }
}

/// Sends an update's [`claim`]ed replies, in order, leaving the last one's acknowledgement
/// to finish in the background: the chat's worker moves on to its next update, whose own
/// store job usually commits together with it. The next message to that chat waits for it,
/// so a crash repeats at most one message per chat, as with a send in flight.
pub async fn send_replies(app: &Arc<App>, deliveries: Vec<Delivery>) {
    for delivery in deliveries {
        await_acknowledgement(app, &delivery).await;
        let chat_id = delivery.effect.chat_id();
        match (send_one(app, delivery).await, chat_id) {
            (Some(acknowledgement), Some(chat_id)) => {
                let pending = tokio::spawn(acknowledgement);
                let mut acknowledgements = acknowledgements(app);
                // A finished task is kept until its handle is dropped: forget those of chats
                // that have not been written to since.
                if acknowledgements.len() >= 1024 {
                    acknowledgements.retain(|_, pending| !pending.is_finished());
                }
                acknowledgements.insert(chat_id, pending);
            }
            (Some(acknowledgement), None) => acknowledgement.await,
            (None, _) => {}
        }
    }
}

/// Waits until every acknowledgement left in the background is recorded (before stopping).
pub async fn settle_acknowledgements(app: &App) {
    let pending: Vec<_> = acknowledgements(app).drain().map(|(_, p)| p).collect();
    for acknowledgement in pending {
        let _ = acknowledgement.await;
    }
}

async fn await_acknowledgement(app: &App, delivery: &Delivery) {
    let pending = delivery
        .effect
        .chat_id()
        .and_then(|chat_id| acknowledgements(app).remove(&chat_id));
    if let Some(pending) = pending {
        let _ = pending.await;
    }
}

fn acknowledgements(
    app: &App,
) -> std::sync::MutexGuard<'_, std::collections::HashMap<i64, tokio::task::JoinHandle<()>>> {
    app.acknowledgements
        .lock()
        .unwrap_or_else(|p| p.into_inner())
}

/// Sends the outbox rows that are due and not already being sent.
///
/// The rows are claimed while no handler is between committing its update and claiming its
/// own rows (the write side of `App::handover`); otherwise the sweeper could send and
/// acknowledge a fresh row before its handler claims it, and the handler would send it again.
pub async fn send_due(app: &Arc<App>) {
    let claimed = {
        let _handover = app.handover.write().await;
        let exclude: Vec<i64> = lock(app).iter().copied().collect();
        match app
            .core
            .due_deliveries_on(Platform::Telegram, exclude)
            .await
        {
            Ok(due) => claim(app, due),
            Err(e) => {
                log::error!("cannot read the outbox: {e}");
                return;
            }
        }
    };
    if !claimed.is_empty() {
        log::info!("sending {} message(s) from the outbox", claimed.len());
        send_claimed(app, claimed).await;
    }
}

fn lock(app: &App) -> std::sync::MutexGuard<'_, std::collections::HashSet<i64>> {
    app.in_flight.lock().unwrap_or_else(|p| p.into_inner())
}

/// Sends one delivery; for an outbox row, returns the recording of the outcome (the row
/// acknowledged, or postponed for a retry), which releases the row's claim when done.
async fn send_one(
    app: &Arc<App>,
    delivery: Delivery,
) -> Option<impl Future<Output = ()> + Send + 'static> {
    let result = match &app.sender {
        Sender::Throttled(sender) => carry_out(app, sender, &delivery.effect).await,
        Sender::Direct(sender) => carry_out(app, sender, &delivery.effect).await,
    };
    let Some(id) = delivery.outbox_id else {
        if let Err(e) = result {
            log::warn!("direct send failed: {e}");
        }
        return None;
    };
    let app = app.clone();
    let card = match &delivery.effect {
        Effect::Send { chat_id, message } => message.card.clone().map(|card| (card, *chat_id)),
        _ => None,
    };
    Some(async move {
        let recorded = match (result, card) {
            (Ok(Some(message_id)), Some((card, chat_id))) => {
                app.core.card_delivered(id, card, chat_id, message_id).await
            }
            (Ok(_), _) => app.core.delivered(vec![id]).await,
            (Err(e), _) => {
                log::warn!("send failed, will retry: {e}");
                app.core.delivery_failed(id, e.to_string()).await
            }
        };
        if let Err(e) = recorded {
            log::error!("cannot update the outbox: {e}");
        }
        lock(&app).remove(&id);
    })
}

/// Carries out one effect; for a sent message, returns the id of the part that holds its
/// buttons (the one a later edit of a card changes).
async fn carry_out<S>(app: &App, sender: &S, effect: &Effect) -> Result<Option<i64>, RequestError>
where
    S: Requester<Err = RequestError>,
{
    match effect {
        Effect::Send { chat_id, message } => {
            let from_line = content_from_line(app, message).await?;
            send_message(sender, ChatId(*chat_id), message, from_line).await
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
            send_message(sender, ChatId(*chat_id), said, None).await
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

/// Sends a message; `from_line` holds its attachment's bytes when they came from LINE.
/// Returns the id of the last message sent, the one that carries the buttons.
async fn send_message<S>(
    sender: &S,
    chat: ChatId,
    message: &OutMessage,
    from_line: Option<Vec<u8>>,
) -> Result<Option<i64>, RequestError>
where
    S: Requester<Err = RequestError>,
{
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
        match attachment {
            Attachment::Photo { .. } => {
                let mut request = sender.send_photo(chat, file).parse_mode(ParseMode::Html);
                if let Some(caption) = caption {
                    request = request.caption(caption);
                }
                if let (true, Some(markup)) = (only_attachment, markup.clone()) {
                    request = request.reply_markup(markup);
                }
                last_id = Some(request.await?.id);
            }
            _ => {
                let mut request = sender.send_document(chat, file).parse_mode(ParseMode::Html);
                if let Some(caption) = caption {
                    request = request.caption(caption);
                }
                if let (true, Some(markup)) = (only_attachment, markup.clone()) {
                    request = request.reply_markup(markup);
                }
                last_id = Some(request.await?.id);
            }
        }
    }
    let last = text_parts.len().saturating_sub(1);
    for (i, part) in text_parts.into_iter().enumerate() {
        let mut request = sender.send_message(chat, part).parse_mode(ParseMode::Html);
        if i == last
            && let Some(markup) = markup.clone()
        {
            request = request.reply_markup(markup);
        }
        last_id = Some(request.await?.id);
    }
    Ok(last_id.map(|id| i64::from(id.0)))
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
