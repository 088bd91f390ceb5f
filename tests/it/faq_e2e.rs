//! The Q&A capability end to end: the real dispatcher against the fake Bot API, pressing the
//! buttons the bot sent (their `callback_data` under the message's id).

use std::time::{Duration, Instant};

use crate::support::app::*;
use crate::support::fake_telegram::Chat;
use crate::support::harness::*;
use serde_json::Value;

/// (label, callback data) of a message's inline buttons.
fn buttons(message: &Value) -> Vec<(String, String)> {
    message["reply_markup"]["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row.as_array().into_iter().flatten())
        .map(|button| {
            (
                button["text"].as_str().unwrap_or_default().to_owned(),
                button["callback_data"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            )
        })
        .collect()
}

/// The data of the button labelled `label` (its beginning) on `message`.
fn button(message: &Value, label: &str) -> String {
    buttons(message)
        .into_iter()
        .find(|(l, _)| l.starts_with(label))
        .map(|(_, data)| data)
        .unwrap_or_else(|| panic!("no button {label:?} on {message}"))
}

fn message_id(message: &Value) -> i64 {
    message["message_id"].as_i64().unwrap()
}

/// Waits until the bot's newest message in `chat_id` whose text contains `needle` exists
/// (sent or edited into it) and returns it.
async fn wait_for_message(app: &TestApp, chat_id: i64, needle: &str) -> Value {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(message) = app
            .tg
            .bot_messages(chat_id)
            .into_iter()
            .rev()
            .find(|m| m["text"].as_str().is_some_and(|t| t.contains(needle)))
        {
            return message;
        }
        assert!(
            Instant::now() < deadline,
            "no message containing {needle:?} in chat {chat_id}: {:#?}",
            app.tg.bot_messages(chat_id)
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Presses `data` under `message` and waits until that same message reads `needle`.
async fn press_and_wait_for_edit(
    app: &TestApp,
    chat: &Chat,
    who: &Person,
    message: &Value,
    data: &str,
    needle: &str,
) -> Value {
    let id = message_id(message);
    app.tg.push_callback(chat, &user(who), id, data);
    let edited = wait_for_message(app, chat.id, needle).await;
    assert_eq!(
        message_id(&edited),
        id,
        "the pressed message is edited in place"
    );
    edited
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faq_buttons_lead_from_topics_to_an_answer_and_back() {
    let mut app = spawn_app().await;
    let public = Person::public();
    let chat = private_chat(&public);
    app.tg.push_text(&chat, &user(&public), "/faq");
    let topics = wait_for_message(&app, public.id, "คำถามที่พบบ่อย").await;
    let sent = app.tg.calls_of("sendMessage");
    let markup = &sent.last().unwrap().params["reply_markup"]["inline_keyboard"];
    assert!(markup.to_string().contains("faq:t:"), "{markup}");

    let topic = press_and_wait_for_edit(
        &app,
        &chat,
        &public,
        &topics,
        &button(&topics, "ทุนการศึกษา"),
        "หมวด ทุนการศึกษา",
    )
    .await;
    let question = buttons(&topic)[0].0.clone();
    let answer = press_and_wait_for_edit(
        &app,
        &chat,
        &public,
        &topic,
        &buttons(&topic)[0].1,
        "คำถามเลขที่",
    )
    .await;
    assert!(
        answer["text"].as_str().unwrap().starts_with(&question),
        "{answer}"
    );
    assert!(
        buttons(&answer)
            .iter()
            .any(|(_, d)| d.starts_with("faq:q:"))
    );
    let back = press_and_wait_for_edit(
        &app,
        &chat,
        &public,
        &answer,
        &button(&answer, "« หมวด ทุนการศึกษา"),
        "เลือกคำถามเพื่อดูคำตอบ",
    )
    .await;
    press_and_wait_for_edit(
        &app,
        &chat,
        &public,
        &back,
        &button(&back, "หมวดทั้งหมด"),
        "เลือกหมวดที่ต้องการ",
    )
    .await;
    // Every press was answered, so no spinner is left turning.
    app.tg
        .wait_for("every button press answered", WAIT, |calls| {
            calls
                .iter()
                .filter(|c| c.method.eq_ignore_ascii_case("answerCallbackQuery"))
                .count()
                >= 4
        })
        .await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_question_is_filed_as_a_request_answered_by_officers_and_then_by_the_bot() {
    let mut app = spawn_app().await;
    let asker = Person::new(4242, "ผู้ปกครอง", &[]);
    let asker_chat = private_chat(&asker);
    let officer = Person::officer();
    let question = "งานวันครูปีนี้จัดที่โรงแรมไหน";

    app.tg.push_text(&asker_chat, &user(&asker), question);
    let not_sure = wait_for_message(&app, asker.id, "ยังไม่แน่ใจ").await;
    app.tg.push_callback(
        &asker_chat,
        &user(&asker),
        message_id(&not_sure),
        &button(&not_sure, "ส่งคำถามถึงเจ้าหน้าที่"),
    );
    let card = wait_for_message(&app, OFFICERS_GROUP, question).await;
    let card_text = card["text"].as_str().unwrap();
    assert!(
        card_text.contains("ผู้ปกครอง"),
        "a named request: {card_text}"
    );
    let filed = app.wait_for_text(asker.id, "ส่งเรื่องถึงเจ้าหน้าที่แล้ว").await;
    let case = filed
        .split("เลขเรื่อง <b>")
        .nth(1)
        .and_then(|rest| rest.split("</b>").next())
        .unwrap()
        .to_string();
    assert!(card_text.contains(&case), "{card_text}");

    let answer = "จัดที่หอประชุมสำนักงานเขตค่ะ ไม่ได้จัดที่โรงแรม";
    app.tg.push_text(
        &officers_chat(),
        &user(&officer),
        &format!("ตอบ {case} {answer}"),
    );
    let delivered = app
        .wait_for_text(asker.id, &format!("ตอบเรื่อง {case}"))
        .await;
    assert!(delivered.contains(answer));

    let sent = wait_for_message(&app, OFFICERS_GROUP, "ส่งคำตอบในเรื่อง").await;
    press_and_wait_for_edit(
        &app,
        &officers_chat(),
        &officer,
        &sent,
        &button(&sent, "บันทึกเป็นคำถามใหม่"),
        "ต่อไปบอทจะตอบคำถามนี้ได้เอง",
    )
    .await;

    app.tg
        .push_text(&asker_chat, &user(&asker), &format!("ถาม {question}"));
    let answered = app
        .wait_for_text(asker.id, &format!("<b>{question}</b>"))
        .await;
    assert!(answered.contains(answer));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_from_someone_new_is_answered_without_asking_telegram_for_roles() {
    let mut app = spawn_app().await;
    let parent = Person::new(5151, "ผู้ปกครอง", &[]);
    let member_checks = app.tg.count_of("getChatMember");
    app.tg.push_text(
        &private_chat(&parent),
        &user(&parent),
        "ถาม บริจาคเงินให้สำนักงานเขตได้อย่างไร",
    );
    app.wait_for_text(parent.id, "คำถามเลขที่").await;
    assert_eq!(
        app.tg.count_of("getChatMember"),
        member_checks,
        "a question needs no roles"
    );
    // A command that does need them still gets them.
    app.tg
        .push_text(&private_chat(&parent), &user(&parent), "ยอดบริจาค");
    app.wait_for_text(parent.id, "บุคลากร").await;
    assert!(app.tg.count_of("getChatMember") > member_checks);
    app.stop().await;
}
