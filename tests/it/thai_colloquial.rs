//! Thai as people type it in chat (issue 16): every date form at several "today"s, and the
//! conversations that use them: amounts in words echoed back, "…หน้า" asked with two date
//! buttons, working days, and dates without a year meaning the next such date (issue 14).

use crate::support::harness::*;
use chrono::NaiveDate;
use khetbot::thai::{
    DateError, DateReading, format_date_with_weekday, parse_date, parse_past_date,
    split_leading_reading,
};

fn d(year_be: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year_be - 543, month, day).expect("valid date")
}

fn on(text: &str, today: NaiveDate) -> NaiveDate {
    match split_leading_reading(text, today) {
        Ok((DateReading::On(date), "")) => date,
        other => panic!("{text:?} on {today}: {other:?}"),
    }
}

/// Thursday 3 ธ.ค. 2569, the day issue 14 was filed.
fn december_3() -> NaiveDate {
    d(2569, 12, 3)
}

#[test]
fn every_date_form_at_several_todays() {
    // (today, text, expected)
    let cases = [
        // A mid-week day: Thursday 3 ธ.ค. 2569.
        (december_3(), "พรุ่งนี้", d(2569, 12, 4)),
        (december_3(), "มะรืน", d(2569, 12, 5)),
        (december_3(), "จันทร์นี้", d(2569, 12, 7)),
        (december_3(), "วันศุกร์นี้", d(2569, 12, 4)),
        (december_3(), "วันจันทร์", d(2569, 12, 7)),
        (december_3(), "พฤหัสนี้", d(2569, 12, 3)),
        (december_3(), "พฤหัสหน้า", d(2569, 12, 10)),
        (december_3(), "จันทร์หน้า", d(2569, 12, 7)),
        (december_3(), "จ.", d(2569, 12, 7)),
        (december_3(), "อ.", d(2569, 12, 8)),
        (december_3(), "พ.", d(2569, 12, 9)),
        (december_3(), "พฤ.", d(2569, 12, 3)),
        (december_3(), "ศ.", d(2569, 12, 4)),
        (december_3(), "อีก 3 วัน", d(2569, 12, 6)),
        (december_3(), "อีกสามวัน", d(2569, 12, 6)),
        (december_3(), "อีก 1 สัปดาห์", d(2569, 12, 10)),
        (december_3(), "อีก 2 เดือน", d(2570, 2, 3)),
        (december_3(), "สัปดาห์หน้า", d(2569, 12, 10)),
        (december_3(), "เดือนหน้า", d(2570, 1, 3)),
        (december_3(), "ต้นเดือนหน้า", d(2570, 1, 1)),
        (december_3(), "กลางเดือน", d(2569, 12, 15)),
        (december_3(), "ปลายเดือนนี้", d(2569, 12, 31)),
        (december_3(), "สิ้นเดือน", d(2569, 12, 31)),
        (december_3(), "สิ้นเดือน มี.ค.", d(2570, 3, 31)),
        (december_3(), "ต้นเดือน", d(2570, 1, 1)),
        (december_3(), "สิ้นปีงบ", d(2570, 9, 30)),
        (december_3(), "สิ้นไตรมาส", d(2569, 12, 31)),
        (december_3(), "ไตรมาส 2", d(2570, 3, 31)),
        (december_3(), "ไตรมาส 1", d(2569, 12, 31)),
        (december_3(), "วันที่ 25", d(2569, 12, 25)),
        (december_3(), "25 นี้", d(2569, 12, 25)),
        (december_3(), "วันที่ 2", d(2570, 1, 2)),
        (december_3(), "30 มิ.ย.", d(2570, 6, 30)),
        (december_3(), "15 ม.ค.", d(2570, 1, 15)),
        (december_3(), "3 ธ.ค.", d(2569, 12, 3)),
        // Month end: Sunday 31 ม.ค. 2570.
        (d(2570, 1, 31), "อีก 1 เดือน", d(2570, 2, 28)),
        (d(2570, 1, 31), "เดือนหน้า", d(2570, 2, 28)),
        (d(2570, 1, 31), "ปลายเดือนหน้า", d(2570, 2, 28)),
        (d(2570, 1, 31), "วันที่ 31", d(2570, 1, 31)),
        (d(2570, 1, 31), "จันทร์หน้า", d(2570, 2, 1)),
        (d(2570, 1, 31), "พรุ่งนี้", d(2570, 2, 1)),
        // Year end: Thursday 31 ธ.ค. 2569.
        (d(2569, 12, 31), "พรุ่งนี้", d(2570, 1, 1)),
        (d(2569, 12, 31), "อีก 5 วัน", d(2570, 1, 5)),
        (d(2569, 12, 31), "ต้นเดือนหน้า", d(2570, 1, 1)),
        (d(2569, 12, 31), "ศุกร์นี้", d(2570, 1, 1)),
        (d(2569, 12, 31), "31 ธ.ค.", d(2569, 12, 31)),
        (d(2569, 12, 31), "1 ม.ค.", d(2570, 1, 1)),
        (d(2569, 12, 31), "สิ้นปี", d(2569, 12, 31)),
        // Fiscal year end: 30 ก.ย. 2569 → 1 ต.ค. 2569 starts fiscal year 2570.
        (d(2569, 9, 30), "พรุ่งนี้", d(2569, 10, 1)),
        (d(2569, 9, 30), "สิ้นปีงบ", d(2569, 9, 30)),
        (d(2569, 9, 30), "สิ้นปีงบหน้า", d(2570, 9, 30)),
        (d(2569, 9, 30), "สิ้นไตรมาส", d(2569, 9, 30)),
        (d(2569, 9, 30), "สิ้นไตรมาสหน้า", d(2569, 12, 31)),
        (d(2569, 9, 30), "ต้นปีงบ", d(2569, 10, 1)),
        (d(2569, 10, 1), "สิ้นปีงบ", d(2570, 9, 30)),
        (d(2569, 10, 1), "ไตรมาส 4", d(2570, 9, 30)),
        (d(2569, 10, 1), "ไตรมาส 1", d(2569, 12, 31)),
        // Leap years: 2571 (2028) has 29 ก.พ.
        (d(2571, 2, 28), "พรุ่งนี้", d(2571, 2, 29)),
        (d(2571, 2, 28), "ปลายเดือนนี้", d(2571, 2, 29)),
        (d(2571, 1, 31), "อีก 1 เดือน", d(2571, 2, 29)),
        (december_3(), "29 ก.พ.", d(2571, 2, 29)),
        (d(2571, 2, 29), "อีก 1 ปี", d(2572, 2, 28)),
        (d(2571, 2, 10), "วันที่ 30", d(2571, 3, 30)),
    ];
    for (today, text, expected) in cases {
        assert_eq!(on(text, today), expected, "{text:?} on {today}");
    }
}

