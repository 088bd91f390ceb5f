//! When a busy group's plain texts are joined into one message (issue 17 item 2), the heading
//! above them speaks the language they were written in: an English-speaking member's answers
//! get the English heading, not the Thai one. End to end against the fake Bot API, limits on.

use crate::support::app::*;
use crate::support::harness::*;

const ENGLISH_HEADING: &str = "messages owed to this group, sent as one";
const THAI_HEADING: &str = "ข้อความที่ค้างส่งถึงกลุ่มนี้ไว้ในข้อความเดียว";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn texts_joined_for_an_english_speaking_member_carry_the_english_heading() {
    let mut app = spawn_app().await;
    let staff = Person::staff();
    let member = user(&staff);
    app.tg.push_text(&private_chat(&staff), &member, "/lang en");
    app.wait_for_text(staff.id, "English").await;
    // Eight short commands in a row: more than the group's pace lets through, each answered
    // with a plain text in English.
    let asked: Vec<_> = (0..8)
        .map(|_| app.tg.text_update(&staff_chat(), &member, "/lang en"))
        .collect();
    app.tg.push_updates(asked);
    let joined = app.wait_for_text(STAFF_GROUP, ENGLISH_HEADING).await;
    assert!(!joined.contains(THAI_HEADING), "{joined}");
    for text in app.tg.sent_texts(STAFF_GROUP) {
        assert!(!text.contains(THAI_HEADING), "a Thai heading: {text}");
    }
    app.stop().await;
}

/// At the core: texts in two languages joined into one get the heading in each, Thai first;
/// a text that says nothing of its language (made before messages kept theirs) counts as Thai.
#[tokio::test]
async fn texts_in_two_languages_get_a_heading_in_each_thai_first() {
    let h = Harness::new().await;
    let in_lang = |text: &str, lang: Option<&str>| {
        let mut message = khetbot::core::OutMessage::text(text);
        message.lang = lang.map(str::to_owned);
        message
    };
    let joined = h.core.join_owed(vec![
        in_lang("Language set to English.", Some("en")),
        in_lang("ตั้งค่าเป็นภาษาไทยแล้วค่ะ", Some("th")),
        in_lang("ข้อความเก่า", None),
    ]);
    let english = joined
        .text
        .find(ENGLISH_HEADING)
        .expect("the English heading");
    let thai = joined.text.find(THAI_HEADING).expect("the Thai heading");
    assert!(thai < english, "{}", joined.text);
    assert_eq!(
        joined.text.matches(THAI_HEADING).count(),
        1,
        "{}",
        joined.text
    );
}
