//! A fake LINE Platform: signs webhook requests to the bot, and answers the Messaging API
//! calls the bot makes (reply, push, member and profile lookups, content), recording what
//! was delivered. It honours reply tokens (single use, expiry), retry keys (a repeated key is
//! answered 409 and not delivered twice), scripted failures (429, 5xx, 4xx), group
//! membership, and groups the bot is no longer in (a push there is refused 400 "Failed to
//! send messages"). Like LINE, it refuses (400) a reply or push with a message beyond LINE's
//! limits ([`beyond_limits`]), and keeps why.
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

pub const SECRET: &str = "fake-line-channel-secret";
pub const TOKEN: &str = "fake-line-access-token";
/// LINE accepts a reply token for about a minute.
const REPLY_TOKEN_LIFETIME: Duration = Duration::from_secs(60);
/// How long a stalled reply call goes unanswered: longer than the bot waits for a reply.
const REPLY_STALL: Duration = Duration::from_secs(30);

/// A LINE user id made from a number.
pub fn user_id(n: u64) -> String {
    format!("U{n:032x}")
}

/// A LINE group id made from a number.
pub fn group_id(n: u64) -> String {
    format!("C{n:032x}")
}

#[derive(Debug, Clone, PartialEq)]
pub enum Via {
    Reply,
    Push { retry_key: String },
}

/// One message LINE delivered.
#[derive(Debug, Clone)]
pub struct Delivered {
    pub to: String,
    pub via: Via,
    pub message: Value,
    /// When LINE received the call that delivered it.
    pub at: Instant,
}

