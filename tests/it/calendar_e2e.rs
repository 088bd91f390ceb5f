//! The calendar end to end: the real dispatcher, Throttle, outbox and periodic tick against the
//! fake Bot API, with the manual clock moved from one reminder morning to the next.

use std::time::{Duration, Instant};

use crate::support::app::*;
use crate::support::fake_telegram::ApiCall;
use crate::support::harness::*;

/// Texts sent to the staff group that contain every one of `needles`.
fn staff_texts_with(app: &TestApp, needles: &[&str]) -> Vec<String> {
    app.tg
        .sent_texts(STAFF_GROUP)
        .into_iter()
        .filter(|t| needles.iter().all(|n| t.contains(n)))
        .collect()
}

/// The inline button callback data of a sendMessage call.
fn callback_data(call: &ApiCall) -> Vec<String> {
    call.params["reply_markup"]["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row.as_array().into_iter().flatten())
        .filter_map(|button| button["callback_data"].as_str().map(str::to_string))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_scholarship_template_reminds_the_staff_group_of_each_step_on_its_day() {
    let mut app = spawn_app().await;
    let staff = Person::staff();
    app.tg
        .push_text(&staff_chat(), &user(&staff), "เริ่มงาน ทุนการศึกษา 1 ก.ค. 2569");
    let started = app.wait_for_text(STAFF_GROUP, "5 ส.ค. 2569").await;
    assert!(
        started.contains("#5 ทุนการศึกษา (5/5) รายงานผลการดำเนินงาน"),
        "{started}"
    );
    // Each step's last reminder, on its day; step 4 is due on Wednesday 29 July, Asalha Bucha,
    // between the King's birthday and Khao Phansa: the office is closed, so its reminder goes
    // out on Monday 27, the working day before.
    let steps = [
        (1, "กำหนดนโยบายแนวปฏิบัติ", 7, 8, "วันนี้ครบกำหนด"),
        (2, "กำหนดรายละเอียดแจ้งสถานศึกษา", 7, 15, "วันนี้ครบกำหนด"),
        (3, "แต่งตั้งคณะกรรมการพิจารณาจัดสรร", 7, 22, "วันนี้ครบกำหนด"),
        (4, "จัดสรรตามรายละเอียดที่กำหนด", 7, 27, "อีก 2 วันครบกำหนด"),
        (5, "รายงานผลการดำเนินงาน", 8, 5, "วันนี้ครบกำหนด"),
    ];
    for (number, title, month, day, words) in steps {
        let heading = format!("#{number} ทุนการศึกษา ({number}/5) {title}");
        assert!(
            staff_texts_with(&app, &[words, &heading]).is_empty(),
            "step {number} announced as due before its day"
        );
        app.clock.set(bangkok(2026, month, day, 8, 30));
        app.tg
            .wait_for(
                &format!("the due-day reminder of step {number}"),
                WAIT,
                |calls| {
                    calls.iter().any(|c| {
                        c.method.eq_ignore_ascii_case("sendMessage")
                            && c.chat_id() == Some(STAFF_GROUP)
                            && c.params["text"]
                                .as_str()
                                .is_some_and(|t| t.contains(words) && t.contains(&heading))
                    })
                },
            )
            .await;
        let call = app
            .tg
            .calls_of("sendMessage")
            .into_iter()
            .rev()
            .find(|c| {
                c.params["text"]
                    .as_str()
                    .is_some_and(|t| t.contains(&heading))
            })
            .unwrap();
        assert_eq!(
            callback_data(&call),
            vec![
                format!("calendar:done:{number}"),
                format!("calendar:snooze:{number}")
            ]
        );
        // The office finishes the step on its day.
        app.tg
            .push_text(&staff_chat(), &user(&staff), &format!("เสร็จ {number}"));
        app.tg
            .wait_for(&format!("step {number} marked done"), WAIT, |_| {
                !staff_texts_with(&app, &[&heading, "บันทึกว่าเสร็จแล้ว"]).is_empty()
            })
            .await;
    }
    for (number, _, _, _, words) in steps {
        let last = staff_texts_with(&app, &[words, &format!("#{number} ทุนการศึกษา")]);
        assert_eq!(last.len(), 1, "{last:#?}");
        assert!(!last[0].contains("แจ้งล่าช้า"), "{}", last[0]);
    }
    // Each next step was announced a week ahead on the same mornings, once; step 5's week
    // ahead (29 July) went out with step 4's reminder on Monday 27, nine days ahead.
    assert_eq!(staff_texts_with(&app, &["อีก 7 วันครบกำหนด"]).len(), 3);
    assert_eq!(
        staff_texts_with(&app, &["อีก 9 วันครบกำหนด", "#5 ทุนการศึกษา"]).len(),
        1
    );
    assert!(
        app.tg.rate_violations().is_empty(),
        "{:?}",
        app.tg.rate_violations()
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_from_telegram_delays_a_reminder_but_never_loses_or_repeats_it() {
    let mut app = spawn_app().await;
    let staff = Person::staff();
    app.tg.push_text(
        &staff_chat(),
        &user(&staff),
        "เพิ่มกำหนดการ 25 มิ.ย. 2569 ส่งรายงานผลการจัดสรรทุน",
    );
    app.wait_for_text(STAFF_GROUP, "บันทึกกำหนดการแล้ว").await;
    let attempts_before = app.tg.calls_of("sendMessage").len();
    app.tg.fail_next("sendMessage", 2, 1);
    let moved_at = Instant::now();
    app.clock.set(bangkok(2026, 6, 18, 8, 30));
    let reminder = app.wait_for_text(STAFF_GROUP, "อีก 7 วันครบกำหนด").await;
    assert!(reminder.contains("#1 ส่งรายงานผลการจัดสรรทุน"), "{reminder}");
    assert!(
        moved_at.elapsed() >= Duration::from_secs(2),
        "both retry_after answers were waited out"
    );
    assert_eq!(
        app.tg.calls_of("sendMessage").len() - attempts_before,
        3,
        "two refused attempts, one delivered"
    );
    // Later ticks and the outbox sweep send nothing more.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(staff_texts_with(&app, &["อีก 7 วันครบกำหนด"]).len(), 1);
    assert!(app.core.due_deliveries(vec![]).await.unwrap().is_empty());
    app.stop().await;
}
