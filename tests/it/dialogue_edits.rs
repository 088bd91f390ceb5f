//! An edit during an open dialogue (issue 17 item 6): editing the message that answered a
//! step of a dialogue still open applies the new text to it, says so and shows where the
//! dialogue stands; once the dialogue is finished an edit changes nothing and says how to
//! correct. An anonymous filer's correction of their account is taken too, in memory only:
//! nothing identifying them is stored or logged for it.

use crate::cards_e2e::{messages_with, press_label, report_money_until_the_method, sent_twice};
use crate::complaints_support::*;
use crate::support::app::*;
use crate::support::harness::*;
use khetbot::core::Input;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editing_an_answer_of_an_open_donor_report_changes_it_and_shows_the_summary_again() {
    let mut app = spawn_app().await;
    let donor = Person::public();
    let chat = private_chat(&donor);
    let from = user(&donor);
    let (amount, name) = report_money_until_the_method(&app, &donor, "1,500", "คุณสะกดผิด").await;
    press_label(&app, &chat, &donor, "วิธีใด", "โอนเงิน").await;
    press_label(&app, &chat, &donor, "สลิป", "ข้าม").await;
    app.wait_for_text(donor.id, "กรุณาตรวจสอบข้อมูล").await;

    app.tg
        .push_edited_text(&chat, &from, app.tg.message_id_of(amount), "2,000");
    let applied = app.wait_for_text(donor.id, "นำข้อความที่แก้ไขไปใช้").await;
    assert!(
        applied.contains("2,000.00 บาท"),
        "says where it stands: {applied}"
    );
    sent_twice(&app, donor.id, "กรุณาตรวจสอบข้อมูล").await;
    app.tg
        .push_edited_text(&chat, &from, app.tg.message_id_of(name), "คุณสะกดถูก");
    app.tg
        .wait_for("the summary a third time", WAIT, |_| {
            app.tg.count_sent_containing(donor.id, "กรุณาตรวจสอบข้อมูล") >= 3
        })
        .await;
    let summary = messages_with(&app, donor.id, "กรุณาตรวจสอบข้อมูล")
        .pop()
        .unwrap();
    let text = summary["text"].as_str().unwrap();
    assert!(
        text.contains("2,000") && text.contains("คุณสะกดถูก") && !text.contains("คุณสะกดผิด"),
        "{text}"
    );
    assert_eq!(
        app.tg.count_sent_containing(donor.id, "วิธีใด"),
        1,
        "only the edited parts changed: nothing asked again"
    );

    press_label(&app, &chat, &donor, "กรุณาตรวจสอบข้อมูล", "ส่งให้เจ้าหน้าที่").await;
    app.wait_for_text(donor.id, "รหัสรายการ").await;
    let card = app.wait_for_text(STAFF_GROUP, "แจ้งบริจาคจากผู้บริจาค").await;
    assert!(
        card.contains("2,000") && card.contains("คุณสะกดถูก") && !card.contains("1,500"),
        "{card}"
    );

    // The report is sent: an edit now changes nothing, and says so with the report
    // (tests/it/edits_of_closed_steps.rs has the rest).
    app.tg
        .push_edited_text(&chat, &from, app.tg.message_id_of(amount), "3,000");
    app.wait_for_text(donor.id, "ไม่เปลี่ยนรายการที่ส่งให้เจ้าหน้าที่")
        .await;
    assert_eq!(app.tg.count_sent_containing(donor.id, "3,000"), 0);
    app.stop().await;
}

const FILER_ID: i64 = 736_251_904;
const FILER_NAME: &str = "ผู้แจ้งแก้ข้อความลับ";

/// An anonymous filer corrects a message of their account while filing: the new text
/// replaces the old one (they are told so, directly, like every filing step), the filing
/// goes on, and the database, its WAL and the logs hold nothing identifying them.
#[tokio::test]
async fn an_edit_during_an_anonymous_filing_is_taken_and_leaves_no_trace() {
    capture_logs();
    let h = Harness::new().await;
    let filer = Person {
        id: FILER_ID,
        name: FILER_NAME.into(),
        username: Some("edit_filer_unique".into()),
        roles: vec![],
    };
    let mut steps = Vec::new();
    steps.extend(h.send(&filer, Place::Private, "/complain").await);
    steps.extend(
        h.press(&filer, Place::Private, "complaints:cat:tipoff")
            .await,
    );
    steps.extend(h.press(&filer, Place::Private, "complaints:id:anon").await);
    let mut account = h.event(
        &filer,
        Place::Private,
        Input::Text("ครูใหญ่เก็บเงินค่าสอบเพิ่มห้องละห้าร้อย".into()),
    );
    account.message_id = Some(41);
    steps.extend(h.handle(account).await);
    let mut edit = h.event(
        &filer,
        Place::Private,
        Input::Edited {
            text: "ครูใหญ่เก็บเงินค่าสอบเพิ่มห้องละพันบาท".into(),
        },
    );
    edit.message_id = Some(41);
    let answer = h.handle(edit).await;
    let told = answer
        .iter()
        .find(|s| s.chat_id == FILER_ID)
        .expect("the edit is answered");
    assert!(told.text.contains("นำข้อความที่แก้ไขไปใช้"), "{}", told.text);
    // Written in the filer's language, like every message, so a joined heading above it in a
    // busy chat speaks the same language.
    assert_eq!(told.lang.as_deref(), Some("th"), "{told:?}");
    steps.extend(answer);
    steps.extend(
        h.press(&filer, Place::Private, "complaints:account_done")
            .await,
    );
    steps.extend(
        h.press(&filer, Place::Private, "complaints:place:skip")
            .await,
    );
    for step in &steps {
        assert!(
            !step.via_outbox,
            "a filing step went through the outbox: {step:?}"
        );
    }
    let confirmed = h.press(&filer, Place::Private, "complaints:confirm").await;
    let to_officers = confirmed
        .iter()
        .find(|s| s.chat_id == OFFICERS_GROUP)
        .expect("the case reaches the officers");
    assert!(
        to_officers.text.contains("ห้องละพันบาท") && !to_officers.text.contains("ห้องละห้าร้อย"),
        "the edit was taken: {}",
        to_officers.text
    );

    assert_no_trace_of(&h.db_path(), &filer, "ห้องละพันบาท");
}

