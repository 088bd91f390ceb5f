//! A fake Telegram Bot API server for end-to-end tests.
//!
//! It listens on 127.0.0.1 (an ephemeral port), answers the Bot API methods the
//! bot uses with realistic objects, serves long polling exactly like Telegram
//! (`offset` confirms, unconfirmed updates are delivered again), records every
//! call the bot makes and can inject the errors Telegram produces.
//!
//! Where Telegram rejects a request that a sloppy bot could make, the fake
//! rejects it too, with Telegram's wording, so tests catch those bugs:
//! malformed HTML (`parse_mode` HTML), empty or over-long texts and captions,
//! `callback_data` over 64 bytes, editing a message into what it already is,
//! editing a message that does not exist and sending to a group that was
//! migrated to a supergroup (see `push_migrate`).

// Every test binary that says `mod support;` compiles this file but uses only
// part of it.
#![allow(dead_code)]

use std::{
    collections::{HashMap, HashSet, VecDeque},
    net::SocketAddr,
    sync::{Arc, Mutex, MutexGuard},
    time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

use axum::serve::ListenerExt;
use axum::{
    Form, Json, Router,
    extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Query, Request, State as AxumState},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
    routing::{any, get},
};
use serde_json::{Map, Value, json};
use tokio::sync::Notify;

/// Telegram's user id of the account that stands in for anonymous group admins.
const GROUP_ANONYMOUS_BOT_ID: i64 = 1087968824;
/// Telegram accepts uploads of up to 50 MB from bots.
const MAX_UPLOAD_BYTES: usize = 50 * 1024 * 1024;
const MAX_TEXT_CHARS: usize = 4096;
const MAX_CAPTION_CHARS: usize = 1024;
const MAX_CALLBACK_DATA_BYTES: usize = 64;
/// How many calls a failed `wait_for` prints.
const CALLS_IN_DUMP: usize = 40;
/// Requests travel a few milliseconds from a well-behaved throttle to the
/// server, so a rate window is shortened by this much before it is judged.
const NETWORK_JITTER_ALLOWANCE: Duration = Duration::from_millis(50);
/// Tags Telegram's HTML parse mode understands.
const TELEGRAM_HTML_TAGS: [&str; 16] = [
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "span",
    "tg-spoiler",
    "a",
    "tg-emoji",
    "code",
    "pre",
    "blockquote",
];

/// One Bot API call the bot made (`getUpdates` is only counted, see
/// [`FakeTelegram::get_updates_calls`]).
#[derive(Clone, Debug)]
pub struct ApiCall {
    /// The method in the Bot API's spelling, e.g. `sendMessage` (teloxide
    /// sends `SendMessage`; Telegram ignores the case).
    pub method: String,
    /// All parameters as one JSON object. Form and multipart text fields hold
    /// JSON objects and arrays parsed, anything else as strings.
    pub params: Value,
    pub files: Vec<UploadedFile>,
    pub at: Instant,
}

impl ApiCall {
    /// The `chat_id` parameter, whether it came as a JSON number or as text.
    pub fn chat_id(&self) -> Option<i64> {
        int_param(&self.params, "chat_id")
    }
}

/// A file uploaded in a multipart request.
#[derive(Clone, Debug)]
pub struct UploadedFile {
    /// The parameter that refers to the file (e.g. `document`); teloxide names
    /// the part itself with a random id and sends `document=attach://<id>`.
    pub field: String,
    /// `None` when the part had no or an empty file name.
    pub file_name: Option<String>,
    pub bytes: Vec<u8>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChatKind {
    Private,
    Group,
    Supergroup,
}

#[derive(Clone, Debug)]
pub struct Chat {
    pub id: i64,
    pub kind: ChatKind,
    pub title: Option<String>,
}

impl Chat {
    /// The private chat with `user` (Telegram gives it the user's id).
    pub fn private(user: &User) -> Chat {
        Chat {
            id: user.id,
            kind: ChatKind::Private,
            title: None,
        }
    }

    pub fn group(id: i64, title: &str) -> Chat {
        assert!(id < 0, "Telegram group ids are negative, got {id}");
        Chat {
            id,
            kind: ChatKind::Group,
            title: Some(title.to_owned()),
        }
    }

    /// Real supergroup ids look like -100xxxxxxxxxx, and teloxide (its
    /// throttle's per-supergroup limit, `ChatId::is_channel_or_supergroup`)
    /// only treats such ids as supergroups; shorter ones are accepted so
    /// tests can share ids with the core harness.
    pub fn supergroup(id: i64, title: &str) -> Chat {
        assert!(id < 0, "Telegram supergroup ids are negative, got {id}");
        Chat {
            id,
            kind: ChatKind::Supergroup,
            title: Some(title.to_owned()),
        }
    }
}

#[derive(Clone, Debug)]
pub struct User {
    pub id: i64,
    pub first_name: String,
    pub last_name: Option<String>,
    pub username: Option<String>,
    pub language_code: Option<String>,
}

impl User {
    pub fn new(id: i64, first_name: &str) -> User {
        User {
            id,
            first_name: first_name.to_owned(),
            last_name: None,
            username: None,
            language_code: None,
        }
    }

    fn to_json(&self) -> Value {
        let mut user = json!({ "id": self.id, "is_bot": false, "first_name": self.first_name });
        insert_some(&mut user, "last_name", &self.last_name);
        insert_some(&mut user, "username", &self.username);
        insert_some(&mut user, "language_code", &self.language_code);
        user
    }
}

/// The fake server. Cloning gives another handle to the same server.
#[derive(Clone)]
pub struct FakeTelegram {
    shared: Arc<Shared>,
    address: SocketAddr,
}

struct Shared {
    state: Mutex<State>,
    /// Wakes long-polling `getUpdates` calls when an update is pushed or
    /// another `getUpdates` starts.
    poll_wakeup: Notify,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().expect("a fake Telegram handler panicked")
    }
}

impl FakeTelegram {
    pub const TOKEN: &'static str = "123456:TEST";
    const BOT_ID: i64 = 7_000_000_001;
    const BOT_USERNAME: &'static str = "khetbot_test_bot";
    const BOT_FIRST_NAME: &'static str = "khetbot";

