//! Edits of messages whose answer already took effect and closed its step (issue 17 item 6,
//! the cases a dialogue no longer covers): a donor's report already sent, a staff member's
//! message to a donor, an officer's answer to a one-step prompt of a case card. Each edit is
//! answered in place (as a reply to the edited message) with what the message made,
//! unchanged, and how to correct it from where things stand; nothing is changed silently.
//! End to end against the fake Bot API; the anonymous case is scanned like every other path.

use crate::cards_e2e::{press_label, report_money_until_the_method};
use crate::complaints_support::*;
use crate::support::app::*;
use crate::support::harness::*;
use khetbot::core::Input;

/// The `sendMessage` call whose text contains `needle`: it must reply to `message_id`.
fn replies_to(app: &TestApp, needle: &str, message_id: i64) {
    let call = app
        .tg
        .calls_of("sendMessage")
        .into_iter()
        .rev()
        .find(|call| {
            call.params["text"]
                .as_str()
                .is_some_and(|text| text.contains(needle))
        })
        .unwrap_or_else(|| panic!("no message with {needle:?}"));
    assert_eq!(
        call.params["reply_parameters"]["message_id"].as_i64(),
        Some(message_id),
        "answered in place: {:#}",
        call.params
    );
}

fn report_state(app: &TestApp) -> (String, i64, Option<String>) {
    let conn = rusqlite::Connection::open(app.dir.path().join("bot.sqlite3")).unwrap();
    conn.query_row(
        "SELECT state, amount, staff_message FROM donation_reports",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_of_a_sent_donor_report_and_of_the_staff_request_are_answered_with_them() {
    let mut app = spawn_app().await;
    let donor = Person::public();
    let chat = private_chat(&donor);
    let from = user(&donor);
    let staff = Person::staff();
    let group = staff_chat();
    let (amount, _) = report_money_until_the_method(&app, &donor, "1,500", "คุณใจบุญ").await;
    press_label(&app, &chat, &donor, "วิธีใด", "โอนเงิน").await;
    press_label(&app, &chat, &donor, "สลิป", "ข้าม").await;
    press_label(&app, &chat, &donor, "กรุณาตรวจสอบข้อมูล", "ส่งให้เจ้าหน้าที่").await;
    app.wait_for_text(donor.id, "รหัสรายการ").await;

    // The donor edits their amount after sending: the report, its code, and whom to ask.
    let amount_id = app.tg.message_id_of(amount);
    app.tg.push_edited_text(&chat, &from, amount_id, "2,000");
    let answer = app
        .wait_for_text(donor.id, "ไม่เปลี่ยนรายการที่ส่งให้เจ้าหน้าที่")
        .await;
    assert!(
        answer.contains("R1") && answer.contains("1,500.00") && answer.contains("รอเจ้าหน้าที่ยืนยัน"),
        "names the report, unchanged: {answer}"
    );
    assert!(
        answer.contains("แจ้งเจ้าหน้าที่") && answer.contains("แจ้งบริจาค"),
        "says whom to ask and how: {answer}"
    );
    replies_to(&app, "ไม่เปลี่ยนรายการที่ส่งให้เจ้าหน้าที่", amount_id);
    assert_eq!(report_state(&app).1, 150_000, "the report keeps its amount");

    // Staff ask for more, then edit what they asked: told it went to the donor as it was,
    // and how to send the right one. The donor gets nothing new.
    press_label(&app, &group, &staff, "แจ้งบริจาคจากผู้บริจาค", "ขอข้อมูลเพิ่ม").await;
    app.wait_for_text(STAFF_GROUP, "ต้องการข้อมูลใดเพิ่มเติม").await;
    // Edited while it is shown back to check, it is shown again as edited, and sent so.
    let request = app.tg.push_text(&group, &user(&staff), "ขอชื่อบัญชีด้วยค่ะ");
    app.wait_for_text(STAFF_GROUP, "«ขอชื่อบัญชีด้วยค่ะ»").await;
    let request_id = app.tg.message_id_of(request);
    app.tg
        .push_edited_text(&group, &user(&staff), request_id, "ขอชื่อบัญชีที่โอนด้วยค่ะ");
    app.wait_for_text(STAFF_GROUP, "«ขอชื่อบัญชีที่โอนด้วยค่ะ»").await;
    press_label(&app, &group, &staff, "ขอชื่อบัญชีที่โอนด้วยค่ะ»", "ส่งถึงผู้บริจาค").await;
    app.wait_for_text(donor.id, "ขอชื่อบัญชีที่โอน").await;
    let to_donor = app.tg.sent_texts(donor.id).len();
    app.tg
        .push_edited_text(&group, &user(&staff), request_id, "ขอเลขบัญชีที่โอนด้วยค่ะ");
    let answer = app.wait_for_text(STAFF_GROUP, "ส่งถึงผู้บริจาคของรายการ").await;
    assert!(
        answer.contains("ขอชื่อบัญชีที่โอนด้วยค่ะ") && answer.contains("ขอข้อมูลเพิ่ม บนการ์ด"),
        "{answer}"
    );
    replies_to(&app, "ส่งถึงผู้บริจาคของรายการ", request_id);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        app.tg.sent_texts(donor.id).len(),
        to_donor,
        "nothing new to the donor"
    );
    assert_eq!(
        report_state(&app).2.as_deref(),
        Some("ขอชื่อบัญชีที่โอนด้วยค่ะ"),
        "what was sent stays on record"
    );

    // Now that staff wait for more, the donor's edit is told the step that exists.
    app.tg.push_edited_text(&chat, &from, amount_id, "2,500");
    app.tg
        .wait_for("the second answer", WAIT, |_| {
            app.tg
                .count_sent_containing(donor.id, "พิมพ์ข้อมูลที่ถูกต้องส่งมาเป็นข้อความใหม่")
                == 1
        })
        .await;
    app.stop().await;
}

/// An officer answers the one-step prompts of an anonymous case's card (ขอข้อมูลเพิ่ม, then
/// ส่งต่อ) and edits each answer: each edit is answered in place with what was sent or
/// recorded and the exact command that corrects it; the case keeps what was recorded; and
/// nothing identifying the filer reaches the database, its WAL or the logs.
#[tokio::test]
async fn edits_of_an_officers_prompt_answers_are_answered_with_the_record_and_leave_no_trace() {
    capture_logs();
    let h = Harness::new().await;
    let whistleblower = Person {
        id: 845_162_937,
        name: "ผู้แจ้งแก้คำตอบลับ".into(),
        username: Some("prompt_edit_filer_unique".into()),
        roles: vec![],
    };
    let filed = file(
        &h,
        &whistleblower,
        &Filing::tipoff(&["ครูเวรไม่อยู่เวรกลางคืนบ่อยครั้ง"]),
    )
    .await;
    let case_id: i64 = 1;
    let officer = Person::officer();
    let typed = |text: &str, message_id: i64| {
        let mut event = h.event(&officer, Place::Officers, Input::Text(text.into()));
        event.message_id = Some(message_id);
        event
    };
    let edited = |text: &str, message_id: i64| {
        let mut event = h.event(
            &officer,
            Place::Officers,
            Input::Edited { text: text.into() },
        );
        event.message_id = Some(message_id);
        event
    };

    h.press(
        &officer,
        Place::Officers,
        &format!("complaints:info:{case_id}"),
    )
    .await;
    let check = h.handle(typed("เกิดขึ้นวันไหนบ้าง", 901)).await.remove(0);
    // Edited while it is shown back to check: shown again as edited, and sent so.
    let check_again = h.handle(edited("เกิดขึ้นวันไหนบ้างคะ", 901)).await;
    let check_again = check_again
        .iter()
        .find(|s| s.text.contains("«เกิดขึ้นวันไหนบ้างคะ»"))
        .unwrap_or_else(|| panic!("{check_again:?}"));
    assert!(check.text.contains("«เกิดขึ้นวันไหนบ้าง»"), "{}", check.text);
    h.press(&officer, Place::Officers, &check_again.button("ส่งคำถาม"))
        .await;
    let sent = h.handle(edited("เกิดขึ้นช่วงเดือนไหนคะ", 901)).await;
    let answer = sent
        .iter()
        .find(|s| s.chat_id == OFFICERS_GROUP)
        .expect("the edit is answered in the officers' group");
    assert!(
        answer.text.contains("เกิดขึ้นวันไหนบ้างคะ")
            && answer.text.contains(&format!("ตอบ {}", filed.case))
            && answer.text.contains("รหัสติดตาม"),
        "what was kept for the filer and how to correct: {}",
        answer.text
    );
    assert!(sent.iter().all(|s| s.chat_id == OFFICERS_GROUP), "{sent:?}");

    h.press(
        &officer,
        Place::Officers,
        &format!("complaints:fwd:{case_id}"),
    )
    .await;
    let check = h.handle(typed("สำนักงานศึกษาธิการจังหวัด", 902)).await.remove(0);
    h.press(&officer, Place::Officers, &check.button("ส่งต่อเรื่อง"))
        .await;
    let sent = h.handle(edited("สำนักงานเขตสุขภาพ", 902)).await;
    let answer = texts_to(&sent, OFFICERS_GROUP).join("\n");
    assert!(
        answer.contains("สำนักงานศึกษาธิการจังหวัด")
            && answer.contains(&format!("สถานะ {} กำลังดำเนินการ", filed.case))
            && answer.contains(&format!("สถานะ {} ส่งต่อ", filed.case)),
        "the agency recorded and the two commands that correct it: {answer}"
    );
    let view = h
        .reply(&officer, Place::Officers, &format!("ดูเรื่อง {}", filed.case))
        .await;
    assert!(
        view.text.contains("สำนักงานศึกษาธิการจังหวัด") && !view.text.contains("สำนักงานเขตสุขภาพ"),
        "the case keeps what was recorded: {}",
        view.text
    );

    assert_no_trace_of(&h.db_path(), &whistleblower, "เกิดขึ้นวันไหนบ้างคะ");
}

/// A command that did nothing (refused: no such record) and is then corrected by an edit: the
/// answer says the bot does not act on edits and to send the corrected text as a new message,
/// and does not tell staff to void a record that was never made.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_of_a_refused_command_says_to_send_it_again_not_to_void_anything() {
    let mut app = spawn_app().await;
    let staff = user(&Person::staff());
    let typed = app.tg.push_text(&staff_chat(), &staff, "ใบอนุโมทนา 99/2569");
    app.tg
        .wait_for("the refusal", WAIT, |_| {
            !app.tg.sent_texts(STAFF_GROUP).is_empty()
        })
        .await;
    let message_id = app.tg.message_id_of(typed);
    app.tg
        .push_edited_text(&staff_chat(), &staff, message_id, "ใบอนุโมทนา 1/2569");
    let answer = app.wait_for_text(STAFF_GROUP, "แก้ไข").await;
    assert!(
        !answer.contains("ยกเลิกบริจาค"),
        "nothing was recorded, nothing to void: {answer}"
    );
    assert!(answer.contains("ข้อความใหม่"), "{answer}");
    replies_to(&app, "แก้ไข", message_id);
    app.stop().await;
}

