//! Drives the core directly (no Telegram): a fresh database, a manual clock, the three
//! registered groups and a few people. Capability tests use it for every command path; the
//! end-to-end tests use the fake Bot API instead.
#![allow(dead_code)]

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, TimeZone, Utc};
use khetbot::config::Config;
use khetbot::core::{
    Actor, Attachment, Button, Chat, ChatKind, Core, Delivery, Document, Effect, Event, Input,
    ManualClock, Role,
};

pub const STAFF_GROUP: i64 = -100_001;
pub const PRINCIPALS_GROUP: i64 = -100_002;
pub const OFFICERS_GROUP: i64 = -100_003;
pub const ADMIN_ID: i64 = 1;

/// A person with the registered groups they belong to.
#[derive(Clone, Debug)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub username: Option<String>,
    pub roles: Vec<Role>,
}

impl Person {
    pub fn admin() -> Person {
        Person::new(ADMIN_ID, "ผู้ดูแล", &[])
    }
    pub fn staff() -> Person {
        Person::new(11, "สมศรี ใจดี", &[Role::Staff])
    }
    pub fn staff2() -> Person {
        Person::new(12, "สมปอง ขยัน", &[Role::Staff])
    }
    pub fn principal() -> Person {
        Person::new(21, "ผอ.สมชาย", &[Role::Principals])
    }
    pub fn officer() -> Person {
        Person::new(31, "เจ้าหน้าที่วิภา", &[Role::Officers])
    }
    pub fn public() -> Person {
        Person::new(41, "ประชาชน ทั่วไป", &[])
    }
    pub fn new(id: i64, name: &str, roles: &[Role]) -> Person {
        Person {
            id,
            name: name.into(),
            username: None,
            roles: roles.to_vec(),
        }
    }
}

/// Where a message is sent.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Place {
    Staff,
    Principals,
    Officers,
    /// The person's private chat with the bot.
    Private,
    /// Some unregistered group.
    OtherGroup,
}

/// One message the bot sent (or edited), simplified for assertions.
#[derive(Clone, Debug)]
pub struct Sent {
    pub chat_id: i64,
    /// Telegram HTML as sent.
    pub html: String,
    /// The same text without tags and entities.
    pub text: String,
    pub buttons: Vec<(String, String)>,
    pub attachment: Option<Attachment>,
    pub edited_message_id: Option<i64>,
    pub via_outbox: bool,
    /// The language the message was written in, as it goes to the adapter.
    pub lang: Option<String>,
}

impl Sent {
    /// Data of the first button whose label contains `label`.
    pub fn button(&self, label: &str) -> String {
        self.buttons
            .iter()
            .find(|(l, _)| l.contains(label))
            .map(|(_, d)| d.clone())
            .unwrap_or_else(|| panic!("no button {label:?} in {:?}", self.buttons))
    }
}

pub struct Harness {
    pub core: Core,
    pub clock: Arc<ManualClock>,
    pub dir: tempfile::TempDir,
    next_update: AtomicI64,
    next_message: AtomicI64,
}

/// An instant given as Bangkok wall-clock time.
pub fn bangkok(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    chrono::FixedOffset::east_opt(7 * 3600)
        .unwrap()
        .with_ymd_and_hms(year, month, day, hour, minute, 0)
        .unwrap()
        .with_timezone(&Utc)
}

/// 2026-06-15 09:00 Bangkok time, a Monday in fiscal year 2569.
pub fn default_start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 15, 2, 0, 0).unwrap()
}

impl Harness {
    pub async fn new() -> Harness {
        Harness::with_config(|_| {}).await
    }

