//! Telegram updates to core events.

use std::sync::Arc;

use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::{ChatKind as TgChatKind, ChatMemberKind, MessageKind, UpdateKind, UserId};

use super::App;
use super::finishing::Finishing;
use crate::core::{
    Actor, Chat, ChatKind, Document, Event, Input, Pending, Role, bot_removed_event,
};

/// Files larger than this are not downloaded; the core answers that they are too big.
pub const MAX_DOWNLOAD_BYTES: u64 = 10 * 1024 * 1024;

pub async fn handle_update(app: &Arc<App>, update: Update) {
    let update_id = i64::from(update.id.0);
    let event = match &update.kind {
        UpdateKind::Message(message) => message_event(app, update_id, message, false).await,
        UpdateKind::EditedMessage(message) => message_event(app, update_id, message, true).await,
        UpdateKind::CallbackQuery(query) => callback_event(update_id, query),
        UpdateKind::MyChatMember(change) if !may_post(&change.new_chat_member.kind) => {
            chat_of(&change.chat).map(|chat| bot_removed_event(Some(update_id), chat))
        }
        _ => None,
    };
    let Some(event) = event else {
        app.commits.committed(update.id.0 as i32);
        return;
    };
    handle_event(app, event, Some(update.id.0 as i32)).await;
}

/// Handles an event (of the Telegram update `update`, if any) and hands its messages on.
///
/// Returns once the event has run on the store: the chat's next update may run then (it
/// sees this one's writes). The commit, the update's confirmation and the messages follow in
/// a task of their own ([`Finishing`]), in the chat's order.
pub async fn handle_event(app: &Arc<App>, event: Event, update: Option<i32>) {
    let update_id = event.update_id;
    let mut turn = app.finishing.take_turn(event.chat.id);
    let ran = handle_with_roles_as_needed(app, event).await;
    let app = app.clone();
    tokio::spawn(async move {
        let handled = match ran {
            Ok((pending, handover)) => pending.committed().await.map(|d| (d, handover)),
            Err(e) => Err(e),
        };
        // Committed (or failed without writing): the poller may now confirm this update.
        if let Some(update) = update {
            app.commits.committed(update);
        }
        match handled {
            Ok((deliveries, handover)) => {
                let claimed = app.claims.claim(deliveries);
                drop(handover);
                Finishing::wait_for_previous(&mut turn).await;
                super::deliver::dispatch(&app, claimed).await;
            }
            // Not recorded as processed: the next restart's redelivery retries it.
            Err(e) => log::error!("update {update_id:?} failed: {e}"),
        }
        app.finishing.end(turn);
    });
}

/// Whether a member in this state may post: not when gone, banned or muted.
fn may_post(member: &ChatMemberKind) -> bool {
    match member {
        ChatMemberKind::Restricted(restricted) => {
            restricted.is_member && restricted.can_send_messages
        }
        other => other.is_present(),
    }
}

fn chat_of(chat: &teloxide::types::Chat) -> Option<Chat> {
    let kind = match &chat.kind {
        TgChatKind::Private(_) => ChatKind::Private,
        TgChatKind::Public(public) => match public.kind {
            teloxide::types::PublicChatKind::Channel(_) => return None,
            _ => ChatKind::Group,
        },
    };
    Some(Chat {
        id: chat.id.0,
        kind,
        title: chat.title().map(str::to_string),
    })
}

/// The sender; in a private chat their roles are filled in by
/// [`handle_with_roles_as_needed`].
fn actor_of(user: &teloxide::types::User) -> Actor {
    Actor {
        user_id: user.id.0 as i64,
        name: user.full_name(),
        username: user.username.clone(),
        anonymous_admin: false,
        memberships: Vec::new(),
    }
}

/// Held from before an update's commit until its outbox rows are claimed, so that the
/// sweeper never takes them in between (see `deliver::send_due`).
type Handover = tokio::sync::OwnedRwLockReadGuard<()>;

/// In a private chat a person's roles come from Telegram (getChatMember, a call per group)
/// unless remembered. The event is handled with the roles known so far; only if it turns out
/// to need others are those looked up and the event handled again (the try wrote nothing,
/// so the handover is not held while Telegram is asked).
async fn handle_with_roles_as_needed(
    app: &Arc<App>,
    mut event: Event,
) -> Result<(Pending, Handover), crate::db::DbError> {
    if event.chat.kind == ChatKind::Private {
        let user = UserId(event.actor.user_id as u64);
        // Each round looks up at least one more role, so this ends within a round per role;
        // the bound only matters if remembered answers expire in between.
        for _ in 0..=crate::core::Role::ALL.len() {
            let known = app.members.cached(user).await;
            event.actor.memberships = known.held;
            let handover = app.claims.handing_over().await;
            match app
                .core
                .handle_pending(event.clone(), known.looked_up)
                .await?
            {
                Ok(handled) => return Ok((handled, handover)),
                Err(needed) => {
                    drop(handover);
                    app.members.ask_telegram(app, user, needed).await;
                }
            }
        }
    }
    let handover = app.claims.handing_over().await;
    match app.core.handle_pending(event, Role::ALL.to_vec()).await? {
        Ok(pending) => Ok((pending, handover)),
        // Every role is known in a group (it is the group's), so none can be missing.
        Err(needed) => unreachable!("roles {:?} asked with every role known", needed.roles),
    }
}

