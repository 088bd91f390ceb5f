//! Telegram events beyond a plain new message, end to end against the fake Bot API (which
//! delivers only the update kinds the bot asks for): a forwarded message is never carried
//! out as the forwarder's command, and an edit is answered instead of silently ignored.

use crate::support::app::*;
use crate::support::fake_telegram::{Chat, User};
use crate::support::harness::*;

fn donations(app: &TestApp) -> Vec<(i64, String)> {
    let conn = rusqlite::Connection::open(app.dir.path().join("bot.sqlite3")).unwrap();
    let mut stmt = conn
        .prepare("SELECT amount, donor_name FROM donations ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forwarded_donation_line_is_not_recorded_again_as_the_forwarders_own() {
    let mut app = spawn_app().await;
    let staff = user(&Person::staff());
    let colleague = user(&Person::staff2());
    let line = "บริจาค 500 บาท จาก นายสมชาย ใจดี เพื่อ ทุนการศึกษา";
    app.tg.push_text(&staff_chat(), &colleague, line);
    app.wait_for_text(STAFF_GROUP, "เลขที่").await;
    for _ in 0..2 {
        app.tg
            .push_forwarded_text(&staff_chat(), &staff, &colleague, line);
    }
    app.tg
        .wait_for("two answers to the forwards", WAIT, |_| {
            app.tg.count_sent_containing(STAFF_GROUP, "ข้อความที่ส่งต่อ") == 2
        })
        .await;
    let answer = app.wait_for_text(STAFF_GROUP, "ข้อความที่ส่งต่อ").await;
    assert!(answer.contains("บริจาค"), "names the command: {answer}");
    assert_eq!(donations(&app).len(), 1, "recorded once, by its author");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edited_donation_line_is_answered_with_what_it_changed_and_how_to_correct() {
    let mut app = spawn_app().await;
    let staff = user(&Person::staff());
    let update = app.tg.push_text(
        &staff_chat(),
        &staff,
        "บริจาค 500 บาท จาก นายสมชาย ใจดี เพื่อ ทุนการศึกษา",
    );
    app.wait_for_text(STAFF_GROUP, "เลขที่").await;
    let message_id = app.tg.message_id_of(update);
    app.tg.push_edited_text(
        &staff_chat(),
        &staff,
        message_id,
        "บริจาค 5000 บาท จาก นายสมชาย ใจดี เพื่อ ทุนการศึกษา",
    );
    let answer = app.wait_for_text(STAFF_GROUP, "การแก้ไขข้อความไม่เปลี่ยน").await;
    assert!(
        answer.contains("ยกเลิกบริจาค 1/2569 ตามด้วยเหตุผล"),
        "says how to correct the record it made: {answer}"
    );
    assert!(
        answer.contains("500.00 บาท") && answer.contains("นายสมชาย ใจดี"),
        "names the record, unchanged: {answer}"
    );
    // Answered in place: a busy group sees which message the answer is about.
    let call = app
        .tg
        .calls_of("sendMessage")
        .into_iter()
        .find(|call| call.params["text"].as_str() == Some(answer.as_str()))
        .unwrap();
    assert_eq!(
        call.params["reply_parameters"]["message_id"].as_i64(),
        Some(message_id),
        "{:#}",
        call.params
    );
    assert_eq!(
        donations(&app),
        vec![(50_000, "นายสมชาย ใจดี".to_string())],
        "the register keeps what was recorded, and says so"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forwarded_and_edited_chatter_is_answered_in_private_and_left_alone_in_groups() {
    let mut app = spawn_app().await;
    let parent = User::new(9_100, "ผู้ปกครอง");
    let news = User::new(9_200, "ข่าว");
    let private = Chat::private(&parent);
    app.tg
        .push_forwarded_text(&private, &parent, &news, "โรงเรียนปิดวันศุกร์นี้");
    app.wait_for_text(parent.id, "ได้รับข้อความที่ส่งต่อมาแล้ว").await;
    let update = app.tg.push_text(&private, &parent, "สวัสดี");
    let message_id = app.tg.message_id_of(update);
    app.tg
        .push_edited_text(&private, &parent, message_id, "สวัสดีค่ะ");
    app.wait_for_text(parent.id, "ไม่อ่านข้อความที่แก้ไข").await;

    let staff = user(&Person::staff());
    let before = app.tg.sent_texts(STAFF_GROUP).len();
    app.tg
        .push_forwarded_text(&staff_chat(), &staff, &news, "โรงเรียนปิดวันศุกร์นี้");
    // A command after it shows the chatter was passed by.
    app.tg.push_text(&staff_chat(), &staff, "/start");
    app.tg
        .wait_for("the answer to /start", WAIT, |_| {
            app.tg.sent_texts(STAFF_GROUP).len() > before
        })
        .await;
    assert_eq!(app.tg.sent_texts(STAFF_GROUP).len(), before + 1);
    app.stop().await;
}
