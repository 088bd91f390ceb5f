//! Load and footprint benchmark (a benchmark, not a test): the real `khetbot` binary, its
//! teloxide dispatcher and store, against the fake Bot API on 127.0.0.1.
//!
//!     cargo bench --bench load                 # 10,000-update burst + 20 s at 100 updates/s
//!     cargo bench --bench load -- 2000 5       # smaller: burst size, steady seconds
//!
//! The bot runs with KHETBOT_THROTTLE=off (benchmarks only) so the figures show the bot's
//! own cost rather than Telegram's send limits. Reports throughput, latency from update to
//! reply (p50/p95/p99), peak and idle RSS of the bot process and start-up time to polling.

#[allow(dead_code)]
#[path = "../tests/it/support/fake_telegram.rs"]
mod fake_telegram;

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fake_telegram::{Chat, FakeTelegram, User};

const ADMIN: i64 = 1;
const STAFF_GROUP: i64 = -100_001;
const PRINCIPALS_GROUP: i64 = -100_002;
const OFFICERS_GROUP: i64 = -100_003;
/// How often the end of a burst is looked for: at most 0.5% of a 2-second burst.
const POLL_BURST: Duration = Duration::from_millis(10);

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let burst: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let steady_seconds: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(20);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run(burst, steady_seconds));
}

struct Bot {
    child: Child,
    _dir: tempfile::TempDir,
}

impl Drop for Bot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn rss_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// CPU time (user + system) a process has used so far; `pid` "self" is this benchmark, which
/// also runs the fake Telegram server.
fn cpu_time(pid: &str) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which may hold spaces) start at state, field 3.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |n: usize| {
        fields
            .get(n - 3)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // utime and stime, in clock ticks of 1/100 s on Linux.
    Duration::from_millis((ticks(14) + ticks(15)) * 10)
}

/// CPU used by the bot and by this process (fake Telegram and the driver) during `phase`.
struct CpuUse {
    bot: Duration,
    fake: Duration,
}

/// Pushes the mixed updates of the people in `chats` all at once and waits until each of
/// them has been answered again; returns how long that took and the CPU used meanwhile.
async fn timed_burst(
    tg: &FakeTelegram,
    bot_pid: u32,
    chats: std::ops::Range<i64>,
) -> (Duration, CpuUse) {
    let before = tg.deliveries_per_chat(chats.clone());
    let updates = mixed_updates(tg, chats.clone());
    let count = updates.len();
    measure_cpu(bot_pid, async {
        let pushed_at = Instant::now();
        tg.push_updates(updates);
        wait_until(
            "burst replies",
            POLL_BURST,
            Duration::from_secs(600),
            || tg.chats_answered_since(chats.clone(), &before) >= count,
        )
        .await;
        pushed_at.elapsed()
    })
    .await
}

async fn measure_cpu<T>(bot_pid: u32, phase: impl Future<Output = T>) -> (T, CpuUse) {
    let bot_pid = bot_pid.to_string();
    let (bot_before, fake_before) = (cpu_time(&bot_pid), cpu_time("self"));
    let result = phase.await;
    let used = CpuUse {
        bot: cpu_time(&bot_pid) - bot_before,
        fake: cpu_time("self") - fake_before,
    };
    (result, used)
}

/// Polls `done` every `every`: the check walks the fake's records under its lock, so a burst
/// is polled less often than start-up, whose few milliseconds are the figure.
async fn wait_until(
    what: &str,
    every: Duration,
    timeout: Duration,
    mut done: impl FnMut() -> bool,
) -> Duration {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < timeout, "timed out waiting for {what}");
        tokio::time::sleep(every).await;
    }
    started.elapsed()
}

fn replies(tg: &FakeTelegram) -> usize {
    tg.count_of("sendMessage")
}

