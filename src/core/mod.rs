//! The core: turns an `Event` (who, which chat, what input) into effects, on the store thread.
//!
//! One entry point, [`Core::handle`]. In one transaction it records the update id (so a
//! redelivered update changes nothing), runs the command, and writes every message the
//! change owes somebody to the outbox. The adapters then carry out the returned deliveries
//! and acknowledge them with [`Core::delivered`].

mod claims;
mod clock;
pub mod commands;
mod context;
mod digest;
mod event;
mod files;
pub mod free_text;
mod general;
pub mod giving;
mod held;
mod holidays;
mod near_miss;
pub mod outbox;
mod relayed;
pub mod services;
mod store;

use std::sync::Arc;
use std::sync::atomic::Ordering;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

pub use claims::OutboxClaims;
pub use clock::{Clock, ManualClock, ShiftedClock, SystemClock};
pub use commands::{Access, CommandSpec};
pub use context::{
    CoreError, CoreResult, Ctx, Dialogue, Env, GROUP_LANG, Memory, Persist, Stats, refuse,
};
pub use event::{
    Actor, Attachment, Button, Chat, ChatKind, Delivery, Document, Effect, Event, Input,
    OutMessage, Platform, Role, Summarized,
};
pub use files::{Fetching, FileSource};
pub use general::{
    small_talk, start_button, start_buttons_wished, states_a_wish, without_particles,
};
pub use services::{AnswerLearning, RequestDesk};
pub use store::{clear_setting, get_setting, group_chat, registered_groups, set_setting};

use crate::config::Config;
use crate::db::{DataStep, DbError, Store, execute_cached};
use crate::i18n::{Arg, Lang, Locales};
use crate::office::{self, WorkCalendar};

/// The office's registered groups: each group's role and chat.
type Groups = Vec<(Role, i64)>;

/// Guided conversations in a group expire after this long without an answer: a later line
/// of the same person there is more likely talk than the answer.
pub const DIALOGUE_MINUTES: i64 = 10;
/// In a private chat every line is for the bot, and a person telling a complaint or looking
/// for a slip is often called away: ten minutes lost their half-told story.
pub const PRIVATE_DIALOGUE_MINUTES: i64 = 60;

/// A capability: its commands, its hooks for buttons, dialogue steps, periodic and morning
/// work, the data its migrations load, and what it offers other capabilities through the
/// core ([`services`]). The list of capabilities is built at the top (`khetbot::capabilities`)
/// and handed to [`Core::open`]: the core never names one.
#[expect(
    clippy::type_complexity,
    reason = "each hook's signature is read beside what it is for, not behind an alias"
)]
pub struct Capability {
    /// Prefix of its button data (`area:…`) and of its locale keys.
    pub area: &'static str,
    pub commands: &'static [CommandSpec],
    pub on_button: Option<fn(&mut Ctx, &str) -> CoreResult>,
    /// Next step of a dialogue this capability started.
    pub on_dialogue: Option<fn(&mut Ctx, Dialogue) -> CoreResult>,
    /// Free text in a private chat that is no command and no dialogue step.
    pub on_private_text: Option<fn(&mut Ctx, &str) -> CoreResult<bool>>,
    /// Its `on_private_text` only takes text of an unmistakable form (a tracking code), so it
    /// is asked before the hooks that take whatever a person is expected to answer: a code
    /// pasted by a donor staff asked a question must not reach the staff group as the answer.
    pub private_text_first: bool,
    /// A photo or file (with its caption) in a private chat that no dialogue asked for:
    /// true when it answered something this capability asked (a "send us more").
    pub on_private_file: Option<fn(&mut Ctx, Attachment, &str) -> CoreResult<bool>>,
    /// Periodic work, run by [`Core::tick`] every few seconds with the system as actor.
    pub on_tick: Option<fn(&mut Ctx) -> CoreResult>,
    /// The office's morning: run once per local day from the reminder time on
    /// (`office::morning`), with the system as actor.
    pub on_morning: Option<fn(&mut Ctx, &Morning) -> CoreResult>,
    /// Shipped data its migrations load, by migration file name.
    pub data_steps: &'static [(&'static str, DataStep)],
    /// Filing requests for the officers, if this capability keeps them.
    pub request_desk: Option<&'static RequestDesk>,
    /// Turning an officer's answer into knowledge, if this capability keeps it.
    pub answer_learning: Option<&'static AnswerLearning>,
    /// What one of its dialogues is doing, in a few words (`การบันทึกบริจาค 500.00 บาท`),
    /// for the notice when a command interrupts it.
    pub describe_dialogue: Option<fn(&Ctx, &Dialogue) -> String>,
    /// Asks the question its dialogue waits on again, with its buttons, and waits on: the
    /// person chose to carry on (ทำต่อ) after a command typed mid-dialogue was held.
    pub ask_again: Option<fn(&mut Ctx, Dialogue) -> CoreResult>,
    /// Whether the menu offers one of its commands to this person (all allowed ones when
    /// `None`).
    pub offers: Option<fn(&Ctx, &CommandSpec) -> bool>,
    /// The sender took back a message that carried this file (LINE's unsend): forget it
    /// wherever this capability kept it.
    pub on_withdrawn: Option<fn(&mut Ctx, &str) -> CoreResult>,
    /// Words one summary of the records `items` report (all of this area, in the language
    /// given), for a chat owed many such messages at once: the text, and buttons that fetch
    /// the details.
    pub summarize: Option<fn(&Locales, Lang, &[Summarized]) -> OutMessage>,
    /// A forwarded line that is one of its commands (`spec` with `args`): in a few words, the
    /// record it would make anew (`บริจาค 500.00 บาท จาก …`), when the person forwarding may
    /// make it; `None` otherwise. The core offers to run it as a new command ([`relayed`]).
    pub forwarded_record: Option<fn(&Ctx, &'static CommandSpec, &str) -> Option<String>>,
    /// The person edited their message `message_id` (new text given) while one of its
    /// dialogues waits: applies it and asks what comes next when that message answered one of
    /// the dialogue's steps (`Ok(None)`); hands the dialogue back untouched otherwise.
    pub on_dialogue_edit: Option<fn(&mut Ctx, Dialogue, i64, &str) -> CoreResult<Option<Dialogue>>>,
    /// The person edited their message `message_id` of this chat: when its handling made a
    /// record of this capability, the answer naming that record (unchanged) and how to
    /// correct it; `None` otherwise.
    pub describe_edited: Option<fn(&Ctx, i64) -> rusqlite::Result<Option<String>>>,
    /// Whether `rest`, typed glued to one of its command words with no space (`ปีนี้` in
    /// `ยอดบริจาคปีนี้`), is unmistakably that command's argument (a period, a date, a case
    /// number) on the day given: the line is then that command ([`parse_line`]).
    pub glued_argument: Option<fn(&CommandSpec, &str, NaiveDate) -> bool>,
    /// English words a person would type for its commands (`donate`, `my donations`), each
    /// with the command's name: understood in private chats, and in groups from people who
    /// chose English ([`parse_line`]).
    pub english_words: &'static [(&'static str, &'static str)],
    /// Whether the words after one of its everyday command words are chat, not the command's
    /// arguments (`เสร็จ แล้วครับ`, `ส่งต่อ ให้ผอ.ด้วยนะ`): in a group such a line gets no answer,
    /// not even a refusal where the command is not allowed ([`run_command`]).
    pub chatter: Option<fn(&CommandSpec, &str) -> bool>,
    /// The command (by name) that an everyday word, followed by an argument only that command
    /// takes, stands for (`ยกเลิก 12/2569 …` for `ยกเลิกบริจาค`, `ใบเสร็จ 12/2569` for
    /// `ใบอนุโมทนา`): such a line is answered with the command, as a slip of its word is
    /// ([`near_miss`]), rather than left unanswered as chat.
    pub shorthand: Option<fn(&str, &str) -> Option<&'static str>>,
    /// Whether the step one of its dialogues waits on takes photos and files as well as typed
    /// text (a complaint's story): the answer to a video, sticker … sent meanwhile says so.
    pub dialogue_takes_files: Option<fn(&Dialogue) -> bool>,
    /// Whether `line`, typed while one of its dialogues waits, names one of the choices the
    /// step asks for, as the step's buttons read (a complaint's category `แจ้งเบาะแส`, also a
    /// word of the complaint command): the line is then the step's answer, not a command held
    /// over it ([`held`]).
    pub dialogue_choice: Option<fn(&Ctx, &Dialogue, &str) -> bool>,
    /// For one of its commands refused to someone by who may use it, another of its commands
    /// (by name) meant for people like them (`ใบอนุโมทนา` → `การบริจาคของฉัน`, where a donor
    /// finds their proof): the refusal offers it ([`run_command`]).
    pub instead_of_refused: Option<fn(&str) -> Option<&'static str>>,
}

