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
//! 4. SIGTERM → exit in other states: idle, and a fifth of the way through the drain.
//!
//! Each part is run in the same run against a bare teloxide bot ([`bare_teloxide`]) keeping
//! the limits with teloxide's `Throttle` and committing each message to SQLite
//! (synchronous=FULL) before it replies; the drain's baseline sends the same 500 messages
//! through `Throttle`, all chats at once. Its stop is SIGINT (teloxide's ctrl-c handler).

#[path = "support/bare_teloxide.rs"]
mod bare_teloxide;
#[path = "../tests/it/support/fake_telegram.rs"]
mod fake_telegram;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use bare_teloxide::{Drain, Variant};
use fake_telegram::{Chat, FakeTelegram, User};
use khetbot::core::{Effect, OutMessage, Persist, outbox};

const ADMIN: i64 = 1;
const STAFF_GROUP: i64 = -100_001;
const TIMEOUT: Duration = Duration::from_secs(300);

fn main() {
    bare_teloxide::serve_if_asked();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        println!("load average before: {}", load_average());
        let khetbot = fairness_and_stop(Side::Khetbot).await;
        let bare = fairness_and_stop(Side::Bare).await;
        print_fairness(&khetbot, &bare);
        let khetbot = drain(Side::Khetbot).await;
        let bare = drain(Side::Bare).await;
        print_drain(&khetbot, &bare);
        other_stops().await;
        println!("load average after: {}", load_average());
    });
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Khetbot,
    /// The bare teloxide bot: durable commit per message, `Throttle` for the limits.
    Bare,
}

struct Bot(Child);