impl Delivered {
    /// What the person reads: a text message's text, or every text of a Flex bubble, a line
    /// each.
    pub fn text(&self) -> String {
        if self.message["type"] == "flex" {
            let mut texts = Vec::new();
            flex_components(&self.message["contents"], &mut texts, &mut Vec::new());
            return texts.join("\n");
        }
        self.message["text"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// The (label, data) of each postback the message offers: its quick replies, or the
    /// buttons of its Flex bubble.
    pub fn postbacks(&self) -> Vec<(String, String)> {
        let quick = self.message["quickReply"]["items"].as_array().cloned();
        let footer = self.message["contents"]["footer"]["contents"]
            .as_array()
            .cloned();
        quick
            .into_iter()
            .chain(footer)
            .flatten()
            .filter(|item| item["action"]["type"] == "postback")
            .map(|item| {
                let action = &item["action"];
                (
                    action["label"].as_str().unwrap_or_default().to_string(),
                    action["data"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect()
    }
}

struct ReplyToken {
    chat: String,
    issued: Instant,
    used: bool,
}

#[derive(Default)]
struct FakeState {
    delivered: Vec<Delivered>,
    tokens: HashMap<String, ReplyToken>,
    retry_keys: HashSet<String>,
    /// Push requests received, including refused and repeated ones.
    push_requests: Vec<(String, Option<String>, u16)>,
    members: HashSet<(String, String)>,
    names: HashMap<String, String>,
    contents: HashMap<String, Vec<u8>>,
    /// Statuses the next pushes are answered with, before any is delivered.
    push_failures: Vec<u16>,
    /// The next pushes are delivered, but answered 500 (the answer lost on the way).
    push_answers_lost: usize,
    /// Reply calls received, answered or not.
    reply_calls: usize,
    /// Push calls received, answered or not.
    push_calls: usize,
    /// The next push call is answered only after this long (the push in flight meanwhile).
    hold_next_push: Option<Duration>,
    /// Reply tokens issued from now on are already expired.
    tokens_expired: bool,
    /// The next reply call is held unanswered for [`REPLY_STALL`], after its messages were
    /// delivered (`Some(true)`) or before anything was done (`Some(false)`).
    stall_next_reply: Option<bool>,
    /// The month's push quota (`None`: unlimited) and the pushes counted against it.
    quota: Option<u64>,
    usage: u64,
    /// Rich menus created (their JSON and image), and the default's index.
    rich_menus: Vec<(Value, Vec<u8>)>,
    default_rich_menu: Option<usize>,
    next_event: u64,
    /// Groups and rooms the bot was removed from.
    removed_from: HashSet<String>,
    /// Why each reply or push refused for a message beyond LINE's limits was refused.
    beyond_limits: Vec<String>,
}

#[derive(Clone)]
pub struct FakeLine {
    state: Arc<Mutex<FakeState>>,
    address: SocketAddr,
    http: reqwest::Client,
}

impl FakeLine {
    pub async fn start() -> FakeLine {
        let state = Arc::new(Mutex::new(FakeState::default()));
        let router = Router::new()
            .route("/v2/bot/message/reply", post(reply))
            .route("/v2/bot/message/push", post(push))
            .route("/v2/bot/group/{group}/member/{user}", get(group_member))
            .route("/v2/bot/room/{room}/member/{user}", get(room_member))
            .route("/v2/bot/profile/{user}", get(profile))
            .route("/v2/bot/message/{id}/content", get(content))
            .route("/v2/bot/message/quota", get(quota))
            .route("/v2/bot/richmenu", post(create_rich_menu))
            .route("/v2/bot/richmenu/{id}/content", post(upload_rich_menu))
            .route("/v2/bot/user/all/richmenu", get(default_rich_menu))
            .route(
                "/v2/bot/user/all/richmenu/{id}",
                post(set_default_rich_menu),
            )
            .route("/v2/bot/message/quota/consumption", get(consumption))
            .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        FakeLine {
            state,
            address,
            http: reqwest::Client::new(),
        }
    }

    /// For LINE_API_URL and LINE_DATA_API_URL.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The environment that runs the real binary on LINE alone against this fake, its
    /// webhook at `address`, its database at `db`.
    pub fn bot_env(&self, address: &str, db: &std::path::Path) -> Vec<(&'static str, String)> {
        vec![
            ("LINE_CHANNEL_SECRET", SECRET.into()),
            ("LINE_CHANNEL_ACCESS_TOKEN", TOKEN.into()),
            ("LINE_ADMIN_USER_IDS", user_id(1)),
            ("LINE_API_URL", self.url()),
            ("LINE_DATA_API_URL", self.url()),
            ("KHETBOT_HTTP_ADDR", address.into()),
            ("KHETBOT_PUBLIC_URL", format!("http://{address}")),
            ("KHETBOT_DB", db.display().to_string()),
            (
                "KHETBOT_BACKUP_DIR",
                db.with_extension("backups").display().to_string(),
            ),
        ]
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FakeState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn add_member(&self, group: &str, user: &str, name: &str) {
        let mut state = self.lock();
        state.members.insert((group.to_string(), user.to_string()));
        state.names.insert(user.to_string(), name.to_string());
    }

    pub fn remove_member(&self, group: &str, user: &str) {
        self.lock()
            .members
            .remove(&(group.to_string(), user.to_string()));
    }

    pub fn set_name(&self, user: &str, name: &str) {
        self.lock().names.insert(user.to_string(), name.to_string());
    }

    pub fn set_content(&self, message_id: &str, bytes: Vec<u8>) {
        self.lock().contents.insert(message_id.to_string(), bytes);
    }

    /// The bot is no longer in `group`: pushes there are refused as LINE refuses them.
    pub fn remove_bot(&self, group: &str) {
        self.lock().removed_from.insert(group.to_string());
    }

    /// The bot was added to `group` again.
    pub fn restore_bot(&self, group: &str) {
        self.lock().removed_from.remove(group);
    }

    pub fn fail_next_pushes(&self, statuses: &[u16]) {
        self.lock().push_failures.extend_from_slice(statuses);
    }

    /// The next `count` pushes are delivered, and answered 500 as if LINE's answer was lost.
    pub fn lose_next_push_answers(&self, count: usize) {
        self.lock().push_answers_lost += count;
    }

    /// The rich menus created, and the default one's index.
    pub fn rich_menus(&self) -> (Vec<(Value, Vec<u8>)>, Option<usize>) {
        let state = self.lock();
        (state.rich_menus.clone(), state.default_rich_menu)
    }

    pub fn set_quota(&self, limit: Option<u64>) {
        self.lock().quota = limit;
    }

    /// The next reply call gets no answer in time (the bot's request times out); LINE has
    /// delivered its messages when `delivered`, or never looked at it.
    pub fn stall_next_reply(&self, delivered: bool) {
        self.lock().stall_next_reply = Some(delivered);
    }

    pub fn expire_reply_tokens(&self, expired: bool) {
        self.lock().tokens_expired = expired;
    }

    pub fn delivered(&self) -> Vec<Delivered> {
        self.lock().delivered.clone()
    }

    pub fn delivered_to(&self, chat: &str) -> Vec<Delivered> {
        self.delivered()
            .into_iter()
            .filter(|d| d.to == chat)
            .collect()
    }

    /// How many messages containing `needle` were delivered to `chat`.
    pub fn count_containing(&self, chat: &str, needle: &str) -> usize {
        self.delivered_to(chat)
            .iter()
            .filter(|d| d.text().contains(needle))
            .count()
    }

    /// The next push call is answered only after `hold`: it is in flight meanwhile.
    pub fn hold_next_push(&self, hold: Duration) {
        self.lock().hold_next_push = Some(hold);
    }

    /// How many push calls were received so far, answered or not.
    pub fn push_calls(&self) -> usize {
        self.lock().push_calls
    }

    /// How many reply calls were received so far, answered or not.
    pub fn reply_calls(&self) -> usize {
        self.lock().reply_calls
    }

    pub fn push_requests(&self) -> Vec<(String, Option<String>, u16)> {
        self.lock().push_requests.clone()
    }

    /// Why the replies and pushes refused for a message beyond LINE's limits were refused.
    pub fn beyond_limits(&self) -> Vec<String> {
        self.lock().beyond_limits.clone()
    }

    /// A webhook event from `source` (see [`group_source`], [`user_source`]) with a fresh
    /// webhookEventId and reply token.
    pub fn event(&self, source: Value, kind: &str, body: (&str, Value)) -> Value {
        let mut state = self.lock();
        state.next_event += 1;
        let n = state.next_event;
        let token = format!("reply-token-{n}");
        let chat = ["groupId", "roomId", "userId"]
            .iter()
            .find_map(|k| source[k].as_str())
            .unwrap_or_default()
            .to_string();
        let issued = if state.tokens_expired {
            Instant::now() - REPLY_TOKEN_LIFETIME * 2
        } else {
            Instant::now()
        };
        state.tokens.insert(
            token.clone(),
            ReplyToken {
                chat,
                issued,
                used: false,
            },
        );
        let mut event = json!({
            "type": kind,
            "mode": "active",
            "timestamp": 1_750_000_000_000u64 + n,
            "source": source,
            "webhookEventId": format!("01FAKE{n:020}"),
            "deliveryContext": { "isRedelivery": false },
            "replyToken": token,
        });
        event[body.0] = body.1;
        event
    }

    pub fn text(&self, source: Value, text: &str) -> Value {
        let id = self.lock().next_event + 1000;
        self.event(
            source,
            "message",
            (
                "message",
                json!({ "id": id.to_string(), "type": "text", "text": text }),
            ),
        )
    }

    pub fn postback(&self, source: Value, data: &str) -> Value {
        self.event(source, "postback", ("postback", json!({ "data": data })))
    }

    pub fn image(&self, source: Value, message_id: &str) -> Value {
        self.event(
            source,
            "message",
            (
                "message",
                json!({ "id": message_id, "type": "image",
                "contentProvider": { "type": "line" } }),
            ),
        )
    }

    /// The bot was removed from `group` (a `leave` event: no reply token, no user).
    pub fn leave(&self, group: &str) -> Value {
        let source = json!({ "type": "group", "groupId": group });
        let mut event = self.event(source, "leave", ("leave", json!({})));
        event.as_object_mut().unwrap().remove("leave");
        event.as_object_mut().unwrap().remove("replyToken");
        event
    }

    /// The sender takes back a message.
    pub fn unsend(&self, source: Value, message_id: &str) -> Value {
        self.event(
            source,
            "unsend",
            ("unsend", json!({ "messageId": message_id })),
        )
    }

    /// Posts events to the bot's webhook, signed with `secret`; the HTTP status.
    pub async fn post_signed(&self, webhook: &str, events: &[Value], secret: &str) -> StatusCode {
        let (body, signature) = signed(events, secret);
        self.post_raw(webhook, body, Some(&signature)).await
    }

    /// Posts signed events; `None` when the bot does not answer (not running).
    pub async fn try_post(&self, webhook: &str, events: &[Value]) -> Option<u16> {
        let (body, signature) = signed(events, SECRET);
        let sent = self
            .http
            .post(webhook)
            .header("content-type", "application/json")
            .header("x-line-signature", signature)
            .body(body)
            .send()
            .await;
        sent.ok().map(|response| response.status().as_u16())
    }

    pub async fn post(&self, webhook: &str, events: &[Value]) -> StatusCode {
        self.post_signed(webhook, events, SECRET).await
    }

    pub async fn post_raw(
        &self,
        webhook: &str,
        body: Vec<u8>,
        signature: Option<&str>,
    ) -> StatusCode {
        let mut request = self
            .http
            .post(webhook)
            .header("content-type", "application/json")
            .body(body);
        if let Some(signature) = signature {
            request = request.header("x-line-signature", signature);
        }
        let status = request.send().await.expect("the webhook answers").status();
        StatusCode::from_u16(status.as_u16()).unwrap()
    }

    /// Waits until a message containing `needle` was delivered to `chat`; returns its text.
    pub async fn wait_for_text(&self, chat: &str, needle: &str) -> Delivered {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(found) = self
                .delivered_to(chat)
                .into_iter()
                .find(|d| d.text().contains(needle))
            {
                return found;
            }
            if Instant::now() > deadline {
                let texts: Vec<String> = self
                    .delivered_to(chat)
                    .iter()
                    .map(|d| d.message.to_string())
                    .collect();
                panic!("no message with {needle:?} for {chat}; delivered: {texts:#?}");
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// A webhook body carrying `events` and its X-Line-Signature under `secret`.
fn signed(events: &[Value], secret: &str) -> (Vec<u8>, String) {
    let body = json!({ "destination": user_id(999), "events": events }).to_string();
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body.as_bytes());
    let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    (body.into_bytes(), signature)
}

pub fn group_source(group: &str, user: &str) -> Value {
    json!({ "type": "group", "groupId": group, "userId": user })
}

pub fn user_source(user: &str) -> Value {
    json!({ "type": "user", "userId": user })
}

fn authorised(headers: &HeaderMap) -> bool {
    headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == format!("Bearer {TOKEN}"))
}

fn error(status: u16, message: &str) -> Response {
    (
        StatusCode::from_u16(status).unwrap(),
        Json(json!({ "message": message })),
    )
        .into_response()
}

type Shared = State<Arc<Mutex<FakeState>>>;

fn messages_of(body: &Value) -> Option<Vec<Value>> {
    let messages = body["messages"].as_array()?.clone();
    (1..=5).contains(&messages.len()).then_some(messages)
}

/// LINE's limits on a message (messaging-api.yml; the Messaging API reference: a text at
/// most 5,000 UTF-16 code units, at most 13 quick-reply items, an action's label at most 20 grapheme
/// clusters, a postback's data and display text at most 300 characters, a Flex message's alt
/// text at most 1,500 characters, a bubble at most 30 KB of JSON, a carousel at most 12 bubbles
/// and 50 KB): why LINE would refuse `messages`, if it would.
pub fn beyond_limits(messages: &[Value]) -> Option<String> {
    use unicode_segmentation::UnicodeSegmentation;
    let mut actions = Vec::new();
    for message in messages {
        match message["type"].as_str() {
            Some("text") => {
                // LINE counts a text in UTF-16 code units (text-character-count).
                let text = message["text"].as_str().unwrap_or_default();
                let units = text.encode_utf16().count();
                if units == 0 || units > 5000 {
                    return Some(format!("a text of {units} UTF-16 code units"));
                }
            }
            Some("flex") => {
                let alt = message["altText"].as_str().unwrap_or_default();
                if alt.is_empty() || alt.chars().count() > 1500 {
                    return Some(format!("an alt text of {} characters", alt.chars().count()));
                }
                let contents = &message["contents"];
                let bubbles = match contents["type"].as_str() {
                    Some("bubble") => vec![contents.clone()],
                    Some("carousel") => {
                        contents["contents"].as_array().cloned().unwrap_or_default()
                    }
                    _ => return Some(format!("flex contents {contents}")),
                };
                if bubbles.is_empty() || bubbles.len() > 12 || contents.to_string().len() > 50_000 {
                    return Some(format!("a carousel of {} bubbles", bubbles.len()));
                }
                for bubble in &bubbles {
                    if bubble.to_string().len() > 30_000 {
                        return Some(format!("a bubble of {} bytes", bubble.to_string().len()));
                    }
                    if ["header", "hero", "body", "footer"]
                        .iter()
                        .all(|b| bubble.get(b).is_none())
                    {
                        return Some("an empty bubble".into());
                    }
                }
                let mut texts = Vec::new();
                flex_components(contents, &mut texts, &mut actions);
                if texts.iter().any(|text| text.is_empty()) {
                    return Some("an empty text in a bubble".into());
                }
            }
            Some("image") => {}
            other => return Some(format!("a message of type {other:?}")),
        }
        if let Some(quick) = message.get("quickReply") {
            let items = quick["items"].as_array().cloned().unwrap_or_default();
            if items.is_empty() || items.len() > 13 {
                return Some(format!("{} quick-reply items", items.len()));
            }
            actions.extend(items.iter().map(|item| item["action"].clone()));
        }
    }
    for action in actions {
        let label = action["label"].as_str().unwrap_or_default();
        let clusters = label.graphemes(true).count();
        if clusters == 0 || clusters > 20 {
            return Some(format!("a label of {clusters} grapheme clusters: {label}"));
        }
        for (field, limit) in [("data", 300), ("displayText", 300), ("uri", 1000)] {
            let value = action[field].as_str().unwrap_or_default();
            if value.chars().count() > limit {
                return Some(format!("{field} of {} characters", value.chars().count()));
            }
        }
    }
    None
}

/// The texts and actions of a Flex container's components.
fn flex_components(component: &Value, texts: &mut Vec<String>, actions: &mut Vec<Value>) {
    if component["type"] == "text" {
        texts.push(component["text"].as_str().unwrap_or_default().to_string());
    }
    if component["type"] == "button" {
        actions.push(component["action"].clone());
    }
    for part in ["header", "hero", "body", "footer"] {
        if let Some(part) = component.get(part) {
            flex_components(part, texts, actions);
        }
    }
    for child in component["contents"].as_array().into_iter().flatten() {
        flex_components(child, texts, actions);
    }
}

async fn reply(State(state): Shared, headers: HeaderMap, body: Bytes) -> Response {
    if !authorised(&headers) {
        return error(401, "Authentication failed");
    }
    state.lock().unwrap().reply_calls += 1;
    let Ok(body) = serde_json::from_slice::<Value>(&body) else {
        return error(400, "The request body has 1 error(s)");
    };
    let Some(messages) = messages_of(&body) else {
        return error(400, "The request body has 1 error(s)");
    };
    if let Some(why) = beyond_limits(&messages) {
        state.lock().unwrap().beyond_limits.push(why);
        return error(400, "The request body has 1 error(s)");
    }
    let stall = state.lock().unwrap().stall_next_reply.take();
    if stall == Some(false) {
        tokio::time::sleep(REPLY_STALL).await;
        return error(500, "stalled by the fake");
    }
    let answer = take_reply(&state, &body, messages);
    if stall == Some(true) {
        tokio::time::sleep(REPLY_STALL).await;
    }
    answer
}

/// Delivers a reply's messages if its token is good.
fn take_reply(state: &Mutex<FakeState>, body: &Value, messages: Vec<Value>) -> Response {
    let mut state = state.lock().unwrap();
    let token = body["replyToken"].as_str().unwrap_or_default();
    let Some(entry) = state.tokens.get_mut(token) else {
        return error(400, "Invalid reply token");
    };
    if entry.used || entry.issued.elapsed() > REPLY_TOKEN_LIFETIME {
        return error(400, "Invalid reply token");
    }
    entry.used = true;
    let to = entry.chat.clone();
    for message in messages {
        state.delivered.push(Delivered {
            to: to.clone(),
            via: Via::Reply,
            message,
            at: Instant::now(),
        });
    }
    Json(json!({ "sentMessages": [] })).into_response()
}

async fn push(State(state): Shared, headers: HeaderMap, body: Bytes) -> Response {
    if !authorised(&headers) {
        return error(401, "Authentication failed");
    }
    let key = headers
        .get("x-line-retry-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let Ok(body) = serde_json::from_slice::<Value>(&body) else {
        return error(400, "The request body has 1 error(s)");
    };
    let to = body["to"].as_str().unwrap_or_default().to_string();
    let hold = {
        let mut state = state.lock().unwrap();
        state.push_calls += 1;
        state.hold_next_push.take()
    };
    if let Some(hold) = hold {
        tokio::time::sleep(hold).await;
    }
    let mut state = state.lock().unwrap();
    if state.removed_from.contains(&to) {
        state.push_requests.push((to, key, 400));
        return error(400, "Failed to send messages");
    }
    let beyond = messages_of(&body).and_then(|messages| beyond_limits(&messages));
    let status = if !state.push_failures.is_empty() {
        state.push_failures.remove(0)
    } else if messages_of(&body).is_none() {
        400
    } else if let Some(why) = beyond {
        state.beyond_limits.push(why);
        400
    } else if key.as_ref().is_some_and(|k| state.retry_keys.contains(k)) {
        409
    } else if state.quota.is_some_and(|limit| state.usage >= limit) {
        state.push_requests.push((to, key, 429));
        return error(429, "You have reached your monthly limit.");
    } else {
        200
    };
    let answer_lost = status == 200 && state.push_answers_lost > 0;
    if answer_lost {
        state.push_answers_lost -= 1;
    }
    let answered = if answer_lost { 500 } else { status };
    state
        .push_requests
        .push((to.clone(), key.clone(), answered));
    if status != 200 {
        return error(status, "refused by the fake");
    }
    // One push request is one message of the quota, whatever its number of bubbles.
    state.usage += 1;
    if let Some(key) = &key {
        state.retry_keys.insert(key.clone());
    }
    for message in messages_of(&body).unwrap_or_default() {
        state.delivered.push(Delivered {
            to: to.clone(),
            via: Via::Push {
                retry_key: key.clone().unwrap_or_default(),
            },
            message,
            at: Instant::now(),
        });
    }
    if answer_lost {
        return error(500, "delivered, answer lost by the fake");
    }
    Json(json!({ "sentMessages": [] })).into_response()
}

/// A group's member profile; like LINE, refuses an id that is not a group's (`C…`).
async fn group_member(state: Shared, Path((group, user)): Path<(String, String)>) -> Response {
    chat_member(state, 'C', group, user)
}

/// A room's member profile (a multi-person chat without a group, `R…`).
async fn room_member(state: Shared, Path((room, user)): Path<(String, String)>) -> Response {
    chat_member(state, 'R', room, user)
}

fn chat_member(State(state): Shared, kind: char, group: String, user: String) -> Response {
    if !group.starts_with(kind) {
        return error(400, "The value for the 'groupId' parameter is invalid");
    }
    let state = state.lock().unwrap();
    if state.members.contains(&(group, user.clone())) {
        let name = state.names.get(&user).cloned().unwrap_or_default();
        Json(json!({ "displayName": name, "userId": user })).into_response()
    } else {
        error(404, "Not found")
    }
}

async fn profile(State(state): Shared, Path(user): Path<String>) -> Response {
    let state = state.lock().unwrap();
    match state.names.get(&user) {
        Some(name) => Json(json!({ "displayName": name, "userId": user })).into_response(),
        None => error(404, "Not found"),
    }
}

async fn content(State(state): Shared, Path(id): Path<String>) -> Response {
    match state.lock().unwrap().contents.get(&id) {
        Some(bytes) => ([("content-type", "image/jpeg")], bytes.clone()).into_response(),
        None => error(404, "Not found"),
    }
}

async fn quota(State(state): Shared) -> Response {
    match state.lock().unwrap().quota {
        Some(limit) => Json(json!({ "type": "limited", "value": limit })).into_response(),
        None => Json(json!({ "type": "none" })).into_response(),
    }
}

async fn consumption(State(state): Shared) -> Response {
    Json(json!({ "totalUsage": state.lock().unwrap().usage })).into_response()
}

async fn create_rich_menu(State(state): Shared, Json(menu): Json<Value>) -> Response {
    let mut state = state.lock().unwrap();
    state.rich_menus.push((menu, Vec::new()));
    Json(json!({ "richMenuId": format!("richmenu-{}", state.rich_menus.len() - 1) }))
        .into_response()
}

fn rich_menu_index(id: &str) -> Option<usize> {
    id.strip_prefix("richmenu-")?.parse().ok()
}

async fn upload_rich_menu(State(state): Shared, Path(id): Path<String>, body: Bytes) -> Response {
    let mut state = state.lock().unwrap();
    match rich_menu_index(&id).and_then(|i| state.rich_menus.get_mut(i)) {
        Some(menu) => {
            menu.1 = body.to_vec();
            Json(json!({})).into_response()
        }
        None => error(404, "Not found"),
    }
}

async fn default_rich_menu(State(state): Shared) -> Response {
    match state.lock().unwrap().default_rich_menu {
        Some(i) => Json(json!({ "richMenuId": format!("richmenu-{i}") })).into_response(),
        None => error(404, "no default rich menu"),
    }
}

async fn set_default_rich_menu(State(state): Shared, Path(id): Path<String>) -> Response {
    let mut state = state.lock().unwrap();
    match rich_menu_index(&id).filter(|i| state.rich_menus.get(*i).is_some_and(|m| !m.1.is_empty()))
    {
        Some(i) => {
            state.default_rich_menu = Some(i);
            Json(json!({})).into_response()
        }
        None => error(400, "the rich menu has no image"),
    }
}