impl Capability {
    /// No commands, no hooks, nothing provided: the rest of a capability that declares only
    /// what it has (`..Capability::NOTHING`).
    pub const NOTHING: Capability = Capability {
        area: "",
        commands: &[],
        on_button: None,
        on_dialogue: None,
        on_private_text: None,
        private_text_first: false,
        on_private_file: None,
        on_tick: None,
        on_morning: None,
        data_steps: &[],
        request_desk: None,
        answer_learning: None,
        describe_dialogue: None,
        ask_again: None,
        offers: None,
        on_withdrawn: None,
        summarize: None,
        forwarded_record: None,
        on_dialogue_edit: None,
        describe_edited: None,
        glued_argument: None,
        english_words: &[],
        chatter: None,
        shorthand: None,
        dialogue_takes_files: None,
        dialogue_choice: None,
        instead_of_refused: None,
    };
}

/// The core's own commands (greeting, menu, language, groups, holidays); first in every list.
pub static GENERAL: &Capability = &general::CAPABILITY;

/// What a morning hook is told: the local day and the office's working-day calendar.
pub struct Morning {
    pub today: NaiveDate,
    pub calendar: WorkCalendar,
}

impl Morning {
    pub fn is_working_day(&self) -> bool {
        self.calendar.is_working_day(self.today)
    }
}

/// The core as the adapters see it; cheap to clone.
#[derive(Clone)]
pub struct Core {
    store: Store,
    env: Arc<Env>,
    clock: Arc<dyn Clock>,
    bot_username: Arc<std::sync::RwLock<Option<String>>>,
    files: files::FileSources,
    /// The registered groups as last read, with the [`store::groups_version`] they were read
    /// at: adapters ask for them on every event, and they change a few times a year.
    groups: Arc<std::sync::Mutex<Option<(u64, Groups)>>>,
}

impl Core {
    /// An adapter registers how to fetch files sent on its messenger.
    pub fn register_file_source(&self, platform: Platform, source: Arc<dyn FileSource>) {
        self.files.register(platform, source);
    }

    /// Fetches a file sent on another messenger, through its adapter; `None` when that
    /// messenger does not run in this process.
    pub fn fetch_file(&self, file_id: &str) -> Option<Fetching> {
        self.files.fetch(file_id)
    }

    /// Opens the store (applying migrations with the office's and the capabilities' data
    /// steps) and serves `capabilities`, in the order their commands appear in menus.
    pub fn open(
        mut config: Config,
        clock: Arc<dyn Clock>,
        capabilities: Vec<&'static Capability>,
    ) -> Result<Core, DbError> {
        // LINE admins are named by LINE user id; the core knows people by its own ids.
        let line_admins: Vec<i64> = config
            .line
            .iter()
            .flat_map(|line| line.admin_user_ids.iter().map(|id| Platform::line_id(id)))
            .collect();
        config.admin_ids.extend(line_admins);
        let data_steps: Vec<(&str, DataStep)> = office::DATA_STEPS
            .iter()
            .chain(capabilities.iter().flat_map(|c| c.data_steps.iter()))
            .copied()
            .collect();
        let store = Store::open(&config.db_path, Box::new(Memory::default()), &data_steps)?;
        let env = Arc::new(Env {
            config,
            locales: Locales::load(),
            stats: Stats::new(clock.now()),
            capabilities,
        });
        Ok(Core {
            store,
            env,
            clock,
            bot_username: Arc::default(),
            files: files::FileSources::default(),
            groups: Arc::default(),
        })
    }

    pub fn config(&self) -> &Config {
        &self.env.config
    }

    /// The capabilities this core serves.
    pub fn capabilities(&self) -> &[&'static Capability] {
        &self.env.capabilities
    }

    pub fn locales(&self) -> &Locales {
        &self.env.locales
    }

