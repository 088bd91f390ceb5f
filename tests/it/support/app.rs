//! `spawn_app()`: the real Telegram adapter (teloxide dispatcher, Throttle, outbox, tick)
//! against the fake Bot API, on a temporary database with a manual clock.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use khetbot::config::Config;
use khetbot::core::{Core, ManualClock, Role};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::fake_telegram::{Chat, FakeTelegram, User};
use super::harness::{
    ADMIN_ID, OFFICERS_GROUP, PRINCIPALS_GROUP, Person, STAFF_GROUP, default_start,
};

pub const WAIT: Duration = Duration::from_secs(20);

pub struct TestApp {
    pub tg: FakeTelegram,
    pub core: Core,
    pub clock: Arc<ManualClock>,
    pub dir: tempfile::TempDir,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts the bot with a configuration adjusted by `adjust` (e.g. throttle off for tests
/// that send many messages to one chat and are not about Telegram's limits).
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new(default_start()));
    let core = start_core(&tg, dir.path(), clock.clone(), adjust).await;
    for (chat, person) in [
        (staff_chat(), Person::staff()),
        (staff_chat(), Person::staff2()),
        (principals_chat(), Person::principal()),
        (officers_chat(), Person::officer()),
    ] {
        tg.set_chat_member(chat.id, person.id, "member");
    }
    let mut app = TestApp {
        tg,
        core,
        clock,
        dir,
        stop: None,
        task: None,
    };
    app.run_bot();
    app.tg
        .wait_for("the bot to register its commands", WAIT, |calls| {
            calls.iter().filter(|c| c.method == "setMyCommands").count() >= 3
        })
        .await;
    app
}

async fn start_core(
    tg: &FakeTelegram,
    dir: &std::path::Path,
    clock: Arc<ManualClock>,
    adjust: impl FnOnce(&mut Config),
) -> Core {
    let token = FakeTelegram::TOKEN.to_string();
    let api_url = tg.api_url();
    let mut config = Config::from_lookup(|name| match name {
        "TELOXIDE_TOKEN" => Some(token.clone()),
        "TELOXIDE_API_URL" => Some(api_url.clone()),
        "ADMIN_USER_IDS" => Some(ADMIN_ID.to_string()),
        _ => None,
    })
    .unwrap();
    config.db_path = dir.join("bot.sqlite3");
    config.backup_dir = dir.join("backups");
    config.office.name = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต 1".into();
    adjust(&mut config);
    let core = Core::open(config, clock, khetbot::capabilities()).unwrap();
    for (role, chat) in [
        (Role::Staff, staff_chat()),
        (Role::Principals, principals_chat()),
        (Role::Officers, officers_chat()),
    ] {
        core.ensure_group(role, chat.id, chat.title.clone().unwrap_or_default())
            .await
            .unwrap();
    }
    core
}

impl TestApp {
    fn run_bot(&mut self) {
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let core = self.core.clone();
        let task = tokio::spawn(async move {
            let shutdown = async move {
                let _ = stop_rx.await;
            };
            khetbot::telegram::run(core, shutdown)
                .await
                .expect("the bot runs");
        });
        self.stop = Some(stop_tx);
        self.task = Some(task);
    }

    /// Stops the bot gracefully (as on SIGTERM) and waits for it to finish.
    pub async fn stop(&mut self) {
        stop_bot_task(&mut self.stop, &mut self.task).await;
    }

    /// Stops the bot and starts a new one on the same database and fake server, as after a
    /// restart of the process.
    pub async fn restart(&mut self) {
        self.stop().await;
        let config = self.core.config().clone();
        self.core = Core::open(config, self.clock.clone(), khetbot::capabilities()).unwrap();
        self.run_bot();
    }

    pub async fn wait_for_text(&self, chat_id: i64, needle: &str) -> String {
        self.tg.wait_for_text(chat_id, needle, WAIT).await
    }
}

/// Asks a bot task to stop gracefully and waits for it (any adapter's test app).
pub async fn stop_bot_task(
    stop: &mut Option<oneshot::Sender<()>>,
    task: &mut Option<JoinHandle<()>>,
) {
    if let Some(stop) = stop.take() {
        let _ = stop.send(());
    }
    if let Some(task) = task.take() {
        tokio::time::timeout(WAIT, task)
            .await
            .expect("the bot stops in time")
            .unwrap();
    }
}

pub fn user(person: &Person) -> User {
    let mut user = User::new(person.id, &person.name);
    user.username = person.username.clone();
    user
}

pub fn staff_chat() -> Chat {
    Chat::group(STAFF_GROUP, "บุคลากร สพป.")
}

pub fn principals_chat() -> Chat {
    Chat::group(PRINCIPALS_GROUP, "ผู้บริหารโรงเรียน")
}

pub fn officers_chat() -> Chat {
    Chat::group(OFFICERS_GROUP, "ศูนย์รับเรื่องร้องเรียน")
}

pub fn private_chat(person: &Person) -> Chat {
    Chat::private(&user(person))
}
