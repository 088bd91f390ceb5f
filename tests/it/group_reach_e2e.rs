//! Issue 15 items 5 and 6 over the fake Bot API: a deadline or a workflow addressed to other
//! groups is announced in each (one message per group, with the steps for a workflow), and a
//! private-only command typed in a group answers with a button that opens the private chat.

use crate::support::app::*;
use crate::support::harness::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deadlines_and_workflows_are_announced_to_the_groups_they_address() {
    let mut app = spawn_app().await;
    let staff = user(&Person::staff());
    app.tg.push_text(
        &staff_chat(),
        &staff,
        "เพิ่มกำหนดการ 30 มิ.ย. ส่งทะเบียนคณะกรรมการสถานศึกษา แจ้ง ผู้บริหาร",
    );
    app.wait_for_text(STAFF_GROUP, "บันทึกกำหนดการแล้ว").await;
    let told = app
        .wait_for_text(PRINCIPALS_GROUP, "กำหนดการใหม่สำหรับกลุ่มนี้")
        .await;
    assert!(told.contains("ส่งทะเบียนคณะกรรมการสถานศึกษา"), "{told}");
    assert!(told.contains("สมศรี ใจดี"), "{told}");

    app.tg.push_text(
        &staff_chat(),
        &staff,
        "เริ่มงาน ทุนการศึกษา 1 ก.ค. 2569 แจ้ง ทั้งหมด",
    );
    app.wait_for_text(STAFF_GROUP, "เริ่มงาน").await;
    let workflow = app.wait_for_text(PRINCIPALS_GROUP, "ขั้นตอนที่แจ้งกลุ่มนี้").await;
    assert!(workflow.contains("ทุนการศึกษา (1/"), "{workflow}");
    assert!(workflow.contains("ครบกำหนด"), "{workflow}");
    // One message per group: the staff group, where it was typed, only gets the reply.
    assert_eq!(
        app.tg
            .count_sent_containing(PRINCIPALS_GROUP, "ขั้นตอนที่แจ้งกลุ่มนี้"),
        1
    );
    assert_eq!(
        app.tg.count_sent_containing(STAFF_GROUP, "ขั้นตอนที่แจ้งกลุ่มนี้"),
        0
    );
    assert_eq!(
        app.tg
            .count_sent_containing(OFFICERS_GROUP, "ขั้นตอนที่แจ้งกลุ่มนี้"),
        0
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reporting_a_donation_from_a_group_offers_a_deep_link() {
    let mut app = spawn_app().await;
    app.tg
        .push_text(&principals_chat(), &user(&Person::principal()), "แจ้งบริจาค");
    app.wait_for_text(PRINCIPALS_GROUP, "แชทส่วนตัว").await;
    let message = app
        .tg
        .bot_messages(PRINCIPALS_GROUP)
        .into_iter()
        .rev()
        .find(|m| m["text"].as_str().is_some_and(|t| t.contains("แชทส่วนตัว")))
        .unwrap();
    let url = message["reply_markup"]["inline_keyboard"][0][0]["url"]
        .as_str()
        .unwrap_or_else(|| panic!("a link button: {message:#}"));
    let bot = app.tg.bot_username().to_owned();
    assert_eq!(url, format!("https://t.me/{bot}?start=report_donation"));

    // The link's /start payload starts the report in the private chat.
    let donor = Person::public();
    app.tg.push_text(
        &private_chat(&donor),
        &user(&donor),
        "/start report_donation",
    );
    app.wait_for_text(donor.id, "เงินหรือสิ่งของ").await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tracking_code_typed_in_a_group_is_deleted_and_the_group_is_told() {
    let mut app = spawn_app().await;
    let update = app.tg.text_update(
        &principals_chat(),
        &user(&Person::principal()),
        "/track 1234 5678 9012 3456",
    );
    let message_id = update["message"]["message_id"].as_i64().unwrap();
    app.tg.push_update(update);
    let said = app.wait_for_text(PRINCIPALS_GROUP, "บอทลบข้อความ").await;
    assert!(said.contains("แชทส่วนตัว"), "{said}");
    let delete = app
        .tg
        .calls_of("deleteMessage")
        .pop()
        .expect("the code's message deleted");
    assert_eq!(delete.chat_id(), Some(PRINCIPALS_GROUP));
    assert_eq!(delete.params["message_id"].as_i64(), Some(message_id));
    app.stop().await;
}

/// Where Telegram does not let the bot delete it (not an administrator), the group is told
/// how to delete the message itself, and the bot does not claim to have deleted it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tracking_code_the_bot_may_not_delete_is_answered_with_how_to_delete_it() {
    let mut app = spawn_app().await;
    app.tg.refuse_deletions(PRINCIPALS_GROUP);
    app.tg.push_text(
        &principals_chat(),
        &user(&Person::principal()),
        "/track 1234 5678 9012 3456",
    );
    let said = app.wait_for_text(PRINCIPALS_GROUP, "กดค้างที่ข้อความ").await;
    assert!(!said.contains("บอทลบข้อความ"), "{said}");
    assert_eq!(
        app.tg
            .count_sent_containing(PRINCIPALS_GROUP, "บอทลบข้อความ"),
        0
    );
    app.stop().await;
}