async fn run(burst: usize, steady_seconds: u64) {
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_khetbot"))
        .env("TELOXIDE_TOKEN", FakeTelegram::TOKEN)
        .env("TELOXIDE_API_URL", tg.api_url())
        .env("ADMIN_USER_IDS", ADMIN.to_string())
        .env("KHETBOT_DB", dir.path().join("bench.sqlite3"))
        .env("KHETBOT_BACKUP_DIR", dir.path().join("backups"))
        .env("KHETBOT_THROTTLE", "off")
        .env(
            "KHETBOT_LOG",
            std::env::var("KHETBOT_LOG").unwrap_or_else(|_| "warn".into()),
        )
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the khetbot binary starts");
    let pid = child.id();
    let bot = Bot { child, _dir: dir };
    wait_until(
        "the first getUpdates",
        Duration::from_millis(1),
        Duration::from_secs(30),
        || tg.get_updates_calls() > 0,
    )
    .await;
    let startup = started.elapsed();

    let admin = User::new(ADMIN, "admin");
    for (id, title, role) in [
        (STAFF_GROUP, "บุคลากร", "staff"),
        (PRINCIPALS_GROUP, "ผู้บริหาร", "principals"),
        (OFFICERS_GROUP, "เจ้าหน้าที่", "officers"),
    ] {
        tg.push_text(
            &Chat::group(id, title),
            &admin,
            &format!("/setgroup {role}"),
        );
    }
    wait_until(
        "group registration",
        POLL_BURST,
        Duration::from_secs(30),
        || replies(&tg) >= 3,
    )
    .await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let idle_rss = rss_kib(pid, "VmRSS:");

    // Burst: everything at once, each update from its own private chat, mixed like a busy
    // morning. Donations come from staff members, calendar queries from principals.
    const BURST_BASE: i64 = 1_000_000;
    for i in 0..burst {
        let id = BURST_BASE + i as i64;
        match i % 4 {
            2 => tg.set_chat_member(STAFF_GROUP, id, "member"),
            3 => tg.set_chat_member(PRINCIPALS_GROUP, id, "member"),
            _ => {}
        }
    }
    let burst_chats = BURST_BASE..BURST_BASE + burst as i64;
    let (burst_elapsed, burst_cpu) = timed_burst(&tg, pid, burst_chats.clone()).await;
    // The same people again within five minutes: their roles are remembered, so each update
    // is the bot's own work and one reply.
    let (known_elapsed, known_cpu) = timed_burst(&tg, pid, burst_chats).await;

    // Steady: 100 updates per second from distinct private chats; latency per update.
    let mut pushed: HashMap<i64, Instant> = HashMap::new();
    let steady_total = (steady_seconds * 100) as usize;
    let base_user = 5_000_000;
    let before_steady = replies(&tg);
    let mut ticker = tokio::time::interval(Duration::from_millis(10));
    for i in 0..steady_total {
        ticker.tick().await;
        let user = User::new(base_user + i as i64, "steady");
        let text = if i % 2 == 0 {
            "/start"
        } else {
            "ถาม บริจาคอย่างไร"
        };
        pushed.insert(user.id, Instant::now());
        tg.push_text(&Chat::private(&user), &user, text);
    }
    wait_until(
        "steady replies",
        POLL_BURST,
        Duration::from_secs(120),
        || replies(&tg) >= before_steady + steady_total,
    )
    .await;
    let mut latencies: Vec<Duration> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for call in tg.calls_of("sendMessage") {
        if let Some(chat) = call.chat_id()
            && let Some(at) = pushed.get(&chat)
            && seen.insert(chat)
        {
            latencies.push(call.at.saturating_duration_since(*at));
        }
    }
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    let peak_rss = rss_kib(pid, "VmHWM:");
    drop(bot);

    println!("khetbot load benchmark (throttle off, 2-core machine)");
    println!("| measure | value |");
    println!("| --- | --- |");
    println!(
        "| start-up to first getUpdates | {} ms |",
        startup.as_millis()
    );
    println!(
        "| burst of {burst} mixed updates | {:.0} updates/s ({:.2} s) |",
        burst as f64 / burst_elapsed.as_secs_f64(),
        burst_elapsed.as_secs_f64()
    );
    println!(
        "| the same burst again, people known (roles remembered) | {:.0} updates/s ({:.2} s) |",
        burst as f64 / known_elapsed.as_secs_f64(),
        known_elapsed.as_secs_f64()
    );
    println!(
        "| latency at 100 updates/s, p50 | {:.2} ms |",
        pct(0.50).as_secs_f64() * 1000.0
    );
    println!(
        "| latency at 100 updates/s, p95 | {:.2} ms |",
        pct(0.95).as_secs_f64() * 1000.0
    );
    println!(
        "| latency at 100 updates/s, p99 | {:.2} ms |",
        pct(0.99).as_secs_f64() * 1000.0
    );
    for (phase, cpu) in [("burst", &burst_cpu), ("burst again", &known_cpu)] {
        println!(
            "| CPU per update, {phase}: bot / fake Telegram and driver | {} µs / {} µs |",
            cpu.bot.as_micros() / burst as u128,
            cpu.fake.as_micros() / burst as u128
        );
    }
    println!("| idle RSS | {:.1} MB |", idle_rss as f64 / 1024.0);
    println!("| peak RSS | {:.1} MB |", peak_rss as f64 / 1024.0);
}

/// The burst's updates, built before it starts so that it measures the bot, not the fake
/// composing them: one from each person in `chats`, in their private chat, a quarter each of
/// /start, a question, a donation recorded by a staff member and the calendar asked for by a
/// principal.
fn mixed_updates(tg: &FakeTelegram, chats: std::ops::Range<i64>) -> Vec<serde_json::Value> {
    chats
        .enumerate()
        .map(|(i, id)| {
            let user = User::new(id, "user");
            let text = match i % 4 {
                0 => "/start".to_string(),
                1 => "ถาม บริจาคให้โรงเรียนได้อย่างไร".to_string(),
                2 => format!("บริจาค {} บาท จาก ผู้ใหญ่ใจดี {i} เพื่อ ทุนการศึกษา", 100 + i),
                _ => "ปฏิทิน".to_string(),
            };
            tg.text_update(&Chat::private(&user), &user, &text)
        })
        .collect()
}
