//! An answer longer than one LINE reply holds (5 messages): a case with a long exchange,
//! viewed by an officer in a LINE group. The reply carries its first five messages (free,
//! also while pushes wait for the quota); the rest is pushed; each message once, in order.

use std::time::{Duration, Instant};

use crate::line_card_in_flight::officers_and_a_tipoff;
use crate::line_push_outcomes::pushes_to;
use crate::support::fake_line::{Delivered, Via, group_source, user_source};
use crate::support::line_app::*;

/// A filed case (ร-2569-0001) with a long exchange, an officers' group on LINE with an
/// officer in it; the group and the officer.
async fn case_with_a_long_exchange(app: &LineApp) -> (String, String) {
    let (officers, officer, filer) =
        officers_and_a_tipoff(app, 4, "ครูเรียกเก็บเงินค่าเรียนพิเศษในเวลาเรียน").await;
    app.step(
        &filer,
        app.line.postback(user_source(&filer), "complaints:confirm"),
    )
    .await;
    app.line.wait_for_text(&officers, "ร-2569-0001").await;
    // Weeks of questions and answers between the office and the filer, each long.
    let conn = rusqlite::Connection::open(app.dir.path().join("bot.sqlite3")).unwrap();
    for n in 0..16 {
        let author = if n % 2 == 0 { "office" } else { "filer" };
        let body = format!("ข้อความที่ {n} {}", "รายละเอียดเพิ่มเติม ".repeat(95));
        conn.execute(
            "INSERT INTO complaint_messages (case_id, day, author, body) VALUES (1, '2026-06-15', ?1, ?2)",
            rusqlite::params![author, body],
        )
        .unwrap();
    }
    (officers, officer)
}

/// The officer views the case; what the group received for it, once it has all come and
/// nothing more came after, with every message of the exchange checked once and in order.
async fn view_the_case(app: &LineApp, officers: &str, officer: &str) -> Vec<Delivered> {
    let before = app.line.delivered_to(officers).len();
    app.send(&[app
        .line
        .text(group_source(officers, officer), "ดูเรื่อง ร-2569-0001")])
        .await;
    let deadline = Instant::now() + WAIT;
    let answer = loop {
        let answer = app.line.delivered_to(officers)[before..].to_vec();
        if answer.iter().any(|d| d.text().contains("ข้อความที่ 15")) && answer.len() > 6
        {
            break answer;
        }
        assert!(Instant::now() < deadline, "the history never came whole");
        // A push that failed is tried again after the outbox's backoff on the bot's clock.
        app.clock.advance(chrono::Duration::seconds(10));
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let answer_now = app.line.delivered_to(officers)[before..].to_vec();
    assert_eq!(
        answer_now.len(),
        answer.len(),
        "nothing more, nothing twice"
    );
    for n in 0..16 {
        let copies = answer
            .iter()
            .filter(|d| d.text().contains(&format!("ข้อความที่ {n} ")))
            .count();
        assert_eq!(copies, 1, "message {n} once");
    }
    let text: String = answer.iter().map(|d| d.text()).collect();
    let order: Vec<usize> = (0..16)
        .map(|n| text.find(&format!("ข้อความที่ {n} ")).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "in order");
    assert!(app.line.beyond_limits().is_empty());
    assert_eq!(app.count("SELECT count(*) FROM outbox"), 0);
    assert_eq!(app.count("SELECT count(*) FROM line_push_keys"), 0);
    answer
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_case_history_longer_than_a_reply_starts_by_reply_and_is_pushed_on_once() {
    let mut app = spawn_line_app().await;
    let (officers, officer) = case_with_a_long_exchange(&app).await;
    let answer = view_the_case(&app, &officers, &officer).await;
    let vias: Vec<bool> = answer.iter().map(|d| d.via == Via::Reply).collect();
    assert_eq!(&vias[..5], &[true; 5], "the first five by reply: {vias:?}");
    assert!(
        vias[5..].iter().all(|reply| !reply),
        "the rest pushed: {vias:?}"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rest_of_a_long_answer_pushed_again_after_a_failure_leaves_out_what_the_reply_took() {
    let mut app = spawn_line_app().await;
    let (officers, officer) = case_with_a_long_exchange(&app).await;
    app.line.fail_next_pushes(&[500]);
    let answer = view_the_case(&app, &officers, &officer).await;
    assert!(answer[..5].iter().all(|d| d.via == Via::Reply));
    let (statuses, _) = pushes_to(&app, &officers);
    assert!(
        statuses.contains(&500),
        "a push failed on the way: {statuses:?}"
    );
    app.stop().await;
}
