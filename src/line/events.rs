//! LINE webhook events (`webhook.yml`), as much of them as the adapter reads. Unknown event
//! and message types parse too, and are skipped.

use serde::Deserialize;

/// A webhook request's body.
#[derive(Debug, Deserialize)]
pub struct WebhookBody {
    #[serde(default)]
    pub events: Vec<serde_json::Value>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LineEvent {
    #[serde(rename = "type")]
    pub kind: String,
    pub source: Option<Source>,
    pub reply_token: Option<String>,
    pub message: Option<Message>,
    pub postback: Option<Postback>,
    pub unsend: Option<Unsend>,
    /// memberJoined / memberLeft: who.
    pub joined: Option<Members>,
    pub left: Option<Members>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Members {
    #[serde(default)]
    pub members: Vec<Source>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Unsend {
    pub message_id: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Source {
    User {
        user_id: String,
    },
    Group {
        group_id: String,
        user_id: Option<String>,
    },
    Room {
        room_id: String,
        user_id: Option<String>,
    },
}

impl Source {
    /// The LINE id of the chat: the person's own for a one-to-one chat.
    pub fn chat_id(&self) -> &str {
        match self {
            Source::User { user_id } => user_id,
            Source::Group { group_id, .. } => group_id,
            Source::Room { room_id, .. } => room_id,
        }
    }

    pub fn user_id(&self) -> Option<&str> {
        match self {
            Source::User { user_id } => Some(user_id),
            Source::Group { user_id, .. } | Source::Room { user_id, .. } => user_id.as_deref(),
        }
    }

    pub fn is_private(&self) -> bool {
        matches!(self, Source::User { .. })
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub text: Option<String>,
    pub file_name: Option<String>,
    pub file_size: Option<u64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Postback {
    pub data: String,
}

/// The chat an event belongs to, for ordering: events of one chat are handled in order.
pub fn chat_of(event: &serde_json::Value) -> String {
    event
        .get("source")
        .and_then(|s| {
            ["groupId", "roomId", "userId"]
                .iter()
                .find_map(|k| s.get(k).and_then(|v| v.as_str()))
        })
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_text_event_parses_with_its_source() {
        let json = r#"{"type":"message","mode":"active","timestamp":1,
            "source":{"type":"group","groupId":"Cabc","userId":"Udef"},
            "webhookEventId":"01H","deliveryContext":{"isRedelivery":false},
            "replyToken":"rt","message":{"id":"1","type":"text","text":"สวัสดี","quoteToken":"q"}}"#;
        let event: LineEvent = serde_json::from_str(json).unwrap();
        let source = event.source.unwrap();
        assert_eq!(source.chat_id(), "Cabc");
        assert_eq!(source.user_id(), Some("Udef"));
        assert_eq!(event.message.unwrap().text.as_deref(), Some("สวัสดี"));
        assert_eq!(chat_of(&serde_json::from_str(json).unwrap()), "Cabc");
    }

    #[test]
    fn unknown_types_still_parse() {
        let json = r#"{"type":"beacon","timestamp":1,"webhookEventId":"01X",
            "source":{"type":"user","userId":"Uabc"},"beacon":{"hwid":"x","type":"enter"}}"#;
        let event: LineEvent = serde_json::from_str(json).unwrap();
        assert_eq!(event.kind, "beacon");
    }
}
