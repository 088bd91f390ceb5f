//! The local console: chat with the core from a terminal (or a pipe) as staff, a principal,
//! an officer, the public or an admin. Same core, same database file as the Telegram bot.
//! Only the conversation goes to stdout; logs go to stderr.

mod clock;

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use crate::core::{
    Actor, Attachment, Button, Chat, ChatKind, Core, Delivery, Document, Effect, Event, Input,
    OutMessage, Role, ShiftedClock,
};
use crate::i18n::{Arg, Lang, html_to_plain};
use crate::thai::format_date;
use clock::ClockRequest;

/// The farthest `/clock` moves forward in one go: the periodic work of every hour on the way
/// is run, and a year of it takes a few seconds.
const MAX_CLOCK_MOVE_DAYS: i64 = 400;

/// The admin persona's user id; main adds it to the admins in console mode.
pub const CONSOLE_ADMIN_ID: i64 = 9000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Persona {
    Staff,
    Principal,
    Officer,
    Public,
    Admin,
}

impl Persona {
    fn parse(word: &str) -> Option<Persona> {
        match word.trim() {
            "staff" | "บุคลากร" => Some(Persona::Staff),
            "principal" | "ผู้บริหาร" => Some(Persona::Principal),
            "officer" | "เจ้าหน้าที่รับเรื่อง" => {
                Some(Persona::Officer)
            }
            "public" | "ประชาชน" => Some(Persona::Public),
            "admin" | "ผู้ดูแล" => Some(Persona::Admin),
            _ => None,
        }
    }

    fn user_id(self) -> i64 {
        match self {
            Persona::Admin => CONSOLE_ADMIN_ID,
            Persona::Staff => 9001,
            Persona::Principal => 9002,
            Persona::Officer => 9003,
            Persona::Public => 9004,
        }
    }

    fn name_key(self) -> &'static str {
        match self {
            Persona::Staff => "console.persona_staff",
            Persona::Principal => "console.persona_principal",
            Persona::Officer => "console.persona_officer",
            Persona::Public => "console.persona_public",
            Persona::Admin => "console.persona_admin",
        }
    }

    fn role(self) -> Option<Role> {
        match self {
            Persona::Staff => Some(Role::Staff),
            Persona::Principal => Some(Role::Principals),
            Persona::Officer => Some(Role::Officers),
            Persona::Public | Persona::Admin => None,
        }
    }
}

/// Simulated group chat id of each role.
pub fn simulated_group(role: Role) -> i64 {
    match role {
        Role::Staff => -1_000_000_001,
        Role::Principals => -1_000_000_002,
        Role::Officers => -1_000_000_003,
    }
}

struct PressableButton {
    data: Option<String>,
    url: Option<String>,
    message_id: i64,
}

struct Console<W: Write> {
    core: Core,
    clock: Arc<ShiftedClock>,
    out: W,
    files_dir: PathBuf,
    persona: Persona,
    in_private: bool,
    next_message_id: i64,
    next_callback_id: u64,
    /// Per chat, the buttons of the latest message there that had any, numbered from 1: a
    /// card sent to the staff group can be pressed after `/as staff`.
    buttons: HashMap<i64, Vec<PressableButton>>,
    chat_names: HashMap<i64, String>,
}

