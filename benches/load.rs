//! Load and footprint benchmark (a benchmark, not a test): the real `khetbot` binary beside a
//! bare teloxide bot ([`bare_teloxide`]), each started in turn in the same run against a
//! fake Bot API on 127.0.0.1, so every figure comes with its ratio to the baseline.
//!
//!     cargo bench --bench load                 # 3 rounds, mixed burst 10,000, 20 s steady
//!     cargo bench --bench load -- 2 2000 5     # rounds, mixed burst size, steady seconds
//!     cargo bench --bench load -- 3 0          # the staff bursts only
//!
//! With `KHETBOT_BENCH_EARLIER=<path of another khetbot binary>` (a copy of an earlier
//! build), every staff-burst round also runs that binary, so a change is measured against
//! the build before it in the same rounds as the bare bot, not in runs minutes apart.
//!
//! Both run without send limits (khetbot with KHETBOT_THROTTLE=off, benchmarks only; the
//! baseline has no throttle), so the figures are the bots' own cost.
//!
//! 1. Staff burst (issue 17's workload), each round: 200 staff members, each already known
//!    (one donation each first, so their membership of the staff group is cached), send 10
//!    donations apiece in their private chats, 2,000 updates at once; time until every
//!    one is answered. Contestants: the bare bot, the bare bot committing each message to
//!    SQLite (WAL, synchronous=FULL), khetbot, and khetbot with its database on tmpfs (an
//!    fsync costs nothing there: the difference is what fsync costs). Where khetbot's time
//!    goes: its CPU, its store thread's CPU, getChatMember calls, the fake's and driver's CPU.
//! 2. Mixed burst from people never seen (a quarter each of /start, a question, a donation
//!    by a staff member, the calendar by a principal), then the same burst again, then a
//!    steady 100 updates/s (latency p50/p95/p99); khetbot and the bare bot.
//! 3. Start-up to the first getUpdates, idle and peak RSS, of both.

#[path = "support/bare_teloxide.rs"]
mod bare_teloxide;
#[path = "../tests/it/support/fake_telegram.rs"]
mod fake_telegram;

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use bare_teloxide::Variant;
use fake_telegram::{Chat, FakeTelegram, User};

const ADMIN: i64 = 1;
const STAFF_GROUP: i64 = -100_001;
const PRINCIPALS_GROUP: i64 = -100_002;
const OFFICERS_GROUP: i64 = -100_003;
/// How often the end of a burst is looked for: at most 0.5% of a 2-second burst.
const POLL_BURST: Duration = Duration::from_millis(10);
const STAFF: i64 = 200;
const DONATIONS_EACH: i64 = 10;
const STAFF_BASE: i64 = 3_000_000;

fn main() {
    bare_teloxide::serve_if_asked();
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let rounds: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(3);
    let burst: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let steady_seconds: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(20);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        describe_machine();
        staff_bursts(rounds).await;
        if burst > 0 {
            mixed(burst, steady_seconds).await;
        }
        describe_machine();
    });
}

fn describe_machine() {
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split_once(':'))
        .map(|(_, m)| m.trim().to_string())
        .unwrap_or_default();
    let memory = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "machine: {} cpus, {model}, {memory}, kernel {}, load average {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        kernel.trim(),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Contestant {
    Bare(Variant),
    Khetbot {
        on_tmpfs: bool,
    },
    /// The binary named by `KHETBOT_BENCH_EARLIER`, its database on disk.
    KhetbotEarlier,
}

impl Contestant {
    fn name(self) -> &'static str {
        match self {
            Contestant::Bare(Variant::Plain) => "bare teloxide",
            Contestant::Bare(Variant::Durable) => "bare teloxide + durable commit",
            Contestant::Bare(Variant::DurableThrottled) => "bare teloxide + durable, throttled",
            Contestant::Bare(Variant::ThrottledDrain) => "bare teloxide, throttled drain",
            Contestant::Khetbot { on_tmpfs: false } => "khetbot",
            Contestant::Khetbot { on_tmpfs: true } => "khetbot, database on tmpfs",
            Contestant::KhetbotEarlier => "khetbot, earlier build",
        }
    }
}

