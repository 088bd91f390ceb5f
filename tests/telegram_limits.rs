//! Telegram's send limits with the Throttle adaptor on (the default): a burst of replies to
//! many chats, many replies to one group and a morning's reminders to every group reach
//! Telegram without one limit violation and without one message lost or doubled.

mod support;

use std::time::Duration;

use support::app::*;
use support::fake_telegram::{Chat, User};
use support::harness::*;

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
    let deadline = std::time::Instant::now() + Duration::from_secs(90);
    while app.tg.count_sent_containing(STAFF_GROUP, "บันทึกกำหนดการแล้ว") < DEADLINES
        || app.tg.chats_answered(7_000..7_000 + PEOPLE) < PEOPLE as usize
    {
        assert!(
            std::time::Instant::now() < deadline,
            "replies still missing"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // The morning of the due day: every group is reminded.
    app.clock.set(bangkok(2026, 6, 16, 8, 30));
    for group in [STAFF_GROUP, PRINCIPALS_GROUP, OFFICERS_GROUP] {
        app.wait_for_text(group, "งานที่").await;
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
    assert_eq!(
        app.tg.count_sent_containing(STAFF_GROUP, "บันทึกกำหนดการแล้ว"),
        DEADLINES,
        "each confirmation once"
    );
    // Every deadline is in its groups' reminders exactly once.
    let reminders = |group: i64| -> Vec<String> {
        app.tg
            .sent_texts(group)
            .into_iter()
            .filter(|t| !t.contains("บันทึกกำหนดการแล้ว"))
            .collect()
    };
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
