//! The day a gift was received, in the step-by-step record and in a donor's report. Only the
//! one-line form read it (`รับเมื่อ 3 ธ.ค.`, `เมื่อวาน`): a gift recorded step by step, or
//! reported by its donor, was dated the day it was typed, with no way to say otherwise, so a
//! gift of last week (or of last fiscal year) took today's date and this year's number. The
//! check now shows the date, today unless changed, and แก้ไข changes it, read as the one-line
//! form reads it and refused or asked about as that form is.

use crate::donation_documents::donation_count;
use crate::support::harness::*;
use khetbot::core::Input;
use rusqlite::Connection;

fn db(h: &Harness) -> Connection {
    Connection::open(h.db_path()).unwrap()
}

/// The last message of `sent` that says `words`.
fn the_one_saying(sent: Vec<Sent>, words: &str) -> Sent {
    sent.iter()
        .rev()
        .find(|s| s.text.contains(words))
        .cloned()
        .unwrap_or_else(|| panic!("nothing says {words:?}: {sent:?}"))
}

/// Staff record money step by step up to the check before it is numbered.
async fn guided_money_until_the_check(h: &Harness, staff: &Person) -> Sent {
    let asked = h.send(staff, Place::Staff, "บริจาค").await;
    the_one_saying(asked, "จำนวนเงินเท่าไร");
    let purpose = h.reply(staff, Place::Staff, "3,000").await;
    let donor = h
        .press(staff, Place::Staff, &purpose.button("ทุนการศึกษา"))
        .await;
    the_one_saying(donor, "ผู้บริจาคคือใคร");
    let network = h.reply(staff, Place::Staff, "นายย้อน หลังวัน").await;
    let check = h.press(staff, Place::Staff, &network.button("ไม่ระบุ")).await;
    the_one_saying(check, "ตรวจสอบก่อนบันทึก")
}

/// Staff record goods step by step up to the check before it is numbered.
async fn guided_goods_until_the_check(h: &Harness, staff: &Person) -> Sent {
    let asked = h.send(staff, Place::Staff, "บริจาคสิ่งของ").await;
    the_one_saying(asked, "สิ่งของที่บริจาคคืออะไร");
    h.reply(staff, Place::Staff, "พัดลม 5 เครื่อง").await;
    let purpose = h.reply(staff, Place::Staff, "7,500").await;
    let donor = h
        .press(staff, Place::Staff, &purpose.button("พัฒนาสำนักงาน"))
        .await;
    let donor = the_one_saying(donor, "ผู้บริจาค");
    let network = h
        .press(staff, Place::Staff, &donor.button("ไม่ประสงค์ออกนาม"))
        .await;
    let network = the_one_saying(network, "เครือข่าย");
    let check = h.press(staff, Place::Staff, &network.button("ไม่ระบุ")).await;
    the_one_saying(check, "ตรวจสอบก่อนบันทึก")
}

/// A donor reports a transfer step by step up to the check before it is sent.
async fn report_until_the_check(h: &Harness, donor: &Person) -> Sent {
    report_until_the_slip(h, donor).await;
    let check = h
        .send_photo(donor, Place::Private, "slip-of-a-late-report", None)
        .await;
    the_one_saying(check, "ตรวจสอบข้อมูล")
}

/// A donor reports a transfer step by step up to the question for its slip.
async fn report_until_the_slip(h: &Harness, donor: &Person) -> Sent {
    let first = h.send(donor, Place::Private, "แจ้งบริจาค").await;
    let kind = the_one_saying(first, "เงินหรือสิ่งของ");
    h.press(donor, Place::Private, &kind.button("เงิน")).await;
    let purpose = h.reply(donor, Place::Private, "1,200").await;
    h.press(donor, Place::Private, &purpose.button("ทุนการศึกษา"))
        .await;
    let network = h.reply(donor, Place::Private, "นางให้ ย้อนวัน").await;
    let method = h
        .press(donor, Place::Private, &network.button("ไม่ระบุ"))
        .await;
    let method = the_one_saying(method, "วิธีใด");
    let slip = h
        .press(donor, Place::Private, &method.button("โอนเงิน"))
        .await;
    the_one_saying(slip, "ส่งรูปสลิป")
}