    pub async fn with_config(adjust: impl FnOnce(&mut Config)) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::from_lookup(|_| None).unwrap();
        config.db_path = dir.path().join("test.sqlite3");
        config.admin_ids.insert(ADMIN_ID);
        config.office.name = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต 1".into();
        config.office.phone = "074-000000".into();
        config.files_dir = dir.path().join("files");
        adjust(&mut config);
        let clock = Arc::new(ManualClock::new(default_start()));
        let core = Core::open(config, clock.clone(), khetbot::capabilities()).unwrap();
        core.set_bot_username("khetbot_test_bot".into());
        for (role, chat_id, title) in [
            (Role::Staff, STAFF_GROUP, "บุคลากร สพป."),
            (Role::Principals, PRINCIPALS_GROUP, "ผู้บริหารโรงเรียน"),
            (Role::Officers, OFFICERS_GROUP, "ศูนย์รับเรื่องร้องเรียน"),
        ] {
            core.ensure_group(role, chat_id, title.into())
                .await
                .unwrap();
        }
        Harness {
            core,
            clock,
            dir,
            next_update: AtomicI64::new(1),
            next_message: AtomicI64::new(1),
        }
    }

    /// Opens a new `Core` on the same database file and clock, as after a crash and restart
    /// of the process: what was only in memory is gone, what was committed is reloaded.
    pub fn restart(&mut self) {
        let config = self.core.config().clone();
        self.core = Core::open(config, self.clock.clone(), khetbot::capabilities()).unwrap();
        self.core.set_bot_username("khetbot_test_bot".into());
    }

    pub fn db_path(&self) -> std::path::PathBuf {
        self.core.config().db_path.clone()
    }

    /// Makes the database one that last took the entries of an older data/faq.toml: it takes
    /// the shipped phrasings, tags, answers and subject words at its next start.
    pub fn took_an_older_shipped_file(&self) {
        rusqlite::Connection::open(self.db_path())
            .unwrap()
            .execute("UPDATE faq_shipped SET fingerprint = 'older'", [])
            .unwrap();
    }

    fn chat(&self, who: &Person, place: Place) -> Chat {
        let (id, kind) = match place {
            Place::Staff => (STAFF_GROUP, ChatKind::Group),
            Place::Principals => (PRINCIPALS_GROUP, ChatKind::Group),
            Place::Officers => (OFFICERS_GROUP, ChatKind::Group),
            Place::OtherGroup => (-999_999, ChatKind::Group),
            Place::Private => (who.id, ChatKind::Private),
        };
        Chat {
            id,
            kind,
            title: None,
        }
    }

    /// The event the adapter would make of `input` from `who` in `place`.
    pub fn event(&self, who: &Person, place: Place, input: Input) -> Event {
        let chat = self.chat(who, place);
        Event {
            update_id: Some(self.next_update.fetch_add(1, Ordering::SeqCst)),
            reply_to: None,
            message_id: None,
            actor: Actor {
                user_id: who.id,
                name: who.name.clone(),
                username: who.username.clone(),
                anonymous_admin: false,
                // Telegram tells the adapter about memberships only for private chats.
                memberships: if chat.kind == ChatKind::Private {
                    who.roles.clone()
                } else {
                    Vec::new()
                },
            },
            chat,
            input,
        }
    }

    /// Sends an event as it is (e.g. with a chosen update id) and returns what the bot sent.
    pub async fn handle(&self, event: Event) -> Vec<Sent> {
        let deliveries = self.core.handle(event).await.unwrap();
        self.finish(deliveries).await
    }

    /// Sends a private text as the Telegram adapter does for someone whose roles it has not
    /// looked up yet: handled with none, then again with each set of roles the core says it
    /// needs (as a member of the registered groups `who` belongs to), until answered. Returns
    /// what the bot sent and the sets of roles asked for, in order.
    pub async fn send_looking_up_roles(
        &self,
        who: &Person,
        text: &str,
    ) -> (Vec<Sent>, Vec<Vec<Role>>) {
        let mut asked = Vec::new();
        let mut looked_up = Vec::new();
        let mut held = Vec::new();
        loop {
            let mut event = self.event(who, Place::Private, Input::Text(text.into()));
            event.actor.memberships = held.clone();
            match self
                .core
                .handle_pending(event, looked_up.clone())
                .await
                .unwrap()
            {
                Ok(pending) => {
                    let deliveries = pending.committed().await.unwrap();
                    return (self.finish(deliveries).await, asked);
                }
                Err(needed) => {
                    assert!(
                        !needed.roles.is_empty()
                            && needed.roles.iter().all(|r| !looked_up.contains(r)),
                        "{text:?}: asked for {:?} with {looked_up:?} known",
                        needed.roles
                    );
                    for (role, _) in &needed.groups {
                        if who.roles.contains(role) {
                            held.push(*role);
                        }
                    }
                    looked_up.extend(needed.roles.iter().copied());
                    asked.push(needed.roles);
                }
            }
        }
    }

    pub async fn send(&self, who: &Person, place: Place, text: &str) -> Vec<Sent> {
        self.handle(self.event(who, place, Input::Text(text.into())))
            .await
    }

    /// Sends and returns the single reply in the same chat; panics if there is none.
    pub async fn reply(&self, who: &Person, place: Place, text: &str) -> Sent {
        let chat_id = self.chat(who, place).id;
        let sent = self.send(who, place, text).await;
        sent.into_iter()
            .find(|s| s.chat_id == chat_id)
            .unwrap_or_else(|| panic!("no reply to {text:?}"))
    }

    pub async fn press(&self, who: &Person, place: Place, data: &str) -> Vec<Sent> {
        let input = Input::Button {
            callback_id: format!("cb{}", self.next_update.load(Ordering::SeqCst)),
            data: data.into(),
            message_id: 1,
        };
        self.handle(self.event(who, place, input)).await
    }

    pub async fn send_photo(
        &self,
        who: &Person,
        place: Place,
        file_id: &str,
        caption: Option<&str>,
    ) -> Vec<Sent> {
        let input = Input::Photo {
            file_id: file_id.into(),
            caption: caption.map(str::to_string),
        };
        self.handle(self.event(who, place, input)).await
    }

    pub async fn send_document(
        &self,
        who: &Person,
        place: Place,
        name: &str,
        bytes: Vec<u8>,
        caption: &str,
    ) -> Vec<Sent> {
        let input = Input::Document(Document {
            file_id: format!("doc-{name}"),
            file_name: Some(name.into()),
            mime: None,
            size: bytes.len() as u64,
            caption: Some(caption.into()),
            bytes: Some(bytes),
        });
        self.handle(self.event(who, place, input)).await
    }

    /// Runs the periodic work at the clock's current time.
    pub async fn tick(&self) -> Vec<Sent> {
        let deliveries = self.core.tick().await.unwrap();
        self.finish(deliveries).await
    }

    /// Acknowledges the outbox rows as a successful adapter would, and simplifies.
    async fn finish(&self, deliveries: Vec<Delivery>) -> Vec<Sent> {
        let ids: Vec<i64> = deliveries.iter().filter_map(|d| d.outbox_id).collect();
        self.core.delivered(ids).await.unwrap();
        deliveries
            .into_iter()
            .filter_map(|d| simplify(d, &self.next_message))
            .collect()
    }
}

