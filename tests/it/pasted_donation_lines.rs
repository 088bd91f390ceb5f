//! Several donation lines pasted as one message in the staff group: each line is recorded as
//! a donation of its own (number, proof, audit line) with one summary, exactly once under
//! redelivery; a line that cannot be recorded records none and says which line and what next.

use crate::support::app::*;
use crate::support::harness::*;
use khetbot::core::Input;
use rusqlite::Connection;

const EIGHT_LINES: &str = "บริจาค 500 บาท จาก นายก ใจดี เพื่อ ทุนการศึกษา
บริจาค 300 บาท จาก นางข มีสุข เพื่อ ทุนการศึกษา
บริจาค 1,000 บาท จาก ร้านค ค้าดี เพื่อ สำนักงาน
บริจาค 250 บาท จาก นายง ใจบุญ เพื่อ ทุนการศึกษา
บริจาคสิ่งของ โต๊ะนักเรียน จำนวน 5 ตัว มูลค่า 2,500 บาท จาก ห้างจ เพื่อ สำนักงาน
บริจาค 700 บาท จาก นางฉ ใจงาม
  เพื่อ ทุนการศึกษา
บริจาค 150 บาท จาก นายช ชื่นใจ เพื่อ ทุนการศึกษา
/donate 100 จาก นางซ สุขใจ เพื่อ ทุนการศึกษา";

fn count(path: &std::path::Path, sql: &str) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row(sql, [], |row| row.get(0))
        .unwrap()
}

#[tokio::test]
async fn eight_lines_in_one_message_make_eight_numbered_audited_donations_once() {
    let h = Harness::new().await;
    let event = h.event(
        &Person::staff(),
        Place::Staff,
        Input::Text(EIGHT_LINES.into()),
    );
    let sent = h.handle(event.clone()).await;
    let texts = texts_to(&sent, STAFF_GROUP);
    for number in 1..=8 {
        let label = format!("เลขที่ {number}/2569");
        assert_eq!(
            texts.iter().filter(|t| t.contains(&label)).count(),
            1,
            "one proof numbered {label}: {texts:#?}"
        );
    }
    let summary = texts.first().unwrap();
    assert!(summary.contains("บันทึก 8 รายการ"), "{summary}");
    assert!(summary.contains("1/2569–8/2569"), "{summary}");
    assert!(
        summary.contains("รวม 3,000.00 บาท") || summary.contains("3,000.00"),
        "{summary}"
    );
    assert!(texts.iter().any(|t| t.contains("ได้รับจาก: นางฉ ใจงาม")));

    // The same update again (a redelivery) records nothing more.
    let again = h.handle(event).await;
    assert!(again.is_empty(), "{again:?}");
    let path = h.db_path();
    assert_eq!(count(&path, "SELECT count(*) FROM donations"), 8);
    assert_eq!(
        count(&path, "SELECT count(DISTINCT number) FROM donations"),
        8
    );
    assert_eq!(
        count(
            &path,
            "SELECT count(*) FROM audit_log WHERE action = 'donation.record'"
        ),
        8
    );
    // The next single line takes the next number: no gap, none twice.
    let next = h
        .reply(
            &Person::staff(),
            Place::Staff,
            "บริจาค 50 จาก นายฌ เพื่อ ทุนการศึกษา",
        )
        .await;
    assert!(next.text.contains("เลขที่ 9/2569"), "{}", next.text);
}

#[tokio::test]
async fn a_line_that_cannot_be_recorded_records_none_and_names_the_line() {
    let h = Harness::new().await;
    let text = "บริจาค 500 บาท จาก นายก ใจดี เพื่อ ทุนการศึกษา
บริจาค 300 บาท จาก นางข มีสุข
บริจาค 200 บาท นายค ทุนการศึกษา";
    let reply = h.reply(&Person::staff(), Place::Staff, text).await;
    assert!(reply.text.contains("บรรทัดที่ 2"), "{}", reply.text);
    assert!(
        reply.text.contains("ยังไม่ได้บันทึกรายการใดเลย"),
        "{}",
        reply.text
    );
    assert!(reply.text.contains("ทั้ง 3 บรรทัด"), "{}", reply.text);
    assert_eq!(count(&h.db_path(), "SELECT count(*) FROM donations"), 0);

    let corrected = "บริจาค 500 บาท จาก นายก ใจดี เพื่อ ทุนการศึกษา
บริจาค 300 บาท จาก นางข มีสุข เพื่อ ทุนการศึกษา
บริจาค 200 บาท นายค ทุนการศึกษา";
    let reply = h.reply(&Person::staff(), Place::Staff, corrected).await;
    assert!(reply.text.contains("บรรทัดที่ 3"), "{}", reply.text);
    // Its donor and purpose are read without จาก and เพื่อ: to be checked alone, not numbered
    // among the others.
    assert!(
        reply.text.contains("ตรวจสอบก่อน") && reply.text.contains("จาก …"),
        "{}",
        reply.text
    );
    assert_eq!(count(&h.db_path(), "SELECT count(*) FROM donations"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pasted_lines_over_telegram_are_recorded_each_once_even_when_redelivered() {
    let mut app = spawn_app().await;
    let staff = Person::staff();
    let lines = "บริจาค 500 บาท จาก นายก ใจดี เพื่อ ทุนการศึกษา
บริจาค 300 บาท จาก นางข มีสุข เพื่อ ทุนการศึกษา
บริจาค 1,000 บาท จาก ร้านค ค้าดี เพื่อ สำนักงาน";
    let id = app.tg.push_text(&staff_chat(), &user(&staff), lines);
    let summary = app.wait_for_text(STAFF_GROUP, "บันทึก 3 รายการ").await;
    assert!(summary.contains("1/2569–3/2569"), "{summary}");
    app.tg.deliver_again(id);
    app.tg.push_text(
        &staff_chat(),
        &user(&staff),
        "บริจาค 50 จาก นายฌ เพื่อ ทุนการศึกษา",
    );
    // Its own proof, or a line of one message that gathers what queued up for the group (on
    // a loaded machine the sends can fall behind Telegram's pace for a group).
    app.wait_for_text(STAFF_GROUP, "4/2569").await;
    let path = app.core.config().db_path.clone();
    assert_eq!(count(&path, "SELECT count(*) FROM donations"), 4);
    assert_eq!(
        app.tg.count_sent_containing(STAFF_GROUP, "บันทึก 3 รายการ"),
        1
    );
    for number in ["<b>1/2569</b>", "<b>2/2569</b>", "<b>3/2569</b>"] {
        assert_eq!(
            app.tg.count_sent_containing(STAFF_GROUP, number),
            1,
            "{number}"
        );
    }
    app.stop().await;
}
