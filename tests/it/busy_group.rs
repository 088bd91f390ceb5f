//! A busy group, a stop and a restart with Telegram's limits kept (the default pacing on),
//! against the fake Bot API. Assertions are about the order and count of sends, never about
//! how long something took (that is `cargo bench --bench load`).

use std::time::Duration;

use crate::receipt_summaries::numbers_reported;
use crate::reliability::{register_staff_group, staff_group, start_bot_with};
use crate::support::app::*;
use crate::support::fake_telegram::{Chat, FakeTelegram, User};
use crate::support::harness::*;
use crate::support::process::{signal, wait_until};

fn donation_line(i: usize) -> String {
    format!("บริจาค {} บาท จาก ผู้บริจาคลำดับ{i}ท้าย เพื่อ ทุนการศึกษา", 100 + i)
}

/// `lines` donation lines pasted into the staff group at once.
pub fn flood_staff_group(app: &TestApp, lines: usize) {
    let staff = user(&Person::staff());
    let flood: Vec<_> = (0..lines)
        .map(|i| app.tg.text_update(&staff_chat(), &staff, &donation_line(i)))
        .collect();
    app.tg.push_updates(flood);
}

/// How many records the group's messages reported, as whole proofs or in summaries.
fn receipts_reported(tg: &FakeTelegram, group: i64) -> usize {
    numbers_reported(&tg.sent_texts(group)).len()
}

fn donations_in(db: &std::path::Path) -> i64 {
    rusqlite::Connection::open(db)
        .and_then(|c| c.query_row("SELECT count(*) FROM donations", [], |r| r.get(0)))
        .unwrap_or(0)
}

/// The group pastes 150 donation lines, then 30 people ask in private chats. Telegram lets
/// 20 messages a minute into the group, so its receipts take minutes; the private answers
/// must not wait for them, nor the recording of the donations.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flooded_group_holds_neither_private_replies_nor_the_recording() {
    const LINES: usize = 150;
    const PEOPLE: i64 = 30;
    let mut app = spawn_app().await;
    flood_staff_group(&app, LINES);
    let questions: Vec<_> = (0..PEOPLE)
        .map(|n| {
            let person = User::new(7_000 + n, "ผู้ปกครอง");
            app.tg
                .text_update(&Chat::private(&person), &person, "/start")
        })
        .collect();
    app.tg.push_updates(questions);

    wait_until("every private question answered", || {
        app.tg.chats_answered(7_000..7_000 + PEOPLE) == PEOPLE as usize
    })
    .await;
    let group_messages = app.tg.sent_texts(STAFF_GROUP).len();
    assert!(
        group_messages < 20,
        "the private chats waited for {group_messages} group messages"
    );
    let db = app.dir.path().join("bot.sqlite3");
    wait_until("every donation recorded", || {
        donations_in(&db) == LINES as i64
    })
    .await;
    let group_messages = app.tg.sent_texts(STAFF_GROUP).len();
    assert!(
        group_messages < 20,
        "the recording waited for {group_messages} group messages"
    );
    let violations = app.tg.rate_violations();
    assert!(violations.is_empty(), "{violations:#?}");
    app.stop().await;
}

/// Thirty people start the bot at once (Telegram's limit for a second) and the bot is
/// restarted as soon as they are answered; thirty more start it right after the restart.
/// The new process knows the old one's sends and keeps to the limit across the restart.
/// Each is answered once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pacer_keeps_the_limits_across_a_restart() {
    const PEOPLE: i64 = 30;
    let mut app = spawn_app().await;
    let starts = |app: &TestApp, first: i64| -> Vec<_> {
        (first..first + PEOPLE)
            .map(|id| {
                let person = User::new(id, "ผู้ปกครอง");
                app.tg
                    .text_update(&Chat::private(&person), &person, "/start")
            })
            .collect()
    };
    app.tg.push_updates(starts(&app, 7_000));
    wait_until("the first thirty answers", || {
        app.tg.chats_answered(7_000..7_000 + PEOPLE) == PEOPLE as usize
    })
    .await;
    app.restart().await;
    app.tg.push_updates(starts(&app, 8_000));
    wait_until("every answer", || {
        app.tg.chats_answered(8_000..8_000 + PEOPLE) == PEOPLE as usize
    })
    .await;
    // A repeat would come with the next sweeps.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let violations = app.tg.rate_violations();
    assert!(violations.is_empty(), "{violations:#?}");
    for id in (7_000..7_000 + PEOPLE).chain(8_000..8_000 + PEOPLE) {
        assert_eq!(app.tg.sent_texts(id).len(), 1, "person {id}");
    }
    app.stop().await;
}