/// A donor who answered the slip's question with the day ("เมื่อวานค่ะ": they transferred
/// yesterday) was asked for the slip again as if nothing had been typed, and the gift kept
/// today's date. The day is taken, said so, and the slip asked for again; other words typed
/// there are said to be no slip, before it is asked for again.
#[tokio::test]
async fn a_day_typed_at_the_slip_step_dates_the_gift_and_other_words_are_told_no_slip() {
    let h = Harness::new().await;
    let donor = Person::public();
    report_until_the_slip(&h, &donor).await;
    let sent = h.send(&donor, Place::Private, "เมื่อวานค่ะ").await;
    let said: String = sent.iter().map(|s| s.text.as_str()).collect();
    assert!(
        said.contains("14 มิ.ย. 2569") && sent.last().unwrap().text.contains("ส่งรูปสลิป"),
        "{sent:?}"
    );
    let sent = h.send(&donor, Place::Private, "รอแป๊บนะคะ").await;
    let said: String = sent.iter().map(|s| s.text.as_str()).collect();
    assert!(
        said.contains("«รอแป๊บนะคะ»") && sent.last().unwrap().text.contains("ส่งรูปสลิป"),
        "{sent:?}"
    );
    let check = h
        .send_photo(&donor, Place::Private, "slip-of-yesterday", None)
        .await;
    let check = the_one_saying(check, "ตรวจสอบข้อมูล");
    assert!(
        check.text.contains("วันที่บริจาค: 14 มิ.ย. 2569"),
        "{}",
        check.text
    );
}

/// The donor sends their checked report, and staff confirm it: the messages of the
/// confirmation.
async fn send_and_confirm(h: &Harness, donor: &Person, check: &Sent) -> Vec<Sent> {
    let sent = h
        .press(donor, Place::Private, &check.button("ส่งให้เจ้าหน้าที่"))
        .await;
    let card = sent
        .iter()
        .find(|s| s.chat_id == STAFF_GROUP)
        .expect("the card")
        .clone();
    h.press(&Person::staff(), Place::Staff, &card.button("ยืนยันรับ"))
        .await
}