/// Runs until the input ends. `clock` is the core's clock, moved by `/clock`.
pub async fn run(
    core: Core,
    clock: Arc<ShiftedClock>,
    input: impl BufRead,
    out: impl Write,
    files_dir: &Path,
) -> std::io::Result<()> {
    let mut chat_names = HashMap::new();
    for role in Role::ALL {
        let title = core.locales().text(Lang::Th, role.name_key(), &[]);
        let chat_id = simulated_group(role);
        core.ensure_group(role, chat_id, title.clone())
            .await
            .map_err(std::io::Error::other)?;
        chat_names.insert(chat_id, title);
    }
    // The registered groups may differ from the simulated ones when the database is shared
    // with a Telegram deployment; name those too.
    for (role, chat_id) in core
        .registered_groups()
        .await
        .map_err(std::io::Error::other)?
    {
        chat_names.insert(chat_id, core.locales().text(Lang::Th, role.name_key(), &[]));
    }
    let mut console = Console {
        core,
        clock,
        out,
        files_dir: files_dir.to_path_buf(),
        persona: Persona::Staff,
        in_private: false,
        next_message_id: 1,
        next_callback_id: 1,
        buttons: HashMap::new(),
        chat_names,
    };
    let interactive = std::io::IsTerminal::is_terminal(&std::io::stdin());
    console.say("console.welcome", &[])?;
    console.show_pending().await?;
    let mut lines = input.lines();
    loop {
        if interactive {
            let prompt = console.prompt();
            write!(console.out, "{prompt} ")?;
            console.out.flush()?;
        }
        let Some(line) = lines.next() else { break };
        let line = line?;
        let line = line.trim();
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        if !interactive {
            let prompt = console.prompt();
            writeln!(console.out, "{prompt} {line}")?;
        }
        console.input(line).await?;
        console.run_periodic_work().await?;
    }
    Ok(())
}

impl<W: Write> Console<W> {
    fn t(&self, key: &str, args: &[(&str, Arg)]) -> String {
        self.core.locales().text(Lang::Th, key, args)
    }

    fn say(&mut self, key: &str, args: &[(&str, Arg)]) -> std::io::Result<()> {
        let text = self.t(key, args);
        writeln!(self.out, "{}", html_to_plain(&text))
    }

    fn prompt(&self) -> String {
        let who = self.t(self.persona.name_key(), &[]);
        let place = self.chat_name(self.current_chat().id);
        format!("{who} @ {place} »")
    }

    fn chat_name(&self, chat_id: i64) -> String {
        if chat_id > 0 {
            return self.t("console.private_chat", &[]);
        }
        self.chat_names
            .get(&chat_id)
            .cloned()
            .unwrap_or_else(|| chat_id.to_string())
    }

    fn current_chat(&self) -> Chat {
        match (self.in_private, self.persona.role()) {
            (false, Some(role)) => Chat {
                id: simulated_group(role),
                kind: ChatKind::Group,
                title: self.chat_names.get(&simulated_group(role)).cloned(),
            },
            _ => Chat {
                id: self.persona.user_id(),
                kind: ChatKind::Private,
                title: None,
            },
        }
    }

    fn actor(&self) -> Actor {
        Actor {
            user_id: self.persona.user_id(),
            name: self.t(self.persona.name_key(), &[]),
            username: None,
            anonymous_admin: false,
            memberships: self.persona.role().into_iter().collect(),
        }
    }

    async fn input(&mut self, line: &str) -> std::io::Result<()> {
        if let Some(rest) = line.strip_prefix("/as") {
            return match Persona::parse(rest) {
                Some(persona) => {
                    self.persona = persona;
                    self.in_private = persona.role().is_none();
                    let place = self.chat_name(self.current_chat().id);
                    let who = self.t(persona.name_key(), &[]);
                    self.say(
                        "console.switched",
                        &[("who", who.into()), ("place", place.into())],
                    )
                }
                None => self.say("console.as_usage", &[]),
            };
        }
        if line == "/dm" {
            self.in_private = true;
            return self.say("console.dm", &[]);
        }
        if let Some(rest) = line.strip_prefix("/clock") {
            return self.move_clock(rest).await;
        }
        if let Some(number) = line.strip_prefix('#') {
            return self.press(number).await;
        }
        if let Some(rest) = line.strip_prefix("/photo") {
            let (file_id, caption) = split_first_word(rest);
            let input = Input::Photo {
                file_id: file_id.to_string(),
                caption: caption.map(str::to_string),
            };
            return self.send_event(input).await;
        }
        if let Some(rest) = line.strip_prefix("/file") {
            return self.send_file(rest).await;
        }
        self.send_event(Input::Text(line.to_string())).await
    }

