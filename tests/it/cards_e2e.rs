//! Issue 15 over the fake Bot API: a message with buttons always shows the current state and
//! only the actions valid in it. Case cards follow the case on every copy the bot posted, a
//! press on a stale button answers the presser only, `ดูเรื่อง` posts a card of the current
//! state.

use serde_json::Value;

use crate::support::app::*;
use crate::support::fake_telegram::Chat;
use crate::support::harness::*;

/// The callback data of a bot message's inline buttons, in order.
pub fn button_data(message: &Value) -> Vec<String> {
    message["reply_markup"]["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .filter_map(|button| button["callback_data"].as_str().map(str::to_owned))
        .collect()
}

/// The bot's messages in `chat_id` (as last edited) whose text contains `needle`.
pub fn messages_with(app: &TestApp, chat_id: i64, needle: &str) -> Vec<Value> {
    app.tg
        .bot_messages(chat_id)
        .into_iter()
        .filter(|m| {
            m["text"]
                .as_str()
                .or(m["caption"].as_str())
                .is_some_and(|t| t.contains(needle))
        })
        .collect()
}

/// Presses the button with `data` under the bot's message `message_id` in `chat`.
pub fn press(app: &TestApp, chat: &Chat, who: &Person, message_id: i64, data: &str) {
    app.tg.push_callback(chat, &user(who), message_id, data);
}

/// Presses the button with `data` on the bot's latest message in `chat` holding `needle`.
pub async fn press_on(app: &TestApp, chat: &Chat, who: &Person, needle: &str, data: &str) {
    app.wait_for_text(chat.id, needle).await;
    let id = app
        .tg
        .bot_message_id(chat.id, needle)
        .unwrap_or_else(|| panic!("no message containing {needle:?}"));
    press(app, chat, who, id, data);
}

/// Files an anonymous tip-off with one text in `person`'s private chat; returns its code.
pub async fn file_tipoff(app: &TestApp, person: &Person, text: &str) -> String {
    let chat = private_chat(person);
    app.tg.push_text(&chat, &user(person), "/complain");
    press_on(
        app,
        &chat,
        person,
        "เลือกประเภทเรื่อง",
        "complaints:cat:tipoff",
    )
    .await;
    press_on(
        app,
        &chat,
        person,
        "ต้องการระบุตัวตนหรือไม่",
        "complaints:id:anon",
    )
    .await;
    app.wait_for_text(person.id, "เล่ารายละเอียด").await;
    app.tg.push_text(&chat, &user(person), text);
    press_on(
        app,
        &chat,
        person,
        "ข้อความ 1 ข้อความ",
        "complaints:account_done",
    )
    .await;
    press_on(
        app,
        &chat,
        person,
        "ระบุโรงเรียนหรือสถานที่",
        "complaints:place:skip",
    )
    .await;
    press_on(app, &chat, person, "ตรวจสอบก่อนส่ง", "complaints:confirm").await;
    let confirmation = app.wait_for_text(person.id, "รหัสติดตามของคุณ").await;
    crate::complaints_support::tracking_code(&confirmation).expect("a tracking code")
}

/// Waits until every card of case `number` in the officers' group satisfies `pred`.
async fn wait_for_cards(app: &TestApp, number: &str, what: &str, pred: impl Fn(&Value) -> bool) {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let cards: Vec<Value> = messages_with(app, OFFICERS_GROUP, number)
            .into_iter()
            .filter(|m| m["text"].as_str().is_some_and(|t| t.contains("📋")))
            .collect();
        if !cards.is_empty() && cards.iter().all(&pred) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for the cards to {what}: {cards:#?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn case_cards_follow_the_case_and_stale_presses_answer_the_presser_only() {
    let mut app = spawn_app().await;
    let filer = Person::new(7_150_001, "ผู้แจ้งการ์ด", &[]);
    file_tipoff(&app, &filer, "ครูเก็บเงินค่าชุดเกินประกาศ").await;
    let officer = Person::officer();
    let officers = officers_chat();
    let number = "ร-2569-0001";

    // A new case: no ปิดเรื่อง (a new case cannot be closed without being taken).
    app.wait_for_text(OFFICERS_GROUP, "กำหนดตอบรับ").await;
    let first = messages_with(&app, OFFICERS_GROUP, "กำหนดตอบรับ")[0].clone();
    let first_id = first["message_id"].as_i64().unwrap();
    assert_eq!(
        button_data(&first),
        ["complaints:ack:1", "complaints:info:1", "complaints:fwd:1"]
    );

    // ดูเรื่อง: the history, then a second copy of the card with the same buttons.
    app.tg
        .push_text(&officers, &user(&officer), &format!("ดูเรื่อง {number}"));
    app.wait_for_text(OFFICERS_GROUP, "ความเป็นมาของเรื่อง").await;
    wait_for_cards(&app, number, "be two", |_| true).await;
    app.tg
        .wait_for("the second card", WAIT, |_| {
            messages_with(&app, OFFICERS_GROUP, "กำหนดตอบรับ").len() == 2
        })
        .await;
    let copy_id = messages_with(&app, OFFICERS_GROUP, "กำหนดตอบรับ")[1]["message_id"]
        .as_i64()
        .unwrap();

    // รับเรื่อง on the first card: both copies show it, without the รับเรื่อง button.
    press(&app, &officers, &officer, first_id, "complaints:ack:1");
    wait_for_cards(&app, number, "show the acknowledgement", |m| {
        m["text"].as_str().unwrap().contains("สถานะ: รับเรื่องแล้ว")
            && button_data(m)
                == [
                    "complaints:info:1",
                    "complaints:fwd:1",
                    "complaints:close:1",
                ]
    })
    .await;

    // A press on the old รับเรื่อง (a client that had not refreshed): a notice to the presser.
    let answers_before = app.tg.count_of("answerCallbackQuery");
    let sent_before = app.tg.sent_texts(OFFICERS_GROUP).len();
    press(&app, &officers, &officer, copy_id, "complaints:ack:1");
    app.tg
        .wait_for("a notice on the stale button", WAIT, |calls| {
            calls
                .iter()
                .filter(|c| c.method.eq_ignore_ascii_case("answerCallbackQuery"))
                .skip(answers_before)
                .any(|c| {
                    c.params["text"]
                        .as_str()
                        .is_some_and(|t| t.contains("ปุ่มนี้จึงใช้ไม่ได้แล้ว"))
                })
        })
        .await;

    // มอบหมาย: the cards name the assignee.
    app.tg.push_text(
        &officers,
        &user(&officer),
        &format!("มอบหมาย {number} @somchai"),
    );
    wait_for_cards(&app, number, "name the assignee", |m| {
        m["text"].as_str().unwrap().contains("@somchai")
    })
    .await;

    // ขอข้อมูลเพิ่ม: the cards say so, and offer no second ขอข้อมูลเพิ่ม.
    press(&app, &officers, &officer, first_id, "complaints:info:1");
    app.wait_for_text(OFFICERS_GROUP, "พิมพ์คำถาม").await;
    app.tg
        .push_text(&officers, &user(&officer), "เก็บเงินเท่าไหร่คะ");
    press_label(&app, &officers, &officer, "ตรวจสอบก่อนส่ง", "ส่งคำถาม").await;
    wait_for_cards(&app, number, "show the request for more", |m| {
        m["text"].as_str().unwrap().contains("ขอข้อมูลเพิ่มเติมจากผู้ร้อง")
            && !button_data(m).contains(&"complaints:info:1".to_string())
    })
    .await;

    // ปิดเรื่อง: every copy shows the closed case with no buttons at all.
    press(&app, &officers, &officer, copy_id, "complaints:close:1");
    app.wait_for_text(OFFICERS_GROUP, "พิมพ์สรุปผล").await;
    app.tg
        .push_text(&officers, &user(&officer), "ตรวจสอบแล้ว คืนเงินผู้ปกครอง");
    press_label(&app, &officers, &officer, "ตรวจสอบก่อนปิดเรื่อง", "ปิดเรื่อง").await;
    wait_for_cards(&app, number, "show the closed case", |m| {
        m["text"].as_str().unwrap().contains("ดำเนินการเสร็จสิ้น") && button_data(m).is_empty()
    })
    .await;
    // ดูเรื่อง of a closed case: a card without buttons.
    app.tg
        .push_text(&officers, &user(&officer), &format!("ดูเรื่อง {number}"));
    app.tg
        .wait_for("the third card", WAIT, |_| {
            messages_with(&app, OFFICERS_GROUP, "กำหนดตอบรับ").len() == 3
        })
        .await;
    wait_for_cards(&app, number, "all be closed", |m| button_data(m).is_empty()).await;

    // No stale press ever put an error in the group.
    let texts = app.tg.sent_texts(OFFICERS_GROUP);
    assert!(
        texts.iter().all(|t| !t.contains("เปลี่ยนสถานะเรื่อง")),
        "{texts:#?}"
    );
    assert!(texts.len() > sent_before);
    app.stop().await;
}

/// Presses the button labelled `label` on the bot's latest message in `chat` holding
/// `needle`; returns that message's id.
pub async fn press_label(
    app: &TestApp,
    chat: &Chat,
    who: &Person,
    needle: &str,
    label: &str,
) -> i64 {
    app.wait_for_text(chat.id, needle).await;
    let message = messages_with(app, chat.id, needle)
        .pop()
        .unwrap_or_else(|| panic!("no message containing {needle:?}"));
    let data = message["reply_markup"]["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .find(|b| b["text"].as_str().is_some_and(|t| t.contains(label)))
        .and_then(|b| b["callback_data"].as_str().map(str::to_owned))
        .unwrap_or_else(|| panic!("no button {label:?} on {message:#}"));
    let id = message["message_id"].as_i64().unwrap();
    press(app, chat, who, id, &data);
    id
}

/// Waits until the bot's message `message_id` in `chat_id` satisfies `pred`.
pub async fn wait_for_message(
    app: &TestApp,
    chat_id: i64,
    message_id: i64,
    what: &str,
    pred: impl Fn(&Value) -> bool,
) {
    app.tg
        .wait_for(what, WAIT, |_| {
            app.tg
                .bot_messages(chat_id)
                .iter()
                .any(|m| m["message_id"].as_i64() == Some(message_id) && pred(m))
        })
        .await;
}

/// `donor` reports `amount` baht for scholarships as `name` in a private chat, up to the
/// method step.
/// Returns the update ids of the donor's amount and name messages.
pub async fn report_money_until_the_method(
    app: &TestApp,
    donor: &Person,
    amount: &str,
    name: &str,
) -> (i64, i64) {
    let chat = private_chat(donor);
    let from = user(donor);
    app.tg.push_text(&chat, &from, "แจ้งบริจาค");
    press_label(app, &chat, donor, "เงินหรือสิ่งของ", "เงิน").await;
    app.wait_for_text(donor.id, "จำนวนเงินเท่าไร").await;
    let amount = app.tg.push_text(&chat, &from, amount);
    press_label(app, &chat, donor, "วัตถุประสงค์", "ทุนการศึกษา").await;
    app.wait_for_text(donor.id, "แสดงชื่อผู้บริจาค").await;
    let name = app.tg.push_text(&chat, &from, name);
    press_label(app, &chat, donor, "เครือข่ายโรงเรียนใด", "ไม่ระบุ").await;
    (amount, name)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn review_cards_lose_their_buttons_and_dialogue_keyboards_are_spent() {
    let mut app = spawn_app().await;
    let donor = Person::public();
    let chat = private_chat(&donor);
    let from = user(&donor);
    let staff = Person::staff();
    let group = staff_chat();

    report_money_until_the_method(&app, &donor, "2,500", "ครอบครัวใจดี").await;
    // Each step's keyboard went once its choice was made; its question stays.
    for question in ["เงินหรือสิ่งของ", "วัตถุประสงค์", "เครือข่ายโรงเรียนใด"]
    {
        let id = messages_with(&app, donor.id, question)[0]["message_id"]
            .as_i64()
            .unwrap();
        wait_for_message(&app, donor.id, id, "a spent keyboard to go", |m| {
            m.get("reply_markup").is_none() && m["text"].as_str().unwrap().contains(question)
        })
        .await;
    }
    press_label(&app, &chat, &donor, "วิธีใด", "โอนเงิน").await;
    app.wait_for_text(donor.id, "สลิป").await;
    app.tg.push_photo(&chat, &from, "slip-photo-15", None);
    let confirm = press_label(&app, &chat, &donor, "กรุณาตรวจสอบข้อมูล", "ส่งให้เจ้าหน้าที่").await;
    wait_for_message(&app, donor.id, confirm, "the confirm keyboard to go", |m| {
        m.get("reply_markup").is_none()
    })
    .await;
    app.wait_for_text(donor.id, "รหัสรายการ").await;

    // Staff ask for more: the card says so and still offers the decisions.
    let first = press_label(&app, &group, &staff, "แจ้งบริจาคจากผู้บริจาค", "ขอข้อมูลเพิ่ม").await;
    app.wait_for_text(STAFF_GROUP, "ต้องการข้อมูลใดเพิ่มเติม").await;
    app.tg.push_text(&group, &user(&staff), "ขอชื่อบัญชีที่โอนด้วยค่ะ");
    press_label(&app, &group, &staff, "ตรวจสอบก่อนส่ง", "ส่งถึงผู้บริจาค").await;
    wait_for_message(
        &app,
        STAFF_GROUP,
        first,
        "the card to show the request",
        |m| {
            m["caption"]
                .as_str()
                .is_some_and(|t| t.contains("ขอข้อมูลเพิ่มแล้ว") && t.contains("ขอชื่อบัญชีที่โอน"))
                && button_data(m).len() == 3
        },
    )
    .await;

    // The donor answers: a newer card, and the first loses its buttons and points to it.
    app.wait_for_text(donor.id, "ขอชื่อบัญชีที่โอน").await;
    app.tg.push_text(&chat, &from, "บัญชีนายใจดี มีสุข");
    app.wait_for_text(STAFF_GROUP, "บัญชีนายใจดี มีสุข").await;
    wait_for_message(
        &app,
        STAFF_GROUP,
        first,
        "the first card to be superseded",
        |m| {
            m["caption"].as_str().is_some_and(|t| t.contains("การ์ดใหม่"))
                && button_data(m).is_empty()
        },
    )
    .await;

    // Confirmed on the newer card: it shows the number and no buttons.
    let newer = press_label(&app, &group, &staff, "บัญชีนายใจดี มีสุข", "ยืนยันรับ").await;
    assert_ne!(newer, first);
    wait_for_message(
        &app,
        STAFF_GROUP,
        newer,
        "the card to show the decision",
        |m| {
            m["caption"]
                .as_str()
                .is_some_and(|t| t.contains("ยืนยันรับแล้ว") && t.contains("1/2569"))
                && button_data(m).is_empty()
        },
    )
    .await;
    let live: Vec<Value> = messages_with(&app, STAFF_GROUP, "แจ้งบริจาคจากผู้บริจาค")
        .into_iter()
        .filter(|m| !button_data(m).is_empty())
        .collect();
    assert!(live.is_empty(), "cards with buttons left: {live:#?}");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_prompt_in_a_group_takes_only_a_reply_once_its_short_window_has_passed() {
    let mut app = spawn_app().await;
    let filer = Person::new(7_150_002, "ผู้แจ้งพรอมต์", &[]);
    file_tipoff(&app, &filer, "ครูขาดสอนบ่อย").await;
    let officer = Person::officer();
    let officers = officers_chat();
    app.wait_for_text(OFFICERS_GROUP, "กำหนดตอบรับ").await;
    let card = messages_with(&app, OFFICERS_GROUP, "กำหนดตอบรับ")[0]["message_id"]
        .as_i64()
        .unwrap();
    press(&app, &officers, &officer, card, "complaints:ack:1");
    wait_for_cards(&app, "ร-2569-0001", "be acknowledged", |m| {
        m["text"].as_str().unwrap().contains("รับเรื่องแล้ว")
    })
    .await;
    press(&app, &officers, &officer, card, "complaints:close:1");
    app.wait_for_text(OFFICERS_GROUP, "พิมพ์สรุปผล").await;
    let call = app
        .tg
        .calls_of("sendMessage")
        .into_iter()
        .rev()
        .find(|c| {
            c.params["text"]
                .as_str()
                .is_some_and(|t| t.contains("พิมพ์สรุปผล"))
        })
        .unwrap();
    let markup = &call.params["reply_markup"];
    assert_eq!(markup["force_reply"], true, "{markup}");
    assert_eq!(markup["selective"], true, "{markup}");
    assert!(
        markup["input_field_placeholder"]
            .as_str()
            .is_some_and(|p| p.contains("ร-2569-0001")),
        "{markup}"
    );
    // The officer is mentioned with a link, so the reply cue reaches them.
    let text = call.params["text"].as_str().unwrap();
    assert!(
        text.contains(&format!("tg://user?id={}", officer.id)),
        "{text}"
    );
    let prompt = app.tg.bot_message_id(OFFICERS_GROUP, "พิมพ์สรุปผล").unwrap();

    // Later, an ordinary message of the same officer is not the result.
    app.clock.advance(chrono::Duration::minutes(5));
    app.tg
        .push_text(&officers, &user(&officer), "บ่ายนี้ประชุมห้องสองนะคะ");
    app.tg.push_text(&officers, &user(&officer), "/help");
    app.wait_for_text(OFFICERS_GROUP, "เลือกเรื่องที่ต้องการ").await;
    wait_for_cards(&app, "ร-2569-0001", "stay open", |m| {
        !m["text"].as_str().unwrap().contains("ดำเนินการเสร็จสิ้น")
    })
    .await;

    // A reply to the prompt is.
    let mut update = app
        .tg
        .text_update(&officers, &user(&officer), "ตักเตือนครูแล้ว ติดตามต่อเนื่อง");
    update["message"]["reply_to_message"] = app
        .tg
        .bot_messages(OFFICERS_GROUP)
        .into_iter()
        .find(|m| m["message_id"].as_i64() == Some(prompt))
        .unwrap();
    app.tg.push_update(update);
    press_label(&app, &officers, &officer, "ตรวจสอบก่อนปิดเรื่อง", "ปิดเรื่อง").await;
    wait_for_cards(&app, "ร-2569-0001", "be closed", |m| {
        m["text"].as_str().unwrap().contains("ดำเนินการเสร็จสิ้น") && button_data(m).is_empty()
    })
    .await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn photos_sent_in_answer_to_more_information_reach_the_staff() {
    let mut app = spawn_app().await;
    let donor = Person::public();
    let chat = private_chat(&donor);
    let from = user(&donor);
    let staff = Person::staff();
    let group = staff_chat();
    report_money_until_the_method(&app, &donor, "1,000", "คุณใจบุญ").await;
    // Money is transferred or paid in cash: no ส่งมอบสิ่งของ.
    app.wait_for_text(donor.id, "วิธีใด").await;
    let methods = button_data(&messages_with(&app, donor.id, "วิธีใด").pop().unwrap());
    assert_eq!(
        methods,
        [
            "donations:d:method:transfer",
            "donations:d:method:cash",
            "donations:d:cancel"
        ]
    );
    press_label(&app, &chat, &donor, "วิธีใด", "โอนเงิน").await;
    app.wait_for_text(donor.id, "สลิป").await;
    press_label(&app, &chat, &donor, "สลิป", "ข้าม").await;
    press_label(&app, &chat, &donor, "กรุณาตรวจสอบข้อมูล", "ส่งให้เจ้าหน้าที่").await;
    app.wait_for_text(donor.id, "รหัสรายการ").await;
    press_label(&app, &group, &staff, "แจ้งบริจาคจากผู้บริจาค", "ขอข้อมูลเพิ่ม").await;
    app.wait_for_text(STAFF_GROUP, "ต้องการข้อมูลใดเพิ่มเติม").await;
    app.tg.push_text(&group, &user(&staff), "ขอรูปสลิปด้วยค่ะ");
    press_label(&app, &group, &staff, "ตรวจสอบก่อนส่ง", "ส่งถึงผู้บริจาค").await;
    app.wait_for_text(donor.id, "ขอรูปสลิปด้วยค่ะ").await;

    // Two slip photos: each reaches the staff group by file id, each is acknowledged.
    app.tg
        .push_photo(&chat, &from, "more-slip-1", Some("สลิปใบแรก"));
    app.tg.push_photo(&chat, &from, "more-slip-2", None);
    app.tg
        .wait_for("both photos in the staff group", WAIT, |calls| {
            ["more-slip-1", "more-slip-2"].iter().all(|id| {
                calls.iter().any(|c| {
                    c.method.eq_ignore_ascii_case("sendPhoto")
                        && c.chat_id() == Some(STAFF_GROUP)
                        && c.params["photo"] == *id
                })
            })
        })
        .await;
    app.tg
        .wait_for("two acknowledgements to the donor", WAIT, |_| {
            app.tg
                .count_sent_containing(donor.id, "ส่งข้อมูลเพิ่มเติมของรายการ")
                >= 2
        })
        .await;
    let card = app.wait_for_text(STAFF_GROUP, "สลิปใบแรก").await;
    assert!(card.contains("แจ้งบริจาคจากผู้บริจาค"), "{card}");
    // A photo nobody asked for is still answered.
    let stranger = Person::new(7_150_003, "คนทั่วไป", &[]);
    app.tg.push_photo(
        &private_chat(&stranger),
        &user(&stranger),
        "stray-photo",
        None,
    );
    let answer = app.tg.wait_for("an answer to the stray photo", WAIT, |_| {
        !app.tg.sent_texts(stranger.id).is_empty()
    });
    answer.await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn track_answers_in_one_message_with_the_footer_that_fits_the_case() {
    let mut app = spawn_app().await;
    let filer = Person::new(7_150_004, "ผู้ติดตาม", &[]);
    let code = file_tipoff(&app, &filer, "ประตูโรงเรียนชำรุด").await;
    let chat = private_chat(&filer);
    let before = app.tg.sent_texts(filer.id).len();
    app.tg
        .push_text(&chat, &user(&filer), &format!("/track {code}"));
    let view = app.wait_for_text(filer.id, "สถานะ").await;
    assert!(view.contains("ตอบกลับ รหัสติดตาม"), "{view}");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(app.tg.sent_texts(filer.id).len(), before + 1, "one message");

    // Closed: the view says where a new matter goes, with no invitation to add more.
    let officer = Person::officer();
    app.tg.push_text(
        &officers_chat(),
        &user(&officer),
        "สถานะ ร-2569-0001 ยุติ ซ้ำกับเรื่องเดิม",
    );
    // Shown back to check before the case ends.
    app.wait_for_text(OFFICERS_GROUP, "ตรวจสอบก่อนยุติเรื่อง").await;
    let check = app
        .tg
        .bot_message_id(OFFICERS_GROUP, "ตรวจสอบก่อนยุติเรื่อง")
        .expect("the check");
    app.tg.push_callback(
        &officers_chat(),
        &user(&officer),
        check,
        "complaints:chk:send",
    );
    app.wait_for_text(OFFICERS_GROUP, ": ยุติเรื่อง (โดย").await;
    let before = app.tg.sent_texts(filer.id).len();
    app.tg
        .push_text(&chat, &user(&filer), &format!("/track {code}"));
    app.tg
        .wait_for("the closed view", WAIT, |_| {
            app.tg.sent_texts(filer.id).len() > before
        })
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let texts = app.tg.sent_texts(filer.id);
    assert_eq!(texts.len(), before + 1, "one message: {texts:#?}");
    let closed = texts.last().unwrap();
    assert!(closed.contains("ยุติเรื่อง"), "{closed}");
    // Where a new matter goes, in the filer's language (the Thai command word).
    assert!(closed.contains("ยื่นเรื่องใหม่ด้วย ร้องเรียน"), "{closed}");
    assert!(!closed.contains("ตอบกลับ รหัสติดตาม"), "{closed}");
    app.stop().await;
}

/// A donor checking a report before sending can change one part (issue 15 item 9): only that
/// part is asked again, then the summary is shown again, and staff see the corrected report.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_donor_can_edit_one_part_of_a_report_before_sending_it() {
    let mut app = spawn_app().await;
    let donor = Person::public();
    let chat = private_chat(&donor);
    let from = user(&donor);
    report_money_until_the_method(&app, &donor, "1,500", "คุณแก้ไขได้").await;
    press_label(&app, &chat, &donor, "วิธีใด", "โอนเงิน").await;
    press_label(&app, &chat, &donor, "สลิป", "ข้าม").await;
    press_label(&app, &chat, &donor, "กรุณาตรวจสอบข้อมูล", "แก้ไข").await;
    press_label(&app, &chat, &donor, "ต้องการแก้ไขส่วนไหน", "จำนวนเงิน").await;
    sent_twice(&app, donor.id, "จำนวนเงินเท่าไร").await;
    app.tg.push_text(&chat, &from, "2,000");
    // Only the amount was asked: the next question is the check again, with the new amount.
    sent_twice(&app, donor.id, "กรุณาตรวจสอบข้อมูล").await;
    let summaries = messages_with(&app, donor.id, "กรุณาตรวจสอบข้อมูล");
    assert_eq!(summaries.len(), 2, "the summary is shown again");
    assert!(
        summaries[1]["text"].as_str().unwrap().contains("2,000"),
        "{:#}",
        summaries[1]
    );
    assert_eq!(app.tg.count_sent_containing(donor.id, "วิธีใด"), 1);
    press_label(&app, &chat, &donor, "กรุณาตรวจสอบข้อมูล", "ส่งให้เจ้าหน้าที่").await;
    app.wait_for_text(donor.id, "รหัสรายการ").await;
    let card = app.wait_for_text(STAFF_GROUP, "แจ้งบริจาคจากผู้บริจาค").await;
    assert!(card.contains("2,000") && !card.contains("1,500"), "{card}");
    app.stop().await;
}

/// Waits until a second message containing `needle` reached `chat_id`.
pub async fn sent_twice(app: &TestApp, chat_id: i64, needle: &str) {
    let what = format!("{needle:?} sent again");
    app.tg
        .wait_for(&what, std::time::Duration::from_secs(20), |_| {
            app.tg.count_sent_containing(chat_id, needle) >= 2
        })
        .await;
}

/// The school step says กดเลือก only when there is a school to press (issue 15 item 9).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_school_step_asks_to_press_only_with_buttons_to_press() {
    let mut app = spawn_app().await;
    let donor = Person::public();
    let chat = private_chat(&donor);
    let from = user(&donor);
    app.tg.push_text(&chat, &from, "แจ้งบริจาค");
    press_label(&app, &chat, &donor, "เงินหรือสิ่งของ", "เงิน").await;
    app.wait_for_text(donor.id, "จำนวนเงินเท่าไร").await;
    app.tg.push_text(&chat, &from, "3,000");
    press_label(&app, &chat, &donor, "วัตถุประสงค์", "สนับสนุนโรงเรียน").await;
    app.wait_for_text(donor.id, "โรงเรียนใด").await;
    let step = messages_with(&app, donor.id, "โรงเรียนใด").pop().unwrap();
    let schools: Vec<String> = button_data(&step)
        .into_iter()
        .filter(|data| data.starts_with("donations:d:sch:"))
        .collect();
    let text = step["text"].as_str().unwrap();
    assert!(
        !schools.is_empty() || !text.contains("กดเลือก"),
        "asks to press with nothing to press: {step:#}"
    );
    assert!(!text.contains("โรงเรียน เพิ่ม"), "a staff command: {text}");
    app.stop().await;
}
