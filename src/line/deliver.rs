//! Core deliveries to LINE. The event that asked is answered with its reply token (free, at
//! most 5 messages, single use); everything else, and a reply whose token LINE refuses, is
//! pushed with an `X-Line-Retry-Key` written beside its outbox row before the first try, so
//! a retry after a timeout or a crash is never delivered twice. 429 and 5xx are retried with
//! the outbox's backoff; any other refusal stops the row's retries and is logged. A push to
//! a group or room that LINE refuses because the bot is no longer in it ([`removed_from`])
//! counts as the bot removed from it, as a `leave` event does: a registered group is
//! suspended and what is owed to it held (see `core::general::bot_removed`).
//!
//! A reply has no retry key. When LINE refuses its token (400), nothing was delivered and
//! the messages are pushed. When the reply call gets no answer (a timeout, a broken
//! connection, a 5xx), LINE may or may not have delivered it: the reply is tried once more
//! with the same token (a token LINE already used is refused, so that try cannot deliver a
//! second copy), and if that is not accepted either the messages are pushed with their
//! retry keys. The bound: a message is never lost, and reaches the chat at most twice, the
//! second copy only when LINE took a reply without answering the call; the push itself is
//! never delivered twice. Such a push is logged as a possible repeat.
//!
//! A direct message ([`Persist::Direct`](crate::core::Persist): an answer in an anonymous
//! filer's dialogue, whose chat must not be stored) has no outbox row. When its reply and
//! its push both fail, the push is tried again from memory with the same retry keys, after
//! 1 s and then twice as long each time: [`DIRECT_TRIES`] tries in all, about 8.5 minutes
//! (also while the month's quota is used up). Nothing about it is written anywhere. The
//! bound: such a message is delivered once unless LINE stays unreachable (or the quota used
//! up) for those minutes, or the process stops meanwhile; then it is lost and a warning
//! without the chat is logged. Later messages to the chat may overtake it.
//!
//! A row is acknowledged once LINE took it: one store job removes it (and its retry keys)
//! and, for a card, records the chat's copy so that a change of the card's state is sent
//! there again (LINE cannot edit a sent message: the change arrives as the card sent anew,
//! without its file, an `Edit` of message 0, the one copy kept per chat, as a pressed
//! postback names it). The rows a reply carried are acknowledged in one job with the
//! changes of cards sent anew to the same chat, dropped as needless.

use std::collections::{HashSet, VecDeque};
use std::sync::Arc;
use std::time::Duration;

use rusqlite::Connection;
use serde_json::{Value, json};

use super::api::{ApiError, Pushed};
use super::process::lock;
use super::{App, render, store};
use crate::core::{Attachment, Delivery, Effect, OutMessage, Platform, send_refused_event};

/// File ids of content people sent on LINE: this prefix and LINE's message id.
pub const LINE_CONTENT: &str = Platform::LINE_FILE_PREFIX;
/// LINE's limit of messages in one reply or push.
const MAX_MESSAGES: usize = 5;
/// How often a direct message is pushed before it is given up, and the first wait between
/// tries (doubled each time): 1 + 2 + … + 256 s, about 8.5 minutes in all.
pub const DIRECT_TRIES: u32 = 10;
const DIRECT_FIRST_WAIT: Duration = Duration::from_secs(1);

/// The event being answered: its chat, and its reply token while still usable.
pub struct Answering {
    pub chat_id: i64,
    pub reply_token: Option<String>,
}

/// Messages for one chat from one delivery.
struct Outgoing {
    outbox_id: Option<i64>,
    chat_id: i64,
    messages: Vec<Value>,
    /// The card it shows as sent, when it is a card sent (not a change of one).
    card: Option<OutMessage>,
    /// Its parts (five messages each) a reply carried: 1 when it has more than a reply
    /// holds and the reply took its first five, else 0.
    replied_parts: usize,
}

