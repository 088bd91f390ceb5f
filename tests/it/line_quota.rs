//! The monthly push quota: read by the bot, shown by /status, announced to the admins; when
//! used up, pushes wait in the outbox and go out once each when the quota allows again.

use crate::support::fake_line::{Via, user_source};
use crate::support::line_app::*;

/// Lets the bot read the quota again and sweep the outbox.
pub async fn settle(app: &LineApp) {
    // The bot reads the quota every five minutes of its clock, and sweeps every second.
    app.clock.advance(chrono::Duration::minutes(6));
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pushes_wait_while_the_quota_is_used_up_and_none_is_lost_or_repeated() {
    let mut app = spawn_line_app().await;
    app.register_staff_group().await;
    app.line.set_quota(Some(3));
    settle(&app).await;
    app.line.expire_reply_tokens(true);
    for n in 1..=4 {
        app.in_staff_group(&staff(), &format!("บริจาค {n}00 บาท จาก นายดำ เพื่อ สำนักงาน"))
            .await;
    }
    for n in 1..=3 {
        app.line
            .wait_for_text(&staff_group(), &format!("เลขที่ {n}/2569"))
            .await;
    }
    settle(&app).await;
    let pushed = |needle: &str| {
        app.line
            .delivered_to(&staff_group())
            .iter()
            .filter(|d| d.text().contains(needle) && matches!(d.via, Via::Push { .. }))
            .count()
    };
    assert_eq!(pushed("เลขที่ 4/2569"), 0, "the fourth waits for the quota");

    // The admin asks for the status in a one-to-one chat: a reply, which is free.
    app.line.expire_reply_tokens(false);
    app.send(&[app.line.text(user_source(&admin()), "/status")])
        .await;
    let status = app.line.wait_for_text(&admin(), "LINE:").await;
    assert!(status.text().contains("3 จากโควตา 3"), "{}", status.text());
    assert_eq!(status.via, Via::Reply);

    // A new month (or a larger plan): what waited goes out, once.
    app.line.set_quota(Some(1000));
    settle(&app).await;
    app.line.wait_for_text(&staff_group(), "เลขที่ 4/2569").await;
    let warning = app.line.wait_for_text(&admin(), "โควตาข้อความ LINE").await;
    assert!(warning.text().contains("ครบแล้ว"), "{}", warning.text());
    settle(&app).await;
    for n in 1..=4 {
        assert_eq!(pushed(&format!("เลขที่ {n}/2569")), 1, "proof {n} once");
    }
    assert_eq!(app.count("SELECT count(*) FROM outbox"), 0);
    app.stop().await;
}
