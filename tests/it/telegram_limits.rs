//! Telegram's send limits with the Throttle adaptor on (the default): a burst of replies to
//! many chats, many replies to one group and a morning's reminders to every group reach
//! Telegram without one limit violation and without one message lost or doubled.

use std::time::Duration;

use crate::support::app::*;
use crate::support::fake_telegram::{Chat, User};
use crate::support::harness::*;

/// Confirmations sent to the staff group, also those sent several to a message when the
/// group's messages were owed faster than Telegram lets them through.
fn confirmations(app: &TestApp) -> usize {
    let texts = app.tg.sent_texts(STAFF_GROUP);
    texts
        .iter()
        .map(|t| t.matches("บันทึกกำหนดการแล้ว").count())
        .sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bursts_and_a_reminder_morning_keep_every_limit_and_lose_nothing() {
    const PEOPLE: i64 = 60;
    const DEADLINES: usize = 12;
    let mut app = spawn_app().await;
    let staff = Person::staff();

    // Twelve deadlines typed in quick succession: twelve confirmations to one group, which
    // Telegram allows at one a second.
    let audiences = ["บุคลากร", "ผู้บริหาร", "เจ้าหน้าที่รับเรื่อง", "ทั้งหมด"];
    for i in 0..DEADLINES {
        let text = format!(
            "เพิ่มกำหนดการ 16 มิ.ย. 2569 งานที่ {i} ท้าย แจ้ง {}",
            audiences[i % audiences.len()]
        );
        app.tg.push_text(&staff_chat(), &user(&staff), &text);
    }
    // Sixty people start the bot at the same moment: more than the 30 messages a second
    // Telegram allows in all.
    for n in 0..PEOPLE {
        let person = User::new(7_000 + n, "ผู้ปกครอง");
        app.tg.push_text(&Chat::private(&person), &person, "/start");
    }
    // Each deadline for another group is announced there once (six to the principals, three
    // to the officers); they are all out before the morning, so none shares a message with
    // a reminder.
    let announcements = |app: &TestApp| -> usize {
        [PRINCIPALS_GROUP, OFFICERS_GROUP]
            .iter()
            .flat_map(|group| app.tg.sent_texts(*group))
            .map(|t| t.matches("กำหนดการใหม่สำหรับกลุ่มนี้").count())
            .sum()
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(90);
    while confirmations(&app) < DEADLINES
        || announcements(&app) < 9
        || app.tg.chats_answered(7_000..7_000 + PEOPLE) < PEOPLE as usize
    {
        assert!(
            std::time::Instant::now() < deadline,
            "replies still missing"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // The morning of the due day: every group is reminded. Confirmations and announcements
    // name the deadlines too, so they are not counted as reminders.
    let reminders = |group: i64| -> Vec<String> {
        app.tg
            .sent_texts(group)
            .into_iter()
            .filter(|t| !t.contains("บันทึกกำหนดการแล้ว") && !t.contains("กำหนดการใหม่สำหรับกลุ่มนี้"))
            .collect()
    };
    app.clock.set(bangkok(2026, 6, 16, 8, 30));
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while [STAFF_GROUP, PRINCIPALS_GROUP, OFFICERS_GROUP]
        .iter()
        .any(|group| reminders(*group).is_empty())
    {
        assert!(std::time::Instant::now() < deadline, "reminders missing");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;

    let violations = app.tg.rate_violations();
    assert!(violations.is_empty(), "{violations:#?}");
    for n in 0..PEOPLE {
        assert_eq!(
            app.tg.sent_texts(7_000 + n).len(),
            1,
            "person {n}: one answer"
        );
    }
    assert_eq!(confirmations(&app), DEADLINES, "each confirmation once");
    for i in 0..DEADLINES {
        let title = format!("งานที่ {i} ท้าย");
        let groups: &[i64] = match i % audiences.len() {
            0 => &[STAFF_GROUP],
            1 => &[PRINCIPALS_GROUP],
            2 => &[OFFICERS_GROUP],
            _ => &[STAFF_GROUP, PRINCIPALS_GROUP],
        };
        for group in [STAFF_GROUP, PRINCIPALS_GROUP, OFFICERS_GROUP] {
            let times = reminders(group)
                .iter()
                .filter(|t| t.contains(&title))
                .count();
            let expected = usize::from(groups.contains(&group));
            assert_eq!(times, expected, "deadline {i} in group {group}");
        }
    }
    app.stop().await;
}

/// The office has three groups, so no reminder of its own reaches fifty; this is the send
/// path a reminder broadcast takes (outbox rows committed together, sent by the sweeper
/// through the Throttle adaptor) carrying one to each of fifty groups, with Telegram
/// answering "retry after" in between.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broadcast_to_fifty_groups_keeps_every_limit_and_loses_nothing() {
    use khetbot::core::{Clock, Effect, OutMessage, Persist, outbox};

    const GROUPS: i64 = 50;
    let mut app = spawn_app().await;
    let group = |n: i64| -200_000 - n;
    let text = |n: i64| format!("แจ้งเตือนเครือข่าย {n}: กำหนดส่งรายงานพรุ่งนี้");
    app.tg.fail_next("sendMessage", 3, 1);

    let broadcast: Vec<(Effect, Persist)> = (1..=GROUPS)
        .map(|n| {
            let effect = Effect::Send {
                chat_id: group(n),
                message: OutMessage::text(text(n)),
            };
            (effect, Persist::Outbox)
        })
        .collect();
    let mut conn = rusqlite::Connection::open(app.dir.path().join("bot.sqlite3")).unwrap();
    conn.busy_timeout(Duration::from_secs(5)).unwrap();
    let tx = conn.transaction().unwrap();
    outbox::persist(&tx, broadcast, app.clock.now()).unwrap();
    tx.commit().unwrap();

    let deadline = std::time::Instant::now() + Duration::from_secs(90);
    while (1..=GROUPS).any(|n| app.tg.sent_texts(group(n)).is_empty()) {
        assert!(
            std::time::Instant::now() < deadline,
            "messages still missing"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // A repeat would come with the next sweeps.
    tokio::time::sleep(Duration::from_secs(3)).await;

    let violations = app.tg.rate_violations();
    assert!(violations.is_empty(), "{violations:#?}");
    for n in 1..=GROUPS {
        assert_eq!(
            app.tg.sent_texts(group(n)),
            vec![text(n)],
            "group {n}: once"
        );
    }
    assert_eq!(
        app.tg.count_of("sendMessage"),
        GROUPS as usize + 3,
        "the three sends refused with 429 were each tried again, and nothing else"
    );
    app.stop().await;
}
