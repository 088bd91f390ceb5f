//! `Ctx`: everything a command handler may touch while it runs on the store thread.

use std::any::Any;
use std::collections::HashMap;
use std::sync::atomic::AtomicU64;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use super::event::{Button, ChatKind, Effect, Event, Input, OutMessage, Role};
use super::services::{AnswerLearning, RequestDesk};
use super::store;
use super::{Capability, CommandSpec};
use crate::config::Config;
use crate::i18n::{Arg, Lang, Locales};
use crate::thai::Explain;

/// Why a handler stopped. A refusal is a normal answer to the person (everything the handler
/// wrote is rolled back); a database error is logged and answered with an apology.
#[derive(Debug)]
pub enum CoreError {
    Refusal {
        key: &'static str,
        args: Vec<(&'static str, Arg)>,
    },
    Db(rusqlite::Error),
}

impl From<rusqlite::Error> for CoreError {
    fn from(e: rusqlite::Error) -> Self {
        CoreError::Db(e)
    }
}

pub type CoreResult<T = ()> = Result<T, CoreError>;

/// A refusal with the locale key of its explanation.
pub fn refuse<T>(key: &'static str, args: Vec<(&'static str, Arg)>) -> CoreResult<T> {
    Err(CoreError::Refusal { key, args })
}

/// Whether an effect goes through the persistent outbox (survives a crash) or is sent
/// directly (used where even the destination chat must not be stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persist {
    Outbox,
    Direct,
}

/// A multi-step conversation in progress, per person per chat. Kept in memory only: drafts
/// of anonymous complaints must never reach a table keyed by user or chat.
pub struct Dialogue {
    pub area: &'static str,
    pub state: Box<dyn Any + Send>,
    pub expires: DateTime<Utc>,
    /// In a group: the card key of the prompt that asked ([`Ctx::prompt`]). Past
    /// [`PROMPT_WINDOW_MINUTES`] the answer must be a reply to it, so that a person's later
    /// ordinary message is never taken as the answer.
    pub prompt: Option<(String, DateTime<Utc>)>,
    /// The language it is held in: that of whoever started it, kept for someone who chose
    /// none (English command words are answered in English, [`super::parse_line`]). In memory
    /// only, like the dialogue.
    pub lang: Lang,
}

/// How long after a prompt in a group the person's next message counts as the answer
/// without replying to it.
pub const PROMPT_WINDOW_MINUTES: i64 = 2;

/// In-memory state owned by the store thread.
#[derive(Default)]
pub struct Memory {
    pub dialogues: HashMap<(i64, i64), Dialogue>,
    /// Per-capability scratch state (flood counters, caches), keyed by area.
    pub extensions: HashMap<&'static str, Box<dyn Any + Send>>,
    /// A command line typed while a dialogue waited, per person per chat, until they choose
    /// what to do with it (`core::held`).
    pub held_lines: HashMap<(i64, i64), HeldLine>,
}

/// A line typed and held until the person chooses what to do with it.
pub struct HeldLine {
    pub text: String,
    /// The message that typed it: run later, it is that message's doing (an edit of it is
    /// answered with what it recorded, `Ctx::note_recorded`).
    pub message_id: Option<i64>,
}

impl Memory {
    /// The capability's own state, created on first use.
    pub fn extension<T: Any + Send + Default>(&mut self, area: &'static str) -> &mut T {
        let slot = self
            .extensions
            .entry(area)
            .or_insert_with(|| Box::new(T::default()));
        if !slot.is::<T>() {
            *slot = Box::new(T::default());
        }
        slot.downcast_mut::<T>().expect("type checked above")
    }
}

pub struct Env {
    pub config: Config,
    pub locales: Locales,
    pub stats: Stats,
    /// The capabilities served, in menu order.
    pub capabilities: Vec<&'static Capability>,
}

impl Env {
    /// Every command of every capability, in menu order.
    pub fn commands(&self) -> impl Iterator<Item = &'static CommandSpec> + '_ {
        self.capabilities.iter().flat_map(|c| c.commands.iter())
    }

