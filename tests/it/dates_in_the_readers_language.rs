//! Dates are written in the reader's language. Someone who chose English read Thai weekdays
//! in the calendar's replies ('พุธ 29 ก.ค. 2569' in the day-off warning, the due date, the
//! date buttons, a move, a workflow started) and Thai weekday and month names in a date's
//! explanation, where a weekday was always written in Thai. In English a date with its weekday
//! reads 'Wed 29 Jul 2569', years Buddhist Era as every date shown ('29 Jul 2569').

use crate::support::harness::*;

const THAI_WEEKDAYS: [&str; 7] = ["จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์"];

/// `text` holds every one of `expected` and no Thai weekday.
fn assert_english_dates(text: &str, expected: &[&str]) {
    for expected in expected {
        assert!(text.contains(expected), "{expected:?} in: {text}");
    }
    for weekday in THAI_WEEKDAYS {
        assert!(!text.contains(weekday), "Thai {weekday:?} in: {text}");
    }
}

/// The harness starts on Monday 15 มิ.ย. 2569; 28 and 29 ก.ค. 2569 are public holidays.
#[tokio::test]
async fn the_calendar_writes_dates_with_their_weekday_in_english_for_english_readers() {
    let h = Harness::new().await;
    let staff = Person::staff();
    h.reply(&staff, Place::Private, "/lang en").await;

    let added = h
        .reply(
            &staff,
            Place::Staff,
            "เพิ่มกำหนดการ 29 ก.ค. 2569 ส่งรายงานผลการจัดสรรทุน",
        )
        .await;
    assert_english_dates(
        &added.text,
        &[
            "Due Wed 29 Jul 2569 (in 44 days)",
            "⚠️ Wed 29 Jul 2569 is a day the office is closed",
            "The working day before is Mon 27 Jul 2569; to make that the due date, type เลื่อน 1 27 Jul 2569",
        ],
    );
    let moved = h.reply(&staff, Place::Staff, "เลื่อน 1 31 ก.ค. 2569").await;
    assert_english_dates(
        &moved.text,
        &[
            "Moved #1 from 29 Jul 2569 to Fri 31 Jul 2569.",
            "Due Fri 31 Jul 2569",
        ],
    );
    let past = h
        .reply(&staff, Place::Staff, "เพิ่มกำหนดการ 1 มิ.ย. 2569 ส่งแผน")
        .await;
    assert_english_dates(&past.text, &["Mon 1 Jun 2569 has already passed"]);
    let yearly = h
        .reply(&staff, Place::Staff, "เพิ่มกำหนดการ ทุกปี 15 มี.ค. รายงานประจำปี")
        .await;
    assert_english_dates(&yearly.text, &["Repeats every year on 15 March"]);

    // The date buttons, in a private chat: a label typed as it reads chooses that date.
    let asked = h
        .reply(&staff, Place::Private, "เพิ่มกำหนดการ ศุกร์หน้า ประชุมครู")
        .await;
    asked.button("Fri 19 Jun 2569");
    asked.button("Fri 26 Jun 2569");
    let unclear = h.send(&staff, Place::Private, "ไม่แน่ใจ").await;
    let unclear: Vec<&str> = unclear.iter().map(|sent| sent.text.as_str()).collect();
    assert!(
        unclear
            .iter()
            .any(|text| text.contains("Please choose the date: Fri 19 Jun 2569, Fri 26 Jun 2569;")),
        "{unclear:?}"
    );
    let typed = h.send(&staff, Place::Private, "Fri 26 Jun 2569").await;
    let recorded = typed
        .iter()
        .find(|sent| sent.text.contains("Due "))
        .unwrap_or_else(|| panic!("{typed:?}"));
    assert_english_dates(&recorded.text, &["Due Fri 26 Jun 2569 (in 11 days)"]);
    let asked = h
        .reply(&staff, Place::Private, "เพิ่มกำหนดการ ศุกร์หน้า ตรวจเวร")
        .await;
    let pressed = h
        .press(&staff, Place::Private, &asked.button("Fri 19 Jun 2569"))
        .await;
    let pressed: Vec<&str> = pressed.iter().map(|sent| sent.text.as_str()).collect();
    assert!(pressed.contains(&"Fri 19 Jun 2569 picked."), "{pressed:?}");

    // A workflow: its start, and its step due on a holiday with the working day before.
    let started = h
        .reply(&staff, Place::Staff, "เริ่มงาน ทุนการศึกษา 1 ก.ค. 2569")
        .await;
    assert_english_dates(
        &started.text,
        &[
            "(Wed 1 Jul 2569)",
            "Wed 29 Jul 2569 → Mon 27 Jul 2569: เลื่อน",
        ],
    );
}

/// A date's explanation names weekdays and months in the reader's language; in Thai as before.
#[tokio::test]
async fn a_dates_explanation_names_weekdays_and_months_in_the_readers_language() {
    let h = Harness::new().await;
    let english = Person::staff();
    h.reply(&english, Place::Private, "/lang en").await;
    let thai = Person::staff2();
    for (typed, in_english, in_thai) in [
        (
            "เริ่มงาน ทุนการศึกษา ศุกร์หน้า",
            "can be read two ways: Fri 19 Jun 2569 or Fri 26 Jun 2569. Please type the date itself, e.g. 19 Jun 2569.",
            "อ่านได้สองวันค่ะ: ศุกร์ 19 มิ.ย. 2569 หรือ ศุกร์ 26 มิ.ย. 2569 กรุณาพิมพ์วันที่ให้ชัด เช่น 19 มิ.ย. 2569",
        ),
        (
            "เพิ่มกำหนดการ จันทร์ที่ 4 ธ.ค. 2569 ประชุม",
            "4 Dec 2569 is a Friday, not a Monday.",
            "4 ธ.ค. 2569 เป็นวันศุกร์ ไม่ใช่วันจันทร์",
        ),
        (
            "เพิ่มกำหนดการ 31 เม.ย. 2570 ส่งแผน",
            "There is no day 31 in April 2570.",
            "ไม่มีวันที่ 31 ในเดือนเมษายน 2570",
        ),
    ] {
        // The reply quotes what was typed, Thai weekday and all.
        let refused = h.reply(&english, Place::Staff, typed).await;
        assert!(
            refused.text.contains(in_english),
            "{typed}: {}",
            refused.text
        );
        let refused = h.reply(&thai, Place::Staff, typed).await;
        assert!(refused.text.contains(in_thai), "{typed}: {}", refused.text);
    }
}