    pub async fn start() -> FakeTelegram {
        let shared = Arc::new(Shared {
            state: Mutex::new(State::new()),
            poll_wakeup: Notify::new(),
        });
        let router = Router::new()
            .route("/{bot_token}/{method}", any(handle_api_call))
            .route("/file/{bot_token}/{*file_path}", get(handle_file_download))
            .fallback(|| async { api_error(ApiFailure::new(404, "Not Found")) })
            .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES))
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the fake Telegram server");
        let address = listener.local_addr().expect("fake Telegram address");
        // Like Telegram's servers: without TCP_NODELAY, Nagle's algorithm and delayed ACKs
        // hold small responses for ~40 ms each, which the bot would be blamed for.
        let listener = listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        tokio::spawn(async move {
            axum::serve(listener, router)
                .await
                .expect("fake Telegram server failed");
        });
        FakeTelegram { shared, address }
    }

    /// The base URL for `TELOXIDE_API_URL` / `Bot::set_api_url`.
    pub fn api_url(&self) -> String {
        format!("http://{}/", self.address)
    }

    pub fn bot_id(&self) -> i64 {
        Self::BOT_ID
    }

    pub fn bot_username(&self) -> &str {
        Self::BOT_USERNAME
    }

    /// Queues an update; the fake adds `update_id` (1, 2, ...) and returns it.
    pub fn push_update(&self, update_without_id: Value) -> i64 {
        self.push_updates(vec![update_without_id])[0]
    }

    /// Queues updates all at once, as a burst arriving together (see
    /// [`text_update`](Self::text_update)); returns their ids.
    pub fn push_updates(&self, updates_without_ids: Vec<Value>) -> Vec<i64> {
        let ids = {
            let mut state = self.shared.state();
            updates_without_ids
                .into_iter()
                .map(|mut update| {
                    state.next_update_id += 1;
                    let update_id = state.next_update_id;
                    update
                        .as_object_mut()
                        .expect("an update is a JSON object")
                        .insert("update_id".into(), json!(update_id));
                    state.pushed_updates.insert(update_id, update.clone());
                    state.pending_updates.push_back(update);
                    update_id
                })
                .collect()
        };
        self.shared.poll_wakeup.notify_waiters();
        ids
    }

    /// The update [`push_text`](Self::push_text) would queue, to push later.
    pub fn text_update(&self, chat: &Chat, from: &User, text: &str) -> Value {
        let mut fields = text_fields(text);
        let message = self
            .shared
            .state()
            .user_message(chat, Some(from), &mut fields);
        json!({ "message": message })
    }

    /// Delivers an already pushed update once more with the same `update_id`, even if it
    /// was confirmed, as Telegram may after a network hiccup.
    pub fn deliver_again(&self, update_id: i64) {
        {
            let mut state = self.shared.state();
            let update = state
                .pushed_updates
                .get(&update_id)
                .cloned()
                .expect("a pushed update id");
            state.duplicates.push_back(update);
        }
        self.shared.poll_wakeup.notify_waiters();
    }

    /// A text message from `from`; a leading `/command` gets its
    /// `bot_command` entity like Telegram gives it.
    pub fn push_text(&self, chat: &Chat, from: &User, text: &str) -> i64 {
        self.push_update(self.text_update(chat, from, text))
    }

    /// `from` forwards into `chat` a text message `original_sender` wrote, as Telegram
    /// shows it: the text with a `forward_origin` naming the original sender.
    pub fn push_forwarded_text(
        &self,
        chat: &Chat,
        from: &User,
        original_sender: &User,
        text: &str,
    ) -> i64 {
        let mut fields = text_fields(text);
        fields.insert(
            "forward_origin".into(),
            json!({ "type": "user", "date": unix_now(), "sender_user": original_sender.to_json() }),
        );
        let message = self
            .shared
            .state()
            .user_message(chat, Some(from), &mut fields);
        self.push_update(json!({ "message": message }))
    }

    /// `from` edits their message `message_id` in `chat` to `text`: an `edited_message`
    /// update with the same message id and an `edit_date`.
    pub fn push_edited_text(&self, chat: &Chat, from: &User, message_id: i64, text: &str) -> i64 {
        let mut fields = text_fields(text);
        fields.insert("edit_date".into(), json!(unix_now()));
        let mut message = self
            .shared
            .state()
            .user_message(chat, Some(from), &mut fields);
        message["message_id"] = json!(message_id);
        self.push_update(json!({ "edited_message": message }))
    }

    /// A message from `from` made of `fields` as Telegram sends them (a sticker, a voice
    /// message, a location …), beside the id, date, chat and sender the fake adds.
    pub fn push_message_with(&self, chat: &Chat, from: &User, fields: Value) -> i64 {
        let Value::Object(mut fields) = fields else {
            panic!("a message's fields are a JSON object");
        };
        let message = self
            .shared
            .state()
            .user_message(chat, Some(from), &mut fields);
        self.push_update(json!({ "message": message }))
    }

    /// The message id of update `update_id` as pushed (to edit it later).
    pub fn message_id_of(&self, update_id: i64) -> i64 {
        let state = self.shared.state();
        state.pushed_updates[&update_id]["message"]["message_id"]
            .as_i64()
            .expect("a message update")
    }

    /// A press on an inline button with `data` under message `message_id`.
    /// The embedded message is the one the bot sent (as last edited) or, if
    /// the fake has not seen it, an inaccessible message like Telegram sends
    /// for old or deleted ones.
    pub fn push_callback(&self, chat: &Chat, from: &User, message_id: i64, data: &str) -> i64 {
        self.push_update(self.callback_update(chat, from, message_id, data))
    }

    /// The update [`push_callback`](Self::push_callback) would queue, to push with others.
    pub fn callback_update(&self, chat: &Chat, from: &User, message_id: i64, data: &str) -> Value {
        let callback_query = {
            let mut state = self.shared.state();
            state.remember_user(from);
            let chat_json = state.remember_chat(chat);
            let message = state
                .bot_messages
                .get(&(chat.id, message_id))
                .cloned()
                .unwrap_or_else(
                    || json!({ "chat": chat_json, "message_id": message_id, "date": 0 }),
                );
            state.next_callback_query_id += 1;
            json!({
                "id": state.next_callback_query_id.to_string(),
                "from": from.to_json(),
                "message": message,
                "chat_instance": format!("instance{}", chat.id.unsigned_abs()),
                "data": data,
            })
        };
        json!({ "callback_query": callback_query })
    }

    pub fn push_photo(
        &self,
        chat: &Chat,
        from: &User,
        file_id: &str,
        caption: Option<&str>,
    ) -> i64 {
        let mut fields = Map::new();
        fields.insert("photo".into(), photo_sizes(file_id, None));
        if let Some(caption) = caption {
            fields.insert("caption".into(), json!(caption));
        }
        let message = self
            .shared
            .state()
            .user_message(chat, Some(from), &mut fields);
        self.push_update(json!({ "message": message }))
    }

    /// A document message; `getFile` and the download route serve `bytes`.
    #[allow(clippy::too_many_arguments)] // the brief fixes this signature
    pub fn push_document(
        &self,
        chat: &Chat,
        from: &User,
        file_id: &str,
        file_name: &str,
        mime: &str,
        bytes: Vec<u8>,
        caption: Option<&str>,
    ) -> i64 {
        let message = {
            let mut state = self.shared.state();
            let document = json!({
                "file_id": file_id,
                "file_unique_id": unique_id_of(file_id),
                "file_name": file_name,
                "mime_type": mime,
                "file_size": bytes.len(),
            });
            state.store_file(file_id, Some(file_name), bytes);
            let mut fields = Map::new();
            fields.insert("document".into(), document);
            if let Some(caption) = caption {
                fields.insert("caption".into(), json!(caption));
            }
            state.user_message(chat, Some(from), &mut fields)
        };
        self.push_update(json!({ "message": message }))
    }

    /// The service message Telegram sends in a group that became the
    /// supergroup `new_chat_id`. From then on sending to the old group fails
    /// with `migrate_to_chat_id`, as it does on Telegram.
    pub fn push_migrate(&self, old_chat: &Chat, new_chat_id: i64) -> i64 {
        let message = {
            let mut state = self.shared.state();
            let supergroup = Chat {
                id: new_chat_id,
                kind: ChatKind::Supergroup,
                title: old_chat.title.clone(),
            };
            state.remember_chat(&supergroup);
            state.migrated_chats.insert(old_chat.id, new_chat_id);
            let mut fields = Map::new();
            fields.insert("migrate_to_chat_id".into(), json!(new_chat_id));
            state.user_message(old_chat, None, &mut fields)
        };
        self.push_update(json!({ "message": message }))
    }

    /// `by` removes the bot from `chat`: Telegram's `my_chat_member` update (delivered only
    /// when the bot asks for it), and from then on every send to the chat fails with 403
    /// Forbidden, as it does on Telegram.
    pub fn push_bot_removed(&self, chat: &Chat, by: &User) -> i64 {
        let change = {
            self.remove_bot_silently(chat);
            let mut state = self.shared.state();
            json!({
                "chat": state.remember_chat(chat),
                "from": by.to_json(),
                "date": unix_now(),
                "old_chat_member": { "user": bot_user_json(), "status": "member" },
                "new_chat_member": { "user": bot_user_json(), "status": "kicked", "until_date": 0 },
            })
        };
        self.push_update(json!({ "my_chat_member": change }))
    }

    /// The bot is out of `chat` without the bot being told (an update it missed): sends there
    /// answer 403 Forbidden.
    pub fn remove_bot_silently(&self, chat: &Chat) {
        self.shared.state().kicked_chats.insert(chat.id);
    }

    /// The bot is added back to `chat`: sends there succeed again.
    pub fn restore_bot(&self, chat: &Chat) {
        self.shared.state().kicked_chats.remove(&chat.id);
    }

    /// A message an anonymous admin writes: Telegram shows it as sent by
    /// GroupAnonymousBot on behalf of the group itself.
    pub fn push_anonymous_admin_text(&self, chat: &Chat, text: &str) -> i64 {
        let anonymous_admin = json!({
            "id": GROUP_ANONYMOUS_BOT_ID,
            "is_bot": true,
            "first_name": "Group",
            "username": "GroupAnonymousBot",
        });
        let message = {
            let mut state = self.shared.state();
            let mut fields = text_fields(text);
            fields.insert("from".into(), anonymous_admin);
            fields.insert("sender_chat".into(), state.remember_chat(chat));
            state.user_message(chat, None, &mut fields)
        };
        self.push_update(json!({ "message": message }))
    }

    /// Every call except `getUpdates`, in order.
    pub fn calls(&self) -> Vec<ApiCall> {
        self.shared.state().calls.clone()
    }

    /// Calls of `method` (case-insensitive, like Telegram's method names).
    pub fn calls_of(&self, method: &str) -> Vec<ApiCall> {
        let state = self.shared.state();
        state
            .calls
            .iter()
            .filter(|call| call.method.eq_ignore_ascii_case(method))
            .cloned()
            .collect()
    }

    /// How many calls of `method` were made; cheap enough to poll in a tight loop (nothing
    /// is copied while the server waits for the lock).
    pub fn count_of(&self, method: &str) -> usize {
        let state = self.shared.state();
        state
            .calls
            .iter()
            .filter(|call| call.method.eq_ignore_ascii_case(method))
            .count()
    }

    /// How many of the [`sent_texts`](Self::sent_texts) of `chat_id` contain `needle`, without
    /// copying them.
    pub fn count_sent_containing(&self, chat_id: i64, needle: &str) -> usize {
        let state = self.shared.state();
        state
            .deliveries
            .iter()
            .filter(|delivery| delivery.chat_id == chat_id)
            .filter(|delivery| delivery.text.as_deref().is_some_and(|t| t.contains(needle)))
            .count()
    }

    /// How many distinct chats with an id in `chats` the bot has delivered a message to.
    pub fn chats_answered(&self, chats: std::ops::Range<i64>) -> usize {
        self.chats_answered_since(chats, &HashMap::new())
    }

    /// Deliveries so far to each chat with an id in `chats`.
    pub fn deliveries_per_chat(&self, chats: std::ops::Range<i64>) -> HashMap<i64, usize> {
        let state = self.shared.state();
        state
            .deliveries_per_chat
            .iter()
            .filter(|(chat_id, _)| chats.contains(chat_id))
            .map(|(chat_id, count)| (*chat_id, *count))
            .collect()
    }

    /// How many chats with an id in `chats` have received a delivery since `before` (a
    /// [`deliveries_per_chat`](Self::deliveries_per_chat) snapshot).
    pub fn chats_answered_since(
        &self,
        chats: std::ops::Range<i64>,
        before: &HashMap<i64, usize>,
    ) -> usize {
        let state = self.shared.state();
        state
            .deliveries_per_chat
            .iter()
            .filter(|(chat_id, count)| {
                chats.contains(chat_id) && **count > before.get(chat_id).copied().unwrap_or(0)
            })
            .count()
    }

    pub fn get_updates_calls(&self) -> usize {
        self.shared.state().get_updates_calls
    }

    /// How many `getUpdates` calls the bot hung up on before they were answered: its HTTP
    /// client gave up during a long poll.
    pub fn abandoned_polls(&self) -> usize {
        self.shared.state().abandoned_polls
    }

    /// The `text` of every successful sendMessage and the `caption` of every
    /// successful sendPhoto/sendDocument to `chat_id`, in order and as sent
    /// (HTML tags included).
    pub fn sent_texts(&self, chat_id: i64) -> Vec<String> {
        let state = self.shared.state();
        state
            .deliveries
            .iter()
            .filter(|delivery| delivery.chat_id == chat_id)
            .filter_map(|delivery| delivery.text.clone())
            .collect()
    }

    /// The id of the bot's latest message in `chat_id` whose text or caption
    /// contains `needle`, to press its buttons with [`push_callback`](Self::push_callback).
    pub fn bot_message_id(&self, chat_id: i64, needle: &str) -> Option<i64> {
        let state = self.shared.state();
        state
            .bot_messages
            .iter()
            .filter(|((chat, _), message)| {
                *chat == chat_id
                    && message["text"]
                        .as_str()
                        .or(message["caption"].as_str())
                        .is_some_and(|text| text.contains(needle))
            })
            .map(|((_, id), _)| *id)
            .max()
    }

    /// Polls every 10 ms until `pred` holds for the calls so far; panics with
    /// `what` and the latest calls when `timeout` passes first.
    pub async fn wait_for<F: Fn(&[ApiCall]) -> bool>(
        &self,
        what: &str,
        timeout: Duration,
        pred: F,
    ) {
        let deadline = Instant::now() + timeout;
        while !pred(&self.calls()) {
            if Instant::now() >= deadline {
                panic!(
                    "timed out after {timeout:?} waiting for {what}\n{}",
                    self.dump_calls()
                );
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Waits until a text in [`sent_texts`](Self::sent_texts) of `chat_id`
    /// contains `needle` and returns the newest such text.
    pub async fn wait_for_text(&self, chat_id: i64, needle: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(text) = self
                .sent_texts(chat_id)
                .into_iter()
                .rev()
                .find(|text| text.contains(needle))
            {
                return text;
            }
            if Instant::now() >= deadline {
                panic!(
                    "timed out after {timeout:?} waiting for a message to chat {chat_id} containing \
                     {needle:?}; texts sent to that chat: {:#?}\n{}",
                    self.sent_texts(chat_id),
                    self.dump_calls()
                );
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// The bot's messages in `chat_id` as last sent or edited (with their
    /// `message_id`, `text` and `reply_markup`), oldest first: what a test
    /// needs to press one of their buttons.
    pub fn bot_messages(&self, chat_id: i64) -> Vec<Value> {
        let state = self.shared.state();
        let mut messages: Vec<(i64, Value)> = state
            .bot_messages
            .iter()
            .filter(|((chat, _), _)| *chat == chat_id)
            .map(|((_, message_id), message)| (*message_id, message.clone()))
            .collect();
        messages.sort_by_key(|(message_id, _)| *message_id);
        messages.into_iter().map(|(_, message)| message).collect()
    }

    /// The highest `offset` a `getUpdates` call confirmed (0 before any).
    pub fn confirmed_offset(&self) -> i64 {
        self.shared.state().confirmed_offset
    }

    /// Updates pushed but not yet confirmed by a `getUpdates` offset.
    pub fn pending_updates(&self) -> usize {
        self.shared.state().pending_updates.len()
    }

    /// The next `times` calls of `method` answer 429 Too Many Requests with
    /// `parameters.retry_after = retry_after_secs` (replacing any failures
    /// still pending for it; 0 times cancels them).
    pub fn fail_next(&self, method: &str, times: usize, retry_after_secs: u32) {
        let mut state = self.shared.state();
        let key = method.to_ascii_lowercase();
        if times == 0 {
            state.injected_failures.remove(&key);
        } else {
            let failure = InjectedFailure {
                remaining: times,
                retry_after_secs,
            };
            state.injected_failures.insert(key, failure);
        }
    }

    /// From now on `deleteMessage` in `chat_id` is refused, as for a bot that is not an
    /// administrator there.
    pub fn refuse_deletions(&self, chat_id: i64) {
        self.shared.state().undeletable_chats.insert(chat_id);
    }

    /// What `getChatMember` answers for `user_id` in `chat_id`: member,
    /// administrator, creator, restricted, left or kicked. Unset users are
    /// "left", except the bot itself, which is a "member".
    pub fn set_chat_member(&self, chat_id: i64, user_id: i64, status: &str) {
        self.shared
            .state()
            .chat_member_statuses
            .insert((chat_id, user_id), status.to_owned());
    }

    /// Breaches of Telegram's broadcast limits by successful sendMessage,
    /// sendPhoto, sendDocument and copyMessage calls: more than 1 message per
    /// second to one chat, more than 20 per minute to one group and more than
    /// 30 per second overall, each over sliding windows.
    pub fn rate_violations(&self) -> Vec<String> {
        let state = self.shared.state();
        let mut violations = Vec::new();
        for (index, delivery) in state.deliveries.iter().enumerate() {
            let earlier = &state.deliveries[..=index];
            let count_within = |window: Duration, same_chat: bool| {
                earlier
                    .iter()
                    .filter(|other| !same_chat || other.chat_id == delivery.chat_id)
                    .filter(|other| {
                        delivery.at.duration_since(other.at) < window - NETWORK_JITTER_ALLOWANCE
                    })
                    .count()
            };
            let at = delivery.at.duration_since(state.started).as_secs_f64();
            let chat_id = delivery.chat_id;
            let in_chat_per_second = count_within(Duration::from_secs(1), true);
            if in_chat_per_second > 1 {
                violations.push(format!(
                    "+{at:.3}s: {in_chat_per_second} messages to chat {chat_id} within 1 s (limit 1)"
                ));
            }
            let in_group_per_minute = count_within(Duration::from_secs(60), true);
            if chat_id < 0 && in_group_per_minute > 20 {
                violations.push(format!(
                    "+{at:.3}s: {in_group_per_minute} messages to group {chat_id} within 60 s (limit 20)"
                ));
            }
            let overall_per_second = count_within(Duration::from_secs(1), false);
            if overall_per_second > 30 {
                violations.push(format!(
                    "+{at:.3}s: {overall_per_second} messages to all chats within 1 s (limit 30)"
                ));
            }
        }
        violations
    }

    fn dump_calls(&self) -> String {
        let state = self.shared.state();
        let skipped = state.calls.len().saturating_sub(CALLS_IN_DUMP);
        let mut dump = format!(
            "{} calls so far ({} getUpdates not listed){}:\n",
            state.calls.len(),
            state.get_updates_calls,
            if skipped > 0 {
                format!(", the last {CALLS_IN_DUMP}")
            } else {
                String::new()
            }
        );
        for call in &state.calls[skipped..] {
            let at = call.at.duration_since(state.started).as_secs_f64();
            let files: Vec<_> = call
                .files
                .iter()
                .map(|file| format!("{}: {} bytes", file.field, file.bytes.len()))
                .collect();
            dump += &format!("  +{at:.3}s {} {} {files:?}\n", call.method, call.params);
        }
        dump
    }
}

/// An error answer: `{"ok":false,"error_code":..,"description":..,"parameters":..}`.
struct ApiFailure {
    code: u16,
    description: String,
    parameters: Option<Value>,
}

impl ApiFailure {
    fn new(code: u16, description: &str) -> ApiFailure {
        ApiFailure {
            code,
            description: description.to_owned(),
            parameters: None,
        }
    }

    fn bad_request(detail: &str) -> ApiFailure {
        ApiFailure::new(400, &format!("Bad Request: {detail}"))
    }
}

struct InjectedFailure {
    remaining: usize,
    retry_after_secs: u32,
}

/// A message that counts towards Telegram's rate limits.
struct Delivery {
    chat_id: i64,
    at: Instant,
    /// The text or caption, for `sent_texts`.
    text: Option<String>,
}

struct StoredFile {
    file_path: String,
    bytes: Vec<u8>,
}

struct State {
    started: Instant,
    next_update_id: i64,
    pending_updates: VecDeque<Value>,
    /// Every update ever pushed, by id, so one can be delivered a second time.
    pushed_updates: HashMap<i64, Value>,
    /// Updates Telegram delivers again although they were confirmed (it happens).
    duplicates: VecDeque<Value>,
    confirmed_offset: i64,
    get_updates_calls: usize,
    /// Long polls the client hung up on before the fake answered.
    abandoned_polls: usize,
    /// One counter for every message, so ids are unique across chats.
    next_message_id: i64,
    next_callback_query_id: u64,
    uploads_stored: u64,
    users: HashMap<i64, User>,
    chats: HashMap<i64, Value>,
    /// Old group id -> the supergroup it became.
    migrated_chats: HashMap<i64, i64>,
    /// Groups the bot was removed from: sends there answer 403.
    kicked_chats: HashSet<i64>,
    /// The bot's messages as last sent or edited, by (chat id, message id).
    bot_messages: HashMap<(i64, i64), Value>,
    /// Chats where the bot may not delete others' messages (not an administrator there).
    undeletable_chats: std::collections::HashSet<i64>,
    files_by_id: HashMap<String, StoredFile>,
    calls: Vec<ApiCall>,
    deliveries: Vec<Delivery>,
    /// Deliveries per chat, kept as they happen so that polling for them stays cheap under
    /// load.
    deliveries_per_chat: HashMap<i64, usize>,
    injected_failures: HashMap<String, InjectedFailure>,
    chat_member_statuses: HashMap<(i64, i64), String>,
    /// setMyCommands lists by (scope, language code).
    commands: HashMap<(String, String), Value>,
    /// The update kinds the bot asked for (`allowed_updates`); Telegram's default when never
    /// named: every kind but a few the fake never sends.
    allowed_updates: Option<Vec<String>>,
}

impl State {
    fn new() -> State {
        State {
            started: Instant::now(),
            next_update_id: 0,
            pending_updates: VecDeque::new(),
            pushed_updates: HashMap::new(),
            duplicates: VecDeque::new(),
            confirmed_offset: 0,
            get_updates_calls: 0,
            abandoned_polls: 0,
            next_message_id: 0,
            next_callback_query_id: 0,
            uploads_stored: 0,
            users: HashMap::new(),
            chats: HashMap::new(),
            migrated_chats: HashMap::new(),
            kicked_chats: HashSet::new(),
            bot_messages: HashMap::new(),
            undeletable_chats: std::collections::HashSet::new(),
            files_by_id: HashMap::new(),
            calls: Vec::new(),
            deliveries: Vec::new(),
            deliveries_per_chat: HashMap::new(),
            injected_failures: HashMap::new(),
            chat_member_statuses: HashMap::new(),
            commands: HashMap::new(),
            allowed_updates: None,
        }
    }

    /// Whether the bot asked for updates of this kind (`message`, `edited_message`, ...).
    fn is_allowed(&self, update: &Value) -> bool {
        let Some(allowed) = &self.allowed_updates else {
            return true;
        };
        let kind = update
            .as_object()
            .and_then(|fields| fields.keys().find(|key| *key != "update_id"));
        kind.is_some_and(|kind| allowed.iter().any(|a| a == kind))
    }

    fn remember_user(&mut self, user: &User) {
        self.users.insert(user.id, user.clone());
    }

    fn remember_chat(&mut self, chat: &Chat) -> Value {
        let chat_json = match chat.kind {
            ChatKind::Private => self.private_chat_json(chat.id),
            ChatKind::Group | ChatKind::Supergroup => {
                let kind = if chat.kind == ChatKind::Group {
                    "group"
                } else {
                    "supergroup"
                };
                let title = chat
                    .title
                    .clone()
                    .unwrap_or_else(|| format!("Chat {}", chat.id));
                json!({ "id": chat.id, "type": kind, "title": title })
            }
        };
        self.chats.insert(chat.id, chat_json.clone());
        chat_json
    }

    fn private_chat_json(&self, user_id: i64) -> Value {
        let mut chat = json!({ "id": user_id, "type": "private" });
        let user = self.user_json(user_id);
        for field in ["first_name", "last_name", "username"] {
            if let Some(value) = user.get(field) {
                chat[field] = value.clone();
            }
        }
        chat
    }

    fn user_json(&self, user_id: i64) -> Value {
        match self.users.get(&user_id) {
            Some(user) => user.to_json(),
            None if user_id == FakeTelegram::BOT_ID => bot_user_json(),
            None => {
                json!({ "id": user_id, "is_bot": false, "first_name": format!("User {user_id}") })
            }
        }
    }

    /// The chat as Telegram would describe it; chats never pushed are made up
    /// from the id (positive: private, -100…: supergroup, else group).
    fn chat_json(&self, chat_id: i64) -> Value {
        if let Some(chat) = self.chats.get(&chat_id) {
            return chat.clone();
        }
        match chat_id {
            id if id > 0 => self.private_chat_json(id),
            id if id <= -1_000_000_000_000 => {
                json!({ "id": id, "type": "supergroup", "title": format!("Chat {id}") })
            }
            id => json!({ "id": id, "type": "group", "title": format!("Chat {id}") }),
        }
    }

    /// A message from a user (or a service message when `from` is None),
    /// with `fields` (text, photo, ...) moved in.
    fn user_message(
        &mut self,
        chat: &Chat,
        from: Option<&User>,
        fields: &mut Map<String, Value>,
    ) -> Value {
        if let Some(from) = from {
            self.remember_user(from);
        }
        let mut message = Map::new();
        message.insert("message_id".into(), json!(self.new_message_id()));
        message.insert("date".into(), json!(unix_now()));
        message.insert("chat".into(), self.remember_chat(chat));
        if let Some(from) = from {
            message.insert("from".into(), from.to_json());
        }
        message.append(fields);
        Value::Object(message)
    }

    fn new_message_id(&mut self) -> i64 {
        self.next_message_id += 1;
        self.next_message_id
    }

    fn bot_message(&mut self, chat_id: i64) -> Map<String, Value> {
        let mut message = Map::new();
        message.insert("message_id".into(), json!(self.new_message_id()));
        message.insert("from".into(), bot_user_json());
        message.insert("chat".into(), self.chat_json(chat_id));
        message.insert("date".into(), json!(unix_now()));
        message
    }

    /// Stores a message the bot sent so callbacks and edits can find it.
    fn remember_bot_message(&mut self, chat_id: i64, message: Map<String, Value>) -> Value {
        let message = Value::Object(message);
        let message_id = message["message_id"].as_i64().expect("messages have ids");
        self.bot_messages
            .insert((chat_id, message_id), message.clone());
        message
    }

    fn record_delivery(&mut self, chat_id: i64, text: Option<String>) {
        *self.deliveries_per_chat.entry(chat_id).or_default() += 1;
        self.deliveries.push(Delivery {
            chat_id,
            at: Instant::now(),
            text,
        });
    }

    fn store_file(&mut self, file_id: &str, file_name: Option<&str>, bytes: Vec<u8>) {
        let extension = file_name
            .and_then(|name| name.rsplit_once('.'))
            .map(|(_, extension)| format!(".{extension}"));
        let file_path = format!("documents/{file_id}{}", extension.unwrap_or_default());
        self.files_by_id
            .insert(file_id.to_owned(), StoredFile { file_path, bytes });
    }

    /// Uploads get a fresh file id that, like on Telegram, can be sent again
    /// or downloaded.
    fn store_upload(&mut self, file: &UploadedFile) -> String {
        self.uploads_stored += 1;
        let file_id = format!("BQACAgUAAxkBAAI{}", self.uploads_stored);
        self.store_file(&file_id, file.file_name.as_deref(), file.bytes.clone());
        file_id
    }

    fn take_injected_failure(&mut self, method: &str) -> Option<ApiFailure> {
        let key = method.to_ascii_lowercase();
        let failure = self.injected_failures.get_mut(&key)?;
        failure.remaining -= 1;
        let retry_after = failure.retry_after_secs;
        if failure.remaining == 0 {
            self.injected_failures.remove(&key);
        }
        Some(ApiFailure {
            code: 429,
            description: format!("Too Many Requests: retry after {retry_after}"),
            parameters: Some(json!({ "retry_after": retry_after })),
        })
    }

    /// Confirms updates below `offset` like Telegram: a negative offset
    /// keeps only the last `-offset` updates.
    fn confirm_updates(&mut self, offset: i64) {
        let first_kept = if offset < 0 {
            self.next_update_id + offset + 1
        } else {
            offset
        };
        if first_kept <= 0 {
            return;
        }
        // Pending updates are in update_id order, so confirming drops a prefix; scanning
        // them all on every call would cost the shared CPU more than the bot under test.
        while self
            .pending_updates
            .front()
            .is_some_and(|update| update["update_id"].as_i64() < Some(first_kept))
        {
            self.pending_updates.pop_front();
        }
        self.confirmed_offset = self.confirmed_offset.max(first_kept);
    }

    fn answer(
        &mut self,
        method: &str,
        params: &Value,
        files: &[UploadedFile],
    ) -> Result<Value, ApiFailure> {
        match method.to_ascii_lowercase().as_str() {
            "getme" => Ok(me_json()),
            "getwebhookinfo" => Ok(json!({
                "url": "",
                "has_custom_certificate": false,
                "pending_update_count": self.pending_updates.len(),
            })),
            "sendmessage" => self.send_message(params),
            "sendphoto" => self.send_media(params, files, "photo"),
            "senddocument" => self.send_media(params, files, "document"),
            "copymessage" => self.copy_message(params),
            "forwardmessage" => self.forward_message(params),
            "editmessagetext" => self.edit_message(params, Some("text")),
            "editmessagecaption" => self.edit_message(params, Some("caption")),
            "editmessagereplymarkup" => self.edit_message(params, None),
            // Deleted messages turn inaccessible, as push_callback shows.
            "deletemessage" => {
                let chat_id = required_chat_id(params)?;
                if self.undeletable_chats.contains(&chat_id) {
                    return Err(ApiFailure::bad_request("message can't be deleted"));
                }
                let message_id = int_param(params, "message_id").unwrap_or_default();
                self.bot_messages.remove(&(chat_id, message_id));
                Ok(json!(true))
            }
            "getchatmember" => self.chat_member(params),
            "getchat" => Ok(chat_full_info(self.chat_json(required_chat_id(params)?))),
            "getfile" => {
                let file_id = params["file_id"].as_str().unwrap_or_default();
                let file = self
                    .files_by_id
                    .get(file_id)
                    .ok_or_else(|| ApiFailure::bad_request("invalid file_id"))?;
                Ok(json!({
                    "file_id": file_id,
                    "file_unique_id": unique_id_of(file_id),
                    "file_size": file.bytes.len(),
                    "file_path": file.file_path,
                }))
            }
            "setmycommands" => {
                self.commands
                    .insert(commands_key(params), params["commands"].clone());
                Ok(json!(true))
            }
            "getmycommands" => Ok(self
                .commands
                .get(&commands_key(params))
                .cloned()
                .unwrap_or_else(|| json!([]))),
            "deletemycommands" => {
                self.commands.remove(&commands_key(params));
                Ok(json!(true))
            }
            // answerCallbackQuery, deleteWebhook, setChatMenuButton,
            // sendChatAction, leaveChat and anything else: Telegram's `true`.
            _ => Ok(json!(true)),
        }
    }

    /// The chat to send to, failing like Telegram for migrated groups and those the bot was
    /// removed from.
    fn target_chat(&self, params: &Value) -> Result<i64, ApiFailure> {
        let chat_id = required_chat_id(params)?;
        if self.kicked_chats.contains(&chat_id) {
            return Err(ApiFailure::new(
                403,
                "Forbidden: bot was kicked from the group chat",
            ));
        }
        match self.migrated_chats.get(&chat_id) {
            Some(&supergroup_id) => Err(ApiFailure {
                code: 400,
                description: "Bad Request: group chat was upgraded to a supergroup chat".into(),
                parameters: Some(json!({ "migrate_to_chat_id": supergroup_id })),
            }),
            None => Ok(chat_id),
        }
    }

    fn send_message(&mut self, params: &Value) -> Result<Value, ApiFailure> {
        let chat_id = self.target_chat(params)?;
        let text = params["text"].as_str().unwrap_or_default();
        let visible_text =
            checked_visible_text(params, text, MAX_TEXT_CHARS, "message is too long")?;
        if visible_text.trim().is_empty() {
            return Err(ApiFailure::bad_request("message text is empty"));
        }
        check_reply_markup(params)?;
        let mut message = self.bot_message(chat_id);
        message.insert("text".into(), json!(visible_text));
        echo_inline_keyboard(&mut message, params);
        self.record_delivery(chat_id, Some(text.to_owned()));
        Ok(self.remember_bot_message(chat_id, message))
    }

    /// sendPhoto / sendDocument: `kind` names the parameter holding the file.
    fn send_media(
        &mut self,
        params: &Value,
        files: &[UploadedFile],
        kind: &str,
    ) -> Result<Value, ApiFailure> {
        let chat_id = self.target_chat(params)?;
        let caption = params["caption"].as_str();
        let visible_caption = caption
            .map(|caption| {
                checked_visible_text(
                    params,
                    caption,
                    MAX_CAPTION_CHARS,
                    "message caption is too long",
                )
            })
            .transpose()?;
        check_reply_markup(params)?;
        let upload = files.iter().find(|file| file.field == kind);
        let (file_id, file_name, size) = match (upload, params[kind].as_str()) {
            (Some(upload), _) => (
                self.store_upload(upload),
                upload.file_name.clone(),
                upload.bytes.len(),
            ),
            (None, Some(file_id)) if !file_id.starts_with("attach://") => {
                let size = self
                    .files_by_id
                    .get(file_id)
                    .map_or(0, |file| file.bytes.len());
                (file_id.to_owned(), None, size)
            }
            _ => {
                return Err(ApiFailure::bad_request(&format!(
                    "there is no {kind} in the request"
                )));
            }
        };
        let mut message = self.bot_message(chat_id);
        if kind == "photo" {
            message.insert("photo".into(), photo_sizes(&file_id, Some(size)));
        } else {
            let mut document = json!({ "file_id": file_id, "file_unique_id": unique_id_of(&file_id), "file_size": size });
            insert_some(&mut document, "file_name", &file_name);
            message.insert("document".into(), document);
        }
        if let Some(visible_caption) = visible_caption {
            message.insert("caption".into(), json!(visible_caption));
        }
        echo_inline_keyboard(&mut message, params);
        self.record_delivery(chat_id, caption.map(str::to_owned));
        Ok(self.remember_bot_message(chat_id, message))
    }

    fn copy_message(&mut self, params: &Value) -> Result<Value, ApiFailure> {
        let chat_id = self.target_chat(params)?;
        self.record_delivery(chat_id, None);
        Ok(json!({ "message_id": self.new_message_id() }))
    }

    fn forward_message(&mut self, params: &Value) -> Result<Value, ApiFailure> {
        let chat_id = self.target_chat(params)?;
        let mut message = self.bot_message(chat_id);
        message.insert(
            "forward_origin".into(),
            json!({ "type": "hidden_user", "sender_user_name": "Forwarded", "date": unix_now() }),
        );
        message.insert("text".into(), json!("(forwarded message)"));
        Ok(self.remember_bot_message(chat_id, message))
    }

    /// editMessageText (`field` = text), editMessageCaption (caption) or
    /// editMessageReplyMarkup (None). Like on Telegram, leaving out
    /// `reply_markup` removes the inline keyboard.
    fn edit_message(&mut self, params: &Value, field: Option<&str>) -> Result<Value, ApiFailure> {
        if params.get("inline_message_id").is_some() {
            return Ok(json!(true));
        }
        let chat_id = required_chat_id(params)?;
        let message_id = int_param(params, "message_id").unwrap_or_default();
        let Some(mut current) = self
            .bot_messages
            .get(&(chat_id, message_id))
            .and_then(|message| message.as_object().cloned())
        else {
            return Err(ApiFailure::bad_request("message to edit not found"));
        };
        check_reply_markup(params)?;
        current.remove("edit_date");
        let mut edited = current.clone();
        if let Some(field) = field {
            let new_text = params[field].as_str().unwrap_or_default();
            let limit = if field == "text" {
                MAX_TEXT_CHARS
            } else {
                MAX_CAPTION_CHARS
            };
            let visible_text = checked_visible_text(params, new_text, limit, "MESSAGE_TOO_LONG")?;
            if field == "text" && visible_text.trim().is_empty() {
                return Err(ApiFailure::bad_request("message text is empty"));
            }
            edited.insert(field.into(), json!(visible_text));
        }
        edited.remove("reply_markup");
        echo_inline_keyboard(&mut edited, params);
        if edited == current {
            return Err(ApiFailure::bad_request(
                "message is not modified: specified new message content and reply markup are \
                 exactly the same as a current content and reply markup of the message",
            ));
        }
        edited.insert("edit_date".into(), json!(unix_now()));
        Ok(self.remember_bot_message(chat_id, edited))
    }

    fn chat_member(&self, params: &Value) -> Result<Value, ApiFailure> {
        let chat_id = required_chat_id(params)?;
        let user_id = int_param(params, "user_id")
            .ok_or_else(|| ApiFailure::bad_request("user_id is empty"))?;
        let default_status = if user_id == FakeTelegram::BOT_ID {
            "member"
        } else {
            "left"
        };
        let status = self
            .chat_member_statuses
            .get(&(chat_id, user_id))
            .map_or(default_status, String::as_str);
        let mut member = json!({ "user": self.user_json(user_id), "status": status });
        let rights = match status {
            "creator" => json!({ "is_anonymous": false }),
            "administrator" => json!({
                "can_be_edited": false, "is_anonymous": false, "can_manage_chat": true,
                "can_delete_messages": true, "can_manage_video_chats": true,
                "can_restrict_members": true, "can_promote_members": false,
                "can_change_info": true, "can_invite_users": true, "can_post_stories": false,
                "can_edit_stories": false, "can_delete_stories": false, "can_pin_messages": true,
            }),
            "restricted" => json!({
                "is_member": true, "can_send_messages": false, "can_send_audios": false,
                "can_send_documents": false, "can_send_photos": false, "can_send_videos": false,
                "can_send_video_notes": false, "can_send_voice_notes": false,
                "can_send_polls": false, "can_send_other_messages": false,
                "can_add_web_page_previews": false, "can_change_info": false,
                "can_invite_users": false, "can_pin_messages": false, "can_manage_topics": false,
                "until_date": 0,
            }),
            "kicked" => json!({ "until_date": 0 }),
            "member" | "left" => json!({}),
            other => panic!("set_chat_member: unknown status {other:?}"),
        };
        member
            .as_object_mut()
            .expect("object")
            .extend(rights.as_object().expect("object").clone());
        Ok(member)
    }
}

async fn handle_api_call(
    AxumState(shared): AxumState<Arc<Shared>>,
    Path((bot_token, method)): Path<(String, String)>,
    request: Request,
) -> Response {
    if bot_token != format!("bot{}", FakeTelegram::TOKEN) {
        return api_error(ApiFailure::new(401, "Unauthorized"));
    }
    let (params, files) = match read_params(request).await {
        Ok(read) => read,
        Err(failure) => return api_error(failure),
    };
    if method.eq_ignore_ascii_case("getUpdates") {
        return get_updates(&shared, &params).await;
    }
    let method = bot_api_spelling(&method);
    let mut state = shared.state();
    state.calls.push(ApiCall {
        method: method.clone(),
        params: params.clone(),
        files: files.clone(),
        at: Instant::now(),
    });
    let answer = match state.take_injected_failure(&method) {
        Some(failure) => Err(failure),
        None => state.answer(&method, &params, &files),
    };
    match answer {
        Ok(result) => Json(json!({ "ok": true, "result": result })).into_response(),
        Err(failure) => api_error(failure),
    }
}

/// Long polling: answers at once when updates at or after `offset` are
/// pending, else waits for a push for up to `timeout` seconds. Like Telegram,
/// a newer getUpdates ends a waiting one with 409 Conflict, which exposes two
/// bot instances polling at once.
async fn get_updates(shared: &Shared, params: &Value) -> Response {
    let offset = int_param(params, "offset").unwrap_or(0);
    let limit = int_param(params, "limit").unwrap_or(100).clamp(1, 100) as usize;
    let timeout = Duration::from_secs(int_param(params, "timeout").unwrap_or(0).max(0) as u64);
    let deadline = tokio::time::Instant::now() + timeout;
    let this_poll = {
        let mut state = shared.state();
        state.get_updates_calls += 1;
        if let Some(failure) = state.take_injected_failure("getUpdates") {
            return api_error(failure);
        }
        state.confirm_updates(offset);
        // Like Telegram, the list persists until a call names another.
        if let Some(kinds) = params["allowed_updates"].as_array() {
            let kinds = kinds.iter().filter_map(Value::as_str).map(str::to_owned);
            state.allowed_updates = Some(kinds.collect());
        }
        state.get_updates_calls
    };
    shared.poll_wakeup.notify_waiters();
    // The server drops this call's future if the client hangs up first.
    let mut unanswered = AbandonedPoll {
        shared,
        answered: false,
    };
    loop {
        // Registered before looking, so a push between the look and the
        // wait still wakes this call.
        let wakeup = shared.poll_wakeup.notified();
        tokio::pin!(wakeup);
        wakeup.as_mut().enable();
        let batch: Vec<Value> = {
            let mut state = shared.state();
            if state.get_updates_calls != this_poll {
                unanswered.answered = true;
                return api_error(ApiFailure::new(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only one \
                     bot instance is running",
                ));
            }
            // Everything still pending is at or after `offset`: confirm_updates dropped the rest.
            let duplicates: Vec<Value> = state.duplicates.drain(..).collect();
            duplicates
                .into_iter()
                .chain(state.pending_updates.iter().cloned())
                .filter(|update| state.is_allowed(update))
                .take(limit)
                .collect()
        };
        if !batch.is_empty() || tokio::time::timeout_at(deadline, wakeup).await.is_err() {
            unanswered.answered = true;
            return Json(json!({ "ok": true, "result": batch })).into_response();
        }
    }
}

/// Counts a long poll dropped before its answer (see [`FakeTelegram::abandoned_polls`]).
struct AbandonedPoll<'a> {
    shared: &'a Shared,
    answered: bool,
}

impl Drop for AbandonedPoll<'_> {
    fn drop(&mut self) {
        if !self.answered {
            self.shared.state().abandoned_polls += 1;
        }
    }
}

async fn handle_file_download(
    AxumState(shared): AxumState<Arc<Shared>>,
    Path((bot_token, file_path)): Path<(String, String)>,
) -> Response {
    if bot_token != format!("bot{}", FakeTelegram::TOKEN) {
        return api_error(ApiFailure::new(401, "Unauthorized"));
    }
    let state = shared.state();
    match state
        .files_by_id
        .values()
        .find(|file| file.file_path == file_path)
    {
        Some(file) => file.bytes.clone().into_response(),
        None => api_error(ApiFailure::new(404, "Not Found")),
    }
}

/// Collects the query string and the JSON, urlencoded or multipart body
/// into one JSON object, plus uploaded files.
async fn read_params(request: Request) -> Result<(Value, Vec<UploadedFile>), ApiFailure> {
    let mut params = Map::new();
    let query = Query::<Vec<(String, String)>>::try_from_uri(request.uri())
        .map_err(|error| ApiFailure::bad_request(&error.to_string()))?;
    for (name, value) in query.0 {
        params.insert(name, text_field_value(value));
    }
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let mut files = Vec::new();
    if content_type.starts_with("application/json") {
        let body = axum::body::to_bytes(request.into_body(), MAX_UPLOAD_BYTES)
            .await
            .map_err(|error| ApiFailure::bad_request(&error.to_string()))?;
        if !body.is_empty() {
            let Ok(Value::Object(json_params)) = serde_json::from_slice(&body) else {
                return Err(ApiFailure::bad_request("request body is not a JSON object"));
            };
            params.extend(json_params);
        }
    } else if content_type.starts_with("application/x-www-form-urlencoded") {
        let Form(fields) = Form::<Vec<(String, String)>>::from_request(request, &())
            .await
            .map_err(|error| ApiFailure::bad_request(&error.body_text()))?;
        for (name, value) in fields {
            params.insert(name, text_field_value(value));
        }
    } else if content_type.starts_with("multipart/form-data") {
        let mut multipart = Multipart::from_request(request, &())
            .await
            .map_err(|error| ApiFailure::bad_request(&error.body_text()))?;
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|error| ApiFailure::bad_request(&error.body_text()))?
        {
            let name = field.name().unwrap_or_default().to_owned();
            match field.file_name().map(str::to_owned) {
                Some(file_name) => {
                    let bytes = field
                        .bytes()
                        .await
                        .map_err(|error| ApiFailure::bad_request(&error.body_text()))?;
                    let file_name = Some(file_name).filter(|name| !name.is_empty());
                    files.push(UploadedFile {
                        field: name,
                        file_name,
                        bytes: bytes.to_vec(),
                    });
                }
                None => {
                    let text = field
                        .text()
                        .await
                        .map_err(|error| ApiFailure::bad_request(&error.body_text()))?;
                    params.insert(name, text_field_value(text));
                }
            }
        }
        for file in &mut files {
            let reference = format!("attach://{}", file.field);
            if let Some((param, _)) = params
                .iter()
                .find(|(_, value)| value.as_str() == Some(reference.as_str()))
            {
                file.field = param.clone();
            }
        }
    }
    Ok((Value::Object(params), files))
}

/// `SendMessage` -> `sendMessage`.
fn bot_api_spelling(method: &str) -> String {
    let mut characters = method.chars();
    characters
        .next()
        .map(|first| first.to_ascii_lowercase())
        .into_iter()
        .chain(characters)
        .collect()
}

/// Form fields are text; teloxide JSON-encodes structured ones (reply_markup,
/// entities, ...) into them.
fn text_field_value(text: String) -> Value {
    match serde_json::from_str::<Value>(&text) {
        Ok(structured @ (Value::Object(_) | Value::Array(_))) => structured,
        _ => Value::String(text),
    }
}

fn api_error(failure: ApiFailure) -> Response {
    let mut body =
        json!({ "ok": false, "error_code": failure.code, "description": failure.description });
    if let Some(parameters) = failure.parameters {
        body["parameters"] = parameters;
    }
    let status = StatusCode::from_u16(failure.code).unwrap_or(StatusCode::BAD_REQUEST);
    (status, Json(body)).into_response()
}

/// A parameter that may arrive as a JSON number or as text.
fn int_param(params: &Value, name: &str) -> Option<i64> {
    match &params[name] {
        Value::Number(number) => number.as_i64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

fn required_chat_id(params: &Value) -> Result<i64, ApiFailure> {
    match &params["chat_id"] {
        Value::Null => Err(ApiFailure::bad_request("chat_id is empty")),
        _ => int_param(params, "chat_id").ok_or_else(|| ApiFailure::bad_request("chat not found")),
    }
}

/// The text as users see it, after `parse_mode`, checked like Telegram.
fn checked_visible_text(
    params: &Value,
    text: &str,
    max_chars: usize,
    too_long: &str,
) -> Result<String, ApiFailure> {
    let is_html = params["parse_mode"]
        .as_str()
        .is_some_and(|mode| mode.eq_ignore_ascii_case("html"));
    let visible_text = if is_html {
        html_to_visible_text(text)
            .map_err(|error| ApiFailure::bad_request(&format!("can't parse entities: {error}")))?
    } else {
        text.to_owned()
    };
    if visible_text.chars().count() > max_chars {
        return Err(ApiFailure::bad_request(too_long));
    }
    Ok(visible_text)
}

/// Parses Telegram's HTML subset: supported tags properly nested, `<` only
/// as a tag, entities &lt; &gt; &amp; &quot; and numeric ones. A stray `&`
/// stays literal, as Telegram leaves it.
fn html_to_visible_text(html: &str) -> Result<String, String> {
    let mut visible = String::new();
    let mut open_tags: Vec<&str> = Vec::new();
    let mut index = 0;
    while let Some(relative) = html[index..].find(['<', '&']) {
        let start = index + relative;
        visible.push_str(&html[index..start]);
        if html[start..].starts_with('&') {
            let (character, length) = decode_html_entity(&html[start..]);
            visible.push(character);
            index = start + length;
            continue;
        }
        let Some(tag_length) = html[start..].find('>') else {
            return Err(format!("Unclosed start tag at byte offset {start}"));
        };
        let tag = &html[start + 1..start + tag_length];
        index = start + tag_length + 1;
        if let Some(end_name) = tag.strip_prefix('/') {
            let end_name = end_name.trim();
            match open_tags.pop() {
                Some(open) if open.eq_ignore_ascii_case(end_name) => {}
                Some(open) => {
                    return Err(format!(
                        "Unmatched end tag at byte offset {start}, expected \"</{open}>\", found \"</{end_name}>\""
                    ));
                }
                None => return Err(format!("Unexpected end tag at byte offset {start}")),
            }
        } else {
            let name = tag
                .split(|c: char| c.is_ascii_whitespace())
                .next()
                .unwrap_or_default();
            if !TELEGRAM_HTML_TAGS
                .iter()
                .any(|supported| supported.eq_ignore_ascii_case(name))
            {
                return Err(format!(
                    "Unsupported start tag \"{name}\" at byte offset {start}"
                ));
            }
            open_tags.push(name);
        }
    }
    visible.push_str(&html[index..]);
    match open_tags.last() {
        Some(open) => Err(format!(
            "Can't find end tag corresponding to start tag \"{open}\""
        )),
        None => Ok(visible),
    }
}

/// The character an entity at the start of `text` stands for and its length.
fn decode_html_entity(text: &str) -> (char, usize) {
    let Some(end) = text.find(';').filter(|&end| end <= 10) else {
        return ('&', 1);
    };
    let name = &text[1..end];
    let character = match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        _ => {
            let code = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => name
                    .strip_prefix('#')
                    .and_then(|decimal| decimal.parse().ok()),
            };
            code.and_then(char::from_u32)
        }
    };
    match character {
        Some(character) => (character, end + 1),
        None => ('&', 1),
    }
}

fn check_reply_markup(params: &Value) -> Result<(), ApiFailure> {
    let buttons = params["reply_markup"]["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .flatten();
    for button in buttons {
        if button["callback_data"]
            .as_str()
            .is_some_and(|data| data.len() > MAX_CALLBACK_DATA_BYTES)
        {
            return Err(ApiFailure::bad_request("BUTTON_DATA_INVALID"));
        }
    }
    Ok(())
}

/// Sent messages carry only inline keyboards; reply keyboards are not part
/// of a Message.
fn echo_inline_keyboard(message: &mut Map<String, Value>, params: &Value) {
    let reply_markup = &params["reply_markup"];
    if reply_markup.get("inline_keyboard").is_some() {
        message.insert("reply_markup".into(), reply_markup.clone());
    }
}

/// `text` and, for a leading `/command` (with an optional @botname), the
/// `bot_command` entity; offsets are in UTF-16 units as on Telegram.
fn text_fields(text: &str) -> Map<String, Value> {
    let mut fields = Map::new();
    fields.insert("text".into(), json!(text));
    if text.starts_with('/') {
        let command = text.split(char::is_whitespace).next().unwrap_or_default();
        let length = command.encode_utf16().count();
        fields.insert(
            "entities".into(),
            json!([{ "type": "bot_command", "offset": 0, "length": length }]),
        );
    }
    fields
}

fn photo_sizes(file_id: &str, size: Option<usize>) -> Value {
    let size = size.unwrap_or(12_345);
    json!([
        { "file_id": format!("{file_id}-thumb"), "file_unique_id": unique_id_of(&format!("{file_id}-thumb")),
          "width": 90, "height": 67, "file_size": size / 20 },
        { "file_id": file_id, "file_unique_id": unique_id_of(file_id), "width": 1280, "height": 960, "file_size": size },
    ])
}

fn unique_id_of(file_id: &str) -> String {
    format!("unique-{file_id}")
}

fn commands_key(params: &Value) -> (String, String) {
    let scope = params.get("scope").map_or_else(
        || json!({ "type": "default" }).to_string(),
        Value::to_string,
    );
    let language = params["language_code"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    (scope, language)
}

fn bot_user_json() -> Value {
    json!({
        "id": FakeTelegram::BOT_ID,
        "is_bot": true,
        "first_name": FakeTelegram::BOT_FIRST_NAME,
        "username": FakeTelegram::BOT_USERNAME,
    })
}

fn me_json() -> Value {
    let mut me = bot_user_json();
    me.as_object_mut().expect("object").extend([
        ("can_join_groups".to_owned(), json!(true)),
        ("can_read_all_group_messages".to_owned(), json!(false)),
        ("supports_inline_queries".to_owned(), json!(false)),
        ("can_connect_to_business".to_owned(), json!(false)),
        ("has_main_web_app".to_owned(), json!(false)),
    ]);
    me
}

/// getChat answers a ChatFullInfo: the chat plus fields Telegram always sends.
fn chat_full_info(chat: Value) -> Value {
    let mut info = chat;
    info["accent_color_id"] = json!(0);
    info["max_reaction_count"] = json!(11);
    info["accepted_gift_types"] = json!({
        "unlimited_gifts": false,
        "limited_gifts": false,
        "unique_gifts": false,
        "premium_subscription": false,
    });
    info
}

fn insert_some(object: &mut Value, name: &str, value: &Option<String>) {
    if let Some(value) = value {
        object[name] = json!(value);
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs()
}
