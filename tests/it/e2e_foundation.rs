//! End to end: the real dispatcher and Throttle against the fake Bot API on 127.0.0.1.

use std::time::Duration;

use crate::support::app::*;
use crate::support::fake_telegram::Chat;
use crate::support::harness::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_in_a_private_chat_and_in_a_group_answers_in_thai() {
    let mut app = spawn_app().await;
    let public = Person::public();
    app.tg
        .push_text(&private_chat(&public), &user(&public), "/start");
    let reply = app
        .wait_for_text(public.id, "สวัสดีค่ะ ติดต่อสอบถามข้อมูลได้ที่นี่ค่ะ")
        .await;
    assert!(reply.contains("เลือกเรื่องที่ต้องการ"), "{reply}");
    app.tg.push_text(
        &staff_chat(),
        &user(&Person::staff()),
        "/start@khetbot_test_bot",
    );
    let reply = app.wait_for_text(STAFF_GROUP, "สวัสดีค่ะ").await;
    assert!(reply.contains("กลุ่มบุคลากร"), "{reply}");
    // Every reply is sent as HTML.
    for call in app.tg.calls_of("sendMessage") {
        assert_eq!(call.params["parse_mode"], "HTML");
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_menu_is_registered_in_thai_with_latin_names() {
    let mut app = spawn_app().await;
    let calls = app.tg.calls_of("setMyCommands");
    let langs: Vec<String> = calls
        .iter()
        .map(|c| {
            c.params
                .get("language_code")
                .and_then(|l| l.as_str())
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert!(
        langs.contains(&String::new())
            && langs.contains(&"th".into())
            && langs.contains(&"en".into())
    );
    let thai = calls
        .iter()
        .find(|c| c.params.get("language_code").is_some_and(|l| l == "th"))
        .unwrap();
    let help = thai.params["commands"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["command"] == "help")
        .unwrap();
    assert_eq!(help["description"], "เมนูและวิธีใช้");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn setgroup_by_an_admin_registers_and_is_refused_for_others() {
    let mut app = spawn_app().await;
    let new_group = Chat::group(-4242, "กลุ่มเจ้าหน้าที่ใหม่");
    app.tg
        .push_text(&new_group, &user(&Person::staff()), "/setgroup officers");
    let refusal = app.wait_for_text(-4242, "ผู้ดูแลระบบเท่านั้น").await;
    assert!(refusal.contains("ตั้งค่ากลุ่ม"), "{refusal}");
    app.tg
        .push_text(&new_group, &user(&Person::admin()), "/setgroup officers");
    app.wait_for_text(-4242, "กลุ่มเจ้าหน้าที่รับเรื่องร้องเรียน").await;
    let groups = app.core.registered_groups().await.unwrap();
    assert!(groups.contains(&(khetbot::core::Role::Officers, -4242)));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anonymous_group_admin_counts_as_an_admin() {
    let mut app = spawn_app().await;
    let group = Chat::supergroup(-1001234567890, "กลุ่มใหม่");
    app.tg
        .push_anonymous_admin_text(&group, "/setgroup principals");
    app.wait_for_text(-1001234567890, "ลงทะเบียนกลุ่มนี้เป็นกลุ่มผู้บริหารสถานศึกษา")
        .await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_upgraded_to_a_supergroup_keeps_its_role() {
    let mut app = spawn_app().await;
    app.tg.push_migrate(&staff_chat(), -1009999999999);
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let groups = app.core.registered_groups().await.unwrap();
        if groups.contains(&(khetbot::core::Role::Staff, -1009999999999)) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the registration did not follow: {groups:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_is_waited_out_and_the_message_still_arrives() {
    let mut app = spawn_app().await;
    let public = Person::public();
    app.tg.fail_next("sendMessage", 1, 1);
    let pushed_at = std::time::Instant::now();
    app.tg
        .push_text(&private_chat(&public), &user(&public), "/start");
    app.wait_for_text(public.id, "สวัสดีค่ะ").await;
    assert!(
        pushed_at.elapsed() >= Duration::from_secs(1),
        "the retry_after must be honoured"
    );
    let attempts = app.tg.calls_of("sendMessage").len();
    assert_eq!(attempts, 2, "one refused attempt, one delivered");
    assert_eq!(
        app.tg.sent_texts(public.id).len(),
        1,
        "delivered once, not twice"
    );
    assert!(
        app.tg.rate_violations().is_empty(),
        "{:?}",
        app.tg.rate_violations()
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_delivered_twice_changes_nothing_the_second_time() {
    let mut app = spawn_app().await;
    let public = Person::public();
    let id = app
        .tg
        .push_text(&private_chat(&public), &user(&public), "/lang en");
    app.wait_for_text(public.id, "Language set to English.")
        .await;
    app.tg.deliver_again(id);
    // A later update proves the duplicate was fetched and passed over.
    app.tg
        .push_text(&private_chat(&public), &user(&public), "/help");
    app.wait_for_text(public.id, "Hello! Ask us anything here.")
        .await;
    let confirmations = app
        .tg
        .sent_texts(public.id)
        .iter()
        .filter(|t| t.contains("Language set"))
        .count();
    assert_eq!(confirmations, 1);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_chat_permissions_come_from_group_membership() {
    let mut app = spawn_app().await;
    let staff = Person::staff();
    app.tg
        .push_text(&private_chat(&staff), &user(&staff), "/help");
    let menu = app.wait_for_text(staff.id, "สวัสดีค่ะ").await;
    let member_checks = app.tg.calls_of("getChatMember");
    assert!(
        !member_checks.is_empty(),
        "roles in a private chat are asked of Telegram"
    );
    assert!(menu.contains("เลือกเรื่องที่ต้องการ"), "{menu}");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_private_command_asks_telegram_only_about_the_groups_it_needs() {
    let mut app = spawn_app().await;
    let staff = Person::staff();
    app.tg.push_text(
        &private_chat(&staff),
        &user(&staff),
        "บริจาค 500 บาท จาก นายใจดี มีสุข เพื่อ ทุนการศึกษา",
    );
    app.wait_for_text(staff.id, "นายใจดี มีสุข").await;
    // The groups asked about so far, in order.
    let asked = |app: &TestApp| -> Vec<Option<i64>> {
        app.tg
            .calls_of("getChatMember")
            .iter()
            .map(|call| call.chat_id())
            .collect()
    };
    assert_eq!(asked(&app), vec![Some(STAFF_GROUP)], "only the staff group");
    // The menu shows the capabilities the person may use: each has a command anyone may
    // use, so no other group is asked about; the staff membership is remembered.
    app.tg
        .push_text(&private_chat(&staff), &user(&staff), "/help");
    app.wait_for_text(staff.id, "สวัสดีค่ะ").await;
    assert_eq!(asked(&app), vec![Some(STAFF_GROUP)]);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clean_stop_confirms_every_processed_update() {
    let mut app = spawn_app().await;
    let public = Person::public();
    let last = app
        .tg
        .push_text(&private_chat(&public), &user(&public), "/start");
    app.wait_for_text(public.id, "สวัสดีค่ะ").await;
    app.stop().await;
    assert_eq!(app.tg.confirmed_offset(), last + 1);
    assert_eq!(app.tg.pending_updates(), 0);
}