/// A donation recorded from a photo's caption (the slip with its line): an edit of the
/// caption is answered with the record it made and how to void it, as for a typed line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edited_caption_that_recorded_a_donation_is_answered_with_the_record() {
    let mut app = spawn_app().await;
    let staff = user(&Person::staff());
    let sent = app.tg.push_photo(
        &staff_chat(),
        &staff,
        "SLIP-CAPTIONED",
        Some("บริจาค 500 บาท จาก นายภาพ ถ่ายดี เพื่อ ทุนการศึกษา"),
    );
    app.wait_for_text(STAFF_GROUP, "เลขที่").await;
    let message_id = app.tg.message_id_of(sent);
    app.tg.push_edited_text(
        &staff_chat(),
        &staff,
        message_id,
        "บริจาค 5000 บาท จาก นายภาพ ถ่ายดี เพื่อ ทุนการศึกษา",
    );
    let answer = app.wait_for_text(STAFF_GROUP, "การแก้ไขข้อความไม่เปลี่ยน").await;
    assert!(
        answer.contains("ยกเลิกบริจาค 1/2569") && answer.contains("นายภาพ ถ่ายดี"),
        "{answer}"
    );
    replies_to(&app, "การแก้ไขข้อความไม่เปลี่ยน", message_id);
    app.stop().await;
}

