//! `เลื่อน <เลข> อีก N วัน` moves a deadline N days after its own due date, as the ⏰ button
//! does, not N days after today; a move to an earlier day says so.

use crate::support::harness::*;

async fn add(h: &Harness, args: &str) -> i64 {
    crate::calendar::add(h, &Person::staff(), Place::Staff, args).await
}

async fn postpone(h: &Harness, id: i64, rest: &str) -> Sent {
    let line = format!("เลื่อน {id} {rest}");
    h.reply(&Person::staff(), Place::Staff, &line).await
}

#[tokio::test]
async fn more_days_count_from_the_deadline_not_from_today() {
    let h = Harness::new().await;
    let id = add(&h, "20 มิ.ย. 2570 ส่งแผนปฏิบัติการ").await;
    let reply = postpone(&h, id, "อีก 1 วัน").await;
    assert!(
        reply.text.contains("จาก 20 มิ.ย. 2570 เป็น") && reply.text.contains("21 มิ.ย. 2570"),
        "{}",
        reply.text
    );
    let reply = postpone(&h, id, "อีก 3 วัน รอโรงเรียน").await;
    assert!(reply.text.contains("24 มิ.ย. 2570"), "{}", reply.text);
    assert!(reply.text.contains("รอโรงเรียน"), "{}", reply.text);
}

#[tokio::test]
async fn a_move_to_an_earlier_day_says_so() {
    let h = Harness::new().await;
    let id = add(&h, "20 มิ.ย. 2570 ส่งแผนปฏิบัติการ").await;
    let reply = postpone(&h, id, "พรุ่งนี้").await;
    assert!(reply.text.contains("เร็วขึ้น"), "{}", reply.text);
    assert!(reply.text.contains("20 มิ.ย. 2570"), "{}", reply.text);
}

/// `เลื่อน 1 เป็น 28 มิ.ย.`: the word people put before the new date was taken for the date
/// and refused. A day and month that passed days ago (12 มิ.ย. on 15 มิ.ย.) was read as next
/// year's without a word; now both are offered.
#[tokio::test]
async fn the_new_date_may_follow_to_and_a_day_just_passed_is_asked_about() {
    let h = Harness::new().await;
    let id = add(&h, "20 มิ.ย. 2570 ส่งแผนปฏิบัติการ").await;
    for (rest, expected) in [
        ("เป็น 28 มิ.ย. 2570", "28 มิ.ย. 2570"),
        ("ไป 29 มิ.ย. 2570", "29 มิ.ย. 2570"),
        ("ไปวันที่ 30 มิ.ย. 2570", "30 มิ.ย. 2570"),
    ] {
        let reply = postpone(&h, id, rest).await;
        assert!(
            reply.text.contains("เป็น") && reply.text.contains(expected),
            "{rest}: {}",
            reply.text
        );
    }
    // The harness's today is 15 มิ.ย. 2569.
    let asked = postpone(&h, id, "12 มิ.ย.").await;
    assert!(asked.text.contains("เพิ่งผ่านไป"), "{}", asked.text);
    let labels: Vec<&str> = asked.buttons.iter().map(|(l, _)| l.as_str()).collect();
    assert!(
        labels.iter().any(|l| l.contains("12 มิ.ย. 2569"))
            && labels.iter().any(|l| l.contains("12 มิ.ย. 2570")),
        "{labels:?}"
    );
    let moved = h
        .press(
            &Person::staff(),
            Place::Staff,
            &asked.button("12 มิ.ย. 2570"),
        )
        .await;
    assert!(
        moved
            .iter()
            .any(|s| s.text.contains("เป็น") && s.text.contains("12 มิ.ย. 2570")),
        "{moved:?}"
    );
    // A date further back is next year's, as before.
    let later = postpone(&h, id, "1 เม.ย.").await;
    assert!(later.text.contains("1 เม.ย. 2570"), "{}", later.text);
}

/// `อีก 2 วันทำการ` counted from today, moving a deadline a week away earlier; it counts from
/// the deadline, as `อีก 2 วัน` does. Found by a helper using the console.
#[tokio::test]
async fn more_working_days_count_from_the_deadline_too() {
    let h = Harness::new().await;
    // Friday 26 มิ.ย. 2569: two working days later is Tuesday 30 มิ.ย.
    let id = add(&h, "26 มิ.ย. 2569 ส่งแผนปฏิบัติการ").await;
    let reply = postpone(&h, id, "อีก 2 วันทำการ").await;
    assert!(
        reply.text.contains("จาก 26 มิ.ย. 2569 เป็น") && reply.text.contains("30 มิ.ย. 2569"),
        "{}",
        reply.text
    );
}

/// The date typed in answer to "which of the two dates?" got no reply and nothing was done;
/// typed as a date (or as its button reads) it is the choice, and anything else asks again.
#[tokio::test]
async fn the_date_typed_instead_of_pressed_is_the_choice() {
    let h = Harness::new().await;
    let staff = Person::staff();
    let id = add(&h, "20 มิ.ย. 2570 ส่งแผนปฏิบัติการ").await;
    let asked = postpone(&h, id, "12 มิ.ย.").await;
    assert!(asked.text.contains("เพิ่งผ่านไป"), "{}", asked.text);
    let again = h.reply(&staff, Place::Staff, "อันไหนดีนะ").await;
    assert!(
        again.text.contains("ยังไม่ได้ทำอะไร") || again.text.contains("เพิ่งผ่านไป"),
        "{}",
        again.text
    );
    let moved = h.send(&staff, Place::Staff, "12 มิ.ย. 2570").await;
    assert!(
        moved
            .iter()
            .any(|s| s.text.contains("เป็น") && s.text.contains("12 มิ.ย. 2570")),
        "{moved:?}"
    );
}
