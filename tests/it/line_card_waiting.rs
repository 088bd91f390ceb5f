//! A card changed while its first push to a LINE chat still waits (the month's quota used
//! up): when the push goes, it shows the card as it stands then, not as first posted, and
//! goes once (issue 18's last gap, found with issue 17's edits). And the filer's own answer
//! is the reply even when another chat's message comes first. On the fake LINE platform.

use crate::line_quota::settle;
use crate::support::fake_line::{Via, group_id, group_source, user_id};
use crate::support::line_app::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_case_card_changed_while_its_push_waits_goes_out_as_it_stands() {
    let mut app = spawn_line_app().await;
    let officers = group_id(2);
    app.register_officers_group(&officers).await;
    app.line.set_quota(Some(0));
    settle(&app).await;

    // Filed while pushes wait: the filer is answered by replies, the card waits.
    let filer = user_id(0x7003);
    app.line.set_name(&filer, "ผู้แจ้ง สาม");
    app.line
        .set_content("9303", b"\xff\xd8\xff\xe0 jpeg".to_vec());
    let confirmed = app.file_tipoff(&filer, "ครูเก็บเงินค่าชมรมซ้ำซ้อน", "9303").await;
    // The filer's answer (the tracking code) is the reply, though the officers' card comes
    // first among what the filing owes: replies are free.
    assert_eq!(confirmed.via, Via::Reply, "{}", confirmed.text());
    assert!(
        confirmed.text().contains("รหัสติดตาม"),
        "{}",
        confirmed.text()
    );
    let cards = |app: &LineApp| {
        app.line
            .delivered_to(&officers)
            .into_iter()
            .filter(|d| d.message["type"] == "flex" && d.text().contains("ครูเก็บเงินค่าชมรม"))
            .collect::<Vec<_>>()
    };
    assert!(cards(&app).is_empty(), "the card waits for the quota");

    // An officer moves the case on by a typed command (answered by a reply, which is free).
    app.line.add_member(&officers, &user_id(6), "เจ้าหน้าที่ สาม");
    let typed = app.line.text(
        group_source(&officers, &user_id(6)),
        "สถานะ ร-2569-0001 กำลังดำเนินการ",
    );
    app.send(&[typed]).await;
    app.line
        .wait_for_text(&officers, "ร-2569-0001: กำลังดำเนินการ")
        .await;

    app.line.set_quota(Some(1000));
    settle(&app).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while cards(&app).is_empty() {
        assert!(std::time::Instant::now() < deadline, "the card never came");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    settle(&app).await;
    let cards = cards(&app);
    assert_eq!(cards.len(), 1, "the card once");
    assert!(
        cards[0].text().contains("กำลังดำเนินการ"),
        "as it stands now: {}",
        cards[0].text()
    );
    assert_eq!(app.count("SELECT count(*) FROM outbox"), 0);
    app.stop().await;
}
