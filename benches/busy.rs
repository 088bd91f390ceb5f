//! Busy-group benchmark (a benchmark, not a test): the real `khetbot` binary with Telegram's
//! limits kept (the default pacing on) against the fake Bot API on 127.0.0.1.
//!
//!     cargo bench --bench busy
//!
//! 1. Fairness: 300 donation lines pasted into the staff group and 60 questions in private
//!    chats at the same moment: reply time of the private questions (p50 / p99 / max), time
//!    until all 300 donations are committed, group messages sent by then, limit violations.
//! 2. SIGTERM → exit with the group's receipts still owed.
//! 3. Drain: 500 owed messages over 50 private chats written to the outbox at once: time
//!    until all are delivered, limit violations.

#[allow(dead_code)]
#[path = "../tests/it/support/fake_telegram.rs"]
mod fake_telegram;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fake_telegram::{Chat, FakeTelegram, User};
use khetbot::core::{Effect, OutMessage, Persist, outbox};

const ADMIN: i64 = 1;
const STAFF_GROUP: i64 = -100_001;
const TIMEOUT: Duration = Duration::from_secs(300);

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        fairness_and_stop().await;
        drain().await;
    });
}

struct Bot(Child);

impl Drop for Bot {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_bot(tg: &FakeTelegram, db: &Path) -> Bot {
    Bot(Command::new(env!("CARGO_BIN_EXE_khetbot"))
        .env("TELOXIDE_TOKEN", FakeTelegram::TOKEN)
        .env("TELOXIDE_API_URL", tg.api_url())
        .env("ADMIN_USER_IDS", ADMIN.to_string())
        .env("KHETBOT_DB", db)
        .env("KHETBOT_BACKUP_DIR", db.with_extension("backups"))
        .env("KHETBOT_THROTTLE", "on")
        .env("KHETBOT_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the khetbot binary starts"))
}

async fn wait_until(what: &str, mut done: impl FnMut() -> bool) -> Duration {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < TIMEOUT, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    started.elapsed()
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db)
        .and_then(|c| c.query_row(sql, [], |r| r.get(0)))
        .unwrap_or(0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

async fn fairness_and_stop() {
    const LINES: usize = 300;
    const QUESTIONS: i64 = 60;
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.sqlite3");
    let mut bot = start_bot(&tg, &db);
    wait_until("polling", || tg.get_updates_calls() > 0).await;
    let admin = User::new(ADMIN, "ผู้ดูแล");
    let group = Chat::group(STAFF_GROUP, "บุคลากร");
    tg.push_text(&group, &admin, "/setgroup staff");
    wait_until("the group registered", || {
        tg.count_sent_containing(STAFF_GROUP, "ลงทะเบียนกลุ่มนี้") > 0
    })
    .await;

    let staff = User::new(11, "สมศรี");
    let mut updates: Vec<_> = (0..LINES)
        .map(|i| {
            let line = format!("บริจาค {} บาท จาก ผู้บริจาคลำดับ{i}ท้าย เพื่อ ทุนการศึกษา", 100 + i);
            tg.text_update(&group, &staff, &line)
        })
        .collect();
    updates.extend((0..QUESTIONS).map(|n| {
        let person = User::new(60_000 + n, "ผู้ปกครอง");
        tg.text_update(
            &Chat::private(&person),
            &person,
            "ถาม บริจาคให้โรงเรียนได้อย่างไร",
        )
    }));
    let group_before = tg.sent_texts(STAFF_GROUP).len();
    let pushed = Instant::now();
    tg.push_updates(updates);
    let all_committed = wait_until("all donations committed", || {
        count(&db, "SELECT count(*) FROM donations") == LINES as i64
    })
    .await;
    let group_by_then = tg.sent_texts(STAFF_GROUP).len() - group_before;
    wait_until("every private question answered", || {
        tg.chats_answered(60_000..60_000 + QUESTIONS) == QUESTIONS as usize
    })
    .await;
    let mut reply_times: Vec<Duration> = (0..QUESTIONS)
        .filter_map(|n| {
            tg.calls_of("sendMessage")
                .into_iter()
                .find(|call| call.chat_id() == Some(60_000 + n))
                .map(|call| call.at.duration_since(pushed))
        })
        .collect();
    reply_times.sort();
    let violations = tg.rate_violations();
    println!("fairness: {LINES} group lines + {QUESTIONS} private questions, pacing on");
    println!(
        "  private reply time p50 / p99 / max: {} / {} / {}",
        ms(percentile(&reply_times, 0.5)),
        ms(percentile(&reply_times, 0.99)),
        ms(*reply_times.last().expect("replies"))
    );
    println!(
        "  all {LINES} donations committed after {} ({group_by_then} group messages sent by then)",
        ms(all_committed)
    );
    println!("  limit violations: {}", violations.len());
    for violation in violations.iter().take(5) {
        println!("    {violation}");
    }

    let owed = count(&db, "SELECT count(*) FROM outbox");
    let asked = Instant::now();
    let status_ok = {
        let term = Command::new("kill")
            .arg("-TERM")
            .arg(bot.0.id().to_string())
            .status()
            .expect("kill");
        assert!(term.success());
        bot.0.wait().expect("the bot exits").success()
    };
    println!(
        "SIGTERM → exit with {owed} messages owed: {} (exit status ok: {status_ok})",
        ms(asked.elapsed())
    );
}

async fn drain() {
    const CHATS: i64 = 50;
    const EACH: i64 = 10;
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.sqlite3");
    let _bot = start_bot(&tg, &db);
    wait_until("polling", || tg.get_updates_calls() > 0).await;
    let owed: Vec<(Effect, Persist)> = (0..EACH)
        .flat_map(|k| (0..CHATS).map(move |n| (n, k)))
        .map(|(n, k)| {
            let effect = Effect::Send {
                chat_id: 70_000 + n,
                message: OutMessage::text(format!("ข้อความค้างส่งถึงแชท {n} ฉบับที่ {k}")),
            };
            (effect, Persist::Outbox)
        })
        .collect();
    let total = owed.len();
    let mut conn = rusqlite::Connection::open(&db).expect("database");
    conn.busy_timeout(Duration::from_secs(5))
        .expect("busy timeout");
    let tx = conn.transaction().expect("transaction");
    outbox::persist(&tx, owed, chrono::Utc::now()).expect("outbox rows");
    tx.commit().expect("commit");
    let drained = wait_until("every owed message", || tg.count_of("sendMessage") >= total).await;
    println!(
        "drain: {total} owed messages over {CHATS} private chats in {} ({:.1} messages/s), limit violations: {}",
        ms(drained),
        total as f64 / drained.as_secs_f64(),
        tg.rate_violations().len()
    );
}