impl Outgoing {
    /// What its acknowledgement records, for an outbox row.
    fn sent(&self) -> Option<Sent> {
        Some(Sent {
            outbox_id: self.outbox_id?,
            card: self.card.clone().map(|card| (card, self.chat_id)),
            first_part_only: false,
        })
    }
}

/// An outbox row LINE took, with the card copy (card as sent, chat) it put there, if any.
struct Sent {
    outbox_id: i64,
    card: Option<(OutMessage, i64)>,
    /// Only its first part went, by reply; the rest is still to be pushed.
    first_part_only: bool,
}

/// Sends the outbox rows of LINE chats that are due and not being sent.
pub async fn send_due(app: &Arc<App>) {
    deliver(app, app.claims.claim_due(&app.core).await, None).await;
}

/// Sends claimed deliveries in order: those for the chat being answered by reply while they
/// fit in one, the rest by push.
pub async fn deliver(app: &Arc<App>, deliveries: Vec<Delivery>, answering: Option<Answering>) {
    // A card sent anew to a chat makes a change of its earlier copy there needless: on LINE
    // that change would be a message of its own just above the new card.
    let sent_anew: HashSet<(i64, &str)> = deliveries
        .iter()
        .filter_map(|d| match &d.effect {
            Effect::Send { chat_id, message } => Some((*chat_id, message.card.as_deref()?)),
            _ => None,
        })
        .collect();
    let (needless, deliveries): (Vec<&Delivery>, Vec<&Delivery>) =
        deliveries.iter().partition(|d| match &d.effect {
            Effect::Edit {
                chat_id, message, ..
            } => message
                .card
                .as_deref()
                .is_some_and(|card| sent_anew.contains(&(*chat_id, card))),
            _ => false,
        });
    // Rows settled without a push: these needless changes, and below what the reply
    // carried; acknowledged together, in one store job, before any push.
    let mut settled: Vec<Sent> = needless
        .iter()
        .filter_map(|d| {
            Some(Sent {
                outbox_id: d.outbox_id?,
                card: None,
                first_part_only: false,
            })
        })
        .collect();
    // A button's notice first: Telegram shows it at once, over what the press brings.
    let mut deliveries = deliveries;
    deliveries.sort_by_key(|d| !matches!(d.effect, Effect::AnswerButton { .. }));
    let mut outgoing = Vec::with_capacity(deliveries.len());
    for delivery in deliveries {
        let (chat_id, message) = match &delivery.effect {
            Effect::Send { chat_id, message } => (*chat_id, message.clone()),
            // LINE cannot change a sent message: the change arrives as a new one, without
            // the file the first one showed (a change never has another; Telegram edits only
            // the text).
            Effect::Edit {
                chat_id, message, ..
            } => {
                let mut changed = message.clone();
                changed.attachment = None;
                (*chat_id, changed)
            }
            // Never made for LINE chats: quick replies vanish by themselves.
            Effect::RemoveButtons { .. } => continue,
            // A LINE bot cannot delete what a person sent: it says how to.
            Effect::DeleteMessage { chat_id, kept, .. } => (*chat_id, kept.as_ref().clone()),
            // A postback has no spinner to stop; a notice becomes a message.
            Effect::AnswerButton { text, .. } => match (text, &answering) {
                (Some(text), Some(answering)) => {
                    (answering.chat_id, OutMessage::text(text.clone()))
                }
                _ => continue,
            },
        };
        let card = match &delivery.effect {
            Effect::Send { .. } if message.card.is_some() => Some(message.clone()),
            _ => None,
        };
        let messages = messages_for(app, chat_id, &message).await;
        outgoing.push(Outgoing {
            outbox_id: delivery.outbox_id,
            chat_id,
            messages,
            card,
            replied_parts: 0,
        });
    }
    let mut queue = outgoing;
    let mut left_to_push = Vec::new();
    if let Some(Answering {
        chat_id,
        reply_token: Some(token),
    }) = answering
    {
        // The answered chat's first messages, wherever other chats' messages stand between
        // them (a filing's case card for the officers comes before the filer's answer): the
        // reply is free and works while pushes wait for the quota.
        let mut batch = Vec::new();
        let mut count = 0;
        let mut index = 0;
        while index < queue.len() {
            let next = &queue[index];
            if next.chat_id != chat_id {
                index += 1;
                continue;
            }
            if count + next.messages.len() > MAX_MESSAGES {
                // An answer longer than a reply holds: the reply carries its first five
                // messages, the rest is pushed.
                if count == 0 {
                    batch.push(queue.remove(index));
                    count = MAX_MESSAGES;
                }
                break;
            }
            count += next.messages.len();
            batch.push(queue.remove(index));
        }
        if count > 0 {
            let messages: Vec<Value> = batch
                .iter()
                .flat_map(|o| o.messages.clone())
                .take(MAX_MESSAGES)
                .collect();
            if reply(app, &token, &messages).await {
                batch.retain_mut(|outgoing| {
                    if outgoing.messages.len() <= MAX_MESSAGES {
                        settled.extend(outgoing.sent());
                        return false;
                    }
                    outgoing.replied_parts = 1;
                    settled.extend(outgoing.outbox_id.map(|outbox_id| Sent {
                        outbox_id,
                        card: None,
                        first_part_only: true,
                    }));
                    true
                });
            }
        }
        left_to_push = batch;
    }
    acknowledge(app, settled).await;
    for outgoing in left_to_push.into_iter().chain(queue) {
        push(app, outgoing).await;
    }
}

