//! Donations register benchmark (a benchmark, not a test):
//!
//!     cargo bench --bench donations             # 100,000 through the bot, then 1,000,000
//!     cargo bench --bench donations -- 20000    # a smaller first stage
//!
//! 1. Records N donations (default 100,000) through the real core, `บริจาค …` commands from
//!    the staff group, many in flight at once so the store's group commit works as in
//!    production; spread over the twelve months of fiscal year 2569, 2,000 donors, all
//!    nine networks, the three purposes, money and goods.
//! 2. Times `ยอดบริจาค ปีงบ 2569` (and a quarter and a month) through the core.
//! 3. Tops the register up to 1,000,000 records with direct inserts (the same table and
//!    triggers, without the chat round trip) and times the same reports again.
//!    Target: under 200 ms for the fiscal-year report over 1,000,000 records.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate, TimeZone, Utc};
use khetbot::config::Config;
use khetbot::core::{Actor, Chat, ChatKind, Core, Effect, Event, Input, ManualClock, Role};
use rusqlite::{Connection, params};

const STAFF_GROUP: i64 = -100_001;
const TOTAL: usize = 1_000_000;
const DONORS: usize = 2_000;
const IN_FLIGHT: usize = 256;
const NETWORKS: [&str; 9] = [
    "ตะโหมด",
    "ทุ่งธงทอง",
    "บูรพาป่าบอน",
    "สองเกาะ",
    "รังสีตรีมิตร",
    "พันธปัญญา",
    "ควนขนุนหานโพธิ์",
    "มิตรภาพเขาชัยสน",
    "ไพรวัลย์/คีรีรัตน์",
];
const PURPOSES: [&str; 3] = ["ทุนการศึกษา", "สำนักงาน", "สำนักงาน"];

fn main() {
    let first_stage: usize = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run(first_stage));
}

/// The i-th donation's day: the fiscal year's twelve months in turn.
fn day_of(i: usize) -> NaiveDate {
    let start = NaiveDate::from_ymd_opt(2025, 10, 1).expect("valid date");
    start + chrono::Duration::days((i % 365) as i64)
}

fn staff_event(update_id: i64, text: String) -> Event {
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
            memberships: Vec::new(),
        },
        input: Input::Text(text),
    }
}

fn line(i: usize) -> String {
    let amount = 100 + (i * 37) % 50_000;
    let purpose = PURPOSES[i % PURPOSES.len()];
    let network = NETWORKS[i % NETWORKS.len()];
    if i.is_multiple_of(10) {
        format!("บริจาค {amount} จาก ไม่ประสงค์ออกนาม เพื่อ {purpose}")
    } else {
        format!(
            "บริจาค {amount}.50 บาท จาก ผู้บริจาค {} เพื่อ {purpose} เครือข่าย {network}",
            i % DONORS
        )
    }
}