/// Staff recording step by step in their private chat: an edit of the amount while the
/// dialogue is open is taken; once recorded, an edit of any answer is told the record it
/// made, unchanged, and the exact command to void it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_edits_are_taken_while_recording_and_answered_with_the_record_after() {
    let mut app = spawn_app().await;
    let staff = Person::staff();
    let chat = private_chat(&staff);
    let from = user(&staff);
    app.tg.push_text(&chat, &from, "บริจาค");
    app.wait_for_text(staff.id, "จำนวนเงินเท่าไร").await;
    let amount = app.tg.push_text(&chat, &from, "500");
    press_label(&app, &chat, &staff, "วัตถุประสงค์", "ทุนการศึกษา").await;
    app.wait_for_text(staff.id, "ผู้บริจาคคือใคร").await;
    app.tg
        .push_edited_text(&chat, &from, app.tg.message_id_of(amount), "800");
    let applied = app.wait_for_text(staff.id, "นำข้อความที่แก้ไขไปใช้").await;
    assert!(applied.contains("800.00 บาท"), "{applied}");
    sent_twice(&app, staff.id, "ผู้บริจาคคือใคร").await;
    let name = app.tg.push_text(&chat, &from, "นายแก้ไข ทันเวลา");
    press_label(&app, &chat, &staff, "เครือข่ายโรงเรียนใด", "ไม่ระบุ").await;
    press_label(&app, &chat, &staff, "ตรวจสอบก่อนบันทึก", "บันทึกและออกหลักฐาน").await;
    let proof = app.wait_for_text(staff.id, "เลขที่").await;
    assert!(proof.contains("800.00"), "{proof}");

    app.tg
        .push_edited_text(&chat, &from, app.tg.message_id_of(name), "นายแก้ช้า ไปแล้ว");
    let answer = app.wait_for_text(staff.id, "การแก้ไขข้อความไม่เปลี่ยน").await;
    assert!(
        answer.contains("ยกเลิกบริจาค 1/2569") && answer.contains("นายแก้ไข ทันเวลา"),
        "{answer}"
    );
    app.stop().await;
}

/// A named filer at the summary corrects the place and their contact by editing those
/// messages: the summary comes back with the new values, and the case is filed with them.
#[tokio::test]
async fn a_filer_corrects_the_place_and_contact_by_editing_them_at_the_summary() {
    let h = Harness::new().await;
    let filer = filer(7_450_001);
    let typed = |text: &str, message_id: i64| {
        let mut event = h.event(&filer, Place::Private, Input::Text(text.into()));
        event.message_id = Some(message_id);
        event
    };
    let edited = |text: &str, message_id: i64| {
        let mut event = h.event(&filer, Place::Private, Input::Edited { text: text.into() });
        event.message_id = Some(message_id);
        event
    };
    h.send(&filer, Place::Private, "/request").await;
    h.press(&filer, Place::Private, "complaints:cat:information")
        .await;
    h.press(&filer, Place::Private, "complaints:id:named").await;
    h.handle(typed("สมหญิง 081-000-0000", 51)).await;
    h.handle(typed("ขอสำเนาประกาศรับสมัครครู", 52)).await;
    h.press(&filer, Place::Private, "complaints:account_done")
        .await;
    h.handle(typed("โรงเรียนบ้านเก่า", 53)).await;

    let sent = h.handle(edited("โรงเรียนบ้านใหม่", 53)).await;
    let texts = texts_to(&sent, filer.id).join("\n");
    assert!(texts.contains("นำข้อความที่แก้ไขไปใช้"), "{texts}");
    assert!(
        texts.contains("โรงเรียนบ้านใหม่") && !texts.contains("โรงเรียนบ้านเก่า"),
        "the summary again, with the new place: {texts}"
    );
    let sent = h.handle(edited("สมหญิง 089-999-9999", 51)).await;
    assert!(
        texts_to(&sent, filer.id)
            .join("\n")
            .contains("089-999-9999"),
        "{sent:?}"
    );
    let filed = h.press(&filer, Place::Private, "complaints:confirm").await;
    let card = texts_to(&filed, OFFICERS_GROUP).join("\n");
    assert!(
        card.contains("โรงเรียนบ้านใหม่") && card.contains("089-999-9999"),
        "{card}"
    );
}
