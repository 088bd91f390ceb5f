//! What the adapters hand to the core and what they get back. Plain data: no teloxide types,
//! so the console, the Telegram adapter and the tests all speak the same language.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Staff,
    Principals,
    Officers,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Staff, Role::Principals, Role::Officers];

    pub fn code(self) -> &'static str {
        match self {
            Role::Staff => "staff",
            Role::Principals => "principals",
            Role::Officers => "officers",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Accepts the Latin code and the Thai names staff would type.
    pub fn parse(word: &str) -> Option<Role> {
        match word.trim() {
            "staff" | "บุคลากร" | "เจ้าหน้าที่" => {
                Some(Role::Staff)
            }
            "principals" | "principal" | "ผู้บริหาร" | "ผู้อำนวยการ" => {
                Some(Role::Principals)
            }
            "officers" | "officer" | "เจ้าหน้าที่รับเรื่อง" | "รับเรื่อง" => {
                Some(Role::Officers)
            }
            _ => None,
        }
    }

    /// The Thai word [`parse`](Self::parse) takes for the role (ตั้งค่ากลุ่ม บุคลากร).
    pub fn thai_word(self) -> &'static str {
        match self {
            Role::Staff => "บุคลากร",
            Role::Principals => "ผู้บริหาร",
            Role::Officers => "เจ้าหน้าที่รับเรื่อง",
        }
    }

    /// Locale key of the group's name ("กลุ่มบุคลากร").
    pub fn name_key(self) -> &'static str {
        match self {
            Role::Staff => "core.role_staff",
            Role::Principals => "core.role_principals",
            Role::Officers => "core.role_officers",
        }
    }
}

/// Which messenger a chat lives on, told by its id: Telegram's ids fit in 52 bits (negative
/// for groups); LINE's string ids are mapped into [`Platform::LINE_IDS`], far above them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Platform {
    Telegram,
    Line,
}

impl Platform {
    /// The core ids of LINE chats and people: 2^61 plus a 60-bit value.
    pub const LINE_IDS: std::ops::Range<i64> = (1 << 61)..(1 << 61) + (1 << 60);

    /// The core id of a LINE id: 60 bits of its SHA-256 above 2^61, the same on every start.
    /// Two LINE ids meeting on one core id would take 2^30 of them to become likely.
    pub fn line_id(line_id: &str) -> i64 {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(line_id.as_bytes());
        let bits = u64::from_be_bytes(digest[..8].try_into().expect("8 bytes")) >> 4;
        Platform::LINE_IDS.start + bits as i64
    }

    /// Files sent on LINE are known to the core by this prefix and LINE's message id.
    pub const LINE_FILE_PREFIX: &'static str = "line:";

    /// The messenger a core file id came from.
    pub fn of_file(file_id: &str) -> Platform {
        if file_id.starts_with(Platform::LINE_FILE_PREFIX) {
            Platform::Line
        } else {
            Platform::Telegram
        }
    }

    pub fn of(chat_id: i64) -> Platform {
        if Platform::LINE_IDS.contains(&chat_id) {
            Platform::Line
        } else {
            Platform::Telegram
        }
    }