    /// Several messages owed to one chat, each of which may share a message
    /// ([`OutMessage::may_share_a_message`]), as one ([`digest::join_owed`]).
    pub fn join_owed(&self, messages: Vec<OutMessage>) -> OutMessage {
        digest::join_owed(&self.env, messages)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The bot's own @username, to recognise `/cmd@thisbot` in groups.
    pub fn set_bot_username(&self, username: String) {
        if let Ok(mut slot) = self.bot_username.write() {
            *slot = Some(username);
        }
    }

    /// Handles one event; the returned deliveries are already safe in the outbox.
    pub async fn handle(&self, event: Event) -> Result<Vec<Delivery>, DbError> {
        self.handle_then(event, |_| Ok(())).await
    }

    /// [`handle`](Self::handle), with the adapter's own bookkeeping of the event (`then`: its
    /// inbox row closed) in the same transaction: both are kept, or neither. `then` runs also
    /// when the event was already processed.
    pub async fn handle_then(
        &self,
        event: Event,
        then: impl FnOnce(&Connection) -> rusqlite::Result<()> + Send + 'static,
    ) -> Result<Vec<Delivery>, DbError> {
        let handled = self
            .on_store(move |conn, memory, env, now, bot_username| {
                let handled =
                    handle_on_store(conn, memory, env, &event, now, bot_username, &Role::ALL)?;
                then(conn)?;
                Ok(handled)
            })
            .await?;
        // Every role is looked up, so none can be missing.
        Ok(handled.unwrap_or_default())
    }

    /// Handles an event whose sender's memberships were looked up only for the roles in
    /// `looked_up` (in a group: all of them), if it turns out not to need the others.
    /// [`RolesNeeded`] when it does: nothing was written or sent, and the adapter looks up
    /// the roles it names and tries again. Most messages from the public (a question) never
    /// ask, and most commands ask about one role, which saves a getChatMember call per other
    /// registered group.
    ///
    /// Answers once the event has run, before its transaction is committed: an event handled
    /// after this answer sees its writes, so an adapter may hand the same chat's next event on
    /// at once, and several share one fsync. What it owes is given by
    /// [`Pending::committed`], once it is safe in the outbox.
    pub async fn handle_pending(
        &self,
        event: Event,
        looked_up: Vec<Role>,
    ) -> Result<Result<Pending, RolesNeeded>, DbError> {
        // Declining is an `Err` to the store, so the answer comes without waiting for the
        // batch's commit: the adapter's getChatMember calls start at once.
        let outcome = self
            .store
            .run_uncommitted(
                self.with_core_state(move |conn, memory, env, now, bot_username| {
                    match handle_on_store(conn, memory, env, &event, now, bot_username, &looked_up)
                    {
                        Ok(Ok(deliveries)) => Ok(deliveries),
                        Ok(Err(roles)) => Err(store::registered_groups(conn)
                            .map(|groups| RolesNeeded::among(roles, groups))),
                        Err(e) => Err(Err(e)),
                    }
                }),
            )
            .await?;
        match outcome {
            Ok((deliveries, commit)) => Ok(Ok(Pending { deliveries, commit })),
            Err(Ok(needed)) => Ok(Err(needed)),
            Err(Err(e)) => Err(DbError::Sqlite(e)),
        }
    }

    /// Runs core work on the store thread with the core's memory, environment, the clock's
    /// current time and the bot's username.
    async fn on_store<F, T>(&self, work: F) -> Result<T, DbError>
    where
        F: FnOnce(
                &Connection,
                &mut Memory,
                &Env,
                DateTime<Utc>,
                Option<&str>,
            ) -> rusqlite::Result<T>
            + Send
            + 'static,
        T: Send + 'static,
    {
        self.store
            .run(self.with_core_state(work))
            .await?
            .map_err(DbError::Sqlite)
    }

    /// Runs `work` on the store connection in a job of its own, committed before it returns.
    async fn with_connection<F, T>(&self, work: F) -> Result<T, DbError>
    where
        F: FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
        T: Send + 'static,
    {
        self.store
            .run(move |conn, _| work(conn))
            .await?
            .map_err(DbError::Sqlite)
    }

    /// `work` as a store job: given the core's memory (held by the store thread), its
    /// environment, the clock's time now and the bot's username.
    fn with_core_state<F, T, E>(
        &self,
        work: F,
    ) -> impl FnOnce(&Connection, &mut crate::db::ThreadState) -> Result<T, E> + Send + 'static
    where
        F: FnOnce(&Connection, &mut Memory, &Env, DateTime<Utc>, Option<&str>) -> Result<T, E>
            + Send
            + 'static,
    {
        let env = self.env.clone();
        let now = self.clock.now();
        let bot_username = self.bot_username.read().ok().and_then(|u| u.clone());
        move |conn, state| {
            let memory = state
                .downcast_mut::<Memory>()
                .expect("the store thread holds the core's Memory");
            work(conn, memory, &env, now, bot_username.as_deref())
        }
    }

    /// Runs every capability's periodic work at the clock's current time (the adapters call
    /// this every few seconds; tests call it after moving a manual clock). Each capability
    /// runs in its own savepoint, so one failing does not hold up the others.
    pub async fn tick(&self) -> Result<Vec<Delivery>, DbError> {
        self.on_store(tick_on_store).await
    }

    /// Makes the day's backup into the backup folder once the night (02:00 local) has come,
    /// keeping the newest [`crate::db::KEEP_BACKUPS`]; returns the new file, if one was made.
    pub async fn backup_if_due(&self) -> Result<Option<std::path::PathBuf>, DbError> {
        let local = self.clock.now().with_timezone(&self.env.config.tz);
        if local.time() < chrono::NaiveTime::from_hms_opt(2, 0, 0).expect("valid constant") {
            return Ok(None);
        }
        let today = local.date_naive().to_string();
        let last = self.setting("last_backup_date").await?;
        if last.as_deref() == Some(today.as_str()) {
            return Ok(None);
        }
        let dir = self.env.config.backup_dir.clone();
        std::fs::create_dir_all(&dir).map_err(|e| DbError::Panicked(e.to_string()))?;
        let path = dir.join(format!("khetbot-{}.sqlite3", local.format("%Y%m%d-%H%M%S")));
        crate::db::backup(&self.store, path.clone()).await?;
        if let Err(e) = crate::db::rotate_backups(&dir, crate::db::KEEP_BACKUPS) {
            log::warn!("backup rotation failed: {e}");
        }
        let at = self.clock.now().to_rfc3339();
        self.with_connection(move |conn| {
            store::set_setting(conn, "last_backup_date", &today)?;
            store::set_setting(conn, "last_backup_at", &at)
        })
        .await?;
        Ok(Some(path))
    }

    async fn setting(&self, key: &'static str) -> Result<Option<String>, DbError> {
        self.with_connection(move |conn| store::get_setting(conn, key))
            .await
    }

    /// Outbox rows are deleted once Telegram accepted them.
    pub async fn delivered(&self, outbox_ids: Vec<i64>) -> Result<(), DbError> {
        if outbox_ids.is_empty() {
            return Ok(());
        }
        self.with_connection(move |conn| outbox::remove(conn, &outbox_ids))
            .await
    }

    /// [`delivered`](Self::delivered) for a card: records where the messenger put it
    /// (`message_id` in `chat_id`), so that later changes edit this copy too, and brings the
    /// copy up to date if the card changed on the way ([`card_posted`]).
    pub async fn card_delivered(
        &self,
        outbox_id: i64,
        sent: OutMessage,
        chat_id: i64,
        message_id: i64,
    ) -> Result<(), DbError> {
        let now = self.now();
        self.with_connection(move |conn| {
            card_posted(conn, outbox_id, &sent, chat_id, message_id, now)?;
            outbox::remove(conn, &[outbox_id])
        })
        .await
    }

    /// Logs a message about to go to `chat_id`, committed before it is sent: the next
    /// process's pacer knows it even if this one is killed before Telegram answers. Returns
    /// the time logged (wall clock, ms since the epoch).
    pub async fn log_send(&self, chat_id: i64) -> Result<i64, DbError> {
        // The time is taken when the store writes the row, not when the log is asked for: a
        // busy store holds the log, and the message leaves only after it. A process started
        // later paces itself from these times; an earlier one would let it send too soon.
        self.with_connection(move |conn| {
            let sent_at_ms = outbox::unix_ms(std::time::SystemTime::now());
            outbox::log_send(conn, chat_id, sent_at_ms).map(|()| sent_at_ms)
        })
        .await
    }

    /// The sends logged since `since_ms` (chat id, ms since the epoch), oldest first.
    pub async fn sends_since(&self, since_ms: i64) -> Result<Vec<(i64, i64)>, DbError> {
        self.with_connection(move |conn| outbox::sends_since(conn, since_ms))
            .await
    }

    /// Moves everything in the write-ahead log into the database file and empties the log
    /// (on a clean stop, so the next start has no log to replay).
    pub async fn checkpoint(&self) -> Result<(), DbError> {
        self.store
            .run_exclusive(|conn| store::checkpoint(conn).map_err(DbError::Sqlite))
            .await
    }

    /// Records a failed send; the row is retried later with backoff, never dropped.
    pub async fn delivery_failed(&self, outbox_id: i64, error: String) -> Result<(), DbError> {
        let now = self.clock.now();
        self.with_connection(move |conn| outbox::postpone(conn, outbox_id, &error, now))
            .await
    }

    /// Outbox rows due for (re)sending, e.g. those left by a crash.
    pub async fn due_deliveries(&self, exclude: Vec<i64>) -> Result<Vec<Delivery>, DbError> {
        let now = self.clock.now();
        self.with_connection(move |conn| outbox::due(conn, now, &exclude, None))
            .await
    }

    /// [`due_deliveries`](Self::due_deliveries) of one platform's chats: with both adapters
    /// running, each sends only its own.
    pub async fn due_deliveries_on(
        &self,
        platform: Platform,
        exclude: Vec<i64>,
    ) -> Result<Vec<Delivery>, DbError> {
        let now = self.clock.now();
        self.with_connection(move |conn| outbox::due(conn, now, &exclude, Some(platform)))
            .await
    }

    /// Records a send refused for good (not a limit, not an outage): the row stops being
    /// retried and stays in the outbox, counted by /status, instead of being tried forever.
    pub async fn delivery_refused(&self, outbox_id: i64, error: String) -> Result<(), DbError> {
        self.with_connection(move |conn| outbox::give_up(conn, outbox_id, &error))
            .await
    }

    /// Chat ids of the registered groups, for membership checks: read from the store only
    /// when they changed since the last read.
    pub async fn registered_groups(&self) -> Result<Vec<(Role, i64)>, DbError> {
        let version = store::groups_version();
        if let Some((read_at, groups)) = self
            .groups
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            && *read_at == version
        {
            return Ok(groups.clone());
        }
        let groups = self.with_connection(store::registered_groups).await?;
        // Tagged with the version seen before the read: a change committed meanwhile makes
        // the next call read again.
        *self.groups.lock().unwrap_or_else(|p| p.into_inner()) = Some((version, groups.clone()));
        Ok(groups)
    }

    /// Registers a group for a role unless that role already has one (the console's
    /// simulated groups).
    pub async fn ensure_group(
        &self,
        role: Role,
        chat_id: i64,
        title: String,
    ) -> Result<(), DbError> {
        let now = self.clock.now();
        self.with_connection(move |conn| store::ensure_group(conn, role, chat_id, &title, now))
            .await
    }

    /// The command menu (Latin name, description) of `scope`, for Telegram's setMyCommands:
    /// what the /start menu offers a person there, by the same rules (a public donor is not
    /// offered the staff's /donate; a group sees its role's commands).
    pub async fn menu_commands(
        &self,
        scope: MenuScope,
        lang: Lang,
    ) -> Result<Vec<(&'static str, String)>, DbError> {
        self.on_store(move |conn, memory, env, now, bot_username| {
            let (chat, user_id, anonymous_admin, chat_role) = match scope {
                MenuScope::Private => (0, 0, false, None),
                MenuScope::Groups => (-1, 0, false, None),
                MenuScope::Group { chat_id, role } => (chat_id, 0, false, Some(role)),
                MenuScope::GroupAdmins { chat_id, role } => (chat_id, 0, true, Some(role)),
                MenuScope::Admin { user_id } => (user_id, user_id, false, None),
            };
            let mut event = system_event();
            event.chat.id = chat;
            if chat < 0 {
                event.chat.kind = ChatKind::Group;
            }
            event.actor.user_id = user_id;
            event.actor.anonymous_admin = anonymous_admin;
            let ctx = Ctx {
                conn,
                memory,
                env,
                event: &event,
                now,
                lang,
                chat_role,
                bot_username,
                effects: Vec::new(),
                roles_looked_up: &Role::ALL,
                roles_asked: std::cell::RefCell::default(),
            };
            Ok(general::menu_entries(&ctx)
                .into_iter()
                .map(|spec| (spec.name, ctx.t(&env.description_key(spec), &[])))
                .collect())
        })
        .await
    }
}

/// Who a command menu is for, in Telegram's scopes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuScope {
    /// Every private chat: the public's commands.
    Private,
    /// Groups that are not registered.
    Groups,
    /// The members of a registered group: its role's commands.
    Group { chat_id: i64, role: Role },
    /// The administrators of a registered group: its role's and the admins' commands.
    GroupAdmins { chat_id: i64, role: Role },
    /// An admin's private chat: everything.
    Admin { user_id: i64 },
}

