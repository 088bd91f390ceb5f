//! Crash safety and graceful stop of the real binary against the fake Bot API.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::fake_telegram::{Chat, FakeTelegram, User};
use crate::support::process::{BotProcess, WAIT, signal, wait_until};

fn start_bot(tg: &FakeTelegram, db: &std::path::Path) -> BotProcess {
    start_bot_with(tg, db, &[])
}

/// The real binary with `env` set on top of the defaults below (which it may override).
pub fn start_bot_with(tg: &FakeTelegram, db: &std::path::Path, env: &[(&str, &str)]) -> BotProcess {
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
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("khetbot starts"),
    )
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

pub fn staff_group() -> Chat {
    Chat::group(-100_001, "บุคลากร")
}

/// Registers the staff group as the admin (user 1) would.
pub async fn register_staff_group(tg: &FakeTelegram) {
    tg.push_text(&staff_group(), &User::new(1, "ผู้ดูแล"), "/setgroup staff");
    tg.wait_for_text(-100_001, "ลงทะเบียนกลุ่มนี้", WAIT).await;
}

/// An idle bot long-polls; each poll must end on Telegram's side before the bot's HTTP client
/// gives up (17 s in teloxide), or every idle poll fails, the bot backs off longer and longer,
/// and a message sent after a quiet spell waits for the back-off.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_bot_keeps_polling_without_failures_and_answers_at_once_after() {
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut bot = start_bot(&tg, &dir.path().join("bot.sqlite3"));
    wait_until("polling", || tg.get_updates_calls() > 0).await;
    tokio::time::sleep(Duration::from_secs(19)).await;
    assert_eq!(tg.abandoned_polls(), 0, "the bot gave up on a long poll");
    let public = User::new(77, "ผู้ปกครอง");
    tg.push_text(&Chat::private(&public), &public, "/start");
    let asked = Instant::now();
    wait_until("the answer after a quiet spell", || {
        !tg.sent_texts(77).is_empty()
    })
    .await;
    assert!(
        asked.elapsed() < Duration::from_secs(2),
        "answered after {:?}",
        asked.elapsed()
    );
    signal(&bot, "TERM");
    assert!(bot.wait().unwrap().success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_in_a_burst_of_500_donations_loses_nothing_and_repeats_nothing() {
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bot.sqlite3");
    let mut bot = start_bot(&tg, &db);
    wait_until("polling", || tg.get_updates_calls() > 0).await;
    register_staff_group(&tg).await;

    let staff = User::new(11, "สมศรี");
    for i in 0..500 {
        let text = format!("บริจาค {} บาท จาก ผู้บริจาคลำดับ{i}ท้าย เพื่อ ทุนการศึกษา", 100 + i);
        tg.push_text(&staff_group(), &staff, &text);
    }
    let receipts = |tg: &FakeTelegram| tg.count_sent_containing(-100_001, "เลขที่");
    wait_until("a hundred receipts", || receipts(&tg) >= 100).await;
    bot.kill().unwrap();
    bot.wait().unwrap();
    let at_kill = receipts(&tg);
    assert!(
        at_kill < 500,
        "the kill came too late to prove anything ({at_kill} receipts)"
    );

    let mut bot = start_bot(&tg, &db);
    let count = || {
        rusqlite::Connection::open(&db)
            .and_then(|c| c.query_row("SELECT count(*) FROM donations", [], |r| r.get::<_, i64>(0)))
            .unwrap_or(0)
    };
    wait_until("all 500 donations", || {
        let n = count();
        assert!(n <= 500, "{n} donations recorded: some twice");
        n == 500
    })
    .await;
    // Counting messages is not enough here: the one repeat allowed would make 500 of them
    // before the last receipt went out.
    let fiscal_year: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT fiscal_year FROM donations LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    let receipt_of = |number: i64| format!("<b>{number}/{fiscal_year}</b>");
    wait_until("a receipt for each", || {
        let texts = tg.sent_texts(-100_001);
        (1..=500).all(|number| texts.iter().any(|t| t.contains(&receipt_of(number))))
    })
    .await;
    signal(&bot, "TERM");
    assert!(bot.wait().unwrap().success());

    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let mut rows = conn
        .prepare("SELECT fiscal_year, number, donor_name FROM donations ORDER BY number")
        .unwrap();
    let rows: Vec<(i64, i64, String)> = rows
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 500, "every donation exactly once");
    let numbers: Vec<i64> = rows.iter().map(|r| r.1).collect();
    assert_eq!(
        numbers,
        (1..=500).collect::<Vec<_>>(),
        "running numbers are gap-free"
    );
    let donors: std::collections::HashSet<&str> = rows.iter().map(|r| r.2.as_str()).collect();
    assert_eq!(donors.len(), 500, "no donor recorded twice");
    assert!(rows.iter().all(|row| row.0 == fiscal_year));
    let texts = tg.sent_texts(-100_001);
    let mut repeated = 0;
    for number in 1..=500 {
        let replies = texts
            .iter()
            .filter(|t| t.contains(&receipt_of(number)))
            .count();
        assert!(replies >= 1, "no receipt was sent for number {number}");
        repeated += replies - 1;
    }
    // Only a send in flight at the instant of the kill may be repeated.
    assert!(repeated <= 1, "{repeated} receipts were sent twice");
}

