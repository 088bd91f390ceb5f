//! Issue 17 item 6's "anything a person sends that the bot cannot use still gets a short
//! answer", for the kinds `unusable_messages.rs` does not send: a dice throw (its own kind of
//! message on Telegram), a round video, an audio file, a venue and a GIF. End to end against
//! the fake Bot API, in private chats.

use serde_json::{Value, json};

use crate::support::app::*;
use crate::support::fake_telegram::{Chat, User};

fn more_kinds() -> Vec<(&'static str, Value)> {
    vec![
        ("dice", json!({ "dice": { "emoji": "🎲", "value": 4 }})),
        (
            "video note",
            json!({ "video_note": {
                "file_id": "ROUND1", "file_unique_id": "r1", "length": 240, "duration": 5
            }}),
        ),
        (
            "audio",
            json!({ "audio": {
                "file_id": "AUDIO1", "file_unique_id": "a1", "duration": 120,
                "mime_type": "audio/mpeg", "title": "เพลงโรงเรียน"
            }}),
        ),
        (
            "venue",
            json!({
                "location": { "latitude": 16.43, "longitude": 102.83 },
                "venue": {
                    "location": { "latitude": 16.43, "longitude": 102.83 },
                    "title": "โรงเรียนบ้านนา", "address": "ขอนแก่น"
                }
            }),
        ),
        (
            "GIF",
            json!({
                "animation": {
                    "file_id": "GIF1", "file_unique_id": "g1", "width": 320, "height": 240,
                    "duration": 3, "mime_type": "video/mp4"
                },
                "document": {
                    "file_id": "GIF1", "file_unique_id": "g1", "mime_type": "video/mp4"
                }
            }),
        ),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dice_a_round_video_an_audio_a_venue_and_a_gif_are_each_answered_in_private() {
    let mut app = spawn_app().await;
    for (n, (what, fields)) in more_kinds().into_iter().enumerate() {
        let person = User::new(9_500 + n as i64, "ผู้ส่ง");
        app.tg
            .push_message_with(&Chat::private(&person), &person, fields);
        app.tg
            .wait_for(what, WAIT, |_| !app.tg.sent_texts(person.id).is_empty())
            .await;
        let answer = app.tg.sent_texts(person.id).join("\n");
        assert!(
            answer.contains("เมนู") || answer.contains("พิมพ์"),
            "{what}: says what to do: {answer}"
        );
    }
    app.stop().await;
}