/// An event handled but not yet committed ([`Core::handle_pending`]).
pub struct Pending {
    deliveries: Vec<Delivery>,
    commit: crate::db::Commit,
}

impl Pending {
    /// What the event owes, once its writes (and so its outbox rows) are committed.
    pub async fn committed(self) -> Result<Vec<Delivery>, DbError> {
        self.commit.wait().await?;
        Ok(self.deliveries)
    }
}

/// A private message that needs memberships of its sender that were not looked up.
#[derive(Debug)]
pub struct RolesNeeded {
    /// The roles to look up; one without a registered group is held by nobody.
    pub roles: Vec<Role>,
    /// The registered groups of those roles, to ask Telegram about.
    pub groups: Vec<(Role, i64)>,
}

impl RolesNeeded {
    fn among(roles: Vec<Role>, registered: Vec<(Role, i64)>) -> RolesNeeded {
        let groups = registered
            .into_iter()
            .filter(|(role, _)| roles.contains(role))
            .collect();
        RolesNeeded { roles, groups }
    }
}

/// Handles one update in the store's transaction. With some roles not `looked_up`, returns
/// the ones it turns out to need instead (having written nothing).
fn handle_on_store(
    conn: &Connection,
    memory: &mut Memory,
    env: &Env,
    event: &Event,
    now: DateTime<Utc>,
    bot_username: Option<&str>,
    looked_up: &[Role],
) -> rusqlite::Result<Result<Vec<Delivery>, Vec<Role>>> {
    let person = (event.chat.id, event.actor.user_id);
    let not_looked_up: Vec<Role> = Role::ALL
        .into_iter()
        .filter(|role| !looked_up.contains(role))
        .collect();
    // A run without all roles may have to be undone, so it is tried only where undoing is
    // complete: a private text, no dialogue of this person waiting and none about to expire
    // (their removal and notices happen in memory).
    let undoing_is_complete = matches!(event.input, Input::Text(_))
        && event.chat.kind == ChatKind::Private
        && !memory.dialogues.contains_key(&person)
        && memory.dialogues.values().all(|d| d.expires > now);
    if !not_looked_up.is_empty() && !undoing_is_complete {
        return Ok(Err(not_looked_up));
    }
    if let Some(update_id) = event.update_id
        && !store::record_update(conn, update_id)?
    {
        log::info!("update {update_id} was already processed; ignored");
        return Ok(Ok(Vec::new()));
    }
    let chat_role = store::role_of_chat(conn, event.chat.id)?;
    // Someone who chose no language is answered in that of their open dialogue; one started
    // by an English word goes on in Thai once they write Thai (a parent who typed "complain"
    // was held in English, every Thai line answered "Please press one of the buttons").
    let lang = match store::language_of(conn, event.actor.user_id)? {
        Some(lang) => lang,
        None => memory
            .dialogues
            .get_mut(&person)
            .map_or(Lang::Th, |dialogue| {
                if mostly_thai(&event.input) {
                    dialogue.lang = Lang::Th;
                }
                dialogue.lang
            }),
    };
    let mut ctx = Ctx {
        conn,
        memory,
        env,
        event,
        now,
        lang,
        chat_role,
        bot_username,
        effects: Vec::new(),
        roles_looked_up: looked_up,
        roles_asked: std::cell::RefCell::default(),
    };
    // A step's keyboard is spent once its choice is made.
    let answers_a_step =
        ctx.memory.dialogues.contains_key(&person) || ctx.memory.held_lines.contains_key(&person);
    execute_cached(conn, "SAVEPOINT handler")?;
    let outcome = route(&mut ctx);
    let asked = ctx.roles_asked.take();
    if !asked.is_empty() {
        execute_cached(conn, "ROLLBACK TO handler")?;
        execute_cached(conn, "RELEASE handler")?;
        ctx.memory.dialogues.remove(&person);
        if let Some(update_id) = event.update_id {
            store::forget_update(conn, update_id)?;
        }
        return Ok(Err(asked));
    }
    env.stats.updates.fetch_add(1, Ordering::Relaxed);
    match outcome {
        Ok(()) => execute_cached(conn, "RELEASE handler")?,
        Err(error) => {
            execute_cached(conn, "ROLLBACK TO handler")?;
            execute_cached(conn, "RELEASE handler")?;
            ctx.effects.clear();
            let text = match error {
                CoreError::Refusal { key, args } => ctx.t(key, &args),
                CoreError::Db(e) => {
                    env.stats.errors.fetch_add(1, Ordering::Relaxed);
                    log::error!("command failed on the database: {e}");
                    ctx.t("core.internal_error", &[])
                }
            };
            // A refused press in a group concerns the presser only: a notice on the button,
            // never a message everyone reads.
            if matches!(event.input, Input::Button { .. }) && event.chat.kind == ChatKind::Group {
                ctx.answer_button(Some(button_notice(&text)));
            } else {
                ctx.reply_text(text);
            }
        }
    }
    if answers_a_step {
        remove_spent_keyboard(&mut ctx);
    }
    if matches!(event.input, Input::Button { .. })
        && !ctx
            .effects
            .iter()
            .any(|(e, _)| matches!(e, Effect::AnswerButton { .. }))
    {
        ctx.answer_button(None);
    }
    let effects = std::mem::take(&mut ctx.effects);
    outbox::persist(conn, effects, now).map(Ok)
}

