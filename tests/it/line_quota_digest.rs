//! The morning where LINE pushes are used up (issue 18): what the morning posts to a LINE
//! group waits as one message instead of one per item, and goes out as one push when the
//! quota allows again, with nothing left out.

use crate::support::harness::bangkok;
use crate::support::line_app::*;

async fn settle(app: &LineApp) {
    // The bot reads the quota every five minutes of its clock, and sweeps every second.
    app.clock.advance(chrono::Duration::minutes(6));
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
}

fn pushes_to(app: &LineApp, chat: &str) -> usize {
    app.line
        .push_requests()
        .iter()
        .filter(|(to, _, status)| to == chat && *status == 200)
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_quota_used_up_the_morning_waits_as_one_message_per_group() {
    let mut app = spawn_line_app().await;
    app.register_staff_group().await;
    for title in ["ส่งรายงานผลการจัดสรรทุน", "ส่งแบบสำรวจโต๊ะเก้าอี้"]
    {
        app.in_staff_group(&staff(), &format!("เพิ่มกำหนดการ 8 ก.ค. 2569 {title}"))
            .await;
        app.line.wait_for_text(&staff_group(), title).await;
    }
    // Earlier reminders of the two deadlines go out while the quota allows.
    app.clock.set(bangkok(2026, 7, 8, 7, 0));
    tokio::time::sleep(std::time::Duration::from_millis(3000)).await;
    app.line.set_quota(Some(0));
    settle(&app).await;

    // Their due-day reminders fall due together, with the rest of the morning.
    app.clock.set(bangkok(2026, 7, 8, 8, 30));
    let staff_chat = khetbot::line::core_id(&staff_group());
    let waiting = format!("SELECT count(*) FROM outbox WHERE chat_id = {staff_chat}");
    for _ in 0..200 {
        if app.count(&waiting) > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(app.count(&waiting), 1, "one message waits for the group");

    let before = pushes_to(&app, &staff_group());
    app.line.set_quota(Some(1000));
    settle(&app).await;
    let digest = app
        .line
        .wait_for_text(&staff_group(), "ส่งรายงานผลการจัดสรรทุน")
        .await;
    settle(&app).await;
    assert_eq!(pushes_to(&app, &staff_group()) - before, 1, "one push");
    let pushed: String = app
        .line
        .delivered_to(&staff_group())
        .iter()
        .filter(|d| d.at >= digest.at)
        .map(|d| d.text())
        .collect();
    for title in ["ส่งรายงานผลการจัดสรรทุน", "ส่งแบบสำรวจโต๊ะเก้าอี้"]
    {
        assert!(pushed.contains(title), "{title} left out: {pushed}");
    }
    assert_eq!(app.count(&waiting), 0);
    app.stop().await;
}
