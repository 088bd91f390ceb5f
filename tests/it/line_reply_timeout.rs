//! A reply call LINE does not answer in time: its outcome is unknown, and the reply API has
//! no retry key. The answer must arrive, and at most twice (the stated bound, see
//! `src/line/deliver.rs`).

use std::time::{Duration, Instant};

use crate::support::fake_line::Via;
use crate::support::line_app::*;

const DONATION: &str = "บริจาค 1,250.50 บาท จาก นายสมชาย ใจดี เพื่อ ทุนการศึกษา";
const PROOF: &str = "เลขที่ 1/2569";

/// How each copy of the proof reached the staff group so far.
fn arrived(app: &LineApp) -> Vec<Via> {
    app.line
        .delivered_to(&staff_group())
        .into_iter()
        .filter(|d| d.text().contains(PROOF))
        .map(|d| d.via)
        .collect()
}

/// A donation in the staff group whose reply call LINE leaves unanswered (having delivered
/// it or not); how its proof arrived once `copies` came or after a while.
async fn donation_with_stalled_reply(delivered: bool, copies: usize) -> (LineApp, Vec<Via>) {
    let app = spawn_line_app().await;
    app.register_staff_group().await;
    app.line.stall_next_reply(delivered);
    app.in_staff_group(&staff(), DONATION).await;
    let deadline = Instant::now() + Duration::from_secs(45);
    while arrived(&app).len() < copies && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Anything still on its way would show now.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let proofs = arrived(&app);
    assert_eq!(app.count("SELECT count(*) FROM outbox"), 0);
    (app, proofs)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_that_timed_out_before_line_took_it_is_sent_once_by_its_token() {
    let (mut app, proofs) = donation_with_stalled_reply(false, 1).await;
    assert_eq!(proofs, [Via::Reply], "once, free: {proofs:?}");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_that_timed_out_after_line_delivered_it_is_repeated_at_most_once() {
    // Waiting for a third copy, which must not come.
    let (mut app, proofs) = donation_with_stalled_reply(true, 3).await;
    assert_eq!(
        proofs.len(),
        2,
        "the reply and one push at most: {proofs:?}"
    );
    assert_eq!(proofs[0], Via::Reply);
    let Via::Push { retry_key } = &proofs[1] else {
        panic!("the repeat is a push: {proofs:?}");
    };
    assert_eq!(retry_key.len(), 36, "with a retry key: {retry_key}");
    app.stop().await;
}