/// A send is logged with the time the store writes it: the message leaves only after the log,
/// and a store busy with other work (a burst of updates at a start) can hold the log for a
/// while. Logged with the time it was asked for, such a send looked older than it was to the
/// next process, whose pacer then let more than thirty messages out within a second after a
/// restart (`the_pacer_keeps_the_limits_across_a_restart`, now and then).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_send_held_up_by_a_busy_store_is_logged_when_it_leaves() {
    let h = Harness::new().await;
    let asked = khetbot::core::outbox::unix_ms(std::time::SystemTime::now());
    let store = h.core.store().clone();
    let busy = tokio::spawn(async move {
        store
            .run(|_, _| {
                std::thread::sleep(Duration::from_millis(300));
                Ok::<_, ()>(())
            })
            .await
    });
    // The busy job is the store's before the log is asked for.
    tokio::time::sleep(Duration::from_millis(50)).await;
    let logged = h.core.log_send(-1001).await.unwrap();
    busy.await.unwrap().unwrap().unwrap();
    assert!(
        logged >= asked + 250,
        "logged {} ms after it was asked for",
        logged - asked
    );
    let since = h.core.sends_since(asked).await.unwrap();
    assert_eq!(since, vec![(-1001, logged)]);
}

/// SIGTERM to the real binary while a flooded group's receipts trickle out at 20 a minute:
/// it stops fetching, leaves what it owes in the store and exits at once (the bound here is
/// generous; the figure is in the benchmark). The next start records whatever was not yet
/// recorded and sends what is owed; nothing is lost or recorded twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_with_a_flooded_group_exits_promptly_and_the_next_start_resumes() {
    const LINES: usize = 300;
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bot.sqlite3");
    let paced = [("KHETBOT_THROTTLE", "on")];
    let mut bot = start_bot_with(&tg, &db, &paced);
    wait_until("polling", || tg.get_updates_calls() > 0).await;
    register_staff_group(&tg).await;
    let staff = User::new(11, "สมศรี");
    let flood: Vec<_> = (0..LINES)
        .map(|i| tg.text_update(&staff_group(), &staff, &donation_line(i)))
        .collect();
    tg.push_updates(flood);
    // Receipts sent, summarized or not.
    let receipts = |tg: &FakeTelegram| receipts_reported(tg, staff_group().id);
    wait_until("the first receipt", || receipts(&tg) >= 1).await;

    let asked = std::time::Instant::now();
    signal(&bot, "TERM");
    let status = loop {
        if let Some(status) = bot.try_wait().unwrap() {
            break status;
        }
        assert!(
            asked.elapsed() < Duration::from_secs(15),
            "still running 15 s after SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    };
    assert!(status.success(), "exit status {status:?}");
    let wal = db.with_extension("sqlite3-wal");
    let wal_bytes = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    assert_eq!(wal_bytes, 0, "the write-ahead log was checkpointed");
    let sent_before = receipts(&tg);
    assert!(
        sent_before < LINES,
        "the stop came too late to prove anything"
    );

    let mut bot = start_bot_with(&tg, &db, &paced);
    wait_until("every donation recorded", || {
        let n = donations_in(&db);
        assert!(n <= LINES as i64, "{n} donations recorded: some twice");
        n == LINES as i64
    })
    .await;
    wait_until("the owed receipts resuming", || receipts(&tg) > sent_before).await;
    signal(&bot, "TERM");
    assert!(bot.wait().unwrap().success());
    // Every receipt is either sent or still owed in the outbox: none lost.
    let owed: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM outbox WHERE chat_id = ?1",
            [staff_group().id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(receipts(&tg) as i64 + owed, LINES as i64);
    let violations = tg.rate_violations();
    assert!(violations.is_empty(), "{violations:#?}");
}

/// Telegram has no idempotency key, so a message it accepted just before a crash, whose
/// acknowledgement the crash took, is sent again: that is the floor. The lanes keep it
/// there: killed (SIGKILL) at several points while 20 chats are owed 10 messages each, the
/// bot repeats per kill at most the one message that was in flight in each chat (the
/// chat's last before the kill, sent again first), never another, and loses none.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_while_lanes_send_repeats_at_most_the_message_in_flight_per_chat() {
    use khetbot::core::{Effect, OutMessage, Persist, outbox};

    const CHATS: i64 = 20;
    const EACH: i64 = 10;
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bot.sqlite3");
    let paced = [("KHETBOT_THROTTLE", "on")];
    let mut bot = start_bot_with(&tg, &db, &paced);
    wait_until("polling", || tg.get_updates_calls() > 0).await;
    let chat = |n: i64| 30_000 + n;
    let text = |n: i64, k: i64| format!("แจ้งเตือนถึงแชท {n} ฉบับที่ {k}");
    let owed: Vec<(Effect, Persist)> = (0..EACH)
        .flat_map(|k| (0..CHATS).map(move |n| (n, k)))
        .map(|(n, k)| {
            let message = OutMessage::text(text(n, k));
            let effect = Effect::Send {
                chat_id: chat(n),
                message,
            };
            (effect, Persist::Outbox)
        })
        .collect();
    {
        let mut conn = rusqlite::Connection::open(&db).unwrap();
        conn.busy_timeout(Duration::from_secs(5)).unwrap();
        let tx = conn.transaction().unwrap();
        outbox::persist(&tx, owed, chrono::Utc::now()).unwrap();
        tx.commit().unwrap();
    }
    let delivered =
        |tg: &FakeTelegram| -> usize { (0..CHATS).map(|n| tg.sent_texts(chat(n)).len()).sum() };
    // Per kill, how many messages each chat had received when the process died.
    let mut at_kills: Vec<Vec<usize>> = Vec::new();
    for kill_after in [15, 70, 130] {
        wait_until("sends before the kill", || delivered(&tg) >= kill_after).await;
        bot.kill().unwrap();
        bot.wait().unwrap();
        // A request the process wrote just before it died may still be in the fake's
        // socket: let the fake take it before counting.
        tokio::time::sleep(Duration::from_millis(300)).await;
        at_kills.push((0..CHATS).map(|n| tg.sent_texts(chat(n)).len()).collect());
        bot = start_bot_with(&tg, &db, &paced);
    }
    wait_until("every message", || {
        (0..CHATS).all(|n| {
            let texts = tg.sent_texts(chat(n));
            (0..EACH).all(|k| texts.contains(&text(n, k)))
        })
    })
    .await;
    // A repeat would come with the next sweeps.
    tokio::time::sleep(Duration::from_secs(2)).await;
    signal(&bot, "TERM");
    assert!(bot.wait().unwrap().success());

    let mut repeats = vec![0; at_kills.len()];
    for n in 0..CHATS {
        let texts = tg.sent_texts(chat(n));
        for (position, sent) in texts.iter().enumerate() {
            let Some(first) = texts.iter().position(|t| t == sent) else {
                continue;
            };
            if first == position {
                continue;
            }
            // A repeat: of the message just before it, first sent after a kill.
            assert_eq!(
                first + 1,
                position,
                "chat {n}: {sent:?} repeated later: {texts:#?}"
            );
            let kill = at_kills
                .iter()
                .position(|counts| counts[n as usize] == position)
                .unwrap_or_else(|| panic!("chat {n}: {sent:?} repeated with no kill before it"));
            repeats[kill] += 1;
        }
        let expected: Vec<String> = (0..EACH).map(|k| text(n, k)).collect();
        let mut in_order = texts.clone();
        in_order.dedup();
        assert_eq!(in_order, expected, "chat {n}: in order, none lost");
    }
    for (kill, repeated) in repeats.iter().enumerate() {
        assert!(
            *repeated <= CHATS as usize,
            "kill {kill}: {repeated} repeats, more than the {CHATS} chats in flight"
        );
    }
    let violations = tg.rate_violations();
    assert!(violations.is_empty(), "{violations:#?}");
}