fn simplify(delivery: Delivery, next_message: &AtomicI64) -> Option<Sent> {
    let via_outbox = delivery.outbox_id.is_some();
    let (chat_id, message, edited_message_id) = match delivery.effect {
        // The harness's chats have no messages to delete: as where the bot may not.
        Effect::DeleteMessage { chat_id, kept, .. } => {
            next_message.fetch_add(1, Ordering::SeqCst);
            (chat_id, *kept, None)
        }
        Effect::Send { chat_id, message } => {
            next_message.fetch_add(1, Ordering::SeqCst);
            (chat_id, message, None)
        }
        Effect::Edit {
            chat_id,
            message_id,
            message,
        } => (chat_id, message, Some(message_id)),
        Effect::AnswerButton { .. } | Effect::RemoveButtons { .. } => return None,
    };
    let buttons = message
        .buttons
        .iter()
        .flatten()
        .map(|b| match b {
            Button::Callback { label, data } => (label.clone(), data.clone()),
            Button::Url { label, url } => (label.clone(), url.clone()),
        })
        .collect();
    Some(Sent {
        chat_id,
        lang: message.lang,
        text: khetbot::i18n::html_to_plain(&message.text),
        html: message.text,
        buttons,
        attachment: message.attachment,
        edited_message_id,
        via_outbox,
    })
}

/// All texts sent to `chat_id`.
pub fn texts_to(sent: &[Sent], chat_id: i64) -> Vec<String> {
    sent.iter()
        .filter(|s| s.chat_id == chat_id)
        .map(|s| s.text.clone())
        .collect()
}
