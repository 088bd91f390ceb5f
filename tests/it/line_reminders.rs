//! Reminders on LINE: the periodic tick run by the LINE adapter pushes each due-day reminder
//! to the LINE staff group once, with a retry key.

use crate::support::fake_line::Via;
use crate::support::harness::bangkok;
use crate::support::line_app::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn due_day_reminders_are_pushed_to_the_line_staff_group_once() {
    let mut app = spawn_line_app().await;
    app.register_staff_group().await;
    app.in_staff_group(&staff(), "เริ่มงาน ทุนการศึกษา 1 ก.ค. 2569")
        .await;
    app.line.wait_for_text(&staff_group(), "5 ส.ค. 2569").await;
    let heading = "#1 ทุนการศึกษา (1/5) กำหนดนโยบายแนวปฏิบัติ";
    app.clock.set(bangkok(2026, 7, 8, 8, 30));
    let due_today = |d: &crate::support::fake_line::Delivered| {
        d.text().contains("วันนี้ครบกำหนด") && d.text().contains(heading)
    };
    let mut reminder = None;
    for _ in 0..500 {
        reminder = app
            .line
            .delivered_to(&staff_group())
            .into_iter()
            .find(due_today);
        if reminder.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let reminder = reminder.expect("the due-day reminder of step 1");
    assert!(
        matches!(reminder.via, Via::Push { .. }),
        "a reminder answers no event"
    );
    // Later ticks of the same morning send nothing again.
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    let copies = app
        .line
        .delivered_to(&staff_group())
        .iter()
        .filter(|d| due_today(d))
        .count();
    assert_eq!(copies, 1);
    app.stop().await;
}
