//! The few Messaging API calls the adapter makes, shaped after LINE's OpenAPI description
//! (`shared/specs/line-openapi/messaging-api.yml`).

use std::time::Duration;

use serde::Deserialize;
use serde_json::{Value, json};

use crate::config::LineConfig;

/// Every call gives up after this long; a push is then retried with its retry key.
const TIMEOUT: Duration = Duration::from_secs(20);
/// A reply call gives up sooner: its token lasts about a minute, and what follows an
/// unanswered reply (a second try, then a push) must fit in it.
const REPLY_TIMEOUT: Duration = Duration::from_secs(10);

/// Content (images, files people send) larger than this is not downloaded.
pub const MAX_DOWNLOAD_BYTES: usize = 10 * 1024 * 1024;

#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    token: String,
    api: String,
    data_api: String,
}

/// How a call went wrong, in the terms the sender decides by.
#[derive(Debug)]
pub enum ApiError {
    /// Worth trying again later: 429 (rate limit), 5xx, or no answer.
    Transient(String),
    /// The month's push quota is used up (429 "You have reached your monthly limit."):
    /// pushes wait for the next month or a larger plan.
    QuotaExhausted,
    /// LINE refused the request itself (other 4xx): retrying the same request cannot help.
    Refused { status: u16, message: String },
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Transient(m) => write!(f, "{m}"),
            ApiError::QuotaExhausted => write!(f, "the monthly message quota is used up"),
            ApiError::Refused { status, message } => {
                write!(f, "LINE refused ({status}): {message}")
            }
        }
    }
}

/// How a push went.
#[derive(Debug, PartialEq)]
pub enum Pushed {
    Sent,
    /// LINE already accepted a push with this retry key (409): it was delivered once.
    AlreadySent,
}

/// This month's push quota: `limit` is `None` when unlimited.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quota {
    pub used: i64,
    pub limit: Option<i64>,
}

impl Quota {
    pub fn exhausted(&self) -> bool {
        self.limit.is_some_and(|limit| self.used >= limit)
    }

    /// The share used, in percent; 0 when unlimited.
    pub fn percent(&self) -> i64 {
        match self.limit {
            Some(limit) if limit > 0 => self.used * 100 / limit,
            Some(_) => 100,
            None => 0,
        }
    }
}

#[derive(Deserialize)]
struct QuotaLimit {
    #[serde(rename = "type")]
    kind: String,
    value: Option<i64>,
}

#[derive(Deserialize)]
struct QuotaConsumption {
    #[serde(rename = "totalUsage")]
    total_usage: i64,
}

#[derive(Deserialize)]
struct Profile {
    #[serde(rename = "displayName")]
    display_name: String,
}

impl Client {
    pub fn new(config: &LineConfig) -> Result<Client, reqwest::Error> {
        Ok(Client {
            http: reqwest::Client::builder().timeout(TIMEOUT).build()?,
            token: config.access_token.clone(),
            api: config.api_url.clone(),
            data_api: config.data_api_url.clone(),
        })
    }

    async fn call(&self, request: reqwest::RequestBuilder) -> Result<reqwest::Response, ApiError> {
        let response = request
            .bearer_auth(&self.token)
            .send()
            .await
            // Without the URL: it may name a person (a profile lookup), and errors are logged.
            .map_err(|e| {
                ApiError::Transient(format!("LINE did not answer: {}", e.without_url()))
            })?;
        let status = response.status();
        if status.is_success() {
            return Ok(response);
        }
        let message = response
            .json::<Value>()
            .await
            .ok()
            .and_then(|v| v.get("message").and_then(Value::as_str).map(str::to_string))
            .unwrap_or_default();
        if status.as_u16() == 429 && message.contains("monthly limit") {
            Err(ApiError::QuotaExhausted)
        } else if status.as_u16() == 429 || status.is_server_error() {
            Err(ApiError::Transient(format!(
                "LINE answered {status}: {message}"
            )))
        } else {
            Err(ApiError::Refused {
                status: status.as_u16(),
                message,
            })
        }
    }

    /// Answers an event with its reply token (free; single use; at most 5 messages).
    pub async fn reply(&self, reply_token: &str, messages: &[Value]) -> Result<(), ApiError> {
        let body = json!({ "replyToken": reply_token, "messages": messages });
        self.call(
            self.http
                .post(format!("{}/v2/bot/message/reply", self.api))
                .timeout(REPLY_TIMEOUT)
                .json(&body),
        )
        .await
        .map(|_| ())
    }

