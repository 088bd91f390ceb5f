//! A command typed with a slip (a letter wrong or missing, a space inside the command word, a
//! word glued to it) is answered with the closest command, its usage and the line put right,
//! in the role groups and in private chats; ordinary chat in the groups stays unanswered.

use rusqlite::Connection;

use crate::support::harness::*;

fn donations(h: &Harness) -> i64 {
    Connection::open(h.db_path())
        .unwrap()
        .query_row("SELECT COUNT(*) FROM donations", [], |r| r.get(0))
        .unwrap()
}

#[tokio::test]
async fn near_misses_in_each_role_group_get_the_closest_command_and_its_usage() {
    let h = Harness::new().await;
    for (who, place, typed, command, corrected) in [
        (
            Person::staff(),
            Place::Staff,
            "เพิ่มกำหนดส่ง รายงาน 15 ธ.ค.",
            "เพิ่มกำหนดการ",
            "เพิ่มกำหนดการ รายงาน 15 ธ.ค.",
        ),
        (
            Person::staff(),
            Place::Staff,
            "เพิ่ม กำหนดการ 15 ธ.ค. ส่งรายงาน",
            "เพิ่มกำหนดการ",
            "เพิ่มกำหนดการ 15 ธ.ค. ส่งรายงาน",
        ),
        (
            Person::staff(),
            Place::Staff,
            "ลงบริจาค 500 จาก นายดำ",
            "บริจาค",
            "บริจาค 500 จาก นายดำ",
        ),
        (
            Person::staff(),
            Place::Staff,
            "บริจาด 500 จาก นายดำ",
            "บริจาค",
            "บริจาค 500 จาก นายดำ",
        ),
        (
            Person::staff(),
            Place::Staff,
            "ยอดบริจก",
            "ยอดบริจาค",
            "ยอดบริจาค",
        ),
        (
            Person::principal(),
            Place::Principals,
            "ยอดบริจาก ปีงบ 2569",
            "ยอดบริจาค",
            "ยอดบริจาค ปีงบ 2569",
        ),
        (
            Person::officer(),
            Place::Officers,
            "มอบหมย ร-2569-0007 ครูเอ",
            "มอบหมาย",
            "มอบหมาย ร-2569-0007 ครูเอ",
        ),
        (
            Person::officer(),
            Place::Officers,
            "ดูเรือง ร-2569-0007",
            "ดูเรื่อง",
            "ดูเรื่อง ร-2569-0007",
        ),
    ] {
        let hint = h.reply(&who, place, typed).await;
        assert!(
            hint.text.contains(&format!("คำสั่งที่ใกล้เคียงที่สุดคือ {command}")),
            "{typed}: {}",
            hint.text
        );
        assert!(
            hint.text.contains(&format!("«{corrected}»")),
            "{typed}: {}",
            hint.text
        );
        assert_eq!(hint.buttons.len(), 1, "{typed}: one button runs it");
    }
    assert_eq!(donations(&h), 0, "a hint records nothing");
}

/// The hint to a donation line whose command word has a slip (บริจาด).
async fn hint_for_a_slip(h: &Harness) -> Sent {
    h.reply(
        &Person::staff(),
        Place::Staff,
        "บริจาด 500 จาก นายดำ เพื่อ ทุนการศึกษา",
    )
    .await
}

#[tokio::test]
async fn the_button_runs_the_line_put_right() {
    let h = Harness::new().await;
    let hint = hint_for_a_slip(&h).await;
    let ran = h
        .press(&Person::staff(), Place::Staff, &hint.button("ใช่ ทำคำสั่งนี้"))
        .await;
    assert!(
        ran.iter().any(|s| s.text.contains("เลขที่ 1/")),
        "recorded: {ran:?}"
    );
    assert_eq!(donations(&h), 1);
    // Spent: a second press does not record it again.
    h.press(&Person::staff(), Place::Staff, &hint.button("ใช่ ทำคำสั่งนี้"))
        .await;
    assert_eq!(donations(&h), 1);
}

#[tokio::test]
async fn the_button_is_spent_once_the_person_types_the_command_themselves() {
    let h = Harness::new().await;
    let hint = hint_for_a_slip(&h).await;
    h.send(
        &Person::staff(),
        Place::Staff,
        "บริจาค 500 จาก นายดำ เพื่อ ทุนการศึกษา",
    )
    .await;
    assert_eq!(donations(&h), 1);
    h.press(&Person::staff(), Place::Staff, &hint.button("ใช่ ทำคำสั่งนี้"))
        .await;
    assert_eq!(donations(&h), 1, "not recorded twice");
}

#[tokio::test]
async fn ordinary_chat_in_the_groups_stays_unanswered() {
    let h = Harness::new().await;
    for (who, place) in [
        (Person::staff(), Place::Staff),
        (Person::principal(), Place::Principals),
        (Person::officer(), Place::Officers),
    ] {
        for chat in [
            "วันนี้ฝนตกหนักมาก",
            "ขอบคุณค่ะ",
            "บริจาคเงินได้ที่ไหน",
            "อยากบริจาคเหมือนกันค่ะ",
            "เพื่อน 3 คนมาแล้ว",
            "ภาษี 500 บาท",
            "ตอน 5 โมงเจอกันนะ",
            "เลือน ไปก่อนนะ",
            "ประกาศผล 5 โมงเย็นนะคะ",
            "กำหนดส่งงานวันไหนคะ",
            "ยอดเยี่ยมมากครับ",
            "ประชุม 13.30 น. ห้องประชุม 2",
            "สถานที่จัดงานอยู่ไหนคะ",
            "มอบหมายให้ครูเอดูแลนะคะ",
        ] {
            let sent = h.send(&who, place, chat).await;
            assert!(sent.is_empty(), "{chat}: {sent:?}");
        }
    }
}

#[tokio::test]
async fn a_group_not_registered_gets_no_hints() {
    let h = Harness::new().await;
    let sent = h
        .send(&Person::staff(), Place::OtherGroup, "บริจาด 500 จาก นายดำ")
        .await;
    assert!(sent.is_empty(), "{sent:?}");
}

#[tokio::test]
async fn near_misses_in_a_private_chat_get_the_hint_in_the_persons_language() {
    let h = Harness::new().await;
    let hint = h.reply(&Person::public(), Place::Private, "ร้องเรียร").await;
    assert!(
        hint.text.contains("คำสั่งที่ใกล้เคียงที่สุดคือ ร้องเรียน"),
        "{}",
        hint.text
    );
    // A staff command is no hint for someone who may not use it: the line goes on as before.
    let other = h.reply(&Person::public(), Place::Private, "ยอดบริจก").await;
    assert!(!other.text.contains("ใกล้เคียงที่สุดคือ"), "{}", other.text);

    h.send(&Person::staff(), Place::Private, "/lang en").await;
    let hint = h
        .reply(&Person::staff(), Place::Private, "/donat 500 จาก นายดำ")
        .await;
    assert!(
        hint.text.contains("The closest command is /donate"),
        "{}",
        hint.text
    );
    assert!(
        hint.text.contains("«/donate 500 จาก นายดำ»"),
        "{}",
        hint.text
    );
}
