//! Scheduler benchmark (a benchmark, not a test): 100,000 open deadlines added through the real
//! core, then the cost of one scheduler tick when nothing is due, of a morning's ticks, and of
//! start-up recovery after three days of downtime.
//!
//!     cargo bench --bench calendar            # 100,000 deadlines
//!     cargo bench --bench calendar -- 20000   # another count

#[path = "../tests/it/support/harness.rs"]
mod harness;

use std::time::{Duration, Instant};

use harness::{Harness, Person, Place, STAFF_GROUP, bangkok};
use khetbot::core::{Actor, Chat, ChatKind, Event, Input, Role};
use tokio::task::JoinSet;

/// Adds in flight at once, so the store folds them into group commits.
const IN_FLIGHT: usize = 512;
/// Due dates are spread over this many days from 16 June 2569.
const SPREAD_DAYS: u64 = 400;

fn main() {
    let count: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run(count));
}

fn add_event(update_id: i64, text: String) -> Event {
    Event {
        update_id: Some(update_id),
        reply_to: None,
        message_id: None,
        chat: Chat {
            id: STAFF_GROUP,
            kind: ChatKind::Group,
            title: None,
        },
        actor: Actor {
            user_id: 11,
            name: "สมศรี ใจดี".into(),
            username: None,
            anonymous_admin: false,
            memberships: vec![Role::Staff],
        },
        input: Input::Text(text),
    }
}

async fn seed(h: &Harness, count: usize) {
    let first_due = chrono::NaiveDate::from_ymd_opt(2026, 6, 16).unwrap();
    let mut tasks = JoinSet::new();
    // Replies are acknowledged in large batches: one acknowledgement per add would wait for a
    // commit each and measure fsync, not the calendar.
    let mut unacknowledged = Vec::new();
    let mut answered = 0usize;
    for i in 0..count {
        let due = first_due + chrono::Days::new(i as u64 % SPREAD_DAYS);
        let text = format!("เพิ่มกำหนดการ {} งานทดสอบที่ {i}", due.format("%Y-%m-%d"));
        let core = h.core.clone();
        tasks.spawn(async move { core.handle(add_event(i as i64 + 1_000_000, text)).await });
        if tasks.len() >= IN_FLIGHT
            && let Some(joined) = tasks.join_next().await
        {
            unacknowledged.extend(answered_add(joined));
            answered += 1;
        }
        if unacknowledged.len() >= 10_000 {
            let ids = std::mem::take(&mut unacknowledged);
            h.core.delivered(ids).await.expect("delivered");
        }
    }
    while let Some(joined) = tasks.join_next().await {
        unacknowledged.extend(answered_add(joined));
        answered += 1;
    }
    h.core.delivered(unacknowledged).await.expect("delivered");
    assert_eq!(answered, count, "every add was answered");
}

type Joined =
    Result<Result<Vec<khetbot::core::Delivery>, khetbot::db::DbError>, tokio::task::JoinError>;

/// The outbox rows of an add's reply, after checking the add was accepted.
fn answered_add(joined: Joined) -> Vec<i64> {
    let deliveries = joined.expect("joined").expect("handled");
    assert!(
        deliveries.iter().any(|d| matches!(
            &d.effect,
            khetbot::core::Effect::Send { message, .. } if message.text.contains("บันทึกกำหนดการแล้ว")
        )),
        "the add was refused: {deliveries:?}"
    );
    deliveries.iter().filter_map(|d| d.outbox_id).collect()
}