/// Whether LINE took `messages` as the reply of `token`; when its answer to the first call
/// is unknown, a second call with the same token settles it or fails (see the module's
/// bound).
async fn reply(app: &App, token: &str, messages: &[Value]) -> bool {
    match app.api.reply(token, messages).await {
        Ok(()) => return true,
        Err(ApiError::Transient(e)) => {
            log::warn!("reply not answered ({e}); trying its token once more");
        }
        Err(e) => {
            log::info!("reply not accepted ({e}); pushing instead");
            return false;
        }
    }
    match app.api.reply(token, messages).await {
        Ok(()) => true,
        Err(e) => {
            log::warn!(
                "reply not accepted on the second try ({e}); pushing instead, which repeats \
                 it if LINE delivered the first try"
            );
            false
        }
    }
}

/// Pushes one delivery, five messages a call, each call with its own retry key; a part a
/// reply carried is left out.
async fn push(app: &Arc<App>, mut outgoing: Outgoing) {
    let Some(sent) = outgoing.sent() else {
        let unsent = outgoing
            .messages
            .split_off(outgoing.replied_parts * MAX_MESSAGES);
        push_direct(app, outgoing.chat_id, unsent).await;
        return;
    };
    let Outgoing {
        chat_id,
        messages,
        replied_parts,
        ..
    } = outgoing;
    let outbox_id = sent.outbox_id;
    if super::quota::exhausted(app) {
        // Left due in the outbox until the quota allows, without a store job for its key.
        app.claims.release([outbox_id]);
        return;
    }
    let Some(to) = line_id(app, chat_id).await else {
        give_up(app, outbox_id, "no LINE id is known for this chat".into()).await;
        return;
    };
    for (part, chunk) in messages
        .chunks(MAX_MESSAGES)
        .enumerate()
        .skip(replied_parts)
    {
        let key = match app
            .on_store(move |conn| store::retry_key(conn, outbox_id, part))
            .await
        {
            Ok(key) => key,
            Err(e) => {
                log::error!("cannot record a retry key: {e}");
                app.claims.release([outbox_id]);
                return;
            }
        };
        if key == store::REPLIED {
            continue;
        }
        match push_chunk(app, &to, chunk, &key).await {
            Chunk::Taken => {}
            // Left due in the outbox until the quota allows.
            Chunk::QuotaUsedUp => {
                app.claims.release([outbox_id]);
                return;
            }
            Chunk::TryLater(e) => {
                log::warn!("push failed, will retry: {e}");
                if let Err(e) = app.core.delivery_failed(outbox_id, e).await {
                    log::error!("cannot update the outbox: {e}");
                }
                app.claims.release([outbox_id]);
                return;
            }
            Chunk::Refused(refused) => {
                let removed = removed_from(&to, &refused);
                give_up(app, outbox_id, refused.to_string()).await;
                if removed {
                    bot_removed(app, chat_id).await;
                }
                return;
            }
        }
    }
    acknowledge(app, vec![sent]).await;
}