    /// Sends at most 5 messages to a chat at any time (counts against the monthly quota).
    pub async fn push(
        &self,
        to: &str,
        messages: &[Value],
        retry_key: &str,
    ) -> Result<Pushed, ApiError> {
        let body = json!({ "to": to, "messages": messages });
        let request = self
            .http
            .post(format!("{}/v2/bot/message/push", self.api))
            .header("X-Line-Retry-Key", retry_key)
            .json(&body);
        match self.call(request).await {
            Ok(_) => Ok(Pushed::Sent),
            Err(ApiError::Refused { status: 409, .. }) => Ok(Pushed::AlreadySent),
            Err(e) => Err(e),
        }
    }

    /// Whether `user_id` is a member of the group or multi-person chat (200) or not (404);
    /// `None` when unknown. With their display name when they are. A room (`R…`, a chat
    /// LINE made without a group) has its own member profile endpoint.
    pub async fn group_member(
        &self,
        group_id: &str,
        user_id: &str,
    ) -> Result<Option<String>, ApiError> {
        let kind = if group_id.starts_with('R') {
            "room"
        } else {
            "group"
        };
        let url = format!("{}/v2/bot/{kind}/{group_id}/member/{user_id}", self.api);
        match self.call(self.http.get(url)).await {
            Ok(response) => Ok(Some(read_name(response).await)),
            Err(ApiError::Refused { status: 404, .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The display name of someone who talks to the bot one to one.
    pub async fn profile_name(&self, user_id: &str) -> Result<String, ApiError> {
        let url = format!("{}/v2/bot/profile/{user_id}", self.api);
        Ok(read_name(self.call(self.http.get(url)).await?).await)
    }

    /// The month's quota and how much of it is used.
    pub async fn quota(&self) -> Result<Quota, ApiError> {
        let limit: QuotaLimit = self
            .call(self.http.get(format!("{}/v2/bot/message/quota", self.api)))
            .await?
            .json()
            .await
            .map_err(|e| ApiError::Transient(format!("quota unreadable: {}", e.without_url())))?;
        let used: QuotaConsumption = self
            .call(
                self.http
                    .get(format!("{}/v2/bot/message/quota/consumption", self.api)),
            )
            .await?
            .json()
            .await
            .map_err(|e| {
                ApiError::Transient(format!("consumption unreadable: {}", e.without_url()))
            })?;
        Ok(Quota {
            used: used.total_usage,
            limit: (limit.kind == "limited").then_some(limit.value.unwrap_or(0)),
        })
    }

    /// The id of the rich menu shown to everyone by default, if one is set.
    pub async fn default_rich_menu(&self) -> Result<Option<String>, ApiError> {
        let url = format!("{}/v2/bot/user/all/richmenu", self.api);
        match self.call(self.http.get(url)).await {
            Ok(response) => Ok(response
                .json::<Value>()
                .await
                .ok()
                .and_then(|v| v["richMenuId"].as_str().map(str::to_string))),
            Err(ApiError::Refused { status: 404, .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Creates a rich menu, uploads its image and makes it everyone's default.
    pub async fn create_default_rich_menu(
        &self,
        menu: &Value,
        png: Vec<u8>,
    ) -> Result<(), ApiError> {
        let created: Value = self
            .call(
                self.http
                    .post(format!("{}/v2/bot/richmenu", self.api))
                    .json(menu),
            )
            .await?
            .json()
            .await
            .map_err(|e| {
                ApiError::Transient(format!("rich menu id unreadable: {}", e.without_url()))
            })?;
        let id = created["richMenuId"]
            .as_str()
            .ok_or_else(|| ApiError::Transient("no rich menu id".into()))?;
        let upload = self
            .http
            .post(format!("{}/v2/bot/richmenu/{id}/content", self.data_api))
            .header("content-type", "image/png")
            .body(png);
        self.call(upload).await?;
        self.call(
            self.http
                .post(format!("{}/v2/bot/user/all/richmenu/{id}", self.api)),
        )
        .await
        .map(|_| ())
    }

    /// The bytes of an image or file someone sent, when not too large.
    pub async fn content(&self, message_id: &str) -> Result<Option<Vec<u8>>, ApiError> {
        let url = format!("{}/v2/bot/message/{message_id}/content", self.data_api);
        let response = self.call(self.http.get(url)).await?;
        let bytes = response.bytes().await.map_err(|e| {
            ApiError::Transient(format!("content download broke off: {}", e.without_url()))
        })?;
        Ok((bytes.len() <= MAX_DOWNLOAD_BYTES).then(|| bytes.to_vec()))
    }
}

async fn read_name(response: reqwest::Response) -> String {
    response
        .json::<Profile>()
        .await
        .map(|p| p.display_name)
        .unwrap_or_default()
}
