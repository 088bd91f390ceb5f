//! The core's engine: de-duplication, refusals, outbox, language, group registration.

use crate::support::harness::*;
use khetbot::core::{Actor, Chat, ChatKind, Event, Input};

#[tokio::test]
async fn an_update_delivered_twice_changes_nothing_the_second_time() {
    let h = Harness::new().await;
    let event = |text: &str| Event {
        update_id: Some(777),
        reply_to: None,
        message_id: None,
        chat: Chat {
            id: 5,
            kind: ChatKind::Private,
            title: None,
        },
        actor: Actor {
            user_id: 5,
            name: "x".into(),
            username: None,
            anonymous_admin: false,
            memberships: vec![],
        },
        input: Input::Text(text.into()),
    };
    let first = h.handle(event("/lang en")).await;
    assert!(
        first[0].text.starts_with("Language set to English."),
        "{}",
        first[0].text
    );
    let second = h.handle(event("/lang en")).await;
    assert!(
        second.is_empty(),
        "a duplicate must not answer again: {second:?}"
    );
}

#[tokio::test]
async fn admin_commands_are_refused_politely_in_thai_for_others() {
    let h = Harness::new().await;
    let reply = h
        .reply(&Person::staff(), Place::Staff, "/setgroup staff")
        .await;
    assert!(reply.text.contains("สำหรับผู้ดูแลระบบเท่านั้น"), "{}", reply.text);
    let reply = h
        .reply(&Person::public(), Place::Private, "กลุ่มที่ลงทะเบียน")
        .await;
    assert!(reply.text.contains("สำหรับผู้ดูแลระบบเท่านั้น"), "{}", reply.text);
}

#[tokio::test]
async fn an_admin_registers_a_group_by_thai_alias_and_it_moves_the_role() {
    let h = Harness::new().await;
    let reply = h
        .reply(&Person::admin(), Place::OtherGroup, "ตั้งค่ากลุ่ม ผู้บริหาร")
        .await;
    assert!(
        reply.text.contains("ลงทะเบียนกลุ่มนี้เป็นกลุ่มผู้บริหารสถานศึกษา"),
        "{}",
        reply.text
    );
    assert!(reply.text.contains("กลุ่มเดิม"), "{}", reply.text);
    let groups = h.core.registered_groups().await.unwrap();
    assert!(groups.contains(&(khetbot::core::Role::Principals, -999_999)));
    let reply = h
        .reply(&Person::admin(), Place::OtherGroup, "/setgroup nonsense")
        .await;
    assert!(reply.text.contains("/setgroup staff"), "{}", reply.text);
}

#[tokio::test]
async fn setgroup_in_a_private_chat_says_where_to_use_it() {
    let h = Harness::new().await;
    let reply = h
        .reply(&Person::admin(), Place::Private, "/setgroup staff")
        .await;
    assert!(reply.text.contains("ต้องพิมพ์ในกลุ่ม"), "{}", reply.text);
}

#[tokio::test]
async fn replies_go_through_the_outbox_and_are_removed_once_delivered() {
    let h = Harness::new().await;
    let event = Event {
        update_id: Some(1),
        reply_to: None,
        message_id: None,
        chat: Chat {
            id: 9,
            kind: ChatKind::Private,
            title: None,
        },
        actor: Actor {
            user_id: 9,
            name: "x".into(),
            username: None,
            anonymous_admin: false,
            memberships: vec![],
        },
        input: Input::Text("/start".into()),
    };
    let deliveries = h.core.handle(event).await.unwrap();
    assert!(deliveries[0].outbox_id.is_some());
    // Not acknowledged (a crash before sending): still due after a restart.
    let due = h.core.due_deliveries(vec![]).await.unwrap();
    assert_eq!(due.len(), 1);
    h.core
        .delivered(vec![due[0].outbox_id.unwrap()])
        .await
        .unwrap();
    assert!(h.core.due_deliveries(vec![]).await.unwrap().is_empty());
}

/// The Telegram adapter tells messages apart by outbox id while they are being sent; an id
/// reused right after its message was acknowledged made the next reply look like one already
/// on its way, and it waited for the sweeper.
#[tokio::test]
async fn an_acknowledged_messages_outbox_id_is_never_given_to_another() {
    let h = Harness::new().await;
    let public = Person::public();
    let mut seen = Vec::new();
    for _ in 0..3 {
        let event = h.event(&public, Place::Private, Input::Text("/start".into()));
        let deliveries = h.core.handle(event).await.unwrap();
        let id = deliveries[0].outbox_id.expect("a reply through the outbox");
        assert!(!seen.contains(&id), "outbox id {id} given twice");
        seen.push(id);
        h.core.delivered(vec![id]).await.unwrap();
    }
}

#[tokio::test]
async fn group_chatter_is_ignored_but_private_text_always_gets_an_answer() {
    let h = Harness::new().await;
    assert!(
        h.send(&Person::staff(), Place::Staff, "สวัสดีทุกคนครับ")
            .await
            .is_empty()
    );
    let reply = h
        .reply(&Person::public(), Place::Private, "อะไรก็ได้ 🤔")
        .await;
    assert!(!reply.text.is_empty());
}

