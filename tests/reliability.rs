//! Crash safety and graceful stop of the real binary against the fake Bot API.

mod support;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use support::fake_telegram::{Chat, FakeTelegram, User};

const WAIT: Duration = Duration::from_secs(60);

/// The bot process; killed if a test fails before stopping it.
struct BotProcess(Child);

impl Drop for BotProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl std::ops::Deref for BotProcess {
    type Target = Child;
    fn deref(&self) -> &Child {
        &self.0
    }
}

impl std::ops::DerefMut for BotProcess {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.0
    }
}

fn start_bot(tg: &FakeTelegram, db: &std::path::Path) -> BotProcess {
    BotProcess(
        Command::new(env!("CARGO_BIN_EXE_khetbot"))
            .env("TELOXIDE_TOKEN", FakeTelegram::TOKEN)
            .env("TELOXIDE_API_URL", tg.api_url())
            .env("ADMIN_USER_IDS", "1")
            .env("KHETBOT_DB", db)
            .env("KHETBOT_BACKUP_DIR", db.with_extension("backups"))
            // Durability is under test here, not Telegram's limits.
            .env("KHETBOT_THROTTLE", "off")
            .env("KHETBOT_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("khetbot starts"),
    )
}

async fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + WAIT;
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .arg(format!("-{name}"))
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(status.success());
}

fn replies_to(tg: &FakeTelegram, chat_ids: &[i64]) -> usize {
    chat_ids.iter().map(|id| tg.sent_texts(*id).len()).sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_during_load_finishes_in_flight_updates_and_exits_zero_quickly() {
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bot.sqlite3");
    let mut bot = start_bot(&tg, &db);
    wait_until("polling", || tg.get_updates_calls() > 0).await;

    let users: Vec<User> = (0..300).map(|i| User::new(50_000 + i, "ผู้ใช้")).collect();
    let chats: Vec<i64> = users.iter().map(|u| u.id).collect();
    for user in &users {
        tg.push_text(&Chat::private(user), user, "/start");
    }
    wait_until("the first replies", || replies_to(&tg, &chats) >= 20).await;
    let asked_to_stop = Instant::now();
    signal(&bot, "TERM");
    let status = loop {
        if let Some(status) = bot.try_wait().unwrap() {
            break status;
        }
        assert!(
            asked_to_stop.elapsed() < Duration::from_secs(10),
            "did not stop within 10 s"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    };
    assert!(status.success(), "exit status {status:?}");

    // Whatever was not confirmed is redelivered to the next run: every /start is answered
    // exactly once across both runs.
    let mut bot = start_bot(&tg, &db);
    wait_until("every reply", || replies_to(&tg, &chats) >= users.len()).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    for chat in &chats {
        assert_eq!(
            tg.sent_texts(*chat).len(),
            1,
            "chat {chat} answered {} times",
            tg.sent_texts(*chat).len()
        );
    }
    signal(&bot, "TERM");
    assert!(bot.wait().unwrap().success());
}
