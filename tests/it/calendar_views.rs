//! What the calendar's views and workflows show beyond the rows in the store, as people met
//! them through the console: the rounds a recurring deadline will have, the week a weekend
//! asks for, and template steps that land on a day the office is closed.

use crate::calendar::add;
use crate::support::harness::*;

/// Moves the clock to a Bangkok reminder morning and runs the periodic work (which creates a
/// recurring deadline's next round once its current one has passed).
async fn morning(h: &Harness, year: i32, month: u32, day: u32) {
    h.clock.set(bangkok(year, month, day, 8, 30));
    h.tick().await;
}

#[tokio::test]
async fn a_later_month_shows_the_rounds_a_recurring_deadline_will_have() {
    let h = Harness::new().await;
    let staff = Person::staff();
    // Tuesday 1 December 2569: the monthly rules' current rounds are in December, the yearly
    // one's in March.
    h.clock.set(bangkok(2026, 12, 1, 9, 0));
    let monthly = add(
        &h,
        &staff,
        Place::Staff,
        "ทุกวันที่ 25 ส่งรายงานการเงิน ผู้รับผิดชอบ @somsri",
    )
    .await;
    let month_end = add(&h, &staff, Place::Staff, "ทุกสิ้นเดือน สรุปพัสดุ").await;
    let yearly = add(
        &h,
        &staff,
        Place::Staff,
        "ทุกปี 15 มี.ค. รายงานประจำปี แจ้ง ผู้บริหาร",
    )
    .await;
    assert_eq!((monthly, month_end, yearly), (1, 2, 3));

    let february = h.reply(&staff, Place::Staff, "ปฏิทิน ก.พ. 2570").await;
    assert!(
        !february.text.contains("ไม่มีกำหนดการในช่วงนี้"),
        "{}",
        february.text
    );
    for line in [
        "25 ก.พ. 2570 ส่งรายงานการเงิน 👤 @somsri — 🔁 รอบที่จะถึงของ #1 (อีก 86 วัน)",
        "28 ก.พ. 2570 สรุปพัสดุ — 🔁 รอบที่จะถึงของ #2 (อีก 89 วัน)",
    ] {
        assert!(
            february.text.contains(line),
            "{line:?} in {}",
            february.text
        );
    }
    assert!(
        february.text.contains("คำนวณจากกำหนดการที่ทำซ้ำ"),
        "{}",
        february.text
    );
    assert!(!february.text.contains("รายงานประจำปี"), "{}", february.text);

    // A yearly rule's next round, a year on; the principals see only what is addressed to them.
    let next_march = h
        .reply(&Person::principal(), Place::Principals, "ปฏิทิน มี.ค. 2571")
        .await;
    assert!(
        next_march
            .text
            .contains("15 มี.ค. 2571 รายงานประจำปี — 🔁 รอบที่จะถึงของ #3"),
        "{}",
        next_march.text
    );
    assert!(
        !next_march.text.contains("ส่งรายงานการเงิน"),
        "{}",
        next_march.text
    );

    // A fiscal year holds the current rounds and the nine months of rounds after them.
    let fiscal = h.reply(&staff, Place::Staff, "ปฏิทิน ปีงบ 2570").await;
    assert!(
        fiscal.text.contains("25 ธ.ค. 2569 #1 ส่งรายงานการเงิน"),
        "{}",
        fiscal.text
    );
    assert_eq!(fiscal.text.matches("รอบที่จะถึงของ #1 ").count(), 9);
    assert_eq!(fiscal.text.matches("รอบที่จะถึงของ #2 ").count(), 9);
    assert!(
        fiscal.text.contains("30 ก.ย. 2570 สรุปพัสดุ"),
        "{}",
        fiscal.text
    );

    // The rounds shown are the ones the scheduler creates when each round before has passed.
    morning(&h, 2026, 12, 26).await;
    morning(&h, 2027, 1, 4).await;
    morning(&h, 2027, 1, 26).await;
    morning(&h, 2027, 2, 1).await;
    let created = h.reply(&staff, Place::Staff, "ปฏิทิน ก.พ. 2570").await;
    for line in ["25 ก.พ. 2570 #6 ส่งรายงานการเงิน", "28 ก.พ. 2570 #7 สรุปพัสดุ"]
    {
        assert!(created.text.contains(line), "{line:?} in {}", created.text);
    }
    assert!(!created.text.contains("รอบที่จะถึง"), "{}", created.text);
    let march = h.reply(&staff, Place::Staff, "ปฏิทิน มี.ค. 2570").await;
    assert!(
        march
            .text
            .contains("25 มี.ค. 2570 ส่งรายงานการเงิน 👤 @somsri — 🔁 รอบที่จะถึงของ #6"),
        "{}",
        march.text
    );
}

