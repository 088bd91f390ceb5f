//! A sticker, a voice message, a video or a location sent to the bot one to one on LINE is
//! nothing the bot can read, but the person is still told what it can do (as on Telegram,
//! `unusable_messages.rs`); in a group such chatter gets no answer.

use serde_json::json;

use crate::support::fake_line::{group_source, user_source};
use crate::support::line_app::*;

fn message(app: &LineApp, source: serde_json::Value, body: serde_json::Value) -> serde_json::Value {
    app.line.event(source, "message", ("message", body))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_the_bot_cannot_read_on_line_is_answered_with_what_it_can_do() {
    let mut app = spawn_line_app().await;
    let kinds = [
        json!({ "id": "9001", "type": "sticker", "packageId": "446", "stickerId": "1988" }),
        json!({ "id": "9002", "type": "audio", "duration": 6000,
                "contentProvider": { "type": "line" } }),
        json!({ "id": "9003", "type": "video", "duration": 6000,
                "contentProvider": { "type": "line" } }),
        json!({ "id": "9004", "type": "location", "title": "บ้าน", "address": "ถนนสุขุมวิท",
                "latitude": 13.7, "longitude": 100.5 }),
    ];
    for (n, body) in kinds.into_iter().enumerate() {
        app.send(&[message(&app, user_source(&public()), body)])
            .await;
        // Each kind is answered once: the n-th answer arrives, and no other.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while app.line.count_containing(&public(), "อ่านสติกเกอร์") < n + 1
        {
            assert!(
                std::time::Instant::now() < deadline,
                "kind {n} not answered"
            );
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        assert_eq!(app.line.count_containing(&public(), "อ่านสติกเกอร์"), n + 1);
    }
    let answered = app.line.wait_for_text(&public(), "อ่านสติกเกอร์").await;
    assert!(
        answered.text().contains("พิมพ์เป็นข้อความ"),
        "{}",
        answered.text()
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sticker_in_a_line_group_gets_no_answer() {
    let mut app = spawn_line_app().await;
    app.register_staff_group().await;
    let sticker =
        json!({ "id": "9101", "type": "sticker", "packageId": "446", "stickerId": "1988" });
    app.send(&[message(
        &app,
        group_source(&staff_group(), &staff()),
        sticker,
    )])
    .await;
    // A text after it is answered, so the sticker before it has been handled by then.
    app.in_staff_group(&staff(), "/help").await;
    app.line.wait_for_text(&staff_group(), "สวัสดีค่ะ").await;
    assert_eq!(app.line.count_containing(&staff_group(), "อ่านสติกเกอร์"), 0);
    app.stop().await;
}
