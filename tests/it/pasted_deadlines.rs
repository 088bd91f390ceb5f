//! Several `เพิ่มกำหนดการ` lines pasted in one message: none is recorded (a later line used to
//! become part of the first deadline's title) and the answer says to send one per message.

use crate::support::harness::*;

#[tokio::test]
async fn several_deadlines_in_one_message_record_none_and_say_one_per_message() {
    let h = Harness::new().await;
    let reply = h
        .reply(
            &Person::staff(),
            Place::Staff,
            "เพิ่มกำหนดการ 20 มิ.ย. 2569 ส่งแผน\nเพิ่มกำหนดการ 25 มิ.ย. 2569 ส่งรายงาน",
        )
        .await;
    assert!(
        reply.text.contains("ยังไม่ได้บันทึกกำหนดการใดเลย"),
        "{}",
        reply.text
    );
    assert!(reply.text.contains("2 บรรทัด"), "{}", reply.text);
    let listing = h.reply(&Person::staff(), Place::Staff, "กำหนดการ").await;
    assert!(!listing.text.contains("ส่งแผน"), "{}", listing.text);
    // One deadline whose title runs onto a second line is still one deadline.
    let reply = h
        .reply(
            &Person::staff(),
            Place::Staff,
            "เพิ่มกำหนดการ 20 มิ.ย. 2569 ส่งแผน\nปฏิบัติการประจำปี",
        )
        .await;
    assert!(reply.text.contains("บันทึกกำหนดการแล้ว"), "{}", reply.text);
}