#[test]
fn next_weekday_early_in_the_week_has_two_readings() {
    // Monday 30 พ.ย. 2569.
    let monday = d(2569, 11, 30);
    for text in ["ศุกร์หน้า", "วันศุกร์หน้า", "ศ.หน้า"]
    {
        assert_eq!(
            split_leading_reading(text, monday),
            Ok((DateReading::EitherOf(d(2569, 12, 4), d(2569, 12, 11)), "")),
            "{text}"
        );
    }
    assert_eq!(
        parse_date("ศุกร์หน้า", monday),
        Err(DateError::Ambiguous {
            nearer: d(2569, 12, 4),
            later: d(2569, 12, 11)
        })
    );
}

#[test]
fn working_days_are_left_to_the_office_calendar() {
    assert_eq!(
        split_leading_reading("อีก 5 วันทำการ ส่งรายงาน", december_3()),
        Ok((DateReading::WorkingDaysAfterToday(5), "ส่งรายงาน"))
    );
    assert_eq!(
        parse_date("อีก 5 วันทำการ", december_3()),
        Err(DateError::WorkingDaysNotHere)
    );
}

#[test]
fn past_dates_lean_back() {
    let today = december_3();
    assert_eq!(parse_past_date("30 มิ.ย.", today), Ok(d(2569, 6, 30)));
    assert_eq!(parse_past_date("จันทร์", today), Ok(d(2569, 11, 30)));
    assert_eq!(parse_past_date("เมื่อวาน", today), Ok(d(2569, 12, 2)));
}

