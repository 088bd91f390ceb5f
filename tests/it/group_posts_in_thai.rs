//! What the bot posts to a group is written in Thai, the office's language, whoever set it
//! off: a donor or a complainant who chose English reads their own replies in English, while
//! the staff's and the officers' groups get their cards in Thai. Replies to someone's own
//! command in a group stay in that person's language.

use crate::complaints_support::filer;
use crate::support::harness::{
    Harness, OFFICERS_GROUP, PRINCIPALS_GROUP, Person, Place, STAFF_GROUP, Sent,
};

fn in_group(sent: &[Sent], group: i64) -> Vec<&Sent> {
    sent.iter().filter(|s| s.chat_id == group).collect()
}

#[tokio::test]
async fn a_report_from_a_donor_who_reads_english_reaches_staff_in_thai() {
    let h = Harness::new().await;
    let donor = Person::public();
    h.reply(&donor, Place::Private, "/lang en").await;
    let network = h
        .send(
            &donor,
            Place::Private,
            "แจ้งบริจาค 2,500 บาท เพื่อทุนการศึกษา ชื่อ ครอบครัวใจดี",
        )
        .await;
    let network = network.last().expect("the network asked");
    let method = h
        .press(&donor, Place::Private, &network.button("None"))
        .await;
    let method = method.last().expect("the method asked");
    let slip = h
        .press(&donor, Place::Private, &method.button("Bank transfer"))
        .await;
    assert!(
        slip.iter().any(|s| s.text.contains("transfer slip")),
        "{slip:?}"
    );
    let check = h
        .send_photo(&donor, Place::Private, "slip-1", None)
        .await
        .pop()
        .expect("the check");
    let sent = h
        .press(&donor, Place::Private, &check.button("Send to staff"))
        .await;
    let to_donor = sent.iter().find(|s| s.chat_id == donor.id).unwrap();
    assert!(to_donor.text.contains("Sent to staff"), "{}", to_donor.text);
    let cards = in_group(&sent, STAFF_GROUP);
    assert!(!cards.is_empty(), "{sent:?}");
    let posted = cards[0].clone();
    for card in cards {
        assert!(
            card.text.contains("แจ้งบริจาคจากผู้บริจาค") && card.text.contains("วิธีบริจาค: โอนเงิน"),
            "{}",
            card.text
        );
        assert_eq!(card.lang.as_deref(), Some("th"));
        let labels: Vec<&str> = card.buttons.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(labels, vec!["ยืนยันรับ", "ขอข้อมูลเพิ่ม", "ปฏิเสธ"]);
    }
    // A staff member who reads English confirms it: the card everyone sees stays Thai.
    let staff = Person::staff();
    h.reply(&staff, Place::Private, "/lang en").await;
    let confirmed = h
        .press(&staff, Place::Staff, &posted.button("ยืนยันรับ"))
        .await;
    let edits: Vec<&Sent> = confirmed
        .iter()
        .filter(|s| s.chat_id == STAFF_GROUP && s.edited_message_id.is_some())
        .collect();
    assert!(!edits.is_empty(), "{confirmed:?}");
    for edit in edits {
        assert!(edit.text.contains("แจ้งบริจาคจากผู้บริจาค"), "{}", edit.text);
        assert!(!edit.text.contains("Donation"), "{}", edit.text);
    }
}

#[tokio::test]
async fn a_complaint_from_someone_who_reads_english_reaches_the_officers_in_thai() {
    let h = Harness::new().await;
    let who = filer(777);
    h.reply(&who, Place::Private, "/lang en").await;
    h.send(&who, Place::Private, "ร้องเรียน").await;
    h.press(&who, Place::Private, "complaints:cat:tipoff").await;
    h.press(&who, Place::Private, "complaints:id:anon").await;
    h.send(
        &who,
        Place::Private,
        "The principal asks temporary teachers for money",
    )
    .await;
    h.press(&who, Place::Private, "complaints:account_done")
        .await;
    h.send(&who, Place::Private, "Ban Thotsop school").await;
    let sent = h.press(&who, Place::Private, "complaints:confirm").await;
    let to_filer = sent.iter().find(|s| s.chat_id == who.id).unwrap();
    assert_eq!(to_filer.lang.as_deref(), Some("en"), "{}", to_filer.text);
    let cards = in_group(&sent, OFFICERS_GROUP);
    assert!(!cards.is_empty(), "{sent:?}");
    for card in cards {
        assert!(
            card.text.contains("แจ้งเบาะแส") && card.text.contains("ไม่ระบุตัวตน"),
            "{}",
            card.text
        );
        assert_eq!(card.lang.as_deref(), Some("th"));
    }
}

/// A deadline a staff member who reads English adds for the principals is announced to their
/// group in Thai, and marked Thai: a digest of messages owed to the group heads them in the
/// language each is marked with.
#[tokio::test]
async fn a_deadline_announced_to_another_group_is_thai_whoever_added_it() {
    let h = Harness::new().await;
    let staff = Person::staff();
    h.reply(&staff, Place::Private, "/lang en").await;
    let sent = h
        .send(
            &staff,
            Place::Staff,
            "เพิ่มกำหนดการ 30 มิ.ย. 2569 ส่งแผนพัฒนาคุณภาพ แจ้ง ผู้บริหาร",
        )
        .await;
    let to_staff = sent.iter().find(|s| s.chat_id == STAFF_GROUP).unwrap();
    assert_eq!(to_staff.lang.as_deref(), Some("en"), "{}", to_staff.text);
    let announced = in_group(&sent, PRINCIPALS_GROUP);
    assert!(!announced.is_empty(), "{sent:?}");
    for post in announced {
        assert!(
            post.text.contains("กำหนดการใหม่สำหรับกลุ่มนี้") && post.text.contains("30 มิ.ย. 2569"),
            "{}",
            post.text
        );
        assert!(!post.text.contains("Due"), "{}", post.text);
        assert_eq!(post.lang.as_deref(), Some("th"), "{}", post.text);
    }
    // A workflow's steps for the principals, announced to them, likewise.
    let sent = h.send(&staff, Place::Staff, "เริ่มงาน ชุมชน ปีงบ 2570").await;
    let announced = in_group(&sent, PRINCIPALS_GROUP);
    assert!(!announced.is_empty(), "{sent:?}");
    for post in announced {
        assert!(post.text.contains("ครบกำหนด"), "{}", post.text);
        assert!(!post.text.contains(" due "), "{}", post.text);
        assert_eq!(post.lang.as_deref(), Some("th"), "{}", post.text);
    }
}