#[tokio::test]
async fn this_week_on_a_weekend_is_the_coming_working_week_and_says_so() {
    let h = Harness::new().await;
    let staff = Person::staff();
    add(&h, &staff, Place::Staff, "19 มิ.ย. 2569 ส่งแผน").await;
    add(&h, &staff, Place::Staff, "24 มิ.ย. 2569 ประชุมเครือข่าย").await;
    // Friday 19 June: the working week still running.
    h.clock.set(bangkok(2026, 6, 19, 16, 0));
    let friday = h.reply(&staff, Place::Staff, "ปฏิทิน สัปดาห์นี้").await;
    assert!(
        friday.text.contains("กำหนดการ สัปดาห์ 15–21 มิ.ย. 2569"),
        "{}",
        friday.text
    );
    assert!(
        friday.text.contains("#1 ส่งแผน") && !friday.text.contains("#2"),
        "{}",
        friday.text
    );
    assert!(!friday.text.contains("สัปดาห์ทำงานที่จะถึง"), "{}", friday.text);
    // Saturday and Sunday: the office's week is over; from today to the end of the coming
    // week is meant (what is due on the weekend still shows), and the note names its days.
    add(&h, &staff, Place::Staff, "21 มิ.ย. 2569 ปิดรับสมัครสอบ").await;
    for (day, typed) in [(20, "ปฏิทิน สัปดาห์นี้"), (21, "ปฏิทิน สัปดาห์นี้"), (21, "ปฏิทินอาทิตย์นี้")]
    {
        h.clock.set(bangkok(2026, 6, day, 10, 0));
        let week = h.reply(&staff, Place::Staff, typed).await;
        assert!(
            week.text
                .contains(&format!("กำหนดการ สัปดาห์ {day}–28 มิ.ย. 2569")),
            "{typed} on the {day}th: {}",
            week.text
        );
        assert!(
            week.text
                .contains("แสดงตั้งแต่วันนี้ถึงสิ้นสัปดาห์ทำงานที่จะถึง จันทร์ 22 มิ.ย. 2569 – ศุกร์ 26 มิ.ย. 2569"),
            "{typed} on the {day}th: {}",
            week.text
        );
        assert!(
            week.text.contains("#2 ประชุมเครือข่าย")
                && week.text.contains("#3 ปิดรับสมัครสอบ")
                && !week.text.contains("#1"),
            "{typed} on the {day}th: {}",
            week.text
        );
    }
    // The coming week, and the week just worked, by their own names.
    let next_week = h.reply(&staff, Place::Staff, "ปฏิทิน สัปดาห์หน้า").await;
    assert!(
        next_week.text.contains("กำหนดการ สัปดาห์ 22–28 มิ.ย. 2569")
            && !next_week.text.contains("แสดงตั้งแต่วันนี้"),
        "{}",
        next_week.text
    );
    let last_week = h.reply(&staff, Place::Staff, "ปฏิทิน สัปดาห์ที่แล้ว").await;
    assert!(
        last_week.text.contains("สัปดาห์ 15–21 มิ.ย. 2569") && last_week.text.contains("#1 ส่งแผน"),
        "{}",
        last_week.text
    );
}