/// After a press on a dialogue step's button in a private chat: the pressed message keeps its
/// text and loses its keyboard, unless the handler already edited it (LINE's quick replies
/// vanish by themselves).
fn remove_spent_keyboard(ctx: &mut Ctx) {
    let Input::Button { message_id, .. } = ctx.event.input else {
        return;
    };
    let chat_id = ctx.event.chat.id;
    let edited = ctx.effects.iter().any(|(effect, _)| {
        matches!(effect, Effect::Edit { chat_id: c, message_id: m, .. }
            if *c == chat_id && *m == message_id)
    });
    if ctx.event.chat.kind == ChatKind::Private
        && Platform::of(chat_id) == Platform::Telegram
        && !edited
    {
        let effect = Effect::RemoveButtons {
            chat_id,
            message_id,
        };
        // Direct: the chat may be an anonymous filer's, never stored; a keyboard left
        // behind by a crash is only untidy.
        ctx.effects.push((effect, Persist::Direct));
    }
}

/// Telegram shows at most 200 characters on a button's notice.
const BUTTON_NOTICE_CHARS: usize = 200;

/// `text` as plain text short enough for a button's notice.
fn button_notice(text: &str) -> String {
    let plain = crate::i18n::html_to_plain(text);
    if plain.chars().count() <= BUTTON_NOTICE_CHARS {
        return plain;
    }
    let mut short: String = plain.chars().take(BUTTON_NOTICE_CHARS - 1).collect();
    short.push('…');
    short
}

/// The bot can no longer post in `chat` (the messenger said so, or refused a send there);
/// `update_id` when an update of the messenger's said it.
pub fn bot_removed_event(update_id: Option<i64>, chat: Chat) -> Event {
    Event {
        update_id,
        reply_to: None,
        message_id: None,
        chat,
        actor: system_event().actor,
        input: Input::BotRemoved,
    }
}

/// The card `sent` (the message of outbox row `outbox_id`, as the adapter sent it) is posted
/// as message `message_id` of `chat_id` (0 where a messenger cannot edit): the copy is
/// recorded, so later changes reach it. When the row was rewritten meanwhile (the card
/// changed while the message waited or was on its way, `Ctx::update_card`), the copy shows
/// the old state: an edit of it to the row's message is owed. Call before removing the row.
pub fn card_posted(
    conn: &Connection,
    outbox_id: i64,
    sent: &OutMessage,
    chat_id: i64,
    message_id: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let Some(card) = sent.card.as_deref() else {
        return Ok(());
    };
    store::record_card_copy(conn, card, chat_id, message_id)?;
    if let Some(current) = outbox::owed_message(conn, outbox_id)?
        && current != *sent
    {
        let edit = Effect::Edit {
            chat_id,
            message_id,
            message: current,
        };
        outbox::persist(conn, vec![(edit, Persist::Outbox)], now)?;
    }
    Ok(())
}

/// A send to the group `chat_id` refused because the bot is no longer in it: the same event,
/// with no update behind it and no title known. Both adapters build it from a refused send.
pub fn send_refused_event(chat_id: i64) -> Event {
    let group = Chat {
        id: chat_id,
        kind: ChatKind::Group,
        title: None,
    };
    bot_removed_event(None, group)
}

/// The actor of periodic work: nobody in particular, in no chat.
pub fn system_event() -> Event {
    Event {
        update_id: None,
        reply_to: None,
        message_id: None,
        chat: Chat {
            id: 0,
            kind: ChatKind::Private,
            title: None,
        },
        actor: Actor {
            user_id: 0,
            name: "khetbot".into(),
            username: None,
            anonymous_admin: false,
            memberships: Vec::new(),
        },
        input: Input::Text(String::new()),
    }
}

fn tick_on_store(
    conn: &Connection,
    memory: &mut Memory,
    env: &Env,
    now: DateTime<Utc>,
    bot_username: Option<&str>,
) -> rusqlite::Result<Vec<Delivery>> {
    let event = system_event();
    let mut ctx = Ctx {
        conn,
        memory,
        env,
        event: &event,
        now,
        lang: Lang::Th,
        chat_role: None,
        bot_username,
        effects: Vec::new(),
        roles_looked_up: &Role::ALL,
        roles_asked: std::cell::RefCell::default(),
    };
    for capability in env.capabilities.iter() {
        if let Some(on_tick) = capability.on_tick {
            in_own_savepoint(&mut ctx, "periodic", capability.area, on_tick)?;
        }
    }
    run_mornings(&mut ctx)?;
    let mut effects = std::mem::take(&mut ctx.effects);
    if effects.len() > 1 && digest::line_pushes_used_up(conn)? {
        effects = digest::join_per_line_chat(effects);
    }
    outbox::persist(conn, effects, now)
}

/// Runs one capability's periodic `work` in a savepoint of its own: when it fails, it is
/// logged and undone, effects included, and the others go on. False when it failed.
fn in_own_savepoint(
    ctx: &mut Ctx,
    what: &str,
    area: &str,
    work: impl FnOnce(&mut Ctx) -> CoreResult,
) -> rusqlite::Result<bool> {
    let kept = ctx.effects.len();
    execute_cached(ctx.conn, "SAVEPOINT periodic")?;
    match work(ctx) {
        Ok(()) => {
            execute_cached(ctx.conn, "RELEASE periodic")?;
            Ok(true)
        }
        Err(e) => {
            log::error!("{what} work of {area} failed: {e:?}");
            execute_cached(ctx.conn, "ROLLBACK TO periodic")?;
            execute_cached(ctx.conn, "RELEASE periodic")?;
            ctx.effects.truncate(kept);
            Ok(false)
        }
    }
}

/// The local day whose mornings have all run in this process (saves queries every tick).
#[derive(Default)]
struct MorningsDone(Option<NaiveDate>);