    /// The capability whose area is `area` (the prefix of its buttons and dialogues).
    pub fn capability(&self, area: &str) -> Option<&'static Capability> {
        self.capabilities.iter().copied().find(|c| c.area == area)
    }

    /// The capability that owns the command `spec` (none for the core's own commands).
    pub fn capability_of(&self, spec: &CommandSpec) -> Option<&'static Capability> {
        self.capabilities
            .iter()
            .copied()
            .find(|c| c.commands.iter().any(|own| std::ptr::eq(own, spec)))
    }

    /// Locale key of a command's one-line description: `<area>.cmd_<name>`.
    pub fn description_key(&self, spec: &CommandSpec) -> String {
        let area = self.capability_of(spec).map_or("core", |c| c.area);
        format!("{area}.cmd_{}", spec.name)
    }
}

/// Counters since start, shown by /status.
pub struct Stats {
    pub started: DateTime<Utc>,
    pub updates: AtomicU64,
    pub errors: AtomicU64,
}

impl Stats {
    pub fn new(started: DateTime<Utc>) -> Stats {
        Stats {
            started,
            updates: AtomicU64::new(0),
            errors: AtomicU64::new(0),
        }
    }
}

/// The language groups are addressed in: Thai, the office's. A reply to someone's own command
/// is in their language; a post or a card for everyone in a group is in this one.
pub const GROUP_LANG: Lang = Lang::Th;

pub struct Ctx<'a> {
    pub conn: &'a Connection,
    pub memory: &'a mut Memory,
    pub env: &'a Env,
    pub event: &'a Event,
    pub now: DateTime<Utc>,
    pub lang: Lang,
    /// Role of the registered group the event came from, if any.
    pub chat_role: Option<Role>,
    /// The bot's @username once known (deep links `t.me/<bot>?start=…`).
    pub bot_username: Option<&'a str>,
    pub(super) effects: Vec<(Effect, Persist)>,
    /// The roles whose membership was looked up for the actor (Telegram's getChatMember).
    /// Asking about another one in a private chat marks the update as needing it.
    pub(super) roles_looked_up: &'a [Role],
    pub(super) roles_asked: std::cell::RefCell<Vec<Role>>,
}

impl<'a> Ctx<'a> {
    pub fn today(&self) -> NaiveDate {
        self.now.with_timezone(&self.env.config.tz).date_naive()
    }

    /// The text of `key`. Help and usage examples may name `{this_year}`, the current Buddhist
    /// Era year (for periods to look back on), `{this_fiscal_year}`, the fiscal year running,
    /// and `{coming_year}`, the year
    /// of an example date in June or July that is still to come (seven months from today), so
    /// that an example never shows a year, or a date, that has passed.
    /// Most texts do not, and a receipt fills ten: their arguments are not copied for it.
    pub fn t(&self, key: &str, args: &[(&str, Arg)]) -> String {
        let template = self.env.locales.template(self.lang, key);
        if !["{this_year}", "{this_fiscal_year}", "{coming_year}"]
            .iter()
            .any(|year| template.contains(year))
        {
            return crate::i18n::fill(self.lang, template, args);
        }
        let today = self.today();
        let coming = today
            .checked_add_months(chrono::Months::new(7))
            .unwrap_or(today);
        let mut with_years = args.to_vec();
        with_years.push(("this_year", Arg::from(crate::thai::be_year(today))));
        // From October the fiscal year is the next calendar year's: examples of `ปีงบ …`
        // name the one that is running.
        with_years.push((
            "this_fiscal_year",
            Arg::from(crate::thai::fiscal_year(today)),
        ));
        with_years.push(("coming_year", Arg::from(crate::thai::be_year(coming))));
        crate::i18n::fill(self.lang, template, &with_years)
    }

