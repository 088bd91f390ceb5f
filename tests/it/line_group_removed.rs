//! The bot removed from a registered LINE group, end to end against the fake LINE Platform,
//! as `telegram_group_removed.rs` on Telegram: a `leave` event, or a push LINE refuses
//! because the bot is no longer in the group, suspends the registration (not deleted), the
//! admins are told in their one-to-one chat (though they never wrote there), and what is owed
//! to the group is held, not retried, until a group is registered for the role again.

use std::time::Duration;

use crate::support::fake_line::{group_id, group_source, user_id};
use crate::support::line_app::*;

const ACCOUNT: &str = "ครูเก็บเงินค่าชุดเกินประกาศ";

fn officers_group() -> String {
    group_id(2)
}

/// The officers' registration: (suspended, core chat id).
fn officers_registration(app: &LineApp) -> (bool, i64) {
    let conn = rusqlite::Connection::open(app.dir.path().join("bot.sqlite3")).unwrap();
    conn.query_row(
        "SELECT suspended_at IS NOT NULL, chat_id FROM groups WHERE role = 'officers'",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

/// Push requests the bot made to `chat`.
fn pushes_to(app: &LineApp, chat: &str) -> usize {
    app.line
        .push_requests()
        .iter()
        .filter(|(to, _, _)| to == chat)
        .count()
}

/// Waits until `done` holds, for at most [`WAIT`].
async fn wait_until(what: &str, done: impl Fn() -> bool) {
    let deadline = std::time::Instant::now() + WAIT;
    while !done() {
        assert!(std::time::Instant::now() < deadline, "never: {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_leave_event_suspends_the_group_tells_the_admin_and_holds_the_card_for_the_next_group() {
    let mut app = spawn_line_app().await;
    app.register_officers_group(&officers_group()).await;

    app.line.remove_bot(&officers_group());
    app.send(&[app.line.leave(&officers_group())]).await;
    let told = app.line.wait_for_text(&admin(), "ไม่มีกลุ่มใดทำหน้าที่").await;
    assert!(
        told.text().contains("กลุ่มเจ้าหน้าที่รับเรื่อง"),
        "names the role: {}",
        told.text()
    );
    assert!(
        told.text().contains("ตั้งค่ากลุ่ม เจ้าหน้าที่รับเรื่อง"),
        "says how to register a group: {}",
        told.text()
    );
    assert_eq!(
        officers_registration(&app),
        (true, khetbot::line::core_id(&officers_group())),
        "suspended, not deleted"
    );
    // The same leave again (LINE redelivers) tells nobody twice.
    app.send(&[app.line.leave(&officers_group())]).await;

    let filer = user_id(0x7a01);
    app.line.set_name(&filer, "ผู้แจ้ง หลังบอทออก");
    let confirmation = app.file_tipoff(&filer, ACCOUNT, "7001").await;
    assert!(
        confirmation.text().contains("ร-2569-0001"),
        "{}",
        confirmation.text()
    );
    // Hours of sweeps later: the group LINE refuses is not pushed to again and again.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    // The card and its photo are each tried once at most, then held.
    let tried = pushes_to(&app, &officers_group());
    assert!(tried <= 2, "tried at most once each: {tried}");
    app.clock.advance(chrono::Duration::hours(2));
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(pushes_to(&app, &officers_group()), tried, "not retried");
    assert!(
        app.count("SELECT count(*) FROM outbox") >= 1,
        "the card is held"
    );

    let new_officers = group_id(3);
    app.register_officers_group(&new_officers).await;
    let card = app.line.wait_for_text(&new_officers, "ร-2569-0001").await;
    assert!(
        card.text().contains(ACCOUNT),
        "the held card: {}",
        card.text()
    );
    assert!(!officers_registration(&app).0, "the new group is active");
    assert_eq!(
        app.line.count_containing(&admin(), "ไม่มีกลุ่มใดทำหน้าที่"),
        1,
        "the admin is told once"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_line_refuses_for_a_group_the_bot_left_unseen_suspends_it_and_is_not_retried() {
    let mut app = spawn_line_app().await;
    app.register_officers_group(&officers_group()).await;
    // Removed while the bot was down: no leave event ever comes.
    app.line.remove_bot(&officers_group());

    let filer = user_id(0x7a02);
    app.line.set_name(&filer, "ผู้แจ้ง กลุ่มเงียบ");
    app.file_tipoff(&filer, ACCOUNT, "7002").await;
    let told = app.line.wait_for_text(&admin(), "ไม่มีกลุ่มใดทำหน้าที่").await;
    assert!(told.text().contains("กลุ่มเจ้าหน้าที่รับเรื่อง"), "{}", told.text());
    assert!(officers_registration(&app).0, "suspended");
    // The card and its photo, each refused once.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let refused = pushes_to(&app, &officers_group());
    assert!((1..=2).contains(&refused), "refused pushes: {refused}");
    app.clock.advance(chrono::Duration::hours(2));
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(pushes_to(&app, &officers_group()), refused, "not retried");

    // The bot is added back and the same group registered again: the card arrives there.
    app.line.restore_bot(&officers_group());
    app.send(&[app.line.text(
        group_source(&officers_group(), &admin()),
        "ตั้งค่ากลุ่ม เจ้าหน้าที่รับเรื่อง",
    )])
    .await;
    app.line
        .wait_for_text(&officers_group(), "ร-2569-0001")
        .await;
    wait_until("the outbox drained", || {
        app.count("SELECT count(*) FROM outbox") == 0
    })
    .await;
    app.stop().await;
}