/// How one push call ended, the month's quota already counted or marked used up.
enum Chunk {
    /// LINE has the messages: delivered now, or by an earlier try with the same key (409).
    Taken,
    /// The month's quota is used up: nothing was sent, pushes wait.
    QuotaUsedUp,
    /// A failure that may pass (429, 5xx, no answer).
    TryLater(String),
    /// LINE refused the request itself: sending it again cannot help.
    Refused(ApiError),
}

/// Pushes one call's messages (at most [`MAX_MESSAGES`]) to `to` with the retry key `key`,
/// unless the month's quota is known to be used up; the one place a push's answer is read,
/// for outbox rows and direct messages alike.
async fn push_chunk(app: &App, to: &str, chunk: &[Value], key: &str) -> Chunk {
    if super::quota::exhausted(app) {
        return Chunk::QuotaUsedUp;
    }
    match app.api.push(to, chunk, key).await {
        Ok(Pushed::Sent) => {
            super::quota::count_push(app);
            Chunk::Taken
        }
        Ok(Pushed::AlreadySent) => Chunk::Taken,
        Err(ApiError::QuotaExhausted) => {
            log::warn!("the LINE monthly message quota is used up; pushes wait");
            super::quota::used_up(app);
            Chunk::QuotaUsedUp
        }
        Err(ApiError::Transient(e)) => Chunk::TryLater(e),
        Err(refused) => Chunk::Refused(refused),
    }
}

/// Whether LINE refused a push to `to` because the bot is no longer in that group or room
/// (it left, or was removed while the bot was not running): LINE answers such a push "Failed
/// to send messages" (400), or 403/404. A one-to-one chat that refuses (the person blocked
/// the bot) is only given up.
fn removed_from(to: &str, refused: &ApiError) -> bool {
    let ApiError::Refused { status, message } = refused else {
        return false;
    };
    let group_or_room = to.starts_with('C') || to.starts_with('R');
    group_or_room
        && (matches!(status, 403 | 404)
            || (*status == 400 && message.contains("Failed to send messages")))
}

/// The bot can no longer post in the LINE group `chat_id`: the core suspends its
/// registration, tells the admins and holds what is owed to it, as for a `leave` event. The
/// admins' notices are left to the outbox sweep (within a second): this may be a push of the
/// sweep itself.
async fn bot_removed(app: &App, chat_id: i64) {
    if let Err(e) = app.core.handle(send_refused_event(chat_id)).await {
        log::error!("cannot record that the bot left a LINE group: {e}");
    }
}

/// Pushes a direct message, from memory only: on a failure that may pass, tried again with
/// the same retry keys, [`DIRECT_TRIES`] times in all with doubling waits (the module's
/// bound). Nothing about it is stored, and the chat is never logged.
async fn push_direct(app: &Arc<App>, chat_id: i64, messages: Vec<Value>) {
    let Some(to) = line_id(app, chat_id).await else {
        log::warn!("a direct LINE message was not sent: no LINE id is known for its chat");
        return;
    };
    let mut parts: VecDeque<(String, Vec<Value>)> = messages
        .chunks(MAX_MESSAGES)
        .map(|chunk| (uuid::Uuid::new_v4().to_string(), chunk.to_vec()))
        .collect();
    if push_parts(app, &to, &mut parts).await == Pushing::Done {
        return;
    }
    let app = app.clone();
    tokio::spawn(async move {
        let mut wait = DIRECT_FIRST_WAIT;
        for _ in 1..DIRECT_TRIES {
            tokio::time::sleep(wait).await;
            if push_parts(&app, &to, &mut parts).await == Pushing::Done {
                return;
            }
            wait *= 2;
        }
        log::warn!("a direct LINE message was lost: LINE did not take it in {DIRECT_TRIES} tries");
    });
}