/// Runs each capability's morning hook once per local day, from the reminder time on. The
/// claim in `morning_runs` commits with the hook's work, so a restart never runs it twice,
/// and a failing hook is undone with its claim and tried again at the next tick.
fn run_mornings(ctx: &mut Ctx) -> rusqlite::Result<()> {
    let local = ctx.now.with_timezone(&ctx.env.config.tz);
    let today = local.date_naive();
    if local.time() < ctx.env.config.reminder_time
        || ctx.memory.extension::<MorningsDone>("core.morning").0 == Some(today)
    {
        return Ok(());
    }
    let morning = Morning {
        today,
        calendar: office::work_calendar(ctx.conn)?,
    };
    let mut all_done = true;
    let env = ctx.env;
    for capability in env.capabilities.iter() {
        let Some(on_morning) = capability.on_morning else {
            continue;
        };
        let area = capability.area;
        all_done &= in_own_savepoint(ctx, "morning", area, |ctx| {
            if office::morning::claim(ctx.conn, area, today)? {
                on_morning(ctx, &morning)?;
            }
            Ok(())
        })?;
    }
    if all_done {
        ctx.memory.extension::<MorningsDone>("core.morning").0 = Some(today);
    }
    Ok(())
}

fn route(ctx: &mut Ctx) -> CoreResult {
    if expire_dialogues(ctx) {
        return Ok(());
    }
    match &ctx.event.input {
        Input::GroupMigrated { to_chat_id } => general::group_migrated(ctx, *to_chat_id),
        Input::BotRemoved => general::bot_removed(ctx),
        Input::Withdrawn { file_id } => {
            let file_id = file_id.clone();
            let env = ctx.env;
            for on_withdrawn in env.capabilities.iter().filter_map(|c| c.on_withdrawn) {
                on_withdrawn(ctx, &file_id)?;
            }
            Ok(())
        }
        Input::Button { data, .. } => {
            let data = data.clone();
            route_button(ctx, &data)
        }
        Input::Text(text) => {
            let text = text.clone();
            route_text(ctx, &text)
        }
        Input::Forwarded { text } => {
            let text = text.clone();
            relayed::forwarded(ctx, &text)
        }
        Input::Edited { text } => {
            let text = text.clone();
            relayed::edited(ctx, &text)
        }
        Input::Unusable => general::unusable(ctx),
        Input::Photo { caption, .. } => {
            let caption = caption.clone().unwrap_or_default();
            route_with_dialogue(ctx, &caption)
        }
        Input::Document(doc) => {
            let caption = doc.caption.clone().unwrap_or_default();
            route_with_dialogue(ctx, &caption)
        }
    }
}

/// Drops the dialogues that have waited too long. When this person's own has, and what they
/// sent was meant as its answer (text that is no command, a photo, a file), they are told,
/// and the message goes no further (`true`): it was written for the step that expired, so it
/// is neither saved nor sent anywhere else (a story typed for an anonymous tip-off must not
/// become a question to the officers under the person's name).
fn expire_dialogues(ctx: &mut Ctx) -> bool {
    let now = ctx.now;
    let key = (ctx.event.chat.id, ctx.event.actor.user_id);
    let expired = ctx
        .memory
        .dialogues
        .get(&key)
        .is_some_and(|d| d.expires <= now);
    let pending = expired.then(|| pending_dialogue(ctx));
    ctx.memory.dialogues.retain(|_, d| d.expires > now);
    // Read as a command only when a dialogue of this person's did expire: not on every message.
    let Some(pending) = pending else {
        return false;
    };
    let answer_to_it = match &ctx.event.input {
        Input::Text(text) => command_in(ctx, text).is_none(),
        Input::Photo { .. } | Input::Document(_) => true,
        _ => false,
    };
    if !answer_to_it {
        return false;
    }
    let text = ctx.t(
        "core.dialogue_expired",
        &[
            ("minutes", Arg::from(ctx.dialogue_minutes())),
            ("pending", Arg::from(pending)),
        ],
    );
    notice(ctx, text);
    true
}

fn route_button(ctx: &mut Ctx, data: &str) -> CoreResult {
    let (area, rest) = data.split_once(':').unwrap_or((data, ""));
    let handler = ctx.env.capability(area).and_then(|c| c.on_button);
    match handler {
        Some(handler) => handler(ctx, rest),
        None => {
            ctx.answer_button_with("core.button_expired", &[]);
            Ok(())
        }
    }
}

fn route_text(ctx: &mut Ctx, text: &str) -> CoreResult {
    let trimmed = text.trim();
    // A line offered to run with no dialogue waiting (a command put right) is spent once the
    // person types again: they may have typed it themselves, and a later press would run it
    // twice.
    let key = ctx.person_key();
    if !ctx.memory.dialogues.contains_key(&key) {
        ctx.memory.held_lines.remove(&key);
    }
    let stops = ctx.is_private() || ctx.memory.dialogues.contains_key(&key);
    let cancels = |line: &str| is_cancel(line) || (stops && is_stop(line));
    if cancels(trimmed) || general::without_particles(trimmed).any(cancels) {
        return match ctx.end_dialogue() {
            Some(_) => {
                let text = ctx.t("core.cancelled", &[]);
                notice(ctx, text);
                Ok(())
            }
            // What the person can do here instead: the menu privately, where to find it in a
            // group the bot serves (other groups are not the bot's to answer).
            None if ctx.is_private() => general::reply_with_menu(ctx, "core.nothing_to_cancel"),
            None if ctx.chat_role.is_some() => {
                let text = ctx.t("core.nothing_to_cancel_in_group", &[]);
                ctx.reply_text(text);
                Ok(())
            }
            None => Ok(()),
        };
    }
    route_with_dialogue(ctx, trimmed)
}

/// A forwarded or edited message is never run: a command in it is named with how to act
/// instead (`command_key`); other text is answered (`other_key`) only in a private chat, as
/// groups forward and correct chatter all day. With a dialogue open in a private chat (it may
/// be an anonymous filing) the answer is sent directly, never stored.
fn answer_relayed(ctx: &mut Ctx, text: &str, command_key: &str, other_key: &str) -> CoreResult {
    let answer = match parse_line(ctx, text) {
        Some(parsed) if !parsed.for_other_bot => {
            let typed = text.split_whitespace().next().unwrap_or_default();
            ctx.t(command_key, &[("command", Arg::from(typed))])
        }
        Some(_) => return Ok(()),
        None if ctx.is_private() => ctx.t(other_key, &[]),
        None => return Ok(()),
    };
    if ctx.is_private() && ctx.memory.dialogues.contains_key(&ctx.person_key()) {
        notice(ctx, answer);
    } else {
        // In place: a reply to the message forwarded or edited.
        let message_id = ctx.event.message_id;
        ctx.reply(OutMessage::text(answer).replying_to(message_id));
    }
    Ok(())
}

/// A notice about a dialogue (cancelled, timed out), sent directly: the dialogue may be an
/// anonymous complaint draft, and an outbox row would store the filer's chat id next to the
/// time they were filing. Nothing committed depends on these notices.
pub(super) fn notice(ctx: &mut Ctx, text: String) {
    let chat_id = ctx.event.chat.id;
    ctx.send(chat_id, OutMessage::text(text), Persist::Direct);
}

/// What the person's open dialogue is doing, in a few words, as its capability describes it
/// (`การบันทึกบริจาค 500.00 บาท`).
fn pending_dialogue(ctx: &Ctx) -> String {
    let dialogue = ctx.memory.dialogues.get(&ctx.person_key());
    let described = dialogue.and_then(|dialogue| {
        let describe = ctx.env.capability(dialogue.area)?.describe_dialogue?;
        Some(describe(ctx, dialogue))
    });
    described.unwrap_or_else(|| ctx.t("core.dialogue_pending_generic", &[]))
}