const GROUPS: [(i64, &str, &str); 3] = [
    (-100_001, "บุคลากร", "staff"),
    (-100_002, "ผู้บริหาร", "principals"),
    (-100_003, "เจ้าหน้าที่รับเรื่อง", "officers"),
];

/// The reminder texts each group has received since `before` (texts per group at that time).
fn reminder_texts(tg: &FakeTelegram, before: &[usize; 3]) -> Vec<String> {
    GROUPS
        .iter()
        .zip(before)
        .flat_map(|((id, _, _), skip)| tg.sent_texts(*id).into_iter().skip(*skip))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_while_reminders_go_out_loses_none_and_repeats_at_most_the_one_in_flight() {
    const DEADLINES: usize = 90;
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bot.sqlite3");
    // Reminders are owed from midnight, so a deadline due tomorrow owes its "1 day before"
    // reminder today.
    // Every day, so that the test does not hang on the real calendar (reminders go out on
    // working days only by default).
    let env = [
        ("KHETBOT_REMINDER_TIME", "00:00"),
        ("KHETBOT_REMIND_ON_DAYS_OFF", "on"),
    ];
    let mut bot = start_bot_with(&tg, &db, &env);
    wait_until("polling", || tg.get_updates_calls() > 0).await;
    let admin = User::new(1, "ผู้ดูแล");
    for (id, title, role) in GROUPS {
        tg.push_text(
            &Chat::group(id, title),
            &admin,
            &format!("/setgroup {role}"),
        );
        tg.wait_for_text(id, "ลงทะเบียนกลุ่มนี้", WAIT).await;
    }
    let tomorrow =
        (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive() + chrono::Duration::days(1);
    let due = khetbot::thai::format_date(tomorrow);
    let staff = User::new(11, "สมศรี");
    let audiences = ["บุคลากร", "ผู้บริหาร", "เจ้าหน้าที่รับเรื่อง"];
    for i in 0..DEADLINES {
        let text = format!(
            "เพิ่มกำหนดการ {due} งานทดสอบที่ {i} ท้าย แจ้ง {}",
            audiences[i % 3]
        );
        tg.push_text(&staff_group(), &staff, &text);
    }
    wait_until("every deadline recorded", || {
        tg.count_sent_containing(-100_001, "บันทึกกำหนดการแล้ว") >= DEADLINES
    })
    .await;
    signal(&bot, "TERM");
    assert!(bot.wait().unwrap().success());

    // Their reminder time comes a few at a time over the next seconds (three per group per
    // second, so most go out one by one rather than as a digest).
    let conn = rusqlite::Connection::open(&db).unwrap();
    let moved = conn
        .execute(
            "UPDATE calendar_deadlines
             SET next_reminder_at = CAST(strftime('%s', 'now') AS INTEGER) + 2 + (id - 1) / 9",
            [],
        )
        .unwrap();
    assert_eq!(moved, DEADLINES);
    drop(conn);
    let before: [usize; 3] = GROUPS.map(|(id, _, _)| tg.sent_texts(id).len());
    let covered = |tg: &FakeTelegram| {
        let texts = reminder_texts(tg, &before);
        (0..DEADLINES)
            .filter(|i| {
                let title = format!("งานทดสอบที่ {i} ท้าย");
                texts.iter().any(|t| t.contains(&title))
            })
            .count()
    };

    let mut bot = start_bot_with(&tg, &db, &env);
    wait_until("a third of the reminders", || covered(&tg) >= DEADLINES / 3).await;
    bot.kill().unwrap();
    bot.wait().unwrap();
    let at_kill = covered(&tg);
    assert!(
        at_kill < DEADLINES,
        "the kill came too late to prove anything ({at_kill} reminded)"
    );

    let mut bot = start_bot_with(&tg, &db, &env);
    wait_until("every reminder", || covered(&tg) == DEADLINES).await;
    // Later ticks send nothing more.
    tokio::time::sleep(Duration::from_secs(3)).await;
    signal(&bot, "TERM");
    assert!(bot.wait().unwrap().success());

    let texts = reminder_texts(&tg, &before);
    for i in 0..DEADLINES {
        let title = format!("งานทดสอบที่ {i} ท้าย");
        let messages = texts.iter().filter(|t| t.contains(&title)).count();
        assert!(messages >= 1, "no reminder for deadline {i}");
    }
    let mut repeated: Vec<&String> = texts
        .iter()
        .filter(|t| texts.iter().filter(|other| other == t).count() > 1)
        .collect();
    repeated.sort();
    repeated.dedup();
    // Each group's lane sends side by side with the others: at the kill, at most one message
    // per group was in flight.
    assert!(
        repeated.len() <= GROUPS.len(),
        "only the message in flight in each group at the kill may be repeated: {repeated:#?}"
    );
    for (id, _, _) in GROUPS {
        let texts = tg.sent_texts(id);
        let twice = texts
            .iter()
            .filter(|t| texts.iter().filter(|other| other == t).count() > 1)
            .count();
        assert!(twice <= 2, "group {id}: more than one message repeated");
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}
