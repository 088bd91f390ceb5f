//! End to end over the fake LINE Platform: the real webhook server, workers and sender.

use crate::support::fake_line::{Via, group_source};
use crate::support::line_app::*;

const DONATION: &str = "บริจาค 1,250.50 บาท จาก นายสมชาย ใจดี เพื่อ ทุนการศึกษา";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_or_missing_signature_is_refused_and_nothing_is_stored() {
    let mut app = spawn_line_app().await;
    let event = app
        .line
        .text(group_source(&staff_group(), &staff()), DONATION);
    let wrong = app
        .line
        .post_signed(&app.webhook, std::slice::from_ref(&event), "not-the-secret")
        .await;
    assert_eq!(wrong, 401);
    let body = serde_json::json!({ "events": [event] })
        .to_string()
        .into_bytes();
    assert_eq!(app.line.post_raw(&app.webhook, body, None).await, 401);
    // Signed but not JSON: refused without a panic, and the server goes on.
    let garbage = b"{not json".to_vec();
    let signature =
        khetbot::line::signature::sign(crate::support::fake_line::SECRET.as_bytes(), &garbage);
    assert_eq!(
        app.line
            .post_raw(&app.webhook, garbage, Some(&signature))
            .await,
        400
    );
    assert_eq!(app.count("SELECT count(*) FROM line_events"), 0);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(app.line.delivered().is_empty());
    // The console's Verify request: no events, 200.
    app.send(&[]).await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_donation_recorded_in_a_line_staff_group_is_answered_by_reply() {
    let mut app = spawn_line_app().await;
    app.register_staff_group().await;
    app.in_staff_group(&staff(), DONATION).await;
    let proof = app.line.wait_for_text(&staff_group(), "เลขที่ 1/2569").await;
    assert_eq!(proof.via, Via::Reply);
    let text = proof.text();
    for expected in ["ได้รับจาก: นายสมชาย ใจดี", "1,250.50 บาท", "ผู้บันทึก: สมศรี ใจดี"]
    {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    assert!(!text.contains('<'), "no HTML reaches LINE: {text}");
    // Someone outside the registered groups is refused politely in a one-to-one chat.
    app.send(&[app
        .line
        .text(crate::support::fake_line::user_source(&public()), DONATION)])
        .await;
    let refusal = app.line.wait_for_text(&public(), "").await;
    assert!(!refusal.text().contains("เลขที่"), "{}", refusal.text());
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redelivered_event_changes_nothing_twice() {
    let mut app = spawn_line_app().await;
    app.register_staff_group().await;
    let event = app
        .line
        .text(group_source(&staff_group(), &staff()), DONATION);
    app.send(std::slice::from_ref(&event)).await;
    app.line.wait_for_text(&staff_group(), "เลขที่ 1/2569").await;
    let mut again = event.clone();
    again["deliveryContext"]["isRedelivery"] = true.into();
    app.send(&[again]).await;
    app.in_staff_group(&staff(), "บริจาค 10 บาท จาก นายดำ เพื่อ สำนักงาน")
        .await;
    app.line.wait_for_text(&staff_group(), "เลขที่ 2/2569").await;
    let proofs = app.line.count_containing(&staff_group(), "นายสมชาย");
    assert_eq!(
        proofs, 1,
        "the redelivery recorded nothing and sent nothing"
    );
    assert_eq!(app.count("SELECT count(*) FROM line_events"), 3);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_reply_token_falls_back_to_one_push_with_a_retry_key() {
    let mut app = spawn_line_app().await;
    app.register_staff_group().await;
    app.line.expire_reply_tokens(true);
    app.in_staff_group(&staff(), DONATION).await;
    let proof = app.line.wait_for_text(&staff_group(), "เลขที่ 1/2569").await;
    let Via::Push { retry_key } = &proof.via else {
        panic!("pushed after the reply token was refused: {proof:?}");
    };
    assert_eq!(retry_key.len(), 36, "a UUID: {retry_key}");
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let copies = app.line.count_containing(&staff_group(), "เลขที่ 1/2569");
    assert_eq!(copies, 1);
    assert_eq!(app.count("SELECT count(*) FROM outbox"), 0);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rate_limited_push_is_retried_with_its_key_and_a_refused_one_stops() {
    let mut app = spawn_line_app().await;
    app.register_staff_group().await;
    app.line.expire_reply_tokens(true);
    app.line.fail_next_pushes(&[429, 500]);
    app.in_staff_group(&staff(), DONATION).await;
    // Each retry waits for the outbox's backoff on the bot's clock.
    for _ in 0..40 {
        if !app
            .line
            .delivered_to(&staff_group())
            .iter()
            .any(|d| d.text().contains("เลขที่ 1/2569"))
        {
            app.clock.advance(chrono::Duration::seconds(10));
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        }
    }
    app.line.wait_for_text(&staff_group(), "เลขที่ 1/2569").await;
    let tries: Vec<_> = app
        .line
        .push_requests()
        .into_iter()
        .filter(|(to, _, _)| *to == staff_group())
        .collect();
    let statuses: Vec<u16> = tries.iter().map(|(_, _, s)| *s).collect();
    assert_eq!(statuses, [429, 500, 200], "{tries:?}");
    assert!(
        tries.iter().all(|(_, key, _)| key == &tries[0].1),
        "one retry key for every try of the message: {tries:?}"
    );

    // A refusal that is not a limit (400) is recorded and not retried.
    app.line.fail_next_pushes(&[400]);
    app.in_staff_group(&staff(), "บริจาค 10 บาท จาก นายดำ เพื่อ สำนักงาน")
        .await;
    for _ in 0..10 {
        app.clock.advance(chrono::Duration::minutes(10));
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let refused = app
        .line
        .push_requests()
        .into_iter()
        .filter(|(_, _, status)| *status == 400)
        .count();
    assert_eq!(refused, 1, "tried once, not again");
    assert_eq!(
        app.count("SELECT count(*) FROM outbox WHERE last_error LIKE '%400%'"),
        1,
        "kept with its error for /status"
    );
    app.stop().await;
}