#[test]
fn dates_are_echoed_with_their_weekday() {
    assert_eq!(format_date_with_weekday(d(2569, 12, 4)), "ศุกร์ 4 ธ.ค. 2569");
}

/// The harness starts on Monday 15 มิ.ย. 2569.
#[tokio::test]
async fn next_friday_said_on_a_monday_is_asked_with_two_date_buttons() {
    let h = Harness::new().await;
    let staff = Person::staff();
    let ask = h
        .reply(&staff, Place::Staff, "เพิ่มกำหนดการ ศุกร์หน้า ส่งรายงาน")
        .await;
    assert!(ask.text.contains("“ศุกร์หน้า” อ่านได้สองวัน"), "{}", ask.text);
    let later = ask.button("ศุกร์ 26 มิ.ย. 2569");
    ask.button("ศุกร์ 19 มิ.ย. 2569");
    // Someone else cannot answer for the person who asked.
    let other = h.press(&Person::staff2(), Place::Staff, &later).await;
    assert!(
        other.iter().all(|s| !s.text.contains("บันทึกกำหนดการแล้ว")),
        "{other:?}"
    );
    let done = h.press(&staff, Place::Staff, &later).await;
    let text: Vec<&str> = done.iter().map(|s| s.text.as_str()).collect();
    assert!(
        text.iter()
            .any(|t| t.contains("บันทึกกำหนดการแล้ว") && t.contains("ศุกร์ 26 มิ.ย. 2569")),
        "{text:?}"
    );
    assert!(text.iter().any(|t| t.contains("#1 ส่งรายงาน")), "{text:?}");
}

#[tokio::test]
async fn colloquial_deadlines_are_echoed_with_weekday_and_full_date() {
    let h = Harness::new().await;
    let staff = Person::staff();
    for (typed, echoed) in [
        ("เพิ่มกำหนดการ จันทร์หน้า ประชุม", "จันทร์ 22 มิ.ย. 2569"),
        ("เพิ่มกำหนดการ อีก 3 วัน ส่งแผน", "พฤหัสบดี 18 มิ.ย. 2569"),
        ("เพิ่มกำหนดการ ปลายเดือนนี้ ส่งรายงาน", "อังคาร 30 มิ.ย. 2569"),
        ("เพิ่มกำหนดการ อีก 5 วันทำการ ตอบหนังสือ", "จันทร์ 22 มิ.ย. 2569"),
    ] {
        let reply = h.reply(&staff, Place::Staff, typed).await;
        assert!(
            reply.text.contains("บันทึกกำหนดการแล้ว") && reply.text.contains(echoed),
            "{typed}: {}",
            reply.text
        );
    }
    let moved = h
        .reply(&staff, Place::Staff, "เลื่อน 1 สิ้นเดือน ประชุมเลื่อน")
        .await;
    assert!(
        moved.text.contains("เป็น อังคาร 30 มิ.ย. 2569"),
        "{}",
        moved.text
    );
}

#[tokio::test]
async fn a_date_without_a_year_is_the_next_such_date() {
    let h = Harness::new().await;
    h.clock.set(bangkok(2026, 12, 3, 9, 0));
    let staff = Person::staff();
    let reply = h
        .reply(&staff, Place::Staff, "เพิ่มกำหนดการ 30 มิ.ย. ส่งรายงาน")
        .await;
    assert!(reply.text.contains("30 มิ.ย. 2570"), "{}", reply.text);
    h.reply(&staff, Place::Staff, "เพิ่มกำหนดการ 15 ม.ค. ประชุม")
        .await;
    let january = h.reply(&staff, Place::Staff, "ปฏิทิน มกราคม").await;
    assert!(january.text.contains("มกราคม 2570"), "{}", january.text);
    assert!(january.text.contains("ประชุม"), "{}", january.text);
}