#[tokio::test]
async fn the_menu_lists_only_what_the_person_may_do_here() {
    let h = Harness::new().await;
    let public = h.reply(&Person::public(), Place::Private, "เมนู").await;
    assert!(public.text.starts_with("สวัสดีค่ะ ติดต่อสอบถามข้อมูลได้ที่นี่ค่ะ"));
    // The general commands are one button of the menu.
    let general = |menu: &Sent| menu.button("ทั่วไป");
    let public = h
        .press(&Person::public(), Place::Private, &general(&public))
        .await
        .remove(0);
    let admin = h.reply(&Person::admin(), Place::Private, "/help").await;
    let admin = h
        .press(&Person::admin(), Place::Private, &general(&admin))
        .await
        .remove(0);
    assert!(public.text.contains("/lang"), "{}", public.text);
    assert!(!public.text.contains("/setgroup"), "{}", public.text);
    assert!(admin.text.contains("/setgroup"), "{}", admin.text);
    assert!(admin.text.contains("/groups"), "{}", admin.text);
}

#[tokio::test]
async fn a_migrated_group_keeps_its_role_under_the_new_id() {
    let h = Harness::new().await;
    let event = Event {
        update_id: Some(50),
        reply_to: None,
        message_id: None,
        chat: Chat {
            id: STAFF_GROUP,
            kind: ChatKind::Group,
            title: None,
        },
        actor: Actor {
            user_id: 11,
            name: "x".into(),
            username: None,
            anonymous_admin: false,
            memberships: vec![],
        },
        input: Input::GroupMigrated {
            to_chat_id: -100_777,
        },
    };
    h.handle(event).await;
    let groups = h.core.registered_groups().await.unwrap();
    assert!(
        groups.contains(&(khetbot::core::Role::Staff, -100_777)),
        "{groups:?}"
    );
}

#[tokio::test]
async fn cancel_without_a_dialogue_says_there_is_nothing_to_cancel() {
    let h = Harness::new().await;
    let reply = h.reply(&Person::public(), Place::Private, "ยกเลิก").await;
    assert!(reply.text.contains("ไม่มีขั้นตอนที่ทำค้างอยู่"), "{}", reply.text);
}

#[tokio::test]
async fn status_is_for_admins_and_reports_the_counters() {
    let h = Harness::new().await;
    let refused = h.reply(&Person::staff(), Place::Staff, "/status").await;
    assert!(refused.text.contains("สำหรับผู้ดูแลระบบเท่านั้น"));
    let status = h.reply(&Person::admin(), Place::Private, "สถานะระบบ").await;
    assert!(status.text.contains("สถานะระบบ khetbot"), "{}", status.text);
    assert!(
        status.text.contains("สำรองข้อมูลล่าสุด: ยังไม่เคยสำรอง"),
        "{}",
        status.text
    );
    assert!(
        status.text.contains("ข้อความที่ประมวลผลตั้งแต่เริ่ม: 1"),
        "{}",
        status.text
    );
}

#[tokio::test]
async fn the_daily_backup_runs_once_a_day_and_is_a_usable_database() {
    let h = Harness::new().await;
    h.send(&Person::admin(), Place::Private, "/lang en").await;
    let first = h
        .core
        .backup_if_due()
        .await
        .unwrap()
        .expect("09:00 is after the nightly hour");
    assert!(
        h.core.backup_if_due().await.unwrap().is_none(),
        "only one backup a day"
    );
    let copy = rusqlite::Connection::open(&first).unwrap();
    let lang: String = copy
        .query_row(
            "SELECT lang FROM user_prefs WHERE user_id = ?1",
            [ADMIN_ID],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(lang, "en");
    h.clock.advance(chrono::Duration::days(1));
    assert!(h.core.backup_if_due().await.unwrap().is_some());
    let status = h.reply(&Person::admin(), Place::Private, "/status").await;
    assert!(
        status.text.contains("Last backup: 16 Jun 2569"),
        "{}",
        status.text
    );
}

/// Silence is a defect: a photo or file in a private chat that nothing asked for is answered
/// with what it could be for and the menu; in a group it stays chatter.
#[tokio::test]
async fn a_photo_or_file_nothing_asked_for_is_answered_in_a_private_chat() {
    let h = Harness::new().await;
    let photo = h
        .send_photo(&Person::public(), Place::Private, "photo-1", None)
        .await;
    assert_eq!(photo.len(), 1, "{photo:?}");
    assert!(photo[0].text.contains("แจ้งบริจาค"), "{}", photo[0].text);
    assert!(!photo[0].buttons.is_empty(), "the menu comes with it");
    let captioned = h
        .send_photo(&Person::public(), Place::Private, "photo-2", Some("อันนี้ค่ะ"))
        .await;
    assert_eq!(captioned.len(), 1, "{captioned:?}");
    assert!(
        h.send_photo(&Person::staff(), Place::Staff, "photo-3", None)
            .await
            .is_empty()
    );
}
