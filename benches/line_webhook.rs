//! The LINE webhook path (a benchmark, not a test): the real `khetbot` binary with only LINE
//! configured, against the fake LINE Platform on 127.0.0.1.
//!
//!     cargo bench --bench line_webhook             # 2,000 events, 32 requests at a time
//!     cargo bench --bench line_webhook -- 500 8    # events, requests in flight
//!
//! Every event is a text from its own one-to-one chat, alternately `/start` and a question,
//! each in its own signed request. Reports events/s from the first request to the last reply
//! call, and the latency from a request being sent to the bot's reply call (p50/p95/p99).

#[path = "../tests/it/support/fake_line.rs"]
mod fake_line;

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fake_line::{FakeLine, user_id, user_source};

struct Bot(Child);

impl Drop for Bot {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let events: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(2_000);
    let in_flight: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(32);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run(events, in_flight));
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

async fn run(events: usize, in_flight: usize) {
    let line = FakeLine::start().await;
    let dir = tempfile::tempdir().unwrap();
    let address = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .to_string();
    let _bot = Bot(Command::new(env!("CARGO_BIN_EXE_khetbot"))
        .envs(line.bot_env(&address, &dir.path().join("bot.sqlite3")))
        .env("KHETBOT_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("khetbot starts"));
    let webhook = format!("http://{address}/line/webhook");
    let started = Instant::now();
    while line.try_post(&webhook, &[]).await != Some(200) {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the webhook never came up"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let built: Vec<(String, serde_json::Value)> = (0..events)
        .map(|i| {
            let user = user_id(10_000 + i as u64);
            let text = if i % 2 == 0 {
                "/start"
            } else {
                "ถาม บริจาคให้โรงเรียนได้อย่างไร"
            };
            let event = line.text(user_source(&user), text);
            (user, event)
        })
        .collect();
    let queue = Arc::new(std::sync::Mutex::new(built.into_iter()));
    let sent_at = Arc::new(std::sync::Mutex::new(std::collections::HashMap::new()));
    let first = Instant::now();
    let posters: Vec<_> = (0..in_flight)
        .map(|_| {
            let (line, webhook, queue, sent_at) = (
                line.clone(),
                webhook.clone(),
                queue.clone(),
                sent_at.clone(),
            );
            tokio::spawn(async move {
                loop {
                    let Some((user, event)) = queue.lock().unwrap().next() else {
                        return;
                    };
                    sent_at.lock().unwrap().insert(user, Instant::now());
                    assert_eq!(line.try_post(&webhook, &[event]).await, Some(200));
                }
            })
        })
        .collect();
    for poster in posters {
        poster.await.unwrap();
    }
    let accepted = first.elapsed();
    let answered_chats = |line: &FakeLine| {
        line.delivered()
            .iter()
            .map(|d| d.to.clone())
            .collect::<std::collections::HashSet<_>>()
            .len()
    };
    loop {
        let answered = answered_chats(&line);
        if answered >= events {
            break;
        }
        assert!(
            first.elapsed() < Duration::from_secs(300),
            "only {answered} answered"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let delivered = line.delivered();
    let last = delivered.iter().map(|d| d.at).max().unwrap();
    let sent_at = sent_at.lock().unwrap();
    // The first message each chat received: its reply call.
    let mut first_reply = std::collections::HashMap::new();
    for d in &delivered {
        first_reply.entry(d.to.clone()).or_insert(d.at);
    }
    let mut latencies: Vec<Duration> = first_reply
        .iter()
        .filter_map(|(to, at)| sent_at.get(to).map(|sent| at.duration_since(*sent)))
        .collect();
    latencies.sort();
    let total = last.duration_since(first);
    println!("| measure | value |");
    println!("| --- | --- |");
    println!("| events, requests in flight | {events}, {in_flight} |");
    println!(
        "| all requests answered 200 (recorded) | {:.0} ms, {:.0} events/s |",
        accepted.as_secs_f64() * 1000.0,
        events as f64 / accepted.as_secs_f64()
    );
    println!(
        "| first request to last reply call | {:.0} ms, {:.0} events/s |",
        total.as_secs_f64() * 1000.0,
        events as f64 / total.as_secs_f64()
    );
    println!(
        "| request to reply call, p50 / p95 / p99 | {:.1} / {:.1} / {:.1} ms |",
        percentile(&latencies, 0.50).as_secs_f64() * 1000.0,
        percentile(&latencies, 0.95).as_secs_f64() * 1000.0,
        percentile(&latencies, 0.99).as_secs_f64() * 1000.0
    );
}