impl Drop for Bot {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_bot(side: Side, tg: &FakeTelegram, db: &Path, drain: Option<Drain>) -> Bot {
    Bot(match side {
        Side::Bare => {
            let variant = if drain.is_some() {
                Variant::ThrottledDrain
            } else {
                Variant::DurableThrottled
            };
            bare_teloxide::spawn(variant, &tg.api_url(), FakeTelegram::TOKEN, db, drain)
        }
        Side::Khetbot => Command::new(env!("CARGO_BIN_EXE_khetbot"))
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
            .expect("the khetbot binary starts"),
    })
}

async fn wait_until(what: &str, mut done: impl FnMut() -> bool) -> Duration {
    wait_at_most(TIMEOUT, &mut done)
        .await
        .unwrap_or_else(|| panic!("timed out waiting for {what}"))
}

/// How long until `done`, if within `limit`.
async fn wait_at_most(limit: Duration, mut done: impl FnMut() -> bool) -> Option<Duration> {
    let started = Instant::now();
    while !done() {
        if started.elapsed() >= limit {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    Some(started.elapsed())
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

const LINES: usize = 300;
const QUESTIONS: i64 = 60;
/// The bound on committing the group's lines.
const COMMIT_TARGET: Duration = Duration::from_secs(10);
/// How long the private questions' answers are waited for.
const ANSWER_LIMIT: Duration = Duration::from_secs(60);
/// How long a stop is waited for before the process is killed.
const STOP_LIMIT: Duration = Duration::from_secs(20);

struct Fairness {
    reply_times: Vec<Duration>,
    /// Time until all the group's lines were committed, if within [`COMMIT_TARGET`]; else
    /// how many were by then.
    all_committed: Result<Duration, i64>,
    group_messages_by_then: usize,
    violations: Vec<String>,
    owed_at_stop: i64,
    /// Time from the stop signal to exit, if within [`STOP_LIMIT`], and whether it exited 0.
    stop: Option<(Duration, bool)>,
}

async fn fairness_and_stop(side: Side) -> Fairness {
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.sqlite3");
    let mut bot = start_bot(side, &tg, &db, None);
    wait_until("polling", || tg.get_updates_calls() > 0).await;
    let admin = User::new(ADMIN, "ผู้ดูแล");
    let group = Chat::group(STAFF_GROUP, "บุคลากร");
    tg.push_text(&group, &admin, "/setgroup staff");
    wait_until("the group registered", || tg.count_of("sendMessage") > 0).await;

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
    // What each side writes for a group line: khetbot its donations, the baseline its messages.
    let committed_sql = match side {
        Side::Khetbot => "SELECT count(*) FROM donations".to_string(),
        Side::Bare => format!("SELECT count(*) FROM messages WHERE chat_id = {STAFF_GROUP}"),
    };
    let pushed = Instant::now();
    tg.push_updates(updates);
    let all_committed = wait_at_most(COMMIT_TARGET, || count(&db, &committed_sql) >= LINES as i64)
        .await
        .ok_or_else(|| count(&db, &committed_sql));
    let group_by_then = tg.sent_texts(STAFF_GROUP).len() - group_before;
    // A bare bot may never answer them while the group's replies wait (its dispatcher stops
    // fetching once the group's worker queue is full): they are waited for a bounded time.
    wait_at_most(ANSWER_LIMIT, || {
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

    // The group's replies are still owed: khetbot keeps them in its outbox, the baseline in
    // its dispatcher's queue.
    let owed = match side {
        Side::Khetbot => count(&db, "SELECT count(*) FROM outbox"),
        Side::Bare => (LINES + 1) as i64 - tg.sent_texts(STAFF_GROUP).len() as i64,
    };
    let stop = stop(side, &mut bot).await;
    Fairness {
        reply_times,
        all_committed,
        group_messages_by_then: group_by_then,
        violations,
        owed_at_stop: owed,
        stop,
    }
}

/// Asks the bot to stop (khetbot SIGTERM, the baseline SIGINT); how long until it exited,
/// if within [`STOP_LIMIT`], and whether with status 0.
async fn stop(side: Side, bot: &mut Bot) -> Option<(Duration, bool)> {
    let signal = match side {
        Side::Khetbot => "-TERM",
        Side::Bare => "-INT",
    };
    let term = Command::new("kill")
        .arg(signal)
        .arg(bot.0.id().to_string())
        .status()
        .expect("kill");
    assert!(term.success());
    let mut status = None;
    wait_at_most(STOP_LIMIT, || {
        status = bot.0.try_wait().expect("the bot's status");
        status.is_some()
    })
    .await
    .map(|elapsed| (elapsed, status.is_some_and(|s| s.success())))
}

fn print_fairness(khetbot: &Fairness, bare: &Fairness) {
    println!(
        "\nfairness: {LINES} group lines + {QUESTIONS} private questions at once, limits kept"
    );
    println!("| measure | target | khetbot | bare teloxide + durable + Throttle |");
    println!("| --- | --- | ---: | ---: |");
    let times = |f: &Fairness| match f.reply_times.len() {
        n if n == QUESTIONS as usize => format!(
            "{} / {} / {}",
            ms(percentile(&f.reply_times, 0.5)),
            ms(percentile(&f.reply_times, 0.99)),
            ms(*f.reply_times.last().expect("replies"))
        ),
        n => format!(
            "{n} of {QUESTIONS} answered within {} s",
            ANSWER_LIMIT.as_secs()
        ),
    };
    println!(
        "| private reply time p50 / p99 / max | p99 ≤ 2 s | {} | {} |",
        times(khetbot),
        times(bare)
    );
    let committed = |f: &Fairness| match f.all_committed {
        Ok(elapsed) => format!(
            "{} ({} group messages by then)",
            ms(elapsed),
            f.group_messages_by_then
        ),
        Err(done) => format!("{done} of {LINES} after {} s", COMMIT_TARGET.as_secs()),
    };
    println!(
        "| all {LINES} group lines committed | ≤ 10 s | {} | {} |",
        committed(khetbot),
        committed(bare)
    );
    println!(
        "| limit violations | 0 | {} | {} |",
        khetbot.violations.len(),
        bare.violations.len()
    );
    let stop = |f: &Fairness| match f.stop {
        Some((elapsed, ok)) => format!(
            "{} with {} owed (exit {})",
            ms(elapsed),
            f.owed_at_stop,
            if ok { "0" } else { "not 0" }
        ),
        None => format!(
            "not within {} s with {} owed (killed)",
            STOP_LIMIT.as_secs(),
            f.owed_at_stop
        ),
    };
    println!(
        "| stop → exit (khetbot SIGTERM, baseline SIGINT) | ≤ 5 s | {} | {} |",
        stop(khetbot),
        stop(bare)
    );
    for violation in khetbot.violations.iter().take(5) {
        println!("    khetbot: {violation}");
    }
}

const DRAIN_CHATS: i64 = 50;
const DRAIN_EACH: i64 = 10;
const DRAIN_FIRST_CHAT: i64 = 70_000;

struct Drained {
    /// From the messages being owed (khetbot: written to the outbox; the baseline: asked to
    /// send) to the last one delivered.
    elapsed: Duration,
    /// From the first delivery to the last.
    first_to_last: Duration,
    violations: usize,
}

async fn drain(side: Side) -> Drained {
    let total = (DRAIN_CHATS * DRAIN_EACH) as usize;
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.sqlite3");
    let _bot = match side {
        Side::Khetbot => {
            let bot = start_bot(side, &tg, &db, None);
            wait_until("polling", || tg.get_updates_calls() > 0).await;
            owe_the_drain(&db);
            bot
        }
        Side::Bare => {
            let drain = Drain {
                first_chat: DRAIN_FIRST_CHAT,
                chats: DRAIN_CHATS,
                each: DRAIN_EACH,
            };
            start_bot(side, &tg, &db, Some(drain))
        }
    };
    let elapsed = wait_until("every owed message", || tg.count_of("sendMessage") >= total).await;
    let sends = tg.calls_of("sendMessage");
    let first_to_last = sends[sends.len() - 1].at.duration_since(sends[0].at);
    Drained {
        elapsed,
        first_to_last,
        violations: tg.rate_violations().len(),
    }
}

/// Writes the drain's 500 messages to khetbot's outbox at once.
fn owe_the_drain(db: &Path) {
    let owed: Vec<(Effect, Persist)> = (0..DRAIN_EACH)
        .flat_map(|k| (0..DRAIN_CHATS).map(move |n| (n, k)))
        .map(|(n, k)| {
            let effect = Effect::Send {
                chat_id: DRAIN_FIRST_CHAT + n,
                message: OutMessage::text(format!("ข้อความค้างส่งถึงแชท {n} ฉบับที่ {k}")),
            };
            (effect, Persist::Outbox)
        })
        .collect();
    let mut conn = rusqlite::Connection::open(db).expect("database");
    conn.busy_timeout(Duration::from_secs(5))
        .expect("busy timeout");
    let tx = conn.transaction().expect("transaction");
    outbox::persist(&tx, owed, chrono::Utc::now()).expect("outbox rows");
    tx.commit().expect("commit");
}

/// khetbot's SIGTERM → exit in other states: idle, and in the middle of the drain.
async fn other_stops() {
    println!("\nkhetbot SIGTERM → exit in other states (target ≤ 5 s)");
    for mid_drain in [false, true] {
        let tg = FakeTelegram::start().await;
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("bench.sqlite3");
        let mut bot = start_bot(Side::Khetbot, &tg, &db, None);
        wait_until("polling", || tg.get_updates_calls() > 0).await;
        if mid_drain {
            owe_the_drain(&db);
            wait_until("a fifth of the drain", || tg.count_of("sendMessage") >= 100).await;
        }
        let owed = count(&db, "SELECT count(*) FROM outbox");
        let state = if mid_drain { "mid-drain" } else { "idle" };
        match stop(Side::Khetbot, &mut bot).await {
            Some((elapsed, ok)) => println!(
                "  {state}, {owed} owed: {} (exit {})",
                ms(elapsed),
                if ok { "0" } else { "not 0" }
            ),
            None => println!(
                "  {state}, {owed} owed: not within {} s",
                STOP_LIMIT.as_secs()
            ),
        }
    }
}

fn print_drain(khetbot: &Drained, bare: &Drained) {
    let total = DRAIN_CHATS * DRAIN_EACH;
    println!("\ndrain: {total} owed messages over {DRAIN_CHATS} private chats");
    println!("| measure | target | khetbot | bare teloxide + Throttle | khetbot / bare |");
    println!("| --- | --- | ---: | ---: | ---: |");
    println!(
        "| owed → all delivered | ≤ 25 s | {} ({:.1}/s) | {} ({:.1}/s) | {:.2}× the time |",
        ms(khetbot.elapsed),
        total as f64 / khetbot.elapsed.as_secs_f64(),
        ms(bare.elapsed),
        total as f64 / bare.elapsed.as_secs_f64(),
        khetbot.elapsed.as_secs_f64() / bare.elapsed.as_secs_f64()
    );
    println!(
        "| first delivery → last | – | {} | {} | {:.2}× the time |",
        ms(khetbot.first_to_last),
        ms(bare.first_to_last),
        khetbot.first_to_last.as_secs_f64() / bare.first_to_last.as_secs_f64()
    );
    println!(
        "| limit violations | 0 | {} | {} | |",
        khetbot.violations, bare.violations
    );
}