    /// `d` as the reader's language writes it ("15 มิ.ย. 2569", "15 Jun 2569"), for a date in
    /// text put together here rather than passed as an [`Arg::Date`].
    pub fn date(&self, d: NaiveDate) -> String {
        crate::i18n::format_date(self.lang, d)
    }

    /// `d` with its weekday as the reader's language writes it ("ศุกร์ 4 ธ.ค. 2569", "Fri 4 Dec
    /// 2569"), for a date in text put together here (a button's label) rather than passed as an
    /// [`Arg::DateWithWeekday`].
    pub fn date_with_weekday(&self, d: NaiveDate) -> String {
        crate::i18n::format_date_with_weekday(self.lang, d)
    }

    /// `period` as the reader's language names it ("ปีงบประมาณ 2569", "fiscal year 2569").
    pub fn period(&self, period: &crate::thai::Period) -> String {
        crate::i18n::period_label(self.lang, period)
    }

    /// A refusal whose `{problem}` is a Thai parser's own explanation of what it could not
    /// read: every command that parses a date, an amount or a period refuses this way.
    pub fn refuse_explained<T>(&self, key: &'static str, problem: &dyn Explain) -> CoreResult<T> {
        refuse(key, vec![("problem", Arg::Html(self.explain(problem)))])
    }

    /// The text of a Thai parser's error.
    pub fn explain(&self, problem: &dyn Explain) -> String {
        let args: Vec<(&str, Arg)> = problem
            .locale_args()
            .into_iter()
            .map(|(k, v)| (k, Arg::from(v)))
            .collect();
        self.t(problem.locale_key(), &args)
    }

    pub fn is_private(&self) -> bool {
        self.event.chat.kind == ChatKind::Private
    }

    /// A link that opens the private chat with the bot and starts `start` there, where the
    /// messenger has one: Telegram's deep link, once the bot's username is known. `None` on
    /// LINE, even when the process also runs Telegram (the link would open the other app).
    pub fn private_chat_link(&self, start: &str) -> Option<String> {
        let bot = self.bot_username?;
        (super::event::Platform::of(self.event.chat.id) == super::event::Platform::Telegram)
            .then(|| format!("https://t.me/{bot}?start={start}"))
    }

    /// How the reader types the command `name`: its Thai keyword in Thai (`บริจาค`), `/name`
    /// in English, or where it has no Thai keyword.
    pub fn command_word(&self, name: &str) -> String {
        let thai = self
            .env
            .commands()
            .find(|spec| spec.name == name)
            .and_then(|spec| spec.thai.first())
            .filter(|_| self.lang == crate::i18n::Lang::Th);
        match thai {
            Some(keyword) => (*keyword).to_string(),
            None => format!("/{name}"),
        }
    }

    /// The name of the messenger this chat is on (`{messenger}` in texts that name it).
    pub fn messenger(&self) -> Arg {
        Arg::from(super::event::Platform::of(self.event.chat.id).name())
    }

    pub fn is_admin(&self) -> bool {
        self.event.actor.anonymous_admin
            || self
                .env
                .config
                .admin_ids
                .contains(&self.event.actor.user_id)
    }

    /// Whether the person acts with `role` here: in that role's group, or privately as one of
    /// its members. Admins hold every role in their private chat.
    pub fn acts_as(&self, role: Role) -> bool {
        if self.chat_role == Some(role) {
            return true;
        }
        if !self.is_private() {
            return false;
        }
        if self.is_admin() {
            return true;
        }
        if !self.roles_looked_up.contains(&role) {
            let mut asked = self.roles_asked.borrow_mut();
            if !asked.contains(&role) {
                asked.push(role);
            }
            return false;
        }
        self.event.actor.memberships.contains(&role)
    }

    pub fn reply(&mut self, message: OutMessage) {
        self.send(self.event.chat.id, message, Persist::Outbox);
    }

    pub fn reply_text(&mut self, text: String) {
        self.reply(OutMessage::text(text));
    }

