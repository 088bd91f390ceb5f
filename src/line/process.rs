//! Recorded events to the core: a dispatcher reads the inbox in order and hands each event
//! to the worker of its chat, so one chat's events are handled in order while other chats
//! go on; each event's update id makes a second handling change nothing.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::deliver::{self, Answering};
use super::events::{self, LineEvent, Source};
use super::{App, core_id, store};
use crate::core::{Actor, Chat, ChatKind, Document, Event, Input, Platform, Role};

/// Workers keyed by chat, as many as the Telegram adapter's dispatcher has. Each spends most
/// of an event waiting (LINE's profile call, the store's commit, the reply call): with 48,
/// more events share each commit, and the webhook benchmark answers about twice as fast as
/// with 16 (README).
const WORKERS: usize = 48;
/// A reply token is used only this soon after LINE sent it (LINE accepts it for about a
/// minute); later answers are pushed.
const REPLY_WINDOW: chrono::Duration = chrono::Duration::seconds(50);
const IDLE_POLL: Duration = Duration::from_secs(1);

pub fn start(app: Arc<App>) -> (JoinHandle<()>, Vec<JoinHandle<()>>) {
    let (senders, workers): (Vec<_>, Vec<_>) = (0..WORKERS)
        .map(|_| {
            let (tx, rx) = mpsc::unbounded_channel();
            (tx, tokio::spawn(work(app.clone(), rx)))
        })
        .unzip();
    (tokio::spawn(dispatch(app, senders)), workers)
}

async fn dispatch(app: Arc<App>, workers: Vec<mpsc::UnboundedSender<store::Pending>>) {
    let mut last = 0;
    loop {
        let sealer = app.sealer.clone();
        match app
            .on_store(move |conn| store::pending_after(conn, &sealer, last))
            .await
        {
            Ok(pending) if !pending.is_empty() => {
                for event in pending {
                    last = event.event_id;
                    let chat = event
                        .payload
                        .as_deref()
                        .and_then(|p| serde_json::from_str(p).ok())
                        .map(|v| events::chat_of(&v))
                        .unwrap_or_default();
                    let mut hasher = DefaultHasher::new();
                    chat.hash(&mut hasher);
                    let worker = (hasher.finish() % WORKERS as u64) as usize;
                    let _ = workers[worker].send(event);
                }
                continue;
            }
            Ok(_) => {}
            Err(e) => log::error!("cannot read the LINE inbox: {e}"),
        }
        tokio::select! {
            _ = app.inbox.notified() => {}
            _ = tokio::time::sleep(IDLE_POLL) => {}
        }
    }
}

async fn work(app: Arc<App>, mut events: mpsc::UnboundedReceiver<store::Pending>) {
    while let Some(pending) = events.recv().await {
        handle(&app, pending).await;
    }
}

async fn handle(app: &Arc<App>, pending: store::Pending) {
    let event_id = pending.event_id;
    let parsed = pending
        .payload
        .as_deref()
        .map(serde_json::from_str::<LineEvent>);
    let event = match parsed {
        Some(Ok(event)) => event,
        unreadable => {
            match unreadable {
                Some(Err(e)) => log::warn!("LINE event {event_id} cannot be read ({e}); dropped"),
                _ => log::warn!(
                    "LINE event {event_id} was sealed under another channel secret; dropped"
                ),
            }
            let sealer = app.sealer.clone();
            let removed = app
                .on_store(move |conn| store::handled(conn, &sealer, event_id, None))
                .await;
            if let Err(e) = removed {
                log::error!("cannot update the LINE inbox: {e}");
            }
            return;
        }
    };
    let chat = event
        .source
        .as_ref()
        .map(|s| (core_id(s.chat_id()), s.chat_id().to_string()));
    // A chat already known this run has its LINE id stored: only a new one is written.
    let new_chat = chat.filter(|(id, line_id)| {
        lock(&app.chats).insert(*id, line_id.clone()).as_ref() != Some(line_id)
    });
    if event.kind == "join" {
        greet_group(app, &event).await;
    }
    let core_event = convert(app, &event, -event_id).await;
    // The inbox row is closed in the transaction that handles the event, with the chat's
    // LINE id remembered for later pushes. A crash before the answer leaves what the event
    // owes in the outbox, which the sweeper pushes: nothing is handled twice or lost.
    let sealer = app.sealer.clone();
    let close = move |conn: &rusqlite::Connection| {
        let chat = new_chat
            .as_ref()
            .map(|(id, line_id)| (*id, line_id.as_str()));
        store::handled(conn, &sealer, event_id, chat)
    };
    let handover = app.claims.handing_over().await;
    let handled = match core_event {
        Some(core_event) => app
            .core
            .handle_then(core_event, close)
            .await
            .map_err(|e| e.to_string()),
        None => app.on_store(close).await.map(|()| Vec::new()),
    };
    let deliveries = match handled {
        Ok(deliveries) => deliveries,
        // Left in the inbox: the next start handles it again (and stores the chat's LINE id,
        // which until then is known from memory).
        Err(e) => {
            log::error!("LINE event {event_id} failed: {e}");
            return;
        }
    };
    let claimed = app.claims.claim(deliveries);
    drop(handover);
    let answering = event.source.as_ref().map(|source| Answering {
        chat_id: core_id(source.chat_id()),
        reply_token: event
            .reply_token
            .clone()
            .filter(|_| app.core.now() - pending.received_at < REPLY_WINDOW),
    });
    deliver::deliver(app, claimed, answering).await;
}

