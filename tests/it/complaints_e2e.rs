//! End to end over the fake Bot API: an anonymous tip-off with a photo filed in a private
//! chat reaches the officers' group without its sender (photo re-sent by file id, nothing
//! forwarded or copied), is acknowledged with the card's button, answered with `ตอบ`, and
//! read back by the filer with `/track`. Every log line of the real adapter is captured and
//! searched too.
//!
//! The logger is the test binary's one capture (`capture_logs`), shared with every other test:
//! the identifying values are unique to this test, so other tests' lines cannot match them.

use crate::complaints_support::{LOGS, capture_logs, contains, tracking_code};
use crate::support::app::*;
use crate::support::fake_telegram::{Chat, User};
use crate::support::harness::*;

const FILER_ID: i64 = 771_234_567;
const USERNAME: &str = "tipster_e2e_unique";
const NAME: &str = "ผู้ให้เบาะแสปลายทาง";

struct Filer {
    chat: Chat,
    user: User,
}

impl Filer {
    async fn press(&self, app: &TestApp, prompt: &str, data: &str) {
        let message_id = app
            .tg
            .bot_message_id(FILER_ID, prompt)
            .unwrap_or_else(|| panic!("no message containing {prompt:?}"));
        app.tg
            .push_callback(&self.chat, &self.user, message_id, data);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anonymous_tipoff_with_a_photo_goes_to_the_officers_and_back_by_code() {
    // Debug, like KHETBOT_LOG=debug in production.
    capture_logs();

    let mut app = spawn_app().await;
    let person = Person {
        id: FILER_ID,
        name: NAME.into(),
        username: Some(USERNAME.into()),
        roles: vec![],
    };
    let filer = Filer {
        chat: private_chat(&person),
        user: user(&person),
    };
    app.tg.push_text(&filer.chat, &filer.user, "/complain");
    app.wait_for_text(FILER_ID, "เลือกประเภทเรื่อง").await;
    filer
        .press(&app, "เลือกประเภทเรื่อง", "complaints:cat:tipoff")
        .await;
    app.wait_for_text(FILER_ID, "ต้องการระบุตัวตนหรือไม่").await;
    filer
        .press(&app, "ต้องการระบุตัวตนหรือไม่", "complaints:id:anon")
        .await;
    app.wait_for_text(FILER_ID, "เล่ารายละเอียด").await;
    app.tg.push_text(
        &filer.chat,
        &filer.user,
        "มีการเรียกรับเงินในการสอบบรรจุครูอัตราจ้าง",
    );
    app.wait_for_text(FILER_ID, "ข้อความ 1 ข้อความ, ไฟล์ 0 ไฟล์")
        .await;
    app.tg.push_photo(
        &filer.chat,
        &filer.user,
        "AgACevidencePhoto",
        Some("สลิปโอนเงิน"),
    );
    let received = "ข้อความ 2 ข้อความ, ไฟล์ 1 ไฟล์";
    app.wait_for_text(FILER_ID, received).await;
    filer.press(&app, received, "complaints:account_done").await;
    app.wait_for_text(FILER_ID, "ระบุโรงเรียนหรือสถานที่").await;
    filer
        .press(&app, "ระบุโรงเรียนหรือสถานที่", "complaints:place:skip")
        .await;
    app.wait_for_text(FILER_ID, "ตรวจสอบก่อนส่ง").await;
    filer
        .press(&app, "ตรวจสอบก่อนส่ง", "complaints:confirm")
        .await;
    let confirmation = app.wait_for_text(FILER_ID, "รหัสติดตามของคุณ").await;
    let code = tracking_code(&confirmation).expect("a 16-digit code");

    // The officers get the card and the photo, re-sent by its file id.
    let card = app.wait_for_text(OFFICERS_GROUP, "กำหนดตอบรับ").await;
    assert!(card.contains("ร-2569-0001"), "{card}");
    assert!(card.contains("ไม่ระบุตัวตน"), "{card}");
    assert!(card.contains("มีการเรียกรับเงิน"), "{card}");
    app.tg
        .wait_for("the photo in the officers' group", WAIT, |calls| {
            calls.iter().any(|c| {
                c.method.eq_ignore_ascii_case("sendPhoto")
                    && c.chat_id() == Some(OFFICERS_GROUP)
                    && c.params["photo"] == "AgACevidencePhoto"
            })
        })
        .await;
    for call in app.tg.calls() {
        assert!(
            !call.method.eq_ignore_ascii_case("forwardMessage")
                && !call.method.eq_ignore_ascii_case("copyMessage"),
            "{} would show or link the sender",
            call.method
        );
        // getChatMember asks Telegram about the filer's memberships; only what the bot
        // sends to chats matters here.
        let sends = call.method.starts_with("send") || call.method.starts_with("Send");
        if call.chat_id() == Some(FILER_ID) || !sends {
            continue;
        }
        let params = call.params.to_string();
        for identity in [&FILER_ID.to_string(), USERNAME, NAME] {
            assert!(
                !params.contains(identity),
                "{identity} sent to chat {:?} by {}",
                call.chat_id(),
                call.method
            );
        }
    }
    for group in [STAFF_GROUP, PRINCIPALS_GROUP] {
        assert!(
            !app.tg
                .sent_texts(group)
                .iter()
                .any(|t| t.contains("ร-2569-0001")),
            "a case leaked to group {group}"
        );
    }

    // An officer acknowledges with the button; the card shows it.
    let officer = Person::officer();
    let card_id = app
        .tg
        .bot_message_id(OFFICERS_GROUP, "กำหนดตอบรับ")
        .expect("the card");
    app.tg.push_callback(
        &officers_chat(),
        &user(&officer),
        card_id,
        "complaints:ack:1",
    );
    app.tg
        .wait_for("the card to show the acknowledgement", WAIT, |calls| {
            calls.iter().any(|c| {
                c.method.eq_ignore_ascii_case("editMessageText")
                    && c.params["text"]
                        .as_str()
                        .is_some_and(|t| t.contains("รับเรื่องแล้ว"))
            })
        })
        .await;
    app.tg.push_text(
        &officers_chat(),
        &user(&officer),
        "ตอบ ร-2569-0001 ได้รับหลักฐานแล้ว กำลังตรวจสอบข้อเท็จจริง",
    );
    app.wait_for_text(OFFICERS_GROUP, "บันทึกคำตอบในเรื่อง ร-2569-0001")
        .await;

    // The filer reads it back with the code.
    app.tg
        .push_text(&filer.chat, &filer.user, &format!("/track {code}"));
    let view = app
        .wait_for_text(FILER_ID, "ได้รับหลักฐานแล้ว กำลังตรวจสอบข้อเท็จจริง")
        .await;
    assert!(view.contains("รับเรื่องแล้ว"), "{view}");

    // Nothing of the filer in the database or its WAL, nor in any log line.
    let db = app.core.config().db_path.clone();
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    let bytes = [
        std::fs::read(&db).unwrap_or_default(),
        std::fs::read(std::path::PathBuf::from(wal)).unwrap_or_default(),
    ]
    .concat();
    let id32 = i32::try_from(FILER_ID).unwrap();
    for (what, pattern) in [
        ("id as text", FILER_ID.to_string().into_bytes()),
        ("id i64 LE", FILER_ID.to_le_bytes().to_vec()),
        ("id i64 BE", FILER_ID.to_be_bytes().to_vec()),
        ("id i32 LE", id32.to_le_bytes().to_vec()),
        ("id i32 BE", id32.to_be_bytes().to_vec()),
        ("username", USERNAME.as_bytes().to_vec()),
        ("name", NAME.as_bytes().to_vec()),
    ] {
        assert!(!contains(&bytes, &pattern), "{what} in the database");
    }
    assert!(
        contains(&bytes, "มีการเรียกรับเงิน".as_bytes()),
        "positive control"
    );
    app.stop().await;
    let logs = LOGS.0.lock().unwrap_or_else(|p| p.into_inner()).clone();
    assert!(!logs.is_empty());
    for line in &logs {
        for secret in [
            FILER_ID.to_string().as_str(),
            USERNAME,
            NAME,
            "มีการเรียกรับเงิน",
            &code,
            &code.replace(' ', ""),
        ] {
            assert!(!line.contains(secret), "logged: {line}");
        }
    }
}
