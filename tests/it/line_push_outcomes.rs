//! How a push ends, on both of the sender's paths: an outbox row, and a direct message (an
//! anonymous filer's answer, never stored). LINE took a push whose answer was lost: tried
//! again with the same retry key, LINE answers 409 and the message is not delivered twice.
//! A push LINE refuses (4xx) is not tried again. (429 and 5xx: `line_e2e.rs`,
//! `line_direct_answers.rs`.)

use std::time::Duration;

use crate::complaints_support::tracking_code;
use crate::support::fake_line::{group_source, user_id, user_source};
use crate::support::line_app::*;

const ACCOUNT: &str = "มีการเรียกเก็บเงินค่าคู่มือนักเรียนโดยไม่มีประกาศ";

/// The statuses LINE answered the pushes to `chat` with, and whether they all had one key.
pub fn pushes_to(app: &LineApp, chat: &str) -> (Vec<u16>, bool) {
    let tries: Vec<_> = app
        .line
        .push_requests()
        .into_iter()
        .filter(|(to, _, _)| to == chat)
        .collect();
    let one_key = tries
        .iter()
        .all(|(_, key, _)| key.is_some() && key == &tries[0].1);
    (
        tries.iter().map(|(_, _, status)| *status).collect(),
        one_key,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_owed_push_whose_answer_was_lost_is_delivered_once() {
    let mut app = spawn_line_app().await;
    app.register_staff_group().await;
    app.line.expire_reply_tokens(true);
    app.line.lose_next_push_answers(1);
    app.send(&[app.line.text(
        group_source(&staff_group(), &staff()),
        "บริจาค 500 บาท จาก นางสาวใจ งาม เพื่อ ทุนการศึกษา",
    )])
    .await;
    app.line.wait_for_text(&staff_group(), "เลขที่ 1/2569").await;
    // Retried after the outbox's backoff on the bot's clock.
    for _ in 0..20 {
        if app.count("SELECT count(*) FROM outbox") == 0 {
            break;
        }
        app.clock.advance(chrono::Duration::seconds(10));
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    assert_eq!(app.count("SELECT count(*) FROM outbox"), 0);
    assert_eq!(app.line.count_containing(&staff_group(), "เลขที่ 1/2569"), 1);
    let (statuses, one_key) = pushes_to(&app, &staff_group());
    assert_eq!(statuses, [500, 409]);
    assert!(one_key);
    app.stop().await;
}

/// An anonymous tip-off from `filer` confirmed with its reply token refused, so that its
/// answer (a direct message) is pushed, LINE's push set up by `set_up` first.
async fn confirm_by_push(filer: &str, set_up: impl FnOnce(&LineApp)) -> LineApp {
    let app = spawn_line_app().await;
    app.tipoff_up_to_confirm(filer, ACCOUNT, None).await;
    app.line.expire_reply_tokens(true);
    set_up(&app);
    app.send(&[app.line.postback(user_source(filer), "complaints:confirm")])
        .await;
    app
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_direct_push_whose_answer_was_lost_is_delivered_once() {
    let filer = user_id(0xd2_0001);
    let mut app = confirm_by_push(&filer, |app| app.line.lose_next_push_answers(1)).await;
    let confirmation = app.line.wait_for_text(&filer, "ส่งเรื่องถึงเจ้าหน้าที่แล้ว").await;
    let code = tracking_code(&confirmation.text());
    assert!(code.is_some());
    // The second try comes a second later.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let copies = app
        .line
        .delivered_to(&filer)
        .iter()
        .filter(|d| tracking_code(&d.text()) == code)
        .count();
    assert_eq!(copies, 1);
    let (statuses, one_key) = pushes_to(&app, &filer);
    assert_eq!(statuses, [500, 409]);
    assert!(one_key);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_direct_push_line_refuses_is_not_tried_again() {
    let filer = user_id(0xd2_0002);
    let mut app = confirm_by_push(&filer, |app| app.line.fail_next_pushes(&[400])).await;
    // Longer than the first two waits between tries (1 s, 2 s).
    tokio::time::sleep(Duration::from_millis(3500)).await;
    let (statuses, _) = pushes_to(&app, &filer);
    assert_eq!(statuses, [400], "refused once, not tried again");
    app.stop().await;
}