/// Added to a group: says how an admin registers it (no person is behind a join event, so
/// the core has no part in it). Free, by reply.
async fn greet_group(app: &App, event: &LineEvent) {
    let Some(token) = &event.reply_token else {
        return;
    };
    let text = app
        .core
        .locales()
        .text(crate::i18n::Lang::Th, "line.joined", &[]);
    let message = serde_json::json!({ "type": "text", "text": super::render::html_to_text(&text) });
    if let Err(e) = app.api.reply(token, &[message]).await {
        log::warn!("cannot greet a new group: {e}");
    }
}

/// The core's view of a LINE event, or `None` for those it has no part in.
async fn convert(app: &App, event: &LineEvent, update_id: i64) -> Option<Event> {
    let source = event.source.as_ref()?;
    // Someone joined or left a registered group, or blocked the bot: what we knew of their
    // roles may be stale.
    let changed = event
        .joined
        .iter()
        .chain(&event.left)
        .flat_map(|m| &m.members);
    for member in changed {
        if let Some(user_id) = member.user_id() {
            app.members.forget(user_id).await;
        }
    }
    // The bot was removed from a group or room (or left it): as Telegram's my_chat_member.
    if event.kind == "leave" && !source.is_private() {
        let chat = Chat {
            id: core_id(source.chat_id()),
            kind: ChatKind::Group,
            title: None,
        };
        return Some(crate::core::bot_removed_event(Some(update_id), chat));
    }
    let user_id = source.user_id()?;
    let input = match event.kind.as_str() {
        "message" => message_input(event.message.as_ref()?)?,
        "postback" => Input::Button {
            callback_id: String::new(),
            data: event.postback.as_ref()?.data.clone(),
            message_id: 0,
        },
        "unsend" => {
            let file_id = format!(
                "{}{}",
                deliver::LINE_CONTENT,
                event.unsend.as_ref()?.message_id
            );
            deliver::withdraw_files(app, &file_id).await;
            Input::Withdrawn { file_id }
        }
        // Adding the bot as a friend opens the chat as Telegram's Start button does.
        "follow" if source.is_private() => Input::Text("/start".into()),
        "unfollow" => {
            app.members.forget(user_id).await;
            return None;
        }
        _ => return None,
    };
    let (memberships, name) = who_is(app, source, user_id).await;
    Some(Event {
        update_id: Some(update_id),
        reply_to: None,
        message_id: None,
        chat: Chat {
            id: core_id(source.chat_id()),
            kind: if source.is_private() {
                ChatKind::Private
            } else {
                ChatKind::Group
            },
            title: None,
        },
        actor: Actor {
            user_id: core_id(user_id),
            name: if name.is_empty() {
                app.core
                    .locales()
                    .text(crate::i18n::Lang::Th, "line.unnamed", &[])
            } else {
                name
            },
            username: None,
            anonymous_admin: false,
            memberships,
        },
        input,
    })
}

fn message_input(message: &super::events::Message) -> Option<Input> {
    // The content stays with LINE; a flow that needs it asks by this id.
    let file_id = format!("{}{}", deliver::LINE_CONTENT, message.id);
    match message.kind.as_str() {
        "text" => Some(Input::Text(message.text.clone()?)),
        "image" => Some(Input::Photo {
            file_id,
            caption: None,
        }),
        "file" => Some(Input::Document(Document {
            file_id,
            file_name: message.file_name.clone(),
            mime: None,
            size: message.file_size.unwrap_or_default(),
            caption: None,
            bytes: None,
        })),
        // A sticker, audio, video, location …: nothing the bot can use, but the person is
        // still told what it can do.
        _ => Some(Input::Unusable),
    }
}

/// The sender's roles through the registered LINE groups, and their display name. The
/// groups come from the core's copy, read again only after they change, and their LINE ids
/// from memory once known.
async fn who_is(app: &App, source: &Source, user_id: &str) -> (Vec<Role>, String) {
    let registered = app.core.registered_groups().await.unwrap_or_else(|e| {
        log::error!("cannot read the registered groups: {e}");
        Vec::new()
    });
    let mut groups = Vec::with_capacity(registered.len() + 1);
    for (role, chat_id) in registered {
        if Platform::of(chat_id) == Platform::Line
            && let Some(line_id) = deliver::line_id(app, chat_id).await
        {
            groups.push((Some(role), line_id));
        }
    }
    if let Source::Group { group_id, .. }
    | Source::Room {
        room_id: group_id, ..
    } = source
        && !groups.iter().any(|(_, g)| g == group_id)
    {
        groups.insert(0, (None, group_id.clone()));
    }
    app.members.look_up(&app.api, user_id, &groups).await
}

pub fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}