/// The day received and the fiscal year of the only record.
fn the_record_s_day_and_year(h: &Harness) -> (String, i64) {
    db(h)
        .query_row("SELECT received_on, fiscal_year FROM donations", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap()
}

/// At a check, แก้ไข and then the date's choice: the date's question.
async fn change_the_date(
    h: &Harness,
    person: &Person,
    place: Place,
    check: &Sent,
    label: &str,
) -> Sent {
    let which = h.press(person, place, &check.button("แก้ไข")).await;
    let which = which.last().unwrap();
    let asked = h.press(person, place, &which.button(label)).await;
    the_one_saying(asked, "เมื่อวันที่เท่าไร")
}

/// A line that is a command, typed where the date is asked: held, not taken as the date;
/// ทำต่อ asks the date again.
async fn a_command_is_held_at_the_date(h: &Harness, person: &Person, place: Place, line: &str) {
    let held = h.send(person, place, line).await;
    let held = the_one_saying(held, "เป็นคำสั่ง");
    assert!(held.text.contains(line), "{}", held.text);
    let asked = h.press(person, place, &held.button("ทำต่อ")).await;
    the_one_saying(asked, "เมื่อวันที่เท่าไร");
}

fn received_on(h: &Harness, number: i64) -> String {
    db(h)
        .query_row(
            "SELECT received_on FROM donations WHERE fiscal_year = 2569 AND number = ?1",
            [number],
            |r| r.get(0),
        )
        .unwrap()
}

#[tokio::test]
async fn a_guided_record_shows_its_received_date_and_changes_it_at_the_check() {
    let h = Harness::new().await;
    let staff = Person::staff();
    let check = guided_money_until_the_check(&h, &staff).await;
    assert!(
        check.text.contains("วันที่รับ: 15 มิ.ย. 2569"),
        "today unless changed: {}",
        check.text
    );
    change_the_date(&h, &staff, Place::Staff, &check, "วันที่รับ").await;
    a_command_is_held_at_the_date(&h, &staff, Place::Staff, "ยอดบริจาค เดือนที่แล้ว").await;

    let future = h.reply(&staff, Place::Staff, "20 มิ.ย. 2569").await;
    assert!(future.text.contains("ยังมาไม่ถึง"), "{}", future.text);
    let too_old = h.reply(&staff, Place::Staff, "5/12/26").await;
    assert!(
        too_old.text.contains("ย้อนไปก่อนปีงบประมาณที่แล้ว"),
        "{}",
        too_old.text
    );
    assert_eq!(donation_count(&h), 0);

    // Thai digits and the line's own word for the date.
    let check = h.reply(&staff, Place::Staff, "วันที่ ๓ ธ.ค. ๒๕๖๘").await;
    assert!(
        check.text.contains("ตรวจสอบก่อนบันทึก") && check.text.contains("วันที่รับ: 3 ธ.ค. 2568"),
        "{}",
        check.text
    );
    assert_eq!(
        donation_count(&h),
        0,
        "nothing is numbered before the check"
    );
    let done = h
        .press(&staff, Place::Staff, &check.button("บันทึกและออกหลักฐาน"))
        .await;
    let proof = the_one_saying(done, "เลขที่");
    assert!(
        proof.text.contains("เลขที่ 1/2569") && proof.text.contains("3 ธ.ค. 2568"),
        "{}",
        proof.text
    );
    assert_eq!(received_on(&h, 1), "2025-12-03");
    let audited: String = db(&h)
        .query_row(
            "SELECT detail FROM audit_log WHERE action = 'donation.record'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(audited.contains("2025-12-03"), "{audited}");
}

/// Goods too; a date in the closed fiscal year is asked about as a typed line's is, and the
/// question offers to change the date rather than only to drop the record typed step by step.
#[tokio::test]
async fn a_guided_date_in_a_closed_year_is_asked_about_and_can_be_changed_there() {
    let h = Harness::new().await;
    let staff = Person::staff();
    let check = guided_goods_until_the_check(&h, &staff).await;
    assert!(check.text.contains("วันที่รับ: 15 มิ.ย. 2569"), "{}", check.text);
    change_the_date(&h, &staff, Place::Staff, &check, "วันที่รับ").await;
    let check = h.reply(&staff, Place::Staff, "30 ก.ย. 2568").await;
    assert!(check.text.contains("30 ก.ย. 2568"), "{}", check.text);
    let asked = h
        .press(&staff, Place::Staff, &check.button("บันทึกและออกหลักฐาน"))
        .await;
    let asked = the_one_saying(asked, "ซึ่งปิดแล้ว");
    assert!(
        asked.text.contains("ปีงบประมาณ 2568 ซึ่งปิดแล้ว"),
        "{}",
        asked.text
    );
    assert_eq!(donation_count(&h), 0);

    let again = h
        .press(&staff, Place::Staff, &asked.button("แก้ไขวันที่รับ"))
        .await;
    the_one_saying(again, "เมื่อวันที่เท่าไร");
    let check = h.reply(&staff, Place::Staff, "เมื่อวาน").await;
    assert!(
        check.text.contains("ตรวจสอบก่อนบันทึก") && check.text.contains("วันที่รับ: 14 มิ.ย. 2569"),
        "shown again to check: {}",
        check.text
    );
    let done = h
        .press(&staff, Place::Staff, &check.button("บันทึกและออกหลักฐาน"))
        .await;
    let proof = the_one_saying(done, "เลขที่");
    assert!(
        proof.text.contains("เลขที่ 1/2569")
            && proof.text.contains("14 มิ.ย. 2569")
            && proof.text.contains("พัดลม 5 เครื่อง"),
        "{}",
        proof.text
    );
    assert_eq!(received_on(&h, 1), "2026-06-14");
}

/// Words typed to "which part do you want to change?" asked it again as if nothing had been
/// typed; they are now said not to be one of the choices, as at the other questions that only
/// buttons answer.
#[tokio::test]
async fn words_typed_to_which_part_to_change_are_told_to_press_a_button() {
    let h = Harness::new().await;
    let donor = Person::public();
    let check = report_until_the_check(&h, &donor).await;
    h.press(&donor, Place::Private, &check.button("แก้ไข")).await;
    let sent = h.send(&donor, Place::Private, "อยากแก้ชื่อค่ะ").await;
    let said: String = sent.iter().map(|s| s.text.as_str()).collect();
    assert!(
        said.contains("«อยากแก้ชื่อค่ะ»") && said.contains("ต้องการแก้ไขส่วนไหน"),
        "{sent:?}"
    );
}

#[tokio::test]
async fn a_donor_s_report_shows_the_day_given_and_changes_it_at_the_check() {
    let h = Harness::new().await;
    let donor = Person::public();
    let check = report_until_the_check(&h, &donor).await;
    assert!(
        check.text.contains("วันที่บริจาค") && check.text.contains("15 มิ.ย. 2569"),
        "today unless changed: {}",
        check.text
    );

    change_the_date(&h, &donor, Place::Private, &check, "วันที่บริจาค").await;
    a_command_is_held_at_the_date(&h, &donor, Place::Private, "วันหยุด").await;
    let too_old = h.reply(&donor, Place::Private, "5/12/26").await;
    assert!(
        too_old.text.contains("ย้อนไปก่อนปีงบประมาณที่แล้ว") && !too_old.text.contains("นำเข้า"),
        "the donor's refusal, as their one line gets: {}",
        too_old.text
    );

    let mut answer = h.event(&donor, Place::Private, Input::Text("10 มิ.ย.".into()));
    answer.message_id = Some(71);
    let check = the_one_saying(h.handle(answer).await, "ตรวจสอบข้อมูล");
    assert!(check.text.contains("10 มิ.ย. 2569"), "{}", check.text);
    // The message that gave the date, edited while the report is open, gives it anew.
    let mut edit = h.event(
        &donor,
        Place::Private,
        Input::Edited {
            text: "เมื่อวาน".into(),
        },
    );
    edit.message_id = Some(71);
    let check = the_one_saying(h.handle(edit).await, "ตรวจสอบข้อมูล");
    assert!(
        check.text.contains("14 มิ.ย. 2569") && !check.text.contains("10 มิ.ย."),
        "{}",
        check.text
    );

    let sent = h
        .press(&donor, Place::Private, &check.button("ส่งให้เจ้าหน้าที่"))
        .await;
    let card = sent
        .iter()
        .find(|s| s.chat_id == STAFF_GROUP)
        .expect("the card")
        .clone();
    assert!(card.text.contains("14 มิ.ย. 2569"), "{}", card.text);
    h.press(&Person::staff(), Place::Staff, &card.button("ยืนยันรับ"))
        .await;
    assert_eq!(received_on(&h, 1), "2026-06-14");
}

/// A one-line record's closed-year question offers the same change of date; the record, no
/// longer as typed, is shown to check before it is numbered. วันนี้ is a button there.
#[tokio::test]
async fn a_one_line_record_s_closed_year_date_is_changed_from_the_question() {
    let h = Harness::new().await;
    let staff = Person::staff();
    let asked = h
        .reply(
            &staff,
            Place::Staff,
            "บริจาค 2,000 บาท จาก นายข เพื่อ สำนักงาน วันที่ 30 ก.ย. 2568",
        )
        .await;
    assert!(asked.text.contains("ซึ่งปิดแล้ว"), "{}", asked.text);
    let again = h
        .press(&staff, Place::Staff, &asked.button("แก้ไขวันที่รับ"))
        .await;
    let again = the_one_saying(again, "เมื่อวันที่เท่าไร");
    let check = h.press(&staff, Place::Staff, &again.button("วันนี้")).await;
    let check = the_one_saying(check, "ตรวจสอบก่อนบันทึก");
    assert!(check.text.contains("วันที่รับ: 15 มิ.ย. 2569"), "{}", check.text);
    assert_eq!(donation_count(&h), 0, "checked before it is numbered");
    let done = h
        .press(&staff, Place::Staff, &check.button("บันทึกและออกหลักฐาน"))
        .await;
    the_one_saying(done, "เลขที่ 1/2569");
    assert_eq!(received_on(&h, 1), "2026-06-15");
}

/// The check shows the day received; the record is written from the check as confirmed, so a
/// press after midnight records the day shown, not the day of the press.
#[tokio::test]
async fn a_record_checked_before_midnight_and_pressed_after_keeps_the_day_shown() {
    let h = Harness::new().await;
    let staff = Person::staff();
    h.clock.set(bangkok(2026, 6, 14, 23, 57));
    let check = guided_goods_until_the_check(&h, &staff).await;
    assert!(check.text.contains("วันที่รับ: 14 มิ.ย. 2569"), "{}", check.text);
    h.clock.set(bangkok(2026, 6, 15, 0, 2));
    let done = h
        .press(&staff, Place::Staff, &check.button("บันทึกและออกหลักฐาน"))
        .await;
    let proof = the_one_saying(done, "เลขที่");
    assert!(
        proof.text.contains("เลขที่ 1/2569 วันที่ 14 มิ.ย. 2569"),
        "{}",
        proof.text
    );
    assert_eq!(the_record_s_day_and_year(&h), ("2026-06-14".into(), 2569));
}

/// The reviewer's case: checked on 30 ก.ย., the last day of fiscal year 2569, and pressed five
/// minutes later, on 1 ต.ค. (fiscal year 2570). The day shown is kept, and as its year has
/// closed since, it is asked about as any day of a closed year is, never numbered 1/2570
/// unseen.
#[tokio::test]
async fn a_record_checked_on_the_year_s_last_day_and_pressed_in_the_next_is_asked_about() {
    let h = Harness::new().await;
    let staff = Person::staff();
    h.clock.set(bangkok(2026, 9, 30, 23, 56));
    let check = guided_money_until_the_check(&h, &staff).await;
    assert!(check.text.contains("วันที่รับ: 30 ก.ย. 2569"), "{}", check.text);
    h.clock.set(bangkok(2026, 10, 1, 0, 1));
    let asked = h
        .press(&staff, Place::Staff, &check.button("บันทึกและออกหลักฐาน"))
        .await;
    let asked = the_one_saying(asked, "ซึ่งปิดแล้ว");
    assert!(
        asked
            .text
            .contains("30 ก.ย. 2569 อยู่ในปีงบประมาณ 2569 ซึ่งปิดแล้ว"),
        "{}",
        asked.text
    );
    assert_eq!(
        donation_count(&h),
        0,
        "nothing numbered before it is answered"
    );
    let done = h
        .press(&staff, Place::Staff, &asked.button("บันทึกในปีงบประมาณ 2569"))
        .await;
    let proof = the_one_saying(done, "เลขที่");
    assert!(
        proof.text.contains("เลขที่ 1/2569 วันที่ 30 ก.ย. 2569"),
        "{}",
        proof.text
    );
    assert_eq!(the_record_s_day_and_year(&h), ("2026-09-30".into(), 2569));
}

/// A line without วันที่ says the gift came the day it is typed: a button that completes it
/// after midnight, or that says to record the same donation again, does not move it.
#[tokio::test]
async fn a_line_completed_by_a_button_after_midnight_keeps_the_day_it_was_typed() {
    let h = Harness::new().await;
    let staff = Person::staff();
    h.clock.set(bangkok(2026, 6, 14, 23, 58));
    let purpose = h
        .reply(&staff, Place::Staff, "บริจาค 800 บาท จาก นายปุ่ม กดช้า")
        .await;
    h.clock.set(bangkok(2026, 6, 15, 0, 1));
    let done = h
        .press(&staff, Place::Staff, &purpose.button("ทุนการศึกษา"))
        .await;
    let proof = the_one_saying(done, "เลขที่");
    assert!(
        proof.text.contains("เลขที่ 1/2569 วันที่ 14 มิ.ย. 2569"),
        "{}",
        proof.text
    );

    let line = "บริจาค 500 บาท จาก นายซ้ำ สองหน เพื่อ ทุนการศึกษา";
    h.clock.set(bangkok(2026, 6, 15, 23, 50));
    let first = h.send(&staff, Place::Staff, line).await;
    the_one_saying(first, "เลขที่ 2/2569");
    h.clock.set(bangkok(2026, 6, 15, 23, 58));
    let asked = h.reply(&staff, Place::Staff, line).await;
    assert!(asked.text.contains("ตรงกับเลขที่ 2/2569"), "{}", asked.text);
    h.clock.set(bangkok(2026, 6, 16, 0, 1));
    let done = h
        .press(&staff, Place::Staff, &asked.button("บันทึกอีกรายการ"))
        .await;
    let proof = the_one_saying(done, "เลขที่");
    assert!(
        proof.text.contains("เลขที่ 3/2569 วันที่ 15 มิ.ย. 2569"),
        "{}",
        proof.text
    );
    assert_eq!(received_on(&h, 3), "2026-06-15");
}

/// A donor's check shows the day given, today unless changed; sent after midnight, the report
/// keeps that day, and staff record it on that day.
#[tokio::test]
async fn a_report_checked_before_midnight_and_sent_after_keeps_the_day_shown() {
    let h = Harness::new().await;
    let donor = Person::public();
    h.clock.set(bangkok(2026, 6, 14, 23, 58));
    let check = report_until_the_check(&h, &donor).await;
    assert!(
        check.text.contains("วันที่บริจาค: 14 มิ.ย. 2569"),
        "{}",
        check.text
    );
    h.clock.set(bangkok(2026, 6, 15, 0, 1));
    let confirmed = send_and_confirm(&h, &donor, &check).await;
    the_one_saying(confirmed, "1/2569");
    assert_eq!(the_record_s_day_and_year(&h), ("2026-06-14".into(), 2569));
}

/// The same across the fiscal year's end: sent on 1 ต.ค., the report keeps 30 ก.ย., and staff
/// are asked about recording it in the closed year 2569, not given 1/2570.
#[tokio::test]
async fn a_report_checked_on_the_year_s_last_day_and_sent_in_the_next_is_asked_about() {
    let h = Harness::new().await;
    let donor = Person::public();
    h.clock.set(bangkok(2026, 9, 30, 23, 55));
    let check = report_until_the_check(&h, &donor).await;
    assert!(
        check.text.contains("วันที่บริจาค: 30 ก.ย. 2569"),
        "{}",
        check.text
    );
    h.clock.set(bangkok(2026, 10, 1, 0, 2));
    let sent = h
        .press(&donor, Place::Private, &check.button("ส่งให้เจ้าหน้าที่"))
        .await;
    let card = sent
        .iter()
        .find(|s| s.chat_id == STAFF_GROUP)
        .expect("the card")
        .clone();
    assert!(
        card.text.contains("วันที่บริจาค (ตามที่ผู้บริจาคแจ้ง): 30 ก.ย. 2569"),
        "the day the donor confirmed, on the card: {}",
        card.text
    );
    h.clock.set(bangkok(2026, 10, 1, 9, 0));
    let asked = h
        .press(&Person::staff(), Place::Staff, &card.button("ยืนยันรับ"))
        .await;
    let asked = the_one_saying(asked, "ซึ่งปิดแล้ว");
    assert!(
        asked.text.contains("30 ก.ย. 2569 อยู่ในปีงบประมาณ 2569"),
        "{}",
        asked.text
    );
    assert_eq!(donation_count(&h), 0);
    let done = h
        .press(
            &Person::staff(),
            Place::Staff,
            &asked.button("บันทึกในปีงบประมาณ 2569"),
        )
        .await;
    the_one_saying(done, "1/2569");
    assert_eq!(the_record_s_day_and_year(&h), ("2026-09-30".into(), 2569));
}

/// Natural answers to the date's question: a day alone after วันที่, and the question's own
/// words echoed before the day (โอน, เมื่อ, รับไว้), with a polite ending.
#[tokio::test]
async fn the_date_question_takes_the_day_as_people_answer_it() {
    let h = Harness::new().await;
    let staff = Person::staff();
    let check = guided_money_until_the_check(&h, &staff).await;
    change_the_date(&h, &staff, Place::Staff, &check, "วันที่รับ").await;
    let check = h.reply(&staff, Place::Staff, "วันที่ 3").await;
    assert!(check.text.contains("วันที่รับ: 3 มิ.ย. 2569"), "{}", check.text);
    change_the_date(&h, &staff, Place::Staff, &check, "วันที่รับ").await;
    let check = h.reply(&staff, Place::Staff, "รับไว้เมื่อวันที่ 4 มิ.ย. ครับ").await;
    assert!(check.text.contains("วันที่รับ: 4 มิ.ย. 2569"), "{}", check.text);

    let donor = Person::public();
    let check = report_until_the_check(&h, &donor).await;
    change_the_date(&h, &donor, Place::Private, &check, "วันที่บริจาค").await;
    let check = h.reply(&donor, Place::Private, "โอนวันที่ 3 มิ.ย. ค่ะ").await;
    assert!(
        check.text.contains("วันที่บริจาค: 3 มิ.ย. 2569"),
        "{}",
        check.text
    );
    change_the_date(&h, &donor, Place::Private, &check, "วันที่บริจาค").await;
    let check = h.reply(&donor, Place::Private, "โอนเมื่อ 2 มิ.ย.").await;
    assert!(
        check.text.contains("วันที่บริจาค: 2 มิ.ย. 2569"),
        "{}",
        check.text
    );
}

/// A day the question cannot take is answered in the question's own words: what to type next
/// (a day, with an example that can be taken, or the วันนี้ button still under it), never the
/// one-line form's "leave วันที่ out", and to a donor of the day they gave, not of a day
/// received.
#[tokio::test]
async fn a_refused_answer_to_the_date_question_says_what_to_type_next() {
    let h = Harness::new().await;
    let donor = Person::public();
    let check = report_until_the_check(&h, &donor).await;
    change_the_date(&h, &donor, Place::Private, &check, "วันที่บริจาค").await;
    for answer in ["ไม่แน่ใจค่ะ", "พรุ่งนี้", "5/12/26"] {
        let refused = h.reply(&donor, Place::Private, answer).await;
        for words in ["จึงยังไม่ได้บันทึก", "ไม่ต้องใส่ วันที่", "รับบริจาค", "วันที่รับ"]
        {
            assert!(!refused.text.contains(words), "{answer}: {}", refused.text);
        }
        assert!(
            refused.text.contains("เช่น 14 มิ.ย. 2569") && refused.text.contains("กด วันนี้"),
            "{answer}: {}",
            refused.text
        );
        refused.button("วันนี้");
    }

    let staff = Person::staff();
    let check = guided_money_until_the_check(&h, &staff).await;
    change_the_date(&h, &staff, Place::Staff, &check, "วันที่รับ").await;
    let refused = h.reply(&staff, Place::Staff, "ไม่แน่ใจ วันที่ 3").await;
    assert!(
        refused.text.contains("«ไม่แน่ใจ วันที่ 3»")
            && refused.text.contains("เช่น 14 มิ.ย. 2569")
            && !refused.text.contains("จึงยังไม่ได้บันทึก")
            && !refused.text.contains("ไม่ต้องใส่ วันที่"),
        "{}",
        refused.text
    );
    let check = h.press(&staff, Place::Staff, &refused.button("วันนี้")).await;
    let check = the_one_saying(check, "ตรวจสอบก่อนบันทึก");
    assert!(check.text.contains("วันที่รับ: 15 มิ.ย. 2569"), "{}", check.text);
}