/// A deadline added by a command, then the command edited: the deadline as it stands and the
/// commands that correct it (move it by its number, or delete it and add the right one).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edited_deadline_command_is_answered_with_the_deadline_and_how_to_correct_it() {
    let mut app = spawn_app().await;
    let staff = user(&Person::staff());
    let typed = app.tg.push_text(
        &staff_chat(),
        &staff,
        "เพิ่มกำหนดการ 25 มิ.ย. 2569 ส่งรายงานผลการจัดสรรทุน",
    );
    app.wait_for_text(STAFF_GROUP, "ส่งรายงานผลการจัดสรรทุน").await;
    let message_id = app.tg.message_id_of(typed);
    app.tg.push_edited_text(
        &staff_chat(),
        &staff,
        message_id,
        "เพิ่มกำหนดการ 26 มิ.ย. 2569 ส่งรายงานผลการจัดสรรทุน",
    );
    let answer = app
        .wait_for_text(STAFF_GROUP, "ไม่เปลี่ยนกำหนดการที่เพิ่มไปแล้ว")
        .await;
    assert!(
        answer.contains("#1") && answer.contains("25 มิ.ย.") && answer.contains("เลื่อน 1"),
        "{answer}"
    );
    assert!(answer.contains("ลบกำหนดการ 1"), "{answer}");
    replies_to(&app, "ไม่เปลี่ยนกำหนดการที่เพิ่มไปแล้ว", message_id);
    app.stop().await;
}
