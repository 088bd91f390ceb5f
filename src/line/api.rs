//! The few Messaging API calls the adapter makes, shaped after LINE's OpenAPI description
//! (`shared/specs/line-openapi/messaging-api.yml`).

use std::time::Duration;

use serde::Deserialize;
use serde_json::{Value, json};

use crate::config::LineConfig;

/// Every call gives up after this long; a push is then retried with its retry key.
const TIMEOUT: Duration = Duration::from_secs(20);

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
    /// Worth trying again later: 429 (rate limit or monthly quota), 5xx, or no answer.
    Transient(String),
    /// LINE refused the request itself (other 4xx): retrying the same request cannot help.
    Refused { status: u16, message: String },
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Transient(m) => write!(f, "{m}"),
            ApiError::Refused { status, message } => write!(f, "LINE refused ({status}): {message}"),
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
            .map_err(|e| ApiError::Transient(format!("LINE did not answer: {}", e.without_url())))?;
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
        if status.as_u16() == 429 || status.is_server_error() {
            Err(ApiError::Transient(format!("LINE answered {status}: {message}")))
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
        self.call(self.http.post(format!("{}/v2/bot/message/reply", self.api)).json(&body))
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

    /// Whether `user_id` is a member of the group (200) or not (404); `None` when unknown.
    /// With their display name when they are.
    pub async fn group_member(&self, group_id: &str, user_id: &str) -> Result<Option<String>, ApiError> {
        let url = format!("{}/v2/bot/group/{group_id}/member/{user_id}", self.api);
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

    /// The bytes of an image or file someone sent, when not too large.
    pub async fn content(&self, message_id: &str) -> Result<Option<Vec<u8>>, ApiError> {
        let url = format!("{}/v2/bot/message/{message_id}/content", self.data_api);
        let response = self.call(self.http.get(url)).await?;
        let bytes = response
            .bytes()
            .await
            .map_err(|e| {
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
