//! A donor's report on LINE whose staff group is on LINE too: staff ask for more, the donor
//! answers, and a new card comes to the group. On Telegram the earlier card is edited to point
//! to the new one; LINE cannot edit, and that edit as a message of its own, right above the
//! new card, is noise: the group gets the new card only.

use std::time::Duration;

use crate::line_telegram::report_transfer;
use crate::support::fake_line::{group_source, user_source};
use crate::support::line_app::*;

/// The staff group registered, the donor `public()` reports a transfer with the slip photo
/// `slip` (a LINE message id): the postback data of the action of the staff's card that
/// contains `action` (`:r:more:`, `:r:ok:`).
pub async fn reported_card_action(app: &LineApp, slip: &str, action: &str) -> String {
    app.register_staff_group().await;
    app.line.set_content(slip, b"\xff\xd8\xff slip".to_vec());
    report_transfer(&app.line, &app.webhook, &public(), slip).await;
    let card = app
        .line
        .wait_for_text(&staff_group(), "แจ้งบริจาคจากผู้บริจาค")
        .await;
    card.postbacks()
        .into_iter()
        .map(|(_, data)| data)
        .find(|data| data.contains(action))
        .expect("the card offers the action")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_card_posted_again_comes_alone_without_the_earlier_cards_pointer() {
    let mut app = spawn_line_app().await;
    let donor = public();
    let more = reported_card_action(&app, "7101", ":r:more:").await;
    app.send(&[app
        .line
        .postback(group_source(&staff_group(), &staff()), &more)])
        .await;
    app.line
        .wait_for_text(&staff_group(), "ต้องการข้อมูลใดเพิ่มเติม")
        .await;
    app.in_staff_group(&staff(), "ขอชื่อธนาคารที่โอนด้วยค่ะ").await;
    let check = app.line.wait_for_text(&staff_group(), "ตรวจสอบก่อนส่ง").await;
    let (_, send) = check
        .postbacks()
        .into_iter()
        .find(|(_, data)| data.contains(":r:msg:send"))
        .expect("the check sends");
    app.send(&[app
        .line
        .postback(group_source(&staff_group(), &staff()), &send)])
        .await;
    app.line.wait_for_text(&donor, "ขอชื่อธนาคารที่โอนด้วยค่ะ").await;
    app.send(&[app.line.text(user_source(&donor), "ธนาคารกรุงไทย")])
        .await;
    let new_card = app.line.wait_for_text(&staff_group(), "ธนาคารกรุงไทย").await;
    assert!(
        new_card.text().contains("แจ้งบริจาคจากผู้บริจาค"),
        "{}",
        new_card.text()
    );
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_eq!(
        app.line.count_containing(&staff_group(), "การ์ดใหม่"),
        0,
        "no message pointing to the new card"
    );
    assert_eq!(
        app.count("SELECT count(*) FROM outbox"),
        0,
        "nothing left owed"
    );
    app.stop().await;
}
