//! The rule of every dialogue: a line that is itself a command (a Thai keyword or a
//! `/command`) is never taken as the answer to a pending question. The bot says what is
//! pending and lets the person choose: run the new command (dropping what was pending), use
//! the line as the answer after all, or carry on.

use rusqlite::Connection;

use crate::complaints_support::*;
use crate::support::harness::*;

fn donors(h: &Harness) -> Vec<String> {
    Connection::open(h.db_path())
        .unwrap()
        .prepare("SELECT donor_name FROM donations ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get::<_, Option<String>>(0))
        .unwrap()
        .map(|r| r.unwrap().unwrap_or_default())
        .collect()
}

/// A donation whose donor is missing: the bot asks for the name.
async fn ask_for_a_donor(h: &Harness) -> Sent {
    let asked = h
        .reply(&Person::staff(), Place::Staff, "บริจาค 500 บาท เพื่อ สำนักงาน")
        .await;
    assert!(asked.text.contains("ผู้บริจาคคือใคร"), "{}", asked.text);
    asked
}

#[tokio::test]
async fn a_command_typed_while_a_donor_is_asked_for_is_not_saved_as_the_name() {
    let h = Harness::new().await;
    ask_for_a_donor(&h).await;
    let held = h
        .reply(
            &Person::staff(),
            Place::Staff,
            "บริจาค 500 บาท จาก นายเอ เพื่อ ซื้อหนังสือห้องสมุด",
        )
        .await;
    assert!(held.text.contains("ค้างอยู่"), "{}", held.text);
    assert!(donors(&h).is_empty(), "nothing recorded: {:?}", donors(&h));

    // The person chooses to run the new command: the pending one is dropped.
    let ran = h
        .press(&Person::staff(), Place::Staff, &held.button("ทำคำสั่งใหม่"))
        .await;
    // The new command runs as typed: its purpose is not one of the three, so it is asked.
    let asked = ran
        .iter()
        .find(|s| !s.buttons.is_empty())
        .expect("the purpose is asked");
    assert!(asked.text.contains("ซื้อหนังสือห้องสมุด"), "{}", asked.text);
    let recorded = h
        .press(
            &Person::staff(),
            Place::Staff,
            &asked.button("พัฒนาสำนักงานเขตฯ"),
        )
        .await;
    assert!(
        recorded.iter().any(|s| s.text.contains("เลขที่")),
        "the new donation was recorded: {recorded:?}"
    );
    assert_eq!(donors(&h), vec!["นายเอ".to_string()]);
    // Nothing is pending any more: an ordinary line in the group is chatter again.
    assert!(
        h.send(&Person::staff(), Place::Staff, "สมศรี")
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn every_kind_of_command_is_held_and_the_pending_question_can_be_answered_after_all() {
    let h = Harness::new().await;
    for line in ["ยอดบริจาค", "ตรวจยอด 1000", "/help", "ร้องเรียน"]
    {
        ask_for_a_donor(&h).await;
        let held = h.reply(&Person::staff(), Place::Staff, line).await;
        assert!(held.text.contains("ค้างอยู่"), "{line}: {}", held.text);
        assert!(!held.text.contains("ไม่พบ"), "{line}: {}", held.text);
        let carried_on = h
            .press(&Person::staff(), Place::Staff, &held.button("ทำต่อ"))
            .await;
        // With the pending question asked again, its buttons with it: "carry on" used to
        // be a notice only, and the question had scrolled away.
        assert!(
            carried_on
                .iter()
                .any(|s| s.text.contains("ผู้บริจาคคือใคร") && !s.buttons.is_empty()),
            "{line}: the question again: {carried_on:?}"
        );
        // A donor of its own each time: the same gift twice is asked about.
        let check = h
            .reply(&Person::staff(), Place::Staff, &format!("นางสมศรี {line}"))
            .await;
        let recorded = h
            .press(
                &Person::staff(),
                Place::Staff,
                &check.button("บันทึกและออกหลักฐาน"),
            )
            .await;
        assert!(
            recorded.iter().any(|s| s.text.contains("เลขที่")),
            "{line}: {recorded:?}"
        );
    }
    assert_eq!(donors(&h).len(), 4);

    // A donor whose name starts like a command can still be recorded: use the line.
    ask_for_a_donor(&h).await;
    let held = h
        .reply(&Person::staff(), Place::Staff, "บริจาค ครอบครัวใจดี")
        .await;
    let check = h
        .press(&Person::staff(), Place::Staff, &held.button("ใช้เป็นคำตอบ"))
        .await;
    h.press(
        &Person::staff(),
        Place::Staff,
        &check.last().unwrap().button("บันทึกและออกหลักฐาน"),
    )
    .await;
    assert_eq!(donors(&h).last().unwrap(), "บริจาค ครอบครัวใจดี");
}

#[tokio::test]
async fn a_held_line_belongs_to_the_person_who_typed_it() {
    let h = Harness::new().await;
    ask_for_a_donor(&h).await;
    let held = h.reply(&Person::staff(), Place::Staff, "ยอดบริจาค").await;
    let other = h
        .press(&Person::staff2(), Place::Staff, &held.button("ทำคำสั่งใหม่"))
        .await;
    assert!(
        other.iter().all(|s| !s.text.contains("ยอดบริจาค ปีงบประมาณ")),
        "someone else's press runs nothing: {other:?}"
    );
}

#[tokio::test]
async fn a_complaint_being_filed_holds_a_command_line_instead_of_taking_it_as_details() {
    let h = Harness::new().await;
    let filer = filer(540);
    h.send(&filer, Place::Private, "/complain").await;
    h.press(&filer, Place::Private, "complaints:cat:tipoff")
        .await;
    h.press(&filer, Place::Private, "complaints:id:anon").await;
    let held = h.reply(&filer, Place::Private, "ติดตาม").await;
    assert!(held.text.contains("ค้างอยู่"), "{}", held.text);
    // Used as the details after all, the filing goes on.
    let used = h
        .press(&filer, Place::Private, &held.button("ใช้เป็นคำตอบ"))
        .await;
    assert!(!used.is_empty());
    assert!(
        used.iter().all(|s| !s.text.contains("รหัสติดตาม")),
        "not filed yet, and not run as /track: {used:?}"
    );
}

/// The line of the issue that started it all: the donor is the network named after จาก,
/// so nothing is asked and nothing is pending.
#[tokio::test]
async fn a_network_named_after_from_is_the_donor() {
    let h = Harness::new().await;
    let reply = h
        .reply(
            &Person::staff(),
            Place::Staff,
            "บริจาค 500 บาท จาก เครือข่าย ตะโหมด เพื่อ สำนักงาน",
        )
        .await;
    assert!(reply.text.contains("เลขที่"), "{}", reply.text);
    assert_eq!(donors(&h), vec!["เครือข่ายตะโหมด".to_string()]);
}

/// The held-command notice names the pending donation's amount once, with its unit once, in
/// both languages: "5,000.00 บาท", never "5,000.00 บาท บาท".
#[tokio::test]
async fn the_held_notice_names_the_pending_amount_with_one_unit() {
    let h = Harness::new().await;
    ask_for_a_donor(&h).await;
    let held = h.reply(&Person::staff(), Place::Staff, "/help").await;
    assert!(
        held.text.contains("การบันทึกบริจาค 500.00 บาท"),
        "{}",
        held.text
    );
    assert!(!held.text.contains("บาท บาท"), "{}", held.text);
}

/// A command word said politely (`ร้องเรียนค่ะ`) while a donor's report waits is held as
/// the command it is, and "ทำคำสั่งใหม่" runs it: the press was answered with nothing at all,
/// and the report was dropped, because the held line was read again without its politeness.
#[tokio::test]
async fn a_polite_command_held_during_a_dialogue_runs_when_chosen() {
    let h = Harness::new().await;
    let donor = Person::new(48, "ผู้บริจาคใจร้อน", &[]);
    h.send(&donor, Place::Private, "แจ้งบริจาค").await;
    let held = h.reply(&donor, Place::Private, "ร้องเรียนค่ะ").await;
    assert!(held.text.contains("ค้างอยู่"), "{}", held.text);
    let ran = h
        .press(&donor, Place::Private, &held.button("ทำคำสั่งใหม่"))
        .await;
    assert!(
        ran.iter()
            .any(|s| s.buttons.iter().any(|(label, _)| label == "แจ้งเบาะแส")),
        "the complaint flow starts: {ran:?}"
    );
}

/// A number typed where the donor's name is asked ("500", "๕๐๐ บาท"), the amount answered
/// again or a slip of the keyboard, was saved as the donor's name on the proof. It is refused,
/// in the question's own words, and the name is asked again.
#[tokio::test]
async fn an_amount_typed_as_the_donor_s_name_is_refused_and_the_name_asked_again() {
    let h = Harness::new().await;
    ask_for_a_donor(&h).await;
    for typed in ["500", "๕๐๐ บาท", "1,000.50"] {
        let refused = h.reply(&Person::staff(), Place::Staff, typed).await;
        assert!(refused.text.contains("ไม่ใช่ชื่อ"), "{typed}: {}", refused.text);
        assert!(donors(&h).is_empty(), "{typed}: nothing recorded");
    }
    let checked = h
        .reply(&Person::staff(), Place::Staff, "นายสมชาย ใจดี")
        .await;
    assert!(checked.text.contains("นายสมชาย ใจดี"), "{}", checked.text);
}

/// The same for the goods' name: "500" typed where the goods are asked for was printed on the
/// proof as the goods.
#[tokio::test]
async fn a_figure_typed_as_the_goods_name_is_refused() {
    let h = Harness::new().await;
    let asked = h.reply(&Person::staff(), Place::Staff, "บริจาคสิ่งของ").await;
    let refused = h.reply(&Person::staff(), Place::Staff, "500").await;
    assert!(
        refused.text.contains("ไม่ใช่ชื่อสิ่งของ"),
        "{}\n{}",
        asked.text,
        refused.text
    );
}