/// `edited`: the message is a new version of one sent before (an `edited_message` update).
async fn message_event(
    app: &Arc<App>,
    update_id: i64,
    message: &Message,
    edited: bool,
) -> Option<Event> {
    let chat = chat_of(&message.chat)?;
    // A service message, possibly without a sender: the group now lives under a new id.
    if let Some(to) = message.migrate_to_chat_id() {
        return Some(Event {
            update_id: Some(update_id),
            reply_to: None,
            message_id: None,
            chat,
            actor: crate::core::system_event().actor,
            input: Input::GroupMigrated { to_chat_id: to.0 },
        });
    }
    if message
        .left_chat_member()
        .is_some_and(|user| user.id == app.bot_id)
    {
        return Some(bot_removed_event(Some(update_id), chat));
    }
    // An anonymous admin writes as the group itself; Telegram only allows admins to do so.
    let actor = match (&message.sender_chat, &message.from) {
        (Some(sender), _) if sender.id == message.chat.id => Actor {
            user_id: sender.id.0,
            name: sender.title().unwrap_or_default().to_string(),
            username: None,
            anonymous_admin: true,
            memberships: Vec::new(),
        },
        (_, Some(user)) if !user.is_bot => actor_of(user),
        _ => return None,
    };
    // A forwarded or edited message is answered, never carried out as this sender's command.
    let relayed = || {
        let text = message.text().or(message.caption()).unwrap_or_default();
        text.to_string()
    };
    let input = if message.forward_origin().is_some() {
        Input::Forwarded { text: relayed() }
    } else if edited {
        Input::Edited { text: relayed() }
    } else {
        message_input(app, message).await?
    };
    Some(Event {
        update_id: Some(update_id),
        reply_to: message.reply_to_message().map(|m| i64::from(m.id.0)),
        message_id: Some(i64::from(message.id.0)),
        chat,
        actor,
        input,
    })
}

async fn message_input(app: &App, message: &Message) -> Option<Input> {
    match message.kind {
        MessageKind::Common(_) => {}
        // A dice throw (🎲 🎯 🏀 …) is a message of its own kind, sent by a person.
        MessageKind::Dice(_) => return Some(Input::Unusable),
        _ => return None,
    }
    if let Some(text) = message.text() {
        return Some(Input::Text(text.to_string()));
    }
    let caption = message.caption().map(str::to_string);
    if let Some(photo) = message
        .photo()
        .and_then(|sizes| sizes.iter().max_by_key(|p| p.width * p.height))
    {
        return Some(Input::Photo {
            file_id: photo.file.id.to_string(),
            caption,
        });
    }
    // A sticker, voice message, video, location, contact, poll …: nothing the bot can use,
    // but the person is still told what it can do.
    let Some(document) = message.document() else {
        return Some(Input::Unusable);
    };
    let size = u64::from(document.file.size);
    // Only files sent with a command caption are fetched; nothing else needs their content.
    let bytes =
        if caption.as_deref().is_some_and(|c| !c.trim().is_empty()) && size <= MAX_DOWNLOAD_BYTES {
            download(app, &document.file.id.to_string()).await
        } else {
            None
        };
    Some(Input::Document(Document {
        file_id: document.file.id.to_string(),
        file_name: document.file_name.clone(),
        mime: document.mime_type.as_ref().map(|m| m.to_string()),
        size,
        caption,
        bytes,
    }))
}

async fn download(app: &App, file_id: &str) -> Option<Vec<u8>> {
    match download_with(&app.bot, file_id).await {
        Ok(bytes) if bytes.len() as u64 <= MAX_DOWNLOAD_BYTES => Some(bytes),
        Ok(_) => None,
        Err(e) => {
            log::warn!("{e}");
            None
        }
    }
}

/// getFile, then the download; a failure says which step failed.
pub async fn download_with(bot: &Bot, file_id: &str) -> Result<Vec<u8>, String> {
    let file = bot
        .get_file(teloxide::types::FileId(file_id.to_string()))
        .await
        .map_err(|e| format!("getFile failed: {e}"))?;
    let mut bytes = Vec::new();
    bot.download_file(&file.path, &mut bytes)
        .await
        .map_err(|e| format!("file download failed: {e}"))?;
    Ok(bytes)
}

fn callback_event(update_id: i64, query: &CallbackQuery) -> Option<Event> {
    let message = query.message.as_ref()?;
    let chat = chat_of(message.chat())?;
    let actor = actor_of(&query.from);
    Some(Event {
        update_id: Some(update_id),
        reply_to: None,
        message_id: None,
        chat,
        actor,
        input: Input::Button {
            callback_id: query.id.to_string(),
            data: query.data.clone().unwrap_or_default(),
            message_id: i64::from(message.id().0),
        },
    })
}