fn is_cancel(text: &str) -> bool {
    matches!(text, "ยกเลิก" | "/cancel")
        || text.eq_ignore_ascii_case("cancel")
        || text.starts_with("/cancel@")
}

/// The ways people say they stop (`ไม่เอาแล้ว`, `หยุด`, `พอแล้ว`), as a whole line: a cancel
/// only for someone with a step open, or in a private chat. In a group they are what
/// colleagues say to each other.
fn is_stop(text: &str) -> bool {
    const STOPS: [&str; 7] = [
        "ยกเลิกก่อน",
        "ไม่เอาแล้ว",
        "ไม่ทำแล้ว",
        "ไม่บริจาคแล้ว",
        "ไม่แจ้งแล้ว",
        "หยุด",
        "พอแล้ว",
    ];
    STOPS.contains(&text) || text.eq_ignore_ascii_case("stop")
}

/// Whether the input is text written mostly in Thai letters.
fn mostly_thai(input: &Input) -> bool {
    let Input::Text(text) = input else {
        return false;
    };
    let thai = text
        .chars()
        .filter(|c| ('\u{0E01}'..='\u{0E5B}').contains(c))
        .count();
    let latin = text.chars().filter(char::is_ascii_alphabetic).count();
    thai > latin
}

/// English words (a command, small talk) from someone who never chose a language are
/// answered in English.
fn answer_in_english_unless_a_language_was_chosen(ctx: &mut Ctx) -> rusqlite::Result<()> {
    if store::language_of(ctx.conn, ctx.event.actor.user_id)?.is_none() {
        ctx.lang = Lang::En;
    }
    Ok(())
}

/// With a dialogue waiting, a typed line that is itself a command (Thai keyword or
/// `/command`) is held, never taken as the answer nor run by surprise ([`held`]), unless it
/// names one of the choices the step asks for, as its buttons read; anything else is the
/// dialogue's next answer.
fn route_with_dialogue(ctx: &mut Ctx, text: &str) -> CoreResult {
    let parsed = command_in(ctx, text);
    if parsed.as_ref().is_some_and(|p| p.in_english) {
        answer_in_english_unless_a_language_was_chosen(ctx)?;
    }
    let key = ctx.person_key();
    let typed = matches!(ctx.event.input, Input::Text(_));
    if takes_answer(ctx)?
        && let Some(p) = &parsed
        && !(typed && names_a_step_choice(ctx, text))
    {
        return match () {
            _ if p.for_other_bot => Ok(()),
            _ if typed => held::hold(ctx, text),
            // A file or photo captioned with a command (`นำเข้าทะเบียน` on a register) is
            // neither the step's answer nor run over it: a held line cannot carry the file.
            _ => held::refuse_captioned_file(ctx, text),
        };
    }
    if let Some(answered) = answer_dialogue(ctx) {
        return answered;
    }
    match parsed {
        Some(p) if p.for_other_bot => Ok(()),
        Some(p) => {
            // A prompt in a group still waits for its reply while the person does other
            // things; any other dialogue gives way to the command.
            let prompt_waits = ctx
                .memory
                .dialogues
                .get(&key)
                .is_some_and(|d| d.prompt.is_some());
            if !prompt_waits {
                ctx.memory.dialogues.remove(&key);
            }
            run_command(ctx, p.spec, p.args)
        }
        None if ctx.is_private()
            && typed
            && let Some(answer) = general::small_talk(text) =>
        {
            // "hello", "thanks".
            if !mostly_thai(&ctx.event.input) && text.chars().any(|c| c.is_ascii_alphabetic()) {
                answer_in_english_unless_a_language_was_chosen(ctx)?;
            }
            answer(ctx)
        }
        None if typed && near_miss::answer(ctx, text)? => Ok(()),
        None if ctx.is_private() && typed => {
            if let Some(spec) = general::wished_command(ctx, text) {
                return run_command(ctx, spec, "");
            }
            let env = ctx.env;
            let (first, rest): (Vec<&&Capability>, Vec<_>) =
                env.capabilities.iter().partition(|c| c.private_text_first);
            for capability in first.into_iter().chain(rest) {
                if let Some(hook) = capability.on_private_text
                    && hook(ctx, text)?
                {
                    return Ok(());
                }
            }
            general::unknown_private_text(ctx)
        }
        // A photo or file in a private chat: an answer to a capability's "send us more", or
        // else say what it could be for.
        None if ctx.is_private() => {
            let attachment = match &ctx.event.input {
                Input::Photo { file_id, .. } => Some(Attachment::Photo {
                    file_id: file_id.clone(),
                }),
                Input::Document(document) => Some(Attachment::Document {
                    file_id: document.file_id.clone(),
                }),
                _ => None,
            };
            let env = ctx.env;
            if let Some(attachment) = attachment {
                for hook in env.capabilities.iter().filter_map(|c| c.on_private_file) {
                    if hook(ctx, attachment.clone(), text)? {
                        return Ok(());
                    }
                }
            }
            general::unasked_file(ctx)
        }
        // Chatter in groups is not for the bot.
        None => Ok(()),
    }
}

/// Whether `text` names one of the choices the step of the person's waiting dialogue asks
/// for, as the dialogue's capability reads it (`Capability::dialogue_choice`).
fn names_a_step_choice(ctx: &Ctx, text: &str) -> bool {
    ctx.memory
        .dialogues
        .get(&ctx.person_key())
        .is_some_and(|dialogue| {
            ctx.env
                .capability(dialogue.area)
                .and_then(|capability| capability.dialogue_choice)
                .is_some_and(|names| names(ctx, dialogue, text))
        })
}

/// Hands the person's waiting dialogue (if any) this event as its next answer; `None` when
/// no dialogue of a capability served here was waiting.
fn answer_dialogue(ctx: &mut Ctx) -> Option<CoreResult> {
    match takes_answer(ctx) {
        Ok(true) => {}
        Ok(false) => return None,
        Err(e) => return Some(Err(e.into())),
    }
    let dialogue = ctx.memory.dialogues.remove(&ctx.person_key())?;
    let handler = ctx.env.capability(dialogue.area)?.on_dialogue?;
    Some(handler(ctx, dialogue))
}

/// Whether the person has a dialogue waiting that this event may answer (a prompt in a
/// group takes only a reply to it, or a message soon after it).
fn takes_answer(ctx: &Ctx) -> rusqlite::Result<bool> {
    match ctx.memory.dialogues.get(&ctx.person_key()) {
        Some(dialogue) => ctx.answers_prompt(dialogue),
        None => Ok(false),
    }
}

/// What a held line is run as.
enum LineAs {
    Command,
    DialogueAnswer,
}

/// Runs the held line as if the person had just typed it (in the message that did), as a
/// command or as the answer to their waiting dialogue, from the press of a button about it
/// ([`held`]).
fn run_line(ctx: &mut Ctx, held: &context::HeldLine, run_as: LineAs) -> CoreResult {
    let line = held.text.as_str();
    let event = Event {
        input: Input::Text(line.to_string()),
        message_id: held.message_id,
        ..ctx.event.clone()
    };
    let mut typed = ctx.with_event(&event);
    let outcome = match run_as {
        LineAs::Command => match command_in(&typed, line) {
            Some(parsed) => run_command(&mut typed, parsed.spec, parsed.args),
            None => Ok(()),
        },
        LineAs::DialogueAnswer => answer_dialogue(&mut typed).unwrap_or(Ok(())),
    };
    let (lang, asked, effects) = (typed.lang, typed.roles_asked.take(), typed.effects);
    ctx.lang = lang;
    ctx.roles_asked.borrow_mut().extend(asked);
    ctx.effects.extend(effects);
    outcome
}

