//! Presses on LINE as people make them. LINE cannot change a sent message, so a card's new
//! state comes as the card anew: without its file again (Telegram edits only the text; the
//! slip photo is already in the chat above the card). A button's notice (Telegram's toast,
//! shown at once) comes before the message the press brings, on LINE a message of its own.
//! A person who blocked the bot: what is owed to them is tried once, kept with LINE's refusal,
//! and nothing else changes.

use std::time::Duration;

use crate::line_push_outcomes::pushes_to;
use crate::line_report_cards::reported_card_action;
use crate::support::fake_line::{group_source, user_source};
use crate::support::line_app::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_card_confirmed_twice_comes_anew_without_its_photo_and_the_second_press_is_told() {
    let mut app = spawn_line_app().await;
    let donor = public();
    let confirm = reported_card_action(&app, "7301", ":r:ok:").await;
    let images = |app: &LineApp| {
        app.line
            .delivered_to(&staff_group())
            .iter()
            .filter(|d| d.message["type"] == "image")
            .count()
    };
    assert_eq!(images(&app), 1, "the slip, above the card");

    let press = || {
        app.line
            .postback(group_source(&staff_group(), &staff()), &confirm)
    };
    app.send(&[press()]).await;
    app.line
        .wait_for_text(&staff_group(), "ยืนยันรับรายการ R1 แล้ว")
        .await;
    // A flex card buttons stay on LINE: pressed again.
    app.send(&[press()]).await;
    app.line
        .wait_for_text(&staff_group(), "ได้รับการดำเนินการไปแล้ว")
        .await;
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let cards = app
        .line
        .delivered_to(&staff_group())
        .into_iter()
        .filter(|d| d.message["type"] == "flex" && d.text().contains("แจ้งบริจาคจากผู้บริจาค"))
        .count();
    assert_eq!(cards, 2, "posted, then as it stands once confirmed");
    assert_eq!(images(&app), 1, "the slip is not sent again with the card");
    assert_eq!(app.line.count_containing(&donor, "หลักฐานการรับบริจาค"), 1);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_buttons_notice_comes_before_what_the_press_brings() {
    let mut app = spawn_line_app().await;
    let me = public();
    // A topic's button from a list sent before the topic was emptied.
    let before = app.line.delivered_to(&me).len();
    app.send(&[app.line.postback(user_source(&me), "faq:t:999999:0")])
        .await;
    app.line.wait_for_text(&me, "เลือกหมวดที่ต้องการ").await;
    let answers: Vec<String> = app.line.delivered_to(&me)[before..]
        .iter()
        .map(|d| d.text())
        .collect();
    assert!(
        answers[0].contains("หมวดนี้ไม่มีคำถามแล้ว"),
        "the notice first: {answers:#?}"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_donor_who_blocked_the_bot_is_tried_once_and_nothing_else_changes() {
    let mut app = spawn_line_app().await;
    let donor = public();
    let confirm = reported_card_action(&app, "7302", ":r:ok:").await;
    // The donor blocks the bot: LINE says so with an unfollow event, and refuses pushes.
    let unfollow = app.line.event(
        user_source(&donor),
        "unfollow",
        ("unfollow", serde_json::json!({})),
    );
    app.send(&[unfollow]).await;
    app.line.remove_bot(&donor);
    app.send(&[app
        .line
        .postback(group_source(&staff_group(), &staff()), &confirm)])
        .await;
    app.line
        .wait_for_text(&staff_group(), "ยืนยันรับรายการ R1 แล้ว")
        .await;
    for _ in 0..10 {
        app.clock.advance(chrono::Duration::minutes(10));
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    let (tries, _) = pushes_to(&app, &donor);
    assert_eq!(tries, [400], "tried once, not again");
    assert_eq!(
        app.count("SELECT count(*) FROM outbox WHERE last_error IS NOT NULL"),
        1,
        "kept with its error for /status"
    );
    assert_eq!(
        app.count("SELECT count(*) FROM groups WHERE suspended_at IS NOT NULL"),
        0,
        "a person's chat is no group the bot was removed from"
    );
    // The staff group goes on as before.
    app.in_staff_group(&staff(), "บริจาค 10 บาท จาก นายดำ เพื่อ ทุนการศึกษา")
        .await;
    app.line.wait_for_text(&staff_group(), "เลขที่ 2/2569").await;
    app.stop().await;
}
