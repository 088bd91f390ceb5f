//! SIGKILL of the real binary while it answers an event that owes a reply and a card sent
//! anew to a group (whose change of the earlier copy is dropped as needless on LINE): after
//! the restart the reply owed is sent once, the new card once, and no pointer to it.

use std::time::Duration;

use crate::line_crash::{start_bot, start_with_staff_group, wait_for_webhook, webhook_of};
use crate::line_telegram::report_transfer;
use crate::support::fake_line::{FakeLine, group_id, group_source, user_id, user_source};
use crate::support::process::{signal, wait_until};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_before_the_reply_of_an_event_that_drops_a_card_change_repeats_nothing() {
    let line = FakeLine::start().await;
    let dir = tempfile::tempdir().unwrap();
    let (mut bot, db, address) = start_with_staff_group(&line, dir.path()).await;
    let webhook = webhook_of(&address);
    let (group, staff, donor) = (group_id(1), user_id(2), user_id(3));
    line.set_name(&donor, "ผู้บริจาค ใจบุญ");
    line.set_content("7201", b"\xff\xd8\xff slip".to_vec());
    let post = |event| {
        let (line, webhook) = (line.clone(), webhook.clone());
        async move { assert_eq!(line.post(&webhook, &[event]).await, 200) }
    };

    report_transfer(&line, &webhook, &donor, "7201").await;
    let card = line.wait_for_text(&group, "แจ้งบริจาคจากผู้บริจาค").await;
    let (_, more) = card
        .postbacks()
        .into_iter()
        .find(|(_, data)| data.contains(":r:more:"))
        .expect("the card asks for more");
    post(line.postback(group_source(&group, &staff), &more)).await;
    line.wait_for_text(&group, "ต้องการข้อมูลใดเพิ่มเติม").await;
    post(line.text(group_source(&group, &staff), "ขอชื่อธนาคารที่โอนด้วยค่ะ")).await;
    let check = line.wait_for_text(&group, "ตรวจสอบก่อนส่ง").await;
    let (_, send) = check
        .postbacks()
        .into_iter()
        .find(|(_, data)| data.contains(":r:msg:send"))
        .expect("the check sends");
    post(line.postback(group_source(&group, &staff), &send)).await;
    line.wait_for_text(&donor, "ขอชื่อธนาคารที่โอนด้วยค่ะ").await;

    // The donor's answer owes them a reply and the group the card anew. LINE holds the reply
    // call without taking it; the bot is killed meanwhile.
    line.stall_next_reply(false);
    let calls = line.reply_calls();
    post(line.text(user_source(&donor), "ธนาคารกรุงไทย")).await;
    wait_until("the reply call", || line.reply_calls() > calls).await;
    signal(&bot.0, "KILL");
    let _ = bot.0.wait();

    let mut bot = start_bot(&line, &db, &address);
    wait_for_webhook(&line, &webhook).await;
    let answered = "ส่งข้อมูลเพิ่มเติมของรายการ";
    line.wait_for_text(&donor, answered).await;
    line.wait_for_text(&group, "ธนาคารกรุงไทย").await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(
        line.count_containing(&donor, answered),
        1,
        "the reply owed, once"
    );
    assert_eq!(
        line.count_containing(&group, "ธนาคารกรุงไทย"),
        1,
        "the new card, once"
    );
    assert_eq!(
        line.count_containing(&group, "การ์ดใหม่"),
        0,
        "no pointer to it"
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    let owed: i64 = conn
        .query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))
        .unwrap();
    assert_eq!(owed, 0, "nothing left owed");
    signal(&bot.0, "TERM");
    let _ = bot.0.wait();
}
