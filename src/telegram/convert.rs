//! Telegram updates to core events.

use std::sync::Arc;

use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::{ChatKind as TgChatKind, MessageKind, UpdateKind};

use super::App;
use crate::core::{Actor, Chat, ChatKind, Document, Event, Input};

/// Files larger than this are not downloaded; the core answers that they are too big.
pub const MAX_DOWNLOAD_BYTES: u64 = 10 * 1024 * 1024;

pub async fn handle_update(app: &Arc<App>, update: Update) {
    let update_id = i64::from(update.id.0);
    let event = match &update.kind {
        UpdateKind::Message(message) => message_event(app, update_id, message).await,
        UpdateKind::CallbackQuery(query) => callback_event(app, update_id, query).await,
        _ => None,
    };
    let Some(event) = event else {
        app.commits.committed(update.id.0 as i32);
        return;
    };
    let started = std::time::Instant::now();
    let handled = app.core.handle(event).await;
    // Committed (or failed without writing): the poller may now confirm this update.
    app.commits.committed(update.id.0 as i32);
    match handled {
        Ok(deliveries) => {
            log::debug!("update {update_id} handled in {:?}", started.elapsed());
            super::deliver::send_all(app, deliveries).await;
        }
        // Not recorded as processed: the next restart's redelivery retries it.
        Err(e) => log::error!("update {update_id} failed: {e}"),
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

async fn actor_of(app: &App, user: &teloxide::types::User, chat: &Chat) -> Actor {
    let memberships = match chat.kind {
        ChatKind::Private => app.members.roles_of(app, user.id).await,
        ChatKind::Group => Vec::new(),
    };
    Actor {
        user_id: user.id.0 as i64,
        name: user.full_name(),
        username: user.username.clone(),
        anonymous_admin: false,
        memberships,
    }
}

async fn message_event(app: &Arc<App>, update_id: i64, message: &Message) -> Option<Event> {
    let chat = chat_of(&message.chat)?;
    // A service message, possibly without a sender: the group now lives under a new id.
    if let Some(to) = message.migrate_to_chat_id() {
        return Some(Event {
            update_id: Some(update_id),
            chat,
            actor: crate::core::system_event().actor,
            input: Input::GroupMigrated { to_chat_id: to.0 },
        });
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
        (_, Some(user)) if !user.is_bot => actor_of(app, user, &chat).await,
        _ => return None,
    };
    let input = message_input(app, message).await?;
    Some(Event {
        update_id: Some(update_id),
        chat,
        actor,
        input,
    })
}

async fn message_input(app: &App, message: &Message) -> Option<Input> {
    if !matches!(message.kind, MessageKind::Common(_)) {
        return None;
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
    let document = message.document()?;
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
    let file = match app
        .bot
        .get_file(teloxide::types::FileId(file_id.to_string()))
        .await
    {
        Ok(file) => file,
        Err(e) => {
            log::warn!("getFile failed: {e}");
            return None;
        }
    };
    let mut bytes = Vec::new();
    match app.bot.download_file(&file.path, &mut bytes).await {
        Ok(()) if bytes.len() as u64 <= MAX_DOWNLOAD_BYTES => Some(bytes),
        Ok(()) => None,
        Err(e) => {
            log::warn!("file download failed: {e}");
            None
        }
    }
}

async fn callback_event(app: &Arc<App>, update_id: i64, query: &CallbackQuery) -> Option<Event> {
    let message = query.message.as_ref()?;
    let chat = chat_of(message.chat())?;
    let actor = actor_of(app, &query.from, &chat).await;
    Some(Event {
        update_id: Some(update_id),
        chat,
        actor,
        input: Input::Button {
            callback_id: query.id.to_string(),
            data: query.data.clone().unwrap_or_default(),
            message_id: i64::from(message.id().0),
        },
    })
}
