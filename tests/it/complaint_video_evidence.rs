//! A video (or voice message, sticker, location) sent while an anonymous complaint asks for
//! its story: the answer says exactly what this step takes (typed text, photos, files) and
//! how to send a video as evidence (as a file, which is then taken like any document); the
//! filing goes on, and nothing of the filer is in the database, its WAL or the logs.

use serde_json::json;

use crate::complaints_support::{assert_no_trace_of, capture_logs, tracking_code};
use crate::support::app::*;
use crate::support::harness::*;

const FILER_ID: i64 = 771_555_123;
const USERNAME: &str = "video_tipster_unique";
const NAME: &str = "ผู้ส่งวิดีโอหลักฐาน";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_video_during_an_anonymous_story_says_how_to_send_it_and_stores_nothing_of_the_filer() {
    capture_logs();
    let mut app = spawn_app().await;
    let mut person = Person::new(FILER_ID, NAME, &[]);
    person.username = Some(USERNAME.into());
    let (chat, from) = (private_chat(&person), user(&person));
    let press = |prompt: &str, data: &str| {
        let message_id = app
            .tg
            .bot_message_id(FILER_ID, prompt)
            .unwrap_or_else(|| panic!("no message containing {prompt:?}"));
        app.tg.push_callback(&chat, &from, message_id, data);
    };
    app.tg.push_text(&chat, &from, "/complain");
    app.wait_for_text(FILER_ID, "เลือกประเภทเรื่อง").await;
    press("เลือกประเภทเรื่อง", "complaints:cat:tipoff");
    app.wait_for_text(FILER_ID, "ต้องการระบุตัวตนหรือไม่").await;
    press("ต้องการระบุตัวตนหรือไม่", "complaints:id:anon");
    app.wait_for_text(FILER_ID, "เล่ารายละเอียด").await;
    app.tg
        .push_text(&chat, &from, "ครูใหญ่เรียกเก็บเงินค่าเทอมนอกระบบทุกเดือน");
    app.wait_for_text(FILER_ID, "ข้อความ 1 ข้อความ, ไฟล์ 0 ไฟล์")
        .await;

    for fields in [
        json!({ "video": {
            "file_id": "VIDEO-EVIDENCE", "file_unique_id": "ve1",
            "width": 640, "height": 480, "duration": 10, "mime_type": "video/mp4"
        }}),
        json!({ "voice": {
            "file_id": "VOICE-EVIDENCE", "file_unique_id": "vo1", "duration": 4,
            "mime_type": "audio/ogg"
        }}),
        json!({ "location": { "latitude": 16.43, "longitude": 102.83 }}),
    ] {
        let before = app.tg.count_sent_containing(FILER_ID, "ส่งเป็นไฟล์");
        app.tg.push_message_with(&chat, &from, fields);
        app.tg
            .wait_for("the answer", WAIT, |_| {
                app.tg.count_sent_containing(FILER_ID, "ส่งเป็นไฟล์") > before
            })
            .await;
    }
    let answer = app.wait_for_text(FILER_ID, "ส่งเป็นไฟล์").await;
    for expected in ["รูปภาพ", "ไฟล์", "วิดีโอ", "ยกเลิก"]
    {
        assert!(answer.contains(expected), "{expected:?}: {answer}");
    }
    // The video sent as a file is taken like any document.
    app.tg.push_document(
        &chat,
        &from,
        "VIDEO-AS-FILE",
        "evidence.mp4",
        "video/mp4",
        vec![0; 64],
        None,
    );
    let received = "ข้อความ 1 ข้อความ, ไฟล์ 1 ไฟล์";
    app.wait_for_text(FILER_ID, received).await;
    press(received, "complaints:account_done");
    app.wait_for_text(FILER_ID, "ระบุโรงเรียนหรือสถานที่").await;
    press("ระบุโรงเรียนหรือสถานที่", "complaints:place:skip");
    app.wait_for_text(FILER_ID, "ตรวจสอบก่อนส่ง").await;
    press("ตรวจสอบก่อนส่ง", "complaints:confirm");
    let confirmation = app.wait_for_text(FILER_ID, "รหัสติดตามของคุณ").await;
    assert!(tracking_code(&confirmation).is_some());
    app.tg
        .wait_for("the video file in the officers' group", WAIT, |calls| {
            calls.iter().any(|c| {
                c.method.eq_ignore_ascii_case("sendDocument")
                    && c.chat_id() == Some(OFFICERS_GROUP)
                    && c.params["document"] == "VIDEO-AS-FILE"
            })
        })
        .await;

    let db = app.core.config().db_path.clone();
    app.stop().await;
    assert_no_trace_of(&db, &person, "เรียกเก็บเงินค่าเทอม");
}