    pub fn send(&mut self, chat_id: i64, mut message: OutMessage, persist: Persist) {
        // Written now, in the language the texts are being made in.
        message
            .lang
            .get_or_insert_with(|| self.lang.code().to_string());
        self.effects
            .push((Effect::Send { chat_id, message }, persist));
    }

    /// Replaces the message whose button was pressed.
    pub fn edit_pressed(&mut self, message: OutMessage) {
        if let Input::Button { message_id, .. } = &self.event.input {
            let effect = Effect::Edit {
                chat_id: self.event.chat.id,
                message_id: *message_id,
                message,
            };
            self.effects.push((effect, Persist::Outbox));
        }
    }

    /// Edits every known copy of `card` to show `message` (marked as that card), replacing
    /// any edit of the same copy already owed by this update. With `pressed`, the message
    /// whose button was pressed is edited too: it shows this card though it may be a copy
    /// posted before its message id was kept.
    pub fn update_card(
        &mut self,
        card: &str,
        message: OutMessage,
        pressed: bool,
    ) -> rusqlite::Result<()> {
        let message = message.as_card(card);
        // Where the card has not gone out yet, it goes out as it stands now.
        super::outbox::refresh_owed_card(self.conn, card, &message)?;
        let mut copies = store::card_copies(self.conn, card)?;
        if let (true, Input::Button { message_id, .. }) = (pressed, &self.event.input) {
            let copy = (self.event.chat.id, *message_id);
            if !copies.contains(&copy) {
                copies.push(copy);
            }
        }
        for (chat_id, message_id) in copies {
            self.effects.retain(|(effect, _)| {
                !matches!(effect, Effect::Edit { chat_id: c, message_id: m, .. }
                    if *c == chat_id && *m == message_id)
            });
            let effect = Effect::Edit {
                chat_id,
                message_id,
                message: message.clone(),
            };
            self.effects.push((effect, Persist::Outbox));
        }
        Ok(())
    }

    /// Deletes the message being handled (it exposed something, like a tracking code typed in
    /// a group) and says `deleted`; where it cannot be deleted, says `kept` (how to delete it).
    pub fn delete_handled(&mut self, deleted: OutMessage, kept: OutMessage) {
        match self.event.message_id {
            Some(message_id) => {
                let effect = Effect::DeleteMessage {
                    chat_id: self.event.chat.id,
                    message_id,
                    deleted: Box::new(deleted),
                    kept: Box::new(kept),
                };
                self.effects.push((effect, Persist::Outbox));
            }
            None => self.reply(kept),
        }
    }

    /// Shows a short notice on the pressed button.
    pub fn answer_button(&mut self, text: Option<String>) {
        if let Input::Button { callback_id, .. } = &self.event.input {
            let effect = Effect::AnswerButton {
                callback_id: callback_id.clone(),
                text,
            };
            self.effects.push((effect, Persist::Direct));
        }
    }

    /// Answers the pressed button with the text of `key`.
    pub fn answer_button_with(&mut self, key: &str, args: &[(&str, Arg)]) {
        let text = self.t(key, args);
        self.answer_button(Some(text));
    }

    pub fn group_of(&self, role: Role) -> rusqlite::Result<Option<i64>> {
        store::group_chat(self.conn, role)
    }

    /// Notes that the typed message being handled, and the earlier messages `answers` of this
    /// chat (a dialogue's answers), made `subject` (the capability's own key, no message text)
    /// in `area`: an edit of any of them is then answered with that record
    /// ([`recorded_by`](Self::recorded_by), `Capability::describe_edited`), never applied.
    pub fn note_recorded(
        &self,
        area: &str,
        answers: impl IntoIterator<Item = i64>,
        subject: &str,
    ) -> rusqlite::Result<()> {
        for message_id in answers.into_iter().chain(self.written_message_id()) {
            store::note_recorded_message(self.conn, self.event.chat.id, message_id, area, subject)?;
        }
        Ok(())
    }