/// Runs ticks until one sends nothing; returns (ticks that sent, messages, time of each).
async fn drain(h: &Harness) -> (usize, usize, Vec<Duration>) {
    let mut times = Vec::new();
    let mut messages = 0;
    loop {
        let started = Instant::now();
        let deliveries = h.core.tick().await.expect("tick");
        times.push(started.elapsed());
        if deliveries.is_empty() {
            break;
        }
        messages += deliveries.len();
        let ids = deliveries.iter().filter_map(|d| d.outbox_id).collect();
        h.core.delivered(ids).await.expect("delivered");
    }
    (times.len() - 1, messages, times)
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

fn claims(h: &Harness) -> (i64, i64) {
    let conn = rusqlite::Connection::open(h.db_path()).expect("open for counting");
    conn.query_row(
        "SELECT count(*), count(DISTINCT deadline_id) FROM calendar_reminder_sends",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .expect("count claims")
}

async fn run(count: usize) {
    let mut h = Harness::new().await;
    println!("calendar scheduler benchmark: {count} deadlines due over {SPREAD_DAYS} days");

    let started = Instant::now();
    seed(&h, count).await;
    let seeding = started.elapsed();
    println!(
        "  add through the core:    {:>10.1} s  ({:.0} deadlines/s, {IN_FLIGHT} in flight)",
        seeding.as_secs_f64(),
        count as f64 / seeding.as_secs_f64()
    );

    // 15 June 09:00: this morning's reminder time has passed and nothing is owed.
    let mut idle = Vec::with_capacity(1000);
    for _ in 0..1000 {
        let started = Instant::now();
        let deliveries = h.core.tick().await.expect("tick");
        idle.push(started.elapsed());
        assert!(deliveries.is_empty(), "nothing is due yet");
    }
    idle.sort();
    println!(
        "  idle tick (nothing due): {:>10.1} µs median, {:.1} µs p99 (1,000 ticks, store round trip included)",
        micros(percentile(&idle, 0.5)),
        micros(percentile(&idle, 0.99))
    );

    h.clock.set(bangkok(2026, 6, 16, 8, 30));
    let (ticks, messages, times) = drain(&h).await;
    let (claimed, _) = claims(&h);
    let busiest = times.iter().max().copied().unwrap_or_default();
    println!(
        "  morning 16 Jun 08:30:    {claimed} reminders claimed in {ticks} ticks, {messages} messages (digests), \
         slowest tick {:.1} ms, all {:.1} ms",
        busiest.as_secs_f64() * 1e3,
        times.iter().sum::<Duration>().as_secs_f64() * 1e3
    );

    // Three days of downtime: the bot comes back at 10:00 on 19 June.
    h.clock.set(bangkok(2026, 6, 19, 10, 0));
    let started = Instant::now();
    h.restart();
    let opened = started.elapsed();
    let (before, _) = claims(&h);
    let (ticks, messages, times) = drain(&h).await;
    let recovery = times.iter().sum::<Duration>();
    let (after, distinct) = claims(&h);
    println!(
        "  start-up after 3 days:   open {:.1} ms; {} missed reminders (one per deadline, late) in {ticks} ticks, \
         {messages} messages, {:.1} ms",
        opened.as_secs_f64() * 1e3,
        after - before,
        recovery.as_secs_f64() * 1e3
    );
    let (ticks_again, messages_again, _) = drain(&h).await;
    assert_eq!(
        (ticks_again, messages_again),
        (0, 0),
        "nothing is sent twice"
    );
    println!("  claims: {after} rows for {distinct} deadlines; a second pass sends nothing");

    let mut idle = Vec::with_capacity(1000);
    for _ in 0..1000 {
        let started = Instant::now();
        h.core.tick().await.expect("tick");
        idle.push(started.elapsed());
    }
    idle.sort();
    println!(
        "  idle tick after recovery:{:>10.1} µs median, {:.1} µs p99",
        micros(percentile(&idle, 0.5)),
        micros(percentile(&idle, 0.99))
    );

    // What people ask of a calendar this full, three days into the overdue ones.
    for (who, place, text) in [
        (Person::staff(), Place::Staff, "ปฏิทิน"),
        (Person::principal(), Place::Principals, "ปฏิทิน"),
        (Person::staff(), Place::Staff, "เลยกำหนด"),
        (Person::staff(), Place::Staff, "กำหนดการ 50000"),
    ] {
        let mut times = Vec::with_capacity(20);
        for _ in 0..20 {
            let started = Instant::now();
            let sent = h.send(&who, place, text).await;
            times.push(started.elapsed());
            assert!(!sent.is_empty(), "{text}: no answer");
        }
        times.sort();
        println!(
            "  `{text}` ({place:?}): {:.1} ms median, {:.1} ms slowest of 20",
            times[10].as_secs_f64() * 1e3,
            times[19].as_secs_f64() * 1e3
        );
    }
}