/// A bot process and the fake Bot API it talks to; killed when dropped.
struct Running {
    child: Child,
    tg: FakeTelegram,
    db: std::path::PathBuf,
    startup: Duration,
    _dir: tempfile::TempDir,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Running {
    fn pid(&self) -> u32 {
        self.child.id()
    }
}

async fn start(contestant: Contestant) -> Running {
    let tg = FakeTelegram::start().await;
    let dir = match contestant {
        Contestant::Khetbot { on_tmpfs: true } => tempfile::tempdir_in("/dev/shm"),
        _ => tempfile::tempdir(),
    }
    .expect("temp dir");
    let db = dir.path().join("bench.sqlite3");
    let started = Instant::now();
    let child = match contestant {
        Contestant::Bare(variant) => {
            bare_teloxide::spawn(variant, &tg.api_url(), FakeTelegram::TOKEN, &db, None)
        }
        Contestant::Khetbot { .. } | Contestant::KhetbotEarlier => Command::new(match contestant {
            Contestant::KhetbotEarlier => earlier_build().expect("KHETBOT_BENCH_EARLIER"),
            _ => env!("CARGO_BIN_EXE_khetbot").into(),
        })
        .env("TELOXIDE_TOKEN", FakeTelegram::TOKEN)
        .env("TELOXIDE_API_URL", tg.api_url())
        .env("ADMIN_USER_IDS", ADMIN.to_string())
        .env("KHETBOT_DB", &db)
        .env("KHETBOT_BACKUP_DIR", dir.path().join("backups"))
        .env("KHETBOT_THROTTLE", "off")
        .env(
            "KHETBOT_LOG",
            std::env::var("KHETBOT_LOG").unwrap_or_else(|_| "warn".into()),
        )
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the khetbot binary starts"),
    };
    wait_until(
        "the first getUpdates",
        Duration::from_millis(1),
        Duration::from_secs(30),
        || tg.get_updates_calls() > 0,
    )
    .await;
    let startup = started.elapsed();
    // khetbot's groups (the bare bot just answers these too).
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
        || tg.count_of("sendMessage") >= 3,
    )
    .await;
    Running {
        child,
        tg,
        db,
        startup,
        _dir: dir,
    }
}