#[derive(Debug, PartialEq)]
enum Pushing {
    /// Every part delivered, or refused for good (logged): nothing left to try.
    Done,
    /// Parts are left that a later try may deliver.
    TryAgain,
}

/// Pushes `parts` in order, taking each off once LINE has it.
async fn push_parts(app: &App, to: &str, parts: &mut VecDeque<(String, Vec<Value>)>) -> Pushing {
    while let Some((key, chunk)) = parts.front() {
        match push_chunk(app, to, chunk, key).await {
            Chunk::Taken => {}
            Chunk::QuotaUsedUp => {
                log::warn!("a direct LINE message waits: the monthly quota is used up");
                return Pushing::TryAgain;
            }
            Chunk::TryLater(e) => {
                log::warn!("a direct LINE message was not taken, will try again: {e}");
                return Pushing::TryAgain;
            }
            Chunk::Refused(refused) => {
                log::warn!("a direct LINE message was refused, not retried: {refused}");
                return Pushing::Done;
            }
        }
        parts.pop_front();
    }
    Pushing::Done
}

/// A push LINE will never take: kept in the outbox with its error (counted by /status),
/// no longer retried.
async fn give_up(app: &App, outbox_id: i64, error: String) {
    log::warn!("LINE message not sent, not retried: {error}");
    if let Err(e) = app.core.delivery_refused(outbox_id, error).await {
        log::error!("cannot update the outbox: {e}");
    }
    app.claims.release([outbox_id]);
}

/// Records outbox rows LINE took, in one store job: the rows and their retry keys removed,
/// and where a card went recorded, so that a change of its state reaches that chat too. A
/// row of which a reply took only the first part stays, that part noted as never to push.
async fn acknowledge(app: &App, sent: Vec<Sent>) {
    if sent.is_empty() {
        return;
    }
    let ids: Vec<i64> = sent
        .iter()
        .filter(|s| !s.first_part_only)
        .map(|s| s.outbox_id)
        .collect();
    let removed = ids.clone();
    let now = app.core.now();
    let recorded = app
        .on_store(move |conn| {
            for sent in &sent {
                if sent.first_part_only {
                    store::part_replied(conn, sent.outbox_id, 0)?;
                }
                if let Some((card, chat_id)) = &sent.card {
                    crate::core::card_posted(conn, sent.outbox_id, card, *chat_id, 0, now)?;
                }
            }
            crate::core::outbox::remove(conn, &removed)?;
            store::forget_keys(conn, &removed)
        })
        .await;
    if let Err(e) = recorded {
        log::error!("cannot update the outbox: {e}");
    }
    // A row still to push stays claimed.
    app.claims.release(ids);
}

/// The LINE id of the chat `chat_id`: from memory, or else from the store (then remembered).
pub async fn line_id(app: &App, chat_id: i64) -> Option<String> {
    if let Some(known) = lock(&app.chats).get(&chat_id) {
        return Some(known.clone());
    }
    let sealer = app.sealer.clone();
    let found = app
        .on_store(move |conn| store::line_id_of(conn, &sealer, chat_id))
        .await
        .unwrap_or_else(|e| {
            log::error!("cannot read LINE ids: {e}");
            None
        })?;
    lock(&app.chats).insert(chat_id, found.clone());
    Some(found)
}

/// The LINE messages of a core message: an attachment first (an image, or a link to the
/// file), then the text, its buttons as [`render::line_messages`] places them.
async fn messages_for(app: &App, chat_id: i64, message: &OutMessage) -> Vec<Value> {
    let attachment = match &message.attachment {
        Some(attachment) => attachment_message(app, chat_id, attachment).await,
        None => None,
    };
    render::line_messages(attachment, message)
}