/// The command `text` is, as [`parse_line`] reads it; in a private chat also a command word
/// said politely (`ร้องเรียนค่ะ`, `เมนูครับ`). In a group such a line is chat (`เสร็จค่ะ`
/// answers a colleague). A held line is run as it was read when it was held.
fn command_in<'t>(ctx: &Ctx, text: &'t str) -> Option<commands::Parsed<'t>> {
    parse_line(ctx, text).or_else(|| {
        if !ctx.is_private() {
            return None;
        }
        general::without_particles(text).find_map(|polite| parse_line(ctx, polite))
    })
}

/// The command `text` is, if any: its Thai keyword or `/name`; else its keyword with the
/// argument glued on where its capability recognises that argument (`ยอดบริจาคปีนี้`); else
/// its English words, in a private chat or from someone who chose English (in groups English
/// words are chat to everyone else).
pub(crate) fn parse_line<'t>(ctx: &Ctx, text: &'t str) -> Option<commands::Parsed<'t>> {
    let specs: Vec<&CommandSpec> = ctx.env.commands().collect();
    let capabilities = &ctx.env.capabilities;
    let today = ctx.today();
    let its_argument = |spec: &CommandSpec, rest: &str| {
        ctx.env
            .capability_of(spec)
            .and_then(|capability| capability.glued_argument)
            .is_some_and(|accepts| accepts(spec, rest, today))
    };
    commands::parse(text, &specs, ctx.bot_username)
        .map(|parsed| allowed_namesake(ctx, text, parsed, &specs))
        .or_else(|| commands::parse_glued(text, &specs, its_argument))
        .or_else(|| {
            (ctx.is_private() || ctx.lang == Lang::En)
                .then(|| commands::parse_english(text, capabilities, its_argument))
                .flatten()
        })
}

/// Two capabilities' cards may share a button's words (`ขอข้อมูลเพิ่ม` asks a filer in the
/// officers' group, a donor in the staff group): of the commands with the keyword `text`
/// starts with, the one this person may use here; for someone who may use both (staff and
/// an officer), the one whose record the words after it name (`ร-2569-0001` a case, `R12` a
/// donor's report): the first one's capability reads them as chat, not its code
/// (`Capability::chatter`), the other's does not.
fn allowed_namesake<'t>(
    ctx: &Ctx,
    text: &str,
    parsed: commands::Parsed<'t>,
    specs: &[&'static CommandSpec],
) -> commands::Parsed<'t> {
    let names_no_record_of = |spec: &CommandSpec| {
        ctx.env
            .capability_of(spec)
            .and_then(|capability| capability.chatter)
            .is_some_and(|is_chat| is_chat(spec, parsed.args))
    };
    if refusal_for(ctx, parsed.spec.access).is_none() && !names_no_record_of(parsed.spec) {
        return parsed;
    }
    let text = text.trim();
    let namesake = specs.iter().find(|spec| {
        spec.name != parsed.spec.name
            && refusal_for(ctx, spec.access).is_none()
            && (refusal_for(ctx, parsed.spec.access).is_some() || !names_no_record_of(spec))
            && spec.thai.iter().any(|keyword| {
                parsed.spec.thai.contains(keyword)
                    && text
                        .strip_prefix(keyword)
                        .is_some_and(|rest| rest.trim() == parsed.args)
            })
    });
    match namesake {
        Some(spec) => commands::Parsed { spec, ..parsed },
        None => parsed,
    }
}

/// Checks where the command may be used, then runs it.
pub fn run_command(ctx: &mut Ctx, spec: &'static CommandSpec, args: &str) -> CoreResult {
    let chatter = ctx.env.capability_of(spec).and_then(|c| c.chatter);
    if !ctx.is_private() && chatter.is_some_and(|is_chat| is_chat(spec, args)) {
        return Ok(());
    }
    if let Some(refusal_key) = refusal_for(ctx, spec.access) {
        let command = Arg::from(ctx.command_word(spec.name));
        // A private-only command typed in a group: a button opens the private chat with the
        // command started (`/start <name>`), as complaints do.
        if spec.access == Access::PrivateOnly
            && let Some(url) = ctx.private_chat_link(spec.name)
        {
            let text = ctx.t("core.refuse_private_only_link", &[("command", command)]);
            let button = Button::Url {
                label: ctx.t("core.open_private_chat", &[]),
                url,
            };
            ctx.reply(OutMessage::text(text).with_buttons(vec![vec![button]]));
            return Ok(());
        }
        return refuse_command(ctx, spec.name, refusal_key);
    }
    // `แจ้งบริจาค ได้ไหมคะ`, `ร้องเรียน ด่วนครับ` in a private chat: the command asked for,
    // nothing more to read. In a group such a line may be talk among colleagues ("ตอบกลับ
    // ด้วยนะครับ"), which each command tells from its own words.
    let args = if ctx.is_private() && crate::thai::is_only_asking(args) {
        ""
    } else {
        args
    };
    (spec.handler)(ctx, args)
}

/// Refuses the command `name` to someone who may not use it, here or the part of it they asked
/// for: where it works (`refusal_key`, one of [`refusal_for`]'s), then what they can do instead.
pub fn refuse_command<T>(ctx: &Ctx, name: &str, refusal_key: &'static str) -> CoreResult<T> {
    let command = Arg::from(ctx.command_word(name));
    let refusal = Arg::Html(ctx.t(refusal_key, &[("command", command)]));
    let next = Arg::Html(refused_next_step(ctx, name));
    refuse(
        "core.refused_then",
        vec![("refusal", refusal), ("next", next)],
    )
}

/// What someone refused the command `name` may do instead: the command its capability offers
/// people like them, where they may use it here, else the menu of what they may.
fn refused_next_step(ctx: &Ctx, name: &str) -> String {
    let instead = ctx
        .env
        .capabilities
        .iter()
        .find(|capability| capability.commands.iter().any(|spec| spec.name == name))
        .and_then(|capability| {
            let instead = (capability.instead_of_refused?)(name)?;
            capability
                .commands
                .iter()
                .find(|other| other.name == instead)
        })
        .filter(|other| refusal_for(ctx, other.access).is_none());
    match instead {
        Some(other) => ctx.t(
            "core.refused_instead",
            &[
                ("command", Arg::from(ctx.command_word(other.name))),
                (
                    "what",
                    Arg::from(ctx.t(&ctx.env.description_key(other), &[])),
                ),
            ],
        ),
        None => ctx.t("core.refused_menu", &[]),
    }
}

/// The locale key of the polite refusal, or `None` when the command is allowed here.
fn refusal_for(ctx: &Ctx, access: Access) -> Option<&'static str> {
    match access {
        Access::Anyone => None,
        Access::PrivateOnly if ctx.is_private() => None,
        Access::PrivateOnly => Some("core.refuse_private_only"),
        Access::Admin if ctx.is_admin() => None,
        Access::Admin => Some("core.refuse_admin_only"),
        Access::Roles(roles) if roles.iter().any(|r| ctx.acts_as(*r)) => None,
        Access::Roles(roles) => Some(match roles {
            [Role::Staff] => "core.refuse_staff_only",
            [Role::Officers] => "core.refuse_officers_only",
            [Role::Principals] => "core.refuse_principals_only",
            [Role::Staff, Role::Principals] => "core.refuse_staff_or_principals",
            _ => "core.refuse_members_only",
        }),
    }
}