    /// The messenger's name as people know it (a product name, the same in every language):
    /// what texts about what the messenger itself knows of them must say.
    pub fn name(self) -> &'static str {
        match self {
            Platform::Telegram => "Telegram",
            Platform::Line => "LINE",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatKind {
    Private,
    Group,
}

#[derive(Debug, Clone)]
pub struct Chat {
    pub id: i64,
    pub kind: ChatKind,
    pub title: Option<String>,
}

/// The person behind an event.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: i64,
    pub name: String,
    pub username: Option<String>,
    /// An anonymous group admin posting as the group itself; treated as an admin there.
    pub anonymous_admin: bool,
    /// Roles of the registered groups this person is a member of. The adapter fills it for
    /// private chats (Telegram's getChatMember); in a group the group's own role counts.
    pub memberships: Vec<Role>,
}

#[derive(Debug, Clone)]
pub enum Input {
    Text(String),
    Button {
        callback_id: String,
        data: String,
        message_id: i64,
    },
    Photo {
        file_id: String,
        caption: Option<String>,
    },
    Document(Document),
    /// The group became a supergroup and has a new chat id.
    GroupMigrated {
        to_chat_id: i64,
    },
    /// The bot was removed from the group, or may no longer post there.
    BotRemoved,
    /// The sender took back a message they had sent (LINE's unsend): the file it carried,
    /// if kept, is not shown again.
    Withdrawn {
        file_id: String,
    },
    /// Someone forwarded a message (its text or caption): never run as their command.
    Forwarded {
        text: String,
    },
    /// Someone edited a message they had sent (its new text or caption; `Event::message_id`
    /// is the message's own id): what the first version did stands, unless it answered a
    /// step of a dialogue still open, which takes the new text.
    Edited {
        text: String,
    },
    /// Something the bot cannot use (a sticker, voice message, video, location, contact,
    /// poll): answered with what the bot can do in a private chat, ignored in groups.
    Unusable,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub file_id: String,
    pub file_name: Option<String>,
    pub mime: Option<String>,
    pub size: u64,
    pub caption: Option<String>,
    /// Downloaded by the adapter when the caption asks for processing and the file is small
    /// enough; `None` otherwise.
    pub bytes: Option<Vec<u8>>,
}

#[derive(Debug, Clone)]
pub struct Event {
    /// The adapter's update id (Telegram's update id; a LINE event's, negative); the core
    /// ignores an id it has already processed.
    pub update_id: Option<i64>,
    /// The message this one replies to (Telegram's reply), by its id in the chat.
    pub reply_to: Option<i64>,
    /// This message's id in its chat, where the messenger lets the bot delete it.
    pub message_id: Option<i64>,
    pub chat: Chat,
    pub actor: Actor,
    pub input: Input,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Button {
    Callback { label: String, data: String },
    Url { label: String, url: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Attachment {
    /// A file Telegram already has, re-sent by id (never forwarded: a forward names the sender).
    Photo {
        file_id: String,
    },
    Document {
        file_id: String,
    },
    /// A file the bot made. The bytes travel beside the JSON payload in the outbox.
    File {
        name: String,
        mime: String,
        #[serde(skip)]
        bytes: Vec<u8>,
    },
}

/// A message in Telegram HTML.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OutMessage {
    pub text: String,
    pub buttons: Vec<Vec<Button>>,
    pub attachment: Option<Attachment>,
    /// What this message shows when it is a card that later changes must edit
    /// (`complaints:case:12`): the adapter reports where it was posted
    /// ([`Core::card_delivered`](super::Core::card_delivered)) and
    /// [`Ctx::update_card`](super::Ctx::update_card) edits every copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<String>,
    /// Asks for the answer as a reply to this message (Telegram's ForceReply, for the people
    /// it mentions) with this hint in the input field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_prompt: Option<String>,
    /// Its buttons only fetch what a command also gives (the proof's certificate: ใบอนุโมทนา
    /// <เลขที่>), so when a group's messages are owed faster than the messenger lets them
    /// through it may share a message with others, without its buttons. A message with other
    /// buttons always goes alone: those are actions nobody could take otherwise. Joined, the
    /// message loses its buttons, and the heading says how to get what they gave in the words
    /// of their capability (`<area>.joined_without_buttons`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub joinable: bool,
    /// The record this message reports (a donation recorded), so that many such messages
    /// owed to one chat can become one summary ([`Summarized`]). Implies `joinable`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Summarized>,
    /// Shown as a reply to this message of the chat (its id): an answer about one message
    /// among many, such as an edit or a forward in a busy group. Where the messenger cannot
    /// reply to a message, or it is gone, the message goes out plain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<i64>,
    /// The language it was written in (`th`, `en`), set when the core sends it: what is
    /// added around it later (the heading of messages joined into one) speaks the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// One record a message reports, as the capability of `area` words a summary of many
/// (`บันทึก 12 รายการ: 14/2570–25/2570, รวม 12,500.00 บาท`). Plain data the adapters pass
/// back to the core ([`Core::join_owed`](super::Core::join_owed)) without understanding it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summarized {
    /// The capability that words the summary.
    pub area: String,
    /// The record's series (a fiscal year) and its number in it.
    pub series: i64,
    pub number: i64,
    /// The money it records, in satang; `None` for goods, which are counted, not summed.
    pub satang: Option<i64>,
}

impl OutMessage {
    pub fn text(text: impl Into<String>) -> OutMessage {
        OutMessage {
            text: text.into(),
            ..Default::default()
        }
    }

    pub fn with_buttons(mut self, buttons: Vec<Vec<Button>>) -> OutMessage {
        self.buttons = buttons;
        self
    }

    pub fn with_attachment(mut self, attachment: Attachment) -> OutMessage {
        self.attachment = Some(attachment);
        self
    }

    /// Marks the message as [`joinable`](Self::joinable).
    pub fn joinable(mut self) -> OutMessage {
        self.joinable = true;
        self
    }

    /// Marks the message as reporting the record `item`: it may be summarized with others.
    pub fn summarized(mut self, item: Summarized) -> OutMessage {
        self.summary = Some(item);
        self.joinable()
    }

    /// Whether it may share a message with others: no file, no prompt awaiting a reply, and
    /// no buttons but those a command can stand in for.
    pub fn may_share_a_message(&self) -> bool {
        self.attachment.is_none()
            && self.reply_prompt.is_none()
            && self.reply_to.is_none()
            && (self.buttons.is_empty() || self.joinable)
    }

    /// Shows the message as a reply to the chat's message `message_id`, if known.
    pub fn replying_to(mut self, message_id: Option<i64>) -> OutMessage {
        self.reply_to = message_id;
        self
    }

    /// Marks the message as the card `card`, so that its copies follow later changes.
    pub fn as_card(mut self, card: impl Into<String>) -> OutMessage {
        self.card = Some(card.into());
        self
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    Send {
        chat_id: i64,
        message: OutMessage,
    },
    Edit {
        chat_id: i64,
        message_id: i64,
        message: OutMessage,
    },
    /// Takes the buttons off a message whose choice was made (a dialogue's step), leaving
    /// its text. Never for LINE chats, whose quick replies vanish by themselves.
    RemoveButtons {
        chat_id: i64,
        message_id: i64,
    },
    /// Deletes a message someone sent (a tracking code typed in a group), then says
    /// `deleted`; where the bot may not delete it, says `kept` (how to delete it) instead.
    /// Boxed: two messages would make every effect twice as large, for a rare one.
    DeleteMessage {
        chat_id: i64,
        message_id: i64,
        deleted: Box<OutMessage>,
        kept: Box<OutMessage>,
    },
    /// Stops the button's spinner; optionally shows a short notice.
    AnswerButton {
        callback_id: String,
        text: Option<String>,
    },
}

impl Effect {
    pub fn chat_id(&self) -> Option<i64> {
        match self {
            Effect::Send { chat_id, .. }
            | Effect::Edit { chat_id, .. }
            | Effect::RemoveButtons { chat_id, .. }
            | Effect::DeleteMessage { chat_id, .. } => Some(*chat_id),
            Effect::AnswerButton { .. } => None,
        }
    }
}

/// An effect to carry out, with its outbox row when it was persisted.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub outbox_id: Option<i64>,
    pub effect: Effect,
}