    /// The id of the message being handled when the person wrote it (a text, or a photo or
    /// file whose caption they can edit later), not a press or a service message.
    pub fn written_message_id(&self) -> Option<i64> {
        match self.event.input {
            Input::Text(_) | Input::Photo { .. } | Input::Document(_) => self.event.message_id,
            _ => None,
        }
    }

    /// What the message `message_id` of this chat made in `area`
    /// ([`note_recorded`](Self::note_recorded)).
    pub fn recorded_by(&self, area: &str, message_id: i64) -> rusqlite::Result<Option<String>> {
        store::recorded_message(self.conn, self.event.chat.id, message_id, area)
    }

    /// Runs `write` with the texts made in [`GROUP_LANG`]: what is posted to a group, or shown
    /// on a group's card, is read by everyone there, whoever's message set it off.
    pub fn in_group_language<R>(&mut self, write: impl FnOnce(&mut Self) -> R) -> R {
        self.in_language(GROUP_LANG, write)
    }

    /// Runs `write` with the texts made, and the messages sent, in `lang`; then the reader's
    /// language is this person's again.
    pub fn in_language<R>(&mut self, lang: Lang, write: impl FnOnce(&mut Self) -> R) -> R {
        let own = std::mem::replace(&mut self.lang, lang);
        let written = write(self);
        self.lang = own;
        written
    }