async fn attachment_message(app: &App, chat_id: i64, attachment: &Attachment) -> Option<Value> {
    let source = match attachment {
        Attachment::Photo { file_id } | Attachment::Document { file_id } => Some(file_id.clone()),
        Attachment::File { .. } => None,
    };
    let (name, mime, bytes) = match attachment {
        Attachment::File { name, mime, bytes } => (name.clone(), mime.clone(), bytes.clone()),
        Attachment::Photo { file_id } | Attachment::Document { file_id } => {
            let (name, mime) = if matches!(attachment, Attachment::Photo { .. }) {
                ("photo.jpg", "image/jpeg")
            } else {
                ("file", "application/octet-stream")
            };
            let fetched = match file_id.strip_prefix(LINE_CONTENT) {
                Some(message_id) => app.api.content(message_id).await.map_err(|e| e.to_string()),
                // Sent on Telegram: fetched from there when this process runs Telegram too.
                None => match app.core.fetch_file(file_id) {
                    Some(fetching) => fetching.await.map(|bytes| {
                        (bytes.len() <= super::api::MAX_DOWNLOAD_BYTES).then_some(bytes)
                    }),
                    None => return Some(notice(app, "line.attachment_on_telegram")),
                },
            };
            match fetched {
                Ok(Some(bytes)) => (name.to_string(), mime.to_string(), bytes),
                Ok(None) => return Some(notice(app, "line.attachment_too_large")),
                Err(e) => {
                    log::warn!("cannot fetch an attachment to forward: {e}");
                    return Some(notice(app, "line.attachment_unavailable"));
                }
            }
        }
    };
    let token = new_token();
    let expires = app.core.now() + chrono::Duration::days(app.core.config().file_link_days);
    let url = format!("{}/files/{token}", app.public_url);
    let is_image = matches!(mime.as_str(), "image/png" | "image/jpeg");
    let stored = app
        .on_store({
            let name = name.clone();
            move |conn| {
                let file = store::StoredFile {
                    token: &token,
                    chat_id,
                    name: &name,
                    mime: &mime,
                    bytes: &bytes,
                    source: source.as_deref(),
                };
                store::store_file(conn, &file, expires)
            }
        })
        .await;
    if let Err(e) = stored {
        log::error!("cannot store a file link: {e}");
        return Some(notice(app, "line.attachment_unavailable"));
    }
    Some(if is_image {
        json!({ "type": "image", "originalContentUrl": url, "previewImageUrl": url })
    } else {
        let days = app.core.config().file_link_days;
        let text = app.core.locales().text(
            crate::i18n::Lang::Th,
            "line.file_link",
            &[
                ("name", crate::i18n::Arg::from(name)),
                ("url", crate::i18n::Arg::from(url)),
                ("days", crate::i18n::Arg::from(days)),
            ],
        );
        json!({ "type": "text", "text": render::html_to_text(&text) })
    })
}

fn notice(app: &App, key: &str) -> Value {
    let text = app.core.locales().text(crate::i18n::Lang::Th, key, &[]);
    json!({ "type": "text", "text": render::html_to_text(&text) })
}

/// 128 random bits, hex.
fn new_token() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the system's random source");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Stops serving every copy of content its sender took back.
pub async fn withdraw_files(app: &App, file_id: &str) {
    let source = file_id.to_string();
    remove_files(app, move |conn| store::remove_files_of(conn, &source)).await;
}

/// Removes file links with `remove` on the store.
async fn remove_files(
    app: &App,
    remove: impl FnOnce(&Connection) -> rusqlite::Result<usize> + Send + 'static,
) {
    if let Err(e) = app.on_store(remove).await {
        log::error!("cannot remove file links: {e}");
    }
}

pub async fn forget_expired_files(app: &App) {
    let now = app.core.now();
    remove_files(app, move |conn| store::remove_expired_files(conn, now)).await;
}
