//! Complaints at scale (a benchmark, not a test).
//!
//! 1. How long one tracking-code verification takes (the Argon2id cost).
//! 2. 100,000 cases (half anonymous, spread over two fiscal years, a tenth still open) put
//!    straight into the register, then the officers' and filers' commands through the real
//!    core: `เรื่องค้าง`, `สรุปเรื่องร้องเรียน`, `ดูเรื่อง`, `ติดตาม <เลขเรื่อง>` and
//!    `ติดตาม <รหัส>`.
//!
//! `cargo bench --bench complaints` runs 100,000 cases; `cargo bench --bench complaints --
//! 20000` another count.

#[path = "../tests/it/support/harness.rs"]
mod harness;

use std::time::{Duration, Instant};

use harness::{Harness, Person, Place};
use khetbot::complaints::code;

const ROUNDS: usize = 20;

fn main() {
    let count: i64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let fresh = code::generate().expect("randomness");
    let started = Instant::now();
    for _ in 0..10 {
        assert!(code::verify(
            &fresh.digits,
            &fresh.salt,
            &fresh.hash,
            fresh.cost
        ));
    }
    println!(
        "tracking code verification ({}): {:?} each",
        fresh.cost.encode(),
        started.elapsed() / 10
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run(count, fresh));
}

/// Cases straight into the table (the same rows `ร้องเรียน` writes), in one transaction.
/// Anonymous cases share one salted hash that no code but `known` matches, so a lookup pays
/// one Argon2 verification per anonymous case in the code's bucket, as it would for real.
fn fill(h: &Harness, count: i64, known: &code::NewCode) {
    let mut conn = rusqlite::Connection::open(h.db_path()).expect("database");
    let tx = conn.transaction().expect("transaction");
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO complaint_cases (kind, fiscal_year, seq, category, anonymous,
                     filer_user_id, filer_chat_id, filer_contact, place, body, filed_on, ack_due,
                     result_due, status, code_bucket, code_salt, code_hash, code_cost)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, NULL, ?8, ?9, ?9, ?10, ?11, ?12, ?13,
                         ?14, ?15)",
            )
            .expect("insert");
        let other = code::generate().expect("randomness");
        let categories = ["unfair", "help", "tipoff", "personnel", "other"];
        let statuses = [
            "closed",
            "closed",
            "closed",
            "closed",
            "closed",
            "closed",
            "closed",
            "closed",
            "in_progress",
            "new",
        ];
        for i in 0..count {
            let anonymous = i % 2 == 0;
            let (fiscal_year, filed) = filed_on(i);
            let is_known = i == count - 2;
            let (bucket, salt, hash) = if !anonymous {
                (None, None, None)
            } else if is_known {
                (
                    Some(known.bucket),
                    Some(known.salt.clone()),
                    Some(known.hash.clone()),
                )
            } else {
                (
                    Some(4096 + (i / 2) % 65_536),
                    Some(other.salt.clone()),
                    Some(other.hash.clone()),
                )
            };
            insert
                .execute(rusqlite::params![
                    "complaint",
                    fiscal_year,
                    i + 1,
                    categories[(i % 5) as usize],
                    anonymous,
                    (!anonymous).then_some(100_000 + i),
                    (!anonymous).then_some("ผู้ร้อง"),
                    "เรื่องทดสอบความเร็ว ".repeat(10),
                    filed.to_string(),
                    filed.to_string(),
                    statuses[(i % 10) as usize],
                    bucket,
                    salt,
                    hash,
                    anonymous.then(|| known.cost.encode()),
                ])
                .expect("a case");
        }
    }
    tx.commit().expect("commit");
}

/// Filing days spread over two fiscal years (October 2567 to September 2569).
fn filed_on(i: i64) -> (i32, chrono::NaiveDate) {
    let first = chrono::NaiveDate::from_ymd_opt(2024, 10, 1).expect("a date");
    let day = first + chrono::Duration::days(i % 730);
    (khetbot::thai::fiscal_year(day), day)
}

async fn time(h: &Harness, who: &Person, place: Place, text: &str) -> (Duration, Duration) {
    let mut all = Vec::new();
    for _ in 0..ROUNDS {
        let started = Instant::now();
        let sent = h.send(who, place, text).await;
        all.push(started.elapsed());
        assert!(!sent.is_empty(), "{text}: no answer");
    }
    all.sort();
    (all[ROUNDS / 2], all[ROUNDS - 1])
}

async fn run(count: i64, known: code::NewCode) {
    let h = Harness::new().await;
    let started = Instant::now();
    fill(&h, count, &known);
    println!("{count} cases written in {:?}", started.elapsed());
    let officer = Person::officer();
    let public = Person::public();
    let last = count - 1;
    let last_case = format!("ร-{}-{:04}", filed_on(last).0, last + 1);
    let commands = [
        (&officer, Place::Officers, "เรื่องค้าง".to_string()),
        (&officer, Place::Officers, "สรุปเรื่องร้องเรียน".to_string()),
        (
            &officer,
            Place::Officers,
            "สรุปเรื่องร้องเรียน ปีงบ 2568".to_string(),
        ),
        (&officer, Place::Officers, format!("ดูเรื่อง {last_case}")),
        (
            &public,
            Place::Private,
            format!("ติดตาม {}", code::display(&known.digits)),
        ),
    ];
    println!("| command ({count} cases) | median | slowest of {ROUNDS} |");
    println!("| --- | ---: | ---: |");
    for (who, place, text) in commands {
        let (median, slowest) = time(&h, who, place, &text).await;
        println!("| `{text}` | {median:.1?} | {slowest:.1?} |");
    }
}
