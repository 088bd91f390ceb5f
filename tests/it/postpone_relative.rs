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