/// The earlier khetbot binary to compare with, if `KHETBOT_BENCH_EARLIER` names one.
fn earlier_build() -> Option<std::path::PathBuf> {
    std::env::var_os("KHETBOT_BENCH_EARLIER").map(Into::into)
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

/// CPU time (user + system) used so far by the process or thread whose `/proc` stat file is
/// `stat_path` (`/proc/self/stat` is this benchmark, which also runs the fake Bot API).
fn cpu_time(stat_path: &str) -> Duration {
    let stat = std::fs::read_to_string(stat_path).unwrap_or_default();
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

/// The stat file of khetbot's store thread (named `khetbot-db`), if `pid` has one.
fn store_thread_stat(pid: u32) -> Option<String> {
    std::fs::read_dir(format!("/proc/{pid}/task"))
        .ok()?
        .flatten()
        .map(|task| task.path())
        .find(|task| {
            std::fs::read_to_string(task.join("comm")).is_ok_and(|c| c.trim() == "khetbot-db")
        })
        .map(|task| task.join("stat").display().to_string())
}

/// CPU used during a phase by the bot, by its store thread (khetbot only) and by this process
/// (the fake Bot API and the driver).
struct CpuUse {
    bot: Duration,
    store_thread: Option<Duration>,
    fake: Duration,
}

async fn measure_cpu<T>(bot_pid: u32, phase: impl Future<Output = T>) -> (T, CpuUse) {
    let bot_stat = format!("/proc/{bot_pid}/stat");
    let store_stat = store_thread_stat(bot_pid);
    let (bot_before, fake_before) = (cpu_time(&bot_stat), cpu_time("/proc/self/stat"));
    let store_before = store_stat.as_deref().map(cpu_time);
    let result = phase.await;
    let used = CpuUse {
        bot: cpu_time(&bot_stat) - bot_before,
        store_thread: store_stat
            .as_deref()
            .map(cpu_time)
            .zip(store_before)
            .map(|(after, before)| after - before),
        fake: cpu_time("/proc/self/stat") - fake_before,
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

/// Pushes `updates` at once and waits until every chat in `chats` has had `each` more
/// deliveries; returns how long that took and the CPU used meanwhile.
async fn timed_burst(
    bot: &Running,
    chats: std::ops::Range<i64>,
    each: usize,
    updates: Vec<serde_json::Value>,
) -> (Duration, CpuUse) {
    let tg = &bot.tg;
    let before = tg.deliveries_per_chat(chats.clone());
    measure_cpu(bot.pid(), async {
        let pushed_at = Instant::now();
        tg.push_updates(updates);
        wait_until(
            "burst replies",
            POLL_BURST,
            Duration::from_secs(600),
            || {
                let now = tg.deliveries_per_chat(chats.clone());
                chats.clone().all(|chat| {
                    now.get(&chat).copied().unwrap_or(0)
                        >= before.get(&chat).copied().unwrap_or(0) + each
                })
            },
        )
        .await;
        pushed_at.elapsed()
    })
    .await
}

fn donation(tg: &FakeTelegram, person: i64, nth: i64) -> serde_json::Value {
    let user = User::new(person, "staff");
    let text = format!(
        "บริจาค {} บาท จาก ผู้ใหญ่ใจดี {person} {nth} เพื่อ ทุนการศึกษา",
        100 + nth
    );
    tg.text_update(&Chat::private(&user), &user, &text)
}

/// One staff burst against `contestant`: its figures.
struct StaffBurst {
    elapsed: Duration,
    cpu: CpuUse,
    chat_member_calls_warm_up: usize,
    chat_member_calls_burst: usize,
    sends_per_update: f64,
}

async fn staff_burst(contestant: Contestant) -> StaffBurst {
    let bot = start(contestant).await;
    let tg = &bot.tg;
    let staff = STAFF_BASE..STAFF_BASE + STAFF;
    for id in staff.clone() {
        tg.set_chat_member(STAFF_GROUP, id, "member");
    }
    // Each person known first: their membership is looked up and cached.
    let warm_up: Vec<_> = staff.clone().map(|id| donation(tg, id, 0)).collect();
    timed_burst(&bot, staff.clone(), 1, warm_up).await;
    let chat_member_calls_warm_up = tg.count_of("getChatMember");
    let sends_before = tg.count_of("sendMessage");
    let updates: Vec<_> = (1..=DONATIONS_EACH)
        .flat_map(|nth| staff.clone().map(move |id| (id, nth)))
        .map(|(id, nth)| donation(tg, id, nth))
        .collect();
    let (elapsed, cpu) = timed_burst(&bot, staff, DONATIONS_EACH as usize, updates).await;
    let total = (STAFF * DONATIONS_EACH) as f64;
    if let Contestant::Khetbot { .. } | Contestant::KhetbotEarlier = contestant {
        let recorded = rusqlite::Connection::open(&bot.db)
            .and_then(|c| c.query_row("SELECT count(*) FROM donations", [], |r| r.get(0)))
            .unwrap_or(0i64);
        assert_eq!(
            recorded,
            STAFF * (DONATIONS_EACH + 1),
            "every donation recorded"
        );
    }
    StaffBurst {
        elapsed,
        cpu,
        chat_member_calls_warm_up,
        chat_member_calls_burst: tg.count_of("getChatMember") - chat_member_calls_warm_up,
        sends_per_update: (tg.count_of("sendMessage") - sends_before) as f64 / total,
    }
}

fn per_second(count: usize, elapsed: Duration) -> f64 {
    count as f64 / elapsed.as_secs_f64()
}

async fn staff_bursts(rounds: usize) {
    let total = (STAFF * DONATIONS_EACH) as usize;
    println!(
        "\n1. staff burst: {total} donations from {STAFF} staff members (membership cached), throttle off"
    );
    println!(
        "| round | bare teloxide | bare + durable commit | khetbot | khetbot, db on tmpfs | khetbot / bare | khetbot / bare + durable | khetbot / khetbot on tmpfs |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let mut order = vec![
        Contestant::Bare(Variant::Plain),
        Contestant::Bare(Variant::Durable),
        Contestant::Khetbot { on_tmpfs: false },
        Contestant::Khetbot { on_tmpfs: true },
    ];
    if earlier_build().is_some() {
        order.insert(3, Contestant::KhetbotEarlier);
    }
    let mut breakdown = Vec::new();
    let mut earlier_breakdown = Vec::new();
    let mut ratios = Vec::new();
    let mut earlier_ratios = Vec::new();
    for round in 1..=rounds {
        let mut rates = HashMap::new();
        // Alternate the order so that neither side always runs first on a warming machine.
        let mut this_round = order.to_vec();
        if round % 2 == 0 {
            this_round.reverse();
        }
        for contestant in this_round {
            let burst = staff_burst(contestant).await;
            rates.insert(contestant.name(), per_second(total, burst.elapsed));
            match contestant {
                Contestant::Khetbot { on_tmpfs: false } => breakdown.push(burst),
                Contestant::KhetbotEarlier => earlier_breakdown.push(burst),
                _ => {}
            }
        }
        let rate = |c: Contestant| rates[c.name()];
        let khetbot = rate(Contestant::Khetbot { on_tmpfs: false });
        let ratio = khetbot / rate(Contestant::Bare(Variant::Plain));
        ratios.push(ratio);
        println!(
            "| {round} | {:.0}/s | {:.0}/s | {khetbot:.0}/s | {:.0}/s | {ratio:.2}× | {:.2}× | {:.2}× |",
            rate(Contestant::Bare(Variant::Plain)),
            rate(Contestant::Bare(Variant::Durable)),
            rate(Contestant::Khetbot { on_tmpfs: true }),
            khetbot / rate(Contestant::Bare(Variant::Durable)),
            khetbot / rate(Contestant::Khetbot { on_tmpfs: true }),
        );
        if let Some(earlier) = rates.get(Contestant::KhetbotEarlier.name()) {
            let ratio = earlier / rate(Contestant::Bare(Variant::Plain));
            earlier_ratios.push(ratio);
            println!(
                "| {round}, earlier build | | | {earlier:.0}/s | | {ratio:.2}× | {:.2}× | this build / earlier {:.2}× |",
                earlier / rate(Contestant::Bare(Variant::Durable)),
                khetbot / earlier,
            );
        }
    }
    for (name, ratios) in [
        ("khetbot", &mut ratios),
        ("earlier build", &mut earlier_ratios),
    ] {
        if ratios.is_empty() {
            continue;
        }
        ratios.sort_by(f64::total_cmp);
        println!(
            "{name} / bare teloxide, staff burst: {:.2}–{:.2}× over {rounds} rounds (target ≥ 0.70×)",
            ratios[0],
            ratios[ratios.len() - 1]
        );
    }
    println!("\nwhere khetbot's time goes in the staff burst (per update):");
    println!(
        "| round | wall | bot CPU | of which store thread | fake Bot API + driver CPU | getChatMember in burst (warm-up) | messages sent |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    let rows = breakdown
        .iter()
        .enumerate()
        .map(|(i, b)| (format!("{}", i + 1), b));
    let earlier_rows = earlier_breakdown
        .iter()
        .enumerate()
        .map(|(i, b)| (format!("{}, earlier build", i + 1), b));
    for (round, burst) in rows.chain(earlier_rows) {
        let per_update = |d: Duration| d.as_micros() as f64 / total as f64;
        println!(
            "| {} | {:.0} µs | {:.0} µs | {:.0} µs | {:.0} µs | {} ({}) | {:.2} |",
            round,
            per_update(burst.elapsed),
            per_update(burst.cpu.bot),
            per_update(burst.cpu.store_thread.unwrap_or_default()),
            per_update(burst.cpu.fake),
            burst.chat_member_calls_burst,
            burst.chat_member_calls_warm_up,
            burst.sends_per_update,
        );
    }
}

/// The mixed burst's updates, built before it starts so that it measures the bot, not the
/// fake composing them: one from each person in `chats`, in their private chat, a quarter
/// each of /start, a question, a donation recorded by a staff member and the calendar asked
/// for by a principal.
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

/// The figures of one contestant in part 2.
struct Mixed {
    startup: Duration,
    first: Duration,
    again: Duration,
    first_cpu: CpuUse,
    latency: [Duration; 3],
    idle_rss_kib: u64,
    peak_rss_kib: u64,
}

async fn mixed_run(contestant: Contestant, burst: usize, steady_seconds: u64) -> Mixed {
    let bot = start(contestant).await;
    let tg = &bot.tg;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let idle_rss_kib = rss_kib(bot.pid(), "VmRSS:");
    const BURST_BASE: i64 = 1_000_000;
    for i in 0..burst {
        let id = BURST_BASE + i as i64;
        match i % 4 {
            2 => tg.set_chat_member(STAFF_GROUP, id, "member"),
            3 => tg.set_chat_member(PRINCIPALS_GROUP, id, "member"),
            _ => {}
        }
    }
    let chats = BURST_BASE..BURST_BASE + burst as i64;
    let (first, first_cpu) =
        timed_burst(&bot, chats.clone(), 1, mixed_updates(tg, chats.clone())).await;
    // The same people again within five minutes: their roles are remembered.
    let (again, _) = timed_burst(&bot, chats.clone(), 1, mixed_updates(tg, chats)).await;

    // Steady: 100 updates per second from distinct private chats; latency per update.
    let mut pushed: HashMap<i64, Instant> = HashMap::new();
    let steady_total = (steady_seconds * 100) as usize;
    let base_user = 5_000_000;
    let before_steady = tg.count_of("sendMessage");
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
        || tg.count_of("sendMessage") >= before_steady + steady_total,
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
    Mixed {
        startup: bot.startup,
        first,
        again,
        first_cpu,
        latency: [pct(0.50), pct(0.95), pct(0.99)],
        idle_rss_kib,
        peak_rss_kib: rss_kib(bot.pid(), "VmHWM:"),
    }
}

async fn mixed(burst: usize, steady_seconds: u64) {
    let bare = mixed_run(Contestant::Bare(Variant::Plain), burst, steady_seconds).await;
    let khetbot = mixed_run(
        Contestant::Khetbot { on_tmpfs: false },
        burst,
        steady_seconds,
    )
    .await;
    println!(
        "\n2. mixed burst of {burst} updates from new people, the same again, steady 100 updates/s for {steady_seconds} s; throttle off"
    );
    println!("| measure | khetbot | bare teloxide | khetbot / bare |");
    println!("| --- | ---: | ---: | ---: |");
    let rate = |d: Duration| per_second(burst, d);
    println!(
        "| burst from people not seen | {:.0}/s | {:.0}/s | {:.2}× |",
        rate(khetbot.first),
        rate(bare.first),
        rate(khetbot.first) / rate(bare.first)
    );
    println!(
        "| the same burst again (roles remembered) | {:.0}/s | {:.0}/s | {:.2}× |",
        rate(khetbot.again),
        rate(bare.again),
        rate(khetbot.again) / rate(bare.again)
    );
    for (i, name) in ["p50", "p95", "p99"].iter().enumerate() {
        let (k, b) = (khetbot.latency[i], bare.latency[i]);
        println!(
            "| latency at 100 updates/s, {name} | {:.2} ms | {:.2} ms | {:.2}× |",
            k.as_secs_f64() * 1000.0,
            b.as_secs_f64() * 1000.0,
            k.as_secs_f64() / b.as_secs_f64()
        );
    }
    let per_update = |d: Duration| d.as_micros() / burst as u128;
    println!(
        "| CPU per update in the first burst: bot / fake Bot API and driver | {} / {} µs | {} / {} µs | {:.2}× |",
        per_update(khetbot.first_cpu.bot),
        per_update(khetbot.first_cpu.fake),
        per_update(bare.first_cpu.bot),
        per_update(bare.first_cpu.fake),
        khetbot.first_cpu.bot.as_secs_f64() / bare.first_cpu.bot.as_secs_f64()
    );
    let mb = |kib: u64| kib as f64 / 1024.0;
    println!(
        "| idle RSS | {:.1} MB | {:.1} MB | {:.2}× |",
        mb(khetbot.idle_rss_kib),
        mb(bare.idle_rss_kib),
        khetbot.idle_rss_kib as f64 / bare.idle_rss_kib as f64
    );
    println!(
        "| peak RSS | {:.1} MB | {:.1} MB | {:.2}× |",
        mb(khetbot.peak_rss_kib),
        mb(bare.peak_rss_kib),
        khetbot.peak_rss_kib as f64 / bare.peak_rss_kib as f64
    );
    println!(
        "| start-up to the first getUpdates | {} ms | {} ms | {:.2}× |",
        khetbot.startup.as_millis(),
        bare.startup.as_millis(),
        khetbot.startup.as_secs_f64() / bare.startup.as_secs_f64()
    );
}