async fn run(first_stage: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut config = Config::from_lookup(|_| None).expect("default config");
    config.db_path = dir.path().join("bench.sqlite3");
    config.throttle = false;
    let start = Utc.with_ymd_and_hms(2025, 10, 1, 2, 0, 0).unwrap();
    let clock = Arc::new(ManualClock::new(start));
    let core = Core::open(config, clock.clone(), khetbot::capabilities()).expect("core");
    core.ensure_group(Role::Staff, STAFF_GROUP, "บุคลากร".into())
        .await
        .expect("staff group");

    println!("donations benchmark: {first_stage} through the bot, then {TOTAL} in the register");
    let started = Instant::now();
    let mut next = 0;
    while next < first_stage {
        // One day's batch at a time, so records carry their real dates.
        let day = day_of(next);
        let day_start = Utc
            .with_ymd_and_hms(day.year(), day.month(), day.day(), 2, 0, 0)
            .unwrap();
        clock.set(day_start);
        let batch_end = (next + IN_FLIGHT).min(first_stage);
        let mut tasks = tokio::task::JoinSet::new();
        let batch_start = next;
        for i in batch_start..batch_end {
            if day_of(i) != day {
                break;
            }
            let core = core.clone();
            let event = staff_event(i as i64 + 1, line(i));
            tasks.spawn(async move { core.handle(event).await });
            next = i + 1;
        }
        while let Some(result) = tasks.join_next().await {
            let deliveries = result.expect("task").expect("store");
            let ids: Vec<i64> = deliveries.iter().filter_map(|d| d.outbox_id).collect();
            core.delivered(ids).await.expect("delivered");
        }
    }
    let recording = started.elapsed();
    println!(
        "recorded {first_stage} donations through the core in {:.1} s ({:.0} per second)",
        recording.as_secs_f64(),
        first_stage as f64 / recording.as_secs_f64()
    );
    clock.set(Utc.with_ymd_and_hms(2026, 9, 30, 3, 0, 0).unwrap());
    time_reports(&core, first_stage).await;

    let path = core.config().db_path.clone();
    let top_up = TOTAL.saturating_sub(first_stage);
    let started = Instant::now();
    insert_directly(&path, first_stage, top_up);
    println!(
        "inserted {top_up} more directly (same table and triggers) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    time_reports(&core, TOTAL).await;
}

/// Median of several runs of each report through the core.
async fn time_reports(core: &Core, records: usize) {
    const RUNS: usize = 9;
    for period in ["ปีงบ 2569", "ไตรมาส 2", "มี.ค. 2569"] {
        let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
        let mut total_line = String::new();
        for run in 0..RUNS {
            let event = staff_event(
                900_000_000 + (records * 100 + run) as i64 + period.len() as i64 * 10_000,
                format!("ยอดบริจาค {period}"),
            );
            let started = Instant::now();
            let deliveries = core.handle(event).await.expect("report");
            times.push(started.elapsed());
            if let Some(Effect::Send { message, .. }) = deliveries.first().map(|d| &d.effect) {
                total_line = khetbot::i18n::html_to_plain(&message.text)
                    .lines()
                    .nth(1)
                    .unwrap_or_default()
                    .to_string();
            }
            let ids: Vec<i64> = deliveries.iter().filter_map(|d| d.outbox_id).collect();
            core.delivered(ids).await.expect("delivered");
        }
        times.sort();
        println!(
            "ยอดบริจาค {period} over {records} records: median {:.2} ms, max {:.2} ms — {total_line}",
            times[RUNS / 2].as_secs_f64() * 1000.0,
            times[RUNS - 1].as_secs_f64() * 1000.0,
        );
    }
}

/// Appends donations with SQL in one transaction: numbers continue after the bot's.
fn insert_directly(path: &std::path::Path, from: usize, count: usize) {
    let mut conn = Connection::open(path).expect("open");
    conn.busy_timeout(Duration::from_secs(30)).expect("timeout");
    let tx = conn.transaction().expect("transaction");
    let network_ids: Vec<i64> = {
        let mut stmt = tx
            .prepare("SELECT id FROM donation_networks ORDER BY id")
            .expect("networks");
        stmt.query_map([], |r| r.get(0))
            .expect("networks")
            .map(|r| r.expect("id"))
            .collect()
    };
    let mut number: i64 = tx
        .query_row(
            "SELECT coalesce(max(number), 0) FROM donations WHERE fiscal_year = 2569",
            [],
            |r| r.get(0),
        )
        .expect("max");
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO donations (fiscal_year, number, received_on, month, kind, amount,
                     item, donor_name, donor_kind, anonymous, purpose, network_id, source,
                     recorded_by_id, recorded_by_name, recorded_at)
                 VALUES (2569, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'staff', 11,
                     'สมศรี ใจดี', ?12)",
            )
            .expect("insert");
        for i in from..from + count {
            number += 1;
            let day = day_of(i);
            let goods = i % 7 == 0;
            let anonymous = i % 10 == 0;
            let purpose = ["scholarship", "school", "office"][i % 3];
            insert
                .execute(params![
                    number,
                    day.format("%Y-%m-%d").to_string(),
                    format!("{:04}-{:02}", day.year(), day.month()),
                    if goods { "goods" } else { "money" },
                    ((100 + (i * 37) % 50_000) * 100 + 50) as i64,
                    goods.then_some("อุปกรณ์การเรียน"),
                    if anonymous {
                        "ไม่ประสงค์ออกนาม".to_string()
                    } else {
                        format!("ผู้บริจาค {}", i % DONORS)
                    },
                    if i % 5 == 0 { "company" } else { "person" },
                    anonymous,
                    purpose,
                    network_ids[i % network_ids.len()],
                    day.format("%Y-%m-%dT09:00:00+07:00").to_string(),
                ])
                .expect("row");
        }
    }
    tx.commit().expect("commit");
}