#[tokio::test]
async fn template_steps_due_on_a_day_off_are_listed_with_the_command_that_moves_each_or_a_button_for_all()
 {
    let h = Harness::new().await;
    let staff = Person::staff();
    // Weekly from Wednesday 1 July 2569: step 4 falls on Wednesday 29 July, Asalha Bucha; the
    // working day before is Monday 27 (Tuesday 28 is the King's birthday).
    let started = h
        .reply(&staff, Place::Staff, "เริ่มงาน ทุนการศึกษา 1 ก.ค. 2569")
        .await;
    assert!(
        started.text.contains("ครบกำหนดในวันหยุดของสำนักงาน"),
        "{}",
        started.text
    );
    assert!(
        started
            .text
            .contains("• #4 พุธ 29 ก.ค. 2569 → จันทร์ 27 ก.ค. 2569: เลื่อน 4 27 ก.ค. 2569"),
        "{}",
        started.text
    );
    assert_eq!(started.text.matches(" → ").count(), 1, "{}", started.text);
    let moved = h.reply(&staff, Place::Staff, "เลื่อน 4 27 ก.ค. 2569").await;
    assert!(
        moved
            .text
            .contains("เลื่อน #4 จาก 29 ก.ค. 2569 เป็น จันทร์ 27 ก.ค. 2569"),
        "{}",
        moved.text
    );

    // Started on a Sunday, every weekly step is due on a Sunday: each is listed.
    let sunday = h
        .reply(&staff, Place::Staff, "เริ่มงาน ทุนการศึกษา 5 ก.ค. 2569")
        .await;
    for line in [
        "• #6 อาทิตย์ 12 ก.ค. 2569 → ศุกร์ 10 ก.ค. 2569: เลื่อน 6 10 ก.ค. 2569",
        "• #7 อาทิตย์ 19 ก.ค. 2569 → ศุกร์ 17 ก.ค. 2569: เลื่อน 7 17 ก.ค. 2569",
        "• #8 อาทิตย์ 26 ก.ค. 2569 → ศุกร์ 24 ก.ค. 2569: เลื่อน 8 24 ก.ค. 2569",
        "• #9 อาทิตย์ 2 ส.ค. 2569 → ศุกร์ 31 ก.ค. 2569: เลื่อน 9 31 ก.ค. 2569",
        "• #10 อาทิตย์ 9 ส.ค. 2569 → ศุกร์ 7 ส.ค. 2569: เลื่อน 10 7 ส.ค. 2569",
    ] {
        assert!(sunday.text.contains(line), "{line:?} in {}", sunday.text);
    }

    // Several steps on days off: one button moves them all to the working day before.
    assert!(
        started.buttons.is_empty(),
        "one step on a day off: its command is enough"
    );
    let all = sunday.button("เลื่อนทุกขั้น");
    let principal = h.press(&Person::principal(), Place::Principals, &all).await;
    assert!(
        principal.iter().all(|s| !s.text.contains("เลื่อน #")),
        "staff only: {principal:?}"
    );
    h.reply(&staff, Place::Staff, "เลื่อน 7 16 ก.ค. 2569").await;
    let pressed = h.press(&staff, Place::Staff, &all).await;
    let text: String = pressed
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    for line in [
        "#6 อาทิตย์ 12 ก.ค. 2569 → ศุกร์ 10 ก.ค. 2569",
        "#8 อาทิตย์ 26 ก.ค. 2569 → ศุกร์ 24 ก.ค. 2569",
        "#9 อาทิตย์ 2 ส.ค. 2569 → ศุกร์ 31 ก.ค. 2569",
        "#10 อาทิตย์ 9 ส.ค. 2569 → ศุกร์ 7 ส.ค. 2569",
    ] {
        assert!(text.contains(line), "{line:?} in {text}");
    }
    assert!(!text.contains("#7 "), "moved by hand already: {text}");
    let listed = h.reply(&staff, Place::Staff, "กำหนดการ 8").await;
    assert!(listed.text.contains("24 ก.ค. 2569"), "{}", listed.text);
    let again = h.press(&staff, Place::Staff, &all).await;
    let again: String = again.iter().map(|s| s.text.as_str()).collect();
    assert!(again.contains("ไม่มีขั้นที่ครบกำหนดในวันหยุด"), "{again}");

    // Working days only: no warning.
    let weekdays = h
        .reply(&staff, Place::Staff, "เริ่มงาน ทุนการศึกษา 6 ก.ค. 2569")
        .await;
    assert!(
        !weekdays.text.contains("วันหยุดของสำนักงาน"),
        "{}",
        weekdays.text
    );
}
