//! A card that changes while it waits in a busy group's lane (issue 17: the group's messages
//! owed faster than Telegram lets through) must not stay as it was first written: once it is
//! posted, an edit brings it to the state it has now. End to end against the fake Bot API,
//! limits on.

use crate::cards_e2e::{messages_with, press_on};
use crate::support::app::*;
use crate::support::harness::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_case_card_changed_while_it_waits_in_the_groups_lane_is_brought_up_to_date() {
    let mut app = spawn_app().await;
    let filer = Person::public();
    let chat = private_chat(&filer);
    app.tg.push_text(&chat, &user(&filer), "/complain");
    press_on(
        &app,
        &chat,
        &filer,
        "เลือกประเภทเรื่อง",
        "complaints:cat:tipoff",
    )
    .await;
    press_on(
        &app,
        &chat,
        &filer,
        "ต้องการระบุตัวตนหรือไม่",
        "complaints:id:anon",
    )
    .await;
    app.wait_for_text(filer.id, "เล่ารายละเอียด").await;
    app.tg
        .push_text(&chat, &user(&filer), "ครูเวรปิดประตูโรงเรียนก่อนเวลาทุกวัน");
    press_on(
        &app,
        &chat,
        &filer,
        "ข้อความ 1 ข้อความ",
        "complaints:account_done",
    )
    .await;
    press_on(
        &app,
        &chat,
        &filer,
        "ระบุโรงเรียนหรือสถานที่",
        "complaints:place:skip",
    )
    .await;
    app.wait_for_text(filer.id, "ตรวจสอบก่อนส่ง").await;
    let check = messages_with(&app, filer.id, "ตรวจสอบก่อนส่ง")[0]["message_id"]
        .as_i64()
        .unwrap();

    // The officers' group is busy when the case is filed: its card waits in the lane.
    let officer = Person::officer();
    let mut updates: Vec<_> = (0..6)
        .map(|_| {
            app.tg
                .text_update(&officers_chat(), &user(&officer), "/lang th")
        })
        .collect();
    updates.push(
        app.tg
            .callback_update(&chat, &user(&filer), check, "complaints:confirm"),
    );
    app.tg.push_updates(updates);
    app.wait_for_text(filer.id, "รหัสติดตามของคุณ").await;
    // Taken up before the card has gone out.
    app.tg.push_text(
        &officers_chat(),
        &user(&officer),
        "สถานะ ร-2569-0001 กำลังดำเนินการ",
    );

    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let cards: Vec<String> = messages_with(&app, OFFICERS_GROUP, "ร-2569-0001")
            .into_iter()
            .filter_map(|m| m["text"].as_str().map(str::to_owned))
            .filter(|t| t.contains("📋"))
            .collect();
        if !cards.is_empty() && cards.iter().all(|t| t.contains("สถานะ: กำลังดำเนินการ"))
        {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the card still shows an old state: {cards:#?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    app.stop().await;
}
