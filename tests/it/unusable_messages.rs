//! Anything a person sends that the bot cannot use still gets a short answer that says what it
//! can do (issue 17 item 6), end to end against the fake Bot API: a sticker, a voice message,
//! a location, a contact, a video, a poll and a photo without caption in a private chat. In a
//! group the bot stays quiet, as groups share such things all day.

use serde_json::{Value, json};

use crate::support::app::*;
use crate::support::fake_telegram::{Chat, User};
use crate::support::harness::*;

/// Messages as Telegram sends them, with what each one is.
fn unusable_messages() -> Vec<(&'static str, Value)> {
    vec![
        (
            "sticker",
            json!({ "sticker": {
                "file_id": "STICKER1", "file_unique_id": "s1", "type": "regular",
                "width": 512, "height": 512, "is_animated": false, "is_video": false
            }}),
        ),
        (
            "voice",
            json!({ "voice": {
                "file_id": "VOICE1", "file_unique_id": "v1", "duration": 4,
                "mime_type": "audio/ogg"
            }}),
        ),
        (
            "location",
            json!({ "location": { "latitude": 16.43, "longitude": 102.83 }}),
        ),
        (
            "contact",
            json!({ "contact": { "phone_number": "0812345678", "first_name": "สมชาย" }}),
        ),
        (
            "video",
            json!({ "video": {
                "file_id": "VIDEO1", "file_unique_id": "vd1",
                "width": 640, "height": 480, "duration": 10, "mime_type": "video/mp4"
            }}),
        ),
        (
            "poll",
            json!({ "poll": {
                "id": "77", "question": "ไปไหนดี",
                "options": [
                    { "text": "ทะเล", "voter_count": 0 },
                    { "text": "ภูเขา", "voter_count": 0 }
                ],
                "total_voter_count": 0, "is_closed": false, "is_anonymous": true,
                "type": "regular", "allows_multiple_answers": false
            }}),
        ),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_the_bot_cannot_use_is_answered_in_private_with_what_it_can_do() {
    let mut app = spawn_app().await;
    for (n, (what, fields)) in unusable_messages().into_iter().enumerate() {
        let person = User::new(9_300 + n as i64, "ผู้ส่ง");
        app.tg
            .push_message_with(&Chat::private(&person), &person, fields);
        let answer = app.wait_for_text(person.id, "บอทอ่านสติกเกอร์").await;
        assert!(
            answer.contains("เมนู") || answer.contains("พิมพ์"),
            "{what}: says what to do: {answer}"
        );
    }
    // A photo without a caption from someone the bot does not know.
    let stranger = User::new(9_399, "คนแปลกหน้า");
    app.tg.push_photo(
        &Chat::private(&stranger),
        &stranger,
        "PHOTO-NO-CAPTION",
        None,
    );
    let answer = app.wait_for_text(stranger.id, "ได้รับไฟล์แล้ว").await;
    assert!(
        answer.contains("แจ้งบริจาค"),
        "says what it could be for: {answer}"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_shares_stickers_and_polls_without_the_bot_answering() {
    let mut app = spawn_app().await;
    let staff = user(&Person::staff());
    let before = app.tg.sent_texts(STAFF_GROUP).len();
    for (_, fields) in unusable_messages() {
        app.tg.push_message_with(&staff_chat(), &staff, fields);
    }
    // A command after them shows they were passed by.
    app.tg.push_text(&staff_chat(), &staff, "/start");
    app.tg
        .wait_for("the answer to /start", WAIT, |_| {
            app.tg.sent_texts(STAFF_GROUP).len() > before
        })
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(app.tg.sent_texts(STAFF_GROUP).len(), before + 1);
    app.stop().await;
}

/// With a question of theirs waiting, a sticker is answered with what is still awaited, and
/// the dialogue goes on with the next typed answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sticker_during_a_dialogue_says_what_is_still_awaited() {
    let mut app = spawn_app().await;
    let donor = Person::public();
    let chat = private_chat(&donor);
    let from = user(&donor);
    app.tg.push_text(&chat, &from, "แจ้งบริจาค");
    crate::cards_e2e::press_label(&app, &chat, &donor, "เงินหรือสิ่งของ", "เงิน").await;
    app.wait_for_text(donor.id, "จำนวนเงินเท่าไร").await;
    let (_, sticker) = unusable_messages().remove(0);
    app.tg.push_message_with(&chat, &from, sticker);
    let answer = app.wait_for_text(donor.id, "ยังรอคำตอบ").await;
    assert!(answer.contains("การบันทึกบริจาค"), "{answer}");
    app.tg.push_text(&chat, &from, "500");
    app.wait_for_text(donor.id, "วัตถุประสงค์").await;
    app.stop().await;
}