    /// Posts to the registered group of `role`; false when no group has that role yet. Its
    /// text is written in [`GROUP_LANG`] ([`in_group_language`](Self::in_group_language)), and
    /// marked so (a digest of messages owed to the group heads them in their language).
    pub fn post_to(&mut self, role: Role, mut message: OutMessage) -> rusqlite::Result<bool> {
        match self.group_of(role)? {
            Some(chat_id) => {
                message
                    .lang
                    .get_or_insert_with(|| GROUP_LANG.code().to_string());
                self.send(chat_id, message, Persist::Outbox);
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Appends to the append-only audit table.
    pub fn audit(&self, action: &str, subject: &str, detail: &str) -> rusqlite::Result<()> {
        store::append_audit(
            self.conn,
            &store::AuditEntry {
                at: self.now,
                actor_id: self.event.actor.user_id,
                actor_name: &self.event.actor.name,
                action,
                subject,
                detail,
            },
        )
    }

    /// This context as if the same person had sent `event` instead: the same store, memory
    /// and roles, its own effects (the caller takes them back).
    pub(super) fn with_event<'b>(&'b mut self, event: &'b Event) -> Ctx<'b> {
        Ctx {
            conn: self.conn,
            memory: &mut *self.memory,
            env: self.env,
            event,
            now: self.now,
            lang: self.lang,
            chat_role: self.chat_role,
            bot_username: self.bot_username,
            effects: Vec::new(),
            roles_looked_up: self.roles_looked_up,
            roles_asked: std::cell::RefCell::default(),
        }
    }

    /// The person in this chat: the key of their dialogue.
    pub fn person_key(&self) -> (i64, i64) {
        (self.event.chat.id, self.event.actor.user_id)
    }

    /// How long a dialogue here waits for its answer.
    pub fn dialogue_minutes(&self) -> i64 {
        if self.is_private() {
            super::PRIVATE_DIALOGUE_MINUTES
        } else {
            super::DIALOGUE_MINUTES
        }
    }

    pub fn start_dialogue(&mut self, area: &'static str, state: Box<dyn Any + Send>) {
        let key = self.person_key();
        let expires = self.now + chrono::Duration::minutes(self.dialogue_minutes());
        self.memory.dialogues.insert(
            key,
            Dialogue {
                area,
                state,
                expires,
                prompt: None,
                lang: self.lang,
            },
        );
    }

    /// Asks this person for their next message (`text`, with `placeholder` in the input
    /// field) and waits for it in dialogue `area`. In a Telegram group the prompt asks for a
    /// reply (ForceReply) and only a reply to it, or the person's message within
    /// [`PROMPT_WINDOW_MINUTES`], is taken as the answer.
    pub fn prompt(
        &mut self,
        area: &'static str,
        state: Box<dyn Any + Send>,
        text: String,
        placeholder: String,
    ) {
        let mut message = OutMessage::text(text);
        message.reply_prompt = Some(placeholder);
        self.start_dialogue(area, state);
        // LINE has no reply to point at: there the person's next message answers, as before.
        if !self.is_private()
            && super::event::Platform::of(self.event.chat.id) == super::event::Platform::Telegram
        {
            let (chat, user) = self.person_key();
            let key = format!("prompt:{chat}:{user}:{}", self.now.timestamp_millis());
            message = message.as_card(key.clone());
            if let Some(dialogue) = self.memory.dialogues.get_mut(&(chat, user)) {
                dialogue.prompt = Some((key, self.now));
            }
        }
        self.reply(message);
    }

    /// Whether this event may be the answer to the person's waiting dialogue: always in a
    /// private chat; in a group, a reply to the prompt, or a message soon after it that
    /// replies to nothing else.
    pub(super) fn answers_prompt(&self, dialogue: &Dialogue) -> rusqlite::Result<bool> {
        let Some((card, asked)) = &dialogue.prompt else {
            return Ok(true);
        };
        let chat = self.event.chat.id;
        let prompt_ids = store::card_copies(self.conn, card)?;
        Ok(match self.event.reply_to {
            Some(id) => prompt_ids.contains(&(chat, id)),
            None => self.now - *asked <= chrono::Duration::minutes(PROMPT_WINDOW_MINUTES),
        })
    }

    /// The person acting, as a mention others can tap (a link to their Telegram profile),
    /// or their name where the messenger has no such link.
    pub fn actor_mention(&self) -> Arg {
        let actor = &self.event.actor;
        if actor.user_id > 0
            && !actor.anonymous_admin
            && super::event::Platform::of(actor.user_id) == super::event::Platform::Telegram
        {
            Arg::Html(format!(
                "<a href=\"tg://user?id={}\">{}</a>",
                actor.user_id,
                crate::i18n::escape_html(&actor.name)
            ))
        } else {
            Arg::from(actor.name.clone())
        }
    }

    pub fn end_dialogue(&mut self) -> Option<Dialogue> {
        let key = self.person_key();
        self.memory.dialogues.remove(&key)
    }

    /// Ends the person's dialogue here if it is `area`'s and its state a `T`, and returns that
    /// state (a button of the dialogue pressed); any other dialogue stays as it was.
    pub fn take_dialogue<T: Any>(&mut self, area: &str) -> Option<T> {
        let key = self.person_key();
        let open = self.memory.dialogues.get(&key)?;
        if open.area != area || !open.state.is::<T>() {
            return None;
        }
        let dialogue = self.memory.dialogues.remove(&key)?;
        dialogue.state.downcast::<T>().ok().map(|state| *state)
    }

    /// Who files requests for the officers, if a capability served here does.
    pub fn request_desk(&self) -> Option<&'static RequestDesk> {
        self.env.capabilities.iter().find_map(|c| c.request_desk)
    }

    /// Who turns an officer's answer into knowledge, if a capability served here does.
    pub fn answer_learning(&self) -> Option<&'static AnswerLearning> {
        self.env.capabilities.iter().find_map(|c| c.answer_learning)
    }

    pub fn button(&self, key: &str, data: impl Into<String>) -> Button {
        Button::Callback {
            label: self.t(key, &[]),
            data: data.into(),
        }
    }

    /// The row under a message typed for someone else and shown back before it is acted on:
    /// `send_label` (`<prefix>:send`), แก้ไข (`<prefix>:edit`) and ยกเลิก (`<prefix>:cancel`).
    pub fn check_buttons(&self, send_label: String, prefix: &str) -> Vec<Vec<Button>> {
        vec![vec![
            Button::Callback {
                label: send_label,
                data: format!("{prefix}:send"),
            },
            self.button("core.check_edit", format!("{prefix}:edit")),
            self.button("core.check_cancel", format!("{prefix}:cancel")),
        ]]
    }
}
