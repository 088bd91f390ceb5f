//! The bot removed from a registered group, end to end against the fake Bot API: the
//! registration is suspended (not deleted), the admins are told privately, and the messages
//! owed to the group are held — not lost, not retried against Telegram's 403 — until an admin
//! registers a group for the role again, then delivered there.

use std::time::Duration;

use crate::cards_e2e::file_tipoff;
use crate::support::app::*;
use crate::support::fake_telegram::Chat;
use crate::support::harness::*;

const NEW_OFFICERS_GROUP: i64 = -100_009;

/// The officers' registration: (suspended, registered_by).
fn officers_registration(app: &TestApp) -> (bool, Option<i64>) {
    let conn = rusqlite::Connection::open(app.dir.path().join("bot.sqlite3")).unwrap();
    conn.query_row(
        "SELECT suspended_at IS NOT NULL, registered_by FROM groups WHERE role = 'officers'",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

fn sends_to(app: &TestApp, chat_id: i64) -> usize {
    app.tg
        .calls_of("sendMessage")
        .iter()
        .filter(|call| call.chat_id() == Some(chat_id))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_card_owed_to_the_officers_group_after_the_bot_was_removed_reaches_the_new_group() {
    let mut app = spawn_app().await;
    let admin = Person::admin();
    app.tg
        .push_text(&officers_chat(), &user(&admin), "/setgroup officers");
    app.wait_for_text(OFFICERS_GROUP, "ลงทะเบียนกลุ่มนี้").await;

    app.tg.push_bot_removed(&officers_chat(), &user(&admin));
    let told = app.wait_for_text(ADMIN_ID, "ไม่มีกลุ่มใดทำหน้าที่").await;
    assert!(told.contains("กลุ่มเจ้าหน้าที่รับเรื่อง"), "names the role: {told}");
    assert!(
        told.contains("/setgroup officers") && told.contains("ตั้งค่ากลุ่ม เจ้าหน้าที่รับเรื่อง"),
        "says how to register a group: {told}"
    );
    assert_eq!(
        officers_registration(&app),
        (true, Some(ADMIN_ID)),
        "suspended, and who registered it is kept"
    );

    app.tg
        .push_text(&private_chat(&admin), &user(&admin), "/groups");
    app.wait_for_text(ADMIN_ID, "ระงับแล้ว").await;

    // The group is known to be gone: its new card is held without trying Telegram at all,
    // then, hours later and after many sweeps, still not tried.
    let before = sends_to(&app, OFFICERS_GROUP);
    let filer = Person::new(7_170_001, "ผู้แจ้งหลังบอทออก", &[]);
    file_tipoff(&app, &filer, "ครูเก็บเงินค่าชุดเกินประกาศ").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(sends_to(&app, OFFICERS_GROUP), before, "not tried");
    app.clock.advance(chrono::Duration::hours(2));
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(sends_to(&app, OFFICERS_GROUP), before, "not retried");

    let new_officers = Chat::group(NEW_OFFICERS_GROUP, "ศูนย์รับเรื่องใหม่");
    app.tg
        .push_text(&new_officers, &user(&admin), "ตั้งค่ากลุ่ม เจ้าหน้าที่รับเรื่อง");
    let card = app.wait_for_text(NEW_OFFICERS_GROUP, "กำหนดตอบรับ").await;
    assert!(card.contains("ร-2569-0001"), "the held card: {card}");
    assert!(!officers_registration(&app).0, "the new group is active");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_403_from_a_group_the_bot_was_not_told_it_left_suspends_it_and_is_not_retried() {
    let mut app = spawn_app().await;
    app.tg.remove_bot_silently(&officers_chat());
    let filer = Person::new(7_170_002, "ผู้แจ้งกลุ่มเงียบ", &[]);
    file_tipoff(&app, &filer, "ครูเก็บเงินค่าชุดเกินประกาศ").await;
    let told = app.wait_for_text(ADMIN_ID, "ไม่มีกลุ่มใดทำหน้าที่").await;
    assert!(told.contains("ศูนย์รับเรื่องร้องเรียน"), "names the group: {told}");
    assert!(officers_registration(&app).0, "suspended");
    app.tg
        .wait_for("the card's refused send", WAIT, |_| {
            sends_to(&app, OFFICERS_GROUP) == 1
        })
        .await;
    let refused = sends_to(&app, OFFICERS_GROUP);
    assert_eq!(refused, 1, "one refused send");
    app.clock.advance(chrono::Duration::hours(2));
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(sends_to(&app, OFFICERS_GROUP), refused, "not retried");

    // The bot is added back to the same group and the role registered there again.
    app.tg.restore_bot(&officers_chat());
    app.tg.push_text(
        &officers_chat(),
        &user(&Person::admin()),
        "/setgroup officers",
    );
    app.wait_for_text(OFFICERS_GROUP, "กำหนดตอบรับ").await;
    app.stop().await;
}

/// Each admin is told in the language they chose; one who chose none reads Thai.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_admin_is_told_in_their_own_language() {
    const ENGLISH_ADMIN: i64 = 4_242;
    let mut app = spawn_app_with(|config| {
        config.admin_ids.insert(ENGLISH_ADMIN);
    })
    .await;
    let english = Person::new(ENGLISH_ADMIN, "Admin Two", &[]);
    app.tg
        .push_text(&private_chat(&english), &user(&english), "/lang en");
    app.wait_for_text(ENGLISH_ADMIN, "English").await;
    app.tg.push_text(
        &officers_chat(),
        &user(&Person::admin()),
        "/setgroup officers",
    );
    app.wait_for_text(OFFICERS_GROUP, "ลงทะเบียนกลุ่มนี้").await;

    app.tg
        .push_bot_removed(&officers_chat(), &user(&Person::admin()));
    let told = app
        .wait_for_text(ENGLISH_ADMIN, "The bot was removed from the group")
        .await;
    assert!(
        told.contains("/setgroup officers"),
        "says how to register a group: {told}"
    );
    let thai = app.wait_for_text(ADMIN_ID, "ไม่มีกลุ่มใดทำหน้าที่").await;
    assert!(thai.contains("กลุ่มเจ้าหน้าที่รับเรื่อง"), "{thai}");
    app.stop().await;
}
