//! Answers in an anonymous filer's dialogue are sent directly (`Persist::Direct`): never
//! stored, so not in the outbox. On LINE the tracking code must still reach the filer when
//! its reply and its first pushes fail: the push is tried again from memory with the same
//! retry key (the bound in `src/line/deliver.rs`), and nothing about the filer is stored or
//! logged on the way.

use std::time::Duration;

use crate::complaints_support::{capture_logs, tracking_code};
use crate::line_anonymity::assert_no_trace_of;
use crate::support::fake_line::{Via, user_id, user_source};
use crate::support::line_app::*;

const NAME: &str = "ผู้แจ้งตอบตรงบนไลน์";
const ACCOUNT: &str = "มีการเรียกเก็บเงินค่าแบบฟอร์มโดยไม่มีประกาศ";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anonymous_filers_tracking_code_comes_by_reply() {
    let mut app = spawn_line_app().await;
    let filer = user_id(0xd1_0001);
    app.line.set_name(&filer, NAME);
    app.tipoff_up_to_confirm(&filer, ACCOUNT, None).await;
    let confirmation = app
        .step(
            &filer,
            app.line.postback(user_source(&filer), "complaints:confirm"),
        )
        .await;
    assert!(
        tracking_code(&confirmation.text()).is_some(),
        "{}",
        confirmation.text()
    );
    assert_eq!(
        confirmation.via,
        Via::Reply,
        "free, by the event's reply token"
    );
    assert!(
        app.line
            .push_requests()
            .iter()
            .all(|(to, _, _)| to != &filer)
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anonymous_filers_tracking_code_survives_a_refused_reply_and_failing_pushes() {
    capture_logs();
    let mut app = spawn_line_app().await;
    let filer = user_id(0xd1_0002);
    app.line.set_name(&filer, NAME);
    app.tipoff_up_to_confirm(&filer, ACCOUNT, None).await;

    // The last step's reply token is refused, and LINE fails the next three pushes.
    app.line.expire_reply_tokens(true);
    app.line.fail_next_pushes(&[500, 503, 429]);
    let confirm = app.line.postback(user_source(&filer), "complaints:confirm");
    app.send(&[confirm]).await;
    let confirmation = app.line.wait_for_text(&filer, "ส่งเรื่องถึงเจ้าหน้าที่แล้ว").await;
    let code = tracking_code(&confirmation.text());
    assert!(code.is_some(), "the code arrives: {}", confirmation.text());
    // Anything repeated would show by now.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let with_code: Vec<_> = app
        .line
        .delivered_to(&filer)
        .into_iter()
        .filter(|d| tracking_code(&d.text()) == code)
        .collect();
    assert_eq!(with_code.len(), 1, "delivered once");
    let tries: Vec<(Option<String>, u16)> = app
        .line
        .push_requests()
        .into_iter()
        .filter(|(to, _, _)| to == &filer)
        .map(|(_, key, status)| (key, status))
        .collect();
    let statuses: Vec<u16> = tries.iter().map(|(_, status)| *status).collect();
    assert_eq!(statuses, [500, 503, 429, 200], "tried until LINE took it");
    assert!(
        tries
            .iter()
            .all(|(key, _)| key.is_some() && key == &tries[0].0),
        "every try with the same retry key, so LINE delivers it once: {tries:?}"
    );

    let db = std::fs::read(app.dir.path().join("bot.sqlite3")).unwrap();
    let wal = std::fs::read(app.dir.path().join("bot.sqlite3-wal")).unwrap_or_default();
    app.stop().await;
    assert_no_trace_of(&filer, NAME, &[("WAL", &wal), ("database", &db)]);
}