#[tokio::test]
async fn a_date_that_cannot_be_read_is_refused_once_with_forms_that_work() {
    let h = Harness::new().await;
    let reply = h
        .reply(
            &Person::staff(),
            Place::Staff,
            "เพิ่มกำหนดการ เร็วๆ นี้ ส่งรายงาน",
        )
        .await;
    assert_eq!(reply.text.matches("วันที่").count(), 1, "{}", reply.text);
    assert!(!reply.text.contains("อ่านวันที่ไม่ได้ค่ะ"), "{}", reply.text);
    for form in ["30 มิ.ย. 2570", "ศุกร์หน้า", "อีก 3 วัน", "เร็วๆ นี้"]
    {
        assert!(reply.text.contains(form), "{form}: {}", reply.text);
    }
}

#[tokio::test]
async fn amounts_in_words_are_recorded_and_echoed_in_figures_and_words() {
    let h = Harness::new().await;
    let staff = Person::staff();
    for (typed, figures, words) in [
        (
            "บริจาค 3 พัน บาท จาก นายเอ เพื่อ สำนักงาน",
            "3,000.00",
            "สามพันบาทถ้วน",
        ),
        (
            "บริจาค 2.5 หมื่น จาก นายบี เพื่อ สำนักงาน",
            "25,000.00",
            "สองหมื่นห้าพันบาทถ้วน",
        ),
        (
            "บริจาค หนึ่งพันบาทถ้วน จาก นายซี เพื่อ สำนักงาน",
            "1,000.00",
            "หนึ่งพันบาทถ้วน",
        ),
    ] {
        let sent = h.send(&staff, Place::Staff, typed).await;
        assert!(
            sent.iter()
                .any(|s| s.text.contains(figures) && s.text.contains(words)),
            "{typed}: {sent:?}"
        );
    }
    let ambiguous = h
        .reply(&staff, Place::Staff, "บริจาค สองพันห้า จาก นายดี เพื่อ สำนักงาน")
        .await;
    assert!(
        ambiguous.text.contains("2,005.00 บาท") && ambiguous.text.contains("2,500.00 บาท"),
        "{}",
        ambiguous.text
    );
}

#[test]
fn a_weekday_with_a_date_must_agree_with_it() {
    let today = december_3();
    assert_eq!(on("ศุกร์ที่ 4 ธ.ค.", today), d(2569, 12, 4));
    assert_eq!(on("วันศุกร์ที่ 4 ธ.ค. 2569", today), d(2569, 12, 4));
    assert_eq!(on("ศ. 4 ธ.ค.", today), d(2569, 12, 4));
    assert_eq!(on("วันศุกร์ที่ 25", today), d(2569, 12, 25));
    assert_eq!(
        split_leading_reading("จันทร์ที่ 4 ธ.ค. ประชุม", today),
        Err(DateError::WrongWeekday {
            date: d(2569, 12, 4),
            typed: chrono::Weekday::Mon
        })
    );
    assert_eq!(on("อีก ๓ วัน", today), d(2569, 12, 6));
}

#[tokio::test]
async fn help_examples_use_the_current_year() {
    let h = Harness::new().await;
    h.clock.set(bangkok(2027, 1, 5, 9, 0));
    let usage = h.reply(&Person::staff(), Place::Staff, "เพิ่มกำหนดการ").await;
    assert!(usage.text.contains("30 มิ.ย. 2570"), "{}", usage.text);
    assert!(!usage.text.contains("2569"), "{}", usage.text);
    let wrong = h
        .reply(
            &Person::staff(),
            Place::Staff,
            "เพิ่มกำหนดการ จันทร์ที่ 8 ม.ค. ประชุม",
        )
        .await;
    assert!(
        wrong.text.contains("8 ม.ค. 2570 เป็นวันศุกร์ ไม่ใช่วันจันทร์"),
        "{}",
        wrong.text
    );
}

#[tokio::test]
async fn a_workflow_started_on_a_colloquial_date_echoes_it_with_its_weekday() {
    let h = Harness::new().await;
    let started = h
        .reply(&Person::staff(), Place::Staff, "เริ่มงาน ทุนการศึกษา ต้นเดือนหน้า")
        .await;
    assert!(
        started.text.contains("(พุธ 1 ก.ค. 2569)"),
        "{}",
        started.text
    );
}