    async fn send_file(&mut self, rest: &str) -> std::io::Result<()> {
        let (path, caption) = split_first_word(rest);
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                return self.say(
                    "console.file_unreadable",
                    &[("path", path.into()), ("error", e.to_string().into())],
                );
            }
        };
        let file_name = Path::new(path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        let input = Input::Document(Document {
            file_id: format!("console-file-{}", self.next_message_id),
            file_name,
            mime: None,
            size: bytes.len() as u64,
            caption: caption.map(str::to_string),
            bytes: Some(bytes),
        });
        self.send_event(input).await
    }

    async fn press(&mut self, number: &str) -> std::io::Result<()> {
        let index = number
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1));
        let chat_id = self.current_chat().id;
        let Some(button) = index.and_then(|i| self.buttons.get(&chat_id)?.get(i)) else {
            return self.say("console.no_such_button", &[]);
        };
        if let Some(url) = button.url.clone() {
            // Deep links such as ?start=complain open the private chat with the bot.
            return match url.split_once("?start=") {
                Some((_, payload)) => {
                    self.in_private = true;
                    self.say("console.dm", &[])?;
                    self.send_event(Input::Text(format!("/start {payload}")))
                        .await
                }
                None => self.say("console.link", &[("url", url.into())]),
            };
        }
        let input = Input::Button {
            callback_id: self.next_callback_id.to_string(),
            data: button.data.clone().unwrap_or_default(),
            message_id: button.message_id,
        };
        self.next_callback_id += 1;
        self.send_event(input).await
    }

    async fn send_event(&mut self, input: Input) -> std::io::Result<()> {
        let event = Event {
            update_id: None,
            reply_to: None,
            message_id: None,
            chat: self.current_chat(),
            actor: self.actor(),
            input,
        };
        match self.core.handle(event).await {
            Ok(deliveries) => self.show(deliveries).await,
            Err(e) => {
                log::error!("console event failed: {e}");
                self.say("console.failed", &[])
            }
        }
    }

    /// `/clock`: shows the console's time or moves it. Forward, the periodic work of every
    /// hour on the way runs as it would have (mornings, reminders, overdue follow-up).
    async fn move_clock(&mut self, args: &str) -> std::io::Result<()> {
        let tz = self.core.config().tz;
        let now = self.core.now();
        let target = match clock::parse(args, now, tz) {
            Some(ClockRequest::Show) => return self.say_time("console.clock_now", now),
            Some(ClockRequest::MoveTo(target)) => target,
            None => return self.say("console.clock_usage", &[]),
        };
        if target < now {
            self.clock.set(target);
            return self.say_time("console.clock_moved_back", target);
        }
        if target - now > Duration::days(MAX_CLOCK_MOVE_DAYS) {
            return self.say(
                "console.clock_too_far",
                &[("days", Arg::from(MAX_CLOCK_MOVE_DAYS))],
            );
        }
        let mut step = now;
        while step < target {
            step = (step + Duration::hours(1)).min(target);
            self.clock.set(step);
            self.run_periodic_work().await?;
        }
        self.say_time("console.clock_moved", target)
    }

    fn say_time(&mut self, key: &str, at: DateTime<Utc>) -> std::io::Result<()> {
        let local = at.with_timezone(&self.core.config().tz);
        let time = format!(
            "{} {}",
            format_date(local.date_naive()),
            local.format("%H:%M")
        );
        self.say(key, &[("time", Arg::from(time))])
    }

    /// Reminders that came due while the person typed.
    async fn run_periodic_work(&mut self) -> std::io::Result<()> {
        let due = self.core.tick().await.map_err(std::io::Error::other)?;
        self.show(due).await
    }

    async fn show_pending(&mut self) -> std::io::Result<()> {
        let pending = self
            .core
            .due_deliveries(Vec::new())
            .await
            .map_err(std::io::Error::other)?;
        self.show(pending).await
    }

    async fn show(&mut self, deliveries: Vec<Delivery>) -> std::io::Result<()> {
        let mut done = Vec::new();
        for delivery in deliveries {
            self.print_effect(delivery.effect)?;
            done.extend(delivery.outbox_id);
        }
        self.core
            .delivered(done)
            .await
            .map_err(std::io::Error::other)
    }

    fn print_effect(&mut self, effect: Effect) -> std::io::Result<()> {
        match effect {
            Effect::Send { chat_id, message } => {
                let message_id = self.next_message_id;
                self.next_message_id += 1;
                let header = self.header(chat_id, "console.bot");
                self.print_message(&header, chat_id, message_id, message)
            }
            Effect::Edit {
                chat_id,
                message_id,
                message,
            } => {
                let header = self.header(chat_id, "console.bot_edit");
                self.print_message(&header, chat_id, message_id, message)
            }
            Effect::AnswerButton {
                text: Some(text), ..
            } => {
                writeln!(self.out, "  ℹ️ {}", html_to_plain(&text))
            }
            Effect::AnswerButton { text: None, .. } => Ok(()),
            // The console's `#n` buttons are those of the latest message.
            Effect::RemoveButtons { .. } => Ok(()),
            // A console line cannot be taken back: say how, as where the bot may not.
            Effect::DeleteMessage { chat_id, kept, .. } => self.print_effect(Effect::Send {
                chat_id,
                message: *kept,
            }),
        }
    }

    fn header(&self, chat_id: i64, key: &str) -> String {
        let bot = self.t(key, &[]);
        if chat_id == self.current_chat().id {
            format!("{bot}:")
        } else {
            format!("{bot} → {}:", self.chat_name(chat_id))
        }
    }

    fn print_message(
        &mut self,
        header: &str,
        chat_id: i64,
        message_id: i64,
        message: OutMessage,
    ) -> std::io::Result<()> {
        writeln!(self.out, "{header}")?;
        for line in html_to_plain(&message.text).lines() {
            writeln!(self.out, "  {line}")?;
        }
        match message.attachment {
            Some(Attachment::File { name, bytes, .. }) => {
                let path = self.write_file(&name, &bytes)?;
                self.say(
                    "console.file_written",
                    &[("path", path.display().to_string().into())],
                )?;
            }
            Some(Attachment::Photo { file_id }) | Some(Attachment::Document { file_id }) => {
                self.say("console.attachment", &[("file_id", file_id.into())])?;
            }
            None => {}
        }
        if message.buttons.is_empty() {
            return Ok(());
        }
        let mut pressables = Vec::new();
        let mut row_texts = Vec::new();
        for row in message.buttons {
            let mut cells = Vec::new();
            for button in row {
                let number = pressables.len() + 1;
                let (label, pressable) = match button {
                    Button::Callback { label, data } => (
                        label,
                        PressableButton {
                            data: Some(data),
                            url: None,
                            message_id,
                        },
                    ),
                    Button::Url { label, url } => (
                        label,
                        PressableButton {
                            data: None,
                            url: Some(url),
                            message_id,
                        },
                    ),
                };
                cells.push(format!("[{number}] {label}"));
                pressables.push(pressable);
            }
            row_texts.push(cells.join("  "));
        }
        for row in row_texts {
            writeln!(self.out, "  {row}")?;
        }
        self.buttons.insert(chat_id, pressables);
        Ok(())
    }

    fn write_file(&self, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
        std::fs::create_dir_all(&self.files_dir)?;
        let safe: String = name
            .chars()
            .map(|c| if c == '/' || c == '\\' { '_' } else { c })
            .collect();
        let mut path = self.files_dir.join(&safe);
        let mut n = 1;
        while path.exists() {
            path = self.files_dir.join(format!("{n}-{safe}"));
            n += 1;
        }
        std::fs::write(&path, bytes)?;
        Ok(path)
    }
}

fn split_first_word(s: &str) -> (&str, Option<&str>) {
    let s = s.trim();
    match s.split_once(char::is_whitespace) {
        Some((first, rest)) => (first, Some(rest.trim()).filter(|r| !r.is_empty())),
        None => (s, None),
    }
}
